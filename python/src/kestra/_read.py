"""``Kestra.read``: the rows of a file of Kestra's internal storage.

Kestra stores rows (a query's result, a file of records) as Amazon Ion text,
one struct per row. The C++ core reads the text and decides every conversion;
the compiled ``_core.IonRows`` builds the Python values. The results are those
of the official package (kestra 2.0.0): Ion decimals as ``float``, typed nulls
as ``None``, blobs and clobs as ``str`` (UTF-8), timestamps and ISO-8601
date-time strings (also ``LocalDateTime::"..."``) as ``datetime``; symbols as
``str`` (the official returns amazon.ion's ``IonPySymbol`` objects).
"""
from __future__ import annotations

from . import _core

TYPE_CHECKING = False  # typing is not imported at run time: `import kestra` stays fast
if TYPE_CHECKING:
    import os
    from typing import Any, Dict, Iterator, List, Union

    Path = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def iter_read(path: Path) -> Iterator[Dict[str, Any]]:
    """Yield the rows of the Ion file at ``path`` one at a time, reading it as
    they are asked for: memory follows one row, so a file larger than memory
    can be processed. Raises ``ValueError`` naming the line and column of text
    that is not Ion (after the rows before it), ``TypeError`` for a row that is
    not a struct, ``OSError`` when the file cannot be read."""
    with open(path, "rb") as file:
        yield from _core.IonRows(file.fileno())


def read(path: Path) -> List[Dict[str, Any]]:
    """All the rows of the Ion file at ``path``, as the official ``Kestra.read``
    returns them. Raises as :func:`iter_read` does, before returning anything."""
    with open(path, "rb") as file:
        return list(_core.IonRows(file.fileno()))
