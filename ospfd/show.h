/* SPDX-License-Identifier: ISC */
/*
 * Show commands. Each builds one json-c object with FRR's keys; the text is rendered from
 * that object, so text and JSON cannot disagree.
 */
#ifndef OSPFD_SHOW_H
#define OSPFD_SHOW_H

#include "ospf.h"

struct cmd_tree;
struct config_store;
struct json_object;

struct show_ctx {
	struct ospf *o; /* NULL until the instance runs (no router id yet) */
	const char *hostname;
	struct config_store *config; /* show running-config, write memory */
	uint32_t *debug;	     /* the daemon's debug ospf flags (debug.h), or NULL */
	/* clear ip ospf process: the daemon restarts the instance (NULL: not available) */
	void (*clear_process)(void *arg);
	void *clear_arg;
};

/* Installs the show commands in NODE_VIEW; the session context is a struct show_ctx. */
int show_cmds_install(struct cmd_tree *t);

/* The objects behind the commands, for tests and for JSON comparisons with FRR. */
struct json_object *show_neighbor_json(const struct ospf *o, bool detail);
struct json_object *show_interface_json(const struct ospf *o, const char *ifname);
struct json_object *show_database_json(const struct ospf *o);
/* show ip ospf database [self-originate]: the summary, optionally of our own LSAs only */
struct json_object *show_database_summary_json(const struct ospf *o, bool self_originate);
/* show ip ospf database TYPE [A.B.C.D] [adv-router A.B.C.D|self-originate] (show_db.c):
 * the LSAs in detail; id and adv filter when not NULL */
struct json_object *show_database_type_json(const struct ospf *o, uint8_t type,
					    const uint32_t *id, const uint32_t *adv,
					    bool self_originate);
/* show ip ospf database max-age */
struct json_object *show_database_maxage_json(const struct ospf *o);
int show_db_cmds_install(struct cmd_tree *t);
struct json_object *show_ospf_json(const struct ospf *o);
/* show ip ospf route: networks "A.B.C.D/M", routers "A.B.C.D", externals, as FRR 8.4 */
struct json_object *show_route_json(const struct ospf *o);
/* show ip ospf route A.B.C.D/M explain (explain.c): the LSAs and the SPF path behind it */
struct json_object *show_route_explain_json(const struct ospf *o, uint32_t prefix, uint8_t len);
struct cmd_out;
void show_route_explain_text(struct json_object *root, struct cmd_out *out);
/* show ip ospf border-routers: the router entries of the above */
struct json_object *show_border_routers_json(const struct ospf *o);

#endif
