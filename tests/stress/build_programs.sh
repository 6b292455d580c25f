#!/usr/bin/env bash
# Builds the native programs of the stress and fault tests into BUILD_DIR
# (default build-reliability): the core's sources compiled once (g++ -O2, as
# shipped), linked into the C++ stress writer and the C fault program.
# A small ninja file keeps rebuilds to what changed.
# Usage: tests/stress/build_programs.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-reliability}
mkdir -p "$build"
{
  echo "inc = -I$root/core/include -I$root/core/src"
  echo "rule cxx"
  echo "  command = g++ -std=c++17 -O2 -g -pthread -DFMT_HEADER_ONLY \$inc -MMD -MF \$out.d -c \$in -o \$out"
  echo "  depfile = \$out.d"
  echo "  deps = gcc"
  echo "rule cc"
  echo "  command = gcc -std=c99 -O2 -g -pthread -Wall -Wextra -D_GNU_SOURCE \$inc -MMD -MF \$out.d -c \$in -o \$out"
  echo "  depfile = \$out.d"
  echo "  deps = gcc"
  echo "rule link"
  echo "  command = g++ -pthread \$in -o \$out"
  objs=()
  for src in "$root"/core/src/*.cpp; do
    obj="obj/$(basename "${src%.cpp}").o"
    echo "build $obj: cxx $src"
    objs+=("$obj")
  done
  echo "build obj/stress_writer.o: cxx $root/tests/stress/stress_writer.cpp"
  echo "build stress_writer: link obj/stress_writer.o ${objs[*]}"
  echo "build obj/faults.o: cc $root/tests/faults/faults.c"
  echo "build faults: link obj/faults.o ${objs[*]}"
} >"$build/build.ninja"
ninja -C "$build" -j2 --quiet
