#!/usr/bin/env bash
# End to end: real flows (flows/*.yaml) on Kestra 2.0.0's embedded executor and worker
# (Maven Central artifacts, no server, no Docker) run our scripts and the official packages'
# as processes; the JUnit suite asserts on what Kestra stored. See README.md.
#
#   tests/e2e/run.sh [mvn arguments, e.g. -Dtest=ValuesTest]
#
# Our packages come from the release artifacts of dist/ (scripts/package.sh native python node)
# when they are all there and current, else from the repository's build; it says which
# (common.sh; E2E_OURS=dist|repo|auto chooses; CI=true requires dist). Builds what it needs under
# target/: venv-ours (the wheel, or python/), node-ours (the npm tarball, or node/), ours/bin
# (kestra-emit), demo-c (examples/scripts/demo.c on the SDK's libkestra.a, or build/'s),
# venv-official (PyPI kestra 2.0.0), node-official (npm @kestra-io/libs 2.0.0). Maven downloads
# are cached in ~/.m2 (MAVEN_REPO_LOCAL overrides).
# Environment: E2E_JAVA_HOME (a JDK >= 25; default: found by scripts/find_jdk.sh), E2E_OURS, CI.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# Under CI the suite tests what users install: the release artifacts, which must be there.
if [ "${CI:-}" = true ]; then export E2E_OURS=dist; fi
source "$here/common.sh"

# The official packages, for comparison (the demo does not need them).
if [ ! -x target/venv-official/bin/python ] || [ ! -f target/venv-official/.installed ]; then
    python3 -m venv target/venv-official
    target/venv-official/bin/python -m pip install -q --disable-pip-version-check kestra==2.0.0
    touch target/venv-official/.installed
fi
[ -f target/node-official/.installed ] || { install_node target/node-official 2.0.0 && touch target/node-official/.installed; }

# The C program on libkestra (examples/scripts/demo.c, linked as its header comment says): on the
# SDK's libkestra.a and headers, unpacked from its .tar.gz under target/sdk, or on build/'s.
if [ "$ours" = dist ]; then
    if ! installed_from target/sdk/.installed "$(artifact_id "$dist_sdk")"; then
        rm -rf target/sdk && mkdir -p target/sdk
        tar -xzf "$dist_sdk" -C target/sdk --strip-components=1
        artifact_id "$dist_sdk" >target/sdk/.installed
    fi
    c_include=target/sdk/usr/include c_lib=target/sdk/usr/lib/libkestra.a
else
    c_include="$root/core/include" c_lib="$root/build/core/libkestra.a"
fi
if [ ! -x target/demo-c ] || [ "$(cat target/demo-c.from 2>/dev/null)" != "$c_lib" ] ||
    [ -n "$(find "$root/examples/scripts/demo.c" "$c_lib" -newer target/demo-c -print -quit)" ]; then
    cc -std=c99 -I"$c_include" "$root/examples/scripts/demo.c" "$c_lib" -lpthread -lstdc++ -lm -o target/demo-c
    echo "$c_lib" >target/demo-c.from
fi

# The first run fetches Kestra 2.0.0 and its dependencies (about 150 MB) into the local repository.
exec mvn "${mvn_args[@]}" test "$@"
