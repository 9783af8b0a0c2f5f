/* SPDX-License-Identifier: ISC */
#include "io_raw.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wire.h"

static int set_int(int fd, int level, int opt, int v)
{
	return setsockopt(fd, level, opt, &v, sizeof(v));
}

int raw_open(char *err, size_t errlen)
{
	int fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_OSPFIGP);

	if (fd < 0) {
		snprintf(err, errlen, "raw socket for protocol 89: %s (needs CAP_NET_RAW)",
			 strerror(errno));
		return -1;
	}
	/* RFC 2328 A.1: TTL 1 for multicast and unicast, precedence internetwork control */
	if (set_int(fd, IPPROTO_IP, IP_PKTINFO, 1) || set_int(fd, IPPROTO_IP, IP_TTL, 1) ||
	    set_int(fd, IPPROTO_IP, IP_MULTICAST_TTL, 1) ||
	    set_int(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0) ||
	    set_int(fd, IPPROTO_IP, IP_TOS, IPTOS_PREC_INTERNETCONTROL) ||
	    set_int(fd, IPPROTO_IP, IP_RECVTTL, 1)) {
		snprintf(err, errlen, "raw socket options: %s", strerror(errno));
		close(fd);
		return -1;
	}
	/* a burst of updates from many neighbors must not overflow the queue */
	set_int(fd, SOL_SOCKET, SO_RCVBUF, 4 << 20);
	set_int(fd, SOL_SOCKET, SO_SNDBUF, 4 << 20);
	return fd;
}

int raw_membership(int fd, int ifindex, uint32_t group, bool join)
{
	struct ip_mreqn mr = { 0 };

	mr.imr_multiaddr.s_addr = htonl(group);
	mr.imr_ifindex = ifindex;
	if (setsockopt(fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &mr,
		       sizeof(mr)) < 0)
		return -errno;
	return 0;
}

/* sendmsg() with IP_PKTINFO (ifindex 0: the kernel's route to dst picks the way out) and,
 * when ttl > 0, IP_TTL. */
static int send_pktinfo(int fd, int ifindex, uint32_t src, uint32_t dst, const uint8_t *buf,
			size_t len, int ttl)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct in_pktinfo)) + CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { 0 };
	struct cmsghdr *cm;
	struct in_pktinfo *pi;

	memset(&ctl, 0, sizeof(ctl));
	to.sin_addr.s_addr = htonl(dst);
	msg.msg_name = &to;
	msg.msg_namelen = sizeof(to);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen =
	    CMSG_SPACE(sizeof(struct in_pktinfo)) + (ttl > 0 ? CMSG_SPACE(sizeof(int)) : 0);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = IPPROTO_IP;
	cm->cmsg_type = IP_PKTINFO;
	cm->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
	pi = (struct in_pktinfo *)(void *)CMSG_DATA(cm);
	/* the interface and source address select the link, for multicast too */
	pi->ipi_ifindex = ifindex;
	pi->ipi_spec_dst.s_addr = htonl(src);
	if (ttl > 0) {
		cm = CMSG_NXTHDR(&msg, cm);
		cm->cmsg_level = IPPROTO_IP;
		cm->cmsg_type = IP_TTL;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &ttl, sizeof(ttl));
	}
	if (sendmsg(fd, &msg, 0) < 0)
		return -errno;
	return 0;
}

int raw_send(int fd, int ifindex, uint32_t src, uint32_t dst, const uint8_t *buf, size_t len)
{
	return send_pktinfo(fd, ifindex, src, dst, buf, len, 0);
}

/* RFC 2328 15: virtual link packets are routed unicast, through the transit area. */
int raw_send_routed(int fd, uint32_t src, uint32_t dst, const uint8_t *buf, size_t len)
{
	return send_pktinfo(fd, 0, src, dst, buf, len, 64);
}

int raw_recv(int fd, uint8_t *buf, size_t cap, struct raw_rx *rx)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct in_pktinfo)) + CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct sockaddr_in from;
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr msg = { 0 };
	struct cmsghdr *cm;
	size_t ihl, total;
	ssize_t n;

	msg.msg_name = &from;
	msg.msg_namelen = sizeof(from);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);
	n = recvmsg(fd, &msg, 0);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
	memset(rx, 0, sizeof(*rx));
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level != IPPROTO_IP)
			continue;
		if (cm->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;

			memcpy(&pi, CMSG_DATA(cm), sizeof(pi));
			rx->ifindex = pi.ipi_ifindex;
		}
	}
	/* a raw socket hands over the IP header: check it before trusting any length */
	if (n < 20 || (msg.msg_flags & MSG_TRUNC) || (buf[0] >> 4) != 4)
		return -EBADMSG;
	ihl = (size_t)(buf[0] & 0x0f) * 4;
	total = get16(buf + 2);
	if (ihl < 20 || total < ihl || total > (size_t)n)
		return -EBADMSG;
	rx->ttl = buf[8];
	rx->src = get32(buf + 12);
	rx->dst = get32(buf + 16);
	rx->payload = buf + ihl;
	rx->len = total - ihl;
	return 1;
}
