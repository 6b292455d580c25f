"""kestra.testing and its pytest plugin: the records a script's test sees."""
from __future__ import annotations

import subprocess
import sys
import threading
import unittest

import pytest

from kestra import Kestra
from kestra.testing import capture, read

pytest_plugins = ["pytester"]


def etl() -> None:
    """A small script: what a user would test."""
    print("starting")
    Kestra.outputs({"rows": 800, "status": "running"})
    Kestra.counter("rows_loaded", 800, {"region": "eu"})
    Kestra.counter("rows_loaded", 23, {"region": "eu"})
    Kestra.counter("rows_loaded", 5, {"region": "us"})
    Kestra.timer("load", 1.005)
    Kestra.timer("load", 0.5)
    Kestra.gauge("memory_mb", 100, {"host": "a"})
    Kestra.gauge("memory_mb", 80.5, {"host": "a"})
    Kestra.outputs({"rows": 823, "status": "done"})
    Kestra.logger().warning("disk almost full")
    Kestra.assets({"outputs": [{"id": "users", "type": "io.kestra.core.models.assets.Table"}]})


def test_fixture_merges_outputs_and_adds_counters(kestra_records) -> None:
    etl()
    assert kestra_records.outputs == {"rows": 823, "status": "done"}
    assert kestra_records.output_types == {"rows": "Integer", "status": "String"}
    assert kestra_records.counter("rows_loaded", region="eu") == 823
    assert kestra_records.counter("rows_loaded", region="us") == 5
    assert kestra_records.metric("counter", "rows_loaded", region="eu")["lines"] == 2


def test_timers_in_seconds_and_as_stored(kestra_records) -> None:
    etl()
    assert kestra_records.timer("load") == pytest.approx(1.505)
    assert kestra_records.timer_ms("load") == 1505  # exact: 1.005 s is 1005 ms, not 1004.99...


def test_gauge_keeps_its_last_value(kestra_records) -> None:
    etl()
    assert kestra_records.gauge("memory_mb", host="a") == 80.5


def test_logs_with_levels_and_printed_lines_as_info(kestra_records) -> None:
    etl()
    assert [(entry["level"], entry["message"]) for entry in kestra_records.logs] == [
        ("INFO", "starting"),
        ("WARN", "disk almost full"),
    ]
    assert kestra_records.logs[0]["text"] is True
    assert kestra_records.messages("WARN") == ["disk almost full"]
    assert kestra_records.assets == [{"outputs": [{"id": "users", "type": "io.kestra.core.models.assets.Table"}]}]


def test_printed_lines_stay_visible_to_capsys(kestra_records, capsys) -> None:
    print("hello from the script")
    Kestra.outputs({"a": 1})
    out = capsys.readouterr().out
    assert "hello from the script\n" in out
    assert '::{"outputs":{"a":1}}::\n' in out
    assert kestra_records.outputs == {"a": 1}


def test_hand_written_bad_lines_are_problems_with_the_checker_reason(kestra_records) -> None:
    print('::{"metrics":[{"name":"x","type":"counter","value":NaN}]}::')
    print(' ::{"outputs":{"a":1}}::')
    problems = kestra_records.problems
    assert [p["verdict"] for p in problems] == ["rejected", "near_miss"]
    assert "NaN is not allowed" in problems[0]["reason"]
    assert "leading space" in problems[1]["reason"]
    assert kestra_records.outputs == {}


def test_missing_metric_names_what_was_recorded(kestra_records) -> None:
    Kestra.counter("rows", 1, {"table": "users"})
    with pytest.raises(KeyError) as caught:
        kestra_records.counter("rows", table="orders")
    message = str(caught.value)
    assert "no counter 'rows' with tags {'table': 'orders'}" in message
    assert "table=users" in message


def test_tag_values_match_as_kestra_stores_them(kestra_records) -> None:
    Kestra.counter("hits", 2, {"shard": 3, "hot": True})
    assert kestra_records.counter("hits", shard=3, hot=True) == 2
    assert kestra_records.counter("hits", shard="3", hot="true") == 2


def test_missing_output_names_what_was_recorded() -> None:
    with capture() as records:
        Kestra.outputs({"rows": 1})
    with pytest.raises(KeyError, match="no output 'rowz' was recorded"):
        records.outputs["rowz"]


def test_threads_are_all_recorded(kestra_records) -> None:
    def work(n: int) -> None:
        for _ in range(250):
            Kestra.counter("items", 1, {"worker": str(n % 2)})
            # One write per line: print() writes the text and its newline apart, so a
            # record from another thread can land between them, in Kestra too.
            sys.stdout.write(f"worker {n} says hi\n")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert kestra_records.counter("items", worker="0") == 500
    assert kestra_records.counter("items", worker="1") == 500
    assert kestra_records.problems == []
    assert len(kestra_records.messages("INFO")) == 1000


def test_capture_for_unittest_users() -> None:
    class EtlTest(unittest.TestCase):
        def test_rows(self) -> None:
            with capture() as records:
                etl()
            self.assertEqual(records.outputs["rows"], 823)
            self.assertEqual(records.counter("rows_loaded", region="eu"), 823)

        def test_wrong_rows(self) -> None:
            with capture() as records:
                etl()
            self.assertEqual(records.outputs["rows"], 824, msg=records)  # the message: the tables

    result = unittest.TestResult()
    EtlTest("test_rows").run(result)
    assert result.wasSuccessful(), result.failures + result.errors
    EtlTest("test_wrong_rows").run(result)
    [(_, report)] = result.failures
    assert "AssertionError: 823 != 824 : Outputs (2)\n  rows    Integer  823\n" in report
    assert "counter  rows_loaded  region=eu  823.0" in report


def test_capture_restores_stdout_and_takes_stderr_as_error_logs() -> None:
    before = sys.stdout
    with capture(stderr=True) as records:
        print("oops", file=sys.stderr)
    assert sys.stdout is before
    assert [(e["level"], e["message"], e["stream"]) for e in records.logs] == [("ERROR", "oops", "stderr")]


def test_an_unfinished_last_line_counts_once_the_capture_ends() -> None:
    with capture() as records:
        sys.stdout.write("no newline")
    assert records.messages() == ["no newline"]


def test_failing_assertion_report_shows_the_records(pytester) -> None:
    pytester.makepyfile(
        """
        from kestra import Kestra

        def test_etl(kestra_records):
            Kestra.outputs({"rows": 822})
            Kestra.counter("rows_loaded", 822, {"region": "eu"})
            assert kestra_records.outputs["rows"] == 823
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "assert 822 == 823" in out
    assert "Kestra records" in out
    result.stdout.fnmatch_lines(["*rows*Integer*822*", "*counter*rows_loaded*region=eu*822.0*1 line*"])


def test_the_plugin_is_registered_by_the_entry_point() -> None:
    from importlib import metadata

    eps = metadata.entry_points()
    group = eps.select(group="pytest11") if hasattr(eps, "select") else eps.get("pytest11", [])
    assert "kestra.pytest_plugin" in {ep.value for ep in group}


def test_import_kestra_does_not_load_the_plugin_nor_pytest() -> None:
    code = "import sys, kestra; print('kestra.testing' in sys.modules, 'pytest' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("mode", ["-s", "--capture=fd", "--capture=tee-sys"])
def test_fixture_works_in_every_capture_mode(pytester, mode) -> None:
    pytester.makepyfile(
        """
        from kestra import Kestra

        def test_records(kestra_records):
            print("visible")
            Kestra.outputs({"rows": 823})
            assert kestra_records.outputs["rows"] == 823
            assert kestra_records.messages() == ["visible"]
        """
    )
    result = pytester.runpytest_subprocess(mode, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_read_takes_the_output_of_a_subprocess() -> None:
    script = "from kestra import Kestra; print('hi'); Kestra.counter('rows', 823, {'region': 'eu'})"
    done = subprocess.run([sys.executable, "-c", script + "; import sys; print('oops', file=sys.stderr)"],
                          capture_output=True, check=True)
    records = read(done.stdout, done.stderr)
    assert records.counter("rows", region="eu") == 823
    assert [(e["level"], e["message"]) for e in records.logs] == [("INFO", "hi"), ("ERROR", "oops")]
    assert read("::{\"outputs\":{\"a\":1}}::").outputs == {"a": 1}  # text works too
