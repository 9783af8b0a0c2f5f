/* SPDX-License-Identifier: ISC */
/*
 * Receiving Link State Updates (RFC 2328 13), flooding (13.3), retransmission (13.6),
 * acknowledgments (13.5, 13.7) and MaxAge removal (14), on one instance whose neighbors
 * are set up in the wanted states and whose packets are recorded, on a simulated clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "flood.h"
#include "iface.h"
#include "nbr.h"
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

/* A summary-LSA (3) with the checksum right. */
static struct lsa h_lsa(uint8_t type, uint32_t id, uint32_t adv, int32_t seq, uint16_t age,
			uint32_t metric)
{
	uint8_t buf[64];
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = type;
	l.hdr.id = id;
	l.hdr.adv_router = adv;
	l.hdr.seq = seq;
	l.hdr.age = age;
	l.hdr.options = OSPF_OPT_E;
	l.summary.mask = 0xffffff00u;
	l.summary.metric = metric;
	assert_true(lsa_encode(&l, buf, sizeof(buf)) > 0);
	l.hdr.length = (uint16_t)lsa_encoded_len(&l);
	lsa_checksum_set(buf, l.hdr.length);
	l.hdr.checksum = get16(buf + 16);
	l.checksum_ok = true;
	return l;
}

/* An AS-external-LSA (5) with one TOS 0 entry. */
static struct lsa h_ext_lsa(uint32_t id, uint32_t adv, int32_t seq)
{
	static struct lsa_external_entry ent = { .e_bit = true, .metric = 20 };
	uint8_t buf[64];
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_AS_EXTERNAL;
	l.hdr.id = id;
	l.hdr.adv_router = adv;
	l.hdr.seq = seq;
	l.hdr.options = OSPF_OPT_E;
	l.external.mask = 0xffffff00u;
	l.external.nentries = 1;
	l.external.entries = &ent;
	assert_true(lsa_encode(&l, buf, sizeof(buf)) > 0);
	l.hdr.length = (uint16_t)lsa_encoded_len(&l);
	lsa_checksum_set(buf, l.hdr.length);
	l.hdr.checksum = get16(buf + 16);
	l.checksum_ok = true;
	return l;
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

/* Two point-to-point interfaces, a Full neighbor on each: A (R2) and B (R3). */
static void two_p2p(struct h *h, struct nbr **a, struct nbr **b)
{
	struct iface *i1 = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct iface *i2 = h_iface(h, IFACE_P2P, NET2(1), ISM_P2P);

	*a = h_nbr(i1, R2, ADDR(2), NSM_FULL);
	*b = h_nbr(i2, R3, NET2(2), NSM_FULL);
}

static void test_newer_lsa_is_installed_flooded_on_and_acked_with_a_delayed_ack(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	const struct sent *s;

	two_p2p(h, &a, &b);
	l = h_lsa(LSA_SUMMARY_NET, 0x0a000000, R4, LSA_INITIAL_SEQ, 10, 5);
	h_recv_lsu(h, a, &l, 1);
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
	/* flooded out of B's interface only, age + InfTransDelay */
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	s = h_nth(h, OSPF_PKT_LSU, 0);
	assert_ptr_equal(s->ifp, b->iface);
	assert_int_equal(s->dst, OSPF_ALL_SPF_ROUTERS);
	assert_int_equal(s->p.lsu.nlsas, 1);
	assert_int_equal(s->p.lsu.lsas[0].hdr.age, 11);
	assert_true(s->p.lsu.lsas[0].checksum_ok);
	assert_int_equal(b->nretransmit, 1);
	assert_int_equal(a->nretransmit, 0);
	/* 13.5: not flooded back, so a delayed ack, within a second */
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 0);
	h_run(h, 1000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	s = h_nth(h, OSPF_PKT_LSACK, 0);
	assert_ptr_equal(s->ifp, a->iface);
	assert_int_equal(s->p.lsack.nlsas, 1);
	assert_int_equal(s->p.lsack.lsas[0].seq, LSA_INITIAL_SEQ);
}

static void test_lsas_of_one_update_are_flooded_on_packed_in_one_update(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l[3];
	const struct sent *s;
	uint32_t i;

	two_p2p(h, &a, &b);
	for (i = 0; i < 3; i++)
		l[i] = h_lsa(3, 0x0a000000 + (i << 8), R4, LSA_INITIAL_SEQ, 0, 5);
	h_recv_lsu(h, a, l, 3);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	s = h_nth(h, OSPF_PKT_LSU, 0);
	assert_ptr_equal(s->ifp, b->iface);
	assert_int_equal(s->p.lsu.nlsas, 3);
	assert_int_equal(b->nretransmit, 3);
}

static void test_lsas_flooded_in_one_event_loop_turn_leave_packed_to_fit_the_mtu(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	uint8_t buf[64];
	size_t i, total = 0;

	two_p2p(h, &a, &b);
	b->iface->mtu = 200; /* 156 bytes of body: 5 summary-LSAs of 28 bytes */
	for (i = 0; i < 12; i++) {
		struct lsa l =
		    h_lsa(3, 0x0a000000 + ((uint32_t)i << 8), RID, LSA_INITIAL_SEQ, 0, 5);

		lsa_encode(&l, buf, sizeof(buf));
		flood_install(&b->iface->area->lsdb, lsa_inst_new(buf, l.hdr.length, h->now), NULL);
	}
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	h_run(h, 0);
	/* out of both interfaces: one update on A's (MTU 1500), three on B's */
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 4);
	for (i = 0; i < h->nsent; i++) {
		if (h->sent[i].ifp == b->iface) {
			assert_true(h->sent[i].p.hdr.length + 20 <= 200);
			total += h->sent[i].p.lsu.nlsas;
		}
	}
	assert_int_equal(total, 12);
}

static void test_an_lsa_replaced_before_its_update_leaves_goes_out_once_newest(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	uint8_t buf[64];
	int32_t seq;

	two_p2p(h, &a, &b);
	for (seq = LSA_INITIAL_SEQ; seq < LSA_INITIAL_SEQ + 2; seq++) {
		struct lsa l = h_lsa(3, 0x0a000000, RID, seq, 0, 5);

		lsa_encode(&l, buf, sizeof(buf));
		flood_install(&a->iface->area->lsdb, lsa_inst_new(buf, l.hdr.length, h->now), NULL);
	}
	h_run(h, 0);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 2);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.nlsas, 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.seq, LSA_INITIAL_SEQ + 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 1)->p.lsu.nlsas, 1);
}

static void test_older_instance_received_makes_us_send_ours_back(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DR);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa newer = h_lsa(3, 0x0a000000, R4, 0x80000005, 0, 5);
	struct lsa older = h_lsa(3, 0x0a000000, R4, 0x80000003, 0, 5);
	const struct sent *s;

	h_recv_lsu(h, a, &newer, 1);
	h_run(h, 2000);
	h_clear(h);
	h_recv_lsu(h, a, &older, 1);
	/* 13 (8): ours goes back, straight to the neighbor, and is not acknowledged */
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	s = h_nth(h, OSPF_PKT_LSU, 0);
	assert_int_equal(s->dst, ADDR(2));
	assert_int_equal(s->p.lsu.lsas[0].hdr.seq, (int32_t)0x80000005);
	h_run(h, 2000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 0);
	assert_int_equal(h_lookup(h, 3, 0x0a000000, R4)->inst->hdr.seq, (int32_t)0x80000005);
}

static void test_same_instance_on_the_retransmission_list_is_an_implied_ack(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;

	two_p2p(h, &a, &b);
	l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 10, 5);
	h_recv_lsu(h, a, &l, 1);
	h_run(h, 1000);
	assert_int_equal(b->nretransmit, 1);
	h_clear(h);
	/* B floods the same instance to us: that acknowledges ours */
	h_recv_lsu(h, b, &l, 1);
	assert_int_equal(b->nretransmit, 0);
	h_run(h, 2000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 0);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
}

static void test_duplicate_not_on_the_retransmission_list_is_acked_directly(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DR);
	struct nbr *a = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 10, 5);
	const struct sent *s;

	h_recv_lsu(h, a, &l, 1);
	h_run(h, 2000);
	h_clear(h);
	h_recv_lsu(h, a, &l, 1);
	/* 13 (7b): a direct ack, at once, to the neighbor */
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	s = h_nth(h, OSPF_PKT_LSACK, 0);
	assert_int_equal(s->dst, ADDR(2));
	assert_int_equal(s->p.lsack.nlsas, 1);
}

static void test_max_age_lsa_we_lack_is_acked_and_discarded_when_nobody_exchanges(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;

	two_p2p(h, &a, &b);
	l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, LSA_MAX_AGE, 5);
	h_recv_lsu(h, a, &l, 1);
	assert_null(h_lookup(h, 3, 0x0a000000, R4));
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->p.lsack.lsas[0].age, LSA_MAX_AGE);
}

static void test_max_age_lsa_we_lack_is_installed_while_a_neighbor_exchanges(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;

	two_p2p(h, &a, &b);
	b->state = NSM_EXCHANGE;
	l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, LSA_MAX_AGE, 5);
	h_recv_lsu(h, a, &l, 1);
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
}

static void test_newer_instance_within_min_ls_arrival_is_discarded_unacked(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l1, l2, l3;

	two_p2p(h, &a, &b);
	l1 = h_lsa(3, 0x0a000000, R4, 0x80000001, 0, 5);
	l2 = h_lsa(3, 0x0a000000, R4, 0x80000002, 0, 6);
	l3 = h_lsa(3, 0x0a000000, R4, 0x80000003, 0, 7);
	h_recv_lsu(h, a, &l1, 1);
	h_run(h, 500);
	h_clear(h);
	h_recv_lsu(h, a, &l2, 1);
	assert_int_equal(h_lookup(h, 3, 0x0a000000, R4)->inst->hdr.seq, (int32_t)0x80000001);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	/* the only ack is the delayed one of the first instance */
	h_run(h, 600);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->p.lsack.nlsas, 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->p.lsack.lsas[0].seq, (int32_t)0x80000001);
	/* a second later it is taken */
	h_recv_lsu(h, a, &l3, 1);
	assert_int_equal(h_lookup(h, 3, 0x0a000000, R4)->inst->hdr.seq, (int32_t)0x80000003);
}

static void test_lsa_with_a_bad_checksum_is_dropped_and_counted_and_the_rest_taken(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l[2];

	two_p2p(h, &a, &b);
	l[0] = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);
	l[0].hdr.checksum ^= 0x0101;
	l[1] = h_lsa(3, 0x0b000000, R4, LSA_INITIAL_SEQ, 0, 5);
	h_recv_lsu(h, a, l, 2);
	assert_int_equal(a->iface->drops[DROP_LSA_BAD_CHECKSUM], 1);
	assert_null(h_lookup(h, 3, 0x0a000000, R4));
	assert_non_null(h_lookup(h, 3, 0x0b000000, R4));
}

/* A router-LSA announcing 2 links and carrying none, its checksum right: the body is bad. */
static struct lsa h_bad_router_lsa(uint32_t id, uint32_t adv)
{
	static uint8_t body[4] = { 0, 0, 0, 2 };
	uint8_t buf[64];
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_ROUTER;
	l.hdr.id = id;
	l.hdr.adv_router = adv;
	l.hdr.seq = LSA_INITIAL_SEQ;
	l.body_error = DROP_LSA_ROUTER_BODY; /* encode the raw bytes as they are */
	l.raw.len = sizeof(body);
	l.raw.data = body;
	l.hdr.length = (uint16_t)lsa_encode(&l, buf, sizeof(buf));
	lsa_checksum_set(buf, l.hdr.length);
	l.hdr.checksum = get16(buf + 16);
	l.checksum_ok = true;
	return l;
}

static void test_lsa_with_a_malformed_body_is_dropped_and_counted_and_the_rest_taken(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l[3];

	two_p2p(h, &a, &b);
	l[0] = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);
	l[1] = h_bad_router_lsa(R4, R4);
	l[2] = h_lsa(3, 0x0b000000, R4, LSA_INITIAL_SEQ, 0, 5);
	h_recv_lsu(h, a, l, 3);
	/* RFC 2328 13: that LSA alone is dropped, counted with its reason */
	assert_int_equal(a->iface->drops[DROP_LSA_ROUTER_BODY], 1);
	assert_null(h_lookup(h, LSA_ROUTER, R4, R4));
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
	assert_non_null(h_lookup(h, 3, 0x0b000000, R4));
	assert_int_equal(b->nretransmit, 2);
	/* and it is not acknowledged */
	h_run(h, 1000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->p.lsack.nlsas, 2);
}

static void test_as_external_lsa_in_a_stub_area_is_dropped_as_a_bad_type(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	struct lsa_key k = { LSA_AS_EXTERNAL, 0x0a000000, R4 };

	two_p2p(h, &a, &b);
	a->iface->area->type = AREA_STUB;
	l = h_ext_lsa(0x0a000000, R4, LSA_INITIAL_SEQ);
	h_recv_lsu(h, a, &l, 1);
	assert_int_equal(a->iface->drops[DROP_LSA_BAD_TYPE], 1);
	assert_null(lsdb_lookup(&h->o->as_lsdb, &k));
	/* in a normal area it goes to the AS scope */
	a->iface->area->type = AREA_NORMAL;
	h_recv_lsu(h, a, &l, 1);
	assert_non_null(lsdb_lookup(&h->o->as_lsdb, &k));
}

static void test_lsa_of_an_unknown_type_is_dropped_as_a_bad_type(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	uint8_t body[4] = { 1, 2, 3, 4 }, buf[64];

	two_p2p(h, &a, &b);
	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_GROUP_MEMBERSHIP;
	l.hdr.id = 1;
	l.hdr.adv_router = R4;
	l.hdr.seq = LSA_INITIAL_SEQ;
	l.raw.len = sizeof(body);
	l.raw.data = body;
	l.hdr.length = (uint16_t)lsa_encode(&l, buf, sizeof(buf));
	lsa_checksum_set(buf, l.hdr.length);
	l.hdr.checksum = get16(buf + 16);
	l.checksum_ok = true;
	h_recv_lsu(h, a, &l, 1);
	assert_int_equal(a->iface->drops[DROP_LSA_BAD_TYPE], 1);
	assert_int_equal(ospf_area_find(h->o, 0)->lsdb.count, 0);
}

/* An opaque LSA (RFC 5250) of the given type with a 4-byte body. */
static struct lsa h_opaque_lsa(uint8_t type, uint32_t id, uint32_t adv)
{
	static uint8_t body[4] = { 1, 2, 3, 4 };
	uint8_t buf[64];
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = type;
	l.hdr.id = id;
	l.hdr.adv_router = adv;
	l.hdr.seq = LSA_INITIAL_SEQ;
	l.hdr.options = OSPF_OPT_E | OSPF_OPT_O;
	l.raw.len = sizeof(body);
	l.raw.data = body;
	l.hdr.length = (uint16_t)lsa_encode(&l, buf, sizeof(buf));
	lsa_checksum_set(buf, l.hdr.length);
	l.hdr.checksum = get16(buf + 16);
	l.checksum_ok = true;
	return l;
}

static void test_opaque_lsas_are_dropped_counted_unacked_and_not_flooded(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l[4];
	struct lsa_key k11 = { LSA_OPAQUE_AS, 0x07000001, R4 };

	two_p2p(h, &a, &b);
	l[0] = h_opaque_lsa(LSA_OPAQUE_LINK, 0x01000001, R4);
	l[1] = h_opaque_lsa(LSA_OPAQUE_AREA, 0x01000001, R4);
	l[2] = h_opaque_lsa(LSA_OPAQUE_AS, 0x07000001, R4);
	l[3] = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);
	h_recv_lsu(h, a, l, 4);
	/* RFC 5250 3: no opaque capability: not accepted, not acknowledged */
	assert_int_equal(a->iface->drops[DROP_LSA_OPAQUE], 3);
	assert_null(h_lookup(h, LSA_OPAQUE_LINK, 0x01000001, R4));
	assert_null(h_lookup(h, LSA_OPAQUE_AREA, 0x01000001, R4));
	assert_null(lsdb_lookup(&h->o->as_lsdb, &k11));
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
	assert_int_equal(b->nretransmit, 1);
	h_run(h, 1000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->p.lsack.nlsas, 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->p.lsack.lsas[0].type, 3);
}

static void test_opaque_lsa_in_the_lsdb_is_never_flooded(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	uint8_t buf[64];

	two_p2p(h, &a, &b);
	l = h_opaque_lsa(LSA_OPAQUE_AREA, 0x01000001, R4);
	lsa_encode(&l, buf, sizeof(buf));
	flood_install(&a->iface->area->lsdb, lsa_inst_new(buf, l.hdr.length, h->now), NULL);
	h_run(h, 0);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	assert_int_equal(a->nretransmit + b->nretransmit, 0);
}

static void test_update_from_a_neighbor_below_exchange_is_dropped(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;

	two_p2p(h, &a, &b);
	a->state = NSM_EXSTART;
	l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);
	h_recv_lsu(h, a, &l, 1);
	assert_int_equal(a->iface->drops[DROP_NBR_STATE], 1);
	assert_null(h_lookup(h, 3, 0x0a000000, R4));
}

static void test_drother_does_not_flood_back_what_the_dr_sent_and_acks_to_alldrouters(void **state)
{
	struct h *h = *state;
	struct iface *lan = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DROTHER);
	struct iface *p2p = h_iface(h, IFACE_P2P, NET2(1), ISM_P2P);
	struct nbr *dr = h_nbr(lan, R2, ADDR(2), NSM_FULL);
	struct nbr *bdr = h_nbr(lan, R3, ADDR(3), NSM_FULL);
	struct nbr *c = h_nbr(p2p, R4, NET2(2), NSM_FULL);
	struct lsa l = h_lsa(3, 0x0a000000, 0x05050505, LSA_INITIAL_SEQ, 0, 5);
	const struct sent *s;

	lan->dr = ADDR(2);
	lan->bdr = ADDR(3);
	h_recv_lsu(h, dr, &l, 1);
	/* 13.3 (3): the BDR heard it from the DR too: not sent on the LAN */
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_ptr_equal(h_nth(h, OSPF_PKT_LSU, 0)->ifp, p2p);
	assert_int_equal(bdr->nretransmit, 1);
	assert_int_equal(c->nretransmit, 1);
	/* 13.5: a DROther's delayed ack goes to AllDRouters */
	h_run(h, 1000);
	s = h_nth(h, OSPF_PKT_LSACK, 0);
	assert_non_null(s);
	assert_ptr_equal(s->ifp, lan);
	assert_int_equal(s->dst, OSPF_ALL_D_ROUTERS);
}

static void test_drother_floods_its_own_lsas_to_alldrouters(void **state)
{
	struct h *h = *state;
	struct iface *lan = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DROTHER);
	struct nbr *dr = h_nbr(lan, R2, ADDR(2), NSM_FULL);
	struct lsa l = h_lsa(3, 0x0a000000, RID, LSA_INITIAL_SEQ, 0, 5);
	uint8_t buf[64];

	lan->dr = ADDR(2);
	lsa_encode(&l, buf, sizeof(buf));
	flood_install(&lan->area->lsdb, lsa_inst_new(buf, l.hdr.length, h->now), NULL);
	/* queued: out at the end of the event-loop turn */
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	h_run(h, 0);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->dst, OSPF_ALL_D_ROUTERS);
	assert_int_equal(dr->nretransmit, 1);
}

static void test_dr_floods_back_out_the_receiving_interface_and_then_sends_no_ack(void **state)
{
	struct h *h = *state;
	struct iface *lan = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_DR);
	struct nbr *a = h_nbr(lan, R2, ADDR(2), NSM_FULL);
	struct nbr *b = h_nbr(lan, R3, ADDR(3), NSM_FULL);
	struct lsa l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);

	h_recv_lsu(h, a, &l, 1);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->dst, OSPF_ALL_SPF_ROUTERS);
	assert_int_equal(a->nretransmit, 0);
	assert_int_equal(b->nretransmit, 1);
	/* 13.5: flooded back out: that is the acknowledgment */
	h_run(h, 2000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 0);
}

static void test_backup_leaves_flooding_to_the_dr_and_acks_only_the_drs_lsas(void **state)
{
	struct h *h = *state;
	struct iface *lan = h_iface(h, IFACE_BROADCAST, ADDR(1), ISM_BACKUP);
	struct nbr *dr = h_nbr(lan, R2, ADDR(2), NSM_FULL);
	struct nbr *other = h_nbr(lan, R3, ADDR(3), NSM_FULL);
	struct lsa l1 = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);
	struct lsa l2 = h_lsa(3, 0x0b000000, R4, LSA_INITIAL_SEQ, 0, 5);

	lan->dr = ADDR(2);
	lan->bdr = ADDR(1);
	/* from a DROther: onto the DR's list, but 13.3 (4): not sent; 13.5: no ack */
	h_recv_lsu(h, other, &l1, 1);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	assert_int_equal(dr->nretransmit, 1);
	h_run(h, 2000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 0);
	/* from the DR: 13.5: a delayed ack, to AllSPFRouters */
	h_recv_lsu(h, dr, &l2, 1);
	h_run(h, 1000);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->dst, OSPF_ALL_SPF_ROUTERS);
}

static void test_unacknowledged_lsa_is_resent_every_rxmt_interval_until_acked(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	struct lsa_hdr ack;
	size_t i;

	two_p2p(h, &a, &b);
	l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);
	h_recv_lsu(h, a, &l, 1);
	h_clear(h);
	h_run(h, 4999);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	h_run(h, 1);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_ptr_equal(h_nth(h, OSPF_PKT_LSU, 0)->ifp, b->iface);
	h_run(h, 5000);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 2);
	/* the ack names the instance (its age may differ a little): off the list */
	ack = l.hdr;
	ack.age = 11;
	h_recv_ack(h, b, &ack, 1);
	assert_int_equal(b->nretransmit, 0);
	assert_null(b->lsu_rxmt_timer);
	h_clear(h);
	for (i = 0; i < 4; i++)
		h_run(h, 5000);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
}

static void test_each_lsa_is_resent_only_once_its_own_rxmt_interval_has_passed(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa x, y;

	two_p2p(h, &a, &b);
	x = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 0, 5);
	y = h_lsa(3, 0x0b000000, R4, LSA_INITIAL_SEQ, 0, 5);
	h_recv_lsu(h, a, &x, 1); /* t = 0: x sent to B */
	h_run(h, 3000);
	h_recv_lsu(h, a, &y, 1); /* t = 3 s: y sent to B */
	assert_int_equal(b->nretransmit, 2);
	h_clear(h);
	/* t = 5 s: x is due, y (sent 2 s ago) is not */
	h_run(h, 2000);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.nlsas, 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.id, 0x0a000000);
	/* t = 8 s: y alone; the timer was rearmed for it */
	h_clear(h);
	h_run(h, 2999);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 0);
	h_run(h, 1);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.nlsas, 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.id, 0x0b000000);
	/* t = 10 s: x again */
	h_clear(h);
	h_run(h, 2000);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.lsas[0].hdr.id, 0x0a000000);
}

static void test_lsas_due_together_are_resent_packed_in_one_update(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l[20];
	uint32_t i;

	two_p2p(h, &a, &b);
	for (i = 0; i < 20; i++) {
		l[i] = h_lsa(3, 0x0a000000 + (i << 8), R4, LSA_INITIAL_SEQ, 0, 5);
		h_recv_lsu(h, a, &l[i], 1);
	}
	h_clear(h);
	h_run(h, 5000);
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->p.lsu.nlsas, 20);
	assert_int_equal(h_nth(h, OSPF_PKT_LSU, 0)->dst, OSPF_ALL_SPF_ROUTERS);
}

static void test_ack_for_another_instance_leaves_the_lsa_on_the_list(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	struct lsa_hdr ack;

	two_p2p(h, &a, &b);
	l = h_lsa(3, 0x0a000000, R4, 0x80000005, 0, 5);
	h_recv_lsu(h, a, &l, 1);
	ack = l.hdr;
	ack.seq = 0x80000004;
	h_recv_ack(h, b, &ack, 1);
	assert_int_equal(b->nretransmit, 1);
}

static void test_delayed_acks_of_several_lsas_leave_in_one_packet(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	uint32_t i;

	two_p2p(h, &a, &b);
	for (i = 0; i < 3; i++) {
		l = h_lsa(3, 0x0a000000 + (i << 8), R4, LSA_INITIAL_SEQ, 0, 5);
		h_recv_lsu(h, a, &l, 1);
		h_run(h, 200);
	}
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 0);
	h_run(h, 400);
	assert_int_equal(h_count(h, OSPF_PKT_LSACK), 1);
	assert_int_equal(h_nth(h, OSPF_PKT_LSACK, 0)->p.lsack.nlsas, 3);
}

static void test_requested_lsa_arriving_leaves_the_request_list_and_ends_loading(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;

	two_p2p(h, &a, &b);
	a->state = NSM_LOADING;
	l = h_lsa(3, 0x0a000000, R4, 0x80000002, 0, 5);
	nbr_request_add(a, &l.hdr);
	h_recv_lsu(h, a, &l, 1);
	assert_int_equal(a->nrequest, 0);
	assert_int_equal(a->state, NSM_FULL);
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
}

static void test_lsa_not_newer_than_ours_but_requested_raises_bad_ls_req(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l, req;

	two_p2p(h, &a, &b);
	l = h_lsa(3, 0x0a000000, R4, 0x80000002, 0, 5);
	h_recv_lsu(h, b, &l, 1);
	h_run(h, 2000);
	a->state = NSM_EXCHANGE;
	req = h_lsa(3, 0x0a000000, R4, 0x80000003, 0, 5);
	nbr_request_add(a, &req.hdr);
	h_recv_lsu(h, a, &l, 1);
	/* 13 (6): the exchange is started over */
	assert_int_equal(a->state, NSM_EXSTART);
	assert_int_equal(a->nrequest, 0);
}

static void test_lsa_reaching_max_age_is_reflooded_and_removed_once_acked(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;
	struct lsa_hdr ack;
	const struct sent *s;

	two_p2p(h, &a, &b);
	l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, 3590, 5);
	h_recv_lsu(h, a, &l, 1);
	ack = l.hdr;
	h_recv_ack(h, b, &ack, 1);
	assert_int_equal(b->nretransmit, 0);
	h_clear(h);
	h_run(h, 10000);
	/* 14: at MaxAge it goes out to both neighbors */
	assert_int_equal(h_count(h, OSPF_PKT_LSU), 2);
	s = h_nth(h, OSPF_PKT_LSU, 0);
	assert_int_equal(s->p.lsu.lsas[0].hdr.age, LSA_MAX_AGE);
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
	ack.age = LSA_MAX_AGE;
	h_recv_ack(h, a, &ack, 1);
	h_run(h, 100);
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
	h_recv_ack(h, b, &ack, 1);
	h_run(h, 100);
	assert_null(h_lookup(h, 3, 0x0a000000, R4));
}

static void test_max_age_lsa_stays_while_a_neighbor_exchanges(void **state)
{
	struct h *h = *state;
	struct nbr *a, *b;
	struct lsa l;

	two_p2p(h, &a, &b);
	b->state = NSM_EXCHANGE;
	l = h_lsa(3, 0x0a000000, R4, LSA_INITIAL_SEQ, LSA_MAX_AGE, 5);
	h_recv_lsu(h, a, &l, 1);
	flood_rxmt_clear(b);
	h_run(h, 3000);
	assert_non_null(h_lookup(h, 3, 0x0a000000, R4));
	b->state = NSM_FULL;
	h_run(h, 1000);
	assert_null(h_lookup(h, 3, 0x0a000000, R4));
}

static void test_updates_are_split_to_fit_the_mtu(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct lsa_inst *insts[10];
	uint8_t buf[64];
	size_t i, total = 0;

	ifp->mtu = 200; /* 156 bytes of body: 5 LSAs of 28 bytes each */
	for (i = 0; i < 10; i++) {
		struct lsa l = h_lsa(3, (uint32_t)i << 8, R4, LSA_INITIAL_SEQ, 0, 5);

		lsa_encode(&l, buf, sizeof(buf));
		insts[i] = lsa_inst_new(buf, l.hdr.length, h->now);
	}
	lsupd_send(ifp, OSPF_ALL_SPF_ROUTERS, insts, 10);
	assert_true(h_count(h, OSPF_PKT_LSU) >= 2);
	for (i = 0; i < h->nsent; i++) {
		assert_true(h->sent[i].p.hdr.length + 20 <= 200);
		total += h->sent[i].p.lsu.nlsas;
	}
	assert_int_equal(total, 10);
	for (i = 0; i < 10; i++)
		lsa_inst_unref(insts[i]);
}

static void test_lsa_set_finds_every_entry_across_growth_and_removal(void **state)
{
	enum {
		N = 1000
	};
	struct nbr_lsa_set set = { 0 };
	struct nbr_lsa *e = calloc(N, sizeof(*e));
	struct lsa_key k;
	int i;

	(void)state;
	assert_non_null(e);
	for (i = 0; i < N; i++) {
		/* keys that differ in one field only, the type alternating */
		e[i].hdr.type = (uint8_t)(1 + i % 2);
		e[i].hdr.id = (uint32_t)(i / 2);
		e[i].hdr.adv_router = R4;
		assert_true(nbr_lsa_set_add(&set, &e[i]));
	}
	assert_int_equal(set.count, N);
	assert_true(set.nbuckets >= N);
	for (i = 0; i < N; i++) {
		k = lsa_key_of(&e[i].hdr);
		assert_ptr_equal(nbr_lsa_set_find(&set, &k), &e[i]);
	}
	for (i = 0; i < N; i += 3)
		nbr_lsa_set_del(&set, &e[i]);
	for (i = 0; i < N; i++) {
		k = lsa_key_of(&e[i].hdr);
		if (i % 3)
			assert_ptr_equal(nbr_lsa_set_find(&set, &k), &e[i]);
		else
			assert_null(nbr_lsa_set_find(&set, &k));
	}
	k.type = 1;
	k.id = 0;
	k.adv_router = R3;
	assert_null(nbr_lsa_set_find(&set, &k));
	nbr_lsa_set_clear(&set);
	assert_null(nbr_lsa_set_find(&set, &k));
	free(e);
}

static double bench_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/*
 * Not a pass/fail threshold: prints how long 20k LSAs take on one neighbor's
 * retransmission and request lists (added, then each looked up and removed, last first, as
 * acknowledgments and arriving LSAs do), so a linear search shows up as seconds.
 */
static void test_bench_20k_lsas_on_one_neighbors_lists(void **state)
{
	enum {
		N = 20000
	};
	struct h *h = *state;
	struct iface *ifp = h_iface(h, IFACE_P2P, ADDR(1), ISM_P2P);
	struct nbr *n = h_nbr(ifp, R2, ADDR(2), NSM_FULL);
	struct lsa_inst **insts = calloc(N, sizeof(*insts));
	struct timespec t0;
	uint8_t buf[64];
	double add_ms, del_ms;
	int i;

	assert_non_null(insts);
	for (i = 0; i < N; i++) {
		struct lsa l = h_lsa(3, (uint32_t)i << 8, R4, LSA_INITIAL_SEQ, 0, 5);

		lsa_encode(&l, buf, sizeof(buf));
		insts[i] = lsa_inst_new(buf, l.hdr.length, h->now);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < N; i++)
		flood_rxmt_add(n, insts[i]);
	add_ms = bench_ms_since(&t0);
	assert_int_equal(n->nretransmit, N);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = N - 1; i >= 0; i--) {
		struct lsa_key k = lsa_key_of(&insts[i]->hdr);

		assert_ptr_equal(flood_rxmt_find(n, &k), insts[i]);
		assert_true(flood_rxmt_remove(n, &k));
	}
	del_ms = bench_ms_since(&t0);
	assert_int_equal(n->nretransmit, 0);
	printf("bench: retransmission list, %d LSAs: add %.1f ms, find+remove %.1f ms\n", N, add_ms,
	       del_ms);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < N; i++)
		nbr_request_add(n, &insts[i]->hdr);
	add_ms = bench_ms_since(&t0);
	assert_int_equal(n->nrequest, N);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = N - 1; i >= 0; i--) {
		struct lsa_key k = lsa_key_of(&insts[i]->hdr);
		struct nbr_lsa *r = nbr_request_find(n, &k);

		assert_non_null(r);
		nbr_request_remove(n, r);
	}
	del_ms = bench_ms_since(&t0);
	assert_int_equal(n->nrequest, 0);
	printf("bench: request list, %d LSAs: add %.1f ms, find+remove %.1f ms\n", N, add_ms,
	       del_ms);
	for (i = 0; i < N; i++)
		lsa_inst_unref(insts[i]);
	free(insts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_newer_lsa_is_installed_flooded_on_and_acked_with_a_delayed_ack),
		T(test_lsas_of_one_update_are_flooded_on_packed_in_one_update),
		T(test_lsas_flooded_in_one_event_loop_turn_leave_packed_to_fit_the_mtu),
		T(test_an_lsa_replaced_before_its_update_leaves_goes_out_once_newest),
		T(test_older_instance_received_makes_us_send_ours_back),
		T(test_same_instance_on_the_retransmission_list_is_an_implied_ack),
		T(test_duplicate_not_on_the_retransmission_list_is_acked_directly),
		T(test_max_age_lsa_we_lack_is_acked_and_discarded_when_nobody_exchanges),
		T(test_max_age_lsa_we_lack_is_installed_while_a_neighbor_exchanges),
		T(test_newer_instance_within_min_ls_arrival_is_discarded_unacked),
		T(test_lsa_with_a_bad_checksum_is_dropped_and_counted_and_the_rest_taken),
		T(test_lsa_with_a_malformed_body_is_dropped_and_counted_and_the_rest_taken),
		T(test_as_external_lsa_in_a_stub_area_is_dropped_as_a_bad_type),
		T(test_lsa_of_an_unknown_type_is_dropped_as_a_bad_type),
		T(test_opaque_lsas_are_dropped_counted_unacked_and_not_flooded),
		T(test_opaque_lsa_in_the_lsdb_is_never_flooded),
		T(test_update_from_a_neighbor_below_exchange_is_dropped),
		T(test_drother_does_not_flood_back_what_the_dr_sent_and_acks_to_alldrouters),
		T(test_drother_floods_its_own_lsas_to_alldrouters),
		T(test_dr_floods_back_out_the_receiving_interface_and_then_sends_no_ack),
		T(test_backup_leaves_flooding_to_the_dr_and_acks_only_the_drs_lsas),
		T(test_unacknowledged_lsa_is_resent_every_rxmt_interval_until_acked),
		T(test_each_lsa_is_resent_only_once_its_own_rxmt_interval_has_passed),
		T(test_lsas_due_together_are_resent_packed_in_one_update),
		T(test_ack_for_another_instance_leaves_the_lsa_on_the_list),
		T(test_delayed_acks_of_several_lsas_leave_in_one_packet),
		T(test_requested_lsa_arriving_leaves_the_request_list_and_ends_loading),
		T(test_lsa_not_newer_than_ours_but_requested_raises_bad_ls_req),
		T(test_lsa_reaching_max_age_is_reflooded_and_removed_once_acked),
		T(test_max_age_lsa_stays_while_a_neighbor_exchanges),
		T(test_updates_are_split_to_fit_the_mtu),
		T(test_lsa_set_finds_every_entry_across_growth_and_removal),
		T(test_bench_20k_lsas_on_one_neighbors_lists),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
