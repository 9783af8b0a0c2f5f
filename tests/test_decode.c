/* SPDX-License-Identifier: ISC */
/*
 * `ospfd --decode`: decode_file() on real captures into memory, its JSON parsed back and held
 * against what tshark shows for the same packets; the text view must be that JSON rendered;
 * failures, skipped fragments and exit codes; and the built binary's command line.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <libgen.h>
#include <pcap/pcap.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "decode.h"

extern char **environ;

static char tmpdir[] = "/tmp/test_decode.XXXXXX";

struct run {
	char *out;
	char *err;
	size_t out_len, err_len;
	int rc;
};

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

static const char *capture(const char *file)
{
	static char full[4200];

	snprintf(full, sizeof(full), "%s/%s", captures_dir(), file);
	return full;
}

/* decode_file() into memory streams */
static struct run run_decode(const char *path, bool json)
{
	struct run r = { 0 };
	FILE *out = open_memstream(&r.out, &r.out_len);
	FILE *err = open_memstream(&r.err, &r.err_len);

	assert_non_null(out);
	assert_non_null(err);
	r.rc = (int)decode_file(path, json, out, err);
	fclose(out);
	fclose(err);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* ---- JSON access: a path of keys and [index] steps, failing with the path when absent ---- */

static struct json_object *jget(struct json_object *o, const char *path)
{
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
		char *br = strchr(tok, '[');
		size_t idx = 0;

		if (br) {
			idx = strtoul(br + 1, NULL, 10);
			*br = '\0';
		}
		if (*tok && !json_object_object_get_ex(o, tok, &o))
			fail_msg("JSON has no %s (at %s)", path, tok);
		if (br) {
			if (!json_object_is_type(o, json_type_array) ||
			    idx >= json_object_array_length(o))
				fail_msg("JSON has no %s (index %zu)", path, idx);
			o = json_object_array_get_idx(o, idx);
		}
	}
	return o;
}

static const char *jstr(struct json_object *o, const char *path)
{
	return json_object_get_string(jget(o, path));
}

static int64_t jint(struct json_object *o, const char *path)
{
	struct json_object *v = jget(o, path);

	if (!json_object_is_type(v, json_type_int))
		fail_msg("JSON %s is not an integer", path);
	return json_object_get_int64(v);
}

static struct json_object *parse(const char *text)
{
	struct json_object *doc = json_tokener_parse(text);

	if (!doc)
		fail_msg("not JSON: %.200s", text);
	return doc;
}

/* The packet object of the given frame number. */
static struct json_object *frame_obj(struct json_object *doc, int64_t frame)
{
	struct json_object *packets = jget(doc, "packets");
	size_t i;

	for (i = 0; i < json_object_array_length(packets); i++) {
		struct json_object *p = json_object_array_get_idx(packets, i);

		if (jint(p, "frame") == frame)
			return p;
	}
	fail_msg("no packet in frame %" PRId64, frame);
	return NULL;
}

/* ---- real captures ---- */

/* tshark -Y ospf -T fields -e ospf.hello.* for frame 6; -V for frame 12 */
static void test_json_of_hello_and_lsu_matches_tshark(void **state)
{
	struct run r = run_decode(capture("cisco-ios-ospf-lsa-types-1-to-5.pcap"), true);
	struct json_object *doc, *p;

	(void)state;
	assert_int_equal(r.rc, DECODE_OK);
	assert_int_equal(r.err_len, 0);
	doc = parse(r.out);
	assert_int_equal(jint(doc, "summary.packets"), 30);
	assert_int_equal(jint(doc, "summary.decoded"), 30);
	assert_int_equal(jint(doc, "summary.failed"), 0);
	assert_int_equal(json_object_array_length(jget(doc, "packets")), 30);

	p = frame_obj(doc, 6);
	assert_string_equal(jstr(p, "source"), "10.0.20.1");
	assert_string_equal(jstr(p, "destination"), "224.0.0.5");
	assert_string_equal(jstr(p, "status"), "decoded");
	assert_int_equal(jint(p, "header.type"), OSPF_PKT_HELLO);
	assert_string_equal(jstr(p, "header.routerId"), "4.4.4.4");
	assert_string_equal(jstr(p, "header.areaId"), "0.0.0.20");
	assert_string_equal(jstr(p, "header.checksumStatus"), "correct");
	assert_int_equal(jint(p, "hello.helloInterval"), 10);
	assert_int_equal(jint(p, "hello.routerDeadInterval"), 40);
	assert_string_equal(jstr(p, "hello.designatedRouter"), "10.0.20.2");
	assert_string_equal(jstr(p, "hello.backupDesignatedRouter"), "10.0.20.1");
	assert_string_equal(jstr(p, "hello.neighbors[0]"), "5.5.5.5");

	p = frame_obj(doc, 12);
	assert_string_equal(jstr(p, "header.typeName"), "Link State Update");
	assert_string_equal(jstr(p, "header.checksum"), "0xd794");
	assert_int_equal(jint(p, "linkStateUpdate.numberOfLsas"), 11);
	/* LSA-type 1 (Router-LSA), len 48: 5.5.5.5, seq 0x80000004, checksum 0x7caa, 2 links */
	assert_int_equal(jint(p, "linkStateUpdate.lsas[0].lsaType"), LSA_ROUTER);
	assert_int_equal(jint(p, "linkStateUpdate.lsas[0].lsaAge"), 446);
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].options"), "0x22");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].optionsList[0]"), "DC");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].linkStateId"), "5.5.5.5");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].advertisingRouter"), "5.5.5.5");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].sequenceNumber"), "0x80000004");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].checksum"), "0x7caa");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].checksumStatus"), "correct");
	assert_int_equal(jint(p, "linkStateUpdate.lsas[0].numberOfLinks"), 2);
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].links[0].linkTypeName"), "stub");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].links[0].linkId"), "192.168.20.0");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].links[0].linkData"), "255.255.255.0");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].links[1].linkTypeName"), "transit");
	assert_int_equal(jint(p, "linkStateUpdate.lsas[0].links[1].metric"), 10);
	/* Flags: 0x01, (B) Area border router */
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[1].flagsList[0]"), "B");
	/* Network-LSA 10.0.20.2: Netmask 255.255.255.252, attached 5.5.5.5 and 4.4.4.4 */
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[2].networkMask"), "255.255.255.252");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[2].attachedRouters[1]"), "4.4.4.4");
	/* Summary-LSA 192.168.10.0: metric 30 */
	assert_int_equal(jint(p, "linkStateUpdate.lsas[3].metric"), 30);
	/* AS-External-LSA 172.16.3.0: type 2, metric 100 */
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[7].linkStateId"), "172.16.3.0");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[7].metricType"), "E2");
	assert_int_equal(jint(p, "linkStateUpdate.lsas[7].metric"), 100);
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[7].forwardAddress"), "0.0.0.0");

	json_object_put(doc);
	run_free(&r);
}

/* tshark -T fields -e ospf.auth.crypt.* ; the LLS block of the first Hello, -V */
static void test_json_of_crypto_auth_and_lls_matches_tshark(void **state)
{
	struct run r = run_decode(capture("cisco-ios-ospf-adjacency-md5-lls.pcapng"), true);
	struct json_object *doc, *p;

	(void)state;
	assert_int_equal(r.rc, DECODE_OK);
	doc = parse(r.out);
	p = frame_obj(doc, 1);
	assert_string_equal(jstr(p, "header.authTypeName"), "cryptographic");
	assert_string_equal(jstr(p, "header.checksumStatus"), "none");
	assert_int_equal(jint(p, "header.authKeyId"), 1);
	assert_int_equal(jint(p, "header.authSequenceNumber"), 1518551314);
	assert_string_equal(jstr(p, "header.authDigest"), "91b01c6bd6c7093c11861e76334ba858");
	assert_string_equal(jstr(p, "hello.optionsList[0]"), "L");
	assert_int_equal(jint(p, "lls.length"), 36);
	assert_int_equal(jint(p, "lls.tlvs[0].type"), 1);
	assert_string_equal(jstr(p, "lls.tlvs[0].value"), "00000001");
	assert_int_equal(jint(p, "lls.tlvs[1].type"), 2);
	assert_string_equal(jstr(p, "lls.tlvs[1].value"), "5a83411262a849db4649604c9fda6c0a9fdf258"
							  "6");
	/* DB Description, frame 3: 0x07 (I, M, MS), DD sequence 129 */
	p = frame_obj(doc, 3);
	assert_string_equal(jstr(p, "databaseDescription.flags"), "0x07");
	assert_int_equal(json_object_array_length(jget(p, "databaseDescription.flagsList")), 3);
	assert_int_equal(jint(p, "databaseDescription.ddSequenceNumber"), 129);
	assert_int_equal(jint(p, "databaseDescription.interfaceMtu"), 1500);
	json_object_put(doc);
	run_free(&r);
}

static void test_json_of_opaque_lsa_names_its_type_and_shows_its_body(void **state)
{
	struct run r = run_decode(capture("cisco-nwl-ospf-lsa-type-9.pcapng"), true);
	struct json_object *doc, *l;

	(void)state;
	assert_int_equal(r.rc, DECODE_OK);
	doc = parse(r.out);
	l = jget(frame_obj(doc, 1), "linkStateUpdate.lsas[0]");
	assert_int_equal(jint(l, "lsaType"), LSA_OPAQUE_LINK);
	assert_int_equal(jint(l, "opaqueType"), 3);
	assert_string_equal(jstr(l, "opaqueTypeName"), "grace");
	assert_int_equal(jint(l, "bodyLength"), 24);
	assert_string_equal(jstr(l, "body"), "000100040000012c000200010300000000030004c0a801fe");
	json_object_put(doc);
	run_free(&r);
}

/* Renders a packet object as decode_file() does in text mode. */
static void render_packet(struct json_object *p, FILE *f)
{
	fprintf(f, "Frame %s: %s -> %s\n", jstr(p, "frame"), jstr(p, "source"),
		jstr(p, "destination"));
	json_object_object_del(p, "frame");
	json_object_object_del(p, "source");
	json_object_object_del(p, "destination");
	decode_render_text(p, 2, f);
	fputc('\n', f);
}

/* Text and JSON cannot disagree: the text is the JSON document rendered. */
static void assert_text_is_json_rendered(const char *file, int want_rc)
{
	struct run t = run_decode(capture(file), false);
	struct run j = run_decode(capture(file), true);
	struct json_object *doc, *packets;
	char *rendered = NULL;
	size_t len = 0, i;
	FILE *f;

	assert_int_equal(t.rc, want_rc);
	assert_int_equal(j.rc, want_rc);
	/* the same failures on stderr either way */
	assert_int_equal(t.err_len, j.err_len);
	if (t.err_len)
		assert_memory_equal(t.err, j.err, t.err_len);
	doc = parse(j.out);
	packets = jget(doc, "packets");
	f = open_memstream(&rendered, &len);
	assert_non_null(f);
	for (i = 0; i < json_object_array_length(packets); i++)
		render_packet(json_object_array_get_idx(packets, i), f);
	fprintf(f,
		"%s: %" PRId64 " OSPF packets, %" PRId64 " decoded, %" PRId64 " failed, %" PRId64
		" skipped\n",
		jstr(doc, "file"), jint(doc, "summary.packets"), jint(doc, "summary.decoded"),
		jint(doc, "summary.failed"), jint(doc, "summary.skipped"));
	fclose(f);
	if (strcmp(rendered, t.out))
		fail_msg("%s: the text view is not the JSON rendered", file);
	free(rendered);
	json_object_put(doc);
	run_free(&t);
	run_free(&j);
}

static void test_text_view_is_the_json_document_rendered(void **state)
{
	(void)state;
	assert_text_is_json_rendered("cisco-ios-ospf-lsa-types-1-to-5.pcap", DECODE_OK);
	assert_text_is_json_rendered("cisco-ios-ospf-adjacency-md5-lls.pcapng", DECODE_OK);
	assert_text_is_json_rendered("cisco-ios-ospf-hello-simple-password.pcap", DECODE_OK);
	assert_text_is_json_rendered("cisco-nwl-ospf-lsa-type-7-nssa-external-lsa.pcapng",
				     DECODE_OK);
	assert_text_is_json_rendered("rtbrick-ospf-lsu-segment-routing-1.pcapng", DECODE_FAILED);
}

static void test_text_view_reads_like_tshark_detail(void **state)
{
	struct run r = run_decode(capture("cisco-ios-ospf-lsa-types-1-to-5.pcap"), false);

	(void)state;
	assert_int_equal(r.rc, DECODE_OK);
	assert_non_null(strstr(r.out, "Frame 12: 10.0.20.1 -> 10.0.20.2\n"));
	assert_non_null(strstr(r.out, "    Type: 4 (Link State Update)\n"));
	assert_non_null(strstr(r.out, "    Checksum status: correct\n"));
	assert_non_null(strstr(r.out, "    Hello interval [s]: 10\n"));
	assert_non_null(strstr(r.out, "      Options: 0x22 (DC, E)\n"));
	assert_non_null(strstr(r.out, "        Link type: 3 (stub)\n"));
	assert_non_null(strstr(r.out, "      Attached routers: 5.5.5.5, 4.4.4.4\n"));
	assert_non_null(strstr(r.out, "30 OSPF packets, 30 decoded, 0 failed, 0 skipped\n"));
	run_free(&r);

	r = run_decode(capture("cisco-ios-ospf-hello-simple-password.pcap"), false);
	assert_int_equal(r.rc, DECODE_OK);
	assert_non_null(strstr(r.out, "    Auth type: 1 (simple)\n"));
	assert_non_null(strstr(r.out, "    Auth password: cisco\n"));
	run_free(&r);
}

/* PROVENANCE.md and tshark: "Checksum: 0x421d [incorrect, should be 0x1d42]" and so on */
static void test_bad_checksum_captures_fail_naming_the_frame(void **state)
{
	static const struct {
		const char *file;
		const char *checksum, *computed;
	} bad[] = {
		{ "malformed-ospf-lsu-gmpls-te-truncated.pcapng", "0x6fc4", "0x70b4" },
		{ "rtbrick-ospf-lsu-segment-routing-1.pcapng", "0x421d", "0x1d42" },
		{ "rtbrick-ospf-lsu-segment-routing-2.pcapng", "0x3e29", "0x293e" },
		{ "unknown-ospf-lsu-sr-router-information.pcap", "0x9adf", "0xd1a4" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(bad); i++) {
		struct run r = run_decode(capture(bad[i].file), true);
		struct json_object *doc, *p;
		char want[4800];

		assert_int_equal(r.rc, DECODE_FAILED);
		snprintf(want, sizeof(want),
			 "%s: frame 1: packet checksum is wrong (bad-checksum)\n",
			 capture(bad[i].file));
		assert_string_equal(r.err, want);
		doc = parse(r.out);
		p = frame_obj(doc, 1);
		assert_string_equal(jstr(p, "status"), "failed");
		assert_string_equal(jstr(p, "dropReason"), "bad-checksum");
		assert_string_equal(jstr(p, "header.checksum"), bad[i].checksum);
		assert_string_equal(jstr(p, "header.checksumStatus"), "wrong");
		assert_string_equal(jstr(p, "header.checksumComputed"), bad[i].computed);
		assert_int_equal(jint(doc, "summary.failed"), 1);
		assert_int_equal(jint(doc, "summary.decoded"), 0);
		json_object_put(doc);
		run_free(&r);

		r = run_decode(capture(bad[i].file), false);
		assert_int_equal(r.rc, DECODE_FAILED);
		assert_non_null(strstr(r.err, "frame 1:"));
		assert_non_null(strstr(r.err, "checksum"));
		assert_non_null(strstr(r.out, "1 OSPF packets, 0 decoded, 1 failed, 0 skipped\n"));
		run_free(&r);
	}
}

static void test_missing_or_unreadable_file_gives_2(void **state)
{
	char junk[sizeof(tmpdir) + 16];
	struct run r;
	FILE *f;

	(void)state;
	r = run_decode("/nonexistent/capture.pcap", false);
	assert_int_equal(r.rc, DECODE_UNREADABLE);
	assert_int_equal(r.out_len, 0);
	assert_non_null(strstr(r.err, "/nonexistent/capture.pcap: "));
	run_free(&r);

	snprintf(junk, sizeof(junk), "%s/junk", tmpdir);
	f = fopen(junk, "w");
	assert_non_null(f);
	fputs("this is not a capture file\n", f);
	fclose(f);
	r = run_decode(junk, true);
	assert_int_equal(r.rc, DECODE_UNREADABLE);
	assert_non_null(strstr(r.err, junk));
	run_free(&r);
	unlink(junk);
}

/* ---- hand-made captures ---- */

static void put_ipv4(struct tu_buf *t, uint16_t frag, const struct tu_buf *payload)
{
	t->len = 0;
	tu_u8(t, 0x45);
	tu_u8(t, 0xc0);
	tu_u16(t, (uint16_t)(20 + payload->len));
	tu_u16(t, 1);
	tu_u16(t, frag);
	tu_u8(t, 1);
	tu_u8(t, 89);
	tu_u16(t, 0);
	tu_u32(t, 0x0a000001);
	tu_u32(t, 0xe0000005);
	tu_bytes(t, payload->b, payload->len);
}

/* Frame 1: an LSU whose packet checksum is right but whose one LSA's is not; frame 2: a
 * Hello; frame 3: a fragment. */
static void write_mixed_capture(const char *path)
{
	static struct tu_buf lsu, hello, frames[3];
	const struct tu_real_lsa *abr = tu_real_lsa(TU_REAL_ROUTER_ABR);
	pcap_t *p = pcap_open_dead(DLT_RAW, 65535);
	pcap_dumper_t *d;
	size_t i;

	tu_pkt_hdr(&lsu, OSPF_PKT_LSU, OSPF_AUTH_NULL);
	tu_u32(&lsu, 1);
	tu_bytes(&lsu, abr->bytes, abr->len);
	lsu.b[OSPF_HEADER_LEN + 4 + 17] ^= 0x01; /* the LSA checksum */
	tu_pkt_finish(&lsu);

	tu_pkt_hdr(&hello, OSPF_PKT_HELLO, OSPF_AUTH_NULL);
	tu_u32(&hello, 0xffffff00);
	tu_u16(&hello, 10);
	tu_u8(&hello, OSPF_OPT_E);
	tu_u8(&hello, 1);
	tu_u32(&hello, 40);
	tu_u32(&hello, 0);
	tu_u32(&hello, 0);
	tu_pkt_finish(&hello);

	put_ipv4(&frames[0], 0, &lsu);
	put_ipv4(&frames[1], 0, &hello);
	put_ipv4(&frames[2], 0x2000, &hello);

	assert_non_null(p);
	d = pcap_dump_open(p, path);
	assert_non_null(d);
	for (i = 0; i < TU_ARRAY_LEN(frames); i++) {
		struct pcap_pkthdr h = { 0 };

		h.ts.tv_sec = 1700000000;
		h.caplen = h.len = (uint32_t)frames[i].len;
		pcap_dump((u_char *)d, &h, frames[i].b);
	}
	pcap_dump_close(d);
	pcap_close(p);
}

static void test_wrong_lsa_checksum_fails_and_fragment_is_skipped(void **state)
{
	char path[sizeof(tmpdir) + 16], want[4800];
	struct json_object *doc, *p;
	struct run r;

	(void)state;
	snprintf(path, sizeof(path), "%s/mixed.pcap", tmpdir);
	write_mixed_capture(path);

	r = run_decode(path, true);
	assert_int_equal(r.rc, DECODE_FAILED);
	snprintf(want, sizeof(want),
		 "%s: frame 1: LSA checksum is wrong (lsa-bad-checksum): LSA 1 of 1, type 1 "
		 "(router), id 4.4.4.4, advertising router 4.4.4.4, checksum 0x36b0\n",
		 path);
	assert_string_equal(r.err, want);
	doc = parse(r.out);
	assert_int_equal(jint(doc, "summary.packets"), 3);
	assert_int_equal(jint(doc, "summary.decoded"), 1);
	assert_int_equal(jint(doc, "summary.failed"), 1);
	assert_int_equal(jint(doc, "summary.skipped"), 1);
	p = frame_obj(doc, 1);
	assert_string_equal(jstr(p, "status"), "failed");
	assert_string_equal(jstr(p, "dropReason"), "lsa-bad-checksum");
	assert_string_equal(jstr(p, "header.checksumStatus"), "correct");
	assert_string_equal(jstr(p, "linkStateUpdate.lsas[0].checksumStatus"), "wrong");
	assert_string_equal(jstr(frame_obj(doc, 2), "status"), "decoded");
	assert_string_equal(jstr(frame_obj(doc, 3), "status"), "skipped");
	json_object_put(doc);
	run_free(&r);

	r = run_decode(path, false);
	assert_int_equal(r.rc, DECODE_FAILED);
	assert_non_null(strstr(r.out, "3 OSPF packets, 1 decoded, 1 failed, 1 skipped\n"));
	run_free(&r);
	unlink(path);
}

static void test_lsa_json_of_every_body_type(void **state)
{
	static const struct {
		enum tu_real which;
		const char *key, *value;
	} cases[] = {
		{ TU_REAL_ROUTER_STUB_TRANSIT, "links[1].linkTypeName", "transit" },
		{ TU_REAL_NETWORK, "attachedRouters[0]", "5.5.5.5" },
		{ TU_REAL_SUMMARY_NET, "networkMask", "255.255.255.0" },
		{ TU_REAL_SUMMARY_ASBR, "lsaTypeName", "asbr-summary" },
		{ TU_REAL_EXTERNAL, "metricType", "E2" },
		{ TU_REAL_NSSA, "forwardAddress", "192.168.12.1" },
		{ TU_REAL_OPAQUE_LINK, "opaqueTypeName", "grace" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(cases); i++) {
		const struct tu_real_lsa *real = tu_real_lsa(cases[i].which);
		struct json_object *o;
		struct lsa l;

		assert_int_equal(lsa_decode(real->bytes, real->len, &l), DROP_NONE);
		o = decode_lsa_json(&l);
		assert_non_null(o);
		assert_string_equal(jstr(o, cases[i].key), cases[i].value);
		assert_string_equal(jstr(o, "checksumStatus"), "correct");
		assert_int_equal(jint(o, "length"), (int64_t)real->len);
		json_object_put(o);
		lsa_free(&l);
	}
}

/* ---- the binary ---- */

static const char *ospfd_bin(void)
{
	const char *bin = getenv("OSPFD_BIN");

	if (!bin || !*bin) {
		print_message("OSPFD_BIN is not set (ctest sets it): not running the binary\n");
		skip();
	}
	return bin;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, len;

	assert_non_null(f);
	len = getdelim(&buf, &cap, '\0', f) > 0 ? strlen(buf) : 0;
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	buf[len] = '\0';
	return buf;
}

/* Runs ospfd with args (NULL-terminated), its stdout and stderr into r. */
static struct run run_bin(const char *const *args)
{
	char out_path[sizeof(tmpdir) + 16], err_path[sizeof(tmpdir) + 16];
	const char *argv[16];
	posix_spawn_file_actions_t fa;
	struct run r = { 0 };
	size_t n = 0;
	pid_t pid;
	int status;

	argv[n++] = ospfd_bin();
	for (; *args && n + 1 < TU_ARRAY_LEN(argv); args++)
		argv[n++] = *args;
	argv[n] = NULL;
	snprintf(out_path, sizeof(out_path), "%s/out", tmpdir);
	snprintf(err_path, sizeof(err_path), "%s/err", tmpdir);
	assert_int_equal(posix_spawn_file_actions_init(&fa), 0);
	posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	r.rc = WEXITSTATUS(status);
	r.out = slurp(out_path);
	r.err = slurp(err_path);
	r.out_len = strlen(r.out);
	r.err_len = strlen(r.err);
	unlink(out_path);
	unlink(err_path);
	return r;
}

static void test_binary_prints_version_and_help(void **state)
{
	static const char *const version[] = { "--version", NULL };
	static const char *const v[] = { "-v", NULL };
	static const char *const help[] = { "--help", NULL };
	struct run r;

	(void)state;
	r = run_bin(version);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out, "ospfd " OSPFD_VERSION "\n");
	run_free(&r);
	r = run_bin(v);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out, "ospfd " OSPFD_VERSION "\n");
	run_free(&r);

	r = run_bin(help);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "Usage: ospfd"));
	assert_non_null(strstr(r.out, "--decode FILE"));
	assert_non_null(strstr(r.out, "--json"));
	assert_non_null(strstr(r.out, "-h, --help"));
	assert_non_null(strstr(r.out, "-v, --version"));
	assert_int_equal(r.err_len, 0);
	run_free(&r);
}

static void test_binary_refuses_bad_usage_with_2(void **state)
{
	static const char *const unknown[] = { "--frobnicate", NULL };
	static const char *const extra[] = { "--decode", "x.pcap", "stray", NULL };
	static const char *const json_alone[] = { "--json", NULL };
	static const char *const no_config[] = { "-f", "/nonexistent/ospfd.conf", NULL };
	static const char *const check_no_config[] = { "-C", "-f", "/nonexistent/ospfd.conf",
						       NULL };
	struct run r;

	(void)state;
	r = run_bin(unknown);
	assert_int_equal(r.rc, 2);
	assert_non_null(strstr(r.err, "frobnicate"));
	assert_non_null(strstr(r.err, "Usage: ospfd"));
	assert_int_equal(r.out_len, 0);
	run_free(&r);

	r = run_bin(extra);
	assert_int_equal(r.rc, 2);
	assert_non_null(strstr(r.err, "stray"));
	run_free(&r);

	r = run_bin(json_alone);
	assert_int_equal(r.rc, 2);
	run_free(&r);

	/* the daemon and -C read the config file first, and name it when it is missing */
	r = run_bin(no_config);
	assert_int_equal(r.rc, 1);
	assert_non_null(strstr(r.err, "/nonexistent/ospfd.conf"));
	run_free(&r);

	r = run_bin(check_no_config);
	assert_int_equal(r.rc, 1);
	assert_non_null(strstr(r.err, "/nonexistent/ospfd.conf"));
	run_free(&r);
}

static void test_binary_decodes_with_its_exit_codes(void **state)
{
	const char *good[] = { "--decode", NULL, "--json", NULL };
	const char *bad[] = { "--decode", NULL, NULL };
	const char *missing[] = { "--decode", "/nonexistent/capture.pcap", NULL };
	struct json_object *doc;
	struct run r;
	char good_path[4200];

	(void)state;
	snprintf(good_path, sizeof(good_path), "%s", capture("spirent-ospf-lsu-grace-lsa.pcap"));
	good[1] = good_path;
	r = run_bin(good);
	assert_int_equal(r.rc, 0);
	doc = parse(r.out);
	assert_int_equal(jint(doc, "summary.decoded"), 1);
	json_object_put(doc);
	run_free(&r);

	bad[1] = capture("unknown-ospf-lsu-sr-router-information.pcap");
	r = run_bin(bad);
	assert_int_equal(r.rc, 1);
	assert_non_null(strstr(r.err, "frame 1: packet checksum is wrong (bad-checksum)"));
	run_free(&r);

	r = run_bin(missing);
	assert_int_equal(r.rc, 2);
	assert_non_null(strstr(r.err, "/nonexistent/capture.pcap"));
	run_free(&r);
}

static int group_setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_of_hello_and_lsu_matches_tshark),
		cmocka_unit_test(test_json_of_crypto_auth_and_lls_matches_tshark),
		cmocka_unit_test(test_json_of_opaque_lsa_names_its_type_and_shows_its_body),
		cmocka_unit_test(test_text_view_is_the_json_document_rendered),
		cmocka_unit_test(test_text_view_reads_like_tshark_detail),
		cmocka_unit_test(test_bad_checksum_captures_fail_naming_the_frame),
		cmocka_unit_test(test_missing_or_unreadable_file_gives_2),
		cmocka_unit_test(test_wrong_lsa_checksum_fails_and_fragment_is_skipped),
		cmocka_unit_test(test_lsa_json_of_every_body_type),
		cmocka_unit_test(test_binary_prints_version_and_help),
		cmocka_unit_test(test_binary_refuses_bad_usage_with_2),
		cmocka_unit_test(test_binary_decodes_with_its_exit_codes),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
