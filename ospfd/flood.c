/* SPDX-License-Identifier: ISC */
/*
 * Flooding decisions (RFC 2328 13.3), installing into the LSDB (13.2) and the neighbors'
 * retransmission lists (13.6).
 *
 * The retransmission lists only ever hold the current instance of an LSA: installing a new
 * one takes the old off every list (13.2). So an instance's reference count, less the
 * LSDB's own, is the number of lists it is on, and an instance with one reference is on
 * none: the common case skips the list walks.
 */
#include <stdlib.h>

#include "flood.h"
#include "iface.h"
#include "nbr.h"
#include "originate.h"

/* LSAs retransmitted to one neighbor per timer callback at most (bounded work); more that
 * are due follow at once in the next callback. */
#define FLOOD_RXMT_BATCH 256

struct lsdb *flood_scope_db(struct iface *ifp, uint8_t lsa_type)
{
	if (lsa_type == LSA_AS_EXTERNAL || lsa_type == LSA_OPAQUE_AS)
		return &ifp->ospf->as_lsdb;
	return &ifp->area->lsdb;
}

/* Whether ifp belongs to db's flooding scope: its area, or for the AS scope every area
 * but stub areas and NSSAs (RFC 2328 3.6, RFC 3101). */
static bool flood_iface_in_scope(const struct lsdb *db, const struct iface *ifp)
{
	if (db->area)
		return ifp->area == db->area;
	/* RFC 2328 13.3: AS-external LSAs never cross virtual links */
	return ifp->area->type == AREA_NORMAL && !ifp->vlink;
}

bool flood_scope_exchanging(const struct lsdb *db)
{
	struct iface *ifp;
	struct nbr *n;

	list_for_each (ifp, &db->ospf->ifaces, node) {
		if (!flood_iface_in_scope(db, ifp))
			continue;
		list_for_each (n, &ifp->nbrs, node)
			if (n->state == NSM_EXCHANGE || n->state == NSM_LOADING)
				return true;
	}
	return false;
}

static struct nbr_lsa *rxmt_find(const struct nbr *n, const struct lsa_key *key)
{
	return nbr_lsa_set_find(&n->retransmit_set, key);
}

struct lsa_inst *flood_rxmt_find(const struct nbr *n, const struct lsa_key *key)
{
	struct nbr_lsa *r = rxmt_find(n, key);

	return r ? r->inst : NULL;
}

static void rxmt_fire(void *arg);

static uint64_t rxmt_interval_ms(const struct nbr *n)
{
	return (uint64_t)n->iface->params.retransmit_interval * 1000;
}

/* The list is in order of sent_ms (each send moves its entry to the back): the timer is
 * due when the head's RxmtInterval ends. */
static void rxmt_timer_rearm(struct nbr *n)
{
	struct nbr_lsa *head;
	uint64_t now = ospf_now(n->iface->ospf), due;

	if (list_empty(&n->retransmit_list)) {
		timer_cancel(&n->lsu_rxmt_timer);
		return;
	}
	head = list_first(&n->retransmit_list, struct nbr_lsa, node);
	due = head->sent_ms + rxmt_interval_ms(n);
	timer_arm(n->iface->ospf->tq, &n->lsu_rxmt_timer, due > now ? due - now : 0, rxmt_fire, n);
}

static void rxmt_fire(void *arg)
{
	struct nbr *n = arg;
	struct iface *ifp = n->iface;
	uint64_t now = ospf_now(ifp->ospf), ival = rxmt_interval_ms(n);
	struct lsa_inst *insts[FLOOD_RXMT_BATCH];
	struct nbr_lsa *r;
	size_t count = 0;

	if (list_empty(&n->retransmit_list) || n->state < NSM_EXCHANGE)
		return;
	/* RFC 2328 13.6: each LSA unacknowledged RxmtInterval after it was last sent goes
	 * again, directly to the neighbor, all in as few updates as fit; to the back */
	while (count < FLOOD_RXMT_BATCH && count < n->nretransmit) {
		r = list_first(&n->retransmit_list, struct nbr_lsa, node);
		if (now - r->sent_ms < ival)
			break;
		insts[count++] = r->inst;
		r->sent_ms = now;
		list_del(&r->node);
		list_add_tail(&n->retransmit_list, &r->node);
	}
	if (count)
		lsupd_send(ifp, nbr_dst(n), insts, count);
	rxmt_timer_rearm(n);
}

void flood_rxmt_add(struct nbr *n, struct lsa_inst *inst)
{
	struct iface *ifp = n->iface;
	struct lsa_key key = lsa_key_of(&inst->hdr);
	struct nbr_lsa *r = inst->refs > 1 ? rxmt_find(n, &key) : NULL;

	if (r) {
		if (r->inst != inst) {
			lsa_inst_unref(r->inst);
			r->inst = lsa_inst_ref(inst);
		}
		/* sent now (or due an RxmtInterval from now): to the back of the list */
		r->sent_ms = ospf_now(ifp->ospf);
		list_del(&r->node);
		list_add_tail(&n->retransmit_list, &r->node);
		if (!n->lsu_rxmt_timer)
			rxmt_timer_rearm(n);
		return;
	}
	r = calloc(1, sizeof(*r));
	if (r) {
		r->hdr = inst->hdr;
		if (!nbr_lsa_set_add(&n->retransmit_set, r)) {
			free(r);
			r = NULL;
		}
	}
	if (!r) {
		ospf_logf(ifp->ospf, 3, "%s: no memory for the retransmission list of %s",
			  ifp->name, ipstr(n->router_id));
		return;
	}
	r->inst = lsa_inst_ref(inst);
	r->sent_ms = ospf_now(ifp->ospf);
	list_add_tail(&n->retransmit_list, &r->node);
	n->nretransmit++;
	if (!n->lsu_rxmt_timer)
		rxmt_timer_rearm(n);
}

/* Takes r off n's list; a MaxAge LSA on no list any more may leave the LSDB (14). */
static void rxmt_unlink(struct nbr *n, struct nbr_lsa *r)
{
	struct lsa_inst *inst = r->inst;
	struct lsa_key key = lsa_key_of(&inst->hdr);
	struct lsa_entry *e = lsdb_lookup(flood_scope_db(n->iface, key.type), &key);

	nbr_lsa_set_del(&n->retransmit_set, r);
	list_del(&r->node);
	free(r);
	n->nretransmit--;
	lsa_inst_unref(inst);
	if (e && e->inst == inst && e->maxage_flushing && inst->refs == 1)
		age_maxage_check(e);
}

bool flood_rxmt_remove(struct nbr *n, const struct lsa_key *key)
{
	struct nbr_lsa *r = rxmt_find(n, key);

	if (!r)
		return false;
	rxmt_unlink(n, r);
	if (list_empty(&n->retransmit_list))
		timer_cancel(&n->lsu_rxmt_timer);
	return true;
}

void flood_rxmt_clear(struct nbr *n)
{
	struct nbr_lsa *r, *tmp;

	list_for_each_safe (r, tmp, &n->retransmit_list, node)
		rxmt_unlink(n, r);
	nbr_lsa_set_clear(&n->retransmit_set);
	n->nretransmit = 0;
	timer_cancel(&n->lsu_rxmt_timer);
}

/* RFC 2328 13.2: the old instance leaves the retransmission lists of the whole scope. */
static void rxmt_remove_everywhere(struct lsdb *db, const struct lsa_key *key)
{
	struct iface *ifp;
	struct nbr *n;

	list_for_each (ifp, &db->ospf->ifaces, node) {
		if (!flood_iface_in_scope(db, ifp))
			continue;
		list_for_each (n, &ifp->nbrs, node)
			flood_rxmt_remove(n, key);
	}
}

struct lsa_entry *flood_lsdb_install(struct lsdb *db, struct lsa_inst *inst)
{
	struct lsa_key key = lsa_key_of(&inst->hdr);
	struct lsa_entry *old = lsdb_lookup(db, &key), *e;

	if (old && old->inst->refs > 1)
		rxmt_remove_everywhere(db, &key);
	e = lsdb_put(db, inst);
	if (!e) {
		ospf_logf(db->ospf, 3, "no memory to install a %s LSA", lsa_type_name(key.type));
		lsa_inst_unref(inst);
		return NULL;
	}
	e->self = originate_is_self(db, &inst->hdr);
	e->maxage_flushing = (inst->hdr.age & ~LSA_DO_NOT_AGE) >= LSA_MAX_AGE;
	age_timer_arm(e);
	return e;
}

/*
 * RFC 2328 13.3 for one interface: onto the retransmission lists of the neighbors that
 * need it, then out in an update unless (3) or (4) say the neighbors have it already.
 * Returns whether it was sent.
 */
static bool flood_iface(struct lsa_entry *e, struct lsa_inst *inst, struct iface *ifp,
			struct nbr *from)
{
	struct lsa_hdr h = inst->hdr;
	bool added = false;
	struct nbr *n, *tmp;
	uint32_t dst;

	h.age = lsa_inst_age(inst, ospf_now(ifp->ospf));
	list_for_each_safe (n, tmp, &ifp->nbrs, node) {
		struct nbr_lsa *req;

		/* (1a) not exchanging databases yet */
		if (n->state < NSM_EXCHANGE)
			continue;
		/* (1b) compare with the request list while not Full (10.9) */
		req = n->state < NSM_FULL ? nbr_request_find(n, &e->key) : NULL;
		if (req) {
			int c = lsa_hdr_cmp_newer(&h, &req->hdr);

			if (c < 0)
				continue;
			/* may raise LoadingDone; originations it causes are deferred */
			nbr_request_remove(n, req);
			if (e->inst != inst)
				return false;
			if (c == 0)
				continue;
		}
		/* (1c) not back to where it came from */
		if (n == from)
			continue;
		/* (1d) */
		flood_rxmt_add(n, inst);
		added = true;
	}
	/* (2) */
	if (!added)
		return false;
	if (from && from->iface == ifp) {
		/* (3) from the DR or BDR: the others heard it too */
		if (ifp->params.type == IFACE_BROADCAST &&
		    (from->addr == ifp->dr || from->addr == ifp->bdr))
			return false;
		/* (4) the BDR leaves it to the DR */
		if (ifp->state == ISM_BACKUP)
			return false;
	}
	/* (5) DR and BDR to AllSPFRouters, DROthers to AllDRouters */
	dst = ifp->params.type == IFACE_BROADCAST && ifp->state != ISM_DR &&
		      ifp->state != ISM_BACKUP
		  ? OSPF_ALL_D_ROUTERS
		  : OSPF_ALL_SPF_ROUTERS;
	lsupd_queue(ifp, dst, inst);
	return true;
}

bool flood_lsa(struct lsa_entry *e, struct nbr *from)
{
	struct lsdb *db = e->db;
	struct lsa_inst *inst;
	bool back = false;
	struct iface *ifp;

	/* RFC 5250 3.1: opaque LSAs go to opaque-capable neighbors only: we are not one */
	if (flood_type_is_opaque(e->key.type))
		return false;
	inst = lsa_inst_ref(e->inst);
	list_for_each (ifp, &db->ospf->ifaces, node) {
		if (!flood_iface_in_scope(db, ifp) || !iface_is_active(ifp))
			continue;
		if (flood_iface(e, inst, ifp, from) && from && from->iface == ifp)
			back = true;
		if (e->inst != inst)
			break; /* replaced meanwhile: the newer one is flooded on its own */
	}
	lsa_inst_unref(inst);
	return back;
}

struct lsa_entry *flood_install(struct lsdb *db, struct lsa_inst *inst, struct nbr *from)
{
	struct lsa_entry *e = flood_lsdb_install(db, inst);

	if (e)
		flood_lsa(e, from);
	return e;
}
