"""Type stubs of the compiled module kestra._core (bindings/python).

Each function checks its values with the core and writes one line to
sys.stdout; message(value, False) returns the line instead.
"""
from typing import Any, Dict, Iterable, Iterator, Optional, Tuple, Union

COUNTER: int
TIMER: int
GAUGE: int
METRIC_TYPES: Dict[str, int]
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
def log(level: Union[str, int], message: str) -> None:
    """level: a name, or a kestra_level number (0 TRACE, 1 DEBUG, 2 INFO, 3 WARN, 4 ERROR)."""
def log_severity(severity: int, message: str) -> None:
    """For the logging handler: severity on the logging module's scale (logging.WARNING)."""
def _check_abi(loaded: int) -> None:
    """Raises ImportError unless `loaded` is the ABI version this module was built for."""
def logs(entries: Iterable[Tuple[Union[str, int], str]]) -> None: ...
def message(value: Any, write: bool) -> Optional[str]: ...
def check_line(line: str) -> Tuple[int, str]:
    """(verdict, reason) of the core's line checker; a lone surrogate reads as U+FFFD (kestra.h)."""

STDOUT: int
STDERR: int

class Summary:
    """What Kestra stores from a script's output, read by the core (kestra.testing)."""
    def __init__(self) -> None: ...
    def feed(self, stream: int, data: bytes) -> None: ...
    def end(self, stream: int) -> None: ...
    def json(self) -> str: ...
    def text(self, color: bool = False) -> str: ...
    def problems(self) -> int: ...
class IonRows(Iterator[Dict[str, Any]]):
    """The rows of an Ion file read from ``fd`` (which stays the caller's)."""
    def __init__(self, fd: int) -> None: ...
    def __iter__(self) -> IonRows: ...
    def __next__(self) -> Dict[str, Any]: ...
