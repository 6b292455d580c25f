"""The object ``Kestra.timer(name)`` returns: a context manager and a decorator."""
from __future__ import annotations

from time import perf_counter

from . import _core

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any, Callable, Mapping, Optional, Type, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])


class Timer:
    """Times a block or a function and sends the duration, in seconds, as a timer metric.

        with Kestra.timer("load"):
            load()

        @Kestra.timer("load", tags={"table": "users"})
        def load(): ...

    The metric is sent when the block or the call ends, also when it raises.
    ``elapsed`` holds the last duration measured, in seconds.
    """

    __slots__ = ("name", "tags", "description", "elapsed", "_starts")

    def __init__(
        self,
        name: str,
        tags: Mapping[str, Any] | None = None,
        description: str | None = None,
    ) -> None:
        self.name = name
        self.tags = tags
        self.description = description
        self.elapsed: Optional[float] = None
        self._starts: list[float] = []

    def __enter__(self) -> Timer:
        self._starts.append(perf_counter())
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.elapsed = perf_counter() - self._starts.pop()
        _core.metric(_core.TIMER, self.name, self.elapsed, self.tags, None, self.description)

    def __call__(self, func: F) -> F:
        from functools import wraps

        @wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.elapsed = perf_counter() - start
                _core.metric(_core.TIMER, self.name, self.elapsed, self.tags, None, self.description)

        return timed  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"Timer({self.name!r}, tags={self.tags!r})"
