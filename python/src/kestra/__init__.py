"""Send outputs, metrics, logs and assets from a Kestra script task.

    from kestra import Kestra

    Kestra.outputs({"rows": 42})
    Kestra.counter("rows", 42, {"table": "users"})
    Kestra.logger().info("done")

Each call writes one protocol line, ``::{json}::``, to ``sys.stdout`` and
flushes it. Values are checked by the kestra C++ core before anything is
written: a bad value raises ``TypeError`` or ``ValueError`` naming the field
(precisely ``KestraTypeError``, ``KestraValueError``, ... with the core's
``kind``, see ``kestra._errors``).
"""
from ._errors import (
    KestraCycleError,
    KestraDepthError,
    KestraError,
    KestraIOError,
    KestraLimitError,
    KestraSyntaxError,
    KestraTypeError,
    KestraUnicodeError,
    KestraUsageError,
    KestraValueError,
)
from ._kestra import Kestra
from ._timer import Timer

__all__ = [
    "Kestra",
    "Timer",
    "KestraError",
    "KestraTypeError",
    "KestraValueError",
    "KestraUnicodeError",
    "KestraDepthError",
    "KestraCycleError",
    "KestraSyntaxError",
    "KestraLimitError",
    "KestraUsageError",
    "KestraIOError",
]
__version__ = "0.1.0"
