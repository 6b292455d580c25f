"""kestra-emit producer: every shared vector that maps to the command line, through
kestra-emit, with the mapping of the shell suite (tests/shell/run_vectors.py: forms,
fit_argv, run). A vector with several forms (outputs --json and KEY=VALUE; log -- MESSAGE
and log - from stdin) gives one record per form, with "form".

    shell_producer.py KESTRA_EMIT     one JSON line per vector and form (see ../README.md)

kestra-emit reports a refused input as status 2 and "kestra-emit: FIELD: REASON" on
stderr, without the core's result name: an error carries "kind": null.
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "shell"))

import run_vectors as shell  # noqa: E402  (tests/shell/run_vectors.py)


def form_name(argv, stdin):
    if stdin and argv[-1] == b"-":
        return "%s - (stdin)" % argv[0].decode()
    if argv[:2] == [b"outputs", b"--json"]:
        return "outputs --json"
    if argv[0] == b"outputs":
        return "outputs KEY=VALUE"
    return argv[0].decode() + " (argv)"


def produce(binary, path, index, vector):
    base = {"file": path.name, "index": index}
    try:
        cases = shell.fit_argv(shell.forms(vector))
    except shell.NotExpressible as e:
        return [dict(base, not_expressible=str(e))]
    records = []
    for argv, stdin, prefix in cases:
        record = dict(base, form=form_name(argv, stdin))
        proc = shell.run(binary, argv, stdin)
        out = proc.stdout.decode("utf-8", "surrogateescape")
        err = proc.stderr.decode("utf-8", "surrogateescape")
        if proc.returncode == 0 and not proc.stderr:
            if out.endswith("\n") and "\n" not in out[:-1]:
                record["line"] = out[:-1]
            else:
                record["line"] = out
                record["problem"] = "did not write exactly one line"
        elif proc.returncode == 2 and not proc.stdout and err.count("\n") == 1 and err.endswith("\n"):
            message = err[:-1]
            for lead in ("kestra-emit: " + prefix.decode(), "kestra-emit: "):
                if message.startswith(lead):
                    message = message[len(lead):]
                    break
            record["error"] = {"kind": None, "message": message}
        else:
            record["line"] = out
            record["problem"] = "status %d, stderr %r" % (proc.returncode, err[:300])
        records.append(record)
    return records


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: shell_producer.py KESTRA_EMIT")
    binary = os.path.abspath(argv[1])
    for path in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        for index, vector in enumerate(json.loads(path.read_text(encoding="utf-8"))["vectors"]):
            for record in produce(binary, path, index, vector):
                sys.stdout.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main(sys.argv)
