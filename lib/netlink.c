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

#ifndef RTPROT_OSPF /* older kernel headers */
#define RTPROT_OSPF 188
#endif

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
_Static_assert(NL_RTPROT_OSPF == RTPROT_OSPF, "the kernel's number for OSPF routes");
_Static_assert(NL_TABLE_MAIN == RT_TABLE_MAIN && NL_SCOPE_NOWHERE == RT_SCOPE_NOWHERE, "rtnetlink "
										       "constants");

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
	[NL_DROP_NEXTHOP] = "bad multipath next hop",
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

struct nl_route_attrs {
	struct nl_route *r;
	bool has_gw, has_oif, has_mp;
	uint32_t gw;
	int oif;
};

static enum nl_drop nl_get_u32(const struct nlattr *attr, uint32_t *v)
{
	if (mnl_attr_get_payload_len(attr) != sizeof(uint32_t))
		return NL_DROP_ATTR_LEN;
	*v = mnl_attr_get_u32(attr);
	return NL_DROP_NONE;
}

/* The RTA_GATEWAY (or RTA_VIA) inside one rtnexthop, in [off, end) of the rtnexthop. */
static enum nl_drop nl_rtnh_attrs(const char *rtnh, size_t len, struct nl_route *r,
				  struct nl_nexthop *nh)
{
	size_t off = RTNH_ALIGN(sizeof(struct rtnexthop));

	while (off < len) {
		const struct nlattr *attr = (const void *)(rtnh + off);
		size_t left = len - off;
		uint32_t v;

		if (!mnl_attr_ok(attr, (int)left))
			return NL_DROP_NEXTHOP;
		switch (mnl_attr_get_type(attr)) {
		case RTA_GATEWAY:
			if (nl_get_u32(attr, &v) != NL_DROP_NONE)
				return NL_DROP_NEXTHOP;
			nh->gw = ntohl(v);
			break;
		case RTA_VIA:
			r->nh_partial = true;
			break;
		}
		off += MNL_ALIGN(attr->nla_len);
	}
	return NL_DROP_NONE;
}

/* RTA_MULTIPATH: a packed list of struct rtnexthop, each followed by its own attributes. */
static enum nl_drop nl_route_multipath(const struct nlattr *mp, struct nl_route *r)
{
	const char *p = mnl_attr_get_payload(mp);
	size_t len = mnl_attr_get_payload_len(mp);
	size_t off = 0;

	r->nnh = 0;
	while (off < len) {
		const struct rtnexthop *rtnh = (const void *)(p + off);
		size_t left = len - off;
		struct nl_nexthop nh = { 0 };
		enum nl_drop d;

		if (left < sizeof(*rtnh) || rtnh->rtnh_len < sizeof(*rtnh) || rtnh->rtnh_len > left)
			return NL_DROP_NEXTHOP;
		if (rtnh->rtnh_ifindex < 0)
			return NL_DROP_IFINDEX;
		nh.ifindex = rtnh->rtnh_ifindex;
		d = nl_rtnh_attrs(p + off, rtnh->rtnh_len, r, &nh);
		if (d != NL_DROP_NONE)
			return d;
		if (r->nnh < NL_ROUTE_NH_MAX)
			r->nh[r->nnh++] = nh;
		else
			r->nh_partial = true;
		off += RTNH_ALIGN(rtnh->rtnh_len);
	}
	return NL_DROP_NONE;
}

static enum nl_drop nl_route_attr(const struct nlattr *attr, void *data)
{
	struct nl_route_attrs *a = data;
	struct nl_route *r = a->r;
	enum nl_drop d = NL_DROP_NONE;
	uint32_t v;

	switch (mnl_attr_get_type(attr)) {
	case RTA_DST:
		d = nl_get_u32(attr, &v);
		r->dst = ntohl(v);
		break;
	case RTA_GATEWAY:
		d = nl_get_u32(attr, &v);
		a->gw = ntohl(v);
		a->has_gw = true;
		break;
	case RTA_OIF:
		d = nl_get_u32(attr, &v);
		if (d == NL_DROP_NONE && v > INT_MAX)
			d = NL_DROP_IFINDEX;
		a->oif = (int)v;
		a->has_oif = true;
		break;
	case RTA_PRIORITY:
		d = nl_get_u32(attr, &r->priority);
		break;
	case RTA_TABLE:
		d = nl_get_u32(attr, &r->table);
		break;
	case RTA_NH_ID:
		d = nl_get_u32(attr, &r->nh_id);
		r->nh_partial = true;
		break;
	case RTA_VIA:
		r->nh_partial = true;
		break;
	case RTA_MULTIPATH:
		a->has_mp = true;
		d = nl_route_multipath(attr, r);
		break;
	}
	return d;
}

enum nl_drop nl_parse_route(const struct nlmsghdr *nlh, size_t len, struct nl_route *out)
{
	struct nl_route_attrs a = { .r = out };
	const struct rtmsg *rtm;
	enum nl_drop r;

	memset(out, 0, sizeof(*out));
	r = nl_check_header(nlh, len, 0);
	if (r != NL_DROP_NONE)
		return r;
	if (nlh->nlmsg_type != RTM_NEWROUTE && nlh->nlmsg_type != RTM_DELROUTE)
		return NL_DROP_TYPE;
	r = nl_check_header(nlh, len, sizeof(*rtm));
	if (r != NL_DROP_NONE)
		return r;
	rtm = mnl_nlmsg_get_payload(nlh);
	if (rtm->rtm_family != AF_INET)
		return NL_DROP_FAMILY;
	if (rtm->rtm_dst_len > 32)
		return NL_DROP_PREFIXLEN;
	out->plen = rtm->rtm_dst_len;
	out->protocol = rtm->rtm_protocol;
	out->scope = rtm->rtm_scope;
	out->type = rtm->rtm_type;
	out->table = rtm->rtm_table;
	r = nl_attr_walk(nlh, sizeof(*rtm), nl_route_attr, &a);
	if (r != NL_DROP_NONE) {
		memset(out, 0, sizeof(*out));
		return r;
	}
	if (!a.has_mp && (a.has_gw || a.has_oif)) {
		out->nh[0].gw = a.gw;
		out->nh[0].ifindex = a.oif;
		out->nnh = 1;
	}
	return NL_DROP_NONE;
}

static size_t nl_route_size(const struct nl_route *r)
{
	size_t n = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct rtmsg));
	size_t attr32 = MNL_ATTR_HDRLEN + sizeof(uint32_t);

	n += 2 * attr32; /* RTA_DST, RTA_PRIORITY */
	if (r->table > 255)
		n += attr32;
	if (r->nnh == 1)
		n += 2 * attr32;
	else if (r->nnh > 1)
		n += MNL_ATTR_HDRLEN + r->nnh * (RTNH_ALIGN(sizeof(struct rtnexthop)) + attr32);
	return n;
}

static void nl_put_in4(struct nlmsghdr *nlh, uint16_t type, uint32_t host_order)
{
	mnl_attr_put_u32(nlh, type, htonl(host_order));
}

/* RTA_MULTIPATH by hand: the kernel reads it as a plain attribute, not NLA_F_NESTED. */
static void nl_put_multipath(struct nlmsghdr *nlh, const struct nl_route *r)
{
	struct nlattr *mp = mnl_nlmsg_get_payload_tail(nlh);
	uint16_t i;

	mp->nla_type = RTA_MULTIPATH;
	nlh->nlmsg_len += MNL_ATTR_HDRLEN;
	for (i = 0; i < r->nnh; i++) {
		struct rtnexthop *rtnh = mnl_nlmsg_get_payload_tail(nlh);

		memset(rtnh, 0, sizeof(*rtnh));
		rtnh->rtnh_ifindex = r->nh[i].ifindex;
		nlh->nlmsg_len += RTNH_ALIGN(sizeof(*rtnh));
		if (r->nh[i].gw)
			nl_put_in4(nlh, RTA_GATEWAY, r->nh[i].gw);
		rtnh->rtnh_len =
		    (unsigned short)((char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)rtnh);
	}
	mp->nla_len = (uint16_t)((char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)mp);
}

size_t nl_route_build(void *buf, size_t buflen, uint16_t type, uint16_t flags, uint32_t seq,
		      const struct nl_route *r)
{
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;

	if (r->plen > 32 || r->nnh > NL_ROUTE_NH_MAX || (uintptr_t)buf % NLMSG_ALIGNTO)
		return 0;
	if (nl_route_size(r) > buflen)
		return 0;
	memset(buf, 0, nl_route_size(r));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = r->plen;
	rtm->rtm_protocol = r->protocol;
	rtm->rtm_scope = r->scope;
	rtm->rtm_type = r->type;
	rtm->rtm_table = r->table > 255 ? RT_TABLE_UNSPEC : (uint8_t)r->table;
	if (r->plen > 0 || r->dst)
		nl_put_in4(nlh, RTA_DST, r->dst);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, r->priority);
	if (r->table > 255)
		mnl_attr_put_u32(nlh, RTA_TABLE, r->table);
	if (r->nnh == 1) {
		if (r->nh[0].gw)
			nl_put_in4(nlh, RTA_GATEWAY, r->nh[0].gw);
		if (r->nh[0].ifindex > 0)
			mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->nh[0].ifindex);
	} else if (r->nnh > 1) {
		nl_put_multipath(nlh, r);
	}
	return nlh->nlmsg_len;
}

static void nl_count_drop(struct nl_stats *s, enum nl_drop r);

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

/* Links and addresses to h (if links), routes to rh (if routes). */
static int nl_dispatch_all(const void *buf, size_t len, bool links, const struct nl_handlers *h,
			   bool routes, const struct nl_route_handler *rh, struct nl_stats *stats,
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
		struct nl_route route;
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
			if (!links) {
				nl_count_drop(stats, NL_DROP_TYPE);
				break;
			}
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
			if (!links) {
				nl_count_drop(stats, NL_DROP_TYPE);
				break;
			}
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
		case RTM_NEWROUTE:
		case RTM_DELROUTE:
			if (!routes) {
				nl_count_drop(stats, NL_DROP_TYPE);
				break;
			}
			r = nl_parse_route(nlh, left, &route);
			if (r != NL_DROP_NONE) {
				nl_count_drop(stats, r);
				break;
			}
			stats->routes++;
			delivered++;
			if (rh && rh->route)
				rh->route(rh->ctx, &route, nlh->nlmsg_type == RTM_DELROUTE);
			break;
		default:
			nl_count_drop(stats, NL_DROP_TYPE);
			break;
		}
		off += NLMSG_ALIGN((size_t)nlh->nlmsg_len);
	}
	return delivered;
}

int nl_dispatch(const void *buf, size_t len, const struct nl_handlers *h, struct nl_stats *stats,
		struct nl_dispatch_result *res)
{
	return nl_dispatch_all(buf, len, true, h, false, NULL, stats, res);
}

int nl_dispatch_routes(const void *buf, size_t len, const struct nl_route_handler *rh,
		       struct nl_stats *stats, struct nl_dispatch_result *res)
{
	return nl_dispatch_all(buf, len, false, NULL, true, rh, stats, res);
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

/* ---- the route socket ---- */

/* bytes of one batch; the buffer holds twice that, as mnl_nlmsg_batch wants */
#define NLRT_BATCH_BYTES (16 * 1024)
#define NLRT_BUF_INIT	 (32 * 1024)
#define NLRT_EVENTS_READ 64

struct nlrt {
	struct mnl_socket *req; /* requests, their answers, dumps */
	struct mnl_socket *ev;	/* RTMGRP_IPV4_ROUTE, or NULL */
	uint32_t seq;
	struct nlrt_stats stats;
	void *buf;
	size_t buflen;
	_Alignas(NLMSG_ALIGNTO) char batch_buf[2 * NLRT_BATCH_BYTES];
	struct mnl_nlmsg_batch *batch;
	size_t nbatch;
	uint32_t batch_seq[NLRT_BATCH_MAX];
};

static uint32_t nlrt_next_seq(struct nlrt *s)
{
	if (++s->seq == 0)
		s->seq = 1;
	return s->seq;
}

/*
 * One datagram from the kernel on sock into s->buf: its length, 0 if none is waiting, or -1
 * with errno (ENOBUFS also when a datagram was cut: the buffer grows, the content is lost).
 */
static ssize_t nlrt_recv(struct nlrt *s, struct mnl_socket *sock)
{
	for (;;) {
		struct sockaddr_nl sa;
		struct iovec iov = { .iov_base = s->buf, .iov_len = s->buflen };
		struct msghdr msg = {
			.msg_name = &sa,
			.msg_namelen = sizeof(sa),
			.msg_iov = &iov,
			.msg_iovlen = 1,
		};
		ssize_t n = recvmsg(mnl_socket_get_fd(sock), &msg, MSG_DONTWAIT | MSG_TRUNC);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			return -1;
		}
		if (msg.msg_namelen != sizeof(sa) || sa.nl_pid != 0)
			continue; /* only the kernel speaks for itself */
		if (msg.msg_flags & MSG_TRUNC) {
			size_t want = s->buflen;
			void *p;

			while (want < (size_t)n && want < NLMON_BUF_MAX)
				want *= 2;
			p = want > s->buflen ? realloc(s->buf, want) : NULL;
			if (p) {
				s->buf = p;
				s->buflen = want;
			}
			errno = ENOBUFS;
			return -1;
		}
		return n;
	}
}

static struct mnl_socket *nlrt_socket(unsigned int groups, const char *what, char *err,
				      size_t errlen)
{
	int rcvbuf = NLMON_RCVBUF, one = 1;
	struct mnl_socket *sock;
	int fd;

	sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (!sock) {
		snprintf(err, errlen, "netlink socket (%s): %s", what, strerror(errno));
		return NULL;
	}
	fd = mnl_socket_get_fd(sock);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	/* an error answer carries the request's header only, plus the kernel's message */
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (mnl_socket_bind(sock, groups, MNL_SOCKET_AUTOPID) < 0) {
		snprintf(err, errlen, "netlink bind (%s): %s", what, strerror(errno));
		mnl_socket_close(sock);
		return NULL;
	}
	return sock;
}

struct nlrt *nlrt_open(bool events, char *err, size_t errlen)
{
	struct nlrt *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(err, errlen, "netlink routes: out of memory");
		return NULL;
	}
	s->buflen = NLRT_BUF_INIT;
	s->buf = malloc(s->buflen);
	if (!s->buf) {
		snprintf(err, errlen, "netlink routes: out of memory");
		goto fail;
	}
	s->batch = mnl_nlmsg_batch_start(s->batch_buf, NLRT_BATCH_BYTES);
	if (!s->batch) {
		snprintf(err, errlen, "netlink routes: out of memory");
		goto fail;
	}
	s->req = nlrt_socket(0, "route requests", err, errlen);
	if (!s->req)
		goto fail;
	if (events) {
		s->ev = nlrt_socket(RTMGRP_IPV4_ROUTE, "IPv4 route events", err, errlen);
		if (!s->ev)
			goto fail;
	}
	s->seq = (uint32_t)time(NULL);
	return s;
fail:
	nlrt_close(s);
	return NULL;
}

void nlrt_close(struct nlrt *s)
{
	if (!s)
		return;
	if (s->batch)
		mnl_nlmsg_batch_stop(s->batch);
	if (s->req)
		mnl_socket_close(s->req);
	if (s->ev)
		mnl_socket_close(s->ev);
	free(s->buf);
	free(s);
}

const struct nlrt_stats *nlrt_stats(const struct nlrt *s)
{
	return &s->stats;
}

int nlrt_event_fd(const struct nlrt *s)
{
	return s->ev ? mnl_socket_get_fd(s->ev) : -1;
}

int nlrt_read_events(struct nlrt *s, const struct nl_route_handler *h)
{
	int i, delivered = 0;

	if (!s->ev) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < NLRT_EVENTS_READ; i++) {
		ssize_t n = nlrt_recv(s, s->ev);

		if (n < 0) {
			if (errno == ENOBUFS)
				s->stats.overruns++;
			return -1;
		}
		if (n == 0)
			break;
		delivered += nl_dispatch_routes(s->buf, (size_t)n, h, &s->stats.parse, NULL);
	}
	return delivered;
}

static void nlrt_drain(struct nlrt *s)
{
	int i;

	for (i = 0; i < NLMON_DRAIN_MAX; i++) {
		ssize_t n = nlrt_recv(s, s->req);

		if (n == 0 || (n < 0 && errno != ENOBUFS))
			break;
	}
}

/* One dump attempt: 0 consistent, 1 to be redone, -1 failed (errno). */
static int nlrt_dump_once(struct nlrt *s, const struct nl_route_handler *h,
			  const struct timespec *deadline)
{
	_Alignas(NLMSG_ALIGNTO) char req[MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct rtmsg))];
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	bool intr = false;
	uint32_t seq;

	memset(req, 0, sizeof(req));
	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq = nlrt_next_seq(s);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	if (mnl_socket_sendto(s->req, nlh, nlh->nlmsg_len) < 0)
		return -1;
	for (;;) {
		struct pollfd pfd = { .fd = mnl_socket_get_fd(s->req), .events = POLLIN };
		struct nl_dispatch_result res;
		int ms = nlmon_ms_left(deadline);
		ssize_t n;

		if (ms == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		n = nlrt_recv(s, s->req);
		if (n < 0)
			return errno == ENOBUFS ? 1 : -1;
		if (n == 0) {
			if (poll(&pfd, 1, ms) < 0 && errno != EINTR)
				return -1;
			continue;
		}
		nl_dispatch_routes(s->buf, (size_t)n, h, &s->stats.parse, &res);
		intr |= res.intr;
		if (res.error && res.error_seq == seq) {
			if (res.error == EBUSY || res.error == EINTR || res.error == ENOBUFS)
				return 1;
			errno = res.error;
			return -1;
		}
		if (res.done && res.done_seq == seq)
			return intr ? 1 : 0;
	}
}

int nlrt_dump(struct nlrt *s, const struct nl_route_handler *h, void (*begin)(void *ctx))
{
	struct timespec deadline;
	int attempt;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += NLRT_DUMP_TIMEOUT_MS / 1000;
	deadline.tv_nsec += (NLRT_DUMP_TIMEOUT_MS % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	for (attempt = 0; attempt < NLMON_DUMP_ATTEMPTS; attempt++) {
		int r;

		if (attempt > 0)
			s->stats.dump_retries++;
		/* answers of an abandoned request would pass for this dump's */
		nlrt_drain(s);
		if (begin)
			begin(h ? h->ctx : NULL);
		r = nlrt_dump_once(s, h, &deadline);
		if (r < 0)
			return -1;
		if (r == 0) {
			s->stats.dumps++;
			return 0;
		}
	}
	errno = EAGAIN;
	return -1;
}

int nlrt_batch_add(struct nlrt *s, uint16_t type, uint16_t flags, const struct nl_route *r)
{
	_Alignas(NLMSG_ALIGNTO) char msg[2048];
	size_t len;

	if (s->nbatch >= NLRT_BATCH_MAX) {
		errno = ENOSPC;
		return -1;
	}
	len = nl_route_build(msg, sizeof(msg), type, flags | NLM_F_ACK, 0, r);
	if (len == 0) {
		errno = EINVAL;
		return -1;
	}
	if (mnl_nlmsg_batch_size(s->batch) + len > NLRT_BATCH_BYTES) {
		errno = ENOSPC;
		return -1;
	}
	s->batch_seq[s->nbatch] = nlrt_next_seq(s);
	((struct nlmsghdr *)(void *)msg)->nlmsg_seq = s->batch_seq[s->nbatch];
	memcpy(mnl_nlmsg_batch_current(s->batch), msg, len);
	/* always true: the size was checked above */
	(void)mnl_nlmsg_batch_next(s->batch);
	return (int)s->nbatch++;
}

size_t nlrt_batch_count(const struct nlrt *s)
{
	return s->nbatch;
}

/* NLMSGERR_ATTR_MSG of an extended acknowledgement, if any, into res->msg. */
static void nlrt_ack_msg(const struct nlmsghdr *nlh, struct nlrt_result *res)
{
	/* with NETLINK_CAP_ACK the request is not echoed: only its header */
	size_t off = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct nlmsgerr));

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || (nlh->nlmsg_flags & NLM_F_CAPPED) == 0)
		return;
	while (off < nlh->nlmsg_len) {
		const struct nlattr *attr = (const void *)((const char *)nlh + off);
		size_t left = nlh->nlmsg_len - off;
		const char *str;
		size_t plen;

		if (!mnl_attr_ok(attr, left > INT_MAX ? INT_MAX : (int)left))
			return;
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG) {
			str = mnl_attr_get_payload(attr);
			plen = strnlen(str, mnl_attr_get_payload_len(attr));
			if (plen >= sizeof(res->msg))
				plen = sizeof(res->msg) - 1;
			memcpy(res->msg, str, plen);
			res->msg[plen] = '\0';
			return;
		}
		off += MNL_ALIGN(attr->nla_len);
	}
}

/* The answers in one datagram: fills res[] of the requests they name; returns how many. */
static size_t nlrt_collect(struct nlrt *s, size_t len, struct nlrt_result *res, bool *answered)
{
	size_t off = 0, found = 0;

	while (off < len) {
		const struct nlmsghdr *nlh = (const void *)((const char *)s->buf + off);
		size_t i;
		int error;

		if (nl_check_header(nlh, len - off, 0) != NL_DROP_NONE)
			break;
		off += NLMSG_ALIGN((size_t)nlh->nlmsg_len);
		if (nlh->nlmsg_type != NLMSG_ERROR ||
		    nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(struct nlmsgerr))
			continue;
		/* consecutive, but for the skip over 0 when the counter wraps */
		for (i = 0; i < s->nbatch; i++)
			if (s->batch_seq[i] == nlh->nlmsg_seq)
				break;
		if (i == s->nbatch || answered[i])
			continue; /* an answer to an earlier request, given up on */
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
		answered[i] = true;
		found++;
		res[i].error = error == 0 ? 0 : nl_errno(error);
		res[i].msg[0] = '\0';
		if (error != 0)
			nlrt_ack_msg(nlh, &res[i]);
	}
	return found;
}

static void nlrt_batch_reset(struct nlrt *s)
{
	mnl_nlmsg_batch_reset(s->batch);
	s->nbatch = 0;
}

size_t nlrt_batch_send(struct nlrt *s, struct nlrt_result *res)
{
	bool answered[NLRT_BATCH_MAX] = { false };
	struct timespec deadline;
	size_t i, pending = s->nbatch, failed = 0;
	int lost = 0;

	if (s->nbatch == 0)
		return 0;
	for (i = 0; i < s->nbatch; i++) {
		res[i].error = ETIMEDOUT;
		res[i].msg[0] = '\0';
	}
	s->stats.batches++;
	s->stats.requests += s->nbatch;
	if (mnl_socket_sendto(s->req, mnl_nlmsg_batch_head(s->batch),
			      mnl_nlmsg_batch_size(s->batch)) < 0) {
		lost = errno;
		pending = 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_nsec += NLRT_ACK_TIMEOUT_MS * 1000000L;
	deadline.tv_sec += deadline.tv_nsec / 1000000000L;
	deadline.tv_nsec %= 1000000000L;
	while (pending > 0) {
		struct pollfd pfd = { .fd = mnl_socket_get_fd(s->req), .events = POLLIN };
		ssize_t n = nlrt_recv(s, s->req);
		int ms;

		if (n < 0) {
			if (errno != ENOBUFS)
				break;
			lost = ENOBUFS; /* answers were dropped; read what is left */
			continue;
		}
		if (n > 0) {
			pending -= nlrt_collect(s, (size_t)n, res, answered);
			continue;
		}
		/* the kernel answers inside sendmsg: nothing more is coming after a loss */
		ms = nlmon_ms_left(&deadline);
		if (lost || ms == 0)
			break;
		if (poll(&pfd, 1, ms) < 0 && errno != EINTR)
			break;
	}
	for (i = 0; i < s->nbatch; i++) {
		if (!answered[i] && lost)
			res[i].error = lost;
		if (res[i].error) {
			failed++;
			s->stats.errors++;
		} else {
			s->stats.acks++;
		}
	}
	nlrt_batch_reset(s);
	return failed;
}
