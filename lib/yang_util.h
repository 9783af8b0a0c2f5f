/* SPDX-License-Identifier: ISC */
/*
 * A thin layer over libyang 2: a context loaded from search folders, data parsed and
 * validated, printed (JSON, XML), compared, and the difference of two trees walked node by
 * node. Errors come back as one readable line ("reason (at /path)"), never on stderr.
 * OSPF-agnostic; no globals of its own (libyang's log options are process-wide: see
 * yu_ctx_new()).
 */
#ifndef LIB_YANG_UTIL_H
#define LIB_YANG_UTIL_H

#include <libyang/libyang.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * A context searching dirs (folders separated by ':') with module loaded (and its imports).
 * libyang's own logging is switched to "store the last error" so nothing reaches stderr.
 * Returns NULL with the reason in err.
 */
struct ly_ctx *yu_ctx_new(const char *dirs, const char *module, char *err, size_t errlen);
void yu_ctx_free(struct ly_ctx *ctx);

/* The last libyang error of ctx as "message (at path)", or fallback when there is none. */
void yu_error(const struct ly_ctx *ctx, const char *fallback, char *err, size_t errlen);

/* Parses text (JSON or XML) into *tree and validates it (config data only). */
int yu_parse(struct ly_ctx *ctx, const char *text, LYD_FORMAT fmt, struct lyd_node **tree,
	     char *err, size_t errlen);
/* Validates *tree (adding default nodes, removing those whose when is false). */
int yu_validate(struct ly_ctx *ctx, struct lyd_node **tree, char *err, size_t errlen);
/* A deep copy of a whole tree (all top-level siblings); NULL copies to NULL. */
int yu_dup(const struct lyd_node *tree, struct lyd_node **dup);

/* The tree in fmt, explicit nodes only (defaults left out), malloc'd; NULL on failure. An
 * empty tree prints as "{}\n" in JSON and "" in XML. */
char *yu_print(const struct lyd_node *tree, LYD_FORMAT fmt);

/* Whether two whole trees hold the same explicit data. */
bool yu_equal(const struct lyd_node *a, const struct lyd_node *b);

/* The difference from old to new (NULL when they are equal); free with lyd_free_all(). */
int yu_diff(const struct lyd_node *old, const struct lyd_node *new_tree, struct lyd_node **diff);

enum yu_op {
	YU_OP_CREATE,
	YU_OP_DELETE,
	YU_OP_REPLACE, /* a leaf's value changed */
};

/*
 * Calls fn once per node of a diff that carries an operation of its own: a created or deleted
 * subtree is one call (its root), a changed leaf one call; the nodes that only lead to changes
 * are skipped. Stops and returns fn's value when it is not 0.
 */
typedef int (*yu_diff_fn)(void *arg, enum yu_op op, const struct lyd_node *node);
int yu_diff_walk(const struct lyd_node *diff, yu_diff_fn fn, void *arg);

/* The value of the leaf at path (relative to tree's top-level siblings), or NULL. */
const char *yu_get(const struct lyd_node *tree, const char *path);
/* The first node the XPath path selects (list entries may be named without keys), or NULL. */
struct lyd_node *yu_find(const struct lyd_node *tree, const char *path);

#endif
