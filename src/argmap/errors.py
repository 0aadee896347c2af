"""The one family of errors argmap raises, and the located problems they carry.

Every error a user can cause is an :class:`ArgmapError`. Errors about input
files carry :class:`Problem` values, each with a :class:`Location` that counts
lines and columns from 1, so the CLI can print them as
``path:line:col: severity: message [code]`` (the yamllint "parsable" form).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

__all__ = [
    "ArgmapError",
    "LoadError",
    "Location",
    "Problem",
    "Severity",
    "UsageError",
]


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
