/* SPDX-License-Identifier: ISC */
/*
 * `ospfd --decode`: every OSPF packet of a capture becomes one json-c object, built once;
 * the text view is rendered from that object by a generic renderer (labels from a table,
 * nested objects indented), so text and JSON cannot disagree.
 */
#include "decode.h"

#include <ctype.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pcapread.h"
#include "wire.h"

#define IPPROTO_NUM_OSPF 89
#define LLS_HDR_LEN	 4
#define LLS_TLV_HDR_LEN	 4

#define HEX_WRAP 64 /* hex digits per text line */

/* ---- building the JSON object (NULL-safe: an allocation failure only loses fields) ---- */

static void add(struct json_object *o, const char *key, struct json_object *v)
{
	if (o)
		json_object_object_add(o, key, v);
	else
		json_object_put(v);
}

static void add_int(struct json_object *o, const char *key, int64_t v)
{
	add(o, key, json_object_new_int64(v));
}

static void add_str(struct json_object *o, const char *key, const char *s)
{
	add(o, key, json_object_new_string(s));
}

static void add_bool(struct json_object *o, const char *key, bool v)
{
	add(o, key, json_object_new_boolean(v));
}

static void add_hex(struct json_object *o, const char *key, uint32_t v, int digits)
{
	char s[16];

	snprintf(s, sizeof(s), "0x%0*x", digits, v);
	add_str(o, key, s);
}

static struct json_object *new_ip(uint32_t a)
{
	char s[16];

	snprintf(s, sizeof(s), "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
	return json_object_new_string(s);
}

static void add_ip(struct json_object *o, const char *key, uint32_t a)
{
	add(o, key, new_ip(a));
}

static void add_bytes(struct json_object *o, const char *key, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *s = malloc(2 * n + 1);
	size_t i;

	if (!s)
		return;
	for (i = 0; i < n; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 0x0f];
	}
	s[2 * n] = '\0';
	add_str(o, key, s);
	free(s);
}

static struct json_object *add_obj(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!o)
		return NULL;
	v = json_object_new_object();
	add(o, key, v);
	return v;
}

static struct json_object *add_arr(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!o)
		return NULL;
	v = json_object_new_array();
	add(o, key, v);
	return v;
}

static void arr_add(struct json_object *a, struct json_object *v)
{
	if (a)
		json_object_array_add(a, v);
	else
		json_object_put(v);
}

struct flag_name {
	uint32_t bit;
	const char *name;
};

/* RFC 2328 A.2, RFC 5250, RFC 5613, most significant first as tshark lists them */
static const struct flag_name option_flags[] = {
	{ OSPF_OPT_DN, "DN" }, { OSPF_OPT_O, "O" },   { OSPF_OPT_DC, "DC" },
	{ OSPF_OPT_L, "L" },   { OSPF_OPT_NP, "NP" }, { OSPF_OPT_MC, "MC" },
	{ OSPF_OPT_E, "E" },   { OSPF_OPT_MT, "MT" }, { 0, NULL },
};

static const struct flag_name dd_flags[] = {
	{ OSPF_DD_R, "R" },   { OSPF_DD_I, "I" }, { OSPF_DD_M, "M" },
	{ OSPF_DD_MS, "MS" }, { 0, NULL },
};

static const struct flag_name router_flags[] = {
	{ LSA_ROUTER_H, "H" }, { LSA_ROUTER_NT, "Nt" }, { LSA_ROUTER_W, "W" },
	{ LSA_ROUTER_V, "V" }, { LSA_ROUTER_E, "E" },	{ LSA_ROUTER_B, "B" },
	{ 0, NULL },
};

/* key: "0x12", keyList: ["L", "E"] (the text view shows them as one line) */
static void add_flags(struct json_object *o, const char *key, uint32_t v,
		      const struct flag_name *names)
{
	struct json_object *list;
	char list_key[64];

	add_hex(o, key, v, 2);
	snprintf(list_key, sizeof(list_key), "%sList", key);
	list = add_arr(o, list_key);
	for (; names->name; names++)
		if (v & names->bit)
			arr_add(list, json_object_new_string(names->name));
}

static const char *auth_type_name(uint16_t t)
{
	switch (t) {
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

static const char *link_type_name(uint8_t t)
{
	switch (t) {
	case LSA_LINK_P2P:
		return "point-to-point";
	case LSA_LINK_TRANSIT:
		return "transit";
	case LSA_LINK_STUB:
		return "stub";
	case LSA_LINK_VIRTUAL:
		return "virtual-link";
	default:
		return "unknown";
	}
}

/* IANA "Opaque Link-State Advertisements (LSA) Option Types" */
static const char *opaque_type_name(uint8_t t)
{
	switch (t) {
	case 1:
		return "traffic-engineering";
	case 3:
		return "grace";
	case 4:
		return "router-information";
	case 7:
		return "extended-prefix";
	case 8:
		return "extended-link";
	default:
		return "unknown";
	}
}

/* RFC 5613 2.2 (1, 2), RFC 8510 (18) */
static const char *lls_tlv_name(uint16_t t)
{
	switch (t) {
	case 1:
		return "extended-options";
	case 2:
		return "crypto-authentication";
	case 18:
		return "local-interface-id";
	default:
		return "unknown";
	}
}

static bool lsa_type_is_opaque(uint8_t t)
{
	return t == LSA_OPAQUE_LINK || t == LSA_OPAQUE_AREA || t == LSA_OPAQUE_AS;
}

/* checksum_ok NULL: a bare header (DD, LSAck), whose checksum covers a body not sent */
static void lsa_hdr_fill(struct json_object *o, const struct lsa_hdr *h, const bool *checksum_ok)
{
	add_int(o, "lsaAge", h->age & ~LSA_DO_NOT_AGE);
	add_bool(o, "doNotAge", h->age & LSA_DO_NOT_AGE);
	add_flags(o, "options", h->options, option_flags);
	add_int(o, "lsaType", h->type);
	add_str(o, "lsaTypeName", lsa_type_name(h->type));
	add_ip(o, "linkStateId", h->id);
	if (lsa_type_is_opaque(h->type)) {
		/* RFC 5250 3: the link state id is an 8-bit opaque type and a 24-bit opaque id */
		add_int(o, "opaqueType", h->id >> 24);
		add_str(o, "opaqueTypeName", opaque_type_name((uint8_t)(h->id >> 24)));
		add_int(o, "opaqueId", h->id & 0xffffff);
	}
	add_ip(o, "advertisingRouter", h->adv_router);
	add_hex(o, "sequenceNumber", (uint32_t)h->seq, 8);
	add_hex(o, "checksum", h->checksum, 4);
	if (checksum_ok)
		add_str(o, "checksumStatus", *checksum_ok ? "correct" : "wrong");
	add_int(o, "length", h->length);
}

static void tos_metrics_fill(struct json_object *o, const struct lsa_tos_metric *t, uint32_t n)
{
	struct json_object *a;
	uint32_t i;

	if (!n)
		return;
	a = add_arr(o, "tosMetrics");
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_new_object();

		add_int(e, "tos", t[i].tos);
		add_int(e, "metric", t[i].metric);
		arr_add(a, e);
	}
}

/* RFC 2328 A.4.2 */
static void router_fill(struct json_object *o, const struct lsa_router *r)
{
	struct json_object *links;
	uint16_t i;

	add_flags(o, "flags", r->flags, router_flags);
	add_int(o, "numberOfLinks", r->nlinks);
	links = add_arr(o, "links");
	for (i = 0; i < r->nlinks; i++) {
		const struct lsa_router_link *l = &r->links[i];
		struct json_object *e = json_object_new_object();

		add_int(e, "linkType", l->type);
		add_str(e, "linkTypeName", link_type_name(l->type));
		add_ip(e, "linkId", l->id);
		add_ip(e, "linkData", l->data);
		add_int(e, "metric", l->metric);
		add_int(e, "numberOfTosMetrics", l->ntos);
		tos_metrics_fill(e, l->tos, l->ntos);
		arr_add(links, e);
	}
}

static void network_fill(struct json_object *o, const struct lsa_network *n)
{
	struct json_object *a;
	uint32_t i;

	add_ip(o, "networkMask", n->mask);
	a = add_arr(o, "attachedRouters");
	for (i = 0; i < n->nrouters; i++)
		arr_add(a, new_ip(n->routers[i]));
}

static void summary_fill(struct json_object *o, const struct lsa_summary *s)
{
	add_ip(o, "networkMask", s->mask);
	add_int(o, "metric", s->metric);
	tos_metrics_fill(o, s->tos, s->ntos);
}

static void external_entry_fill(struct json_object *o, const struct lsa_external_entry *e)
{
	add_str(o, "metricType", e->e_bit ? "E2" : "E1");
	add_int(o, "tos", e->tos);
	add_int(o, "metric", e->metric);
	add_ip(o, "forwardAddress", e->forward);
	add_int(o, "externalRouteTag", e->tag);
}

/* RFC 2328 A.4.5, RFC 3101 2.3: the TOS 0 route flat, like FRR; others in a list */
static void external_fill(struct json_object *o, const struct lsa_external *x)
{
	struct json_object *a;
	uint32_t i;

	add_ip(o, "networkMask", x->mask);
	if (!x->nentries)
		return;
	external_entry_fill(o, &x->entries[0]);
	if (x->nentries < 2)
		return;
	a = add_arr(o, "tosRoutes");
	for (i = 1; i < x->nentries; i++) {
		struct json_object *e = json_object_new_object();

		external_entry_fill(e, &x->entries[i]);
		arr_add(a, e);
	}
}

struct json_object *decode_lsa_json(const struct lsa *l)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	lsa_hdr_fill(o, &l->hdr, &l->checksum_ok);
	if (l->body_error != DROP_NONE)
		add_str(o, "bodyError", drop_reason_name(l->body_error));
	switch (l->body_error != DROP_NONE ? 0 : l->hdr.type) {
	case LSA_ROUTER:
		router_fill(o, &l->router);
		break;
	case LSA_NETWORK:
		network_fill(o, &l->network);
		break;
	case LSA_SUMMARY_NET:
	case LSA_SUMMARY_ASBR:
		summary_fill(o, &l->summary);
		break;
	case LSA_AS_EXTERNAL:
	case LSA_NSSA:
		external_fill(o, &l->external);
		break;
	default:
		add_int(o, "bodyLength", l->raw.len);
		add_bytes(o, "body", l->raw.data, l->raw.len);
		break;
	}
	return o;
}

static void lsa_hdrs_fill(struct json_object *o, const struct lsa_hdr *h, uint32_t n)
{
	struct json_object *a = add_arr(o, "lsaHeaders");
	uint32_t i;

	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_new_object();

		lsa_hdr_fill(e, &h[i], NULL);
		arr_add(a, e);
	}
}

/*
 * RFC 2328 A.3.1, D.3. checksum_status says how the packet fared ("correct", "wrong",
 * "none" under crypto auth, "unverified"); computed >= 0 is the right value for a wrong one.
 * with_auth: the codec read the authentication fields too (it reads the fields before them
 * even from a packet it refuses for its version, type or length).
 */
static void hdr_fill(struct json_object *o, const struct ospf_hdr *h, const char *checksum_status,
		     int32_t computed, bool with_auth)
{
	const struct ospf_auth *a = &h->auth;
	char pw[sizeof(a->data) + 1];
	size_t i;

	add_int(o, "version", h->version);
	add_int(o, "type", h->type);
	add_str(o, "typeName", ospf_packet_type_name(h->type));
	add_int(o, "packetLength", h->length);
	add_ip(o, "routerId", h->router_id);
	add_ip(o, "areaId", h->area_id);
	add_hex(o, "checksum", h->checksum, 4);
	add_str(o, "checksumStatus", checksum_status);
	if (computed >= 0)
		add_hex(o, "checksumComputed", (uint32_t)computed, 4);
	add_int(o, "authType", h->auth_type);
	add_str(o, "authTypeName", auth_type_name(h->auth_type));
	if (!with_auth)
		return;
	switch (h->auth_type) {
	case OSPF_AUTH_CRYPTO:
		add_int(o, "authKeyId", a->key_id);
		add_int(o, "authDigestLength", a->digest_len);
		add_int(o, "authSequenceNumber", a->crypto_seq);
		add_bytes(o, "authDigest", a->digest,
			  a->digest_len < OSPF_AUTH_DIGEST_MAX ? a->digest_len
							       : OSPF_AUTH_DIGEST_MAX);
		break;
	case OSPF_AUTH_SIMPLE:
		/* printable only: the text view goes to a terminal */
		for (i = 0; i < sizeof(a->data) && a->data[i]; i++)
			pw[i] = isprint(a->data[i]) ? (char)a->data[i] : '.';
		pw[i] = '\0';
		add_str(o, "authPassword", pw);
		add_bytes(o, "authData", a->data, sizeof(a->data));
		break;
	default:
		add_bytes(o, "authData", a->data, sizeof(a->data));
		break;
	}
}

/* RFC 5613 2.2: checksum, length in 32-bit words, then TLVs padded to 32 bits */
static void lls_fill(struct json_object *o, const uint8_t *p, size_t len)
{
	struct json_object *lls, *tlvs;
	size_t off = LLS_HDR_LEN;

	if (len < LLS_HDR_LEN)
		return;
	lls = add_obj(o, "lls");
	add_hex(lls, "checksum", get16(p), 4);
	add_int(lls, "length", (int64_t)len);
	add_bytes(lls, "data", p, len);
	tlvs = add_arr(lls, "tlvs");
	while (len - off >= LLS_TLV_HDR_LEN) {
		uint16_t type = get16(p + off), tlen = get16(p + off + 2);
		struct json_object *t;

		if (tlen > len - off - LLS_TLV_HDR_LEN) {
			add_bytes(lls, "malformedTail", p + off, len - off);
			return;
		}
		t = json_object_new_object();
		add_int(t, "type", type);
		add_str(t, "typeName", lls_tlv_name(type));
		add_int(t, "length", tlen);
		add_bytes(t, "value", p + off + LLS_TLV_HDR_LEN, tlen);
		arr_add(tlvs, t);
		off += LLS_TLV_HDR_LEN + (((size_t)tlen + 3) & ~(size_t)3);
		if (off >= len)
			return;
	}
}

static void body_fill(struct json_object *o, const struct ospf_packet *p)
{
	struct json_object *b, *a;
	uint32_t i;

	switch (p->hdr.type) {
	case OSPF_PKT_HELLO:
		b = add_obj(o, "hello");
		add_ip(b, "networkMask", p->hello.mask);
		add_int(b, "helloInterval", p->hello.hello_interval);
		add_flags(b, "options", p->hello.options, option_flags);
		add_int(b, "routerPriority", p->hello.priority);
		add_int(b, "routerDeadInterval", p->hello.dead_interval);
		add_ip(b, "designatedRouter", p->hello.dr);
		add_ip(b, "backupDesignatedRouter", p->hello.bdr);
		a = add_arr(b, "neighbors");
		for (i = 0; i < p->hello.nneighbors; i++)
			arr_add(a, new_ip(p->hello.neighbors[i]));
		break;
	case OSPF_PKT_DD:
		b = add_obj(o, "databaseDescription");
		add_int(b, "interfaceMtu", p->dd.mtu);
		add_flags(b, "options", p->dd.options, option_flags);
		add_flags(b, "flags", p->dd.flags, dd_flags);
		add_int(b, "ddSequenceNumber", p->dd.seq);
		lsa_hdrs_fill(b, p->dd.lsas, p->dd.nlsas);
		break;
	case OSPF_PKT_LSR:
		b = add_obj(o, "linkStateRequest");
		a = add_arr(b, "requests");
		for (i = 0; i < p->lsr.nreqs; i++) {
			const struct ospf_lsr_entry *r = &p->lsr.reqs[i];
			struct json_object *e = json_object_new_object();

			add_int(e, "lsaType", r->type);
			add_str(e, "lsaTypeName",
				r->type <= UINT8_MAX ? lsa_type_name((uint8_t)r->type) : "unknown");
			add_ip(e, "linkStateId", r->id);
			add_ip(e, "advertisingRouter", r->adv_router);
			arr_add(a, e);
		}
		break;
	case OSPF_PKT_LSU:
		b = add_obj(o, "linkStateUpdate");
		add_int(b, "numberOfLsas", p->lsu.nlsas);
		a = add_arr(b, "lsas");
		for (i = 0; i < p->lsu.nlsas; i++)
			arr_add(a, decode_lsa_json(&p->lsu.lsas[i]));
		break;
	case OSPF_PKT_LSACK:
		b = add_obj(o, "linkStateAcknowledgment");
		lsa_hdrs_fill(b, p->lsack.lsas, p->lsack.nlsas);
		break;
	}
}

struct json_object *decode_packet_json(const struct ospf_packet *p)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	/* ospf_packet_decode() verified it, unless crypto auth replaces it (RFC 2328 D.4.3) */
	hdr_fill(add_obj(o, "header"), &p->hdr,
		 p->hdr.auth_type == OSPF_AUTH_CRYPTO ? "none" : "correct", -1, true);
	body_fill(o, p);
	if (p->lls_len)
		lls_fill(o, p->lls, p->lls_len);
	return o;
}

/* ---- one captured packet ---- */

struct decode_counts {
	int64_t packets;
	int64_t decoded;
	int64_t failed;
	int64_t skipped;
};

static void add_time(struct json_object *o, double t)
{
	time_t sec = (time_t)t;
	long usec = (long)((t - (double)sec) * 1e6 + 0.5);
	char buf[64];
	struct tm tm;

	if (usec >= 1000000) {
		sec++;
		usec -= 1000000;
	}
	if (!gmtime_r(&sec, &tm) || !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm))
		return;
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ".%06ldZ", usec);
	add_str(o, "time", buf);
}

/* Whether a refused packet's header was read through its authentication fields. */
static bool drop_after_auth(enum drop_reason r)
{
	switch (r) {
	case DROP_TRUNCATED_HEADER:
	case DROP_BAD_VERSION:
	case DROP_BAD_TYPE:
	case DROP_LENGTH_TOO_SHORT:
	case DROP_LENGTH_OVERRUN:
	case DROP_BAD_AUTH_TYPE:
	case DROP_BAD_AUTH_LENGTH:
	case DROP_AUTH_TRAILER_OVERRUN:
		return false;
	default:
		return true;
	}
}

static void failed_fill(struct json_object *o, const struct pcapread_pkt *pkt,
			const struct ospf_packet *p, enum drop_reason r)
{
	const char *status = "unverified";
	int32_t computed = -1;

	add_str(o, "dropReason", drop_reason_name(r));
	add_str(o, "dropDescription", drop_reason_str(r));
	if (r != DROP_TRUNCATED_HEADER) {
		if (r == DROP_BAD_CHECKSUM) {
			status = "wrong";
			computed = ospf_packet_checksum(pkt->payload, p->hdr.length);
		} else if (drop_after_auth(r)) {
			status = p->hdr.auth_type == OSPF_AUTH_CRYPTO ? "none" : "correct";
		}
		hdr_fill(add_obj(o, "header"), &p->hdr, status, computed, drop_after_auth(r));
	}
	add_bytes(o, "rawData", pkt->payload, pkt->len);
}

/* RFC 2328 13 (1)-(3): why a router would drop this LSA of an update, or DROP_NONE. */
static enum drop_reason lsa_fault(const struct lsa *l)
{
	if (l->body_error != DROP_NONE)
		return l->body_error;
	return l->checksum_ok ? DROP_NONE : DROP_LSA_BAD_CHECKSUM;
}

static void lsa_failures_report(const char *path, const struct pcapread_pkt *pkt,
				const struct ospf_packet *p, FILE *err)
{
	uint32_t i;

	for (i = 0; i < p->lsu.nlsas; i++) {
		const struct lsa_hdr *h = &p->lsu.lsas[i].hdr;
		enum drop_reason r = lsa_fault(&p->lsu.lsas[i]);

		if (r == DROP_NONE)
			continue;
		fprintf(err,
			"%s: frame %lu: %s (%s): LSA %u of %u, type %u (%s), id %u.%u.%u.%u, "
			"advertising router %u.%u.%u.%u, checksum 0x%04x\n",
			path, pkt->frame, drop_reason_str(r), drop_reason_name(r), i + 1,
			p->lsu.nlsas, h->type, lsa_type_name(h->type), h->id >> 24,
			(h->id >> 16) & 0xff, (h->id >> 8) & 0xff, h->id & 0xff,
			h->adv_router >> 24, (h->adv_router >> 16) & 0xff,
			(h->adv_router >> 8) & 0xff, h->adv_router & 0xff, h->checksum);
	}
}

/* The first LSA fault of an update, or DROP_NONE. */
static enum drop_reason lsu_fault(const struct ospf_packet *p)
{
	uint32_t i;

	if (p->hdr.type != OSPF_PKT_LSU)
		return DROP_NONE;
	for (i = 0; i < p->lsu.nlsas; i++)
		if (lsa_fault(&p->lsu.lsas[i]) != DROP_NONE)
			return lsa_fault(&p->lsu.lsas[i]);
	return DROP_NONE;
}

/* The object of one captured OSPF packet; counts it and reports a failure on err. */
static struct json_object *frame_json(const char *path, const struct pcapread_pkt *pkt,
				      struct decode_counts *c, FILE *err)
{
	struct json_object *o = json_object_new_object(), *body;
	struct ospf_packet p;
	enum drop_reason r;

	c->packets++;
	add_int(o, "frame", (int64_t)pkt->frame);
	add_time(o, pkt->time);
	add_ip(o, "source", pkt->src);
	add_ip(o, "destination", pkt->dst);
	add_int(o, "ttl", pkt->ttl);
	add_int(o, "ipPayloadLength", (int64_t)pkt->len);
	if (pkt->fragment) {
		c->skipped++;
		add_str(o, "status", "skipped");
		add_str(o, "skipReason", "IP fragment (not reassembled)");
		return o;
	}
	r = ospf_packet_decode(pkt->payload, pkt->len, &p);
	if (r != DROP_NONE) {
		c->failed++;
		add_str(o, "status", "failed");
		failed_fill(o, pkt, &p, r);
		fprintf(err, "%s: frame %lu: %s (%s)\n", path, pkt->frame, drop_reason_str(r),
			drop_reason_name(r));
		return o;
	}
	/* RFC 2328 13 (1)-(3): a router would drop that LSA only; a decoder reports it */
	r = lsu_fault(&p);
	if (r == DROP_NONE) {
		c->decoded++;
		add_str(o, "status", "decoded");
	} else {
		c->failed++;
		add_str(o, "status", "failed");
		add_str(o, "dropReason", drop_reason_name(r));
		add_str(o, "dropDescription", drop_reason_str(r));
		lsa_failures_report(path, pkt, &p, err);
	}
	body = decode_packet_json(&p);
	if (body && o) {
		struct json_object_iterator it = json_object_iter_begin(body);
		struct json_object_iterator end = json_object_iter_end(body);

		for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it))
			add(o, json_object_iter_peek_name(&it),
			    json_object_get(json_object_iter_peek_value(&it)));
	}
	json_object_put(body);
	ospf_packet_free(&p);
	return o;
}

/* ---- the text view ---- */

struct label {
	const char *key;
	const char *label;
	const char *item; /* for an array of objects: the label of one element */
};

/* Only keys whose label is not their camelCase spelled out ("helloInterval" reads
 * "Hello interval" by itself). */
static const struct label labels[] = {
	{ "ttl", "TTL", NULL },
	{ "ipPayloadLength", "IP payload length", NULL },
	{ "header", "OSPF header", NULL },
	{ "typeName", "Type name", NULL },
	{ "routerId", "Router ID", NULL },
	{ "areaId", "Area ID", NULL },
	{ "authKeyId", "Auth key ID", NULL },
	{ "helloInterval", "Hello interval [s]", NULL },
	{ "routerDeadInterval", "Router dead interval [s]", NULL },
	{ "databaseDescription", "Database Description", NULL },
	{ "interfaceMtu", "Interface MTU", NULL },
	{ "ddSequenceNumber", "DD sequence number", NULL },
	{ "lsaHeaders", "LSA headers", "LSA header" },
	{ "linkStateRequest", "Link State Request", NULL },
	{ "requests", "Requests", "Request" },
	{ "linkStateUpdate", "Link State Update", NULL },
	{ "numberOfLsas", "Number of LSAs", NULL },
	{ "lsas", "LSAs", "LSA" },
	{ "linkStateAcknowledgment", "Link State Acknowledgment", NULL },
	{ "lsaAge", "LS age [s]", NULL },
	{ "doNotAge", "DoNotAge", NULL },
	{ "lsaType", "LS type", NULL },
	{ "linkStateId", "Link State ID", NULL },
	{ "opaqueId", "Opaque ID", NULL },
	{ "numberOfTosMetrics", "Number of TOS metrics", NULL },
	{ "links", "Links", "Link" },
	{ "linkId", "Link ID", NULL },
	{ "tosMetrics", "TOS metrics", "TOS metric" },
	{ "tos", "TOS", NULL },
	{ "forwardAddress", "Forwarding address", NULL },
	{ "tosRoutes", "TOS routes", "TOS route" },
	{ "lls", "LLS data block", NULL },
	{ "tlvs", "TLVs", "TLV" },
	{ "packets", "Packets", "Packet" },
};

static const struct label *label_find(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i].key, key))
			return &labels[i];
	return NULL;
}

/* "numberOfLinks" -> "Number of links" */
static void label_text(const char *key, char *buf, size_t size)
{
	const struct label *l = label_find(key);
	size_t n = 0;

	if (l) {
		snprintf(buf, size, "%s", l->label);
		return;
	}
	for (; *key && n + 2 < size; key++) {
		if (isupper((unsigned char)*key) && n) {
			buf[n++] = ' ';
			buf[n++] = (char)tolower((unsigned char)*key);
		} else {
			buf[n] = n ? *key : (char)toupper((unsigned char)*key);
			n++;
		}
	}
	buf[n] = '\0';
}

static void item_text(const char *key, char *buf, size_t size)
{
	const struct label *l = label_find(key);

	if (l && l->item)
		snprintf(buf, size, "%s", l->item);
	else
		label_text(key, buf, size);
}

/*
 * "typeName" and "optionsList" belong to "type" and "options": the text view shows them on
 * that line, "Type: 1 (Hello)", "Options: 0x12 (L, E)".
 */
static struct json_object *companion(struct json_object *obj, const char *key, const char *suffix)
{
	struct json_object *v;
	char name[96];

	snprintf(name, sizeof(name), "%s%s", key, suffix);
	return json_object_object_get_ex(obj, name, &v) ? v : NULL;
}

static bool is_companion(struct json_object *obj, const char *key)
{
	size_t n = strlen(key);
	char base[96];

	if (n <= 4 || n >= sizeof(base) ||
	    (strcmp(key + n - 4, "Name") && strcmp(key + n - 4, "List")))
		return false;
	memcpy(base, key, n - 4);
	base[n - 4] = '\0';
	return json_object_object_get_ex(obj, base, NULL);
}

static void scalar_print(struct json_object *v, FILE *out)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		fputs("-", out);
		break;
	case json_type_boolean:
		fputs(json_object_get_boolean(v) ? "yes" : "no", out);
		break;
	case json_type_int:
		fprintf(out, "%" PRId64, json_object_get_int64(v));
		break;
	case json_type_double:
		fprintf(out, "%g", json_object_get_double(v));
		break;
	default:
		fputs(json_object_get_string(v), out);
		break;
	}
}

/* "a, b, c" for an array of scalars */
static void scalars_print(struct json_object *a, FILE *out)
{
	size_t i, n = json_object_array_length(a);

	for (i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		scalar_print(json_object_array_get_idx(a, i), out);
	}
}

static bool is_long_hex(struct json_object *v)
{
	const char *s;

	if (!json_object_is_type(v, json_type_string) || json_object_get_string_len(v) <= HEX_WRAP)
		return false;
	for (s = json_object_get_string(v); *s; s++)
		if (!isxdigit((unsigned char)*s))
			return false;
	return true;
}

static void render_object(struct json_object *obj, int indent, FILE *out, const char *const *skip);

static void render_array(const char *key, const char *label, struct json_object *a, int indent,
			 FILE *out)
{
	size_t i, n = json_object_array_length(a);
	bool objects = false;
	char item[96];

	for (i = 0; i < n; i++)
		if (json_object_is_type(json_object_array_get_idx(a, i), json_type_object))
			objects = true;
	if (!objects) {
		fprintf(out, "%*s%s: ", indent, "", label);
		if (n)
			scalars_print(a, out);
		else
			fputs("none", out);
		fputc('\n', out);
		return;
	}
	item_text(key, item, sizeof(item));
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);

		fprintf(out, "%*s%s %zu:", indent, "", item, i + 1);
		if (json_object_is_type(e, json_type_object)) {
			fputc('\n', out);
			render_object(e, indent + 2, out, NULL);
		} else {
			fputc(' ', out);
			scalar_print(e, out);
			fputc('\n', out);
		}
	}
}

static void render_value(struct json_object *obj, const char *key, struct json_object *v,
			 int indent, FILE *out)
{
	struct json_object *c;
	char label[96];

	label_text(key, label, sizeof(label));
	switch (json_object_get_type(v)) {
	case json_type_object:
		fprintf(out, "%*s%s:\n", indent, "", label);
		render_object(v, indent + 2, out, NULL);
		return;
	case json_type_array:
		render_array(key, label, v, indent, out);
		return;
	default:
		break;
	}
	if (is_long_hex(v)) {
		const char *s = json_object_get_string(v);
		size_t len = strlen(s), i;

		fprintf(out, "%*s%s (%zu bytes):\n", indent, "", label, len / 2);
		for (i = 0; i < len; i += HEX_WRAP)
			fprintf(out, "%*s%.*s\n", indent + 2, "", HEX_WRAP, s + i);
		return;
	}
	fprintf(out, "%*s%s: ", indent, "", label);
	scalar_print(v, out);
	c = companion(obj, key, "Name");
	if (c) {
		fputs(" (", out);
		scalar_print(c, out);
		fputc(')', out);
	}
	c = companion(obj, key, "List");
	if (c && json_object_is_type(c, json_type_array) && json_object_array_length(c)) {
		fputs(" (", out);
		scalars_print(c, out);
		fputc(')', out);
	}
	fputc('\n', out);
}

static bool key_skipped(const char *key, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (!strcmp(key, *skip))
			return true;
	return false;
}

static void render_object(struct json_object *obj, int indent, FILE *out, const char *const *skip)
{
	struct json_object_iterator it = json_object_iter_begin(obj);
	struct json_object_iterator end = json_object_iter_end(obj);

	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		const char *key = json_object_iter_peek_name(&it);

		if (key_skipped(key, skip) || is_companion(obj, key))
			continue;
		render_value(obj, key, json_object_iter_peek_value(&it), indent, out);
	}
}

void decode_render_text(struct json_object *obj, int indent, FILE *out)
{
	if (json_object_is_type(obj, json_type_object))
		render_object(obj, indent, out, NULL);
}

static const char *get_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "?";
}

/* "Frame 3: 10.1.1.1 -> 224.0.0.5", then the rest of the object below it */
static void packet_render_text(struct json_object *o, FILE *out)
{
	static const char *const heading[] = { "frame", "source", "destination", NULL };

	fprintf(out, "Frame %s: %s -> %s\n", get_str(o, "frame"), get_str(o, "source"),
		get_str(o, "destination"));
	render_object(o, 2, out, heading);
	fputc('\n', out);
}

static void summary_render_text(struct json_object *doc, FILE *out)
{
	struct json_object *s;

	if (!json_object_object_get_ex(doc, "summary", &s))
		return;
	fprintf(out, "%s: %s OSPF packets, %s decoded, %s failed, %s skipped\n",
		get_str(doc, "file"), get_str(s, "packets"), get_str(s, "decoded"),
		get_str(s, "failed"), get_str(s, "skipped"));
	if (json_object_object_get_ex(s, "readError", NULL))
		fprintf(out, "%s: read error: %s\n", get_str(doc, "file"), get_str(s, "readError"));
}

/* ---- the file ---- */

enum decode_result decode_file(const char *path, bool json, FILE *out, FILE *err)
{
	struct decode_counts c = { 0 };
	struct json_object *doc, *packets, *summary;
	struct pcapread_pkt pkt;
	enum decode_result res;
	struct pcapread *r;
	char msg[512];
	int rc;

	r = pcapread_open(path, IPPROTO_NUM_OSPF, msg, sizeof(msg));
	if (!r) {
		fprintf(err, "%s: %s\n", path, msg);
		return DECODE_UNREADABLE;
	}
	doc = json_object_new_object();
	add_str(doc, "file", path);
	/* text goes out packet by packet; JSON is one document, written at the end */
	packets = json ? add_arr(doc, "packets") : NULL;
	while ((rc = pcapread_next(r, &pkt, msg, sizeof(msg))) == 1) {
		struct json_object *o = frame_json(path, &pkt, &c, err);

		if (json) {
			arr_add(packets, o);
		} else if (o) {
			packet_render_text(o, out);
			json_object_put(o);
		}
	}
	pcapread_close(r);

	summary = add_obj(doc, "summary");
	add_int(summary, "packets", c.packets);
	add_int(summary, "decoded", c.decoded);
	add_int(summary, "failed", c.failed);
	add_int(summary, "skipped", c.skipped);
	res = c.failed ? DECODE_FAILED : DECODE_OK;
	if (rc < 0) {
		/* a cut-off file: what was read is still shown */
		fprintf(err, "%s: %s\n", path, msg);
		add_str(summary, "readError", msg);
		res = DECODE_UNREADABLE;
	}
	if (json)
		fprintf(out, "%s\n",
			json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
								JSON_C_TO_STRING_NOSLASHESCAPE));
	else
		summary_render_text(doc, out);
	json_object_put(doc);
	return res;
}
