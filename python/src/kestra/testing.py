"""Assert in a script's own tests what Kestra would record from it.

    from kestra.testing import capture

    with capture() as records:
        main()
    assert records.outputs["rows"] == 823
    assert records.counter("rows_loaded", region="eu") == 823

``read(stdout, stderr)`` does the same for output captured elsewhere (a subprocess).
With pytest, the ``kestra_records`` fixture does the same for the whole test
(registered by the package's ``pytest11`` entry point) and a failing test's
report shows what was recorded.

The records are read by the kestra core (``kestra_summary``), by the same rules
as ``kestra-emit show``: outputs merged across lines (the last write wins),
counters and timers with the same name and tags added up, a gauge's last value,
logs with their levels (every other line as the INFO log it becomes), assets, and
the lines Kestra would reject with the reason. While capturing, ``sys.stdout``
is a tee: everything still reaches the previous ``sys.stdout`` (pytest's
capture, ``capsys``, the terminal), in order, from any thread.
"""
from __future__ import annotations

import json
import sys
import threading
from contextlib import contextmanager
from typing import Any, ContextManager, Dict, Iterator, List, Optional, TextIO, Union

from . import _core

__all__ = ["Records", "capture", "read"]


class _Outputs(dict):
    """The merged outputs; a missing key's KeyError lists what was recorded."""

    _records: Optional["Records"] = None

    def __missing__(self, key: str) -> Any:
        raise KeyError(f"no output {key!r} was recorded\n{self._records.text() if self._records else ''}")


class Records:
    """What Kestra would store from everything written while capturing.

    The properties read the core's summary at the time they are called, so a
    test may look at them while the script is still running.
    """

    def __init__(self) -> None:
        self._summary = _core.Summary()
        self._lock = threading.Lock()
        self._cache: Optional[Dict[str, Any]] = None

    # -- fed by the tee ------------------------------------------------------
    def _feed(self, stream: int, text: str) -> None:
        with self._lock:
            self._summary.feed(stream, text.encode("utf-8", "surrogateescape"))
            self._cache = None

    def _end(self, stream: int) -> None:
        with self._lock:
            self._summary.end(stream)
            self._cache = None

    def _data(self) -> Dict[str, Any]:
        with self._lock:
            if self._cache is None:
                self._cache = json.loads(self._summary.json())
            return self._cache

    # -- what was recorded ---------------------------------------------------
    @property
    def outputs(self) -> Dict[str, Any]:
        """The outputs merged across lines, last write wins: ``{{ outputs.task.vars.KEY }}``."""
        outputs = _Outputs(self._data()["outputs"])
        outputs._records = self
        return outputs

    @property
    def output_types(self) -> Dict[str, str]:
        """The Java type Kestra reads for each output: Integer, Long, Double, String, Map..."""
        return dict(self._data()["output_types"])

    @property
    def metrics(self) -> List[Dict[str, Any]]:
        """Every metric as stored: type, name, tags (strings), value, lines (and a timer's stored_ms)."""
        return list(self._data()["metrics"])

    @property
    def logs(self) -> List[Dict[str, Any]]:
        """Log lines as Kestra shows them: level, message, stream, line, and text (an ordinary line)."""
        return list(self._data()["logs"])

    def messages(self, level: Optional[str] = None) -> List[str]:
        """The log messages, of one level ("INFO", "WARN", ...) or all."""
        return [entry["message"] for entry in self.logs if level is None or entry["level"] == level]

    @property
    def assets(self) -> List[Dict[str, Any]]:
        """Each assets record, as sent."""
        return list(self._data()["assets"])

    @property
    def problems(self) -> List[Dict[str, Any]]:
        """Lines Kestra would drop (verdict "rejected") or log as text though meant as records ("near_miss")."""
        return list(self._data()["problems"])

    def metric(self, type: str, name: str, **tags: Any) -> Dict[str, Any]:
        """The stored metric of this type, name and exactly these tags; KeyError listing what was recorded."""
        wanted = {key: value if isinstance(value, str) else json.dumps(value) for key, value in tags.items()}
        for m in self._data()["metrics"]:
            if m["type"] == type and m["name"] == name and m["tags"] == wanted:
                return m
        raise KeyError(f"no {type} {name!r} with tags {wanted} was recorded\n{self.text()}")

    def counter(self, name: str, **tags: Any) -> float:
        """The sum of the counter ``name`` with exactly these tags."""
        return self.metric("counter", name, **tags)["value"]

    def timer(self, name: str, **tags: Any) -> float:
        """The total of the timer ``name`` in seconds (``timer_ms`` for what Kestra stores)."""
        return self.metric("timer", name, **tags)["value"]

    def timer_ms(self, name: str, **tags: Any) -> int:
        """The total of the timer ``name`` in whole milliseconds, as Kestra stores it."""
        return self.metric("timer", name, **tags)["stored_ms"]

    def gauge(self, name: str, **tags: Any) -> float:
        """The last value of the gauge ``name`` with exactly these tags."""
        return self.metric("gauge", name, **tags)["value"]

    def text(self, color: bool = False) -> str:
        """The records as tables, as ``kestra-emit show`` prints them."""
        with self._lock:
            return self._summary.text(color)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return "<kestra.testing.Records\n" + self.text() + ">"


class _Tee:
    """Stands in for sys.stdout: passes everything on and feeds the records."""

    def __init__(self, target: TextIO, records: Records, stream: int) -> None:
        self._target = target
        self._records = records
        self._stream = stream
        self._lock = threading.Lock()  # the same order in the records and downstream

    def write(self, text: str) -> int:
        with self._lock:
            written = self._target.write(text)
            self._records._feed(self._stream, text)
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._target.flush()

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, fileno... of the stream it stands for
        return getattr(self._target, name)


@contextmanager
def _recording(records: Records, stderr: bool = False) -> Iterator[Records]:
    """Tees sys.stdout (and sys.stderr) into `records` inside the block."""
    streams = [("stdout", _core.STDOUT)] + ([("stderr", _core.STDERR)] if stderr else [])
    previous = {name: getattr(sys, name) for name, _ in streams}
    for name, number in streams:
        setattr(sys, name, _Tee(previous[name], records, number))
    try:
        yield records
    finally:
        for name, number in streams:
            setattr(sys, name, previous[name])
            records._end(number)


def capture(*, stderr: bool = False) -> ContextManager[Records]:
    """Records what is written to ``sys.stdout`` (and ``sys.stderr`` with ``stderr=True``,
    whose lines become ERROR logs, as in Kestra) inside the ``with`` block."""
    return _recording(Records(), stderr)


def read(stdout: Union[str, bytes], stderr: Union[str, bytes, None] = None) -> Records:
    """The records of a script's output captured elsewhere (a subprocess, a file), as
    ``kestra-emit show`` reads it; ``stderr`` lines become ERROR logs."""
    records = Records()
    for number, text in ((_core.STDOUT, stdout), (_core.STDERR, stderr)):
        if text is None:
            continue
        with records._lock:
            records._summary.feed(number, text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape"))
        records._end(number)
    return records
