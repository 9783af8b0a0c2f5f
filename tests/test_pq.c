/* SPDX-License-Identifier: ISC */
/* The priority queue of (key, pointer) pairs: order, pushing again to lower a key, reuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "pq.h"

#define N 5000

static void test_pq_pops_in_key_order_with_their_pointers(void **state)
{
	static int items[N];
	struct pq q;
	struct pq_item x;
	uint64_t last = 0;
	size_t i;

	(void)state;
	pq_init(&q);
	srand(11);
	for (i = 0; i < N; i++) {
		items[i] = rand() % 300; /* many equal keys */
		assert_true(pq_push(&q, (uint64_t)items[i], &items[i]));
	}
	for (i = 0; i < N; i++) {
		assert_non_null(pq_top(&q));
		assert_true(pq_pop(&q, &x));
		assert_true(x.key >= last);
		assert_int_equal(*(int *)x.ptr, (int)x.key);
		last = x.key;
	}
	assert_false(pq_pop(&q, &x));
	assert_null(pq_top(&q));
	assert_true(pq_empty(&q));
	pq_fini(&q);
}

static void test_pq_top_is_what_pop_takes(void **state)
{
	struct pq q;
	struct pq_item x;
	int a, b, c;

	(void)state;
	pq_init(&q);
	assert_true(pq_push(&q, 30, &a));
	assert_true(pq_push(&q, 10, &b));
	assert_true(pq_push(&q, 20, &c));
	assert_ptr_equal(pq_top(&q)->ptr, &b);
	assert_true(pq_pop(&q, &x));
	assert_ptr_equal(x.ptr, &b);
	assert_int_equal(x.key, 10);
	assert_ptr_equal(pq_top(&q)->ptr, &c);
	pq_fini(&q);
}

/* Dijkstra's use: a lowered key is pushed again; the pair with the old key comes out later,
 * where the caller sees it is stale. */
static void test_pq_pushed_again_with_a_lower_key_comes_out_first(void **state)
{
	struct pq q;
	struct pq_item x;
	int a, b;

	(void)state;
	pq_init(&q);
	assert_true(pq_push(&q, 50, &a));
	assert_true(pq_push(&q, 40, &b));
	assert_true(pq_push(&q, 5, &a));
	assert_true(pq_pop(&q, &x));
	assert_ptr_equal(x.ptr, &a);
	assert_int_equal(x.key, 5);
	assert_true(pq_pop(&q, &x));
	assert_ptr_equal(x.ptr, &b);
	assert_true(pq_pop(&q, &x));
	assert_ptr_equal(x.ptr, &a);
	assert_int_equal(x.key, 50);
	assert_false(pq_pop(&q, &x));
	pq_fini(&q);
}

static void test_pq_clear_empties_and_keeps_memory(void **state)
{
	static int items[200];
	struct pq q;
	struct pq_item x;
	struct pq_item *mem;
	size_t i;

	(void)state;
	pq_init(&q);
	for (i = 0; i < 200; i++)
		assert_true(pq_push(&q, 200 - i, &items[i]));
	mem = q.a;
	pq_clear(&q);
	assert_true(pq_empty(&q));
	assert_false(pq_pop(&q, &x));
	for (i = 0; i < 100; i++)
		assert_true(pq_push(&q, i, &items[i]));
	assert_ptr_equal(q.a, mem);
	assert_true(pq_pop(&q, &x));
	assert_int_equal(x.key, 0);
	pq_fini(&q);
	assert_null(q.a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pq_pops_in_key_order_with_their_pointers),
		cmocka_unit_test(test_pq_top_is_what_pop_takes),
		cmocka_unit_test(test_pq_pushed_again_with_a_lower_key_comes_out_first),
		cmocka_unit_test(test_pq_clear_empties_and_keeps_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
