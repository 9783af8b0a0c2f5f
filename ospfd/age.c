/* SPDX-License-Identifier: ISC */
/*
 * LSDB aging (RFC 2328 14): LS ages are computed from the install time, so an entry needs a
 * timer only for what happens at a given age: MaxAge (reflood, then removal once nobody
 * still has to acknowledge it), or, for our own LSAs, the refresh at LSRefreshTime.
 */
#include "flood.h"
#include "originate.h"

/* While a neighbor exchanges databases a MaxAge LSA stays (14); how often to look again. */
#define AGE_MAXAGE_RECHECK_MS 1000

struct lsa_hdr age_hdr_now(const struct lsa_entry *e)
{
	struct lsa_hdr h = e->inst->hdr;

	h.age = lsa_inst_age(e->inst, ospf_now(e->db->ospf));
	return h;
}

static void age_fire(void *arg);

/* RFC 2328 14: a MaxAge LSA leaves the database once it is on no retransmission list (the
 * LSDB's reference is the only one left) and no neighbor is in Exchange or Loading. */
static void age_maxage_try_remove(struct lsa_entry *e)
{
	struct lsdb *db = e->db;

	if (e->inst->refs > 1)
		return; /* the last acknowledgment (or the neighbor's end) calls again */
	if (e->originate_timer)
		return; /* a parked origination of ours replaces it */
	if (flood_scope_exchanging(db)) {
		timer_arm(db->ospf->tq, &e->age_timer, AGE_MAXAGE_RECHECK_MS, age_fire, e);
		return;
	}
	/* RFC 2328 12.1.6: the old instance is gone everywhere: start over */
	if (e->self && originate_after_flush(e))
		return;
	lsdb_remove(db, e);
}

static void age_fire(void *arg)
{
	struct lsa_entry *e = arg;
	uint16_t age = lsa_inst_age(e->inst, ospf_now(e->db->ospf));

	if (!e->maxage_flushing && (age & ~LSA_DO_NOT_AGE) >= LSA_MAX_AGE) {
		/* RFC 2328 14: reached MaxAge: flooded again, so that others drop it too */
		e->maxage_flushing = true;
		flood_lsa(e, NULL);
	}
	if (e->maxage_flushing) {
		age_maxage_try_remove(e);
		return;
	}
	/* RFC 2328 12.4: ours, at LSRefreshTime */
	if (e->self)
		originate_refresh(e);
	else
		age_timer_arm(e);
}

void age_maxage_check(struct lsa_entry *e)
{
	struct ospf *o = e->db->ospf;

	if (!e->maxage_flushing || o->shutting_down)
		return;
	/* soon, not now: the caller may be walking a list the removal would change */
	timer_arm(o->tq, &e->age_timer, 0, age_fire, e);
}

void age_timer_arm(struct lsa_entry *e)
{
	struct ospf *o = e->db->ospf;
	const struct lsa_inst *inst = e->inst;
	uint32_t target = e->self ? OSPF_LS_REFRESH_TIME_S : LSA_MAX_AGE;
	uint64_t now = ospf_now(o), due;

	timer_cancel(&e->age_timer);
	if (o->shutting_down || (inst->hdr.age & LSA_DO_NOT_AGE))
		return;
	if (e->maxage_flushing) {
		age_maxage_check(e);
		return;
	}
	/* the age reaches target when (now - install) / 1000 reaches target - hdr.age */
	due = inst->hdr.age < target ? inst->install_ms + (uint64_t)(target - inst->hdr.age) * 1000
				     : now;
	timer_arm(o->tq, &e->age_timer, due > now ? due - now : 0, age_fire, e);
}
