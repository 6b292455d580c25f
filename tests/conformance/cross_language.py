#!/usr/bin/env python3
"""Cross-language runner: every shared vector through C, C++, Python, Node, kestra-emit, R, Go and Ruby.

For every vector in tests/vectors/*.json, each language's producer (producers/, each reusing
its own suite's call mapping) makes the vector's call and reports the line written, the error
raised, or that the language cannot express the call. This checks that

- every language that expressed a vector wrote exactly the vector's `line` (Node and R:
  `line_untyped` when there is one), or failed with the vector's error kind (where the
  language reports it) and exactly the vector's message;
- so all languages agree with each other, byte for byte;
- Kestra's own parser (the JVM harness, target/harness) reads every distinct line produced
  as the vector means it (the checks of kestra_reading.py).

Then prints a table record kind x language (vectors checked / not expressible) and
"N passed, M failed"; exits non-zero on any failure, or when a language is not built
(unless --allow-missing).

Standard library only. The packages must be built first (scripts/test.sh does):
build/core/libkestra.a and build/shell/kestra-emit (scripts/build_core.sh build; another
build folder with KESTRA_BUILD_DIR), the Python venv (tests/python/run.sh; KESTRA_VENV),
node/kestra.node (tests/node/run.sh or `cd node && npm install`), the R package in
build-r/kestra.Rcheck (tests/r/run.sh; another R library with KESTRA_R_LIB), target/harness (run.sh).
"""

import argparse
import collections
import concurrent.futures
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from decimal import Decimal

import kestra_reading  # the meaning checks (same folder)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PRODUCERS = os.path.join(HERE, "producers")

LANGUAGES = ["C", "C++", "Python", "Node", "kestra-emit", "R", "Go", "Ruby"]
# One number type (Node), or integral doubles written as integers (R, as jsonlite does):
# these write line_untyped where the vector has one.
UNTYPED = {"Node", "R"}
KINDS = ["outputs", "outputs_json", "encrypted_outputs", "counter", "timer", "gauge", "log", "logs", "assets", "format"]


class Missing(Exception):
    """A language's package (or the harness) is not built."""


class Failed(Exception):
    """A producer could not run."""


# ---------------------------------------------------------------- producers

def native_producer(name, build_dir):
    """Compiles producers/NAME.cpp against the core's static library when out of date."""
    lib = os.path.join(build_dir, "core", "libkestra.a")
    if not os.path.isfile(lib):
        raise Missing("%s not found (build it: bash scripts/build_core.sh %s)" % (lib, build_dir))
    src = os.path.join(PRODUCERS, name + ".cpp")
    exe = os.path.join(HERE, "target", "producers", name)
    cxx = os.environ.get("CXX") or shutil.which("c++") or "g++"
    cmd = [cxx, "-std=c++17", "-O1", "-Wall", "-Wextra",
           "-I" + os.path.join(ROOT, "core", "include"), "-I" + os.path.join(ROOT, "tests", "core"),
           src, "-o", exe, lib, "-lsimdjson", "-pthread"]
    deps = [src, lib, os.path.join(PRODUCERS, "producer_io.hpp"),
            os.path.join(ROOT, "tests", "core", "vector_calls.hpp")]
    deps += glob.glob(os.path.join(ROOT, "core", "include", "kestra", "*"))
    stamp = exe + ".cmd"
    fresh = (os.path.isfile(exe) and os.path.isfile(stamp)
             and all(os.path.getmtime(d) <= os.path.getmtime(exe) for d in deps))
    if fresh:
        with open(stamp, encoding="utf-8") as fh:
            fresh = fh.read() == shlex.join(cmd)
    if not fresh:
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        if proc.returncode != 0:
            raise Failed("compiling %s failed:\n%s" % (name, proc.stdout.decode("utf-8", "replace")[-3000:]))
        with open(stamp, "w", encoding="utf-8") as fh:
            fh.write(shlex.join(cmd))
    return [exe, os.path.join(ROOT, "tests", "vectors")]


def python_producer(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.access(py, os.X_OK):
        raise Missing("no Python venv at %s (build it: bash tests/python/run.sh)" % venv)
    if subprocess.run([py, "-c", "import kestra"], capture_output=True, check=False).returncode != 0:
        raise Missing("the kestra package is not installed in %s (bash tests/python/run.sh)" % venv)
    return [py, os.path.join(PRODUCERS, "python_producer.py")]


def node_producer():
    node = shutil.which("node")
    if not node:
        raise Missing("node is not on PATH")
    package = os.path.join(ROOT, "node")
    probe = subprocess.run([node, "-e", "require(process.argv[1])", package], capture_output=True, check=False)
    if probe.returncode != 0:
        raise Missing("the Node package in %s does not load (build it: cd node && npm install): %s"
                      % (package, probe.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]))
    return [node, os.path.join(PRODUCERS, "node_producer.js")]


def shell_producer(build_dir):
    emit = os.path.join(build_dir, "shell", "kestra-emit")
    if not os.access(emit, os.X_OK):
        raise Missing("%s not found (build it: bash scripts/build_core.sh %s)" % (emit, build_dir))
    return [sys.executable, os.path.join(PRODUCERS, "shell_producer.py"), emit]


def r_producer(library):
    rscript = shutil.which("Rscript")
    if not rscript:
        raise Missing("Rscript is not on PATH")
    probe = subprocess.run([rscript, "-e", "library(kestra, lib.loc = commandArgs(TRUE)[1])", library],
                           capture_output=True, check=False)
    if probe.returncode != 0:
        raise Missing("the R package does not load from %s (build it: bash tests/r/run.sh)" % library)
    return [rscript, os.path.join(PRODUCERS, "r_producer.R"), library]


def go_producer():
    """Builds tests/go/producer (go build caches; cgo compiles go/'s copy of the core)."""
    go = shutil.which("go") or ("/usr/local/go/bin/go" if os.access("/usr/local/go/bin/go", os.X_OK) else None)
    if not go:
        raise Missing("go is not on PATH")
    exe = os.path.join(HERE, "target", "producers", "go_producer")
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod")
    proc = subprocess.run([go, "build", "-o", exe, "./producer"], cwd=os.path.join(ROOT, "tests", "go"),
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    if proc.returncode != 0:
        raise Failed("building the Go producer failed:\n%s" % proc.stdout.decode("utf-8", "replace")[-3000:])
    return [exe, os.path.join(ROOT, "tests", "vectors")]


def ruby_producer():
    """Builds the gem's extension into build-ruby/ (ruby/build_ext.sh, incremental)."""
    if not shutil.which("ruby"):
        raise Missing("ruby is not on PATH")
    build = os.path.join(ROOT, "build-ruby")
    proc = subprocess.run(["bash", os.path.join(ROOT, "ruby", "build_ext.sh"), build],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    if proc.returncode != 0:
        raise Failed("building the Ruby extension failed:\n%s" % proc.stdout.decode("utf-8", "replace")[-3000:])
    return ["ruby", "-I" + os.path.join(ROOT, "ruby", "lib"), "-I" + os.path.join(build, "lib"),
            os.path.join(PRODUCERS, "ruby_producer.rb")]


def producer_command(lang, args):
    if lang == "C":
        return native_producer("c_producer", args.build_dir)
    if lang == "C++":
        return native_producer("cpp_producer", args.build_dir)
    if lang == "Python":
        return python_producer(args.venv)
    if lang == "Node":
        return node_producer()
    if lang == "R":
        return r_producer(args.r_library)
    if lang == "Go":
        return go_producer()
    if lang == "Ruby":
        return ruby_producer()
    return shell_producer(args.build_dir)


def run_producer(lang, cmd):
    """The producer's records, keyed by (file, index), each a list (one per form)."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        raise Failed("%s producer exited with %d: %s" % (lang, proc.returncode,
                                                          proc.stderr.decode("utf-8", "replace")[-2000:]))
    records = collections.defaultdict(list)
    for text in proc.stdout.decode("utf-8", "surrogateescape").splitlines():
        record = json.loads(text)
        records[(record["file"], record["index"])].append(record)
    return records


# ---------------------------------------------------------------- checks

def load_vectors(folder):
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            for index, vec in enumerate(json.load(fh)["vectors"]):
                out.append((os.path.basename(path), index, vec))
    return out


def judge(lang, vec, record):
    """A problem with one produced outcome, or None."""
    if "problem" in record:
        return record["problem"]
    if "line" in vec:
        want = vec.get("line_untyped", vec["line"]) if lang in UNTYPED else vec["line"]
        if "line" not in record:
            return "want the line, got the error %s" % kestra_reading.short(record.get("error"))
        if record["line"] != want:
            got = record["line"]
            at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
            return "line differs at character %d:\n       got  %s\n       want %s" % (
                at, kestra_reading.short(got[max(0, at - 40):], 160), kestra_reading.short(want[max(0, at - 40):], 160))
        return None
    kind, field = vec["error"]["kind"], vec["error"]["field"]
    if "error" not in record:
        return "want a %s error at %s, but it wrote %s" % (kind, field, kestra_reading.short(record.get("line")))
    err = record["error"]
    if err.get("kind") is not None and err["kind"] != kind:
        return "want error kind %s, got %s: %s" % (kind, err["kind"], kestra_reading.short(err["message"]))
    if err.get("kind") is None and "kinds" in err and kind not in err["kinds"]:
        return "want error kind %s, got a %s (%s)" % (kind, err.get("class"), "/".join(err["kinds"]))
    if err["message"] != vec["error"]["message"]:
        return "want the message %s, got %s" % (kestra_reading.short(vec["error"]["message"]),
                                                kestra_reading.short(err["message"]))
    return None


def harness_version(cmd):
    proc = subprocess.run(cmd + ["--version"], capture_output=True, check=False)
    return proc.stdout.decode("utf-8", "replace").strip() or "?"


def meaning_failures(harness, produced):
    """produced: {(line, vector key): (vec, untyped)}. Returns (checked, [failure text])."""
    lines = sorted({line for line, _ in produced})
    raw = dict(zip(lines, kestra_reading.run_harness(harness, lines)))
    failures = []
    for (line, key), (vec, untyped) in sorted(produced.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        text = raw[line]
        try:
            kestra_reading.check(vec, json.loads(text), json.loads(text, parse_float=Decimal), untyped)
        except kestra_reading.Unsupported as e:
            failures.append("%s: %s: the checker cannot rebuild the meaning: %s" % (key[0], vec["name"], e))
        except kestra_reading.Mismatch as e:
            failures.append("%s: %s: Kestra reads %s as: %s" % (key[0], vec["name"], kestra_reading.short(line), e))
    return len(produced), failures


# ---------------------------------------------------------------- table

# Languages whose strings are bytes, with no UTF-16 form to hand the core.
NO_LONE_SURROGATES = {"R", "Go"}


def has_lone_surrogate(v):
    """True when a vector's call holds a $utf16 string with an unpaired surrogate."""
    if isinstance(v, dict):
        if len(v) == 1 and "$utf16" in v:
            units, i = v["$utf16"], 0
            while i < len(units):
                u = units[i]
                if 0xD800 <= u <= 0xDBFF and i + 1 < len(units) and 0xDC00 <= units[i + 1] <= 0xDFFF:
                    i += 2
                    continue
                if 0xD800 <= u <= 0xDFFF:
                    return True
                i += 1
            return False
        return any(has_lone_surrogate(x) for k, x in v.items() if k != "error")
    if isinstance(v, list):
        return any(has_lone_surrogate(x) for x in v)
    return False


def table(counts, vectors_per_kind, status, markdown):
    head = ["record kind", "vectors"] + LANGUAGES
    rows = []
    for kind in KINDS + ["all"]:
        row = [kind, str(vectors_per_kind[kind])]
        for lang in LANGUAGES:
            if lang in status:
                row.append(status[lang])
            else:
                checked, ne = counts[lang][kind]
                row.append("%d / %d" % (checked, ne))
        rows.append(row)
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        out += ["| " + " | ".join(("**%s**" % c if r[0] == "all" else c) for c in r) + " |" for r in rows]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [head] + rows)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default=os.environ.get("KESTRA_BUILD_DIR") or os.path.join(ROOT, "build"),
                    help="the core's CMake build folder (default: $KESTRA_BUILD_DIR, else build/)")
    ap.add_argument("--venv", default=os.environ.get("KESTRA_VENV") or os.path.join(ROOT, ".venv"),
                    help="the venv with the Python package (default: $KESTRA_VENV, else .venv/)")
    ap.add_argument("--r-library", default=os.environ.get("KESTRA_R_LIB") or os.path.join(ROOT, "build-r", "kestra.Rcheck"),
                    help="the R library with the kestra package (default: $KESTRA_R_LIB, else build-r/kestra.Rcheck)")
    ap.add_argument("--harness", default=os.path.join(HERE, "target", "harness"),
                    help="command that runs the JVM harness (default: target/harness, written by run.sh)")
    ap.add_argument("--allow-missing", action="store_true",
                    help="skip a language (or the harness) that is not built instead of failing")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--verbose", "-v", action="store_true", help="also list why vectors are not expressible")
    args = ap.parse_args()
    args.build_dir = os.path.abspath(args.build_dir)
    args.r_library = os.path.abspath(args.r_library)
    sys.setrecursionlimit(20000)  # vectors nest 1,000 deep
    start = time.monotonic()

    vectors = load_vectors(os.path.join(ROOT, "tests", "vectors"))
    failures, missing, status, results = [], [], {}, {}

    commands = {}
    for lang in LANGUAGES:
        try:
            commands[lang] = producer_command(lang, args)
        except Missing as e:
            missing.append("%s: not built: %s" % (lang, e))
            status[lang] = "not built"
        except Failed as e:
            failures.append("%s: %s" % (lang, e))
            status[lang] = "failed"
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {lang: pool.submit(run_producer, lang, cmd) for lang, cmd in commands.items()}
        for lang, future in futures.items():
            try:
                results[lang] = future.result()
            except (Failed, ValueError, KeyError) as e:
                failures.append("%s: producer failed: %s" % (lang, e))
                status[lang] = "failed"

    # Bytes: every outcome against the vector (so every language against every other).
    passed = 0
    counts = {lang: collections.defaultdict(lambda: [0, 0]) for lang in LANGUAGES}
    vectors_per_kind = collections.Counter()
    reasons = {lang: collections.Counter() for lang in LANGUAGES}
    produced = {}  # (line, (file, index)) -> (vector, untyped)
    worded = []  # error vectors whose reasons (after "FIELD: ") differ between languages
    for file, index, vec in vectors:
        key, kind = (file, index), vec["call"]
        vectors_per_kind[kind] += 1
        vectors_per_kind["all"] += 1
        messages = collections.defaultdict(list)
        for lang, records in results.items():
            got = records.get(key)
            if not got:
                failures.append("%s: %s: %s wrote no outcome for it" % (file, vec["name"], lang))
                continue
            if lang in NO_LONE_SURROGATES and has_lone_surrogate(vec):
                # Its strings are bytes: a lone surrogate can only be given in its 3-byte
                # form, another input (invalid UTF-8) with another message.
                got = [{"not_expressible": "a lone surrogate (%s strings are bytes)" % lang}]
            if len(got) == 1 and "not_expressible" in got[0]:
                for k in (kind, "all"):
                    counts[lang][k][1] += 1
                reasons[lang][got[0]["not_expressible"]] += 1
                continue
            for k in (kind, "all"):
                counts[lang][k][0] += 1
            for record in got:
                problem = judge(lang, vec, record)
                form = " (%s)" % record["form"] if "form" in record else ""
                if problem:
                    failures.append("%s: %s: %s%s: %s" % (file, vec["name"], lang, form, problem))
                else:
                    passed += 1
                if "line" in record and "problem" not in record:
                    untyped = "line_untyped" in vec and record["line"] != vec.get("line")
                    produced[(record["line"], key)] = (vec, untyped)
                if "error" in record:
                    messages[record["error"]["message"]].append(lang + form)
        if len(messages) > 1:
            worded.append("%s: %s:\n" % (file, vec["name"]) + "\n".join(
                "       %s: %s" % (", ".join(who), kestra_reading.short(m)) for m, who in messages.items()))

    # Meaning: every distinct line produced, through Kestra's own parser.
    harness = shlex.split(args.harness)
    version = "not run"
    if not os.access(harness[0], os.X_OK):
        missing.append("harness: %s not found (build it: bash tests/conformance/run.sh)" % harness[0])
    elif produced:
        version = harness_version(harness)
        checked, meaning = meaning_failures(harness, produced)
        passed += checked - len(meaning)
        failures += meaning

    print("Kestra io.kestra:core %s; record kind x language: vectors checked / not expressible" % version)
    print(table(counts, vectors_per_kind, status, args.markdown))
    if args.verbose:
        for lang in LANGUAGES:
            if reasons[lang]:
                print("%s not expressible: %s" % (lang, "; ".join("%d %s" % (n, r) for r, n in reasons[lang].most_common())))
    print("%d distinct (line, vector) pairs read by Kestra's parser" % len(produced))
    if worded:
        print("note: %d error vectors are refused with different messages in some languages "
              "(each such language fails above: a vector fixes the exact message)%s"
              % (len(worded), ":" if args.verbose else "; -v lists them"))
        if args.verbose:
            print("\n".join("  " + w for w in worded))
    for text in missing:
        print(("SKIPPED " if args.allow_missing else "MISSING ") + text)
    for text in failures:
        print("FAIL " + text)
    failed = len(failures) + (0 if args.allow_missing else len(missing))
    print("cross-language: %.1f s" % (time.monotonic() - start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
