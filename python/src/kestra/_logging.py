"""The ``Kestra`` logger. Imported on the first ``Kestra.logger()`` call only,
so that ``import kestra`` does not load the logging module."""
from __future__ import annotations

import logging
from _thread import allocate_lock

from . import _core

_setup_lock = allocate_lock()


class KestraHandler(logging.Handler):
    """Writes each record as a protocol log line on ``sys.stdout``.

    The message is the record formatted by the handler's formatter (by default
    the message with its ``%`` arguments, then any traceback); the level is the
    server's level nearest below the record's (WARNING is WARN, CRITICAL is
    ERROR, 25 is INFO, 5 is TRACE).
    """

    def handle(self, record: logging.LogRecord) -> bool:
        # As logging.Handler.handle, without the handler's lock: the core's
        # writer already serialises lines, one write each.
        checked = self.filter(record)
        if isinstance(checked, logging.LogRecord):  # a filter may replace it (3.12+)
            record = checked
        if checked:
            self.emit(record)
        return bool(checked)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.formatter is None and not (record.exc_info or record.exc_text or record.stack_info):
                message = record.getMessage()  # what the default Formatter gives
            else:
                message = self.format(record)
            _core.log_severity(record.levelno, message)
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)


def kestra_logger() -> logging.Logger:
    """Set up (once) and return the logger named ``Kestra``."""
    logger = logging.getLogger("Kestra")
    with _setup_lock:
        if not any(isinstance(h, KestraHandler) for h in logger.handlers):
            logger.setLevel(logging.DEBUG)
            logger.propagate = False
            logger.addHandler(KestraHandler())
    return logger
