/* SPDX-License-Identifier: ISC */
/*
 * Matching typed lines against the compiled graphs of one node: for execution (cmd_match()),
 * '?' help and TAB completion. All paths through all commands are followed word by word,
 * breadth first; the rules that pick one are in cmd.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_int.h"

/* Live paths at one word; more means a pathological grammar, refused rather than slow. */
#define CMD_MAX_PATHS 4096
/* Bytes of the paths x words matrix of match kinds the final choice works on. */
#define CMD_MAX_KINDS (1u << 24)

/* How a word matched a token: the order is the precedence. */
enum mt {
	MT_NONE = 0,
	MT_LINE,
	MT_VAR,	    /* WORD, IFNAME */
	MT_TYPED,   /* range, IPv4, prefix */
	MT_PARTIAL, /* abbreviated keyword */
	MT_EXACT,
};

/* One way of reading the words so far: a chain back to the command's start. */
struct mpath {
	const struct cmd *cmd;
	const struct cmd_gnode *node; /* last token taken, or the start */
	const struct mpath *prev;
	uint8_t mt;
};

#define ARENA_CHUNK 1024

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	struct mpath v[ARENA_CHUNK];
};

struct words {
	char *buf; /* copy of the line, a NUL after each word */
	const char **w;
	size_t *col; /* byte offset of each word in the line */
	size_t *len;
	size_t n;
	bool open_end; /* the line ends in a blank (or has no words): the next word is new */
};

struct matcher {
	const struct cmd_tree *t;
	const char *line;
	struct words ws;
	unsigned flags;
	bool for_help; /* leave hidden commands out */
	struct arena_chunk *arena;
	const struct mpath **front;
	size_t nfront, capfront;
	uint8_t *kinds; /* after matcher_filter(): nfront rows of each path's match kinds */
	struct cmd_status *st;
};

/* ---- values ---- */

/* An octet: 1-3 digits, no leading zero, at most 255. Returns the end, or NULL. */
static const char *octet_scan(const char *s, uint32_t *v)
{
	int i;

	if (!isdigit((unsigned char)s[0]) || (s[0] == '0' && isdigit((unsigned char)s[1])))
		return NULL;
	*v = 0;
	for (i = 0; i < 3 && isdigit((unsigned char)*s); i++)
		*v = *v * 10 + (uint32_t)(*s++ - '0');
	if (isdigit((unsigned char)*s) || *v > 255)
		return NULL;
	return s;
}

static const char *ipv4_scan(const char *s, uint32_t *addr)
{
	uint32_t a = 0, o;
	int i;

	for (i = 0; i < 4; i++) {
		if (i && *s++ != '.')
			return NULL;
		s = octet_scan(s, &o);
		if (!s)
			return NULL;
		a = a << 8 | o;
	}
	*addr = a;
	return s;
}

bool cmd_parse_ipv4(const char *s, uint32_t *addr)
{
	s = ipv4_scan(s, addr);
	return s && !*s;
}

bool cmd_parse_prefix(const char *s, uint32_t *addr, uint8_t *len)
{
	uint32_t l;

	s = ipv4_scan(s, addr);
	if (!s || *s++ != '/')
		return false;
	s = octet_scan(s, &l);
	if (!s || *s || l > 32)
		return false;
	*len = (uint8_t)l;
	return true;
}

/* Decimal, leading zeros allowed (as FRR's strtol), at most 4294967295. */
bool cmd_parse_u32(const char *s, uint32_t *v)
{
	uint64_t x = 0;

	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s)) {
		x = x * 10 + (uint64_t)(*s++ - '0');
		if (x > UINT32_MAX)
			return false;
	}
	if (*s)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* May s grow into an IPv4 address? */
static bool ipv4_could(const char *s)
{
	uint32_t v = 0;
	int dots = 0, digits = 0;

	for (; *s; s++) {
		if (*s == '.') {
			if (!digits || ++dots > 3)
				return false;
			digits = 0;
			v = 0;
		} else if (isdigit((unsigned char)*s)) {
			if (digits == 1 && v == 0)
				return false; /* leading zero */
			v = v * 10 + (uint32_t)(*s - '0');
			if (++digits > 3 || v > 255)
				return false;
		} else {
			return false;
		}
	}
	return true;
}

static bool prefix_could(const char *s)
{
	const char *slash = strchr(s, '/');
	char buf[16];
	uint32_t a, l = 0;
	size_t n;

	if (!slash)
		return ipv4_could(s);
	n = (size_t)(slash - s);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!cmd_parse_ipv4(buf, &a))
		return false;
	for (s = slash + 1, n = 0; *s; s++, n++) {
		if (!isdigit((unsigned char)*s) || n >= 2 || (n == 1 && l == 0))
			return false;
		l = l * 10 + (uint32_t)(*s - '0');
	}
	return l <= 32;
}

/* May the digits s grow (by appending digits) into a value in min..max? */
static bool range_could(const char *s, uint32_t min, uint32_t max)
{
	uint64_t v = 0, lo, span;

	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > max)
			return false;
	}
	for (span = 1;; span *= 10) {
		lo = v * span;
		if (lo > max)
			return false;
		if (lo + span - 1 >= min)
			return true;
	}
}

/* Does word look like a value of a typed token, so a refusal should say what it expects? */
static bool looks_like(const struct cmd_token *tok, const char *w)
{
	size_t n;

	switch (tok->kind) {
	case CMD_TOK_RANGE:
		if (*w == '-' || *w == '+')
			w++;
		n = strspn(w, "0123456789");
		return n && !w[n];
	case CMD_TOK_IPV4:
		return isdigit((unsigned char)*w) && strchr(w, '.') && !w[strspn(w, "0123456789.")];
	case CMD_TOK_PREFIX:
		return isdigit((unsigned char)*w) && strchr(w, '/') &&
		       !w[strspn(w, "0123456789./")];
	default:
		return false;
	}
}

static enum mt tok_match(const struct cmd_token *tok, const char *w, size_t wlen, unsigned flags)
{
	uint32_t v;
	uint8_t l;

	switch (tok->kind) {
	case CMD_TOK_KEYWORD:
		if (!strcmp(tok->text, w))
			return MT_EXACT;
		if (!(flags & CMD_FLAG_NO_ABBREV) && !strncmp(tok->text, w, wlen))
			return MT_PARTIAL;
		return MT_NONE;
	case CMD_TOK_RANGE:
		return cmd_parse_u32(w, &v) && v >= tok->min && v <= tok->max ? MT_TYPED : MT_NONE;
	case CMD_TOK_IPV4:
		return cmd_parse_ipv4(w, &v) ? MT_TYPED : MT_NONE;
	case CMD_TOK_PREFIX:
		return cmd_parse_prefix(w, &v, &l) ? MT_TYPED : MT_NONE;
	case CMD_TOK_WORD:
	case CMD_TOK_IFNAME:
		return MT_VAR;
	case CMD_TOK_LINE:
		return MT_LINE;
	case CMD_TOK_CR:
		break;
	}
	return MT_NONE;
}

/* May the partial word w grow into something tok accepts? */
static bool tok_could(const struct cmd_token *tok, const char *w)
{
	switch (tok->kind) {
	case CMD_TOK_KEYWORD:
		return !strncmp(tok->text, w, strlen(w));
	case CMD_TOK_RANGE:
		return range_could(w, tok->min, tok->max);
	case CMD_TOK_IPV4:
		return ipv4_could(w);
	case CMD_TOK_PREFIX:
		return prefix_could(w);
	case CMD_TOK_WORD:
	case CMD_TOK_IFNAME:
	case CMD_TOK_LINE:
		return true;
	case CMD_TOK_CR:
		break;
	}
	return false;
}

/* A few distinct token texts for a message: "a, b or c", "a, b, ...". */
#define TEXTSET_MAX 5

struct textset {
	const char *v[TEXTSET_MAX];
	size_t n;
	bool more;
};

static void textset_add(struct textset *ts, const char *t)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (!strcmp(ts->v[i], t))
			return;
	if (ts->n < TEXTSET_MAX)
		ts->v[ts->n++] = t;
	else
		ts->more = true;
}

static void textset_join(const struct textset *ts, const char *sep, char *buf, size_t size)
{
	size_t i, l = 0;

	buf[0] = '\0';
	for (i = 0; i < ts->n && l < size; i++)
		l += (size_t)snprintf(buf + l, size - l, "%s%s", i ? sep : "", ts->v[i]);
	if (ts->more && l < size)
		snprintf(buf + l, size - l, "%s...", sep);
}

/* ---- words ---- */

static void words_free(struct words *ws)
{
	free(ws->buf);
	free(ws->w);
	free(ws->col);
	free(ws->len);
	memset(ws, 0, sizeof(*ws));
}

/* Splits on blanks; a line whose first word starts with '!' or '#' is a comment: no words. */
static int words_split(const char *line, struct words *ws)
{
	size_t n = 0, i, len = strlen(line);
	char *p;

	memset(ws, 0, sizeof(*ws));
	ws->buf = strdup(line);
	if (!ws->buf)
		return -1;
	for (p = ws->buf; *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		n++;
		while (*p && !isspace((unsigned char)*p))
			p++;
	}
	ws->open_end = !len || isspace((unsigned char)line[len - 1]);
	if (!n)
		return 0;
	ws->w = calloc(n, sizeof(*ws->w));
	ws->col = calloc(n, sizeof(*ws->col));
	ws->len = calloc(n, sizeof(*ws->len));
	if (!ws->w || !ws->col || !ws->len)
		return -1;
	for (p = ws->buf, i = 0; i < n; i++) {
		while (isspace((unsigned char)*p))
			p++;
		ws->w[i] = p;
		ws->col[i] = (size_t)(p - ws->buf);
		while (*p && !isspace((unsigned char)*p))
			p++;
		ws->len[i] = (size_t)(p - ws->w[i]);
		if (*p)
			*p++ = '\0';
	}
	if (ws->w[0][0] == '!' || ws->w[0][0] == '#') {
		ws->n = 0;
		ws->open_end = true;
		return 0;
	}
	ws->n = n;
	return 0;
}

/* ---- paths ---- */

static struct mpath *path_new(struct matcher *m, const struct cmd *c, const struct cmd_gnode *n,
			      const struct mpath *prev, enum mt mt)
{
	struct arena_chunk *a = m->arena;
	struct mpath *p;

	if (!a || a->used == ARENA_CHUNK) {
		a = malloc(sizeof(*a));
		if (!a)
			return NULL;
		a->next = m->arena;
		a->used = 0;
		m->arena = a;
	}
	p = &a->v[a->used++];
	p->cmd = c;
	p->node = n;
	p->prev = prev;
	p->mt = (uint8_t)mt;
	return p;
}

static bool path_has(const struct mpath *p, const struct cmd_gnode *n)
{
	for (; p; p = p->prev)
		if (p->node == n)
			return true;
	return false;
}

static bool path_is_line(const struct mpath *p)
{
	return p->node->type == CMD_G_TOKEN && p->node->tok.kind == CMD_TOK_LINE;
}

/*
 * The tokens that may take the next word on path p, and whether the command may end here.
 * A LINE token goes on taking words.
 */
static size_t path_next(const struct mpath *p, const struct cmd_gnode **out, bool *can_end)
{
	size_t n, i, k;

	if (path_is_line(p)) {
		out[0] = p->node;
		*can_end = true;
		return 1;
	}
	n = cmd_graph_next(p->node, out, can_end);
	if (!p->cmd->has_loop)
		return n;
	for (i = k = 0; i < n; i++)
		if (!out[i]->in_loop || !path_has(p, out[i]))
			out[k++] = out[i];
	return k;
}

static bool path_can_end(const struct mpath *p)
{
	const struct cmd_gnode *next[CMD_MAX_GNODES];
	bool can_end;

	path_next(p, next, &can_end);
	return can_end;
}

static void matcher_free(struct matcher *m)
{
	struct arena_chunk *a;

	while (m->arena) {
		a = m->arena;
		m->arena = a->next;
		free(a);
	}
	free(m->front);
	free(m->kinds);
	words_free(&m->ws);
}

static int front_push(const struct mpath ***v, size_t *n, size_t *cap, const struct mpath *p)
{
	const struct mpath **q;

	if (*n == *cap) {
		q = realloc(*v, (*cap * 2 + 16) * sizeof(*q));
		if (!q)
			return -1;
		*v = q;
		*cap = *cap * 2 + 16;
	}
	(*v)[(*n)++] = p;
	return 0;
}

static int oom(struct matcher *m)
{
	cmd_status_set(m->st, CMD_ERR, -1, 0, "%% Out of memory");
	return -1;
}

/* Word i matched nothing: say so, naming the values expected if it looked like one. */
static void fail_unknown(struct matcher *m, size_t i)
{
	const struct cmd_gnode *next[CMD_MAX_GNODES];
	struct textset want = { 0 };
	char exp[160];
	size_t f, k, n;
	bool can_end;

	for (f = 0; f < m->nfront; f++) {
		n = path_next(m->front[f], next, &can_end);
		for (k = 0; k < n; k++)
			if (looks_like(&next[k]->tok, m->ws.w[i]))
				textset_add(&want, next[k]->tok.text);
	}
	if (!want.n) {
		cmd_status_set(m->st, CMD_UNKNOWN, (int)i, m->ws.col[i],
			       "%% Unknown command at '%.64s' (word %zu)", m->ws.w[i], i + 1);
		return;
	}
	textset_join(&want, " or ", exp, sizeof(exp));
	cmd_status_set(m->st, CMD_UNKNOWN, (int)i, m->ws.col[i],
		       "%% Invalid value \"%.64s\": expected %s", m->ws.w[i], exp);
}

/* Follows every command of node through the first nwords words; m->front holds the result. */
static int matcher_run(struct matcher *m, int node, size_t nwords)
{
	const struct cmd_node_info *ni = cmd_tree_node(m->t, node);
	const struct cmd_gnode *next[CMD_MAX_GNODES];
	const struct mpath **nf = NULL;
	size_t nnf = 0, capnf = 0, i, f, k, n;
	struct mpath *p;
	bool can_end;
	enum mt mt;

	if (!ni) {
		cmd_status_set(m->st, CMD_ERR, -1, 0, "%% No such node %d", node);
		return -1;
	}
	for (i = 0; i < ni->ncmds; i++) {
		const struct cmd *c = ni->cmds[i];

		if (m->for_help && (c->def.attr & (CMD_ATTR_HIDDEN | CMD_ATTR_DEPRECATED)))
			continue;
		p = path_new(m, c, c->start, NULL, MT_NONE);
		if (!p || front_push(&m->front, &m->nfront, &m->capfront, p))
			return oom(m);
	}
	for (i = 0; i < nwords; i++) {
		nnf = 0;
		for (f = 0; f < m->nfront; f++) {
			const struct mpath *q = m->front[f];

			n = path_next(q, next, &can_end);
			for (k = 0; k < n; k++) {
				mt = tok_match(&next[k]->tok, m->ws.w[i], m->ws.len[i], m->flags);
				if (mt == MT_NONE)
					continue;
				if (nnf >= CMD_MAX_PATHS) {
					free(nf);
					cmd_status_set(m->st, CMD_ERR, (int)i, m->ws.col[i],
						       "%% Too many ways to read this line");
					return -1;
				}
				p = path_new(m, q->cmd, next[k], q, mt);
				if (!p || front_push(&nf, &nnf, &capnf, p)) {
					free(nf);
					return oom(m);
				}
			}
		}
		if (!nnf) {
			free(nf);
			fail_unknown(m, i);
			return -1;
		}
		/* swap: the old front's array is reused for the next word */
		{
			const struct mpath **tmp = m->front;
			size_t tcap = m->capfront;

			m->front = nf;
			m->nfront = nnf;
			m->capfront = capnf;
			nf = tmp;
			capnf = tcap;
		}
	}
	free(nf);
	return 0;
}

/* The match kinds of p, word by word, into v[0..n). */
static void path_vector(const struct mpath *p, size_t n, uint8_t *v)
{
	for (; p && p->prev && n; p = p->prev)
		v[--n] = p->mt;
}

/* The token that took word i on p (p has taken n words). */
static const struct cmd_gnode *path_token_at(const struct mpath *p, size_t n, size_t i)
{
	for (; n > i + 1; n--)
		p = p->prev;
	return p->node;
}

/* Drops path f, keeping the kinds matrix in step. */
static void front_drop(struct matcher *m, size_t f, size_t n)
{
	size_t last = m->nfront - 1;

	memmove(&m->front[f], &m->front[f + 1], (last - f) * sizeof(*m->front));
	memmove(m->kinds + f * n, m->kinds + (f + 1) * n, (last - f) * n);
	m->nfront--;
}

/*
 * Rule 2 of cmd.h, word by word from the left: where a path took the word as an exact keyword,
 * paths that took it as an abbreviation go; an abbreviation then standing for two different
 * keywords is ambiguous. m->kinds gets each remaining path's match kinds (nfront x n).
 */
static int matcher_filter(struct matcher *m, size_t n)
{
	struct textset ts = { 0 };
	const char *kw, *t;
	size_t f, i;
	bool exact;
	char list[160];

	if (!n)
		return 0;
	if (m->nfront > CMD_MAX_KINDS / n) {
		cmd_status_set(m->st, CMD_ERR, -1, 0, "%% Too many ways to read this line");
		return -1;
	}
	m->kinds = malloc(m->nfront * n);
	if (!m->kinds)
		return oom(m);
	for (f = 0; f < m->nfront; f++)
		path_vector(m->front[f], n, m->kinds + f * n);
	for (i = 0; i < n; i++) {
		exact = false;
		for (f = 0; f < m->nfront && !exact; f++)
			exact = m->kinds[f * n + i] == MT_EXACT;
		for (f = 0; exact && f < m->nfront;) {
			if (m->kinds[f * n + i] == MT_PARTIAL)
				front_drop(m, f, n);
			else
				f++;
		}
		kw = NULL;
		for (f = 0; f < m->nfront; f++) {
			if (m->kinds[f * n + i] != MT_PARTIAL)
				continue;
			t = path_token_at(m->front[f], n, i)->tok.text;
			textset_add(&ts, t);
			if (!kw)
				kw = t;
		}
		if (ts.n > 1) {
			textset_join(&ts, ", ", list, sizeof(list));
			cmd_status_set(m->st, CMD_AMBIGUOUS, (int)i, m->ws.col[i],
				       "%% Ambiguous command at '%.64s': %s", m->ws.w[i], list);
			return -1;
		}
		ts.n = 0;
		ts.more = false;
	}
	return 0;
}

static int matcher_init(struct matcher *m, const struct cmd_tree *t, const char *line,
			unsigned flags, struct cmd_status *st)
{
	memset(m, 0, sizeof(*m));
	m->t = t;
	m->line = line;
	m->flags = flags;
	m->st = st;
	cmd_status_set(st, CMD_OK, -1, 0, "%s", "");
	if (words_split(line, &m->ws))
		return oom(m);
	return 0;
}

/* ---- execution matching ---- */

/* Rule 3 of cmd.h, on the kinds matrix. Returns the chosen path, or NULL with the status set. */
static const struct mpath *matcher_pick(struct matcher *m, size_t n)
{
	const struct cmd_gnode *next[CMD_MAX_GNODES];
	const struct mpath *best = NULL, *tie = NULL;
	const uint8_t *bv = NULL, *v;
	struct textset ts = { 0 };
	bool best_end = false, end, can_end;
	size_t f, k, nn;
	char exp[160];
	int c;

	for (f = 0; f < m->nfront; f++) {
		const struct mpath *p = m->front[f];

		v = m->kinds + f * n;
		end = path_can_end(p);
		c = best ? memcmp(v, bv, n) : 1;
		if (c == 0 && end && !best_end)
			c = 1;
		if (c > 0) {
			best = p;
			best_end = end;
			tie = NULL;
			bv = v;
		} else if (c == 0 && end && best_end && p->cmd != best->cmd && !tie) {
			tie = p;
		}
	}
	if (tie) {
		cmd_status_set(m->st, CMD_AMBIGUOUS, -1, 0,
			       "%% Ambiguous command: \"%.100s\" or \"%.100s\"", best->cmd->syntax,
			       tie->cmd->syntax);
		return NULL;
	}
	if (best_end)
		return best;
	/* incomplete: say what may come next, on every path as good as the best */
	for (f = 0; f < m->nfront; f++) {
		if (memcmp(m->kinds + f * n, bv, n))
			continue;
		nn = path_next(m->front[f], next, &can_end);
		for (k = 0; k < nn; k++)
			textset_add(&ts, next[k]->tok.text);
	}
	textset_join(&ts, ", ", exp, sizeof(exp));
	cmd_status_set(m->st, CMD_INCOMPLETE, -1, 0, "%% Command incomplete%s%s",
		       ts.n ? ": expected " : "", exp);
	return NULL;
}

static void arg_decode(struct cmd_arg *a)
{
	switch (a->tok->kind) {
	case CMD_TOK_RANGE:
		cmd_parse_u32(a->text, &a->v.num);
		break;
	case CMD_TOK_IPV4:
		cmd_parse_ipv4(a->text, &a->v.ipv4);
		break;
	case CMD_TOK_PREFIX:
		cmd_parse_prefix(a->text, &a->v.prefix.addr, &a->v.prefix.len);
		break;
	default:
		break;
	}
}

/* The arguments of path p over n words: one per token, LINE words joined as typed. */
static int args_build(struct matcher *m, const struct mpath *p, size_t n, struct cmd_args *a)
{
	const struct cmd_gnode **tok;
	size_t *first, *last;
	size_t i, na = 0, size = 0;
	char *text;
	int rc = -1;

	tok = calloc(n, sizeof(*tok));
	first = calloc(n, sizeof(*first));
	last = calloc(n, sizeof(*last));
	if (!tok || !first || !last)
		goto out;
	for (i = n; i > 0; i--, p = p->prev)
		tok[i - 1] = p->node;
	for (i = 0; i < n; i++) {
		if (na && tok[i] == tok[i - 1] && tok[i]->tok.kind == CMD_TOK_LINE) {
			last[na - 1] = i;
			continue;
		}
		first[na] = last[na] = i;
		na++;
	}
	for (i = 0; i < na; i++) {
		const struct cmd_gnode *g = tok[first[i]];

		if (g->tok.kind == CMD_TOK_KEYWORD)
			size += strlen(g->tok.text) + 1;
		else
			size += m->ws.col[last[i]] + m->ws.len[last[i]] - m->ws.col[first[i]] + 1;
	}
	a->argv = malloc(na * sizeof(*a->argv) + size);
	if (!a->argv)
		goto out;
	text = (char *)(a->argv + na);
	for (i = 0; i < na; i++) {
		const struct cmd_gnode *g = tok[first[i]];
		struct cmd_arg *arg = &a->argv[i];
		size_t len;

		memset(arg, 0, sizeof(*arg));
		arg->tok = &g->tok;
		arg->text = text;
		if (g->tok.kind == CMD_TOK_KEYWORD) {
			len = strlen(g->tok.text);
			memcpy(text, g->tok.text, len);
		} else {
			len = m->ws.col[last[i]] + m->ws.len[last[i]] - m->ws.col[first[i]];
			memcpy(text, m->line + m->ws.col[first[i]], len);
		}
		text[len] = '\0';
		text += len + 1;
		arg_decode(arg);
	}
	a->argc = (int)na;
	rc = 0;
out:
	free(tok);
	free(first);
	free(last);
	return rc ? oom(m) : 0;
}

enum cmd_result cmd_match(const struct cmd_tree *t, int node, const char *line, unsigned flags,
			  struct cmd_match *mm, struct cmd_status *st)
{
	struct cmd_status local;
	const struct mpath *best;
	struct matcher m;

	if (!st)
		st = &local;
	memset(mm, 0, sizeof(*mm));
	mm->node = node;
	if (matcher_init(&m, t, line, flags, st))
		goto out;
	if (!m.ws.n) {
		if (!cmd_tree_node(t, node))
			cmd_status_set(st, CMD_ERR, -1, 0, "%% No such node %d", node);
		goto out;
	}
	if (matcher_run(&m, node, m.ws.n) || matcher_filter(&m, m.ws.n))
		goto out;
	best = matcher_pick(&m, m.ws.n);
	if (!best || args_build(&m, best, m.ws.n, &mm->args))
		goto out;
	mm->def = &best->cmd->def;
out:
	matcher_free(&m);
	return st->result;
}

void cmd_match_free(struct cmd_match *m)
{
	free(m->args.argv);
	m->args.argv = NULL;
	m->args.argc = 0;
	m->def = NULL;
}

/* ---- help and completion ---- */

static int cands_push(struct cmd_cands *c, const char *text, const char *help,
		      enum cmd_tok_kind kind, bool insert)
{
	struct cmd_cand *v;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].text, text) && !strcmp(c->v[i].help, help) &&
		    c->v[i].insert == insert)
			return 0;
	if (c->n == c->cap) {
		v = realloc(c->v, (c->cap * 2 + 8) * sizeof(*v));
		if (!v)
			return -1;
		c->v = v;
		c->cap = c->cap * 2 + 8;
	}
	v = &c->v[c->n];
	v->text = strdup(text);
	v->help = strdup(help);
	v->kind = kind;
	v->insert = insert;
	if (!v->text || !v->help) {
		free(v->text);
		free(v->help);
		return -1;
	}
	c->n++;
	return 0;
}

int cmd_cands_add(struct cmd_cands *c, const char *text)
{
	return cands_push(c, text, "", CMD_TOK_WORD, true);
}

void cmd_cands_free(struct cmd_cands *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].text);
		free(c->v[i].help);
	}
	free(c->v);
	free(c->lcp);
	memset(c, 0, sizeof(*c));
}

static int cand_rank(const struct cmd_cand *c)
{
	return c->kind == CMD_TOK_CR ? 2 : c->kind == CMD_TOK_KEYWORD || c->insert ? 0 : 1;
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cmd_cand *x = a, *y = b;
	int r = cand_rank(x) - cand_rank(y);

	if (!r)
		r = strcmp(x->text, y->text);
	return r ? r : strcmp(x->help, y->help);
}

/*
 * Walks every word but a partial last one. Returns the partial word ("" when the next word is
 * new), or NULL with the status set.
 */
static const char *matcher_walk_to_last(struct matcher *m, const struct cmd_session *s)
{
	size_t done = m->ws.open_end ? m->ws.n : m->ws.n - 1;

	m->for_help = true;
	if (matcher_run(m, s->node, done) || matcher_filter(m, done))
		return NULL;
	return m->ws.open_end ? "" : m->ws.w[m->ws.n - 1];
}

static int cands_from_completer(const struct cmd_tree *t, const struct cmd_session *s,
				const struct cmd_token *tok, const char *word, struct cmd_cands *c,
				bool *added)
{
	cmd_complete_fn fn = cmd_tree_completer(t, tok->text);
	struct cmd_cands got = { 0 };
	size_t i;
	int rc = 0;

	*added = false;
	if (!fn)
		return 0;
	fn(s->ctx, tok, word, &got);
	for (i = 0; i < got.n && !rc; i++) {
		if (strncmp(got.v[i].text, word, strlen(word)))
			continue;
		rc = cands_push(c, got.v[i].text, tok->help, tok->kind, true);
		*added = true;
	}
	cmd_cands_free(&got);
	return rc;
}

static void cands_set_lcp(struct cmd_cands *c, const char *word)
{
	const char *first = NULL;
	size_t len = 0, i, k;

	for (i = 0; i < c->n; i++) {
		if (!c->v[i].insert)
			continue;
		if (!first) {
			first = c->v[i].text;
			len = strlen(first);
			continue;
		}
		for (k = 0; k < len && c->v[i].text[k] == first[k]; k++)
			;
		len = k;
	}
	c->lcp = first && len >= strlen(word) ? strndup(first, len) : strdup(word);
}

static enum cmd_result cands_collect(const struct cmd_tree *t, const struct cmd_session *s,
				     const char *line, struct cmd_cands *c, struct cmd_status *st,
				     bool complete)
{
	const struct cmd_gnode *next[CMD_MAX_GNODES];
	struct cmd_status local;
	struct matcher m;
	const char *word;
	size_t f, k, n;
	bool can_end, added;
	int rc = 0;

	if (!st)
		st = &local;
	memset(c, 0, sizeof(*c));
	if (matcher_init(&m, t, line, s->flags, st))
		goto out;
	word = matcher_walk_to_last(&m, s);
	if (!word)
		goto out;
	for (f = 0; f < m.nfront && !rc; f++) {
		n = path_next(m.front[f], next, &can_end);
		for (k = 0; k < n && !rc; k++) {
			const struct cmd_token *tok = &next[k]->tok;

			if (!tok_could(tok, word))
				continue;
			if (complete && tok->kind != CMD_TOK_KEYWORD) {
				rc = cands_from_completer(t, s, tok, word, c, &added);
				if (added || rc)
					continue;
			}
			rc = cands_push(c, tok->text, tok->help, tok->kind,
					complete && tok->kind == CMD_TOK_KEYWORD);
		}
		if (can_end && !*word && !rc)
			rc = cands_push(c, "<cr>", "", CMD_TOK_CR, false);
	}
	if (rc) {
		oom(&m);
		goto out;
	}
	if (!c->n && *word) {
		size_t i = m.ws.n - 1;

		cmd_status_set(st, CMD_UNKNOWN, (int)i, m.ws.col[i],
			       "%% Unknown command at '%.64s' (word %zu)", m.ws.w[i], i + 1);
		goto out;
	}
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), cand_cmp);
	if (complete) {
		cands_set_lcp(c, word);
		if (!c->lcp)
			oom(&m);
	}
out:
	matcher_free(&m);
	if (st->result != CMD_OK)
		cmd_cands_free(c);
	return st->result;
}

enum cmd_result cmd_help(const struct cmd_tree *t, const struct cmd_session *s, const char *line,
			 struct cmd_cands *c, struct cmd_status *st)
{
	return cands_collect(t, s, line, c, st, false);
}

enum cmd_result cmd_complete(const struct cmd_tree *t, const struct cmd_session *s,
			     const char *line, struct cmd_cands *c, struct cmd_status *st)
{
	return cands_collect(t, s, line, c, st, true);
}
