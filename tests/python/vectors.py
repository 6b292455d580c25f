"""Reads the shared test vectors (tests/vectors/*.json) into Python calls.

See tests/vectors/README.md for the format.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import kestra
from kestra import Kestra

VECTOR_DIR = Path(__file__).resolve().parents[1] / "vectors"

# The language cannot give a string as raw bytes: such vectors are not expressible.
UNSUPPORTED_NEEDS = {"bytes"}

# The class of each kind: kestra's own, each a subclass of the built-in a caller
# of the official library catches (KestraTypeError is a TypeError, ...).
ERROR_TYPES = {cls.kind: cls for cls in (
    kestra.KestraTypeError, kestra.KestraValueError, kestra.KestraUnicodeError,
    kestra.KestraDepthError, kestra.KestraCycleError, kestra.KestraSyntaxError,
    kestra.KestraLimitError, kestra.KestraIOError,
)}


@dataclass
class Vector:
    area: str
    name: str
    call: str
    args: List[Any]
    options: Dict[str, Any] = field(default_factory=dict)
    line: Optional[str] = None
    error: Optional[Dict[str, str]] = None

    @property
    def id(self) -> str:
        return f"{self.area}: {self.name}"

    @property
    def exception(self) -> type:
        assert self.error is not None
        return ERROR_TYPES[self.error["kind"]]


def _int(text: str) -> int:
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if limit:
        sys.set_int_max_str_digits(0)
    try:
        return int(text)
    finally:
        if limit:
            sys.set_int_max_str_digits(limit)


def decode(value: Any) -> Any:
    """The Python value a vector's JSON value stands for."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, arg),) = value.items()
        if key == "$float":
            return float(arg)
        if key == "$int":
            return _int(arg)
        if key == "$utf16":
            units = b"".join(u.to_bytes(2, "little") for u in arg)
            return units.decode("utf-16-le", "surrogatepass")
        if key == "$nest":
            nested = decode(arg["leaf"])
            for _ in range(arg["depth"]):
                nested = [nested]
            return nested
        if key == "$cycle":
            cycle: Dict[str, Any] = {}
            cycle[arg] = cycle
            return cycle
        if key.startswith("$"):
            raise ValueError(f"unknown special value {key}")
    return {k: decode(v) for k, v in value.items()}


def load() -> tuple[List[Vector], List[Vector]]:
    """(expressible vectors, vectors this language cannot express)."""
    usable: List[Vector] = []
    skipped: List[Vector] = []
    for path in sorted(VECTOR_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        area = data.get("area", path.stem)
        for raw in data["vectors"]:
            vector = Vector(
                area=area,
                name=raw["name"],
                call=raw["call"],
                args=raw.get("args", []),
                options=raw.get("options") or {},
                line=raw.get("line"),
                error=raw.get("error"),
            )
            if set(raw.get("needs", [])) & UNSUPPORTED_NEEDS:
                skipped.append(vector)
            else:
                usable.append(vector)
    return usable, skipped


def _metric(method: Callable[..., Any]) -> Callable[..., Any]:
    def call(args: List[Any], options: Dict[str, Any]) -> Any:
        name, value, *rest = args
        tags = rest[0] if rest else None
        return method(name, value, tags, **options)

    return call


CALLS: Dict[str, Callable[[List[Any], Dict[str, Any]], Any]] = {
    "outputs": lambda args, _: Kestra.outputs(args[0]),
    "outputs_json": lambda args, _: Kestra.outputs_json(args[0]),
    "encrypted_outputs": lambda args, _: Kestra.encrypted_outputs(args[0]),
    "assets": lambda args, _: Kestra.assets(args[0]),
    "counter": _metric(Kestra.counter),
    "timer": _metric(Kestra.timer),
    "gauge": _metric(Kestra.gauge),
    "log": lambda args, _: Kestra.log(args[0], args[1]),
    "logs": lambda args, _: Kestra.logs([tuple(entry) for entry in args[0]]),
    "format": lambda args, _: Kestra.format(args[0]),
}


def run(vector: Vector) -> Any:
    """Makes the vector's call through the public API; returns what it returns."""
    args = [decode(a) for a in vector.args]
    options = {k: decode(v) for k, v in vector.options.items()}
    return CALLS[vector.call](args, options)
