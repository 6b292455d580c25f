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
mkdir -p build-r/lib && R CMD INSTALL -l build-r/lib "$(bash r/tools/build-tarball.sh build-r)" >build-r/install.log 2>&1
# Kestra's own parser reads the demo's lines when it can be built (a JDK 25 and
# Maven Central); otherwise the demo says it shows our reading of the protocol.
echo "demo: building the Kestra parser harness (io.kestra:core; the first time downloads it)..."
bash tests/conformance/run.sh >/tmp/kestra-demo-conformance.log 2>&1 ||
  echo "demo: the harness could not be built or checked (see /tmp/kestra-demo-conformance.log)"
exec bash examples/run_demo.sh "$root/build"
