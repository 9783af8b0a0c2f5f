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
	NL_DROP_COUNT
};

const char *nl_drop_str(enum nl_drop reason);
/* False for NL_DROP_NONE and for the reasons that only mean "not ours". */
bool nl_drop_is_malformed(enum nl_drop reason);

struct nl_stats {
	uint64_t messages;  /* netlink messages looked at */
	uint64_t links;	    /* link messages parsed (nlmon reports only the changes) */
	uint64_t addrs;	    /* IPv4 address messages parsed */
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

/*
 * Either callback may be NULL. A handler must not call nlmon_dump(), nlmon_read() or
 * nlmon_close() on the monitor that called it.
 */
struct nl_handlers {
	void (*link)(void *ctx, const struct nl_link *link, bool deleted);
	void (*addr)(void *ctx, const struct nl_addr *addr, bool deleted);
	void *ctx;
};

/*
 * Parse one RTM_NEWLINK/RTM_DELLINK (RTM_NEWADDR/RTM_DELADDR) message. len is the number of
 * bytes readable at nlh, whatever nlh->nlmsg_len claims. Returns NL_DROP_NONE and fills *out,
 * or the reason it did not. Whether it is a deletion is nlh->nlmsg_type.
 */
enum nl_drop nl_parse_link(const struct nlmsghdr *nlh, size_t len, struct nl_link *out);
enum nl_drop nl_parse_addr(const struct nlmsghdr *nlh, size_t len, struct nl_addr *out);

/* What nl_dispatch() saw besides links and addresses. */
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

#endif
