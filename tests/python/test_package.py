"""The installed package: import cost, typing files."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import kestra
from helpers import run_script


def test_import_pulls_no_third_party_module_nor_logging() -> None:
    result = run_script(
        """
        import json, sys
        before = set(sys.modules)
        import kestra
        from kestra import Kestra
        print(json.dumps(sorted(set(sys.modules) - before)))
        """
    )
    assert result.returncode == 0, result.stderr.decode()
    new = json.loads(result.stdout)
    ours = {m for m in new if m == "kestra" or m.startswith("kestra.")}
    others = set(new) - ours
    stdlib = getattr(sys, "stdlib_module_names", None)
    if stdlib is not None:
        assert {m for m in others if m.split(".")[0] not in stdlib} == set()
    assert "logging" not in others
    assert not others & {"numpy", "pandas", "requests", "typing", "dateutil"}


def test_logger_imports_logging_only_when_asked() -> None:
    result = run_script(
        """
        import sys
        from kestra import Kestra
        print("kestra._logging" in sys.modules)
        Kestra.logger()
        print("kestra._logging" in sys.modules)
        """
    )
    assert result.stdout == b"False\nTrue\n", result.stderr.decode()


def test_typing_files_are_installed() -> None:
    package = Path(kestra.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_core.pyi").is_file()


def test_version() -> None:
    assert kestra.__version__ == "0.1.0"
    assert kestra._core.core_version
