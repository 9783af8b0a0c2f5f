/* SPDX-License-Identifier: ISC */
/*
 * The configuration as a YANG tree: what every command does to the tree, that libyang refuses
 * what the model forbids and nothing changes then, that a file is all or nothing, that the
 * CLI and JSON renderings read back to the same tree, that write memory is atomic, and that a
 * commit reports (and applies) exactly the nodes that changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmd.h"
#include "config.h"
#include "config_apply.h"
#include "iface.h"
#include "show.h"
#include "sim.h"
#include "yang_util.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define IF0	      "/ospfd:interfaces/interface[name='eth0']"

#define MAX_CHANGES 32

struct recorded {
	enum config_op op;
	enum config_item item;
	char ifname[IF_NAMESIZE];
	char path[128];
};

/* A store, a command tree and an interactive session on them. */
struct world {
	struct config_store *cs;
	struct cmd_tree *t;
	struct config_ctx ctx;
	struct show_ctx show;
	struct cmd_session s;
	struct cmd_out out;
	struct recorded changes[MAX_CHANGES];
	size_t nchanges; /* recorded, at most MAX_CHANGES */
	size_t total;
	unsigned dones;
};

static void record_change(void *arg, const struct config_change *ch)
{
	struct world *w = arg;
	struct recorded *r;

	w->total++;
	if (w->nchanges == MAX_CHANGES)
		return;
	r = &w->changes[w->nchanges++];
	r->op = ch->op;
	r->item = ch->item;
	snprintf(r->ifname, sizeof(r->ifname), "%s", ch->ifname ? ch->ifname : "");
	snprintf(r->path, sizeof(r->path), "%s", ch->schema_path);
}

static void record_done(void *arg)
{
	((struct world *)arg)->dones++;
}

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct config_apply apply = { record_change, record_done, w };
	char err[256];

	assert_non_null(w);
	w->cs = config_store_new(NULL, err, sizeof(err));
	if (!w->cs)
		fail_msg("%s", err);
	config_store_set_apply(w->cs, &apply);
	w->t = cmd_tree_new();
	assert_int_equal(config_cmds_install(w->t), 0);
	assert_int_equal(cmd_node_install(w->t, NODE_VIEW, CMD_NODE_NONE, "view"), 0);
	assert_int_equal(config_view_cmds_install(w->t), 0);
	w->ctx.store = w->cs;
	w->show.config = w->cs;
	w->s.node = NODE_CONFIG;
	w->s.ctx = &w->ctx;
	cmd_out_init(&w->out);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	cmd_out_free(&w->out);
	cmd_tree_free(w->t);
	config_store_free(w->cs);
	free(w);
	return 0;
}

/* Runs one line in the session; its output is in w->out. */
static enum cmd_result run(struct world *w, const char *line)
{
	cmd_out_reset(&w->out);
	return cmd_execute(w->t, &w->s, line, &w->out, NULL);
}

static void run_ok(struct world *w, const char *line)
{
	enum cmd_result r = run(w, line);

	if (r != CMD_OK)
		fail_msg("'%s' failed (%d): %s", line, r, w->out.buf ? w->out.buf : "");
}

static const char *get(struct world *w, const char *path)
{
	return yu_get(config_store_running(w->cs), path);
}

static void enter_iface(struct world *w)
{
	w->s.node = NODE_CONFIG;
	run_ok(w, "interface eth0");
}

static void enter_ospf(struct world *w)
{
	w->s.node = NODE_CONFIG;
	run_ok(w, "router ospf");
}

/* ---- each command's effect on the tree ---- */

struct effect {
	bool ospf; /* in router ospf (else interface eth0) */
	const char *cmd;
	const char *path;
	const char *value; /* "" for an empty leaf or a container */
	const char *no;	   /* the no form that removes it again */
};

static const struct effect effects[] = {
	{ false, "ip ospf cost 25", IF0 "/ospf/cost", "25", "no ip ospf cost" },
	{ false, "ip ospf hello-interval 3", IF0 "/ospf/hello-interval", "3",
	  "no ip ospf hello-interval 3" },
	{ false, "ip ospf dead-interval 12", IF0 "/ospf/dead-interval", "12",
	  "no ip ospf dead-interval" },
	{ false, "ip ospf retransmit-interval 7", IF0 "/ospf/retransmit-interval", "7",
	  "no ip ospf retransmit-interval" },
	{ false, "ip ospf transmit-delay 2", IF0 "/ospf/transmit-delay", "2",
	  "no ip ospf transmit-delay" },
	{ false, "ip ospf priority 0", IF0 "/ospf/priority", "0", "no ip ospf priority" },
	{ false, "ip ospf network point-to-point", IF0 "/ospf/network-type", "point-to-point",
	  "no ip ospf network" },
	{ false, "ip ospf mtu-ignore", IF0 "/ospf/mtu-ignore", "", "no ip ospf mtu-ignore" },
	{ false, "ip ospf area 0.0.0.3", IF0 "/ospf/area", "0.0.0.3", "no ip ospf area" },
	{ false, "ip ospf area 7", IF0 "/ospf/area", "0.0.0.7", "no ip ospf area 7" },
	{ false, "ip ospf authentication", IF0 "/ospf/authentication/type", "simple",
	  "no ip ospf authentication" },
	{ false, "ip ospf authentication message-digest", IF0 "/ospf/authentication/type",
	  "message-digest", "no ip ospf authentication" },
	{ false, "ip ospf authentication null", IF0 "/ospf/authentication/type", "null",
	  "no ip ospf authentication" },
	{ false, "ip ospf authentication-key secret", IF0 "/ospf/authentication/key", "secret",
	  "no ip ospf authentication-key" },
	{ false, "ip ospf message-digest-key 5 md5 s3cr3t",
	  IF0 "/ospf/authentication/message-digest-key[key-id='5']/md5-key", "s3cr3t",
	  "no ip ospf message-digest-key 5" },
	{ false, "ip ospf message-digest-key 6 hmac-sha-256 a-longer-secret-than-md5-allows",
	  IF0 "/ospf/authentication/message-digest-key[key-id='6']/algorithm", "hmac-sha-256",
	  "no ip ospf message-digest-key 6" },
	{ false, "description uplink to r2", IF0 "/description", "uplink to r2", "no description" },
	{ true, "ospf router-id 10.0.0.1", "/ospfd:ospf/router-id", "10.0.0.1",
	  "no ospf router-id" },
	{ true, "network 10.1.2.3/16 area 1", "/ospfd:ospf/network[prefix='10.1.0.0/16']/area",
	  "0.0.0.1", "no network 10.1.0.0/16 area 0.0.0.1" },
	{ true, "passive-interface default", "/ospfd:ospf/passive-interface-default", "true",
	  "no passive-interface default" },
	{ true, "auto-cost reference-bandwidth 10000", "/ospfd:ospf/reference-bandwidth", "10000",
	  "no auto-cost reference-bandwidth" },
	{ true, "maximum-paths 8", "/ospfd:ospf/maximum-paths", "8", "no maximum-paths" },
	{ true, "timers throttle spf 10 100 2000", "/ospfd:ospf/timers/throttle-spf/max-wait",
	  "2000", "no timers throttle spf" },
	{ true, "max-metric router-lsa administrative", "/ospfd:ospf/stub-router/administrative",
	  "", "no max-metric router-lsa administrative" },
	{ true, "max-metric router-lsa on-startup 60", "/ospfd:ospf/stub-router/on-startup", "60",
	  "no max-metric router-lsa on-startup" },
	{ true, "area 1 stub", "/ospfd:ospf/area[area-id='0.0.0.1']/type", "stub",
	  "no area 1 stub" },
	{ true, "area 1 stub no-summary", "/ospfd:ospf/area[area-id='0.0.0.1']/no-summary", "",
	  "no area 1 stub" },
	{ true, "area 0.0.0.2 nssa", "/ospfd:ospf/area[area-id='0.0.0.2']/type", "nssa",
	  "no area 0.0.0.2 nssa" },
	{ true, "area 2 nssa translate-always no-summary",
	  "/ospfd:ospf/area[area-id='0.0.0.2']/nssa-translator-role", "always", "no area 2 nssa" },
	{ true, "area 2 nssa translate-never",
	  "/ospfd:ospf/area[area-id='0.0.0.2']/nssa-translator-role", "never", "no area 2 nssa" },
	{ true, "area 1 range 10.0.0.0/8",
	  "/ospfd:ospf/area[area-id='0.0.0.1']/range[prefix='10.0.0.0/8']", "",
	  "no area 1 range 10.0.0.0/8" },
	{ true, "area 1 range 10.0.0.0/8 not-advertise",
	  "/ospfd:ospf/area[area-id='0.0.0.1']/range[prefix='10.0.0.0/8']/not-advertise", "",
	  "no area 1 range 10.0.0.0/8" },
	{ true, "area 1 range 10.0.0.0/8 cost 77",
	  "/ospfd:ospf/area[area-id='0.0.0.1']/range[prefix='10.0.0.0/8']/cost", "77",
	  "no area 1 range 10.0.0.0/8 cost 77" },
	{ true, "area 1 virtual-link 10.9.9.9",
	  "/ospfd:ospf/area[area-id='0.0.0.1']/virtual-link[peer='10.9.9.9']", "",
	  "no area 1 virtual-link 10.9.9.9" },
	{ true, "area 1 authentication", "/ospfd:ospf/area[area-id='0.0.0.1']/authentication",
	  "simple", "no area 1 authentication" },
	{ true, "area 1 authentication message-digest",
	  "/ospfd:ospf/area[area-id='0.0.0.1']/authentication", "message-digest",
	  "no area 1 authentication" },
	{ true, "redistribute connected", "/ospfd:ospf/redistribute[protocol='connected']", "",
	  "no redistribute connected" },
	{ true, "redistribute static metric 100 metric-type 1",
	  "/ospfd:ospf/redistribute[protocol='static']/metric-type", "1",
	  "no redistribute static" },
	{ true, "redistribute kernel metric 16777214",
	  "/ospfd:ospf/redistribute[protocol='kernel']/metric", "16777214",
	  "no redistribute kernel" },
	{ true, "default-information originate", "/ospfd:ospf/default-information", "",
	  "no default-information originate" },
	{ true, "default-information originate always metric 5 metric-type 1",
	  "/ospfd:ospf/default-information/always", "", "no default-information originate" },
};

static void test_each_command_sets_its_node_and_its_no_form_removes_it(void **state)
{
	struct world *w = *state;
	size_t i;

	for (i = 0; i < sizeof(effects) / sizeof(effects[0]); i++) {
		const struct effect *e = &effects[i];
		const struct lyd_node *n;
		const char *v;

		e->ospf ? enter_ospf(w) : enter_iface(w);
		run_ok(w, e->cmd);
		n = yu_find(config_store_running(w->cs), e->path);
		if (!n)
			fail_msg("'%s': no node %s", e->cmd, e->path);
		v = lyd_get_value(n);
		if (strcmp(v ? v : "", e->value))
			fail_msg("'%s': %s is '%s', want '%s'", e->cmd, e->path, v ? v : "",
				 e->value);
		run_ok(w, e->no);
		/* gone, or back to the model's default */
		n = yu_find(config_store_running(w->cs), e->path);
		if (n && !(n->flags & LYD_DEFAULT))
			fail_msg("'%s' left %s", e->no, e->path);
	}
	/* what is left is the empty interface and router ospf, the areas pruned */
	assert_null(get(w, "/ospfd:ospf/area/area-id"));
	/* (libyang keeps non-presence containers as implicit nodes) */
	assert_true(yu_find(config_store_running(w->cs), IF0 "/ospf")->flags & LYD_DEFAULT);
	assert_non_null(yu_find(config_store_running(w->cs), IF0));
}

/* As FRR: `no ip ospf passive` says "active", whatever passive-interface default says. */
static void test_ip_ospf_passive_and_its_no_form_are_both_explicit(void **state)
{
	struct world *w = *state;
	struct iface_params p;
	uint32_t area;

	enter_ospf(w);
	run_ok(w, "network 10.0.0.0/8 area 0");
	run_ok(w, "passive-interface default");
	enter_iface(w);
	run_ok(w, "ip ospf passive");
	assert_string_equal(get(w, IF0 "/ospf/passive"), "true");
	run_ok(w, "no ip ospf passive");
	assert_string_equal(get(w, IF0 "/ospf/passive"), "false");
	assert_true(config_iface_resolve(config_store_cfg(w->cs), "eth0", A(10, 0, 0, 1), 24, false,
					 &area, &p));
	assert_false(p.passive);
	assert_true(config_iface_resolve(config_store_cfg(w->cs), "eth1", A(10, 0, 1, 1), 24, false,
					 &area, &p));
	assert_true(p.passive);
}

static void test_hostname_interface_and_router_ospf_have_no_forms(void **state)
{
	struct world *w = *state;

	run_ok(w, "hostname r9");
	assert_string_equal(get(w, "/ospfd:system/hostname"), "r9");
	assert_string_equal(config_store_cfg(w->cs)->hostname, "r9");
	run_ok(w, "no hostname");
	assert_null(get(w, "/ospfd:system/hostname"));
	enter_iface(w);
	w->s.node = NODE_CONFIG;
	run_ok(w, "no interface eth0");
	assert_null(yu_find(config_store_running(w->cs), IF0));
	enter_ospf(w);
	assert_true(config_store_cfg(w->cs)->router_ospf);
	w->s.node = NODE_CONFIG;
	run_ok(w, "no router ospf");
	assert_false(config_store_cfg(w->cs)->router_ospf);
}

/* log stdout|syslog [LEVEL]: FRR's default level is debugging; the daemon reads the level. */
static void test_log_levels_are_configuration(void **state)
{
	struct world *w = *state;

	run_ok(w, "log stdout");
	assert_string_equal(get(w, "/ospfd:system/log/stdout"), "debugging");
	assert_int_equal(config_store_cfg(w->cs)->log_stdout_level, 7);
	run_ok(w, "log stdout warnings");
	assert_int_equal(config_store_cfg(w->cs)->log_stdout_level, 4);
	run_ok(w, "log syslog notifications");
	assert_int_equal(config_store_cfg(w->cs)->log_syslog_level, 5);
	assert_int_equal(run(w, "log stdout loud"), CMD_UNKNOWN);
	assert_int_equal(config_store_cfg(w->cs)->log_stdout_level, 4);
	run_ok(w, "no log stdout");
	run_ok(w, "no log syslog notifications");
	assert_null(get(w, "/ospfd:system/log/stdout"));
	assert_int_equal(config_store_cfg(w->cs)->log_stdout_level, -1);
	assert_int_equal(config_store_cfg(w->cs)->log_syslog_level, -1);
}

static void test_the_derived_config_carries_what_the_protocol_will_read(void **state)
{
	struct world *w = *state;
	const struct ospf_config *c = config_store_cfg(w->cs);
	const struct cfg_iface *ci;
	const struct cfg_area *a;

	enter_iface(w);
	run_ok(w, "ip ospf hello-interval 2");
	run_ok(w, "ip ospf authentication message-digest");
	run_ok(w, "ip ospf message-digest-key 1 md5 abc");
	enter_ospf(w);
	run_ok(w, "area 0.0.0.4 nssa translate-always no-summary");
	run_ok(w, "area 4 range 10.4.0.0/16 cost 9");
	run_ok(w, "area 4 default-cost 0");
	run_ok(w, "area 5 virtual-link 1.2.3.4");
	run_ok(w, "redistribute static metric 20");
	run_ok(w, "default-information originate always");
	run_ok(w, "timers throttle spf 1 2 3");
	run_ok(w, "max-metric router-lsa on-startup 30");
	ci = config_iface_find(c, "eth0");
	assert_non_null(ci);
	/* FRR: the dead interval follows the hello interval unless set */
	assert_int_equal(ci->params.dead_interval, 8);
	assert_int_equal(ci->auth, CFG_AUTH_MD5);
	assert_int_equal(ci->nmd5_keys, 1);
	assert_string_equal(ci->md5_keys[0].key, "abc");
	a = config_area_find(c, 4);
	assert_non_null(a);
	assert_int_equal(a->type, AREA_NSSA);
	assert_true(a->no_summary);
	assert_int_equal(a->nssa_role, CFG_NSSA_ALWAYS);
	assert_int_equal(a->default_cost, 0);
	assert_int_equal(config_area_find(c, 5)->default_cost, 1); /* FRR's default */
	assert_int_equal(a->nranges, 1);
	assert_int_equal(a->ranges[0].prefix, A(10, 4, 0, 0));
	assert_int_equal(a->ranges[0].cost, 9);
	assert_int_equal(config_area_find(c, 5)->vlinks[0], A(1, 2, 3, 4));
	assert_true(c->redist[CFG_REDIST_STATIC].enabled);
	assert_int_equal(c->redist[CFG_REDIST_STATIC].metric, 20);
	assert_int_equal(c->redist[CFG_REDIST_STATIC].metric_type, 2);
	assert_false(c->redist[CFG_REDIST_KERNEL].enabled);
	assert_true(c->default_info.always);
	assert_int_equal(c->spf_max_ms, 3);
	assert_int_equal(c->max_metric_startup_s, 30);
	assert_int_equal(c->max_paths, 64);
	assert_int_equal(c->ref_bandwidth, 100);
}

/* ---- refusals change nothing ---- */

struct refusal {
	bool ospf;
	const char *setup; /* run first (in the same node), or NULL */
	const char *cmd;
	const char *reason;
};

static const struct refusal refusals[] = {
	/* the grammar's ranges */
	{ false, NULL, "ip ospf cost 0", "Invalid value" },
	{ false, NULL, "ip ospf cost 65536", "Invalid value" },
	{ false, NULL, "ip ospf priority 256", "Invalid value" },
	{ true, NULL, "maximum-paths 65", "Invalid value" },
	{ true, NULL, "redistribute connected metric 16777215", "Invalid value" },
	{ true, NULL, "max-metric router-lsa on-startup 4", "Invalid value" },
	/* the model's types */
	{ false, NULL, "ip ospf authentication-key 123456789", "length" },
	{ false, NULL, "ip ospf message-digest-key 1 md5 12345678901234567", "at most 16" },
	{ false, NULL,
	  "ip ospf message-digest-key 1 hmac-sha-256 "
	  "12345678901234567890123456789012345678901234567890123456789012345",
	  "length" },
	/* the model's must statements */
	{ true, NULL, "area 0 stub", "The backbone area cannot be stub or NSSA" },
	{ true, NULL, "area 0.0.0.0 nssa", "The backbone area cannot be stub or NSSA" },
	{ true, NULL, "area 0 virtual-link 1.1.1.1",
	  "Configuring VLs over the backbone is not allowed" },
	{ true, "area 1 stub", "area 1 virtual-link 1.1.1.1",
	  "A virtual link's transit area cannot be stub or NSSA" },
	{ true, "area 1 virtual-link 1.1.1.1", "area 1 nssa",
	  "A virtual link's transit area cannot be stub or NSSA" },
	/* the commands' own checks, as FRR's */
	{ true, NULL, "ospf router-id 0.0.0.0", "Router ID 0.0.0.0 is not valid" },
	{ true, "network 10.0.0.0/8 area 0", "network 10.0.0.0/8 area 1",
	  "The network is already assigned to another area" },
	{ true, NULL, "no network 10.0.0.0/8 area 0", "Can't find specified network" },
	{ true, NULL, "area 1 default-cost 5", "The area is neither stub, nor NSSA" },
	{ true, "area 1 stub", "area 1 default-cost 16777216", "Invalid value" },
};

static void test_refused_commands_say_why_and_change_nothing(void **state)
{
	struct world *w = *state;
	size_t i;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		const struct refusal *f = &refusals[i];
		struct lyd_node *before = NULL;
		size_t changes;

		f->ospf ? enter_ospf(w) : enter_iface(w);
		if (f->setup)
			run_ok(w, f->setup);
		assert_int_equal(yu_dup(config_store_running(w->cs), &before), 0);
		changes = w->total;
		if (run(w, f->cmd) == CMD_OK)
			fail_msg("'%s' was accepted", f->cmd);
		if (!w->out.buf || !strstr(w->out.buf, f->reason))
			fail_msg("'%s': got '%s', want '%s'", f->cmd, w->out.buf ? w->out.buf : "",
				 f->reason);
		assert_true(yu_equal(before, config_store_running(w->cs)));
		assert_int_equal(w->total, changes);
		lyd_free_all(before);
		/* start the next one from nothing */
		w->s.node = NODE_CONFIG;
		run_ok(w, "no router ospf");
		run_ok(w, "no interface eth0");
	}
}

/* A range's options replace each other, so the CLI never builds what the model refuses. */
static void test_a_range_is_either_not_advertised_or_has_a_cost(void **state)
{
	struct world *w = *state;
	const struct cfg_area *a;

	enter_ospf(w);
	run_ok(w, "area 1 range 10.0.0.0/8 not-advertise");
	run_ok(w, "area 1 range 10.0.0.0/8 cost 5");
	a = config_area_find(config_store_cfg(w->cs), 1);
	assert_false(a->ranges[0].not_advertise);
	assert_int_equal(a->ranges[0].cost, 5);
	run_ok(w, "area 1 range 10.0.0.0/8 not-advertise");
	a = config_area_find(config_store_cfg(w->cs), 1);
	assert_true(a->ranges[0].not_advertise);
	assert_false(a->ranges[0].cost_set);
	/* a bare range advertises again, keeping nothing else */
	run_ok(w, "area 1 range 10.0.0.0/8");
	a = config_area_find(config_store_cfg(w->cs), 1);
	assert_false(a->ranges[0].not_advertise);
	/* and no-summary goes with the stub type: no when violation left behind */
	run_ok(w, "area 1 stub no-summary");
	run_ok(w, "no area 1 stub");
	a = config_area_find(config_store_cfg(w->cs), 1);
	assert_int_equal(a->type, AREA_NORMAL);
	assert_false(a->no_summary);
	/* and so does default-cost */
	run_ok(w, "area 1 nssa");
	run_ok(w, "area 1 default-cost 7");
	run_ok(w, "no area 1 nssa");
	assert_null(yu_find(config_store_running(w->cs), "/ospfd:ospf/area[area-id='0.0.0.1']/"
							 "default-cost"));
	run_ok(w, "area 1 nssa translate-never");
	run_ok(w, "area 1 stub");
	assert_null(yu_find(config_store_running(w->cs), "/ospfd:ospf/area[area-id='0.0.0.1']/"
							 "nssa-translator-role"));
}

/* FRR: `area X default-cost N` for a stub area or NSSA; the no form goes back to 1. */
static void test_area_default_cost_and_its_no_form(void **state)
{
	struct world *w = *state;
	const char *path = "/ospfd:ospf/area[area-id='0.0.0.1']/default-cost";

	enter_ospf(w);
	run_ok(w, "area 1 stub");
	run_ok(w, "area 1 default-cost 16777215");
	assert_string_equal(get(w, path), "16777215");
	assert_int_equal(config_area_find(config_store_cfg(w->cs), 1)->default_cost, 16777215);
	run_ok(w, "no area 1 default-cost 16777215");
	assert_null(get(w, path));
	assert_int_equal(config_area_find(config_store_cfg(w->cs), 1)->default_cost, 1);
	run_ok(w, "area 0.0.0.1 default-cost 3");
	run_ok(w, "no area 1 default-cost");
	assert_null(get(w, path));
}

static void test_network_and_ip_ospf_area_exclude_each_other(void **state)
{
	struct world *w = *state;

	enter_ospf(w);
	run_ok(w, "network 10.0.0.0/8 area 0");
	enter_iface(w);
	assert_int_equal(run(w, "ip ospf area 0"), CMD_ERR);
	assert_non_null(strstr(w->out.buf, "Please remove all network commands first."));
	enter_ospf(w);
	run_ok(w, "no network 10.0.0.0/8 area 0");
	enter_iface(w);
	run_ok(w, "ip ospf area 0");
	enter_ospf(w);
	assert_int_equal(run(w, "network 10.0.0.0/8 area 0"), CMD_ERR);
	assert_non_null(strstr(w->out.buf, "Please remove all ip ospf area"));
}

/* ---- files ---- */

static const char full_config[] = "hostname r1\n"
				  "log stdout informational\n"
				  "log syslog\n"
				  "!\n"
				  "interface eth0\n"
				  " description uplink to r2\n"
				  " ip ospf authentication message-digest\n"
				  " ip ospf message-digest-key 1 md5 key-one\n"
				  " ip ospf message-digest-key 2 md5 key-two\n"
				  " ip ospf message-digest-key 3 hmac-sha-384 "
				  "a-key-of-hmac-sha-384\n"
				  " ip ospf cost 25\n"
				  " ip ospf dead-interval 4\n"
				  " ip ospf hello-interval 1\n"
				  " ip ospf priority 0\n"
				  " ip ospf retransmit-interval 2\n"
				  " ip ospf transmit-delay 2\n"
				  " ip ospf mtu-ignore\n"
				  " ip ospf network point-to-point\n"
				  "exit\n"
				  "!\n"
				  "interface eth1\n"
				  " ip ospf authentication\n"
				  " ip ospf authentication-key pass\n"
				  " no ip ospf passive\n"
				  "exit\n"
				  "!\n"
				  "interface lo\n"
				  " ip ospf passive\n"
				  "exit\n"
				  "!\n"
				  "router ospf\n"
				  " ospf router-id 10.255.0.1\n"
				  " max-metric router-lsa administrative\n"
				  " max-metric router-lsa on-startup 300\n"
				  " auto-cost reference-bandwidth 1000\n"
				  " timers throttle spf 0 50 5000\n"
				  " passive-interface default\n"
				  " network 10.0.0.0/8 area 0.0.0.0\n"
				  " network 192.168.1.0/24 area 0.0.0.1\n"
				  " area 0.0.0.0 authentication message-digest\n"
				  " area 0.0.0.1 stub no-summary\n"
				  " area 0.0.0.1 default-cost 10\n"
				  " area 0.0.0.1 range 192.168.0.0/16 cost 5\n"
				  " area 0.0.0.2 nssa translate-always\n"
				  " area 0.0.0.2 range 172.16.0.0/12 not-advertise\n"
				  " area 0.0.0.3 virtual-link 10.255.0.9\n"
				  " redistribute kernel\n"
				  " redistribute connected metric 20 metric-type 1\n"
				  " default-information originate always metric 10\n"
				  " maximum-paths 4\n"
				  "exit\n"
				  "!\n";

static void test_the_cli_rendering_reads_back_to_the_same_tree(void **state)
{
	struct world *w = *state;
	struct config_store *again;
	char err[256];
	char *text1, *text2;

	if (config_store_load_text(w->cs, "full.conf", full_config, err, sizeof(err)))
		fail_msg("%s", err);
	text1 = config_render_cli(config_store_running(w->cs));
	assert_non_null(text1);
	/* every line we wrote comes back as written */
	assert_string_equal(text1, full_config);
	again = config_store_new(NULL, err, sizeof(err));
	assert_non_null(again);
	if (config_store_load_text(again, "rendered", text1, err, sizeof(err)))
		fail_msg("%s", err);
	assert_true(yu_equal(config_store_running(w->cs), config_store_running(again)));
	text2 = config_render_cli(config_store_running(again));
	assert_string_equal(text1, text2);
	free(text1);
	free(text2);
	config_store_free(again);
}

static void test_a_json_file_loads_the_same_tree(void **state)
{
	struct world *w = *state;
	struct config_store *again;
	char err[256];
	char *json, *indented;

	assert_int_equal(config_store_load_text(w->cs, "full.conf", full_config, err, sizeof(err)),
			 0);
	json = config_render_json(w->cs);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"ospfd:ospf\""));
	/* detected by its first non-blank character */
	assert_true(asprintf(&indented, "\n  \t%s", json) > 0);
	again = config_store_new(NULL, err, sizeof(err));
	if (config_store_load_text(again, "r1.json", indented, err, sizeof(err)))
		fail_msg("%s", err);
	assert_true(yu_equal(config_store_running(w->cs), config_store_running(again)));
	assert_string_equal(config_store_cfg(again)->hostname, "r1");
	free(json);
	free(indented);
	config_store_free(again);
}

static void test_a_json_file_that_breaks_the_model_is_refused(void **state)
{
	struct world *w = *state;
	static const char *const bad[] = {
		/* when: no-summary needs a stub or NSSA area */
		"{\"ospfd:ospf\":{\"area\":[{\"area-id\":\"0.0.0.1\",\"no-summary\":[null]}]}}",
		/* must: a range is not-advertise or has a cost */
		"{\"ospfd:ospf\":{\"area\":[{\"area-id\":\"0.0.0.1\",\"range\":[{\"prefix\":"
		"\"10.0.0.0/8\",\"not-advertise\":[null],\"cost\":3}]}]}}",
		/* must: network and ip ospf area exclude each other */
		"{\"ospfd:ospf\":{\"network\":[{\"prefix\":\"10.0.0.0/8\",\"area\":\"0.0.0.0\"}]},"
		"\"ospfd:interfaces\":{\"interface\":[{\"name\":\"eth0\",\"ospf\":{\"area\":"
		"\"0.0.0.0\"}}]}}",
		/* a range */
		"{\"ospfd:ospf\":{\"maximum-paths\":65}}",
		/* an unknown node */
		"{\"ospfd:ospf\":{\"bogus\":1}}",
		/* not JSON */
		"{\"ospfd:ospf\":",
	};
	size_t i;
	char err[256];

	assert_int_equal(config_store_load_text(w->cs, "ok", "hostname keep\n", err, sizeof(err)),
			 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!config_store_load_text(w->cs, "bad.json", bad[i], err, sizeof(err)))
			fail_msg("accepted: %s", bad[i]);
		if (strncmp(err, "bad.json: invalid configuration: ", 33))
			fail_msg("for %s: %s", bad[i], err);
		assert_string_equal(get(w, "/ospfd:system/hostname"), "keep");
	}
}

static void test_a_file_is_applied_all_or_nothing(void **state)
{
	struct world *w = *state;
	char err[256];
	size_t changes;

	assert_int_equal(config_store_load_text(w->cs, "a.conf",
						"hostname a\nrouter ospf\n network 10.0.0.0/8 "
						"area 0\n",
						err, sizeof(err)),
			 0);
	changes = w->total;
	/* a command that fails names its line */
	assert_int_equal(config_store_load_text(w->cs, "b.conf",
						"hostname b\nrouter ospf\n maximum-paths 2\n "
						"bogus\n",
						err, sizeof(err)),
			 -1);
	assert_string_equal(err, "b.conf:4: Unknown command at 'bogus' (word 1)");
	/* a tree the model refuses: named by its reason and path */
	assert_int_equal(config_store_load_text(w->cs, "c.conf",
						"hostname c\nrouter ospf\n area 0 stub\n", err,
						sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "c.conf: invalid configuration: The backbone area cannot "
				    "be stub or NSSA (at /ospfd:ospf/area[area-id='0.0.0.0']"));
	assert_string_equal(get(w, "/ospfd:system/hostname"), "a");
	assert_int_equal(config_store_cfg(w->cs)->max_paths, 64);
	assert_int_equal(w->total, changes);
	/* a good one replaces the whole configuration */
	assert_int_equal(config_store_load_text(w->cs, "d.conf", "hostname d\n", err, sizeof(err)),
			 0);
	assert_false(config_store_cfg(w->cs)->router_ospf);
}

/* ---- write memory ---- */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;

	if (!f)
		return NULL;
	if (getdelim(&buf, &cap, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	fclose(f);
	return buf;
}

static void spew(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static size_t dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void test_write_memory_replaces_the_file_atomically_and_keeps_a_backup(void **state)
{
	struct world *w = *state;
	char dir[] = "/tmp/test_yang.XXXXXX";
	char path[64], bak[64];
	char err[256];
	char *saved, *old;
	struct config_store *again;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/ospfd.conf", dir);
	snprintf(bak, sizeof(bak), "%s/ospfd.conf.bak", dir);
	spew(path, "hostname before\n");
	assert_int_equal(config_store_load_file(w->cs, path, err, sizeof(err)), 0);
	assert_string_equal(config_store_path(w->cs), path);
	enter_ospf(w);
	run_ok(w, "network 10.0.0.0/8 area 0");
	run_ok(w, "area 1 stub");
	w->s.node = NODE_VIEW;
	w->s.ctx = &w->show;
	run_ok(w, "write memory");
	assert_non_null(strstr(w->out.buf, "[OK]"));
	old = slurp(bak);
	assert_string_equal(old, "hostname before\n");
	saved = slurp(path);
	assert_non_null(strstr(saved, " area 0.0.0.1 stub\n"));
	/* no temporary file is left behind: the file and its backup only */
	assert_int_equal(dir_entries(dir), 2);
	/* what was saved reads back to the running tree */
	again = config_store_new(NULL, err, sizeof(err));
	assert_int_equal(config_store_load_file(again, path, err, sizeof(err)), 0);
	assert_true(yu_equal(config_store_running(w->cs), config_store_running(again)));
	/* the same through copy running-config startup-config: the backup is the last save */
	run_ok(w, "copy running-config startup-config");
	free(old);
	old = slurp(bak);
	assert_string_equal(old, saved);
	free(old);
	free(saved);
	config_store_free(again);
	unlink(bak);
	unlink(path);
	rmdir(dir);
}

static void test_write_memory_without_a_file_says_so(void **state)
{
	struct world *w = *state;

	w->s.node = NODE_VIEW;
	w->s.ctx = &w->show;
	assert_int_equal(run(w, "write"), CMD_ERR);
	assert_non_null(strstr(w->out.buf, "No configuration file"));
}

static void test_show_running_config_prints_cli_json_and_xml(void **state)
{
	struct world *w = *state;
	char err[256];

	assert_int_equal(config_store_load_text(w->cs, "full.conf", full_config, err, sizeof(err)),
			 0);
	w->s.node = NODE_VIEW;
	w->s.ctx = &w->show;
	run_ok(w, "show running-config");
	assert_non_null(strstr(w->out.buf, "Current configuration:\n!\nhostname r1\n"));
	assert_non_null(strstr(w->out.buf, " network 10.0.0.0/8 area 0.0.0.0\n"));
	assert_non_null(strstr(w->out.buf, "end\n"));
	run_ok(w, "show running-config json");
	assert_non_null(strstr(w->out.buf, "\"router-id\": \"10.255.0.1\""));
	/* defaults are left out */
	assert_null(strstr(w->out.buf, "nssa-translator-role\": \"candidate"));
	run_ok(w, "show running-config xml");
	assert_non_null(strstr(w->out.buf, "<ospf xmlns=\"urn:ospfd:ospfd\">"));
}

/* ---- the diff reported to the apply callback ---- */

static void expect_change(struct world *w, size_t i, enum config_op op, enum config_item item,
			  const char *ifname)
{
	if (i >= w->nchanges)
		fail_msg("change %zu missing (%zu recorded)", i, w->nchanges);
	if (w->changes[i].op != op || w->changes[i].item != item ||
	    strcmp(w->changes[i].ifname, ifname))
		fail_msg("change %zu: op %d item %d if '%s' (%s), want op %d item %d if '%s'", i,
			 w->changes[i].op, w->changes[i].item, w->changes[i].ifname,
			 w->changes[i].path, op, item, ifname);
}

static void test_a_commit_reports_exactly_the_changed_nodes(void **state)
{
	struct world *w = *state;

	enter_iface(w);
	w->nchanges = 0;
	run_ok(w, "ip ospf cost 30");
	/* the interface existed: its ospf container is new */
	expect_change(w, 0, CONFIG_OP_CREATE, CONFIG_ITEM_IFACE, "eth0");
	assert_int_equal(w->nchanges, 1);
	w->nchanges = 0;
	run_ok(w, "ip ospf cost 40");
	expect_change(w, 0, CONFIG_OP_REPLACE, CONFIG_ITEM_IF_COST, "eth0");
	assert_string_equal(w->changes[0].path, "/ospfd:interfaces/interface/ospf/cost");
	assert_int_equal(w->nchanges, 1);
	w->nchanges = 0;
	run_ok(w, "ip ospf hello-interval 2");
	expect_change(w, 0, CONFIG_OP_CREATE, CONFIG_ITEM_IF_HELLO, "eth0");
	run_ok(w, "ip ospf dead-interval 9");
	expect_change(w, 1, CONFIG_OP_CREATE, CONFIG_ITEM_IF_DEAD, "eth0");
	run_ok(w, "ip ospf network point-to-point");
	expect_change(w, 2, CONFIG_OP_CREATE, CONFIG_ITEM_IF_NETWORK_TYPE, "eth0");
	run_ok(w, "ip ospf priority 3");
	expect_change(w, 3, CONFIG_OP_CREATE, CONFIG_ITEM_IF_PARAM, "eth0");
	run_ok(w, "no ip ospf hello-interval");
	expect_change(w, 4, CONFIG_OP_DELETE, CONFIG_ITEM_IF_HELLO, "eth0");
	/* the same value again is no change at all */
	run_ok(w, "ip ospf cost 40");
	assert_int_equal(w->nchanges, 5);
	w->nchanges = 0;
	enter_ospf(w);
	expect_change(w, 0, CONFIG_OP_CREATE, CONFIG_ITEM_INSTANCE, "");
	run_ok(w, "ospf router-id 1.1.1.1");
	expect_change(w, 1, CONFIG_OP_CREATE, CONFIG_ITEM_ROUTER_ID, "");
	run_ok(w, "ospf router-id 1.1.1.2");
	expect_change(w, 2, CONFIG_OP_REPLACE, CONFIG_ITEM_ROUTER_ID, "");
	run_ok(w, "network 10.0.0.0/8 area 0");
	expect_change(w, 3, CONFIG_OP_CREATE, CONFIG_ITEM_NETWORK, "");
	run_ok(w, "area 1 stub");
	expect_change(w, 4, CONFIG_OP_CREATE, CONFIG_ITEM_OTHER, "");
	assert_string_equal(w->changes[4].path, "/ospfd:ospf/area");
	assert_int_equal(w->nchanges, 5);
}

/* ---- applying to a running instance ---- */

struct applied {
	struct ospf *o;
	const struct ospf_config *cfg;
	enum config_action worst;
	unsigned removed;
};

static void applied_remove(void *ctx, struct iface *ifp)
{
	((struct applied *)ctx)->removed++;
	iface_free(ifp);
}

static void applied_change(void *arg, const struct config_change *ch)
{
	struct applied *a = arg;
	struct config_apply_ops ops = { applied_remove, a };
	enum config_action r = config_apply_change(a->o, a->cfg, ch, &ops);

	if (r > a->worst)
		a->worst = r;
}

static void test_changes_apply_to_a_running_instance_without_restart(void **state)
{
	struct world *w = *state;
	struct sim *s = sim_new();
	struct ospf *r1 = sim_router_add(s, A(1, 1, 1, 1));
	struct ospf *r2 = sim_router_add(s, A(2, 2, 2, 2));
	int seg = sim_segment_add(s);
	struct applied ap = { .o = r1, .cfg = config_store_cfg(w->cs) };
	struct config_apply apply = { applied_change, NULL, &ap };
	struct iface_params p;
	struct iface *ifp;
	int32_t seq;
	char err[256], text[128], line[64];

	iface_params_default(&p);
	ifp = sim_attach(s, r1, seg, A(10, 0, 0, 1), 24, 0, &p);
	sim_attach(s, r2, seg, A(10, 0, 0, 2), 24, 0, &p);
	assert_true(sim_run_until(s, 60000, sim_all_full, NULL));
	sim_run(s, 10000);
	/* the configuration that matches what runs */
	snprintf(text, sizeof(text), "interface %s\n!\nrouter ospf\n network 10.0.0.0/24 area 0\n",
		 ifp->name);
	assert_int_equal(config_store_load_text(w->cs, "r1", text, err, sizeof(err)), 0);
	config_store_set_apply(w->cs, &apply);
	seq = ifp->area->router_lsa->inst->hdr.seq;

	/* a cost: in place, and a new router-LSA */
	w->s.node = NODE_CONFIG;
	snprintf(line, sizeof(line), "interface %s", ifp->name);
	run_ok(w, line);
	run_ok(w, "ip ospf cost 33");
	assert_int_equal(ap.removed, 0);
	assert_int_equal(ifp->params.cost, 33);
	sim_run(s, 6000);
	assert_true(ifp->area->router_lsa->inst->hdr.seq > seq);
	/* hello and dead intervals: in place, the hello timer re-armed at the new interval */
	run_ok(w, "ip ospf hello-interval 3");
	assert_int_equal(ap.removed, 0);
	assert_int_equal(ifp->params.hello_interval, 3);
	assert_int_equal(ifp->params.dead_interval, 12);
	assert_non_null(ifp->hello_timer);
	assert_true(timer_remaining(ifp->hello_timer) <= 3000);
	run_ok(w, "ip ospf dead-interval 30");
	assert_int_equal(ifp->params.dead_interval, 30);
	assert_true(ap.worst <= CONFIG_APPLY_RECONCILE);
	/* a network type: the interface starts over */
	run_ok(w, "ip ospf network point-to-point");
	assert_int_equal(ap.removed, 1);
	assert_null(config_iface_by_name(r1, line + strlen("interface ")));
	/* a router id: the instance starts over */
	ap.worst = CONFIG_APPLY_DONE;
	enter_ospf(w);
	run_ok(w, "ospf router-id 9.9.9.9");
	assert_int_equal(ap.worst, CONFIG_APPLY_RESTART);
	sim_free(s);
}

static void test_the_module_is_found_among_missing_folders_or_named_when_not(void **state)
{
	struct config_store *cs;
	char dirs[512], err[256];

	(void)state;
	snprintf(dirs, sizeof(dirs), "/nonexistent/a:%s:/nonexistent/b", getenv("OSPFD_YANG_DIR"));
	cs = config_store_new(dirs, err, sizeof(err));
	if (!cs)
		fail_msg("%s", err);
	config_store_free(cs);
	assert_null(config_store_new("/nonexistent", err, sizeof(err)));
	assert_non_null(strstr(err, "YANG module ospfd (searched /nonexistent)"));
}

/* ---- ospfd -C ---- */

static int check_file(const char *text, char *out, size_t outlen)
{
	const char *bin = getenv("OSPFD_BIN");
	char path[] = "/tmp/test_yang_conf.XXXXXX";
	char cmd[512];
	FILE *p;
	size_t n;
	int fd, status;

	if (!bin || !*bin)
		skip();
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s -C -f %s 2>&1", bin, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, outlen - 1, p);
	out[n] = '\0';
	status = pclose(p);
	unlink(path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_ospfd_dash_c_checks_cli_and_json_files(void **state)
{
	char out[1024];
	char *dir = getenv("OSPFD_YANG_DIR") ? strdup(getenv("OSPFD_YANG_DIR")) : NULL;

	(void)state;
	/* a binary of the build tree finds the module without help */
	unsetenv("OSPFD_YANG_DIR");
	assert_int_equal(check_file("router ospf\n network 10.0.0.0/8 area 0\n", out, sizeof(out)),
			 0);
	assert_non_null(strstr(out, "configuration is valid"));
	if (dir)
		setenv("OSPFD_YANG_DIR", dir, 1);
	free(dir);
	assert_int_equal(check_file("{\"ospfd:ospf\":{\"maximum-paths\":8}}", out, sizeof(out)), 0);
	assert_int_equal(check_file("router ospf\n area 0 nssa\n", out, sizeof(out)), 1);
	assert_non_null(strstr(out, "The backbone area cannot be stub or NSSA"));
	assert_int_equal(check_file("{\"ospfd:ospf\":{\"maximum-paths\":0}}", out, sizeof(out)), 1);
	assert_non_null(strstr(out, "invalid configuration"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_each_command_sets_its_node_and_its_no_form_removes_it, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_ip_ospf_passive_and_its_no_form_are_both_explicit, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_hostname_interface_and_router_ospf_have_no_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_levels_are_configuration, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_the_derived_config_carries_what_the_protocol_will_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_commands_say_why_and_change_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_range_is_either_not_advertised_or_has_a_cost,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_area_default_cost_and_its_no_form, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_network_and_ip_ospf_area_exclude_each_other,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_cli_rendering_reads_back_to_the_same_tree,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_json_file_loads_the_same_tree, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_json_file_that_breaks_the_model_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_file_is_applied_all_or_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
		    test_write_memory_replaces_the_file_atomically_and_keeps_a_backup, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_write_memory_without_a_file_says_so, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_show_running_config_prints_cli_json_and_xml,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_commit_reports_exactly_the_changed_nodes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_changes_apply_to_a_running_instance_without_restart, setup, teardown),
		cmocka_unit_test(test_the_module_is_found_among_missing_folders_or_named_when_not),
		cmocka_unit_test(test_ospfd_dash_c_checks_cli_and_json_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
