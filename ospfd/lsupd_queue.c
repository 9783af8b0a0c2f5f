/* SPDX-License-Identifier: ISC */
/*
 * Flooding out in batches (see flood.h): LSAs queued for updates, sent per interface and
 * destination in as few packets as fit the MTU. Apart from lsupd.c so that tests which
 * stand in for the update module still link the real batching that ospf_recv() uses.
 */
#include <stdlib.h>

#include "flood.h"
#include "iface.h"

/* Queued LSAs sent at once past this many (bounded memory and latency). */
#define LSUPD_QUEUE_MAX 1024

static void lsupd_flush_fire(void *arg)
{
	lsupd_queue_flush(arg);
}

void lsupd_queue(struct iface *ifp, uint32_t dst, struct lsa_inst *inst)
{
	struct ospf *o = ifp->ospf;
	struct lsupd_pending *q;

	if (o->nlsu_queue == o->cap_lsu_queue) {
		size_t cap = o->cap_lsu_queue ? 2 * o->cap_lsu_queue : 64;

		q = realloc(o->lsu_queue, cap * sizeof(*q));
		if (!q) {
			/* sent alone, as without batching */
			lsupd_send(ifp, dst, &inst, 1);
			return;
		}
		o->lsu_queue = q;
		o->cap_lsu_queue = cap;
	}
	q = &o->lsu_queue[o->nlsu_queue++];
	q->ifindex = ifp->ifindex;
	q->dst = dst;
	q->inst = lsa_inst_ref(inst);
	if (o->nlsu_queue >= LSUPD_QUEUE_MAX)
		lsupd_queue_flush(o);
	else if (!o->lsu_batch_depth && !o->lsu_flush_timer)
		timer_arm(o->tq, &o->lsu_flush_timer, 0, lsupd_flush_fire, o);
}

void flood_batch_begin(struct ospf *o)
{
	o->lsu_batch_depth++;
}

void flood_batch_end(struct ospf *o)
{
	if (o->lsu_batch_depth && --o->lsu_batch_depth == 0)
		lsupd_queue_flush(o);
}

/* Whether q's LSA is still the current instance (a newer one queued meanwhile goes
 * instead, so the neighbor does not get two within MinLSArrival). */
static bool lsupd_pending_current(struct iface *ifp, const struct lsupd_pending *q)
{
	struct lsa_key key = lsa_key_of(&q->inst->hdr);
	struct lsa_entry *e = lsdb_lookup(flood_scope_db(ifp, key.type), &key);

	return e && e->inst == q->inst;
}

/* Sends the queue: per (interface, destination), in the order first queued. */
void lsupd_queue_flush(struct ospf *o)
{
	struct lsupd_pending *q = o->lsu_queue;
	size_t n = o->nlsu_queue, i, j, k;
	struct lsa_inst **insts;

	timer_cancel(&o->lsu_flush_timer);
	if (!n)
		return;
	/* taken over: whatever sending queues anew goes in a fresh queue */
	o->lsu_queue = NULL;
	o->nlsu_queue = o->cap_lsu_queue = 0;
	insts = calloc(n, sizeof(*insts));
	for (i = 0; i < n; i++) {
		struct iface *ifp;

		if (!q[i].inst)
			continue;
		ifp = ospf_iface_find(o, q[i].ifindex);
		for (j = i, k = 0; j < n; j++) {
			if (!q[j].inst || q[j].ifindex != q[i].ifindex || q[j].dst != q[i].dst)
				continue;
			if (insts && ifp && iface_is_active(ifp) &&
			    lsupd_pending_current(ifp, &q[j]))
				insts[k++] = q[j].inst;
			else
				lsa_inst_unref(q[j].inst);
			if (j != i)
				q[j].inst = NULL;
		}
		if (k)
			lsupd_send(ifp, q[i].dst, insts, k);
		while (k)
			lsa_inst_unref(insts[--k]);
		q[i].inst = NULL;
	}
	free(insts);
	free(q);
}

void lsupd_queue_free(struct ospf *o)
{
	size_t i;

	timer_cancel(&o->lsu_flush_timer);
	for (i = 0; i < o->nlsu_queue; i++)
		lsa_inst_unref(o->lsu_queue[i].inst);
	free(o->lsu_queue);
	o->lsu_queue = NULL;
	o->nlsu_queue = o->cap_lsu_queue = 0;
}
