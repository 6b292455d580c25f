"""Compares this project's `kestra` package with the official one from PyPI.

    python bench.py --ours PYTHON --official PYTHON [--rounds 5] [--seconds 0.5] [--cases ...]

Each PYTHON is the interpreter of a virtual environment holding one of the two
packages. For each case, runs alternate between ours and the official one; each
run is a fresh process writing its lines into a pipe that this process reads.
Prints a markdown table of the medians for each way stdout can be set up:

- unbuffered (PYTHONUNBUFFERED), as Kestra runs Python: its Python `Script`
  and `Commands` tasks set PYTHONUNBUFFERED=true (kestra-io/plugin-scripts).
  The official library's print() then writes the payload and its newline in
  two writes.
- block-buffered, Python's default for a pipe elsewhere (a shell task running
  `python`, a plain `docker run`). print() then leaves lines in the buffer
  (lost if the process dies) and writes many at a time; ours writes each line
  at once, as docs/PROTOCOL.md asks.

The mode is set explicitly for every run, never inherited from the caller.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
from pathlib import Path

WORKER = Path(__file__).with_name("worker.py")
CASES = ["counter", "small outputs", "1 MB outputs", "logger.info"]
MODES = {"unbuffered (as Kestra's Python tasks run it)": True, "block-buffered (Python's default)": False}
IMPORT = "import time; t = time.perf_counter(); import kestra; print(time.perf_counter() - t)"


def run_case(python: str, case: str, seconds: float, unbuffered: bool) -> tuple[float, float]:
    """Calls per second of one run, its stdout a pipe read by `wc -l`, and the
    writer's CPU time per call in microseconds."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    worker = subprocess.Popen(
        [python, str(WORKER), case, str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    reader = subprocess.Popen(["wc", "-l"], stdin=worker.stdout, stdout=subprocess.PIPE)
    assert worker.stdout is not None and worker.stderr is not None
    worker.stdout.close()  # the reader holds the read end now
    err = worker.stderr.read()
    worker.wait()
    lines = int(reader.communicate()[0])
    if worker.returncode != 0:
        raise SystemExit(f"{python} {case}: exit {worker.returncode}\n{err.decode()}")
    result = json.loads(err.decode().strip().splitlines()[-1])
    if lines != result["calls"]:
        raise SystemExit(f"{python} {case}: {result['calls']} calls but {lines} lines")
    return result["calls"] / result["seconds"], result["cpu"] / result["calls"] * 1e6


def import_seconds(python: str) -> float:
    out = subprocess.run([python, "-c", IMPORT], capture_output=True, check=True, text=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", required=True, help="python of the venv with this package")
    parser.add_argument("--official", required=True, help="python of the venv with PyPI's kestra")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=0.5, help="length of one run")
    parser.add_argument("--cases", nargs="+", choices=CASES, default=CASES, help="cases to run")
    args = parser.parse_args()
    impls = {"ours": args.ours, "official": args.official}

    Key = tuple[str, str, bool]  # implementation, case, unbuffered
    rates: dict[Key, list[float]] = {}
    cpus: dict[Key, list[float]] = {}
    imports: dict[str, list[float]] = {name: [] for name in impls}
    floor: list[float] = []
    for _ in range(args.rounds):
        for unbuffered in MODES.values():
            for case in args.cases:
                for name, python in impls.items():
                    rate, cpu = run_case(python, case, args.seconds, unbuffered)
                    rates.setdefault((name, case, unbuffered), []).append(rate)
                    cpus.setdefault((name, case, unbuffered), []).append(cpu)
        floor.append(run_case(args.ours, "write floor", args.seconds, False)[0])
        for _ in range(4):
            for name, python in impls.items():
                imports[name].append(import_seconds(python))

    print(f"Medians of {args.rounds} alternating runs of {args.seconds} s, each writing into a pipe read by `wc -l`.")
    for mode, unbuffered in MODES.items():
        print(f"\nstdout {mode}:\n")
        print("| case | ours (calls/s) | official (calls/s) | speed-up | ours (CPU µs/call) "
              "| official (CPU µs/call) | CPU ratio |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for case in args.cases:
            ours = statistics.median(rates["ours", case, unbuffered])
            official = statistics.median(rates["official", case, unbuffered])
            ours_cpu = statistics.median(cpus["ours", case, unbuffered])
            official_cpu = statistics.median(cpus["official", case, unbuffered])
            print(f"| {case} | {ours:,.0f} | {official:,.0f} | {ours / official:.1f}x "
                  f"| {ours_cpu:,.1f} | {official_cpu:,.1f} | {official_cpu / ours_cpu:.1f}x |")
    bare = statistics.median(floor)
    print(f"\nA bare os.write of the same counter line per call (no library): {bare:,.0f} calls/s, "
          "the ceiling for a library that writes each record at once.")
    if "counter" in args.cases:
        for mode, unbuffered in MODES.items():
            official = statistics.median(rates["official", "counter", unbuffered])
            print(f"- {bare / official:.1f}x the official counter, stdout {mode}")
    ours = statistics.median(imports["ours"]) * 1000
    official = statistics.median(imports["official"]) * 1000
    print(f"\nimport kestra: ours {ours:.1f} ms, official {official:.1f} ms "
          f"({official / ours:.0f}x faster); median of {len(imports['ours'])} imports each.")


if __name__ == "__main__":
    main()
