/* SPDX-License-Identifier: ISC */
/*
 * Flooding (RFC 2328 13): receiving Link State Updates, installing into the LSDB, flooding
 * out, retransmission lists (13.6), acknowledgments (13.5, 13.7); and LSDB aging (14).
 */
#ifndef OSPFD_FLOOD_H
#define OSPFD_FLOOD_H

#include "ospf.h"

/* Link State Update (13) and Link State Acknowledgment (13.7) received from n. */
void lsupd_recv(struct nbr *n, const struct ospf_packet *p);
void lsack_recv(struct nbr *n, const struct ospf_packet *p);

/* Sends the given instances to dst on ifp in as few updates as fit the MTU, each LSA's age
 * increased by InfTransDelay (13.3 and 10.9). */
void lsupd_send(struct iface *ifp, uint32_t dst, struct lsa_inst *const *insts, size_t n);

/*
 * Flooding out in batches: an LSA flooded (13.3) or sent back (13 step 8) is queued, and
 * the LSAs queued for the same interface and destination leave together, in as few
 * updates as fit the MTU: at the outermost flood_batch_end() (ospf_recv() brackets each
 * packet), or outside any batch at the end of the event-loop turn (a 0 ms timer). A queue
 * that grows past a bound is sent at once.
 */
struct lsupd_pending {
	int ifindex; /* the interface, found again at send time (it may be gone) */
	uint32_t dst;
	struct lsa_inst *inst; /* a reference */
};
void lsupd_queue(struct iface *ifp, uint32_t dst, struct lsa_inst *inst);
void flood_batch_begin(struct ospf *o);
void flood_batch_end(struct ospf *o);
/* Sends everything queued now; _free drops it (for ospf_free). */
void lsupd_queue_flush(struct ospf *o);
void lsupd_queue_free(struct ospf *o);

/*
 * Installs inst (13 step 5d, 13.2) and floods it out of the right interfaces (13.3);
 * from is the neighbor it came from (NULL for our own LSAs). Returns the entry.
 */
struct lsa_entry *flood_install(struct lsdb *db, struct lsa_inst *inst, struct nbr *from);
/* 13.2 alone: installs inst (the old instance leaves every retransmission list) and arms
 * its aging; the caller floods. Returns the entry, NULL on no memory. */
struct lsa_entry *flood_lsdb_install(struct lsdb *db, struct lsa_inst *inst);
/* Floods e's current instance (for self-originated and MaxAge LSAs); returns whether it went
 * back out of from's interface (13.5 needs to know). */
bool flood_lsa(struct lsa_entry *e, struct nbr *from);

/* Retransmission lists (13.6). */
void flood_rxmt_add(struct nbr *n, struct lsa_inst *inst);
bool flood_rxmt_remove(struct nbr *n, const struct lsa_key *key);
void flood_rxmt_clear(struct nbr *n);
/* The instance of key on n's retransmission list, or NULL. */
struct lsa_inst *flood_rxmt_find(const struct nbr *n, const struct lsa_key *key);

/* Acknowledgments (13.5): a direct one to n now, or one delayed on ifp (sent within 1 s). */
void lsack_send_direct(struct nbr *n, const struct lsa_hdr *hdrs, size_t count);
void lsack_delayed_add(struct iface *ifp, const struct lsa_hdr *h);

/* Aging (14): arms e's age timer for MaxAge or, if ours, LSRefreshTime; and the check that
 * removes a MaxAge LSA once on no retransmission list and no neighbor exchanges (soon). */
void age_timer_arm(struct lsa_entry *e);
void age_maxage_check(struct lsa_entry *e);
/* e's header with its current age. */
struct lsa_hdr age_hdr_now(const struct lsa_entry *e);

/* Whether any neighbor of the scope is in Exchange or Loading (14: MaxAge LSAs stay). */
bool flood_scope_exchanging(const struct lsdb *db);

/* Opaque LSAs (RFC 5250): types 9, 10, 11. Without opaque capability (our Options never
 * carry O) they are neither accepted, listed in DD summaries, requested nor flooded. */
static inline bool flood_type_is_opaque(uint8_t type)
{
	return type == LSA_OPAQUE_LINK || type == LSA_OPAQUE_AREA || type == LSA_OPAQUE_AS;
}

/* The LSDB for an LSA type as seen from ifp's area: the area's, or the AS's for 5 and 11. */
struct lsdb *flood_scope_db(struct iface *ifp, uint8_t lsa_type);

#endif
