/* SPDX-License-Identifier: ISC */
/*
 * show ip ospf route A.B.C.D/M explain [json] (ours, beyond FRR): why a route is in the
 * table: the LSAs it was computed from, the shortest path from us through the vertices of
 * the last SPF run (spf_path), the next hops and the area. One json-c object, the text
 * rendered from it.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "route.h"
#include "show.h"
#include "spf.h"

#define EXPLAIN_MAX_HOPS 256

static void jstr(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

static void jint(struct json_object *o, const char *k, int64_t v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

static const char *jget_str(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) ? json_object_get_string(v) : "";
}

static int64_t jget_int(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) ? json_object_get_int64(v) : 0;
}

static const char *explain_lsa_type(uint8_t type)
{
	switch (type) {
	case LSA_ROUTER:
		return "router-LSA";
	case LSA_NETWORK:
		return "network-LSA";
	case LSA_SUMMARY_NET:
		return "summary-LSA";
	case LSA_SUMMARY_ASBR:
		return "asbr-summary-LSA";
	case LSA_AS_EXTERNAL:
		return "as-external-LSA";
	case LSA_NSSA:
		return "nssa-external-LSA";
	}
	return "LSA";
}

struct explain {
	const struct ospf *o;
	struct json_object *lsas, *path;
	const char *path_area; /* the area of the path, once one was found */
};

/* A stored LSA, the way `show ip ospf database` names it. */
static void lsa_add(struct explain *x, const struct lsa_entry *e, const char *area)
{
	struct json_object *j = json_object_new_object();
	char seq[16];

	snprintf(seq, sizeof(seq), "%08x", (uint32_t)e->inst->hdr.seq);
	jstr(j, "lsaType", explain_lsa_type(e->key.type));
	jint(j, "type", e->key.type);
	jstr(j, "linkStateId", ipstr(e->key.id));
	jstr(j, "advertisingRouter", ipstr(e->key.adv_router));
	jstr(j, "sequenceNumber", seq);
	if (area)
		jstr(j, "area", area);
	json_object_array_add(x->lsas, j);
}

/* The path of area a's last SPF run to v, as the explanation's path (the first one wins). */
static bool path_add(struct explain *x, const struct area *a, const struct lsa_entry *v)
{
	struct spf_hop hops[EXPLAIN_MAX_HOPS];
	size_t n, i;

	if (x->path_area || !v)
		return false;
	n = spf_path(a, x->o->router_id, v, hops, EXPLAIN_MAX_HOPS);
	if (!n)
		return false;
	for (i = 0; i < n; i++) {
		struct json_object *j = json_object_new_object();

		jstr(j, "vertexType", hops[i].type == LSA_ROUTER ? "router" : "network");
		jstr(j, "id", ipstr(hops[i].id));
		if (hops[i].type == LSA_NETWORK)
			jstr(j, "designatedRouter", ipstr(hops[i].adv_router));
		jint(j, "cost", hops[i].dist);
		jint(j, "hopCost", i ? hops[i].dist - hops[i - 1].dist : 0);
		json_object_array_add(x->path, j);
	}
	x->path_area = ipstr(a->id);
	return true;
}

static struct lsa_entry *lsa_get(const struct lsdb *db, uint8_t type, uint32_t id, uint32_t adv)
{
	struct lsa_key k = { type, id, adv };

	return lsdb_lookup(db, &k);
}

/* An LSA of a type and advertising router whose prefix is prefix/mask (its link state id
 * may carry host bits, RFC 2328 E). */
struct find_ctx {
	uint8_t type;
	uint32_t adv, prefix, mask;
	struct lsa_entry *found;
};

static void find_one(struct lsa_entry *e, void *arg)
{
	struct find_ctx *f = arg;

	if (!f->found && e->key.type == f->type && e->key.adv_router == f->adv &&
	    (e->key.id & f->mask) == f->prefix)
		f->found = e;
}

static struct lsa_entry *lsa_find(const struct lsdb *db, uint8_t type, uint32_t adv,
				  uint32_t prefix, uint32_t mask)
{
	struct find_ctx f = { type, adv, prefix, mask, lsa_get(db, type, prefix, adv) };

	if (!f.found)
		lsdb_foreach(db, find_one, &f);
	return f.found;
}

/* The router rid as seen from us: the router-LSA of the area where it is reachable inside,
 * with the path to it; or the asbr-summary-LSA and the path to its border router. */
static void router_explain(struct explain *x, uint32_t rid)
{
	const struct route_table *t = x->o->rt;
	struct area *a;

	list_for_each (a, &x->o->areas, node) {
		const struct route *r = route_find(t, ROUTE_ROUTER, rid, a->id);
		struct lsa_entry *e;

		if (!r)
			continue;
		if (r->path == ROUTE_INTRA) {
			e = lsa_get(&a->lsdb, LSA_ROUTER, rid, rid);
			if (e && path_add(x, a, e))
				lsa_add(x, e, ipstr(a->id));
			return;
		}
		e = lsa_get(&a->lsdb, LSA_SUMMARY_ASBR, rid, r->adv_router);
		if (e)
			lsa_add(x, e, ipstr(a->id));
		e = lsa_get(&a->lsdb, LSA_ROUTER, r->adv_router, r->adv_router);
		if (e && path_add(x, a, e))
			lsa_add(x, e, ipstr(a->id));
		return;
	}
}

static void nexthops_add(struct json_object *j, const struct route_table *t, const struct route *r)
{
	struct json_object *arr = json_object_new_array();
	const struct route_nexthop *nh = route_nexthops(t, r);
	uint16_t i;

	for (i = 0; i < r->nh_count; i++) {
		struct json_object *h = json_object_new_object();

		jstr(h, "ip", nh[i].gw ? ipstr(nh[i].gw) : " ");
		jstr(h, nh[i].gw ? "via" : "directlyAttachedTo", nh[i].ifname);
		json_object_array_add(arr, h);
	}
	json_object_object_add(j, "nexthops", arr);
}

struct json_object *show_route_explain_json(const struct ospf *o, uint32_t prefix, uint8_t len)
{
	struct json_object *j = json_object_new_object();
	struct explain x = { o, NULL, NULL, NULL };
	const struct route *r = NULL;
	uint32_t mask = route_mask(len);
	struct area *a = NULL, *it;
	char buf[32];

	prefix &= mask;
	snprintf(buf, sizeof(buf), "%s/%u", ipstr(prefix), len);
	jstr(j, "prefix", buf);
	if (o && o->rt)
		r = route_find(o->rt, ROUTE_NETWORK, prefix, len);
	if (!r) {
		jstr(j, "error", "not in the OSPF routing table");
		return j;
	}
	list_for_each (it, &o->areas, node)
		if (it->id == r->area)
			a = it;
	jstr(j, "routeType", route_path_name(r->path));
	jint(j, "cost", r->cost);
	if (r->path == ROUTE_E2)
		jint(j, "type2cost", r->type2_cost);
	if (r->path <= ROUTE_INTER)
		jstr(j, "area", ipstr(r->area));
	jstr(j, "advertisingRouter", ipstr(r->adv_router));
	if (r->fwd)
		jstr(j, "forwardingAddress", ipstr(r->fwd));
	x.lsas = json_object_new_array();
	x.path = json_object_new_array();
	if (r->path == ROUTE_INTRA && a) {
		/* RFC 2328 16.1: a transit network's network-LSA, or a stub link's router-LSA */
		struct lsa_entry *e =
		    r->transit ? lsa_find(&a->lsdb, LSA_NETWORK, r->adv_router, prefix, mask)
			       : lsa_get(&a->lsdb, LSA_ROUTER, r->adv_router, r->adv_router);

		if (e) {
			lsa_add(&x, e, ipstr(a->id));
			path_add(&x, a, e);
		}
	} else if (r->path == ROUTE_INTER && a) {
		/* 16.2: the summary-LSA, and the path to its border router */
		struct lsa_entry *e =
		    lsa_find(&a->lsdb, LSA_SUMMARY_NET, r->adv_router, prefix, mask);

		if (e)
			lsa_add(&x, e, ipstr(a->id));
		e = lsa_get(&a->lsdb, LSA_ROUTER, r->adv_router, r->adv_router);
		if (e && path_add(&x, a, e))
			lsa_add(&x, e, ipstr(a->id));
	} else if (r->path >= ROUTE_E1) {
		/* 16.4: the AS-external-LSA (RFC 3101: or an NSSA's type-7), then the ASBR */
		struct lsa_entry *e = NULL;

		if (r->ext_prio == 1)
			e = lsa_find(&o->as_lsdb, LSA_AS_EXTERNAL, r->adv_router, prefix, mask);
		list_for_each (it, &o->areas, node)
			if (!e && it->type == AREA_NSSA &&
			    (e = lsa_find(&it->lsdb, LSA_NSSA, r->adv_router, prefix, mask)))
				a = it;
		if (e)
			lsa_add(&x, e, e->key.type == LSA_NSSA ? ipstr(a->id) : NULL);
		router_explain(&x, r->adv_router);
	}
	json_object_object_add(j, "lsas", x.lsas);
	if (x.path_area)
		jstr(j, "pathArea", x.path_area);
	json_object_object_add(j, "spfPath", x.path);
	nexthops_add(j, o->rt, r);
	return j;
}

static void explain_text(struct json_object *j, struct cmd_out *out)
{
	struct json_object *arr, *e;
	size_t i, n;

	if (json_object_object_get_ex(j, "error", NULL)) {
		cmd_out_printf(out, "No OSPF route to %s\n", jget_str(j, "prefix"));
		return;
	}
	cmd_out_printf(out, "OSPF route %s: %s, cost %lld", jget_str(j, "prefix"),
		       jget_str(j, "routeType"), (long long)jget_int(j, "cost"));
	if (json_object_object_get_ex(j, "type2cost", NULL))
		cmd_out_printf(out, ", type-2 cost %lld", (long long)jget_int(j, "type2cost"));
	if (json_object_object_get_ex(j, "area", NULL))
		cmd_out_printf(out, ", area %s", jget_str(j, "area"));
	cmd_out_printf(out, "\n");
	if (json_object_object_get_ex(j, "forwardingAddress", NULL))
		cmd_out_printf(out, "  Forwarding address %s\n", jget_str(j, "forwardingAddress"));
	cmd_out_printf(out, "  From LSAs:\n");
	json_object_object_get_ex(j, "lsas", &arr);
	n = arr ? json_object_array_length(arr) : 0;
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(arr, i);
		cmd_out_printf(out, "    %-17s id %-15s adv %-15s seq 0x%s", jget_str(e, "lsaType"),
			       jget_str(e, "linkStateId"), jget_str(e, "advertisingRouter"),
			       jget_str(e, "sequenceNumber"));
		if (json_object_object_get_ex(e, "area", NULL))
			cmd_out_printf(out, " area %s", jget_str(e, "area"));
		cmd_out_printf(out, "\n");
	}
	json_object_object_get_ex(j, "spfPath", &arr);
	n = arr ? json_object_array_length(arr) : 0;
	if (n)
		cmd_out_printf(out, "  SPF path in area %s:\n", jget_str(j, "pathArea"));
	else
		cmd_out_printf(out, "  SPF path: none on the tree\n");
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(arr, i);
		cmd_out_printf(out, "    %-7s %-15s cost %lld (+%lld)", jget_str(e, "vertexType"),
			       jget_str(e, "id"), (long long)jget_int(e, "cost"),
			       (long long)jget_int(e, "hopCost"));
		if (json_object_object_get_ex(e, "designatedRouter", NULL))
			cmd_out_printf(out, " DR %s", jget_str(e, "designatedRouter"));
		cmd_out_printf(out, "\n");
	}
	cmd_out_printf(out, "  Next hops:\n");
	json_object_object_get_ex(j, "nexthops", &arr);
	n = arr ? json_object_array_length(arr) : 0;
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(arr, i);
		if (json_object_object_get_ex(e, "via", NULL))
			cmd_out_printf(out, "    via %s, %s\n", jget_str(e, "ip"),
				       jget_str(e, "via"));
		else
			cmd_out_printf(out, "    directly attached to %s\n",
				       jget_str(e, "directlyAttachedTo"));
	}
}

void show_route_explain_text(struct json_object *j, struct cmd_out *out)
{
	explain_text(j, out);
}

enum cmd_result show_route_explain_cmd(struct cmd_call *c)
{
	const struct cmd_arg *p = cmd_arg_find(&c->args, "A.B.C.D/M");
	const struct ospf *o = ((struct show_ctx *)c->ctx)->o;
	struct json_object *j;

	if (!p)
		return CMD_OK;
	j = show_route_explain_json(o, p->v.prefix.addr, p->v.prefix.len);
	if (cmd_arg_find(&c->args, "json"))
		cmd_out_printf(c->out, "%s\n",
			       json_object_to_json_string_ext(
				   j, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	else
		explain_text(j, c->out);
	json_object_put(j);
	return CMD_OK;
}
