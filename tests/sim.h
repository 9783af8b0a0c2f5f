/* SPDX-License-Identifier: ISC */
/*
 * A simulated network for unit tests: several protocol instances in one process, joined by
 * segments (point-to-point links or LANs), one simulated clock, packets delivered 1 ms after
 * they are sent. Deterministic, fast, and needs no root.
 */
#ifndef TESTS_SIM_H
#define TESTS_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "ospf.h"

struct sim;

struct sim *sim_new(void);
void sim_free(struct sim *s);
struct timerq *sim_timerq(struct sim *s);
uint64_t sim_now(const struct sim *s);

struct ospf *sim_router_add(struct sim *s, uint32_t router_id);
/* A segment: a point-to-point link or a LAN; returns its number. */
int sim_segment_add(struct sim *s);
/* Attaches a new interface of o to segment seg and brings it up. */
struct iface *sim_attach(struct sim *s, struct ospf *o, int seg, uint32_t addr, uint8_t prefixlen,
			 uint32_t area_id, const struct iface_params *params);
/* A silent cut: frames on seg vanish, carriers stay up. */
void sim_segment_set_up(struct sim *s, int seg, bool up);

/* Advances the clock by ms, firing timers and delivering packets in order. */
void sim_run(struct sim *s, uint64_t ms);
/* Runs until pred(arg) holds or ms elapse; returns whether it held. */
bool sim_run_until(struct sim *s, uint64_t ms, bool (*pred)(struct sim *s, void *arg), void *arg);

/* Every router of the sim: count and access, in the order added. */
int sim_router_count(const struct sim *s);
struct ospf *sim_router(const struct sim *s, int i);

/* Whether every router holds the same (type, id, adv, seq, checksum) set in area_id. */
bool sim_lsdbs_equal(const struct sim *s, uint32_t area_id);
/* Whether every neighbor of every router is Full (and each router has at least one). */
bool sim_all_full(struct sim *s, void *arg);
/* Whether no router has an SPF run pending. */
bool sim_spf_idle(const struct sim *s);

#endif
