#!/usr/bin/env bash
# The R suite: builds the source package (r/tools/build-tarball.sh) and runs
# R CMD check --no-manual on it, which installs it, runs the examples and
# testthat (every shared vector, the value and API tests); fails on any ERROR or
# WARNING. The checked package stays installed in build-r/kestra.Rcheck (a
# library for the R conformance producer and bench/r).
#
#   tests/r/run.sh [BUILD_DIR]     (default: build-r)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/${1:-build-r}"

# The Rd pages and NAMESPACE in r/ are roxygen2's output of the comments in r/R/:
# regenerate them in a copy and fail when the committed ones differ.
rm -rf "$out/roxygen" && mkdir -p "$out/roxygen" && cp -R "$root/r" "$out/roxygen/kestra"
(cd "$out/roxygen/kestra" && Rscript -e 'roxygen2::roxygenise(load_code = "source")' >/dev/null 2>&1)
if ! diff -r "$root/r/man" "$out/roxygen/kestra/man" || ! diff "$root/r/NAMESPACE" "$out/roxygen/kestra/NAMESPACE"; then
  echo "r/man or r/NAMESPACE is stale: run  (cd r && Rscript -e 'roxygen2::roxygenise(load_code = \"source\")')"
  exit 1
fi

tarball=$(bash "$root/r/tools/build-tarball.sh" "$out")
cd "$out"
# No network here: skip the check of the system clock against a time server.
export _R_CHECK_SYSTEM_CLOCK_=0 MAKEFLAGS="${MAKEFLAGS:--j2}"
status=0
R CMD check --no-manual "$tarball" >check.log 2>&1 || status=$?
cat check.log
grep -A6 '^shared vectors:' kestra.Rcheck/tests/testthat.Rout 2>/dev/null | grep -v '^>' || true
if [ "$status" -ne 0 ] || grep -q '^Status:.*\(ERROR\|WARNING\)' check.log; then
  [ -f kestra.Rcheck/tests/testthat.Rout.fail ] && tail -60 kestra.Rcheck/tests/testthat.Rout.fail
  echo "R CMD check failed"
  exit 1
fi
