#!/usr/bin/env bash
# Runs each demo in examples/scripts and shows what Kestra would record from its output:
# Outputs, Metrics and Logs, as an execution page lists them.
#
#   bash examples/run_demo.sh BUILD_DIR      (BUILD_DIR: a CMake build of this repository)
#
# Each line is read by Kestra's own parser when the conformance harness is built
# (bash tests/conformance/run.sh), otherwise by the core's, through `kestra-emit show`
# (examples/show_records.py's own reading of docs/PROTOCOL.md when kestra-emit is not built). A language whose package is not built yet is skipped with a notice;
# a demo that fails, or a line Kestra would not record, makes the exit status 1.
# NO_HARNESS=1 uses our reading even when the harness exists.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
scripts=$here/scripts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

harness=$root/tests/conformance/target/harness
if [ "${NO_HARNESS:-0}" != 1 ] && [ -x "$harness" ] && version=$("$harness" --version 2>/dev/null); then
  echo "Read by: Kestra $version's own parser (io.kestra:core, tests/conformance harness)"
else
  [ "${NO_HARNESS:-0}" = 1 ] || [ ! -e "$harness" ] || echo "note: the conformance harness does not run; using our reading"
  harness=
  echo "Read by: our reading of docs/PROTOCOL.md Part 1 (kestra-emit show), not Kestra's parser" \
       "(for Kestra's: bash tests/conformance/run.sh)"
fi

ran=0 skipped=0 failed=0
skip() { printf '\n== %s: skipped: %s\n' "$1" "$2"; skipped=$((skipped + 1)); }
fail() { echo "  ✗ $1"; failed=$((failed + 1)); }

# demo NAME COMMAND...: runs COMMAND in a scratch directory and shows its records.
demo() {
  local name=$1 status
  shift
  printf '\n== %s\n' "$name"
  ran=$((ran + 1))
  (cd "$work" && "$@") >"$work/stdout" 2>"$work/stderr"
  status=$?
  if [ -z "$harness" ] && [ -x "$build/shell/kestra-emit" ]; then  # the core's reading, as a user runs it
    NO_COLOR=1 "$build/shell/kestra-emit" show "$work/stdout" --stderr "$work/stderr" | sed 's/^/  /' ||
      fail "$name: not every line is recorded as meant (see above)"
  else
    python3 "$here/show_records.py" "$work/stdout" --stderr "$work/stderr" ${harness:+--harness "$harness"} ||
      fail "$name: not every line is recorded as meant (see above)"
  fi
  if [ "$status" -eq 0 ]; then
    echo "  exit 0: the task succeeds"
  else
    fail "$name exited with status $status: Kestra marks the task FAILED"
  fi
}

# Python: our package installed in the repository's virtual environment.
py=$root/.venv/bin/python
if [ ! -x "$py" ]; then
  skip python "no $root/.venv (bash scripts/setup.sh)"
elif ! "$py" -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("kestra") is None)'; then
  skip python "kestra is not installed in .venv (.venv/bin/pip install ./python)"
else
  demo "python: examples/scripts/demo.py" "$py" "$scripts/demo.py"
fi

# Node: the package as a dependency of the scratch directory, as `npm install <repo>/node` links it.
if ! command -v node >/dev/null; then
  skip node "no node on PATH"
elif ! ls "$root"/node/*.node >/dev/null 2>&1; then
  skip node "the addon is not built (cd node && npm install)"
else
  mkdir -p "$work/node_modules/@kestra-io"
  ln -sfn "$root/node" "$work/node_modules/@kestra-io/libs"
  cp "$scripts/demo.js" "$scripts/demo.mjs" "$work/"
  demo "node (CommonJS): examples/scripts/demo.js" node demo.js
  demo "node (ES module): examples/scripts/demo.mjs" node demo.mjs
fi

# Shell: kestra-emit from the build.
if [ ! -x "$build/shell/kestra-emit" ]; then
  skip shell "no $build/shell/kestra-emit (not built in this BUILD_DIR)"
else
  demo "shell: examples/scripts/demo.sh (kestra-emit)" env PATH="$build/shell:$PATH" bash "$scripts/demo.sh"
fi

# R: the package installed by tests/r/run.sh (build-r/kestra.Rcheck) or scripts/demo.sh (build-r/lib).
r_lib=
for d in "${KESTRA_R_LIB:-}" "$root/build-r/lib" "$root/build-r/kestra.Rcheck"; do
  [ -n "$d" ] && [ -d "$d/kestra" ] && { r_lib=$d; break; }
done
if ! command -v Rscript >/dev/null; then
  skip R "no Rscript on PATH"
elif [ -z "$r_lib" ]; then
  skip R "the R package is not installed (bash tests/r/run.sh)"
else
  demo "R: examples/scripts/demo.R (library(kestra))" env R_LIBS="$r_lib" Rscript "$scripts/demo.R"
fi

# Go: a scratch module whose go.mod points at <repo>/go (cgo compiles the core's copy, cached).
if ! PATH=$PATH:/usr/local/go/bin command -v go >/dev/null; then
  skip go "no go on PATH"
else
  mkdir -p "$work/godemo"
  cp "$scripts/demo.go" "$work/godemo/"
  printf 'module demo\n\ngo 1.23\n\nrequire github.com/kestra-io/kestra-sdk/go v0.0.0\n\nreplace github.com/kestra-io/kestra-sdk/go => %s/go\n' \
    "$root" >"$work/godemo/go.mod"
  demo "go: examples/scripts/demo.go" env PATH="$PATH:/usr/local/go/bin" GOTOOLCHAIN=local GOFLAGS=-mod=mod \
    sh -c 'cd godemo && go run .'
fi

# Ruby: the gem from the source tree, its extension built into build-ruby/ (ruby/build_ext.sh).
if ! command -v ruby >/dev/null; then
  skip ruby "no ruby on PATH"
elif ! bash "$root/ruby/build_ext.sh" "$root/build-ruby" >"$work/ruby-build.log" 2>&1; then
  printf '\n== ruby: examples/scripts/demo.rb\n'
  tail -5 "$work/ruby-build.log" | sed 's/^/  /'
  fail "the gem's extension does not compile (bash ruby/build_ext.sh build-ruby)"
else
  demo "ruby: examples/scripts/demo.rb" ruby -I"$root/ruby/lib" -I"$root/build-ruby/lib" "$scripts/demo.rb"
fi

# C and C++: compiled here against the static core.
lib=$build/core/libkestra.a
if [ ! -f "$lib" ]; then
  skip "C and C++" "no $lib (build the core first)"
else
  # compiled NAME COMPILER STD SOURCE: compiles, then runs the demo; a compile error fails.
  # The core is C++: a C program links the C++ runtime (-lstdc++).
  compiled() {
    local name=$1 exe=$work/$(basename "$4" | tr . _)
    if "$2" "$3" -Wall -Wextra -I"$root/core/include" "$4" "$lib" -lpthread -lstdc++ -lm \
         -o "$exe" 2>"$work/cc.log"; then
      demo "$name" "$exe"
    else
      printf '\n== %s\n' "$name"
      sed 's/^/  /' "$work/cc.log"
      fail "$name does not compile"
    fi
  }
  compiled "C: examples/scripts/demo.c (kestra.h)" cc -std=c99 "$scripts/demo.c"
  compiled "C++: examples/scripts/demo.cpp (kestra.hpp)" c++ -std=c++17 "$scripts/demo.cpp"
fi

printf '\n%d demos run, %d skipped, %d failed\n' "$ran" "$skipped" "$failed"
[ "$failed" -eq 0 ]
