#!/usr/bin/env bash
# Builds the gem's native extension in place of `gem install`, for the tests and the
# benchmark: copies the core into ext/kestra (scripts/copy_core.sh), then mkmf and
# make in OUT (incremental), and puts the library at OUT/lib/kestra/kestra_ext.so, so
# `ruby -I ruby/lib -I OUT/lib` loads the gem from the source tree.
# Usage: bash ruby/build_ext.sh OUT
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: build_ext.sh OUT}
mkdir -p "$out/lib/kestra"
bash "$root/scripts/copy_core.sh" "$root/ruby/ext/kestra" >/dev/null
cd "$out"
# mkmf lists the sources when it writes the Makefile: write it again when a source is newer.
newer=
[[ -f Makefile ]] && newer=$(find "$root/ruby/ext/kestra" -maxdepth 1 -newer Makefile -name '*.[ch]*' | head -1)
[[ -f Makefile && -z $newer ]] || ruby "$root/ruby/ext/kestra/extconf.rb" >/dev/null
make -s -j2 >/dev/null
cp kestra_ext.so lib/kestra/kestra_ext.so
