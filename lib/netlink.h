/* SPDX-License-Identifier: ISC */
/*
 * The kernel's interfaces and IPv4 addresses, learned and followed through rtnetlink (libmnl).
 *
 * Two layers. The parsers and nl_dispatch() are pure: they read a buffer of netlink messages,
 * check every length before reading, and hand what they find to callbacks; the unit tests and
 * the fuzzer drive them. struct nlmon owns the socket: it dumps the kernel's tables, reads the
 * events, and keeps a mirror of what it reported so that a consumer sees each link and address
 * appear, change and disappear exactly once, even when the kernel drops events (ENOBUFS).
 */
#ifndef LIB_NETLINK_H
#define LIB_NETLINK_H

#include <linux/netlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * IFNAMSIZ, without <net/if.h> or <linux/if.h>: either one here would clash with the other in
 * a file that includes it first.
 */
#define NL_IFNAMSIZ 16

struct nl_link {
	int ifindex;
	char name[NL_IFNAMSIZ]; /* NUL-terminated; a rename keeps the ifindex */
	unsigned int flags;	/* IFF_* */
	uint32_t mtu;		/* 0 if the kernel did not say */
	uint8_t operstate;	/* IF_OPER_* (RFC 2863), IF_OPER_UNKNOWN if absent */
	bool oper_up;		/* IFF_UP and IFF_RUNNING: up, with carrier */
	bool loopback;		/* IFF_LOOPBACK */
};

struct nl_addr {
	int ifindex;
	uint32_t addr; /* the local address, host byte order */
	uint8_t prefixlen;
	uint8_t scope;	/* RT_SCOPE_* */
	uint32_t peer;	/* point-to-point peer (IFA_ADDRESS != IFA_LOCAL), else 0 */
	uint32_t flags; /* IFA_F_* (IFA_F_SECONDARY, ...) */
};

/* Why a message was not delivered. The first ones are ignored, not malformed. */
enum nl_drop {
	NL_DROP_NONE = 0,  /* delivered */
	NL_DROP_TYPE,	   /* a message type not followed here */
	NL_DROP_FAMILY,	   /* an address other than AF_INET, a link other than AF_UNSPEC */
	NL_DROP_SHORT,	   /* shorter than its headers, or longer than the buffer */
	NL_DROP_ATTR,	   /* an attribute header or length runs past the message */
	NL_DROP_ATTR_LEN,  /* a known attribute of the wrong size */
	NL_DROP_NAME,	   /* IFLA_IFNAME empty, unterminated or too long */
	NL_DROP_MISSING,   /* IFLA_IFNAME, or both IFA_LOCAL and IFA_ADDRESS, absent */
	NL_DROP_PREFIXLEN, /* over 32 */
	NL_DROP_IFINDEX,   /* not a positive interface index */
	NL_DROP_NEXTHOP, /* an RTA_MULTIPATH entry shorter than its header or past the attribute */
	NL_DROP_COUNT
};

const char *nl_drop_str(enum nl_drop reason);
/* False for NL_DROP_NONE and for the reasons that only mean "not ours". */
bool nl_drop_is_malformed(enum nl_drop reason);

struct nl_stats {
	uint64_t messages;  /* netlink messages looked at */
	uint64_t links;	    /* link messages parsed (nlmon reports only the changes) */
	uint64_t addrs;	    /* IPv4 address messages parsed */
	uint64_t routes;    /* IPv4 route messages parsed */
	uint64_t ignored;   /* well-formed but not followed (NL_DROP_TYPE, NL_DROP_FAMILY) */
	uint64_t malformed; /* dropped as malformed */
	uint64_t drops[NL_DROP_COUNT]; /* ignored and malformed, per reason */
	uint64_t errors;	       /* NLMSG_ERROR with an error, and NLMSG_DONE reporting one */
	/* counted by struct nlmon only */
	uint64_t overruns;     /* ENOBUFS: the kernel dropped events; a resync followed */
	uint64_t truncated;    /* datagrams larger than the buffer (it grows); a resync followed */
	uint64_t foreign;      /* datagrams not sent by the kernel, dropped unread */
	uint64_t dump_retries; /* dumps redone: NLM_F_DUMP_INTR, overrun or EBUSY during one */
	uint64_t dumps;	       /* complete, consistent dumps of links and addresses */
};

/* The routing protocol number of OSPF routes (iproute2 calls it "ospf"). */
#define NL_RTPROT_OSPF 188
/* RT_TABLE_MAIN, RT_SCOPE_NOWHERE, without <linux/rtnetlink.h> */
#define NL_TABLE_MAIN	 254
#define NL_SCOPE_NOWHERE 255
/* Next hops of one route read or written; a route with more is read as nh_partial. */
#define NL_ROUTE_NH_MAX 64

struct nl_nexthop {
	uint32_t gw; /* host byte order; 0: directly attached (no RTA_GATEWAY) */
	int ifindex; /* RTA_OIF or rtnh_ifindex; 0 if the kernel did not say */
};

/* One IPv4 route (struct rtmsg and its attributes). */
struct nl_route {
	uint32_t dst; /* host byte order */
	uint8_t plen;
	uint8_t protocol;  /* RTPROT_* (NL_RTPROT_OSPF) */
	uint8_t scope;	   /* RT_SCOPE_* */
	uint8_t type;	   /* RTN_* */
	uint32_t table;	   /* RTA_TABLE, else rtm_table */
	uint32_t priority; /* RTA_PRIORITY: the metric; 0 if absent */
	uint32_t nh_id;	   /* RTA_NH_ID: a nexthop object; then nh[] says nothing */
	bool nh_partial;   /* nh[] is not the whole story (nh_id, RTA_VIA, over the max) */
	uint16_t nnh;	   /* RTA_GATEWAY/RTA_OIF give one, RTA_MULTIPATH several */
	struct nl_nexthop nh[NL_ROUTE_NH_MAX];
};

/*
 * Either callback may be NULL. A handler must not call nlmon_dump(), nlmon_read() or
 * nlmon_close() on the monitor that called it.
 */
struct nl_handlers {
	void (*link)(void *ctx, const struct nl_link *link, bool deleted);
	void (*addr)(void *ctx, const struct nl_addr *addr, bool deleted);
	void *ctx;
};

/* Routes go to their own handler; it must not call nlrt_* on the socket that called it. */
struct nl_route_handler {
	void (*route)(void *ctx, const struct nl_route *route, bool deleted);
	void *ctx;
};

/*
 * Parse one RTM_NEWLINK/RTM_DELLINK (RTM_NEWADDR/RTM_DELADDR) message. len is the number of
 * bytes readable at nlh, whatever nlh->nlmsg_len claims. Returns NL_DROP_NONE and fills *out,
 * or the reason it did not. Whether it is a deletion is nlh->nlmsg_type.
 */
enum nl_drop nl_parse_link(const struct nlmsghdr *nlh, size_t len, struct nl_link *out);
enum nl_drop nl_parse_addr(const struct nlmsghdr *nlh, size_t len, struct nl_addr *out);
/*
 * RTM_NEWROUTE/RTM_DELROUTE of AF_INET (others: NL_DROP_FAMILY). Next hops come from
 * RTA_GATEWAY and RTA_OIF, or from each rtnexthop of RTA_MULTIPATH, every length checked.
 */
enum nl_drop nl_parse_route(const struct nlmsghdr *nlh, size_t len, struct nl_route *out);

/*
 * Writes one RTM_NEWROUTE or RTM_DELROUTE for r into buf (NLMSG_ALIGNTO-aligned, buflen
 * bytes): rtmsg from r (table main as rtm_table, else RTA_TABLE), RTA_DST, RTA_PRIORITY, and
 * the next hops: none when nnh is 0, RTA_GATEWAY (if any) and RTA_OIF for one, RTA_MULTIPATH
 * for more. flags are added to NLM_F_REQUEST. Returns the message length, or 0 when r is
 * invalid (plen over 32, nnh over NL_ROUTE_NH_MAX) or the message does not fit.
 */
size_t nl_route_build(void *buf, size_t buflen, uint16_t type, uint16_t flags, uint32_t seq,
		      const struct nl_route *r);

/* What nl_dispatch() saw besides links, addresses and routes. */
struct nl_dispatch_result {
	bool done; /* NLMSG_DONE: a dump ended; the rest of the buffer is not read */
	uint32_t done_seq;
	bool intr; /* NLM_F_DUMP_INTR: the dump is inconsistent and must be redone */
	int error; /* positive errno of the first NLMSG_ERROR (or failed DONE), or 0 */
	uint32_t error_seq;
};

/*
 * Deliver each link and address message of buf[0..len) (one datagram as read from the socket)
 * to h, counting into stats. Malformed messages are counted and skipped; a message whose length
 * cannot be trusted ends the walk. buf must be 4-byte aligned (NLMSG_ALIGNTO). h, stats and res
 * may be NULL. Returns the number of messages delivered, or -1 (errno EINVAL) if buf is
 * misaligned.
 */
int nl_dispatch(const void *buf, size_t len, const struct nl_handlers *h, struct nl_stats *stats,
		struct nl_dispatch_result *res);
/* The same for route messages (rh NULL: parse and count only); links and addresses are ignored. */
int nl_dispatch_routes(const void *buf, size_t len, const struct nl_route_handler *rh,
		       struct nl_stats *stats, struct nl_dispatch_result *res);

/* Upper bound of one nlmon_dump() call, every retry included. */
#define NLMON_DUMP_TIMEOUT_MS 3000

struct nlmon;

/*
 * Opens a non-blocking NETLINK_ROUTE socket subscribed to RTMGRP_LINK and RTMGRP_IPV4_IFADDR.
 * h is copied (NULL: deliver nothing). Call nlmon_dump() to learn the current state. On failure
 * returns NULL with a message in err.
 */
struct nlmon *nlmon_open(const struct nl_handlers *h, char *err, size_t errlen);
/* To poll for POLLIN (level-triggered), then call nlmon_read(). */
int nlmon_fd(const struct nlmon *m);
/*
 * Synchronous dump of all links, then all IPv4 addresses, redone while the kernel says it was
 * inconsistent or dropped events meanwhile; bounded by NLMON_DUMP_TIMEOUT_MS. Through the
 * handlers: whatever is new or changed, and a deletion for each link or address reported before
 * that the dump no longer shows (an address before its link). Returns the number of handler
 * calls, or -1 with errno (ETIMEDOUT, EAGAIN when every attempt was inconsistent, or the
 * kernel's error); then the monitor stays marked for a resync that the next nlmon_read() tries.
 */
int nlmon_dump(struct nlmon *m);
/*
 * Reads what is available without blocking (a bounded batch; poll again for more) and
 * delivers the changes. A link or address is delivered when it appears or changes, and deleted
 * once, only if it was delivered before; a link's deletion is preceded by the deletion of its
 * addresses. When the kernel dropped events (ENOBUFS) or a datagram did not fit, it resyncs at
 * once with nlmon_dump(). Returns the number of handler calls, or -1 with errno.
 */
int nlmon_read(struct nlmon *m);
const struct nl_stats *nlmon_stats(const struct nlmon *m);
void nlmon_close(struct nlmon *m);

/*
 * The route socket: requests sent in batches (several messages, one sendmsg) with each one's
 * acknowledgement collected, dumps of the IPv4 routes, and optionally the IPv4 route events on
 * a second socket. The kernel handles a request inside sendmsg, so its answer is queued when
 * sendmsg returns: reading it does not wait, and every wait is bounded anyway.
 */
#define NLRT_BATCH_MAX	     64	  /* requests per batch */
#define NLRT_ACK_TIMEOUT_MS  1000 /* upper bound to collect one batch's answers */
#define NLRT_DUMP_TIMEOUT_MS 3000 /* upper bound of one nlrt_dump(), retries included */

struct nlrt;

struct nlrt_stats {
	uint64_t batches;  /* sendmsg calls */
	uint64_t requests; /* messages sent */
	uint64_t acks;	   /* requests acknowledged without error */
	uint64_t errors;   /* requests refused, or unanswered within the bound */
	uint64_t dumps;	   /* complete, consistent route dumps */
	uint64_t dump_retries;
	uint64_t overruns;     /* ENOBUFS on the event socket: events were lost */
	struct nl_stats parse; /* what the dumps and events held */
};

/* The answer to one request: 0 or a positive errno, and the kernel's message if it sent one. */
struct nlrt_result {
	int error;
	char msg[96];
};

/* With events, a second socket follows RTMGRP_IPV4_ROUTE. NULL with a message in err. */
struct nlrt *nlrt_open(bool events, char *err, size_t errlen);
void nlrt_close(struct nlrt *s);
const struct nlrt_stats *nlrt_stats(const struct nlrt *s);
/* The event socket to poll for POLLIN, or -1 without events. */
int nlrt_event_fd(const struct nlrt *s);
/*
 * Reads queued route events without blocking (a bounded batch) and hands each to h->route.
 * Returns the number delivered, or -1 with errno: ENOBUFS when events were lost (dump again).
 */
int nlrt_read_events(struct nlrt *s, const struct nl_route_handler *h);
/*
 * Dumps every IPv4 route (all tables) into h->route, synchronously, within
 * NLRT_DUMP_TIMEOUT_MS. Returns 0 after a complete and consistent dump; -1 with errno
 * otherwise (EAGAIN: every attempt was interrupted by changes). begin(ctx), if not NULL, is
 * called before each attempt so the caller can forget a partial one.
 */
int nlrt_dump(struct nlrt *s, const struct nl_route_handler *h, void (*begin)(void *ctx));
/*
 * Queues one request (RTM_NEWROUTE or RTM_DELROUTE; NLM_F_ACK is added). Returns its index
 * in the batch, or -1 with errno: ENOSPC when the batch is full (send it first), EINVAL when
 * the route cannot be written.
 */
int nlrt_batch_add(struct nlrt *s, uint16_t type, uint16_t flags, const struct nl_route *r);
size_t nlrt_batch_count(const struct nlrt *s);
/*
 * Sends the queued requests in one sendmsg and fills res[i] for the i-th of them (res holds
 * nlrt_batch_count() entries): 0, the kernel's errno, or ETIMEDOUT/ENOBUFS when no answer
 * came. The batch is then empty. Returns how many failed.
 */
size_t nlrt_batch_send(struct nlrt *s, struct nlrt_result *res);

#endif
