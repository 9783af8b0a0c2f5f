/* SPDX-License-Identifier: ISC */
/*
 * Show commands over a converged simulated network: FRR's JSON keys with the right values,
 * and text rendered from the same object.
 */
#include <json-c/json.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "abr.h"
#include "clear.h"
#include "cmd.h"
#include "debug.h"
#include "config.h"
#include "iface.h"
#include "nbr.h"
#include "show.h"
#include "sim.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

struct world {
	struct sim *s;
	struct ospf *r1, *r2, *r3;
};

static bool lan_full(struct sim *s, void *arg)
{
	struct world *w = arg;
	struct iface *ifp;

	(void)s;
	list_for_each (ifp, &w->r1->ifaces, node)
		if (ifp->state == ISM_WAITING)
			return false;
	return sim_all_full(w->s, NULL);
}

/* r1, r2 (priority 10) and r3 on one LAN: r2 is DR. */
static int setup(void **state)
{
	static struct world w;
	struct iface_params p, p2;
	int lan;

	iface_params_default(&p);
	p.hello_interval = 1;
	p.dead_interval = 4;
	p2 = p;
	p2.priority = 10;
	w.s = sim_new();
	w.r1 = sim_router_add(w.s, A(1, 1, 1, 1));
	w.r2 = sim_router_add(w.s, A(2, 2, 2, 2));
	w.r3 = sim_router_add(w.s, A(3, 3, 3, 3));
	lan = sim_segment_add(w.s);
	sim_attach(w.s, w.r1, lan, A(10, 0, 0, 1), 24, 0, &p);
	sim_attach(w.s, w.r2, lan, A(10, 0, 0, 2), 24, 0, &p2);
	sim_attach(w.s, w.r3, lan, A(10, 0, 0, 3), 24, 0, &p);
	assert_true(sim_run_until(w.s, 30000, lan_full, &w));
	sim_run(w.s, 6000); /* MinLSInterval: the network-LSA and last router-LSAs are out */
	*state = &w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	sim_free(w->s);
	return 0;
}

static struct json_object *get(struct json_object *o, const char *path)
{
	char buf[256], *save, *k;

	snprintf(buf, sizeof(buf), "%s", path);
	for (k = strtok_r(buf, "/", &save); k && o; k = strtok_r(NULL, "/", &save)) {
		struct json_object *next = NULL;

		if (json_object_is_type(o, json_type_array))
			next = json_object_array_get_idx(o, (size_t)atoi(k));
		else
			json_object_object_get_ex(o, k, &next);
		o = next;
	}
	return o;
}

static const char *sget(struct json_object *o, const char *path)
{
	struct json_object *v = get(o, path);

	return v ? json_object_get_string(v) : "(missing)";
}

static void test_neighbor_json_has_frr_keys_and_values(void **state)
{
	struct world *w = *state;
	struct json_object *j = show_neighbor_json(w->r1, false);
	static const char *const keys[] = {
		"priority",
		"state",
		"nbrPriority",
		"nbrState",
		"converged",
		"role",
		"upTimeInMsec",
		"deadTimeMsecs",
		"routerDeadIntervalTimerDueMsec",
		"upTime",
		"deadTime",
		"address",
		"ifaceAddress",
		"ifaceName",
		"retransmitCounter",
		"linkStateRetransmissionListCounter",
		"requestCounter",
		"linkStateRequestListCounter",
		"dbSummaryCounter",
		"databaseSummaryListCounter",
	};
	size_t i;

	assert_string_equal(sget(j, "neighbors/2.2.2.2/0/nbrState"), "Full/DR");
	assert_string_equal(sget(j, "neighbors/2.2.2.2/0/role"), "DR");
	assert_string_equal(sget(j, "neighbors/2.2.2.2/0/ifaceAddress"), "10.0.0.2");
	assert_string_equal(sget(j, "neighbors/3.3.3.3/0/nbrState"), "Full/Backup");
	assert_int_equal(json_object_get_int(get(j, "neighbors/2.2.2.2/0/nbrPriority")), 10);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!get(get(j, "neighbors/2.2.2.2/0"), keys[i]))
			fail_msg("key %s missing", keys[i]);
	json_object_put(j);
}

static void test_interface_json_has_state_dr_bdr_and_drop_counters(void **state)
{
	struct world *w = *state;
	struct json_object *j = show_interface_json(w->r1, NULL);
	struct json_object *ifj = NULL;
	const char *name = NULL;

	json_object_object_foreach (get(j, "interfaces"), k, v) {
		name = k;
		ifj = v;
	}
	assert_non_null(name);
	assert_string_equal(sget(ifj, "state"), "DROther");
	assert_string_equal(sget(ifj, "drId"), "2.2.2.2");
	assert_string_equal(sget(ifj, "drAddress"), "10.0.0.2");
	assert_string_equal(sget(ifj, "bdrId"), "3.3.3.3");
	assert_string_equal(sget(ifj, "networkType"), "BROADCAST");
	assert_string_equal(sget(ifj, "localIfUsed"), "10.0.0.255");
	assert_int_equal(json_object_get_int(get(ifj, "nbrAdjacentCount")), 2);
	assert_non_null(get(ifj, "packetDrops"));
	json_object_put(j);
}

static void test_database_json_lists_router_and_network_lsas_as_frr_does(void **state)
{
	struct world *w = *state;
	struct json_object *j = show_database_json(w->r1);
	struct json_object *routers = get(j, "areas/0.0.0.0/routerLinkStates");
	struct json_object *nets = get(j, "areas/0.0.0.0/networkLinkStates");

	assert_string_equal(sget(j, "routerId"), "1.1.1.1");
	assert_non_null(routers);
	assert_int_equal(json_object_array_length(routers), 3);
	assert_non_null(nets);
	assert_int_equal(json_object_array_length(nets), 1);
	assert_string_equal(sget(nets, "0/lsId"), "10.0.0.2");
	assert_string_equal(sget(nets, "0/advertisedRouter"), "2.2.2.2");
	/* FRR: sequence number as 8 hex digits, checksum as 4, no 0x */
	assert_int_equal(strlen(sget(nets, "0/sequenceNumber")), 8);
	assert_int_equal(strlen(sget(nets, "0/checksum")), 4);
	json_object_put(j);
}

static void test_ospf_json_counts_lsas_per_type(void **state)
{
	struct world *w = *state;
	struct json_object *j = show_ospf_json(w->r1);

	assert_string_equal(sget(j, "routerId"), "1.1.1.1");
	assert_int_equal(json_object_get_int(get(j, "areas/0.0.0.0/lsaRouterNumber")), 3);
	assert_int_equal(json_object_get_int(get(j, "areas/0.0.0.0/lsaNetworkNumber")), 1);
	assert_int_equal(json_object_get_int(get(j, "areas/0.0.0.0/nbrFullAdjacentCounter")), 2);
	json_object_put(j);
}

/* `area X authentication message-digest` reaches the area and FRR's key and line. */
static void test_ospf_json_and_text_show_the_areas_authentication(void **state)
{
	struct world *w = *state;
	struct area *a = ospf_area_find(w->r1, 0);
	struct cfg_area ca = { .id = 0, .type = AREA_NORMAL, .auth = CFG_AUTH_MD5 };
	struct show_ctx ctx = { .o = w->r1, .hostname = "r1" };
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_session s = { NODE_VIEW, &ctx, 0 };
	struct cmd_out out;
	struct json_object *j;

	j = show_ospf_json(w->r1);
	assert_string_equal(sget(j, "areas/0.0.0.0/authentication"), "authenticationNone");
	json_object_put(j);
	abr_area_configure(a, &ca);
	j = show_ospf_json(w->r1);
	assert_string_equal(sget(j, "areas/0.0.0.0/authentication"), "authenticationMessageDigest");
	json_object_put(j);
	assert_int_equal(cmd_node_install(t, NODE_VIEW, CMD_NODE_NONE, "view"), 0);
	assert_int_equal(show_cmds_install(t), 0);
	cmd_out_init(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "   Area has message digest authentication\n"));
	cmd_out_free(&out);
	cmd_tree_free(t);
	ca.auth = CFG_AUTH_UNSET;
	abr_area_configure(a, &ca);
}

/* The commands through the grammar: text and json variants of the same object. */
static void test_show_commands_render_text_and_json_from_one_object(void **state)
{
	struct world *w = *state;
	struct show_ctx ctx = { .o = w->r1, .hostname = "r1" };
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_session s = { NODE_VIEW, &ctx, 0 };
	struct cmd_out out;
	struct json_object *j;

	assert_int_equal(cmd_node_install(t, NODE_VIEW, CMD_NODE_NONE, "view"), 0);
	assert_int_equal(show_cmds_install(t), 0);
	cmd_out_init(&out);
	assert_int_equal(cmd_execute(t, &s, "sh ip os nei", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "2.2.2.2"));
	assert_non_null(strstr(out.buf, "Full/DR"));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf neighbor json", &out, NULL), CMD_OK);
	j = json_tokener_parse(out.buf);
	assert_non_null(j);
	assert_string_equal(sget(j, "neighbors/3.3.3.3/0/nbrState"), "Full/Backup");
	json_object_put(j);
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf neighbor detail", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "State is Full/DR"));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf database", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "Net Link States (Area 0.0.0.0)"));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf interface", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "Designated Router (ID) 2.2.2.2"));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf bogus", &out, NULL), CMD_UNKNOWN);
	cmd_out_free(&out);
	cmd_tree_free(t);
}

/* After convergence r1 routes the LAN it is on, as FRR prints it. */
static void test_show_route_text_and_json_after_convergence(void **state)
{
	struct world *w = *state;
	struct show_ctx ctx = { .o = w->r1, .hostname = "r1" };
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_session s = { NODE_VIEW, &ctx, 0 };
	struct cmd_out out;
	struct json_object *j;

	assert_int_equal(cmd_node_install(t, NODE_VIEW, CMD_NODE_NONE, "view"), 0);
	assert_int_equal(show_cmds_install(t), 0);
	cmd_out_init(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf route", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "============ OSPF network routing table ============\n"
					"N    10.0.0.0/24           [10] area: 0.0.0.0\n"
					"                           directly attached to "));
	assert_non_null(strstr(out.buf, "============ OSPF router routing table ============="));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf route json", &out, NULL), CMD_OK);
	j = json_tokener_parse(out.buf);
	assert_non_null(j);
	assert_true(json_object_object_get_ex(j, "10.0.0.0/24", NULL));
	json_object_put(j);
	assert_non_null(strstr(out.buf, "\"10.0.0.0/24\""));
	assert_non_null(strstr(out.buf, "\"directlyAttachedTo\""));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf border-routers", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "OSPF router routing table"));
	cmd_out_reset(&out);
	/* ours: one route explained, in text and JSON; an unknown prefix is a message */
	assert_int_equal(cmd_execute(t, &s, "show ip ospf route 10.0.0.0/24 explain", &out, NULL),
			 CMD_OK);
	assert_non_null(strstr(out.buf, "OSPF route 10.0.0.0/24: intra-area, cost 10, area "
					"0.0.0.0\n"
					"  From LSAs:\n    network-LSA "));
	assert_non_null(strstr(out.buf, "  SPF path in area 0.0.0.0:\n    router  1.1.1.1 "));
	cmd_out_reset(&out);
	assert_int_equal(
	    cmd_execute(t, &s, "show ip ospf route 10.0.0.0/24 explain json", &out, NULL), CMD_OK);
	j = json_tokener_parse(out.buf);
	assert_non_null(j);
	assert_string_equal(sget(j, "lsas/0/lsaType"), "network-LSA");
	assert_string_equal(sget(j, "spfPath/1/vertexType"), "network");
	json_object_put(j);
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf route 10.77.0.0/16 explain", &out, NULL),
			 CMD_OK);
	assert_string_equal(out.buf, "No OSPF route to 10.77.0.0/16\n");
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, " SPF algorithm last executed "));
	cmd_out_free(&out);
	cmd_tree_free(t);
}

static void test_show_without_an_instance_says_so(void **state)
{
	struct show_ctx ctx = { .o = NULL, .hostname = "r1" };
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_session s = { NODE_VIEW, &ctx, 0 };
	struct cmd_out out;

	(void)state;
	assert_int_equal(cmd_node_install(t, NODE_VIEW, CMD_NODE_NONE, "view"), 0);
	assert_int_equal(show_cmds_install(t), 0);
	cmd_out_init(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "not running"));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf neighbor json", &out, NULL), CMD_OK);
	assert_non_null(strstr(out.buf, "\"neighbors\""));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "show ip ospf route 10.0.0.0/8 explain", &out, NULL),
			 CMD_OK);
	assert_string_equal(out.buf, "No OSPF route to 10.0.0.0/8\n");
	cmd_out_free(&out);
	cmd_tree_free(t);
}

/* Runs line on r1's show commands (debug flags in *flags if given); returns the result. */
static enum cmd_result run_show(struct world *w, uint32_t *flags, const char *line,
				struct cmd_out *out)
{
	struct show_ctx ctx = { .o = w->r1, .hostname = "r1", .debug = flags };
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_session s = { NODE_VIEW, &ctx, 0 };
	enum cmd_result r;

	assert_int_equal(cmd_node_install(t, NODE_VIEW, CMD_NODE_NONE, "view"), 0);
	assert_int_equal(show_cmds_install(t), 0);
	cmd_out_reset(out);
	r = cmd_execute(t, &s, line, out, NULL);
	cmd_tree_free(t);
	return r;
}

static struct json_object *run_json(struct world *w, const char *line)
{
	struct cmd_out out;
	struct json_object *j;

	cmd_out_init(&out);
	assert_int_equal(run_show(w, NULL, line, &out), CMD_OK);
	j = json_tokener_parse(out.buf);
	assert_non_null(j);
	cmd_out_free(&out);
	return j;
}

static size_t alen(struct json_object *j, const char *path)
{
	struct json_object *a = get(j, path);

	return a ? json_object_array_length(a) : (size_t)-1;
}

#define AREA0_ROUTERS "routerLinkStates/areas/0.0.0.0"

/* The LSAs line selects: how many, and the advertising router of the first ("" if none). */
static size_t db_select(struct world *w, const char *line, const char *list, char *adv, size_t len)
{
	struct json_object *j = run_json(w, line);
	size_t n = alen(j, list);
	char path[128];

	snprintf(path, sizeof(path), "%s/0/advertisingRouter", list);
	snprintf(adv, len, "%s", n ? sget(j, path) : "");
	json_object_put(j);
	return n;
}

static void test_database_type_filters_and_detail(void **state)
{
	struct world *w = *state;
	struct json_object *j;
	struct cmd_out out;
	char adv[16];

	j = run_json(w, "show ip ospf database router json");
	assert_int_equal(alen(j, AREA0_ROUTERS), 3);
	assert_string_equal(sget(j, AREA0_ROUTERS "/0/linkStateId"), "1.1.1.1");
	assert_string_equal(sget(j, AREA0_ROUTERS "/1/routerLinks/link0/linkType"), "a Transit "
										    "Network");
	assert_string_equal(sget(j, AREA0_ROUTERS "/1/routerLinks/link0/designatedRouterAddress"),
			    "10.0.0.2");
	json_object_put(j);
	assert_int_equal(db_select(w, "show ip ospf database router 2.2.2.2 json", AREA0_ROUTERS,
				   adv, sizeof(adv)),
			 1);
	assert_string_equal(adv, "2.2.2.2");
	assert_int_equal(db_select(w, "show ip ospf database router adv-router 3.3.3.3 json",
				   AREA0_ROUTERS, adv, sizeof(adv)),
			 1);
	assert_string_equal(adv, "3.3.3.3");
	assert_int_equal(db_select(w,
				   "show ip ospf database router 2.2.2.2 adv-router 3.3.3.3 json",
				   AREA0_ROUTERS, adv, sizeof(adv)),
			 0);
	assert_int_equal(db_select(w, "show ip ospf database router self-originate json",
				   AREA0_ROUTERS, adv, sizeof(adv)),
			 1);
	assert_string_equal(adv, "1.1.1.1");
	j = run_json(w, "show ip ospf database network json");
	assert_int_equal(alen(j, "networkLinkStates/areas/0.0.0.0"), 1);
	assert_int_equal(json_object_get_int(get(j, "networkLinkStates/areas/0.0.0.0/0/"
						    "networkMask")),
			 24);
	assert_string_equal(sget(j, "networkLinkStates/areas/0.0.0.0/0/attchedRouters/3.3.3.3/"
				    "attachedRouterId"),
			    "3.3.3.3");
	json_object_put(j);
	assert_int_equal(db_select(w, "show ip ospf database external json", "asExternalLinkStates",
				   adv, sizeof(adv)),
			 0);
	j = run_json(w, "show ip ospf database max-age json");
	assert_true(json_object_is_type(get(j, "maxAgeLinkStates"), json_type_object));
	json_object_put(j);
	j = run_json(w, "show ip ospf database self-originate json");
	assert_int_equal(alen(j, "areas/0.0.0.0/routerLinkStates"), 1);
	assert_null(get(j, "areas/0.0.0.0/networkLinkStates")); /* r2 is the DR */
	json_object_put(j);

	cmd_out_init(&out);
	assert_int_equal(run_show(w, NULL, "show ip ospf database network", &out), CMD_OK);
	assert_non_null(strstr(out.buf, "Link State ID: 10.0.0.2 (address of Designated Router)"));
	assert_non_null(strstr(out.buf, "        Attached Router: 1.1.1.1\n"));
	assert_int_equal(run_show(w, NULL, "show ip ospf database router 1.1.1.1", &out), CMD_OK);
	assert_non_null(strstr(out.buf, "    Link connected to: a Transit Network\n"
					"     (Link ID) Designated Router address: 10.0.0.2\n"
					"     (Link Data) Router Interface address: 10.0.0.1\n"));
	assert_int_equal(run_show(w, NULL, "show ip ospf database router 1.1.1", &out),
			 CMD_UNKNOWN);
	assert_int_equal(run_show(w, NULL, "show ip ospf database bogus", &out), CMD_UNKNOWN);
	cmd_out_free(&out);
}

static void test_neighbor_by_router_id(void **state)
{
	struct world *w = *state;
	struct json_object *j = run_json(w, "show ip ospf neighbor 2.2.2.2 json");
	struct cmd_out out;

	assert_int_equal(json_object_object_length(j), 1);
	assert_string_equal(sget(j, "2.2.2.2/0/nbrState"), "Full/DR");
	json_object_put(j);
	j = run_json(w, "show ip ospf neighbor 3.3.3.3 detail json");
	assert_string_equal(sget(j, "3.3.3.3/0/grHelperStatus"), "None");
	json_object_put(j);
	nbr_reason_set(iface_nbr_find_by_id(container_of(w->r1->ifaces.next, struct iface, node),
					    A(3, 3, 3, 3)),
		       "a test reason");
	j = run_json(w, "show ip ospf neighbor 3.3.3.3 detail json");
	assert_string_equal(sget(j, "3.3.3.3/0/lastRegressiveChangeReason"), "a test reason");
	assert_string_equal(sget(j, "3.3.3.3/0/lastReason"), "a test reason");
	assert_int_equal(json_object_get_int(get(j, "3.3.3.3/0/lastRegressiveChangeMsec")), 0);
	json_object_put(j);
	j = run_json(w, "show ip ospf neighbor 9.9.9.9 json");
	assert_int_equal(json_object_object_length(j), 0);
	json_object_put(j);
	cmd_out_init(&out);
	assert_int_equal(run_show(w, NULL, "show ip ospf neighbor 9.9.9.9", &out), CMD_WARNING);
	assert_non_null(strstr(out.buf, "No such neighbor: 9.9.9.9"));
	assert_int_equal(run_show(w, NULL, "show ip ospf neighbor 2.2.2.2 detail", &out), CMD_OK);
	assert_non_null(strstr(out.buf, " Neighbor 2.2.2.2, interface address 10.0.0.2"));
	assert_null(strstr(out.buf, "3.3.3.3"));
	cmd_out_free(&out);
}

/* Keys FRR 8.4 prints that the topotest ospfd_json_keys found missing once. */
static void test_frr_keys_of_the_summaries(void **state)
{
	struct world *w = *state;
	struct json_object *j = run_json(w, "show ip ospf database json");

	assert_int_equal(json_object_get_int(get(j, "areas/0.0.0.0/routerLinkStatesCount")), 3);
	assert_int_equal(json_object_get_int(get(j, "areas/0.0.0.0/networkLinkStatesCount")), 1);
	assert_int_equal(json_object_get_int(get(j, "areas/0.0.0.0/routerLinkStates/0/"
						    "numOfRouterLinks")),
			 1);
	json_object_put(j);
	j = run_json(w, "show ip ospf json");
	assert_string_equal(sget(j, "abrType"), "Alternative Cisco");
	assert_int_equal(json_object_get_int(get(j, "refreshTimerMsecs")), 1800000);
	assert_true(json_object_get_int(get(j, "areas/0.0.0.0/spfExecutedCounter")) > 0);
	json_object_put(j);
	j = run_json(w, "show ip ospf interface json");
	json_object_object_foreach (get(j, "interfaces"), name, ij) {
		(void)name;
		assert_non_null(get(ij, "ifFlags"));
		assert_non_null(get(ij, "bandwidthMbit"));
	}
	json_object_put(j);
}

static void test_debug_flags_gate_and_show_debugging(void **state)
{
	struct world *w = *state;
	uint32_t flags = 0;
	struct cmd_out out;

	cmd_out_init(&out);
	w->r1->debug = &flags;
	assert_false(ospf_debugging(w->r1, OSPF_DEBUG_PACKET_RECV(1)));
	assert_int_equal(run_show(w, &flags, "debug ospf packet hello recv", &out), CMD_OK);
	assert_int_equal(flags, OSPF_DEBUG_PACKET_RECV(1));
	assert_true(ospf_debugging(w->r1, OSPF_DEBUG_PACKET_RECV(1)));
	assert_false(ospf_debugging(w->r1, OSPF_DEBUG_PACKET_SEND(1)));
	assert_int_equal(run_show(w, &flags, "debug ospf packet all detail", &out), CMD_OK);
	assert_int_equal(flags, OSPF_DEBUG_PACKET_ALL | OSPF_DEBUG_PACKET_DETAIL);
	assert_int_equal(run_show(w, &flags, "debug ospf spf", &out), CMD_OK);
	assert_int_equal(run_show(w, &flags, "show debugging", &out), CMD_OK);
	assert_non_null(strstr(out.buf, "  OSPF packet Link State Update detail debugging is "
					"on\n"));
	assert_non_null(strstr(out.buf, "  OSPF SPF debugging is on\n"));
	assert_int_equal(run_show(w, &flags, "no debug ospf packet all send", &out), CMD_OK);
	assert_true(ospf_debugging(w->r1, OSPF_DEBUG_PACKET_RECV(4)));
	assert_false(ospf_debugging(w->r1, OSPF_DEBUG_PACKET_SEND(4)));
	assert_int_equal(run_show(w, &flags, "no debug ospf spf", &out), CMD_OK);
	assert_false(ospf_debugging(w->r1, OSPF_DEBUG_SPF));
	assert_int_equal(run_show(w, &flags, "no debug ospf", &out), CMD_OK);
	assert_int_equal(flags, 0);
	assert_int_equal(run_show(w, &flags, "debug ospf packet bogus", &out), CMD_UNKNOWN);
	assert_int_equal(flags, 0);
	w->r1->debug = NULL;
	assert_false(ospf_debugging(w->r1, OSPF_DEBUG_SPF));
	cmd_out_free(&out);
}

static int process_cleared;

static void count_clear(void *arg)
{
	(void)arg;
	process_cleared++;
}

/* Last: it resets r1's adjacencies, which then form again. */
static void test_clear_neighbor_and_process(void **state)
{
	struct world *w = *state;
	struct show_ctx ctx = { .o = w->r1, .hostname = "r1", .clear_process = count_clear };
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_session s = { NODE_VIEW, &ctx, 0 };
	struct cmd_out out;

	assert_int_equal(cmd_node_install(t, NODE_VIEW, CMD_NODE_NONE, "view"), 0);
	assert_int_equal(show_cmds_install(t), 0);
	cmd_out_init(&out);
	assert_int_equal(cmd_execute(t, &s, "clear ip ospf neighbor 9.9.9.9", &out, NULL),
			 CMD_WARNING);
	assert_non_null(strstr(out.buf, "No such neighbor: 9.9.9.9"));
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "clear ip ospf neighbor 2.2.2.2", &out, NULL), CMD_OK);
	assert_null(iface_nbr_find_by_id(container_of(w->r1->ifaces.next, struct iface, node),
					 A(2, 2, 2, 2)));
	sim_run(w->s, 10000); /* the next Hello brings 2.2.2.2 back */
	assert_non_null(iface_nbr_find_by_id(container_of(w->r1->ifaces.next, struct iface, node),
					     A(2, 2, 2, 2)));
	assert_true(lan_full(w->s, w));
	assert_int_equal(clear_neighbors(w->r1, true, 0), 2);
	sim_run(w->s, 10000);
	assert_true(lan_full(w->s, w));
	assert_int_equal(cmd_execute(t, &s, "clear ip ospf process", &out, NULL), CMD_OK);
	assert_int_equal(process_cleared, 1);
	ctx.clear_process = NULL;
	assert_int_equal(cmd_execute(t, &s, "clear ip ospf process", &out, NULL), CMD_WARNING);
	ctx.clear_process = count_clear;
	ctx.o = NULL;
	cmd_out_reset(&out);
	assert_int_equal(cmd_execute(t, &s, "clear ip ospf process", &out, NULL), CMD_WARNING);
	assert_non_null(strstr(out.buf, "OSPF is not running"));
	assert_int_equal(process_cleared, 1); /* no instance: nothing restarted */
	assert_int_equal(cmd_execute(t, &s, "clear ip ospf neighbor", &out, NULL), CMD_WARNING);
	cmd_out_free(&out);
	cmd_tree_free(t);
}

static char events[4096];

static void capture_event(void *ctx, const char *kind, const char *const *kv, size_t nkv)
{
	size_t used = strlen(events);

	(void)ctx;
	used += (size_t)snprintf(events + used, sizeof(events) - used, "%s", kind);
	for (size_t i = 0; i < nkv && used < sizeof(events); i++)
		used += (size_t)snprintf(events + used, sizeof(events) - used, " %s=%s", kv[2 * i],
					 kv[2 * i + 1]);
	if (used < sizeof(events))
		snprintf(events + used, sizeof(events) - used, "\n");
}

/* Whether one captured line holds both a and b. */
static bool event_has(const char *a, const char *b)
{
	char copy[sizeof(events)], *save, *line;

	memcpy(copy, events, sizeof(copy));
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (strstr(line, a) && strstr(line, b))
			return true;
	return false;
}

/* monitor ospf events: the instance reports neighbor changes, LSAs and SPF runs. */
static void test_the_instance_reports_events(void **state)
{
	struct world *w = *state;

	events[0] = '\0';
	w->r1->event = capture_event;
	assert_int_equal(clear_neighbors(w->r1, false, A(3, 3, 3, 3)), 1);
	assert_int_equal(clear_neighbors(w->r1, false, A(2, 2, 2, 2)), 1);
	sim_run(w->s, 15000);
	w->r1->event = NULL;
	assert_non_null(strstr(events, "neighbor interface="));
	assert_non_null(strstr(events, " neighbor=3.3.3.3 address=10.0.0.3 from=Full to=Down "
				       "cause=KillNbr\n"));
	assert_true(event_has(" neighbor=3.3.3.3 ", " to=Full "));
	assert_true(event_has(" neighbor=2.2.2.2 ", " to=Full "));
	/* the DR's network-LSA lost r1 and got it back */
	assert_non_null(strstr(events, "lsa action=installed type=network linkStateId=10.0.0.2"));
	assert_non_null(strstr(events, "spf reason="));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_neighbor_json_has_frr_keys_and_values),
		cmocka_unit_test(test_interface_json_has_state_dr_bdr_and_drop_counters),
		cmocka_unit_test(test_database_json_lists_router_and_network_lsas_as_frr_does),
		cmocka_unit_test(test_ospf_json_counts_lsas_per_type),
		cmocka_unit_test(test_ospf_json_and_text_show_the_areas_authentication),
		cmocka_unit_test(test_show_commands_render_text_and_json_from_one_object),
		cmocka_unit_test(test_show_route_text_and_json_after_convergence),
		cmocka_unit_test(test_show_without_an_instance_says_so),
		cmocka_unit_test(test_database_type_filters_and_detail),
		cmocka_unit_test(test_neighbor_by_router_id),
		cmocka_unit_test(test_frr_keys_of_the_summaries),
		cmocka_unit_test(test_debug_flags_gate_and_show_debugging),
		cmocka_unit_test(test_clear_neighbor_and_process),
		cmocka_unit_test(test_the_instance_reports_events),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
