/* SPDX-License-Identifier: ISC */
/* Link State Acknowledgments: sending them, direct or delayed (RFC 2328 13.5), and
 * receiving them (13.7). */
#include <stdlib.h>
#include <string.h>

#include "flood.h"
#include "iface.h"
#include "nbr.h"

#define IP_HEADER_LEN 20
/* 13.5: delayed acknowledgments leave within this, well under RxmtInterval */
#define LSACK_DELAY_MS 1000

/* Acknowledged headers per packet: what fits the interface MTU. */
static size_t lsack_max(const struct iface *ifp)
{
	size_t fixed = IP_HEADER_LEN + OSPF_HEADER_LEN + auth_trailer_len(&ifp->params.auth), max;

	if (ifp->mtu < fixed + LSA_HEADER_LEN)
		return 1;
	max = (ifp->mtu - fixed) / LSA_HEADER_LEN;
	return max > (OSPF_MAX_PACKET - OSPF_HEADER_LEN) / LSA_HEADER_LEN
		   ? (OSPF_MAX_PACKET - OSPF_HEADER_LEN) / LSA_HEADER_LEN
		   : max;
}

static void lsack_send(struct iface *ifp, uint32_t dst, const struct lsa_hdr *hdrs, size_t count)
{
	size_t max = lsack_max(ifp);
	struct ospf_packet p;

	while (count) {
		size_t k = count < max ? count : max;

		memset(&p, 0, sizeof(p));
		p.hdr.type = OSPF_PKT_LSACK;
		p.lsack.nlsas = (uint32_t)k;
		p.lsack.lsas = (struct lsa_hdr *)hdrs;
		ospf_send(ifp->ospf, ifp, dst, &p);
		hdrs += k;
		count -= k;
	}
}

void lsack_send_direct(struct nbr *n, const struct lsa_hdr *hdrs, size_t count)
{
	lsack_send(n->iface, nbr_dst(n), hdrs, count);
}

/* RFC 2328 13.5: on broadcast networks the DR and BDR send delayed acknowledgments to
 * AllSPFRouters, the others to AllDRouters. */
static void lsack_delayed_flush(struct iface *ifp)
{
	uint32_t dst = OSPF_ALL_SPF_ROUTERS;

	timer_cancel(&ifp->ack_timer);
	if (!ifp->ndelayed_acks)
		return;
	if (ifp->params.type == IFACE_BROADCAST && ifp->state != ISM_DR && ifp->state != ISM_BACKUP)
		dst = OSPF_ALL_D_ROUTERS;
	if (iface_is_active(ifp))
		lsack_send(ifp, dst, ifp->delayed_acks, ifp->ndelayed_acks);
	ifp->ndelayed_acks = 0;
}

static void lsack_timer_fire(void *arg)
{
	lsack_delayed_flush(arg);
}

void lsack_delayed_add(struct iface *ifp, const struct lsa_hdr *h)
{
	if (ifp->ndelayed_acks == ifp->cap_delayed_acks) {
		size_t cap = ifp->cap_delayed_acks ? 2 * ifp->cap_delayed_acks : 16;
		struct lsa_hdr *a = realloc(ifp->delayed_acks, cap * sizeof(*a));

		if (!a) {
			/* unacknowledged, the LSA comes again: no harm but traffic */
			ifp->drops[DROP_NO_MEMORY]++;
			return;
		}
		ifp->delayed_acks = a;
		ifp->cap_delayed_acks = cap;
	}
	ifp->delayed_acks[ifp->ndelayed_acks++] = *h;
	/* a full packet's worth goes now; the rest within LSACK_DELAY_MS of the first */
	if (ifp->ndelayed_acks >= lsack_max(ifp))
		lsack_delayed_flush(ifp);
	else if (!ifp->ack_timer)
		timer_arm(ifp->ospf->tq, &ifp->ack_timer, LSACK_DELAY_MS, lsack_timer_fire, ifp);
}

void lsack_recv(struct nbr *n, const struct ospf_packet *p)
{
	struct iface *ifp = n->iface;
	uint64_t now = ospf_now(ifp->ospf);
	uint32_t i;

	/* RFC 2328 13.7: accepted from neighbors in Exchange or later */
	if (n->state < NSM_EXCHANGE) {
		ifp->drops[DROP_NBR_STATE]++;
		return;
	}
	for (i = 0; i < p->lsack.nlsas; i++) {
		const struct lsa_hdr *h = &p->lsack.lsas[i];
		struct lsa_key key = lsa_key_of(h);
		struct lsa_inst *inst = flood_rxmt_find(n, &key);
		struct lsa_hdr ours;

		if (!inst)
			continue;
		ours = inst->hdr;
		ours.age = lsa_inst_age(inst, now);
		/* 13.7: the same instance leaves the list; another is a questionable ack */
		if (lsa_hdr_cmp_newer(h, &ours) == 0)
			flood_rxmt_remove(n, &key);
		else
			ospf_logf(ifp->ospf, 7,
				  "%s: questionable ack from %s for %s LSA %s/%s seq 0x%08x",
				  ifp->name, ipstr(n->router_id), lsa_type_name(h->type),
				  ipstr(h->id), ipstr(h->adv_router), (uint32_t)h->seq);
	}
}
