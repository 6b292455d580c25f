# Sourced by run.sh (the suite) and demo.sh (the demo): the JDK, what both build under target/,
# the controller's port and Maven's arguments. Expects $here (tests/e2e) and $root (the repository);
# leaves the shell in $here.
cd "$here"
MIN_JAVA=25

# shellcheck source=../../scripts/find_jdk.sh
source "$root/scripts/find_jdk.sh"
if ! jdk="$(find_jdk "$MIN_JAVA" "${E2E_JAVA_HOME:-}")"; then
    echo "e2e: no JDK >= $MIN_JAVA found (Kestra 2.x needs Java $MIN_JAVA); set E2E_JAVA_HOME" >&2
    exit 1
fi
export JAVA_HOME="$jdk"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

# What the flows' processes run: our packages ("ours"), from one of two sources (E2E_OURS):
#   dist  the release artifacts of dist/ (scripts/package.sh native python node): the wheel for the
#         CPython of `python3`, the npm tarball (its prebuilt addon), the static kestra-emit and
#         the SDK's .tar.gz (libkestra.a, headers), installed as a user installs them;
#   repo  the repository's build: python/ and node/ built by pip and npm, build/'s kestra-emit
#         and libkestra.a (scripts/build_core.sh build).
# Default (auto): dist when every artifact is there and none is older than the sources of the
# core, the packages and kestra-emit, else repo (saying why). Under CI=true run.sh sets dist:
# then a missing artifact fails the run, so CI tests what users install.
mkdir -p target
version="$(cat "$root/VERSION")"
pytag="$(python3 -c 'import sys; print("cp%d%d" % sys.version_info[:2])')"
dist_wheel="$(ls "$root/dist/kestra-$version-$pytag-$pytag-"manylinux*_x86_64.whl 2>/dev/null | head -1 || true)"
dist_npm="$root/dist/kestra-io-libs-$version.tgz"
dist_emit="$root/dist/kestra-emit"
dist_sdk="$root/dist/kestra-sdk-$version-Linux-x86_64.tar.gz"
dist_missing() { # prints the artifacts dist/ lacks
    [ -n "$dist_wheel" ] || echo "the wheel kestra-$version-$pytag-$pytag-manylinux*_x86_64.whl"
    local a
    for a in "$dist_npm" "$dist_emit" "$dist_sdk"; do [ -f "$a" ] || echo "${a#"$root"/}"; done
}
newer_sources() { # ARTIFACT: prints a source of ours newer than it, if any
    find "$root/core" "$root/python" "$root/node" "$root/bindings" "$root/shell" \
        \( -name build -o -name node_modules -o -name '*.egg-info' -o -name __pycache__ \) -prune -o \
        -type f -newer "$1" -print -quit
}
missing="$(dist_missing)"
case "${E2E_OURS:-auto}" in
dist)
    if [ -n "$missing" ]; then
        echo "e2e: E2E_OURS=dist${CI:+ (CI=$CI)} but dist/ lacks:" $missing "(run: bash scripts/package.sh native python node)" >&2
        exit 1
    fi
    ours=dist ;;
repo) ours=repo why="E2E_OURS=repo" ;;
auto)
    ours=repo
    if [ -n "$missing" ]; then
        why="dist/ lacks: $(echo $missing)"
    else
        stale=""
        for a in "$dist_wheel" "$dist_npm" "$dist_emit" "$dist_sdk"; do
            [ -n "$stale" ] || stale="$(newer_sources "$a")"
        done
        if [ -n "$stale" ]; then why="dist/ is older than ${stale#"$root"/}"; else ours=dist; fi
    fi ;;
*) echo "e2e: E2E_OURS must be dist, repo or auto, not '$E2E_OURS'" >&2; exit 2 ;;
esac
if [ "$ours" = dist ]; then
    echo "e2e: ours from the release artifacts: dist/$(basename "$dist_wheel"), dist/$(basename "$dist_npm"), dist/kestra-emit, dist/$(basename "$dist_sdk")" >&2
else
    echo "e2e: ours from the repository's build (python/, node/, build/), $why" >&2
    [ -x "$root/build/shell/kestra-emit" ] || (cd "$root" && bash scripts/build_core.sh build) >&2
fi

# An install is redone when its source changed: target/X/.installed names the source it came from.
installed_from() { # STAMP WHAT: true when STAMP records WHAT and nothing of it is newer
    [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]
}
changed_since() { # STAMP DIR... -> true when a source under DIR is newer than STAMP
    local stamp="$1"; shift
    [ -f "$stamp" ] || return 0
    [ -n "$(find "$@" \( -name build -o -name node_modules -o -name '*.egg-info' \) -prune -o \
        -type f \( -name '*.[ch]pp' -o -name '*.h' -o -name '*.py' -o -name '*.js' -o -name '*.toml' \
        -o -name package.json -o -name CMakeLists.txt \) -newer "$stamp" -print -quit)" ]
}
# An artifact's identity: its path and modification time (package.sh rewrites it on each build).
artifact_id() { echo "dist $(basename "$1") $(stat -c %Y "$1")"; }
install_node() { # DIR SPEC: a package.json depending on SPEC, installed
    rm -rf "$1" && mkdir -p "$1"
    printf '{"private": true, "dependencies": {"@kestra-io/libs": "%s"}}\n' "$2" >"$1/package.json"
    (cd "$1" && CMAKE_BUILD_PARALLEL_LEVEL=2 npm install --no-audit --no-fund --foreground-scripts >&2)
}

# Python: the wheel (offline: it has no dependencies), or python/ built by pip.
if [ "$ours" = dist ]; then
    if ! installed_from target/venv-ours/.installed "$(artifact_id "$dist_wheel")"; then
        python3 -m venv --clear target/venv-ours
        target/venv-ours/bin/python -m pip install -q --disable-pip-version-check --no-index "$dist_wheel"
        artifact_id "$dist_wheel" >target/venv-ours/.installed
    fi
elif ! installed_from target/venv-ours/.installed repo || changed_since target/venv-ours/.installed "$root/python" "$root/core"; then
    python3 -m venv --clear target/venv-ours
    CMAKE_BUILD_PARALLEL_LEVEL=2 target/venv-ours/bin/python -m pip install -q --disable-pip-version-check "$root/python"
    echo repo >target/venv-ours/.installed
fi
# Node: the npm tarball, whose install script loads its prebuilt addon (it must: a source build
# would not test the artifact); or linked to node/, whose addon npm builds there (as tests/node).
if [ "$ours" = dist ]; then
    if ! installed_from target/node-ours/.installed "$(artifact_id "$dist_npm")"; then
        install_node target/node-ours "file:$dist_npm"
        if [ -e target/node-ours/node_modules/@kestra-io/libs/build ]; then
            echo "e2e: npm built the addon from the tarball's sources instead of loading its prebuilt one" >&2
            exit 1
        fi
        artifact_id "$dist_npm" >target/node-ours/.installed
    fi
elif ! installed_from target/node-ours/.installed repo || changed_since target/node-ours/.installed "$root/node" "$root/core"; then
    install_node target/node-ours "file:$root/node"
    echo repo >target/node-ours/.installed
fi
# kestra-emit, for the shell task of flows/values.yaml: target/ours/bin/kestra-emit.
mkdir -p target/ours/bin
rm -f target/ours/bin/kestra-emit
if [ "$ours" = dist ]; then
    cp "$dist_emit" target/ours/bin/kestra-emit
else
    ln -sf "$root/build/shell/kestra-emit" target/ours/bin/kestra-emit
fi
echo "$ours" >target/ours/from

# The worker reaches the controller over gRPC on this loopback port.
E2E_CONTROLLER_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export E2E_CONTROLLER_PORT E2E_HOME="$here" E2E_ROOT="$root"
rm -rf target/storage

mvn_args=(-B -Dstyle.color=never)
if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL"); fi
