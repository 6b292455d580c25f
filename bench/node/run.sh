#!/usr/bin/env bash
# Installs ours (from ../../node, building the addon) and the official package
# from npm, then prints the markdown table. Options: ROUNDS=5 SECONDS_PER_RUN=1.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund >&2
# The C floor (write_floor.c), built where the build trees go.
mkdir -p ../../build-bench
cc -O2 -o ../../build-bench/write_floor write_floor.c
export KESTRA_WRITE_FLOOR="$PWD/../../build-bench/write_floor"
exec node bench.js "$@"
