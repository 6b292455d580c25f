#!/usr/bin/env python3
"""Kestra.read: rows per second, ours against the official kestra 2.0.0, in one run.

Usage: bench.py OUR_PYTHON OFFICIAL_PYTHON [--rounds N] [--big-mb M]

Generates two files like those Kestra writes for a JDBC query (decimals,
timestamps, strings, nulls): 20,000 rows, and about 100 MB. Each measure runs
in a fresh process (ours and the official alternately, --rounds times) that
reads the file and reports its time and its peak RSS; the medians and the
ratio are printed. Ours is also measured iterating (Kestra.iter_read), whose
peak RSS must stay flat whatever the file's size. Then `import kestra` time.
"""
import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

WORKER = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
from kestra import Kestra
start = time.perf_counter()
if mode == "iter":
    rows = 0
    for _ in Kestra.iter_read(path):
        rows += 1
else:
    rows = len(Kestra.read(path))
elapsed = time.perf_counter() - start
print(json.dumps({"rows": rows, "seconds": elapsed,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_file(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            out.write(
                f'{{employee_id:{i}.000000,first_name:"First{i}",last_name:"Last{rng.randint(0, 9999)}",'
                f'email:"E{i}@example.com",phone_number:"515.123.{rng.randint(1000, 9999)}",'
                f'hire_date:{rng.randint(1980, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},'
                f'job_id:"AD_PRES",salary:{rng.randint(1000, 99999)}.{rng.randint(0, 999999):06d},'
                f'commission_pct:null,manager_id:{rng.choice(["null", "100.000000"])},department_id:90.000000,'
                f'updated:LocalDateTime::"2024-04-21T13:43:{rng.randint(10, 59)}.340"}}\n')


def measure(python: str, mode: str, path: Path) -> dict:
    run = subprocess.run([python, "-c", WORKER, mode, str(path)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def import_ms(python: str, rounds: int) -> float:
    code = "import time; s = time.perf_counter(); import kestra; print((time.perf_counter() - s) * 1000)"
    return statistics.median(float(subprocess.run([python, "-c", code], capture_output=True, text=True,
                                                  check=True).stdout) for _ in range(rounds))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("ours")
    ap.add_argument("official")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--big-mb", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "rows_20000.ion"
        make_file(small, 20_000)
        per_row = small.stat().st_size / 20_000
        big = Path(tmp) / "rows_big.ion"
        make_file(big, int(args.big_mb * 1024 * 1024 / per_row), seed=2)
        for path, rounds in ((small, args.rounds), (big, max(1, args.rounds // 2))):
            ours, official, iterated = [], [], []
            for _ in range(rounds):  # alternately, so drift hits both
                ours.append(measure(args.ours, "read", path))
                official.append(measure(args.official, "read", path))
                iterated.append(measure(args.ours, "iter", path))
            rows = ours[0]["rows"]
            assert all(m["rows"] == rows for m in ours + official + iterated)
            med = {name: statistics.median(m["seconds"] for m in ms)
                   for name, ms in (("ours", ours), ("official", official), ("iter", iterated))}
            rss = {name: max(m["max_rss_mb"] for m in ms)
                   for name, ms in (("ours", ours), ("official", official), ("iter", iterated))}
            print(f"{path.name}: {rows} rows, {path.stat().st_size / 1e6:.1f} MB, {rounds} rounds (medians)")
            for name, label in (("ours", "ours Kestra.read     "), ("iter", "ours Kestra.iter_read"),
                                ("official", "official Kestra.read ")):
                print(f"  {label} {rows / med[name]:>12,.0f} rows/s  {med[name]:8.3f} s  max RSS {rss[name]:8.1f} MB")
            print(f"  ratio official/ours (read): {med['official'] / med['ours']:.1f}x")
    print(f"import kestra: ours {import_ms(args.ours, 9):.1f} ms, official {import_ms(args.official, 9):.1f} ms "
          "(median of 9 fresh processes)")


if __name__ == "__main__":
    sys.exit(main())
