/* SPDX-License-Identifier: ISC */
/*
 * vtysh without a terminal: output filters, the reply parser, candidates, and the -c / -f / -b
 * runners against a real vty server (ospfd's sessions) in a child process.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/event.h>

#include "batch.h"
#include "client.h"
#include "pipe.h"
#include "vty.h"

/* ---- filters ---- */

static char *filtered(const char *line, const char *text)
{
	struct vtysh_pipe p;
	char err[256], *r;
	size_t n;

	if (vtysh_pipe_parse(line, &n, &p, err, sizeof(err)))
		fail_msg("%s", err);
	r = vtysh_pipe_apply(&p, text, strlen(text));
	vtysh_pipe_free(&p);
	return r;
}

static const char nbrs[] = "Neighbor ID     Pri State\n"
			   "10.0.0.2          1 Full/DR\n"
			   "10.0.0.3          1 Init/DROther\n"
			   "10.0.0.4          1 Full/Backup\n";

static void test_a_line_without_filters_is_all_command(void **state)
{
	struct vtysh_pipe p;
	char err[256];
	size_t n;

	(void)state;
	assert_int_equal(vtysh_pipe_parse("show ip ospf neighbor  ", &n, &p, err, sizeof(err)), 0);
	assert_int_equal(n, strlen("show ip ospf neighbor"));
	assert_int_equal(p.n, 0);
	/* a '|' not followed by a filter name belongs to the command */
	assert_int_equal(vtysh_pipe_parse("description a | b", &n, &p, err, sizeof(err)), 0);
	assert_int_equal(n, strlen("description a | b"));
	assert_int_equal(p.n, 0);
}

static void test_include_exclude_begin_and_count_filter_lines(void **state)
{
	char *r;

	(void)state;
	r = filtered("show ip ospf neighbor | include Full", nbrs);
	assert_string_equal(r, "10.0.0.2          1 Full/DR\n10.0.0.4          1 Full/Backup\n");
	free(r);
	r = filtered("show x | exclude Full", nbrs);
	assert_string_equal(r, "Neighbor ID     Pri State\n10.0.0.3          1 Init/DROther\n");
	free(r);
	r = filtered("show x | begin Init", nbrs);
	assert_string_equal(r, "10.0.0.3          1 Init/DROther\n10.0.0.4          1 "
			       "Full/Backup\n");
	free(r);
	r = filtered("show x | count", nbrs);
	assert_string_equal(r, "4\n");
	free(r);
}

static void test_filters_chain_abbreviate_and_take_alternations(void **state)
{
	char *r;

	(void)state;
	r = filtered("show x | inc Full|Init | exc Backup", nbrs);
	assert_string_equal(r, "10.0.0.2          1 Full/DR\n10.0.0.3          1 Init/DROther\n");
	free(r);
	r = filtered("show x | inc ^10\\.0\\.0\\.[23] | cou", nbrs);
	assert_string_equal(r, "2\n");
	free(r);
	/* the last line without a newline still counts */
	r = filtered("x | include b", "a\nb");
	assert_string_equal(r, "b\n");
	free(r);
}

static void test_bad_filters_are_refused_with_a_message(void **state)
{
	struct vtysh_pipe p;
	char err[256];
	size_t n;

	(void)state;
	assert_int_equal(vtysh_pipe_parse("show x | include", &n, &p, err, sizeof(err)), -1);
	assert_string_equal(err, "% include needs a regular expression");
	assert_int_equal(vtysh_pipe_parse("show x | include (", &n, &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "% Bad regular expression \"(\""));
	assert_int_equal(vtysh_pipe_parse("show x | count 3", &n, &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "count takes no argument"));
}

/* ---- the reply parser and candidates ---- */

static void test_a_reply_parses_even_one_byte_at_a_time(void **state)
{
	static const char wire[] = "line 1\nline 2\n\0"
				   "3r1(config)# \0next";
	struct vtysh_parser p;
	size_t i, used;
	int rc = 0;

	(void)state;
	vtysh_parser_init(&p);
	for (i = 0; i < sizeof(wire) - 1 && rc == 0; i++) {
		rc = vtysh_parser_feed(&p, wire + i, 1, &used);
		assert_int_equal(used, 1);
	}
	assert_int_equal(rc, 1);
	assert_int_equal(i, sizeof(wire) - 1 - 4); /* "next" is the following reply's */
	assert_string_equal(p.out, "line 1\nline 2\n");
	assert_int_equal(p.status, VTYSH_INCOMPLETE);
	assert_string_equal(p.prompt, "r1(config)# ");
	vtysh_parser_free(&p);

	vtysh_parser_init(&p);
	assert_int_equal(vtysh_parser_feed(&p,
					   "x\0"
					   "9",
					   3, &used),
			 -1);
	vtysh_parser_free(&p);
}

static void test_a_prompt_too_long_is_a_malformed_reply(void **state)
{
	char wire[VTY_PROMPT_MAX + 8];
	struct vtysh_parser p;
	size_t used;

	(void)state;
	memset(wire, 'p', sizeof(wire));
	wire[0] = '\0';
	wire[1] = '0';
	vtysh_parser_init(&p);
	assert_int_equal(vtysh_parser_feed(&p, wire, sizeof(wire), &used), -1);
	vtysh_parser_free(&p);
}

/* Status '6' says a stream follows (monitor); beyond it is a broken reply. */
static void test_the_stream_status_is_known_and_nothing_beyond(void **state)
{
	const char ok[] = "Monitoring\n\0"
			  "6r1# \0",
		   bad[] = "x\0"
			   "7r1# \0";
	struct vtysh_parser p;
	size_t used;

	(void)state;
	vtysh_parser_init(&p);
	assert_int_equal(vtysh_parser_feed(&p, ok, sizeof(ok) - 1, &used), 1);
	assert_int_equal(p.status, VTYSH_STREAM);
	vtysh_parser_free(&p);
	vtysh_parser_init(&p);
	assert_int_equal(vtysh_parser_feed(&p, bad, sizeof(bad) - 1, &used), -1);
	vtysh_parser_free(&p);
}

static void test_candidates_parse_and_print_in_two_columns(void **state)
{
	struct vtysh_cands c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(vtysh_cands_parse("eth\n+eth0\tIts name\n-WORD\tA word\n", true, &c), 0);
	assert_string_equal(c.lcp, "eth");
	assert_int_equal(c.n, 2);
	assert_true(c.v[0].insert);
	assert_string_equal(c.v[0].text, "eth0");
	assert_false(c.v[1].insert);
	vtysh_cands_free(&c);
	assert_int_equal(vtysh_cands_parse("cost\tInterface cost\nhello-interval\tTime\n<cr>\t\n",
					   false, &c),
			 0);
	f = open_memstream(&buf, &len);
	vtysh_cands_print(&c, f);
	fclose(f);
	assert_string_equal(buf, "  cost            Interface cost\n"
				 "  hello-interval  Time\n"
				 "  <cr>\n");
	free(buf);
	vtysh_cands_free(&c);
}

/* ---- against a real server ---- */

struct lab {
	char dir[64];
	char path[128];
	pid_t pid;
	struct vtysh_conn c;
	char *out, *err;
	size_t outlen, errlen;
	FILE *fout, *ferr;
};

static void server_ifnames(void *arg, struct cmd_cands *out)
{
	(void)arg;
	cmd_cands_add(out, "eth-r2");
	cmd_cands_add(out, "lo");
}

/* The child: ospfd's sessions on a vty socket, until killed. */
static void server_run(const char *path)
{
	char err[256];
	struct config_store *cs = config_store_new(NULL, err, sizeof(err));
	struct show_ctx show = { .config = cs };
	struct cmd_tree *t = cmd_tree_new();
	struct event_base *eb = event_base_new();
	struct vty_env env;
	struct vty_ops ops;

	if (!cs || config_store_load_text(cs, "setup", "hostname r1\n", err, sizeof(err)) || !t ||
	    vty_tree_install(t) || !eb)
		_exit(3);
	env = (struct vty_env){ .cmds = t,
				.show = &show,
				.config = cs,
				.config_file = NULL,
				.ifnames = server_ifnames };
	ops = vty_session_ops(&env);
	signal(SIGPIPE, SIG_IGN);
	if (!vty_server_open(eb, path, 0600, (gid_t)-1, &ops, err, sizeof(err)))
		_exit(4);
	event_base_dispatch(eb);
	_exit(0);
}

static int lab_setup(void **state)
{
	struct lab *l = calloc(1, sizeof(*l));
	char err[256];
	int i;

	snprintf(l->dir, sizeof(l->dir), "/tmp/vtyshtest.XXXXXX");
	assert_non_null(mkdtemp(l->dir));
	snprintf(l->path, sizeof(l->path), "%s/ospfd.vty", l->dir);
	l->pid = fork();
	assert_true(l->pid >= 0);
	if (l->pid == 0)
		server_run(l->path);
	for (i = 0; i < 200; i++) {
		if (!vtysh_connect(&l->c, l->path, err, sizeof(err)))
			break;
		usleep(10000);
	}
	if (i == 200)
		fail_msg("%s", err);
	l->fout = open_memstream(&l->out, &l->outlen);
	l->ferr = open_memstream(&l->err, &l->errlen);
	*state = l;
	return 0;
}

static int lab_teardown(void **state)
{
	struct lab *l = *state;

	vtysh_close(&l->c);
	fclose(l->fout);
	fclose(l->ferr);
	free(l->out);
	free(l->err);
	kill(l->pid, SIGKILL);
	waitpid(l->pid, NULL, 0);
	unlink(l->path);
	rmdir(l->dir);
	free(l);
	return 0;
}

static void test_hello_brings_the_prompt_and_the_hostname(void **state)
{
	struct lab *l = *state;

	assert_string_equal(l->c.prompt, "r1# ");
	assert_string_equal(l->c.hostname, "r1");
	assert_string_equal(l->c.version, OSPFD_VERSION);
}

static void test_commands_keep_their_mode_across_c_options(void **state)
{
	struct lab *l = *state;
	const char *cmds[] = { "conf t", "interface eth-r2", "ip ospf cost 20", "do sh ver" };

	assert_int_equal(vtysh_run_commands(&l->c, cmds, 4, l->fout, l->ferr), 0);
	fflush(l->fout);
	assert_string_equal(l->out, "ospfd version " OSPFD_VERSION "\n");
	assert_string_equal(l->c.prompt, "r1(config-if)# ");
}

static void test_the_first_failing_command_stops_with_status_1(void **state)
{
	struct lab *l = *state;
	const char *cmds[] = { "show version", "sh ip foo", "show version" };

	assert_int_equal(vtysh_run_commands(&l->c, cmds, 3, l->fout, l->ferr), 1);
	fflush(l->fout);
	fflush(l->ferr);
	assert_string_equal(l->out, "ospfd version " OSPFD_VERSION "\n");
	assert_string_equal(l->err, "% Unknown command: sh ip foo\n");
}

static void test_one_c_may_hold_several_lines(void **state)
{
	struct lab *l = *state;
	const char *cmds[] = { "configure terminal\nrouter ospf\n" };

	assert_int_equal(vtysh_run_commands(&l->c, cmds, 1, l->fout, l->ferr), 0);
	assert_string_equal(l->c.prompt, "r1(config-router)# ");
}

static void test_a_pipe_filters_the_daemons_output(void **state)
{
	struct lab *l = *state;

	assert_int_equal(vtysh_run_line(&l->c, "list | include ^  show ip ospf (json|neighbor \\[)",
					l->fout, NULL),
			 VTYSH_OK);
	fflush(l->fout);
	assert_string_equal(l->out, "  show ip ospf neighbor [detail] [json]\n");
	assert_int_equal(vtysh_run_line(&l->c, "show version | include (", l->fout, l->ferr),
			 VTYSH_ERR);
}

static void test_help_and_completion_come_from_the_daemon(void **state)
{
	struct lab *l = *state;
	struct vtysh_cands c;

	assert_int_equal(vtysh_ask(&l->c, "show ", false, &c), VTYSH_OK);
	assert_true(c.n >= 3);
	assert_string_equal(c.v[0].text, "debugging"); /* sorted */
	assert_string_equal(c.v[1].text, "ip");
	vtysh_cands_free(&c);
	assert_int_equal(vtysh_ask(&l->c, "show ip ospf interface e", true, &c), VTYSH_OK);
	assert_string_equal(c.lcp, "eth-r2");
	vtysh_cands_free(&c);
	assert_int_equal(vtysh_ask(&l->c, "frob", false, &c), VTYSH_UNKNOWN);
	assert_string_equal(c.error, "% There is no matched command.\n");
	vtysh_cands_free(&c);
}

static void test_a_file_applies_from_config_mode_and_names_the_failing_line(void **state)
{
	struct lab *l = *state;
	char file[160];
	FILE *f;

	snprintf(file, sizeof(file), "%s/ospfd.conf", l->dir);
	f = fopen(file, "w");
	fputs("! a config\nhostname r9\ninterface lo\n ip ospf cost 5\nexit\n"
	      "router ospf\n ospf router-id 10.0.0.1\nexit\n",
	      f);
	fclose(f);
	assert_int_equal(vtysh_run_file(&l->c, file, true, l->fout, l->ferr), 0);
	assert_string_equal(l->c.prompt, "r9# ");
	f = fopen(file, "w");
	fputs("interface lo\n ip ospf cost 70000\n", f);
	fclose(f);
	assert_int_equal(vtysh_run_file(&l->c, file, true, l->fout, l->ferr), 1);
	fflush(l->ferr);
	assert_non_null(strstr(l->err, ":2:  ip ospf cost 70000\n"));
	unlink(file);
}

static void test_exit_at_the_top_ends_the_session(void **state)
{
	struct lab *l = *state;
	const char *cmds[] = { "exit", "show version" };

	assert_int_equal(vtysh_run_commands(&l->c, cmds, 2, l->fout, l->ferr), 0);
	assert_true(vtysh_ended(&l->c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_line_without_filters_is_all_command),
		cmocka_unit_test(test_include_exclude_begin_and_count_filter_lines),
		cmocka_unit_test(test_filters_chain_abbreviate_and_take_alternations),
		cmocka_unit_test(test_bad_filters_are_refused_with_a_message),
		cmocka_unit_test(test_a_reply_parses_even_one_byte_at_a_time),
		cmocka_unit_test(test_a_prompt_too_long_is_a_malformed_reply),
		cmocka_unit_test(test_the_stream_status_is_known_and_nothing_beyond),
		cmocka_unit_test(test_candidates_parse_and_print_in_two_columns),
#define T(f) cmocka_unit_test_setup_teardown(f, lab_setup, lab_teardown)
		T(test_hello_brings_the_prompt_and_the_hostname),
		T(test_commands_keep_their_mode_across_c_options),
		T(test_the_first_failing_command_stops_with_status_1),
		T(test_one_c_may_hold_several_lines),
		T(test_a_pipe_filters_the_daemons_output),
		T(test_help_and_completion_come_from_the_daemon),
		T(test_a_file_applies_from_config_mode_and_names_the_failing_line),
		T(test_exit_at_the_top_ends_the_session),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
