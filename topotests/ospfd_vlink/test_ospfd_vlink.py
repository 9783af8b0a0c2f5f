"""Virtual link: our ospfd joins a split backbone across a transit area with FRR.

The lab is built twice: once with our ospfd as r1, one endpoint of the virtual link, once (the
twin) with FRR there. FRR is always the other endpoint, r2.

      area 0            area 0.0.0.1 (transit)            area 0
      r5 (frr) -- r1 (ospfd | frr) -- r3 (frr) -- r2 (frr) -- r4 (frr)
                  `========= virtual link 10.255.0.1 <-> 10.255.0.2 ========'

    p2p links 10.0.XY.0/24; every cost 10; hello 1, dead 4, retransmit 2.
    Without the virtual link r5 and r4 (both backbone-only) cannot reach each other.
    One known difference: FRR 8.4 as r1 lists, for routes over the virtual link, the transit
    next hop 10.0.13.3 also (or only, for the router entry of r2) on eth-r5, its backbone
    interface, where that address is not even on the subnet; ours says eth-r3 alone.
"""

import os

import pytest

from lib.helpers import configure, poll, vlink_nbr_state, wait_adjacencies, wait_route
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))


def build(topo, r1_kind="ospfd"):
    r = {1: topo.add_router("r1", r1_kind),
         2: topo.add_router("r2", "frr"),
         3: topo.add_router("r3", "frr"),
         4: topo.add_router("r4", "frr"),
         5: topo.add_router("r5", "frr")}
    topo.add_link(r[5], r[1], "10.0.15.0/24")
    topo.add_link(r[1], r[3], "10.0.13.0/24")
    topo.add_link(r[3], r[2], "10.0.23.0/24")
    topo.add_link(r[2], r[4], "10.0.24.0/24")


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_vlink_twin", HERE, lambda t: build(t, r1_kind="frr"))


@pytest.fixture(scope="module")
def lab(topo):
    return topo


def wait_vlink_full(lab):
    def check():
        ours = vlink_nbr_state(lab.routers["r1"], "10.255.0.2")
        theirs = vlink_nbr_state(lab.routers["r2"], "10.255.0.1")
        return (ours == "Full" and theirs == "Full", f"r1: {ours}, r2: {theirs}")

    poll(check, "the virtual link Full on both ends")


def test_both_labs_converge(lab, twin):
    for t in (lab, twin):
        wait_adjacencies(t)


def test_virtual_link_full_on_both_ends(lab):
    wait_vlink_full(lab)
    ifs = lab.routers["r1"].interfaces()
    assert ifs["VLINK0"]["type"] == "VIRTUALLINK"
    assert ifs["VLINK0"]["state"] == "Point-To-Point"
    assert ifs["VLINK0"]["cost"] == 20
    # FRR's count of the full virtual adjacencies crossing the transit area, on both ends
    for name in ("r1", "r2"):
        area = lab.routers[name].json("show ip ospf json")["areas"]["0.0.0.1"]
        assert area["virtualAdjacenciesPassingCounter"] == 1, name


def frr_vlink_nexthops_fixed(table):
    """FRR 8.4's next hops over a virtual link name its backbone interface (eth-r5) for the
    transit area's gateway 10.0.13.3: put them on eth-r3, where the gateway is."""
    for entry in table.values():
        hops = {("10.0.13.3", "eth-r3") if h == ("10.0.13.3", "eth-r5") else h
                for h in map(tuple, entry["nexthops"])}
        entry["nexthops"] = sorted(hops)


@pytest.mark.parametrize("name", ["r1", "r2", "r3", "r4", "r5"])
def test_routes_as_with_frr_at_the_endpoint(lab, twin, name):
    wait_vlink_full(lab)
    wait_same_routes(lab.routers[name], twin.routers[name],
                     ready=lambda table: "10.255.0.4/32" in table and "10.255.0.5/32" in table,
                     adjust=frr_vlink_nexthops_fixed if name == "r1" else None)


def test_backbone_routes_cross_the_virtual_link(lab):
    def check():
        r5 = ospf_routes(lab.routers["r5"])
        e = r5.get("10.255.0.4/32")
        return (e is not None and e["routeType"] == "N" and e["cost"] == 40, str(e))

    poll(check, "r5 reaches r4's loopback intra-area at 40 over the virtual link")
    # in the kernel: the virtual link's next hop is the transit area's (RFC 2328 16.1.1)
    wait_route(lab.routers["r1"], "10.255.0.4/32", via="10.0.13.3")
    wait_route(lab.routers["r5"], "10.255.0.4/32", via="10.0.15.1")


def test_virtual_link_goes_down_when_the_transit_path_is_cut(lab):
    wait_vlink_full(lab)
    link = next(l for l in lab.links if {l.a.name, l.b.name} == {"r3", "r2"})
    link.down()

    def down():
        ifs = lab.routers["r1"].interfaces()
        st = ifs.get("VLINK0", {}).get("state")
        return (st == "Down" and vlink_nbr_state(lab.routers["r1"], "10.255.0.2") is None,
                f"VLINK0 {st}")

    poll(down, "r1's virtual link Down after the transit path is cut")

    def gone():
        r5 = ospf_routes(lab.routers["r5"])
        return ("10.255.0.4/32" not in r5, str(r5.get("10.255.0.4/32")))

    poll(gone, "r5 no longer reaches r4")
    link.up()
    wait_vlink_full(lab)


def test_virtual_link_removed_and_added_live(lab):
    r1 = lab.routers["r1"]
    wait_vlink_full(lab)
    configure(r1, "router ospf", "no area 0.0.0.1 virtual-link 10.255.0.2")

    def gone():
        return ("VLINK0" not in r1.interfaces(), str(sorted(r1.interfaces())))

    poll(gone, "r1's VLINK0 removed with its configuration")
    wait_route(lab.routers["r5"], "10.255.0.4/32", absent=True)
    configure(r1, "router ospf", "area 0.0.0.1 virtual-link 10.255.0.2")
    wait_vlink_full(lab)
    wait_route(lab.routers["r5"], "10.255.0.4/32", via="10.0.15.1")
