/* SPDX-License-Identifier: ISC */
/*
 * The link state database of one flooding scope (an area, or the AS for type-5 LSAs):
 * a hash keyed by (type, link state id, advertising router). Each entry keeps its LSA in
 * wire form, shared by reference with the retransmission lists and the update packets that
 * carry it; the LS age is not stored but computed from the install time (RFC 2328 14).
 */
#ifndef OSPFD_LSDB_H
#define OSPFD_LSDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lsa.h"
#include "timerq.h"

struct ospf;
struct area;
struct originate_body;

struct lsa_key {
	uint8_t type;
	uint32_t id;
	uint32_t adv_router;
};

/*
 * One instance of an LSA, immutable once made and shared by reference counting: the LSDB
 * holds one reference, each retransmission list that carries it one more.
 */
struct lsa_inst {
	unsigned int refs;
	struct lsa_hdr hdr;  /* hdr.age is the age at install_ms */
	uint64_t install_ms; /* when it was received or originated */
	uint16_t len;
	uint8_t data[]; /* the whole LSA as on the wire, age as at install */
};

struct lsa_entry {
	/* first, what a lookup and an SPF run read: one or two cache lines */
	struct lsa_key key;
	struct lsa_inst *inst;
	struct lsa_entry *hnext; /* hash chain */
	/* SPF vertex (spf.c): valid while spf_gen is the current run's */
	uint32_t spf_gen;
	uint32_t spf_dist; /* distance from the root */
	uint32_t spf_nh;   /* first next hop in the run's pool */
	uint16_t spf_nnh;  /* how many */
	bool spf_done;	   /* on the shortest-path tree */
	/* the first parent on the tree (type 0 for the root), by type and link state id, not by
	 * pointer, so that reading it after the parent left the LSDB is safe (spf_path) */
	uint8_t spf_parent_type;
	uint32_t spf_parent_id;
	/* premature aging or MaxAge reached: leaves once no neighbor still has to acknowledge it */
	bool maxage_flushing;

	struct lsdb *db;
	struct timer *age_timer;       /* MaxAge reached, or self-originated refresh due */
	uint64_t last_originated_ms;   /* self-originated: for MinLSInterval (RFC 2328 12.4) */
	struct timer *originate_timer; /* a parked origination, waiting for MinLSInterval */
	bool self;
	/* self-originated LSAs other than router and network-LSAs: what we originate for this
	 * key (originate_lsa()), NULL if nothing */
	struct originate_body *want;
	uint64_t sent_back_ms; /* RFC 2328 13 (8): our newer copy last sent back to a neighbor */
};

struct lsdb {
	struct ospf *ospf;
	struct area *area; /* NULL for the AS scope */
	struct lsa_entry **buckets;
	size_t nbuckets;
	size_t count;
	uint32_t checksum_sum; /* sum of all checksums, as FRR prints */
	/* entries per LSA type (others not counted) */
	size_t type_count[LSA_OPAQUE_AS + 1];
};

/* LS age now: the age at install plus the seconds since, capped at MaxAge (DoNotAge kept). */
uint16_t lsa_inst_age(const struct lsa_inst *inst, uint64_t now_ms);
struct lsa_inst *lsa_inst_new(const uint8_t *data, uint16_t len, uint64_t now_ms);
struct lsa_inst *lsa_inst_ref(struct lsa_inst *inst);
void lsa_inst_unref(struct lsa_inst *inst);
/* Writes the instance with its current age into buf (len bytes); for sending. */
void lsa_inst_write(const struct lsa_inst *inst, uint8_t *buf, uint64_t now_ms, uint16_t add_age);

void lsdb_init(struct lsdb *db, struct ospf *ospf, struct area *area);
void lsdb_fini(struct lsdb *db);
struct lsa_entry *lsdb_lookup(const struct lsdb *db, const struct lsa_key *key);
/* The same in two halves, for lookups in batches (SPF) that prefetch db->buckets[slot] and
 * the entry it points to in between, so that their cache misses overlap. */
size_t lsdb_slot(const struct lsdb *db, const struct lsa_key *key);
struct lsa_entry *lsdb_lookup_slot(const struct lsdb *db, size_t slot, const struct lsa_key *key);
/* Replaces (or adds) the instance for key; the entry keeps its identity across instances. */
struct lsa_entry *lsdb_put(struct lsdb *db, struct lsa_inst *inst);
void lsdb_remove(struct lsdb *db, struct lsa_entry *e);

/* monitor ospf events: what happened to e's LSA ("originated", "installed", "flushed"). */
void lsa_event(const struct ospf *o, const char *what, const struct lsa_entry *e);

/* Calls fn for every entry; fn may not add or remove entries. */
void lsdb_foreach(const struct lsdb *db, void (*fn)(struct lsa_entry *e, void *arg), void *arg);

static inline struct lsa_key lsa_key_of(const struct lsa_hdr *h)
{
	struct lsa_key k = { h->type, h->id, h->adv_router };

	return k;
}

#endif
