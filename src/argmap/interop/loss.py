"""The loss report: what a conversion could not carry over exactly.

Every importer and exporter returns one beside its result, so that nothing is
dropped silently. An entry says where (a location in the input file when there
is one), what kind of loss it is, and which node it concerns:

* ``approximated``: carried over in another form (a contradiction as two attacks);
* ``not-imported`` / ``not-exported``: left out (AIF locutions, an Argdown colour scheme).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from argmap.errors import Location
from argmap.model import ArgumentMap

__all__ = ["APPROXIMATED", "NOT_EXPORTED", "NOT_IMPORTED", "Imported", "Loss", "LossReport"]

APPROXIMATED = "approximated"
NOT_IMPORTED = "not-imported"
NOT_EXPORTED = "not-exported"

#: Version of the JSON form of a loss report (``--loss-report FILE``).
LOSS_REPORT_VERSION = 1


class Loss(NamedTuple):
    """One thing a conversion could not carry over exactly."""

    code: str
    message: str
    location: Location | None = None
    node: str | None = None
    """Id of the argmap node concerned, if any."""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        return f"{where}{self.code}: {self.message}"


@dataclass
class LossReport:
    """The losses of one conversion, in the order they were found."""

    entries: list[Loss] = field(default_factory=list)

    def add(self, code: str, message: str, location: Location | None = None,
            node: str | None = None) -> None:
        """Record one loss."""
        self.entries.append(Loss(code, message, location, node))

    def extend(self, other: LossReport) -> None:
        """Append the entries of another report."""
        self.entries.extend(other.entries)

    def __iter__(self) -> Iterator[Loss]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def ordered(self) -> list[Loss]:
        """The entries by file, line and column; those without a location last."""
        located = sorted((e for e in self.entries if e.location is not None),
                         key=lambda e: (e.location or Location("")))
        return located + [e for e in self.entries if e.location is None]

    def by_node(self) -> dict[str, list[str]]:
        """``node id -> messages``: the comments an importer writes above each node."""
        out: dict[str, list[str]] = {}
        for loss in self.entries:
            if loss.node is not None:
                out.setdefault(loss.node, []).append(f"{loss.code}: {loss.message}")
        return out

    def to_json(self) -> str:
        """The report as JSON text (documented in docs/interop.md)."""
        entries = [
            {"code": e.code, "message": e.message,
             "path": e.location.path if e.location else None,
             "line": e.location.line if e.location else None,
             "column": e.location.col if e.location else None,
             "node": e.node}
            for e in self.ordered()
        ]
        return json.dumps({"argmap_loss_report": LOSS_REPORT_VERSION, "entries": entries},
                          ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Imported:
    """What an importer returns: the map and what could not be carried over."""

    map: ArgumentMap
    loss: LossReport
    included: tuple[Path, ...] = ()
    """The files read besides the one imported (an Argdown document's includes, by their
    real paths): inputs of the import too, never to be written over."""
