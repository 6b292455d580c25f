#!/usr/bin/env bash
# Ruby counter benchmark (bench.rb): builds the native extension and, for the
# ruby-ffi comparison, libkestra.so, from the core's sources, into build-bench/ruby.
# Usage: bash bench/ruby/run.sh [ROUNDS] [SECONDS_PER_RUN]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build-bench/ruby
bash "$root/ruby/build_ext.sh" "$out"
if [[ ! -f $out/libkestra.so || -n $(find "$root/core" -newer "$out/libkestra.so" -print -quit) ]]; then
  c++ -std=c++17 -O2 -shared -fPIC -fvisibility=hidden -DKESTRA_BUILDING -DFMT_HEADER_ONLY=1 \
    -I"$root/core/include" -I"$root/ruby/ext/kestra/include" "$root"/core/src/*.cpp -o "$out/libkestra.so" -pthread
fi
KESTRA_LIBRARY=$out/libkestra.so ruby -I"$root/ruby/lib" -I"$out/lib" "$root/bench/ruby/bench.rb" "$@" | cat >/dev/null
