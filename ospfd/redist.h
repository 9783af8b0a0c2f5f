/* SPDX-License-Identifier: ISC */
/*
 * Redistribution: which of the kernel's routes and networks we announce as externals
 * (`redistribute connected|static|kernel`, `default-information originate`), from the
 * routes and addresses the daemon learns over rtnetlink. It keeps its own copy of what it
 * was told and, on redist_sync(), brings the instance's externals (external.c) in line.
 *
 * - connected: the network of each kernel interface address, unless an OSPF interface's
 *   network already contains it (OSPF announces it itself), and not 127/8.
 * - static: routes of protocol static (4) in the main table, and FRR staticd's (196). (FRR's
 *   zebra itself counts protocol static as kernel: its static routes are staticd's.)
 * - kernel: every other route of the main table, as FRR's zebra counts them: protocol boot
 *   (3, `ip route add` without proto), dhcp, ra, bird, ... and kernel-made routes (protocol
 *   kernel, 2) that are not an address's own network (scope link); never routes of ours
 *   (188) nor of FRR's daemons (zebra 11, 186..198).
 * The default route is never redistributed; `default-information originate` announces it
 * when the main table has a default route that is not ours, or always.
 */
#ifndef OSPFD_REDIST_H
#define OSPFD_REDIST_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "netlink.h"
#include "ospf.h"

#define REDIST_METRIC_DEFAULT 20 /* FRR's default metric of redistributed routes */
/* FRR 8.4's metrics of default-information originate: with a kernel default route, always */
#define REDIST_DEFAULT_METRIC_DEFAULT 10
#define REDIST_ALWAYS_METRIC_DEFAULT  1

/* The source a kernel route counts for (CFG_REDIST_KERNEL or CFG_REDIST_STATIC), or -1
 * (connected routes come from the addresses; others are not redistributed). */
int redist_route_class(const struct nl_route *r);
/* Whether the network prefix/len is inside an OSPF interface's network (FRR leaves those
 * out of redistribute connected). */
bool redist_connected_covered(const struct ospf *o, uint32_t prefix, uint8_t len);

struct redist;

struct redist *redist_new(void);
void redist_free(struct redist *rd);
/* A route dump starts: forget the routes learned so far. */
void redist_routes_begin(struct redist *rd);
void redist_route(struct redist *rd, const struct nl_route *r, bool deleted);
void redist_addr(struct redist *rd, int ifindex, uint32_t addr, uint8_t prefixlen, uint32_t peer,
		 bool deleted);
/* Brings o's externals in line with the configuration and what the kernel holds. */
void redist_sync(struct redist *rd, struct ospf *o, const struct ospf_config *cfg);

#endif
