/* SPDX-License-Identifier: ISC */
/* The protocol instance: areas, the receive checks of RFC 2328 8.2, and sending. */
#include "ospf.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "external.h"
#include "flood.h"
#include "iface.h"
#include "nbr.h"
#include "originate.h"
#include "spf.h"
#include "vlink.h"
#include "wire.h"
#include "debug.h"

const char *ipstr(uint32_t addr)
{
	static char bufs[8][INET_ADDRSTRLEN];
	static unsigned int next;
	char *b = bufs[next++ % 8];

	snprintf(b, INET_ADDRSTRLEN, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff,
		 (addr >> 8) & 0xff, addr & 0xff);
	return b;
}

void ospf_logf(const struct ospf *o, int level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!o->log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o->log(o->log_ctx, level, msg);
}

void ospf_event(const struct ospf *o, const char *kind, ...)
{
	const char *kv[2 * OSPF_EVENT_MAX_KV];
	size_t n = 0;
	const char *k;
	va_list ap;

	if (!o->event)
		return;
	va_start(ap, kind);
	while ((k = va_arg(ap, const char *)) && n < 2 * OSPF_EVENT_MAX_KV) {
		kv[n++] = k;
		kv[n++] = va_arg(ap, const char *);
	}
	va_end(ap);
	o->event(o->event_ctx, kind, kv, n / 2);
}

uint64_t ospf_now(const struct ospf *o)
{
	return timerq_now(o->tq);
}

struct ospf *ospf_new(uint32_t router_id, struct timerq *tq, const struct ospf_io *io)
{
	struct ospf *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->txbuf = malloc(OSPF_TXBUF_LEN);
	if (!o->txbuf) {
		free(o);
		return NULL;
	}
	o->router_id = router_id;
	o->tq = tq;
	o->io = *io;
	list_init(&o->areas);
	list_init(&o->ifaces);
	lsdb_init(&o->as_lsdb, o, NULL);
	o->start_ms = timerq_now(tq);
	spf_init(o);
	return o;
}

struct area *ospf_area_find(const struct ospf *o, uint32_t area_id)
{
	struct area *a;

	list_for_each (a, &o->areas, node)
		if (a->id == area_id)
			return a;
	return NULL;
}

struct area *ospf_area_get(struct ospf *o, uint32_t area_id)
{
	struct area *a = ospf_area_find(o, area_id);

	if (a)
		return a;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->ospf = o;
	a->id = area_id;
	a->default_cost = 1;
	list_init(&a->ifaces);
	lsdb_init(&a->lsdb, o, a);
	list_add_tail(&o->areas, &a->node);
	return a;
}

struct iface *ospf_iface_find(const struct ospf *o, int ifindex)
{
	struct iface *ifp;

	list_for_each (ifp, &o->ifaces, node)
		if (ifp->ifindex == ifindex)
			return ifp;
	return NULL;
}

void ospf_free(struct ospf *o)
{
	struct iface *ifp, *itmp;
	struct area *a, *atmp;

	if (!o)
		return;
	o->shutting_down = true;
	lsupd_queue_flush(o);
	list_for_each_safe (ifp, itmp, &o->ifaces, node)
		iface_free(ifp);
	lsupd_queue_free(o);
	list_for_each_safe (a, atmp, &o->areas, node) {
		lsdb_fini(&a->lsdb);
		free(a->ranges);
		list_del(&a->node);
		free(a);
	}
	lsdb_fini(&o->as_lsdb);
	external_free(o);
	timer_cancel(&o->stub_router_startup);
	spf_fini(o);
	free(o->txbuf);
	free(o);
}

static enum drop_reason drop(struct iface *ifp, enum drop_reason r, uint32_t src)
{
	ifp->drops[r]++;
	ospf_logf(ifp->ospf, 7, "%s: dropped packet from %s: %s", ifp->name, ipstr(src),
		  drop_reason_str(r));
	return r;
}

/* RFC 2328 8.2: the destination is us, AllSPFRouters, or AllDRouters when we are DR/BDR. */
static bool dst_accepted(const struct iface *ifp, uint32_t dst)
{
	/* a virtual link's packets are unicast to any of our addresses (RFC 2328 15) */
	if (iface_is_vlink(ifp))
		return dst < 0xe0000000u;
	if (dst == ifp->addr || dst == OSPF_ALL_SPF_ROUTERS)
		return true;
	return dst == OSPF_ALL_D_ROUTERS && (ifp->state == ISM_DR || ifp->state == ISM_BACKUP);
}

/* RFC 2328 8.2: on a broadcast network the source must be on our subnet; on a
 * point-to-point link any source is accepted (unnumbered or /31 and /32 addressing). */
static bool src_on_network(const struct iface *ifp, uint32_t src)
{
	uint32_t mask = iface_mask(ifp);

	if (ifp->params.type == IFACE_P2P)
		return true;
	return (src & mask) == (ifp->addr & mask);
}

/* 10.5: neighbors on broadcast networks are known by address, on point-to-point links by
 * router id. */
static struct nbr *nbr_of_packet(const struct iface *ifp, uint32_t src, const struct ospf_packet *p)
{
	if (ifp->params.type == IFACE_P2P)
		return iface_nbr_find_by_id(ifp, p->hdr.router_id);
	return iface_nbr_find_by_addr(ifp, src);
}

/* RFC 2328 D.4: the packet's authentication against the interface's; a neighbor we know
 * keeps the reason of a failure for show. */
static enum drop_reason auth_check(struct iface *ifp, uint32_t src, const uint8_t *buf,
				   const struct ospf_packet *p)
{
	struct nbr *n = nbr_of_packet(ifp, src, p);
	enum drop_reason r = auth_verify(&ifp->params.auth, buf, &p->hdr, n ? &n->crypt_seq : NULL);

	if (r != DROP_NONE && n)
		nbr_reason_set(n, auth_failure_reason(r));
	return r;
}

/* RFC 2328 D.4.3: the sender's sequence number, once its packet was accepted (a Hello may
 * have just created the neighbor). */
static void auth_seq_record(struct iface *ifp, uint32_t src, const struct ospf_packet *p)
{
	struct nbr *n;

	if (p->hdr.auth_type != OSPF_AUTH_CRYPTO)
		return;
	n = nbr_of_packet(ifp, src, p);
	if (n && p->hdr.auth.crypto_seq > n->crypt_seq)
		n->crypt_seq = p->hdr.auth.crypto_seq;
}

/* debug ospf packet TYPE [send|recv] [detail]: one line per packet, the header with detail. */
static void packet_debug(struct ospf *o, const struct iface *ifp, bool sent, uint32_t peer,
			 const uint8_t *buf, size_t len)
{
	static const char *const names[] = {
		"?", "Hello", "DD", "LS-Request", "LS-Update", "LS-Ack"
	};
	uint8_t type = len > 1 && buf[1] <= 5 ? buf[1] : 0;

	if (!type ||
	    !ospf_debugging(o, sent ? OSPF_DEBUG_PACKET_SEND(type) : OSPF_DEBUG_PACKET_RECV(type)))
		return;
	ospf_logf(o, 7, "%s: %s %s %s %s, length %zu", ifp->name, sent ? "send" : "recv",
		  names[type], sent ? "to" : "from", ipstr(peer), len);
	if (ospf_debugging(o, OSPF_DEBUG_PACKET_DETAIL) && len >= OSPF_HEADER_LEN)
		ospf_logf(
		    o, 7,
		    "%s:   version %u, router id %s, area %s, checksum 0x%02x%02x, "
		    "auth type %u",
		    ifp->name, buf[0],
		    ipstr((uint32_t)buf[4] << 24 | (uint32_t)buf[5] << 16 | buf[6] << 8 | buf[7]),
		    ipstr((uint32_t)buf[8] << 24 | (uint32_t)buf[9] << 16 | buf[10] << 8 | buf[11]),
		    buf[12], buf[13], (unsigned)(buf[14] << 8 | buf[15]));
}

void ospf_recv(struct ospf *o, struct iface *ifp, uint32_t src, uint32_t dst, const uint8_t *buf,
	       size_t len)
{
	struct ospf_packet p;
	enum drop_reason r;
	struct nbr *n;

	r = ospf_packet_decode(buf, len, &p);
	if (r != DROP_NONE) {
		drop(ifp, r, src);
		return;
	}
	/* RFC 2328 8.2: a backbone packet on an interface of a transit area, from the other
	 * endpoint of a virtual link through it, is received on that virtual link */
	if (p.hdr.area_id == 0 && ifp->area->id != 0) {
		struct iface *v = vlink_of_packet(o, ifp, p.hdr.router_id);

		if (v)
			ifp = v;
	}
	if (!iface_is_active(ifp))
		r = DROP_IFACE_INACTIVE;
	else if (src == ifp->addr || p.hdr.router_id == o->router_id)
		r = p.hdr.router_id == o->router_id && src != ifp->addr ? DROP_DUPLICATE_ROUTER_ID
									: DROP_OWN_PACKET;
	else if (!dst_accepted(ifp, dst))
		r = DROP_WRONG_DESTINATION;
	else if (p.hdr.area_id != ifp->area->id)
		r = DROP_WRONG_AREA;
	else if (!src_on_network(ifp, src))
		r = DROP_WRONG_SUBNET;
	else
		r = auth_check(ifp, src, buf, &p);
	if (r != DROP_NONE) {
		drop(ifp, r, src);
		ospf_packet_free(&p);
		return;
	}
	ifp->rx_packets[p.hdr.type]++;
	packet_debug(o, ifp, false, src, buf, len);
	if (p.hdr.type == OSPF_PKT_HELLO) {
		hello_recv(ifp, src, &p);
		auth_seq_record(ifp, src, &p);
		ospf_packet_free(&p);
		return;
	}
	n = nbr_of_packet(ifp, src, &p);
	if (!n) {
		drop(ifp, DROP_UNKNOWN_NEIGHBOR, src);
		ospf_packet_free(&p);
		return;
	}
	/* what this packet makes us flood leaves packed in as few updates as fit */
	flood_batch_begin(o);
	switch (p.hdr.type) {
	case OSPF_PKT_DD:
		dbex_recv(n, &p);
		break;
	case OSPF_PKT_LSR:
		lsreq_recv(n, &p);
		break;
	case OSPF_PKT_LSU:
		lsupd_recv(n, &p);
		break;
	case OSPF_PKT_LSACK:
		lsack_recv(n, &p);
		break;
	}
	flood_batch_end(o);
	auth_seq_record(ifp, src, &p);
	ospf_packet_free(&p);
}

/* Authenticates the packet of length len in o->txbuf (RFC 2328 D.4) and sends it. */
static void send_signed(struct ospf *o, struct iface *ifp, uint32_t dst, size_t len)
{
	const struct auth_conf *ac = &ifp->params.auth;
	uint8_t type = o->txbuf[1];
	uint32_t seq = 0;

	if (ac->type == OSPF_AUTH_CRYPTO) {
		ifp->auth_seq = auth_next_seq(ifp->auth_seq, (uint32_t)time(NULL));
		seq = ifp->auth_seq;
	}
	len = auth_sign(ac, seq, o->txbuf, len, OSPF_TXBUF_LEN);
	if (!len) {
		ospf_logf(o, 3, "%s: cannot authenticate packet of type %u", ifp->name, type);
		return;
	}
	/* RFC 2328 15: everything a virtual link sends is unicast to the other endpoint */
	if (iface_is_vlink(ifp))
		dst = ifp->peer;
	ifp->tx_packets[type]++;
	packet_debug(o, ifp, true, dst, o->txbuf, len);
	o->io.send(o->io.ctx, ifp, dst, o->txbuf, len);
}

void ospf_send(struct ospf *o, struct iface *ifp, uint32_t dst, struct ospf_packet *p)
{
	size_t len;

	p->hdr.version = OSPF_VERSION;
	p->hdr.router_id = o->router_id;
	p->hdr.area_id = ifp->area->id;
	p->hdr.auth_type = OSPF_AUTH_NULL;
	memset(&p->hdr.auth, 0, sizeof(p->hdr.auth));
	len = ospf_packet_encode(p, o->txbuf, OSPF_MAX_PACKET);
	if (!len) {
		ospf_logf(o, 3, "%s: packet of type %u too large to send", ifp->name, p->hdr.type);
		return;
	}
	send_signed(o, ifp, dst, len);
}

void ospf_send_body(struct ospf *o, struct iface *ifp, uint32_t dst, uint8_t type, size_t body_len)
{
	uint8_t *b = o->txbuf;
	size_t len = OSPF_HEADER_LEN + body_len;

	if (len > OSPF_MAX_PACKET || type < OSPF_PKT_HELLO || type > OSPF_PKT_LSACK)
		return;
	memset(b, 0, OSPF_HEADER_LEN);
	b[0] = OSPF_VERSION;
	b[1] = type;
	put16(b + 2, (uint16_t)len);
	put32(b + 4, o->router_id);
	put32(b + 8, ifp->area->id);
	send_signed(o, ifp, dst, len);
}

static void flush_if_self(struct lsa_entry *e, void *arg)
{
	(void)arg;
	if (e->self && (e->inst->hdr.age & ~LSA_DO_NOT_AGE) < LSA_MAX_AGE)
		originate_flush(e);
}

/* RFC 2328 14.1: on a clean shutdown our LSAs are flushed by premature aging, so that peers
 * do not route through us until they age out. */
void ospf_flush_self(struct ospf *o)
{
	struct area *a;

	flood_batch_begin(o);
	list_for_each (a, &o->areas, node)
		lsdb_foreach(&a->lsdb, flush_if_self, NULL);
	lsdb_foreach(&o->as_lsdb, flush_if_self, NULL);
	flood_batch_end(o);
}
