/* SPDX-License-Identifier: ISC */
/*
 * The vty socket: a unix stream socket on which clients (vtysh) send command lines and read
 * the answers. The protocol, documented in doc/vty-protocol.md:
 *   client -> server: one command per line, '\n'-terminated, at most VTY_LINE_MAX bytes;
 *   server -> client: the command's output (text, never a NUL byte), then a NUL byte, then
 *                     one byte, the status: '0' ok, '1' warning, '2' error, '3' incomplete,
 *                     '4' ambiguous, '5' unknown command.
 * A line that starts with VTY_CTL (byte 0x01) is a request to the shell machinery, not a
 * command: "\x01hello" (the session's facts as "key value" lines; from then on every reply
 * also carries the prompt: output, NUL, status, prompt, NUL), "\x01help LINE" ('?' help)
 * and "\x01complete LINE" (TAB completion). The prompt is "" once the session has ended
 * (`exit` at the top): the server then hangs up after the reply.
 * A command may turn its connection into a stream (`monitor ...`): its reply ends with status
 * '6' instead, and from then on the application writes lines to the client
 * (vty_stream_write()) until the client sends any line, which ends the stream with an empty
 * reply (status '0'), or hangs up.
 * Commands of one client run in order; many clients at once; output is queued per client, so
 * a slow or vanished client never blocks the daemon (one that lets more than VTY_OUT_MAX bytes
 * pile up is disconnected). The process must ignore SIGPIPE: a client may hang up while its
 * answer is being written.
 */
#ifndef LIB_VTY_SERVER_H
#define LIB_VTY_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cmd.h"

#define VTY_LINE_MAX	  4096
#define VTY_OUT_MAX	  (64u << 20)
#define VTY_CTL		  '\x01'
#define VTY_PROMPT_MAX	  128
#define VTY_STATUS_STREAM 6	     /* the reply's status byte is '6': a stream follows */
#define VTY_STREAM_MAX	  (1u << 20) /* queued stream bytes beyond which lines are dropped */

struct event_base;
struct vty_server;
struct vty_client;

struct vty_ops {
	/* a client connected: its session state (NULL refuses it) */
	void *(*open)(void *ctx);
	void (*close)(void *ctx, void *session);
	/* runs one line; output goes to out */
	enum cmd_result (*exec)(void *ctx, void *session, const char *line, struct cmd_out *out);
	void *ctx;
	/* optional, for vtysh: '?' help (complete false) or TAB completion of line */
	enum cmd_result (*cands)(void *ctx, void *session, const char *line, bool complete,
				 struct cmd_cands *c, struct cmd_status *st);
	/* optional: the prompt ("r1(config)# "); "" when the session has ended */
	void (*prompt)(void *ctx, void *session, char *buf, size_t len);
	/* optional: facts for the shell, "key value" lines (hostname, version, config-file) */
	void (*info)(void *ctx, void *session, struct cmd_out *out);
	/* optional, after each exec: whether the session now streams to client c (which stays
	 * valid until stream_end or close is called for the session) */
	bool (*stream_start)(void *ctx, void *session, struct vty_client *c);
	/* optional: the client ended the stream (sent a line) */
	void (*stream_end)(void *ctx, void *session);
};

/* Queues len bytes of stream output for c. False, with nothing queued, when more than
 * VTY_STREAM_MAX bytes already wait for the client (a slow reader loses lines, the daemon
 * never waits) or c is not streaming. */
bool vty_stream_write(struct vty_client *c, const char *buf, size_t len);

/*
 * Listens on path (an existing socket file there is replaced), with mode and, if gid is not
 * -1, that group. Returns NULL with a message in err.
 */
struct vty_server *vty_server_open(struct event_base *eb, const char *path, mode_t mode, gid_t gid,
				   const struct vty_ops *ops, char *err, size_t errlen);
/* Closes every client and the listener, and removes the socket file. */
void vty_server_close(struct vty_server *s);
size_t vty_server_clients(const struct vty_server *s);

#endif
