#!/usr/bin/env bash
# Installs ours (from ../../node, building the addon) and the official package
# from npm, then prints the markdown table. Options: ROUNDS=5 SECONDS_PER_RUN=1.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund >&2
exec node bench.js "$@"
