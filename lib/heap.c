/* SPDX-License-Identifier: ISC */
/* Binary min-heap of intrusive nodes (see heap.h). */
#include "heap.h"

#include <stdlib.h>

void heap_init(struct heap *h)
{
	h->a = NULL;
	h->n = 0;
	h->cap = 0;
}

void heap_fini(struct heap *h)
{
	free(h->a);
	heap_init(h);
}

void heap_clear(struct heap *h)
{
	h->n = 0;
}

static void heap_set(struct heap *h, size_t i, struct heap_slot x)
{
	h->a[i] = x;
	x.node->pos = (uint32_t)i;
}

static void heap_up(struct heap *h, size_t i)
{
	struct heap_slot x = h->a[i];

	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (h->a[p].key <= x.key)
			break;
		heap_set(h, i, h->a[p]);
		i = p;
	}
	heap_set(h, i, x);
}

static void heap_down(struct heap *h, size_t i)
{
	struct heap_slot x = h->a[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->a[c + 1].key < h->a[c].key)
			c++;
		if (x.key <= h->a[c].key)
			break;
		heap_set(h, i, h->a[c]);
		i = c;
	}
	heap_set(h, i, x);
}

bool heap_push(struct heap *h, struct heap_node *x)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct heap_slot *a = realloc(h->a, cap * sizeof(*a));

		if (!a) {
			x->pos = HEAP_NOT_IN;
			return false;
		}
		h->a = a;
		h->cap = cap;
	}
	h->a[h->n].key = x->key;
	h->a[h->n].node = x;
	h->n++;
	heap_up(h, h->n - 1);
	return true;
}

struct heap_node *heap_pop(struct heap *h)
{
	struct heap_node *top;

	if (!h->n)
		return NULL;
	top = h->a[0].node;
	top->pos = HEAP_NOT_IN;
	if (--h->n) {
		h->a[0] = h->a[h->n];
		heap_down(h, 0);
	}
	return top;
}

void heap_decrease(struct heap *h, struct heap_node *x)
{
	if (x->pos < h->n && h->a[x->pos].node == x) {
		h->a[x->pos].key = x->key;
		heap_up(h, x->pos);
	}
}
