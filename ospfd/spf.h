/* SPDX-License-Identifier: ISC */
/*
 * The routing table calculation (RFC 2328 16): per area Dijkstra over the router and network
 * vertices of the LSDB (16.1) with next hops (16.1.1) and ECMP, then inter-area routes from
 * summary-LSAs (16.2) and AS-external routes (16.4). Runs are throttled the way FRR's
 * `timers throttle spf DELAY HOLD MAX` does, and recorded for `show ip ospf`.
 *
 * The LSDB entries double as the vertices (struct lsa_entry's spf_ fields) and LSA bodies
 * are read in wire form, bounds-checked: a run allocates nothing per vertex, and a malformed
 * stored LSA is skipped.
 */
#ifndef OSPFD_SPF_H
#define OSPFD_SPF_H

#include "ospf.h"

#define SPF_DEFAULT_MAX_PATHS	64
#define SPF_DEFAULT_DELAY_MS	0
#define SPF_DEFAULT_HOLDTIME_MS 50
#define SPF_DEFAULT_MAX_HOLD_MS 5000
#define SPF_HISTORY		8

/* How much of the calculation a change needs, narrowest first (RFC 2328 16.5, 16.6): a
 * change of AS-external (or NSSA) LSAs only the external step (16.4), of summary-LSAs the
 * inter-area step and what follows; anything else (router or network LSAs, interfaces,
 * configuration) all of it. Pending requests fold to the widest. */
enum spf_scope {
	SPF_SCOPE_EXTERNAL,
	SPF_SCOPE_INTER,
	SPF_SCOPE_FULL,
};

/* "full", "inter-area", "external" */
const char *spf_scope_name(enum spf_scope scope);

/* One run, as show commands report it. */
struct spf_run_log {
	uint64_t start_ms;     /* on the instance's clock */
	const char *reason;    /* the first request that led to it */
	enum spf_scope scope;  /* the steps it ran (intra_us 0 unless full) */
	unsigned int requests; /* requests folded into this run */
	uint64_t intra_us, inter_us, external_us, total_us;
	size_t routes; /* network entries */
	bool changed;  /* the table differs from the previous one */
};

struct spf_stats {
	uint64_t runs;
	uint32_t hold_multiplier;
	struct spf_run_log history[SPF_HISTORY]; /* history[(runs - 1) % SPF_HISTORY] is last */
};

/* Sets the defaults in o (max_paths, throttle); ospf_new calls it. */
void spf_init(struct ospf *o);
/* Cancels a pending run and frees SPF's state and both routing tables. */
void spf_fini(struct ospf *o);

/* Something the routing table depends on changed (reason: a static string): a run is
 * scheduled after the throttle delay, unless one is pending already. */
void spf_schedule(struct ospf *o, const char *reason);
/* The same for a change that needs only part of the calculation (see enum spf_scope). */
void spf_schedule_scope(struct ospf *o, enum spf_scope scope, const char *reason);
/* Runs now (cancels a pending run): builds a new o->rt, keeps the old one in o->rt_prev,
 * calls o->route_changed if they differ. spf_run runs all of the calculation. */
void spf_run(struct ospf *o);
/* Runs only the steps scope needs, from the results the last full run kept; a full run if
 * there are none. */
void spf_run_scope(struct ospf *o, enum spf_scope scope);

bool spf_pending(const struct ospf *o);
uint64_t spf_due_in_ms(const struct ospf *o); /* 0 if none pending */
/* NULL until the first schedule */
const struct spf_stats *spf_stats(const struct ospf *o);
/* The last run, or NULL if none ran. */
const struct spf_run_log *spf_last_run(const struct ospf *o);

/* One vertex of a shortest path: an LSA key and the distance from the root. */
struct spf_hop {
	uint8_t type; /* LSA_ROUTER or LSA_NETWORK */
	uint32_t id, adv_router;
	uint32_t dist;
};

/* The path the last run of area a took from us (router rid) to v, an entry of a's LSDB,
 * through the first parent of each vertex: root first, up to max hops. Returns the number of
 * hops, 0 if v is not on the tree (or the path is longer than max). */
size_t spf_path(const struct area *a, uint32_t rid, const struct lsa_entry *v, struct spf_hop *hops,
		size_t max);

/* Time source of the phase durations, in microseconds (default CLOCK_MONOTONIC). */
void spf_set_usclock(struct ospf *o, uint64_t (*now_us)(void *ctx), void *ctx);

#endif
