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


def wait_for(condition, what, timeout=TIMEOUT):
    """Polls `condition` (an event of the process under test, read from /proc)
    until it holds; fails naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.001)


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        return []


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except FileNotFoundError:
        return None


def signal_bits(pid, field):
    """The signal set `field` (SigPnd, ShdPnd, SigIgn, SigCgt) of /proc/PID/status."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1], 16)
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def has_signal(bits, sig):
    return bool(bits >> (sig - 1) & 1)


def start_timed_sleep(binary):
    """kestra-emit timing `sleep 30`, returned once the command runs (exec'd as
    sleep), so kestra-emit has set up its signal handling; and the command's pid."""
    proc = subprocess.Popen([binary, "time", "nap", "--", "sleep", "30"], stdout=subprocess.PIPE)
    sleeping = []

    def command_runs():
        sleeping[:] = [c for c in children(proc.pid) if comm(c) == "sleep"]
        return bool(sleeping) or proc.poll() is not None

    wait_for(command_runs, "the timed command to start")
    assert proc.poll() is None, f"kestra-emit exited early with {proc.returncode}"
    return proc, sleeping[0]


def test_time_forwards_sigterm(binary):
    proc, command = start_timed_sleep(binary)
    try:
        proc.send_signal(signal.SIGTERM)  # to kestra-emit alone, as a task kill may do
        try:
            status = proc.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError("kestra-emit did not end: the command was not terminated") from None
        assert status == 128 + signal.SIGTERM, f"status {status}"
        assert comm(command) is None, "the timed command outlived kestra-emit"
        out = proc.stdout.read()
        assert out.startswith(b'::{"metrics":[{"name":"nap","type":"timer","value":'), f"stdout {out!r}"
    finally:
        proc.kill()


def test_time_survives_sigint(binary):
    proc, command = start_timed_sleep(binary)
    try:
        handled = signal_bits(proc.pid, "SigIgn") | signal_bits(proc.pid, "SigCgt")
        assert has_signal(handled, signal.SIGINT), "kestra-emit neither ignores nor catches SIGINT"
        proc.send_signal(signal.SIGINT)  # the terminal would send it to the child too
        # Delivered (or discarded, when ignored) once it is no longer pending.
        wait_for(lambda: proc.poll() is not None or not (
            has_signal(signal_bits(proc.pid, "SigPnd"), signal.SIGINT) or
            has_signal(signal_bits(proc.pid, "ShdPnd"), signal.SIGINT)), "SIGINT to be delivered")
        assert proc.poll() is None, "kestra-emit died on SIGINT while the command ran"
        assert comm(command) == "sleep", "the timed command did not survive a SIGINT sent to kestra-emit alone"
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
