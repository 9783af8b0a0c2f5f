/* SPDX-License-Identifier: ISC */
/*
 * show ip ospf database TYPE [A.B.C.D] [adv-router A.B.C.D|self-originate] [json],
 * show ip ospf database self-originate|max-age [json]: the LSAs themselves, header and body
 * (RFC 2328 A.4), with FRR 8.4's keys and layout. The body is decoded from the stored wire
 * form with the bounds-checked codec; a body that does not decode shows its header only.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "lsa.h"
#include "lsdb.h"
#include "show.h"
#include "show_int.h"

struct db_filter {
	uint8_t type; /* 0: every type (self-originate alone) */
	bool by_id, by_adv;
	uint32_t id, adv;
};

static const struct {
	uint8_t type;
	const char *word;    /* the command's keyword */
	const char *key;     /* FRR's JSON key of the list */
	const char *title;   /* FRR's text heading */
	const char *lsa;     /* FRR's lsaType */
	const char *id_note; /* after the link state id in text */
} db_types[] = {
	{ LSA_ROUTER, "router", "routerLinkStates", "Router Link States", "router-LSA", "" },
	{ LSA_NETWORK, "network", "networkLinkStates", "Net Link States", "network-LSA",
	  " (address of Designated Router)" },
	{ LSA_SUMMARY_NET, "summary", "summaryLinkStates", "Summary Link States", "summary-LSA",
	  " (summary Network Number)" },
	{ LSA_SUMMARY_ASBR, "asbr-summary", "asbrSummaryLinkStates", "ASBR-Summary Link States",
	  "summary-LSA", " (AS Boundary Router address)" },
	{ LSA_AS_EXTERNAL, "external", "asExternalLinkStates", "AS External Link States",
	  "AS-external-LSA", " (External Network Number)" },
	{ LSA_NSSA, "nssa-external", "nssaExternalLinkStates", "NSSA-external Link States",
	  "NSSA-LSA", " (External Network Number for NSSA)" },
};
#define N_DB_TYPES (sizeof(db_types) / sizeof(db_types[0]))

static int db_type_index(uint8_t type)
{
	for (size_t i = 0; i < N_DB_TYPES; i++)
		if (db_types[i].type == type)
			return (int)i;
	return -1;
}

static int mask_len(uint32_t mask)
{
	return __builtin_popcount(mask);
}

/* ---- one LSA in detail ---- */

static const char *router_link_type(uint8_t t)
{
	switch (t) {
	case LSA_LINK_P2P:
		return "another Router (point-to-point)";
	case LSA_LINK_TRANSIT:
		return "a Transit Network";
	case LSA_LINK_STUB:
		return "Stub Network";
	case LSA_LINK_VIRTUAL:
		return "a Virtual Link";
	}
	return "unknown";
}

static void router_body_json(struct json_object *j, const struct lsa_router *r)
{
	struct json_object *links = json_object_new_object();
	char name[16];

	jint(j, "numOfLinks", r->nlinks);
	for (uint16_t i = 0; i < r->nlinks; i++) {
		const struct lsa_router_link *l = &r->links[i];
		struct json_object *lj = json_object_new_object();

		jstr(lj, "linkType", router_link_type(l->type));
		switch (l->type) {
		case LSA_LINK_TRANSIT:
			jstr(lj, "designatedRouterAddress", ipstr(l->id));
			jstr(lj, "routerInterfaceAddress", ipstr(l->data));
			break;
		case LSA_LINK_STUB:
			jstr(lj, "networkAddress", ipstr(l->id));
			jstr(lj, "networkMask", ipstr(l->data));
			break;
		default: /* point-to-point, virtual link */
			jstr(lj, "neighborRouterId", ipstr(l->id));
			jstr(lj, "routerInterfaceAddress", ipstr(l->data));
			break;
		}
		jint(lj, "numOfTosMetrics", l->ntos);
		jint(lj, "tos0Metric", l->metric);
		snprintf(name, sizeof(name), "link%u", i);
		json_object_object_add(links, name, lj);
	}
	json_object_object_add(j, "routerLinks", links);
}

static void network_body_json(struct json_object *j, const struct lsa_network *n)
{
	struct json_object *routers = json_object_new_object();

	jint(j, "networkMask", mask_len(n->mask));
	for (uint32_t i = 0; i < n->nrouters; i++) {
		struct json_object *rj = json_object_new_object();

		jstr(rj, "attachedRouterId", ipstr(n->routers[i]));
		json_object_object_add(routers, ipstr(n->routers[i]), rj);
	}
	json_object_object_add(j, "attchedRouters", routers); /* sic: FRR 8.4's key */
}

static void external_body_json(struct json_object *j, const struct lsa_external *x, bool nssa)
{
	const struct lsa_external_entry *e = x->nentries ? &x->entries[0] : NULL;

	jint(j, "networkMask", mask_len(x->mask));
	if (!e)
		return;
	jstr(j, "metricType", e->e_bit ? "E2 (Larger than any link state path)" : "E1");
	jint(j, "tos", e->tos);
	jint(j, "metric", e->metric);
	jstr(j, nssa ? "nssaForwardAddress" : "forwardAddress", ipstr(e->forward));
	jint(j, "externalRouteTag", e->tag);
}

/* FRR's lsaFlags bits, as far as they mean something here: SELF 0x1, SELF_CHECKED 0x2,
 * RECEIVED 0x4, APPROVED 0x8, IN_MAXAGE 0x80. */
static int lsa_flags(const struct lsa_entry *e, uint16_t age)
{
	int f = e->self ? 0x01 | 0x02 | 0x08 : 0x04 | 0x02;

	if (age >= LSA_MAX_AGE || e->maxage_flushing)
		f |= 0x80;
	return f;
}

static struct json_object *lsa_detail_json(const struct lsa_entry *e, uint64_t now)
{
	struct json_object *j = json_object_new_object();
	const struct lsa_hdr *h = &e->inst->hdr;
	uint16_t age = lsa_inst_age(e->inst, now) & ~LSA_DO_NOT_AGE;
	int ti = db_type_index(h->type);
	struct lsa l;
	char buf[64];

	jint(j, "lsaAge", age);
	options_fmt(buf, sizeof(buf), h->options);
	jstr(j, "options", buf);
	jint(j, "lsaFlags", lsa_flags(e, age));
	if (lsa_decode(e->inst->data, e->inst->len, &l) != DROP_NONE)
		l.hdr.type = 0; /* header only */
	if (l.hdr.type == LSA_ROUTER) {
		jint(j, "flags", l.router.flags);
		if (l.router.flags & LSA_ROUTER_B)
			jbool(j, "abr", true);
		if (l.router.flags & LSA_ROUTER_E)
			jbool(j, "asbr", true);
		if (l.router.flags & LSA_ROUTER_V)
			jbool(j, "vlEndpoint", true);
	}
	jstr(j, "lsaType", ti >= 0 ? db_types[ti].lsa : lsa_type_name(h->type));
	jstr(j, "linkStateId", ipstr(h->id));
	jstr(j, "advertisingRouter", ipstr(h->adv_router));
	snprintf(buf, sizeof(buf), "%08x", (uint32_t)h->seq);
	jstr(j, "lsaSeqNumber", buf);
	snprintf(buf, sizeof(buf), "%04x", h->checksum);
	jstr(j, "checksum", buf);
	jint(j, "length", h->length);
	switch (l.hdr.type) {
	case LSA_ROUTER:
		router_body_json(j, &l.router);
		break;
	case LSA_NETWORK:
		network_body_json(j, &l.network);
		break;
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		jint(j, "networkMask", mask_len(l.summary.mask));
		jint(j, "tos0Metric", l.summary.metric);
		break;
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		external_body_json(j, &l.external, l.hdr.type == LSA_NSSA);
		break;
	}
	if (l.hdr.type)
		lsa_free(&l);
	return j;
}

/* ---- the selection ---- */

struct db_pick {
	const struct db_filter *f;
	uint32_t self_id;
	bool self_only;
	const struct lsa_entry **v;
	size_t n, cap;
};

static void pick(struct lsa_entry *e, void *arg)
{
	struct db_pick *p = arg;
	const struct lsa_hdr *h = &e->inst->hdr;

	if ((p->f->type && h->type != p->f->type) || (p->f->by_id && h->id != p->f->id) ||
	    (p->f->by_adv && h->adv_router != p->f->adv) ||
	    (p->self_only && h->adv_router != p->self_id))
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		const struct lsa_entry **v = realloc(p->v, cap * sizeof(*v));

		if (!v)
			return;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = e;
}

/* FRR's order: by link state id, then advertising router (numerically). */
static int entry_order(const void *a, const void *b)
{
	const struct lsa_hdr *x = &(*(const struct lsa_entry *const *)a)->inst->hdr;
	const struct lsa_hdr *y = &(*(const struct lsa_entry *const *)b)->inst->hdr;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->adv_router != y->adv_router)
		return x->adv_router < y->adv_router ? -1 : 1;
	return 0;
}

/* The LSAs of db that pass f, sorted, in a new JSON array (details). */
static struct json_object *db_select(const struct ospf *o, const struct lsdb *db,
				     const struct db_filter *f, bool self_only)
{
	struct db_pick p = { .f = f, .self_id = o->router_id, .self_only = self_only };
	struct json_object *arr = json_object_new_array();

	lsdb_foreach(db, pick, &p);
	if (p.n)
		qsort(p.v, p.n, sizeof(*p.v), entry_order);
	for (size_t i = 0; i < p.n; i++)
		json_object_array_add(arr, lsa_detail_json(p.v[i], ospf_now(o)));
	free(p.v);
	return arr;
}

/* show ip ospf database TYPE ...: {routerId, KEY: {areas: {AREA: [LSA...]}}} for an area
 * scope, {routerId, asExternalLinkStates: [LSA...]} for the AS scope. */
struct json_object *show_database_type_json(const struct ospf *o, uint8_t type, const uint32_t *id,
					    const uint32_t *adv, bool self_originate)
{
	struct json_object *root = json_object_new_object();
	struct db_filter f = { .type = type };
	int ti = db_type_index(type);
	struct area *a;

	if (!o || ti < 0)
		return root;
	if (id) {
		f.by_id = true;
		f.id = *id;
	}
	if (adv) {
		f.by_adv = true;
		f.adv = *adv;
	}
	jstr(root, "routerId", ipstr(o->router_id));
	if (type == LSA_AS_EXTERNAL) {
		json_object_object_add(root, db_types[ti].key,
				       db_select(o, &o->as_lsdb, &f, self_originate));
		return root;
	}
	struct json_object *areas = json_object_new_object();
	struct json_object *wrap = json_object_new_object();

	list_for_each (a, &o->areas, node)
		json_object_object_add(areas, ipstr(a->id),
				       db_select(o, &a->lsdb, &f, self_originate));
	json_object_object_add(wrap, "areas", areas);
	json_object_object_add(root, db_types[ti].key, wrap);
	return root;
}

/* ---- text ---- */

static void router_links_text(struct json_object *j, struct cmd_out *out)
{
	struct json_object *links;

	cmd_out_printf(out, "   Number of Links: %lld\n\n", (long long)jget_int(j, "numOfLinks"));
	if (!json_object_object_get_ex(j, "routerLinks", &links))
		return;
	json_object_object_foreach (links, name, lj) {
		const char *type = jget_str(lj, "linkType");
		const char *id_label, *data_label, *id, *data;

		(void)name;
		if (!strcmp(type, "Stub Network")) {
			id_label = "Net";
			data_label = "Network Mask";
			id = jget_str(lj, "networkAddress");
			data = jget_str(lj, "networkMask");
		} else if (!strcmp(type, "a Transit Network")) {
			id_label = "Designated Router address";
			data_label = "Router Interface address";
			id = jget_str(lj, "designatedRouterAddress");
			data = jget_str(lj, "routerInterfaceAddress");
		} else {
			id_label = "Neighboring Router ID";
			data_label = "Router Interface address";
			id = jget_str(lj, "neighborRouterId");
			data = jget_str(lj, "routerInterfaceAddress");
		}
		cmd_out_printf(out,
			       "    Link connected to: %s\n"
			       "     (Link ID) %s: %s\n"
			       "     (Link Data) %s: %s\n"
			       "      Number of TOS metrics: %lld\n"
			       "       TOS 0 Metric: %lld\n\n",
			       type, id_label, id, data_label, data,
			       (long long)jget_int(lj, "numOfTosMetrics"),
			       (long long)jget_int(lj, "tos0Metric"));
	}
}

static void external_text(struct json_object *j, struct cmd_out *out, bool nssa)
{
	const char *mt = jget_str(j, "metricType");

	cmd_out_printf(out,
		       "  Network Mask: /%lld\n"
		       "        Metric Type: %s\n"
		       "        TOS: %lld\n"
		       "        Metric: %lld\n"
		       "        %sForward Address: %s\n"
		       "        External Route Tag: %lld\n\n",
		       (long long)jget_int(j, "networkMask"),
		       mt[1] == '2' ? "2 (Larger than any link state path)" : "1",
		       (long long)jget_int(j, "tos"), (long long)jget_int(j, "metric"),
		       nssa ? "NSSA: " : "",
		       jget_str(j, nssa ? "nssaForwardAddress" : "forwardAddress"),
		       (long long)jget_int(j, "externalRouteTag"));
}

static void lsa_detail_text(struct json_object *j, int ti, struct cmd_out *out)
{
	int64_t flags = jget_int(j, "flags");
	uint8_t type = db_types[ti].type;

	cmd_out_printf(out, "  LS age: %lld\n  Options: %s\n  LS Flags: 0x%llx\n",
		       (long long)jget_int(j, "lsaAge"), jget_str(j, "options"),
		       (long long)jget_int(j, "lsaFlags"));
	if (type == LSA_ROUTER)
		cmd_out_printf(out, "  Flags: 0x%llx%s%s%s%s\n", (long long)flags,
			       flags & (LSA_ROUTER_B | LSA_ROUTER_E | LSA_ROUTER_V) ? " :" : "",
			       flags & LSA_ROUTER_B ? " ABR" : "",
			       flags & LSA_ROUTER_E ? " ASBR" : "",
			       flags & LSA_ROUTER_V ? " VL-endpoint" : "");
	cmd_out_printf(out,
		       "  LS Type: %s\n  Link State ID: %s%s\n  Advertising Router: %s\n"
		       "  LS Seq Number: %s\n  Checksum: 0x%s\n  Length: %lld\n\n",
		       jget_str(j, "lsaType"), jget_str(j, "linkStateId"), db_types[ti].id_note,
		       jget_str(j, "advertisingRouter"), jget_str(j, "lsaSeqNumber"),
		       jget_str(j, "checksum"), (long long)jget_int(j, "length"));
	switch (type) {
	case LSA_ROUTER:
		router_links_text(j, out);
		break;
	case LSA_NETWORK: {
		struct json_object *rs;

		cmd_out_printf(out, "  Network Mask: /%lld\n",
			       (long long)jget_int(j, "networkMask"));
		if (json_object_object_get_ex(j, "attchedRouters", &rs)) {
			json_object_object_foreach (rs, rid, rj) {
				(void)rj;
				cmd_out_printf(out, "        Attached Router: %s\n", rid);
			}
		}
		cmd_out_printf(out, "\n");
		break;
	}
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		cmd_out_printf(out, "  Network Mask: /%lld\n        TOS: 0  Metric: %lld\n\n",
			       (long long)jget_int(j, "networkMask"),
			       (long long)jget_int(j, "tos0Metric"));
		break;
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		external_text(j, out, type == LSA_NSSA);
		break;
	}
}

static void lsa_list_text(struct json_object *arr, int ti, const char *area, struct cmd_out *out)
{
	if (area)
		cmd_out_printf(out, "\n                %s (Area %s)\n\n", db_types[ti].title, area);
	else
		cmd_out_printf(out, "\n                %s\n\n", db_types[ti].title);
	for (size_t i = 0; i < json_object_array_length(arr); i++)
		lsa_detail_text(json_object_array_get_idx(arr, i), ti, out);
}

static void database_type_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *v, *areas;

	cmd_out_printf(out, "\n       OSPF Router with ID (%s)\n\n", jget_str(root, "routerId"));
	for (size_t ti = 0; ti < N_DB_TYPES; ti++) {
		if (!json_object_object_get_ex(root, db_types[ti].key, &v))
			continue;
		if (json_object_is_type(v, json_type_array)) {
			lsa_list_text(v, (int)ti, NULL, out);
		} else if (json_object_object_get_ex(v, "areas", &areas)) {
			json_object_object_foreach (areas, area, arr)
				lsa_list_text(arr, (int)ti, area, out);
		}
	}
}

/* ---- max-age ---- */

struct maxage_walk {
	struct json_object *obj;
	uint64_t now;
};

static void maxage_entry(struct lsa_entry *e, void *arg)
{
	struct maxage_walk *w = arg;
	const struct lsa_hdr *h = &e->inst->hdr;
	struct json_object *j;
	char key[48];

	if ((lsa_inst_age(e->inst, w->now) & ~LSA_DO_NOT_AGE) < LSA_MAX_AGE && !e->maxage_flushing)
		return;
	j = json_object_new_object();
	jint(j, "linkType", h->type);
	jstr(j, "linkStateId", ipstr(h->id));
	jstr(j, "advertisingRouter", ipstr(h->adv_router));
	jint(j, "lsaLockCount", e->inst->refs);
	/* FRR keys the object by link state id alone; the type and router keep ours unique */
	snprintf(key, sizeof(key), "%s", ipstr(h->id));
	if (json_object_object_get_ex(w->obj, key, NULL))
		snprintf(key, sizeof(key), "%s/%u/%s", ipstr(h->id), h->type, ipstr(h->adv_router));
	json_object_object_add(w->obj, key, j);
}

/* show ip ospf database max-age: the LSAs at MaxAge still waiting to leave the database
 * (RFC 2328 14: until no neighbor must still acknowledge them). */
struct json_object *show_database_maxage_json(const struct ospf *o)
{
	struct json_object *root = json_object_new_object();
	struct maxage_walk w = { json_object_new_object(), 0 };
	struct area *a;

	if (!o) {
		json_object_object_add(root, "maxAgeLinkStates", w.obj);
		return root;
	}
	w.now = ospf_now(o);
	jstr(root, "routerId", ipstr(o->router_id));
	list_for_each (a, &o->areas, node)
		lsdb_foreach(&a->lsdb, maxage_entry, &w);
	lsdb_foreach(&o->as_lsdb, maxage_entry, &w);
	json_object_object_add(root, "maxAgeLinkStates", w.obj);
	return root;
}

static void maxage_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *m;

	cmd_out_printf(out, "\n       OSPF Router with ID (%s)\n\n\n", jget_str(root, "routerId"));
	cmd_out_printf(out, "                MaxAge Link States:\n\n");
	if (!json_object_object_get_ex(root, "maxAgeLinkStates", &m))
		return;
	json_object_object_foreach (m, key, j) {
		(void)key;
		cmd_out_printf(out,
			       "Link type: %lld\nLink State ID: %s\nAdvertising Router: %s\n"
			       "LSA lock count: %lld\n\n",
			       (long long)jget_int(j, "linkType"), jget_str(j, "linkStateId"),
			       jget_str(j, "advertisingRouter"),
			       (long long)jget_int(j, "lsaLockCount"));
	}
}

/* ---- the commands ---- */

static enum cmd_result cmd_show_database_type(struct cmd_call *c)
{
	const struct ospf *o = ctx_ospf(c);
	uint32_t id = 0, adv = 0;
	bool has_id = false, has_adv = false, self = false;
	uint8_t type = 0;

	for (int i = 0; i < c->args.argc; i++) {
		const struct cmd_arg *a = &c->args.argv[i];

		if (a->tok->kind == CMD_TOK_KEYWORD) {
			for (size_t t = 0; t < N_DB_TYPES; t++)
				if (!strcmp(a->text, db_types[t].word))
					type = db_types[t].type;
			if (!strcmp(a->text, "self-originate"))
				self = true;
		} else if (a->tok->kind == CMD_TOK_IPV4) {
			bool after_adv = i > 0 && !strcmp(c->args.argv[i - 1].text, "adv-router");

			if (after_adv) {
				adv = a->v.ipv4;
				has_adv = true;
			} else {
				id = a->v.ipv4;
				has_id = true;
			}
		}
	}
	return emit(
	    c, show_database_type_json(o, type, has_id ? &id : NULL, has_adv ? &adv : NULL, self),
	    database_type_text);
}

static enum cmd_result cmd_show_database_maxage(struct cmd_call *c)
{
	return emit(c, show_database_maxage_json(ctx_ospf(c)), maxage_text);
}

#define SHOW_DB                                                               \
	"Show running system information\nIP information\nOSPF information\n" \
	"Database summary\n"
#define DB_TYPES "<router|network|summary|asbr-summary|external|nssa-external>"
#define DB_TYPES_HELP                                                            \
	"Router link states\nNetwork link states\nNetwork summary link states\n" \
	"ASBR summary link states\nExternal link states\nNSSA external link state\n"

static const struct cmd_def show_db_cmds[] = {
	{ "show ip ospf database " DB_TYPES " [A.B.C.D] [adv-router A.B.C.D|self-originate] [json]",
	  SHOW_DB DB_TYPES_HELP "Link State ID (as an IP address)\n"
				"Advertising Router link states\nAdvertising Router (as an IP "
				"address)\n"
				"Self-originated link states\nJavaScript Object Notation\n",
	  NODE_VIEW, cmd_show_database_type, 0, 0 },
	{ "show ip ospf database max-age [json]",
	  SHOW_DB "LSAs in MaxAge list\nJavaScript Object Notation\n", NODE_VIEW,
	  cmd_show_database_maxage, 0, 0 },
};

int show_db_cmds_install(struct cmd_tree *t)
{
	return cmd_install_all(t, show_db_cmds, sizeof(show_db_cmds) / sizeof(show_db_cmds[0]));
}
