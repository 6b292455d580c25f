"""The compiled module links the static core but must not re-export its C ABI:
two modules (or a module and libkestra.so) in one process would otherwise bind
each other's kestra_* functions."""

import pathlib
import subprocess

from kestra import _core

CHECK = pathlib.Path(__file__).resolve().parents[1] / "build" / "check_exports.sh"


def test_module_exports_no_kestra_symbol():
    run = subprocess.run(["bash", str(CHECK), "no-kestra", _core.__file__], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("ok (no-kestra)")
