/* SPDX-License-Identifier: ISC */
/*
 * The syntax compiler and the tree: turns a definition string into its token graph once, at
 * install time, and keeps the compiled commands per node.
 *
 * Graph shapes (F fork, J join, epsilon edges between structural nodes):
 *   a b      a -> b
 *   <x|y>    F -> x -> J, F -> y -> J
 *   [x|y]    as <x|y>, plus F -> J
 *   {x|y}    as <x|y>, plus J -> F; a token may appear once on a path, which bounds the loop
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_int.h"

#define CMD_MAX_NESTING 16

struct build {
	struct cmd_tree *t;
	struct cmd *c;
	const char *s;
	size_t pos;
	unsigned depth;
	unsigned ntokens;
	char *canon; /* lexemes joined by single blanks, for the duplicate check */
	size_t canon_len, canon_cap;
};

static int build_fail(struct build *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Names the command and the column, so a bad definition is found at start-up, not in use. */
static int build_fail(struct build *b, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(b->t->err, sizeof(b->t->err), "command \"%s\": %s at column %zu", b->s, why,
		 b->pos + 1);
	return -1;
}

static int canon_add(struct build *b, const char *s, size_t n)
{
	size_t need = b->canon_len + n + 2;
	char *p;

	if (need > b->canon_cap) {
		p = realloc(b->canon, need * 2);
		if (!p)
			return build_fail(b, "out of memory");
		b->canon = p;
		b->canon_cap = need * 2;
	}
	if (b->canon_len)
		b->canon[b->canon_len++] = ' ';
	memcpy(b->canon + b->canon_len, s, n);
	b->canon_len += n;
	b->canon[b->canon_len] = '\0';
	return 0;
}

static struct cmd_gnode *gnode_new(struct build *b, enum cmd_gtype type)
{
	struct cmd_gnode *n, **v;
	struct cmd *c = b->c;

	if (c->nnodes >= CMD_MAX_GNODES) {
		build_fail(b, "more than %d tokens and groups", CMD_MAX_GNODES);
		return NULL;
	}
	if (c->nnodes == c->capnodes) {
		v = realloc(c->nodes, (c->capnodes + 16u) * sizeof(*v));
		if (!v)
			goto oom;
		c->nodes = v;
		c->capnodes += 16;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		goto oom;
	n->type = type;
	n->id = c->nnodes;
	c->nodes[c->nnodes++] = n;
	return n;
oom:
	build_fail(b, "out of memory");
	return NULL;
}

static int gnode_link(struct build *b, struct cmd_gnode *from, struct cmd_gnode *to)
{
	struct cmd_gnode **p;

	if (from->nnext == from->capnext) {
		p = realloc(from->next, (from->capnext + 4) * sizeof(*p));
		if (!p)
			return build_fail(b, "out of memory");
		from->next = p;
		from->capnext += 4;
	}
	from->next[from->nnext++] = to;
	return 0;
}

static void skip_blanks(struct build *b)
{
	while (b->s[b->pos] && isspace((unsigned char)b->s[b->pos]))
		b->pos++;
}

static bool is_keyword(const char *w, size_t n)
{
	size_t i;

	if (!islower((unsigned char)w[0]) && !isdigit((unsigned char)w[0]))
		return false;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)w[i]) && !isdigit((unsigned char)w[i]) &&
		    !strchr("-_.", w[i]))
			return false;
	return true;
}

static bool is_varname(const char *w, size_t n)
{
	size_t i;

	if (!isupper((unsigned char)w[0]))
		return false;
	for (i = 0; i < n; i++)
		if (!isupper((unsigned char)w[i]) && !isdigit((unsigned char)w[i]) &&
		    !strchr("-_", w[i]))
			return false;
	return true;
}

static bool word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && !memcmp(w, lit, n);
}

/* (m-n), the parentheses included; the text is rewritten as "(m-n)" without leading zeros. */
static int parse_range(struct build *b, struct cmd_token *tok)
{
	const char *s = b->s + b->pos + 1;
	unsigned long long v[2] = { 0, 0 };
	size_t len = 1;
	char buf[32];
	int i;

	for (i = 0; i < 2; i++) {
		if (!isdigit((unsigned char)*s))
			return build_fail(b, "range must be (m-n) with decimal m and n");
		while (isdigit((unsigned char)*s)) {
			v[i] = v[i] * 10 + (unsigned long long)(*s++ - '0');
			if (v[i] > UINT32_MAX)
				return build_fail(b, "range bound above 4294967295");
			len++;
		}
		if (*s != (i ? ')' : '-'))
			return build_fail(b, "range must be (m-n) with decimal m and n");
		s++;
		len++;
	}
	if (v[0] > v[1])
		return build_fail(b, "empty range (%llu-%llu)", v[0], v[1]);
	snprintf(buf, sizeof(buf), "(%llu-%llu)", v[0], v[1]);
	if (canon_add(b, buf, strlen(buf)))
		return -1;
	tok->text = strdup(buf);
	if (!tok->text)
		return build_fail(b, "out of memory");
	tok->kind = CMD_TOK_RANGE;
	tok->min = (uint32_t)v[0];
	tok->max = (uint32_t)v[1];
	b->pos += len;
	return 0;
}

static int parse_atom(struct build *b, struct cmd_gnode **tail)
{
	const char *w = b->s + b->pos;
	struct cmd_token tok = { 0 };
	struct cmd_gnode *n;
	size_t len = 0;

	if (*w == '(') {
		if (parse_range(b, &tok))
			return -1;
	} else {
		while (w[len] && !isspace((unsigned char)w[len]) && !strchr("<>[]{}|()", w[len]))
			len++;
		if (word_is(w, len, "A.B.C.D"))
			tok.kind = CMD_TOK_IPV4;
		else if (word_is(w, len, "A.B.C.D/M"))
			tok.kind = CMD_TOK_PREFIX;
		else if (word_is(w, len, "IFNAME"))
			tok.kind = CMD_TOK_IFNAME;
		else if (word_is(w, len, "LINE") ||
			 (len > 3 && !memcmp(w + len - 3, "...", 3) && is_varname(w, len - 3)))
			tok.kind = CMD_TOK_LINE;
		else if (is_varname(w, len))
			tok.kind = CMD_TOK_WORD;
		else if (is_keyword(w, len))
			tok.kind = CMD_TOK_KEYWORD;
		else
			return build_fail(b, "unsupported token '%.*s'", (int)len, w);
		tok.text = strndup(w, len);
		if (!tok.text)
			return build_fail(b, "out of memory");
		if (canon_add(b, w, len)) {
			free((char *)tok.text);
			return -1;
		}
		b->pos += len;
	}
	n = gnode_new(b, CMD_G_TOKEN);
	if (!n) {
		free((char *)tok.text);
		return -1;
	}
	n->tok = tok;
	b->ntokens++;
	if (gnode_link(b, *tail, n))
		return -1;
	*tail = n;
	return 0;
}

static int parse_seq(struct build *b, struct cmd_gnode **tail);

/* <...>, [...] or {...} at b->pos, linked after *tail. */
static int parse_group(struct build *b, struct cmd_gnode **tail)
{
	char open = b->s[b->pos];
	char close = open == '<' ? '>' : open == '[' ? ']' : '}';
	struct cmd_gnode *fork, *join, *bt;
	uint16_t first;
	size_t at = b->pos;
	uint16_t i;

	if (++b->depth > CMD_MAX_NESTING)
		return build_fail(b, "groups nested deeper than %d", CMD_MAX_NESTING);
	fork = gnode_new(b, CMD_G_FORK);
	join = fork ? gnode_new(b, CMD_G_JOIN) : NULL;
	if (!join || gnode_link(b, *tail, fork) || canon_add(b, &open, 1))
		return -1;
	first = b->c->nnodes;
	b->pos++;
	for (;;) {
		bt = fork;
		if (parse_seq(b, &bt))
			return -1;
		if (bt == fork)
			return build_fail(b, "empty branch in '%c%c'", open, close);
		if (gnode_link(b, bt, join))
			return -1;
		if (b->s[b->pos] == '|') {
			if (canon_add(b, "|", 1))
				return -1;
			b->pos++;
			continue;
		}
		if (b->s[b->pos] == close)
			break;
		if (!b->s[b->pos]) {
			b->pos = at;
			return build_fail(b, "'%c' not closed", open);
		}
		return build_fail(b, "'%c' where '%c' closes '%c'", b->s[b->pos], close, open);
	}
	b->pos++;
	if (canon_add(b, &close, 1))
		return -1;
	if (open == '[' && gnode_link(b, fork, join))
		return -1;
	if (open == '{') {
		if (gnode_link(b, join, fork))
			return -1;
		for (i = first; i < b->c->nnodes; i++)
			b->c->nodes[i]->in_loop = true;
		b->c->has_loop = true;
	}
	b->depth--;
	*tail = join;
	return 0;
}

/* Tokens and groups up to '|', a closer or the end. */
static int parse_seq(struct build *b, struct cmd_gnode **tail)
{
	char ch;

	for (;;) {
		skip_blanks(b);
		ch = b->s[b->pos];
		if (!ch || strchr("|>]}", ch))
			return 0;
		if (ch == ')')
			return build_fail(b, "')' without '('");
		if (strchr("<[{", ch)) {
			if (parse_group(b, tail))
				return -1;
		} else if (parse_atom(b, tail)) {
			return -1;
		}
	}
}

/* One help line per token, in the order the tokens were created (their order in the string). */
static int assign_help(struct build *b)
{
	char *p = b->c->help_lines;
	unsigned lines = 0;
	size_t len = strlen(p);
	uint16_t i;
	char *nl;

	for (nl = p; *nl; nl++)
		if (*nl == '\n')
			lines++;
	if (len && p[len - 1] != '\n')
		lines++;
	if (lines != b->ntokens) {
		b->pos = 0;
		snprintf(b->t->err, sizeof(b->t->err),
			 "command \"%s\": help has %u line%s for %u token%s", b->s, lines,
			 lines == 1 ? "" : "s", b->ntokens, b->ntokens == 1 ? "" : "s");
		return -1;
	}
	for (i = 0; i < b->c->nnodes; i++) {
		if (b->c->nodes[i]->type != CMD_G_TOKEN)
			continue;
		b->c->nodes[i]->tok.help = p;
		nl = strchr(p, '\n');
		if (nl) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p += strlen(p);
		}
	}
	return 0;
}

size_t cmd_graph_next(const struct cmd_gnode *n, const struct cmd_gnode **out, bool *can_end)
{
	const struct cmd_gnode *stack[CMD_MAX_GNODES];
	uint8_t seen[CMD_MAX_GNODES / 8] = { 0 };
	size_t sp = 0, nout = 0;
	uint16_t i;
	int k;

	*can_end = false;
	stack[sp++] = n;
	while (sp) {
		n = stack[--sp];
		/* push in reverse so successors come out in definition order */
		for (k = n->nnext - 1; k >= 0; k--) {
			const struct cmd_gnode *s = n->next[k];

			if (seen[s->id / 8] & (1u << (s->id % 8)))
				continue;
			seen[s->id / 8] |= (uint8_t)(1u << (s->id % 8));
			if (s->type == CMD_G_TOKEN)
				out[nout++] = s;
			else if (s->type == CMD_G_END)
				*can_end = true;
			else
				stack[sp++] = s;
		}
	}
	/* the walk above is depth-first by layers; restore definition order by node id */
	for (i = 1; i < nout; i++) {
		const struct cmd_gnode *x = out[i];
		size_t j = i;

		while (j && out[j - 1]->id > x->id) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = x;
	}
	return nout;
}

/* LINE takes the rest of the line, so nothing may follow it. */
static int check_line_last(struct build *b)
{
	const struct cmd_gnode *next[CMD_MAX_GNODES];
	bool can_end;
	uint16_t i;

	for (i = 0; i < b->c->nnodes; i++) {
		const struct cmd_gnode *n = b->c->nodes[i];

		if (n->type != CMD_G_TOKEN || n->tok.kind != CMD_TOK_LINE)
			continue;
		if (cmd_graph_next(n, next, &can_end)) {
			b->pos = strlen(b->s);
			return build_fail(b, "'%s' must be the last token", n->tok.text);
		}
	}
	return 0;
}

static void cmd_free(struct cmd *c)
{
	uint16_t i;

	if (!c)
		return;
	for (i = 0; i < c->nnodes; i++) {
		free((char *)c->nodes[i]->tok.text);
		free(c->nodes[i]->next);
		free(c->nodes[i]);
	}
	free(c->nodes);
	free(c->syntax);
	free(c->help);
	free(c->help_lines);
	free(c->canon);
	free(c);
}

static struct cmd *cmd_compile(struct cmd_tree *t, const struct cmd_def *def)
{
	struct build b = { .t = t, .s = def->syntax };
	struct cmd_gnode *tail, *end;
	struct cmd *c;

	c = calloc(1, sizeof(*c));
	if (!c) {
		build_fail(&b, "out of memory");
		return NULL;
	}
	b.c = c;
	c->def = *def;
	c->syntax = strdup(def->syntax);
	c->help = strdup(def->help);
	c->help_lines = strdup(def->help);
	if (!c->syntax || !c->help || !c->help_lines) {
		build_fail(&b, "out of memory");
		goto fail;
	}
	c->def.syntax = c->syntax;
	c->def.help = c->help;
	c->start = gnode_new(&b, CMD_G_START);
	if (!c->start)
		goto fail;
	tail = c->start;
	if (parse_seq(&b, &tail))
		goto fail;
	if (b.s[b.pos]) {
		build_fail(&b, "unexpected '%c'", b.s[b.pos]);
		goto fail;
	}
	if (!b.ntokens) {
		build_fail(&b, "no tokens");
		goto fail;
	}
	end = gnode_new(&b, CMD_G_END);
	if (!end || gnode_link(&b, tail, end) || check_line_last(&b) || assign_help(&b))
		goto fail;
	c->canon = b.canon;
	return c;
fail:
	free(b.canon);
	cmd_free(c);
	return NULL;
}

struct cmd_tree *cmd_tree_new(void)
{
	return calloc(1, sizeof(struct cmd_tree));
}

void cmd_tree_free(struct cmd_tree *t)
{
	size_t i, j;

	if (!t)
		return;
	for (i = 0; i < t->nnodes; i++) {
		for (j = 0; j < t->nodes[i].ncmds; j++)
			cmd_free(t->nodes[i].cmds[j]);
		free(t->nodes[i].cmds);
		free(t->nodes[i].name);
	}
	for (i = 0; i < t->ncompleters; i++)
		free(t->completers[i].name);
	free(t->completers);
	free(t->nodes);
	free(t);
}

const char *cmd_tree_error(const struct cmd_tree *t)
{
	return t->err;
}

const struct cmd_node_info *cmd_tree_node(const struct cmd_tree *t, int node)
{
	if (node <= 0 || (size_t)node >= t->nnodes || !t->nodes[node].declared)
		return NULL;
	return &t->nodes[node];
}

int cmd_node_install(struct cmd_tree *t, int node, int parent, const char *name)
{
	struct cmd_node_info *p;
	size_t n;

	if (node <= 0 || node >= CMD_NODE_MAX) {
		snprintf(t->err, sizeof(t->err), "node %d: ids must be in 1..%d", node,
			 CMD_NODE_MAX - 1);
		return -1;
	}
	if (cmd_tree_node(t, node)) {
		snprintf(t->err, sizeof(t->err), "node %d declared twice", node);
		return -1;
	}
	if (parent != CMD_NODE_NONE && (parent == node || !cmd_tree_node(t, parent))) {
		snprintf(t->err, sizeof(t->err), "node %d: parent %d not declared before it", node,
			 parent);
		return -1;
	}
	if ((size_t)node >= t->nnodes) {
		n = (size_t)node + 1;
		p = realloc(t->nodes, n * sizeof(*p));
		if (!p) {
			snprintf(t->err, sizeof(t->err), "out of memory");
			return -1;
		}
		memset(p + t->nnodes, 0, (n - t->nnodes) * sizeof(*p));
		t->nodes = p;
		t->nnodes = n;
	}
	p = &t->nodes[node];
	p->name = strdup(name ? name : "");
	if (!p->name) {
		snprintf(t->err, sizeof(t->err), "out of memory");
		return -1;
	}
	p->declared = true;
	p->parent = parent;
	return 0;
}

int cmd_node_parent(const struct cmd_tree *t, int node)
{
	const struct cmd_node_info *n = cmd_tree_node(t, node);

	return n ? n->parent : CMD_NODE_NONE;
}

const char *cmd_node_name(const struct cmd_tree *t, int node)
{
	const struct cmd_node_info *n = cmd_tree_node(t, node);

	return n ? n->name : NULL;
}

int cmd_install(struct cmd_tree *t, const struct cmd_def *def)
{
	struct cmd_node_info *ni;
	struct cmd **cmds;
	struct cmd *c;
	size_t i;

	if (!def || !def->syntax) {
		snprintf(t->err, sizeof(t->err), "command without syntax");
		return -1;
	}
	if (!def->help || !def->fn) {
		snprintf(t->err, sizeof(t->err), "command \"%s\": no %s", def->syntax,
			 def->help ? "handler" : "help");
		return -1;
	}
	if (!cmd_tree_node(t, def->node)) {
		snprintf(t->err, sizeof(t->err), "command \"%s\": node %d not declared",
			 def->syntax, def->node);
		return -1;
	}
	if (def->enter_node != CMD_NODE_NONE && !cmd_tree_node(t, def->enter_node)) {
		snprintf(t->err, sizeof(t->err), "command \"%s\": enters undeclared node %d",
			 def->syntax, def->enter_node);
		return -1;
	}
	c = cmd_compile(t, def);
	if (!c)
		return -1;
	ni = &t->nodes[def->node];
	for (i = 0; i < ni->ncmds; i++) {
		if (!strcmp(ni->cmds[i]->canon, c->canon)) {
			snprintf(t->err, sizeof(t->err), "command \"%s\": already in node %d",
				 def->syntax, def->node);
			goto fail;
		}
	}
	if (ni->ncmds == ni->cap) {
		cmds = realloc(ni->cmds, (ni->cap * 2 + 8) * sizeof(*cmds));
		if (!cmds) {
			snprintf(t->err, sizeof(t->err), "out of memory");
			goto fail;
		}
		ni->cmds = cmds;
		ni->cap = ni->cap * 2 + 8;
	}
	ni->cmds[ni->ncmds++] = c;
	t->err[0] = '\0';
	return 0;
fail:
	cmd_free(c);
	return -1;
}

int cmd_install_all(struct cmd_tree *t, const struct cmd_def *defs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cmd_install(t, &defs[i]))
			return -1;
	return 0;
}

const struct cmd_def *cmd_node_command(const struct cmd_tree *t, int node, size_t i)
{
	const struct cmd_node_info *n = cmd_tree_node(t, node);

	return n && i < n->ncmds ? &n->cmds[i]->def : NULL;
}

int cmd_tree_set_completer(struct cmd_tree *t, const char *name, cmd_complete_fn fn)
{
	struct cmd_completer *p;
	size_t i;

	for (i = 0; i < t->ncompleters; i++) {
		if (!strcmp(t->completers[i].name, name)) {
			t->completers[i].fn = fn;
			return 0;
		}
	}
	p = realloc(t->completers, (t->ncompleters + 1) * sizeof(*p));
	if (!p)
		return -1;
	t->completers = p;
	p[t->ncompleters].name = strdup(name);
	if (!p[t->ncompleters].name)
		return -1;
	p[t->ncompleters++].fn = fn;
	return 0;
}

cmd_complete_fn cmd_tree_completer(const struct cmd_tree *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncompleters; i++)
		if (!strcmp(t->completers[i].name, name))
			return t->completers[i].fn;
	return NULL;
}
