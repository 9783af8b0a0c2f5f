/* SPDX-License-Identifier: ISC */
#include "redist.h"

#include <stdlib.h>
#include <string.h>

#include "external.h"
#include "iface.h"

#define RTPROT_KERNEL_	2
#define RTPROT_STATIC_	4
#define RTPROT_ZEBRA_	11
#define RTPROT_ZSTATIC_ 196 /* FRR's staticd */
#define RTN_UNICAST_	1
#define RTN_BLACKHOLE_	6
#define SCOPE_LINK_	253

struct redist_kroute {
	uint32_t dst;
	uint8_t plen;
	uint32_t priority;
	int cls; /* redist_route_class(), or -1 for a default route kept for default-information */
};

struct redist_kaddr {
	int ifindex;
	uint32_t addr, peer;
	uint8_t plen;
};

struct redist {
	struct redist_kroute *routes;
	size_t nroutes, caproutes;
	struct redist_kaddr *addrs;
	size_t naddrs, capaddrs;
};

static uint32_t len_mask(uint8_t len)
{
	return len ? ~0u << (32 - len) : 0;
}

/* FRR's own daemons install their routes with these (zebra's is_selfroute). */
static bool proto_is_frr(uint8_t proto)
{
	return proto == RTPROT_ZEBRA_ || (proto >= 186 && proto <= 198);
}

/* Routes no source redistributes: loopback and multicast destinations. */
static bool dst_martian(uint32_t dst)
{
	return (dst >> 24) == 127 || dst >= 0xe0000000u;
}

int redist_route_class(const struct nl_route *r)
{
	if (r->table != NL_TABLE_MAIN || (r->type != RTN_UNICAST_ && r->type != RTN_BLACKHOLE_))
		return -1;
	if (r->protocol == RTPROT_STATIC_ || r->protocol == RTPROT_ZSTATIC_)
		return dst_martian(r->dst) ? -1 : CFG_REDIST_STATIC;
	if (r->protocol == NL_RTPROT_OSPF || proto_is_frr(r->protocol) || dst_martian(r->dst))
		return -1;
	/* an address's own network: `redistribute connected` reads it from the address */
	if (r->protocol == RTPROT_KERNEL_ && r->scope == SCOPE_LINK_)
		return -1;
	return CFG_REDIST_KERNEL;
}

bool redist_connected_covered(const struct ospf *o, uint32_t prefix, uint8_t len)
{
	const struct iface *ifp;

	if (!o)
		return false;
	list_for_each (ifp, &o->ifaces, node) {
		uint32_t m = len_mask(ifp->prefixlen);

		if (ifp->prefixlen <= len && (ifp->addr & m) == (prefix & m))
			return true;
		/* a point-to-point address announces its peer's host route */
		if (ifp->peer && ifp->prefixlen == 32 && len == 32 && prefix == ifp->peer)
			return true;
	}
	return false;
}

struct redist *redist_new(void)
{
	return calloc(1, sizeof(struct redist));
}

void redist_free(struct redist *rd)
{
	if (!rd)
		return;
	free(rd->routes);
	free(rd->addrs);
	free(rd);
}

void redist_routes_begin(struct redist *rd)
{
	rd->nroutes = 0;
}

static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return true;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(*arr, ncap * size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

/* The first route not below (dst, plen, priority): routes are kept sorted by that key, the
 * kernel's own (a full table is dumped in about this order, so inserts land at the end). */
static size_t route_lower_bound(const struct redist *rd, uint32_t dst, uint8_t plen,
				uint32_t priority)
{
	size_t lo = 0, hi = rd->nroutes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct redist_kroute *r = &rd->routes[mid];

		if (r->dst < dst || (r->dst == dst && (r->plen < plen || (r->plen == plen &&
									  r->priority < priority))))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void redist_route(struct redist *rd, const struct nl_route *r, bool deleted)
{
	int cls = redist_route_class(r);
	size_t i = route_lower_bound(rd, r->dst, r->plen, r->priority);
	bool found = i < rd->nroutes && rd->routes[i].dst == r->dst &&
		     rd->routes[i].plen == r->plen && rd->routes[i].priority == r->priority;

	/* a default route of another protocol (ours aside) counts for default-information */
	if (cls < 0 && r->plen == 0 && r->table == NL_TABLE_MAIN && r->protocol != NL_RTPROT_OSPF)
		cls = -2;
	if (deleted || cls == -1) {
		/* a replace may have turned it into a route we do not follow */
		if (found) {
			memmove(&rd->routes[i], &rd->routes[i + 1],
				(rd->nroutes - i - 1) * sizeof(*rd->routes));
			rd->nroutes--;
		}
		return;
	}
	if (!found) {
		if (!grow((void **)&rd->routes, &rd->caproutes, rd->nroutes, sizeof(*rd->routes)))
			return;
		memmove(&rd->routes[i + 1], &rd->routes[i],
			(rd->nroutes - i) * sizeof(*rd->routes));
		rd->nroutes++;
	}
	rd->routes[i] = (struct redist_kroute){ r->dst, r->plen, r->priority, cls };
}

void redist_addr(struct redist *rd, int ifindex, uint32_t addr, uint8_t prefixlen, uint32_t peer,
		 bool deleted)
{
	size_t i;

	for (i = 0; i < rd->naddrs; i++)
		if (rd->addrs[i].ifindex == ifindex && rd->addrs[i].addr == addr &&
		    rd->addrs[i].plen == prefixlen)
			break;
	if (deleted) {
		if (i < rd->naddrs)
			rd->addrs[i] = rd->addrs[--rd->naddrs];
		return;
	}
	if (i == rd->naddrs) {
		if (!grow((void **)&rd->addrs, &rd->capaddrs, rd->naddrs, sizeof(*rd->addrs)))
			return;
		rd->naddrs++;
	}
	rd->addrs[i] = (struct redist_kaddr){ ifindex, addr, peer, prefixlen };
}

/* ---- the wanted externals ---- */

struct want {
	struct external_route r;
	int rank; /* among equal prefixes the lowest rank wins */
};

struct want_set {
	struct want *w;
	size_t n, cap;
};

static void want_add(struct want_set *s, uint32_t prefix, uint8_t len, const struct cfg_external *c,
		     uint32_t def_metric, int rank)
{
	struct want *w;

	if (!grow((void **)&s->w, &s->cap, s->n, sizeof(*s->w)))
		return;
	w = &s->w[s->n++];
	w->r = (struct external_route){
		prefix & len_mask(len),	     len, c->metric_set ? c->metric : def_metric,
		c->metric_type == 1 ? 1 : 2, 0,	  0
	};
	w->rank = rank;
}

static int want_cmp(const void *a, const void *b)
{
	const struct want *x = a, *y = b;

	if (x->r.prefix != y->r.prefix)
		return x->r.prefix < y->r.prefix ? -1 : 1;
	if (x->r.len != y->r.len)
		return x->r.len < y->r.len ? -1 : 1;
	return x->rank - y->rank;
}

static bool have_kernel_default(const struct redist *rd)
{
	size_t i;

	for (i = 0; i < rd->nroutes; i++)
		if (rd->routes[i].plen == 0)
			return true;
	return false;
}

/* What the configuration asks for, sorted by prefix and length, one entry per prefix. */
static void want_build(const struct redist *rd, const struct ospf *o, const struct ospf_config *cfg,
		       struct want_set *s)
{
	const struct cfg_external *conn = &cfg->redist[CFG_REDIST_CONNECTED];
	const struct cfg_external *di = &cfg->default_info;
	size_t i, n = 0;

	if (conn->enabled)
		for (i = 0; i < rd->naddrs; i++) {
			const struct redist_kaddr *a = &rd->addrs[i];
			uint32_t net = (a->peer && a->plen == 32 ? a->peer : a->addr) &
				       len_mask(a->plen);

			if (!dst_martian(a->addr) && !redist_connected_covered(o, net, a->plen))
				want_add(s, net, a->plen, conn, REDIST_METRIC_DEFAULT, 0);
		}
	for (i = 0; i < rd->nroutes; i++) {
		const struct redist_kroute *r = &rd->routes[i];

		/* the default route only through default-information (as FRR) */
		if (r->cls < 0 || r->plen == 0 || !cfg->redist[r->cls].enabled)
			continue;
		want_add(s, r->dst, r->plen, &cfg->redist[r->cls], REDIST_METRIC_DEFAULT,
			 r->cls == CFG_REDIST_STATIC ? 1 : 2);
	}
	/* RFC 2328 12.4.4: the default route as an AS-external route */
	if (di->enabled && (di->always || have_kernel_default(rd)))
		want_add(s, 0, 0, di,
			 di->always ? REDIST_ALWAYS_METRIC_DEFAULT : REDIST_DEFAULT_METRIC_DEFAULT,
			 -1);
	if (!s->n)
		return;
	qsort(s->w, s->n, sizeof(*s->w), want_cmp);
	for (i = 1; i < s->n; i++)
		if (s->w[i].r.prefix != s->w[n].r.prefix || s->w[i].r.len != s->w[n].r.len)
			s->w[++n] = s->w[i];
	s->n = n + 1;
}

static bool ext_same(const struct external_route *a, const struct external_route *b)
{
	return a->metric == b->metric && a->metric_type == b->metric_type && a->fwd == b->fwd &&
	       a->tag == b->tag;
}

void redist_sync(struct redist *rd, struct ospf *o, const struct ospf_config *cfg)
{
	struct want_set s = { 0 };
	const struct external_route *have;
	struct external_route *gone = NULL;
	size_t nhave, i, j = 0, ngone = 0;

	if (!o)
		return;
	want_build(rd, o, cfg, &s);
	have = external_routes(o, &nhave);
	if (nhave)
		gone = calloc(nhave, sizeof(*gone));
	/* those announced and no longer wanted (collected: withdrawing changes the array) */
	for (i = 0; i < nhave && gone; i++) {
		while (j < s.n &&
		       (s.w[j].r.prefix < have[i].prefix ||
			(s.w[j].r.prefix == have[i].prefix && s.w[j].r.len < have[i].len)))
			j++;
		if (j >= s.n || s.w[j].r.prefix != have[i].prefix || s.w[j].r.len != have[i].len)
			gone[ngone++] = have[i];
	}
	for (i = 0; i < ngone; i++)
		external_withdraw(o, gone[i].prefix, gone[i].len);
	free(gone);
	for (i = 0; i < s.n; i++) {
		const struct external_route *cur = external_find(o, s.w[i].r.prefix, s.w[i].r.len);
		const struct external_route *r = &s.w[i].r;

		if (!cur || !ext_same(cur, r))
			external_set(o, r->prefix, r->len, r->metric, r->metric_type, r->fwd,
				     r->tag);
	}
	free(s.w);
}
