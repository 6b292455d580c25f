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
    "Flow",
    "FlowExecution",
    "FailedExponentialBackoff",
    "ExecutionContext",
    "load_execution_context",
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

# Imported on first use, so that `import kestra` stays fast and reads nothing:
# the Flow client needs urllib, and `kestra.context` reads the execution context.
_LAZY = {
    "Flow": "._flow",
    "FlowExecution": "._flow",
    "FailedExponentialBackoff": ".exceptions",
    "FlowAuthenticationError": ".exceptions",
    "FlowRequestError": ".exceptions",
    "ExecutionContext": "._context",
    "load_execution_context": "._context",
}


def __getattr__(name):
    if name == "context":
        from ._context import load_execution_context

        value = load_execution_context()  # raises FileNotFoundError outside a Kestra task
    elif name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # loaded once, as the official package caches its context
    return value
