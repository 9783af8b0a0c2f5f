/* SPDX-License-Identifier: ISC */
/* What the show command files (show.c, show_db.c, ...) share: json-c shorthands and FRR's
 * formats of durations and options. */
#ifndef OSPFD_SHOW_INT_H
#define OSPFD_SHOW_INT_H

#include <stddef.h>
#include <stdint.h>

#include "cmd.h"
#include "ospf.h"

struct json_object;

void jstr(struct json_object *o, const char *k, const char *v);
void jint(struct json_object *o, const char *k, int64_t v);
void jbool(struct json_object *o, const char *k, bool v);
int64_t jget_int(struct json_object *o, const char *k);
const char *jget_str(struct json_object *o, const char *k);
/* FRR's duration format: "1h02m03s", "2m03s", "3.456s" */
void duration_fmt(char *b, size_t n, int64_t ms);
/* FRR's options string "*|O|DC|EA|N/P|MC|E|M/T" with '-' for a clear bit */
void options_fmt(char *b, size_t len, uint8_t opt);

/* The instance of the session, or NULL before it runs. */
const struct ospf *ctx_ospf(struct cmd_call *c);
/* Prints obj as JSON (when the line has "json") or through text(), and releases it. */
enum cmd_result emit(struct cmd_call *c, struct json_object *obj,
		     void (*text)(struct json_object *, struct cmd_out *));

#endif
