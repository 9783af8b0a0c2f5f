/* SPDX-License-Identifier: ISC */
/*
 * show ip ospf route A.B.C.D/M explain [json] (beyond FRR): why we have a route. The LSAs
 * that produced it (RFC 2328 16.1 stage 2 for a stub or transit network, 16.2 for a summary,
 * 16.4 for an external), and the shortest path SPF found in the area to the vertex that
 * advertised it (to the border router or AS boundary router for the other kinds), read back
 * from the tree the last run left in the LSDB: each hop's parent is the vertex on the tree
 * whose link to it, added to its own distance, gives the hop's distance (16.1 (2)).
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "lsa.h"
#include "lsdb.h"
#include "route.h"
#include "show.h"
#include "show_int.h"
#include "spf.h"

#define PATH_MAX_HOPS 64

/* The cost of the link from vertex v to vertex w, or -1 if v has none. */
static int64_t link_cost(const struct lsa_entry *v, const struct lsa_entry *w)
{
	struct lsa l;
	int64_t cost = -1;

	if (lsa_decode(v->inst->data, v->inst->len, &l) != DROP_NONE)
		return -1;
	if (l.hdr.type == LSA_ROUTER) {
		for (uint16_t i = 0; i < l.router.nlinks && cost < 0; i++) {
			const struct lsa_router_link *k = &l.router.links[i];
			bool to_router = w->key.type == LSA_ROUTER &&
					 (k->type == LSA_LINK_P2P || k->type == LSA_LINK_VIRTUAL);
			bool to_net = w->key.type == LSA_NETWORK && k->type == LSA_LINK_TRANSIT;

			if ((to_router || to_net) && k->id == w->key.id)
				cost = k->metric;
		}
	} else if (l.hdr.type == LSA_NETWORK && w->key.type == LSA_ROUTER) {
		for (uint32_t i = 0; i < l.network.nrouters && cost < 0; i++)
			if (l.network.routers[i] == w->key.id)
				cost = 0;
	}
	lsa_free(&l);
	return cost;
}

struct parent_search {
	const struct ospf *o;
	const struct area *a;
	const struct lsa_entry *w;
	uint32_t wdist;
	const struct lsa_entry *found;
};

static void parent_try(struct lsa_entry *v, void *arg)
{
	struct parent_search *p = arg;
	uint32_t vdist;
	int64_t c;

	if (p->found || v == p->w || (v->key.type != LSA_ROUTER && v->key.type != LSA_NETWORK) ||
	    !spf_tree_dist(p->o, p->a, v, &vdist) || vdist > p->wdist)
		return;
	c = link_cost(v, p->w);
	if (c >= 0 && vdist + (uint32_t)c == p->wdist)
		p->found = v;
}

static struct json_object *vertex_json(const struct lsa_entry *v, uint32_t dist)
{
	struct json_object *j = json_object_new_object();

	jstr(j, "vertex", v->key.type == LSA_ROUTER ? "router" : "network");
	jstr(j, "id", ipstr(v->key.id));
	jstr(j, "advertisingRouter", ipstr(v->key.adv_router));
	jint(j, "cost", dist);
	return j;
}

/* The shortest path in a from us to target, root first; NULL if target is not on the tree. */
static struct json_object *tree_path(const struct ospf *o, const struct area *a,
				     const struct lsa_entry *target)
{
	const struct lsa_entry *chain[PATH_MAX_HOPS];
	struct parent_search p = { .o = o, .a = a };
	struct json_object *arr;
	size_t n = 0;
	uint32_t dist;

	if (!target || !spf_tree_dist(o, a, target, &dist))
		return NULL;
	chain[n++] = target;
	while (chain[n - 1]->key.adv_router != o->router_id ||
	       chain[n - 1]->key.type != LSA_ROUTER) {
		p.w = chain[n - 1];
		spf_tree_dist(o, a, p.w, &p.wdist);
		p.found = NULL;
		lsdb_foreach(&a->lsdb, parent_try, &p);
		if (!p.found || n == PATH_MAX_HOPS)
			return NULL;
		chain[n++] = p.found;
	}
	arr = json_object_new_array();
	while (n--) {
		spf_tree_dist(o, a, chain[n], &dist);
		json_object_array_add(arr, vertex_json(chain[n], dist));
	}
	return arr;
}

static void lsa_add(struct json_object *lsas, const struct lsa_entry *e, const char *scope)
{
	struct json_object *j = json_object_new_object();
	char seq[16];

	jstr(j, "lsaType", lsa_type_name(e->key.type));
	jstr(j, "linkStateId", ipstr(e->key.id));
	jstr(j, "advertisingRouter", ipstr(e->key.adv_router));
	snprintf(seq, sizeof(seq), "%08x", (uint32_t)e->inst->hdr.seq);
	jstr(j, "lsaSeqNumber", seq);
	jstr(j, "area", scope);
	json_object_array_add(lsas, j);
}

static struct lsa_entry *find_lsa(const struct lsdb *db, uint8_t type, uint32_t id, uint32_t adv)
{
	struct lsa_key k = { type, id, adv };

	return lsdb_lookup(db, &k);
}

struct net_search {
	uint32_t prefix, adv;
	struct lsa_entry *found;
};

/* The network-LSA of the transit network prefix: the DR's, by mask (A.4.3). */
static void net_try(struct lsa_entry *e, void *arg)
{
	struct net_search *s = arg;
	const uint8_t *d = e->inst->data;
	uint32_t mask;

	if (s->found || e->key.type != LSA_NETWORK || e->key.adv_router != s->adv ||
	    e->inst->len < LSA_HEADER_LEN + 4)
		return;
	mask = (uint32_t)d[20] << 24 | (uint32_t)d[21] << 16 | (uint32_t)d[22] << 8 | d[23];
	if ((e->key.id & mask) == s->prefix)
		s->found = e;
}

/* The path to router rid inside area a, with "pathArea". */
static void router_path(struct json_object *root, const struct ospf *o, const struct area *a,
			uint32_t rid)
{
	struct json_object *path;

	if (!a)
		return;
	path = tree_path(o, a, find_lsa(&a->lsdb, LSA_ROUTER, rid, rid));
	if (!path)
		return;
	jstr(root, "pathArea", ipstr(a->id));
	json_object_object_add(root, "path", path);
}

/* The external LSA of r, and how we reach its AS boundary router (16.4 (3)). */
static void explain_external(struct json_object *root, struct json_object *lsas,
			     const struct ospf *o, const struct route *r)
{
	struct lsa_entry *e = find_lsa(&o->as_lsdb, LSA_AS_EXTERNAL, r->prefix, r->adv_router);
	const struct route *asbr = NULL;
	struct area *a;

	if (e)
		lsa_add(lsas, e, "AS");
	list_for_each (a, &o->areas, node) {
		struct lsa_entry *n = find_lsa(&a->lsdb, LSA_NSSA, r->prefix, r->adv_router);

		if (!e && n)
			lsa_add(lsas, n, ipstr(a->id));
		if (!asbr)
			asbr = route_find(o->rt, ROUTE_ROUTER, r->adv_router, a->id);
	}
	if (!asbr)
		return;
	jstr(root, "asbr", ipstr(r->adv_router));
	a = ospf_area_find(o, asbr->area);
	if (asbr->path == ROUTE_INTER && a) {
		struct lsa_entry *s4 =
		    find_lsa(&a->lsdb, LSA_SUMMARY_ASBR, r->adv_router, asbr->adv_router);

		if (s4)
			lsa_add(lsas, s4, ipstr(a->id));
		router_path(root, o, a, asbr->adv_router);
	} else {
		router_path(root, o, a, r->adv_router);
	}
}

static const char *path_code(enum route_path p)
{
	static const char *const codes[] = { "N", "N IA", "N E1", "N E2" };

	return codes[p];
}

struct json_object *show_route_explain_json(const struct ospf *o, uint32_t prefix, uint8_t len)
{
	struct json_object *root = json_object_new_object(), *lsas, *hops;
	uint32_t mask = len ? ~0u << (32 - len) : 0;
	const struct route *r = NULL;
	struct area *a;
	char buf[32];

	snprintf(buf, sizeof(buf), "%s/%u", ipstr(prefix & mask), len);
	jstr(root, "prefix", buf);
	if (o && o->rt)
		r = route_find(o->rt, ROUTE_NETWORK, prefix & mask, len);
	if (!r) {
		jbool(root, "found", false);
		return root;
	}
	jbool(root, "found", true);
	jstr(root, "routeType", path_code(r->path));
	jint(root, "cost", r->cost);
	if (r->path == ROUTE_E2)
		jint(root, "type2cost", r->type2_cost);
	hops = json_object_new_array();
	for (uint16_t i = 0; i < r->nh_count; i++) {
		const struct route_nexthop *nh = &route_nexthops(o->rt, r)[i];
		struct json_object *h = json_object_new_object();

		jstr(h, "ip", nh->gw ? ipstr(nh->gw) : " ");
		jstr(h, nh->gw ? "via" : "directlyAttachedTo", nh->ifname);
		json_object_array_add(hops, h);
	}
	json_object_object_add(root, "nexthops", hops);
	lsas = json_object_new_array();
	a = ospf_area_find(o, r->area);
	if (r->path == ROUTE_INTRA && a) {
		jstr(root, "area", ipstr(a->id));
		if (r->transit) {
			struct net_search s = { prefix & mask, r->adv_router, NULL };

			lsdb_foreach(&a->lsdb, net_try, &s);
			if (s.found) {
				lsa_add(lsas, s.found, ipstr(a->id));
				json_object_object_add(root, "path", tree_path(o, a, s.found));
				jstr(root, "pathArea", ipstr(a->id));
			}
		} else {
			struct lsa_entry *e =
			    find_lsa(&a->lsdb, LSA_ROUTER, r->adv_router, r->adv_router);

			if (e)
				lsa_add(lsas, e, ipstr(a->id));
			router_path(root, o, a, r->adv_router);
		}
	} else if (r->path == ROUTE_INTER && a) {
		struct lsa_entry *e = find_lsa(&a->lsdb, LSA_SUMMARY_NET, r->prefix, r->adv_router);

		jstr(root, "area", ipstr(a->id));
		if (e)
			lsa_add(lsas, e, ipstr(a->id));
		router_path(root, o, a, r->adv_router);
	} else {
		explain_external(root, lsas, o, r);
	}
	json_object_object_add(root, "lsas", lsas);
	return root;
}

void show_route_explain_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *arr;

	if (!json_object_get_boolean(json_object_object_get(root, "found"))) {
		cmd_out_printf(out, "No OSPF route to %s\n", jget_str(root, "prefix"));
		return;
	}
	cmd_out_printf(out, "Route %s: %s, cost %lld", jget_str(root, "prefix"),
		       jget_str(root, "routeType"), (long long)jget_int(root, "cost"));
	if (json_object_object_get_ex(root, "type2cost", NULL))
		cmd_out_printf(out, ", type-2 cost %lld", (long long)jget_int(root, "type2cost"));
	if (json_object_object_get_ex(root, "area", NULL))
		cmd_out_printf(out, ", area %s", jget_str(root, "area"));
	cmd_out_printf(out, "\n");
	if (json_object_object_get_ex(root, "nexthops", &arr))
		for (size_t i = 0; i < json_object_array_length(arr); i++) {
			struct json_object *h = json_object_array_get_idx(arr, i);

			if (json_object_object_get_ex(h, "via", NULL))
				cmd_out_printf(out, "  via %s, %s\n", jget_str(h, "ip"),
					       jget_str(h, "via"));
			else
				cmd_out_printf(out, "  directly attached to %s\n",
					       jget_str(h, "directlyAttachedTo"));
		}
	cmd_out_printf(out, "  Produced by:\n");
	if (json_object_object_get_ex(root, "lsas", &arr))
		for (size_t i = 0; i < json_object_array_length(arr); i++) {
			struct json_object *l = json_object_array_get_idx(arr, i);

			cmd_out_printf(out, "    %s LSA %s from %s, seq 0x%s (%s%s)\n",
				       jget_str(l, "lsaType"), jget_str(l, "linkStateId"),
				       jget_str(l, "advertisingRouter"),
				       jget_str(l, "lsaSeqNumber"),
				       strcmp(jget_str(l, "area"), "AS") ? "area " : "",
				       jget_str(l, "area"));
		}
	if (json_object_object_get_ex(root, "asbr", NULL))
		cmd_out_printf(out, "  AS boundary router %s\n", jget_str(root, "asbr"));
	if (!json_object_object_get_ex(root, "path", &arr) || !arr)
		return;
	cmd_out_printf(out, "  Shortest path in area %s:\n", jget_str(root, "pathArea"));
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *v = json_object_array_get_idx(arr, i);

		cmd_out_printf(out, "    %-7s %-15s cost %lld%s\n", jget_str(v, "vertex"),
			       jget_str(v, "id"), (long long)jget_int(v, "cost"),
			       i == 0 ? " (this router)" : "");
	}
}
