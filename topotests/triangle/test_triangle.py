"""Link failures and a crash in a triangle of point-to-point links.

            r1 (frr)
     .1 eth-r2  eth-r3 .1
  10.0.12.0/24   10.0.13.0/24
     .2 eth-r1  eth-r1 .3
  r2 (bird) eth-r3 --- eth-r2 r3 (frr)
         .2  10.0.23.0/24  .3
    every link cost 10; loopbacks 10.255.0.N/32
"""

from lib.helpers import wait_converged, wait_route


def build(topo):
    r1 = topo.add_router("r1", "frr")
    r2 = topo.add_router("r2", "bird")
    r3 = topo.add_router("r3", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")
    topo.add_link(r1, r3, "10.0.13.0/24")
    topo.add_link(r2, r3, "10.0.23.0/24")


def direct_routes(topo):
    r1, r2, r3 = (topo.routers[n] for n in ("r1", "r2", "r3"))
    wait_route(r1, "10.255.0.2/32", via="10.0.12.2")
    wait_route(r1, "10.255.0.3/32", via="10.0.13.3")
    wait_route(r2, "10.255.0.1/32", via="10.0.12.1")
    wait_route(r2, "10.255.0.3/32", via="10.0.23.3")
    wait_route(r3, "10.255.0.1/32", via="10.0.13.1")
    wait_route(r3, "10.255.0.2/32", via="10.0.23.2")


def test_converged_with_direct_routes(topo):
    wait_converged(topo)
    direct_routes(topo)
    # the subnet of the link r2-r3 is two equal-cost hops away from r1
    wait_route(topo.routers["r1"], "10.0.23.0/24", via=["10.0.12.2", "10.0.13.3"])


def test_link_down_reroutes_and_recovers(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    link = topo.link("r1", "r2")
    link.down(r1)  # r1's end down; r2's end loses carrier
    try:
        wait_route(r1, "10.255.0.2/32", via="10.0.13.3")
        wait_route(r2, "10.255.0.1/32", via="10.0.23.3")
        wait_converged(topo)
    finally:
        link.up(r1)
    wait_converged(topo)
    direct_routes(topo)


def test_silent_cut_reroutes_after_dead_interval(topo):
    r1, r3 = topo.routers["r1"], topo.routers["r3"]
    link = topo.link("r1", "r3")
    link.cut()  # carrier stays up, every frame is dropped
    try:
        wait_route(r1, "10.255.0.3/32", via="10.0.12.2")
        wait_route(r3, "10.255.0.1/32", via="10.0.23.2")
        wait_converged(topo)
    finally:
        link.heal()
    wait_converged(topo)
    direct_routes(topo)


def test_router_killed_with_sigkill_then_restarted(topo):
    r1, r2, r3 = (topo.routers[n] for n in ("r1", "r2", "r3"))
    r3.kill()
    assert not r3.running()
    wait_route(r1, "10.255.0.3/32", absent=True)
    wait_route(r2, "10.255.0.3/32", absent=True)
    wait_converged(topo, [r1, r2])
    r3.start()
    wait_converged(topo)
    direct_routes(topo)
