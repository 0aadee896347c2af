"""The argmap format, version 1, as pydantic models.

The models are the single definition of the format: the loader validates
against them and ``argmap schema`` prints their JSON Schema. They are frozen
and forbid unknown keys, so a typo is an error (with a "did you mean" hint
added by the loader) rather than silently ignored data.

Scalars reach these models as strings (the YAML layer never guesses types),
so numeric fields such as ``confidence`` convert here, from the text written.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from argmap.errors import Severity
from argmap.records import (
    DATE_PATTERN,
    ID_PATTERN,
    REF_PATTERN,
    NodeKind,
    RelationKind,
    date_problem,
)

__all__ = [
    "FORMAT_VERSION",
    "ArgumentMap",
    "CheckConfig",
    "Node",
    "NodeKind",
    "Relation",
    "RelationKind",
    "Source",
]

FORMAT_VERSION = 1


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=200)]
Ref = Annotated[str, Field(pattern=REF_PATTERN, max_length=401)]


def _not_bool(value: Any) -> Any:
    # bool is an int to Python, so `true` from a JSON import would pass as 1.
    if isinstance(value, bool):
        raise ValueError(f"expected a number, not {'true' if value else 'false'}")
    return value


Score = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False), BeforeValidator(_not_bool)]


def _real_date(value: str) -> str:
    problem = date_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a day of the calendar (not 2024-02-30).
Date = Annotated[str, Field(pattern=DATE_PATTERN), AfterValidator(_real_date)]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=False,
        use_enum_values=False,
    )


class Source(_Model):
    """A document the map draws on: an article, report, dataset or interview."""

    id: Id = Field(description="Unique id of the source within the map.")
    title: str = Field(min_length=1, description="Title of the source.")
    author: str | None = Field(default=None, description="Author(s) or publisher.")
    date: Date | None = Field(
        default=None,
        description="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    url: str | None = Field(
        default=None,
        pattern=r"^https?://\S+$",
        description="Where to read it (http or https only).",
    )
    text: str | None = Field(
        default=None,
        min_length=1,
        description="Path of a local plain-text copy, relative to the map file; "
        "quotes from this source are checked against it.",
    )
    note: str | None = Field(default=None, description="Free-form remark.")


def _relation_shorthand(value: Any) -> Any:
    """A bare reference ``x`` is short for ``{to: x}``."""
    if isinstance(value, str):
        return {"to": value}
    return value


class Relation(_Model):
    """One outgoing relation, written under the node it starts from."""

    to: Ref = Field(description="Target: a node id (supports, attacks) or a relation id "
                    "(undercuts); `map:id` for a node in another map of the folder.")
    id: Id | None = Field(default=None, description="Id of this relation, so that it "
                          "can be undercut.")
    strength: Score | None = Field(default=None, description="How strongly it bears, 0..1.")
    note: str | None = Field(default=None, description="Free-form remark.")


RelationEntry = Annotated[
    Relation,
    BeforeValidator(_relation_shorthand, json_schema_input_type=Ref | Relation),
]


class Node(_Model):
    """A claim, piece of evidence, recommendation, assumption or objection."""

    id: Id = Field(description="Unique id of the node within the map (a readable slug).")
    kind: NodeKind = Field(description="What the node is in the argument.")
    text: str = Field(min_length=1, description="The node's content, in a sentence or two.")
    quote: str | None = Field(
        default=None, min_length=1, description="Verbatim passage from the source."
    )
    source: Ref | None = Field(default=None, description="Id of the source it comes from.")
    locator: str | None = Field(
        default=None, description="Where in the source: section, page, paragraph."
    )
    section: str | None = Field(default=None, description="Section of the map it belongs to.")
    tags: tuple[str, ...] = Field(default=(), description="Free labels for filtering.")
    confidence: Score | None = Field(default=None, description="Belief in the node, 0..1.")
    note: str | None = Field(default=None, description="Free-form remark.")
    supports: tuple[RelationEntry, ...] = Field(
        default=(), description="Nodes this node gives reasons for."
    )
    attacks: tuple[RelationEntry, ...] = Field(
        default=(), description="Nodes this node gives reasons against."
    )
    undercuts: tuple[RelationEntry, ...] = Field(
        default=(),
        description="Relations (by id) this node says do not hold, whatever their premises.",
    )
    acknowledge: dict[str, str] = Field(
        default_factory=dict,
        description="Check findings accepted on this node: rule id -> reason.",
    )

    def relations(self) -> tuple[tuple[RelationKind, Relation], ...]:
        """Every outgoing relation with its kind, in the order written."""
        return (
            *((RelationKind.SUPPORTS, r) for r in self.supports),
            *((RelationKind.ATTACKS, r) for r in self.attacks),
            *((RelationKind.UNDERCUTS, r) for r in self.undercuts),
        )


class CheckConfig(_Model):
    """Per-map settings of ``argmap check`` (they add to pyproject's ``[tool.argmap]``)."""

    select: tuple[str, ...] | None = Field(default=None, description="Only these rules.")
    ignore: tuple[str, ...] = Field(default=(), description="Rules not to run.")
    severity: Severity | None = Field(
        default=None, description="Lowest severity reported (and failing): info, warning, error."
    )


class ArgumentMap(_Model):
    """One argument map: metadata, sources and nodes (relations live under nodes)."""

    argmap: Annotated[int, BeforeValidator(_not_bool)] = Field(
        description="Format version; this argmap reads version 1.")
    title: str = Field(min_length=1, description="Title of the map.")
    question: str | None = Field(default=None, description="The question the map addresses.")
    thesis: str | None = Field(default=None, description="The thesis the map defends.")
    authors: tuple[str, ...] = Field(default=(), description="Who made the map.")
    date: Date | None = Field(
        default=None,
        description="Date of the map: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    description: str | None = Field(default=None, description="What the map covers.")
    sources: tuple[Source, ...] = Field(default=(), description="Documents the map draws on.")
    nodes: tuple[Node, ...] = Field(default=(), description="The argument's nodes.")
    check: CheckConfig | None = Field(default=None, description="Settings of argmap check.")

    @field_validator("argmap")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(f"format version {value} is not supported; this argmap reads "
                             f"version {FORMAT_VERSION}")
        return value
