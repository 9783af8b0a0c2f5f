/* SPDX-License-Identifier: ISC */
/* Link State Updates: receiving them (RFC 2328 13, steps 1 to 8) and sending them. */
#include <stdlib.h>
#include <string.h>

#include "flood.h"
#include "iface.h"
#include "nbr.h"
#include "originate.h"
#include "wire.h"
#include "debug.h"

#define IP_HEADER_LEN 20
#define LSU_FIXED     4 /* the LSA count */

/* The body of one update: what the interface MTU leaves after the IP and OSPF headers. */
static size_t lsupd_max_body(const struct iface *ifp)
{
	size_t fixed = IP_HEADER_LEN + OSPF_HEADER_LEN + auth_trailer_len(&ifp->params.auth);
	size_t max = OSPF_MAX_PACKET - OSPF_HEADER_LEN;

	if (ifp->mtu > fixed && (size_t)(ifp->mtu - fixed) < max)
		max = ifp->mtu - fixed;
	return max;
}

void lsupd_send(struct iface *ifp, uint32_t dst, struct lsa_inst *const *insts, size_t n)
{
	struct ospf *o = ifp->ospf;
	uint8_t *body = o->txbuf + OSPF_HEADER_LEN;
	size_t max = lsupd_max_body(ifp), len = LSU_FIXED, i;
	uint64_t now = ospf_now(o);
	uint32_t count = 0;

	for (i = 0; i < n; i++) {
		const struct lsa_inst *inst = insts[i];

		/* a full update leaves before the next LSA; an LSA larger than the MTU goes
		 * alone (the IP layer fragments it) */
		if (count && len + inst->len > max) {
			put32(body, count);
			ospf_send_body(o, ifp, dst, OSPF_PKT_LSU, len);
			len = LSU_FIXED;
			count = 0;
		}
		if (LSU_FIXED + inst->len > OSPF_MAX_PACKET - OSPF_HEADER_LEN) {
			ospf_logf(o, 3, "%s: %s LSA %s of %u bytes does not fit a packet",
				  ifp->name, lsa_type_name(inst->hdr.type), ipstr(inst->hdr.id),
				  inst->len);
			continue;
		}
		/* RFC 2328 13.3 (5), 10.9: the age grows by InfTransDelay on the way out */
		lsa_inst_write(inst, body + len, now, ifp->params.transmit_delay);
		len += inst->len;
		count++;
	}
	if (count) {
		put32(body, count);
		ospf_send_body(o, ifp, dst, OSPF_PKT_LSU, len);
	}
}

static void lsupd_drop(struct iface *ifp, struct nbr *n, enum drop_reason r,
		       const struct lsa_hdr *h)
{
	ifp->drops[r]++;
	ospf_logf(ifp->ospf, 7, "%s: %s LSA %s/%s from %s dropped: %s", ifp->name,
		  lsa_type_name(h->type), ipstr(h->id), ipstr(h->adv_router), ipstr(n->router_id),
		  drop_reason_str(r));
}

/* RFC 2328 13 (2), (3); RFC 3101: the types this area takes. */
static bool lsupd_type_ok(const struct area *a, uint8_t type)
{
	switch (type) {
	case LSA_ROUTER:
	case LSA_NETWORK:
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		return true;
	case LSA_AS_EXTERNAL:
		return a->type == AREA_NORMAL;
	case LSA_NSSA:
		return a->type == AREA_NSSA;
	default:
		return false;
	}
}

/*
 * The received LSA in wire form, to be stored: its own bytes, reserved bits and all, as the
 * checksum covers them. An age above MaxAge counts as MaxAge.
 */
static struct lsa_inst *lsupd_inst_of(const struct lsa *l, uint64_t now, enum drop_reason *why)
{
	uint16_t len = l->hdr.length;
	struct lsa_inst *inst;

	if (!l->checksum_ok) {
		*why = DROP_LSA_BAD_CHECKSUM;
		return NULL;
	}
	*why = DROP_NO_MEMORY;
	inst = lsa_inst_new(l->wire, len, now);
	if (inst && (l->hdr.age & ~LSA_DO_NOT_AGE) > LSA_MAX_AGE) {
		put16(inst->data, LSA_MAX_AGE);
		inst->hdr.age = LSA_MAX_AGE;
	}
	return inst;
}

/* Acknowledgments gathered while one update is processed. */
struct lsupd_acks {
	struct lsa_hdr *direct;
	size_t ndirect;
};

static bool from_dr(const struct nbr *n)
{
	return n->iface->params.type == IFACE_BROADCAST && n->addr == n->iface->dr;
}

static void ack_direct(struct lsupd_acks *a, const struct lsa_hdr *h)
{
	if (a->direct)
		a->direct[a->ndirect++] = *h;
}

/* RFC 2328 13 (5) to (8) for one LSA that passed (1) to (3); false: stop the update. */
static bool lsupd_one(struct nbr *n, const struct lsa *l, struct lsupd_acks *acks)
{
	struct iface *ifp = n->iface;
	struct ospf *o = ifp->ospf;
	uint64_t now = ospf_now(o);
	struct lsdb *db = flood_scope_db(ifp, l->hdr.type);
	struct lsa_key key = lsa_key_of(&l->hdr);
	struct lsa_entry *e = lsdb_lookup(db, &key);
	enum drop_reason why;
	struct lsa_inst *inst;
	struct lsa_hdr rh, ours;
	int cmp;

	inst = lsupd_inst_of(l, now, &why);
	if (!inst) {
		lsupd_drop(ifp, n, why, &l->hdr);
		return true;
	}
	rh = inst->hdr;
	/* (4) a MaxAge LSA we do not hold, and nobody exchanging: acknowledge, forget */
	if ((rh.age & ~LSA_DO_NOT_AGE) == LSA_MAX_AGE && !e && !flood_scope_exchanging(db)) {
		ack_direct(acks, &l->hdr);
		lsa_inst_unref(inst);
		return true;
	}
	if (e)
		ours = age_hdr_now(e);
	cmp = e ? lsa_hdr_cmp_newer(&rh, &ours) : 1;
	if (cmp > 0) {
		bool back;

		/* (5a) newer than ours, but arrived within MinLSArrival of the one we hold */
		if (e && !(e->self && e->last_originated_ms == e->inst->install_ms) &&
		    now - e->inst->install_ms < OSPF_MIN_LS_ARRIVAL_MS) {
			ifp->drops[DROP_LSA_MIN_ARRIVAL]++;
			ospf_debug(o, OSPF_DEBUG_LSA,
				   "%s: %s LSA %s/%s from %s within MinLSArrival, discarded",
				   ifp->name, lsa_type_name(rh.type), ipstr(rh.id),
				   ipstr(rh.adv_router), ipstr(n->router_id));
			lsa_inst_unref(inst);
			return true;
		}
		/* (5b-d) install (13.2), flood (13.3) */
		e = flood_lsdb_install(db, inst);
		if (!e)
			return true;
		ospf_debug(o, OSPF_DEBUG_LSA, "%s: installed %s LSA %s/%s seq 0x%08x from %s",
			   ifp->name, lsa_type_name(rh.type), ipstr(rh.id), ipstr(rh.adv_router),
			   (uint32_t)rh.seq, ipstr(n->router_id));
		lsa_event(o, "installed", e);
		back = flood_lsa(e, n);
		/* (5e) 13.5: a delayed ack unless flooded back; the BDR acks only the DR's */
		if (!back && (ifp->state != ISM_BACKUP || from_dr(n)))
			lsack_delayed_add(ifp, &l->hdr);
		/* (5f) 13.4: ours, received newer */
		if (e->self)
			originate_self_received(e, e->inst);
		return true;
	}
	lsa_inst_unref(inst);
	/* (6) on the request list but not newer: the exchange went wrong */
	if (nbr_request_find(n, &key)) {
		lsupd_drop(ifp, n, DROP_BAD_LS_REQ, &rh);
		nbr_fsm(n, NSM_EV_BAD_LS_REQ);
		return false;
	}
	if (cmp == 0) {
		/* (7a) a duplicate we are waiting for an ack of: the ack is implied */
		if (flood_rxmt_remove(n, &key)) {
			if (ifp->state == ISM_BACKUP && from_dr(n))
				lsack_delayed_add(ifp, &l->hdr);
		} else {
			/* (7b) */
			ack_direct(acks, &l->hdr);
		}
		return true;
	}
	/* (8) ours is newer: being flushed at MaxSeq, or worth sending back */
	if ((ours.age & ~LSA_DO_NOT_AGE) == LSA_MAX_AGE && ours.seq == LSA_MAX_SEQ)
		return true;
	if (e->sent_back_ms && now - e->sent_back_ms < OSPF_MIN_LS_ARRIVAL_MS)
		return true;
	e->sent_back_ms = now;
	lsupd_queue(ifp, nbr_dst(n), e->inst);
	return true;
}

void lsupd_recv(struct nbr *n, const struct ospf_packet *p)
{
	const struct ospf_lsu *u = &p->lsu;
	struct iface *ifp = n->iface;
	struct lsupd_acks acks = { 0 };
	uint32_t i;

	/* RFC 2328 13: accepted from neighbors in Exchange or later */
	if (n->state < NSM_EXCHANGE) {
		ifp->drops[DROP_NBR_STATE]++;
		return;
	}
	if (!u->nlsas)
		return;
	acks.direct = calloc(u->nlsas, sizeof(*acks.direct));
	for (i = 0; i < u->nlsas; i++) {
		const struct lsa *l = &u->lsas[i];

		/* (1) */
		if (!l->checksum_ok) {
			lsupd_drop(ifp, n, DROP_LSA_BAD_CHECKSUM, &l->hdr);
			continue;
		}
		/* a body that does not parse (the update's structure was checked whole) */
		if (l->body_error != DROP_NONE) {
			lsupd_drop(ifp, n, l->body_error, &l->hdr);
			continue;
		}
		/* RFC 5250 3: no opaque capability: discarded, not acknowledged */
		if (flood_type_is_opaque(l->hdr.type)) {
			lsupd_drop(ifp, n, DROP_LSA_OPAQUE, &l->hdr);
			continue;
		}
		/* (2), (3) */
		if (!lsupd_type_ok(ifp->area, l->hdr.type)) {
			lsupd_drop(ifp, n, DROP_LSA_BAD_TYPE, &l->hdr);
			continue;
		}
		if (!lsupd_one(n, l, &acks))
			break;
	}
	/* 13.5: the direct acknowledgments of one update go in one packet */
	if (acks.ndirect)
		lsack_send_direct(n, acks.direct, acks.ndirect);
	free(acks.direct);
}
