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
	bool closing; /* hang up once the output is sent */
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

	if (s->ops.close)
		s->ops.close(s->ops.ctx, c->session);
	bufferevent_free(c->bev);
	list_del(&c->node);
	s->nclients--;
	free(c);
}

static void reply(struct vty_client *c, const struct cmd_out *out, enum cmd_result r)
{
	struct evbuffer *o = bufferevent_get_output(c->bev);
	char tail[2] = { '\0', (char)('0' + r) };

	if (out->buf)
		evbuffer_add(o, out->buf, out->len);
	evbuffer_add(o, tail, sizeof(tail));
}

static void client_read(struct bufferevent *bev, void *arg)
{
	struct vty_client *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct cmd_out out;
	size_t n;
	char *line;

	cmd_out_init(&out);
	while ((line = evbuffer_readln(in, &n, EVBUFFER_EOL_LF))) {
		enum cmd_result r;

		cmd_out_reset(&out);
		r = c->srv->ops.exec(c->srv->ops.ctx, c->session, line, &out);
		free(line);
		reply(c, &out, r);
		if (evbuffer_get_length(bufferevent_get_output(bev)) > VTY_OUT_MAX) {
			cmd_out_free(&out);
			client_free(c);
			return;
		}
	}
	cmd_out_free(&out);
	if (evbuffer_get_length(in) > VTY_LINE_MAX) {
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
