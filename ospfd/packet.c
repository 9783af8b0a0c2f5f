/* SPDX-License-Identifier: ISC */
/* OSPFv2 packet codec, RFC 2328 A.3. */
#include "packet.h"

#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "wire.h"

#define AUTH_OFF      16
#define AUTH_LEN      8
#define HELLO_FIXED   20
#define DD_FIXED      8
#define LSR_ENTRY_LEN 12
#define LSU_FIXED     4
#define LLS_HDR_LEN   4

/* The fixed part of each packet type's body, indexed by type. */
static const size_t body_fixed[] = {
	[OSPF_PKT_HELLO] = HELLO_FIXED, [OSPF_PKT_DD] = DD_FIXED, [OSPF_PKT_LSR] = 0,
	[OSPF_PKT_LSU] = LSU_FIXED,	[OSPF_PKT_LSACK] = 0,
};

/* RFC 2328 D.3, RFC 5709: keyed MD5 and HMAC-SHA-1/256/384/512 digests. */
static bool digest_len_valid(uint8_t n)
{
	return n == 16 || n == 20 || n == 32 || n == 48 || n == 64;
}

/* RFC 2328 D.4.1: one's complement sum over the packet, the 64-bit auth field skipped and
 * the checksum field taken as zero. */
uint16_t ospf_packet_checksum(const uint8_t *buf, size_t len)
{
	uint32_t sum;

	if (len < OSPF_HEADER_LEN)
		return 0;
	sum = inet_sum_add(0, buf, 12);
	sum = inet_sum_add(sum, buf + 14, 2);
	sum = inet_sum_add(sum, buf + OSPF_HEADER_LEN, len - OSPF_HEADER_LEN);
	return inet_sum_finish(sum);
}

static void auth_decode(const uint8_t *p, uint16_t type, struct ospf_auth *a)
{
	memcpy(a->data, p, AUTH_LEN);
	if (type == OSPF_AUTH_CRYPTO) {
		a->key_id = p[2];
		a->digest_len = p[3];
		a->crypto_seq = get32(p + 4);
	}
}

static enum drop_reason hdr_decode(const uint8_t *buf, size_t len, struct ospf_hdr *h)
{
	if (len < OSPF_HEADER_LEN)
		return DROP_TRUNCATED_HEADER;
	h->version = buf[0];
	h->type = buf[1];
	h->length = get16(buf + 2);
	h->router_id = get32(buf + 4);
	h->area_id = get32(buf + 8);
	h->checksum = get16(buf + 12);
	h->auth_type = get16(buf + 14);
	if (h->version != OSPF_VERSION)
		return DROP_BAD_VERSION;
	if (h->type < OSPF_PKT_HELLO || h->type > OSPF_PKT_LSACK)
		return DROP_BAD_TYPE;
	if (h->length < OSPF_HEADER_LEN + body_fixed[h->type])
		return DROP_LENGTH_TOO_SHORT;
	if (h->length > len)
		return DROP_LENGTH_OVERRUN;
	if (h->auth_type > OSPF_AUTH_CRYPTO)
		return DROP_BAD_AUTH_TYPE;
	auth_decode(buf + AUTH_OFF, h->auth_type, &h->auth);
	if (h->auth_type == OSPF_AUTH_CRYPTO) {
		if (!digest_len_valid(h->auth.digest_len))
			return DROP_BAD_AUTH_LENGTH;
		if ((size_t)h->length + h->auth.digest_len > len)
			return DROP_AUTH_TRAILER_OVERRUN;
		memcpy(h->auth.digest, buf + h->length, h->auth.digest_len);
	} else if (ospf_packet_checksum(buf, h->length) != h->checksum) {
		/* RFC 2328 D.4.3: crypto-authenticated packets carry no checksum */
		return DROP_BAD_CHECKSUM;
	}
	return DROP_NONE;
}

/* RFC 2328 A.3.2 */
static enum drop_reason hello_decode(const uint8_t *p, size_t len, struct ospf_hello *h)
{
	uint32_t i;

	if ((len - HELLO_FIXED) % 4)
		return DROP_HELLO_ALIGN;
	h->mask = get32(p);
	h->hello_interval = get16(p + 4);
	h->options = p[6];
	h->priority = p[7];
	h->dead_interval = get32(p + 8);
	h->dr = get32(p + 12);
	h->bdr = get32(p + 16);
	h->nneighbors = (uint32_t)(len - HELLO_FIXED) / 4;
	if (!h->nneighbors)
		return DROP_NONE;
	h->neighbors = calloc(h->nneighbors, sizeof(*h->neighbors));
	if (!h->neighbors)
		return DROP_NO_MEMORY;
	for (i = 0; i < h->nneighbors; i++)
		h->neighbors[i] = get32(p + HELLO_FIXED + 4 * i);
	return DROP_NONE;
}

/* A list of LSA headers filling p[0..len) exactly (DD and LSAck bodies). */
static enum drop_reason hdr_list_decode(const uint8_t *p, size_t len, enum drop_reason misaligned,
					uint32_t *count, struct lsa_hdr **out)
{
	uint32_t i;

	if (len % LSA_HEADER_LEN)
		return misaligned;
	*count = (uint32_t)(len / LSA_HEADER_LEN);
	if (!*count)
		return DROP_NONE;
	*out = calloc(*count, sizeof(**out));
	if (!*out)
		return DROP_NO_MEMORY;
	for (i = 0; i < *count; i++) {
		enum drop_reason r =
		    lsa_hdr_decode(p + LSA_HEADER_LEN * i, LSA_HEADER_LEN, &(*out)[i]);

		if (r != DROP_NONE)
			return r;
	}
	return DROP_NONE;
}

/* RFC 2328 A.3.3 */
static enum drop_reason dd_decode(const uint8_t *p, size_t len, struct ospf_dd *d)
{
	d->mtu = get16(p);
	d->options = p[2];
	d->flags = p[3];
	d->seq = get32(p + 4);
	return hdr_list_decode(p + DD_FIXED, len - DD_FIXED, DROP_DD_ALIGN, &d->nlsas, &d->lsas);
}

/* RFC 2328 A.3.4 */
static enum drop_reason lsr_decode(const uint8_t *p, size_t len, struct ospf_lsr *r)
{
	uint32_t i;

	if (len % LSR_ENTRY_LEN)
		return DROP_LSR_ALIGN;
	r->nreqs = (uint32_t)(len / LSR_ENTRY_LEN);
	if (!r->nreqs)
		return DROP_NONE;
	r->reqs = calloc(r->nreqs, sizeof(*r->reqs));
	if (!r->reqs)
		return DROP_NO_MEMORY;
	for (i = 0; i < r->nreqs; i++) {
		const uint8_t *e = p + LSR_ENTRY_LEN * i;

		r->reqs[i].type = get32(e);
		r->reqs[i].id = get32(e + 4);
		r->reqs[i].adv_router = get32(e + 8);
	}
	return DROP_NONE;
}

/* RFC 2328 A.3.5: the count is checked against what can fit before anything is allocated,
 * and the LSAs' lengths must fill the packet exactly. */
static enum drop_reason lsu_decode(const uint8_t *p, size_t len, struct ospf_lsu *u)
{
	uint32_t count = get32(p);
	size_t off = LSU_FIXED;

	if (count > (len - LSU_FIXED) / LSA_HEADER_LEN)
		return DROP_LSU_COUNT_OVERRUN;
	if (count) {
		u->lsas = calloc(count, sizeof(*u->lsas));
		if (!u->lsas)
			return DROP_NO_MEMORY;
	}
	for (u->nlsas = 0; u->nlsas < count; u->nlsas++) {
		struct lsa *l = &u->lsas[u->nlsas];
		enum drop_reason r;

		if (len - off < LSA_HEADER_LEN)
			return DROP_LSU_COUNT_OVERRUN;
		/* RFC 2328 13: a malformed body spoils its LSA only, not the update */
		r = lsa_decode_in_update(p + off, len - off, l);
		if (r != DROP_NONE)
			return r;
		off += l->hdr.length;
	}
	return off == len ? DROP_NONE : DROP_LSU_TRAILING;
}

static enum drop_reason body_decode(const uint8_t *p, size_t len, struct ospf_packet *pkt)
{
	switch (pkt->hdr.type) {
	case OSPF_PKT_HELLO:
		return hello_decode(p, len, &pkt->hello);
	case OSPF_PKT_DD:
		return dd_decode(p, len, &pkt->dd);
	case OSPF_PKT_LSR:
		return lsr_decode(p, len, &pkt->lsr);
	case OSPF_PKT_LSU:
		return lsu_decode(p, len, &pkt->lsu);
	default:
		return hdr_list_decode(p, len, DROP_LSACK_ALIGN, &pkt->lsack.nlsas,
				       &pkt->lsack.lsas);
	}
}

static uint8_t packet_options(const struct ospf_packet *p)
{
	if (p->hdr.type == OSPF_PKT_HELLO)
		return p->hello.options;
	if (p->hdr.type == OSPF_PKT_DD)
		return p->dd.options;
	return 0;
}

/*
 * RFC 5613 2.2: with the L option, an LLS block (checksum, length in 32-bit words, TLVs)
 * follows the packet and its digest. One that does not fit is ignored, not an error.
 */
static enum drop_reason lls_decode(const uint8_t *buf, size_t len, struct ospf_packet *p)
{
	size_t off = p->hdr.length;
	size_t lls_len;

	if (!(packet_options(p) & OSPF_OPT_L))
		return DROP_NONE;
	if (p->hdr.auth_type == OSPF_AUTH_CRYPTO)
		off += p->hdr.auth.digest_len;
	if (len < off + LLS_HDR_LEN)
		return DROP_NONE;
	lls_len = (size_t)get16(buf + off + 2) * 4;
	/* no IPv4 packet carries 64 KiB of LLS: longer is as malformed as not fitting */
	if (lls_len < LLS_HDR_LEN || lls_len > len - off || lls_len > UINT16_MAX)
		return DROP_NONE;
	p->lls = malloc(lls_len);
	if (!p->lls)
		return DROP_NO_MEMORY;
	memcpy(p->lls, buf + off, lls_len);
	p->lls_len = (uint16_t)lls_len;
	return DROP_NONE;
}

enum drop_reason ospf_packet_decode(const uint8_t *buf, size_t len, struct ospf_packet *out)
{
	enum drop_reason r;

	memset(out, 0, sizeof(*out));
	r = hdr_decode(buf, len, &out->hdr);
	if (r != DROP_NONE)
		return r;
	r = body_decode(buf + OSPF_HEADER_LEN, out->hdr.length - OSPF_HEADER_LEN, out);
	if (r == DROP_NONE)
		r = lls_decode(buf, len, out);
	if (r != DROP_NONE) {
		struct ospf_hdr hdr = out->hdr;

		ospf_packet_free(out);
		out->hdr = hdr;
	}
	return r;
}

static size_t body_len(const struct ospf_packet *p)
{
	size_t n = 0;
	uint32_t i;

	switch (p->hdr.type) {
	case OSPF_PKT_HELLO:
		return HELLO_FIXED + 4 * (size_t)p->hello.nneighbors;
	case OSPF_PKT_DD:
		return DD_FIXED + LSA_HEADER_LEN * (size_t)p->dd.nlsas;
	case OSPF_PKT_LSR:
		return LSR_ENTRY_LEN * (size_t)p->lsr.nreqs;
	case OSPF_PKT_LSU:
		for (i = 0; i < p->lsu.nlsas; i++)
			n += lsa_encoded_len(&p->lsu.lsas[i]);
		return LSU_FIXED + n;
	case OSPF_PKT_LSACK:
		return LSA_HEADER_LEN * (size_t)p->lsack.nlsas;
	default:
		return 0;
	}
}

static size_t trailer_len(const struct ospf_packet *p)
{
	size_t n = p->lls_len;

	if (p->hdr.auth_type == OSPF_AUTH_CRYPTO)
		n += p->hdr.auth.digest_len;
	return n;
}

size_t ospf_packet_encoded_len(const struct ospf_packet *p)
{
	return OSPF_HEADER_LEN + body_len(p) + trailer_len(p);
}

static void hello_encode(const struct ospf_hello *h, uint8_t *p)
{
	uint32_t i;

	put32(p, h->mask);
	put16(p + 4, h->hello_interval);
	p[6] = h->options;
	p[7] = h->priority;
	put32(p + 8, h->dead_interval);
	put32(p + 12, h->dr);
	put32(p + 16, h->bdr);
	for (i = 0; i < h->nneighbors; i++)
		put32(p + HELLO_FIXED + 4 * i, h->neighbors[i]);
}

static void hdr_list_encode(const struct lsa_hdr *h, uint32_t n, uint8_t *p)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		lsa_hdr_encode(&h[i], p + LSA_HEADER_LEN * i);
}

static void dd_encode(const struct ospf_dd *d, uint8_t *p)
{
	put16(p, d->mtu);
	p[2] = d->options;
	p[3] = d->flags;
	put32(p + 4, d->seq);
	hdr_list_encode(d->lsas, d->nlsas, p + DD_FIXED);
}

static void lsr_encode(const struct ospf_lsr *r, uint8_t *p)
{
	uint32_t i;

	for (i = 0; i < r->nreqs; i++, p += LSR_ENTRY_LEN) {
		put32(p, r->reqs[i].type);
		put32(p + 4, r->reqs[i].id);
		put32(p + 8, r->reqs[i].adv_router);
	}
}

static void lsu_encode(const struct ospf_lsu *u, uint8_t *p, size_t cap)
{
	size_t off = LSU_FIXED;
	uint32_t i;

	put32(p, u->nlsas);
	for (i = 0; i < u->nlsas; i++)
		off += lsa_encode(&u->lsas[i], p + off, cap - off);
}

static void body_encode(const struct ospf_packet *pkt, uint8_t *p, size_t cap)
{
	switch (pkt->hdr.type) {
	case OSPF_PKT_HELLO:
		hello_encode(&pkt->hello, p);
		break;
	case OSPF_PKT_DD:
		dd_encode(&pkt->dd, p);
		break;
	case OSPF_PKT_LSR:
		lsr_encode(&pkt->lsr, p);
		break;
	case OSPF_PKT_LSU:
		lsu_encode(&pkt->lsu, p, cap);
		break;
	case OSPF_PKT_LSACK:
		hdr_list_encode(pkt->lsack.lsas, pkt->lsack.nlsas, p);
		break;
	}
}

static void auth_encode(const struct ospf_hdr *h, uint8_t *p)
{
	if (h->auth_type != OSPF_AUTH_CRYPTO) {
		memcpy(p, h->auth.data, AUTH_LEN);
		return;
	}
	p[0] = 0;
	p[1] = 0;
	p[2] = h->auth.key_id;
	p[3] = h->auth.digest_len;
	put32(p + 4, h->auth.crypto_seq);
}

size_t ospf_packet_encode(const struct ospf_packet *p, uint8_t *buf, size_t cap)
{
	size_t plen = OSPF_HEADER_LEN + body_len(p);
	size_t total = plen + trailer_len(p);
	uint8_t *t = buf + plen;

	if (total > cap || plen > UINT16_MAX)
		return 0;
	if (p->hdr.auth_type == OSPF_AUTH_CRYPTO && p->hdr.auth.digest_len > OSPF_AUTH_DIGEST_MAX)
		return 0;
	buf[0] = OSPF_VERSION;
	buf[1] = p->hdr.type;
	put16(buf + 2, (uint16_t)plen);
	put32(buf + 4, p->hdr.router_id);
	put32(buf + 8, p->hdr.area_id);
	put16(buf + 12, 0);
	put16(buf + 14, p->hdr.auth_type);
	auth_encode(&p->hdr, buf + AUTH_OFF);
	body_encode(p, buf + OSPF_HEADER_LEN, plen - OSPF_HEADER_LEN);
	if (p->hdr.auth_type == OSPF_AUTH_CRYPTO) {
		memcpy(t, p->hdr.auth.digest, p->hdr.auth.digest_len);
		t += p->hdr.auth.digest_len;
	} else {
		put16(buf + 12, ospf_packet_checksum(buf, plen));
	}
	if (p->lls_len)
		memcpy(t, p->lls, p->lls_len);
	return total;
}

void ospf_packet_free(struct ospf_packet *p)
{
	uint32_t i;

	switch (p->hdr.type) {
	case OSPF_PKT_HELLO:
		free(p->hello.neighbors);
		break;
	case OSPF_PKT_DD:
		free(p->dd.lsas);
		break;
	case OSPF_PKT_LSR:
		free(p->lsr.reqs);
		break;
	case OSPF_PKT_LSU:
		for (i = 0; p->lsu.lsas && i < p->lsu.nlsas; i++)
			lsa_free(&p->lsu.lsas[i]);
		free(p->lsu.lsas);
		break;
	case OSPF_PKT_LSACK:
		free(p->lsack.lsas);
		break;
	}
	free(p->lls);
	memset(p, 0, sizeof(*p));
}

const char *ospf_packet_type_name(uint8_t type)
{
	static const char *const names[] = {
		[OSPF_PKT_HELLO] = "Hello",
		[OSPF_PKT_DD] = "Database Description",
		[OSPF_PKT_LSR] = "Link State Request",
		[OSPF_PKT_LSU] = "Link State Update",
		[OSPF_PKT_LSACK] = "Link State Acknowledgment",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return "Unknown";
}
