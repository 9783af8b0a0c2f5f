/* SPDX-License-Identifier: ISC */
/*
 * vtysh: the shell that talks to ospfd's vty socket (protocol in doc/vty-protocol.md).
 * `vtysh -c CMD` runs commands for scripts; without -c, a readline prompt.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_VTY_DIR	 "/run/ospfd"
#define VTY_NAME	 "ospfd.vty"
#define REPLY_TIMEOUT_MS 30000
#define MAX_COMMANDS	 64

enum {
	OPT_VTY_SOCKET = 256
};

static int vty_connect(const char *dir)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s", dir, VTY_NAME) >=
	    sizeof(sun.sun_path)) {
		fprintf(stderr, "vtysh: socket path too long: %s/%s\n", dir, VTY_NAME);
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		fprintf(stderr, "vtysh: cannot reach ospfd at %s: %s\n", sun.sun_path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Sends one line; copies the output to stdout; returns the status digit (0-5) or -1. */
static int vty_command(int fd, const char *line)
{
	char buf[8192];
	bool nul_seen = false;

	if (write_all(fd, line, strlen(line)) < 0 || write_all(fd, "\n", 1) < 0) {
		fprintf(stderr, "vtysh: ospfd went away: %s\n", strerror(errno));
		return -1;
	}
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n, i, start = 0;
		int pr = poll(&p, 1, REPLY_TIMEOUT_MS);

		if (pr == 0) {
			fprintf(stderr, "vtysh: no answer from ospfd in %d s\n",
				REPLY_TIMEOUT_MS / 1000);
			return -1;
		}
		if (pr < 0 && errno == EINTR)
			continue;
		n = read(fd, buf, sizeof(buf));
		if (n <= 0) {
			fprintf(stderr, "vtysh: ospfd closed the connection\n");
			return -1;
		}
		for (i = 0; i < n; i++) {
			if (nul_seen) {
				fflush(stdout);
				return buf[i] >= '0' && buf[i] <= '5' ? buf[i] - '0' : -1;
			}
			if (buf[i] == '\0') {
				fwrite(buf + start, 1, (size_t)(i - start), stdout);
				nul_seen = true;
			}
		}
		if (!nul_seen)
			fwrite(buf + start, 1, (size_t)(n - start), stdout);
	}
}

static void usage(FILE *f)
{
	fputs("Usage: vtysh [--vty_socket DIR] [-c COMMAND]...\n"
	      "\n"
	      "  -c, --command CMD  run CMD and exit (repeatable); the exit status is 1 if any\n"
	      "                     command failed\n"
	      "  --vty_socket DIR   reach the ospfd whose socket ospfd.vty is in DIR "
	      "(default " DEFAULT_VTY_DIR ")\n"
	      "  -h, --help         this help\n"
	      "\n"
	      "Without -c, an interactive shell.\n",
	      f);
}

static int interactive(int fd)
{
	char *line;

	while ((line = readline("ospfd# "))) {
		char *p = line;

		while (*p == ' ')
			p++;
		if (!strcmp(p, "exit") || !strcmp(p, "quit")) {
			free(line);
			break;
		}
		if (*p) {
			add_history(p);
			if (vty_command(fd, p) < 0) {
				free(line);
				return 1;
			}
		}
		free(line);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "command", required_argument, NULL, 'c' },
		{ "vty_socket", required_argument, NULL, OPT_VTY_SOCKET },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmds[MAX_COMMANDS];
	const char *dir = DEFAULT_VTY_DIR;
	int ncmds = 0, c, fd, i, status = 0;

	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (ncmds == MAX_COMMANDS) {
				fprintf(stderr, "vtysh: at most %d -c commands\n", MAX_COMMANDS);
				return 2;
			}
			cmds[ncmds++] = optarg;
			break;
		case OPT_VTY_SOCKET:
			dir = optarg;
			break;
		case 'h':
			usage(stdout);
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
	fd = vty_connect(dir);
	if (fd < 0)
		return 1;
	if (!ncmds) {
		status = interactive(fd);
		close(fd);
		return status;
	}
	for (i = 0; i < ncmds; i++) {
		int r = vty_command(fd, cmds[i]);

		if (r != 0 && r != 1)
			status = 1;
		if (r < 0)
			break;
	}
	close(fd);
	return status;
}
