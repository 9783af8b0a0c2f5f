/* SPDX-License-Identifier: ISC */
/*
 * The configuration as read from FRR-syntax commands (config file now, vtysh later):
 * what `router ospf`, `network ... area`, `interface` and `ip ospf ...` say, and how a
 * kernel interface's settings follow from it.
 */
#ifndef OSPFD_CONFIG_H
#define OSPFD_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ospf.h"

struct cmd_tree;

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

struct cfg_iface {
	char name[IF_NAMESIZE];
	unsigned int set; /* enum cfg_if_set: what the configuration says explicitly */
	uint32_t area;
	struct iface_params params;
};

struct cfg_network {
	uint32_t prefix;
	uint8_t len;
	uint32_t area;
};

struct ospf_config {
	char hostname[64];
	bool router_ospf;   /* a `router ospf` section exists */
	uint32_t router_id; /* 0: chosen from the interfaces' addresses */
	bool passive_default;
	struct cfg_network *networks;
	size_t nnetworks;
	struct cfg_iface *ifaces;
	size_t nifaces;
};

/* Command nodes (modes) of the grammar. */
enum cfg_node {
	NODE_CONFIG = 1,
	NODE_INTERFACE,
	NODE_OSPF,
	NODE_VIEW, /* show, clear, debug: where a vty session starts */
};

void config_init(struct ospf_config *c);
void config_free(struct ospf_config *c);

/* Installs the configuration commands; the session context must be a struct config_ctx. */
int config_cmds_install(struct cmd_tree *t);

struct config_ctx {
	struct ospf_config *cfg;
	char ifname[IF_NAMESIZE]; /* the interface being configured (NODE_INTERFACE) */
};

/*
 * Reads a config file into c (which it initializes). Returns 0, or -1 with
 * "FILE:LINE: reason" in err.
 */
int config_read_file(const char *path, struct ospf_config *c, char *err, size_t errlen);
/* The same for a text in memory (name is used in messages). */
int config_read_text(const char *name, const char *text, struct ospf_config *c, char *err,
		     size_t errlen);

const struct cfg_iface *config_iface_find(const struct ospf_config *c, const char *name);

/*
 * Whether OSPF runs on the kernel interface name with address addr/prefixlen, and with which
 * area and parameters: `ip ospf area` on the interface, or else the first `network` statement
 * whose prefix contains the interface's (FRR's rule). loopback interfaces become
 * IFACE_LOOPBACK.
 */
bool config_iface_resolve(const struct ospf_config *c, const char *name, uint32_t addr,
			  uint8_t prefixlen, bool loopback, uint32_t *area,
			  struct iface_params *params);

#endif
