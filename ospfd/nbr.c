/* SPDX-License-Identifier: ISC */
/*
 * Neighbors: the neighbor state machine (RFC 2328 10.3) as a table, the adjacency decision
 * (10.4), and the neighbor's summary and request lists (10.1). The retransmission list
 * belongs to the flooding code (flood_rxmt_*).
 */
#include "nbr.h"

#include <stdlib.h>

#include "debug.h"
#include "flood.h"
#include "iface.h"
#include "originate.h"
#include "vlink.h"

#define NSM_BIT(s) (1u << (s))
#define NSM_ANY	   0xffffffffu
/* the states from s up to Full */
#define NSM_FROM(s) (NSM_ANY << (s) & (NSM_BIT(NSM_STATE_MAX) - 1))
/* a row's next state: unchanged, or the one its action returns */
#define NSM_SAME      NSM_STATE_MAX
#define NSM_BY_ACTION (NSM_STATE_MAX + 1)

struct nsm_row {
	unsigned int states; /* the states the row applies to, as NSM_BIT()s */
	enum nbr_event ev;
	enum nbr_state (*action)(struct nbr *n);
	int next; /* an enum nbr_state, NSM_SAME or NSM_BY_ACTION */
};

static enum nbr_state nsm_act_start(struct nbr *n);
static enum nbr_state nsm_act_inactivity_restart(struct nbr *n);
static enum nbr_state nsm_act_adj_decide(struct nbr *n);
static enum nbr_state nsm_act_summary_build(struct nbr *n);
static enum nbr_state nsm_act_exchange_done(struct nbr *n);
static enum nbr_state nsm_act_adj_recheck(struct nbr *n);
static enum nbr_state nsm_act_restart(struct nbr *n);
static enum nbr_state nsm_act_kill(struct nbr *n);
static enum nbr_state nsm_act_lists_clear(struct nbr *n);

/* RFC 2328 10.3, row by row: state(s), event, action, new state. */
static const struct nsm_row nsm_table[] = {
	{ NSM_BIT(NSM_DOWN), NSM_EV_START, nsm_act_start, NSM_ATTEMPT },
	{ NSM_BIT(NSM_ATTEMPT), NSM_EV_HELLO_RECEIVED, nsm_act_inactivity_restart, NSM_INIT },
	{ NSM_BIT(NSM_DOWN), NSM_EV_HELLO_RECEIVED, nsm_act_inactivity_restart, NSM_INIT },
	{ NSM_FROM(NSM_INIT), NSM_EV_HELLO_RECEIVED, nsm_act_inactivity_restart, NSM_SAME },
	{ NSM_BIT(NSM_INIT), NSM_EV_2WAY_RECEIVED, nsm_act_adj_decide, NSM_BY_ACTION },
	{ NSM_BIT(NSM_EXSTART), NSM_EV_NEGOTIATION_DONE, nsm_act_summary_build, NSM_EXCHANGE },
	{ NSM_BIT(NSM_EXCHANGE), NSM_EV_EXCHANGE_DONE, nsm_act_exchange_done, NSM_BY_ACTION },
	{ NSM_BIT(NSM_LOADING), NSM_EV_LOADING_DONE, NULL, NSM_FULL },
	{ NSM_BIT(NSM_2WAY), NSM_EV_ADJ_OK, nsm_act_adj_decide, NSM_BY_ACTION },
	{ NSM_FROM(NSM_EXSTART), NSM_EV_ADJ_OK, nsm_act_adj_recheck, NSM_BY_ACTION },
	{ NSM_FROM(NSM_EXCHANGE), NSM_EV_SEQ_NUMBER_MISMATCH, nsm_act_restart, NSM_EXSTART },
	{ NSM_FROM(NSM_EXCHANGE), NSM_EV_BAD_LS_REQ, nsm_act_restart, NSM_EXSTART },
	{ NSM_ANY, NSM_EV_KILL_NBR, nsm_act_kill, NSM_DOWN },
	{ NSM_ANY, NSM_EV_LL_DOWN, nsm_act_kill, NSM_DOWN },
	{ NSM_ANY, NSM_EV_INACTIVITY_TIMER, nsm_act_lists_clear, NSM_DOWN },
	{ NSM_FROM(NSM_2WAY), NSM_EV_1WAY_RECEIVED, nsm_act_lists_clear, NSM_INIT },
	{ NSM_FROM(NSM_2WAY), NSM_EV_2WAY_RECEIVED, NULL, NSM_SAME },
	{ NSM_BIT(NSM_INIT), NSM_EV_1WAY_RECEIVED, NULL, NSM_SAME },
};

struct nbr *nbr_new(struct iface *ifp, uint32_t router_id, uint32_t addr)
{
	struct nbr *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->iface = ifp;
	n->router_id = router_id;
	n->addr = addr;
	n->state = NSM_DOWN;
	list_init(&n->summary_list);
	list_init(&n->request_list);
	list_init(&n->retransmit_list);
	n->last_change_ms = ospf_now(ifp->ospf);
	list_add_tail(&ifp->nbrs, &n->node);
	ospf_debug(ifp->ospf, OSPF_DEBUG_NSM, "%s: new neighbor %s at %s", ifp->name,
		   ipstr(router_id), ipstr(addr));
	return n;
}

/* Unlinks and frees n; its state machine has already taken it Down. */
static void nbr_delete(struct nbr *n)
{
	list_del(&n->node);
	timer_cancel(&n->inactivity_timer);
	dbex_stop(n);
	lsreq_stop(n);
	nbr_summary_clear(n);
	nbr_request_clear(n);
	flood_rxmt_clear(n);
	timer_cancel(&n->lsu_rxmt_timer);
	free(n);
}

uint32_t nbr_dst(const struct nbr *n)
{
	return n->iface->params.type == IFACE_P2P ? OSPF_ALL_SPF_ROUTERS : n->addr;
}

bool nbr_should_be_adjacent(const struct nbr *n)
{
	const struct iface *ifp = n->iface;

	/* RFC 2328 10.4: always on point-to-point links */
	if (ifp->params.type != IFACE_BROADCAST)
		return true;
	/* on broadcast networks only with and between the DR and BDR */
	return ifp->dr == ifp->addr || ifp->bdr == ifp->addr || ifp->dr == n->addr ||
	       ifp->bdr == n->addr;
}

void nbr_summary_clear(struct nbr *n)
{
	struct nbr_lsa *e, *tmp;

	list_for_each_safe (e, tmp, &n->summary_list, node) {
		list_del(&e->node);
		free(e);
	}
}

void nbr_request_clear(struct nbr *n)
{
	struct nbr_lsa *e, *tmp;

	list_for_each_safe (e, tmp, &n->request_list, node) {
		list_del(&e->node);
		free(e);
	}
	nbr_lsa_set_clear(&n->request_set);
	n->nrequest = 0;
	n->lsr_last = NULL;
}

struct nbr_lsa *nbr_request_find(const struct nbr *n, const struct lsa_key *key)
{
	return nbr_lsa_set_find(&n->request_set, key);
}

void nbr_request_add(struct nbr *n, const struct lsa_hdr *h)
{
	struct lsa_key key = lsa_key_of(h);
	struct nbr_lsa *e = nbr_request_find(n, &key);

	if (e) {
		if (lsa_hdr_cmp_newer(h, &e->hdr) > 0)
			e->hdr = *h;
		return;
	}
	e = calloc(1, sizeof(*e));
	if (e) {
		e->hdr = *h;
		if (!nbr_lsa_set_add(&n->request_set, e)) {
			free(e);
			e = NULL;
		}
	}
	if (!e) {
		ospf_logf(n->iface->ospf, 3, "%s: no memory for the request list of %s",
			  n->iface->name, ipstr(n->router_id));
		return;
	}
	list_add_tail(&n->request_list, &e->node);
	n->nrequest++;
}

void nbr_request_remove(struct nbr *n, struct nbr_lsa *r)
{
	bool was_last = r == n->lsr_last;

	nbr_lsa_set_del(&n->request_set, r);
	list_del(&r->node);
	free(r);
	n->nrequest--;
	if (was_last)
		n->lsr_last = NULL;
	if (list_empty(&n->request_list)) {
		lsreq_stop(n);
		/* RFC 2328 10.9: all requested LSAs arrived */
		if (n->state == NSM_LOADING)
			nbr_fsm(n, NSM_EV_LOADING_DONE);
		return;
	}
	/* RFC 2328 10.9: the last LSA the request asked for arrived: ask for more now */
	if (was_last && (n->state == NSM_EXCHANGE || n->state == NSM_LOADING))
		lsreq_send(n);
}

static void inactivity_timer_fire(void *arg)
{
	nbr_fsm(arg, NSM_EV_INACTIVITY_TIMER);
}

static void inactivity_timer_arm(struct nbr *n)
{
	struct iface *ifp = n->iface;

	timer_arm(ifp->ospf->tq, &n->inactivity_timer, (uint64_t)ifp->params.dead_interval * 1000,
		  inactivity_timer_fire, n);
}

/* RFC 2328 10.3 Start (NBMA only; we have no NBMA networks): the inactivity timer only. */
static enum nbr_state nsm_act_start(struct nbr *n)
{
	inactivity_timer_arm(n);
	return NSM_ATTEMPT;
}

/* RFC 2328 10.3 HelloReceived: (re)start the inactivity timer. */
static enum nbr_state nsm_act_inactivity_restart(struct nbr *n)
{
	inactivity_timer_arm(n);
	return n->state;
}

/* RFC 2328 10.3 2-WayReceived in Init, AdjOK? in 2-Way: adjacent (10.4)? Then ExStart. */
static enum nbr_state nsm_act_adj_decide(struct nbr *n)
{
	if (!nbr_should_be_adjacent(n))
		return NSM_2WAY;
	dbex_start(n);
	return NSM_EXSTART;
}

/* RFC 2328 10.3 NegotiationDone: the Database summary list. */
static enum nbr_state nsm_act_summary_build(struct nbr *n)
{
	dbex_summary_build(n);
	return NSM_EXCHANGE;
}

/* RFC 2328 10.3 ExchangeDone: Full if nothing to request, else Loading. */
static enum nbr_state nsm_act_exchange_done(struct nbr *n)
{
	if (list_empty(&n->request_list))
		return NSM_FULL;
	if (!n->lsr_rxmt_timer)
		lsreq_send(n);
	return NSM_LOADING;
}

/* The lists of 10.1 emptied, with what sends from them. */
static void nbr_lists_clear(struct nbr *n)
{
	dbex_stop(n);
	lsreq_stop(n);
	nbr_summary_clear(n);
	nbr_request_clear(n);
	flood_rxmt_clear(n);
}

/* RFC 2328 10.3 AdjOK? in ExStart or above: no longer adjacent: 2-Way, lists cleared. */
static enum nbr_state nsm_act_adj_recheck(struct nbr *n)
{
	if (nbr_should_be_adjacent(n))
		return n->state;
	nbr_lists_clear(n);
	return NSM_2WAY;
}

/* RFC 2328 10.3 SeqNumberMismatch, BadLSReq: lists cleared, then ExStart afresh. */
static enum nbr_state nsm_act_restart(struct nbr *n)
{
	nbr_lists_clear(n);
	dbex_start(n);
	return NSM_EXSTART;
}

/* RFC 2328 10.3 KillNbr, LLDown: lists cleared, inactivity timer off. */
static enum nbr_state nsm_act_kill(struct nbr *n)
{
	nbr_lists_clear(n);
	timer_cancel(&n->inactivity_timer);
	return NSM_DOWN;
}

/* RFC 2328 10.3 InactivityTimer, 1-WayReceived: lists cleared. */
static enum nbr_state nsm_act_lists_clear(struct nbr *n)
{
	nbr_lists_clear(n);
	return n->state;
}

static const struct nsm_row *nsm_row_find(enum nbr_state s, enum nbr_event ev)
{
	size_t i;

	for (i = 0; i < sizeof(nsm_table) / sizeof(nsm_table[0]); i++)
		if ((nsm_table[i].states & NSM_BIT(s)) && nsm_table[i].ev == ev)
			return &nsm_table[i];
	return NULL;
}

void nbr_reason_set(struct nbr *n, const char *why)
{
	n->last_reason = why;
	n->last_reason_ms = ospf_now(n->iface->ospf);
}

static void nsm_state_set(struct nbr *n, enum nbr_state old, enum nbr_state next, enum nbr_event ev)
{
	struct iface *ifp = n->iface;
	struct ospf *o = ifp->ospf;

	if (old == next)
		return;
	n->state = next;
	n->state_changes++;
	n->last_change_ms = ospf_now(o);
	if (old == NSM_FULL || next < old)
		nbr_reason_set(n, nbr_event_name(ev));
	ospf_logf(o, 6, "AdjChg: Nbr %s on %s:%s: %s -> %s (%s)", ipstr(n->router_id), ifp->name,
		  ipstr(ifp->addr), nbr_state_name(old), nbr_state_name(next), nbr_event_name(ev));
	ospf_event(o, "neighbor", "interface", ifp->name, "neighbor", ipstr(n->router_id),
		   "address", ipstr(n->addr), "from", nbr_state_name(old), "to",
		   nbr_state_name(next), "cause", nbr_event_name(ev), NULL);
	/* RFC 2328 9.2: the set of bidirectional neighbors changed */
	if ((old >= NSM_2WAY) != (next >= NSM_2WAY))
		iface_fsm(ifp, ISM_EV_NEIGHBOR_CHANGE);
	/* RFC 2328 12.4: the router-LSA lists full adjacencies, the DR's network-LSA its
	 * fully adjacent neighbors */
	if (old == NSM_FULL || next == NSM_FULL) {
		originate_router_lsa(ifp->area);
		if (iface_is_vlink(ifp))
			vlink_nbr_full_changed(ifp); /* 12.4.1: the transit area's V bit */
		if (ifp->state == ISM_DR)
			originate_network_lsa(ifp);
	}
}

/* Runs ev; returns whether it took the neighbor Down. */
static bool nsm_run(struct nbr *n, enum nbr_event ev)
{
	const struct nsm_row *row = nsm_row_find(n->state, ev);
	enum nbr_state old = n->state, next;

	if (!row) {
		ospf_debug(n->iface->ospf, OSPF_DEBUG_NSM, "%s: nbr %s: NSM ignores %s in %s",
			   n->iface->name, ipstr(n->router_id), nbr_event_name(ev),
			   nbr_state_name(old));
		return false;
	}
	ospf_debug(n->iface->ospf, OSPF_DEBUG_NSM, "%s: nbr %s: NSM %s in %s", n->iface->name,
		   ipstr(n->router_id), nbr_event_name(ev), nbr_state_name(old));
	next = row->next == NSM_SAME || row->next == NSM_BY_ACTION ? old
								   : (enum nbr_state)row->next;
	if (row->action) {
		enum nbr_state s = row->action(n);

		if (row->next == NSM_BY_ACTION)
			next = s;
	}
	nsm_state_set(n, old, next, ev);
	return next == NSM_DOWN;
}

void nbr_fsm(struct nbr *n, enum nbr_event ev)
{
	/* a neighbor gone Down is forgotten (its Hellos will make it anew) */
	if (nsm_run(n, ev))
		nbr_delete(n);
}

void nbr_free(struct nbr *n)
{
	if (!n)
		return;
	nsm_run(n, NSM_EV_KILL_NBR);
	nbr_delete(n);
}

const char *nbr_state_name(enum nbr_state s)
{
	static const char *const names[NSM_STATE_MAX] = {
		[NSM_DOWN] = "Down",	   [NSM_ATTEMPT] = "Attempt", [NSM_INIT] = "Init",
		[NSM_2WAY] = "2-Way",	   [NSM_EXSTART] = "ExStart", [NSM_EXCHANGE] = "Exchange",
		[NSM_LOADING] = "Loading", [NSM_FULL] = "Full",
	};

	return (unsigned int)s < NSM_STATE_MAX ? names[s] : "?";
}

const char *nbr_event_name(enum nbr_event e)
{
	static const char *const names[NSM_EVENT_MAX] = {
		[NSM_EV_HELLO_RECEIVED] = "HelloReceived",
		[NSM_EV_START] = "Start",
		[NSM_EV_2WAY_RECEIVED] = "2-WayReceived",
		[NSM_EV_NEGOTIATION_DONE] = "NegotiationDone",
		[NSM_EV_EXCHANGE_DONE] = "ExchangeDone",
		[NSM_EV_BAD_LS_REQ] = "BadLSReq",
		[NSM_EV_LOADING_DONE] = "LoadingDone",
		[NSM_EV_ADJ_OK] = "AdjOK?",
		[NSM_EV_SEQ_NUMBER_MISMATCH] = "SeqNumberMismatch",
		[NSM_EV_1WAY_RECEIVED] = "1-WayReceived",
		[NSM_EV_KILL_NBR] = "KillNbr",
		[NSM_EV_INACTIVITY_TIMER] = "InactivityTimer",
		[NSM_EV_LL_DOWN] = "LLDown",
	};

	return (unsigned int)e < NSM_EVENT_MAX ? names[e] : "?";
}
