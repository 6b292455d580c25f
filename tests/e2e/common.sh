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

# The worker reaches the controller over gRPC on this loopback port.
E2E_CONTROLLER_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export E2E_CONTROLLER_PORT E2E_HOME="$here" E2E_ROOT="$root"
rm -rf target/storage

mvn_args=(-B -Dstyle.color=never)
if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL"); fi
