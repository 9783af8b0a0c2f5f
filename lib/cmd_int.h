/* SPDX-License-Identifier: ISC */
/*
 * Internals shared by the command engine's files: the compiled token graph (cmd_parse.c
 * builds it, cmd_match.c walks it) and the tree. Not for use outside lib/cmd*.c.
 */
#ifndef LIB_CMD_INT_H
#define LIB_CMD_INT_H

#include <stdarg.h>

#include "cmd.h"

/* Graph nodes per command, structural ones included; bounds the walks' bitmaps and stacks. */
#define CMD_MAX_GNODES 256

enum cmd_gtype {
	CMD_G_TOKEN,
	CMD_G_START,
	CMD_G_END,
	CMD_G_FORK, /* opens <>, [] or {} */
	CMD_G_JOIN, /* closes them; a {} join links back to its fork */
};

struct cmd_gnode {
	struct cmd_token tok; /* CMD_G_TOKEN only */
	enum cmd_gtype type;
	uint16_t id;  /* index in cmd.nodes */
	bool in_loop; /* inside {}: at most once on a path */
	uint16_t nnext, capnext;
	struct cmd_gnode **next;
};

/* A compiled definition. */
struct cmd {
	struct cmd_def def; /* syntax and help point at owned copies */
	char *syntax;
	char *help;
	char *help_lines; /* another copy, split in place into the tokens' help lines */
	char *canon;	  /* the syntax's lexemes joined by single blanks: duplicate check */
	struct cmd_gnode **nodes; /* in creation order: tokens in syntax order */
	uint16_t nnodes, capnodes;
	struct cmd_gnode *start;
	bool has_loop;
};

struct cmd_node_info {
	bool declared;
	int parent;
	char *name;
	struct cmd **cmds;
	size_t ncmds, cap;
};

struct cmd_completer {
	char *name;
	cmd_complete_fn fn;
};

struct cmd_tree {
	struct cmd_node_info *nodes; /* indexed by node id */
	size_t nnodes;
	struct cmd_completer *completers;
	size_t ncompleters;
	char err[512];
};

const struct cmd_node_info *cmd_tree_node(const struct cmd_tree *t, int node);
cmd_complete_fn cmd_tree_completer(const struct cmd_tree *t, const char *name);

/*
 * The token nodes reachable from n through structural nodes, each once, in definition order;
 * *can_end tells whether the end of the command is reachable too. out holds CMD_MAX_GNODES.
 */
size_t cmd_graph_next(const struct cmd_gnode *n, const struct cmd_gnode **out, bool *can_end);

/* Value checks shared by matching and argument decoding. */
bool cmd_parse_ipv4(const char *s, uint32_t *addr);
bool cmd_parse_prefix(const char *s, uint32_t *addr, uint8_t *len);
bool cmd_parse_u32(const char *s, uint32_t *v);

void cmd_status_set(struct cmd_status *st, enum cmd_result r, int word, size_t col, const char *fmt,
		    ...) __attribute__((format(printf, 5, 6)));

#endif
