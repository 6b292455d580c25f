"""Type stubs of the compiled module kestra._core (bindings/python).

Each function checks its values with the core and writes one line to
sys.stdout; message(value, False) returns the line instead.
"""
from typing import Any, Dict, Iterable, Iterator, Optional, Tuple, Union

COUNTER: int
TIMER: int
GAUGE: int
core_version: str

def outputs(value: Any) -> None: ...
def outputs_json(text: Union[str, bytes]) -> None: ...
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

class IonRows(Iterator[Dict[str, Any]]):
    """The rows of an Ion file read from ``fd`` (which stays the caller's)."""
    def __init__(self, fd: int) -> None: ...
    def __iter__(self) -> IonRows: ...
    def __next__(self) -> Dict[str, Any]: ...
