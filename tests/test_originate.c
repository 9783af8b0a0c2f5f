/* SPDX-License-Identifier: ISC */
/*
 * Our own LSAs: what the router-LSA (RFC 2328 12.4.1) and network-LSA (12.4.2) say,
 * MinLSInterval (12.4), the refresh at LSRefreshTime, sequence number wrap (12.1.6) and a
 * newer copy of ours received (13.4), on one instance with a simulated clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "flood.h"
#include "iface.h"
#include "nbr.h"
#include "originate.h"
#include "ospf.h"
#include "wire.h"

#define RID	 0x01010101u
#define MAX_SENT 512

struct sent {
	struct iface *ifp;
	uint32_t dst;
	struct ospf_packet p;
};

struct h {
	uint64_t now;
	struct timerq *tq;
	struct ospf *o;
	struct sent sent[MAX_SENT];
	size_t nsent;
};

static uint64_t h_clock(void *ctx)
{
	return ((struct h *)ctx)->now;
}

static void h_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	struct h *h = ctx;
	struct sent *s;

	assert_true(h->nsent < MAX_SENT);
	s = &h->sent[h->nsent++];
	s->ifp = ifp;
	s->dst = dst;
	assert_int_equal(ospf_packet_decode(buf, len, &s->p), DROP_NONE);
}

static void h_clear(struct h *h)
{
	size_t i;

	for (i = 0; i < h->nsent; i++)
		ospf_packet_free(&h->sent[i].p);
	h->nsent = 0;
}

static int h_setup(void **state)
{
	struct h *h = calloc(1, sizeof(*h));
	struct ospf_io io = { .send = h_send, .ctx = h };

	h->now = 5000000;
	h->tq = timerq_new(h_clock, h);
	h->o = ospf_new(RID, h->tq, &io);
	*state = h;
	return 0;
}

static int h_teardown(void **state)
{
	struct h *h = *state;

	ospf_free(h->o);
	h_clear(h);
	timerq_free(h->tq);
	free(h);
	return 0;
}

/* Advances the clock by ms, firing the timers in order. */
static void h_run(struct h *h, uint64_t ms)
{
	uint64_t end = h->now + ms;

	for (;;) {
		uint64_t next = timerq_next(h->tq);

		if (next > end)
			break;
		if (next > h->now)
			h->now = next;
		timerq_run(h->tq, 64);
	}
	h->now = end;
}

static size_t h_count(const struct h *h, uint8_t type)
{
	size_t i, n = 0;

	for (i = 0; i < h->nsent; i++)
		if (h->sent[i].p.hdr.type == type)
			n++;
	return n;
}

static const struct sent *h_nth(const struct h *h, uint8_t type, size_t nth)
{
	size_t i;

	for (i = 0; i < h->nsent; i++)
		if (h->sent[i].p.hdr.type == type && !nth--)
			return &h->sent[i];
	return NULL;
}

/* An interface set straight into state st (no state machine, no Hellos). */
static struct iface *h_iface(struct h *h, enum iface_type type, uint32_t addr, enum iface_state st)
{
	static int ifindex = 1;
	struct iface_params p;
	struct iface *ifp;
	char name[16];

	iface_params_default(&p);
	p.type = type;
	p.retransmit_interval = 5;
	p.transmit_delay = 1;
	snprintf(name, sizeof(name), "eth%d", ifindex);
	ifp = iface_new(h->o, ospf_area_get(h->o, 0), name, ifindex++, addr, 24, 1500, &p);
	ifp->state = st;
	if (st == ISM_DR) {
		ifp->dr = addr;
		ifp->dr_id = RID;
	}
	return ifp;
}

static struct nbr *h_nbr(struct iface *ifp, uint32_t rid, uint32_t addr, enum nbr_state st)
{
	struct nbr *n = nbr_new(ifp, rid, addr);

	n->state = st;
	return n;
}

/* Hands ifp an update from n carrying the given LSAs. */
static void h_recv_lsu(struct h *h, struct nbr *n, struct lsa *lsas, uint32_t count)
{
	struct ospf_packet p;
	uint8_t *buf = malloc(OSPF_MAX_PACKET);
	size_t len;

	memset(&p, 0, sizeof(p));
	p.hdr.version = OSPF_VERSION;
	p.hdr.type = OSPF_PKT_LSU;
	p.hdr.router_id = n->router_id;
	p.hdr.area_id = n->iface->area->id;
	p.lsu.nlsas = count;
	p.lsu.lsas = lsas;
	len = ospf_packet_encode(&p, buf, OSPF_MAX_PACKET);
	assert_true(len > 0);
	ospf_recv(h->o, n->iface, n->addr, OSPF_ALL_SPF_ROUTERS, buf, len);
	free(buf);
}

static void h_recv_ack(struct h *h, struct nbr *n, const struct lsa_hdr *hdrs, uint32_t count)
{
	struct ospf_packet p;
	uint8_t buf[1500];
	size_t len;

	memset(&p, 0, sizeof(p));
	p.hdr.version = OSPF_VERSION;
	p.hdr.type = OSPF_PKT_LSACK;
	p.hdr.router_id = n->router_id;
	p.hdr.area_id = n->iface->area->id;
	p.lsack.nlsas = count;
	p.lsack.lsas = (struct lsa_hdr *)hdrs;
	len = ospf_packet_encode(&p, buf, sizeof(buf));
	assert_true(len > 0);
	ospf_recv(h->o, n->iface, n->addr, OSPF_ALL_SPF_ROUTERS, buf, len);
}

static struct lsa_entry *h_lookup(struct h *h, uint8_t type, uint32_t id, uint32_t adv)
{
	struct lsa_key k = { type, id, adv };

	return lsdb_lookup(&ospf_area_find(h->o, 0)->lsdb, &k);
}

#define ADDR(x) (0xc0a80000u | (x)) /* 192.168.0.x */
#define NET2(x) (0xc0a80100u | (x)) /* 192.168.1.x */
#define R2	0x02020202u
#define R3	0x03030303u
#define R4	0x04040404u

#define ADDR(x) (0xc0a80000u | (x)) /* 192.168.0.x */
#define R2	0x02020202u
#define R3	0x03030303u
#define R9	0x09090909u

static struct lsa_entry *our_router_lsa(struct h *h)
{
	return h_lookup(h, LSA_ROUTER, RID, RID);
}

/* The links of our router-LSA, decoded into l (lsa_free it). */
static void router_lsa_decode(struct h *h, struct lsa *l)
{
	struct lsa_entry *e = our_router_lsa(h);

	assert_non_null(e);
	assert_int_equal(lsa_decode(e->inst->data, e->inst->len, l), DROP_NONE);
	assert_true(l->checksum_ok);
	assert_int_equal(l->hdr.type, LSA_ROUTER);
}

static void link_assert(const struct lsa *l, uint16_t i, uint8_t type, uint32_t id, uint32_t data,
			uint16_t metric)
{
	assert_true(i < l->router.nlinks);
	assert_int_equal(l->router.links[i].type, type);
	assert_int_equal(l->router.links[i].id, id);
	assert_int_equal(l->router.links[i].data, data);
	assert_int_equal(l->router.links[i].metric, metric);
}

/* Our router-LSA with links as given, as a neighbor would have kept it. */
static struct lsa our_old_router_lsa(int32_t seq, uint16_t nlinks)
{
	static struct lsa_router_link links[4];
	uint8_t buf[128];
	struct lsa l;
	uint16_t i;

	memset(&l, 0, sizeof(l));
	for (i = 0; i < nlinks; i++) {
		links[i].type = LSA_LINK_STUB;
		links[i].id = 0x0a000000u + i;
		links[i].data = 0xffffffffu;
		links[i].metric = 1;
	}
	l.hdr.type = LSA_ROUTER;
	l.hdr.id = RID;
	l.hdr.adv_router = RID;
	l.hdr.seq = seq;
	l.hdr.options = OSPF_OPT_E;
	l.router.nlinks = nlinks;
	l.router.links = links;
	l.hdr.length = (uint16_t)lsa_encode(&l, buf, sizeof(buf));
	lsa_checksum_set(buf, l.hdr.length);
	l.hdr.checksum = get16(buf + 16);
	l.checksum_ok = true;
	return l;
}

static void test_router_lsa_of_a_p2p_link_lists_the_full_neighbor_and_the_subnet(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct lsa l;

	h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	originate_router_lsa(ifp->area);
	router_lsa_decode(h, &l);
	assert_int_equal((uint32_t)l.hdr.seq, (uint32_t)LSA_INITIAL_SEQ);
	assert_int_equal(l.hdr.adv_router, RID);
	assert_int_equal(l.router.nlinks, 2);
	link_assert(&l, 0, LSA_LINK_P2P, R2, ADDR(1), 10);
	link_assert(&l, 1, LSA_LINK_STUB, ADDR(0), 0xffffff00u, 10);
	lsa_free(&l);
	assert_ptr_equal(ifp->area->router_lsa, our_router_lsa(h));
	/* and it went to the neighbor, at the end of the event-loop turn */
	h_run(h, 0);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
}

static void test_router_lsa_of_a_p2p_link_with_a_peer_address_has_its_host_route(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct lsa l;

	ifp->prefixlen = 32;
	ifp->peer = 0x0b000001;
	originate_router_lsa(ifp->area);
	router_lsa_decode(h, &l);
	assert_int_equal(l.router.nlinks, 1);
	link_assert(&l, 0, LSA_LINK_STUB, 0x0b000001, 0xffffffffu, 10);
	lsa_free(&l);
}

static void test_router_lsa_of_a_lan_is_a_transit_link_once_full_with_the_dr(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DROTHER);
	struct nbr *dr = h_nbr(ifp, R2, ADDR(2), NSM_LOADING);
	struct lsa l;

	ifp->dr = ADDR(2);
	originate_router_lsa(ifp->area);
	router_lsa_decode(h, &l);
	link_assert(&l, 0, LSA_LINK_STUB, ADDR(0), 0xffffff00u, 10);
	lsa_free(&l);
	dr->state = NSM_FULL;
	originate_router_lsa(ifp->area);
	h_run(h, 5000);
	router_lsa_decode(h, &l);
	assert_int_equal(l.router.nlinks, 1);
	link_assert(&l, 0, LSA_LINK_TRANSIT, ADDR(2), ADDR(1), 10);
	lsa_free(&l);
}

static void test_router_lsa_of_a_lan_we_are_dr_of_is_transit_with_a_full_neighbor(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DR);
	struct lsa l;

	h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	originate_router_lsa(ifp->area);
	router_lsa_decode(h, &l);
	link_assert(&l, 0, LSA_LINK_TRANSIT, ADDR(1), ADDR(1), 10);
	lsa_free(&l);
}

static void
test_router_lsa_has_stubs_for_waiting_and_passive_and_host_routes_for_loopbacks(void **state)
{
	struct h *h = *state;
	struct iface *waiting = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_WAITING);
	struct iface *passive = h_iface(h, IFACE_BROADCAST, 0xc0a80201u, ISM_DROTHER);
	struct iface *lo = h_iface(h, IFACE_LOOPBACK, 0x0a0a0a0au, ISM_LOOPBACK);
	struct iface *down = h_iface(h, IFACE_BROADCAST, 0xc0a80301u, ISM_DOWN);
	struct lsa l;

	passive->params.passive = true;
	passive->params.cost = 7;
	(void)waiting;
	(void)lo;
	(void)down;
	originate_router_lsa(passive->area);
	router_lsa_decode(h, &l);
	assert_int_equal(l.router.nlinks, 3);
	link_assert(&l, 0, LSA_LINK_STUB, ADDR(0), 0xffffff00u, 10);
	link_assert(&l, 1, LSA_LINK_STUB, 0xc0a80200u, 0xffffff00u, 7);
	link_assert(&l, 2, LSA_LINK_STUB, 0x0a0a0a0au, 0xffffffffu, 0);
	lsa_free(&l);
}

static void
test_network_lsa_lists_us_and_the_full_neighbors_and_is_flushed_when_not_dr(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DR);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa_entry *e;
	struct lsa l;

	h_nbr(ifp, R3, ADDR(3), NSM_2WAY);
	originate_network_lsa(ifp);
	e = h_lookup(h, LSA_NETWORK, ADDR(1), RID);
	assert_non_null(e);
	assert_ptr_equal(ifp->network_lsa, e);
	assert_int_equal(lsa_decode(e->inst->data, e->inst->len, &l), DROP_NONE);
	assert_int_equal(l.network.mask, 0xffffff00u);
	assert_int_equal(l.network.nrouters, 2);
	assert_int_equal(l.network.routers[0], RID);
	assert_int_equal(l.network.routers[1], R2);
	lsa_free(&l);
	/* no Full neighbor left: 14.1, flushed at once */
	a->state = NSM_2WAY;
	originate_network_lsa(ifp);
	e = h_lookup(h, LSA_NETWORK, ADDR(1), RID);
	assert_non_null(e);
	assert_int_equal(e->inst->hdr.age, LSA_MAX_AGE);
	assert_true(e->maxage_flushing);
	assert_null(ifp->network_lsa);
	/* nobody has to acknowledge it: gone */
	h_run(h, 10);
	assert_null(h_lookup(h, LSA_NETWORK, ADDR(1), RID));
}

static void
test_two_changes_within_min_ls_interval_make_one_origination_of_the_last_state(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct lsa l;

	originate_router_lsa(ifp->area);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000001u);
	h_run(h, 1000);
	h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	originate_router_lsa(ifp->area);
	h_run(h, 1000);
	ifp->params.cost = 20;
	originate_router_lsa(ifp->area);
	h_run(h, 2999);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000001u);
	h_run(h, 1);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000002u);
	router_lsa_decode(h, &l);
	link_assert(&l, 0, LSA_LINK_P2P, R2, ADDR(1), 20);
	lsa_free(&l);
	h_run(h, 20000);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000002u);
}

static void test_a_request_that_changes_nothing_originates_nothing(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);

	originate_router_lsa(ifp->area);
	h_run(h, 6000);
	originate_router_lsa(ifp->area);
	h_run(h, 6000);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000001u);
}

static void test_our_lsa_is_refreshed_at_ls_refresh_time_with_the_next_sequence_number(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct lsa_entry *e;

	originate_router_lsa(ifp->area);
	e = our_router_lsa(h);
	h_run(h, 1799999);
	assert_int_equal((uint32_t)e->inst->hdr.seq, 0x80000001u);
	assert_int_equal(lsa_inst_age(e->inst, h->now), 1799);
	h_run(h, 1);
	assert_int_equal((uint32_t)e->inst->hdr.seq, 0x80000002u);
	assert_int_equal(lsa_inst_age(e->inst, h->now), 0);
	h_run(h, 1800000);
	assert_int_equal((uint32_t)e->inst->hdr.seq, 0x80000003u);
}

static void test_refresh_goes_out_to_the_neighbors(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa_hdr ack;

	originate_router_lsa(ifp->area);
	ack = our_router_lsa(h)->inst->hdr;
	h_recv_ack(h, a, &ack, 1);
	assert_int_equal(a->nretransmit, 0);
	h_clear(h);
	h_run(h, 1800000);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal((uint32_t)h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.seq, 0x80000002u);
}

static void test_newer_copy_of_our_router_lsa_makes_us_originate_one_above_it(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa old = our_old_router_lsa((int32_t)0x80000010, 3), l;

	/* just restarted: a neighbor still holds our router-LSA of before */
	h_recv_lsu(h, a, &old, 1);
	h_run(h, 1);
	router_lsa_decode(h, &l);
	assert_int_equal((uint32_t)l.hdr.seq, 0x80000011u);
	assert_int_equal(l.router.nlinks, 2);
	link_assert(&l, 0, LSA_LINK_P2P, R2, ADDR(1), 10);
	lsa_free(&l);
	assert_ptr_equal(ifp->area->router_lsa, our_router_lsa(h));
	assert_int_equal((uint32_t)h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.seq, 0x80000011u);
}

static void test_newer_copy_of_ours_waits_for_min_ls_interval(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa old = our_old_router_lsa((int32_t)0x80000010, 1);

	originate_router_lsa(ifp->area);
	h_run(h, 2000);
	h_recv_lsu(h, a, &old, 1);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000010u);
	h_run(h, 2999);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000010u);
	h_run(h, 1);
	assert_int_equal((uint32_t)our_router_lsa(h)->inst->hdr.seq, 0x80000011u);
}

static void test_network_lsa_for_our_address_from_another_router_id_is_flushed(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DR);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	static uint32_t routers[2] = { R9, R2 };
	struct lsa_entry *e;
	uint8_t buf[64];
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_NETWORK;
	l.hdr.id = ADDR(1);
	l.hdr.adv_router = R9;
	l.hdr.seq = LSA_INITIAL_SEQ;
	l.network.mask = 0xffffff00u;
	l.network.nrouters = 2;
	l.network.routers = routers;
	l.hdr.length = (uint16_t)lsa_encode(&l, buf, sizeof(buf));
	lsa_checksum_set(buf, l.hdr.length);
	l.hdr.checksum = get16(buf + 16);
	l.checksum_ok = true;
	h_recv_lsu(h, a, &l, 1);
	e = h_lookup(h, LSA_NETWORK, ADDR(1), R9);
	assert_non_null(e);
	assert_true(e->maxage_flushing);
	assert_int_equal(lsa_inst_age(e->inst, h->now), LSA_MAX_AGE);
}

static void test_sequence_number_wrap_flushes_then_starts_over_at_initial(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa old = our_old_router_lsa(LSA_MAX_SEQ - 1, 1);
	struct lsa_entry *e;
	struct lsa_hdr ack;
	const struct sent *s;

	h_recv_lsu(h, a, &old, 1);
	h_run(h, 1);
	e = our_router_lsa(h);
	assert_int_equal(e->inst->hdr.seq, LSA_MAX_SEQ);
	/* a change: MaxSeq is used up, so 12.1.6: flush first */
	ifp->params.cost = 30;
	originate_router_lsa(ifp->area);
	h_clear(h);
	h_run(h, 5000);
	assert_int_equal(e->inst->hdr.seq, LSA_MAX_SEQ);
	assert_true(e->maxage_flushing);
	/* the last update is the flush (retransmissions of MaxSeq may come before) */
	s = h_nth(h, OSPF_PKT_LSU, h_count(h, OSPF_PKT_LSU) - 1);
	assert_non_null(s);
	assert_int_equal(s->p.lsu.lsas[0].hdr.age, LSA_MAX_AGE);
	assert_int_equal(s->p.lsu.lsas[0].hdr.seq, LSA_MAX_SEQ);
	/* still held while the neighbor has not acknowledged the flush */
	h_run(h, 3000);
	assert_int_equal(e->inst->hdr.seq, LSA_MAX_SEQ);
	ack = s->p.lsu.lsas[0].hdr;
	h_clear(h);
	h_recv_ack(h, a, &ack, 1);
	h_run(h, 1);
	e = our_router_lsa(h);
	assert_non_null(e);
	assert_int_equal((uint32_t)e->inst->hdr.seq, (uint32_t)LSA_INITIAL_SEQ);
	assert_int_equal(lsa_inst_age(e->inst, h->now), 0);
	assert_int_equal((uint32_t)h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.seq,
			 (uint32_t)LSA_INITIAL_SEQ);
}

static void test_router_lsa_leaves_when_the_area_has_no_interface_up(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);

	originate_router_lsa(ifp->area);
	assert_non_null(our_router_lsa(h));
	ifp->state = ISM_DOWN;
	originate_router_lsa(ifp->area);
	assert_true(our_router_lsa(h)->maxage_flushing);
	h_run(h, 10);
	assert_null(our_router_lsa(h));
	assert_null(ifp->area->router_lsa);
}

static void test_flush_self_sends_every_lsa_of_ours_at_max_age(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DR);

	h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	originate_router_lsa(ifp->area);
	originate_network_lsa(ifp);
	h_clear(h);
	ospf_flush_self(h->o);
	/* at once (the daemon exits next), packed in one update */
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.nlsas, 2);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.age, LSA_MAX_AGE);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[1].hdr.age, LSA_MAX_AGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_router_lsa_of_a_p2p_link_lists_the_full_neighbor_and_the_subnet),
		T(test_router_lsa_of_a_p2p_link_with_a_peer_address_has_its_host_route),
		T(test_router_lsa_of_a_lan_is_a_transit_link_once_full_with_the_dr),
		T(test_router_lsa_of_a_lan_we_are_dr_of_is_transit_with_a_full_neighbor),
		T(test_router_lsa_has_stubs_for_waiting_and_passive_and_host_routes_for_loopbacks),
		T(test_network_lsa_lists_us_and_the_full_neighbors_and_is_flushed_when_not_dr),
		T(test_two_changes_within_min_ls_interval_make_one_origination_of_the_last_state),
		T(test_a_request_that_changes_nothing_originates_nothing),
		T(test_our_lsa_is_refreshed_at_ls_refresh_time_with_the_next_sequence_number),
		T(test_refresh_goes_out_to_the_neighbors),
		T(test_newer_copy_of_our_router_lsa_makes_us_originate_one_above_it),
		T(test_newer_copy_of_ours_waits_for_min_ls_interval),
		T(test_network_lsa_for_our_address_from_another_router_id_is_flushed),
		T(test_sequence_number_wrap_flushes_then_starts_over_at_initial),
		T(test_router_lsa_leaves_when_the_area_has_no_interface_up),
		T(test_flush_self_sends_every_lsa_of_ours_at_max_age),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
