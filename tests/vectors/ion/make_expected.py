#!/usr/bin/env python3
"""Regenerates expected.json from the *.ion files of this directory with our
own Kestra.read (tagged values) and kestra-emit read (JSON Lines, errors).

Usage: make_expected.py PYTHON_WITH_KESTRA KESTRA_EMIT

Review the diff before committing: expected.json is the contract every language
suite checks, and tests/python/test_read.py checks it against the official
package (kestra 2.0.0), which is the independent oracle.
"""
import json
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
python, emit = sys.argv[1], sys.argv[2]

program = f"""
import json, sys
sys.path.insert(0, {str(here.parent.parent / 'python')!r})
from ion_tagged import tag_rows
from kestra import Kestra
out = {{}}
for name in sys.argv[1:]:
    try:
        out[name] = {{"rows": tag_rows(Kestra.read(name))}}
    except (TypeError, ValueError) as e:
        out[name] = {{"exception": type(e).__name__, "kind": e.kind, "message": str(e)}}
print(json.dumps(out))
"""
files = sorted(p.name for p in here.glob("*.ion"))
tagged = json.loads(subprocess.run([python, "-c", program, *files], cwd=here, check=True,
                                   capture_output=True, text=True).stdout)
cases = []
for name in files:
    run = subprocess.run([emit, "read", name], cwd=here, capture_output=True)
    case = {"file": name}
    if "rows" in tagged[name]:
        case["rows"] = tagged[name]["rows"]
    else:
        message = tagged[name]["message"]
        case["error"] = {"kind": tagged[name]["kind"], "message": message}
        # The rows before the error, as iter_read yields them.
        case["rows_before_error"] = run.stdout.count(b"\n")
    case["json_lines"] = run.stdout.decode("utf-8")
    case["emit_status"] = run.returncode
    cases.append(case)
(here / "expected.json").write_text(json.dumps({"cases": cases}, indent=1, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases written")
