#!/usr/bin/env bash
# Builds the gem into DIST (default: dist/ at the repository root): copies the core's
# sources into ext/kestra (scripts/copy_core.sh), then `gem build`. The .gem installs
# with no network: gem install --local DIST/kestra-VERSION.gem (compiles the extension).
# Usage: bash ruby/package.sh [DIST]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
bash "$root/scripts/copy_core.sh" "$root/ruby/ext/kestra" >/dev/null
version=$(ruby -e 'require_relative ARGV[0]; print Kestra::VERSION' "$root/ruby/lib/kestra/version.rb")
cd "$root/ruby"
log=$(gem build kestra.gemspec --output "$dist/kestra-$version.gem" 2>&1) || { echo "$log" >&2; exit 1; }
echo "$dist/kestra-$version.gem"
