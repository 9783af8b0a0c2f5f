/* SPDX-License-Identifier: ISC */
/* vty sessions: modes, prompts, help and completion, FRR's wording of failures. */
#include "vty.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "list.h"
#include "monitor.h"

struct vty_session {
	struct vty_env *env;
	struct cmd_session s;
	struct show_ctx show;	   /* the handlers' context in NODE_VIEW */
	struct config_ctx conf;	   /* ... and in the configuration nodes */
	uint8_t monitor_req;	   /* monitor ospf events: 1 text, 2 JSON, until the reply */
	struct vty_client *stream; /* the client this session streams events to, or NULL */
};

/* The handlers' context for a node: show handlers in NODE_VIEW, config handlers elsewhere. */
static void *node_ctx(struct vty_session *v, int node)
{
	return node == NODE_VIEW ? (void *)&v->show : (void *)&v->conf;
}

/* The session of a handler run by vty_session_exec(), from the context node_ctx() gave it. */
static struct vty_session *call_session(const struct cmd_call *c)
{
	if (c->node == NODE_VIEW)
		return container_of(c->ctx, struct vty_session, show);
	return container_of(c->ctx, struct vty_session, conf);
}

/* ---- mode commands ---- */

static enum cmd_result cmd_to_node(struct cmd_call *c)
{
	/* the target is the definition's enter_node, already preset in next_node */
	(void)c;
	return CMD_OK;
}

/* `exit`/`quit` at the top ends the session; elsewhere it leaves for the parent mode. */
static enum cmd_result cmd_exit(struct cmd_call *c)
{
	c->next_node = c->node == NODE_VIEW ? NODE_VTY_END : NODE_VIEW;
	return CMD_OK;
}

static enum cmd_result cmd_quit_to_config(struct cmd_call *c)
{
	c->next_node = NODE_CONFIG;
	return CMD_OK;
}

static enum cmd_result cmd_do(struct cmd_call *c)
{
	struct vty_session *v = call_session(c);
	struct cmd_session view = { .node = NODE_VIEW, .ctx = &v->show, .flags = v->s.flags };
	const char *line = cmd_arg_value(&c->args, 1);
	struct cmd_status st;
	enum cmd_result r;

	c->next_node = v->s.node; /* matched in a parent mode, it must not move there */
	v->show = *v->env->show;
	r = cmd_execute(v->env->cmds, &view, line, c->out, &st);
	/* a `do` never moves the session; only show-like commands are meant here */
	return r == CMD_WARNING ? CMD_WARNING : r == CMD_OK ? CMD_OK : CMD_ERR;
}

static enum cmd_result cmd_list(struct cmd_call *c)
{
	struct vty_session *v = call_session(c);
	const struct cmd_def *d;
	int node;
	size_t i;

	c->next_node = v->s.node;
	/* the commands of the session's mode and of the modes it falls back to, as typed */
	for (node = v->s.node; node != CMD_NODE_NONE; node = cmd_node_parent(v->env->cmds, node))
		for (i = 0; (d = cmd_node_command(v->env->cmds, node, i)); i++)
			if (!(d->attr & (CMD_ATTR_HIDDEN | CMD_ATTR_DEPRECATED)))
				cmd_out_printf(c->out, "  %s\n", d->syntax);
	return CMD_OK;
}

/* monitor ospf events [json]: the reply turns the connection into a stream (vty_ops
 * stream_start below); vtysh prints it until Ctrl-C. */
static enum cmd_result cmd_monitor(struct cmd_call *c)
{
	struct vty_session *v = call_session(c);

	if (!v->env->monitor) {
		cmd_out_printf(c->out, "%% monitor: not available here\n");
		return CMD_WARNING;
	}
	v->monitor_req = cmd_arg_find(&c->args, "json") ? 2 : 1;
	cmd_out_printf(c->out, "Monitoring OSPF events (any input ends it)\n");
	return CMD_OK;
}

static enum cmd_result cmd_show_version(struct cmd_call *c)
{
	cmd_out_printf(c->out, "ospfd version %s\n", OSPFD_VERSION);
	return CMD_OK;
}

#define EXIT_HELP "Exit current mode and down to previous mode\n"
#define QUIT_HELP "Exit current mode and down to previous mode\n"
#define END_HELP  "End current mode and change to enable mode\n"
#define LIST_HELP "Print command list\n"

static const struct cmd_def vty_cmds[] = {
	{ "configure [terminal]", "Configuration from vty interface\nConfiguration terminal\n",
	  NODE_VIEW, cmd_to_node, NODE_CONFIG, 0 },
	{ "exit", EXIT_HELP, NODE_VIEW, cmd_exit, 0, 0 },
	{ "quit", QUIT_HELP, NODE_VIEW, cmd_exit, 0, 0 },
	{ "list", LIST_HELP, NODE_VIEW, cmd_list, 0, 0 },
	{ "show version", "Show running system information\nDisplays ospfd version\n", NODE_VIEW,
	  cmd_show_version, 0, 0 },
	{ "monitor ospf events [json]",
	  "Stream live events\nOSPF information\nNeighbor and interface state changes, LSAs, SPF "
	  "runs\nOne JSON object per line\n",
	  NODE_VIEW, cmd_monitor, 0, 0 },

	{ "end", END_HELP, NODE_CONFIG, cmd_to_node, NODE_VIEW, 0 },
	{ "exit", EXIT_HELP, NODE_CONFIG, cmd_exit, 0, 0 },
	{ "quit", QUIT_HELP, NODE_CONFIG, cmd_exit, 0, 0 },
	{ "list", LIST_HELP, NODE_CONFIG, cmd_list, 0, 0 },
	{ "do LINE", "To run exec commands in config mode\nExec command\n", NODE_CONFIG, cmd_do, 0,
	  0 },
	{ "quit", QUIT_HELP, NODE_INTERFACE, cmd_quit_to_config, 0, 0 },
	{ "quit", QUIT_HELP, NODE_OSPF, cmd_quit_to_config, 0, 0 },
};

/* TAB after `interface` or `show ip ospf interface`: the kernel's interface names. */
static void complete_ifname(void *ctx, const struct cmd_token *tok, const char *prefix,
			    struct cmd_cands *out)
{
	struct vty_session *v = ctx; /* vty_session_cands() passes the session */

	(void)tok;
	(void)prefix;
	if (v->env->ifnames)
		v->env->ifnames(v->env->arg, out);
}

int vty_tree_install(struct cmd_tree *t)
{
	if (cmd_node_install(t, NODE_VIEW, CMD_NODE_NONE, "view") || config_cmds_install(t) ||
	    cmd_node_install(t, NODE_VTY_END, CMD_NODE_NONE, "end") || show_cmds_install(t) ||
	    config_view_cmds_install(t) ||
	    cmd_install_all(t, vty_cmds, sizeof(vty_cmds) / sizeof(vty_cmds[0])))
		return -1;
	return cmd_tree_set_completer(t, "IFNAME", complete_ifname);
}

/* ---- sessions ---- */

struct vty_session *vty_session_new(struct vty_env *env)
{
	struct vty_session *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->env = env;
	v->s.node = NODE_VIEW;
	v->conf.store = env->config;
	return v;
}

void vty_session_free(struct vty_session *v)
{
	free(v);
}

int vty_session_node(const struct vty_session *v)
{
	return v->s.node;
}

/* FRR's words for a line the grammar refused; an invalid value keeps the engine's detail. */
static void frr_message(struct cmd_out *out, size_t mark, enum cmd_result r, const char *line,
			const struct cmd_status *st)
{
	const char *what;

	switch (r) {
	case CMD_UNKNOWN:
		if (!strncmp(st->msg, "% Invalid value", 15))
			return;
		what = "Unknown command";
		break;
	case CMD_INCOMPLETE:
		what = "Command incomplete";
		break;
	case CMD_AMBIGUOUS:
		what = "Ambiguous command";
		break;
	default:
		return;
	}
	while (*line == ' ' || *line == '\t')
		line++;
	out->len = mark;
	if (out->buf)
		out->buf[mark] = '\0';
	cmd_out_printf(out, "%% %s: %s\n", what, line);
}

enum cmd_result vty_session_exec(struct vty_session *v, const char *line, struct cmd_out *out)
{
	struct cmd_status st = { 0 };
	size_t mark = out->len;
	enum cmd_result r;

	if (v->s.node == NODE_VTY_END)
		return CMD_OK;
	v->show = *v->env->show;
	v->s.ctx = node_ctx(v, v->s.node);
	r = cmd_execute(v->env->cmds, &v->s, line, out, &st);
	frr_message(out, mark, r, line, &st);
	return r;
}

enum cmd_result vty_session_cands(struct vty_session *v, const char *line, bool complete,
				  struct cmd_cands *c, struct cmd_status *st)
{
	/* no handler runs here, only completers: they get the session itself */
	struct cmd_session s = { .node = v->s.node, .ctx = v, .flags = v->s.flags };

	if (complete)
		return cmd_complete(v->env->cmds, &s, line, c, st);
	return cmd_help(v->env->cmds, &s, line, c, st);
}

static const char *hostname_of(const struct vty_session *v, char *buf, size_t len)
{
	if (v->env->config && config_store_cfg(v->env->config)->hostname[0])
		return config_store_cfg(v->env->config)->hostname;
	if (gethostname(buf, len) < 0)
		snprintf(buf, len, "ospfd");
	buf[len - 1] = '\0';
	return buf;
}

void vty_session_prompt(const struct vty_session *v, char *buf, size_t len)
{
	char host[64];
	const char *h = hostname_of(v, host, sizeof(host));

	if (v->s.node == NODE_VTY_END)
		snprintf(buf, len, "%s", "");
	else if (v->s.node == NODE_VIEW)
		snprintf(buf, len, "%s# ", h);
	else
		snprintf(buf, len, "%s(%s)# ", h, cmd_node_name(v->env->cmds, v->s.node));
}

void vty_session_info(const struct vty_session *v, struct cmd_out *out)
{
	char host[64];

	cmd_out_printf(out, "hostname %s\n", hostname_of(v, host, sizeof(host)));
	cmd_out_printf(out, "version %s\n", OSPFD_VERSION);
	if (v->env->config_file)
		cmd_out_printf(out, "config-file %s\n", v->env->config_file);
}

/* ---- the vty server's callbacks ---- */

static void *ops_open(void *ctx)
{
	return vty_session_new(ctx);
}

static void ops_close(void *ctx, void *session)
{
	struct vty_env *env = ctx;
	struct vty_session *v = session;

	if (v && v->stream && env->monitor)
		monitor_unsubscribe(env->monitor, v->stream);
	vty_session_free(session);
}

static bool ops_stream_start(void *ctx, void *session, struct vty_client *c)
{
	struct vty_env *env = ctx;
	struct vty_session *v = session;
	uint8_t req = v->monitor_req;

	v->monitor_req = 0;
	if (!req || !env->monitor || monitor_subscribe(env->monitor, c, req == 2))
		return false;
	v->stream = c;
	return true;
}

static void ops_stream_end(void *ctx, void *session)
{
	struct vty_env *env = ctx;
	struct vty_session *v = session;

	if (v->stream && env->monitor)
		monitor_unsubscribe(env->monitor, v->stream);
	v->stream = NULL;
}

static enum cmd_result ops_exec(void *ctx, void *session, const char *line, struct cmd_out *out)
{
	struct vty_env *env = ctx;
	enum cmd_result r = vty_session_exec(session, line, out);

	if (env->after_exec)
		env->after_exec(env->arg);
	return r;
}

static enum cmd_result ops_cands(void *ctx, void *session, const char *line, bool complete,
				 struct cmd_cands *c, struct cmd_status *st)
{
	(void)ctx;
	return vty_session_cands(session, line, complete, c, st);
}

static void ops_prompt(void *ctx, void *session, char *buf, size_t len)
{
	(void)ctx;
	vty_session_prompt(session, buf, len);
}

static void ops_info(void *ctx, void *session, struct cmd_out *out)
{
	(void)ctx;
	vty_session_info(session, out);
}

struct vty_ops vty_session_ops(struct vty_env *env)
{
	struct vty_ops ops = {
		.open = ops_open,
		.close = ops_close,
		.exec = ops_exec,
		.ctx = env,
		.cands = ops_cands,
		.prompt = ops_prompt,
		.info = ops_info,
		.stream_start = ops_stream_start,
		.stream_end = ops_stream_end,
	};

	return ops;
}
