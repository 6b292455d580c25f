"""The ``Kestra`` class: the same static methods as the official ``kestra`` package."""
from __future__ import annotations

from time import perf_counter

from . import _core, _read
from ._timer import Timer, write_timer

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from datetime import datetime
    from typing import (
        Any, Callable, Iterable, Mapping, Optional, SupportsFloat, SupportsIndex, Tuple, TypeVar,
        Union, overload,
    )

    T = TypeVar("T")
    Tags = Optional[Mapping[str, Any]]
    Timestamp = Union[str, datetime, None]
    Level = Union[str, int]
    # A metric value: int, float, and numbers that convert (numpy scalars, Decimal).
    Number = Union[SupportsFloat, SupportsIndex]
else:

    def overload(func):  # noqa: D103 - only for type checkers
        return func


_METRIC_TYPES = _core.METRIC_TYPES  # "counter" -> _core.COUNTER, ...: named by the core


class Kestra:
    """Sends outputs, metrics, logs and assets to Kestra from a script task.

    Every method writes one line, ``::{json}::``, to ``sys.stdout`` and flushes
    it at once. Values are checked before anything is written: a value of the
    wrong type raises ``TypeError``; NaN, infinities, cycles, invalid Unicode,
    a negative timer or an empty name raise ``ValueError``. The message starts
    with the field, as in ``outputs['rows'][3]: unsupported type set``.

    Besides JSON's types (dict with str keys, list, tuple, str, int of any size,
    float, bool, None), values may be numpy and pandas scalars and arrays,
    ``datetime``/``date``/``time`` (ISO-8601 text), ``Decimal`` (an integer when
    written without a fractional part, else the nearest float), ``Enum``
    members (their value) and ``pathlib`` paths (their text).
    """

    _logger: Optional[logging.Logger] = None

    # Reading a file of Kestra's internal storage (Ion rows): see _read.py.
    read = staticmethod(_read.read)
    iter_read = staticmethod(_read.iter_read)

    @staticmethod
    def outputs(map_: Mapping[str, Any]) -> None:
        """Send outputs, read downstream as ``{{ outputs.<task>.vars.<key> }}``."""
        _core.outputs(map_)

    @staticmethod
    def encrypted_outputs(map_: Mapping[str, Any]) -> None:
        """Send outputs that Kestra Enterprise stores encrypted (``encryptedOutputs``).

        Checked as :meth:`outputs` is. An open-source Kestra ignores them: nothing is stored.
        """
        _core.encrypted_outputs(map_)

    @staticmethod
    def outputs_json(text: Union[str, bytes]) -> None:
        """Send outputs given as a JSON text holding an object (checked strictly)."""
        _core.outputs_json(text)

    @staticmethod
    def assets(map_: Mapping[str, Any]) -> None:
        """Send assets: ``{"inputs": [...], "outputs": [...]}``, lists of asset objects."""
        _core.assets(map_)

    if TYPE_CHECKING:

        @staticmethod
        def counter(
            name: str,
            value: Number,
            tags: Tags = None,
            *,
            timestamp: Timestamp = None,
            description: Optional[str] = None,
        ) -> None:
            """Add ``value`` to the counter ``name``; tags map str to str, number or bool."""

        @staticmethod
        def gauge(
            name: str,
            value: Number,
            tags: Tags = None,
            *,
            timestamp: Timestamp = None,
            description: Optional[str] = None,
        ) -> None:
            """Send the current value of the gauge ``name``."""

    else:
        # The compiled functions themselves, with these signatures and
        # docstrings: counters and gauges are called in hot loops, where a
        # Python frame and pybind11's dispatch cost a fifth of the call.
        counter = staticmethod(_core.counter)
        gauge = staticmethod(_core.gauge)

    @overload
    @staticmethod
    def timer(name: str, duration: None = None, tags: Tags = None, *, timestamp: Timestamp = None,
              description: Optional[str] = None) -> Timer: ...

    @overload
    @staticmethod
    def timer(name: str, duration: Callable[[], T], tags: Tags = None, *,
              timestamp: Timestamp = None, description: Optional[str] = None) -> T: ...

    @overload
    @staticmethod
    def timer(name: str, duration: Number, tags: Tags = None, *, timestamp: Timestamp = None,
              description: Optional[str] = None) -> None: ...

    @staticmethod
    def timer(
        name: str,
        duration: Any = None,
        tags: Tags = None,
        *,
        timestamp: Timestamp = None,
        description: Optional[str] = None,
    ) -> Any:
        """Send a duration in **seconds** as the timer ``name``.

        - ``duration`` a number: that many seconds.
        - ``duration`` a callable: it is called without arguments and timed with
          ``time.perf_counter``; its result is returned.
        - no ``duration``: a :class:`Timer` to use as ``with Kestra.timer("load"):``
          or as the decorator ``@Kestra.timer("load")``.
        """
        if duration is None:
            return Timer(name, tags, description)
        if callable(duration):
            start = perf_counter()
            try:
                result = duration()
            except BaseException:
                write_timer(name, perf_counter() - start, tags, timestamp, description, failed=True)
                raise
            write_timer(name, perf_counter() - start, tags, timestamp, description, failed=False)
            return result
        _core.metric(_core.TIMER, name, duration, tags, timestamp, description)
        return None

    @staticmethod
    def log(level: Level, message: str) -> None:
        """Send one log entry. ``level`` is a name (``"INFO"``, ``"warning"``) or a
        level number on the one scale of every kestra API: 0 TRACE, 1 DEBUG,
        2 INFO, 3 WARN, 4 ERROR (not a ``logging`` severity: ``Kestra.logger()``
        maps those). Any other number raises ``KestraValueError``."""
        _core.log(level, message)

    @staticmethod
    def logs(entries: Iterable[Tuple[Level, str]]) -> None:
        """Send several ``(level, message)`` log entries as one line."""
        _core.logs(entries)

    @staticmethod
    def logger() -> logging.Logger:
        """The ``logging.Logger`` named ``Kestra``, the same object on every call.

        Every level goes to ``sys.stdout`` as a protocol log line: WARNING is sent
        as WARN, CRITICAL as ERROR, other levels as the nearest standard level
        below them (TRACE under DEBUG). It does not propagate to the root logger.
        Its level is DEBUG, as in the official library; lower it to send TRACE.
        """
        if Kestra._logger is None:
            from ._logging import kestra_logger

            Kestra._logger = kestra_logger()
        return Kestra._logger

    @staticmethod
    def format(map_: Mapping[str, Any]) -> str:
        """A whole message (keys among outputs, metrics, logs, assets) as ``::{json}::``,
        without the newline. Checked with the server's rules; nothing is written."""
        return _core.message(map_, False)  # type: ignore[return-value]

    @staticmethod
    def _send(map_: Mapping[str, Any]) -> None:
        """Write a whole message, as :meth:`format` makes it."""
        _core.message(map_, True)

    @staticmethod
    def _metrics(name: str, type_: str, value: Number, tags: Tags = None) -> None:
        """Send one metric of type ``type_`` ("counter", "timer" or "gauge")."""
        kind = _METRIC_TYPES.get(type_) if isinstance(type_, str) else None
        if kind is None:
            # Let the core say what is wrong with the type.
            Kestra._send({"metrics": [{"name": name, "type": type_, "value": value, "tags": tags or {}}]})
        else:
            _core.metric(kind, name, value, tags, None, None)
