/* SPDX-License-Identifier: ISC */
/*
 * The rtnetlink parsers on hand-built messages, each copied into a heap buffer of its exact
 * length so that the sanitizers catch any read past it; then the monitor against a real kernel,
 * in a child process moved into a network namespace of its own (the host is never touched).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

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
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

/* Room for hand-built messages, aligned as a socket buffer is. */
struct msgbuf {
	uint32_t words[1024];
	size_t len;
};

static struct nlmsghdr *msg_start(struct msgbuf *b, uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)b->words + b->len);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	return nlh;
}

static void msg_end(struct msgbuf *b, struct nlmsghdr *nlh)
{
	b->len += NLMSG_ALIGN(nlh->nlmsg_len);
	assert_true(b->len <= sizeof(b->words));
}

static struct nlmsghdr *link_start(struct msgbuf *b, uint16_t type, int ifindex, unsigned int flags)
{
	struct nlmsghdr *nlh = msg_start(b, type, 0, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ifi->ifi_flags = flags;
	return nlh;
}

static void put_link(struct msgbuf *b, uint16_t type, int ifindex, unsigned int flags,
		     const char *name, uint32_t mtu)
{
	struct nlmsghdr *nlh = link_start(b, type, ifindex, flags);

	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	msg_end(b, nlh);
}

static struct nlmsghdr *addr_start(struct msgbuf *b, uint16_t type, uint8_t family, int ifindex,
				   uint8_t prefixlen)
{
	struct nlmsghdr *nlh = msg_start(b, type, 0, 0);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));

	ifa->ifa_family = family;
	ifa->ifa_index = (uint32_t)ifindex;
	ifa->ifa_prefixlen = prefixlen;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	return nlh;
}

static void put_in4(struct nlmsghdr *nlh, uint16_t type, uint32_t host_order)
{
	mnl_attr_put_u32(nlh, type, htonl(host_order));
}

static void put_addr(struct msgbuf *b, uint16_t type, int ifindex, uint32_t addr, uint8_t prefixlen)
{
	struct nlmsghdr *nlh = addr_start(b, type, AF_INET, ifindex, prefixlen);

	put_in4(nlh, IFA_LOCAL, addr);
	put_in4(nlh, IFA_ADDRESS, addr);
	msg_end(b, nlh);
}

static void put_done(struct msgbuf *b, uint32_t seq, int error)
{
	struct nlmsghdr *nlh = msg_start(b, NLMSG_DONE, NLM_F_MULTI, seq);
	int *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	*e = error;
	msg_end(b, nlh);
}

/* What the handlers were told, in order. */
#define REC_MAX 16

struct record {
	int nlinks, naddrs;
	struct nl_link links[REC_MAX];
	bool link_deleted[REC_MAX];
	struct nl_addr addrs[REC_MAX];
	bool addr_deleted[REC_MAX];
	char order[2 * REC_MAX + 1]; /* 'l' or 'a' per call */
};

static void record_link(void *ctx, const struct nl_link *l, bool deleted)
{
	struct record *r = ctx;

	assert_true(r->nlinks < REC_MAX);
	r->links[r->nlinks] = *l;
	r->link_deleted[r->nlinks++] = deleted;
	r->order[strlen(r->order)] = 'l';
}

static void record_addr(void *ctx, const struct nl_addr *a, bool deleted)
{
	struct record *r = ctx;

	assert_true(r->naddrs < REC_MAX);
	r->addrs[r->naddrs] = *a;
	r->addr_deleted[r->naddrs++] = deleted;
	r->order[strlen(r->order)] = 'a';
}

struct run {
	struct record rec;
	struct nl_stats stats;
	struct nl_dispatch_result res;
	int delivered;
};

/* Dispatches a copy of the first len bytes of b in a heap buffer of exactly that size. */
static void run_len(struct run *run, const struct msgbuf *b, size_t len)
{
	const struct nl_handlers h = { .link = record_link, .addr = record_addr, .ctx = &run->rec };
	void *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, b->words, len);
	memset(run, 0, sizeof(*run));
	run->delivered = nl_dispatch(copy, len, &h, &run->stats, &run->res);
	free(copy);
}

static void run_all(struct run *run, const struct msgbuf *b)
{
	run_len(run, b, b->len);
}

/* Parses the one link message of b from an exact-size copy. */
static enum nl_drop parse_link_exact(const struct msgbuf *b, size_t len, struct nl_link *out)
{
	void *copy = malloc(len ? len : 1);
	enum nl_drop r;

	assert_non_null(copy);
	memcpy(copy, b->words, len);
	r = nl_parse_link(copy, len, out);
	free(copy);
	return r;
}

static enum nl_drop parse_addr_exact(const struct msgbuf *b, struct nl_addr *out)
{
	void *copy = malloc(b->len);
	enum nl_drop r;

	assert_non_null(copy);
	memcpy(copy, b->words, b->len);
	r = nl_parse_addr(copy, b->len, out);
	free(copy);
	return r;
}

static void assert_malformed_once(const struct run *run, enum nl_drop reason)
{
	assert_int_equal(run->delivered, 0);
	assert_int_equal(run->stats.malformed, 1);
	assert_int_equal(run->stats.drops[reason], 1);
	assert_int_equal(run->rec.nlinks + run->rec.naddrs, 0);
}

static void test_link_reads_name_mtu_flags_and_operstate(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct nl_link l;
	char junk[6] = "junk!";

	(void)state;
	nlh = link_start(&b, RTM_NEWLINK, 3, IFF_UP | IFF_RUNNING | IFF_BROADCAST);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth0");
	mnl_attr_put_u32(nlh, IFLA_MTU, 9000);
	mnl_attr_put_u8(nlh, IFLA_OPERSTATE, IF_OPER_UP);
	/* what is not ours is stepped over: an unknown type and a nest */
	mnl_attr_put(nlh, 999, sizeof(junk), junk);
	nest = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	mnl_attr_nest_end(nlh, nest);
	msg_end(&b, nlh);

	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_NONE);
	assert_int_equal(l.ifindex, 3);
	assert_string_equal(l.name, "eth0");
	assert_int_equal(l.mtu, 9000);
	assert_int_equal(l.operstate, IF_OPER_UP);
	assert_int_equal(l.flags, IFF_UP | IFF_RUNNING | IFF_BROADCAST);
	assert_true(l.oper_up);
	assert_false(l.loopback);
}

static void test_link_up_without_carrier_is_not_oper_up(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_link l;

	(void)state;
	put_link(&b, RTM_NEWLINK, 4, IFF_UP, "eth1", 1500);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_NONE);
	assert_false(l.oper_up);
	assert_int_equal(l.operstate, IF_OPER_UNKNOWN);
}

static void test_link_loopback_is_flagged(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_link l;

	(void)state;
	put_link(&b, RTM_NEWLINK, 1, IFF_UP | IFF_RUNNING | IFF_LOOPBACK, "lo", 65536);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_NONE);
	assert_true(l.loopback);
	assert_true(l.oper_up);
}

static void test_dellink_is_delivered_as_deleted(void **state)
{
	struct msgbuf b = { 0 };
	struct run run;

	(void)state;
	put_link(&b, RTM_DELLINK, 7, 0, "gone0", 1500);
	run_all(&run, &b);
	assert_int_equal(run.delivered, 1);
	assert_int_equal(run.rec.nlinks, 1);
	assert_true(run.rec.link_deleted[0]);
	assert_int_equal(run.rec.links[0].ifindex, 7);
	assert_string_equal(run.rec.links[0].name, "gone0");
}

static void test_link_name_of_fifteen_characters_fits(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_link l;

	(void)state;
	put_link(&b, RTM_NEWLINK, 5, 0, "abcdefghijklmno", 1500);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_NONE);
	assert_string_equal(l.name, "abcdefghijklmno");
}

static void test_link_name_of_sixteen_characters_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_link l;

	(void)state;
	put_link(&b, RTM_NEWLINK, 5, 0, "abcdefghijklmnop", 1500);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_NAME);
	assert_int_equal(l.ifindex, 0);
}

static void test_link_name_without_nul_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_link l;
	struct run run;

	(void)state;
	nlh = link_start(&b, RTM_NEWLINK, 5, 0);
	mnl_attr_put(nlh, IFLA_IFNAME, 4, "eth0");
	msg_end(&b, nlh);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_NAME);
	run_all(&run, &b);
	assert_malformed_once(&run, NL_DROP_NAME);
}

static void test_link_empty_name_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_link l;

	(void)state;
	put_link(&b, RTM_NEWLINK, 5, 0, "", 1500);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_NAME);
}

static void test_link_without_name_is_missing_one(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_link l;

	(void)state;
	nlh = link_start(&b, RTM_NEWLINK, 5, 0);
	mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
	msg_end(&b, nlh);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_MISSING);
}

static void test_link_mtu_of_two_bytes_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_link l;

	(void)state;
	nlh = link_start(&b, RTM_NEWLINK, 5, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth0");
	mnl_attr_put_u16(nlh, IFLA_MTU, 1500);
	msg_end(&b, nlh);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_ATTR_LEN);
}

static void test_link_of_bridge_family_is_ignored_not_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct run run;

	(void)state;
	/* a port leaving a bridge: RTM_DELLINK, AF_BRIDGE; the link itself stays */
	nlh = link_start(&b, RTM_DELLINK, 5, 0);
	ifi = mnl_nlmsg_get_payload(nlh);
	ifi->ifi_family = AF_BRIDGE;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "port0");
	msg_end(&b, nlh);
	run_all(&run, &b);
	assert_int_equal(run.delivered, 0);
	assert_int_equal(run.stats.ignored, 1);
	assert_int_equal(run.stats.malformed, 0);
	assert_int_equal(run.stats.drops[NL_DROP_FAMILY], 1);
}

static void test_link_index_zero_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_link l;

	(void)state;
	put_link(&b, RTM_NEWLINK, 0, 0, "eth0", 1500);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_IFINDEX);
}

static void test_truncated_header_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_link l;
	struct run run;
	size_t cut;

	(void)state;
	put_link(&b, RTM_NEWLINK, 3, 0, "eth0", 1500);
	/* shorter than struct nlmsghdr */
	assert_int_equal(parse_link_exact(&b, 10, &l), NL_DROP_SHORT);
	/* every cut of the message: nlmsg_len then claims more than there is */
	for (cut = 1; cut < b.len; cut++) {
		run_len(&run, &b, cut);
		assert_malformed_once(&run, NL_DROP_SHORT);
	}
}

static void test_header_claiming_no_room_for_ifinfomsg_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_link l;

	(void)state;
	nlh = msg_start(&b, RTM_NEWLINK, 0, 0);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 8;
	msg_end(&b, nlh);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_SHORT);
}

static void test_attribute_length_past_the_message_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *attr;
	struct nl_link l;
	struct run run;

	(void)state;
	nlh = link_start(&b, RTM_NEWLINK, 3, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth0");
	attr = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
	attr->nla_len = 200; /* the message ends 8 bytes after it starts */
	msg_end(&b, nlh);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_ATTR);
	run_all(&run, &b);
	assert_malformed_once(&run, NL_DROP_ATTR);
}

static void test_attribute_shorter_than_its_header_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *attr;
	struct nl_link l;

	(void)state;
	nlh = link_start(&b, RTM_NEWLINK, 3, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth0");
	attr = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
	attr->nla_len = 2; /* would never advance */
	msg_end(&b, nlh);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_ATTR);
}

static void test_bytes_after_the_last_attribute_are_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_link l;

	(void)state;
	nlh = link_start(&b, RTM_NEWLINK, 3, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth0");
	nlh->nlmsg_len += 2; /* not even an attribute header */
	msg_end(&b, nlh);
	assert_int_equal(parse_link_exact(&b, b.len, &l), NL_DROP_ATTR);
}

static void test_addr_with_local_and_peer_is_point_to_point(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_addr a;

	(void)state;
	nlh = addr_start(&b, RTM_NEWADDR, AF_INET, 4, 32);
	put_in4(nlh, IFA_LOCAL, IP4(10, 0, 0, 1));
	put_in4(nlh, IFA_ADDRESS, IP4(10, 0, 0, 2));
	msg_end(&b, nlh);
	assert_int_equal(parse_addr_exact(&b, &a), NL_DROP_NONE);
	assert_int_equal(a.ifindex, 4);
	assert_int_equal(a.addr, IP4(10, 0, 0, 1));
	assert_int_equal(a.peer, IP4(10, 0, 0, 2));
	assert_int_equal(a.prefixlen, 32);
}

static void test_addr_with_equal_local_and_address_has_no_peer(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_addr a;

	(void)state;
	put_addr(&b, RTM_NEWADDR, 4, IP4(192, 0, 2, 1), 24);
	assert_int_equal(parse_addr_exact(&b, &a), NL_DROP_NONE);
	assert_int_equal(a.addr, IP4(192, 0, 2, 1));
	assert_int_equal(a.peer, 0);
	assert_int_equal(a.prefixlen, 24);
	assert_int_equal(a.scope, RT_SCOPE_UNIVERSE);
}

static void test_addr_with_only_ifa_address_uses_it(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_addr a;

	(void)state;
	nlh = addr_start(&b, RTM_NEWADDR, AF_INET, 4, 16);
	put_in4(nlh, IFA_ADDRESS, IP4(172, 16, 0, 9));
	msg_end(&b, nlh);
	assert_int_equal(parse_addr_exact(&b, &a), NL_DROP_NONE);
	assert_int_equal(a.addr, IP4(172, 16, 0, 9));
	assert_int_equal(a.peer, 0);
}

static void test_addr_flags_attribute_overrides_header_flags(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	struct nl_addr a;

	(void)state;
	nlh = addr_start(&b, RTM_NEWADDR, AF_INET, 4, 24);
	ifa = mnl_nlmsg_get_payload(nlh);
	ifa->ifa_flags = IFA_F_SECONDARY;
	put_in4(nlh, IFA_LOCAL, IP4(192, 0, 2, 1));
	mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_SECONDARY | IFA_F_NOPREFIXROUTE);
	msg_end(&b, nlh);
	assert_int_equal(parse_addr_exact(&b, &a), NL_DROP_NONE);
	assert_int_equal(a.flags, IFA_F_SECONDARY | IFA_F_NOPREFIXROUTE);
}

static void test_addr_without_address_is_missing_one(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_addr a;

	(void)state;
	nlh = addr_start(&b, RTM_NEWADDR, AF_INET, 4, 24);
	mnl_attr_put_strz(nlh, IFA_LABEL, "eth0");
	msg_end(&b, nlh);
	assert_int_equal(parse_addr_exact(&b, &a), NL_DROP_MISSING);
}

static void test_addr_of_five_bytes_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct nl_addr a;
	char five[5] = { 10, 0, 0, 1, 0 };

	(void)state;
	nlh = addr_start(&b, RTM_NEWADDR, AF_INET, 4, 24);
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(five), five);
	msg_end(&b, nlh);
	assert_int_equal(parse_addr_exact(&b, &a), NL_DROP_ATTR_LEN);
}

static void test_addr_prefixlen_over_32_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_addr a;

	(void)state;
	put_addr(&b, RTM_NEWADDR, 4, IP4(10, 0, 0, 1), 33);
	assert_int_equal(parse_addr_exact(&b, &a), NL_DROP_PREFIXLEN);
}

static void test_inet6_addr_is_ignored_not_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct run run;
	uint8_t v6[16] = { 0xfe, 0x80 };

	(void)state;
	nlh = addr_start(&b, RTM_NEWADDR, AF_INET6, 4, 64);
	mnl_attr_put(nlh, IFA_ADDRESS, sizeof(v6), v6);
	msg_end(&b, nlh);
	run_all(&run, &b);
	assert_int_equal(run.delivered, 0);
	assert_int_equal(run.stats.ignored, 1);
	assert_int_equal(run.stats.malformed, 0);
	assert_int_equal(run.stats.drops[NL_DROP_FAMILY], 1);
}

static void test_deladdr_is_delivered_as_deleted(void **state)
{
	struct msgbuf b = { 0 };
	struct run run;

	(void)state;
	put_addr(&b, RTM_DELADDR, 4, IP4(10, 1, 2, 3), 24);
	run_all(&run, &b);
	assert_int_equal(run.rec.naddrs, 1);
	assert_true(run.rec.addr_deleted[0]);
	assert_int_equal(run.rec.addrs[0].addr, IP4(10, 1, 2, 3));
}

static void test_several_messages_in_one_buffer_are_delivered_in_order(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct run run;

	(void)state;
	put_link(&b, RTM_NEWLINK, 2, IFF_UP, "eth0", 1500);
	put_addr(&b, RTM_NEWADDR, 2, IP4(10, 0, 0, 1), 24);
	/* a route: not ours */
	nlh = msg_start(&b, RTM_NEWROUTE, 0, 0);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	msg_end(&b, nlh);
	/* a malformed address between good messages: skipped, the walk goes on */
	put_addr(&b, RTM_NEWADDR, 2, IP4(10, 0, 0, 2), 40);
	put_addr(&b, RTM_DELADDR, 2, IP4(10, 0, 0, 3), 24);
	put_link(&b, RTM_DELLINK, 2, 0, "eth0", 1500);
	run_all(&run, &b);
	assert_int_equal(run.delivered, 4);
	assert_string_equal(run.rec.order, "laal");
	assert_int_equal(run.rec.addrs[1].addr, IP4(10, 0, 0, 3));
	assert_true(run.rec.addr_deleted[1]);
	assert_true(run.rec.link_deleted[1]);
	assert_int_equal(run.stats.messages, 6);
	assert_int_equal(run.stats.links, 2);
	assert_int_equal(run.stats.addrs, 2);
	assert_int_equal(run.stats.ignored, 1);
	assert_int_equal(run.stats.drops[NL_DROP_TYPE], 1);
	assert_int_equal(run.stats.malformed, 1);
	assert_int_equal(run.stats.drops[NL_DROP_PREFIXLEN], 1);
	assert_false(run.res.done);
}

static void test_message_length_that_lies_ends_the_walk(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *second;
	struct run run;

	(void)state;
	put_link(&b, RTM_NEWLINK, 2, 0, "eth0", 1500);
	second = (struct nlmsghdr *)((char *)b.words + b.len);
	put_link(&b, RTM_NEWLINK, 3, 0, "eth1", 1500);
	put_link(&b, RTM_NEWLINK, 4, 0, "eth2", 1500);
	second->nlmsg_len = 4096;
	run_all(&run, &b);
	assert_int_equal(run.delivered, 1);
	assert_int_equal(run.rec.links[0].ifindex, 2);
	assert_int_equal(run.stats.malformed, 1);
	assert_int_equal(run.stats.drops[NL_DROP_SHORT], 1);
}

static void test_message_length_over_2_31_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct run run;

	(void)state;
	/* what an int cast of nlmsg_len (as in mnl_nlmsg_ok) would take for negative */
	nlh = msg_start(&b, NLMSG_DONE, 0, 1);
	msg_end(&b, nlh);
	nlh->nlmsg_len = 0x80000010u;
	run_all(&run, &b);
	assert_false(run.res.done);
	assert_int_equal(run.stats.malformed, 1);
	assert_int_equal(run.stats.drops[NL_DROP_SHORT], 1);
}

static void test_nlmsg_done_ends_a_dump(void **state)
{
	struct msgbuf b = { 0 };
	struct run run;

	(void)state;
	put_link(&b, RTM_NEWLINK, 1, 0, "lo", 65536);
	put_link(&b, RTM_NEWLINK, 2, 0, "eth0", 1500);
	put_done(&b, 42, 0);
	put_link(&b, RTM_NEWLINK, 3, 0, "eth1", 1500);
	run_all(&run, &b);
	assert_int_equal(run.delivered, 2);
	assert_true(run.res.done);
	assert_int_equal(run.res.done_seq, 42);
	assert_int_equal(run.res.error, 0);
	assert_false(run.res.intr);
	assert_int_equal(run.stats.errors, 0);
}

static void test_nlmsg_done_with_an_error_reports_it(void **state)
{
	struct msgbuf b = { 0 };
	struct run run;

	(void)state;
	put_done(&b, 9, -EMSGSIZE);
	run_all(&run, &b);
	assert_true(run.res.done);
	assert_int_equal(run.res.error, EMSGSIZE);
	assert_int_equal(run.res.error_seq, 9);
	assert_int_equal(run.stats.errors, 1);
}

static void test_nlmsg_done_without_payload_is_a_clean_end(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct run run;

	(void)state;
	nlh = msg_start(&b, NLMSG_DONE, NLM_F_MULTI, 5);
	msg_end(&b, nlh);
	run_all(&run, &b);
	assert_true(run.res.done);
	assert_int_equal(run.res.error, 0);
}

static void put_error(struct msgbuf *b, uint32_t seq, int error)
{
	struct nlmsghdr *nlh = msg_start(b, NLMSG_ERROR, 0, seq);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	e->error = error;
	msg_end(b, nlh);
}

static void test_nlmsg_error_reports_the_first_errno_and_its_seq(void **state)
{
	struct msgbuf b = { 0 };
	struct run run;

	(void)state;
	put_error(&b, 6, 0); /* an acknowledgement, not an error */
	put_error(&b, 7, -EBUSY);
	put_error(&b, 8, -EPERM);
	put_error(&b, 9, INT_MIN); /* no errno at all */
	run_all(&run, &b);
	assert_int_equal(run.res.error, EBUSY);
	assert_int_equal(run.res.error_seq, 7);
	assert_int_equal(run.stats.errors, 3);
	assert_int_equal(run.stats.malformed, 0);
	assert_false(run.res.done);
}

static void test_nlmsg_error_too_short_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	int *e;
	struct run run;

	(void)state;
	nlh = msg_start(&b, NLMSG_ERROR, 0, 1);
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	*e = -EPERM;
	msg_end(&b, nlh);
	run_all(&run, &b);
	assert_int_equal(run.stats.malformed, 1);
	assert_int_equal(run.stats.drops[NL_DROP_SHORT], 1);
	assert_int_equal(run.res.error, 0);
}

static void test_dump_intr_flag_is_reported(void **state)
{
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;
	struct run run;

	(void)state;
	put_link(&b, RTM_NEWLINK, 1, 0, "lo", 65536);
	nlh = msg_start(&b, NLMSG_DONE, NLM_F_MULTI | NLM_F_DUMP_INTR, 3);
	mnl_nlmsg_put_extra_header(nlh, sizeof(int));
	msg_end(&b, nlh);
	run_all(&run, &b);
	assert_int_equal(run.delivered, 1);
	assert_true(run.res.intr);
	assert_true(run.res.done);
}

static void test_misaligned_buffer_is_refused(void **state)
{
	struct msgbuf b = { 0 };
	struct run run = { 0 };

	(void)state;
	put_link(&b, RTM_NEWLINK, 1, 0, "lo", 65536);
	errno = 0;
	assert_int_equal(nl_dispatch((char *)b.words + 1, b.len - 1, NULL, NULL, &run.res), -1);
	assert_int_equal(errno, EINVAL);
}

static void test_empty_buffer_delivers_nothing(void **state)
{
	struct msgbuf b = { 0 };
	struct run run;

	(void)state;
	run_all(&run, &b);
	assert_int_equal(run.delivered, 0);
	assert_int_equal(run.stats.messages, 0);
	assert_int_equal(run.stats.malformed, 0);
}

/* ---- routes ---- */

static struct nl_route sample_route(uint16_t nnh)
{
	struct nl_route r;
	uint16_t i;

	memset(&r, 0, sizeof(r));
	r.dst = IP4(10, 20, 0, 0);
	r.plen = 16;
	r.protocol = NL_RTPROT_OSPF;
	r.scope = RT_SCOPE_UNIVERSE;
	r.type = RTN_UNICAST;
	r.table = RT_TABLE_MAIN;
	r.priority = 20;
	r.nnh = nnh;
	for (i = 0; i < nnh; i++) {
		r.nh[i].gw = IP4(192, 0, 2, 1 + i);
		r.nh[i].ifindex = 3 + i;
	}
	return r;
}

/* Builds r into b (one message) and returns its header. */
static struct nlmsghdr *build_route(struct msgbuf *b, uint16_t type, const struct nl_route *r)
{
	size_t len = nl_route_build((char *)b->words + b->len, sizeof(b->words) - b->len, type,
				    NLM_F_CREATE, 7, r);
	struct nlmsghdr *nlh = (void *)((char *)b->words + b->len);

	assert_true(len > 0);
	assert_int_equal(len, nlh->nlmsg_len);
	b->len += NLMSG_ALIGN(len);
	return nlh;
}

static enum nl_drop parse_route_exact(const struct msgbuf *b, size_t len, struct nl_route *out)
{
	void *copy = malloc(len ? len : 1);
	enum nl_drop r;

	assert_non_null(copy);
	memcpy(copy, b->words, len);
	r = nl_parse_route(copy, len, out);
	free(copy);
	return r;
}

static void assert_route_equal(const struct nl_route *a, const struct nl_route *b)
{
	uint16_t i;

	assert_int_equal(a->dst, b->dst);
	assert_int_equal(a->plen, b->plen);
	assert_int_equal(a->protocol, b->protocol);
	assert_int_equal(a->scope, b->scope);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->table, b->table);
	assert_int_equal(a->priority, b->priority);
	assert_int_equal(a->nnh, b->nnh);
	assert_int_equal(a->nh_partial, b->nh_partial);
	for (i = 0; i < a->nnh; i++) {
		assert_int_equal(a->nh[i].gw, b->nh[i].gw);
		assert_int_equal(a->nh[i].ifindex, b->nh[i].ifindex);
	}
}

static void test_route_with_one_next_hop_reads_back_as_built(void **state)
{
	struct nl_route r = sample_route(1), out;
	struct msgbuf b = { 0 };
	struct nlmsghdr *nlh;

	(void)state;
	nlh = build_route(&b, RTM_NEWROUTE, &r);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_CREATE);
	assert_int_equal(nlh->nlmsg_seq, 7);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NONE);
	assert_route_equal(&r, &out);
}

static void test_route_with_several_next_hops_is_one_multipath_route(void **state)
{
	struct nl_route r = sample_route(3), out;
	struct msgbuf b = { 0 };
	int multipath = 0, top_gw = 0;
	struct nlmsghdr *nlh;
	struct nlattr *attr;
	struct run run;

	(void)state;
	r.nh[1].gw = 0; /* a directly attached one among them */
	nlh = build_route(&b, RTM_NEWROUTE, &r);
	mnl_attr_for_each(attr, nlh, sizeof(struct rtmsg))
	{
		multipath += mnl_attr_get_type(attr) == RTA_MULTIPATH;
		top_gw += mnl_attr_get_type(attr) == RTA_GATEWAY;
	}
	assert_int_equal(multipath, 1);
	assert_int_equal(top_gw, 0);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NONE);
	assert_route_equal(&r, &out);
	/* nl_dispatch() leaves routes to nl_dispatch_routes() */
	run_all(&run, &b);
	assert_int_equal(run.delivered, 0);
	assert_int_equal(run.stats.drops[NL_DROP_TYPE], 1);
}

static void test_route_without_next_hops_and_beyond_table_255(void **state)
{
	struct nl_route r = sample_route(0), out;
	struct msgbuf b = { 0 };

	(void)state;
	r.table = 1000;
	r.plen = 0;
	r.dst = 0;
	build_route(&b, RTM_DELROUTE, &r);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NONE);
	assert_route_equal(&r, &out);
}

static void test_route_build_refuses_what_it_cannot_write(void **state)
{
	_Alignas(4) char buf[4096];
	struct nl_route r = sample_route(2);

	(void)state;
	assert_int_equal(nl_route_build(buf, 40, RTM_NEWROUTE, 0, 1, &r), 0);
	r.plen = 33;
	assert_int_equal(nl_route_build(buf, sizeof(buf), RTM_NEWROUTE, 0, 1, &r), 0);
	r = sample_route(2);
	r.nnh = NL_ROUTE_NH_MAX + 1;
	assert_int_equal(nl_route_build(buf, sizeof(buf), RTM_NEWROUTE, 0, 1, &r), 0);
	r.nnh = NL_ROUTE_NH_MAX;
	assert_true(nl_route_build(buf, sizeof(buf), RTM_NEWROUTE, 0, 1, &r) > 0);
}

static struct nlmsghdr *route_start(struct msgbuf *b, uint8_t family, uint8_t plen)
{
	struct nlmsghdr *nlh = msg_start(b, RTM_NEWROUTE, 0, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

	rtm->rtm_family = family;
	rtm->rtm_dst_len = plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_type = RTN_UNICAST;
	return nlh;
}

static void test_route_of_other_family_is_ignored_and_plen_33_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_route out;
	struct nlmsghdr *nlh;

	(void)state;
	nlh = route_start(&b, AF_INET6, 64);
	msg_end(&b, nlh);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_FAMILY);
	b.len = 0;
	nlh = route_start(&b, AF_INET, 33);
	msg_end(&b, nlh);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_PREFIXLEN);
}

static void test_route_gateway_of_wrong_size_is_malformed(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_route out;
	struct nlmsghdr *nlh;

	(void)state;
	nlh = route_start(&b, AF_INET, 24);
	mnl_attr_put_u16(nlh, RTA_GATEWAY, 1);
	msg_end(&b, nlh);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_ATTR_LEN);
}

static void test_route_nexthop_object_or_via_is_partial(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_route out;
	struct nlmsghdr *nlh;
	char via[6] = { 0 };

	(void)state;
	nlh = route_start(&b, AF_INET, 24);
	mnl_attr_put_u32(nlh, RTA_NH_ID, 5);
	msg_end(&b, nlh);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NONE);
	assert_true(out.nh_partial);
	assert_int_equal(out.nh_id, 5);
	b.len = 0;
	nlh = route_start(&b, AF_INET, 24);
	mnl_attr_put(nlh, RTA_VIA, sizeof(via), via);
	mnl_attr_put_u32(nlh, RTA_OIF, 2);
	msg_end(&b, nlh);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NONE);
	assert_true(out.nh_partial);
	assert_int_equal(out.nnh, 1);
}

/* A multipath attribute holding the given raw bytes. */
static void put_multipath_raw(struct msgbuf *b, const void *raw, size_t len)
{
	struct nlmsghdr *nlh = route_start(b, AF_INET, 24);

	mnl_attr_put(nlh, RTA_MULTIPATH, len, raw);
	msg_end(b, nlh);
}

static void test_route_bad_multipath_entries_are_malformed(void **state)
{
	struct {
		struct rtnexthop rtnh;
		struct nlattr gw;
		uint32_t addr;
	} e;
	struct msgbuf b = { 0 };
	struct nl_route out;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.rtnh.rtnh_len = sizeof(e);
	e.rtnh.rtnh_ifindex = 2;
	e.gw.nla_len = 8;
	e.gw.nla_type = RTA_GATEWAY;
	e.addr = htonl(IP4(10, 0, 0, 1));
	put_multipath_raw(&b, &e, sizeof(e));
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NONE);
	assert_int_equal(out.nnh, 1);
	assert_int_equal(out.nh[0].gw, IP4(10, 0, 0, 1));
	/* shorter than struct rtnexthop */
	b.len = 0;
	put_multipath_raw(&b, &e, 6);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NEXTHOP);
	/* rtnh_len past the attribute */
	b.len = 0;
	e.rtnh.rtnh_len = sizeof(e) + 4;
	put_multipath_raw(&b, &e, sizeof(e));
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NEXTHOP);
	/* rtnh_len under its header */
	b.len = 0;
	e.rtnh.rtnh_len = 4;
	put_multipath_raw(&b, &e, sizeof(e));
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NEXTHOP);
	/* a nested attribute past its rtnexthop */
	b.len = 0;
	e.rtnh.rtnh_len = sizeof(e);
	e.gw.nla_len = 12;
	put_multipath_raw(&b, &e, sizeof(e));
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NEXTHOP);
	/* a negative interface index */
	b.len = 0;
	e.gw.nla_len = 8;
	e.rtnh.rtnh_ifindex = -1;
	put_multipath_raw(&b, &e, sizeof(e));
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_IFINDEX);
}

static void test_route_with_more_next_hops_than_followed_is_partial(void **state)
{
	struct msgbuf b = { 0 };
	struct nl_route out;
	struct nlmsghdr *nlh;
	struct nlattr *mp;
	int i;

	(void)state;
	nlh = route_start(&b, AF_INET, 24);
	mp = mnl_nlmsg_get_payload_tail(nlh);
	mp->nla_type = RTA_MULTIPATH;
	nlh->nlmsg_len += MNL_ATTR_HDRLEN;
	for (i = 0; i < NL_ROUTE_NH_MAX + 2; i++) {
		struct rtnexthop *rtnh = mnl_nlmsg_get_payload_tail(nlh);

		memset(rtnh, 0, sizeof(*rtnh));
		rtnh->rtnh_len = sizeof(*rtnh);
		rtnh->rtnh_ifindex = i + 1;
		nlh->nlmsg_len += sizeof(*rtnh);
	}
	mp->nla_len = (uint16_t)((char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)mp);
	msg_end(&b, nlh);
	assert_int_equal(parse_route_exact(&b, b.len, &out), NL_DROP_NONE);
	assert_int_equal(out.nnh, NL_ROUTE_NH_MAX);
	assert_true(out.nh_partial);
}

static void count_route(void *ctx, const struct nl_route *r, bool deleted)
{
	int *n = ctx;

	(void)r;
	(void)deleted;
	(*n)++;
}

static void test_route_every_cut_is_malformed_and_dispatch_delivers_whole_ones(void **state)
{
	struct nl_route r = sample_route(4);
	struct msgbuf b = { 0 };
	struct nl_stats stats;
	int delivered = 0;
	const struct nl_route_handler h = { count_route, &delivered };
	size_t cut, whole;
	void *copy;

	(void)state;
	build_route(&b, RTM_NEWROUTE, &r);
	whole = b.len;
	build_route(&b, RTM_DELROUTE, &r);
	for (cut = 1; cut < whole; cut++) {
		struct nl_route out;

		assert_int_not_equal(parse_route_exact(&b, cut, &out), NL_DROP_NONE);
	}
	copy = malloc(b.len);
	assert_non_null(copy);
	memcpy(copy, b.words, b.len);
	memset(&stats, 0, sizeof(stats));
	assert_int_equal(nl_dispatch_routes(copy, b.len, &h, &stats, NULL), 2);
	assert_int_equal(delivered, 2);
	assert_int_equal(stats.routes, 2);
	free(copy);
}

static void test_every_drop_reason_has_a_name(void **state)
{
	int r;

	(void)state;
	for (r = 0; r < NL_DROP_COUNT; r++) {
		assert_non_null(nl_drop_str(r));
		assert_string_not_equal(nl_drop_str(r), "unknown");
	}
	assert_string_equal(nl_drop_str(NL_DROP_COUNT), "unknown");
	assert_false(nl_drop_is_malformed(NL_DROP_NONE));
	assert_false(nl_drop_is_malformed(NL_DROP_TYPE));
	assert_false(nl_drop_is_malformed(NL_DROP_FAMILY));
	assert_true(nl_drop_is_malformed(NL_DROP_ATTR));
}

/* xorshift32: the same bytes on every run */
static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void test_mutated_messages_never_read_past_the_buffer(void **state)
{
	struct msgbuf seed = { 0 };
	struct nlmsghdr *nlh;
	uint32_t rnd = 0x2545f491;
	int i;

	(void)state;
	put_link(&seed, RTM_NEWLINK, 2, IFF_UP, "eth0", 1500);
	nlh = addr_start(&seed, RTM_NEWADDR, AF_INET, 2, 30);
	put_in4(nlh, IFA_LOCAL, IP4(10, 0, 0, 1));
	put_in4(nlh, IFA_ADDRESS, IP4(10, 0, 0, 2));
	mnl_attr_put_u32(nlh, IFA_FLAGS, 0);
	msg_end(&seed, nlh);
	put_error(&seed, 1, -EPERM);
	put_done(&seed, 1, 0);
	for (i = 0; i < 20000; i++) {
		struct msgbuf b = seed;
		struct run run;
		int flips = 1 + (int)(next_random(&rnd) % 4);

		while (flips--) {
			size_t at = next_random(&rnd) % b.len;

			((uint8_t *)b.words)[at] = (uint8_t)next_random(&rnd);
		}
		run_len(&run, &b, next_random(&rnd) % (b.len + 1));
		assert_true(run.delivered >= 0 && run.delivered <= 2);
		assert_true(run.stats.malformed + run.stats.ignored + run.stats.links +
				run.stats.addrs <=
			    run.stats.messages + 1);
	}
}

/*
 * The live test. It runs in a child moved into a network namespace of its own, so that the
 * interfaces it creates and deletes are its own; it reports through its exit status and stderr.
 */
#define LIVE_CANNOT_UNSHARE 77
#define LIVE_WAIT_MS	    3000
#define LIVE_CHILD_MS	    60000
#define LIVE_BATCH_ADDRS    200
#define VIEW_MAX_LINKS	    16
#define VIEW_MAX_ADDRS	    512

/* What a consumer builds from the handlers; it also checks the monitor's promises. */
struct view {
	struct nl_link links[VIEW_MAX_LINKS];
	size_t nlinks;
	struct nl_addr addrs[VIEW_MAX_ADDRS];
	size_t naddrs;
	unsigned int link_dels, addr_dels;
	const char *broken; /* the first promise broken, if any */
};

static void view_link(void *ctx, const struct nl_link *l, bool deleted)
{
	struct view *v = ctx;
	size_t i, j;

	for (i = 0; i < v->nlinks; i++)
		if (v->links[i].ifindex == l->ifindex)
			break;
	if (deleted) {
		if (i == v->nlinks) {
			v->broken = v->broken ? v->broken : "deletion of a link never reported";
			return;
		}
		for (j = 0; j < v->naddrs; j++)
			if (v->addrs[j].ifindex == l->ifindex)
				v->broken = v->broken ? v->broken
						      : "link deleted before its address";
		v->links[i] = v->links[--v->nlinks];
		v->link_dels++;
		return;
	}
	if (i == v->nlinks) {
		if (v->nlinks == VIEW_MAX_LINKS) {
			v->broken = "too many links for the test";
			return;
		}
		v->nlinks++;
	}
	v->links[i] = *l;
}

static bool view_addr_same(const struct nl_addr *a, const struct nl_addr *b)
{
	return a->ifindex == b->ifindex && a->addr == b->addr && a->prefixlen == b->prefixlen &&
	       a->peer == b->peer;
}

static void view_addr(void *ctx, const struct nl_addr *a, bool deleted)
{
	struct view *v = ctx;
	size_t i;

	for (i = 0; i < v->naddrs; i++)
		if (view_addr_same(&v->addrs[i], a))
			break;
	if (deleted) {
		if (i == v->naddrs) {
			v->broken = v->broken ? v->broken : "deletion of an address never reported";
			return;
		}
		v->addrs[i] = v->addrs[--v->naddrs];
		v->addr_dels++;
		return;
	}
	if (i == v->naddrs) {
		if (v->naddrs == VIEW_MAX_ADDRS) {
			v->broken = "too many addresses for the test";
			return;
		}
		v->naddrs++;
	}
	v->addrs[i] = *a;
}

static const struct nl_link *view_find_link(const struct view *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->nlinks; i++)
		if (strcmp(v->links[i].name, name) == 0)
			return &v->links[i];
	return NULL;
}

static const struct nl_link *view_find_ifindex(const struct view *v, int ifindex)
{
	size_t i;

	for (i = 0; i < v->nlinks; i++)
		if (v->links[i].ifindex == ifindex)
			return &v->links[i];
	return NULL;
}

static const struct nl_addr *view_find_addr(const struct view *v, const char *name, uint32_t addr)
{
	const struct nl_link *l = view_find_link(v, name);
	size_t i;

	for (i = 0; l && i < v->naddrs; i++)
		if (v->addrs[i].ifindex == l->ifindex && v->addrs[i].addr == addr)
			return &v->addrs[i];
	return NULL;
}

static size_t view_count_addrs(const struct view *v, const char *name)
{
	const struct nl_link *l = view_find_link(v, name);
	size_t i, n = 0;

	for (i = 0; l && i < v->naddrs; i++)
		n += v->addrs[i].ifindex == l->ifindex;
	return n;
}

/* Same links (by every field) and same addresses, whatever the order. */
static bool view_equal(const struct view *a, const struct view *b)
{
	size_t i, j;

	if (a->nlinks != b->nlinks || a->naddrs != b->naddrs)
		return false;
	for (i = 0; i < a->nlinks; i++) {
		const struct nl_link *l = view_find_ifindex(b, a->links[i].ifindex);

		if (!l || strcmp(l->name, a->links[i].name) || l->mtu != a->links[i].mtu ||
		    l->flags != a->links[i].flags)
			return false;
	}
	for (i = 0; i < a->naddrs; i++) {
		for (j = 0; j < b->naddrs; j++)
			if (view_addr_same(&a->addrs[i], &b->addrs[j]))
				break;
		if (j == b->naddrs)
			return false;
	}
	return true;
}

#define LIVE_CHECK(cond, ...)                                                                 \
	do {                                                                                  \
		if (!(cond)) {                                                                \
			fprintf(stderr, "test_netlink live: line %d: %s: ", __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                         \
			fputc('\n', stderr);                                                  \
			return -1;                                                            \
		}                                                                             \
	} while (0)

static void deadline_after(struct timespec *t, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static int ms_until(const struct timespec *t)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

/* One poll and read; -1 when the deadline passed or the read failed. */
static int live_step(struct nlmon *m, const struct timespec *deadline)
{
	struct pollfd pfd = { .fd = nlmon_fd(m), .events = POLLIN };
	int ms = ms_until(deadline);

	if (ms == 0)
		return -1;
	if (poll(&pfd, 1, ms) < 0 && errno != EINTR)
		return -1;
	if (nlmon_read(m) < 0) {
		fprintf(stderr, "test_netlink live: nlmon_read: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Reads events until cond holds, for at most LIVE_WAIT_MS. */
#define LIVE_WAIT(m, cond, what)                                                           \
	do {                                                                               \
		struct timespec dl_;                                                       \
		deadline_after(&dl_, LIVE_WAIT_MS);                                        \
		while (!(cond))                                                            \
			LIVE_CHECK(live_step((m), &dl_) == 0, "no event for: %s", (what)); \
	} while (0)

/* Runs ip(8) with argv (NULL-terminated), bounded in time: 0 if it succeeded. */
static int run_ip(const char *const *argv, const char *stdin_path)
{
	static const char *const paths[] = { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" };
	struct timespec deadline;
	int status;
	pid_t pid;
	size_t i;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (stdin_path && !freopen(stdin_path, "r", stdin))
			_exit(126);
		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
			execv(paths[i], (char *const *)argv);
		execvp("ip", (char *const *)argv);
		_exit(127);
	}
	deadline_after(&deadline, 10000);
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		struct timespec tick = { 0, 5 * 1000 * 1000 };

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (ms_until(&deadline) == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "test_netlink live: failed (status %#x):", status);
		for (i = 0; argv[i]; i++)
			fprintf(stderr, " %s", argv[i]);
		fputc('\n', stderr);
		return -1;
	}
	return 0;
}

#define IP(...)                                                          \
	do {                                                             \
		const char *const argv_[] = { "ip", __VA_ARGS__, NULL }; \
		LIVE_CHECK(run_ip(argv_, NULL) == 0, "ip");              \
	} while (0)

struct live {
	struct nlmon *a, *b;
	struct view va, vb;
	char batch[64];
};

static struct nlmon *live_open(struct view *v)
{
	const struct nl_handlers h = { .link = view_link, .addr = view_addr, .ctx = v };
	char err[256];
	struct nlmon *m = nlmon_open(&h, err, sizeof(err));

	if (!m)
		fprintf(stderr, "test_netlink live: %s\n", err);
	return m;
}

/* A second monitor's fresh dump into lv->vb. */
static int live_dump_again(struct live *lv)
{
	nlmon_close(lv->b);
	memset(&lv->vb, 0, sizeof(lv->vb));
	lv->b = live_open(&lv->vb);
	LIVE_CHECK(lv->b, "second monitor");
	LIVE_CHECK(nlmon_dump(lv->b) > 0, "dump: %s", strerror(errno));
	LIVE_CHECK(!lv->vb.broken, "%s", lv->vb.broken);
	return 0;
}

static int live_follow_changes(struct live *lv)
{
	struct view *v = &lv->va;
	const struct nl_link *lo, *t0, *t1;
	const struct nl_addr *a;
	int t0_index, t1_index;

	lv->a = live_open(v);
	LIVE_CHECK(lv->a, "monitor");
	LIVE_CHECK(nlmon_dump(lv->a) > 0, "dump: %s", strerror(errno));
	/* the guard before any change: a new namespace holds lo, down, and nothing else */
	LIVE_CHECK(v->nlinks == 1 && v->naddrs == 0, "%zu links, %zu addresses: not a fresh netns",
		   v->nlinks, v->naddrs);
	lo = view_find_link(v, "lo");
	LIVE_CHECK(lo && lo->loopback && !(lo->flags & IFF_UP) && lo->mtu == 65536, "lo");

	IP("link", "set", "lo", "up");
	LIVE_WAIT(lv->a, view_find_addr(v, "lo", IP4(127, 0, 0, 1)), "127.0.0.1 on lo up");
	a = view_find_addr(v, "lo", IP4(127, 0, 0, 1));
	LIVE_CHECK(a->prefixlen == 8 && a->peer == 0 && a->scope == RT_SCOPE_HOST, "127.0.0.1/8");
	LIVE_CHECK(view_find_link(v, "lo")->oper_up, "lo up has carrier");

	IP("link", "add", "nlt0", "type", "veth", "peer", "name", "nlt1");
	LIVE_WAIT(lv->a, view_find_link(v, "nlt0") && view_find_link(v, "nlt1"), "veth pair");
	t0 = view_find_link(v, "nlt0");
	t0_index = t0->ifindex;
	t1_index = view_find_link(v, "nlt1")->ifindex;
	LIVE_CHECK(!t0->loopback && !(t0->flags & IFF_UP) && t0->mtu == 1500, "new veth");

	if (live_dump_again(lv) < 0)
		return -1;
	LIVE_CHECK(lv->vb.nlinks == 3 && lv->vb.naddrs == 1, "dump: %zu links, %zu addrs",
		   lv->vb.nlinks, lv->vb.naddrs);
	LIVE_CHECK(view_equal(v, &lv->vb), "events and a dump agree");
	LIVE_CHECK(nlmon_stats(lv->b)->dumps == 1 && nlmon_stats(lv->b)->malformed == 0, "stats");

	IP("link", "set", "nlt0", "up");
	LIVE_WAIT(lv->a, view_find_link(v, "nlt0")->flags & IFF_UP, "nlt0 up");
	LIVE_CHECK(!view_find_link(v, "nlt0")->oper_up, "nlt0 has no carrier while nlt1 is down");
	IP("link", "set", "nlt1", "up");
	LIVE_WAIT(lv->a, view_find_link(v, "nlt0")->oper_up, "nlt0 carrier");

	IP("addr", "add", "10.99.0.1/24", "dev", "nlt0");
	LIVE_WAIT(lv->a, view_find_addr(v, "nlt0", IP4(10, 99, 0, 1)), "10.99.0.1/24 added");
	a = view_find_addr(v, "nlt0", IP4(10, 99, 0, 1));
	LIVE_CHECK(a->prefixlen == 24 && a->peer == 0, "10.99.0.1/24");

	IP("addr", "add", "10.99.1.1", "peer", "10.99.1.2/32", "dev", "nlt0");
	LIVE_WAIT(lv->a, view_find_addr(v, "nlt0", IP4(10, 99, 1, 1)), "10.99.1.1 peer added");
	a = view_find_addr(v, "nlt0", IP4(10, 99, 1, 1));
	LIVE_CHECK(a->prefixlen == 32 && a->peer == IP4(10, 99, 1, 2), "point-to-point peer");

	IP("link", "set", "nlt0", "mtu", "1400");
	LIVE_WAIT(lv->a, view_find_link(v, "nlt0")->mtu == 1400, "mtu 1400");

	IP("link", "set", "nlt1", "down");
	IP("link", "set", "nlt1", "name", "nlt9");
	LIVE_WAIT(lv->a, view_find_link(v, "nlt9"), "rename nlt1 to nlt9");
	LIVE_CHECK(view_find_link(v, "nlt9")->ifindex == t1_index, "a rename keeps the ifindex");
	LIVE_CHECK(!view_find_link(v, "nlt1"), "the old name is gone");
	LIVE_WAIT(lv->a, !view_find_link(v, "nlt0")->oper_up, "nlt0 loses carrier");

	IP("addr", "del", "10.99.0.1/24", "dev", "nlt0");
	LIVE_WAIT(lv->a, !view_find_addr(v, "nlt0", IP4(10, 99, 0, 1)), "10.99.0.1/24 deleted");
	LIVE_CHECK(v->addr_dels == 1 && view_find_addr(v, "nlt0", IP4(10, 99, 1, 1)), "one "
										      "deleted");

	IP("link", "del", "nlt0");
	LIVE_WAIT(lv->a, !view_find_ifindex(v, t0_index) && !view_find_ifindex(v, t1_index),
		  "veth pair deleted");
	LIVE_CHECK(v->naddrs == 1 && v->link_dels == 2 && v->addr_dels == 2, "%zu addrs left",
		   v->naddrs);
	LIVE_CHECK(!v->broken, "%s", v->broken);
	t1 = view_find_link(v, "lo");
	LIVE_CHECK(t1 && v->nlinks == 1, "only lo is left");
	LIVE_CHECK(nlmon_stats(lv->a)->malformed == 0 && nlmon_stats(lv->a)->overruns == 0, "clean "
											    "stat"
											    "s");
	return 0;
}

/* Events lost to a full socket: the resync must report what vanished meanwhile. */
static int live_resync_after_overrun(struct live *lv)
{
	struct view *v = &lv->va;
	const char *const batch_argv[] = { "ip", "-batch", "-", NULL };
	int tiny = 1, fd, i;
	FILE *f;

	IP("link", "add", "nlo0", "type", "veth", "peer", "name", "nlo1");
	IP("addr", "add", "10.98.0.1/24", "dev", "nlo0");
	LIVE_WAIT(lv->a, view_find_addr(v, "nlo0", IP4(10, 98, 0, 1)) && view_find_link(v, "nlo1"),
		  "nlo0 and its address");

	strcpy(lv->batch, "/tmp/test_netlink.XXXXXX");
	fd = mkstemp(lv->batch);
	LIVE_CHECK(fd >= 0, "mkstemp: %s", strerror(errno));
	f = fdopen(fd, "w");
	LIVE_CHECK(f, "fdopen");
	for (i = 0; i < LIVE_BATCH_ADDRS; i++)
		fprintf(f, "addr add 10.97.%d.%d/32 dev lo\n", i / 200, 1 + i % 200);
	fprintf(f, "link del nlo0\n");
	LIVE_CHECK(fclose(f) == 0, "writing the batch");

	/* the kernel's smallest buffer: the burst below cannot fit */
	LIVE_CHECK(setsockopt(nlmon_fd(lv->a), SOL_SOCKET, SO_RCVBUF, &tiny, sizeof(tiny)) == 0,
		   "SO_RCVBUF: %s", strerror(errno));
	LIVE_CHECK(run_ip(batch_argv, lv->batch) == 0, "ip -batch failed");
	LIVE_WAIT(lv->a,
		  !view_find_link(v, "nlo0") && !view_find_link(v, "nlo1") &&
		      view_count_addrs(v, "lo") == 1 + LIVE_BATCH_ADDRS,
		  "the state after the burst");
	LIVE_CHECK(nlmon_stats(lv->a)->overruns >= 1, "the burst overran the socket");
	LIVE_CHECK(nlmon_stats(lv->a)->dumps >= 2, "the overrun was followed by a dump");
	LIVE_CHECK(!view_find_addr(v, "nlo0", IP4(10, 98, 0, 1)), "address of the gone link");
	LIVE_CHECK(!v->broken, "%s", v->broken);
	if (live_dump_again(lv) < 0)
		return -1;
	LIVE_CHECK(view_equal(v, &lv->vb), "after the resync, events and a dump agree");
	return 0;
}

static int live_child(void)
{
	struct live *lv;
	int rc;

	if (unshare(CLONE_NEWNET) < 0) {
		fprintf(stderr,
			"test_netlink live: unshare(CLONE_NEWNET): %s: this test needs root "
			"(CAP_SYS_ADMIN and CAP_NET_ADMIN) to make a private network namespace\n",
			strerror(errno));
		return LIVE_CANNOT_UNSHARE;
	}
	lv = calloc(1, sizeof(*lv));
	if (!lv)
		return 1;
	rc = live_follow_changes(lv);
	if (rc == 0)
		rc = live_resync_after_overrun(lv);
	if (lv->batch[0])
		unlink(lv->batch);
	nlmon_close(lv->a);
	nlmon_close(lv->b);
	free(lv);
	return rc == 0 ? 0 : 1;
}

static void test_live_namespace_links_and_addresses_are_followed(void **state)
{
	struct timespec deadline;
	int status = 0;
	pid_t pid;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		exit(live_child());
	deadline_after(&deadline, LIVE_CHILD_MS);
	for (;;) {
		struct timespec tick = { 0, 10 * 1000 * 1000 };
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			break;
		assert_true(r == 0 || errno == EINTR);
		if (ms_until(&deadline) == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fail_msg("the live test did not end within %d ms", LIVE_CHILD_MS);
		}
		nanosleep(&tick, NULL);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == LIVE_CANNOT_UNSHARE)
		fail_msg("cannot make a network namespace: run test_netlink as root");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("the live test failed (status %#x): see its messages above", status);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_reads_name_mtu_flags_and_operstate),
		cmocka_unit_test(test_link_up_without_carrier_is_not_oper_up),
		cmocka_unit_test(test_link_loopback_is_flagged),
		cmocka_unit_test(test_dellink_is_delivered_as_deleted),
		cmocka_unit_test(test_link_name_of_fifteen_characters_fits),
		cmocka_unit_test(test_link_name_of_sixteen_characters_is_malformed),
		cmocka_unit_test(test_link_name_without_nul_is_malformed),
		cmocka_unit_test(test_link_empty_name_is_malformed),
		cmocka_unit_test(test_link_without_name_is_missing_one),
		cmocka_unit_test(test_link_mtu_of_two_bytes_is_malformed),
		cmocka_unit_test(test_link_of_bridge_family_is_ignored_not_malformed),
		cmocka_unit_test(test_link_index_zero_is_malformed),
		cmocka_unit_test(test_truncated_header_is_malformed),
		cmocka_unit_test(test_header_claiming_no_room_for_ifinfomsg_is_malformed),
		cmocka_unit_test(test_attribute_length_past_the_message_is_malformed),
		cmocka_unit_test(test_attribute_shorter_than_its_header_is_malformed),
		cmocka_unit_test(test_bytes_after_the_last_attribute_are_malformed),
		cmocka_unit_test(test_addr_with_local_and_peer_is_point_to_point),
		cmocka_unit_test(test_addr_with_equal_local_and_address_has_no_peer),
		cmocka_unit_test(test_addr_with_only_ifa_address_uses_it),
		cmocka_unit_test(test_addr_flags_attribute_overrides_header_flags),
		cmocka_unit_test(test_addr_without_address_is_missing_one),
		cmocka_unit_test(test_addr_of_five_bytes_is_malformed),
		cmocka_unit_test(test_addr_prefixlen_over_32_is_malformed),
		cmocka_unit_test(test_inet6_addr_is_ignored_not_malformed),
		cmocka_unit_test(test_deladdr_is_delivered_as_deleted),
		cmocka_unit_test(test_several_messages_in_one_buffer_are_delivered_in_order),
		cmocka_unit_test(test_message_length_that_lies_ends_the_walk),
		cmocka_unit_test(test_message_length_over_2_31_is_malformed),
		cmocka_unit_test(test_nlmsg_done_ends_a_dump),
		cmocka_unit_test(test_nlmsg_done_with_an_error_reports_it),
		cmocka_unit_test(test_nlmsg_done_without_payload_is_a_clean_end),
		cmocka_unit_test(test_nlmsg_error_reports_the_first_errno_and_its_seq),
		cmocka_unit_test(test_nlmsg_error_too_short_is_malformed),
		cmocka_unit_test(test_dump_intr_flag_is_reported),
		cmocka_unit_test(test_misaligned_buffer_is_refused),
		cmocka_unit_test(test_empty_buffer_delivers_nothing),
		cmocka_unit_test(test_route_with_one_next_hop_reads_back_as_built),
		cmocka_unit_test(test_route_with_several_next_hops_is_one_multipath_route),
		cmocka_unit_test(test_route_without_next_hops_and_beyond_table_255),
		cmocka_unit_test(test_route_build_refuses_what_it_cannot_write),
		cmocka_unit_test(test_route_of_other_family_is_ignored_and_plen_33_malformed),
		cmocka_unit_test(test_route_gateway_of_wrong_size_is_malformed),
		cmocka_unit_test(test_route_nexthop_object_or_via_is_partial),
		cmocka_unit_test(test_route_bad_multipath_entries_are_malformed),
		cmocka_unit_test(test_route_with_more_next_hops_than_followed_is_partial),
		cmocka_unit_test(
		    test_route_every_cut_is_malformed_and_dispatch_delivers_whole_ones),
		cmocka_unit_test(test_every_drop_reason_has_a_name),
		cmocka_unit_test(test_mutated_messages_never_read_past_the_buffer),
		cmocka_unit_test(test_live_namespace_links_and_addresses_are_followed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
