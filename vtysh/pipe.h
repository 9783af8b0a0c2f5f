/* SPDX-License-Identifier: ISC */
/*
 * Output filters typed after a command, applied by vtysh to the daemon's output:
 *   CMD | include REGEX   lines that match
 *   CMD | exclude REGEX   lines that do not match
 *   CMD | begin REGEX     from the first line that matches on
 *   CMD | count           the number of lines
 * REGEX is POSIX extended (regcomp(3) with REG_EXTENDED). Filters chain from left to right.
 * A '|' starts a filter when it follows a blank and is followed by a filter's name (which may
 * be abbreviated to 3 letters or more: "| inc"), so a regex may hold '|' alternations without
 * blanks: "Full|Init".
 */
#ifndef VTYSH_PIPE_H
#define VTYSH_PIPE_H

#include <regex.h>
#include <stddef.h>

enum vtysh_filter_kind {
	VTYSH_FILTER_INCLUDE,
	VTYSH_FILTER_EXCLUDE,
	VTYSH_FILTER_BEGIN,
	VTYSH_FILTER_COUNT,
};

struct vtysh_filter {
	enum vtysh_filter_kind kind;
	regex_t re; /* not for COUNT */
};

struct vtysh_pipe {
	struct vtysh_filter *v;
	size_t n;
};

/*
 * Splits line into the command (its first *cmd_len bytes, trailing blanks excluded) and the
 * filters after it (p->n is 0 when there are none). Returns 0, or -1 with a "% ..." message
 * in err (a filter without its regex, a bad regex, out of memory).
 */
int vtysh_pipe_parse(const char *line, size_t *cmd_len, struct vtysh_pipe *p, char *err,
		     size_t errlen);
/* The filtered text (malloc'd, NUL-terminated; NULL when out of memory). */
char *vtysh_pipe_apply(const struct vtysh_pipe *p, const char *text, size_t len);
void vtysh_pipe_free(struct vtysh_pipe *p);

#endif
