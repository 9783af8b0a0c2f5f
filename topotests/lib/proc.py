"""Identity of the processes the lab starts, checked before any signal is sent.

A process is ours only if all of these hold for the PID we recorded when we started it:
its start time (field 22 of /proc/PID/stat) is the one we recorded, so the PID was not
reused; /proc/PID/exe is the binary we started (or still `ip`, in the instant between
`ip netns exec` and its exec); and its network namespace is the one we created, compared
by the namespace's inode exactly as `ip netns identify PID` does.
"""

import os
import signal
import time

# `ip netns exec NS prog` execs prog in place, so for a moment the PID still runs ip.
IP_BINARIES = ("/usr/bin/ip", "/bin/ip", "/usr/sbin/ip", "/sbin/ip")


def _stat_fields(pid):
    """Fields of /proc/PID/stat after the command name, or None if there is no such PID."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def start_time(pid):
    """Start time of PID in clock ticks since boot, or None if it does not exist."""
    fields = _stat_fields(pid)
    return int(fields[19]) if fields else None


def is_zombie(pid):
    fields = _stat_fields(pid)
    return fields is not None and fields[0] in ("Z", "X")


def exe(pid):
    """The binary PID runs, or None (no such process, or a zombie)."""
    try:
        path = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None
    if path.endswith(" (deleted)"):
        path = path[: -len(" (deleted)")]
    return path


def netns_id(path):
    """(st_dev, st_ino) of a namespace file: /run/netns/NAME or /proc/PID/ns/net."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_dev, st.st_ino]


def netns_identify(pid):
    """Names of /run/netns entries that PID's network namespace is (like `ip netns identify`)."""
    mine = netns_id(f"/proc/{pid}/ns/net")
    if mine is None:
        return []
    try:
        names = os.listdir("/run/netns")
    except OSError:
        return []
    return [n for n in names if netns_id(f"/run/netns/{n}") == mine]


def record(pid, exe_path, netns, ns_id, **extra):
    """What we store about a process we just started."""
    rec = {
        "pid": pid,
        "start": start_time(pid),
        "exe": os.path.realpath(exe_path),
        "netns": netns,
        "ns_id": ns_id,
    }
    rec.update(extra)
    return rec


def alive(rec):
    """True while the recorded process exists and is not a zombie."""
    pid = rec["pid"]
    st = start_time(pid)
    return st is not None and st == rec["start"] and not is_zombie(pid)


def is_ours(rec):
    """All identity checks of the module docstring; False when the process is gone."""
    pid = rec["pid"]
    if rec.get("start") is None or start_time(pid) != rec["start"]:
        return False
    path = exe(pid)
    if path is None:
        return False
    if path != rec["exe"] and path not in IP_BINARIES:
        return False
    ns_now = netns_id(f"/proc/{pid}/ns/net")
    if ns_now is None or ns_now != rec["ns_id"]:
        return False
    if os.path.exists(f"/run/netns/{rec['netns']}") and rec["netns"] not in netns_identify(pid):
        return False
    return True


def pid_from_file(path):
    try:
        with open(path) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def signal_ours(rec, sig):
    """Send sig to the recorded process if it passes every identity check. True if sent."""
    if not is_ours(rec):
        return False
    try:
        os.kill(rec["pid"], sig)
    except ProcessLookupError:
        return False
    return True


def _reap(popens):
    for p in popens.values():
        if p is not None:
            p.poll()


def wait_gone(recs, timeout, popens=None):
    """Wait (bounded) until no recorded process is alive; reap our own children on the way.

    Returns the records still alive at the timeout.
    """
    popens = popens or {}
    deadline = time.monotonic() + timeout
    while True:
        _reap(popens)
        left = [r for r in recs if alive(r)]
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.05)


def stop(recs, timeout=5.0, popens=None, sig=signal.SIGTERM):
    """Signal the recorded processes (sig, then SIGKILL after timeout); returns survivors."""
    recs = [r for r in recs if alive(r)]
    for r in recs:
        signal_ours(r, sig)
    left = wait_gone(recs, timeout if sig != signal.SIGKILL else 2.0, popens)
    if left and sig != signal.SIGKILL:
        for r in left:
            signal_ours(r, signal.SIGKILL)
        left = wait_gone(left, 3.0, popens)
    return left
