"""The Kestra class: calls, values, errors, stdout behaviour."""
from __future__ import annotations

import datetime as dt
import decimal
import enum
import inspect
import io
import pathlib
import sys
from collections import OrderedDict
from contextlib import redirect_stdout
from types import MappingProxyType
from typing import Any

import pytest

from helpers import lines, payload, written
from kestra import Kestra


def test_outputs_line() -> None:
    assert written(lambda: Kestra.outputs({"a": 1, "b": [1.5, None, True, "é"]})) == (
        '::{"outputs":{"a":1,"b":[1.5,null,true,"\\u00e9"]}}::\n'
    )


def test_counter_tags_always_present() -> None:
    assert written(lambda: Kestra.counter("rows", 3)) == (
        '::{"metrics":[{"name":"rows","type":"counter","value":3,"tags":{}}]}::\n'
    )


def test_gauge_with_tags_and_options() -> None:
    (line,) = lines(
        lambda: Kestra.gauge(
            "mem", 0.5, {"host": "a"}, timestamp="2026-11-21T10:30:00Z", description="memory"
        )
    )
    assert line == {
        "metrics": [
            {
                "name": "mem",
                "type": "gauge",
                "value": 0.5,
                "tags": {"host": "a"},
                "timestamp": "2026-11-21T10:30:00Z",
                "description": "memory",
            }
        ]
    }


def test_timestamp_as_datetime() -> None:
    when = dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.timezone.utc)
    (line,) = lines(lambda: Kestra.counter("rows", 1, timestamp=when))
    assert line["metrics"][0]["timestamp"] == "2026-11-21T10:30:00+00:00"


def test_format_returns_the_line_without_newline_and_writes_nothing() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        text = Kestra.format({"outputs": {"x": 1}})
    assert text == '::{"outputs":{"x":1}}::'
    assert out.getvalue() == ""


def test_send_and_metrics_kept_for_old_scripts() -> None:
    assert written(lambda: Kestra._send({"outputs": {"x": 1}})) == '::{"outputs":{"x":1}}::\n'
    assert payload(written(lambda: Kestra._metrics("n", "counter", 2, {"t": "v"}))) == {
        "metrics": [{"name": "n", "type": "counter", "value": 2, "tags": {"t": "v"}}]
    }
    with pytest.raises(ValueError):
        Kestra._metrics("n", "histogram", 2, None)


def test_assets() -> None:
    assets = {"inputs": [{"id": "in"}], "outputs": [{"id": "out", "type": "TABLE"}]}
    assert lines(lambda: Kestra.assets(assets)) == [{"assets": assets}]


def test_log_and_logs() -> None:
    assert lines(lambda: Kestra.log("warning", "careful")) == [
        {"logs": [{"level": "WARN", "message": "careful"}]}
    ]
    assert lines(lambda: Kestra.logs([("INFO", "a"), (4, "b")])) == [
        {"logs": [{"level": "INFO", "message": "a"}, {"level": "ERROR", "message": "b"}]}
    ]


def test_outputs_json() -> None:
    assert written(lambda: Kestra.outputs_json('{ "a" : [1, 2.50] }')) == (
        '::{"outputs":{"a":[1,2.5]}}::\n'
    )
    with pytest.raises(ValueError):
        Kestra.outputs_json("{'a': 1}")


class Color(enum.Enum):
    RED = "red"
    BLUE = 2


class Size(enum.IntEnum):
    BIG = 3


def test_values_by_protocol() -> None:
    value = {
        "big": 2**100,
        "neg": -(2**64),
        "u64": 2**64 - 1,
        "tuple": (1, 2),
        "when": dt.datetime(2026, 1, 2, 3, 4, 5),
        "day": dt.date(2026, 1, 2),
        "clock": dt.time(3, 4, 5),
        "exact": decimal.Decimal("12"),
        "sci": decimal.Decimal("1E+3"),
        "price": decimal.Decimal("3.50"),
        "color": Color.RED,
        "two": Color.BLUE,
        "size": Size.BIG,
        "path": pathlib.PurePosixPath("/tmp/x.csv"),
        "ordered": OrderedDict([("z", 1), ("a", 2)]),
        "proxy": MappingProxyType({"k": "v"}),
    }
    (line,) = lines(lambda: Kestra.outputs(value))
    assert line["outputs"] == {
        "big": 2**100,
        "neg": -(2**64),
        "u64": 2**64 - 1,
        "tuple": [1, 2],
        "when": "2026-01-02T03:04:05",
        "day": "2026-01-02",
        "clock": "03:04:05",
        "exact": 12,
        "sci": 1000,
        "price": 3.5,
        "color": "red",
        "two": 2,
        "size": 3,
        "path": "/tmp/x.csv",
        "ordered": {"z": 1, "a": 2},
        "proxy": {"k": "v"},
    }


def test_key_order_is_kept() -> None:
    assert written(lambda: Kestra.outputs({"b": 1, "a": 2})) == '::{"outputs":{"b":1,"a":2}}::\n'


def test_bool_is_not_an_int() -> None:
    assert written(lambda: Kestra.outputs({"t": True})) == '::{"outputs":{"t":true}}::\n'
    with pytest.raises(TypeError):
        Kestra.counter("rows", True)


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ({"rows": [0, 1, 2, {1, 2}]}, "outputs['rows'][3]: "),
        ({"blob": b"bytes"}, "outputs['blob']: "),
        ({"fn": print}, "outputs['fn']: "),
    ],
)
def test_unsupported_type_names_the_path(value: object, path: str) -> None:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(TypeError) as raised:
        Kestra.outputs(value)  # type: ignore[arg-type]
    assert str(raised.value).startswith(path), str(raised.value)
    assert out.getvalue() == ""


def test_non_str_key_is_a_type_error() -> None:
    with pytest.raises(TypeError) as raised:
        Kestra.outputs({"a": {1: "x"}})
    assert str(raised.value).startswith("outputs['a']"), str(raised.value)


def test_outputs_must_be_a_mapping() -> None:
    with pytest.raises(TypeError) as raised:
        Kestra.outputs([1, 2])  # type: ignore[arg-type]
    assert str(raised.value).startswith("outputs: ")


def test_cycle_and_nan_are_value_errors() -> None:
    cycle: dict = {}
    cycle["self"] = cycle
    with pytest.raises(ValueError):
        Kestra.outputs(cycle)
    with pytest.raises(ValueError) as raised:
        Kestra.outputs({"x": [float("nan")]})
    assert str(raised.value).startswith("outputs['x'][0]: ")
    with pytest.raises(ValueError):
        Kestra.gauge("g", float("inf"))
    with pytest.raises(ValueError):
        Kestra.outputs({"d": decimal.Decimal("NaN")})


def test_lone_surrogate_is_a_value_error() -> None:
    with pytest.raises(ValueError) as raised:
        Kestra.outputs({"s": "a\udc80b"})
    assert str(raised.value).startswith("outputs['s']: ")
    with pytest.raises(ValueError):
        Kestra.outputs({"s": "\U0001f600\ud800"})
    with pytest.raises(ValueError) as raised:
        Kestra.counter("bad\ud800", 1)
    assert str(raised.value).startswith("counter name: ")


def test_astral_characters_are_surrogate_pairs() -> None:
    assert written(lambda: Kestra.outputs({"e": "\U0001f600"})) == (
        '::{"outputs":{"e":"\\ud83d\\ude00"}}::\n'
    )


def test_huge_int_past_the_digit_limit() -> None:
    with pytest.raises(ValueError):
        Kestra.outputs({"n": 10**1000})
    with pytest.raises(ValueError):
        Kestra.outputs({"n": -(10**5000)})


def test_metric_name_must_be_a_str() -> None:
    with pytest.raises(TypeError) as raised:
        Kestra.counter(42, 1)  # type: ignore[arg-type]
    assert str(raised.value).startswith("counter name: ")


# Kestra.counter and Kestra.gauge are compiled functions that bind their own
# arguments: they must take them as the def they replace did, and refuse what
# it refused with the same kind of error, writing nothing.
@pytest.mark.parametrize("method", [Kestra.counter, Kestra.gauge])
def test_metric_arguments_by_position_or_keyword(method: Any) -> None:
    kind = method.__name__
    expected = {"name": "rows", "type": kind, "value": 2, "tags": {"t": "a"}}
    calls = [
        lambda: method("rows", 2, {"t": "a"}),
        lambda: method("rows", 2, tags={"t": "a"}),
        lambda: method(name="rows", value=2, tags={"t": "a"}),
        lambda: method(tags={"t": "a"}, value=2, name="rows"),
        # A keyword built at run time is not interned: matched by its text.
        lambda: method("rows", value=2, **{"".join(["ta", "gs"]): {"t": "a"}}),
        lambda: getattr(Kestra(), kind)("rows", 2, {"t": "a"}),
        lambda: method("rows", 2, {"t": "a"}, timestamp=None, description=None),
    ]
    for call in calls:
        assert lines(call) == [{"metrics": [expected]}]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required argument 'name'"),
        (("rows",), {}, "missing required argument 'value'"),
        (("rows", 1, None, "2026-11-21T10:30:00Z"), {}, "takes from 2 to 3 positional arguments but 4 were given"),
        (("rows", 1), {"tag": {}}, "got an unexpected keyword argument 'tag'"),
        (("rows", 1), {"name": "x"}, "got multiple values for argument 'name'"),
        (("rows", 1, {}), {"tags": {}}, "got multiple values for argument 'tags'"),
    ],
)
def test_metric_bad_calls(args: tuple, kwargs: dict, message: str) -> None:
    for method, name in [(Kestra.counter, "Kestra.counter"), (Kestra.gauge, "Kestra.gauge")]:
        out = io.StringIO()
        with redirect_stdout(out), pytest.raises(TypeError) as raised:
            method(*args, **kwargs)
        assert str(raised.value) == f"{name}() {message}"
        assert out.getvalue() == ""


def test_metric_signatures_are_visible() -> None:
    for method in (Kestra.counter, Kestra.gauge):
        assert str(inspect.signature(method)) == (
            "(name, value, tags=None, *, timestamp=None, description=None)"
        )
        assert method.__doc__


def test_tags_must_be_a_mapping() -> None:
    with pytest.raises(TypeError):
        Kestra.counter("rows", 1, ["a"])  # type: ignore[arg-type]


def test_negative_timer() -> None:
    with pytest.raises(ValueError) as raised:
        Kestra.timer("load", -1)
    assert str(raised.value).startswith("timer 'load' value: ")


def test_capsys(capsys: pytest.CaptureFixture[str]) -> None:
    Kestra.outputs({"x": 1})
    Kestra.logger().warning("w")
    captured = capsys.readouterr()
    assert captured.out == (
        '::{"outputs":{"x":1}}::\n::{"logs":[{"level":"WARN","message":"w"}]}::\n'
    )
    assert captured.err == ""


def test_redirect_stdout_is_seen_at_call_time() -> None:
    first, second = io.StringIO(), io.StringIO()
    with redirect_stdout(first):
        Kestra.counter("a", 1)
    with redirect_stdout(second):
        Kestra.counter("b", 1)
    assert '"a"' in first.getvalue() and '"b"' not in first.getvalue()
    assert '"b"' in second.getvalue()


def test_stdout_none_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(OSError, match="sys.stdout is None"):
        Kestra.outputs({"x": 1})


def test_stdout_closed_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    with pytest.raises(OSError, match="sys.stdout is closed"):
        Kestra.counter("rows", 1)


def test_one_write_and_one_flush_per_record() -> None:
    class Recorder(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.calls: list = []

        def write(self, text: str) -> int:
            self.calls.append(("write", text))
            return super().write(text)

        def flush(self) -> None:
            self.calls.append(("flush",))

    out = Recorder()
    with redirect_stdout(out):
        Kestra.outputs({"x": 1})
    assert out.calls == [("write", '::{"outputs":{"x":1}}::\n'), ("flush",)]


def test_a_value_that_logs_while_it_is_converted() -> None:
    class Measured:
        def __float__(self) -> float:
            Kestra.counter("inner", 1)
            return 2.5

    assert [line["metrics"][0]["name"] for line in lines(lambda: Kestra.gauge("outer", Measured()))] == [
        "inner",
        "outer",
    ]


def test_exception_from_a_protocol_call_propagates() -> None:
    class Broken:
        def tolist(self) -> list:
            raise RuntimeError("no list")

    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(RuntimeError, match="no list"):
        Kestra.outputs({"a": Broken()})
    assert out.getvalue() == ""


def test_log_level_errors() -> None:
    with pytest.raises(ValueError) as raised:
        Kestra.logs([("INFO", "a"), ("NOTICE", "b")])
    assert str(raised.value).startswith("logs[1] level: ")
    with pytest.raises(TypeError) as wrong_level:
        Kestra.log(None, "m")  # type: ignore[arg-type]
    assert str(wrong_level.value).startswith("logs[0] level: ")
    with pytest.raises(TypeError) as wrong_message:
        Kestra.log("INFO", 3)  # type: ignore[arg-type]
    assert str(wrong_message.value).startswith("logs[0] message: ")
