"""kestra.context, load_execution_context and ExecutionContext, on the shared context vectors
(tests/vectors/context/cases.json) and against the official package's behaviour."""
from __future__ import annotations

import copy
import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Dict

import pytest

import kestra
from helpers import run_script
from kestra import ExecutionContext, load_execution_context

CONTEXT_VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "context"
sys.path.insert(0, str(CONTEXT_VECTORS))
import prepare  # noqa: E402 - the shared helper beside the vectors

CASES = prepare.cases()
sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))  # json.loads of the 1,000-level case
ERRORS = {"not_found": FileNotFoundError, "io": OSError, "type": TypeError,
          "value": ValueError, "syntax": ValueError, "unicode": ValueError, "depth": ValueError}


@pytest.fixture
def in_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Runs a load case in an empty working directory with its environment."""
    def enter(case: Dict[str, Any]) -> None:
        env = prepare.prepare(case, str(tmp_path))
        for name in prepare.CONTEXT_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name in prepare.CONTEXT_VARIABLES:
            if name in env:
                monkeypatch.setenv(name, env[name])
        monkeypatch.chdir(tmp_path)
    return enter


@pytest.mark.parametrize("case", CASES["loads"], ids=lambda c: c["name"])
def test_load_case(case: Dict[str, Any], in_case) -> None:
    in_case(case)
    if "error" in case:
        with pytest.raises(ERRORS[case["error"]["kind"]]) as raised:
            load_execution_context(case.get("path"))
        assert str(raised.value).startswith(case["error"]["message"]), str(raised.value)
    else:
        context = load_execution_context(case.get("path"))
        assert isinstance(context, ExecutionContext)
        assert context.to_dict() == prepare.expected(case["context"])


def walk(context: ExecutionContext, path: str) -> Any:
    """Follows a path of the lookups as a script would: attributes, then [index]."""
    value: Any = context
    for step in path.replace("[", ".").replace("]", "").split("."):
        if isinstance(value, list):
            value = value[int(step)]
        elif step.isidentifier():
            value = getattr(value, step)
        else:
            value = value[step]
    return value


def plain(value: Any) -> Any:
    if isinstance(value, ExecutionContext):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


LOOKUPS = [lk for lk in CASES["lookups"] if "error" not in lk]


@pytest.mark.parametrize("lookup", LOOKUPS, ids=lambda lk: lk["path"])
def test_lookup(lookup: Dict[str, Any]) -> None:
    context = load_execution_context(os.path.join(prepare.FILES, CASES["lookups_in"]))
    value = plain(walk(context, lookup["path"]))
    if lookup.get("string"):
        assert value == lookup["text"]
    else:
        assert json.dumps(value, separators=(",", ":")) == lookup["text"]


@pytest.fixture
def full() -> ExecutionContext:
    return load_execution_context(os.path.join(prepare.FILES, "full.json"))


def test_missing_attribute_names_the_available_keys(full: ExecutionContext) -> None:
    with pytest.raises(AttributeError) as raised:
        full.inputs.nope
    assert str(raised.value) == (
        "'nope' is not available in the execution context "
        "(available: big, count, dry_run, items, nested, path with space, ratio, tags, user)"
    )
    with pytest.raises(AttributeError, match=r"\(available: none\)"):
        full.vars.anything
    with pytest.raises(KeyError):
        full.inputs["nope"]


def test_read_only_mapping(full: ExecutionContext) -> None:
    from collections.abc import Mapping
    assert isinstance(full, Mapping)
    assert not hasattr(full, "__setitem__")
    with pytest.raises(TypeError):
        full["inputs"] = {}  # type: ignore[index]
    data = full.to_dict()
    data["inputs"]["user"] = "mallory"
    assert full.inputs.user == "alice"  # to_dict is a copy


def test_mapping_methods_and_keys_that_shadow_them(full: ExecutionContext) -> None:
    assert full.inputs["items"] == "reachable only with brackets in Python"
    assert callable(full.inputs.items)
    assert list(full) == list(prepare.expected("full.json"))
    assert len(full.inputs) == 9
    assert "user" in full.inputs
    assert dict(full.labels[0]) == {"key": "team", "value": "data"}
    assert full.taskrun.value is None


def test_repr_is_the_dicts(full: ExecutionContext) -> None:
    assert repr(full.inputs.nested) == repr({"city": "Z\u00fcrich \U0001F600", "empty": {}})
    assert repr(full) == repr(prepare.expected("full.json"))


def test_copy_pickle_and_dir(full: ExecutionContext) -> None:
    assert copy.copy(full).inputs.user == "alice"
    assert copy.deepcopy(full).inputs.count == 42
    assert pickle.loads(pickle.dumps(full)).flow.namespace == "company.team"
    assert "inputs" in dir(full) and "to_dict" in dir(full)


def test_big_integers_and_floats_keep_their_type(full: ExecutionContext) -> None:
    assert full.inputs.big == 12345678901234567890123
    assert isinstance(full.inputs.ratio, float) and isinstance(full.inputs.count, int)


def test_path_like_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "ctx.json"
    target.write_text('{"inputs": {"a": 1}}')
    assert load_execution_context(target).inputs.a == 1


def test_module_attribute_is_lazy_and_cached(tmp_path: Path) -> None:
    (tmp_path / ".kestra-execution-context.json").write_text('{"inputs": {"user": "alice"}}')
    result = run_script(
        f"""
        import os, sys
        os.chdir({str(tmp_path)!r})
        import kestra
        print("kestra._context" in sys.modules, "json" in sys.modules)
        from kestra import context
        print(context.inputs.user, kestra.context is context)
        os.remove(".kestra-execution-context.json")
        print(kestra.context.inputs.user)
        """
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines() == ["False False", "alice True", "alice"]


def test_module_attribute_outside_kestra_raises_file_not_found(tmp_path: Path) -> None:
    result = run_script(
        f"""
        import os
        os.chdir({str(tmp_path)!r})
        for name in ("KESTRA_CONTEXT", "KESTRA_EXECUTION_CONTEXT_FILE"):
            os.environ.pop(name, None)
        import kestra
        try:
            kestra.context
        except FileNotFoundError as e:
            print("FileNotFoundError", e)
        """
    )
    assert result.stdout.decode().startswith(
        "FileNotFoundError no Kestra execution context: '.kestra-execution-context.json' does not exist"
    ), result.stderr.decode()


def test_unknown_module_attribute() -> None:
    with pytest.raises(AttributeError, match="module 'kestra' has no attribute 'nope'"):
        kestra.nope  # type: ignore[attr-defined]
