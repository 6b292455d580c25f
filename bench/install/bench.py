"""Install time, installed size and a whole small script: our release artifacts
against the official packages, alternating in one run, medians and ratios.

Run by bench/install/run.sh, which says where everything comes from. Every round
starts from an empty venv / folder (made outside the timing); the package caches of
pip and npm are warm for both sides after the first round, as on a worker that
installs the same package for every task.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List


def run(cmd: List[str], cwd: Path | None = None, env: Dict[str, str] | None = None) -> float:
    """Wall time of cmd in seconds; its stdout goes into a pipe that we read."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    return elapsed


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


class Side:
    """One package manager's install of one side, and the small script it then runs."""

    def __init__(self, name: str, prepare: Callable[[Path], None], install: Callable[[Path], List[str]],
                 installed: Callable[[Path], Path], script: Callable[[Path], List[str]]) -> None:
        self.name, self.prepare, self.install, self.installed, self.script = name, prepare, install, installed, script
        self.install_s: List[float] = []
        self.script_s: List[float] = []
        self.bytes = 0


def measure(sides: List[Side], rounds: int, script_runs: int, work: Path) -> None:
    for r in range(rounds):
        for side in sides if r % 2 == 0 else reversed(sides):   # alternate who goes first
            place = work / f"{side.name}-{r}"
            side.prepare(place)
            baseline = size(side.installed(place))
            side.install_s.append(run(side.install(place), cwd=place))
            side.bytes = size(side.installed(place)) - baseline
        # The small script, alternating ours and the official one, run by run.
        for _ in range(script_runs):
            for side in sides:
                side.script_s.append(run(side.script(work / f"{side.name}-{r}"), cwd=work / f"{side.name}-{r}"))
        for side in sides:
            shutil.rmtree(work / f"{side.name}-{r}")


def report(title: str, ours: Side, official: Side) -> None:
    def ms(xs: List[float]) -> float:
        return statistics.median(xs) * 1000
    print(f"\n{title}")
    print(f"  {'':34} {'ours':>12} {'official':>12} {'ratio':>8}")
    oi, fi = ms(ours.install_s), ms(official.install_s)
    print(f"  {'install, median ms':34} {oi:12.0f} {fi:12.0f} {fi / oi:7.1f}x")
    print(f"  {'installed size, MB':34} {ours.bytes / 1e6:12.2f} {official.bytes / 1e6:12.2f} {official.bytes / ours.bytes:7.1f}x")
    os_, fs_ = ms(ours.script_s), ms(official.script_s)
    print(f"  {'small script (import, counter), ms':34} {os_:12.1f} {fs_:12.1f} {fs_ / os_:7.1f}x")
    print(f"  ({len(ours.install_s)} installs and {len(ours.script_s)} script runs per side)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", required=True, help="interpreter for the venvs")
    ap.add_argument("--wheel", required=True)
    ap.add_argument("--tarball", required=True)
    ap.add_argument("--official-python", default="kestra==2.0.0")
    ap.add_argument("--official-node", default="@kestra-io/libs@2.0.0")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--script-runs", type=int, default=10)
    a = ap.parse_args()

    py_script = "from kestra import Kestra\nKestra.counter('rows', 42, {'table': 'users'})\n"
    js_script = "const Kestra = require('@kestra-io/libs');\nKestra.counter('rows', 42, { table: 'users' });\n"

    def venv(place: Path) -> None:
        subprocess.run([a.python, "-m", "venv", str(place / "venv")], check=True)

    def pip(*args: str) -> Callable[[Path], List[str]]:
        return lambda place: [str(place / "venv/bin/python"), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", *args]

    def py_run(place: Path) -> List[str]:
        return [str(place / "venv/bin/python"), "-c", py_script]

    def folder(place: Path) -> None:
        (place / "node_modules").mkdir(parents=True)
        (place / "package.json").write_text('{"private": true}\n')

    def npm(*args: str) -> Callable[[Path], List[str]]:
        return lambda _: ["npm", "install", "--no-audit", "--no-fund", "--no-save", "--no-package-lock", *args]

    def js_run(_: Path) -> List[str]:
        return ["node", "-e", js_script]

    with tempfile.TemporaryDirectory(prefix="kestra-install-bench.") as tmp:
        work = Path(tmp)
        ours_py = Side("ours-py", venv, pip("--no-index", a.wheel), lambda p: site_packages(p / "venv"), py_run)
        off_py = Side("official-py", venv, pip(a.official_python), lambda p: site_packages(p / "venv"), py_run)
        measure([ours_py, off_py], a.rounds, a.script_runs, work)
        report(f"Python: pip install {Path(a.wheel).name} (file)  vs  pip install {a.official_python} (index, with dependencies)", ours_py, off_py)

        ours_js = Side("ours-js", folder, npm("--offline", "--ignore-scripts", a.tarball), lambda p: p / "node_modules", js_run)
        off_js = Side("official-js", folder, npm(a.official_node), lambda p: p / "node_modules", js_run)
        measure([ours_js, off_js], a.rounds, a.script_runs, work)
        report(f"Node: npm install {Path(a.tarball).name} (file)  vs  npm install {a.official_node} (registry)", ours_js, off_js)


if __name__ == "__main__":
    main()
