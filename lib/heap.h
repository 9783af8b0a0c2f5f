/* SPDX-License-Identifier: ISC */
/*
 * A binary min-heap of intrusive nodes: each element embeds a struct heap_node that carries
 * its key and its position in the heap, so a key can be lowered in O(log n) without a search.
 * The heap allocates only its array of pointers, which it keeps between uses.
 */
#ifndef LIB_HEAP_H
#define LIB_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAP_NOT_IN UINT32_MAX

struct heap_node {
	uint64_t key;
	uint32_t pos; /* index in the heap, HEAP_NOT_IN when out of it */
};

/* The keys are kept in the array too: sifting reads no node, and writes only the position of
 * each node it moves. */
struct heap_slot {
	uint64_t key;
	struct heap_node *node;
};

struct heap {
	struct heap_slot *a;
	size_t n, cap;
};

void heap_init(struct heap *h);
void heap_fini(struct heap *h);
/* Empties the heap (the nodes in it are left as they are), keeping its memory. */
void heap_clear(struct heap *h);
/* Inserts x with x->key; false on no memory (x is then not in the heap). */
bool heap_push(struct heap *h, struct heap_node *x);
/* Removes and returns the node of least key, NULL if empty. */
struct heap_node *heap_pop(struct heap *h);
/* x->key was lowered: restores the order. */
void heap_decrease(struct heap *h, struct heap_node *x);

static inline bool heap_empty(const struct heap *h)
{
	return h->n == 0;
}

#endif
