"""Real processes writing into a pipe: threads, ordering with print()."""
from __future__ import annotations

import pytest
from helpers import run_script


def test_threads_never_interleave() -> None:
    threads, records = 8, 20_000
    result = run_script(
        f"""
        import threading
        from kestra import Kestra

        def work(t):
            for i in range({records}):
                Kestra.counter("rows", i, {{"thread": str(t)}})

        workers = [threading.Thread(target=work, args=(t,)) for t in range({threads})]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        """
    )
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("ascii")
    assert out.endswith("\n")
    got = out.split("\n")[:-1]
    assert len(got) == threads * records
    expected = {
        '::{"metrics":[{"name":"rows","type":"counter","value":%d,"tags":{"thread":"%d"}}]}::'
        % (i, t)
        for t in range(threads)
        for i in range(records)
    }
    assert set(got) == expected
    # Each thread's records arrive in the order it sent them.
    for t in range(threads):
        mine = [line for line in got if line.endswith('"thread":"%d"}}]}::' % t)]
        assert [int(line.split('"value":')[1].split(",")[0]) for line in mine] == list(range(records))


# Unbuffered stdout (PYTHONUNBUFFERED) is not flushed before a line, as it
# holds nothing; unless reconfigure() turned its write-through off.
@pytest.mark.parametrize(
    "unbuffered, setup",
    [
        (False, ""),
        (True, ""),
        (True, "sys.stdout.reconfigure(write_through=False)"),
    ],
    ids=["buffered", "unbuffered", "unbuffered-then-write-through-off"],
)
def test_order_with_print(unbuffered: bool, setup: str) -> None:
    result = run_script(
        f"""
        import sys
        from kestra import Kestra
        {setup}
        print("before", end="")
        print()
        Kestra.outputs({{"x": 1}})
        print("after")
        Kestra.logger().error("last")
        """,
        unbuffered=unbuffered,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines() == [
        "before",
        '::{"outputs":{"x":1}}::',
        "after",
        '::{"logs":[{"level":"ERROR","message":"last"}]}::',
    ]
    assert result.stderr == b""


def test_line_is_flushed_before_a_crash() -> None:
    result = run_script(
        """
        import os
        from kestra import Kestra
        Kestra.outputs({"x": 1})
        os._exit(3)
        """
    )
    assert result.returncode == 3
    assert result.stdout == b'::{"outputs":{"x":1}}::\n'


def test_bad_call_leaves_the_process_running() -> None:
    result = run_script(
        """
        from kestra import Kestra
        try:
            Kestra.counter("rows", float("nan"))
        except ValueError as error:
            print("caught:", error)
        Kestra.counter("rows", 1)
        """
    )
    assert result.returncode == 0, result.stderr.decode()
    first, second = result.stdout.decode().splitlines()
    assert first.startswith("caught: counter 'rows' value: ")
    assert second == '::{"metrics":[{"name":"rows","type":"counter","value":1,"tags":{}}]}::'


def test_closed_stdout_is_a_clear_error() -> None:
    result = run_script(
        """
        import sys
        from kestra import Kestra
        sys.stdout.close()
        try:
            Kestra.counter("rows", 1)
        except OSError as error:
            sys.stderr.write(f"caught: {error}")
        """
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode().startswith("caught: kestra: sys.stdout is closed")


def test_gone_reader_is_a_broken_pipe_error() -> None:
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import sys, time
        from kestra import Kestra
        time.sleep(0.5)
        try:
            Kestra.counter("rows", 1)
        except BrokenPipeError:
            sys.stderr.write("broken pipe")
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert err.startswith(b"broken pipe"), err


def test_fork_while_another_thread_writes() -> None:
    result = run_script(
        """
        import os, signal, threading
        from kestra import Kestra

        stop = False
        stuck = 0

        def spam():
            while not stop:
                Kestra.counter("spam", 1)

        worker = threading.Thread(target=spam)
        worker.start()
        for _ in range(20):
            pid = os.fork()
            if pid == 0:
                signal.alarm(10)  # a child stuck on a lock dies instead of hanging
                Kestra.counter("child", 1)
                os._exit(0)
            stuck += os.waitpid(pid, 0)[1] != 0
        stop = True
        worker.join()
        assert stuck == 0, f"{stuck} children could not write"
        """,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert sum('"name":"child"' in line for line in lines) == 20
    assert all(line.startswith("::{") and line.endswith("}::") for line in lines)
