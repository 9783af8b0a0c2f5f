/* SPDX-License-Identifier: ISC */
/*
 * rtnetlink links and IPv4 addresses. The parsers walk messages and attributes by offsets into
 * the buffer, each length checked against what is left before it is read. The monitor keeps a
 * mirror of what it delivered: that is what turns a re-dump after lost events into the
 * deletions the kernel could not tell us about.
 */
#include "netlink.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <limits.h>
#include <net/if.h> /* before <linux/if.h>, which then leaves IFF_* to it */
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* what a dump datagram needs (the kernel caps its own at 32 KiB); grows on MSG_TRUNC */
#define NLMON_BUF_INIT (32 * 1024)
#define NLMON_BUF_MAX  (1024 * 1024)
/* room for bursts of events; SO_RCVBUFFORCE needs CAP_NET_ADMIN, else the sysctl max applies */
#define NLMON_RCVBUF (4 * 1024 * 1024)
/* datagrams per nlmon_read(), so that one busy socket cannot starve the event loop */
#define NLMON_READ_BATCH 64
/* datagrams read before a dump request: enough to finish a dump a timeout left running */
#define NLMON_DRAIN_MAX	    4096
#define NLMON_DUMP_ATTEMPTS 5

_Static_assert(NL_IFNAMSIZ == IFNAMSIZ, "struct nl_link names are kernel interface names");

static const char *const nl_drop_strs[NL_DROP_COUNT] = {
	[NL_DROP_NONE] = "delivered",
	[NL_DROP_TYPE] = "message type not followed",
	[NL_DROP_FAMILY] = "address family not followed",
	[NL_DROP_SHORT] = "truncated message",
	[NL_DROP_ATTR] = "attribute runs past the message",
	[NL_DROP_ATTR_LEN] = "attribute of the wrong size",
	[NL_DROP_NAME] = "bad interface name",
	[NL_DROP_MISSING] = "required attribute missing",
	[NL_DROP_PREFIXLEN] = "prefix length over 32",
	[NL_DROP_IFINDEX] = "bad interface index",
};

const char *nl_drop_str(enum nl_drop reason)
{
	if ((unsigned int)reason >= NL_DROP_COUNT)
		return "unknown";
	return nl_drop_strs[reason];
}

bool nl_drop_is_malformed(enum nl_drop reason)
{
	return reason != NL_DROP_NONE && reason != NL_DROP_TYPE && reason != NL_DROP_FAMILY;
}

/* nlmsg_len is trusted from here on: it fits the buffer and covers the fixed header. */
static enum nl_drop nl_check_header(const struct nlmsghdr *nlh, size_t len, size_t fixed)
{
	if (len < sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len)
		return NL_DROP_SHORT;
	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + fixed)
		return NL_DROP_SHORT;
	return NL_DROP_NONE;
}

typedef enum nl_drop (*nl_attr_fn)(const struct nlattr *attr, void *data);

/* Each top-level attribute after the fixed header; any that overruns nlmsg_len spoils all. */
static enum nl_drop nl_attr_walk(const struct nlmsghdr *nlh, size_t fixed, nl_attr_fn fn,
				 void *data)
{
	size_t off = MNL_NLMSG_HDRLEN + MNL_ALIGN(fixed);
	size_t end = nlh->nlmsg_len;

	while (off < end) {
		const struct nlattr *attr = (const void *)((const char *)nlh + off);
		size_t left = end - off;
		enum nl_drop r;

		if (!mnl_attr_ok(attr, left > INT_MAX ? INT_MAX : (int)left))
			return NL_DROP_ATTR;
		r = fn(attr, data);
		if (r != NL_DROP_NONE)
			return r;
		/* the last attribute's padding may be left out of nlmsg_len */
		off += MNL_ALIGN(attr->nla_len);
	}
	return NL_DROP_NONE;
}

static enum nl_drop nl_link_attr(const struct nlattr *attr, void *data)
{
	struct nl_link *l = data;
	uint16_t plen = mnl_attr_get_payload_len(attr);
	const char *name, *nul;

	switch (mnl_attr_get_type(attr)) {
	case IFLA_IFNAME:
		name = mnl_attr_get_payload(attr);
		nul = memchr(name, '\0', plen);
		if (!nul || nul == name || nul - name >= NL_IFNAMSIZ)
			return NL_DROP_NAME;
		memset(l->name, 0, sizeof(l->name));
		memcpy(l->name, name, (size_t)(nul - name));
		break;
	case IFLA_MTU:
		if (plen != sizeof(uint32_t))
			return NL_DROP_ATTR_LEN;
		l->mtu = mnl_attr_get_u32(attr);
		break;
	case IFLA_OPERSTATE:
		if (plen != sizeof(uint8_t))
			return NL_DROP_ATTR_LEN;
		l->operstate = mnl_attr_get_u8(attr);
		break;
	}
	return NL_DROP_NONE;
}

enum nl_drop nl_parse_link(const struct nlmsghdr *nlh, size_t len, struct nl_link *out)
{
	const struct ifinfomsg *ifi;
	enum nl_drop r;

	memset(out, 0, sizeof(*out));
	r = nl_check_header(nlh, len, 0);
	if (r != NL_DROP_NONE)
		return r;
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return NL_DROP_TYPE;
	r = nl_check_header(nlh, len, sizeof(*ifi));
	if (r != NL_DROP_NONE)
		return r;
	ifi = mnl_nlmsg_get_payload(nlh);
	/* AF_BRIDGE is a bridge port's state; its RTM_DELLINK means "left the bridge" */
	if (ifi->ifi_family != AF_UNSPEC)
		return NL_DROP_FAMILY;
	if (ifi->ifi_index <= 0)
		return NL_DROP_IFINDEX;
	out->ifindex = ifi->ifi_index;
	out->flags = ifi->ifi_flags;
	out->operstate = IF_OPER_UNKNOWN;
	r = nl_attr_walk(nlh, sizeof(*ifi), nl_link_attr, out);
	if (r == NL_DROP_NONE && out->name[0] == '\0')
		r = NL_DROP_MISSING;
	if (r != NL_DROP_NONE) {
		memset(out, 0, sizeof(*out));
		return r;
	}
	out->oper_up = (out->flags & IFF_UP) && (out->flags & IFF_RUNNING);
	out->loopback = out->flags & IFF_LOOPBACK;
	return NL_DROP_NONE;
}

struct nl_addr_attrs {
	bool has_local, has_address;
	uint32_t local, address;
	uint32_t flags;
	bool has_flags;
};

static enum nl_drop nl_addr_attr(const struct nlattr *attr, void *data)
{
	struct nl_addr_attrs *a = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type != IFA_LOCAL && type != IFA_ADDRESS && type != IFA_FLAGS)
		return NL_DROP_NONE;
	if (mnl_attr_get_payload_len(attr) != sizeof(uint32_t))
		return NL_DROP_ATTR_LEN;
	switch (type) {
	case IFA_LOCAL:
		a->local = ntohl(mnl_attr_get_u32(attr));
		a->has_local = true;
		break;
	case IFA_ADDRESS:
		a->address = ntohl(mnl_attr_get_u32(attr));
		a->has_address = true;
		break;
	case IFA_FLAGS:
		a->flags = mnl_attr_get_u32(attr);
		a->has_flags = true;
		break;
	}
	return NL_DROP_NONE;
}

enum nl_drop nl_parse_addr(const struct nlmsghdr *nlh, size_t len, struct nl_addr *out)
{
	const struct ifaddrmsg *ifa;
	struct nl_addr_attrs a = { 0 };
	enum nl_drop r;

	memset(out, 0, sizeof(*out));
	r = nl_check_header(nlh, len, 0);
	if (r != NL_DROP_NONE)
		return r;
	if (nlh->nlmsg_type != RTM_NEWADDR && nlh->nlmsg_type != RTM_DELADDR)
		return NL_DROP_TYPE;
	r = nl_check_header(nlh, len, sizeof(*ifa));
	if (r != NL_DROP_NONE)
		return r;
	ifa = mnl_nlmsg_get_payload(nlh);
	if (ifa->ifa_family != AF_INET)
		return NL_DROP_FAMILY;
	if (ifa->ifa_index == 0 || ifa->ifa_index > INT_MAX)
		return NL_DROP_IFINDEX;
	if (ifa->ifa_prefixlen > 32)
		return NL_DROP_PREFIXLEN;
	r = nl_attr_walk(nlh, sizeof(*ifa), nl_addr_attr, &a);
	if (r != NL_DROP_NONE)
		return r;
	/* IFA_LOCAL is our end; IFA_ADDRESS differs from it only on a point-to-point link */
	if (a.has_local) {
		out->addr = a.local;
		if (a.has_address && a.address != a.local)
			out->peer = a.address;
	} else if (a.has_address) {
		out->addr = a.address;
	} else {
		return NL_DROP_MISSING;
	}
	out->ifindex = (int)ifa->ifa_index;
	out->prefixlen = ifa->ifa_prefixlen;
	out->scope = ifa->ifa_scope;
	/* IFA_FLAGS carries the flags that do not fit in the 8-bit ifa_flags */
	out->flags = a.has_flags ? a.flags : ifa->ifa_flags;
	return NL_DROP_NONE;
}

static void nl_count_drop(struct nl_stats *s, enum nl_drop r)
{
	s->drops[r]++;
	if (nl_drop_is_malformed(r))
		s->malformed++;
	else
		s->ignored++;
}

/* The kernel's negative errno as a positive one; a nonsense value becomes EIO. */
static int nl_errno(int error)
{
	if (error < 0 && error != INT_MIN)
		return -error;
	return EIO;
}

static void nl_note_error(struct nl_stats *s, struct nl_dispatch_result *res, int error,
			  uint32_t seq)
{
	s->errors++;
	if (res->error == 0) {
		res->error = nl_errno(error);
		res->error_seq = seq;
	}
}

/* NLMSG_ERROR: an error, or an acknowledgement when the code is 0. */
static void nl_on_error(const struct nlmsghdr *nlh, struct nl_stats *s,
			struct nl_dispatch_result *res)
{
	int error;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(struct nlmsgerr)) {
		nl_count_drop(s, NL_DROP_SHORT);
		return;
	}
	memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	if (error != 0)
		nl_note_error(s, res, error, nlh->nlmsg_seq);
}

/* NLMSG_DONE carries the dump's final status, when the kernel includes it. */
static void nl_on_done(const struct nlmsghdr *nlh, struct nl_stats *s,
		       struct nl_dispatch_result *res)
{
	int error = 0;

	if (nlh->nlmsg_len >= MNL_NLMSG_HDRLEN + sizeof(error))
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	if (error != 0)
		nl_note_error(s, res, error, nlh->nlmsg_seq);
	res->done = true;
	res->done_seq = nlh->nlmsg_seq;
}

int nl_dispatch(const void *buf, size_t len, const struct nl_handlers *h, struct nl_stats *stats,
		struct nl_dispatch_result *res)
{
	struct nl_stats stats_unused;
	struct nl_dispatch_result res_unused;
	int delivered = 0;
	size_t off = 0;

	if (!stats)
		stats = &stats_unused;
	if (!res)
		res = &res_unused;
	memset(res, 0, sizeof(*res));
	if ((uintptr_t)buf % NLMSG_ALIGNTO) {
		errno = EINVAL;
		return -1;
	}
	while (off < len) {
		const struct nlmsghdr *nlh = (const void *)((const char *)buf + off);
		size_t left = len - off;
		struct nl_link link;
		struct nl_addr addr;
		enum nl_drop r;

		/*
		 * A length that lies leaves no way to find the next message. Not mnl_nlmsg_ok(): it
		 * casts nlmsg_len to int, so a length over 2^31 passes as negative.
		 */
		if (nl_check_header(nlh, left, 0) != NL_DROP_NONE) {
			nl_count_drop(stats, NL_DROP_SHORT);
			break;
		}
		stats->messages++;
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			res->intr = true;
		switch (nlh->nlmsg_type) {
		case NLMSG_DONE:
			nl_on_done(nlh, stats, res);
			return delivered;
		case NLMSG_ERROR:
			nl_on_error(nlh, stats, res);
			break;
		case RTM_NEWLINK:
		case RTM_DELLINK:
			r = nl_parse_link(nlh, left, &link);
			if (r != NL_DROP_NONE) {
				nl_count_drop(stats, r);
				break;
			}
			stats->links++;
			delivered++;
			if (h && h->link)
				h->link(h->ctx, &link, nlh->nlmsg_type == RTM_DELLINK);
			break;
		case RTM_NEWADDR:
		case RTM_DELADDR:
			r = nl_parse_addr(nlh, left, &addr);
			if (r != NL_DROP_NONE) {
				nl_count_drop(stats, r);
				break;
			}
			stats->addrs++;
			delivered++;
			if (h && h->addr)
				h->addr(h->ctx, &addr, nlh->nlmsg_type == RTM_DELADDR);
			break;
		default:
			nl_count_drop(stats, NL_DROP_TYPE);
			break;
		}
		off += NLMSG_ALIGN((size_t)nlh->nlmsg_len);
	}
	return delivered;
}

struct nlmon_link {
	struct nl_link link;
	unsigned int gen; /* the dump attempt that last saw it */
};

struct nlmon_addr {
	struct nl_addr addr;
	unsigned int gen;
};

struct nlmon {
	struct mnl_socket *sock;
	struct nl_handlers user;
	struct nl_stats stats;
	uint32_t seq;
	void *buf;
	size_t buflen;
	/* the mirror: what the user was told exists */
	struct nlmon_link *links;
	size_t nlinks, links_cap;
	struct nlmon_addr *addrs;
	size_t naddrs, addrs_cap;
	unsigned int gen;
	bool resync; /* events were lost: the mirror needs a dump */
	int calls;   /* handler calls of the current nlmon_dump() or nlmon_read() */
};

static bool nlmon_link_equal(const struct nl_link *a, const struct nl_link *b)
{
	return a->ifindex == b->ifindex && strcmp(a->name, b->name) == 0 && a->flags == b->flags &&
	       a->mtu == b->mtu && a->operstate == b->operstate && a->oper_up == b->oper_up &&
	       a->loopback == b->loopback;
}

/* What tells two addresses apart for the kernel; the rest may change in place. */
static bool nlmon_addr_same_key(const struct nl_addr *a, const struct nl_addr *b)
{
	return a->ifindex == b->ifindex && a->addr == b->addr && a->prefixlen == b->prefixlen &&
	       a->peer == b->peer;
}

static bool nlmon_addr_equal(const struct nl_addr *a, const struct nl_addr *b)
{
	return nlmon_addr_same_key(a, b) && a->scope == b->scope && a->flags == b->flags;
}

static void nlmon_deliver_link(struct nlmon *m, const struct nl_link *l, bool deleted)
{
	m->calls++;
	if (m->user.link)
		m->user.link(m->user.ctx, l, deleted);
}

static void nlmon_deliver_addr(struct nlmon *m, const struct nl_addr *a, bool deleted)
{
	m->calls++;
	if (m->user.addr)
		m->user.addr(m->user.ctx, a, deleted);
}

/* Grows *arr to hold one more; false (and a resync later) when memory runs out. */
static bool nlmon_reserve(void **arr, size_t n, size_t *cap, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return true;
	ncap = *cap ? *cap * 2 : 16;
	p = reallocarray(*arr, ncap, size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

static void nlmon_addr_forget(struct nlmon *m, size_t i)
{
	struct nl_addr a = m->addrs[i].addr;

	m->addrs[i] = m->addrs[--m->naddrs];
	nlmon_deliver_addr(m, &a, true);
}

/* A link goes after its addresses, so the user never holds an address of a missing link. */
static void nlmon_link_forget(struct nlmon *m, size_t i, const struct nl_link *last)
{
	int ifindex = m->links[i].link.ifindex;
	struct nl_link l = last ? *last : m->links[i].link;
	size_t j = 0;

	m->links[i] = m->links[--m->nlinks];
	while (j < m->naddrs) {
		if (m->addrs[j].addr.ifindex == ifindex)
			nlmon_addr_forget(m, j);
		else
			j++;
	}
	nlmon_deliver_link(m, &l, true);
}

static void nlmon_on_link(void *ctx, const struct nl_link *l, bool deleted)
{
	struct nlmon *m = ctx;
	size_t i;

	for (i = 0; i < m->nlinks; i++)
		if (m->links[i].link.ifindex == l->ifindex)
			break;
	if (deleted) {
		if (i < m->nlinks)
			nlmon_link_forget(m, i, l);
		return;
	}
	if (i < m->nlinks) {
		m->links[i].gen = m->gen;
		if (nlmon_link_equal(&m->links[i].link, l))
			return;
		m->links[i].link = *l;
	} else if (nlmon_reserve((void **)&m->links, m->nlinks, &m->links_cap, sizeof(*m->links))) {
		m->links[m->nlinks].link = *l;
		m->links[m->nlinks++].gen = m->gen;
	} else {
		/* untracked, its deletion would go unsaid: try again from a dump */
		m->resync = true;
	}
	nlmon_deliver_link(m, l, false);
}

static void nlmon_on_addr(void *ctx, const struct nl_addr *a, bool deleted)
{
	struct nlmon *m = ctx;
	size_t i;

	for (i = 0; i < m->naddrs; i++)
		if (nlmon_addr_same_key(&m->addrs[i].addr, a))
			break;
	if (deleted) {
		if (i < m->naddrs)
			nlmon_addr_forget(m, i);
		return;
	}
	if (i < m->naddrs) {
		m->addrs[i].gen = m->gen;
		if (nlmon_addr_equal(&m->addrs[i].addr, a))
			return;
		m->addrs[i].addr = *a;
	} else if (nlmon_reserve((void **)&m->addrs, m->naddrs, &m->addrs_cap, sizeof(*m->addrs))) {
		m->addrs[m->naddrs].addr = *a;
		m->addrs[m->naddrs++].gen = m->gen;
	} else {
		m->resync = true;
	}
	nlmon_deliver_addr(m, a, false);
}

/* After a consistent dump: whatever it did not show is gone. */
static void nlmon_sweep(struct nlmon *m)
{
	size_t i = 0;

	while (i < m->naddrs) {
		if (m->addrs[i].gen != m->gen)
			nlmon_addr_forget(m, i);
		else
			i++;
	}
	i = 0;
	while (i < m->nlinks) {
		if (m->links[i].gen != m->gen)
			nlmon_link_forget(m, i, NULL);
		else
			i++;
	}
}

/*
 * One datagram from the kernel into m->buf: its length, 0 if none is waiting, or -1 with errno;
 * ENOBUFS (events lost) and EMSGSIZE (datagram cut) also mark the mirror for a resync.
 */
static ssize_t nlmon_recv(struct nlmon *m)
{
	for (;;) {
		struct sockaddr_nl sa;
		struct iovec iov = { .iov_base = m->buf, .iov_len = m->buflen };
		struct msghdr msg = {
			.msg_name = &sa,
			.msg_namelen = sizeof(sa),
			.msg_iov = &iov,
			.msg_iovlen = 1,
		};
		ssize_t n;

		n = recvmsg(mnl_socket_get_fd(m->sock), &msg, MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == ENOBUFS) {
				m->stats.overruns++;
				m->resync = true;
			}
			return -1;
		}
		if (msg.msg_namelen != sizeof(sa) || sa.nl_pid != 0) {
			/* another process may unicast to us; only the kernel speaks for itself */
			m->stats.foreign++;
			continue;
		}
		if (msg.msg_flags & MSG_TRUNC) {
			size_t want = m->buflen;
			void *p;

			m->stats.truncated++;
			m->resync = true;
			while (want < (size_t)n && want < NLMON_BUF_MAX)
				want *= 2;
			p = want > m->buflen ? realloc(m->buf, want) : NULL;
			if (p) {
				m->buf = p;
				m->buflen = want;
			}
			errno = EMSGSIZE;
			return -1;
		}
		return n;
	}
}

static void nlmon_feed(struct nlmon *m, size_t len, struct nl_dispatch_result *res)
{
	const struct nl_handlers mirror = {
		.link = nlmon_on_link,
		.addr = nlmon_on_addr,
		.ctx = m,
	};

	nl_dispatch(m->buf, len, &mirror, &m->stats, res);
}

static bool nlmon_lost(int err)
{
	return err == ENOBUFS || err == EMSGSIZE;
}

/* Reads what is queued, which also runs to its end a dump that a timeout abandoned. */
static int nlmon_drain(struct nlmon *m)
{
	int i;

	for (i = 0; i < NLMON_DRAIN_MAX; i++) {
		ssize_t n = nlmon_recv(m);

		if (n < 0 && !nlmon_lost(errno))
			return -1;
		if (n == 0)
			break;
		if (n > 0)
			nlmon_feed(m, (size_t)n, NULL);
	}
	return 0;
}

static int nlmon_ms_left(const struct timespec *deadline)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	     (deadline->tv_nsec - now.tv_nsec) / 1000000;
	if (ms <= 0)
		return 0;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

static int nlmon_request(struct nlmon *m, uint16_t type)
{
	_Alignas(NLMSG_ALIGNTO) char buf[MNL_NLMSG_HDRLEN + 64];
	struct nlmsghdr *nlh;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	if (++m->seq == 0)
		m->seq = 1;
	nlh->nlmsg_seq = m->seq;
	if (type == RTM_GETLINK) {
		struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

		ifi->ifi_family = AF_UNSPEC;
		/* counters change all the time and are no business of ours */
		mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	} else {
		struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));

		ifa->ifa_family = AF_INET;
	}
	if (mnl_socket_sendto(m->sock, nlh, nlh->nlmsg_len) < 0)
		return -1;
	return 0;
}

/* One dump request read to its NLMSG_DONE: 0 consistent, 1 to be redone, -1 failed (errno). */
static int nlmon_dump_table(struct nlmon *m, uint16_t type, const struct timespec *deadline)
{
	bool intr = false;

	if (nlmon_request(m, type) < 0)
		return -1;
	for (;;) {
		struct pollfd pfd = { .fd = mnl_socket_get_fd(m->sock), .events = POLLIN };
		struct nl_dispatch_result res;
		int ms = nlmon_ms_left(deadline);
		ssize_t n;
		int r;

		if (ms == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		r = poll(&pfd, 1, ms);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r <= 0)
			continue;
		n = nlmon_recv(m);
		if (n < 0)
			return nlmon_lost(errno) ? 1 : -1;
		if (n == 0)
			continue;
		nlmon_feed(m, (size_t)n, &res);
		intr |= res.intr;
		if (res.error && res.error_seq == m->seq) {
			/* EBUSY: a dump abandoned earlier still runs; the next drain ends it */
			if (res.error == EBUSY || res.error == EINTR || res.error == ENOBUFS)
				return 1;
			errno = res.error;
			return -1;
		}
		if (res.done && res.done_seq == m->seq)
			return intr || m->resync ? 1 : 0;
	}
}

static int nlmon_resync(struct nlmon *m)
{
	struct timespec deadline;
	int attempt;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += NLMON_DUMP_TIMEOUT_MS / 1000;
	deadline.tv_nsec += (NLMON_DUMP_TIMEOUT_MS % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	for (attempt = 0; attempt < NLMON_DUMP_ATTEMPTS; attempt++) {
		int r;

		if (attempt > 0)
			m->stats.dump_retries++;
		if (nlmon_drain(m) < 0)
			goto fail;
		/* what was lost before this point, the dump below tells */
		m->resync = false;
		m->gen++;
		r = nlmon_dump_table(m, RTM_GETLINK, &deadline);
		if (r == 0)
			r = nlmon_dump_table(m, RTM_GETADDR, &deadline);
		if (r < 0)
			goto fail;
		if (r > 0)
			continue;
		nlmon_sweep(m);
		m->stats.dumps++;
		return 0;
	}
	errno = EAGAIN;
fail:
	m->resync = true;
	return -1;
}

int nlmon_dump(struct nlmon *m)
{
	m->calls = 0;
	if (nlmon_resync(m) < 0)
		return -1;
	return m->calls;
}

int nlmon_read(struct nlmon *m)
{
	int i;

	m->calls = 0;
	for (i = 0; i < NLMON_READ_BATCH && !m->resync; i++) {
		ssize_t n = nlmon_recv(m);

		if (n < 0 && !nlmon_lost(errno))
			return -1;
		if (n <= 0)
			break;
		nlmon_feed(m, (size_t)n, NULL);
	}
	if (m->resync && nlmon_resync(m) < 0)
		return -1;
	return m->calls;
}

struct nlmon *nlmon_open(const struct nl_handlers *h, char *err, size_t errlen)
{
	int rcvbuf = NLMON_RCVBUF;
	struct nlmon *m;
	int fd;

	m = calloc(1, sizeof(*m));
	if (!m) {
		snprintf(err, errlen, "netlink monitor: out of memory");
		return NULL;
	}
	if (h)
		m->user = *h;
	m->buflen = NLMON_BUF_INIT;
	m->buf = malloc(m->buflen);
	if (!m->buf) {
		snprintf(err, errlen, "netlink monitor: out of memory");
		goto fail;
	}
	m->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (!m->sock) {
		snprintf(err, errlen, "netlink socket (NETLINK_ROUTE): %s", strerror(errno));
		goto fail;
	}
	fd = mnl_socket_get_fd(m->sock);
	/* a failure only means a smaller buffer and an earlier overrun, which resyncs */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (mnl_socket_bind(m->sock, RTMGRP_LINK | RTMGRP_IPV4_IFADDR, MNL_SOCKET_AUTOPID) < 0) {
		snprintf(err, errlen, "netlink bind (links, IPv4 addresses): %s", strerror(errno));
		goto fail;
	}
	m->seq = (uint32_t)time(NULL);
	return m;
fail:
	nlmon_close(m);
	return NULL;
}

int nlmon_fd(const struct nlmon *m)
{
	return mnl_socket_get_fd(m->sock);
}

const struct nl_stats *nlmon_stats(const struct nlmon *m)
{
	return &m->stats;
}

void nlmon_close(struct nlmon *m)
{
	if (!m)
		return;
	if (m->sock)
		mnl_socket_close(m->sock);
	free(m->links);
	free(m->addrs);
	free(m->buf);
	free(m);
}
