/* SPDX-License-Identifier: ISC */
/*
 * The daemon: one libevent loop driving the protocol's timer queue, the raw OSPF socket, the
 * kernel's interface events (rtnetlink) and the vty socket. This is the edge where real I/O
 * meets the protocol core; the core itself never touches a socket.
 */
#ifndef OSPFD_DAEMON_H
#define OSPFD_DAEMON_H

#include <stdbool.h>

struct daemon_opts {
	const char *config_file;
	const char *pid_file;
	const char *vty_dir;
	const char *user;
	const char *group;
	bool daemonize;
	bool foreground_log; /* log to stderr (else syslog when daemonized) */
};

#define OSPFD_DEFAULT_CONFIG  "/etc/ospfd/ospfd.conf"
#define OSPFD_DEFAULT_VTY_DIR "/run/ospfd"
#define OSPFD_VTY_NAME	      "ospfd.vty"

/* Runs until SIGTERM or SIGINT; returns the exit status. */
int daemon_run(const struct daemon_opts *opts);

#endif
