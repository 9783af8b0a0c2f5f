/* SPDX-License-Identifier: ISC */
/* DR and BDR election (RFC 2328 9.4), step by step, on neighbors set up by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_io.h"
#include "iface.h"
#include "nbr.h"

#define RID_US	0x05050505u /* 5.5.5.5 */
#define ADDR_US 0x0a000005u
#define RID(n)	(0x01010101u * (n)) /* n.n.n.n */
#define ADDR(n) (0x0a000000u | (n))

struct world {
	struct fake *f;
	struct iface *ifp;
};

static void world_new(struct world *w, uint8_t priority)
{
	struct iface_params p = fake_params(IFACE_BROADCAST);

	p.priority = priority;
	w->f = fake_new(RID_US);
	w->ifp = fake_iface(w->f, 0, AREA_NORMAL, &p, ADDR_US, 24);
}

/* Neighbor n.n.n.n at 10.0.0.n, as its last Hello described it. */
static struct nbr *nbr_add(struct world *w, uint32_t n, uint8_t prio, uint32_t dr, uint32_t bdr,
			   enum nbr_state s)
{
	struct nbr *nb = nbr_new(w->ifp, RID(n), ADDR(n));

	nb->priority = prio;
	nb->dr = dr;
	nb->bdr = bdr;
	nb->state = s;
	return nb;
}

static void world_free(struct world *w)
{
	fake_free(w->f);
}

static void test_dr_elect_priority_0_routers_are_never_elected(void **state)
{
	struct world w;

	(void)state;
	/* we and the only neighbor are ineligible, though it declares itself DR */
	world_new(&w, 0);
	nbr_add(&w, 2, 0, ADDR(2), 0, NSM_2WAY);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr, 0);
	assert_int_equal(w.ifp->bdr, 0);
	/* an eligible one comes: it is elected, the declaring priority-0 one still not */
	nbr_add(&w, 3, 1, 0, 0, NSM_2WAY);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr, ADDR(3));
	assert_int_equal(w.ifp->dr_id, RID(3));
	world_free(&w);
}

static void test_dr_elect_ties_are_broken_by_the_highest_router_id(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, 1);
	nbr_add(&w, 2, 1, ADDR(2), 0, NSM_2WAY);
	nbr_add(&w, 9, 1, ADDR(9), 0, NSM_2WAY);
	nbr_add(&w, 3, 1, 0, ADDR(3), NSM_2WAY);
	nbr_add(&w, 4, 1, 0, ADDR(4), NSM_2WAY);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr_id, RID(9));
	assert_int_equal(w.ifp->bdr_id, RID(4));
	world_free(&w);
}

static void test_dr_elect_priority_comes_before_router_id(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, 1);
	nbr_add(&w, 2, 10, ADDR(2), 0, NSM_2WAY);
	nbr_add(&w, 9, 1, ADDR(9), 0, NSM_2WAY);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr_id, RID(2));
	world_free(&w);
}

static void test_dr_elect_bdr_is_promoted_when_the_dr_dies(void **state)
{
	struct world w;

	(void)state;
	/* we were BDR under 10.0.0.2, which is gone; 9.9.9.9 still lists the old pair */
	world_new(&w, 1);
	w.ifp->dr = ADDR(2);
	w.ifp->bdr = ADDR_US;
	nbr_add(&w, 9, 1, ADDR(2), ADDR_US, NSM_2WAY);
	iface_dr_elect(w.ifp);
	/* (2),(3): we are BDR, and DR for lack of a declared one; (4): again, now as DR */
	assert_int_equal(w.ifp->dr, ADDR_US);
	assert_int_equal(w.ifp->dr_id, RID_US);
	assert_int_equal(w.ifp->bdr, ADDR(9));
	world_free(&w);
}

static void test_dr_elect_a_higher_priority_newcomer_does_not_preempt(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, 1);
	w.ifp->dr = ADDR_US;
	w.ifp->bdr = ADDR(2);
	nbr_add(&w, 2, 1, ADDR_US, ADDR(2), NSM_FULL);
	nbr_add(&w, 9, 255, ADDR_US, ADDR(2), NSM_2WAY);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr, ADDR_US);
	assert_int_equal(w.ifp->bdr, ADDR(2));
	world_free(&w);
}

static void test_dr_elect_a_router_declaring_itself_dr_is_accepted(void **state)
{
	struct world w;

	(void)state;
	/* however high our priority */
	world_new(&w, 255);
	nbr_add(&w, 2, 1, ADDR(2), 0, NSM_2WAY);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr, ADDR(2));
	assert_int_equal(w.ifp->bdr, ADDR_US);
	world_free(&w);
}

static void test_dr_elect_a_router_declaring_itself_bdr_beats_a_higher_priority(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, 0);
	nbr_add(&w, 2, 1, ADDR(9), ADDR(2), NSM_2WAY);
	nbr_add(&w, 3, 200, ADDR(9), ADDR(2), NSM_2WAY);
	nbr_add(&w, 9, 1, ADDR(9), ADDR(2), NSM_FULL);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr, ADDR(9));
	assert_int_equal(w.ifp->bdr, ADDR(2));
	world_free(&w);
}

static void test_dr_elect_second_pass_keeps_us_from_being_dr_and_bdr_at_once(void **state)
{
	struct world w;

	(void)state;
	/* nobody declares anything; we have the higher id */
	world_new(&w, 1);
	nbr_add(&w, 2, 1, 0, 0, NSM_2WAY);
	iface_dr_elect(w.ifp);
	/* pass one made us BDR and so DR; pass two, with us declared DR, makes 2.2.2.2 BDR */
	assert_int_equal(w.ifp->dr, ADDR_US);
	assert_int_equal(w.ifp->bdr, ADDR(2));
	world_free(&w);
}

static void test_dr_elect_neighbors_below_2way_are_not_on_the_list(void **state)
{
	struct world w;

	(void)state;
	world_new(&w, 1);
	nbr_add(&w, 9, 255, ADDR(9), 0, NSM_INIT);
	iface_dr_elect(w.ifp);
	assert_int_equal(w.ifp->dr, ADDR_US);
	assert_int_equal(w.ifp->bdr, 0);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dr_elect_priority_0_routers_are_never_elected),
		cmocka_unit_test(test_dr_elect_ties_are_broken_by_the_highest_router_id),
		cmocka_unit_test(test_dr_elect_priority_comes_before_router_id),
		cmocka_unit_test(test_dr_elect_bdr_is_promoted_when_the_dr_dies),
		cmocka_unit_test(test_dr_elect_a_higher_priority_newcomer_does_not_preempt),
		cmocka_unit_test(test_dr_elect_a_router_declaring_itself_dr_is_accepted),
		cmocka_unit_test(
		    test_dr_elect_a_router_declaring_itself_bdr_beats_a_higher_priority),
		cmocka_unit_test(test_dr_elect_second_pass_keeps_us_from_being_dr_and_bdr_at_once),
		cmocka_unit_test(test_dr_elect_neighbors_below_2way_are_not_on_the_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
