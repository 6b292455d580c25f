"""The errors the kestra core reports, one class per kind (``kestra_result_name``).

Each class also derives from the built-in exception that code written for the
official library catches (``TypeError``, ``ValueError``, ``OSError``,
``RuntimeError``), so ``except ValueError`` keeps working, while ``e.kind``
names the core's kind and ``str(e)`` is the core's message, ``FIELD: REASON``.
"""
from __future__ import annotations


class KestraError(Exception):
    """Any error reported by the kestra core. ``kind`` is the core's name for it."""

    kind: str = "error"


class KestraTypeError(KestraError, TypeError):
    """A value of the wrong type for its place, or of a type that cannot be sent."""

    kind = "type"


class KestraValueError(KestraError, ValueError):
    """A value of the right type that is not allowed (NaN, a negative timer, ...)."""

    kind = "value"


class KestraUnicodeError(KestraValueError):
    """Invalid UTF-8 or a lone surrogate."""

    kind = "unicode"


class KestraDepthError(KestraValueError):
    """Nesting deeper than the server reads."""

    kind = "depth"


class KestraCycleError(KestraValueError):
    """A container that contains itself."""

    kind = "cycle"


class KestraSyntaxError(KestraValueError):
    """A JSON text that is not strict JSON."""

    kind = "syntax"


class KestraLimitError(KestraValueError):
    """Past a server limit (a number of more than 1,000 digits, a huge string)."""

    kind = "limit"


class KestraUsageError(KestraError, RuntimeError):
    """Calls in the wrong order: a bug in this package rather than bad data."""

    kind = "usage"


class KestraIOError(KestraError, OSError):
    """Writing the line failed (stdout closed, reader gone)."""

    kind = "io"


# By kind, for the compiled module (kestra._core), which raises them.
BY_KIND = {
    cls.kind: cls
    for cls in (
        KestraTypeError,
        KestraValueError,
        KestraUnicodeError,
        KestraDepthError,
        KestraCycleError,
        KestraSyntaxError,
        KestraLimitError,
        KestraUsageError,
        KestraIOError,
    )
}

__all__ = [cls.__name__ for cls in BY_KIND.values()] + ["KestraError"]
