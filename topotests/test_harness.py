"""The harness itself: JSON subsets, output parsers, cleanup after a crash or a signal."""

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from lib import proc, state
from lib.helpers import json_diff
from lib.routers import (bird_interfaces_from_text, bird_lsdb_from_text,
                         bird_neighbors_from_text, frr_lsdb_from_json)

HERE = os.path.dirname(os.path.abspath(__file__))


def test_json_subset():
    actual = {"neighbors": {"10.255.0.2": [{"nbrState": "Full/DR", "x": 1},
                                           {"nbrState": "Init/-"}]},
              "other": 5}
    assert json_diff({"neighbors": {"10.255.0.2": [{"nbrState": "Full/DR"}]}}, actual) == []
    assert json_diff({"other": None}, actual) == ["$.other: expected absent, got 5"]
    assert json_diff({"gone": None}, actual) == []
    assert json_diff({"neighbors": {"10.255.0.9": []}}, actual)
    d = json_diff({"neighbors": {"10.255.0.2": [{"nbrState": "Full/-"}]}}, actual)
    assert d and "Full/-" in d[0]
    assert json_diff([], [1]) == ["$: expected empty, got 1 items"]


def test_bird_text_parsers():
    nbrs = bird_neighbors_from_text(textwrap.dedent("""\
        BIRD 2.0.12 ready.
        ospf1:
        Router ID   \tPri\t     State     \tDTime\tInterface  Router IP
        10.255.0.1  \t  1\tFull/PtP  \t 3.488\teth-r1     10.0.12.1
        10.255.0.3  \t  5\t2-Way/Other\t 3.100\tlan1       10.0.100.3
        """))
    assert nbrs == [
        {"rid": "10.255.0.1", "priority": 1, "state": "Full", "role": "-", "iface": "eth-r1",
         "address": "10.0.12.1"},
        {"rid": "10.255.0.3", "priority": 5, "state": "2-Way", "role": "DROther", "iface": "lan1",
         "address": "10.0.100.3"}]
    ifs = bird_interfaces_from_text(textwrap.dedent("""\
        BIRD 2.0.12 ready.
        ospf1:
        Interface lan1 (10.0.100.0/24)
        \tType: broadcast
        \tArea: 0.0.0.0 (0)
        \tState: DR
        \tPriority: 10
        \tCost: 10
        \tDesignated router (ID): 10.255.0.2
        \tDesignated router (IP): 10.0.100.2
        \tBackup designated router (ID): 10.255.0.3
        \tBackup designated router (IP): 10.0.100.3
        """))
    assert ifs["lan1"]["state"] == "DR" and ifs["lan1"]["type"] == "BROADCAST"
    assert (ifs["lan1"]["dr"], ifs["lan1"]["bdr"]) == ("10.255.0.2", "10.255.0.3")
    db = bird_lsdb_from_text(textwrap.dedent("""\
        BIRD 2.0.12 ready.

        Global

         Type   LS ID           Router          Sequence   Age  Checksum
         0005  172.16.1.0      10.255.0.1       80000001     3    ba3b

        Area 0.0.0.0

         Type   LS ID           Router          Sequence   Age  Checksum
         0001  10.255.0.1      10.255.0.1       80000004    15    2d94
         0002  10.0.100.2      10.255.0.2       80000002  3600    1262
        """))
    assert db == {("AS", 5, "172.16.1.0", "10.255.0.1", 0x80000001, 0xba3b),
                  ("0.0.0.0", 1, "10.255.0.1", "10.255.0.1", 0x80000004, 0x2d94)}
    # The same LSDB as FRR 8.4 prints it, with the MaxAge LSA left out as well.
    frr = {"routerId": "10.255.0.1",
           "areas": {"0.0.0.0": {
               "routerLinkStates": [{"lsId": "10.255.0.1", "advertisedRouter": "10.255.0.1",
                                     "lsaAge": 15, "sequenceNumber": "80000004",
                                     "checksum": "2d94", "numOfRouterLinks": 3}],
               "routerLinkStatesCount": 1,
               "networkLinkStates": [{"lsId": "10.0.100.2", "advertisedRouter": "10.255.0.2",
                                      "lsaAge": 3600, "sequenceNumber": "80000002",
                                      "checksum": "1262"}],
               "networkLinkStatesCount": 1}},
           "asExternalLinkStates": [{"lsId": "172.16.1.0", "advertisedRouter": "10.255.0.1",
                                     "lsaAge": 3, "sequenceNumber": "80000001",
                                     "checksum": "ba3b", "metricType": "E2",
                                     "route": "172.16.1.0/24", "tag": 0}],
           "asExternalLinkStatesCount": 1}
    assert frr_lsdb_from_json(frr) == db


# A lab in a child process: FRR r1 and BIRD r2 from p2p_frr_bird/, started, then idle.
CHILD = textwrap.dedent("""
    import json, signal, sys, time
    # A shell starts background jobs with SIGINT ignored, and children inherit that.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.path.insert(0, {here!r})
    from lib.topo import Topology
    t = Topology("harness", {confdir!r})
    r1 = t.add_router("r1", "frr")
    r2 = t.add_router("r2", "bird")
    t.add_link(r1, r2, "10.0.12.0/24")
    t.start()
    print(json.dumps({{"state": t.state.path, "namespaces": t.namespaces(), "procs": t.started}}),
          flush=True)
    time.sleep(120)
""")


@pytest.fixture
def child_lab():
    """Start the child lab; whatever the test does, kill the child and remove its lab after."""
    code = CHILD.format(here=HERE, confdir=os.path.join(HERE, "p2p_frr_bird"))
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        if not line:
            pytest.fail(f"child lab did not start: {child.communicate(timeout=30)[1]}")
        info = json.loads(line)
        assert all(os.path.exists(f"/run/netns/{ns}") for ns in info["namespaces"])
        assert len(info["procs"]) == 3 and all(proc.is_ours(r) for r in info["procs"])
        yield child, info
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate(timeout=10)
        state.clean_stale(log=lambda m: None)  # its lab, if the test left it


def assert_gone(info):
    assert not [ns for ns in info["namespaces"] if os.path.exists(f"/run/netns/{ns}")]
    assert not [r for r in info["procs"] if proc.alive(r)]
    assert not os.path.exists(os.path.dirname(info["state"]))


def test_lab_of_a_killed_run_is_removed_at_next_start(child_lab):
    child, info = child_lab
    child.kill()  # SIGKILL: no atexit, no finalizer; the daemons keep running
    child.communicate(timeout=10)
    st = state.LabState.load(info["state"])
    assert st is not None and not st.owner_alive()
    assert all(proc.alive(r) for r in info["procs"])
    # What every session does first:
    cleaned = state.clean_stale(log=lambda m: None)
    assert st.data["id"] in cleaned
    assert_gone(info)


def test_sigterm_tears_the_lab_down(child_lab):
    child, info = child_lab
    child.send_signal(signal.SIGTERM)
    child.communicate(timeout=30)
    assert_gone(info)


def test_a_live_owner_protects_its_lab_and_ctrl_c_tears_it_down(child_lab):
    child, info = child_lab
    state.clean_stale(log=lambda m: None)
    assert all(proc.alive(r) for r in info["procs"])
    assert all(os.path.exists(f"/run/netns/{ns}") for ns in info["namespaces"])
    child.send_signal(signal.SIGINT)
    child.communicate(timeout=30)
    assert_gone(info)
