#!/usr/bin/env bash
# ThreadSanitizer build of the core and its tests, then the suites that use
# threads (emit: locked writes from many threads, fork; record; cpp_api).
# Usage: tests/stress/tsan.sh [BUILD_DIR]   (default build-tsan)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=${1:-build-tsan}

start=$SECONDS
bash scripts/build_core.sh "$build" -DKESTRA_SANITIZE=thread -DKESTRA_INSTALL=OFF -DKESTRA_BUILD_SHELL=OFF
echo "tsan: built in $((SECONDS - start)) s"

# halt_on_error: the first report fails the test instead of scrolling by.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
ctest --test-dir "$build" -R 'emit|record|cpp_api' --output-on-failure -j2
echo "tsan: done in $((SECONDS - start)) s"
