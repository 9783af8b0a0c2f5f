/* SPDX-License-Identifier: ISC */
/* The interface state machine (RFC 2328 9.3), row by row, and sending Hellos (9.5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_io.h"
#include "iface.h"
#include "nbr.h"

#define RID_US	 0x05050505u /* 5.5.5.5 */
#define RID_NBR	 0x02020202u /* 2.2.2.2 */
#define ADDR_US	 0x0a000001u /* 10.0.0.1 */
#define ADDR_NBR 0x0a000002u /* 10.0.0.2 */
#define DEAD_MS	 40000

struct world {
	struct fake *f;
	struct iface *ifp;
};

static void world_new(struct world *w, enum iface_type type, uint8_t priority, bool passive)
{
	struct iface_params p = fake_params(type);

	p.priority = priority;
	p.passive = passive;
	w->f = fake_new(RID_US);
	w->ifp = fake_iface(w->f, 0, AREA_NORMAL, &p, ADDR_US, 24);
}

static void world_free(struct world *w)
{
	fake_free(w->f);
}

/* A Hello from the neighbor that lists us, declaring dr and bdr. */
static void nbr_hello(struct world *w, uint8_t prio, uint32_t dr, uint32_t bdr)
{
	uint32_t us = RID_US;

	fake_recv_hello(w->f, w->ifp, ADDR_NBR, RID_NBR, prio, dr, bdr, &us, 1);
}

static void
test_ism_down_interface_up_on_broadcast_goes_waiting_with_hello_and_wait_timer(void **state)
{
	struct world w;
	const struct fake_pkt *k;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_WAITING);
	assert_non_null(w.ifp->hello_timer);
	assert_int_equal(timer_remaining(w.ifp->wait_timer), DEAD_MS);
	k = fake_last(w.f, OSPF_PKT_HELLO);
	assert_non_null(k);
	assert_int_equal(k->dst, OSPF_ALL_SPF_ROUTERS);
	assert_int_equal(w.ifp->ism_changes, 1);
	assert_true(fake_logged(w.f, "ISM Down -> Waiting (InterfaceUp)"));
	assert_true(iface_is_active(w.ifp));
	world_free(&w);
}

static void test_ism_down_interface_up_on_p2p_goes_point_to_point(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_P2P);
	assert_null(w.ifp->wait_timer);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_HELLO), 1);
	assert_int_equal(fake_last(w.f, OSPF_PKT_HELLO)->dst, OSPF_ALL_SPF_ROUTERS);
	world_free(&w);
}

static void test_ism_down_interface_up_with_priority_0_goes_drother_without_waiting(void **s)
{
	struct world w;

	(void)s;
	world_new(&w, IFACE_BROADCAST, 0, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_DROTHER);
	assert_null(w.ifp->wait_timer);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_HELLO), 1);
	world_free(&w);
}

static void test_ism_down_interface_up_on_loopback_goes_loopback_and_sends_nothing(void **s)
{
	struct world w;

	(void)s;
	world_new(&w, IFACE_LOOPBACK, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_LOOPBACK);
	assert_int_equal(w.f->npkts, 0);
	assert_false(iface_is_active(w.ifp));
	world_free(&w);
}

static void test_ism_passive_interfaces_come_up_silent_and_inactive(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 1, true);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_DROTHER);
	assert_null(w.ifp->hello_timer);
	assert_null(w.ifp->wait_timer);
	assert_false(iface_is_active(w.ifp));
	fake_run(w.f, 100000);
	assert_int_equal(w.f->npkts, 0);
	assert_true(fake_calls.router_lsa >= 1); /* its network is still advertised */
	world_free(&w);

	world_new(&w, IFACE_P2P, 1, true);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_P2P);
	assert_int_equal(w.f->npkts, 0);
	assert_false(iface_is_active(w.ifp));
	world_free(&w);
}

static void test_ism_waiting_wait_timer_elects_us_dr_alone_and_joins_alldrouters(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_calls.network_lsa = 0;
	fake_calls.router_lsa = 0;
	fake_run(w.f, DEAD_MS - 1);
	assert_int_equal(w.ifp->state, ISM_WAITING);
	fake_run(w.f, 1);
	assert_int_equal(w.ifp->state, ISM_DR);
	assert_int_equal(w.ifp->dr, ADDR_US);
	assert_int_equal(w.ifp->dr_id, RID_US);
	assert_int_equal(w.ifp->bdr, 0);
	assert_int_equal(w.f->joins, 1);
	assert_true(w.f->joined);
	assert_int_equal(fake_calls.network_lsa, 1);
	assert_int_equal(fake_calls.router_lsa, 1);
	/* the next Hello declares us DR */
	fake_run(w.f, 10000);
	assert_int_equal(fake_last(w.f, OSPF_PKT_HELLO)->p.hello.dr, ADDR_US);
	world_free(&w);
}

static void test_ism_waiting_backup_seen_elects_before_the_wait_timer(void **state)
{
	struct world w;

	(void)state;
	/* a neighbor declaring itself DR with no BDR */
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	nbr_hello(&w, 1, ADDR_NBR, 0);
	assert_int_equal(w.ifp->state, ISM_BACKUP);
	assert_null(w.ifp->wait_timer);
	assert_int_equal(w.ifp->dr, ADDR_NBR);
	assert_int_equal(w.ifp->bdr, ADDR_US);
	assert_true(w.f->joined);
	/* and the DR is adjacent */
	assert_int_equal(iface_nbr_find_by_addr(w.ifp, ADDR_NBR)->state, NSM_EXSTART);
	world_free(&w);

	/* a neighbor declaring itself BDR (and no DR): 9.4 (3) makes the BDR DR as well, until
	 * its next Hello declares what it concluded */
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	nbr_hello(&w, 1, 0, ADDR_NBR);
	assert_null(w.ifp->wait_timer);
	assert_int_equal(w.ifp->state, ISM_DROTHER);
	assert_int_equal(w.ifp->bdr, ADDR_NBR);
	assert_int_equal(w.ifp->dr, ADDR_NBR);
	nbr_hello(&w, 1, ADDR_NBR, 0);
	assert_int_equal(w.ifp->state, ISM_BACKUP);
	assert_int_equal(w.ifp->dr, ADDR_NBR);
	assert_int_equal(w.ifp->bdr, ADDR_US);
	world_free(&w);
}

static void test_ism_dr_neighbor_change_reelects_and_keeps_us_dr(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_run(w.f, DEAD_MS);
	assert_int_equal(w.ifp->state, ISM_DR);
	/* a neighbor reaches 2-Way (NeighborChange): it becomes BDR, we stay DR */
	nbr_hello(&w, 1, 0, 0);
	assert_int_equal(w.ifp->state, ISM_DR);
	assert_int_equal(w.ifp->bdr, ADDR_NBR);
	/* 9.4 (7): the BDR changed: AdjOK? made it adjacent */
	assert_int_equal(iface_nbr_find_by_addr(w.ifp, ADDR_NBR)->state, NSM_EXSTART);
	world_free(&w);
}

static void test_ism_backup_neighbor_change_promotes_us_when_the_dr_dies(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	/* a DR with a BDR is no BackupSeen (10.5): we wait the full wait timer */
	nbr_hello(&w, 1, ADDR_NBR, ADDR_US);
	fake_run(w.f, DEAD_MS - 1000);
	assert_int_equal(w.ifp->state, ISM_WAITING);
	nbr_hello(&w, 1, ADDR_NBR, ADDR_US);
	fake_run(w.f, 1000);
	assert_int_equal(w.ifp->state, ISM_BACKUP);
	assert_int_equal(w.ifp->dr, ADDR_NBR);
	/* the DR falls silent: InactivityTimer, the neighbor leaves 2-Way: NeighborChange */
	fake_run(w.f, DEAD_MS);
	assert_null(iface_nbr_find_by_addr(w.ifp, ADDR_NBR));
	assert_int_equal(w.ifp->state, ISM_DR);
	assert_int_equal(w.ifp->dr, ADDR_US);
	assert_int_equal(w.ifp->bdr, 0);
	assert_int_equal(w.f->leaves, 0); /* Backup to DR: still on AllDRouters */
	world_free(&w);
}

static void test_ism_drother_neighbor_change_learns_the_dr(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 0, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	nbr_hello(&w, 1, ADDR_NBR, 0);
	assert_int_equal(w.ifp->state, ISM_DROTHER);
	assert_int_equal(w.ifp->dr, ADDR_NBR);
	assert_int_equal(w.ifp->dr_id, RID_NBR);
	assert_int_equal(w.f->joins, 0);
	world_free(&w);
}

static void test_ism_any_state_interface_down_resets_everything(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_run(w.f, DEAD_MS);
	nbr_hello(&w, 1, ADDR_US, 0);
	assert_int_equal(w.ifp->state, ISM_DR);
	assert_false(list_empty(&w.ifp->nbrs));
	fake_calls.network_lsa = 0;
	iface_fsm(w.ifp, ISM_EV_INTERFACE_DOWN);
	assert_int_equal(w.ifp->state, ISM_DOWN);
	assert_true(list_empty(&w.ifp->nbrs));
	assert_null(w.ifp->hello_timer);
	assert_null(w.ifp->wait_timer);
	assert_int_equal(w.ifp->dr, 0);
	assert_int_equal(w.ifp->bdr, 0);
	assert_int_equal(w.f->leaves, 1);
	assert_false(w.f->joined);
	assert_int_equal(fake_calls.network_lsa, 1); /* no longer DR: flushed */
	assert_int_equal(timerq_count(w.f->tq), 0);
	assert_false(iface_is_active(w.ifp));
	world_free(&w);
}

static void test_ism_any_state_loop_ind_goes_loopback_and_unloop_ind_goes_down(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	nbr_hello(&w, 1, 0, 0);
	iface_fsm(w.ifp, ISM_EV_LOOP_IND);
	assert_int_equal(w.ifp->state, ISM_LOOPBACK);
	assert_true(list_empty(&w.ifp->nbrs));
	assert_null(w.ifp->hello_timer);
	iface_fsm(w.ifp, ISM_EV_UNLOOP_IND);
	assert_int_equal(w.ifp->state, ISM_DOWN);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_P2P);
	world_free(&w);
}

static void test_ism_events_without_a_row_are_ignored(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, IFACE_P2P, 1, false);
	iface_fsm(w.ifp, ISM_EV_WAIT_TIMER);
	iface_fsm(w.ifp, ISM_EV_UNLOOP_IND);
	assert_int_equal(w.ifp->state, ISM_DOWN);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	iface_fsm(w.ifp, ISM_EV_NEIGHBOR_CHANGE);
	iface_fsm(w.ifp, ISM_EV_BACKUP_SEEN);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	assert_int_equal(w.ifp->state, ISM_P2P);
	assert_int_equal(w.ifp->ism_changes, 1);
	world_free(&w);

	/* NeighborChange while Waiting is not an event of 9.3 */
	world_new(&w, IFACE_BROADCAST, 1, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	iface_fsm(w.ifp, ISM_EV_NEIGHBOR_CHANGE);
	assert_int_equal(w.ifp->state, ISM_WAITING);
	assert_non_null(w.ifp->wait_timer);
	world_free(&w);
}

static void test_hello_is_sent_every_hello_interval_with_our_parameters(void **state)
{
	struct world w;
	const struct ospf_hello *h;

	(void)state;
	world_new(&w, IFACE_BROADCAST, 7, false);
	iface_fsm(w.ifp, ISM_EV_INTERFACE_UP);
	fake_run(w.f, 30000);
	assert_int_equal(fake_sent(w.f, OSPF_PKT_HELLO), 4);
	h = &fake_last(w.f, OSPF_PKT_HELLO)->p.hello;
	assert_int_equal(h->mask, 0xffffff00);
	assert_int_equal(h->hello_interval, 10);
	assert_int_equal(h->dead_interval, 40);
	assert_int_equal(h->priority, 7);
	assert_int_equal(h->options, OSPF_OPT_E);
	assert_int_equal(h->dr, 0);
	assert_int_equal(h->bdr, 0);
	assert_int_equal(h->nneighbors, 0);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_ism_down_interface_up_on_broadcast_goes_waiting_with_hello_and_wait_timer),
		cmocka_unit_test(test_ism_down_interface_up_on_p2p_goes_point_to_point),
		cmocka_unit_test(
		    test_ism_down_interface_up_with_priority_0_goes_drother_without_waiting),
		cmocka_unit_test(
		    test_ism_down_interface_up_on_loopback_goes_loopback_and_sends_nothing),
		cmocka_unit_test(test_ism_passive_interfaces_come_up_silent_and_inactive),
		cmocka_unit_test(
		    test_ism_waiting_wait_timer_elects_us_dr_alone_and_joins_alldrouters),
		cmocka_unit_test(test_ism_waiting_backup_seen_elects_before_the_wait_timer),
		cmocka_unit_test(test_ism_dr_neighbor_change_reelects_and_keeps_us_dr),
		cmocka_unit_test(test_ism_backup_neighbor_change_promotes_us_when_the_dr_dies),
		cmocka_unit_test(test_ism_drother_neighbor_change_learns_the_dr),
		cmocka_unit_test(test_ism_any_state_interface_down_resets_everything),
		cmocka_unit_test(
		    test_ism_any_state_loop_ind_goes_loopback_and_unloop_ind_goes_down),
		cmocka_unit_test(test_ism_events_without_a_row_are_ignored),
		cmocka_unit_test(test_hello_is_sent_every_hello_interval_with_our_parameters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
