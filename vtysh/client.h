/* SPDX-License-Identifier: ISC */
/*
 * vtysh's side of the vty protocol (doc/vty-protocol.md): connect, say hello (which turns on
 * prompts and reports the daemon's hostname, version and config file), send a line, read
 * the reply (output, status, prompt), and ask for '?' help and TAB completion.
 * Blocking I/O with a timeout per reply; no globals.
 */
#ifndef VTYSH_CLIENT_H
#define VTYSH_CLIENT_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vty_server.h"

/* Status digits of a reply, as in lib/cmd.h's enum cmd_result; VTYSH_LOST: no reply. */
enum vtysh_status {
	VTYSH_OK = 0,
	VTYSH_WARNING,
	VTYSH_ERR,
	VTYSH_INCOMPLETE,
	VTYSH_AMBIGUOUS,
	VTYSH_UNKNOWN,
	VTYSH_STREAM, /* the command streams (monitor): vtysh_stream() reads the rest */
	VTYSH_LOST = -1,
};

enum vtysh_parse_state {
	VTYSH_PARSE_OUTPUT,
	VTYSH_PARSE_STATUS,
	VTYSH_PARSE_PROMPT,
	VTYSH_PARSE_DONE,
};

/* Reads one reply incrementally: output, NUL, status digit, prompt, NUL. */
struct vtysh_parser {
	enum vtysh_parse_state state;
	char *out; /* NUL-terminated */
	size_t len, cap;
	int status;
	char prompt[VTY_PROMPT_MAX];
	size_t plen;
};

void vtysh_parser_init(struct vtysh_parser *p);
/*
 * Feeds n bytes; *used says how many belong to this reply. Returns 1 when the reply is
 * complete, 0 when more is needed, -1 on a malformed reply (bad status, prompt too long) or
 * out of memory.
 */
int vtysh_parser_feed(struct vtysh_parser *p, const char *data, size_t n, size_t *used);
void vtysh_parser_free(struct vtysh_parser *p);

struct vtysh_conn {
	int fd;
	int timeout_ms;
	char prompt[VTY_PROMPT_MAX]; /* "" once the session has ended */
	char hostname[64];
	char version[32];
	char config_file[PATH_MAX];
	char pending[4096]; /* bytes read past a reply */
	size_t npending;
};

struct vtysh_reply {
	char *text; /* NUL-terminated output, never NULL after vtysh_request() */
	size_t len;
	int status; /* enum vtysh_status */
};

/* Connects to the socket at path and says hello. Returns 0, or -1 with a message in err. */
int vtysh_connect(struct vtysh_conn *c, const char *path, char *err, size_t errlen);
/* The same on a connected socket (takes fd over). */
int vtysh_attach(struct vtysh_conn *c, int fd, char *err, size_t errlen);
void vtysh_close(struct vtysh_conn *c);
bool vtysh_ended(const struct vtysh_conn *c);

/* After a VTYSH_STREAM reply: copies the stream to out as it comes until *stop is set (by a
 * signal handler: SIGINT) or the daemon hangs up, then ends the stream and reads the final
 * reply. Returns VTYSH_OK, or VTYSH_LOST when the daemon went away. */
int vtysh_stream(struct vtysh_conn *c, FILE *out, volatile sig_atomic_t *stop);

/* Sends one line (no newline in it) and reads the reply; updates the prompt. */
int vtysh_request(struct vtysh_conn *c, const char *line, struct vtysh_reply *r);
void vtysh_reply_free(struct vtysh_reply *r);

/* '?' help or TAB completion candidates, parsed from a reply. */
struct vtysh_cand {
	char *text;
	char *help;
	bool insert; /* completion: may be inserted into the line */
};

struct vtysh_cands {
	struct vtysh_cand *v;
	size_t n;
	char *lcp;   /* completion: what the last word may be extended to */
	char *error; /* the daemon's message when the status is not ok */
};

/* Asks for help (complete false) or completion of line; returns the status. */
int vtysh_ask(struct vtysh_conn *c, const char *line, bool complete, struct vtysh_cands *out);
/* Parses the output of a help or complete reply. Returns 0 or -1 (out of memory). */
int vtysh_cands_parse(const char *text, bool complete, struct vtysh_cands *out);
/* Prints candidates as FRR does: "  text  help", the help column aligned. */
void vtysh_cands_print(const struct vtysh_cands *c, FILE *f);
void vtysh_cands_free(struct vtysh_cands *c);

#endif
