#!/usr/bin/env bash
# The whole test run, as CI runs it: installs what is needed, builds, and runs
# every suite. Exits non-zero if any suite fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh || exit 1

failed=()
suite() {  # suite NAME COMMAND...: runs one suite, remembers a failure, goes on
  local name=$1; shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then echo "=== $name: ok ($((SECONDS - start)) s)"; else failed+=("$name"); echo "=== $name: FAILED"; fi
}

suite "vectors: independent oracle (Python json.dumps)" .venv/bin/python tests/vectors/oracle.py
suite "core: build" bash scripts/build_core.sh build
suite "core: ctest (GoogleTest, C99, install, kestra-emit golden)" \
  ctest --test-dir build --output-on-failure -j2
suite "core: build with AddressSanitizer + UndefinedBehaviorSanitizer" \
  bash scripts/build_core.sh build-asan -DKESTRA_SANITIZE=address,undefined -DKESTRA_INSTALL=OFF
suite "core: ctest under ASan + UBSan" \
  ctest --test-dir build-asan --output-on-failure -j2
suite "reliability: ThreadSanitizer build and core tests" bash tests/stress/tsan.sh
suite "reliability: libFuzzer targets (about a minute)" bash tests/fuzz/run.sh
suite "python: pytest" bash tests/python/run.sh
suite "node: node --test" bash tests/node/run.sh
suite "r: R CMD build + R CMD check (testthat: shared vectors, values, API)" bash tests/r/run.sh
suite "go: go vet, go test (API, examples, core copy current, shared vectors)" bash tests/go/run.sh
suite "ruby: minitest (API, shared vectors), gem build and offline install" bash tests/ruby/run.sh
suite "node: Jest and Vitest (@kestra-io/libs/testing)" bash tests/node-frameworks/run.sh
suite "reliability: 4 processes into one pipe, per language" bash tests/stress/run.sh
suite "reliability: faults (closed stdout, EPIPE, full pipe, signals, fork, 100 MB, deep)" bash tests/faults/run.sh
suite "conformance: Kestra's parser and the cross-language runner" bash tests/conformance/run.sh
suite "ship: release artifacts installed in compiler-less Debian 12/13 roots, Bun, Deno, an empty root" bash tests/package/run.sh
# After ship: e2e installs our packages from the artifacts it built in dist/ (CI=true requires them).
suite "e2e: flows on Kestra 2.0.0's embedded executor and worker (our packages from dist/)" bash tests/e2e/run.sh

echo
if ((${#failed[@]})); then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "All suites passed."
