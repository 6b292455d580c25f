#!/usr/bin/env bash
# Benchmarks this project's Python package against the official `kestra` from PyPI.
#   bench/python/run.sh [--rounds N] [--seconds S] [--cases counter ...]
# Ours is installed into .venv, the official package into .venv-official (repository root).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
ours="${KESTRA_VENV:-$root/.venv}"
official="${KESTRA_OFFICIAL_VENV:-$root/.venv-official}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"

[ -x "$ours/bin/python" ] || python3 -m venv "$ours"
"$ours/bin/python" -m pip install --quiet "$root/python"
[ -x "$official/bin/python" ] || python3 -m venv "$official"
"$official/bin/python" -m pip install --quiet kestra

exec "$ours/bin/python" "$root/bench/python/bench.py" \
  --ours "$ours/bin/python" --official "$official/bin/python" "$@"
