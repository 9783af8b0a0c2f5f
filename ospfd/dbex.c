/* SPDX-License-Identifier: ISC */
/*
 * Database exchange: sending Database Description packets (RFC 2328 10.8) and receiving
 * them (10.6): master/slave negotiation, duplicates, sequence checks, and the summary list
 * built at NegotiationDone (10.3).
 */
#include <stdlib.h>
#include <string.h>

#include "flood.h"
#include "iface.h"
#include "nbr.h"

#define IP_HEADER_LEN 20
#define DD_FIXED_LEN  8
#define DD_FLAGS      (OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS)

/* LSA headers per DD: what fits the interface MTU after the IP, OSPF and DD headers. */
static size_t dd_max_hdrs(const struct iface *ifp)
{
	size_t fixed =
	    IP_HEADER_LEN + OSPF_HEADER_LEN + DD_FIXED_LEN + auth_trailer_len(&ifp->params.auth);

	if (ifp->mtu < fixed + LSA_HEADER_LEN)
		return 1;
	return (ifp->mtu - fixed) / LSA_HEADER_LEN;
}

static void dd_drop(struct nbr *n, enum drop_reason r)
{
	struct iface *ifp = n->iface;

	ifp->drops[r]++;
	ospf_logf(ifp->ospf, 7, "%s: DD from %s dropped in %s: %s", ifp->name, ipstr(n->router_id),
		  nbr_state_name(n->state), drop_reason_str(r));
}

/* Sends the DD kept in n->last_dd_tx (its body; ospf_send_body writes the header). */
static void dd_transmit(struct nbr *n)
{
	struct iface *ifp = n->iface;
	struct ospf *o = ifp->ospf;

	if (!n->last_dd_tx)
		return;
	memcpy(o->txbuf + OSPF_HEADER_LEN, n->last_dd_tx, n->last_dd_tx_len);
	ospf_send_body(o, ifp, nbr_dst(n), OSPF_PKT_DD, n->last_dd_tx_len);
}

static void dd_rxmt_fire(void *arg)
{
	struct nbr *n = arg;

	/* RFC 2328 10.8: the master (and both sides in ExStart) retransmit at RxmtInterval */
	if (n->state != NSM_EXSTART && !(n->state == NSM_EXCHANGE && n->master))
		return;
	dd_transmit(n);
	timer_arm(n->iface->ospf->tq, &n->dd_rxmt_timer,
		  (uint64_t)n->iface->params.retransmit_interval * 1000, dd_rxmt_fire, n);
}

/*
 * RFC 2328 10.8: a new DD with the given flags; without I it carries as many headers from
 * the summary list as fit, with M while more remain. It is kept for retransmission (the
 * master) and for answering duplicates (the slave).
 */
static void dd_send(struct nbr *n, uint8_t flags)
{
	struct iface *ifp = n->iface;
	struct ospf *o = ifp->ospf;
	size_t max = dd_max_hdrs(ifp), count = 0, len;
	struct lsa_hdr *hdrs = NULL;
	struct ospf_packet p;
	struct nbr_lsa *e, *tmp;
	uint8_t *body;

	if (!(flags & OSPF_DD_I) && !list_empty(&n->summary_list)) {
		hdrs = calloc(max, sizeof(*hdrs));
		if (!hdrs)
			max = 0;
		list_for_each_safe (e, tmp, &n->summary_list, node) {
			if (count == max)
				break;
			hdrs[count++] = e->hdr;
			list_del(&e->node);
			free(e);
		}
		if (!list_empty(&n->summary_list))
			flags |= OSPF_DD_M;
	}
	if (n->master)
		flags |= OSPF_DD_MS;
	n->dd_more_sent = flags & OSPF_DD_M;

	memset(&p, 0, sizeof(p));
	p.hdr.type = OSPF_PKT_DD;
	p.dd.mtu = ifp->mtu;
	p.dd.options = iface_options(ifp);
	p.dd.flags = flags;
	p.dd.seq = n->dd_seq;
	p.dd.nlsas = (uint32_t)count;
	p.dd.lsas = hdrs;
	len = ospf_packet_encode(&p, o->txbuf, OSPF_MAX_PACKET);
	free(hdrs);
	if (len < OSPF_HEADER_LEN + DD_FIXED_LEN)
		return;
	body = malloc(len - OSPF_HEADER_LEN);
	if (!body) {
		ospf_logf(o, 3, "%s: no memory for a DD to %s", ifp->name, ipstr(n->router_id));
		return;
	}
	memcpy(body, o->txbuf + OSPF_HEADER_LEN, len - OSPF_HEADER_LEN);
	free(n->last_dd_tx);
	n->last_dd_tx = body;
	n->last_dd_tx_len = len - OSPF_HEADER_LEN;
	dd_transmit(n);
	/* RFC 2328 10.8: the master retransmits; the slave only answers */
	if (n->master)
		timer_arm(o->tq, &n->dd_rxmt_timer,
			  (uint64_t)ifp->params.retransmit_interval * 1000, dd_rxmt_fire, n);
}

void dbex_start(struct nbr *n)
{
	struct ospf *o = n->iface->ospf;

	dbex_stop(n);
	/* RFC 2328 10.8: the first time a unique value (the clock and router id), then +1 */
	if (!n->dd_seq)
		n->dd_seq = (uint32_t)(ospf_now(o) / 1000) ^ (o->router_id << 8) ^ n->router_id;
	else
		n->dd_seq++;
	if (!n->dd_seq)
		n->dd_seq = 1;
	n->master = true;
	dd_send(n, OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS);
}

static void slave_hold_fire(void *arg)
{
	struct nbr *n = arg;

	free(n->last_dd_tx);
	n->last_dd_tx = NULL;
	n->last_dd_tx_len = 0;
}

void dbex_stop(struct nbr *n)
{
	timer_cancel(&n->dd_rxmt_timer);
	timer_cancel(&n->slave_hold_timer);
	free(n->last_dd_tx);
	n->last_dd_tx = NULL;
	n->last_dd_tx_len = 0;
	n->last_dd_rx.valid = false;
	n->dd_more_sent = false;
}

struct summary_ctx {
	struct nbr *n;
	uint64_t now;
};

static void summary_add(struct lsa_entry *e, void *arg)
{
	struct summary_ctx *c = arg;
	struct nbr *n = c->n;
	enum area_type at = n->iface->area->type;
	uint8_t type = e->inst->hdr.type;
	uint16_t age = lsa_inst_age(e->inst, c->now);
	struct nbr_lsa *s;

	/* RFC 2328 10.3: no AS-external LSAs in stub areas (nor NSSAs, RFC 3101) */
	if ((type == LSA_AS_EXTERNAL || type == LSA_OPAQUE_AS) && at != AREA_NORMAL)
		return;
	/* RFC 5250 3.1: opaque LSAs only to opaque-capable neighbors; we are not one */
	if (flood_type_is_opaque(type))
		return;
	/* RFC 2328 10.3: LSAs at MaxAge go onto the retransmission list instead */
	if ((age & ~LSA_DO_NOT_AGE) >= LSA_MAX_AGE) {
		flood_rxmt_add(n, e->inst);
		return;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return;
	s->hdr = e->inst->hdr;
	s->hdr.age = age;
	list_add_tail(&n->summary_list, &s->node);
}

void dbex_summary_build(struct nbr *n)
{
	struct iface *ifp = n->iface;
	struct summary_ctx c = { n, ospf_now(ifp->ospf) };

	nbr_summary_clear(n);
	lsdb_foreach(&ifp->area->lsdb, summary_add, &c);
	/* RFC 2328 10.3: nor AS-external LSAs over virtual links */
	if (ifp->area->type == AREA_NORMAL && !ifp->vlink)
		lsdb_foreach(&ifp->ospf->as_lsdb, summary_add, &c);
}

static void dd_record(struct nbr *n, const struct ospf_dd *dd)
{
	n->last_dd_rx.flags = dd->flags & DD_FLAGS;
	n->last_dd_rx.options = dd->options;
	n->last_dd_rx.seq = dd->seq;
	n->last_dd_rx.valid = true;
}

/* RFC 2328 10.6: the same I, M, MS bits, Options and sequence number as the last one. */
static bool dd_is_duplicate(const struct nbr *n, const struct ospf_dd *dd)
{
	return n->last_dd_rx.valid && n->last_dd_rx.flags == (dd->flags & DD_FLAGS) &&
	       n->last_dd_rx.options == dd->options && n->last_dd_rx.seq == dd->seq;
}

static void dd_seq_mismatch(struct nbr *n, enum drop_reason r, const char *why)
{
	struct iface *ifp = n->iface;

	ifp->drops[r]++;
	ospf_logf(ifp->ospf, 5, "%s: DD from %s: sequence mismatch (%s)", ifp->name,
		  ipstr(n->router_id), why);
	nbr_fsm(n, NSM_EV_SEQ_NUMBER_MISMATCH);
	nbr_reason_set(n, why);
}

/* RFC 2328 10.6: a duplicate; the master discards it, the slave sends its last DD again. */
static void dd_duplicate(struct nbr *n)
{
	if (n->master) {
		dd_drop(n, DROP_DD_DUPLICATE);
		return;
	}
	dd_transmit(n);
}

/* LSA types a DD may list in this area (10.6: unknown, or AS-external in a stub area:
 * SeqNumberMismatch). */
static bool dd_lsa_type_ok(const struct area *a, uint8_t type)
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

/* RFC 2328 10.6: the exchange is over for us; 10.8: the slave keeps its last DD a while. */
static void dd_exchange_done(struct nbr *n)
{
	struct iface *ifp = n->iface;

	timer_cancel(&n->dd_rxmt_timer);
	if (n->master) {
		free(n->last_dd_tx);
		n->last_dd_tx = NULL;
		n->last_dd_tx_len = 0;
	} else {
		timer_arm(ifp->ospf->tq, &n->slave_hold_timer,
			  (uint64_t)ifp->params.dead_interval * 1000, slave_hold_fire, n);
	}
	nbr_fsm(n, NSM_EV_EXCHANGE_DONE);
}

/* RFC 2328 10.6: a DD accepted as the next in sequence. */
static void dd_accept(struct nbr *n, const struct ospf_dd *dd)
{
	struct iface *ifp = n->iface;
	uint64_t now = ospf_now(ifp->ospf);
	uint32_t i;

	dd_record(n, dd);
	for (i = 0; i < dd->nlsas; i++) {
		const struct lsa_hdr *h = &dd->lsas[i];
		struct lsa_key key = lsa_key_of(h);
		struct lsa_entry *e;

		/* RFC 5250 3.1: a neighbor should not list opaque LSAs to us (no O bit); if
		 * one does, they are not requested, as they would not be accepted */
		if (flood_type_is_opaque(h->type)) {
			ifp->drops[DROP_LSA_OPAQUE]++;
			continue;
		}
		if (!dd_lsa_type_ok(ifp->area, h->type)) {
			dd_seq_mismatch(n, DROP_LSA_BAD_TYPE, "LSA type not allowed in this area");
			return;
		}
		e = lsdb_lookup(flood_scope_db(ifp, h->type), &key);
		if (e) {
			struct lsa_hdr ours = e->inst->hdr;

			ours.age = lsa_inst_age(e->inst, now);
			if (lsa_hdr_cmp_newer(h, &ours) <= 0)
				continue;
		}
		/* RFC 2328 10.6: missing, or ours is older: request it */
		nbr_request_add(n, h);
	}
	if (n->master) {
		n->dd_seq++;
		timer_cancel(&n->dd_rxmt_timer);
		/* everything sent and the slave has no more either */
		if (!n->dd_more_sent && !(dd->flags & OSPF_DD_M))
			dd_exchange_done(n);
		else
			dd_send(n, 0);
	} else {
		n->dd_seq = dd->seq;
		dd_send(n, 0);
		if (!(dd->flags & OSPF_DD_M) && !n->dd_more_sent)
			dd_exchange_done(n);
	}
	/* RFC 2328 10.9: requests may start while still in Exchange */
	if (n->state == NSM_EXCHANGE && n->nrequest && !n->lsr_rxmt_timer)
		lsreq_send(n);
}

/* RFC 2328 10.6 ExStart: who is master? */
static void dd_negotiate(struct nbr *n, const struct ospf_packet *p)
{
	const struct ospf_dd *dd = &p->dd;
	uint32_t our_id = n->iface->ospf->router_id;
	uint8_t flags = dd->flags & DD_FLAGS;

	if (flags == DD_FLAGS && !dd->nlsas && p->hdr.router_id > our_id) {
		/* the neighbor is master: we are slave and take its sequence number */
		n->master = false;
		n->dd_seq = dd->seq;
	} else if (!(flags & (OSPF_DD_I | OSPF_DD_MS)) && dd->seq == n->dd_seq &&
		   p->hdr.router_id < our_id) {
		/* the neighbor acknowledged our DD as slave: we are master */
		n->master = true;
	} else {
		dd_drop(n, DROP_NBR_STATE);
		return;
	}
	timer_cancel(&n->dd_rxmt_timer);
	n->options = dd->options;
	nbr_fsm(n, NSM_EV_NEGOTIATION_DONE);
	if (n->state == NSM_EXCHANGE)
		dd_accept(n, dd);
}

/* RFC 2328 10.6 Exchange: duplicates, then the checks of sequence. */
static void dd_exchange(struct nbr *n, const struct ospf_dd *dd)
{
	uint8_t flags = dd->flags & DD_FLAGS;

	if (dd_is_duplicate(n, dd)) {
		dd_duplicate(n);
		return;
	}
	if (!(flags & OSPF_DD_MS) != n->master) {
		dd_seq_mismatch(n, DROP_DD_SEQ_MISMATCH, "DD master/slave bit mismatch");
		return;
	}
	if (flags & OSPF_DD_I) {
		dd_seq_mismatch(n, DROP_DD_SEQ_MISMATCH, "DD with the I bit in Exchange");
		return;
	}
	if (dd->options != n->options) {
		dd_seq_mismatch(n, DROP_DD_SEQ_MISMATCH, "DD options changed");
		return;
	}
	if (dd->seq != (n->master ? n->dd_seq : n->dd_seq + 1)) {
		dd_seq_mismatch(n, DROP_DD_SEQ_MISMATCH, "DD sequence number out of order");
		return;
	}
	dd_accept(n, dd);
}

void dbex_recv(struct nbr *n, const struct ospf_packet *p)
{
	const struct ospf_dd *dd = &p->dd;
	struct iface *ifp = n->iface;

	/* RFC 2328 10.6: larger than we could receive unfragmented */
	if (dd->mtu > ifp->mtu && !ifp->params.mtu_ignore) {
		ifp->drops[DROP_MTU_MISMATCH]++;
		nbr_reason_set(n, drop_reason_str(DROP_MTU_MISMATCH));
		ospf_logf(ifp->ospf, 5, "%s: DD from %s: MTU %u is larger than ours (%u)",
			  ifp->name, ipstr(n->router_id), dd->mtu, ifp->mtu);
		return;
	}
	switch (n->state) {
	case NSM_INIT:
		/* RFC 2328 10.6 Init: as 2-WayReceived, then on as in ExStart */
		nbr_fsm(n, NSM_EV_2WAY_RECEIVED);
		if (n->state != NSM_EXSTART) {
			dd_drop(n, DROP_NBR_STATE);
			return;
		}
		dd_negotiate(n, p);
		return;
	case NSM_EXSTART:
		dd_negotiate(n, p);
		return;
	case NSM_EXCHANGE:
		dd_exchange(n, dd);
		return;
	case NSM_LOADING:
	case NSM_FULL:
		/* RFC 2328 10.6 Loading, Full: only duplicates are expected */
		if (dd_is_duplicate(n, dd))
			dd_duplicate(n);
		else
			dd_seq_mismatch(n, DROP_DD_SEQ_MISMATCH, "DD after the exchange ended");
		return;
	default:
		/* RFC 2328 10.6 Down, Attempt, 2-Way: ignored */
		dd_drop(n, DROP_NBR_STATE);
		return;
	}
}
