"""Kestra.timer: always seconds, whatever form it is called in."""
from __future__ import annotations

import time

import pytest

from helpers import lines
from kestra import Kestra, Timer

PAUSE = 0.05  # seconds


def timer_values(call) -> list:
    return [m["value"] for line in lines(call) for m in line["metrics"]]


def assert_seconds(value: float) -> None:
    # Plausible seconds: not milliseconds (50), not microseconds.
    assert PAUSE * 0.9 <= value < 5, value


def test_number_is_seconds() -> None:
    assert lines(lambda: Kestra.timer("load", 1.5, {"t": "x"})) == [
        {"metrics": [{"name": "load", "type": "timer", "value": 1.5, "tags": {"t": "x"}}]}
    ]
    assert timer_values(lambda: Kestra.timer("load", 2)) == [2]


def test_callable_is_timed_and_its_result_returned() -> None:
    def work() -> int:
        time.sleep(PAUSE)
        return 42

    results = []
    values = timer_values(lambda: results.append(Kestra.timer("load", work)))
    assert results == [42]
    (value,) = values
    assert_seconds(value)


def test_callable_that_raises_is_still_timed() -> None:
    def fail() -> None:
        time.sleep(PAUSE)
        raise RuntimeError("no")

    def call() -> None:
        with pytest.raises(RuntimeError):
            Kestra.timer("load", fail)

    (value,) = timer_values(call)
    assert_seconds(value)


def test_context_manager() -> None:
    def call() -> None:
        with Kestra.timer("block", tags={"step": "1"}) as timer:
            time.sleep(PAUSE)
        assert isinstance(timer, Timer)
        assert timer.elapsed is not None
        assert_seconds(timer.elapsed)

    (line,) = lines(call)
    metric = line["metrics"][0]
    assert (metric["name"], metric["type"], metric["tags"]) == ("block", "timer", {"step": "1"})
    assert_seconds(metric["value"])


def test_decorator() -> None:
    @Kestra.timer("decorated")
    def work(x: int, *, y: int) -> int:
        time.sleep(PAUSE)
        return x + y

    assert work.__name__ == "work"
    results = []
    values = timer_values(lambda: results.append(work(1, y=2)))
    assert results == [3]
    (value,) = values
    assert_seconds(value)


def test_nested_reuse_of_one_timer() -> None:
    timer = Kestra.timer("n")

    def call() -> None:
        with timer:
            with timer:
                time.sleep(PAUSE)

    inner, outer = timer_values(call)
    assert inner <= outer


def test_metric_value_is_not_a_bool_or_string() -> None:
    with pytest.raises(TypeError):
        Kestra.timer("load", "1.5")  # type: ignore[call-overload]
