/* SPDX-License-Identifier: ISC */
/* OSPFv2 authentication, RFC 2328 D and RFC 5709, with OpenSSL's libcrypto. */
#include "auth.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <string.h>

#include "wire.h"

#define AUTH_OFF  16
#define APAD_WORD 0x878fe1f3u /* RFC 5709 3.3: Apad is this word repeated */
#define HASH_MAX  64

static const struct {
	const char *name;
	const char *md; /* OpenSSL digest name */
	size_t len;
} algos[AUTH_ALGO_MAX] = {
	[AUTH_ALGO_MD5] = { "md5", "MD5", 16 },
	[AUTH_ALGO_HMAC_SHA1] = { "hmac-sha-1", "SHA1", 20 },
	[AUTH_ALGO_HMAC_SHA256] = { "hmac-sha-256", "SHA256", 32 },
	[AUTH_ALGO_HMAC_SHA384] = { "hmac-sha-384", "SHA384", 48 },
	[AUTH_ALGO_HMAC_SHA512] = { "hmac-sha-512", "SHA512", 64 },
};

const char *auth_algo_name(enum auth_algo a)
{
	return (unsigned)a < AUTH_ALGO_MAX ? algos[a].name : "unknown";
}

bool auth_algo_parse(const char *s, enum auth_algo *a)
{
	unsigned int i;

	for (i = 0; s && i < AUTH_ALGO_MAX; i++) {
		if (!strcmp(s, algos[i].name)) {
			*a = (enum auth_algo)i;
			return true;
		}
	}
	return false;
}

size_t auth_algo_digest_len(enum auth_algo a)
{
	return (unsigned)a < AUTH_ALGO_MAX ? algos[a].len : 0;
}

const char *auth_type_name(uint8_t type)
{
	switch (type) {
	case OSPF_AUTH_NULL:
		return "null";
	case OSPF_AUTH_SIMPLE:
		return "simple";
	case OSPF_AUTH_CRYPTO:
		return "cryptographic";
	default:
		return "unknown";
	}
}

bool auth_conf_set_key(struct auth_conf *c, uint8_t id, enum auth_algo algo, const char *secret)
{
	size_t len = strlen(secret);
	struct auth_key *k = (struct auth_key *)auth_key_find(c, id);

	if (len > AUTH_KEY_MAX || (unsigned)algo >= AUTH_ALGO_MAX ||
	    (algo == AUTH_ALGO_MD5 && len > AUTH_MD5_KEY_LEN))
		return false;
	if (!k) {
		if (c->nkeys >= AUTH_KEYS_MAX)
			return false;
		k = &c->keys[c->nkeys++];
	}
	memset(k, 0, sizeof(*k));
	k->id = id;
	k->algo = (uint8_t)algo;
	k->len = (uint8_t)len;
	memcpy(k->key, secret, len);
	return true;
}

const struct auth_key *auth_key_find(const struct auth_conf *c, uint8_t id)
{
	unsigned int i;

	for (i = 0; i < c->nkeys && i < AUTH_KEYS_MAX; i++)
		if (c->keys[i].id == id)
			return &c->keys[i];
	return NULL;
}

const struct auth_key *auth_send_key(const struct auth_conf *c)
{
	const struct auth_key *best = NULL;
	unsigned int i;

	for (i = 0; i < c->nkeys && i < AUTH_KEYS_MAX; i++)
		if (!best || c->keys[i].id > best->id)
			best = &c->keys[i];
	return best;
}

size_t auth_trailer_len(const struct auth_conf *c)
{
	const struct auth_key *k;

	if (c->type != OSPF_AUTH_CRYPTO)
		return 0;
	k = auth_send_key(c);
	return k ? auth_algo_digest_len((enum auth_algo)k->algo) : AUTH_MD5_KEY_LEN;
}

uint32_t auth_next_seq(uint32_t last, uint32_t now_s)
{
	return now_s > last ? now_s : last + 1;
}

/* RFC 2328 D.4.3: MD5 over the packet followed by the secret padded to 16 bytes. */
static size_t digest_md5(const struct auth_key *k, const uint8_t *buf, size_t len, uint8_t *out)
{
	uint8_t secret[AUTH_MD5_KEY_LEN] = { 0 };
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int n = 0;
	int ok;

	if (k)
		memcpy(secret, k->key, k->len < sizeof(secret) ? k->len : sizeof(secret));
	ok = ctx && EVP_DigestInit_ex(ctx, EVP_md5(), NULL) && EVP_DigestUpdate(ctx, buf, len) &&
	     EVP_DigestUpdate(ctx, secret, sizeof(secret)) && EVP_DigestFinal_ex(ctx, out, &n);
	EVP_MD_CTX_free(ctx);
	OPENSSL_cleanse(secret, sizeof(secret));
	return ok ? n : 0;
}

/*
 * RFC 5709 3.3: the key is first brought to the hash's length L (hashed if longer, zero
 * padded if shorter); HMAC then runs over the packet followed by Apad (L bytes of
 * 0x878FE1F3), which stands where the digest goes.
 */
static size_t digest_hmac(const struct auth_key *k, const uint8_t *buf, size_t len, uint8_t *out)
{
	const char *md = algos[k->algo].md;
	size_t L = algos[k->algo].len, n = 0, i;
	uint8_t ks[HASH_MAX] = { 0 }, apad[HASH_MAX];
	OSSL_PARAM params[2];
	EVP_MAC *mac;
	EVP_MAC_CTX *ctx = NULL;
	int ok = 1;

	if (k->len > L) {
		unsigned int hl = 0;

		ok = EVP_Digest(k->key, k->len, ks, &hl, EVP_get_digestbyname(md), NULL) && hl == L;
	} else {
		memcpy(ks, k->key, k->len);
	}
	for (i = 0; i < L; i += 4)
		put32(apad + i, APAD_WORD);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)md, 0);
	params[1] = OSSL_PARAM_construct_end();
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac)
		ctx = EVP_MAC_CTX_new(mac);
	ok = ok && ctx && EVP_MAC_init(ctx, ks, L, params) && EVP_MAC_update(ctx, buf, len) &&
	     EVP_MAC_update(ctx, apad, L) && EVP_MAC_final(ctx, out, &n, HASH_MAX) && n == L;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	OPENSSL_cleanse(ks, sizeof(ks));
	return ok ? n : 0;
}

size_t auth_digest(const struct auth_key *k, const uint8_t *buf, size_t len, uint8_t *out)
{
	if (!k || k->algo == AUTH_ALGO_MD5)
		return digest_md5(k, buf, len, out);
	if (k->algo >= AUTH_ALGO_MAX)
		return 0;
	return digest_hmac(k, buf, len, out);
}

size_t auth_sign(const struct auth_conf *c, uint32_t seq, uint8_t *buf, size_t len, size_t cap)
{
	size_t tlen = auth_trailer_len(c);
	const struct auth_key *k;

	if (len < OSPF_HEADER_LEN || len + tlen > cap)
		return 0;
	put16(buf + 12, 0);
	put16(buf + 14, c->type);
	memset(buf + AUTH_OFF, 0, AUTH_SIMPLE_LEN);
	if (c->type != OSPF_AUTH_CRYPTO) {
		/* RFC 2328 D.4.1, D.4.2: the checksum leaves the 64-bit field out */
		if (c->type == OSPF_AUTH_SIMPLE)
			memcpy(buf + AUTH_OFF, c->simple, AUTH_SIMPLE_LEN);
		put16(buf + 12, ospf_packet_checksum(buf, len));
		return len;
	}
	/* RFC 2328 D.4.3: key id, digest length, sequence number; no checksum */
	k = auth_send_key(c);
	buf[AUTH_OFF + 2] = k ? k->id : 0;
	buf[AUTH_OFF + 3] = (uint8_t)tlen;
	put32(buf + AUTH_OFF + 4, seq);
	if (auth_digest(k, buf, len, buf + len) != tlen)
		return 0;
	return len + tlen;
}

static enum drop_reason verify_crypto(const struct auth_conf *c, const uint8_t *buf,
				      const struct ospf_hdr *h, const uint32_t *last_seq)
{
	const struct auth_key *k = auth_key_find(c, h->auth.key_id);
	uint8_t d[HASH_MAX];
	size_t n;

	if (!k)
		return DROP_AUTH_UNKNOWN_KEY;
	n = auth_algo_digest_len((enum auth_algo)k->algo);
	if (h->auth.digest_len != n)
		return DROP_AUTH_DIGEST_LENGTH;
	if (auth_digest(k, buf, h->length, d) != n || CRYPTO_memcmp(d, h->auth.digest, n))
		return DROP_AUTH_BAD_DIGEST;
	/* RFC 2328 D.4.3: a sequence number below the neighbor's last is a replay */
	if (last_seq && h->auth.crypto_seq < *last_seq)
		return DROP_AUTH_SEQ_DECREASE;
	return DROP_NONE;
}

enum drop_reason auth_verify(const struct auth_conf *c, const uint8_t *buf,
			     const struct ospf_hdr *h, const uint32_t *last_seq)
{
	if (h->auth_type != c->type)
		return DROP_AUTH_MISMATCH;
	switch (h->auth_type) {
	case OSPF_AUTH_NULL:
		/* RFC 2328 D.4.1: the field is not examined */
		return DROP_NONE;
	case OSPF_AUTH_SIMPLE:
		return CRYPTO_memcmp(h->auth.data, c->simple, AUTH_SIMPLE_LEN)
			   ? DROP_AUTH_BAD_PASSWORD
			   : DROP_NONE;
	default:
		return verify_crypto(c, buf, h, last_seq);
	}
}

const char *auth_failure_reason(enum drop_reason r)
{
	switch (r) {
	case DROP_AUTH_MISMATCH:
		return "auth failure: authentication type mismatch";
	case DROP_AUTH_BAD_PASSWORD:
		return "auth failure: wrong password";
	case DROP_AUTH_UNKNOWN_KEY:
		return "auth failure: unknown key id";
	case DROP_AUTH_DIGEST_LENGTH:
		return "auth failure: digest length does not match the key's algorithm";
	case DROP_AUTH_BAD_DIGEST:
		return "auth failure: wrong digest";
	case DROP_AUTH_SEQ_DECREASE:
		return "auth failure: cryptographic sequence number decreased";
	default:
		return NULL;
	}
}
