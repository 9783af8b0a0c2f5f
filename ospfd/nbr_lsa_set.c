/* SPDX-License-Identifier: ISC */
/* A neighbor's list entries hashed by LSA key (see nbr_lsa_set.h). */
#include "nbr_lsa_set.h"

#include <stdlib.h>

#include "ospf.h"

#define SET_MIN_BUCKETS 64

static size_t set_hash(uint8_t type, uint32_t id, uint32_t adv, size_t nbuckets)
{
	uint64_t h = ((uint64_t)id << 32 | adv) * 0x9e3779b97f4a7c15ull;

	h ^= type;
	h *= 0xff51afd7ed558ccdull;
	return (size_t)(h >> 32) & (nbuckets - 1);
}

static size_t set_slot(const struct nbr_lsa_set *s, const struct lsa_hdr *h)
{
	return set_hash(h->type, h->id, h->adv_router, s->nbuckets);
}

struct nbr_lsa *nbr_lsa_set_find(const struct nbr_lsa_set *s, const struct lsa_key *k)
{
	struct nbr_lsa *e;

	if (!s->count)
		return NULL;
	for (e = s->buckets[set_hash(k->type, k->id, k->adv_router, s->nbuckets)]; e; e = e->hnext)
		if (e->hdr.type == k->type && e->hdr.id == k->id &&
		    e->hdr.adv_router == k->adv_router)
			return e;
	return NULL;
}

/* Doubles the table; on no memory the old one stays (longer chains, still right). */
static void set_grow(struct nbr_lsa_set *s)
{
	size_t n = s->nbuckets * 2, i;
	struct nbr_lsa **b = calloc(n, sizeof(*b));

	if (!b)
		return;
	for (i = 0; i < s->nbuckets; i++) {
		struct nbr_lsa *e = s->buckets[i], *next;

		for (; e; e = next) {
			size_t slot = set_hash(e->hdr.type, e->hdr.id, e->hdr.adv_router, n);

			next = e->hnext;
			e->hnext = b[slot];
			b[slot] = e;
		}
	}
	free(s->buckets);
	s->buckets = b;
	s->nbuckets = n;
}

bool nbr_lsa_set_add(struct nbr_lsa_set *s, struct nbr_lsa *e)
{
	size_t slot;

	if (!s->buckets) {
		s->buckets = calloc(SET_MIN_BUCKETS, sizeof(*s->buckets));
		if (!s->buckets)
			return false;
		s->nbuckets = SET_MIN_BUCKETS;
	} else if (s->count >= s->nbuckets) {
		set_grow(s);
	}
	slot = set_slot(s, &e->hdr);
	e->hnext = s->buckets[slot];
	s->buckets[slot] = e;
	s->count++;
	return true;
}

void nbr_lsa_set_del(struct nbr_lsa_set *s, struct nbr_lsa *e)
{
	struct nbr_lsa **pp;

	if (!s->count)
		return;
	for (pp = &s->buckets[set_slot(s, &e->hdr)]; *pp; pp = &(*pp)->hnext) {
		if (*pp == e) {
			*pp = e->hnext;
			e->hnext = NULL;
			s->count--;
			return;
		}
	}
}

void nbr_lsa_set_clear(struct nbr_lsa_set *s)
{
	free(s->buckets);
	s->buckets = NULL;
	s->nbuckets = 0;
	s->count = 0;
}
