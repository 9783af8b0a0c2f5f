"""Hostile input: crafted packets from a raw socket against our ospfd, which must drop each
one, count it under its reason in `show ip ospf interface json` -> packetDrops, and keep
its real adjacency with FRR Full.

    r1 (ospfd, .1)   r2 (frr, .2)   h9 (host, no daemon, .9: the sender)
          \\              |              /
           +------- lan1 10.0.100.0/24 --+

First single packets, each wrong in one way (sent to r1's address, so FRR is not
disturbed). Then h9 plays a fake neighbor (router id 10.255.0.9, priority 0) that Hellos
every second: r1 (DR or BDR) goes to ExStart with it; a DD with a larger MTU is refused;
a DD that makes h9 master takes r1 to Exchange; there an LSU with a bad LSA checksum and
an LS Request for an LSA nobody has (BadLSReq, RFC 2328 10.7) are dropped and counted.
"""

import time

import pytest

from lib import rawospf as ro
from lib.helpers import poll, wait_adjacencies, wait_dr_bdr_agree, wait_lsdb_equal

R1 = "10.0.100.1"
FAKE_ID = "10.255.0.9"
# Drops that real traffic may cause at any time: not counted against a test.
BENIGN = {"lsa-min-arrival", "dd-duplicate", "neighbor-state", "own-packet"}


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    h9 = topo.add_router("h9", "host")
    topo.add_lan("lan1", [r1, r2, h9], "10.0.100.0/24")


@pytest.fixture(scope="module")
def raw(topo):
    s = ro.RawOspf(topo.routers["h9"], "lan1")
    yield s
    s.close()


def real_adjacency_healthy(topo):
    """r1 runs and answers, and r1 and r2 see each other Full."""
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    assert r1.running(), "our ospfd is not running any more:\n" + r1.logs().get("ospfd.log", "")
    for r, other in ((r1, r2), (r2, r1)):
        states = [n["state"] for n in r.neighbors() if n["rid"] == other.router_id]
        assert states == ["Full"], f"{r.name} sees {other.name} as {states}"


def drop_delta(before, after):
    return {k: after.get(k, 0) - before.get(k, 0) for k in set(before) | set(after)
            if after.get(k, 0) != before.get(k, 0) and k not in BENIGN}


def send_and_expect(topo, raw, pkt, reason, dst=R1, src=None):
    """Send pkt once; r1 must count exactly one drop, under reason, and nothing else."""
    r1 = topo.routers["r1"]
    before = r1.packet_drops("lan1")
    raw.send(pkt, dst=dst, src=src)

    def check():
        d = drop_delta(before, r1.packet_drops("lan1"))
        return (d.get(reason, 0) >= 1, f"drops since the packet: {d or 'none'}")

    poll(check, f"r1 counts a {reason} drop", timeout=5)
    time.sleep(0.3)  # a moment for a double count or a second reason to show
    assert drop_delta(before, r1.packet_drops("lan1")) == {reason: 1}


def test_converged(topo):
    wait_adjacencies(topo)
    wait_dr_bdr_agree(topo, "lan1")
    wait_lsdb_equal(topo)


def good_hello(**kw):
    return ro.hello(router_id=FAKE_ID, neighbors=[], **kw)


def hello_with(**hdr):
    return ro.packet(ro.HELLO, ro.hello_body(), router_id=FAKE_ID, **hdr)


# (reason, packet, dst, src): each packet is wrong in exactly one way
SINGLE = [
    ("bad-checksum", lambda: hello_with(checksum=0xBAD0), R1, None),
    ("bad-checksum", lambda: hello_with(checksum=0xBAD1), ro.ALL_SPF_ROUTERS, None),
    ("bad-version", lambda: hello_with(version=3), R1, None),
    ("bad-type", lambda: ro.packet(6, b"\0" * 20, router_id=FAKE_ID), R1, None),
    ("truncated-header", lambda: good_hello()[:20], R1, None),
    ("length-overrun", lambda: hello_with(length=24 + 20 + 40), R1, None),
    ("length-too-short", lambda: hello_with(length=24), R1, None),
    ("bad-auth-type", lambda: hello_with(auth_type=9), R1, None),
    ("auth-mismatch", lambda: hello_with(auth_type=1, auth=b"secret\0\0"), R1, None),
    ("hello-align", lambda: ro.packet(ro.HELLO, ro.hello_body() + b"\1\2\3",
                                      router_id=FAKE_ID), R1, None),
    ("lsu-count-overrun", lambda: ro.packet(ro.LSU, b"\0\0\0\5", router_id=FAKE_ID), R1, None),
    ("lsack-align", lambda: ro.packet(ro.LSACK, b"\0" * 19, router_id=FAKE_ID), R1, None),
    ("wrong-area", lambda: good_hello(area="0.0.0.1"), R1, None),
    ("wrong-subnet", lambda: good_hello(), R1, "10.9.9.9"),
    ("wrong-destination", lambda: good_hello(), "10.0.100.255", None),
    ("hello-interval-mismatch", lambda: good_hello(hello_interval=10), R1, None),
    ("dead-interval-mismatch", lambda: good_hello(dead_interval=40), R1, None),
    ("hello-mask-mismatch", lambda: good_hello(mask="255.255.0.0"), R1, None),
    ("hello-options-mismatch", lambda: good_hello(options=0), R1, None),
    ("duplicate-router-id", lambda: ro.hello(router_id="10.255.0.1"), R1, None),
    ("unknown-neighbor", lambda: ro.lsack([], router_id="10.255.0.77"), R1, "10.0.100.77"),
]


@pytest.mark.parametrize("reason,make,dst,src", SINGLE,
                         ids=[f"{s[0]}-{i}" for i, s in enumerate(SINGLE)])
def test_single_bad_packet_is_dropped_and_counted(topo, raw, reason, make, dst, src):
    send_and_expect(topo, raw, make(), reason, dst=dst, src=src)
    real_adjacency_healthy(topo)


def test_no_neighbor_from_refused_hellos(topo):
    nbrs = topo.routers["r1"].json("show ip ospf neighbor json")["neighbors"]
    assert FAKE_ID not in nbrs and "10.255.0.77" not in nbrs, nbrs


# -- a fake neighbor --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fake(topo, raw):
    """h9 as a neighbor that lists r1 in its Hellos every second (priority 0)."""
    hs = ro.HelloSender(raw, ro.hello(router_id=FAKE_ID, neighbors=["10.255.0.1"])).start()
    yield hs
    hs.stop()
    assert not hs.errors, hs.errors


def fake_state(topo):
    entries = topo.routers["r1"].json("show ip ospf neighbor json")["neighbors"].get(FAKE_ID, [])
    return entries[0]["nbrState"].split("/")[0] if entries else None


def wait_fake_state(topo, want, timeout=10):
    def check():
        s = fake_state(topo)
        return (s == want, f"r1 has the fake neighbor in state {s}")
    poll(check, f"fake neighbor {want} on r1", timeout=timeout)


def test_fake_neighbor_reaches_exstart(topo, raw, fake):
    r1 = topo.routers["r1"]
    assert r1.interfaces()["lan1"]["state"] in ("DR", "Backup")
    wait_fake_state(topo, "ExStart")
    # RFC 2328 10.8: in ExStart r1 sends empty DDs with I, M and MS set, to h9's address
    raw.drain()
    p = raw.recv(timeout=5, ptype=ro.DD)
    assert p is not None, "r1 sent no DD to the fake neighbor within 5 s"
    assert (p["src"], p["dst"], p["flags"], p["lsa_headers"]) == (R1, "10.0.100.9", 7, []), p
    assert p["mtu"] == 1500


def test_dd_with_larger_mtu_is_refused(topo, raw, fake):
    wait_fake_state(topo, "ExStart")
    send_and_expect(topo, raw, ro.dd(0x5000, mtu=9000, router_id=FAKE_ID), "mtu-mismatch")
    assert fake_state(topo) == "ExStart"
    real_adjacency_healthy(topo)


def test_fake_master_takes_r1_to_exchange(topo, raw, fake):
    wait_fake_state(topo, "ExStart")
    raw.drain()
    raw.send(ro.dd(0x5000, router_id=FAKE_ID), dst=R1)  # I|M|MS, empty; our id is higher
    wait_fake_state(topo, "Exchange")
    # RFC 2328 10.8: the slave answers with our sequence number, MS clear, and its headers
    p = raw.recv(timeout=5, ptype=ro.DD)
    assert p is not None, "r1 (slave) did not answer the master's DD"
    assert p["seq"] == 0x5000 and not p["flags"] & (ro.DD_I | ro.DD_MS), p
    advs = {(h[3], ".".join(str(b) for b in h[8:12])) for h in p["lsa_headers"]}
    assert (1, "10.255.0.1") in advs and (1, "10.255.0.2") in advs, advs


def test_lsu_with_bad_lsa_checksum_is_dropped(topo, raw, fake):
    wait_fake_state(topo, "Exchange")
    lsa = ro.router_lsa(FAKE_ID, [("10.0.100.9", "255.255.255.255", 3, 1)], checksum=0xDEAD)
    send_and_expect(topo, raw, ro.lsu([lsa], router_id=FAKE_ID), "lsa-bad-checksum")
    # RFC 2328 13 (1): discarded, so neither in r1's LSDB nor flooded to FRR
    for r in (topo.routers["r1"], topo.routers["r2"]):
        assert not [k for k in r.lsdb() if k[3] == FAKE_ID], r.name
    real_adjacency_healthy(topo)


def test_ls_request_for_missing_lsa_is_bad_ls_request(topo, raw, fake):
    wait_fake_state(topo, "Exchange")
    req = ro.lsr([(1, "10.255.0.77", "10.255.0.77")], router_id=FAKE_ID)
    send_and_expect(topo, raw, req, "bad-ls-request")
    # RFC 2328 10.7: BadLSReq takes the neighbor back to ExStart
    wait_fake_state(topo, "ExStart", timeout=3)
    real_adjacency_healthy(topo)


def test_fake_neighbor_expires_and_all_is_well(topo, raw, fake):
    fake.stop()
    # RFC 2328 10.3: InactivityTimer (dead 4 s) removes the silent neighbor
    poll(lambda: (fake_state(topo) is None, f"fake neighbor still {fake_state(topo)}"),
         "fake neighbor gone from r1", timeout=10)
    real_adjacency_healthy(topo)
    wait_adjacencies(topo)
    wait_lsdb_equal(topo)
    assert topo.routers["r1"].running()
