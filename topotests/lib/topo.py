"""Describe a topology in Python, build it from namespaces, veths and bridges, tear it down.

    t = Topology("p2p", confdir)            # confdir holds r1/frr.conf, r2/bird.conf, ...
    r1 = t.add_router("r1", "frr")          # loopback 10.255.0.1/32, router id 10.255.0.1
    r2 = t.add_router("r2", "bird")
    t.add_link(r1, r2, "10.0.12.0/24")      # r1 eth-r2 10.0.12.1/24 <-> r2 eth-r1 10.0.12.2/24
    t.add_lan("lan1", [r1, r2], "10.0.100.0/24")  # interface "lan1" on each router
    t.start()                               # build + start every router
    ...
    t.teardown()                            # idempotent; also run at exit and on SIGTERM/SIGHUP

Nothing is created in the root namespace. Each router is a namespace tt-<id>-<router>; the
bridges of LAN segments live in one more namespace tt-<id>-sw. Veth ends are created directly
inside the namespaces. Interface names are deterministic inside a namespace.
"""

import atexit
import ipaddress
import os
import re
import secrets
import signal
import subprocess
import sys

from . import proc, state
from .routers import KINDS

LIVE = []      # topologies built by this process and not torn down yet
HISTORY = []   # every topology built by this process: for the leftover check
IFNAMSIZ = 15


class TopologyError(Exception):
    pass


def ip(*args, check=True, timeout=10):
    r = subprocess.run(["ip", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=timeout)
    if check and r.returncode != 0:
        raise TopologyError(f"ip {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def _check_ifname(name):
    if len(name) > IFNAMSIZ or not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise TopologyError(f"bad interface name {name!r} (at most {IFNAMSIZ} of [A-Za-z0-9_.-])")
    return name


def _host(net, num):
    n = ipaddress.ip_network(net)
    addr = n.network_address + num
    if addr not in n or addr in (n.network_address, n.broadcast_address):
        raise TopologyError(f"host number {num} does not fit in {net}")
    return f"{addr}/{n.prefixlen}"


class Link:
    """A point-to-point veth pair between two routers."""

    def __init__(self, topo, a, b, net, a_if, b_if, a_addr, b_addr):
        self.topo, self.a, self.b, self.net = topo, a, b, net
        self.ifname = {a.name: a_if, b.name: b_if}
        self.addr = {a.name: a_addr, b.name: b_addr}
        self.down_ends = set()  # routers whose end is set down
        self.is_cut = False

    @property
    def operational(self):
        """False while an end is down or the link is cut: no adjacency is expected on it."""
        return not self.down_ends and not self.is_cut

    def __repr__(self):
        (a, a_if), (b, b_if) = self.ends()
        return f"<link {a.name}:{a_if} - {b.name}:{b_if}>"

    def ends(self):
        return [(self.a, self.ifname[self.a.name]), (self.b, self.ifname[self.b.name])]

    def down(self, router=None):
        """Set one end down (default: the first router's); the other end loses carrier."""
        r = router or self.a
        r = self.topo.routers[getattr(r, "name", r)]
        ip("-n", r.ns, "link", "set", self.ifname[r.name], "down")
        self.down_ends.add(r.name)

    def up(self, router=None):
        r = router or self.a
        r = self.topo.routers[getattr(r, "name", r)]
        ip("-n", r.ns, "link", "set", self.ifname[r.name], "up")
        self.down_ends.discard(r.name)

    def cut(self):
        """Silent failure: both ends stay up but drop every frame they receive
        (clsact ingress filter with the classic BPF program `ret #2`, TC_ACT_SHOT)."""
        self.is_cut = True
        for r, ifname in self.ends():
            subprocess.run(["tc", "-n", r.ns, "qdisc", "add", "dev", ifname, "clsact"],
                           capture_output=True, timeout=10)
            r2 = subprocess.run(["tc", "-n", r.ns, "filter", "add", "dev", ifname, "ingress",
                                 "bpf", "da", "bytecode", "1,6 0 0 2,"],
                                capture_output=True, text=True, timeout=10)
            if r2.returncode != 0:
                raise TopologyError(f"tc filter on {r.name}:{ifname}: {r2.stderr.strip()}")

    def heal(self):
        for r, ifname in self.ends():
            subprocess.run(["tc", "-n", r.ns, "qdisc", "del", "dev", ifname, "clsact"],
                           capture_output=True, timeout=10)
        self.is_cut = False


class Lan:
    """A LAN segment: a bridge in the switch namespace, one veth per router.
    On each router the interface is named after the LAN; in the switch, <router>-<lan>."""

    def __init__(self, topo, name, routers, net, addrs):
        self.topo, self.name, self.routers, self.net = topo, name, routers, net
        self.addr = addrs  # router name -> "10.0.100.1/24"
        self.unplugged = set()  # routers whose switch port is down

    def __repr__(self):
        return f"<lan {self.name} {[r.name for r in self.routers]}>"

    def port(self, router):
        return f"{getattr(router, 'name', router)}-{self.name}"

    def down(self, router):
        """Unplug a router: its switch port goes down, its interface loses carrier."""
        ip("-n", self.topo.switch_ns, "link", "set", self.port(router), "down")
        self.unplugged.add(getattr(router, "name", router))

    def up(self, router):
        ip("-n", self.topo.switch_ns, "link", "set", self.port(router), "up")
        self.unplugged.discard(getattr(router, "name", router))


class Topology:
    def __init__(self, name, confdir, persistent=False):
        self.name = name
        self.confdir = os.path.abspath(confdir)
        self.persistent = persistent
        self.routers = {}
        self.links = []
        self.lans = {}
        self.state = None
        self.id = None
        self.ns_ids = {}
        self.started = []  # every daemon record ever started, for the leftover check
        self.built = False

    def __repr__(self):
        return f"<topology {self.name} {self.id}>"

    # -- description ---------------------------------------------------------------------
    def add_router(self, name, kind, loopbacks=None, num=None):
        """Add a router of kind "frr", "bird", "ospfd" or "host" (a namespace without a
        daemon, to send crafted packets from). Its number (default: the digits of its name,
        else its position) picks its addresses: 10.255.0.<num>/32 on lo, and
        .<num> on every link and LAN. The first loopback is the router id."""
        if name in self.routers:
            raise TopologyError(f"router {name} already exists")
        if not re.fullmatch(r"[a-z][a-z0-9]{0,7}", name):
            raise TopologyError(f"router name {name!r}: 1-8 of [a-z0-9], starting with a letter")
        if kind not in KINDS:
            raise TopologyError(f"unknown router kind {kind!r} (one of {sorted(KINDS)})")
        if num is None:
            m = re.search(r"(\d+)$", name)
            num = int(m.group(1)) if m else len(self.routers) + 1
        if any(r.num == num for r in self.routers.values()):
            raise TopologyError(f"router number {num} of {name} is taken")
        r = KINDS[kind](self, name, num, loopbacks or [f"10.255.0.{num}/32"])
        self.routers[name] = r
        return r

    def _r(self, r):
        return self.routers[getattr(r, "name", r)]

    def add_link(self, a, b, net, ifnames=None):
        """Point-to-point link; interfaces eth-<peer> unless ifnames=(a_if, b_if)."""
        a, b = self._r(a), self._r(b)
        a_if, b_if = ifnames or (f"eth-{b.name}", f"eth-{a.name}")
        for r, i in ((a, a_if), (b, b_if)):
            _check_ifname(i)
            if i in r.ifaces:
                raise TopologyError(f"{r.name} already has an interface {i}; pass ifnames=")
        link = Link(self, a, b, net, a_if, b_if, _host(net, a.num), _host(net, b.num))
        a.ifaces[a_if] = link.addr[a.name]
        b.ifaces[b_if] = link.addr[b.name]
        self.links.append(link)
        return link

    def add_lan(self, name, routers, net):
        _check_ifname(name)
        if name in self.lans:
            raise TopologyError(f"LAN {name} already exists")
        routers = [self._r(r) for r in routers]
        addrs = {}
        for r in routers:
            _check_ifname(f"{r.name}-{name}")
            if name in r.ifaces:
                raise TopologyError(f"{r.name} already has an interface {name}")
            addrs[r.name] = _host(net, r.num)
            r.ifaces[name] = addrs[r.name]
        lan = Lan(self, name, routers, net, addrs)
        self.lans[name] = lan
        return lan

    def link(self, a, b):
        """The (first) link between routers a and b."""
        a, b = self._r(a).name, self._r(b).name
        for l in self.links:
            if {l.a.name, l.b.name} == {a, b}:
                return l
        raise KeyError(f"no link {a}-{b}")

    # -- places --------------------------------------------------------------------------
    @property
    def prefix(self):
        return f"tt-{self.id}"

    @property
    def dir(self):
        return state.lab_dir(self.id)

    @property
    def switch_ns(self):
        return f"{self.prefix}-sw"

    def namespaces(self):
        names = [r.ns for r in self.routers.values()]
        if self.lans:
            names.append(self.switch_ns)
        return names

    # -- life cycle ----------------------------------------------------------------------
    def build(self):
        """Create the lab folder, state file, namespaces, links and addresses."""
        if self.built:
            return
        install_handlers()
        for _ in range(20):
            self.id = secrets.token_hex(3)
            if any(os.path.exists(f"/run/netns/tt-{self.id}-{n}") for n in ["sw", *self.routers]):
                continue
            try:
                self.state = state.LabState.create(self.id, self.name, self.confdir,
                                                   self.persistent)
                break
            except FileExistsError:
                continue
        else:
            raise TopologyError("no free lab id")
        self.built = True
        LIVE.append(self)
        HISTORY.append(self)
        longest = os.path.join(self.dir, max(self.routers, key=len, default="r"), "run",
                               "zserv.api")
        if len(longest.encode()) >= 107:
            raise TopologyError(f"unix socket path {longest} is too long; "
                                "set a shorter TOPOTESTS_TMP")
        for ns in self.namespaces():
            self._add_netns(ns)
        for r in self.routers.values():
            ip("-n", r.ns, "link", "set", "lo", "up")
            for a in r.loopbacks:
                ip("-n", r.ns, "addr", "add", a, "dev", "lo")
            r.run(["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"])
            os.makedirs(r.run_dir, exist_ok=True)
        for l in self.links:
            (a, a_if), (b, b_if) = l.ends()
            ip("link", "add", a_if, "netns", a.ns, "type", "veth", "peer", "name", b_if,
               "netns", b.ns)
            for r, i in ((a, a_if), (b, b_if)):
                ip("-n", r.ns, "addr", "add", l.addr[r.name], "dev", i)
                ip("-n", r.ns, "link", "set", i, "up")
        for lan in self.lans.values():
            sw = self.switch_ns
            ip("-n", sw, "link", "add", lan.name, "type", "bridge", "stp_state", "0",
               "forward_delay", "0", "mcast_snooping", "0")
            ip("-n", sw, "link", "set", lan.name, "up")
            for r in lan.routers:
                port = lan.port(r)
                ip("link", "add", lan.name, "netns", r.ns, "type", "veth", "peer", "name", port,
                   "netns", sw)
                ip("-n", sw, "link", "set", port, "master", lan.name, "up")
                ip("-n", r.ns, "addr", "add", lan.addr[r.name], "dev", lan.name)
                ip("-n", r.ns, "link", "set", lan.name, "up")

    def _add_netns(self, ns):
        self.state.add_namespace(ns)  # recorded before it exists
        ip("netns", "add", ns)
        ns_id = proc.netns_id(f"/run/netns/{ns}")
        if ns_id is None:
            raise TopologyError(f"namespace {ns} has no /run/netns entry")
        self.ns_ids[ns] = ns_id
        self.state.set_namespace_id(ns, ns_id)

    def start(self):
        """Build if needed, then start every router (in the order they were added)."""
        self.build()
        for r in self.routers.values():
            r.start()
        return self

    def teardown(self, keep_dir=None):
        """Stop every daemon we started, delete our namespaces and the lab folder.
        Idempotent; signals are held off meanwhile. TOPOTESTS_KEEP=1 keeps the folder (logs)."""
        if not self.built or self.state is None or self.persistent:
            return []
        if keep_dir is None:
            keep_dir = os.environ.get("TOPOTESTS_KEEP") == "1"

        def _do():
            popens = {}
            for r in self.routers.values():
                popens.update(r.popens)
            problems = state.destroy(self.state, popens=popens, log=_log, keep_dir=keep_dir)
            if not problems:
                for r in self.routers.values():
                    r.procs, r.popens = {}, {}
                if self in LIVE:
                    LIVE.remove(self)
            return problems

        problems = state.ignore_signals_during(_do)
        if problems:
            _log(f"topotests: teardown of {self.id} left: {problems}")
        return problems

    def persist(self):
        """Keep the lab after this process exits (the demo): it gets no owner, so no
        stale-lab cleanup touches it; `state.clean()` removes it on request."""
        self.persistent = True
        self.state.set_persistent()
        if self in LIVE:
            LIVE.remove(self)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.teardown()

    # -- reports -------------------------------------------------------------------------
    def report(self):
        """(title, text) sections with every router's state, show output and logs."""
        sections = [(f"topology {self.name} ({self.id})", self.describe())]
        for r in self.routers.values():
            sections.extend(r.report())
        return sections

    def describe(self):
        lines = [f"lab folder {self.dir}"]
        for r in self.routers.values():
            ifs = ", ".join(f"{i} {a}" for i, a in r.ifaces.items())
            lines.append(f"{r.name:4} {r.kind:5} ns {r.ns:14} id {r.router_id:12} {ifs}")
        return "\n".join(lines)


def _log(msg):
    print(msg, file=sys.stderr)


def teardown_all():
    for t in list(LIVE):
        try:
            t.teardown()
        except Exception as e:  # keep tearing down the others
            _log(f"topotests: teardown of {t!r} failed: {e}")


_handlers_installed = False


def _on_signal(signum, frame):
    # Turn SIGTERM/SIGHUP into the same path as Ctrl-C: pytest then runs the fixture
    # finalizers, and a plain script unwinds to atexit.
    raise KeyboardInterrupt(f"signal {signum}")


def install_handlers():
    global _handlers_installed
    if _handlers_installed:
        return
    _handlers_installed = True
    atexit.register(teardown_all)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            if signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, _on_signal)
        except ValueError:  # not the main thread
            pass
