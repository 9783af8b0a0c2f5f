/* SPDX-License-Identifier: ISC */
/*
 * The OSPF routing table (RFC 2328 11): network entries (prefix, path type, cost, area, next
 * hops) and router entries (area border and AS boundary routers, per area). A table is built
 * whole by each SPF run; callers keep the previous one and ask for the difference.
 *
 * Storage is a few arrays per table, not an allocation per route: the entries, their next
 * hops (each entry a slice of one pool), and an open-addressing index.
 */
#ifndef OSPFD_ROUTE_H
#define OSPFD_ROUTE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 2328 11: path types, in order of preference (16.4.1) */
enum route_path {
	ROUTE_INTRA,
	ROUTE_INTER,
	ROUTE_E1,
	ROUTE_E2,
};

enum route_dest {
	ROUTE_NETWORK,
	ROUTE_ROUTER, /* an ABR or ASBR, reachable in one area */
};

struct route_nexthop {
	uint32_t gw; /* 0: directly attached */
	int ifindex;
	char ifname[IF_NAMESIZE];
};

struct route {
	enum route_dest dest;
	enum route_path path;
	uint32_t prefix; /* network address, or the router id of a router entry */
	uint8_t prefixlen;
	uint8_t router_flags; /* router entries: the B and E bits (LSA_ROUTER_B, _E) */
	bool transit;	      /* a transit network (from a network-LSA) */
	uint32_t cost;	      /* for E2: the cost to the ASBR / forwarding address */
	uint32_t type2_cost;
	uint32_t tag;
	uint32_t area;	     /* intra and inter-area: the area; router entries: theirs */
	uint32_t adv_router; /* the LSA's advertising router */
	uint32_t nh_first;   /* next hops: nh[nh_first .. nh_first + nh_count) of the table */
	uint16_t nh_count;
	uint8_t ext_prio; /* externals: RFC 3101 2.5 (6e) rank of the LSA (spf.c) */
	uint32_t fwd;	  /* externals: the LSA's forwarding address, 0 if none */
};

struct route_table {
	struct route *routes;
	size_t count, cap;
	struct route_nexthop *nh;
	size_t nh_count, nh_cap;
	uint32_t *index; /* open addressing: hash tag, route number + 1 (0 empty) */
	size_t index_cap;
};

struct route_table *route_table_new(void);
void route_table_free(struct route_table *t);
void route_table_clear(struct route_table *t);
/* Makes dst the first count entries of src, with its first nh_count next hops, which must be
 * all those entries use (dst's memory reused); false on no memory (dst left empty). */
bool route_table_copy_head(struct route_table *dst, const struct route_table *src, size_t count,
			   size_t nh_count);

struct route *route_find(const struct route_table *t, enum route_dest dest, uint32_t prefix,
			 uint32_t len_or_area);
/* The entry of t with r's key (r from another table), trying t's entry number hint first. */
const struct route *route_find_like(const struct route_table *t, const struct route *r,
				    size_t hint);
/* Adds an empty entry with the given key (must not exist); NULL on no memory or past
 * 2^24 - 2 entries. */
struct route *route_add(struct route_table *t, enum route_dest dest, uint32_t prefix,
			uint32_t len_or_area);
/* The entry with the given key, added empty (*added set) if there was none: one probe of the
 * index for both. NULL on no memory, or past 2^24 - 2 entries when the key is not there. */
struct route *route_get(struct route_table *t, enum route_dest dest, uint32_t prefix,
			uint32_t len_or_area, bool *added);
static inline const struct route_nexthop *route_nexthops(const struct route_table *t,
							 const struct route *r)
{
	return t->nh + r->nh_first;
}
/* Replaces r's next hops with n of nh (copied); false on no memory. */
bool route_nexthops_set(struct route_table *t, struct route *r, const struct route_nexthop *nh,
			size_t n);
/* Adds the next hops of nh not in r yet, up to max in all (ECMP); false on no memory. */
bool route_nexthops_merge(struct route_table *t, struct route *r, const struct route_nexthop *nh,
			  size_t n, size_t max);
/* The network entry of longest prefix containing addr, among paths up to worst; or NULL. */
const struct route *route_lookup_addr(const struct route_table *t, uint32_t addr,
				      enum route_path worst);
/* Number of network entries. */
size_t route_table_networks(const struct route_table *t);

/* Whether two entries (of two tables) say the same thing: path, costs, area, next hops. */
bool route_equal(const struct route_table *ta, const struct route *a, const struct route_table *tb,
		 const struct route *b);

/*
 * The network entries added (old_r NULL), changed, or removed (new_r NULL) from old to new;
 * either table may be NULL (empty). Returns the number of differences.
 */
typedef void (*route_diff_fn)(void *ctx, const struct route_table *old_t, const struct route *old_r,
			      const struct route_table *new_t, const struct route *new_r);
size_t route_table_diff(const struct route_table *old_t, const struct route_table *new_t,
			route_diff_fn fn, void *ctx);

const char *route_path_name(enum route_path p);
uint32_t route_mask(uint8_t prefixlen);
uint8_t route_prefixlen(uint32_t mask); /* leading ones of a mask */

#endif
