/* SPDX-License-Identifier: ISC */
/*
 * The routes we inject from outside OSPF, as an AS boundary router: AS-external-LSAs
 * (RFC 2328 12.4.4) flooded through the AS, and NSSA-LSAs (type 7, RFC 3101 2.4) into each
 * NSSA we are attached to. The caller (redistribution, default-information) says which
 * prefixes to announce; the LSAs follow through originate.c, so MinLSInterval holds and the
 * last state of a flapping prefix always gets out.
 */
#ifndef OSPFD_EXTERNAL_H
#define OSPFD_EXTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ospf.h"

#define EXTERNAL_METRIC_MAX 0xffffffu /* 24 bits (A.4.5); LSInfinity */

struct external_route {
	uint32_t prefix; /* host order, host bits clear */
	uint8_t len;
	uint32_t metric;     /* 0 .. 16777214 */
	uint8_t metric_type; /* 1 or 2 */
	uint32_t fwd;	     /* forwarding address, 0: via us */
	uint32_t tag;
};

/*
 * Announces prefix/len (host bits are cleared) or changes how; returns 0, or -1 when the
 * arguments are invalid (len over 32, metric type not 1 or 2) or on no memory. The first
 * external makes us an AS boundary router (E bit in our router-LSAs).
 */
int external_set(struct ospf *o, uint32_t prefix, uint8_t len, uint32_t metric, uint8_t metric_type,
		 uint32_t fwd, uint32_t tag);
/* Stops announcing prefix/len: its LSAs are flushed (premature aging, 14.1). */
void external_withdraw(struct ospf *o, uint32_t prefix, uint8_t len);
/* Whether we originate externals (an ASBR, RFC 2328 12.4.1 bit E). */
bool external_is_asbr(const struct ospf *o);
size_t external_count(const struct ospf *o);
/* All of them, sorted by prefix then length (valid until the next set or withdraw). */
const struct external_route *external_routes(const struct ospf *o, size_t *n);
const struct external_route *external_find(const struct ospf *o, uint32_t prefix, uint8_t len);
/*
 * Appendix E: the Link State ID of prefix/len's LSAs: the network address, or with the host
 * bits set when a longer prefix of the same address holds the plain one. False when the
 * prefix is not announced or its ID is taken by another prefix (then it is not originated).
 */
bool external_lsid(const struct ospf *o, uint32_t prefix, uint8_t len, uint32_t *lsid);
/* The areas (their types) changed: type-7 LSAs follow the NSSAs we are in now. */
void external_areas_changed(struct ospf *o);
void external_free(struct ospf *o);

/* For originate.c: whether we originate the type-5 or type-7 LSA of key in db now, and if so
 * (and l is not NULL) its contents. */
bool external_lsa_build(struct lsdb *db, const struct lsa_key *k, struct lsa *l);

#endif
