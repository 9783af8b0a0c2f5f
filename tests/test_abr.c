/* SPDX-License-Identifier: ISC */
/*
 * Area border router behaviour (abr.c) on hand-built routing tables and LSDBs: which
 * summary-LSAs go into which area (RFC 2328 12.4.3), ranges, the default into stub areas,
 * totally stubby areas, link state ids (Appendix E), withdrawal, MinLSInterval, the NSSA
 * translator election and translation (RFC 3101 3), and type-7 routes (RFC 3101 2.5).
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

#include "abr.h"
#include "iface.h"
#include "lsa.h"
#include "ospf.h"
#include "route.h"
#include "spf.h"
#include "wire.h"

#define RID(n) (((uint32_t)(n) << 24) | ((uint32_t)(n) << 16) | ((uint32_t)(n) << 8) | (n))

struct h {
	uint64_t now;
	struct timerq *tq;
	struct ospf *o;
	struct iface *eth0, *eth1; /* area 0, area 1 */
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

static uint32_t ip(const char *s)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return ntohl(a.s_addr);
}

static struct iface *h_iface(struct h *h, uint32_t area, const char *name, int ifindex,
			     const char *addr)
{
	struct iface_params p;
	struct iface *ifp;

	iface_params_default(&p);
	p.type = IFACE_P2P;
	ifp = iface_new(h->o, ospf_area_get(h->o, area), name, ifindex, ip(addr), 30, 1500, &p);
	assert_non_null(ifp);
	ifp->state = ISM_P2P; /* up, without originating anything */
	return ifp;
}

/* Us (1.1.1.1) on eth0 in area 0 and eth1 in area 1: an area border router. */
static int h_setup(void **state)
{
	struct h *h = calloc(1, sizeof(*h));
	struct ospf_io io = { .send = h_send, .ctx = h };

	h->now = 1000000;
	h->tq = timerq_new(h_clock, h);
	h->o = ospf_new(RID(1), h->tq, &io);
	h->eth0 = h_iface(h, 0, "eth0", 2, "10.0.12.1");
	h->eth1 = h_iface(h, 1, "eth1", 3, "10.0.13.1");
	h->o->rt = route_table_new();
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

/* A routing table entry through ifp. */
static struct route *h_route(struct h *h, enum route_dest d, enum route_path path,
			     const char *prefix, uint8_t len, uint32_t area, uint32_t cost,
			     struct iface *ifp)
{
	struct route_nexthop nh = { 0, ifp->ifindex, "" };
	uint32_t p = ip(prefix);
	struct route *r;

	snprintf(nh.ifname, sizeof(nh.ifname), "%s", ifp->name);
	r = route_add(h->o->rt, d, d == ROUTE_NETWORK ? p & route_mask(len) : p,
		      d == ROUTE_NETWORK ? len : area);
	assert_non_null(r);
	r->path = path;
	r->cost = cost;
	r->area = area;
	r->adv_router = RID(9);
	if (d == ROUTE_ROUTER)
		r->router_flags = LSA_ROUTER_E;
	assert_true(route_nexthops_set(h->o->rt, r, &nh, 1));
	return r;
}

static struct route *h_net(struct h *h, enum route_path path, const char *prefix, uint8_t len,
			   uint32_t area, uint32_t cost)
{
	return h_route(h, ROUTE_NETWORK, path, prefix, len, area, cost, area ? h->eth1 : h->eth0);
}

/* Our summary of type in area with link state id id: its metric, -1 if none (or flushed). */
static long h_summary(struct h *h, uint32_t area, uint8_t type, const char *id)
{
	struct lsa_key k = { type, ip(id), RID(1) };
	struct lsa_entry *e = lsdb_lookup(&ospf_area_get(h->o, area)->lsdb, &k);

	if (!e || e->maxage_flushing)
		return -1;
	assert_int_equal(e->inst->len, LSA_HEADER_LEN + 8);
	return (long)get24(e->inst->data + LSA_HEADER_LEN + 5);
}

static uint32_t h_summary_mask(struct h *h, uint32_t area, const char *id)
{
	struct lsa_key k = { LSA_SUMMARY_NET, ip(id), RID(1) };
	struct lsa_entry *e = lsdb_lookup(&ospf_area_get(h->o, area)->lsdb, &k);

	assert_non_null(e);
	return get32(e->inst->data + LSA_HEADER_LEN);
}

static size_t h_count_self(struct h *h, uint32_t area, uint8_t type)
{
	struct lsdb *db = area == 0xffffffffu ? &h->o->as_lsdb : &ospf_area_get(h->o, area)->lsdb;
	size_t i, n = 0;

	for (i = 0; i < db->nbuckets; i++) {
		struct lsa_entry *e;

		for (e = db->buckets[i]; e; e = e->hnext)
			n += e->key.type == type && e->key.adv_router == RID(1) &&
			     !e->maxage_flushing;
	}
	return n;
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

static void h_nssa_lsa(struct h *h, uint32_t area, const char *id, uint32_t adv, uint8_t plen,
		       bool p_bit, uint32_t metric, const char *fwd)
{
	struct lsa_external_entry ent = { true, 0, metric, fwd ? ip(fwd) : 0, 0 };
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_NSSA;
	l.hdr.id = ip(id);
	l.hdr.adv_router = adv;
	l.hdr.options = p_bit ? OSPF_OPT_NP : 0;
	l.external.mask = route_mask(plen);
	l.external.nentries = 1;
	l.external.entries = &ent;
	h_install(h, &ospf_area_get(h->o, area)->lsdb, &l);
}

static void h_router_lsa(struct h *h, uint32_t area, uint32_t rid, uint8_t flags,
			 const struct lsa_router_link *links, uint16_t n)
{
	struct lsa l;

	memset(&l, 0, sizeof(l));
	l.hdr.type = LSA_ROUTER;
	l.hdr.id = rid;
	l.hdr.adv_router = rid;
	l.router.flags = flags;
	l.router.nlinks = n;
	l.router.links = (struct lsa_router_link *)links;
	h_install(h, &ospf_area_get(h->o, area)->lsdb, &l);
}

/* ---- summaries (12.4.3) ---- */

static void test_abr_summarizes_each_areas_routes_into_the_others(void **state)
{
	struct h *h = *state;

	assert_true(abr_is_abr(h->o));
	h_net(h, ROUTE_INTRA, "10.1.0.0", 24, 1, 10);
	h_net(h, ROUTE_INTRA, "10.0.0.0", 24, 0, 5);
	h_net(h, ROUTE_INTER, "10.9.0.0", 16, 0, 30);
	h_net(h, ROUTE_INTER, "10.8.0.0", 16, 1, 30); /* not from the backbone: not passed on */
	h_net(h, ROUTE_E2, "192.0.2.0", 24, 0, 30);   /* externals are not summarized */
	abr_run(h->o);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), 10);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "10.0.0.0"), 5);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "10.9.0.0"), 30);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.9.0.0"), -1);
	assert_int_equal(h_count_self(h, 0, LSA_SUMMARY_NET), 1);
	assert_int_equal(h_count_self(h, 1, LSA_SUMMARY_NET), 2);
	assert_int_equal(h_summary_mask(h, 1, "10.9.0.0"), ip("255.255.0.0"));
}

/* A route whose next hop lies in the target area is not announced back into it. */
static void test_abr_route_through_target_area_is_not_announced_into_it(void **state)
{
	struct h *h = *state;

	h_route(h, ROUTE_NETWORK, ROUTE_INTRA, "10.0.5.0", 24, 0, 20, h->eth1);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "10.0.5.0"), -1);
}

static void test_abr_asbr_summary_into_normal_areas_not_stub(void **state)
{
	struct h *h = *state;

	h_route(h, ROUTE_ROUTER, ROUTE_INTRA, "9.9.9.9", 32, 0, 15, h->eth0);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_ASBR, "9.9.9.9"), 15);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_ASBR, "9.9.9.9"), -1);

	ospf_area_get(h->o, 1)->type = AREA_STUB;
	abr_run(h->o);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_ASBR, "9.9.9.9"), -1);
}

static void test_abr_not_an_abr_without_the_backbone_and_flushes_its_summaries(void **state)
{
	struct h *h = *state;

	h_net(h, ROUTE_INTRA, "10.1.0.0", 24, 1, 10);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), 10);
	h->eth0->state = ISM_DOWN;
	assert_false(abr_is_abr(h->o));
	abr_run(h->o);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), -1);
}

static void test_abr_withdrawn_route_flushes_its_summary(void **state)
{
	struct h *h = *state;
	struct lsa_key k = { LSA_SUMMARY_NET, ip("10.1.0.0"), RID(1) };
	struct lsa_entry *e;

	h_net(h, ROUTE_INTRA, "10.1.0.0", 24, 1, 10);
	abr_run(h->o);
	route_table_clear(h->o->rt);
	abr_run(h->o);
	e = lsdb_lookup(&ospf_area_get(h->o, 0)->lsdb, &k);
	assert_non_null(e);
	assert_true(e->maxage_flushing);
	assert_int_equal(e->inst->hdr.age, LSA_MAX_AGE);
}

/* A new metric waits for MinLSInterval (12.4); the last one gets out. */
static void test_abr_changed_metric_respects_min_ls_interval(void **state)
{
	struct h *h = *state;
	struct route *r = h_net(h, ROUTE_INTRA, "10.1.0.0", 24, 1, 10);

	h->o->spf_delay_ms = 1000000; /* the hand-built table stays */
	abr_run(h->o);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), 10);
	r->cost = 20;
	abr_run(h->o);
	h_run(h, 1000);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), 10);
	r->cost = 30;
	abr_run(h->o);
	h_run(h, 4100);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), 30);
}

/* Appendix E: 10.2.0.0/16 and 10.2.0.0/24: the longer mask keeps the address. */
static void test_abr_link_state_ids_of_overlapping_prefixes(void **state)
{
	struct h *h = *state;

	h_net(h, ROUTE_INTRA, "10.2.0.0", 16, 1, 10);
	h_net(h, ROUTE_INTRA, "10.2.0.0", 24, 1, 20);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.2.0.0"), 20);
	assert_int_equal(h_summary_mask(h, 0, "10.2.0.0"), ip("255.255.255.0"));
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.2.255.255"), 10);
	assert_int_equal(h_summary_mask(h, 0, "10.2.255.255"), ip("255.255.0.0"));
}

/* ---- ranges ---- */

static void h_range(struct h *h, uint32_t area, const char *prefix, uint8_t len, bool advertise,
		    bool cost_set, uint32_t cost)
{
	struct area *a = ospf_area_get(h->o, area);

	a->ranges = realloc(a->ranges, (a->nranges + 1) * sizeof(*a->ranges));
	assert_non_null(a->ranges);
	a->ranges[a->nranges++] = (struct area_range){ ip(prefix), len, advertise, cost_set, cost };
}

static void test_abr_range_summarizes_components_at_highest_cost(void **state)
{
	struct h *h = *state;

	h_range(h, 1, "10.1.0.0", 16, true, false, 0);
	h_net(h, ROUTE_INTRA, "10.1.1.0", 24, 1, 10);
	h_net(h, ROUTE_INTRA, "10.1.2.0", 24, 1, 20);
	h_net(h, ROUTE_INTRA, "10.3.0.0", 24, 1, 5);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), 20);
	assert_int_equal(h_summary_mask(h, 0, "10.1.0.0"), ip("255.255.0.0"));
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.1.0"), -1);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.3.0.0"), 5);
	assert_int_equal(h_count_self(h, 0, LSA_SUMMARY_NET), 2);
}

static void test_abr_range_with_cost_and_not_advertise(void **state)
{
	struct h *h = *state;
	struct area *a;

	h_range(h, 1, "10.1.0.0", 16, true, true, 77);
	h_range(h, 1, "10.4.0.0", 16, false, false, 0);
	h_net(h, ROUTE_INTRA, "10.1.1.0", 24, 1, 10);
	h_net(h, ROUTE_INTRA, "10.4.1.0", 24, 1, 10);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.1.0.0"), 77);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.4.0.0"), -1);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "10.4.1.0"), -1);
	assert_int_equal(h_count_self(h, 0, LSA_SUMMARY_NET), 1);
	/* a range without components is not announced */
	a = ospf_area_get(h->o, 1);
	a->ranges[1].advertise = true;
	route_table_clear(h->o->rt);
	abr_run(h->o);
	assert_int_equal(h_count_self(h, 0, LSA_SUMMARY_NET), 0);
}

/* ---- stub areas ---- */

static void test_abr_stub_area_gets_a_default_and_summaries(void **state)
{
	struct h *h = *state;
	struct area *a = ospf_area_get(h->o, 1);

	a->type = AREA_STUB;
	a->default_cost = 1;
	h_net(h, ROUTE_INTRA, "10.0.0.0", 24, 0, 5);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "0.0.0.0"), 1);
	assert_int_equal(h_summary_mask(h, 1, "0.0.0.0"), 0);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "10.0.0.0"), 5);
	assert_int_equal(h_summary(h, 0, LSA_SUMMARY_NET, "0.0.0.0"), -1);
}

static void test_abr_totally_stubby_area_gets_only_the_default(void **state)
{
	struct h *h = *state;
	struct area *a = ospf_area_get(h->o, 1);

	a->type = AREA_STUB;
	a->no_summary = true;
	h_net(h, ROUTE_INTRA, "10.0.0.0", 24, 0, 5);
	h_net(h, ROUTE_INTER, "10.9.0.0", 16, 0, 30);
	abr_run(h->o);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "0.0.0.0"), 1);
	assert_int_equal(h_count_self(h, 1, LSA_SUMMARY_NET), 1);
}

/* `area X default-cost N`: the default summary follows the configuration, live. */
static void test_abr_default_cost_configured_live(void **state)
{
	struct h *h = *state;
	struct cfg_area ca = { .id = 1, .type = AREA_STUB, .default_cost = 1 };
	struct ospf_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.areas = &ca;
	cfg.nareas = 1;
	abr_configure(h->o, &cfg);
	h_run(h, 100);
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "0.0.0.0"), 1);
	ca.default_cost = 20;
	abr_configure(h->o, &cfg);
	assert_int_equal(ospf_area_get(h->o, 1)->default_cost, 20);
	h_run(h, OSPF_MIN_LS_INTERVAL_MS + 100); /* MinLSInterval holds the new instance back */
	assert_int_equal(h_summary(h, 1, LSA_SUMMARY_NET, "0.0.0.0"), 20);
	/* a normal area has no default summary, whatever cost was set */
	ca.type = AREA_NORMAL;
	abr_configure(h->o, &cfg);
	assert_int_equal(ospf_area_get(h->o, 1)->default_cost, 1);
}

static void test_abr_area_configure_copies_type_ranges_and_role(void **state)
{
	struct h *h = *state;
	struct area *a = ospf_area_get(h->o, 1);
	struct cfg_range rg = { ip("10.1.0.0"), 16, true, false, 0 };
	struct cfg_area ca = { .id = 1,
			       .type = AREA_NSSA,
			       .no_summary = true,
			       .nssa_role = CFG_NSSA_ALWAYS,
			       .ranges = &rg,
			       .nranges = 1 };

	assert_true(abr_area_configure(a, &ca));
	assert_int_equal(a->type, AREA_NSSA);
	assert_true(a->no_summary);
	assert_int_equal(a->nssa_role, CFG_NSSA_ALWAYS);
	assert_int_equal(a->nranges, 1);
	assert_false(a->ranges[0].advertise);
	assert_false(abr_area_configure(a, &ca));
	assert_true(abr_area_configure(a, NULL));
	assert_int_equal(a->type, AREA_NORMAL);
	assert_int_equal(a->nranges, 0);
}

/* ---- NSSA (RFC 3101) ---- */

/* Another NSSA border router of area 1, reachable. */
static void h_nssa_abr(struct h *h, const char *rid, uint8_t flags)
{
	struct route *r = h_route(h, ROUTE_ROUTER, ROUTE_INTRA, rid, 32, 1, 10, h->eth1);

	r->router_flags = LSA_ROUTER_B;
	h_router_lsa(h, 1, ip(rid), flags, NULL, 0);
}

static void test_abr_nssa_translator_election(void **state)
{
	struct h *h = *state;
	struct area *a = ospf_area_get(h->o, 1);

	a->type = AREA_NSSA;
	a->nssa_role = CFG_NSSA_CANDIDATE;
	assert_true(abr_nssa_elected(h->o, a)); /* alone */
	h_nssa_abr(h, "0.0.0.9", LSA_ROUTER_B); /* lower */
	assert_true(abr_nssa_elected(h->o, a));
	h_nssa_abr(h, "5.5.5.5", LSA_ROUTER_B); /* higher router id wins */
	assert_false(abr_nssa_elected(h->o, a));
	a->nssa_role = CFG_NSSA_ALWAYS;
	assert_true(abr_nssa_elected(h->o, a));
	a->nssa_role = CFG_NSSA_NEVER;
	assert_false(abr_nssa_elected(h->o, a));
}

static void test_abr_nssa_other_translator_with_nt_bit_wins(void **state)
{
	struct h *h = *state;
	struct area *a = ospf_area_get(h->o, 1);

	a->type = AREA_NSSA;
	h_nssa_abr(h, "0.0.0.9", LSA_ROUTER_B | LSA_ROUTER_NT);
	assert_false(abr_nssa_elected(h->o, a));
}

static void test_abr_nssa_translates_type7_with_p_bit_into_type5(void **state)
{
	struct h *h = *state;
	struct area *a = ospf_area_get(h->o, 1);
	struct lsa_key k = { LSA_AS_EXTERNAL, ip("192.0.2.0"), RID(1) };
	struct lsa_entry *e;
	struct route *r;

	a->type = AREA_NSSA;
	h_nssa_lsa(h, 1, "192.0.2.0", RID(9), 24, true, 20, "10.0.13.2");
	h_nssa_lsa(h, 1, "198.51.100.0", RID(9), 24, false, 20, "10.0.13.2"); /* no P bit */
	h_nssa_lsa(h, 1, "203.0.113.0", RID(9), 24, true, 20, NULL);	      /* no fwd */
	r = h_net(h, ROUTE_E2, "192.0.2.0", 24, 0, 10);
	r->type2_cost = 20;
	h_net(h, ROUTE_E2, "198.51.100.0", 24, 0, 10);
	h_net(h, ROUTE_E2, "203.0.113.0", 24, 0, 10);
	abr_run(h->o);
	assert_true(a->nssa_translator);
	e = lsdb_lookup(&h->o->as_lsdb, &k);
	assert_non_null(e);
	assert_int_equal(e->inst->len, LSA_HEADER_LEN + 16);
	assert_true(e->inst->data[2] & OSPF_OPT_E);
	assert_int_equal(get32(e->inst->data + LSA_HEADER_LEN), ip("255.255.255.0"));
	assert_int_equal(e->inst->data[LSA_HEADER_LEN + 4] & 0x80, 0x80);
	assert_int_equal(get24(e->inst->data + LSA_HEADER_LEN + 5), 20);
	assert_int_equal(get32(e->inst->data + LSA_HEADER_LEN + 8), ip("10.0.13.2"));
	assert_int_equal(h_count_self(h, 0xffffffffu, LSA_AS_EXTERNAL), 1);
	/* the translator's router-LSAs carry E (it originates type-5 LSAs) */
	assert_int_equal(abr_router_flags(ospf_area_get(h->o, 0)), LSA_ROUTER_B | LSA_ROUTER_E);

	/* the type-7 route goes: so does the translation */
	route_table_clear(h->o->rt);
	abr_run(h->o);
	assert_int_equal(h_count_self(h, 0xffffffffu, LSA_AS_EXTERNAL), 0);
}

/* RFC 3101 2.5: an NSSA's type-7 LSAs are routes like type-5 LSAs, their ASBR reached
 * inside the NSSA. */
static void test_spf_nssa_type7_lsas_become_external_routes(void **state)
{
	struct h *h = *state;
	struct area *a = ospf_area_get(h->o, 1);
	struct lsa_router_link us[] = { { RID(3), ip("10.0.13.1"), LSA_LINK_P2P, 10, 0, NULL } };
	struct lsa_router_link them[] = { { RID(1), ip("10.0.13.2"), LSA_LINK_P2P, 10, 0, NULL } };
	const struct route *r;

	a->type = AREA_NSSA;
	route_table_free(h->o->rt);
	h->o->rt = NULL;
	h_router_lsa(h, 1, RID(1), LSA_ROUTER_B, us, 1);
	h_router_lsa(h, 1, RID(3), LSA_ROUTER_E, them, 1);
	h_nssa_lsa(h, 1, "192.0.2.0", RID(3), 24, true, 20, NULL);
	spf_run(h->o);
	r = route_find(h->o->rt, ROUTE_NETWORK, ip("192.0.2.0"), 24);
	assert_non_null(r);
	assert_int_equal(r->path, ROUTE_E2);
	assert_int_equal(r->type2_cost, 20);
	assert_int_equal(r->cost, 10);
	assert_int_equal(r->adv_router, RID(3));

	/* not in an NSSA: the type-7 LSA is not used */
	a->type = AREA_NORMAL;
	spf_run(h->o);
	assert_null(route_find(h->o->rt, ROUTE_NETWORK, ip("192.0.2.0"), 24));
}

static void h_type5(struct h *h, const char *id, uint32_t adv, uint8_t plen, uint32_t metric,
		    const char *fwd)
{
	struct lsa_external_entry ent = { true, 0, metric, fwd ? ip(fwd) : 0, 0 };
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

/* We are the ABR between area 0 (ASBR 2.2.2.2) and NSSA 1 (ASBR 3.3.3.3, on 10.0.13.0/30). */
static void h_two_asbrs(struct h *h)
{
	struct lsa_router_link us0[] = { { RID(2), ip("10.0.12.1"), LSA_LINK_P2P, 10, 0, NULL } };
	struct lsa_router_link r2[] = { { RID(1), ip("10.0.12.2"), LSA_LINK_P2P, 10, 0, NULL } };
	struct lsa_router_link us1[] = {
		{ RID(3), ip("10.0.13.1"), LSA_LINK_P2P, 10, 0, NULL },
		{ ip("10.0.13.0"), ip("255.255.255.252"), LSA_LINK_STUB, 10, 0, NULL },
	};
	struct lsa_router_link r3[] = { { RID(1), ip("10.0.13.2"), LSA_LINK_P2P, 10, 0, NULL } };

	ospf_area_get(h->o, 1)->type = AREA_NSSA;
	route_table_free(h->o->rt);
	h->o->rt = NULL;
	h_router_lsa(h, 0, RID(1), LSA_ROUTER_B, us0, 1);
	h_router_lsa(h, 0, RID(2), LSA_ROUTER_E, r2, 1);
	h_router_lsa(h, 1, RID(1), LSA_ROUTER_B, us1, 2);
	h_router_lsa(h, 1, RID(3), LSA_ROUTER_E, r3, 1);
}

/* RFC 3101 2.5 (6e): a type-5 and a type-7 LSA of the same forwarding address and cost are
 * not merged: the type-7 LSA with the P bit wins, else the type-5 LSA. */
static void test_spf_type5_and_type7_functionally_the_same_pick_one(void **state)
{
	struct h *h = *state;
	const struct route *r;

	h_two_asbrs(h);
	h_type5(h, "192.0.2.0", RID(2), 24, 20, "10.0.13.2");
	h_nssa_lsa(h, 1, "192.0.2.0", RID(3), 24, true, 20, "10.0.13.2");
	h_type5(h, "198.51.100.0", RID(2), 24, 20, "10.0.13.2");
	h_nssa_lsa(h, 1, "198.51.100.0", RID(3), 24, false, 20, "10.0.13.2");
	spf_run(h->o);
	r = route_find(h->o->rt, ROUTE_NETWORK, ip("192.0.2.0"), 24);
	assert_non_null(r);
	assert_int_equal(r->path, ROUTE_E2);
	assert_int_equal(r->adv_router, RID(3)); /* P bit: the type-7 LSA */
	assert_int_equal(r->nh_count, 1);
	r = route_find(h->o->rt, ROUTE_NETWORK, ip("198.51.100.0"), 24);
	assert_non_null(r);
	assert_int_equal(r->adv_router, RID(2)); /* no P bit: the type-5 LSA */
	assert_int_equal(r->nh_count, 1);
}

/* Without a common forwarding address, equal paths of both merge (RFC 2328 16.4 (6)). */
static void test_spf_type5_and_type7_equal_paths_otherwise_merge(void **state)
{
	struct h *h = *state;
	const struct route *r;

	h_two_asbrs(h);
	h_type5(h, "192.0.2.0", RID(2), 24, 20, NULL);
	h_nssa_lsa(h, 1, "192.0.2.0", RID(3), 24, true, 20, NULL);
	spf_run(h->o);
	r = route_find(h->o->rt, ROUTE_NETWORK, ip("192.0.2.0"), 24);
	assert_non_null(r);
	assert_int_equal(r->cost, 10);
	assert_int_equal(r->nh_count, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_abr_summarizes_each_areas_routes_into_the_others),
		T(test_abr_route_through_target_area_is_not_announced_into_it),
		T(test_abr_asbr_summary_into_normal_areas_not_stub),
		T(test_abr_not_an_abr_without_the_backbone_and_flushes_its_summaries),
		T(test_abr_withdrawn_route_flushes_its_summary),
		T(test_abr_changed_metric_respects_min_ls_interval),
		T(test_abr_link_state_ids_of_overlapping_prefixes),
		T(test_abr_range_summarizes_components_at_highest_cost),
		T(test_abr_range_with_cost_and_not_advertise),
		T(test_abr_stub_area_gets_a_default_and_summaries),
		T(test_abr_totally_stubby_area_gets_only_the_default),
		T(test_abr_default_cost_configured_live),
		T(test_abr_area_configure_copies_type_ranges_and_role),
		T(test_abr_nssa_translator_election),
		T(test_abr_nssa_other_translator_with_nt_bit_wins),
		T(test_abr_nssa_translates_type7_with_p_bit_into_type5),
		T(test_spf_nssa_type7_lsas_become_external_routes),
		T(test_spf_type5_and_type7_functionally_the_same_pick_one),
		T(test_spf_type5_and_type7_equal_paths_otherwise_merge),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
