/* SPDX-License-Identifier: ISC */
/*
 * Applying a committed configuration change to a running instance, node by node, without a
 * restart: a cost change re-originates the router-LSA (RFC 2328 12.4), a hello or dead
 * interval change re-arms the Hello timer, other timers and priority take effect in place;
 * what changes an interface's identity (area, network type, passive) makes it start over.
 */
#ifndef OSPFD_CONFIG_APPLY_H
#define OSPFD_CONFIG_APPLY_H

#include "config.h"
#include "ospf.h"

enum config_action {
	CONFIG_APPLY_DONE,	/* applied in place (or nothing to do) */
	CONFIG_APPLY_RECONCILE, /* match the interfaces against the kernel's again */
	CONFIG_APPLY_RESTART,	/* the instance must start over (router id, router ospf) */
};

struct config_apply_ops {
	/* takes an interface out (the daemon leaves its multicast groups, then frees it); the
	 * next reconcile re-creates it if the configuration still enables it */
	void (*iface_remove)(void *ctx, struct iface *ifp);
	void *ctx;
};

/* Applies ch to o (which may be NULL) under the configuration cfg, already updated. */
enum config_action config_apply_change(struct ospf *o, const struct ospf_config *cfg,
				       const struct config_change *ch,
				       const struct config_apply_ops *ops);

/* Finds a protocol interface by name, or NULL. */
struct iface *config_iface_by_name(struct ospf *o, const char *name);

#endif
