/* SPDX-License-Identifier: ISC */
/*
 * The protocol instance and its objects: areas, interfaces, neighbors (RFC 2328 5, 6, 9,
 * 10). Everything runs on one thread, driven by the instance's timer queue and by
 * ospf_recv(); packets leave through the io callbacks, so a unit test can wire several
 * instances together over a simulated network with a simulated clock.
 */
#ifndef OSPFD_OSPF_H
#define OSPFD_OSPF_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "drop.h"
#include "list.h"
#include "lsdb.h"
#include "nbr_lsa_set.h"
#include "packet.h"
#include "route.h"
#include "timerq.h"

/* RFC 2328 Appendix B architectural constants, in milliseconds where they are times */
#define OSPF_LS_REFRESH_TIME_S	1800
#define OSPF_READ_BATCH		64 /* packets read per socket event, at most */
#define OSPF_MIN_LS_INTERVAL_MS 5000
#define OSPF_MIN_LS_ARRIVAL_MS	1000
#define OSPF_CHECK_AGE_S	300
#define OSPF_ALL_SPF_ROUTERS	0xe0000005u /* 224.0.0.5 */
#define OSPF_ALL_D_ROUTERS	0xe0000006u /* 224.0.0.6 */
#define OSPF_MAX_PACKET		65535
#define OSPF_TXBUF_LEN		(OSPF_MAX_PACKET + OSPF_AUTH_DIGEST_MAX) /* with the trailer */

struct ospf;
struct area;
struct iface;
struct nbr;
struct external_table;
struct vlink;

enum area_type {
	AREA_NORMAL,
	AREA_STUB,
	AREA_NSSA,
};

/* `area X range A.B.C.D/M [not-advertise|cost N]` (RFC 2328 3.5, 12.4.3) */
struct area_range {
	uint32_t prefix;
	uint8_t len;
	bool advertise;
	bool cost_set;
	uint32_t cost;
};

struct area {
	struct list_node node; /* in ospf->areas */
	struct ospf *ospf;
	uint32_t id;
	enum area_type type;
	struct lsdb lsdb;	      /* router, network, summary, NSSA, opaque-area LSAs */
	struct list_node ifaces;      /* struct iface.area_node */
	struct lsa_entry *router_lsa; /* our own router-LSA in this area, once originated */
	/* from the configuration (abr_area_configure), for abr.c and spf.c */
	bool no_summary;	   /* stub or NSSA: no summary-LSAs but the default */
	uint8_t nssa_role;	   /* enum cfg_nssa_role (RFC 3101 NSSATranslatorRole) */
	uint8_t auth_type;	   /* `area X authentication`: AuType 0, 1 or 2 (RFC 2328 D) */
	uint32_t default_cost;	   /* of the default summary into a stub area or NSSA */
	struct area_range *ranges; /* area X range */
	size_t nranges;
	bool nssa_translator; /* RFC 3101 3.1: we translate its type-7 LSAs (abr_run) */
};

/* RFC 2328 9.1 Type */
enum iface_type {
	IFACE_BROADCAST,
	IFACE_P2P,
	IFACE_LOOPBACK, /* the kernel's loopback: advertised as host routes, no packets */
};

/* RFC 2328 9.1 State */
enum iface_state {
	ISM_DOWN,
	ISM_LOOPBACK,
	ISM_WAITING,
	ISM_P2P,
	ISM_DROTHER,
	ISM_BACKUP,
	ISM_DR,
	ISM_STATE_MAX
};

/* RFC 2328 9.2 */
enum iface_event {
	ISM_EV_INTERFACE_UP,
	ISM_EV_WAIT_TIMER,
	ISM_EV_BACKUP_SEEN,
	ISM_EV_NEIGHBOR_CHANGE,
	ISM_EV_LOOP_IND,
	ISM_EV_UNLOOP_IND,
	ISM_EV_INTERFACE_DOWN,
	ISM_EVENT_MAX
};

/* Per interface settings, as configured (ip ospf ...). */
struct iface_params {
	uint32_t cost;		      /* 1..65535 */
	uint16_t hello_interval;      /* seconds */
	uint32_t dead_interval;	      /* seconds */
	uint16_t retransmit_interval; /* seconds */
	uint16_t transmit_delay;      /* seconds */
	uint8_t priority;
	enum iface_type type;
	bool passive;
	bool mtu_ignore;
	struct auth_conf auth; /* RFC 2328 D: the interface's, else its area's */
};

struct iface {
	struct list_node node;	    /* in ospf->ifaces */
	struct list_node area_node; /* in area->ifaces */
	struct ospf *ospf;
	struct area *area;
	char name[IF_NAMESIZE];
	int ifindex;
	uint32_t addr; /* the interface's IPv4 address (host order) */
	uint8_t prefixlen;
	uint32_t peer;		   /* far end of a point-to-point address, or 0 */
	uint16_t mtu;		   /* as OSPF carries it: the kernel's, capped at 65535 */
	uint32_t kernel_mtu;	   /* as the kernel says (lo: 65536), for show */
	bool kernel_up;		   /* operational state from the kernel */
	unsigned int kernel_flags; /* IFF_* from the kernel, for show */
	struct iface_params params;

	enum iface_state state;
	uint32_t dr, bdr;	/* interface addresses of the DR and BDR, 0 if none (9.1) */
	uint32_t dr_id, bdr_id; /* and their router ids */
	struct list_node nbrs;	/* struct nbr.node */
	struct timer *hello_timer;
	struct timer *wait_timer;
	struct timer *ack_timer; /* delayed acknowledgments (13.5) */
	struct lsa_hdr *delayed_acks;
	size_t ndelayed_acks, cap_delayed_acks;
	struct lsa_entry *network_lsa; /* ours, when DR */

	uint64_t drops[DROP_REASON_MAX];
	uint64_t rx_packets[OSPF_PKT_LSACK + 1];
	uint64_t tx_packets[OSPF_PKT_LSACK + 1];
	unsigned int ism_changes;
	/* the last Hello refused before it made a neighbor, for show ip ospf neighbor A.B.C.D */
	struct {
		uint32_t src, rid;
		uint64_t ms; /* 0: none yet */
		char reason[128];
	} hello_refused;
	uint32_t auth_seq;   /* last cryptographic sequence number sent (D.4.3) */
	struct vlink *vlink; /* a virtual link (vlink.c), owned; NULL for a real interface */
};

/* RFC 2328 10.1 State */
enum nbr_state {
	NSM_DOWN,
	NSM_ATTEMPT,
	NSM_INIT,
	NSM_2WAY,
	NSM_EXSTART,
	NSM_EXCHANGE,
	NSM_LOADING,
	NSM_FULL,
	NSM_STATE_MAX
};

/* RFC 2328 10.2 */
enum nbr_event {
	NSM_EV_HELLO_RECEIVED,
	NSM_EV_START,
	NSM_EV_2WAY_RECEIVED,
	NSM_EV_NEGOTIATION_DONE,
	NSM_EV_EXCHANGE_DONE,
	NSM_EV_BAD_LS_REQ,
	NSM_EV_LOADING_DONE,
	NSM_EV_ADJ_OK,
	NSM_EV_SEQ_NUMBER_MISMATCH,
	NSM_EV_1WAY_RECEIVED,
	NSM_EV_KILL_NBR,
	NSM_EV_INACTIVITY_TIMER,
	NSM_EV_LL_DOWN,
	NSM_EVENT_MAX
};

/* An LSA on one of a neighbor's lists (10.1: summary, request, retransmission). */
struct nbr_lsa {
	struct list_node node;
	struct lsa_hdr hdr;    /* request and summary lists: the header we want or offer */
	struct lsa_inst *inst; /* retransmission list: the instance to resend (a reference) */
	struct nbr_lsa *hnext; /* in the list's nbr_lsa_set */
	uint64_t sent_ms;      /* retransmission list: when last sent (13.6) */
};

struct nbr {
	struct list_node node; /* in iface->nbrs */
	struct iface *iface;
	uint32_t router_id;
	uint32_t addr; /* the neighbor's interface address (source of its packets) */
	uint8_t priority;
	uint8_t options;
	uint32_t dr, bdr; /* as declared in its last Hello */
	enum nbr_state state;

	/* database exchange (10.6 - 10.8) */
	bool master; /* we are master */
	uint32_t dd_seq;
	bool dd_more_sent; /* our last DD had the M bit */
	struct {
		uint8_t flags, options;
		uint32_t seq;
		bool valid;
	} last_dd_rx;	     /* to spot duplicates (10.6) */
	uint8_t *last_dd_tx; /* for retransmission and slave's duplicate answer */
	size_t last_dd_tx_len;
	struct list_node summary_list;
	struct list_node request_list;
	struct list_node retransmit_list;
	size_t nrequest, nretransmit;
	struct nbr_lsa_set request_set, retransmit_set; /* the two lists hashed by LSA key */
	struct nbr_lsa *lsr_last; /* last entry of our outstanding LS Request (10.9), or NULL */

	struct timer *inactivity_timer;
	struct timer *dd_rxmt_timer;
	struct timer *lsr_rxmt_timer;
	struct timer *lsu_rxmt_timer;
	struct timer *slave_hold_timer; /* the slave keeps its last DD for a dead interval */

	unsigned int state_changes;
	uint64_t last_change_ms;
	const char *last_reason; /* why it last left Full or failed to advance, for show */
	uint64_t last_reason_ms; /* when (nbr_reason_set) */
	uint32_t crypt_seq;	 /* last cryptographic sequence number received (D.4.3) */
};

/* How packets leave. dst is an IPv4 address (host order), a unicast neighbor or one of the
 * two multicast groups. */
struct ospf_io {
	void (*send)(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len);
	/* join or leave AllDRouters on ifp (9.3: the DR and BDR listen to it) */
	void (*join_alldrouters)(void *ctx, struct iface *ifp, bool join);
	void *ctx;
};

typedef void (*ospf_log_fn)(void *ctx, int level, const char *msg);

struct ospf {
	uint32_t router_id;
	struct timerq *tq;
	struct ospf_io io;
	ospf_log_fn log;
	void *log_ctx;
	const uint32_t *debug; /* debug ospf flags (debug.h), owned by the daemon, or NULL */
	/* monitor ospf events: called by ospf_event() when set */
	void (*event)(void *ctx, const char *kind, const char *const *kv, size_t nkv);
	void *event_ctx;
	struct list_node areas;
	struct list_node ifaces;
	struct lsdb as_lsdb; /* AS-external and opaque-AS LSAs */
	uint64_t start_ms;
	uint8_t *txbuf; /* one packet being built */
	bool shutting_down;
	/* flooded LSAs waiting to leave packed in updates (lsupd_queue, flood_batch_*) */
	struct lsupd_pending *lsu_queue;
	size_t nlsu_queue, cap_lsu_queue;
	unsigned int lsu_batch_depth;
	struct timer *lsu_flush_timer;

	/* SPF and the routing table (spf.c); set by config: maximum-paths, timers throttle spf */
	uint32_t max_paths;	      /* ECMP limit, default 64 */
	uint32_t spf_delay_ms;	      /* default 0 */
	uint32_t spf_holdtime_ms;     /* default 50 */
	uint32_t spf_max_holdtime_ms; /* default 5000 */
	struct spf_state *spf;	      /* scheduling, statistics and scratch space of SPF */
	struct route_table *rt;	      /* the routing table of the last run, or NULL */
	struct route_table *rt_prev;  /* the one before, for route_table_diff() */
	struct abr_state *abr;	      /* area border router state (abr.c) */
	/* called after a run that changed the table */
	void (*route_changed)(struct ospf *o, void *ctx);
	void *route_changed_ctx;

	struct external_table *ext; /* the routes we inject as an ASBR (external.c) */
	/* RFC 6987 stub router (stub_router.c): transit links at MaxLinkMetric while set */
	bool stub_router_admin;
	struct timer *stub_router_startup; /* max-metric router-lsa on-startup, running */
	uint32_t stub_router_startup_s;	   /* as configured, 0 if not */
};

/* instance */
struct ospf *ospf_new(uint32_t router_id, struct timerq *tq, const struct ospf_io *io);
/* Flushes our LSAs where the RFC allows (14.1), then frees everything. */
void ospf_free(struct ospf *o);
struct area *ospf_area_get(struct ospf *o, uint32_t area_id); /* creates it if missing */
struct area *ospf_area_find(const struct ospf *o, uint32_t area_id);
struct iface *ospf_iface_find(const struct ospf *o, int ifindex);
uint64_t ospf_now(const struct ospf *o);

/* RFC 2328 14.1: flushes every self-originated LSA (premature aging), for a clean exit. */
void ospf_flush_self(struct ospf *o);

/* A packet received on ifp from src to dst (the IP payload). */
void ospf_recv(struct ospf *o, struct iface *ifp, uint32_t src, uint32_t dst, const uint8_t *buf,
	       size_t len);
/* Encodes p into o->txbuf, finishes it (length, authentication, checksum) and sends it. */
void ospf_send(struct ospf *o, struct iface *ifp, uint32_t dst, struct ospf_packet *p);
/* For a body built in place at o->txbuf + OSPF_HEADER_LEN (LS Updates written straight from
 * stored LSAs): writes the header, authentication and checksum, and sends. o->txbuf has
 * room for OSPF_MAX_PACKET bytes and the digest trailer. */
void ospf_send_body(struct ospf *o, struct iface *ifp, uint32_t dst, uint8_t type, size_t body_len);

void ospf_logf(const struct ospf *o, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* An event for `monitor ospf events`: kind ("neighbor", "interface", "lsa", "spf") and
 * key, value string pairs, NULL-terminated (at most OSPF_EVENT_MAX_KV pairs). */
#define OSPF_EVENT_MAX_KV 12
void ospf_event(const struct ospf *o, const char *kind, ...) __attribute__((sentinel));

/* Dotted quad of a host-order address in a static ring of buffers (for logs only). */
const char *ipstr(uint32_t addr);

#endif
