#!/usr/bin/env bash
# Go counter benchmark: ours vs encoding/json + fmt.Println, into a pipe read by cat.
# Options are passed on: bash bench/go/run.sh -rounds 7 -seconds 1
set -euo pipefail
cd "$(dirname "$0")"
export PATH=$PATH:/usr/local/go/bin GOTOOLCHAIN=local GOFLAGS=-mod=mod
mkdir -p ../../build-bench
go build -o ../../build-bench/go_bench .
../../build-bench/go_bench "$@" | cat >/dev/null
