#!/usr/bin/env bash
# Makes (once) and prints the path of a compiler-less Debian root for the install
# tests: debootstrap --variant=minbase with only python3, python3-venv and nodejs,
# plus npm's own tarball from the npm registry (Debian's npm package pulls hundreds
# of node-* packages). Roots are cached outside the clone, so later runs, and CI
# in a fresh clone on the same machine, reuse them.
#   tests/package/roots.sh bookworm|trixie|empty
# Environment: KESTRA_ROOT_CACHE (default /var/cache/kestra-sdk/roots),
#              KESTRA_DEBIAN_MIRROR (default the Debian archive).
set -euo pipefail
suite=$1
cache=${KESTRA_ROOT_CACHE:-/var/cache/kestra-sdk/roots}
mirror=${KESTRA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
npm_version=10.9.2     # runs on Node 18.17+ (bookworm has 18.19, trixie 20)
# Bump when the recipe below changes, so cached roots are made again.
recipe=1
root=$cache/$suite
stamp=$root/.kestra-root-$recipe

mkdir -p "$cache"
exec 9>"$cache/.$suite.lock"
flock 9            # two runs at once wait for one build
if [ -e "$stamp" ]; then echo "$root"; exit 0; fi
rm -rf "$root" "$root.tmp"

if [ "$suite" = empty ]; then   # nothing at all: kestra-emit must need nothing
  mkdir -p "$root.tmp"
else
  command -v debootstrap >/dev/null || { echo "roots: debootstrap is missing (scripts/setup.sh installs it)" >&2; exit 1; }
  echo "roots: debootstrap $suite into $root (first run only, a few minutes)" >&2
  debootstrap --variant=minbase --include=python3,python3-venv,nodejs,ca-certificates \
    "$suite" "$root.tmp" "$mirror" >"$cache/$suite.log" 2>&1 \
    || { tail -20 "$cache/$suite.log" >&2; exit 1; }
  # npm from its own registry tarball (all of npm's dependencies are bundled in it).
  npm_dir=$(mktemp -d)
  (cd "$npm_dir" && npm pack --silent "npm@$npm_version" >/dev/null)
  mkdir -p "$root.tmp/opt/npm"
  tar -xzf "$npm_dir"/npm-*.tgz -C "$root.tmp/opt/npm" --strip-components=1
  rm -rf "$npm_dir"
  ln -sf /opt/npm/bin/npm-cli.js "$root.tmp/usr/local/bin/npm"
  chmod +x "$root.tmp/opt/npm/bin/npm-cli.js"
  rm -rf "$root.tmp"/var/cache/apt/archives/*.deb
  # The point of these roots: no compiler, no cmake.
  for tool in cc gcc g++ c++ clang cmake make; do
    if chroot "$root.tmp" sh -c "command -v $tool" >/dev/null 2>&1; then
      echo "roots: $suite unexpectedly has $tool" >&2; exit 1
    fi
  done
fi
touch "$root.tmp/.kestra-root-$recipe"
mv "$root.tmp" "$root"
echo "$root"
