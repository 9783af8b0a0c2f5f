/* SPDX-License-Identifier: ISC */
/* The intrusive binary min-heap: order, lowered keys, reuse after clear. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "heap.h"

#define N 1000

static void test_heap_pops_in_key_order(void **state)
{
	static struct heap_node nodes[N];
	struct heap h;
	uint64_t last = 0;
	size_t i;

	(void)state;
	heap_init(&h);
	srand(7);
	for (i = 0; i < N; i++) {
		nodes[i].key = (uint64_t)(rand() % 100);
		assert_true(heap_push(&h, &nodes[i]));
	}
	for (i = 0; i < N; i++) {
		struct heap_node *x = heap_pop(&h);

		assert_non_null(x);
		assert_true(x->key >= last);
		assert_int_equal(x->pos, HEAP_NOT_IN);
		last = x->key;
	}
	assert_null(heap_pop(&h));
	assert_true(heap_empty(&h));
	heap_fini(&h);
}

static void test_heap_decrease_moves_a_node_up(void **state)
{
	static struct heap_node nodes[N];
	struct heap h;
	size_t i;

	(void)state;
	heap_init(&h);
	for (i = 0; i < N; i++) {
		nodes[i].key = 1000 + i;
		assert_true(heap_push(&h, &nodes[i]));
	}
	nodes[N - 1].key = 5;
	heap_decrease(&h, &nodes[N - 1]);
	nodes[500].key = 7;
	heap_decrease(&h, &nodes[500]);
	assert_ptr_equal(heap_pop(&h), &nodes[N - 1]);
	assert_ptr_equal(heap_pop(&h), &nodes[500]);
	assert_ptr_equal(heap_pop(&h), &nodes[0]);
	/* a node no longer in the heap is left alone */
	nodes[N - 1].key = 0;
	heap_decrease(&h, &nodes[N - 1]);
	assert_ptr_equal(heap_pop(&h), &nodes[1]);
	heap_clear(&h);
	assert_true(heap_empty(&h));
	nodes[3].key = 1;
	assert_true(heap_push(&h, &nodes[3]));
	assert_ptr_equal(heap_pop(&h), &nodes[3]);
	heap_fini(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heap_pops_in_key_order),
		cmocka_unit_test(test_heap_decrease_moves_a_node_up),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
