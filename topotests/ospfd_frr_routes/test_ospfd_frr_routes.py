"""Our routing table next to FRR's: the same network seen from two ends.

    r1 (ospfd) eth-r2 10.0.12.1/24 ---- r2 (frr) ---- 10.0.23.0/24 ---- r3 (frr)
       lan1 10.0.100.1/24 ------------ LAN 10.0.100.0/24 ------------ lan1 10.0.100.3
    loopbacks 10.255.0.N/32; costs 10

r1 and r3 are mirror images: each reaches the far point-to-point link two ways at equal cost
(through r2, and across the LAN through the other). `show ip ospf route json` of ours must say
what FRR's says of its side, with the same keys.
"""

import re

from lib.helpers import wait_converged, wait_json


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    r3 = topo.add_router("r3", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")
    topo.add_link(r2, r3, "10.0.23.0/24")
    topo.add_lan("lan1", [r1, r3], "10.0.100.0/24")


def expected_table(me, far, via_p2p, via_lan, p2p_if):
    """What router `me` (1 or 3) should route; `far` is the mirror router's number."""
    return {
        f"10.0.{'12' if me == 1 else '23'}.0/24": {
            "routeType": "N", "cost": 10, "area": "0.0.0.0",
            "nexthops": [{"ip": " ", "directlyAttachedTo": p2p_if}]},
        f"10.0.{'23' if me == 1 else '12'}.0/24": {
            "routeType": "N", "cost": 20, "area": "0.0.0.0",
            "nexthops": [{"ip": via_p2p, "via": p2p_if}, {"ip": via_lan, "via": "lan1"}]},
        "10.0.100.0/24": {
            "routeType": "N", "cost": 10, "area": "0.0.0.0",
            "nexthops": [{"ip": " ", "directlyAttachedTo": "lan1"}]},
        f"10.255.0.{far}/32": {
            "routeType": "N", "area": "0.0.0.0",
            "nexthops": [{"ip": via_lan, "via": "lan1"}]},
        "10.255.0.2/32": {
            "routeType": "N", "area": "0.0.0.0",
            "nexthops": [{"ip": via_p2p, "via": p2p_if}]},
    }


def shape(obj):
    """The keys of a route table, recursively, with values dropped."""
    if isinstance(obj, dict):
        return {k: shape(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return sorted({str(shape(v)) for v in obj})
    return type(obj).__name__


def test_converged(topo):
    wait_converged(topo)


def test_our_table(topo):
    r1 = topo.routers["r1"]
    ours = wait_json(r1, "show ip ospf route json",
                     expected_table(1, 3, "10.0.12.2", "10.0.100.3", "eth-r2"))
    assert len(ours["10.0.23.0/24"]["nexthops"]) == 2, ours


def test_frr_table_is_the_mirror_and_has_the_same_keys(topo):
    r1, r3 = topo.routers["r1"], topo.routers["r3"]
    theirs = wait_json(r3, "show ip ospf route json",
                       expected_table(3, 1, "10.0.23.2", "10.0.100.1", "eth-r2"))
    ours = r1.json("show ip ospf route json")
    # the same costs for the mirrored entries
    for a, b in (("10.0.12.0/24", "10.0.23.0/24"), ("10.0.23.0/24", "10.0.12.0/24"),
                 ("10.0.100.0/24", "10.0.100.0/24"), ("10.255.0.3/32", "10.255.0.1/32"),
                 ("10.255.0.2/32", "10.255.0.2/32"), ("10.255.0.1/32", "10.255.0.3/32")):
        assert ours[a]["cost"] == theirs[b]["cost"], (a, ours[a], b, theirs[b])
        assert shape(ours[a]) == shape(theirs[b]), (a, ours[a], b, theirs[b])
    assert sorted(ours) == sorted(theirs)


def test_border_routers_and_spf_in_show_ip_ospf(topo):
    r1 = topo.routers["r1"]
    wait_json(r1, "show ip ospf border-routers json", {})
    out = r1.json("show ip ospf json")
    for k in ("spfScheduleDelayMsecs", "holdtimeMinMsecs", "holdtimeMaxMsecs",
              "spfLastExecutedMsecs", "spfLastDurationMsecs", "maximumPaths"):
        assert k in out, (k, out)


def test_text_layout_matches_frr(topo):
    """The text tables line up as FRR's do (mirrored entries, same columns)."""
    r1, r3 = topo.routers["r1"], topo.routers["r3"]
    ours, theirs = r1.show("show ip ospf route"), r3.show("show ip ospf route")
    mirror = {"10.0.12.0": "10.0.23.0", "10.0.23.0": "10.0.12.0", "10.255.0.3": "10.255.0.1",
              "10.255.0.1": "10.255.0.3", "10.0.100.3": "10.0.100.1", "10.0.12.2": "10.0.23.2"}

    pattern = re.compile("|".join(re.escape(a) + r"\b" for a in mirror))

    def lines(text, swap):
        if swap:
            text = pattern.sub(lambda m: mirror[m.group(0)], text)
        return sorted(line.rstrip() for line in text.splitlines())

    for title in ("============ OSPF network routing table ============",
                  "============ OSPF router routing table =============",
                  "============ OSPF external routing table ==========="):
        assert title in ours and title in theirs
    # every line of ours, mirrored, is a line of FRR's (next hop order may differ)
    assert lines(ours, True) == lines(theirs, False), (ours, theirs)
