/* SPDX-License-Identifier: ISC */
/*
 * The command grammar engine: token kinds and their values, abbreviation and precedence,
 * optional and alternative parts, help, completion, nodes and config texts, and definitions
 * refused at install time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmd.h"

enum {
	NODE_ENABLE = 1,
	NODE_CONFIG,
	NODE_INTERFACE,
	NODE_OSPF,
};

/* What the handlers saw. */
struct rec {
	const struct cmd_tree *t;
	int calls;
	const char *syntax;
	char args[512]; /* the argument texts, blank separated */
	bool dry_run;
	int node;
	char ifname[32]; /* set by "interface IFNAME", as a daemon would */
};

static void rec_args(struct rec *r, const struct cmd_call *c)
{
	size_t l = 0;
	int i;

	r->args[0] = '\0';
	for (i = 0; i < c->args.argc && l < sizeof(r->args); i++)
		l += (size_t)snprintf(r->args + l, sizeof(r->args) - l, "%s%s", i ? " " : "",
				      c->args.argv[i].text);
}

static enum cmd_result h_rec(struct cmd_call *c)
{
	struct rec *r = c->ctx;

	r->calls++;
	r->syntax = c->def->syntax;
	r->dry_run = c->dry_run;
	r->node = c->node;
	rec_args(r, c);
	return CMD_OK;
}

static enum cmd_result h_interface(struct cmd_call *c)
{
	struct rec *r = c->ctx;

	h_rec(c);
	if (!c->dry_run)
		snprintf(r->ifname, sizeof(r->ifname), "%s", cmd_arg_value(&c->args, 1));
	return CMD_OK;
}

static enum cmd_result h_exit(struct cmd_call *c)
{
	struct rec *r = c->ctx;

	h_rec(c);
	c->next_node = cmd_node_parent(r->t, c->node);
	if (c->next_node == CMD_NODE_NONE)
		c->next_node = c->node;
	return CMD_OK;
}

/* Fails on 13, warns on 7: handler messages reach the caller and the config reader. */
static enum cmd_result h_hello(struct cmd_call *c)
{
	uint32_t v = 0;

	h_rec(c);
	cmd_arg_range(cmd_arg_find(&c->args, "(1-65535)"), &v);
	if (v == 13) {
		cmd_out_printf(c->out, "%% Hello interval %u is unlucky\n", v);
		return CMD_ERR;
	}
	if (v == 7)
		cmd_out_printf(c->out, "%% Hello interval %u is short\n", v);
	return v == 7 ? CMD_WARNING : CMD_OK;
}

static enum cmd_result h_silent_fail(struct cmd_call *c)
{
	h_rec(c);
	return CMD_ERR;
}

#define SHOW_IP_OSPF "Show running system information\nIP information\nOSPF information\n"

static const struct cmd_def ospf_cmds[] = {
	{ .syntax = "show ip ospf [json]",
	  .help = SHOW_IP_OSPF "JavaScript Object Notation\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "show ip ospf neighbor [detail] [A.B.C.D] [json]",
	  .help = SHOW_IP_OSPF "Neighbor list\nDetail of all neighbors\nNeighbor ID\nJavaScript "
			       "Object "
			       "Notation\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "show ip ospf interface [IFNAME] [json]",
	  .help = SHOW_IP_OSPF "Interface information\nInterface name\nJavaScript Object "
			       "Notation\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "show ip ospf database [<router|network>] [A.B.C.D] [adv-router A.B.C.D]",
	  .help = SHOW_IP_OSPF "Database summary\nRouter link states\nNetwork link states\nLink "
			       "state "
			       "ID\nAdvertising router\nAdvertising router ID\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "show ip ospf route [json]",
	  .help = SHOW_IP_OSPF "OSPF routing table\nJavaScript Object Notation\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "show ip ospf router-info",
	  .help = SHOW_IP_OSPF "Router information\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "shutdown", .help = "Stop the daemon\n", .node = NODE_ENABLE, .fn = h_rec },
	{ .syntax = "configure terminal",
	  .help = "Configuration mode\nFrom the terminal\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec,
	  .enter_node = NODE_CONFIG },
	{ .syntax = "interface IFNAME",
	  .help = "Select an interface\nInterface name\n",
	  .node = NODE_CONFIG,
	  .fn = h_interface,
	  .enter_node = NODE_INTERFACE },
	{ .syntax = "router ospf",
	  .help = "Enable a routing process\nStart OSPF configuration\n",
	  .node = NODE_CONFIG,
	  .fn = h_rec,
	  .enter_node = NODE_OSPF },
	{ .syntax = "hostname WORD",
	  .help = "Set the system's name\nThis system's name\n",
	  .node = NODE_CONFIG,
	  .fn = h_rec },
	{ .syntax = "debug ospf <event|ism|nsm>",
	  .help = "Debugging functions\nOSPF information\nOSPF event "
		  "information\nOSPF Interface State Machine\nOSPF Neighbor "
		  "State Machine\n",
	  .node = NODE_CONFIG,
	  .fn = h_rec },
	{ .syntax = "ip ospf cost (1-65535)",
	  .help = "IP information\nOSPF interface commands\nInterface "
		  "cost\nCost\n",
	  .node = NODE_INTERFACE,
	  .fn = h_rec },
	{ .syntax = "no ip ospf cost [(1-65535)]",
	  .help = "Negate a command or set its defaults\nIP "
		  "information\nOSPF interface commands\nInterface "
		  "cost\nCost\n",
	  .node = NODE_INTERFACE,
	  .fn = h_rec },
	{ .syntax = "ip ospf network <broadcast|point-to-point>",
	  .help = "IP information\nOSPF interface commands\nNetwork type\nSpecify OSPF broadcast "
		  "multi-access network\nSpecify OSPF point-to-point network\n",
	  .node = NODE_INTERFACE,
	  .fn = h_rec },
	{ .syntax = "ip ospf hello-interval (1-65535)",
	  .help = "IP information\nOSPF interface commands\nTime "
		  "between HELLO packets\nSeconds\n",
	  .node = NODE_INTERFACE,
	  .fn = h_hello },
	{ .syntax = "ip ospf area <A.B.C.D|(0-4294967295)>",
	  .help = "IP information\nOSPF interface commands\nEnable OSPF on this interface\nOSPF "
		  "area "
		  "ID in IP address format\nOSPF area ID as a decimal value\n",
	  .node = NODE_INTERFACE,
	  .fn = h_rec },
	{ .syntax = "description LINE",
	  .help = "Interface specific description\nCharacters describing this "
		  "interface\n",
	  .node = NODE_INTERFACE,
	  .fn = h_rec },
	{ .syntax = "shutdown",
	  .help = "Shutdown the selected interface\n",
	  .node = NODE_INTERFACE,
	  .fn = h_rec },
	{ .syntax = "exit", .help = "Exit current mode\n", .node = NODE_INTERFACE, .fn = h_exit },
	{ .syntax = "network A.B.C.D/M area <A.B.C.D|(0-4294967295)>",
	  .help = "Enable routing on an IP network\nOSPF network prefix\nSet the OSPF area "
		  "ID\nOSPF area "
		  "ID in IP address format\nOSPF area ID as a decimal value\n",
	  .node = NODE_OSPF,
	  .fn = h_rec },
	{ .syntax = "ospf router-id A.B.C.D",
	  .help = "OSPF specific commands\nrouter-id for the OSPF "
		  "process\nOSPF router-id in IP address format\n",
	  .node = NODE_OSPF,
	  .fn = h_rec },
	{ .syntax = "area <A.B.C.D|(0-4294967295)> range A.B.C.D/M [not-advertise]",
	  .help = "OSPF area parameters\nOSPF area ID in IP address format\nOSPF area ID as a "
		  "decimal "
		  "value\nSummarize routes matching address/mask (border routers only)\nArea range "
		  "prefix\nDo not advertise\n",
	  .node = NODE_OSPF,
	  .fn = h_rec },
	{ .syntax = "redistribute <connected|static> [{metric (0-16777214)|metric-type "
		    "(1-2)|route-map "
		    "WORD}]",
	  .help = "Redistribute information from another routing protocol\nConnected "
		  "routes\nStatic "
		  "routes\nMetric for redistributed routes\nOSPF default metric\nOSPF exterior "
		  "metric "
		  "type for redistributed routes\nSet OSPF External Type 1/2 metrics\nRoute map "
		  "reference\nPointer to route-map entries\n",
	  .node = NODE_OSPF,
	  .fn = h_rec },
	{ .syntax = "passive-interface IFNAME",
	  .help = "Suppress routing updates on an interface\nInterface "
		  "name\n",
	  .node = NODE_OSPF,
	  .fn = h_rec },
	{ .syntax = "shutdown",
	  .help = "Shutdown the OSPF protocol\n",
	  .node = NODE_OSPF,
	  .fn = h_rec },
	{ .syntax = "timers throttle spf (0-600000) (0-600000) (0-600000)",
	  .help = "Adjust routing timers\nThrottling adaptive timer\nOSPF SPF timers\nDelay (msec) "
		  "from "
		  "first change received till SPF calculation\nInitial hold time (msec) between "
		  "consecutive SPF calculations\nMaximum hold time (msec)\n",
	  .node = NODE_OSPF,
	  .fn = h_silent_fail },
	{ .syntax = "exit", .help = "Exit current mode\n", .node = NODE_OSPF, .fn = h_exit },
};

struct fx {
	struct cmd_tree *t;
	struct rec rec;
	struct cmd_session s;
	struct cmd_out out;
	struct cmd_status st;
};

static void ifnames(void *ctx, const struct cmd_token *tok, const char *prefix,
		    struct cmd_cands *out)
{
	static const char *const names[] = { "eth0", "eth1", "lo", "veth-r1" };
	size_t i;

	(void)ctx;
	(void)tok;
	(void)prefix;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		cmd_cands_add(out, names[i]);
}

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->t = cmd_tree_new();
	assert_non_null(f->t);
	assert_int_equal(cmd_node_install(f->t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	assert_int_equal(cmd_node_install(f->t, NODE_CONFIG, CMD_NODE_NONE, "config"), 0);
	assert_int_equal(cmd_node_install(f->t, NODE_INTERFACE, NODE_CONFIG, "interface"), 0);
	assert_int_equal(cmd_node_install(f->t, NODE_OSPF, NODE_CONFIG, "router ospf"), 0);
	if (cmd_install_all(f->t, ospf_cmds, sizeof(ospf_cmds) / sizeof(ospf_cmds[0])))
		fail_msg("%s", cmd_tree_error(f->t));
	assert_int_equal(cmd_tree_set_completer(f->t, "IFNAME", ifnames), 0);
	f->rec.t = f->t;
	f->s.node = NODE_ENABLE;
	f->s.ctx = &f->rec;
	cmd_out_init(&f->out);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	cmd_out_free(&f->out);
	cmd_tree_free(f->t);
	free(f);
	return 0;
}

/* Executes line in node; returns the result, handler record in f->rec. */
static enum cmd_result run(struct fx *f, int node, const char *line)
{
	f->s.node = node;
	f->rec.calls = 0;
	f->rec.syntax = NULL;
	f->rec.args[0] = '\0';
	cmd_out_reset(&f->out);
	return cmd_execute(f->t, &f->s, line, &f->out, &f->st);
}

static void assert_runs(struct fx *f, int node, const char *line, const char *syntax,
			const char *args)
{
	enum cmd_result r = run(f, node, line);

	if (r != CMD_OK)
		fail_msg("\"%s\": result %d: %s", line, r, f->st.msg);
	assert_int_equal(f->rec.calls, 1);
	assert_string_equal(f->rec.syntax, syntax);
	assert_string_equal(f->rec.args, args);
}

static void assert_refused(struct fx *f, int node, const char *line, enum cmd_result want,
			   const char *msg)
{
	enum cmd_result r = run(f, node, line);

	if (r != want)
		fail_msg("\"%s\": result %d, want %d: %s", line, r, want, f->st.msg);
	assert_int_equal(f->rec.calls, 0);
	if (msg)
		assert_string_equal(f->st.msg, msg);
}

/* Matches line in node and returns the argument for token text (the test owns *m). */
static const struct cmd_arg *match_arg(struct fx *f, struct cmd_match *m, int node,
				       const char *line, const char *text)
{
	enum cmd_result r = cmd_match(f->t, node, line, 0, m, &f->st);

	if (r != CMD_OK)
		fail_msg("\"%s\": result %d: %s", line, r, f->st.msg);
	return cmd_arg_find(&m->args, text);
}

/* ---- token kinds ---- */

static void test_range_accepts_its_bounds(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	uint32_t v;

	assert_runs(f, NODE_INTERFACE, "ip ospf cost 1", "ip ospf cost (1-65535)",
		    "ip ospf cost 1");
	assert_runs(f, NODE_INTERFACE, "ip ospf cost 65535", "ip ospf cost (1-65535)",
		    "ip ospf cost 65535");
	assert_int_equal(
	    cmd_arg_range(match_arg(f, &m, NODE_INTERFACE, "ip ospf area 0", "(0-4294967295)"), &v),
	    0);
	assert_int_equal(v, 0);
	cmd_match_free(&m);
	assert_int_equal(cmd_arg_range(match_arg(f, &m, NODE_INTERFACE, "ip ospf area 4294967295",
						 "(0-4294967295)"),
				       &v),
			 0);
	assert_int_equal(v, 4294967295u);
	cmd_match_free(&m);
}

static void test_range_out_of_bounds_names_the_accepted_range(void **state)
{
	struct fx *f = *state;

	assert_refused(f, NODE_INTERFACE, "ip ospf cost 65536", CMD_UNKNOWN,
		       "% Invalid value \"65536\": expected (1-65535)");
	assert_int_equal(f->st.word, 3);
	assert_int_equal(f->st.col, 13);
	assert_refused(f, NODE_INTERFACE, "ip ospf cost 0", CMD_UNKNOWN,
		       "% Invalid value \"0\": expected (1-65535)");
	assert_refused(f, NODE_INTERFACE, "ip ospf cost 70000", CMD_UNKNOWN,
		       "% Invalid value \"70000\": expected (1-65535)");
	assert_refused(f, NODE_INTERFACE, "ip ospf cost -1", CMD_UNKNOWN,
		       "% Invalid value \"-1\": expected (1-65535)");
	assert_refused(f, NODE_INTERFACE, "ip ospf area 4294967296", CMD_UNKNOWN,
		       "% Invalid value \"4294967296\": expected (0-4294967295)");
	assert_refused(f, NODE_INTERFACE, "ip ospf area 99999999999999999999999", CMD_UNKNOWN,
		       "% Invalid value \"99999999999999999999999\": expected (0-4294967295)");
	assert_refused(f, NODE_INTERFACE, "ip ospf cost 10x", CMD_UNKNOWN,
		       "% Unknown command at '10x' (word 4)");
	/* the error goes to the output too, for the vty */
	assert_string_equal(f->out.buf, "% Unknown command at '10x' (word 4)\n");
}

static void test_range_reads_leading_zeros_as_decimal(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	uint32_t v;

	assert_int_equal(
	    cmd_arg_range(match_arg(f, &m, NODE_INTERFACE, "ip ospf cost 010", "(1-65535)"), &v),
	    0);
	assert_int_equal(v, 10);
	cmd_match_free(&m);
}

static void test_ipv4_accepts_every_octet_from_0_to_255(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	uint32_t a;

	assert_int_equal(
	    cmd_arg_ipv4(match_arg(f, &m, NODE_OSPF, "ospf router-id 255.255.255.255", "A.B.C.D"),
			 &a),
	    0);
	assert_int_equal(a, 0xffffffffu);
	cmd_match_free(&m);
	assert_int_equal(
	    cmd_arg_ipv4(match_arg(f, &m, NODE_OSPF, "ospf router-id 0.0.0.0", "A.B.C.D"), &a), 0);
	assert_int_equal(a, 0);
	cmd_match_free(&m);
	assert_int_equal(
	    cmd_arg_ipv4(match_arg(f, &m, NODE_OSPF, "ospf router-id 10.0.20.1", "A.B.C.D"), &a),
	    0);
	assert_int_equal(a, 0x0a001401);
	cmd_match_free(&m);
}

static void test_ipv4_refuses_malformed_addresses(void **state)
{
	static const char *const bad[] = {
		"256.0.0.1", "1.2.3",	"1.2.3.4.5", "1.2.3.4x",  "01.2.3.4", "1.2.3.04",
		"1..2.3",    "1.2.3.",	".1.2.3",    "1.2.3.-4",  "1.2.3.4/", "1.2.3.1000",
		"1.2.3.4/8", "a.b.c.d", "0x1.2.3.4", "1.2.3.256",
	};
	struct fx *f = *state;
	char line[64];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line), "ospf router-id %s", bad[i]);
		if (run(f, NODE_OSPF, line) != CMD_UNKNOWN)
			fail_msg("\"%s\" accepted", bad[i]);
		assert_int_equal(f->st.word, 2);
	}
	assert_refused(f, NODE_OSPF, "ospf router-id 256.0.0.1", CMD_UNKNOWN,
		       "% Invalid value \"256.0.0.1\": expected A.B.C.D");
}

static void test_prefix_accepts_lengths_0_to_32_and_keeps_host_bits(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	uint32_t a;
	uint8_t l;

	assert_int_equal(
	    cmd_arg_prefix(match_arg(f, &m, NODE_OSPF, "network 10.0.0.1/24 area 0", "A.B.C.D/M"),
			   &a, &l),
	    0);
	assert_int_equal(a, 0x0a000001);
	assert_int_equal(l, 24);
	cmd_match_free(&m);
	assert_int_equal(
	    cmd_arg_prefix(match_arg(f, &m, NODE_OSPF, "network 0.0.0.0/0 area 0", "A.B.C.D/M"), &a,
			   &l),
	    0);
	assert_int_equal(l, 0);
	cmd_match_free(&m);
	assert_int_equal(cmd_arg_prefix(match_arg(f, &m, NODE_OSPF,
						  "network 255.255.255.255/32 area 0", "A.B.C.D/M"),
					&a, &l),
			 0);
	assert_int_equal(l, 32);
	cmd_match_free(&m);
}

static void test_prefix_refuses_length_33_and_malformed_prefixes(void **state)
{
	static const char *const bad[] = { "1.2.3.4/33",   "1.2.3.4",	 "1.2.3.4/",
					   "1.2.3/24",	   "1.2.3.4/08", "1.2.3.4/-1",
					   "1.2.3.4/24/1", "/24",	 "1.2.3.4/100" };
	struct fx *f = *state;
	char line[64];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line), "network %s area 0", bad[i]);
		if (run(f, NODE_OSPF, line) != CMD_UNKNOWN)
			fail_msg("\"%s\" accepted", bad[i]);
		assert_int_equal(f->st.word, 1);
	}
	assert_refused(f, NODE_OSPF, "network 1.2.3.4/33 area 0", CMD_UNKNOWN,
		       "% Invalid value \"1.2.3.4/33\": expected A.B.C.D/M");
}

static void test_alternation_takes_an_area_as_address_or_decimal(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	uint32_t v;

	assert_int_equal(
	    cmd_arg_ipv4(match_arg(f, &m, NODE_OSPF, "network 10.0.0.0/8 area 0.0.0.1", "A.B.C.D"),
			 &v),
	    0);
	assert_int_equal(v, 1);
	assert_null(cmd_arg_find(&m.args, "(0-4294967295)"));
	cmd_match_free(&m);
	assert_int_equal(cmd_arg_range(match_arg(f, &m, NODE_OSPF, "network 10.0.0.0/8 area 7",
						 "(0-4294967295)"),
				       &v),
			 0);
	assert_int_equal(v, 7);
	assert_null(cmd_arg_find(&m.args, "A.B.C.D"));
	cmd_match_free(&m);
	assert_refused(f, NODE_OSPF, "network 10.0.0.0/8 area 1.2.3", CMD_UNKNOWN,
		       "% Invalid value \"1.2.3\": expected A.B.C.D");
	assert_refused(f, NODE_OSPF, "network 10.0.0.0/8 area backbone", CMD_UNKNOWN,
		       "% Unknown command at 'backbone' (word 4)");
}

static void test_word_and_ifname_take_any_word(void **state)
{
	struct fx *f = *state;

	assert_runs(f, NODE_CONFIG, "hostname r1.example-lab", "hostname WORD",
		    "hostname r1.example-lab");
	assert_runs(f, NODE_CONFIG, "interface 10.0.0.1", "interface IFNAME", "interface 10.0.0.1");
	assert_runs(f, NODE_CONFIG, "interface veth-r1@if3", "interface IFNAME",
		    "interface veth-r1@if3");
}

static void test_line_takes_the_rest_of_the_line_as_typed(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	const struct cmd_arg *a;

	a = match_arg(f, &m, NODE_INTERFACE, "  description  uplink to  core\t[r2]  ", "LINE");
	assert_non_null(a);
	assert_string_equal(a->text, "uplink to  core\t[r2]");
	assert_int_equal(m.args.argc, 2);
	cmd_match_free(&m);
	assert_refused(f, NODE_INTERFACE, "description", CMD_INCOMPLETE,
		       "% Command incomplete: expected LINE");
}

/* ---- abbreviation and precedence ---- */

static void test_unique_abbreviations_expand_to_full_keywords(void **state)
{
	struct fx *f = *state;

	assert_runs(f, NODE_ENABLE, "sh ip os nei",
		    "show ip ospf neighbor [detail] [A.B.C.D] [json]", "show ip ospf neighbor");
	assert_runs(f, NODE_ENABLE, "sh ip o n d 1.1.1.1 j",
		    "show ip ospf neighbor [detail] [A.B.C.D] [json]",
		    "show ip ospf neighbor detail 1.1.1.1 json");
	assert_runs(f, NODE_ENABLE, "conf t", "configure terminal", "configure terminal");
}

static void test_prefix_of_two_keywords_is_ambiguous(void **state)
{
	struct fx *f = *state;

	assert_runs(f, NODE_CONFIG, "debug ospf e", "debug ospf <event|ism|nsm>",
		    "debug ospf event");
	assert_refused(f, NODE_ENABLE, "show ip ospf ro", CMD_AMBIGUOUS,
		       "% Ambiguous command at 'ro': route, router-info");
	assert_int_equal(f->st.word, 3);
	assert_int_equal(f->st.col, 13);
	assert_string_equal(f->out.buf, "% Ambiguous command at 'ro': route, router-info\n");
}

static void test_exact_keyword_beats_a_longer_keyword_it_prefixes(void **state)
{
	struct fx *f = *state;

	assert_runs(f, NODE_ENABLE, "show ip ospf route", "show ip ospf route [json]",
		    "show ip ospf route");
	assert_runs(f, NODE_ENABLE, "show ip ospf router", "show ip ospf router-info",
		    "show ip ospf router-info");
}

static void test_abbreviation_is_unique_among_commands_matching_the_line(void **state)
{
	struct fx *f = *state;

	/* "sh" is also "shutdown", which cannot take "ip" */
	assert_runs(f, NODE_ENABLE, "sh ip ospf", "show ip ospf [json]", "show ip ospf");
	/* alone, "s" stands for both, though "show" would be incomplete */
	assert_refused(f, NODE_ENABLE, "s", CMD_AMBIGUOUS,
		       "% Ambiguous command at 's': show, shutdown");
	assert_runs(f, NODE_ENABLE, "shu", "shutdown", "shutdown");
}

static const struct cmd_def prec_cmds[] = {
	{ .syntax = "clear WORD", .help = "Reset\nAnything\n", .node = NODE_ENABLE, .fn = h_rec },
	{ .syntax = "clear neighbors",
	  .help = "Reset\nAll neighbors\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "clear (1-10)",
	  .help = "Reset\nProcess number\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "clear A.B.C.D",
	  .help = "Reset\nOne neighbor\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
	{ .syntax = "set WORD", .help = "Set\nAnything\n", .node = NODE_ENABLE, .fn = h_rec },
	{ .syntax = "set mode fast", .help = "Set\nMode\nFast\n", .node = NODE_ENABLE, .fn = h_rec },
	{ .syntax = "pick IFNAME", .help = "Pick\nInterface\n", .node = NODE_ENABLE, .fn = h_rec },
	{ .syntax = "pick WORD", .help = "Pick\nWord\n", .node = NODE_ENABLE, .fn = h_rec },
	{ .syntax = "same <WORD|NAME>",
	  .help = "Same\nWord\nName\n",
	  .node = NODE_ENABLE,
	  .fn = h_rec },
};

static void prec_tree(struct fx *f)
{
	cmd_tree_free(f->t);
	f->t = cmd_tree_new();
	assert_int_equal(cmd_node_install(f->t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	if (cmd_install_all(f->t, prec_cmds, sizeof(prec_cmds) / sizeof(prec_cmds[0])))
		fail_msg("%s", cmd_tree_error(f->t));
	f->rec.t = f->t;
}

static void test_keyword_beats_word_and_typed_value_beats_word(void **state)
{
	struct fx *f = *state;

	prec_tree(f);
	assert_runs(f, NODE_ENABLE, "clear neighbors", "clear neighbors", "clear neighbors");
	assert_runs(f, NODE_ENABLE, "clear nei", "clear neighbors", "clear neighbors");
	assert_runs(f, NODE_ENABLE, "clear 5", "clear (1-10)", "clear 5");
	assert_runs(f, NODE_ENABLE, "clear 11", "clear WORD", "clear 11");
	assert_runs(f, NODE_ENABLE, "clear 1.2.3.4", "clear A.B.C.D", "clear 1.2.3.4");
	assert_runs(f, NODE_ENABLE, "clear 1.2.3", "clear WORD", "clear 1.2.3");
	assert_runs(f, NODE_ENABLE, "clear all", "clear WORD", "clear all");
}

static void test_keyword_beats_word_even_when_its_command_needs_more(void **state)
{
	struct fx *f = *state;

	prec_tree(f);
	assert_refused(f, NODE_ENABLE, "set mode", CMD_INCOMPLETE,
		       "% Command incomplete: expected fast");
	assert_runs(f, NODE_ENABLE, "set mod fast", "set mode fast", "set mode fast");
	assert_runs(f, NODE_ENABLE, "set other", "set WORD", "set other");
}

static void test_two_commands_equally_good_are_ambiguous(void **state)
{
	struct fx *f = *state;

	prec_tree(f);
	assert_refused(f, NODE_ENABLE, "pick eth0", CMD_AMBIGUOUS,
		       "% Ambiguous command: \"pick IFNAME\" or \"pick WORD\"");
	/* within one command the first branch wins */
	assert_runs(f, NODE_ENABLE, "same x", "same <WORD|NAME>", "same x");
	assert_int_equal(run(f, NODE_ENABLE, "same x"), CMD_OK);
}

static void test_no_abbrev_flag_requires_keywords_in_full(void **state)
{
	struct fx *f = *state;

	f->s.flags = CMD_FLAG_NO_ABBREV;
	assert_refused(f, NODE_ENABLE, "sh ip ospf", CMD_UNKNOWN,
		       "% Unknown command at 'sh' (word 1)");
	assert_runs(f, NODE_ENABLE, "show ip ospf", "show ip ospf [json]", "show ip ospf");
	f->s.flags = 0;
}

/* ---- optional parts, alternation, sets ---- */

static void test_optional_tokens_take_every_subset_in_order(void **state)
{
	static const char *const opt[] = { "detail", "9.9.9.9", "json" };
	struct fx *f = *state;
	char line[128], want[128];
	unsigned mask, i;

	for (mask = 0; mask < 8; mask++) {
		snprintf(line, sizeof(line), "show ip ospf neighbor");
		for (i = 0; i < 3; i++)
			if (mask & (1u << i))
				snprintf(line + strlen(line), sizeof(line) - strlen(line), " %s",
					 opt[i]);
		snprintf(want, sizeof(want), "%s", line);
		assert_runs(f, NODE_ENABLE, line, "show ip ospf neighbor [detail] [A.B.C.D] [json]",
			    want);
	}
}

static void test_optional_tokens_out_of_order_are_unknown(void **state)
{
	struct fx *f = *state;

	assert_refused(f, NODE_ENABLE, "show ip ospf neighbor json detail", CMD_UNKNOWN,
		       "% Unknown command at 'detail' (word 6)");
	assert_refused(f, NODE_ENABLE, "show ip ospf neighbor 1.1.1.1 detail", CMD_UNKNOWN,
		       "% Unknown command at 'detail' (word 6)");
	assert_refused(f, NODE_ENABLE, "show ip ospf neighbor json json", CMD_UNKNOWN,
		       "% Unknown command at 'json' (word 6)");
}

static void test_optional_alternation_and_sequence_branches(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	const struct cmd_arg *a;
	uint32_t v;
	int i;

	assert_runs(f, NODE_ENABLE, "show ip ospf database",
		    "show ip ospf database [<router|network>] [A.B.C.D] [adv-router A.B.C.D]",
		    "show ip ospf database");
	assert_runs(f, NODE_ENABLE, "show ip ospf database net 10.0.0.1 adv 2.2.2.2",
		    "show ip ospf database [<router|network>] [A.B.C.D] [adv-router A.B.C.D]",
		    "show ip ospf database network 10.0.0.1 adv-router 2.2.2.2");
	assert_refused(f, NODE_ENABLE, "show ip ospf database router network", CMD_UNKNOWN, NULL);
	assert_refused(f, NODE_ENABLE, "show ip ospf database adv-router", CMD_INCOMPLETE,
		       "% Command incomplete: expected A.B.C.D");
	/* the second address is the one after adv-router */
	match_arg(f, &m, NODE_ENABLE, "show ip ospf database router 1.1.1.1 adv-router 2.2.2.2",
		  "A.B.C.D");
	i = cmd_arg_index(&m.args, "adv-router", 0);
	assert_int_equal(i, 6);
	a = &m.args.argv[cmd_arg_index(&m.args, "A.B.C.D", i)];
	assert_int_equal(cmd_arg_ipv4(a, &v), 0);
	assert_int_equal(v, 0x02020202);
	assert_int_equal(cmd_arg_ipv4(cmd_arg_find(&m.args, "A.B.C.D"), &v), 0);
	assert_int_equal(v, 0x01010101);
	cmd_match_free(&m);
}

static void test_no_form_takes_an_optional_value(void **state)
{
	struct fx *f = *state;

	assert_runs(f, NODE_INTERFACE, "no ip ospf cost", "no ip ospf cost [(1-65535)]",
		    "no ip ospf cost");
	assert_runs(f, NODE_INTERFACE, "no ip ospf cost 10", "no ip ospf cost [(1-65535)]",
		    "no ip ospf cost 10");
	assert_refused(f, NODE_INTERFACE, "ip ospf cost", CMD_INCOMPLETE,
		       "% Command incomplete: expected (1-65535)");
}

static void test_keyword_set_takes_members_in_any_order_each_once(void **state)
{
	struct fx *f = *state;
	const char *syn = "redistribute <connected|static> [{metric (0-16777214)|metric-type "
			  "(1-2)|route-map WORD}]";

	assert_runs(f, NODE_OSPF, "redistribute connected", syn, "redistribute connected");
	assert_runs(f, NODE_OSPF, "redistribute static metric 10", syn,
		    "redistribute static metric 10");
	assert_runs(f, NODE_OSPF, "redis st route-map RM metric-t 1 metric 5", syn,
		    "redistribute static route-map RM metric-type 1 metric 5");
	assert_runs(f, NODE_OSPF, "redistribute static metric-type 2 route-map X", syn,
		    "redistribute static metric-type 2 route-map X");
	assert_refused(f, NODE_OSPF, "redistribute static route-map A route-map B", CMD_UNKNOWN,
		       "% Unknown command at 'route-map' (word 5)");
	/* a used member's name may still abbreviate another one */
	assert_runs(f, NODE_OSPF, "redistribute static metric 1 metric 2", syn,
		    "redistribute static metric 1 metric-type 2");
	assert_refused(f, NODE_OSPF, "redistribute static metric-type 3", CMD_UNKNOWN,
		       "% Invalid value \"3\": expected (1-2)");
}

static void test_keyword_set_alone_needs_at_least_one_member(void **state)
{
	static const struct cmd_def defs[] = {
		{ .syntax = "log {stdout|syslog|file WORD}",
		  .help = "Logging\nTo stdout\nTo syslog\nTo a "
			  "file\nFile name\n",
		  .node = NODE_ENABLE,
		  .fn = h_rec },
	};
	struct fx *f = *state;

	cmd_tree_free(f->t);
	f->t = cmd_tree_new();
	assert_int_equal(cmd_node_install(f->t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	assert_int_equal(cmd_install_all(f->t, defs, 1), 0);
	assert_refused(f, NODE_ENABLE, "log", CMD_INCOMPLETE, NULL);
	assert_runs(f, NODE_ENABLE, "log syslog", defs[0].syntax, "log syslog");
	assert_runs(f, NODE_ENABLE, "log file /tmp/x stdout syslog", defs[0].syntax,
		    "log file /tmp/x stdout syslog");
	assert_refused(f, NODE_ENABLE, "log syslog syslog", CMD_UNKNOWN, NULL);
}

static void test_nested_groups_match(void **state)
{
	static const struct cmd_def defs[] = {
		{ .syntax = "max-metric router-lsa [<on-startup (5-86400)|on-shutdown (5-100)>] "
			    "[administrative]",
		  .help = "Max metric\nRouter LSA\nAt startup\nSeconds\nAt "
			  "shutdown\nSeconds\nAdmin\n",
		  .node = NODE_ENABLE,
		  .fn = h_rec },
		{ .syntax = "x <a [b] [<c|d e>]|f> [g]",
		  .help = "x\na\nb\nc\nd\ne\nf\ng\n",
		  .node = NODE_ENABLE,
		  .fn = h_rec },
	};
	struct fx *f = *state;

	cmd_tree_free(f->t);
	f->t = cmd_tree_new();
	assert_int_equal(cmd_node_install(f->t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	if (cmd_install_all(f->t, defs, 2))
		fail_msg("%s", cmd_tree_error(f->t));
	assert_runs(f, NODE_ENABLE, "max-metric router-lsa on-startup 10 admin", defs[0].syntax,
		    "max-metric router-lsa on-startup 10 administrative");
	assert_refused(f, NODE_ENABLE, "max-metric router-lsa on-shutdown 101", CMD_UNKNOWN,
		       "% Invalid value \"101\": expected (5-100)");
	assert_runs(f, NODE_ENABLE, "x a d e g", defs[1].syntax, "x a d e g");
	assert_runs(f, NODE_ENABLE, "x a b c", defs[1].syntax, "x a b c");
	assert_runs(f, NODE_ENABLE, "x f g", defs[1].syntax, "x f g");
	assert_refused(f, NODE_ENABLE, "x a d", CMD_INCOMPLETE, "% Command incomplete: expected e");
	assert_refused(f, NODE_ENABLE, "x f b", CMD_UNKNOWN, "% Unknown command at 'b' (word 3)");
}

static void test_pathological_definition_is_refused_not_slow(void **state)
{
	static const struct cmd_def defs[] = {
		{ .syntax = "p {A|B|C|D|E|F|G|H}",
		  .help = "p\na\nb\nc\nd\ne\nf\ng\nh\n",
		  .node = NODE_ENABLE,
		  .fn = h_rec },
	};
	struct fx *f = *state;

	cmd_tree_free(f->t);
	f->t = cmd_tree_new();
	assert_int_equal(cmd_node_install(f->t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	assert_int_equal(cmd_install_all(f->t, defs, 1), 0);
	/* 8 words may be read in 8! ways, each variable taking any of them */
	assert_refused(f, NODE_ENABLE, "p 1 2 3 4 5 6 7 8", CMD_ERR,
		       "% Too many ways to read this line");
	assert_runs(f, NODE_ENABLE, "p 1 2", defs[0].syntax, "p 1 2");
}

/* ---- incomplete, unknown, empty ---- */

static void test_strict_prefix_of_a_command_is_incomplete(void **state)
{
	struct fx *f = *state;

	assert_refused(f, NODE_ENABLE, "configure", CMD_INCOMPLETE,
		       "% Command incomplete: expected terminal");
	assert_refused(f, NODE_INTERFACE, "ip ospf network", CMD_INCOMPLETE,
		       "% Command incomplete: expected broadcast, point-to-point");
	assert_refused(f, NODE_INTERFACE, "ip", CMD_INCOMPLETE,
		       "% Command incomplete: expected ospf");
	assert_string_equal(f->out.buf, "% Command incomplete: expected ospf\n");
}

static void test_unknown_word_is_reported_at_its_position(void **state)
{
	struct fx *f = *state;

	assert_refused(f, NODE_ENABLE, "show ip ospf xyz", CMD_UNKNOWN,
		       "% Unknown command at 'xyz' (word 4)");
	assert_int_equal(f->st.word, 3);
	assert_int_equal(f->st.col, 13);
	assert_refused(f, NODE_ENABLE, "  bogus ip", CMD_UNKNOWN,
		       "% Unknown command at 'bogus' (word 1)");
	assert_int_equal(f->st.col, 2);
	assert_refused(f, NODE_ENABLE, "show ip ospf json extra", CMD_UNKNOWN,
		       "% Unknown command at 'extra' (word 5)");
}

static void test_empty_and_comment_lines_do_nothing(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, NODE_ENABLE, ""), CMD_OK);
	assert_int_equal(run(f, NODE_ENABLE, "   \t "), CMD_OK);
	assert_int_equal(run(f, NODE_ENABLE, "! show ip ospf"), CMD_OK);
	assert_int_equal(run(f, NODE_ENABLE, "  # comment"), CMD_OK);
	assert_int_equal(f->rec.calls, 0);
	assert_int_equal(f->out.len, 0);
}

/* ---- help ---- */

/* The candidates of a help or completion list as "text|help;..." */
static const char *cands_str(const struct cmd_cands *c)
{
	static char buf[2048];
	size_t i, l = 0;

	buf[0] = '\0';
	for (i = 0; i < c->n && l < sizeof(buf); i++)
		l += (size_t)snprintf(buf + l, sizeof(buf) - l, "%s%s|%s", i ? ";" : "",
				      c->v[i].text, c->v[i].help);
	return buf;
}

static void assert_help(struct fx *f, int node, const char *line, const char *want)
{
	struct cmd_cands c;
	enum cmd_result r;

	f->s.node = node;
	r = cmd_help(f->t, &f->s, line, &c, &f->st);
	if (r != CMD_OK)
		fail_msg("help \"%s\": result %d: %s", line, r, f->st.msg);
	assert_string_equal(cands_str(&c), want);
	cmd_cands_free(&c);
}

static void test_help_lists_next_keywords_with_descriptions_and_cr(void **state)
{
	struct fx *f = *state;

	assert_help(f, NODE_ENABLE, "show ip ospf ",
		    "database|Database summary;interface|Interface information;json|JavaScript "
		    "Object Notation;neighbor|Neighbor list;route|OSPF routing table;router-info|"
		    "Router information;<cr>|");
	assert_help(f, NODE_ENABLE, "show ip ospf neighbor detail ",
		    "json|JavaScript Object Notation;A.B.C.D|Neighbor ID;<cr>|");
	assert_help(f, NODE_INTERFACE, "ip ospf cost ", "(1-65535)|Cost");
	assert_help(f, NODE_INTERFACE, "no ip ospf cost ", "(1-65535)|Cost;<cr>|");
	assert_help(f, NODE_ENABLE, "",
		    "configure|Configuration mode;show|Show running system "
		    "information;shutdown|Stop the daemon");
}

static void test_help_for_a_partial_word_lists_what_it_may_become(void **state)
{
	struct fx *f = *state;

	assert_help(f, NODE_ENABLE, "show ip ospf r",
		    "route|OSPF routing table;router-info|Router information");
	assert_help(f, NODE_ENABLE, "sh ip os nei", "neighbor|Neighbor list");
	assert_help(f, NODE_OSPF, "network 10.0.0.0/8 area 1",
		    "(0-4294967295)|OSPF area ID as a decimal value;A.B.C.D|OSPF area ID in IP "
		    "address format");
	assert_help(f, NODE_OSPF, "network 10.0.0.0/8 area 1.",
		    "A.B.C.D|OSPF area ID in IP "
		    "address format");
}

static void test_help_refuses_a_word_nothing_may_become(void **state)
{
	struct fx *f = *state;
	struct cmd_cands c;

	f->s.node = NODE_ENABLE;
	assert_int_equal(cmd_help(f->t, &f->s, "show ip ospf x", &c, &f->st), CMD_UNKNOWN);
	assert_string_equal(f->st.msg, "% Unknown command at 'x' (word 4)");
	assert_int_equal(c.n, 0);
	assert_int_equal(cmd_help(f->t, &f->s, "show ipx ", &c, &f->st), CMD_UNKNOWN);
	assert_string_equal(f->st.msg, "% Unknown command at 'ipx' (word 2)");
	f->s.node = NODE_OSPF;
	assert_int_equal(cmd_help(f->t, &f->s, "network 10.0.0.0/8 area 4294967296", &c, &f->st),
			 CMD_UNKNOWN);
	f->s.node = NODE_ENABLE;
	assert_int_equal(cmd_help(f->t, &f->s, "show ip ospf ro ", &c, &f->st), CMD_AMBIGUOUS);
	assert_int_equal(c.n, 0);
}

static void test_help_leaves_hidden_commands_out(void **state)
{
	static const struct cmd_def defs[] = {
		{ .syntax = "write memory",
		  .help = "Write\nTo the config file\n",
		  .node = NODE_ENABLE,
		  .fn = h_rec },
		{ .syntax = "write terminal",
		  .help = "Write\nTo the terminal\n",
		  .node = NODE_ENABLE,
		  .fn = h_rec,
		  .attr = CMD_ATTR_HIDDEN },
	};
	struct fx *f = *state;

	cmd_tree_free(f->t);
	f->t = cmd_tree_new();
	assert_int_equal(cmd_node_install(f->t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	assert_int_equal(cmd_install_all(f->t, defs, 2), 0);
	assert_help(f, NODE_ENABLE, "write ", "memory|To the config file");
	assert_runs(f, NODE_ENABLE, "write terminal", "write terminal", "write terminal");
}

static void test_help_print_aligns_texts_as_frr_does(void **state)
{
	struct fx *f = *state;
	struct cmd_cands c;

	f->s.node = NODE_INTERFACE;
	assert_int_equal(cmd_help(f->t, &f->s, "no ip ospf cost ", &c, NULL), CMD_OK);
	cmd_out_reset(&f->out);
	cmd_help_print(&c, &f->out);
	assert_string_equal(f->out.buf, "  (1-65535)  Cost\n  <cr>\n");
	cmd_cands_free(&c);
}

static void test_help_in_an_empty_node_is_an_empty_list(void **state)
{
	struct fx *f = *state;
	struct cmd_cands c;

	assert_int_equal(cmd_node_install(f->t, 9, CMD_NODE_NONE, "empty"), 0);
	f->s.node = 9;
	assert_int_equal(cmd_help(f->t, &f->s, "", &c, &f->st), CMD_OK);
	assert_int_equal(c.n, 0);
	cmd_cands_free(&c);
	assert_int_equal(cmd_complete(f->t, &f->s, "", &c, &f->st), CMD_OK);
	assert_string_equal(c.lcp, "");
	cmd_cands_free(&c);
	assert_int_equal(cmd_complete(f->t, &f->s, "x", &c, &f->st), CMD_UNKNOWN);
	f->s.node = 10;
	assert_int_equal(cmd_help(f->t, &f->s, "", &c, &f->st), CMD_ERR);
	assert_string_equal(f->st.msg, "% No such node 10");
}

/* ---- completion ---- */

static void assert_complete(struct fx *f, int node, const char *line, const char *lcp,
			    const char *want)
{
	struct cmd_cands c;
	enum cmd_result r;
	char buf[1024];
	size_t i, l = 0;

	f->s.node = node;
	r = cmd_complete(f->t, &f->s, line, &c, &f->st);
	if (r != CMD_OK)
		fail_msg("complete \"%s\": result %d: %s", line, r, f->st.msg);
	assert_string_equal(c.lcp, lcp);
	buf[0] = '\0';
	for (i = 0; i < c.n; i++)
		l += (size_t)snprintf(buf + l, sizeof(buf) - l, "%s%s%s", i ? " " : "", c.v[i].text,
				      c.v[i].insert ? "" : "(-)");
	assert_string_equal(buf, want);
	cmd_cands_free(&c);
}

static void test_complete_unique_keyword(void **state)
{
	struct fx *f = *state;

	assert_complete(f, NODE_ENABLE, "sh ip os nei", "neighbor", "neighbor");
	assert_complete(f, NODE_ENABLE, "conf", "configure", "configure");
	assert_complete(f, NODE_INTERFACE, "ip ospf network point", "point-to-point",
			"point-to-point");
}

static void test_complete_several_keywords_to_their_longest_common_prefix(void **state)
{
	struct fx *f = *state;

	assert_complete(f, NODE_ENABLE, "show ip ospf r", "route", "route router-info");
	assert_complete(f, NODE_ENABLE, "s", "sh", "show shutdown");
	assert_complete(f, NODE_OSPF, "redistribute static metric", "metric", "metric metric-type");
}

static void test_complete_ifname_from_the_application(void **state)
{
	struct fx *f = *state;

	assert_complete(f, NODE_CONFIG, "interface e", "eth", "eth0 eth1");
	assert_complete(f, NODE_CONFIG, "interface ", "", "eth0 eth1 lo veth-r1");
	assert_complete(f, NODE_CONFIG, "interface v", "veth-r1", "veth-r1");
	/* no name fits: the placeholder is shown, nothing inserted */
	assert_complete(f, NODE_CONFIG, "interface x", "x", "IFNAME(-)");
}

static void test_complete_lists_variables_but_does_not_insert_them(void **state)
{
	struct fx *f = *state;

	assert_complete(f, NODE_ENABLE, "show ip ospf neighbor ", "",
			"detail json A.B.C.D(-) <cr>(-)");
	assert_complete(f, NODE_ENABLE, "show ip ospf neighbor 1", "1", "A.B.C.D(-)");
	assert_complete(f, NODE_INTERFACE, "ip ospf cost 7", "7", "(1-65535)(-)");
	assert_complete(f, NODE_INTERFACE, "ip ospf are", "area", "area");
}

/* ---- nodes and config texts ---- */

static void test_same_words_run_the_current_nodes_command(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, NODE_INTERFACE, "shutdown"), CMD_OK);
	assert_int_equal(f->rec.node, NODE_INTERFACE);
	assert_string_equal(f->rec.syntax, "shutdown");
	assert_int_equal(run(f, NODE_OSPF, "shut"), CMD_OK);
	assert_int_equal(f->rec.node, NODE_OSPF);
	assert_int_equal(f->s.node, NODE_OSPF);
	/* "network" in OSPF, "ip ospf network" in INTERFACE: each only in its own node */
	assert_refused(f, NODE_INTERFACE, "network 10.0.0.0/8 area 0", CMD_UNKNOWN, NULL);
	assert_refused(f, NODE_OSPF, "ip ospf network broadcast", CMD_UNKNOWN, NULL);
}

static void test_command_entering_a_node_moves_the_session(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, NODE_ENABLE, "conf t"), CMD_OK);
	assert_int_equal(f->s.node, NODE_CONFIG);
	assert_int_equal(run(f, NODE_CONFIG, "interface eth0"), CMD_OK);
	assert_int_equal(f->s.node, NODE_INTERFACE);
	assert_string_equal(f->rec.ifname, "eth0");
	assert_int_equal(run(f, NODE_INTERFACE, "exit"), CMD_OK);
	assert_int_equal(f->s.node, NODE_CONFIG);
	/* a failed command stays where it was */
	assert_int_equal(run(f, NODE_INTERFACE, "ip ospf hello-interval 13"), CMD_ERR);
	assert_int_equal(f->s.node, NODE_INTERFACE);
	assert_string_equal(f->st.msg, "% Hello interval 13 is unlucky");
}

static void test_line_unknown_here_runs_in_the_parent_node_and_moves_there(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, NODE_INTERFACE, "router ospf"), CMD_OK);
	assert_int_equal(f->rec.node, NODE_CONFIG);
	assert_int_equal(f->s.node, NODE_OSPF);
	assert_int_equal(run(f, NODE_OSPF, "hostname r1"), CMD_OK);
	assert_int_equal(f->s.node, NODE_CONFIG);
	/* ENABLE is no ancestor of INTERFACE */
	assert_refused(f, NODE_INTERFACE, "show ip ospf", CMD_UNKNOWN, NULL);
	assert_int_equal(f->s.node, NODE_INTERFACE);
}

static void test_unknown_is_reported_from_the_node_that_got_furthest(void **state)
{
	struct fx *f = *state;

	/* INTERFACE fails at word 1, CONFIG at word 2 */
	assert_refused(f, NODE_INTERFACE, "router bgp", CMD_UNKNOWN,
		       "% Unknown command at 'bgp' (word 2)");
	assert_refused(f, NODE_INTERFACE, "ip ospf cost 0", CMD_UNKNOWN,
		       "% Invalid value \"0\": expected (1-65535)");
	/* incomplete here stops the search, as in FRR */
	assert_refused(f, NODE_INTERFACE, "ip ospf", CMD_INCOMPLETE, NULL);
}

static const char good_config[] = "! ospfd sample\n"
				  "hostname r1\n"
				  "interface eth0\n"
				  " ip ospf cost 10\n"
				  " ip ospf network point-to-point\n"
				  " description to r2\n"
				  "exit\n"
				  "#\n"
				  "\n"
				  "interface lo\n"
				  " ip ospf area 0.0.0.0\n"
				  "router ospf\r\n"
				  " ospf router-id 1.1.1.1\n"
				  " network 10.0.0.0/24 area 0\n"
				  " redistribute connected metric 20 metric-type 1\n"
				  "!\n";

static void test_config_text_runs_every_line_following_node_changes(void **state)
{
	struct fx *f = *state;

	f->s.node = NODE_CONFIG;
	f->rec.calls = 0;
	assert_int_equal(cmd_exec_text(f->t, &f->s, good_config, &f->out, &f->st), CMD_OK);
	assert_int_equal(f->rec.calls, 12);
	assert_int_equal(f->s.node, NODE_OSPF);
	assert_string_equal(f->rec.args, "redistribute connected metric 20 metric-type 1");
	assert_string_equal(f->rec.ifname, "lo");
	assert_int_equal(f->st.line, 0);
	assert_int_equal(f->out.len, 0);
}

static void test_config_text_stops_at_the_first_error_naming_its_line(void **state)
{
	struct fx *f = *state;
	const char *text = "interface eth0\n ip ospf cost 10\n ip ospf cost 70000\n ip ospf cost "
			   "5\n";

	f->s.node = NODE_CONFIG;
	f->rec.calls = 0;
	assert_int_equal(cmd_exec_text(f->t, &f->s, text, &f->out, &f->st), CMD_UNKNOWN);
	assert_int_equal(f->st.line, 3);
	assert_int_equal(f->rec.calls, 2);
	assert_string_equal(f->out.buf, "line 3: % Invalid value \"70000\": expected (1-65535)\n");
	assert_string_equal(f->st.msg, "% Invalid value \"70000\": expected (1-65535)");

	cmd_out_reset(&f->out);
	f->s.node = NODE_CONFIG;
	assert_int_equal(cmd_exec_text(f->t, &f->s, "router ospf\n timers throttle spf 1 2 3\n",
				       &f->out, &f->st),
			 CMD_ERR);
	assert_int_equal(f->st.line, 2);
	assert_string_equal(f->out.buf, "line 2: % Command failed\n");

	cmd_out_reset(&f->out);
	f->s.node = NODE_CONFIG;
	assert_int_equal(cmd_exec_text(f->t, &f->s, "interface eth0\n ip\n", &f->out, &f->st),
			 CMD_INCOMPLETE);
	assert_string_equal(f->out.buf, "line 2: % Command incomplete: expected ospf\n");
}

/* Found by fuzz_cmd: a last line ending in a lone CR looped forever. */
static void test_config_text_ending_in_cr_without_newline_ends(void **state)
{
	struct fx *f = *state;

	f->s.node = NODE_CONFIG;
	f->rec.calls = 0;
	assert_int_equal(cmd_exec_text(f->t, &f->s, "hostname a\r\nhostname b\r", &f->out, &f->st),
			 CMD_OK);
	assert_int_equal(f->rec.calls, 2);
	assert_string_equal(f->rec.args, "hostname b");
	/* the fuzzer's input: CR inside a line is a blank */
	assert_int_equal(cmd_exec_text(f->t, &f->s, "i\rn\t\r", &f->out, &f->st), CMD_OK);
	assert_string_equal(f->rec.args, "interface n");
}

static void test_config_text_warnings_carry_the_line_and_go_on(void **state)
{
	struct fx *f = *state;
	const char *text = "interface eth0\n ip ospf hello-interval 7\n ip ospf cost 3\n";

	f->s.node = NODE_CONFIG;
	f->rec.calls = 0;
	assert_int_equal(cmd_exec_text(f->t, &f->s, text, &f->out, &f->st), CMD_WARNING);
	assert_int_equal(f->rec.calls, 3);
	assert_string_equal(f->out.buf, "line 2: % Hello interval 7 is short\n");
}

static void test_config_text_dry_run_only_validates(void **state)
{
	struct fx *f = *state;
	const char *bad = "interface eth9\n ip ospf cost 1\n bogus\n";

	f->s.node = NODE_CONFIG;
	f->s.flags = CMD_FLAG_DRY_RUN;
	assert_int_equal(cmd_exec_text(f->t, &f->s, good_config, &f->out, &f->st), CMD_OK);
	assert_true(f->rec.dry_run);
	assert_string_equal(f->rec.ifname, ""); /* the handler changed nothing */
	assert_int_equal(f->s.node, NODE_OSPF); /* but node changes were followed */
	f->s.node = NODE_CONFIG;
	assert_int_equal(cmd_exec_text(f->t, &f->s, bad, &f->out, &f->st), CMD_UNKNOWN);
	assert_int_equal(f->st.line, 3);
	assert_string_equal(f->rec.ifname, "");
	f->s.flags = 0;
}

/* ---- install-time checks ---- */

static void test_malformed_definitions_are_refused_naming_the_command(void **state)
{
	static const struct {
		const char *syntax;
		const char *err;
	} bad[] = {
		{ "ip ospf cost (1-65535", "range must be (m-n) with decimal m and n at column "
					   "14" },
		{ "ip ospf cost (65535-1)", "empty range (65535-1) at column 14" },
		{ "ip ospf cost (1-4294967296)", "range bound above 4294967295 at column 14" },
		{ "ip ospf cost (a-b)", "range must be (m-n)" },
		{ "ip ospf network <broadcast|point-to-point", "'<' not closed at column 17" },
		{ "ip ospf network <broadcast|point-to-point]", "']' where '>' closes '<'" },
		{ "ip ospf network <broadcast||nbma>", "empty branch in '<>'" },
		{ "ip ospf network <>", "empty branch in '<>'" },
		{ "show [json", "'[' not closed" },
		{ "show json]", "unexpected ']'" },
		{ "show | json", "unexpected '|'" },
		{ "show ip) ospf", "')' without '('" },
		{ "show Ip", "unsupported token 'Ip'" },
		{ "show X:X::X:X", "unsupported token 'X:X::X:X'" },
		{ "description LINE extra", "'LINE' must be the last token" },
		{ "log {LINE|x}", "'LINE' must be the last token" },
		{ "", "no tokens" },
		{ "   ", "no tokens" },
		{ "a [[[[[[[[[[[[[[[[[b]]]]]]]]]]]]]]]]]", "groups nested deeper than 16" },
	};
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_def d = { .syntax = NULL, .help = "x\n", .node = NODE_ENABLE, .fn = h_rec };
	size_t i;

	(void)state;
	assert_int_equal(cmd_node_install(t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d.syntax = bad[i].syntax;
		if (cmd_install(t, &d) == 0)
			fail_msg("\"%s\" installed", bad[i].syntax);
		if (!strstr(cmd_tree_error(t), bad[i].err) ||
		    !strstr(cmd_tree_error(t), bad[i].syntax))
			fail_msg("\"%s\": error \"%s\", want \"%s\"", bad[i].syntax,
				 cmd_tree_error(t), bad[i].err);
	}
	assert_null(cmd_node_command(t, NODE_ENABLE, 0));
	cmd_tree_free(t);
}

static void test_help_with_the_wrong_line_count_is_refused(void **state)
{
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_def d = { .syntax = "ip ospf cost (1-65535)",
			     .help = "IP information\nOSPF interface "
				     "commands\nInterface cost\n",
			     .node = NODE_ENABLE,
			     .fn = h_rec };

	(void)state;
	assert_int_equal(cmd_node_install(t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	assert_int_equal(cmd_install(t, &d), -1);
	assert_string_equal(cmd_tree_error(t), "command \"ip ospf cost (1-65535)\": help has 3 "
					       "lines for 4 tokens");
	d.help = "IP information\nOSPF interface commands\nInterface cost\nCost\nExtra\n";
	assert_int_equal(cmd_install(t, &d), -1);
	assert_non_null(strstr(cmd_tree_error(t), "help has 5 lines for 4 tokens"));
	/* the last newline is optional */
	d.help = "IP information\nOSPF interface commands\nInterface cost\nCost";
	assert_int_equal(cmd_install(t, &d), 0);
	assert_string_equal(cmd_tree_error(t), "");
	cmd_tree_free(t);
}

static void test_bad_nodes_handlers_and_duplicates_are_refused(void **state)
{
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_def d = { .syntax = "exit", .help = "Exit\n", .node = NODE_ENABLE, .fn = h_rec };

	(void)state;
	assert_int_equal(cmd_install(t, &d), -1);
	assert_string_equal(cmd_tree_error(t), "command \"exit\": node 1 not declared");
	assert_int_equal(cmd_node_install(t, NODE_INTERFACE, NODE_CONFIG, "interface"), -1);
	assert_int_equal(cmd_node_install(t, 0, CMD_NODE_NONE, "zero"), -1);
	assert_int_equal(cmd_node_install(t, NODE_ENABLE, CMD_NODE_NONE, "enable"), 0);
	assert_int_equal(cmd_node_install(t, NODE_ENABLE, CMD_NODE_NONE, "enable"), -1);
	d.enter_node = NODE_OSPF;
	assert_int_equal(cmd_install(t, &d), -1);
	assert_string_equal(cmd_tree_error(t), "command \"exit\": enters undeclared node 4");
	d.enter_node = 0;
	d.fn = NULL;
	assert_int_equal(cmd_install(t, &d), -1);
	assert_string_equal(cmd_tree_error(t), "command \"exit\": no handler");
	d.fn = h_rec;
	assert_int_equal(cmd_install(t, &d), 0);
	d.syntax = "  exit ";
	assert_int_equal(cmd_install(t, &d), -1);
	assert_string_equal(cmd_tree_error(t), "command \"  exit \": already in node 1");
	cmd_tree_free(t);
}

/* ---- listing, arguments, output ---- */

static void test_node_commands_are_listed_in_install_order(void **state)
{
	struct fx *f = *state;
	const struct cmd_def *d;
	size_t i, n = 0;

	for (i = 0; (d = cmd_node_command(f->t, NODE_INTERFACE, i)); i++) {
		assert_int_equal(d->node, NODE_INTERFACE);
		n++;
	}
	assert_int_equal(n, 8);
	assert_string_equal(cmd_node_command(f->t, NODE_INTERFACE, 0)->syntax, "ip ospf cost "
									       "(1-65535)");
	assert_string_equal(cmd_node_command(f->t, NODE_INTERFACE, 0)->help, "IP information\nOSPF "
									     "interface "
									     "commands\nInterface "
									     "cost\nCost\n");
	assert_null(cmd_node_command(f->t, 99, 0));
	assert_string_equal(cmd_node_name(f->t, NODE_OSPF), "router ospf");
	assert_int_equal(cmd_node_parent(f->t, NODE_OSPF), NODE_CONFIG);
}

static void test_argument_helpers_answer_was_it_given_and_its_value(void **state)
{
	struct fx *f = *state;
	struct cmd_match m;
	uint32_t v;
	uint8_t l;

	match_arg(f, &m, NODE_ENABLE, "sh ip o nei 3.3.3.3 j", "json");
	assert_int_equal(m.args.argc, 6);
	assert_non_null(cmd_arg_find(&m.args, "json"));
	assert_null(cmd_arg_find(&m.args, "detail"));
	assert_string_equal(cmd_arg_value(&m.args, 3), "neighbor");
	assert_string_equal(cmd_arg_value(&m.args, 4), "3.3.3.3");
	assert_null(cmd_arg_value(&m.args, 6));
	assert_null(cmd_arg_value(&m.args, -1));
	assert_int_equal(m.args.argv[4].tok->kind, CMD_TOK_IPV4);
	assert_string_equal(m.args.argv[4].tok->text, "A.B.C.D");
	assert_string_equal(m.args.argv[4].tok->help, "Neighbor ID");
	/* wrong kind or absent: -1 */
	assert_int_equal(cmd_arg_range(cmd_arg_find(&m.args, "A.B.C.D"), &v), -1);
	assert_int_equal(cmd_arg_prefix(cmd_arg_find(&m.args, "A.B.C.D/M"), &v, &l), -1);
	assert_int_equal(cmd_arg_ipv4(NULL, &v), -1);
	assert_int_equal(cmd_arg_index(&m.args, "json", 6), -1);
	cmd_match_free(&m);
	cmd_match_free(&m); /* twice is harmless */
}

static void test_output_buffer_grows_and_resets(void **state)
{
	struct cmd_out o;
	int i;

	(void)state;
	cmd_out_init(&o);
	for (i = 0; i < 1000; i++)
		assert_int_equal(cmd_out_printf(&o, "%04d\n", i), 0);
	assert_int_equal(o.len, 5000);
	assert_memory_equal(o.buf + 4995, "0999\n", 5);
	assert_int_equal(o.buf[o.len], '\0');
	cmd_out_reset(&o);
	assert_int_equal(o.len, 0);
	assert_int_equal(cmd_out_write(&o, "ab", 2), 0);
	assert_string_equal(o.buf, "ab");
	cmd_out_free(&o);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_range_accepts_its_bounds),
		T(test_range_out_of_bounds_names_the_accepted_range),
		T(test_range_reads_leading_zeros_as_decimal),
		T(test_ipv4_accepts_every_octet_from_0_to_255),
		T(test_ipv4_refuses_malformed_addresses),
		T(test_prefix_accepts_lengths_0_to_32_and_keeps_host_bits),
		T(test_prefix_refuses_length_33_and_malformed_prefixes),
		T(test_alternation_takes_an_area_as_address_or_decimal),
		T(test_word_and_ifname_take_any_word),
		T(test_line_takes_the_rest_of_the_line_as_typed),
		T(test_unique_abbreviations_expand_to_full_keywords),
		T(test_prefix_of_two_keywords_is_ambiguous),
		T(test_exact_keyword_beats_a_longer_keyword_it_prefixes),
		T(test_abbreviation_is_unique_among_commands_matching_the_line),
		T(test_keyword_beats_word_and_typed_value_beats_word),
		T(test_keyword_beats_word_even_when_its_command_needs_more),
		T(test_two_commands_equally_good_are_ambiguous),
		T(test_no_abbrev_flag_requires_keywords_in_full),
		T(test_optional_tokens_take_every_subset_in_order),
		T(test_optional_tokens_out_of_order_are_unknown),
		T(test_optional_alternation_and_sequence_branches),
		T(test_no_form_takes_an_optional_value),
		T(test_keyword_set_takes_members_in_any_order_each_once),
		T(test_keyword_set_alone_needs_at_least_one_member),
		T(test_nested_groups_match),
		T(test_pathological_definition_is_refused_not_slow),
		T(test_strict_prefix_of_a_command_is_incomplete),
		T(test_unknown_word_is_reported_at_its_position),
		T(test_empty_and_comment_lines_do_nothing),
		T(test_help_lists_next_keywords_with_descriptions_and_cr),
		T(test_help_for_a_partial_word_lists_what_it_may_become),
		T(test_help_refuses_a_word_nothing_may_become),
		T(test_help_leaves_hidden_commands_out),
		T(test_help_print_aligns_texts_as_frr_does),
		T(test_help_in_an_empty_node_is_an_empty_list),
		T(test_complete_unique_keyword),
		T(test_complete_several_keywords_to_their_longest_common_prefix),
		T(test_complete_ifname_from_the_application),
		T(test_complete_lists_variables_but_does_not_insert_them),
		T(test_same_words_run_the_current_nodes_command),
		T(test_command_entering_a_node_moves_the_session),
		T(test_line_unknown_here_runs_in_the_parent_node_and_moves_there),
		T(test_unknown_is_reported_from_the_node_that_got_furthest),
		T(test_config_text_runs_every_line_following_node_changes),
		T(test_config_text_stops_at_the_first_error_naming_its_line),
		T(test_config_text_ending_in_cr_without_newline_ends),
		T(test_config_text_warnings_carry_the_line_and_go_on),
		T(test_config_text_dry_run_only_validates),
		T(test_malformed_definitions_are_refused_naming_the_command),
		cmocka_unit_test(test_help_with_the_wrong_line_count_is_refused),
		cmocka_unit_test(test_bad_nodes_handlers_and_duplicates_are_refused),
		T(test_node_commands_are_listed_in_install_order),
		T(test_argument_helpers_answer_was_it_given_and_its_value),
		cmocka_unit_test(test_output_buffer_grows_and_resets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
