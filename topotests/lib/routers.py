"""Router kinds behind one interface: FRR (zebra + ospfd), BIRD 2, and our ospfd.

Every router runs in its own network namespace and keeps all its files in its own folder
/tmp/tt-<id>/<router>/: the rendered config, and in run/ the pid files, control sockets,
startup output (*.out) and logs (*.log).

Common interface:
    start(), stop(), kill() (SIGKILL), restart(), running()
    run(cmd)        command inside the namespace, returns stdout
    show(cmd)       text of a show command (vtysh or birdc)
    json(cmd)       parsed JSON of an FRR-style `... json` command (emulated for BIRD)
    neighbors()     [{rid, iface, address, state, role}]
                    state "Full", "2-Way", ...; role "DR", "Backup", "DROther" or "-" (p2p)
    interfaces()    {ifname: {state, dr, bdr, type, cost}}
                    state in FRR's words ("DR", "Point-To-Point"), dr/bdr router ids
    lsdb()          set of (scope, type, lsid, adv_router, seq, checksum), MaxAge LSAs left out
    logs()          {filename: text}
"""

import ipaddress
import json
import os
import re
import shutil
import signal
import string
import subprocess
import time

from . import proc

FRR_DIR = "/usr/lib/frr"
VTYSH = "/usr/bin/vtysh"
BIRD = "/usr/sbin/bird"
BIRDC = "/usr/sbin/birdc"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
START_TIMEOUT = 15.0


class RouterError(Exception):
    pass


def _run(argv, timeout=30, check=True, input=None):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=timeout, input=input)
    if check and r.returncode != 0:
        raise RouterError(f"{' '.join(argv)} failed ({r.returncode}): "
                          f"{r.stderr.strip() or r.stdout.strip()}")
    return r


def _tail(path, lines=60):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


class Router:
    kind = "router"
    conf_name = None  # file name of the config in the test's router folder
    daemons = ()      # names of the processes in start order
    installs_routes = True  # computes routes and puts them in its kernel table

    def __init__(self, topo, name, num, loopbacks):
        self.topo = topo
        self.name = name
        self.num = num
        self.loopbacks = [str(ipaddress.ip_interface(a)) for a in loopbacks]
        self.router_id = str(ipaddress.ip_interface(self.loopbacks[0]).ip)
        self.ifaces = {}  # name -> "10.0.12.1/24"
        self.procs = {}   # daemon -> record (see proc.record)
        self.popens = {}  # pid -> Popen, to reap our children

    def __repr__(self):
        return f"<{self.kind} {self.name} in {self.ns}>"

    # -- places --------------------------------------------------------------------------
    @property
    def ns(self):
        return f"{self.topo.prefix}-{self.name}"

    @property
    def dir(self):
        return os.path.join(self.topo.dir, self.name)

    @property
    def run_dir(self):
        return os.path.join(self.dir, "run")

    def source_conf(self):
        return os.path.join(self.topo.confdir, self.name, self.conf_name)

    def conf_vars(self):
        """Values for ${...} placeholders in configs (string.Template syntax)."""
        v = {"name": self.name, "router_id": self.router_id, "dir": self.dir,
             "rundir": self.run_dir, "num": str(self.num)}
        for ifname, addr in self.ifaces.items():
            v["addr_" + re.sub(r"\W", "_", ifname)] = str(ipaddress.ip_interface(addr).ip)
        return v

    def render_conf(self, header=""):
        src = self.source_conf()
        try:
            with open(src) as f:
                text = f.read()
        except OSError as e:
            raise RouterError(f"{self.name}: no config {src}: {e}") from None
        dst = os.path.join(self.dir, self.conf_name)
        with open(dst, "w") as f:
            f.write(header + string.Template(text).safe_substitute(self.conf_vars()))
        os.chmod(dst, 0o644)
        return dst

    def _prepare_run_dir(self, owner=None):
        os.makedirs(self.run_dir, exist_ok=True)
        os.chmod(self.dir, 0o755)
        os.chmod(self.run_dir, 0o755)
        if owner:
            shutil.chown(self.run_dir, owner, owner)
        # Stale sockets and pid files of a killed instance would fake readiness.
        for f in os.listdir(self.run_dir):
            if f.endswith((".vty", ".api", ".ctl", ".pid")):
                try:
                    os.unlink(os.path.join(self.run_dir, f))
                except OSError:
                    pass

    # -- processes -----------------------------------------------------------------------
    def _spawn(self, daemon, argv, pidfile, ready, timeout=START_TIMEOUT, out_name=None):
        """Start argv in the namespace (foreground, own session), record it, wait for ready.

        ready: paths (sockets) that exist once the daemon serves.
        out_name: the file in run/ that gets its stdout and stderr (default <daemon>.out).
        """
        out_path = os.path.join(self.run_dir, out_name or f"{daemon}.out")
        with open(out_path, "ab") as out:
            p = subprocess.Popen(["ip", "netns", "exec", self.ns, *argv], stdin=subprocess.DEVNULL,
                                 stdout=out, stderr=subprocess.STDOUT, cwd=self.dir,
                                 start_new_session=True, close_fds=True)
        rec = proc.record(p.pid, argv[0], self.ns, self.topo.ns_ids[self.ns],
                          router=self.name, daemon=daemon, pidfile=pidfile)
        self.procs[daemon] = rec
        self.popens[p.pid] = p
        self.topo.state.add_proc(rec)
        self.topo.started.append(rec)
        deadline = time.monotonic() + timeout
        while True:
            if p.poll() is not None:
                raise RouterError(f"{self.name}: {daemon} exited with {p.returncode} at start:\n"
                                  f"{_tail(out_path)}")
            pid = proc.pid_from_file(pidfile)
            if pid is not None and all(os.path.exists(x) for x in ready):
                if pid != p.pid:
                    raise RouterError(f"{self.name}: {pidfile} says {pid}, we started {p.pid}")
                return rec
            if time.monotonic() > deadline:
                raise RouterError(f"{self.name}: {daemon} not ready after {timeout}s "
                                  f"(waiting for {pidfile} and {ready}):\n{_tail(out_path)}")
            time.sleep(0.05)

    def _records(self):
        """Our records, cross-checked against the daemons' own pid files."""
        recs = []
        for daemon, rec in self.procs.items():
            pid = proc.pid_from_file(rec.get("pidfile") or "")
            if pid is not None and pid != rec["pid"]:
                raise RouterError(f"{self.name}: {rec['pidfile']} says {pid}, "
                                  f"we started {rec['pid']}")
            recs.append(rec)
        return recs

    def _forget(self, recs):
        self.topo.state.drop_procs(recs)
        for r in recs:
            self.popens.pop(r["pid"], None)
        self.procs = {d: r for d, r in self.procs.items() if r not in recs}

    def stop(self, timeout=5.0):
        """SIGTERM every daemon (checked to be ours), SIGKILL after timeout."""
        recs = self._records()
        left = proc.stop(list(reversed(recs)), timeout=timeout, popens=self.popens)
        if left:
            raise RouterError(f"{self.name}: could not stop {[r['pid'] for r in left]}")
        self._forget(recs)

    def kill(self):
        """SIGKILL every daemon at once, like a crash. Sockets and pid files stay behind."""
        recs = self._records()
        left = proc.stop(recs, popens=self.popens, sig=signal.SIGKILL)
        if left:
            raise RouterError(f"{self.name}: could not kill {[r['pid'] for r in left]}")
        self._forget(recs)

    def restart(self):
        if self.procs:
            self.stop()
        self.start()

    def running(self):
        return bool(self.procs) and all(proc.alive(r) for r in self.procs.values())

    def start(self):
        raise NotImplementedError

    # -- inspection ----------------------------------------------------------------------
    def run(self, cmd, check=True, timeout=30):
        """Run cmd (a string for sh -c, or an argv list) in the namespace; return stdout."""
        argv = ["sh", "-c", cmd] if isinstance(cmd, str) else list(cmd)
        return _run(["ip", "netns", "exec", self.ns, *argv], timeout=timeout, check=check).stdout

    def logs(self):
        out = {}
        if os.path.isdir(self.run_dir):
            for f in sorted(os.listdir(self.run_dir)):
                if f.endswith((".log", ".out")):
                    out[f] = _tail(os.path.join(self.run_dir, f), 10**9)
        return out

    def show(self, cmd):
        raise NotImplementedError

    def json(self, cmd):
        raise NotImplementedError

    def report(self):
        """(title, text) sections describing this router, for failure reports."""
        sections = []
        label = f"{self.name} [{self.kind}]"
        for title, cmd in self.report_commands():
            try:
                text = self.show(cmd)
            except Exception as e:  # the report must never fail
                text = f"<{e}>"
            sections.append((f"{label} {title}", text))
        try:
            text = self.run(["ip", "route", "show"], check=False)
        except Exception as e:
            text = f"<{e}>"
        sections.append((f"{label} kernel routes", text))
        for f, text in self.logs().items():
            lines = text.splitlines()
            if len(lines) > 200:
                text = "\n".join(["... (last 200 lines)"] + lines[-200:])
            sections.append((f"{label} {f}", text))
        return sections

    def report_commands(self):
        return []


# -- FRR-style routers (vtysh) ------------------------------------------------------------

def _frr_role(s):
    return {"": "-", "-": "-", "DR": "DR", "Backup": "Backup", "DROther": "DROther"}.get(s, s)


MAXAGE = 3600

FRR_LSDB_KEYS = {
    "routerLinkStates": 1, "networkLinkStates": 2, "summaryLinkStates": 3,
    "asbrSummaryLinkStates": 4, "asExternalLinkStates": 5, "nssaExternalLinkStates": 7,
    "linkLocalOpaqueLsa": 9, "areaLocalOpaqueLsa": 10, "asExternalOpaqueLsa": 11,
}


def frr_lsdb_from_json(data):
    """LSDB key set from FRR 8.4 `show ip ospf database json`.

    Shape: {"routerId", "areas": {AREA: {"routerLinkStates": [{lsId, advertisedRouter,
    sequenceNumber "80000003", checksum "299b", ...}], "routerLinkStatesCount": N, ...}},
    "asExternalLinkStates": [...], "asExternalLinkStatesCount": N}.
    Link-scope (type 9) LSAs are left out: their scope is a link, not comparable across routers.
    So are LSAs at MaxAge (3600 s): they are being flushed, and implementations drop them at
    different times (FRR keeps one up to `maxage-delay`, 60 s; BIRD as soon as it is acked).
    """
    out = set()

    def take(scope, key, lsas):
        t = FRR_LSDB_KEYS.get(key)
        if t is None:
            raise RouterError(f"unknown LSDB section {key!r} in FRR JSON")
        if t == 9:
            return
        for lsa in lsas:
            if lsa.get("lsaAge", 0) >= MAXAGE:
                continue
            out.add((scope, t, lsa["lsId"], lsa["advertisedRouter"],
                     int(lsa["sequenceNumber"], 16), int(lsa["checksum"], 16)))

    for area, sections in data.get("areas", {}).items():
        for key, val in sections.items():
            if isinstance(val, list):
                take(area, key, val)
    for key, val in data.items():
        if isinstance(val, list):
            take("AS", key, val)
    return out


class VtyshRouter(Router):
    """A router queried with `vtysh --vty_socket RUN -c CMD` (FRR and our ospfd)."""

    vtysh = VTYSH

    def vtysh_argv(self):
        return [self.vtysh, "--vty_socket", self.run_dir]

    def show(self, cmd):
        r = _run([*self.vtysh_argv(), "-c", cmd], timeout=15, check=False)
        if r.returncode != 0:
            raise RouterError(f"{self.name}: vtysh -c {cmd!r} failed ({r.returncode}): "
                              f"{(r.stderr + r.stdout).strip()}")
        return r.stdout

    def json(self, cmd):
        text = self.show(cmd)
        try:
            return json.loads(text)
        except ValueError:
            raise RouterError(f"{self.name}: {cmd!r} gave no JSON: {text[:300]!r}") from None

    def neighbors(self):
        out = []
        for rid, entries in self.json("show ip ospf neighbor json").get("neighbors", {}).items():
            for n in entries:
                state, _, role = n.get("nbrState", "").partition("/")
                out.append({"rid": rid, "iface": n.get("ifaceName", "").split(":")[0],
                            "address": n.get("ifaceAddress", n.get("address")),
                            "state": state, "role": _frr_role(role)})
        return out

    def interfaces(self):
        out = {}
        for name, i in self.json("show ip ospf interface json").get("interfaces", {}).items():
            out[name] = {"state": i.get("state"), "dr": i.get("drId", "0.0.0.0"),
                         "bdr": i.get("bdrId", "0.0.0.0"), "type": i.get("networkType"),
                         "cost": i.get("cost")}
        return out

    def lsdb(self):
        return frr_lsdb_from_json(self.json("show ip ospf database json"))

    def report_commands(self):
        return [("neighbors", "show ip ospf neighbor"), ("interfaces", "show ip ospf interface"),
                ("lsdb", "show ip ospf database"), ("ospf routes", "show ip ospf route")]


class FrrRouter(VtyshRouter):
    """Debian's FRR 8.4: zebra + ospfd, each started with an empty -f file; the router's
    frr.conf is then loaded with `vtysh -b` (the integrated-config mechanism), which sends
    each line to the daemon that owns it. Both daemons run as user frr with -P 0, their own
    pid files, vty sockets and zserv socket in run/. `log file run/frr.log` is put in front of
    the router's frr.conf; what they print before that goes to run/<daemon>.out."""

    kind = "frr"
    conf_name = "frr.conf"
    daemons = ("zebra", "ospfd")

    def vtysh_argv(self):
        # --config_dir: vtysh -b reads frr.conf there, and vtysh.conf (prompt "r1#").
        return [self.vtysh, "--vty_socket", self.run_dir, "--config_dir", self.dir]

    def start(self):
        if self.procs:
            raise RouterError(f"{self.name}: already started")
        self._prepare_run_dir(owner="frr")
        # Both daemons log to one file (lines tagged ZEBRA:/OSPF:) with milliseconds; output
        # before the config is loaded goes to run/<daemon>.out.
        self.render_conf(header=f"log file {self.run_dir}/frr.log\nlog timestamp precision 3\n")
        empty = os.path.join(self.dir, "empty.conf")
        vtysh_conf = os.path.join(self.dir, "vtysh.conf")
        for f, text in ((empty, ""), (vtysh_conf, f"hostname {self.name}\n")):
            with open(f, "w") as fh:
                fh.write(text)
            os.chmod(f, 0o644)
        zserv = os.path.join(self.run_dir, "zserv.api")
        for d in self.daemons:
            pidfile = os.path.join(self.run_dir, f"{d}.pid")
            ready = [os.path.join(self.run_dir, f"{d}.vty")] + ([zserv] if d == "zebra" else [])
            self._spawn(d, [os.path.join(FRR_DIR, d), "-P", "0", "-f", empty, "-i", pidfile,
                            "--vty_socket", self.run_dir, "-z", zserv],
                        pidfile, ready)
        r = _run([*self.vtysh_argv(), "-b"], check=False, timeout=30)
        with open(os.path.join(self.run_dir, "vtysh-boot.out"), "w") as f:
            f.write(r.stdout + r.stderr)
        if r.returncode != 0:
            raise RouterError(f"{self.name}: loading frr.conf failed ({r.returncode}):\n"
                              f"{(r.stdout + r.stderr).strip()}")


class OspfdRouter(VtyshRouter):
    """Our ospfd, to the contract `ospfd -f CONF -i PIDFILE --vty_socket DIR` (foreground,
    logging to stderr, which goes to run/ospfd.log), queried with our vtysh like FRR.
    Binaries from $OSPFD_BIN / $OSPFD_VTYSH. It computes routes and installs them in its
    namespace's kernel table (protocol ospf), like FRR and BIRD."""

    kind = "ospfd"
    conf_name = "ospfd.conf"
    daemons = ("ospfd",)

    @staticmethod
    def binary():
        return os.environ.get("OSPFD_BIN", os.path.join(REPO, "build", "ospfd", "ospfd"))

    @staticmethod
    def vtysh_binary():
        return os.environ.get("OSPFD_VTYSH", os.path.join(REPO, "build", "vtysh", "vtysh"))

    @classmethod
    def available(cls):
        return os.access(cls.binary(), os.X_OK) and os.access(cls.vtysh_binary(), os.X_OK)

    @property
    def vtysh(self):
        return self.vtysh_binary()

    def start(self):
        if self.procs:
            raise RouterError(f"{self.name}: already started")
        self._prepare_run_dir()
        conf = self.render_conf()
        check = _run([self.binary(), "-C", "-f", conf], check=False, timeout=15)
        if check.returncode != 0:
            raise RouterError(f"{self.name}: ospfd -C refuses {conf}:\n"
                              f"{(check.stdout + check.stderr).strip()}")
        pidfile = os.path.join(self.run_dir, "ospfd.pid")
        self._spawn("ospfd",
                    [self.binary(), "-f", conf, "-i", pidfile, "--vty_socket", self.run_dir],
                    pidfile, [os.path.join(self.run_dir, "ospfd.vty")], out_name="ospfd.log")

    def packet_drops(self, ifname):
        """{reason: count} of the packets dropped on ifname (`packetDrops`)."""
        i = self.json(f"show ip ospf interface {ifname} json").get("interfaces", {}).get(ifname)
        if i is None:
            raise RouterError(f"{self.name}: no OSPF interface {ifname}")
        return dict(i.get("packetDrops", {}))

    def report_commands(self):
        return [("ospf", "show ip ospf"), ("neighbors", "show ip ospf neighbor detail"),
                ("interfaces", "show ip ospf interface"), ("lsdb", "show ip ospf database")]


class HostRouter(Router):
    """A namespace with addresses and no routing daemon: a place to send crafted packets
    from (see lib/rawospf.py). It is never `running()`, so the helpers expect nothing of it."""

    kind = "host"
    installs_routes = False

    def start(self):
        pass

    def show(self, cmd):
        raise RouterError(f"{self.name}: a host has no show commands")

    def neighbors(self):
        return []

    def interfaces(self):
        return {}

    def lsdb(self):
        return set()


# -- BIRD ---------------------------------------------------------------------------------

BIRD_ROLE = {"PtP": "-", "DR": "DR", "BDR": "Backup", "Other": "DROther", "": "-"}
BIRD_IFSTATE = {"PtP": "Point-To-Point", "DROther": "DROther", "Backup": "Backup", "DR": "DR",
                "Waiting": "Waiting", "Loopback": "Loopback", "Down": "Down"}
BIRD_IFTYPE = {"ptp": "POINTOPOINT", "broadcast": "BROADCAST", "nbma": "NBMA",
               "ptmp": "POINTOMULTIPOINT", "virtual": "VIRTUALLINK"}
IPV4 = r"\d+\.\d+\.\d+\.\d+"


def bird_neighbors_from_text(text):
    """Parse `show ospf neighbors`:
    Router ID   	Pri	     State     	DTime	Interface  Router IP
    10.255.0.1  	  1	Full/PtP  	 3.488	eth-r1     10.0.12.1
    """
    out = []
    for line in text.splitlines():
        f = line.split()
        if len(f) == 6 and re.fullmatch(IPV4, f[0]):
            state, _, role = f[2].partition("/")
            out.append({"rid": f[0], "priority": int(f[1]), "state": state,
                        "role": BIRD_ROLE.get(role, role), "iface": f[4], "address": f[5]})
    return out


def bird_interfaces_from_text(text):
    """Parse `show ospf interface`: blocks of `Interface NAME (PREFIX)` then `\tKey: value`."""
    out = {}
    cur = None
    for line in text.splitlines():
        m = re.match(r"Interface (\S+) \(", line)
        if m:
            cur = out.setdefault(m.group(1), {})
            continue
        m = re.match(r"\s+([^:]+):\s*(.*)$", line)
        if cur is not None and m:
            cur[m.group(1).strip()] = m.group(2).strip()
    res = {}
    for name, kv in out.items():
        st = kv.get("State", "").split(" ")[0]
        res[name] = {"state": BIRD_IFSTATE.get(st, st),
                     "dr": kv.get("Designated router (ID)", "0.0.0.0"),
                     "bdr": kv.get("Backup designated router (ID)", "0.0.0.0"),
                     "dr_address": kv.get("Designated router (IP)", "0.0.0.0"),
                     "bdr_address": kv.get("Backup designated router (IP)", "0.0.0.0"),
                     "type": BIRD_IFTYPE.get(kv.get("Type"), kv.get("Type")),
                     "cost": int(kv["Cost"]) if kv.get("Cost", "").isdigit() else None,
                     "priority": int(kv["Priority"]) if kv.get("Priority", "").isdigit() else None}
    return res


def bird_lsdb_from_text(text):
    """Parse `show ospf lsadb`: sections `Global`, `Area A.B.C.D`, `Link IF`, then rows
     Type   LS ID           Router          Sequence   Age  Checksum
     0001  10.255.0.1      10.255.0.1       80000003    10    299b
    LSAs at MaxAge are left out, as for FRR.
    """
    out = set()
    scope = None
    for line in text.splitlines():
        s = line.strip()
        if s == "Global":
            scope = "AS"
        elif s.startswith("Area "):
            scope = s.split()[1]
        elif s.startswith("Link "):
            scope = None  # link scope: left out, as for FRR
        else:
            f = s.split()
            if (len(f) == 6 and re.fullmatch(r"[0-9a-f]{4}", f[0]) and scope is not None
                    and int(f[4]) < MAXAGE):
                out.add((scope, int(f[0], 16), f[1], f[2], int(f[3], 16), int(f[5], 16)))
    return out


def lsdb_to_frr_json(keys, router_id):
    """The FRR JSON shape of an LSDB key set (used to emulate FRR's JSON for BIRD)."""
    names = {v: k for k, v in FRR_LSDB_KEYS.items()}
    data = {"routerId": router_id, "areas": {}}
    for scope, t, lsid, adv, seq, ck in sorted(keys):
        entry = {"lsId": lsid, "advertisedRouter": adv, "sequenceNumber": f"{seq:08x}",
                 "checksum": f"{ck:04x}"}
        if scope == "AS":
            data.setdefault(names[t], []).append(entry)
        else:
            data["areas"].setdefault(scope, {}).setdefault(names[t], []).append(entry)
    return data


class BirdRouter(Router):
    """Debian's BIRD 2.0.12, run as root in the foreground (-f) with its own control socket
    and pid file in run/. `log "run/bird.log" all;` is put in front of the router's bird.conf."""

    kind = "bird"
    conf_name = "bird.conf"
    daemons = ("bird",)

    @property
    def ctl(self):
        return os.path.join(self.run_dir, "bird.ctl")

    def start(self):
        if self.procs:
            raise RouterError(f"{self.name}: already started")
        self._prepare_run_dir()
        conf = self.render_conf(header=f'log "{self.run_dir}/bird.log" all;\n')
        pidfile = os.path.join(self.run_dir, "bird.pid")
        self._spawn("bird", [BIRD, "-f", "-c", conf, "-s", self.ctl, "-P", pidfile],
                    pidfile, [self.ctl])

    def birdc(self, cmd):
        r = _run([BIRDC, "-s", self.ctl, *cmd.split()], timeout=15, check=False)
        if r.returncode != 0 or "Unable to connect" in r.stdout:
            raise RouterError(f"{self.name}: birdc {cmd!r} failed: {(r.stdout + r.stderr).strip()}")
        return r.stdout

    def show(self, cmd):
        """A BIRD command (`show ospf neighbors`); FRR-style `show ip ospf ...` is mapped."""
        frr_to_bird = {"show ip ospf neighbor": "show ospf neighbors",
                       "show ip ospf interface": "show ospf interface",
                       "show ip ospf database": "show ospf lsadb",
                       "show ip ospf route": "show ospf state"}
        return self.birdc(frr_to_bird.get(cmd, cmd))

    def neighbors(self):
        return bird_neighbors_from_text(self.birdc("show ospf neighbors"))

    def interfaces(self):
        return bird_interfaces_from_text(self.birdc("show ospf interface"))

    def lsdb(self):
        return bird_lsdb_from_text(self.birdc("show ospf lsadb"))

    def json(self, cmd):
        """FRR's JSON shape for the commands tests poll, built from BIRD's text output:
        `show ip ospf neighbor json`, `show ip ospf interface [IF] json`,
        `show ip ospf database json`. Only the keys listed below are filled in."""
        words = cmd.split()
        if words[-1:] != ["json"]:
            raise RouterError(f"{self.name}: json() needs a '... json' command, got {cmd!r}")
        base = " ".join(words[:-1])
        if base == "show ip ospf neighbor":
            nbrs = {}
            for n in self.neighbors():
                local = self.ifaces.get(n["iface"], "")
                state = n["state"] + "/" + n["role"]
                nbrs.setdefault(n["rid"], []).append({
                    "nbrState": state, "nbrPriority": n["priority"], "address": n["address"],
                    "ifaceAddress": n["address"],
                    "ifaceName": f"{n['iface']}:{local.split('/')[0]}" if local else n["iface"]})
            return {"neighbors": nbrs}
        if base.startswith("show ip ospf interface"):
            want = words[4] if len(words) == 6 else None
            out = {}
            for name, i in self.interfaces().items():
                if want and name != want:
                    continue
                e = {"state": i["state"], "networkType": i["type"], "cost": i["cost"],
                     "priority": i["priority"]}
                if i["dr"] != "0.0.0.0":
                    e.update(drId=i["dr"], drAddress=i["dr_address"])
                if i["bdr"] != "0.0.0.0":
                    e.update(bdrId=i["bdr"], bdrAddress=i["bdr_address"])
                out[name] = e
            return {"interfaces": out}
        if base == "show ip ospf database":
            return lsdb_to_frr_json(self.lsdb(), self.router_id)
        raise RouterError(f"{self.name}: BIRD has no JSON for {cmd!r}; use show()")

    def report_commands(self):
        return [("neighbors", "show ospf neighbors"), ("interfaces", "show ospf interface"),
                ("lsdb", "show ospf lsadb"), ("ospf state", "show ospf state"),
                ("routes", "show route")]


KINDS = {"frr": FrrRouter, "bird": BirdRouter, "ospfd": OspfdRouter, "host": HostRouter}
