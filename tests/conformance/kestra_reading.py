#!/usr/bin/env python3
"""Check that Kestra's own parser reads every shared vector line as the vector means it.

For every vector with a `line` (and `line_untyped`) in tests/vectors/*.json, and every
case in tests/conformance/samples.txt, the line is fed to the JVM harness (which runs it
through io.kestra:core) and what Kestra records is compared with the meaning rebuilt from
the vector's own `call`/`args`/`options`:

- outputs / outputs_json: the outputs map equals the value; integers stay integers
  (Java Integer/Long/BigInteger), floats stay doubles (Java Double, same bits), strings intact.
- counter / gauge: one metric, same name and type, value as a double, tags as strings.
- timer: one metric whose recorded duration is the value in seconds (to the nanosecond).
- log / logs: the entries, level mapped to Kestra's (warning -> WARN, critical/fatal -> ERROR),
  message intact (Kestra splits very long messages; the pieces must join back).
- assets: what Kestra re-serializes holds every key and value given.
- format: the whole message, each part as above.

Standard library only. Prints "N passed, M failed" and exits non-zero on failure.
"""

import argparse
import datetime
import glob
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_DOWN

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

LEVELS = {"TRACE": "TRACE", "DEBUG": "DEBUG", "INFO": "INFO", "WARN": "WARN", "WARNING": "WARN",
          "ERROR": "ERROR", "CRITICAL": "ERROR", "FATAL": "ERROR"}
INT_TYPES = {"Integer", "Long", "BigInteger", "Short", "Byte"}


class Mismatch(Exception):
    pass


class Unsupported(Exception):
    """The vector uses a form this checker cannot turn into an expected meaning."""


# ---------------------------------------------------------------- vector values

def decode(v):
    """A vector `args` value -> the Python value it stands for (README: Values)."""
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == "$float":
                return float(x)
            if k == "$int":
                return int(x)
            if k == "$utf16":
                units = b"".join(int(u).to_bytes(2, "little") for u in x)
                try:
                    return units.decode("utf-16-le")  # strict: a lone surrogate has no line
                except UnicodeDecodeError as e:
                    raise Unsupported("$utf16 with a lone surrogate") from e
            if k == "$bytes":
                try:
                    return bytes.fromhex(x).decode("utf-8")
                except UnicodeDecodeError as e:
                    raise Unsupported("$bytes that is not UTF-8") from e
            if k == "$nest":
                leaf = decode(x.get("leaf"))
                for _ in range(int(x["depth"])):
                    leaf = [leaf]
                return leaf
            if k == "$cycle":
                raise Unsupported("$cycle")
        return {k: decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [decode(x) for x in v]
    return v


# A numeric level is the core's kestra_level (docs/PROTOCOL.md Part 2 item 7).
KESTRA_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"]


def level_of(name):
    if isinstance(name, int) and not isinstance(name, bool) and 0 <= name < len(KESTRA_LEVELS):
        return KESTRA_LEVELS[name]
    if not isinstance(name, str) or name.upper() not in LEVELS:
        raise Unsupported("level %r has no known Kestra level" % (name,))
    return LEVELS[name.upper()]


def tag_string(v, untyped):
    """What Kestra stores for a tag value (it keeps tags as strings)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if untyped and v.is_integer():
            return str(int(v))
        return repr(v)
    if isinstance(v, str):
        return v
    raise Unsupported("tag value %r" % (v,))


def metric_expect(name, mtype, value, tags, options, untyped):
    m = {"name": name, "type": mtype, "value": value,
         "tags": {k: tag_string(x, untyped) for k, x in (tags or {}).items()}}
    for k in ("timestamp", "description"):
        if options and options.get(k) is not None:
            m[k] = options[k]
    return m


def expected_meaning(vec, untyped=False):
    call, args = vec["call"], [decode(a) for a in vec.get("args", [])]
    exp = {"outputs": None, "metrics": [], "logs": [], "assets": None}
    if call == "outputs":
        exp["outputs"] = args[0]
    elif call == "outputs_json":
        exp["outputs"] = json.loads(args[0])
    elif call == "encrypted_outputs":
        pass  # the open-source worker ignores encryptedOutputs: the line is recorded, nothing is stored
    elif call in ("counter", "timer", "gauge"):
        tags = args[2] if len(args) > 2 else None
        exp["metrics"].append(metric_expect(args[0], call, args[1], tags, vec.get("options"), untyped))
    elif call == "log":
        exp["logs"].append((level_of(args[0]), args[1]))
    elif call == "logs":
        exp["logs"] = [(level_of(lv), msg) for lv, msg in args[0]]
    elif call == "assets":
        exp["assets"] = args[0]
    elif call == "format":
        msg = args[0]
        if "outputs" in msg:
            exp["outputs"] = msg["outputs"]
        for m in msg.get("metrics", []):
            exp["metrics"].append(metric_expect(m["name"], m["type"], m["value"], m.get("tags"), m, untyped))
        exp["logs"] = [(level_of(e["level"]), e["message"]) for e in msg.get("logs", [])]
        if "assets" in msg:
            exp["assets"] = msg["assets"]
    else:
        raise Unsupported("call %r" % call)
    return exp


# ---------------------------------------------------------------- comparisons

def same_value(path, want, got, types, untyped):
    """Typed equality: an int must come back an int (Java integer), a float a double."""
    if isinstance(want, bool) or want is None or isinstance(want, str):
        if type(got) is not type(want) or got != want:
            raise Mismatch("%s: want %r, Kestra has %r" % (path, want, got))
        if isinstance(want, str) and types is not None and types != "String":
            raise Mismatch("%s: Kestra holds a %s" % (path, types))
        return
    if isinstance(want, int):
        if type(got) is not int or got != want:
            raise Mismatch("%s: want integer %r, Kestra has %r" % (path, want, got))
        if types is not None and types not in INT_TYPES:
            raise Mismatch("%s: want an integer, Kestra holds a %s" % (path, types))
        return
    if isinstance(want, float):
        if untyped and want.is_integer() and type(got) is int and got == want:
            return  # a language with one number type writes 1.0 as 1
        if type(got) is not float or not (repr(got) == repr(want) or (math.isnan(got) and math.isnan(want))):
            raise Mismatch("%s: want double %r, Kestra has %r" % (path, want, got))
        if types is not None and types != "Double":
            raise Mismatch("%s: want a double, Kestra holds a %s" % (path, types))
        return
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            raise Mismatch("%s: want a list of %d, Kestra has %s" % (path, len(want), short(got)))
        for i, (w, g) in enumerate(zip(want, got)):
            same_value("%s[%d]" % (path, i), w, g, types[i] if isinstance(types, list) else None, untyped)
        return
    if isinstance(want, dict):
        if not isinstance(got, dict) or set(got) != set(want):
            raise Mismatch("%s: want keys %s, Kestra has %s" % (path, short(sorted(want)), short(got)))
        for k, w in want.items():
            same_value("%s[%r]" % (path, k), w, got[k], types.get(k) if isinstance(types, dict) else None, untyped)
        return
    raise Unsupported("value %r" % (want,))


def contains(path, want, got, untyped):
    """Every key/value given is in what Kestra re-serialized (it may add its own defaults)."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            raise Mismatch("%s: want an object, Kestra has %s" % (path, short(got)))
        for k, w in want.items():
            if k not in got:
                raise Mismatch("%s: key %r dropped by Kestra (has %s)" % (path, k, short(sorted(got))))
            contains("%s[%r]" % (path, k), w, got[k], untyped)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            raise Mismatch("%s: want a list of %d, Kestra has %s" % (path, len(want), short(got)))
        for i, (w, g) in enumerate(zip(want, got)):
            contains("%s[%d]" % (path, i), w, g, untyped)
    else:
        same_value(path, want, got, None, untyped)


ASSET_INPUT_KEYS = {"tenantId", "namespace", "id", "type"}


def check_assets(want, got, untyped):
    """Kestra reads assets as {inputs: [AssetIdentifier], outputs: [Asset]}.

    An input is an identifier: Kestra keeps only tenantId, namespace, id and type, and
    silently drops any other key. An output is an Asset: Kestra keeps id, type, displayName,
    description, metadata, and moves any other key into metadata; it adds created/updated/
    deleted, and a default type when none is given.
    """
    if not isinstance(want, dict) or not isinstance(got, dict):
        raise Unsupported("assets value %r" % (want,))
    for side in ("inputs", "outputs"):
        w, g = want.get(side) or [], got.get(side) or []
        if len(w) != len(g):
            raise Mismatch("assets[%r]: want %d, Kestra has %d" % (side, len(w), len(g)))
        for i, (wa, ga) in enumerate(zip(w, g)):
            p = "assets[%r][%d]" % (side, i)
            if not isinstance(wa, dict) or not isinstance(ga, dict):
                raise Mismatch("%s: want %s, Kestra has %s" % (p, short(wa), short(ga)))
            for k, x in wa.items():
                if side == "inputs" and k not in ASSET_INPUT_KEYS:
                    raise Mismatch("%s: Kestra keeps only %s on an asset input; %r is dropped"
                                   % (p, "/".join(sorted(ASSET_INPUT_KEYS)), k))
                if k in ga:
                    contains("%s[%r]" % (p, k), x, ga[k], untyped)
                elif side == "outputs" and k in (ga.get("metadata") or {}):
                    contains("%s[%r] (moved into metadata)" % (p, k), x, ga["metadata"][k], untyped)
                else:
                    raise Mismatch("%s: key %r dropped by Kestra (has %s)" % (p, k, short(sorted(ga))))


def short(x, n=120):
    s = json.dumps(x, ensure_ascii=False) if not isinstance(x, str) else repr(x)
    return s if len(s) <= n else s[:n] + "..."


def utf16_join(parts):
    return "".join(parts).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def instant(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")) if "T" in s else None


def seconds_of(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unsupported("timer value %r" % (value,))
    d = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    return d.quantize(Decimal("1e-9"), rounding=ROUND_DOWN)  # Duration keeps nanoseconds


def check_metric(i, want, got, got_exact, untyped):
    p = "metrics[%d]" % i
    for k in ("name", "type"):
        if got.get(k) != want[k]:
            raise Mismatch("%s.%s: want %r, Kestra has %r" % (p, k, want[k], got.get(k)))
    if want["type"] == "timer":
        if got.get("value_type") != "Duration":
            raise Mismatch("%s: timer held as %s" % (p, got.get("value_type")))
        w = seconds_of(want["value"])
        g = Decimal(got_exact["value"]) if not isinstance(got_exact["value"], Decimal) else got_exact["value"]
        if g != w:
            raise Mismatch("%s.value: want %s s, Kestra recorded %s s (%s)" % (p, w.normalize(), g.normalize(), got.get("duration")))
        stored = got.get("stored_value")
        if stored != float(int(w * 1000)):
            # The execution stores a timer as a double of whole milliseconds (sub-ms truncated).
            raise Mismatch("%s: Kestra stores %r ms for %s s" % (p, stored, w.normalize()))
    else:
        if got.get("value_type") != "Double":
            raise Mismatch("%s: value held as %s" % (p, got.get("value_type")))
        v = want["value"]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise Unsupported("metric value %r" % (v,))
        if not isinstance(got.get("value"), (int, float)) or float(got["value"]) != float(v):
            raise Mismatch("%s.value: want %r as a double, Kestra has %r" % (p, float(v), got.get("value")))
    if got.get("tags") != want["tags"]:
        raise Mismatch("%s.tags: want %s, Kestra has %s" % (p, short(want["tags"]), short(got.get("tags"))))
    if "timestamp" in want:
        if instant(want["timestamp"]) != instant(got.get("timestamp", "")):
            raise Mismatch("%s.timestamp: want %s, Kestra has %s" % (p, want["timestamp"], got.get("timestamp")))
    if "description" in want and got.get("description") != want["description"]:
        raise Mismatch("%s.description: want %r, Kestra has %r" % (p, want["description"], got.get("description")))


def check_logs(want, got):
    got = list(got)
    j = 0
    for i, (level, msg) in enumerate(want):
        if not isinstance(msg, str):
            raise Unsupported("log message %r" % (msg,))
        parts = []
        # Kestra splits a long message into several entries of the same level: join them back.
        while j < len(got) and got[j].get("level") == level and (not parts or len(utf16_join(parts)) < len(msg)):
            parts.append(got[j].get("message") or "")
            j += 1
            if utf16_join(parts) == msg:
                break
        if not parts:
            raise Mismatch("logs[%d]: want %s %s, Kestra has %s" % (i, level, short(msg), short(got[j:j + 1])))
        if utf16_join(parts) != msg:
            raise Mismatch("logs[%d]: want %s %s, Kestra has %s" % (i, level, short(msg), short(parts)))
    if j != len(got):
        raise Mismatch("Kestra recorded extra logs: %s" % short(got[j:]))


def check(vec, result, exact, untyped):
    """Raise Mismatch unless Kestra's record of the line means what the vector means."""
    expect = vec.get("kestra", "recorded")
    if expect != "recorded":
        # samples.txt only: lines that Kestra must not record.
        if result.get("recorded"):
            raise Mismatch("Kestra recorded the line; want %s" % expect)
        if expect == "text" and not result.get("text"):
            raise Mismatch("want plain text, Kestra: %s" % result.get("reason"))
        if expect == "rejected" and (result.get("text") or result.get("fatal")):
            raise Mismatch("want a rejected line, Kestra: %s" % result.get("reason"))
        if expect == "fatal" and not result.get("fatal"):
            raise Mismatch("want an exception outside the parser, Kestra: %s" % result.get("reason"))
        return
    if not result.get("recorded"):
        raise Mismatch("not recorded: %s" % result.get("reason"))
    if result.get("server_logs"):
        raise Mismatch("server warned: %s" % short(result["server_logs"][0].get("message")))
    want = expected_meaning(vec, untyped)

    outputs = want["outputs"] if want["outputs"] is not None else {}
    same_value("outputs", outputs, result.get("outputs"), result.get("output_types"), untyped)

    got_metrics = result.get("metrics") or []
    if len(got_metrics) != len(want["metrics"]):
        raise Mismatch("want %d metrics, Kestra has %d" % (len(want["metrics"]), len(got_metrics)))
    for i, (w, g) in enumerate(zip(want["metrics"], got_metrics)):
        check_metric(i, w, g, exact["metrics"][i], untyped)

    check_logs(want["logs"], result.get("logs") or [])

    if want["assets"] is None:
        if result.get("assets") is not None:
            raise Mismatch("Kestra recorded assets %s" % short(result["assets"]))
    else:
        got = result.get("assets")
        if not isinstance(got, list) or len(got) != 1:
            raise Mismatch("want one assets record, Kestra has %s" % short(got))
        check_assets(want["assets"], got[0], untyped)


# ---------------------------------------------------------------- cases and harness

def load_cases(vector_files, samples):
    cases, skipped = [], 0
    for f in vector_files:
        with open(f, encoding="utf-8") as fh:
            data = json.load(fh)
        for vec in data.get("vectors", []):
            if "line" not in vec:
                skipped += 1
                continue
            src = "%s: %s" % (os.path.basename(f), vec.get("name"))
            cases.append((src, vec["line"], vec, False))
            if "line_untyped" in vec:
                cases.append((src + " (untyped line)", vec["line_untyped"], vec, True))
    if samples:
        with open(samples, encoding="utf-8") as fh:
            for n, text in enumerate(fh, 1):
                text = text.strip()
                if not text or text.startswith("#"):
                    continue
                vec = json.loads(text)
                cases.append(("samples.txt:%d: %s" % (n, vec.get("name")), vec["line"], vec, False))
    return cases, skipped


def run_harness(cmd, lines):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False) as tmp:
        for line in lines:
            tmp.write(json.dumps(line, ensure_ascii=True) + "\n")
        name = tmp.name
    try:
        with open(name, encoding="utf-8") as inp:
            proc = subprocess.run(cmd + ["--json"], stdin=inp, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, check=False)
    finally:
        os.unlink(name)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-4000:])
        raise SystemExit("harness failed with exit code %d" % proc.returncode)
    out = proc.stdout.decode("utf-8").splitlines()
    if len(out) != len(lines):
        raise SystemExit("harness answered %d lines for %d" % (len(out), len(lines)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--harness", default=os.path.join(HERE, "target", "harness"),
                    help="command that runs the harness (default: target/harness, written by run.sh)")
    ap.add_argument("--vectors", default=os.path.join(ROOT, "tests", "vectors"),
                    help="folder of the shared vector files")
    ap.add_argument("--samples", default=os.path.join(HERE, "samples.txt"),
                    help="our own sample cases (JSON lines); '' for none")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    sys.setrecursionlimit(20000)  # vectors nest 1,000 deep

    files = sorted(glob.glob(os.path.join(args.vectors, "*.json")))
    cases, skipped = load_cases(files, args.samples or None)
    raw = run_harness(shlex.split(args.harness), [c[1] for c in cases])

    passed = failed = unsupported = 0
    for (src, line, vec, untyped), text in zip(cases, raw):
        result = json.loads(text)
        exact = json.loads(text, parse_float=Decimal)
        try:
            check(vec, result, exact, untyped)
            passed += 1
            if args.verbose:
                print("ok   " + src)
        except Unsupported as e:
            # Counted as a failure: a vector whose meaning the checker cannot rebuild checks nothing.
            failed += 1
            unsupported += 1
            print("FAIL %s: checker cannot rebuild the meaning: %s" % (src, e))
        except Mismatch as e:
            failed += 1
            print("FAIL %s: %s" % (src, e))
            print("     line: %s" % short(line, 200))
    print("%d vector files, %d error vectors without a line not applicable" % (len(files), skipped))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
