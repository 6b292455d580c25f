"""Kestra.read and Kestra.iter_read: the shared Ion vectors (tests/vectors/ion),
the same results as the official package kestra 2.0.0 (installed in its own
virtual environment under the test's temporary directory), and streaming."""
from __future__ import annotations

import json
import os
import pathlib
import random
import subprocess
import sys
import threading
import venv

import pytest

from ion_tagged import tag_rows
from kestra import Kestra

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "vectors" / "ion"
CASES = json.loads((VECTORS / "expected.json").read_text(encoding="utf-8"))["cases"]
GOOD = [c for c in CASES if "rows" in c]
BAD = [c for c in CASES if "error" in c]
EXCEPTIONS = {"type": TypeError, "io": OSError}


@pytest.mark.parametrize("case", GOOD, ids=[c["file"] for c in GOOD])
def test_vector_rows(case):
    path = VECTORS / case["file"]
    assert tag_rows(Kestra.read(str(path))) == case["rows"]
    assert tag_rows(Kestra.iter_read(path)) == case["rows"]


@pytest.mark.parametrize("case", BAD, ids=[c["file"] for c in BAD])
def test_vector_errors(case):
    path = VECTORS / case["file"]
    error = EXCEPTIONS.get(case["error"]["kind"], ValueError)
    with pytest.raises(error) as raised:
        Kestra.read(path)
    assert str(raised.value) == case["error"]["message"]
    assert raised.value.kind == case["error"]["kind"]
    # iter_read gives the rows before the error first.
    rows = Kestra.iter_read(path)
    for _ in range(case["rows_before_error"]):
        assert isinstance(next(rows), dict)
    with pytest.raises(error):
        next(rows)


def test_missing_file_raises_as_open_does(tmp_path):
    with pytest.raises(FileNotFoundError):
        Kestra.read(tmp_path / "absent.ion")
    with pytest.raises(IsADirectoryError):
        Kestra.read(tmp_path)


def test_iter_read_streams_row_by_row(tmp_path):
    """The first row comes out before the rest of the file exists: a FIFO whose
    writer waits for the reader's first row before writing the second."""
    fifo = tmp_path / "rows.ion"
    os.mkfifo(fifo)
    first_row_seen = threading.Event()

    def writer():
        with open(fifo, "w") as out:
            out.write('{n:1, s:"first"}\n')
            out.flush()
            first_row_seen.wait(30)
            out.write("{n:2}\n")

    thread = threading.Thread(target=writer)
    thread.start()
    rows = Kestra.iter_read(fifo)
    assert next(rows) == {"n": 1, "s": "first"}
    first_row_seen.set()
    assert list(rows) == [{"n": 2}]
    thread.join()


def random_corpus(seed: int, count: int) -> str:
    """Rows of mixed Ion values, as Kestra's FileSerde and others write them."""
    rng = random.Random(seed)
    scalars = [
        lambda: str(rng.randint(-10**30, 10**30)),
        lambda: f"{rng.randint(-99999, 99999)}.{rng.randint(0, 999999):06d}",
        lambda: f"{rng.uniform(-1e6, 1e6)!r}e0",
        lambda: rng.choice(["nan", "+inf", "-inf", "true", "false", "null", "null.int", "null.string"]),
        lambda: json.dumps("".join(rng.choice("abcé€\"\\\n\t😀 ") for _ in range(rng.randint(0, 12)))),
        lambda: f"20{rng.randint(10, 30)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
                f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}."
                f"{rng.randint(0, 999999):0{rng.randint(1, 9)}d}{rng.choice(['Z', '+05:30', '-08:00', '-00:00'])}",
        lambda: f'"20{rng.randint(10, 30)}-{rng.randint(1, 12):02d}-{rng.randint(1, 31):02d}T'
                f'{rng.randint(0, 24):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 60):02d}"',
        lambda: 'LocalDateTime::"2024-04-21T13:43:24.' + str(rng.randint(0, 999)) + '"',
        lambda: "{{aGVsbG8gd29ybGQ=}}",
        lambda: '{{"clob"}}',
        lambda: f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        # Symbol IDs: the system table's and the local table's below, bare or annotating.
        lambda: f"{rng.choice(['', '$4::', '$11::'])}${rng.randint(1, 12)}",
    ]

    def value(depth: int) -> str:
        roll = rng.random()
        if depth < 3 and roll < 0.1:
            return "[" + ", ".join(value(depth + 1) for _ in range(rng.randint(0, 4))) + "]"
        if depth < 3 and roll < 0.2:
            return "{" + ", ".join(f"k{i}:{value(depth + 1)}" for i in range(rng.randint(0, 4))) + "}"
        return rng.choice(scalars)()

    # $10-$12 for the symbol IDs above.
    return '$ion_symbol_table::{symbols:["s10", "s11", "s12"]}\n' + "".join(
        "{" + ", ".join(f"c{i}:{value(0)}" for i in range(rng.randint(1, 8))) + "}\n" for _ in range(count))


OFFICIAL_PROGRAM = """
import json, sys
sys.path.insert(0, sys.argv[1])
from ion_tagged import tag_rows
from kestra import Kestra
out = {}
for path in sys.argv[2:]:
    try:
        out[path] = tag_rows(Kestra.read(path))
    except Exception as e:
        out[path] = "error: " + type(e).__name__
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def official_python(tmp_path_factory):
    """A virtual environment holding the official kestra 2.0.0 from PyPI."""
    env = tmp_path_factory.mktemp("official") / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "kestra==2.0.0"], check=True, timeout=300)
    return python


def test_same_results_as_the_official_package(official_python, tmp_path):
    files = [str(VECTORS / c["file"]) for c in CASES]
    for seed in range(3):
        corpus = tmp_path / f"random_{seed}.ion"
        corpus.write_text(random_corpus(seed, 300), encoding="utf-8")
        files.append(str(corpus))
    run = subprocess.run([str(official_python), "-c", OFFICIAL_PROGRAM, str(pathlib.Path(__file__).parent), *files],
                         check=True, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    official = json.loads(run.stdout)
    compared = 0
    for path in files:
        try:
            ours = tag_rows(Kestra.read(path))
        except (TypeError, ValueError) as e:
            ours = "error: " + type(e).__name__
        if isinstance(official[path], str):
            # The official raises IonException, UnicodeDecodeError or TypeError.
            assert isinstance(ours, str), f"{path}: the official fails ({official[path]}), ours does not"
        else:
            assert ours == official[path], path
            compared += len(ours)
    assert compared > 900
