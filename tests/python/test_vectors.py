"""Every shared vector (tests/vectors/*.json) through the Python API, byte for byte."""
from __future__ import annotations

import io
from contextlib import redirect_stdout

import pytest

import kestra
import vectors
from conftest import NOT_EXPRESSIBLE, USABLE
from helpers import assert_same_text
from kestra import _core

LINES = [v for v in USABLE if v.error is None]
ERRORS = [v for v in USABLE if v.error is not None]


def test_vectors_are_there() -> None:
    assert USABLE, f"no vectors found in {vectors.VECTOR_DIR}"
    print(f"{len(USABLE)} vectors, {len(NOT_EXPRESSIBLE)} not expressible in Python")


@pytest.mark.parametrize("vector", LINES, ids=lambda v: v.id)
def test_line(vector: vectors.Vector) -> None:
    assert vector.line is not None
    out = io.StringIO()
    with redirect_stdout(out):
        returned = vectors.run(vector)
    if vector.call == "format":
        assert_same_text(returned, vector.line, "format's result")
        assert out.getvalue() == ""
    else:
        assert_same_text(out.getvalue(), vector.line + "\n", "written")


@pytest.mark.parametrize("vector", LINES, ids=lambda v: v.id)
def test_line_is_recorded_by_the_server(vector: vectors.Vector) -> None:
    assert vector.line is not None
    verdict, reason = _core.check_line(vector.line)
    assert verdict == 1, reason


@pytest.mark.parametrize("vector", ERRORS, ids=lambda v: v.id)
def test_error(vector: vectors.Vector) -> None:
    assert vector.error is not None
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(vector.exception) as raised:
        vectors.run(vector)
    assert isinstance(raised.value, kestra.KestraError), type(raised.value)
    assert raised.value.kind == vector.error["kind"]
    assert str(raised.value) == vector.error["message"]
    assert out.getvalue() == ""
