#!/usr/bin/env python3
"""Independent check of the shared vectors (plain Python 3, no third-party packages).

For every vector with a `line`, the expected message is rebuilt from the args with plain Python
data and serialised with json.dumps (docs/PROTOCOL.md Part 2 item 5 says our line equals that).
`line_untyped` is checked against the same message with integral floats turned into integers,
as JavaScript writes them. For every vector with an `error`, a small validator written from
docs/PROTOCOL.md Part 2 item 6 and README.md predicts the kind and the FIELD, so both the lines and
the error fields are checked by something other than the code that produced them.

Usage: python3 oracle.py [DIR]   (DIR defaults to this file's directory)
Prints one FAIL line per problem and "N passed, M failed"; exits 1 if anything failed.
"""
import calendar
import json
import math
import os
import re
import struct
import sys

sys.setrecursionlimit(20000)   # vectors nest up to 1,000 levels; deeper ones are never decoded

CALLS = {"outputs", "encrypted_outputs", "counter", "timer", "gauge", "log", "logs", "assets", "outputs_json", "format"}
METRIC_CALLS = {"counter", "timer", "gauge"}
KINDS = {"type", "value", "unicode", "depth", "cycle", "syntax", "limit"}
LEVELS = {"trace": "TRACE", "debug": "DEBUG", "info": "INFO", "warn": "WARN", "warning": "WARN",
          "error": "ERROR", "critical": "ERROR", "fatal": "ERROR"}
SERVER_LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"}
LEVEL_ENUM = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"]  # a numeric level is a kestra_level (kestra.h)
MAX_LEVEL = 1000          # nesting levels of a whole line, the {"outputs":...} wrapper being level 1
MAX_DIGITS = 1000
MIN_CATALOGUE = 60
SAFE_INTEGER = 2 ** 53 - 1


class Invalid(Exception):
    """The validator's verdict: the call must fail with this kind at this field."""

    def __init__(self, kind, field):
        super().__init__(kind, str(field))
        self.kind, self.field = kind, str(field)


class BadVector(Exception):
    """The vector itself is malformed (not a verdict on the library)."""


# ---- special values ------------------------------------------------------------------------

def special(v):
    """('$form', payload) for a special value, else None. Exactly one key starting with '$'."""
    if isinstance(v, dict) and len(v) == 1:
        (k, x), = v.items()
        if k.startswith("$"):
            return k, x
    return None


def utf16_text(units):
    return struct.pack("<%dH" % len(units), *units).decode("utf-16-le")   # strict: lone surrogates fail


def bytes_text(hexs):
    return bytes.fromhex(hexs).decode("utf-8")   # strict: overlong, surrogates, > U+10FFFF fail


def int_text(t):
    if not isinstance(t, str) or not re.fullmatch(r"-?[0-9]+", t):
        raise BadVector("bad $int text %r" % (t,))
    return int(t)


def float_text(t):
    if not isinstance(t, str):
        raise BadVector("bad $float text %r" % (t,))
    return float(t)


def decode(v):
    """Args value -> plain Python value. Only used on inputs the validator accepted."""
    sp = special(v)
    if sp:
        form, x = sp
        if form == "$float":
            return float_text(x)
        if form == "$int":
            return int_text(x)
        if form == "$utf16":
            return utf16_text(x)
        if form == "$bytes":
            return bytes_text(x)
        if form == "$nest":
            out = decode(x["leaf"])
            for _ in range(x["depth"]):
                out = [out]
            return out
        if form == "$cycle":
            d = {}
            d[x] = d
            return d
        raise BadVector("unknown special form " + form)
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        return {k: decode(x) for k, x in v.items()}
    return v


# ---- FIELD names (README "Error messages") -------------------------------------------------

def quote(s):
    """A key or name between single quotes: \\ and ' escaped, the rest as in our JSON strings."""
    body = json.dumps(s, ensure_ascii=True)[1:-1].replace('\\"', '"')
    return "'" + body.replace("'", "\\'") + "'"


class Field:
    """A FIELD: a root ("outputs", "counter 'rows' tags") and bracket steps after it."""
    KEEP = 8   # a path of more than 2 * KEEP steps shows its first and last KEEP steps

    def __init__(self, root, steps=()):
        self.root, self.steps = root, tuple(steps)

    def __str__(self):
        steps = self.steps
        if len(steps) > 2 * self.KEEP:
            steps = steps[:self.KEEP] + ("...",) + steps[-self.KEEP:]
        return self.root + "".join(steps)


def as_field(path):
    return path if isinstance(path, Field) else Field(path)


def at_key(path, k):
    path = as_field(path)
    return Field(path.root, path.steps + ("[%s]" % quote(k),))


def at_index(path, i):
    path = as_field(path)
    return Field(path.root, path.steps + ("[%d]" % i,))


def at_nest(path, n):
    """The array n levels down a $nest (each nested array is element 0 of the one above)."""
    path = as_field(path)
    return Field(path.root, path.steps + ("[0]",) * n)


# ---- the validator -------------------------------------------------------------------------

def is_object(v):
    sp = special(v)
    return (isinstance(v, dict) and not sp) or (sp is not None and sp[0] == "$cycle")


def is_array(v):
    sp = special(v)
    return isinstance(v, list) or (sp is not None and sp[0] == "$nest" and sp[1]["depth"] > 0)


def check_string(v, field):
    """A string argument (plain, $utf16 or $bytes); returns it decoded."""
    sp = special(v)
    try:
        if sp and sp[0] == "$utf16":
            return utf16_text(sp[1])
        if sp and sp[0] == "$bytes":
            return bytes_text(sp[1])
    except UnicodeDecodeError:
        raise Invalid("unicode", field)
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise BadVector("a lone surrogate in a plain string; use $utf16")
        return v
    raise BadVector("not a string: %r" % (v,))


def is_string(v):
    sp = special(v)
    return isinstance(v, str) or (sp is not None and sp[0] in ("$utf16", "$bytes"))


def check_number(v, field):
    """A number argument; returns its value (NaN and infinities are errors)."""
    sp = special(v)
    if sp and sp[0] == "$int":
        if len(sp[1].lstrip("-")) > MAX_DIGITS:
            raise Invalid("limit", field)
        return int_text(sp[1])
    x = float_text(sp[1]) if sp else v
    if isinstance(x, float) and not math.isfinite(x):
        raise Invalid("value", field)
    return x


def is_number(v):
    sp = special(v)
    return (isinstance(v, (int, float)) and not isinstance(v, bool)) or \
        (sp is not None and sp[0] in ("$int", "$float"))


def check_value(v, field, level):
    """Any JSON value at `field`; `level` is the nesting level it takes if it is a container."""
    sp = special(v)
    if sp is None:
        if isinstance(v, (list, dict)) and level > MAX_LEVEL:
            raise Invalid("depth", field)
        if isinstance(v, list):
            for i, x in enumerate(v):
                check_value(x, at_index(field, i), level + 1)
        elif isinstance(v, dict):
            for k, x in v.items():
                check_string(k, field)
                check_value(x, at_key(field, k), level + 1)
        elif isinstance(v, str):
            check_string(v, field)
        elif isinstance(v, float) and not math.isfinite(v):
            raise Invalid("value", field)
        return
    form, x = sp
    if form in ("$float", "$int"):
        check_number(v, field)
    elif form in ("$utf16", "$bytes"):
        check_string(v, field)
    elif form == "$nest":
        depth = x["depth"]
        if depth > 0 and level + depth - 1 > MAX_LEVEL:
            raise Invalid("depth", at_nest(field, MAX_LEVEL + 1 - level))
        check_value(x["leaf"], at_nest(field, depth), level + depth)
    elif form == "$cycle":
        # The object opens at `level`, then the same object again under key x.
        if level > MAX_LEVEL:
            raise Invalid("depth", field)
        raise Invalid("cycle", at_key(field, x))
    else:
        raise BadVector("unknown special form " + form)


def check_outputs_value(v, field="outputs", level=2):
    if not is_object(v):
        raise Invalid("type", field)
    check_value(v, field, level)


def check_metric_value(v, field, kind):
    if v is None:
        raise Invalid("value", field)
    if not is_number(v):
        raise Invalid("type", field)
    x = check_number(v, field)
    if kind == "timer" and x < 0:
        raise Invalid("value", field)
    # The server reads a timer into a java.time.Duration of seconds: an integer
    # must fit a Java long, a float stay below 9.2e18.
    if kind == "timer" and (x > 2**63 - 1 if isinstance(x, int) else abs(x) >= 9.2e18):
        raise Invalid("value", field)


def check_tag(k, v, tags_field):
    field = at_key(tags_field, k)
    if k == "":
        raise Invalid("value", field)
    if v is None:
        raise Invalid("value", field)
    if isinstance(v, bool):
        return
    if is_number(v):
        check_number(v, field)
    elif is_string(v):
        check_string(v, field)
    else:
        raise Invalid("type", field)


TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})")


def check_timestamp(text, field):
    m = TIMESTAMP.fullmatch(text)
    if not m:
        raise Invalid("value", field)
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    # The calendar is Python's own (calendar.monthrange), not a copy of the core's table.
    # Year 0 (which the core allows) is year 2000 of the 400-year Gregorian cycle.
    if not (1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y or 2000, mo)[1]):
        raise Invalid("value", field)
    if not (h < 24 and mi < 60 and s < 60):  # no leap second: java.time refuses :60 too
        raise Invalid("value", field)
    zone = m.group(8)
    if zone != "Z" and not (int(zone[1:3]) <= 18 and int(zone[4:6]) < 60):  # java.time.ZoneOffset's range
        raise Invalid("value", field)


def check_metric_call(call, args, options):
    name = check_string(args[0], call + " name")
    if name == "":
        raise Invalid("value", call + " name")
    prefix = "%s %s" % (call, quote(name))
    check_metric_value(args[1], prefix + " value", call)
    tags = args[2] if len(args) > 2 else None
    if tags is not None:
        for k, v in tags.items():
            check_tag(k, v, prefix + " tags")
    options = options or {}
    if "timestamp" in options:
        check_timestamp(check_string(options["timestamp"], prefix + " timestamp"), prefix + " timestamp")
    if "description" in options:
        check_string(options["description"], prefix + " description")


def check_log_entries(entries):
    for i, (level, message) in enumerate(entries):
        if is_string(level) and not isinstance(level, str):  # $bytes / $utf16: decoded first
            level = check_string(level, "logs[%d] level" % i)
        if isinstance(level, bool) or not (isinstance(level, str) and level.lower() in LEVELS
                                            or isinstance(level, int) and 0 <= level < len(LEVEL_ENUM)):
            raise Invalid("value", "logs[%d] level" % i)
        check_string(message, "logs[%d] message" % i)


def check_assets_value(v, field="assets", level=2):
    if not is_object(v):
        raise Invalid("type", field)
    for k, lst in v.items():
        kf = at_key(field, k)
        if k not in ("inputs", "outputs"):
            raise Invalid("value", kf)
        if not is_array(lst):
            raise Invalid("type", kf)
        for i, el in enumerate(lst):
            if not is_object(el):
                raise Invalid("type", at_index(kf, i))
        check_value(lst, kf, level + 1)


def string_literal_end(text, i):
    """Index just past the JSON string literal starting at text[i] (a quote)."""
    i += 1
    while i < len(text) and text[i] != '"':
        i += 2 if text[i] == "\\" else 1
    return i + 1


def too_deep_at(text):
    """The FIELD of the first container of an outputs text nested past the limit, else None.
    Scanned without decoding, so that Python never recurses 100,000 levels deep."""
    frames = []     # per open container: [is_object, element count, last key]
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = string_literal_end(text, i)
            top = frames[-1] if frames else None
            if top and top[0] and top[2] is None:
                top[2] = json.loads(text[i:end])
            i = end
            continue
        if ch in "[{":
            if len(frames) + 2 > MAX_LEVEL:          # +1 for the wrapper, +1 for this one
                path = Field("outputs")
                for is_object, count, k in frames:
                    path = at_key(path, k) if is_object else at_index(path, count)
                return path
            frames.append([ch == "{", 0, None])
        elif ch in "]}" and frames:
            frames.pop()
        elif ch == "," and frames:
            frames[-1][1] += 1
            frames[-1][2] = None
        i += 1
    return None


def reject_constant(name):
    raise ValueError("not strict JSON: " + name)


class FloatLiteral(float):
    """A float read from a JSON text, remembering how many digits its literal has."""

    def __new__(cls, literal):
        value = super().__new__(cls, literal)
        value.digits = sum(c.isdigit() for c in literal)
        return value


def check_decoded(v, field):
    """A value json.loads read from an outputs text: text must be valid Unicode, numbers short
    and finite."""
    if isinstance(v, FloatLiteral):
        if v.digits > MAX_DIGITS:
            raise Invalid("limit", field)
        if not math.isfinite(v):
            raise Invalid("value", field)
    elif isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise Invalid("unicode", field)
    elif isinstance(v, int) and not isinstance(v, bool) and len(str(abs(v))) > MAX_DIGITS:
        raise Invalid("limit", field)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            check_decoded(x, at_index(field, i))
    elif isinstance(v, dict):
        for k, x in v.items():
            check_decoded(k, field)         # an invalid key is named by its object
            check_decoded(x, at_key(field, k))


def parse_json_text(text):
    """outputs_json: a syntax error names `outputs`; other errors name the value, as outputs does."""
    sp = special(text)
    if sp and sp[0] == "$bytes":
        # Invalid bytes become lone surrogates (U+DC80..), found in the string that holds them.
        text = bytes.fromhex(sp[1]).decode("utf-8", "surrogateescape")
    else:
        text = check_string(text, "outputs")
    try:
        # Our vectors never mix a syntax error with too deep a nesting.
        deep = too_deep_at(text)
    except ValueError:
        deep = None
    if deep is not None:
        raise Invalid("depth", deep)
    try:
        value = json.loads(text, object_pairs_hook=dict, parse_constant=reject_constant,
                           parse_float=FloatLiteral)
    except ValueError:
        raise Invalid("syntax", "outputs")
    if not isinstance(value, dict):
        raise Invalid("type", "outputs")
    check_decoded(value, Field("outputs"))
    return value


def check_format_metric(m, field):
    if not is_object(m):
        raise Invalid("type", field)
    for k in ("name", "type", "value"):
        if k not in m:                        # a missing key is named by its object
            raise Invalid("value", field)
    for k, v in m.items():
        if v is None:
            raise Invalid("value", at_key(field, k))
    if not is_string(m["name"]):
        raise Invalid("type", at_key(field, "name"))
    if check_string(m["name"], at_key(field, "name")) == "":
        raise Invalid("value", at_key(field, "name"))
    if not isinstance(m["type"], str):
        raise Invalid("type", at_key(field, "type"))
    if m["type"] not in METRIC_CALLS:
        raise Invalid("value", at_key(field, "type"))
    check_metric_value(m["value"], at_key(field, "value"), m["type"])
    if "tags" in m:
        tf = at_key(field, "tags")
        if not is_object(m["tags"]):
            raise Invalid("type", tf)
        for k, v in m["tags"].items():
            check_tag(k, v, tf)
    if "timestamp" in m:
        if not is_string(m["timestamp"]):
            raise Invalid("type", at_key(field, "timestamp"))
        check_timestamp(check_string(m["timestamp"], at_key(field, "timestamp")), at_key(field, "timestamp"))
    if "description" in m:
        if not is_string(m["description"]):
            raise Invalid("type", at_key(field, "description"))
        check_string(m["description"], at_key(field, "description"))


def check_format_log(e, field):
    if not is_object(e):
        raise Invalid("type", field)
    lf, mf = at_key(field, "level"), at_key(field, "message")
    if "level" not in e or "message" not in e:   # a missing key is named by its object
        raise Invalid("value", field)
    if e["level"] is None:
        raise Invalid("value", lf)
    if not isinstance(e["level"], str):
        raise Invalid("type", lf)
    if e["level"] not in SERVER_LEVELS:
        raise Invalid("value", lf)
    if not is_string(e["message"]):
        raise Invalid("type", mf)
    check_string(e["message"], mf)


def check_format(msg):
    if not is_object(msg):
        raise Invalid("type", "message")
    # Values are checked as they are built (depth, cycles, numbers, text) before the parts.
    check_value(msg, "message", 1)
    for k, v in msg.items():
        kf = at_key("message", k)
        if k == "outputs":
            check_outputs_value(v, kf, 2)
        elif k == "metrics":
            if not is_array(v):
                raise Invalid("type", kf)
            for i, m in enumerate(v):
                check_format_metric(m, at_index(kf, i))
        elif k == "logs":
            if not is_array(v):
                raise Invalid("type", kf)
            for i, e in enumerate(v):
                check_format_log(e, at_index(kf, i))
        elif k == "assets":
            check_assets_value(v, kf, 2)
        else:
            raise Invalid("value", kf)


def validate(vec):
    """Raises Invalid(kind, field) when the call must fail; returns the message it must write."""
    call, args, options = vec["call"], vec["args"], vec.get("options")
    if call == "outputs":
        check_outputs_value(args[0])
        return {"outputs": decode(args[0])}
    if call == "encrypted_outputs":
        check_outputs_value(args[0], "encryptedOutputs")
        return {"encryptedOutputs": decode(args[0])}
    if call in METRIC_CALLS:
        check_metric_call(call, args, options)
        metric = {"name": decode(args[0]), "type": call, "value": decode(args[1]),
                  "tags": decode(args[2]) if len(args) > 2 and args[2] is not None else {}}
        for k in ("timestamp", "description"):   # always in this order, whatever the options' order
            if options and k in options:
                metric[k] = decode(options[k])
        return {"metrics": [metric]}
    if call in ("log", "logs"):
        entries = [args] if call == "log" else args[0]
        check_log_entries(entries)
        return {"logs": [{"level": LEVEL_ENUM[lv] if isinstance(lv, int) else LEVELS[lv.lower()],
                          "message": decode(m)} for lv, m in entries]}
    if call == "assets":
        check_assets_value(args[0])
        return {"assets": decode(args[0])}
    if call == "outputs_json":
        return {"outputs": parse_json_text(args[0])}
    if call == "format":
        check_format(args[0])
        return decode(args[0])
    raise BadVector("unknown call " + call)


# ---- line checks ---------------------------------------------------------------------------

def dumps(msg):
    return "::" + json.dumps(msg, separators=(",", ":"), ensure_ascii=True, allow_nan=False) + "::"


def untyped(v):
    """What a language with one number type holds: integral floats within 2^53 become integers."""
    if isinstance(v, float) and v == int(v) and abs(v) <= SAFE_INTEGER:
        return int(v)     # -0.0 becomes 0
    if isinstance(v, list):
        return [untyped(x) for x in v]
    if isinstance(v, dict):
        return {k: untyped(x) for k, x in v.items()}
    return v


def short(s, keep=120):
    """Long lines and fields (a nesting past the limit) shown by their ends and their length."""
    return s if len(s) <= 2 * keep else "%s...%s (%d chars)" % (s[:keep], s[-keep:], len(s))


def check_line(vec, msg):
    line = vec["line"]
    if not isinstance(line, str) or not line.isascii():
        return "line is not an ASCII string"
    if not re.fullmatch(r"::\{[^\n\r]*\}::", line):
        return "line does not match ^::\\{.*\\}::$ on one line"
    want = dumps(msg)
    if line != want:
        return "line differs from the oracle:\n  vector: %s\n  oracle: %s" % (short(line), short(want))
    # outputs_json hands the text to the core, so every language keeps its number forms.
    want_untyped = want if vec["call"] == "outputs_json" else dumps(untyped(msg))
    if want_untyped != want:
        if vec.get("line_untyped") != want_untyped:
            return "line_untyped should be %s" % short(want_untyped)
    elif "line_untyped" in vec:
        return "line_untyped is present but equals line"
    return None


# ---- structure -----------------------------------------------------------------------------

def uses_form(v, form):
    sp = special(v)
    if sp:
        return sp[0] == form or (sp[0] == "$nest" and uses_form(sp[1]["leaf"], form))
    if isinstance(v, list):
        return any(uses_form(x, form) for x in v)
    if isinstance(v, dict):
        return any(uses_form(x, form) for x in v.values())
    return False


def plain_ints_ok(v):
    """README: a plain JSON integer in args stays within +-2^53."""
    if special(v):
        return True
    if isinstance(v, int) and not isinstance(v, bool):
        return abs(v) <= 2 ** 53
    if isinstance(v, list):
        return all(plain_ints_ok(x) for x in v)
    if isinstance(v, dict):
        return all(plain_ints_ok(x) for x in v.values())
    return True


def check_shape(vec):
    if not isinstance(vec.get("name"), str) or not vec["name"]:
        return "no name"
    if vec.get("call") not in CALLS:
        return "unknown call %r" % vec.get("call")
    if not isinstance(vec.get("args"), list):
        return "args is not a list"
    if ("line" in vec) == ("error" in vec):
        return "needs exactly one of line and error"
    extra = set(vec) - {"name", "call", "args", "options", "needs", "line", "line_untyped", "error"}
    if extra:
        return "unknown keys %s" % sorted(extra)
    if "line_untyped" in vec and "line" not in vec:
        return "line_untyped without line"
    if "options" in vec and (vec["call"] not in METRIC_CALLS or
                             not set(vec["options"]) <= {"timestamp", "description"}):
        return "options only for metrics, with timestamp and description"
    if "error" in vec:
        e = vec["error"]
        if set(e) != {"kind", "field", "message"} or e["kind"] not in KINDS or not isinstance(e["field"], str) \
                or not e["field"]:
            return "error needs a kind among %s, a non-empty field and a message" % sorted(KINDS)
        problem = check_message(e)
        if problem:
            return problem
    has_bytes = uses_form(vec["args"], "$bytes") or uses_form(vec.get("options", {}), "$bytes")
    if has_bytes != (vec.get("needs") == ["bytes"]):
        return 'needs must be ["bytes"] exactly when $bytes is used'
    if not plain_ints_ok(vec["args"]):
        return "a plain integer beyond 2^53 (use $int)"
    return None


# What the reason of a message (after "FIELD: ") says, for the kinds whose
# words follow from the rule alone (README "Error messages").
REASON_WORDS = {
    "cycle": ("contains itself",),
    "depth": ("1,000 levels",),
    "limit": ("1,000", "20,000,000"),
    "syntax": ("invalid JSON",),
    "unicode": ("invalid UTF-8", "lone UTF-16 surrogate"),
}


def check_message(error):
    """The exact message: FIELD, ": ", then a reason on one line of printable ASCII."""
    message, field = error["message"], error["field"]
    if not isinstance(message, str) or not message.startswith(field + ": "):
        return "the message must start with the field and ': '"
    reason = message[len(field) + 2:]
    if not reason or any(not " " <= c <= "~" for c in message):
        return "the message must be one line of printable ASCII with a reason"
    words = REASON_WORDS.get(error["kind"])
    if words and not any(w in reason for w in words):
        return "a %s error's reason should say %s" % (error["kind"], " or ".join(repr(w) for w in words))
    return None


def check_vector(vec):
    problem = check_shape(vec)
    if problem:
        return problem
    try:
        msg = validate(vec)
    except Invalid as inv:
        if "error" not in vec:
            return "the validator expects error %s at %s" % (inv.kind, short(inv.field))
        want = vec["error"]
        if (want["kind"], want["field"]) != (inv.kind, inv.field):
            return "error should be %s at %s, vector says %s at %s" % (
                inv.kind, short(inv.field), want["kind"], short(want["field"]))
        return None
    if "error" in vec:
        return "the validator accepts this input (line %s)" % short(dumps(msg))
    return check_line(vec, msg)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    passed = failed = 0
    names = {}
    catalogue = []

    def fail(where, why):
        nonlocal failed
        failed += 1
        print("FAIL %s: %s" % (where, why))

    if not files:
        fail(folder, "no vector files")
    for fname in files:
        try:
            with open(os.path.join(folder, fname), encoding="utf-8") as f:
                doc = json.load(f)
        except (ValueError, OSError) as e:
            fail(fname, "does not parse: %s" % e)
            continue
        if not isinstance(doc, dict) or doc.get("area") != fname[:-5] or not isinstance(doc.get("vectors"), list):
            fail(fname, 'needs {"area": "%s", "vectors": [...]}' % fname[:-5])
            continue
        for i, vec in enumerate(doc["vectors"]):
            where = "%s[%d] %s" % (fname, i, vec.get("name") if isinstance(vec, dict) else "?")
            if not isinstance(vec, dict):
                fail(where, "not an object")
                continue
            name = vec.get("name")
            if name in names:
                fail(where, "name already used by " + names[name])
                continue
            names[name] = where
            try:
                problem = check_vector(vec)
            except (BadVector, KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
                problem = "malformed vector: %r" % (e,)
            if problem:
                fail(where, problem)
            else:
                passed += 1
            if fname == "errors.json" and "error" in vec:
                catalogue.append(vec["error"]["kind"])
    if "errors.json" in files:
        if len(catalogue) < MIN_CATALOGUE:
            fail("errors.json", "%d error vectors, at least %d needed" % (len(catalogue), MIN_CATALOGUE))
        missing = KINDS - set(catalogue)
        if missing:
            fail("errors.json", "no vector of kind %s" % sorted(missing))
    else:
        fail(folder, "errors.json (the bad-input catalogue) is missing")
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
