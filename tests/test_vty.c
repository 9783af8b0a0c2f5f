/* SPDX-License-Identifier: ISC */
/* The daemon's vty sessions: modes and prompts, FRR's failure wording, help, completion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vty.h"

struct world {
	struct cmd_tree *t;
	struct config_store *cs;
	struct show_ctx show;
	struct vty_env env;
	struct vty_session *v;
	struct cmd_out out;
	int after_exec;
};

static void ifnames(void *arg, struct cmd_cands *out)
{
	(void)arg;
	cmd_cands_add(out, "eth-r2");
	cmd_cands_add(out, "eth-r3");
	cmd_cands_add(out, "lo");
}

static void after_exec(void *arg)
{
	struct world *w = arg;

	w->after_exec++;
}

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));

	char err[256];

	w->cs = config_store_new(NULL, err, sizeof(err));
	if (!w->cs || config_store_load_text(w->cs, "setup", "hostname r1\n", err, sizeof(err)))
		fail_msg("%s", err);
	w->t = cmd_tree_new();
	if (vty_tree_install(w->t))
		fail_msg("%s", cmd_tree_error(w->t));
	w->show.hostname = config_store_cfg(w->cs)->hostname;
	w->show.config = w->cs;
	w->env = (struct vty_env){
		.cmds = w->t,
		.show = &w->show,
		.config = w->cs,
		.config_file = "/etc/ospfd/ospfd.conf",
		.ifnames = ifnames,
		.after_exec = after_exec,
		.arg = w,
	};
	w->v = vty_session_new(&w->env);
	cmd_out_init(&w->out);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	vty_session_free(w->v);
	cmd_out_free(&w->out);
	cmd_tree_free(w->t);
	config_store_free(w->cs);
	free(w);
	return 0;
}

/* Runs line; returns its result, the output in w->out.buf ("" if none). */
static enum cmd_result run(struct world *w, const char *line)
{
	cmd_out_reset(&w->out);
	return vty_session_exec(w->v, line, &w->out);
}

static const char *out(struct world *w)
{
	return w->out.buf ? w->out.buf : "";
}

static const char *prompt(struct world *w)
{
	static char p[VTY_PROMPT_MAX];

	vty_session_prompt(w->v, p, sizeof(p));
	return p;
}

static void test_configure_interface_router_end_move_the_prompt(void **state)
{
	struct world *w = *state;

	assert_string_equal(prompt(w), "r1# ");
	assert_int_equal(run(w, "conf t"), CMD_OK);
	assert_string_equal(prompt(w), "r1(config)# ");
	assert_int_equal(run(w, "interface eth-r2"), CMD_OK);
	assert_string_equal(prompt(w), "r1(config-if)# ");
	assert_int_equal(run(w, "ip ospf cost 20"), CMD_OK);
	assert_int_equal(config_iface_find(config_store_cfg(w->cs), "eth-r2")->params.cost, 20);
	/* a line of the parent mode moves there, as in FRR */
	assert_int_equal(run(w, "router ospf"), CMD_OK);
	assert_string_equal(prompt(w), "r1(config-router)# ");
	assert_int_equal(run(w, "end"), CMD_OK);
	assert_string_equal(prompt(w), "r1# ");
	assert_int_equal(vty_session_node(w->v), NODE_VIEW);
}

static void test_exit_and_quit_leave_one_mode_and_end_the_session_at_the_top(void **state)
{
	struct world *w = *state;

	assert_int_equal(run(w, "configure terminal"), CMD_OK);
	assert_int_equal(run(w, "interface lo"), CMD_OK);
	assert_int_equal(run(w, "quit"), CMD_OK);
	assert_string_equal(prompt(w), "r1(config)# ");
	assert_int_equal(run(w, "router ospf"), CMD_OK);
	assert_int_equal(run(w, "exit"), CMD_OK);
	assert_string_equal(prompt(w), "r1(config)# ");
	assert_int_equal(run(w, "exit"), CMD_OK);
	assert_string_equal(prompt(w), "r1# ");
	assert_int_equal(run(w, "exit"), CMD_OK);
	assert_string_equal(prompt(w), "");
	/* nothing runs in an ended session */
	assert_int_equal(run(w, "show version"), CMD_OK);
	assert_string_equal(out(w), "");
}

static void test_the_hostname_command_changes_the_prompt(void **state)
{
	struct world *w = *state;

	assert_int_equal(run(w, "configure"), CMD_OK);
	assert_int_equal(run(w, "hostname core7"), CMD_OK);
	assert_string_equal(prompt(w), "core7(config)# ");
}

static void test_failures_are_worded_as_frr_does(void **state)
{
	struct world *w = *state;

	assert_int_equal(run(w, "sh ip foo"), CMD_UNKNOWN);
	assert_string_equal(out(w), "% Unknown command: sh ip foo\n");
	assert_int_equal(run(w, "show ip"), CMD_INCOMPLETE);
	assert_string_equal(out(w), "% Command incomplete: show ip\n");
	assert_int_equal(run(w, "conf t"), CMD_OK);
	assert_int_equal(run(w, "e"), CMD_AMBIGUOUS);
	assert_string_equal(out(w), "% Ambiguous command: e\n");
	/* a config command at the top is unknown there */
	assert_int_equal(run(w, "end"), CMD_OK);
	assert_int_equal(run(w, "ip ospf cost 20"), CMD_UNKNOWN);
	/* an invalid value keeps the engine's explanation */
	assert_int_equal(run(w, "conf t"), CMD_OK);
	assert_int_equal(run(w, "interface eth-r2"), CMD_OK);
	assert_int_equal(run(w, "ip ospf cost 70000"), CMD_UNKNOWN);
	assert_non_null(strstr(out(w), "% Invalid value \"70000\""));
	assert_int_equal(w->after_exec, 0); /* only the ops callback reports */
}

static void test_abbreviations_run_show_commands(void **state)
{
	struct world *w = *state;

	assert_int_equal(run(w, "sh ver"), CMD_OK);
	assert_string_equal(out(w), "ospfd version " OSPFD_VERSION "\n");
	assert_int_equal(run(w, "sh ip os nei"), CMD_OK);
}

static void test_do_runs_a_view_command_from_config_mode_and_stays(void **state)
{
	struct world *w = *state;

	assert_int_equal(run(w, "conf t"), CMD_OK);
	assert_int_equal(run(w, "interface eth-r2"), CMD_OK);
	assert_int_equal(run(w, "do show version"), CMD_OK);
	assert_string_equal(out(w), "ospfd version " OSPFD_VERSION "\n");
	assert_string_equal(prompt(w), "r1(config-if)# ");
	assert_int_equal(run(w, "do show nothing"), CMD_ERR);
}

static void test_list_prints_the_commands_of_the_mode(void **state)
{
	struct world *w = *state;

	assert_int_equal(run(w, "list"), CMD_OK);
	assert_non_null(strstr(out(w), "  show ip ospf neighbor [detail] [json]\n"));
	assert_null(strstr(out(w), "ip ospf cost"));
	assert_int_equal(run(w, "conf t"), CMD_OK);
	assert_int_equal(run(w, "interface eth-r2"), CMD_OK);
	assert_int_equal(run(w, "list"), CMD_OK);
	assert_non_null(strstr(out(w), "  ip ospf cost (1-65535)\n"));
	assert_non_null(strstr(out(w), "  router ospf\n"));
	assert_null(strstr(out(w), "frr version")); /* hidden */
}

static bool has_cand(const struct cmd_cands *c, const char *text, bool insert)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].text, text) && c->v[i].insert == insert)
			return true;
	return false;
}

static void test_help_comes_from_the_session_mode(void **state)
{
	struct world *w = *state;
	struct cmd_cands c;
	struct cmd_status st;

	assert_int_equal(vty_session_cands(w->v, "", false, &c, &st), CMD_OK);
	assert_true(has_cand(&c, "configure", false));
	assert_true(has_cand(&c, "show", false));
	assert_false(has_cand(&c, "router", false));
	cmd_cands_free(&c);
	assert_int_equal(run(w, "conf t"), CMD_OK);
	assert_int_equal(run(w, "interface eth-r2"), CMD_OK);
	assert_int_equal(vty_session_cands(w->v, "ip ospf ", false, &c, &st), CMD_OK);
	assert_true(has_cand(&c, "cost", false));
	assert_true(has_cand(&c, "hello-interval", false));
	cmd_cands_free(&c);
}

static void test_tab_completes_keywords_and_interface_names(void **state)
{
	struct world *w = *state;
	struct cmd_cands c;
	struct cmd_status st;

	assert_int_equal(vty_session_cands(w->v, "sh", true, &c, &st), CMD_OK);
	assert_string_equal(c.lcp, "show");
	cmd_cands_free(&c);
	assert_int_equal(vty_session_cands(w->v, "show ip ospf interface e", true, &c, &st),
			 CMD_OK);
	assert_string_equal(c.lcp, "eth-r");
	assert_true(has_cand(&c, "eth-r2", true));
	assert_true(has_cand(&c, "eth-r3", true));
	assert_false(has_cand(&c, "lo", true));
	cmd_cands_free(&c);
	assert_int_equal(run(w, "conf t"), CMD_OK);
	assert_int_equal(vty_session_cands(w->v, "interface ", true, &c, &st), CMD_OK);
	assert_true(has_cand(&c, "lo", true));
	cmd_cands_free(&c);
}

static void test_info_reports_hostname_version_and_config_file(void **state)
{
	struct world *w = *state;
	const char *want = "hostname r1\n"
			   "version " OSPFD_VERSION "\n"
			   "config-file /etc/ospfd/ospfd.conf\n";

	vty_session_info(w->v, &w->out);
	assert_string_equal(out(w), want);
}

static void test_the_server_callbacks_run_the_session_and_report_each_command(void **state)
{
	struct world *w = *state;
	struct vty_ops ops = vty_session_ops(&w->env);
	void *s = ops.open(ops.ctx);
	char p[VTY_PROMPT_MAX];

	assert_non_null(s);
	assert_int_equal(ops.exec(ops.ctx, s, "conf t", &w->out), CMD_OK);
	ops.prompt(ops.ctx, s, p, sizeof(p));
	assert_string_equal(p, "r1(config)# ");
	assert_int_equal(w->after_exec, 1);
	ops.close(ops.ctx, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_configure_interface_router_end_move_the_prompt),
		T(test_exit_and_quit_leave_one_mode_and_end_the_session_at_the_top),
		T(test_the_hostname_command_changes_the_prompt),
		T(test_failures_are_worded_as_frr_does),
		T(test_abbreviations_run_show_commands),
		T(test_do_runs_a_view_command_from_config_mode_and_stays),
		T(test_list_prints_the_commands_of_the_mode),
		T(test_help_comes_from_the_session_mode),
		T(test_tab_completes_keywords_and_interface_names),
		T(test_info_reports_hostname_version_and_config_file),
		T(test_the_server_callbacks_run_the_session_and_report_each_command),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
