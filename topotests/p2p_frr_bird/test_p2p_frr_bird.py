"""FRR and BIRD on one point-to-point link.

    r1 (frr) eth-r2 10.0.12.1/24 ---- 10.0.12.2/24 eth-r1 r2 (bird)
    loopbacks 10.255.0.1/32, 10.255.0.2/32 (= router ids)
"""

from lib.helpers import (find_route, wait_adjacencies, wait_converged, wait_json,
                         wait_lsdb_equal, wait_route)


def build(topo):
    r1 = topo.add_router("r1", "frr")
    r2 = topo.add_router("r2", "bird")
    topo.add_link(r1, r2, "10.0.12.0/24")


def test_full_adjacency_both_ways(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    wait_json(r1, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.2": [{"nbrState": "Full/-",
                                             "ifaceName": "eth-r2:10.0.12.1"}]}})
    # BIRD's text output, emulated in FRR's JSON shape
    wait_json(r2, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.1": [{"nbrState": "Full/-",
                                             "ifaceName": "eth-r1:10.0.12.2"}]}})
    wait_adjacencies(topo)


def test_interfaces_are_point_to_point(topo):
    for r, ifname in ((topo.routers["r1"], "eth-r2"), (topo.routers["r2"], "eth-r1")):
        wait_json(r, "show ip ospf interface json",
                  {"interfaces": {ifname: {"state": "Point-To-Point",
                                           "networkType": "POINTOPOINT"}}})


def test_kernel_routes_to_loopbacks(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    wait_route(r1, "10.255.0.2/32", via="10.0.12.2")
    wait_route(r2, "10.255.0.1/32", via="10.0.12.1")
    assert find_route(r1, "10.255.0.2/32")["protocol"] == "ospf"
    assert find_route(r2, "10.255.0.1/32")["protocol"] == "bird"


def test_lsdbs_identical(topo):
    db = wait_lsdb_equal(topo)
    routers = {(t, adv) for _, t, _, adv, _, _ in db}
    assert {(1, "10.255.0.1"), (1, "10.255.0.2")} <= routers


def test_loopbacks_reach_each_other(topo):
    out = topo.routers["r1"].run("ping -c 1 -W 2 -I 10.255.0.1 10.255.0.2")
    assert "1 received" in out


def test_bird_restart_reconverges(topo):
    topo.routers["r2"].restart()
    wait_converged(topo)
