/* SPDX-License-Identifier: ISC */
/* Virtual links (RFC 2328 15, 16.1, 16.3): see vlink.h. */
#include "vlink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "lsa.h"
#include "originate.h"
#include "spf.h"
#include "wire.h"

#define LS_INFINITY 0xffffffu

static struct iface *vlink_find(const struct ospf *o, uint32_t transit, uint32_t peer)
{
	struct iface *ifp;

	list_for_each (ifp, &o->ifaces, node)
		if (ifp->vlink && ifp->vlink->transit == transit && ifp->vlink->peer == peer)
			return ifp;
	return NULL;
}

unsigned int vlink_count(const struct ospf *o)
{
	const struct iface *ifp;
	unsigned int n = 0;

	list_for_each (ifp, &o->ifaces, node)
		n += ifp->vlink != NULL;
	return n;
}

static bool vlink_configured(const struct ospf_config *cfg, const struct vlink *v)
{
	const struct cfg_area *ca = cfg ? config_area_find(cfg, v->transit) : NULL;
	size_t i;

	for (i = 0; ca && ca->type == AREA_NORMAL && i < ca->nvlinks; i++)
		if (ca->vlinks[i] == v->peer)
			return true;
	return false;
}

/* The lowest VLINK number not in use. */
static unsigned int vlink_free_num(const struct ospf *o)
{
	const struct iface *ifp;
	unsigned int n = 0;
	bool used = true;

	while (used) {
		used = false;
		list_for_each (ifp, &o->ifaces, node)
			if (ifp->vlink && ifp->vlink->num == n) {
				used = true;
				n++;
				break;
			}
	}
	return n;
}

static void vlink_add(struct ospf *o, uint32_t transit, uint32_t peer)
{
	struct area *bb = ospf_area_get(o, 0);
	struct iface_params p;
	struct vlink *v = calloc(1, sizeof(*v));
	struct iface *ifp;
	char name[IF_NAMESIZE];

	if (!v || !bb || !ospf_area_get(o, transit)) {
		free(v);
		return;
	}
	v->transit = transit;
	v->peer = peer;
	v->num = vlink_free_num(o);
	snprintf(name, sizeof(name), "VLINK%u", v->num);
	/* RFC 2328 15: a point-to-point interface of the backbone; its MTU is 0 in DDs
	 * (10.8), its cost comes from the transit area's SPF */
	iface_params_default(&p);
	p.type = IFACE_P2P;
	p.hello_interval = 10;
	p.dead_interval = 40;
	p.auth.type = bb->auth_type;
	ifp = iface_new(o, bb, name, 0, 0, 0, 0, &p);
	if (!ifp) {
		free(v);
		return;
	}
	ifp->vlink = v;
	ifp->kernel_up = true;
	ospf_logf(o, 5, "%s: virtual link to %s through area %s", name, ipstr(peer),
		  ipstr(transit));
}

void vlink_configure(struct ospf *o, const struct ospf_config *cfg)
{
	struct iface *ifp, *tmp;
	size_t i, j;
	bool changed = false;

	list_for_each_safe (ifp, tmp, &o->ifaces, node)
		if (ifp->vlink && !vlink_configured(cfg, ifp->vlink)) {
			struct area *bb = ifp->area;

			iface_free(ifp);
			originate_router_lsa(bb);
			changed = true;
		}
	for (i = 0; cfg && i < cfg->nareas; i++) {
		const struct cfg_area *ca = &cfg->areas[i];

		/* RFC 2328 15: not through the backbone, stub areas or NSSAs */
		if (ca->id == 0 || ca->type != AREA_NORMAL)
			continue;
		for (j = 0; j < ca->nvlinks; j++)
			if (ca->vlinks[j] != o->router_id &&
			    !vlink_find(o, ca->id, ca->vlinks[j])) {
				vlink_add(o, ca->id, ca->vlinks[j]);
				changed = true;
			}
	}
	/* RFC 2328 D: a virtual link authenticates as the backbone says */
	list_for_each (ifp, &o->ifaces, node)
		if (ifp->vlink)
			ifp->params.auth.type = ifp->area->auth_type;
	if (changed)
		spf_schedule(o, "virtual link configuration changed");
}

/* The remote endpoint's address (RFC 2328 15): an interface address from its router-LSA in
 * the transit area, the one on a network towards us by preference. */
static uint32_t vlink_remote_addr(const struct area *a, uint32_t rid, const struct vlink *v)
{
	struct lsa_key k = { LSA_ROUTER, rid, rid };
	const struct lsa_entry *e = lsdb_lookup(&a->lsdb, &k);
	const uint8_t *d;
	uint32_t first = 0;
	size_t off, len;
	uint16_t n, i;

	if (!e || e->inst->len < LSA_HEADER_LEN + 4)
		return 0;
	d = e->inst->data;
	len = e->inst->len;
	n = get16(d + LSA_HEADER_LEN + 2);
	off = LSA_HEADER_LEN + 4;
	for (i = 0; i < n && off + 12 <= len; i++) {
		uint32_t data = get32(d + off + 4);
		uint8_t type = d[off + 8], ntos = d[off + 9];
		size_t k2;

		off += 12 + (size_t)ntos * 4;
		/* link data of transit and numbered point-to-point links is an address */
		if ((type != LSA_LINK_TRANSIT && type != LSA_LINK_P2P) || data < 0x01000000u)
			continue;
		for (k2 = 0; k2 < v->nnh; k2++)
			if (v->nh[k2].gw == data)
				return data;
		if (!first)
			first = data;
	}
	return first;
}

static bool vlink_nh_same(const struct vlink *v, const struct route_table *t, const struct route *r)
{
	const struct route_nexthop *nh = route_nexthops(t, r);
	size_t i, n = r->nh_count < VLINK_MAX_NH ? r->nh_count : VLINK_MAX_NH;

	if (n != v->nnh)
		return false;
	for (i = 0; i < n; i++)
		if (nh[i].gw != v->nh[i].gw || nh[i].ifindex != v->nh[i].ifindex)
			return false;
	return true;
}

static void vlink_down(struct iface *ifp)
{
	struct vlink *v = ifp->vlink;

	v->nnh = 0;
	if (ifp->state == ISM_DOWN)
		return;
	ospf_logf(ifp->ospf, 5, "%s: virtual link to %s down: unreachable through area %s",
		  ifp->name, ipstr(v->peer), ipstr(v->transit));
	iface_fsm(ifp, ISM_EV_INTERFACE_DOWN);
	ifp->addr = 0;
	ifp->peer = 0;
	originate_router_lsa(ifp->area);
	spf_schedule(ifp->ospf, "virtual link down");
}

/* RFC 2328 16.1: the transit area's SPF found endpoint r; the link's parameters follow. */
static void vlink_up(struct iface *ifp, const struct area *a, const struct route_table *t,
		     const struct route *r)
{
	struct ospf *o = ifp->ospf;
	struct vlink *v = ifp->vlink;
	const struct route_nexthop *nh = route_nexthops(t, r);
	const struct iface *out = NULL;
	uint32_t local, remote;
	bool nh_changed = !vlink_nh_same(v, t, r), relink;
	size_t i;

	v->nnh = r->nh_count < VLINK_MAX_NH ? r->nh_count : VLINK_MAX_NH;
	for (i = 0; i < v->nnh; i++) {
		v->nh[i].gw = nh[i].gw;
		v->nh[i].ifindex = nh[i].ifindex;
	}
	/* RFC 2328 15: our address is that of the interface the path leaves by */
	for (i = 0; i < v->nnh && !out; i++) {
		const struct iface *x = ospf_iface_find(o, v->nh[i].ifindex);

		if (x && x->area == a && x->addr)
			out = x;
	}
	local = out ? out->addr : 0;
	remote = vlink_remote_addr(a, v->peer, v);
	if (!local || !remote) {
		vlink_down(ifp);
		return;
	}
	relink = local != ifp->addr || remote != ifp->peer;
	if (relink && ifp->state != ISM_DOWN)
		iface_fsm(ifp, ISM_EV_INTERFACE_DOWN); /* the neighbor is elsewhere now */
	ifp->addr = local;
	ifp->peer = remote;
	ifp->prefixlen = 0; /* Hellos on virtual links carry mask 0 */
	if (ifp->params.cost != r->cost) {
		ifp->params.cost = r->cost > 0xffff ? 0xffff : r->cost;
		originate_router_lsa(ifp->area);
	}
	if (ifp->state == ISM_DOWN) {
		ospf_logf(o, 5, "%s: virtual link to %s up, cost %u, %s -> %s", ifp->name,
			  ipstr(v->peer), ifp->params.cost, ipstr(local), ipstr(remote));
		iface_fsm(ifp, ISM_EV_INTERFACE_UP);
	}
	/* the backbone's paths over it take these next hops: compute again with them */
	if (nh_changed)
		spf_schedule(o, "virtual link next hops changed");
}

void vlink_spf_update(struct ospf *o, const struct route_table *t)
{
	struct iface *ifp, *tmp;

	list_for_each_safe (ifp, tmp, &o->ifaces, node) {
		struct vlink *v = ifp->vlink;
		struct area *a;
		const struct route *r;

		if (!v)
			continue;
		a = ospf_area_find(o, v->transit);
		r = a && a->type == AREA_NORMAL && t ? route_find(t, ROUTE_ROUTER, v->peer, a->id)
						     : NULL;
		/* RFC 2328 16.1: the endpoint, an area border router, reachable intra-area */
		if (r && r->path == ROUTE_INTRA && (r->router_flags & LSA_ROUTER_B) && r->nh_count)
			vlink_up(ifp, a, t, r);
		else
			vlink_down(ifp);
	}
}

size_t vlink_nexthops(const struct iface *ifp, uint32_t *gw, int *ifindex, size_t max)
{
	const struct vlink *v = ifp->vlink;
	size_t i;

	for (i = 0; v && i < v->nnh && i < max; i++) {
		gw[i] = v->nh[i].gw;
		ifindex[i] = v->nh[i].ifindex;
	}
	return i;
}

struct iface *vlink_to(const struct ospf *o, uint32_t peer)
{
	struct iface *ifp;

	list_for_each (ifp, &o->ifaces, node)
		if (ifp->vlink && ifp->vlink->peer == peer && ifp->state != ISM_DOWN)
			return ifp;
	return NULL;
}

struct iface *vlink_of_packet(const struct ospf *o, const struct iface *ifp, uint32_t rid)
{
	struct iface *v = vlink_find(o, ifp->area->id, rid);

	return v && v->state != ISM_DOWN ? v : NULL;
}

int vlink_full_through(const struct area *a)
{
	const struct iface *ifp;
	const struct nbr *n;
	int count = 0;

	list_for_each (ifp, &a->ospf->ifaces, node) {
		if (!ifp->vlink || ifp->vlink->transit != a->id)
			continue;
		list_for_each (n, &ifp->nbrs, node)
			count += n->state == NSM_FULL;
	}
	return count;
}

bool vlink_area_is_transit(const struct area *a)
{
	const struct iface *ifp;
	const struct nbr *n;

	list_for_each (ifp, &a->ospf->ifaces, node) {
		if (!ifp->vlink || ifp->vlink->transit != a->id)
			continue;
		list_for_each (n, &ifp->nbrs, node)
			if (n->state == NSM_FULL)
				return true;
	}
	return false;
}

void vlink_nbr_full_changed(struct iface *ifp)
{
	struct area *a = ospf_area_find(ifp->ospf, ifp->vlink->transit);

	if (a)
		originate_router_lsa(a);
}

/* ---- RFC 2328 16.3: examining the transit areas' summary-LSAs ---- */

struct transit_ctx {
	struct ospf *o;
	struct route_table *t;
	struct area *a;
};

static void transit_summary_one(struct lsa_entry *e, void *arg)
{
	struct transit_ctx *c = arg;
	const uint8_t *d = e->inst->data;
	struct route_nexthop nh[VLINK_MAX_NH];
	const struct route *br;
	struct route *r;
	uint32_t metric, iac;
	size_t n;

	if ((e->key.type != LSA_SUMMARY_NET && e->key.type != LSA_SUMMARY_ASBR) ||
	    e->inst->len < LSA_HEADER_LEN + 8 ||
	    (lsa_inst_age(e->inst, ospf_now(c->o)) & ~LSA_DO_NOT_AGE) >= LSA_MAX_AGE)
		return;
	/* (1) unreachable or our own */
	metric = get24(d + LSA_HEADER_LEN + 5);
	if (metric == LS_INFINITY || e->key.adv_router == c->o->router_id)
		return;
	/* (2) the destination's entry: a backbone intra or inter-area path */
	if (e->key.type == LSA_SUMMARY_NET) {
		uint8_t len = route_prefixlen(get32(d + LSA_HEADER_LEN));

		r = route_find(c->t, ROUTE_NETWORK, e->key.id & route_mask(len), len);
	} else {
		r = route_find(c->t, ROUTE_ROUTER, e->key.id, 0);
	}
	if (!r || r->area != 0 || (r->path != ROUTE_INTRA && r->path != ROUTE_INTER))
		return;
	/* (3) the advertising border router, reachable through the transit area */
	br = route_find(c->t, ROUTE_ROUTER, e->key.adv_router, c->a->id);
	if (!br || br->path != ROUTE_INTRA || !br->nh_count)
		return;
	/* (4), (5) a cheaper path through the transit area replaces the next hops, an equal
	 * one adds to them; the path type and area stay */
	iac = br->cost + metric;
	if (iac > r->cost)
		return;
	n = br->nh_count < VLINK_MAX_NH ? br->nh_count : VLINK_MAX_NH;
	memcpy(nh, route_nexthops(c->t, br), n * sizeof(*nh));
	if (iac < r->cost) {
		r->cost = iac;
		route_nexthops_set(c->t, r, nh, n);
	} else {
		route_nexthops_merge(c->t, r, nh, n, c->o->max_paths ? c->o->max_paths : 1);
	}
}

void vlink_transit_summaries(struct ospf *o, struct route_table *t)
{
	struct transit_ctx c = { o, t, NULL };
	struct area *a;

	list_for_each (a, &o->areas, node) {
		if (a->id == 0 || a->type != AREA_NORMAL || !vlink_area_is_transit(a))
			continue;
		c.a = a;
		lsdb_foreach(&a->lsdb, transit_summary_one, &c);
	}
}
