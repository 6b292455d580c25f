#!/usr/bin/env bash
# Conformance: build the JVM harness (io.kestra:core from Maven Central) and check that
# Kestra's own parser reads every shared vector line as the vector means it; then the
# cross-language runner: every vector through C, C++, Python, Node, kestra-emit, R, Go and Ruby, the
# same bytes in each, read by Kestra as meant (cross_language.py; needs those built); then
# kestra-emit show's reading of each line against Kestra's (summary_vs_kestra.py); then a file
# written by Kestra's own FileSerde read back by kestra-emit, Python, Node, R, Go and Ruby
# (ion_check.py, with the readers in readers/, built or located here).
#
#   tests/conformance/run.sh            build if needed, then check tests/vectors/*.json + samples.txt,
#                                       then run cross_language.py
#   tests/conformance/run.sh -v         also list each passing case (and why vectors are not expressible)
#
# Environment:
#   CONFORMANCE_JAVA_HOME   JDK to use (needs Java 25+ for io.kestra:core 2.x); default: found below
#   KESTRA_VERSION          io.kestra:core version to test (default: the one in pom.xml)
#   MAVEN_REPO_LOCAL        Maven local repository (default: Maven's, ~/.m2/repository); cache it in CI
#   CONFORMANCE_SKIP_NO_JDK=1  exit 0 with a notice instead of failing when no suitable JDK exists
#   KESTRA_BUILD_DIR        core build folder with core/libkestra.a and shell/kestra-emit (default: build)
#   KESTRA_VENV             venv with the Python package (default: .venv, as tests/python/run.sh)
#   KESTRA_R_LIB            R library with the R package (default: build-r/kestra.Rcheck, as tests/r/run.sh)
#   CONFORMANCE_ALLOW_MISSING=1  cross_language.py skips a language that is not built instead of failing,
#                               and ion_check.py a language whose toolchain is missing (never when CI=true)
#   CI=true                     (set by CI services) every Ion column must run: a missing one fails
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
MIN_JAVA=25

# shellcheck source=../../scripts/find_jdk.sh
source "$here/../../scripts/find_jdk.sh"

if ! jdk="$(find_jdk "$MIN_JAVA" "${CONFORMANCE_JAVA_HOME:-}")"; then
    echo "conformance: no JDK >= $MIN_JAVA found (io.kestra:core 2.x needs Java $MIN_JAVA);" \
         "set CONFORMANCE_JAVA_HOME, or install one (e.g. Temurin 25)" >&2
    if [ "${CONFORMANCE_SKIP_NO_JDK:-0}" = 1 ]; then echo "conformance: skipped"; exit 0; fi
    exit 1
fi
export JAVA_HOME="$jdk"
# Maven 3.8 on JDK 24+ warns about sun.misc.Unsafe on every run; that is noise here.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

mvn_args=(-B -q -Dstyle.color=never)
[ -n "${MAVEN_REPO_LOCAL:-}" ] && mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
[ -n "${KESTRA_VERSION:-}" ] && mvn_args+=("-Dkestra.version=$KESTRA_VERSION")

launcher="target/harness"
stamp="target/build.stamp"
want_stamp="$jdk ${KESTRA_VERSION:-pom} ${MAVEN_REPO_LOCAL:-}"

needs_build() {
    [ -x "$launcher" ] && [ -f target/classpath.txt ] && [ -f "$stamp" ] || return 0
    [ "$(cat "$stamp")" = "$want_stamp" ] || return 0
    [ -z "$(find pom.xml src -newer "$launcher" -print -quit)" ] || return 0
    # every jar on the class path still in the local repository
    local jar
    while IFS= read -r jar; do [ -f "$jar" ] || return 0; done < <(tr ':' '\n' < target/classpath.txt)
    return 1
}

if needs_build; then
    start=$SECONDS
    mkdir -p target
    # Offline first (everything cached in the local repository); online only when something is missing.
    if ! mvn -o "${mvn_args[@]}" package >target/mvn-offline.log 2>&1; then
        echo "conformance: fetching io.kestra:core and its dependencies from Maven Central (first run)..."
        mvn "${mvn_args[@]}" package
    fi
    cat >"$launcher" <<EOF
#!/usr/bin/env bash
# Written by run.sh: runs the conformance harness (see README.md).
exec "$jdk/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss16m \\
    -cp "$here/target/classes:\$(cat "$here/target/classpath.txt")" conformance.Main "\$@"
EOF
    chmod +x "$launcher"
    echo "$want_stamp" >"$stamp"
    echo "conformance: harness built in $((SECONDS - start)) s"
fi 2>&1

echo "conformance: Kestra io.kestra:core $("$launcher" --version 2>/dev/null), Java $(java_major "$jdk") ($jdk)"
status=0
python3 "$here/kestra_reading.py" --harness "$here/$launcher" "$@" || status=1

echo
echo "conformance: cross-language runner (C, C++, Python, Node, kestra-emit, R, Go, Ruby)"
cross_args=()
for arg in "$@"; do
    case "$arg" in -v | --verbose) cross_args+=(-v) ;; esac
done
[ "${CONFORMANCE_ALLOW_MISSING:-0}" = 1 ] && cross_args+=(--allow-missing)
python3 "$here/cross_language.py" --harness "$here/$launcher" "${cross_args[@]}" || status=1

echo
echo "conformance: kestra-emit show (the core's kestra_summary) reads each line as Kestra does"
python3 "$here/summary_vs_kestra.py" --harness "$here/$launcher" \
    --kestra-emit "${KESTRA_BUILD_DIR:-$here/../../build}/shell/kestra-emit" || status=1
echo
echo "conformance: Kestra's own Ion files (FileSerde.writeAll) read back by kestra-emit, Python, Node, R, Go and Ruby"
repo="$(cd "$here/../.." && pwd)"
ion_args=()
# A column that cannot run (its toolchain is not installed) fails the run, in CI
# (CI=true) always, elsewhere unless CONFORMANCE_ALLOW_MISSING=1, which skips it
# with a notice.
ion_missing() {
    if [ "${CI:-}" != true ] && [ "${CONFORMANCE_ALLOW_MISSING:-0}" = 1 ]; then
        echo "conformance: $1: its Ion check skipped"
    else
        echo "conformance: $1: its Ion check cannot run"; status=1
    fi
}
mkdir -p target/readers

# Node: the addon tests/node/run.sh (npm install) builds.
if [ -f "$repo/node/kestra.node" ]; then ion_args+=(--node "$repo/node")
else ion_missing "node/kestra.node is not built (tests/node/run.sh builds it)"; fi

# R: KESTRA_R_LIB, else the library tests/r/run.sh leaves in build-r/kestra.Rcheck when it
# is newer than r/ and core/ and has Kestra$iter_read, else the package from this tree
# installed into target/r-lib (R CMD INSTALL, again when r/ or core/ changes).
r_reads() {  # r_reads LIB: the kestra package in LIB loads and has Kestra$read and Kestra$iter_read
    Rscript -e 'library(kestra, lib.loc = commandArgs(TRUE)[1]); stopifnot(is.function(Kestra$iter_read))' \
        "$1" >/dev/null 2>&1
}
r_current() {  # r_current LIB: installed after every file of r/ and core/ was last changed
    [ -f "$1/kestra/DESCRIPTION" ] && [ -z "$(find "$repo/r" "$repo/core" -newer "$1/kestra/DESCRIPTION" -print -quit)" ]
}
if ! command -v Rscript >/dev/null; then
    ion_missing "Rscript is not on PATH (R)"
elif [ -n "${KESTRA_R_LIB:-}" ]; then
    if r_reads "$KESTRA_R_LIB"; then ion_args+=(--r-library "$KESTRA_R_LIB")
    else echo "conformance: KESTRA_R_LIB=$KESTRA_R_LIB has no kestra package with Kestra\$iter_read"; status=1; fi
elif r_current "$repo/build-r/kestra.Rcheck" && r_reads "$repo/build-r/kestra.Rcheck"; then
    ion_args+=(--r-library "$repo/build-r/kestra.Rcheck")
else
    r_lib="$here/target/r-lib"
    if ! r_current "$r_lib" || ! r_reads "$r_lib"; then
        echo "conformance: installing the R package from r/ into target/r-lib (R CMD INSTALL)..."
        rm -rf "$r_lib" && mkdir -p "$r_lib"
        if tarball="$(bash "$repo/r/tools/build-tarball.sh" "$here/target/r")" &&
            MAKEFLAGS="${MAKEFLAGS:--j2}" R CMD INSTALL -l "$r_lib" "$tarball" >target/r-install.log 2>&1; then :
        else tail -30 target/r-install.log 2>/dev/null; fi
    fi
    if r_reads "$r_lib"; then ion_args+=(--r-library "$r_lib")
    else echo "conformance: the R package could not be installed into target/r-lib (target/r-install.log)"; status=1; fi
fi

# Go: readers/go (a module with a replace of go/) built with go build (cached; cgo compiles
# go/'s copy of the core the first time).
go_bin="$(command -v go || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || true)"
if [ -z "$go_bin" ]; then
    ion_missing "go is not on PATH (Go)"
elif (cd readers/go && GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=1 \
        "$go_bin" build -o "$here/target/readers/go_ionread" .); then
    ion_args+=(--go "$here/target/readers/go_ionread")
else
    echo "conformance: building the Go Ion reader (readers/go) failed"; status=1
fi

# Ruby: the gem's extension built into build-ruby/ (ruby/build_ext.sh, incremental; the
# cross-language runner above builds the same).
if ! command -v ruby >/dev/null; then
    ion_missing "ruby is not on PATH (Ruby)"
elif bash "$repo/ruby/build_ext.sh" "$repo/build-ruby" >target/ruby-build.log 2>&1; then
    ion_args+=(--ruby "$repo/build-ruby")
else
    tail -30 target/ruby-build.log; echo "conformance: building the Ruby extension failed"; status=1
fi

python3 "$here/ion_check.py" --java "$jdk/bin/java" --classpath "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    --emit "${KESTRA_BUILD_DIR:-$repo/build}/shell/kestra-emit" --python "${KESTRA_VENV:-$repo/.venv}/bin/python" \
    "${ion_args[@]}" || status=1
exit "$status"
