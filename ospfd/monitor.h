/* SPDX-License-Identifier: ISC */
/*
 * monitor ospf events [json]: a live stream of the instance's events (neighbor and interface
 * state changes, LSAs originated, installed or flushed, SPF runs) to vty clients, one line
 * per event, text or one JSON object per line, until the client ends it. A client that does
 * not keep up loses lines (counted), never slows the daemon (vty_stream_write()).
 */
#ifndef OSPFD_MONITOR_H
#define OSPFD_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vty_client;
struct monitor;

struct monitor *monitor_new(void);
void monitor_free(struct monitor *m);

/* c receives every event from now on, as text or JSON lines; -1 when out of memory. */
int monitor_subscribe(struct monitor *m, struct vty_client *c, bool json);
void monitor_unsubscribe(struct monitor *m, struct vty_client *c);
size_t monitor_subscribers(const struct monitor *m);
/* Lines not delivered because a client's queue was full. */
uint64_t monitor_dropped(const struct monitor *m);

/* The struct ospf event hook (ctx = the monitor): formats the event once per format and
 * writes it to every subscriber. */
void monitor_publish(void *ctx, const char *kind, const char *const *kv, size_t nkv);

/* The line of one event (for tests): "HH:MM:SS.mmm KIND key=value ...\n" or a JSON object
 * {"time": ..., "event": KIND, key: value, ...} and '\n'. Returns its length. */
size_t monitor_format(char *buf, size_t len, bool json, const char *when, const char *kind,
		      const char *const *kv, size_t nkv);

#endif
