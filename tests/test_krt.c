/* SPDX-License-Identifier: ISC */
/*
 * The kernel routing table: first the pure diff of two route sets, then krt against a real
 * kernel, in a child process moved into a network namespace of its own (the host is never
 * touched), with a test clock driving the retry timer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "krt.h"
#include "netlink.h"
#include "timerq.h"

#include <errno.h>
#include <net/if.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

/* ---- the diff, without a kernel ---- */

static struct krt_route route(uint32_t dst, uint8_t plen, uint32_t metric, uint32_t gw)
{
	struct krt_route r;

	memset(&r, 0, sizeof(r));
	r.dst = dst;
	r.plen = plen;
	r.metric = metric;
	r.nnh = 1;
	r.nh[0].gw = gw;
	r.nh[0].ifindex = 2;
	return r;
}

struct diff_log {
	int n;
	enum krt_op op[16];
	uint32_t dst[16];
};

static void diff_record(void *ctx, enum krt_op op, const struct krt_route *old,
			const struct krt_route *new)
{
	struct diff_log *l = ctx;

	assert_true(l->n < 16);
	if (op == KRT_OP_ADD)
		assert_null(old);
	if (op == KRT_OP_DELETE)
		assert_null(new);
	if (op == KRT_OP_CHANGE)
		assert_int_equal(krt_route_cmp_key(old, new), 0);
	l->op[l->n] = op;
	l->dst[l->n++] = (new ? new : old)->dst;
}

static void test_diff_of_equal_sets_is_empty(void **state)
{
	struct krt_route a[2] = { route(IP4(10, 0, 0, 0), 24, 10, IP4(1, 1, 1, 1)),
				  route(IP4(10, 0, 1, 0), 24, 10, IP4(1, 1, 1, 1)) };
	struct diff_log l = { 0 };

	(void)state;
	assert_int_equal(krt_diff(a, 2, a, 2, diff_record, &l), 0);
	assert_int_equal(krt_diff(NULL, 0, NULL, 0, diff_record, &l), 0);
	assert_int_equal(l.n, 0);
}

static void test_diff_lists_adds_changes_and_deletes_in_key_order(void **state)
{
	struct krt_route old[3] = { route(IP4(10, 0, 0, 0), 24, 10, IP4(1, 1, 1, 1)),
				    route(IP4(10, 0, 1, 0), 24, 10, IP4(1, 1, 1, 1)),
				    route(IP4(10, 0, 3, 0), 24, 10, IP4(1, 1, 1, 1)) };
	struct krt_route new[3] = { route(IP4(10, 0, 1, 0), 24, 10, IP4(1, 1, 1, 2)),
				    route(IP4(10, 0, 2, 0), 24, 10, IP4(1, 1, 1, 1)),
				    route(IP4(10, 0, 3, 0), 24, 10, IP4(1, 1, 1, 1)) };
	struct diff_log l = { 0 };

	(void)state;
	assert_int_equal(krt_diff(old, 3, new, 3, diff_record, &l), 3);
	assert_int_equal(l.op[0], KRT_OP_DELETE);
	assert_int_equal(l.dst[0], IP4(10, 0, 0, 0));
	assert_int_equal(l.op[1], KRT_OP_CHANGE);
	assert_int_equal(l.dst[1], IP4(10, 0, 1, 0));
	assert_int_equal(l.op[2], KRT_OP_ADD);
	assert_int_equal(l.dst[2], IP4(10, 0, 2, 0));
}

static void test_diff_keys_on_prefix_length_and_metric_too(void **state)
{
	struct krt_route old[1] = { route(IP4(10, 0, 0, 0), 24, 10, IP4(1, 1, 1, 1)) };
	struct krt_route new[2] = { route(IP4(10, 0, 0, 0), 24, 20, IP4(1, 1, 1, 1)),
				    route(IP4(10, 0, 0, 0), 25, 10, IP4(1, 1, 1, 1)) };
	struct diff_log l = { 0 };

	(void)state;
	/* the kernel keeps routes of one prefix and two metrics apart: so do we */
	assert_int_equal(krt_diff(old, 1, new, 2, diff_record, &l), 3);
	assert_int_equal(l.op[0], KRT_OP_DELETE);
	assert_int_equal(l.op[1], KRT_OP_ADD);
	assert_int_equal(l.op[2], KRT_OP_ADD);
}

static void test_diff_sends_a_stale_route_again(void **state)
{
	struct krt_route old = route(IP4(10, 0, 0, 0), 24, 10, IP4(1, 1, 1, 1));
	struct krt_route new = old;
	struct diff_log l = { 0 };

	(void)state;
	old.stale = true;
	assert_int_equal(krt_diff(&old, 1, &new, 1, diff_record, &l), 1);
	assert_int_equal(l.op[0], KRT_OP_CHANGE);
}

static void test_diff_against_nothing_adds_or_deletes_all(void **state)
{
	struct krt_route a[2] = { route(IP4(10, 0, 0, 0), 24, 10, IP4(1, 1, 1, 1)),
				  route(IP4(10, 0, 1, 0), 24, 10, IP4(1, 1, 1, 1)) };
	struct diff_log l = { 0 };

	(void)state;
	assert_int_equal(krt_diff(NULL, 0, a, 2, diff_record, &l), 2);
	assert_int_equal(krt_diff(a, 2, NULL, 0, diff_record, &l), 2);
	assert_int_equal(l.op[0], KRT_OP_ADD);
	assert_int_equal(l.op[1], KRT_OP_ADD);
	assert_int_equal(l.op[2], KRT_OP_DELETE);
	assert_int_equal(l.op[3], KRT_OP_DELETE);
}

static void test_next_hops_are_sorted_and_merged(void **state)
{
	struct krt_nexthop nh[5] = {
		{ IP4(10, 0, 0, 3), 2 }, { IP4(10, 0, 0, 1), 3 }, { IP4(10, 0, 0, 3), 2 }, { 0, 4 },
		{ IP4(10, 0, 0, 1), 2 },
	};

	(void)state;
	assert_int_equal(krt_nexthops_normalize(nh, 5), 4);
	assert_int_equal(nh[0].gw, 0);
	assert_int_equal(nh[1].gw, IP4(10, 0, 0, 1));
	assert_int_equal(nh[1].ifindex, 2);
	assert_int_equal(nh[2].ifindex, 3);
	assert_int_equal(nh[3].gw, IP4(10, 0, 0, 3));
	assert_int_equal(krt_nexthops_normalize(nh, 0), 0);
}

/* ---- against a kernel, in a private network namespace ---- */

#define LIVE_CANNOT_UNSHARE 77
#define LIVE_WAIT_MS	    3000
#define LIVE_CHILD_MS	    60000

#define LIVE_CHECK(cond, ...)                                                             \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "test_krt live: line %d: %s: ", __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                     \
			fputc('\n', stderr);                                              \
			return -1;                                                        \
		}                                                                         \
	} while (0)

static void deadline_after(struct timespec *t, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static int ms_until(const struct timespec *t)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

/* Runs ip(8) with argv (NULL-terminated), bounded in time: 0 if it succeeded. */
static int run_ip(const char *const *argv)
{
	static const char *const paths[] = { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" };
	struct timespec deadline;
	int status;
	pid_t pid;
	size_t i;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
			execv(paths[i], (char *const *)argv);
		execvp("ip", (char *const *)argv);
		_exit(127);
	}
	deadline_after(&deadline, 10000);
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		struct timespec tick = { 0, 2 * 1000 * 1000 };

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (ms_until(&deadline) == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "test_krt live: failed (status %#x):", status);
		for (i = 0; argv[i]; i++)
			fprintf(stderr, " %s", argv[i]);
		fputc('\n', stderr);
		return -1;
	}
	return 0;
}

#define IP(...)                                                          \
	do {                                                             \
		const char *const argv_[] = { "ip", __VA_ARGS__, NULL }; \
		LIVE_CHECK(run_ip(argv_) == 0, "ip");                    \
	} while (0)

/* What the kernel's main table holds, read with a socket of its own. */
#define KROUTES_MAX 512

struct kroutes {
	size_t n;
	struct nl_route r[KROUTES_MAX];
};

static void kroutes_begin(void *ctx)
{
	((struct kroutes *)ctx)->n = 0;
}

static void kroutes_add(void *ctx, const struct nl_route *r, bool deleted)
{
	struct kroutes *k = ctx;

	if (deleted || r->table != RT_TABLE_MAIN || r->type != RTN_UNICAST || k->n == KROUTES_MAX)
		return;
	k->r[k->n++] = *r;
}

static int kroutes_read(struct kroutes *k)
{
	const struct nl_route_handler h = { kroutes_add, k };
	char err[256];
	struct nlrt *s = nlrt_open(false, err, sizeof(err));
	int rc;

	LIVE_CHECK(s, "%s", err);
	rc = nlrt_dump(s, &h, kroutes_begin);
	nlrt_close(s);
	LIVE_CHECK(rc == 0, "dump: %s", strerror(errno));
	return 0;
}

/* The route of dst/plen, metric and protocol, or NULL; *count says how many there are. */
static const struct nl_route *kroutes_find(const struct kroutes *k, uint32_t dst, uint8_t plen,
					   uint32_t metric, uint8_t proto, int *count)
{
	const struct nl_route *found = NULL;
	size_t i;

	*count = 0;
	for (i = 0; i < k->n; i++) {
		const struct nl_route *r = &k->r[i];

		if (r->dst == dst && r->plen == plen && r->priority == metric &&
		    r->protocol == proto) {
			found = r;
			(*count)++;
		}
	}
	return found;
}

static size_t kroutes_count_proto(const struct kroutes *k, uint8_t proto)
{
	size_t i, n = 0;

	for (i = 0; i < k->n; i++)
		n += k->r[i].protocol == proto;
	return n;
}

struct live {
	uint64_t now; /* the test clock */
	struct timerq *tq;
	struct krt *k;
	struct kroutes kr;
	int kt0, kt2, kt4;
	int warnings;
};

/* How many routes of dst/plen, metric and protocol the kernel held at the last read. */
static int kcount(struct live *lv, uint32_t dst, uint8_t plen, uint32_t metric, uint8_t proto)
{
	int count;

	kroutes_find(&lv->kr, dst, plen, metric, proto, &count);
	return count;
}

static uint64_t live_clock(void *ctx)
{
	return *(uint64_t *)ctx;
}

static void live_log(void *ctx, int level, const char *msg)
{
	struct live *lv = ctx;

	if (level <= LOG_WARNING)
		lv->warnings++;
	fprintf(stderr, "  krt: %s\n", msg);
}

/* Moves the test clock on by ms and fires what is due. */
static void live_advance(struct live *lv, uint64_t ms)
{
	lv->now += ms;
	timerq_run(lv->tq, 1000);
}

/* Reads route events until cond holds, for at most LIVE_WAIT_MS. */
#define LIVE_WAIT(lv, cond, what)                                                         \
	do {                                                                              \
		struct timespec dl_;                                                      \
		deadline_after(&dl_, LIVE_WAIT_MS);                                       \
		while (!(cond)) {                                                         \
			struct pollfd pfd_ = { .fd = krt_fd((lv)->k), .events = POLLIN }; \
			LIVE_CHECK(ms_until(&dl_) > 0, "no event for: %s", (what));       \
			(void)poll(&pfd_, 1, 50);                                         \
			krt_read((lv)->k);                                                \
		}                                                                         \
	} while (0)

/* The same, letting the retry timer run between reads. */
#define LIVE_SYNC_UNTIL(lv, cond, what)                                                   \
	do {                                                                              \
		struct timespec dl_;                                                      \
		deadline_after(&dl_, LIVE_WAIT_MS);                                       \
		while (!(cond)) {                                                         \
			struct pollfd pfd_ = { .fd = krt_fd((lv)->k), .events = POLLIN }; \
			LIVE_CHECK(ms_until(&dl_) > 0, "not yet: %s", (what));            \
			(void)poll(&pfd_, 1, 50);                                         \
			krt_read((lv)->k);                                                \
			live_advance((lv), KRT_RESYNC_MS);                                \
		}                                                                         \
	} while (0)

static int live_ifindex(const char *name)
{
	return (int)if_nametoindex(name);
}

static int live_setup(struct live *lv)
{
	IP("link", "set", "lo", "up");
	IP("link", "add", "kt0", "type", "veth", "peer", "name", "kt1");
	IP("link", "add", "kt2", "type", "veth", "peer", "name", "kt3");
	IP("link", "add", "kt4", "type", "veth", "peer", "name", "kt5");
	IP("addr", "add", "10.1.0.1/24", "dev", "kt0");
	IP("addr", "add", "10.2.0.1/24", "dev", "kt2");
	IP("addr", "add", "10.4.0.1/24", "dev", "kt4");
	IP("link", "set", "kt0", "up");
	IP("link", "set", "kt1", "up");
	IP("link", "set", "kt2", "up");
	IP("link", "set", "kt3", "up");
	/* kt4 stays down: a next hop through it is refused */
	lv->kt0 = live_ifindex("kt0");
	lv->kt2 = live_ifindex("kt2");
	lv->kt4 = live_ifindex("kt4");
	LIVE_CHECK(lv->kt0 > 0 && lv->kt2 > 0 && lv->kt4 > 0, "interfaces");
	/* a previous run's routes: one no longer wanted, one wanted through another next hop */
	IP("route", "add", "10.9.0.0/24", "via", "10.1.0.2", "proto", "188", "metric", "20");
	IP("route", "add", "10.10.0.0/24", "via", "10.1.0.2", "proto", "188", "metric", "20");
	/* two of ours at one key (a bug, or two daemons): both go */
	IP("route", "add", "10.13.0.0/24", "via", "10.1.0.2", "proto", "188", "metric", "20");
	IP("route", "append", "10.13.0.0/24", "via", "10.1.0.3", "proto", "188", "metric", "20");
	/* somebody else's, on a prefix and metric we will want too */
	IP("route", "add", "10.8.0.0/24", "via", "10.1.0.3", "proto", "static", "metric", "20");
	return 0;
}

static int want1(struct live *lv, uint32_t dst, uint8_t plen, uint32_t metric, uint32_t gw,
		 int ifindex)
{
	const struct krt_nexthop nh = { gw, ifindex };

	return krt_want(lv->k, dst, plen, metric, &nh, 1);
}

/* The first full set: 10.5 single, 10.6 ECMP, 10.7 attached, 10.10 moved, 10.8 taken. */
static int live_want_first_set(struct live *lv)
{
	const struct krt_nexthop ecmp[3] = {
		{ IP4(10, 2, 0, 2), lv->kt2 },
		{ IP4(10, 1, 0, 3), lv->kt0 },
		{ IP4(10, 1, 0, 2), lv->kt0 },
	};

	krt_begin(lv->k);
	LIVE_CHECK(want1(lv, IP4(10, 5, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	LIVE_CHECK(krt_want(lv->k, IP4(10, 6, 0, 0), 24, 20, ecmp, 3) == 0, "want ecmp");
	LIVE_CHECK(want1(lv, IP4(10, 7, 0, 0), 24, 30, 0, lv->kt0) == 0, "want attached");
	LIVE_CHECK(want1(lv, IP4(10, 10, 0, 0), 24, 20, IP4(10, 2, 0, 2), lv->kt2) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 8, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	/* host bits are cleared; a key wanted twice keeps the last */
	LIVE_CHECK(want1(lv, IP4(10, 5, 0, 9), 24, 20, IP4(10, 1, 0, 3), lv->kt0) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 5, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	/* refused: no next hop, a bad interface, a bad prefix length */
	LIVE_CHECK(krt_want(lv->k, IP4(10, 5, 0, 0), 24, 20, ecmp, 0) < 0 && errno == EINVAL, "0");
	LIVE_CHECK(want1(lv, IP4(10, 5, 0, 0), 24, 20, 1, 0) < 0 && errno == EINVAL, "ifindex");
	LIVE_CHECK(want1(lv, IP4(10, 5, 0, 0), 33, 20, 1, 2) < 0 && errno == EINVAL, "plen");
	return 0;
}

static int live_first_commit(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	const struct nl_route *r;
	int count;

	LIVE_CHECK(st->stale == 4 && st->installed == 3 && st->dumps == 1,
		   "stale %llu installed %llu", (unsigned long long)st->stale,
		   (unsigned long long)st->installed);
	if (live_want_first_set(lv) < 0)
		return -1;
	LIVE_CHECK(krt_commit(lv->k) == 0, "first commit");
	/* 10.5, 10.6, 10.7 added; 10.10 replaced; 10.9 and both 10.13 deleted; 10.8 untouched */
	LIVE_CHECK(st->requests == 7 && st->adds == 3 && st->changes == 1 && st->deletes == 3,
		   "requests %llu", (unsigned long long)st->requests);
	LIVE_CHECK(st->batches == 2, "the duplicate, then the rest");
	LIVE_CHECK(st->conflicts == 1 && st->installed == 4 && st->errors == 0, "conflicts");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	LIVE_CHECK(kroutes_count_proto(&lv->kr, RTPROT_OSPF) == 4, "four routes of ours");
	r = kroutes_find(&lv->kr, IP4(10, 5, 0, 0), 24, 20, RTPROT_OSPF, &count);
	LIVE_CHECK(r && count == 1 && r->nnh == 1 && r->nh[0].gw == IP4(10, 1, 0, 2) &&
		       r->nh[0].ifindex == lv->kt0 && r->scope == RT_SCOPE_UNIVERSE,
		   "10.5.0.0/24");
	r = kroutes_find(&lv->kr, IP4(10, 6, 0, 0), 24, 20, RTPROT_OSPF, &count);
	LIVE_CHECK(r && count == 1 && r->nnh == 3, "10.6.0.0/24 is one route of three next hops");
	r = kroutes_find(&lv->kr, IP4(10, 7, 0, 0), 24, 30, RTPROT_OSPF, &count);
	LIVE_CHECK(r && r->nnh == 1 && r->nh[0].gw == 0 && r->nh[0].ifindex == lv->kt0 &&
		       r->scope == RT_SCOPE_LINK,
		   "10.7.0.0/24 directly attached");
	r = kroutes_find(&lv->kr, IP4(10, 10, 0, 0), 24, 20, RTPROT_OSPF, &count);
	LIVE_CHECK(r && count == 1 && r->nh[0].gw == IP4(10, 2, 0, 2), "10.10 replaced, once");
	LIVE_CHECK(kcount(lv, IP4(10, 9, 0, 0), 24, 20, RTPROT_OSPF) == 0, "stale 10.9 gone");
	LIVE_CHECK(kcount(lv, IP4(10, 13, 0, 0), 24, 20, RTPROT_OSPF) == 0, "both 10.13 gone");
	r = kroutes_find(&lv->kr, IP4(10, 8, 0, 0), 24, 20, RTPROT_STATIC, &count);
	LIVE_CHECK(r && r->nh[0].gw == IP4(10, 1, 0, 3), "the static route is untouched");
	LIVE_CHECK(kcount(lv, IP4(10, 8, 0, 0), 24, 20, RTPROT_OSPF) == 0, "none of ours beside");
	return 0;
}

static int live_same_set_sends_nothing(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	uint64_t requests = st->requests;

	if (live_want_first_set(lv) < 0)
		return -1;
	LIVE_CHECK(krt_commit(lv->k) == 0, "commit");
	LIVE_CHECK(st->requests == requests, "%llu requests for no change",
		   (unsigned long long)(st->requests - requests));
	return 0;
}

static int live_change_and_remove(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	uint64_t requests = st->requests;
	const struct nl_route *r;
	int count;

	krt_begin(lv->k);
	LIVE_CHECK(want1(lv, IP4(10, 5, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 6, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 10, 0, 0), 24, 20, IP4(10, 2, 0, 2), lv->kt2) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 8, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	LIVE_CHECK(krt_commit(lv->k) == 0, "commit");
	LIVE_CHECK(st->requests == requests + 2, "one replace and one delete");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	r = kroutes_find(&lv->kr, IP4(10, 6, 0, 0), 24, 20, RTPROT_OSPF, &count);
	LIVE_CHECK(r && count == 1 && r->nnh == 1, "10.6.0.0/24 down to one next hop");
	LIVE_CHECK(r->nh[0].gw == IP4(10, 1, 0, 2), "the one left");
	LIVE_CHECK(kcount(lv, IP4(10, 7, 0, 0), 24, 30, RTPROT_OSPF) == 0, "10.7.0.0/24 removed");
	LIVE_CHECK(st->installed == 3, "three installed");
	return 0;
}

/* The set from here on: 10.11.0.0/24 through kt4, which starts down. */
static int live_want_set(struct live *lv)
{
	krt_begin(lv->k);
	LIVE_CHECK(want1(lv, IP4(10, 5, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 6, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 10, 0, 0), 24, 20, IP4(10, 2, 0, 2), lv->kt2) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 8, 0, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0, "want");
	LIVE_CHECK(want1(lv, IP4(10, 11, 0, 0), 24, 20, IP4(10, 4, 0, 2), lv->kt4) == 0, "want");
	return 0;
}

static int live_failure_is_retried(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	uint64_t errors = st->errors;
	const struct nl_route *r;
	int count;

	if (live_want_set(lv) < 0)
		return -1;
	LIVE_CHECK(krt_commit(lv->k) == 1, "a next hop through a down interface is refused");
	LIVE_CHECK(st->errors == errors + 1 && st->installed == 3, "counted, not installed");
	live_advance(lv, KRT_RETRY_MIN_MS - 1);
	LIVE_CHECK(st->retries == 0, "no retry before its time");
	live_advance(lv, 1);
	LIVE_CHECK(st->retries == 1 && st->errors == errors + 2, "retried once, refused again");
	/* the backoff doubled */
	live_advance(lv, KRT_RETRY_MIN_MS);
	LIVE_CHECK(st->retries == 1, "backoff");
	IP("link", "set", "kt4", "up");
	IP("link", "set", "kt5", "up");
	live_advance(lv, KRT_RETRY_MIN_MS);
	LIVE_CHECK(st->retries == 2 && st->errors == errors + 2 && st->installed == 4,
		   "retried and installed: retries %llu", (unsigned long long)st->retries);
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	r = kroutes_find(&lv->kr, IP4(10, 11, 0, 0), 24, 20, RTPROT_OSPF, &count);
	LIVE_CHECK(r && count == 1 && r->nh[0].ifindex == lv->kt4, "10.11.0.0/24 installed");
	/* a nonexistent interface: refused as well, and nothing else resent */
	if (live_want_set(lv) < 0)
		return -1;
	LIVE_CHECK(want1(lv, IP4(10, 12, 0, 0), 24, 20, 0, 999) == 0, "want");
	LIVE_CHECK(krt_commit(lv->k) == 1, "no interface 999");
	LIVE_CHECK(st->errors == errors + 3 && st->installed == 4,
		   "counted: errors %llu installed %llu", (unsigned long long)(st->errors - errors),
		   (unsigned long long)st->installed);
	if (live_want_set(lv) < 0)
		return -1;
	LIVE_CHECK(krt_commit(lv->k) == 0, "without it");
	return 0;
}

static int live_lost_route_is_added_again(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	uint64_t adds = st->adds;
	const struct nl_route *r;
	int count;

	IP("route", "del", "10.5.0.0/24", "proto", "188", "metric", "20");
	LIVE_WAIT(lv, st->lost == 1, "the deletion behind our back");
	LIVE_CHECK(st->installed == 3, "no longer counted as installed");
	live_advance(lv, KRT_RESYNC_MS);
	LIVE_CHECK(st->adds == adds + 1 && st->installed == 4, "added again");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	r = kroutes_find(&lv->kr, IP4(10, 5, 0, 0), 24, 20, RTPROT_OSPF, &count);
	LIVE_CHECK(r && count == 1, "10.5.0.0/24 is back");
	return 0;
}

static int live_other_protocol_takes_a_key(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	const struct nl_route *r;
	int count;

	/* append: beside ours, as another daemon might */
	IP("route", "append", "10.6.0.0/24", "via", "10.1.0.3", "proto", "static", "metric", "20");
	LIVE_SYNC_UNTIL(lv, st->installed == 3, "ours at 10.6.0.0/24 gives way");
	LIVE_CHECK(st->conflicts == 2, "two conflicts now");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	LIVE_CHECK(kcount(lv, IP4(10, 6, 0, 0), 24, 20, RTPROT_OSPF) == 0, "ours at 10.6 gone");
	r = kroutes_find(&lv->kr, IP4(10, 6, 0, 0), 24, 20, RTPROT_STATIC, &count);
	LIVE_CHECK(r && count == 1, "the static one stays");
	/* when it goes, ours comes back */
	IP("route", "del", "10.6.0.0/24", "proto", "static", "metric", "20");
	LIVE_SYNC_UNTIL(lv, st->installed == 4, "ours comes back");
	LIVE_CHECK(st->conflicts == 1, "one conflict left");
	return 0;
}

/* The kernel flushes routes through an interface set down, without a word. */
static int live_link_down_is_sent_again(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	uint64_t errors = st->errors, retries;

	IP("link", "set", "kt2", "down");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	LIVE_CHECK(kcount(lv, IP4(10, 10, 0, 0), 24, 20, RTPROT_OSPF) == 0, "10.10 dropped");
	krt_link_down(lv->k, lv->kt2);
	live_advance(lv, KRT_RESYNC_MS);
	LIVE_CHECK(st->errors == errors + 1, "sent again while down: refused");
	retries = st->retries;
	IP("link", "set", "kt2", "up");
	live_advance(lv, KRT_RETRY_MAX_MS);
	LIVE_CHECK(st->retries == retries + 1 && st->errors == errors + 1, "retried, accepted");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	LIVE_CHECK(kcount(lv, IP4(10, 10, 0, 0), 24, 20, RTPROT_OSPF) == 1, "10.10 is back");
	return 0;
}

/* Events lost to a full socket: a dump tells what they said. */
static int live_lost_events_mean_a_dump(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	uint64_t dumps = st->dumps, adds = st->adds;
	int tiny = 1, i;
	char dst[32];

	LIVE_CHECK(setsockopt(krt_fd(lv->k), SOL_SOCKET, SO_RCVBUF, &tiny, sizeof(tiny)) == 0,
		   "SO_RCVBUF: %s", strerror(errno));
	for (i = 0; i < 40; i++) {
		snprintf(dst, sizeof(dst), "10.200.%d.0/24", i);
		IP("route", "add", dst, "via", "10.1.0.2", "proto", "static");
	}
	/* and one of ours goes meanwhile */
	IP("route", "del", "10.5.0.0/24", "proto", "188", "metric", "20");
	LIVE_SYNC_UNTIL(lv, st->adds == adds + 1, "10.5.0.0/24 added again after the dump");
	LIVE_CHECK(st->overruns >= 1 && st->dumps > dumps, "overrun %llu, dumps %llu",
		   (unsigned long long)st->overruns, (unsigned long long)st->dumps);
	return 0;
}

/* More next hops than installed: the lowest of the sorted set, every time. */
static int live_many_next_hops_are_cut(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	struct krt_nexthop nh[20];
	const struct nl_route *r;
	int i, count;

	for (i = 0; i < 20; i++) {
		nh[i].gw = IP4(10, 1, 0, 29 - i);
		nh[i].ifindex = lv->kt0;
	}
	if (live_want_set(lv) < 0)
		return -1;
	LIVE_CHECK(krt_want(lv->k, IP4(10, 14, 0, 0), 24, 20, nh, 20) == 0, "want 20");
	LIVE_CHECK(krt_commit(lv->k) == 0, "commit");
	LIVE_CHECK(st->nh_truncated == 1, "counted");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	r = kroutes_find(&lv->kr, IP4(10, 14, 0, 0), 24, 20, RTPROT_OSPF, &count);
	LIVE_CHECK(r && count == 1 && r->nnh == KRT_NH_MAX, "cut to %d", KRT_NH_MAX);
	for (i = 0; i < KRT_NH_MAX; i++)
		LIVE_CHECK(r->nh[i].gw == IP4(10, 1, 0, 10 + i), "next hop %d", i);
	return 0;
}

/* A large change goes out in several batches, each of at most NLRT_BATCH_MAX requests. */
static int live_large_change_is_batched(struct live *lv)
{
	const struct krt_stats *st = krt_stats(lv->k);
	uint64_t requests = st->requests, batches = st->batches, installed = st->installed;
	int i;

	if (live_want_set(lv) < 0)
		return -1;
	for (i = 0; i < 150; i++)
		LIVE_CHECK(want1(lv, IP4(10, 100, i, 0), 24, 20, IP4(10, 1, 0, 2), lv->kt0) == 0,
			   "want");
	LIVE_CHECK(krt_commit(lv->k) == 0, "commit");
	/* 150 adds, and 10.14.0.0/24 deleted */
	LIVE_CHECK(st->requests == requests + 151 && st->batches == batches + 3,
		   "%llu requests in %llu batches", (unsigned long long)(st->requests - requests),
		   (unsigned long long)(st->batches - batches));
	LIVE_CHECK(st->installed == installed + 149, "installed");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	LIVE_CHECK(kcount(lv, IP4(10, 100, 149, 0), 24, 20, RTPROT_OSPF) == 1, "the last one");
	return 0;
}

static int live_flush_removes_all(struct live *lv)
{
	krt_flush(lv->k);
	LIVE_CHECK(krt_stats(lv->k)->installed == 0, "nothing installed");
	if (kroutes_read(&lv->kr) < 0)
		return -1;
	LIVE_CHECK(kroutes_count_proto(&lv->kr, RTPROT_OSPF) == 0, "no route of ours left");
	LIVE_CHECK(kcount(lv, IP4(10, 8, 0, 0), 24, 20, RTPROT_STATIC) == 1, "static stays");
	return 0;
}

static int live_run(struct live *lv)
{
	char err[256];

	if (live_setup(lv) < 0)
		return -1;
	lv->tq = timerq_new(live_clock, &lv->now);
	LIVE_CHECK(lv->tq, "timerq");
	lv->k = krt_new(lv->tq, live_log, lv, err, sizeof(err));
	LIVE_CHECK(lv->k, "krt_new: %s", err);
	if (live_first_commit(lv) < 0 || live_same_set_sends_nothing(lv) < 0 ||
	    live_change_and_remove(lv) < 0 || live_failure_is_retried(lv) < 0 ||
	    live_lost_route_is_added_again(lv) < 0 || live_other_protocol_takes_a_key(lv) < 0 ||
	    live_link_down_is_sent_again(lv) < 0 || live_lost_events_mean_a_dump(lv) < 0 ||
	    live_many_next_hops_are_cut(lv) < 0 || live_large_change_is_batched(lv) < 0 ||
	    live_flush_removes_all(lv) < 0)
		return -1;
	return 0;
}

static int live_child(void)
{
	struct live *lv;
	int rc;

	if (unshare(CLONE_NEWNET) < 0) {
		fprintf(stderr,
			"test_krt live: unshare(CLONE_NEWNET): %s: this test needs root "
			"(CAP_SYS_ADMIN and CAP_NET_ADMIN) to make a private network namespace\n",
			strerror(errno));
		return LIVE_CANNOT_UNSHARE;
	}
	lv = calloc(1, sizeof(*lv));
	if (!lv)
		return 1;
	rc = live_run(lv);
	krt_free(lv->k);
	timerq_free(lv->tq);
	free(lv);
	return rc == 0 ? 0 : 1;
}

static void test_live_routes_reach_the_kernel_as_a_diff(void **state)
{
	struct timespec deadline;
	int status = 0;
	pid_t pid;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		exit(live_child());
	deadline_after(&deadline, LIVE_CHILD_MS);
	for (;;) {
		struct timespec tick = { 0, 10 * 1000 * 1000 };
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			break;
		assert_true(r == 0 || errno == EINTR);
		if (ms_until(&deadline) == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fail_msg("the live test did not end within %d ms", LIVE_CHILD_MS);
		}
		nanosleep(&tick, NULL);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == LIVE_CANNOT_UNSHARE)
		fail_msg("cannot make a network namespace: run test_krt as root");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("the live test failed (status %#x): see its messages above", status);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_of_equal_sets_is_empty),
		cmocka_unit_test(test_diff_lists_adds_changes_and_deletes_in_key_order),
		cmocka_unit_test(test_diff_keys_on_prefix_length_and_metric_too),
		cmocka_unit_test(test_diff_sends_a_stale_route_again),
		cmocka_unit_test(test_diff_against_nothing_adds_or_deletes_all),
		cmocka_unit_test(test_next_hops_are_sorted_and_merged),
		cmocka_unit_test(test_live_routes_reach_the_kernel_as_a_diff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
