"""The object ``Kestra.timer(name)`` returns: a context manager and a decorator."""
from __future__ import annotations

from time import perf_counter

from . import _core

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any, Callable, Mapping, Optional, Type, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])



def write_timer(name: Any, seconds: float, tags: Any, timestamp: Any, description: Any, *, failed: bool) -> None:
    """Writes a timer of timed code. When that code failed (``failed``), its
    error propagates unchanged, as kestra.h decides for every language: an
    error of the timer itself (a bad name) is then not raised over it."""
    if not failed:
        _core.metric(_core.TIMER, name, seconds, tags, timestamp, description)
        return
    try:
        _core.metric(_core.TIMER, name, seconds, tags, timestamp, description)
    except Exception:  # noqa: BLE001  (the timed code's error is the one to see)
        pass

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
        write_timer(self.name, self.elapsed, self.tags, None, self.description, failed=exc_type is not None)

    def __call__(self, func: F) -> F:
        from functools import wraps

        @wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = perf_counter()
            try:
                result = func(*args, **kwargs)
            except BaseException:
                self.elapsed = perf_counter() - start
                write_timer(self.name, self.elapsed, self.tags, None, self.description, failed=True)
                raise
            self.elapsed = perf_counter() - start
            write_timer(self.name, self.elapsed, self.tags, None, self.description, failed=False)
            return result

        return timed  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"Timer({self.name!r}, tags={self.tags!r})"
