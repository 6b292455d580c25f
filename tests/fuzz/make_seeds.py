#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target from the shared vectors.

Usage: make_seeds.py OUT_DIR    (creates OUT_DIR/<target>/, one file per seed)

The vectors hold the interesting inputs already (every special string, number
and nesting case, every error); here they are turned into each target's input
encoding: a mode byte + JSON text for the reader, byte-coded call programs for
the builder and record targets (the encoding of program.hpp), a capacity byte +
line for check_line (also as UTF-16 units, for its twin). Generated seeds are
not committed.
"""
import glob
import hashlib
import json
import os
import struct
import sys

# The vector format's $ forms are read as the vector oracle reads them.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors"))
from oracle import special  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Op numbers of program.hpp (enum Op), in order.
OPS = ("begin_object end_object begin_array end_array key key_utf16 string string_utf16 int64 uint64 "
       "integer_text double bool null json unsupported nest unnest finish check_line "
       "begin_outputs begin_assets begin_message begin_logs begin_metric begin_metric_utf16 timestamp "
       "description description_utf16 log log_utf16 log_named reset copy_line write write_line levels").split()
OP = {name: i for i, name in enumerate(OPS)}
LEVELS = {"TRACE": 0, "DEBUG": 1, "INFO": 2, "WARN": 3, "WARNING": 3, "ERROR": 4, "CRITICAL": 4, "FATAL": 4}
METRIC_TYPES = {"counter": 0, "timer": 1, "gauge": 2}


class Skip(Exception):
    """A vector this encoding cannot express (a string longer than 65,535 bytes)."""


def text(b):
    """program.hpp text_arg: a 'how' byte (0: with its length), then the bytes."""
    if len(b) < 255:
        return bytes([0, len(b)]) + b
    if len(b) > 0xFFFF:
        raise Skip()
    return bytes([0, 255]) + struct.pack("<H", len(b)) + b


def units(u):
    if len(u) > 254:
        raise Skip()
    return bytes([0, len(u)]) + b"".join(struct.pack("<H", x) for x in u)


def string_bytes(v):
    """A vector string (plain, $bytes or $utf16) as UTF-8 bytes, lone surrogates kept."""
    s = special(v)
    if s and s[0] == "$bytes":
        return bytes.fromhex(s[1])
    if s and s[0] == "$utf16":
        return b"".join(struct.pack("<H", x) for x in s[1]).decode("utf-16-le", "surrogatepass").encode(
            "utf-8", "surrogatepass")
    return v.encode("utf-8", "surrogatepass")


def string_op(kind, v):
    s = special(v)
    if s and s[0] == "$utf16":
        return bytes([OP[kind + "_utf16"]]) + units(s[1])
    return bytes([OP[kind]]) + text(string_bytes(v))


def value(v):
    s = special(v)
    if s:
        k, x = s
        if k == "$float":
            return bytes([OP["double"]]) + struct.pack("<d", float(x))
        if k == "$int":
            return integer(int(x))
        if k in ("$utf16", "$bytes"):
            return string_op("string", v)
        if k == "$nest":
            d = x["depth"]
            if d >= 1100:  # program.hpp nests at most 1,099 levels per op
                raise Skip()
            if d == 0:
                return value(x["leaf"])
            n = struct.pack("<H", d - 1)  # program.hpp opens 1 + n % 1099
            return bytes([OP["nest"]]) + n + value(x["leaf"]) + bytes([OP["unnest"]]) + n
        if k == "$cycle":
            return (bytes([OP["begin_object"], 1, OP["key"]]) + text(x.encode()) +
                    bytes([OP["begin_object"], 1, OP["end_object"], OP["end_object"]]))
    if v is None:
        return bytes([OP["null"]])
    if isinstance(v, bool):
        return bytes([OP["bool"], 2 if v else 1])
    if isinstance(v, int):
        return integer(v)
    if isinstance(v, float):
        return bytes([OP["double"]]) + struct.pack("<d", v)
    if isinstance(v, str):
        return string_op("string", v)
    if isinstance(v, list):
        return bytes([OP["begin_array"], 0]) + b"".join(value(x) for x in v) + bytes([OP["end_array"]])
    out = bytes([OP["begin_object"], 0])
    for k, x in v.items():
        out += string_op("key", k) + value(x)
    return out + bytes([OP["end_object"]])


def integer(i):
    if -2**63 <= i < 2**63:
        return bytes([OP["int64"]]) + struct.pack("<q", i)
    return bytes([OP["integer_text"]]) + text(str(i).encode())


def metric(call, args, options):
    name = args[0]
    s = special(name)
    if s and s[0] == "$utf16":
        out = bytes([OP["begin_metric_utf16"], METRIC_TYPES[call]]) + units(s[1])
    else:
        out = bytes([OP["begin_metric"], METRIC_TYPES[call]]) + text(string_bytes(name))
    out += value(args[1])
    for k, x in ((args[2] if len(args) > 2 else None) or {}).items():
        out += string_op("key", k) + value(x)
    if "timestamp" in (options or {}):
        out += bytes([OP["timestamp"]]) + text(string_bytes(options["timestamp"]))
    if "description" in (options or {}):
        out += string_op("description", options["description"])
    return out


def log_entry(level, message):
    s = special(message)
    if isinstance(level, int):  # a kestra_level number (any int: the core refuses those out of range)
        return bytes([OP["log"], level & 0xFF]) + text(string_bytes(message))
    if s and s[0] == "$utf16" and isinstance(level, str) and level.upper() in LEVELS:
        return bytes([OP["log_utf16"], LEVELS[level.upper()]]) + units(s[1])
    return bytes([OP["log_named"]]) + text(string_bytes(level)) + text(string_bytes(message))


def program(vec):
    """The records target's program for one vector (begin, values, finish)."""
    call, args = vec["call"], vec["args"]
    if call in METRIC_TYPES:
        body = metric(call, args, vec.get("options"))
    elif call == "log":
        body = bytes([OP["begin_logs"]]) + log_entry(*args)
    elif call == "logs":
        body = bytes([OP["begin_logs"]]) + b"".join(log_entry(*e) for e in args[0])
    elif call == "outputs_json":
        body = bytes([OP["begin_outputs"], OP["json"]]) + text(string_bytes(args[0]))
    else:
        # encrypted_outputs has the outputs' rules; the program encoding has no op of its own for it.
        begin = {"outputs": "begin_outputs", "encrypted_outputs": "begin_outputs", "assets": "begin_assets",
                 "format": "begin_message"}[call]
        body = bytes([OP[begin]]) + value(args[0])
    return body + bytes([OP["finish"], OP["write"], OP["copy_line"], 0, 4])


def context_seeds():
    """The context target's inputs: mode byte, path, NUL, text; from tests/vectors/context."""
    folder = os.path.join(ROOT, "tests", "vectors", "context")
    with open(os.path.join(folder, "cases.json"), encoding="utf-8") as f:
        paths = [lk["path"].encode("utf-8") for lk in json.load(f)["lookups"]]
    out = []
    for name in sorted(os.listdir(os.path.join(folder, "files"))):
        with open(os.path.join(folder, "files", name), "rb") as f:
            text = f.read()
        out += [b"\x00" + p + b"\x00" + text for p in (paths if name == "full.json" else [b"", b"inputs.user"])]
    out += [b"\x01a\x00eyJhIjoiPz4ifQ", b"\x01\x00not base64!", b"\x01a.b\x00eyJhIjp7ImIiOjF9fQ=="]
    return out


def seeds(vectors, samples):
    out = {"reader": [], "builder": [], "records": [], "check_line": [], "summary": [], "context": context_seeds()}
    for vec in vectors:
        call, args = vec["call"], vec["args"]
        try:
            out["records"].append(program(vec))
            if call in ("outputs", "assets", "format"):
                mode = {"outputs": 0, "format": 1, "assets": 2}[call]
                out["builder"].append(bytes([mode]) + value(args[0]) + bytes([OP["finish"]]))
            if call == "outputs_json":
                t = string_bytes(args[0])
                out["reader"] += [bytes([mode]) + t for mode in (0, 2, 3)]
        except Skip:
            pass
        if "line" in vec:
            line = vec["line"].encode()
            out["reader"].append(b"\x01" + line[2:-2])
            out["check_line"].append(b"\xc8" + line)
    for line in samples:
        out["check_line"] += [b"\xc8" + line, b"\x10" + line, b"\xc8 " + line, b"\xc8" + line + b"\r"]
    # The same lines as UTF-16 units, for kestra_check_line_utf16 (the target reads the
    # bytes after the capacity byte as little-endian units too), and with a lone surrogate.
    texts = [vec["line"] for vec in vectors if "line" in vec][::4]
    for line in samples:
        try:
            texts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    for t in texts:
        lone = t[: len(t) // 2] + "\ud800" + t[len(t) // 2:]
        out["check_line"] += [b"\xc8" + u.encode("utf-16-le", "surrogatepass") for u in (t, lone)]
    # summary: whole outputs of a script, some lines split across chunks (0x00) and streams
    lines = [vec["line"].encode() for vec in vectors if "line" in vec] + list(samples)
    for i in range(0, len(lines), 8):
        group = lines[i:i + 8]
        out["summary"].append(b"\n".join(group) + b"\n")
        out["summary"].append(b"\r\n".join(line[: len(line) // 2] + b"\x00" + line[len(line) // 2:] for line in group))
    out["reader"] += [b"\x04" + n for n in (b"0", b"-0.0", b"1e400", b"-1e-400", b"123456789012345678901234567890")]
    return out


def main():
    target_dir = sys.argv[1]
    vectors = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", "*.json"))):
        with open(path, encoding="utf-8") as f:
            vectors += json.load(f)["vectors"]
    samples = []
    with open(os.path.join(ROOT, "tests", "conformance", "samples.txt"), encoding="utf-8") as f:
        for row in f:
            if row.strip() and not row.startswith("#"):
                vec = json.loads(row)
                if "line" in vec:
                    samples.append(vec["line"].encode("utf-8", "surrogatepass"))
    total = 0
    for target, inputs in seeds(vectors, samples).items():
        d = os.path.join(target_dir, target)
        os.makedirs(d, exist_ok=True)
        for data in inputs:
            with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
                f.write(data)
        total += len(inputs)
    print(f"{total} seeds written to {target_dir}")


if __name__ == "__main__":
    main()
