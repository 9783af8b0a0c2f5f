"""Our ospfd inside a stub area and inside a totally stubby area, behind an FRR ABR.

The lab is built twice: once with our ospfd as r3 and r4, once (the twin) with FRR there.
r3's and r4's `show ip ospf route json` must be equal in both labs.

      area 0.0.0.0                  area 0.0.0.1 (stub)
      r2 (frr, ASBR) -- r1 (frr, ABR) -- r3 (ospfd | frr)
                           |
                           r4 (ospfd | frr)   area 0.0.0.2 (stub; no-summary at r1)

    p2p links 10.0.XY.0/24; every cost 10; hello 1, dead 4, retransmit 2.
    r2 redistributes kernel 192.168.22.0/24 (E2 20): no stub area gets it. r3 gets the
    default and the inter-area routes, r4 only the default.

Then the area type of r3 is changed live through vtysh: `no area 1 stub` takes the adjacency
down (the Hellos' E bits differ: counted as hello-options-mismatch), `area 1 stub` brings it
back.
"""

import os

import pytest

from lib.helpers import configure, kernel_routes, poll, route_nexthops, wait_adjacencies, wait_json
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))


def build(topo, member_kind="ospfd"):
    r = {1: topo.add_router("r1", "frr"),
         2: topo.add_router("r2", "frr"),
         3: topo.add_router("r3", member_kind),
         4: topo.add_router("r4", member_kind)}
    topo.add_link(r[1], r[2], "10.0.12.0/24")
    topo.add_link(r[1], r[3], "10.0.13.0/24")
    topo.add_link(r[1], r[4], "10.0.14.0/24")


def add_kernel_route(topo):
    topo.routers["r2"].run(["ip", "route", "replace", "blackhole", "192.168.22.0/24"])


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_stub_member_twin", HERE,
                      lambda t: build(t, member_kind="frr"), add_kernel_route)


@pytest.fixture(scope="module")
def lab(topo):
    add_kernel_route(topo)
    return topo


def test_both_labs_converge(lab, twin):
    for t in (lab, twin):
        wait_adjacencies(t)


def test_e_bit_clear_on_both_sides(lab):
    """RFC 2328 10.5: in a stub area the Hellos carry E clear; FRR shows the options."""
    clear = "*|-|-|-|-|-|-|-"
    r1, r3 = lab.routers["r1"], lab.routers["r3"]
    wait_json(r1, "show ip ospf neighbor 10.255.0.3 detail json",
              {"10.255.0.3": [{"nbrState": "Full/-", "optionsList": clear}]})
    wait_json(r3, "show ip ospf neighbor detail json",
              {"neighbors": {"10.255.0.1": [{"nbrState": "Full/-", "optionsList": clear}]}})


@pytest.mark.parametrize("name", ["r3", "r4"])
def test_member_routes_as_frr_in_its_place(lab, twin, name):
    wait_same_routes(lab.routers[name], twin.routers[name], ready=lambda t: "0.0.0.0/0" in t)


def test_stub_and_totally_stubby_as_expected(lab):
    r3 = ospf_routes(lab.routers["r3"])
    assert r3["0.0.0.0/0"]["routeType"] == "N IA" and r3["0.0.0.0/0"]["cost"] == 11
    assert r3["10.255.0.2/32"]["routeType"] == "N IA"
    assert not [k for k, v in r3.items() if (v["routeType"] or "").startswith("N E")]
    r4 = ospf_routes(lab.routers["r4"])
    assert [k for k, v in r4.items() if v["routeType"] == "N IA"] == ["0.0.0.0/0"]
    assert not [k for k, v in r4.items() if (v["routeType"] or "").startswith("N E")]


def default_route_via(router, gw):
    def check():
        routes = [r for r in kernel_routes(router) if r.get("dst") == "default"]
        return (any(route_nexthops(r) == [(gw, "eth-r1")] for r in routes), routes)

    poll(check, f"{router.name} installs the default route via {gw}")


def test_default_route_installed(lab):
    default_route_via(lab.routers["r3"], "10.0.13.1")
    default_route_via(lab.routers["r4"], "10.0.14.1")


def full(router, nbr):
    ns = router.json("show ip ospf neighbor json").get("neighbors", {}).get(nbr, [])
    return any(n.get("nbrState", "").startswith("Full") for n in ns)


def test_area_type_changed_live_takes_the_adjacency_down_and_up(lab):
    r1, r3 = lab.routers["r1"], lab.routers["r3"]
    before = r3.packet_drops("eth-r1").get("hello-options-mismatch", 0)
    configure(r3, "router ospf", "no area 1 stub")
    poll(lambda: (not full(r3, "10.255.0.1") and not full(r1, "10.255.0.3"),
                  r3.show("show ip ospf neighbor")),
         "the adjacency goes down once r3's area 1 is no longer stub")
    poll(lambda: (r3.packet_drops("eth-r1").get("hello-options-mismatch", 0) > before,
                  r3.packet_drops("eth-r1")),
         "r3 counts FRR's Hellos (E clear) as options mismatches")
    configure(r3, "router ospf", "area 1 stub")
    poll(lambda: (full(r3, "10.255.0.1") and full(r1, "10.255.0.3"),
                  r3.show("show ip ospf neighbor")),
         "the adjacency comes back once r3's area 1 is stub again")
    default_route_via(r3, "10.0.13.1")
