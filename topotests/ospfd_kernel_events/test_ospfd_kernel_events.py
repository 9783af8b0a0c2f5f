"""Our ospfd follows the kernel at run time (rtnetlink): links going down and up, addresses
removed and added, interfaces appearing, MTU changes, and a passive interface.

    r1 (ospfd) eth-r2 10.0.12.1/24 ----------- 10.0.12.2/24 eth-r1 r2 (frr)   point-to-point
               lan1   10.0.100.1/24 -[bridge]- 10.0.100.2/24 lan1             broadcast, we are DR
               pas1   10.0.200.1/24 -[bridge]- 10.0.200.2/24 pas1             ours passive
               eth-new 10.0.14.1/24 ---------- 10.0.14.2/24 eth-new           made at run time
    loopbacks 10.255.0.1/32, 10.255.0.2/32 (= router ids); hello 1, dead 4, retransmit 2

Our ospfd enables interfaces through `network 10.0.0.0/16 area 0` (not `ip ospf area`), so
that an interface or an address appearing at run time is picked up by the configuration.
FRR's copy of our router-LSA (`show ip ospf database router 10.255.0.1 json` on r2) is the
proof of what we advertise. FRR has priority 0 on lan1, so we are its DR whenever our lan1 is
up, and our network-LSA must come and go with it. The daemon is never restarted: every test
checks its PID.

Each test puts the lab back as it found it (finally blocks), so they can run in any order.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time

import pytest

from lib.helpers import json_diff, poll, wait_json

OURS, FRRS = "10.255.0.1", "10.255.0.2"
AREA = "0.0.0.0"
STABLE = 6.0  # seconds a "nothing happens" condition must hold: more than the dead interval


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")
    topo.add_lan("lan1", [r1, r2], "10.0.100.0/24")
    topo.add_lan("pas1", [r1, r2], "10.0.200.0/24")


def routers(topo):
    return topo.routers["r1"], topo.routers["r2"]


# -- helpers ------------------------------------------------------------------------------

def nbr(router, iface, rid):
    """router's neighbor rid on iface as {state, role, up_ms}, or None."""
    for n in router.json("show ip ospf neighbor json").get("neighbors", {}).get(rid, []):
        if n.get("ifaceName", "").split(":")[0] == iface:
            state, _, role = n.get("nbrState", "").partition("/")
            return {"state": state, "role": role, "up_ms": n.get("upTimeInMsec")}
    return None


def wait_nbr(router, iface, rid, state="Full", timeout=None):
    """Wait until router's neighbor rid on iface is in `state` (None: until it is gone)."""
    __tracebackhide__ = True

    def check():
        n = nbr(router, iface, rid)
        if state is None:
            return (n is None, f"still there: {n}")
        return (n is not None and n["state"] == state, f"neighbor {rid} on {iface}: {n}")

    what = f"{router.name}: neighbor {rid} on {iface} " + (f"{state}" if state else "gone")
    return poll(check, what, timeout)


# Our interface <-> FRR's interface on the same segment.
SEGMENTS = {"eth-r2": "eth-r1", "lan1": "lan1", "eth-new": "eth-new"}


def wait_full_both(topo, ifaces=("eth-r2", "lan1"), timeout=None):
    r1, r2 = routers(topo)
    for i in ifaces:
        wait_nbr(r1, i, FRRS, "Full", timeout)
        wait_nbr(r2, SEGMENTS[i], OURS, "Full", timeout)


def our_router_lsa(r2):
    """FRR's decoded copy of our router-LSA: (sequence number, [link dicts]) or (None, [])."""
    d = r2.json(f"show ip ospf database router {OURS} json")
    lsas = [l for l in d.get("routerLinkStates", {}).get("areas", {}).get(AREA, [])
            if l.get("advertisingRouter") == OURS and l.get("lsaAge", 0) < 3600]
    if not lsas:
        return None, []
    l = lsas[0]
    return int(l["lsaSeqNumber"], 16), list(l.get("routerLinks", {}).values())


def links_match(links, pattern):
    return any(not json_diff(pattern, link) for link in links)


def wait_our_lsa(r2, present=(), absent=(), above_seq=None, timeout=None):
    """Wait until FRR's copy of our router-LSA has a link matching each of `present`, none
    matching any of `absent` (subset patterns over FRR's link JSON), and a sequence number
    above `above_seq`. Returns (seq, links)."""
    __tracebackhide__ = True

    def check():
        seq, links = our_router_lsa(r2)
        bad = []
        if seq is None:
            bad.append("FRR has no router-LSA of ours")
        if above_seq is not None and seq is not None and seq <= above_seq:
            bad.append(f"seq {seq:08x} not above {above_seq:08x}")
        bad += [f"missing link {p}" for p in present if not links_match(links, p)]
        bad += [f"unexpected link {p}" for p in absent if links_match(links, p)]
        return (not bad, (seq, links) if not bad else "\n".join(bad) + "\nlinks:\n" +
                "\n".join(json.dumps(x) for x in links))

    return poll(check, "r2: our router-LSA", timeout)


def our_seq(r1):
    """Sequence number of our router-LSA in our own LSDB."""
    for l in (r1.json("show ip ospf database json").get("areas", {}).get(AREA, {})
              .get("routerLinkStates", [])):
        if l["lsId"] == OURS and l["advertisedRouter"] == OURS:
            return int(l["sequenceNumber"], 16)
    return None


def p2p_link(addr):
    return {"linkType": "another Router (point-to-point)", "neighborRouterId": FRRS,
            "routerInterfaceAddress": addr}


def stub(net, mask="255.255.255.0", metric=None):
    p = {"linkType": "Stub Network", "networkAddress": net, "networkMask": mask}
    if metric is not None:
        p["tos0Metric"] = metric
    return p


def transit(addr):
    return {"linkType": "a Transit Network", "routerInterfaceAddress": addr}


NET_LSA = (AREA, 2, "10.0.100.1", OURS)  # our network-LSA for lan1, as DR


def wait_net_lsa(r2, present):
    """Wait until FRR's LSDB holds our network-LSA for lan1 (not at MaxAge), or does not."""
    __tracebackhide__ = True

    def check():
        have = [k for k in r2.lsdb() if k[:4] == NET_LSA]
        return (bool(have) == present, f"FRR's copies: {have}")

    return poll(check, "r2: our network-LSA " + ("present" if present else "flushed"))


def our_ifaces(r1):
    return r1.json("show ip ospf interface json").get("interfaces", {})


def ospfd_pid(r1):
    return r1.procs["ospfd"]["pid"]


def log_mark(r1):
    return len(r1.logs().get("ospfd.log", ""))


def log_since(r1, mark):
    return r1.logs().get("ospfd.log", "")[mark:]


def ip_ns(router, *args):
    subprocess.run(["ip", "-n", router.ns, *args], check=True, capture_output=True, timeout=10)


def ip_ns_quiet(router, *args):
    """The same, for cleanup: errors (already undone) are ignored."""
    subprocess.run(["ip", "-n", router.ns, *args], capture_output=True, timeout=10)


def hold(what, cond, seconds=STABLE, step=0.5):
    """Assert cond() -> (ok, explanation) holds at every sample for `seconds`."""
    __tracebackhide__ = True
    end = time.monotonic() + seconds
    while True:
        ok, why = cond()
        assert ok, f"{what}: {why}"
        if time.monotonic() >= end:
            return
        time.sleep(step)


@pytest.fixture(autouse=True)
def same_daemon(topo):
    """Nothing here may need a restart: the ospfd PID is the same after every test."""
    r1, _ = routers(topo)
    pid = ospfd_pid(r1)
    yield
    assert r1.running() and ospfd_pid(r1) == pid, "our ospfd was restarted or died"


# -- tests --------------------------------------------------------------------------------

def test_converged_with_frr(topo):
    r1, r2 = routers(topo)
    wait_full_both(topo)
    wait_our_lsa(r2, present=[p2p_link("10.0.12.1"), stub("10.0.12.0", metric=10),
                              transit("10.0.100.1"), stub("10.255.0.1", "255.255.255.255")])
    wait_json(r1, "show ip ospf interface lan1 json",
              {"interfaces": {"lan1": {"state": "DR", "drAddress": "10.0.100.1"}}})
    wait_net_lsa(r2, True)


def test_passive_interface_sends_no_hello_but_is_a_stub(topo):
    r1, r2 = routers(topo)
    wait_our_lsa(r2, present=[stub("10.0.200.0", metric=30)],
                 absent=[transit("10.0.200.1")])
    assert our_ifaces(r1)["pas1"].get("timerPassiveIface") is True
    # FRR, active on pas1, never sees us: more than a dead interval with no neighbor
    hold("r2 pas1", lambda: (r2.json("show ip ospf interface pas1 json")["interfaces"]["pas1"]
                             ["nbrCount"] == 0, "FRR counts a neighbor on pas1"))
    assert nbr(r2, "pas1", OURS) is None
    # and on the wire: FRR's Hellos arrive, none leaves our pas1
    if shutil.which("tcpdump") is None:
        pytest.skip("no tcpdump: the wire check of pas1 is left out")
    with tempfile.TemporaryDirectory(dir=r1.dir) as d:
        pcap = os.path.join(d, "pas1.pcap")
        r1.run(["timeout", "3.5", "tcpdump", "-Z", "root", "-i", "pas1", "-U", "-w", pcap,
                "ip proto 89"], check=False)
        ours = r1.run(["tcpdump", "-n", "-r", pcap, "src host 10.0.200.1"], check=False)
        theirs = r1.run(["tcpdump", "-n", "-r", pcap, "src host 10.0.200.2"], check=False)
    assert theirs.strip(), "capture on pas1 saw no Hello from FRR either (capture broken?)"
    assert not ours.strip(), f"our ospfd sent OSPF on the passive pas1:\n{ours}"


@pytest.mark.parametrize("iface", ["eth-r2", "lan1"])
def test_link_down_drops_neighbor_and_link_then_up_is_full_again(topo, iface):
    r1, r2 = routers(topo)
    wait_full_both(topo)
    gone = {"eth-r2": [p2p_link("10.0.12.1"), stub("10.0.12.0")],
            "lan1": [transit("10.0.100.1"), stub("10.0.100.0")]}[iface]
    seq0, _ = wait_our_lsa(r2, present=[gone[0]])
    ip_ns(r1, "link", "set", iface, "down")
    try:
        wait_nbr(r1, iface, FRRS, None)
        wait_json(r1, f"show ip ospf interface {iface} json",
                  {"interfaces": {iface: {"state": "Down"}}})
        wait_nbr(r2, SEGMENTS[iface], OURS, None)
        wait_our_lsa(r2, absent=gone, above_seq=seq0)
        assert our_seq(r1) > seq0
        if iface == "lan1":
            wait_net_lsa(r2, False)  # no longer DR: our network-LSA is flushed
        # the other adjacency is untouched
        other = "lan1" if iface == "eth-r2" else "eth-r2"
        assert nbr(r1, other, FRRS)["state"] == "Full"
    finally:
        ip_ns(r1, "link", "set", iface, "up")
    wait_full_both(topo)
    wait_our_lsa(r2, present=[gone[0]])
    if iface == "lan1":
        wait_net_lsa(r2, True)


@pytest.mark.parametrize("iface", ["eth-r2", "lan1"])
def test_address_removed_leaves_ospf_then_added_back_rejoins(topo, iface):
    r1, r2 = routers(topo)
    wait_full_both(topo)
    addr = r1.ifaces[iface]  # "10.0.12.1/24"
    host = addr.split("/")[0]
    gone = {"eth-r2": [p2p_link(host), stub("10.0.12.0")],
            "lan1": [transit(host), stub("10.0.100.0")]}[iface]
    seq0, _ = wait_our_lsa(r2, present=[gone[0]])
    ip_ns(r1, "addr", "del", addr, "dev", iface)
    try:
        poll(lambda: (iface not in our_ifaces(r1), f"{iface} still an OSPF interface"),
             f"r1: OSPF leaves {iface}")
        wait_nbr(r1, iface, FRRS, None)
        # FRR stops hearing us: its neighbor dies after the dead interval
        wait_nbr(r2, SEGMENTS[iface], OURS, None)
        wait_our_lsa(r2, absent=gone, above_seq=seq0)
        if iface == "lan1":
            wait_net_lsa(r2, False)
    finally:
        ip_ns_quiet(r1, "addr", "add", addr, "dev", iface)
    poll(lambda: (our_ifaces(r1).get(iface, {}).get("ipAddress") == host,
                  f"{iface}: {our_ifaces(r1).get(iface)}"), f"r1: {iface} back in OSPF")
    wait_full_both(topo)
    wait_our_lsa(r2, present=[gone[0]])
    if iface == "lan1":
        wait_net_lsa(r2, True)


def test_new_interface_in_network_joins_without_restart(topo):
    r1, r2 = routers(topo)
    wait_full_both(topo)
    subprocess.run(["ip", "link", "add", "eth-new", "netns", r1.ns, "type", "veth", "peer",
                    "name", "eth-new", "netns", r2.ns], check=True, capture_output=True,
                   timeout=10)
    try:
        ip_ns(r2, "addr", "add", "10.0.14.2/24", "dev", "eth-new")
        ip_ns(r2, "link", "set", "eth-new", "up")
        ip_ns(r1, "link", "set", "eth-new", "up")
        # up, but no address yet, then an address outside every `network`: not OSPF's
        hold("r1 eth-new without address", lambda: ("eth-new" not in our_ifaces(r1),
                                                    "eth-new enabled without an address"), 2)
        ip_ns(r1, "addr", "add", "192.168.14.1/24", "dev", "eth-new")
        hold("r1 eth-new outside network",
             lambda: ("eth-new" not in our_ifaces(r1), "eth-new enabled by 192.168.14.1/24"), 2)
        # an address inside `network 10.0.0.0/16 area 0`: joins at once, no restart
        ip_ns(r1, "addr", "add", "10.0.14.1/24", "dev", "eth-new")
        wait_json(r1, "show ip ospf interface eth-new json",
                  {"interfaces": {"eth-new": {"ipAddress": "10.0.14.1", "area": AREA,
                                              "networkType": "POINTOPOINT"}}}, timeout=10)
        wait_full_both(topo, ("eth-new", "eth-r2", "lan1"))
        wait_our_lsa(r2, present=[p2p_link("10.0.14.1"), stub("10.0.14.0")])
        seq0, _ = our_router_lsa(r2)
        # the interface vanishes: OSPF leaves it
        ip_ns(r1, "link", "del", "eth-new")
        poll(lambda: ("eth-new" not in our_ifaces(r1), "eth-new still in OSPF"),
             "r1: eth-new gone")
        wait_nbr(r1, "eth-new", FRRS, None)
        wait_our_lsa(r2, absent=[p2p_link("10.0.14.1"), stub("10.0.14.0")], above_seq=seq0)
    finally:
        ip_ns_quiet(r1, "link", "del", "eth-new")
    wait_full_both(topo)


def test_real_mtu_change_resets_adjacency_and_mismatch_blocks_it(topo):
    r1, r2 = routers(topo)
    wait_full_both(topo)
    before = nbr(r1, "eth-r2", FRRS)
    time.sleep(1)
    drops0 = r1.packet_drops("eth-r2").get("mtu-mismatch", 0)
    ip_ns(r1, "link", "set", "dev", "eth-r2", "mtu", "1400")  # FRR stays at 1500
    try:
        wait_json(r1, "show ip ospf interface eth-r2 json",
                  {"interfaces": {"eth-r2": {"mtuBytes": 1400}}}, timeout=5)

        def reset():
            n = nbr(r1, "eth-r2", FRRS)
            return (n is None or n["state"] != "Full" or n["up_ms"] < before["up_ms"],
                    f"neighbor not reset: {n} (before the change {before})")

        poll(reset, "r1: the adjacency on eth-r2 starts over", timeout=5)

        # FRR's DDs say MTU 1500, above our 1400: we refuse them (no mtu-ignore), so
        # neither side gets past ExStart/Exchange
        def stuck():
            ours, theirs = nbr(r1, "eth-r2", FRRS), nbr(r2, "eth-r1", OURS)
            ok = (ours is None or ours["state"] != "Full") and \
                 (theirs is None or theirs["state"] != "Full")
            return ok, f"ours {ours}, FRR's {theirs}"

        hold("eth-r2 with MTU 1400/1500", stuck, seconds=8)
        theirs = nbr(r2, "eth-r1", OURS)
        assert theirs is not None and theirs["state"] in ("ExStart", "Exchange"), theirs
        drops = r1.packet_drops("eth-r2").get("mtu-mismatch", 0)
        assert drops > drops0, f"packetDrops mtu-mismatch {drops0} -> {drops}"
        # the lan1 adjacency (MTU 1500 on both sides) is not affected
        assert nbr(r1, "lan1", FRRS)["state"] == "Full"
    finally:
        ip_ns(r1, "link", "set", "dev", "eth-r2", "mtu", "1500")
    wait_json(r1, "show ip ospf interface eth-r2 json",
              {"interfaces": {"eth-r2": {"mtuBytes": 1500}}}, timeout=5)
    wait_full_both(topo)


def test_same_mtu_again_keeps_adjacency(topo):
    r1, r2 = routers(topo)
    wait_full_both(topo)
    seq0 = our_seq(r1)
    mark = log_mark(r1)
    last = {"ours": nbr(r1, "eth-r2", FRRS)["up_ms"]}
    # the MTU it already has, then a link change that reports the same MTU again
    ip_ns(r1, "link", "set", "dev", "eth-r2", "mtu", "1500")
    ip_ns(r1, "link", "set", "dev", "eth-r2", "txqueuelen", "999")
    try:
        def steady():
            ours, theirs = nbr(r1, "eth-r2", FRRS), nbr(r2, "eth-r1", OURS)
            if ours is None or ours["state"] != "Full" or theirs is None or \
                    theirs["state"] != "Full":
                return False, f"not Full: ours {ours}, FRR's {theirs}"
            if ours["up_ms"] <= last["ours"]:
                return False, f"upTimeInMsec went from {last['ours']} to {ours['up_ms']}"
            last["ours"] = ours["up_ms"]
            return True, ""

        hold("eth-r2 after the same MTU", steady)
    finally:
        ip_ns(r1, "link", "set", "dev", "eth-r2", "txqueuelen", "1000")
    log = log_since(r1, mark)
    assert "eth-r2: MTU" not in log and "eth-r2: ISM" not in log, log
    assert our_seq(r1) == seq0, "our router-LSA was originated again"


def test_unrelated_link_event_leaves_other_interfaces_alone(topo):
    """A netlink event on one interface re-reads them all; none that did not change may move.
    lo's MTU is 65536, more than 16 bits: it must not read as a change every time."""
    r1, r2 = routers(topo)
    wait_full_both(topo)
    mark = log_mark(r1)
    ip_ns(r1, "link", "set", "dev", "eth-r2", "txqueuelen", "777")
    ip_ns(r1, "addr", "add", "192.0.2.1/32", "dev", "pas1")  # outside every network
    try:
        time.sleep(2)
    finally:
        ip_ns_quiet(r1, "addr", "del", "192.0.2.1/32", "dev", "pas1")
        ip_ns_quiet(r1, "link", "set", "dev", "eth-r2", "txqueuelen", "1000")
    log = log_since(r1, mark)
    moved = [l for l in log.splitlines() if ": ISM " in l or ": MTU " in l or "AdjChg" in l]
    assert not moved, "interfaces moved on an unrelated event:\n" + "\n".join(moved)
    lo = our_ifaces(r1)["lo"]
    assert lo.get("mtuBytes") == 65536, f"lo MTU shown as {lo.get('mtuBytes')}"
