"""Type stubs of the compiled module kestra._core (bindings/python).

Each function checks its values with the core and writes one line to
sys.stdout; message(value, False) returns the line instead.
"""
from typing import Any, Iterable, Optional, Tuple, Union

COUNTER: int
TIMER: int
GAUGE: int
core_version: str

def outputs(value: Any) -> None: ...
def outputs_json(text: Union[str, bytes]) -> None: ...
def encrypted_outputs(value: Any) -> None: ...
def load_context(path: Any = None) -> Tuple[str, str]: ...
def assets(value: Any) -> None: ...
def counter(
    name: str,
    value: Any,
    tags: Any = None,
    *,
    timestamp: Any = None,
    description: Optional[str] = None,
) -> None: ...
gauge = counter
def metric(
    type: int,
    name: str,
    value: Any,
    tags: Any,
    timestamp: Any,
    description: Optional[str],
    /,
) -> None: ...
def log(level: Union[str, int], message: str) -> None: ...
def logs(entries: Iterable[Tuple[Union[str, int], str]]) -> None: ...
def message(value: Any, write: bool) -> Optional[str]: ...
def check_line(line: str) -> Tuple[int, str]: ...
