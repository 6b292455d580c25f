#!/usr/bin/env bash
# Fault cases (tests/RELIABILITY.md says what each one expects): stdout closed,
# EPIPE, a full pipe with a slow reader, signals, fork, a 100 MB payload and
# 100,000-deep nesting, through the C ABI, the Python and Node packages and
# kestra-emit. Every command runs under a timeout: a hang fails, and so does a
# death by signal or a torn line.
# Usage: tests/faults/run.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/faults
check_stream=$root/tests/stress/check_stream.py

start=$SECONDS
. "$root/tests/stress/locate.sh"
faults=$root/build-reliability/faults

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/log
passed=0 failed=0 skipped=0

# run_case NAME FUNCTION: the function returns 0 for the expected behaviour.
run_case() {
  local t0=$SECONDS
  : >"$log"
  if "$2" >>"$log" 2>&1; then
    passed=$((passed + 1))
    echo "  ok    $1 ($((SECONDS - t0)) s): $(grep -E -v '^  reader:' "$log" | tail -1 | cut -c1-150)"
  else
    failed=$((failed + 1))
    echo "  FAIL  $1"
    sed 's/^/        /' "$log" | head -14
  fi
}
skip() { skipped=$((skipped + 1)); echo "  skip  $1"; }
# rc_ok RC WHAT: 0 when RC is 0; explains a timeout or a death by signal.
rc_is() {
  local got=$1 want=$2
  [ "$got" = "$want" ] && return 0
  if [ "$got" = 124 ]; then echo "hang: killed by the timeout"
  elif [ "$got" -gt 128 ]; then echo "died of signal $((got - 128))"
  else echo "exit status $got, expected $want"; fi
  return 1
}

# ---- C ABI ------------------------------------------------------------------
c_closed() { timeout 30 "$faults" closed_stdout >&-; rc_is $? 0; }
c_epipe() { timeout 30 "$faults" epipe_stdout | head -c 100 >/dev/null; rc_is "${PIPESTATUS[0]}" 0; }
c_case() { timeout 60 "$faults" "$1"; rc_is $? 0; }
c_slow() { c_case slow_reader; }
c_slow_nb() { c_case slow_reader_nb; }
c_signals() { c_case signals; }
c_fork() { c_case fork; }
c_big() { c_case big_payload; }
c_deep() { c_case deep; }

echo "faults: C ABI"
run_case "C: stdout closed" c_closed
run_case "C: EPIPE (reader exits early)" c_epipe
run_case "C: full pipe, slow reader" c_slow
run_case "C: full pipe, slow reader, O_NONBLOCK" c_slow_nb
run_case "C: signals interrupting writes" c_signals
run_case "C: fork after first use" c_fork
run_case "C: 100 MB outputs" c_big
run_case "C: 100,000-deep nesting" c_deep

# ---- Python -----------------------------------------------------------------
py() { timeout 60 "$python" "$here/faults_py.py" "$@"; }
py_closed() { py closed_stdout >&-; rc_is $? 0; }
py_epipe() { py epipe_stdout | head -c 100 >/dev/null; rc_is "${PIPESTATUS[0]}" 0; }
py_deep() { py deep >"$work/out"; rc_is $? 0 && [ ! -s "$work/out" ]; }
py_big() {
  py big_payload | timeout 60 python3 "$here/check_big.py"
  local s=("${PIPESTATUS[@]}"); rc_is "${s[0]}" 0 && rc_is "${s[1]}" 0
}
# The reader starts half a second late, so writers block on a full pipe while
# SIGALRM fires; then every line must be intact.
py_signals() {
  py signals 4000 | { sleep 0.5; timeout 60 python3 "$check_stream" 0:4:4000; }
  local s=("${PIPESTATUS[@]}"); rc_is "${s[0]}" 0 && rc_is "${s[1]}" 0
}
py_fork() {
  py fork 3000 | timeout 60 python3 "$check_stream" 0:5:3000
  local s=("${PIPESTATUS[@]}"); rc_is "${s[0]}" 0 && rc_is "${s[1]}" 0
}

echo "faults: Python package"
if "$python" -c 'from kestra import Kestra' 2>/dev/null; then
  run_case "Python: stdout closed (OSError)" py_closed
  run_case "Python: EPIPE (BrokenPipeError)" py_epipe
  run_case "Python: full pipe + SIGALRM every 0.5 ms" py_signals
  run_case "Python: fork while threads write" py_fork
  run_case "Python: 100 MB outputs" py_big
  run_case "Python: 100,000-deep nesting (ValueError)" py_deep
else
  skip "Python package not importable with $python: Python cases NOT RUN"
fi

# ---- Node -------------------------------------------------------------------
nd() { timeout 60 node "$here/faults_node.js" "$@"; }
node_closed() { nd closed_stdout >&-; rc_is $? 0; }
# Node does not die of SIGPIPE; the call that meets the gone reader must throw
# an EPIPE error the script catches (not an unhandled 'error' event).
node_epipe() {
  nd epipe_stdout 2>"$work/err" | head -c 100 >/dev/null
  local rc=${PIPESTATUS[0]}
  cat "$work/err"
  rc_is "$rc" 0 && grep -q "caught EPIPE" "$work/err" && ! grep -q "Unhandled 'error' event" "$work/err"
}
node_deep() { nd deep >"$work/out"; rc_is $? 0 && [ ! -s "$work/out" ]; }
node_big() {
  nd big_payload | timeout 60 python3 "$here/check_big.py"
  local s=("${PIPESTATUS[@]}"); rc_is "${s[0]}" 0 && rc_is "${s[1]}" 0
}

echo "faults: Node package"
if node -e "require('$node_pkg')" 2>/dev/null; then
  run_case "Node: stdout closed" node_closed
  run_case "Node: EPIPE (reader exits early)" node_epipe
  run_case "Node: 100 MB outputs" node_big
  run_case "Node: 100,000-deep nesting (RangeError)" node_deep
else
  skip "Node package not loadable from $node_pkg: Node cases NOT RUN"
fi

# ---- kestra-emit ------------------------------------------------------------
sh_closed() { timeout 30 "$emit" counter rows 1 >&- 2>"$work/err"; local rc=$?; cat "$work/err"; rc_is $rc 1 && grep -q EBADF "$work/err"; }
sh_epipe() {
  seq 1 300000 | timeout 30 "$emit" log INFO - 2>"$work/err" | head -c 100 >/dev/null
  local rc=${PIPESTATUS[1]}; cat "$work/err"; rc_is "$rc" 1 && grep -q EPIPE "$work/err"
}
sh_big() {
  python3 "$here/check_big.py" --json | timeout 60 "$emit" outputs --json - | timeout 60 python3 "$here/check_big.py"
  local s=("${PIPESTATUS[@]}"); rc_is "${s[1]}" 0 && rc_is "${s[2]}" 0
}
sh_deep() {
  python3 -c 'print("{\"a\":" + "[" * 100000 + "]" * 100000 + "}")' |
    timeout 30 "$emit" outputs --json - >"$work/out" 2>"$work/err"
  local rc=${PIPESTATUS[1]}; cat "$work/err"
  rc_is "$rc" 2 && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" = 1 ] && grep -q "nested deeper" "$work/err"
}

echo "faults: kestra-emit"
if [ -n "$emit" ]; then
  run_case "kestra-emit: stdout closed (exit 1, EBADF)" sh_closed
  run_case "kestra-emit: EPIPE (exit 1)" sh_epipe
  run_case "kestra-emit: 100 MB outputs --json -" sh_big
  run_case "kestra-emit: 100,000-deep --json - (exit 2)" sh_deep
else
  skip "kestra-emit not found (set KESTRA_EMIT): shell cases NOT RUN"
fi

echo "faults: $passed passed, $failed failed, $skipped skipped ($((SECONDS - start)) s)"
# A skipped case is a case not run: it fails the suite unless the caller says
# skips are acceptable (KESTRA_ALLOW_SKIPS=1, see tests/RELIABILITY.md).
if [ "$skipped" -gt 0 ] && [ "${KESTRA_ALLOW_SKIPS:-0}" != 1 ]; then
  echo "faults: $skipped group(s) of cases skipped: failing (set KESTRA_ALLOW_SKIPS=1 to allow skips)"
  exit 1
fi
[ "$failed" -eq 0 ]
