"""The pytest plugin of kestra (entry point ``pytest11``): the ``kestra_records`` fixture.

    def test_etl(kestra_records):
        run()
        assert kestra_records.outputs["rows"] == 823
        assert kestra_records.counter("rows_loaded", region="eu") == 823

Loaded by pytest only, never by ``import kestra``. A failing test that used the
fixture gets a "Kestra records" section in its report: the tables of
``kestra-emit show``.
"""
from __future__ import annotations

from typing import Any, Generator

import pytest

from .testing import Records, _recording


@pytest.fixture
def kestra_records(request: Any) -> Records:
    """What Kestra would record from everything the test function writes to stdout."""
    records = Records()
    request.node._kestra_records = records
    return records


# pytest points sys.stdout at its own capture (or capsys's) again as each phase
# starts, so the tee goes on inside that, around the test function's call only.
@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item: Any) -> Generator[None, None, None]:
    records = getattr(item, "_kestra_records", None)
    if records is None:
        yield
        return
    with _recording(records):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    records = getattr(item, "_kestra_records", None)
    if records is not None and report.failed and call.when == "call":
        report.sections.append(("Kestra records", records.text()))
