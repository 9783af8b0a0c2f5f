"""pytest glue for the topotests.

- At session start, labs left by killed runs (owner dead) are removed.
- Fixture `topo` (module scope): the test module's `build(topo)` describes the topology;
  configs come from the module's folder (<router>/frr.conf, bird.conf or ospfd.conf). The lab is
  started before the module's first test and torn down after its last, pass or fail.
- A failing test's report gets every live router's show output, kernel routes and logs.
- Tests marked `last` run after all others; at session end anything this session started and
  did not remove makes the run fail.
"""

import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lib import proc, state  # noqa: E402
from lib import topo as topolib  # noqa: E402
from lib.routers import OspfdRouter  # noqa: E402

_root_links_at_start = set()


def root_link_names():
    out = subprocess.run(["ip", "-j", "link", "show"], capture_output=True, text=True, timeout=10)
    return {l["ifname"] for l in json.loads(out.stdout or "[]")}


def pytest_sessionstart(session):
    if os.geteuid() != 0:
        return
    topolib.install_handlers()
    tr = session.config.pluginmanager.get_plugin("terminalreporter")
    state.clean_stale(log=tr.write_line if tr else lambda m: print(m, file=sys.stderr))
    _root_links_at_start.update(root_link_names())


def pytest_collection_modifyitems(session, config, items):
    if os.geteuid() != 0:
        skip = pytest.mark.skip(reason="topotests need root (network namespaces)")
        for item in items:
            item.add_marker(skip)
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


@pytest.fixture(scope="module")
def topo(request):
    mod = request.module
    build = getattr(mod, "build", None)
    if build is None:
        pytest.fail(f"{mod.__name__} has no build(topo) function")
    name = mod.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    t = topolib.Topology(name, os.path.dirname(os.path.abspath(mod.__file__)))
    request.addfinalizer(t.teardown)
    build(t)
    if any(r.kind == "ospfd" for r in t.routers.values()) and not OspfdRouter.available():
        pytest.skip(f"our ospfd is not built ({OspfdRouter.binary()})")
    t.start()
    return t


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.failed and rep.when in ("setup", "call"):
        for t in list(topolib.LIVE):
            try:
                rep.sections.extend(t.report())
            except Exception as e:  # a report must never hide the failure
                rep.sections.append((f"topology {t.name}", f"<report failed: {e}>"))


def leftovers():
    """Everything this session started that still exists (empty when clean)."""
    problems = []
    try:
        names = set(os.listdir("/run/netns"))
    except OSError:
        names = set()
    keep = os.environ.get("TOPOTESTS_KEEP") == "1"
    our_ifnames = set()
    for t in topolib.HISTORY:
        if t.persistent:
            continue
        for ns in t.namespaces():
            if ns in names:
                problems.append(f"namespace {ns} still exists")
        for rec in t.started:
            if proc.alive(rec):
                problems.append(f"{rec['daemon']} pid {rec['pid']} of {rec['router']} still runs")
        if t.id and os.path.exists(os.path.join(t.dir, "state.json")):
            problems.append(f"state file {t.dir}/state.json still exists")
        if t.id and not keep and os.path.exists(t.dir):
            problems.append(f"folder {t.dir} still exists")
        for r in t.routers.values():
            our_ifnames.update(r.ifaces)
        for lan in t.lans.values():
            our_ifnames.update([lan.name] + [lan.port(r) for r in lan.routers])
    new_in_root = (root_link_names() - _root_links_at_start) & our_ifnames
    for n in sorted(new_in_root):
        problems.append(f"interface {n} appeared in the root namespace")
    return problems


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if os.geteuid() != 0:
        return
    topolib.teardown_all()
    problems = leftovers()
    if problems:
        print("\ntopotests: left behind:\n  " + "\n  ".join(problems), file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
