/* SPDX-License-Identifier: ISC */
/*
 * The LSA codec (RFC 2328 A.4, RFC 3101, RFC 5250): wire layouts, round trips of every
 * type, captured LSAs, every malformation lsa_decode() refuses, and which of two instances
 * is newer (RFC 2328 13.1).
 */
#include "testutil.h"

/* Encodes, checksums, decodes, compares field by field and re-encodes byte for byte. */
static void assert_lsa_round_trips(const struct lsa *in)
{
	static uint8_t buf[TU_BUF_CAP], again[TU_BUF_CAP];
	size_t n = lsa_encoded_len(in);
	struct lsa out;

	assert_true(n >= LSA_HEADER_LEN && n <= sizeof(buf));
	assert_int_equal(n % 4, 0);
	assert_int_equal(lsa_encode(in, buf, sizeof(buf)), n);
	assert_int_equal(get16(buf + 18), n);
	lsa_checksum_set(buf, n);
	assert_true(lsa_checksum_verify(buf, n));

	memset(&out, 0xa5, sizeof(out));
	assert_int_equal(lsa_decode(buf, n, &out), DROP_NONE);
	assert_true(out.checksum_ok);
	assert_int_equal(out.hdr.length, n);
	assert_int_equal(out.hdr.checksum, get16(buf + 16));
	tu_assert_lsa_equal(in, &out);

	memset(again, 0xee, n);
	assert_int_equal(lsa_encoded_len(&out), n);
	assert_int_equal(lsa_encode(&out, again, sizeof(again)), n);
	assert_memory_equal(buf, again, n);
	lsa_free(&out);
}

/* The header as RFC 2328 A.4.1 lays it out, with the length the encoder must compute. */
static void expect_hdr(struct tu_buf *t, const struct lsa *l, uint16_t length)
{
	t->len = 0;
	tu_u16(t, l->hdr.age);
	tu_u8(t, l->hdr.options);
	tu_u8(t, l->hdr.type);
	tu_u32(t, l->hdr.id);
	tu_u32(t, l->hdr.adv_router);
	tu_u32(t, (uint32_t)l->hdr.seq);
	tu_u16(t, l->hdr.checksum);
	tu_u16(t, length);
}

static void assert_encodes_to(const struct lsa *l, const struct tu_buf *want)
{
	static uint8_t buf[TU_BUF_CAP];

	assert_int_equal(lsa_encoded_len(l), want->len);
	assert_int_equal(lsa_encode(l, buf, sizeof(buf)), want->len);
	assert_memory_equal(buf, want->b, want->len);
}

/* ---- wire layouts (RFC 2328 A.4) ---- */

static void test_router_lsa_encodes_to_the_rfc2328_a42_layout(void **state)
{
	static struct tu_buf want;
	struct lsa l;
	uint16_t i, k;

	(void)state;
	tu_sample_router(&l, LSA_ROUTER_B | LSA_ROUTER_V);
	l.hdr.checksum = 0x1234; /* written as given */
	expect_hdr(&want, &l, 20 + 4 + 8 * 12 + 7 * 4);
	tu_u8(&want, LSA_ROUTER_B | LSA_ROUTER_V);
	tu_u8(&want, 0);
	tu_u16(&want, 8);
	for (i = 0; i < l.router.nlinks; i++) {
		const struct lsa_router_link *k_link = &l.router.links[i];

		tu_u32(&want, k_link->id);
		tu_u32(&want, k_link->data);
		tu_u8(&want, k_link->type);
		tu_u8(&want, k_link->ntos);
		tu_u16(&want, k_link->metric);
		for (k = 0; k < k_link->ntos; k++) {
			tu_u8(&want, k_link->tos[k].tos);
			tu_u8(&want, 0);
			tu_u16(&want, (uint16_t)k_link->tos[k].metric);
		}
	}
	assert_encodes_to(&l, &want);
}

static void test_network_lsa_encodes_to_the_rfc2328_a43_layout(void **state)
{
	static struct tu_buf want;
	struct lsa l;

	(void)state;
	tu_sample_network(&l);
	expect_hdr(&want, &l, 20 + 4 + 3 * 4);
	tu_u32(&want, 0xffffff00);
	tu_u32(&want, 0x01010101);
	tu_u32(&want, 0x02020202);
	tu_u32(&want, 0x03030303);
	assert_encodes_to(&l, &want);
}

static void test_summary_lsa_encodes_to_the_rfc2328_a44_layout(void **state)
{
	static struct tu_buf want;
	struct lsa l;

	(void)state;
	tu_sample_summary_net(&l, true);
	expect_hdr(&want, &l, 20 + 8 + 2 * 4);
	tu_u32(&want, 0xfffff000);
	tu_u8(&want, 0);
	tu_u24(&want, 0xabcdef);
	tu_u8(&want, 2);
	tu_u24(&want, 0x123456);
	tu_u8(&want, 4);
	tu_u24(&want, 0xffffff);
	assert_encodes_to(&l, &want);

	tu_sample_summary_asbr(&l);
	expect_hdr(&want, &l, 20 + 8);
	tu_u32(&want, 0);
	tu_u32(&want, 20);
	assert_encodes_to(&l, &want);
}

static void test_external_lsa_encodes_to_the_rfc2328_a45_layout(void **state)
{
	static struct tu_buf want;
	static const uint8_t types[] = { LSA_AS_EXTERNAL, LSA_NSSA };
	struct lsa l;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		tu_sample_external(&l, types[i], false, true);
		expect_hdr(&want, &l, 20 + 4 + 2 * 12);
		tu_u32(&want, 0xffffff00);
		tu_u8(&want, 0x00); /* E1, TOS 0 */
		tu_u24(&want, 0xfedcba);
		tu_u32(&want, 0x0a0000fe);
		tu_u32(&want, 0xdeadbeef);
		tu_u8(&want, 0x80 | 4); /* E2, TOS 4 */
		tu_u24(&want, 0x000100);
		tu_u32(&want, 0);
		tu_u32(&want, 1);
		assert_encodes_to(&l, &want);
	}
}

static void test_opaque_and_unknown_lsas_encode_their_body_as_is(void **state)
{
	static struct tu_buf want;
	static const uint8_t types[] = { LSA_OPAQUE_LINK, LSA_OPAQUE_AREA, LSA_OPAQUE_AS, 42 };
	struct lsa l;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		tu_sample_raw(&l, types[i], 12);
		expect_hdr(&want, &l, 32);
		tu_bytes(&want, l.raw.data, 12);
		assert_encodes_to(&l, &want);
	}
}

static void test_lsa_encode_recomputes_the_length_field(void **state)
{
	static struct tu_buf want;
	struct lsa l;

	(void)state;
	tu_sample_network(&l);
	l.hdr.length = 999;
	expect_hdr(&want, &l, 36);
	tu_u32(&want, 0xffffff00);
	tu_u32(&want, 0x01010101);
	tu_u32(&want, 0x02020202);
	tu_u32(&want, 0x03030303);
	assert_encodes_to(&l, &want);
}

/* ---- round trips ---- */

static void test_router_lsa_with_every_link_type_and_flag_round_trips(void **state)
{
	static const uint8_t flags[] = {
		0,
		LSA_ROUTER_B,
		LSA_ROUTER_E,
		LSA_ROUTER_V,
		LSA_ROUTER_NT,
		LSA_ROUTER_B | LSA_ROUTER_E | LSA_ROUTER_V | LSA_ROUTER_W | LSA_ROUTER_NT,
	};
	struct lsa l;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(flags); i++) {
		tu_sample_router(&l, flags[i]);
		assert_lsa_round_trips(&l);
	}
}

static void test_router_lsa_without_links_round_trips(void **state)
{
	struct lsa l;

	(void)state;
	tu_sample_router(&l, LSA_ROUTER_E);
	l.router.nlinks = 0;
	l.router.links = NULL;
	assert_int_equal(lsa_encoded_len(&l), 24);
	assert_lsa_round_trips(&l);
}

static void test_router_lsa_with_400_links_round_trips(void **state)
{
	static struct lsa_router_link links[400];
	struct lsa l;
	int i;

	(void)state;
	for (i = 0; i < 400; i++)
		links[i] = (struct lsa_router_link){
			0x0a000000 + (uint32_t)i, 0xffffffff, LSA_LINK_STUB, (uint16_t)i, 0, NULL
		};
	tu_sample_router(&l, 0);
	l.router.nlinks = 400;
	l.router.links = links;
	assert_int_equal(lsa_encoded_len(&l), 24 + 400 * 12);
	assert_lsa_round_trips(&l);
}

static void test_network_lsa_round_trips(void **state)
{
	struct lsa l;

	(void)state;
	tu_sample_network(&l);
	assert_lsa_round_trips(&l);
}

static void test_summary_net_lsa_with_and_without_tos_round_trips(void **state)
{
	struct lsa l;

	(void)state;
	tu_sample_summary_net(&l, false);
	assert_lsa_round_trips(&l);
	tu_sample_summary_net(&l, true);
	assert_lsa_round_trips(&l);
}

static void test_summary_asbr_lsa_round_trips(void **state)
{
	struct lsa l;

	(void)state;
	tu_sample_summary_asbr(&l);
	assert_lsa_round_trips(&l);
}

static void test_as_external_lsa_e1_e2_with_forwarding_tag_and_tos_round_trips(void **state)
{
	struct lsa l;

	(void)state;
	tu_sample_external(&l, LSA_AS_EXTERNAL, false, false);
	assert_lsa_round_trips(&l);
	tu_sample_external(&l, LSA_AS_EXTERNAL, true, false);
	assert_lsa_round_trips(&l);
	tu_sample_external(&l, LSA_AS_EXTERNAL, true, true);
	assert_lsa_round_trips(&l);
	tu_sample_external(&l, LSA_AS_EXTERNAL, false, true);
	assert_lsa_round_trips(&l);
}

static void test_nssa_lsa_round_trips(void **state)
{
	struct lsa l;

	(void)state;
	tu_sample_external(&l, LSA_NSSA, true, false);
	assert_lsa_round_trips(&l);
	tu_sample_external(&l, LSA_NSSA, false, true);
	assert_lsa_round_trips(&l);
}

static void test_opaque_lsas_round_trip_with_their_raw_body(void **state)
{
	static const uint8_t types[] = { LSA_OPAQUE_LINK, LSA_OPAQUE_AREA, LSA_OPAQUE_AS };
	struct lsa l;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		tu_sample_raw(&l, types[i], 28);
		assert_lsa_round_trips(&l);
		tu_sample_raw(&l, types[i], 4);
		assert_lsa_round_trips(&l);
		tu_sample_raw(&l, types[i], 0);
		assert_lsa_round_trips(&l);
	}
}

static void test_unknown_lsa_types_round_trip_with_their_raw_body(void **state)
{
	static const uint8_t types[] = { 0, LSA_GROUP_MEMBERSHIP, LSA_EXT_ATTRIBUTES, 12, 42, 255 };
	struct lsa l;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		tu_sample_raw(&l, types[i], 64);
		assert_lsa_round_trips(&l);
		tu_sample_raw(&l, types[i], 0);
		assert_lsa_round_trips(&l);
	}
}

static void test_lsa_header_fields_at_their_limits_round_trip(void **state)
{
	static const int32_t seqs[] = { LSA_INITIAL_SEQ, -1, 0, 1, LSA_MAX_SEQ };
	struct lsa l;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(seqs); i++) {
		tu_sample_network(&l);
		l.hdr.seq = seqs[i];
		l.hdr.age = (uint16_t)(i & 1 ? LSA_MAX_AGE : LSA_DO_NOT_AGE | 0x7fff);
		l.hdr.options = (uint8_t)(i & 1 ? 0xff : 0);
		l.hdr.id = 0xffffffff;
		l.hdr.adv_router = 0;
		assert_lsa_round_trips(&l);
	}
}

/* ---- captured LSAs ---- */

static void decode_real(enum tu_real which, struct lsa *out)
{
	const struct tu_real_lsa *r = tu_real_lsa(which);
	static uint8_t again[256];

	assert_int_equal(lsa_decode(r->bytes, r->len, out), DROP_NONE);
	assert_true(out->checksum_ok);
	assert_int_equal(out->hdr.length, r->len);
	assert_int_equal(out->hdr.checksum, get16(r->bytes + 16));
	/* and it encodes back to what the router sent */
	assert_int_equal(lsa_encode(out, again, sizeof(again)), r->len);
	assert_memory_equal(again, r->bytes, r->len);
}

static void test_captured_router_lsas_decode_to_their_links(void **state)
{
	struct lsa l;

	(void)state;
	decode_real(TU_REAL_ROUTER_STUB_TRANSIT, &l);
	assert_int_equal(l.hdr.age, 446);
	assert_int_equal(l.hdr.options, OSPF_OPT_DC | OSPF_OPT_E);
	assert_int_equal(l.hdr.type, LSA_ROUTER);
	assert_int_equal(l.hdr.id, 0x05050505);
	assert_int_equal(l.hdr.adv_router, 0x05050505);
	assert_int_equal(l.hdr.seq, (int32_t)0x80000004);
	assert_int_equal(l.router.flags, 0);
	assert_int_equal(l.router.nlinks, 2);
	assert_int_equal(l.router.links[0].id, 0xc0a81400);
	assert_int_equal(l.router.links[0].data, 0xffffff00);
	assert_int_equal(l.router.links[0].type, LSA_LINK_STUB);
	assert_int_equal(l.router.links[0].ntos, 0);
	assert_int_equal(l.router.links[0].metric, 10);
	assert_int_equal(l.router.links[1].id, 0x0a001402);
	assert_int_equal(l.router.links[1].data, 0x0a001402);
	assert_int_equal(l.router.links[1].type, LSA_LINK_TRANSIT);
	assert_int_equal(l.router.links[1].metric, 10);
	lsa_free(&l);

	decode_real(TU_REAL_ROUTER_ABR, &l);
	assert_int_equal(l.hdr.seq, (int32_t)0x80000006);
	assert_int_equal(l.router.flags, LSA_ROUTER_B);
	assert_int_equal(l.router.nlinks, 1);
	assert_int_equal(l.router.links[0].id, 0x0a001400);
	assert_int_equal(l.router.links[0].data, 0xfffffffc);
	assert_int_equal(l.router.links[0].type, LSA_LINK_STUB);
	lsa_free(&l);
}

static void test_captured_network_lsa_decodes_to_its_attached_routers(void **state)
{
	struct lsa l;

	(void)state;
	decode_real(TU_REAL_NETWORK, &l);
	assert_int_equal(l.hdr.type, LSA_NETWORK);
	assert_int_equal(l.hdr.id, 0x0a001402);
	assert_int_equal(l.network.mask, 0xfffffffc);
	assert_int_equal(l.network.nrouters, 2);
	assert_int_equal(l.network.routers[0], 0x05050505);
	assert_int_equal(l.network.routers[1], 0x04040404);
	lsa_free(&l);
}

static void test_captured_summary_lsas_decode_to_mask_and_metric(void **state)
{
	struct lsa l;

	(void)state;
	decode_real(TU_REAL_SUMMARY_NET, &l);
	assert_int_equal(l.hdr.type, LSA_SUMMARY_NET);
	assert_int_equal(l.hdr.id, 0xc0a80a00);
	assert_int_equal(l.summary.mask, 0xffffff00);
	assert_int_equal(l.summary.metric, 30);
	assert_int_equal(l.summary.ntos, 0);
	lsa_free(&l);

	decode_real(TU_REAL_SUMMARY_ASBR, &l);
	assert_int_equal(l.hdr.type, LSA_SUMMARY_ASBR);
	assert_int_equal(l.hdr.id, 0x02020202);
	assert_int_equal(l.summary.mask, 0);
	assert_int_equal(l.summary.metric, 20);
	lsa_free(&l);
}

static void test_captured_external_and_nssa_lsas_decode_to_their_routes(void **state)
{
	struct lsa l;

	(void)state;
	decode_real(TU_REAL_EXTERNAL, &l);
	assert_int_equal(l.hdr.type, LSA_AS_EXTERNAL);
	assert_int_equal(l.hdr.id, 0xac100300);
	assert_int_equal(l.external.mask, 0xffffff00);
	assert_int_equal(l.external.nentries, 1);
	assert_true(l.external.entries[0].e_bit);
	assert_int_equal(l.external.entries[0].tos, 0);
	assert_int_equal(l.external.entries[0].metric, 100);
	assert_int_equal(l.external.entries[0].forward, 0);
	assert_int_equal(l.external.entries[0].tag, 0);
	lsa_free(&l);

	decode_real(TU_REAL_NSSA, &l);
	assert_int_equal(l.hdr.type, LSA_NSSA);
	assert_int_equal(l.hdr.options, OSPF_OPT_DC | OSPF_OPT_NP);
	assert_int_equal(l.external.mask, 0xffffffff);
	assert_int_equal(l.external.nentries, 1);
	assert_true(l.external.entries[0].e_bit);
	assert_int_equal(l.external.entries[0].metric, 20);
	assert_int_equal(l.external.entries[0].forward, 0xc0a80c01);
	lsa_free(&l);
}

static void test_captured_opaque_lsa_decodes_to_its_raw_body(void **state)
{
	const struct tu_real_lsa *r = tu_real_lsa(TU_REAL_OPAQUE_LINK);
	struct lsa l;

	(void)state;
	decode_real(TU_REAL_OPAQUE_LINK, &l);
	assert_int_equal(l.hdr.type, LSA_OPAQUE_LINK);
	assert_int_equal(l.hdr.id, 0x03000000); /* grace-LSA */
	assert_int_equal(l.raw.len, r->len - 20);
	assert_memory_equal(l.raw.data, r->bytes + 20, r->len - 20);
	lsa_free(&l);
}

static void test_lsa_hdr_decode_reads_a_captured_header(void **state)
{
	const struct tu_real_lsa *r = tu_real_lsa(TU_REAL_EXTERNAL);
	struct lsa_hdr h;
	uint8_t again[LSA_HEADER_LEN];

	(void)state;
	/* only the 20 header bytes: a DD, LSR or LSAck carries no body */
	assert_int_equal(lsa_hdr_decode(r->bytes, LSA_HEADER_LEN, &h), DROP_NONE);
	assert_int_equal(h.age, 0xc5);
	assert_int_equal(h.options, OSPF_OPT_DC);
	assert_int_equal(h.type, LSA_AS_EXTERNAL);
	assert_int_equal(h.id, 0xac100300);
	assert_int_equal(h.adv_router, 0x02020202);
	assert_int_equal(h.seq, LSA_INITIAL_SEQ);
	assert_int_equal(h.checksum, 0x2860);
	assert_int_equal(h.length, 36);
	lsa_hdr_encode(&h, again);
	assert_memory_equal(again, r->bytes, LSA_HEADER_LEN);
}

/* ---- malformed LSAs ---- */

static void assert_lsa_refused(const struct tu_buf *t, size_t len, enum drop_reason want)
{
	struct lsa l;
	enum drop_reason got;

	long before;

	memset(&l, 0x5a, sizeof(l));
	before = tu_heap_live();
	got = lsa_decode(t->b, len, &l);
	if (got == DROP_NONE)
		lsa_free(&l);
	if (got != want)
		fail_msg("lsa_decode gave %s, want %s", drop_reason_name(got),
			 drop_reason_name(want));
	/* a refused LSA leaves nothing allocated */
	assert_int_equal(tu_heap_live(), before);
}

static void test_lsa_with_length_field_below_20_is_refused_with_lsa_too_short(void **state)
{
	static const uint16_t lengths[] = { 0, 4, 16 };
	struct tu_buf t;
	struct lsa_hdr h;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lengths); i++) {
		t.len = 0;
		tu_lsa_hdr(&t, LSA_NETWORK, 1, 1, lengths[i]);
		tu_u32(&t, 0xffffff00);
		tu_u32(&t, 0x01010101);
		assert_lsa_refused(&t, t.len, DROP_LSA_TOO_SHORT);
		assert_int_equal(lsa_hdr_decode(t.b, t.len, &h), DROP_LSA_TOO_SHORT);
	}
}

static void test_lsa_with_length_past_the_buffer_is_refused_with_lsa_overrun(void **state)
{
	static const uint16_t lengths[] = { 32, 36, 0xfffc };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lengths); i++) {
		t.len = 0;
		tu_lsa_hdr(&t, LSA_NETWORK, 1, 1, lengths[i]);
		tu_u32(&t, 0xffffff00);
		tu_u32(&t, 0x01010101);
		assert_lsa_refused(&t, t.len, DROP_LSA_OVERRUN);
	}
	/* one byte short of a good LSA */
	t.len = 0;
	tu_lsa_hdr(&t, LSA_NETWORK, 1, 1, 28);
	tu_u32(&t, 0xffffff00);
	tu_u32(&t, 0x01010101);
	tu_lsa_finish(&t, 0, 28);
	assert_lsa_refused(&t, 27, DROP_LSA_OVERRUN);
}

static void test_lsa_decode_of_fewer_than_20_bytes_is_refused(void **state)
{
	const struct tu_real_lsa *r = tu_real_lsa(TU_REAL_NETWORK);
	struct lsa l;
	struct lsa_hdr h;
	size_t n;
	enum drop_reason got;

	(void)state;
	for (n = 0; n < LSA_HEADER_LEN; n++) {
		got = lsa_decode(r->bytes, n, &l);
		assert_true(got == DROP_LSA_OVERRUN || got == DROP_LSA_TOO_SHORT);
		got = lsa_hdr_decode(r->bytes, n, &h);
		assert_true(got == DROP_LSA_OVERRUN || got == DROP_LSA_TOO_SHORT);
	}
}

static void test_lsa_with_length_not_a_multiple_of_4_is_refused_with_lsa_align(void **state)
{
	static const uint16_t lengths[] = { 21, 26, 30, 31 };
	struct tu_buf t;
	struct lsa_hdr h;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lengths); i++) {
		t.len = 0;
		tu_lsa_hdr(&t, LSA_NETWORK, 1, 1, 0);
		tu_u32(&t, 0xffffff00);
		tu_u32(&t, 0x01010101);
		tu_u32(&t, 0x02020202);
		tu_lsa_finish(&t, 0, lengths[i]);
		assert_lsa_refused(&t, t.len, DROP_LSA_ALIGN);
		assert_int_equal(lsa_hdr_decode(t.b, t.len, &h), DROP_LSA_ALIGN);
	}
}

/* A router-LSA whose link count field says nlinks_field and which carries nlinks links. */
static void build_router(struct tu_buf *t, uint16_t nlinks_field, int nlinks)
{
	int i;

	t->len = 0;
	tu_lsa_hdr(t, LSA_ROUTER, 1, 1, 0);
	tu_u8(t, 0);
	tu_u8(t, 0);
	tu_u16(t, nlinks_field);
	for (i = 0; i < nlinks; i++) {
		tu_u32(t, 0x0a000000 + (uint32_t)i);
		tu_u32(t, 0xffffff00);
		tu_u8(t, LSA_LINK_STUB);
		tu_u8(t, 0);
		tu_u16(t, 10);
	}
}

static void test_router_lsa_whose_link_count_overruns_is_refused_with_router_body(void **state)
{
	struct tu_buf t;

	(void)state;
	build_router(&t, 3, 2);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);

	build_router(&t, 0xffff, 1);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);
}

static void test_router_lsa_whose_links_do_not_fill_it_is_refused_with_router_body(void **state)
{
	struct tu_buf t;

	(void)state;
	build_router(&t, 1, 2);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);

	build_router(&t, 0, 1);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);

	/* four bytes after the last link */
	build_router(&t, 2, 2);
	tu_u32(&t, 0);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);
}

static void test_router_lsa_without_flags_and_link_count_is_refused_with_router_body(void **state)
{
	struct tu_buf t;

	(void)state;
	t.len = 0;
	tu_lsa_hdr(&t, LSA_ROUTER, 1, 1, 0);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);
}

static void test_router_lsa_whose_tos_count_overruns_is_refused_with_router_body(void **state)
{
	struct tu_buf t;

	(void)state;
	/* last link announces two TOS entries and carries one */
	build_router(&t, 2, 1);
	tu_u32(&t, 0x0b000000);
	tu_u32(&t, 0xffffff00);
	tu_u8(&t, LSA_LINK_STUB);
	tu_u8(&t, 2);
	tu_u16(&t, 10);
	tu_u8(&t, 2);
	tu_u8(&t, 0);
	tu_u16(&t, 5);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);

	/* a link with 255 TOS entries in a short LSA */
	build_router(&t, 1, 0);
	tu_u32(&t, 0x0b000000);
	tu_u32(&t, 0xffffff00);
	tu_u8(&t, LSA_LINK_P2P);
	tu_u8(&t, 255);
	tu_u16(&t, 10);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);
}

static void
test_router_lsa_whose_tos_entries_are_not_counted_is_refused_with_router_body(void **state)
{
	struct tu_buf t;

	(void)state;
	/* one link with ntos 0 followed by a TOS entry it did not announce */
	build_router(&t, 1, 1);
	tu_u8(&t, 2);
	tu_u8(&t, 0);
	tu_u16(&t, 5);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_ROUTER_BODY);
}

static void test_network_lsa_without_mask_is_refused_with_network_body(void **state)
{
	struct tu_buf t;

	(void)state;
	t.len = 0;
	tu_lsa_hdr(&t, LSA_NETWORK, 1, 1, 0);
	tu_lsa_finish(&t, 0, t.len);
	assert_lsa_refused(&t, t.len, DROP_LSA_NETWORK_BODY);
}

static void test_summary_lsa_without_mask_and_metric_is_refused_with_summary_body(void **state)
{
	static const uint8_t types[] = { LSA_SUMMARY_NET, LSA_SUMMARY_ASBR };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		t.len = 0;
		tu_lsa_hdr(&t, types[i], 1, 1, 0);
		tu_lsa_finish(&t, 0, t.len);
		assert_lsa_refused(&t, t.len, DROP_LSA_SUMMARY_BODY);

		t.len = 0;
		tu_lsa_hdr(&t, types[i], 1, 1, 0);
		tu_u32(&t, 0xffffff00); /* mask, no metric */
		tu_lsa_finish(&t, 0, t.len);
		assert_lsa_refused(&t, t.len, DROP_LSA_SUMMARY_BODY);
	}
}

static void
test_external_lsa_not_mask_and_12_byte_entries_is_refused_with_external_body(void **state)
{
	static const uint8_t types[] = { LSA_AS_EXTERNAL, LSA_NSSA };
	static const size_t body_lens[] = { 0, 4, 8, 12, 20, 24, 32 };
	struct tu_buf t;
	size_t i, k;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		for (k = 0; k < TU_ARRAY_LEN(body_lens); k++) {
			t.len = 0;
			tu_lsa_hdr(&t, types[i], 1, 1, 0);
			if (body_lens[k] >= 4)
				tu_u32(&t, 0xffffff00);
			if (body_lens[k] > 4) {
				tu_u32(&t, 0x80000014);
				tu_zeros(&t, body_lens[k] - 8);
			}
			tu_lsa_finish(&t, 0, t.len);
			/* mask alone: the TOS 0 route (RFC 2328 A.4.5) is missing */
			assert_lsa_refused(&t, t.len, DROP_LSA_EXTERNAL_BODY);
		}
	}
}

static void test_lsa_with_a_corrupted_checksum_decodes_with_checksum_ok_false(void **state)
{
	uint8_t b[256];
	struct lsa l;
	int i;

	(void)state;
	for (i = 0; i < TU_REAL_COUNT; i++) {
		const struct tu_real_lsa *r = tu_real_lsa(i);

		memcpy(b, r->bytes, r->len);
		b[17] ^= 0x01;
		assert_int_equal(lsa_decode(b, r->len, &l), DROP_NONE);
		assert_false(l.checksum_ok);
		assert_int_equal(l.hdr.checksum, get16(b + 16));
		assert_int_equal(l.hdr.id, get32(r->bytes + 4));
		lsa_free(&l);

		/* a corrupted body byte, same */
		memcpy(b, r->bytes, r->len);
		b[r->len - 1] ^= 0x01;
		assert_int_equal(lsa_decode(b, r->len, &l), DROP_NONE);
		assert_false(l.checksum_ok);
		lsa_free(&l);
	}
}

static void test_lsa_decode_reads_only_the_length_the_header_gives(void **state)
{
	const struct tu_real_lsa *r = tu_real_lsa(TU_REAL_ROUTER_STUB_TRANSIT);
	uint8_t b[256];
	struct lsa l;

	(void)state;
	memcpy(b, r->bytes, r->len);
	memset(b + r->len, 0xff, 64);
	assert_int_equal(lsa_decode(b, r->len + 64, &l), DROP_NONE);
	assert_true(l.checksum_ok);
	assert_int_equal(l.hdr.length, r->len);
	assert_int_equal(l.router.nlinks, 2);
	lsa_free(&l);
}

/* ---- lsa_encode limits ---- */

static void test_lsa_encode_with_too_small_a_cap_returns_0(void **state)
{
	static uint8_t buf[TU_BUF_CAP];
	struct lsa samples[7];
	size_t i;

	(void)state;
	tu_sample_router(&samples[0], LSA_ROUTER_B);
	tu_sample_network(&samples[1]);
	tu_sample_summary_net(&samples[2], true);
	tu_sample_summary_asbr(&samples[3]);
	tu_sample_external(&samples[4], LSA_AS_EXTERNAL, true, true);
	tu_sample_external(&samples[5], LSA_NSSA, true, false);
	tu_sample_raw(&samples[6], LSA_OPAQUE_AREA, 16);
	for (i = 0; i < TU_ARRAY_LEN(samples); i++) {
		size_t n = lsa_encoded_len(&samples[i]);

		memset(buf, 0x77, sizeof(buf));
		assert_int_equal(lsa_encode(&samples[i], buf, n - 1), 0);
		assert_int_equal(lsa_encode(&samples[i], buf, LSA_HEADER_LEN - 1), 0);
		assert_int_equal(lsa_encode(&samples[i], buf, 0), 0);
		/* nothing written past the cap it was given */
		assert_int_equal(buf[n - 1], 0x77);
		assert_int_equal(lsa_encode(&samples[i], buf, n), n);
	}
}

/* ---- which instance is newer (RFC 2328 13.1) ---- */

static struct lsa_hdr hdr_with(int32_t seq, uint16_t checksum, uint16_t age)
{
	struct lsa_hdr h = {
		.age = age,
		.options = OSPF_OPT_E,
		.type = LSA_ROUTER,
		.id = 0x01010101,
		.adv_router = 0x01010101,
		.seq = seq,
		.checksum = checksum,
		.length = 36,
	};

	return h;
}

/* a is newer than b, seen from both sides */
static void assert_newer(struct lsa_hdr a, struct lsa_hdr b)
{
	assert_true(lsa_hdr_cmp_newer(&a, &b) > 0);
	assert_true(lsa_hdr_cmp_newer(&b, &a) < 0);
}

static void assert_same(struct lsa_hdr a, struct lsa_hdr b)
{
	assert_int_equal(lsa_hdr_cmp_newer(&a, &b), 0);
	assert_int_equal(lsa_hdr_cmp_newer(&b, &a), 0);
}

static void test_newer_lsa_is_the_one_with_the_higher_sequence_number(void **state)
{
	(void)state;
	assert_newer(hdr_with(0x80000006, 0x1000, 100), hdr_with(0x80000005, 0x1000, 100));
	/* whatever the checksums and ages */
	assert_newer(hdr_with(0x80000006, 0x0001, 3000), hdr_with(0x80000005, 0xffff, 0));
	assert_newer(hdr_with(0x80000006, 0x0001, 0), hdr_with(0x80000005, 0x0001, LSA_MAX_AGE));
}

static void test_sequence_numbers_compare_signed_so_0x80000001_is_older_than_1(void **state)
{
	(void)state;
	assert_newer(hdr_with(0x00000001, 0x1000, 100), hdr_with((int32_t)0x80000001, 0x1000, 100));
	assert_newer(hdr_with(0x00000000, 0x1000, 100), hdr_with((int32_t)0xffffffff, 0x1000, 100));
	assert_newer(hdr_with(LSA_MAX_SEQ, 0x1000, 100), hdr_with(LSA_INITIAL_SEQ, 0x1000, 100));
	assert_newer(hdr_with(LSA_MAX_SEQ, 0x1000, 100), hdr_with(-1, 0x1000, 100));
}

static void test_with_equal_sequence_the_higher_checksum_is_newer(void **state)
{
	(void)state;
	assert_newer(hdr_with(7, 0x1001, 100), hdr_with(7, 0x1000, 100));
	/* compared unsigned */
	assert_newer(hdr_with(7, 0xffff, 100), hdr_with(7, 0x0001, 100));
	assert_newer(hdr_with(7, 0x8000, 100), hdr_with(7, 0x7fff, 100));
	/* whatever the ages */
	assert_newer(hdr_with(7, 0x1001, 3000), hdr_with(7, 0x1000, 0));
	assert_newer(hdr_with(7, 0x1001, 0), hdr_with(7, 0x1000, LSA_MAX_AGE));
}

static void test_with_equal_sequence_and_checksum_a_maxage_instance_is_newer(void **state)
{
	(void)state;
	assert_newer(hdr_with(7, 0x1000, LSA_MAX_AGE), hdr_with(7, 0x1000, 0));
	assert_newer(hdr_with(7, 0x1000, LSA_MAX_AGE), hdr_with(7, 0x1000, LSA_MAX_AGE - 1));
	assert_newer(hdr_with(7, 0x1000, LSA_MAX_AGE), hdr_with(7, 0x1000, 3000));
	assert_same(hdr_with(7, 0x1000, LSA_MAX_AGE), hdr_with(7, 0x1000, LSA_MAX_AGE));
}

static void test_ages_more_than_maxagediff_apart_make_the_younger_newer(void **state)
{
	(void)state;
	assert_newer(hdr_with(7, 0x1000, 10), hdr_with(7, 0x1000, 10 + LSA_MAX_AGE_DIFF + 1));
	assert_newer(hdr_with(7, 0x1000, 0), hdr_with(7, 0x1000, LSA_MAX_AGE - 1));
	assert_newer(hdr_with(7, 0x1000, 2000), hdr_with(7, 0x1000, 3000));
}

static void test_ages_at_most_maxagediff_apart_make_the_instances_the_same(void **state)
{
	(void)state;
	assert_same(hdr_with(7, 0x1000, 10), hdr_with(7, 0x1000, 10 + LSA_MAX_AGE_DIFF));
	assert_same(hdr_with(7, 0x1000, 10), hdr_with(7, 0x1000, 11));
	assert_same(hdr_with(7, 0x1000, 100), hdr_with(7, 0x1000, 100));
	assert_same(hdr_with(LSA_INITIAL_SEQ, 0, 0), hdr_with(LSA_INITIAL_SEQ, 0, 0));
}

static void test_do_not_age_bit_is_ignored_when_ages_are_compared(void **state)
{
	(void)state;
	/* 0x800a is age 10: 90 seconds from 100, the same instance */
	assert_same(hdr_with(7, 0x1000, LSA_DO_NOT_AGE | 10), hdr_with(7, 0x1000, 100));
	assert_same(hdr_with(7, 0x1000, LSA_DO_NOT_AGE | 10), hdr_with(7, 0x1000, 10));
	/* 901 seconds apart once the bit is masked */
	assert_newer(hdr_with(7, 0x1000, LSA_DO_NOT_AGE | 10), hdr_with(7, 0x1000, 911));
	assert_newer(hdr_with(7, 0x1000, 10), hdr_with(7, 0x1000, LSA_DO_NOT_AGE | 911));
	/* DoNotAge with MaxAge in the low bits is MaxAge */
	assert_newer(hdr_with(7, 0x1000, LSA_DO_NOT_AGE | LSA_MAX_AGE), hdr_with(7, 0x1000, 10));
}

static void test_lsa_type_names_are_distinct_for_types_1_to_11(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < 256; i++)
		assert_non_null(lsa_type_name((uint8_t)i));
	for (i = LSA_ROUTER; i <= LSA_OPAQUE_AS; i++) {
		assert_true(lsa_type_name((uint8_t)i)[0] != '\0');
		for (j = LSA_ROUTER; j < i; j++)
			assert_string_not_equal(lsa_type_name((uint8_t)i),
						lsa_type_name((uint8_t)j));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router_lsa_encodes_to_the_rfc2328_a42_layout),
		cmocka_unit_test(test_network_lsa_encodes_to_the_rfc2328_a43_layout),
		cmocka_unit_test(test_summary_lsa_encodes_to_the_rfc2328_a44_layout),
		cmocka_unit_test(test_external_lsa_encodes_to_the_rfc2328_a45_layout),
		cmocka_unit_test(test_opaque_and_unknown_lsas_encode_their_body_as_is),
		cmocka_unit_test(test_lsa_encode_recomputes_the_length_field),
		cmocka_unit_test(test_router_lsa_with_every_link_type_and_flag_round_trips),
		cmocka_unit_test(test_router_lsa_without_links_round_trips),
		cmocka_unit_test(test_router_lsa_with_400_links_round_trips),
		cmocka_unit_test(test_network_lsa_round_trips),
		cmocka_unit_test(test_summary_net_lsa_with_and_without_tos_round_trips),
		cmocka_unit_test(test_summary_asbr_lsa_round_trips),
		cmocka_unit_test(
		    test_as_external_lsa_e1_e2_with_forwarding_tag_and_tos_round_trips),
		cmocka_unit_test(test_nssa_lsa_round_trips),
		cmocka_unit_test(test_opaque_lsas_round_trip_with_their_raw_body),
		cmocka_unit_test(test_unknown_lsa_types_round_trip_with_their_raw_body),
		cmocka_unit_test(test_lsa_header_fields_at_their_limits_round_trip),
		cmocka_unit_test(test_captured_router_lsas_decode_to_their_links),
		cmocka_unit_test(test_captured_network_lsa_decodes_to_its_attached_routers),
		cmocka_unit_test(test_captured_summary_lsas_decode_to_mask_and_metric),
		cmocka_unit_test(test_captured_external_and_nssa_lsas_decode_to_their_routes),
		cmocka_unit_test(test_captured_opaque_lsa_decodes_to_its_raw_body),
		cmocka_unit_test(test_lsa_hdr_decode_reads_a_captured_header),
		cmocka_unit_test(test_lsa_with_length_field_below_20_is_refused_with_lsa_too_short),
		cmocka_unit_test(test_lsa_with_length_past_the_buffer_is_refused_with_lsa_overrun),
		cmocka_unit_test(test_lsa_decode_of_fewer_than_20_bytes_is_refused),
		cmocka_unit_test(
		    test_lsa_with_length_not_a_multiple_of_4_is_refused_with_lsa_align),
		cmocka_unit_test(
		    test_router_lsa_whose_link_count_overruns_is_refused_with_router_body),
		cmocka_unit_test(
		    test_router_lsa_whose_links_do_not_fill_it_is_refused_with_router_body),
		cmocka_unit_test(
		    test_router_lsa_without_flags_and_link_count_is_refused_with_router_body),
		cmocka_unit_test(
		    test_router_lsa_whose_tos_count_overruns_is_refused_with_router_body),
		cmocka_unit_test(
		    test_router_lsa_whose_tos_entries_are_not_counted_is_refused_with_router_body),
		cmocka_unit_test(test_network_lsa_without_mask_is_refused_with_network_body),
		cmocka_unit_test(
		    test_summary_lsa_without_mask_and_metric_is_refused_with_summary_body),
		cmocka_unit_test(
		    test_external_lsa_not_mask_and_12_byte_entries_is_refused_with_external_body),
		cmocka_unit_test(test_lsa_with_a_corrupted_checksum_decodes_with_checksum_ok_false),
		cmocka_unit_test(test_lsa_decode_reads_only_the_length_the_header_gives),
		cmocka_unit_test(test_lsa_encode_with_too_small_a_cap_returns_0),
		cmocka_unit_test(test_newer_lsa_is_the_one_with_the_higher_sequence_number),
		cmocka_unit_test(
		    test_sequence_numbers_compare_signed_so_0x80000001_is_older_than_1),
		cmocka_unit_test(test_with_equal_sequence_the_higher_checksum_is_newer),
		cmocka_unit_test(test_with_equal_sequence_and_checksum_a_maxage_instance_is_newer),
		cmocka_unit_test(test_ages_more_than_maxagediff_apart_make_the_younger_newer),
		cmocka_unit_test(test_ages_at_most_maxagediff_apart_make_the_instances_the_same),
		cmocka_unit_test(test_do_not_age_bit_is_ignored_when_ages_are_compared),
		cmocka_unit_test(test_lsa_type_names_are_distinct_for_types_1_to_11),
	};

	tu_heap_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
