/* SPDX-License-Identifier: ISC */
/*
 * The capture reader: hand-made pcap files for every link type and tunnel it walks through,
 * truncated and odd frames, and the real captures, whose OSPF packet counts and frame numbers
 * must match tshark's.
 */
#include "testutil.h"

#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcapread.h"

#define OSPF   89
#define ERRLEN 512

#define SRC	  0x0a000001u
#define DST	  0xe0000005u
#define OUTER_SRC 0xc0a80001u
#define OUTER_DST 0xc0a80002u

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif

static char tmpdir[] = "/tmp/test_pcapread.XXXXXX";
static char path[sizeof(tmpdir) + 32];

/* ---- frame builders ---- */

/* A recognizable IP payload (its bytes need not be OSPF: the reader does not look). */
static const uint8_t payload[44] = {
	0x02, 0x01, 0x00, 0x2c, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0xab, 0xcd, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x0a,
	0x02, 0x01, 0x00, 0x00, 0x00, 0x28, 0x0a, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00,
};

struct ip_spec {
	uint8_t proto;
	uint32_t src, dst;
	uint8_t ttl;
	uint16_t frag;	 /* flags and fragment offset field */
	size_t options;	 /* bytes of IP options (a multiple of 4) */
	int total_delta; /* added to the correct total length */
};

static const struct ip_spec ip_ospf = { OSPF, SRC, DST, 1, 0, 0, 0 };

/* IPv4 header for a payload of plen bytes (which the caller appends). */
static void put_ip(struct tu_buf *t, const struct ip_spec *o, size_t plen)
{
	size_t hlen = 20 + o->options;

	tu_u8(t, (uint8_t)(0x40 | hlen / 4));
	tu_u8(t, 0xc0);
	tu_u16(t, (uint16_t)((int)(hlen + plen) + o->total_delta));
	tu_u16(t, 0x1234);
	tu_u16(t, o->frag);
	tu_u8(t, o->ttl);
	tu_u8(t, o->proto);
	tu_u16(t, 0); /* header checksum: not checked by the reader */
	tu_u32(t, o->src);
	tu_u32(t, o->dst);
	tu_zeros(t, o->options);
}

static void put_ip_ospf(struct tu_buf *t)
{
	put_ip(t, &ip_ospf, sizeof(payload));
	tu_bytes(t, payload, sizeof(payload));
}

static void put_eth(struct tu_buf *t, uint16_t type)
{
	static const uint8_t macs[12] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x05,
					  0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };

	tu_bytes(t, macs, sizeof(macs));
	tu_u16(t, type);
}

static void put_gre(struct tu_buf *t, uint16_t flags, uint16_t type)
{
	tu_u16(t, flags);
	tu_u16(t, type);
	if (flags & 0x8000)
		tu_u32(t, 0xc5c50000); /* checksum, reserved */
	if (flags & 0x2000)
		tu_u32(t, 0x00000064); /* key */
	if (flags & 0x1000)
		tu_u32(t, 0x00000007); /* sequence */
}

/* An outer Ethernet + IPv4 + GRE frame around inner bytes. */
static void put_gre_frame(struct tu_buf *t, uint16_t flags, uint16_t type, const uint8_t *extra,
			  size_t extra_len, const struct tu_buf *inner)
{
	struct ip_spec outer = { 47, OUTER_SRC, OUTER_DST, 254, 0, 0, 0 };
	size_t glen = 4 + ((flags & 0x8000) ? 4 : 0) + ((flags & 0x2000) ? 4 : 0) +
		      ((flags & 0x1000) ? 4 : 0);

	t->len = 0;
	put_eth(t, 0x0800);
	put_ip(t, &outer, glen + extra_len + inner->len);
	put_gre(t, flags, type);
	if (extra_len)
		tu_bytes(t, extra, extra_len);
	tu_bytes(t, inner->b, inner->len);
}

/* ---- files ---- */

struct frame {
	const uint8_t *data;
	size_t caplen;
	size_t len; /* on the wire; 0: caplen */
};

static void write_pcap(int dlt, const struct frame *frames, size_t n)
{
	pcap_t *p = pcap_open_dead(dlt, 65535);
	pcap_dumper_t *d;
	size_t i;

	assert_non_null(p);
	d = pcap_dump_open(p, path);
	assert_non_null(d);
	for (i = 0; i < n; i++) {
		struct pcap_pkthdr h = { 0 };

		h.ts.tv_sec = (time_t)(1000 + i);
		h.ts.tv_usec = 250000;
		h.caplen = (uint32_t)frames[i].caplen;
		h.len = (uint32_t)(frames[i].len ? frames[i].len : frames[i].caplen);
		pcap_dump((u_char *)d, &h, frames[i].data);
	}
	pcap_dump_close(d);
	pcap_close(p);
}

static void write_one(int dlt, const struct tu_buf *t)
{
	struct frame f = { t->b, t->len, 0 };

	write_pcap(dlt, &f, 1);
}

static struct pcapread *open_ok(const char *file)
{
	char err[ERRLEN] = "";
	struct pcapread *r = pcapread_open(file, OSPF, err, sizeof(err));

	if (!r)
		fail_msg("pcapread_open(%s): %s", file, err);
	return r;
}

/* All packets the reader returns from the file at `path` (at most max). */
static size_t read_all(struct pcapread_pkt *out, size_t max)
{
	struct pcapread *r = open_ok(path);
	char err[ERRLEN] = "";
	size_t n = 0;
	int rc;

	while ((rc = pcapread_next(r, &out[n < max ? n : max - 1], err, sizeof(err))) == 1)
		n++;
	if (rc < 0)
		fail_msg("pcapread_next: %s", err);
	pcapread_close(r);
	return n;
}

static void assert_ospf_pkt(const struct pcapread_pkt *p, unsigned long frame)
{
	assert_int_equal(p->frame, frame);
	assert_int_equal(p->src, SRC);
	assert_int_equal(p->dst, DST);
	assert_int_equal(p->ttl, 1);
	assert_int_equal(p->fragment, 0);
	assert_int_equal(p->len, sizeof(payload));
	assert_memory_equal(p->payload, payload, sizeof(payload));
}

/* The file at `path` holds exactly one OSPF packet, the sample one, in frame 1. */
static void assert_reads_one_sample(void)
{
	struct pcapread_pkt p[4];

	assert_int_equal(read_all(p, 4), 1);
	assert_ospf_pkt(&p[0], 1);
}

static void assert_reads_nothing(void)
{
	struct pcapread_pkt p[4];

	assert_int_equal(read_all(p, 4), 0);
}

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.pcap", tmpdir);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(tmpdir);
}

/* ---- link types ---- */

static void test_ethernet_ipv4_ospf_is_read_with_addresses_ttl_and_time(void **state)
{
	static struct tu_buf t;
	struct pcapread_pkt p[2];

	(void)state;
	t.len = 0;
	put_eth(&t, 0x0800);
	put_ip_ospf(&t);
	write_one(DLT_EN10MB, &t);
	assert_int_equal(read_all(p, 2), 1);
	assert_ospf_pkt(&p[0], 1);
	assert_true(p[0].time > 1000.24 && p[0].time < 1000.26);
}

static void test_ethernet_padding_is_cut_by_the_ip_total_length(void **state)
{
	static struct tu_buf t;

	(void)state;
	t.len = 0;
	put_eth(&t, 0x0800);
	put_ip_ospf(&t);
	tu_zeros(&t, 18); /* trailer bytes after the IP packet */
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
}

static void test_vlan_and_qinq_tags_are_skipped(void **state)
{
	static const uint16_t outer_types[] = { 0x8100, 0x88a8, 0x9100 };
	static struct tu_buf t;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(outer_types); i++) {
		t.len = 0;
		put_eth(&t, outer_types[i]);
		tu_u16(&t, 0x0064); /* TCI: VLAN 100 */
		if (outer_types[i] != 0x8100) {
			tu_u16(&t, 0x8100);
			tu_u16(&t, 0x00c8);
		}
		tu_u16(&t, 0x0800);
		put_ip_ospf(&t);
		write_one(DLT_EN10MB, &t);
		assert_reads_one_sample();
	}
}

static void test_linux_sll_and_sll2_are_read(void **state)
{
	static struct tu_buf t;

	(void)state;
	/* SLL: packet type, ARPHRD, address length, 8 address bytes, protocol */
	t.len = 0;
	tu_u16(&t, 0);
	tu_u16(&t, 1);
	tu_u16(&t, 6);
	tu_zeros(&t, 8);
	tu_u16(&t, 0x0800);
	put_ip_ospf(&t);
	write_one(DLT_LINUX_SLL, &t);
	assert_reads_one_sample();

	/* SLL2: protocol, reserved, ifindex, ARPHRD, packet type, address length, address */
	t.len = 0;
	tu_u16(&t, 0x0800);
	tu_u16(&t, 0);
	tu_u32(&t, 3);
	tu_u16(&t, 1);
	tu_u8(&t, 0);
	tu_u8(&t, 6);
	tu_zeros(&t, 8);
	put_ip_ospf(&t);
	write_one(DLT_LINUX_SLL2, &t);
	assert_reads_one_sample();

	/* SLL with an IPv6 protocol: nothing */
	t.len = 0;
	tu_zeros(&t, 14);
	tu_u16(&t, 0x86dd);
	put_ip_ospf(&t);
	write_one(DLT_LINUX_SLL, &t);
	assert_reads_nothing();
}

static void test_null_and_loop_family_is_accepted_in_either_byte_order(void **state)
{
	static const int dlts[] = { DLT_NULL, DLT_LOOP };
	static const uint32_t families[] = { 0x00000002, 0x02000000 };
	static struct tu_buf t;
	size_t i, j;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(dlts); i++) {
		for (j = 0; j < TU_ARRAY_LEN(families); j++) {
			t.len = 0;
			tu_u32(&t, families[j]);
			put_ip_ospf(&t);
			write_one(dlts[i], &t);
			assert_reads_one_sample();
		}
		/* AF_INET6 (24 on the BSDs) */
		t.len = 0;
		tu_u32(&t, 0x18000000);
		put_ip_ospf(&t);
		write_one(dlts[i], &t);
		assert_reads_nothing();
	}
}

static void test_raw_ip_link_types_are_read(void **state)
{
	static struct tu_buf t;

	(void)state;
	t.len = 0;
	put_ip_ospf(&t);
	write_one(DLT_RAW, &t);
	assert_reads_one_sample();
	write_one(DLT_IPV4, &t);
	assert_reads_one_sample();
}

static void test_cisco_hdlc_and_ppp_serial_links_are_read(void **state)
{
	static const uint8_t ppp_headers[][4] = {
		{ 0xff, 0x03, 0x00, 0x21 }, /* address, control, protocol */
		{ 0x00, 0x21 },		    /* address and control omitted */
		{ 0x21 },		    /* protocol compressed too */
	};
	static const size_t ppp_lens[] = { 4, 2, 1 };
	static struct tu_buf t;
	size_t i;

	(void)state;
	t.len = 0;
	tu_u8(&t, 0x0f);
	tu_u8(&t, 0x00);
	tu_u16(&t, 0x0800);
	put_ip_ospf(&t);
	write_one(DLT_C_HDLC, &t);
	assert_reads_one_sample();

	for (i = 0; i < TU_ARRAY_LEN(ppp_headers); i++) {
		t.len = 0;
		tu_bytes(&t, ppp_headers[i], ppp_lens[i]);
		put_ip_ospf(&t);
		write_one(DLT_PPP, &t);
		assert_reads_one_sample();
		write_one(DLT_PPP_SERIAL, &t);
		assert_reads_one_sample();
	}

	/* PPP carrying LCP (0xc021): nothing */
	t.len = 0;
	tu_u16(&t, 0xff03);
	tu_u16(&t, 0xc021);
	put_ip_ospf(&t);
	write_one(DLT_PPP, &t);
	assert_reads_nothing();
}

static void test_unknown_link_type_or_missing_file_is_refused(void **state)
{
	static struct tu_buf t;
	char err[ERRLEN] = "";

	(void)state;
	t.len = 0;
	put_ip_ospf(&t);
	write_one(DLT_IEEE802_11, &t);
	assert_null(pcapread_open(path, OSPF, err, sizeof(err)));
	assert_non_null(strstr(err, "unsupported link type"));

	err[0] = '\0';
	assert_null(pcapread_open("/nonexistent/capture.pcap", OSPF, err, sizeof(err)));
	assert_true(strlen(err) > 0);

	pcapread_close(NULL);
}

/* ---- tunnels ---- */

static void test_gre_ipv4_returns_the_inner_packet(void **state)
{
	static const uint16_t flag_sets[] = { 0x0000, 0x8000, 0x2000, 0x1000, 0xb000 };
	static struct tu_buf inner, t;
	size_t i;

	(void)state;
	inner.len = 0;
	put_ip_ospf(&inner);
	for (i = 0; i < TU_ARRAY_LEN(flag_sets); i++) {
		put_gre_frame(&t, flag_sets[i], 0x0800, NULL, 0, &inner);
		write_one(DLT_EN10MB, &t);
		assert_reads_one_sample();
	}
}

static void test_gre_version_1_and_routing_are_not_followed(void **state)
{
	static struct tu_buf inner, t;

	(void)state;
	inner.len = 0;
	put_ip_ospf(&inner);
	put_gre_frame(&t, 0x0001, 0x0800, NULL, 0, &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_nothing();
	put_gre_frame(&t, 0x4000, 0x0800, NULL, 0, &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_nothing();
}

static void test_gre_transparent_ethernet_bridging_is_followed(void **state)
{
	static struct tu_buf inner, t;

	(void)state;
	inner.len = 0;
	put_eth(&inner, 0x8100);
	tu_u16(&inner, 0x000a);
	tu_u16(&inner, 0x0800);
	put_ip_ospf(&inner);
	put_gre_frame(&t, 0x2000, 0x6558, NULL, 0, &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
}

static void test_erspan_types_1_2_and_3_are_followed(void **state)
{
	static const uint8_t erspan2[8] = { 0x10, 0x0a, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05 };
	static const uint8_t erspan3[12] = { 0x20, 0x0a, 0x00, 0x01, 0x11, 0x22,
					     0x33, 0x44, 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t erspan3_o[20] = { 0x20, 0x0a, 0x00, 0x01, 0x11, 0x22, 0x33,
					       0x44, 0x00, 0x00, 0x00, 0x01, 0x04, 0x00,
					       0x00, 0x07, 0xaa, 0xbb, 0xcc, 0xdd };
	static const uint8_t erspan3_ip[12] = { 0x20, 0x0a, 0x00, 0x01, 0x11, 0x22,
						0x33, 0x44, 0x00, 0x00, 0x08, 0x00 };
	static struct tu_buf inner, t;

	(void)state;
	inner.len = 0;
	put_eth(&inner, 0x8100);
	tu_u16(&inner, 0x000a);
	tu_u16(&inner, 0x0800);
	put_ip_ospf(&inner);

	/* type I: GRE without sequence number, the mirrored frame right after it */
	put_gre_frame(&t, 0x0000, 0x88be, NULL, 0, &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
	/* type II: sequence number, then an 8-byte ERSPAN header */
	put_gre_frame(&t, 0x1000, 0x88be, erspan2, sizeof(erspan2), &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
	/* type III: 12-byte header, plus the 8-byte platform subheader when O is set */
	put_gre_frame(&t, 0x1000, 0x22eb, erspan3, sizeof(erspan3), &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
	put_gre_frame(&t, 0x1000, 0x22eb, erspan3_o, sizeof(erspan3_o), &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
	/* type III whose frame type is not Ethernet: not followed */
	put_gre_frame(&t, 0x1000, 0x22eb, erspan3_ip, sizeof(erspan3_ip), &inner);
	write_one(DLT_EN10MB, &t);
	assert_reads_nothing();
}

static void test_outer_packet_is_returned_when_nothing_inside_matches(void **state)
{
	static struct tu_buf inner, t;
	struct pcapread_pkt p;
	char err[ERRLEN];
	struct pcapread *r;

	(void)state;
	inner.len = 0;
	put_ip_ospf(&inner);
	put_gre_frame(&t, 0, 0x0800, NULL, 0, &inner);
	write_one(DLT_EN10MB, &t);
	/* asking for GRE (47) itself: no inner GRE, so the outer packet is the match */
	r = pcapread_open(path, 47, err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(pcapread_next(r, &p, err, sizeof(err)), 1);
	assert_int_equal(p.src, OUTER_SRC);
	assert_int_equal(p.ttl, 254);
	assert_int_equal(p.len, 4 + inner.len);
	pcapread_close(r);
}

static void test_gre_inside_gre_is_followed_to_the_innermost_packet(void **state)
{
	static struct tu_buf inner, mid, t;

	(void)state;
	inner.len = 0;
	put_ip_ospf(&inner);
	/* mid: IPv4/GRE around inner */
	mid.len = 0;
	{
		struct ip_spec o = { 47, 0x01020304, 0x05060708, 64, 0, 0, 0 };

		put_ip(&mid, &o, 4 + inner.len);
		put_gre(&mid, 0, 0x0800);
		tu_bytes(&mid, inner.b, inner.len);
	}
	put_gre_frame(&t, 0, 0x0800, NULL, 0, &mid);
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
}

/* ---- bounds ---- */

static void test_truncated_frames_are_skipped_and_still_counted(void **state)
{
	static struct tu_buf good, cut_ip, cut_hdr, long_total, gre_cut, inner;
	struct pcapread_pkt p[8];
	struct frame f[6];
	struct ip_spec o = ip_ospf;

	(void)state;
	good.len = 0;
	put_eth(&good, 0x0800);
	put_ip_ospf(&good);

	/* snaplen cut inside the OSPF payload: the IP total length is not captured */
	f[0] = (struct frame){ good.b, good.len - 10, good.len };
	/* cut inside the IP header */
	cut_hdr.len = 0;
	put_eth(&cut_hdr, 0x0800);
	put_ip_ospf(&cut_hdr);
	f[1] = (struct frame){ cut_hdr.b, 14 + 12, cut_hdr.len };
	/* cut inside the Ethernet header */
	f[2] = (struct frame){ good.b, 10, good.len };
	/* total length claims more than was sent */
	long_total.len = 0;
	put_eth(&long_total, 0x0800);
	o.total_delta = 8;
	put_ip(&long_total, &o, sizeof(payload));
	tu_bytes(&long_total, payload, sizeof(payload));
	f[3] = (struct frame){ long_total.b, long_total.len, 0 };
	/* GRE whose header flags announce more than the frame holds */
	inner.len = 0;
	put_gre_frame(&gre_cut, 0xb000, 0x0800, NULL, 0, &inner);
	cut_ip.len = 0;
	tu_bytes(&cut_ip, gre_cut.b, 14 + 20 + 6);
	put16(cut_ip.b + 14 + 2, 20 + 6);
	f[4] = (struct frame){ cut_ip.b, cut_ip.len, 0 };
	f[5] = (struct frame){ good.b, good.len, 0 };
	write_pcap(DLT_EN10MB, f, TU_ARRAY_LEN(f));
	assert_int_equal(read_all(p, 8), 1);
	assert_ospf_pkt(&p[0], 6);
}

static void test_bad_ip_headers_are_skipped(void **state)
{
	static struct tu_buf t;
	static const struct {
		size_t off;
		uint8_t value;
	} corruptions[] = {
		{ 0, 0x44 }, /* IHL 4 */
		{ 0, 0x65 }, /* version 6 */
		{ 2, 0x00 }, /* total length below the header */
	};
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(corruptions); i++) {
		t.len = 0;
		put_eth(&t, 0x0800);
		put_ip_ospf(&t);
		t.b[14 + corruptions[i].off] = corruptions[i].value;
		if (corruptions[i].off == 2)
			t.b[14 + 3] = 0x10;
		write_one(DLT_EN10MB, &t);
		assert_reads_nothing();
	}
}

static void test_ip_options_are_skipped(void **state)
{
	static struct tu_buf t;
	struct ip_spec o = ip_ospf;

	(void)state;
	o.options = 4; /* router alert */
	t.len = 0;
	put_eth(&t, 0x0800);
	put_ip(&t, &o, sizeof(payload));
	put32(t.b + t.len - 4, 0x94040000);
	tu_bytes(&t, payload, sizeof(payload));
	write_one(DLT_EN10MB, &t);
	assert_reads_one_sample();
}

static void test_fragments_are_reported_as_fragments(void **state)
{
	static const struct {
		uint16_t frag;
		int fragment;
	} cases[] = {
		{ 0x2000, 1 }, /* MF, offset 0: the first fragment */
		{ 0x0010, 1 }, /* offset 16 (128 bytes), last fragment */
		{ 0x2010, 1 }, /* a middle fragment */
		{ 0x4000, 0 }, /* DF only: whole */
	};
	static struct tu_buf t;
	struct pcapread_pkt p[2];
	struct ip_spec o = ip_ospf;
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(cases); i++) {
		o.frag = cases[i].frag;
		t.len = 0;
		put_eth(&t, 0x0800);
		put_ip(&t, &o, sizeof(payload));
		tu_bytes(&t, payload, sizeof(payload));
		write_one(DLT_EN10MB, &t);
		assert_int_equal(read_all(p, 2), 1);
		assert_int_equal(p[0].fragment, cases[i].fragment);
		assert_int_equal(p[0].len, sizeof(payload));
	}
}

static void test_other_protocols_are_skipped_and_frames_numbered_from_one(void **state)
{
	static struct tu_buf arp, udp, ospf, llc;
	struct pcapread_pkt p[4];
	struct frame f[4];
	struct ip_spec o = ip_ospf;

	(void)state;
	arp.len = 0;
	put_eth(&arp, 0x0806);
	tu_zeros(&arp, 28);
	udp.len = 0;
	put_eth(&udp, 0x0800);
	o.proto = 17;
	put_ip(&udp, &o, sizeof(payload));
	tu_bytes(&udp, payload, sizeof(payload));
	llc.len = 0;
	put_eth(&llc, 0x0026); /* an 802.3 length */
	tu_zeros(&llc, 38);
	ospf.len = 0;
	put_eth(&ospf, 0x0800);
	put_ip_ospf(&ospf);
	f[0] = (struct frame){ arp.b, arp.len, 0 };
	f[1] = (struct frame){ udp.b, udp.len, 0 };
	f[2] = (struct frame){ llc.b, llc.len, 0 };
	f[3] = (struct frame){ ospf.b, ospf.len, 0 };
	write_pcap(DLT_EN10MB, f, TU_ARRAY_LEN(f));
	assert_int_equal(read_all(p, 4), 1);
	assert_ospf_pkt(&p[0], 4);
}

static void test_a_cut_off_file_is_a_read_error(void **state)
{
	static struct tu_buf t;
	struct pcapread_pkt p;
	char err[ERRLEN] = "";
	struct pcapread *r;
	struct stat st;

	(void)state;
	t.len = 0;
	put_eth(&t, 0x0800);
	put_ip_ospf(&t);
	write_one(DLT_EN10MB, &t);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size - 5), 0);
	r = open_ok(path);
	assert_int_equal(pcapread_next(r, &p, err, sizeof(err)), -1);
	assert_true(strlen(err) > 0);
	pcapread_close(r);
}

/* ---- the real captures ---- */

/* tshark 4.0.17: tshark -r FILE -Y ospf | wc -l (the same with -Y ip.proto==89) */
static const struct {
	const char *file;
	unsigned count;
} tshark_counts[] = {
	{ "arista-eos-ospf-p2p-adjacency-mixed-traffic.pcap", 54 },
	{ "cisco-ios-ospf-adjacency-hmac-sha1-key1234.pcap", 31 },
	{ "cisco-ios-ospf-adjacency-md5-lls.pcapng", 30 },
	{ "cisco-ios-ospf-adjacency-md5-p2p.pcap", 34 },
	{ "cisco-ios-ospf-hello-hmac-sha256-key1234.pcap", 1 },
	{ "cisco-ios-ospf-hello-hmac-sha384-key1234.pcap", 1 },
	{ "cisco-ios-ospf-hello-hmac-sha512-key1234.pcap", 1 },
	{ "cisco-ios-ospf-hello-md5-key1234.pcap", 1 },
	{ "cisco-ios-ospf-hello-simple-password.pcap", 7 },
	{ "cisco-ios-ospf-hsrp-lan-area1.pcap", 81 },
	{ "cisco-ios-ospf-lsa-types-1-to-5.pcap", 30 },
	{ "cisco-ios-probable-ospf-lsu-nssa-nt-bit.pcap", 1 },
	{ "cisco-nwl-ospf-lsa-type-1-router-asbr-e-bit-set.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-1-router-point-to-point.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-1-router-stub-network.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-1-router-transit.pcapng", 10 },
	{ "cisco-nwl-ospf-lsa-type-1-router-virtual-link.pcapng", 3 },
	{ "cisco-nwl-ospf-lsa-type-10-mpls-te.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-2-network-lsa.pcapng", 4 },
	{ "cisco-nwl-ospf-lsa-type-3-summary-lsa.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-4-asbr-summary-lsa.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-5-external-lsa.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-7-nssa-external-lsa.pcapng", 1 },
	{ "cisco-nwl-ospf-lsa-type-9.pcapng", 8 },
	{ "cisco-nwl-ospf-neighbor-adjacency-broadcast-two-routers.pcapng", 25 },
	{ "cisco-nwl-ospf-neighbor-adjacency-broadcast.pcap", 32 },
	{ "cisco-nwl-ospf-network-type-broadcast.pcapng", 63 },
	{ "cisco-nwl-ospf-network-type-non-broadcast.pcapng", 32 },
	{ "cisco-nwl-ospf-network-type-p2mp-non-broadcast-over-dmvpn.pcapng", 16 },
	{ "cisco-nwl-ospf-network-type-p2mp-over-dmvpn.pcapng", 17 },
	{ "cisco-nwl-ospf-network-type-point-to-point.pcapng", 20 },
	{ "cisco-nwl-ospf-point-to-point-neighbor-adjacency.pcapng", 15 },
	{ "cisco-nwl-ospf-ttl-security-check.pcapng", 1 },
	{ "h3c-ospf-hello-plain-gre-erspan.pcap", 32 },
	{ "malformed-ospf-lsu-gmpls-te-truncated.pcapng", 1 },
	{ "quagga-ospf-hello-md5.pcap", 16 },
	{ "quagga-ospf-md5-lsu-lsack-1.pcap", 50 },
	{ "quagga-ospf-md5-lsu-lsack-2.pcap", 100 },
	{ "rtbrick-ospf-lsu-segment-routing-1.pcapng", 1 },
	{ "rtbrick-ospf-lsu-segment-routing-2.pcapng", 1 },
	{ "spirent-ospf-lsu-grace-lsa.pcap", 1 },
	{ "unknown-linux-sll-ospf-multi-interface.pcap", 48 },
	{ "unknown-ospf-hello-md5.pcap", 2 },
	{ "unknown-ospf-lsack-single.pcap", 1 },
	{ "unknown-ospf-lsu-sr-router-information.pcap", 1 },
	{ "unknown-probable-juniper-ospf-lsu-gmpls-te.pcap", 3 },
	{ "zebra-probable-ospf-adjacency-area1.pcap", 31 },
};

/* tshark -r FILE -Y ospf -T fields -e frame.number */
static const unsigned long h3c_frames[] = { 3,	5,  6,	9,  17, 19, 20,	 23,  32,  34, 35,
					    38, 47, 49, 50, 53, 61, 63,	 64,  67,  77, 79,
					    80, 83, 93, 95, 96, 99, 107, 109, 110, 113 };
static const unsigned long arista_frames[] = {
	4,   5,	  33,  36,  63,	 65,  92,  95,	124, 125, 156, 157, 203, 205, 249, 253, 254, 255,
	256, 257, 258, 259, 260, 261, 262, 264, 265, 266, 281, 282, 283, 284, 298, 300, 301, 302,
	303, 304, 305, 306, 307, 308, 309, 311, 312, 313, 327, 328, 329, 330, 347, 348, 381, 383,
};
static const unsigned long sll_frames[] = {
	2,  3,	10, 11, 12, 14, 16, 17, 20, 28, 30, 31, 32, 33, 34, 35,
	36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 65, 66, 69, 71, 72,
};
static const unsigned long quagga_hello_frames[] = { 7,	 8,  12, 13, 15, 16, 18, 19,
						     23, 24, 28, 29, 31, 32, 34, 35 };

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

static void capture_path(char *buf, size_t size, const char *file)
{
	snprintf(buf, size, "%s/%s", captures_dir(), file);
}

static size_t count_in(const char *file, unsigned long *frames, size_t max)
{
	char full[4200], err[ERRLEN] = "";
	struct pcapread_pkt p;
	struct pcapread *r;
	size_t n = 0;
	int rc;

	capture_path(full, sizeof(full), file);
	r = open_ok(full);
	while ((rc = pcapread_next(r, &p, err, sizeof(err))) == 1) {
		assert_int_equal(p.fragment, 0);
		if (frames && n < max)
			frames[n] = p.frame;
		n++;
	}
	if (rc < 0)
		fail_msg("%s: %s", file, err);
	pcapread_close(r);
	return n;
}

static void test_real_captures_hold_as_many_ospf_packets_as_tshark_counts(void **state)
{
	char pattern[4200];
	glob_t g;
	size_t i, j, matched = 0;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(tshark_counts); i++) {
		size_t n = count_in(tshark_counts[i].file, NULL, 0);

		if (n != tshark_counts[i].count)
			fail_msg("%s: read %zu OSPF packets, tshark counts %u",
				 tshark_counts[i].file, n, tshark_counts[i].count);
	}
	/* every capture in the folder is in the table: a new one needs its tshark count */
	snprintf(pattern, sizeof(pattern), "%s/*.pcap*", captures_dir());
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	for (j = 0; j < g.gl_pathc; j++) {
		const char *base = strrchr(g.gl_pathv[j], '/') + 1;
		bool found = false;

		for (i = 0; i < TU_ARRAY_LEN(tshark_counts); i++)
			found = found || !strcmp(base, tshark_counts[i].file);
		if (!found)
			fail_msg("%s is not in tshark_counts: add its tshark count", base);
		matched++;
	}
	globfree(&g);
	assert_int_equal(matched, TU_ARRAY_LEN(tshark_counts));
}

static void assert_frames(const char *file, const unsigned long *want, size_t n)
{
	unsigned long got[128];
	size_t i;

	assert_true(n <= TU_ARRAY_LEN(got));
	assert_int_equal(count_in(file, got, TU_ARRAY_LEN(got)), n);
	for (i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("%s: OSPF packet %zu in frame %lu, tshark says %lu", file, i + 1,
				 got[i], want[i]);
}

static void test_real_captures_number_frames_as_tshark(void **state)
{
	(void)state;
	assert_frames("h3c-ospf-hello-plain-gre-erspan.pcap", h3c_frames, TU_ARRAY_LEN(h3c_frames));
	assert_frames("arista-eos-ospf-p2p-adjacency-mixed-traffic.pcap", arista_frames,
		      TU_ARRAY_LEN(arista_frames));
	assert_frames("unknown-linux-sll-ospf-multi-interface.pcap", sll_frames,
		      TU_ARRAY_LEN(sll_frames));
	assert_frames("quagga-ospf-hello-md5.pcap", quagga_hello_frames,
		      TU_ARRAY_LEN(quagga_hello_frames));
}

static struct pcapread_pkt first_packet(const char *file, struct pcapread **r)
{
	char full[4200], err[ERRLEN] = "";
	struct pcapread_pkt p;

	capture_path(full, sizeof(full), file);
	*r = open_ok(full);
	if (pcapread_next(*r, &p, err, sizeof(err)) != 1)
		fail_msg("%s: no OSPF packet: %s", file, err);
	return p;
}

/* tshark -T fields -e frame.number -e ip.src -e ip.dst -e ip.ttl -e ip.len -e frame.time_epoch */
static void test_real_captures_give_inner_addresses_and_ip_bounded_lengths(void **state)
{
	static const struct {
		const char *file;
		unsigned long frame;
		uint32_t src, dst;
		uint8_t ttl;
		size_t len;
		double time;
	} cases[] = {
		/* GRE (DMVPN): inner 172.16.123.2 -> 224.0.0.5, not the outer 192.168.24.2 */
		{ "cisco-nwl-ospf-network-type-p2mp-over-dmvpn.pcapng", 1, 0xac107b02, 0xe0000005,
		  1, 96 - 20, 1758624387.811998 },
		/* ERSPAN type I with a VLAN tag inside: 10.1.1.1 -> 224.0.0.5, padded frame */
		{ "h3c-ospf-hello-plain-gre-erspan.pcap", 3, 0x0a010101, 0xe0000005, 1, 64 - 20,
		  0 },
		/* BSD null link type */
		{ "unknown-probable-juniper-ospf-lsu-gmpls-te.pcap", 1, 0x28230102, 0xe0000005, 1,
		  172 - 20, 1063049646.369909 },
		/* Linux cooked */
		{ "unknown-linux-sll-ospf-multi-interface.pcap", 2, 0xc0ac0072, 0xe0000005, 1,
		  68 - 20, 1592513823.854792 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < TU_ARRAY_LEN(cases); i++) {
		struct pcapread *r;
		struct pcapread_pkt p = first_packet(cases[i].file, &r);

		assert_int_equal(p.frame, cases[i].frame);
		assert_int_equal(p.src, cases[i].src);
		assert_int_equal(p.dst, cases[i].dst);
		assert_int_equal(p.ttl, cases[i].ttl);
		assert_int_equal(p.len, cases[i].len);
		/* the OSPF length field agrees with what the IP header bounded */
		assert_true(get16(p.payload + 2) <= p.len);
		if (cases[i].time > 0)
			assert_true(p.time > cases[i].time - 1e-5 && p.time < cases[i].time + 1e-5);
		pcapread_close(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ethernet_ipv4_ospf_is_read_with_addresses_ttl_and_time),
		cmocka_unit_test(test_ethernet_padding_is_cut_by_the_ip_total_length),
		cmocka_unit_test(test_vlan_and_qinq_tags_are_skipped),
		cmocka_unit_test(test_linux_sll_and_sll2_are_read),
		cmocka_unit_test(test_null_and_loop_family_is_accepted_in_either_byte_order),
		cmocka_unit_test(test_raw_ip_link_types_are_read),
		cmocka_unit_test(test_cisco_hdlc_and_ppp_serial_links_are_read),
		cmocka_unit_test(test_unknown_link_type_or_missing_file_is_refused),
		cmocka_unit_test(test_gre_ipv4_returns_the_inner_packet),
		cmocka_unit_test(test_gre_version_1_and_routing_are_not_followed),
		cmocka_unit_test(test_gre_transparent_ethernet_bridging_is_followed),
		cmocka_unit_test(test_erspan_types_1_2_and_3_are_followed),
		cmocka_unit_test(test_outer_packet_is_returned_when_nothing_inside_matches),
		cmocka_unit_test(test_gre_inside_gre_is_followed_to_the_innermost_packet),
		cmocka_unit_test(test_truncated_frames_are_skipped_and_still_counted),
		cmocka_unit_test(test_bad_ip_headers_are_skipped),
		cmocka_unit_test(test_ip_options_are_skipped),
		cmocka_unit_test(test_fragments_are_reported_as_fragments),
		cmocka_unit_test(test_other_protocols_are_skipped_and_frames_numbered_from_one),
		cmocka_unit_test(test_a_cut_off_file_is_a_read_error),
		cmocka_unit_test(test_real_captures_hold_as_many_ospf_packets_as_tshark_counts),
		cmocka_unit_test(test_real_captures_number_frames_as_tshark),
		cmocka_unit_test(test_real_captures_give_inner_addresses_and_ip_bounded_lengths),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
