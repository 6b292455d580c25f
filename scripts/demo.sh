#!/usr/bin/env bash
# The demo: installs what is needed, builds, then runs the example flows (examples/flows) on
# Kestra 2.0.0's embedded executor and worker and prints, per task, what Kestra stored:
# state and duration, outputs with their Java types, metrics, logs (tests/e2e/demo.sh; see
# tests/e2e/README.md, "The demo").
# Without a JDK >= 25 it falls back to examples/run_demo.sh: the example scripts run on this
# machine and their lines are read by a parser (Kestra's own when the conformance harness is
# built, else the core's), which shows what Kestra would record, not what a Kestra stored.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
bash scripts/build_core.sh build -DKESTRA_BUILD_TESTS=OFF

source scripts/find_jdk.sh
if find_jdk 25 "${E2E_JAVA_HOME:-}" >/dev/null; then
  exec bash tests/e2e/demo.sh
fi

echo "demo: no JDK >= 25 (Kestra 2.x needs Java 25; set E2E_JAVA_HOME): FALLBACK, the parser-only view."
echo "demo: the example scripts run here and a parser reads their lines; no Kestra runs them."
.venv/bin/python -m pip install -q --disable-pip-version-check ./python
(cd node && npm install --no-audit --no-fund --silent)
mkdir -p build-r/lib && R CMD INSTALL -l build-r/lib "$(bash r/tools/build-tarball.sh build-r)" >build-r/install.log 2>&1
exec bash examples/run_demo.sh "$root/build"
