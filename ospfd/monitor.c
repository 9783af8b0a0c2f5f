/* SPDX-License-Identifier: ISC */
#include "monitor.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "vty_server.h"

#define MONITOR_LINE_MAX 1024

struct subscriber {
	struct vty_client *c;
	bool json;
};

struct monitor {
	struct subscriber *v;
	size_t n, cap;
	uint64_t dropped;
};

struct monitor *monitor_new(void)
{
	return calloc(1, sizeof(struct monitor));
}

void monitor_free(struct monitor *m)
{
	if (!m)
		return;
	free(m->v);
	free(m);
}

int monitor_subscribe(struct monitor *m, struct vty_client *c, bool json)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 4;
		struct subscriber *v = realloc(m->v, cap * sizeof(*v));

		if (!v)
			return -1;
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n++] = (struct subscriber){ c, json };
	return 0;
}

void monitor_unsubscribe(struct monitor *m, struct vty_client *c)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].c == c) {
			m->v[i] = m->v[--m->n];
			return;
		}
}

size_t monitor_subscribers(const struct monitor *m)
{
	return m->n;
}

uint64_t monitor_dropped(const struct monitor *m)
{
	return m->dropped;
}

size_t monitor_format(char *buf, size_t len, bool json, const char *when, const char *kind,
		      const char *const *kv, size_t nkv)
{
	size_t used = 0;

	if (!len)
		return 0;
	if (json) {
		struct json_object *j = json_object_new_object();
		const char *s;

		json_object_object_add(j, "time", json_object_new_string(when));
		json_object_object_add(j, "event", json_object_new_string(kind));
		for (size_t i = 0; i < nkv; i++)
			json_object_object_add(j, kv[2 * i], json_object_new_string(kv[2 * i + 1]));
		s = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE);
		used = (size_t)snprintf(buf, len, "%s\n", s);
		json_object_put(j);
	} else {
		used = (size_t)snprintf(buf, len, "%s %s", when, kind);
		for (size_t i = 0; i < nkv && used < len; i++)
			used += (size_t)snprintf(buf + used, len - used, " %s=%s", kv[2 * i],
						 kv[2 * i + 1]);
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used, "\n");
	}
	if (used >= len) { /* cut: keep the line ending */
		used = len - 1;
		buf[used - 1] = '\n';
	}
	return used;
}

void monitor_publish(void *ctx, const char *kind, const char *const *kv, size_t nkv)
{
	struct monitor *m = ctx;
	char when[32], lines[2][MONITOR_LINE_MAX];
	size_t lens[2] = { 0, 0 };
	struct timeval tv;
	struct tm tm;

	if (!m || !m->n)
		return;
	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y/%m/%d %H:%M:%S", &tm);
	snprintf(when + strlen(when), sizeof(when) - strlen(when), ".%03ld",
		 (long)(tv.tv_usec / 1000));
	for (size_t i = 0; i < m->n; i++) {
		bool json = m->v[i].json;

		if (!lens[json])
			lens[json] = monitor_format(lines[json], sizeof(lines[json]), json, when,
						    kind, kv, nkv);
		if (!vty_stream_write(m->v[i].c, lines[json], lens[json]))
			m->dropped++;
	}
}
