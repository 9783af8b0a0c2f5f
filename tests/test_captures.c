/* SPDX-License-Identifier: ISC */
/*
 * The codec against every real capture in OSPFD_CAPTURES_DIR (see its PROVENANCE.md): each
 * OSPF packet decodes, or is refused for exactly the reason known for it; every LSA checksum
 * verifies; LSAs, LSA headers and whole packets re-encode to the bytes received; the digests
 * found for cryptographic authentication are the ones tshark shows.
 */
#include "testutil.h"

#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <sys/stat.h>

#include "pcapread.h"

#define OSPF   89
#define ERRLEN 512

/* Packets a receiver must refuse (PROVENANCE.md "Known-bad packet checksums", checked with
 * tshark 4.0.17, which computes the same right values as ospf_packet_checksum()). */
static const struct {
	const char *file;
	unsigned long frame;
	enum drop_reason reason;
} known_bad[] = {
	{ "malformed-ospf-lsu-gmpls-te-truncated.pcapng", 1, DROP_BAD_CHECKSUM },
	{ "rtbrick-ospf-lsu-segment-routing-1.pcapng", 1, DROP_BAD_CHECKSUM },
	{ "rtbrick-ospf-lsu-segment-routing-2.pcapng", 1, DROP_BAD_CHECKSUM },
	{ "unknown-ospf-lsu-sr-router-information.pcap", 1, DROP_BAD_CHECKSUM },
};

/* The LSAs with a wrong Fletcher checksum; both are in the refused packets above. */
static const struct {
	const char *file;
	unsigned long frame;
	uint32_t index; /* 1-based, in the LSU */
} known_bad_lsas[] = {
	{ "malformed-ospf-lsu-gmpls-te-truncated.pcapng", 1, 1 },
	{ "unknown-ospf-lsu-sr-router-information.pcap", 1, 1 },
};

/*
 * Corpus totals, from tshark 4.0.17 summed over the files: packets `-Y ospf`; LSAs in LS
 * Updates `-Y ospf.msg==4 -T fields -e ospf.ls.number_of_lsas` (10 of them in the four
 * refused packets); LSA headers `-Y 'ospf.msg==2 || ospf.msg==5' -E occurrence=a -e ospf.lsa`;
 * `-Y ospf.auth.type==2`; `-Y ospf.lls.checksum`.
 */
#define CORPUS_FILES		47
#define CORPUS_PACKETS		814
#define CORPUS_LSU_LSAS		308
#define CORPUS_REFUSED_LSU_LSAS 10
#define CORPUS_DD_LSACK_HDRS	382
#define CORPUS_CRYPTO_PACKETS	266
#define CORPUS_LLS_BLOCKS	203

struct stats {
	unsigned files;
	unsigned packets;
	unsigned decoded;
	unsigned refused;
	unsigned lsas;	       /* LSAs of decoded LSUs, each verified and re-encoded */
	unsigned lsa_hdrs;     /* headers of DD and LSAck packets, each re-encoded */
	unsigned refused_lsas; /* LSAs walked in refused LSUs */
	unsigned bad_lsas;     /* of those, with a wrong checksum */
	unsigned reencoded;    /* packets re-encoded byte for byte */
	unsigned with_trailer; /* of those, captured with bytes after what the codec reads */
	unsigned with_lls;
	unsigned with_digest;
};

static uint8_t enc[65536];

static const char *captures_dir(void)
{
	static char dir[4096];
	const char *env = getenv("OSPFD_CAPTURES_DIR");
	char src[4096];
	struct stat st;

	if (env && *env) {
		snprintf(dir, sizeof(dir), "%s", env);
	} else {
		/* the repository's sibling folder, found from this source file's path */
		snprintf(src, sizeof(src), "%s", __FILE__);
		snprintf(dir, sizeof(dir), "%s/../../shared/captures", dirname(src));
	}
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		fail_msg("capture folder %s is missing (set OSPFD_CAPTURES_DIR): %s", dir,
			 strerror(errno));
	return dir;
}

static enum drop_reason expected_reason(const char *file, unsigned long frame)
{
	size_t i;

	for (i = 0; i < TU_ARRAY_LEN(known_bad); i++)
		if (!strcmp(known_bad[i].file, file) && known_bad[i].frame == frame)
			return known_bad[i].reason;
	return DROP_NONE;
}

static bool lsa_known_bad(const char *file, unsigned long frame, uint32_t index)
{
	size_t i;

	for (i = 0; i < TU_ARRAY_LEN(known_bad_lsas); i++)
		if (!strcmp(known_bad_lsas[i].file, file) && known_bad_lsas[i].frame == frame &&
		    known_bad_lsas[i].index == index)
			return true;
	return false;
}

/* RFC 2328 A.3.5: each LSA verifies and re-encodes to its own wire bytes. */
static void lsu_check(const char *file, unsigned long frame, const struct ospf_packet *p,
		      const uint8_t *buf, struct stats *s)
{
	size_t off = OSPF_HEADER_LEN + 4;
	uint32_t i;

	for (i = 0; i < p->lsu.nlsas; i++) {
		const struct lsa *l = &p->lsu.lsas[i];
		size_t n = l->hdr.length, got;

		assert_true(off + n <= p->hdr.length);
		if (!l->checksum_ok || !lsa_checksum_verify(buf + off, n))
			fail_msg("%s frame %lu: LSA %u (type %u) has a wrong checksum 0x%04x", file,
				 frame, i + 1, l->hdr.type, l->hdr.checksum);
		got = lsa_encode(l, enc, sizeof(enc));
		if (got != n || memcmp(enc, buf + off, n))
			fail_msg("%s frame %lu: LSA %u (type %u, %zu bytes) re-encodes differently "
				 "(%zu bytes)",
				 file, frame, i + 1, l->hdr.type, n, got);
		off += n;
		s->lsas++;
	}
	assert_int_equal(off, p->hdr.length);
}

static void hdrs_check(const char *file, unsigned long frame, const struct lsa_hdr *h, uint32_t n,
		       const uint8_t *wire, struct stats *s)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		lsa_hdr_encode(&h[i], enc);
		if (memcmp(enc, wire + LSA_HEADER_LEN * i, LSA_HEADER_LEN))
			fail_msg("%s frame %lu: LSA header %u re-encodes differently", file, frame,
				 i + 1);
		s->lsa_hdrs++;
	}
}

/*
 * The packet re-encodes to the bytes received, as far as the codec reads them: the header's
 * length, the digest, the LLS block. Bytes a capture holds beyond that (none in this corpus,
 * the IP total length already cut the Ethernet padding) are not the codec's to reproduce.
 */
static void packet_reencode_check(const char *file, const struct pcapread_pkt *pkt,
				  const struct ospf_packet *p, struct stats *s)
{
	size_t want = p->hdr.length + p->lls_len, n;

	if (p->hdr.auth_type == OSPF_AUTH_CRYPTO) {
		want += p->hdr.auth.digest_len;
		s->with_digest++;
	}
	if (p->lls_len)
		s->with_lls++;
	n = ospf_packet_encode(p, enc, sizeof(enc));
	assert_int_equal(n, ospf_packet_encoded_len(p));
	if (n != want || n > pkt->len || memcmp(enc, pkt->payload, n))
		fail_msg("%s frame %lu: re-encodes to %zu bytes that differ from the %zu received",
			 file, pkt->frame, n, want);
	if (pkt->len > n)
		s->with_trailer++;
	s->reencoded++;
}

/* A refused LSU: walk its LSAs anyway, to account for every LSA in the corpus. */
static void refused_lsu_walk(const char *file, const struct pcapread_pkt *pkt, struct stats *s)
{
	const uint8_t *b = pkt->payload;
	size_t end, off = OSPF_HEADER_LEN + 4;
	uint32_t i, count;

	if (pkt->len < OSPF_HEADER_LEN + 4 || b[1] != OSPF_PKT_LSU)
		return;
	end = get16(b + 2);
	assert_true(end <= pkt->len);
	count = get32(b + OSPF_HEADER_LEN);
	for (i = 0; i < count && end - off >= LSA_HEADER_LEN; i++) {
		struct lsa l;
		enum drop_reason r = lsa_decode(b + off, end - off, &l);

		if (r != DROP_NONE)
			fail_msg("%s frame %lu: LSA %u: %s", file, pkt->frame, i + 1,
				 drop_reason_name(r));
		s->refused_lsas++;
		if (!l.checksum_ok) {
			s->bad_lsas++;
			if (!lsa_known_bad(file, pkt->frame, i + 1))
				fail_msg("%s frame %lu: LSA %u has an unexpected wrong checksum",
					 file, pkt->frame, i + 1);
		} else {
			assert_false(lsa_known_bad(file, pkt->frame, i + 1));
		}
		assert_int_equal(l.checksum_ok, lsa_checksum_verify(b + off, l.hdr.length));
		off += l.hdr.length;
		lsa_free(&l);
	}
	assert_int_equal(i, count);
}

static void packet_check(const char *file, const struct pcapread_pkt *pkt, struct stats *s)
{
	enum drop_reason want = expected_reason(file, pkt->frame);
	struct ospf_packet p;
	enum drop_reason r;

	s->packets++;
	assert_int_equal(pkt->fragment, 0);
	r = ospf_packet_decode(pkt->payload, pkt->len, &p);
	if (r != want)
		fail_msg("%s frame %lu: decode gives %s (%s), expected %s", file, pkt->frame,
			 drop_reason_name(r), drop_reason_str(r), drop_reason_name(want));
	if (r != DROP_NONE) {
		s->refused++;
		refused_lsu_walk(file, pkt, s);
		return;
	}
	s->decoded++;
	switch (p.hdr.type) {
	case OSPF_PKT_LSU:
		lsu_check(file, pkt->frame, &p, pkt->payload, s);
		break;
	case OSPF_PKT_DD:
		hdrs_check(file, pkt->frame, p.dd.lsas, p.dd.nlsas,
			   pkt->payload + OSPF_HEADER_LEN + 8, s);
		break;
	case OSPF_PKT_LSACK:
		hdrs_check(file, pkt->frame, p.lsack.lsas, p.lsack.nlsas,
			   pkt->payload + OSPF_HEADER_LEN, s);
		break;
	default:
		break;
	}
	packet_reencode_check(file, pkt, &p, s);
	ospf_packet_free(&p);
}

static void file_check(const char *full, struct stats *s)
{
	const char *file = strrchr(full, '/') + 1;
	char err[ERRLEN] = "";
	struct pcapread_pkt pkt;
	struct pcapread *r;
	unsigned before = s->packets;
	int rc;

	r = pcapread_open(full, OSPF, err, sizeof(err));
	if (!r)
		fail_msg("%s: %s", full, err);
	while ((rc = pcapread_next(r, &pkt, err, sizeof(err))) == 1)
		packet_check(file, &pkt, s);
	if (rc < 0)
		fail_msg("%s: %s", full, err);
	pcapread_close(r);
	if (s->packets == before)
		fail_msg("%s: no OSPF packet found", file);
	s->files++;
}

static void corpus_glob(glob_t *g)
{
	char pattern[4200];
	const char *dir = captures_dir();

	snprintf(pattern, sizeof(pattern), "%s/*.pcap", dir);
	assert_int_equal(glob(pattern, 0, NULL, g), 0);
	snprintf(pattern, sizeof(pattern), "%s/*.pcapng", dir);
	assert_int_equal(glob(pattern, GLOB_APPEND, NULL, g), 0);
}

static void test_every_captured_packet_decodes_verifies_and_reencodes(void **state)
{
	struct stats s = { 0 };
	glob_t g;
	size_t i;

	(void)state;
	corpus_glob(&g);
	for (i = 0; i < g.gl_pathc; i++)
		file_check(g.gl_pathv[i], &s);
	globfree(&g);

	print_message("%u files, %u OSPF packets: %u decoded, %u refused; %u LSAs in LSUs verified "
		      "and re-encoded, %u in refused LSUs (%u with a wrong checksum); %u LSA "
		      "headers re-encoded; %u packets re-encoded (%u with a digest, %u with LLS, "
		      "%u with bytes after them)\n",
		      s.files, s.packets, s.decoded, s.refused, s.lsas, s.refused_lsas, s.bad_lsas,
		      s.lsa_hdrs, s.reencoded, s.with_digest, s.with_lls, s.with_trailer);
	assert_int_equal(s.files, CORPUS_FILES);
	assert_int_equal(s.packets, CORPUS_PACKETS);
	assert_int_equal(s.refused, TU_ARRAY_LEN(known_bad));
	assert_int_equal(s.decoded + s.refused, s.packets);
	assert_int_equal(s.reencoded, s.decoded);
	assert_int_equal(s.lsas + s.refused_lsas, CORPUS_LSU_LSAS);
	assert_int_equal(s.refused_lsas, CORPUS_REFUSED_LSU_LSAS);
	assert_int_equal(s.bad_lsas, TU_ARRAY_LEN(known_bad_lsas));
	assert_int_equal(s.lsa_hdrs, CORPUS_DD_LSACK_HDRS);
	assert_int_equal(s.with_digest, CORPUS_CRYPTO_PACKETS);
	assert_int_equal(s.with_lls, CORPUS_LLS_BLOCKS);
	assert_int_equal(s.with_trailer, 0);
}

/* tshark -T fields -e frame.number -e ospf.auth.crypt.seq_nbr -e ospf.auth.crypt.data */
struct digest_row {
	unsigned long frame;
	uint32_t seq;
	const char *digest;
};

static const struct digest_row md5_rows[] = {
	{ 7, 1382547343, "445ecbb27272bd791a757a6c85856150" },
	{ 8, 1382547343, "445ecbb27272bd791a757a6c85856150" },
	{ 12, 1382547352, "d4c248b417b8cb1490e02c5e99eb0ad1" },
	{ 13, 1382547352, "d4c248b417b8cb1490e02c5e99eb0ad1" },
	{ 15, 1382547362, "528d9bf98be8213482af7295307625bf" },
	{ 16, 1382547362, "528d9bf98be8213482af7295307625bf" },
	{ 18, 1382547372, "79033a8dcd5ab701e1c39a2989eaa123" },
	{ 19, 1382547372, "79033a8dcd5ab701e1c39a2989eaa123" },
	{ 23, 1382547382, "f54cffe9c6563271bfe76d4b13583bce" },
	{ 24, 1382547382, "f54cffe9c6563271bfe76d4b13583bce" },
	{ 28, 1382547392, "626a8007cd1fe00c77b5207ff02c626d" },
	{ 29, 1382547392, "626a8007cd1fe00c77b5207ff02c626d" },
	{ 31, 1382547402, "31cd8c1f8f24ed759fe3462824fae4b1" },
	{ 32, 1382547402, "31cd8c1f8f24ed759fe3462824fae4b1" },
	{ 34, 1382547412, "91472f35acb040642eb9b36fdfeae9ed" },
	{ 35, 1382547412, "91472f35acb040642eb9b36fdfeae9ed" },
};

/* frame 1 and 23 of the file use null authentication: not listed */
static const struct digest_row sha1_rows[] = {
	{ 2, 1424901561, "53169aee3185a2ec8c26adce8b3677669b10da1c" },
	{ 3, 1424901561, "53169aee3185a2ec8c26adce8b3677669b10da1c" },
	{ 4, 1424901378, "4a970b22a14e47d986817a8c26818b53b88d8733" },
	{ 5, 1424901561, "e4e736b56422646d02c086906fddfeab94ac8cdd" },
	{ 6, 1424901561, "ab8336aad36eb5ad92327d4dad4686b9cae2b081" },
	{ 7, 1424901378, "2fed3dba948a82e22f679b191ed9f7854bd6ebb9" },
	{ 8, 1424901561, "643f4c101e85a2caee7140d05825a1f2e818c104" },
	{ 9, 1424901378, "f2b3ac58d6ca8610b9abc6c09140e4cd78e0e8af" },
	{ 10, 1424901561, "f7312cf2741a6ec55f00c9528428fb7d1607c0be" },
	{ 11, 1424901561, "4ef7ace14d4652286d8739538bd06a52c36db58b" },
	{ 12, 1424901378, "e8e0d4d864623801a41fd4279a1f954ae72c1656" },
	{ 13, 1424901378, "ad6f00c79a84ce7658af5ec6597780eb5b437dab" },
	{ 14, 1424901561, "512458b809408a0baaac8f1e2f28e15989fe15d1" },
	{ 15, 1424901378, "2242fb038bc138932b96dce7357ef92900aa38f9" },
	{ 16, 1424901562, "74691ed15aa6aeebc0f63456612cbc764e430fca" },
	{ 17, 1424901562, "74691ed15aa6aeebc0f63456612cbc764e430fca" },
	{ 18, 1424901378, "a7ed49afce5af529e5185e704357f32446a57866" },
	{ 19, 1424901564, "127c2f95595a66395dc2664bc129bfdc36a9272f" },
	{ 20, 1424901564, "127c2f95595a66395dc2664bc129bfdc36a9272f" },
	{ 21, 1424901380, "bc69fd0735812d1ce30f818420ee6e41120cff4f" },
	{ 22, 1424901381, "b1faa1eea38016cc5d904a407c0baf49fc63b50c" },
	{ 24, 1424901382, "e39a57b18e350e0b11726141029540ecb7e6f9e4" },
	{ 25, 1424901569, "5a42bafc86389c5f1d3d4622aecfe2fe9e018b20" },
	{ 26, 1424901569, "5a42bafc86389c5f1d3d4622aecfe2fe9e018b20" },
	{ 27, 1424901570, "3a2e11f36804371925c3adfd2424fe3f4c9a54f1" },
	{ 28, 1424901570, "3a2e11f36804371925c3adfd2424fe3f4c9a54f1" },
	{ 29, 1424901391, "9c52438af23f454a1fdbdbdfff6b81a58d346182" },
	{ 30, 1424901580, "fc87303143fbde2eceb7f3cf381fc519ac038add" },
	{ 31, 1424901580, "fc87303143fbde2eceb7f3cf381fc519ac038add" },
	{ 32, 1424901400, "e59ba2c56a2c0429ebe72a194e4b54c250cac1a3" },
};

static const struct digest_row md5_cisco_rows[] = {
	{ 1, 1425328458, "c9d952c775f955edf3b81e952f8f410f" },
};

static const struct digest_row sha256_rows[] = {
	{ 1, 1425328301, "508a1abffb5b4554e1aa46eb053bca7105c3e8f6fece4c945f0a0020edb054ec" },
};

static const struct digest_row sha512_rows[] = {
	{ 1, 1425328402,
	  "4faa125881137ab3257ee9c8626d0ffa0c387c2e41a832d435afffc41d35881360fbe74442191a8aef201a4a"
	  "ad"
	  "2689577a0c26a3cc5c681e72f09c297d16ba6a" },
};

static void hex_of(const uint8_t *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * n] = '\0';
}

/* Every crypto-authenticated packet of the file is in rows, with tshark's digest. */
static void digests_check(const char *file, const struct digest_row *rows, size_t nrows)
{
	char full[4200], err[ERRLEN] = "", hex[2 * OSPF_AUTH_DIGEST_MAX + 1];
	struct pcapread_pkt pkt;
	struct pcapread *r;
	size_t seen = 0, i;

	snprintf(full, sizeof(full), "%s/%s", captures_dir(), file);
	r = pcapread_open(full, OSPF, err, sizeof(err));
	if (!r)
		fail_msg("%s: %s", full, err);
	while (pcapread_next(r, &pkt, err, sizeof(err)) == 1) {
		struct ospf_packet p;

		assert_int_equal(ospf_packet_decode(pkt.payload, pkt.len, &p), DROP_NONE);
		if (p.hdr.auth_type == OSPF_AUTH_CRYPTO) {
			for (i = 0; i < nrows && rows[i].frame != pkt.frame; i++)
				;
			if (i == nrows)
				fail_msg("%s frame %lu: not in the table", file, pkt.frame);
			assert_int_equal(p.hdr.auth.key_id, 1);
			assert_int_equal(p.hdr.auth.digest_len, strlen(rows[i].digest) / 2);
			assert_int_equal(p.hdr.auth.crypto_seq, rows[i].seq);
			hex_of(p.hdr.auth.digest, p.hdr.auth.digest_len, hex);
			assert_string_equal(hex, rows[i].digest);
			seen++;
		}
		ospf_packet_free(&p);
	}
	pcapread_close(r);
	assert_int_equal(seen, nrows);
}

static void test_crypto_digests_are_the_ones_tshark_shows(void **state)
{
	(void)state;
	digests_check("quagga-ospf-hello-md5.pcap", md5_rows, TU_ARRAY_LEN(md5_rows));
	digests_check("cisco-ios-ospf-hello-md5-key1234.pcap", md5_cisco_rows,
		      TU_ARRAY_LEN(md5_cisco_rows));
	digests_check("cisco-ios-ospf-adjacency-hmac-sha1-key1234.pcap", sha1_rows,
		      TU_ARRAY_LEN(sha1_rows));
	digests_check("cisco-ios-ospf-hello-hmac-sha256-key1234.pcap", sha256_rows,
		      TU_ARRAY_LEN(sha256_rows));
	digests_check("cisco-ios-ospf-hello-hmac-sha512-key1234.pcap", sha512_rows,
		      TU_ARRAY_LEN(sha512_rows));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_captured_packet_decodes_verifies_and_reencodes),
		cmocka_unit_test(test_crypto_digests_are_the_ones_tshark_shows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
