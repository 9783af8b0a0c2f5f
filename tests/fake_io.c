/* SPDX-License-Identifier: ISC */
#include "fake_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "external.h"
#include "flood.h"
#include "iface.h"
#include "lsa.h"
#include "lsdb.h"
#include "nbr.h"
#include "originate.h"
#include "spf.h"

struct fake_calls fake_calls;

static uint64_t fake_clock(void *ctx)
{
	return ((struct fake *)ctx)->now;
}

static void fake_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	struct fake *f = ctx;
	struct fake_pkt *k;

	if (f->npkts == FAKE_MAX_PKTS)
		return;
	k = &f->pkts[f->npkts];
	if (ospf_packet_decode(buf, len, &k->p) != DROP_NONE) {
		fprintf(stderr, "fake_io: we sent a packet that does not decode\n");
		abort();
	}
	k->ifp = ifp;
	k->dst = dst;
	f->npkts++;
}

static void fake_join(void *ctx, struct iface *ifp, bool join)
{
	struct fake *f = ctx;

	(void)ifp;
	if (join)
		f->joins++;
	else
		f->leaves++;
	f->joined = join;
}

static void fake_log(void *ctx, int level, const char *msg)
{
	struct fake *f = ctx;

	if (getenv("FAKE_VERBOSE"))
		fprintf(stderr, "[%d] %s\n", level, msg);
	if (f->nlogs < FAKE_MAX_LOGS)
		snprintf(f->logs[f->nlogs++], sizeof(f->logs[0]), "%s", msg);
}

struct fake *fake_new(uint32_t router_id)
{
	struct fake *f = calloc(1, sizeof(*f));
	struct ospf_io io = { .send = fake_send, .join_alldrouters = fake_join, .ctx = f };

	f->now = 5000000; /* not zero, so "time 0" bugs show */
	f->tq = timerq_new(fake_clock, f);
	f->o = ospf_new(router_id, f->tq, &io);
	f->o->log = fake_log;
	f->o->log_ctx = f;
	memset(&fake_calls, 0, sizeof(fake_calls));
	return f;
}

void fake_free(struct fake *f)
{
	ospf_free(f->o);
	fake_clear(f);
	timerq_free(f->tq);
	free(f);
}

struct iface_params fake_params(enum iface_type type)
{
	struct iface_params p;

	iface_params_default(&p);
	p.type = type;
	p.hello_interval = 10;
	p.dead_interval = 40;
	p.retransmit_interval = 5;
	p.priority = 1;
	return p;
}

struct iface *fake_iface(struct fake *f, uint32_t area_id, enum area_type at,
			 const struct iface_params *p, uint32_t addr, uint8_t prefixlen)
{
	struct area *a = ospf_area_get(f->o, area_id);
	static int ifindex = 100;
	char name[IF_NAMESIZE];

	a->type = at;
	snprintf(name, sizeof(name), "eth%d", ifindex - 100);
	return iface_new(f->o, a, name, ifindex++, addr, prefixlen, 1500, p);
}

void fake_run(struct fake *f, uint64_t ms)
{
	uint64_t end = f->now + ms;

	for (;;) {
		uint64_t next = timerq_next(f->tq);

		if (next > end)
			break;
		if (next > f->now)
			f->now = next;
		timerq_run(f->tq, 64);
	}
	f->now = end;
}

size_t fake_sent(const struct fake *f, uint8_t type)
{
	size_t i, n = 0;

	for (i = 0; i < f->npkts; i++)
		if (f->pkts[i].p.hdr.type == type)
			n++;
	return n;
}

const struct fake_pkt *fake_last(const struct fake *f, uint8_t type)
{
	size_t i;

	for (i = f->npkts; i-- > 0;)
		if (f->pkts[i].p.hdr.type == type)
			return &f->pkts[i];
	return NULL;
}

void fake_clear(struct fake *f)
{
	size_t i;

	for (i = 0; i < f->npkts; i++)
		ospf_packet_free(&f->pkts[i].p);
	f->npkts = 0;
}

bool fake_logged(const struct fake *f, const char *substr)
{
	size_t i;

	for (i = 0; i < f->nlogs; i++)
		if (strstr(f->logs[i], substr))
			return true;
	return false;
}

struct ospf_hello fake_hello_for(const struct iface *ifp)
{
	struct ospf_hello h;

	memset(&h, 0, sizeof(h));
	h.mask = iface_mask(ifp);
	h.hello_interval = ifp->params.hello_interval;
	h.dead_interval = ifp->params.dead_interval;
	h.options = iface_options(ifp);
	h.priority = 1;
	return h;
}

void fake_recv(struct fake *f, struct iface *ifp, uint32_t src, uint32_t rid, struct ospf_packet *p)
{
	uint8_t *buf = malloc(OSPF_MAX_PACKET);
	size_t len;

	p->hdr.version = OSPF_VERSION;
	p->hdr.router_id = rid;
	p->hdr.area_id = ifp->area->id;
	p->hdr.auth_type = OSPF_AUTH_NULL;
	len = ospf_packet_encode(p, buf, OSPF_MAX_PACKET);
	if (!len) {
		fprintf(stderr, "fake_io: test packet does not encode\n");
		abort();
	}
	ospf_recv(f->o, ifp, src, OSPF_ALL_SPF_ROUTERS, buf, len);
	free(buf);
}

void fake_recv_hello(struct fake *f, struct iface *ifp, uint32_t src, uint32_t rid,
		     uint8_t priority, uint32_t dr, uint32_t bdr, const uint32_t *nbrs,
		     uint32_t nnbrs)
{
	struct ospf_packet p;

	memset(&p, 0, sizeof(p));
	p.hdr.type = OSPF_PKT_HELLO;
	p.hello = fake_hello_for(ifp);
	p.hello.priority = priority;
	p.hello.dr = dr;
	p.hello.bdr = bdr;
	p.hello.neighbors = (uint32_t *)nbrs;
	p.hello.nneighbors = nnbrs;
	fake_recv(f, ifp, src, rid, &p);
}

void fake_recv_dd(struct fake *f, struct iface *ifp, uint32_t src, uint32_t rid, uint16_t mtu,
		  uint8_t options, uint8_t flags, uint32_t seq, const struct lsa_hdr *hdrs,
		  uint32_t nhdrs)
{
	struct ospf_packet p;

	memset(&p, 0, sizeof(p));
	p.hdr.type = OSPF_PKT_DD;
	p.dd.mtu = mtu;
	p.dd.options = options;
	p.dd.flags = flags;
	p.dd.seq = seq;
	p.dd.lsas = (struct lsa_hdr *)hdrs;
	p.dd.nlsas = nhdrs;
	fake_recv(f, ifp, src, rid, &p);
}

struct lsa_entry *fake_lsa_add(struct fake *f, struct lsdb *db, uint8_t type, uint32_t id,
			       uint32_t adv, int32_t seq, uint16_t age)
{
	uint8_t buf[24];
	struct lsa_hdr h = { .age = age,
			     .options = 0,
			     .type = type,
			     .id = id,
			     .adv_router = adv,
			     .seq = seq,
			     .length = sizeof(buf) };
	struct lsa_inst *inst;

	memset(buf, 0, sizeof(buf));
	lsa_hdr_encode(&h, buf);
	lsa_checksum_set(buf, sizeof(buf));
	inst = lsa_inst_new(buf, sizeof(buf), f->now);
	return lsdb_put(db, inst);
}

/*
 * Stand-ins for the LSDB, flooding and origination modules, so that the interface and
 * neighbor state machines are tested alone: a list-backed LSDB, and recorders. They are
 * strong definitions on purpose: should a test ever pull the real module from ospfd_core
 * too, the link fails with a duplicate symbol instead of silently mixing the two.
 */
#define WEAK

WEAK uint16_t lsa_inst_age(const struct lsa_inst *inst, uint64_t now_ms)
{
	uint32_t age = inst->hdr.age;

	if (age & LSA_DO_NOT_AGE)
		return (uint16_t)age;
	age += (uint32_t)((now_ms - inst->install_ms) / 1000);
	return (uint16_t)(age > LSA_MAX_AGE ? LSA_MAX_AGE : age);
}

WEAK struct lsa_inst *lsa_inst_new(const uint8_t *data, uint16_t len, uint64_t now_ms)
{
	struct lsa_inst *inst = calloc(1, sizeof(*inst) + len);

	inst->refs = 1;
	lsa_hdr_decode(data, len, &inst->hdr);
	inst->install_ms = now_ms;
	inst->len = len;
	memcpy(inst->data, data, len);
	return inst;
}

WEAK struct lsa_inst *lsa_inst_ref(struct lsa_inst *inst)
{
	inst->refs++;
	return inst;
}

WEAK void lsa_inst_unref(struct lsa_inst *inst)
{
	if (inst && !--inst->refs)
		free(inst);
}

WEAK void lsdb_init(struct lsdb *db, struct ospf *ospf, struct area *area)
{
	memset(db, 0, sizeof(*db));
	db->ospf = ospf;
	db->area = area;
	db->buckets = calloc(1, sizeof(*db->buckets));
	db->nbuckets = 1;
}

WEAK void lsdb_fini(struct lsdb *db)
{
	struct lsa_entry *e, *next;

	if (!db->buckets)
		return;
	for (e = db->buckets[0]; e; e = next) {
		next = e->hnext;
		lsa_inst_unref(e->inst);
		free(e);
	}
	free(db->buckets);
	db->buckets = NULL;
	db->count = 0;
}

WEAK struct lsa_entry *lsdb_lookup(const struct lsdb *db, const struct lsa_key *key)
{
	struct lsa_entry *e;

	for (e = db->buckets[0]; e; e = e->hnext)
		if (e->key.type == key->type && e->key.id == key->id &&
		    e->key.adv_router == key->adv_router)
			return e;
	return NULL;
}

WEAK struct lsa_entry *lsdb_put(struct lsdb *db, struct lsa_inst *inst)
{
	struct lsa_key key = lsa_key_of(&inst->hdr);
	struct lsa_entry *e = lsdb_lookup(db, &key);

	if (e) {
		lsa_inst_unref(e->inst);
		e->inst = inst;
		return e;
	}
	e = calloc(1, sizeof(*e));
	e->key = key;
	e->inst = inst;
	e->db = db;
	e->hnext = db->buckets[0];
	db->buckets[0] = e;
	db->count++;
	return e;
}

WEAK void lsdb_foreach(const struct lsdb *db, void (*fn)(struct lsa_entry *e, void *arg), void *arg)
{
	struct lsa_entry *e;

	for (e = db->buckets[0]; e; e = e->hnext)
		fn(e, arg);
}

WEAK struct lsdb *flood_scope_db(struct iface *ifp, uint8_t lsa_type)
{
	if (lsa_type == LSA_AS_EXTERNAL || lsa_type == LSA_OPAQUE_AS)
		return &ifp->ospf->as_lsdb;
	return &ifp->area->lsdb;
}

WEAK void flood_rxmt_add(struct nbr *n, struct lsa_inst *inst)
{
	(void)inst;
	n->nretransmit++;
	fake_calls.rxmt_add++;
}

WEAK void flood_rxmt_clear(struct nbr *n)
{
	n->nretransmit = 0;
	fake_calls.rxmt_clear++;
}

WEAK void lsupd_send(struct iface *ifp, uint32_t dst, struct lsa_inst *const *insts, size_t n)
{
	(void)ifp;
	(void)insts;
	fake_calls.lsupd++;
	fake_calls.lsupd_count = n;
	fake_calls.lsupd_dst = dst;
}

WEAK void lsupd_recv(struct nbr *n, const struct ospf_packet *p)
{
	(void)n;
	(void)p;
}

WEAK void lsack_recv(struct nbr *n, const struct ospf_packet *p)
{
	(void)n;
	(void)p;
}

/* No externals here (external.c would pull in origination). */
WEAK void external_free(struct ospf *o)
{
	(void)o;
}

/* SPF is not under test here: no routing table, no timer. */
WEAK void spf_init(struct ospf *o)
{
	o->max_paths = 64;
}

WEAK void spf_fini(struct ospf *o)
{
	(void)o;
}

WEAK void spf_schedule(struct ospf *o, const char *reason)
{
	(void)o;
	(void)reason;
}

WEAK void originate_router_lsa(struct area *a)
{
	(void)a;
	fake_calls.router_lsa++;
}

WEAK void originate_network_lsa(struct iface *ifp)
{
	(void)ifp;
	fake_calls.network_lsa++;
}

WEAK void originate_flush(struct lsa_entry *e)
{
	(void)e;
}
