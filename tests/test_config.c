/* SPDX-License-Identifier: ISC */
/* The FRR-syntax configuration: what each line sets, and that a bad line names itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "iface.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static const char frr_style[] = "frr version 8.4.4\n"
				"frr defaults traditional\n"
				"hostname r1\n"
				"log stdout\n"
				"service integrated-vtysh-config\n"
				"!\n"
				"interface eth0\n"
				" description uplink to r2\n"
				" ip ospf cost 25\n"
				" ip ospf hello-interval 1\n"
				" ip ospf retransmit-interval 2\n"
				" ip ospf transmit-delay 2\n"
				" ip ospf priority 0\n"
				" ip ospf network point-to-point\n"
				" ip ospf mtu-ignore\n"
				"exit\n"
				"!\n"
				"interface lo\n"
				" ip ospf passive\n"
				"exit\n"
				"!\n"
				"router ospf\n"
				" ospf router-id 10.255.0.1\n"
				" log-adjacency-changes\n"
				" network 10.0.0.0/8 area 0\n"
				" network 192.168.1.0/24 area 0.0.0.1\n"
				"exit\n"
				"!\n";

static void test_an_frr_style_file_sets_every_item(void **state)
{
	struct ospf_config c;
	const struct cfg_iface *ci;
	char err[256];

	(void)state;
	assert_int_equal(config_read_text("r1.conf", frr_style, &c, err, sizeof(err)), 0);
	assert_string_equal(c.hostname, "r1");
	assert_true(c.router_ospf);
	assert_int_equal(c.router_id, A(10, 255, 0, 1));
	assert_int_equal(c.nnetworks, 2);
	assert_int_equal(c.networks[1].area, 1);
	ci = config_iface_find(&c, "eth0");
	assert_non_null(ci);
	assert_int_equal(ci->params.cost, 25);
	assert_int_equal(ci->params.hello_interval, 1);
	/* FRR: the dead interval follows the hello interval unless set */
	assert_int_equal(ci->params.dead_interval, 4);
	assert_int_equal(ci->params.retransmit_interval, 2);
	assert_int_equal(ci->params.transmit_delay, 2);
	assert_int_equal(ci->params.priority, 0);
	assert_int_equal(ci->params.type, IFACE_P2P);
	assert_true(ci->params.mtu_ignore);
	assert_true(config_iface_find(&c, "lo")->params.passive);
	config_free(&c);
}

static void test_network_statements_enable_interfaces_inside_their_prefix(void **state)
{
	struct ospf_config c;
	struct iface_params p;
	uint32_t area = 99;
	char err[256];

	(void)state;
	assert_int_equal(config_read_text("r1.conf", frr_style, &c, err, sizeof(err)), 0);
	assert_true(config_iface_resolve(&c, "eth0", A(10, 0, 1, 1), 24, false, &area, &p));
	assert_int_equal(area, 0);
	assert_int_equal(p.cost, 25);
	assert_true(config_iface_resolve(&c, "eth1", A(192, 168, 1, 7), 24, false, &area, &p));
	assert_int_equal(area, 1);
	/* a shorter prefix than the statement's is not inside it */
	assert_false(config_iface_resolve(&c, "eth2", A(192, 168, 1, 7), 16, false, &area, &p));
	assert_false(config_iface_resolve(&c, "eth3", A(172, 16, 0, 1), 24, false, &area, &p));
	/* loopback interfaces become loopback type, whatever the defaults */
	assert_true(config_iface_resolve(&c, "lo", A(10, 255, 0, 1), 32, true, &area, &p));
	assert_int_equal(p.type, IFACE_LOOPBACK);
	config_free(&c);
}

static void test_ip_ospf_area_enables_an_interface_without_network_statements(void **state)
{
	struct ospf_config c;
	struct iface_params p;
	uint32_t area = 0;
	char err[256];

	(void)state;
	assert_int_equal(config_read_text("t",
					  "interface veth1\n ip ospf area 0.0.0.2\n!\n"
					  "router ospf\n passive-interface default\n",
					  &c, err, sizeof(err)),
			 0);
	assert_true(config_iface_resolve(&c, "veth1", A(10, 1, 1, 1), 30, false, &area, &p));
	assert_int_equal(area, 2);
	assert_true(p.passive);
	assert_false(config_iface_resolve(&c, "veth2", A(10, 1, 1, 1), 30, false, &area, &p));
	config_free(&c);
}

static void test_interfaces_stay_disabled_without_router_ospf(void **state)
{
	struct ospf_config c;
	struct iface_params p;
	uint32_t area;
	char err[256];

	(void)state;
	assert_int_equal(
	    config_read_text("t", "interface veth1\n ip ospf area 0\n", &c, err, sizeof(err)), 0);
	assert_false(config_iface_resolve(&c, "veth1", A(10, 1, 1, 1), 30, false, &area, &p));
	config_free(&c);
}

struct bad_line {
	const char *text;
	const char *error;
};

static void test_each_bad_line_is_refused_with_file_line_and_reason(void **state)
{
	static const struct bad_line bad[] = {
		{ "router ospf\n bogus\n", "t.conf:2: Unknown command at 'bogus'" },
		{ "interface eth0\n ip ospf cost 70000\n", "t.conf:2: Invalid value \"70000\"" },
		{ "interface eth0\n ip ospf cost 0\n", "t.conf:2: Invalid value \"0\"" },
		{ "interface eth0\n ip ospf priority 256\n", "t.conf:2: Invalid value \"256\"" },
		{ "interface eth0\n ip ospf\n", "t.conf:2: Command incomplete" },
		{ "router ospf\n network 10.0.0.0/33 area 0\n", "t.conf:2: Invalid value" },
		{ "router ospf\n network 10.0.0.0/8 area 0\n network 10.0.0.0/8 area 1\n",
		  "t.conf:3: The network is already assigned to another area" },
		{ "router ospf\n ospf router-id 0.0.0.0\n", "t.conf:2: Router ID 0.0.0.0 is not "
							    "valid" },
		{ "router ospf\n ospf router-id 1.2.3\n", "t.conf:2: " },
		{ "router ospf\n network 10.0.0.0/8 area 0\n!\ninterface eth0\n ip ospf area 0\n",
		  "t.conf:5: Please remove all network commands first." },
		{ "interface eth0\n ip ospf area 0\n!\nrouter ospf\n network 10.0.0.0/8 area 0\n",
		  "t.conf:5: Please remove all ip ospf area" },
		{ "interface abcdefghijklmnopq\n", "t.conf:1: Interface name is longer than 15" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ospf_config c;
		char err[256] = "";

		if (config_read_text("t.conf", bad[i].text, &c, err, sizeof(err)) != -1)
			fail_msg("accepted: %s", bad[i].text);
		if (strncmp(err, bad[i].error, strlen(bad[i].error)))
			fail_msg("for %s\n got: %s\nwant: %s...", bad[i].text, err, bad[i].error);
	}
}

static void test_a_missing_file_is_named_in_the_error(void **state)
{
	struct ospf_config c;
	char err[256];

	(void)state;
	assert_int_equal(config_read_file("/nonexistent/ospfd.conf", &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/ospfd.conf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_frr_style_file_sets_every_item),
		cmocka_unit_test(test_network_statements_enable_interfaces_inside_their_prefix),
		cmocka_unit_test(test_ip_ospf_area_enables_an_interface_without_network_statements),
		cmocka_unit_test(test_interfaces_stay_disabled_without_router_ospf),
		cmocka_unit_test(test_each_bad_line_is_refused_with_file_line_and_reason),
		cmocka_unit_test(test_a_missing_file_is_named_in_the_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
