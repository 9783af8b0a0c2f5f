/* SPDX-License-Identifier: ISC */
/*
 * Area border router behaviour: summary-LSAs (RFC 2328 12.4.3) of each area's routes into
 * the others, area ranges, the default summary into stub areas and NSSAs (RFC 2328 3.6,
 * RFC 3101), and the NSSA translator (RFC 3101 3.1, 3.2) turning type-7 LSAs into type-5.
 *
 * What we originate is computed whole from the routing table after each SPF run
 * (abr_run): LSAs wanted are originated through originate_lsa() (MinLSInterval applies),
 * ours no longer wanted are flushed.
 *
 * Like FRR's default `ospf abr-type cisco`, we are an area border router when interfaces
 * are configured in more than one area and one of the backbone's is up.
 */
#ifndef OSPFD_ABR_H
#define OSPFD_ABR_H

#include "config.h"
#include "ospf.h"

/* Whether we act as an area border router (B bit, summaries, backbone-only 16.2). */
bool abr_is_abr(const struct ospf *o);
/* The router-LSA flags of area a that abr.c decides: B, and E and Nt for a translator. */
uint8_t abr_router_flags(const struct area *a);

/* Copies the configuration of area a (ca NULL: defaults); true if its type changed. */
bool abr_area_configure(struct area *a, const struct cfg_area *ca);
/* Configures every area of o from cfg. An area whose type changed starts its interfaces
 * over (the E and N options of the Hellos change, RFC 2328 10.5) and drops the LSAs its new
 * type does not carry. Schedules an SPF run (and so abr_run) if anything changed. */
void abr_configure(struct ospf *o, const struct ospf_config *cfg);

/* After an SPF run: originates the summary-LSAs and translated type-5 LSAs the routing
 * table calls for, flushes ours no longer called for. */
void abr_run(struct ospf *o);
/* Frees abr.c's state in o (ospf_free). */
void abr_fini(struct ospf *o);

/* RFC 3101 3.1: whether we are area a's NSSA translator: role always, or role candidate
 * and no other reachable NSSA border router has Nt set or a higher router id. */
bool abr_nssa_elected(const struct ospf *o, const struct area *a);

#endif
