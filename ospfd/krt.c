/* SPDX-License-Identifier: ISC */
/*
 * The kernel routing table. Three sorted sets of routes: the one being described (want), the
 * one in force (desired), and what the kernel holds of ours (installed). A sync diffs desired
 * against installed, sends the difference in batches, and applies each acknowledged request to
 * installed; a refused one leaves installed as it was and arms the retry timer. Routes of other
 * protocols in the main table are kept as a set of keys, only to stay off them.
 */
#include "krt.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "netlink.h"
#include "timerq.h"

/* failures logged one by one per sync; the rest are summed up */
#define KRT_LOG_MAX 8

_Static_assert(KRT_NH_MAX <= NL_ROUTE_NH_MAX, "a route of ours fits a netlink route");

struct krt_set {
	struct krt_route *v;
	size_t n, cap;
};

/* The key of other protocols' routes, and which protocols hold it (many: PROTO_MANY). */
#define FKEY_PROTOS 5
#define PROTO_MANY  0xff

struct fkey {
	uint32_t dst, prio;
	uint8_t plen, used, nproto;
	uint8_t proto[FKEY_PROTOS];
};

struct fset {
	struct fkey *slot;
	size_t cap, n; /* cap: 0 or a power of two */
};

struct krt_pending {
	enum krt_op op;
	struct krt_route r; /* the new route (add, change) or the installed one (delete) */
	bool sent, ok, conflict;
	int error;
};

struct krt_ops {
	struct krt_pending *v;
	size_t n, cap;
};

struct krt {
	struct timerq *tq;
	krt_log_fn log;
	void *log_ctx;
	struct nlrt *nl;
	struct krt_set want, desired, installed;
	struct krt_set purge;	   /* second routes of ours at one key, from a dump: delete them */
	struct krt_set conflicted; /* wanted routes another protocol kept out, at the last sync */
	struct fset foreign;
	/* a dump in progress */
	struct krt_set dump_ours;
	struct fset dump_foreign;
	struct timer *retry;
	uint32_t backoff_ms;
	bool dumped, committed, first_dump_done;
	struct krt_stats stats;
};

static void klog(struct krt *k, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void klog(struct krt *k, int level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!k->log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	k->log(k->log_ctx, level, msg);
}

static const char *route_str(const struct krt_route *r, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u.%u/%u metric %u", r->dst >> 24, (r->dst >> 16) & 0xff,
		 (r->dst >> 8) & 0xff, r->dst & 0xff, r->plen, r->metric);
	return buf;
}

static uint32_t plen_mask(uint8_t plen)
{
	return plen == 0 ? 0 : ~(uint32_t)0 << (32 - plen);
}

/* ---- pure helpers ---- */

int krt_route_cmp_key(const struct krt_route *a, const struct krt_route *b)
{
	if (a->dst != b->dst)
		return a->dst < b->dst ? -1 : 1;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	if (a->metric != b->metric)
		return a->metric < b->metric ? -1 : 1;
	return 0;
}

static int nh_cmp(const void *pa, const void *pb)
{
	const struct krt_nexthop *a = pa, *b = pb;

	if (a->gw != b->gw)
		return a->gw < b->gw ? -1 : 1;
	if (a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	return 0;
}

size_t krt_nexthops_normalize(struct krt_nexthop *nh, size_t n)
{
	size_t i, out = 0;

	if (n == 0)
		return 0;
	qsort(nh, n, sizeof(*nh), nh_cmp);
	for (i = 1; i < n; i++)
		if (nh_cmp(&nh[out], &nh[i]) != 0)
			nh[++out] = nh[i];
	return out + 1;
}

static bool same_nexthops(const struct krt_route *a, const struct krt_route *b)
{
	return a->nnh == b->nnh && memcmp(a->nh, b->nh, a->nnh * sizeof(a->nh[0])) == 0;
}

size_t krt_diff(const struct krt_route *old, size_t nold, const struct krt_route *new, size_t nnew,
		void (*fn)(void *ctx, enum krt_op op, const struct krt_route *old,
			   const struct krt_route *new),
		void *ctx)
{
	size_t i = 0, j = 0, calls = 0;

	while (i < nold || j < nnew) {
		int c = i == nold ? 1 : j == nnew ? -1 : krt_route_cmp_key(&old[i], &new[j]);

		if (c < 0) {
			fn(ctx, KRT_OP_DELETE, &old[i++], NULL);
			calls++;
		} else if (c > 0) {
			fn(ctx, KRT_OP_ADD, NULL, &new[j++]);
			calls++;
		} else {
			if (old[i].stale || !same_nexthops(&old[i], &new[j])) {
				fn(ctx, KRT_OP_CHANGE, &old[i], &new[j]);
				calls++;
			}
			i++;
			j++;
		}
	}
	return calls;
}

/* ---- sets of routes ---- */

static bool set_reserve(struct krt_set *s, size_t more)
{
	size_t cap;
	void *p;

	if (s->n + more <= s->cap)
		return true;
	cap = s->cap ? s->cap : 64;
	while (cap < s->n + more)
		cap *= 2;
	p = reallocarray(s->v, cap, sizeof(*s->v));
	if (!p)
		return false;
	s->v = p;
	s->cap = cap;
	return true;
}

static bool set_push(struct krt_set *s, const struct krt_route *r)
{
	if (!set_reserve(s, 1))
		return false;
	s->v[s->n++] = *r;
	return true;
}

static void set_swap(struct krt_set *a, struct krt_set *b)
{
	struct krt_set t = *a;

	*a = *b;
	*b = t;
}

static void set_free(struct krt_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static struct krt_route *set_find(const struct krt_set *s, const struct krt_route *key)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = krt_route_cmp_key(&s->v[mid], key);

		if (c == 0)
			return &s->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void set_remove(struct krt_set *s, struct krt_route *r)
{
	size_t i = (size_t)(r - s->v);

	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(*s->v));
	s->n--;
}

static int route_cmp_qsort(const void *a, const void *b)
{
	return krt_route_cmp_key(a, b);
}

/* ---- keys of other protocols' routes: open addressing, linear probing ---- */

static size_t fkey_hash(uint32_t dst, uint8_t plen, uint32_t prio)
{
	uint64_t h = ((uint64_t)dst << 32 | prio) ^ (uint64_t)plen << 27;

	/* MurmurHash3's finalizer: every input bit reaches the low bits the table uses */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (size_t)h;
}

static struct fkey *fset_slot(const struct fset *f, uint32_t dst, uint8_t plen, uint32_t prio)
{
	size_t mask = f->cap - 1, i;

	if (f->cap == 0)
		return NULL;
	for (i = fkey_hash(dst, plen, prio) & mask;; i = (i + 1) & mask) {
		struct fkey *e = &f->slot[i];

		if (!e->used || (e->dst == dst && e->plen == plen && e->prio == prio))
			return e;
	}
}

static bool fset_has(const struct fset *f, uint32_t dst, uint8_t plen, uint32_t prio)
{
	struct fkey *e = fset_slot(f, dst, plen, prio);

	return e && e->used;
}

static bool fset_grow(struct fset *f)
{
	struct fset g = { .cap = f->cap ? f->cap * 2 : 256 };
	size_t i;

	g.slot = calloc(g.cap, sizeof(*g.slot));
	if (!g.slot)
		return false;
	for (i = 0; i < f->cap; i++) {
		if (f->slot[i].used) {
			*fset_slot(&g, f->slot[i].dst, f->slot[i].plen, f->slot[i].prio) =
			    f->slot[i];
			g.n++;
		}
	}
	free(f->slot);
	*f = g;
	return true;
}

static bool fset_add(struct fset *f, uint32_t dst, uint8_t plen, uint32_t prio, uint8_t proto)
{
	struct fkey *e;
	unsigned int i;

	if ((f->n + 1) * 2 > f->cap && !fset_grow(f))
		return false;
	e = fset_slot(f, dst, plen, prio);
	if (!e->used) {
		memset(e, 0, sizeof(*e));
		e->used = 1;
		e->dst = dst;
		e->plen = plen;
		e->prio = prio;
		f->n++;
	}
	if (e->nproto == PROTO_MANY)
		return true;
	for (i = 0; i < e->nproto; i++)
		if (e->proto[i] == proto)
			return true;
	if (e->nproto == FKEY_PROTOS)
		e->nproto = PROTO_MANY; /* kept until the next dump: the safe side */
	else
		e->proto[e->nproto++] = proto;
	return true;
}

/* Backward-shift deletion keeps every probe chain unbroken. */
static void fset_erase(struct fset *f, struct fkey *e)
{
	size_t mask = f->cap - 1, i = (size_t)(e - f->slot), j = i;

	f->slot[i].used = 0;
	f->n--;
	for (;;) {
		size_t home;

		j = (j + 1) & mask;
		if (!f->slot[j].used)
			return;
		home = fkey_hash(f->slot[j].dst, f->slot[j].plen, f->slot[j].prio) & mask;
		/* slot j may move to the hole at i unless its home lies in (i, j] */
		if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
			continue;
		f->slot[i] = f->slot[j];
		f->slot[j].used = 0;
		i = j;
	}
}

static void fset_del(struct fset *f, uint32_t dst, uint8_t plen, uint32_t prio, uint8_t proto)
{
	struct fkey *e = fset_slot(f, dst, plen, prio);
	unsigned int i;

	if (!e || !e->used || e->nproto == PROTO_MANY)
		return;
	for (i = 0; i < e->nproto; i++) {
		if (e->proto[i] == proto) {
			e->proto[i] = e->proto[--e->nproto];
			break;
		}
	}
	if (e->nproto == 0)
		fset_erase(f, e);
}

static void fset_free(struct fset *f)
{
	free(f->slot);
	memset(f, 0, sizeof(*f));
}

/* ---- netlink conversions ---- */

static bool nl_route_is_main_unicast(const struct nl_route *r)
{
	return r->table == NL_TABLE_MAIN && r->type == RTN_UNICAST;
}

/* A kernel route of ours as a struct krt_route; stale when we could not have written it. */
static void from_nl(const struct nl_route *n, struct krt_route *r)
{
	uint16_t i;

	memset(r, 0, sizeof(*r));
	r->dst = n->dst & plen_mask(n->plen);
	r->plen = n->plen;
	r->metric = n->priority;
	r->stale = n->nh_partial || n->nnh == 0 || n->nnh > KRT_NH_MAX || r->dst != n->dst;
	for (i = 0; i < n->nnh && i < KRT_NH_MAX; i++) {
		r->nh[i].gw = n->nh[i].gw;
		r->nh[i].ifindex = n->nh[i].ifindex;
	}
	r->nnh = (uint16_t)krt_nexthops_normalize(r->nh, i);
}

/* with_nh: the next hops too (an add, or deleting one of two routes at one key). */
static void to_nl(const struct krt_route *r, bool with_nh, struct nl_route *n)
{
	uint16_t i;

	memset(n, 0, sizeof(*n));
	n->dst = r->dst;
	n->plen = r->plen;
	n->protocol = NL_RTPROT_OSPF;
	n->type = RTN_UNICAST;
	n->table = NL_TABLE_MAIN;
	n->priority = r->metric;
	n->scope = with_nh ? RT_SCOPE_LINK : NL_SCOPE_NOWHERE;
	if (!with_nh)
		return;
	for (i = 0; i < r->nnh; i++) {
		n->nh[i].gw = r->nh[i].gw;
		n->nh[i].ifindex = r->nh[i].ifindex;
		if (r->nh[i].gw)
			n->scope = RT_SCOPE_UNIVERSE;
	}
	n->nnh = r->nnh;
}

/* ---- the dump ---- */

static void dump_begin(void *ctx)
{
	struct krt *k = ctx;

	k->dump_ours.n = 0;
	fset_free(&k->dump_foreign);
}

static void dump_route(void *ctx, const struct nl_route *n, bool deleted)
{
	struct krt *k = ctx;
	struct krt_route r;

	if (deleted || !nl_route_is_main_unicast(n))
		return;
	if (n->protocol != NL_RTPROT_OSPF) {
		if (!fset_add(&k->dump_foreign, n->dst, n->plen, n->priority, n->protocol))
			klog(k, LOG_ERR, "kernel routes: out of memory");
		return;
	}
	from_nl(n, &r);
	if (!set_push(&k->dump_ours, &r))
		klog(k, LOG_ERR, "kernel routes: out of memory");
}

/* The kernel's routes of ours become the installed set; a second one at a key is purged. */
static void dump_apply(struct krt *k)
{
	struct krt_set *d = &k->dump_ours;
	size_t i, out = 0;

	qsort(d->v, d->n, sizeof(*d->v), route_cmp_qsort);
	for (i = 0; i < d->n; i++) {
		if (out > 0 && krt_route_cmp_key(&d->v[out - 1], &d->v[i]) == 0) {
			if (!set_push(&k->purge, &d->v[i]))
				klog(k, LOG_ERR, "kernel routes: out of memory");
			continue;
		}
		d->v[out++] = d->v[i];
	}
	d->n = out;
	set_swap(&k->installed, d);
	d->n = 0;
	fset_free(&k->foreign);
	k->foreign = k->dump_foreign;
	memset(&k->dump_foreign, 0, sizeof(k->dump_foreign));
	/* ours beside another protocol's route at one key: the next sync takes ours away */
	for (i = 0; i < k->installed.n; i++) {
		struct krt_route *r = &k->installed.v[i];

		if (fset_has(&k->foreign, r->dst, r->plen, r->metric))
			r->stale = true;
	}
	if (!k->first_dump_done) {
		k->stats.stale = k->installed.n + k->purge.n;
		if (k->stats.stale)
			klog(k, LOG_NOTICE,
			     "kernel routes: %llu of protocol ospf from a previous run; the first "
			     "commit replaces or deletes them",
			     (unsigned long long)k->stats.stale);
		k->first_dump_done = true;
	}
	k->stats.installed = k->installed.n;
}

static bool krt_dump(struct krt *k)
{
	const struct nl_route_handler h = { dump_route, k };

	if (nlrt_dump(k->nl, &h, dump_begin) < 0) {
		klog(k, LOG_WARNING, "kernel routes: dump failed: %s (will retry)",
		     strerror(errno));
		dump_begin(k);
		k->dumped = false;
		return false;
	}
	k->stats.dumps++;
	dump_apply(k);
	k->dumped = true;
	return true;
}

/* ---- the sync ---- */

struct diff_ctx {
	struct krt *k;
	struct krt_ops *ops;
	struct krt_set conflicted;
	size_t logged;
	bool nomem;
};

static void ops_push(struct diff_ctx *c, enum krt_op op, const struct krt_route *r, bool conflict)
{
	struct krt_ops *o = c->ops;

	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;
		void *p = reallocarray(o->v, cap, sizeof(*o->v));

		if (!p) {
			c->nomem = true;
			return;
		}
		o->v = p;
		o->cap = cap;
	}
	memset(&o->v[o->n], 0, sizeof(o->v[0]));
	o->v[o->n].op = op;
	o->v[o->n].r = *r;
	o->v[o->n].conflict = conflict;
	o->n++;
}

static void diff_cb(void *ctx, enum krt_op op, const struct krt_route *old,
		    const struct krt_route *new)
{
	struct diff_ctx *c = ctx;
	const struct krt_route *key = new ? new : old;
	bool conflict = op != KRT_OP_DELETE &&
			fset_has(&c->k->foreign, key->dst, key->plen, key->metric);

	if (!conflict) {
		ops_push(c, op, op == KRT_OP_DELETE ? old : new, false);
		return;
	}
	/* another protocol holds the key: ours goes, so the kernel never holds both */
	if (op == KRT_OP_CHANGE)
		ops_push(c, KRT_OP_DELETE, old, true);
	else
		ops_push(c, KRT_OP_ADD, new, true); /* recorded, never sent */
	if (!set_push(&c->conflicted, key))
		c->nomem = true;
	/* said once, when it starts */
	if (!set_find(&c->k->conflicted, key) && c->logged++ < KRT_LOG_MAX) {
		char buf[64];

		klog(c->k, LOG_NOTICE,
		     "kernel routes: %s not installed: a route of another protocol holds it",
		     route_str(key, buf, sizeof(buf)));
	}
}

static const char *op_name(enum krt_op op)
{
	return op == KRT_OP_ADD ? "add" : op == KRT_OP_CHANGE ? "replace" : "delete";
}

/* Sends what is queued and records each answer in the pending ops it belongs to. */
static void send_batch(struct krt *k, struct krt_pending **idx, size_t *logged)
{
	struct nlrt_result res[NLRT_BATCH_MAX];
	size_t i, n = nlrt_batch_count(k->nl);

	if (n == 0)
		return;
	k->stats.batches++;
	k->stats.requests += n;
	nlrt_batch_send(k->nl, res);
	for (i = 0; i < n; i++) {
		struct krt_pending *p = idx[i];
		char buf[64];

		p->error = res[i].error;
		/* deleting what is already gone is done */
		p->ok = p->error == 0 || (p->op == KRT_OP_DELETE && p->error == ESRCH);
		klog(k, LOG_DEBUG, "kernel routes: %s %s: %s", op_name(p->op),
		     route_str(&p->r, buf, sizeof(buf)), p->ok ? "done" : strerror(p->error));
		if (p->ok)
			continue;
		k->stats.errors++;
		if ((*logged)++ < KRT_LOG_MAX)
			klog(k, LOG_WARNING, "kernel routes: %s %s: %s%s%s%s", op_name(p->op),
			     route_str(&p->r, buf, sizeof(buf)), strerror(p->error),
			     res[i].msg[0] ? " (" : "", res[i].msg, res[i].msg[0] ? ")" : "");
	}
}

static bool queue_op(struct krt *k, struct krt_pending *p, bool exact, struct krt_pending **idx,
		     size_t *logged)
{
	struct nl_route n;
	int i;

	if (p->op == KRT_OP_DELETE) {
		to_nl(&p->r, exact, &n);
		n.scope = NL_SCOPE_NOWHERE;
	} else {
		to_nl(&p->r, true, &n);
	}
	for (;;) {
		i = nlrt_batch_add(k->nl, p->op == KRT_OP_DELETE ? RTM_DELROUTE : RTM_NEWROUTE,
				   p->op == KRT_OP_DELETE ? 0 : NLM_F_CREATE | NLM_F_REPLACE, &n);
		if (i >= 0)
			break;
		if (errno != ENOSPC || nlrt_batch_count(k->nl) == 0) {
			p->error = errno;
			k->stats.errors++;
			return false;
		}
		send_batch(k, idx, logged);
	}
	idx[i] = p;
	p->sent = true;
	return true;
}

static void retry_fire(void *arg);

static void schedule_retry(struct krt *k)
{
	timer_arm(k->tq, &k->retry, k->backoff_ms, retry_fire, k);
	if (k->backoff_ms < KRT_RETRY_MAX_MS)
		k->backoff_ms = k->backoff_ms * 2 > KRT_RETRY_MAX_MS ? KRT_RETRY_MAX_MS
								     : k->backoff_ms * 2;
}

/* Something changed under us: sync soon, once the first commit said what we want. */
static void schedule_soon(struct krt *k)
{
	if (!k->committed)
		return;
	if (k->retry && timer_remaining(k->retry) <= KRT_RESYNC_MS)
		return;
	timer_arm(k->tq, &k->retry, KRT_RESYNC_MS, retry_fire, k);
}

/* The second routes of ours at one key, found by a dump: each deleted by its next hops. */
static size_t purge_duplicates(struct krt *k, size_t *logged)
{
	struct krt_pending *idx[NLRT_BATCH_MAX];
	struct krt_pending *p;
	size_t i, out = 0, failed = 0;

	if (k->purge.n == 0)
		return 0;
	p = calloc(k->purge.n, sizeof(*p));
	if (!p)
		return k->purge.n;
	for (i = 0; i < k->purge.n; i++) {
		p[i].op = KRT_OP_DELETE;
		p[i].r = k->purge.v[i];
		queue_op(k, &p[i], true, idx, logged);
	}
	send_batch(k, idx, logged);
	for (i = 0; i < k->purge.n; i++) {
		if (p[i].ok)
			k->stats.deletes++;
		else
			k->purge.v[out++] = k->purge.v[i];
	}
	failed = out;
	k->purge.n = out;
	free(p);
	return failed;
}

/* Installed, updated by the acknowledged ops (both in key order). */
static bool apply_ops(struct krt *k, const struct krt_ops *ops)
{
	const struct krt_set *in = &k->installed;
	struct krt_set out = { 0 };
	size_t i = 0, j = 0;

	if (!set_reserve(&out, in->n + ops->n))
		return false;
	while (i < in->n || j < ops->n) {
		const struct krt_pending *p = j < ops->n ? &ops->v[j] : NULL;
		int c = i == in->n ? 1 : !p ? -1 : krt_route_cmp_key(&in->v[i], &p->r);

		if (c < 0) {
			out.v[out.n++] = in->v[i++];
			continue;
		}
		j++;
		if (c > 0) { /* an add */
			if (p->sent && p->ok) {
				out.v[out.n] = p->r;
				out.v[out.n++].stale = false;
				k->stats.adds++;
			}
			continue;
		}
		if (p->sent && p->ok && p->op == KRT_OP_CHANGE) {
			out.v[out.n] = p->r;
			out.v[out.n++].stale = false;
			k->stats.changes++;
		} else if (p->sent && p->ok) {
			k->stats.deletes++;
		} else {
			out.v[out.n++] = in->v[i];
		}
		i++;
	}
	set_free(&k->installed);
	k->installed = out;
	k->stats.installed = out.n;
	return true;
}

static int krt_sync(struct krt *k)
{
	struct krt_pending *idx[NLRT_BATCH_MAX];
	struct krt_ops ops = { 0 };
	struct diff_ctx c = { .k = k, .ops = &ops };
	size_t i, logged = 0, failed;

	timer_cancel(&k->retry);
	if (!k->dumped && !krt_dump(k)) {
		schedule_retry(k);
		return -1;
	}
	failed = purge_duplicates(k, &logged);
	krt_diff(k->installed.v, k->installed.n, k->desired.v, k->desired.n, diff_cb, &c);
	if (c.nomem) {
		klog(k, LOG_ERR, "kernel routes: out of memory; will retry");
		free(ops.v);
		set_free(&c.conflicted);
		schedule_retry(k);
		return -1;
	}
	for (i = 0; i < ops.n; i++) {
		struct krt_pending *p = &ops.v[i];

		if (p->conflict && p->op == KRT_OP_ADD)
			continue;
		if (!queue_op(k, p, false, idx, &logged))
			klog(k, LOG_WARNING, "kernel routes: cannot write %s: %s", op_name(p->op),
			     strerror(p->error));
	}
	send_batch(k, idx, &logged);
	for (i = 0; i < ops.n; i++)
		if (!(ops.v[i].conflict && ops.v[i].op == KRT_OP_ADD) && !ops.v[i].ok)
			failed++;
	if (!apply_ops(k, &ops)) {
		/* what the kernel holds is unknown now: learn it again before the next sync */
		klog(k, LOG_ERR, "kernel routes: out of memory; will dump and retry");
		k->dumped = false;
		failed = failed ? failed : 1;
	}
	free(ops.v);
	k->stats.conflicts = c.conflicted.n;
	set_swap(&k->conflicted, &c.conflicted);
	set_free(&c.conflicted);
	if (logged > KRT_LOG_MAX)
		klog(k, LOG_WARNING, "kernel routes: %zu more requests failed",
		     logged - KRT_LOG_MAX);
	if (failed) {
		klog(k, LOG_WARNING, "kernel routes: %zu requests failed; retry in %u ms", failed,
		     k->backoff_ms);
		schedule_retry(k);
	} else {
		k->backoff_ms = KRT_RETRY_MIN_MS;
	}
	return (int)failed;
}

static void retry_fire(void *arg)
{
	struct krt *k = arg;

	k->stats.retries++;
	krt_sync(k);
}

/* ---- events ---- */

static void event_ours_deleted(struct krt *k, const struct nl_route *n)
{
	struct krt_route r, *found;
	char buf[64];

	from_nl(n, &r);
	found = set_find(&k->installed, &r);
	/* the echo of our own delete finds nothing; of an older route, other next hops */
	if (!found || (!found->stale && !same_nexthops(found, &r)))
		return;
	set_remove(&k->installed, found);
	k->stats.installed = k->installed.n;
	k->stats.lost++;
	klog(k, LOG_NOTICE, "kernel routes: %s was deleted behind our back",
	     route_str(&r, buf, sizeof(buf)));
	schedule_soon(k);
}

static void event_route(void *ctx, const struct nl_route *n, bool deleted)
{
	struct krt *k = ctx;
	struct krt_route key = { .dst = n->dst, .plen = n->plen, .metric = n->priority };
	struct krt_route *ours;

	if (!nl_route_is_main_unicast(n))
		return;
	if (n->protocol == NL_RTPROT_OSPF) {
		/* additions are our own echoes; a stranger's is swept at the next dump */
		if (deleted)
			event_ours_deleted(k, n);
		return;
	}
	if (deleted) {
		fset_del(&k->foreign, n->dst, n->plen, n->priority, n->protocol);
		if (set_find(&k->desired, &key) && !set_find(&k->installed, &key))
			schedule_soon(k);
		return;
	}
	if (!fset_add(&k->foreign, n->dst, n->plen, n->priority, n->protocol))
		klog(k, LOG_ERR, "kernel routes: out of memory");
	ours = set_find(&k->installed, &key);
	if (ours) {
		/* it may have replaced ours; either way ours has to go */
		ours->stale = true;
		schedule_soon(k);
	}
}

void krt_read(struct krt *k)
{
	const struct nl_route_handler h = { event_route, k };

	if (nlrt_read_events(k->nl, &h) >= 0)
		return;
	if (errno != ENOBUFS) {
		klog(k, LOG_WARNING, "kernel routes: reading events: %s", strerror(errno));
		return;
	}
	k->stats.overruns++;
	klog(k, LOG_NOTICE, "kernel routes: route events were lost; dumping the table again");
	if (krt_dump(k))
		schedule_soon(k);
	else if (k->committed)
		schedule_retry(k);
}

void krt_link_down(struct krt *k, int ifindex)
{
	size_t i;
	uint16_t j;
	bool any = false;

	for (i = 0; i < k->installed.n; i++) {
		for (j = 0; j < k->installed.v[i].nnh; j++) {
			if (k->installed.v[i].nh[j].ifindex == ifindex) {
				k->installed.v[i].stale = true;
				any = true;
				break;
			}
		}
	}
	if (any)
		schedule_soon(k);
}

/* ---- the interface ---- */

struct krt *krt_new(struct timerq *tq, krt_log_fn log, void *log_ctx, char *err, size_t errlen)
{
	struct krt *k = calloc(1, sizeof(*k));

	if (!k) {
		snprintf(err, errlen, "kernel routes: out of memory");
		return NULL;
	}
	k->tq = tq;
	k->log = log;
	k->log_ctx = log_ctx;
	k->backoff_ms = KRT_RETRY_MIN_MS;
	k->nl = nlrt_open(true, err, errlen);
	if (!k->nl) {
		free(k);
		return NULL;
	}
	krt_dump(k);
	return k;
}

void krt_free(struct krt *k)
{
	if (!k)
		return;
	timer_cancel(&k->retry);
	nlrt_close(k->nl);
	set_free(&k->want);
	set_free(&k->desired);
	set_free(&k->installed);
	set_free(&k->purge);
	set_free(&k->conflicted);
	set_free(&k->dump_ours);
	fset_free(&k->foreign);
	fset_free(&k->dump_foreign);
	free(k);
}

void krt_begin(struct krt *k)
{
	k->want.n = 0;
}

/* The first KRT_NH_MAX of the sorted set of nh, so the choice is stable. */
static size_t nexthops_pick(struct krt *k, const struct krt_nexthop *nh, size_t nnh,
			    struct krt_nexthop *out)
{
	struct krt_nexthop *all;
	size_t n;

	if (nnh <= KRT_NH_MAX) {
		memcpy(out, nh, nnh * sizeof(*nh));
		return krt_nexthops_normalize(out, nnh);
	}
	all = malloc(nnh * sizeof(*nh));
	if (!all)
		return 0;
	memcpy(all, nh, nnh * sizeof(*nh));
	n = krt_nexthops_normalize(all, nnh);
	if (n > KRT_NH_MAX) {
		k->stats.nh_truncated++;
		n = KRT_NH_MAX;
	}
	memcpy(out, all, n * sizeof(*nh));
	free(all);
	return n;
}

int krt_want(struct krt *k, uint32_t dst, uint8_t plen, uint32_t metric,
	     const struct krt_nexthop *nh, size_t nnh)
{
	struct krt_route r;
	size_t i;

	if (plen > 32 || nnh == 0 || !nh) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < nnh; i++) {
		if (nh[i].ifindex <= 0) {
			errno = EINVAL;
			return -1;
		}
	}
	memset(&r, 0, sizeof(r));
	r.dst = dst & plen_mask(plen);
	r.plen = plen;
	r.metric = metric;
	r.nnh = (uint16_t)nexthops_pick(k, nh, nnh, r.nh);
	if (r.nnh == 0 || !set_push(&k->want, &r)) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Bottom-up merge sort by key: stable, so equal keys keep the order they were wanted in. */
static bool routes_stable_sort(struct krt_route *v, size_t n)
{
	struct krt_route *tmp;
	size_t width;

	if (n < 2)
		return true;
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return false;
	for (width = 1; width < n; width *= 2) {
		size_t lo;

		for (lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = mid + width < n ? mid + width : n;
			size_t a = lo, b = mid, t = lo;

			while (a < mid || b < hi) {
				if (b == hi || (a < mid && krt_route_cmp_key(&v[a], &v[b]) <= 0))
					tmp[t++] = v[a++];
				else
					tmp[t++] = v[b++];
			}
		}
		memcpy(v, tmp, n * sizeof(*tmp));
	}
	free(tmp);
	return true;
}

/* Sorted by key; of two routes with one key, the one wanted last stays. */
static void want_sort(struct krt *k, struct krt_set *w)
{
	size_t i, out = 0;

	if (!routes_stable_sort(w->v, w->n)) {
		klog(k, LOG_WARNING,
		     "kernel routes: out of memory sorting; duplicates kept at random");
		qsort(w->v, w->n, sizeof(*w->v), route_cmp_qsort);
	}
	for (i = 0; i < w->n; i++) {
		if (out > 0 && krt_route_cmp_key(&w->v[out - 1], &w->v[i]) == 0)
			out--;
		w->v[out++] = w->v[i];
	}
	w->n = out;
}

int krt_commit(struct krt *k)
{
	want_sort(k, &k->want);
	set_swap(&k->desired, &k->want);
	k->want.n = 0;
	k->committed = true;
	return krt_sync(k);
}

void krt_flush(struct krt *k)
{
	k->want.n = 0;
	k->desired.n = 0;
	krt_sync(k);
	timer_cancel(&k->retry);
	k->committed = false;
	if (k->installed.n || k->purge.n)
		klog(k, LOG_ERR, "kernel routes: %zu routes of ours could not be removed",
		     k->installed.n + k->purge.n);
}

int krt_fd(const struct krt *k)
{
	return nlrt_event_fd(k->nl);
}

const struct krt_stats *krt_stats(const struct krt *k)
{
	return &k->stats;
}

const struct krt_route *krt_installed(const struct krt *k, size_t *n)
{
	*n = k->installed.n;
	return k->installed.v;
}
