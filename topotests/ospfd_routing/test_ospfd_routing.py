"""Routing: our ospfd computes the routes FRR computes in the same position, and installs them.

The module builds this lab twice: once with our ospfd as r1, once (the "twin") with FRR as r1.
Everything else is equal, so r1's `show ip ospf route json` must be equal in both.

      area 0.0.0.0                                        area 0.0.0.1
      r1 (ospfd | frr) -- eth-r2 -- r2 (frr, ABR) -- eth-r5 -- r5 (frr)
         \\                          |
          eth-r4 -- r4 (frr) ---- lan1 10.0.100.0/24: r2, r3, r4
                   ASBR, E1          |
                                    r3 (bird) ASBR, E2

    p2p links 10.0.XY.0/24, router N is .N; every cost 10; hello 1, dead 4, retransmit 2.
    r4 redistributes kernel 192.168.44.0/24 (metric 20, type 1); r3 exports static
    192.168.33.0/24 (type 2, metric 30). r1 reaches r3 and lan1 over two equal paths.
"""

import os
import time

import pytest

from lib.helpers import (kernel_routes, poll, route_nexthops, wait_adjacencies,
                         wait_lsdb_equal, wait_route)
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))
DEAD = 4


def build(topo, r1_kind="ospfd"):
    r = {1: topo.add_router("r1", r1_kind)}
    r.update({n: topo.add_router(f"r{n}", k) for n, k in
              ((2, "frr"), (3, "bird"), (4, "frr"), (5, "frr"))})
    topo.add_link(r[1], r[2], "10.0.12.0/24")
    topo.add_link(r[1], r[4], "10.0.14.0/24")
    topo.add_link(r[2], r[5], "10.0.25.0/24")
    topo.add_lan("lan1", [r[2], r[3], r[4]], "10.0.100.0/24")


def add_kernel_route(topo):
    topo.routers["r4"].run(["ip", "route", "replace", "blackhole", "192.168.44.0/24"])


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_routing_twin", HERE, lambda t: build(t, r1_kind="frr"),
                      add_kernel_route)


@pytest.fixture(scope="module")
def lab(topo):
    add_kernel_route(topo)
    return topo


def ospf_kernel_routes(router):
    """{prefix: sorted gateways} of the routes of protocol ospf in r's kernel table."""
    out = {}
    for r in kernel_routes(router):
        if r.get("protocol") != "ospf":
            continue
        dst = r["dst"] if "/" in r["dst"] else r["dst"] + "/32"
        if dst in out:
            out[dst + " (duplicate)"] = out[dst]
        out[dst] = sorted(g or "" for g, _ in route_nexthops(r))
    return out


def expected_kernel_routes(router):
    """What `show ip ospf route json` says the kernel should hold: every network route with a
    gateway (directly attached networks are the kernel's own routes)."""
    want = {}
    for key, v in ospf_routes(router).items():
        if "/" not in key:
            continue
        gws = sorted(ip for ip, _ in v["nexthops"] if ip)
        if gws:
            want[key] = gws
    return want


def test_both_labs_converge(lab, twin):
    for t in (lab, twin):
        wait_adjacencies(t)
        wait_lsdb_equal(t, [t.routers[n] for n in ("r1", "r3", "r4")])  # area 0 only


def test_routing_table_equals_frrs_in_the_same_position(lab, twin):
    wait_same_routes(lab.routers["r1"], twin.routers["r1"],
                     ready=lambda t: "192.168.44.0/24" in t and "192.168.33.0/24" in t)


def test_route_types_as_expected(lab):
    rt = ospf_routes(lab.routers["r1"])
    assert rt["10.255.0.3/32"]["nexthops"] == [("10.0.12.2", "eth-r2"), ("10.0.14.4", "eth-r4")]
    assert rt["10.255.0.5/32"]["routeType"] == "N IA"
    assert rt["192.168.44.0/24"]["routeType"] == "N E1"
    assert rt["192.168.44.0/24"]["cost"] == 30
    assert rt["192.168.33.0/24"]["routeType"] == "N E2"
    assert rt["192.168.33.0/24"]["type2cost"] == 30


def wait_kernel_matches_show(router, timeout=None):
    def check():
        have, want = ospf_kernel_routes(router), expected_kernel_routes(router)
        if have == want and want:
            return (True, have)
        return (False, f"kernel {have}\nshow   {want}")

    return poll(check, f"{router.name}: kernel OSPF routes equal show ip ospf route", timeout)


def test_kernel_holds_what_show_says_with_ecmp_as_multipath(lab):
    r1 = lab.routers["r1"]
    wait_kernel_matches_show(r1)
    route = wait_route(r1, "10.255.0.3/32", via=["10.0.12.2", "10.0.14.4"])
    assert "nexthops" in route, f"ECMP is not one multipath route: {route}"
    assert route.get("protocol") == "ospf"


def test_ring_cut_moves_traffic_to_the_other_path(lab):
    r1 = lab.routers["r1"]
    link = lab.link("r1", "r4")
    t0 = time.monotonic()
    link.down(lab.routers["r4"])  # silent for r1: its side stays up, hellos stop
    try:
        wait_route(r1, "10.255.0.4/32", via="10.0.12.2", timeout=DEAD + 6)
        took = time.monotonic() - t0
        assert took < DEAD + 3, f"rerouted after {took:.1f}s"
        wait_route(r1, "10.255.0.3/32", via="10.0.12.2")
    finally:
        link.up(lab.routers["r4"])
    wait_route(r1, "10.255.0.3/32", via=["10.0.12.2", "10.0.14.4"])
    wait_kernel_matches_show(r1)


def test_sigkill_and_restart_leave_no_stale_or_duplicate_route(lab):
    r1 = lab.routers["r1"]
    before = wait_kernel_matches_show(r1)
    # a route of ours that will not come back: the next run must sweep it
    r1.run(["ip", "route", "add", "10.99.0.0/24", "via", "10.0.12.2", "proto", "188"])
    # and a route of another protocol that must never be touched
    r1.run(["ip", "route", "add", "10.98.0.0/24", "via", "10.0.12.2", "proto", "static"])
    r1.kill()
    assert ospf_kernel_routes(r1), "routes vanished with the killed daemon"
    r1.start()
    wait_adjacencies(lab)
    wait_kernel_matches_show(r1)
    assert "10.99.0.0/24" not in ospf_kernel_routes(r1)
    assert any(r.get("dst") == "10.98.0.0/24" for r in kernel_routes(r1))
    assert len(ospf_kernel_routes(r1)) == len(before)


def test_clean_exit_removes_our_routes(lab):
    r1 = lab.routers["r1"]
    wait_kernel_matches_show(r1)
    r1.stop()
    assert ospf_kernel_routes(r1) == {}
    assert any(r.get("dst") == "10.98.0.0/24" for r in kernel_routes(r1))
    r1.start()
    wait_kernel_matches_show(r1)

