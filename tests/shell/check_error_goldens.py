#!/usr/bin/env python3
"""Every error golden of kestra-emit agrees with the shared vectors, or says why it cannot.

Usage: check_error_goldens.py CASES_DIR VECTORS_DIR [--suggest]

The error_* goldens were first written from the binary's own output (run_golden.py
--update), so on their own they only pin what kestra-emit says, right or wrong.
Each one must therefore hold one of:
  vector  the name of the shared vector (tests/vectors/*.json) for the same input:
          its stderr must be "kestra-emit: " + [a command's prefix such as
          "log: stdin line 2: "] + that vector's error message, so the command
          line and the core (and every language) cannot disagree unseen;
  cli     one line saying why the error belongs to the command line alone (a
          missing argument, an unknown option, a key given twice...): no vector
          can hold it.
--suggest prints, for cases holding neither, the vectors whose message matches.
"""
import json
import sys
from pathlib import Path

PREFIX = b"kestra-emit: "


def vector_messages(vectors_dir):
    by_name = {}
    for path in sorted(Path(vectors_dir).glob("*.json")):
        for v in json.loads(path.read_text(encoding="utf-8"))["vectors"]:
            by_name[v["name"]] = v
    return by_name


def check_case(case, vectors):
    """A problem description, or None."""
    stderr_path = case / "stderr"
    if not stderr_path.exists():
        return "has no exact stderr file (an error golden must pin its message)"
    stderr = stderr_path.read_bytes()
    marks = [m for m in ("vector", "cli") if (case / m).exists()]
    if len(marks) != 1:
        return "must hold exactly one of the files `vector` and `cli`"
    text = (case / marks[0]).read_text(encoding="utf-8").strip()
    if not text:
        return f"its `{marks[0]}` file is empty"
    if marks[0] == "cli":
        return None
    vector = vectors.get(text)
    if vector is None:
        return f"names vector {text!r}, which does not exist"
    message = (vector.get("error") or {}).get("message")
    if not message:
        return f"vector {text!r} has no error message"
    want = message.encode("utf-8") + b"\n"
    if not (stderr.startswith(PREFIX) and stderr.endswith(want) and stderr.count(b"\n") == 1):
        return f"stderr {stderr!r} is not kestra-emit's wording of vector {text!r}: {message!r}"
    return None


def suggest(case, vectors):
    stderr = (case / "stderr").read_bytes() if (case / "stderr").exists() else b""
    hits = [n for n, v in vectors.items()
            if (v.get("error") or {}).get("message") and stderr.endswith(v["error"]["message"].encode() + b"\n")]
    return hits


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cases_dir, vectors = Path(argv[1]), vector_messages(argv[2])
    passed = failed = 0
    with_vector = 0
    for case in sorted(p for p in cases_dir.iterdir() if p.is_dir() and p.name.startswith("error_")):
        problem = check_case(case, vectors)
        if problem is None:
            passed += 1
            with_vector += (case / "vector").exists()
            continue
        failed += 1
        print(f"FAIL {case.name}: {problem}")
        if "--suggest" in argv:
            print(f"  vectors with this message: {suggest(case, vectors)}")
    print(f"error goldens: {with_vector} checked against a vector, {passed - with_vector} command-line only")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
