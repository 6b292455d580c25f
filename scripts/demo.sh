#!/usr/bin/env bash
# Installs what is needed, builds, then runs a small script in each language and
# shows, line by line, what Kestra would record from its output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
bash scripts/build_core.sh build -DKESTRA_BUILD_TESTS=OFF
.venv/bin/python -m pip install -q --disable-pip-version-check ./python
(cd node && npm install --no-audit --no-fund --silent)
exec bash examples/run_demo.sh "$root/build"
