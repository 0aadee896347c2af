"""A loaded map as plain immutable records: what the library works with once a map is valid.

The format itself is defined once, by the pydantic models of :mod:`argmap.model`
(they give the JSON Schema, the error messages, and the objects the importers
build). After validation, the loader hands out these records instead: named
tuples with the same field names and values as the models (``NodeRecord.kind``
is a :class:`NodeKind`, ``tags`` a tuple, ``confidence`` a float...).

Why records: importing pydantic and building the models takes about 0.12 s
here, more than half of ``argmap check`` on a small map from a cold start, and a
valid map does not need pydantic at all (:mod:`argmap._fastvalid` validates it).
Pydantic is imported only to explain an invalid map or when a caller asks for
the models (:attr:`argmap.load.LoadedMap.model`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from argmap.errors import Severity

__all__ = [
    "ID_PATTERN",
    "REF_PATTERN",
    "CheckRecord",
    "MapRecord",
    "NodeKind",
    "NodeRecord",
    "RelationKind",
    "RelationRecord",
    "SourceRecord",
]

#: A readable slug: ``coercion-fails``, ``istanbul_talks``, ``rec.1``.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
#: A node or relation reference: ``node-id`` or ``other-map:node-id``.
REF_PATTERN = r"^([A-Za-z0-9][A-Za-z0-9_.-]*:)?[A-Za-z0-9][A-Za-z0-9_.-]*$"


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
    strength: float | None = None
    note: str | None = None


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
    confidence: float | None = None
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
