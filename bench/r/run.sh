#!/usr/bin/env bash
# The R benchmark (not a test): kestra against cat(sprintf()) and jsonlite + cat().
#   bench/r/run.sh [ROUNDS] [SECONDS]
# Uses the R library KESTRA_R_LIB, else build-r/kestra.Rcheck (tests/r/run.sh), else
# builds the package and installs it into build-r/lib.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lib="${KESTRA_R_LIB:-$root/build-r/kestra.Rcheck}"
if ! Rscript -e 'library(kestra, lib.loc = commandArgs(TRUE)[1])' "$lib" >/dev/null 2>&1; then
  lib="$root/build-r/lib"
  mkdir -p "$lib"
  tarball=$(bash "$root/r/tools/build-tarball.sh" "$root/build-r")
  MAKEFLAGS="${MAKEFLAGS:--j2}" R CMD INSTALL -l "$lib" "$tarball" >"$root/build-r/install.log" 2>&1
fi
exec Rscript "$root/bench/r/bench.R" "$lib" "$@"
