"""The rules decided once in kestra.h for every language: error kinds and
classes, the one numeric level scale, the timer of code that throws, text
arguments that are not text, big integers, and the ABI check."""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest

import kestra
from helpers import lines, written
from kestra import Kestra, _core


@pytest.mark.parametrize(
    "call, cls, builtin, kind, message",
    [
        (lambda: Kestra.outputs([1]), kestra.KestraTypeError, TypeError, "type",
         "outputs: must be an object with string keys, got an array"),
        (lambda: Kestra.counter("rows", float("nan")), kestra.KestraValueError, ValueError, "value",
         "counter 'rows' value: NaN is not allowed (strict JSON has no NaN; the server drops the line)"),
        (lambda: Kestra.outputs({"a": "\ud800"}), kestra.KestraUnicodeError, ValueError, "unicode",
         "outputs['a']: lone UTF-16 surrogate (not valid Unicode)"),
        (lambda: Kestra.outputs_json("{"), kestra.KestraSyntaxError, ValueError, "syntax", None),
        (lambda: Kestra.counter("rows", 10**1000), kestra.KestraLimitError, ValueError, "limit",
         "counter 'rows' value: integer of more than the server's 1,000 digits"),
    ],
)
def test_errors_carry_the_core_kind(call, cls, builtin, kind, message) -> None:
    with pytest.raises(cls) as caught:
        call()
    assert isinstance(caught.value, builtin) and isinstance(caught.value, kestra.KestraError)
    assert caught.value.kind == kind
    if message is not None:
        assert str(caught.value) == message


def test_a_cycle_and_depth_have_their_own_classes() -> None:
    loop: dict = {}
    loop["self"] = loop
    with pytest.raises(kestra.KestraCycleError) as caught:
        Kestra.outputs(loop)
    assert caught.value.kind == "cycle"
    deep: list = []
    for _ in range(1000):
        deep = [deep]
    with pytest.raises(kestra.KestraDepthError):
        Kestra.outputs({"a": deep})


def test_numeric_levels_are_the_kestra_level_enum() -> None:
    names = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"]
    for number, name in enumerate(names):
        assert lines(lambda: Kestra.log(number, "m")) == [{"logs": [{"level": name, "message": "m"}]}]
    for bad in (5, -1, logging.WARNING, 10**30):
        with pytest.raises(kestra.KestraValueError) as caught:
            Kestra.log(bad, "m")
        assert str(caught.value) == "logs[0] level: unknown level (expected TRACE, DEBUG, INFO, WARN or ERROR)"


def test_the_logging_handler_maps_its_own_severities() -> None:
    logger = Kestra.logger()
    logger.setLevel(logging.DEBUG)
    got = lines(lambda: (logger.warning("w"), logger.critical("c"), logger.log(25, "between")))
    assert [entry["level"] for line in got for entry in line["logs"]] == ["WARN", "ERROR", "INFO"]


def test_text_arguments_that_are_not_text_are_worded_by_the_core() -> None:
    cases = [
        (lambda: Kestra.counter(5, 1), "counter name: must be a string, got int"),
        (lambda: Kestra.gauge(["x"], 1), "gauge name: must be a string, got list"),
        (lambda: Kestra.counter("rows", 1, description=3), "counter 'rows' description: must be a string, got int"),
        (lambda: Kestra.counter("rows", 1, timestamp=3), "counter 'rows' timestamp: must be an ISO-8601 string, got int"),
        (lambda: Kestra.log("INFO", {"a": 1}), "logs[0] message: must be a string, got dict"),
        (lambda: Kestra.log(None, "m"),
         "logs[0] level: must be a level name or a level number (0 TRACE to 4 ERROR), got NoneType"),
        (lambda: Kestra.outputs_json(5), "outputs: a JSON text must be a string, got int"),
    ]
    for call, message in cases:
        with pytest.raises(kestra.KestraTypeError) as caught:
            assert written(call) == ""
        assert str(caught.value) == message


def test_timestamps_and_json_with_lone_surrogates_reach_the_core() -> None:
    with pytest.raises(kestra.KestraUnicodeError) as caught:
        Kestra.counter("rows", 1, timestamp="2026-01-01T00:00:00Z\udc00")
    assert str(caught.value) == "counter 'rows' timestamp: lone UTF-16 surrogate (not valid Unicode)"
    with pytest.raises(kestra.KestraUnicodeError) as caught:
        Kestra.outputs_json('{"a": "\udc00"}')
    assert str(caught.value) == "outputs['a']: lone UTF-16 surrogate (not valid Unicode)"


def test_big_integers_go_to_the_core_as_words() -> None:
    assert lines(lambda: Kestra.outputs({"n": -(2**64)})) == [{"outputs": {"n": -(2**64)}}]
    assert lines(lambda: Kestra.outputs({"n": 10**999})) == [{"outputs": {"n": 10**999}}]
    with pytest.raises(kestra.KestraLimitError):
        Kestra.outputs({"n": 10**1000})
    with pytest.raises(kestra.KestraLimitError) as caught:
        Kestra.outputs({"n": -(10**100000)})  # past Python's own int-to-text limit
    assert str(caught.value) == "outputs['n']: integer of more than the server's 1,000 digits"


def test_a_timer_of_code_that_throws_is_written_then_the_error_propagates() -> None:
    boom = RuntimeError("boom")

    def fails() -> None:
        raise boom

    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out), pytest.raises(RuntimeError) as caught:
        Kestra.timer("load", fails)
    assert caught.value is boom
    [metric] = [m for line in out.getvalue().splitlines() for m in __import__("json").loads(line[2:-2])["metrics"]]
    assert metric["name"] == "load" and metric["type"] == "timer" and 0 <= metric["value"] < 5


def test_the_abi_check_refuses_another_version() -> None:
    # The version the header of this tree declares, not a number copied here.
    header = (Path(__file__).resolve().parents[2] / "core/include/kestra/kestra.h").read_text(encoding="utf-8")
    version = int(re.search(r"^#define KESTRA_ABI_VERSION (\d+)$", header, re.M).group(1))
    _core._check_abi(version)
    for wrong in (version - 1, version + 1):
        with pytest.raises(ImportError, match="ABI version"):
            _core._check_abi(wrong)


def test_a_timer_that_cannot_be_written_does_not_replace_the_error() -> None:
    boom = KeyError("boom")

    def fails() -> None:
        raise boom

    for call in (lambda: Kestra.timer("", fails), lambda: Kestra.timer("")(fails)()):
        with pytest.raises(KeyError) as caught:
            assert written(call) == ""
        assert caught.value is boom
    with pytest.raises(KeyError) as caught:
        with Kestra.timer(""):
            raise boom
    assert caught.value is boom


def test_a_timed_block_that_raises_is_written() -> None:
    def block() -> None:
        with Kestra.timer("block"):
            raise ValueError("inside")

    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out), pytest.raises(ValueError, match="inside"):
        block()
    assert '"name":"block","type":"timer"' in out.getvalue()
