/* SPDX-License-Identifier: ISC */
/*
 * Which routes of the OSPF routing table go to the kernel, and how: every network route
 * with a gateway, as one route (multipath for ECMP) of protocol ospf; directly attached
 * networks stay the kernel's own connected routes, as FRR leaves them.
 */
#ifndef OSPFD_KROUTE_H
#define OSPFD_KROUTE_H

#include <stddef.h>

struct krt;
struct route_table;

/* The kernel priority of our routes: FRR's zebra installs OSPF routes with metric 20 too. */
#define KROUTE_METRIC 20

/* Describes rt (NULL: no route) to k as its desired set and commits the difference.
 * Returns the number of routes wanted. */
size_t kroute_sync(struct krt *k, const struct route_table *rt);

#endif
