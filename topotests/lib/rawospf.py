"""Crafted OSPFv2 packets from a raw socket inside a lab namespace (no scapy).

    s = RawOspf(topo.routers["h9"], "lan1")       # a socket in h9's namespace, on lan1
    s.send(hello(router_id="10.255.0.9", neighbors=["10.255.0.1"]), dst="10.0.100.1")
    s.send(packet(1, body, version=3), src="10.9.9.9")   # any field can lie
    pkt = s.recv(timeout=3, ptype=2)              # the next DD sent to us (decoded header)
    s.close()

The socket is created by a short-lived thread that first enters the namespace with setns(2):
a socket stays in the namespace it was created in, so the test process itself never moves.
IP_HDRINCL lets every packet carry its own source address; SO_BINDTODEVICE picks the link.

Builders return bytes; each takes keyword overrides for the fields a test wants wrong
(checksum=, length=, version=, area=, auth_type=, ...).
"""

import ctypes
import ipaddress
import os
import select
import socket
import struct
import threading

IPPROTO_OSPF = 89
ALL_SPF_ROUTERS = "224.0.0.5"
ALL_D_ROUTERS = "224.0.0.6"
HELLO, DD, LSR, LSU, LSACK = 1, 2, 3, 4, 5
DD_I, DD_M, DD_MS = 4, 2, 1
OPT_E = 0x02
CLONE_NEWNET = 0x40000000

_libc = ctypes.CDLL(None, use_errno=True)


def ip2int(a):
    return int(ipaddress.IPv4Address(a))


def ip2b(a):
    return ipaddress.IPv4Address(a).packed


# -- checksums ------------------------------------------------------------------------------

def inet_checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ospf_checksum(pkt):
    """RFC 2328 D.4.3: the IP checksum of the packet without the 8-byte authentication field
    (the checksum field itself taken as zero)."""
    p = bytearray(pkt)
    p[12:14] = b"\0\0"
    return inet_checksum(bytes(p[:16] + p[24:]))


def fletcher_checksum(lsa):
    """RFC 2328 12.1.7: the Fletcher checksum (ISO 8473) of an LSA, age field excluded,
    with its checksum field (bytes 16-17) taken as zero. Returns the 16-bit value."""
    data = bytearray(lsa[2:])
    data[14:16] = b"\0\0"
    c0 = c1 = 0
    for b in data:
        c0 = (c0 + b) % 255
        c1 = (c1 + c0) % 255
    x = ((len(data) - 14 - 1) * c0 - c1) % 255
    if x <= 0:
        x += 255
    y = 510 - c0 - x
    if y > 255:
        y -= 255
    return (x << 8) | y


# -- builders -------------------------------------------------------------------------------

def packet(ptype, body, router_id="10.255.0.9", area="0.0.0.0", version=2, auth_type=0,
           auth=b"\0" * 8, checksum=None, length=None):
    """OSPF header + body. length: the header's length field (default: the real length);
    checksum: the checksum field (default: the right one for the real bytes)."""
    real_len = 24 + len(body)
    hdr = struct.pack("!BBHIIHH8s", version, ptype, real_len if length is None else length,
                      ip2int(router_id), ip2int(area), 0, auth_type, auth)
    pkt = bytearray(hdr + body)
    if checksum is None:
        # computed over the real bytes with the real length, as a sender would
        fix = bytearray(pkt)
        fix[2:4] = struct.pack("!H", real_len)
        checksum = ospf_checksum(bytes(fix))
    pkt[12:14] = struct.pack("!H", checksum)
    return bytes(pkt)


def hello_body(mask="255.255.255.0", hello_interval=1, options=OPT_E, priority=0,
               dead_interval=4, dr="0.0.0.0", bdr="0.0.0.0", neighbors=()):
    return (struct.pack("!4sHBBI4s4s", ip2b(mask), hello_interval, options, priority,
                        dead_interval, ip2b(dr), ip2b(bdr)) +
            b"".join(ip2b(n) for n in neighbors))


def hello(router_id="10.255.0.9", area="0.0.0.0", neighbors=(), **kw):
    hdr_kw = {k: kw.pop(k) for k in ("version", "auth_type", "auth", "checksum", "length")
              if k in kw}
    return packet(HELLO, hello_body(neighbors=neighbors, **kw), router_id, area, **hdr_kw)


def dd(seq, flags=DD_I | DD_M | DD_MS, mtu=1500, options=OPT_E, lsa_headers=(),
       router_id="10.255.0.9", area="0.0.0.0", **hdr_kw):
    body = struct.pack("!HBBI", mtu, options, flags, seq) + b"".join(lsa_headers)
    return packet(DD, body, router_id, area, **hdr_kw)


def lsr(entries, router_id="10.255.0.9", area="0.0.0.0", **hdr_kw):
    """entries: [(type, ls id, advertising router)]"""
    body = b"".join(struct.pack("!I4s4s", t, ip2b(i), ip2b(a)) for t, i, a in entries)
    return packet(LSR, body, router_id, area, **hdr_kw)


def lsu(lsas, router_id="10.255.0.9", area="0.0.0.0", **hdr_kw):
    body = struct.pack("!I", len(lsas)) + b"".join(lsas)
    return packet(LSU, body, router_id, area, **hdr_kw)


def lsack(headers, router_id="10.255.0.9", area="0.0.0.0", **hdr_kw):
    return packet(LSACK, b"".join(headers), router_id, area, **hdr_kw)


def router_lsa(adv, links, seq=0x80000001, age=1, options=OPT_E, flags=0, checksum=None):
    """A router-LSA; links: [(link id, link data, type, metric)] (type 1 p2p, 2 transit,
    3 stub). checksum: the checksum field (default: the right Fletcher checksum)."""
    body = struct.pack("!BBH", flags, 0, len(links)) + b"".join(
        struct.pack("!4s4sBBH", ip2b(lid), ip2b(ldata), t, 0, metric)
        for lid, ldata, t, metric in links)
    length = 20 + len(body)
    lsa = bytearray(struct.pack("!HBB4s4sIHH", age, options, 1, ip2b(adv), ip2b(adv), seq, 0,
                                length) + body)
    lsa[16:18] = struct.pack("!H", fletcher_checksum(bytes(lsa)) if checksum is None
                             else checksum)
    return bytes(lsa)


def lsa_header(lsa):
    return lsa[:20]


def ipv4_header(src, dst, payload_len, ttl=1, tos=0xC0, proto=IPPROTO_OSPF):
    # With IP_HDRINCL the kernel fills in the id and the header checksum.
    return struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + payload_len, 0, 0, ttl, proto, 0,
                       ip2b(src), ip2b(dst))


def parse(pkt):
    """The OSPF header of a received packet (IP header stripped) as a dict, plus a DD's
    fields; None if it is no OSPF packet."""
    if len(pkt) < 24:
        return None
    v, t, length, rid, area, ck, au = struct.unpack("!BBHIIHH", pkt[:16])
    out = {"version": v, "type": t, "length": length,
           "router_id": str(ipaddress.IPv4Address(rid)),
           "area": str(ipaddress.IPv4Address(area)), "body": pkt[24:length]}
    if t == DD and len(pkt) >= 32:
        mtu, opts, flags, seq = struct.unpack("!HBBI", pkt[24:32])
        out.update(mtu=mtu, options=opts, flags=flags, seq=seq,
                   lsa_headers=[pkt[i:i + 20] for i in range(32, length - 19, 20)])
    return out


# -- the socket -----------------------------------------------------------------------------

def socket_in_netns(ns, family, stype, proto):
    """A socket created inside network namespace ns (a name under /run/netns)."""
    res = {}

    def run():
        try:
            fd = os.open(f"/run/netns/{ns}", os.O_RDONLY)
            try:
                if _libc.setns(fd, CLONE_NEWNET) != 0:
                    e = ctypes.get_errno()
                    raise OSError(e, f"setns {ns}: {os.strerror(e)}")
            finally:
                os.close(fd)
            res["sock"] = socket.socket(family, stype, proto)
        except BaseException as e:  # handed to the caller
            res["err"] = e

    t = threading.Thread(target=run, name=f"setns-{ns}")
    t.start()
    t.join(10)
    if "err" in res:
        raise res["err"]
    return res["sock"]


class RawOspf:
    """A raw OSPF socket in router's namespace, bound to ifname."""

    def __init__(self, router, ifname, src=None):
        self.router = router
        self.ifname = ifname
        self.src = src or str(ipaddress.ip_interface(router.ifaces[ifname]).ip)
        self.sock = socket_in_netns(router.ns, socket.AF_INET, socket.SOCK_RAW, IPPROTO_OSPF)
        try:
            self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                                 ifname.encode() + b"\0")
            self.sock.setblocking(False)
        except OSError:
            self.sock.close()
            raise
        self.lock = threading.Lock()

    def send(self, ospf, dst=ALL_SPF_ROUTERS, src=None, ttl=1):
        """Send one OSPF packet (bytes from the builders) in an IP header of our making."""
        pkt = ipv4_header(src or self.src, dst, len(ospf), ttl=ttl) + ospf
        with self.lock:
            self.sock.sendto(pkt, (dst, 0))

    def recv(self, timeout=3.0, ptype=None):
        """The next OSPF packet addressed to us (of type ptype if given), parsed, or None."""
        import time
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.sock], [], [], left)
            if not r:
                return None
            data, (addr, _) = self.sock.recvfrom(65535)
            ihl = (data[0] & 0x0F) * 4
            p = parse(data[ihl:])
            if p is None:
                continue
            p["src"], p["dst"] = addr, str(ipaddress.IPv4Address(data[16:20]))
            if ptype is None or p["type"] == ptype:
                return p

    def join(self, group=ALL_SPF_ROUTERS):
        """Receive what is sent to a multicast group on this link (a router's Hellos and,
        on point-to-point links, every packet): the kernel drops group traffic for groups
        nobody joined. The link is picked by our address on it (struct ip_mreqn)."""
        mreqn = ip2b(group) + ip2b(self.src) + struct.pack("@i", 0)
        self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreqn)

    def drain(self):
        while True:
            try:
                self.sock.recv(65535)
            except BlockingIOError:
                return

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class HelloSender:
    """Sends a Hello every `interval` seconds from a background thread until stopped,
    like a neighbor that stays alive."""

    def __init__(self, raw, pkt, dst=ALL_SPF_ROUTERS, interval=1.0):
        self.raw, self.pkt, self.dst, self.interval = raw, pkt, dst, interval
        self.stopped = threading.Event()
        self.errors = []
        self.thread = threading.Thread(target=self._run, name="hello-sender", daemon=True)

    def _run(self):
        while not self.stopped.is_set():
            try:
                self.raw.send(self.pkt, self.dst)
            except OSError as e:
                self.errors.append(e)
            self.stopped.wait(self.interval)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopped.set()
        self.thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
