/* SPDX-License-Identifier: ISC */
/* A committed configuration change, applied to the running protocol. */
#include "config_apply.h"

#include <string.h>

#include "iface.h"
#include "originate.h"
#include "vlink.h"

struct iface *config_iface_by_name(struct ospf *o, const char *name)
{
	struct iface *ifp;

	if (!o || !name)
		return NULL;
	list_for_each (ifp, &o->ifaces, node)
		if (!strcmp(ifp->name, name))
			return ifp;
	return NULL;
}

/* The parameters the configuration now gives ifp; false if it no longer enables it. */
static bool iface_params_now(const struct ospf_config *cfg, const struct iface *ifp, uint32_t *area,
			     struct iface_params *p)
{
	return config_iface_resolve(cfg, ifp->name, ifp->addr, ifp->prefixlen,
				    ifp->params.type == IFACE_LOOPBACK, area, p);
}

static void iface_remove(const struct config_apply_ops *ops, struct iface *ifp)
{
	if (ops && ops->iface_remove)
		ops->iface_remove(ops->ctx, ifp);
	else
		iface_free(ifp);
}

/* Applies the parameters that can change in place; true if ifp must start over instead. */
static bool iface_update(struct iface *ifp, const struct iface_params *p)
{
	bool timers = p->hello_interval != ifp->params.hello_interval ||
		      p->dead_interval != ifp->params.dead_interval;
	bool cost = p->cost != ifp->params.cost;
	bool priority = p->priority != ifp->params.priority;

	if (p->type != ifp->params.type || p->passive != ifp->params.passive)
		return true;
	ifp->params = *p;
	if (cost)
		originate_router_lsa(ifp->area); /* RFC 2328 12.4 (5): a cost changed */
	if (timers && ifp->hello_timer)
		iface_hello_send(ifp); /* tells the neighbors, and re-arms at the new interval */
	/* RFC 2328 9.4: a new priority counts from the next election */
	if (priority && ifp->state >= ISM_DROTHER)
		iface_fsm(ifp, ISM_EV_NEIGHBOR_CHANGE);
	return false;
}

/* Re-reads the parameters of one interface (by name) or all (name NULL). */
static enum config_action ifaces_update(struct ospf *o, const struct ospf_config *cfg,
					const char *name, const struct config_apply_ops *ops)
{
	enum config_action act = CONFIG_APPLY_DONE;
	struct iface *ifp, *tmp;

	list_for_each_safe (ifp, tmp, &o->ifaces, node) {
		struct iface_params p;
		uint32_t area;

		if ((name && strcmp(ifp->name, name)) || iface_is_vlink(ifp))
			continue;
		if (!iface_params_now(cfg, ifp, &area, &p) || area != ifp->area->id ||
		    iface_update(ifp, &p)) {
			iface_remove(ops, ifp);
			act = CONFIG_APPLY_RECONCILE;
		}
	}
	return act;
}

enum config_action config_apply_change(struct ospf *o, const struct ospf_config *cfg,
				       const struct config_change *ch,
				       const struct config_apply_ops *ops)
{
	switch (ch->item) {
	case CONFIG_ITEM_INSTANCE:
	case CONFIG_ITEM_ROUTER_ID:
		/* FRR waits for `clear ip ospf process`; we start over at once */
		return o || cfg->router_ospf ? CONFIG_APPLY_RESTART : CONFIG_APPLY_DONE;
	case CONFIG_ITEM_NETWORK:
		return CONFIG_APPLY_RECONCILE;
	case CONFIG_ITEM_PASSIVE_DEFAULT:
		if (o)
			ifaces_update(o, cfg, NULL, ops);
		return CONFIG_APPLY_RECONCILE;
	case CONFIG_ITEM_IFACE:
	case CONFIG_ITEM_IF_AREA:
	case CONFIG_ITEM_IF_COST:
	case CONFIG_ITEM_IF_HELLO:
	case CONFIG_ITEM_IF_DEAD:
	case CONFIG_ITEM_IF_NETWORK_TYPE:
	case CONFIG_ITEM_IF_PASSIVE:
	case CONFIG_ITEM_IF_PARAM:
		if (!o)
			return CONFIG_APPLY_RECONCILE;
		ifaces_update(o, cfg, ch->ifname, ops);
		/* an interface the change enables joins at the next reconcile */
		return CONFIG_APPLY_RECONCILE;
	case CONFIG_ITEM_AUTH: {
		/* RFC 2328 D: takes effect from the next packet; adjacencies stay up */
		enum config_action act = o ? ifaces_update(o, cfg, ch->ifname, ops)
					   : CONFIG_APPLY_DONE;

		/* an area's: whatever else changed in the area is reconciled too */
		return ch->ifname ? act : CONFIG_APPLY_RECONCILE;
	}
	case CONFIG_ITEM_OTHER:
		/* area X stub|nssa|range...: the daemon's reconcile applies them (abr_configure) */
		if (ch->schema_path && !strncmp(ch->schema_path, "/ospfd:ospf/area", 16))
			return CONFIG_APPLY_RECONCILE;
		break;
	case CONFIG_ITEM_HOSTNAME:
		break;
	}
	return CONFIG_APPLY_DONE;
}
