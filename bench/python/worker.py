"""One benchmark run: calls one Kestra method in a loop, for about `seconds`.

    python worker.py CASE SECONDS

The protocol lines go to stdout (a pipe read by the driver); the result, as
JSON {"calls": N, "seconds": S, "cpu": C} (wall and CPU time), goes to stderr. Runs with either the official
`kestra` package or ours: it only uses the API both have.
"""
from __future__ import annotations

import json
import os
import sys
import time

from kestra import Kestra


def one_megabyte() -> dict:
    """Outputs whose JSON is about 1 MB: a table of 10,000 small rows."""
    rows = [
        {"id": i, "name": f"user-{i}", "score": i * 0.25, "active": i % 3 == 0, "tags": ["a", "b"]}
        for i in range(10_000)
    ]
    return {"rows": rows, "count": len(rows)}


def make_call(case: str):
    if case == "counter":
        return lambda i: Kestra.counter("rows", i, {"table": "users"})
    if case == "small outputs":
        return lambda i: Kestra.outputs({"rows": i, "status": "ok", "ratio": 0.5})
    if case == "1 MB outputs":
        big = one_megabyte()
        return lambda i: Kestra.outputs(big)
    if case == "write floor":
        # No library: one os.write of a finished counter line per call, the least
        # any library pays that writes each record at once, as the protocol asks.
        line = b'::{"metrics":[{"name":"rows","type":"counter","value":1,"tags":{"table":"users"}}]}::\n'
        return lambda i: os.write(1, line)
    if case == "logger.info":
        log = Kestra.logger()
        return lambda i: log.info("processed %d rows", i)
    raise SystemExit(f"unknown case {case!r}")


def main() -> None:
    case, seconds = sys.argv[1], float(sys.argv[2])
    call = make_call(case)
    batch = 1 if case == "1 MB outputs" else 500
    calls = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for i in range(calls, calls + batch):
            call(i)
        calls += batch
        now = time.perf_counter()
        if now >= deadline:
            break
    sys.stdout.flush()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    sys.stderr.write(json.dumps({"calls": calls, "seconds": elapsed, "cpu": cpu}) + "\n")


if __name__ == "__main__":
    main()
