/* SPDX-License-Identifier: ISC */
/* Running lines, -c commands and files through the daemon. */
#include "batch.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "pipe.h"

static volatile sig_atomic_t stream_stop;

static void on_stream_stop(int sig)
{
	(void)sig;
	stream_stop = 1;
}

/* monitor ...: the stream until Ctrl-C (SIGINT) or SIGTERM, which end it, not vtysh. */
static int follow_stream(struct vtysh_conn *c, FILE *out)
{
	struct sigaction sa, old_int, old_term;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stream_stop; /* no SA_RESTART: poll() returns at once */
	sigemptyset(&sa.sa_mask);
	stream_stop = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	st = vtysh_stream(c, out, &stream_stop);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (st == VTYSH_LOST)
		fprintf(stderr, "vtysh: ospfd went away: %s\n", strerror(errno));
	return st;
}

bool vtysh_status_ok(int status)
{
	return status == VTYSH_OK || status == VTYSH_WARNING;
}

int vtysh_run_line(struct vtysh_conn *c, const char *line, FILE *out, FILE *err)
{
	struct vtysh_pipe p;
	struct vtysh_reply r;
	char msg[256], *cmd, *shown = NULL;
	size_t n;
	int st;

	if (vtysh_pipe_parse(line, &n, &p, msg, sizeof(msg))) {
		fprintf(err ? err : out, "%s\n", msg);
		return VTYSH_ERR;
	}
	if (n >= VTY_LINE_MAX || memchr(line, VTY_CTL, n)) {
		fprintf(err ? err : out, "%% %s\n",
			n >= VTY_LINE_MAX ? "Line too long" : "Control characters in the line");
		vtysh_pipe_free(&p);
		return VTYSH_ERR;
	}
	cmd = strndup(line, n);
	if (!cmd) {
		vtysh_pipe_free(&p);
		return VTYSH_ERR;
	}
	st = vtysh_request(c, cmd, &r);
	free(cmd);
	if (st == VTYSH_LOST) {
		fprintf(stderr, "vtysh: ospfd went away: %s\n", strerror(errno));
	} else if (st == VTYSH_STREAM) {
		fputs(r.text, out);
		st = follow_stream(c, out);
	} else if (!vtysh_status_ok(st)) {
		fputs(r.text, err ? err : out);
	} else {
		if (p.n)
			shown = vtysh_pipe_apply(&p, r.text, r.len);
		fputs(shown ? shown : r.text, out);
	}
	fflush(out);
	free(shown);
	vtysh_reply_free(&r);
	vtysh_pipe_free(&p);
	return st;
}

int vtysh_run_commands(struct vtysh_conn *c, const char *const *cmds, size_t n, FILE *out,
		       FILE *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *all = strdup(cmds[i]), *save = NULL, *line;

		if (!all)
			return 1;
		/* FRR's vtysh takes several lines in one -c, too */
		for (line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			int st;

			if (vtysh_ended(c)) {
				free(all);
				return 0; /* `exit` at the top ended the session */
			}
			st = vtysh_run_line(c, line, out, err);
			if (!vtysh_status_ok(st)) {
				free(all);
				return 1;
			}
		}
		free(all);
	}
	return 0;
}

static int run_stream(struct vtysh_conn *c, FILE *f, const char *path, FILE *out, FILE *err)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned no = 0;
	ssize_t n;
	int status = 0;

	while (!vtysh_ended(c) && (n = getline(&line, &cap, f)) >= 0) {
		int st;

		no++;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!line[strspn(line, " \t")])
			continue;
		st = vtysh_run_line(c, line, out, err);
		if (!vtysh_status_ok(st)) {
			fprintf(err, "vtysh: %s:%u: %s\n", path, no, line);
			status = 1;
			break;
		}
	}
	free(line);
	return status;
}

int vtysh_run_file(struct vtysh_conn *c, const char *path, bool config, FILE *out, FILE *err)
{
	FILE *f = fopen(path, "r");
	int status;

	if (!f) {
		fprintf(err, "vtysh: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (config && !vtysh_status_ok(vtysh_run_line(c, "configure terminal", out, err))) {
		fclose(f);
		return 1;
	}
	status = run_stream(c, f, path, out, err);
	fclose(f);
	if (config && !vtysh_ended(c) && !vtysh_status_ok(vtysh_run_line(c, "end", out, err)) &&
	    !status)
		status = 1;
	return status;
}
