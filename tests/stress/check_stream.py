#!/usr/bin/env python3
"""Reads the merged output of the stress writers on stdin and checks that every
line is intact, exactly the expected bytes, and that each writer's lines all
arrived once. Usage: check_stream.py P:THREADS:N ...   (one per writer)"""
import re
import sys

LINE = re.compile(rb'::\{"outputs":\{"p":(\d+),"t":(\d+),"i":(\d+),"s":"([a-z]*)"\}\}::')


def payload(p, t, i):
    n = 4000 if i % 1000 == 999 else (p * 131 + t * 31 + i * 7) % 200
    return bytes([97 + (p + t + i) % 26]) * n


def main():
    expected = {}
    for spec in sys.argv[1:]:
        p, threads, n = map(int, spec.split(":"))
        for t in range(threads):
            expected[(p, t)] = n
    seen = {key: bytearray(n) for key, n in expected.items()}
    bad = dup = total = 0
    for raw in sys.stdin.buffer:
        total += 1
        m = LINE.fullmatch(raw.rstrip(b"\n")) if raw.endswith(b"\n") else None
        key = m and (int(m[1]), int(m[2]))
        if not m or key not in seen or int(m[3]) >= expected[key] or m[4] != payload(*key, int(m[3])):
            bad += 1
            if bad <= 3:
                print(f"check_stream: torn or unexpected line: {raw[:160]!r}", file=sys.stderr)
            continue
        i = int(m[3])
        dup += seen[key][i]
        seen[key][i] = 1
    missing = sum(n - sum(seen[key]) for key, n in expected.items())
    print(f"check_stream: {total} lines, {bad} bad, {dup} duplicated, {missing} missing")
    sys.exit(1 if bad or dup or missing else 0)


main()
