/* SPDX-License-Identifier: ISC */
/* The vty socket protocol: a line in; output, NUL, status out; many clients; bad clients. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/event.h>

#include "vty_server.h"

struct world {
	struct event_base *eb;
	struct vty_server *srv;
	char dir[64];
	char path[100];
	int opened, closed;
	struct cmd_tree *t; /* for help and completion */
	bool ended;
	bool want_stream;	     /* "stream" ran: the next stream_start says yes */
	struct vty_client *streamer; /* the client streaming, or NULL */
	int stream_ends;
};

static void *t_open(void *ctx)
{
	struct world *w = ctx;

	w->opened++;
	return w;
}

static void t_close(void *ctx, void *session)
{
	struct world *w = ctx;

	(void)session;
	w->closed++;
}

/* "echo X" prints X; "fail" is an error; anything else is unknown. */
static enum cmd_result t_exec(void *ctx, void *session, const char *line, struct cmd_out *out)
{
	(void)ctx;
	(void)session;
	if (!strncmp(line, "echo ", 5)) {
		cmd_out_printf(out, "%s\n", line + 5);
		return CMD_OK;
	}
	if (!strcmp(line, "big")) {
		size_t i;

		for (i = 0; i < 100000; i++)
			cmd_out_printf(out, "line %zu of a long answer\n", i);
		return CMD_OK;
	}
	if (!strcmp(line, "bye")) {
		((struct world *)ctx)->ended = true;
		return CMD_OK;
	}
	if (!strcmp(line, "stream")) {
		((struct world *)ctx)->want_stream = true;
		cmd_out_printf(out, "streaming\n");
		return CMD_OK;
	}
	if (!strcmp(line, "fail")) {
		cmd_out_printf(out, "%% it failed\n");
		return CMD_ERR;
	}
	return CMD_UNKNOWN;
}

static enum cmd_result t_cmd(struct cmd_call *c)
{
	(void)c;
	return CMD_OK;
}

static void t_ifnames(void *ctx, const struct cmd_token *tok, const char *prefix,
		      struct cmd_cands *out)
{
	(void)ctx;
	(void)tok;
	(void)prefix;
	cmd_cands_add(out, "eth0");
	cmd_cands_add(out, "eth1");
}

static enum cmd_result t_cands(void *ctx, void *session, const char *line, bool complete,
			       struct cmd_cands *c, struct cmd_status *st)
{
	struct world *w = ctx;
	struct cmd_session s = { .node = 1, .ctx = w };

	(void)session;
	return complete ? cmd_complete(w->t, &s, line, c, st) : cmd_help(w->t, &s, line, c, st);
}

static void t_prompt(void *ctx, void *session, char *buf, size_t len)
{
	struct world *w = ctx;

	(void)session;
	snprintf(buf, len, "%s", w->ended ? "" : "r1# ");
}

static void t_info(void *ctx, void *session, struct cmd_out *out)
{
	(void)ctx;
	(void)session;
	cmd_out_printf(out, "hostname r1\n");
}

static bool t_stream_start(void *ctx, void *session, struct vty_client *c)
{
	struct world *w = ctx;
	bool yes = w->want_stream;

	(void)session;
	w->want_stream = false;
	if (yes)
		w->streamer = c;
	return yes;
}

static void t_stream_end(void *ctx, void *session)
{
	struct world *w = ctx;

	(void)session;
	w->streamer = NULL;
	w->stream_ends++;
}

static const struct cmd_def t_cmds[] = {
	{ "show version", "Show things\nThe version\n", 1, t_cmd, 0, 0 },
	{ "shutdown", "Stop it\n", 1, t_cmd, 0, 0 },
	{ "interface IFNAME", "Pick an interface\nIts name\n", 1, t_cmd, 0, 0 },
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct vty_ops ops = {
		.open = t_open,
		.close = t_close,
		.exec = t_exec,
		.ctx = w,
		.cands = t_cands,
		.prompt = t_prompt,
		.info = t_info,
		.stream_start = t_stream_start,
		.stream_end = t_stream_end,
	};
	char err[256];

	w->t = cmd_tree_new();
	assert_int_equal(cmd_node_install(w->t, 1, CMD_NODE_NONE, "top"), 0);
	assert_int_equal(cmd_install_all(w->t, t_cmds, 3), 0);
	assert_int_equal(cmd_tree_set_completer(w->t, "IFNAME", t_ifnames), 0);

	snprintf(w->dir, sizeof(w->dir), "/tmp/vtytest.XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	assert_true(strlen(w->dir) + 7 < sizeof(w->path));
	memcpy(w->path, w->dir, strlen(w->dir));
	memcpy(w->path + strlen(w->dir), "/t.vty", 7);
	w->eb = event_base_new();
	w->srv = vty_server_open(w->eb, w->path, 0600, (gid_t)-1, &ops, err, sizeof(err));
	if (!w->srv)
		fail_msg("%s", err);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	vty_server_close(w->srv);
	event_base_free(w->eb);
	cmd_tree_free(w->t);
	rmdir(w->dir);
	free(w);
	return 0;
}

static int client(struct world *w)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", w->path);
	assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	return fd;
}

/* Runs the loop until the reply (output, NUL, status) is in; returns the status digit. */
static int answer(struct world *w, int fd, char **text)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	int i;

	for (i = 0; i < 20000; i++) {
		ssize_t n;

		event_base_loop(w->eb, EVLOOP_NONBLOCK);
		if (cap - len < 4096)
			buf = realloc(buf, cap *= 2);
		n = read(fd, buf + len, cap - len);
		if (n > 0)
			len += (size_t)n;
		if (len >= 2 && buf[len - 2] == '\0') {
			int status = buf[len - 1] - '0';

			buf[len - 2] = '\0';
			*text = buf;
			return status;
		}
		if (n == 0)
			break;
		usleep(100);
	}
	free(buf);
	*text = NULL;
	return -1;
}

static void test_a_command_gets_its_output_then_nul_then_status(void **state)
{
	struct world *w = *state;
	int fd = client(w);
	char *text;

	assert_int_equal(write(fd, "echo hi\n", 8), 8);
	assert_int_equal(answer(w, fd, &text), CMD_OK);
	assert_string_equal(text, "hi\n");
	free(text);
	assert_int_equal(write(fd, "fail\n", 5), 5);
	assert_int_equal(answer(w, fd, &text), CMD_ERR);
	assert_string_equal(text, "% it failed\n");
	free(text);
	assert_int_equal(write(fd, "nope\n", 5), 5);
	assert_int_equal(answer(w, fd, &text), CMD_UNKNOWN);
	free(text);
	close(fd);
}

static void test_two_clients_are_served_independently(void **state)
{
	struct world *w = *state;
	int a = client(w), b = client(w);
	char *ta, *tb;

	assert_int_equal(write(b, "echo b\n", 7), 7);
	assert_int_equal(write(a, "echo a\n", 7), 7);
	assert_int_equal(answer(w, a, &ta), CMD_OK);
	assert_int_equal(answer(w, b, &tb), CMD_OK);
	assert_string_equal(ta, "a\n");
	assert_string_equal(tb, "b\n");
	assert_int_equal(vty_server_clients(w->srv), 2);
	free(ta);
	free(tb);
	close(a);
	close(b);
	event_base_loop(w->eb, EVLOOP_NONBLOCK);
	assert_int_equal(vty_server_clients(w->srv), 0);
	assert_int_equal(w->closed, 2);
}

static void test_a_client_that_does_not_read_never_blocks_the_server(void **state)
{
	struct world *w = *state;
	int slow = client(w), fast = client(w);
	char *text;

	/* a few MB of answers that nobody reads */
	assert_int_equal(write(slow, "big\nbig\n", 8), 8);
	assert_int_equal(write(fast, "echo still here\n", 16), 16);
	assert_int_equal(answer(w, fast, &text), CMD_OK);
	assert_string_equal(text, "still here\n");
	free(text);
	close(slow);
	close(fast);
	event_base_loop(w->eb, EVLOOP_NONBLOCK);
}

/* Reads what the server sent on fd within a few loop turns, NUL-terminated. */
static char *drain(struct world *w, int fd)
{
	char *buf = calloc(1, 1 << 16);
	size_t len = 0;

	for (int i = 0; i < 50; i++) {
		ssize_t n;

		event_base_loop(w->eb, EVLOOP_NONBLOCK);
		n = read(fd, buf + len, (1 << 16) - 1 - len);
		if (n > 0)
			len += (size_t)n;
		usleep(100);
	}
	return buf;
}

static void test_a_command_may_turn_the_connection_into_a_stream(void **state)
{
	struct world *w = *state;
	int fd = client(w);
	char *text;

	assert_int_equal(write(fd, "stream\n", 7), 7);
	assert_int_equal(answer(w, fd, &text), VTY_STATUS_STREAM);
	assert_string_equal(text, "streaming\n");
	free(text);
	assert_non_null(w->streamer);
	assert_true(vty_stream_write(w->streamer, "event 1\n", 8));
	assert_true(vty_stream_write(w->streamer, "event 2\n", 8));
	text = drain(w, fd);
	assert_string_equal(text, "event 1\nevent 2\n");
	free(text);
	/* any line ends it: an empty reply, status ok; then commands as before */
	assert_int_equal(write(fd, "echo x\n", 7), 7);
	assert_int_equal(answer(w, fd, &text), CMD_OK);
	assert_string_equal(text, "");
	free(text);
	assert_null(w->streamer);
	assert_int_equal(w->stream_ends, 1);
	assert_int_equal(write(fd, "echo x\n", 7), 7);
	assert_int_equal(answer(w, fd, &text), CMD_OK);
	assert_string_equal(text, "x\n");
	free(text);
	close(fd);
	event_base_loop(w->eb, EVLOOP_NONBLOCK);
}

static void test_a_stream_reader_that_stalls_loses_lines_not_the_server(void **state)
{
	struct world *w = *state;
	int slow = client(w), fast = client(w);
	char line[4096], *text;
	int i, refused = 0;

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	assert_int_equal(write(slow, "stream\n", 7), 7);
	assert_int_equal(answer(w, slow, &text), VTY_STATUS_STREAM);
	free(text);
	for (i = 0; i < 1000; i++) {
		if (!vty_stream_write(w->streamer, line, sizeof(line)))
			refused++;
		event_base_loop(w->eb, EVLOOP_NONBLOCK);
	}
	assert_true(refused > 0); /* about 1 MiB queued, the rest dropped */
	assert_int_equal(write(fast, "echo still here\n", 16), 16);
	assert_int_equal(answer(w, fast, &text), CMD_OK);
	assert_string_equal(text, "still here\n");
	free(text);
	close(slow);
	for (i = 0; i < 100 && w->streamer; i++) {
		event_base_loop(w->eb, EVLOOP_NONBLOCK);
		usleep(100);
	}
	assert_null(w->streamer); /* the hang-up ended the stream */
	close(fast);
	event_base_loop(w->eb, EVLOOP_NONBLOCK);
}

static void test_a_line_longer_than_the_limit_is_refused_and_the_client_dropped(void **state)
{
	struct world *w = *state;
	int fd = client(w);
	size_t n = VTY_LINE_MAX + 100;
	char *line = malloc(n), *text;
	int i;

	memset(line, 'x', n);
	assert_int_equal(write(fd, line, n), (ssize_t)n);
	assert_int_equal(answer(w, fd, &text), CMD_ERR);
	assert_non_null(strstr(text, "longer than"));
	free(text);
	for (i = 0; i < 1000 && vty_server_clients(w->srv); i++) {
		event_base_loop(w->eb, EVLOOP_NONBLOCK);
		usleep(100);
	}
	assert_int_equal(vty_server_clients(w->srv), 0);
	free(line);
	close(fd);
}

static void test_a_socket_path_too_long_is_refused_with_a_message(void **state)
{
	struct world *w = *state;
	struct vty_ops ops = { .open = t_open, .close = t_close, .exec = t_exec, .ctx = w };
	char path[200], err[256];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	assert_null(vty_server_open(w->eb, path, 0600, (gid_t)-1, &ops, err, sizeof(err)));
	assert_non_null(strstr(err, "too long"));
}

/* A reply with the prompt: output, NUL, status, prompt, NUL. Returns the status digit. */
static int answer_prompted(struct world *w, int fd, char **text, char **prompt)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap), *nul, *end;
	int i;

	for (i = 0; i < 20000; i++) {
		ssize_t n;

		event_base_loop(w->eb, EVLOOP_NONBLOCK);
		n = read(fd, buf + len, cap - len - 1);
		if (n > 0)
			len += (size_t)n;
		nul = memchr(buf, '\0', len);
		if (nul && (size_t)(nul - buf) + 2 < len &&
		    (end = memchr(nul + 2, '\0', len - (size_t)(nul + 2 - buf)))) {
			int status = nul[1] - '0';

			*nul = '\0';
			*text = buf;
			*prompt = strndup(nul + 2, (size_t)(end - nul - 2));
			return status;
		}
		if (n == 0)
			break;
		usleep(100);
	}
	free(buf);
	*text = *prompt = NULL;
	return -1;
}

static int ask(struct world *w, int fd, const char *req, char **text)
{
	char *prompt;
	int r;

	assert_int_equal(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	r = answer_prompted(w, fd, text, &prompt);
	free(prompt);
	return r;
}

static void test_hello_gives_the_facts_and_turns_on_prompts(void **state)
{
	struct world *w = *state;
	int fd = client(w);
	char *text, *prompt;

	assert_int_equal(write(fd, "\001hello\n", 7), 7);
	assert_int_equal(answer_prompted(w, fd, &text, &prompt), CMD_OK);
	assert_string_equal(text, "hostname r1\n");
	assert_string_equal(prompt, "r1# ");
	free(text);
	free(prompt);
	assert_int_equal(write(fd, "echo hi\n", 8), 8);
	assert_int_equal(answer_prompted(w, fd, &text, &prompt), CMD_OK);
	assert_string_equal(text, "hi\n");
	assert_string_equal(prompt, "r1# ");
	free(text);
	free(prompt);
	close(fd);
}

static void test_help_lists_tokens_with_their_help_one_per_line(void **state)
{
	struct world *w = *state;
	int fd = client(w);
	char *text;

	assert_int_equal(ask(w, fd, "\001hello\n", &text), CMD_OK);
	free(text);
	assert_int_equal(ask(w, fd, "\001help s\n", &text), CMD_OK);
	assert_string_equal(text, "show\tShow things\nshutdown\tStop it\n");
	free(text);
	assert_int_equal(ask(w, fd, "\001help show \n", &text), CMD_OK);
	assert_string_equal(text, "version\tThe version\n");
	free(text);
	assert_int_equal(ask(w, fd, "\001help show version \n", &text), CMD_OK);
	assert_string_equal(text, "<cr>\t\n");
	free(text);
	assert_int_equal(ask(w, fd, "\001help xyz\n", &text), CMD_UNKNOWN);
	assert_string_equal(text, "% There is no matched command.\n");
	free(text);
	close(fd);
}

static void test_complete_gives_the_common_prefix_then_marked_candidates(void **state)
{
	struct world *w = *state;
	int fd = client(w);
	char *text;

	assert_int_equal(ask(w, fd, "\001hello\n", &text), CMD_OK);
	free(text);
	assert_int_equal(ask(w, fd, "\001complete sh\n", &text), CMD_OK);
	assert_string_equal(text, "sh\n+show\tShow things\n+shutdown\tStop it\n");
	free(text);
	assert_int_equal(ask(w, fd, "\001complete sho\n", &text), CMD_OK);
	assert_string_equal(text, "show\n+show\tShow things\n");
	free(text);
	/* interface names come from the completer */
	assert_int_equal(ask(w, fd, "\001complete interface e\n", &text), CMD_OK);
	assert_string_equal(text, "eth\n+eth0\tIts name\n+eth1\tIts name\n");
	free(text);
	assert_int_equal(ask(w, fd, "\001frobnicate\n", &text), CMD_UNKNOWN);
	assert_non_null(strstr(text, "Unknown request"));
	free(text);
	close(fd);
}

static void test_a_session_that_ends_gets_an_empty_prompt_and_is_hung_up(void **state)
{
	struct world *w = *state;
	int fd = client(w);
	char *text;
	int i;

	assert_int_equal(ask(w, fd, "\001hello\n", &text), CMD_OK);
	free(text);
	assert_int_equal(write(fd, "bye\necho never\n", 15), 15);
	{
		char *prompt;

		assert_int_equal(answer_prompted(w, fd, &text, &prompt), CMD_OK);
		assert_string_equal(prompt, "");
		free(text);
		free(prompt);
	}
	for (i = 0; i < 1000 && vty_server_clients(w->srv); i++) {
		event_base_loop(w->eb, EVLOOP_NONBLOCK);
		usleep(100);
	}
	assert_int_equal(vty_server_clients(w->srv), 0);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_command_gets_its_output_then_nul_then_status,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_command_may_turn_the_connection_into_a_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_stream_reader_that_stalls_loses_lines_not_the_server, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_clients_are_served_independently, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_client_that_does_not_read_never_blocks_the_server, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_line_longer_than_the_limit_is_refused_and_the_client_dropped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_socket_path_too_long_is_refused_with_a_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hello_gives_the_facts_and_turns_on_prompts,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_lists_tokens_with_their_help_one_per_line,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_complete_gives_the_common_prefix_then_marked_candidates, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_session_that_ends_gets_an_empty_prompt_and_is_hung_up, setup, teardown),
	};

	/* as in the daemon: a client that hangs up must not kill the writer */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
