#!/usr/bin/env python3
"""Kestra's own Ion files, read back by every language as intended.

IonCorpus.java writes a file with io.kestra:core's FileSerde.writeAll from a
corpus of Java values (java.time types, BigDecimal, BigInteger, nested maps and
lists, nulls, byte arrays, doubles with NaN and infinities); then kestra-emit
read (the C ABI's JSON Lines), Python's Kestra.read and, when given, Node's
Kestra.read, R's Kestra$read and Kestra$iter_read, Go's kestra.Read and
kestra.Rows, Ruby's Kestra.read and Kestra.each_row must read each value as
meant below (INTENDED, in Python's tagged form), under each language's
documented differences (see LANGUAGE FORMS below and readers/).

Usage: ion_check.py --java JAVA --classpath CP --emit KESTRA_EMIT --python PYTHON
                    [--node NODE_DIR] [--r-library R_LIB] [--go GO_READER] [--ruby RUBY_BUILD_DIR]

--r-library: an R library holding the kestra package (Rscript runs readers/ion_read.R);
--go: the executable built from readers/go; --ruby: the folder ruby/build_ext.sh built
(lib/kestra/kestra_ext.so; ruby runs readers/ion_read.rb with ruby/lib).
"""
import argparse
import datetime
import json
import math
import re
import struct
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


# ---------------------------------------------------------------- LANGUAGE FORMS
# What INTENDED means in R, Go and Ruby, in the tagged forms their readers print
# (readers/ion_read.R, readers/go/main.go, readers/ion_read.rb: the head comment
# of each says how a value is tagged). Each language's documented differences
# from Python's values are applied here, nowhere else.

# Python's datetime stops at microseconds (so INTENDED does); the Java values of
# the corpus where the file holds more digits, by field name. Go and Ruby keep
# the nanoseconds of the text and are compared with them.
NANOSECONDS = {"offset": 123456789}  # OffsetDateTime ...:24.123456789+05:30

R_INTEGER_MAX = 2**31 - 1  # R's integers: -2^31 is NA_integer_
FLOAT_TAGS = ("float64", "float", "double")  # Go, Ruby, R: a float whose text float() parses
PAIRS_TAGS = ("hash", "named")  # Ruby, R: [[key, value], ...] in the order the language keeps


def local_nanos(tagged, key):
    """The datetime's local time with nine digits of fraction."""
    local = tagged["datetime"]
    nanos = NANOSECONDS.get(key)
    if nanos is None:
        return local + "000"
    assert int(local[-6:]) == nanos // 1000, (key, local, nanos)
    return local[:-6] + "%09d" % nanos


def epoch_seconds(tagged, key):
    """The instant a tagged datetime stands for (a naive one read as UTC), in seconds."""
    local = local_nanos(tagged, key)
    whole = datetime.datetime.fromisoformat(local[:19]).replace(tzinfo=datetime.timezone.utc)
    seconds = int(whole.timestamp()) - (tagged["offset_minutes"] or 0) * 60
    return seconds + int(local[20:]) / 1e9


def go_form(v, key=None):
    """kestra.Read: int64 or *big.Int past 64 bits, float64, time.Time at its offset
    with its nanoseconds (in time.UTC for offset 0 or a local date-time), []any,
    map[string]any."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, list):
        return [go_form(x) for x in v]
    if "int" in v:
        return {"int64" if -2**63 <= int(v["int"]) < 2**63 else "bigint": v["int"]}
    if "float" in v:
        return {"float64": v["float"]}
    if "datetime" in v:
        offset = (v["offset_minutes"] or 0) * 60
        return {"time": local_nanos(v, key), "offset_seconds": offset, "location": "UTC" if offset == 0 else ""}
    return {"map": {k: go_form(x, k) for k, x in v["dict"].items()}}


def ruby_form(v, key=None):
    """Kestra.read: Integer, Float, Time at its offset with its nanoseconds (Time.utc
    for offset 0 or a local date-time), Array, Hash in the file's order, UTF-8 Strings."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, list):
        return [ruby_form(x) for x in v]
    if "int" in v:
        return {"integer": v["int"]}
    if "float" in v:
        return {"float": v["float"]}
    if "datetime" in v:
        offset = (v["offset_minutes"] or 0) * 60
        return {"time": local_nanos(v, key), "utc_offset": offset, "utc": offset == 0}
    return {"hash": [[k, ruby_form(x, k)] for k, x in v["dict"].items()]}


def r_form(v, key=None):
    """Kestra$read: an integer within R's integer range, else the nearest double
    (long, BigInteger: exact to 2^53 only); doubles; NA for null; POSIXct in UTC
    (a local date-time read as UTC; a double of seconds: compared within a
    microsecond); unnamed and named lists (in order)."""
    if v is None:
        return {"na": "logical"}
    if isinstance(v, (bool, str)):
        return v
    if isinstance(v, list):
        return [r_form(x) for x in v]
    if "int" in v:
        n = int(v["int"])
        return {"integer": v["int"]} if abs(n) <= R_INTEGER_MAX else {"double": float(n)}
    if "float" in v:
        return {"double": v["float"]}
    if "datetime" in v:
        return {"posixct": epoch_seconds(v, key), "tzone": "UTC"}
    return {"named": [[k, r_form(x, k)] for k, x in v["dict"].items()]}


def float_bits(x):
    value = float(x)  # "nan", "-0.0", "+Inf", "Infinity", "NaN", "-0", 1e300 ...
    return "nan" if math.isnan(value) else struct.pack("<d", value).hex()


def difference(got, want, at):
    """Where got (a reader's tagged output) differs from want (a *_form), or None.
    Floats compare bit for bit (any NaN matches NaN), POSIXct within a microsecond,
    the rest exactly, JSON types included (true is not 1)."""
    if isinstance(want, dict) and len(want) == 1 and next(iter(want)) in FLOAT_TAGS:
        name = next(iter(want))
        if isinstance(got, dict) and list(got) == [name] and float_bits(got[name]) == float_bits(want[name]):
            return None
        return f"{at}: got {got!r}, want {want!r}"
    if isinstance(want, dict) and "posixct" in want:
        if (isinstance(got, dict) and sorted(got) == ["posixct", "tzone"] and got["tzone"] == want["tzone"]
                and abs(float(got["posixct"]) - want["posixct"]) < 1e-6):
            return None
        return f"{at}: got {got!r}, want POSIXct {want['posixct']!r} in {want['tzone']}"
    if type(got) is not type(want):
        return f"{at}: got {got!r}, want {want!r}"
    pairs = next((name for name in PAIRS_TAGS if isinstance(want, dict) and list(want) == [name]), None)
    if pairs and list(got) == [pairs] and isinstance(got[pairs], list):  # R and Ruby: keys in order
        got_keys = [p[0] if isinstance(p, list) and len(p) == 2 else p for p in got[pairs]]
        want_keys = [k for k, _ in want[pairs]]
        if got_keys != want_keys:
            return f"{at}: got keys {got_keys}, want {want_keys} (in this order)"
        return next((d for (k, g), (_, w) in zip(got[pairs], want[pairs]) if (d := difference(g, w, f"{at}.{k}"))),
                    None)
    if isinstance(want, dict):
        if sorted(got) != sorted(want):
            return f"{at}: got keys {sorted(got)}, want {sorted(want)}"
        return next((d for k in want if (d := difference(got[k], want[k], f"{at}.{k}"))), None)
    if isinstance(want, list):
        if len(got) != len(want):
            return f"{at}: got {len(got)} items, want {len(want)}: {got!r}"
        return next((d for n, (g, w) in enumerate(zip(got, want)) if (d := difference(g, w, f"{at}[{n}]"))), None)
    return None if got == want else f"{at}: got {got!r}, want {want!r}"


def rows_difference(outcome, want, what):
    """An outcome {"rows": [...]} (no "error") against the expected rows."""
    if not isinstance(outcome, dict) or "error" in outcome or "rows" not in outcome:
        return f"{what}: {outcome!r}"
    return difference(outcome["rows"], want, what)


def holds_nul(v):
    if isinstance(v, str):
        return "\0" in v
    if isinstance(v, list):
        return any(holds_nul(x) for x in v)
    return isinstance(v, dict) and any(holds_nul(x) for x in v.values())


def without_nul(v):
    if isinstance(v, str):
        return v.replace("\0", "")
    if isinstance(v, list):
        return [without_nul(x) for x in v]
    return {k: without_nul(x) for k, x in v.items()} if isinstance(v, dict) else v


# A NUL escape of Ion text (after an even number of backslashes), as FileSerde writes "\0".
NUL_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\(?:0|x00|u0000|U00000000)")


def run_json(cmd, what):
    """The JSON lines a reader printed, or a failure text."""
    run = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=120)
    if run.returncode != 0:
        return None, f"{what}: status {run.returncode}: {run.stderr.strip()[-2000:]}"
    try:
        # split at "\n" only: str.splitlines() also splits at the raw U+2028 of the corpus
        return [json.loads(line) for line in run.stdout.split("\n") if line], None
    except ValueError as e:
        return None, f"{what}: not JSON ({e}): {run.stdout[:500]!r}"


def check_go(reader, path):
    out, failure = run_json([reader, str(path)], "go")
    if failure:
        return [failure]
    want = [go_form({"dict": row})["map"] for row in INTENDED]
    return [d for name in ("read", "rows") if (d := rows_difference(out[0][name], want, f"go kestra.{name.title()}"))]


def check_ruby(build_dir, path):
    repo = here.parent.parent
    cmd = ["ruby", "-I", str(repo / "ruby" / "lib"), "-I", str(Path(build_dir) / "lib"),
           str(here / "readers" / "ion_read.rb"), str(path)]
    out, failure = run_json(cmd, "ruby")
    if failure:
        return [failure]
    want = [ruby_form({"dict": row}) for row in INTENDED]
    return [d for name in ("read", "each_row") if (d := rows_difference(out[0][name], want, f"ruby Kestra.{name}"))]


def check_r(library, path, tmp):
    """R strings cannot hold NUL: on Kestra's file, Kestra$read fails with R's own
    "embedded nul in string" and Kestra$iter_read gives the rows before the first
    row with a NUL, then that error, then NULL; a copy of the file without its NUL
    escapes reads as INTENDED without the NULs, every other value compared."""
    first_nul = next(n for n, row in enumerate(INTENDED) if holds_nul(row))
    copy = Path(tmp) / "kestra-without-nul.ion"
    copy.write_bytes(NUL_ESCAPE.sub(rb"\1", path.read_bytes()))
    out, failure = run_json(["Rscript", str(here / "readers" / "ion_read.R"), library, str(path), str(copy)], "R")
    if failure:
        return [failure]
    if len(out) != 2:
        return [f"R: {len(out)} lines for 2 files"]
    failures = []
    nul_error = "embedded nul in string"
    original, stripped = out
    error = original["read"].get("error") or {}
    if set(original["read"]) != {"error"} or not error.get("message", "").startswith(nul_error):
        failures.append(f"R Kestra$read (Kestra's file): want R's {nul_error!r}, got {original['read']!r}")
    rows = original["iter_read"]
    before = [r_form({"dict": row}) for row in INTENDED[:first_nul]]
    if not (rows.get("error") or {}).get("message", "").startswith(nul_error) or rows.get("after_error") != "NULL":
        failures.append(f"R Kestra$iter_read (Kestra's file): want {nul_error!r} at row {first_nul + 1}, "
                        f"then NULL: {rows!r}")
    elif d := difference(rows["rows"], before, "R Kestra$iter_read (Kestra's file, rows before the NUL)"):
        failures.append(d)
    want = [r_form({"dict": row}) for row in without_nul(INTENDED)]
    if set(stripped["read"]) != {"rows"}:
        failures.append(f"R Kestra$read (without NUL): {stripped['read']!r}")
    elif d := difference(stripped["read"]["rows"], want, "R Kestra$read (without NUL)"):
        failures.append(d)
    if d := rows_difference(stripped["iter_read"], want, "R Kestra$iter_read (without NUL)"):
        failures.append(d)
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--java", required=True)
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--emit", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--node", help="the node/ package directory, when built")
    ap.add_argument("--r-library", help="an R library with the kestra package")
    ap.add_argument("--go", help="the Go reader (built from readers/go)")
    ap.add_argument("--ruby", help="the Ruby extension's build folder (ruby/build_ext.sh OUT)")
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

        if args.r_library:
            failures += check_r(args.r_library, path, tmp)
        if args.go:
            failures += check_go(args.go, path)
        if args.ruby:
            failures += check_ruby(args.ruby, path)

    for failure in failures:
        print("FAIL", failure)
    optional = (("Node", args.node), ("R", args.r_library), ("Go", args.go), ("Ruby", args.ruby))
    readers = ["kestra-emit", "Python"] + [name for name, given in optional if given]
    print(f"ion: Kestra's FileSerde file of {len(INTENDED)} rows read by {', '.join(readers)}: "
          f"{'ok' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
