#!/usr/bin/env bash
# Builds the libFuzzer targets into BUILD_DIR (default build-fuzz): the core's
# sources compiled once with ASan + UBSan and fuzzer coverage, linked with each
# target. Writes a small ninja file so a rebuild only redoes what changed.
# Usage: tests/fuzz/build.sh [BUILD_DIR]
# KESTRA_CORE_SRC=DIR builds against another copy of core/src (to try a fix).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-fuzz}
mkdir -p "$build"
src=${KESTRA_CORE_SRC:-$root/core/src}

cxx=${CXX_FUZZ:-clang++}
# UBSan must abort (not just print) so libFuzzer keeps the input as a crash.
flags="-std=c++17 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
flags+=" -DFMT_HEADER_ONLY -I$root/core/include -I$src"

{
  echo "cxx = $cxx"
  echo "flags = $flags"
  echo "rule cc"
  echo "  command = \$cxx \$flags -fsanitize=fuzzer-no-link -MMD -MF \$out.d -c \$in -o \$out"
  echo "  depfile = \$out.d"
  echo "  deps = gcc"
  echo "  description = compile \$in"
  echo "rule link"
  echo "  command = \$cxx \$flags -fsanitize=fuzzer \$in -o \$out -lsimdjson -lpthread"
  echo "  description = link \$out"
  core_objs=()
  for file in "$src"/*.cpp; do
    obj="obj/$(basename "${file%.cpp}").o"
    echo "build $obj: cc $file"
    core_objs+=("$obj")
  done
  for target in reader builder records check_line ion; do
    echo "build obj/fuzz_$target.o: cc $root/tests/fuzz/fuzz_$target.cpp"
    echo "build fuzz_$target: link obj/fuzz_$target.o ${core_objs[*]}"
  done
} >"$build/build.ninja"

ninja -C "$build" -j2 --quiet
