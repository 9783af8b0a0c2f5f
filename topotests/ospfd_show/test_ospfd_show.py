"""Operational commands of our ospfd against FRR on one LSDB: `show ip ospf database TYPE
[A.B.C.D] [adv-router A.B.C.D|self-originate]`, `... max-age`, `show ip ospf neighbor A.B.C.D`,
`clear ip ospf neighbor|process`, `debug ospf ...` and `show debugging`.

      r2 (frr, ASBR) --p2p-- r1 (ospfd, ABR) --p2p-- r4 (frr)   area 0.0.0.1
        \\                    /
         +------ lan1 ------+------ r3 (frr)                   area 0.0.0.0, r1 the DR

    r2 redistributes kernel 192.168.22.0/24: type-5 LSA, and r1 sends a type-4 into area 1.
    r1 and r2 hold the same backbone and AS databases, so every filter must give the same
    LSAs on both, and our JSON must carry every key FRR prints for them.

    The twin lab runs FRR as r1: every JSON key FRR 8.4 prints for `show ip ospf`,
    `interface`, `neighbor [detail]`, `database` and `route` there, our r1 prints too, in
    the same place of the structure (values may differ: timers, uptimes).
"""

import json
import os
import signal
import subprocess
import time

import pytest

from lib.helpers import configure, poll, wait_adjacencies, wait_route
from lib.twin import start_twin

HERE = os.path.dirname(os.path.abspath(__file__))

TYPES = {  # keyword: (FRR's list key, area scoped)
    "router": ("routerLinkStates", True),
    "network": ("networkLinkStates", True),
    "summary": ("summaryLinkStates", True),
    "asbr-summary": ("asbrSummaryLinkStates", True),
    "external": ("asExternalLinkStates", False),
}
# FRR keys our ospfd does not print, each with its reason
FRR_ONLY_KEYS = {
    "translatedFromType7",  # only on FRR's own NSSA translations; none in this lab
}


def build(topo, r1_kind="ospfd"):
    r1 = topo.add_router("r1", r1_kind)
    r2 = topo.add_router("r2", "frr")
    r3 = topo.add_router("r3", "frr")
    r4 = topo.add_router("r4", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")
    topo.add_link(r1, r4, "10.0.14.0/24")
    topo.add_lan("lan1", [r1, r2, r3], "10.0.100.0/24")


def setup_lab(t):
    t.routers["r2"].run(["ip", "route", "replace", "blackhole", "192.168.22.0/24"])
    wait_adjacencies(t)
    wait_route(t.routers["r4"], "192.168.22.0/24")
    wait_route(t.routers["r3"], "10.255.0.4/32")


@pytest.fixture(scope="module")
def lab(topo):
    setup_lab(topo)
    return topo


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_show_twin", HERE, lambda t: build(t, "frr"), setup_lab)


def lsas(router, kind, args="", area="0.0.0.0"):
    """{(lsid, adv): lsa} of `show ip ospf database KIND ARGS json` in area (or the AS)."""
    key, scoped = TYPES[kind]
    j = router.json(f"show ip ospf database {kind} {args} json".replace("  ", " "))
    v = j.get(key, {})
    arr = (v.get("areas", {}).get(area, []) if scoped else v) or []
    return {(l["linkStateId"], l["advertisingRouter"]): l for l in arr if l}


def missing_keys(frr, ours, path=""):
    """Paths of keys FRR prints that ours lacks (values may differ); lists compare as the
    union of their items' keys."""
    out = []
    if isinstance(frr, list) and isinstance(ours, list):
        merged = {}
        for item in ours:
            if isinstance(item, dict):
                merged.update(item)
        for i, item in enumerate(frr):
            out += missing_keys(item, merged, f"{path}/{i}")
        return out
    if not isinstance(frr, dict):
        return out
    if not isinstance(ours, dict):
        return [path or "/"]
    for k, v in frr.items():
        if k in FRR_ONLY_KEYS:
            continue
        if k not in ours:
            out.append(f"{path}/{k}")
        else:
            out += missing_keys(v, ours[k], f"{path}/{k}")
    return out


def generic(path):
    """A key path with the names of this lab (ids, prefixes, interfaces, indexes) as *."""
    return "/" + "/".join("*" if p.isdigit() or "." in p or p.startswith("eth") or
                          p in ("lan1", "lo") else p for p in path.strip("/").split("/"))


SHOW_JSON = ["show ip ospf json", "show ip ospf interface json", "show ip ospf neighbor json",
             "show ip ospf neighbor detail json", "show ip ospf database json",
             "show ip ospf route json"]


@pytest.mark.parametrize("cmd", SHOW_JSON)
def test_every_frr_key_is_ours_too(lab, twin, cmd):
    ours, frr = lab.routers["r1"], twin.routers["r1"]

    def check():
        gaps = sorted(set(generic(p) for p in missing_keys(frr.json(cmd), ours.json(cmd))))
        return (not gaps, "\n".join(gaps))

    poll(check, f"our `{cmd}` has every key FRR prints", timeout=20)


# the FRR router that shares the area with r1, and the area, per type
PEER = {"router": ("r2", "0.0.0.0"), "network": ("r2", "0.0.0.0"), "summary": ("r2", "0.0.0.0"),
        "asbr-summary": ("r4", "0.0.0.1"), "external": ("r2", "0.0.0.0")}


@pytest.mark.parametrize("kind", list(TYPES))
def test_same_lsas_and_keys_as_frr(lab, kind):
    r1 = lab.routers["r1"]
    peer, area = lab.routers[PEER[kind][0]], PEER[kind][1]

    def check():
        ours, frr = lsas(r1, kind, area=area), lsas(peer, kind, area=area)
        return (set(ours) == set(frr) and ours, f"ours {sorted(ours)}\nfrr  {sorted(frr)}")

    poll(check, f"r1 and {peer.name} list the same {kind} LSAs")
    ours, frr = lsas(r1, kind, area=area), lsas(peer, kind, area=area)
    for k in frr:
        assert missing_keys(frr[k], ours[k]) == [], (k, ours[k], frr[k])
        for f in ("lsaType", "linkStateId", "advertisingRouter", "length", "options"):
            assert ours[k][f] == frr[k][f], (k, f, ours[k], frr[k])


@pytest.mark.parametrize("kind", list(TYPES))
def test_filters_select_what_frr_has(lab, kind):
    r1 = lab.routers["r1"]
    peer, area = lab.routers[PEER[kind][0]], PEER[kind][1]
    frr = lsas(peer, kind, area=area)
    assert frr
    for lsid, adv in frr:
        assert set(lsas(r1, kind, lsid, area)) == {k for k in frr if k[0] == lsid}
        assert set(lsas(r1, kind, f"adv-router {adv}", area)) == {k for k in frr if k[1] == adv}
        assert set(lsas(r1, kind, f"{lsid} adv-router {adv}", area)) == {(lsid, adv)}
    mine = {k for k in frr if k[1] == "10.255.0.1"}
    assert set(lsas(r1, kind, "self-originate", area)) == mine
    assert lsas(r1, kind, "adv-router 10.9.9.9", area) == {}


def test_area_one_has_our_asbr_summary(lab):
    r1, r4 = lab.routers["r1"], lab.routers["r4"]
    key = ("10.255.0.2", "10.255.0.1")
    poll(lambda: (key in lsas(r4, "asbr-summary", area="0.0.0.1"), "no type-4 yet"),
         "r4 has r1's ASBR-summary of r2")
    assert lsas(r1, "asbr-summary", area="0.0.0.1")[key]["tos0Metric"] == \
        lsas(r4, "asbr-summary", area="0.0.0.1")[key]["tos0Metric"]


def test_text_detail_as_frr_lays_it_out(lab):
    text = lab.routers["r1"].show("show ip ospf database network")
    for line in ("Net Link States (Area 0.0.0.0)", "LS Type: network-LSA",
                 "Link State ID: 10.0.100.1 (address of Designated Router)",
                 "Attached Router: 10.255.0.3"):
        assert line in text, text
    text = lab.routers["r1"].show("show ip ospf database external")
    assert "Metric Type: 2 (Larger than any link state path)" in text, text
    assert "Link State ID: 192.168.22.0 (External Network Number)" in text, text


def test_max_age_and_self_originate_summary(lab):
    j = lab.routers["r1"].json("show ip ospf database max-age json")
    assert j["routerId"] == "10.255.0.1" and isinstance(j["maxAgeLinkStates"], dict)
    j = lab.routers["r1"].json("show ip ospf database self-originate json")
    for area in j["areas"].values():
        for arr in (v for v in area.values() if isinstance(v, list)):
            assert all(l["advertisedRouter"] == "10.255.0.1" for l in arr), j


def test_neighbor_by_id_has_frr_keys(lab):
    r1, r2 = lab.routers["r1"], lab.routers["r2"]
    for detail in ("", "detail "):
        ours = r1.json(f"show ip ospf neighbor 10.255.0.2 {detail}json")
        frr = r2.json(f"show ip ospf neighbor 10.255.0.1 {detail}json")
        assert list(ours) == ["10.255.0.2"] and len(ours["10.255.0.2"]) == 2, ours
        assert missing_keys(frr["10.255.0.1"][0], ours["10.255.0.2"][0]) == []
    assert r1.json("show ip ospf neighbor 10.9.9.9 json") == {}
    out = r1.run(r1.vtysh_argv() + ["-c", "show ip ospf neighbor 10.9.9.9"], check=False)
    assert "No such neighbor: 10.9.9.9" in out


def frr_state_changes(router, rid):
    return router.json(f"show ip ospf neighbor {rid} detail json")[rid][0]["stateChangeCounter"]


def test_debug_flags_and_clear_neighbor(lab):
    r1, r4 = lab.routers["r1"], lab.routers["r4"]
    r1.show("debug ospf nsm")
    r1.show("debug ospf packet hello recv")
    dbg = r1.show("show debugging")
    assert "OSPF NSM debugging is on" in dbg and "OSPF packet Hello receive debugging is on" in dbg
    before = frr_state_changes(r4, "10.255.0.1")
    r1.show("clear ip ospf neighbor 10.255.0.4")
    poll(lambda: (frr_state_changes(r4, "10.255.0.1") > before, "no change seen by r4"),
         "r4 saw the adjacency reset")
    wait_adjacencies(lab)
    log = r1.logs()["ospfd.log"]
    assert "neighbor 10.255.0.4 cleared" in log
    assert "NSM HelloReceived" in log and "recv Hello from" in log
    r1.show("no debug ospf nsm")
    r1.show("no debug ospf packet hello recv")
    assert "debugging is on" not in r1.show("show debugging")
    out = r1.run(r1.vtysh_argv() + ["-c", "clear ip ospf neighbor 10.9.9.9"], check=False)
    assert "No such neighbor: 10.9.9.9" in out


def clear_r4_and_wait(lab):
    r1, r4 = lab.routers["r1"], lab.routers["r4"]
    before = frr_state_changes(r4, "10.255.0.1")
    r1.show("clear ip ospf neighbor 10.255.0.4")
    poll(lambda: (frr_state_changes(r4, "10.255.0.1") > before, "no change seen by r4"),
         "r4 saw the adjacency reset")
    wait_adjacencies(lab)
    wait_route(r1, "10.255.0.4/32")


def test_lsa_spf_and_kernel_route_debugging(lab):
    """debug ospf lsa|spf|zebra: lines that were not in the log before appear, then stop."""
    r1 = lab.routers["r1"]
    start = len(r1.logs()["ospfd.log"])
    assert "SPF (" not in r1.logs()["ospfd.log"]  # debug lines only under debug ospf spf
    for what in ("lsa", "spf", "zebra"):
        r1.show(f"debug ospf {what}")
    clear_r4_and_wait(lab)
    new = r1.logs()["ospfd.log"][start:]
    assert "SPF (" in new and " routes in " in new, new[-3000:]
    assert "installed router LSA 10.255.0.4/10.255.0.4" in new, new[-3000:]
    assert "kernel routes: " in new and ": done" in new, new[-3000:]
    r1.show("no debug ospf")
    start = len(r1.logs()["ospfd.log"])
    clear_r4_and_wait(lab)
    assert "SPF (" not in r1.logs()["ospfd.log"][start:]


def test_log_level_is_configuration_and_applies_live(lab):
    """log stdout warnings: the adjacency changes (informational) leave the log; no log
    stdout brings them back."""
    r1 = lab.routers["r1"]
    configure(r1, "log stdout warnings")
    assert "log stdout warnings" in r1.show("show running-config").splitlines()
    start = len(r1.logs()["ospfd.log"])
    clear_r4_and_wait(lab)
    assert "AdjChg" not in r1.logs()["ospfd.log"][start:]
    configure(r1, "no log stdout")
    start = len(r1.logs()["ospfd.log"])
    clear_r4_and_wait(lab)
    assert "AdjChg" in r1.logs()["ospfd.log"][start:]


def test_clear_process_restarts_and_recovers(lab):
    r1, r2 = lab.routers["r1"], lab.routers["r2"]
    before = frr_state_changes(r2, "10.255.0.1")
    r1.show("clear ip ospf process")
    poll(lambda: (frr_state_changes(r2, "10.255.0.1") > before, "no change seen by r2"),
         "r2 saw the adjacency reset")
    wait_adjacencies(lab)
    wait_route(lab.routers["r4"], "192.168.22.0/24")
    assert "clear ip ospf process: restarting" in r1.logs()["ospfd.log"]


def start_monitor(router, json_mode):
    """vtysh -c 'monitor ospf events [json]' in router's namespace, in the background."""
    cmd = "monitor ospf events json" if json_mode else "monitor ospf events"
    return subprocess.Popen(["ip", "netns", "exec", router.ns, *router.vtysh_argv(), "-c", cmd],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop_monitor(p):
    """SIGINT (Ctrl-C) ends the stream; vtysh exits 0 with what it printed."""
    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=15)
    assert p.returncode == 0, (p.returncode, out, err)
    return out


def test_monitor_streams_events_until_ctrl_c(lab):
    r1 = lab.routers["r1"]
    mj, mt = start_monitor(r1, True), start_monitor(r1, False)
    try:
        time.sleep(1)
        r1.show("clear ip ospf neighbor 10.255.0.4")
        wait_adjacencies(lab)
    finally:
        out_json, out_text = stop_monitor(mj), stop_monitor(mt)
    events = [json.loads(l) for l in out_json.splitlines() if l.startswith("{")]
    full = [e for e in events if e["event"] == "neighbor" and e["neighbor"] == "10.255.0.4"
            and e["to"] == "Full"]
    assert full, out_json
    assert any(e["event"] == "spf" and int(e["durationUsecs"]) >= 0 for e in events), out_json
    assert any(e["event"] == "lsa" and e["action"] == "originated" for e in events), out_json
    assert "Monitoring OSPF events" in out_text
    assert "neighbor interface=eth-r4 neighbor=10.255.0.4" in out_text and "to=Full" in out_text
    # the daemon forgot both subscribers: it still answers, and a new monitor works
    assert "10.255.0.4" in r1.show("show ip ospf neighbor")


def test_a_router_whose_hellos_we_refuse_is_explained(lab):
    """Beyond FRR: r4 with another HelloInterval never becomes (or stays) our neighbor, and
    `show ip ospf neighbor 10.255.0.4` says which Hello field we refused."""
    r1, r4 = lab.routers["r1"], lab.routers["r4"]
    configure(r4, "interface eth-r1", "ip ospf hello-interval 2")
    try:
        def check():
            out = r1.run(r1.vtysh_argv() + ["-c", "show ip ospf neighbor 10.255.0.4"],
                         check=False)
            return ("No such neighbor" in out and "was refused" in out, out)

        poll(check, "r1 forgot r4 and says why")
        out = r1.run(r1.vtysh_argv() + ["-c", "show ip ospf neighbor 10.255.0.4"], check=False)
        assert "its last Hello, from 10.0.14.4 on eth-r4" in out, out
        assert "ours 1, theirs 2" in out, out
    finally:
        configure(r4, "interface eth-r1", "ip ospf hello-interval 1")
    wait_adjacencies(lab)
