"""Python values of ``Kestra.read`` in the tagged JSON form of tests/vectors/ion
(see its README.md), so that results of the official package, of ours and the
expected values of the vectors compare exactly, type for type."""
from __future__ import annotations

import datetime
import math
from typing import Any


def tag(value: Any) -> Any:
    """The tagged form of one value read by Kestra.read (ours or the official)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {"int": str(int(value))}
    if isinstance(value, float):
        if math.isnan(value):
            return {"float": "nan"}
        if math.isinf(value):
            return {"float": "inf" if value > 0 else "-inf"}
        if value == 0 and math.copysign(1, value) < 0:
            return {"float": "-0.0"}
        return {"float": float(value)}
    if isinstance(value, datetime.datetime):
        offset = value.utcoffset()
        return {
            "datetime": value.replace(tzinfo=None).isoformat(timespec="microseconds"),
            "offset_minutes": None if offset is None else int(offset.total_seconds()) // 60,
        }
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {"dict": {str(k): tag(v) for k, v in value.items()}}
    if isinstance(value, list):
        return [tag(v) for v in value]
    # amazon.ion's IonPySymbol (a SymbolToken): the official returns it as it is;
    # ours returns its text (see tests/vectors/ion/README.md).
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text
    raise TypeError(f"unexpected {type(value).__name__} from Kestra.read: {value!r}")


def tag_rows(rows: Any) -> list:
    return [tag(row)["dict"] for row in rows]
