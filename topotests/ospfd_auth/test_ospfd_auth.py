"""Our ospfd authenticating with FRR and BIRD on three point-to-point links.

    r2 (frr)  eth-r1 10.0.12.2 ---- MD5, key 1 ------------ 10.0.12.1 eth-r2 \
    r3 (frr)  eth-r1 10.0.13.3 ---- simple password ------- 10.0.13.1 eth-r3  r1 (ospfd)
    r4 (bird) eth-r1 10.0.14.4 ---- HMAC-SHA-256, key 5 --- 10.0.14.1 eth-r4 /
    loopbacks 10.255.0.N/32 (= router ids); hello 1, dead 4, retransmit 2

Then the MD5 key is broken and fixed live on our side (the adjacency goes and comes back,
the drops are counted under their reason), and rolled over to a second key on both sides.
"""

import subprocess

from lib.helpers import poll, wait_adjacencies, wait_json, wait_route

FULL = [{"nbrState": "Full/-"}]


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    r3 = topo.add_router("r3", "frr")
    r4 = topo.add_router("r4", "bird")
    topo.add_link(r1, r2, "10.0.12.0/24")
    topo.add_link(r1, r3, "10.0.13.0/24")
    topo.add_link(r1, r4, "10.0.14.0/24")


def configure(router, *cmds):
    """Runs cmds in configuration mode of router (ours or FRR) through its vtysh."""
    argv = [*router.vtysh_argv(), "-c", "configure terminal"]
    for cmd in cmds:
        argv += ["-c", cmd]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=15)
    assert r.returncode == 0 and "%" not in r.stdout, r.stdout + r.stderr
    return r


def wait_drops(router, ifname, reason, above=0):
    def check():
        n = router.packet_drops(ifname).get(reason, 0)
        return n > above, f"{reason}: {n}"
    return poll(check, f"{router.name} {ifname}: {reason} drops above {above}")


def test_md5_simple_and_hmac_sha256_adjacencies_are_full(topo):
    r1 = topo.routers["r1"]
    wait_json(r1, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.2": FULL, "10.255.0.3": FULL, "10.255.0.4": FULL}})
    for peer in ("r2", "r3"):
        wait_json(topo.routers[peer], "show ip ospf neighbor json",
                  {"neighbors": {"10.255.0.1": FULL}})
    wait_adjacencies(topo)


def test_updates_cross_authenticated_links(topo):
    # LS Updates carry the digest trailer too: r2 learns BIRD's loopback through us
    wait_route(topo.routers["r2"], "10.255.0.4/32", via="10.0.12.1")
    wait_route(topo.routers["r3"], "10.255.0.2/32", via="10.0.13.1")
    wait_route(topo.routers["r4"], "10.255.0.3/32", via="10.0.14.1")


def test_show_interface_names_the_authentication_as_frr(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    wait_json(r1, "show ip ospf interface json", {"interfaces": {
        "eth-r2": {"authentication": "authenticationMessageDigest",
                   "authenticationKeyId": 1, "authenticationAlgorithm": "md5"},
        "eth-r3": {"authentication": "authenticationSimplePassword"},
        "eth-r4": {"authentication": "authenticationMessageDigest",
                   "authenticationKeyId": 5, "authenticationAlgorithm": "hmac-sha-256"},
        "lo": {"authentication": "authenticationNone"}}})
    wait_json(r2, "show ip ospf interface eth-r1 json",
              {"interfaces": {"eth-r1": {"authentication": "authenticationMessageDigest"}}})
    text = r1.show("show ip ospf interface eth-r2")
    assert "  Cryptographic authentication enabled\n  Algorithm:MD5\n" in text, text
    n = r1.json("show ip ospf neighbor detail json")["neighbors"]["10.255.0.2"][0]
    assert n["cryptoSequenceNumber"] > 0, n


def test_a_wrong_md5_key_drops_the_adjacency_until_fixed_live(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    before = r1.packet_drops("eth-r2").get("auth-bad-digest", 0)
    configure(r1, "interface eth-r2", "ip ospf message-digest-key 1 md5 not-the-key")
    try:
        wait_drops(r1, "eth-r2", "auth-bad-digest", before)
        wait_json(r1, "show ip ospf neighbor json", {"neighbors": {"10.255.0.2": None}})
        wait_json(r2, "show ip ospf neighbor json", {"neighbors": {"10.255.0.1": None}})
        # the other links are untouched
        wait_json(r1, "show ip ospf neighbor json",
                  {"neighbors": {"10.255.0.3": FULL, "10.255.0.4": FULL}})
    finally:
        configure(r1, "interface eth-r2", "ip ospf message-digest-key 1 md5 md5-secret")
    wait_json(r1, "show ip ospf neighbor json", {"neighbors": {"10.255.0.2": FULL}})
    wait_json(r2, "show ip ospf neighbor json", {"neighbors": {"10.255.0.1": FULL}})
    wait_route(r2, "10.255.0.4/32", via="10.0.12.1")


def test_a_key_rollover_to_a_second_key(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    before = r1.packet_drops("eth-r2").get("auth-unknown-key", 0)
    # FRR sends with the key configured last: we do not know key 2 yet
    configure(r2, "interface eth-r1", "ip ospf message-digest-key 2 md5 second-key")
    try:
        wait_drops(r1, "eth-r2", "auth-unknown-key", before)
    finally:
        configure(r1, "interface eth-r2", "ip ospf message-digest-key 2 md5 second-key")
    wait_json(r1, "show ip ospf interface eth-r2 json",
              {"interfaces": {"eth-r2": {"authenticationKeyId": 2}}})
    wait_json(r1, "show ip ospf neighbor json", {"neighbors": {"10.255.0.2": FULL}})
    # the old key retired on both sides
    configure(r1, "interface eth-r2", "no ip ospf message-digest-key 1")
    configure(r2, "interface eth-r1", "no ip ospf message-digest-key 1")
    wait_json(r1, "show ip ospf neighbor json", {"neighbors": {"10.255.0.2": FULL}})
    wait_json(r2, "show ip ospf neighbor json", {"neighbors": {"10.255.0.1": FULL}})
    assert " ip ospf message-digest-key 2 md5 second-key\n" in r1.show("show running-config")
