#!/usr/bin/env python3
"""Kestra's own Ion files, read back by every language as intended.

IonCorpus.java writes a file with io.kestra:core's FileSerde.writeAll from a
corpus of Java values (java.time types, BigDecimal, BigInteger, nested maps and
lists, nulls, byte arrays, doubles with NaN and infinities); then kestra-emit
read (the C ABI's JSON Lines), Python's Kestra.read and Node's Kestra.read (when
built) must read each value as meant below.

Usage: ion_check.py --java JAVA --classpath CP --emit KESTRA_EMIT --python PYTHON [--node NODE_DIR]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

here = Path(__file__).resolve().parent


def dt(text, offset):
    return {"datetime": text, "offset_minutes": offset}


def f(x):
    return {"float": x}


def i(x):
    return {"int": str(x)}


# What each Java value means in Python (tagged as in tests/vectors/ion/README.md).
INTENDED = [
    {"int": i(42), "long": i(2**63 - 1), "long_min": i(-2**63), "short": i(-7),
     "big_integer": i(123456789012345678901234567890), "big_integer_neg": i(-98765432109876543210)},
    {"big_decimal": f(100.0), "big_decimal_exp": f(1500.0), "big_decimal_small": f(0.000123),
     "big_decimal_neg": f(-24000.5)},
    {"double": f(1.5), "double_tenth": f(0.1), "double_neg_zero": f("-0.0"), "double_nan": f("nan"),
     "double_inf": f("inf"), "double_ninf": f("-inf"), "float": f(2.5), "double_big": f(1e300)},
    {"true": True, "false": False, "null": None, "string": "plain", "unicode": "é € 😀 \u2028",
     "escapes": "quote\" back\\ nl\n tab\t nul\0", "empty": ""},
    {"instant": dt("2024-04-21T13:43:24.340000", 0),
     "zoned": "2024-04-21T13:43:24+02:00[Europe/Paris]",  # a zone id: not the official's regex
     "offset": dt("2024-04-21T13:43:24.123456", 330),
     "local_date_time": dt("2024-04-21T13:43:24.340000", None),
     "local_date": dt("1987-06-17T00:00:00.000000", None),
     "local_time": "13:43:24", "offset_time": "13:43:24Z", "duration": f(90.5)},
    {"bytes": "hello bytes", "bytes_utf8": "é",
     "list": [i(1), "two", f(3.5), None, [True, False]],
     "nested": {"dict": {"a": {"dict": {"b": {"dict": {"c": [{"dict": {"d": "deep"}}]}}}}}},
     "empty_list": [], "empty_map": {"dict": {}}},
    {"date_like_string": dt("2023-10-04T15:30:00.000000", 120), "not_a_date": "931811085135341",
     "local_date_time_string": dt("2024-04-21T00:00:00.000000", None)},
]

# kestra-emit read: the same values as JSON (timestamps as ISO-8601 text).
INTENDED_JSON = [
    {"int": 42, "long": 2**63 - 1, "long_min": -2**63, "short": -7,
     "big_integer": 123456789012345678901234567890, "big_integer_neg": -98765432109876543210},
    {"big_decimal": 100.0, "big_decimal_exp": 1500.0, "big_decimal_small": 0.000123, "big_decimal_neg": -24000.5},
    {"double": 1.5, "double_tenth": 0.1, "double_neg_zero": -0.0, "double_nan": "NaN", "double_inf": "Infinity",
     "double_ninf": "-Infinity", "float": 2.5, "double_big": 1e300},
    {"true": True, "false": False, "null": None, "string": "plain", "unicode": "é € 😀 \u2028",
     "escapes": "quote\" back\\ nl\n tab\t nul\0", "empty": ""},
    {"instant": "2024-04-21T13:43:24.340Z", "zoned": "2024-04-21T13:43:24+02:00[Europe/Paris]",
     "offset": "2024-04-21T13:43:24.123456789+05:30", "local_date_time": "2024-04-21T13:43:24.34",
     "local_date": "1987-06-17", "local_time": "13:43:24", "offset_time": "13:43:24Z", "duration": 90.5},
    {"bytes": "hello bytes", "bytes_utf8": "é", "list": [1, "two", 3.5, None, [True, False]],
     "nested": {"a": {"b": {"c": [{"d": "deep"}]}}}, "empty_list": [], "empty_map": {}},
    {"date_like_string": "2023-10-04T15:30:00+02:00", "not_a_date": "931811085135341",
     "local_date_time_string": "LocalDateTime::2024-04-21"},
]

PYTHON_PROGRAM = """
import json, sys
sys.path.insert(0, sys.argv[1])
from ion_tagged import tag_rows
from kestra import Kestra
print(json.dumps(tag_rows(Kestra.read(sys.argv[2]))))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--java", required=True)
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--emit", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--node", help="the node/ package directory, when built")
    args = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kestra.ion"
        subprocess.run([args.java, "-cp", args.classpath, "conformance.IonCorpus", str(path)],
                       check=True, stdout=subprocess.DEVNULL, timeout=300)

        emitted = subprocess.run([args.emit, "read", str(path)], capture_output=True, timeout=60)
        if emitted.returncode != 0:
            failures.append(f"kestra-emit read: status {emitted.returncode}: {emitted.stderr!r}")
        else:
            rows = [json.loads(line) for line in emitted.stdout.decode("utf-8").splitlines()]
            if rows != INTENDED_JSON:
                failures.append(f"kestra-emit read: {rows}")

        run = subprocess.run([args.python, "-c", PYTHON_PROGRAM, str(here.parent / "python"), str(path)],
                             capture_output=True, text=True, timeout=60)
        if run.returncode != 0 or json.loads(run.stdout) != INTENDED:
            failures.append(f"python Kestra.read: {run.stdout or run.stderr}")

        if args.node:
            # Node's form of the same intended values (ion_tagged.js: Dates, BigInt).
            expected = Path(tmp) / "intended.json"
            expected.write_text(json.dumps(INTENDED), encoding="utf-8")
            script = here.parent / "node" / "ion_tagged.js"
            run = subprocess.run(["node", str(script), args.node, str(path), str(expected)],
                                 capture_output=True, text=True, timeout=60)
            result = json.loads(run.stdout) if run.returncode == 0 else None
            if not result or result["got"] != result["want"]:
                failures.append(f"node Kestra.read: {run.stdout or run.stderr}")

    for failure in failures:
        print("FAIL", failure)
    print(f"ion: Kestra's FileSerde file of {len(INTENDED)} rows: {'ok' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
