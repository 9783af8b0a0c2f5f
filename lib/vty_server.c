/* SPDX-License-Identifier: ISC */
#include "vty_server.h"

#include <errno.h>
#include <stdbool.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "list.h"

struct vty_client {
	struct list_node node;
	struct vty_server *srv;
	struct bufferevent *bev;
	void *session;
	bool closing;	/* hang up once the output is sent */
	bool prompts;	/* "\x01hello" was sent: replies carry the prompt */
	bool streaming; /* a command turned the connection into a stream */
};

struct vty_server {
	struct evconnlistener *listener;
	struct vty_ops ops;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct list_node clients;
	size_t nclients;
};

static void client_free(struct vty_client *c)
{
	struct vty_server *s = c->srv;

	if (c->streaming && s->ops.stream_end)
		s->ops.stream_end(s->ops.ctx, c->session);
	if (s->ops.close)
		s->ops.close(s->ops.ctx, c->session);
	bufferevent_free(c->bev);
	list_del(&c->node);
	s->nclients--;
	free(c);
}

/* output, NUL, status; and for a shell, the prompt and a NUL. Returns false at session end. */
static bool reply(struct vty_client *c, const struct cmd_out *out, enum cmd_result r)
{
	struct vty_server *s = c->srv;
	struct evbuffer *o = bufferevent_get_output(c->bev);
	char tail[2] = { '\0', (char)('0' + (c->streaming ? VTY_STATUS_STREAM : (int)r)) };
	char prompt[VTY_PROMPT_MAX] = "# ";

	if (out->buf)
		evbuffer_add(o, out->buf, out->len);
	evbuffer_add(o, tail, sizeof(tail));
	if (!c->prompts)
		return true;
	if (s->ops.prompt)
		s->ops.prompt(s->ops.ctx, c->session, prompt, sizeof(prompt));
	evbuffer_add(o, prompt, strlen(prompt) + 1);
	return prompt[0] != '\0';
}

/* A candidate's text or help on one line of the protocol: no tab, no newline. */
static void cand_field(struct cmd_out *out, const char *s)
{
	for (; *s; s++)
		cmd_out_write(out, *s == '\t' || *s == '\n' ? " " : s, 1);
}

/* "\x01help LINE", "\x01complete LINE": candidates as lines (doc/vty-protocol.md). */
static enum cmd_result ctl_cands(struct vty_client *c, const char *line, bool complete,
				 struct cmd_out *out)
{
	struct vty_server *s = c->srv;
	struct cmd_cands cands = { 0 };
	struct cmd_status st = { 0 };
	enum cmd_result r;
	size_t i;

	if (!s->ops.cands) {
		cmd_out_printf(out, "%% Help is not available\n");
		return CMD_ERR;
	}
	r = s->ops.cands(s->ops.ctx, c->session, line, complete, &cands, &st);
	if (r != CMD_OK) {
		if (r == CMD_UNKNOWN)
			cmd_out_printf(out, "%% There is no matched command.\n");
		else
			cmd_out_printf(out, "%s\n", st.msg[0] ? st.msg : "% Help failed");
		cmd_cands_free(&cands);
		return r;
	}
	if (complete) {
		cand_field(out, cands.lcp ? cands.lcp : "");
		cmd_out_write(out, "\n", 1);
	}
	for (i = 0; i < cands.n; i++) {
		if (complete)
			cmd_out_write(out, cands.v[i].insert ? "+" : "-", 1);
		cand_field(out, cands.v[i].text);
		cmd_out_write(out, "\t", 1);
		cand_field(out, cands.v[i].help);
		cmd_out_write(out, "\n", 1);
	}
	cmd_cands_free(&cands);
	return CMD_OK;
}

/* A request to the shell machinery: the line after VTY_CTL. */
static enum cmd_result ctl_request(struct vty_client *c, const char *req, struct cmd_out *out)
{
	struct vty_server *s = c->srv;

	if (!strcmp(req, "hello")) {
		c->prompts = true;
		if (s->ops.info)
			s->ops.info(s->ops.ctx, c->session, out);
		return CMD_OK;
	}
	if (!strncmp(req, "help ", 5) || !strcmp(req, "help"))
		return ctl_cands(c, req[4] ? req + 5 : "", false, out);
	if (!strncmp(req, "complete ", 9) || !strcmp(req, "complete"))
		return ctl_cands(c, req[8] ? req + 9 : "", true, out);
	cmd_out_printf(out, "%% Unknown request: %.64s\n", req);
	return CMD_UNKNOWN;
}

static void client_read(struct bufferevent *bev, void *arg)
{
	struct vty_client *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct cmd_out out;
	size_t n;
	char *line;

	cmd_out_init(&out);
	while (!c->closing && (line = evbuffer_readln(in, &n, EVBUFFER_EOL_LF))) {
		enum cmd_result r;
		bool ctl;

		cmd_out_reset(&out);
		if (c->streaming) {
			/* any line ends the stream: an empty reply, status ok */
			free(line);
			c->streaming = false;
			if (c->srv->ops.stream_end)
				c->srv->ops.stream_end(c->srv->ops.ctx, c->session);
			reply(c, &out, CMD_OK);
			continue;
		}
		ctl = line[0] == VTY_CTL;
		if (ctl)
			r = ctl_request(c, line + 1, &out);
		else
			r = c->srv->ops.exec(c->srv->ops.ctx, c->session, line, &out);
		free(line);
		if (!ctl && r == CMD_OK && c->srv->ops.stream_start)
			c->streaming = c->srv->ops.stream_start(c->srv->ops.ctx, c->session, c);
		if (!reply(c, &out, r)) {
			/* the session ended (exit): hang up once the answer is out */
			bufferevent_disable(bev, EV_READ);
			c->closing = true;
		}
		if (evbuffer_get_length(bufferevent_get_output(bev)) > VTY_OUT_MAX) {
			cmd_out_free(&out);
			client_free(c);
			return;
		}
	}
	cmd_out_free(&out);
	if (!c->closing && evbuffer_get_length(in) > VTY_LINE_MAX) {
		/* a line too long to be a command: say so and hang up */
		cmd_out_init(&out);
		cmd_out_printf(&out, "%% Line longer than %d bytes\n", VTY_LINE_MAX);
		reply(c, &out, CMD_ERR);
		cmd_out_free(&out);
		evbuffer_drain(in, evbuffer_get_length(in));
		bufferevent_disable(bev, EV_READ);
		c->closing = true;
	}
}

bool vty_stream_write(struct vty_client *c, const char *buf, size_t len)
{
	struct evbuffer *o = bufferevent_get_output(c->bev);

	if (!c->streaming || c->closing || evbuffer_get_length(o) > VTY_STREAM_MAX)
		return false;
	return evbuffer_add(o, buf, len) == 0;
}

static void client_written(struct bufferevent *bev, void *arg)
{
	struct vty_client *c = arg;

	(void)bev;
	if (c->closing)
		client_free(c);
}

static void client_event(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		client_free(arg);
}

static void accept_client(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
			  int salen, void *arg)
{
	struct vty_server *s = arg;
	struct vty_client *c = calloc(1, sizeof(*c));

	(void)sa;
	(void)salen;
	if (!c) {
		close(fd);
		return;
	}
	c->srv = s;
	c->bev = bufferevent_socket_new(evconnlistener_get_base(l), fd, BEV_OPT_CLOSE_ON_FREE);
	c->session = s->ops.open ? s->ops.open(s->ops.ctx) : NULL;
	if (!c->bev || (s->ops.open && !c->session)) {
		if (c->bev)
			bufferevent_free(c->bev);
		else
			close(fd);
		if (c->session && s->ops.close)
			s->ops.close(s->ops.ctx, c->session);
		free(c);
		return;
	}
	list_init(&c->node);
	list_add_tail(&s->clients, &c->node);
	s->nclients++;
	bufferevent_setcb(c->bev, client_read, client_written, client_event, c);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
}

struct vty_server *vty_server_open(struct event_base *eb, const char *path, mode_t mode, gid_t gid,
				   const struct vty_ops *ops, char *err, size_t errlen)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct vty_server *s;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "vty socket path too long (%zu bytes, at most %zu): %s",
			 strlen(path), sizeof(sun.sun_path) - 1, path);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->ops = *ops;
	list_init(&s->clients);
	snprintf(s->path, sizeof(s->path), "%s", path);
	memcpy(sun.sun_path, path, strlen(path) + 1);
	unlink(path);
	s->listener = evconnlistener_new_bind(eb, accept_client, s,
					      LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 16,
					      (struct sockaddr *)&sun, sizeof(sun));
	if (!s->listener) {
		snprintf(err, errlen, "vty socket %s: %s", path, strerror(errno));
		free(s);
		return NULL;
	}
	if (chmod(path, mode) < 0 || (gid != (gid_t)-1 && chown(path, (uid_t)-1, gid) < 0)) {
		snprintf(err, errlen, "vty socket %s: %s", path, strerror(errno));
		vty_server_close(s);
		return NULL;
	}
	return s;
}

size_t vty_server_clients(const struct vty_server *s)
{
	return s->nclients;
}

void vty_server_close(struct vty_server *s)
{
	struct vty_client *c, *tmp;

	if (!s)
		return;
	list_for_each_safe (c, tmp, &s->clients, node)
		client_free(c);
	evconnlistener_free(s->listener);
	unlink(s->path);
	free(s);
}
