#!/usr/bin/env bash
# The Ruby suite: builds the gem's native extension (ruby/build_ext.sh, incremental,
# in build-ruby/), runs the minitest files (API, every shared vector), then builds the
# .gem (ruby/package.sh), installs it with no network into a scratch GEM_HOME
# (gem install --local, which compiles the extension from the sources it carries) and
# writes a counter through the installed gem.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-ruby
bash "$root/ruby/build_ext.sh" "$build"
for t in "$root"/tests/ruby/test_*.rb; do
  ruby -I"$root/ruby/lib" -I"$build/lib" "$t"
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
gem=$(bash "$root/ruby/package.sh" "$scratch/dist")
GEM_HOME=$scratch/gems GEM_PATH=$scratch/gems gem install --local --no-document "$gem" >/dev/null
got=$(cd "$scratch" && GEM_HOME=$scratch/gems GEM_PATH=$scratch/gems \
  ruby -e 'require "kestra"; Kestra.counter("rows", 42, tags: { table: "users" }); print $LOADED_FEATURES.grep(/kestra_ext/).first' )
want='::{"metrics":[{"name":"rows","type":"counter","value":42,"tags":{"table":"users"}}]}::'
[[ $got == "$want"$'\n'"$scratch/gems/"* ]] || { echo "the installed gem wrote: $got" >&2; exit 1; }
echo "installed $(basename "$gem") offline: the counter line is right"
