"""The official `kestra` 2.0.0 from PyPI in its own venv, for the tests that compare with it.

The venv is `.venv-official-context` at the repository root (or $KESTRA_OFFICIAL_VENV),
made on first use.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL_VENV = Path(os.environ.get("KESTRA_OFFICIAL_VENV", ROOT / ".venv-official-context"))


def official_python() -> Path:
    python = OFFICIAL_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(OFFICIAL_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "kestra==2.0.0"], check=True)
    return python
