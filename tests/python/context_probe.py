"""Runs the shared context load cases and a set of ExecutionContext operations with whichever
`kestra` package this interpreter imports (ours, or the official 2.0.0 in its own venv), and
prints one JSON document of the results, so test_official_context.py can compare the two.

Usage: python context_probe.py CONTEXT_VECTORS_DIR
"""
import copy
import hashlib
import json
import os
import pickle
import sys
import tempfile

sys.setrecursionlimit(10000)


def outcome(action):
    try:
        value = action()
    except Exception as e:  # noqa: BLE001 - the class is the result
        return {"raises": [c.__name__ for c in type(e).__mro__ if c.__module__ == "builtins"]}
    return {"value": value}


def digest(value):
    """A loaded context, by the SHA-256 of its JSON (a 1,000-level one cannot be printed)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def plain(value):
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main():
    folder = sys.argv[1]
    sys.path.insert(0, folder)
    import prepare  # the shared helper beside the vectors

    import kestra
    from kestra import load_execution_context

    results = {}
    for case in prepare.cases()["loads"]:
        with tempfile.TemporaryDirectory() as tmp:
            env = prepare.prepare(case, tmp)
            saved, cwd = dict(os.environ), os.getcwd()
            os.environ.clear()
            os.environ.update(env)
            os.chdir(tmp)
            try:
                results["load: " + case["name"]] = outcome(
                    lambda: digest(plain(load_execution_context(case.get("path")))))
            finally:
                os.chdir(cwd)
                os.environ.clear()
                os.environ.update(saved)

    ctx = load_execution_context(os.path.join(prepare.FILES, "full.json"))
    probes = {
        "attribute": lambda: ctx.inputs.user,
        "nested attribute": lambda: ctx.inputs.nested.city,
        "item": lambda: ctx["inputs"]["count"],
        "key shadowing a method": lambda: ctx.inputs["items"],
        "method": lambda: sorted(ctx.inputs.keys()),
        "list of wrapped": lambda: [type(x).__name__ for x in ctx.labels],
        "list item attribute": lambda: ctx.labels[1].key,
        "null": lambda: ctx.taskrun.value,
        "big integer": lambda: ctx.inputs.big,
        "float": lambda: ctx.inputs.ratio,
        "missing attribute message": lambda: _message(lambda: ctx.inputs.nope),
        "missing attribute in an empty object": lambda: _message(lambda: ctx.vars.nope),
        "missing attribute class": lambda: outcome(lambda: ctx.inputs.nope),
        "missing item class": lambda: outcome(lambda: ctx.inputs["nope"]),
        "private attribute class": lambda: outcome(lambda: ctx._nope),
        "repr": lambda: repr(ctx),
        "nested repr": lambda: repr(ctx.inputs.nested),
        "str": lambda: str(ctx.labels[0]),
        "len": lambda: len(ctx),
        "iteration": lambda: list(ctx),
        "contains": lambda: ["user" in ctx.inputs, "nope" in ctx.inputs],
        "get": lambda: [ctx.inputs.get("user"), ctx.inputs.get("nope", "default")],
        "equality with a dict": lambda: ctx.labels[0] == {"key": "team", "value": "data"},
        "to_dict": lambda: ctx.to_dict() == prepare.expected("full.json"),
        "isinstance Mapping": lambda: __import__("collections.abc").abc.Mapping.__instancecheck__(
            __import__("collections.abc").abc.Mapping, ctx),
        "setitem class": lambda: outcome(lambda: ctx.__setitem__("a", 1)),
        "copy": lambda: copy.copy(ctx).inputs.user,
        "deepcopy": lambda: copy.deepcopy(ctx).inputs.count,
        "pickle": lambda: pickle.loads(pickle.dumps(ctx)).flow.namespace,
        "class name": lambda: type(ctx).__name__,
        "module attribute unknown": lambda: outcome(lambda: kestra.nope),
    }
    for name, probe in probes.items():
        results["probe: " + name] = outcome(probe)
    print(json.dumps(results, sort_keys=True))


def _message(action):
    try:
        action()
    except AttributeError as e:
        return str(e)
    return None


if __name__ == "__main__":
    main()
