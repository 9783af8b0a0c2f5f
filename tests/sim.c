/* SPDX-License-Identifier: ISC */
#include "sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "nbr.h"
#include "spf.h"

#define SIM_MAX_ROUTERS 32
#define SIM_MAX_ATTACH	128
#define SIM_DELAY_MS	1

struct attach {
	struct ospf *o;
	struct iface *ifp;
	int seg;
	bool alldrouters;
};

struct delivery {
	struct list_node node;
	struct sim *s;
	struct attach *to;
	uint32_t src, dst;
	struct timer *timer;
	size_t len;
	uint8_t buf[];
};

struct sim {
	uint64_t now;
	struct timerq *tq;
	struct ospf *routers[SIM_MAX_ROUTERS];
	int nrouters;
	struct attach attach[SIM_MAX_ATTACH];
	int nattach;
	bool seg_down[SIM_MAX_ATTACH];
	int nsegs;
	struct list_node inflight;
	int next_ifindex;
};

static uint64_t sim_clock(void *ctx)
{
	return ((struct sim *)ctx)->now;
}

struct sim *sim_new(void)
{
	struct sim *s = calloc(1, sizeof(*s));

	s->tq = timerq_new(sim_clock, s);
	s->now = 1000000; /* not zero, so "time 0" bugs show */
	list_init(&s->inflight);
	s->next_ifindex = 10;
	return s;
}

struct timerq *sim_timerq(struct sim *s)
{
	return s->tq;
}

uint64_t sim_now(const struct sim *s)
{
	return s->now;
}

static struct attach *attach_of(struct sim *s, const struct iface *ifp)
{
	int i;

	for (i = 0; i < s->nattach; i++)
		if (s->attach[i].ifp == ifp)
			return &s->attach[i];
	return NULL;
}

static void deliver(void *arg)
{
	struct delivery *d = arg;

	list_del(&d->node);
	if (!d->s->seg_down[d->to->seg] && d->to->ifp)
		ospf_recv(d->to->o, d->to->ifp, d->src, d->dst, d->buf, d->len);
	free(d);
}

static bool wants(const struct attach *a, uint32_t dst)
{
	if (dst == OSPF_ALL_SPF_ROUTERS)
		return true;
	if (dst == OSPF_ALL_D_ROUTERS)
		return a->alldrouters;
	return dst == a->ifp->addr;
}

static void delivery_add(struct sim *s, struct attach *to, uint32_t src, uint32_t dst,
			 const uint8_t *buf, size_t len)
{
	struct delivery *d = malloc(sizeof(*d) + len);

	d->s = s;
	d->to = to;
	d->src = src;
	d->dst = dst;
	d->timer = NULL;
	d->len = len;
	memcpy(d->buf, buf, len);
	list_add_tail(&s->inflight, &d->node);
	timer_arm(s->tq, &d->timer, SIM_DELAY_MS, deliver, d);
}

/* A virtual link's unicast, as if routed: to the interface that owns dst, on another
 * router; lost if that interface's segment is cut. */
static void sim_send_routed(struct sim *s, struct iface *ifp, uint32_t dst, const uint8_t *buf,
			    size_t len)
{
	int i;

	for (i = 0; i < s->nattach; i++) {
		struct attach *to = &s->attach[i];

		if (to->ifp && to->o != ifp->ospf && to->ifp->addr == dst) {
			delivery_add(s, to, ifp->addr, dst, buf, len);
			return;
		}
	}
}

static void sim_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	struct sim *s = ctx;
	struct attach *from = attach_of(s, ifp);
	int i;

	if (ifp->vlink) {
		sim_send_routed(s, ifp, dst, buf, len);
		return;
	}

	if (!from || s->seg_down[from->seg])
		return;
	for (i = 0; i < s->nattach; i++) {
		struct attach *to = &s->attach[i];

		if (to == from || to->seg != from->seg || !to->ifp || !wants(to, dst))
			continue;
		delivery_add(s, to, ifp->addr, dst, buf, len);
	}
}

static void sim_join(void *ctx, struct iface *ifp, bool join)
{
	struct attach *a = attach_of(ctx, ifp);

	if (a)
		a->alldrouters = join;
}

struct ospf *sim_router_add(struct sim *s, uint32_t router_id)
{
	struct ospf_io io = { .send = sim_send, .join_alldrouters = sim_join, .ctx = s };
	struct ospf *o;

	if (s->nrouters == SIM_MAX_ROUTERS)
		return NULL;
	o = ospf_new(router_id, s->tq, &io);
	s->routers[s->nrouters++] = o;
	return o;
}

int sim_segment_add(struct sim *s)
{
	return s->nsegs++;
}

struct iface *sim_attach(struct sim *s, struct ospf *o, int seg, uint32_t addr, uint8_t prefixlen,
			 uint32_t area_id, const struct iface_params *params)
{
	struct attach *a;
	char name[IF_NAMESIZE];
	int ifindex = s->next_ifindex++;

	if (s->nattach == SIM_MAX_ATTACH)
		return NULL;
	a = &s->attach[s->nattach++];
	a->o = o;
	a->seg = seg;
	snprintf(name, sizeof(name), "sim%d", ifindex);
	a->ifp =
	    iface_new(o, ospf_area_get(o, area_id), name, ifindex, addr, prefixlen, 1500, params);
	a->ifp->kernel_up = true;
	iface_fsm(a->ifp, ISM_EV_INTERFACE_UP);
	return a->ifp;
}

void sim_segment_set_up(struct sim *s, int seg, bool up)
{
	s->seg_down[seg] = !up;
}

void sim_run(struct sim *s, uint64_t ms)
{
	uint64_t end = s->now + ms;

	for (;;) {
		uint64_t next = timerq_next(s->tq);

		if (next > end)
			break;
		if (next > s->now)
			s->now = next;
		timerq_run(s->tq, 64);
	}
	s->now = end;
}

bool sim_run_until(struct sim *s, uint64_t ms, bool (*pred)(struct sim *s, void *arg), void *arg)
{
	uint64_t end = s->now + ms;

	while (s->now < end) {
		if (pred(s, arg))
			return true;
		sim_run(s, 10);
	}
	return pred(s, arg);
}

int sim_router_count(const struct sim *s)
{
	return s->nrouters;
}

struct ospf *sim_router(const struct sim *s, int i)
{
	return s->routers[i];
}

struct lsa_id_set {
	struct lsa_hdr *h;
	size_t n, cap;
};

static void collect(struct lsa_entry *e, void *arg)
{
	struct lsa_id_set *set = arg;

	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 64;
		set->h = realloc(set->h, set->cap * sizeof(*set->h));
	}
	set->h[set->n++] = e->inst->hdr;
}

static int hdr_order(const void *a, const void *b)
{
	const struct lsa_hdr *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->adv_router != y->adv_router)
		return x->adv_router < y->adv_router ? -1 : 1;
	return 0;
}

static bool sets_equal(const struct lsa_id_set *a, const struct lsa_id_set *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (hdr_order(&a->h[i], &b->h[i]) || a->h[i].seq != b->h[i].seq ||
		    a->h[i].checksum != b->h[i].checksum)
			return false;
	return true;
}

bool sim_lsdbs_equal(const struct sim *s, uint32_t area_id)
{
	struct lsa_id_set first = { 0 };
	bool equal = true;
	int i;

	for (i = 0; i < s->nrouters && equal; i++) {
		struct area *a = ospf_area_find(s->routers[i], area_id);
		struct lsa_id_set set = { 0 };

		if (!a) {
			equal = false;
			break;
		}
		lsdb_foreach(&a->lsdb, collect, &set);
		qsort(set.h, set.n, sizeof(*set.h), hdr_order);
		if (i == 0) {
			first = set;
			continue;
		}
		equal = sets_equal(&first, &set);
		free(set.h);
	}
	free(first.h);
	return equal;
}

bool sim_spf_idle(const struct sim *s)
{
	int i;

	for (i = 0; i < s->nrouters; i++)
		if (spf_pending(s->routers[i]))
			return false;
	return true;
}

bool sim_all_full(struct sim *s, void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < s->nrouters; i++) {
		struct iface *ifp;
		struct nbr *n;
		int count = 0;

		list_for_each (ifp, &s->routers[i]->ifaces, node)
			list_for_each (n, &ifp->nbrs, node) {
				/* on a LAN, DROthers stay 2-Way with each other (10.4) */
				enum nbr_state want = nbr_should_be_adjacent(n) ? NSM_FULL
										: NSM_2WAY;

				if (n->state != want)
					return false;
				count++;
			}
		if (!count)
			return false;
	}
	return true;
}

void sim_free(struct sim *s)
{
	struct delivery *d, *tmp;
	int i;

	/* routers first: leaving, they may still send, and those packets must be freed too */
	for (i = 0; i < s->nrouters; i++) {
		int j;

		ospf_free(s->routers[i]);
		for (j = 0; j < s->nattach; j++)
			if (s->attach[j].o == s->routers[i])
				s->attach[j].ifp = NULL;
	}
	list_for_each_safe (d, tmp, &s->inflight, node) {
		timer_cancel(&d->timer);
		list_del(&d->node);
		free(d);
	}
	timerq_free(s->tq);
	free(s);
}
