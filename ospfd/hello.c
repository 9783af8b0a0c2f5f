/* SPDX-License-Identifier: ISC */
/* Receiving Hellos (RFC 2328 10.5): parameter checks, then neighbor and interface events. */
#include <stdio.h>

#include "iface.h"
#include "nbr.h"

/* RFC 2328 10.5: the parameters that must match ours; why (with the values) into why[]. */
static enum drop_reason hello_check(const struct iface *ifp, const struct ospf_hello *h, char *why,
				    size_t len)
{
	uint8_t ours = iface_options(ifp);

	/* the mask is checked on broadcast networks only */
	if (ifp->params.type == IFACE_BROADCAST && h->mask != iface_mask(ifp)) {
		snprintf(why, len, "ours %s, theirs %s", ipstr(iface_mask(ifp)), ipstr(h->mask));
		return DROP_HELLO_MASK_MISMATCH;
	}
	if (h->hello_interval != ifp->params.hello_interval) {
		snprintf(why, len, "ours %u, theirs %u", ifp->params.hello_interval,
			 h->hello_interval);
		return DROP_HELLO_INTERVAL_MISMATCH;
	}
	if (h->dead_interval != ifp->params.dead_interval) {
		snprintf(why, len, "ours %u, theirs %u", ifp->params.dead_interval,
			 h->dead_interval);
		return DROP_DEAD_INTERVAL_MISMATCH;
	}
	/* E must match the area's ExternalRoutingCapability; RFC 3101 2.3: N for NSSAs */
	if ((h->options & OSPF_OPT_E) != (ours & OSPF_OPT_E) ||
	    (h->options & OSPF_OPT_NP) != (ours & OSPF_OPT_NP)) {
		snprintf(why, len, "E/N: ours 0x%02x, theirs 0x%02x",
			 ours & (OSPF_OPT_E | OSPF_OPT_NP),
			 h->options & (OSPF_OPT_E | OSPF_OPT_NP));
		return DROP_HELLO_OPTIONS_MISMATCH;
	}
	return DROP_NONE;
}

static bool hello_lists(const struct ospf_hello *h, uint32_t router_id)
{
	uint32_t i;

	for (i = 0; i < h->nneighbors; i++)
		if (h->neighbors[i] == router_id)
			return true;
	return false;
}

static void hello_drop(struct iface *ifp, struct nbr *n, uint32_t src, uint32_t rid,
		       enum drop_reason r, const char *why)
{
	/* a new complaint is news; the same one every HelloInterval is not */
	int level = n && n->last_reason == drop_reason_str(r) ? 7 : 5;

	ifp->drops[r]++;
	if (n) {
		nbr_reason_set(n, drop_reason_str(r));
	} else {
		ifp->hello_refused.src = src;
		ifp->hello_refused.rid = rid;
		ifp->hello_refused.ms = ospf_now(ifp->ospf);
		snprintf(ifp->hello_refused.reason, sizeof(ifp->hello_refused.reason), "%s (%s)",
			 drop_reason_str(r), why);
	}
	ospf_logf(ifp->ospf, level, "%s: Hello from %s (router id %s) dropped: %s (%s)", ifp->name,
		  ipstr(src), ipstr(rid), drop_reason_str(r), why);
}

void hello_recv(struct iface *ifp, uint32_t src, const struct ospf_packet *p)
{
	const struct ospf_hello *h = &p->hello;
	uint32_t rid = p->hdr.router_id;
	bool broadcast = ifp->params.type == IFACE_BROADCAST;
	bool was_dr, was_bdr, is_dr, is_bdr, prio_changed;
	bool backup_seen = false, nbr_change = false;
	enum drop_reason r;
	char why[96];
	struct nbr *n;

	/* RFC 2328 10.5: on broadcast networks neighbors are known by address, else by id */
	n = broadcast ? iface_nbr_find_by_addr(ifp, src) : iface_nbr_find_by_id(ifp, rid);
	if (rid == ifp->ospf->router_id) {
		hello_drop(ifp, n, src, rid, DROP_DUPLICATE_ROUTER_ID, "our own router id");
		return;
	}
	r = hello_check(ifp, h, why, sizeof(why));
	if (r != DROP_NONE) {
		hello_drop(ifp, n, src, rid, r, why);
		return;
	}
	if (n && broadcast && n->router_id != rid) {
		/* the router at this address restarted with another id: a new neighbor */
		ospf_logf(ifp->ospf, 5, "%s: neighbor %s changed router id from %s to %s",
			  ifp->name, ipstr(src), ipstr(n->router_id), ipstr(rid));
		nbr_fsm(n, NSM_EV_KILL_NBR);
		n = NULL;
	}
	if (!n) {
		n = nbr_new(ifp, rid, src);
		if (!n) {
			ifp->drops[DROP_NO_MEMORY]++;
			return;
		}
	}
	n->addr = src;
	was_dr = n->dr == src;
	was_bdr = n->bdr == src;
	prio_changed = n->priority != h->priority;
	n->priority = h->priority;
	n->dr = h->dr;
	n->bdr = h->bdr;
	/* 10.6 records the Options of the DD exchange; until then the Hello's */
	if (n->state < NSM_EXSTART)
		n->options = h->options;

	nbr_fsm(n, NSM_EV_HELLO_RECEIVED);
	if (!hello_lists(h, ifp->ospf->router_id)) {
		/* RFC 2328 10.5: not bidirectional (yet, or any more): stop here */
		nbr_fsm(n, NSM_EV_1WAY_RECEIVED);
		return;
	}
	nbr_fsm(n, NSM_EV_2WAY_RECEIVED);
	if (!broadcast)
		return;

	is_dr = h->dr == src;
	is_bdr = h->bdr == src;
	/* RFC 2328 10.5: priority changed */
	if (prio_changed)
		nbr_change = true;
	/* RFC 2328 10.5: DR declared with no BDR while Waiting: BackupSeen */
	if (is_dr && !h->bdr && ifp->state == ISM_WAITING)
		backup_seen = true;
	else if (is_dr != was_dr)
		nbr_change = true;
	/* RFC 2328 10.5: BDR declared while Waiting: BackupSeen */
	if (is_bdr && ifp->state == ISM_WAITING)
		backup_seen = true;
	else if (is_bdr != was_bdr)
		nbr_change = true;

	/* the interface events, scheduled by 10.5, run now that the Hello is processed */
	if (backup_seen)
		iface_fsm(ifp, ISM_EV_BACKUP_SEEN);
	if (nbr_change)
		iface_fsm(ifp, ISM_EV_NEIGHBOR_CHANGE);
}
