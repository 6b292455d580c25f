#!/usr/bin/env bash
# The project's one version number lives in VERSION. CMake and python/pyproject.toml
# read that file; the few places whose tools need a literal (npm's package.json,
# the C header's macros, Python's __version__, the tests that print it) are
# stamped from it here.
#   scripts/version.sh check      exits 1, naming each file, if one disagrees with VERSION
#   scripts/version.sh set X.Y.Z  writes X.Y.Z into VERSION and every stamped place
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# file|sed expression that extracts the version written there|template writing it
places=(
  'node/package.json|s/^  "version": "\([^"]*\)",$/\1/p|s/^  "version": "[^"]*",$/  "version": "@V@",/'
  'python/src/kestra/__init__.py|s/^__version__ = "\([^"]*\)"$/\1/p|s/^__version__ = "[^"]*"$/__version__ = "@V@"/'
  'core/include/kestra/kestra.h|s/^#define KESTRA_VERSION_STRING "\([^"]*\)"$/\1/p|s/^#define KESTRA_VERSION_STRING "[^"]*"$/#define KESTRA_VERSION_STRING "@V@"/'
  'tests/shell/cases/version/stdout|s/^kestra-emit \(.*\)$/\1/p|s/^kestra-emit .*$/kestra-emit @V@/'
  'tests/shell/cases/version_short/stdout|s/^kestra-emit \(.*\)$/\1/p|s/^kestra-emit .*$/kestra-emit @V@/'
  'r/DESCRIPTION|s/^Version: \(.*\)$/\1/p|s/^Version: .*$/Version: @V@/'
  'ruby/lib/kestra/version.rb|s/^  VERSION = "\([^"]*\)"$/\1/p|s/^  VERSION = "[^"]*"$/  VERSION = "@V@"/'
  'tests/python/test_package.py|s/^    assert kestra.__version__ == "\([^"]*\)"$/\1/p|s/^    assert kestra.__version__ == "[^"]*"$/    assert kestra.__version__ == "@V@"/'
)

header_numbers() {  # MAJOR.MINOR.PATCH from kestra.h's three macros
  local h=core/include/kestra/kestra.h
  printf '%s.%s.%s\n' "$(sed -n 's/^#define KESTRA_VERSION_MAJOR \([0-9]*\)$/\1/p' $h)" \
    "$(sed -n 's/^#define KESTRA_VERSION_MINOR \([0-9]*\)$/\1/p' $h)" \
    "$(sed -n 's/^#define KESTRA_VERSION_PATCH \([0-9]*\)$/\1/p' $h)"
}

case "${1:-}" in
  check)
    want=$(cat VERSION); bad=0
    for p in "${places[@]}"; do
      IFS='|' read -r file extract _ <<<"$p"
      got=$(sed -n "$extract" "$file" | head -1)
      if [ "$got" != "$want" ]; then echo "version: $file says '$got', VERSION says '$want'" >&2; bad=1; fi
    done
    core=${want%%[-+]*}   # the macros hold the numeric part only
    if [ "$(header_numbers)" != "$core" ]; then
      echo "version: kestra.h's MAJOR/MINOR/PATCH say $(header_numbers), VERSION says $want" >&2; bad=1
    fi
    exit $bad ;;
  set)
    new=${2:?usage: scripts/version.sh set X.Y.Z}
    [[ $new =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || { echo "version: '$new' is not X.Y.Z" >&2; exit 2; }
    echo "$new" > VERSION
    for p in "${places[@]}"; do
      IFS='|' read -r file _ template <<<"$p"
      sed -i "${template//@V@/$new}" "$file"
    done
    sed -i -e "s/^#define KESTRA_VERSION_MAJOR [0-9]*$/#define KESTRA_VERSION_MAJOR ${BASH_REMATCH[1]}/" \
           -e "s/^#define KESTRA_VERSION_MINOR [0-9]*$/#define KESTRA_VERSION_MINOR ${BASH_REMATCH[2]}/" \
           -e "s/^#define KESTRA_VERSION_PATCH [0-9]*$/#define KESTRA_VERSION_PATCH ${BASH_REMATCH[3]}/" \
           core/include/kestra/kestra.h
    "$0" check && echo "version: $new everywhere" ;;
  *) echo "usage: scripts/version.sh check | set X.Y.Z" >&2; exit 2 ;;
esac
