/* SPDX-License-Identifier: ISC */
/*
 * A min-priority queue of (key, pointer) pairs without decrease-key: to lower an element's
 * key, push it again; the caller skips the stale pair when it comes out (Dijkstra with lazy
 * deletion). Sifting touches only the queue's own array, never the elements, which is what
 * makes it faster than an intrusive heap when the elements are scattered in memory.
 */
#ifndef LIB_PQ_H
#define LIB_PQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pq_item {
	uint64_t key;
	void *ptr;
};

struct pq {
	struct pq_item *a;
	size_t n, cap;
};

void pq_init(struct pq *q);
void pq_fini(struct pq *q);
/* Empties the queue, keeping its memory. */
static inline void pq_clear(struct pq *q)
{
	q->n = 0;
}
static inline bool pq_empty(const struct pq *q)
{
	return q->n == 0;
}
/* Adds (key, ptr); false on no memory. */
bool pq_push(struct pq *q, uint64_t key, void *ptr);
/* Takes out the pair of least key into *out; false if empty. */
bool pq_pop(struct pq *q, struct pq_item *out);
/* The pair that pq_pop would take out next, or NULL. */
static inline const struct pq_item *pq_top(const struct pq *q)
{
	return q->n ? &q->a[0] : NULL;
}

#endif
