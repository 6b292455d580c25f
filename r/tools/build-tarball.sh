#!/usr/bin/env bash
# Builds the source package kestra_<version>.tar.gz from a staging copy of r/:
# the core's sources (core/src, core/include) and fmt's headers (from Debian's
# libfmt-dev, header-only in the core) are copied beside the glue in src/, and
# the shared vectors (and the context cases, the Ion files) into tests/testthat/vectors, so the tarball stands alone
# (R CMD INSTALL in the r-base image needs nothing else) while the repository
# keeps one copy of each file and nothing can go stale.
#
#   r/tools/build-tarball.sh OUTDIR     -> OUTDIR/kestra_<version>.tar.gz
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)   # r/
root=$(cd "$here/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
stage="$out/stage/kestra"

rm -rf "$out/stage"
mkdir -p "$stage"
cp -R "$here/." "$stage/"
mkdir -p "$stage/src/core/src" "$stage/src/core/include" "$stage/src/fmt/fmt" \
         "$stage/tests/testthat/vectors" "$stage/inst"
cp "$root"/core/src/*.cpp "$root"/core/src/*.hpp "$stage/src/core/src/"
cp -R "$root/core/include/kestra" "$stage/src/core/include/"
fmt_include=$(pkg-config --variable=includedir fmt 2>/dev/null || echo /usr/include)
cp "$fmt_include"/fmt/*.h "$stage/src/fmt/fmt/"
cp /usr/share/doc/libfmt-dev/copyright "$stage/inst/COPYRIGHTS.fmt"
cp "$root"/tests/vectors/*.json "$stage/tests/testthat/vectors/"
mkdir -p "$stage/tests/testthat/vectors/context"
cp -R "$root/tests/vectors/context/cases.json" "$root/tests/vectors/context/files" "$stage/tests/testthat/vectors/context/"
mkdir -p "$stage/tests/testthat/vectors/ion"
cp "$root"/tests/vectors/ion/*.ion "$root/tests/vectors/ion/expected.json" "$stage/tests/testthat/vectors/ion/"

objects=$(cd "$stage/src" && ls core/src/*.cpp | sed 's/\.cpp$/.o/' | tr '\n' ' ')
sed "s|@CORE_OBJECTS@|$objects|" "$here/src/Makevars.in" >"$stage/src/Makevars"

cd "$out"
R CMD build --no-build-vignettes "$stage" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
ls "$out"/kestra_*.tar.gz
