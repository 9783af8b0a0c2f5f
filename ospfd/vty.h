/* SPDX-License-Identifier: ISC */
/*
 * The daemon's side of vtysh: one session per vty connection, holding the mode (the node of
 * the command tree) the way FRR's vty does. It installs the mode commands (`configure
 * terminal`, `end`, `exit`, `quit`, `do`, `list`, `show version`), builds the prompt
 * ("r1(config-if)# "), answers '?' help and TAB completion from the same command tree that
 * executes (interface names from the daemon), and words failures as FRR does
 * ("% Unknown command: ...").
 *
 * Handlers get, as their context, the struct show_ctx in NODE_VIEW and a struct config_ctx
 * in every other node (the configuration nodes), as show.h and config.h expect.
 */
#ifndef OSPFD_VTY_H
#define OSPFD_VTY_H

#include "cmd.h"
#include "config.h"
#include "show.h"
#include "vty_server.h"

/* A node no command lives in: a session moved there has ended (`exit` at the top). */
#define NODE_VTY_END 1000

/* What the daemon lends the sessions; it must outlive them. */
struct vty_env {
	struct cmd_tree *cmds;
	struct show_ctx *show;
	struct config_store *config; /* what configuration commands edit */
	const char *config_file;     /* reported to vtysh -b */
	/* adds the names of the kernel's interfaces (cmd_cands_add()) for IFNAME completion */
	void (*ifnames)(void *arg, struct cmd_cands *out);
	/* optional: called after every command (the daemon reschedules its timers) */
	void (*after_exec)(void *arg);
	struct monitor *monitor; /* monitor ospf events; NULL: the command says not available */
	void *arg;		 /* for the callbacks */
};

struct vty_session;

/*
 * Installs NODE_VIEW, the configuration nodes and commands (config_cmds_install()), the
 * show commands (show.c; show running-config and write memory, config_view_cmds_install()),
 * the mode commands and the IFNAME completer: the whole tree of a daemon.
 */
int vty_tree_install(struct cmd_tree *t);

/* A new session in NODE_VIEW, or NULL when out of memory. */
struct vty_session *vty_session_new(struct vty_env *env);
void vty_session_free(struct vty_session *v);
int vty_session_node(const struct vty_session *v);

/* Runs one line; failures worded as FRR does. */
enum cmd_result vty_session_exec(struct vty_session *v, const char *line, struct cmd_out *out);
/* '?' help (complete false) or TAB completion of line in the session's node. */
enum cmd_result vty_session_cands(struct vty_session *v, const char *line, bool complete,
				  struct cmd_cands *c, struct cmd_status *st);
/* "r1# ", "r1(config)# ", ...; "" once the session has ended. */
void vty_session_prompt(const struct vty_session *v, char *buf, size_t len);
/* "hostname r1", "version 0.1.0", "config-file /etc/ospfd/ospfd.conf" lines. */
void vty_session_info(const struct vty_session *v, struct cmd_out *out);

/* The vty server's callbacks over sessions of env (ops.ctx = env). */
struct vty_ops vty_session_ops(struct vty_env *env);

#endif
