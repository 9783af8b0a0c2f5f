/* SPDX-License-Identifier: ISC */
/*
 * Walks each captured frame down to the IPv4 packet of the protocol asked for. Every layer
 * is bounded by the bytes that remain of what was captured (caplen); a layer that does not
 * fit makes the frame skipped, never read past. Besides the link types pcapread.h lists,
 * Cisco HDLC and PPP are read too: serial links in GNS3/Dynamips captures use them.
 */
#include "pcapread.h"

#include <dlfcn.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

/* tunnels inside tunnels: enough for any real capture, small enough to stop a loop */
#define PCAPREAD_MAX_DEPTH 8

#define ETH_HLEN	14
#define SLL_HLEN	16
#define SLL2_HLEN	20
#define NULL_HLEN	4
#define CHDLC_HLEN	4
#define IPV4_HLEN_MIN	20
#define GRE_HLEN_MIN	4
#define ERSPAN2_HLEN	8
#define ERSPAN3_HLEN	12
#define ERSPAN3_SUBHLEN 8

#define ETHERTYPE_IPV4	    0x0800
#define ETHERTYPE_VLAN	    0x8100
#define ETHERTYPE_QINQ	    0x88a8
#define ETHERTYPE_QINQ_OLD1 0x9100
#define ETHERTYPE_QINQ_OLD2 0x9200
#define ETHERTYPE_TEB	    0x6558 /* transparent Ethernet bridging */
#define ETHERTYPE_ERSPAN    0x88be /* types I and II */
#define ETHERTYPE_ERSPAN3   0x22eb

#define IPPROTO_NUM_GRE 47

#define PPP_PROTO_IPV4 0x0021

#define GRE_FLAG_C	 0x8000
#define GRE_FLAG_R	 0x4000
#define GRE_FLAG_K	 0x2000
#define GRE_FLAG_S	 0x1000
#define GRE_VERSION_MASK 0x0007

/* BSD address families of DLT_NULL/DLT_LOOP: AF_INET is 2 everywhere */
#define BSD_AF_INET 2

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif

/*
 * libpcap is loaded when a capture is first opened, not linked: the daemon reads captures
 * only for --decode, and linking it would map libpcap and its own dependencies (dbus,
 * systemd, gcrypt, compressors: about 1.1 MB of RSS) into every running ospfd.
 */
static const char *const pcap_sonames[] = { "libpcap.so.0.8", "libpcap.so.1", "libpcap.so" };

static struct {
	void *handle;
	pcap_t *(*open_offline)(const char *path, char *errbuf);
	int (*datalink)(pcap_t *p);
	const char *(*datalink_val_to_name)(int dlt);
	int (*next_ex)(pcap_t *p, struct pcap_pkthdr **hdr, const u_char **data);
	char *(*geterr)(pcap_t *p);
	void (*close)(pcap_t *p);
} lp;

static bool pcap_sym(const char *name, void *fnp)
{
	void *sym = dlsym(lp.handle, name);

	/* POSIX: a function pointer and the object pointer dlsym returns convert both ways */
	memcpy(fnp, &sym, sizeof(sym));
	return sym != NULL;
}

static bool libpcap_load(char *err, size_t errlen)
{
	size_t i;

	if (lp.handle)
		return true;
	for (i = 0; !lp.handle && i < sizeof(pcap_sonames) / sizeof(pcap_sonames[0]); i++)
		lp.handle = dlopen(pcap_sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (!lp.handle) {
		snprintf(err, errlen, "reading captures needs libpcap (Debian: libpcap0.8): %s",
			 dlerror());
		return false;
	}
	if (pcap_sym("pcap_open_offline", &lp.open_offline) &&
	    pcap_sym("pcap_datalink", &lp.datalink) &&
	    pcap_sym("pcap_datalink_val_to_name", &lp.datalink_val_to_name) &&
	    pcap_sym("pcap_next_ex", &lp.next_ex) && pcap_sym("pcap_geterr", &lp.geterr) &&
	    pcap_sym("pcap_close", &lp.close))
		return true;
	snprintf(err, errlen, "libpcap without the functions needed: %s", dlerror());
	dlclose(lp.handle);
	lp.handle = NULL;
	return false;
}

struct pcapread {
	pcap_t *pcap;
	int dlt;
	uint8_t proto;
	unsigned long frame;
};

static int parse_ether(const struct pcapread *r, const uint8_t *p, size_t len, int depth,
		       struct pcapread_pkt *out);
static int parse_ipv4(const struct pcapread *r, const uint8_t *p, size_t len, int depth,
		      struct pcapread_pkt *out);

static int is_vlan_tag(uint16_t type)
{
	return type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD1 ||
	       type == ETHERTYPE_QINQ_OLD2;
}

/* p points just after an EtherType field of value type; VLAN tags are 4 bytes: TCI, type. */
static int parse_ethertype(const struct pcapread *r, uint16_t type, const uint8_t *p, size_t len,
			   int depth, struct pcapread_pkt *out)
{
	while (is_vlan_tag(type)) {
		if (len < 4)
			return 0;
		type = get16(p + 2);
		p += 4;
		len -= 4;
	}
	if (type == ETHERTYPE_IPV4)
		return parse_ipv4(r, p, len, depth, out);
	return 0;
}

static int parse_ether(const struct pcapread *r, const uint8_t *p, size_t len, int depth,
		       struct pcapread_pkt *out)
{
	if (len < ETH_HLEN)
		return 0;
	/* an 802.3 length field (below 0x600) means LLC/SNAP: never IPv4 OSPF in practice */
	return parse_ethertype(r, get16(p + 12), p + ETH_HLEN, len - ETH_HLEN, depth, out);
}

/* RFC 2784, RFC 2890: flags and version, protocol, then the optional fields the flags name. */
static int parse_gre(const struct pcapread *r, const uint8_t *p, size_t len, int depth,
		     struct pcapread_pkt *out)
{
	uint16_t flags, type;
	size_t hlen = GRE_HLEN_MIN;

	if (depth >= PCAPREAD_MAX_DEPTH || len < GRE_HLEN_MIN)
		return 0;
	flags = get16(p);
	type = get16(p + 2);
	/* version 1 is PPTP's enhanced GRE (PPP inside); RFC 1701 source routes are obsolete */
	if ((flags & GRE_VERSION_MASK) != 0 || (flags & GRE_FLAG_R))
		return 0;
	if (flags & GRE_FLAG_C)
		hlen += 4;
	if (flags & GRE_FLAG_K)
		hlen += 4;
	if (flags & GRE_FLAG_S)
		hlen += 4;
	if (len < hlen)
		return 0;
	p += hlen;
	len -= hlen;

	switch (type) {
	case ETHERTYPE_IPV4:
		return parse_ipv4(r, p, len, depth + 1, out);
	case ETHERTYPE_TEB:
		return parse_ether(r, p, len, depth + 1, out);
	case ETHERTYPE_ERSPAN:
		/* type II carries a sequence number and an 8-byte header; type I neither */
		if (flags & GRE_FLAG_S) {
			if (len < ERSPAN2_HLEN)
				return 0;
			p += ERSPAN2_HLEN;
			len -= ERSPAN2_HLEN;
		}
		return parse_ether(r, p, len, depth + 1, out);
	case ETHERTYPE_ERSPAN3: {
		size_t elen = ERSPAN3_HLEN;
		uint8_t frame_type;

		if (len < ERSPAN3_HLEN)
			return 0;
		/* word 3: SGT(16) P(1) FT(5) HwID(6) D(1) Gra(2) O(1) */
		frame_type = (p[10] >> 2) & 0x1f;
		if (p[11] & 0x01)
			elen += ERSPAN3_SUBHLEN;
		if (len < elen || frame_type != 0)
			return 0;
		return parse_ether(r, p + elen, len - elen, depth + 1, out);
	}
	default:
		return 0;
	}
}

static int parse_ipv4(const struct pcapread *r, const uint8_t *p, size_t len, int depth,
		      struct pcapread_pkt *out)
{
	size_t ihl, total;
	uint16_t frag;
	uint8_t proto;
	int fragment;

	if (len < IPV4_HLEN_MIN || (p[0] >> 4) != 4)
		return 0;
	ihl = (size_t)(p[0] & 0x0f) * 4;
	total = get16(p + 2);
	/* a header or total length that the capture does not hold: truncated, skip the frame */
	if (ihl < IPV4_HLEN_MIN || total < ihl || total > len)
		return 0;
	frag = get16(p + 6);
	fragment = (frag & 0x2000) || (frag & 0x1fff);
	proto = p[9];

	/* the innermost match wins: look inside an unfragmented tunnel first */
	if (proto == IPPROTO_NUM_GRE && !fragment && parse_gre(r, p + ihl, total - ihl, depth, out))
		return 1;
	if (proto != r->proto)
		return 0;
	out->src = get32(p + 12);
	out->dst = get32(p + 16);
	out->ttl = p[8];
	out->payload = p + ihl;
	out->len = total - ihl;
	out->fragment = fragment;
	return 1;
}

/* DLT_NULL holds the family in the capturing host's byte order, DLT_LOOP in network order:
 * accept either for both. */
static int parse_null(const struct pcapread *r, const uint8_t *p, size_t len,
		      struct pcapread_pkt *out)
{
	uint32_t be;

	if (len < NULL_HLEN)
		return 0;
	be = get32(p);
	if (be != BSD_AF_INET && be != (uint32_t)BSD_AF_INET << 24)
		return 0;
	return parse_ipv4(r, p + NULL_HLEN, len - NULL_HLEN, 0, out);
}

/* RFC 1662: address and control (FF 03) may be omitted, the protocol compressed to one byte. */
static int parse_ppp(const struct pcapread *r, const uint8_t *p, size_t len,
		     struct pcapread_pkt *out)
{
	uint16_t proto;

	if (len >= 2 && p[0] == 0xff && p[1] == 0x03) {
		p += 2;
		len -= 2;
	}
	if (len < 1)
		return 0;
	if (p[0] & 0x01) {
		proto = p[0];
		p += 1;
		len -= 1;
	} else {
		if (len < 2)
			return 0;
		proto = get16(p);
		p += 2;
		len -= 2;
	}
	return proto == PPP_PROTO_IPV4 ? parse_ipv4(r, p, len, 0, out) : 0;
}

static int parse_frame(const struct pcapread *r, const uint8_t *p, size_t len,
		       struct pcapread_pkt *out)
{
	switch (r->dlt) {
	case DLT_EN10MB:
		return parse_ether(r, p, len, 0, out);
	case DLT_LINUX_SLL:
		if (len < SLL_HLEN)
			return 0;
		return parse_ethertype(r, get16(p + 14), p + SLL_HLEN, len - SLL_HLEN, 0, out);
	case DLT_LINUX_SLL2:
		if (len < SLL2_HLEN)
			return 0;
		return parse_ethertype(r, get16(p), p + SLL2_HLEN, len - SLL2_HLEN, 0, out);
	case DLT_NULL:
	case DLT_LOOP:
		return parse_null(r, p, len, out);
	case DLT_C_HDLC:
		/* Cisco HDLC: address, control, then an EtherType */
		if (len < CHDLC_HLEN)
			return 0;
		return parse_ethertype(r, get16(p + 2), p + CHDLC_HLEN, len - CHDLC_HLEN, 0, out);
	case DLT_PPP:
	case DLT_PPP_SERIAL:
		return parse_ppp(r, p, len, out);
	case DLT_RAW:
	case DLT_IPV4:
		return parse_ipv4(r, p, len, 0, out);
	default:
		return 0;
	}
}

static int dlt_is_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_C_HDLC:
	case DLT_PPP:
	case DLT_PPP_SERIAL:
	case DLT_RAW:
	case DLT_IPV4:
		return 1;
	default:
		return 0;
	}
}

struct pcapread *pcapread_open(const char *path, uint8_t ip_proto, char *err, size_t errlen)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct pcapread *r;
	const char *name;
	pcap_t *pcap;
	int dlt;

	if (!libpcap_load(err, errlen))
		return NULL;
	pcap = lp.open_offline(path, pcap_err);
	if (!pcap) {
		snprintf(err, errlen, "%s", pcap_err);
		return NULL;
	}
	dlt = lp.datalink(pcap);
	if (!dlt_is_supported(dlt)) {
		name = lp.datalink_val_to_name(dlt);
		snprintf(err, errlen, "unsupported link type %d (%s)", dlt,
			 name ? name : "unknown");
		lp.close(pcap);
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		snprintf(err, errlen, "out of memory");
		lp.close(pcap);
		return NULL;
	}
	r->pcap = pcap;
	r->dlt = dlt;
	r->proto = ip_proto;
	return r;
}

int pcapread_next(struct pcapread *r, struct pcapread_pkt *out, char *err, size_t errlen)
{
	struct pcap_pkthdr *hdr;
	const uint8_t *data;
	int rc;

	for (;;) {
		rc = lp.next_ex(r->pcap, &hdr, &data);
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (rc != 1) {
			snprintf(err, errlen, "frame %lu: %s", r->frame + 1, lp.geterr(r->pcap));
			return -1;
		}
		r->frame++;
		*out = (struct pcapread_pkt){ 0 };
		if (!parse_frame(r, data, hdr->caplen, out))
			continue;
		out->frame = r->frame;
		out->time = (double)hdr->ts.tv_sec + (double)hdr->ts.tv_usec / 1e6;
		return 1;
	}
}

void pcapread_close(struct pcapread *r)
{
	if (!r)
		return;
	lp.close(r->pcap);
	free(r);
}
