"""A loaded map as plain immutable records: what the library works with once a map is valid.

The format itself is defined once, by the pydantic models of :mod:`argmap.model`
(they give the JSON Schema, the error messages, and the objects the importers
build). After validation, the loader hands out these records instead: named
tuples with the same field names and values as the models (``NodeRecord.kind``
is a :class:`NodeKind`, ``tags`` a tuple, ``confidence`` a float...).

Why records: importing pydantic and building the models takes about 0.12 s
here, more than half of ``argmap check`` on a small map from a cold start, and a
valid map does not need pydantic at all (:mod:`argmap.loading._fastvalid` validates it).
Pydantic is imported only to explain an invalid map or when a caller asks for
the models (:attr:`argmap.loading.loaded.LoadedMap.model`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from argmap.errors import Severity

__all__ = [
    "DATE_PATTERN",
    "ID_PATTERN",
    "QUESTION_PATTERN",
    "REF_PATTERN",
    "SCHEME_PATTERN",
    "CheckRecord",
    "Interval",
    "MapRecord",
    "NodeKind",
    "NodeRecord",
    "Provenance",
    "RelationKind",
    "RelationRecord",
    "SourceRecord",
    "TensionRecord",
    "date_problem",
]

#: A score known only within bounds: ``(low, high)``, ``0 <= low <= high <= 1``
#: (``strength: [0.6, 0.9]``, ``confidence: [0.5, 0.8]``).
Interval = tuple[float, float]
#: A readable slug: ``coercion-fails``, ``istanbul_talks``, ``rec.1``.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
#: A node or relation reference: ``node-id`` or ``other-map:node-id``.
REF_PATTERN = r"^([A-Za-z0-9][A-Za-z0-9_.-]*:)?[A-Za-z0-9][A-Za-z0-9_.-]*$"
#: A scheme id of the catalogue (:mod:`argmap.schemes`): kebab case.
SCHEME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: A critical question of a scheme: ``cq1`` to ``cq99``.
QUESTION_PATTERN = r"^cq[1-9][0-9]?$"
#: The shape of a date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (see :func:`date_problem`).
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def date_problem(text: str) -> str | None:
    """Why ``text`` (of the shape :data:`DATE_PATTERN`) is not a calendar date, or ``None``.

    The shape alone accepts ``2024-02-30`` or ``2024-13``; the model and the fast
    validator both ask this one function, so they agree on every date.
    """
    try:
        parts = [int(p) for p in text.split("-")]
    except ValueError:  # digits int() does not read (the pattern's \d is Unicode-wide)
        return f"{text} is not a date"
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return f"{text} is not a date: there is no month {text.split('-')[1]}"
    if len(parts) > 2:
        year, month, day = parts
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        if not 1 <= day <= days:
            return (f"{text} is not a date: {_MONTHS[month - 1]} {text[:4]} has {days} days"
                    if day else f"{text} is not a date: days count from 01")
    return None


class NodeKind(StrEnum):
    """What a node is in the argument."""

    CLAIM = "claim"
    EVIDENCE = "evidence"
    RECOMMENDATION = "recommendation"
    ASSUMPTION = "assumption"
    OBJECTION = "objection"


class RelationKind(StrEnum):
    """How a node bears on another node (or, for undercuts, on a relation)."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"


class Provenance(StrEnum):
    """Who draws a relation: the source's author, or the analyst who made the map."""

    SOURCE = "source"
    ANALYST = "analyst"


class SourceRecord(NamedTuple):
    """A source (see :class:`argmap.model.Source`)."""

    id: str
    title: str
    author: str | None = None
    date: str | None = None
    url: str | None = None
    text: str | None = None
    note: str | None = None


class RelationRecord(NamedTuple):
    """An outgoing relation (see :class:`argmap.model.Relation`)."""

    to: str
    id: str | None = None
    strength: float | Interval | None = None
    note: str | None = None
    by: Provenance = Provenance.SOURCE
    quote: str | None = None
    source: str | None = None
    scheme: str | None = None
    question: str | None = None


class NodeRecord(NamedTuple):
    """A node (see :class:`argmap.model.Node`)."""

    id: str
    kind: NodeKind
    text: str
    quote: str | None = None
    source: str | None = None
    locator: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    confidence: float | Interval | None = None
    note: str | None = None
    supports: tuple[RelationRecord, ...] = ()
    attacks: tuple[RelationRecord, ...] = ()
    undercuts: tuple[RelationRecord, ...] = ()
    acknowledge: dict[str, str] = {}  # noqa: RUF012 - never mutated; records are read-only

    def relations(self) -> tuple[tuple[RelationKind, RelationRecord], ...]:
        """Every outgoing relation with its kind, in the order written."""
        return (
            *((RelationKind.SUPPORTS, r) for r in self.supports),
            *((RelationKind.ATTACKS, r) for r in self.attacks),
            *((RelationKind.UNDERCUTS, r) for r in self.undercuts),
        )


class TensionRecord(NamedTuple):
    """An inconsistency between two nodes (see :class:`argmap.model.Tension`)."""

    id: str
    between: tuple[str, ...]
    source: str | None = None
    note: str | None = None
    quotes: tuple[str, ...] = ()


class CheckRecord(NamedTuple):
    """Per-map check settings (see :class:`argmap.model.CheckConfig`)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Severity | None = None


class MapRecord(NamedTuple):
    """One map (see :class:`argmap.model.ArgumentMap`)."""

    argmap: int
    title: str
    question: str | None = None
    thesis: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    description: str | None = None
    sources: tuple[SourceRecord, ...] = ()
    nodes: tuple[NodeRecord, ...] = ()
    check: CheckRecord | None = None
    tensions: tuple[TensionRecord, ...] = ()
