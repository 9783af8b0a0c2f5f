/* SPDX-License-Identifier: ISC */
/*
 * `debug ospf ...` (FRR's syntax): what extra the daemon logs, at debug level. The flags
 * live in the daemon (they survive an instance restart); the instance reads them through
 * ospf->debug. `show debugging` lists them.
 */
#ifndef OSPFD_DEBUG_H
#define OSPFD_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cmd_tree;
struct ospf;

/* packet types 1..5, one bit each for receive and send */
#define OSPF_DEBUG_PACKET_RECV(type) (1u << ((type)*2 - 2))
#define OSPF_DEBUG_PACKET_SEND(type) (1u << ((type)*2 - 1))
#define OSPF_DEBUG_PACKET_ALL	     0x3ffu
#define OSPF_DEBUG_PACKET_DETAIL     (1u << 10)
#define OSPF_DEBUG_ISM		     (1u << 11)
#define OSPF_DEBUG_NSM		     (1u << 12)
#define OSPF_DEBUG_LSA		     (1u << 13)
#define OSPF_DEBUG_SPF		     (1u << 14)
#define OSPF_DEBUG_ZEBRA	     (1u << 15) /* FRR's name for route updates to the kernel */

/* Whether o logs what flag covers. */
bool ospf_debugging(const struct ospf *o, uint32_t flag);

/* Logs at debug level when flag is on. */
#define ospf_debug(o, flag, ...)                        \
	do {                                            \
		if (ospf_debugging((o), (flag)))        \
			ospf_logf((o), 7, __VA_ARGS__); \
	} while (0)

/* Installs debug ospf ..., no debug ospf ... (NODE_VIEW and NODE_CONFIG) and show debugging;
 * the show context's debug pointer holds the flags. */
int debug_cmds_install(struct cmd_tree *t);

/* The flags as FRR's `show debugging` prints them, one line each, into buf. */
void debug_describe(uint32_t flags, char *buf, size_t len);

#endif
