"""Python producer: every shared vector through `from kestra import Kestra`, with the call
mapping of the Python suite (tests/python/vectors.py). Run with the interpreter that has the
package (the venv of tests/python/run.sh).

    python_producer.py      one JSON line per vector on stdout (see ../README.md):
    {"file": ..., "index": ..., "line": ...} | {..., "error": {...}} | {..., "not_expressible": ...}

An error carries the core's result name: kestra's exceptions have it as `kind`
(KestraValueError.kind == "value").
"""
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
sys.setrecursionlimit(20000)  # vectors nest 1,000 deep

import vectors  # noqa: E402  (tests/python/vectors.py: imports kestra)



def main():
    usable, skipped = vectors.load()
    where = {}  # vector names are unique across files
    for path in sorted(vectors.VECTOR_DIR.glob("*.json")):
        for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))["vectors"]):
            where[raw["name"]] = {"file": path.name, "index": index}
    out = []
    for vector in skipped:
        out.append(dict(where[vector.name], not_expressible="needs " + "/".join(sorted(vectors.UNSUPPORTED_NEEDS))))
    for vector in usable:
        record = dict(where[vector.name])
        buffer = io.StringIO()
        try:
            with redirect_stdout(buffer):
                returned = vectors.run(vector)
        except Exception as e:  # noqa: BLE001  (every exception is an outcome to report)
            # kestra's errors carry the core's kind (KestraValueError.kind == "value").
            record["error"] = {"kind": getattr(e, "kind", None), "class": type(e).__name__, "message": str(e)}
            if buffer.getvalue():
                record["problem"] = "failed but wrote %r" % buffer.getvalue()[:200]
            out.append(record)
            continue
        written = buffer.getvalue()
        if vector.call == "format":
            record["line"] = returned
            if written:
                record["problem"] = "format also wrote %r" % written[:200]
        elif written.endswith("\n") and "\n" not in written[:-1]:
            record["line"] = written[:-1]
        else:
            record["line"] = written
            record["problem"] = "did not write exactly one line"
        out.append(record)
    for record in out:
        sys.stdout.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
