/* SPDX-License-Identifier: ISC */
/*
 * vtysh: the shell that talks to ospfd's vty socket (protocol in doc/vty-protocol.md, usage
 * in doc/vtysh.md). The daemon keeps the mode and answers '?' help and TAB completion from
 * its own command tree; the shell adds readline, history, output filters and scripting.
 */
#include <errno.h>
#include <getopt.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "batch.h"
#include "client.h"

#define DEFAULT_VTY_DIR "/run/ospfd"
#define VTY_NAME	"ospfd.vty"
#define MAX_COMMANDS	64
#define HISTORY_FILE	".history_ospfd"
#define HISTORY_MAX	1000

enum {
	OPT_VTY_SOCKET = 256,
	OPT_VERSION,
};

/* readline's callbacks take no context: the one connection of the interactive shell */
static struct vtysh_conn *shell_conn;

static void usage(FILE *f)
{
	fputs("Usage: vtysh [--vty_socket DIR] [-b] [-f FILE] [-c COMMAND]...\n"
	      "\n"
	      "  -c, --command CMD  run CMD and exit (repeatable; a CMD may hold several lines);\n"
	      "                     stops at the first failure, with exit status 1\n"
	      "  -f, --inputfile F  run the commands of file F, from the top mode\n"
	      "  -b, --boot         apply the daemon's config file (configuration mode)\n"
	      "  --vty_socket DIR   reach the ospfd whose socket ospfd.vty is in DIR "
	      "(default " DEFAULT_VTY_DIR ")\n"
	      "  -h, --help         this help\n"
	      "  --version          print the version and exit\n"
	      "\n"
	      "Without -b, -f or -c, an interactive shell: '?' lists what may come next, TAB\n"
	      "completes, CMD | include|exclude|begin REGEX and CMD | count filter the output.\n",
	      f);
}

/* ---- interactive ---- */

/* The line up to the cursor. */
static char *line_to_point(void)
{
	return strndup(rl_line_buffer, (size_t)rl_point);
}

/* Prints help under the line, then the prompt and the line again. */
static void show_cands(const struct vtysh_cands *c, int status)
{
	rl_crlf();
	if (status == VTYSH_OK)
		vtysh_cands_print(c, stdout);
	else if (c->error)
		fputs(c->error, stdout);
	fflush(stdout);
	rl_on_new_line();
	rl_redisplay();
}

/* '?': what may come next, without sending the line. */
static int key_help(int count, int key)
{
	struct vtysh_cands c;
	char *line = line_to_point();
	int st;

	(void)count;
	if (!line)
		return 0;
	if (strchr(line, '|')) {
		/* in a filter's regex, '?' is a character */
		free(line);
		return rl_insert_text("?") < 0 ? -1 : 0;
	}
	st = vtysh_ask(shell_conn, line, false, &c);
	free(line);
	if (st == VTYSH_LOST) {
		rl_crlf();
		fprintf(stderr, "vtysh: ospfd went away\n");
		vtysh_cands_free(&c);
		return 0;
	}
	show_cands(&c, st);
	vtysh_cands_free(&c);
	(void)key;
	return 0;
}

/* TAB: keywords and interface names from the daemon; variables are listed as help. */
static char **complete_line(const char *text, int start, int end)
{
	struct vtysh_cands c;
	char **m = NULL, *line = line_to_point();
	size_t i, k = 0, n = 0;
	int st;

	(void)text;
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1;
	if (!line)
		return NULL;
	st = vtysh_ask(shell_conn, line, true, &c);
	free(line);
	if (st != VTYSH_OK) {
		vtysh_cands_free(&c);
		return NULL;
	}
	for (i = 0; i < c.n; i++)
		n += c.v[i].insert;
	if (!n) {
		if (c.n)
			show_cands(&c, st); /* only placeholders: say what is expected */
		vtysh_cands_free(&c);
		return NULL;
	}
	m = calloc(n + 2, sizeof(*m));
	if (!m) {
		vtysh_cands_free(&c);
		return NULL;
	}
	/* readline wants the substitution first, then the matches; a single match alone */
	m[k++] = strdup(n == 1 ? "" : c.lcp);
	for (i = 0; i < c.n; i++)
		if (c.v[i].insert)
			m[k++] = strdup(c.v[i].text);
	if (n == 1) {
		free(m[0]);
		m[0] = m[1];
		m[1] = NULL;
	}
	vtysh_cands_free(&c);
	return m;
}

/* ^Z: leave configuration mode at once, as `end` (FRR's key). */
static int key_end(int count, int key)
{
	(void)count;
	(void)key;
	if (!strchr(shell_conn->prompt, '('))
		return 0; /* already at the top */
	rl_crlf();
	vtysh_run_line(shell_conn, "end", stdout, NULL);
	rl_replace_line("", 0);
	rl_on_new_line();
	rl_set_prompt(shell_conn->prompt);
	rl_redisplay();
	return 0;
}

/* ^C drops the line being typed instead of ending the shell. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int signal_event(void)
{
	if (!interrupted)
		return 0;
	interrupted = 0;
	rl_replace_line("", 0);
	rl_crlf();
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

static char *history_path(void)
{
	const char *home = getenv("HOME");
	char *p = NULL;

	if (!home || !*home || asprintf(&p, "%s/%s", home, HISTORY_FILE) < 0)
		return NULL;
	return p;
}

static void readline_setup(void)
{
	rl_readline_name = "vtysh";
	rl_attempted_completion_function = complete_line;
	rl_completer_word_break_characters = " \t";
	rl_completion_append_character = ' ';
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_bind_key('?', key_help);
	rl_bind_key(CTRL('Z'), key_end);
	rl_signal_event_hook = signal_event;
	signal(SIGINT, on_sigint);
}

/* ^Z must reach readline (key_end) rather than suspend the shell: no VSUSP while it runs. */
static bool suspend_key_off(struct termios *saved)
{
	struct termios t;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, saved) < 0)
		return false;
	t = *saved;
	t.c_cc[VSUSP] = _POSIX_VDISABLE;
	return tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0;
}

static int interactive(struct vtysh_conn *c)
{
	char *hist = history_path();
	struct termios saved;
	bool restore = suspend_key_off(&saved);
	char *line;
	int status = 0;

	shell_conn = c;
	readline_setup();
	stifle_history(HISTORY_MAX);
	if (hist)
		read_history(hist);
	while (!vtysh_ended(c) && (line = readline(c->prompt))) {
		char *p = line + strspn(line, " \t");
		HIST_ENTRY *last = history_length ? history_get(history_length) : NULL;
		int st;

		if (!*p) {
			free(line);
			continue;
		}
		if (!last || strcmp(last->line, p))
			add_history(p);
		st = vtysh_run_line(c, p, stdout, NULL);
		free(line);
		if (st == VTYSH_LOST) {
			status = 1;
			break;
		}
	}
	if (!vtysh_ended(c) && status == 0)
		putchar('\n'); /* ^D: leave the terminal on a fresh line */
	if (restore)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	if (hist && write_history(hist) != 0)
		fprintf(stderr, "vtysh: history %s: %s\n", hist, strerror(errno));
	free(hist);
	return status;
}

/* ---- main ---- */

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "command", required_argument, NULL, 'c' },
		{ "inputfile", required_argument, NULL, 'f' },
		{ "boot", no_argument, NULL, 'b' },
		{ "vty_socket", required_argument, NULL, OPT_VTY_SOCKET },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmds[MAX_COMMANDS];
	const char *dir = DEFAULT_VTY_DIR, *file = NULL;
	struct vtysh_conn conn;
	char path[256], err[512];
	size_t ncmds = 0;
	bool boot = false;
	int c, status = 0;

	while ((c = getopt_long(argc, argv, "c:f:bh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (ncmds == MAX_COMMANDS) {
				fprintf(stderr, "vtysh: at most %d -c commands\n", MAX_COMMANDS);
				return 2;
			}
			cmds[ncmds++] = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'b':
			boot = true;
			break;
		case OPT_VTY_SOCKET:
			dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("vtysh (ospfd) %s\n", OSPFD_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, VTY_NAME) >= sizeof(path)) {
		fprintf(stderr, "vtysh: socket path too long: %s/%s\n", dir, VTY_NAME);
		return 1;
	}
	if (vtysh_connect(&conn, path, err, sizeof(err))) {
		fprintf(stderr, "vtysh: %s\n", err);
		return 1;
	}
	if (boot) {
		if (!conn.config_file[0]) {
			fprintf(stderr, "vtysh: the daemon reports no config file\n");
			status = 1;
		} else {
			status = vtysh_run_file(&conn, conn.config_file, true, stdout, stderr);
		}
	}
	if (!status && file)
		status = vtysh_run_file(&conn, file, false, stdout, stderr);
	if (!status && ncmds)
		status = vtysh_run_commands(&conn, cmds, ncmds, stdout, stderr);
	if (!boot && !file && !ncmds)
		status = interactive(&conn);
	vtysh_close(&conn);
	return status;
}
