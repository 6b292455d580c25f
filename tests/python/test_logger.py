"""Kestra.logger(): a standard logging.Logger writing protocol log lines to stdout."""
from __future__ import annotations

import logging
from typing import Iterator

import pytest

from helpers import lines, payload
from kestra import Kestra


@pytest.fixture()
def logger() -> Iterator[logging.Logger]:
    log = Kestra.logger()
    level = log.level
    yield log
    log.setLevel(level)


def entries(call) -> list:
    return [entry for line in lines(call) for entry in line["logs"]]


def test_same_logger_every_time() -> None:
    assert Kestra.logger() is Kestra.logger()
    assert Kestra.logger() is logging.getLogger("Kestra")
    assert Kestra.logger().propagate is False
    # pytest may add its own capture handlers next to ours.
    ours = [h for h in Kestra.logger().handlers if type(h).__name__ == "KestraHandler"]
    assert len(ours) == 1


@pytest.mark.parametrize(
    ("level", "name"),
    [
        (logging.DEBUG, "DEBUG"),
        (logging.INFO, "INFO"),
        (logging.WARNING, "WARN"),
        (logging.ERROR, "ERROR"),
        (logging.CRITICAL, "ERROR"),
        (25, "INFO"),
        (35, "WARN"),
        (15, "DEBUG"),
        (5, "TRACE"),
    ],
)
def test_levels(logger: logging.Logger, level: int, name: str) -> None:
    logger.setLevel(1)
    assert entries(lambda: logger.log(level, "m")) == [{"level": name, "message": "m"}]


def test_level_methods_all_go_to_stdout(logger: logging.Logger, capsys: pytest.CaptureFixture[str]) -> None:
    logger.debug("d")
    logger.info("i")
    logger.warning("w")
    logger.error("e")
    logger.critical("c")
    captured = capsys.readouterr()
    assert captured.err == ""
    levels = [payload(line)["logs"][0]["level"] for line in captured.out.splitlines()]
    assert levels == ["DEBUG", "INFO", "WARN", "ERROR", "ERROR"]


def test_default_level_is_debug(logger: logging.Logger) -> None:
    assert logger.level == logging.DEBUG
    assert entries(lambda: logger.log(5, "hidden")) == []


def test_percent_arguments(logger: logging.Logger) -> None:
    assert entries(lambda: logger.info("%s has %d rows (%.1f%%)", "users", 3, 42.0)) == [
        {"level": "INFO", "message": "users has 3 rows (42.0%)"}
    ]


def test_exception_traceback(logger: logging.Logger) -> None:
    def fail() -> None:
        try:
            1 / 0
        except ZeroDivisionError:
            logger.exception("it broke")

    (entry,) = entries(fail)
    assert entry["level"] == "ERROR"
    assert entry["message"].startswith("it broke\nTraceback (most recent call last):\n")
    assert "ZeroDivisionError: division by zero" in entry["message"]


def test_exc_info_on_warning(logger: logging.Logger) -> None:
    def warn() -> None:
        try:
            raise KeyError("k")
        except KeyError:
            logger.warning("missing", exc_info=True)

    (entry,) = entries(warn)
    assert entry["level"] == "WARN"
    assert "KeyError: 'k'" in entry["message"]


def test_non_ascii_and_multiline_messages(logger: logging.Logger) -> None:
    assert entries(lambda: logger.info("é\n\U0001f600")) == [{"level": "INFO", "message": "é\n\U0001f600"}]


def test_nothing_reaches_the_root_logger(logger: logging.Logger) -> None:
    seen: list = []

    class Spy(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    spy = Spy()
    logging.getLogger().addHandler(spy)
    try:
        entries(lambda: logger.error("private"))
    finally:
        logging.getLogger().removeHandler(spy)
    assert seen == []


def test_custom_formatter_and_filter(logger: logging.Logger) -> None:
    (handler,) = [h for h in logger.handlers if type(h).__name__ == "KestraHandler"]

    class Drop(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return "secret" not in record.getMessage()

    drop = Drop()
    handler.setFormatter(logging.Formatter("[%(name)s] %(message)s"))
    handler.addFilter(drop)
    try:
        def log_two() -> None:
            logger.info("hello")
            logger.info("a secret")

        got = entries(log_two)
    finally:
        handler.setFormatter(None)  # type: ignore[arg-type]
        handler.removeFilter(drop)
    assert got == [{"level": "INFO", "message": "[Kestra] hello"}]


def test_stack_info(logger: logging.Logger) -> None:
    (entry,) = entries(lambda: logger.info("here", stack_info=True))
    assert entry["message"].startswith("here\nStack (most recent call last):\n")
