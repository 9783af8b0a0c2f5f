/* SPDX-License-Identifier: ISC */
/* libyang 2 glue: context, parse, validate, print, diff. */
#include "yang_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* dirs without the folders that do not exist (libyang refuses a missing one), malloc'd. */
static char *dirs_existing(const char *dirs)
{
	char *copy = strdup(dirs ? dirs : ""), *out = calloc(1, strlen(dirs ? dirs : "") + 1);
	char *save = NULL, *d;

	if (!copy || !out) {
		free(copy);
		free(out);
		return NULL;
	}
	for (d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		struct stat st;

		if (stat(d, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (*out)
			strcat(out, ":");
		strcat(out, d);
	}
	free(copy);
	return out;
}

struct ly_ctx *yu_ctx_new(const char *dirs, const char *module, char *err, size_t errlen)
{
	struct ly_ctx *ctx = NULL;
	char *existing = dirs_existing(dirs);

	/* errors are read back with yu_error(), not printed by the library */
	ly_log_options(LY_LOSTORE_LAST);
	if (!existing || ly_ctx_new(*existing ? existing : NULL, 0, &ctx) != LY_SUCCESS) {
		snprintf(err, errlen, "libyang: cannot create a context");
		free(existing);
		return NULL;
	}
	free(existing);
	if (!ly_ctx_load_module(ctx, module, NULL, NULL)) {
		char why[256];

		yu_error(ctx, "not found", why, sizeof(why));
		snprintf(err, errlen, "YANG module %s (searched %s): %s", module,
			 dirs ? dirs : "nowhere", why);
		ly_ctx_destroy(ctx);
		return NULL;
	}
	return ctx;
}

void yu_ctx_free(struct ly_ctx *ctx)
{
	if (ctx)
		ly_ctx_destroy(ctx);
}

void yu_error(const struct ly_ctx *ctx, const char *fallback, char *err, size_t errlen)
{
	const struct ly_err_item *e = ctx ? ly_err_last(ctx) : NULL;

	if (!e || !e->msg) {
		snprintf(err, errlen, "%s", fallback);
		return;
	}
	if (e->path) {
		/* libyang 2.1 says 'Data location "/path".': keep the path only */
		const char *q = strchr(e->path, '"');
		int len = q ? (int)strcspn(q + 1, "\"") : (int)strlen(e->path);

		snprintf(err, errlen, "%s (at %.*s)", e->msg, len, q ? q + 1 : e->path);
	} else
		snprintf(err, errlen, "%s", e->msg);
	ly_err_clean((struct ly_ctx *)ctx, NULL);
}

int yu_parse(struct ly_ctx *ctx, const char *text, LYD_FORMAT fmt, struct lyd_node **tree,
	     char *err, size_t errlen)
{
	*tree = NULL;
	if (lyd_parse_data_mem(ctx, text, fmt, LYD_PARSE_STRICT | LYD_PARSE_NO_STATE,
			       LYD_VALIDATE_NO_STATE, tree) != LY_SUCCESS) {
		yu_error(ctx, "invalid data", err, errlen);
		lyd_free_all(*tree);
		*tree = NULL;
		return -1;
	}
	return 0;
}

int yu_validate(struct ly_ctx *ctx, struct lyd_node **tree, char *err, size_t errlen)
{
	if (lyd_validate_all(tree, ctx, LYD_VALIDATE_NO_STATE, NULL) != LY_SUCCESS) {
		yu_error(ctx, "invalid configuration", err, errlen);
		return -1;
	}
	return 0;
}

int yu_dup(const struct lyd_node *tree, struct lyd_node **dup)
{
	*dup = NULL;
	if (!tree)
		return 0;
	return lyd_dup_siblings(lyd_first_sibling(tree), NULL,
				LYD_DUP_RECURSIVE | LYD_DUP_WITH_FLAGS, dup) == LY_SUCCESS
		   ? 0
		   : -1;
}

char *yu_print(const struct lyd_node *tree, LYD_FORMAT fmt)
{
	char *s = NULL;

	if (!tree)
		return strdup(fmt == LYD_JSON ? "{}\n" : "");
	if (lyd_print_mem(&s, lyd_first_sibling(tree), fmt,
			  LYD_PRINT_WITHSIBLINGS | LYD_PRINT_WD_EXPLICIT) != LY_SUCCESS)
		return NULL;
	return s ? s : strdup(fmt == LYD_JSON ? "{}\n" : "");
}

int yu_diff(const struct lyd_node *old, const struct lyd_node *new_tree, struct lyd_node **diff)
{
	*diff = NULL;
	return lyd_diff_siblings(old ? lyd_first_sibling(old) : NULL,
				 new_tree ? lyd_first_sibling(new_tree) : NULL, 0,
				 diff) == LY_SUCCESS
		   ? 0
		   : -1;
}

bool yu_equal(const struct lyd_node *a, const struct lyd_node *b)
{
	struct lyd_node *diff = NULL;
	bool same;

	if (yu_diff(a, b, &diff))
		return false;
	same = diff == NULL;
	lyd_free_all(diff);
	return same;
}

/* The diff operation a node carries itself ("create", ...), or NULL (inherited). */
static const char *diff_op(const struct lyd_node *node)
{
	const struct lyd_meta *m = lyd_find_meta(node->meta, NULL, "yang:operation");

	return m ? lyd_get_meta_value(m) : NULL;
}

static int walk(const struct lyd_node *first, yu_diff_fn fn, void *arg)
{
	const struct lyd_node *n;
	int rc;

	LY_LIST_FOR(first, n)
	{
		const char *op = diff_op(n);

		if (op && !strcmp(op, "create"))
			rc = fn(arg, YU_OP_CREATE, n);
		else if (op && !strcmp(op, "delete"))
			rc = fn(arg, YU_OP_DELETE, n);
		else if (op && !strcmp(op, "replace"))
			rc = fn(arg, YU_OP_REPLACE, n);
		else
			rc = walk(lyd_child(n), fn, arg);
		if (rc)
			return rc;
	}
	return 0;
}

int yu_diff_walk(const struct lyd_node *diff, yu_diff_fn fn, void *arg)
{
	return diff ? walk(lyd_first_sibling(diff), fn, arg) : 0;
}

struct lyd_node *yu_find(const struct lyd_node *tree, const char *path)
{
	struct ly_set *set = NULL;
	struct lyd_node *m = NULL;

	if (!tree)
		return NULL;
	/* an XPath: list instances may be named without their keys */
	if (lyd_find_xpath(tree, path, &set) == LY_SUCCESS && set->count)
		m = set->dnodes[0];
	ly_set_free(set, NULL);
	return m;
}

const char *yu_get(const struct lyd_node *tree, const char *path)
{
	const struct lyd_node *n = yu_find(tree, path);

	return n ? lyd_get_value(n) : NULL;
}
