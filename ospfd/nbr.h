/* SPDX-License-Identifier: ISC */
/*
 * Neighbors: the neighbor state machine (RFC 2328 10.3, 10.4), database exchange (10.6,
 * 10.8), link state requests (10.7, 10.9).
 */
#ifndef OSPFD_NBR_H
#define OSPFD_NBR_H

#include "ospf.h"

/* A new neighbor, in state Down, on ifp's neighbor list. */
struct nbr *nbr_new(struct iface *ifp, uint32_t router_id, uint32_t addr);
/* Runs KillNbr and frees. */
void nbr_free(struct nbr *n);

/* The state machine of 10.3, as a table: runs synchronously, in order. An event that takes
 * the neighbor Down (KillNbr, InactivityTimer, LLDown) also frees it, as neighbors are
 * forgotten once down: the caller must not use n afterwards. */
void nbr_fsm(struct nbr *n, enum nbr_event ev);
/* 10.4: whether an adjacency should be formed with n. */
bool nbr_should_be_adjacent(const struct nbr *n);

/* Database Description received (10.6) and Link State Request received (10.7). */
void dbex_recv(struct nbr *n, const struct ospf_packet *p);
void lsreq_recv(struct nbr *n, const struct ospf_packet *p);

/* Request list (10.1): the flooding code removes an entry when the LSA arrives (13 step 5
 * and 10.9); an empty list in Loading raises LoadingDone. */
struct nbr_lsa *nbr_request_find(const struct nbr *n, const struct lsa_key *key);
void nbr_request_remove(struct nbr *n, struct nbr_lsa *r);

const char *nbr_state_name(enum nbr_state s);
/* Records why n stepped back or could not advance (a static string), and when. */
void nbr_reason_set(struct nbr *n, const char *why);
const char *nbr_event_name(enum nbr_event e);

/*
 * Shared by nbr.c, dbex.c and lsreq.c only.
 */
/* Where unicast packets to n go: AllSPFRouters on point-to-point links (10.8), else n. */
uint32_t nbr_dst(const struct nbr *n);
/* ExStart entered (10.3): next DD sequence number, master, the empty I|M|MS DD (10.8). */
void dbex_start(struct nbr *n);
/* NegotiationDone (10.3): the Database summary list from the area's LSDB. */
void dbex_summary_build(struct nbr *n);
/* Forgets the exchange: DD timers and the last DD sent. */
void dbex_stop(struct nbr *n);
void nbr_summary_clear(struct nbr *n);
/* Adds h to the request list, or updates the entry for its LSA if h is newer. */
void nbr_request_add(struct nbr *n, const struct lsa_hdr *h);
void nbr_request_clear(struct nbr *n);
/* Sends an LS Request for the head of the request list (10.9) and arms its retransmission. */
void lsreq_send(struct nbr *n);
void lsreq_stop(struct nbr *n);

#endif
