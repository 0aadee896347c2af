"""A loaded map as plain immutable records: what the library works with once a map is valid.

The format is declared once, by the pydantic models of :mod:`argmap.model` (they give
the JSON Schema, the error messages, and the objects the importers build). After
validation, the loader hands out these records instead: named tuples with the same
field names, order and values as the models (``NodeRecord.kind`` is a
:class:`NodeKind`, ``tags`` a tuple, ``confidence`` a float...). The records are
written from the models by ``scripts/genformat.py`` (below its mark line); above it
are what both the models and the records use: the patterns, the calendar check and
the enumerations.

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
    "TITLE_MAX",
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
    "title_problem",
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


#: Longest node title, in characters: a handle of a few words (Argdown's ``[Title]``),
#: drawn whole on overview pictures up to their cap (docs/render.md, "Short labels").
TITLE_MAX = 80
#: Every character that ``str.splitlines`` breaks a line at.
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def title_problem(value: object) -> tuple[str, str] | None:
    """What is wrong with ``value`` as a node's ``title``, and a hint; ``None`` if nothing.

    A title is a handle: text on one line, not blank, without spaces at its ends (Argdown
    trims them, so a round trip would lose them), at most :data:`TITLE_MAX` characters.
    The model and the fast validator both ask this one function, so they agree.
    """
    if not isinstance(value, str):
        found = "a list" if isinstance(value, list | tuple) else (
            "a mapping" if isinstance(value, dict) else "a " + type(value).__name__)
        return (f"expected text, found {found}", "write `title: A few words` on one line")
    if not value.strip():
        return ("a title is blank", "write a few words, or leave `title:` out")
    if not _LINE_BREAKS.isdisjoint(value):
        return ("a title is one line", "write the title on one line; more goes in `text:` "
                "or `note:`")
    if value != value.strip():
        return ("a title starts or ends with a space", "remove the spaces around it")
    if len(value) > TITLE_MAX:
        return (f"a title is at most {TITLE_MAX} characters, this one has {len(value):,}",
                "a title is a handle of a few words (drawn on overview pictures, written as "
                "Argdown's [Title]): shorten it, the statement goes in `text:`")
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


# --- generated by scripts/genformat.py from argmap.model; edit the models and run it ---


class SourceRecord(NamedTuple):
    """A document the map draws on: an article, report, dataset or interview.

    The record of :class:`argmap.model.Source`.
    """

    #: Unique id of the source within the map.
    id: str
    #: Title of the source.
    title: str
    #: Author(s) or publisher.
    author: str | None = None
    #: Publication date: YYYY, YYYY-MM or YYYY-MM-DD.
    date: str | None = None
    #: Where to read it (http or https only).
    url: str | None = None
    #: Path of a local plain-text copy, relative to the map file; quotes from this source are
    #: checked against it.
    text: str | None = None
    #: Free-form remark.
    note: str | None = None


class RelationRecord(NamedTuple):
    """One outgoing relation, written under the node it starts from.

    The record of :class:`argmap.model.Relation`.
    """

    #: Target: a node id (supports, attacks) or a relation id (undercuts); `map:id` for a
    #: node in another map of the folder.
    to: str
    #: Id of this relation, so that it can be undercut.
    id: str | None = None
    #: Who draws the link: `source` (the source states it; the default) or `analyst` (the
    #: map's author infers it).
    by: Provenance = Provenance.SOURCE
    #: Id of the source that draws the link (only with by: source); default: the source of
    #: the node it starts from, or the map's only source.
    source: str | None = None
    #: Verbatim passage where the source draws the link (only with by: source); checked like
    #: a node's quote.
    quote: str | None = None
    #: The argumentation scheme of the inference (docs/schemes.md), e.g. `sign`,
    #: `practical-reasoning`.
    scheme: str | None = None
    #: For attacks and undercuts: the critical question of the scheme of the relation it
    #: targets that it raises, e.g. `cq1`.
    question: str | None = None
    #: How strongly it bears, 0..1, or an interval [low, high].
    strength: float | tuple[float, float] | None = None
    #: Free-form remark.
    note: str | None = None


class NodeRecord(NamedTuple):
    """A claim, piece of evidence, recommendation, assumption or objection.

    The record of :class:`argmap.model.Node`.
    """

    #: Unique id of the node within the map (a readable slug).
    id: str
    #: What the node is in the argument.
    kind: NodeKind
    #: The node's content, in a sentence or two.
    text: str
    #: A short title for the node, a few words on one line (at most 80 characters): its label
    #: on overview pictures, Argdown's [Title].
    title: str | None = None
    #: Verbatim passage from the source.
    quote: str | None = None
    #: Id of the source it comes from.
    source: str | None = None
    #: Where in the source: section, page, paragraph.
    locator: str | None = None
    #: Section of the map it belongs to.
    section: str | None = None
    #: Free labels for filtering.
    tags: tuple[str, ...] = ()
    #: Belief in the node, 0..1, or an interval [low, high].
    confidence: float | tuple[float, float] | None = None
    #: Free-form remark.
    note: str | None = None
    #: Nodes this node gives reasons for.
    supports: tuple[RelationRecord, ...] = ()
    #: Nodes this node gives reasons against.
    attacks: tuple[RelationRecord, ...] = ()
    #: Relations (by id) this node says do not hold, whatever their premises.
    undercuts: tuple[RelationRecord, ...] = ()
    #: Check findings accepted on this node: rule id -> reason.
    acknowledge: dict[str, str] = {}  # noqa: RUF012 - never mutated; records are read-only

    def relations(self) -> tuple[tuple[RelationKind, RelationRecord], ...]:
        """Every outgoing relation with its kind, in the order written."""
        return (
            *((RelationKind.SUPPORTS, r) for r in self.supports),
            *((RelationKind.ATTACKS, r) for r in self.attacks),
            *((RelationKind.UNDERCUTS, r) for r in self.undercuts),
        )


class TensionRecord(NamedTuple):
    """Two nodes the source leaves inconsistent (or that contradict each other).

    The record of :class:`argmap.model.Tension`.
    """

    #: Unique id of the tension within the map.
    id: str
    #: The two nodes in tension (`map:id` for a node of another map).
    between: tuple[str, ...]
    #: Id of the source the quotes come from; default: the sources of the two nodes, or the
    #: map's only source.
    source: str | None = None
    #: What is inconsistent, and why.
    note: str | None = None
    #: Verbatim passages that show the tension; checked like quotes of nodes.
    quotes: tuple[str, ...] = ()


class CheckRecord(NamedTuple):
    """Per-map settings of ``argmap check`` (they add to pyproject's ``[tool.argmap]``).

    The record of :class:`argmap.model.CheckConfig`.
    """

    #: Only these rules.
    select: tuple[str, ...] | None = None
    #: Rules not to run.
    ignore: tuple[str, ...] = ()
    #: Lowest severity reported (and failing): info, warning, error.
    severity: Severity | None = None


class MapRecord(NamedTuple):
    """One argument map: metadata, sources and nodes (relations live under nodes).

    The record of :class:`argmap.model.ArgumentMap`.
    """

    #: Format version; this argmap reads version 1.
    argmap: int
    #: Title of the map.
    title: str
    #: The question the map addresses.
    question: str | None = None
    #: The thesis the map defends.
    thesis: str | None = None
    #: Who made the map.
    authors: tuple[str, ...] = ()
    #: Date of the map: YYYY, YYYY-MM or YYYY-MM-DD.
    date: str | None = None
    #: What the map covers.
    description: str | None = None
    #: Documents the map draws on.
    sources: tuple[SourceRecord, ...] = ()
    #: The argument's nodes.
    nodes: tuple[NodeRecord, ...] = ()
    #: Inconsistencies in the source, between two nodes; not relations: nothing supports or
    #: attacks through them.
    tensions: tuple[TensionRecord, ...] = ()
    #: Settings of argmap check.
    check: CheckRecord | None = None
