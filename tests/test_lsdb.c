/* SPDX-License-Identifier: ISC */
/* The LSDB hash, shared LSA instances and ages computed from the install time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lsdb.h"
#include "ospf.h"
#include "wire.h"

static uint64_t now_ms;

static uint64_t clock_fn(void *ctx)
{
	return *(uint64_t *)ctx;
}

struct world {
	struct timerq *tq;
	struct ospf *o;
	struct lsdb db;
};

static void io_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)ifp;
	(void)dst;
	(void)buf;
	(void)len;
}

static int world_setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct ospf_io io = { .send = io_send };

	now_ms = 7000000;
	w->tq = timerq_new(clock_fn, &now_ms);
	w->o = ospf_new(0x01010101, w->tq, &io);
	lsdb_init(&w->db, w->o, NULL);
	*state = w;
	return 0;
}

static int world_teardown(void **state)
{
	struct world *w = *state;

	lsdb_fini(&w->db);
	ospf_free(w->o);
	timerq_free(w->tq);
	free(w);
	return 0;
}

/* A summary-LSA (type 3) in wire form, checksummed, with the given age. */
static struct lsa_inst *inst_make(uint8_t type, uint32_t id, uint32_t adv, int32_t seq,
				  uint16_t age, uint32_t metric)
{
	uint8_t buf[28];
	struct lsa_hdr h = { .age = age,
			     .options = 0,
			     .type = type,
			     .id = id,
			     .adv_router = adv,
			     .seq = seq,
			     .length = sizeof(buf) };

	memset(buf, 0, sizeof(buf));
	lsa_hdr_encode(&h, buf);
	put32(buf + 20, 0xffffff00u);
	put32(buf + 24, metric);
	lsa_checksum_set(buf, sizeof(buf));
	return lsa_inst_new(buf, sizeof(buf), now_ms);
}

static void test_put_then_lookup_finds_the_entry_by_type_id_and_router(void **state)
{
	struct world *w = *state;
	struct lsa_key k = { 3, 0x0a000000, 0x02020202 }, other = { 4, 0x0a000000, 0x02020202 };
	struct lsa_entry *e = lsdb_put(&w->db, inst_make(3, 0x0a000000, 0x02020202, 5, 0, 1));

	assert_non_null(e);
	assert_ptr_equal(lsdb_lookup(&w->db, &k), e);
	assert_null(lsdb_lookup(&w->db, &other));
	assert_int_equal(w->db.count, 1);
	assert_ptr_equal(e->db, &w->db);
	assert_int_equal(e->inst->hdr.seq, 5);
}

static void test_put_of_a_new_instance_replaces_it_in_the_same_entry(void **state)
{
	struct world *w = *state;
	struct lsa_entry *e1 = lsdb_put(&w->db, inst_make(3, 1, 2, 5, 0, 1));
	struct lsa_entry *e2 = lsdb_put(&w->db, inst_make(3, 1, 2, 6, 0, 2));

	assert_ptr_equal(e1, e2);
	assert_int_equal(w->db.count, 1);
	assert_int_equal(e2->inst->hdr.seq, 6);
	assert_int_equal(w->db.checksum_sum, e2->inst->hdr.checksum);
}

static void test_remove_takes_the_entry_out_and_keeps_the_others(void **state)
{
	struct world *w = *state;
	struct lsa_key k1 = { 3, 1, 2 }, k2 = { 3, 2, 2 };
	struct lsa_entry *e1 = lsdb_put(&w->db, inst_make(3, 1, 2, 5, 0, 1));
	struct lsa_entry *e2 = lsdb_put(&w->db, inst_make(3, 2, 2, 5, 0, 1));

	lsdb_remove(&w->db, e1);
	assert_null(lsdb_lookup(&w->db, &k1));
	assert_ptr_equal(lsdb_lookup(&w->db, &k2), e2);
	assert_int_equal(w->db.count, 1);
	assert_int_equal(w->db.checksum_sum, e2->inst->hdr.checksum);
}

static void count_fn(struct lsa_entry *e, void *arg)
{
	(void)e;
	(*(size_t *)arg)++;
}

static void test_many_entries_are_all_found_after_the_table_grows(void **state)
{
	struct world *w = *state;
	uint32_t i, n = 20000, sum = 0;
	size_t seen = 0;

	for (i = 0; i < n; i++) {
		struct lsa_entry *e = lsdb_put(&w->db, inst_make((uint8_t)(3 + i % 2), i / 2,
								 0x0a000001u + i % 7, 1, 0, i));

		sum += e->inst->hdr.checksum;
	}
	assert_int_equal(w->db.count, n);
	assert_true(w->db.nbuckets >= n / 2);
	assert_int_equal(w->db.checksum_sum, sum);
	for (i = 0; i < n; i++) {
		struct lsa_key k = { (uint8_t)(3 + i % 2), i / 2, 0x0a000001u + i % 7 };
		struct lsa_entry *e = lsdb_lookup(&w->db, &k);

		assert_non_null(e);
		assert_int_equal(e->key.id, i / 2);
	}
	lsdb_foreach(&w->db, count_fn, &seen);
	assert_int_equal(seen, n);
}

static void test_an_instance_outlives_the_lsdb_while_referenced_elsewhere(void **state)
{
	struct world *w = *state;
	struct lsa_entry *e = lsdb_put(&w->db, inst_make(3, 1, 2, 5, 0, 1));
	struct lsa_inst *held = lsa_inst_ref(e->inst);

	assert_int_equal(held->refs, 2);
	/* a newer instance replaces it in the LSDB: the other holder keeps the old one */
	lsdb_put(&w->db, inst_make(3, 1, 2, 6, 0, 1));
	assert_int_equal(held->refs, 1);
	assert_int_equal(held->hdr.seq, 5);
	assert_int_equal(get32(held->data + 12), 5);
	lsa_inst_unref(held); /* the last reference frees it (ASan watches) */
}

static void test_age_is_the_install_age_plus_the_seconds_since(void **state)
{
	struct lsa_inst *inst = inst_make(3, 1, 2, 5, 100, 1);

	(void)state;
	assert_int_equal(lsa_inst_age(inst, now_ms), 100);
	assert_int_equal(lsa_inst_age(inst, now_ms + 999), 100);
	assert_int_equal(lsa_inst_age(inst, now_ms + 1000), 101);
	assert_int_equal(lsa_inst_age(inst, now_ms + 61500), 161);
	lsa_inst_unref(inst);
}

static void test_age_stops_at_max_age(void **state)
{
	struct lsa_inst *inst = inst_make(3, 1, 2, 5, 3000, 1);

	(void)state;
	assert_int_equal(lsa_inst_age(inst, now_ms + 599000), 3599);
	assert_int_equal(lsa_inst_age(inst, now_ms + 600000), LSA_MAX_AGE);
	assert_int_equal(lsa_inst_age(inst, now_ms + 90000000), LSA_MAX_AGE);
	lsa_inst_unref(inst);
}

static void test_do_not_age_lsas_keep_their_age(void **state)
{
	struct lsa_inst *inst = inst_make(3, 1, 2, 5, LSA_DO_NOT_AGE | 10, 1);

	(void)state;
	assert_int_equal(lsa_inst_age(inst, now_ms + 5000000), LSA_DO_NOT_AGE | 10);
	lsa_inst_unref(inst);
}

static void test_write_adds_the_transmit_delay_up_to_max_age_and_keeps_the_checksum(void **state)
{
	struct lsa_inst *inst = inst_make(3, 1, 2, 5, 3598, 1);
	uint8_t buf[28];

	(void)state;
	lsa_inst_write(inst, buf, now_ms + 1000, 1);
	assert_int_equal(get16(buf), 3600);
	assert_true(lsa_checksum_verify(buf, sizeof(buf)));
	lsa_inst_write(inst, buf, now_ms, 1);
	assert_int_equal(get16(buf), 3599);
	/* the stored instance is untouched */
	assert_int_equal(get16(inst->data), 3598);
	lsa_inst_write(inst, buf, now_ms + 10000, 5);
	assert_int_equal(get16(buf), LSA_MAX_AGE);
	lsa_inst_unref(inst);
}

static void test_instance_header_is_read_from_the_wire_bytes(void **state)
{
	struct lsa_inst *inst = inst_make(4, 0x0a0b0c0d, 0x01020304, (int32_t)0x80000007, 42, 9);

	(void)state;
	assert_int_equal(inst->refs, 1);
	assert_int_equal(inst->len, 28);
	assert_int_equal(inst->hdr.type, 4);
	assert_int_equal(inst->hdr.id, 0x0a0b0c0d);
	assert_int_equal(inst->hdr.adv_router, 0x01020304);
	assert_int_equal((uint32_t)inst->hdr.seq, 0x80000007u);
	assert_int_equal(inst->hdr.age, 42);
	assert_int_equal(inst->install_ms, now_ms);
	lsa_inst_unref(inst);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, world_setup, world_teardown)
		T(test_put_then_lookup_finds_the_entry_by_type_id_and_router),
		T(test_put_of_a_new_instance_replaces_it_in_the_same_entry),
		T(test_remove_takes_the_entry_out_and_keeps_the_others),
		T(test_many_entries_are_all_found_after_the_table_grows),
		T(test_an_instance_outlives_the_lsdb_while_referenced_elsewhere),
		T(test_age_is_the_install_age_plus_the_seconds_since),
		T(test_age_stops_at_max_age),
		T(test_do_not_age_lsas_keep_their_age),
		T(test_write_adds_the_transmit_delay_up_to_max_age_and_keeps_the_checksum),
		T(test_instance_header_is_read_from_the_wire_bytes),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
