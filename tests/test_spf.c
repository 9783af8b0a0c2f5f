/* SPDX-License-Identifier: ISC */
/*
 * SPF (RFC 2328 16) and the routing table on hand-built LSDBs: each test installs LSAs made
 * with the codec into one instance and compares the whole routing table, rendered one entry
 * a line, with the one expected. Also the FRR-style throttle on a simulated clock, and the
 * table difference handed to the kernel side.
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "iface.h"
#include "lsa.h"
#include "ospf.h"
#include "route.h"
#include "show.h"
#include "spf.h"
#include "wire.h"

#define RID(n) (((uint32_t)(n) << 24) | ((uint32_t)(n) << 16) | ((uint32_t)(n) << 8) | (n))

struct h {
	uint64_t now;
	struct timerq *tq;
	struct ospf *o;
	int changed; /* route_changed calls */
	char dump[8192];
};

static uint64_t h_clock(void *ctx)
{
	return ((struct h *)ctx)->now;
}

static void h_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)ifp;
	(void)dst;
	(void)buf;
	(void)len;
}

static void h_route_changed(struct ospf *o, void *ctx)
{
	(void)o;
	((struct h *)ctx)->changed++;
}

static int h_setup(void **state)
{
	struct h *h = calloc(1, sizeof(*h));
	struct ospf_io io = { .send = h_send, .ctx = h };

	h->now = 1000000;
	h->tq = timerq_new(h_clock, h);
	h->o = ospf_new(RID(1), h->tq, &io);
	h->o->route_changed = h_route_changed;
	h->o->route_changed_ctx = h;
	*state = h;
	return 0;
}

static int h_teardown(void **state)
{
	struct h *h = *state;

	ospf_free(h->o);
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

static uint32_t ip(const char *s)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return ntohl(a.s_addr);
}

static struct iface *h_iface(struct h *h, uint32_t area, const char *name, int ifindex,
			     const char *addr, uint8_t plen, enum iface_type type)
{
	struct iface_params p;

	iface_params_default(&p);
	p.type = type;
	return iface_new(h->o, ospf_area_get(h->o, area), name, ifindex, ip(addr), plen, 1500, &p);
}

static void h_install(struct h *h, struct lsdb *db, struct lsa *l)
{
	static uint8_t buf[4096];
	struct lsa_inst *inst;
	size_t n;

	l->hdr.age = 1;
	l->hdr.seq = LSA_INITIAL_SEQ;
	n = lsa_encode(l, buf, sizeof(buf));
	assert_true(n >= LSA_HEADER_LEN);
	lsa_checksum_set(buf, n);
	inst = lsa_inst_new(buf, (uint16_t)n, h->now);
	assert_non_null(inst);
	assert_non_null(lsdb_put(db, inst));
}

struct lk {
	uint8_t type;
	const char *id, *data;
	uint16_t metric;
};

static void h_router(struct h *h, uint32_t area, uint32_t rid, uint8_t flags, const struct lk *lk,
		     size_t n)
{
	struct lsa_router_link links[32];
	struct lsa l;
	size_t i;

	assert_true(n <= 32);
	memset(&l, 0, sizeof(l));
	memset(links, 0, sizeof(links));
	for (i = 0; i < n; i++) {
		links[i].type = lk[i].type;
		links[i].id = ip(lk[i].id);
		links[i].data = ip(lk[i].data);
		links[i].metric = lk[i].metric;
	}
	l.hdr.type = LSA_ROUTER;
	l.hdr.id = rid;
	l.hdr.adv_router = rid;
	l.hdr.options = OSPF_OPT_E;
	l.router.flags = flags;
	l.router.nlinks = (uint16_t)n;
	l.router.links = links;
	h_install(h, &ospf_area_get(h->o, area)->lsdb, &l);
}

static void h_network(struct h *h, uint32_t area, const char *dr_addr, uint32_t dr, uint8_t plen,
		      const uint32_t *routers, size_t n)
{
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_NETWORK;
	l.hdr.id = ip(dr_addr);
	l.hdr.adv_router = dr;
	l.network.mask = route_mask(plen);
	l.network.nrouters = (uint32_t)n;
	l.network.routers = (uint32_t *)routers;
	h_install(h, &ospf_area_get(h->o, area)->lsdb, &l);
}

static void h_summary(struct h *h, uint32_t area, uint8_t type, const char *id, uint32_t adv,
		      uint8_t plen, uint32_t metric)
{
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = type;
	l.hdr.id = ip(id);
	l.hdr.adv_router = adv;
	l.summary.mask = route_mask(plen);
	l.summary.metric = metric;
	h_install(h, &ospf_area_get(h->o, area)->lsdb, &l);
}

static void h_external(struct h *h, const char *id, uint32_t adv, uint8_t plen, bool e2,
		       uint32_t metric, const char *fwd, uint32_t tag)
{
	struct lsa_external_entry ent = { e2, 0, metric, fwd ? ip(fwd) : 0, tag };
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_AS_EXTERNAL;
	l.hdr.id = ip(id);
	l.hdr.adv_router = adv;
	l.hdr.options = OSPF_OPT_E;
	l.external.mask = route_mask(plen);
	l.external.nentries = 1;
	l.external.entries = &ent;
	h_install(h, &h->o->as_lsdb, &l);
}

/* ---- the table, one line per entry, sorted ---- */

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void nh_str(char *b, size_t n, const struct route_nexthop *nh, uint16_t count)
{
	char *parts[64];
	char store[64][40];
	uint16_t i;
	size_t off = 0;

	assert_true(count <= 64);
	for (i = 0; i < count; i++) {
		snprintf(store[i], sizeof(store[i]), "%s %s", nh[i].gw ? ipstr(nh[i].gw) : "-",
			 nh[i].ifname);
		parts[i] = store[i];
	}
	qsort(parts, count, sizeof(parts[0]), line_cmp);
	b[0] = 0;
	for (i = 0; i < count; i++)
		off += (size_t)snprintf(b + off, n - off, "%s%s", i ? ", " : "", parts[i]);
}

/* "10.0.0.0/24 intra 10 area 0.0.0.0 via - eth1" for networks, "R 2.2.2.2 ..." for routers */
static const char *h_table(struct h *h)
{
	const struct route_table *t = h->o->rt;
	static char lines[512][160];
	char *sorted[512];
	size_t i, n = 0, off = 0;

	assert_non_null(t);
	assert_true(t->count <= 512);
	for (i = 0; i < t->count; i++) {
		const struct route *r = &t->routes[i];
		char nh[1024], cost[32];

		nh_str(nh, sizeof(nh), route_nexthops(t, r), r->nh_count);
		if (r->path == ROUTE_E2)
			snprintf(cost, sizeof(cost), "%u/%u", r->cost, r->type2_cost);
		else
			snprintf(cost, sizeof(cost), "%u", r->cost);
		if (r->dest == ROUTE_ROUTER)
			snprintf(lines[n], sizeof(lines[n]), "R %s %s %s area %s%s%s via %s",
				 ipstr(r->prefix), route_path_name(r->path), cost, ipstr(r->area),
				 (r->router_flags & LSA_ROUTER_B) ? " abr" : "",
				 (r->router_flags & LSA_ROUTER_E) ? " asbr" : "", nh);
		else if (r->path >= ROUTE_E1)
			snprintf(lines[n], sizeof(lines[n]), "%s/%u %s %s tag %u via %s",
				 ipstr(r->prefix), r->prefixlen, route_path_name(r->path), cost,
				 r->tag, nh);
		else
			snprintf(lines[n], sizeof(lines[n]), "%s/%u %s %s area %s via %s",
				 ipstr(r->prefix), r->prefixlen, route_path_name(r->path), cost,
				 ipstr(r->area), nh);
		sorted[n] = lines[n];
		n++;
	}
	qsort(sorted, n, sizeof(sorted[0]), line_cmp);
	h->dump[0] = 0;
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(h->dump + off, sizeof(h->dump) - off, "%s\n", sorted[i]);
	return h->dump;
}

static void assert_table(struct h *h, const char *expected)
{
	const char *got = h_table(h);

	if (strcmp(got, expected))
		fprintf(stderr, "routing table:\n%s\nexpected:\n%s\n", got, expected);
	assert_string_equal(got, expected);
}

/* ---- topologies ---- */

/* Us (1.1.1.1) -- 2.2.2.2 -- 3.3.3.3 over numbered point-to-point links, a loopback each. */
static void line3(struct h *h)
{
	h_iface(h, 0, "lo", 1, "192.168.0.1", 32, IFACE_LOOPBACK);
	h_iface(h, 0, "eth1", 2, "10.0.12.1", 30, IFACE_P2P);
	h_router(h, 0, RID(1), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.12.1", 10 },
				{ LSA_LINK_STUB, "10.0.12.0", "255.255.255.252", 10 },
				{ LSA_LINK_STUB, "192.168.0.1", "255.255.255.255", 0 } },
		 3);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_STUB, "10.0.12.0", "255.255.255.252", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.23.1", 10 },
				{ LSA_LINK_STUB, "10.0.23.0", "255.255.255.252", 10 },
				{ LSA_LINK_STUB, "192.168.0.2", "255.255.255.255", 0 } },
		 5);
	h_router(h, 0, RID(3), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.23.2", 10 },
				{ LSA_LINK_STUB, "10.0.23.0", "255.255.255.252", 10 },
				{ LSA_LINK_STUB, "192.168.0.3", "255.255.255.255", 0 } },
		 3);
}

static void test_spf_line_of_three_routers_gives_attached_and_next_hop_routes(void **state)
{
	struct h *h = *state;

	line3(h);
	spf_run(h->o);
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.0 via - eth1\n"
			"10.0.23.0/30 intra-area 20 area 0.0.0.0 via 10.0.12.2 eth1\n"
			"192.168.0.1/32 intra-area 0 area 0.0.0.0 via - lo\n"
			"192.168.0.2/32 intra-area 10 area 0.0.0.0 via 10.0.12.2 eth1\n"
			"192.168.0.3/32 intra-area 20 area 0.0.0.0 via 10.0.12.2 eth1\n");
	assert_int_equal(h->changed, 1);
}

/* A ring of four: 3.3.3.3 is two hops away both ways. */
static void ring4(struct h *h)
{
	h_iface(h, 0, "eth1", 2, "10.0.12.1", 30, IFACE_P2P);
	h_iface(h, 0, "eth2", 3, "10.0.14.1", 30, IFACE_P2P);
	h_router(h, 0, RID(1), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.12.1", 10 },
				{ LSA_LINK_P2P, "4.4.4.4", "10.0.14.1", 10 } },
		 2);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.23.2", 10 } },
		 2);
	h_router(h, 0, RID(4), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.14.4", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.34.4", 10 } },
		 2);
	h_router(h, 0, RID(3), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.23.3", 10 },
				{ LSA_LINK_P2P, "4.4.4.4", "10.0.34.3", 10 },
				{ LSA_LINK_STUB, "192.168.0.3", "255.255.255.255", 1 } },
		 3);
}

static void test_spf_ring_splits_over_two_equal_cost_paths(void **state)
{
	struct h *h = *state;

	ring4(h);
	spf_run(h->o);
	assert_table(h, "192.168.0.3/32 intra-area 21 area 0.0.0.0 via 10.0.12.2 eth1, "
			"10.0.14.4 eth2\n");
}

static void test_spf_max_paths_limits_equal_cost_next_hops(void **state)
{
	struct h *h = *state;
	const struct route *r;

	ring4(h);
	h->o->max_paths = 1;
	spf_run(h->o);
	r = route_find(h->o->rt, ROUTE_NETWORK, ip("192.168.0.3"), 32);
	assert_non_null(r);
	assert_int_equal(r->cost, 21);
	assert_int_equal(r->nh_count, 1);
	assert_int_equal(route_table_networks(h->o->rt), 1);
}

/* A LAN of three with 2.2.2.2 as DR (network-LSA), a loopback each. */
static void test_spf_lan_with_dr_reaches_routers_through_their_lan_addresses(void **state)
{
	struct h *h = *state;
	const uint32_t members[] = { RID(2), RID(1), RID(3) };

	h_iface(h, 0, "lo", 1, "192.168.0.1", 32, IFACE_LOOPBACK);
	h_iface(h, 0, "eth1", 2, "10.0.100.1", 24, IFACE_BROADCAST);
	h_router(h, 0, RID(1), 0,
		 (struct lk[]){ { LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.1", 10 },
				{ LSA_LINK_STUB, "192.168.0.1", "255.255.255.255", 0 } },
		 2);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.2", 10 },
				{ LSA_LINK_STUB, "192.168.0.2", "255.255.255.255", 0 } },
		 2);
	h_router(h, 0, RID(3), 0,
		 (struct lk[]){ { LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.3", 10 },
				{ LSA_LINK_STUB, "192.168.0.3", "255.255.255.255", 5 } },
		 2);
	h_network(h, 0, "10.0.100.2", RID(2), 24, members, 3);
	spf_run(h->o);
	assert_table(h, "10.0.100.0/24 intra-area 10 area 0.0.0.0 via - eth1\n"
			"192.168.0.1/32 intra-area 0 area 0.0.0.0 via - lo\n"
			"192.168.0.2/32 intra-area 10 area 0.0.0.0 via 10.0.100.2 eth1\n"
			"192.168.0.3/32 intra-area 15 area 0.0.0.0 via 10.0.100.3 eth1\n");
	assert_true(route_find(h->o->rt, ROUTE_NETWORK, ip("10.0.100.0"), 24)->transit);
}

/* A router the network-LSA does not list is not reached across the LAN (16.1 (2b)). */
static void test_spf_lan_member_missing_from_network_lsa_is_not_reached(void **state)
{
	struct h *h = *state;
	const uint32_t members[] = { RID(2), RID(1) };

	h_iface(h, 0, "eth1", 2, "10.0.100.1", 24, IFACE_BROADCAST);
	h_router(h, 0, RID(1), 0,
		 (struct lk[]){ { LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.1", 10 } }, 1);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.2", 10 },
				{ LSA_LINK_STUB, "192.168.0.2", "255.255.255.255", 0 } },
		 2);
	h_router(h, 0, RID(3), 0,
		 (struct lk[]){ { LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.3", 10 },
				{ LSA_LINK_STUB, "192.168.0.3", "255.255.255.255", 0 } },
		 2);
	h_network(h, 0, "10.0.100.2", RID(2), 24, members, 2);
	spf_run(h->o);
	assert_table(h, "10.0.100.0/24 intra-area 10 area 0.0.0.0 via - eth1\n"
			"192.168.0.2/32 intra-area 10 area 0.0.0.0 via 10.0.100.2 eth1\n");
}

/* The same stub network from two routers: the cheaper wins; at equal cost, both. */
static void test_spf_stub_network_takes_the_cheapest_advertiser_or_both(void **state)
{
	struct h *h = *state;

	ring4(h);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.23.2", 10 },
				{ LSA_LINK_STUB, "172.16.0.0", "255.255.0.0", 5 },
				{ LSA_LINK_STUB, "172.17.0.0", "255.255.0.0", 7 } },
		 4);
	h_router(h, 0, RID(4), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.14.4", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.34.4", 10 },
				{ LSA_LINK_STUB, "172.16.0.0", "255.255.0.0", 6 },
				{ LSA_LINK_STUB, "172.17.0.0", "255.255.0.0", 7 } },
		 4);
	spf_run(h->o);
	assert_table(h, "172.16.0.0/16 intra-area 15 area 0.0.0.0 via 10.0.12.2 eth1\n"
			"172.17.0.0/16 intra-area 17 area 0.0.0.0 via 10.0.12.2 eth1, "
			"10.0.14.4 eth2\n"
			"192.168.0.3/32 intra-area 21 area 0.0.0.0 via 10.0.12.2 eth1, "
			"10.0.14.4 eth2\n");
}

static void test_spf_one_way_link_is_not_used(void **state)
{
	struct h *h = *state;

	line3(h);
	/* 3.3.3.3 no longer lists 2.2.2.2: the link is one-way */
	h_router(h, 0, RID(3), 0,
		 (struct lk[]){ { LSA_LINK_STUB, "10.0.23.0", "255.255.255.252", 10 },
				{ LSA_LINK_STUB, "192.168.0.3", "255.255.255.255", 0 } },
		 2);
	spf_run(h->o);
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.0 via - eth1\n"
			"10.0.23.0/30 intra-area 20 area 0.0.0.0 via 10.0.12.2 eth1\n"
			"192.168.0.1/32 intra-area 0 area 0.0.0.0 via - lo\n"
			"192.168.0.2/32 intra-area 10 area 0.0.0.0 via 10.0.12.2 eth1\n");
}

/* A router-LSA that announces more links than it holds is skipped, not read past its end. */
static void test_spf_malformed_router_lsa_is_ignored(void **state)
{
	struct h *h = *state;
	uint8_t buf[LSA_HEADER_LEN + 4 + 24];
	struct lsa_hdr hdr = { 1,      OSPF_OPT_E,	    LSA_ROUTER, RID(3),
			       RID(3), LSA_INITIAL_SEQ + 5, 0,		sizeof(buf) };

	line3(h);
	memset(buf, 0, sizeof(buf));
	lsa_hdr_encode(&hdr, buf);
	put16(buf + LSA_HEADER_LEN + 2, 7); /* 7 links, room for 2 */
	put32(buf + 24, RID(2));
	put32(buf + 28, ip("10.0.23.2"));
	buf[32] = LSA_LINK_P2P;
	put16(buf + 34, 10);
	put32(buf + 36, ip("192.168.0.3"));
	put32(buf + 40, 0xffffffffu);
	buf[44] = LSA_LINK_STUB;
	lsa_checksum_set(buf, sizeof(buf));
	assert_non_null(
	    lsdb_put(&ospf_area_get(h->o, 0)->lsdb, lsa_inst_new(buf, sizeof(buf), h->now)));
	spf_run(h->o);
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.0 via - eth1\n"
			"10.0.23.0/30 intra-area 20 area 0.0.0.0 via 10.0.12.2 eth1\n"
			"192.168.0.1/32 intra-area 0 area 0.0.0.0 via - lo\n"
			"192.168.0.2/32 intra-area 10 area 0.0.0.0 via 10.0.12.2 eth1\n");
}

/* We are in area 1 only; 2.2.2.2 is its border router, summarizing the backbone. */
static void test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router(void **state)
{
	struct h *h = *state;

	h_iface(h, 1, "eth1", 2, "10.0.12.1", 30, IFACE_P2P);
	h_router(h, 1, RID(1), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.12.1", 10 },
				{ LSA_LINK_STUB, "10.0.12.0", "255.255.255.252", 10 } },
		 2);
	h_router(h, 1, RID(2), LSA_ROUTER_B,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_STUB, "10.0.12.0", "255.255.255.252", 10 } },
		 2);
	h_summary(h, 1, LSA_SUMMARY_NET, "10.99.0.0", RID(2), 16, 30);
	h_summary(h, 1, LSA_SUMMARY_NET, "10.98.0.0", RID(2), 16, 0xffffff); /* unreachable */
	h_summary(h, 1, LSA_SUMMARY_NET, "10.0.12.0", RID(2), 30, 1);	     /* intra-area wins */
	h_summary(h, 1, LSA_SUMMARY_NET, "10.97.0.0", RID(7), 16, 1);	     /* 7.7.7.7 unknown */
	h_summary(h, 1, LSA_SUMMARY_ASBR, "9.9.9.9", RID(2), 0, 5);
	h_external(h, "203.0.113.0", RID(9), 24, true, 100, NULL, 42);
	h_external(h, "198.51.100.0", RID(9), 24, false, 100, NULL, 0);
	spf_run(h->o);
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.1 via - eth1\n"
			"10.99.0.0/16 inter-area 40 area 0.0.0.1 via 10.0.12.2 eth1\n"
			"198.51.100.0/24 E1 115 tag 0 via 10.0.12.2 eth1\n"
			"203.0.113.0/24 E2 15/100 tag 42 via 10.0.12.2 eth1\n"
			"R 2.2.2.2 intra-area 10 area 0.0.0.1 abr via 10.0.12.2 eth1\n"
			"R 9.9.9.9 inter-area 15 area 0.0.0.1 asbr via 10.0.12.2 eth1\n");
}

/* An area border router uses the backbone's summaries only (16.2). */
static void test_spf_area_border_router_ignores_summaries_of_other_areas(void **state)
{
	struct h *h = *state;

	h_iface(h, 0, "eth0", 2, "10.0.12.1", 30, IFACE_P2P);
	h_iface(h, 1, "eth1", 3, "10.0.13.1", 30, IFACE_P2P);
	h_router(h, 0, RID(1), LSA_ROUTER_B,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.12.1", 10 } }, 1);
	h_router(h, 0, RID(2), LSA_ROUTER_B,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 } }, 1);
	h_router(h, 1, RID(1), LSA_ROUTER_B,
		 (struct lk[]){ { LSA_LINK_P2P, "3.3.3.3", "10.0.13.1", 10 } }, 1);
	h_router(h, 1, RID(3), LSA_ROUTER_B,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.13.3", 10 } }, 1);
	h_summary(h, 0, LSA_SUMMARY_NET, "10.50.0.0", RID(2), 16, 5);
	h_summary(h, 1, LSA_SUMMARY_NET, "10.60.0.0", RID(3), 16, 5);
	spf_run(h->o);
	assert_table(h, "10.50.0.0/16 inter-area 15 area 0.0.0.0 via 10.0.12.2 eth0\n"
			"R 2.2.2.2 intra-area 10 area 0.0.0.0 abr via 10.0.12.2 eth0\n"
			"R 3.3.3.3 intra-area 10 area 0.0.0.1 abr via 10.0.13.3 eth1\n");
}

/* 2.2.2.2 and 3.3.3.3 are AS boundary routers in the line. */
static void test_spf_external_routes_e1_before_e2_and_forwarding_addresses(void **state)
{
	struct h *h = *state;

	line3(h);
	h_router(h, 0, RID(2), LSA_ROUTER_E,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_STUB, "10.0.12.0", "255.255.255.252", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.23.1", 10 },
				{ LSA_LINK_STUB, "10.0.23.0", "255.255.255.252", 10 } },
		 4);
	h_router(h, 0, RID(3), LSA_ROUTER_E,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.23.2", 10 },
				{ LSA_LINK_STUB, "10.0.23.0", "255.255.255.252", 10 } },
		 2);
	h_external(h, "198.51.100.0", RID(2), 24, false, 20, NULL, 0);	   /* E1 */
	h_external(h, "203.0.113.0", RID(2), 24, true, 20, NULL, 7);	   /* E2 */
	h_external(h, "100.64.0.0", RID(2), 16, true, 50, NULL, 0);	   /* E2 ... */
	h_external(h, "100.64.0.0", RID(3), 16, false, 100, NULL, 0);	   /* ... E1 wins */
	h_external(h, "100.65.0.0", RID(2), 16, true, 50, NULL, 0);	   /* E2 lower type 2 */
	h_external(h, "100.65.0.0", RID(3), 16, true, 40, NULL, 0);	   /* wins */
	h_external(h, "192.0.2.0", RID(2), 24, true, 20, "10.0.23.3", 0);  /* via intra route */
	h_external(h, "192.0.3.0", RID(2), 24, true, 20, "10.200.0.1", 0); /* unreachable fwd */
	h_external(h, "192.0.4.0", RID(3), 24, true, 20, "10.0.12.2", 0);  /* on our link */
	h_external(h, "10.0.23.0", RID(2), 30, false, 1, NULL, 0);	   /* intra wins */
	h_external(h, "192.0.5.0", RID(5), 24, false, 1, NULL, 0);	   /* no such ASBR */
	spf_run(h->o);
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.0 via - eth1\n"
			"10.0.23.0/30 intra-area 20 area 0.0.0.0 via 10.0.12.2 eth1\n"
			"100.64.0.0/16 E1 120 tag 0 via 10.0.12.2 eth1\n"
			"100.65.0.0/16 E2 20/40 tag 0 via 10.0.12.2 eth1\n"
			"192.0.2.0/24 E2 20/20 tag 0 via 10.0.12.2 eth1\n"
			"192.0.4.0/24 E2 10/20 tag 0 via 10.0.12.2 eth1\n"
			"192.168.0.1/32 intra-area 0 area 0.0.0.0 via - lo\n"
			"198.51.100.0/24 E1 30 tag 0 via 10.0.12.2 eth1\n"
			"203.0.113.0/24 E2 10/20 tag 7 via 10.0.12.2 eth1\n"
			"R 2.2.2.2 intra-area 10 area 0.0.0.0 asbr via 10.0.12.2 eth1\n"
			"R 3.3.3.3 intra-area 20 area 0.0.0.0 asbr via 10.0.12.2 eth1\n");
}

static void test_spf_maxage_lsas_are_not_used(void **state)
{
	struct h *h = *state;

	line3(h);
	h->now += (uint64_t)LSA_MAX_AGE * 1000; /* every LSA is MaxAge now, ours too */
	spf_run(h->o);
	assert_table(h, "");
}

/* ---- show ip ospf route / border-routers ---- */

static const char *json_str(struct json_object *j)
{
	return json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
						     JSON_C_TO_STRING_NOSLASHESCAPE);
}

static void test_show_route_json_has_frr_keys_for_networks_routers_and_externals(void **state)
{
	struct h *h = *state;
	struct json_object *j;

	test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router(state);
	j = show_route_json(h->o);
	assert_string_equal(json_str(j),
			    "{\"10.0.12.0/"
			    "30\":{\"routeType\":\"N\",\"cost\":10,\"area\":\"0.0.0.1\","
			    "\"nexthops\":[{\"ip\":\" \",\"directly attached "
			    "to\":\"eth1\",\"directlyAttachedTo\":\"eth1\"}]},"
			    "\"10.99.0.0/16\":{\"routeType\":\"N "
			    "IA\",\"cost\":40,\"area\":\"0.0.0.1\","
			    "\"nexthops\":[{\"ip\":\"10.0.12.2\",\"via\":\"eth1\"}]},"
			    "\"2.2.2.2\":{\"routeType\":\"R \",\"cost\":10,\"area\":\"0.0.0.1\","
			    "\"routerType\":\"abr\",\"nexthops\":[{\"ip\":\"10.0.12.2\",\"via\":"
			    "\"eth1\"}]},"
			    "\"9.9.9.9\":{\"routeType\":\"R "
			    "\",\"cost\":15,\"area\":\"0.0.0.1\",\"IA\":true,"
			    "\"routerType\":\"asbr\",\"nexthops\":[{\"ip\":\"10.0.12.2\",\"via\":"
			    "\"eth1\"}]},"
			    "\"198.51.100.0/24\":{\"routeType\":\"N E1\",\"cost\":115,\"tag\":0,"
			    "\"nexthops\":[{\"ip\":\"10.0.12.2\",\"via\":\"eth1\"}]},"
			    "\"203.0.113.0/24\":{\"routeType\":\"N "
			    "E2\",\"cost\":15,\"type2cost\":100,"
			    "\"tag\":42,\"nexthops\":[{\"ip\":\"10.0.12.2\",\"via\":\"eth1\"}]}}");
	json_object_put(j);
	j = show_border_routers_json(h->o);
	assert_int_equal(json_object_object_length(j), 2);
	assert_true(json_object_object_get_ex(j, "2.2.2.2", NULL));
	assert_true(json_object_object_get_ex(j, "9.9.9.9", NULL));
	json_object_put(j);
}

static void test_show_ospf_json_reports_spf_timers_and_last_run(void **state)
{
	struct h *h = *state;
	struct json_object *j = show_ospf_json(h->o), *v;

	assert_true(json_object_object_get_ex(j, "spfHasNotRun", NULL));
	assert_true(json_object_object_get_ex(j, "holdtimeMinMsecs", &v));
	assert_int_equal(json_object_get_int(v), 50);
	assert_true(json_object_object_get_ex(j, "maximumPaths", &v));
	assert_int_equal(json_object_get_int(v), 64);
	json_object_put(j);
	line3(h);
	h_run(h, 0);
	h->now += 1234;
	j = show_ospf_json(h->o);
	assert_false(json_object_object_get_ex(j, "spfHasNotRun", NULL));
	assert_true(json_object_object_get_ex(j, "spfLastExecutedMsecs", &v));
	assert_int_equal(json_object_get_int(v), 1234);
	assert_true(json_object_object_get_ex(j, "spfLastDurationMsecs", NULL));
	assert_true(json_object_object_get_ex(j, "spfLastReason", &v));
	assert_string_equal(json_object_get_string(v), "LSA installed");
	json_object_put(j);
}

/* ---- the table difference ---- */

struct diff_rec {
	char lines[16][64];
	int n;
};

static void diff_cb(void *ctx, const struct route_table *ot, const struct route *o,
		    const struct route_table *nt, const struct route *n)
{
	struct diff_rec *d = ctx;
	const struct route *r = n ? n : o;

	(void)ot;
	(void)nt;
	assert_true(d->n < 16);
	snprintf(d->lines[d->n++], sizeof(d->lines[0]), "%s %s/%u",
		 !o   ? "add"
		 : !n ? "del"
		      : "chg",
		 ipstr(r->prefix), r->prefixlen);
}

static void test_route_table_diff_yields_added_changed_and_removed_prefixes(void **state)
{
	struct h *h = *state;
	struct diff_rec d = { .n = 0 };

	line3(h);
	spf_run(h->o);
	assert_int_equal(route_table_diff(NULL, h->o->rt, NULL, NULL), 5);
	/* 3.3.3.3 swaps its loopback for another, 2.2.2.2's costs more */
	h_router(h, 0, RID(3), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.23.2", 10 },
				{ LSA_LINK_STUB, "10.0.23.0", "255.255.255.252", 10 },
				{ LSA_LINK_STUB, "192.168.1.3", "255.255.255.255", 0 } },
		 3);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_STUB, "10.0.12.0", "255.255.255.252", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.23.1", 10 },
				{ LSA_LINK_STUB, "10.0.23.0", "255.255.255.252", 10 },
				{ LSA_LINK_STUB, "192.168.0.2", "255.255.255.255", 3 } },
		 5);
	spf_run(h->o);
	assert_int_equal(h->changed, 2);
	assert_int_equal(route_table_diff(h->o->rt_prev, h->o->rt, diff_cb, &d), 3);
	assert_string_equal(d.lines[0], "chg 192.168.0.2/32");
	assert_string_equal(d.lines[1], "add 192.168.1.3/32");
	assert_string_equal(d.lines[2], "del 192.168.0.3/32");
	/* the same LSDB again: no change, no callback */
	spf_run(h->o);
	assert_int_equal(h->changed, 2);
	assert_int_equal(route_table_diff(h->o->rt_prev, h->o->rt, NULL, NULL), 0);
}

/* route_get finds or adds with one probe of the index, whose slots carry a tag of the key's
 * hash: many entries, keys differing only in length, area or kind, copies of the table. */
static void test_route_get_finds_or_adds_among_many_similar_keys(void **state)
{
	struct route_table *t = route_table_new(), *c = route_table_new();
	struct route *r;
	bool added;
	uint32_t i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		r = route_get(t, ROUTE_NETWORK, 0x0a000000u + (i << 8), 24, &added);
		assert_non_null(r);
		assert_true(added);
		r->cost = i;
		r = route_get(t, ROUTE_NETWORK, 0x0a000000u + (i << 8), 25, &added);
		assert_true(added);
		r->cost = i + 1000000;
		r = route_get(t, ROUTE_ROUTER, 0x0a000000u + (i << 8), i % 3, &added);
		assert_true(added);
		r->cost = i + 2000000;
	}
	assert_int_equal(route_table_networks(t), 40000);
	for (i = 0; i < 20000; i++) {
		r = route_get(t, ROUTE_NETWORK, 0x0a000000u + (i << 8), 24, &added);
		assert_false(added);
		assert_int_equal(r->cost, i);
		assert_int_equal(route_find(t, ROUTE_NETWORK, 0x0a000000u + (i << 8), 25)->cost,
				 i + 1000000);
		assert_int_equal(route_find(t, ROUTE_ROUTER, 0x0a000000u + (i << 8), i % 3)->cost,
				 i + 2000000);
		assert_null(route_find(t, ROUTE_NETWORK, 0x0a000000u + (i << 8), 26));
		assert_null(route_find(t, ROUTE_ROUTER, 0x0a000000u + (i << 8), i % 3 + 3));
	}
	/* adding a key that is there fails; the entry is left as it was */
	assert_null(route_add(t, ROUTE_NETWORK, 0x0a000000u, 24));
	assert_int_equal(route_find(t, ROUTE_NETWORK, 0x0a000000u, 24)->cost, 0);
	assert_true(route_table_copy_head(c, t, 3000, 0));
	assert_int_equal(route_find(c, ROUTE_NETWORK, 0x0a000000u + (999u << 8), 24)->cost, 999);
	assert_null(route_find(c, ROUTE_NETWORK, 0x0a000000u + (1000u << 8), 24));
	route_table_free(t);
	route_table_free(c);
}

/* ---- scheduling ---- */

static void test_spf_installing_an_lsa_schedules_a_run(void **state)
{
	struct h *h = *state;

	line3(h);
	assert_true(spf_pending(h->o));
	assert_null(h->o->rt);
	h_run(h, 0); /* default initial delay 0: right after the event */
	assert_false(spf_pending(h->o));
	assert_non_null(h->o->rt);
	assert_int_equal(route_table_networks(h->o->rt), 5);
	assert_int_equal(spf_stats(h->o)->runs, 1);
	assert_string_equal(spf_last_run(h->o)->reason, "LSA installed");
	assert_int_equal(spf_last_run(h->o)->requests, 3); /* one per LSA */
}

static void test_spf_interface_state_change_schedules_a_run(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, 0, "eth1", 2, "10.0.12.1", 30, IFACE_P2P);

	assert_false(spf_pending(h->o));
	iface_fsm(ifp, ISM_EV_INTERFACE_UP);
	assert_true(spf_pending(h->o));
}

static uint64_t run_at(const struct h *h, uint64_t i)
{
	const struct spf_stats *st = spf_stats(h->o);

	return st->history[i % SPF_HISTORY].start_ms - 1000000;
}

/* FRR's throttle with the defaults (0 50 5000): each request within the hold time waits for
 * its end, and the hold time grows by 50 ms each time, back to 0 after a quiet hold time. */
static void test_spf_throttle_backs_off_and_recovers(void **state)
{
	struct h *h = *state;

	spf_schedule(h->o, "a"); /* t=0: no run before: at once */
	h_run(h, 10);
	assert_int_equal(spf_stats(h->o)->runs, 1);
	assert_int_equal(run_at(h, 0), 0);
	spf_schedule(h->o, "b"); /* t=10: within hold 50: at 50 */
	assert_int_equal(spf_due_in_ms(h->o), 40);
	spf_schedule(h->o, "c"); /* folds into the pending run */
	h_run(h, 50);		 /* t=60 */
	assert_int_equal(spf_stats(h->o)->runs, 2);
	assert_int_equal(run_at(h, 1), 50);
	assert_string_equal(spf_last_run(h->o)->reason, "b");
	assert_int_equal(spf_last_run(h->o)->requests, 2);
	spf_schedule(h->o, "d"); /* t=60, last at 50, hold now 100: at 150 */
	assert_int_equal(spf_due_in_ms(h->o), 90);
	h_run(h, 100); /* t=160 */
	assert_int_equal(run_at(h, 2), 150);
	spf_schedule(h->o, "e"); /* t=160, hold 150: at 300 */
	assert_int_equal(spf_due_in_ms(h->o), 140);
	h_run(h, 1000); /* t=1160: quiet for longer than the hold time */
	assert_int_equal(run_at(h, 3), 300);
	assert_int_equal(spf_stats(h->o)->hold_multiplier, 4);
	spf_schedule(h->o, "f"); /* back to the initial delay */
	assert_int_equal(spf_due_in_ms(h->o), 0);
	assert_int_equal(spf_stats(h->o)->hold_multiplier, 1);
	h_run(h, 0);
	assert_int_equal(spf_stats(h->o)->runs, 5);
}

static void test_spf_throttle_honours_configured_delay_and_max(void **state)
{
	struct h *h = *state;
	int i;

	h->o->spf_delay_ms = 200;
	h->o->spf_holdtime_ms = 1000;
	h->o->spf_max_holdtime_ms = 3000;
	spf_schedule(h->o, "x");
	assert_int_equal(spf_due_in_ms(h->o), 200);
	for (i = 0; i < 6; i++) {
		h_run(h, spf_due_in_ms(h->o));
		spf_schedule(h->o, "x");
		/* never longer than the maximum hold time, never shorter than the delay */
		assert_true(spf_due_in_ms(h->o) <= 3000);
		assert_true(spf_due_in_ms(h->o) >= 200);
	}
	assert_int_equal(spf_due_in_ms(h->o), 3000);
}

/* ---- partial runs (RFC 2328 16.5, 16.6) ---- */

/* The generation our router-LSA got from the last intra-area step: unchanged while only
 * partial runs follow. */
static uint32_t root_gen(struct h *h, uint32_t area)
{
	struct lsa_key k = { LSA_ROUTER, RID(1), RID(1) };

	return lsdb_lookup(&ospf_area_get(h->o, area)->lsdb, &k)->spf_gen;
}

/* Runs the pending partial run, then a full one on the same LSDB: same table. */
static void assert_partial_run_equals_full(struct h *h, enum spf_scope scope)
{
	uint32_t gen = root_gen(h, 1);
	char partial[sizeof(h->dump)];

	assert_true(spf_pending(h->o));
	h_run(h, spf_due_in_ms(h->o));
	assert_false(spf_pending(h->o));
	assert_int_equal(spf_last_run(h->o)->scope, scope);
	assert_int_equal(spf_last_run(h->o)->intra_us, 0);
	if (scope == SPF_SCOPE_EXTERNAL)
		assert_int_equal(spf_last_run(h->o)->inter_us, 0);
	assert_int_equal(root_gen(h, 1), gen); /* no vertex was visited */
	strcpy(partial, h_table(h));
	spf_run(h->o);
	assert_int_equal(spf_last_run(h->o)->scope, SPF_SCOPE_FULL);
	assert_int_not_equal(root_gen(h, 1), gen);
	assert_string_equal(partial, h_table(h));
}

static void test_spf_external_lsa_change_reruns_only_the_external_step(void **state)
{
	struct h *h = *state;

	test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router(state);
	h_external(h, "192.0.2.0", RID(9), 24, true, 5, NULL, 0);    /* new */
	h_external(h, "203.0.113.0", RID(9), 24, false, 1, NULL, 0); /* now E1 */
	assert_partial_run_equals_full(h, SPF_SCOPE_EXTERNAL);
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.1 via - eth1\n"
			"10.99.0.0/16 inter-area 40 area 0.0.0.1 via 10.0.12.2 eth1\n"
			"192.0.2.0/24 E2 15/5 tag 0 via 10.0.12.2 eth1\n"
			"198.51.100.0/24 E1 115 tag 0 via 10.0.12.2 eth1\n"
			"203.0.113.0/24 E1 16 tag 0 via 10.0.12.2 eth1\n"
			"R 2.2.2.2 intra-area 10 area 0.0.0.1 abr via 10.0.12.2 eth1\n"
			"R 9.9.9.9 inter-area 15 area 0.0.0.1 asbr via 10.0.12.2 eth1\n");
}

static void test_spf_summary_lsa_change_reruns_only_inter_area_and_external_steps(void **state)
{
	struct h *h = *state;

	test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router(state);
	h_summary(h, 1, LSA_SUMMARY_NET, "10.96.0.0", RID(2), 16, 7); /* new */
	h_summary(h, 1, LSA_SUMMARY_ASBR, "9.9.9.9", RID(2), 0, 50);  /* the ASBR moves away */
	h_external(h, "192.0.2.0", RID(9), 24, true, 5, NULL, 0);     /* folded in */
	assert_partial_run_equals_full(h, SPF_SCOPE_INTER);
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.1 via - eth1\n"
			"10.96.0.0/16 inter-area 17 area 0.0.0.1 via 10.0.12.2 eth1\n"
			"10.99.0.0/16 inter-area 40 area 0.0.0.1 via 10.0.12.2 eth1\n"
			"192.0.2.0/24 E2 60/5 tag 0 via 10.0.12.2 eth1\n"
			"198.51.100.0/24 E1 160 tag 0 via 10.0.12.2 eth1\n"
			"203.0.113.0/24 E2 60/100 tag 42 via 10.0.12.2 eth1\n"
			"R 2.2.2.2 intra-area 10 area 0.0.0.1 abr via 10.0.12.2 eth1\n"
			"R 9.9.9.9 inter-area 60 area 0.0.0.1 asbr via 10.0.12.2 eth1\n");
}

static void test_spf_router_lsa_change_forces_a_full_run(void **state)
{
	struct h *h = *state;
	uint32_t gen;

	test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router(state);
	gen = root_gen(h, 1);
	h_external(h, "192.0.2.0", RID(9), 24, true, 5, NULL, 0);
	h_router(h, 1, RID(2), LSA_ROUTER_B,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 20 },
				{ LSA_LINK_STUB, "10.0.12.0", "255.255.255.252", 10 } },
		 2);
	h_run(h, spf_due_in_ms(h->o));
	assert_int_equal(spf_last_run(h->o)->scope, SPF_SCOPE_FULL);
	assert_int_not_equal(root_gen(h, 1), gen);
	assert_int_equal(spf_last_run(h->o)->requests, 2);
	/* 2.2.2.2's link back costs more; our own link to it is what counts (16.1) */
	assert_table(h, "10.0.12.0/30 intra-area 10 area 0.0.0.1 via - eth1\n"
			"10.99.0.0/16 inter-area 40 area 0.0.0.1 via 10.0.12.2 eth1\n"
			"192.0.2.0/24 E2 15/5 tag 0 via 10.0.12.2 eth1\n"
			"198.51.100.0/24 E1 115 tag 0 via 10.0.12.2 eth1\n"
			"203.0.113.0/24 E2 15/100 tag 42 via 10.0.12.2 eth1\n"
			"R 2.2.2.2 intra-area 10 area 0.0.0.1 abr via 10.0.12.2 eth1\n"
			"R 9.9.9.9 inter-area 15 area 0.0.0.1 asbr via 10.0.12.2 eth1\n");
}

static void test_show_ospf_reports_the_scope_of_the_last_run(void **state)
{
	struct h *h = *state;
	struct json_object *j;

	test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router(state);
	j = show_ospf_json(h->o);
	assert_string_equal(json_object_get_string(json_object_object_get(j, "spfLastScope")), "ful"
											       "l");
	json_object_put(j);
	h_external(h, "192.0.2.0", RID(9), 24, true, 5, NULL, 0);
	h_run(h, spf_due_in_ms(h->o));
	j = show_ospf_json(h->o);
	assert_string_equal(json_object_get_string(json_object_object_get(j, "spfLastScope")), "ext"
											       "ern"
											       "a"
											       "l");
	assert_string_equal(json_object_get_string(json_object_object_get(j, "spfLastReason")),
			    "LSA installed");
	json_object_put(j);
}

/* ---- show ip ospf route A.B.C.D/M explain ---- */

static const char *h_explain(struct h *h, const char *prefix, uint8_t len)
{
	struct json_object *j = show_route_explain_json(h->o, ip(prefix), len);
	struct cmd_out out;

	cmd_out_init(&out);
	show_route_explain_text(j, &out);
	snprintf(h->dump, sizeof(h->dump), "%s", out.buf ? out.buf : "");
	cmd_out_free(&out);
	json_object_put(j);
	return h->dump;
}

static void test_explain_stub_route_shows_router_lsa_and_path_through_the_line(void **state)
{
	struct h *h = *state;

	line3(h);
	spf_run(h->o);
	assert_string_equal(h_explain(h, "192.168.0.3", 32),
			    "OSPF route 192.168.0.3/32: intra-area, cost 20, area 0.0.0.0\n"
			    "  From LSAs:\n"
			    "    router-LSA        id 3.3.3.3         adv 3.3.3.3         seq "
			    "0x80000001 area 0.0.0.0\n"
			    "  SPF path in area 0.0.0.0:\n"
			    "    router  1.1.1.1         cost 0 (+0)\n"
			    "    router  2.2.2.2         cost 10 (+10)\n"
			    "    router  3.3.3.3         cost 20 (+10)\n"
			    "  Next hops:\n"
			    "    via 10.0.12.2, eth1\n");
	/* not in the table, and a prefix that is only a shorter match: a message */
	assert_string_equal(h_explain(h, "10.9.0.0", 16), "No OSPF route to 10.9.0.0/16\n");
	assert_string_equal(h_explain(h, "192.168.0.3", 24), "No OSPF route to 192.168.0.0/24\n");
}

static void test_explain_lan_route_shows_network_lsa_and_the_network_vertex(void **state)
{
	struct h *h = *state;

	test_spf_lan_with_dr_reaches_routers_through_their_lan_addresses(state);
	assert_string_equal(h_explain(h, "10.0.100.0", 24), "OSPF route 10.0.100.0/24: intra-area, "
							    "cost 10, area 0.0.0.0\n"
							    "  From LSAs:\n"
							    "    network-LSA       id 10.0.100.2   "
							    "   adv 2.2.2.2         seq "
							    "0x80000001 area 0.0.0.0\n"
							    "  SPF path in area 0.0.0.0:\n"
							    "    router  1.1.1.1         cost 0 "
							    "(+0)\n"
							    "    network 10.0.100.2      cost 10 "
							    "(+10) DR 2.2.2.2\n"
							    "  Next hops:\n"
							    "    directly attached to eth1\n");
	assert_string_equal(h_explain(h, "192.168.0.3", 32),
			    "OSPF route 192.168.0.3/32: intra-area, cost 15, area 0.0.0.0\n"
			    "  From LSAs:\n"
			    "    router-LSA        id 3.3.3.3         adv 3.3.3.3         seq "
			    "0x80000001 area 0.0.0.0\n"
			    "  SPF path in area 0.0.0.0:\n"
			    "    router  1.1.1.1         cost 0 (+0)\n"
			    "    network 10.0.100.2      cost 10 (+10) DR 2.2.2.2\n"
			    "    router  3.3.3.3         cost 10 (+0)\n"
			    "  Next hops:\n"
			    "    via 10.0.100.3, eth1\n");
}

static void test_explain_inter_area_and_external_routes_name_summary_and_external_lsas(void **state)
{
	struct h *h = *state;
	struct json_object *j, *v;

	test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router(state);
	assert_string_equal(h_explain(h, "10.99.0.0", 16),
			    "OSPF route 10.99.0.0/16: inter-area, cost 40, area 0.0.0.1\n"
			    "  From LSAs:\n"
			    "    summary-LSA       id 10.99.0.0       adv 2.2.2.2         seq "
			    "0x80000001 area 0.0.0.1\n"
			    "    router-LSA        id 2.2.2.2         adv 2.2.2.2         seq "
			    "0x80000001 area 0.0.0.1\n"
			    "  SPF path in area 0.0.0.1:\n"
			    "    router  1.1.1.1         cost 0 (+0)\n"
			    "    router  2.2.2.2         cost 10 (+10)\n"
			    "  Next hops:\n"
			    "    via 10.0.12.2, eth1\n");
	/* the ASBR 9.9.9.9 is in another area: its asbr-summary-LSA and its border router */
	assert_string_equal(h_explain(h, "203.0.113.0", 24),
			    "OSPF route 203.0.113.0/24: E2, cost 15, type-2 cost 100\n"
			    "  From LSAs:\n"
			    "    as-external-LSA   id 203.0.113.0     adv 9.9.9.9         seq "
			    "0x80000001\n"
			    "    asbr-summary-LSA  id 9.9.9.9         adv 2.2.2.2         seq "
			    "0x80000001 area 0.0.0.1\n"
			    "    router-LSA        id 2.2.2.2         adv 2.2.2.2         seq "
			    "0x80000001 area 0.0.0.1\n"
			    "  SPF path in area 0.0.0.1:\n"
			    "    router  1.1.1.1         cost 0 (+0)\n"
			    "    router  2.2.2.2         cost 10 (+10)\n"
			    "  Next hops:\n"
			    "    via 10.0.12.2, eth1\n");
	j = show_route_explain_json(h->o, ip("203.0.113.0"), 24);
	assert_true(json_object_object_get_ex(j, "lsas", &v));
	v = json_object_array_get_idx(v, 0);
	assert_int_equal(json_object_get_int(json_object_object_get(v, "type")), 5);
	assert_string_equal(json_object_get_string(json_object_object_get(v, "sequenceNumber")),
			    "80000001");
	assert_true(json_object_object_get_ex(j, "spfPath", &v));
	assert_int_equal(json_object_array_length(v), 2);
	json_object_put(j);
	j = show_route_explain_json(h->o, ip("10.9.0.0"), 16);
	assert_true(json_object_object_get_ex(j, "error", NULL));
	json_object_put(j);
}

/* ---- links of cost 0 (never configured here, but other routers may announce them) ---- */

static size_t nh_of(struct h *h, const char *prefix)
{
	const struct route *r = route_find(h->o->rt, ROUTE_NETWORK, ip(prefix), 32);

	assert_non_null(r);
	assert_int_equal(r->cost, 11);
	return r->nh_count;
}

/* 2.2.2.2 and 4.4.4.4, both 10 away, linked at cost 0 both ways: RFC 2328 16.1 (3) takes one
 * first, and the other, still a candidate, gains its next hop: three in all, whichever
 * goes first (not two, one each, as when both joined the tree before either's links). */
static void
test_spf_zero_cost_link_adds_a_next_hop_to_a_candidate_at_the_same_distance(void **state)
{
	struct h *h = *state;

	h_iface(h, 0, "eth1", 2, "10.0.12.1", 30, IFACE_P2P);
	h_iface(h, 0, "eth2", 3, "10.0.14.1", 30, IFACE_P2P);
	h_router(h, 0, RID(1), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.12.1", 10 },
				{ LSA_LINK_P2P, "4.4.4.4", "10.0.14.1", 10 } },
		 2);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_P2P, "4.4.4.4", "10.0.24.2", 0 },
				{ LSA_LINK_STUB, "192.168.0.2", "255.255.255.255", 1 } },
		 3);
	h_router(h, 0, RID(4), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.14.4", 10 },
				{ LSA_LINK_P2P, "2.2.2.2", "10.0.24.4", 0 },
				{ LSA_LINK_STUB, "192.168.0.4", "255.255.255.255", 1 } },
		 3);
	spf_run(h->o);
	assert_int_equal(nh_of(h, "192.168.0.2") + nh_of(h, "192.168.0.4"), 3);
}

/* 2.2.2.2 and 3.3.3.3, both 10 away, on a LAN at cost 0: the LAN becomes a candidate at 10
 * when the first of them joins the tree, and is taken before the second (networks before
 * routers at a distance), which gains the LAN's next hop; 4.4.4.4 behind the LAN has the
 * first one's only. */
static void test_spf_zero_cost_transit_link_puts_the_lan_before_the_routers_left(void **state)
{
	struct h *h = *state;
	const uint32_t lan[] = { RID(2), RID(3), RID(4) };

	h_iface(h, 0, "eth1", 2, "10.0.12.1", 30, IFACE_P2P);
	h_iface(h, 0, "eth2", 3, "10.0.13.1", 30, IFACE_P2P);
	h_router(h, 0, RID(1), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "2.2.2.2", "10.0.12.1", 10 },
				{ LSA_LINK_P2P, "3.3.3.3", "10.0.13.1", 10 } },
		 2);
	h_router(h, 0, RID(2), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.12.2", 10 },
				{ LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.2", 0 },
				{ LSA_LINK_STUB, "192.168.0.2", "255.255.255.255", 1 } },
		 3);
	h_router(h, 0, RID(3), 0,
		 (struct lk[]){ { LSA_LINK_P2P, "1.1.1.1", "10.0.13.3", 10 },
				{ LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.3", 0 },
				{ LSA_LINK_STUB, "192.168.0.3", "255.255.255.255", 1 } },
		 3);
	h_router(h, 0, RID(4), 0,
		 (struct lk[]){ { LSA_LINK_TRANSIT, "10.0.100.2", "10.0.100.4", 10 },
				{ LSA_LINK_STUB, "192.168.0.4", "255.255.255.255", 1 } },
		 2);
	h_network(h, 0, "10.0.100.2", RID(2), 24, lan, 3);
	spf_run(h->o);
	assert_int_equal(route_find(h->o->rt, ROUTE_NETWORK, ip("10.0.100.0"), 24)->cost, 10);
	assert_int_equal(nh_of(h, "192.168.0.2") + nh_of(h, "192.168.0.3"), 3);
	assert_int_equal(nh_of(h, "192.168.0.4"), 1);
}

/* ---- random graphs against a reference Dijkstra ---- */

#define RG_ROUTERS   1000
#define RG_ROOT_NBRS 6
#define RG_LANS	     50
#define RG_LAN_SIZE  3
#define RG_VERTICES  (RG_ROUTERS + RG_LANS)
#define RG_MAX_DEG   48

struct rg {
	unsigned int seed;
	bool zero; /* links of cost 0 too */
	/* vertex v's links: to vertex to[v][i] at metric m[v][i]; LANs are vertices past the
	 * routers, their links (to their members) cost 0 */
	uint16_t to[RG_VERTICES][RG_MAX_DEG];
	uint8_t m[RG_VERTICES][RG_MAX_DEG];
	uint8_t deg[RG_VERTICES];
	uint32_t dist[RG_VERTICES];
	uint8_t nh[RG_VERTICES]; /* the root's interfaces on shortest paths, a bit each */
};

static uint32_t rg_rid(size_t i)
{
	return i ? 0x0a000000u + (uint32_t)i : RID(1);
}

static unsigned int rg_rand(struct rg *g)
{
	g->seed = g->seed * 1103515245u + 12345u;
	return g->seed >> 16;
}

static bool rg_linked(const struct rg *g, size_t a, size_t b)
{
	uint8_t i;

	for (i = 0; i < g->deg[a]; i++)
		if (g->to[a][i] == b)
			return true;
	return false;
}

/* A link both ways, metrics 1 to 3 each way (ties galore), or none to a LAN (b); false if
 * not added. */
static bool rg_link(struct rg *g, size_t a, size_t b)
{
	unsigned int lo = g->zero ? 0 : 1;
	uint8_t ma = (uint8_t)(lo + rg_rand(g) % (4 - lo)),
		mb = (uint8_t)(lo + rg_rand(g) % (4 - lo));

	if (b >= RG_ROUTERS)
		mb = 0;
	if (a == b || rg_linked(g, a, b) || g->deg[a] == RG_MAX_DEG || g->deg[b] == RG_MAX_DEG)
		return false;
	g->to[a][g->deg[a]] = (uint16_t)b;
	g->m[a][g->deg[a]++] = ma;
	g->to[b][g->deg[b]] = (uint16_t)a;
	g->m[b][g->deg[b]++] = mb;
	return true;
}

/* A router other than the root, at random. */
static size_t rg_router(struct rg *g)
{
	return 1 + rg_rand(g) % (RG_ROUTERS - 1);
}

/* Routers 1..6 next to the root (which is on no LAN), a random tree over the others and
 * random links up to two per router, and LANs of three routers. */
static void rg_build(struct rg *g, unsigned int seed, bool zero)
{
	size_t i, links = 0, l, k;

	memset(g, 0, sizeof(*g));
	g->seed = seed;
	g->zero = zero;
	for (i = 1; i <= RG_ROOT_NBRS; i++)
		links += rg_link(g, 0, i);
	for (i = RG_ROOT_NBRS + 1; i < RG_ROUTERS; i++)
		links += rg_link(g, i, 1 + rg_rand(g) % (i - 1));
	while (links < 2 * RG_ROUTERS) {
		size_t a = rg_router(g), b = rg_router(g);

		links += rg_link(g, a, b);
	}
	for (l = 0; l < RG_LANS; l++)
		for (k = 0; k < RG_LAN_SIZE; k++)
			while (!rg_link(g, rg_router(g), RG_ROUTERS + l))
				;
}

/* Plain O(V^2) Dijkstra, then the next hops in order of distance (metrics are positive but
 * for a LAN's links to its routers, so every parent comes first; with links of cost 0 the
 * next hops are not compared). */
static void rg_reference(struct rg *g)
{
	static bool done[RG_VERTICES];
	static uint16_t order[RG_VERTICES];
	size_t n = 0, i, v;
	uint8_t j;

	for (v = 0; v < RG_VERTICES; v++) {
		g->dist[v] = UINT32_MAX;
		done[v] = false;
	}
	g->dist[0] = 0;
	for (;;) {
		size_t best = SIZE_MAX;

		/* a LAN before the routers at its distance: they inherit its next hops */
		for (v = RG_VERTICES; v-- > 0;)
			if (!done[v] && g->dist[v] != UINT32_MAX &&
			    (best == SIZE_MAX || g->dist[v] < g->dist[best]))
				best = v;
		if (best == SIZE_MAX)
			break;
		done[best] = true;
		order[n++] = (uint16_t)best;
		for (j = 0; j < g->deg[best]; j++)
			if (g->dist[best] + g->m[best][j] < g->dist[g->to[best][j]])
				g->dist[g->to[best][j]] = g->dist[best] + g->m[best][j];
	}
	for (i = 1; i < n; i++) {
		size_t w = order[i];

		for (v = 0; v < RG_VERTICES; v++)
			for (j = 0; j < g->deg[v]; j++)
				if (g->to[v][j] == w && g->dist[v] + g->m[v][j] == g->dist[w])
					g->nh[w] |= v ? g->nh[v] : (uint8_t)(1u << j);
	}
}

static uint32_t rg_lan_addr(size_t lan, size_t member)
{
	return 0x0a800000u | (uint32_t)lan << 8 | (uint32_t)(member + 1);
}

/* Router i's address on LAN vertex v, and the LAN's designated router (its first member). */
static size_t rg_lan_member(const struct rg *g, size_t v, size_t router)
{
	uint8_t j;

	for (j = 0; j < g->deg[v]; j++)
		if (g->to[v][j] == router)
			return j;
	fail();
	return 0;
}

static void rg_collect_network(struct lsa_entry *e, void *arg)
{
	struct lsa_entry **nets = arg;
	size_t i;

	for (i = 0; e->key.type == LSA_NETWORK && i < RG_LANS; i++)
		if (!nets[i]) {
			nets[i] = e;
			return;
		}
}

/* The last graph's network-LSAs: a LAN's designated router changes from graph to graph. */
static void rg_flush_networks(struct h *h)
{
	struct lsdb *db = &ospf_area_get(h->o, 0)->lsdb;
	struct lsa_entry *nets[RG_LANS] = { NULL };
	size_t i;

	lsdb_foreach(db, rg_collect_network, nets);
	for (i = 0; i < RG_LANS && nets[i]; i++)
		lsdb_remove(db, nets[i]);
}

static void rg_install(struct h *h, const struct rg *g)
{
	struct lsa_router_link links[RG_MAX_DEG + 1];
	uint32_t routers[RG_LAN_SIZE];
	struct lsa l;
	size_t i, v;
	uint8_t j;

	for (i = 0; i < RG_ROUTERS; i++) {
		memset(&l, 0, sizeof(l));
		memset(links, 0, sizeof(links));
		for (j = 0; j < g->deg[i]; j++) {
			size_t w = g->to[i][j];

			links[j].metric = g->m[i][j];
			if (w >= RG_ROUTERS) {
				links[j].type = LSA_LINK_TRANSIT;
				links[j].id = rg_lan_addr(w - RG_ROUTERS, 0);
				links[j].data = rg_lan_addr(w - RG_ROUTERS, rg_lan_member(g, w, i));
				continue;
			}
			links[j].type = LSA_LINK_P2P;
			links[j].id = rg_rid(w);
			/* the root's links are numbered: 10.255.k.1 ours, 10.255.k.2 theirs */
			if (i == 0)
				links[j].data = 0x0aff0001u | (uint32_t)j << 8;
			else if (w == 0)
				links[j].data = 0x0aff0002u | (uint32_t)(i - 1) << 8;
			else
				links[j].data = (uint32_t)j + 1;
		}
		if (i) {
			links[j].type = LSA_LINK_STUB;
			links[j].id = 0x64400000u + (uint32_t)i;
			links[j].data = 0xffffffffu;
			links[j].metric = (uint16_t)(i % 3);
			j++;
		}
		l.hdr.type = LSA_ROUTER;
		l.hdr.id = l.hdr.adv_router = rg_rid(i);
		l.router.nlinks = j;
		l.router.links = links;
		h_install(h, &ospf_area_get(h->o, 0)->lsdb, &l);
	}
	for (v = RG_ROUTERS; v < RG_VERTICES; v++) {
		for (j = 0; j < g->deg[v]; j++)
			routers[j] = rg_rid(g->to[v][j]);
		memset(&l, 0, sizeof(l));
		l.hdr.type = LSA_NETWORK;
		l.hdr.id = rg_lan_addr(v - RG_ROUTERS, 0);
		l.hdr.adv_router = routers[0];
		l.network.mask = route_mask(24);
		l.network.nrouters = g->deg[v];
		l.network.routers = routers;
		h_install(h, &ospf_area_get(h->o, 0)->lsdb, &l);
	}
}

/* The entry for prefix/len has cost and, unless links of cost 0 make them depend on which of
 * two candidates at one distance goes first, exactly the root interfaces in mask as next
 * hops. */
static void rg_assert_route(struct h *h, const struct rg *g, uint32_t prefix, uint8_t len,
			    uint32_t cost, uint8_t mask)
{
	const struct route *r = route_find(h->o->rt, ROUTE_NETWORK, prefix, len);
	const struct route_nexthop *nh;
	uint8_t seen = 0;
	uint16_t i;

	assert_non_null(r);
	assert_int_equal(r->cost, cost);
	nh = route_nexthops(h->o->rt, r);
	for (i = 0; i < r->nh_count; i++) {
		unsigned int k = (unsigned int)(nh[i].ifindex - 2);

		assert_true(k < RG_ROOT_NBRS);
		assert_int_equal(nh[i].gw, 0x0aff0002u | k << 8);
		assert_false(seen & (1u << k));
		seen |= (uint8_t)(1u << k);
	}
	if (!g->zero)
		assert_int_equal(seen, mask);
}

static void rg_check(struct h *h, const struct rg *g)
{
	size_t i;

	assert_int_equal(route_table_networks(h->o->rt), RG_ROUTERS - 1 + RG_LANS);
	for (i = 1; i < RG_ROUTERS; i++)
		rg_assert_route(h, g, 0x64400000u + (uint32_t)i, 32, g->dist[i] + (uint32_t)(i % 3),
				g->nh[i]);
	for (i = RG_ROUTERS; i < RG_VERTICES; i++)
		rg_assert_route(h, g, rg_lan_addr(i - RG_ROUTERS, 0) & route_mask(24), 24,
				g->dist[i], g->nh[i]);
}

/* Many routers and LANs at each distance (more than join the tree in one batch), shorter
 * paths found after longer ones, equal-cost paths through LANs: every prefix's cost and
 * next hops as a textbook Dijkstra finds them, and again after metrics change; then graphs
 * with links of cost 0 as well (costs only). */
static void test_spf_random_graphs_match_a_reference_dijkstra(void **state)
{
	struct h *h = *state;
	static struct rg g;
	unsigned int seed;
	size_t k;

	for (k = 0; k < RG_ROOT_NBRS; k++) {
		char name[8], addr[16];

		snprintf(name, sizeof(name), "eth%zu", k + 1);
		snprintf(addr, sizeof(addr), "10.255.%zu.1", k);
		h_iface(h, 0, name, (int)k + 2, addr, 30, IFACE_P2P);
	}
	for (seed = 1; seed <= 8; seed++) {
		rg_build(&g, seed, seed > 4);
		rg_reference(&g);
		rg_flush_networks(h);
		rg_install(h, &g);
		spf_run(h->o);
		rg_check(h, &g);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_spf_line_of_three_routers_gives_attached_and_next_hop_routes),
		T(test_spf_ring_splits_over_two_equal_cost_paths),
		T(test_spf_max_paths_limits_equal_cost_next_hops),
		T(test_spf_lan_with_dr_reaches_routers_through_their_lan_addresses),
		T(test_spf_lan_member_missing_from_network_lsa_is_not_reached),
		T(test_spf_stub_network_takes_the_cheapest_advertiser_or_both),
		T(test_spf_one_way_link_is_not_used),
		T(test_spf_malformed_router_lsa_is_ignored),
		T(test_spf_inter_area_routes_come_from_summary_lsas_of_the_border_router),
		T(test_spf_area_border_router_ignores_summaries_of_other_areas),
		T(test_spf_external_routes_e1_before_e2_and_forwarding_addresses),
		T(test_spf_maxage_lsas_are_not_used),
		T(test_show_route_json_has_frr_keys_for_networks_routers_and_externals),
		T(test_show_ospf_json_reports_spf_timers_and_last_run),
		T(test_route_table_diff_yields_added_changed_and_removed_prefixes),
		T(test_route_get_finds_or_adds_among_many_similar_keys),
		T(test_spf_installing_an_lsa_schedules_a_run),
		T(test_spf_interface_state_change_schedules_a_run),
		T(test_spf_throttle_backs_off_and_recovers),
		T(test_spf_throttle_honours_configured_delay_and_max),
		T(test_spf_external_lsa_change_reruns_only_the_external_step),
		T(test_spf_summary_lsa_change_reruns_only_inter_area_and_external_steps),
		T(test_spf_router_lsa_change_forces_a_full_run),
		T(test_show_ospf_reports_the_scope_of_the_last_run),
		T(test_explain_stub_route_shows_router_lsa_and_path_through_the_line),
		T(test_explain_lan_route_shows_network_lsa_and_the_network_vertex),
		T(test_explain_inter_area_and_external_routes_name_summary_and_external_lsas),
		T(test_spf_zero_cost_link_adds_a_next_hop_to_a_candidate_at_the_same_distance),
		T(test_spf_zero_cost_transit_link_puts_the_lan_before_the_routers_left),
		T(test_spf_random_graphs_match_a_reference_dijkstra),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
