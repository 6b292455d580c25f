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
source "$here/common.sh"

# The official packages, for comparison (the demo does not need them).
if [ ! -x target/venv-official/bin/python ] || [ ! -f target/venv-official/.installed ]; then
    python3 -m venv target/venv-official
    target/venv-official/bin/python -m pip install -q --disable-pip-version-check kestra==2.0.0
    touch target/venv-official/.installed
fi
[ -f target/node-official/.installed ] || install_node target/node-official 2.0.0

# The C program on libkestra (examples/scripts/demo.c, linked as its header comment says).
if [ ! -x target/demo-c ] || [ -n "$(find "$root/examples/scripts/demo.c" "$root/build/core/libkestra.a" -newer target/demo-c -print -quit)" ]; then
    cc -std=c99 -I"$root/core/include" "$root/examples/scripts/demo.c" "$root/build/core/libkestra.a" \
        -lpthread -lstdc++ -lm -o target/demo-c
fi

# The first run fetches Kestra 2.0.0 and its dependencies (about 150 MB) into the local repository.
exec mvn "${mvn_args[@]}" test "$@"
