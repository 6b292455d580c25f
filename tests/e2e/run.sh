#!/usr/bin/env bash
# End to end: real flows (flows/*.yaml) on Kestra 2.0.0's embedded executor and worker
# (Maven Central artifacts, no server, no Docker) run our scripts and the official packages'
# as processes; the JUnit suite asserts on what Kestra stored. See README.md.
#
#   tests/e2e/run.sh [mvn arguments, e.g. -Dtest=ValuesTest]
#
# Builds what it needs: the core (build/, as scripts/build_core.sh), then under target/:
# demo-c (examples/scripts/demo.c on libkestra.a), venv-ours (python/), venv-official (PyPI kestra 2.0.0), node-ours (node/), node-official
# (npm @kestra-io/libs 2.0.0). Maven downloads are cached in ~/.m2 (MAVEN_REPO_LOCAL overrides).
# Environment: E2E_JAVA_HOME (a JDK >= 25; default: found by scripts/find_jdk.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
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

# What the flows' processes run.
[ -x "$root/build/shell/kestra-emit" ] || (cd "$root" && bash scripts/build_core.sh build) >&2
mkdir -p target
# Rebuilt only when a source of the core or the package changed since the last install.
changed_since() { # STAMP DIR... -> true when a source under DIR is newer than STAMP
    local stamp="$1"; shift
    [ -f "$stamp" ] || return 0
    [ -n "$(find "$@" \( -name build -o -name node_modules -o -name '*.egg-info' \) -prune -o \
        -type f \( -name '*.[ch]pp' -o -name '*.h' -o -name '*.py' -o -name '*.js' -o -name '*.toml' \
        -o -name package.json -o -name CMakeLists.txt \) -newer "$stamp" -print -quit)" ]
}
if changed_since target/venv-ours/.installed "$root/python" "$root/core"; then
    python3 -m venv --clear target/venv-ours
    CMAKE_BUILD_PARALLEL_LEVEL=2 target/venv-ours/bin/python -m pip install -q --disable-pip-version-check "$root/python"
    touch target/venv-ours/.installed
fi
if [ ! -x target/venv-official/bin/python ] || [ ! -f target/venv-official/.installed ]; then
    python3 -m venv target/venv-official
    target/venv-official/bin/python -m pip install -q --disable-pip-version-check kestra==2.0.0
    touch target/venv-official/.installed
fi
install_node() { # DIR SPEC: a package.json depending on SPEC, installed
    mkdir -p "$1"
    printf '{"private": true, "dependencies": {"@kestra-io/libs": "%s"}}\n' "$2" >"$1/package.json"
    (cd "$1" && CMAKE_BUILD_PARALLEL_LEVEL=2 npm install --no-audit --no-fund --foreground-scripts >&2)
    touch "$1/.installed"
}
# Ours is linked to node/ (its addon is built there, as tests/node/run.sh does).
if changed_since target/node-ours/.installed "$root/node" "$root/core"; then
    install_node target/node-ours "file:$root/node"
fi
[ -f target/node-official/.installed ] || install_node target/node-official 2.0.0

# The C program on libkestra (examples/scripts/demo.c, linked as its header comment says).
if [ ! -x target/demo-c ] || [ -n "$(find "$root/examples/scripts/demo.c" "$root/build/core/libkestra.a" -newer target/demo-c -print -quit)" ]; then
    cc -std=c99 -I"$root/core/include" "$root/examples/scripts/demo.c" "$root/build/core/libkestra.a" \
        -lpthread -lstdc++ -lm -o target/demo-c
fi

# The worker reaches the controller over gRPC on this loopback port.
E2E_CONTROLLER_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export E2E_CONTROLLER_PORT E2E_HOME="$here" E2E_ROOT="$root"
rm -rf target/storage

mvn_args=(-B -Dstyle.color=never)
[ -n "${MAVEN_REPO_LOCAL:-}" ] && mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
# The first run fetches Kestra 2.0.0 and its dependencies (about 150 MB) into the local repository.
exec mvn "${mvn_args[@]}" test "$@"
