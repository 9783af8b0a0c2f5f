/* SPDX-License-Identifier: ISC */
/*
 * Virtual links (RFC 2328 15): one point-to-point pseudo-interface of the backbone per
 * configured `area X virtual-link A.B.C.D`. It comes up when the SPF of its transit area
 * reaches the other endpoint, an area border router (16.1), and takes its cost, its own
 * address and the remote one from that calculation; its packets are unicast to the remote
 * endpoint and routed through the transit area.
 */
#ifndef OSPFD_VLINK_H
#define OSPFD_VLINK_H

#include "config.h"
#include "ospf.h"

#define VLINK_MAX_NH 8

struct vlink {
	uint32_t transit; /* the transit area's id */
	uint32_t peer;	  /* the remote endpoint's router id */
	unsigned int num; /* VLINK<num> */
	/* from the transit area's SPF: the next hops towards the endpoint (16.1.1) */
	struct {
		uint32_t gw;
		int ifindex;
	} nh[VLINK_MAX_NH];
	size_t nnh;
};

static inline bool iface_is_vlink(const struct iface *ifp)
{
	return ifp->vlink != NULL;
}

/* Creates and removes the virtual links to match cfg (abr_configure calls it). */
void vlink_configure(struct ospf *o, const struct ospf_config *cfg);
/* RFC 2328 15, 16.1: after a run that built t, brings each virtual link up or down as its
 * endpoint is reachable through the transit area, with the cost and addresses found. */
void vlink_spf_update(struct ospf *o, const struct route_table *t);
/* The virtual link's next hops through the transit area (16.1.1), for the backbone's
 * SPF: up to max into gw and ifindex; returns how many. */
size_t vlink_nexthops(const struct iface *ifp, uint32_t *gw, int *ifindex, size_t max);
/* The virtual link that is up to router peer, or NULL. */
struct iface *vlink_to(const struct ospf *o, uint32_t peer);
/* RFC 2328 8.2: the virtual link a backbone packet from router rid, received on ifp (an
 * interface of a transit area), belongs to; NULL if none. */
struct iface *vlink_of_packet(const struct ospf *o, const struct iface *ifp, uint32_t rid);
/* RFC 2328 12.4.1: the V bit of area a's router-LSA: a Full virtual link crosses it. */
bool vlink_area_is_transit(const struct area *a);
/* How many Full virtual adjacencies cross area a (show ip ospf). */
int vlink_full_through(const struct area *a);
/* A neighbor on virtual link ifp entered or left Full: the transit area's V bit. */
void vlink_nbr_full_changed(struct iface *ifp);
/* How many virtual links are configured (show ip ospf). */
unsigned int vlink_count(const struct ospf *o);
/* RFC 2328 16.3: summary-LSAs of transit areas can give better paths to destinations
 * reached over the backbone; improves t's entries in place. */
void vlink_transit_summaries(struct ospf *o, struct route_table *t);

#endif
