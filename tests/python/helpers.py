"""Small helpers shared by the Python tests."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from contextlib import redirect_stdout
from typing import Any, Callable, List


def payload(line: str) -> Any:
    """The JSON of one protocol line (with or without its newline)."""
    line = line.rstrip("\n")
    assert line.startswith("::{") and line.endswith("}::"), line
    return json.loads(line[2:-2])


def written(call: Callable[[], Any]) -> str:
    """What ``call`` writes to sys.stdout."""
    out = io.StringIO()
    with redirect_stdout(out):
        call()
    return out.getvalue()


def lines(call: Callable[[], Any]) -> List[Any]:
    """The payloads of the lines ``call`` writes."""
    return [payload(line) for line in written(call).splitlines()]


def run_script(
    source: str, timeout: float = 120, unbuffered: bool = False
) -> subprocess.CompletedProcess:
    """Runs ``source`` in a new interpreter with stdout a pipe, block-buffered as
    Python makes it by default, or unbuffered (PYTHONUNBUFFERED) when asked:
    never as the environment running the tests happens to say."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(source)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
        check=False,
    )


def assert_same_text(got: str, want: str, what: str = "line") -> None:
    """Fails naming the first differing character and a little context on each side.

    pytest's own diff of two multi-megabyte strings is slow, and crashed on one,
    losing the report; this says at once where they part."""
    if got == want:
        return
    at = 0
    limit = min(len(got), len(want))
    while at < limit and got[at] == want[at]:
        at += 1
    start = max(0, at - 40)
    raise AssertionError(
        f"{what}: lengths {len(got)} (got) and {len(want)} (want), first difference at index {at}\n"
        f"  got:  ...{got[start:at + 60]!r}\n"
        f"  want: ...{want[start:at + 60]!r}"
    )
