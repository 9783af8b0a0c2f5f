"""Our ospfd configured from a YANG JSON file, peering with FRR on a point-to-point link;
then its configuration read back (`show running-config`, `... json`) and saved (`write
memory`: FRR-style commands replace the file, the previous one is kept as .bak); then changed
in configuration mode and applied live: a cost reaches FRR in a new router-LSA, a refused
command changes nothing, a new router id restarts the instance.

    r1 (ospfd) eth-r2 10.0.12.1/24 ---- 10.0.12.2/24 eth-r1 r2 (frr)
"""

import json
import os
import subprocess

from lib.helpers import wait_adjacencies, wait_frr_router_lsa, wait_json


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")


def source_json():
    with open(os.path.join(os.path.dirname(__file__), "r1", "ospfd.conf")) as f:
        return json.load(f)


def test_a_json_configuration_forms_the_adjacency(topo):
    r1 = topo.routers["r1"]
    wait_json(r1, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.2": [{"nbrState": "Full/-"}]}})
    wait_json(r1, "show ip ospf interface json",
              {"interfaces": {"eth-r2": {"networkType": "POINTOPOINT", "cost": 10},
                              "lo": {"state": "Loopback"}}})
    wait_adjacencies(topo)


def test_show_running_config_renders_the_commands(topo):
    text = topo.routers["r1"].show("show running-config")
    for line in ("hostname r1", "interface eth-r2", " ip ospf hello-interval 1",
                 " ip ospf network point-to-point", "router ospf",
                 " ospf router-id 10.255.0.1", " area 0.0.0.1 stub no-summary",
                 " maximum-paths 8", "end"):
        assert line in text.splitlines(), (line, text)


def test_show_running_config_json_is_the_file(topo):
    assert topo.routers["r1"].json("show running-config json") == source_json()


def test_write_memory_saves_commands_and_keeps_the_json_as_backup(topo):
    r1 = topo.routers["r1"]
    conf = os.path.join(r1.dir, "ospfd.conf")
    out = r1.show("write memory")
    assert "[OK]" in out, out
    with open(conf + ".bak") as f:
        assert json.load(f) == source_json()
    with open(conf) as f:
        saved = f.read()
    assert " ip ospf dead-interval 4\n" in saved, saved
    check = subprocess.run([r1.binary(), "-C", "-f", conf], capture_output=True, text=True,
                           timeout=15)
    assert check.returncode == 0, check.stdout + check.stderr
    # nothing restarted: the adjacency is still up
    wait_json(r1, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.2": [{"nbrState": "Full/-"}]}})


def configure(r1, *cmds):
    """Runs cmds in configuration mode of r1; the CompletedProcess."""
    argv = [*r1.vtysh_argv(), "-c", "configure terminal"]
    for cmd in cmds:
        argv += ["-c", cmd]
    return subprocess.run(argv, capture_output=True, text=True, timeout=15)


def state_changes(r1):
    n = r1.json("show ip ospf neighbor detail json")["neighbors"]["10.255.0.2"][0]
    return n["stateChangeCounter"]


def test_a_cost_change_reaches_frr_without_a_restart(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    changes = state_changes(r1)
    r = configure(r1, "interface eth-r2", "ip ospf cost 33")
    assert r.returncode == 0, r
    wait_frr_router_lsa(r2, "10.255.0.1", [("p2p", "10.255.0.2", "10.0.12.1", 33),
                                           ("stub", "10.0.12.0", "255.255.255.0", 33),
                                           ("stub", "10.255.0.1", "255.255.255.255", 0)])
    # the adjacency was never reset
    assert state_changes(r1) == changes


def test_a_refused_command_says_why_and_changes_nothing(topo):
    r1 = topo.routers["r1"]
    before = r1.json("show running-config json")
    r = configure(r1, "router ospf", "area 0 stub")
    assert r.returncode == 1, r
    assert "The backbone area cannot be stub or NSSA" in r.stdout + r.stderr, r
    assert r1.json("show running-config json") == before


def test_a_new_router_id_restarts_the_instance(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    r = configure(r1, "router ospf", "ospf router-id 10.255.0.9")
    assert r.returncode == 0, r
    wait_json(r1, "show ip ospf json", {"routerId": "10.255.0.9"})
    wait_json(r2, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.9": [{"nbrState": "Full/-"}]}})
    assert " ospf router-id 10.255.0.9" in r1.show("show running-config").splitlines()
