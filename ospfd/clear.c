/* SPDX-License-Identifier: ISC */
/* clear ip ospf process, clear ip ospf neighbor [A.B.C.D]. */
#include <stdbool.h>

#include "clear.h"
#include "cmd.h"
#include "config.h"
#include "nbr.h"
#include "ospf.h"
#include "show.h"

static struct nbr *first_match(struct ospf *o, bool all, uint32_t rid)
{
	struct iface *ifp;
	struct nbr *n;

	list_for_each (ifp, &o->ifaces, node)
		list_for_each (n, &ifp->nbrs, node)
			if (all || n->router_id == rid)
				return n;
	return NULL;
}

unsigned int clear_neighbors(struct ospf *o, bool all, uint32_t rid)
{
	unsigned int n_cleared = 0;
	struct nbr *n;

	if (!o)
		return 0;
	/* one at a time: a KillNbr may change the interface (DR election) and its list */
	while ((n = first_match(o, all, rid))) {
		ospf_logf(o, 5, "%s: neighbor %s cleared (clear ip ospf neighbor)", n->iface->name,
			  ipstr(n->router_id));
		nbr_fsm(n, NSM_EV_KILL_NBR); /* frees n */
		n_cleared++;
	}
	return n_cleared;
}

static enum cmd_result cmd_clear_neighbor(struct cmd_call *c)
{
	struct show_ctx *ctx = c->ctx;
	const struct cmd_arg *id = cmd_arg_find(&c->args, "A.B.C.D");

	if (!ctx->o) {
		cmd_out_printf(c->out, "OSPF is not running (no router id yet)\n");
		return CMD_WARNING;
	}
	if (!clear_neighbors(ctx->o, !id, id ? id->v.ipv4 : 0) && id) {
		cmd_out_printf(c->out, "No such neighbor: %s\n", id->text);
		return CMD_WARNING;
	}
	return CMD_OK;
}

static enum cmd_result cmd_clear_process(struct cmd_call *c)
{
	struct show_ctx *ctx = c->ctx;

	if (!ctx->o) {
		cmd_out_printf(c->out, "OSPF is not running (no router id yet)\n");
		return CMD_WARNING;
	}
	if (!ctx->clear_process) {
		cmd_out_printf(c->out, "%% clear ip ospf process: not available here\n");
		return CMD_WARNING;
	}
	ctx->clear_process(ctx->clear_arg);
	return CMD_OK;
}

#define CLEAR_HELP "Reset functions\nIP information\nOSPF information\n"

static const struct cmd_def clear_cmds[] = {
	{ "clear ip ospf neighbor [A.B.C.D]", CLEAR_HELP "Reset OSPF Neighbor\nNeighbor ID\n",
	  NODE_VIEW, cmd_clear_neighbor, 0, 0 },
	{ "clear ip ospf process", CLEAR_HELP "Reset OSPF Process\n", NODE_VIEW, cmd_clear_process,
	  0, 0 },
};

int clear_cmds_install(struct cmd_tree *t)
{
	return cmd_install_all(t, clear_cmds, sizeof(clear_cmds) / sizeof(clear_cmds[0]));
}
