/* SPDX-License-Identifier: ISC */
/*
 * OSPFv2 packet authentication (RFC 2328 D): null, simple password, and cryptographic with
 * keyed MD5 (RFC 2328 D.3) or HMAC-SHA-1/256/384/512 (RFC 5709). Signing finishes a packet
 * built in a buffer; verifying checks a decoded packet against the interface's settings.
 * Pure: no I/O, no globals, no clock (the caller passes the time).
 */
#ifndef OSPFD_AUTH_H
#define OSPFD_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drop.h"
#include "packet.h"

#define AUTH_SIMPLE_LEN	 8  /* RFC 2328 D.3: the password fills the 64-bit field */
#define AUTH_MD5_KEY_LEN 16 /* RFC 2328 D.4.3: the MD5 secret is padded to 16 bytes */
#define AUTH_KEY_MAX	 64 /* longest secret accepted (HMAC-SHA keys) */
#define AUTH_KEYS_MAX	 16 /* keys per interface */

enum auth_algo {
	AUTH_ALGO_MD5,
	AUTH_ALGO_HMAC_SHA1,
	AUTH_ALGO_HMAC_SHA256,
	AUTH_ALGO_HMAC_SHA384,
	AUTH_ALGO_HMAC_SHA512,
	AUTH_ALGO_MAX
};

struct auth_key {
	uint8_t id;
	uint8_t algo; /* enum auth_algo */
	uint8_t len;  /* bytes of key used */
	uint8_t key[AUTH_KEY_MAX];
};

/*
 * An interface's authentication, as the configuration derives it (the interface's setting,
 * else its area's). Fixed size and pointer-free, so it is copied with struct iface_params.
 */
struct auth_conf {
	uint8_t type;			 /* enum ospf_auth_type */
	uint8_t simple[AUTH_SIMPLE_LEN]; /* the password, zero padded */
	uint8_t nkeys;
	struct auth_key keys[AUTH_KEYS_MAX];
};

/* "md5", "hmac-sha-1", "hmac-sha-256", "hmac-sha-384", "hmac-sha-512" (config keywords). */
const char *auth_algo_name(enum auth_algo a);
bool auth_algo_parse(const char *s, enum auth_algo *a);
/* The digest length the algorithm produces (16, 20, 32, 48, 64), 0 if unknown. */
size_t auth_algo_digest_len(enum auth_algo a);
const char *auth_type_name(uint8_t type); /* "null", "simple", "cryptographic" */

/* Adds or replaces key id in c; false if c is full or the key is too long. */
bool auth_conf_set_key(struct auth_conf *c, uint8_t id, enum auth_algo algo, const char *secret);
const struct auth_key *auth_key_find(const struct auth_conf *c, uint8_t id);
/*
 * The key packets are sent with: the one with the highest key id (so that a rollover
 * completes once every router has the new, higher key); NULL if there is none, in which
 * case packets go out signed with key id 0 and an empty MD5 secret, as FRR does.
 */
const struct auth_key *auth_send_key(const struct auth_conf *c);
/* Bytes the digest trailer adds after the OSPF packet when sending with c (0 unless crypto). */
size_t auth_trailer_len(const struct auth_conf *c);

/*
 * RFC 2328 D.4.3: the cryptographic sequence number never decreases. As FRR: the wall
 * clock in seconds, or last + 1 when the clock has not moved past last, so a restarted
 * router does not go back.
 */
uint32_t auth_next_seq(uint32_t last, uint32_t now_s);

/*
 * Finishes the packet buf[0..len) (len: the OSPF length already written in the header):
 * authentication type and field, checksum (RFC 2328 D.4.1, D.4.2; 0 for crypto, D.4.3) and,
 * for crypto, the digest appended after the packet. cap: the buffer's size. Returns the
 * bytes to send (packet and trailer), 0 if cap is too short.
 */
size_t auth_sign(const struct auth_conf *c, uint32_t seq, uint8_t *buf, size_t len, size_t cap);

/*
 * RFC 2328 D.4: checks a received, decoded header h whose packet is buf[0..h->length)
 * (the digest trailer was copied to h->auth.digest by the codec). last_seq: the sending
 * neighbor's last cryptographic sequence number, NULL if it is not known. Returns
 * DROP_NONE or the reason: DROP_AUTH_MISMATCH (type), DROP_AUTH_BAD_PASSWORD,
 * DROP_AUTH_UNKNOWN_KEY, DROP_AUTH_DIGEST_LENGTH, DROP_AUTH_BAD_DIGEST, DROP_AUTH_SEQ_DECREASE.
 */
enum drop_reason auth_verify(const struct auth_conf *c, const uint8_t *buf,
			     const struct ospf_hdr *h, const uint32_t *last_seq);

/*
 * Computes the digest of packet buf[0..len) with key k into out (auth_algo_digest_len()
 * bytes): keyed MD5 (D.4.3) or RFC 5709 HMAC-SHA with Apad. k NULL: key id 0, empty MD5
 * secret. Returns the digest length, 0 on failure.
 */
size_t auth_digest(const struct auth_key *k, const uint8_t *buf, size_t len, uint8_t *out);

/* "auth failure: ..." for a neighbor's last reason (static strings), NULL if r is no
 * authentication failure. */
const char *auth_failure_reason(enum drop_reason r);

#endif
