#!/usr/bin/env python3
"""Shows what Kestra records from a script's output, the way an execution page lists it.

    show_records.py OUTPUT [--harness PATH] [--stderr FILE]

OUTPUT is the script's stdout, saved to a file. With --harness (the JVM harness of
tests/conformance, on Kestra's own parser) each line is read by Kestra's code;
without it, by this file's reading of docs/PROTOCOL.md Part 1 ("our reading").
Prints Outputs (merged, last write wins), Metrics (equal name, type and tags added
up), Logs (protocol logs at their level, ordinary lines at INFO) and any problem.
Exit status 1 when a line is rejected, would stop the worker's reader, or looks
meant as a record but is logged as text. Python 3 standard library only.
"""
import argparse
import json
import re
import subprocess
import sys

LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR")
# Kestra's ^::(\{.*})::$ in Java, where '.' matches no line terminator.
RECORD = re.compile(r"::(\{[^\n\r\x85\u2028\u2029]*\})::")


def split_lines(text):
    """Lines as Kestra splits them: \\n, \\r and \\r\\n all end a line."""
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def java_type(value):
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer" if -2**31 <= value < 2**31 else "Long" if -2**63 <= value < 2**63 else "BigInteger"
    if isinstance(value, float):
        return "Double"
    if isinstance(value, str):
        return "String"
    if value is None:
        return "null"
    return [java_type(v) for v in value] if isinstance(value, list) else {k: java_type(v) for k, v in value.items()}


def reject(reason):
    return {"kind": "rejected", "reason": reason}


def our_reading(line):
    """One line read by docs/PROTOCOL.md Part 1, in the harness's result shape."""
    match = RECORD.fullmatch(line)
    if not match:
        return {"kind": "text", "logs": [{"level": "INFO", "message": line}]}

    def no_constant(name):
        raise ValueError(f"non-standard token {name!r}")

    try:  # strict JSON; text after the first value is ignored, as Jackson does
        data, _ = json.JSONDecoder(parse_constant=no_constant).raw_decode(match.group(1))
    except ValueError as err:
        return reject(f"Invalid outputs: {err}")
    outputs = data.get("outputs") or {}
    if not isinstance(outputs, dict):
        return reject("Invalid outputs: outputs is not an object")
    metrics, logs = [], []
    for m in data.get("metrics") or []:
        if not isinstance(m, dict) or m.get("type") not in ("counter", "timer", "gauge"):
            return reject(f"Invalid outputs: unknown metric type {m.get('type') if isinstance(m, dict) else m!r}")
        tags = m.get("tags") or {}
        if m.get("value") is None or None in tags.values():
            return {"kind": "fatal", "reason": "a null metric value or tag can stop the worker's reader"}
        if any(isinstance(v, (dict, list)) for v in tags.values()):
            return reject("Invalid outputs: a tag value is an object or an array")
        value = m["value"]
        if m["type"] != "timer" or not isinstance(value, str):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return reject(f"Invalid outputs: metric value {value!r} is not a number")
            value = float(value)
        tags = {k: v if isinstance(v, str) else json.dumps(v) for k, v in tags.items()}
        metrics.append({"name": m.get("name"), "type": m["type"], "value": value, "tags": tags})
    for entry in data.get("logs") or []:
        if not isinstance(entry, dict):
            return reject("Invalid outputs: a log entry is not an object")
        if entry.get("level") is None:
            continue  # dropped, with a server warning
        if entry["level"] not in LEVELS:
            return reject(f"Invalid outputs: unknown log level {entry['level']!r}")
        logs.append({"level": entry["level"], "message": str(entry.get("message"))})
    return {"kind": "recorded", "outputs": outputs, "output_types": java_type(outputs),
            "metrics": metrics, "logs": logs, "assets": data.get("assets")}


def harness_reading(harness, lines):
    """Every line read by Kestra's own parser, through the conformance harness."""
    payload = "".join(json.dumps(line) + "\n" for line in lines)
    proc = subprocess.run([harness, "--json"], input=payload, capture_output=True, text=True)
    results = [json.loads(r) for r in proc.stdout.splitlines() if r.strip()]
    if proc.returncode != 0 or len(results) != len(lines):
        sys.exit(f"show_records: the harness failed (status {proc.returncode}): {proc.stderr.strip()[-500:]}")
    for r in results:
        r["kind"] = ("recorded" if r.get("recorded") else "text" if r.get("text")
                     else "fatal" if r.get("fatal") else "rejected")
    return results


def compact(value, width=70):
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= width else text[: width - 1] + "…"


def type_name(t):
    return "List" if isinstance(t, list) else "Map" if isinstance(t, dict) else t


def table(rows, indent="  "):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def show(results, stderr_lines):
    outputs, types, metrics, logs, problems = {}, {}, {}, [], 0
    for n, r in enumerate(results, 1):
        kind = r["kind"]
        if kind == "recorded":
            outputs.update(r.get("outputs") or {})
            types.update(r.get("output_types") or {})
            for m in r.get("metrics") or []:
                key = (m["type"], m["name"], tuple(sorted(m["tags"].items())))
                total = metrics.setdefault(key, {"value": 0.0, "lines": 0, "iso": None})
                if isinstance(m["value"], str):  # a timer as an ISO-8601 duration (our reading)
                    total["iso"] = m["value"]
                else:
                    total["value"] += m["value"]
                total["lines"] += 1
            if r.get("assets"):
                logs.append(("ASSET", compact(r["assets"])))
        elif kind == "text":
            msg = r["logs"][0]["message"] if r.get("logs") else ""
            if msg.lstrip().startswith("::{") or msg.rstrip().endswith("}::"):
                problems += 1
                logs.append(("✗", f"line {n} looks like a record but is logged as text: {msg[:80]}"))
        else:
            problems += 1
            what = "REJECTED (dropped whole)" if kind == "rejected" else "FATAL (can stop the worker's reader)"
            logs.append(("✗", f"line {n} {what}: {r.get('reason', '')[:200]}"))
        for entry in r.get("logs") or []:
            logs.append((entry["level"], entry["message"]))
        if kind == "recorded":
            for entry in r.get("server_logs") or []:
                logs.append((entry["level"], "[server] " + entry["message"][:200]))
    for line in stderr_lines:
        logs.append(("ERROR", "[stderr] " + line))

    print(f"  Outputs  ({len(outputs)} keys; downstream: {{{{ outputs.<task>.vars.<key> }}}})")
    if outputs:
        table([("KEY", "TYPE", "VALUE")] +
              [(k, type_name(types.get(k, "?")), compact(v)) for k, v in outputs.items()], "    ")
    print(f"  Metrics  ({len(metrics)})")
    if metrics:
        rows = [("TYPE", "NAME", "VALUE", "TAGS")]
        for (mtype, name, tags), total in metrics.items():
            if total["iso"]:
                value = total["iso"]
            elif mtype == "timer":
                value = f"{total['value']:.6g} s ({int(total['value'] * 1000)} ms stored)"
            else:
                value = repr(total["value"])
            if total["lines"] > 1:
                value += f"  (sum of {total['lines']})"
            rows.append((mtype, name, value, ", ".join(f"{k}={v}" for k, v in tags) or "-"))
        table(rows, "    ")
    print(f"  Logs  ({len(logs)})")
    for level, message in logs:
        first, *rest = message.split("\n")
        print(f"    {level:<5}  {first}")
        for more in rest:
            print(f"    {'':<5}  {more}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", help="the script's stdout, as a file")
    parser.add_argument("--harness", help="tests/conformance/target/harness: read with Kestra's parser")
    parser.add_argument("--stderr", help="the script's stderr, as a file (Kestra logs it at ERROR)")
    args = parser.parse_args()
    with open(args.output, encoding="utf-8", errors="replace", newline="") as f:
        lines = split_lines(f.read())
    stderr_lines = []
    if args.stderr:
        with open(args.stderr, encoding="utf-8", errors="replace", newline="") as f:
            stderr_lines = split_lines(f.read())
    results = harness_reading(args.harness, lines) if args.harness else [our_reading(l) for l in lines]
    problems = show(results, stderr_lines)
    if problems:
        print(f"  ✗ {problems} line(s) Kestra would not record as meant")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
