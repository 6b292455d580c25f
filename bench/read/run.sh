#!/usr/bin/env bash
# Kestra.read benchmark (not a test): ours (the repository's .venv, as
# tests/python/run.sh builds it) against the official kestra 2.0.0, installed
# from PyPI into a scratch venv. Usage: bench/read/run.sh [bench.py options]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ours="${KESTRA_VENV:-$root/.venv}/bin/python"
official_venv="${OFFICIAL_VENV:-$root/build-bench/official-venv}"
if [ ! -x "$official_venv/bin/python" ]; then
  python3 -m venv "$official_venv"
  "$official_venv/bin/python" -m pip install --quiet kestra==2.0.0
fi
exec "$ours" "$root/bench/read/bench.py" "$ours" "$official_venv/bin/python" "$@"
