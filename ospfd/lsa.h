/* SPDX-License-Identifier: ISC */
/*
 * LSA wire codec (RFC 2328 A.4): the 20-byte header of every type, the bodies of router,
 * network, summary, AS-external and NSSA LSAs; opaque (RFC 5250) and unknown types are kept
 * as raw body bytes. Pure: no I/O, no globals. All 32-bit ids, addresses and masks are in
 * host byte order.
 */
#ifndef OSPFD_LSA_H
#define OSPFD_LSA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drop.h"

#define LSA_HEADER_LEN	 20
#define LSA_MAX_AGE	 3600	/* MaxAge, RFC 2328 B */
#define LSA_MAX_AGE_DIFF 900	/* MaxAgeDiff */
#define LSA_DO_NOT_AGE	 0x8000 /* RFC 1793 DoNotAge bit of LS age */
#define LSA_INITIAL_SEQ	 ((int32_t)0x80000001)
#define LSA_MAX_SEQ	 ((int32_t)0x7fffffff)

enum lsa_type {
	LSA_ROUTER = 1,
	LSA_NETWORK = 2,
	LSA_SUMMARY_NET = 3,
	LSA_SUMMARY_ASBR = 4,
	LSA_AS_EXTERNAL = 5,
	LSA_GROUP_MEMBERSHIP = 6,
	LSA_NSSA = 7,
	LSA_EXT_ATTRIBUTES = 8,
	LSA_OPAQUE_LINK = 9,
	LSA_OPAQUE_AREA = 10,
	LSA_OPAQUE_AS = 11,
};

/* Options field (RFC 2328 A.2, RFC 5250, RFC 5613) */
#define OSPF_OPT_MT 0x01 /* formerly T */
#define OSPF_OPT_E  0x02
#define OSPF_OPT_MC 0x04
#define OSPF_OPT_NP 0x08
#define OSPF_OPT_L  0x10
#define OSPF_OPT_DC 0x20
#define OSPF_OPT_O  0x40
#define OSPF_OPT_DN 0x80

/* router-LSA flags (RFC 2328 A.4.2, RFC 3101 Nt) */
#define LSA_ROUTER_B  0x01
#define LSA_ROUTER_E  0x02
#define LSA_ROUTER_V  0x04
#define LSA_ROUTER_W  0x08
#define LSA_ROUTER_NT 0x10
#define LSA_ROUTER_H  0x80 /* RFC 8770 host router */

enum lsa_link_type {
	LSA_LINK_P2P = 1,
	LSA_LINK_TRANSIT = 2,
	LSA_LINK_STUB = 3,
	LSA_LINK_VIRTUAL = 4,
};

struct lsa_hdr {
	uint16_t age;
	uint8_t options;
	uint8_t type;
	uint32_t id;
	uint32_t adv_router;
	int32_t seq;
	uint16_t checksum;
	uint16_t length;
};

struct lsa_tos_metric {
	uint8_t tos;
	uint32_t metric; /* 16 bits in router-LSAs, 24 bits elsewhere */
};

struct lsa_router_link {
	uint32_t id;
	uint32_t data;
	uint8_t type;
	uint16_t metric;
	uint8_t ntos;
	struct lsa_tos_metric *tos;
};

struct lsa_router {
	uint8_t flags;
	uint16_t nlinks;
	struct lsa_router_link *links;
};

struct lsa_network {
	uint32_t mask;
	uint32_t nrouters;
	uint32_t *routers;
};

/* types 3 and 4 */
struct lsa_summary {
	uint32_t mask;
	uint32_t metric;
	uint32_t ntos;
	struct lsa_tos_metric *tos;
};

struct lsa_external_entry {
	bool e_bit; /* type 2 metric */
	uint8_t tos;
	uint32_t metric;
	uint32_t forward;
	uint32_t tag;
};

/* types 5 and 7; entries[0] is the TOS 0 route */
struct lsa_external {
	uint32_t mask;
	uint32_t nentries;
	struct lsa_external_entry *entries;
};

/* opaque (9, 10, 11) and unknown types */
struct lsa_raw {
	uint16_t len;
	uint8_t *data;
};

struct lsa {
	struct lsa_hdr hdr;
	bool checksum_ok; /* set by lsa_decode() */
	/* lsa_decode(): the LSA's hdr.length bytes in the decoded buffer, valid as long as that
	 * buffer is; so a received LSA is stored and flooded exactly as its originator sent it */
	const uint8_t *wire;
	/* lsa_decode_in_update(): why the body is malformed (DROP_LSA_*_BODY), or DROP_NONE;
	 * such a body is kept as raw bytes (RFC 2328 13: only that LSA is discarded) */
	enum drop_reason body_error;
	union {
		struct lsa_router router;
		struct lsa_network network;
		struct lsa_summary summary;
		struct lsa_external external;
		struct lsa_raw raw;
	};
};

/* Header only: reads 20 bytes, checks the length field (>= 20, multiple of 4). */
enum drop_reason lsa_hdr_decode(const uint8_t *buf, size_t len, struct lsa_hdr *out);
void lsa_hdr_encode(const struct lsa_hdr *h, uint8_t *buf);

/*
 * A whole LSA: len must be at least the header's length field; exactly that many bytes are
 * read. Verifies the Fletcher checksum into out->checksum_ok (not a failure: RFC 2328 13
 * step 1 discards that LSA only). On success free with lsa_free().
 */
enum drop_reason lsa_decode(const uint8_t *buf, size_t len, struct lsa *out);
/*
 * As lsa_decode(), for an LSA inside a Link State Update: a malformed body is not a
 * failure but marked in out->body_error, the body kept raw, so that the rest of the update
 * can still be read (RFC 2328 13 steps 1-3 judge each LSA alone). Fails only on the
 * header's length (the update's structure) or on no memory.
 */
enum drop_reason lsa_decode_in_update(const uint8_t *buf, size_t len, struct lsa *out);
/* Encoded size of the LSA as its fields stand (header length is not trusted). */
size_t lsa_encoded_len(const struct lsa *l);
/* Writes the header (with hdr.checksum as given, length recomputed) and body; returns the
 * bytes written, or 0 if cap is too small. */
size_t lsa_encode(const struct lsa *l, uint8_t *buf, size_t cap);
void lsa_free(struct lsa *l);

/* RFC 2328 12.1.7: Fletcher checksum over the LSA but its age; buf holds the whole LSA.
 * A stored checksum of 0 never verifies (ISO 8473: zero means "not computed"). */
uint16_t lsa_checksum_compute(const uint8_t *buf, size_t len);
bool lsa_checksum_verify(const uint8_t *buf, size_t len);
/* Computes the checksum and writes it at offset 16. */
void lsa_checksum_set(uint8_t *buf, size_t len);

/* RFC 2328 13.1: > 0 if a is the newer instance, < 0 if b is, 0 if they are the same. */
int lsa_hdr_cmp_newer(const struct lsa_hdr *a, const struct lsa_hdr *b);

const char *lsa_type_name(uint8_t type);

#endif
