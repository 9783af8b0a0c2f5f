"""Runs last: nothing this session started is left (namespaces, daemons, folders, links).

The same check runs again at session end (conftest.pytest_sessionfinish) and fails the run
if anything is left, e.g. when this test was not selected.
"""

import pytest

from conftest import leftovers


@pytest.mark.last
def test_nothing_left_behind():
    assert leftovers() == []
