#!/usr/bin/env bash
# Install tests of the release artifacts (scripts/package.sh -> dist/), outside
# the repository, in compiler-less Debian roots (tests/package/roots.sh):
#   bookworm (Debian 12, python3.11, nodejs 18) and trixie (Debian 13, python3.13, nodejs 20):
#     the wheel into a venv, offline, then the shared vectors through it (tests/python's pytest file);
#     the npm tarball with --ignore-scripts, offline, then the shared vectors (tests/node's runner);
#     kestra-emit through the shared vectors (tests/shell/run_vectors.py); the .deb with dpkg;
#   trixie: Bun and Deno (from npm) run the Node vectors against the installed tarball;
#   an empty root holding only kestra-emit: the shared vectors through it;
#   the wheels of the other CPythons (pyenv's), each in a venv under /tmp;
#   the sdist builds into a wheel in an empty folder outside the repository.
# Each root is entered with chroot in a private mount namespace and with no network
# (unshare --mount --net), so nothing from the repository or the registries can be reached.
# Usage: tests/package/run.sh          (builds dist/ first; KESTRA_SKIP_PACKAGE=1 uses it as is)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$root/dist
cache=${KESTRA_ROOT_CACHE:-/var/cache/kestra-sdk/roots}
version=$(cat "$root/VERSION")
source "$here/checks.sh"

if [ -z "${KESTRA_SKIP_PACKAGE:-}" ]; then
  bash "$root/scripts/package.sh" || { echo "package: scripts/package.sh failed"; exit 1; }
fi

check "every artifact has the version of VERSION and carries LICENSE" artifacts_are_complete
check "the sdist builds a working wheel in an empty folder outside the repository" sdist_builds_alone
for suite in bookworm trixie; do
  r=$(bash "$here/roots.sh" "$suite") || { fail "root $suite could not be made"; continue; }
  test_in_root "$suite" "$r"
done
for whl in "$dist"/kestra-"$version"-cp3*-manylinux*.whl; do
  v=$(basename "$whl" | sed -n 's/^kestra-[^-]*-cp3\([0-9]*\)-.*/3.\1/p')
  case "$v" in 3.11|3.13) continue ;; esac   # installed in the Debian roots above
  check "CPython $v: the wheel installs offline and runs the shared vectors (venv under /tmp)" wheel_on_host "$whl" "$v"
done
r=$(bash "$here/roots.sh" empty) && check "kestra-emit alone in an empty root: the shared vectors" emit_in_empty_root "$r"

summary
