"""Our ospfd as an AS boundary router and stub router, next to an FRR twin in its place.

The module builds this lab twice: once with our ospfd as r1, once (the "twin") with FRR as r1
and the same configuration. FRR's and BIRD's routes to r1's externals must be the same in
both labs.

        r1 (ospfd | frr) ASBR ---- eth-r2 ---- r2 (frr)
            |                                   | cost 30
            eth-r4                              eth-r3
            |                                   |
            r4 (frr) ------------ eth-r3 ---- r3 (bird)

    p2p links 10.0.XY.0/24, router N is .N; cost 10 but r2-r3 (30); hello 1, dead 4.
    r1: `redistribute connected metric 30 metric-type 1` (ext0, a veth: 192.168.10.0/24 and
    172.16.1.1/32), `redistribute static metric 40` (type 2; a blackhole 192.168.20.0/24
    of protocol static), `default-information originate always`. FRR's zebra counts a kernel
    route of protocol static as "kernel" (its own static routes are staticd's), so the twin
    says `redistribute kernel metric 40` for the same route.
"""

import os

import pytest

from lib.helpers import configure, kernel_routes, poll, wait_adjacencies, wait_route
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))
EXTERNALS = ("192.168.10.0/24", "172.16.1.1/32", "192.168.20.0/24", "0.0.0.0/0")


def build(topo, r1_kind="ospfd"):
    r = {1: topo.add_router("r1", r1_kind)}
    r.update({n: topo.add_router(f"r{n}", k) for n, k in ((2, "frr"), (3, "bird"), (4, "frr"))})
    topo.add_link(r[1], r[2], "10.0.12.0/24")
    topo.add_link(r[1], r[4], "10.0.14.0/24")
    topo.add_link(r[2], r[3], "10.0.23.0/24")
    topo.add_link(r[3], r[4], "10.0.34.0/24")


def add_external_sources(topo):
    r1 = topo.routers["r1"]
    # a non-OSPF interface (a veth pair inside r1: the kernel may lack the dummy driver)
    r1.run(["ip", "link", "add", "ext0", "type", "veth", "peer", "name", "ext0p"])
    r1.run(["ip", "link", "set", "ext0p", "up"])
    r1.run(["ip", "addr", "add", "192.168.10.1/24", "dev", "ext0"])
    r1.run(["ip", "addr", "add", "172.16.1.1/32", "dev", "ext0"])
    r1.run(["ip", "link", "set", "ext0", "up"])
    r1.run(["ip", "route", "add", "blackhole", "192.168.20.0/24", "proto", "static"])


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_asbr_twin", HERE, lambda t: build(t, r1_kind="frr"),
                      add_external_sources)


@pytest.fixture(scope="module")
def lab(topo):
    add_external_sources(topo)
    return topo


def wait_externals(router, present=EXTERNALS, absent=()):
    def check():
        rt = ospf_routes(router)
        missing = [p for p in present if p not in rt]
        extra = [p for p in absent if p in rt]
        return (not missing and not extra,
                rt if not missing and not extra else f"missing {missing}, unexpected {extra}: {rt}")

    return poll(check, f"{router.name}: externals {present} present, {absent} absent")


def test_both_labs_converge(lab, twin):
    for t in (lab, twin):
        wait_adjacencies(t)


@pytest.mark.parametrize("name", ["r2", "r4"])
def test_frr_routes_our_externals_as_frrs(lab, twin, name):
    wait_externals(twin.routers[name])
    wait_same_routes(lab.routers[name], twin.routers[name], keys=EXTERNALS)


def test_types_and_metrics(lab):
    rt = wait_externals(lab.routers["r2"])
    assert rt["192.168.10.0/24"]["routeType"] == "N E1"
    assert rt["192.168.10.0/24"]["cost"] == 40  # 10 to r1, plus 30
    assert rt["172.16.1.1/32"]["routeType"] == "N E1"
    assert rt["192.168.20.0/24"]["routeType"] == "N E2"
    assert rt["192.168.20.0/24"]["type2cost"] == 40
    assert rt["0.0.0.0/0"]["routeType"] == "N E2"
    assert rt["0.0.0.0/0"]["type2cost"] == 1  # FRR's metric for `always`
    assert rt["192.168.10.0/24"]["nexthops"] == [("10.0.12.1", "eth-r1")]


def test_asbr_flag_in_show_ip_ospf(lab, twin):
    for t in (lab, twin):
        j = t.routers["r1"].json("show ip ospf json")
        assert j.get("asbrRouter") == "injectingExternalRoutingInformation", j
    assert "This router is an ASBR" in lab.routers["r1"].show("show ip ospf")


def test_bird_installs_the_externals(lab):
    r3 = lab.routers["r3"]
    for p in ("192.168.10.0/24", "172.16.1.1/32", "192.168.20.0/24"):
        wait_route(r3, p, via="10.0.34.4")
    poll(lambda: (any(r.get("dst") == "default" and r.get("gateway") == "10.0.34.4"
                      for r in kernel_routes(r3)), kernel_routes(r3)),
         "r3: default route via r4")
    text = r3.show("show route 192.168.10.0/24 all")
    assert "E1" in text and "(150/50)" in text, text  # 20 to r1, plus 30
    text = r3.show("show route 192.168.20.0/24 all")
    assert "E2" in text and "(150/20/40)" in text, text


def test_static_route_removed_is_withdrawn(lab):
    r1, r2 = lab.routers["r1"], lab.routers["r2"]
    wait_externals(r2)
    r1.run(["ip", "route", "del", "blackhole", "192.168.20.0/24", "proto", "static"])
    wait_externals(r2, [p for p in EXTERNALS if p != "192.168.20.0/24"], ["192.168.20.0/24"])
    wait_route(r2, "192.168.20.0/24", absent=True)
    r1.run(["ip", "route", "add", "blackhole", "192.168.20.0/24", "proto", "static"])
    wait_externals(r2)


def test_redistribute_changes_apply_live(lab):
    r1, r2 = lab.routers["r1"], lab.routers["r2"]
    configure(r1, "router ospf", "redistribute connected metric 50")
    poll(lambda: (ospf_routes(r2).get("192.168.10.0/24", {}).get("type2cost") == 50,
                  ospf_routes(r2)), "r2: 192.168.10.0/24 E2 50")
    configure(r1, "router ospf", "no redistribute connected")
    wait_externals(r2, ["192.168.20.0/24"], ["192.168.10.0/24", "172.16.1.1/32"])
    configure(r1, "router ospf", "redistribute connected metric 30 metric-type 1")
    wait_externals(r2)


def test_max_metric_administrative_moves_traffic_around_us(lab, twin):
    r1, r2 = lab.routers["r1"], lab.routers["r2"]
    wait_route(r2, "10.255.0.4", via="10.0.12.1")  # 20 through r1, 40 through r3
    for t in (lab, twin):
        configure(t.routers["r1"], "router ospf", "max-metric router-lsa administrative")
    try:
        wait_route(r2, "10.255.0.4", via="10.0.23.3")
        # r1's own networks stay reachable through it
        wait_route(r2, "10.255.0.1", via="10.0.12.1")
        wait_route(twin.routers["r2"], "10.255.0.4", via="10.0.23.3")
        wait_same_routes(r2, twin.routers["r2"])
        j = r1.json("show ip ospf json")
        assert j.get("stubAdvertisement") is True, j
        assert j["areas"]["0.0.0.0"].get("indefiniteActiveAdmin") is True, j
    finally:
        for t in (lab, twin):
            configure(t.routers["r1"], "router ospf", "no max-metric router-lsa administrative")
    wait_route(r2, "10.255.0.4", via="10.0.12.1")


def test_route_explain_names_the_lsa_and_the_path_in_the_live_daemon(lab):
    """Ours beyond FRR: `show ip ospf route A.B.C.D/M explain json` on r1 for r3's (BIRD's)
    loopback: r3's router-LSA, a path from r1 to r3 whose last cost is the route's, and the
    route's next hops; an unknown prefix is a message, not a failure."""
    r1 = lab.routers["r1"]
    wait_route(r1, "10.255.0.3/32")

    def check():
        j = r1.json("show ip ospf route 10.255.0.3/32 explain json")
        ok = (j.get("routeType") == "intra-area" and j.get("lsas")
              and j["lsas"][0]["advertisingRouter"] == "10.255.0.3"
              and j["lsas"][0]["lsaType"] == "router-LSA" and len(j.get("spfPath", [])) >= 3)
        return ok, j

    j = poll(check, "r1: explain 10.255.0.3/32")
    path = j["spfPath"]
    assert path[0]["id"] == "10.255.0.1" and path[0]["cost"] == 0
    assert path[-1]["id"] == "10.255.0.3"
    assert path[-1]["cost"] <= j["cost"]  # plus the stub link's metric
    assert sum(h["hopCost"] for h in path) == path[-1]["cost"]
    assert j["nexthops"] and j["pathArea"] == "0.0.0.0"
    text = r1.show("show ip ospf route 10.255.0.3/32 explain")
    assert "SPF path in area 0.0.0.0:" in text and "router-LSA" in text
    assert r1.show("show ip ospf route 10.77.0.0/16 explain") == "No OSPF route to 10.77.0.0/16\n"
