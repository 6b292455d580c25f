#!/usr/bin/env bash
# Builds the native programs of the stress and fault tests (tests/stress/
# CMakeLists.txt) into BUILD_DIR (default build-reliability), optimised as
# shipped: BUILD_DIR/stress_writer and BUILD_DIR/faults.
# Usage: tests/stress/build_programs.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-reliability}
mkdir -p "$build"
{ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKESTRA_BUILD_SHELL=OFF -DKESTRA_INSTALL=OFF &&
  cmake --build "$build" -j2 --target stress_writer faults; } >"$build/build.log" 2>&1 ||
  { tail -40 "$build/build.log"; exit 1; }
