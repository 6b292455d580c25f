#!/usr/bin/env python3
"""The shared test vectors (tests/vectors/*.json), run through kestra-emit.

Usage: run_vectors.py KESTRA_EMIT [VECTORS_DIR]

Each vector whose call maps to the command line is run, some in two forms:
  outputs       outputs --json JSON(VALUE), and outputs KEY=VALUE / KEY:=JSON
                when VALUE is an object whose keys fit that syntax
  outputs_json  outputs --json TEXT
  counter, timer, gauge
                NAME VALUE [--tag K=V | --tag K:=SCALAR]... [--timestamp T] [--description D]
  log           log LEVEL -- MESSAGE, and log LEVEL - with MESSAGE on stdin
A `line` vector passes when stdout is line + "\\n", stderr is empty and the status 0.
An `error` vector passes when the status is 2, stdout is empty and stderr is the
one line "kestra-emit: MESSAGE", the vector's exact message (for log -,
"kestra-emit: stdin line 1: MESSAGE").
Vectors kestra-emit cannot express (logs, assets, format, a value that is not a
number given as a metric value, a lone surrogate in an argument, NUL in argv, a
cycle, a NaN inside JSON) are counted as "not expressible".
"""
import json
import math
import os
import subprocess
import sys
from pathlib import Path


class NotExpressible(Exception):
    pass


def special(v):
    """The '$' form of a special value: ("$int", "123"), or (None, None)."""
    if isinstance(v, dict) and len(v) == 1:
        (k, x), = v.items()
        if k.startswith("$"):
            return k, x
    return None, None


def utf16_to_str(units):
    data = b"".join(u.to_bytes(2, "little") for u in units)
    try:
        return data.decode("utf-16-le")  # strict: a lone surrogate fails
    except UnicodeDecodeError:
        raise NotExpressible("lone surrogate")


def as_bytes(v):
    """A string value as argv bytes."""
    kind, x = special(v)
    if kind == "$bytes":
        b = bytes.fromhex(x)
    elif kind == "$utf16":
        b = utf16_to_str(x).encode()
    elif isinstance(v, str):
        try:
            b = v.encode("utf-8")
        except UnicodeEncodeError:
            raise NotExpressible("lone surrogate")
    else:
        raise NotExpressible("not a string")
    if b"\0" in b:
        raise NotExpressible("NUL in argv")
    return b


def json_string_bytes(b):
    """A JSON string holding bytes `b` raw (escaping only what JSON requires)."""
    out = bytearray(b'"')
    for c in b:
        if c in (0x22, 0x5C):
            out += b"\\" + bytes([c])
        elif c < 0x20:
            out += b"\\u%04x" % c
        else:
            out.append(c)
    return bytes(out + b'"')


def float_text(x):
    if math.isnan(x) or math.isinf(x):
        raise NotExpressible("NaN or infinity inside JSON")
    return repr(x).encode()


def json_text(v):
    """Our own JSON text for a vector value (bytes)."""
    kind, x = special(v)
    if kind == "$float":
        return float_text(float(x))
    if kind == "$int":
        return str(int(x)).encode()  # JSON has no leading zeros; the value is the same
    if kind in ("$bytes", "$utf16"):
        return json_string_bytes(as_bytes(v))
    if kind == "$nest":
        return b"[" * x["depth"] + json_text(x["leaf"]) + b"]" * x["depth"]
    if kind is not None:
        raise NotExpressible(kind)
    if v is None:
        return b"null"
    if isinstance(v, bool):
        return b"true" if v else b"false"
    if isinstance(v, int):
        return str(v).encode()
    if isinstance(v, float):
        return float_text(v)
    if isinstance(v, str):
        return json_string_bytes(as_bytes(v))
    if isinstance(v, list):
        return b"[" + b",".join(json_text(i) for i in v) + b"]"
    return b"{" + b",".join(json_string_bytes(as_bytes(k)) + b":" + json_text(i) for k, i in v.items()) + b"}"


def number_arg(v):
    """A metric value as the command line gives it."""
    kind, x = special(v)
    if kind in ("$float", "$int"):
        return x.encode()
    if isinstance(v, bool) or kind is not None:
        raise NotExpressible("not a number")
    if isinstance(v, int):
        return str(v).encode()
    if isinstance(v, float):
        return repr(v).encode()  # 'nan' and 'inf' too: kestra-emit passes them to the core
    raise NotExpressible("not a number")


def key_arg(k):
    b = as_bytes(k)
    if b"=" in b or b.endswith(b":"):
        raise NotExpressible("key does not fit KEY=VALUE")
    return b


def tag_arg(k, v):
    key = key_arg(k)
    kind, _ = special(v)
    if isinstance(v, str) or kind in ("$bytes", "$utf16"):
        return key + b"=" + as_bytes(v)
    if isinstance(v, bool):
        return key + b":=" + (b"true" if v else b"false")
    return key + b":=" + number_arg(v)


def forms(vector):
    """The (argv, stdin, stderr_prefix) forms a vector maps to."""
    call, args = vector["call"], vector.get("args", [])
    opts = vector.get("options") or {}
    if call == "outputs_json":
        return [([b"outputs", b"--json", as_bytes(args[0])], b"", b"")]
    if call == "outputs":
        result = [([b"outputs", b"--json", json_text(args[0])], b"", b"")]
        value = args[0]
        if isinstance(value, dict) and special(value)[0] is None and value:
            try:
                pairs = []
                for k, v in value.items():
                    if not as_bytes(k):
                        raise NotExpressible("empty key")
                    if isinstance(v, str) or special(v)[0] in ("$bytes", "$utf16"):
                        pairs.append(key_arg(k) + b"=" + as_bytes(v))
                    else:
                        pairs.append(key_arg(k) + b":=" + json_text(v))
                result.append(([b"outputs", *pairs], b"", b""))
            except NotExpressible:
                pass
        return result
    if call in ("counter", "timer", "gauge"):
        argv = [call.encode(), b"--", as_bytes(args[0]), number_arg(args[1])]
        options = []
        tags = args[2] if len(args) > 2 else None
        if tags is not None:
            if not isinstance(tags, dict) or special(tags)[0] is not None:
                raise NotExpressible("tags not an object")
            for k, v in tags.items():
                options += [b"--tag", tag_arg(k, v)]
        for name in ("timestamp", "description"):
            if name in opts:
                options += [b"--" + name.encode(), as_bytes(opts[name])]
        # Options first, then "--": a name or value starting with "-" stays positional.
        return [([argv[0], *options, *argv[1:]], b"", b"")]
    if call == "log":
        if not isinstance(args[0], str):
            raise NotExpressible("numeric level")  # a command line names its level
        level, message = as_bytes(args[0]), as_bytes(args[1])
        result = [([b"log", level, b"--", message], b"", b"")]
        if b"\n" not in message and b"\r" not in message:
            result.append(([b"log", level, b"-"], message + b"\n", b"log: stdin line 1: "))
        return result
    raise NotExpressible(call)


ARG_MAX_ONE = 131072  # Linux refuses a single argument this long (MAX_ARG_STRLEN)


def fit_argv(cases):
    """Moves a long --json text to stdin; drops other forms with a too long argument."""
    fitted = []
    for argv, stdin, prefix in cases:
        if argv[:2] == [b"outputs", b"--json"] and len(argv[2]) >= ARG_MAX_ONE:
            argv, stdin = [b"outputs", b"--json", b"-"], argv[2]
        if all(len(a) < ARG_MAX_ONE for a in argv):
            fitted.append((argv, stdin, prefix))
    if not fitted:
        raise NotExpressible("argument too long for argv")
    return fitted


def run(binary, argv, stdin):
    return subprocess.run([binary, *argv], input=stdin, capture_output=True, timeout=20)


def judge(vector, proc, stderr_prefix):
    """A problem description, or None."""
    if "line" in vector:
        expected = vector["line"].encode() + b"\n"
        if proc.returncode == 0 and proc.stdout == expected and proc.stderr == b"":
            return None
        return f"expected {expected!r}\n  got status {proc.returncode}, stdout {proc.stdout!r}, stderr {proc.stderr!r}"
    message = vector["error"]["message"].encode()
    # A bad level is refused before stdin is read, so without the line prefix.
    wants = (b"kestra-emit: " + stderr_prefix + message + b"\n", b"kestra-emit: " + message + b"\n")
    if proc.returncode == 2 and proc.stdout == b"" and proc.stderr in wants:
        return None
    return (f"expected status 2 and stderr {wants[0]!r}\n"
            f"  got status {proc.returncode}, stdout {proc.stdout!r}, stderr {proc.stderr!r}")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    vectors_dir = Path(argv[2]) if len(argv) > 2 else Path(__file__).resolve().parents[1] / "vectors"
    passed = failed = skipped = 0
    reasons = {}
    for path in sorted(vectors_dir.glob("*.json")):
        for vector in json.loads(path.read_text(encoding="utf-8"))["vectors"]:
            try:
                cases = fit_argv(forms(vector))
            except NotExpressible as e:
                skipped += 1
                reasons[str(e)] = reasons.get(str(e), 0) + 1
                continue
            for argv_, stdin, prefix in cases:
                problem = judge(vector, run(binary, argv_, stdin), prefix)
                if problem:
                    failed += 1
                    print(f"FAIL {path.name}: {vector['name']}\n  argv {argv_!r}\n  {problem}")
                else:
                    passed += 1
    if skipped:
        print("not expressible: " + ", ".join(f"{n} {r}" for r, n in sorted(reasons.items())))
    print(f"{passed} passed, {failed} failed, {skipped} not expressible")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
