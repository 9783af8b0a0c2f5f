"""Area border router: our ospfd as the ABR gives the routers around it the routes FRR gives.

The lab is built twice: once with our ospfd as r1, the ABR, once (the twin) with FRR there.
The other routers' `show ip ospf route json` must be equal in both labs.

      area 0.0.0.0              area 0.0.0.1 (stub, range 10.1.0.0/16)
      r2 (frr, ASBR) -- r1 (ospfd | frr, ABR) -- r3 (frr; lo 10.1.1.1, 10.1.2.1)
                           |    \
                           |     r5 (bird)  area 0.0.0.3 (normal)
                           r4 (frr)  area 0.0.0.2 (stub no-summary: totally stubby)

    p2p links 10.0.XY.0/24; every cost 10; hello 1, dead 4, retransmit 2.
    r2 redistributes kernel 192.168.22.0/24 (E2 20): no stub area gets it; BIRD in the
    normal area 3 reaches it through r1's ASBR-summary (type 4) of r2.
    One known difference: FRR's ABR also sends the range summary into the totally stubby
    area 2; ours sends only the default there (RFC 2328 12.4.3).
"""

import os

import pytest

from lib.helpers import kernel_routes, poll, route_nexthops, wait_adjacencies
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))


def build(topo, r1_kind="ospfd"):
    r = {1: topo.add_router("r1", r1_kind),
         2: topo.add_router("r2", "frr"),
         3: topo.add_router("r3", "frr",
                            loopbacks=["10.255.0.3/32", "10.1.1.1/32", "10.1.2.1/32"]),
         4: topo.add_router("r4", "frr"),
         5: topo.add_router("r5", "bird")}
    topo.add_link(r[1], r[2], "10.0.12.0/24")
    topo.add_link(r[1], r[3], "10.0.13.0/24")
    topo.add_link(r[1], r[4], "10.0.14.0/24")
    topo.add_link(r[1], r[5], "10.0.15.0/24")


def add_kernel_route(topo):
    topo.routers["r2"].run(["ip", "route", "replace", "blackhole", "192.168.22.0/24"])


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_abr_twin", HERE, lambda t: build(t, r1_kind="frr"),
                      add_kernel_route)


@pytest.fixture(scope="module")
def lab(topo):
    add_kernel_route(topo)
    return topo


def test_both_labs_converge(lab, twin):
    for t in (lab, twin):
        wait_adjacencies(t)


@pytest.mark.parametrize("name", ["r2", "r3", "r4"])
def test_neighbors_route_as_with_frr_as_abr(lab, twin, name):
    # FRR 8.4 announces area ranges into a totally stubby area as well; we follow
    # RFC 2328 12.4.3 (only the default goes in): see doc/routing.md
    ignore = ["10.1.0.0/16"] if name == "r4" else []
    needed = "10.1.0.0/16" if name == "r2" else "0.0.0.0/0"
    wait_same_routes(lab.routers[name], twin.routers[name], ignore=ignore,
                     ready=lambda table: needed in table)


def test_range_stub_and_totally_stubby_as_expected(lab):
    r2 = ospf_routes(lab.routers["r2"])
    assert r2["10.1.0.0/16"]["routeType"] == "N IA"
    assert "10.1.1.1/32" not in r2 and "10.1.2.1/32" not in r2
    assert r2["10.255.0.3/32"]["routeType"] == "N IA"
    r3 = ospf_routes(lab.routers["r3"])
    assert r3["0.0.0.0/0"]["routeType"] == "N IA"
    assert r3["10.255.0.2/32"]["routeType"] == "N IA"
    assert "192.168.22.0/24" not in r3
    r4 = ospf_routes(lab.routers["r4"])
    assert r4["0.0.0.0/0"]["routeType"] == "N IA"
    assert [k for k, v in r4.items() if v["routeType"] == "N IA"] == ["0.0.0.0/0"]


def test_frr_sees_our_summaries_in_its_database(lab):
    def check():
        db = lab.routers["r2"].json("show ip ospf database summary json")
        text = str(db)
        return ("10.1.0.0" in text and "10.255.0.1" in text, text)

    poll(check, "r2's database holds r1's summary of the range")


def bird_kernel_routes(router):
    """{prefix: (metric, sorted next hops)} of the routes BIRD put in the kernel."""
    return {r["dst"]: (r.get("metric"), sorted(route_nexthops(r)))
            for r in kernel_routes(router) if r.get("protocol") == "bird"}


def test_bird_behind_our_abr_routes_as_behind_frr(lab, twin):
    # BIRD in area 3 learns everything from r1's summary-LSAs: the same kernel routes
    # whether r1 is our ospfd or FRR, including the external route via the type-4 LSA
    wanted = {"10.255.0.2", "10.255.0.3", "10.1.0.0/16", "192.168.22.0/24", "10.0.12.0/24"}

    def check():
        ours, frr = (bird_kernel_routes(t.routers["r5"]) for t in (lab, twin))
        missing = wanted - set(frr)
        diff = {k: (ours.get(k), frr.get(k)) for k in set(ours) | set(frr)
                if ours.get(k) != frr.get(k)}
        return (not missing and not diff,
                f"twin still lacks {sorted(missing)}" if missing else f"differ: {diff}")

    poll(check, "r5 (BIRD) has the same kernel routes behind our ABR as behind FRR's")


def test_our_abr_sees_bird_area_routes(lab):
    r2 = ospf_routes(lab.routers["r2"])
    assert r2["10.255.0.5/32"]["routeType"] == "N IA"
    assert ospf_routes(lab.routers["r1"])["10.255.0.5/32"]["routeType"] == "N"
