/* SPDX-License-Identifier: ISC */
/* Shared between the configuration's files (config*.c); not a public contract. */
#ifndef OSPFD_CONFIG_INT_H
#define OSPFD_CONFIG_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "yang_util.h"

#define CFG_YANG_MODULE "ospfd"

struct config_store {
	struct ly_ctx *ly;
	struct lyd_node *running;
	struct ospf_config cfg; /* derived from running */
	struct config_apply apply;
	char *path; /* where write memory saves */
};

/* Rebuilds c (initialized here) from tree; -1 when out of memory (c is then empty). */
int config_derive(const struct lyd_node *tree, struct ospf_config *c);

uint32_t cfg_prefix_mask(uint8_t len);
bool cfg_parse_ipv4(const char *s, uint32_t *v);
bool cfg_parse_prefix(const char *s, uint32_t *addr, uint8_t *len);

#endif
