"""State files: what each lab created, so that a killed run can be cleaned up later.

Every lab lives in its own folder /tmp/tt-<id>/ and records, in /tmp/tt-<id>/state.json, the
process that owns it (PID and start time), the namespaces it created and every daemon it
started. The file is rewritten (atomically) before a namespace is created and right after a
daemon is started. A lab whose owner is dead is stale: `clean_stale()` removes it, touching
only what its state file lists. A persistent lab (the demo) has no owner and is removed only
on request (`demo.py --clean`).
"""

import fcntl
import glob
import json
import os
import shutil
import signal
import subprocess

from . import proc

BASE = os.environ.get("TOPOTESTS_TMP", "/tmp")
DIR_PREFIX = "tt-"
MAGIC = "ospfd-topotests/1"


def lab_dir(lab_id):
    return os.path.join(BASE, DIR_PREFIX + lab_id)


class LabState:
    """The state file of one lab."""

    def __init__(self, path, data):
        self.path = path
        self.data = data

    @classmethod
    def create(cls, lab_id, name, origin, persistent=False):
        d = lab_dir(lab_id)
        os.mkdir(d, 0o755)  # fails if the id is taken
        pid = os.getpid()
        data = {
            "magic": MAGIC,
            "id": lab_id,
            "name": name,
            "dir": d,
            "origin": origin,
            "persistent": persistent,
            "owner": None if persistent else {"pid": pid, "start": proc.start_time(pid)},
            "namespaces": [],
            "procs": [],
        }
        st = cls(os.path.join(d, "state.json"), data)
        st.save()
        return st

    @classmethod
    def load(cls, path):
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("magic") != MAGIC:
            return None
        # Only ever act on a file that sits where its own record says it should.
        if os.path.realpath(os.path.dirname(path)) != os.path.realpath(data.get("dir", "")):
            return None
        return cls(path, data)

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, self.path)

    # -- records -------------------------------------------------------------------------
    def add_namespace(self, name):
        self.data["namespaces"].append({"name": name, "ns_id": None})
        self.save()

    def set_namespace_id(self, name, ns_id):
        for ns in self.data["namespaces"]:
            if ns["name"] == name:
                ns["ns_id"] = ns_id
        self.save()

    def add_proc(self, rec):
        self.data["procs"].append(rec)
        self.save()

    def drop_procs(self, recs):
        gone = {(r["pid"], r["start"]) for r in recs}
        self.data["procs"] = [r for r in self.data["procs"] if (r["pid"], r["start"]) not in gone]
        self.save()

    def set_persistent(self):
        self.data["persistent"] = True
        self.data["owner"] = None
        self.save()

    def owner_alive(self):
        owner = self.data.get("owner")
        if owner is None:
            return self.data.get("persistent", False)
        return proc.start_time(owner["pid"]) == owner["start"]


def _ip(*args, timeout=10):
    return subprocess.run(["ip", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=timeout)


def netns_exists(name):
    return os.path.exists(os.path.join("/run/netns", name))


def _sweep_namespace(ns, log):
    """Kill what is left inside a namespace this lab created, before deleting it.

    Normally empty: the recorded daemons are stopped first. A process can only be in one of
    our namespaces if this lab put it there (e.g. it was started in the instant before its
    record was written), so it is ours; it is still checked to be in that namespace.
    """
    if not netns_exists(ns["name"]):
        return
    r = _ip("netns", "pids", ns["name"])
    recs = []
    for pid in (int(p) for p in r.stdout.split() if p.isdigit()):
        path = proc.exe(pid)
        if path and ns["ns_id"] is not None and proc.netns_id(f"/proc/{pid}/ns/net") == ns["ns_id"]:
            recs.append(proc.record(pid, path, ns["name"], ns["ns_id"]))
    if recs:
        log(f"namespace {ns['name']}: stopping unrecorded pids {[r['pid'] for r in recs]}")
        proc.stop(recs, timeout=2.0)


def destroy(st, popens=None, log=print, keep_dir=False):
    """Remove everything a lab's state file lists: daemons, namespaces, then its folder.

    Returns a list of problems (empty when everything is gone).
    """
    problems = []
    data = st.data
    recs = list(data.get("procs", []))
    left = proc.stop(recs, timeout=3.0, popens=popens)
    for r in left:
        problems.append(f"process {r['pid']} ({r['exe']}) in {r['netns']} still alive")
    for ns in data.get("namespaces", []):
        try:
            _sweep_namespace(ns, log)
        except (OSError, subprocess.SubprocessError) as e:
            problems.append(f"sweep of {ns['name']}: {e}")
        if netns_exists(ns["name"]):
            r = _ip("netns", "del", ns["name"])
            if r.returncode != 0 and netns_exists(ns["name"]):
                problems.append(f"ip netns del {ns['name']}: {r.stderr.strip()}")
    if not problems:
        data["procs"] = []
        if keep_dir:
            try:
                os.unlink(st.path)
            except OSError:
                pass
        else:
            shutil.rmtree(data["dir"], ignore_errors=True)
    return problems


def all_states():
    """Every lab state file on this machine written by this harness (any checkout)."""
    out = []
    for path in sorted(glob.glob(os.path.join(BASE, DIR_PREFIX + "*", "state.json"))):
        st = LabState.load(path)
        if st is not None:
            out.append(st)
    return out


def _locked(path):
    """An exclusive, non-blocking lock so that two cleaners never work on one lab."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def clean(st, log=print):
    fd = _locked(st.path)
    if fd is None:
        return ["busy or gone"]
    try:
        log(f"topotests: removing lab {st.data['id']} ({st.data['name']}, {st.data['dir']})")
        return destroy(st, log=log)
    finally:
        os.close(fd)


def clean_stale(log=print):
    """Remove every non-persistent lab whose owner process is dead. Returns their ids."""
    cleaned = []
    for st in all_states():
        if st.owner_alive():
            continue
        problems = clean(st, log=log)
        if problems and problems != ["busy or gone"]:
            log(f"topotests: lab {st.data['id']} not fully removed: {problems}")
        else:
            cleaned.append(st.data["id"])
    return cleaned


def ignore_signals_during(fn, *args, **kwargs):
    """Run fn with SIGINT/SIGTERM/SIGHUP held off, so a cleanup is not cut in half."""
    sigs = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (ValueError, OSError):
        return fn(*args, **kwargs)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
