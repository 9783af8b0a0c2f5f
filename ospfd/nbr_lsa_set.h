/* SPDX-License-Identifier: ISC */
/*
 * A hash of a neighbor's list entries (struct nbr_lsa) keyed by (type, id, advertising
 * router), beside the list that keeps their order: lookup and removal in O(1) for the
 * retransmission and request lists (RFC 2328 10.1), which hold thousands of LSAs while a
 * large database is exchanged or flooded. The set does not own the entries.
 */
#ifndef OSPFD_NBR_LSA_SET_H
#define OSPFD_NBR_LSA_SET_H

#include <stdbool.h>
#include <stddef.h>

struct nbr_lsa;
struct lsa_key;

struct nbr_lsa_set {
	struct nbr_lsa **buckets; /* chained through nbr_lsa.hnext; NULL until the first add */
	size_t nbuckets;	  /* a power of two */
	size_t count;
};

/* The entry whose hdr has key k, or NULL. */
struct nbr_lsa *nbr_lsa_set_find(const struct nbr_lsa_set *s, const struct lsa_key *k);
/* Adds e, keyed by e->hdr (no entry of that key may be in s); false on no memory. */
bool nbr_lsa_set_add(struct nbr_lsa_set *s, struct nbr_lsa *e);
/* Takes e (which is in s) out. */
void nbr_lsa_set_del(struct nbr_lsa_set *s, struct nbr_lsa *e);
/* Empties s and frees its table (not the entries). */
void nbr_lsa_set_clear(struct nbr_lsa_set *s);

#endif
