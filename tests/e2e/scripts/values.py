"""One record of each kind, the same script under our package and the official one.

The values are those the suite expects back from Kestra (ValuesTest.java): keep them in step.
"""
import logging
import time

from kestra import Kestra

Kestra.outputs({
    "int": 42,
    "big": 9007199254740993,  # 2**53 + 1: exact only if kept as a long
    "float": 1.5,
    "text": "héllo ✓ 日本 🎉",
    "nested": {"list": [1, "two", {"three": 3.0}], "flag": True, "none": None},
})
Kestra.counter("rows", 7, {"table": "users"})
Kestra.gauge("ratio", 0.25, {"kind": "cache"})
Kestra.timer("load", 1.25, {"phase": "extract"})
Kestra.timer("timed", lambda: time.sleep(0.3))  # a timed callable: about 0.3 s

log = Kestra.logger()
log.setLevel(logging.NOTSET + 1)  # let TRACE (level 5) through
log.log(5, "trace message")
log.debug("debug message")
log.info("info message")
log.warning("warn message")
log.error("error message")
