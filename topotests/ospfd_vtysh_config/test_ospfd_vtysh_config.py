"""Our ospfd configured only through `vtysh -c` at run time, from an empty configuration,
reaches the state a configuration file gives (the twin lab); live changes reach FRR; bad
commands of every kind are answered with a message, a failing exit status, and change nothing.

      r2 (frr) --p2p, area 0-- r1 (ospfd) --p2p, area 0.0.0.1-- r3 (frr)

    hello 1, dead 4, retransmit 2. r1's ospfd.conf is empty; file/r1/ospfd.conf holds what
    the vtysh commands below configure, for the twin.
"""

import os
import subprocess

import pytest

from lib.helpers import configure, poll, wait_adjacencies, wait_frr_router_lsa
from lib.twin import ospf_routes, start_twin, wait_same_routes

HERE = os.path.dirname(os.path.abspath(__file__))
TIMERS = ["ip ospf hello-interval 1", "ip ospf dead-interval 4", "ip ospf retransmit-interval 2"]
RUNTIME = [
    "hostname r1",
    "interface lo", "ip ospf area 0.0.0.0", "ip ospf passive", "exit",
    "interface eth-r2", "ip ospf area 0.0.0.0", "ip ospf network point-to-point", *TIMERS, "exit",
    "interface eth-r3", "ip ospf area 0.0.0.1", "ip ospf network point-to-point", *TIMERS, "exit",
    "router ospf", "ospf router-id 10.255.0.1",
]


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    r3 = topo.add_router("r3", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")
    topo.add_link(r1, r3, "10.0.13.0/24")


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_vtysh_config_twin", os.path.join(HERE, "file"), build)


@pytest.fixture(scope="module")
def lab(topo):
    r1 = topo.routers["r1"]
    assert r1.json("show running-config json") in ({}, {"ospfd:system": {}})
    configure(r1, *RUNTIME)
    return topo


def vtysh(router, *cmds):
    """vtysh -c CMD... on router: (exit status, everything it printed)."""
    argv = [*router.vtysh_argv()]
    for c in cmds:
        argv += ["-c", c]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=15)
    return r.returncode, r.stdout + r.stderr


def test_runtime_configuration_equals_the_file(lab, twin):
    wait_adjacencies(lab)
    wait_adjacencies(twin)
    ours, theirs = lab.routers["r1"], twin.routers["r1"]
    assert ours.show("show running-config") == theirs.show("show running-config")
    assert ours.json("show running-config json") == theirs.json("show running-config json")
    for name in ("r1", "r2", "r3"):
        wait_same_routes(lab.routers[name], twin.routers[name],
                         ready=lambda t: "10.255.0.3/32" in t and "10.255.0.2/32" in t)


def test_a_cost_change_reaches_frr(lab):
    """r1's cost towards r3 moves r1's summary of r3's loopback, hence r2's route to it."""
    r1, r2, r3 = lab.routers["r1"], lab.routers["r2"], lab.routers["r3"]
    configure(r1, "interface eth-r3", "ip ospf cost 50")
    wait_frr_router_lsa(r3, "10.255.0.1", [("p2p", "10.255.0.3", "10.0.13.1", 50),
                                           ("stub", "10.0.13.0", "255.255.255.0", 50)],
                        area="0.0.0.1")
    poll(lambda: (ospf_routes(r2).get("10.255.0.3/32", {}).get("cost") == 60, ospf_routes(r2)),
         "r2 reaches r3's loopback at 10 + 50")
    configure(r1, "interface eth-r3", "no ip ospf cost")
    poll(lambda: (ospf_routes(r2).get("10.255.0.3/32", {}).get("cost") == 20, ospf_routes(r2)),
         "back to 10 + 10")


def frr_full(router, rid):
    n = router.json("show ip ospf neighbor json").get("neighbors", {}).get(rid, [])
    return any(x.get("nbrState", "").startswith("Full") for x in n)


def test_a_hello_interval_mismatch_drops_the_adjacency_and_matching_brings_it_back(lab):
    r1, r2 = lab.routers["r1"], lab.routers["r2"]
    configure(r1, "interface eth-r2", "ip ospf hello-interval 2")
    poll(lambda: (not frr_full(r2, "10.255.0.1"), "still Full"),
         "r2 drops r1 (RFC 2328 10.5: HelloInterval must match)")
    configure(r2, "interface eth-r1", "ip ospf hello-interval 2")
    poll(lambda: (frr_full(r2, "10.255.0.1"), "not Full"), "Full again once both say 2")
    configure(r2, "interface eth-r1", "ip ospf hello-interval 1")
    configure(r1, "interface eth-r2", "ip ospf hello-interval 1")
    poll(lambda: (frr_full(r2, "10.255.0.1"), "not Full"), "Full at hello 1")


def test_an_area_type_change_reaches_frr(lab):
    r1, r3 = lab.routers["r1"], lab.routers["r3"]
    configure(r1, "router ospf", "area 0.0.0.1 stub")
    # the E bit now differs (RFC 2328 10.5): r3 loses r1 until it is stub too
    poll(lambda: (not frr_full(r3, "10.255.0.1"), "still Full"), "r3 drops r1")
    configure(r3, "router ospf", "area 0.0.0.1 stub")
    poll(lambda: (frr_full(r3, "10.255.0.1"), "not Full"), "Full as stub on both sides")
    poll(lambda: (ospf_routes(r3).get("0.0.0.0/0", {}).get("routeType") == "N IA",
                  ospf_routes(r3)), "r3 gets r1's default summary into the stub area")
    assert " area 0.0.0.1 stub" in lab.routers["r1"].show("show running-config").splitlines()


BAD = [  # (commands, what the message says)
    (["configure terminal", "router ospf", "frobnicate"], "Unknown command"),
    (["configure terminal", "interface eth-r2", "ip ospf cost 70000"], "Invalid value"),
    (["configure terminal", "interface eth-r2", "ip ospf hello-interval 0"], "Invalid value"),
    (["configure terminal", "router ospf", "ospf router-id 300.1.1.1"], "Invalid value"),
    (["configure terminal", "router ospf", "network 10.0.0.0/33 area 0"], "Invalid value"),
    (["configure terminal", "router ospf", "area 0.0.0.1"], "Command incomplete"),
    (["configure terminal", "router ospf", "ma"], "Ambiguous command"),  # max-metric|maximum-paths
    (["configure terminal", "router ospf", "area 0 stub"],
     "The backbone area cannot be stub or NSSA"),
    (["configure terminal", "router ospf", "area 0.0.0.1 virtual-link 10.255.0.3"],
     "cannot be stub or NSSA"),
    (["configure terminal", "interface eth-r2", "ip ospf area 0.0.0.0.1"], "Invalid value"),
    (["show ip ospf neighbor 1.2.3"], "Invalid value"),
    (["clear ip ospf neighbor 10.9.9.9"], "No such neighbor"),
]


@pytest.mark.parametrize("cmds,message", BAD, ids=[" / ".join(c) for c, _ in BAD])
def test_a_bad_command_says_why_fails_and_changes_nothing(lab, cmds, message):
    r1 = lab.routers["r1"]
    before = r1.show("show running-config")
    rc, out = vtysh(r1, *cmds)
    assert rc != 0 or message == "No such neighbor", (rc, out)
    assert message in out, out
    assert r1.show("show running-config") == before
    assert frr_full(lab.routers["r2"], "10.255.0.1")
