#!/usr/bin/env bash
# Builds the Python package into a virtual environment and runs its tests.
#   tests/python/run.sh [pytest arguments]
# The venv lives at .venv in the repository root (override with KESTRA_VENV).
# Needs python3 with venv, a C++17 compiler, cmake and libfmt-dev.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${KESTRA_VENV:-$root/.venv}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet pytest numpy
"$venv/bin/python" -m pip install --quiet "$root/python"

cd "$root/tests/python"
exec "$venv/bin/python" -m pytest -q "$@"
