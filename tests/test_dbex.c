/* SPDX-License-Identifier: ISC */
/*
 * Database exchange (RFC 2328 10.6, 10.8) and link state requests (10.7, 10.9), driven by
 * packets handed to one instance as if a neighbor on a point-to-point link had sent them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_io.h"
#include "iface.h"
#include "nbr.h"

#define ADDR_US	 0x0a000001u /* 10.0.0.1 */
#define ADDR_NBR 0x0a000002u /* 10.0.0.2 */
#define RID_LOW	 0x01010101u /* 1.1.1.1 */
#define RID_NBR	 0x02020202u /* 2.2.2.2 */
#define RID_HIGH 0x03030303u /* 3.3.3.3 */
#define DD_IMMS	 (OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS)

struct world {
	struct fake *f;
	struct iface *ifp;
	struct nbr *n;
};

/* Us (router id rid) on a point-to-point link, the neighbor 2.2.2.2 taken to ExStart by a
 * Hello that lists us. */
static void exstart(struct world *w, uint32_t rid, enum area_type at,
		    const struct iface_params *params)
{
	struct iface_params p = params ? *params : fake_params(IFACE_P2P);

	w->f = fake_new(rid);
	w->ifp = fake_iface(w->f, 0, at, &p, ADDR_US, 30);
	iface_fsm(w->ifp, ISM_EV_INTERFACE_UP);
	fake_recv_hello(w->f, w->ifp, ADDR_NBR, RID_NBR, 1, 0, 0, &rid, 1);
	w->n = iface_nbr_find_by_id(w->ifp, RID_NBR);
	assert_non_null(w->n);
	assert_int_equal(w->n->state, NSM_EXSTART);
}

static const struct ospf_dd *last_dd(const struct world *w)
{
	const struct fake_pkt *k = fake_last(w->f, OSPF_PKT_DD);

	assert_non_null(k);
	return &k->p.dd;
}

static void dd_from_nbr(struct world *w, uint8_t flags, uint32_t seq, const struct lsa_hdr *h,
			uint32_t nh)
{
	fake_recv_dd(w->f, w->ifp, ADDR_NBR, RID_NBR, 1500, OSPF_OPT_E, flags, seq, h, nh);
}

static struct lsa_hdr hdr_of(uint8_t type, uint32_t id, uint32_t adv, int32_t seq)
{
	struct lsa_hdr h = { .age = 1,
			     .type = type,
			     .id = id,
			     .adv_router = adv,
			     .seq = seq,
			     .checksum = 0x1234,
			     .length = 36 };

	return h;
}

/* We are 1.1.1.1, the neighbor 2.2.2.2 takes master with seq 1000: we are in Exchange. */
static void slave_in_exchange(struct world *w)
{
	exstart(w, RID_LOW, AREA_NORMAL, NULL);
	dd_from_nbr(w, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w->n->state, NSM_EXCHANGE);
}

/* We are 3.3.3.3; the neighbor acknowledges our first DD as slave: we are master. */
static uint32_t master_in_exchange(struct world *w, const struct lsa_hdr *h, uint32_t nh)
{
	uint32_t seq;

	exstart(w, RID_HIGH, AREA_NORMAL, NULL);
	seq = last_dd(w)->seq;
	dd_from_nbr(w, OSPF_DD_M, seq, h, nh);
	assert_int_equal(w->n->state, NSM_EXCHANGE);
	return seq;
}

static void world_free(struct world *w)
{
	fake_free(w->f);
}

static void test_dd_exstart_sends_an_empty_dd_with_i_m_ms_to_allspfrouters(void **state)
{
	struct world w;
	const struct ospf_dd *dd;

	(void)state;
	exstart(&w, RID_LOW, AREA_NORMAL, NULL);
	dd = last_dd(&w);
	assert_int_equal(dd->flags, DD_IMMS);
	assert_int_equal(dd->nlsas, 0);
	assert_int_equal(dd->mtu, 1500);
	assert_int_equal(dd->options, OSPF_OPT_E);
	assert_int_equal(dd->seq, w.n->dd_seq);
	assert_int_equal(fake_last(w.f, OSPF_PKT_DD)->dst, OSPF_ALL_SPF_ROUTERS);
	assert_true(w.n->master);
	world_free(&w);
}

static void test_dd_master_slave_negotiation_lower_id_becomes_slave(void **state)
{
	struct world w;
	const struct ospf_dd *dd;

	(void)state;
	slave_in_exchange(&w);
	assert_false(w.n->master);
	assert_int_equal(w.n->dd_seq, 1000);
	/* the slave's reply: the master's sequence number, MS and I clear, nothing more */
	dd = last_dd(&w);
	assert_int_equal(dd->seq, 1000);
	assert_int_equal(dd->flags, 0);
	world_free(&w);
}

static void test_dd_master_slave_negotiation_higher_id_becomes_master(void **state)
{
	struct world w;
	uint32_t seq;

	(void)state;
	exstart(&w, RID_HIGH, AREA_NORMAL, NULL);
	seq = last_dd(&w)->seq;
	/* the neighbor also claims master: it has the lower id, so it is ignored */
	dd_from_nbr(&w, DD_IMMS, 777, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_NBR_STATE], 1);
	/* it acknowledges ours as slave: we are master and send the next one */
	dd_from_nbr(&w, OSPF_DD_M, seq, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_true(w.n->master);
	assert_int_equal(last_dd(&w)->seq, seq + 1);
	assert_int_equal(last_dd(&w)->flags, OSPF_DD_MS);
	world_free(&w);
}

static void test_dd_slave_reaches_full_when_both_sides_have_no_more(void **state)
{
	struct world w;

	(void)state;
	slave_in_exchange(&w);
	dd_from_nbr(&w, OSPF_DD_MS, 1001, NULL, 0);
	assert_int_equal(w.n->state, NSM_FULL);
	assert_int_equal(last_dd(&w)->seq, 1001);
	/* 10.8: the slave keeps its last DD for RouterDeadInterval */
	assert_non_null(w.n->last_dd_tx);
	assert_non_null(w.n->slave_hold_timer);
	world_free(&w);
}

static void test_dd_master_goes_loading_then_full_as_requests_are_answered(void **state)
{
	struct world w;
	struct lsa_hdr h = hdr_of(LSA_ROUTER, RID_NBR, RID_NBR, LSA_INITIAL_SEQ);
	struct lsa_key k = lsa_key_of(&h);
	uint32_t seq;

	(void)state;
	seq = master_in_exchange(&w, &h, 1);
	/* the header is new to us: requested, while still in Exchange (10.9) */
	assert_int_equal(w.n->nrequest, 1);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 1);
	assert_int_equal(fake_last(w.f, OSPF_PKT_LSR)->p.lsr.reqs[0].id, RID_NBR);
	/* the slave's last (M clear), acknowledging our seq+1 (M clear): ExchangeDone */
	dd_from_nbr(&w, 0, seq + 1, NULL, 0);
	assert_int_equal(w.n->state, NSM_LOADING);
	assert_null(w.n->dd_rxmt_timer);
	nbr_request_remove(w.n, nbr_request_find(w.n, &k));
	assert_int_equal(w.n->state, NSM_FULL);
	assert_null(w.n->lsr_rxmt_timer);
	world_free(&w);
}

static void test_dd_slave_answers_a_duplicate_by_resending_its_last_dd(void **state)
{
	struct world w;
	size_t before;

	(void)state;
	slave_in_exchange(&w);
	before = fake_sent(w.f, OSPF_PKT_DD);
	dd_from_nbr(&w, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), before + 1);
	assert_int_equal(last_dd(&w)->seq, 1000);
	assert_int_equal(last_dd(&w)->flags, 0);
	world_free(&w);
}

static void test_dd_master_discards_a_duplicate(void **state)
{
	struct world w;
	uint32_t seq;
	size_t before;

	(void)state;
	seq = master_in_exchange(&w, NULL, 0);
	before = fake_sent(w.f, OSPF_PKT_DD);
	dd_from_nbr(&w, OSPF_DD_M, seq, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), before);
	assert_int_equal(w.n->dd_seq, seq + 1);
	assert_int_equal(w.ifp->drops[DROP_DD_DUPLICATE], 1);
	world_free(&w);
}

static void test_dd_slave_in_full_answers_duplicates_until_the_dead_interval_ends(void **state)
{
	struct world w;
	size_t before;

	(void)state;
	slave_in_exchange(&w);
	dd_from_nbr(&w, OSPF_DD_MS, 1001, NULL, 0);
	assert_int_equal(w.n->state, NSM_FULL);
	before = fake_sent(w.f, OSPF_PKT_DD);
	dd_from_nbr(&w, OSPF_DD_MS, 1001, NULL, 0);
	assert_int_equal(w.n->state, NSM_FULL);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), before + 1);
	/* keep the neighbor alive, let the hold time pass */
	fake_run(w.f, 30000);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, &(uint32_t){ RID_LOW }, 1);
	fake_run(w.f, 11000);
	assert_null(w.n->last_dd_tx);
	before = fake_sent(w.f, OSPF_PKT_DD);
	dd_from_nbr(&w, OSPF_DD_MS, 1001, NULL, 0);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), before);
	assert_int_equal(w.n->state, NSM_FULL);
	world_free(&w);
}

static void test_dd_in_full_other_than_a_duplicate_is_a_sequence_mismatch(void **state)
{
	struct world w;

	(void)state;
	slave_in_exchange(&w);
	dd_from_nbr(&w, OSPF_DD_MS, 1001, NULL, 0);
	dd_from_nbr(&w, OSPF_DD_MS, 1002, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_DD_SEQ_MISMATCH], 1);
	world_free(&w);
}

static void test_dd_mtu_mismatch_is_counted_and_adjacency_stays_in_exstart(void **state)
{
	struct world w;

	(void)state;
	exstart(&w, RID_LOW, AREA_NORMAL, NULL);
	fake_recv_dd(w.f, w.ifp, ADDR_NBR, RID_NBR, 9000, OSPF_OPT_E, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_MTU_MISMATCH], 1);
	assert_string_equal(w.n->last_reason, drop_reason_str(DROP_MTU_MISMATCH));
	/* a smaller MTU is fine */
	fake_recv_dd(w.f, w.ifp, ADDR_NBR, RID_NBR, 1400, OSPF_OPT_E, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	world_free(&w);
}

static void test_dd_mtu_ignore_lets_a_larger_mtu_through(void **state)
{
	struct world w;
	struct iface_params p = fake_params(IFACE_P2P);

	(void)state;
	p.mtu_ignore = true;
	exstart(&w, RID_LOW, AREA_NORMAL, &p);
	fake_recv_dd(w.f, w.ifp, ADDR_NBR, RID_NBR, 9000, OSPF_OPT_E, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_int_equal(w.ifp->drops[DROP_MTU_MISMATCH], 0);
	world_free(&w);
}

static void test_dd_out_of_order_sequence_number_restarts_the_exchange(void **state)
{
	struct world w;
	uint32_t old_seq;

	(void)state;
	slave_in_exchange(&w);
	old_seq = w.n->dd_seq;
	dd_from_nbr(&w, OSPF_DD_MS, 1005, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_DD_SEQ_MISMATCH], 1);
	/* ExStart again: master, sequence number + 1, I|M|MS */
	assert_true(w.n->master);
	assert_int_equal(w.n->dd_seq, old_seq + 1);
	assert_int_equal(last_dd(&w)->flags, DD_IMMS);
	assert_int_equal(fake_calls.rxmt_clear >= 1, 1);
	world_free(&w);
}

static void test_dd_with_i_bit_in_exchange_is_a_sequence_mismatch(void **state)
{
	struct world w;

	(void)state;
	slave_in_exchange(&w);
	dd_from_nbr(&w, OSPF_DD_I | OSPF_DD_MS, 1001, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_DD_SEQ_MISMATCH], 1);
	world_free(&w);
}

static void test_dd_with_wrong_ms_bit_in_exchange_is_a_sequence_mismatch(void **state)
{
	struct world w;

	(void)state;
	slave_in_exchange(&w);
	dd_from_nbr(&w, 0, 1001, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_DD_SEQ_MISMATCH], 1);
	world_free(&w);
}

static void test_dd_with_changed_options_in_exchange_is_a_sequence_mismatch(void **state)
{
	struct world w;

	(void)state;
	slave_in_exchange(&w);
	fake_recv_dd(w.f, w.ifp, ADDR_NBR, RID_NBR, 1500, OSPF_OPT_E | OSPF_OPT_O, OSPF_DD_MS, 1001,
		     NULL, 0);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_DD_SEQ_MISMATCH], 1);
	world_free(&w);
}

static void test_dd_listing_an_external_lsa_in_a_stub_area_is_a_sequence_mismatch(void **state)
{
	struct world w;
	struct lsa_hdr h = hdr_of(LSA_AS_EXTERNAL, 0x0a0a0000, RID_NBR, LSA_INITIAL_SEQ);

	(void)state;
	exstart(&w, RID_LOW, AREA_STUB, NULL);
	fake_recv_dd(w.f, w.ifp, ADDR_NBR, RID_NBR, 1500, 0, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	fake_recv_dd(w.f, w.ifp, ADDR_NBR, RID_NBR, 1500, 0, OSPF_DD_MS, 1001, &h, 1);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.ifp->drops[DROP_LSA_BAD_TYPE], 1);
	world_free(&w);
}

static void test_dd_listing_opaque_lsas_does_not_request_them(void **state)
{
	struct world w;
	struct lsa_hdr h[3];

	(void)state;
	slave_in_exchange(&w);
	h[0] = hdr_of(LSA_OPAQUE_AREA, 0x01000001, RID_NBR, LSA_INITIAL_SEQ);
	h[1] = hdr_of(LSA_SUMMARY_NET, 0x0a0a0000, RID_NBR, LSA_INITIAL_SEQ);
	h[2] = hdr_of(LSA_OPAQUE_LINK, 0x01000001, RID_NBR, LSA_INITIAL_SEQ);
	dd_from_nbr(&w, OSPF_DD_M | OSPF_DD_MS, 1001, h, 3);
	/* RFC 5250 3.1: we would not accept them, so we do not ask: no mismatch either */
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_int_equal(w.n->nrequest, 1);
	assert_int_equal(w.ifp->drops[DROP_LSA_OPAQUE], 2);
	world_free(&w);
}

static void test_hello_and_dd_options_do_not_claim_opaque_capability(void **state)
{
	struct world w;

	(void)state;
	exstart(&w, RID_LOW, AREA_NORMAL, NULL);
	assert_int_equal(last_dd(&w)->options & OSPF_OPT_O, 0);
	fake_run(w.f, 10000);
	assert_non_null(fake_last(w.f, OSPF_PKT_HELLO));
	assert_int_equal(fake_last(w.f, OSPF_PKT_HELLO)->p.hello.options & OSPF_OPT_O, 0);
	world_free(&w);
}

static void test_dd_summary_list_leaves_out_opaque_lsas(void **state)
{
	struct world w;
	struct iface_params p = fake_params(IFACE_P2P);

	(void)state;
	w.f = fake_new(RID_LOW);
	w.ifp = fake_iface(w.f, 0, AREA_NORMAL, &p, ADDR_US, 30);
	fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_ROUTER, RID_LOW, RID_LOW, LSA_INITIAL_SEQ, 1);
	fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_OPAQUE_AREA, 0x01000001, RID_NBR, LSA_INITIAL_SEQ,
		     1);
	fake_lsa_add(w.f, &w.f->o->as_lsdb, LSA_OPAQUE_AS, 0x07000001, RID_NBR, LSA_INITIAL_SEQ, 1);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, &(uint32_t){ RID_LOW }, 1);
	w.n = iface_nbr_find_by_id(w.ifp, RID_NBR);
	dd_from_nbr(&w, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_int_equal(last_dd(&w)->nlsas, 1);
	assert_int_equal(last_dd(&w)->lsas[0].type, LSA_ROUTER);
	world_free(&w);
}

static void test_dd_in_2way_or_down_states_is_ignored_and_counted(void **state)
{
	struct world w;

	(void)state;
	exstart(&w, RID_LOW, AREA_NORMAL, NULL);
	w.n->state = NSM_2WAY; /* as if no longer adjacent */
	dbex_stop(w.n);
	dd_from_nbr(&w, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_2WAY);
	assert_int_equal(w.ifp->drops[DROP_NBR_STATE], 1);
	world_free(&w);
}

static void test_dd_in_init_acts_as_2way_received_then_negotiates(void **state)
{
	struct world w;
	struct iface_params p = fake_params(IFACE_P2P);

	(void)state;
	w.f = fake_new(RID_LOW);
	w.ifp = fake_iface(w.f, 0, AREA_NORMAL, &p, ADDR_US, 30);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, NULL, 0);
	w.n = iface_nbr_find_by_id(w.ifp, RID_NBR);
	assert_int_equal(w.n->state, NSM_INIT);
	dd_from_nbr(&w, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_false(w.n->master);
	world_free(&w);
}

static void test_dd_master_retransmits_at_the_retransmit_interval(void **state)
{
	struct world w;
	size_t before;

	(void)state;
	exstart(&w, RID_LOW, AREA_NORMAL, NULL);
	before = fake_sent(w.f, OSPF_PKT_DD);
	fake_run(w.f, 4999);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), before);
	fake_run(w.f, 1);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), before + 1);
	assert_int_equal(last_dd(&w)->flags, DD_IMMS);
	world_free(&w);
}

static void test_dd_slave_does_not_retransmit_on_its_own(void **state)
{
	struct world w;
	size_t before;

	(void)state;
	slave_in_exchange(&w);
	before = fake_sent(w.f, OSPF_PKT_DD);
	fake_run(w.f, 12000);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), before);
	world_free(&w);
}

static void test_dd_summary_list_leaves_out_externals_in_stub_areas_and_maxage_lsas(void **state)
{
	struct world w;
	struct lsa_entry *old;

	(void)state;
	w.f = fake_new(RID_LOW);
	{
		struct iface_params p = fake_params(IFACE_P2P);

		w.ifp = fake_iface(w.f, 1, AREA_STUB, &p, ADDR_US, 30);
	}
	fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_ROUTER, RID_LOW, RID_LOW, LSA_INITIAL_SEQ, 1);
	old = fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_SUMMARY_NET, 0x0b000000, RID_LOW,
			   LSA_INITIAL_SEQ, LSA_MAX_AGE);
	fake_lsa_add(w.f, &w.f->o->as_lsdb, LSA_AS_EXTERNAL, 0x0c000000, RID_LOW, LSA_INITIAL_SEQ,
		     1);
	(void)old;
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, &(uint32_t){ RID_LOW }, 1);
	w.n = iface_nbr_find_by_id(w.ifp, RID_NBR);
	fake_recv_dd(w.f, w.ifp, ADDR_NBR, RID_NBR, 1500, 0, DD_IMMS, 1000, NULL, 0);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	/* our reply lists the router-LSA only; the MaxAge one went to the retransmission list */
	assert_int_equal(last_dd(&w)->nlsas, 1);
	assert_int_equal(last_dd(&w)->lsas[0].type, LSA_ROUTER);
	assert_int_equal(fake_calls.rxmt_add, 1);
	world_free(&w);
}

static void test_dd_headers_per_packet_are_bounded_by_the_mtu(void **state)
{
	struct world w;
	struct iface_params p = fake_params(IFACE_P2P);
	uint32_t i, first;

	(void)state;
	w.f = fake_new(RID_LOW);
	w.ifp = fake_iface(w.f, 0, AREA_NORMAL, &p, ADDR_US, 30);
	for (i = 0; i < 100; i++)
		fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_SUMMARY_NET, 0x0b000000 + (i << 8),
			     RID_LOW, LSA_INITIAL_SEQ, 1);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, &(uint32_t){ RID_LOW }, 1);
	w.n = iface_nbr_find_by_id(w.ifp, RID_NBR);
	dd_from_nbr(&w, DD_IMMS, 1000, NULL, 0);
	/* (1500 - 20 IP - 24 OSPF - 8 DD) / 20 = 72 headers, and M for the rest */
	first = last_dd(&w)->nlsas;
	assert_int_equal(first, 72);
	assert_int_equal(last_dd(&w)->flags, OSPF_DD_M);
	dd_from_nbr(&w, OSPF_DD_MS, 1001, NULL, 0);
	assert_int_equal(last_dd(&w)->nlsas, 28);
	assert_int_equal(last_dd(&w)->flags, 0);
	assert_int_equal(w.n->state, NSM_FULL);
	world_free(&w);
}

static void test_dd_header_newer_than_ours_is_requested_older_is_not(void **state)
{
	struct world w;
	struct lsa_hdr h[2];
	struct lsa_entry *e;
	struct lsa_key k;

	(void)state;
	exstart(&w, RID_LOW, AREA_NORMAL, NULL);
	e = fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_ROUTER, RID_NBR, RID_NBR, 5, 1);
	h[0] = hdr_of(LSA_ROUTER, RID_NBR, RID_NBR, 4);			/* older than ours */
	h[1] = hdr_of(LSA_NETWORK, ADDR_NBR, RID_NBR, LSA_INITIAL_SEQ); /* unknown */
	dd_from_nbr(&w, DD_IMMS, 1000, NULL, 0);
	dd_from_nbr(&w, OSPF_DD_M | OSPF_DD_MS, 1001, h, 2);
	assert_int_equal(w.n->nrequest, 1);
	k = lsa_key_of(&h[1]);
	assert_non_null(nbr_request_find(w.n, &k));
	k = e->key;
	assert_null(nbr_request_find(w.n, &k));
	world_free(&w);
}

/* ---- link state requests ---- */

static void test_lsr_requests_are_bounded_by_the_mtu_and_retransmitted(void **state)
{
	struct world w;
	struct lsa_hdr h[72];
	uint32_t i, seq;

	(void)state;
	for (i = 0; i < 72; i++)
		h[i] = hdr_of(LSA_SUMMARY_NET, 0x0b000000 + (i << 8), RID_NBR, LSA_INITIAL_SEQ);
	seq = master_in_exchange(&w, h, 72);
	dd_from_nbr(&w, OSPF_DD_M, seq + 1, h, 72);
	for (i = 0; i < 72; i++)
		h[i].id += 0x100000;
	dd_from_nbr(&w, 0, seq + 2, h, 72);
	assert_int_equal(w.n->state, NSM_LOADING);
	assert_int_equal(w.n->nrequest, 144);
	/* one request so far, sent in Exchange for the first 72 */
	assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 1);
	assert_int_equal(fake_last(w.f, OSPF_PKT_LSR)->p.lsr.nreqs, 72);
	assert_int_equal(fake_last(w.f, OSPF_PKT_LSR)->dst, OSPF_ALL_SPF_ROUTERS);
	/* unanswered: sent again after RxmtInterval, now (1500 - 20 IP - 24 OSPF) / 12 */
	fake_run(w.f, 4999);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 1);
	fake_run(w.f, 1);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 2);
	assert_int_equal(fake_last(w.f, OSPF_PKT_LSR)->p.lsr.nreqs, 121);
	world_free(&w);
}

static void test_lsr_next_request_goes_out_when_the_last_requested_lsa_arrives(void **state)
{
	struct world w;
	struct lsa_hdr h[72];
	uint32_t i, seq;

	(void)state;
	for (i = 0; i < 72; i++)
		h[i] = hdr_of(LSA_SUMMARY_NET, 0x0b000000 + (i << 8), RID_NBR, LSA_INITIAL_SEQ);
	seq = master_in_exchange(&w, h, 72);
	for (i = 0; i < 72; i++)
		h[i].id += 0x100000;
	dd_from_nbr(&w, 0, seq + 1, h, 72);
	assert_int_equal(w.n->state, NSM_LOADING);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 1);
	assert_int_equal(w.n->nrequest, 144);
	/* the 72 requested arrive one by one; only the last one triggers the next request */
	for (i = 0; i < 72; i++) {
		struct nbr_lsa *r = list_first(&w.n->request_list, struct nbr_lsa, node);

		assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 1);
		nbr_request_remove(w.n, r);
	}
	assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 2);
	assert_int_equal(fake_last(w.f, OSPF_PKT_LSR)->p.lsr.nreqs, 72);
	assert_int_equal(fake_last(w.f, OSPF_PKT_LSR)->p.lsr.reqs[0].id, 0x0b100000);
	while (!list_empty(&w.n->request_list))
		nbr_request_remove(w.n, list_first(&w.n->request_list, struct nbr_lsa, node));
	assert_int_equal(w.n->state, NSM_FULL);
	world_free(&w);
}

static void lsr_from_nbr(struct world *w, const struct ospf_lsr_entry *r, uint32_t nr)
{
	struct ospf_packet p;

	memset(&p, 0, sizeof(p));
	p.hdr.type = OSPF_PKT_LSR;
	p.lsr.reqs = (struct ospf_lsr_entry *)r;
	p.lsr.nreqs = nr;
	fake_recv(w->f, w->ifp, ADDR_NBR, RID_NBR, &p);
}

static void test_lsr_for_lsas_we_hold_is_answered_with_an_update(void **state)
{
	struct world w;
	struct ospf_lsr_entry r[2] = { { LSA_ROUTER, RID_LOW, RID_LOW },
				       { LSA_AS_EXTERNAL, 0x0c000000, RID_LOW } };

	(void)state;
	slave_in_exchange(&w);
	fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_ROUTER, RID_LOW, RID_LOW, LSA_INITIAL_SEQ, 1);
	fake_lsa_add(w.f, &w.f->o->as_lsdb, LSA_AS_EXTERNAL, 0x0c000000, RID_LOW, LSA_INITIAL_SEQ,
		     1);
	lsr_from_nbr(&w, r, 2);
	assert_int_equal(fake_calls.lsupd, 1);
	assert_int_equal(fake_calls.lsupd_count, 2);
	assert_int_equal(fake_calls.lsupd_dst, OSPF_ALL_SPF_ROUTERS);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	world_free(&w);
}

static void test_lsr_for_an_lsa_we_lack_is_counted_as_bad_ls_req_and_restarts(void **state)
{
	struct world w;
	struct ospf_lsr_entry r = { LSA_NETWORK, 0x0a000009, RID_HIGH };

	(void)state;
	slave_in_exchange(&w);
	dd_from_nbr(&w, OSPF_DD_MS, 1001, NULL, 0);
	assert_int_equal(w.n->state, NSM_FULL);
	lsr_from_nbr(&w, &r, 1);
	assert_int_equal(w.ifp->drops[DROP_BAD_LS_REQ], 1);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(fake_calls.lsupd, 0);
	assert_string_equal(w.n->last_reason, drop_reason_str(DROP_BAD_LS_REQ));
	world_free(&w);
}

static void test_lsr_before_exchange_is_ignored_and_counted(void **state)
{
	struct world w;
	struct ospf_lsr_entry r = { LSA_ROUTER, RID_LOW, RID_LOW };

	(void)state;
	exstart(&w, RID_LOW, AREA_NORMAL, NULL);
	lsr_from_nbr(&w, &r, 1);
	assert_int_equal(w.ifp->drops[DROP_NBR_STATE], 1);
	assert_int_equal(w.n->state, NSM_EXSTART);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dd_exstart_sends_an_empty_dd_with_i_m_ms_to_allspfrouters),
		cmocka_unit_test(test_dd_master_slave_negotiation_lower_id_becomes_slave),
		cmocka_unit_test(test_dd_master_slave_negotiation_higher_id_becomes_master),
		cmocka_unit_test(test_dd_slave_reaches_full_when_both_sides_have_no_more),
		cmocka_unit_test(test_dd_master_goes_loading_then_full_as_requests_are_answered),
		cmocka_unit_test(test_dd_slave_answers_a_duplicate_by_resending_its_last_dd),
		cmocka_unit_test(test_dd_master_discards_a_duplicate),
		cmocka_unit_test(
		    test_dd_slave_in_full_answers_duplicates_until_the_dead_interval_ends),
		cmocka_unit_test(test_dd_in_full_other_than_a_duplicate_is_a_sequence_mismatch),
		cmocka_unit_test(test_dd_mtu_mismatch_is_counted_and_adjacency_stays_in_exstart),
		cmocka_unit_test(test_dd_mtu_ignore_lets_a_larger_mtu_through),
		cmocka_unit_test(test_dd_out_of_order_sequence_number_restarts_the_exchange),
		cmocka_unit_test(test_dd_with_i_bit_in_exchange_is_a_sequence_mismatch),
		cmocka_unit_test(test_dd_with_wrong_ms_bit_in_exchange_is_a_sequence_mismatch),
		cmocka_unit_test(test_dd_with_changed_options_in_exchange_is_a_sequence_mismatch),
		cmocka_unit_test(
		    test_dd_listing_an_external_lsa_in_a_stub_area_is_a_sequence_mismatch),
		cmocka_unit_test(test_dd_listing_opaque_lsas_does_not_request_them),
		cmocka_unit_test(test_hello_and_dd_options_do_not_claim_opaque_capability),
		cmocka_unit_test(test_dd_summary_list_leaves_out_opaque_lsas),
		cmocka_unit_test(test_dd_in_2way_or_down_states_is_ignored_and_counted),
		cmocka_unit_test(test_dd_in_init_acts_as_2way_received_then_negotiates),
		cmocka_unit_test(test_dd_master_retransmits_at_the_retransmit_interval),
		cmocka_unit_test(test_dd_slave_does_not_retransmit_on_its_own),
		cmocka_unit_test(
		    test_dd_summary_list_leaves_out_externals_in_stub_areas_and_maxage_lsas),
		cmocka_unit_test(test_dd_headers_per_packet_are_bounded_by_the_mtu),
		cmocka_unit_test(test_dd_header_newer_than_ours_is_requested_older_is_not),
		cmocka_unit_test(test_lsr_requests_are_bounded_by_the_mtu_and_retransmitted),
		cmocka_unit_test(
		    test_lsr_next_request_goes_out_when_the_last_requested_lsa_arrives),
		cmocka_unit_test(test_lsr_for_lsas_we_hold_is_answered_with_an_update),
		cmocka_unit_test(test_lsr_for_an_lsa_we_lack_is_counted_as_bad_ls_req_and_restarts),
		cmocka_unit_test(test_lsr_before_exchange_is_ignored_and_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
