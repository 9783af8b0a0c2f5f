/* SPDX-License-Identifier: ISC */
/*
 * Packet authentication (RFC 2328 D, RFC 5709): digests against an independent computation
 * and against real captures, every rejection, sequence numbers, key rollover, the checksum
 * rules, and authentication between whole instances configured live.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <json-c/json.h>

#include "auth.h"
#include "config.h"
#include "config_apply.h"
#include "iface.h"
#include "nbr.h"
#include "ospf.h"
#include "packet.h"
#include "pcapread.h"
#include "show.h"
#include "sim.h"
#include "testutil.h"
#include "wire.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define BUF_CAP	      2048

/* A Hello from 1.1.1.1 in area 0, encoded unsigned (auth type 0); returns its length. */
static size_t hello_build(uint8_t *buf)
{
	static uint32_t nbrs[] = { A(2, 2, 2, 2) };
	struct ospf_packet p;
	size_t len;

	memset(&p, 0, sizeof(p));
	p.hdr.type = OSPF_PKT_HELLO;
	p.hdr.router_id = A(1, 1, 1, 1);
	p.hello.mask = 0xffffff00;
	p.hello.hello_interval = 10;
	p.hello.options = 0x02;
	p.hello.priority = 1;
	p.hello.dead_interval = 40;
	p.hello.nneighbors = 1;
	p.hello.neighbors = nbrs;
	len = ospf_packet_encode(&p, buf, BUF_CAP);
	assert_true(len > OSPF_HEADER_LEN);
	return len;
}

static struct auth_conf conf_crypto(uint8_t id, enum auth_algo algo, const char *key)
{
	struct auth_conf c;

	memset(&c, 0, sizeof(c));
	c.type = OSPF_AUTH_CRYPTO;
	assert_true(auth_conf_set_key(&c, id, algo, key));
	return c;
}

/* Signs, then decodes what would be the IP payload, as a receiver does. */
static size_t sign_decode(const struct auth_conf *c, uint32_t seq, uint8_t *buf,
			  struct ospf_packet *p)
{
	size_t len = hello_build(buf);
	size_t total = auth_sign(c, seq, buf, len, BUF_CAP);

	assert_true(total >= len);
	assert_int_equal(ospf_packet_decode(buf, total, p), DROP_NONE);
	assert_int_equal(p->hdr.length, len);
	return total;
}

/* ---- known answers, computed here without auth.c ---- */

static void expect_md5(const uint8_t *pkt, size_t len, const char *key, uint8_t *out)
{
	uint8_t tmp[BUF_CAP] = { 0 };
	unsigned int n = 0;

	/* RFC 2328 D.4.3: the key, zero padded to 16 bytes, appended to the packet */
	memcpy(tmp, pkt, len);
	memcpy(tmp + len, key, strlen(key));
	assert_true(EVP_Digest(tmp, len + 16, out, &n, EVP_md5(), NULL));
	assert_int_equal(n, 16);
}

static void expect_hmac(const EVP_MD *md, const uint8_t *pkt, size_t len, const char *key,
			uint8_t *out)
{
	size_t L = (size_t)EVP_MD_get_size(md), i;
	uint8_t ks[64] = { 0 }, tmp[BUF_CAP];
	unsigned int n = 0;

	/* RFC 5709 3.3: Ks = H(K) if K is longer than L, else K padded to L; then
	 * HMAC(Ks, packet || Apad) with Apad = 0x878FE1F3 repeated over L bytes */
	if (strlen(key) > L)
		assert_true(EVP_Digest(key, strlen(key), ks, &n, md, NULL));
	else
		memcpy(ks, key, strlen(key));
	memcpy(tmp, pkt, len);
	for (i = 0; i < L; i += 4)
		put32(tmp + len + i, 0x878fe1f3);
	assert_non_null(HMAC(md, ks, (int)L, tmp, len + L, out, &n));
	assert_int_equal(n, L);
}

static void test_md5_digest_is_md5_of_packet_and_padded_key(void **state)
{
	struct auth_conf c = conf_crypto(7, AUTH_ALGO_MD5, "secret");
	uint8_t buf[BUF_CAP], want[16];
	struct ospf_packet p;
	size_t total;

	(void)state;
	total = sign_decode(&c, 0x12345678, buf, &p);
	assert_int_equal(total, p.hdr.length + 16);
	assert_int_equal(p.hdr.auth_type, OSPF_AUTH_CRYPTO);
	assert_int_equal(p.hdr.auth.key_id, 7);
	assert_int_equal(p.hdr.auth.digest_len, 16);
	assert_int_equal(p.hdr.auth.crypto_seq, 0x12345678);
	/* RFC 2328 D.4.3: the checksum is not computed; the first two bytes are zero */
	assert_int_equal(get16(buf + 12), 0);
	assert_int_equal(get16(buf + 16), 0);
	expect_md5(buf, p.hdr.length, "secret", want);
	assert_memory_equal(buf + p.hdr.length, want, 16);
	assert_memory_equal(p.hdr.auth.digest, want, 16);
	assert_int_equal(auth_verify(&c, buf, &p.hdr, NULL), DROP_NONE);
	ospf_packet_free(&p);
}

static void test_hmac_sha_digests_follow_rfc5709(void **state)
{
	static const struct {
		enum auth_algo algo;
		const char *key;
	} cases[] = {
		{ AUTH_ALGO_HMAC_SHA1, "short" },
		{ AUTH_ALGO_HMAC_SHA1, "a key longer than twenty bytes, hashed first" },
		{ AUTH_ALGO_HMAC_SHA256, "1234" },
		{ AUTH_ALGO_HMAC_SHA256, "0123456789abcdef0123456789abcdef0123456789" },
		{ AUTH_ALGO_HMAC_SHA384, "1234" },
		{ AUTH_ALGO_HMAC_SHA512, "1234" },
		{ AUTH_ALGO_HMAC_SHA512, "0123456789abcdef0123456789abcdef0123456789abcdef012345678"
					 "9abcdef" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(cases); i++) {
		struct auth_conf c = conf_crypto(1, cases[i].algo, cases[i].key);
		const EVP_MD *md =
		    EVP_get_digestbyname(cases[i].algo == AUTH_ALGO_HMAC_SHA1	  ? "SHA1"
					 : cases[i].algo == AUTH_ALGO_HMAC_SHA256 ? "SHA256"
					 : cases[i].algo == AUTH_ALGO_HMAC_SHA384 ? "SHA384"
										  : "SHA512");
		size_t L = auth_algo_digest_len(cases[i].algo), total;
		uint8_t buf[BUF_CAP], want[64];
		struct ospf_packet p;

		total = sign_decode(&c, 99, buf, &p);
		assert_int_equal(total, p.hdr.length + L);
		assert_int_equal(p.hdr.auth.digest_len, L);
		expect_hmac(md, buf, p.hdr.length, cases[i].key, want);
		if (memcmp(buf + p.hdr.length, want, L))
			fail_msg("%s with key '%s': digest differs", auth_algo_name(cases[i].algo),
				 cases[i].key);
		assert_int_equal(auth_verify(&c, buf, &p.hdr, NULL), DROP_NONE);
		ospf_packet_free(&p);
	}
}

/* ---- checksum and field rules ---- */

static uint16_t sum_with_auth_zeroed(const uint8_t *buf, size_t len)
{
	uint8_t tmp[BUF_CAP];

	memcpy(tmp, buf, len);
	memset(tmp + 12, 0, 2);
	memset(tmp + 16, 0, 8);
	return inet_checksum(tmp, len);
}

static void test_simple_password_fills_the_field_and_is_left_out_of_the_checksum(void **state)
{
	struct auth_conf c;
	uint8_t buf[BUF_CAP];
	struct ospf_packet p;
	size_t len, total;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.type = OSPF_AUTH_SIMPLE;
	memcpy(c.simple, "cisco", 5);
	len = hello_build(buf);
	total = auth_sign(&c, 0, buf, len, BUF_CAP);
	assert_int_equal(total, len);
	assert_int_equal(get16(buf + 14), OSPF_AUTH_SIMPLE);
	assert_memory_equal(buf + 16, "cisco\0\0\0", 8);
	/* RFC 2328 D.4.2: the checksum is computed with the 64-bit field zeroed */
	assert_int_equal(get16(buf + 12), sum_with_auth_zeroed(buf, len));
	assert_int_equal(ospf_packet_decode(buf, total, &p), DROP_NONE);
	assert_int_equal(auth_verify(&c, buf, &p.hdr, NULL), DROP_NONE);
	ospf_packet_free(&p);
	/* the null type zeroes the field, the checksum the same way */
	c.type = OSPF_AUTH_NULL;
	assert_int_equal(auth_sign(&c, 0, buf, len, BUF_CAP), len);
	assert_memory_equal(buf + 16, "\0\0\0\0\0\0\0\0", 8);
	assert_int_equal(get16(buf + 12), sum_with_auth_zeroed(buf, len));
}

static void test_signing_refuses_a_buffer_without_room_for_the_digest(void **state)
{
	struct auth_conf c = conf_crypto(1, AUTH_ALGO_HMAC_SHA512, "k");
	uint8_t buf[BUF_CAP];
	size_t len = hello_build(buf);

	(void)state;
	assert_int_equal(auth_trailer_len(&c), 64);
	assert_int_equal(auth_sign(&c, 1, buf, len, len + 63), 0);
	assert_int_equal(auth_sign(&c, 1, buf, len, len + 64), len + 64);
}

/* ---- rejections ---- */

static void test_every_rejection_has_its_reason(void **state)
{
	struct auth_conf md5 = conf_crypto(1, AUTH_ALGO_MD5, "secret");
	struct auth_conf other = conf_crypto(1, AUTH_ALGO_MD5, "wrong");
	struct auth_conf sha = conf_crypto(1, AUTH_ALGO_HMAC_SHA256, "secret");
	struct auth_conf id2 = conf_crypto(2, AUTH_ALGO_MD5, "secret");
	struct auth_conf simple, simple2, null;
	uint8_t buf[BUF_CAP], sbuf[BUF_CAP];
	struct ospf_packet p, sp;
	uint32_t last;

	(void)state;
	memset(&null, 0, sizeof(null));
	memset(&simple, 0, sizeof(simple));
	simple.type = OSPF_AUTH_SIMPLE;
	memcpy(simple.simple, "pass", 4);
	simple2 = simple;
	simple2.simple[0] = 'P';
	sign_decode(&md5, 100, buf, &p);
	sign_decode(&simple, 0, sbuf, &sp);

	assert_int_equal(auth_verify(&null, buf, &p.hdr, NULL), DROP_AUTH_MISMATCH);
	assert_int_equal(auth_verify(&simple, buf, &p.hdr, NULL), DROP_AUTH_MISMATCH);
	assert_int_equal(auth_verify(&md5, sbuf, &sp.hdr, NULL), DROP_AUTH_MISMATCH);
	assert_int_equal(auth_verify(&simple2, sbuf, &sp.hdr, NULL), DROP_AUTH_BAD_PASSWORD);
	assert_int_equal(auth_verify(&id2, buf, &p.hdr, NULL), DROP_AUTH_UNKNOWN_KEY);
	assert_int_equal(auth_verify(&sha, buf, &p.hdr, NULL), DROP_AUTH_DIGEST_LENGTH);
	assert_int_equal(auth_verify(&other, buf, &p.hdr, NULL), DROP_AUTH_BAD_DIGEST);
	/* RFC 2328 D.4.3: equal is accepted, lower is a replay */
	last = 100;
	assert_int_equal(auth_verify(&md5, buf, &p.hdr, &last), DROP_NONE);
	last = 101;
	assert_int_equal(auth_verify(&md5, buf, &p.hdr, &last), DROP_AUTH_SEQ_DECREASE);
	/* a changed body, a changed digest, a changed sequence number */
	buf[OSPF_HEADER_LEN + 5] ^= 1;
	assert_int_equal(auth_verify(&md5, buf, &p.hdr, NULL), DROP_AUTH_BAD_DIGEST);
	buf[OSPF_HEADER_LEN + 5] ^= 1;
	p.hdr.auth.digest[15] ^= 0x80;
	assert_int_equal(auth_verify(&md5, buf, &p.hdr, NULL), DROP_AUTH_BAD_DIGEST);
	p.hdr.auth.digest[15] ^= 0x80;
	buf[23] ^= 1;
	assert_int_equal(auth_verify(&md5, buf, &p.hdr, NULL), DROP_AUTH_BAD_DIGEST);
	buf[23] ^= 1;
	assert_int_equal(auth_verify(&md5, buf, &p.hdr, NULL), DROP_NONE);
	assert_string_equal(auth_failure_reason(DROP_AUTH_BAD_DIGEST), "auth failure: wrong "
								       "digest");
	assert_null(auth_failure_reason(DROP_BAD_CHECKSUM));
	ospf_packet_free(&p);
	ospf_packet_free(&sp);
}

static void test_the_codec_locates_the_trailer_by_the_ospf_length(void **state)
{
	struct auth_conf c = conf_crypto(3, AUTH_ALGO_HMAC_SHA256, "k");
	uint8_t buf[BUF_CAP], again[BUF_CAP];
	struct ospf_packet p;
	size_t total;

	(void)state;
	total = sign_decode(&c, 5, buf, &p);
	/* re-encoding the decoded packet writes the same bytes, trailer included */
	assert_int_equal(ospf_packet_encode(&p, again, sizeof(again)), total);
	assert_memory_equal(again, buf, total);
	ospf_packet_free(&p);
	/* one byte of the digest missing: the trailer overruns the IP payload */
	assert_int_equal(ospf_packet_decode(buf, total - 1, &p), DROP_AUTH_TRAILER_OVERRUN);
	/* a digest length no algorithm has */
	buf[19] = 17;
	assert_int_equal(ospf_packet_decode(buf, total, &p), DROP_BAD_AUTH_LENGTH);
}

/* ---- sequence numbers and keys ---- */

static void test_sequence_numbers_follow_the_clock_and_never_go_back(void **state)
{
	(void)state;
	assert_int_equal(auth_next_seq(0, 1700000000), 1700000000);
	assert_int_equal(auth_next_seq(1700000000, 1700000000), 1700000001);
	assert_int_equal(auth_next_seq(1700000005, 1700000001), 1700000006);
	assert_int_equal(auth_next_seq(1700000005, 1700000100), 1700000100);
}

static void test_rollover_sends_with_the_highest_key_and_accepts_every_key(void **state)
{
	struct auth_conf both, old = conf_crypto(1, AUTH_ALGO_MD5, "old");
	struct auth_conf newer = conf_crypto(2, AUTH_ALGO_HMAC_SHA256, "new");
	uint8_t buf[BUF_CAP];
	struct ospf_packet p;

	(void)state;
	memset(&both, 0, sizeof(both));
	both.type = OSPF_AUTH_CRYPTO;
	assert_true(auth_conf_set_key(&both, 2, AUTH_ALGO_HMAC_SHA256, "new"));
	assert_true(auth_conf_set_key(&both, 1, AUTH_ALGO_MD5, "old"));
	assert_int_equal(auth_send_key(&both)->id, 2);
	assert_int_equal(auth_trailer_len(&both), 32);
	/* a router with both keys sends with key 2: one with only the old key rejects it */
	sign_decode(&both, 10, buf, &p);
	assert_int_equal(p.hdr.auth.key_id, 2);
	assert_int_equal(auth_verify(&newer, buf, &p.hdr, NULL), DROP_NONE);
	assert_int_equal(auth_verify(&old, buf, &p.hdr, NULL), DROP_AUTH_UNKNOWN_KEY);
	ospf_packet_free(&p);
	/* and accepts the old key from a router not yet changed */
	sign_decode(&old, 11, buf, &p);
	assert_int_equal(auth_verify(&both, buf, &p.hdr, NULL), DROP_NONE);
	ospf_packet_free(&p);
	/* replacing a key keeps one entry; MD5 keys are at most 16 bytes */
	assert_true(auth_conf_set_key(&both, 1, AUTH_ALGO_HMAC_SHA1, "changed"));
	assert_int_equal(both.nkeys, 2);
	assert_int_equal(auth_key_find(&both, 1)->algo, AUTH_ALGO_HMAC_SHA1);
	assert_false(auth_conf_set_key(&both, 3, AUTH_ALGO_MD5, "12345678901234567"));
}

static void test_crypto_without_keys_signs_with_key_zero_as_frr(void **state)
{
	struct auth_conf c;
	uint8_t buf[BUF_CAP], want[16];
	struct ospf_packet p;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.type = OSPF_AUTH_CRYPTO;
	assert_null(auth_send_key(&c));
	sign_decode(&c, 1, buf, &p);
	assert_int_equal(p.hdr.auth.key_id, 0);
	expect_md5(buf, p.hdr.length, "", want);
	assert_memory_equal(p.hdr.auth.digest, want, 16);
	/* and accepts nothing: key 0 is not configured */
	assert_int_equal(auth_verify(&c, buf, &p.hdr, NULL), DROP_AUTH_UNKNOWN_KEY);
	ospf_packet_free(&p);
}

static void test_algorithm_names_round_trip(void **state)
{
	enum auth_algo a;
	int i;

	(void)state;
	for (i = 0; i < AUTH_ALGO_MAX; i++) {
		assert_true(auth_algo_parse(auth_algo_name((enum auth_algo)i), &a));
		assert_int_equal(a, i);
	}
	assert_false(auth_algo_parse("sha-256", &a));
	assert_false(auth_algo_parse(NULL, &a));
	assert_string_equal(auth_type_name(OSPF_AUTH_CRYPTO), "cryptographic");
}

/* ---- real captures with known keys (see PROVENANCE.md there) ---- */

static const char *captures_dir(void)
{
	const char *d = getenv("OSPFD_CAPTURES_DIR");

	return d && *d ? d : NULL;
}

/* Verifies every crypto packet of file with the key; returns how many there were. */
static unsigned capture_verify(const char *file, enum auth_algo algo, const char *key)
{
	struct auth_conf c = conf_crypto(1, algo, key);
	struct auth_conf wrong = conf_crypto(1, algo, "not-the-key");
	struct pcapread_pkt pkt;
	struct pcapread *r;
	char path[1024], err[256];
	unsigned n = 0;

	snprintf(path, sizeof(path), "%s/%s", captures_dir(), file);
	r = pcapread_open(path, 89, err, sizeof(err));
	if (!r)
		fail_msg("%s", err);
	while (pcapread_next(r, &pkt, err, sizeof(err)) == 1) {
		struct ospf_packet p;
		enum drop_reason d;

		if (pkt.fragment || ospf_packet_decode(pkt.payload, pkt.len, &p) != DROP_NONE)
			continue;
		if (p.hdr.auth_type == OSPF_AUTH_CRYPTO) {
			d = auth_verify(&c, pkt.payload, &p.hdr, NULL);
			if (d != DROP_NONE)
				fail_msg("%s frame %lu: %s", file, pkt.frame, drop_reason_name(d));
			assert_int_equal(auth_verify(&wrong, pkt.payload, &p.hdr, NULL),
					 DROP_AUTH_BAD_DIGEST);
			n++;
		}
		ospf_packet_free(&p);
	}
	pcapread_close(r);
	return n;
}

static void test_captured_digests_verify_with_their_documented_keys(void **state)
{
	static const struct {
		const char *file;
		enum auth_algo algo;
		const char *key;
	} files[] = {
		/* Quagga's key was 26 characters; MD5 uses the first 16 */
		{ "quagga-ospf-hello-md5.pcap", AUTH_ALGO_MD5, "abcdefghijklmnop" },
		{ "quagga-ospf-md5-lsu-lsack-1.pcap", AUTH_ALGO_MD5, "abcdefghijklmnop" },
		{ "quagga-ospf-md5-lsu-lsack-2.pcap", AUTH_ALGO_MD5, "JtRrocks" },
		{ "cisco-ios-ospf-hello-md5-key1234.pcap", AUTH_ALGO_MD5, "1234" },
		{ "cisco-ios-ospf-adjacency-hmac-sha1-key1234.pcap", AUTH_ALGO_HMAC_SHA1, "1234" },
		{ "cisco-ios-ospf-hello-hmac-sha256-key1234.pcap", AUTH_ALGO_HMAC_SHA256, "1234" },
		{ "cisco-ios-ospf-hello-hmac-sha384-key1234.pcap", AUTH_ALGO_HMAC_SHA384, "1234" },
		{ "cisco-ios-ospf-hello-hmac-sha512-key1234.pcap", AUTH_ALGO_HMAC_SHA512, "1234" },
	};
	size_t i;

	(void)state;
	if (!captures_dir())
		skip();
	for (i = 0; i < TU_ARRAY_LEN(files); i++)
		if (!capture_verify(files[i].file, files[i].algo, files[i].key))
			fail_msg("%s: no authenticated packet", files[i].file);
}

/* ---- whole instances ---- */

static bool nbr_full(struct sim *s, void *arg)
{
	struct iface *ifp = arg;
	struct nbr *n;

	(void)s;
	list_for_each (n, &ifp->nbrs, node)
		if (n->state == NSM_FULL)
			return true;
	return false;
}

static struct nbr *first_nbr(struct iface *ifp)
{
	return list_empty(&ifp->nbrs) ? NULL : list_entry(ifp->nbrs.next, struct nbr, node);
}

static void test_instances_form_an_adjacency_only_with_matching_keys(void **state)
{
	struct sim *s = sim_new();
	struct ospf *r1 = sim_router_add(s, A(1, 1, 1, 1));
	struct ospf *r2 = sim_router_add(s, A(2, 2, 2, 2));
	int seg = sim_segment_add(s);
	struct iface_params p1, p2;
	struct iface *i1, *i2;

	(void)state;
	iface_params_default(&p1);
	p1.auth = conf_crypto(1, AUTH_ALGO_MD5, "secret");
	p2 = p1;
	p2.auth = conf_crypto(1, AUTH_ALGO_MD5, "wrong");
	i1 = sim_attach(s, r1, seg, A(10, 0, 0, 1), 24, 0, &p1);
	i2 = sim_attach(s, r2, seg, A(10, 0, 0, 2), 24, 0, &p2);
	assert_false(sim_run_until(s, 30000, nbr_full, i1));
	assert_true(i1->drops[DROP_AUTH_BAD_DIGEST] > 0);
	assert_true(i2->drops[DROP_AUTH_BAD_DIGEST] > 0);
	assert_true(list_empty(&i1->nbrs));
	/* the key fixed in place: Full, the sequence numbers recorded */
	i2->params.auth = p1.auth;
	assert_true(sim_run_until(s, 60000, nbr_full, i1));
	assert_true(sim_run_until(s, 60000, nbr_full, i2));
	assert_true(first_nbr(i1)->crypt_seq > 0);
	assert_true(i1->auth_seq > 0);
	/* show: FRR's key, and ours beyond it */
	{
		struct json_object *j = show_interface_json(r1, i1->name), *ij, *v;
		struct json_object *nj = show_neighbor_json(r1, true), *n;

		ij = json_object_object_get(json_object_object_get(j, "interfaces"), i1->name);
		assert_string_equal(json_object_get_string(json_object_object_get(ij, "authenticati"
										      "on")),
				    "authenticationMessageDigest");
		assert_string_equal(json_object_get_string(json_object_object_get(ij, "authenticati"
										      "onAlgorith"
										      "m")),
				    "md5");
		assert_true(json_object_object_get_ex(ij, "cryptoSequenceNumber", &v));
		assert_int_equal(json_object_get_int64(v), i1->auth_seq);
		n = json_object_array_get_idx(
		    json_object_object_get(json_object_object_get(nj, "neighbors"), "2.2.2.2"), 0);
		assert_true(json_object_object_get_ex(n, "cryptoSequenceNumber", &v));
		assert_true(json_object_get_int64(v) > 0);
		json_object_put(j);
		json_object_put(nj);
	}
	/* the neighbor known, a wrong digest is its last reason */
	i2->params.auth = conf_crypto(1, AUTH_ALGO_MD5, "wrong");
	sim_run(s, 11000);
	assert_string_equal(first_nbr(i1)->last_reason, "auth failure: wrong digest");
	sim_free(s);
}

struct live {
	struct ospf *o;
	struct config_store *cs;
	unsigned removed;
	enum config_action worst;
};

static void live_remove(void *ctx, struct iface *ifp)
{
	((struct live *)ctx)->removed++;
	iface_free(ifp);
}

static void live_change(void *arg, const struct config_change *ch)
{
	struct live *l = arg;
	struct config_apply_ops ops = { live_remove, l };
	enum config_action r = config_apply_change(l->o, config_store_cfg(l->cs), ch, &ops);

	if (r > l->worst)
		l->worst = r;
}

static void load(struct config_store *cs, const char *ifname, const char *if_lines,
		 const char *ospf_lines)
{
	char text[1024], err[256];

	snprintf(text, sizeof(text),
		 "interface %s\n%s!\nrouter ospf\n network 10.0.0.0/24 area 0\n%s", ifname,
		 if_lines, ospf_lines);
	if (config_store_load_text(cs, "test", text, err, sizeof(err)))
		fail_msg("%s", err);
}

static void test_the_interface_setting_wins_over_the_area_and_keys_are_the_interface_s(void **state)
{
	struct config_store *cs;
	struct iface_params p;
	uint32_t area;
	char err[256];

	(void)state;
	cs = config_store_new(NULL, err, sizeof(err));
	if (!cs)
		fail_msg("%s", err);
	load(cs, "eth0",
	     " ip ospf message-digest-key 1 hmac-sha-256 k2\n ip ospf message-digest-key 3 md5 k3\n"
	     " ip ospf authentication-key pw\n",
	     " area 0 authentication message-digest\n");
	assert_true(config_iface_resolve(config_store_cfg(cs), "eth0", A(10, 0, 0, 1), 24, false,
					 &area, &p));
	assert_int_equal(p.auth.type, OSPF_AUTH_CRYPTO);
	assert_int_equal(p.auth.nkeys, 2);
	assert_int_equal(auth_send_key(&p.auth)->id, 3);
	assert_int_equal(auth_key_find(&p.auth, 1)->algo, AUTH_ALGO_HMAC_SHA256);
	assert_memory_equal(p.auth.simple, "pw\0\0\0\0\0\0", 8);
	/* an interface without settings follows the area */
	assert_true(config_iface_resolve(config_store_cfg(cs), "eth1", A(10, 0, 0, 9), 24, false,
					 &area, &p));
	assert_int_equal(p.auth.type, OSPF_AUTH_CRYPTO);
	assert_int_equal(p.auth.nkeys, 0);
	/* the interface's own type wins: null here, simple there */
	load(cs, "eth0", " ip ospf authentication null\n", " area 0 authentication\n");
	assert_true(config_iface_resolve(config_store_cfg(cs), "eth0", A(10, 0, 0, 1), 24, false,
					 &area, &p));
	assert_int_equal(p.auth.type, OSPF_AUTH_NULL);
	assert_true(config_iface_resolve(config_store_cfg(cs), "eth1", A(10, 0, 0, 9), 24, false,
					 &area, &p));
	assert_int_equal(p.auth.type, OSPF_AUTH_SIMPLE);
	config_store_free(cs);
}

static void test_a_changed_key_applies_live_without_resetting_the_interface(void **state)
{
	struct sim *s = sim_new();
	struct ospf *r1 = sim_router_add(s, A(1, 1, 1, 1));
	struct ospf *r2 = sim_router_add(s, A(2, 2, 2, 2));
	int seg = sim_segment_add(s);
	struct live l = { .o = r1 };
	struct config_apply ap = { live_change, NULL, &l };
	struct iface_params p;
	struct iface *i1, *i2;
	uint64_t before;
	char err[256];

	(void)state;
	l.cs = config_store_new(NULL, err, sizeof(err));
	if (!l.cs)
		fail_msg("%s", err);
	iface_params_default(&p);
	p.auth = conf_crypto(1, AUTH_ALGO_MD5, "k2");
	i1 = sim_attach(s, r1, seg, A(10, 0, 0, 1), 24, 0, &p);
	i2 = sim_attach(s, r2, seg, A(10, 0, 0, 2), 24, 0, &p);
	assert_true(sim_run_until(s, 60000, nbr_full, i1));
	config_store_set_apply(l.cs, &ap);
	/* the configuration of what runs: nothing changes */
	load(l.cs, i1->name,
	     " ip ospf authentication message-digest\n ip ospf message-digest-key 1 md5 k2\n", "");
	assert_int_equal(l.removed, 0);
	assert_true(nbr_full(s, i1));
	l.worst = CONFIG_APPLY_DONE; /* creating router ospf asked for a start */
	/* a wrong key: the next packets fail at r2, the interface stays */
	before = i2->drops[DROP_AUTH_BAD_DIGEST];
	load(l.cs, i1->name,
	     " ip ospf authentication message-digest\n ip ospf message-digest-key 1 md5 bad\n", "");
	assert_int_equal(l.removed, 0);
	assert_ptr_equal(config_iface_by_name(r1, i1->name), i1);
	sim_run(s, 11000);
	assert_true(i2->drops[DROP_AUTH_BAD_DIGEST] > before);
	/* an HMAC-SHA key on both ends, through the area's type */
	p.auth = conf_crypto(4, AUTH_ALGO_HMAC_SHA384, "k4");
	i2->params.auth = p.auth;
	load(l.cs, i1->name, " ip ospf message-digest-key 4 hmac-sha-384 k4\n",
	     " area 0 authentication message-digest\n");
	assert_int_equal(l.removed, 0);
	assert_int_equal(i1->params.auth.keys[0].algo, AUTH_ALGO_HMAC_SHA384);
	before = i2->drops[DROP_AUTH_BAD_DIGEST];
	sim_run(s, 11000);
	assert_int_equal(i2->drops[DROP_AUTH_BAD_DIGEST], before);
	assert_true(sim_run_until(s, 60000, nbr_full, i2));
	assert_true(l.worst <= CONFIG_APPLY_RECONCILE);
	config_store_free(l.cs);
	sim_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md5_digest_is_md5_of_packet_and_padded_key),
		cmocka_unit_test(test_hmac_sha_digests_follow_rfc5709),
		cmocka_unit_test(
		    test_simple_password_fills_the_field_and_is_left_out_of_the_checksum),
		cmocka_unit_test(test_signing_refuses_a_buffer_without_room_for_the_digest),
		cmocka_unit_test(test_every_rejection_has_its_reason),
		cmocka_unit_test(test_the_codec_locates_the_trailer_by_the_ospf_length),
		cmocka_unit_test(test_sequence_numbers_follow_the_clock_and_never_go_back),
		cmocka_unit_test(test_rollover_sends_with_the_highest_key_and_accepts_every_key),
		cmocka_unit_test(test_crypto_without_keys_signs_with_key_zero_as_frr),
		cmocka_unit_test(test_algorithm_names_round_trip),
		cmocka_unit_test(test_captured_digests_verify_with_their_documented_keys),
		cmocka_unit_test(test_instances_form_an_adjacency_only_with_matching_keys),
		cmocka_unit_test(
		    test_the_interface_setting_wins_over_the_area_and_keys_are_the_interface_s),
		cmocka_unit_test(test_a_changed_key_applies_live_without_resetting_the_interface),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
