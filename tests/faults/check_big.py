#!/usr/bin/env python3
"""The 100 MB outputs case for the packages and kestra-emit.
  check_big.py --json   writes the outputs JSON text (10 keys, 10,000,000 x each)
  check_big.py          reads a writer's stdout and checks it is exactly that one line"""
import hashlib
import sys

PARTS, SIZE = 10, 10_000_000


def json_text():
    return b"{" + b",".join(b'"k%d":"%s"' % (k, b"x" * SIZE) for k in range(PARTS)) + b"}"


def main():
    if sys.argv[1:] == ["--json"]:
        sys.stdout.buffer.write(json_text())
        return 0
    expected = b'::{"outputs":' + json_text() + b"}::\n"
    got = sys.stdin.buffer.read()
    if hashlib.sha256(got).digest() == hashlib.sha256(expected).digest():
        print(f"{len(got)} bytes, exactly the expected line")
        return 0
    print(f"got {len(got)} bytes, expected {len(expected)}: not the expected line; starts {got[:60]!r}")
    return 1


sys.exit(main())
