/* SPDX-License-Identifier: ISC */
/*
 * Redistribution: how kernel routes are classified (static, kernel, neither), which
 * connected networks are left out, and how the externals follow the configuration and the
 * kernel (redist_sync on one instance).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "external.h"
#include "iface.h"
#include "ospf.h"
#include "redist.h"

#define NET(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((c) << 8) | (d))

static struct nl_route route(uint32_t dst, uint8_t plen, uint8_t proto, uint8_t scope)
{
	struct nl_route r;

	memset(&r, 0, sizeof(r));
	r.dst = dst;
	r.plen = plen;
	r.protocol = proto;
	r.scope = scope;
	r.type = 1; /* unicast */
	r.table = NL_TABLE_MAIN;
	return r;
}

static void test_redist_classifies_kernel_routes_by_protocol(void **state)
{
	struct nl_route r;

	(void)state;
	r = route(NET(10, 9, 0, 0), 16, 4, 0); /* proto static */
	assert_int_equal(redist_route_class(&r), CFG_REDIST_STATIC);
	r.protocol = 3; /* boot: ip route add */
	assert_int_equal(redist_route_class(&r), CFG_REDIST_KERNEL);
	r.protocol = 16; /* dhcp */
	assert_int_equal(redist_route_class(&r), CFG_REDIST_KERNEL);
	r.protocol = 12; /* bird: zebra counts it as kernel too */
	assert_int_equal(redist_route_class(&r), CFG_REDIST_KERNEL);
	r.protocol = 2; /* kernel, not an address's network */
	assert_int_equal(redist_route_class(&r), CFG_REDIST_KERNEL);
	r.scope = 253; /* kernel, scope link: a connected network */
	assert_int_equal(redist_route_class(&r), -1);
	r = route(NET(10, 9, 0, 0), 16, NL_RTPROT_OSPF, 0); /* ours, never */
	assert_int_equal(redist_route_class(&r), -1);
	r.protocol = 186; /* FRR's bgpd */
	assert_int_equal(redist_route_class(&r), -1);
	r.protocol = 196; /* FRR's staticd */
	assert_int_equal(redist_route_class(&r), CFG_REDIST_STATIC);
	r = route(NET(10, 9, 0, 0), 16, 4, 0);
	r.table = 100; /* another table */
	assert_int_equal(redist_route_class(&r), -1);
	r.table = NL_TABLE_MAIN;
	r.type = 2; /* local */
	assert_int_equal(redist_route_class(&r), -1);
	r.type = 6; /* blackhole static */
	assert_int_equal(redist_route_class(&r), CFG_REDIST_STATIC);
	r = route(NET(127, 0, 0, 0), 8, 4, 0);
	assert_int_equal(redist_route_class(&r), -1);
}

struct h {
	uint64_t now;
	struct timerq *tq;
	struct ospf *o;
	struct redist *rd;
	struct ospf_config cfg;
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

static int h_setup(void **state)
{
	struct h *h = calloc(1, sizeof(*h));
	struct ospf_io io = { .send = h_send, .ctx = h };
	struct iface_params p;

	h->now = 5000000;
	h->tq = timerq_new(h_clock, h);
	h->o = ospf_new(0x01010101u, h->tq, &io);
	h->rd = redist_new();
	config_init(&h->cfg);
	iface_params_default(&p);
	/* OSPF runs on 10.0.0.1/24 */
	iface_new(h->o, ospf_area_get(h->o, 0), "eth0", 1, NET(10, 0, 0, 1), 24, 1500, &p);
	*state = h;
	return 0;
}

static int h_teardown(void **state)
{
	struct h *h = *state;

	redist_free(h->rd);
	config_free(&h->cfg);
	ospf_free(h->o);
	timerq_free(h->tq);
	free(h);
	return 0;
}

static void enable(struct h *h, enum cfg_redist_source s, uint32_t metric, uint8_t type)
{
	h->cfg.redist[s].enabled = true;
	h->cfg.redist[s].metric_set = metric != 0;
	h->cfg.redist[s].metric = metric;
	h->cfg.redist[s].metric_type = type;
}

static void test_redist_connected_leaves_out_networks_ospf_covers(void **state)
{
	struct h *h = *state;

	(void)state;
	assert_true(redist_connected_covered(h->o, NET(10, 0, 0, 0), 24));
	assert_true(redist_connected_covered(h->o, NET(10, 0, 0, 128), 25));
	assert_false(redist_connected_covered(h->o, NET(10, 0, 0, 0), 16));
	assert_false(redist_connected_covered(h->o, NET(192, 168, 5, 0), 24));
	redist_addr(h->rd, 1, NET(10, 0, 0, 1), 24, 0, false);	   /* OSPF's own */
	redist_addr(h->rd, 2, NET(192, 168, 5, 1), 24, 0, false);  /* another interface */
	redist_addr(h->rd, 3, NET(127, 0, 0, 1), 8, 0, false);	   /* lo */
	redist_addr(h->rd, 3, NET(172, 31, 255, 1), 32, 0, false); /* lo secondary */
	enable(h, CFG_REDIST_CONNECTED, 0, 2);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 2);
	assert_non_null(external_find(h->o, NET(192, 168, 5, 0), 24));
	assert_non_null(external_find(h->o, NET(172, 31, 255, 1), 32));
	assert_int_equal(external_find(h->o, NET(192, 168, 5, 0), 24)->metric,
			 REDIST_METRIC_DEFAULT);
	assert_int_equal(external_find(h->o, NET(192, 168, 5, 0), 24)->metric_type, 2);
	/* the address goes: so does its external */
	redist_addr(h->rd, 2, NET(192, 168, 5, 1), 24, 0, true);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 1);
	/* no redistribute connected: nothing */
	h->cfg.redist[CFG_REDIST_CONNECTED].enabled = false;
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 0);
}

static void test_redist_static_and_kernel_follow_config_and_routes(void **state)
{
	struct h *h = *state;
	struct nl_route st = route(NET(10, 9, 0, 0), 16, 4, 0);
	struct nl_route boot = route(NET(10, 8, 0, 0), 16, 3, 0);
	struct nl_route ours = route(NET(10, 7, 0, 0), 16, NL_RTPROT_OSPF, 0);
	const struct external_route *e;

	redist_route(h->rd, &st, false);
	redist_route(h->rd, &boot, false);
	redist_route(h->rd, &ours, false);
	enable(h, CFG_REDIST_STATIC, 100, 1);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 1);
	e = external_find(h->o, NET(10, 9, 0, 0), 16);
	assert_non_null(e);
	assert_int_equal(e->metric, 100);
	assert_int_equal(e->metric_type, 1);
	enable(h, CFG_REDIST_KERNEL, 0, 2);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 2);
	assert_non_null(external_find(h->o, NET(10, 8, 0, 0), 16));
	/* metric changed live */
	enable(h, CFG_REDIST_STATIC, 55, 2);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_find(h->o, NET(10, 9, 0, 0), 16)->metric, 55);
	assert_int_equal(external_find(h->o, NET(10, 9, 0, 0), 16)->metric_type, 2);
	/* a second route to it (another kernel metric) keeps it announced while one is left */
	st.priority = 100;
	redist_route(h->rd, &st, false);
	redist_route(h->rd, &st, true);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_non_null(external_find(h->o, NET(10, 9, 0, 0), 16));
	st.priority = 0;
	/* the static route is removed from the kernel: withdrawn */
	redist_route(h->rd, &st, true);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_null(external_find(h->o, NET(10, 9, 0, 0), 16));
	assert_int_equal(external_count(h->o), 1);
	/* a new dump without the boot route */
	redist_routes_begin(h->rd);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 0);
}

static void test_redist_default_route_only_through_default_information(void **state)
{
	struct h *h = *state;
	struct nl_route def = route(0, 0, 3, 0);
	struct nl_route ours = route(0, 0, NL_RTPROT_OSPF, 0);

	enable(h, CFG_REDIST_KERNEL, 0, 2);
	redist_route(h->rd, &ours, false);
	h->cfg.default_info.enabled = true;
	h->cfg.default_info.metric_type = 2;
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 0); /* our own default does not count */
	redist_route(h->rd, &def, false);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 1);
	assert_int_equal(external_find(h->o, 0, 0)->metric, REDIST_DEFAULT_METRIC_DEFAULT);
	redist_route(h->rd, &def, true);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 0);
	h->cfg.default_info.always = true;
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_find(h->o, 0, 0)->metric, REDIST_ALWAYS_METRIC_DEFAULT);
	h->cfg.default_info.metric_set = true;
	h->cfg.default_info.metric = 33;
	h->cfg.default_info.metric_type = 1;
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_find(h->o, 0, 0)->metric, 33);
	assert_int_equal(external_find(h->o, 0, 0)->metric_type, 1);
	/* `redistribute kernel` alone never announces the default route */
	h->cfg.default_info.enabled = false;
	redist_route(h->rd, &def, false);
	redist_sync(h->rd, h->o, &h->cfg);
	assert_int_equal(external_count(h->o), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redist_classifies_kernel_routes_by_protocol),
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_redist_connected_leaves_out_networks_ospf_covers),
		T(test_redist_static_and_kernel_follow_config_and_routes),
		T(test_redist_default_route_only_through_default_information),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
