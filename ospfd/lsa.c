/* SPDX-License-Identifier: ISC */
/* LSA wire codec, RFC 2328 A.4. */
#include "lsa.h"

#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "wire.h"

#define LSA_CHECKSUM_OFF   16
#define ROUTER_FIXED	   4 /* flags, reserved, #links */
#define ROUTER_LINK_LEN	   12
#define ROUTER_TOS_LEN	   4
#define NETWORK_FIXED	   4 /* mask */
#define SUMMARY_FIXED	   8 /* mask, metric */
#define SUMMARY_TOS_LEN	   4
#define EXTERNAL_FIXED	   4 /* mask */
#define EXTERNAL_ENTRY_LEN 12

enum drop_reason lsa_hdr_decode(const uint8_t *buf, size_t len, struct lsa_hdr *out)
{
	if (len < LSA_HEADER_LEN)
		return DROP_LSA_OVERRUN;
	out->age = get16(buf);
	out->options = buf[2];
	out->type = buf[3];
	out->id = get32(buf + 4);
	out->adv_router = get32(buf + 8);
	out->seq = (int32_t)get32(buf + 12);
	out->checksum = get16(buf + 16);
	out->length = get16(buf + 18);
	if (out->length < LSA_HEADER_LEN)
		return DROP_LSA_TOO_SHORT;
	if (out->length % 4)
		return DROP_LSA_ALIGN;
	return DROP_NONE;
}

void lsa_hdr_encode(const struct lsa_hdr *h, uint8_t *buf)
{
	put16(buf, h->age);
	buf[2] = h->options;
	buf[3] = h->type;
	put32(buf + 4, h->id);
	put32(buf + 8, h->adv_router);
	put32(buf + 12, (uint32_t)h->seq);
	put16(buf + 16, h->checksum);
	put16(buf + 18, h->length);
}

/* RFC 2328 A.4.2: links, each with its TOS entries, fill the body exactly. */
static enum drop_reason router_decode(const uint8_t *p, size_t len, struct lsa_router *r)
{
	size_t off = ROUTER_FIXED;
	uint16_t i;

	if (len < ROUTER_FIXED)
		return DROP_LSA_ROUTER_BODY;
	r->flags = p[0];
	r->nlinks = get16(p + 2);
	if (r->nlinks > (len - ROUTER_FIXED) / ROUTER_LINK_LEN)
		return DROP_LSA_ROUTER_BODY;
	if (r->nlinks) {
		r->links = calloc(r->nlinks, sizeof(*r->links));
		if (!r->links)
			return DROP_NO_MEMORY;
	}
	for (i = 0; i < r->nlinks; i++) {
		struct lsa_router_link *l = &r->links[i];
		uint8_t t;

		if (len - off < ROUTER_LINK_LEN)
			return DROP_LSA_ROUTER_BODY;
		l->id = get32(p + off);
		l->data = get32(p + off + 4);
		l->type = p[off + 8];
		l->ntos = p[off + 9];
		l->metric = get16(p + off + 10);
		off += ROUTER_LINK_LEN;
		if ((size_t)l->ntos * ROUTER_TOS_LEN > len - off)
			return DROP_LSA_ROUTER_BODY;
		if (!l->ntos)
			continue;
		l->tos = calloc(l->ntos, sizeof(*l->tos));
		if (!l->tos)
			return DROP_NO_MEMORY;
		for (t = 0; t < l->ntos; t++, off += ROUTER_TOS_LEN) {
			l->tos[t].tos = p[off];
			l->tos[t].metric = get16(p + off + 2);
		}
	}
	return off == len ? DROP_NONE : DROP_LSA_ROUTER_BODY;
}

/* RFC 2328 A.4.3 */
static enum drop_reason network_decode(const uint8_t *p, size_t len, struct lsa_network *n)
{
	uint32_t i;

	if (len < NETWORK_FIXED || (len - NETWORK_FIXED) % 4)
		return DROP_LSA_NETWORK_BODY;
	n->mask = get32(p);
	n->nrouters = (uint32_t)(len - NETWORK_FIXED) / 4;
	if (!n->nrouters)
		return DROP_NONE;
	n->routers = calloc(n->nrouters, sizeof(*n->routers));
	if (!n->routers)
		return DROP_NO_MEMORY;
	for (i = 0; i < n->nrouters; i++)
		n->routers[i] = get32(p + NETWORK_FIXED + 4 * i);
	return DROP_NONE;
}

/* RFC 2328 A.4.4: mask, the TOS 0 metric, then TOS entries. */
static enum drop_reason summary_decode(const uint8_t *p, size_t len, struct lsa_summary *s)
{
	uint32_t i;

	if (len < SUMMARY_FIXED || (len - SUMMARY_FIXED) % SUMMARY_TOS_LEN)
		return DROP_LSA_SUMMARY_BODY;
	s->mask = get32(p);
	s->metric = get24(p + 5);
	s->ntos = (uint32_t)(len - SUMMARY_FIXED) / SUMMARY_TOS_LEN;
	if (!s->ntos)
		return DROP_NONE;
	s->tos = calloc(s->ntos, sizeof(*s->tos));
	if (!s->tos)
		return DROP_NO_MEMORY;
	for (i = 0; i < s->ntos; i++) {
		const uint8_t *e = p + SUMMARY_FIXED + SUMMARY_TOS_LEN * i;

		s->tos[i].tos = e[0];
		s->tos[i].metric = get24(e + 1);
	}
	return DROP_NONE;
}

/* RFC 2328 A.4.5, RFC 3101 2.3: mask, then one 12-byte entry per TOS, TOS 0 first. */
static enum drop_reason external_decode(const uint8_t *p, size_t len, struct lsa_external *x)
{
	uint32_t i;

	if (len < EXTERNAL_FIXED + EXTERNAL_ENTRY_LEN ||
	    (len - EXTERNAL_FIXED) % EXTERNAL_ENTRY_LEN)
		return DROP_LSA_EXTERNAL_BODY;
	x->mask = get32(p);
	x->nentries = (uint32_t)(len - EXTERNAL_FIXED) / EXTERNAL_ENTRY_LEN;
	x->entries = calloc(x->nentries, sizeof(*x->entries));
	if (!x->entries)
		return DROP_NO_MEMORY;
	for (i = 0; i < x->nentries; i++) {
		const uint8_t *e = p + EXTERNAL_FIXED + EXTERNAL_ENTRY_LEN * i;
		struct lsa_external_entry *d = &x->entries[i];

		d->e_bit = e[0] & 0x80;
		d->tos = e[0] & 0x7f;
		d->metric = get24(e + 1);
		d->forward = get32(e + 4);
		d->tag = get32(e + 8);
	}
	return DROP_NONE;
}

static enum drop_reason raw_decode(const uint8_t *p, size_t len, struct lsa_raw *r)
{
	r->len = (uint16_t)len;
	if (!len)
		return DROP_NONE;
	r->data = malloc(len);
	if (!r->data)
		return DROP_NO_MEMORY;
	memcpy(r->data, p, len);
	return DROP_NONE;
}

static enum drop_reason body_decode(const uint8_t *p, size_t len, struct lsa *l)
{
	switch (l->hdr.type) {
	case LSA_ROUTER:
		return router_decode(p, len, &l->router);
	case LSA_NETWORK:
		return network_decode(p, len, &l->network);
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		return summary_decode(p, len, &l->summary);
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		return external_decode(p, len, &l->external);
	default:
		return raw_decode(p, len, &l->raw);
	}
}

enum drop_reason lsa_decode(const uint8_t *buf, size_t len, struct lsa *out)
{
	enum drop_reason r;

	memset(out, 0, sizeof(*out));
	r = lsa_hdr_decode(buf, len, &out->hdr);
	if (r != DROP_NONE)
		return r;
	if (out->hdr.length > len)
		return DROP_LSA_OVERRUN;
	r = body_decode(buf + LSA_HEADER_LEN, out->hdr.length - LSA_HEADER_LEN, out);
	if (r != DROP_NONE) {
		lsa_free(out);
		return r;
	}
	out->checksum_ok = lsa_checksum_verify(buf, out->hdr.length);
	out->wire = buf;
	return DROP_NONE;
}

static bool is_body_error(enum drop_reason r)
{
	return r == DROP_LSA_ROUTER_BODY || r == DROP_LSA_NETWORK_BODY ||
	       r == DROP_LSA_SUMMARY_BODY || r == DROP_LSA_EXTERNAL_BODY;
}

enum drop_reason lsa_decode_in_update(const uint8_t *buf, size_t len, struct lsa *out)
{
	enum drop_reason why = lsa_decode(buf, len, out), r;
	struct lsa_hdr h;

	if (!is_body_error(why))
		return why;
	/* lsa_decode() freed the body; the header stands and its length fits len */
	h = out->hdr;
	memset(out, 0, sizeof(*out));
	out->hdr = h;
	r = raw_decode(buf + LSA_HEADER_LEN, h.length - LSA_HEADER_LEN, &out->raw);
	if (r != DROP_NONE)
		return r;
	out->body_error = why;
	out->checksum_ok = lsa_checksum_verify(buf, h.length);
	out->wire = buf;
	return DROP_NONE;
}

static size_t router_len(const struct lsa_router *r)
{
	size_t n = ROUTER_FIXED;
	uint16_t i;

	for (i = 0; i < r->nlinks; i++)
		n += ROUTER_LINK_LEN + (size_t)r->links[i].ntos * ROUTER_TOS_LEN;
	return n;
}

static uint8_t body_type(const struct lsa *l);

static size_t body_len(const struct lsa *l)
{
	switch (body_type(l)) {
	case LSA_ROUTER:
		return router_len(&l->router);
	case LSA_NETWORK:
		return NETWORK_FIXED + 4 * (size_t)l->network.nrouters;
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		return SUMMARY_FIXED + SUMMARY_TOS_LEN * (size_t)l->summary.ntos;
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		return EXTERNAL_FIXED + EXTERNAL_ENTRY_LEN * (size_t)l->external.nentries;
	default:
		return l->raw.len;
	}
}

/* The type that says how the body is stored: 0 (raw bytes) for a malformed one. */
static uint8_t body_type(const struct lsa *l)
{
	return l->body_error != DROP_NONE ? 0 : l->hdr.type;
}

size_t lsa_encoded_len(const struct lsa *l)
{
	return LSA_HEADER_LEN + body_len(l);
}

static void router_encode(const struct lsa_router *r, uint8_t *p)
{
	size_t off = ROUTER_FIXED;
	uint16_t i;
	uint8_t t;

	p[0] = r->flags;
	p[1] = 0;
	put16(p + 2, r->nlinks);
	for (i = 0; i < r->nlinks; i++) {
		const struct lsa_router_link *l = &r->links[i];

		put32(p + off, l->id);
		put32(p + off + 4, l->data);
		p[off + 8] = l->type;
		p[off + 9] = l->ntos;
		put16(p + off + 10, l->metric);
		off += ROUTER_LINK_LEN;
		for (t = 0; t < l->ntos; t++, off += ROUTER_TOS_LEN) {
			p[off] = l->tos[t].tos;
			p[off + 1] = 0;
			put16(p + off + 2, (uint16_t)l->tos[t].metric);
		}
	}
}

static void network_encode(const struct lsa_network *n, uint8_t *p)
{
	uint32_t i;

	put32(p, n->mask);
	for (i = 0; i < n->nrouters; i++)
		put32(p + NETWORK_FIXED + 4 * i, n->routers[i]);
}

static void summary_encode(const struct lsa_summary *s, uint8_t *p)
{
	uint32_t i;

	put32(p, s->mask);
	p[4] = 0;
	put24(p + 5, s->metric);
	for (i = 0; i < s->ntos; i++) {
		uint8_t *e = p + SUMMARY_FIXED + SUMMARY_TOS_LEN * i;

		e[0] = s->tos[i].tos;
		put24(e + 1, s->tos[i].metric);
	}
}

static void external_encode(const struct lsa_external *x, uint8_t *p)
{
	uint32_t i;

	put32(p, x->mask);
	for (i = 0; i < x->nentries; i++) {
		const struct lsa_external_entry *d = &x->entries[i];
		uint8_t *e = p + EXTERNAL_FIXED + EXTERNAL_ENTRY_LEN * i;

		e[0] = (uint8_t)((d->e_bit ? 0x80 : 0) | (d->tos & 0x7f));
		put24(e + 1, d->metric);
		put32(e + 4, d->forward);
		put32(e + 8, d->tag);
	}
}

size_t lsa_encode(const struct lsa *l, uint8_t *buf, size_t cap)
{
	size_t len = lsa_encoded_len(l);
	struct lsa_hdr h = l->hdr;
	uint8_t *p = buf + LSA_HEADER_LEN;

	if (len > cap || len > UINT16_MAX)
		return 0;
	h.length = (uint16_t)len;
	lsa_hdr_encode(&h, buf);
	switch (body_type(l)) {
	case LSA_ROUTER:
		router_encode(&l->router, p);
		break;
	case LSA_NETWORK:
		network_encode(&l->network, p);
		break;
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		summary_encode(&l->summary, p);
		break;
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		external_encode(&l->external, p);
		break;
	default:
		if (l->raw.len)
			memcpy(p, l->raw.data, l->raw.len);
		break;
	}
	return len;
}

void lsa_free(struct lsa *l)
{
	uint16_t i;

	switch (body_type(l)) {
	case LSA_ROUTER:
		for (i = 0; l->router.links && i < l->router.nlinks; i++)
			free(l->router.links[i].tos);
		free(l->router.links);
		l->router.links = NULL;
		break;
	case LSA_NETWORK:
		free(l->network.routers);
		l->network.routers = NULL;
		break;
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		free(l->summary.tos);
		l->summary.tos = NULL;
		break;
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		free(l->external.entries);
		l->external.entries = NULL;
		break;
	default:
		free(l->raw.data);
		l->raw.data = NULL;
		break;
	}
}

/* RFC 2328 12.1.7: the Fletcher checksum covers the LSA but its 2-byte age. */
uint16_t lsa_checksum_compute(const uint8_t *buf, size_t len)
{
	if (len < LSA_HEADER_LEN)
		return 0;
	return fletcher_checksum(buf + 2, len - 2, LSA_CHECKSUM_OFF - 2);
}

bool lsa_checksum_verify(const uint8_t *buf, size_t len)
{
	if (len < LSA_HEADER_LEN)
		return false;
	/* a zero checksum field is never valid (the check bytes are never both zero) */
	if (!buf[LSA_CHECKSUM_OFF] && !buf[LSA_CHECKSUM_OFF + 1])
		return false;
	return fletcher_verify(buf + 2, len - 2);
}

void lsa_checksum_set(uint8_t *buf, size_t len)
{
	put16(buf + LSA_CHECKSUM_OFF, lsa_checksum_compute(buf, len));
}

static bool age_is_max(uint16_t age)
{
	return (age & ~LSA_DO_NOT_AGE) >= LSA_MAX_AGE;
}

/* RFC 2328 13.1 */
int lsa_hdr_cmp_newer(const struct lsa_hdr *a, const struct lsa_hdr *b)
{
	int age_a = a->age & ~LSA_DO_NOT_AGE, age_b = b->age & ~LSA_DO_NOT_AGE;

	if (a->seq != b->seq)
		return a->seq > b->seq ? 1 : -1;
	if (a->checksum != b->checksum)
		return a->checksum > b->checksum ? 1 : -1;
	if (age_is_max(a->age) != age_is_max(b->age))
		return age_is_max(a->age) ? 1 : -1;
	if (abs(age_a - age_b) > LSA_MAX_AGE_DIFF)
		return age_a < age_b ? 1 : -1;
	return 0;
}

const char *lsa_type_name(uint8_t type)
{
	static const char *const names[] = {
		[LSA_ROUTER] = "router",	   [LSA_NETWORK] = "network",
		[LSA_SUMMARY_NET] = "summary",	   [LSA_SUMMARY_ASBR] = "asbr-summary",
		[LSA_AS_EXTERNAL] = "external",	   [LSA_GROUP_MEMBERSHIP] = "group-membership",
		[LSA_NSSA] = "nssa-external",	   [LSA_EXT_ATTRIBUTES] = "external-attributes",
		[LSA_OPAQUE_LINK] = "opaque-link", [LSA_OPAQUE_AREA] = "opaque-area",
		[LSA_OPAQUE_AS] = "opaque-as",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return "unknown";
}
