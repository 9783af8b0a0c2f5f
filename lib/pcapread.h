/* SPDX-License-Identifier: ISC */
/*
 * Reads IPv4 packets of one IP protocol out of a pcap or pcapng file (libpcap), through the
 * link layers and tunnels that real captures use: Ethernet (with 802.1Q/QinQ tags), Linux
 * cooked (SLL, SLL2), BSD null/loopback, raw IP, and GRE (IPv4, transparent Ethernet,
 * ERSPAN types I/II/III). The IP total length bounds the payload, so Ethernet padding is not
 * part of it.
 */
#ifndef LIB_PCAPREAD_H
#define LIB_PCAPREAD_H

#include <stddef.h>
#include <stdint.h>

struct pcapread;

struct pcapread_pkt {
	unsigned long frame; /* 1-based number of the frame in the file, as tshark counts */
	double time;	     /* seconds since the epoch */
	uint32_t src;	     /* IPv4 source, host byte order */
	uint32_t dst;	     /* IPv4 destination, host byte order */
	uint8_t ttl;
	const uint8_t *payload; /* the IP payload; valid until the next call */
	size_t len;
	int fragment; /* 1 if this is an IP fragment (payload is partial, not decodable) */
};

/* Opens path; on failure returns NULL with a message in err. */
struct pcapread *pcapread_open(const char *path, uint8_t ip_proto, char *err, size_t errlen);
/* 1: *out is the next packet of the protocol; 0: end of file; -1: read error (see err). */
int pcapread_next(struct pcapread *r, struct pcapread_pkt *out, char *err, size_t errlen);
void pcapread_close(struct pcapread *r);

#endif
