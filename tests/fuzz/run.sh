#!/usr/bin/env bash
# Builds the libFuzzer targets, replays every saved regression input, then
# fuzzes each target for a short time from a seed corpus made from the shared
# vectors. Exits non-zero on any crash or oracle violation.
# Usage: tests/fuzz/run.sh [seconds_per_target]   (default 15: about a minute)
# A new crash is copied to build-fuzz/crashes/; move it to
# tests/fuzz/regressions/<target>/ (with a name saying what it is) once reported.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-15}
build=$root/build-fuzz
targets=(reader builder records check_line summary context ion)

start=$SECONDS
# KESTRA_BUILD_FUZZ: the core and the targets with clang, coverage, ASan + UBSan.
mkdir -p "$build"
{ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -g" -DKESTRA_BUILD_FUZZ=ON -DKESTRA_BUILD_TESTS=OFF \
    -DKESTRA_BUILD_SHELL=OFF -DKESTRA_INSTALL=OFF &&
  cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"; } >"$build/build.log" 2>&1 ||
  { tail -40 "$build/build.log"; echo "fuzz: build failed"; exit 1; }
echo "fuzz: built in $((SECONDS - start)) s"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/tests/fuzz/make_seeds.py" "$work/seeds" >/dev/null || { echo "fuzz: seeds failed"; exit 1; }
mkdir -p "$work/seeds/ion" && cp "$root"/tests/vectors/ion/*.ion "$work/seeds/ion/"  # the Ion target's seeds

passed=0 failed=0
report() {  # report OK|FAIL WHAT [LOG]
  if [ "$1" = OK ]; then
    passed=$((passed + 1)); echo "  ok    $2"
  else
    failed=$((failed + 1)); echo "  FAIL  $2"
    [ -n "${3:-}" ] && grep -E -A3 'ORACLE VIOLATION|ERROR: |runtime error|SUMMARY' "$3" | head -20 | sed 's/^/        /'
  fi
}

echo "fuzz: regressions"
for target in "${targets[@]}"; do
  for input in "$root/tests/fuzz/regressions/$target"/*; do
    [ -f "$input" ] || continue
    log=$work/replay.log
    if timeout 60 "$build/fuzz_$target" "$input" >"$log" 2>&1; then
      report OK "$target/$(basename "$input")"
    else
      report FAIL "$target/$(basename "$input")" "$log"
    fi
  done
done

echo "fuzz: $seconds s per target"
mkdir -p "$build/crashes"
for target in "${targets[@]}"; do
  corpus=$work/corpus-$target artifacts=$work/artifacts-$target log=$work/$target.log
  mkdir -p "$corpus" "$artifacts"
  # -timeout: one input running over 10 s counts as a hang; the outer timeout
  # catches a fuzzer that never stops.
  if timeout $((seconds + 120)) "$build/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$corpus" "$work/seeds/$target" >"$log" 2>&1; then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    report OK "fuzz_$target (${runs:-?} runs)"
  else
    report FAIL "fuzz_$target" "$log"
    for crash in "$artifacts"/*; do
      [ -f "$crash" ] || continue
      cp "$crash" "$build/crashes/$target-$(basename "$crash")"
      echo "        input saved: build-fuzz/crashes/$target-$(basename "$crash")"
    done
  fi
done

echo "fuzz: $passed passed, $failed failed ($((SECONDS - start)) s)"
[ "$failed" -eq 0 ]
