/* SPDX-License-Identifier: ISC */
/*
 * RFC 6987 stub router: while active, our router-LSAs give every point-to-point and transit
 * link MaxLinkMetric (0xffff), so that traffic goes around us; stub networks keep their
 * cost. `max-metric router-lsa administrative` holds it until removed; `max-metric
 * router-lsa on-startup N` for the first N seconds of the instance.
 */
#ifndef OSPFD_STUB_ROUTER_H
#define OSPFD_STUB_ROUTER_H

#include <stdbool.h>
#include <stdint.h>

#include "ospf.h"

#define STUB_ROUTER_MAX_METRIC 0xffffu /* RFC 6987 2: MaxLinkMetric */

/* Applies the configuration (startup_s 0: no on-startup period). Re-originates our
 * router-LSAs when whether we are a stub router changes. */
void stub_router_set(struct ospf *o, bool administrative, uint32_t startup_s);
bool stub_router_active(const struct ospf *o);
/* The cost a point-to-point or transit link gets in our router-LSA. */
uint32_t stub_router_link_cost(const struct ospf *o, uint32_t cost);

#endif
