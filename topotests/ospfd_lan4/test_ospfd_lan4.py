"""A LAN of two of our ospfd, one FRR and one BIRD: DR/BDR election, adjacencies as RFC 2328
says, one network-LSA, then the DR killed with SIGKILL and restarted.

    r3 (frr, prio 10)  r1 (ospfd, prio 5)  r2 (ospfd, prio 2)  r4 (bird, prio 1)
            \\                |                    |                 /
             +------------------ lan1 10.0.100.0/24 --------------+
    router N has 10.0.100.N/24 on lan1 and 10.255.0.N/32 on lo; hello 1, dead 4
    r1 is configured per interface (ip ospf area), r2 with network statements.

Started in the order r3, r1, r2, r4, all within the 4 s wait timer: priority decides, so the DR
is r3 (FRR) and the BDR r1 (ours); r2 and r4 are DROthers and stay 2-Way with each other.
When r3 dies, r1 (the BDR) becomes DR and r2 the new BDR (RFC 2328 9.4), both ours; r3
coming back does not preempt them.
"""

from lib.helpers import (frr_network_lsa_routers, poll, wait_adjacencies, wait_dr_bdr_agree,
                         wait_json, wait_lsdb_equal, wait_route)

ROLE = {"10.255.0.3": "DR", "10.255.0.1": "Backup"}


def build(topo):
    r3 = topo.add_router("r3", "frr")
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "ospfd")
    r4 = topo.add_router("r4", "bird")
    topo.add_lan("lan1", [r1, r2, r3, r4], "10.0.100.0/24")


def role(rid, dr, bdr):
    return "DR" if rid == dr else "Backup" if rid == bdr else "DROther"


def check_roles(routers, dr, bdr):
    """Each router's own interface state and its neighbors' roles match (dr, bdr)."""
    for r in routers:
        wait_json(r, "show ip ospf interface lan1 json",
                  {"interfaces": {"lan1": {"state": role(r.router_id, dr, bdr), "drId": dr,
                                           "bdrId": bdr}}}, timeout=10)
        roles = {n["rid"]: n["role"] for n in r.neighbors()}
        want = {o.router_id: role(o.router_id, dr, bdr) for o in routers if o is not r}
        assert roles == want, (r.name, roles)


def check_pairs(topo, routers, dr, bdr):
    """RFC 2328 10.4: Full with the DR and the BDR, 2-Way between two DROthers."""
    def check():
        bad = []
        for r in routers:
            states = {n["rid"]: n["state"] for n in r.neighbors()}
            for o in routers:
                if o is r:
                    continue
                others = role(r.router_id, dr, bdr) == role(o.router_id, dr, bdr) == "DROther"
                want = "2-Way" if others else "Full"
                if states.get(o.router_id) != want:
                    bad.append(f"{r.name} sees {o.name} as {states.get(o.router_id)}, "
                               f"want {want}")
        return (not bad, "\n".join(bad))
    poll(check, "neighbor states on lan1")


def test_everyone_agrees_on_dr_and_bdr_by_priority(topo):
    dr, bdr = wait_dr_bdr_agree(topo, "lan1")
    assert (dr, bdr) == ("10.255.0.3", "10.255.0.1")
    check_roles(list(topo.routers.values()), dr, bdr)


def test_full_with_dr_and_bdr_two_way_between_drothers(topo):
    check_pairs(topo, list(topo.routers.values()), "10.255.0.3", "10.255.0.1")
    wait_adjacencies(topo)


def test_lsdbs_identical_with_the_drs_network_lsa(topo):
    db = wait_lsdb_equal(topo)
    assert {k[3] for k in db if k[1] == 1} == {f"10.255.0.{n}" for n in (1, 2, 3, 4)}, db
    assert [(k[2], k[3]) for k in db if k[1] == 2] == [("10.0.100.3", "10.255.0.3")], db
    assert frr_network_lsa_routers(topo.routers["r3"], "10.0.100.3") == {
        f"10.255.0.{n}" for n in (1, 2, 3, 4)}


def test_frr_and_bird_route_to_our_loopbacks(topo):
    for peer in (topo.routers["r3"], topo.routers["r4"]):
        wait_route(peer, "10.255.0.2/32", via="10.0.100.2")   # network statements
        wait_route(peer, "10.255.0.1/32", via="10.0.100.1")   # ip ospf area on lo


def test_dr_killed_with_sigkill_bdr_takes_over(topo):
    r1, r2, r3, r4 = (topo.routers[n] for n in ("r1", "r2", "r3", "r4"))
    wait_dr_bdr_agree(topo, "lan1")
    r3.kill()
    survivors = [r1, r2, r4]
    # after the dead interval: our BDR r1 becomes DR, our r2 (priority 2 > 1) the BDR
    dr, bdr = wait_dr_bdr_agree(topo, "lan1", survivors, timeout=20)
    assert (dr, bdr) == ("10.255.0.1", "10.255.0.2")
    check_roles(survivors, dr, bdr)
    check_pairs(topo, survivors, dr, bdr)   # r2-r4 now Full: r2 is BDR
    db = wait_lsdb_equal(topo, survivors)
    # the new DR originates the network-LSA of the LAN (RFC 2328 12.4.2)
    assert ("0.0.0.0", 2, "10.0.100.1", "10.255.0.1") in {k[:4] for k in db}, db


def test_old_dr_restarted_rejoins_without_preempting(topo):
    r1, r2, r3, r4 = (topo.routers[n] for n in ("r1", "r2", "r3", "r4"))
    r3.start()
    wait_adjacencies(topo)
    dr, bdr = wait_dr_bdr_agree(topo, "lan1")
    assert (dr, bdr) == ("10.255.0.1", "10.255.0.2")   # RFC 2328 9.4: no preemption
    check_pairs(topo, list(topo.routers.values()), dr, bdr)
    wait_lsdb_equal(topo)
    # our network-LSA, as FRR decoded it, lists all four routers
    poll(lambda: ((x := frr_network_lsa_routers(r3, "10.0.100.1")) ==
                  {f"10.255.0.{n}" for n in (1, 2, 3, 4)}, f"attached routers {x}"),
         "r3: our network-LSA lists everyone")
    wait_route(r3, "10.255.0.2/32", via="10.0.100.2")
    wait_route(r4, "10.255.0.2/32", via="10.0.100.2")
