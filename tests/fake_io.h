/* SPDX-License-Identifier: ISC */
/*
 * A fake world for the interface and neighbor tests: one protocol instance on a clock the
 * test advances, whose packets are recorded (decoded) instead of sent, whose log lines are
 * kept, and helpers to hand it packets as if a neighbor had sent them.
 *
 * Until the LSDB, flooding and origination modules are linked in, fake_io.c also holds weak
 * stand-ins for them that record their calls in fake_calls; the real ones replace them.
 */
#ifndef TESTS_FAKE_IO_H
#define TESTS_FAKE_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ospf.h"

#define FAKE_MAX_PKTS 256
#define FAKE_MAX_LOGS 512

struct fake_pkt {
	struct iface *ifp;
	uint32_t dst;
	struct ospf_packet p; /* decoded */
};

struct fake {
	uint64_t now;
	struct timerq *tq;
	struct ospf *o;
	struct fake_pkt pkts[FAKE_MAX_PKTS];
	size_t npkts;
	unsigned int joins, leaves; /* AllDRouters */
	bool joined;
	char logs[FAKE_MAX_LOGS][256];
	size_t nlogs;
};

/* What the stand-ins of flood.h and originate.h were asked to do. */
struct fake_calls {
	unsigned int router_lsa;  /* originate_router_lsa() */
	unsigned int network_lsa; /* originate_network_lsa() */
	unsigned int rxmt_add;	  /* flood_rxmt_add() */
	unsigned int rxmt_clear;  /* flood_rxmt_clear() */
	unsigned int lsupd;	  /* lsupd_send() */
	size_t lsupd_count;	  /* LSAs in the last lsupd_send() */
	uint32_t lsupd_dst;
};
extern struct fake_calls fake_calls;

struct fake *fake_new(uint32_t router_id);
void fake_free(struct fake *f);

/* Parameters for tests: hello 10 s, dead 40 s, retransmit 5 s, priority 1. */
struct iface_params fake_params(enum iface_type type);
/* An interface (Down) with MTU 1500 in area_id, created if needed with type at. */
struct iface *fake_iface(struct fake *f, uint32_t area_id, enum area_type at,
			 const struct iface_params *p, uint32_t addr, uint8_t prefixlen);

/* Advances the clock by ms, firing timers in order. */
void fake_run(struct fake *f, uint64_t ms);

size_t fake_sent(const struct fake *f, uint8_t type);
/* The last packet of that type sent (NULL if none). */
const struct fake_pkt *fake_last(const struct fake *f, uint8_t type);
void fake_clear(struct fake *f);
bool fake_logged(const struct fake *f, const char *substr);

/* A Hello that ifp would accept from a neighbor. */
struct ospf_hello fake_hello_for(const struct iface *ifp);
/* Hands ifp a packet from router rid at src (to AllSPFRouters); p's body as given. */
void fake_recv(struct fake *f, struct iface *ifp, uint32_t src, uint32_t rid,
	       struct ospf_packet *p);
/* A Hello from rid at src listing the given neighbors, with the given DR, BDR, priority. */
void fake_recv_hello(struct fake *f, struct iface *ifp, uint32_t src, uint32_t rid,
		     uint8_t priority, uint32_t dr, uint32_t bdr, const uint32_t *nbrs,
		     uint32_t nnbrs);
/* A DD from rid at src. */
void fake_recv_dd(struct fake *f, struct iface *ifp, uint32_t src, uint32_t rid, uint16_t mtu,
		  uint8_t options, uint8_t flags, uint32_t seq, const struct lsa_hdr *hdrs,
		  uint32_t nhdrs);

/* Puts a minimal LSA with header h (length 20 + pad) into db, aged age at now. */
struct lsa_entry *fake_lsa_add(struct fake *f, struct lsdb *db, uint8_t type, uint32_t id,
			       uint32_t adv, int32_t seq, uint16_t age);

#endif
