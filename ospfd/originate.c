/* SPDX-License-Identifier: ISC */
/*
 * Our own LSAs: the router-LSA of each area (RFC 2328 12.4.1) and the network-LSA of each
 * network we are DR of (12.4.2).
 *
 * An LSA is rebuilt from the current state whenever it is originated, so a change only has
 * to ask for an origination. The request is parked in the LSDB entry (its originate_timer):
 * right after the current event if MinLSInterval allows, else when it does (12.4); requests
 * meanwhile fold into the parked one, which carries the last state.
 */
#include <stdlib.h>
#include <string.h>

#include "abr.h"
#include "external.h"
#include "flood.h"
#include "iface.h"
#include "nbr.h"
#include "originate.h"
#include "stub_router.h"
#include "vlink.h"
#include "wire.h"
#include "debug.h"

enum originate_why {
	ORIGINATE_CHANGE,  /* the state it describes may have changed */
	ORIGINATE_REFRESH, /* LSRefreshTime: a new instance even if nothing changed */
	ORIGINATE_RESTART, /* after a sequence number wrap, flushed everywhere (12.1.6) */
};

/* The LSA Options of our LSAs in area a (A.2): E unless a stub area or NSSA. */
static uint8_t originate_options(const struct area *a)
{
	return a->type == AREA_NORMAL ? OSPF_OPT_E : 0;
}

static bool iface_up(const struct iface *ifp)
{
	return ifp->state != ISM_DOWN;
}

static bool iface_has_full_nbr(const struct iface *ifp)
{
	struct nbr *n;

	list_for_each (n, &ifp->nbrs, node)
		if (n->state == NSM_FULL)
			return true;
	return false;
}

/* RFC 2328 12.4.1: an area border router (B bit), as abr.c decides. */
static bool originate_is_abr(const struct ospf *o)
{
	return abr_is_abr(o);
}

static bool area_attached(const struct area *a)
{
	const struct iface *ifp;

	list_for_each (ifp, &a->ifaces, area_node)
		if (iface_up(ifp))
			return true;
	return false;
}

static void link_add(struct lsa_router *r, uint8_t type, uint32_t id, uint32_t data,
		     uint32_t metric)
{
	struct lsa_router_link *l = &r->links[r->nlinks++];

	l->type = type;
	l->id = id;
	l->data = data;
	l->metric = (uint16_t)(metric > 0xffff ? 0xffff : metric);
}

/* RFC 2328 12.4.1.2: a transit link once we are Full with the DR, or DR with a Full one. */
static bool iface_transit(const struct iface *ifp)
{
	struct nbr *n;

	if (ifp->state == ISM_DR)
		return iface_has_full_nbr(ifp);
	list_for_each (n, &ifp->nbrs, node)
		if (n->addr == ifp->dr && n->state == NSM_FULL)
			return true;
	return false;
}

static void router_links_of(const struct iface *ifp, struct lsa_router *r)
{
	uint32_t mask = iface_mask(ifp), cost = ifp->params.cost;
	/* RFC 6987 2: a stub router's transit and point-to-point links at MaxLinkMetric */
	uint32_t tcost = stub_router_link_cost(ifp->ospf, cost);
	struct nbr *n;

	if (!iface_up(ifp))
		return;
	/* 12.4.1.3: a virtual link to its Full neighbor, at the transit path's cost */
	if (iface_is_vlink(ifp)) {
		list_for_each (n, &ifp->nbrs, node)
			if (n->state == NSM_FULL)
				link_add(r, LSA_LINK_VIRTUAL, n->router_id, ifp->addr, cost);
		return;
	}
	/* 12.4.1: loopbacks are host routes of cost 0 */
	if (ifp->state == ISM_LOOPBACK || ifp->params.type == IFACE_LOOPBACK) {
		link_add(r, LSA_LINK_STUB, ifp->addr, 0xffffffffu, 0);
		return;
	}
	if (ifp->params.type == IFACE_P2P) {
		/* 12.4.1.1: a point-to-point link to each Full neighbor, then the subnet (or
		 * the peer's host route for a /32 with a peer address) as a stub */
		list_for_each (n, &ifp->nbrs, node)
			if (n->state == NSM_FULL)
				link_add(r, LSA_LINK_P2P, n->router_id,
					 ifp->addr ? ifp->addr : (uint32_t)ifp->ifindex, tcost);
		if (ifp->peer && ifp->prefixlen == 32)
			link_add(r, LSA_LINK_STUB, ifp->peer, 0xffffffffu, cost);
		else
			link_add(r, LSA_LINK_STUB, ifp->addr & mask, mask, cost);
		return;
	}
	/* 12.4.1.2: broadcast; Waiting, passive and no adjacency to the DR: a stub network */
	if (ifp->state != ISM_WAITING && iface_transit(ifp))
		link_add(r, LSA_LINK_TRANSIT, ifp->dr, ifp->addr, tcost);
	else
		link_add(r, LSA_LINK_STUB, ifp->addr & mask, mask, cost);
}

static bool router_lsa_build(struct area *a, struct lsa *l)
{
	const struct iface *ifp;
	size_t max = 0;
	struct nbr *n;

	if (!area_attached(a))
		return false;
	if (!l)
		return true;
	list_for_each (ifp, &a->ifaces, area_node) {
		max += 2;
		list_for_each (n, &ifp->nbrs, node)
			max++;
	}
	if (max > 0xffff)
		max = 0xffff;
	l->router.links = calloc(max, sizeof(*l->router.links));
	if (!l->router.links)
		return false;
	l->hdr.type = LSA_ROUTER;
	l->hdr.id = a->ospf->router_id;
	l->router.flags = abr_router_flags(a);
	/* 12.4.1: E as an AS boundary router; there are none in stub areas (3.6) */
	if (external_is_asbr(a->ospf) && a->type != AREA_STUB)
		l->router.flags |= LSA_ROUTER_E;
	/* 12.4.1: V in a transit area of a Full virtual link */
	if (a->id != 0 && vlink_area_is_transit(a))
		l->router.flags |= LSA_ROUTER_V;
	list_for_each (ifp, &a->ifaces, area_node)
		if (l->router.nlinks + 2 + list_count(&ifp->nbrs) <= max)
			router_links_of(ifp, &l->router);
	return true;
}

/* RFC 2328 12.4.2: while DR with at least one Full neighbor: us and the Full ones. */
static bool network_lsa_build(struct iface *ifp, struct lsa *l)
{
	struct nbr *n;

	if (ifp->state != ISM_DR || !iface_has_full_nbr(ifp))
		return false;
	if (!l)
		return true;
	l->network.routers = calloc(1 + list_count(&ifp->nbrs), sizeof(*l->network.routers));
	if (!l->network.routers)
		return false;
	l->hdr.type = LSA_NETWORK;
	l->hdr.id = ifp->addr;
	l->network.mask = iface_mask(ifp);
	l->network.routers[l->network.nrouters++] = ifp->ospf->router_id;
	list_for_each (n, &ifp->nbrs, node)
		if (n->state == NSM_FULL)
			l->network.routers[l->network.nrouters++] = n->router_id;
	return true;
}

static struct iface *area_iface_by_addr(const struct area *a, uint32_t addr)
{
	struct iface *ifp;

	list_for_each (ifp, &a->ifaces, area_node)
		if (ifp->addr == addr)
			return ifp;
	return NULL;
}

/* What originate_lsa() was asked to originate: the options and the body after the header. */
struct originate_body {
	uint8_t options;
	uint16_t len;
	uint8_t data[];
};

/* Whether we originate the LSA of key now; if so and l is given, builds it there. Router and
 * network-LSAs only: the others are bodies handed to originate_lsa(). */
static bool originate_build(struct lsdb *db, const struct lsa_key *k, struct lsa *l)
{
	struct ospf *o = db->ospf;
	struct iface *ifp;
	bool ok = false;

	if (l)
		memset(l, 0, sizeof(*l));
	if (o->shutting_down || k->adv_router != o->router_id)
		return false;
	if (k->type == LSA_AS_EXTERNAL || k->type == LSA_NSSA) {
		/* RFC 2328 12.4.4, RFC 3101 2.4 */
		ok = external_lsa_build(db, k, l);
		if (ok && l)
			l->hdr.adv_router = o->router_id;
		return ok;
	}
	if (!db->area)
		return false;
	if (k->type == LSA_ROUTER && k->id == o->router_id)
		ok = router_lsa_build(db->area, l);
	else if (k->type == LSA_NETWORK && (ifp = area_iface_by_addr(db->area, k->id)))
		ok = network_lsa_build(ifp, l);
	if (ok && l) {
		l->hdr.options = originate_options(db->area);
		l->hdr.adv_router = o->router_id;
	}
	return ok;
}

/* The body wanted for key k: pending (not in the LSDB yet) or the entry's. */
static const struct originate_body *originate_want(const struct lsdb *db, const struct lsa_key *k,
						   const struct originate_body *pending)
{
	const struct lsa_entry *e;

	if (pending)
		return pending;
	if (db->ospf->shutting_down || k->adv_router != db->ospf->router_id ||
	    k->type == LSA_ROUTER || k->type == LSA_NETWORK)
		return NULL;
	e = lsdb_lookup(db, k);
	return e ? e->want : NULL;
}

/* Whether we originate the LSA of key now. */
static bool originate_wanted(struct lsdb *db, const struct lsa_key *k)
{
	return originate_build(db, k, NULL) || originate_want(db, k, NULL);
}

/* The LSA of key as we originate it now, in wire form with sequence number seq and no
 * checksum (malloc'd, *len its length); NULL if we do not originate it or on no memory
 * (*nomem set). */
static uint8_t *originate_encode(struct lsdb *db, const struct lsa_key *k,
				 const struct originate_body *w, int32_t seq, size_t *len,
				 bool *nomem)
{
	struct lsa_hdr h = { 0 };
	struct lsa l;
	uint8_t *buf;

	*nomem = false;
	if (w) {
		*len = LSA_HEADER_LEN + (size_t)w->len;
		buf = calloc(1, *len);
		if (!buf) {
			*nomem = true;
			return NULL;
		}
		h.options = w->options;
		h.type = k->type;
		h.id = k->id;
		h.adv_router = k->adv_router;
		h.seq = seq;
		h.length = (uint16_t)*len;
		lsa_hdr_encode(&h, buf);
		memcpy(buf + LSA_HEADER_LEN, w->data, w->len);
		return buf;
	}
	if (!originate_build(db, k, &l)) {
		lsa_free(&l);
		return NULL;
	}
	l.hdr.seq = seq;
	*len = lsa_encoded_len(&l);
	buf = *len <= UINT16_MAX ? calloc(1, *len) : NULL;
	if (buf)
		lsa_encode(&l, buf, *len);
	else
		*nomem = true;
	lsa_free(&l);
	return buf;
}

bool originate_is_self(const struct lsdb *db, const struct lsa_hdr *h)
{
	if (h->adv_router == db->ospf->router_id)
		return true;
	/* 13.4: a network-LSA for one of our addresses, from an earlier router id of ours */
	return h->type == LSA_NETWORK && db->area && area_iface_by_addr(db->area, h->id);
}

/* The pointers the area and interfaces keep to their own LSAs. */
static void originate_owner_set(struct lsa_entry *e)
{
	struct area *a = e->db->area;
	struct iface *ifp;

	if (!a)
		return;
	if (e->key.type == LSA_ROUTER)
		a->router_lsa = e;
	else if (e->key.type == LSA_NETWORK && (ifp = area_iface_by_addr(a, e->key.id)))
		ifp->network_lsa = e;
}

/* Whether the instance e holds is one we originated (not a copy of ours from a neighbor). */
static bool originate_current_is_ours(const struct lsa_entry *e)
{
	return e->self && e->last_originated_ms && e->last_originated_ms == e->inst->install_ms;
}

static bool originate_same(const struct lsa_entry *e, const uint8_t *buf, size_t len)
{
	const struct lsa_inst *cur = e->inst;

	/* options, type and the body; the header's age, sequence and checksum aside */
	return cur->len == len && cur->data[2] == buf[2] &&
	       !memcmp(cur->data + LSA_HEADER_LEN, buf + LSA_HEADER_LEN, len - LSA_HEADER_LEN);
}

/* 14.1: flushes e unless it is on its way out already. */
static void originate_flush_once(struct lsa_entry *e)
{
	if (!e->maxage_flushing)
		originate_flush(e);
}

/* RFC 2328 12.4: a new instance of the LSA of key, built from the current state. pending:
 * the body of a key not in the LSDB yet, handed over to its new entry. */
static void originate_now(struct lsdb *db, const struct lsa_key *k, enum originate_why why,
			  struct originate_body *pending)
{
	struct ospf *o = db->ospf;
	struct lsa_entry *e = lsdb_lookup(db, k);
	uint64_t now = ospf_now(o);
	int32_t seq = LSA_INITIAL_SEQ;
	struct lsa_inst *inst;
	uint8_t *buf;
	size_t len;
	bool nomem;

	if (e)
		timer_cancel(&e->originate_timer);
	if (e && why != ORIGINATE_RESTART && originate_wanted(db, k)) {
		if (e->inst->hdr.seq == LSA_MAX_SEQ) {
			/* 12.1.6: sequence numbers exhausted: flush, then start over once the
			 * old instance is gone everywhere (originate_after_flush) */
			originate_flush_once(e);
			return;
		}
		seq = e->inst->hdr.seq + 1;
	}
	buf = originate_encode(db, k, originate_want(db, k, pending), seq, &len, &nomem);
	if (!buf) {
		free(pending);
		if (nomem)
			ospf_logf(o, 3, "no memory to originate a %s LSA", lsa_type_name(k->type));
		/* 14.1: we no longer originate it: flush it */
		else if (e)
			originate_flush_once(e);
		return;
	}
	if (e && why == ORIGINATE_CHANGE && !e->maxage_flushing && originate_current_is_ours(e) &&
	    originate_same(e, buf, len)) {
		free(buf); /* nothing changed */
		return;
	}
	lsa_checksum_set(buf, len);
	inst = lsa_inst_new(buf, (uint16_t)len, now);
	free(buf);
	if (inst)
		e = flood_lsdb_install(db, inst);
	if (!inst || !e) {
		free(pending);
		return;
	}
	if (pending) {
		free(e->want);
		e->want = pending;
	}
	e->self = true;
	e->last_originated_ms = now;
	originate_owner_set(e);
	ospf_debug(o, OSPF_DEBUG_LSA, "originated %s LSA %s seq 0x%08x", lsa_type_name(k->type),
		   ipstr(k->id), (uint32_t)seq);
	lsa_event(o, "originated", e);
	flood_lsa(e, NULL);
}

static void originate_timer_fire(void *arg)
{
	struct lsa_entry *e = arg;

	originate_now(e->db, &e->key, ORIGINATE_CHANGE, NULL);
	/* a MaxAge entry waited for this origination (14); if none came, it may go now */
	if (e->maxage_flushing)
		age_maxage_check(e);
}

/* RFC 2328 12.4: an origination of the LSA of key, parked until MinLSInterval allows. */
static void originate_request(struct lsdb *db, const struct lsa_key *k)
{
	struct ospf *o = db->ospf;
	struct lsa_entry *e = lsdb_lookup(db, k);
	uint64_t now = ospf_now(o), wait = 0;

	if (o->shutting_down)
		return;
	if (!e) {
		if (originate_wanted(db, k))
			originate_now(db, k, ORIGINATE_CHANGE, NULL);
		return;
	}
	if (!originate_wanted(db, k)) {
		/* flushing is not originating: no MinLSInterval (14.1) */
		timer_cancel(&e->originate_timer);
		if (e->self)
			originate_flush_once(e);
		return;
	}
	if (e->originate_timer)
		return; /* parked already: it builds the last state when it runs */
	if (e->last_originated_ms && now - e->last_originated_ms < OSPF_MIN_LS_INTERVAL_MS)
		wait = OSPF_MIN_LS_INTERVAL_MS - (now - e->last_originated_ms);
	/* right after the event that asked (more changes may follow), or when allowed */
	timer_arm(o->tq, &e->originate_timer, wait, originate_timer_fire, e);
}

void originate_router_lsa(struct area *a)
{
	struct ospf *o = a->ospf;
	struct lsa_key k = { LSA_ROUTER, o->router_id, o->router_id };
	bool abr = originate_is_abr(o);
	struct area *b;

	originate_request(&a->lsdb, &k);
	/* the B bit in the other areas' router-LSAs follows how many areas we are in */
	list_for_each (b, &o->areas, node) {
		const struct lsa_entry *e = b->router_lsa;

		if (b != a && e && e->inst->len > LSA_HEADER_LEN &&
		    !!(e->inst->data[LSA_HEADER_LEN] & LSA_ROUTER_B) != abr)
			originate_request(&b->lsdb, &k);
	}
}

void originate_network_lsa(struct iface *ifp)
{
	struct ospf *o = ifp->ospf;
	struct lsa_key k = { LSA_NETWORK, ifp->addr, o->router_id };

	originate_request(&ifp->area->lsdb, &k);
	if (ifp->network_lsa && ifp->network_lsa->maxage_flushing)
		ifp->network_lsa = NULL;
}

void originate_self_received(struct lsa_entry *e, struct lsa_inst *received)
{
	struct lsdb *db = e->db;

	(void)received; /* installed in e: the next instance goes one above it */
	if (!originate_wanted(db, &e->key)) {
		/* 13.4: not ours (any more): flush it */
		timer_cancel(&e->originate_timer);
		originate_flush_once(e);
		return;
	}
	/* 13.4: a newer instance than the one received, seq + 1 */
	originate_request(db, &e->key);
}

void originate_refresh(struct lsa_entry *e)
{
	originate_now(e->db, &e->key, ORIGINATE_REFRESH, NULL);
}

void originate_flush(struct lsa_entry *e)
{
	struct lsdb *db = e->db;
	struct ospf *o = db->ospf;
	struct lsa_inst *inst;

	timer_cancel(&e->originate_timer);
	inst = lsa_inst_new(e->inst->data, e->inst->len, ospf_now(o));
	if (!inst)
		return;
	/* 14.1: the same instance at MaxAge (the checksum leaves the age out) */
	put16(inst->data, LSA_MAX_AGE);
	inst->hdr.age = LSA_MAX_AGE;
	ospf_debug(o, OSPF_DEBUG_LSA, "flushing %s LSA %s/%s seq 0x%08x",
		   lsa_type_name(e->key.type), ipstr(e->key.id), ipstr(e->key.adv_router),
		   (uint32_t)inst->hdr.seq);
	e = flood_lsdb_install(db, inst);
	if (e) {
		lsa_event(o, "flushed", e);
		flood_lsa(e, NULL);
	}
}

bool originate_after_flush(struct lsa_entry *e)
{
	if (e->inst->hdr.seq != LSA_MAX_SEQ || !originate_wanted(e->db, &e->key))
		return false;
	/* 12.1.6: the MaxSeq instance is gone: start again at InitialSequenceNumber */
	originate_now(e->db, &e->key, ORIGINATE_RESTART, NULL);
	return true;
}

bool originate_lsa(struct lsdb *db, const struct lsa_key *k, uint8_t options, const uint8_t *body,
		   size_t len)
{
	struct lsa_entry *e = lsdb_lookup(db, k);
	struct originate_body *w;

	if (db->ospf->shutting_down || k->type == LSA_ROUTER || k->type == LSA_NETWORK ||
	    len > UINT16_MAX - LSA_HEADER_LEN)
		return false;
	if (e && e->want && e->want->options == options && e->want->len == len &&
	    !memcmp(e->want->data, body, len) && e->self && !e->maxage_flushing)
		return true; /* asked for what we originate already */
	w = malloc(sizeof(*w) + len);
	if (!w)
		return false;
	w->options = options;
	w->len = (uint16_t)len;
	memcpy(w->data, body, len);
	if (!e) {
		originate_now(db, k, ORIGINATE_CHANGE, w);
		return true;
	}
	free(e->want);
	e->want = w;
	originate_request(db, k);
	return true;
}

void originate_lsa_withdraw(struct lsdb *db, const struct lsa_key *k)
{
	struct lsa_entry *e = lsdb_lookup(db, k);

	if (!e || !e->want)
		return;
	free(e->want);
	e->want = NULL;
	timer_cancel(&e->originate_timer);
	if (e->self)
		originate_flush_once(e);
}

bool originate_lsa_wanted(const struct lsa_entry *e)
{
	return e->want != NULL;
}

void originate_external_lsa(struct lsdb *db, const struct lsa_key *k)
{
	originate_request(db, k);
}
