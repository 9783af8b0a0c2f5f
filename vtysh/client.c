/* SPDX-License-Identifier: ISC */
/* vtysh's protocol client: requests, replies with prompts, help and completion. */
#include "client.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT_MS 30000

/* ---- the reply parser ---- */

void vtysh_parser_init(struct vtysh_parser *p)
{
	memset(p, 0, sizeof(*p));
}

void vtysh_parser_free(struct vtysh_parser *p)
{
	free(p->out);
	memset(p, 0, sizeof(*p));
}

static int out_append(struct vtysh_parser *p, const char *s, size_t n)
{
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 1024;
		char *b;

		while (cap < p->len + n + 1)
			cap *= 2;
		b = realloc(p->out, cap);
		if (!b)
			return -1;
		p->out = b;
		p->cap = cap;
	}
	memcpy(p->out + p->len, s, n);
	p->len += n;
	p->out[p->len] = '\0';
	return 0;
}

int vtysh_parser_feed(struct vtysh_parser *p, const char *data, size_t n, size_t *used)
{
	size_t i = 0;

	if (!p->out && out_append(p, "", 0))
		return -1;
	while (i < n && p->state != VTYSH_PARSE_DONE) {
		if (p->state == VTYSH_PARSE_OUTPUT) {
			const char *nul = memchr(data + i, '\0', n - i);
			size_t k = nul ? (size_t)(nul - data) - i : n - i;

			if (out_append(p, data + i, k))
				return -1;
			i += k;
			if (nul) {
				i++;
				p->state = VTYSH_PARSE_STATUS;
			}
		} else if (p->state == VTYSH_PARSE_STATUS) {
			if (data[i] < '0' || data[i] > '0' + VTY_STATUS_STREAM)
				return -1;
			p->status = data[i++] - '0';
			p->state = VTYSH_PARSE_PROMPT;
		} else {
			if (data[i] == '\0') {
				p->prompt[p->plen] = '\0';
				p->state = VTYSH_PARSE_DONE;
			} else if (p->plen + 1 >= sizeof(p->prompt)) {
				return -1;
			} else {
				p->prompt[p->plen++] = data[i];
			}
			i++;
		}
	}
	*used = i;
	return p->state == VTYSH_PARSE_DONE;
}

/* ---- connection ---- */

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads one reply into p; -1 with errno set (ETIMEDOUT, ECONNRESET) when none comes. */
static int read_reply(struct vtysh_conn *c, struct vtysh_parser *p)
{
	char buf[8192];
	size_t used;
	int rc;

	if (c->npending) {
		rc = vtysh_parser_feed(p, c->pending, c->npending, &used);
		memmove(c->pending, c->pending + used, c->npending - used);
		c->npending -= used;
		if (rc)
			return rc > 0 ? 0 : (errno = EPROTO, -1);
	}
	for (;;) {
		struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
		int pr = poll(&pfd, 1, c->timeout_ms);
		ssize_t n;

		if (pr < 0 && errno == EINTR)
			continue;
		if (pr == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		n = read(c->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ECONNRESET;
			return -1;
		}
		rc = vtysh_parser_feed(p, buf, (size_t)n, &used);
		if (rc < 0) {
			errno = EPROTO;
			return -1;
		}
		if (rc > 0) {
			size_t left = (size_t)n - used;

			if (left > sizeof(c->pending) - c->npending)
				left = sizeof(c->pending) - c->npending;
			memcpy(c->pending + c->npending, buf + used, left);
			c->npending += left;
			return 0;
		}
	}
}

int vtysh_request(struct vtysh_conn *c, const char *line, struct vtysh_reply *r)
{
	struct vtysh_parser p;

	memset(r, 0, sizeof(*r));
	r->status = VTYSH_LOST;
	if (c->fd < 0 || vtysh_ended(c)) {
		errno = ENOTCONN;
		r->text = strdup("");
		return VTYSH_LOST;
	}
	vtysh_parser_init(&p);
	if (write_all(c->fd, line, strlen(line)) || write_all(c->fd, "\n", 1) ||
	    read_reply(c, &p)) {
		vtysh_parser_free(&p);
		r->text = strdup("");
		return VTYSH_LOST;
	}
	r->text = p.out;
	r->len = p.len;
	r->status = p.status;
	memcpy(c->prompt, p.prompt, sizeof(c->prompt));
	return r->status;
}

int vtysh_stream(struct vtysh_conn *c, FILE *out, volatile sig_atomic_t *stop)
{
	struct vtysh_parser p;
	char buf[8192];

	if (c->npending) {
		fwrite(c->pending, 1, c->npending, out);
		c->npending = 0;
	}
	fflush(out);
	while (!*stop) {
		struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
		ssize_t n;

		if (poll(&pfd, 1, 1000) <= 0)
			continue; /* EINTR: look at *stop; timeout: keep waiting */
		n = read(c->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errno = n == 0 ? ECONNRESET : errno;
			return VTYSH_LOST;
		}
		fwrite(buf, 1, (size_t)n, out);
		fflush(out);
	}
	/* any line ends the stream; what came meanwhile is the final reply's output */
	vtysh_parser_init(&p);
	if (write_all(c->fd, "\n", 1) || read_reply(c, &p)) {
		vtysh_parser_free(&p);
		return VTYSH_LOST;
	}
	fputs(p.out, out);
	fflush(out);
	memcpy(c->prompt, p.prompt, sizeof(c->prompt));
	vtysh_parser_free(&p);
	return VTYSH_OK;
}

void vtysh_reply_free(struct vtysh_reply *r)
{
	free(r->text);
	memset(r, 0, sizeof(*r));
}

bool vtysh_ended(const struct vtysh_conn *c)
{
	return c->prompt[0] == '\0';
}

/* The "key value" lines of the hello reply. */
static void info_parse(struct vtysh_conn *c, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n'), *sp;
		size_t n = nl ? (size_t)(nl - text) : strlen(text);

		sp = memchr(text, ' ', n);
		if (sp) {
			size_t k = (size_t)(sp - text), vl = n - k - 1;
			char *dst = NULL;
			size_t cap = 0;

			if (k == 8 && !strncmp(text, "hostname", k))
				dst = c->hostname, cap = sizeof(c->hostname);
			else if (k == 7 && !strncmp(text, "version", k))
				dst = c->version, cap = sizeof(c->version);
			else if (k == 11 && !strncmp(text, "config-file", k))
				dst = c->config_file, cap = sizeof(c->config_file);
			if (dst)
				snprintf(dst, cap, "%.*s", (int)vl, sp + 1);
		}
		text += n + (nl ? 1 : 0);
	}
}

int vtysh_attach(struct vtysh_conn *c, int fd, char *err, size_t errlen)
{
	static const char hello[] = { VTY_CTL, 'h', 'e', 'l', 'l', 'o', '\0' };
	struct vtysh_reply r;

	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->timeout_ms = DEFAULT_TIMEOUT_MS;
	snprintf(c->prompt, sizeof(c->prompt), "# ");
	if (vtysh_request(c, hello, &r) != VTYSH_OK) {
		snprintf(err, errlen, "the daemon did not answer hello: %s",
			 r.status == VTYSH_LOST ? strerror(errno) : r.text);
		vtysh_reply_free(&r);
		vtysh_close(c);
		return -1;
	}
	info_parse(c, r.text);
	vtysh_reply_free(&r);
	return 0;
}

int vtysh_connect(struct vtysh_conn *c, const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path too long: %s", path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		snprintf(err, errlen, "cannot reach ospfd at %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return vtysh_attach(c, fd, err, errlen);
}

void vtysh_close(struct vtysh_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* ---- help and completion ---- */

void vtysh_cands_free(struct vtysh_cands *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].text);
		free(c->v[i].help);
	}
	free(c->v);
	free(c->lcp);
	free(c->error);
	memset(c, 0, sizeof(*c));
}

static int cand_push(struct vtysh_cands *c, const char *line, size_t n, bool complete)
{
	const char *tab;
	struct vtysh_cand *v, *x;
	bool insert = false;

	if (complete && n) {
		insert = line[0] == '+';
		line++;
		n--;
	}
	tab = memchr(line, '\t', n);
	v = realloc(c->v, (c->n + 1) * sizeof(*v));
	if (!v)
		return -1;
	c->v = v;
	x = &v[c->n];
	x->insert = insert;
	x->text = strndup(line, tab ? (size_t)(tab - line) : n);
	x->help = tab ? strndup(tab + 1, n - (size_t)(tab - line) - 1) : strdup("");
	c->n++;
	return x->text && x->help ? 0 : -1;
}

int vtysh_cands_parse(const char *text, bool complete, struct vtysh_cands *out)
{
	bool first = true;

	memset(out, 0, sizeof(*out));
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);

		if (complete && first) {
			out->lcp = strndup(text, n);
			if (!out->lcp)
				return -1;
		} else if (n && cand_push(out, text, n, complete)) {
			return -1;
		}
		first = false;
		text += n + (nl ? 1 : 0);
	}
	if (complete && !out->lcp)
		out->lcp = strdup("");
	return complete && !out->lcp ? -1 : 0;
}

int vtysh_ask(struct vtysh_conn *c, const char *line, bool complete, struct vtysh_cands *out)
{
	char req[VTY_LINE_MAX + 16];
	struct vtysh_reply r;
	int st;

	memset(out, 0, sizeof(*out));
	snprintf(req, sizeof(req), "%c%s %s", VTY_CTL, complete ? "complete" : "help", line);
	st = vtysh_request(c, req, &r);
	if (st == VTYSH_OK) {
		if (vtysh_cands_parse(r.text, complete, out)) {
			vtysh_cands_free(out);
			st = VTYSH_ERR;
		}
	} else {
		out->error = r.text;
		r.text = NULL;
	}
	vtysh_reply_free(&r);
	return st;
}

void vtysh_cands_print(const struct vtysh_cands *c, FILE *f)
{
	size_t i, w = 0;

	for (i = 0; i < c->n; i++)
		if (strlen(c->v[i].text) > w)
			w = strlen(c->v[i].text);
	for (i = 0; i < c->n; i++) {
		if (c->v[i].help[0])
			fprintf(f, "  %-*s  %s\n", (int)w, c->v[i].text, c->v[i].help);
		else
			fprintf(f, "  %s\n", c->v[i].text);
	}
}
