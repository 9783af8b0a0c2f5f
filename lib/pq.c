/* SPDX-License-Identifier: ISC */
/* Min-priority queue of (key, pointer) pairs, a binary heap in one array (see pq.h). */
#include "pq.h"

#include <stdlib.h>

void pq_init(struct pq *q)
{
	q->a = NULL;
	q->n = 0;
	q->cap = 0;
}

void pq_fini(struct pq *q)
{
	free(q->a);
	pq_init(q);
}

bool pq_push(struct pq *q, uint64_t key, void *ptr)
{
	size_t i;

	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 64;
		struct pq_item *a = realloc(q->a, cap * sizeof(*a));

		if (!a)
			return false;
		q->a = a;
		q->cap = cap;
	}
	for (i = q->n++; i > 0 && q->a[(i - 1) / 2].key > key; i = (i - 1) / 2)
		q->a[i] = q->a[(i - 1) / 2];
	q->a[i].key = key;
	q->a[i].ptr = ptr;
	return true;
}

bool pq_pop(struct pq *q, struct pq_item *out)
{
	struct pq_item last;
	size_t i = 0;

	if (!q->n)
		return false;
	*out = q->a[0];
	last = q->a[--q->n];
	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= q->n)
			break;
		if (c + 1 < q->n && q->a[c + 1].key < q->a[c].key)
			c++;
		if (last.key <= q->a[c].key)
			break;
		q->a[i] = q->a[c];
		i = c;
	}
	if (q->n)
		q->a[i] = last;
	return true;
}
