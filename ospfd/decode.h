/* SPDX-License-Identifier: ISC */
/*
 * `ospfd --decode`: prints the OSPF packets of a capture file. Each packet becomes one json-c
 * object; the text view is rendered from that same object, so the two never disagree.
 */
#ifndef OSPFD_DECODE_H
#define OSPFD_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "packet.h"

struct json_object;

/* decode_file() results, also the exit codes of `ospfd --decode` */
enum decode_result {
	DECODE_OK = 0,	       /* every OSPF packet decoded (fragments are only skipped) */
	DECODE_FAILED = 1,     /* some packet, or an LSA in one, did not decode */
	DECODE_UNREADABLE = 2, /* the file could not be opened or read */
};

/*
 * Decodes every OSPF packet in the pcap/pcapng file at path and writes them to out, as text
 * or as one JSON document ({"file", "packets": [...], "summary"}). Each failure is also
 * reported on err as "path: frame N: <reason text> (<reason name>)".
 */
enum decode_result decode_file(const char *path, bool json, FILE *out, FILE *err);

/*
 * The JSON view of a decoded packet: "header" and one body object named for the type
 * ("hello", "databaseDescription", "linkStateRequest", "linkStateUpdate",
 * "linkStateAcknowledgment"), then "lls" if present. Returns NULL when out of memory.
 */
struct json_object *decode_packet_json(const struct ospf_packet *p);

/* Same for one LSA, header fields and body. */
struct json_object *decode_lsa_json(const struct lsa *l);

/*
 * The generic text view of a JSON object: one "Label: value" line per key, nested objects
 * and arrays of objects indented below their label.
 */
void decode_render_text(struct json_object *obj, int indent, FILE *out);

#endif
