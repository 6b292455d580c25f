#!/usr/bin/env bash
# Install benchmark (not a test): our wheel and npm tarball from dist/ against the
# official `kestra` (PyPI, with its dependencies) and `@kestra-io/libs` (npm), in
# fresh venvs / folders under /tmp, alternating, medians and ratios. Also the wall
# time of a whole small script (import, one counter, exit), stdout into a pipe.
#   bench/install/run.sh [--rounds N] [--script-runs N]
# Needs dist/ (bash scripts/package.sh) and the network to PyPI and npm.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(cat "$root/VERSION")
python=${KESTRA_BENCH_PYTHON:-python3}
tag=$("$python" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')
wheel=$(ls "$root"/dist/kestra-"$version"-"$tag"-*manylinux*.whl 2>/dev/null | head -1)
tarball=$root/dist/kestra-io-libs-$version.tgz
[ -n "$wheel" ] && [ -f "$tarball" ] || { echo "bench: no $tag wheel or npm tarball in dist/: run bash scripts/package.sh" >&2; exit 1; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$python" --version), node $(node --version), npm $(npm --version)"
exec "$python" "$root/bench/install/bench.py" --python "$python" --wheel "$wheel" --tarball "$tarball" "$@"
