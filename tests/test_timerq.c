/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "timerq.h"

static uint64_t fake_now;

static uint64_t fake_clock(void *ctx)
{
	(void)ctx;
	return fake_now;
}

struct rec {
	int order[16];
	int n;
};

struct shot {
	struct rec *rec;
	int id;
	struct timer *handle;
};

static void record(void *arg)
{
	struct shot *s = arg;

	s->rec->order[s->rec->n++] = s->id;
}

static void test_timers_fire_in_deadline_order_and_clear_their_handles(void **state)
{
	struct timerq *q = timerq_new(fake_clock, NULL);
	struct rec rec = { 0 };
	struct shot s[3] = { { &rec, 0, NULL }, { &rec, 1, NULL }, { &rec, 2, NULL } };

	(void)state;
	fake_now = 1000;
	timer_arm(q, &s[0].handle, 30, record, &s[0]);
	timer_arm(q, &s[1].handle, 10, record, &s[1]);
	timer_arm(q, &s[2].handle, 20, record, &s[2]);
	assert_int_equal(timerq_next(q), 1010);
	assert_int_equal(timer_remaining(s[0].handle), 30);
	fake_now = 1019;
	assert_int_equal(timerq_run(q, 100), 1);
	assert_null(s[1].handle);
	assert_non_null(s[2].handle);
	fake_now = 1030;
	assert_int_equal(timerq_run(q, 100), 2);
	assert_int_equal(rec.n, 3);
	assert_int_equal(rec.order[0], 1);
	assert_int_equal(rec.order[1], 2);
	assert_int_equal(rec.order[2], 0);
	assert_null(s[0].handle);
	assert_int_equal(timerq_next(q), TIMERQ_NEVER);
	timerq_free(q);
}

static void test_equal_deadlines_fire_in_arming_order(void **state)
{
	struct timerq *q = timerq_new(fake_clock, NULL);
	struct rec rec = { 0 };
	struct shot s[4];
	int i;

	(void)state;
	fake_now = 0;
	for (i = 0; i < 4; i++) {
		s[i] = (struct shot){ &rec, i, NULL };
		timer_arm(q, &s[i].handle, 5, record, &s[i]);
	}
	fake_now = 5;
	timerq_run(q, 100);
	for (i = 0; i < 4; i++)
		assert_int_equal(rec.order[i], i);
	timerq_free(q);
}

static void test_rearming_moves_the_timer_and_cancel_clears_the_handle(void **state)
{
	struct timerq *q = timerq_new(fake_clock, NULL);
	struct rec rec = { 0 };
	struct shot a = { &rec, 7, NULL }, b = { &rec, 8, NULL };

	(void)state;
	fake_now = 0;
	timer_arm(q, &a.handle, 10, record, &a);
	timer_arm(q, &b.handle, 20, record, &b);
	timer_arm(q, &a.handle, 50, record, &a);
	assert_int_equal(timerq_count(q), 2);
	assert_int_equal(timerq_next(q), 20);
	timer_cancel(&b.handle);
	assert_null(b.handle);
	timer_cancel(&b.handle); /* harmless twice */
	fake_now = 49;
	assert_int_equal(timerq_run(q, 10), 0);
	fake_now = 50;
	assert_int_equal(timerq_run(q, 10), 1);
	assert_int_equal(rec.n, 1);
	assert_int_equal(rec.order[0], 7);
	timerq_free(q);
}

static void test_run_is_bounded_by_max(void **state)
{
	struct timerq *q = timerq_new(fake_clock, NULL);
	struct rec rec = { 0 };
	struct shot s[10];
	int i;

	(void)state;
	fake_now = 0;
	for (i = 0; i < 10; i++) {
		s[i] = (struct shot){ &rec, i, NULL };
		timer_arm(q, &s[i].handle, (uint64_t)i, record, &s[i]);
	}
	fake_now = 100;
	assert_int_equal(timerq_run(q, 4), 4);
	assert_int_equal(timerq_count(q), 6);
	assert_int_equal(timerq_run(q, 100), 6);
	timerq_free(q);
}

struct chain {
	struct timerq *q;
	struct timer *handle;
	int fired;
};

static void rearm_self(void *arg)
{
	struct chain *c = arg;

	if (++c->fired < 3)
		timer_arm(c->q, &c->handle, 0, rearm_self, c);
}

static void test_a_callback_may_rearm_its_own_timer(void **state)
{
	struct chain c = { timerq_new(fake_clock, NULL), NULL, 0 };

	(void)state;
	fake_now = 0;
	timer_arm(c.q, &c.handle, 0, rearm_self, &c);
	while (timerq_run(c.q, 1))
		;
	assert_int_equal(c.fired, 3);
	assert_null(c.handle);
	timerq_free(c.q);
}

static void test_heap_order_survives_many_random_cancels(void **state)
{
	struct timerq *q = timerq_new(fake_clock, NULL);
	struct timer *h[500] = { 0 };
	struct rec rec = { 0 };
	struct shot dummy = { &rec, 0, NULL };
	uint64_t last = 0;
	int i;

	(void)state;
	fake_now = 0;
	srand(7);
	for (i = 0; i < 500; i++)
		timer_arm(q, &h[i], (uint64_t)(rand() % 1000), record, &dummy);
	for (i = 0; i < 500; i += 3)
		timer_cancel(&h[i]);
	rec.n = 0;
	while (timerq_count(q)) {
		uint64_t next = timerq_next(q);

		assert_true(next >= last);
		last = next;
		fake_now = next;
		rec.n = 0;
		timerq_run(q, 1);
	}
	for (i = 0; i < 500; i++)
		assert_null(h[i]);
	timerq_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timers_fire_in_deadline_order_and_clear_their_handles),
		cmocka_unit_test(test_equal_deadlines_fire_in_arming_order),
		cmocka_unit_test(test_rearming_moves_the_timer_and_cancel_clears_the_handle),
		cmocka_unit_test(test_run_is_bounded_by_max),
		cmocka_unit_test(test_a_callback_may_rearm_its_own_timer),
		cmocka_unit_test(test_heap_order_survives_many_random_cancels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
