/* SPDX-License-Identifier: ISC */
/* Interfaces: the interface state machine (RFC 2328 9.3), DR election (9.4), Hellos (9.5). */
#ifndef OSPFD_IFACE_H
#define OSPFD_IFACE_H

#include "ospf.h"

/* Creates an interface in area with params; it stays Down until iface_fsm(INTERFACE_UP). */
struct iface *iface_new(struct ospf *o, struct area *a, const char *name, int ifindex,
			uint32_t addr, uint8_t prefixlen, uint16_t mtu,
			const struct iface_params *params);
/* Runs InterfaceDown, then frees it and its neighbors. */
void iface_free(struct iface *ifp);
void iface_params_default(struct iface_params *p);

/* The state machine of 9.3, as a table: runs synchronously, in order. */
void iface_fsm(struct iface *ifp, enum iface_event ev);
/* 9.4: (re)elects DR and BDR; called by the NeighborChange/WaitTimer/BackupSeen actions. */
void iface_dr_elect(struct iface *ifp);
/* Sends a Hello now (9.5) and re-arms the hello timer. */
void iface_hello_send(struct iface *ifp);

struct nbr *iface_nbr_find_by_id(const struct iface *ifp, uint32_t router_id);
struct nbr *iface_nbr_find_by_addr(const struct iface *ifp, uint32_t addr);
uint32_t iface_mask(const struct iface *ifp);
/* The Options we send in Hellos and DDs (A.2): E in normal areas, N (NP) in NSSAs. */
uint8_t iface_options(const struct iface *ifp);
/* Whether packets go to and come from neighbors here (not Down, Loopback or passive). */
bool iface_is_active(const struct iface *ifp);

const char *iface_state_name(enum iface_state s);
const char *iface_event_name(enum iface_event e);
const char *iface_type_name(enum iface_type t);

/* Receiving a Hello (10.5); the header is already checked by ospf_recv. */
void hello_recv(struct iface *ifp, uint32_t src, const struct ospf_packet *p);

#endif
