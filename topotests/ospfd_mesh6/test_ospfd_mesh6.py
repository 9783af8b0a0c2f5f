"""Six routers, three of them ours, in a mesh of point-to-point links and one LAN: every
router must hold the same LSDB, and FRR and BIRD must route to every loopback.

        r1 (ospfd) ---------- r2 (ospfd)          p2p links 10.0.XY.0/24 (X < Y),
        |      \\                 | cost 20        router N is .N on each
        |       +-- r5 (frr) -- r4 (frr)
        |            |            |
        |          r6 (bird) ---- | ---- r3 (ospfd)
        |            |            |         |
        +-------- lan1 10.0.100.0/24: r1, r3, r4, r6 (r3 priority 10: the DR)

    links: r1-r2, r1-r5, r2-r4, r4-r5, r5-r6, r3-r6; hello 1, dead 4, retransmit 2
    r1 is configured per interface (ip ospf area), r2 and r3 with network statements.
"""

from lib.helpers import (frr_network_lsa_routers, poll, wait_adjacencies, wait_dr_bdr_agree,
                         wait_frr_router_lsa, wait_loopback_routes, wait_lsdb_equal,
                         wait_route)

ALL = {f"10.255.0.{n}" for n in range(1, 7)}


def build(topo):
    r = {n: topo.add_router(f"r{n}", k) for n, k in
         ((1, "ospfd"), (2, "ospfd"), (3, "ospfd"), (4, "frr"), (5, "frr"), (6, "bird"))}
    for a, b in ((1, 2), (1, 5), (2, 4), (4, 5), (5, 6), (3, 6)):
        topo.add_link(r[a], r[b], f"10.0.{a}{b}.0/24")
    topo.add_lan("lan1", [r[1], r[3], r[4], r[6]], "10.0.100.0/24")


def test_every_adjacency_up(topo):
    wait_adjacencies(topo)


def test_our_r3_is_dr_of_the_lan(topo):
    dr, bdr = wait_dr_bdr_agree(topo, "lan1")
    assert dr == "10.255.0.3"


def test_every_lsdb_identical(topo):
    db = wait_lsdb_equal(topo)
    assert {k[3] for k in db if k[1] == 1} == ALL, db
    assert [(k[2], k[3]) for k in db if k[1] == 2] == [("10.0.100.3", "10.255.0.3")], db


def test_frr_decodes_our_lsas(topo):
    r4 = topo.routers["r4"]
    wait_frr_router_lsa(r4, "10.255.0.2", [("p2p", "10.255.0.1", "10.0.12.2", 10),
                                           ("stub", "10.0.12.0", "255.255.255.0", 10),
                                           ("p2p", "10.255.0.4", "10.0.24.2", 20),
                                           ("stub", "10.0.24.0", "255.255.255.0", 20),
                                           ("stub", "10.255.0.2", "255.255.255.255", 0)])
    wait_frr_router_lsa(r4, "10.255.0.3", [("transit", "10.0.100.3", "10.0.100.3", 10),
                                           ("p2p", "10.255.0.6", "10.0.36.3", 10),
                                           ("stub", "10.0.36.0", "255.255.255.0", 10),
                                           ("stub", "10.255.0.3", "255.255.255.255", 0)])
    wait_frr_router_lsa(r4, "10.255.0.1", [("p2p", "10.255.0.2", "10.0.12.1", 10),
                                           ("stub", "10.0.12.0", "255.255.255.0", 10),
                                           ("p2p", "10.255.0.5", "10.0.15.1", 10),
                                           ("stub", "10.0.15.0", "255.255.255.0", 10),
                                           ("transit", "10.0.100.3", "10.0.100.1", 10),
                                           ("stub", "10.255.0.1", "255.255.255.255", 0)])
    lan = {"10.255.0.1", "10.255.0.3", "10.255.0.4", "10.255.0.6"}
    poll(lambda: (frr_network_lsa_routers(r4, "10.0.100.3") == lan,
                  frr_network_lsa_routers(r4, "10.0.100.3")), "network-LSA of lan1 lists all four")


def test_frr_and_bird_reach_every_loopback(topo):
    r4, r5, r6 = (topo.routers[n] for n in ("r4", "r5", "r6"))
    # r6 to r3: the p2p link and the LAN, both cost 10: two equal paths
    wait_route(r6, "10.255.0.3/32", via=["10.0.36.3", "10.0.100.3"])
    wait_route(r4, "10.255.0.2/32", via="10.0.24.2")
    # r5 to r2: through our r1 (10 + 10) or FRR's r4 (10 + 10): two equal paths
    wait_route(r5, "10.255.0.2/32", via=["10.0.15.1", "10.0.45.4"])
    wait_loopback_routes(topo)


def test_link_between_two_of_ours_flaps(topo):
    link = topo.link("r1", "r2")
    link.down(topo.routers["r1"])
    try:
        wait_adjacencies(topo)
        wait_lsdb_equal(topo)
        # r2's router-LSA no longer lists r1
        wait_frr_router_lsa(topo.routers["r4"], "10.255.0.2",
                            [("p2p", "10.255.0.4", "10.0.24.2", 20),
                             ("stub", "10.0.24.0", "255.255.255.0", 20),
                             ("stub", "10.255.0.2", "255.255.255.255", 0)])
    finally:
        link.up(topo.routers["r1"])
    wait_adjacencies(topo)
    wait_lsdb_equal(topo)
