/* SPDX-License-Identifier: ISC */
/*
 * The link state database of one flooding scope: a chained hash on (type, id, advertising
 * router) that doubles when it fills. Instances are stored once, in wire form, and shared
 * by reference counting; their LS age is computed from the install time (RFC 2328 14).
 */
#include "lsdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ospf.h"
#include "spf.h"
#include "wire.h"

#define LSDB_MIN_BUCKETS 16

static uint16_t age_cap(uint32_t age)
{
	return (uint16_t)(age > LSA_MAX_AGE ? LSA_MAX_AGE : age);
}

uint16_t lsa_inst_age(const struct lsa_inst *inst, uint64_t now_ms)
{
	uint64_t held;

	/* RFC 1793: DoNotAge LSAs keep their age */
	if (inst->hdr.age & LSA_DO_NOT_AGE)
		return inst->hdr.age;
	held = now_ms > inst->install_ms ? (now_ms - inst->install_ms) / 1000 : 0;
	if (held >= LSA_MAX_AGE)
		return LSA_MAX_AGE;
	return age_cap(inst->hdr.age + (uint32_t)held);
}

struct lsa_inst *lsa_inst_new(const uint8_t *data, uint16_t len, uint64_t now_ms)
{
	struct lsa_inst *inst;

	if (len < LSA_HEADER_LEN)
		return NULL;
	inst = malloc(sizeof(*inst) + len);
	if (!inst)
		return NULL;
	inst->refs = 1;
	inst->install_ms = now_ms;
	inst->len = len;
	memcpy(inst->data, data, len);
	/* the length field was checked by the codec; the header is read as it stands */
	lsa_hdr_decode(data, len, &inst->hdr);
	return inst;
}

struct lsa_inst *lsa_inst_ref(struct lsa_inst *inst)
{
	inst->refs++;
	return inst;
}

void lsa_inst_unref(struct lsa_inst *inst)
{
	if (inst && !--inst->refs)
		free(inst);
}

void lsa_inst_write(const struct lsa_inst *inst, uint8_t *buf, uint64_t now_ms, uint16_t add_age)
{
	uint16_t age = lsa_inst_age(inst, now_ms);

	memcpy(buf, inst->data, inst->len);
	/* RFC 2328 13.3 (5): InfTransDelay added on the way out, MaxAge the limit */
	if (!(age & LSA_DO_NOT_AGE))
		age = age_cap((uint32_t)age + add_age);
	else
		age = (uint16_t)(LSA_DO_NOT_AGE |
				 age_cap((age & ~LSA_DO_NOT_AGE) + (uint32_t)add_age));
	put16(buf, age);
}

static size_t key_hash(const struct lsa_key *k)
{
	uint64_t h = k->type;

	h = h * 0x9e3779b97f4a7c15ull ^ k->id;
	h = h * 0xbf58476d1ce4e5b9ull ^ k->adv_router;
	h ^= h >> 31;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 29;
	return (size_t)h;
}

static bool key_equal(const struct lsa_key *a, const struct lsa_key *b)
{
	return a->type == b->type && a->id == b->id && a->adv_router == b->adv_router;
}

void lsdb_init(struct lsdb *db, struct ospf *ospf, struct area *area)
{
	memset(db, 0, sizeof(*db));
	db->ospf = ospf;
	db->area = area;
	db->buckets = calloc(LSDB_MIN_BUCKETS, sizeof(*db->buckets));
	if (!db->buckets) {
		fprintf(stderr, "ospfd: no memory for an LSDB\n");
		exit(EXIT_FAILURE); /* at start-up or area creation: nothing to carry on with */
	}
	db->nbuckets = LSDB_MIN_BUCKETS;
}

static void entry_free(struct lsa_entry *e)
{
	timer_cancel(&e->age_timer);
	timer_cancel(&e->originate_timer);
	lsa_inst_unref(e->inst);
	free(e->want);
	free(e);
}

void lsdb_fini(struct lsdb *db)
{
	size_t i;

	for (i = 0; db->buckets && i < db->nbuckets; i++) {
		struct lsa_entry *e = db->buckets[i], *next;

		for (; e; e = next) {
			next = e->hnext;
			entry_free(e);
		}
	}
	free(db->buckets);
	db->buckets = NULL;
	db->nbuckets = 0;
	db->count = 0;
	memset(db->type_count, 0, sizeof(db->type_count));
	db->checksum_sum = 0;
}

struct lsa_entry *lsdb_lookup(const struct lsdb *db, const struct lsa_key *key)
{
	struct lsa_entry *e;

	if (!db->nbuckets)
		return NULL;
	for (e = db->buckets[key_hash(key) & (db->nbuckets - 1)]; e; e = e->hnext)
		if (key_equal(&e->key, key))
			return e;
	return NULL;
}

/* Doubles the table; on no memory it stays as it is (longer chains, still correct). */
static void lsdb_grow(struct lsdb *db)
{
	size_t n = db->nbuckets * 2, i;
	struct lsa_entry **b = calloc(n, sizeof(*b));

	if (!b)
		return;
	for (i = 0; i < db->nbuckets; i++) {
		struct lsa_entry *e = db->buckets[i], *next;

		for (; e; e = next) {
			size_t h = key_hash(&e->key) & (n - 1);

			next = e->hnext;
			e->hnext = b[h];
			b[h] = e;
		}
	}
	free(db->buckets);
	db->buckets = b;
	db->nbuckets = n;
}

/* RFC 2328 13.2 (and 14): the routing table depends on LSAs of types 1 to 5. */
static void lsdb_changed(struct lsdb *db, uint8_t type, bool removed)
{
	if (db->ospf && type >= LSA_ROUTER && type <= LSA_AS_EXTERNAL)
		spf_schedule(db->ospf, removed ? "LSA removed" : "LSA installed");
}

struct lsa_entry *lsdb_put(struct lsdb *db, struct lsa_inst *inst)
{
	struct lsa_key key = lsa_key_of(&inst->hdr);
	struct lsa_entry *e = lsdb_lookup(db, &key);
	size_t h;

	if (e) {
		db->checksum_sum -= e->inst->hdr.checksum;
		lsa_inst_unref(e->inst);
		e->inst = inst;
		db->checksum_sum += inst->hdr.checksum;
		lsdb_changed(db, key.type, false);
		return e;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	if (db->count >= db->nbuckets)
		lsdb_grow(db);
	e->key = key;
	e->inst = inst;
	e->db = db;
	h = key_hash(&key) & (db->nbuckets - 1);
	e->hnext = db->buckets[h];
	db->buckets[h] = e;
	db->count++;
	if (key.type <= LSA_OPAQUE_AS)
		db->type_count[key.type]++;
	db->checksum_sum += inst->hdr.checksum;
	lsdb_changed(db, key.type, false);
	return e;
}

/* Pointers to e kept by its owners: our router-LSA of the area, a DR's network-LSA. */
static void owner_pointers_clear(struct lsdb *db, const struct lsa_entry *e)
{
	struct iface *ifp;

	if (!db->area)
		return;
	if (db->area->router_lsa == e)
		db->area->router_lsa = NULL;
	list_for_each (ifp, &db->area->ifaces, area_node)
		if (ifp->network_lsa == e)
			ifp->network_lsa = NULL;
}

void lsdb_remove(struct lsdb *db, struct lsa_entry *e)
{
	struct lsa_entry **pp = &db->buckets[key_hash(&e->key) & (db->nbuckets - 1)];

	while (*pp && *pp != e)
		pp = &(*pp)->hnext;
	if (!*pp)
		return;
	*pp = e->hnext;
	db->count--;
	if (e->key.type <= LSA_OPAQUE_AS)
		db->type_count[e->key.type]--;
	db->checksum_sum -= e->inst->hdr.checksum;
	owner_pointers_clear(db, e);
	lsdb_changed(db, e->key.type, true);
	entry_free(e);
}

void lsdb_foreach(const struct lsdb *db, void (*fn)(struct lsa_entry *e, void *arg), void *arg)
{
	size_t i;

	for (i = 0; i < db->nbuckets; i++) {
		struct lsa_entry *e = db->buckets[i], *next;

		for (; e; e = next) {
			next = e->hnext;
			fn(e, arg);
		}
	}
}

void lsa_event(const struct ospf *o, const char *what, const struct lsa_entry *e)
{
	const struct lsa_hdr *h = &e->inst->hdr;
	char seq[16];

	if (!o->event)
		return;
	snprintf(seq, sizeof(seq), "%08x", (uint32_t)h->seq);
	ospf_event(o, "lsa", "action", what, "type", lsa_type_name(h->type), "linkStateId",
		   ipstr(h->id), "advertisingRouter", ipstr(h->adv_router), "sequenceNumber", seq,
		   "area", e->db->area ? ipstr(e->db->area->id) : "AS", NULL);
}
