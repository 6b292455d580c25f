#!/usr/bin/env bash
# @kestra-io/libs/testing under Jest and Vitest: installs them (and the package,
# which builds its addon) from npm, then runs each on its own test file.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --foreground-scripts >&2
npx --no-install jest --ci
npx --no-install vitest run
