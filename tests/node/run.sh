#!/usr/bin/env bash
# Installs the package from ../../node (which builds the addon with cmake) and
# the test tools, then runs the Node suite with node's built-in test runner.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --foreground-scripts >&2
exec node --test "$@"
