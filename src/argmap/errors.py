"""The one family of errors argmap raises, and the located problems they carry.

Every error a user can cause is an :class:`ArgmapError`. Errors about input
files carry :class:`Problem` values, each with a :class:`Location` that counts
lines and columns from 1, so the CLI can print them as
``path:line:col: severity: message [code]`` (the yamllint "parsable" form).
"""

from __future__ import annotations

import itertools
import reprlib
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from argmap.terminal import printable

__all__ = [
    "SHOWN",
    "ArgmapError",
    "LoadError",
    "Location",
    "Problem",
    "Severity",
    "UsageError",
    "shown",
]

#: The most characters of one value from a map or the command line (an id, a key, a
#: reference, a path...) that a message or hint quotes: a 5,000-character id made a
#: 10,000-character error of its message and hint.
SHOWN = 80


class _Repr(reprlib.Repr):
    """A bounded repr for values that are not strings (a list or mapping where a scalar
    was expected): its size, not only what is shown of it, is bounded."""

    def repr_dict(self, x: dict[object, object], level: int) -> str:
        # The keys in the order written, as repr shows them (reprlib sorts them).
        if not x or level <= 0:
            return "{}" if not x else "{" + self.fillvalue + "}"
        pieces = [f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
                  for k, v in itertools.islice(x.items(), self.maxdict)]
        return "{" + ", ".join(pieces + [self.fillvalue] * (len(x) > self.maxdict)) + "}"


_REPR = _Repr()
_REPR.maxlevel = 2
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = SHOWN


class Severity(StrEnum):
    """How serious a problem is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Position in the order ``info < warning < error``."""
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# Location and Problem are named tuples, not dataclasses: a check of a large map
# creates tens of thousands of them, and a frozen dataclass's __init__ is several
# times slower to call.
class Location(NamedTuple):
    """A place in an input file; ``line`` and ``col`` count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Problem(NamedTuple):
    """One located diagnostic: a load error or a check finding."""

    location: Location
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    node: str | None = None
    """The ``map:id`` key of the node the problem is about, if any."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order problems by file, line, column, code, message (stable output)."""
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""


class UsageError(ArgmapError):
    """The caller asked for something that cannot be done (bad option, bad path)."""


class LoadError(ArgmapError):
    """One or more input files could not be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        return "\n".join(lines) if lines else "load failed"


def shown(value: object, limit: int = SHOWN, *, quoted: bool = True) -> str:
    """``value`` as a message quotes it: a string in single quotes (``'an-id'``; without
    them if not ``quoted``, for a path that begins a message), anything else as its
    ``repr``; control characters, line breaks and bidi controls written as escapes
    (``\\n``, ``\\x1b``: a value cannot start a line of its own in a report or a GitHub
    annotation), and cut to ``limit`` characters, the cut marked with ``…``."""
    if isinstance(value, str):
        return f"'{_cut(value, limit)}'" if quoted else _cut(value, limit)
    try:
        text = _REPR.repr(value)
    except ValueError:  # an int too long for str() (Python's 4,300-digit limit)
        text = f"<{type(value).__name__}>"
    return _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    """``text`` escaped and cut to ``limit`` characters, ``…`` last where it was cut."""
    head = text[:limit]
    if len(text) <= limit and head.isprintable():
        return head  # the usual value: as it is
    out: list[str] = []
    size = 0
    for ch in head:
        piece = printable(ch)
        if size + len(piece) > limit - 1:
            return "".join(out) + "…"
        out.append(piece)
        size += len(piece)
    return "".join(out) + ("…" if len(text) > limit else "")
