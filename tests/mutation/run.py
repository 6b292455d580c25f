#!/usr/bin/env python3
"""Mutation check: does some test fail when a rule of the core or kestra-emit is broken?

Usage: tests/mutation/run.py [--list] [--only ID[,ID...]] [--keep]

Copies the working tree to a scratch folder, builds it once (and checks that every
suite passes there unmutated), then for each mutation in mutations.json: applies
it (a `find` text that must occur exactly once in `file`, replaced by `replace`),
rebuilds incrementally, runs the fast suites (ctest: the C and C++ suites with the
shared vectors, kestra-emit's golden, vector and process tests; and the vectors'
independent oracle), and restores the file. A mutation is CAUGHT when some suite
fails, SURVIVED when all pass. The run fails when any mutation survived, does not
apply, or does not compile (a mutation must be a plausible bug, not a syntax error).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTATIONS = Path(__file__).with_name("mutations.json")
CTEST_TIMEOUT = 120  # seconds per test: a hang counts as caught, but must not stall the run


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, capture_output=True, check=True).stdout
    return [p for p in out.decode().split("\0") if p]


def copy_tree(dest):
    for rel in tracked_files():
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def sh(cmd, cwd, timeout=None):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def build(src, build_dir):
    return sh(["cmake", "--build", str(build_dir), "-j2"], src)


def run_suites(src, build_dir):
    """(passed, name of the first failing suite or test)."""
    oracle = sh([sys.executable, "tests/vectors/oracle.py"], src)
    if oracle.returncode != 0:
        return False, "oracle tests/vectors/oracle.py"
    try:
        ctest = sh(["ctest", "--test-dir", str(build_dir), "-j2", "--timeout", str(CTEST_TIMEOUT)], src,
                   timeout=CTEST_TIMEOUT * 4)
    except subprocess.TimeoutExpired:
        return False, "ctest (timed out)"
    if ctest.returncode == 0:
        return True, ""
    failed = [line.split(" - ", 1)[1].split(" (")[0].strip()
              for line in ctest.stdout.splitlines() if " - " in line and "(" in line and line.strip()[:1].isdigit()]
    return False, "ctest: " + (", ".join(failed) if failed else "failed")


def load(only):
    mutations = json.loads(MUTATIONS.read_text())["mutations"]
    ids = [m["id"] for m in mutations]
    assert len(ids) == len(set(ids)), "mutation ids must be unique"
    if only:
        wanted = set(only.split(","))
        unknown = wanted - set(ids)
        assert not unknown, f"unknown mutation ids: {sorted(unknown)}"
        mutations = [m for m in mutations if m["id"] in wanted]
    return mutations


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true", help="print the mutations and exit")
    ap.add_argument("--only", help="comma-separated mutation ids to run")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = ap.parse_args()
    mutations = load(args.only)
    if args.list:
        for m in mutations:
            print(f"{m['id']:32} {m['file']:28} {m['rule']}")
        return 0

    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="kestra-mutation-"))
    src, build_dir = scratch / "src", scratch / "build"
    try:
        copy_tree(src)
        conf = sh(["cmake", "-S", str(src), "-B", str(build_dir), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                   "-DCMAKE_CXX_FLAGS_RELEASE=-O1", "-DCMAKE_C_FLAGS_RELEASE=-O1"], src)
        if conf.returncode != 0:
            print(conf.stdout[-3000:], conf.stderr[-3000:])
            return 1
        base = build(src, build_dir)
        if base.returncode != 0:
            print("mutation: the unmutated tree does not build\n" + base.stdout[-3000:])
            return 1
        ok, why = run_suites(src, build_dir)
        if not ok:
            print(f"mutation: the unmutated tree fails its suites ({why}): fix that first")
            return 1
        print(f"mutation: baseline built and green ({time.monotonic() - started:.0f} s); "
              f"{len(mutations)} mutations")

        caught = survived = broken = 0
        for m in mutations:
            t0 = time.monotonic()
            path = src / m["file"]
            original = path.read_text()
            occurrences = original.count(m["find"])
            if occurrences != 1:
                broken += 1
                print(f"  BROKEN    {m['id']}: `find` occurs {occurrences} times in {m['file']} (must be once)")
                continue
            path.write_text(original.replace(m["find"], m["replace"]))
            try:
                built = build(src, build_dir)
                if built.returncode != 0:
                    broken += 1
                    print(f"  BROKEN    {m['id']}: does not compile\n" +
                          "\n".join("            " + l for l in built.stdout.splitlines()[-6:]))
                    continue
                ok, why = run_suites(src, build_dir)
            finally:
                path.write_text(original)
            took = time.monotonic() - t0
            if ok:
                survived += 1
                print(f"  SURVIVED  {m['id']} ({took:.0f} s): {m['rule']}")
            else:
                caught += 1
                print(f"  caught    {m['id']} ({took:.0f} s) by {why}")
        build(src, build_dir)  # leave the scratch build matching the sources
        total = time.monotonic() - started
        print(f"mutation: {caught} caught, {survived} survived, {broken} broken ({total:.0f} s)")
        # The plain closing line: a caught mutation is a passed check.
        print(f"{caught} passed, {survived + broken} failed")
        return 0 if survived == 0 and broken == 0 else 1
    finally:
        if args.keep:
            print(f"mutation: scratch tree kept at {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
