#!/usr/bin/env python3
"""Check that `kestra-emit show` (the core's kestra_summary) reads each line as Kestra does.

Every shared vector `line` and every samples.txt case goes through Kestra's own parser
(the JVM harness) and, on its own, through `kestra-emit show --json`; for each line the
two readings must agree: recorded / logged as text / rejected, the outputs and the Java
type of each, the metrics (type, name, tags as strings, value; a timer's seconds and
milliseconds), the log entries (level, message) and whether assets were recorded.

Usage: summary_vs_kestra.py --harness CMD --kestra-emit PATH [-v]
Standard library only. Prints "N lines agree, M differ" and exits non-zero when any differ.
"""
import argparse
import glob
import json
import math
import os
import subprocess
import sys

from kestra_reading import run_harness  # the harness runner of the vector checker

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def lines_to_check():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", "*.json"))):
        with open(path, encoding="utf-8") as f:
            out += [(os.path.basename(path) + ": " + v["name"], v["line"]) for v in json.load(f)["vectors"] if "line" in v]
    with open(os.path.join(HERE, "samples.txt"), encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            text = text.strip()
            if text and not text.startswith("#"):
                vec = json.loads(text)
                out.append(("samples.txt:%d: %s" % (n, vec["name"]), vec["line"]))
    # one line each: a line holding \n or \r is several lines for both readers
    return [(name, line) for name, line in out if "\n" not in line and "\r" not in line]


def top_type(t):
    return "List" if isinstance(t, list) else "Map" if isinstance(t, dict) else t


def identity(m):
    return (m["type"], m["name"], tuple(sorted(m["tags"].items())))


def kestra_reading(r):
    """The harness's result for one line, in the terms of the summary."""
    kind = "recorded" if r.get("recorded") else "text" if r.get("text") else "rejected"
    metrics = {}
    for m in r.get("metrics") or []:  # entries of one identity add up (a gauge keeps the last)
        key = identity(m)
        seconds = m["value"]
        if key in metrics and m["type"] != "gauge":
            total = metrics[key]
            metrics[key] = (total[0] + seconds, total[1] + (m.get("millis") or 0))
        else:
            metrics[key] = (seconds, m.get("millis"))
    return {
        "kind": kind,
        "outputs": r.get("outputs") or {},
        "types": {k: top_type(t) for k, t in (r.get("output_types") or {}).items()},
        "metrics": metrics,
        "logs": [(e["level"], e["message"]) for e in r.get("logs") or []],
        "assets": bool(r.get("assets")),
    }


def summary_reading(s):
    counts = s["lines"]
    kind = "recorded" if counts["recorded"] else "rejected" if counts["rejected"] else "text"
    return {
        "kind": kind,
        "outputs": s["outputs"],
        "types": s["output_types"],
        "metrics": {identity(m): (m["value"], m.get("stored_ms")) for m in s["metrics"]},
        "logs": [(e["level"], e["message"]) for e in s["logs"]],
        "assets": bool(s["assets"]),
    }


def same_number(a, b):
    if a is None or b is None:
        return a is b
    return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def differences(ours, theirs):
    diffs = []
    for key in ("kind", "outputs", "types", "logs", "assets"):
        if ours[key] != theirs[key]:
            diffs.append("%s: ours %r, Kestra's %r" % (key, ours[key], theirs[key]))
    if set(ours["metrics"]) != set(theirs["metrics"]):
        diffs.append("metrics: ours %r, Kestra's %r" % (sorted(ours["metrics"]), sorted(theirs["metrics"])))
    else:
        for key, (value, ms) in ours["metrics"].items():
            their_value, their_ms = theirs["metrics"][key]
            if not same_number(value, their_value) or (key[0] == "timer" and ms != their_ms):
                diffs.append("metric %r: ours %r, Kestra's %r" % (key, (value, ms), (their_value, their_ms)))
    return diffs


def main():
    sys.setrecursionlimit(20000)  # vectors nest 1,000 levels deep
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--harness", default=os.path.join(HERE, "target", "harness"))
    ap.add_argument("--kestra-emit", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    cases = lines_to_check()
    readings = run_harness([args.harness], [line for _, line in cases])
    agree = differ = 0
    for (name, line), kestra in zip(cases, readings):
        proc = subprocess.run([args.kestra_emit, "show", "--json"], input=line.encode("utf-8", "surrogatepass"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if proc.returncode not in (0, 1):
            differ += 1
            print("FAIL %s: kestra-emit show exited %d: %s" % (name, proc.returncode, proc.stderr.decode()[-300:]))
            continue
        diffs = differences(summary_reading(json.loads(proc.stdout)), kestra_reading(json.loads(kestra)))
        if diffs:
            differ += 1
            print("FAIL %s\n  %s" % (name, "\n  ".join(d[:600] for d in diffs)))
        else:
            agree += 1
            if args.verbose:
                print("ok   %s" % name)
    print("summary vs Kestra: %d lines agree, %d differ" % (agree, differ))
    return 1 if differ or not agree else 0


if __name__ == "__main__":
    sys.exit(main())
