#!/usr/bin/env bash
# Packs the Go module (this folder, with its copy of the core) into
# DIST/kestra-go-VERSION.tar.gz (default DIST: dist/ at the repository root). Unpacked
# anywhere, its kestra-go/ folder is a `go mod` replace target:
#   go mod edit -replace github.com/kestra-io/kestra-sdk/go=./kestra-go
# Usage: bash go/package.sh [DIST]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dist=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
bash "$root/scripts/copy_core.sh" "$here/internal/core" --check >/dev/null
version=$(sed -n 's/^#define KESTRA_VERSION_STRING "\(.*\)"/\1/p' "$here/internal/core/include/kestra/kestra.h")
tar -czf "$dist/kestra-go-$version.tar.gz" -C "$here" --transform 's,^\.,kestra-go,' \
  --exclude=package.sh --sort=name --owner=0 --group=0 --mtime='2026-01-01 00:00Z' .
echo "$dist/kestra-go-$version.tar.gz"
