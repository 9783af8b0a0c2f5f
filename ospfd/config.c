/* SPDX-License-Identifier: ISC */
/* The plain configuration the protocol reads, derived from the running YANG tree. */
#include "config.h"

#include <arpa/inet.h>
#include <libyang/libyang.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_int.h"
#include "iface.h"

void config_init(struct ospf_config *c)
{
	memset(c, 0, sizeof(*c));
	c->ref_bandwidth = 100;
	c->max_paths = 64;
	c->spf_hold_ms = 50;
	c->spf_max_ms = 5000;
	c->log_stdout_level = c->log_syslog_level = -1;
}

static const char *const log_levels[] = { "emergencies",   "alerts",   "critical",
					  "errors",	   "warnings", "notifications",
					  "informational", "debugging" };

int config_log_level(const char *name)
{
	for (int i = 0; i < 8; i++)
		if (name && !strcmp(name, log_levels[i]))
			return i;
	return -1;
}

void config_free(struct ospf_config *c)
{
	size_t i;

	for (i = 0; i < c->nifaces; i++)
		free(c->ifaces[i].md5_keys);
	for (i = 0; i < c->nareas; i++) {
		free(c->areas[i].ranges);
		free(c->areas[i].vlinks);
	}
	free(c->networks);
	free(c->ifaces);
	free(c->areas);
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

const struct cfg_area *config_area_find(const struct ospf_config *c, uint32_t id)
{
	size_t i;

	for (i = 0; i < c->nareas; i++)
		if (c->areas[i].id == id)
			return &c->areas[i];
	return NULL;
}

uint32_t cfg_prefix_mask(uint8_t len)
{
	return len ? 0xffffffffu << (32 - len) : 0;
}

/* RFC 2328 D: the interface's authentication type, else its area's (FRR's rule); the
 * password and keys are the interface's. */
static void auth_resolve(const struct ospf_config *c, const struct cfg_iface *ci, uint32_t area,
			 struct auth_conf *out)
{
	const struct cfg_area *a = config_area_find(c, area);
	enum cfg_auth t = ci ? ci->auth : CFG_AUTH_UNSET;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (t == CFG_AUTH_UNSET && a)
		t = a->auth;
	out->type = t == CFG_AUTH_UNSET ? OSPF_AUTH_NULL : (uint8_t)t;
	if (!ci)
		return;
	memcpy(out->simple, ci->auth_key, strnlen(ci->auth_key, AUTH_SIMPLE_LEN));
	for (i = 0; i < ci->nmd5_keys; i++)
		auth_conf_set_key(out, ci->md5_keys[i].id, (enum auth_algo)ci->md5_keys[i].algo,
				  ci->md5_keys[i].key);
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
		if (prefixlen >= n->len && (addr & cfg_prefix_mask(n->len)) == n->prefix) {
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
	auth_resolve(c, ci, *area, &params->auth);
	return true;
}

/* ---- deriving from the tree ---- */

bool cfg_parse_ipv4(const char *s, uint32_t *v)
{
	struct in_addr a;

	if (!s || inet_pton(AF_INET, s, &a) != 1)
		return false;
	*v = ntohl(a.s_addr);
	return true;
}

bool cfg_parse_prefix(const char *s, uint32_t *addr, uint8_t *len)
{
	char buf[32];
	char *slash;
	long l;

	if (!s || strlen(s) >= sizeof(buf))
		return false;
	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (!slash)
		return false;
	*slash = '\0';
	l = strtol(slash + 1, NULL, 10);
	if (l < 0 || l > 32 || !cfg_parse_ipv4(buf, addr))
		return false;
	*len = (uint8_t)l;
	return true;
}

/* The value of the child leaf name of n, or NULL (implicit defaults included). */
static const char *child(const struct lyd_node *n, const char *name)
{
	struct lyd_node *m = NULL;

	if (!n || lyd_find_path(n, name, 0, &m) != LY_SUCCESS)
		return NULL;
	return lyd_get_value(m);
}

static uint32_t child_u32(const struct lyd_node *n, const char *name, uint32_t dflt)
{
	const char *v = child(n, name);

	return v ? (uint32_t)strtoul(v, NULL, 10) : dflt;
}

static enum cfg_auth auth_parse(const char *v)
{
	if (!v)
		return CFG_AUTH_UNSET;
	if (!strcmp(v, "simple"))
		return CFG_AUTH_SIMPLE;
	if (!strcmp(v, "message-digest"))
		return CFG_AUTH_MD5;
	return CFG_AUTH_NULL;
}

static int derive_md5_keys(const struct lyd_node *auth, struct cfg_iface *ci)
{
	const struct lyd_node *k;

	LY_LIST_FOR(lyd_child(auth), k)
	{
		struct cfg_md5_key *v;
		enum auth_algo algo;

		if (strcmp(k->schema->name, "message-digest-key"))
			continue;
		v = realloc(ci->md5_keys, (ci->nmd5_keys + 1) * sizeof(*v));
		if (!v)
			return -1;
		ci->md5_keys = v;
		v = &v[ci->nmd5_keys++];
		v->id = (uint8_t)child_u32(k, "key-id", 0);
		if (!auth_algo_parse(child(k, "algorithm"), &algo))
			algo = AUTH_ALGO_MD5;
		v->algo = (uint8_t)algo;
		snprintf(v->key, sizeof(v->key), "%s", child(k, "md5-key"));
	}
	return 0;
}

static int derive_iface(const struct lyd_node *n, struct cfg_iface *ci)
{
	const struct lyd_node *o = yu_find(n, "ospf");
	const struct lyd_node *auth = yu_find(n, "ospf/authentication");
	const char *v;

	memset(ci, 0, sizeof(*ci));
	snprintf(ci->name, sizeof(ci->name), "%s", child(n, "name"));
	iface_params_default(&ci->params);
	ci->auth = CFG_AUTH_UNSET;
	if (!o)
		return 0;
	if (cfg_parse_ipv4(child(o, "area"), &ci->area))
		ci->set |= CFG_IF_AREA;
	if ((v = child(o, "cost"))) {
		ci->params.cost = (uint32_t)strtoul(v, NULL, 10);
		ci->set |= CFG_IF_COST;
	}
	if ((v = child(o, "hello-interval"))) {
		ci->params.hello_interval = (uint16_t)strtoul(v, NULL, 10);
		/* FRR: the dead interval follows as 4 x hello unless set */
		ci->params.dead_interval = 4u * ci->params.hello_interval;
		ci->set |= CFG_IF_HELLO;
	}
	if ((v = child(o, "dead-interval"))) {
		ci->params.dead_interval = (uint32_t)strtoul(v, NULL, 10);
		ci->set |= CFG_IF_DEAD;
	}
	if ((v = child(o, "retransmit-interval"))) {
		ci->params.retransmit_interval = (uint16_t)strtoul(v, NULL, 10);
		ci->set |= CFG_IF_RXMT;
	}
	if ((v = child(o, "transmit-delay"))) {
		ci->params.transmit_delay = (uint16_t)strtoul(v, NULL, 10);
		ci->set |= CFG_IF_TXDELAY;
	}
	if ((v = child(o, "priority"))) {
		ci->params.priority = (uint8_t)strtoul(v, NULL, 10);
		ci->set |= CFG_IF_PRIORITY;
	}
	if ((v = child(o, "network-type"))) {
		ci->params.type = !strcmp(v, "point-to-point") ? IFACE_P2P : IFACE_BROADCAST;
		ci->set |= CFG_IF_NETWORK;
	}
	if ((v = child(o, "passive"))) {
		ci->params.passive = !strcmp(v, "true");
		ci->set |= CFG_IF_PASSIVE;
	}
	if (yu_find(o, "mtu-ignore")) {
		ci->params.mtu_ignore = true;
		ci->set |= CFG_IF_MTU_IGNORE;
	}
	if (auth) {
		ci->auth = auth_parse(child(auth, "type"));
		if ((v = child(auth, "key")))
			snprintf(ci->auth_key, sizeof(ci->auth_key), "%s", v);
		return derive_md5_keys(auth, ci);
	}
	return 0;
}

static int derive_area(const struct lyd_node *n, struct cfg_area *a)
{
	const struct lyd_node *k;
	const char *v;

	memset(a, 0, sizeof(*a));
	cfg_parse_ipv4(child(n, "area-id"), &a->id);
	v = child(n, "type");
	a->type = !v || !strcmp(v, "normal") ? AREA_NORMAL
		  : !strcmp(v, "stub")	     ? AREA_STUB
					     : AREA_NSSA;
	a->no_summary = yu_find(n, "no-summary") != NULL;
	a->default_cost = child_u32(n, "default-cost", 1);
	v = child(n, "nssa-translator-role");
	a->nssa_role = !v || !strcmp(v, "candidate") ? CFG_NSSA_CANDIDATE
		       : !strcmp(v, "never")	     ? CFG_NSSA_NEVER
						     : CFG_NSSA_ALWAYS;
	a->auth = auth_parse(child(n, "authentication"));
	LY_LIST_FOR(lyd_child(n), k)
	{
		if (!strcmp(k->schema->name, "range")) {
			struct cfg_range *r = realloc(a->ranges, (a->nranges + 1) * sizeof(*r));

			if (!r)
				return -1;
			a->ranges = r;
			r = &r[a->nranges++];
			memset(r, 0, sizeof(*r));
			cfg_parse_prefix(child(k, "prefix"), &r->prefix, &r->len);
			r->not_advertise = yu_find(k, "not-advertise") != NULL;
			if ((v = child(k, "cost"))) {
				r->cost_set = true;
				r->cost = (uint32_t)strtoul(v, NULL, 10);
			}
		} else if (!strcmp(k->schema->name, "virtual-link")) {
			uint32_t *p = realloc(a->vlinks, (a->nvlinks + 1) * sizeof(*p));

			if (!p)
				return -1;
			a->vlinks = p;
			cfg_parse_ipv4(child(k, "peer"), &p[a->nvlinks++]);
		}
	}
	return 0;
}

static void derive_external(const struct lyd_node *n, struct cfg_external *e)
{
	const char *v;

	e->enabled = true;
	e->always = yu_find(n, "always") != NULL;
	if ((v = child(n, "metric"))) {
		e->metric_set = true;
		e->metric = (uint32_t)strtoul(v, NULL, 10);
	}
	e->metric_type = (uint8_t)child_u32(n, "metric-type", 2);
}

static int derive_list_entry(const struct lyd_node *k, struct ospf_config *c)
{
	const char *name = k->schema->name;

	if (!strcmp(name, "network")) {
		struct cfg_network *v = realloc(c->networks, (c->nnetworks + 1) * sizeof(*v));

		if (!v)
			return -1;
		c->networks = v;
		v = &v[c->nnetworks++];
		cfg_parse_prefix(child(k, "prefix"), &v->prefix, &v->len);
		v->prefix &= cfg_prefix_mask(v->len);
		cfg_parse_ipv4(child(k, "area"), &v->area);
	} else if (!strcmp(name, "area")) {
		struct cfg_area *v = realloc(c->areas, (c->nareas + 1) * sizeof(*v));

		if (!v)
			return -1;
		c->areas = v;
		if (derive_area(k, &v[c->nareas++]))
			return -1;
	} else if (!strcmp(name, "redistribute")) {
		const char *p = child(k, "protocol");
		int i = !strcmp(p, "kernel")	  ? CFG_REDIST_KERNEL
			: !strcmp(p, "connected") ? CFG_REDIST_CONNECTED
						  : CFG_REDIST_STATIC;

		derive_external(k, &c->redist[i]);
	}
	return 0;
}

static int derive_ospf(const struct lyd_node *o, struct ospf_config *c)
{
	const struct lyd_node *k;

	c->router_ospf = true;
	cfg_parse_ipv4(child(o, "router-id"), &c->router_id);
	c->passive_default = child(o, "passive-interface-default") &&
			     !strcmp(child(o, "passive-interface-default"), "true");
	c->ref_bandwidth = child_u32(o, "reference-bandwidth", 100);
	c->max_paths = (uint8_t)child_u32(o, "maximum-paths", 64);
	c->spf_delay_ms = child_u32(o, "timers/throttle-spf/delay", 0);
	c->spf_hold_ms = child_u32(o, "timers/throttle-spf/hold", 50);
	c->spf_max_ms = child_u32(o, "timers/throttle-spf/max-wait", 5000);
	c->max_metric_admin = yu_find(o, "stub-router/administrative") != NULL;
	c->max_metric_startup_s = child_u32(o, "stub-router/on-startup", 0);
	if ((k = yu_find(o, "default-information")))
		derive_external(k, &c->default_info);
	LY_LIST_FOR(lyd_child(o), k)
	{
		if (derive_list_entry(k, c))
			return -1;
	}
	return 0;
}

int config_derive(const struct lyd_node *tree, struct ospf_config *c)
{
	const struct lyd_node *n, *k;
	const char *v;

	config_init(c);
	if ((v = yu_get(tree, "/ospfd:system/hostname")))
		snprintf(c->hostname, sizeof(c->hostname), "%s", v);
	c->log_stdout_level = config_log_level(yu_get(tree, "/ospfd:system/log/stdout"));
	c->log_syslog_level = config_log_level(yu_get(tree, "/ospfd:system/log/syslog"));
	if ((n = yu_find(tree, "/ospfd:interfaces"))) {
		LY_LIST_FOR(lyd_child(n), k)
		{
			struct cfg_iface *ci = realloc(c->ifaces, (c->nifaces + 1) * sizeof(*ci));

			if (!ci)
				goto oom;
			c->ifaces = ci;
			if (derive_iface(k, &ci[c->nifaces++]))
				goto oom;
		}
	}
	if ((n = yu_find(tree, "/ospfd:ospf")) && derive_ospf(n, c))
		goto oom;
	return 0;
oom:
	config_free(c);
	config_init(c);
	return -1;
}
