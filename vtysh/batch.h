/* SPDX-License-Identifier: ISC */
/*
 * Running typed lines: one line with its filters (the shell and scripts share it), the -c
 * commands, a file of commands (-f) and the daemon's own config file (-b).
 */
#ifndef VTYSH_BATCH_H
#define VTYSH_BATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "client.h"

/*
 * Runs one line ("CMD | include REGEX" included): the output, filtered, goes to out; when the
 * command fails and err is not NULL, its message goes to err instead. Returns the status
 * (enum vtysh_status); a bad filter is VTYSH_ERR, a lost daemon VTYSH_LOST.
 */
int vtysh_run_line(struct vtysh_conn *c, const char *line, FILE *out, FILE *err);

/* Whether a status means the command did what it was asked. */
bool vtysh_status_ok(int status);

/*
 * Runs commands in order (each may hold several lines separated by '\n'), stopping at the
 * first that fails. Returns the exit status: 0, or 1 when one failed or the daemon is lost.
 */
int vtysh_run_commands(struct vtysh_conn *c, const char *const *cmds, size_t n, FILE *out,
		       FILE *err);

/*
 * Runs a file line by line from the session's current mode; with config, from configuration
 * mode (`configure terminal` first, `end` last), as a config file is written. Stops at the
 * first line that fails, naming it ("FILE:LINE: ..."). Returns the exit status (0 or 1).
 */
int vtysh_run_file(struct vtysh_conn *c, const char *path, bool config, FILE *out, FILE *err);

#endif
