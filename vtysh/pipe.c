/* SPDX-License-Identifier: ISC */
/* Output filters: | include, | exclude, | begin, | count. */
#include "pipe.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const filter_names[] = {
	[VTYSH_FILTER_INCLUDE] = "include",
	[VTYSH_FILTER_EXCLUDE] = "exclude",
	[VTYSH_FILTER_BEGIN] = "begin",
	[VTYSH_FILTER_COUNT] = "count",
};

#define NFILTERS (sizeof(filter_names) / sizeof(filter_names[0]))
/* "| inc" abbreviates, "| b" is too short: a description may hold " | b" */
#define FILTER_ABBREV_MIN 3

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* s follows a '|': whether a filter's name (or a unique abbreviation) comes next. */
static bool filter_at(const char *s, enum vtysh_filter_kind *kind, const char **arg)
{
	size_t n, i, found = 0;

	while (is_blank(*s))
		s++;
	for (n = 0; s[n] && !is_blank(s[n]); n++)
		;
	if (n < FILTER_ABBREV_MIN)
		return false;
	for (i = 0; i < NFILTERS; i++) {
		if (n <= strlen(filter_names[i]) && !strncmp(s, filter_names[i], n)) {
			*kind = (enum vtysh_filter_kind)i;
			found++;
		}
	}
	*arg = s + n;
	return found == 1;
}

/* The first filter separator at or after from: " |" then a filter name. */
static const char *separator_find(const char *line, const char *from)
{
	enum vtysh_filter_kind k;
	const char *p, *arg;

	for (p = strchr(from, '|'); p; p = strchr(p + 1, '|'))
		if ((p == line || is_blank(p[-1])) && filter_at(p + 1, &k, &arg))
			return p;
	return NULL;
}

static size_t trimmed_len(const char *s, size_t n)
{
	while (n && is_blank(s[n - 1]))
		n--;
	return n;
}

static int filter_add(struct vtysh_pipe *p, enum vtysh_filter_kind kind, const char *arg, size_t n,
		      char *err, size_t errlen)
{
	struct vtysh_filter *v, *f;
	char *re;
	int rc;

	while (n && is_blank(*arg))
		arg++, n--;
	n = trimmed_len(arg, n);
	if (kind == VTYSH_FILTER_COUNT && n) {
		snprintf(err, errlen, "%% count takes no argument: %.*s", (int)n, arg);
		return -1;
	}
	if (kind != VTYSH_FILTER_COUNT && !n) {
		snprintf(err, errlen, "%% %s needs a regular expression", filter_names[kind]);
		return -1;
	}
	v = realloc(p->v, (p->n + 1) * sizeof(*v));
	if (!v) {
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	p->v = v;
	f = &v[p->n];
	f->kind = kind;
	if (kind == VTYSH_FILTER_COUNT) {
		p->n++;
		return 0;
	}
	re = strndup(arg, n);
	if (!re) {
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	rc = regcomp(&f->re, re, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char why[128];

		regerror(rc, &f->re, why, sizeof(why));
		snprintf(err, errlen, "%% Bad regular expression \"%.64s\": %s", re, why);
		free(re);
		return -1;
	}
	free(re);
	p->n++;
	return 0;
}

int vtysh_pipe_parse(const char *line, size_t *cmd_len, struct vtysh_pipe *p, char *err,
		     size_t errlen)
{
	const char *sep = separator_find(line, line), *arg, *next;
	enum vtysh_filter_kind kind;

	memset(p, 0, sizeof(*p));
	if (!sep) {
		*cmd_len = trimmed_len(line, strlen(line));
		return 0;
	}
	*cmd_len = trimmed_len(line, (size_t)(sep - line));
	while (sep) {
		filter_at(sep + 1, &kind, &arg);
		next = separator_find(line, arg);
		if (filter_add(p, kind, arg, next ? (size_t)(next - arg) : strlen(arg), err,
			       errlen)) {
			vtysh_pipe_free(p);
			return -1;
		}
		sep = next;
	}
	return 0;
}

void vtysh_pipe_free(struct vtysh_pipe *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].kind != VTYSH_FILTER_COUNT)
			regfree(&p->v[i].re);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* One filter over text (NUL-terminated, modified in place while it runs). */
static char *filter_run(const struct vtysh_filter *f, char *text)
{
	char *res = NULL, *line = text;
	size_t len = 0, count = 0;
	bool begun = false;
	FILE *m = open_memstream(&res, &len);

	if (!m)
		return NULL;
	while (*line) {
		char *nl = strchr(line, '\n');
		bool keep;

		if (nl)
			*nl = '\0';
		switch (f->kind) {
		case VTYSH_FILTER_INCLUDE:
			keep = !regexec(&f->re, line, 0, NULL, 0);
			break;
		case VTYSH_FILTER_EXCLUDE:
			keep = regexec(&f->re, line, 0, NULL, 0) != 0;
			break;
		case VTYSH_FILTER_BEGIN:
			begun = begun || !regexec(&f->re, line, 0, NULL, 0);
			keep = begun;
			break;
		default:
			count++;
			keep = false;
			break;
		}
		if (keep)
			fprintf(m, "%s\n", line);
		if (!nl)
			break;
		*nl = '\n';
		line = nl + 1;
	}
	if (f->kind == VTYSH_FILTER_COUNT)
		fprintf(m, "%zu\n", count);
	if (fclose(m)) {
		free(res);
		return NULL;
	}
	return res;
}

char *vtysh_pipe_apply(const struct vtysh_pipe *p, const char *text, size_t len)
{
	char *cur = strndup(text, len), *next;
	size_t i;

	for (i = 0; cur && i < p->n; i++) {
		next = filter_run(&p->v[i], cur);
		free(cur);
		cur = next;
	}
	return cur;
}
