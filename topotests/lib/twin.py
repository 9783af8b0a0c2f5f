"""The twin-lab pattern: the same topology built twice, once with our ospfd at one position
and once with FRR there, so any router's OSPF view can be compared across the two labs.

    from lib.twin import ospf_routes, routes_differ, start_twin, wait_same_routes

    @pytest.fixture(scope="module")
    def twin(request):
        return start_twin(request, "mytest_twin", HERE, lambda t: build(t, r1_kind="frr"))
"""

from .helpers import poll
from .topo import Topology

ROUTE_FIELDS = ("routeType", "cost", "type2cost", "area", "routerType")


def start_twin(request, name, confdir, build, setup=None):
    """Build, start and return a second lab (torn down with the module); setup(t) runs
    after the start (kernel routes, extra addresses...)."""
    t = Topology(name, confdir)
    request.addfinalizer(t.teardown)
    build(t)
    t.start()
    if setup:
        setup(t)
    return t


def ospf_routes(router, keys=None, fields=ROUTE_FIELDS):
    """router's `show ip ospf route json` reduced to what must agree between two routers in
    the same place: per prefix (or router id) the given fields and the sorted next hops
    (gateway, interface). keys limits it to some prefixes."""
    out = {}
    for key, v in router.json("show ip ospf route json").items():
        if not isinstance(v, dict) or (keys is not None and key not in keys):
            continue
        hops = {((nh.get("ip") or "").strip(), nh.get("via") or nh.get("directlyAttachedTo") or "")
                for nh in v.get("nexthops", [])}
        entry = {f: v.get(f) for f in fields}
        entry["nexthops"] = sorted(hops)
        out[key] = entry
    return out


def routes_differ(a, b, names=("ours", "frr")):
    """The entries of two ospf_routes() results that differ, one line pair each."""
    width = max(len(n) for n in names)
    lines = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            lines.append(f"{k}: {names[0]:{width}} {a.get(k)}\n"
                         f"{' ' * len(k)}  {names[1]:{width}} {b.get(k)}")
    return "\n".join(lines)


def wait_same_routes(ours, theirs, keys=None, ignore=(), ready=None, adjust=None, timeout=None):
    """Wait until two routers (same position, two labs) hold equal OSPF routing tables;
    ready(theirs_table) may say the reference is not complete yet, adjust(theirs_table) may
    correct a known difference of FRR's in place (say why where you use it)."""
    __tracebackhide__ = True

    def check():
        a, b = ospf_routes(ours, keys), ospf_routes(theirs, keys)
        for k in ignore:
            a.pop(k, None)
            b.pop(k, None)
        if ready and not ready(b):
            return (False, "the reference lab is not ready:\n" + str(b))
        if adjust:
            adjust(b)
        return (a == b, routes_differ(a, b))

    return poll(check, f"{ours.name}'s OSPF routes equal its twin's", timeout)
