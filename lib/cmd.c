/* SPDX-License-Identifier: ISC */
/*
 * Running commands: one line in a session (with FRR's fallback to parent nodes), a whole
 * config text, the output buffer handlers print to, and the argument helpers they use.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_int.h"

void cmd_status_set(struct cmd_status *st, enum cmd_result r, int word, size_t col, const char *fmt,
		    ...)
{
	va_list ap;

	if (!st)
		return;
	st->result = r;
	st->word = word;
	st->col = col;
	st->line = 0;
	va_start(ap, fmt);
	vsnprintf(st->msg, sizeof(st->msg), fmt, ap);
	va_end(ap);
}

/* ---- output ---- */

void cmd_out_init(struct cmd_out *o)
{
	memset(o, 0, sizeof(*o));
}

static int out_reserve(struct cmd_out *o, size_t n)
{
	size_t cap;
	char *p;

	if (o->len + n + 1 <= o->cap)
		return 0;
	cap = o->cap ? o->cap : 256;
	while (cap < o->len + n + 1) {
		if (cap > SIZE_MAX / 2)
			goto fail;
		cap *= 2;
	}
	p = realloc(o->buf, cap);
	if (!p)
		goto fail;
	o->buf = p;
	o->cap = cap;
	return 0;
fail:
	o->truncated = true;
	return -1;
}

int cmd_out_write(struct cmd_out *o, const char *s, size_t n)
{
	if (out_reserve(o, n))
		return -1;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
	return 0;
}

int cmd_out_printf(struct cmd_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || out_reserve(o, (size_t)n))
		return -1;
	va_start(ap, fmt);
	vsnprintf(o->buf + o->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	o->len += (size_t)n;
	return 0;
}

void cmd_out_reset(struct cmd_out *o)
{
	o->len = 0;
	if (o->buf)
		o->buf[0] = '\0';
	o->truncated = false;
}

void cmd_out_free(struct cmd_out *o)
{
	free(o->buf);
	memset(o, 0, sizeof(*o));
}

/* ---- execution ---- */

/* The first non-blank line of s, as a failure message. */
static void status_msg_from(struct cmd_status *st, const char *s, size_t n)
{
	size_t b = 0, e;

	while (b < n && (s[b] == '\n' || s[b] == ' '))
		b++;
	for (e = b; e < n && s[e] != '\n'; e++)
		;
	snprintf(st->msg, sizeof(st->msg), "%.*s", (int)(e - b), s + b);
}

static enum cmd_result run_handler(const struct cmd_tree *t, struct cmd_session *s,
				   struct cmd_match *m, struct cmd_out *out, struct cmd_status *st)
{
	struct cmd_call c = {
		.def = m->def,
		.args = m->args,
		.ctx = s->ctx,
		.out = out,
		.node = m->node,
		.next_node = m->def->enter_node != CMD_NODE_NONE ? m->def->enter_node : m->node,
		.dry_run = s->flags & CMD_FLAG_DRY_RUN,
	};
	size_t mark = out->len;
	enum cmd_result rc;

	rc = m->def->fn(&c);
	switch (rc) {
	case CMD_OK:
	case CMD_WARNING:
		if (!cmd_tree_node(t, c.next_node)) {
			cmd_status_set(st, CMD_ERR, -1, 0, "%% \"%s\" moved to undeclared node %d",
				       m->def->syntax, c.next_node);
			cmd_out_printf(out, "%s\n", st->msg);
			return CMD_ERR;
		}
		s->node = c.next_node;
		cmd_status_set(st, rc, -1, 0, "%s", "");
		if (rc == CMD_WARNING)
			status_msg_from(st, out->buf ? out->buf + mark : "", out->len - mark);
		return rc;
	default:
		/* a handler may only fail; the matching results are the engine's */
		cmd_status_set(st, CMD_ERR, -1, 0, "%s", "");
		if (out->len > mark)
			status_msg_from(st, out->buf + mark, out->len - mark);
		if (!st->msg[0]) {
			snprintf(st->msg, sizeof(st->msg), "%% Command failed");
			cmd_out_printf(out, "%s\n", st->msg);
		}
		return CMD_ERR;
	}
}

enum cmd_result cmd_execute(const struct cmd_tree *t, struct cmd_session *s, const char *line,
			    struct cmd_out *out, struct cmd_status *st)
{
	struct cmd_status local, cur, best;
	struct cmd_match m;
	enum cmd_result rc;
	int node = s->node;
	bool have_best = false;

	if (!st)
		st = &local;
	for (;;) {
		rc = cmd_match(t, node, line, s->flags, &m, &cur);
		if (rc == CMD_OK)
			break;
		cmd_match_free(&m);
		if (rc != CMD_UNKNOWN) {
			*st = cur;
			goto fail;
		}
		/* the node that got furthest explains the error best */
		if (!have_best || cur.word > best.word)
			best = cur;
		have_best = true;
		node = cmd_node_parent(t, node);
		if (node == CMD_NODE_NONE) {
			*st = best;
			goto fail;
		}
	}
	if (!m.def) {
		cmd_status_set(st, CMD_OK, -1, 0, "%s", "");
		return CMD_OK;
	}
	rc = run_handler(t, s, &m, out, st);
	cmd_match_free(&m);
	return rc;
fail:
	cmd_out_printf(out, "%s\n", st->msg);
	return st->result;
}

/* Copies src to out, each line prefixed with "line N: ". */
static void out_prefixed(struct cmd_out *out, const struct cmd_out *src, unsigned line_no)
{
	const char *p = src->buf, *nl;
	size_t left = src->len, n;

	while (left) {
		nl = memchr(p, '\n', left);
		n = nl ? (size_t)(nl - p) + 1 : left;

		cmd_out_printf(out, "line %u: %.*s%s", line_no, (int)n, p, nl ? "" : "\n");
		p += n;
		left -= n;
	}
}

enum cmd_result cmd_exec_text(const struct cmd_tree *t, struct cmd_session *s, const char *text,
			      struct cmd_out *out, struct cmd_status *st)
{
	struct cmd_status local;
	struct cmd_out scratch;
	enum cmd_result rc = CMD_OK, r;
	unsigned line_no = 0;
	const char *p = text;
	char *line;

	if (!st)
		st = &local;
	cmd_status_set(st, CMD_OK, -1, 0, "%s", "");
	cmd_out_init(&scratch);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *after = nl ? nl + 1 : p + n;

		line_no++;
		if (n && p[n - 1] == '\r')
			n--; /* CRLF files */
		line = strndup(p, n);
		p = after;
		if (!line) {
			cmd_status_set(st, CMD_ERR, -1, 0, "%% Out of memory");
			st->line = line_no;
			cmd_out_printf(out, "line %u: %s\n", line_no, st->msg);
			rc = CMD_ERR;
			break;
		}
		cmd_out_reset(&scratch);
		r = cmd_execute(t, s, line, &scratch, st);
		free(line);
		if (r == CMD_OK) {
			if (scratch.len)
				cmd_out_write(out, scratch.buf, scratch.len);
			continue;
		}
		out_prefixed(out, &scratch, line_no);
		if (r == CMD_WARNING) {
			rc = CMD_WARNING;
			continue;
		}
		st->line = line_no;
		rc = r;
		break;
	}
	cmd_out_free(&scratch);
	if (rc == CMD_OK || rc == CMD_WARNING)
		cmd_status_set(st, rc, -1, 0, "%s", "");
	return rc;
}

/* ---- help printing ---- */

void cmd_help_print(const struct cmd_cands *c, struct cmd_out *out)
{
	size_t i, w = 0, l;

	for (i = 0; i < c->n; i++) {
		l = strlen(c->v[i].text);
		if (l > w)
			w = l;
	}
	for (i = 0; i < c->n; i++) {
		if (c->v[i].help[0])
			cmd_out_printf(out, "  %-*s  %s\n", (int)w, c->v[i].text, c->v[i].help);
		else
			cmd_out_printf(out, "  %s\n", c->v[i].text);
	}
}

/* ---- arguments ---- */

int cmd_arg_index(const struct cmd_args *a, const char *text, int from)
{
	int i;

	for (i = from < 0 ? 0 : from; i < a->argc; i++)
		if (!strcmp(a->argv[i].tok->text, text))
			return i;
	return -1;
}

const struct cmd_arg *cmd_arg_find(const struct cmd_args *a, const char *text)
{
	int i = cmd_arg_index(a, text, 0);

	return i < 0 ? NULL : &a->argv[i];
}

const char *cmd_arg_value(const struct cmd_args *a, int idx)
{
	return idx >= 0 && idx < a->argc ? a->argv[idx].text : NULL;
}

int cmd_arg_range(const struct cmd_arg *arg, uint32_t *v)
{
	if (!arg || arg->tok->kind != CMD_TOK_RANGE)
		return -1;
	*v = arg->v.num;
	return 0;
}

int cmd_arg_ipv4(const struct cmd_arg *arg, uint32_t *addr)
{
	if (!arg || arg->tok->kind != CMD_TOK_IPV4)
		return -1;
	*addr = arg->v.ipv4;
	return 0;
}

int cmd_arg_prefix(const struct cmd_arg *arg, uint32_t *addr, uint8_t *len)
{
	if (!arg || arg->tok->kind != CMD_TOK_PREFIX)
		return -1;
	*addr = arg->v.prefix.addr;
	*len = arg->v.prefix.len;
	return 0;
}
