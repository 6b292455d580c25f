#!/usr/bin/env python3
"""Process behaviour of kestra-emit that golden files cannot show: timing and signals.

Usage: run_process.py KESTRA_EMIT

- log LEVEL - writes each record as its line arrives (before stdin is closed).
- time passes SIGTERM on to the command, then still writes the timer and exits 143.
- time ignores SIGINT sent to it alone while the command runs.
"""
import os
import select
import signal
import subprocess
import sys
import time

TIMEOUT = 5.0


def read_line(proc, timeout=TIMEOUT):
    """One line of proc.stdout within `timeout` seconds, or None."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline() if ready else None


def test_log_streams(binary):
    proc = subprocess.Popen([binary, "log", "INFO", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        proc.stdin.write(b"first\n")
        proc.stdin.flush()
        line = read_line(proc)
        assert line == b'::{"logs":[{"level":"INFO","message":"first"}]}::\n', f"first line: {line!r}"
        proc.stdin.write(b"second\r\n")
        proc.stdin.flush()
        line = read_line(proc)
        assert line == b'::{"logs":[{"level":"INFO","message":"second"}]}::\n', f"second line: {line!r}"
        proc.stdin.close()
        assert proc.wait(TIMEOUT) == 0
    finally:
        proc.kill()


def start_timed_sleep(binary):
    proc = subprocess.Popen([binary, "time", "nap", "--", "sleep", "30"], stdout=subprocess.PIPE)
    time.sleep(0.3)  # let it fork and exec
    return proc


def test_time_forwards_sigterm(binary):
    proc = start_timed_sleep(binary)
    try:
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)  # to kestra-emit alone, as a task kill may do
        status = proc.wait(TIMEOUT)
        assert time.monotonic() - started < TIMEOUT, "the child was not terminated"
        assert status == 128 + signal.SIGTERM, f"status {status}"
        out = proc.stdout.read()
        assert out.startswith(b'::{"metrics":[{"name":"nap","type":"timer","value":'), f"stdout {out!r}"
    finally:
        proc.kill()


def test_time_survives_sigint(binary):
    proc = start_timed_sleep(binary)
    try:
        proc.send_signal(signal.SIGINT)  # the terminal would send it to the child too
        time.sleep(0.3)
        assert proc.poll() is None, "kestra-emit died on SIGINT while the command ran"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(TIMEOUT)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    tests = [test_log_streams, test_time_forwards_sigterm, test_time_survives_sigint]
    failed = 0
    for test in tests:
        try:
            test(binary)
        except (AssertionError, subprocess.TimeoutExpired) as e:
            failed += 1
            print(f"FAIL {test.__name__}: {e}")
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
