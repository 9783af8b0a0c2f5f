/* SPDX-License-Identifier: ISC */
/*
 * Area border router behaviour: see abr.h. Each run collects the LSAs wanted (area, type,
 * prefix, metric) from the routing table, gives each its link state id (Appendix E),
 * originates them, and withdraws ours that are not wanted any more.
 */
#include "abr.h"

#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "originate.h"
#include "spf.h"
#include "vlink.h"
#include "wire.h"

#define LS_INFINITY 0xffffffu

/* One LSA wanted: a summary (3, 4) into an area, or a translated type-5 (area unused). */
struct abr_want {
	uint32_t area;
	uint8_t type;
	uint8_t len;
	uint32_t prefix;
	uint32_t id; /* link state id, assigned once all are collected */
	uint32_t metric;
	const uint8_t *body; /* type 5: the type-7 body to copy (16 bytes) */
};

struct abr_set {
	struct abr_want *w;
	size_t n, cap;
	bool nomem;
};

/* abr.c's memory between runs: the type-5 LSAs we originated as translations. */
struct abr_state {
	uint32_t *xlate; /* link state ids, sorted */
	size_t nxlate;
};

static bool area_active(const struct area *a)
{
	const struct iface *ifp;

	list_for_each (ifp, &a->ifaces, area_node)
		if (ifp->state != ISM_DOWN)
			return true;
	return false;
}

/* FRR's `abr-type cisco`: interfaces in more than one area, one of the backbone's up. */
bool abr_is_abr(const struct ospf *o)
{
	const struct area *a;
	bool backbone = false;
	int configured = 0;

	list_for_each (a, &o->areas, node) {
		const struct iface *ifp;
		bool real = false, vl = false;

		list_for_each (ifp, &a->ifaces, area_node) {
			real |= !iface_is_vlink(ifp);
			vl |= iface_is_vlink(ifp);
		}
		/* like FRR: a configured virtual link makes the backbone configured, even
		 * before it is up (RFC 2328 15: its endpoints are border routers) */
		if (a->id == 0 && !list_empty(&a->ifaces) && (area_active(a) || vl))
			backbone = true;
		if (real)
			configured++;
	}
	return configured > 1 && backbone;
}

static bool area_translating(const struct ospf *o)
{
	const struct area *a;

	list_for_each (a, &o->areas, node)
		if (a->type == AREA_NSSA && a->nssa_translator)
			return true;
	return false;
}

uint8_t abr_router_flags(const struct area *a)
{
	uint8_t f = 0;

	if (!abr_is_abr(a->ospf))
		return 0;
	f |= LSA_ROUTER_B;
	/* RFC 3101 3.1: a translator originates type-5 LSAs: an AS boundary router outside
	 * stub areas; Nt where it translates whatever the election says */
	if (a->type != AREA_STUB && area_translating(a->ospf))
		f |= LSA_ROUTER_E;
	if (a->type == AREA_NSSA && a->nssa_translator && a->nssa_role == CFG_NSSA_ALWAYS)
		f |= LSA_ROUTER_NT;
	return f;
}

/* ---- configuration ---- */

bool abr_area_configure(struct area *a, const struct cfg_area *ca)
{
	enum area_type type = ca ? ca->type : AREA_NORMAL;
	bool changed = type != a->type;
	size_t i;

	a->type = type;
	a->no_summary = ca && type != AREA_NORMAL && ca->no_summary;
	a->nssa_role = ca ? (uint8_t)ca->nssa_role : CFG_NSSA_CANDIDATE;
	a->auth_type = ca && ca->auth > CFG_AUTH_NULL ? (uint8_t)ca->auth : 0;
	a->default_cost = 1;
	free(a->ranges);
	a->ranges = NULL;
	a->nranges = 0;
	if (ca && ca->nranges) {
		a->ranges = calloc(ca->nranges, sizeof(*a->ranges));
		for (i = 0; a->ranges && i < ca->nranges; i++) {
			const struct cfg_range *r = &ca->ranges[i];

			a->ranges[i].prefix = r->prefix & route_mask(r->len);
			a->ranges[i].len = r->len;
			a->ranges[i].advertise = !r->not_advertise;
			a->ranges[i].cost_set = r->cost_set;
			a->ranges[i].cost = r->cost;
		}
		if (a->ranges)
			a->nranges = ca->nranges;
	}
	if (ca && type != AREA_NORMAL)
		a->default_cost = ca->default_cost; /* area X default-cost */
	return changed;
}

static bool ranges_equal(const struct area *a, const struct cfg_area *ca)
{
	size_t n = ca ? ca->nranges : 0, i;

	if (n != a->nranges)
		return false;
	for (i = 0; i < n; i++) {
		const struct cfg_range *r = &ca->ranges[i];
		const struct area_range *g = &a->ranges[i];

		if (g->prefix != (r->prefix & route_mask(r->len)) || g->len != r->len ||
		    g->advertise == r->not_advertise || g->cost_set != r->cost_set ||
		    g->cost != r->cost)
			return false;
	}
	return true;
}

static void area_type_changed(struct area *a)
{
	struct iface *ifp;

	ospf_logf(a->ospf, 5, "area %s: type changed, its adjacencies start over", ipstr(a->id));
	/* RFC 2328 10.5: the neighbors' E and N options no longer match: start over */
	list_for_each (ifp, &a->ifaces, area_node)
		if (ifp->state != ISM_DOWN) {
			iface_fsm(ifp, ISM_EV_INTERFACE_DOWN);
			iface_fsm(ifp, ISM_EV_INTERFACE_UP);
		}
	originate_router_lsa(a); /* the options of our LSAs */
}

void abr_configure(struct ospf *o, const struct ospf_config *cfg)
{
	struct area *a;
	bool changed = false;

	list_for_each (a, &o->areas, node) {
		const struct cfg_area *ca = config_area_find(cfg, a->id);
		enum area_type type = ca ? ca->type : AREA_NORMAL;
		bool same = type == a->type &&
			    a->no_summary == (ca && type != AREA_NORMAL && ca->no_summary) &&
			    a->nssa_role == (ca ? (uint8_t)ca->nssa_role : CFG_NSSA_CANDIDATE) &&
			    a->default_cost == (ca && type != AREA_NORMAL ? ca->default_cost : 1) &&
			    ranges_equal(a, ca);

		if (same)
			continue;
		changed = true;
		if (abr_area_configure(a, ca))
			area_type_changed(a);
	}
	if (changed)
		spf_schedule(o, "area configuration changed");
	vlink_configure(o, cfg); /* RFC 2328 15: area X virtual-link */
}

/* ---- collecting what we originate ---- */

static void want_add(struct abr_set *s, uint32_t area, uint8_t type, uint32_t prefix, uint8_t len,
		     uint32_t metric, const uint8_t *body)
{
	struct abr_want w = { area, type, len, prefix, prefix, metric, body };

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		struct abr_want *p = realloc(s->w, cap * sizeof(*p));

		if (!p) {
			s->nomem = true;
			return;
		}
		s->w = p;
		s->cap = cap;
	}
	s->w[s->n++] = w;
}

/* Whether one of r's next hops leaves through an interface of area a (12.4.3: such a route
 * is not announced into a). */
static bool nexthops_in_area(const struct route_table *t, const struct route *r,
			     const struct area *a)
{
	const struct route_nexthop *nh = route_nexthops(t, r);
	const struct iface *ifp;
	uint16_t i;

	for (i = 0; i < r->nh_count; i++)
		list_for_each (ifp, &a->ifaces, area_node)
			if (ifp->ifindex == nh[i].ifindex)
				return true;
	return false;
}

/* The longest range of area a that contains prefix/len, or NULL. */
static const struct area_range *range_match(const struct area *a, uint32_t prefix, uint8_t len)
{
	const struct area_range *best = NULL;
	size_t i;

	for (i = 0; i < a->nranges; i++) {
		const struct area_range *g = &a->ranges[i];

		if (g->len <= len && (prefix & route_mask(g->len)) == g->prefix &&
		    (!best || g->len > best->len))
			best = g;
	}
	return best;
}

/* Whether area a receives summaries other than the default (not totally stubby). */
static bool area_takes_summaries(const struct area *a)
{
	return a->type == AREA_NORMAL || !a->no_summary;
}

/* RFC 2328 12.4.3: a network route of area src (intra-area, or inter-area from the
 * backbone) into every other area. */
static void want_network(struct abr_set *s, const struct ospf *o, const struct route_table *t,
			 const struct route *r)
{
	const struct area *a;

	list_for_each (a, &o->areas, node) {
		if (a->id == r->area || !area_active(a) || !area_takes_summaries(a))
			continue;
		if (nexthops_in_area(t, r, a))
			continue;
		want_add(s, a->id, LSA_SUMMARY_NET, r->prefix, r->prefixlen, r->cost, NULL);
	}
}

/* RFC 2328 12.4.3: a range with at least one component is announced once, with the cost of
 * its costliest component or the configured one; not-advertise hides it and its parts. */
static void want_range(struct abr_set *s, const struct ospf *o, const struct route_table *t,
		       const struct area *src, const struct area_range *g)
{
	const struct area *a;
	uint32_t cost = 0;
	bool active = false;
	size_t i;

	for (i = 0; i < t->count; i++) {
		const struct route *r = &t->routes[i];

		if (r->dest != ROUTE_NETWORK || r->path != ROUTE_INTRA || r->area != src->id ||
		    r->cost >= LS_INFINITY || range_match(src, r->prefix, r->prefixlen) != g)
			continue;
		active = true;
		if (r->cost > cost)
			cost = r->cost;
	}
	if (!active || !g->advertise)
		return;
	if (g->cost_set)
		cost = g->cost;
	list_for_each (a, &o->areas, node)
		if (a != src && area_active(a) && area_takes_summaries(a))
			want_add(s, a->id, LSA_SUMMARY_NET, g->prefix, g->len, cost, NULL);
}

/* RFC 2328 16.4.1: the preferred entry for router rid, among its entries in t. */
static bool router_better(const struct route *r, const struct route *best)
{
	if (r->path != best->path)
		return r->path < best->path;
	if ((r->area == 0) != (best->area == 0))
		return r->area != 0;
	if (r->cost != best->cost)
		return r->cost < best->cost;
	return r->area > best->area;
}

static bool router_is_best(const struct route_table *t, const struct route *r)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		const struct route *q = &t->routes[i];

		if (q != r && q->dest == ROUTE_ROUTER && q->prefix == r->prefix &&
		    (q->router_flags & LSA_ROUTER_E) && router_better(q, r))
			return false;
	}
	return true;
}

/* RFC 2328 12.4.3: an AS boundary router (type 4) into the areas that carry externals. */
static void want_asbr(struct abr_set *s, const struct ospf *o, const struct route_table *t,
		      const struct route *r)
{
	const struct area *src = ospf_area_find(o, r->area), *a;

	/* RFC 3101: an NSSA's AS boundary routers are not announced */
	if (!src || src->type == AREA_NSSA)
		return;
	list_for_each (a, &o->areas, node) {
		if (a == src || !area_active(a) || a->type != AREA_NORMAL)
			continue;
		if (nexthops_in_area(t, r, a))
			continue;
		want_add(s, a->id, LSA_SUMMARY_ASBR, r->prefix, 32, r->cost, NULL);
	}
}

static void want_routes(struct abr_set *s, const struct ospf *o, const struct route_table *t)
{
	const struct area *a;
	size_t i;

	for (i = 0; i < t->count; i++) {
		const struct route *r = &t->routes[i];
		const struct area *src;

		if (r->path > ROUTE_INTER || r->cost >= LS_INFINITY)
			continue;
		/* inter-area routes are passed on from the backbone only */
		if (r->path == ROUTE_INTER && r->area != 0)
			continue;
		if (r->dest == ROUTE_ROUTER) {
			if ((r->router_flags & LSA_ROUTER_E) && router_is_best(t, r))
				want_asbr(s, o, t, r);
			continue;
		}
		src = ospf_area_find(o, r->area);
		if (!src)
			continue;
		if (r->path == ROUTE_INTRA && range_match(src, r->prefix, r->prefixlen))
			continue; /* summarised by its range */
		want_network(s, o, t, r);
	}
	list_for_each (a, &o->areas, node) {
		for (i = 0; i < a->nranges; i++)
			want_range(s, o, t, a, &a->ranges[i]);
		/* RFC 2328 12.4.3.1, RFC 3101 2.2: the default into stub areas and NSSAs */
		if (a->id != 0 && a->type != AREA_NORMAL && area_active(a))
			want_add(s, a->id, LSA_SUMMARY_NET, 0, 0, a->default_cost, NULL);
	}
}

/* ---- NSSA translation (RFC 3101 3) ---- */

bool abr_nssa_elected(const struct ospf *o, const struct area *a)
{
	const struct route_table *t = o->rt;
	size_t i;

	if (a->type != AREA_NSSA || !abr_is_abr(o) || a->nssa_role == CFG_NSSA_NEVER)
		return false;
	if (a->nssa_role == CFG_NSSA_ALWAYS)
		return true;
	for (i = 0; t && i < t->count; i++) {
		const struct route *r = &t->routes[i];
		struct lsa_key k = { LSA_ROUTER, r->prefix, r->prefix };
		const struct lsa_entry *e;
		uint8_t flags;

		/* a reachable NSSA border router of a */
		if (r->dest != ROUTE_ROUTER || r->area != a->id || r->path != ROUTE_INTRA ||
		    !(r->router_flags & LSA_ROUTER_B))
			continue;
		e = lsdb_lookup(&a->lsdb, &k);
		flags = e && e->inst->len > LSA_HEADER_LEN ? e->inst->data[LSA_HEADER_LEN] : 0;
		if ((flags & LSA_ROUTER_NT) || r->prefix > o->router_id)
			return false;
	}
	return true;
}

struct xlate_ctx {
	struct abr_set *s;
	const struct ospf *o;
};

/* RFC 3101 3.2: a type-7 LSA with the P bit and a forwarding address, whose route the
 * routing table took, becomes a type-5 LSA of ours. */
static void xlate_one(struct lsa_entry *e, void *arg)
{
	struct xlate_ctx *c = arg;
	const uint8_t *d = e->inst->data;
	const struct route *r;
	uint32_t prefix;
	uint8_t len;
	uint16_t age = lsa_inst_age(e->inst, ospf_now(c->o)) & ~LSA_DO_NOT_AGE;

	if (e->key.type != LSA_NSSA || e->inst->len < LSA_HEADER_LEN + 16 || e->maxage_flushing ||
	    age >= LSA_MAX_AGE || e->key.adv_router == c->o->router_id)
		return;
	if (!(d[2] & OSPF_OPT_NP) || !get32(d + LSA_HEADER_LEN + 8) ||
	    get24(d + LSA_HEADER_LEN + 5) >= LS_INFINITY)
		return;
	len = route_prefixlen(get32(d + LSA_HEADER_LEN));
	prefix = e->key.id & route_mask(len);
	r = route_find(c->o->rt, ROUTE_NETWORK, prefix, len);
	if (!r || r->path < ROUTE_E1 || r->adv_router != e->key.adv_router)
		return;
	want_add(c->s, 0, LSA_AS_EXTERNAL, prefix, len, 0, d + LSA_HEADER_LEN);
}

static void want_translations(struct abr_set *s, struct ospf *o)
{
	struct xlate_ctx c = { s, o };
	struct area *a;
	bool flags_changed = false;

	list_for_each (a, &o->areas, node) {
		bool elected = abr_nssa_elected(o, a);

		if (elected != a->nssa_translator) {
			ospf_logf(o, 6, "area %s: %s NSSA translator", ipstr(a->id),
				  elected ? "now the" : "no longer the");
			a->nssa_translator = elected;
			flags_changed = true;
		}
		if (elected && a->lsdb.type_count[LSA_NSSA])
			lsdb_foreach(&a->lsdb, xlate_one, &c);
	}
	/* the E and Nt bits of our router-LSAs */
	if (flags_changed)
		list_for_each (a, &o->areas, node)
			if (a->router_lsa)
				originate_router_lsa(a);
}

/* ---- link state ids and origination ---- */

static int want_cmp(const void *x, const void *y)
{
	const struct abr_want *a = x, *b = y;

	if (a->area != b->area)
		return a->area < b->area ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1; /* longest first */
	return a->metric < b->metric ? -1 : a->metric > b->metric;
}

static int want_id_cmp(const void *x, const void *y)
{
	const struct abr_want *a = x, *b = y;

	if (a->area != b->area)
		return a->area < b->area ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Sorts the set, keeps one LSA per destination (the cheapest), and assigns link state ids
 * (RFC 2328 Appendix E): among networks of one address, the longest mask keeps the address,
 * the others take their broadcast address; an id still taken twice keeps its first. */
static void wants_finish(struct abr_set *s)
{
	size_t i, j = 0;

	if (!s->n)
		return;
	qsort(s->w, s->n, sizeof(*s->w), want_cmp);
	for (i = 0; i < s->n; i++) {
		struct abr_want *w = &s->w[i];

		if (j && s->w[j - 1].area == w->area && s->w[j - 1].type == w->type &&
		    s->w[j - 1].prefix == w->prefix) {
			if (s->w[j - 1].len == w->len)
				continue; /* the same destination, dearer */
			w->id = w->prefix | ~route_mask(w->len);
		}
		s->w[j++] = *w;
	}
	s->n = j;
	qsort(s->w, s->n, sizeof(*s->w), want_id_cmp);
	for (i = 0, j = 0; i < s->n; i++)
		if (!j || want_id_cmp(&s->w[j - 1], &s->w[i]))
			s->w[j++] = s->w[i];
	s->n = j;
}

static const struct abr_want *want_find(const struct abr_set *s, uint32_t area, uint8_t type,
					uint32_t id)
{
	struct abr_want k = { .area = area, .type = type, .id = id };

	return s->n ? bsearch(&k, s->w, s->n, sizeof(*s->w), want_id_cmp) : NULL;
}

static void want_originate(struct ospf *o, const struct abr_want *w)
{
	struct lsa_key k = { w->type, w->id, o->router_id };
	struct area *a = NULL;
	struct lsdb *db = &o->as_lsdb;
	uint8_t body[16] = { 0 }, options = OSPF_OPT_E;
	size_t len = 8;

	if (w->type == LSA_AS_EXTERNAL) {
		memcpy(body, w->body, 16);
		len = 16;
	} else {
		a = ospf_area_find(o, w->area);
		if (!a)
			return;
		db = &a->lsdb;
		options = a->type == AREA_NORMAL ? OSPF_OPT_E : 0;
		put32(body, route_mask(w->len));
		put24(body + 5, w->metric);
	}
	if (!originate_lsa(db, &k, options, body, len))
		ospf_logf(o, 3, "no memory to originate a %s LSA", lsa_type_name(w->type));
}

struct stale_ctx {
	const struct abr_set *s;
	uint32_t area;
	struct lsa_key *keys;
	size_t n, cap;
};

/* Our summaries of the area not wanted any more (removed after the walk). */
static void stale_collect(struct lsa_entry *e, void *arg)
{
	struct stale_ctx *c = arg;

	if ((e->key.type != LSA_SUMMARY_NET && e->key.type != LSA_SUMMARY_ASBR) ||
	    !originate_lsa_wanted(e) || want_find(c->s, c->area, e->key.type, e->key.id))
		return;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct lsa_key *k = realloc(c->keys, cap * sizeof(*k));

		if (!k)
			return;
		c->keys = k;
		c->cap = cap;
	}
	c->keys[c->n++] = e->key;
}

static void summaries_withdraw_stale(struct ospf *o, const struct abr_set *s)
{
	struct stale_ctx c = { s, 0, NULL, 0, 0 };
	struct area *a;
	size_t i;

	list_for_each (a, &o->areas, node) {
		c.area = a->id;
		c.n = 0;
		if (a->lsdb.type_count[LSA_SUMMARY_NET] || a->lsdb.type_count[LSA_SUMMARY_ASBR])
			lsdb_foreach(&a->lsdb, stale_collect, &c);
		for (i = 0; i < c.n; i++)
			originate_lsa_withdraw(&a->lsdb, &c.keys[i]);
	}
	free(c.keys);
}

static struct abr_state *abr_state_get(struct ospf *o)
{
	if (!o->abr)
		o->abr = calloc(1, sizeof(*o->abr));
	return o->abr;
}

/* The translated type-5 LSAs: those of the last run not wanted now are withdrawn. */
static void translations_update(struct ospf *o, const struct abr_set *s)
{
	struct abr_state *st = abr_state_get(o);
	uint32_t *ids = NULL;
	size_t i, n = 0;

	if (!st)
		return;
	for (i = 0; i < s->n; i++)
		n += s->w[i].type == LSA_AS_EXTERNAL;
	if (n && !(ids = malloc(n * sizeof(*ids))))
		return; /* keep the last set */
	n = 0;
	for (i = 0; i < s->n; i++)
		if (s->w[i].type == LSA_AS_EXTERNAL)
			ids[n++] = s->w[i].id; /* sorted: the set is */
	for (i = 0; i < st->nxlate; i++)
		if (!want_find(s, 0, LSA_AS_EXTERNAL, st->xlate[i])) {
			struct lsa_key k = { LSA_AS_EXTERNAL, st->xlate[i], o->router_id };

			originate_lsa_withdraw(&o->as_lsdb, &k);
		}
	free(st->xlate);
	st->xlate = ids;
	st->nxlate = n;
}

void abr_run(struct ospf *o)
{
	struct abr_set s = { 0 };
	size_t i;

	if (o->shutting_down)
		return;
	if (o->rt && abr_is_abr(o)) {
		want_routes(&s, o, o->rt);
		want_translations(&s, o);
	} else {
		want_translations(&s, o); /* only clears the translator state */
	}
	if (s.nomem) {
		ospf_logf(o, 3, "ABR: out of memory, summary-LSAs left as they were");
		free(s.w);
		return;
	}
	wants_finish(&s);
	for (i = 0; i < s.n; i++)
		want_originate(o, &s.w[i]);
	summaries_withdraw_stale(o, &s);
	translations_update(o, &s);
	free(s.w);
}

void abr_fini(struct ospf *o)
{
	if (o->abr) {
		free(o->abr->xlate);
		free(o->abr);
		o->abr = NULL;
	}
}
