/* SPDX-License-Identifier: ISC */
/*
 * Interfaces: the interface state machine (RFC 2328 9.3) as a table, DR and BDR election
 * (9.4), sending Hellos (9.5) and AllDRouters membership.
 *
 * Passive interfaces come up as DROther (broadcast) or Point-to-point, like active ones but
 * with no Hellos, no wait timer and so no neighbors: their network is still advertised by
 * the router-LSA (a stub link, 12.4.1), and iface_is_active() is false so received packets
 * are dropped.
 */
#include "iface.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nbr.h"
#include "originate.h"
#include "spf.h"
#include "debug.h"

#define ISM_ANY	   0xffffffffu
#define ISM_BIT(s) (1u << (s))
/* a row's next state is the one its action returns */
#define ISM_BY_ACTION ISM_STATE_MAX

struct ism_row {
	unsigned int states; /* the states the row applies to, as ISM_BIT()s */
	enum iface_event ev;
	enum iface_state (*action)(struct iface *ifp);
	enum iface_state next;
};

static enum iface_state ism_act_up(struct iface *ifp);
static enum iface_state ism_act_elect(struct iface *ifp);
static enum iface_state ism_act_reset(struct iface *ifp);

/* RFC 2328 9.3, row by row: state(s), event, action, new state. */
static const struct ism_row ism_table[] = {
	{ ISM_BIT(ISM_DOWN), ISM_EV_INTERFACE_UP, ism_act_up, ISM_BY_ACTION },
	{ ISM_BIT(ISM_WAITING), ISM_EV_BACKUP_SEEN, ism_act_elect, ISM_BY_ACTION },
	{ ISM_BIT(ISM_WAITING), ISM_EV_WAIT_TIMER, ism_act_elect, ISM_BY_ACTION },
	{ ISM_BIT(ISM_DROTHER) | ISM_BIT(ISM_BACKUP) | ISM_BIT(ISM_DR), ISM_EV_NEIGHBOR_CHANGE,
	  ism_act_elect, ISM_BY_ACTION },
	{ ISM_ANY, ISM_EV_INTERFACE_DOWN, ism_act_reset, ISM_DOWN },
	{ ISM_ANY, ISM_EV_LOOP_IND, ism_act_reset, ISM_LOOPBACK },
	{ ISM_BIT(ISM_LOOPBACK), ISM_EV_UNLOOP_IND, NULL, ISM_DOWN },
};

void iface_params_default(struct iface_params *p)
{
	memset(p, 0, sizeof(*p));
	p->cost = 10;
	p->hello_interval = 10;
	p->dead_interval = 40;
	p->retransmit_interval = 5;
	p->transmit_delay = 1;
	p->priority = 1;
	p->type = IFACE_BROADCAST;
}

struct iface *iface_new(struct ospf *o, struct area *a, const char *name, int ifindex,
			uint32_t addr, uint8_t prefixlen, uint16_t mtu,
			const struct iface_params *params)
{
	struct iface *ifp = calloc(1, sizeof(*ifp));

	if (!ifp)
		return NULL;
	ifp->ospf = o;
	ifp->area = a;
	snprintf(ifp->name, sizeof(ifp->name), "%s", name);
	ifp->ifindex = ifindex;
	ifp->addr = addr;
	ifp->prefixlen = prefixlen;
	ifp->mtu = mtu;
	if (params)
		ifp->params = *params;
	else
		iface_params_default(&ifp->params);
	ifp->state = ISM_DOWN;
	list_init(&ifp->nbrs);
	list_add_tail(&o->ifaces, &ifp->node);
	list_add_tail(&a->ifaces, &ifp->area_node);
	return ifp;
}

void iface_free(struct iface *ifp)
{
	struct nbr *n, *tmp;

	if (!ifp)
		return;
	iface_fsm(ifp, ISM_EV_INTERFACE_DOWN);
	list_for_each_safe (n, tmp, &ifp->nbrs, node)
		nbr_free(n);
	timer_cancel(&ifp->hello_timer);
	timer_cancel(&ifp->wait_timer);
	timer_cancel(&ifp->ack_timer);
	list_del(&ifp->node);
	list_del(&ifp->area_node);
	free(ifp->delayed_acks);
	free(ifp->vlink);
	free(ifp);
}

uint32_t iface_mask(const struct iface *ifp)
{
	if (!ifp->prefixlen)
		return 0;
	if (ifp->prefixlen >= 32)
		return 0xffffffffu;
	return 0xffffffffu << (32 - ifp->prefixlen);
}

uint8_t iface_options(const struct iface *ifp)
{
	switch (ifp->area->type) {
	case AREA_STUB:
		return 0;
	case AREA_NSSA:
		return OSPF_OPT_NP; /* RFC 3101 2.3: N set, E clear */
	default:
		return OSPF_OPT_E;
	}
}

bool iface_is_active(const struct iface *ifp)
{
	return ifp->state != ISM_DOWN && ifp->state != ISM_LOOPBACK && !ifp->params.passive;
}

struct nbr *iface_nbr_find_by_id(const struct iface *ifp, uint32_t router_id)
{
	struct nbr *n;

	list_for_each (n, &ifp->nbrs, node)
		if (n->router_id == router_id)
			return n;
	return NULL;
}

struct nbr *iface_nbr_find_by_addr(const struct iface *ifp, uint32_t addr)
{
	struct nbr *n;

	list_for_each (n, &ifp->nbrs, node)
		if (n->addr == addr)
			return n;
	return NULL;
}

static void hello_timer_fire(void *arg)
{
	iface_hello_send(arg);
}

/* RFC 2328 9.5: every neighbor heard from lately (Init or above) is listed. */
void iface_hello_send(struct iface *ifp)
{
	struct ospf *o = ifp->ospf;
	struct ospf_packet p;
	uint32_t *ids = NULL;
	size_t count = 0;
	struct nbr *n;

	memset(&p, 0, sizeof(p));
	list_for_each (n, &ifp->nbrs, node)
		if (n->state >= NSM_INIT)
			count++;
	if (count) {
		ids = calloc(count, sizeof(*ids));
		if (!ids)
			count = 0;
	}
	count = 0;
	list_for_each (n, &ifp->nbrs, node)
		if (n->state >= NSM_INIT && ids)
			ids[count++] = n->router_id;
	p.hdr.type = OSPF_PKT_HELLO;
	p.hello.mask = iface_mask(ifp);
	p.hello.hello_interval = ifp->params.hello_interval;
	p.hello.options = iface_options(ifp);
	p.hello.priority = ifp->params.priority;
	p.hello.dead_interval = ifp->params.dead_interval;
	p.hello.dr = ifp->dr;
	p.hello.bdr = ifp->bdr;
	p.hello.nneighbors = (uint32_t)count;
	p.hello.neighbors = ids;
	ospf_send(o, ifp, OSPF_ALL_SPF_ROUTERS, &p);
	free(ids);
	timer_arm(o->tq, &ifp->hello_timer, (uint64_t)ifp->params.hello_interval * 1000,
		  hello_timer_fire, ifp);
}

static void wait_timer_fire(void *arg)
{
	iface_fsm(arg, ISM_EV_WAIT_TIMER);
}

/* RFC 2328 9.3 InterfaceUp: start the Hello timer; Point-to-point, DROther if ineligible,
 * else Waiting with the wait timer at RouterDeadInterval. */
static enum iface_state ism_act_up(struct iface *ifp)
{
	if (ifp->params.type == IFACE_LOOPBACK)
		return ISM_LOOPBACK;
	if (!ifp->params.passive)
		iface_hello_send(ifp);
	if (ifp->params.type == IFACE_P2P)
		return ISM_P2P;
	if (ifp->params.passive || ifp->params.priority == 0)
		return ISM_DROTHER;
	timer_arm(ifp->ospf->tq, &ifp->wait_timer, (uint64_t)ifp->params.dead_interval * 1000,
		  wait_timer_fire, ifp);
	return ISM_WAITING;
}

static enum iface_state state_of_election(const struct iface *ifp)
{
	if (ifp->dr == ifp->addr)
		return ISM_DR;
	if (ifp->bdr == ifp->addr)
		return ISM_BACKUP;
	return ISM_DROTHER;
}

/* RFC 2328 9.3 BackupSeen, WaitTimer, NeighborChange: (re)calculate DR and BDR. */
static enum iface_state ism_act_elect(struct iface *ifp)
{
	timer_cancel(&ifp->wait_timer);
	iface_dr_elect(ifp);
	return state_of_election(ifp);
}

/* RFC 2328 9.3 InterfaceDown, LoopInd: reset the interface, timers off, KillNbr to all. */
static enum iface_state ism_act_reset(struct iface *ifp)
{
	struct nbr *n, *tmp;

	/* Down already, so the neighbors' departures raise no NeighborChange here */
	ifp->state = ISM_DOWN;
	timer_cancel(&ifp->hello_timer);
	timer_cancel(&ifp->wait_timer);
	timer_cancel(&ifp->ack_timer);
	ifp->ndelayed_acks = 0;
	list_for_each_safe (n, tmp, &ifp->nbrs, node)
		nbr_fsm(n, NSM_EV_KILL_NBR);
	ifp->dr = ifp->bdr = 0;
	ifp->dr_id = ifp->bdr_id = 0;
	return ISM_DOWN;
}

/* A router on the list of 9.4: the calculating router itself, or a neighbor. */
struct elect_cand {
	uint32_t addr, id;
	uint8_t priority;
	bool declares_dr, declares_bdr;
};

static bool cand_better(const struct elect_cand *a, const struct elect_cand *b)
{
	if (!b)
		return true;
	if (a->priority != b->priority)
		return a->priority > b->priority;
	return a->id > b->id;
}

/* RFC 2328 9.4 (2): the BDR, among those not declaring themselves DR, preferring those who
 * declare themselves BDR. */
static const struct elect_cand *elect_bdr(const struct elect_cand *c, size_t n)
{
	const struct elect_cand *declared = NULL, *any = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (c[i].declares_dr)
			continue;
		if (c[i].declares_bdr && cand_better(&c[i], declared))
			declared = &c[i];
		if (cand_better(&c[i], any))
			any = &c[i];
	}
	return declared ? declared : any;
}

/* RFC 2328 9.4 (3): the DR among those declaring themselves DR, else the new BDR. */
static const struct elect_cand *elect_dr(const struct elect_cand *c, size_t n,
					 const struct elect_cand *bdr)
{
	const struct elect_cand *dr = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].declares_dr && cand_better(&c[i], dr))
			dr = &c[i];
	return dr ? dr : bdr;
}

void iface_dr_elect(struct iface *ifp)
{
	struct elect_cand *c, *self = NULL;
	const struct elect_cand *dr, *bdr;
	size_t count = 1, n = 0;
	struct nbr *nb;

	list_for_each (nb, &ifp->nbrs, node)
		count++;
	c = calloc(count, sizeof(*c));
	if (!c) {
		ospf_logf(ifp->ospf, 3, "%s: no memory for DR election", ifp->name);
		return;
	}
	/* RFC 2328 9.4 (1): ourselves and the neighbors in 2-Way or above, priority 0 out */
	if (ifp->params.priority) {
		self = &c[n++];
		self->addr = ifp->addr;
		self->id = ifp->ospf->router_id;
		self->priority = ifp->params.priority;
		self->declares_dr = ifp->dr == ifp->addr;
		self->declares_bdr = ifp->bdr == ifp->addr;
	}
	list_for_each (nb, &ifp->nbrs, node) {
		if (nb->state < NSM_2WAY || !nb->priority)
			continue;
		c[n].addr = nb->addr;
		c[n].id = nb->router_id;
		c[n].priority = nb->priority;
		c[n].declares_dr = nb->dr == nb->addr;
		c[n].declares_bdr = nb->bdr == nb->addr;
		n++;
	}
	bdr = elect_bdr(c, n);
	dr = elect_dr(c, n, bdr);
	/* RFC 2328 9.4 (4): we became or stopped being DR or BDR: run (2) and (3) again */
	if (self && (self->declares_dr != (dr == self) || self->declares_bdr != (bdr == self))) {
		self->declares_dr = dr == self;
		self->declares_bdr = bdr == self;
		bdr = elect_bdr(c, n);
		dr = elect_dr(c, n, bdr);
	}
	ifp->dr = dr ? dr->addr : 0;
	ifp->dr_id = dr ? dr->id : 0;
	ifp->bdr = bdr ? bdr->addr : 0;
	ifp->bdr_id = bdr ? bdr->id : 0;
	free(c);
	ospf_debug(ifp->ospf, OSPF_DEBUG_ISM, "%s: DR election: DR %s, BDR %s", ifp->name,
		   ipstr(ifp->dr), ipstr(ifp->bdr));
}

static const struct ism_row *ism_row_find(enum iface_state s, enum iface_event ev)
{
	size_t i;

	for (i = 0; i < sizeof(ism_table) / sizeof(ism_table[0]); i++)
		if ((ism_table[i].states & ISM_BIT(s)) && ism_table[i].ev == ev)
			return &ism_table[i];
	return NULL;
}

static bool is_dr_or_backup(enum iface_state s)
{
	return s == ISM_DR || s == ISM_BACKUP;
}

static void ism_state_set(struct iface *ifp, enum iface_state old, enum iface_state next,
			  enum iface_event ev)
{
	struct ospf *o = ifp->ospf;

	ifp->state = next;
	if (old == next)
		return;
	ifp->ism_changes++;
	spf_schedule(o, "interface state change"); /* next hops and attached networks */
	ospf_logf(o, 6, "%s: ISM %s -> %s (%s)", ifp->name, iface_state_name(old),
		  iface_state_name(next), iface_event_name(ev));
	ospf_event(o, "interface", "interface", ifp->name, "from", iface_state_name(old), "to",
		   iface_state_name(next), "cause", iface_event_name(ev), NULL);
	/* RFC 2328 9.3: the DR and BDR listen on AllDRouters */
	if (is_dr_or_backup(old) != is_dr_or_backup(next) && o->io.join_alldrouters)
		o->io.join_alldrouters(o->io.ctx, ifp, is_dr_or_backup(next));
}

void iface_fsm(struct iface *ifp, enum iface_event ev)
{
	const struct ism_row *row = ism_row_find(ifp->state, ev);
	enum iface_state old = ifp->state, next;
	uint32_t old_dr = ifp->dr, old_bdr = ifp->bdr;
	struct nbr *n, *tmp;

	if (!row) {
		ospf_debug(ifp->ospf, OSPF_DEBUG_ISM, "%s: ISM ignores %s in %s", ifp->name,
			   iface_event_name(ev), iface_state_name(old));
		return;
	}
	next = row->next;
	if (row->action) {
		enum iface_state s = row->action(ifp);

		if (next == ISM_BY_ACTION)
			next = s;
	}
	ism_state_set(ifp, old, next, ev);
	/* RFC 2328 9.4 (7): DR or BDR changed: AdjOK? to every neighbor in 2-Way or above */
	if (ifp->dr != old_dr || ifp->bdr != old_bdr)
		list_for_each_safe (n, tmp, &ifp->nbrs, node)
			if (n->state >= NSM_2WAY)
				nbr_fsm(n, NSM_EV_ADJ_OK);
	/* RFC 2328 12.4: the router-LSA describes the interface's state and its DR; the
	 * network-LSA exists while we are DR */
	if (old != next || ifp->dr != old_dr)
		originate_router_lsa(ifp->area);
	if (old != next && (old == ISM_DR || next == ISM_DR))
		originate_network_lsa(ifp);
}

const char *iface_state_name(enum iface_state s)
{
	static const char *const names[ISM_STATE_MAX] = {
		[ISM_DOWN] = "Down",	   [ISM_LOOPBACK] = "Loopback",
		[ISM_WAITING] = "Waiting", [ISM_P2P] = "Point-To-Point",
		[ISM_DROTHER] = "DROther", [ISM_BACKUP] = "Backup",
		[ISM_DR] = "DR",
	};

	return (unsigned int)s < ISM_STATE_MAX ? names[s] : "?";
}

const char *iface_event_name(enum iface_event e)
{
	static const char *const names[ISM_EVENT_MAX] = {
		[ISM_EV_INTERFACE_UP] = "InterfaceUp",
		[ISM_EV_WAIT_TIMER] = "WaitTimer",
		[ISM_EV_BACKUP_SEEN] = "BackupSeen",
		[ISM_EV_NEIGHBOR_CHANGE] = "NeighborChange",
		[ISM_EV_LOOP_IND] = "LoopInd",
		[ISM_EV_UNLOOP_IND] = "UnloopInd",
		[ISM_EV_INTERFACE_DOWN] = "InterfaceDown",
	};

	return (unsigned int)e < ISM_EVENT_MAX ? names[e] : "?";
}

const char *iface_type_name(enum iface_type t)
{
	switch (t) {
	case IFACE_BROADCAST:
		return "BROADCAST";
	case IFACE_P2P:
		return "POINTOPOINT";
	case IFACE_LOOPBACK:
		return "LOOPBACK";
	}
	return "?";
}
