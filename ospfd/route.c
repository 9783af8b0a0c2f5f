/* SPDX-License-Identifier: ISC */
/* The OSPF routing table (RFC 2328 11), kept in arrays: see route.h. */
#include "route.h"

#include <stdlib.h>
#include <string.h>

uint32_t route_mask(uint8_t prefixlen)
{
	return prefixlen ? 0xffffffffu << (32 - (prefixlen > 32 ? 32 : prefixlen)) : 0;
}

uint8_t route_prefixlen(uint32_t mask)
{
	return ~mask ? (uint8_t)__builtin_clz(~mask) : 32;
}

const char *route_path_name(enum route_path p)
{
	switch (p) {
	case ROUTE_INTRA:
		return "intra-area";
	case ROUTE_INTER:
		return "inter-area";
	case ROUTE_E1:
		return "E1";
	case ROUTE_E2:
		return "E2";
	}
	return "?";
}

struct route_table *route_table_new(void)
{
	return calloc(1, sizeof(struct route_table));
}

void route_table_free(struct route_table *t)
{
	if (!t)
		return;
	free(t->routes);
	free(t->nh);
	free(t->index);
	free(t);
}

void route_table_clear(struct route_table *t)
{
	t->count = 0;
	t->nh_count = 0;
	if (t->index)
		memset(t->index, 0, t->index_cap * sizeof(*t->index));
}

/* Grows *arr to hold n elements of elsz bytes. */
static bool array_fit(void *arrp, size_t *cap, size_t n, size_t elsz)
{
	void **arr = arrp;
	void *a;

	if (n <= *cap)
		return true;
	a = realloc(*arr, n * elsz);
	if (!a)
		return false;
	*arr = a;
	*cap = n;
	return true;
}

static size_t key_hash(enum route_dest dest, uint32_t prefix, uint32_t x)
{
	uint64_t h = ((uint64_t)prefix << 32 | x) ^ ((uint64_t)dest << 61);

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (size_t)h;
}

static uint32_t route_key2(const struct route *r)
{
	return r->dest == ROUTE_ROUTER ? r->area : r->prefixlen;
}

/*
 * An index slot holds a route number + 1 in its low 24 bits (0: empty) and the top 8 bits of
 * the key's hash above them: a probe past another key reads no route, most of the time.
 */
#define INDEX_NUM_BITS 24
#define INDEX_NUM_MASK ((1u << INDEX_NUM_BITS) - 1)
#define ROUTE_MAX      (INDEX_NUM_MASK - 1)

static uint32_t index_tag(size_t h)
{
	return (uint32_t)((uint64_t)h >> 56) << INDEX_NUM_BITS;
}

static bool route_has_key(const struct route *r, enum route_dest dest, uint32_t prefix,
			  uint32_t len_or_area)
{
	return r->dest == dest && r->prefix == prefix && route_key2(r) == len_or_area;
}

/* The index slot of the key: its entry's, or the empty one where it would go. */
static size_t index_probe(const struct route_table *t, size_t h, enum route_dest dest,
			  uint32_t prefix, uint32_t len_or_area)
{
	size_t i, mask = t->index_cap - 1;
	uint32_t tag = index_tag(h);

	for (i = h & mask; t->index[i]; i = (i + 1) & mask)
		if ((t->index[i] & ~INDEX_NUM_MASK) == tag &&
		    route_has_key(&t->routes[(t->index[i] & INDEX_NUM_MASK) - 1], dest, prefix,
				  len_or_area))
			break;
	return i;
}

struct route *route_find(const struct route_table *t, enum route_dest dest, uint32_t prefix,
			 uint32_t len_or_area)
{
	size_t i;

	if (!t->index_cap)
		return NULL;
	i = index_probe(t, key_hash(dest, prefix, len_or_area), dest, prefix, len_or_area);
	return t->index[i] ? &t->routes[(t->index[i] & INDEX_NUM_MASK) - 1] : NULL;
}

static void index_insert(uint32_t *index, size_t cap, const struct route *r, uint32_t num)
{
	size_t h = key_hash(r->dest, r->prefix, route_key2(r)), i, mask = cap - 1;

	for (i = h & mask; index[i]; i = (i + 1) & mask)
		;
	index[i] = index_tag(h) | num;
}

bool route_table_copy_head(struct route_table *dst, const struct route_table *src, size_t count,
			   size_t nh_count)
{
	size_t i;

	route_table_clear(dst);
	if (!array_fit(&dst->routes, &dst->cap, count, sizeof(*src->routes)) ||
	    !array_fit(&dst->nh, &dst->nh_cap, nh_count, sizeof(*src->nh)) ||
	    !array_fit(&dst->index, &dst->index_cap, src->index_cap, sizeof(*src->index)))
		return false;
	if (count)
		memcpy(dst->routes, src->routes, count * sizeof(*src->routes));
	if (nh_count)
		memcpy(dst->nh, src->nh, nh_count * sizeof(*src->nh));
	if (dst->index_cap)
		memset(dst->index, 0, dst->index_cap * sizeof(*dst->index));
	for (i = 0; i < count; i++)
		index_insert(dst->index, dst->index_cap, &dst->routes[i], (uint32_t)i + 1);
	dst->count = count;
	dst->nh_count = nh_count;
	return true;
}

/* Keeps the index at most half full. */
static bool index_grow(struct route_table *t)
{
	size_t cap = t->index_cap ? t->index_cap * 2 : 64, i;
	uint32_t *index;

	if (t->count + 1 <= t->index_cap / 2)
		return true;
	index = calloc(cap, sizeof(*index));
	if (!index)
		return false;
	for (i = 0; i < t->count; i++)
		index_insert(index, cap, &t->routes[i], (uint32_t)i + 1);
	free(t->index);
	t->index = index;
	t->index_cap = cap;
	return true;
}

struct route *route_get(struct route_table *t, enum route_dest dest, uint32_t prefix,
			uint32_t len_or_area, bool *added)
{
	size_t h = key_hash(dest, prefix, len_or_area), i;
	struct route *r;

	*added = false;
	if (t->count >= ROUTE_MAX || !index_grow(t))
		return t->index_cap ? route_find(t, dest, prefix, len_or_area) : NULL;
	i = index_probe(t, h, dest, prefix, len_or_area);
	if (t->index[i])
		return &t->routes[(t->index[i] & INDEX_NUM_MASK) - 1];
	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct route *a = realloc(t->routes, cap * sizeof(*a));

		if (!a)
			return NULL;
		t->routes = a;
		t->cap = cap;
	}
	r = &t->routes[t->count++];
	memset(r, 0, sizeof(*r));
	r->dest = dest;
	r->prefix = prefix;
	if (dest == ROUTE_ROUTER)
		r->area = len_or_area;
	else
		r->prefixlen = (uint8_t)len_or_area;
	t->index[i] = index_tag(h) | (uint32_t)t->count;
	*added = true;
	return r;
}

struct route *route_add(struct route_table *t, enum route_dest dest, uint32_t prefix,
			uint32_t len_or_area)
{
	bool added;
	struct route *r = route_get(t, dest, prefix, len_or_area, &added);

	return added ? r : NULL;
}

static bool nh_reserve(struct route_table *t, size_t n)
{
	size_t cap = t->nh_cap ? t->nh_cap : 64;
	struct route_nexthop *a;

	if (t->nh_count + n <= t->nh_cap)
		return true;
	while (cap < t->nh_count + n)
		cap *= 2;
	if (cap > UINT32_MAX)
		return false;
	a = realloc(t->nh, cap * sizeof(*a));
	if (!a)
		return false;
	t->nh = a;
	t->nh_cap = cap;
	return true;
}

/* nh may point into t's own pool, which nh_reserve may move: its offset, or -1. */
static ptrdiff_t nh_offset_in(const struct route_table *t, const struct route_nexthop *nh)
{
	if (t->nh && nh >= t->nh && nh < t->nh + t->nh_cap)
		return nh - t->nh;
	return -1;
}

bool route_nexthops_set(struct route_table *t, struct route *r, const struct route_nexthop *nh,
			size_t n)
{
	ptrdiff_t off = nh_offset_in(t, nh);

	if (n > UINT16_MAX || !nh_reserve(t, n))
		return false;
	if (off >= 0)
		nh = t->nh + off;
	/* the last slice of the pool can be rewritten in place, unless it is the source */
	else if (r->nh_count && r->nh_first + r->nh_count == t->nh_count)
		t->nh_count = r->nh_first;
	memmove(t->nh + t->nh_count, nh, n * sizeof(*nh));
	r->nh_first = (uint32_t)t->nh_count;
	r->nh_count = (uint16_t)n;
	t->nh_count += n;
	return true;
}

static bool nh_same(const struct route_nexthop *a, const struct route_nexthop *b)
{
	return a->gw == b->gw && a->ifindex == b->ifindex;
}

static bool nh_has(const struct route_nexthop *set, size_t n, const struct route_nexthop *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (nh_same(&set[i], x))
			return true;
	return false;
}

bool route_nexthops_merge(struct route_table *t, struct route *r, const struct route_nexthop *nh,
			  size_t n, size_t max)
{
	size_t i, cnt = r->nh_count, first;
	ptrdiff_t off = nh_offset_in(t, nh);

	if (!nh_reserve(t, r->nh_count + n))
		return false;
	if (off >= 0)
		nh = t->nh + off;
	/* a fresh slice at the end of the pool (unless r's is already there) */
	if (!(r->nh_first + r->nh_count == t->nh_count)) {
		memmove(t->nh + t->nh_count, t->nh + r->nh_first, cnt * sizeof(*t->nh));
		r->nh_first = (uint32_t)t->nh_count;
		t->nh_count += cnt;
	}
	first = r->nh_first;
	for (i = 0; i < n && cnt < max && cnt < UINT16_MAX; i++) {
		if (nh_has(t->nh + first, cnt, &nh[i]))
			continue;
		t->nh[first + cnt++] = nh[i];
		t->nh_count++;
	}
	r->nh_count = (uint16_t)cnt;
	return true;
}

const struct route *route_lookup_addr(const struct route_table *t, uint32_t addr,
				      enum route_path worst)
{
	int len;

	for (len = 32; len >= 0; len--) {
		const struct route *r =
		    route_find(t, ROUTE_NETWORK, addr & route_mask((uint8_t)len), (uint32_t)len);

		if (r && r->path <= worst)
			return r;
	}
	return NULL;
}

size_t route_table_networks(const struct route_table *t)
{
	size_t i, n = 0;

	for (i = 0; t && i < t->count; i++)
		n += t->routes[i].dest == ROUTE_NETWORK;
	return n;
}

bool route_equal(const struct route_table *ta, const struct route *a, const struct route_table *tb,
		 const struct route *b)
{
	const struct route_nexthop *na = route_nexthops(ta, a), *nb = route_nexthops(tb, b);
	uint16_t i;

	if (a->path != b->path || a->cost != b->cost || a->type2_cost != b->type2_cost ||
	    a->area != b->area || a->tag != b->tag || a->router_flags != b->router_flags ||
	    a->nh_count != b->nh_count)
		return false;
	for (i = 0; i < a->nh_count; i++)
		if (!nh_has(nb, b->nh_count, &na[i]))
			return false;
	return true;
}

static bool same_key(const struct route *a, const struct route *b)
{
	return a->dest == b->dest && a->prefix == b->prefix && route_key2(a) == route_key2(b);
}

const struct route *route_find_like(const struct route_table *t, const struct route *r, size_t hint)
{
	if (!t)
		return NULL;
	/* tables built from much the same LSDB list their entries in much the same order */
	if (hint < t->count && same_key(&t->routes[hint], r))
		return &t->routes[hint];
	return route_find(t, r->dest, r->prefix, route_key2(r));
}

size_t route_table_diff(const struct route_table *old_t, const struct route_table *new_t,
			route_diff_fn fn, void *ctx)
{
	size_t i, n = 0;

	for (i = 0; new_t && i < new_t->count; i++) {
		const struct route *r = &new_t->routes[i], *o;

		if (r->dest != ROUTE_NETWORK)
			continue;
		o = route_find_like(old_t, r, i);
		if (o && route_equal(old_t, o, new_t, r))
			continue;
		n++;
		if (fn)
			fn(ctx, old_t, o, new_t, r);
	}
	for (i = 0; old_t && i < old_t->count; i++) {
		const struct route *o = &old_t->routes[i];

		if (o->dest != ROUTE_NETWORK || route_find_like(new_t, o, i))
			continue;
		n++;
		if (fn)
			fn(ctx, old_t, o, new_t, NULL);
	}
	return n;
}
