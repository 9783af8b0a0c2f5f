/* SPDX-License-Identifier: ISC */
/* The vty socket protocol: a line in; output, NUL, status out; many clients; bad clients. */
#include <setjmp.h>
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
	if (!strcmp(line, "fail")) {
		cmd_out_printf(out, "%% it failed\n");
		return CMD_ERR;
	}
	return CMD_UNKNOWN;
}

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct vty_ops ops = { t_open, t_close, t_exec, w };
	char err[256];

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
	struct vty_ops ops = { t_open, t_close, t_exec, w };
	char path[200], err[256];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	assert_null(vty_server_open(w->eb, path, 0600, (gid_t)-1, &ops, err, sizeof(err)));
	assert_non_null(strstr(err, "too long"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_command_gets_its_output_then_nul_then_status,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_clients_are_served_independently, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_client_that_does_not_read_never_blocks_the_server, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_line_longer_than_the_limit_is_refused_and_the_client_dropped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_socket_path_too_long_is_refused_with_a_message, setup, teardown),
	};

	/* as in the daemon: a client that hangs up must not kill the writer */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
