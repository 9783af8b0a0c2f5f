"""vtysh against our ospfd: -c scripting, abbreviations, pipes, errors, modes across -c's,
-f and -b, many clients at once, and an interactive session on a pty ('?' help, TAB
completion, prompts, history).

    r1 (ospfd) eth-r2 10.0.12.1/24 ---- 10.0.12.2/24 eth-r1 r2 (frr)
"""

import fcntl
import os
import pty
import select
import socket
import subprocess
import tempfile
import termios
import threading
import time

from lib.helpers import wait_json

TIMEOUT = float(os.environ.get("TOPOTESTS_TIMEOUT", "30"))


def build(topo):
    r1 = topo.add_router("r1", "ospfd")
    r2 = topo.add_router("r2", "frr")
    topo.add_link(r1, r2, "10.0.12.0/24")


def vtysh(r1, *args, env=None):
    """Our vtysh on r1 with args; the CompletedProcess."""
    return subprocess.run([*r1.vtysh_argv(), *args], capture_output=True, text=True,
                          timeout=15, env=env)


def c(r1, *cmds):
    return vtysh(r1, *[x for cmd in cmds for x in ("-c", cmd)])


def test_adjacency_first(topo):
    r1 = topo.routers["r1"]
    wait_json(r1, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.2": [{"nbrState": "Full/-"}]}})


def test_abbreviations(topo):
    r1 = topo.routers["r1"]
    r = c(r1, "sh ip os nei")
    assert r.returncode == 0, r
    assert "10.255.0.2" in r.stdout and "Full" in r.stdout, r.stdout
    r = c(r1, "sh ver")
    assert r.returncode == 0 and r.stdout.startswith("ospfd version "), r


def test_pipes(topo):
    r1 = topo.routers["r1"]
    full = c(r1, "show ip ospf neighbor").stdout.splitlines()
    r = c(r1, "show ip ospf neighbor | include Full|Init")
    assert r.returncode == 0, r
    # timers tick between two runs: compare the first column
    first = lambda lines: [l.split()[0] for l in lines if l.strip()]  # noqa: E731
    assert first(r.stdout.splitlines()) == first(l for l in full if "Full" in l or "Init" in l)
    assert first(r.stdout.splitlines()) == ["10.255.0.2"], r.stdout
    r = c(r1, "show ip ospf neighbor | exclude Full")
    assert first(r.stdout.splitlines()) == first(l for l in full if "Full" not in l), r.stdout
    r = c(r1, "show ip ospf neighbor | count")
    assert r.stdout.strip() == str(len(full)), r.stdout
    r = c(r1, "show ip ospf interface | begin ^eth-r2 | include ^eth")
    assert r.stdout.splitlines()[0].startswith("eth-r2"), r.stdout
    r = c(r1, "show ip ospf neighbor | include (")
    assert r.returncode == 1 and "Bad regular expression" in r.stderr, r


def test_unknown_incomplete_ambiguous(topo):
    r1 = topo.routers["r1"]
    r = c(r1, "show ip ospf bogus")
    assert r.returncode == 1, r
    assert r.stderr.strip() == "% Unknown command: show ip ospf bogus", r
    r = c(r1, "show ip")
    assert r.returncode == 1 and r.stderr.strip() == "% Command incomplete: show ip", r
    r = c(r1, "conf t", "e")
    assert r.returncode == 1 and r.stderr.strip() == "% Ambiguous command: e", r
    # the first failure stops the rest
    r = c(r1, "show ip ospf bogus", "show version")
    assert r.returncode == 1 and "ospfd version" not in r.stdout, r


def test_modes_carry_across_c_options(topo):
    r1 = topo.routers["r1"]
    r = c(r1, "configure terminal", "interface eth-r2", "ip ospf cost 20",
          "do show version", "router ospf", "log-adjacency-changes", "end", "show version")
    assert r.returncode == 0, r
    assert r.stdout.count("ospfd version") == 2, r.stdout
    # a configuration command at the top is unknown there
    r = c(r1, "ip ospf cost 20")
    assert r.returncode == 1 and "% Unknown command: ip ospf cost 20" in r.stderr, r
    # a session starts at the top again
    r = c(r1, "interface eth-r2")
    assert r.returncode == 1, r


def test_file_and_boot(topo):
    r1 = topo.routers["r1"]
    with tempfile.NamedTemporaryFile("w", suffix=".cmds", delete=False) as f:
        f.write("show version\nconfigure terminal\n interface lo\n  ip ospf passive\nend\n")
    try:
        r = vtysh(r1, "-f", f.name)
        assert r.returncode == 0 and "ospfd version" in r.stdout, r
        with open(f.name, "w") as g:
            g.write("show version\nshow bogus\nshow version\n")
        r = vtysh(r1, "-f", f.name)
        assert r.returncode == 1 and f"{f.name}:2: show bogus" in r.stderr, r
    finally:
        os.unlink(f.name)
    r = vtysh(r1, "-b")
    assert r.returncode == 0, r
    # the adjacency survives re-applying the same configuration
    wait_json(r1, "show ip ospf neighbor json",
              {"neighbors": {"10.255.0.2": [{"nbrState": "Full/-"}]}})


def test_many_clients_and_one_that_never_reads(topo):
    r1 = topo.routers["r1"]
    hog = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hog.connect(os.path.join(r1.run_dir, "ospfd.vty"))
    hog.setblocking(False)
    try:
        try:
            for _ in range(2000):
                hog.send(b"show ip ospf interface\n")
        except BlockingIOError:
            pass  # the daemon stopped reading it: fine
        results = [None] * 16

        def one(i):
            results[i] = c(r1, "show ip ospf neighbor", "show version")

        threads = [threading.Thread(target=one, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=TIMEOUT)
        assert all(r is not None and r.returncode == 0 and "10.255.0.2" in r.stdout
                   for r in results), results
    finally:
        hog.close()


class Pty:
    """vtysh on a pseudo-terminal: send keys, wait for text."""

    def __init__(self, argv, env):
        self.master, slave = pty.openpty()
        # its own session with the pty as controlling terminal, so ^C is a signal
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     close_fds=True, start_new_session=True,
                                     preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.buf = ""

    def send(self, keys):
        os.write(self.master, keys.encode())

    def expect(self, text, timeout=10):
        """Waits for text in the output since the last expect; returns what came before it."""
        end = time.monotonic() + timeout
        while text not in self.buf:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {text!r} in vtysh output: {self.buf!r}")
            r, _, _ = select.select([self.master], [], [], left)
            if r:
                try:
                    data = os.read(self.master, 4096)
                except OSError:
                    data = b""
                if not data:
                    raise AssertionError(f"vtysh hung up waiting for {text!r}: {self.buf!r}")
                self.buf += data.decode(errors="replace")
        before, _, self.buf = self.buf.partition(text)
        return before

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.master)


def test_interactive_help_completion_prompts_history(topo):
    r1 = topo.routers["r1"]
    home = tempfile.mkdtemp(prefix="vtysh-home-")
    env = dict(os.environ, HOME=home, TERM="dumb", INPUTRC="/dev/null")
    t = Pty(r1.vtysh_argv(), env)
    try:
        t.expect("r1# ")
        # '?' lists what may come next with its help, and leaves the line as it was
        t.send("show ip ospf ?")
        help_text = t.expect("r1# show ip ospf ")
        assert "neighbor" in help_text and "Neighbor list" in help_text, help_text
        assert "interface" in help_text and "Interface information" in help_text, help_text
        assert "?" not in help_text.replace("show ip ospf ?", ""), help_text
        t.send("\x15")  # ^U: clear the line
        # TAB completes keywords, then an interface name the daemon knows
        t.send("sh\t")
        t.expect("show ")
        t.send("ip ospf int\t")
        t.expect("interface ")
        t.send("eth-\t")
        t.expect("eth-r2 ")
        t.send("\r")
        out = t.expect("r1# ")
        assert "eth-r2 is up" in out or "eth-r2" in out, out
        # modes and their prompts
        t.send("conf t\r")
        t.expect("r1(config)# ")
        t.send("interface eth-r2\r")
        t.expect("r1(config-if)# ")
        # TAB on a word that only placeholders may follow shows their help
        t.send("ip ospf cost \t")
        out = t.expect("r1(config-if)# ip ospf cost ")
        assert "(1-65535)" in out, out
        t.send("\x15router ospf\r")
        t.expect("r1(config-router)# ")
        # ^Z leaves configuration mode at once, ^C drops the line being typed
        t.send("\x1a")
        t.expect("r1# ")
        t.send("bogus words")
        t.expect("bogus words")
        t.send("\x03")
        t.expect("r1# ")
        t.send("sh ip os nei | include Full\r")
        out = t.expect("r1# ")
        assert "10.255.0.2" in out and "Full" in out, out
        t.send("exit\r")
        assert t.proc.wait(timeout=10) == 0
    finally:
        t.close()
    with open(os.path.join(home, ".history_ospfd")) as f:
        hist = f.read()
    assert "conf t" in hist and "interface eth-r2" in hist, hist
    subprocess.run(["rm", "-rf", home], check=False)
