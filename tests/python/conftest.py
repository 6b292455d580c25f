from __future__ import annotations

from typing import Any

import vectors

USABLE, NOT_EXPRESSIBLE = vectors.load()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(
        f"shared vectors: {len(USABLE)} run through the Python API, "
        f"{len(NOT_EXPRESSIBLE)} not expressible in Python (need raw bytes)"
    )
