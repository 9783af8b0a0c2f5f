/* SPDX-License-Identifier: ISC */
/*
 * Virtual links (RFC 2328 15, 16.1, 16.3, 12.4.1) over the simulated network: a backbone
 * split in two by area 1 is joined again by a virtual link between the two border routers,
 * the routing tables hold exactly the routes expected, and the link goes down when the
 * transit path is cut.
 *
 *   r5 --(area 0)-- r1 --(area 1)-- r3 --(area 1)-- r2 --(area 0)-- r4
 *   seg 1             seg 2             seg 3             seg 4
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "abr.h"
#include "config.h"
#include "external.h"
#include "iface.h"
#include "lsa.h"
#include "nbr.h"
#include "packet.h"
#include "show.h"
#include "sim.h"
#include "spf.h"
#include "vlink.h"

#define RID(n)	  (0x0a000000u | ((n) << 16) | ((n) << 8) | (n)) /* 10.n.n.n */
#define NET(a, b) (0xc0a80000u | ((a) << 8) | (b))		 /* 192.168.a.b */

struct lab {
	struct sim *s;
	struct ospf *r1, *r2, *r3, *r4, *r5;
	int seg3;
};

static struct iface_params fast_params(void)
{
	struct iface_params p;

	iface_params_default(&p);
	p.type = IFACE_P2P;
	p.hello_interval = 1;
	p.dead_interval = 4;
	p.retransmit_interval = 2;
	return p;
}

static int link_p2p_cost(struct sim *s, struct ospf *a, struct ospf *b, uint32_t seg, uint32_t area,
			 uint32_t cost)
{
	struct iface_params p = fast_params();
	int id = sim_segment_add(s);

	p.cost = cost;
	sim_attach(s, a, id, NET(seg, 1), 30, area, &p);
	sim_attach(s, b, id, NET(seg, 2), 30, area, &p);
	return id;
}

static int link_p2p(struct sim *s, struct ospf *a, struct ospf *b, uint32_t seg, uint32_t area)
{
	struct iface_params p = fast_params();
	int id = sim_segment_add(s);

	sim_attach(s, a, id, NET(seg, 1), 30, area, &p);
	sim_attach(s, b, id, NET(seg, 2), 30, area, &p);
	return id;
}

/* `area 1 virtual-link <peer>` on o, through the configuration's path (abr_configure). */
static void vlink_config(struct ospf *o, uint32_t peer)
{
	struct cfg_area ca = { .id = 1, .type = AREA_NORMAL, .default_cost = 1 };
	struct ospf_config cfg = { 0 };

	ca.vlinks = &peer;
	ca.nvlinks = 1;
	cfg.areas = &ca;
	cfg.nareas = 1;
	abr_configure(o, &cfg);
}

static struct iface *vlink_iface(struct ospf *o)
{
	struct iface *ifp;

	list_for_each (ifp, &o->ifaces, node)
		if (iface_is_vlink(ifp))
			return ifp;
	return NULL;
}

static bool vlink_full(struct iface *ifp)
{
	struct nbr *n;

	list_for_each (n, &ifp->nbrs, node)
		if (n->state == NSM_FULL)
			return true;
	return false;
}

static bool converged(struct sim *s, void *arg)
{
	struct lab *l = arg;
	const struct route *r;

	if (!sim_all_full(s, NULL) || !sim_spf_idle(s))
		return false;
	r = l->r5->rt ? route_find(l->r5->rt, ROUTE_NETWORK, NET(4, 0), 30) : NULL;
	return r && r->cost == 40;
}

/* far_area: the area of the r2-r4 segment (0: a split backbone; 2: an area reachable only
 * through the transit area). */
static struct lab *lab_new_far(bool with_vlinks, uint32_t far_area)
{
	struct lab *l = calloc(1, sizeof(*l));

	l->s = sim_new();
	l->r1 = sim_router_add(l->s, RID(1));
	l->r2 = sim_router_add(l->s, RID(2));
	l->r3 = sim_router_add(l->s, RID(3));
	l->r4 = sim_router_add(l->s, RID(4));
	l->r5 = sim_router_add(l->s, RID(5));
	link_p2p(l->s, l->r5, l->r1, 1, 0);
	link_p2p(l->s, l->r1, l->r3, 2, 1);
	l->seg3 = link_p2p(l->s, l->r3, l->r2, 3, 1);
	link_p2p(l->s, l->r2, l->r4, 4, far_area);
	if (with_vlinks) {
		vlink_config(l->r1, RID(2));
		vlink_config(l->r2, RID(1));
	}
	return l;
}

static struct lab *lab_new(bool with_vlinks)
{
	return lab_new_far(with_vlinks, 0);
}

static void lab_free(struct lab *l)
{
	sim_free(l->s);
	free(l);
}

static void assert_route(const struct route_table *t, uint32_t prefix, enum route_path path,
			 uint32_t area, uint32_t cost, uint32_t gw)
{
	const struct route *r = route_find(t, ROUTE_NETWORK, prefix, 30);

	assert_non_null(r);
	assert_int_equal(r->path, path);
	assert_int_equal(r->area, area);
	assert_int_equal(r->cost, cost);
	assert_int_equal(r->nh_count, 1);
	assert_int_equal(route_nexthops(t, r)[0].gw, gw);
}

/* One router-LSA link of adv's LSA in area of o: its metric, or -1 if none. */
static int router_link_metric(struct ospf *o, uint32_t area, uint32_t adv, uint8_t type,
			      uint32_t id, uint8_t *flags)
{
	struct lsa_key k = { LSA_ROUTER, adv, adv };
	struct lsa_entry *e = lsdb_lookup(&ospf_area_find(o, area)->lsdb, &k);
	struct lsa l;
	int m = -1;
	uint16_t i;

	assert_non_null(e);
	assert_int_equal(lsa_decode(e->inst->data, e->inst->len, &l), DROP_NONE);
	*flags = l.router.flags;
	for (i = 0; i < l.router.nlinks; i++)
		if (l.router.links[i].type == type && l.router.links[i].id == id)
			m = l.router.links[i].metric;
	lsa_free(&l);
	return m;
}

static void test_vlink_joins_a_split_backbone_through_the_transit_area(void **state)
{
	struct lab *l = lab_new(true);
	struct iface *v1, *v2;
	uint8_t flags;

	(void)state;
	assert_int_equal(vlink_count(l->r1), 1);
	assert_true(sim_run_until(l->s, 120000, converged, l));
	v1 = vlink_iface(l->r1);
	v2 = vlink_iface(l->r2);
	assert_non_null(v1);
	assert_non_null(v2);
	assert_string_equal(v1->name, "VLINK0");
	/* RFC 2328 15: point-to-point, the transit path's cost, addresses from the SPF */
	assert_int_equal(v1->state, ISM_P2P);
	assert_int_equal(v1->params.cost, 20);
	assert_int_equal(v1->addr, NET(2, 1));
	assert_int_equal(v1->peer, NET(3, 2));
	assert_int_equal(v2->addr, NET(3, 2));
	assert_int_equal(v2->peer, NET(2, 1));
	assert_true(vlink_full(v1));
	assert_true(vlink_full(v2));
	/* 12.4.1.3: a virtual link in the backbone's router-LSA; 12.4.1: V in area 1's */
	assert_int_equal(router_link_metric(l->r5, 0, RID(1), LSA_LINK_VIRTUAL, RID(2), &flags),
			 20);
	assert_true(flags & LSA_ROUTER_B);
	router_link_metric(l->r3, 1, RID(1), LSA_LINK_P2P, RID(3), &flags);
	assert_true(flags & LSA_ROUTER_V);
	router_link_metric(l->r3, 1, RID(3), LSA_LINK_P2P, RID(1), &flags);
	assert_false(flags & LSA_ROUTER_V);
	lab_free(l);
}

static void test_vlink_routing_tables_hold_the_exact_routes(void **state)
{
	struct lab *l = lab_new(true);
	const struct route_table *t;

	(void)state;
	assert_true(sim_run_until(l->s, 120000, converged, l));
	sim_run(l->s, 6000); /* the last throttled runs */
	/* r5, backbone only: the far backbone segment intra-area over the virtual link
	 * (10 + 20 + 10), area 1 inter-area through r1 */
	t = l->r5->rt;
	assert_int_equal(route_table_networks(t), 4);
	assert_route(t, NET(1, 0), ROUTE_INTRA, 0, 10, 0);
	assert_route(t, NET(4, 0), ROUTE_INTRA, 0, 40, NET(1, 2));
	assert_route(t, NET(2, 0), ROUTE_INTER, 0, 20, NET(1, 2));
	assert_route(t, NET(3, 0), ROUTE_INTER, 0, 30, NET(1, 2));
	/* r4, the other side */
	t = l->r4->rt;
	assert_int_equal(route_table_networks(t), 4);
	assert_route(t, NET(4, 0), ROUTE_INTRA, 0, 10, 0);
	assert_route(t, NET(1, 0), ROUTE_INTRA, 0, 40, NET(4, 1));
	assert_route(t, NET(3, 0), ROUTE_INTER, 0, 20, NET(4, 1));
	assert_route(t, NET(2, 0), ROUTE_INTER, 0, 30, NET(4, 1));
	/* r1: the far segment through the transit area's next hop, r3 (16.1.1) */
	t = l->r1->rt;
	assert_int_equal(route_table_networks(t), 4);
	assert_route(t, NET(4, 0), ROUTE_INTRA, 0, 30, NET(2, 2));
	assert_route(t, NET(3, 0), ROUTE_INTRA, 1, 20, NET(2, 2));
	/* r3, inside area 1: the backbone's segments as summaries of each border router */
	t = l->r3->rt;
	assert_int_equal(route_table_networks(t), 4);
	assert_route(t, NET(1, 0), ROUTE_INTER, 1, 20, NET(2, 1));
	assert_route(t, NET(4, 0), ROUTE_INTER, 1, 20, NET(3, 2));
	lab_free(l);
}

static const char *jpath(struct json_object *j, const char *const *keys)
{
	for (; *keys; keys++)
		if (!json_object_object_get_ex(j, *keys, &j))
			return NULL;
	return json_object_get_string(j);
}

/* show ip ospf interface / neighbor / show ip ospf: the virtual link as FRR shows it */
static void test_vlink_shown_as_an_interface_with_its_neighbor(void **state)
{
	struct lab *l = lab_new(true);
	struct json_object *j, *arr;
	static const char *const type[] = { "interfaces", "VLINK0", "networkType", NULL };
	static const char *const cost[] = { "interfaces", "VLINK0", "cost", NULL };
	static const char *const area[] = { "interfaces", "VLINK0", "area", NULL };
	static const char *const pass[] = { "areas", "0.0.0.1", "virtualAdjacenciesPassingCounter",
					    NULL };

	(void)state;
	assert_true(sim_run_until(l->s, 120000, converged, l));
	j = show_interface_json(l->r1, NULL);
	assert_string_equal(jpath(j, type), "VIRTUALLINK");
	assert_string_equal(jpath(j, cost), "20");
	assert_string_equal(jpath(j, area), "0.0.0.0");
	json_object_put(j);
	j = show_neighbor_json(l->r1, false);
	assert_true(
	    json_object_object_get_ex(json_object_object_get(j, "neighbors"), "10.2.2.2", &arr));
	assert_int_equal(json_object_array_length(arr), 1);
	assert_non_null(strstr(json_object_to_json_string(arr), "VLINK0"));
	json_object_put(j);
	j = show_ospf_json(l->r1);
	assert_string_equal(jpath(j, pass), "1");
	json_object_put(j);
	lab_free(l);
}

static struct nbr *first_nbr(struct iface *ifp)
{
	return list_empty(&ifp->nbrs) ? NULL : container_of(ifp->nbrs.next, struct nbr, node);
}

/* RFC 2328 13.3: an AS-external LSA r1 originates goes to its real neighbors, not over the
 * virtual link (r2 gets it through area 1); 10.3: nor is it listed in the link's DDs. */
static void test_vlink_carries_no_as_external_lsas(void **state)
{
	struct lab *l = lab_new(true);
	struct iface *v, *ifp, *to_r5 = NULL;
	struct nbr *n;

	(void)state;
	assert_true(sim_run_until(l->s, 120000, converged, l));
	v = vlink_iface(l->r1);
	list_for_each (ifp, &l->r1->ifaces, node)
		if (!iface_is_vlink(ifp) && ifp->area->id == 0)
			to_r5 = ifp;
	assert_non_null(to_r5);
	assert_int_equal(external_set(l->r1, NET(172, 0), 24, 20, 2, 0, 0), 0);
	assert_int_equal(first_nbr(v)->nretransmit, 0);
	assert_true(first_nbr(to_r5)->nretransmit >= 1);
	sim_run(l->s, 10000);
	/* r2 has it all the same, through the transit area */
	{
		struct lsa_key k = { LSA_AS_EXTERNAL, NET(172, 0), RID(1) };

		assert_non_null(lsdb_lookup(&l->r2->as_lsdb, &k));
	}
	/* a fresh exchange over the virtual link lists no type-5 LSA */
	n = first_nbr(v);
	dbex_summary_build(n);
	{
		struct nbr_lsa *x;

		list_for_each (x, &n->summary_list, node)
			assert_int_not_equal(x->hdr.type, LSA_AS_EXTERNAL);
	}
	nbr_summary_clear(n);
	lab_free(l);
}

static bool far_area_converged(struct sim *s, void *arg)
{
	struct lab *l = arg;
	const struct route *r;

	if (!sim_all_full(s, NULL) || !sim_spf_idle(s))
		return false;
	r = l->r5->rt ? route_find(l->r5->rt, ROUTE_NETWORK, NET(4, 0), 30) : NULL;
	return r && l->r4->rt && route_find(l->r4->rt, ROUTE_NETWORK, NET(1, 0), 30);
}

/* Area 2 hangs off r2, which has no backbone interface: only the virtual link makes r2 a
 * border router attached to the backbone (RFC 2328 15), so area 2 and the backbone learn
 * each other's networks as inter-area routes. */
static void test_vlink_attaches_an_area_without_backbone_interface(void **state)
{
	struct lab *l = lab_new_far(true, 2);
	const struct route_table *t;

	(void)state;
	assert_true(sim_run_until(l->s, 120000, far_area_converged, l));
	sim_run(l->s, 6000);
	assert_true(abr_is_abr(l->r2));
	assert_true(vlink_full(vlink_iface(l->r2)));
	t = l->r5->rt;
	assert_int_equal(route_table_networks(t), 4);
	assert_route(t, NET(4, 0), ROUTE_INTER, 0, 40, NET(1, 2));
	t = l->r4->rt;
	assert_int_equal(route_table_networks(t), 4);
	/* r2's backbone path to seg 1 is 20 over the virtual link + 10, summarised into area 2 */
	assert_route(t, NET(1, 0), ROUTE_INTER, 2, 40, NET(4, 1));
	assert_route(t, NET(2, 0), ROUTE_INTER, 2, 30, NET(4, 1));
	assert_route(t, NET(3, 0), ROUTE_INTER, 2, 20, NET(4, 1));
	lab_free(l);
}

/* Without the virtual link r2 is no border router (no backbone): area 2 stays alone. */
static void test_vlink_area_without_backbone_stays_alone_without_it(void **state)
{
	struct lab *l = lab_new_far(false, 2);

	(void)state;
	sim_run(l->s, 60000);
	assert_false(abr_is_abr(l->r2));
	assert_null(route_find(l->r5->rt, ROUTE_NETWORK, NET(4, 0), 30));
	lab_free(l);
}

/* A backbone Hello from router rid, encoded. */
static size_t backbone_hello(uint32_t rid, uint8_t *buf, size_t cap)
{
	struct ospf_packet p;

	memset(&p, 0, sizeof(p));
	p.hdr.version = OSPF_VERSION;
	p.hdr.type = OSPF_PKT_HELLO;
	p.hdr.router_id = rid;
	p.hdr.area_id = 0;
	p.hello.hello_interval = 10;
	p.hello.dead_interval = 40;
	return ospf_packet_encode(&p, buf, cap);
}

/* RFC 2328 8.2: a backbone packet on an interface of area 1 belongs to the virtual link when
 * it comes from the link's other end; from anyone else it is in the wrong area. */
static void test_vlink_receives_backbone_packets_of_its_endpoint_only(void **state)
{
	struct lab *l = lab_new(true);
	struct iface *v, *ifp, *transit = NULL;
	uint8_t buf[256];
	size_t len;
	uint64_t hellos, wrong;

	(void)state;
	assert_true(sim_run_until(l->s, 120000, converged, l));
	v = vlink_iface(l->r1);
	list_for_each (ifp, &l->r1->ifaces, node)
		if (!iface_is_vlink(ifp) && ifp->area->id == 1)
			transit = ifp;
	assert_non_null(transit);
	hellos = v->rx_packets[OSPF_PKT_HELLO];
	wrong = transit->drops[DROP_WRONG_AREA];
	len = backbone_hello(RID(9), buf, sizeof(buf));
	assert_true(len > 0);
	ospf_recv(l->r1, transit, NET(3, 2), NET(2, 1), buf, len);
	assert_int_equal(transit->drops[DROP_WRONG_AREA], wrong + 1);
	assert_int_equal(v->rx_packets[OSPF_PKT_HELLO], hellos);
	len = backbone_hello(RID(2), buf, sizeof(buf));
	ospf_recv(l->r1, transit, NET(3, 2), NET(2, 1), buf, len);
	assert_int_equal(v->rx_packets[OSPF_PKT_HELLO], hellos + 1);
	assert_int_equal(transit->drops[DROP_WRONG_AREA], wrong + 1);
	lab_free(l);
}

static void test_vlink_without_configuration_the_backbone_stays_split(void **state)
{
	struct lab *l = lab_new(false);

	(void)state;
	sim_run(l->s, 60000);
	assert_null(vlink_iface(l->r1));
	assert_non_null(l->r5->rt);
	assert_null(route_find(l->r5->rt, ROUTE_NETWORK, NET(4, 0), 30));
	lab_free(l);
}

static void test_vlink_goes_down_when_the_transit_path_is_cut(void **state)
{
	struct lab *l = lab_new(true);

	(void)state;
	assert_true(sim_run_until(l->s, 120000, converged, l));
	sim_segment_set_up(l->s, l->seg3, false);
	sim_run(l->s, 30000);
	assert_int_equal(vlink_iface(l->r1)->state, ISM_DOWN);
	assert_true(list_empty(&vlink_iface(l->r1)->nbrs) || !vlink_full(vlink_iface(l->r1)));
	assert_null(route_find(l->r5->rt, ROUTE_NETWORK, NET(4, 0), 30));
	/* and comes back with the path */
	sim_segment_set_up(l->s, l->seg3, true);
	assert_true(sim_run_until(l->s, 120000, converged, l));
	assert_int_equal(vlink_iface(l->r1)->state, ISM_P2P);
	lab_free(l);
}

static void test_vlink_removed_from_the_configuration_goes_away(void **state)
{
	struct lab *l = lab_new(true);
	struct ospf_config empty = { 0 };

	(void)state;
	assert_true(sim_run_until(l->s, 120000, converged, l));
	abr_configure(l->r1, &empty);
	assert_null(vlink_iface(l->r1));
	assert_int_equal(vlink_count(l->r1), 0);
	sim_run(l->s, 30000);
	assert_null(route_find(l->r5->rt, ROUTE_NETWORK, NET(4, 0), 30));
	lab_free(l);
}

static bool r1_has_r2(struct sim *s, void *arg)
{
	struct ospf *r1 = arg;
	struct iface *v;

	list_for_each (v, &r1->ifaces, node)
		if (iface_is_vlink(v) && !vlink_full(v))
			return false;
	return sim_spf_idle(s) && sim_all_full(s, NULL);
}

/* RFC 2328 16.3: r6, another border router of area 1, offers the far backbone segment in a
 * summary-LSA cheaper than the virtual link's path (r3-r2 costs 50): r1 takes it, the entry
 * stays an intra-area backbone route. */
static void test_vlink_transit_summary_gives_a_cheaper_backbone_path(void **state)
{
	struct sim *s = sim_new();
	struct ospf *r1 = sim_router_add(s, RID(1)), *r2 = sim_router_add(s, RID(2));
	struct ospf *r3 = sim_router_add(s, RID(3)), *r4 = sim_router_add(s, RID(4));
	struct ospf *r5 = sim_router_add(s, RID(5)), *r6 = sim_router_add(s, RID(6));
	const struct route_table *t;

	(void)state;
	link_p2p(s, r5, r1, 1, 0);
	link_p2p(s, r1, r3, 2, 1);
	link_p2p_cost(s, r3, r2, 3, 1, 50);
	link_p2p(s, r2, r4, 4, 0);
	link_p2p(s, r1, r6, 5, 1);
	link_p2p(s, r6, r4, 6, 0);
	vlink_config(r1, RID(2));
	vlink_config(r2, RID(1));
	assert_true(sim_run_until(s, 120000, r1_has_r2, r1));
	sim_run(s, 6000);
	assert_int_equal(vlink_iface(r1)->params.cost, 60);
	t = r1->rt;
	/* over the virtual link it would be 60 + 10 through r3; r6's summary says 10 + 20 */
	assert_route(t, NET(4, 0), ROUTE_INTRA, 0, 30, NET(5, 2));
	sim_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vlink_joins_a_split_backbone_through_the_transit_area),
		cmocka_unit_test(test_vlink_routing_tables_hold_the_exact_routes),
		cmocka_unit_test(test_vlink_shown_as_an_interface_with_its_neighbor),
		cmocka_unit_test(test_vlink_carries_no_as_external_lsas),
		cmocka_unit_test(test_vlink_receives_backbone_packets_of_its_endpoint_only),
		cmocka_unit_test(test_vlink_without_configuration_the_backbone_stays_split),
		cmocka_unit_test(test_vlink_attaches_an_area_without_backbone_interface),
		cmocka_unit_test(test_vlink_area_without_backbone_stays_alone_without_it),
		cmocka_unit_test(test_vlink_goes_down_when_the_transit_path_is_cut),
		cmocka_unit_test(test_vlink_removed_from_the_configuration_goes_away),
		cmocka_unit_test(test_vlink_transit_summary_gives_a_cheaper_backbone_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
