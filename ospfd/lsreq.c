/* SPDX-License-Identifier: ISC */
/* Link State Requests: sending them (RFC 2328 10.9), answering them (10.7). */
#include <stdlib.h>
#include <string.h>

#include "flood.h"
#include "iface.h"
#include "nbr.h"

#define IP_HEADER_LEN 20
#define LSR_ENTRY_LEN 12

/* Requests per packet: what fits the interface MTU after the IP and OSPF headers. */
static size_t lsreq_max(const struct iface *ifp)
{
	size_t fixed = IP_HEADER_LEN + OSPF_HEADER_LEN + auth_trailer_len(&ifp->params.auth);

	if (ifp->mtu < fixed + LSR_ENTRY_LEN)
		return 1;
	return (ifp->mtu - fixed) / LSR_ENTRY_LEN;
}

static void lsr_rxmt_fire(void *arg)
{
	struct nbr *n = arg;

	if (n->state == NSM_EXCHANGE || n->state == NSM_LOADING)
		lsreq_send(n);
}

void lsreq_send(struct nbr *n)
{
	struct iface *ifp = n->iface;
	struct ospf *o = ifp->ospf;
	size_t max = lsreq_max(ifp), count = 0;
	struct ospf_lsr_entry *reqs;
	struct ospf_packet p;
	struct nbr_lsa *e;

	if (list_empty(&n->request_list)) {
		lsreq_stop(n);
		return;
	}
	if (max > n->nrequest)
		max = n->nrequest;
	reqs = calloc(max, sizeof(*reqs));
	if (!reqs) {
		ospf_logf(o, 3, "%s: no memory for an LS Request to %s", ifp->name,
			  ipstr(n->router_id));
		return;
	}
	/* RFC 2328 10.9: the head of the request list, as much as fits */
	list_for_each (e, &n->request_list, node) {
		if (count == max)
			break;
		reqs[count].type = e->hdr.type;
		reqs[count].id = e->hdr.id;
		reqs[count].adv_router = e->hdr.adv_router;
		n->lsr_last = e;
		count++;
	}
	memset(&p, 0, sizeof(p));
	p.hdr.type = OSPF_PKT_LSR;
	p.lsr.nreqs = (uint32_t)count;
	p.lsr.reqs = reqs;
	ospf_send(o, ifp, nbr_dst(n), &p);
	free(reqs);
	/* RFC 2328 10.9: sent again every RxmtInterval until answered */
	timer_arm(o->tq, &n->lsr_rxmt_timer, (uint64_t)ifp->params.retransmit_interval * 1000,
		  lsr_rxmt_fire, n);
}

void lsreq_stop(struct nbr *n)
{
	timer_cancel(&n->lsr_rxmt_timer);
	n->lsr_last = NULL;
}

static void bad_ls_req(struct nbr *n, const struct ospf_lsr_entry *r)
{
	struct iface *ifp = n->iface;

	ifp->drops[DROP_BAD_LS_REQ]++;
	ospf_logf(ifp->ospf, 5,
		  "%s: LS Request from %s for an LSA we lack (type %u, id %s, adv %s)", ifp->name,
		  ipstr(n->router_id), r->type, ipstr(r->id), ipstr(r->adv_router));
	nbr_fsm(n, NSM_EV_BAD_LS_REQ);
	nbr_reason_set(n, drop_reason_str(DROP_BAD_LS_REQ));
}

void lsreq_recv(struct nbr *n, const struct ospf_packet *p)
{
	const struct ospf_lsr *lsr = &p->lsr;
	struct iface *ifp = n->iface;
	struct lsa_inst **insts;
	uint32_t i;

	/* RFC 2328 10.7: accepted in Exchange, Loading and Full only */
	if (n->state < NSM_EXCHANGE) {
		ifp->drops[DROP_NBR_STATE]++;
		return;
	}
	if (!lsr->nreqs)
		return;
	insts = calloc(lsr->nreqs, sizeof(*insts));
	if (!insts) {
		ifp->drops[DROP_NO_MEMORY]++;
		return;
	}
	for (i = 0; i < lsr->nreqs; i++) {
		const struct ospf_lsr_entry *r = &lsr->reqs[i];
		struct lsa_key key = { (uint8_t)r->type, r->id, r->adv_router };
		struct lsa_entry *e = NULL;

		if (r->type >= 1 && r->type <= 255)
			e = lsdb_lookup(flood_scope_db(ifp, (uint8_t)r->type), &key);
		if (!e) {
			/* RFC 2328 10.7: something went wrong in the exchange */
			free(insts);
			bad_ls_req(n, r);
			return;
		}
		insts[i] = e->inst;
	}
	/* RFC 2328 10.7: the LSAs go back in Link State Updates */
	lsupd_send(ifp, nbr_dst(n), insts, lsr->nreqs);
	free(insts);
}
