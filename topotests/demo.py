#!/usr/bin/python3
"""A small lab to explore by hand: FRR, BIRD and FRR in a triangle, and our ospfd on their LAN.

    /usr/bin/python3 topotests/demo.py            build it (replacing an older demo lab of this
                                                  checkout), print neighbors and routes, and
                                                  open vtysh on r1 when stdin is a terminal
    /usr/bin/python3 topotests/demo.py --clean    tear it down
    ... --without-ospfd                           leave r4, our ospfd, out (FRR and BIRD only)

             r1 (frr)                 every router: 10.255.0.N/32 on lo (= router id)
        eth-r2      eth-r3            p2p links 10.0.1N.0/24 / 10.0.23.0/24, cost 10
    r2 (bird) ------- r3 (frr)        lan1 10.0.100.0/24 joins all of them, cost 100;
    and lan1: r1, r2, r3, r4          r2 has priority 10 there; r4 is our ospfd

The lab stays up after this script exits; its state file has no owner, so only --clean (or
`make demo-clean`) removes it.
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from lib import helpers, state  # noqa: E402
from lib.routers import OspfdRouter, RouterError  # noqa: E402
from lib.topo import Topology  # noqa: E402

CONFDIR = os.path.join(HERE, "demo")


def our_demo_labs():
    """Demo labs built from this checkout (other checkouts' demos are left alone)."""
    return [st for st in state.all_states()
            if st.data.get("name") == "demo" and st.data.get("origin") == CONFDIR]


def clean():
    labs = our_demo_labs()
    if not labs:
        print("no demo lab to remove")
    ok = True
    for st in labs:
        problems = state.ignore_signals_during(state.clean, st)
        if problems:
            ok = False
            print(f"lab {st.data['id']}: {problems}", file=sys.stderr)
    return 0 if ok else 1


def build(with_ospfd):
    t = Topology("demo", CONFDIR)
    r1 = t.add_router("r1", "frr")
    r2 = t.add_router("r2", "bird")
    r3 = t.add_router("r3", "frr")
    t.add_link(r1, r2, "10.0.12.0/24")
    t.add_link(r1, r3, "10.0.13.0/24")
    t.add_link(r2, r3, "10.0.23.0/24")
    members = [r1, r2, r3]
    if with_ospfd:
        members.append(t.add_router("r4", "ospfd"))
    t.add_lan("lan1", members, "10.0.100.0/24")
    return t


def enter_command(r):
    if r.kind == "bird":
        return f"birdc -s {r.run_dir}/bird.ctl"
    return " ".join(r.vtysh_argv())


def show(t):
    for r in t.routers.values():
        print(f"\n=== {r.name} ({r.kind}, router id {r.router_id}, namespace {r.ns})")
        try:
            nbrs = r.neighbors()
        except RouterError as e:
            nbrs = []
            print(f"  neighbors: <{e}>")
        for n in sorted(nbrs, key=lambda n: (n["iface"], n["rid"])):
            print(f"  neighbor {n['rid']:15} {n['state'] + '/' + n['role']:16} on {n['iface']:7} "
                  f"via {n['address']}")
        print("  kernel routes:")
        for line in r.run(["ip", "route", "show"], check=False).splitlines():
            print("    " + line)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clean", action="store_true", help="tear the demo lab down")
    ap.add_argument("--without-ospfd", dest="with_ospfd", action="store_false",
                    help="leave out r4, our ospfd (FRR and BIRD only)")
    ap.add_argument("--no-shell", action="store_true", help="do not open vtysh at the end")
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        print("demo.py needs root (network namespaces)", file=sys.stderr)
        return 1
    if args.clean:
        return clean()
    if args.with_ospfd and not OspfdRouter.available():
        print(f"no ospfd at {OspfdRouter.binary()} or no vtysh at "
              f"{OspfdRouter.vtysh_binary()} (build first, set OSPFD_BIN / OSPFD_VTYSH, "
              f"or pass --without-ospfd)",
              file=sys.stderr)
        return 1

    state.clean_stale()
    if our_demo_labs():
        print("removing the previous demo lab")
        clean()
    t = build(args.with_ospfd)
    try:
        t.start()  # an interruption or error here tears the half-built lab down
    except BaseException:
        t.teardown()
        raise
    t.persist()

    print(f"lab {t.id} is up; waiting for OSPF to converge (at most 40 s) ...")
    try:
        helpers.wait_converged(t, timeout=40)
        print("converged: all adjacencies up, routes to every loopback, identical LSDBs")
    except AssertionError as e:
        print(f"not converged yet: {str(e).splitlines()[0]}")
    show(t)

    print(f"\nThe lab stays up (folder {t.dir}). Enter a router:")
    for r in t.routers.values():
        print(f"  {r.name} ({r.kind:5}): {enter_command(r)}")
    print(f"  a shell inside one: ip netns exec {t.prefix}-r1 bash")
    print(f"  logs: {t.dir}/<router>/run/*.log")
    print("Tear it down: make demo-clean  (= /usr/bin/python3 topotests/demo.py --clean)")

    if sys.stdin.isatty() and not args.no_shell:
        r = t.routers.get("r4") or t.routers["r1"]
        print(f"\nvtysh on {r.name} ({r.kind}; exit with 'exit' or Ctrl-D; the lab stays up):")
        subprocess.call(r.vtysh_argv())
    return 0


if __name__ == "__main__":
    sys.exit(main())
