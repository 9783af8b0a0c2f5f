/* SPDX-License-Identifier: ISC */
/*
 * The kernel routing table: the routes this daemon wants in the kernel's main table, and the
 * ones it has installed there (protocol ospf, 188). A caller describes the whole desired set
 * (krt_begin, krt_want..., krt_commit); krt sends only the difference, in batches, and keeps
 * the installed set truthful: a route is recorded as installed only once the kernel said yes.
 *
 * Independent of the protocol: it knows prefixes, metrics and next hops, nothing of OSPF.
 *
 * - Start: krt_new() dumps the kernel's routes. Routes of protocol 188 left by a previous run
 *   count as installed; the first krt_commit() replaces those still wanted and deletes the
 *   rest. Nothing is deleted before that first commit.
 * - A route of another protocol is never touched. When one holds the same prefix and metric as
 *   a wanted route, the wanted route is not installed (and ours at that key is deleted, so the
 *   kernel does not hold both); it is logged and counted in `conflicts`, and installed when
 *   the other one goes away.
 * - A refused request is logged and counted and retried on a timer with bounded backoff
 *   (KRT_RETRY_MIN_MS doubling up to KRT_RETRY_MAX_MS), as is a route of ours the kernel
 *   deleted behind our back (seen as an RTM_DELROUTE event, or announced with
 *   krt_link_down()).
 * - krt_flush() removes every route of ours: the clean exit.
 */
#ifndef OSPFD_KRT_H
#define OSPFD_KRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct timerq;
struct krt;

/* Next hops of one route; more are cut (sorted first) and counted in nh_truncated. */
#define KRT_NH_MAX	 16
#define KRT_RETRY_MIN_MS 1000
#define KRT_RETRY_MAX_MS 30000
/* Delay before re-adding a route the kernel lost, or acting on another protocol's change. */
#define KRT_RESYNC_MS 100

struct krt_nexthop {
	uint32_t gw; /* host byte order; 0: directly attached (scope link) */
	int ifindex;
};

/* A route: the key is (dst, plen, metric), as the kernel's; next hops sorted by gw, ifindex. */
struct krt_route {
	uint32_t dst; /* host byte order, host bits cleared */
	uint8_t plen;
	bool stale; /* installed, but the kernel may hold something else: send it again */
	uint16_t nnh;
	uint32_t metric; /* the kernel's priority */
	struct krt_nexthop nh[KRT_NH_MAX];
};

struct krt_stats {
	uint64_t installed;    /* routes installed now */
	uint64_t adds;	       /* routes added (acknowledged) */
	uint64_t changes;      /* routes replaced (acknowledged) */
	uint64_t deletes;      /* routes deleted (acknowledged, or already gone) */
	uint64_t requests;     /* netlink requests sent */
	uint64_t batches;      /* sendmsg calls that carried them */
	uint64_t errors;       /* requests the kernel refused or did not answer */
	uint64_t retries;      /* retry rounds run by the timer */
	uint64_t conflicts;    /* routes not installed: another protocol holds the key */
	uint64_t stale;	       /* routes of a previous run found at start */
	uint64_t lost;	       /* routes of ours the kernel deleted behind our back */
	uint64_t nh_truncated; /* routes wanted with more than KRT_NH_MAX next hops */
	uint64_t dumps;	       /* route dumps read (at start, after lost events) */
	uint64_t overruns;     /* route events lost (a dump followed) */
};

/* level is a syslog level (LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG). */
typedef void (*krt_log_fn)(void *ctx, int level, const char *msg);

/*
 * Opens the route sockets and dumps the kernel's IPv4 routes. Retry timers run on tq. log may
 * be NULL. On failure returns NULL with a message in err. A failed dump is not fatal: it is
 * logged and tried again before the first commit sends anything.
 */
struct krt *krt_new(struct timerq *tq, krt_log_fn log, void *log_ctx, char *err, size_t errlen);
/* Cancels the timer and closes the sockets; installed routes stay (see krt_flush()). */
void krt_free(struct krt *k);

/* Starts a new desired set; the previous one stays in force until krt_commit(). */
void krt_begin(struct krt *k);
/*
 * Adds a route to the desired set: dst/plen (host bits are cleared), metric, and nnh next
 * hops (1 or more; the order does not matter, duplicates are merged). Returns 0, or -1 with
 * errno EINVAL (plen over 32, no next hop, ifindex not positive) or ENOMEM. A prefix and
 * metric given twice: the last wins.
 */
int krt_want(struct krt *k, uint32_t dst, uint8_t plen, uint32_t metric,
	     const struct krt_nexthop *nh, size_t nnh);
/*
 * Makes the desired set the one in force and sends the difference to the kernel: additions
 * and changes (NLM_F_CREATE | NLM_F_REPLACE), deletions. Returns the number of requests that
 * failed (they are retried), 0 when all went through or nothing had to change, -1 if nothing
 * could be sent (no dump yet, out of memory: also retried).
 */
int krt_commit(struct krt *k);
/* Deletes every route of ours from the kernel, synchronously (bounded), and forgets them. */
void krt_flush(struct krt *k);

/* The route event socket, to poll for POLLIN; then call krt_read(). */
int krt_fd(const struct krt *k);
/* Reads route events (bounded work): notices routes of ours deleted behind our back. */
void krt_read(struct krt *k);
/*
 * The interface went down or away: the kernel dropped routes through it without a word, so
 * those of ours are sent again at the next commit or retry.
 */
void krt_link_down(struct krt *k, int ifindex);

const struct krt_stats *krt_stats(const struct krt *k);
/* The installed routes, sorted by key (for show commands and tests). */
const struct krt_route *krt_installed(const struct krt *k, size_t *n);

/* ---- pure helpers, exposed for the unit tests ---- */

enum krt_op {
	KRT_OP_ADD,    /* wanted, not installed */
	KRT_OP_CHANGE, /* installed with other next hops (or stale) */
	KRT_OP_DELETE, /* installed, not wanted */
};

/* Orders routes by (dst, plen, metric). */
int krt_route_cmp_key(const struct krt_route *a, const struct krt_route *b);
/* Sorts and merges duplicate next hops; returns the new count. */
size_t krt_nexthops_normalize(struct krt_nexthop *nh, size_t n);
/*
 * Walks two sets sorted by key (no duplicate keys) and calls fn for every difference, in key
 * order: old is what is installed, new what is wanted. Returns how many calls it made.
 */
size_t krt_diff(const struct krt_route *old, size_t nold, const struct krt_route *new, size_t nnew,
		void (*fn)(void *ctx, enum krt_op op, const struct krt_route *old,
			   const struct krt_route *new),
		void *ctx);

#endif
