/* SPDX-License-Identifier: ISC */
/*
 * Whole-protocol tests over the simulated network: several instances converge to identical
 * LSDBs, and converge again after a failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "iface.h"
#include "nbr.h"
#include "sim.h"
#include "spf.h"

#define RID(n)	  (0x0a000000u | ((n) << 16) | ((n) << 8) | (n)) /* 10.n.n.n */
#define NET(a, b) (0xc0a80000u | ((a) << 8) | (b))		 /* 192.168.a.b */

static struct iface_params fast_params(enum iface_type type)
{
	struct iface_params p;

	iface_params_default(&p);
	p.type = type;
	p.hello_interval = 1;
	p.dead_interval = 4;
	p.retransmit_interval = 2;
	return p;
}

/* Links router a and b with a point-to-point segment on 192.168.seg.0/30. */
static int link_p2p(struct sim *s, struct ospf *a, struct ospf *b, uint32_t seg)
{
	struct iface_params p = fast_params(IFACE_P2P);
	int id = sim_segment_add(s);

	sim_attach(s, a, id, NET(seg, 1), 30, 0, &p);
	sim_attach(s, b, id, NET(seg, 2), 30, 0, &p);
	return id;
}

static struct lsa_entry *router_lsa_of(struct ospf *o, uint32_t adv)
{
	struct area *a = ospf_area_find(o, 0);
	struct lsa_key k = { LSA_ROUTER, adv, adv };

	return a ? lsdb_lookup(&a->lsdb, &k) : NULL;
}

static void count_parked(struct lsa_entry *e, void *arg)
{
	if (e->originate_timer)
		(*(int *)arg)++;
}

/* Nothing is waiting: no interface in Waiting, no origination held by MinLSInterval. */
static bool settled(struct sim *s)
{
	int i, parked = 0;

	for (i = 0; i < sim_router_count(s); i++) {
		struct ospf *o = sim_router(s, i);
		struct iface *ifp;
		struct area *a;

		list_for_each (ifp, &o->ifaces, node)
			if (ifp->state == ISM_WAITING)
				return false;
		list_for_each (a, &o->areas, node)
			lsdb_foreach(&a->lsdb, count_parked, &parked);
	}
	return parked == 0;
}

static bool converged(struct sim *s, void *arg)
{
	int i, j;

	(void)arg;
	if (!settled(s) || !sim_all_full(s, NULL) || !sim_lsdbs_equal(s, 0))
		return false;
	/* every router holds every router's router-LSA */
	for (i = 0; i < sim_router_count(s); i++)
		for (j = 0; j < sim_router_count(s); j++)
			if (!router_lsa_of(sim_router(s, i), sim_router(s, j)->router_id))
				return false;
	return true;
}

static void test_two_routers_on_a_point_to_point_link_become_full_with_equal_lsdbs(void **state)
{
	struct sim *s = sim_new();
	struct ospf *a = sim_router_add(s, RID(1)), *b = sim_router_add(s, RID(2));

	(void)state;
	link_p2p(s, a, b, 1);
	assert_true(sim_run_until(s, 30000, converged, NULL));
	sim_free(s);
}

/* Five routers in a ring of point-to-point links, plus a LAN joining three of them. */
static struct sim *five_router_net(int *ring_seg)
{
	struct sim *s = sim_new();
	struct ospf *r[5];
	struct iface_params lan = fast_params(IFACE_BROADCAST);
	int i, seg;

	for (i = 0; i < 5; i++)
		r[i] = sim_router_add(s, RID((uint32_t)i + 1));
	for (i = 0; i < 5; i++) {
		seg = link_p2p(s, r[i], r[(i + 1) % 5], (uint32_t)i + 1);
		if (i == 0)
			*ring_seg = seg;
	}
	seg = sim_segment_add(s);
	for (i = 0; i < 3; i++)
		sim_attach(s, r[i], seg, NET(100, (uint32_t)i + 1), 24, 0, &lan);
	return s;
}

static void test_five_routers_converge_to_identical_lsdbs(void **state)
{
	int ring;
	struct sim *s = five_router_net(&ring);

	(void)state;
	assert_true(sim_run_until(s, 60000, converged, NULL));
	/* one router-LSA per router, one network-LSA for the LAN */
	assert_int_equal(ospf_area_find(sim_router(s, 0), 0)->lsdb.count, 6);
	sim_free(s);
}

static bool link_gone(struct sim *s, void *arg)
{
	struct lsa_entry *e;
	struct lsa rl;
	uint16_t i;
	bool listed = false;

	(void)arg;
	if (!sim_lsdbs_equal(s, 0))
		return false;
	e = router_lsa_of(sim_router(s, 2), RID(1));
	if (!e || lsa_decode(e->inst->data, e->inst->len, &rl) != DROP_NONE)
		return false;
	for (i = 0; i < rl.router.nlinks; i++)
		if (rl.router.links[i].type == LSA_LINK_P2P && rl.router.links[i].id == RID(2))
			listed = true;
	lsa_free(&rl);
	return !listed;
}

static void test_five_routers_reconverge_after_a_silent_link_cut(void **state)
{
	int ring;
	struct sim *s = five_router_net(&ring);

	(void)state;
	assert_true(sim_run_until(s, 60000, converged, NULL));
	sim_segment_set_up(s, ring, false);
	/* dead interval (4 s) plus MinLSInterval (5 s) at most, with margin */
	assert_true(sim_run_until(s, 20000, link_gone, NULL));
	sim_free(s);
}

/* After convergence every router routes every network: the five ring links and the LAN. */
static void test_five_routers_compute_full_routing_tables(void **state)
{
	int ring, i;
	struct sim *s = five_router_net(&ring);
	const struct route *r;
	const struct route_table *t;

	(void)state;
	assert_true(sim_run_until(s, 60000, converged, NULL));
	sim_run(s, 6000); /* the last throttled SPF */
	for (i = 0; i < sim_router_count(s); i++) {
		struct ospf *o = sim_router(s, i);
		size_t k;

		assert_false(spf_pending(o));
		assert_non_null(o->rt);
		assert_int_equal(route_table_networks(o->rt), 6);
		for (k = 0; k < o->rt->count; k++) {
			assert_int_equal(o->rt->routes[k].path, ROUTE_INTRA);
			assert_true(o->rt->routes[k].nh_count >= 1);
		}
	}
	/* r1 reaches the r3-r4 link across the LAN, through r3: 10 + 10 */
	t = sim_router(s, 0)->rt;
	r = route_find(t, ROUTE_NETWORK, NET(3, 0), 30);
	assert_non_null(r);
	assert_int_equal(r->cost, 20);
	assert_int_equal(r->nh_count, 1);
	assert_int_equal(route_nexthops(t, r)[0].gw, NET(100, 3));
	/* and the LAN is attached */
	r = route_find(t, ROUTE_NETWORK, NET(100, 0), 24);
	assert_non_null(r);
	assert_int_equal(r->cost, 10);
	assert_int_equal(route_nexthops(t, r)[0].gw, 0);
	/* r4 reaches the LAN through r3 at 20 (through r5 and r1 it is 30) */
	t = sim_router(s, 3)->rt;
	r = route_find(t, ROUTE_NETWORK, NET(100, 0), 24);
	assert_non_null(r);
	assert_int_equal(r->cost, 20);
	assert_int_equal(r->nh_count, 1);
	assert_int_equal(route_nexthops(t, r)[0].gw, NET(3, 1));
	sim_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_two_routers_on_a_point_to_point_link_become_full_with_equal_lsdbs),
		cmocka_unit_test(test_five_routers_converge_to_identical_lsdbs),
		cmocka_unit_test(test_five_routers_reconverge_after_a_silent_link_cut),
		cmocka_unit_test(test_five_routers_compute_full_routing_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
