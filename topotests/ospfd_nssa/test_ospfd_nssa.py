"""NSSA (RFC 3101): our ospfd as the NSSA border router translating type-7 LSAs into type-5,
and as a plain NSSA member computing type-7 routes, each as FRR does in its place.

The lab is built three times: with our ospfd as r1 and r4, with our ospfd as r4 only (behind
an FRR border router), and (the twin) with FRR everywhere. Every router's
`show ip ospf route json` must be equal in all of them.

      area 0.0.0.0               area 0.0.0.1 (NSSA)
      r2 (frr) -- r1 (ospfd | frr, ABR) -- r3 (frr, NSSA ASBR) -- r4 (ospfd | frr)
                     |                        |
                     |                        r6 (bird, NSSA member)
                     r5 (frr, NSSA ASBR)  area 0.0.0.2 (NSSA, no-summary at r1)

    p2p links 10.0.XY.0/24; every cost 10; hello 1, dead 4, retransmit 2.
    r3 redistributes kernel 192.168.33.0/24 (type-7, E2 20), r5 192.168.55.0/24 (E2 30).
    r1 translates both into type-5 LSAs: r2 gets them as E2 routes, with the forwarding
    address FRR's ASBR put in the type-7 LSA.

    One known difference: FRR 8.4's translator announces 192.168.55.0/24 with metric 20 (its
    default external metric), not the type-7 LSA's 30; we copy the metric (RFC 3101 3.2).
    FRR 8.4's NSSA border router sends a type-3 default into both NSSAs (not a type-7
    default, with or without no-summary); so do we.
"""

import os

import pytest

from lib.helpers import configure, kernel_routes, poll, route_nexthops, wait_adjacencies
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))
KERNEL = {"r3": "192.168.33.0/24", "r5": "192.168.55.0/24"}


def build(topo, kind="ospfd", member_kind=None):
    r = {1: topo.add_router("r1", kind),
         2: topo.add_router("r2", "frr"),
         3: topo.add_router("r3", "frr"),
         4: topo.add_router("r4", member_kind or kind),
         5: topo.add_router("r5", "frr"),
         6: topo.add_router("r6", "bird")}
    topo.add_link(r[1], r[2], "10.0.12.0/24")
    topo.add_link(r[1], r[3], "10.0.13.0/24")
    topo.add_link(r[3], r[4], "10.0.34.0/24")
    topo.add_link(r[1], r[5], "10.0.15.0/24")
    topo.add_link(r[3], r[6], "10.0.36.0/24")


def add_kernel_routes(topo):
    for name, prefix in KERNEL.items():
        topo.routers[name].run(["ip", "route", "replace", "blackhole", prefix])


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_nssa_twin", HERE, lambda t: build(t, kind="frr"),
                      add_kernel_routes)


@pytest.fixture(scope="module")
def member_lab(request):
    """FRR as the border router, our ospfd as the plain NSSA member r4."""
    return start_twin(request, "ospfd_nssa_member", HERE,
                      lambda t: build(t, kind="frr", member_kind="ospfd"), add_kernel_routes)


@pytest.fixture(scope="module")
def lab(topo):
    add_kernel_routes(topo)
    return topo


def test_all_labs_converge(lab, member_lab, twin):
    for t in (lab, member_lab, twin):
        wait_adjacencies(t)


@pytest.mark.parametrize("which", ["abr", "member"])
@pytest.mark.parametrize("name", ["r2", "r3", "r4", "r5", "r1"])
def test_routes_as_in_the_frr_twin(lab, member_lab, twin, name, which):
    ours = (lab if which == "abr" else member_lab).routers[name]
    theirs = twin.routers[name]
    # the twin is complete once r2 has both translations
    wanted = set(KERNEL.values()) if name == "r2" else set()

    def frr_translator_metric(b):
        # FRR's translator drops the type-7 metric (see above)
        if name == "r2" and which == "abr" and "192.168.55.0/24" in b:
            b["192.168.55.0/24"]["type2cost"] = 30

    wait_same_routes(ours, theirs, ready=lambda b: wanted <= set(b), adjust=frr_translator_metric)


def test_backbone_gets_translated_e2_routes(lab):
    r2 = ospf_routes(lab.routers["r2"])
    for prefix, metric in (("192.168.33.0/24", 20), ("192.168.55.0/24", 30)):
        assert r2[prefix]["routeType"] == "N E2", r2
        assert r2[prefix]["type2cost"] == metric, r2


def type5(router, prefix):
    """The type-5 LSAs for prefix in router's database: what a translation carries."""
    db = router.json("show ip ospf database external json")
    keys = ("advertisingRouter", "options", "networkMask", "metricType", "metric",
            "forwardAddress", "externalRouteTag")
    return [{k: lsa.get(k) for k in keys} for lsa in db.get("asExternalLinkStates", []) or []
            if lsa.get("linkStateId") == prefix.split("/")[0]]


def test_translated_lsas_as_frr_translates(lab, twin):
    """RFC 3101 3.2: one type-5 LSA of r1 per type-7 LSA, the forwarding address kept."""
    def check():
        a = {p: type5(lab.routers["r2"], p) for p in KERNEL.values()}
        b = {p: type5(twin.routers["r2"], p) for p in KERNEL.values()}
        for lsa in b.get("192.168.55.0/24", []):
            lsa["metric"] = 30  # FRR's translator drops the type-7 metric (see above)
        return (a == b and all(len(v) == 1 for v in a.values()), f"ours {a}\nfrr  {b}")

    poll(check, "r2 holds the same type-5 translations from our ABR as from FRR's")
    r2 = lab.routers["r2"]
    assert type5(r2, "192.168.33.0/24")[0]["forwardAddress"] == "10.0.13.3"
    assert type5(r2, "192.168.55.0/24")[0]["metric"] == 30


def test_member_has_the_type7_route(member_lab):
    r4 = ospf_routes(member_lab.routers["r4"])
    assert r4["192.168.33.0/24"]["routeType"] == "N E2", r4
    assert r4["192.168.33.0/24"]["type2cost"] == 20, r4


def bird_kernel_routes(router):
    """{prefix: (metric, sorted next hops)} of the routes BIRD put in the kernel."""
    return {r["dst"]: (r.get("metric"), sorted(route_nexthops(r)))
            for r in kernel_routes(router) if r.get("protocol") == "bird"}


def test_bird_member_routes_as_with_frr_everywhere(lab, member_lab, twin):
    """BIRD in the NSSA: the type-7 route of r3, the type-3 default ("default" in ip -j) and
    summaries of the border router, r4's loopback: the same in the kernel whichever daemon
    r1 and r4 run."""
    wanted = {"default", "192.168.33.0/24", "10.255.0.2", "10.255.0.4", "10.0.12.0/24"}

    def check():
        want = bird_kernel_routes(twin.routers["r6"])
        missing = wanted - set(want)
        if missing:
            return (False, f"twin still lacks {sorted(missing)}")
        diffs = {}
        for label, t in (("abr", lab), ("member", member_lab)):
            got = bird_kernel_routes(t.routers["r6"])
            d = {k: (got.get(k), want.get(k)) for k in set(got) | set(want)
                 if got.get(k) != want.get(k)}
            if d:
                diffs[label] = d
        return (not diffs, f"differ (ours, frr): {diffs}")

    poll(check, "r6 (BIRD) has the same kernel routes in all three labs")


def test_default_cost_changed_live(lab):
    """`area X default-cost N` on our ABR: the default summary is re-originated with it."""
    r1, r5 = lab.routers["r1"], lab.routers["r5"]
    configure(r1, "router ospf", "area 0.0.0.2 default-cost 7")
    poll(lambda: (ospf_routes(r5).get("0.0.0.0/0", {}).get("cost") == 17, ospf_routes(r5)),
         "r5's default costs 10 + 7")
    assert "area 0.0.0.2 default-cost 7" in r1.show("show running-config")
