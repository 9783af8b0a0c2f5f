/* SPDX-License-Identifier: ISC */
/*
 * Our AS-external-LSAs (RFC 2328 12.4.4) and NSSA-LSAs (RFC 3101 2.4): contents, Link State
 * IDs of overlapping prefixes (Appendix E), the E bit of our router-LSAs, flushing, and
 * MinLSInterval; and the stub router's link costs (RFC 6987). One instance, simulated clock.
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

#include "external.h"
#include "iface.h"
#include "nbr.h"
#include "originate.h"
#include "ospf.h"
#include "show.h"
#include "stub_router.h"

#define RID		0x01010101u
#define R2		0x02020202u
#define NET(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((c) << 8) | (d))

struct h {
	uint64_t now;
	struct timerq *tq;
	struct ospf *o;
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

static struct iface *h_iface(struct h *h, uint32_t area, uint32_t addr, enum iface_state st)
{
	static int ifindex = 1;
	struct iface_params p;
	struct iface *ifp;
	char name[16];

	iface_params_default(&p);
	snprintf(name, sizeof(name), "eth%d", ifindex);
	ifp = iface_new(h->o, ospf_area_get(h->o, area), name, ifindex++, addr, 24, 1500, &p);
	ifp->state = st;
	return ifp;
}

static struct lsa_entry *h_lookup(struct lsdb *db, uint8_t type, uint32_t id)
{
	struct lsa_key k = { type, id, RID };

	return lsdb_lookup(db, &k);
}

static struct lsa_entry *h_type5(struct h *h, uint32_t id)
{
	return h_lookup(&h->o->as_lsdb, LSA_AS_EXTERNAL, id);
}

static bool live(const struct lsa_entry *e)
{
	return e && !e->maxage_flushing;
}

/* The external LSA e, decoded (lsa_free it). */
static void decode(const struct lsa_entry *e, struct lsa *l)
{
	assert_non_null(e);
	assert_int_equal(lsa_decode(e->inst->data, e->inst->len, l), DROP_NONE);
	assert_true(l->checksum_ok);
}

static void test_external_set_originates_type5_with_metric_type_and_mask(void **state)
{
	struct h *h = *state;
	struct lsa l;

	h_iface(h, 0, NET(10, 0, 0, 1), ISM_DR);
	assert_int_equal(external_set(h->o, NET(172, 16, 1, 9), 24, 20, 2, 0, 7), 0);
	h_run(h, 1);
	decode(h_type5(h, NET(172, 16, 1, 0)), &l);
	assert_int_equal(l.hdr.options & OSPF_OPT_E, OSPF_OPT_E);
	assert_int_equal(l.hdr.adv_router, RID);
	assert_int_equal(l.external.mask, 0xffffff00u);
	assert_int_equal(l.external.nentries, 1);
	assert_true(l.external.entries[0].e_bit);
	assert_int_equal(l.external.entries[0].metric, 20);
	assert_int_equal(l.external.entries[0].forward, 0);
	assert_int_equal(l.external.entries[0].tag, 7);
	lsa_free(&l);
	/* metric type 1 clears the E bit of the metric */
	h_run(h, 6000);
	assert_int_equal(external_set(h->o, NET(172, 16, 1, 0), 24, 30, 1, 0, 0), 0);
	h_run(h, 1);
	decode(h_type5(h, NET(172, 16, 1, 0)), &l);
	assert_false(l.external.entries[0].e_bit);
	assert_int_equal(l.external.entries[0].metric, 30);
	lsa_free(&l);
}

static void test_external_set_refuses_bad_arguments(void **state)
{
	struct h *h = *state;

	assert_int_equal(external_set(h->o, 0, 33, 20, 2, 0, 0), -1);
	assert_int_equal(external_set(h->o, 0, 8, 20, 3, 0, 0), -1);
	assert_int_equal(external_set(h->o, 0, 8, EXTERNAL_METRIC_MAX, 2, 0, 0), -1);
	assert_int_equal(external_count(h->o), 0);
	assert_false(external_is_asbr(h->o));
}

/* Appendix E: 10.0.0.0/8 then 10.0.0.0/16: the /16 takes 10.0.0.0, the /8 moves to
 * 10.255.255.255; withdrawing the /16 gives the /8 its plain ID back. */
static void test_external_lsid_overlapping_prefixes_appendix_e(void **state)
{
	struct h *h = *state;
	struct lsa l;
	uint32_t id;

	h_iface(h, 0, NET(192, 168, 0, 1), ISM_DR);
	external_set(h->o, NET(10, 0, 0, 0), 8, 20, 2, 0, 0);
	h_run(h, 1);
	assert_true(external_lsid(h->o, NET(10, 0, 0, 0), 8, &id));
	assert_int_equal(id, NET(10, 0, 0, 0));
	external_set(h->o, NET(10, 0, 0, 0), 16, 30, 2, 0, 0);
	h_run(h, 6000);
	assert_true(external_lsid(h->o, NET(10, 0, 0, 0), 16, &id));
	assert_int_equal(id, NET(10, 0, 0, 0));
	assert_true(external_lsid(h->o, NET(10, 0, 0, 0), 8, &id));
	assert_int_equal(id, NET(10, 255, 255, 255));
	decode(h_type5(h, NET(10, 0, 0, 0)), &l);
	assert_int_equal(l.external.mask, 0xffff0000u);
	assert_int_equal(l.external.entries[0].metric, 30);
	lsa_free(&l);
	decode(h_type5(h, NET(10, 255, 255, 255)), &l);
	assert_int_equal(l.external.mask, 0xff000000u);
	assert_int_equal(l.external.entries[0].metric, 20);
	lsa_free(&l);
	/* a /32 on the broadcast address owns it: the /8 is not originated then */
	external_set(h->o, NET(10, 255, 255, 255), 32, 40, 2, 0, 0);
	assert_false(external_lsid(h->o, NET(10, 0, 0, 0), 8, &id));
	external_withdraw(h->o, NET(10, 255, 255, 255), 32);
	external_withdraw(h->o, NET(10, 0, 0, 0), 16);
	h_run(h, 6000);
	assert_true(external_lsid(h->o, NET(10, 0, 0, 0), 8, &id));
	assert_int_equal(id, NET(10, 0, 0, 0));
	decode(h_type5(h, NET(10, 0, 0, 0)), &l);
	assert_int_equal(l.external.mask, 0xff000000u);
	lsa_free(&l);
	assert_false(live(h_type5(h, NET(10, 255, 255, 255))));
}

static uint8_t router_flags(struct h *h, uint32_t area)
{
	struct lsa_entry *e = h_lookup(&ospf_area_find(h->o, area)->lsdb, LSA_ROUTER, RID);

	assert_non_null(e);
	return e->inst->data[20];
}

static void test_external_sets_e_bit_in_router_lsa_while_asbr(void **state)
{
	struct h *h = *state;
	struct area *stub;

	originate_router_lsa(h_iface(h, 0, NET(10, 0, 0, 1), ISM_DR)->area);
	h_iface(h, 1, NET(10, 1, 0, 1), ISM_DR);
	stub = ospf_area_find(h->o, 1);
	stub->type = AREA_STUB;
	originate_router_lsa(stub);
	h_run(h, 1);
	assert_int_equal(router_flags(h, 0) & LSA_ROUTER_E, 0);
	external_set(h->o, NET(172, 16, 0, 0), 16, 20, 2, 0, 0);
	h_run(h, 6000);
	assert_true(external_is_asbr(h->o));
	assert_int_equal(router_flags(h, 0) & LSA_ROUTER_E, LSA_ROUTER_E);
	/* no AS boundary routers in stub areas */
	assert_int_equal(router_flags(h, 1) & LSA_ROUTER_E, 0);
	external_withdraw(h->o, NET(172, 16, 0, 0), 16);
	h_run(h, 6000);
	assert_false(external_is_asbr(h->o));
	assert_int_equal(router_flags(h, 0) & LSA_ROUTER_E, 0);
}

/* RFC 2328 14.1: a withdrawn external is flushed at once (MaxAge), MinLSInterval or not. */
static void test_external_withdraw_flushes_at_maxage(void **state)
{
	struct h *h = *state;
	struct lsa_entry *e;

	h_iface(h, 0, NET(10, 0, 0, 1), ISM_DR);
	external_set(h->o, NET(172, 16, 0, 0), 16, 20, 2, 0, 0);
	h_run(h, 1);
	e = h_type5(h, NET(172, 16, 0, 0));
	assert_true(live(e));
	external_withdraw(h->o, NET(172, 16, 0, 0), 16);
	e = h_type5(h, NET(172, 16, 0, 0));
	assert_true(!e || (e->maxage_flushing && lsa_inst_age(e->inst, h->now) == LSA_MAX_AGE));
	h_run(h, 10000);
	assert_null(h_type5(h, NET(172, 16, 0, 0)));
	assert_int_equal(external_count(h->o), 0);
}

/* RFC 2328 12.4: a flapping prefix: one instance per MinLSInterval, and the last state gets
 * out once allowed. */
static void test_external_flapping_prefix_batched_by_min_ls_interval(void **state)
{
	struct h *h = *state;
	struct lsa_entry *e;
	int32_t seq;
	struct lsa l;

	h_iface(h, 0, NET(10, 0, 0, 1), ISM_DR);
	external_set(h->o, NET(172, 16, 0, 0), 16, 10, 2, 0, 0);
	h_run(h, 1);
	e = h_type5(h, NET(172, 16, 0, 0));
	seq = e->inst->hdr.seq;
	external_set(h->o, NET(172, 16, 0, 0), 16, 11, 2, 0, 0);
	h_run(h, 1000);
	external_set(h->o, NET(172, 16, 0, 0), 16, 12, 2, 0, 0);
	h_run(h, 1000);
	external_set(h->o, NET(172, 16, 0, 0), 16, 13, 1, 0, 0);
	h_run(h, 1000);
	e = h_type5(h, NET(172, 16, 0, 0));
	assert_int_equal(e->inst->hdr.seq, seq); /* still parked */
	h_run(h, 2100);
	e = h_type5(h, NET(172, 16, 0, 0));
	assert_int_equal(e->inst->hdr.seq, seq + 1);
	decode(e, &l);
	assert_int_equal(l.external.entries[0].metric, 13);
	assert_false(l.external.entries[0].e_bit);
	lsa_free(&l);
	h_run(h, 20000);
	assert_int_equal(h_type5(h, NET(172, 16, 0, 0))->inst->hdr.seq, seq + 1);
}

/* RFC 3101 2.4: into an NSSA a type-7, P bit and our address as forwarding address; no
 * type-5 when every area is an NSSA. */
static void test_external_nssa_originates_type7_with_p_bit(void **state)
{
	struct h *h = *state;
	struct iface *ifp = h_iface(h, 1, NET(10, 1, 0, 1), ISM_DR);
	struct lsa l;

	ifp->area->type = AREA_NSSA;
	external_set(h->o, NET(172, 16, 0, 0), 16, 20, 2, 0, 0);
	h_run(h, 1);
	assert_null(h_type5(h, NET(172, 16, 0, 0)));
	decode(h_lookup(&ifp->area->lsdb, LSA_NSSA, NET(172, 16, 0, 0)), &l);
	assert_int_equal(l.hdr.options & OSPF_OPT_NP, OSPF_OPT_NP);
	assert_int_equal(l.external.entries[0].forward, NET(10, 1, 0, 1));
	assert_int_equal(l.external.entries[0].metric, 20);
	lsa_free(&l);
	/* with a normal area too: type-5 there, and the type-7 without P (we translate) */
	h_iface(h, 0, NET(10, 0, 0, 1), ISM_DR);
	external_areas_changed(h->o);
	h_run(h, 6000);
	assert_true(live(h_type5(h, NET(172, 16, 0, 0))));
	decode(h_lookup(&ifp->area->lsdb, LSA_NSSA, NET(172, 16, 0, 0)), &l);
	assert_int_equal(l.hdr.options & OSPF_OPT_NP, 0);
	lsa_free(&l);
	/* no NSSA any more: its type-7 is flushed */
	ifp->area->type = AREA_NORMAL;
	external_areas_changed(h->o);
	assert_false(live(h_lookup(&ifp->area->lsdb, LSA_NSSA, NET(172, 16, 0, 0))));
}

/* Our router-LSA's point-to-point and transit link metrics; the stub links aside. */
static void link_metrics(struct h *h, uint16_t *transit, uint16_t *stub)
{
	struct lsa l;
	uint16_t i;

	decode(h_lookup(&ospf_area_find(h->o, 0)->lsdb, LSA_ROUTER, RID), &l);
	*transit = *stub = 0;
	for (i = 0; i < l.router.nlinks; i++) {
		if (l.router.links[i].type == LSA_LINK_STUB)
			*stub = l.router.links[i].metric;
		else
			*transit = l.router.links[i].metric;
	}
	lsa_free(&l);
}

static struct iface *h_transit(struct h *h)
{
	struct iface *ifp = h_iface(h, 0, NET(10, 0, 0, 1), ISM_DR);
	struct iface *stub = h_iface(h, 0, NET(10, 9, 0, 1), ISM_DR);
	struct nbr *n = nbr_new(ifp, R2, NET(10, 0, 0, 2));

	ifp->params.cost = 10;
	stub->params.cost = 5;
	ifp->dr = ifp->addr;
	ifp->dr_id = RID;
	n->state = NSM_FULL;
	originate_router_lsa(ifp->area);
	h_run(h, 1);
	return ifp;
}

/* RFC 6987: max-metric router-lsa administrative. */
static void test_stub_router_administrative_sets_transit_links_to_max(void **state)
{
	struct h *h = *state;
	uint16_t transit, stub;

	h_transit(h);
	link_metrics(h, &transit, &stub);
	assert_int_equal(transit, 10);
	assert_int_equal(stub, 5);
	stub_router_set(h->o, true, 0);
	h_run(h, 6000);
	link_metrics(h, &transit, &stub);
	assert_int_equal(transit, 0xffff);
	assert_int_equal(stub, 5);
	stub_router_set(h->o, false, 0);
	h_run(h, 6000);
	link_metrics(h, &transit, &stub);
	assert_int_equal(transit, 10);
}

/* RFC 6987: max-metric router-lsa on-startup N: for N seconds from the start. */
static void test_stub_router_on_startup_ends_after_period(void **state)
{
	struct h *h = *state;
	uint16_t transit, stub;

	h->o->start_ms = h->now;
	stub_router_set(h->o, false, 30);
	assert_true(stub_router_active(h->o));
	h_transit(h);
	link_metrics(h, &transit, &stub);
	assert_int_equal(transit, 0xffff);
	h_run(h, 29000);
	link_metrics(h, &transit, &stub);
	assert_int_equal(transit, 0xffff);
	h_run(h, 1500);
	assert_false(stub_router_active(h->o));
	link_metrics(h, &transit, &stub);
	assert_int_equal(transit, 10);
	/* configured once the period is over: no effect */
	stub_router_set(h->o, false, 30);
	assert_false(stub_router_active(h->o));
}

static bool jhas(struct json_object *j, const char *key)
{
	return json_object_object_get_ex(j, key, NULL);
}

/* FRR 8.4's keys of `show ip ospf json` for an ASBR and a stub router. */
static void test_show_ospf_json_asbr_and_stub_router_keys(void **state)
{
	struct h *h = *state;
	struct json_object *j, *a;

	h->o->start_ms = h->now;
	h_iface(h, 0, NET(10, 0, 0, 1), ISM_DR);
	j = show_ospf_json(h->o);
	assert_false(jhas(j, "asbrRouter"));
	assert_false(jhas(j, "stubAdvertisement"));
	json_object_put(j);
	external_set(h->o, NET(172, 16, 0, 0), 16, 20, 2, 0, 0);
	stub_router_set(h->o, true, 300);
	j = show_ospf_json(h->o);
	assert_string_equal(json_object_get_string(json_object_object_get(j, "asbrRouter")),
			    "injectingExternalRoutingInformation");
	assert_true(jhas(j, "stubAdvertisement"));
	assert_int_equal(json_object_get_int(json_object_object_get(j, "postStartEnabledSecs")),
			 300);
	a = json_object_object_get(json_object_object_get(j, "areas"), "0.0.0.0");
	assert_true(jhas(a, "originStubMaxDistRouterLsa"));
	assert_true(jhas(a, "indefiniteActiveAdmin"));
	assert_int_equal(json_object_get_int(json_object_object_get(a, "activeStartupRemainderMsec"
								       "s")),
			 300000);
	json_object_put(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_external_set_originates_type5_with_metric_type_and_mask),
		T(test_external_set_refuses_bad_arguments),
		T(test_external_lsid_overlapping_prefixes_appendix_e),
		T(test_external_sets_e_bit_in_router_lsa_while_asbr),
		T(test_external_withdraw_flushes_at_maxage),
		T(test_external_flapping_prefix_batched_by_min_ls_interval),
		T(test_external_nssa_originates_type7_with_p_bit),
		T(test_stub_router_administrative_sets_transit_links_to_max),
		T(test_stub_router_on_startup_ends_after_period),
		T(test_show_ospf_json_asbr_and_stub_router_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
