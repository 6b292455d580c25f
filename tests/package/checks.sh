# Sourced by tests/package/run.sh: the checks, and the count printed at the end.
# Uses $root (repository), $dist, $cache (roots) and $version from run.sh.
passed=0 failed=0 failures=()
tools=${cache%/*}/tools     # registry downloads the tests reuse (pytest wheels, bun, deno)

check() {  # check NAME COMMAND...: runs one check, counts it, goes on
  local name=$1; shift
  local out; out=$(mktemp)
  if "$@" >"$out" 2>&1; then
    passed=$((passed + 1)); echo "ok: $name"
    # The runner's own count (pytest's, node's, ...) as evidence, when it printed one.
    grep -E '^# (pass|fail) |[0-9]+ passed|[0-9]+ pass$|Ran [0-9]+ tests|^added ' "$out" | tail -3 | cut -c1-140 | sed 's/^/    /'
  else
    failed=$((failed + 1)); failures+=("$name"); echo "FAILED: $name"; tail -30 "$out" | sed 's/^/    /'
  fi
  rm -f "$out"
}
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAILED: $1"; }
summary() {
  echo
  for f in "${failures[@]}"; do echo "failed: $f"; done
  echo "install: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# in_root ROOT COMMAND...: COMMAND inside ROOT (chroot), in a private mount
# namespace (its /proc and /dev vanish with it) and with no network at all.
in_root() {
  local r=$1; shift
  unshare --mount --net --fork -- /bin/sh -c '
    r=$1; shift
    mount -t proc proc "$r/proc" && mount --bind /dev "$r/dev" &&
    exec chroot "$r" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C.UTF-8 "$@"
  ' sh "$r" "$@"
}

# output_has PATTERN COMMAND...: COMMAND's whole output matches the grep PATTERN
# (read to the end, so no writer dies of a closed pipe).
output_has() {
  local pattern=$1 out; shift
  out=$("$@") || return 1
  grep -q -- "$pattern" <<<"$out"
}

artifacts_are_complete() {
  local a missing=0
  for a in "kestra-$version.tar.gz" "kestra-io-libs-$version.tgz" "kestra-sdk_${version}_amd64.deb" \
           "kestra-sdk-$version-Linux-x86_64.tar.gz" kestra-emit; do
    [ -e "$dist/$a" ] || { echo "missing: dist/$a"; missing=1; }
  done
  ls "$dist"/kestra-"$version"-cp311-*manylinux_2_28_x86_64.whl "$dist"/kestra-"$version"-cp313-*manylinux_2_28_x86_64.whl || missing=1
  [ $missing -eq 0 ] || return 1
  output_has "^kestra-$version/LICENSE$" tar -tzf "$dist/kestra-$version.tar.gz" || { echo "sdist: no LICENSE"; return 1; }
  output_has "^kestra-$version/third_party/fmt/include/fmt/format.h$" tar -tzf "$dist/kestra-$version.tar.gz" || { echo "sdist: no fmt"; return 1; }
  output_has "^package/LICENSE$" tar -tzf "$dist/kestra-io-libs-$version.tgz" || { echo "npm: no LICENSE"; return 1; }
  output_has "^package/prebuilds/linux-x64/kestra.node$" tar -tzf "$dist/kestra-io-libs-$version.tgz" || { echo "npm: no prebuilt"; return 1; }
  output_has '"version": "'"$version"'"' tar -xzOf "$dist/kestra-io-libs-$version.tgz" package/package.json || { echo "npm: version"; return 1; }
  output_has "/share/doc/kestra/LICENSE$" tar -tzf "$dist/kestra-sdk-$version-Linux-x86_64.tar.gz" || { echo "tar.gz: no LICENSE"; return 1; }
  output_has "/usr/share/doc/kestra/LICENSE$" dpkg-deb -c "$dist/kestra-sdk_${version}_amd64.deb" || { echo "deb: no LICENSE"; return 1; }
  [ "$(dpkg-deb -f "$dist/kestra-sdk_${version}_amd64.deb" Version)" = "$version" ] || { echo "deb: version"; return 1; }
  output_has 'statically linked' file "$dist/kestra-emit" || { echo "kestra-emit is not static"; return 1; }
  output_has "^kestra-emit $version$" "$dist/kestra-emit" --version || { echo "kestra-emit: version"; return 1; }
  local whl tag so=$tools/.core.so
  mkdir -p "$tools"
  for whl in "$dist"/kestra-"$version"-cp3*.whl; do
    output_has "dist-info/licenses/LICENSE[[:space:]]" python3 -m zipfile -l "$whl" || { echo "no LICENSE in $whl"; return 1; }
    # auditwheel's verdict: the newest glibc the wheel's symbols need, at most 2.28.
    tag=$("$root/.venv/bin/python" -m auditwheel show "$whl" | tr -d '\n' | sed -n 's/.*consistent with *the following platform tag: *"manylinux_2_\([0-9]*\)_x86_64".*/\1/p')
    [ -n "$tag" ] && [ "$tag" -le 28 ] || { echo "auditwheel: $whl is not manylinux_2_28 or older"; return 1; }
    # The extension must not need the target's C++ runtime.
    python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1])
sys.stdout.buffer.write(z.read(next(n for n in z.namelist() if n.startswith("kestra/_core"))))' "$whl" >"$so" || return 1
    ! output_has 'libstdc++\|libgcc_s' readelf -d "$so" || { echo "$whl needs libstdc++/libgcc_s"; return 1; }
  done
  rm -f "$so"
}

# pytest's wheels for CPython X.Y, pip-downloaded on this machine by that CPython
# (so that markers such as python_version < "3.11" are judged for it), cached.
pytest_wheels() {
  local v=$1 dir=$tools/pytest-cp$1 interp
  interp=$(ls "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v" 2>/dev/null | head -1)
  [ -x "$interp" ] || interp=$(command -v "python$v") || { echo "no CPython $v here to fetch pytest for it" >&2; return 1; }
  [ -e "$dir/.done" ] || {
    rm -rf "$dir" && mkdir -p "$dir" && "$interp" -m pip download -q --disable-pip-version-check \
      --only-binary=:all: -d "$dir" "pytest>=8" && touch "$dir/.done"
  } >&2
  echo "$dir"
}

sdist_builds_alone() {
  local tmp; tmp=$(mktemp -d /tmp/kestra-sdist.XXXXXX)
  tar -xzf "$dist/kestra-$version.tar.gz" -C "$tmp"
  # With the host's compiler (an sdist is for where a compiler exists), from a folder
  # with nothing else in it, and with the host's fmt hidden: the sdist's own copy is used.
  # ccache (when there) with paths relative to the folder: the next run's folder hits.
  local launch=""; command -v ccache >/dev/null && launch=";-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
  python3 -m venv "$tmp/venv" && CMAKE_BUILD_PARALLEL_LEVEL=2 CCACHE_BASEDIR=$tmp \
    CCACHE_DIR=${KESTRA_CCACHE_DIR:-/var/cache/kestra-sdk/ccache} \
    SKBUILD_CMAKE_ARGS="-DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON$launch" \
    "$tmp/venv/bin/pip" install -q --disable-pip-version-check "$tmp/kestra-$version" \
    && (cd "$tmp" && venv/bin/python -c 'from kestra import Kestra; Kestra.counter("rows", 1)') \
    | grep -qx '::{"metrics":\[{"name":"rows","type":"counter","value":1,"tags":{}}\]}::'
  local rc=$?; rm -rf "$tmp"; return $rc
}

# Bun and Deno from npm: their binaries ship inside the registry's per-platform
# packages, taken with `npm pack` (no install scripts), cached. Prints the folder.
bun_version=1.4.5 deno_version=2.9.6
js_runtimes() {
  local dir=$tools/js-runtimes-$bun_version-$deno_version
  [ -e "$dir/.done" ] || {
    rm -rf "$dir" && mkdir -p "$dir" && (cd "$dir" &&
      npm pack --silent "@oven/bun-linux-x64@$bun_version" "@deno/linux-x64-glibc@$deno_version" >/dev/null &&
      tar -xzf oven-bun-linux-x64-*.tgz --strip-components=2 package/bin/bun &&
      tar -xzf deno-linux-x64-glibc-*.tgz --strip-components=1 package/deno &&
      rm -f ./*.tgz && ./bun --version && ./deno --version) && touch "$dir/.done"
  } >&2
  echo "$dir"
}

# The wheels of the CPythons that no root has (3.9, 3.10, 3.12 here), each in a venv
# under /tmp with that interpreter (pyenv's, else the system's python3.X), offline: the shared vectors through it.
wheel_on_host() {
  local whl=$1 v=$2 interp tmp
  interp=$(ls "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v" 2>/dev/null | head -1)
  [ -x "$interp" ] || interp=$(command -v "python$v") || { echo "no CPython $v on this machine"; return 1; }
  tmp=$(mktemp -d /tmp/kestra-wheel.XXXXXX)
  mkdir -p "$tmp/tests/python" && cp -r "$root/tests/vectors" "$tmp/tests/vectors" \
    && cp "$root"/tests/python/{conftest.py,helpers.py,vectors.py,test_vectors.py} "$tmp/tests/python/" \
    && "$interp" -m venv "$tmp/venv" \
    && "$tmp/venv/bin/pip" install -q --disable-pip-version-check --no-index --only-binary=:all: \
         --find-links "$(pytest_wheels "$v")" "$whl" pytest \
    && (cd "$tmp/tests/python" && ../../venv/bin/python -m pytest -q -p no:cacheprovider test_vectors.py)
  local rc=$?; rm -rf "$tmp"; return $rc
}

test_in_root() {
  local suite=$1 r=$2 k=/tmp/kestra-install-test
  local t=$r$k
  rm -rf "$t"; mkdir -p "$t/wheels" "$t/tests/python" "$t/tests/node" "$t/tests/shell" "$t/bin"
  local py; py=$(in_root "$r" python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  cp "$dist"/kestra-"$version"-cp"${py/./}"-*.whl "$t/wheels/" || { fail "$suite: no wheel for CPython $py"; return; }
  cp "$(pytest_wheels "$py")"/*.whl "$t/wheels/"
  cp -r "$root/tests/vectors" "$t/tests/vectors"
  cp "$root"/tests/python/{conftest.py,helpers.py,vectors.py,test_vectors.py} "$t/tests/python/"
  cp "$root"/tests/node/{vectors.test.js,capture.js,same_bytes.js} "$t/tests/node/"
  cp "$root/tests/shell/run_vectors.py" "$t/tests/shell/"
  cp "$here/deb_checks.sh" "$t/"
  cp "$dist/kestra-io-libs-$version.tgz" "$dist/kestra-sdk_${version}_amd64.deb" "$dist/kestra-emit" "$t/"

  check "$suite: pip installs the wheel offline into a venv (CPython $py, no compiler)" \
    in_root "$r" sh -c "cd $k && python3 -m venv venv && venv/bin/pip install -q --no-index --only-binary=:all: --find-links wheels kestra pytest"
  check "$suite: the shared vectors through the installed wheel (tests/python/test_vectors.py)" \
    in_root "$r" sh -c "cd $k/tests/python && ../../venv/bin/python -m pytest -q -p no:cacheprovider test_vectors.py"
  check "$suite: npm installs the tarball offline with --ignore-scripts (node $(in_root "$r" node --version))" \
    in_root "$r" sh -c "cd $k/tests/node && npm install --offline --ignore-scripts --no-audit --no-fund ../../kestra-io-libs-$version.tgz"
  check "$suite: the shared vectors through the installed tarball (tests/node/vectors.test.js)" \
    in_root "$r" sh -c "cd $k/tests/node && node --test vectors.test.js"
  check "$suite: the shared vectors through the static kestra-emit (tests/shell/run_vectors.py)" \
    in_root "$r" python3 "$k/tests/shell/run_vectors.py" "$k/kestra-emit" "$k/tests/vectors"
  check "$suite: dpkg -i the .deb: kestra-emit, libkestra.so through ctypes, pkg-config and CMake files" \
    in_root "$r" sh -c "dpkg -i $k/kestra-sdk_${version}_amd64.deb >/dev/null && sh $k/deb_checks.sh $version; rc=\$?; dpkg -r kestra-sdk >/dev/null; exit \$rc"
  if [ "$suite" = trixie ]; then
    local js; js=$(js_runtimes) || { fail "bun and deno could not be installed from npm"; return; }
    cp "$js/bun" "$js/deno" "$t/bin/"
    # Deno reads a .js file as CommonJS when the nearest package.json says so.
    in_root "$r" sh -c "cd $k/tests/node && node -e 'const f=\"package.json\",p=require(\"./\"+f);p.type=\"commonjs\";require(\"fs\").writeFileSync(f,JSON.stringify(p))'"
    check "$suite: Bun $("$t/bin/bun" --version) runs the Node vectors against the installed tarball" \
      in_root "$r" sh -c "cd $k/tests/node && NO_COLOR=1 $k/bin/bun test --timeout 120000 ./vectors.test.js"
    check "$suite: Deno $("$t/bin/deno" --version | head -1 | cut -d' ' -f2) runs the Node vectors against the installed tarball" \
      in_root "$r" sh -c "cd $k/tests/node && NO_COLOR=1 DENO_NO_UPDATE_CHECK=1 $k/bin/deno test --allow-all --no-check ./vectors.test.js"
  fi
  rm -rf "$t"
}

# kestra-emit alone in a root that holds nothing else: the shared vectors, run
# from here by tests/shell/run_vectors.py through a wrapper that enters the root.
emit_in_empty_root() {
  local r=$1
  rm -rf "${r:?}"/*; install -m 755 "$dist/kestra-emit" "$r/kestra-emit"
  local wrapper; wrapper=$(mktemp /tmp/kestra-emit-empty.XXXXXX)
  printf '#!/bin/sh\nexec unshare --net chroot %s /kestra-emit "$@"\n' "$r" >"$wrapper"; chmod +x "$wrapper"
  [ "$(ls -A "$r" | grep -v '^\.kestra-root')" = kestra-emit ] \
    && python3 "$root/tests/shell/run_vectors.py" "$wrapper" "$root/tests/vectors"
  local rc=$?; rm -f "$wrapper"; return $rc
}
