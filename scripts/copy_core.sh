#!/usr/bin/env bash
# Copies the core's sources into a package that compiles them itself (the Go module's
# go/internal/core, the Ruby gem's ext/), so each stands on its own outside this repository.
#
#   scripts/copy_core.sh DEST            copy core/src, kestra.h and the fmt headers into DEST
#   scripts/copy_core.sh DEST --check    exit 1 (listing the files) when DEST's copy of the
#                                        core differs from core/ (a stale copy)
#
# DEST receives core/src/*.cpp and *.hpp, include/kestra/*.h (the C headers), and include/fmt/ (fmt
# used header-only, as the core's CMake build does; copied from the system's libfmt-dev,
# with its licence). The fmt copy is not checked: it is a vendored dependency, not ours.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:?usage: copy_core.sh DEST [--check]}
mode=${2:-copy}

core_files() {  # the core's files, as paths relative to core/
  (cd "$root/core" && ls src/*.cpp src/*.hpp include/kestra/*.h)
}
target_of() {  # where a core file goes inside DEST
  case $1 in src/*) echo "$dest/${1#src/}" ;; *) echo "$dest/$1" ;; esac
}

if [[ $mode == --check ]]; then
  stale=0
  for f in $(core_files); do
    if ! cmp -s "$root/core/$f" "$(target_of "$f")"; then echo "stale or missing: $(target_of "$f")"; stale=1; fi
  done
  for f in "$dest"/*.cpp "$dest"/*.hpp; do  # a file the core no longer has
    [[ -e $f ]] || continue
    [[ -e $root/core/src/$(basename "$f") ]] || { echo "not in core/src any more: $f"; stale=1; }
  done
  ((stale == 0)) || echo "run: bash scripts/copy_core.sh $dest" >&2
  exit $stale
fi

# Copies only what differs, so builds that compile the copy stay incremental.
put() { cmp -s "$1" "$2" || cp "$1" "$2"; }
for f in "$dest"/*.cpp "$dest"/*.hpp; do  # files the core no longer has
  [[ -e $f && ! -e $root/core/src/$(basename "$f") ]] && rm -f "$f"
done
mkdir -p "$dest/include/kestra" "$dest/include/fmt"
for f in $(core_files); do put "$root/core/$f" "$(target_of "$f")"; done
for h in core.h format.h format-inl.h compile.h; do put /usr/include/fmt/$h "$dest/include/fmt/$h"; done
put /usr/share/doc/libfmt-dev/copyright "$dest/include/fmt/LICENSE"
