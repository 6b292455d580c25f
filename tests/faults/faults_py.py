"""Fault cases for the Python package: faults_py.py CASE (see run.sh).
Prints what happened on stderr; exits 0 when the behaviour is the expected one."""
import os
import signal
import sys
import threading

from kestra import Kestra


def payload(p, t, i):  # the stress line rule (tests/stress/check_stream.py)
    n = 4000 if i % 1000 == 999 else (p * 131 + t * 31 + i * 7) % 200
    return chr(97 + (p + t + i) % 26) * n


def line(t, i):
    Kestra.outputs({"p": 0, "t": t, "i": i, "s": payload(0, t, i)})


def say(*args):
    print(*args, file=sys.stderr, flush=True)


def closed_stdout():
    try:
        Kestra.counter("rows", 1)
    except OSError as e:
        say(f"OSError: {e}")
        return 0
    say("no error with stdout closed")
    return 1


def epipe_stdout():
    for n in range(1_000_000):
        try:
            Kestra.counter("rows", n)
        except BrokenPipeError as e:
            say(f"BrokenPipeError after {n} lines: {e}")
            os._exit(0)  # skip the interpreter's own flush of the dead stdout
    say("no error after 1,000,000 lines")
    os._exit(1)


def deep():
    v = 1
    for _ in range(100_000):
        v = [v]
    text = '{"a":' + "[" * 100_000 + "]" * 100_000 + "}"
    ok = True
    for name, call in (("outputs", lambda: Kestra.outputs({"a": v})), ("outputs_json", lambda: Kestra.outputs_json(text))):
        try:
            call()
            say(f"{name}: no error")
            ok = False
        except ValueError as e:
            say(f"{name}: ValueError {str(e)[:100]}")
    return 0 if ok else 1


def big_payload():
    Kestra.outputs({f"k{k}": "x" * 10_000_000 for k in range(10)})
    return 0


def threads_writing(n):
    pool = [threading.Thread(target=lambda t=t: [line(t, i) for i in range(n)]) for t in range(4)]
    for th in pool:
        th.start()
    return pool


def signals():
    """4 threads x N lines into a pipe whose reader starts late, SIGALRM every 0.5 ms."""
    count = [0]
    signal.signal(signal.SIGALRM, lambda *_: count.__setitem__(0, count[0] + 1))
    signal.setitimer(signal.ITIMER_REAL, 0.0005, 0.0005)
    for th in threads_writing(int(sys.argv[2])):
        th.join()
    signal.setitimer(signal.ITIMER_REAL, 0)
    say(f"{count[0]} SIGALRM handled while writing")
    return 0 if count[0] > 0 else 1


def fork():
    """fork() while 4 threads write; each child writes line (4, k); the parent the rest."""
    n, forks, failures = int(sys.argv[2]), 20, 0
    pool = threads_writing(n)
    for k in range(forks):
        pid = os.fork()
        if pid == 0:
            try:
                line(4, k)
                os._exit(0)
            except BaseException:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        failures += status != 0
    for th in pool:
        th.join()
    for k in range(forks, n):
        line(4, k)
    say(f"{forks} forks while 4 threads wrote, {failures} children failed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(globals()[sys.argv[1]]())
