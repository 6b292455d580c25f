#!/usr/bin/env python3
"""kestra-emit read on the shared Ion vectors (tests/vectors/ion/expected.json):
the exact JSON Lines, the exit status, and the core's message on stderr.

Usage: run_ion_vectors.py KESTRA_EMIT ION_VECTORS_DIR
"""
import json
import subprocess
import sys
from pathlib import Path

emit, vectors = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2])
cases = json.loads((vectors / "expected.json").read_text(encoding="utf-8"))["cases"]
failures = 0
for case in cases:
    for how in ("file", "stdin"):
        path = vectors / case["file"]
        if how == "file":
            run = subprocess.run([emit, "read", case["file"]], cwd=vectors, capture_output=True, timeout=20)
            source = case["file"]
        else:
            run = subprocess.run([emit, "read", "-"], input=path.read_bytes(), capture_output=True, timeout=20)
            source = "stdin"
        want_err = (f"kestra-emit: read: {source}: {case['error']['message']}\n".encode()
                    if "error" in case else b"")
        problems = []
        if run.stdout != case["json_lines"].encode("utf-8"):
            problems.append(f"stdout {run.stdout!r}")
        if run.returncode != case["emit_status"]:
            problems.append(f"status {run.returncode}")
        if run.stderr != want_err:
            problems.append(f"stderr {run.stderr!r}")
        if problems:
            failures += 1
            print(f"FAIL {case['file']} ({how}): " + "; ".join(problems))
print(f"{2 * len(cases) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
