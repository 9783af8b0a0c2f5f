/* SPDX-License-Identifier: ISC */
/* Our own LSAs: router-LSAs (RFC 2328 12.4.1) and network-LSAs (12.4.2), with MinLSInterval
 * (12.4), refresh at LSRefreshTime, sequence number wrap (12.1.6), and what to do when a
 * neighbor sends us a newer copy of one of ours (13.4). */
#ifndef OSPFD_ORIGINATE_H
#define OSPFD_ORIGINATE_H

#include "ospf.h"

/* Something the router-LSA of area a describes changed: originate it now, or as soon as
 * MinLSInterval allows (the last state always gets out). */
void originate_router_lsa(struct area *a);
/* The same for the network-LSA of ifp (originated while we are DR with a Full neighbor,
 * flushed otherwise). */
void originate_network_lsa(struct iface *ifp);
/* 13.4: a received LSA that claims to be ours and is newer than what we hold. */
void originate_self_received(struct lsa_entry *e, struct lsa_inst *received);
/* Refresh at LSRefreshTime (age timer of a self-originated entry). */
void originate_refresh(struct lsa_entry *e);
/* 14.1: flush e by setting it to MaxAge and flooding it. */
void originate_flush(struct lsa_entry *e);
/* A flushed LSA of ours left every retransmission list (14): originates it afresh if we
 * still do (after a sequence number wrap, 12.1.6, at InitialSequenceNumber); false if we
 * do not, and the caller removes it. */
bool originate_after_flush(struct lsa_entry *e);
/* Whether a received LSA is one of ours (13.4): our router id, or a network-LSA for one of
 * our interface addresses. */
bool originate_is_self(const struct lsdb *db, const struct lsa_hdr *h);
/* An AS-external-LSA (in o->as_lsdb) or NSSA-LSA (in an area's) of ours, key k, whose
 * contents external.c decides: originated, rebuilt or flushed as for the router-LSA. */
void originate_external_lsa(struct lsdb *db, const struct lsa_key *k);

/*
 * Types 3, 4, 5 and 7 (and any but router and network-LSAs): originates the LSA of key k
 * in db (an area's or the AS's) with the given options and body (the bytes after the
 * header), now if new, else when MinLSInterval allows (12.4); asking again for the same body
 * changes nothing. Refreshes follow at LSRefreshTime until withdrawn. False on no memory.
 */
bool originate_lsa(struct lsdb *db, const struct lsa_key *k, uint8_t options, const uint8_t *body,
		   size_t len);
/* We no longer originate the LSA of k: flushed by premature aging (14.1). */
void originate_lsa_withdraw(struct lsdb *db, const struct lsa_key *k);
/* Whether e is one we originate through originate_lsa() (and have not withdrawn). */
bool originate_lsa_wanted(const struct lsa_entry *e);

#endif
