/* SPDX-License-Identifier: ISC */
/*
 * The configuration. Its model is the YANG module ospfd/yang/ospfd.yang; the running
 * configuration is a libyang data tree held by a struct config_store. FRR-syntax commands
 * (from a config file or a vty session) edit a candidate copy of it; libyang validates the
 * candidate, and only a valid one replaces the running tree. After each commit the store
 * re-derives struct ospf_config (the plain view the protocol reads) and reports the old->new
 * difference node by node to an apply callback, so the daemon changes the running protocol
 * without a restart.
 */
#ifndef OSPFD_CONFIG_H
#define OSPFD_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ospf.h"

struct cmd_tree;
struct lyd_node;

enum cfg_if_set {
	CFG_IF_AREA = 1 << 0,
	CFG_IF_COST = 1 << 1,
	CFG_IF_HELLO = 1 << 2,
	CFG_IF_DEAD = 1 << 3,
	CFG_IF_RXMT = 1 << 4,
	CFG_IF_TXDELAY = 1 << 5,
	CFG_IF_PRIORITY = 1 << 6,
	CFG_IF_NETWORK = 1 << 7,
	CFG_IF_PASSIVE = 1 << 8,
	CFG_IF_MTU_IGNORE = 1 << 9,
};

/* RFC 2328 D: authentication types (AuType 0, 1, 2); CFG_AUTH_UNSET follows the area. */
enum cfg_auth {
	CFG_AUTH_UNSET = -1,
	CFG_AUTH_NULL = 0,
	CFG_AUTH_SIMPLE = 1,
	CFG_AUTH_MD5 = 2,
};

/* ip ospf message-digest-key N ALGO KEY */
struct cfg_md5_key {
	uint8_t id;
	uint8_t algo; /* enum auth_algo */
	char key[AUTH_KEY_MAX + 1];
};

struct cfg_iface {
	char name[IF_NAMESIZE];
	unsigned int set; /* enum cfg_if_set: what the configuration says explicitly */
	uint32_t area;
	struct iface_params params;
	enum cfg_auth auth;
	char auth_key[9]; /* ip ospf authentication-key, "" if none */
	struct cfg_md5_key *md5_keys;
	size_t nmd5_keys;
};

struct cfg_network {
	uint32_t prefix;
	uint8_t len;
	uint32_t area;
};

/* RFC 3101 3.1 NSSATranslatorRole */
enum cfg_nssa_role {
	CFG_NSSA_CANDIDATE,
	CFG_NSSA_NEVER,
	CFG_NSSA_ALWAYS,
};

struct cfg_range {
	uint32_t prefix;
	uint8_t len;
	bool not_advertise;
	bool cost_set;
	uint32_t cost;
};

/* `area X ...`: stored and validated; the protocol does not act on most of it yet. */
struct cfg_area {
	uint32_t id;
	enum area_type type;
	bool no_summary;
	uint32_t default_cost; /* of the default summary into a stub area or NSSA (1) */
	enum cfg_nssa_role nssa_role;
	enum cfg_auth auth; /* CFG_AUTH_UNSET: none configured */
	struct cfg_range *ranges;
	size_t nranges;
	uint32_t *vlinks; /* router ids of virtual-link peers through this transit area */
	size_t nvlinks;
};

enum cfg_redist_source {
	CFG_REDIST_KERNEL,
	CFG_REDIST_CONNECTED,
	CFG_REDIST_STATIC,
	CFG_REDIST_MAX,
};

struct cfg_external {
	bool enabled;
	bool always; /* default-information originate always */
	bool metric_set;
	uint32_t metric;
	uint8_t metric_type; /* 1 or 2 */
};

struct ospf_config {
	char hostname[64];
	int log_stdout_level; /* log stdout [LEVEL]: 0..7, -1 if not configured */
	int log_syslog_level; /* log syslog [LEVEL] */
	bool router_ospf;     /* a `router ospf` section exists */
	uint32_t router_id;   /* 0: chosen from the interfaces' addresses */
	bool passive_default;
	struct cfg_network *networks;
	size_t nnetworks;
	struct cfg_iface *ifaces;
	size_t nifaces;

	/* stored and validated; the protocol does not act on these yet */
	uint32_t ref_bandwidth; /* Mbit/s, default 100 */
	uint8_t max_paths;	/* 1..64, default 64 */
	uint32_t spf_delay_ms, spf_hold_ms, spf_max_ms;
	bool max_metric_admin;
	uint32_t max_metric_startup_s; /* 0: not configured */
	struct cfg_area *areas;
	size_t nareas;
	struct cfg_external redist[CFG_REDIST_MAX];
	struct cfg_external default_info;
};

/* Command nodes (modes) of the grammar. */
enum cfg_node {
	NODE_CONFIG = 1,
	NODE_INTERFACE,
	NODE_OSPF,
	NODE_VIEW, /* show, clear, debug: where a vty session starts */
};

void config_init(struct ospf_config *c);
/* "emergencies" .. "debugging" -> 0 .. 7 (syslog's), -1 otherwise */
int config_log_level(const char *name);
void config_free(struct ospf_config *c);

const struct cfg_iface *config_iface_find(const struct ospf_config *c, const char *name);
const struct cfg_area *config_area_find(const struct ospf_config *c, uint32_t id);

/*
 * Whether OSPF runs on the kernel interface name with address addr/prefixlen, and with which
 * area and parameters: `ip ospf area` on the interface, or else the first `network` statement
 * whose prefix contains the interface's (FRR's rule). loopback interfaces become
 * IFACE_LOOPBACK.
 */
bool config_iface_resolve(const struct ospf_config *c, const char *name, uint32_t addr,
			  uint8_t prefixlen, bool loopback, uint32_t *area,
			  struct iface_params *params);

/* ---- the store: running tree, commits, apply ---- */

struct config_store;

/* What a committed change touched, for the apply callback (one per diff node). */
enum config_item {
	CONFIG_ITEM_OTHER, /* stored only, nothing to apply */
	CONFIG_ITEM_HOSTNAME,
	CONFIG_ITEM_INSTANCE, /* router ospf itself */
	CONFIG_ITEM_ROUTER_ID,
	CONFIG_ITEM_NETWORK,
	CONFIG_ITEM_PASSIVE_DEFAULT,
	CONFIG_ITEM_IFACE, /* a whole interface entry, or every interface (ifname NULL) */
	CONFIG_ITEM_IF_AREA,
	CONFIG_ITEM_IF_COST,
	CONFIG_ITEM_IF_HELLO,
	CONFIG_ITEM_IF_DEAD,
	CONFIG_ITEM_IF_NETWORK_TYPE,
	CONFIG_ITEM_IF_PASSIVE,
	CONFIG_ITEM_IF_PARAM, /* retransmit-interval, transmit-delay, priority, mtu-ignore */
	CONFIG_ITEM_AUTH,     /* an interface's authentication (ifname), or an area's (NULL) */
};

enum config_op {
	CONFIG_OP_CREATE,
	CONFIG_OP_DELETE,
	CONFIG_OP_REPLACE,
};

struct config_change {
	enum config_op op;
	enum config_item item;
	const char *ifname;	     /* the interface the node belongs to, or NULL */
	const char *schema_path;     /* e.g. "/ospfd:interfaces/interface/ospf/cost" */
	const struct lyd_node *node; /* the node in the diff tree */
};

/*
 * Called after a commit, once per changed node (a created or deleted subtree is one call),
 * with the derived configuration already updated; then done() once.
 */
struct config_apply {
	void (*changed)(void *arg, const struct config_change *ch);
	void (*done)(void *arg);
	void *arg;
};

/*
 * A store with an empty running configuration. yang_dirs: folders (':'-separated) holding
 * ospfd.yang, or NULL for the default: $OSPFD_YANG_DIR if set, else the installed folder,
 * then the source tree's. NULL with the reason in err.
 */
struct config_store *config_store_new(const char *yang_dirs, char *err, size_t errlen);
void config_store_free(struct config_store *cs);
void config_store_set_apply(struct config_store *cs, const struct config_apply *apply);
const struct ospf_config *config_store_cfg(const struct config_store *cs);
const struct lyd_node *config_store_running(const struct config_store *cs);
/* The file `write memory` saves to (set by config_store_load_file()); NULL if none. */
const char *config_store_path(const struct config_store *cs);
void config_store_set_path(struct config_store *cs, const char *path);

/*
 * Replaces the running configuration with text, all or nothing: YANG JSON when the first
 * non-blank character is '{', else FRR-syntax commands. Errors: "NAME:LINE: reason" for a
 * command that fails, "NAME: invalid configuration: reason (at /path)" for a tree libyang
 * refuses. On error nothing changes.
 */
int config_store_load_text(struct config_store *cs, const char *name, const char *text, char *err,
			   size_t errlen);
int config_store_load_file(struct config_store *cs, const char *path, char *err, size_t errlen);

/*
 * Validates *cand and, if valid, makes it the running tree (taking it: *cand becomes NULL),
 * re-derives the configuration and calls the apply callbacks with the difference. On error
 * *cand is left to the caller and nothing changes.
 */
int config_store_commit(struct config_store *cs, struct lyd_node **cand, char *err, size_t errlen);

/* The running configuration as FRR-style commands (malloc'd); NULL when out of memory. */
char *config_render_cli(const struct lyd_node *tree);
/* The running configuration as YANG JSON or XML (malloc'd). */
char *config_render_json(const struct config_store *cs);
char *config_render_xml(const struct config_store *cs);

/*
 * `write memory`: saves the CLI rendering to path atomically: a temporary file in the same
 * folder, fsync, the previous file kept as PATH.bak, rename, fsync of the folder.
 */
int config_store_write(const struct config_store *cs, const char *path, char *err, size_t errlen);

/* ---- commands ---- */

/*
 * The session context of the configuration nodes. store: the store edited. cand: NULL for an
 * interactive session (each command is validated and committed on its own); else the
 * candidate a whole file is written into (validated and committed by the loader).
 */
struct config_ctx {
	struct config_store *store;
	struct lyd_node **cand;
	char ifname[IF_NAMESIZE]; /* the interface being configured (NODE_INTERFACE) */
};

/* Installs the configuration nodes and commands; the session context is a struct config_ctx. */
int config_cmds_install(struct cmd_tree *t);
/*
 * Installs `show running-config [json|xml]`, `write memory|file` and `copy running-config
 * startup-config` in NODE_VIEW, where the session context is a struct show_ctx whose config
 * member is set.
 */
int config_view_cmds_install(struct cmd_tree *t);

/*
 * One-shot reading, for `ospfd -C` and tests: a file (or text) into c, which it initializes.
 * Returns 0, or -1 with the reason in err.
 */
int config_read_file(const char *path, struct ospf_config *c, char *err, size_t errlen);
int config_read_text(const char *name, const char *text, struct ospf_config *c, char *err,
		     size_t errlen);

#endif
