/* SPDX-License-Identifier: ISC */
/* clear ip ospf process, clear ip ospf neighbor [A.B.C.D] (FRR's syntax). */
#ifndef OSPFD_CLEAR_H
#define OSPFD_CLEAR_H

#include <stdbool.h>
#include <stdint.h>

struct cmd_tree;
struct ospf;

/* KillNbr (RFC 2328 10.3) for every neighbor with router id rid, or every neighbor when
 * all is set; the adjacency then forms again from the next Hello. Returns how many. */
unsigned int clear_neighbors(struct ospf *o, bool all, uint32_t rid);

/* Installs the commands in NODE_VIEW (the context is a struct show_ctx). */
int clear_cmds_install(struct cmd_tree *t);

#endif
