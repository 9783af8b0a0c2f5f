"""Every JSON key FRR 8.4 prints for a show command, our ospfd prints too, in the same place
of the structure, when both sit in the same position of the same network (r1 here is our
ospfd, in the twin FRR). Values may differ (timers, uptimes); a key may not be missing,
unless listed below with the reason.

      r2 (frr, ASBR) --p2p-- r1 (ospfd | frr, ABR) --p2p-- r4 (frr)   area 0.0.0.1
        \\                    /
         +------ lan1 ------+------ r3 (frr)                        area 0.0.0.0
"""

import os

import pytest

from lib.helpers import poll, wait_adjacencies, wait_route
from lib.twin import start_twin

HERE = os.path.dirname(os.path.abspath(__file__))

COMMANDS = [
    "show ip ospf json",
    "show ip ospf interface json",
    "show ip ospf neighbor json",
    "show ip ospf neighbor detail json",
    "show ip ospf database json",
    "show ip ospf route json",
]

# FRR keys we do not print, and why. A path's parts are keys; "*" stands for any key or
# list index.
ALLOWED_MISSING = set()  # none today: add a path here only with the reason next to it


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


@pytest.fixture(scope="module")
def twin(request):
    return start_twin(request, "ospfd_json_keys_twin", HERE, lambda t: build(t, "frr"),
                      setup_lab)


@pytest.fixture(scope="module")
def lab(topo):
    setup_lab(topo)
    return topo


def generic(path):
    return "/" + "/".join("*" if p.isdigit() or "." in p or p.startswith("eth") or p == "lan1"
                          or p == "lo" else p for p in path.strip("/").split("/"))


def missing(frr, ours, path=""):
    """Paths of keys in frr that ours lacks; lists compared as the union of their items."""
    out = []
    if isinstance(frr, list) and isinstance(ours, list):
        merged = {}
        for item in ours:
            if isinstance(item, dict):
                merged.update(item)
        for i, item in enumerate(frr):
            out += missing(item, merged if merged else (ours[0] if ours else None),
                           f"{path}/{i}")
        return out
    if not isinstance(frr, dict):
        return out
    if not isinstance(ours, dict):
        return [path or "/"]
    for k, v in frr.items():
        p = f"{path}/{k}"
        if generic(p) in ALLOWED_MISSING or k in ALLOWED_MISSING:
            continue
        if k not in ours:
            out.append(p)
        else:
            out += missing(v, ours[k], p)
    return out


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_frr_key_is_ours_too(lab, twin, cmd):
    ours, frr = lab.routers["r1"], twin.routers["r1"]

    def check():
        gaps = sorted(set(generic(p) for p in missing(frr.json(cmd), ours.json(cmd))))
        return (not gaps, "\n".join(gaps))

    poll(check, f"our `{cmd}` has every key FRR prints", timeout=20)
