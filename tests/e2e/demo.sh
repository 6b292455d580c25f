#!/usr/bin/env bash
# The demo on Kestra 2.0.0's embedded executor and worker: every example flow (examples/flows),
# rewritten for this embedded Kestra (src/test/java/e2e/DemoFlows.java: script plugins -> the
# project's e2e.Commands on the Process runner), runs; the demo prints per task what Kestra
# stored: state and duration, outputs with their Java types, metrics, logs. See README.md, "The demo".
#
#   tests/e2e/demo.sh        (bash scripts/demo.sh runs it after setup and the core's build)
#
# Builds what the flows' processes use, under target/ (each only when a source changed):
# venv-ours and node-ours (as run.sh: from dist/'s wheel and npm tarball when current, else from
# python/ and node/; it says which), demo/prefix (`cmake --install` of build/, always the
# repository's build: kestra-emit, libkestra, kestra.pc), demo/r-lib (the R package), demo/ruby (the gem's extension).
# Maven's output goes to target/demo/mvn.log; the demo's report to the terminal and
# target/demo/report.txt. Exit status: Maven's (1 when an example flow did not succeed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/common.sh"
mkdir -p target/demo

step() { echo "demo: $*" >&2; }
# kestra-emit, libkestra and kestra.pc where a package would put them (for the C/C++ flow's pkg-config).
[ -x "$root/build/shell/kestra-emit" ] || (cd "$root" && bash scripts/build_core.sh build) >&2
cmake --install "$root/build" --prefix target/demo/prefix >target/demo/install.log
# The R package, when R is there (the R flows are skipped, saying why, when it is not).
if command -v Rscript >/dev/null && { [ ! -f target/demo/r-lib/.installed ] ||
    [ -n "$(find "$root/r" "$root/core" -type f -newer target/demo/r-lib/.installed -print -quit)" ]; }; then
    step "installing the R package into target/demo/r-lib (compiles the core, about a minute)"
    rm -rf target/demo/r-lib && mkdir -p target/demo/r-lib
    tarball="$(bash "$root/r/tools/build-tarball.sh" target/demo/r-build | tail -1)"
    MAKEFLAGS=-j2 R CMD INSTALL --no-docs --no-html -l target/demo/r-lib "$tarball" >target/demo/r-install.log 2>&1
    touch target/demo/r-lib/.installed
fi
# The gem's native extension, when Ruby is there.
if command -v ruby >/dev/null; then
    step "building the Ruby gem's extension into target/demo/ruby"
    bash "$root/ruby/build_ext.sh" "$here/target/demo/ruby" >target/demo/ruby-build.log 2>&1
fi

step "starting Kestra (about 20 s warm), then running examples/flows/*.yaml"
set +e
mvn "${mvn_args[@]}" test -Dtest=Demo -Dsurefire.failIfNoSpecifiedTests=false >target/demo/mvn.log 2>&1 &
mvn_pid=$!
# The report lines, as they come (Kestra's own warnings stay in mvn.log).
tail -n +1 -F --pid="$mvn_pid" target/demo/mvn.log 2>/dev/null | sed -u -n 's/^demo| //p' | tee target/demo/report.txt
wait "$mvn_pid"
status=$?
if [ "$status" -ne 0 ]; then
    grep -q '^demo| ' target/demo/mvn.log || tail -40 target/demo/mvn.log >&2
    echo "demo: Maven exited with status $status (see tests/e2e/target/demo/mvn.log)" >&2
fi
exit "$status"
