/* SPDX-License-Identifier: ISC */
/*
 * Command grammar engine. Commands are defined as in FRR's DEFUN: a syntax string plus one help
 * line per token. Each definition is compiled once, at install time, into a small token graph;
 * typed lines are then matched against the graphs of one node (mode) for execution, '?' help
 * and TAB completion. The daemon and vtysh share the same definitions. OSPF-agnostic, no
 * globals: a struct cmd_tree holds everything, a context pointer reaches the handlers.
 *
 * Syntax of a definition, tokens separated by blanks:
 *   keyword     lowercase word of [a-z0-9._-]; matches itself or a prefix of itself
 *   WORD        any other uppercase name (NAME, RMAP_NAME, ...): any one word
 *   IFNAME      any one word; TAB asks the completer registered for "IFNAME"
 *   A.B.C.D     IPv4 address: four decimal octets 0-255, no leading zeros ("01" is refused,
 *               as inet_pton() does, because inet_aton() would read it as octal)
 *   A.B.C.D/M   IPv4 prefix, M in 0-32 without leading zeros; host bits are kept as typed
 *   (m-n)       decimal in m..n, 0 <= m <= n <= 4294967295; leading zeros are accepted, as FRR
 *               (strtol) does, and read as decimal
 *   LINE, X...  the rest of the line, one word or more; only as the last token
 *   <a|b c>     exactly one of the branches; a branch is a sequence of tokens
 *   [a|b c]     at most one of the branches
 *   {a|b c}     one or more of the branches, in any order, each at most once; wrap in [] for
 *               zero or more
 * Help: one line per token ('\n' separated, a final '\n' optional), in the order the tokens
 * appear in the syntax string. `<`, `[`, `{`, `|` and `(m-n)`'s parentheses are not tokens;
 * a range is one.
 *
 * How a line matches (words are split on blanks; a line whose first word starts with '!' or
 * '#' is a comment and does nothing):
 *   1. Every command of the node is followed along every path its graph allows; a path dies
 *      at the first word none of its next tokens accepts. If all die, the line is
 *      CMD_UNKNOWN at that word ("% Unknown command at 'xyz' (word 3)"), or an invalid value
 *      when the word looked like a number or address a token wanted there
 *      ("% Invalid value \"70000\": expected (1-65535)").
 *   2. Among the paths that took every word, word by word from the left: where some took
 *      the word as an exact keyword, those that took it as an abbreviation are dropped; if
 *      the word is then still the abbreviation of two different keywords, the line is
 *      CMD_AMBIGUOUS at that word. So an abbreviation must be unique among the keywords that
 *      could stand there in a command that matches the whole line ("sh" is "show" when
 *      "shutdown" cannot take the words that follow, "s" alone is ambiguous).
 *   3. The best path wins, comparing word by word from the left, the first difference
 *      deciding: exact keyword > abbreviated keyword > typed value ((m-n), A.B.C.D,
 *      A.B.C.D/M) > WORD, IFNAME > LINE. So a keyword beats a variable even when the
 *      keyword's command needs more words (the line is then CMD_INCOMPLETE). Between equal
 *      paths, one that may end here beats one that needs more; two different commands that
 *      tie are CMD_AMBIGUOUS; two paths of the same command that tie take the first in
 *      definition order.
 * A line that matches nothing in the session's node is tried in its parent, and so on
 * (cmd_execute()); help and completion look at the session's node only, as in FRR.
 */
#ifndef LIB_CMD_H
#define LIB_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cmd_result {
	CMD_OK = 0,
	CMD_WARNING,	/* done, with a warning the handler printed */
	CMD_ERR,	/* the handler (or the engine, out of memory) failed */
	CMD_INCOMPLETE, /* the line is a strict prefix of a command */
	CMD_AMBIGUOUS,
	CMD_UNKNOWN, /* nothing matches (or a value is invalid) */
};

enum cmd_tok_kind {
	CMD_TOK_KEYWORD,
	CMD_TOK_WORD,
	CMD_TOK_IFNAME,
	CMD_TOK_IPV4,
	CMD_TOK_PREFIX,
	CMD_TOK_RANGE,
	CMD_TOK_LINE,
	CMD_TOK_CR, /* only in help and completion lists: the command may end here */
};

/* One token of a compiled definition. */
struct cmd_token {
	enum cmd_tok_kind kind;
	const char *text; /* keyword, or placeholder: "WORD", "A.B.C.D", "(1-65535)", ... */
	const char *help;
	uint32_t min, max; /* CMD_TOK_RANGE */
};

/* Node ids are the application's enum; they must be positive: 0 means none. */
#define CMD_NODE_NONE 0
#define CMD_NODE_MAX  1024

/* Attributes of a definition; the engine only looks at HIDDEN and DEPRECATED. */
#define CMD_ATTR_HIDDEN	     0x1 /* executes, but is left out of help and completion */
#define CMD_ATTR_DEPRECATED  0x2 /* as hidden; the application may warn when it runs */
#define CMD_ATTR_CONFIG_ONLY 0x4 /* for the application: meaningful in config files only */

struct cmd_call;
typedef enum cmd_result (*cmd_fn)(struct cmd_call *c);

struct cmd_def {
	const char *syntax;
	const char *help;
	int node; /* where the command is installed */
	cmd_fn fn;
	int enter_node; /* node to enter after success, or CMD_NODE_NONE to stay */
	unsigned attr;	/* CMD_ATTR_* */
};

/* One matched token and the word the user typed for it. */
struct cmd_arg {
	const struct cmd_token *tok;
	const char *text; /* as typed; a keyword in full; for LINE the rest of the line */
	union {
		uint32_t num;  /* CMD_TOK_RANGE */
		uint32_t ipv4; /* CMD_TOK_IPV4, host byte order */
		struct {
			uint32_t addr; /* host byte order, host bits as typed */
			uint8_t len;
		} prefix; /* CMD_TOK_PREFIX */
	} v;
};

/* Every token the line matched, keywords included, in line order. */
struct cmd_args {
	int argc;
	struct cmd_arg *argv;
};

/*
 * Output of handlers and engine messages: a growable buffer the caller sends on (over the vty
 * socket, to stdout) and resets. Buffered, so a failed command's message can be picked out.
 */
struct cmd_out {
	char *buf; /* NUL-terminated; NULL until something is written */
	size_t len, cap;
	bool truncated; /* an allocation failed and output was lost */
};

/* What one user (a vty connection, a config file being read) is doing with the tree. */
#define CMD_FLAG_DRY_RUN   0x1 /* handlers must validate only; see cmd_exec_text() */
#define CMD_FLAG_NO_ABBREV 0x2 /* keywords must be typed in full */

struct cmd_session {
	int node;	/* current node; updated by node transitions */
	void *ctx;	/* the application's, given to handlers and completers */
	unsigned flags; /* CMD_FLAG_* */
};

/* The outcome of a call, for callers that want more than the enum. */
struct cmd_status {
	enum cmd_result result;
	int word;      /* 0-based index of the word at fault, or -1 */
	size_t col;    /* its byte offset in the line (for a caret) */
	unsigned line; /* cmd_exec_text(): 1-based line number of the failure, or 0 */
	char msg[256]; /* "% ..." without "line N: " or newline; "" when all went well */
};

/* What a handler gets. */
struct cmd_call {
	const struct cmd_def *def;
	struct cmd_args args;
	void *ctx; /* cmd_session.ctx */
	struct cmd_out *out;
	int node;      /* the node the command matched in */
	int next_node; /* preset to def->enter_node, else node; a handler may set any declared
			* node (an "exit" handler: cmd_node_parent()) */
	bool dry_run;  /* validate only, change nothing (CMD_FLAG_DRY_RUN) */
};

/* A help or completion candidate. */
struct cmd_cand {
	char *text; /* keyword, completer value, placeholder, or "<cr>" */
	char *help; /* the token's help line; "" for <cr> */
	enum cmd_tok_kind kind;
	bool insert; /* completion: text may be inserted into the line */
};

struct cmd_cands {
	struct cmd_cand *v;
	size_t n, cap;
	char *lcp; /* cmd_complete(): longest common prefix of the insertable candidates */
};

/*
 * TAB completion of a variable: add every value (cmd_cands_add()) that fits the token; the
 * engine keeps those starting with prefix. ctx is cmd_session.ctx.
 */
typedef void (*cmd_complete_fn)(void *ctx, const struct cmd_token *tok, const char *prefix,
				struct cmd_cands *out);

/* ---- the tree: nodes, definitions ---- */

struct cmd_tree *cmd_tree_new(void);
void cmd_tree_free(struct cmd_tree *t);
/* The last install error, naming the command and what is wrong with it. */
const char *cmd_tree_error(const struct cmd_tree *t);

/*
 * Declares a node; parent is where a line that does not match here is tried next
 * (CMD_NODE_NONE for none) and must be declared already. name is for listings.
 */
int cmd_node_install(struct cmd_tree *t, int node, int parent, const char *name);
int cmd_node_parent(const struct cmd_tree *t, int node);
const char *cmd_node_name(const struct cmd_tree *t, int node);

/*
 * Compiles and adds a definition (copied: its strings need not outlive the call). Returns 0,
 * or -1 with cmd_tree_error() set for a malformed syntax, a help line count that differs from
 * the token count, an undeclared node, a missing handler or a duplicate.
 */
int cmd_install(struct cmd_tree *t, const struct cmd_def *def);
/* Installs n definitions, stopping at the first error. */
int cmd_install_all(struct cmd_tree *t, const struct cmd_def *defs, size_t n);

/*
 * The i-th command of node, in install order, or NULL past the end (for list and docs); hidden
 * ones included, the caller filters on attr.
 */
const struct cmd_def *cmd_node_command(const struct cmd_tree *t, int node, size_t i);

/* Registers fn for variables whose placeholder is name ("IFNAME", "WORD", ...). */
int cmd_tree_set_completer(struct cmd_tree *t, const char *name, cmd_complete_fn fn);

/* ---- matching ---- */

struct cmd_match {
	const struct cmd_def *def; /* NULL unless CMD_OK */
	int node;
	struct cmd_args args;
};

/*
 * Matches line in one node, without fallback or execution. On CMD_OK, m holds the command and
 * its arguments: release them with cmd_match_free() (safe on any result). An empty or comment
 * line is CMD_OK with def NULL. st may be NULL.
 */
enum cmd_result cmd_match(const struct cmd_tree *t, int node, const char *line, unsigned flags,
			  struct cmd_match *m, struct cmd_status *st);
void cmd_match_free(struct cmd_match *m);

/*
 * Matches line in s->node, then in its parents, as FRR does (a line another node owns moves
 * the session there); runs the handler, applies the node transition on CMD_OK or CMD_WARNING.
 * Engine messages go to out (and st); a handler prints its own. A line that does not match
 * anywhere is reported from the node that matched the most words.
 */
enum cmd_result cmd_execute(const struct cmd_tree *t, struct cmd_session *s, const char *line,
			    struct cmd_out *out, struct cmd_status *st);

/*
 * Executes a config text line by line from s->node. '!' and '#' lines are comments. Stops at
 * the first line that fails and prints "line N: <message>" to out. To change nothing unless
 * the whole text is valid, run it first with CMD_FLAG_DRY_RUN (handlers then only validate;
 * node transitions still apply), then again without.
 */
enum cmd_result cmd_exec_text(const struct cmd_tree *t, struct cmd_session *s, const char *text,
			      struct cmd_out *out, struct cmd_status *st);

/*
 * '?' help: the tokens that may follow line in s->node, with their help, plus "<cr>" when the
 * command may end there. If line ends in a blank (or is empty) the next word is asked for;
 * otherwise the candidates the last word may be the start of. Keywords sorted first, then
 * variables, then <cr>. Hidden commands are left out. Free c with cmd_cands_free().
 */
enum cmd_result cmd_help(const struct cmd_tree *t, const struct cmd_session *s, const char *line,
			 struct cmd_cands *c, struct cmd_status *st);

/*
 * TAB completion of the last word (empty if line ends in a blank): keywords it prefixes and
 * completer values are insertable; other variables and <cr> are listed but not insertable.
 * c->lcp is what the word may be extended to (the word itself if nothing fits).
 */
enum cmd_result cmd_complete(const struct cmd_tree *t, const struct cmd_session *s,
			     const char *line, struct cmd_cands *c, struct cmd_status *st);

/* Prints a help list as FRR does: "  text  help", texts aligned. */
void cmd_help_print(const struct cmd_cands *c, struct cmd_out *out);
int cmd_cands_add(struct cmd_cands *c, const char *text);
void cmd_cands_free(struct cmd_cands *c);

/* ---- arguments ---- */

/* The first argument whose token text is text ("json", "A.B.C.D", "(1-65535)"), or NULL. */
const struct cmd_arg *cmd_arg_find(const struct cmd_args *a, const char *text);
/* Index of the first such argument at or after from, or -1. */
int cmd_arg_index(const struct cmd_args *a, const char *text, int from);
/* The text of argument idx, or NULL if out of range. */
const char *cmd_arg_value(const struct cmd_args *a, int idx);
/* Typed values: 0, or -1 if arg is NULL or of another kind (so absent options read easily). */
int cmd_arg_range(const struct cmd_arg *arg, uint32_t *v);
int cmd_arg_ipv4(const struct cmd_arg *arg, uint32_t *addr);
int cmd_arg_prefix(const struct cmd_arg *arg, uint32_t *addr, uint8_t *len);

/* ---- output ---- */

void cmd_out_init(struct cmd_out *o);
int cmd_out_write(struct cmd_out *o, const char *s, size_t n);
int cmd_out_printf(struct cmd_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cmd_out_reset(struct cmd_out *o);
void cmd_out_free(struct cmd_out *o);

#endif
