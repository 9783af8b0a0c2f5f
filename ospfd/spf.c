/* SPDX-License-Identifier: ISC */
/*
 * Routing table calculation (RFC 2328 16): see spf.h. The vertices are the LSDB entries;
 * their next hops live in one pool per run (an entry keeps a slice of it); the queue and the
 * pools are kept from run to run, so a run allocates only when the network grew.
 */
#include "spf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abr.h"
#include "pq.h"
#include "iface.h"
#include "vlink.h"
#include "wire.h"
#include "debug.h"

#define LS_INFINITY 0xffffffu
/* RFC 2328 16.1 (3): how many candidates of the least distance are taken out together */
#define SPF_BATCH 32

/* A next hop during SPF: the outgoing interface and the gateway (0 if attached). */
struct spf_nh {
	uint32_t gw;
	struct iface *ifp;
};

struct spf_state {
	struct timer *timer;
	const char *pending_reason;
	unsigned int pending_requests;
	enum spf_scope pending_scope;
	/* RFC 2328 16.5, 16.6: where the entries (and next hops) of the intra-area and of the
	 * inter-area step end in the last run's table, o->rt. A later step only adds entries
	 * (16.2 and 16.4 never replace one of an earlier step), so the head of o->rt up to
	 * there is what that step left, the start of a partial run. Valid after a run without
	 * memory failure. */
	size_t intra_end, intra_nh_end, inter_end, inter_nh_end;
	bool kept;
	uint64_t last_start_ms;
	bool ran;
	struct spf_stats stats;
	uint64_t (*usclock)(void *ctx);
	void *usclock_ctx;

	/* scratch, kept between runs */
	uint32_t gen;
	struct pq cand;			    /* the candidate list, RFC 2328 16.1 (2) */
	struct lsa_entry *batch[SPF_BATCH]; /* the candidates joining the tree together */
	struct spf_link *links;		    /* their links, being relaxed */
	size_t nlinks, links_cap;
	struct spf_nh *nh;
	size_t nh_count, nh_cap;
	struct lsa_entry **nets; /* the area's network-LSAs, by link state id */
	size_t nnets, nets_cap;
	struct route_nexthop *rnh; /* next hops being copied into a route */
	size_t rnh_cap;
	struct area *area; /* the area being computed */
	struct ospf *o;
	struct lsa_entry *root;
	uint64_t now_ms;
	size_t max_paths;
	bool nomem;
};

static uint64_t spf_monotonic_us(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void spf_init(struct ospf *o)
{
	o->max_paths = SPF_DEFAULT_MAX_PATHS;
	o->spf_delay_ms = SPF_DEFAULT_DELAY_MS;
	o->spf_holdtime_ms = SPF_DEFAULT_HOLDTIME_MS;
	o->spf_max_holdtime_ms = SPF_DEFAULT_MAX_HOLD_MS;
}

static struct spf_state *spf_state_get(struct ospf *o)
{
	struct spf_state *s = o->spf;

	if (s)
		return s;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	pq_init(&s->cand);
	s->usclock = spf_monotonic_us;
	s->stats.hold_multiplier = 1;
	o->spf = s;
	return s;
}

void spf_fini(struct ospf *o)
{
	struct spf_state *s = o->spf;

	if (s) {
		timer_cancel(&s->timer);
		pq_fini(&s->cand);
		free(s->nh);
		free(s->nets);
		free(s->rnh);
		free(s->links);
		free(s);
		o->spf = NULL;
	}
	route_table_free(o->rt);
	route_table_free(o->rt_prev);
	o->rt = o->rt_prev = NULL;
	abr_fini(o);
}

void spf_set_usclock(struct ospf *o, uint64_t (*now_us)(void *ctx), void *ctx)
{
	struct spf_state *s = spf_state_get(o);

	if (!s)
		return;
	s->usclock = now_us ? now_us : spf_monotonic_us;
	s->usclock_ctx = ctx;
}

/* Appends x (elsz bytes) to a growable array; false on no memory. */
static bool vec_push(void *arrp, size_t *n, size_t *cap, size_t elsz, const void *x)
{
	char **arr = arrp;

	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		char *a = realloc(*arr, c * elsz);

		if (!a)
			return false;
		*arr = a;
		*cap = c;
	}
	memcpy(*arr + *n * elsz, x, elsz);
	(*n)++;
	return true;
}

/* ---- LSA bodies, read in wire form ---- */

/* RFC 2328 16: LSAs of age MaxAge are not used. */
static bool lsa_usable(const struct spf_state *s, const struct lsa_entry *e)
{
	uint16_t age = lsa_inst_age(e->inst, s->now_ms) & ~LSA_DO_NOT_AGE;

	return !e->maxage_flushing && age < LSA_MAX_AGE;
}

struct rlink {
	uint32_t id, data;
	uint8_t type;
	uint16_t metric;
};

/* A link of a router that joined the tree, to router or network w (NULL: none). */
struct spf_link {
	struct lsa_entry *v, *w;
	struct rlink l;
	size_t slot; /* to a router: its hash bucket */
};

struct rlsa_iter {
	const uint8_t *p, *end;
	uint16_t left;
};

/* A router-LSA's body (A.4.2): flags, then nlinks links of 12 + 4 * #TOS bytes each. */
static bool rlsa_begin(const struct lsa_entry *e, struct rlsa_iter *it, uint8_t *flags)
{
	const struct lsa_inst *inst = e->inst;

	it->p = it->end = inst->data;
	it->left = 0;
	if (inst->len < LSA_HEADER_LEN + 4)
		return false;
	if (flags)
		*flags = inst->data[LSA_HEADER_LEN];
	it->left = get16(inst->data + LSA_HEADER_LEN + 2);
	it->p = inst->data + LSA_HEADER_LEN + 4;
	it->end = inst->data + inst->len;
	return true;
}

static bool rlsa_next(struct rlsa_iter *it, struct rlink *l)
{
	size_t size;

	if (!it->left || it->end - it->p < 12)
		return false;
	size = 12 + 4 * (size_t)it->p[9];
	if ((size_t)(it->end - it->p) < size)
		return false;
	l->id = get32(it->p);
	l->data = get32(it->p + 4);
	l->type = it->p[8];
	l->metric = get16(it->p + 10);
	it->p += size;
	it->left--;
	return true;
}

/* Whether all the links a router-LSA announces are there. */
static bool rlsa_valid(const struct lsa_entry *e)
{
	struct rlsa_iter it;
	struct rlink l;

	if (!rlsa_begin(e, &it, NULL))
		return false;
	while (rlsa_next(&it, &l))
		;
	return it.left == 0;
}

static uint32_t nlsa_count(const struct lsa_entry *e)
{
	return (uint32_t)(e->inst->len - LSA_HEADER_LEN - 4) / 4;
}

static uint32_t nlsa_router(const struct lsa_entry *e, uint32_t i)
{
	return get32(e->inst->data + LSA_HEADER_LEN + 4 + 4 * i);
}

static uint32_t nlsa_mask(const struct lsa_entry *e)
{
	return get32(e->inst->data + LSA_HEADER_LEN);
}

static bool nlsa_lists(const struct lsa_entry *net, uint32_t rid)
{
	uint32_t i, n = nlsa_count(net);

	for (i = 0; i < n; i++)
		if (nlsa_router(net, i) == rid)
			return true;
	return false;
}

/* ---- vertices ---- */

static bool vertex_is_router(const struct lsa_entry *v)
{
	return v->key.type == LSA_ROUTER;
}

static uint32_t vertex_dist(const struct lsa_entry *v)
{
	return v->spf_dist;
}

/* The candidate list's order: distance, then networks before routers (RFC 2328 16.1 (3)). */
static uint64_t dist_key(uint32_t dist, bool router)
{
	return (uint64_t)dist << 1 | router;
}

static uint64_t vertex_key(const struct lsa_entry *v)
{
	return dist_key(v->spf_dist, vertex_is_router(v));
}

static bool vertex_seen(const struct spf_state *s, const struct lsa_entry *v)
{
	return v->spf_gen == s->gen;
}

static struct lsa_entry *router_vertex_check(const struct spf_state *s, struct lsa_entry *e);

static struct lsa_entry *router_vertex(const struct spf_state *s, uint32_t rid)
{
	struct lsa_key k = { LSA_ROUTER, rid, rid };

	return router_vertex_check(s, lsdb_lookup(&s->area->lsdb, &k));
}

static int net_cmp(const void *a, const void *b)
{
	uint32_t x = (*(struct lsa_entry *const *)a)->key.id;
	uint32_t y = (*(struct lsa_entry *const *)b)->key.id;

	return x < y ? -1 : x > y;
}

static void net_collect(struct lsa_entry *e, void *arg)
{
	struct spf_state *s = arg;

	if (e->key.type != LSA_NETWORK || e->inst->len < LSA_HEADER_LEN + 4 || !lsa_usable(s, e))
		return;
	if (!vec_push(&s->nets, &s->nnets, &s->nets_cap, sizeof(e), &e))
		s->nomem = true;
}

/* RFC 2328 16.1 (2): the network-LSA of link state id id that links back to router rid. */
static struct lsa_entry *network_vertex(const struct spf_state *s, uint32_t id, uint32_t rid)
{
	size_t lo = 0, hi = s->nnets;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->nets[mid]->key.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nnets && s->nets[lo]->key.id == id; lo++)
		if (nlsa_lists(s->nets[lo], rid))
			return s->nets[lo];
	return NULL;
}

/* RFC 2328 16.1 (2b): w must link back to v. For a router w, returns its link's data in
 * *data (its interface address on the network v, or on the point-to-point link). */
static bool router_links_back(const struct lsa_entry *w, const struct lsa_entry *v, uint32_t *data)
{
	uint8_t want = vertex_is_router(v) ? LSA_LINK_P2P : LSA_LINK_TRANSIT;
	struct rlsa_iter it;
	struct rlink l;

	rlsa_begin(w, &it, NULL);
	while (rlsa_next(&it, &l))
		if ((l.type == want || (want == LSA_LINK_P2P && l.type == LSA_LINK_VIRTUAL)) &&
		    l.id == v->key.id) {
			*data = l.data;
			return true;
		}
	return false;
}

/* ---- next hops (16.1.1) ---- */

static struct iface *iface_by_link_data(const struct area *a, uint32_t data)
{
	struct iface *ifp;

	list_for_each (ifp, &a->ifaces, area_node)
		if (ifp->addr ? ifp->addr == data : (uint32_t)ifp->ifindex == data)
			return ifp;
	return NULL;
}

/* The interface of a stub network of ours: its subnet, its address (loopback host route),
 * or the far end of a /32 point-to-point address. */
static struct iface *iface_by_stub(const struct area *a, uint32_t net, uint32_t mask)
{
	struct iface *ifp;

	list_for_each (ifp, &a->ifaces, area_node)
		if ((ifp->addr & mask) == (net & mask) || (ifp->peer && ifp->peer == net))
			return ifp;
	return NULL;
}

/* Appends a next hop to the slice being built from first, unless present or full. */
static void nh_append(struct spf_state *s, size_t first, uint32_t gw, struct iface *ifp)
{
	struct spf_nh x = { gw, ifp };
	size_t i;

	if (s->nh_count - first >= s->max_paths)
		return;
	for (i = first; i < s->nh_count; i++)
		if (s->nh[i].gw == gw && s->nh[i].ifp == ifp)
			return;
	if (!vec_push(&s->nh, &s->nh_count, &s->nh_cap, sizeof(x), &x))
		s->nomem = true;
}

/* RFC 2328 16.1.1: the next hops to w through its parent v (link l of v, or v a network),
 * appended to the slice that starts at first. back is w's link data back to v. */
static void nh_compute(struct spf_state *s, size_t first, const struct lsa_entry *v,
		       const struct lsa_entry *w, const struct rlink *l, uint32_t back)
{
	size_t i;

	if (v == s->root) {
		/* a virtual link is known by its other end: two may share an address */
		struct iface *ifp = l->type == LSA_LINK_VIRTUAL
					? vlink_to(s->o, w->key.id)
					: iface_by_link_data(s->area, l->data);
		uint32_t gw = 0;

		if (!ifp)
			return;
		if (iface_is_vlink(ifp)) {
			/* RFC 2328 16.1.1: through the transit area's next hops */
			uint32_t vgw[VLINK_MAX_NH];
			int idx[VLINK_MAX_NH];
			size_t k, n = vlink_nexthops(ifp, vgw, idx, VLINK_MAX_NH);

			for (k = 0; k < n; k++) {
				struct iface *out = ospf_iface_find(s->o, idx[k]);

				if (out)
					nh_append(s, first, vgw[k], out);
			}
			return;
		}
		if (vertex_is_router(w)) {
			/* point-to-point: the neighbor's address, from Hellos or its LSA */
			struct nbr *n = iface_nbr_find_by_id(ifp, w->key.id);

			if (n)
				gw = n->addr;
			else if (ifp->addr)
				gw = back;
		}
		nh_append(s, first, gw, ifp);
		return;
	}
	for (i = v->spf_nh; i < (size_t)v->spf_nh + v->spf_nnh; i++) {
		struct spf_nh nh = s->nh[i];

		/* a network we are attached to: w's own address on it */
		if (!vertex_is_router(v) && !nh.gw)
			nh.gw = back;
		nh_append(s, first, nh.gw, nh.ifp);
	}
}

/* RFC 2328 16.1 (2d): w at dist through v: a new candidate, a shorter path, or one more
 * equal-cost path. */
static void candidate_update(struct spf_state *s, struct lsa_entry *w, const struct lsa_entry *v,
			     const struct rlink *l, uint32_t back, uint32_t dist)
{
	size_t first = s->nh_count, i;
	bool fresh = !vertex_seen(s, w);

	if (!fresh && dist > vertex_dist(w))
		return;
	if (!fresh && dist == vertex_dist(w)) {
		/* the union of both sets, in a fresh slice */
		for (i = w->spf_nh; i < (size_t)w->spf_nh + w->spf_nnh; i++)
			nh_append(s, first, s->nh[i].gw, s->nh[i].ifp);
		nh_compute(s, first, v, w, l, back);
		if (s->nh_count - first == w->spf_nnh) {
			s->nh_count = first; /* nothing new */
			return;
		}
		w->spf_nh = (uint32_t)first;
		w->spf_nnh = (uint16_t)(s->nh_count - first);
		return;
	}
	nh_compute(s, first, v, w, l, back);
	if (s->nh_count == first)
		return; /* no way out: not reachable this way */
	/* a shorter path: pushed again, the old pair is skipped when it comes out; without the
	 * memory for that, w keeps the path it had */
	if (!pq_push(&s->cand, dist_key(dist, vertex_is_router(w)), w)) {
		s->nomem = true;
		s->nh_count = first;
		return;
	}
	w->spf_parent_type = v->key.type;
	w->spf_parent_id = v->key.id;
	w->spf_nh = (uint32_t)first;
	w->spf_nnh = (uint16_t)(s->nh_count - first);
	w->spf_dist = dist;
	if (fresh) {
		w->spf_gen = s->gen;
		w->spf_done = false;
	}
}

/* The router vertex rid, if its LSA is usable and sound (checked once per run). */
static struct lsa_entry *router_vertex_check(const struct spf_state *s, struct lsa_entry *e)
{
	if (!e || vertex_seen(s, e))
		return e;
	if (!lsa_usable(s, e) || !rlsa_valid(e))
		return NULL;
	return e;
}

static void stub_add(struct spf_state *s, struct route_table *t, const struct lsa_entry *v,
		     const struct rlink *l);

/* A point-to-point link or a virtual link (RFC 2328 15): a router at the far end. */
static bool link_to_router(uint8_t type)
{
	return type == LSA_LINK_P2P || type == LSA_LINK_VIRTUAL;
}

static void link_push(struct spf_state *s, const struct spf_link *x)
{
	if (!vec_push(&s->links, &s->nlinks, &s->links_cap, sizeof(*x), x))
		s->nomem = true;
}

/* Whether router rid is v's first parent on the tree. */
static bool parent_router_is(const struct lsa_entry *v, uint32_t rid)
{
	return v->spf_parent_type == LSA_ROUTER && v->spf_parent_id == rid;
}

/* RFC 2328 16.1 (2): link l of router v to w (already looked up; NULL: none), at v's
 * distance plus the link's cost. */
static void link_relax(struct spf_state *s, struct lsa_entry *v, struct lsa_entry *w,
		       const struct rlink *l)
{
	uint32_t back = 0;

	if (link_to_router(l->type))
		w = router_vertex_check(s, w);
	if (!w || (vertex_seen(s, w) && w->spf_done))
		return;
	/* (2b) the back link; a network's was checked when it was looked up */
	if (vertex_is_router(w) && !router_links_back(w, v, &back))
		return;
	candidate_update(s, w, v, l, back, vertex_dist(v) + l->metric);
}

/*
 * The links of router v to routers and networks into s->links, the far routers' hash
 * buckets fetched ahead; its stub networks straight into the table (16.1 stage 2). A link of
 * cost 0 is relaxed at once, as 16.1 (3) would before the next vertex joins the tree: it may
 * give another candidate at v's distance one more next hop, or make a network a candidate
 * at that distance, to be taken before the routers still waiting. Returns whether v has one.
 */
static bool links_gather(struct spf_state *s, struct route_table *t, struct lsa_entry *v)
{
	const struct lsdb *db = &s->area->lsdb;
	struct rlsa_iter it;
	struct spf_link x = { .v = v };
	bool zero = false;

	rlsa_begin(v, &it, NULL);
	while (rlsa_next(&it, &x.l)) {
		struct lsa_key k = { LSA_ROUTER, x.l.id, x.l.id };

		if (x.l.type == LSA_LINK_STUB) {
			stub_add(s, t, v, &x.l);
			continue;
		}
		if (link_to_router(x.l.type)) {
			if (parent_router_is(v, x.l.id))
				continue; /* on the tree before v: passed over without a lookup */
			x.slot = lsdb_slot(db, &k);
			/* looked up now only if relaxed now (cost 0), else by links_relax */
			x.w = x.l.metric ? NULL : lsdb_lookup_slot(db, x.slot, &k);
		} else if (x.l.type == LSA_LINK_TRANSIT) {
			x.w = network_vertex(s, x.l.id, v->key.id);
		} else {
			continue;
		}
		if (!x.l.metric) {
			link_relax(s, v, x.w, &x.l);
			zero = true;
			continue;
		}
		if (link_to_router(x.l.type))
			__builtin_prefetch(&db->buckets[x.slot]);
		link_push(s, &x);
	}
	return zero;
}

/* RFC 2328 16.1 (2): the links gathered from the routers that just joined the tree. The far
 * ends are looked up in stages (hash bucket, entry, LSA), each fetching ahead what the next
 * reads, so that the cache misses of all the links overlap instead of following one
 * another. */
static void links_relax(struct spf_state *s)
{
	const struct lsdb *db = &s->area->lsdb;
	struct spf_link *b = s->links;
	size_t n = s->nlinks, i;

	for (i = 0; i < n; i++)
		if (link_to_router(b[i].l.type) && db->buckets[b[i].slot])
			__builtin_prefetch(db->buckets[b[i].slot]);
	for (i = 0; i < n; i++) {
		if (link_to_router(b[i].l.type)) {
			struct lsa_key k = { LSA_ROUTER, b[i].l.id, b[i].l.id };

			b[i].w = lsdb_lookup_slot(db, b[i].slot, &k);
		}
		/* a vertex on the tree already is passed over without its LSA */
		if (b[i].w && !(vertex_seen(s, b[i].w) && b[i].w->spf_done)) {
			__builtin_prefetch(b[i].w->inst);
			__builtin_prefetch((const char *)b[i].w->inst + 64);
		}
	}
	for (i = 0; i < n; i++)
		link_relax(s, b[i].v, b[i].w, &b[i].l);
	s->nlinks = 0;
}

/* RFC 2328 16.1 (2): the routers of network v, at no cost from it. */
static void relax_network(struct spf_state *s, struct lsa_entry *v)
{
	uint32_t i, n = nlsa_count(v);

	for (i = 0; i < n; i++) {
		struct lsa_entry *w = router_vertex(s, nlsa_router(v, i));
		uint32_t back;

		if (!w || (vertex_seen(s, w) && w->spf_done))
			continue;
		if (!router_links_back(w, v, &back))
			continue;
		candidate_update(s, w, v, NULL, back, vertex_dist(v));
	}
}

/* ---- routing table entries ---- */

static const struct route_nexthop *nh_convert(struct spf_state *s, const struct spf_nh *nh,
					      size_t n)
{
	size_t i;

	if (n > s->rnh_cap) {
		struct route_nexthop *a = realloc(s->rnh, n * sizeof(*a));

		if (!a) {
			s->nomem = true;
			return NULL;
		}
		s->rnh = a;
		s->rnh_cap = n;
	}
	for (i = 0; i < n; i++) {
		s->rnh[i].gw = nh[i].gw;
		s->rnh[i].ifindex = nh[i].ifp->ifindex;
		memcpy(s->rnh[i].ifname, nh[i].ifp->name, sizeof(s->rnh[i].ifname));
	}
	return s->rnh;
}

/* Sets or merges the next hops of r (ECMP at equal cost). */
static void route_nh_put(struct spf_state *s, struct route_table *t, struct route *r,
			 const struct route_nexthop *nh, size_t n, bool merge)
{
	bool ok;

	if (!nh)
		return;
	ok = merge ? route_nexthops_merge(t, r, nh, n, s->max_paths)
		   : route_nexthops_set(t, r, nh, n > s->max_paths ? s->max_paths : n);
	if (!ok)
		s->nomem = true;
}

/* Adds or improves an entry: new if none, replaced if cost is lower, merged if equal.
 * Returns the entry to fill in when it was added or replaced, else NULL. */
static struct route *route_offer(struct spf_state *s, struct route_table *t, enum route_dest d,
				 uint32_t prefix, uint32_t x, enum route_path path, uint32_t cost,
				 const struct route_nexthop *nh, size_t n)
{
	bool added;
	struct route *r = route_get(t, d, prefix, x, &added);

	if (!r) {
		s->nomem = true;
		return NULL;
	}
	if (!added && (r->path < path || (r->path == path && r->cost < cost)))
		return NULL;
	if (!added && r->path == path && r->cost == cost) {
		route_nh_put(s, t, r, nh, n, true);
		return NULL;
	}
	r->path = path;
	r->cost = cost;
	r->nh_count = 0;
	route_nh_put(s, t, r, nh, n, false);
	return r;
}

static void intra_route(struct spf_state *s, struct route_table *t, uint32_t prefix, uint32_t mask,
			uint32_t cost, const struct spf_nh *nh, size_t n, uint32_t adv,
			bool transit)
{
	uint8_t len = route_prefixlen(mask);
	struct route *r;

	r = route_offer(s, t, ROUTE_NETWORK, prefix & route_mask(len), len, ROUTE_INTRA, cost,
			nh_convert(s, nh, n), n);
	if (r) {
		r->area = s->area->id;
		r->adv_router = adv;
		r->transit = transit;
	}
}

/* RFC 2328 16.1 (4): a vertex joins the tree. */
static void vertex_done(struct spf_state *s, struct route_table *t, struct lsa_entry *v)
{
	v->spf_done = true;
	if (v == s->root)
		return;
	if (vertex_is_router(v)) {
		uint8_t flags = v->inst->data[LSA_HEADER_LEN] & (LSA_ROUTER_B | LSA_ROUTER_E);
		struct route *r;

		if (!flags)
			return;
		/* an area border or AS boundary router: a router entry for this area */
		r = route_offer(s, t, ROUTE_ROUTER, v->key.id, s->area->id, ROUTE_INTRA,
				vertex_dist(v), nh_convert(s, s->nh + v->spf_nh, v->spf_nnh),
				v->spf_nnh);
		if (r) {
			r->router_flags = flags;
			r->adv_router = v->key.id;
		}
		return;
	}
	intra_route(s, t, v->key.id, nlsa_mask(v), vertex_dist(v), s->nh + v->spf_nh, v->spf_nnh,
		    v->key.adv_router, true);
}

/* RFC 2328 16.1 stage 2: a stub network of router v. Taken when v joins the tree (its next
 * hops are final then, and its LSA is at hand): entries only ever improve, so the order of
 * stubs and transit networks makes no difference. */
static void stub_add(struct spf_state *s, struct route_table *t, const struct lsa_entry *v,
		     const struct rlink *l)
{
	uint32_t cost = vertex_dist(v) + l->metric;

	if (v == s->root) {
		struct spf_nh nh = { 0, iface_by_stub(s->area, l->id, l->data) };

		if (nh.ifp)
			intra_route(s, t, l->id, l->data, cost, &nh, 1, v->key.id, false);
		return;
	}
	intra_route(s, t, l->id, l->data, cost, s->nh + v->spf_nh, v->spf_nnh, v->key.id, false);
}

/*
 * RFC 2328 16.1 (3): takes the candidates of least distance out of the list, up to
 * SPF_BATCH of them, into s->batch, and returns how many. They join the tree one after the
 * other, but the links they have of positive cost are relaxed together after the last: such
 * a link leads further than any of them (and a network at their distance comes before
 * them: their keys differ), so when it is relaxed makes no difference. Taking them together
 * lets their LSAs, and those of their neighbors, be fetched ahead in one go. Stale pairs (a
 * vertex pushed again closer, or already on the tree) are skipped.
 */
static size_t closest_pop(struct spf_state *s)
{
	struct pq_item top;
	size_t live = 0;

	while (!live && pq_pop(&s->cand, &top)) {
		uint64_t key = top.key;
		size_t n = 0, i;

		for (;;) {
			__builtin_prefetch(top.ptr);
			s->batch[n++] = top.ptr;
			if (n == SPF_BATCH || pq_empty(&s->cand) || pq_top(&s->cand)->key != key)
				break;
			pq_pop(&s->cand, &top);
		}
		for (i = 0; i < n; i++) {
			struct lsa_entry *v = s->batch[i];

			if (v->spf_done || vertex_key(v) != key)
				continue;
			__builtin_prefetch(v->inst);
			__builtin_prefetch((const char *)v->inst + 64);
			s->batch[live++] = v;
		}
	}
	return live;
}

/* The candidates of the batch from first on go back to the list, not yet on the tree. */
static void batch_requeue(struct spf_state *s, size_t first, size_t n)
{
	for (; first < n; first++)
		if (!pq_push(&s->cand, vertex_key(s->batch[first]), s->batch[first]))
			s->nomem = true;
}

/* RFC 2328 16.1 for area a. */
static void spf_area(struct spf_state *s, struct route_table *t, struct area *a)
{
	struct lsa_key k = { LSA_ROUTER, s->o->router_id, s->o->router_id };
	size_t n, i;

	s->area = a;
	s->gen++;
	if (!s->gen)
		s->gen++; /* 0 marks entries never seen */
	pq_clear(&s->cand);
	s->nh_count = 0;
	s->nnets = 0;
	s->root = lsdb_lookup(&a->lsdb, &k);
	if (!s->root || !lsa_usable(s, s->root) || !rlsa_valid(s->root))
		return;
	if (a->lsdb.type_count[LSA_NETWORK])
		lsdb_foreach(&a->lsdb, net_collect, s);
	if (s->nnets)
		qsort(s->nets, s->nnets, sizeof(*s->nets), net_cmp);

	/* (1) the root */
	s->root->spf_gen = s->gen;
	s->root->spf_done = false;
	s->root->spf_nh = 0;
	s->root->spf_nnh = 0;
	s->root->spf_parent_type = 0;
	s->root->spf_dist = 0;
	if (!pq_push(&s->cand, vertex_key(s->root), s->root)) {
		s->nomem = true;
		return;
	}
	/* (3) the closest candidates join the tree, until none is left */
	while ((n = closest_pop(s))) {
		for (i = 0; i < n; i++) {
			struct lsa_entry *v = s->batch[i];

			vertex_done(s, t, v);
			if (!vertex_is_router(v)) {
				relax_network(s, v);
			} else if (links_gather(s, t, v)) {
				/* a link of cost 0 was relaxed: what it found may come first */
				batch_requeue(s, i + 1, n);
				break;
			}
		}
		links_relax(s);
	}
}

struct path_find {
	uint32_t id, gen;
	const struct lsa_entry *found;
};

static void path_find_network(struct lsa_entry *e, void *arg)
{
	struct path_find *f = arg;

	if (e->key.type == LSA_NETWORK && e->key.id == f->id && e->spf_gen == f->gen && e->spf_done)
		f->found = e;
}

/* The parent of v on area a's tree of generation gen: a router by its id, the network on
 * the tree by its link state id (a show command's lookup, not SPF's). */
static const struct lsa_entry *path_parent(const struct area *a, const struct lsa_entry *v,
					   uint32_t gen)
{
	struct lsa_key k = { LSA_ROUTER, v->spf_parent_id, v->spf_parent_id };
	struct path_find f = { v->spf_parent_id, gen, NULL };

	if (v->spf_parent_type == LSA_ROUTER)
		return lsdb_lookup(&a->lsdb, &k);
	if (v->spf_parent_type == LSA_NETWORK)
		lsdb_foreach(&a->lsdb, path_find_network, &f);
	return f.found;
}

size_t spf_path(const struct area *a, uint32_t rid, const struct lsa_entry *v, struct spf_hop *hops,
		size_t max)
{
	struct lsa_key k = { LSA_ROUTER, rid, rid };
	const struct lsa_entry *root = lsdb_lookup(&a->lsdb, &k);
	size_t n = 0, i;

	if (!root || !root->spf_done)
		return 0;
	while (v && v->spf_gen == root->spf_gen && v->spf_done && n < max) {
		hops[n++] =
		    (struct spf_hop){ v->key.type, v->key.id, v->key.adv_router, vertex_dist(v) };
		if (v == root) {
			for (i = 0; i < n / 2; i++) {
				struct spf_hop x = hops[i];

				hops[i] = hops[n - 1 - i];
				hops[n - 1 - i] = x;
			}
			return n;
		}
		v = path_parent(a, v, root->spf_gen);
	}
	return 0;
}

/* ---- inter-area routes (16.2) ---- */

/* Whether we are in area a: our router-LSA is in its database. */
static bool area_attached(const struct spf_state *s, const struct area *a)
{
	struct lsa_key k = { LSA_ROUTER, s->o->router_id, s->o->router_id };
	struct lsa_entry *e = lsdb_lookup(&a->lsdb, &k);

	return e && lsa_usable(s, e);
}

struct summary_ctx {
	struct spf_state *s;
	struct route_table *t;
};

static void summary_one(struct lsa_entry *e, void *arg)
{
	struct summary_ctx *c = arg;
	struct spf_state *s = c->s;
	const uint8_t *d = e->inst->data;
	const struct route *br;
	struct route *r;
	uint32_t metric, cost, mask, area = s->area->id;
	uint8_t type = e->key.type;

	if ((type != LSA_SUMMARY_NET && type != LSA_SUMMARY_ASBR) ||
	    e->inst->len < LSA_HEADER_LEN + 8 || !lsa_usable(s, e))
		return;
	/* (1) unreachable, (2) our own */
	metric = get24(d + LSA_HEADER_LEN + 5);
	if (metric == LS_INFINITY || e->key.adv_router == s->o->router_id)
		return;
	/* (3) the advertising border router, reachable inside the area */
	br = route_find(c->t, ROUTE_ROUTER, e->key.adv_router, area);
	if (!br || br->path != ROUTE_INTRA)
		return;
	cost = br->cost + metric;
	if (type == LSA_SUMMARY_NET) {
		uint8_t len = route_prefixlen(get32(d + LSA_HEADER_LEN));

		mask = route_mask(len);
		r = route_offer(s, c->t, ROUTE_NETWORK, e->key.id & mask, len, ROUTE_INTER, cost,
				route_nexthops(c->t, br), br->nh_count);
	} else {
		r = route_offer(s, c->t, ROUTE_ROUTER, e->key.id, area, ROUTE_INTER, cost,
				route_nexthops(c->t, br), br->nh_count);
		if (r)
			r->router_flags = LSA_ROUTER_E;
	}
	if (r) {
		r->area = area;
		r->adv_router = e->key.adv_router;
	}
}

/* RFC 2328 16.2: from the backbone only when we are an area border router, else from the
 * areas we are in. */
static void spf_inter(struct spf_state *s, struct route_table *t)
{
	struct summary_ctx c = { s, t };
	struct area *a;
	bool backbone = false, abr;
	int attached = 0;

	list_for_each (a, &s->o->areas, node)
		if (area_attached(s, a)) {
			attached++;
			backbone |= a->id == 0;
		}
	/* FRR's abr-type cisco: without the backbone, every area's summaries count */
	abr = attached > 1 && backbone;
	list_for_each (a, &s->o->areas, node) {
		if (!area_attached(s, a) || (abr && a->id != 0))
			continue;
		s->area = a;
		if (a->lsdb.type_count[LSA_SUMMARY_NET] || a->lsdb.type_count[LSA_SUMMARY_ASBR])
			lsdb_foreach(&a->lsdb, summary_one, &c);
	}
}

/* ---- AS-external routes (16.4) ---- */

/* RFC 2328 16.4.1: the preferred entry for ASBR rid: intra-area over inter-area, then
 * paths through non-backbone areas, then the least cost, then the largest area id. */
static const struct route *asbr_route(const struct spf_state *s, const struct route_table *t,
				      uint32_t rid)
{
	const struct route *best = NULL;
	struct area *a;

	list_for_each (a, &s->o->areas, node) {
		const struct route *r = route_find(t, ROUTE_ROUTER, rid, a->id);

		if (!r || !(r->router_flags & LSA_ROUTER_E))
			continue;
		if (!best || r->path < best->path ||
		    (r->path == best->path &&
		     ((best->area == 0 && r->area != 0) ||
		      ((best->area == 0) == (r->area == 0) &&
		       (r->cost < best->cost || (r->cost == best->cost && r->area > best->area))))))
			best = r;
	}
	return best;
}

/* Whether a new external path (path, cost, type2) beats entry r (16.4 (6)): E1 before E2,
 * E2 by type-2 cost, then by the cost to the ASBR. > 0 better, 0 equal, < 0 worse. */
static int external_cmp(enum route_path path, uint32_t cost, uint32_t type2, const struct route *r)
{
	if (path != r->path)
		return path < r->path ? 1 : -1;
	if (path == ROUTE_E2 && type2 != r->type2_cost)
		return type2 < r->type2_cost ? 1 : -1;
	if (cost != r->cost)
		return cost < r->cost ? 1 : -1;
	return 0;
}

/* RFC 3101 2.5 (6e): a type-7 LSA with the P bit, then a type-5 LSA, then a type-7 LSA
 * without it. */
static uint8_t external_prio(bool nssa, const uint8_t *d)
{
	if (!nssa)
		return 1;
	return (d[2] & OSPF_OPT_NP) ? 2 : 0;
}

/* RFC 3101 2.5 (6e): between equally preferred LSAs that are functionally the same (the
 * same non-zero forwarding address), the one of higher rank, then of higher router id, is
 * taken alone: > 0 the new one, < 0 the entry's. 0: not the same, their paths merge. */
static int external_same_cmp(uint8_t prio, uint32_t adv, uint32_t fwd, const struct route *r)
{
	if (!fwd || fwd != r->fwd)
		return 0;
	if (prio != r->ext_prio)
		return prio > r->ext_prio ? 1 : -1;
	return adv > r->adv_router ? 1 : -1;
}

/* RFC 3101 2.5 (3): the NSSA AS boundary router of a type-7 LSA of area a: intra-area. */
static const struct route *nssa_asbr_route(const struct route_table *t, uint32_t rid,
					   const struct area *a)
{
	const struct route *r = route_find(t, ROUTE_ROUTER, rid, a->id);

	return r && r->path == ROUTE_INTRA && (r->router_flags & LSA_ROUTER_E) ? r : NULL;
}

/* RFC 2328 16.4 for a type-5 LSA, RFC 3101 2.5 for a type-7 LSA of area s->area. */
static void external_one(struct lsa_entry *e, void *arg)
{
	struct summary_ctx *c = arg;
	struct spf_state *s = c->s;
	struct route_table *t = c->t;
	const uint8_t *d = e->inst->data;
	const struct route *asbr, *via;
	uint32_t metric, fwd, x, cost, type2 = 0, prefix;
	enum route_path path;
	struct route *r;
	uint16_t i, n;
	uint8_t len;
	int cmp;
	bool nssa = e->key.type == LSA_NSSA;

	if ((e->key.type != LSA_AS_EXTERNAL && !nssa) || e->inst->len < LSA_HEADER_LEN + 16 ||
	    !lsa_usable(s, e))
		return;
	metric = get24(d + LSA_HEADER_LEN + 5);
	/* (1) unreachable, (2) our own */
	if (metric == LS_INFINITY || e->key.adv_router == s->o->router_id)
		return;
	/* (3) the ASBR must be reachable */
	asbr = nssa ? nssa_asbr_route(t, e->key.adv_router, s->area)
		    : asbr_route(s, t, e->key.adv_router);
	if (!asbr)
		return;
	fwd = get32(d + LSA_HEADER_LEN + 8);
	via = asbr;
	if (fwd) {
		/* ... and a forwarding address through an intra or inter-area route */
		via = route_lookup_addr(t, fwd, nssa ? ROUTE_INTRA : ROUTE_INTER);
		/* RFC 3101 2.5 (3): through the NSSA itself */
		if (!via || (nssa && via->area != s->area->id))
			return;
	}
	x = via->cost;
	path = (d[LSA_HEADER_LEN + 4] & 0x80) ? ROUTE_E2 : ROUTE_E1;
	if (path == ROUTE_E1)
		cost = x + metric;
	else {
		cost = x;
		type2 = metric;
	}
	len = route_prefixlen(get32(d + LSA_HEADER_LEN));
	prefix = e->key.id & route_mask(len);
	/* the next hops, copied out of the table (adding to it may move them) */
	n = via->nh_count;
	if (n > s->rnh_cap) {
		struct route_nexthop *a = realloc(s->rnh, n * sizeof(*a));

		if (!a) {
			s->nomem = true;
			return;
		}
		s->rnh = a;
		s->rnh_cap = n;
	}
	memcpy(s->rnh, route_nexthops(t, via), n * sizeof(*s->rnh));
	for (i = 0; fwd && i < n; i++)
		if (!s->rnh[i].gw)
			s->rnh[i].gw = fwd; /* the forwarding address is on our network */
	/* (4), (5) intra and inter-area routes win; (6) compare with another external */
	r = route_find(t, ROUTE_NETWORK, prefix, len);
	if (r && r->path <= ROUTE_INTER)
		return;
	cmp = r ? external_cmp(path, cost, type2, r) : 1;
	if (cmp < 0)
		return;
	if (cmp == 0)
		cmp = external_same_cmp(external_prio(nssa, d), e->key.adv_router, fwd, r);
	if (cmp < 0)
		return;
	if (cmp == 0) {
		route_nh_put(s, t, r, s->rnh, n, true);
		return;
	}
	if (!r) {
		r = route_add(t, ROUTE_NETWORK, prefix, len);
		if (!r) {
			s->nomem = true;
			return;
		}
	}
	r->path = path;
	r->cost = cost;
	r->type2_cost = type2;
	r->tag = get32(d + LSA_HEADER_LEN + 12);
	r->area = 0;
	r->adv_router = e->key.adv_router;
	r->ext_prio = external_prio(nssa, d);
	r->fwd = fwd;
	r->nh_count = 0;
	route_nh_put(s, t, r, s->rnh, n, false);
}

static void spf_external(struct spf_state *s, struct route_table *t)
{
	struct summary_ctx c = { s, t };
	struct area *a;

	if (s->o->as_lsdb.type_count[LSA_AS_EXTERNAL])
		lsdb_foreach(&s->o->as_lsdb, external_one, &c);
	/* RFC 3101 2.5: the type-7 LSAs of each NSSA we are in; between a type-5 and a type-7
	 * LSA of the same forwarding address and cost, 2.5 (6e) picks one (external_same_cmp) */
	list_for_each (a, &s->o->areas, node) {
		if (a->type != AREA_NSSA || !a->lsdb.type_count[LSA_NSSA] || !area_attached(s, a))
			continue;
		s->area = a;
		lsdb_foreach(&a->lsdb, external_one, &c);
	}
}

/* ---- running and scheduling ---- */

static bool routers_equal(const struct route_table *a, const struct route_table *b)
{
	size_t i, na = 0, nb = 0;

	for (i = 0; a && i < a->count; i++) {
		const struct route *r = &a->routes[i], *q;

		if (r->dest != ROUTE_ROUTER)
			continue;
		na++;
		q = route_find_like(b, r, i);
		if (!q || !route_equal(a, r, b, q))
			return false;
	}
	for (i = 0; b && i < b->count; i++)
		nb += b->routes[i].dest == ROUTE_ROUTER;
	return na == nb;
}

static void spf_event(const struct ospf *o, const struct spf_run_log *log)
{
	char us[24], routes[24];

	if (!o->event)
		return;
	snprintf(us, sizeof(us), "%llu", (unsigned long long)log->total_us);
	snprintf(routes, sizeof(routes), "%zu", log->routes);
	ospf_event(o, "spf", "reason", log->reason, "durationUsecs", us, "routes", routes,
		   "changed", log->changed ? "yes" : "no", NULL);
}

const char *spf_scope_name(enum spf_scope scope)
{
	switch (scope) {
	case SPF_SCOPE_EXTERNAL:
		return "external";
	case SPF_SCOPE_INTER:
		return "inter-area";
	case SPF_SCOPE_FULL:
		break;
	}
	return "full";
}

/* The head of the last run's table up to the end of a step, into t. */
static void spf_resume(struct spf_state *s, struct route_table *t, size_t end, size_t nh_end)
{
	if (!route_table_copy_head(t, s->o->rt, end, nh_end))
		s->nomem = true;
}

static bool any_transit_area(const struct ospf *o)
{
	struct area *a;

	list_for_each (a, &o->areas, node)
		if (vlink_area_is_transit(a))
			return true;
	return false;
}

void spf_run(struct ospf *o)
{
	spf_run_scope(o, SPF_SCOPE_FULL);
}

void spf_run_scope(struct ospf *o, enum spf_scope scope)
{
	struct spf_state *s = spf_state_get(o);
	struct spf_run_log *log;
	struct route_table *t;
	uint64_t t0, t1, t2, t3;
	struct area *a;

	if (!s)
		return;
	timer_cancel(&s->timer);
	/* the table before last is no longer needed: its memory holds the new one */
	t = o->rt_prev ? o->rt_prev : route_table_new();
	o->rt_prev = NULL;
	if (!t) {
		ospf_logf(o, 3, "SPF: no memory for a routing table");
		return;
	}
	route_table_clear(t);
	s->o = o;
	s->now_ms = ospf_now(o);
	s->max_paths = o->max_paths ? o->max_paths : 1;
	s->nomem = false;
	s->last_start_ms = s->now_ms;
	s->ran = true;
	/* 16.3 rewrites entries of the intra-area step: with a transit area, no partial run */
	if (!s->kept || !o->rt || any_transit_area(o))
		scope = SPF_SCOPE_FULL;
	t0 = s->usclock(s->usclock_ctx);
	if (scope == SPF_SCOPE_FULL) {
		list_for_each (a, &o->areas, node)
			spf_area(s, t, a);
		s->intra_end = t->count;
		s->intra_nh_end = t->nh_count;
	} else if (scope == SPF_SCOPE_INTER) {
		spf_resume(s, t, s->intra_end, s->intra_nh_end);
	}
	t1 = s->usclock(s->usclock_ctx);
	if (scope >= SPF_SCOPE_INTER) {
		spf_inter(s, t);
		vlink_transit_summaries(o, t); /* RFC 2328 16.3 */
		s->inter_end = t->count;
		s->inter_nh_end = t->nh_count;
	} else {
		spf_resume(s, t, s->inter_end, s->inter_nh_end);
	}
	t2 = s->usclock(s->usclock_ctx);
	spf_external(s, t);
	t3 = s->usclock(s->usclock_ctx);
	s->area = NULL;
	/* a table that may be incomplete is no start for a partial run */
	s->kept = !s->nomem;
	if (s->nomem)
		ospf_logf(o, 3, "SPF: out of memory, the routing table may be incomplete");

	log = &s->stats.history[s->stats.runs++ % SPF_HISTORY];
	memset(log, 0, sizeof(*log));
	log->start_ms = s->now_ms;
	log->reason = s->pending_reason ? s->pending_reason : "requested";
	log->scope = scope;
	log->requests = s->pending_requests;
	log->intra_us = scope == SPF_SCOPE_FULL ? t1 - t0 : 0;
	log->inter_us = scope >= SPF_SCOPE_INTER ? t2 - t1 : 0;
	log->external_us = t3 - t2;
	log->total_us = t3 - t0;
	log->routes = route_table_networks(t);
	s->pending_reason = NULL;
	s->pending_requests = 0;
	s->pending_scope = SPF_SCOPE_EXTERNAL;

	o->rt_prev = o->rt;
	o->rt = t;
	log->changed = route_table_diff(o->rt_prev, t, NULL, NULL) > 0 ||
		       !routers_equal(o->rt_prev, t);
	ospf_debug(o, OSPF_DEBUG_SPF, "SPF (%s, %s): %zu routes in %llu us%s", log->reason,
		   spf_scope_name(scope), log->routes, (unsigned long long)log->total_us,
		   log->changed ? ", changed" : "");
	spf_event(o, log);
	if (log->changed && o->route_changed)
		o->route_changed(o, o->route_changed_ctx);
	vlink_spf_update(o, t); /* RFC 2328 16.1: virtual links up or down */
	abr_run(o);		/* RFC 2328 12.4.3: the summaries follow the table */
}

static void spf_timer_fire(void *arg)
{
	struct ospf *o = arg;

	spf_run_scope(o, o->spf->pending_scope);
}

/* FRR's throttle: a request after a quiet hold time waits DELAY; one within the hold time
 * waits for its end, and the next hold time is one HOLD longer, up to MAX. */
void spf_schedule_scope(struct ospf *o, enum spf_scope scope, const char *reason)
{
	struct spf_state *s;
	uint64_t now, elapsed, ht, delay;

	if (o->shutting_down || !(s = spf_state_get(o)))
		return;
	if (!s->pending_reason)
		s->pending_reason = reason;
	s->pending_requests++;
	if (scope > s->pending_scope)
		s->pending_scope = scope; /* the widest request wins */
	if (s->timer)
		return;
	now = ospf_now(o);
	elapsed = s->ran && now >= s->last_start_ms ? now - s->last_start_ms : UINT64_MAX;
	ht = (uint64_t)o->spf_holdtime_ms * s->stats.hold_multiplier;
	if (ht > o->spf_max_holdtime_ms)
		ht = o->spf_max_holdtime_ms;
	if (elapsed < ht) {
		if (ht < o->spf_max_holdtime_ms)
			s->stats.hold_multiplier++;
		delay = ht - elapsed < o->spf_delay_ms ? o->spf_delay_ms : ht - elapsed;
	} else {
		delay = o->spf_delay_ms;
		s->stats.hold_multiplier = 1;
	}
	timer_arm(o->tq, &s->timer, delay, spf_timer_fire, o);
}

void spf_schedule(struct ospf *o, const char *reason)
{
	spf_schedule_scope(o, SPF_SCOPE_FULL, reason);
}

bool spf_pending(const struct ospf *o)
{
	return o->spf && o->spf->timer;
}

uint64_t spf_due_in_ms(const struct ospf *o)
{
	return spf_pending(o) ? timer_remaining(o->spf->timer) : 0;
}

const struct spf_stats *spf_stats(const struct ospf *o)
{
	return o->spf ? &o->spf->stats : NULL;
}

const struct spf_run_log *spf_last_run(const struct ospf *o)
{
	const struct spf_stats *st = spf_stats(o);

	return st && st->runs ? &st->history[(st->runs - 1) % SPF_HISTORY] : NULL;
}
