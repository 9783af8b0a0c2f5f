/* SPDX-License-Identifier: ISC */
/* monitor ospf events: the line of an event, text and JSON; subscribers come and go. */
#include <json-c/json.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "monitor.h"

static const char *const kv[] = { "interface", "eth0", "neighbor", "10.0.0.2", "to", "Full" };

static void test_text_line_is_time_kind_then_key_value_pairs(void **state)
{
	char buf[256];
	size_t n;

	(void)state;
	n = monitor_format(buf, sizeof(buf), false, "2026/11/29 01:02:03.456", "neighbor", kv, 3);
	assert_string_equal(buf, "2026/11/29 01:02:03.456 neighbor interface=eth0 "
				 "neighbor=10.0.0.2 to=Full\n");
	assert_int_equal(n, strlen(buf));
}

static void test_json_line_is_one_object_with_time_and_event(void **state)
{
	char buf[256];
	struct json_object *j, *v;

	(void)state;
	monitor_format(buf, sizeof(buf), true, "T", "neighbor", kv, 3);
	assert_non_null(strchr(buf, '\n'));
	assert_ptr_equal(strchr(buf, '\n') + 1, buf + strlen(buf)); /* one line */
	j = json_tokener_parse(buf);
	assert_non_null(j);
	assert_true(json_object_object_get_ex(j, "event", &v));
	assert_string_equal(json_object_get_string(v), "neighbor");
	assert_true(json_object_object_get_ex(j, "to", &v));
	assert_string_equal(json_object_get_string(v), "Full");
	json_object_put(j);
}

static void test_a_line_too_long_is_cut_but_still_ends_the_line(void **state)
{
	char buf[24];
	size_t n;

	(void)state;
	n = monitor_format(buf, sizeof(buf), false, "2026/11/29 01:02:03.456", "neighbor", kv, 3);
	assert_int_equal(n, sizeof(buf) - 1);
	assert_int_equal(buf[n - 1], '\n');
	assert_int_equal(buf[n], '\0');
}

static void test_subscribers_come_and_go(void **state)
{
	struct monitor *m = monitor_new();
	struct vty_client *a = (struct vty_client *)0x1, *b = (struct vty_client *)0x2;

	(void)state;
	monitor_publish(m, "spf", kv, 0); /* nobody listens: nothing happens */
	monitor_publish(NULL, "spf", kv, 0);
	assert_int_equal(monitor_subscribe(m, a, false), 0);
	assert_int_equal(monitor_subscribe(m, b, true), 0);
	assert_int_equal(monitor_subscribers(m), 2);
	monitor_unsubscribe(m, a);
	monitor_unsubscribe(m, a);
	assert_int_equal(monitor_subscribers(m), 1);
	monitor_unsubscribe(m, b);
	assert_int_equal(monitor_subscribers(m), 0);
	assert_int_equal(monitor_dropped(m), 0);
	monitor_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_line_is_time_kind_then_key_value_pairs),
		cmocka_unit_test(test_json_line_is_one_object_with_time_and_event),
		cmocka_unit_test(test_a_line_too_long_is_cut_but_still_ends_the_line),
		cmocka_unit_test(test_subscribers_come_and_go),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
