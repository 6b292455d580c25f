#!/usr/bin/env bash
# The Go suite: go vet and go test of the module (go/: API tests, runnable examples,
# the check that go/internal/core is a current copy of core/) and of tests/go (every
# shared vector, byte for byte), and go vet of tests/conformance/readers/go. Needs Go
# >= 1.23 (on PATH or in /usr/local/go); cgo compiles the core's copy on the first run
# (about a minute), cached after that.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=$PATH:/usr/local/go/bin GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=1
command -v go >/dev/null || { echo "go not found (install Go >= 1.23)" >&2; exit 1; }
unformatted=$(cd "$root" && gofmt -l go tests/go tests/conformance/readers/go)
[[ -z $unformatted ]] || { echo "not gofmt'ed: $unformatted" >&2; exit 1; }
for module in go tests/go; do
  (cd "$root/$module" && go vet ./... && go test -count=1 ./...)
done
# the conformance suite's Ion reader (tests/conformance/ion_check.py runs it): vetted here
(cd "$root/tests/conformance/readers/go" && go vet ./...)
(cd "$root/tests/go" && go test -count=1 -v -run 'TestVectors$' . | grep 'vectors:')
