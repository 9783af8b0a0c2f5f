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

/* One run, as show commands report it. */
struct spf_run_log {
	uint64_t start_ms;     /* on the instance's clock */
	const char *reason;    /* the first request that led to it */
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
/* Runs now (cancels a pending run): builds a new o->rt, keeps the old one in o->rt_prev,
 * calls o->route_changed if they differ. */
void spf_run(struct ospf *o);

bool spf_pending(const struct ospf *o);
uint64_t spf_due_in_ms(const struct ospf *o); /* 0 if none pending */
/* NULL until the first schedule */
const struct spf_stats *spf_stats(const struct ospf *o);
/* The last run, or NULL if none ran. */
const struct spf_run_log *spf_last_run(const struct ospf *o);

/* After a run: whether e (a router- or network-LSA of area a) is on a's shortest-path tree,
 * and its distance from us. For `show ip ospf route ... explain`. */
bool spf_tree_dist(const struct ospf *o, const struct area *a, const struct lsa_entry *e,
		   uint32_t *dist);

/* Time source of the phase durations, in microseconds (default CLOCK_MONOTONIC). */
void spf_set_usclock(struct ospf *o, uint64_t (*now_us)(void *ctx), void *ctx);

#endif
