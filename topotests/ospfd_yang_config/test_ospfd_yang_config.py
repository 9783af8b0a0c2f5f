"""Our ospfd configured from a YANG JSON file, peering with FRR on a point-to-point link;
then its configuration read back (`show running-config`, `... json`) and saved (`write
memory`: FRR-style commands replace the file, the previous one is kept as .bak).

    r1 (ospfd) eth-r2 10.0.12.1/24 ---- 10.0.12.2/24 eth-r1 r2 (frr)
"""

import json
import os
import subprocess

from lib.helpers import wait_adjacencies, wait_json


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
