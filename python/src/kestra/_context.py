"""The execution context Kestra gives a script task that sets ``executionContext: true``.

Where it is looked for and how it is read is the core's rule (``kestra_context_load``), the same in
every language; this module only parses the JSON text and wraps it.
"""
from __future__ import annotations

from collections.abc import Mapping

from . import _core

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from typing import Any, Dict, Iterator, List, Optional, Union

CONTEXT_FILE = ".kestra-execution-context.json"


def _wrap(value: Any) -> Any:
    """Dicts as ExecutionContext, lists as new lists of wrapped items, the rest as it is."""
    if isinstance(value, dict):
        return ExecutionContext(value)
    if isinstance(value, list):
        return [_wrap(item) for item in value]
    return value


class ExecutionContext(Mapping):
    """A read-only view of the execution context, with attribute access at any depth.

        from kestra import context
        context.inputs.user, context.trigger.date, context.outputs.extract.uri
        context["items"]        # keys that are not identifiers, or that are Mapping methods

    A missing attribute raises ``AttributeError`` naming the keys that are there; a missing
    item raises ``KeyError``. ``repr`` is the dict's; :meth:`to_dict` gives plain data.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]):
        self._data = data

    def __getattr__(self, name: str) -> Any:
        # Private and dunder names are never looked up as keys: copy and pickle probe
        # them before _data is set.
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return _wrap(self._data[name])
        except KeyError:
            available = ", ".join(sorted(self._data)) or "none"
            raise AttributeError(
                f"'{name}' is not available in the execution context (available: {available})"
            ) from None

    def __getitem__(self, name: str) -> Any:
        return _wrap(self._data[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __dir__(self) -> List[str]:
        keys = [k for k in self._data if isinstance(k, str) and k.isidentifier()]
        return sorted(set(keys) | set(super().__dir__()))

    def to_dict(self) -> Dict[str, Any]:
        """The context as plain dicts and lists (a copy: changing it changes nothing here)."""
        import copy

        return copy.deepcopy(self._data)

    def __repr__(self) -> str:
        return repr(self._data)


def load_execution_context(path: Optional[Union[str, os.PathLike]] = None) -> ExecutionContext:
    """Load the execution context of the running Kestra task.

    Looks in ``path``, else the file named by ``$KESTRA_EXECUTION_CONTEXT_FILE``, else
    ``.kestra-execution-context.json`` in the working directory; when that file does not exist,
    reads the base64 JSON of ``$KESTRA_CONTEXT``.

    Raises ``FileNotFoundError`` when there is no context (the message names the file tried),
    ``OSError`` when the file cannot be read, ``ValueError`` when it is not strict JSON in UTF-8
    (or ``$KESTRA_CONTEXT`` not base64) and ``TypeError`` when it is not a JSON object.
    """
    import json

    text, _source = _core.load_context(path)
    return ExecutionContext(json.loads(text))
