#!/usr/bin/env python3
"""kestra-emit show streams: each record's row is printed while its input is still open.

Usage: run_show_stream.py KESTRA_EMIT

The test writes one line, then waits for its row before writing the next, so it
passes only if show prints rows as lines arrive (the wait is a guard against a
hang, not a synchronisation).
"""
import os
import pty
import select
import subprocess
import sys

TIMEOUT = 10.0


def read_line(proc):
    ready, _, _ = select.select([proc.stdout], [], [], TIMEOUT)
    return proc.stdout.readline() if ready else None


def main(binary):
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen([binary, "show"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        steps = [
            (b'::{"outputs":{"rows":822}}::\n', b"stdout:1    output    rows = 822  (Integer)\n"),
            (b'::{"metrics":[{"name":"n","type":"counter","value":2,"tags":{}}]}::\n',
             b"stdout:2    counter   n 2  (total 2.0)\n"),
            (b"plain text\r\n", b"stdout:3    INFO      plain text\n"),
        ]
        for line, row in steps:
            proc.stdin.write(line)
            proc.stdin.flush()
            got = read_line(proc)
            assert got == row, f"after {line!r}: expected {row!r}, got {got!r}"
        proc.stdin.close()
        rest = proc.stdout.read()
        assert proc.wait(TIMEOUT) == 0
        assert b"\nOutputs (1)\n  rows  Integer  822\n" in rest, rest
        assert b"\x1b[" not in rest, "colour without a terminal"
    finally:
        proc.kill()
    print("show streams: ok")
    for no_color, coloured in ((None, True), ("1", False), ("", True)):
        assert colours_on_terminal(binary, no_color) == coloured, f"NO_COLOR={no_color!r}"
    print("show colours only on a terminal without NO_COLOR: ok")
    return 0


def colours_on_terminal(binary, no_color):
    """Whether show, its stdout a terminal, writes ANSI colours."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    proc = subprocess.Popen([binary, "show"], stdin=subprocess.PIPE, stdout=follower, env=env)
    os.close(follower)
    proc.stdin.write(b'::{"logs":[{"level":"WARN","message":"w"}]}::\n')
    proc.stdin.close()
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], TIMEOUT)
        assert ready, "show hangs on a terminal"
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.wait(TIMEOUT) == 0
    assert b"WARN" in out, out
    return b"\x1b[" in out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
