/* SPDX-License-Identifier: ISC */
/* OSPF over a raw IPv4 socket (protocol 89): the daemon's edge to the network. */
#ifndef OSPFD_IO_RAW_H
#define OSPFD_IO_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define IPPROTO_OSPFIGP 89

struct raw_rx {
	int ifindex;	   /* the interface it arrived on */
	uint32_t src, dst; /* host byte order */
	uint8_t ttl;
	const uint8_t *payload; /* the OSPF packet, inside the caller's buffer */
	size_t len;
};

/* Opens the socket: non-blocking, packet info on, TTL 1, precedence internetwork control,
 * no multicast loopback. Returns the fd or -1 with a message in err. */
int raw_open(char *err, size_t errlen);
/* Joins or leaves group (host order) on ifindex. 0 or -errno. */
int raw_membership(int fd, int ifindex, uint32_t group, bool join);
/* Sends an OSPF packet out of ifindex from src to dst. 0 or -errno. */
int raw_send(int fd, int ifindex, uint32_t src, uint32_t dst, const uint8_t *buf, size_t len);
/* Sends an OSPF packet from src to the unicast dst as the kernel routes it, with a TTL
 * that lets it cross routers (RFC 2328 15: virtual links). 0 or -errno. */
int raw_send_routed(int fd, uint32_t src, uint32_t dst, const uint8_t *buf, size_t len);
/* Reads one datagram into buf; 1 with *rx filled, 0 if nothing is waiting (or the
 * datagram was not a whole IPv4 packet: counted by the caller as malformed through -EBADMSG),
 * or -errno. */
int raw_recv(int fd, uint8_t *buf, size_t cap, struct raw_rx *rx);

#endif
