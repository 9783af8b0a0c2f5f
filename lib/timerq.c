/* SPDX-License-Identifier: ISC */
#include "timerq.h"

#include <stdlib.h>

/* A binary min-heap on (deadline, arming order); each timer knows its slot, so cancel is
 * O(log n). */
struct timer {
	struct timerq *q;
	struct timer **handle;
	uint64_t deadline;
	uint64_t order;
	size_t slot;
	timer_cb cb;
	void *arg;
};

struct timerq {
	timerq_clock now;
	void *ctx;
	struct timer **heap;
	size_t n, cap;
	uint64_t armed;
};

struct timerq *timerq_new(timerq_clock now, void *ctx)
{
	struct timerq *q = calloc(1, sizeof(*q));

	if (!q)
		return NULL;
	q->now = now;
	q->ctx = ctx;
	return q;
}

uint64_t timerq_now(const struct timerq *q)
{
	return q->now(q->ctx);
}

static bool earlier(const struct timer *a, const struct timer *b)
{
	return a->deadline != b->deadline ? a->deadline < b->deadline : a->order < b->order;
}

static void place(struct timerq *q, struct timer *t, size_t i)
{
	q->heap[i] = t;
	t->slot = i;
}

static void sift_up(struct timerq *q, size_t i)
{
	struct timer *t = q->heap[i];

	while (i > 0 && earlier(t, q->heap[(i - 1) / 2])) {
		place(q, q->heap[(i - 1) / 2], i);
		i = (i - 1) / 2;
	}
	place(q, t, i);
}

static void sift_down(struct timerq *q, size_t i)
{
	struct timer *t = q->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= q->n)
			break;
		if (c + 1 < q->n && earlier(q->heap[c + 1], q->heap[c]))
			c++;
		if (!earlier(q->heap[c], t))
			break;
		place(q, q->heap[c], i);
		i = c;
	}
	place(q, t, i);
}

static void heap_remove(struct timerq *q, struct timer *t)
{
	size_t i = t->slot;

	q->n--;
	if (i == q->n)
		return;
	place(q, q->heap[q->n], i);
	sift_down(q, i);
	sift_up(q, q->heap[i]->slot);
}

static bool heap_grow(struct timerq *q)
{
	size_t cap = q->cap ? 2 * q->cap : 16;
	struct timer **h = realloc(q->heap, cap * sizeof(*h));

	if (!h)
		return false;
	q->heap = h;
	q->cap = cap;
	return true;
}

void timer_arm(struct timerq *q, struct timer **handle, uint64_t ms, timer_cb cb, void *arg)
{
	struct timer *t = *handle;
	uint64_t now = q->now(q->ctx);

	if (t)
		heap_remove(t->q, t);
	else if (q->n == q->cap && !heap_grow(q))
		abort(); /* out of memory for a 64-byte timer: no way to keep the protocol right */
	if (!t) {
		t = malloc(sizeof(*t));
		if (!t)
			abort();
	}
	t->q = q;
	t->handle = handle;
	t->deadline = ms > TIMERQ_NEVER - now ? TIMERQ_NEVER : now + ms;
	t->order = q->armed++;
	t->cb = cb;
	t->arg = arg;
	place(q, t, q->n++);
	sift_up(q, t->slot);
	*handle = t;
}

void timer_cancel(struct timer **handle)
{
	struct timer *t = *handle;

	if (!t)
		return;
	heap_remove(t->q, t);
	*handle = NULL;
	free(t);
}

uint64_t timer_remaining(const struct timer *t)
{
	uint64_t now = t->q->now(t->q->ctx);

	return t->deadline > now ? t->deadline - now : 0;
}

uint64_t timerq_next(const struct timerq *q)
{
	return q->n ? q->heap[0]->deadline : TIMERQ_NEVER;
}

size_t timerq_run(struct timerq *q, size_t max)
{
	uint64_t now = q->now(q->ctx);
	size_t fired = 0;

	while (fired < max && q->n && q->heap[0]->deadline <= now) {
		struct timer *t = q->heap[0];
		timer_cb cb = t->cb;
		void *arg = t->arg;

		heap_remove(q, t);
		*t->handle = NULL;
		free(t);
		fired++;
		cb(arg);
	}
	return fired;
}

size_t timerq_count(const struct timerq *q)
{
	return q->n;
}

void timerq_free(struct timerq *q)
{
	if (!q)
		return;
	while (q->n) {
		struct timer *t = q->heap[--q->n];

		*t->handle = NULL;
		free(t);
	}
	free(q->heap);
	free(q);
}
