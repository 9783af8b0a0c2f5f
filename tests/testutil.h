/* SPDX-License-Identifier: ISC */
/*
 * Shared helpers for the codec tests: a byte builder for hand-made packets and LSAs, sample
 * LSAs of every type, field-by-field comparisons and heap accounting. Everything is static
 * inline so a test file pays only for what it uses.
 */
#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "checksum.h"
#include "lsa.h"
#include "packet.h"
#include "wire.h"

#define TU_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- byte builder ---- */

#define TU_BUF_CAP 16384

struct tu_buf {
	uint8_t b[TU_BUF_CAP];
	size_t len;
};

static inline void tu_u8(struct tu_buf *t, uint8_t v)
{
	assert_true(t->len + 1 <= TU_BUF_CAP);
	t->b[t->len++] = v;
}

static inline void tu_u16(struct tu_buf *t, uint16_t v)
{
	assert_true(t->len + 2 <= TU_BUF_CAP);
	put16(t->b + t->len, v);
	t->len += 2;
}

static inline void tu_u24(struct tu_buf *t, uint32_t v)
{
	assert_true(t->len + 3 <= TU_BUF_CAP);
	put24(t->b + t->len, v);
	t->len += 3;
}

static inline void tu_u32(struct tu_buf *t, uint32_t v)
{
	assert_true(t->len + 4 <= TU_BUF_CAP);
	put32(t->b + t->len, v);
	t->len += 4;
}

static inline void tu_bytes(struct tu_buf *t, const void *p, size_t n)
{
	assert_true(t->len + n <= TU_BUF_CAP);
	memcpy(t->b + t->len, p, n);
	t->len += n;
}

static inline void tu_zeros(struct tu_buf *t, size_t n)
{
	assert_true(t->len + n <= TU_BUF_CAP);
	memset(t->b + t->len, 0, n);
	t->len += n;
}

/*
 * Raw LSA header (RFC 2328 A.4.1) with the given length field; returns its offset so the
 * caller can fix the length or the checksum once the body is written.
 */
static inline size_t tu_lsa_hdr(struct tu_buf *t, uint8_t type, uint32_t id, uint32_t adv,
				uint16_t length)
{
	size_t at = t->len;

	tu_u16(t, 1);	      /* age */
	tu_u8(t, OSPF_OPT_E); /* options */
	tu_u8(t, type);
	tu_u32(t, id);
	tu_u32(t, adv);
	tu_u32(t, 0x80000001); /* seq */
	tu_u16(t, 0);	       /* checksum */
	tu_u16(t, length);
	return at;
}

/* Sets the length field of the LSA at `at` to `len` and gives it a correct checksum. */
static inline void tu_lsa_finish(struct tu_buf *t, size_t at, size_t len)
{
	put16(t->b + at + 18, (uint16_t)len);
	lsa_checksum_set(t->b + at, len);
}

/* Common packet header (RFC 2328 A.3.1) with a zero length; tu_pkt_finish() fills it in. */
static inline void tu_pkt_hdr(struct tu_buf *t, uint8_t type, uint16_t auth_type)
{
	t->len = 0;
	tu_u8(t, OSPF_VERSION);
	tu_u8(t, type);
	tu_u16(t, 0);	       /* length */
	tu_u32(t, 0x01010101); /* router id */
	tu_u32(t, 0);	       /* area */
	tu_u16(t, 0);	       /* checksum */
	tu_u16(t, auth_type);
	tu_zeros(t, 8); /* auth */
}

/* RFC 2328 D.4.1: the checksum of the packet's first plen bytes, written at offset 12. */
static inline void tu_pkt_fix_checksum(uint8_t *buf, size_t plen)
{
	put16(buf + 12, 0);
	put16(buf + 12, ospf_packet_checksum(buf, plen));
}

/* Sets the length field to what was built so far and fixes the checksum. */
static inline void tu_pkt_finish(struct tu_buf *t)
{
	put16(t->b + 2, (uint16_t)t->len);
	tu_pkt_fix_checksum(t->b, t->len);
}

/* ---- sample LSAs: each fills *l from static storage; never lsa_free() them ---- */

static inline void tu_lsa_hdr_init(struct lsa *l, uint8_t type, uint32_t id, uint32_t adv)
{
	memset(l, 0, sizeof(*l));
	l->hdr.age = 17;
	l->hdr.options = OSPF_OPT_E;
	l->hdr.type = type;
	l->hdr.id = id;
	l->hdr.adv_router = adv;
	l->hdr.seq = (int32_t)0x80000005;
}

/* Links of each of the four types, each once without and once with TOS entries. */
static inline void tu_sample_router(struct lsa *l, uint8_t flags)
{
	static struct lsa_tos_metric tos2[] = { { 2, 0x1234 }, { 4, 0xffff } };
	static struct lsa_tos_metric tos1[] = { { 8, 7 } };
	static struct lsa_tos_metric tos3[] = { { 2, 1 }, { 4, 2 }, { 16, 3 } };
	static struct lsa_router_link links[8];

	links[0] = (struct lsa_router_link){ 0x02020202, 0x0a000101, LSA_LINK_P2P, 10, 0, NULL };
	links[1] = (struct lsa_router_link){ 0x03030303, 0x0a000201, LSA_LINK_P2P, 20, 2, tos2 };
	links[2] = (struct lsa_router_link){ 0x0a000302, 0x0a000301, LSA_LINK_TRANSIT, 1, 0, NULL };
	links[3] =
	    (struct lsa_router_link){ 0x0a000402, 0x0a000401, LSA_LINK_TRANSIT, 65535, 1, tos1 };
	links[4] = (struct lsa_router_link){ 0x0a000100, 0xffffff00, LSA_LINK_STUB, 0, 0, NULL };
	links[5] = (struct lsa_router_link){ 0xc0a80000, 0xffff0000, LSA_LINK_STUB, 100, 3, tos3 };
	links[6] =
	    (struct lsa_router_link){ 0x04040404, 0x0a000501, LSA_LINK_VIRTUAL, 30, 0, NULL };
	links[7] =
	    (struct lsa_router_link){ 0x05050505, 0x0a000601, LSA_LINK_VIRTUAL, 40, 1, tos1 };
	tu_lsa_hdr_init(l, LSA_ROUTER, 0x01010101, 0x01010101);
	l->router.flags = flags;
	l->router.nlinks = TU_ARRAY_LEN(links);
	l->router.links = links;
}

static inline void tu_sample_network(struct lsa *l)
{
	static uint32_t routers[] = { 0x01010101, 0x02020202, 0x03030303 };

	tu_lsa_hdr_init(l, LSA_NETWORK, 0x0a000001, 0x01010101);
	l->network.mask = 0xffffff00;
	l->network.nrouters = TU_ARRAY_LEN(routers);
	l->network.routers = routers;
}

static inline void tu_sample_summary_net(struct lsa *l, bool with_tos)
{
	static struct lsa_tos_metric tos[] = { { 2, 0x123456 }, { 4, 0xffffff } };

	tu_lsa_hdr_init(l, LSA_SUMMARY_NET, 0xac100000, 0x01010101);
	l->summary.mask = 0xfffff000;
	l->summary.metric = 0xabcdef;
	l->summary.ntos = with_tos ? TU_ARRAY_LEN(tos) : 0;
	l->summary.tos = with_tos ? tos : NULL;
}

static inline void tu_sample_summary_asbr(struct lsa *l)
{
	tu_lsa_hdr_init(l, LSA_SUMMARY_ASBR, 0x09090909, 0x01010101);
	l->summary.mask = 0;
	l->summary.metric = 20;
}

/* E1 or E2 TOS 0 route with forwarding address and tag, plus an E2 TOS 4 entry. */
static inline void tu_sample_external(struct lsa *l, uint8_t type, bool e2, bool extra_tos)
{
	static struct lsa_external_entry e5[2], e7[2];
	struct lsa_external_entry *e = type == LSA_NSSA ? e7 : e5;

	e[0] = (struct lsa_external_entry){ e2, 0, 0xfedcba, 0x0a0000fe, 0xdeadbeef };
	e[1] = (struct lsa_external_entry){ true, 4, 0x000100, 0, 0x00000001 };
	tu_lsa_hdr_init(l, type, 0xc0a86400, 0x07070707);
	if (type == LSA_NSSA)
		l->hdr.options = OSPF_OPT_NP;
	l->external.mask = 0xffffff00;
	l->external.nentries = extra_tos ? 2 : 1;
	l->external.entries = e;
}

static inline void tu_sample_raw(struct lsa *l, uint8_t type, uint16_t len)
{
	static uint8_t body[64];
	uint16_t i;

	for (i = 0; i < sizeof(body); i++)
		body[i] = (uint8_t)(0x5a ^ i * 7);
	tu_lsa_hdr_init(l, type, 0x04000007, 0x01010101);
	l->hdr.options = OSPF_OPT_E | OSPF_OPT_O;
	l->raw.len = len;
	l->raw.data = len ? body : NULL;
}

/* Gives l->hdr.checksum the value its encoding needs. */
static inline void tu_lsa_fix_checksum(struct lsa *l)
{
	static uint8_t buf[TU_BUF_CAP];
	size_t n = lsa_encode(l, buf, sizeof(buf));

	assert_true(n >= LSA_HEADER_LEN);
	l->hdr.checksum = lsa_checksum_compute(buf, n);
}

/* ---- LSAs captured from real routers (see ../shared/captures/PROVENANCE.md) ---- */

enum tu_real {
	TU_REAL_ROUTER_STUB_TRANSIT, /* cisco-ios-ospf-lsa-types-1-to-5.pcap, frame 12 */
	TU_REAL_ROUTER_ABR,	     /* same LSU, B bit */
	TU_REAL_NETWORK,	     /* same LSU */
	TU_REAL_SUMMARY_NET,	     /* same LSU */
	TU_REAL_SUMMARY_ASBR,	     /* same LSU */
	TU_REAL_EXTERNAL,	     /* same LSU */
	TU_REAL_NSSA,	     /* cisco-nwl-ospf-lsa-type-7-nssa-external-lsa.pcapng, frame 1 */
	TU_REAL_OPAQUE_LINK, /* cisco-nwl-ospf-lsa-type-9.pcapng, frame 1: grace-LSA */
	TU_REAL_COUNT
};

struct tu_real_lsa {
	const char *what;
	const uint8_t *bytes;
	size_t len;
};

static inline const struct tu_real_lsa *tu_real_lsa(enum tu_real which)
{
	/* clang-format off */
	static const uint8_t router_stub_transit[] = {
		0x01, 0xbe, 0x22, 0x01, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05,
		0x80, 0x00, 0x00, 0x04, 0x7c, 0xaa, 0x00, 0x30, 0x00, 0x00, 0x00, 0x02,
		0xc0, 0xa8, 0x14, 0x00, 0xff, 0xff, 0xff, 0x00, 0x03, 0x00, 0x00, 0x0a,
		0x0a, 0x00, 0x14, 0x02, 0x0a, 0x00, 0x14, 0x02, 0x02, 0x00, 0x00, 0x0a,
	};
	static const uint8_t router_abr[] = {
		0x00, 0x0a, 0x22, 0x01, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
		0x80, 0x00, 0x00, 0x06, 0x36, 0xb1, 0x00, 0x24, 0x01, 0x00, 0x00, 0x01,
		0x0a, 0x00, 0x14, 0x00, 0xff, 0xff, 0xff, 0xfc, 0x03, 0x00, 0x00, 0x0a,
	};
	static const uint8_t network[] = {
		0x01, 0xbe, 0x22, 0x02, 0x0a, 0x00, 0x14, 0x02, 0x05, 0x05, 0x05, 0x05,
		0x80, 0x00, 0x00, 0x01, 0xf6, 0xed, 0x00, 0x20, 0xff, 0xff, 0xff, 0xfc,
		0x05, 0x05, 0x05, 0x05, 0x04, 0x04, 0x04, 0x04,
	};
	static const uint8_t summary_net[] = {
		0x00, 0x0b, 0x22, 0x03, 0xc0, 0xa8, 0x0a, 0x00, 0x04, 0x04, 0x04, 0x04,
		0x80, 0x00, 0x00, 0x01, 0x1e, 0x7d, 0x00, 0x1c, 0xff, 0xff, 0xff, 0x00,
		0x00, 0x00, 0x00, 0x1e,
	};
	static const uint8_t summary_asbr[] = {
		0x00, 0x0b, 0x22, 0x04, 0x02, 0x02, 0x02, 0x02, 0x04, 0x04, 0x04, 0x04,
		0x80, 0x00, 0x00, 0x01, 0x6f, 0xa0, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x14,
	};
	static const uint8_t external[] = {
		0x00, 0xc5, 0x20, 0x05, 0xac, 0x10, 0x03, 0x00, 0x02, 0x02, 0x02, 0x02,
		0x80, 0x00, 0x00, 0x01, 0x28, 0x60, 0x00, 0x24, 0xff, 0xff, 0xff, 0x00,
		0x80, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t nssa[] = {
		0x00, 0x01, 0x28, 0x07, 0x0b, 0x0b, 0x0b, 0x0b, 0x01, 0x01, 0x01, 0x01,
		0x80, 0x00, 0x00, 0x01, 0x14, 0xdb, 0x00, 0x24, 0xff, 0xff, 0xff, 0xff,
		0x80, 0x00, 0x00, 0x14, 0xc0, 0xa8, 0x0c, 0x01, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t opaque_link[] = {
		0x00, 0x01, 0x20, 0x09, 0x03, 0x00, 0x00, 0x00, 0x02, 0x02, 0x02, 0x02,
		0x80, 0x00, 0x00, 0x01, 0xf6, 0x7e, 0x00, 0x2c, 0x00, 0x01, 0x00, 0x04,
		0x00, 0x00, 0x01, 0x2c, 0x00, 0x02, 0x00, 0x01, 0x03, 0x00, 0x00, 0x00,
		0x00, 0x03, 0x00, 0x04, 0xc0, 0xa8, 0x01, 0xfe,
	};
#define TU_REAL(name) { #name, name, sizeof(name) }
	/* clang-format on */
	static const struct tu_real_lsa all[TU_REAL_COUNT] = {
		[TU_REAL_ROUTER_STUB_TRANSIT] = TU_REAL(router_stub_transit),
		[TU_REAL_ROUTER_ABR] = TU_REAL(router_abr),
		[TU_REAL_NETWORK] = TU_REAL(network),
		[TU_REAL_SUMMARY_NET] = TU_REAL(summary_net),
		[TU_REAL_SUMMARY_ASBR] = TU_REAL(summary_asbr),
		[TU_REAL_EXTERNAL] = TU_REAL(external),
		[TU_REAL_NSSA] = TU_REAL(nssa),
		[TU_REAL_OPAQUE_LINK] = TU_REAL(opaque_link),
	};
#undef TU_REAL
	return &all[which];
}

/* ---- comparisons ---- */

/* All header fields but length and checksum, which the encoder recomputes or takes as is. */
static inline void tu_assert_lsa_hdr_equal(const struct lsa_hdr *a, const struct lsa_hdr *b)
{
	assert_int_equal(a->age, b->age);
	assert_int_equal(a->options, b->options);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->adv_router, b->adv_router);
	assert_int_equal(a->seq, b->seq);
}

static inline void tu_assert_tos_equal(const struct lsa_tos_metric *a,
				       const struct lsa_tos_metric *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(a[i].tos, b[i].tos);
		assert_int_equal(a[i].metric, b[i].metric);
	}
}

static inline void tu_assert_lsa_body_equal(const struct lsa *a, const struct lsa *b)
{
	uint32_t i;

	switch (a->hdr.type) {
	case LSA_ROUTER:
		assert_int_equal(a->router.flags, b->router.flags);
		assert_int_equal(a->router.nlinks, b->router.nlinks);
		for (i = 0; i < a->router.nlinks; i++) {
			const struct lsa_router_link *x = &a->router.links[i];
			const struct lsa_router_link *y = &b->router.links[i];

			assert_int_equal(x->id, y->id);
			assert_int_equal(x->data, y->data);
			assert_int_equal(x->type, y->type);
			assert_int_equal(x->metric, y->metric);
			assert_int_equal(x->ntos, y->ntos);
			tu_assert_tos_equal(x->tos, y->tos, x->ntos);
		}
		break;
	case LSA_NETWORK:
		assert_int_equal(a->network.mask, b->network.mask);
		assert_int_equal(a->network.nrouters, b->network.nrouters);
		for (i = 0; i < a->network.nrouters; i++)
			assert_int_equal(a->network.routers[i], b->network.routers[i]);
		break;
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		assert_int_equal(a->summary.mask, b->summary.mask);
		assert_int_equal(a->summary.metric, b->summary.metric);
		assert_int_equal(a->summary.ntos, b->summary.ntos);
		tu_assert_tos_equal(a->summary.tos, b->summary.tos, a->summary.ntos);
		break;
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		assert_int_equal(a->external.mask, b->external.mask);
		assert_int_equal(a->external.nentries, b->external.nentries);
		for (i = 0; i < a->external.nentries; i++) {
			const struct lsa_external_entry *x = &a->external.entries[i];
			const struct lsa_external_entry *y = &b->external.entries[i];

			assert_int_equal(x->e_bit, y->e_bit);
			assert_int_equal(x->tos, y->tos);
			assert_int_equal(x->metric, y->metric);
			assert_int_equal(x->forward, y->forward);
			assert_int_equal(x->tag, y->tag);
		}
		break;
	default:
		assert_int_equal(a->raw.len, b->raw.len);
		if (a->raw.len)
			assert_memory_equal(a->raw.data, b->raw.data, a->raw.len);
		break;
	}
}

static inline void tu_assert_lsa_equal(const struct lsa *a, const struct lsa *b)
{
	tu_assert_lsa_hdr_equal(&a->hdr, &b->hdr);
	tu_assert_lsa_body_equal(a, b);
}

/* Header fields but length and checksum; auth as its type defines it. */
static inline void tu_assert_pkt_hdr_equal(const struct ospf_hdr *a, const struct ospf_hdr *b)
{
	assert_int_equal(a->version, b->version);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->router_id, b->router_id);
	assert_int_equal(a->area_id, b->area_id);
	assert_int_equal(a->auth_type, b->auth_type);
	if (a->auth_type == OSPF_AUTH_CRYPTO) {
		assert_int_equal(a->auth.key_id, b->auth.key_id);
		assert_int_equal(a->auth.digest_len, b->auth.digest_len);
		assert_int_equal(a->auth.crypto_seq, b->auth.crypto_seq);
		assert_memory_equal(a->auth.digest, b->auth.digest, a->auth.digest_len);
	} else {
		assert_memory_equal(a->auth.data, b->auth.data, sizeof(a->auth.data));
	}
}

static inline void tu_assert_lsa_hdrs_equal(const struct lsa_hdr *a, const struct lsa_hdr *b,
					    uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		tu_assert_lsa_hdr_equal(&a[i], &b[i]);
		assert_int_equal(a[i].checksum, b[i].checksum);
		assert_int_equal(a[i].length, b[i].length);
	}
}

static inline void tu_assert_packet_equal(const struct ospf_packet *a, const struct ospf_packet *b)
{
	uint32_t i;

	tu_assert_pkt_hdr_equal(&a->hdr, &b->hdr);
	switch (a->hdr.type) {
	case OSPF_PKT_HELLO:
		assert_int_equal(a->hello.mask, b->hello.mask);
		assert_int_equal(a->hello.hello_interval, b->hello.hello_interval);
		assert_int_equal(a->hello.options, b->hello.options);
		assert_int_equal(a->hello.priority, b->hello.priority);
		assert_int_equal(a->hello.dead_interval, b->hello.dead_interval);
		assert_int_equal(a->hello.dr, b->hello.dr);
		assert_int_equal(a->hello.bdr, b->hello.bdr);
		assert_int_equal(a->hello.nneighbors, b->hello.nneighbors);
		for (i = 0; i < a->hello.nneighbors; i++)
			assert_int_equal(a->hello.neighbors[i], b->hello.neighbors[i]);
		break;
	case OSPF_PKT_DD:
		assert_int_equal(a->dd.mtu, b->dd.mtu);
		assert_int_equal(a->dd.options, b->dd.options);
		assert_int_equal(a->dd.flags, b->dd.flags);
		assert_int_equal(a->dd.seq, b->dd.seq);
		assert_int_equal(a->dd.nlsas, b->dd.nlsas);
		tu_assert_lsa_hdrs_equal(a->dd.lsas, b->dd.lsas, a->dd.nlsas);
		break;
	case OSPF_PKT_LSR:
		assert_int_equal(a->lsr.nreqs, b->lsr.nreqs);
		for (i = 0; i < a->lsr.nreqs; i++) {
			assert_int_equal(a->lsr.reqs[i].type, b->lsr.reqs[i].type);
			assert_int_equal(a->lsr.reqs[i].id, b->lsr.reqs[i].id);
			assert_int_equal(a->lsr.reqs[i].adv_router, b->lsr.reqs[i].adv_router);
		}
		break;
	case OSPF_PKT_LSU:
		assert_int_equal(a->lsu.nlsas, b->lsu.nlsas);
		for (i = 0; i < a->lsu.nlsas; i++) {
			tu_assert_lsa_equal(&a->lsu.lsas[i], &b->lsu.lsas[i]);
			assert_int_equal(a->lsu.lsas[i].hdr.checksum, b->lsu.lsas[i].hdr.checksum);
		}
		break;
	case OSPF_PKT_LSACK:
		assert_int_equal(a->lsack.nlsas, b->lsack.nlsas);
		tu_assert_lsa_hdrs_equal(a->lsack.lsas, b->lsack.lsas, a->lsack.nlsas);
		break;
	}
	assert_int_equal(a->lls_len, b->lls_len);
	if (a->lls_len)
		assert_memory_equal(a->lls, b->lls, a->lls_len);
}

/* ---- heap accounting: what the code under test leaves allocated ---- */

#if defined(__SANITIZE_ADDRESS__)
#define TU_HAVE_ALLOC_HOOKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TU_HAVE_ALLOC_HOOKS 1
#endif
#endif

#ifdef TU_HAVE_ALLOC_HOOKS
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
					      void (*free_hook)(const volatile void *));

static long tu_live_allocs;
static size_t tu_max_alloc;

static inline void tu_malloc_hook(const volatile void *p, size_t size)
{
	(void)p;
	tu_live_allocs++;
	if (size > tu_max_alloc)
		tu_max_alloc = size;
}

static inline void tu_free_hook(const volatile void *p)
{
	(void)p;
	tu_live_allocs--;
}

/* Call once from main(): counts allocations made by everything in the process. */
static inline void tu_heap_init(void)
{
	__sanitizer_install_malloc_and_free_hooks(tu_malloc_hook, tu_free_hook);
}

static inline long tu_heap_live(void)
{
	return tu_live_allocs;
}

/* The largest single allocation since the last call, or 0 if unknown. */
static inline size_t tu_heap_max_alloc_reset(void)
{
	size_t m = tu_max_alloc;

	tu_max_alloc = 0;
	return m;
}
#else
/*
 * Without AddressSanitizer there is no reliable count (glibc's mallinfo counts chunks parked
 * in its thread cache as in use), so these checks pass and LeakSanitizer builds do the work.
 */
static inline void tu_heap_init(void)
{
}

static inline long tu_heap_live(void)
{
	return 0;
}

static inline size_t tu_heap_max_alloc_reset(void)
{
	return 0;
}
#endif

#endif
