"""numpy values, converted by protocol (the package never imports numpy)."""
from __future__ import annotations

import pytest

from helpers import lines
from kestra import Kestra

np = pytest.importorskip("numpy")


def test_numpy_scalars_and_arrays() -> None:
    value = {
        "i64": np.int64(7),
        "u8": np.uint8(255),
        "f64": np.float64(0.1),
        "f32": np.float32(0.5),
        "flag": np.bool_(True),
        "text": np.str_("x"),
        "vector": np.arange(3),
        "matrix": np.array([[1.5, 2.0], [3.0, 4.0]]),
        "empty": np.array([]),
        "day": np.datetime64("2026-01-02"),
    }
    (line,) = lines(lambda: Kestra.outputs(value))
    assert line["outputs"] == {
        "i64": 7,
        "u8": 255,
        "f64": 0.1,
        "f32": 0.5,
        "flag": True,
        "text": "x",
        "vector": [0, 1, 2],
        "matrix": [[1.5, 2.0], [3.0, 4.0]],
        "empty": [],
        "day": "2026-01-02",
    }


def test_numpy_metric_values_and_tags() -> None:
    (line,) = lines(lambda: Kestra.counter("rows", np.int32(3), {"n": np.int64(1)}))
    assert line["metrics"][0]["value"] == 3
    assert line["metrics"][0]["tags"] == {"n": 1}
    (line,) = lines(lambda: Kestra.gauge("mem", np.float32(1.5)))
    assert line["metrics"][0]["value"] == 1.5


def test_numpy_nan_is_refused() -> None:
    with pytest.raises(ValueError) as raised:
        Kestra.outputs({"a": np.array([1.0, np.nan])})
    assert str(raised.value).startswith("outputs['a'][1]: ")
    with pytest.raises(ValueError):
        Kestra.gauge("g", np.float64("inf"))


def test_numpy_bool_is_not_a_metric_value() -> None:
    with pytest.raises(TypeError):
        Kestra.counter("rows", np.bool_(True))
