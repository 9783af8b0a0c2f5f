/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for SPF and the routing table. The input is a list of LSAs as stored, not
 * checked by the codec (2-byte length, then that many bytes, its length field set to match),
 * installed next to a fixed router-LSA of ours; then a full run, the table difference and
 * the route JSON. Nothing an LSDB holds may crash a run or make it read out of bounds.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "lsa.h"
#include "ospf.h"
#include "route.h"
#include "show.h"
#include "spf.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RID 0x01010101u

static uint64_t now_ms = 10000000;

static uint64_t fuzz_clock(void *ctx)
{
	(void)ctx;
	return now_ms;
}

static void fuzz_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)ifp;
	(void)dst;
	(void)buf;
	(void)len;
}

static void install(struct ospf *o, const uint8_t *p, uint16_t len)
{
	struct lsa_inst *inst;
	uint8_t buf[1024];
	struct lsdb *db;

	memcpy(buf, p, len);
	put16(buf, 0);	      /* age */
	put16(buf + 18, len); /* length */
	inst = lsa_inst_new(buf, len, now_ms);
	if (!inst)
		return;
	/* the DN bit of the options picks area 1, else area 0 */
	if (inst->hdr.type == LSA_AS_EXTERNAL)
		db = &o->as_lsdb;
	else
		db = &ospf_area_get(o, buf[2] >> 7)->lsdb;
	if (!lsdb_put(db, inst))
		lsa_inst_unref(inst);
}

/* Our router-LSA: a point-to-point link to 2.2.2.2, a transit link to 10.0.0.2, a stub. */
static void install_root(struct ospf *o)
{
	static const uint8_t root[] = {
		0,	    0,	 0x02,
		LSA_ROUTER, 1,	 1,
		1,	    1,	 1,
		1,	    1,	 1,
		0x80,	    0,	 0,
		1,	    0,	 0,
		0,	    0,	 LSA_ROUTER_B,
		0,	    0,	 3,
		2,	    2,	 2,
		2,	    10,	 0,
		1,	    1,	 LSA_LINK_P2P,
		0,	    0,	 10,
		10,	    0,	 0,
		2,	    10,	 0,
		0,	    1,	 LSA_LINK_TRANSIT,
		0,	    0,	 10,
		10,	    0,	 2,
		0,	    255, 255,
		255,	    0,	 LSA_LINK_STUB,
		0,	    0,	 1,
	};

	install(o, root, sizeof(root));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ospf_io io = { .send = fuzz_send };
	struct timerq *tq = timerq_new(fuzz_clock, NULL);
	struct ospf *o = ospf_new(RID, tq, &io);
	struct iface_params p;
	struct json_object *j;

	iface_params_default(&p);
	p.type = IFACE_P2P;
	iface_new(o, ospf_area_get(o, 0), "eth0", 2, 0x0a000101, 24, 1500, &p);
	p.type = IFACE_BROADCAST;
	iface_new(o, ospf_area_get(o, 0), "eth1", 3, 0x0a000001, 24, 1500, &p);
	install_root(o);
	while (size >= 2) {
		uint16_t len = get16(data);

		data += 2;
		size -= 2;
		if (len < LSA_HEADER_LEN || len > 1024 || len > size)
			break;
		install(o, data, len);
		data += len;
		size -= len;
	}
	o->max_paths = 1 + (o->as_lsdb.count % 4);
	spf_run(o);
	spf_run(o); /* again, over the previous table's memory */
	route_table_diff(o->rt_prev, o->rt, NULL, NULL);
	j = show_route_json(o);
	json_object_put(j);
	ospf_free(o);
	timerq_free(tq);
	return 0;
}
