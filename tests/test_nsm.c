/* SPDX-License-Identifier: ISC */
/*
 * The neighbor state machine (RFC 2328 10.3), row by row, and receiving Hellos (10.5): each
 * parameter mismatch counted under its reason, 1-Way and 2-Way, how neighbors are known.
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

#define RID_US	  0x01010101u /* 1.1.1.1 */
#define RID_NBR	  0x02020202u /* 2.2.2.2 */
#define RID_NBR2  0x04040404u /* 4.4.4.4 */
#define ADDR_US	  0x0a000001u /* 10.0.0.1 */
#define ADDR_NBR  0x0a000002u /* 10.0.0.2 */
#define ADDR_NBR2 0x0a000004u
#define DEAD_MS	  40000

struct world {
	struct fake *f;
	struct iface *ifp;
	struct nbr *n;
};

/* Us on an interface of the given type (up), and a neighbor object in state s. */
static void world_new(struct world *w, enum iface_type type, enum area_type at, enum nbr_state s)
{
	struct iface_params p = fake_params(type);

	w->f = fake_new(RID_US);
	w->ifp = fake_iface(w->f, 0, at, &p, ADDR_US, 24);
	iface_fsm(w->ifp, ISM_EV_INTERFACE_UP);
	w->n = nbr_new(w->ifp, RID_NBR, ADDR_NBR);
	w->n->state = s;
	fake_clear(w->f);
}

static void world_free(struct world *w)
{
	fake_free(w->f);
}

static bool nbr_gone(const struct world *w)
{
	return !iface_nbr_find_by_id(w->ifp, RID_NBR);
}

static void test_nsm_down_start_goes_attempt_and_arms_the_inactivity_timer(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, AREA_NORMAL, NSM_DOWN);
	nbr_fsm(w.n, NSM_EV_START);
	assert_int_equal(w.n->state, NSM_ATTEMPT);
	assert_non_null(w.n->inactivity_timer);
	world_free(&w);
}

static void test_nsm_attempt_hello_received_goes_init_and_arms_the_inactivity_timer(void **s)
{
	struct world w;

	(void)s;
	world_new(&w, IFACE_BROADCAST, AREA_NORMAL, NSM_ATTEMPT);
	nbr_fsm(w.n, NSM_EV_HELLO_RECEIVED);
	assert_int_equal(w.n->state, NSM_INIT);
	assert_int_equal(timer_remaining(w.n->inactivity_timer), DEAD_MS);
	world_free(&w);
}

static void test_nsm_down_hello_received_goes_init_and_arms_the_inactivity_timer(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, AREA_NORMAL, NSM_DOWN);
	nbr_fsm(w.n, NSM_EV_HELLO_RECEIVED);
	assert_int_equal(w.n->state, NSM_INIT);
	assert_int_equal(timer_remaining(w.n->inactivity_timer), DEAD_MS);
	assert_int_equal(w.n->state_changes, 1);
	assert_int_equal(w.n->last_change_ms, w.f->now);
	assert_true(fake_logged(w.f, "Down -> Init (HelloReceived)"));
	world_free(&w);
}

static void test_nsm_init_or_above_hello_received_restarts_the_inactivity_timer(void **state)
{
	enum nbr_state s;

	(void)state;
	for (s = NSM_INIT; s <= NSM_FULL; s++) {
		struct world w;

		world_new(&w, IFACE_P2P, AREA_NORMAL, s);
		nbr_fsm(w.n, NSM_EV_HELLO_RECEIVED);
		fake_run(w.f, 10000);
		assert_int_equal(timer_remaining(w.n->inactivity_timer), DEAD_MS - 10000);
		nbr_fsm(w.n, NSM_EV_HELLO_RECEIVED);
		assert_int_equal(w.n->state, s);
		assert_int_equal(timer_remaining(w.n->inactivity_timer), DEAD_MS);
		world_free(&w);
	}
}

static void test_nsm_init_2way_received_on_p2p_goes_exstart_and_sends_the_first_dd(void **s)
{
	struct world w;
	const struct fake_pkt *k;

	(void)s;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_INIT);
	nbr_fsm(w.n, NSM_EV_2WAY_RECEIVED);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_true(w.n->master);
	assert_non_null(w.n->dd_rxmt_timer);
	k = fake_last(w.f, OSPF_PKT_DD);
	assert_non_null(k);
	assert_int_equal(k->p.dd.flags, OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS);
	world_free(&w);
}

static void test_nsm_init_2way_received_when_not_adjacent_goes_2way_without_dd(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, AREA_NORMAL, NSM_INIT);
	/* another router is DR and BDR: 10.4 says no adjacency with this one */
	w.ifp->dr = 0x0a000009;
	w.ifp->bdr = 0x0a00000a;
	nbr_fsm(w.n, NSM_EV_2WAY_RECEIVED);
	assert_int_equal(w.n->state, NSM_2WAY);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), 0);
	world_free(&w);
}

static void test_nsm_exstart_negotiation_done_goes_exchange_with_a_summary_list(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_EXSTART);
	fake_lsa_add(w.f, &w.ifp->area->lsdb, LSA_ROUTER, RID_US, RID_US, LSA_INITIAL_SEQ, 1);
	fake_lsa_add(w.f, &w.f->o->as_lsdb, LSA_AS_EXTERNAL, 0x0c000000, RID_US, LSA_INITIAL_SEQ,
		     1);
	nbr_fsm(w.n, NSM_EV_NEGOTIATION_DONE);
	assert_int_equal(w.n->state, NSM_EXCHANGE);
	assert_int_equal(list_count(&w.n->summary_list), 2);
	world_free(&w);
}

static void test_nsm_exchange_done_with_nothing_to_request_goes_full(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_EXCHANGE);
	fake_calls.router_lsa = 0;
	nbr_fsm(w.n, NSM_EV_EXCHANGE_DONE);
	assert_int_equal(w.n->state, NSM_FULL);
	/* 12.4: a new full adjacency is in the router-LSA */
	assert_int_equal(fake_calls.router_lsa, 1);
	world_free(&w);
}

static void test_nsm_exchange_done_with_requests_goes_loading_and_requests(void **state)
{
	struct world w;
	struct lsa_hdr h = { .type = LSA_ROUTER,
			     .id = RID_NBR,
			     .adv_router = RID_NBR,
			     .seq = LSA_INITIAL_SEQ,
			     .length = 36 };

	(void)state;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_EXCHANGE);
	nbr_request_add(w.n, &h);
	nbr_fsm(w.n, NSM_EV_EXCHANGE_DONE);
	assert_int_equal(w.n->state, NSM_LOADING);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_LSR), 1);
	assert_non_null(w.n->lsr_rxmt_timer);
	world_free(&w);
}

static void test_nsm_loading_done_goes_full(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_LOADING);
	nbr_fsm(w.n, NSM_EV_LOADING_DONE);
	assert_int_equal(w.n->state, NSM_FULL);
	world_free(&w);
}

static void test_nsm_2way_adjok_goes_exstart_only_when_adjacency_is_due(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, AREA_NORMAL, NSM_2WAY);
	w.ifp->dr = 0x0a000009;
	nbr_fsm(w.n, NSM_EV_ADJ_OK);
	assert_int_equal(w.n->state, NSM_2WAY);
	/* it became DR */
	w.ifp->dr = ADDR_NBR;
	nbr_fsm(w.n, NSM_EV_ADJ_OK);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_DD), 1);
	world_free(&w);
}

static void test_nsm_exstart_or_above_adjok_no_longer_adjacent_goes_2way_lists_cleared(void **s)
{
	enum nbr_state st;

	(void)s;
	for (st = NSM_EXSTART; st <= NSM_FULL; st++) {
		struct world w;
		struct lsa_hdr h = { .type = LSA_ROUTER, .id = 9, .adv_router = 9, .length = 20 };

		world_new(&w, IFACE_BROADCAST, AREA_NORMAL, st);
		w.ifp->dr = ADDR_NBR;
		nbr_request_add(w.n, &h);
		nbr_fsm(w.n, NSM_EV_ADJ_OK);
		assert_int_equal(w.n->state, st); /* still adjacent */
		w.ifp->dr = 0x0a000009;
		fake_calls.rxmt_clear = 0;
		nbr_fsm(w.n, NSM_EV_ADJ_OK);
		assert_int_equal(w.n->state, NSM_2WAY);
		assert_true(list_empty(&w.n->request_list));
		assert_int_equal(w.n->nrequest, 0);
		assert_int_equal(fake_calls.rxmt_clear, 1);
		world_free(&w);
	}
}

static void test_nsm_exchange_or_above_seq_mismatch_and_bad_ls_req_restart_exstart(void **s)
{
	enum nbr_event evs[] = { NSM_EV_SEQ_NUMBER_MISMATCH, NSM_EV_BAD_LS_REQ };
	enum nbr_state st;
	size_t i;

	(void)s;
	for (i = 0; i < 2; i++)
		for (st = NSM_EXCHANGE; st <= NSM_FULL; st++) {
			struct world w;
			const struct fake_pkt *k;

			world_new(&w, IFACE_P2P, AREA_NORMAL, st);
			w.n->dd_seq = 4242;
			fake_calls.rxmt_clear = 0;
			nbr_fsm(w.n, evs[i]);
			assert_int_equal(w.n->state, NSM_EXSTART);
			assert_int_equal(fake_calls.rxmt_clear, 1);
			assert_int_equal(w.n->dd_seq, 4243);
			k = fake_last(w.f, OSPF_PKT_DD);
			assert_non_null(k);
			assert_int_equal(k->p.dd.flags, OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS);
			world_free(&w);
		}
}

static void test_nsm_any_state_kill_nbr_and_ll_down_go_down_and_forget_it(void **state)
{
	enum nbr_event evs[] = { NSM_EV_KILL_NBR, NSM_EV_LL_DOWN };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct world w;

		world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_FULL);
		nbr_fsm(w.n, NSM_EV_HELLO_RECEIVED); /* inactivity timer armed */
		fake_calls.rxmt_clear = 0;
		fake_calls.router_lsa = 0;
		nbr_fsm(w.n, evs[i]);
		assert_true(nbr_gone(&w));
		assert_true(fake_calls.rxmt_clear >= 1);
		assert_int_equal(fake_calls.router_lsa, 1); /* left Full */
		assert_true(
		    fake_logged(w.f, i ? "Full -> Down (LLDown)" : "Full -> Down (KillNbr)"));
		/* only the hello timer is left */
		assert_int_equal(timerq_count(w.f->tq), 1);
		world_free(&w);
	}
}

static void test_nsm_inactivity_timer_takes_it_down_after_the_dead_interval(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_DOWN);
	nbr_fsm(w.n, NSM_EV_HELLO_RECEIVED);
	fake_run(w.f, DEAD_MS - 1);
	assert_false(nbr_gone(&w));
	fake_run(w.f, 1);
	assert_true(nbr_gone(&w));
	assert_true(fake_logged(w.f, "Init -> Down (InactivityTimer)"));
	world_free(&w);
}

static void test_nsm_2way_or_above_1way_received_goes_init_lists_cleared(void **state)
{
	enum nbr_state st;

	(void)state;
	for (st = NSM_2WAY; st <= NSM_FULL; st++) {
		struct world w;

		world_new(&w, IFACE_P2P, AREA_NORMAL, st);
		fake_calls.rxmt_clear = 0;
		nbr_fsm(w.n, NSM_EV_1WAY_RECEIVED);
		assert_int_equal(w.n->state, NSM_INIT);
		assert_int_equal(fake_calls.rxmt_clear, 1);
		world_free(&w);
	}
}

static void test_nsm_2way_or_above_2way_received_changes_nothing(void **state)
{
	enum nbr_state st;

	(void)state;
	for (st = NSM_2WAY; st <= NSM_FULL; st++) {
		struct world w;

		world_new(&w, IFACE_P2P, AREA_NORMAL, st);
		nbr_fsm(w.n, NSM_EV_2WAY_RECEIVED);
		assert_int_equal(w.n->state, st);
		assert_int_equal(w.n->state_changes, 0);
		world_free(&w);
	}
}

static void test_nsm_init_1way_received_changes_nothing(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_INIT);
	nbr_fsm(w.n, NSM_EV_1WAY_RECEIVED);
	assert_int_equal(w.n->state, NSM_INIT);
	assert_int_equal(w.n->state_changes, 0);
	world_free(&w);
}

static void test_nsm_events_without_a_row_are_ignored(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, AREA_NORMAL, NSM_EXSTART);
	nbr_fsm(w.n, NSM_EV_LOADING_DONE);
	nbr_fsm(w.n, NSM_EV_EXCHANGE_DONE);
	nbr_fsm(w.n, NSM_EV_SEQ_NUMBER_MISMATCH);
	assert_int_equal(w.n->state, NSM_EXSTART);
	assert_int_equal(w.n->state_changes, 0);
	world_free(&w);
}

static void test_nsm_full_on_a_dr_interface_reoriginates_the_network_lsa(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, AREA_NORMAL, NSM_LOADING);
	w.ifp->state = ISM_DR;
	w.ifp->dr = ADDR_US;
	fake_calls.network_lsa = 0;
	nbr_fsm(w.n, NSM_EV_LOADING_DONE);
	assert_int_equal(fake_calls.network_lsa, 1);
	nbr_fsm(w.n, NSM_EV_1WAY_RECEIVED);
	assert_int_equal(fake_calls.network_lsa, 2);
	world_free(&w);
}

/* ---- receiving Hellos (10.5) ---- */

static void hello_with(struct world *w, struct ospf_hello h, uint32_t src, uint32_t rid)
{
	struct ospf_packet p;

	memset(&p, 0, sizeof(p));
	p.hdr.type = OSPF_PKT_HELLO;
	p.hello = h;
	fake_recv(w->f, w->ifp, src, rid, &p);
}

static void hello_world(struct world *w, enum iface_type type, enum area_type at)
{
	struct iface_params p = fake_params(type);

	w->f = fake_new(RID_US);
	w->ifp = fake_iface(w->f, 0, at, &p, ADDR_US, 24);
	iface_fsm(w->ifp, ISM_EV_INTERFACE_UP);
	w->n = NULL;
}

static void test_hello_network_mask_mismatch_is_counted_on_broadcast_only(void **state)
{
	struct world w;
	struct ospf_hello h;

	(void)state;
	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	h = fake_hello_for(w.ifp);
	h.mask = 0xffff0000;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_HELLO_MASK_MISMATCH], 1);
	assert_null(iface_nbr_find_by_addr(w.ifp, ADDR_NBR));
	assert_true(fake_logged(w.f, "Hello network mask differs"));
	world_free(&w);

	hello_world(&w, IFACE_P2P, AREA_NORMAL);
	h = fake_hello_for(w.ifp);
	h.mask = 0xffff0000;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_HELLO_MASK_MISMATCH], 0);
	assert_non_null(iface_nbr_find_by_id(w.ifp, RID_NBR));
	world_free(&w);
}

static void test_hello_interval_mismatch_is_counted(void **state)
{
	struct world w;
	struct ospf_hello h;

	(void)state;
	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	h = fake_hello_for(w.ifp);
	h.hello_interval = 5;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_HELLO_INTERVAL_MISMATCH], 1);
	assert_null(iface_nbr_find_by_addr(w.ifp, ADDR_NBR));
	assert_true(fake_logged(w.f, "ours 10, theirs 5"));
	world_free(&w);
}

static void test_hello_dead_interval_mismatch_is_counted(void **state)
{
	struct world w;
	struct ospf_hello h;

	(void)state;
	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	h = fake_hello_for(w.ifp);
	h.dead_interval = 120;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_DEAD_INTERVAL_MISMATCH], 1);
	assert_null(iface_nbr_find_by_addr(w.ifp, ADDR_NBR));
	world_free(&w);
}

static void test_hello_e_bit_must_match_the_area_type(void **state)
{
	struct world w;
	struct ospf_hello h;

	(void)state;
	/* normal area: E must be set */
	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	h = fake_hello_for(w.ifp);
	h.options = 0;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_HELLO_OPTIONS_MISMATCH], 1);
	world_free(&w);
	/* stub area: E must be clear */
	hello_world(&w, IFACE_BROADCAST, AREA_STUB);
	h = fake_hello_for(w.ifp);
	assert_int_equal(h.options, 0);
	h.options = OSPF_OPT_E;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_HELLO_OPTIONS_MISMATCH], 1);
	h.options = 0;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_non_null(iface_nbr_find_by_addr(w.ifp, ADDR_NBR));
	world_free(&w);
}

static void test_hello_n_bit_must_be_set_in_nssa_and_clear_elsewhere(void **state)
{
	struct world w;
	struct ospf_hello h;

	(void)state;
	hello_world(&w, IFACE_BROADCAST, AREA_NSSA);
	h = fake_hello_for(w.ifp);
	assert_int_equal(h.options, OSPF_OPT_NP);
	h.options = 0;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_HELLO_OPTIONS_MISMATCH], 1);
	world_free(&w);

	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	h = fake_hello_for(w.ifp);
	h.options |= OSPF_OPT_NP;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_int_equal(w.ifp->drops[DROP_HELLO_OPTIONS_MISMATCH], 1);
	world_free(&w);
}

static void test_hello_with_our_router_id_is_counted_as_duplicate_router_id(void **state)
{
	struct world w;

	(void)state;
	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_US, 1, 0, 0, NULL, 0);
	assert_int_equal(w.ifp->drops[DROP_DUPLICATE_ROUTER_ID], 1);
	assert_true(list_empty(&w.ifp->nbrs));
	world_free(&w);
}

static void test_hello_mismatch_from_a_known_neighbor_is_kept_as_its_last_reason(void **state)
{
	struct world w;
	struct ospf_hello h;
	struct nbr *n;

	(void)state;
	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, NULL, 0);
	n = iface_nbr_find_by_addr(w.ifp, ADDR_NBR);
	assert_non_null(n);
	h = fake_hello_for(w.ifp);
	h.hello_interval = 3;
	hello_with(&w, h, ADDR_NBR, RID_NBR);
	assert_string_equal(n->last_reason, drop_reason_str(DROP_HELLO_INTERVAL_MISMATCH));
	world_free(&w);
}

static void test_hello_listing_us_is_2way_and_not_listing_us_is_1way(void **state)
{
	struct world w;
	uint32_t us = RID_US;
	struct nbr *n;

	(void)state;
	hello_world(&w, IFACE_P2P, AREA_NORMAL);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, NULL, 0);
	n = iface_nbr_find_by_id(w.ifp, RID_NBR);
	assert_int_equal(n->state, NSM_INIT);
	/* our next Hello lists it */
	iface_hello_send(w.ifp);
	assert_int_equal(fake_last(w.f, OSPF_PKT_HELLO)->p.hello.nneighbors, 1);
	assert_int_equal(fake_last(w.f, OSPF_PKT_HELLO)->p.hello.neighbors[0], RID_NBR);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, &us, 1);
	assert_int_equal(n->state, NSM_EXSTART); /* p2p: adjacent */
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, NULL, 0);
	assert_int_equal(n->state, NSM_INIT);
	world_free(&w);
}

static void test_hello_neighbors_are_known_by_address_on_broadcast_by_id_on_p2p(void **state)
{
	struct world w;
	struct nbr *n;

	(void)state;
	/* broadcast: a new router id at the same address is a new neighbor */
	hello_world(&w, IFACE_BROADCAST, AREA_NORMAL);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, NULL, 0);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR2, 1, 0, 0, NULL, 0);
	assert_int_equal(list_count(&w.ifp->nbrs), 1);
	n = iface_nbr_find_by_addr(w.ifp, ADDR_NBR);
	assert_int_equal(n->router_id, RID_NBR2);
	world_free(&w);
	/* point-to-point: the same router id from a new address is the same neighbor */
	hello_world(&w, IFACE_P2P, AREA_NORMAL);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, NULL, 0);
	n = iface_nbr_find_by_id(w.ifp, RID_NBR);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR2, RID_NBR, 1, 0, 0, NULL, 0);
	assert_int_equal(list_count(&w.ifp->nbrs), 1);
	assert_ptr_equal(iface_nbr_find_by_id(w.ifp, RID_NBR), n);
	assert_int_equal(n->addr, ADDR_NBR2);
	world_free(&w);
}

static void test_hello_on_a_passive_interface_is_dropped_as_inactive(void **state)
{
	struct world w;
	struct iface_params p = fake_params(IFACE_BROADCAST);

	(void)state;
	p.passive = true;
	w.f = fake_new(RID_US);
	w.ifp = fake_iface(w.f, 0, AREA_NORMAL, &p, ADDR_US, 24);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_recv_hello(w.f, w.ifp, ADDR_NBR, RID_NBR, 1, 0, 0, NULL, 0);
	assert_int_equal(w.ifp->drops[DROP_IFACE_INACTIVE], 1);
	assert_true(list_empty(&w.ifp->nbrs));
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nsm_down_start_goes_attempt_and_arms_the_inactivity_timer),
		cmocka_unit_test(
		    test_nsm_attempt_hello_received_goes_init_and_arms_the_inactivity_timer),
		cmocka_unit_test(
		    test_nsm_down_hello_received_goes_init_and_arms_the_inactivity_timer),
		cmocka_unit_test(
		    test_nsm_init_or_above_hello_received_restarts_the_inactivity_timer),
		cmocka_unit_test(
		    test_nsm_init_2way_received_on_p2p_goes_exstart_and_sends_the_first_dd),
		cmocka_unit_test(
		    test_nsm_init_2way_received_when_not_adjacent_goes_2way_without_dd),
		cmocka_unit_test(
		    test_nsm_exstart_negotiation_done_goes_exchange_with_a_summary_list),
		cmocka_unit_test(test_nsm_exchange_done_with_nothing_to_request_goes_full),
		cmocka_unit_test(test_nsm_exchange_done_with_requests_goes_loading_and_requests),
		cmocka_unit_test(test_nsm_loading_done_goes_full),
		cmocka_unit_test(test_nsm_2way_adjok_goes_exstart_only_when_adjacency_is_due),
		cmocka_unit_test(
		    test_nsm_exstart_or_above_adjok_no_longer_adjacent_goes_2way_lists_cleared),
		cmocka_unit_test(
		    test_nsm_exchange_or_above_seq_mismatch_and_bad_ls_req_restart_exstart),
		cmocka_unit_test(test_nsm_any_state_kill_nbr_and_ll_down_go_down_and_forget_it),
		cmocka_unit_test(test_nsm_inactivity_timer_takes_it_down_after_the_dead_interval),
		cmocka_unit_test(test_nsm_2way_or_above_1way_received_goes_init_lists_cleared),
		cmocka_unit_test(test_nsm_2way_or_above_2way_received_changes_nothing),
		cmocka_unit_test(test_nsm_init_1way_received_changes_nothing),
		cmocka_unit_test(test_nsm_events_without_a_row_are_ignored),
		cmocka_unit_test(test_nsm_full_on_a_dr_interface_reoriginates_the_network_lsa),
		cmocka_unit_test(test_hello_network_mask_mismatch_is_counted_on_broadcast_only),
		cmocka_unit_test(test_hello_interval_mismatch_is_counted),
		cmocka_unit_test(test_hello_dead_interval_mismatch_is_counted),
		cmocka_unit_test(test_hello_e_bit_must_match_the_area_type),
		cmocka_unit_test(test_hello_n_bit_must_be_set_in_nssa_and_clear_elsewhere),
		cmocka_unit_test(test_hello_with_our_router_id_is_counted_as_duplicate_router_id),
		cmocka_unit_test(
		    test_hello_mismatch_from_a_known_neighbor_is_kept_as_its_last_reason),
		cmocka_unit_test(test_hello_listing_us_is_2way_and_not_listing_us_is_1way),
		cmocka_unit_test(
		    test_hello_neighbors_are_known_by_address_on_broadcast_by_id_on_p2p),
		cmocka_unit_test(test_hello_on_a_passive_interface_is_dropped_as_inactive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
