/* SPDX-License-Identifier: ISC */
/*
 * The packet codec (RFC 2328 A.3, D.3, D.4; RFC 5613 LLS): round trips of every packet type
 * under every authentication type, captured packets, and a hand-built packet for every
 * reason in drop.h the codec can return.
 */
#include <time.h>

#include "testutil.h"

/* ---- authentication variants ---- */

struct auth_case {
	const char *name;
	uint16_t type;
	uint8_t digest_len;
};

/* clang-format off */
static const struct auth_case auth_cases[] = {
	{ "null", OSPF_AUTH_NULL, 0 },
	{ "simple", OSPF_AUTH_SIMPLE, 0 },
	{ "crypto-16", OSPF_AUTH_CRYPTO, 16 }, /* keyed MD5 */
	{ "crypto-20", OSPF_AUTH_CRYPTO, 20 }, /* HMAC-SHA-1 */
	{ "crypto-32", OSPF_AUTH_CRYPTO, 32 },
	{ "crypto-48", OSPF_AUTH_CRYPTO, 48 },
	{ "crypto-64", OSPF_AUTH_CRYPTO, 64 }, /* HMAC-SHA-512 */
};
/* clang-format on */

static void set_hdr(struct ospf_packet *p, uint8_t type, const struct auth_case *a)
{
	int i;

	memset(&p->hdr, 0, sizeof(p->hdr));
	p->hdr.version = OSPF_VERSION;
	p->hdr.type = type;
	p->hdr.router_id = 0xc0a8ff0f;
	p->hdr.area_id = 0x00000001;
	p->hdr.auth_type = a->type;
	if (a->type == OSPF_AUTH_SIMPLE)
		memcpy(p->hdr.auth.data, "s3cr3t\0\0", 8);
	if (a->type == OSPF_AUTH_CRYPTO) {
		p->hdr.auth.key_id = 7;
		p->hdr.auth.digest_len = a->digest_len;
		p->hdr.auth.crypto_seq = 0x5a834112;
		for (i = 0; i < a->digest_len; i++)
			p->hdr.auth.digest[i] = (uint8_t)(0xd0 + i);
	}
}

/* ---- sample packets, from static storage: never ospf_packet_free() them ---- */

/* RFC 5613 2.2: checksum, length in 32-bit words, one Extended Options TLV (LR bit). */
/* clang-format off */
static uint8_t sample_lls[] = { 0x00, 0x00, 0x00, 0x03, 0x00, 0x01, 0x00, 0x04,
				0x00, 0x00, 0x00, 0x01 };
/* clang-format on */

static void sample_hello(struct ospf_packet *p, const struct auth_case *a, uint32_t nnbrs, bool lls)
{
	static uint32_t nbrs[] = { 0x02020202, 0x03030303, 0x04040404, 0x05050505, 0xffffffff };

	memset(p, 0, sizeof(*p));
	set_hdr(p, OSPF_PKT_HELLO, a);
	p->hello.mask = 0xffffff00;
	p->hello.hello_interval = 10;
	p->hello.options = OSPF_OPT_E | (lls ? OSPF_OPT_L : 0);
	p->hello.priority = 1;
	p->hello.dead_interval = 40;
	p->hello.dr = 0x0a000001;
	p->hello.bdr = 0x0a000002;
	assert_true(nnbrs <= TU_ARRAY_LEN(nbrs));
	p->hello.nneighbors = nnbrs;
	p->hello.neighbors = nnbrs ? nbrs : NULL;
	if (lls) {
		p->lls_len = sizeof(sample_lls);
		p->lls = sample_lls;
	}
}

static struct lsa_hdr sample_lsa_hdrs[] = {
	{ 1, OSPF_OPT_E, LSA_ROUTER, 0x01010101, 0x01010101, (int32_t)0x80000001, 0x1234, 36 },
	{ 3600, OSPF_OPT_E, LSA_NETWORK, 0x0a000001, 0x01010101, 0x7fffffff, 0xfedc, 32 },
	{ 0x8005, 0, LSA_OPAQUE_AREA, 0x01000001, 0x02020202, 0, 0x0001, 0xfffc },
};

static void sample_dd(struct ospf_packet *p, const struct auth_case *a, uint8_t flags,
		      uint32_t nlsas, bool lls)
{
	memset(p, 0, sizeof(*p));
	set_hdr(p, OSPF_PKT_DD, a);
	p->dd.mtu = 1500;
	p->dd.options = OSPF_OPT_E | OSPF_OPT_O | (lls ? OSPF_OPT_L : 0);
	p->dd.flags = flags;
	p->dd.seq = 0x812e;
	assert_true(nlsas <= TU_ARRAY_LEN(sample_lsa_hdrs));
	p->dd.nlsas = nlsas;
	p->dd.lsas = nlsas ? sample_lsa_hdrs : NULL;
	if (lls) {
		p->lls_len = sizeof(sample_lls);
		p->lls = sample_lls;
	}
}

static void sample_lsr(struct ospf_packet *p, const struct auth_case *a, uint32_t nreqs)
{
	static struct ospf_lsr_entry reqs[] = {
		{ LSA_ROUTER, 0xc0a8ff0b, 0xc0a8ff0b },
		{ LSA_NETWORK, 0xc0a87904, 0xc0a8ff0e },
		{ LSA_AS_EXTERNAL, 0xc0a87c00, 0xc0a8ff0b },
		{ LSA_OPAQUE_AS, 0x07000001, 0x01010101 },
	};

	memset(p, 0, sizeof(*p));
	set_hdr(p, OSPF_PKT_LSR, a);
	assert_true(nreqs <= TU_ARRAY_LEN(reqs));
	p->lsr.nreqs = nreqs;
	p->lsr.reqs = nreqs ? reqs : NULL;
}

/* One LSA of every body type, with correct checksums. */
static void sample_lsu(struct ospf_packet *p, const struct auth_case *a, uint32_t nlsas)
{
	static struct lsa lsas[9];
	size_t i;

	tu_sample_router(&lsas[0], LSA_ROUTER_B | LSA_ROUTER_E);
	tu_sample_network(&lsas[1]);
	tu_sample_summary_net(&lsas[2], true);
	tu_sample_summary_asbr(&lsas[3]);
	tu_sample_external(&lsas[4], LSA_AS_EXTERNAL, true, true);
	tu_sample_external(&lsas[5], LSA_NSSA, false, false);
	tu_sample_raw(&lsas[6], LSA_OPAQUE_LINK, 24);
	tu_sample_raw(&lsas[7], 42, 8);
	tu_sample_router(&lsas[8], 0);
	lsas[8].router.nlinks = 0;
	lsas[8].router.links = NULL;
	for (i = 0; i < TU_ARRAY_LEN(lsas); i++)
		tu_lsa_fix_checksum(&lsas[i]);

	memset(p, 0, sizeof(*p));
	set_hdr(p, OSPF_PKT_LSU, a);
	assert_true(nlsas <= TU_ARRAY_LEN(lsas));
	p->lsu.nlsas = nlsas;
	p->lsu.lsas = nlsas ? lsas : NULL;
}

static void sample_lsack(struct ospf_packet *p, const struct auth_case *a, uint32_t nlsas)
{
	memset(p, 0, sizeof(*p));
	set_hdr(p, OSPF_PKT_LSACK, a);
	assert_true(nlsas <= TU_ARRAY_LEN(sample_lsa_hdrs));
	p->lsack.nlsas = nlsas;
	p->lsack.lsas = nlsas ? sample_lsa_hdrs : NULL;
}

/* The packet length RFC 2328 A.3 gives for p's body. */
static size_t expected_packet_len(const struct ospf_packet *p)
{
	size_t n = OSPF_HEADER_LEN;
	uint32_t i;

	switch (p->hdr.type) {
	case OSPF_PKT_HELLO:
		return n + 20 + 4 * (size_t)p->hello.nneighbors;
	case OSPF_PKT_DD:
		return n + 8 + 20 * (size_t)p->dd.nlsas;
	case OSPF_PKT_LSR:
		return n + 12 * (size_t)p->lsr.nreqs;
	case OSPF_PKT_LSU:
		n += 4;
		for (i = 0; i < p->lsu.nlsas; i++)
			n += lsa_encoded_len(&p->lsu.lsas[i]);
		return n;
	case OSPF_PKT_LSACK:
		return n + 20 * (size_t)p->lsack.nlsas;
	}
	fail();
	return 0;
}

/*
 * Encodes p, checks the header, auth field and trailers where RFC 2328 A.3.1 and D.3 put
 * them, decodes, compares field by field and re-encodes byte for byte.
 */
static void assert_packet_round_trips(const struct ospf_packet *in)
{
	static uint8_t buf[TU_BUF_CAP], again[TU_BUF_CAP];
	size_t plen = expected_packet_len(in);
	size_t digest = in->hdr.auth_type == OSPF_AUTH_CRYPTO ? in->hdr.auth.digest_len : 0;
	size_t n = plen + digest + in->lls_len;
	struct ospf_packet out;

	assert_int_equal(ospf_packet_encoded_len(in), n);
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(ospf_packet_encode(in, buf, sizeof(buf)), n);

	assert_int_equal(buf[0], OSPF_VERSION);
	assert_int_equal(buf[1], in->hdr.type);
	assert_int_equal(get16(buf + 2), plen);
	assert_int_equal(get32(buf + 4), in->hdr.router_id);
	assert_int_equal(get32(buf + 8), in->hdr.area_id);
	assert_int_equal(get16(buf + 14), in->hdr.auth_type);
	if (in->hdr.auth_type == OSPF_AUTH_CRYPTO) {
		/* D.4.3: no checksum; D.3: 0, key id, data length, sequence number */
		assert_int_equal(get16(buf + 12), 0);
		assert_int_equal(get16(buf + 16), 0);
		assert_int_equal(buf[18], in->hdr.auth.key_id);
		assert_int_equal(buf[19], in->hdr.auth.digest_len);
		assert_int_equal(get32(buf + 20), in->hdr.auth.crypto_seq);
		assert_memory_equal(buf + plen, in->hdr.auth.digest, digest);
	} else {
		assert_memory_equal(buf + 16, in->hdr.auth.data, 8);
		assert_int_equal(ospf_packet_checksum(buf, plen), get16(buf + 12));
	}
	if (in->lls_len)
		assert_memory_equal(buf + plen + digest, in->lls, in->lls_len);

	memset(&out, 0xa5, sizeof(out));
	assert_int_equal(ospf_packet_decode(buf, n, &out), DROP_NONE);
	assert_int_equal(out.hdr.length, plen);
	assert_int_equal(out.hdr.checksum, get16(buf + 12));
	tu_assert_packet_equal(in, &out);

	memset(again, 0xee, sizeof(again));
	assert_int_equal(ospf_packet_encoded_len(&out), n);
	assert_int_equal(ospf_packet_encode(&out, again, sizeof(again)), n);
	assert_memory_equal(buf, again, n);
	ospf_packet_free(&out);
}

/* ---- round trips ---- */

static void test_hello_with_0_and_several_neighbors_round_trips_under_every_auth(void **state)
{
	struct ospf_packet p;
	size_t a;

	(void)state;
	for (a = 0; a < TU_ARRAY_LEN(auth_cases); a++) {
		sample_hello(&p, &auth_cases[a], 0, false);
		assert_packet_round_trips(&p);
		sample_hello(&p, &auth_cases[a], 1, false);
		assert_packet_round_trips(&p);
		sample_hello(&p, &auth_cases[a], 5, false);
		assert_packet_round_trips(&p);
	}
}

static void test_dd_with_flags_and_lsa_headers_round_trips_under_every_auth(void **state)
{
	static const uint8_t flags[] = { OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS, OSPF_DD_M | OSPF_DD_MS,
					 OSPF_DD_M, OSPF_DD_MS, 0 };
	struct ospf_packet p;
	size_t a, f;

	(void)state;
	for (a = 0; a < TU_ARRAY_LEN(auth_cases); a++) {
		for (f = 0; f < TU_ARRAY_LEN(flags); f++) {
			sample_dd(&p, &auth_cases[a], flags[f], (uint32_t)(f % 4), false);
			assert_packet_round_trips(&p);
		}
	}
}

static void test_lsr_round_trips_under_every_auth(void **state)
{
	struct ospf_packet p;
	size_t a;

	(void)state;
	for (a = 0; a < TU_ARRAY_LEN(auth_cases); a++) {
		sample_lsr(&p, &auth_cases[a], 4);
		assert_packet_round_trips(&p);
		sample_lsr(&p, &auth_cases[a], 1);
		assert_packet_round_trips(&p);
		sample_lsr(&p, &auth_cases[a], 0);
		assert_packet_round_trips(&p);
	}
}

static void test_lsu_with_lsas_of_every_type_round_trips_under_every_auth(void **state)
{
	struct ospf_packet p;
	size_t a;

	(void)state;
	for (a = 0; a < TU_ARRAY_LEN(auth_cases); a++) {
		sample_lsu(&p, &auth_cases[a], 9);
		assert_packet_round_trips(&p);
		sample_lsu(&p, &auth_cases[a], 1);
		assert_packet_round_trips(&p);
		sample_lsu(&p, &auth_cases[a], 0);
		assert_packet_round_trips(&p);
	}
}

static void test_lsack_round_trips_under_every_auth(void **state)
{
	struct ospf_packet p;
	size_t a;

	(void)state;
	for (a = 0; a < TU_ARRAY_LEN(auth_cases); a++) {
		sample_lsack(&p, &auth_cases[a], 3);
		assert_packet_round_trips(&p);
		sample_lsack(&p, &auth_cases[a], 0);
		assert_packet_round_trips(&p);
	}
}

static void test_hello_and_dd_with_l_option_carry_their_lls_block(void **state)
{
	struct ospf_packet p;
	size_t a;

	(void)state;
	for (a = 0; a < TU_ARRAY_LEN(auth_cases); a++) {
		sample_hello(&p, &auth_cases[a], 2, true);
		assert_packet_round_trips(&p);
		sample_dd(&p, &auth_cases[a], OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS, 0, true);
		assert_packet_round_trips(&p);
		sample_dd(&p, &auth_cases[a], OSPF_DD_M, 3, true);
		assert_packet_round_trips(&p);
	}
}

static void test_null_auth_keeps_the_auth_field_as_sent(void **state)
{
	struct ospf_packet p;

	(void)state;
	sample_hello(&p, &auth_cases[0], 1, false);
	memcpy(p.hdr.auth.data, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	assert_packet_round_trips(&p);
}

/* ---- captured packets ---- */

enum real {
	REAL_HELLO_MD5_LLS,
	REAL_DD_MD5_LLS,
	REAL_LSR_MD5,
	REAL_HELLO_SIMPLE,
	REAL_LSACK,
	REAL_LSU,
	REAL_COUNT
};

struct real_pkt {
	const char *what;
	const uint8_t *bytes;
	size_t len;
};

static const struct real_pkt *real_packet(enum real which)
{
	/* clang-format off */
	/* cisco-ios-ospf-adjacency-md5-lls.pcapng, frame 1 */
	static const uint8_t hello_md5_lls[] = {
		0x02, 0x01, 0x00, 0x34, 0xc0, 0xa8, 0xff, 0x0f, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, 0x10, 0x5a, 0x83, 0x41, 0x12,
		0xff, 0xff, 0xff, 0x00, 0x00, 0x0a, 0x12, 0x01, 0x00, 0x00, 0x00, 0x28,
		0xc0, 0xa8, 0x79, 0x04, 0xc0, 0xa8, 0x79, 0x05, 0xc0, 0xa8, 0xff, 0x0b,
		0xc0, 0xa8, 0xff, 0x0e, 0x91, 0xb0, 0x1c, 0x6b, 0xd6, 0xc7, 0x09, 0x3c,
		0x11, 0x86, 0x1e, 0x76, 0x33, 0x4b, 0xa8, 0x58, 0x00, 0x00, 0x00, 0x09,
		0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x14,
		0x5a, 0x83, 0x41, 0x12, 0x62, 0xa8, 0x49, 0xdb, 0x46, 0x49, 0x60, 0x4c,
		0x9f, 0xda, 0x6c, 0x0a, 0x9f, 0xdf, 0x25, 0x86,
	};

	/* cisco-ios-ospf-adjacency-md5-lls.pcapng, frame 3 */
	static const uint8_t dd_md5_lls[] = {
		0x02, 0x02, 0x00, 0x20, 0xc0, 0xa8, 0xff, 0x0b, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, 0x10, 0x5a, 0x83, 0x41, 0x3f,
		0x05, 0xdc, 0x52, 0x07, 0x00, 0x00, 0x00, 0x81, 0x2e, 0x9b, 0xa1, 0xbd,
		0xd4, 0x99, 0xb3, 0x4d, 0xb4, 0xd4, 0x8f, 0x60, 0x59, 0x3f, 0xc3, 0x6a,
		0x00, 0x00, 0x00, 0x09, 0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x02, 0x00, 0x14, 0x5a, 0x83, 0x41, 0x3f, 0xab, 0x15, 0x01, 0xdc,
		0x5f, 0x99, 0x2a, 0x5a, 0xe0, 0xcf, 0xa8, 0x12, 0xc2, 0x23, 0xb7, 0x1f,
	};

	/* cisco-ios-ospf-adjacency-md5-lls.pcapng, frame 7 */
	static const uint8_t lsr_md5[] = {
		0x02, 0x03, 0x00, 0x90, 0xc0, 0xa8, 0xff, 0x0b, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, 0x10, 0x5a, 0x83, 0x41, 0x3f,
		0x00, 0x00, 0x00, 0x01, 0xc0, 0xa8, 0xff, 0x0b, 0xc0, 0xa8, 0xff, 0x0b,
		0x00, 0x00, 0x00, 0x01, 0xc0, 0xa8, 0xff, 0x0e, 0xc0, 0xa8, 0xff, 0x0e,
		0x00, 0x00, 0x00, 0x01, 0xc0, 0xa8, 0xff, 0x0f, 0xc0, 0xa8, 0xff, 0x0f,
		0x00, 0x00, 0x00, 0x02, 0xc0, 0xa8, 0x79, 0x04, 0xc0, 0xa8, 0xff, 0x0e,
		0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xa8, 0xff, 0x0e,
		0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xa8, 0xff, 0x0f,
		0x00, 0x00, 0x00, 0x05, 0xc0, 0xa8, 0x7c, 0x00, 0xc0, 0xa8, 0xff, 0x0b,
		0x00, 0x00, 0x00, 0x05, 0xc0, 0xa8, 0x7f, 0x00, 0xc0, 0xa8, 0xff, 0x0b,
		0x00, 0x00, 0x00, 0x05, 0xc0, 0xa8, 0x80, 0x00, 0xc0, 0xa8, 0xff, 0x0b,
		0x00, 0x00, 0x00, 0x05, 0xc0, 0xa8, 0xff, 0x0c, 0xc0, 0xa8, 0xff, 0x0b,
		0x37, 0x6d, 0x2d, 0x1c, 0x6e, 0xa9, 0xa9, 0xd7, 0x64, 0xad, 0x04, 0xc0,
		0x3b, 0x3f, 0xb6, 0xb1,
	};

	/* cisco-ios-ospf-hello-simple-password.pcap, frame 1 */
	static const uint8_t hello_simple[] = {
		0x02, 0x01, 0x00, 0x2c, 0xc0, 0xa8, 0x67, 0x01, 0x00, 0x00, 0x00, 0x01,
		0xb9, 0xf8, 0x00, 0x01, 0x63, 0x69, 0x73, 0x63, 0x6f, 0x00, 0x00, 0x00,
		0xff, 0xff, 0xff, 0xf8, 0x00, 0x0a, 0x12, 0x01, 0x00, 0x00, 0x00, 0x28,
		0x0a, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xff, 0xf6, 0x00, 0x03,
		0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
	};

	/* unknown-ospf-lsack-single.pcap, frame 1 */
	static const uint8_t lsack[] = {
		0x02, 0x05, 0x00, 0x40, 0x02, 0x02, 0x02, 0x02, 0x00, 0x00, 0x00, 0x01,
		0x88, 0xe8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x2e, 0x22, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
		0x80, 0x00, 0x00, 0x02, 0x62, 0xba, 0x00, 0x24, 0x00, 0x2b, 0x22, 0x03,
		0x01, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x80, 0x00, 0x00, 0x01,
		0xc2, 0x6b, 0x00, 0x1c,
	};

	/* cisco-ios-ospf-lsa-types-1-to-5.pcap, frame 12 */
	static const uint8_t lsu[] = {
		0x02, 0x04, 0x01, 0x90, 0x04, 0x04, 0x04, 0x04, 0x00, 0x00, 0x00, 0x14,
		0xd7, 0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x0b, 0x01, 0xbe, 0x22, 0x01, 0x05, 0x05, 0x05, 0x05,
		0x05, 0x05, 0x05, 0x05, 0x80, 0x00, 0x00, 0x04, 0x7c, 0xaa, 0x00, 0x30,
		0x00, 0x00, 0x00, 0x02, 0xc0, 0xa8, 0x14, 0x00, 0xff, 0xff, 0xff, 0x00,
		0x03, 0x00, 0x00, 0x0a, 0x0a, 0x00, 0x14, 0x02, 0x0a, 0x00, 0x14, 0x02,
		0x02, 0x00, 0x00, 0x0a, 0x00, 0x0a, 0x22, 0x01, 0x04, 0x04, 0x04, 0x04,
		0x04, 0x04, 0x04, 0x04, 0x80, 0x00, 0x00, 0x06, 0x36, 0xb1, 0x00, 0x24,
		0x01, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x14, 0x00, 0xff, 0xff, 0xff, 0xfc,
		0x03, 0x00, 0x00, 0x0a, 0x01, 0xbe, 0x22, 0x02, 0x0a, 0x00, 0x14, 0x02,
		0x05, 0x05, 0x05, 0x05, 0x80, 0x00, 0x00, 0x01, 0xf6, 0xed, 0x00, 0x20,
		0xff, 0xff, 0xff, 0xfc, 0x05, 0x05, 0x05, 0x05, 0x04, 0x04, 0x04, 0x04,
		0x00, 0x0b, 0x22, 0x03, 0xc0, 0xa8, 0x0a, 0x00, 0x04, 0x04, 0x04, 0x04,
		0x80, 0x00, 0x00, 0x01, 0x1e, 0x7d, 0x00, 0x1c, 0xff, 0xff, 0xff, 0x00,
		0x00, 0x00, 0x00, 0x1e, 0x00, 0x0b, 0x22, 0x03, 0x0a, 0x00, 0x0a, 0x00,
		0x04, 0x04, 0x04, 0x04, 0x80, 0x00, 0x00, 0x01, 0xd6, 0x31, 0x00, 0x1c,
		0xff, 0xff, 0xff, 0xfc, 0x00, 0x00, 0x00, 0x14, 0x00, 0x0b, 0x22, 0x03,
		0x0a, 0x00, 0x00, 0x00, 0x04, 0x04, 0x04, 0x04, 0x80, 0x00, 0x00, 0x01,
		0xe0, 0x3b, 0x00, 0x1c, 0xff, 0xff, 0xff, 0xfc, 0x00, 0x00, 0x00, 0x0a,
		0x00, 0x0b, 0x22, 0x04, 0x02, 0x02, 0x02, 0x02, 0x04, 0x04, 0x04, 0x04,
		0x80, 0x00, 0x00, 0x01, 0x6f, 0xa0, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x14, 0x00, 0xc5, 0x20, 0x05, 0xac, 0x10, 0x03, 0x00,
		0x02, 0x02, 0x02, 0x02, 0x80, 0x00, 0x00, 0x01, 0x28, 0x60, 0x00, 0x24,
		0xff, 0xff, 0xff, 0x00, 0x80, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0xc5, 0x20, 0x05, 0xac, 0x10, 0x02, 0x00,
		0x02, 0x02, 0x02, 0x02, 0x80, 0x00, 0x00, 0x01, 0x33, 0x56, 0x00, 0x24,
		0xff, 0xff, 0xff, 0x00, 0x80, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0xc5, 0x20, 0x05, 0xac, 0x10, 0x01, 0x00,
		0x02, 0x02, 0x02, 0x02, 0x80, 0x00, 0x00, 0x01, 0x3e, 0x4c, 0x00, 0x24,
		0xff, 0xff, 0xff, 0x00, 0x80, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0xc5, 0x20, 0x05, 0xac, 0x10, 0x00, 0x00,
		0x02, 0x02, 0x02, 0x02, 0x80, 0x00, 0x00, 0x01, 0x37, 0x57, 0x00, 0x24,
		0xff, 0xff, 0xff, 0xfc, 0x80, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
	};
#define REAL(name) { #name, name, sizeof(name) }
	/* clang-format on */
	static const struct real_pkt all[REAL_COUNT] = {
		[REAL_HELLO_MD5_LLS] = REAL(hello_md5_lls),
		[REAL_DD_MD5_LLS] = REAL(dd_md5_lls),
		[REAL_LSR_MD5] = REAL(lsr_md5),
		[REAL_HELLO_SIMPLE] = REAL(hello_simple),
		[REAL_LSACK] = REAL(lsack),
		[REAL_LSU] = REAL(lsu),
	};
#undef REAL
	return &all[which];
}

/* Decodes a captured packet and checks it encodes back to exactly what the router sent. */
static void decode_real(enum real which, struct ospf_packet *p)
{
	const struct real_pkt *r = real_packet(which);
	static uint8_t again[1024];

	if (ospf_packet_decode(r->bytes, r->len, p) != DROP_NONE)
		fail_msg("%s: %s", r->what,
			 drop_reason_name(ospf_packet_decode(r->bytes, r->len, p)));
	assert_int_equal(ospf_packet_encoded_len(p), r->len);
	assert_int_equal(ospf_packet_encode(p, again, sizeof(again)), r->len);
	assert_memory_equal(again, r->bytes, r->len);
}

static void test_packet_checksum_of_a_captured_lsu_is_the_one_it_carries(void **state)
{
	const struct real_pkt *r = real_packet(REAL_LSU);
	uint8_t b[512];

	(void)state;
	memcpy(b, r->bytes, r->len);
	put16(b + 12, 0);
	assert_int_equal(ospf_packet_checksum(b, r->len), 0xd794);
	/* the auth field is not part of it */
	memset(b + 16, 0xa5, 8);
	assert_int_equal(ospf_packet_checksum(b, r->len), 0xd794);

	r = real_packet(REAL_LSACK);
	memcpy(b, r->bytes, r->len);
	put16(b + 12, 0);
	assert_int_equal(ospf_packet_checksum(b, r->len), 0x88e8);
}

static void test_captured_hello_with_md5_and_lls_decodes_and_encodes_back(void **state)
{
	struct ospf_packet p;
	const struct real_pkt *r = real_packet(REAL_HELLO_MD5_LLS);

	(void)state;
	decode_real(REAL_HELLO_MD5_LLS, &p);
	assert_int_equal(p.hdr.type, OSPF_PKT_HELLO);
	assert_int_equal(p.hdr.length, 52);
	assert_int_equal(p.hdr.router_id, 0xc0a8ff0f);
	assert_int_equal(p.hdr.auth_type, OSPF_AUTH_CRYPTO);
	assert_int_equal(p.hdr.auth.key_id, 1);
	assert_int_equal(p.hdr.auth.digest_len, 16);
	assert_int_equal(p.hdr.auth.crypto_seq, 1518551314);
	assert_memory_equal(p.hdr.auth.digest, r->bytes + 52, 16);
	assert_int_equal(p.hello.mask, 0xffffff00);
	assert_int_equal(p.hello.hello_interval, 10);
	assert_int_equal(p.hello.options, OSPF_OPT_L | OSPF_OPT_E);
	assert_int_equal(p.hello.priority, 1);
	assert_int_equal(p.hello.dead_interval, 40);
	assert_int_equal(p.hello.dr, 0xc0a87904);
	assert_int_equal(p.hello.bdr, 0xc0a87905);
	assert_int_equal(p.hello.nneighbors, 2);
	assert_int_equal(p.hello.neighbors[0], 0xc0a8ff0b);
	assert_int_equal(p.hello.neighbors[1], 0xc0a8ff0e);
	assert_int_equal(p.lls_len, 36);
	assert_memory_equal(p.lls, r->bytes + 68, 36);
	ospf_packet_free(&p);
}

static void test_captured_dd_with_md5_and_lls_decodes_and_encodes_back(void **state)
{
	struct ospf_packet p;

	(void)state;
	decode_real(REAL_DD_MD5_LLS, &p);
	assert_int_equal(p.hdr.type, OSPF_PKT_DD);
	assert_int_equal(p.dd.mtu, 1500);
	assert_int_equal(p.dd.options, OSPF_OPT_O | OSPF_OPT_L | OSPF_OPT_E);
	assert_int_equal(p.dd.flags, OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS);
	assert_int_equal(p.dd.seq, 129);
	assert_int_equal(p.dd.nlsas, 0);
	assert_int_equal(p.lls_len, 36);
	ospf_packet_free(&p);
}

static void test_captured_lsr_with_md5_decodes_and_encodes_back(void **state)
{
	struct ospf_packet p;

	(void)state;
	decode_real(REAL_LSR_MD5, &p);
	assert_int_equal(p.hdr.type, OSPF_PKT_LSR);
	assert_int_equal(p.lsr.nreqs, 10);
	assert_int_equal(p.lsr.reqs[0].type, LSA_ROUTER);
	assert_int_equal(p.lsr.reqs[0].id, 0xc0a8ff0b);
	assert_int_equal(p.lsr.reqs[3].type, LSA_NETWORK);
	assert_int_equal(p.lsr.reqs[3].id, 0xc0a87904);
	assert_int_equal(p.lsr.reqs[3].adv_router, 0xc0a8ff0e);
	assert_int_equal(p.lsr.reqs[9].type, LSA_AS_EXTERNAL);
	assert_int_equal(p.lls_len, 0);
	ospf_packet_free(&p);
}

static void test_captured_hello_with_simple_password_decodes_and_encodes_back(void **state)
{
	struct ospf_packet p;

	(void)state;
	decode_real(REAL_HELLO_SIMPLE, &p);
	assert_int_equal(p.hdr.auth_type, OSPF_AUTH_SIMPLE);
	assert_int_equal(p.hdr.checksum, 0xb9f8);
	assert_memory_equal(p.hdr.auth.data, "cisco\0\0\0", 8);
	assert_int_equal(p.hello.mask, 0xfffffff8);
	assert_int_equal(p.hello.nneighbors, 0);
	assert_int_equal(p.lls_len, 12);
	ospf_packet_free(&p);
}

static void test_captured_lsack_decodes_and_encodes_back(void **state)
{
	struct ospf_packet p;

	(void)state;
	decode_real(REAL_LSACK, &p);
	assert_int_equal(p.hdr.type, OSPF_PKT_LSACK);
	assert_int_equal(p.hdr.area_id, 1);
	assert_int_equal(p.lsack.nlsas, 2);
	assert_int_equal(p.lsack.lsas[0].type, LSA_ROUTER);
	assert_int_equal(p.lsack.lsas[0].age, 46);
	assert_int_equal(p.lsack.lsas[0].seq, (int32_t)0x80000002);
	assert_int_equal(p.lsack.lsas[0].checksum, 0x62ba);
	assert_int_equal(p.lsack.lsas[0].length, 36);
	assert_int_equal(p.lsack.lsas[1].type, LSA_SUMMARY_NET);
	assert_int_equal(p.lsack.lsas[1].id, 0x01000000);
	ospf_packet_free(&p);
}

static void test_captured_lsu_with_lsa_types_1_to_5_decodes_and_encodes_back(void **state)
{
	static const uint8_t types[] = { 1, 1, 2, 3, 3, 3, 4, 5, 5, 5, 5 };
	struct ospf_packet p;
	uint32_t i;

	(void)state;
	decode_real(REAL_LSU, &p);
	assert_int_equal(p.hdr.type, OSPF_PKT_LSU);
	assert_int_equal(p.hdr.router_id, 0x04040404);
	assert_int_equal(p.hdr.area_id, 0x14);
	assert_int_equal(p.lsu.nlsas, 11);
	for (i = 0; i < 11; i++) {
		assert_int_equal(p.lsu.lsas[i].hdr.type, types[i]);
		assert_true(p.lsu.lsas[i].checksum_ok);
	}
	assert_int_equal(p.lsu.lsas[0].router.nlinks, 2);
	assert_int_equal(p.lsu.lsas[2].network.nrouters, 2);
	assert_int_equal(p.lsu.lsas[6].summary.metric, 20);
	assert_int_equal(p.lsu.lsas[10].external.mask, 0xfffffffc);
	assert_int_equal(p.lsu.lsas[10].external.entries[0].metric, 100);
	ospf_packet_free(&p);
}

/* ---- hand-built malformed packets ---- */

static bool reasons_seen[DROP_REASON_MAX];

/* Decodes buf[0..len) expecting want; a refused packet leaves nothing allocated. */
static void assert_packet_refused(const uint8_t *buf, size_t len, enum drop_reason want)
{
	struct ospf_packet p;
	enum drop_reason got;
	long before, after;

	memset(&p, 0x5a, sizeof(p));
	before = tu_heap_live();
	got = ospf_packet_decode(buf, len, &p);
	after = tu_heap_live();
	if (got == DROP_NONE)
		ospf_packet_free(&p);
	if (got != want)
		fail_msg("decode gave %s, want %s", drop_reason_name(got), drop_reason_name(want));
	assert_int_equal(after, before);
	reasons_seen[want] = true;
}

static void assert_tu_refused(const struct tu_buf *t, enum drop_reason want)
{
	assert_packet_refused(t->b, t->len, want);
}

static void assert_tu_accepted(const struct tu_buf *t)
{
	struct ospf_packet p;
	enum drop_reason got = ospf_packet_decode(t->b, t->len, &p);

	if (got != DROP_NONE)
		fail_msg("decode gave %s", drop_reason_name(got));
	ospf_packet_free(&p);
}

/* Sets the length field and fixes the checksum over that length. */
static void set_len(struct tu_buf *t, uint16_t plen)
{
	put16(t->b + 2, plen);
	if (plen >= OSPF_HEADER_LEN && plen <= t->len)
		tu_pkt_fix_checksum(t->b, plen);
}

static void build_hello(struct tu_buf *t, uint16_t auth_type, uint32_t nnbrs)
{
	uint32_t i;

	tu_pkt_hdr(t, OSPF_PKT_HELLO, auth_type);
	tu_u32(t, 0xffffff00);
	tu_u16(t, 10);
	tu_u8(t, OSPF_OPT_E);
	tu_u8(t, 1);
	tu_u32(t, 40);
	tu_u32(t, 0x0a000001);
	tu_u32(t, 0);
	for (i = 0; i < nnbrs; i++)
		tu_u32(t, 0x02020202 + i);
	tu_pkt_finish(t);
}

/* A DD whose LSA headers have the given length fields. */
static void build_dd(struct tu_buf *t, const uint16_t *lens, size_t n)
{
	size_t i;

	tu_pkt_hdr(t, OSPF_PKT_DD, OSPF_AUTH_NULL);
	tu_u16(t, 1500);
	tu_u8(t, OSPF_OPT_E);
	tu_u8(t, OSPF_DD_M | OSPF_DD_MS);
	tu_u32(t, 0x1234);
	for (i = 0; i < n; i++)
		tu_lsa_hdr(t, LSA_ROUTER, 0x01010101 + (uint32_t)i, 0x01010101, lens[i]);
	tu_pkt_finish(t);
}

static void build_lsr(struct tu_buf *t, uint32_t n)
{
	uint32_t i;

	tu_pkt_hdr(t, OSPF_PKT_LSR, OSPF_AUTH_NULL);
	for (i = 0; i < n; i++) {
		tu_u32(t, LSA_ROUTER);
		tu_u32(t, 0x01010101 + i);
		tu_u32(t, 0x01010101 + i);
	}
	tu_pkt_finish(t);
}

static void build_lsack(struct tu_buf *t, const uint16_t *lens, size_t n)
{
	size_t i;

	tu_pkt_hdr(t, OSPF_PKT_LSACK, OSPF_AUTH_NULL);
	for (i = 0; i < n; i++)
		tu_lsa_hdr(t, LSA_ROUTER, 0x01010101 + (uint32_t)i, 0x01010101, lens[i]);
	tu_pkt_finish(t);
}

/* An LSU header announcing count LSAs; the caller appends them and calls tu_pkt_finish(). */
static void build_lsu_start(struct tu_buf *t, uint32_t count)
{
	tu_pkt_hdr(t, OSPF_PKT_LSU, OSPF_AUTH_NULL);
	tu_u32(t, count);
}

static void lsu_add_real(struct tu_buf *t, enum tu_real which)
{
	const struct tu_real_lsa *r = tu_real_lsa(which);

	tu_bytes(t, r->bytes, r->len);
}

/* A crypto-auth Hello: key id 1, the given data length, and digest_present trailer bytes. */
static void build_crypto_hello(struct tu_buf *t, uint8_t auth_len, size_t digest_present)
{
	size_t i;

	build_hello(t, OSPF_AUTH_CRYPTO, 1);
	t->b[18] = 1;
	t->b[19] = auth_len;
	put32(t->b + 20, 0x5a834112);
	put16(t->b + 12, 0);
	for (i = 0; i < digest_present; i++)
		tu_u8(t, (uint8_t)i);
}

static void test_packet_shorter_than_24_bytes_is_refused_with_truncated_header(void **state)
{
	struct tu_buf t;
	size_t n;

	(void)state;
	build_hello(&t, OSPF_AUTH_NULL, 0);
	for (n = 0; n < OSPF_HEADER_LEN; n++)
		assert_packet_refused(t.b, n, DROP_TRUNCATED_HEADER);
	/* even when the length field agrees */
	set_len(&t, 20);
	assert_packet_refused(t.b, 20, DROP_TRUNCATED_HEADER);
}

static void test_packet_of_version_other_than_2_is_refused_with_bad_version(void **state)
{
	static const uint8_t versions[] = { 3, 0, 1, 255 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(versions); i++) {
		build_hello(&t, OSPF_AUTH_NULL, 1);
		t.b[0] = versions[i];
		set_len(&t, (uint16_t)t.len);
		assert_tu_refused(&t, DROP_BAD_VERSION);
	}
}

static void test_packet_of_type_0_or_6_is_refused_with_bad_type(void **state)
{
	static const uint8_t types[] = { 0, 6, 255 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		build_hello(&t, OSPF_AUTH_NULL, 1);
		t.b[1] = types[i];
		set_len(&t, (uint16_t)t.len);
		assert_tu_refused(&t, DROP_BAD_TYPE);
	}
}

static void test_packet_with_length_field_below_24_is_refused_with_length_too_short(void **state)
{
	static const uint16_t lens[] = { 0, 4, 20, 23 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lens); i++) {
		build_lsr(&t, 2);
		set_len(&t, lens[i]);
		assert_tu_refused(&t, DROP_LENGTH_TOO_SHORT);
	}
}

static void test_hello_shorter_than_44_bytes_is_refused_with_length_too_short(void **state)
{
	static const uint16_t lens[] = { 24, 28, 40, 43 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lens); i++) {
		build_hello(&t, OSPF_AUTH_NULL, 0);
		set_len(&t, lens[i]);
		assert_tu_refused(&t, DROP_LENGTH_TOO_SHORT);
		/* and with only that many bytes received */
		t.len = lens[i];
		assert_tu_refused(&t, DROP_LENGTH_TOO_SHORT);
	}
}

static void test_dd_shorter_than_32_bytes_is_refused_with_length_too_short(void **state)
{
	static const uint16_t lens[] = { 24, 28, 31 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lens); i++) {
		build_dd(&t, NULL, 0);
		set_len(&t, lens[i]);
		assert_tu_refused(&t, DROP_LENGTH_TOO_SHORT);
	}
}

static void test_lsu_shorter_than_28_bytes_is_refused_with_length_too_short(void **state)
{
	struct tu_buf t;

	(void)state;
	build_lsu_start(&t, 0);
	tu_pkt_finish(&t);
	set_len(&t, 24);
	assert_tu_refused(&t, DROP_LENGTH_TOO_SHORT);
	t.len = 24;
	assert_tu_refused(&t, DROP_LENGTH_TOO_SHORT);
}

static void
test_packet_with_length_past_the_received_bytes_is_refused_with_length_overrun(void **state)
{
	struct tu_buf t;

	(void)state;
	build_hello(&t, OSPF_AUTH_NULL, 2);
	put16(t.b + 2, (uint16_t)(t.len + 4));
	assert_tu_refused(&t, DROP_LENGTH_OVERRUN);
	put16(t.b + 2, 0xffff);
	assert_tu_refused(&t, DROP_LENGTH_OVERRUN);
	/* a good packet cut short by one byte */
	build_lsr(&t, 3);
	t.len--;
	assert_tu_refused(&t, DROP_LENGTH_OVERRUN);
}

static void test_packet_with_a_wrong_checksum_is_refused_with_bad_checksum(void **state)
{
	static const uint16_t hdr_lens[] = { 36, 28 };
	struct tu_buf t;
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		switch (i) {
		case 0:
			build_hello(&t, OSPF_AUTH_SIMPLE, 2);
			break;
		case 1:
			build_dd(&t, hdr_lens, 2);
			break;
		case 2:
			build_lsr(&t, 2);
			break;
		case 3:
			build_lsu_start(&t, 1);
			lsu_add_real(&t, TU_REAL_NETWORK);
			tu_pkt_finish(&t);
			break;
		case 4:
			build_lsack(&t, hdr_lens, 2);
			break;
		}
		assert_tu_accepted(&t);
		t.b[13] ^= 0x01;
		assert_tu_refused(&t, DROP_BAD_CHECKSUM);
		t.b[13] ^= 0x01;
		/* a byte changed after the checksum was computed */
		t.b[5] ^= 0x10;
		assert_tu_refused(&t, DROP_BAD_CHECKSUM);
		t.b[5] ^= 0x10;
		/* a checksum of 0 is not "none" in OSPFv2 */
		put16(t.b + 12, 0);
		assert_tu_refused(&t, DROP_BAD_CHECKSUM);
	}
}

static void test_packet_checksum_skips_the_auth_field(void **state)
{
	struct tu_buf t;

	(void)state;
	build_hello(&t, OSPF_AUTH_SIMPLE, 1);
	memcpy(t.b + 16, "password", 8);
	assert_tu_accepted(&t);
	build_hello(&t, OSPF_AUTH_NULL, 1);
	memset(t.b + 16, 0xff, 8);
	assert_tu_accepted(&t);
}

static void test_bytes_after_the_packet_length_are_ignored_without_the_l_option(void **state)
{
	struct tu_buf t;
	struct ospf_packet p;

	(void)state;
	build_hello(&t, OSPF_AUTH_NULL, 1);
	tu_u32(&t, 0xdeadbeef); /* not the L option: ignored */
	assert_int_equal(ospf_packet_decode(t.b, t.len, &p), DROP_NONE);
	assert_int_equal(p.hello.nneighbors, 1);
	assert_int_equal(p.lls_len, 0);
	ospf_packet_free(&p);
}

static void test_packet_checksum_is_not_checked_with_crypto_auth(void **state)
{
	struct tu_buf t;
	struct ospf_packet p;

	(void)state;
	build_crypto_hello(&t, 16, 16);
	put16(t.b + 12, 0xbad0);
	assert_int_equal(ospf_packet_decode(t.b, t.len, &p), DROP_NONE);
	assert_int_equal(p.hdr.auth_type, OSPF_AUTH_CRYPTO);
	assert_int_equal(p.hdr.checksum, 0xbad0);
	assert_int_equal(p.hdr.auth.key_id, 1);
	assert_int_equal(p.hdr.auth.digest_len, 16);
	assert_int_equal(p.hdr.auth.crypto_seq, 0x5a834112);
	assert_int_equal(p.hdr.auth.digest[15], 15);
	ospf_packet_free(&p);
}

static void test_packet_with_auth_type_3_is_refused_with_bad_auth_type(void **state)
{
	static const uint16_t types[] = { 3, 4, 0x8000, 0xffff };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(types); i++) {
		build_hello(&t, types[i], 1);
		assert_tu_refused(&t, DROP_BAD_AUTH_TYPE);
	}
}

static void test_crypto_auth_with_data_length_17_is_refused_with_bad_auth_length(void **state)
{
	static const uint8_t lens[] = { 17, 0, 1, 15, 24, 63, 65, 255 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lens); i++) {
		/* with the trailer there, so only its length is wrong */
		build_crypto_hello(&t, lens[i], lens[i]);
		assert_tu_refused(&t, DROP_BAD_AUTH_LENGTH);
	}
}

static void test_crypto_auth_lengths_16_20_32_48_64_are_accepted(void **state)
{
	static const uint8_t lens[] = { 16, 20, 32, 48, 64 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lens); i++) {
		build_crypto_hello(&t, lens[i], lens[i]);
		assert_tu_accepted(&t);
	}
}

static void
test_crypto_digest_running_past_the_buffer_is_refused_with_auth_trailer_overrun(void **state)
{
	static const uint8_t lens[] = { 16, 20, 64 };
	struct tu_buf t;
	size_t i, have;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lens); i++) {
		for (have = 0; have < lens[i]; have += 3) {
			build_crypto_hello(&t, lens[i], have);
			assert_tu_refused(&t, DROP_AUTH_TRAILER_OVERRUN);
		}
		build_crypto_hello(&t, lens[i], lens[i] - 1u);
		assert_tu_refused(&t, DROP_AUTH_TRAILER_OVERRUN);
	}
}

static void test_hello_whose_neighbor_list_is_misaligned_is_refused_with_hello_align(void **state)
{
	static const uint16_t extra[] = { 1, 2, 3, 5, 6 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(extra); i++) {
		build_hello(&t, OSPF_AUTH_NULL, 2);
		set_len(&t, (uint16_t)(44 + extra[i]));
		assert_tu_refused(&t, DROP_HELLO_ALIGN);
	}
}

static void test_dd_whose_lsa_headers_are_misaligned_is_refused_with_dd_align(void **state)
{
	static const uint16_t lens[] = { 36, 28 };
	static const uint16_t plens[] = { 32 + 4, 32 + 19, 32 + 21, 32 + 30, 32 + 39 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(plens); i++) {
		build_dd(&t, lens, 2);
		set_len(&t, plens[i]);
		assert_tu_refused(&t, DROP_DD_ALIGN);
	}
}

static void test_lsr_whose_entries_are_misaligned_is_refused_with_lsr_align(void **state)
{
	static const uint16_t plens[] = { 24 + 4, 24 + 11, 24 + 13, 24 + 20, 24 + 35 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(plens); i++) {
		build_lsr(&t, 3);
		set_len(&t, plens[i]);
		assert_tu_refused(&t, DROP_LSR_ALIGN);
	}
}

static void test_lsack_whose_lsa_headers_are_misaligned_is_refused_with_lsack_align(void **state)
{
	static const uint16_t lens[] = { 36, 28 };
	static const uint16_t plens[] = { 24 + 4, 24 + 19, 24 + 21, 24 + 39 };
	struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(plens); i++) {
		build_lsack(&t, lens, 2);
		set_len(&t, plens[i]);
		assert_tu_refused(&t, DROP_LSACK_ALIGN);
	}
}

static void
test_lsu_announcing_more_lsas_than_it_carries_is_refused_with_lsu_count_overrun(void **state)
{
	struct tu_buf t;

	(void)state;
	build_lsu_start(&t, 2);
	lsu_add_real(&t, TU_REAL_ROUTER_ABR);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSU_COUNT_OVERRUN);

	build_lsu_start(&t, 1);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSU_COUNT_OVERRUN);

	build_lsu_start(&t, 12);
	lsu_add_real(&t, TU_REAL_ROUTER_ABR);
	lsu_add_real(&t, TU_REAL_NETWORK);
	lsu_add_real(&t, TU_REAL_EXTERNAL);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSU_COUNT_OVERRUN);
}

static void test_lsu_with_bytes_after_its_lsas_is_refused_with_lsu_trailing(void **state)
{
	struct tu_buf t;

	(void)state;
	build_lsu_start(&t, 1);
	lsu_add_real(&t, TU_REAL_ROUTER_ABR);
	tu_u32(&t, 0);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSU_TRAILING);

	/* a whole LSA past the count */
	build_lsu_start(&t, 1);
	lsu_add_real(&t, TU_REAL_ROUTER_ABR);
	lsu_add_real(&t, TU_REAL_NETWORK);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSU_TRAILING);

	build_lsu_start(&t, 0);
	lsu_add_real(&t, TU_REAL_NETWORK);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSU_TRAILING);
}

static void
test_lsu_with_count_0xffffffff_is_refused_quickly_without_a_huge_allocation(void **state)
{
	struct tu_buf t;
	struct timespec t0, t1;
	double secs;

	(void)state;
	build_lsu_start(&t, 0xffffffff);
	lsu_add_real(&t, TU_REAL_ROUTER_ABR);
	lsu_add_real(&t, TU_REAL_NETWORK);
	tu_pkt_finish(&t);
	tu_heap_max_alloc_reset();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_tu_refused(&t, DROP_LSU_COUNT_OVERRUN);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 0.5);
	/* 0 when the allocator cannot be watched (no ASan) */
	assert_true(tu_heap_max_alloc_reset() < 1 << 20);

	build_lsu_start(&t, 0xffffffff);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSU_COUNT_OVERRUN);
	assert_true(tu_heap_max_alloc_reset() < 1 << 20);
}

static void test_lsu_whose_lsa_length_overruns_the_packet_is_refused_with_lsa_overrun(void **state)
{
	struct tu_buf t;
	size_t at;

	(void)state;
	/* 36-byte router-LSA claiming 40 */
	build_lsu_start(&t, 1);
	at = t.len;
	lsu_add_real(&t, TU_REAL_ROUTER_ABR);
	put16(t.b + at + 18, 40);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSA_OVERRUN);

	/* bytes received after the packet do not count as part of it */
	tu_u32(&t, 0);
	tu_u32(&t, 0);
	assert_tu_refused(&t, DROP_LSA_OVERRUN);

	/* the second LSA runs past */
	build_lsu_start(&t, 2);
	lsu_add_real(&t, TU_REAL_NETWORK);
	at = t.len;
	lsu_add_real(&t, TU_REAL_EXTERNAL);
	put16(t.b + at + 18, 0xfffc);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSA_OVERRUN);
}

static void test_lsa_length_below_20_in_an_lsu_is_refused_with_lsa_too_short(void **state)
{
	static const uint16_t lens[] = { 0, 4, 16 };
	struct tu_buf t;
	size_t i, at;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(lens); i++) {
		build_lsu_start(&t, 2);
		lsu_add_real(&t, TU_REAL_NETWORK);
		at = t.len;
		lsu_add_real(&t, TU_REAL_ROUTER_ABR);
		put16(t.b + at + 18, lens[i]);
		tu_pkt_finish(&t);
		assert_tu_refused(&t, DROP_LSA_TOO_SHORT);
	}
}

static void test_lsa_length_below_20_in_a_dd_is_refused_with_lsa_too_short(void **state)
{
	static const uint16_t lens[] = { 36, 16 };
	static const uint16_t lens0[] = { 0 };
	struct tu_buf t;

	(void)state;
	build_dd(&t, lens, 2);
	assert_tu_refused(&t, DROP_LSA_TOO_SHORT);
	build_dd(&t, lens0, 1);
	assert_tu_refused(&t, DROP_LSA_TOO_SHORT);
}

static void test_lsa_length_below_20_in_an_lsack_is_refused_with_lsa_too_short(void **state)
{
	static const uint16_t lens[] = { 36, 4 };
	struct tu_buf t;

	(void)state;
	build_lsack(&t, lens, 2);
	assert_tu_refused(&t, DROP_LSA_TOO_SHORT);
}

static void test_lsa_length_not_a_multiple_of_4_in_an_lsu_is_refused_with_lsa_align(void **state)
{
	struct tu_buf t;
	size_t at;

	(void)state;
	/* a 36-byte LSA claiming 34: the LSU is still long enough */
	build_lsu_start(&t, 1);
	at = t.len;
	lsu_add_real(&t, TU_REAL_ROUTER_ABR);
	put16(t.b + at + 18, 34);
	tu_pkt_finish(&t);
	assert_tu_refused(&t, DROP_LSA_ALIGN);
}

/*
 * RFC 2328 13: a malformed body spoils that LSA only. The LSU carries good LSAs first and
 * the bad one last: it decodes, the bad LSA marked with its reason and kept raw (so the
 * packet still encodes to the same bytes), the others as usual.
 */
static void assert_lsu_with_bad_lsa_marked(const struct tu_buf *bad_lsa, enum drop_reason want)
{
	struct ospf_packet p;
	struct tu_buf t;
	uint8_t *again;

	build_lsu_start(&t, 4);
	lsu_add_real(&t, TU_REAL_ROUTER_STUB_TRANSIT);
	lsu_add_real(&t, TU_REAL_NETWORK);
	lsu_add_real(&t, TU_REAL_EXTERNAL);
	tu_bytes(&t, bad_lsa->b, bad_lsa->len);
	tu_pkt_finish(&t);
	assert_int_equal(ospf_packet_decode(t.b, t.len, &p), DROP_NONE);
	assert_int_equal(p.lsu.nlsas, 4);
	assert_int_equal(p.lsu.lsas[0].body_error, DROP_NONE);
	assert_int_equal(p.lsu.lsas[2].body_error, DROP_NONE);
	assert_int_equal(p.lsu.lsas[3].body_error, want);
	reasons_seen[want] = true;
	assert_int_equal(p.lsu.lsas[3].hdr.length, bad_lsa->len);
	assert_int_equal(p.lsu.lsas[3].raw.len, bad_lsa->len - LSA_HEADER_LEN);
	again = malloc(t.len);
	assert_non_null(again);
	assert_int_equal(ospf_packet_encode(&p, again, t.len), t.len);
	assert_memory_equal(again + OSPF_HEADER_LEN, t.b + OSPF_HEADER_LEN,
			    t.len - OSPF_HEADER_LEN);
	free(again);
	ospf_packet_free(&p);
}

static void test_lsa_body_error_inside_an_lsu_marks_that_lsa_only_with_its_reason(void **state)
{
	struct tu_buf l;

	(void)state;
	/* router-LSA announcing 2 links, carrying 1 */
	l.len = 0;
	tu_lsa_hdr(&l, LSA_ROUTER, 1, 1, 0);
	tu_u32(&l, 2);
	tu_u32(&l, 0x0a000000);
	tu_u32(&l, 0xffffff00);
	tu_u32(&l, 0x0300000a);
	tu_lsa_finish(&l, 0, l.len);
	assert_lsu_with_bad_lsa_marked(&l, DROP_LSA_ROUTER_BODY);

	/* links that fit but leave 4 bytes over: found after the links were allocated */
	l.len = 0;
	tu_lsa_hdr(&l, LSA_ROUTER, 1, 1, 0);
	tu_u32(&l, 2);
	tu_u32(&l, 0x0a000000);
	tu_u32(&l, 0xffffff00);
	tu_u32(&l, 0x0301000a); /* one TOS entry */
	tu_u32(&l, 0x0200000b);
	tu_u32(&l, 0x0b000000);
	tu_u32(&l, 0xffffff00);
	tu_u32(&l, 0x0300000a);
	tu_u32(&l, 0);
	tu_lsa_finish(&l, 0, l.len);
	assert_lsu_with_bad_lsa_marked(&l, DROP_LSA_ROUTER_BODY);

	/* the last link's TOS entries run past the LSA */
	l.len = 0;
	tu_lsa_hdr(&l, LSA_ROUTER, 1, 1, 0);
	tu_u32(&l, 2);
	tu_u32(&l, 0x0a000000);
	tu_u32(&l, 0xffffff00);
	tu_u32(&l, 0x0301000a);
	tu_u32(&l, 0x0200000b);
	tu_u32(&l, 0x0b000000);
	tu_u32(&l, 0xffffff00);
	tu_u32(&l, 0x0302000a);
	tu_u32(&l, 0x0200000b);
	tu_lsa_finish(&l, 0, l.len);
	assert_lsu_with_bad_lsa_marked(&l, DROP_LSA_ROUTER_BODY);

	l.len = 0;
	tu_lsa_hdr(&l, LSA_NETWORK, 1, 1, 0);
	tu_lsa_finish(&l, 0, l.len);
	assert_lsu_with_bad_lsa_marked(&l, DROP_LSA_NETWORK_BODY);

	l.len = 0;
	tu_lsa_hdr(&l, LSA_SUMMARY_NET, 1, 1, 0);
	tu_u32(&l, 0xffffff00);
	tu_lsa_finish(&l, 0, l.len);
	assert_lsu_with_bad_lsa_marked(&l, DROP_LSA_SUMMARY_BODY);

	l.len = 0;
	tu_lsa_hdr(&l, LSA_AS_EXTERNAL, 1, 1, 0);
	tu_u32(&l, 0xffffff00);
	tu_u32(&l, 0x80000001);
	tu_u32(&l, 0);
	tu_lsa_finish(&l, 0, l.len);
	assert_lsu_with_bad_lsa_marked(&l, DROP_LSA_EXTERNAL_BODY);
}

static void test_lsu_with_a_bad_lsa_checksum_is_accepted_with_checksum_ok_false(void **state)
{
	struct tu_buf t;
	struct ospf_packet p;
	size_t at;

	(void)state;
	build_lsu_start(&t, 2);
	lsu_add_real(&t, TU_REAL_NETWORK);
	at = t.len;
	lsu_add_real(&t, TU_REAL_SUMMARY_NET);
	t.b[at + 16] ^= 0x01;
	tu_pkt_finish(&t);
	assert_int_equal(ospf_packet_decode(t.b, t.len, &p), DROP_NONE);
	assert_int_equal(p.lsu.nlsas, 2);
	assert_true(p.lsu.lsas[0].checksum_ok);
	assert_false(p.lsu.lsas[1].checksum_ok);
	ospf_packet_free(&p);
}

static void
test_bytes_after_a_packet_with_the_l_option_that_are_no_lls_block_are_ignored(void **state)
{
	struct tu_buf t;
	struct ospf_packet p;

	(void)state;
	/* L option, but the LLS length (in words) runs past the bytes received */
	build_hello(&t, OSPF_AUTH_NULL, 1);
	t.b[OSPF_HEADER_LEN + 6] |= OSPF_OPT_L;
	tu_pkt_finish(&t);
	tu_u16(&t, 0);
	tu_u16(&t, 100);
	tu_u32(&t, 0x00010004);
	assert_int_equal(ospf_packet_decode(t.b, t.len, &p), DROP_NONE);
	assert_int_equal(p.lls_len, 0);
	ospf_packet_free(&p);
}

/*
 * An LLS block's length is in 32-bit words, so one can claim more than the 16-bit lls_len
 * holds. Only a buffer larger than any IPv4 payload can carry it, but the decoder must not
 * keep it truncated: found while reviewing lls_decode() for the fuzzer.
 */
static void test_lls_block_too_long_for_lls_len_is_not_kept_truncated(void **state)
{
	static const uint16_t words[] = { 16384, 16385 };
	size_t k;

	(void)state;
	for (k = 0; k < TU_ARRAY_LEN(words); k++) {
		size_t lls = (size_t)words[k] * 4, n = 44 + lls;
		uint8_t *b = calloc(1, n);
		struct ospf_packet p;
		enum drop_reason r;
		size_t kept, encoded;
		bool allocated;

		assert_non_null(b);
		b[0] = OSPF_VERSION;
		b[1] = OSPF_PKT_HELLO;
		put16(b + 2, 44);
		b[OSPF_HEADER_LEN + 6] = OSPF_OPT_L | OSPF_OPT_E;
		tu_pkt_fix_checksum(b, 44);
		put16(b + 44 + 2, words[k]);
		r = ospf_packet_decode(b, n, &p);
		free(b);
		assert_int_equal(r, DROP_NONE);
		kept = p.lls_len;
		allocated = p.lls != NULL;
		encoded = ospf_packet_encoded_len(&p);
		ospf_packet_free(&p);
		/* lls_len cannot hold it: ignored, like any block that does not fit */
		if (kept != 0 || allocated)
			fail_msg("LLS block of %zu bytes kept as %zu bytes (%s)", lls, kept,
				 allocated ? "allocated" : "not allocated");
		assert_int_equal(encoded, 44);
	}
}

/* ---- everything else in the contract ---- */

static void test_every_drop_reason_has_a_distinct_nonempty_name_and_description(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < DROP_REASON_MAX; i++) {
		const char *name = drop_reason_name(i);
		const char *str = drop_reason_str(i);

		assert_non_null(name);
		assert_non_null(str);
		assert_true(name[0] != '\0');
		assert_true(str[0] != '\0');
		for (j = 0; j < i; j++) {
			if (!strcmp(name, drop_reason_name(j)))
				fail_msg("reasons %d and %d are both named %s", i, j, name);
			if (!strcmp(str, drop_reason_str(j)))
				fail_msg("reasons %d and %d are both described \"%s\"", i, j, str);
		}
	}
	/* out of range: still a string */
	assert_non_null(drop_reason_name(DROP_REASON_MAX));
	assert_non_null(drop_reason_str(DROP_REASON_MAX));
	assert_non_null(drop_reason_name((enum drop_reason)(DROP_REASON_MAX + 7)));
}

static void test_packet_type_names_are_distinct_for_types_1_to_5(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < 256; i++)
		assert_non_null(ospf_packet_type_name((uint8_t)i));
	for (i = 1; i <= 5; i++) {
		assert_true(ospf_packet_type_name((uint8_t)i)[0] != '\0');
		for (j = 1; j < i; j++)
			assert_string_not_equal(ospf_packet_type_name((uint8_t)i),
						ospf_packet_type_name((uint8_t)j));
	}
}

static void test_packet_encode_with_too_small_a_cap_returns_0(void **state)
{
	static uint8_t buf[TU_BUF_CAP];
	struct ospf_packet p;
	size_t k, n;

	(void)state;
	for (k = 0; k < 6; k++) {
		switch (k) {
		case 0:
			sample_hello(&p, &auth_cases[2], 3, true);
			break;
		case 1:
			sample_dd(&p, &auth_cases[6], OSPF_DD_M, 3, false);
			break;
		case 2:
			sample_lsr(&p, &auth_cases[0], 4);
			break;
		case 3:
			sample_lsu(&p, &auth_cases[1], 9);
			break;
		case 4:
			sample_lsack(&p, &auth_cases[0], 3);
			break;
		case 5:
			sample_hello(&p, &auth_cases[0], 0, false);
			break;
		}
		n = ospf_packet_encoded_len(&p);
		memset(buf, 0x77, sizeof(buf));
		assert_int_equal(ospf_packet_encode(&p, buf, n - 1), 0);
		assert_int_equal(ospf_packet_encode(&p, buf, OSPF_HEADER_LEN - 1), 0);
		assert_int_equal(ospf_packet_encode(&p, buf, 0), 0);
		assert_int_equal(buf[n - 1], 0x77);
		assert_int_equal(ospf_packet_encode(&p, buf, n), n);
	}
}

/*
 * Registered last: every reason the codec returns (drop.h's header, body and LSA groups but
 * the LSA checksum, which is a flag; LSA body errors mark their LSA) was met by a test above. The
 * receive-path reasons after DROP_NO_MEMORY are not the codec's.
 */
static void test_every_packet_drop_reason_was_hit_by_a_hand_built_packet(void **state)
{
	int r;

	(void)state;
	for (r = DROP_TRUNCATED_HEADER; r <= DROP_LSA_EXTERNAL_BODY; r++) {
		if (!reasons_seen[r])
			fail_msg("no test refuses a packet with %s", drop_reason_name(r));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_hello_with_0_and_several_neighbors_round_trips_under_every_auth),
		cmocka_unit_test(test_dd_with_flags_and_lsa_headers_round_trips_under_every_auth),
		cmocka_unit_test(test_lsr_round_trips_under_every_auth),
		cmocka_unit_test(test_lsu_with_lsas_of_every_type_round_trips_under_every_auth),
		cmocka_unit_test(test_lsack_round_trips_under_every_auth),
		cmocka_unit_test(test_hello_and_dd_with_l_option_carry_their_lls_block),
		cmocka_unit_test(test_null_auth_keeps_the_auth_field_as_sent),
		cmocka_unit_test(test_packet_checksum_of_a_captured_lsu_is_the_one_it_carries),
		cmocka_unit_test(test_captured_hello_with_md5_and_lls_decodes_and_encodes_back),
		cmocka_unit_test(test_captured_dd_with_md5_and_lls_decodes_and_encodes_back),
		cmocka_unit_test(test_captured_lsr_with_md5_decodes_and_encodes_back),
		cmocka_unit_test(test_captured_hello_with_simple_password_decodes_and_encodes_back),
		cmocka_unit_test(test_captured_lsack_decodes_and_encodes_back),
		cmocka_unit_test(test_captured_lsu_with_lsa_types_1_to_5_decodes_and_encodes_back),
		cmocka_unit_test(
		    test_packet_shorter_than_24_bytes_is_refused_with_truncated_header),
		cmocka_unit_test(test_packet_of_version_other_than_2_is_refused_with_bad_version),
		cmocka_unit_test(test_packet_of_type_0_or_6_is_refused_with_bad_type),
		cmocka_unit_test(
		    test_packet_with_length_field_below_24_is_refused_with_length_too_short),
		cmocka_unit_test(test_hello_shorter_than_44_bytes_is_refused_with_length_too_short),
		cmocka_unit_test(test_dd_shorter_than_32_bytes_is_refused_with_length_too_short),
		cmocka_unit_test(test_lsu_shorter_than_28_bytes_is_refused_with_length_too_short),
		cmocka_unit_test(
		    test_packet_with_length_past_the_received_bytes_is_refused_with_length_overrun),
		cmocka_unit_test(test_packet_with_a_wrong_checksum_is_refused_with_bad_checksum),
		cmocka_unit_test(test_packet_checksum_skips_the_auth_field),
		cmocka_unit_test(
		    test_bytes_after_the_packet_length_are_ignored_without_the_l_option),
		cmocka_unit_test(test_packet_checksum_is_not_checked_with_crypto_auth),
		cmocka_unit_test(test_packet_with_auth_type_3_is_refused_with_bad_auth_type),
		cmocka_unit_test(
		    test_crypto_auth_with_data_length_17_is_refused_with_bad_auth_length),
		cmocka_unit_test(test_crypto_auth_lengths_16_20_32_48_64_are_accepted),
		cmocka_unit_test(
		    test_crypto_digest_running_past_the_buffer_is_refused_with_auth_trailer_overrun),
		cmocka_unit_test(
		    test_hello_whose_neighbor_list_is_misaligned_is_refused_with_hello_align),
		cmocka_unit_test(test_dd_whose_lsa_headers_are_misaligned_is_refused_with_dd_align),
		cmocka_unit_test(test_lsr_whose_entries_are_misaligned_is_refused_with_lsr_align),
		cmocka_unit_test(
		    test_lsack_whose_lsa_headers_are_misaligned_is_refused_with_lsack_align),
		cmocka_unit_test(
		    test_lsu_announcing_more_lsas_than_it_carries_is_refused_with_lsu_count_overrun),
		cmocka_unit_test(test_lsu_with_bytes_after_its_lsas_is_refused_with_lsu_trailing),
		cmocka_unit_test(
		    test_lsu_with_count_0xffffffff_is_refused_quickly_without_a_huge_allocation),
		cmocka_unit_test(
		    test_lsu_whose_lsa_length_overruns_the_packet_is_refused_with_lsa_overrun),
		cmocka_unit_test(test_lsa_length_below_20_in_an_lsu_is_refused_with_lsa_too_short),
		cmocka_unit_test(test_lsa_length_below_20_in_a_dd_is_refused_with_lsa_too_short),
		cmocka_unit_test(
		    test_lsa_length_below_20_in_an_lsack_is_refused_with_lsa_too_short),
		cmocka_unit_test(
		    test_lsa_length_not_a_multiple_of_4_in_an_lsu_is_refused_with_lsa_align),
		cmocka_unit_test(
		    test_lsa_body_error_inside_an_lsu_marks_that_lsa_only_with_its_reason),
		cmocka_unit_test(
		    test_lsu_with_a_bad_lsa_checksum_is_accepted_with_checksum_ok_false),
		cmocka_unit_test(
		    test_bytes_after_a_packet_with_the_l_option_that_are_no_lls_block_are_ignored),
		cmocka_unit_test(test_lls_block_too_long_for_lls_len_is_not_kept_truncated),
		cmocka_unit_test(
		    test_every_drop_reason_has_a_distinct_nonempty_name_and_description),
		cmocka_unit_test(test_packet_type_names_are_distinct_for_types_1_to_5),
		cmocka_unit_test(test_packet_encode_with_too_small_a_cap_returns_0),
		cmocka_unit_test(test_every_packet_drop_reason_was_hit_by_a_hand_built_packet),
	};

	tu_heap_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
