#!/usr/bin/env python3
"""Golden tests of kestra-emit: run every case and compare its output exactly.

Usage: run_golden.py KESTRA_EMIT [CASES_DIR] [--update]

Each case is a directory under cases/ holding:
  cmd        the arguments, one per line (the binary's name is not included).
             A line "$hex:68c3" is an argument given as raw bytes (for invalid
             UTF-8); an empty line is an empty argument; an empty file, none.
  stdin      optional: bytes fed to standard input (else it is empty)
  stdout     expected standard output (absent: must be empty), or
  stdout.re  a Python regular expression the whole output must match (bytes;
             for `time`, whose timer value varies)
  stderr     expected standard error (absent: must be empty), or stderr.re
  status     expected exit status (absent: 0)
  vector, cli  error_* cases only: the shared vector with the same error, or why
             none can hold it (checked by check_error_goldens.py)
The case runs with its directory as the working directory, so `check input.txt`
reads a file of the case.

--update rewrites stdout, stderr and status of the cases that fail (never the
.re files): review the diff before committing.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

TIMEOUT = 20  # seconds per case


def read_args(path):
    """One argument per line; an empty file means no arguments."""
    data = path.read_bytes()
    if not data:
        return []
    if data.endswith(b"\n"):
        data = data[:-1]
    args = []
    for line in data.split(b"\n"):
        if line.startswith(b"$hex:"):
            args.append(bytes.fromhex(line[5:].decode("ascii")))
        else:
            args.append(line)
    return args


def optional(path, default=b""):
    return path.read_bytes() if path.exists() else default


def compare(case, name, actual):
    """Returns a problem description, or None when `actual` is as expected."""
    exact, pattern = case / name, case / (name + ".re")
    if pattern.exists():
        regex = pattern.read_bytes().rstrip(b"\n")
        if re.fullmatch(regex, actual, re.DOTALL):
            return None
        return f"{name} does not match {pattern.name}\n  got: {actual!r}"
    expected = optional(exact)
    if actual == expected:
        return None
    return f"{name} differs\n  expected: {expected!r}\n  got:      {actual!r}"


def run_case(binary, case, update):
    args = read_args(case / "cmd")
    env = dict(os.environ, LC_ALL="C")
    try:
        proc = subprocess.run([binary, *args], input=optional(case / "stdin"), capture_output=True,
                              cwd=case, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return ["timed out"]
    problems = []
    for name, actual in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        problem = compare(case, name, actual)
        if problem:
            problems.append(problem)
            if update and not (case / (name + ".re")).exists():
                if actual:
                    (case / name).write_bytes(actual)
                elif (case / name).exists():
                    (case / name).unlink()
    expected_status = int(optional(case / "status", b"0").decode().strip() or 0)
    if proc.returncode != expected_status:
        problems.append(f"status {proc.returncode}, expected {expected_status}")
        if update:
            if proc.returncode:
                (case / "status").write_text(f"{proc.returncode}\n")
            elif (case / "status").exists():
                (case / "status").unlink()
    return problems


def main(argv):
    update = "--update" in argv
    argv = [a for a in argv if a != "--update"]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    cases_dir = Path(argv[2]) if len(argv) > 2 else Path(__file__).resolve().parent / "cases"
    passed = failed = 0
    for case in sorted(p for p in cases_dir.iterdir() if (p / "cmd").exists()):
        problems = run_case(binary, case, update)
        if problems:
            failed += 1
            print(f"FAIL {case.name}")
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
