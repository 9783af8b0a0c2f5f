/* SPDX-License-Identifier: ISC */
/* FRR-syntax configuration commands and the model they fill. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "iface.h"

void config_init(struct ospf_config *c)
{
	memset(c, 0, sizeof(*c));
}

void config_free(struct ospf_config *c)
{
	free(c->networks);
	free(c->ifaces);
	memset(c, 0, sizeof(*c));
}

const struct cfg_iface *config_iface_find(const struct ospf_config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nifaces; i++)
		if (!strcmp(c->ifaces[i].name, name))
			return &c->ifaces[i];
	return NULL;
}

static struct cfg_iface *iface_get(struct ospf_config *c, const char *name)
{
	struct cfg_iface *ci = (struct cfg_iface *)config_iface_find(c, name);

	if (ci)
		return ci;
	ci = realloc(c->ifaces, (c->nifaces + 1) * sizeof(*ci));
	if (!ci)
		return NULL;
	c->ifaces = ci;
	ci = &c->ifaces[c->nifaces++];
	memset(ci, 0, sizeof(*ci));
	snprintf(ci->name, sizeof(ci->name), "%s", name);
	iface_params_default(&ci->params);
	return ci;
}

static bool any_iface_area(const struct ospf_config *c)
{
	size_t i;

	for (i = 0; i < c->nifaces; i++)
		if (c->ifaces[i].set & CFG_IF_AREA)
			return true;
	return false;
}

static uint32_t prefix_mask(uint8_t len)
{
	return len ? 0xffffffffu << (32 - len) : 0;
}

bool config_iface_resolve(const struct ospf_config *c, const char *name, uint32_t addr,
			  uint8_t prefixlen, bool loopback, uint32_t *area,
			  struct iface_params *params)
{
	const struct cfg_iface *ci = config_iface_find(c, name);
	bool enabled = false;
	size_t i;

	if (!c->router_ospf)
		return false;
	if (ci && (ci->set & CFG_IF_AREA)) {
		*area = ci->area;
		enabled = true;
	}
	for (i = 0; !enabled && i < c->nnetworks; i++) {
		const struct cfg_network *n = &c->networks[i];

		/* the interface's prefix lies inside the network statement's */
		if (prefixlen >= n->len && (addr & prefix_mask(n->len)) == n->prefix) {
			*area = n->area;
			enabled = true;
		}
	}
	if (!enabled)
		return false;
	if (ci)
		*params = ci->params;
	else
		iface_params_default(params);
	if (loopback)
		params->type = IFACE_LOOPBACK;
	if (c->passive_default && !(ci && (ci->set & CFG_IF_PASSIVE)))
		params->passive = true;
	return true;
}

/* ---- command handlers ---- */

static struct config_ctx *ctx_of(struct cmd_call *c)
{
	return c->ctx;
}

static enum cmd_result err(struct cmd_call *c, const char *msg)
{
	cmd_out_printf(c->out, "%% %s\n", msg);
	return CMD_ERR;
}

/* An area id given as A.B.C.D or as a decimal number. */
static uint32_t area_arg(struct cmd_call *c, int from)
{
	uint32_t v = 0;
	int i;

	for (i = from; i < c->args.argc; i++) {
		const struct cmd_arg *a = &c->args.argv[i];

		if (!cmd_arg_ipv4(a, &v) || !cmd_arg_range(a, &v))
			return v;
	}
	return v;
}

static enum cmd_result cmd_noop(struct cmd_call *c)
{
	(void)c;
	return CMD_OK;
}

static enum cmd_result cmd_hostname(struct cmd_call *c)
{
	if (!c->dry_run)
		snprintf(ctx_of(c)->cfg->hostname, sizeof(ctx_of(c)->cfg->hostname), "%s",
			 cmd_arg_value(&c->args, 1));
	return CMD_OK;
}

static enum cmd_result cmd_interface(struct cmd_call *c)
{
	const char *name = cmd_arg_value(&c->args, 1);

	if (strlen(name) >= IF_NAMESIZE)
		return err(c, "Interface name is longer than 15 characters");
	snprintf(ctx_of(c)->ifname, sizeof(ctx_of(c)->ifname), "%s", name);
	if (!c->dry_run && !iface_get(ctx_of(c)->cfg, name))
		return err(c, "Out of memory");
	return CMD_OK;
}

static enum cmd_result cmd_router_ospf(struct cmd_call *c)
{
	ctx_of(c)->cfg->router_ospf = true;
	return CMD_OK;
}

static enum cmd_result cmd_exit_to_config(struct cmd_call *c)
{
	c->next_node = NODE_CONFIG;
	return CMD_OK;
}

static enum cmd_result cmd_router_id(struct cmd_call *c)
{
	uint32_t id = 0;

	cmd_arg_ipv4(cmd_arg_find(&c->args, "A.B.C.D"), &id);
	if (!id)
		return err(c, "Router ID 0.0.0.0 is not valid");
	if (!c->dry_run)
		ctx_of(c)->cfg->router_id = id;
	return CMD_OK;
}

static enum cmd_result cmd_network(struct cmd_call *c)
{
	struct ospf_config *cfg = ctx_of(c)->cfg;
	struct cfg_network n, *v;
	size_t i;

	if (any_iface_area(cfg))
		return err(c, "Please remove all ip ospf area x.x.x.x commands first.");
	cmd_arg_prefix(cmd_arg_find(&c->args, "A.B.C.D/M"), &n.prefix, &n.len);
	n.prefix &= prefix_mask(n.len);
	n.area = area_arg(c, 3);
	for (i = 0; i < cfg->nnetworks; i++) {
		if (cfg->networks[i].prefix != n.prefix || cfg->networks[i].len != n.len)
			continue;
		if (cfg->networks[i].area != n.area)
			return err(c, "The network is already assigned to another area");
		return CMD_OK;
	}
	if (c->dry_run)
		return CMD_OK;
	v = realloc(cfg->networks, (cfg->nnetworks + 1) * sizeof(*v));
	if (!v)
		return err(c, "Out of memory");
	cfg->networks = v;
	cfg->networks[cfg->nnetworks++] = n;
	return CMD_OK;
}

static enum cmd_result cmd_passive_default(struct cmd_call *c)
{
	if (!c->dry_run)
		ctx_of(c)->cfg->passive_default = true;
	return CMD_OK;
}

/* The interface of the current `interface` section, for ip ospf commands. */
static struct cfg_iface *cur_iface(struct cmd_call *c)
{
	return iface_get(ctx_of(c)->cfg, ctx_of(c)->ifname);
}

static enum cmd_result cmd_ip_ospf_area(struct cmd_call *c)
{
	struct ospf_config *cfg = ctx_of(c)->cfg;
	struct cfg_iface *ci;

	if (cfg->nnetworks)
		return err(c, "Please remove all network commands first.");
	if (c->dry_run)
		return CMD_OK;
	ci = cur_iface(c);
	if (!ci)
		return err(c, "Out of memory");
	ci->area = area_arg(c, 3);
	ci->set |= CFG_IF_AREA;
	return CMD_OK;
}

/* `ip ospf <what> (m-n)`: one numeric interface parameter. */
static enum cmd_result cmd_ip_ospf_number(struct cmd_call *c)
{
	const char *what = cmd_arg_value(&c->args, 2);
	struct cfg_iface *ci;
	uint32_t v = 0;
	int i;

	for (i = 3; i < c->args.argc; i++)
		if (!cmd_arg_range(&c->args.argv[i], &v))
			break;
	if (c->dry_run)
		return CMD_OK;
	ci = cur_iface(c);
	if (!ci)
		return err(c, "Out of memory");
	if (!strcmp(what, "cost")) {
		ci->params.cost = v;
		ci->set |= CFG_IF_COST;
	} else if (!strcmp(what, "hello-interval")) {
		ci->params.hello_interval = (uint16_t)v;
		ci->set |= CFG_IF_HELLO;
		/* FRR: the dead interval follows as 4 x hello unless set */
		if (!(ci->set & CFG_IF_DEAD))
			ci->params.dead_interval = 4 * v;
	} else if (!strcmp(what, "dead-interval")) {
		ci->params.dead_interval = v;
		ci->set |= CFG_IF_DEAD;
	} else if (!strcmp(what, "retransmit-interval")) {
		ci->params.retransmit_interval = (uint16_t)v;
		ci->set |= CFG_IF_RXMT;
	} else if (!strcmp(what, "transmit-delay")) {
		ci->params.transmit_delay = (uint16_t)v;
		ci->set |= CFG_IF_TXDELAY;
	} else if (!strcmp(what, "priority")) {
		ci->params.priority = (uint8_t)v;
		ci->set |= CFG_IF_PRIORITY;
	}
	return CMD_OK;
}

static enum cmd_result cmd_ip_ospf_network(struct cmd_call *c)
{
	struct cfg_iface *ci;

	if (c->dry_run)
		return CMD_OK;
	ci = cur_iface(c);
	if (!ci)
		return err(c, "Out of memory");
	ci->params.type = cmd_arg_find(&c->args, "point-to-point") ? IFACE_P2P : IFACE_BROADCAST;
	ci->set |= CFG_IF_NETWORK;
	return CMD_OK;
}

static enum cmd_result cmd_ip_ospf_flag(struct cmd_call *c)
{
	struct cfg_iface *ci;

	if (c->dry_run)
		return CMD_OK;
	ci = cur_iface(c);
	if (!ci)
		return err(c, "Out of memory");
	if (cmd_arg_find(&c->args, "passive")) {
		ci->params.passive = true;
		ci->set |= CFG_IF_PASSIVE;
	} else {
		ci->params.mtu_ignore = true;
		ci->set |= CFG_IF_MTU_IGNORE;
	}
	return CMD_OK;
}

#define LOG_LEVELS \
	"<emergencies|alerts|critical|errors|warnings|notifications|informational|debugging>"
#define LOG_LEVELS_HELP                                                                        \
	"System is unusable\nImmediate action needed\nCritical conditions\nError conditions\n" \
	"Warning conditions\nNormal but significant conditions\nInformational messages\n"      \
	"Debugging messages\n"
#define IP_OSPF	     "IP Information\nOSPF interface commands\n"
#define AREA_ID_HELP "OSPF area ID in IP address format\nOSPF area ID as a decimal value\n"

static const struct cmd_def config_cmds[] = {
	{ "hostname WORD", "Set system's network name\nThis system's network name\n", NODE_CONFIG,
	  cmd_hostname, 0, 0 },
	{ "log stdout [" LOG_LEVELS "]",
	  "Logging control\nSet stdout logging level\n" LOG_LEVELS_HELP, NODE_CONFIG, cmd_noop, 0,
	  0 },
	{ "log syslog [" LOG_LEVELS "]",
	  "Logging control\nSet syslog logging level\n" LOG_LEVELS_HELP, NODE_CONFIG, cmd_noop, 0,
	  0 },
	{ "frr version LINE", "FRRouting global parameters\nversion of FRR\nversion string\n",
	  NODE_CONFIG, cmd_noop, 0, CMD_ATTR_HIDDEN },
	{ "frr defaults WORD", "FRRouting global parameters\nset of configuration defaults\nname\n",
	  NODE_CONFIG, cmd_noop, 0, CMD_ATTR_HIDDEN },
	{ "service integrated-vtysh-config",
	  "Set up miscellaneous service\nWrite configuration into integrated file\n", NODE_CONFIG,
	  cmd_noop, 0, CMD_ATTR_HIDDEN },
	{ "interface IFNAME", "Select an interface to configure\nInterface's name\n", NODE_CONFIG,
	  cmd_interface, NODE_INTERFACE, 0 },
	{ "router ospf", "Enable a routing process\nStart OSPF configuration\n", NODE_CONFIG,
	  cmd_router_ospf, NODE_OSPF, 0 },

	{ "description LINE",
	  "Interface specific description\nCharacters describing this interface\n", NODE_INTERFACE,
	  cmd_noop, 0, 0 },
	{ "ip ospf area <A.B.C.D|(0-4294967295)>",
	  IP_OSPF "Enable OSPF on this interface\n" AREA_ID_HELP, NODE_INTERFACE, cmd_ip_ospf_area,
	  0, 0 },
	{ "ip ospf cost (1-65535)", IP_OSPF "Interface cost\nCost\n", NODE_INTERFACE,
	  cmd_ip_ospf_number, 0, 0 },
	{ "ip ospf hello-interval (1-65535)", IP_OSPF "Time between HELLO packets\nSeconds\n",
	  NODE_INTERFACE, cmd_ip_ospf_number, 0, 0 },
	{ "ip ospf dead-interval (1-65535)",
	  IP_OSPF "Interval time after which a neighbor is declared down\nSeconds\n",
	  NODE_INTERFACE, cmd_ip_ospf_number, 0, 0 },
	{ "ip ospf retransmit-interval (1-65535)",
	  IP_OSPF "Time between retransmitting lost link state advertisements\nSeconds\n",
	  NODE_INTERFACE, cmd_ip_ospf_number, 0, 0 },
	{ "ip ospf transmit-delay (1-65535)", IP_OSPF "Link state transmit delay\nSeconds\n",
	  NODE_INTERFACE, cmd_ip_ospf_number, 0, 0 },
	{ "ip ospf priority (0-255)", IP_OSPF "Router priority\nPriority\n", NODE_INTERFACE,
	  cmd_ip_ospf_number, 0, 0 },
	{ "ip ospf network <broadcast|point-to-point>",
	  IP_OSPF "Network type\nSpecify OSPF broadcast multi-access network\n"
		  "Specify OSPF point-to-point network\n",
	  NODE_INTERFACE, cmd_ip_ospf_network, 0, 0 },
	{ "ip ospf passive", IP_OSPF "Suppress routing updates on an interface\n", NODE_INTERFACE,
	  cmd_ip_ospf_flag, 0, 0 },
	{ "ip ospf mtu-ignore", IP_OSPF "Disable MTU mismatch detection on this interface\n",
	  NODE_INTERFACE, cmd_ip_ospf_flag, 0, 0 },
	{ "exit", "Exit current mode and down to previous mode\n", NODE_INTERFACE,
	  cmd_exit_to_config, 0, 0 },

	{ "ospf router-id A.B.C.D",
	  "OSPF specific commands\nrouter-id for the OSPF process\n"
	  "OSPF router-id in IP address format\n",
	  NODE_OSPF, cmd_router_id, 0, 0 },
	{ "network A.B.C.D/M area <A.B.C.D|(0-4294967295)>",
	  "Enable routing on an IP network\nOSPF network prefix\nSet the OSPF area "
	  "ID\n" AREA_ID_HELP,
	  NODE_OSPF, cmd_network, 0, 0 },
	{ "passive-interface default",
	  "Suppress routing updates on an interface\n"
	  "Suppress routing updates on interfaces by default\n",
	  NODE_OSPF, cmd_passive_default, 0, 0 },
	{ "log-adjacency-changes [detail]",
	  "Log changes in adjacency state\nLog all state changes\n", NODE_OSPF, cmd_noop, 0, 0 },
	{ "exit", "Exit current mode and down to previous mode\n", NODE_OSPF, cmd_exit_to_config, 0,
	  0 },
};

int config_cmds_install(struct cmd_tree *t)
{
	if (cmd_node_install(t, NODE_CONFIG, CMD_NODE_NONE, "config") ||
	    cmd_node_install(t, NODE_INTERFACE, NODE_CONFIG, "config-if") ||
	    cmd_node_install(t, NODE_OSPF, NODE_CONFIG, "config-router"))
		return -1;
	return cmd_install_all(t, config_cmds, sizeof(config_cmds) / sizeof(config_cmds[0]));
}

int config_read_text(const char *name, const char *text, struct ospf_config *c, char *errbuf,
		     size_t errlen)
{
	struct cmd_tree *t = cmd_tree_new();
	struct config_ctx ctx = { .cfg = c };
	struct cmd_session s = { .node = NODE_CONFIG, .ctx = &ctx };
	struct cmd_status st = { 0 };
	struct cmd_out out;
	enum cmd_result r;

	config_init(c);
	if (!t || config_cmds_install(t)) {
		snprintf(errbuf, errlen, "%s: internal error: %s", name,
			 t ? cmd_tree_error(t) : "out of memory");
		cmd_tree_free(t);
		return -1;
	}
	cmd_out_init(&out);
	r = cmd_exec_text(t, &s, text, &out, &st);
	if (r != CMD_OK && r != CMD_WARNING) {
		/* st.msg says "% reason"; the file name and line lead, as compilers do */
		const char *msg = st.msg[0] == '%' ? st.msg + 1 : st.msg;

		while (*msg == ' ')
			msg++;
		if (!*msg && out.buf)
			msg = out.buf;
		snprintf(errbuf, errlen, "%s:%u: %s", name, st.line, msg);
		/* a handler's own message ends in a newline */
		errbuf[strcspn(errbuf, "\n")] = '\0';
		cmd_out_free(&out);
		cmd_tree_free(t);
		config_free(c);
		return -1;
	}
	cmd_out_free(&out);
	cmd_tree_free(t);
	return 0;
}

int config_read_file(const char *path, struct ospf_config *c, char *errbuf, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (!f) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	{
		FILE *m = open_memstream(&text, &len);
		char buf[4096];
		size_t n;

		while (m && (n = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, n, m);
		if (m)
			fclose(m);
	}
	fclose(f);
	if (!text) {
		snprintf(errbuf, errlen, "%s: out of memory", path);
		return -1;
	}
	rc = config_read_text(path, text, c, errbuf, errlen);
	free(text);
	return rc;
}
