"""Virtual link to an area border router with no backbone interface: our ospfd as r2 reaches
the backbone only over a virtual link through area 1, and so attaches area 2 to it.

The lab is built twice: once with our ospfd as r2, once (the twin) with FRR there; every
router's `show ip ospf route json` must be equal in both labs.

      area 0            area 0.0.0.1 (transit)            area 0.0.0.2
      r5 (frr) -- r1 (frr, ABR) -- r3 (frr) -- r2 (ospfd | frr, ABR) -- r4 (frr)
                  `========= virtual link 10.255.0.1 <-> 10.255.0.2 ========'

    p2p links 10.0.XY.0/24; every cost 10; hello 1, dead 4, retransmit 2.
    One known difference: FRR 8.4 as r2 gives routes over the virtual link a next hop with
    neither gateway nor interface (the router entry of r1 only that one); ours is the transit
    area's, 10.0.23.3 on eth-r3 (RFC 2328 16.1.1).
"""

import os

import pytest

from lib.helpers import poll, vlink_nbr_state, wait_adjacencies
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))


def build(topo, r2_kind="ospfd"):
    r = {1: topo.add_router("r1", "frr"),
         2: topo.add_router("r2", r2_kind),
         3: topo.add_router("r3", "frr"),
         4: topo.add_router("r4", "frr"),
         5: topo.add_router("r5", "frr")}
    topo.add_link(r[5], r[1], "10.0.15.0/24")
    topo.add_link(r[1], r[3], "10.0.13.0/24")
    topo.add_link(r[3], r[2], "10.0.23.0/24")
    topo.add_link(r[2], r[4], "10.0.24.0/24")


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_vlink_area_twin", HERE, lambda t: build(t, r2_kind="frr"))


@pytest.fixture(scope="module")
def lab(topo):
    return topo


def test_both_labs_converge(lab, twin):
    for t in (lab, twin):
        wait_adjacencies(t)


def test_virtual_link_full_on_both_ends(lab):
    def check():
        ours = vlink_nbr_state(lab.routers["r2"], "10.255.0.1")
        theirs = vlink_nbr_state(lab.routers["r1"], "10.255.0.2")
        return (ours == "Full" and theirs == "Full", f"r2: {ours}, r1: {theirs}")

    poll(check, "the virtual link Full on both ends")


def test_our_end_is_a_border_router_for_frr(lab):
    def check():
        r5 = ospf_routes(lab.routers["r5"])
        e = r5.get("10.255.0.2")
        return (e is not None and e.get("routerType") == "abr", str(e))

    poll(check, "r5 has a router entry for r2 as an ABR")


def frr_vlink_nexthops_fixed(table):
    """FRR 8.4's empty next hop over the virtual link, put where the transit path goes."""
    for entry in table.values():
        hops = {("10.0.23.3", "eth-r3") if h == ("", "") else h
                for h in map(tuple, entry["nexthops"])}
        entry["nexthops"] = sorted(hops)


@pytest.mark.parametrize("name", ["r1", "r2", "r3", "r4", "r5"])
def test_routes_as_with_frr_in_our_place(lab, twin, name):
    wait_same_routes(lab.routers[name], twin.routers[name],
                     ready=lambda table: "10.255.0.4/32" in table and "10.255.0.5/32" in table,
                     adjust=frr_vlink_nexthops_fixed if name == "r2" else None)


def test_area_2_and_the_backbone_see_each_other(lab):
    def check():
        r5, r4 = ospf_routes(lab.routers["r5"]), ospf_routes(lab.routers["r4"])
        a, b = r5.get("10.255.0.4/32"), r4.get("10.255.0.5/32")
        ok = (a is not None and a["routeType"] == "N IA" and a["cost"] == 40 and
              b is not None and b["routeType"] == "N IA" and b["cost"] == 40)
        return (ok, f"r5: {a}, r4: {b}")

    poll(check, "r5 and r4 reach each other's loopbacks as inter-area routes at 40")
