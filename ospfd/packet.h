/* SPDX-License-Identifier: ISC */
/*
 * OSPFv2 packet codec (RFC 2328 A.3): the common header with its authentication field,
 * Hello, Database Description, Link State Request, Link State Update and Link State
 * Acknowledgment. Pure: no I/O, no globals; every length is checked before it is read.
 * All 32-bit ids, addresses and masks are in host byte order.
 */
#ifndef OSPFD_PACKET_H
#define OSPFD_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drop.h"
#include "lsa.h"

#define OSPF_VERSION	     2
#define OSPF_HEADER_LEN	     24
#define OSPF_AUTH_DIGEST_MAX 64

enum ospf_packet_type {
	OSPF_PKT_HELLO = 1,
	OSPF_PKT_DD = 2,
	OSPF_PKT_LSR = 3,
	OSPF_PKT_LSU = 4,
	OSPF_PKT_LSACK = 5,
};

enum ospf_auth_type {
	OSPF_AUTH_NULL = 0,
	OSPF_AUTH_SIMPLE = 1,
	OSPF_AUTH_CRYPTO = 2,
};

/* Database Description flags (RFC 2328 A.3.3) */
#define OSPF_DD_MS 0x01
#define OSPF_DD_M  0x02
#define OSPF_DD_I  0x04
#define OSPF_DD_R  0x08 /* RFC 4811 out-of-band resynchronization */

/*
 * The 64-bit authentication field. For null and simple authentication `data` holds it as
 * sent. For cryptographic authentication (RFC 2328 D.3) the field is key id, digest length
 * and sequence number, and the digest trailer that follows the packet is copied to `digest`
 * (located and exposed here; verifying it is the auth module's job).
 */
struct ospf_auth {
	uint8_t data[8];
	uint8_t key_id;
	uint8_t digest_len;
	uint32_t crypto_seq;
	uint8_t digest[OSPF_AUTH_DIGEST_MAX];
};

struct ospf_hdr {
	uint8_t version;
	uint8_t type;
	uint16_t length; /* as received; ospf_packet_encode() recomputes it */
	uint32_t router_id;
	uint32_t area_id;
	uint16_t checksum; /* as received; ospf_packet_encode() recomputes it */
	uint16_t auth_type;
	struct ospf_auth auth;
};

struct ospf_hello {
	uint32_t mask;
	uint16_t hello_interval;
	uint8_t options;
	uint8_t priority;
	uint32_t dead_interval;
	uint32_t dr;
	uint32_t bdr;
	uint32_t nneighbors;
	uint32_t *neighbors;
};

struct ospf_dd {
	uint16_t mtu;
	uint8_t options;
	uint8_t flags;
	uint32_t seq;
	uint32_t nlsas;
	struct lsa_hdr *lsas;
};

struct ospf_lsr_entry {
	uint32_t type;
	uint32_t id;
	uint32_t adv_router;
};

struct ospf_lsr {
	uint32_t nreqs;
	struct ospf_lsr_entry *reqs;
};

struct ospf_lsu {
	uint32_t nlsas;
	struct lsa *lsas;
};

struct ospf_lsack {
	uint32_t nlsas;
	struct lsa_hdr *lsas;
};

struct ospf_packet {
	struct ospf_hdr hdr;
	union {
		struct ospf_hello hello;
		struct ospf_dd dd;
		struct ospf_lsr lsr;
		struct ospf_lsu lsu;
		struct ospf_lsack lsack;
	};
	/* RFC 5613 link-local signaling block after the packet (and digest), if any: the whole
	 * block, its checksum and length words included. One that does not fit the received
	 * bytes (or 64 KiB) is ignored, not refused. */
	uint16_t lls_len;
	uint8_t *lls;
};

/*
 * Decodes buf[0..len) (the IP payload). The header's length field bounds the packet; bytes
 * after it are the digest trailer (crypto auth) and, with the L option in a Hello or DD, an
 * LLS block; anything else there is ignored. The packet checksum is verified unless the
 * packet uses cryptographic authentication. On DROP_NONE free with ospf_packet_free();
 * on any other result nothing is left allocated and out->hdr keeps what was read of the
 * header (for the drop log).
 */
enum drop_reason ospf_packet_decode(const uint8_t *buf, size_t len, struct ospf_packet *out);

/*
 * Encodes p: header length and checksum are recomputed (checksum 0 with crypto auth,
 * whose digest must be filled in by the caller; p->hdr.auth.digest is written after the
 * packet as it stands, then the LLS block). Returns the bytes written, 0 if cap is short.
 */
size_t ospf_packet_encode(const struct ospf_packet *p, uint8_t *buf, size_t cap);
size_t ospf_packet_encoded_len(const struct ospf_packet *p);
void ospf_packet_free(struct ospf_packet *p);

/* RFC 2328 D.4: the checksum over the packet of length len, auth field skipped. */
uint16_t ospf_packet_checksum(const uint8_t *buf, size_t len);

const char *ospf_packet_type_name(uint8_t type);

#endif
