"""Checks for tests: bounded polls over show output, kernel routes and LSDBs.

Every wait_* polls (default: 30 s in 0.5 s steps, $TOPOTESTS_TIMEOUT overrides the default)
and raises AssertionError with the last difference seen.
"""

import ipaddress
import json
import os
import subprocess
import time

from .routers import RouterError

TIMEOUT = float(os.environ.get("TOPOTESTS_TIMEOUT", "30"))
STEP = 0.5


# -- generic ------------------------------------------------------------------------------

def json_diff(expected, actual, path="$"):
    """Differences between expected (a subset) and actual, as readable lines; [] if none.

    dict: every expected key must be in actual and match; extra keys are ignored; an
          expected value None means the key must be absent.
    list: every expected item must match some actual item (order ignored); an expected []
          means actual must be empty.
    else: equal.
    """
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {json.dumps(actual)[:200]}"]
        out = []
        for k, v in expected.items():
            if v is None:
                if k in actual:
                    out.append(f"{path}.{k}: expected absent, got {json.dumps(actual[k])[:200]}")
            elif k not in actual:
                out.append(f"{path}.{k}: missing (have {sorted(actual)[:20]})")
            else:
                out.extend(json_diff(v, actual[k], f"{path}.{k}"))
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {json.dumps(actual)[:200]}"]
        if not expected and actual:
            return [f"{path}: expected empty, got {len(actual)} items"]
        out = []
        for i, item in enumerate(expected):
            if not any(not json_diff(item, a) for a in actual):
                best = min((json_diff(item, a, f"{path}[{i}]") for a in actual), key=len,
                           default=[f"{path}[{i}]: no item in an empty list"])
                out.append(f"{path}[{i}]: no match for {json.dumps(item)[:200]}")
                out.extend("  " + d for d in best[:5])
        return out
    if expected != actual:
        return [f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}"]
    return []


def poll(check, what, timeout=None, step=STEP):
    """Call check() until it returns (True, value); give up after timeout seconds.

    check returns (ok, value_or_explanation). Exceptions from routers (a daemon not answering
    yet) count as "not yet". Returns the value; raises AssertionError with the last
    explanation.
    """
    __tracebackhide__ = True
    timeout = TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    start = time.monotonic()
    last = "never checked"
    while True:
        try:
            ok, value = check()
        except (RouterError, ValueError, KeyError, OSError) as e:
            ok, value = False, f"{type(e).__name__}: {e}"
        if ok:
            return value
        last = value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not reached after {time.monotonic() - start:.1f}s; "
                                 f"last difference:\n{last}")
        time.sleep(step)


def wait_json(router, cmd, expected, timeout=None, step=STEP):
    """Wait until router.json(cmd) contains expected (see json_diff); returns the output."""
    __tracebackhide__ = True
    state = {}

    def check():
        actual = router.json(cmd)
        d = json_diff(expected, actual)
        state["actual"] = actual
        return (not d, actual if not d else "\n".join(d))

    try:
        return poll(check, f"{router.name}: {cmd}", timeout, step)
    except AssertionError as e:
        last = json.dumps(state.get("actual"), indent=1)[:4000]
        raise AssertionError(f"{e}\nlast output:\n{last}") from None


# -- kernel routes ------------------------------------------------------------------------

def kernel_routes(router, table="main"):
    """`ip -j route show table T` in the router's namespace, parsed (a list of dicts).
    A /32 shows as dst "10.255.0.2"; ECMP routes carry "nexthops": [{gateway, dev}, ...]."""
    r = subprocess.run(["ip", "-n", router.ns, "-j", "route", "show", "table", table],
                       capture_output=True, text=True, timeout=10)
    if r.returncode != 0:
        raise RouterError(f"{router.name}: ip route: {r.stderr.strip()}")
    return json.loads(r.stdout or "[]")


def _norm_prefix(p):
    n = ipaddress.ip_network(p, strict=False)
    return str(n.network_address) if n.prefixlen == 32 else str(n)


def route_nexthops(route):
    """[(gateway or None, dev)] of one route from kernel_routes()."""
    if "nexthops" in route:
        return [(n.get("gateway"), n.get("dev")) for n in route["nexthops"]]
    return [(route.get("gateway"), route.get("dev"))]


def find_route(router, prefix):
    want = _norm_prefix(prefix)
    for r in kernel_routes(router):
        if r.get("dst") == want:
            return r
    return None


def wait_route(router, prefix, via=None, absent=False, timeout=None):
    """Wait until the router's kernel has a route to prefix (through exactly the gateways
    `via`, a string or a list, if given) or, with absent=True, has none."""
    __tracebackhide__ = True
    if isinstance(via, str):
        via = [via]

    def check():
        r = find_route(router, prefix)
        if absent:
            return (r is None, f"still there: {r}")
        if r is None:
            return (False, f"no route to {prefix}; table:\n" +
                    "\n".join(json.dumps(x) for x in kernel_routes(router)))
        gws = sorted(g for g, _ in route_nexthops(r) if g)
        if via is not None and gws != sorted(via):
            return (False, f"route to {prefix} via {gws}, want {sorted(via)}: {r}")
        return (True, r)

    return poll(check, f"{router.name}: route to {prefix}" + (" gone" if absent else ""), timeout)


def wait_loopback_routes(topo, routers=None, timeout=None):
    """Wait until every (running) router that installs routes has a kernel route to every
    other one's loopbacks. Our ospfd installs none yet (no SPF), so it is only a
    destination: FRR and BIRD must reach its loopback through the LSAs it sends."""
    __tracebackhide__ = True
    routers = routers or [r for r in topo.routers.values() if r.running()]

    def check():
        missing = []
        for r in routers:
            if not r.installs_routes:
                continue
            have = {x.get("dst") for x in kernel_routes(r)}
            for o in routers:
                if o is r:
                    continue
                for lb in o.loopbacks:
                    if _norm_prefix(lb) not in have:
                        missing.append(f"{r.name} has no route to {o.name}'s {lb}")
        return (not missing, "\n".join(missing))

    return poll(check, "routes to every loopback", timeout)


# -- OSPF state ---------------------------------------------------------------------------

def expected_adjacencies(topo, routers=None):
    """{(router, iface): set of neighbor router ids} as the topology says, among `routers`
    (default: the running ones), over links and LAN ports that are not down or cut."""
    routers = routers or [r for r in topo.routers.values() if r.running()]
    names = {r.name for r in routers}
    exp = {}
    for l in topo.links:
        if l.a.name in names and l.b.name in names and l.operational:
            exp.setdefault((l.a.name, l.ifname[l.a.name]), set()).add(l.b.router_id)
            exp.setdefault((l.b.name, l.ifname[l.b.name]), set()).add(l.a.router_id)
    for lan in topo.lans.values():
        members = [r for r in lan.routers if r.name in names and r.name not in lan.unplugged]
        for r in members:
            exp[(r.name, lan.name)] = {o.router_id for o in members if o is not r}
    return exp


def adjacency_problems(topo, routers=None):
    """What keeps the routers from the adjacencies the topology implies (empty: all fine).
    A neighbor must be Full, except two DROthers on a LAN, which stay 2-Way."""
    routers = routers or [r for r in topo.routers.values() if r.running()]
    exp = expected_adjacencies(topo, routers)
    problems = []
    for r in routers:
        nbrs = r.neighbors()
        ifs = r.interfaces()
        for (rname, ifname), rids in sorted(exp.items()):
            if rname != r.name:
                continue
            seen = {n["rid"]: n for n in nbrs if n["iface"] == ifname}
            own = ifs.get(ifname, {}).get("state")
            for rid in sorted(rids):
                n = seen.get(rid)
                if n is None:
                    problems.append(f"{r.name} {ifname}: no neighbor {rid} (has {sorted(seen)})")
                elif n["state"] != "Full" and not (n["state"] == "2-Way" and own == "DROther"
                                                   and n["role"] == "DROther"):
                    problems.append(f"{r.name} {ifname}: neighbor {rid} is "
                                    f"{n['state']}/{n['role']}")
            for rid in sorted(set(seen) - rids):
                problems.append(f"{r.name} {ifname}: unexpected neighbor {rid} "
                                f"{seen[rid]['state']}")
    return problems


def wait_adjacencies(topo, routers=None, timeout=None):
    """Wait until adjacency_problems() is empty."""
    __tracebackhide__ = True

    def check():
        p = adjacency_problems(topo, routers)
        return (not p, "\n".join(p))

    return poll(check, "adjacencies", timeout)


def dr_bdr(router, ifname):
    """(DR id, BDR id) as router sees them on ifname; "0.0.0.0" for none."""
    i = router.interfaces()[ifname]
    return (i["dr"], i["bdr"])


def wait_dr_bdr_agree(topo, lan, routers=None, timeout=None):
    """Wait until the given routers (default: the running ones on the LAN) all name the same
    DR and BDR, and both are among those routers; returns (DR id, BDR id)."""
    __tracebackhide__ = True
    lan = topo.lans[getattr(lan, "name", lan)]
    routers = routers or [r for r in lan.routers if r.running()]
    ids = {r.router_id for r in routers}

    def check():
        views = {r.name: dr_bdr(r, lan.name) for r in routers}
        vals = set(views.values())
        ok = len(vals) == 1 and set(next(iter(vals))) <= ids and len(routers) > 1
        return (ok, next(iter(vals)) if ok else f"DR/BDR per router: {views}")

    return poll(check, f"DR/BDR agreement on {lan.name}", timeout)


def lsdb_differences(routers):
    """Empty when all routers hold the same LSDB keys, else a readable account."""
    dbs = {r.name: r.lsdb() for r in routers}
    ref_name = routers[0].name
    ref = dbs[ref_name]
    out = []
    for name, db in dbs.items():
        if name == ref_name or db == ref:
            continue
        for k in sorted(ref - db):
            out.append(f"{name} lacks   {fmt_lsa(k)}  (in {ref_name})")
        for k in sorted(db - ref):
            out.append(f"{name} has     {fmt_lsa(k)}  (not in {ref_name})")
    if not ref:
        out.append(f"{ref_name} has an empty LSDB")
    return out


def fmt_lsa(k):
    scope, t, lsid, adv, seq, ck = k
    return f"[{scope}] type {t} id {lsid} adv {adv} seq {seq:08x} cksum {ck:04x}"


def wait_lsdb_equal(topo, routers=None, timeout=None):
    """Wait until every router has the same set of (scope, type, id, adv, seq, checksum)."""
    __tracebackhide__ = True
    routers = routers or [r for r in topo.routers.values() if r.running()]

    def check():
        d = lsdb_differences(routers)
        return (not d, routers[0].lsdb() if not d else "\n".join(d))

    return poll(check, "identical LSDBs on " + ", ".join(r.name for r in routers), timeout)


def wait_converged(topo, routers=None, timeout=None):
    """Adjacencies as the topology says, routes to every loopback, identical LSDBs."""
    __tracebackhide__ = True
    wait_adjacencies(topo, routers, timeout)
    wait_loopback_routes(topo, routers, timeout)
    return wait_lsdb_equal(topo, routers, timeout)


# -- LSAs of one router ---------------------------------------------------------------------

def lsa_seq(router, lsa_type, lsid, adv, scope="0.0.0.0"):
    """Sequence number of one LSA in router's LSDB (MaxAge left out), or None."""
    seqs = [k[4] for k in router.lsdb()
            if k[:4] == (scope, lsa_type, lsid, adv)]
    return max(seqs) if seqs else None


def wait_lsas_superseded(topo, peers, before, scope="0.0.0.0", timeout=None):
    """Wait until every peer holds each LSA of `before` ({(type, lsid, adv): old seq}) with a
    sequence number above the old one (RFC 2328 13.4: a restarted router must supersede
    the LSAs it originated before), and all running routers' LSDBs are equal."""
    __tracebackhide__ = True

    def check():
        bad = []
        for p in peers:
            for (t, lsid, adv), old in sorted(before.items()):
                now = lsa_seq(p, t, lsid, adv, scope)
                if now is None or now <= old:
                    bad.append(f"{p.name}: type {t} id {lsid} adv {adv} seq "
                               f"{'none' if now is None else f'{now:08x}'}, "
                               f"want above {old:08x}")
        if not bad:
            bad = lsdb_differences([r for r in topo.routers.values() if r.running()])
        return (not bad, "\n".join(bad))

    return poll(check, "old LSAs superseded", timeout)


FRR_LINK_KINDS = {"another Router (point-to-point)": "p2p", "a Transit Network": "transit",
                  "Stub Network": "stub", "a Virtual Link": "virtual"}


def frr_router_lsa_links(router, adv, area="0.0.0.0"):
    """The links of adv's router-LSA as an FRR router decoded it, as a set of
    (kind, link id, link data, metric) with kind p2p, transit, stub or virtual;
    None if the router holds no such LSA."""
    data = router.json(f"show ip ospf database router {adv} json")
    for lsa in data.get("routerLinkStates", {}).get("areas", {}).get(area, []):
        if lsa.get("advertisingRouter") != adv or lsa.get("lsaAge", 0) >= 3600:
            continue
        out = set()
        for link in lsa.get("routerLinks", {}).values():
            kind = FRR_LINK_KINDS.get(link.get("linkType"), link.get("linkType"))
            if kind == "stub":
                lid, ldata = link.get("networkAddress"), link.get("networkMask")
            elif kind == "transit":
                lid, ldata = link.get("designatedRouterAddress"), link.get("routerInterfaceAddress")
            else:
                lid, ldata = link.get("neighborRouterId"), link.get("routerInterfaceAddress")
            out.add((kind, lid, ldata, link.get("tos0Metric")))
        return out
    return None


def wait_frr_router_lsa(router, adv, links, area="0.0.0.0", timeout=None):
    """Wait until FRR router holds adv's router-LSA with exactly these links
    (see frr_router_lsa_links)."""
    __tracebackhide__ = True
    want = set(links)

    def check():
        have = frr_router_lsa_links(router, adv, area)
        if have == want:
            return (True, have)
        if have is None:
            return (False, f"no router-LSA of {adv}")
        return (False, "\n".join([f"missing {l}" for l in sorted(want - have, key=str)] +
                                 [f"unexpected {l}" for l in sorted(have - want, key=str)]))

    return poll(check, f"{router.name}: router-LSA of {adv}", timeout)


def frr_network_lsa_routers(router, lsid, area="0.0.0.0"):
    """The attached routers of network-LSA lsid as an FRR router decoded it (a set of
    router ids), or None if it holds no such LSA (MaxAge left out)."""
    data = router.json(f"show ip ospf database network {lsid} json")
    for lsa in data.get("networkLinkStates", {}).get("areas", {}).get(area, []):
        if lsa.get("linkStateId") == lsid and lsa.get("lsaAge", 0) < 3600:
            # FRR 8.4 spells the key "attchedRouters"
            att = lsa.get("attchedRouters", lsa.get("attachedRouters", {}))
            return set(att)
    return None


def configure(router, *cmds, timeout=15):
    """Runs `configure terminal` then cmds in one vtysh session of router (ours or FRR's);
    asserts every command was taken (exit status 0, no "%" message). Returns the result."""
    __tracebackhide__ = True
    argv = [*router.vtysh_argv(), "-c", "configure terminal"]
    for cmd in cmds:
        argv += ["-c", cmd]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0 and "%" not in r.stdout, f"{cmds}: {r.stdout}{r.stderr}"
    return r


def vlink_nbr_state(router, rid):
    """The state of router's neighbor rid over a virtual link (interface VLINK*), or None."""
    for n in router.neighbors():
        if n["rid"] == rid and n["iface"].startswith("VLINK"):
            return n["state"]
    return None
