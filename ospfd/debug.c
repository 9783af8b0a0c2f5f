/* SPDX-License-Identifier: ISC */
/* debug ospf ..., no debug ospf ..., show debugging: FRR's syntax and wording. */
#include "debug.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "ospf.h"
#include "show.h"

bool ospf_debugging(const struct ospf *o, uint32_t flag)
{
	return o && o->debug && (*o->debug & flag);
}

static const struct {
	const char *word;
	uint8_t type; /* packet type (RFC 2328 A.3.1) */
	const char *name;
} packet_words[] = {
	{ "hello", 1, "Hello" },
	{ "dd", 2, "Database Description" },
	{ "ls-request", 3, "Link State Request" },
	{ "ls-update", 4, "Link State Update" },
	{ "ls-ack", 5, "Link State Acknowledgment" },
};

static const struct {
	const char *word;
	uint32_t flag;
	const char *line;
} other_words[] = {
	{ "ism", OSPF_DEBUG_ISM, "OSPF ISM debugging is on" },
	{ "nsm", OSPF_DEBUG_NSM, "OSPF NSM debugging is on" },
	{ "lsa", OSPF_DEBUG_LSA, "OSPF LSA debugging is on" },
	{ "spf", OSPF_DEBUG_SPF, "OSPF SPF debugging is on" },
	{ "zebra", OSPF_DEBUG_ZEBRA, "OSPF Zebra (kernel routes) debugging is on" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The packet bits a `debug ospf packet ...` line names. */
static uint32_t packet_flags(const struct cmd_args *args)
{
	bool send = cmd_arg_find(args, "send"), recv = cmd_arg_find(args, "recv");
	uint32_t f = 0;

	if (!send && !recv)
		send = recv = true;
	for (size_t i = 0; i < N(packet_words); i++) {
		if (!cmd_arg_find(args, packet_words[i].word) && !cmd_arg_find(args, "all"))
			continue;
		if (recv)
			f |= OSPF_DEBUG_PACKET_RECV(packet_words[i].type);
		if (send)
			f |= OSPF_DEBUG_PACKET_SEND(packet_words[i].type);
	}
	return f;
}

static uint32_t *ctx_flags(struct cmd_call *c)
{
	return ((struct show_ctx *)c->ctx)->debug;
}

static enum cmd_result cmd_debug_packet(struct cmd_call *c)
{
	uint32_t *flags = ctx_flags(c);
	uint32_t f = packet_flags(&c->args);

	if (!flags)
		return CMD_OK;
	if (!strcmp(c->args.argv[0].text, "no")) {
		*flags &= ~f;
		if (cmd_arg_find(&c->args, "detail") || !(*flags & OSPF_DEBUG_PACKET_ALL))
			*flags &= ~OSPF_DEBUG_PACKET_DETAIL;
	} else {
		*flags |= f;
		if (cmd_arg_find(&c->args, "detail"))
			*flags |= OSPF_DEBUG_PACKET_DETAIL;
	}
	return CMD_OK;
}

static enum cmd_result cmd_debug_other(struct cmd_call *c)
{
	uint32_t *flags = ctx_flags(c);
	bool no = !strcmp(c->args.argv[0].text, "no");

	if (!flags)
		return CMD_OK;
	for (size_t i = 0; i < N(other_words); i++)
		if (cmd_arg_find(&c->args, other_words[i].word)) {
			if (no)
				*flags &= ~other_words[i].flag;
			else
				*flags |= other_words[i].flag;
		}
	return CMD_OK;
}

static enum cmd_result cmd_no_debug_all(struct cmd_call *c)
{
	uint32_t *flags = ctx_flags(c);

	if (flags)
		*flags = 0;
	return CMD_OK;
}

void debug_describe(uint32_t flags, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
#define ADD(...)                                                                       \
	do {                                                                           \
		if (used < len)                                                        \
			used += (size_t)snprintf(buf + used, len - used, __VA_ARGS__); \
	} while (0)
	for (size_t i = 0; i < N(packet_words); i++) {
		uint8_t t = packet_words[i].type;
		bool r = flags & OSPF_DEBUG_PACKET_RECV(t), s = flags & OSPF_DEBUG_PACKET_SEND(t);

		if (r && s)
			ADD("  OSPF packet %s%s debugging is on\n", packet_words[i].name,
			    flags & OSPF_DEBUG_PACKET_DETAIL ? " detail" : "");
		else if (r || s)
			ADD("  OSPF packet %s %s%s debugging is on\n", packet_words[i].name,
			    r ? "receive" : "send",
			    flags & OSPF_DEBUG_PACKET_DETAIL ? " detail" : "");
	}
	for (size_t i = 0; i < N(other_words); i++)
		if (flags & other_words[i].flag)
			ADD("  %s\n", other_words[i].line);
#undef ADD
}

static enum cmd_result cmd_show_debugging(struct cmd_call *c)
{
	uint32_t *flags = ctx_flags(c);
	char buf[1024];

	debug_describe(flags ? *flags : 0, buf, sizeof(buf));
	cmd_out_printf(c->out, "OSPF debugging status:\n%s\n", buf);
	return CMD_OK;
}

#define DEBUG_HELP  "Debugging functions\nOSPF information\n"
#define NO_DEBUG    "Negate a command or set its defaults\n" DEBUG_HELP
#define PACKET_ARGS "packet <hello|dd|ls-request|ls-update|ls-ack|all> [send|recv] [detail]"
#define PACKET_HELP                                                                      \
	"OSPF packets\nOSPF Hello\nOSPF Database Description\nOSPF Link State Request\n" \
	"OSPF Link State Update\nOSPF Link State Acknowledgment\nOSPF all packets\n"     \
	"Packet sent\nPacket received\nDetail Information\n"
#define OTHER_ARGS "<ism|nsm|lsa|spf|zebra>"
#define OTHER_HELP                                                                    \
	"OSPF Interface State Machine\nOSPF Neighbor State Machine\nOSPF Link State " \
	"Advertisement\nOSPF SPF calculation\nOSPF kernel route updates (FRR: zebra)\n"

static const struct cmd_def debug_cmds[] = {
	{ "debug ospf " PACKET_ARGS, DEBUG_HELP PACKET_HELP, NODE_VIEW, cmd_debug_packet, 0, 0 },
	{ "no debug ospf " PACKET_ARGS, NO_DEBUG PACKET_HELP, NODE_VIEW, cmd_debug_packet, 0, 0 },
	{ "debug ospf " OTHER_ARGS, DEBUG_HELP OTHER_HELP, NODE_VIEW, cmd_debug_other, 0, 0 },
	{ "no debug ospf " OTHER_ARGS, NO_DEBUG OTHER_HELP, NODE_VIEW, cmd_debug_other, 0, 0 },
	{ "no debug ospf", NO_DEBUG, NODE_VIEW, cmd_no_debug_all, 0, 0 },
	{ "show debugging [ospf]",
	  "Show running system information\nState of each debugging option\nOSPF information\n",
	  NODE_VIEW, cmd_show_debugging, 0, 0 },
};

int debug_cmds_install(struct cmd_tree *t)
{
	return cmd_install_all(t, debug_cmds, N(debug_cmds));
}
