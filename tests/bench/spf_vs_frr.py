#!/usr/bin/python3
"""SPF on one large LSDB, our ospfd next to FRR's, on the same machine in the same lab.

    h9 (feeder, crafted packets) --p2p-- r1 (our ospfd)
                                 \\--p2p-- r2 (FRR 8.4: zebra + ospfd)

h9 runs no daemon: from a raw socket (topotests/lib/rawospf) it plays a router that holds a
synthetic area of N routers (the grid of tests/bench/bench_spf.c: a sqrt(N) x sqrt(N) grid,
metric 10, unnumbered point-to-point links, one stub /32 per router) and brings up one
adjacency with each router under test, as a slave: Hellos, the database description, the
link state requests answered with updates, acknowledgments. Once both routers hold all N+3
router-LSAs and have installed a route to every stub, h9 re-originates its own router-LSA
--runs times (the metric of its link into the grid alternates 10/11): each time both routers
run a full SPF over the same LSDB, one after the other. Their own figures for that run are read back: ours from
`show ip ospf json` (spfLastDurationUsecs: SPF, routing table, the difference to the last
one; spfLastIntraUsecs: the Dijkstra and stub stage), FRR's from the same command
(spfLastDurationMsecs: its whole SPF processing, milliseconds; a new run is seen in the area's
spfExecutedCounter). No debugging is on: FRR's `debug ospf event` logs a line per vertex and
would slow its SPF several times over. It prints the medians and their ratio. A figure, not a verdict: exits non-zero only when the lab does not get there.

Like the topotests it uses unique names (tt-<id>-*), bounded waits, signals only the PIDs it
started and removes everything on exit. Needs root, frr, iproute2 and a built ospfd.

    /usr/bin/python3 tests/bench/spf_vs_frr.py [--routers 20000] [--runs 7]
"""

import argparse
import ipaddress
import math
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "topotests"))

from lib import rawospf as ro  # noqa: E402
from lib import topo as topolib  # noqa: E402
from lib.helpers import poll  # noqa: E402
from lib.routers import OspfdRouter  # noqa: E402

FEEDER_ID = "1.1.1.9"  # below both routers' ids: they are masters of the exchange
HELLO_S, DEAD_S = 1, 40
IFACE_CONF = (f" ip ospf network point-to-point\n ip ospf hello-interval {HELLO_S}\n"
              f" ip ospf dead-interval {DEAD_S}\n ip ospf retransmit-interval 2\n")


def rid_of(i):
    return str(ipaddress.IPv4Address(0x0a000000 + i + 1))


def grid_lsas(n):
    """{(type, id, adv): lsa bytes} of a side x side grid; router 0 also links to h9."""
    side = int(math.isqrt(n))
    lsas = {}
    for i in range(side * side):
        x, y = i % side, i // side
        nbrs = [j for j, ok in ((i - 1, x > 0), (i + 1, x < side - 1),
                                (i - side, y > 0), (i + side, y < side - 1)) if ok]
        links = [(rid_of(j), str(ipaddress.IPv4Address(k + 1)), 1, 10)
                 for k, j in enumerate(nbrs)]
        if i == 0:
            links.append((FEEDER_ID, "0.0.0.99", 1, 10))
        links.append((str(ipaddress.IPv4Address(0x64400000 + i)), "255.255.255.255", 3, 0))
        lsas[(1, rid_of(i), rid_of(i))] = ro.router_lsa(rid_of(i), links)
    return lsas, side * side


def feeder_lsa(seq, metric, duts):
    """h9's own router-LSA: a link to each router under test and one into the grid."""
    links = [(d.router_id, addr, 1, 10) for d, addr in duts]
    links.append((rid_of(0), "0.0.0.1", 1, metric))
    return ro.router_lsa(FEEDER_ID, links, seq=seq)


def lsa_key(lsa):
    t = lsa[3]
    return (t, str(ipaddress.IPv4Address(lsa[4:8])), str(ipaddress.IPv4Address(lsa[8:12])))


class Feeder(threading.Thread):
    """One adjacency, h9's side, as the slave of the database exchange (RFC 2328 10.6, 10.8):
    each DD of the master is answered with the next 70 LSA headers; each LS request with the
    LSAs it names; each update with an acknowledgment."""

    def __init__(self, raw, dut, lsas):
        super().__init__(name=f"feeder-{dut.name}", daemon=True)
        self.raw, self.dut, self.lsas = raw, dut, lsas
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.errors = []
        self.heard = False
        self.seq = None
        self.chunks = []
        self.reply = None

    def send(self, pkt):
        self.raw.send(pkt)

    def flood(self, lsa):
        with self.lock:
            self.lsas[lsa_key(lsa)] = lsa
        self.send(ro.lsu([lsa], router_id=FEEDER_ID))

    def run(self):
        next_hello = 0.0
        while not self.stop.is_set():
            try:
                now = time.monotonic()
                if now >= next_hello:
                    self.send(ro.hello(router_id=FEEDER_ID, hello_interval=HELLO_S,
                                       dead_interval=DEAD_S,
                                       neighbors=[self.dut.router_id] if self.heard else []))
                    next_hello = now + HELLO_S
                p = self.raw.recv(timeout=0.2)
                if p and p["router_id"] == self.dut.router_id:
                    self.handle(p)
            except Exception as e:  # noqa: BLE001 (reported by main)
                self.errors.append(repr(e))
                time.sleep(0.5)

    def handle(self, p):
        t = p["type"]
        if t == ro.HELLO:
            self.heard = True
        elif t == ro.DD:
            self.on_dd(p)
        elif t == ro.LSR:
            self.on_lsr(p["body"])
        elif t == ro.LSU:
            body = p["body"]
            count, off, hdrs = struct.unpack("!I", body[:4])[0], 4, []
            for _ in range(count):
                length = struct.unpack("!H", body[off + 18:off + 20])[0]
                hdrs.append(body[off:off + 20])
                off += length
            self.send(ro.lsack(hdrs, router_id=FEEDER_ID))

    def on_dd(self, p):
        if p["flags"] & ro.DD_I and p["flags"] & ro.DD_MS:
            # the master's first DD: become slave, its sequence number ours (10.6)
            with self.lock:
                hdrs = [lsa[:20] for lsa in self.lsas.values()]
            self.chunks = [hdrs[i:i + 70] for i in range(0, len(hdrs), 70)]
            self.seq = p["seq"]
            self.reply = self.dd_reply(p["seq"])
        elif self.seq is not None and p["seq"] == self.seq + 1:
            self.seq = p["seq"]
            self.reply = self.dd_reply(p["seq"])
        elif self.seq is None or p["seq"] != self.seq:
            return  # out of sequence: the master starts over with a new first DD
        self.send(self.reply)  # a duplicate of the last is answered again

    def dd_reply(self, seq):
        chunk = self.chunks.pop(0) if self.chunks else []
        return ro.dd(seq, flags=ro.DD_M if self.chunks else 0, lsa_headers=chunk,
                     router_id=FEEDER_ID)

    def on_lsr(self, body):
        out, size = [], 0
        for i in range(0, len(body) - 11, 12):
            t, lid, adv = struct.unpack("!I4s4s", body[i:i + 12])
            key = (t, str(ipaddress.IPv4Address(lid)), str(ipaddress.IPv4Address(adv)))
            with self.lock:
                lsa = self.lsas.get(key)
            if lsa is None:
                continue
            if size + len(lsa) > 1400:
                self.send(ro.lsu(out, router_id=FEEDER_ID))
                out, size = [], 0
            out.append(lsa)
            size += len(lsa)
        if out:
            self.send(ro.lsu(out, router_id=FEEDER_ID))


def write_confs(topo):
    r1, r2 = topo.routers["r1"], topo.routers["r2"]
    texts = {
        r1: ("hostname r1\nlog stdout\n!\ninterface lo\n ip ospf passive\nexit\n!\n"
             f"interface eth-h9\n{IFACE_CONF}exit\n!\nrouter ospf\n ospf router-id "
             f"{r1.router_id}\n network 10.0.0.0/8 area 0\nexit\n"),
        r2: ("frr defaults traditional\nhostname r2\n!\n"
             f"interface eth-h9\n ip ospf area 0.0.0.0\n{IFACE_CONF}!\n"
             f"router ospf\n ospf router-id {r2.router_id}\n!\n"),
    }
    for r, text in texts.items():
        d = os.path.join(topo.confdir, r.name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, r.conf_name), "w") as f:
            f.write(text)


def kernel_ospf_routes(r):
    out = subprocess.run(["ip", "-n", r.ns, "-4", "route", "show", "proto", "ospf"],
                         capture_output=True, text=True, timeout=30).stdout
    return sum(1 for line in out.splitlines() if line.startswith("100.64."))


def router_lsa_count(r):
    areas = r.json("show ip ospf json").get("areas", {})
    return areas.get("0.0.0.0", {}).get("lsaRouterNumber", 0)


def frr_spf(r):
    """FRR's SPF run count (area 0) and its last run's duration in ms (whole processing:
    SPF, inter-area, external, pruning, route install to zebra)."""
    j = r.json("show ip ospf json")
    runs = j.get("areas", {}).get("0.0.0.0", {}).get("spfExecutedCounter", 0)
    return runs, j.get("spfLastDurationMsecs")


def ours_spf(r):
    j = r.json("show ip ospf json")
    return j.get("spfRunCount", 0), j.get("spfLastDurationUsecs"), j.get("spfLastIntraUsecs")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--routers", type=int, default=20000, help="grid size (20000: 141 x 141)")
    ap.add_argument("--runs", type=int, default=7, help="SPF runs measured (7)")
    ap.add_argument("--timeout", type=float, default=300.0, help="loading timeout, s (300)")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("spf_vs_frr: needs root (network namespaces)")
    if not OspfdRouter.available():
        sys.exit(f"spf_vs_frr: our ospfd is not built ({OspfdRouter.binary()})")

    lsas, n = grid_lsas(args.routers)
    confdir = tempfile.mkdtemp(prefix="spfvsfrr-", dir=os.environ.get("TOPOTESTS_TMP", "/tmp"))
    os.chmod(confdir, 0o755)
    topo = topolib.Topology("spf_vs_frr", confdir)
    feeders = []
    try:
        r1, r2 = topo.add_router("r1", "ospfd"), topo.add_router("r2", "frr")
        h9 = topo.add_router("h9", "host")
        topo.add_link(h9, r1, "10.0.19.0/24")
        topo.add_link(h9, r2, "10.0.29.0/24")
        write_confs(topo)
        topo.start()
        duts = [(r1, "10.0.19.9"), (r2, "10.0.29.9")]
        seq, metric = 0x80000001, 10
        mine = feeder_lsa(seq, metric, duts)
        for r, _ in duts:
            db = dict(lsas)
            db[lsa_key(mine)] = mine
            raw = ro.RawOspf(h9, f"eth-{r.name}")
            raw.join()
            f = Feeder(raw, r, db)
            f.start()
            feeders.append(f)
        t0 = time.monotonic()
        for r in (r1, r2):
            poll(lambda r=r: (router_lsa_count(r) >= n + 2 and kernel_ospf_routes(r) >= n,
                              f"{r.name}: {router_lsa_count(r)} router-LSAs, "
                              f"{kernel_ospf_routes(r)} stub routes in the kernel"),
                 f"{r.name} loads {n} router-LSAs", timeout=args.timeout, step=2)
        print(f"lab {topo.id}: {n} routers loaded and routed by both in "
              f"{time.monotonic() - t0:.0f} s", file=sys.stderr)
        time.sleep(6)  # past both SPF throttles' hold times
        ours, frr = [], []
        for k in range(args.runs):
            seq, metric = seq + 1, 21 - metric
            mine = feeder_lsa(seq, metric, duts)
            # one router at a time, so that the two runs do not share the CPUs
            for f, count, r in ((feeders[0], lambda: ours_spf(r1)[0], r1),
                                (feeders[1], lambda: frr_spf(r2)[0], r2)):
                before = count()
                f.flood(mine)
                poll(lambda: (count() > before, "no new run yet"),
                     f"run {k + 1}: {r.name} runs SPF", timeout=30, step=0.2)
                time.sleep(1)
            _, total, intra = ours_spf(r1)
            ours.append((total, intra))
            frr.append(frr_spf(r2)[1] * 1000)
            time.sleep(6)
        errors = [e for f in feeders for e in f.errors]
        if errors:
            print(f"feeder errors: {errors[:5]}", file=sys.stderr)
        med = lambda xs: statistics.median(xs)  # noqa: E731
        o_total, o_intra = med([t for t, _ in ours]), med([i for _, i in ours])
        f_total = med(frr)
        print(f"grid of {n} routers ({int(math.isqrt(n))}^2), {args.runs} full SPF runs each, "
              "as each daemon reports them")
        print(f"  ours: SPF+table, us {[t for t, _ in ours]} median {o_total:.0f}; "
              f"Dijkstra+stubs, us {[i for _, i in ours]} median {o_intra:.0f}")
        print(f"  FRR:  whole SPF processing, us (ms resolution) {frr} median {f_total:.0f}")
        print(f"  ratio ours/FRR (medians): {o_total / f_total:.4f}"
              if f_total else "  FRR reported 0 ms: no ratio")
        return 0
    except AssertionError as e:
        print(f"spf_vs_frr: {e}", file=sys.stderr)
        for f in feeders:
            print(f"  {f.dut.name}: neighbors {f.dut.neighbors()}, feeder heard "
                  f"{f.heard}, DD seq {f.seq}, errors {f.errors[:3]}", file=sys.stderr)
        return 1
    finally:
        for f in feeders:
            f.stop.set()
        for f in feeders:
            f.join(5)
            f.raw.close()
        topo.teardown()
        shutil.rmtree(confdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
