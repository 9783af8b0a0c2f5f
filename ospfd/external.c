/* SPDX-License-Identifier: ISC */
/*
 * AS-external-LSAs (RFC 2328 12.4.4) and NSSA-LSAs (RFC 3101 2.4) of the routes we inject.
 *
 * The announced routes are a sorted array (prefix, then length). Nothing else is stored: the
 * Link State ID of each route (Appendix E) and the LSAs themselves are derived from the array
 * when originate.c builds them, so a change only has to ask originate.c to rebuild the LSAs
 * whose ID it may have touched, and originate.c keeps MinLSInterval and flushes what is no
 * longer built.
 */
#include "external.h"

#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "originate.h"

struct external_table {
	struct external_route *routes; /* sorted by prefix, then len */
	size_t n, cap;
	unsigned int area_sig; /* the areas' types when last looked at */
};

static uint32_t len_mask(uint8_t len)
{
	return len ? ~0u << (32 - len) : 0;
}

static struct external_table *ext_table(struct ospf *o)
{
	if (!o->ext)
		o->ext = calloc(1, sizeof(*o->ext));
	return o->ext;
}

/* The first index whose (prefix, len) is not below (prefix, len). */
static size_t ext_lower_bound(const struct external_table *t, uint32_t prefix, uint8_t len)
{
	size_t lo = 0, hi = t ? t->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct external_route *r = &t->routes[mid];

		if (r->prefix < prefix || (r->prefix == prefix && r->len < len))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct external_route *ext_find(const struct external_table *t, uint32_t prefix,
					     uint8_t len)
{
	size_t i = ext_lower_bound(t, prefix, len);

	if (t && i < t->n && t->routes[i].prefix == prefix && t->routes[i].len == len)
		return &t->routes[i];
	return NULL;
}

/* Whether a longer prefix of the same network address follows r (it holds the plain ID). */
static bool ext_has_longer(const struct external_table *t, const struct external_route *r)
{
	size_t i = (size_t)(r - t->routes) + 1;

	return i < t->n && t->routes[i].prefix == r->prefix;
}

/* The ID r asks for: Appendix E, the less specific of two gets the host bits set. */
static uint32_t ext_wanted_lsid(const struct external_table *t, const struct external_route *r)
{
	return ext_has_longer(t, r) ? r->prefix | ~len_mask(r->len) : r->prefix;
}

/* The route whose LSAs carry lsid, or NULL. The most specific route of an address owns the
 * address itself; else the longest route whose broadcast address it is. */
static const struct external_route *ext_owner(const struct external_table *t, uint32_t lsid)
{
	size_t i = ext_lower_bound(t, lsid, 33);
	int len;

	if (!t)
		return NULL;
	if (i > 0 && t->routes[i - 1].prefix == lsid)
		return &t->routes[i - 1];
	for (len = 31; len >= 0; len--) {
		uint32_t host = ~len_mask((uint8_t)len);
		const struct external_route *r;

		if ((lsid & host) != host)
			break;
		r = ext_find(t, lsid & ~host, (uint8_t)len);
		if (r && ext_has_longer(t, r))
			return r;
	}
	return NULL;
}

bool external_lsid(const struct ospf *o, uint32_t prefix, uint8_t len, uint32_t *lsid)
{
	const struct external_table *t = o->ext;
	const struct external_route *r;
	uint32_t id;

	if (len > 32)
		return false;
	r = ext_find(t, prefix & len_mask(len), len);
	if (!r)
		return false;
	id = ext_wanted_lsid(t, r);
	if (ext_owner(t, id) != r)
		return false;
	*lsid = id;
	return true;
}

/* RFC 2328 12.4.4: type-5 LSAs go to the AS unless every area we have is a stub or NSSA
 * (RFC 3101: an ASBR inside an NSSA originates type-7 only). */
static bool ext_type5_wanted(const struct ospf *o)
{
	const struct area *a;

	list_for_each (a, &o->areas, node)
		if (a->type == AREA_NORMAL)
			return true;
	return list_empty(&o->areas);
}

/* RFC 3101 2.3: a type-7 with the P bit needs a forwarding address: ours in the area. */
static uint32_t nssa_fwd_addr(const struct area *a)
{
	const struct iface *ifp;

	list_for_each (ifp, &a->ifaces, area_node)
		if (ifp->state != ISM_DOWN && ifp->addr)
			return ifp->addr;
	return 0;
}

bool external_lsa_build(struct lsdb *db, const struct lsa_key *k, struct lsa *l)
{
	struct ospf *o = db->ospf;
	const struct external_table *t = o->ext;
	const struct external_route *r = ext_owner(t, k->id);
	uint32_t fwd;
	uint8_t options;

	if (!r || ext_wanted_lsid(t, r) != k->id)
		return false;
	if (k->type == LSA_AS_EXTERNAL) {
		if (db->area || !ext_type5_wanted(o))
			return false;
		options = OSPF_OPT_E;
		fwd = r->fwd;
	} else if (k->type == LSA_NSSA) {
		if (!db->area || db->area->type != AREA_NSSA)
			return false;
		/* RFC 3101 2.4: P set, so that the NSSA's border router translates it, but not
		 * when we originate the type-5 ourselves (then we are that border router) */
		fwd = r->fwd ? r->fwd : nssa_fwd_addr(db->area);
		options = !ext_type5_wanted(o) && fwd ? OSPF_OPT_NP : 0;
		if (!options)
			fwd = r->fwd;
	} else {
		return false;
	}
	if (!l)
		return true;
	l->external.entries = calloc(1, sizeof(*l->external.entries));
	if (!l->external.entries)
		return false;
	l->hdr.type = k->type;
	l->hdr.id = k->id;
	l->hdr.options = options;
	l->external.mask = len_mask(r->len);
	l->external.nentries = 1;
	l->external.entries[0].e_bit = r->metric_type == 2;
	l->external.entries[0].metric = r->metric;
	l->external.entries[0].forward = fwd;
	l->external.entries[0].tag = r->tag;
	return true;
}

/* Asks for the LSAs of lsid to be rebuilt in every scope (or flushed where not built). */
static void ext_touch_lsid(struct ospf *o, uint32_t lsid)
{
	struct lsa_key k5 = { LSA_AS_EXTERNAL, lsid, o->router_id };
	struct lsa_key k7 = { LSA_NSSA, lsid, o->router_id };
	struct area *a;

	originate_external_lsa(&o->as_lsdb, &k5);
	list_for_each (a, &o->areas, node)
		originate_external_lsa(&a->lsdb, &k7);
}

/* Every ID a change at prefix/len may have moved: the address itself, and the broadcast
 * address of each announced length of it (Appendix E), the changed one included. */
static void ext_touch_around(struct ospf *o, uint32_t prefix, uint8_t len)
{
	const struct external_table *t = o->ext;
	size_t i;

	ext_touch_lsid(o, prefix);
	if (len < 32)
		ext_touch_lsid(o, prefix | ~len_mask(len));
	for (i = ext_lower_bound(t, prefix, 0); t && i < t->n && t->routes[i].prefix == prefix; i++)
		if (t->routes[i].len != len && t->routes[i].len < 32)
			ext_touch_lsid(o, prefix | ~len_mask(t->routes[i].len));
}

/* RFC 2328 12.4.1: the E bit of our router-LSAs follows whether we announce externals. */
static void ext_asbr_changed(struct ospf *o)
{
	struct area *a;

	list_for_each (a, &o->areas, node)
		originate_router_lsa(a);
}

int external_set(struct ospf *o, uint32_t prefix, uint8_t len, uint32_t metric, uint8_t metric_type,
		 uint32_t fwd, uint32_t tag)
{
	struct external_table *t;
	struct external_route *r;
	bool was_asbr = external_is_asbr(o);
	size_t i;

	if (len > 32 || (metric_type != 1 && metric_type != 2) || metric >= EXTERNAL_METRIC_MAX)
		return -1;
	t = ext_table(o);
	if (!t)
		return -1;
	prefix &= len_mask(len);
	i = ext_lower_bound(t, prefix, len);
	if (i < t->n && t->routes[i].prefix == prefix && t->routes[i].len == len) {
		r = &t->routes[i];
	} else {
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 16;
			struct external_route *p = realloc(t->routes, cap * sizeof(*p));

			if (!p)
				return -1;
			t->routes = p;
			t->cap = cap;
		}
		memmove(&t->routes[i + 1], &t->routes[i], (t->n - i) * sizeof(*t->routes));
		t->n++;
		r = &t->routes[i];
	}
	*r = (struct external_route){ prefix, len, metric, metric_type, fwd, tag };
	ext_touch_around(o, prefix, len);
	if (!was_asbr)
		ext_asbr_changed(o);
	return 0;
}

void external_withdraw(struct ospf *o, uint32_t prefix, uint8_t len)
{
	struct external_table *t = o->ext;
	size_t i;

	if (!t || len > 32)
		return;
	prefix &= len_mask(len);
	i = ext_lower_bound(t, prefix, len);
	if (i >= t->n || t->routes[i].prefix != prefix || t->routes[i].len != len)
		return;
	memmove(&t->routes[i], &t->routes[i + 1], (t->n - i - 1) * sizeof(*t->routes));
	t->n--;
	ext_touch_around(o, prefix, len);
	if (!t->n)
		ext_asbr_changed(o);
}

bool external_is_asbr(const struct ospf *o)
{
	return o->ext && o->ext->n > 0;
}

size_t external_count(const struct ospf *o)
{
	return o->ext ? o->ext->n : 0;
}

const struct external_route *external_routes(const struct ospf *o, size_t *n)
{
	*n = o->ext ? o->ext->n : 0;
	return o->ext ? o->ext->routes : NULL;
}

const struct external_route *external_find(const struct ospf *o, uint32_t prefix, uint8_t len)
{
	if (len > 32)
		return NULL;
	return ext_find(o->ext, prefix & len_mask(len), len);
}

/* A summary of the areas' types: which scopes the LSAs go to. */
static unsigned int ext_area_sig(const struct ospf *o)
{
	const struct area *a;
	unsigned int sig = ext_type5_wanted(o);

	list_for_each (a, &o->areas, node)
		if (a->type == AREA_NSSA)
			sig = sig * 31 + a->id + 2;
	return sig;
}

void external_areas_changed(struct ospf *o)
{
	struct external_table *t = o->ext;
	unsigned int sig;
	size_t i;

	if (!t || !t->n)
		return;
	sig = ext_area_sig(o);
	if (sig == t->area_sig)
		return;
	t->area_sig = sig;
	/* touching every scope also flushes type-7s left in an area that is no NSSA any more */
	for (i = 0; i < t->n; i++) {
		uint32_t lsid;

		if (external_lsid(o, t->routes[i].prefix, t->routes[i].len, &lsid))
			ext_touch_lsid(o, lsid);
	}
}

void external_free(struct ospf *o)
{
	if (!o->ext)
		return;
	free(o->ext->routes);
	free(o->ext);
	o->ext = NULL;
}
