/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the command engine. The first byte picks what to do with the rest:
 * execute it as a line (in a node the second byte picks), ask '?' help or TAB completion for
 * it, run it as a config text, or compile it as a definition ("syntax\nhelp...") and match
 * its last line against it. Nothing may crash, hang or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	NODE_ENABLE = 1,
	NODE_CONFIG,
	NODE_INTERFACE,
	NODE_OSPF,
	NODE_MAX,
};

static enum cmd_result h_ok(struct cmd_call *c)
{
	int i;

	/* touch what a handler reads */
	for (i = 0; i < c->args.argc; i++)
		if (strlen(c->args.argv[i].text) == 0)
			abort();
	cmd_out_printf(c->out, "%d args\n", c->args.argc);
	return c->args.argc == 7 ? CMD_WARNING : CMD_OK;
}

static enum cmd_result h_fail(struct cmd_call *c)
{
	(void)c;
	return CMD_ERR;
}

static enum cmd_result h_exit(struct cmd_call *c)
{
	c->next_node = c->node == NODE_INTERFACE || c->node == NODE_OSPF ? NODE_CONFIG : c->node;
	return CMD_OK;
}

#define SHOW "Show\nIP\nOSPF\n"

static const struct cmd_def defs[] = {
	{ .syntax = "show ip ospf [json]", .help = SHOW "JSON\n", .node = NODE_ENABLE, .fn = h_ok },
	{ .syntax = "show ip ospf neighbor [detail] [A.B.C.D] [json]",
	  .help = SHOW "Neighbors\nDetail\nId\nJSON\n",
	  .node = NODE_ENABLE,
	  .fn = h_ok },
	{ .syntax = "show ip ospf interface [IFNAME] [json]",
	  .help = SHOW "Interfaces\nName\nJSON\n",
	  .node = NODE_ENABLE,
	  .fn = h_ok },
	{ .syntax = "show ip ospf database [<router|network|summary>] [A.B.C.D] [adv-router "
		    "A.B.C.D] [json]",
	  .help = SHOW "Database\nRouter\nNetwork\nSummary\nId\nAdv\nAdv id\nJSON\n",
	  .node = NODE_ENABLE,
	  .fn = h_ok },
	{ .syntax = "show ip ospf route [json]",
	  .help = SHOW "Routes\nJSON\n",
	  .node = NODE_ENABLE,
	  .fn = h_ok },
	{ .syntax = "show ip ospf router-info",
	  .help = SHOW "Router info\n",
	  .node = NODE_ENABLE,
	  .fn = h_ok },
	{ .syntax = "clear ip ospf <process|neighbor [A.B.C.D]|WORD>",
	  .help = "Clear\nIP\nOSPF\nProcess\nNeighbor\nId\nWhatever\n",
	  .node = NODE_ENABLE,
	  .fn = h_fail },
	{ .syntax = "configure terminal",
	  .help = "Configure\nTerminal\n",
	  .node = NODE_ENABLE,
	  .fn = h_ok,
	  .enter_node = NODE_CONFIG },
	{ .syntax = "interface IFNAME",
	  .help = "Interface\nName\n",
	  .node = NODE_CONFIG,
	  .fn = h_ok,
	  .enter_node = NODE_INTERFACE },
	{ .syntax = "router ospf",
	  .help = "Router\nOSPF\n",
	  .node = NODE_CONFIG,
	  .fn = h_ok,
	  .enter_node = NODE_OSPF },
	{ .syntax = "log {stdout|syslog|file WORD}",
	  .help = "Log\nStdout\nSyslog\nFile\nName\n",
	  .node = NODE_CONFIG,
	  .fn = h_ok },
	{ .syntax = "ip ospf cost (1-65535)",
	  .help = "IP\nOSPF\nCost\nValue\n",
	  .node = NODE_INTERFACE,
	  .fn = h_ok },
	{ .syntax = "no ip ospf cost [(1-65535)]",
	  .help = "No\nIP\nOSPF\nCost\nValue\n",
	  .node = NODE_INTERFACE,
	  .fn = h_ok },
	{ .syntax = "ip ospf network <broadcast|non-broadcast|point-to-multipoint "
		    "[non-broadcast]|point-to-point>",
	  .help = "IP\nOSPF\nNetwork\nBroadcast\nNBMA\nP2MP\nNBMA\nP2P\n",
	  .node = NODE_INTERFACE,
	  .fn = h_ok },
	{ .syntax = "ip ospf area <A.B.C.D|(0-4294967295)> [A.B.C.D]",
	  .help = "IP\nOSPF\nArea\nId\nNumber\nAddress\n",
	  .node = NODE_INTERFACE,
	  .fn = h_ok },
	{ .syntax = "ip ospf message-digest-key (1-255) md5 KEY",
	  .help = "IP\nOSPF\nKey\nKey id\nMD5\nKey\n",
	  .node = NODE_INTERFACE,
	  .fn = h_ok },
	{ .syntax = "description LINE",
	  .help = "Description\nText\n",
	  .node = NODE_INTERFACE,
	  .fn = h_ok },
	{ .syntax = "exit", .help = "Exit\n", .node = NODE_INTERFACE, .fn = h_exit },
	{ .syntax = "network A.B.C.D/M area <A.B.C.D|(0-4294967295)>",
	  .help = "Network\nPrefix\nArea\nId\nNumber\n",
	  .node = NODE_OSPF,
	  .fn = h_ok },
	{ .syntax = "area <A.B.C.D|(0-4294967295)> range A.B.C.D/M [<advertise [cost "
		    "(0-16777215)]|not-advertise>]",
	  .help = "Area\nId\nNumber\nRange\nPrefix\nAdvertise\nCost\nValue\nNo advertise\n",
	  .node = NODE_OSPF,
	  .fn = h_ok },
	{ .syntax = "redistribute <connected|static|kernel> [{metric (0-16777214)|metric-type "
		    "(1-2)|route-map WORD}]",
	  .help = "Redistribute\nConnected\nStatic\nKernel\nMetric\nValue\nType\nValue\nRoute "
		  "map\nName\n",
	  .node = NODE_OSPF,
	  .fn = h_ok },
	{ .syntax = "timers throttle spf (0-600000) (0-600000) (0-600000)",
	  .help = "Timers\nThrottle\nSPF\nDelay\nHold\nMax\n",
	  .node = NODE_OSPF,
	  .fn = h_ok },
	{ .syntax = "shutdown", .help = "Shutdown\n", .node = NODE_OSPF, .fn = h_ok },
	{ .syntax = "exit", .help = "Exit\n", .node = NODE_OSPF, .fn = h_exit },
};

static void ifnames(void *ctx, const struct cmd_token *tok, const char *prefix,
		    struct cmd_cands *out)
{
	(void)ctx;
	(void)tok;
	(void)prefix;
	cmd_cands_add(out, "eth0");
	cmd_cands_add(out, "eth1");
	cmd_cands_add(out, "lo");
}

static struct cmd_tree *tree_build(void)
{
	struct cmd_tree *t = cmd_tree_new();

	if (!t || cmd_node_install(t, NODE_ENABLE, CMD_NODE_NONE, "enable") ||
	    cmd_node_install(t, NODE_CONFIG, CMD_NODE_NONE, "config") ||
	    cmd_node_install(t, NODE_INTERFACE, NODE_CONFIG, "interface") ||
	    cmd_node_install(t, NODE_OSPF, NODE_CONFIG, "router ospf") ||
	    cmd_install_all(t, defs, sizeof(defs) / sizeof(defs[0])) ||
	    cmd_tree_set_completer(t, "IFNAME", ifnames)) {
		fprintf(stderr, "fuzz_cmd: %s\n", t ? cmd_tree_error(t) : "out of memory");
		abort(); /* the fixed definitions must install */
	}
	return t;
}

/* Compiles "syntax\nhelp lines...\n\nline" and runs the line against it. */
static void fuzz_definition(const char *s)
{
	struct cmd_def d = { .node = NODE_ENABLE, .fn = h_ok };
	struct cmd_session sess = { .node = NODE_ENABLE };
	const char *nl = strchr(s, '\n'), *line;
	struct cmd_tree *t = cmd_tree_new();
	struct cmd_cands c;
	struct cmd_out out;
	char *syntax, *help;

	if (!t)
		return;
	if (!nl || cmd_node_install(t, NODE_ENABLE, CMD_NODE_NONE, "enable"))
		goto out;
	syntax = strndup(s, (size_t)(nl - s));
	line = strstr(nl + 1, "\n\n");
	help = strndup(nl + 1, line ? (size_t)(line - nl) : strlen(nl + 1));
	line = line ? line + 2 : "";
	if (syntax && help) {
		d.syntax = syntax;
		d.help = help;
		if (cmd_install(t, &d) == 0) {
			cmd_out_init(&out);
			cmd_execute(t, &sess, line, &out, NULL);
			cmd_out_free(&out);
			if (cmd_help(t, &sess, line, &c, NULL) == CMD_OK)
				cmd_cands_free(&c);
			if (cmd_complete(t, &sess, line, &c, NULL) == CMD_OK)
				cmd_cands_free(&c);
		}
	}
	free(syntax);
	free(help);
out:
	cmd_tree_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cmd_tree *t;
	struct cmd_session sess = { 0 };
	struct cmd_status st;
	struct cmd_cands c;
	struct cmd_match m;
	struct cmd_out out;
	uint8_t mode;
	char *s;

	if (size < 2 || size > 4096)
		return 0;
	if (!t)
		t = tree_build();
	mode = data[0] % 6;
	sess.node = 1 + data[1] % (NODE_MAX - 1);
	s = strndup((const char *)data + 2, size - 2);
	if (!s)
		return 0;
	cmd_out_init(&out);
	switch (mode) {
	case 0:
		cmd_execute(t, &sess, s, &out, &st);
		if (st.result != CMD_OK && st.result != CMD_WARNING && !st.msg[0])
			abort(); /* every failure explains itself */
		break;
	case 1:
		if (cmd_help(t, &sess, s, &c, &st) == CMD_OK) {
			cmd_help_print(&c, &out);
			cmd_cands_free(&c);
		}
		break;
	case 2:
		if (cmd_complete(t, &sess, s, &c, &st) == CMD_OK) {
			if (!c.lcp)
				abort();
			cmd_cands_free(&c);
		}
		break;
	case 3:
		sess.flags = data[1] & 0x80 ? CMD_FLAG_DRY_RUN : 0;
		cmd_exec_text(t, &sess, s, &out, &st);
		break;
	case 4:
		if (cmd_match(t, sess.node, s, CMD_FLAG_NO_ABBREV, &m, &st) == CMD_OK && m.def &&
		    m.args.argc < 1)
			abort();
		cmd_match_free(&m);
		break;
	default:
		fuzz_definition(s);
		break;
	}
	cmd_out_free(&out);
	free(s);
	return 0;
}
