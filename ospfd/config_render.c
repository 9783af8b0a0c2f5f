/* SPDX-License-Identifier: ISC */
/* The running tree as FRR-style commands: what show running-config and write memory print. */
#include <libyang/libyang.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_int.h"

/* The value of the explicitly configured leaf at path below n ("" for an empty leaf), or NULL
 * when absent or only an implicit default. */
static const char *ex(const struct lyd_node *n, const char *path)
{
	struct lyd_node *m = NULL;
	const char *v;

	if (!n || lyd_find_path(n, path, 0, &m) != LY_SUCCESS || (m->flags & LYD_DEFAULT))
		return NULL;
	v = lyd_get_value(m);
	return v ? v : "";
}

static const struct lyd_node *find(const struct lyd_node *n, const char *path)
{
	return n ? yu_find(n, path) : NULL;
}

static void render_iface_auth(FILE *f, const struct lyd_node *auth)
{
	const struct lyd_node *k;
	const char *v;

	if ((v = ex(auth, "type")))
		fprintf(f, " ip ospf authentication%s%s\n", strcmp(v, "simple") ? " " : "",
			strcmp(v, "simple") ? v : "");
	if ((v = ex(auth, "key")))
		fprintf(f, " ip ospf authentication-key %s\n", v);
	LY_LIST_FOR(lyd_child(auth), k)
	{
		if (!strcmp(k->schema->name, "message-digest-key"))
			fprintf(f, " ip ospf message-digest-key %s %s %s\n", ex(k, "key-id"),
				ex(k, "algorithm") ? ex(k, "algorithm") : "md5", ex(k, "md5-key"));
	}
}

static void render_iface(FILE *f, const struct lyd_node *n)
{
	static const char *const numbers[] = { "cost",	   "dead-interval",	  "hello-interval",
					       "priority", "retransmit-interval", "transmit-delay" };
	const struct lyd_node *o = find(n, "ospf");
	const char *v;
	size_t i;

	fprintf(f, "interface %s\n", ex(n, "name"));
	if ((v = ex(n, "description")))
		fprintf(f, " description %s\n", v);
	if ((v = ex(o, "area")))
		fprintf(f, " ip ospf area %s\n", v);
	render_iface_auth(f, find(o, "authentication"));
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if ((v = ex(o, numbers[i])))
			fprintf(f, " ip ospf %s %s\n", numbers[i], v);
	if (ex(o, "mtu-ignore"))
		fprintf(f, " ip ospf mtu-ignore\n");
	if ((v = ex(o, "network-type")))
		fprintf(f, " ip ospf network %s\n", v);
	if ((v = ex(o, "passive")))
		fprintf(f, " %sip ospf passive\n", strcmp(v, "true") ? "no " : "");
	fprintf(f, "exit\n!\n");
}

static void render_area(FILE *f, const struct lyd_node *a)
{
	const char *id = ex(a, "area-id");
	const struct lyd_node *k;
	const char *v;

	if ((v = ex(a, "authentication")))
		fprintf(f, " area %s authentication%s\n", id,
			strcmp(v, "message-digest") ? "" : " message-digest");
	if ((v = ex(a, "type")) && strcmp(v, "normal")) {
		const char *role = ex(a, "nssa-translator-role");

		fprintf(f, " area %s %s%s%s%s\n", id, v, ex(a, "no-summary") ? " no-summary" : "",
			role ? " translate-" : "", role ? role : "");
		if ((v = ex(a, "default-cost")))
			fprintf(f, " area %s default-cost %s\n", id, v);
	}
	LY_LIST_FOR(lyd_child(a), k)
	{
		if (!strcmp(k->schema->name, "range")) {
			fprintf(f, " area %s range %s", id, ex(k, "prefix"));
			if (ex(k, "not-advertise"))
				fprintf(f, " not-advertise");
			if ((v = ex(k, "cost")))
				fprintf(f, " cost %s", v);
			fprintf(f, "\n");
		} else if (!strcmp(k->schema->name, "virtual-link")) {
			fprintf(f, " area %s virtual-link %s\n", id, ex(k, "peer"));
		}
	}
}

static void render_external(FILE *f, const struct lyd_node *n)
{
	const char *v;

	if (ex(n, "always"))
		fprintf(f, " always");
	if ((v = ex(n, "metric")))
		fprintf(f, " metric %s", v);
	if ((v = ex(n, "metric-type")))
		fprintf(f, " metric-type %s", v);
	fprintf(f, "\n");
}

static void render_ospf_globals(FILE *f, const struct lyd_node *o)
{
	const char *v;

	if ((v = ex(o, "router-id")))
		fprintf(f, " ospf router-id %s\n", v);
	if (ex(o, "stub-router/administrative"))
		fprintf(f, " max-metric router-lsa administrative\n");
	if ((v = ex(o, "stub-router/on-startup")))
		fprintf(f, " max-metric router-lsa on-startup %s\n", v);
	if ((v = ex(o, "reference-bandwidth")))
		fprintf(f, " auto-cost reference-bandwidth %s\n", v);
	if (find(o, "timers/throttle-spf") &&
	    (ex(o, "timers/throttle-spf/delay") || ex(o, "timers/throttle-spf/hold") ||
	     ex(o, "timers/throttle-spf/max-wait")))
		fprintf(f, " timers throttle spf %s %s %s\n",
			yu_get(o, "timers/throttle-spf/delay"),
			yu_get(o, "timers/throttle-spf/hold"),
			yu_get(o, "timers/throttle-spf/max-wait"));
	if ((v = ex(o, "passive-interface-default")) && !strcmp(v, "true"))
		fprintf(f, " passive-interface default\n");
}

static void render_ospf(FILE *f, const struct lyd_node *o)
{
	const struct lyd_node *k;
	const char *v;

	fprintf(f, "router ospf\n");
	render_ospf_globals(f, o);
	LY_LIST_FOR(lyd_child(o), k)
	{
		if (!strcmp(k->schema->name, "network"))
			fprintf(f, " network %s area %s\n", ex(k, "prefix"), ex(k, "area"));
	}
	LY_LIST_FOR(lyd_child(o), k)
	{
		if (!strcmp(k->schema->name, "area"))
			render_area(f, k);
	}
	LY_LIST_FOR(lyd_child(o), k)
	{
		if (!strcmp(k->schema->name, "redistribute")) {
			fprintf(f, " redistribute %s", ex(k, "protocol"));
			render_external(f, k);
		}
	}
	if ((k = find(o, "default-information"))) {
		fprintf(f, " default-information originate");
		render_external(f, k);
	}
	if ((v = ex(o, "maximum-paths")))
		fprintf(f, " maximum-paths %s\n", v);
	fprintf(f, "exit\n!\n");
}

char *config_render_cli(const struct lyd_node *tree)
{
	const struct lyd_node *n, *k;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	const char *v;

	if (!f)
		return NULL;
	bool system = false;

	if ((v = yu_get(tree, "/ospfd:system/hostname"))) {
		fprintf(f, "hostname %s\n", v);
		system = true;
	}
	for (int i = 0; i < 2; i++) {
		static const char *const dest[] = { "stdout", "syslog" };
		char path[48];

		snprintf(path, sizeof(path), "/ospfd:system/log/%s", dest[i]);
		if ((v = yu_get(tree, path))) {
			fprintf(f, "log %s%s%s\n", dest[i], strcmp(v, "debugging") ? " " : "",
				strcmp(v, "debugging") ? v : "");
			system = true;
		}
	}
	if (system)
		fprintf(f, "!\n");
	if ((n = yu_find(tree, "/ospfd:interfaces"))) {
		LY_LIST_FOR(lyd_child(n), k)
		{
			render_iface(f, k);
		}
	}
	if ((n = yu_find(tree, "/ospfd:ospf")))
		render_ospf(f, n);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}
