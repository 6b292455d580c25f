#!/usr/bin/env python3
"""kestra-emit context against the shared context vectors (tests/vectors/context/cases.json).

Usage: run_context.py KESTRA_EMIT CONTEXT_VECTORS_DIR
Each load case runs `kestra-emit context [--file PATH]` in a fresh directory: the whole context
printed must equal the case's file as JSON, or the command must exit 2 with `kestra-emit: MESSAGE`
on stderr and nothing on stdout. Each lookup runs `kestra-emit context --file FILE PATH`.
Prints a line per failure and "N passed, M failed"; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile


def run(binary, args, cwd, env):
    return subprocess.run([binary, "context", *args], capture_output=True, cwd=cwd, env=env, timeout=20)


def judge(proc, want_text, error):
    """A problem description, or None."""
    if error:
        if proc.returncode != 2 or proc.stdout:
            return f"want exit 2 and no stdout, got {proc.returncode} and {proc.stdout!r}"
        want = ("kestra-emit: " + error["message"]).encode()
        if not proc.stderr.startswith(want) or proc.stderr.count(b"\n") != 1:
            return f"stderr {proc.stderr!r} does not start with {want!r} (one line)"
        return None
    if proc.returncode != 0 or proc.stderr:
        return f"exit {proc.returncode}, stderr {proc.stderr!r}"
    return want_text(proc.stdout)


def main():
    sys.setrecursionlimit(10000)  # json.loads of the 1,000-level case
    binary, folder = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sys.path.insert(0, folder)
    import prepare  # noqa: E402 - the shared helper beside the vectors

    vectors = prepare.cases()
    failures, passed = [], 0
    for case in vectors["loads"]:
        with tempfile.TemporaryDirectory() as tmp:
            env = prepare.prepare(case, tmp)
            args = ["--file", case["path"]] if "path" in case else []
            proc = run(binary, args, tmp, env)

            def whole(out, case=case):
                if not out.endswith(b"\n") or not out.isascii():
                    return f"not one ASCII line: {out!r}"
                if json.loads(out) != prepare.expected(case["context"]):
                    return f"context differs: {out[:200]!r}"
                return None

            problem = judge(proc, whole, case.get("error"))
        if problem:
            failures.append(f"FAIL load {case['name']!r}: {problem}")
        else:
            passed += 1
    source = os.path.join(prepare.FILES, vectors["lookups_in"])
    for lookup in vectors["lookups"]:
        proc = run(binary, ["--file", source, lookup["path"]], folder, os.environ.copy())

        def text(out, lookup=lookup):
            want = (lookup.get("text", "") + "\n").encode("utf-8")
            return None if out == want else f"printed {out!r}, want {want!r}"

        problem = judge(proc, text, lookup.get("error"))
        if problem:
            failures.append(f"FAIL lookup {lookup['path']!r}: {problem}")
        else:
            passed += 1
    for f in failures:
        print(f)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
