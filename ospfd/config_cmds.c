/* SPDX-License-Identifier: ISC */
/*
 * The FRR-syntax configuration commands. Each one edits a candidate copy of the running
 * YANG tree: in a vty session the candidate is validated and committed by the command itself
 * (an invalid one prints why and changes nothing); while a file loads, all its commands write
 * one candidate that the loader validates and commits at the end.
 */
#include <libyang/libyang.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "config_int.h"
#include "show.h"

#define PATH_MAX_LEN 256
#define IFACE_PATH   "/ospfd:interfaces/interface[name='%s']"
#define AREA_PATH    "/ospfd:ospf/area[area-id='%s']"

typedef enum cmd_result (*edit_fn)(struct cmd_call *c, struct lyd_node **t);

static struct config_ctx *ctx_of(struct cmd_call *c)
{
	return c->ctx;
}

static struct ly_ctx *ly_of(struct cmd_call *c)
{
	return ctx_of(c)->store->ly;
}

static enum cmd_result err(struct cmd_call *c, const char *msg)
{
	cmd_out_printf(c->out, "%% %s\n", msg);
	return CMD_ERR;
}

/* libyang's message without the module prefixes of its paths. */
static void readable(char *s)
{
	char *p;

	while ((p = strstr(s, CFG_YANG_MODULE ":")))
		memmove(p, p + strlen(CFG_YANG_MODULE ":"),
			strlen(p + strlen(CFG_YANG_MODULE ":")) + 1);
}

static enum cmd_result ly_err(struct cmd_call *c, const char *fallback)
{
	char msg[512];

	yu_error(ly_of(c), fallback, msg, sizeof(msg));
	readable(msg);
	return err(c, msg);
}

/* ---- the edit transaction ---- */

/* Runs fn on the candidate: the file's, or a copy of the running tree that is committed. */
static enum cmd_result edit_run(struct cmd_call *c, edit_fn fn)
{
	struct config_ctx *x = ctx_of(c);
	struct lyd_node *scratch = NULL;
	enum cmd_result r;
	char msg[512];

	if (x->cand)
		return fn(c, x->cand);
	if (yu_dup(x->store->running, &scratch))
		return err(c, "Out of memory");
	r = fn(c, &scratch);
	if (r == CMD_OK || r == CMD_WARNING) {
		int rc = c->dry_run ? yu_validate(x->store->ly, &scratch, msg, sizeof(msg))
				    : config_store_commit(x->store, &scratch, msg, sizeof(msg));

		if (rc) {
			readable(msg);
			r = err(c, msg);
		}
	}
	lyd_free_all(scratch);
	return r;
}

#define EDIT_CMD(name)                                                               \
	static enum cmd_result name##_edit(struct cmd_call *c, struct lyd_node **t); \
	static enum cmd_result name(struct cmd_call *c)                              \
	{                                                                            \
		return edit_run(c, name##_edit);                                     \
	}                                                                            \
	static enum cmd_result name##_edit(struct cmd_call *c, struct lyd_node **t)

/* Sets the leaf at path to value (NULL for an empty leaf or a container), creating parents. */
static enum cmd_result set(struct cmd_call *c, struct lyd_node **t, const char *path,
			   const char *value)
{
	struct lyd_node *created = NULL;

	if (lyd_new_path(*t, ly_of(c), path, value, LYD_NEW_PATH_UPDATE, &created) != LY_SUCCESS)
		return ly_err(c, "Invalid value");
	if (!*t)
		*t = created;
	/* a new top-level node may have gone in front */
	if (*t)
		*t = lyd_first_sibling(*t);
	return CMD_OK;
}

static enum cmd_result setf(struct cmd_call *c, struct lyd_node **t, const char *value,
			    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum cmd_result setf(struct cmd_call *c, struct lyd_node **t, const char *value,
			    const char *fmt, ...)
{
	char path[PATH_MAX_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return set(c, t, path, value);
}

static bool has_explicit_children(const struct lyd_node *n)
{
	const struct lyd_node *k;

	LY_LIST_FOR(lyd_child(n), k)
	{
		if (!(k->flags & LYD_DEFAULT) && !lysc_is_key(k->schema))
			return true;
	}
	return false;
}

static void node_free(struct lyd_node **t, struct lyd_node *n)
{
	if (n == *t)
		*t = n->next;
	lyd_free_tree(n);
}

/* Deletes the node at path if present, then non-presence containers it leaves empty. */
static void del(struct lyd_node **t, const char *path)
{
	struct lyd_node *n = yu_find(*t, path);

	while (n) {
		struct lyd_node *parent = n->parent ? &n->parent->node : NULL;

		node_free(t, n);
		n = NULL;
		if (parent && parent->schema->nodetype == LYS_CONTAINER &&
		    !(parent->schema->flags & LYS_PRESENCE) && !has_explicit_children(parent))
			n = parent;
	}
}

static void delf(struct lyd_node **t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void delf(struct lyd_node **t, const char *fmt, ...)
{
	char path[PATH_MAX_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	del(t, path);
}

/* ---- arguments ---- */

/* An area id given as A.B.C.D or as a decimal number, in dotted-quad form. */
static const char *area_arg(struct cmd_call *c, int from, char *buf, size_t len)
{
	uint32_t v = 0;
	int i;

	for (i = from; i < c->args.argc; i++) {
		const struct cmd_arg *a = &c->args.argv[i];

		if (!cmd_arg_ipv4(a, &v) || !cmd_arg_range(a, &v))
			break;
	}
	snprintf(buf, len, "%u.%u.%u.%u", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
	return buf;
}

static const char *ipv4_text(uint32_t v, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u.%u", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
	return buf;
}

/* The first (m-n) argument after the keyword kw, as text, or NULL. */
static const char *number_after(struct cmd_call *c, const char *kw)
{
	int i = cmd_arg_index(&c->args, kw, 0);

	if (i < 0 || i + 1 >= c->args.argc || c->args.argv[i + 1].tok->kind != CMD_TOK_RANGE)
		return NULL;
	return c->args.argv[i + 1].text;
}

static const char *number_text(struct cmd_call *c, int idx, char *buf, size_t len)
{
	uint32_t v = 0;

	if (idx >= 0 && idx < c->args.argc)
		cmd_arg_range(&c->args.argv[idx], &v);
	snprintf(buf, len, "%u", v);
	return buf;
}

static bool no_form(struct cmd_call *c)
{
	return !strcmp(cmd_arg_value(&c->args, 0), "no");
}

/* ---- global ---- */

static enum cmd_result cmd_noop(struct cmd_call *c)
{
	(void)c;
	return CMD_OK;
}

/* log stdout|syslog [LEVEL]: FRR's default level is debugging. */
EDIT_CMD(cmd_log)
{
	const char *dest = cmd_arg_find(&c->args, "syslog") ? "syslog" : "stdout";
	int last = c->args.argc - 1;
	const char *level = last >= 2 && config_log_level(c->args.argv[last].text) >= 0
				? c->args.argv[last].text
				: "debugging";

	if (no_form(c)) {
		delf(t, "/ospfd:system/log/%s", dest);
		return CMD_OK;
	}
	return setf(c, t, level, "/ospfd:system/log/%s", dest);
}

EDIT_CMD(cmd_hostname)
{
	if (no_form(c)) {
		del(t, "/ospfd:system/hostname");
		return CMD_OK;
	}
	return set(c, t, "/ospfd:system/hostname", cmd_arg_value(&c->args, 1));
}

static bool ifname_ok(const char *name)
{
	return strlen(name) < IF_NAMESIZE && !strpbrk(name, "'\"/[]");
}

EDIT_CMD(cmd_interface_edit)
{
	const char *name = cmd_arg_value(&c->args, 1);

	snprintf(ctx_of(c)->ifname, sizeof(ctx_of(c)->ifname), "%s", name);
	return setf(c, t, NULL, IFACE_PATH, name);
}

static enum cmd_result cmd_interface(struct cmd_call *c)
{
	const char *name = cmd_arg_value(&c->args, 1);

	if (strlen(name) >= IF_NAMESIZE)
		return err(c, "Interface name is longer than 15 characters");
	if (!ifname_ok(name))
		return err(c, "Interface name has a character that is not allowed");
	return cmd_interface_edit(c);
}

EDIT_CMD(cmd_no_interface)
{
	const char *name = cmd_arg_value(&c->args, 2);

	if (!ifname_ok(name))
		return err(c, "No such interface");
	delf(t, IFACE_PATH, name);
	return CMD_OK;
}

EDIT_CMD(cmd_router_ospf)
{
	return set(c, t, "/ospfd:ospf", NULL);
}

EDIT_CMD(cmd_no_router_ospf)
{
	(void)c;
	del(t, "/ospfd:ospf");
	return CMD_OK;
}

static enum cmd_result cmd_exit_to_config(struct cmd_call *c)
{
	c->next_node = NODE_CONFIG;
	return CMD_OK;
}

/* ---- interface ---- */

EDIT_CMD(cmd_description)
{
	const char *ifn = ctx_of(c)->ifname;

	if (no_form(c)) {
		delf(t, IFACE_PATH "/description", ifn);
		return CMD_OK;
	}
	return setf(c, t, cmd_arg_value(&c->args, 1), IFACE_PATH "/description", ifn);
}

static bool any_iface_area(const struct lyd_node *t)
{
	return yu_find(t, "/ospfd:interfaces/interface/ospf/area") != NULL;
}

EDIT_CMD(cmd_ip_ospf_area)
{
	const char *ifn = ctx_of(c)->ifname;
	char area[16];

	if (no_form(c)) {
		delf(t, IFACE_PATH "/ospf/area", ifn);
		return CMD_OK;
	}
	if (yu_find(*t, "/ospfd:ospf/network"))
		return err(c, "Please remove all network commands first.");
	return setf(c, t, area_arg(c, 3, area, sizeof(area)), IFACE_PATH "/ospf/area", ifn);
}

/* `[no] ip ospf <what> (m-n)`: one numeric interface parameter; the leaf is named <what>. */
EDIT_CMD(cmd_ip_ospf_number)
{
	bool no = no_form(c);
	const char *what = cmd_arg_value(&c->args, no ? 3 : 2);
	const char *ifn = ctx_of(c)->ifname;
	char v[16];

	if (no) {
		delf(t, IFACE_PATH "/ospf/%s", ifn, what);
		return CMD_OK;
	}
	return setf(c, t, number_text(c, 3, v, sizeof(v)), IFACE_PATH "/ospf/%s", ifn, what);
}

EDIT_CMD(cmd_ip_ospf_network)
{
	const char *ifn = ctx_of(c)->ifname;

	if (no_form(c)) {
		delf(t, IFACE_PATH "/ospf/network-type", ifn);
		return CMD_OK;
	}
	return setf(c, t, cmd_arg_find(&c->args, "point-to-point") ? "point-to-point" : "broadcast",
		    IFACE_PATH "/ospf/network-type", ifn);
}

EDIT_CMD(cmd_ip_ospf_passive)
{
	/* as FRR: `no ip ospf passive` is kept, and makes the interface active even under
	 * passive-interface default */
	return setf(c, t, no_form(c) ? "false" : "true", IFACE_PATH "/ospf/passive",
		    ctx_of(c)->ifname);
}

EDIT_CMD(cmd_ip_ospf_mtu_ignore)
{
	const char *ifn = ctx_of(c)->ifname;

	if (no_form(c)) {
		delf(t, IFACE_PATH "/ospf/mtu-ignore", ifn);
		return CMD_OK;
	}
	return setf(c, t, NULL, IFACE_PATH "/ospf/mtu-ignore", ifn);
}

EDIT_CMD(cmd_ip_ospf_auth)
{
	const char *ifn = ctx_of(c)->ifname;
	const char *type = cmd_arg_find(&c->args, "message-digest") ? "message-digest"
			   : cmd_arg_find(&c->args, "null")	    ? "null"
								    : "simple";

	if (no_form(c)) {
		delf(t, IFACE_PATH "/ospf/authentication/type", ifn);
		return CMD_OK;
	}
	return setf(c, t, type, IFACE_PATH "/ospf/authentication/type", ifn);
}

EDIT_CMD(cmd_ip_ospf_auth_key)
{
	const char *ifn = ctx_of(c)->ifname;

	if (no_form(c)) {
		delf(t, IFACE_PATH "/ospf/authentication/key", ifn);
		return CMD_OK;
	}
	return setf(c, t, cmd_arg_find(&c->args, "AUTH_KEY")->text,
		    IFACE_PATH "/ospf/authentication/key", ifn);
}

/* The algorithm keyword of ip ospf message-digest-key: md5, or an RFC 5709 HMAC-SHA. */
static const char *key_algo(struct cmd_call *c)
{
	static const char *const algos[] = { "hmac-sha-1", "hmac-sha-256", "hmac-sha-384",
					     "hmac-sha-512" };
	size_t i;

	for (i = 0; i < sizeof(algos) / sizeof(algos[0]); i++)
		if (cmd_arg_find(&c->args, algos[i]))
			return algos[i];
	return "md5";
}

EDIT_CMD(cmd_ip_ospf_md5_key)
{
	const char *ifn = ctx_of(c)->ifname;
	const struct cmd_arg *key = cmd_arg_find(&c->args, "KEY");

	const char *algo = key_algo(c);
	enum cmd_result r;
	char id[8];

	number_text(c, cmd_arg_index(&c->args, "(1-255)", 0), id, sizeof(id));
	if (no_form(c)) {
		delf(t, IFACE_PATH "/ospf/authentication/message-digest-key[key-id='%s']", ifn, id);
		return CMD_OK;
	}
	r = setf(c, t, key->text,
		 IFACE_PATH "/ospf/authentication/message-digest-key[key-id='%s']/md5-key", ifn,
		 id);
	if (r != CMD_OK)
		return r;
	/* md5 is the default: left implicit so the rendering stays FRR's */
	if (!strcmp(algo, "md5")) {
		delf(t, IFACE_PATH "/ospf/authentication/message-digest-key[key-id='%s']/algorithm",
		     ifn, id);
		return CMD_OK;
	}
	return setf(c, t, algo,
		    IFACE_PATH "/ospf/authentication/message-digest-key[key-id='%s']/algorithm",
		    ifn, id);
}

/* ---- router ospf ---- */

EDIT_CMD(cmd_router_id)
{
	uint32_t id = 0;
	char buf[16];

	if (no_form(c)) {
		del(t, "/ospfd:ospf/router-id");
		return CMD_OK;
	}
	cmd_arg_ipv4(cmd_arg_find(&c->args, "A.B.C.D"), &id);
	if (!id)
		return err(c, "Router ID 0.0.0.0 is not valid");
	return set(c, t, "/ospfd:ospf/router-id", ipv4_text(id, buf, sizeof(buf)));
}

EDIT_CMD(cmd_network)
{
	char prefix[24], area[16], path[PATH_MAX_LEN];
	const char *have;
	uint32_t addr = 0;
	uint8_t len = 0;

	cmd_arg_prefix(cmd_arg_find(&c->args, "A.B.C.D/M"), &addr, &len);
	addr &= cfg_prefix_mask(len);
	ipv4_text(addr, prefix, sizeof(prefix));
	snprintf(prefix + strlen(prefix), sizeof(prefix) - strlen(prefix), "/%u", len);
	area_arg(c, no_form(c) ? 4 : 3, area, sizeof(area));
	snprintf(path, sizeof(path), "/ospfd:ospf/network[prefix='%s']/area", prefix);
	have = yu_get(*t, path);
	if (no_form(c)) {
		if (!have || strcmp(have, area))
			return err(c, "Can't find specified network area configuration.");
		snprintf(path, sizeof(path), "/ospfd:ospf/network[prefix='%s']", prefix);
		del(t, path);
		return CMD_OK;
	}
	if (any_iface_area(*t))
		return err(c, "Please remove all ip ospf area x.x.x.x commands first.");
	if (have && strcmp(have, area))
		return err(c, "The network is already assigned to another area");
	return set(c, t, path, area);
}

EDIT_CMD(cmd_passive_default)
{
	if (no_form(c)) {
		del(t, "/ospfd:ospf/passive-interface-default");
		return CMD_OK;
	}
	return set(c, t, "/ospfd:ospf/passive-interface-default", "true");
}

/* `[no] <words...> (m-n)` setting one leaf at path; the no form deletes it. */
static enum cmd_result number_leaf(struct cmd_call *c, struct lyd_node **t, const char *path)
{
	char v[16];
	int i;

	if (no_form(c)) {
		del(t, path);
		return CMD_OK;
	}
	for (i = c->args.argc - 1; i > 0 && c->args.argv[i].tok->kind != CMD_TOK_RANGE; i--)
		;
	return set(c, t, path, number_text(c, i, v, sizeof(v)));
}

EDIT_CMD(cmd_ref_bandwidth)
{
	return number_leaf(c, t, "/ospfd:ospf/reference-bandwidth");
}

EDIT_CMD(cmd_maximum_paths)
{
	return number_leaf(c, t, "/ospfd:ospf/maximum-paths");
}

EDIT_CMD(cmd_max_metric_startup)
{
	return number_leaf(c, t, "/ospfd:ospf/stub-router/on-startup");
}

EDIT_CMD(cmd_max_metric_admin)
{
	if (no_form(c)) {
		del(t, "/ospfd:ospf/stub-router/administrative");
		return CMD_OK;
	}
	return set(c, t, "/ospfd:ospf/stub-router/administrative", NULL);
}

EDIT_CMD(cmd_timers_spf)
{
	static const char *const leaf[] = { "delay", "hold", "max-wait" };
	char v[16], path[PATH_MAX_LEN];
	enum cmd_result r = CMD_OK;
	int i, n = 0;

	if (no_form(c)) {
		del(t, "/ospfd:ospf/timers");
		return CMD_OK;
	}
	for (i = 0; i < c->args.argc && r == CMD_OK && n < 3; i++) {
		if (c->args.argv[i].tok->kind != CMD_TOK_RANGE)
			continue;
		snprintf(path, sizeof(path), "/ospfd:ospf/timers/throttle-spf/%s", leaf[n++]);
		r = set(c, t, path, number_text(c, i, v, sizeof(v)));
	}
	return r;
}

/* Removes an area entry that holds nothing but its id. */
static void area_prune(struct lyd_node **t, const char *area)
{
	char path[PATH_MAX_LEN];
	struct lyd_node *n;

	snprintf(path, sizeof(path), AREA_PATH, area);
	n = yu_find(*t, path);
	if (n && !has_explicit_children(n))
		node_free(t, n);
}

/* The area of an `area X ...` command (the id is argument 1, or 2 in the no form). */
static const char *cmd_area(struct cmd_call *c, char *buf, size_t len)
{
	return area_arg(c, no_form(c) ? 2 : 1, buf, len);
}

EDIT_CMD(cmd_area_stub)
{
	bool nssa = cmd_arg_find(&c->args, "nssa") != NULL;
	static const char *const roles[] = { "translate-candidate", "translate-never",
					     "translate-always" };
	enum cmd_result r;
	char area[16];
	size_t i;

	cmd_area(c, area, sizeof(area));
	if (no_form(c)) {
		/* `no area X stub no-summary` keeps the stub area, with summaries */
		delf(t, AREA_PATH "/no-summary", area);
		if (!cmd_arg_find(&c->args, "no-summary")) {
			delf(t, AREA_PATH "/type", area);
			delf(t, AREA_PATH "/nssa-translator-role", area);
			delf(t, AREA_PATH "/default-cost", area);
		}
		area_prune(t, area);
		return CMD_OK;
	}
	r = setf(c, t, nssa ? "nssa" : "stub", AREA_PATH "/type", area);
	if (r != CMD_OK)
		return r;
	if (!nssa)
		delf(t, AREA_PATH "/nssa-translator-role", area);
	if (cmd_arg_find(&c->args, "no-summary"))
		r = setf(c, t, NULL, AREA_PATH "/no-summary", area);
	for (i = 0; r == CMD_OK && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (cmd_arg_find(&c->args, roles[i]))
			r = setf(c, t, roles[i] + strlen("translate-"),
				 AREA_PATH "/nssa-translator-role", area);
	return r;
}

/* `area X default-cost N`: like FRR, only for a stub area or NSSA. */
EDIT_CMD(cmd_area_default_cost)
{
	char area[16], path[PATH_MAX_LEN], num[16];
	const char *type;

	cmd_area(c, area, sizeof(area));
	snprintf(path, sizeof(path), AREA_PATH "/type", area);
	type = yu_get(*t, path);
	if (!type || !strcmp(type, "normal"))
		return err(c, "The area is neither stub, nor NSSA");
	if (no_form(c)) {
		delf(t, AREA_PATH "/default-cost", area);
		return CMD_OK;
	}
	return setf(c, t, number_text(c, c->args.argc - 1, num, sizeof(num)),
		    AREA_PATH "/default-cost", area);
}

EDIT_CMD(cmd_area_range)
{
	char area[16], prefix[24], range[PATH_MAX_LEN], leaf[PATH_MAX_LEN + 32];
	const char *cost = number_after(c, "cost");
	bool not_advertise = cmd_arg_find(&c->args, "not-advertise") != NULL;
	enum cmd_result r;
	uint32_t addr = 0;
	uint8_t len = 0;

	cmd_area(c, area, sizeof(area));
	cmd_arg_prefix(cmd_arg_find(&c->args, "A.B.C.D/M"), &addr, &len);
	ipv4_text(addr & cfg_prefix_mask(len), prefix, sizeof(prefix));
	snprintf(range, sizeof(range), AREA_PATH "/range[prefix='%s/%u']", area, prefix, len);
	if (no_form(c)) {
		del(t, range);
		area_prune(t, area);
		return CMD_OK;
	}
	r = set(c, t, range, NULL);
	/* not-advertise and a cost exclude each other: the new one replaces the old */
	snprintf(leaf, sizeof(leaf), "%s/not-advertise", range);
	if (r == CMD_OK && not_advertise)
		r = set(c, t, leaf, NULL);
	else
		del(t, leaf);
	snprintf(leaf, sizeof(leaf), "%s/cost", range);
	if (r == CMD_OK && cost)
		r = set(c, t, leaf, cost);
	else if (not_advertise)
		del(t, leaf);
	return r;
}

EDIT_CMD(cmd_area_vlink)
{
	char area[16], peer[16];
	uint32_t id = 0;

	cmd_area(c, area, sizeof(area));
	cmd_arg_ipv4(&c->args.argv[c->args.argc - 1], &id);
	ipv4_text(id, peer, sizeof(peer));
	if (no_form(c)) {
		delf(t, AREA_PATH "/virtual-link[peer='%s']", area, peer);
		area_prune(t, area);
		return CMD_OK;
	}
	return setf(c, t, NULL, AREA_PATH "/virtual-link[peer='%s']", area, peer);
}

EDIT_CMD(cmd_area_auth)
{
	char area[16];

	cmd_area(c, area, sizeof(area));
	if (no_form(c)) {
		delf(t, AREA_PATH "/authentication", area);
		area_prune(t, area);
		return CMD_OK;
	}
	return setf(c, t, cmd_arg_find(&c->args, "message-digest") ? "message-digest" : "simple",
		    AREA_PATH "/authentication", area);
}

/* Options of redistribute and default-information: each command replaces the previous. */
static enum cmd_result external_set(struct cmd_call *c, struct lyd_node **t, const char *base)
{
	const char *metric = number_after(c, "metric");
	const char *type = number_after(c, "metric-type");
	char path[PATH_MAX_LEN];
	enum cmd_result r = set(c, t, base, NULL);

	snprintf(path, sizeof(path), "%s/always", base);
	if (r == CMD_OK && cmd_arg_find(&c->args, "always"))
		r = set(c, t, path, NULL);
	else
		del(t, path);
	snprintf(path, sizeof(path), "%s/metric", base);
	if (r == CMD_OK && metric)
		r = set(c, t, path, metric);
	else
		del(t, path);
	snprintf(path, sizeof(path), "%s/metric-type", base);
	if (r == CMD_OK && type)
		r = set(c, t, path, type);
	else
		del(t, path);
	return r;
}

EDIT_CMD(cmd_redistribute)
{
	const char *proto = cmd_arg_value(&c->args, no_form(c) ? 2 : 1);
	char base[PATH_MAX_LEN];

	snprintf(base, sizeof(base), "/ospfd:ospf/redistribute[protocol='%s']", proto);
	if (no_form(c)) {
		del(t, base);
		return CMD_OK;
	}
	return external_set(c, t, base);
}

EDIT_CMD(cmd_default_info)
{
	if (no_form(c)) {
		del(t, "/ospfd:ospf/default-information");
		return CMD_OK;
	}
	return external_set(c, t, "/ospfd:ospf/default-information");
}

/* ---- show running-config, write memory (NODE_VIEW: the context is a struct show_ctx) ---- */

static struct config_store *view_store(struct cmd_call *c)
{
	if (c->node == NODE_VIEW)
		return ((struct show_ctx *)c->ctx)->config;
	return ctx_of(c)->store;
}

static enum cmd_result cmd_show_running(struct cmd_call *c)
{
	struct config_store *cs = view_store(c);
	char *text;

	if (!cs)
		return err(c, "No configuration store");
	if (cmd_arg_find(&c->args, "json"))
		text = config_render_json(cs);
	else if (cmd_arg_find(&c->args, "xml"))
		text = config_render_xml(cs);
	else
		text = config_render_cli(config_store_running(cs));
	if (!text)
		return err(c, "Out of memory");
	if (cmd_arg_find(&c->args, "json") || cmd_arg_find(&c->args, "xml"))
		cmd_out_printf(c->out, "%s", text);
	else
		cmd_out_printf(c->out,
			       "Building configuration...\n\nCurrent configuration:\n!\n%s"
			       "end\n",
			       text);
	free(text);
	return CMD_OK;
}

static enum cmd_result cmd_write(struct cmd_call *c)
{
	struct config_store *cs = view_store(c);
	char msg[512];

	if (!cs || !config_store_path(cs))
		return err(c, "No configuration file to write to");
	if (config_store_write(cs, config_store_path(cs), msg, sizeof(msg)))
		return err(c, msg);
	cmd_out_printf(c->out, "Configuration saved to %s\n[OK]\n", config_store_path(cs));
	return CMD_OK;
}

/* ---- the definitions ---- */

#define LOG_LEVELS \
	"<emergencies|alerts|critical|errors|warnings|notifications|informational|debugging>"
#define LOG_LEVELS_HELP                                                                        \
	"System is unusable\nImmediate action needed\nCritical conditions\nError conditions\n" \
	"Warning conditions\nNormal but significant conditions\nInformational messages\n"      \
	"Debugging messages\n"
#define NO	"Negate a command or set its defaults\n"
#define IP_OSPF "IP Information\nOSPF interface commands\n"
#define AREA	"<A.B.C.D|(0-4294967295)>"
#define AREA_HELP                                                   \
	"OSPF area parameters\nOSPF area ID in IP address format\n" \
	"OSPF area ID as a decimal value\n"
#define AREA_ID_HELP "OSPF area ID in IP address format\nOSPF area ID as a decimal value\n"
#define EXTERNAL     "[{metric (0-16777214)|metric-type (1-2)}]"
#define EXTERNAL_HELP                                                                     \
	"Metric for redistributed routes\nOSPF default metric\n"                          \
	"OSPF exterior metric type for redistributed routes\nSet OSPF External Type 1/2 " \
	"metrics\n"
#define REDIST "<kernel|connected|static>"
#define REDIST_HELP                                                           \
	"Kernel routes (main table: boot, dhcp, ...; not static, not ours)\n" \
	"Connected routes (directly attached subnet or host)\n"               \
	"Static routes (kernel routes of protocol static)\n"
#define NSSA_OPTS "[{no-summary|translate-candidate|translate-never|translate-always}]"
#define NSSA_HELP                                                                      \
	"Do not inject inter-area routes into nssa\nConfigure NSSA-ABR for translate " \
	"election (default)\nConfigure NSSA-ABR to never translate\n"                  \
	"Configure NSSA-ABR to always translate\n"
#define RANGE_OPTS "[<advertise [cost (0-16777215)]|not-advertise|cost (0-16777215)>]"
#define RANGE_HELP                                                                          \
	"Advertise this range (default)\nUser specified metric for this range\nAdvertised " \
	"metric for this range\nDoNotAdvertise this range\nUser specified metric for this " \
	"range\nAdvertised metric for this range\n"
#define NUMBER_CMD(kw, range, help)                                                          \
	{ "ip ospf " kw " " range, IP_OSPF help, NODE_INTERFACE, cmd_ip_ospf_number, 0, 0 }, \
	{                                                                                    \
		"no ip ospf " kw " [" range "]", NO IP_OSPF help, NODE_INTERFACE,            \
		    cmd_ip_ospf_number, 0, 0                                                 \
	}

static const struct cmd_def config_cmds[] = {
	{ "hostname WORD", "Set system's network name\nThis system's network name\n", NODE_CONFIG,
	  cmd_hostname, 0, 0 },
	{ "no hostname [WORD]", NO "Reset system's network name\nHost name of this router\n",
	  NODE_CONFIG, cmd_hostname, 0, 0 },
	{ "log stdout [" LOG_LEVELS "]",
	  "Logging control\nSet stdout logging level\n" LOG_LEVELS_HELP, NODE_CONFIG, cmd_log, 0,
	  0 },
	{ "log syslog [" LOG_LEVELS "]",
	  "Logging control\nSet syslog logging level\n" LOG_LEVELS_HELP, NODE_CONFIG, cmd_log, 0,
	  0 },
	{ "no log stdout [" LOG_LEVELS "]",
	  NO "Logging control\nCancel logging to stdout\n" LOG_LEVELS_HELP, NODE_CONFIG, cmd_log, 0,
	  0 },
	{ "no log syslog [" LOG_LEVELS "]",
	  NO "Logging control\nCancel logging to syslog\n" LOG_LEVELS_HELP, NODE_CONFIG, cmd_log, 0,
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
	{ "no interface IFNAME", NO "Delete a pseudo interface's configuration\nInterface's name\n",
	  NODE_CONFIG, cmd_no_interface, 0, 0 },
	{ "router ospf", "Enable a routing process\nStart OSPF configuration\n", NODE_CONFIG,
	  cmd_router_ospf, NODE_OSPF, 0 },
	{ "no router ospf", NO "Enable a routing process\nStart OSPF configuration\n", NODE_CONFIG,
	  cmd_no_router_ospf, 0, 0 },

	{ "description LINE",
	  "Interface specific description\nCharacters describing this interface\n", NODE_INTERFACE,
	  cmd_description, 0, 0 },
	{ "no description [LINE]",
	  NO "Interface specific description\nCharacters describing this interface\n",
	  NODE_INTERFACE, cmd_description, 0, 0 },
	{ "ip ospf area " AREA, IP_OSPF "Enable OSPF on this interface\n" AREA_ID_HELP,
	  NODE_INTERFACE, cmd_ip_ospf_area, 0, 0 },
	{ "no ip ospf area [" AREA "]", NO IP_OSPF "Disable OSPF on this interface\n" AREA_ID_HELP,
	  NODE_INTERFACE, cmd_ip_ospf_area, 0, 0 },
	NUMBER_CMD("cost", "(1-65535)", "Interface cost\nCost\n"),
	NUMBER_CMD("hello-interval", "(1-65535)", "Time between HELLO packets\nSeconds\n"),
	NUMBER_CMD("dead-interval", "(1-65535)",
		   "Interval time after which a neighbor is declared down\nSeconds\n"),
	NUMBER_CMD("retransmit-interval", "(1-65535)",
		   "Time between retransmitting lost link state advertisements\nSeconds\n"),
	NUMBER_CMD("transmit-delay", "(1-65535)", "Link state transmit delay\nSeconds\n"),
	NUMBER_CMD("priority", "(0-255)", "Router priority\nPriority\n"),
	{ "ip ospf network <broadcast|point-to-point>",
	  IP_OSPF "Network type\nSpecify OSPF broadcast multi-access network\n"
		  "Specify OSPF point-to-point network\n",
	  NODE_INTERFACE, cmd_ip_ospf_network, 0, 0 },
	{ "no ip ospf network [<broadcast|point-to-point>]",
	  NO IP_OSPF "Network type\nSpecify OSPF broadcast multi-access network\n"
		     "Specify OSPF point-to-point network\n",
	  NODE_INTERFACE, cmd_ip_ospf_network, 0, 0 },
	{ "ip ospf passive", IP_OSPF "Suppress routing updates on an interface\n", NODE_INTERFACE,
	  cmd_ip_ospf_passive, 0, 0 },
	{ "no ip ospf passive", NO IP_OSPF "Suppress routing updates on an interface\n",
	  NODE_INTERFACE, cmd_ip_ospf_passive, 0, 0 },
	{ "ip ospf mtu-ignore", IP_OSPF "Disable MTU mismatch detection on this interface\n",
	  NODE_INTERFACE, cmd_ip_ospf_mtu_ignore, 0, 0 },
	{ "no ip ospf mtu-ignore", NO IP_OSPF "Disable MTU mismatch detection on this interface\n",
	  NODE_INTERFACE, cmd_ip_ospf_mtu_ignore, 0, 0 },
	{ "ip ospf authentication [<message-digest|null>]",
	  IP_OSPF "Enable authentication on this interface\nUse message-digest authentication\n"
		  "Use null authentication\n",
	  NODE_INTERFACE, cmd_ip_ospf_auth, 0, 0 },
	{ "no ip ospf authentication [<message-digest|null>]",
	  NO IP_OSPF "Enable authentication on this interface\nUse message-digest authentication\n"
		     "Use null authentication\n",
	  NODE_INTERFACE, cmd_ip_ospf_auth, 0, 0 },
	{ "ip ospf authentication-key AUTH_KEY",
	  IP_OSPF "Authentication password (key)\nThe OSPF password (key), up to 8 characters\n",
	  NODE_INTERFACE, cmd_ip_ospf_auth_key, 0, 0 },
	{ "no ip ospf authentication-key [AUTH_KEY]",
	  NO IP_OSPF "Authentication password (key)\nThe OSPF password (key)\n", NODE_INTERFACE,
	  cmd_ip_ospf_auth_key, 0, 0 },
	{ "ip ospf message-digest-key (1-255) "
	  "<md5|hmac-sha-1|hmac-sha-256|hmac-sha-384|hmac-sha-512> "
	  "KEY",
	  IP_OSPF "Message digest authentication password (key)\nKey ID\nUse MD5 algorithm\n"
		  "Use HMAC-SHA-1 (RFC 5709, our extension)\n"
		  "Use HMAC-SHA-256 (RFC 5709, our extension)\n"
		  "Use HMAC-SHA-384 (RFC 5709, our extension)\n"
		  "Use HMAC-SHA-512 (RFC 5709, our extension)\n"
		  "The OSPF password (key), up to 16 characters for MD5, 64 for HMAC-SHA\n",
	  NODE_INTERFACE, cmd_ip_ospf_md5_key, 0, 0 },
	{ "no ip ospf message-digest-key (1-255) "
	  "[<md5|hmac-sha-1|hmac-sha-256|hmac-sha-384|hmac-sha-512> KEY]",
	  NO IP_OSPF "Message digest authentication password (key)\nKey ID\nUse MD5 algorithm\n"
		     "Use HMAC-SHA-1\nUse HMAC-SHA-256\nUse HMAC-SHA-384\nUse HMAC-SHA-512\n"
		     "The OSPF password (key)\n",
	  NODE_INTERFACE, cmd_ip_ospf_md5_key, 0, 0 },
	{ "exit", "Exit current mode and down to previous mode\n", NODE_INTERFACE,
	  cmd_exit_to_config, 0, 0 },

	{ "ospf router-id A.B.C.D",
	  "OSPF specific commands\nrouter-id for the OSPF process\n"
	  "OSPF router-id in IP address format\n",
	  NODE_OSPF, cmd_router_id, 0, 0 },
	{ "no ospf router-id [A.B.C.D]",
	  NO "OSPF specific commands\nrouter-id for the OSPF process\n"
	     "OSPF router-id in IP address format\n",
	  NODE_OSPF, cmd_router_id, 0, 0 },
	{ "network A.B.C.D/M area " AREA,
	  "Enable routing on an IP network\nOSPF network prefix\nSet the OSPF area "
	  "ID\n" AREA_ID_HELP,
	  NODE_OSPF, cmd_network, 0, 0 },
	{ "no network A.B.C.D/M area " AREA,
	  NO "Enable routing on an IP network\nOSPF network prefix\nSet the OSPF area "
	     "ID\n" AREA_ID_HELP,
	  NODE_OSPF, cmd_network, 0, 0 },
	{ "passive-interface default",
	  "Suppress routing updates on an interface\n"
	  "Suppress routing updates on interfaces by default\n",
	  NODE_OSPF, cmd_passive_default, 0, 0 },
	{ "no passive-interface default",
	  NO "Suppress routing updates on an interface\n"
	     "Suppress routing updates on interfaces by default\n",
	  NODE_OSPF, cmd_passive_default, 0, 0 },
	{ "log-adjacency-changes [detail]",
	  "Log changes in adjacency state\nLog all state changes\n", NODE_OSPF, cmd_noop, 0, 0 },
	{ "auto-cost reference-bandwidth (1-4294967)",
	  "Calculate OSPF interface cost according to bandwidth\nUse reference bandwidth method "
	  "to assign OSPF cost\nThe reference bandwidth in terms of Mbits per second\n",
	  NODE_OSPF, cmd_ref_bandwidth, 0, 0 },
	{ "no auto-cost reference-bandwidth [(1-4294967)]",
	  NO "Calculate OSPF interface cost according to bandwidth\nUse reference bandwidth "
	     "method to assign OSPF cost\nThe reference bandwidth in terms of Mbits per second\n",
	  NODE_OSPF, cmd_ref_bandwidth, 0, 0 },
	{ "maximum-paths (1-64)", "Max no of multiple paths for ECMP support\nNumber of paths\n",
	  NODE_OSPF, cmd_maximum_paths, 0, 0 },
	{ "no maximum-paths [(1-64)]",
	  NO "Max no of multiple paths for ECMP support\nNumber of paths\n", NODE_OSPF,
	  cmd_maximum_paths, 0, 0 },
	{ "timers throttle spf (0-600000) (0-600000) (0-600000)",
	  "Adjust routing timers\nThrottling adaptive timer\nOSPF SPF timers\n"
	  "Delay (msec) from first change received till SPF calculation\n"
	  "Initial hold time (msec) between consecutive SPF calculations\n"
	  "Maximum hold time (msec)\n",
	  NODE_OSPF, cmd_timers_spf, 0, 0 },
	{ "no timers throttle spf [(0-600000) (0-600000) (0-600000)]",
	  NO "Adjust routing timers\nThrottling adaptive timer\nOSPF SPF timers\n"
	     "Delay (msec) from first change received till SPF calculation\n"
	     "Initial hold time (msec) between consecutive SPF calculations\n"
	     "Maximum hold time (msec)\n",
	  NODE_OSPF, cmd_timers_spf, 0, 0 },
	{ "max-metric router-lsa administrative",
	  "OSPF maximum / infinite-distance metric\nAdvertise own Router-LSA with infinite "
	  "distance (stub router)\nAdministratively applied, for an indefinite period\n",
	  NODE_OSPF, cmd_max_metric_admin, 0, 0 },
	{ "no max-metric router-lsa administrative",
	  NO "OSPF maximum / infinite-distance metric\nAdvertise own Router-LSA with infinite "
	     "distance (stub router)\nAdministratively applied, for an indefinite period\n",
	  NODE_OSPF, cmd_max_metric_admin, 0, 0 },
	{ "max-metric router-lsa on-startup (5-86400)",
	  "OSPF maximum / infinite-distance metric\nAdvertise own Router-LSA with infinite "
	  "distance (stub router)\nAutomatically advertise stub Router-LSA on startup of OSPF\n"
	  "Time (seconds) to advertise self as stub-router\n",
	  NODE_OSPF, cmd_max_metric_startup, 0, 0 },
	{ "no max-metric router-lsa on-startup [(5-86400)]",
	  NO "OSPF maximum / infinite-distance metric\nAdvertise own Router-LSA with infinite "
	     "distance (stub router)\nAutomatically advertise stub Router-LSA on startup of "
	     "OSPF\nTime (seconds) to advertise self as stub-router\n",
	  NODE_OSPF, cmd_max_metric_startup, 0, 0 },
	{ "area " AREA " stub [no-summary]",
	  AREA_HELP "Configure OSPF area as stub\nDo not inject inter-area routes into stub\n",
	  NODE_OSPF, cmd_area_stub, 0, 0 },
	{ "no area " AREA " stub [no-summary]",
	  NO AREA_HELP "Configure OSPF area as stub\nDo not inject inter-area routes into area\n",
	  NODE_OSPF, cmd_area_stub, 0, 0 },
	{ "area " AREA " nssa " NSSA_OPTS, AREA_HELP "Configure OSPF area as nssa\n" NSSA_HELP,
	  NODE_OSPF, cmd_area_stub, 0, 0 },
	{ "no area " AREA " nssa [no-summary]",
	  NO AREA_HELP "Configure OSPF area as nssa\nDo not inject inter-area routes into nssa\n",
	  NODE_OSPF, cmd_area_stub, 0, 0 },
	{ "area " AREA " default-cost (0-16777215)",
	  AREA_HELP "Set the summary-default cost of a NSSA or stub area\n"
		    "Stub's advertised default summary cost\n",
	  NODE_OSPF, cmd_area_default_cost, 0, 0 },
	{ "no area " AREA " default-cost [(0-16777215)]",
	  NO AREA_HELP "Set the summary-default cost of a NSSA or stub area\n"
		       "Stub's advertised default summary cost\n",
	  NODE_OSPF, cmd_area_default_cost, 0, 0 },
	{ "area " AREA " range A.B.C.D/M " RANGE_OPTS,
	  AREA_HELP "Summarize routes matching address/mask (border routers only)\n"
		    "Area range prefix\n" RANGE_HELP,
	  NODE_OSPF, cmd_area_range, 0, 0 },
	{ "no area " AREA " range A.B.C.D/M " RANGE_OPTS,
	  NO AREA_HELP "Summarize routes matching address/mask (border routers only)\n"
		       "Area range prefix\n" RANGE_HELP,
	  NODE_OSPF, cmd_area_range, 0, 0 },
	{ "area " AREA " virtual-link A.B.C.D",
	  AREA_HELP "Configure a virtual link\nRouter ID of the remote ABR\n", NODE_OSPF,
	  cmd_area_vlink, 0, 0 },
	{ "no area " AREA " virtual-link A.B.C.D",
	  NO AREA_HELP "Configure a virtual link\nRouter ID of the remote ABR\n", NODE_OSPF,
	  cmd_area_vlink, 0, 0 },
	{ "area " AREA " authentication [message-digest]",
	  AREA_HELP "Enable authentication\nUse message-digest authentication\n", NODE_OSPF,
	  cmd_area_auth, 0, 0 },
	{ "no area " AREA " authentication [message-digest]",
	  NO AREA_HELP "Enable authentication\nUse message-digest authentication\n", NODE_OSPF,
	  cmd_area_auth, 0, 0 },
	{ "redistribute " REDIST " " EXTERNAL,
	  "Redistribute information from another routing protocol\n" REDIST_HELP EXTERNAL_HELP,
	  NODE_OSPF, cmd_redistribute, 0, 0 },
	{ "no redistribute " REDIST " " EXTERNAL,
	  NO "Redistribute information from another routing protocol\n" REDIST_HELP EXTERNAL_HELP,
	  NODE_OSPF, cmd_redistribute, 0, 0 },
	{ "default-information originate [{always|metric (0-16777214)|metric-type (1-2)}]",
	  "Control distribution of default information\nDistribute a default route\n"
	  "Always advertise default route\n" EXTERNAL_HELP,
	  NODE_OSPF, cmd_default_info, 0, 0 },
	{ "no default-information originate [{always|metric (0-16777214)|metric-type (1-2)}]",
	  NO "Control distribution of default information\nDistribute a default route\n"
	     "Always advertise default route\n" EXTERNAL_HELP,
	  NODE_OSPF, cmd_default_info, 0, 0 },
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

static const struct cmd_def view_cmds[] = {
	{ "show running-config [<json|xml>]",
	  "Show running system information\nCurrent operating configuration\n"
	  "JavaScript Object Notation (YANG data)\nExtensible Markup Language (YANG data)\n",
	  NODE_VIEW, cmd_show_running, 0, 0 },
	{ "write [<memory|file>]",
	  "Write running configuration to memory, network, or terminal\n"
	  "Write configuration to the file (same as write file)\n"
	  "Write configuration to the file (same as write memory)\n",
	  NODE_VIEW, cmd_write, 0, 0 },
	{ "copy running-config startup-config",
	  "Copy configuration\nCopy running config to...\nCopy running config to startup config "
	  "(same as write file/memory)\n",
	  NODE_VIEW, cmd_write, 0, 0 },
};

int config_view_cmds_install(struct cmd_tree *t)
{
	return cmd_install_all(t, view_cmds, sizeof(view_cmds) / sizeof(view_cmds[0]));
}
