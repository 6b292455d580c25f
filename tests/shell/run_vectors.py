#!/usr/bin/env python3
"""The shared test vectors (tests/vectors/*.json), run through kestra-emit.

Usage: run_vectors.py KESTRA_EMIT [VECTORS_DIR]

Each vector whose call maps to the command line is run, some in two forms:
  outputs       outputs --json JSON(VALUE), and outputs KEY=VALUE / KEY:=JSON
                when VALUE is an object whose keys fit that syntax
  outputs_json  outputs --json TEXT
  encrypted_outputs  as outputs, with --encrypted
  counter, timer, gauge
                NAME VALUE [--tag K=V | --tag K:=SCALAR]... [--timestamp T] [--description D]
  log           log LEVEL -- MESSAGE, and log LEVEL - with MESSAGE on stdin
A `line` vector passes when stdout is line + "\\n", stderr is empty and the status 0.
An `error` vector passes when the status is 2, stdout is empty and stderr is the
one line "kestra-emit: MESSAGE", the vector's exact message (for log -,
"kestra-emit: stdin line 1: MESSAGE").
Vectors kestra-emit cannot express (logs, assets, format, a value that is not a
number given as a metric value, NUL in a name or message argument, a cycle, a NaN
inside JSON) are counted as "not expressible"; the summary counts vectors run and
not expressible (they must add up to all vectors) apart from the forms that ran.
What argv cannot hold is escaped in JSON text (NUL as \\u0000, a lone surrogate as
\\udXXX); a lone surrogate elsewhere is not expressible.
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


def text_bytes(v):
    """A string value as bytes. Bytes cannot hold a lone surrogate (its 3-byte
    form is invalid UTF-8, another input with another message): such a string
    is not expressible outside a JSON text, which escapes it."""
    kind, x = special(v)
    if kind == "$bytes":
        return bytes.fromhex(x)
    if kind == "$utf16":
        v = utf16_units_to_str(x)
    if isinstance(v, str):
        try:
            return v.encode("utf-8")
        except UnicodeEncodeError:
            raise NotExpressible("lone surrogate in an argument")
    raise NotExpressible("not a string")


def utf16_units_to_str(units):
    """Code units to a str that may hold lone surrogates."""
    return b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le", "surrogatepass")


def as_bytes(v):
    """A string value as one argv argument, which cannot hold NUL."""
    b = text_bytes(v)
    if b"\0" in b:
        raise NotExpressible("NUL in argv")
    return b


def json_string(v):
    """A JSON string literal for a string value, raw where argv can carry the text
    and escaped where it cannot: NUL and other controls as \\u00XX, a lone
    surrogate as its \\uDXXX escape (so the JSON text means exactly the value),
    and raw bytes ($bytes, possibly invalid UTF-8) as they are."""
    kind, x = special(v)
    out = bytearray(b'"')
    if kind == "$bytes":
        for c in bytes.fromhex(x):
            out += escaped_byte(c)
        return bytes(out + b'"')
    if kind == "$utf16":
        v = utf16_units_to_str(x)
    if not isinstance(v, str):
        raise NotExpressible("not a string")
    for ch in v:
        if 0xD800 <= ord(ch) <= 0xDFFF:  # lone: a pair was decoded into one character
            out += b"\\u%04x" % ord(ch)
        elif ord(ch) < 0x80:
            out += escaped_byte(ord(ch))
        else:
            out += ch.encode("utf-8")
    return bytes(out + b'"')


def escaped_byte(c):
    if c in (0x22, 0x5C):
        return b"\\" + bytes([c])
    if c < 0x20:
        return b"\\u%04x" % c
    return bytes([c])


def float_text(x):
    if math.isnan(x) or math.isinf(x):  # 1e400 would be another input, with its own message
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
        return json_string(v)
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
        return json_string(v)
    if isinstance(v, list):
        return b"[" + b",".join(json_text(i) for i in v) + b"]"
    return b"{" + b",".join(json_string(k) + b":" + json_text(i) for k, i in v.items()) + b"}"


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
    if call in ("outputs", "encrypted_outputs"):
        encrypted = [b"--encrypted"] if call == "encrypted_outputs" else []
        result = [([b"outputs", b"--json", json_text(args[0]), *encrypted], b"", b"")]
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
                result.append(([b"outputs", *encrypted, *pairs], b"", b""))
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
            argv, stdin = [b"outputs", b"--json", b"-", *argv[3:]], argv[2]
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
    total = run_count = not_expressible = 0  # vectors
    passed = failed = 0  # command-line forms (a vector may run in two forms)
    reasons = {}
    for path in sorted(vectors_dir.glob("*.json")):
        for vector in json.loads(path.read_text(encoding="utf-8"))["vectors"]:
            total += 1
            try:
                cases = fit_argv(forms(vector))
            except NotExpressible as e:
                not_expressible += 1
                reasons[str(e)] = reasons.get(str(e), 0) + 1
                continue
            run_count += 1
            for argv_, stdin, prefix in cases:
                problem = judge(vector, run(binary, argv_, stdin), prefix)
                if problem:
                    failed += 1
                    print(f"FAIL {path.name}: {vector['name']}\n  argv {argv_!r}\n  {problem}")
                else:
                    passed += 1
    if not_expressible:
        print("not expressible: " + ", ".join(f"{n} {r}" for r, n in sorted(reasons.items())))
    print(f"vectors: {total} in all, {run_count} run, {not_expressible} not expressible on the command line")
    if run_count + not_expressible != total or total == 0:
        print(f"FAIL: {run_count} run + {not_expressible} not expressible != {total} vectors")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
