"""Our ospfd and FRR on one point-to-point link, then failures.

    r1 (ospfd) eth-r2 10.0.12.1/24 ---- 10.0.12.2/24 eth-r1 r2 (frr)
    loopbacks 10.255.0.1/32, 10.255.0.2/32 (= router ids); hello 1, dead 4, retransmit 2

Our ospfd computes no routes yet, so routes are checked on FRR only: its route to our
loopback through our address proves that our router-LSA describes the link and the stub.
"""

from lib.helpers import (lsa_seq, wait_adjacencies, wait_frr_router_lsa, wait_json,
                         wait_lsas_superseded, wait_lsdb_equal, wait_route)


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")


def routers(topo):
    return topo.routers["r1"], topo.routers["r2"]


def test_full_adjacency_both_ways(topo):
    r1, r2 = routers(topo)
    wait_json(r1, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.2": [{"nbrState": "Full/-", "ifaceAddress": "10.0.12.2",
                                             "ifaceName": "eth-r2:10.0.12.1"}]}})
    wait_json(r2, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.1": [{"nbrState": "Full/-", "ifaceAddress": "10.0.12.1",
                                             "ifaceName": "eth-r1:10.0.12.2"}]}})
    wait_adjacencies(topo)


def test_interfaces(topo):
    r1, r2 = routers(topo)
    wait_json(r1, "show ip ospf interface json",
              {"interfaces": {"eth-r2": {"state": "Point-To-Point", "networkType": "POINTOPOINT",
                                         "cost": 10},
                              "lo": {"state": "Loopback"}}})
    wait_json(r2, "show ip ospf interface eth-r1 json",
              {"interfaces": {"eth-r1": {"state": "Point-To-Point",
                                         "networkType": "POINTOPOINT"}}})


def test_lsdbs_identical(topo):
    db = wait_lsdb_equal(topo)
    assert {(t, adv) for _, t, _, adv, _, _ in db} == {(1, "10.255.0.1"), (1, "10.255.0.2")}, db


def test_frr_routes_to_our_loopback_through_us(topo):
    r1, r2 = routers(topo)
    wait_route(r2, "10.255.0.1/32", via="10.0.12.1")
    # and our router-LSA as FRR decoded it: a p2p link to r2, the link's subnet, our /32
    wait_frr_router_lsa(r2, "10.255.0.1", [("p2p", "10.255.0.2", "10.0.12.1", 10),
                                           ("stub", "10.0.12.0", "255.255.255.0", 10),
                                           ("stub", "10.255.0.1", "255.255.255.255", 0)])


def test_link_flap_recovers(topo):
    r1, r2 = routers(topo)
    link = topo.link("r1", "r2")
    link.down(r1)  # our end down; FRR's end loses carrier
    try:
        wait_route(r2, "10.255.0.1/32", absent=True)
        wait_json(r1, "show ip ospf neighbor json", {"neighbors": {"10.255.0.2": None}})
        wait_json(r2, "show ip ospf neighbor json", {"neighbors": {"10.255.0.1": None}})
    finally:
        link.up(r1)
    wait_adjacencies(topo)
    wait_lsdb_equal(topo)
    wait_route(r2, "10.255.0.1/32", via="10.0.12.1")


def test_frr_killed_with_sigkill_then_restarted(topo):
    r1, r2 = routers(topo)
    r2.kill()
    # our ospfd notices after the dead interval
    wait_json(r1, "show ip ospf neighbor json", {"neighbors": {"10.255.0.2": None}}, timeout=15)
    r2.start()
    wait_adjacencies(topo)
    wait_lsdb_equal(topo)
    wait_route(r2, "10.255.0.1/32", via="10.0.12.1")


def test_ospfd_killed_with_sigkill_rejoins_with_newer_lsas(topo):
    r1, r2 = routers(topo)
    wait_lsdb_equal(topo)
    before = lsa_seq(r2, 1, "10.255.0.1", "10.255.0.1")
    assert before is not None
    r1.kill()
    r1.start()
    # RFC 2328 13.4: the restarted ospfd learns its old router-LSA from FRR and must
    # supersede it with a higher sequence number
    wait_adjacencies(topo)
    wait_lsas_superseded(topo, [r2], {(1, "10.255.0.1", "10.255.0.1"): before})
    wait_route(r2, "10.255.0.1/32", via="10.0.12.1")
