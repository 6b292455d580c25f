"""Our execution context against the official package 2.0.0's, run on the same cases.

The official `kestra` 2.0.0 is installed from PyPI into its own venv (official.py) on the first
run; both packages run context_probe.py, and every result must be equal except the deliberate
differences below.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from official import official_python

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VECTORS = ROOT / "tests" / "vectors" / "context"

# Where we differ on purpose (python/README.md): what ours does, what the official does.
DIFFERENCES = {
    # An empty variable counts as unset: ours reads the default file, the official looks for ''.
    "load: an empty KESTRA_EXECUTION_CONTEXT_FILE counts as unset": ({"value"}, "FileNotFoundError"),
    # A context must be a JSON object: the official wraps a list and fails later.
    "load: KESTRA_CONTEXT that is base64 of an array": ("TypeError", None),
    # Past 1,000 levels: the core's depth error; the official's json module overflows the stack.
    "load: a context nested deeper than 1,000 levels": ("ValueError", None),
}


def probe(python: Path) -> dict:
    result = subprocess.run([str(python), str(HERE / "context_probe.py"), str(VECTORS)],
                            capture_output=True, text=True, timeout=300, cwd=str(HERE.parent))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def both() -> tuple:
    return probe(Path(sys.executable)), probe(official_python())


def test_the_official_package_is_the_one_compared(both: tuple) -> None:
    version = subprocess.run([str(official_python()), "-c",
                              "import importlib.metadata as m; print(m.version('kestra'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == "2.0.0"


def test_same_results_as_the_official(both: tuple) -> None:
    ours, official = both
    assert ours.keys() == official.keys()
    assert len(ours) > 40
    for name in ours:
        if name in DIFFERENCES:
            continue
        if "raises" in ours[name] and "raises" in official.get(name, {}):
            # The same class, or the official raises a subclass of ours (IsADirectoryError
            # where ours says OSError): an `except` written for the official still catches.
            assert ours[name]["raises"][0] in official[name]["raises"], name
        else:
            assert ours[name] == official[name], name


@pytest.mark.parametrize("name", sorted(DIFFERENCES))
def test_deliberate_differences(both: tuple, name: str) -> None:
    ours, official = both
    want_ours, want_official = DIFFERENCES[name]  # a set of result keys, or the class raised
    if isinstance(want_ours, set):
        assert set(ours[name]) == want_ours
    else:
        assert ours[name]["raises"][0] == want_ours
    if want_official is not None:
        assert official[name]["raises"][0] == want_official
    assert ours[name] != official[name]
