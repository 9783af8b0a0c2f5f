"""FRR and BIRD on one LAN segment: DR/BDR election among three routers.

    r1 (frr, priority 1)  r2 (bird, priority 10)  r3 (frr, priority 5)
            \\                    |                     /
             +--------- lan1 10.0.100.0/24 ----------+   (a bridge in the switch namespace)
    router N has 10.0.100.N/24 on lan1 and 10.255.0.N/32 on lo
"""

from lib.helpers import (wait_adjacencies, wait_converged, wait_dr_bdr_agree, wait_json,
                         wait_loopback_routes, wait_lsdb_equal, wait_route)


def build(topo):
    r1 = topo.add_router("r1", "frr")
    r2 = topo.add_router("r2", "bird")
    r3 = topo.add_router("r3", "frr")
    topo.add_lan("lan1", [r1, r2, r3], "10.0.100.0/24")


def by_id(topo, rid):
    return next(r for r in topo.routers.values() if r.router_id == rid)


def test_all_adjacencies_full(topo):
    # With three routers every pair includes the DR or the BDR, so every pair is Full.
    wait_adjacencies(topo)
    for r in topo.routers.values():
        nbrs = r.neighbors()
        assert sorted(n["rid"] for n in nbrs) == sorted(o.router_id for o in topo.routers.values()
                                                        if o is not r)
        assert all(n["state"] == "Full" for n in nbrs), (r.name, nbrs)


def test_dr_and_bdr_are_the_same_on_every_router(topo):
    dr, bdr = wait_dr_bdr_agree(topo, "lan1")
    # All three are up well within the 4 s wait timer, so priority decides.
    assert (dr, bdr) == ("10.255.0.2", "10.255.0.3")
    # Each router's own interface state matches its role, and its neighbors' roles too.
    for r in topo.routers.values():
        want = "DR" if r.router_id == dr else "Backup" if r.router_id == bdr else "DROther"
        wait_json(r, "show ip ospf interface json",
                  {"interfaces": {"lan1": {"state": want, "drId": dr, "bdrId": bdr}}})
        roles = {n["rid"]: n["role"] for n in r.neighbors()}
        for rid, role in roles.items():
            want = "DR" if rid == dr else "Backup" if rid == bdr else "DROther"
            assert role == want, (r.name, roles)


def test_kernel_routes_to_every_loopback(topo):
    wait_loopback_routes(topo)
    r1 = topo.routers["r1"]
    wait_route(r1, "10.255.0.2/32", via="10.0.100.2")
    wait_route(r1, "10.255.0.3/32", via="10.0.100.3")


def test_lsdbs_identical_with_one_network_lsa(topo):
    dr, _ = wait_dr_bdr_agree(topo, "lan1")
    db = wait_lsdb_equal(topo)
    nets = [k for k in db if k[1] == 2]
    dr_addr = by_id(topo, dr).ifaces["lan1"].split("/")[0]
    assert [(k[2], k[3]) for k in nets] == [(dr_addr, dr)], nets
    assert {k[3] for k in db if k[1] == 1} == {"10.255.0.1", "10.255.0.2", "10.255.0.3"}


def test_dr_killed_with_sigkill_then_restarted(topo):
    dr, bdr = wait_dr_bdr_agree(topo, "lan1")
    victim = by_id(topo, dr)
    survivors = [r for r in topo.routers.values() if r is not victim]
    victim.kill()
    # The survivors notice after the dead interval; the BDR becomes DR (RFC 2328 9.4), and
    # the DROther becomes BDR.
    new_dr, new_bdr = wait_dr_bdr_agree(topo, "lan1", survivors)
    assert new_dr == bdr
    wait_converged(topo, survivors)
    for r in survivors:
        for lb in victim.loopbacks:
            wait_route(r, lb, absent=True)
    victim.start()
    wait_converged(topo)
    wait_dr_bdr_agree(topo, "lan1")
