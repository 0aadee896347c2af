"""The argmap format, version 1, as pydantic models: the one declaration of the format.

Every field of the format is declared here once, with its type, constraints, default
and description, in the order people read and write it (docs/format.md's tables).
Everything else is derived from these models:

- the JSON Schema (``argmap schema``) and the located messages of an invalid map
  (:mod:`argmap.loading._modelcheck`), by pydantic at run time;
- the records (:mod:`argmap.records`) and the field tables and record builders of the
  fast validator (:mod:`argmap.loading._fastvalid`), written by ``scripts/genformat.py``
  as code (so that a valid map loads without importing pydantic, with static types);
  ``tests/test_genformat.py`` fails when they are not regenerated;
- the order :mod:`argmap.emit` writes keys in.

The models are frozen and forbid unknown keys, so a typo is an error (with a "did you
mean" hint added by the loader) rather than silently ignored data. Scalars reach them
as strings (the YAML layer never guesses types), so numeric fields such as
``confidence`` convert here, from the text written.

Each constrained type carries a :class:`Fast` mark naming the reader of the fast
validator that accepts it without pydantic (a type without one, or with constraints the
generator cannot read, makes the fast validator hand any map that uses it to pydantic:
slower, never wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from argmap import records
from argmap.errors import Severity, shown
from argmap.records import (
    DATE_PATTERN,
    ID_PATTERN,
    QUESTION_PATTERN,
    REF_PATTERN,
    SCHEME_PATTERN,
    TITLE_MAX,
    NodeKind,
    Provenance,
    RelationKind,
    date_problem,
    title_problem,
)
from argmap.schemes import SCHEMES

if TYPE_CHECKING:  # (the records are generated from this module: it runs without them)
    from argmap.records import MapRecord

__all__ = [
    "FORMAT_VERSION",
    "RECORDS",
    "ArgumentMap",
    "CheckConfig",
    "Fast",
    "Node",
    "NodeKind",
    "Provenance",
    "Relation",
    "RelationKind",
    "Source",
    "Tension",
    "to_model",
    "to_records",
]

FORMAT_VERSION = 1
#: The type of a validation error about a key that is valid only elsewhere; its context
#: names the key (where the loader locates the error) and a hint.
MISPLACED = "misplaced_key"
#: The type of a validation error about an interval ``[low, high]``; its context holds
#: the message's ``detail`` and a ``hint``.
BAD_INTERVAL = "bad_interval"
#: The type of a validation error of a value its type judges as a whole (a node's
#: title); like :data:`BAD_INTERVAL`'s, its context holds a ``detail`` and a ``hint``.
BAD_VALUE = "bad_value"


@dataclass(frozen=True)
class Fast:
    """The reader of :mod:`argmap.loading._fastvalid` that accepts a type without pydantic.

    ``reader`` names a function ``_<reader>`` of that module, which must accept only
    what the type accepts and give the same value (the property tests of
    tests/test_fastvalid.py hold it to that); ``takes`` is the kind of YAML data it reads,
    so that a union of types taking different kinds dispatches on it. Pydantic ignores
    the mark; ``scripts/genformat.py`` reads it. A model with validators of its own
    (:class:`Relation`) is read only through a marked type, whose reader makes the same
    checks (``Fast("relations")``); reached any other way, it is left to pydantic.
    """

    reader: str
    takes: Literal["text", "list", "mapping"] = "text"


def _not_bool(value: Any) -> Any:
    # bool is an int to Python, so `true` from a JSON import would pass as 1.
    if isinstance(value, bool):
        raise ValueError(f"expected a number, not {'true' if value else 'false'}")
    return value


def _known_version(value: int) -> int:
    if value != FORMAT_VERSION:
        raise ValueError(f"format version {value} is not supported; this argmap reads "
                         f"version {FORMAT_VERSION}")
    return value


#: The format version: ``1``.
Version = Annotated[int, BeforeValidator(_not_bool), AfterValidator(_known_version),
                    Fast("version")]
#: Text of at least one character.
Text = Annotated[str, Field(min_length=1), Fast("text")]
#: A verbatim passage.
Quote = Annotated[str, Field(min_length=1), Fast("text")]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=200), Fast("id")]
Ref = Annotated[str, Field(pattern=REF_PATTERN, max_length=401), Fast("ref")]
#: A link to read a source at: http or https only.
Url = Annotated[str, Field(pattern=r"^https?://\S+$"), Fast("url")]
Score = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False), BeforeValidator(_not_bool),
                  Fast("score")]
_SCORE = TypeAdapter(Score)
_SHOWN = 40  # characters of a bad bound echoed in an error


def _interval_error(detail: str, hint: str) -> PydanticCustomError:
    # The detail goes in the context, never in the template: text from the map may hold
    # braces, which a template would read as placeholders.
    return PydanticCustomError(BAD_INTERVAL, "{detail}", {"detail": detail, "hint": hint})


def _score_or_interval(value: Any) -> float | tuple[float, float]:
    """A number from 0 to 1, or an interval ``[low, high]`` of them (``low <= high``).

    One validator rather than a union: a union's errors name each of its members, and
    the loader could not locate them at the key the map writes."""
    if not isinstance(value, list | tuple):
        try:
            return float(_SCORE.validate_python(value))
        except ValidationError as exc:
            # The scalar's own error, as Score gives it, so the loader words it as before.
            err = exc.errors()[0]
            raise PydanticCustomError(err["type"], err["msg"]) from None
    example = "write [0.6, 0.9]: the lowest and the highest value it may have, from 0 to 1"
    if len(value) != 2:
        raise _interval_error(f"an interval is two numbers [low, high], not {len(value)}",
                              example)
    bounds = []
    for end, item in zip(("low", "high"), value, strict=True):
        try:
            bounds.append(float(_SCORE.validate_python(item)))
        except ValidationError:
            raise _interval_error(f"the {end} end of the interval, {shown(item, _SHOWN)}, is "
                                  "not a number "
                                  "from 0 to 1", example) from None
    low, high = bounds
    if low > high:
        raise _interval_error(f"the interval [{low:g}, {high:g}] starts above its end",
                              f"write [{high:g}, {low:g}]: the low end first")
    return low, high


def _dump_score(value: float | tuple[float, float]) -> float | list[float]:
    # Pydantic's own JSON serializer of the union turns the tuple into a list first and
    # then warns that the list matches neither member.
    return list(value) if isinstance(value, tuple) else value


#: A score, or an interval of scores for what is known only within bounds
#: (docs/semantics.md#sensitivity-strength-intervals).
ScoreRange = Annotated[
    float | tuple[float, float],
    PlainValidator(_score_or_interval),
    PlainSerializer(_dump_score, when_used="json"),
    WithJsonSchema({"anyOf": [
        {"type": "number", "minimum": 0, "maximum": 1},
        {"type": "array", "minItems": 2, "maxItems": 2,
         "items": {"type": "number", "minimum": 0, "maximum": 1},
         "description": "An interval [low, high], low <= high."}]}),
    Fast("score_range", "list"),
]


def _real_date(value: str) -> str:
    problem = date_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a day of the calendar (not 2024-02-30).
Date = Annotated[str, Field(pattern=DATE_PATTERN), AfterValidator(_real_date), Fast("date")]


def _known_scheme(value: str) -> str:
    if value not in SCHEMES:
        # The loader turns this into a located error with a "did you mean" (_modelcheck).
        raise ValueError(f"unknown scheme {shown(value)}")
    return value


#: The id of a scheme of the catalogue (:mod:`argmap.schemes`); the JSON Schema lists them,
#: so that editors complete them.
SchemeId = Annotated[str, Field(pattern=SCHEME_PATTERN, json_schema_extra={"enum": list(SCHEMES)}),
                     AfterValidator(_known_scheme), Fast("scheme")]
#: A critical question of a scheme: ``cq1``, ``cq2``...
QuestionId = Annotated[str, Field(pattern=QUESTION_PATTERN), Fast("question")]


def _title(value: Any) -> str:
    problem = title_problem(value)
    if problem is not None:
        detail, hint = problem
        raise PydanticCustomError(BAD_VALUE, "{detail}", {"detail": detail, "hint": hint})
    out: str = value
    return out


#: A node's title: a handle of a few words on one line (records.title_problem); one
#: validator, so that every way of getting it wrong has its own message and hint.
Title = Annotated[
    str,
    PlainValidator(_title),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": TITLE_MAX,
                    "pattern": r"^\S(.*\S)?$"}),
    Fast("title"),
]


def _two_nodes(value: tuple[str, ...]) -> tuple[str, ...]:
    if value[0] == value[1]:
        raise ValueError(f"a tension is between two different nodes, not {shown(value[0])} "
                         "and itself")
    return value


#: Two different nodes.
Pair = Annotated[tuple[Ref, ...], Field(min_length=2, max_length=2), AfterValidator(_two_nodes),
                 Fast("pair", "list")]


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
    title: Text = Field(description="Title of the source.")
    author: str | None = Field(default=None, description="Author(s) or publisher.")
    date: Date | None = Field(
        default=None,
        description="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    url: Url | None = Field(
        default=None,
        description="Where to read it (http or https only).",
    )
    text: Text | None = Field(
        default=None,
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
    by: Provenance = Field(
        default=Provenance.SOURCE,
        description="Who draws the link: `source` (the source states it; the default) or "
        "`analyst` (the map's author infers it).")
    source: Ref | None = Field(
        default=None, description="Id of the source that draws the link (only with by: "
        "source); default: the source of the node it starts from, or the map's only source.")
    quote: Quote | None = Field(
        default=None, description="Verbatim passage where the source draws the link "
        "(only with by: source); checked like a node's quote.")
    scheme: SchemeId | None = Field(
        default=None, description="The argumentation scheme of the inference "
        "(docs/schemes.md), e.g. `sign`, `practical-reasoning`.")
    question: QuestionId | None = Field(
        default=None, description="For attacks and undercuts: the critical question of the "
        "scheme of the relation it targets that it raises, e.g. `cq1`.")
    strength: ScoreRange | None = Field(
        default=None, description="How strongly it bears, 0..1, or an interval [low, high].")
    note: str | None = Field(default=None, description="Free-form remark.")

    @model_validator(mode="after")
    def _stated_by_the_source(self) -> Relation:
        if self.by is Provenance.ANALYST:
            given = [key for key in ("quote", "source") if getattr(self, key) is not None]
            if given:
                raise PydanticCustomError(
                    MISPLACED, "`{key}:` names where the source draws a link, and this "
                    "relation is `by: analyst`", {"key": given[0],
                                                  "hint": "remove one of the two"})
        return self


RelationEntry = Annotated[
    Relation,
    BeforeValidator(_relation_shorthand, json_schema_input_type=Ref | Relation),
]
#: Attacks or undercuts: a list of relations (read a list at a time by the fast
#: validator, as it runs for every node).
Relations = Annotated[tuple[RelationEntry, ...], Fast("relations", "list")]


def _support(rel: Relation) -> Relation:
    if rel.question is not None:
        raise PydanticCustomError(
            MISPLACED, "a support raises no critical question", {
                "key": "question", "hint": "`question:` is for an attack or undercut that "
                "raises a critical question of the relation it targets"})
    return rel


SupportEntry = Annotated[RelationEntry, AfterValidator(_support)]
#: Supports, which raise no critical question.
Supports = Annotated[tuple[SupportEntry, ...], Fast("supports", "list")]


class Node(_Model):
    """A claim, piece of evidence, recommendation, assumption or objection."""

    id: Id = Field(description="Unique id of the node within the map (a readable slug).")
    kind: NodeKind = Field(description="What the node is in the argument.")
    text: Text = Field(description="The node's content, in a sentence or two.")
    title: Title | None = Field(
        default=None, description="A short title for the node, a few words on one line "
        f"(at most {TITLE_MAX} characters): its label on overview pictures, Argdown's "
        "[Title].")
    quote: Quote | None = Field(default=None, description="Verbatim passage from the source.")
    source: Ref | None = Field(default=None, description="Id of the source it comes from.")
    locator: str | None = Field(
        default=None, description="Where in the source: section, page, paragraph."
    )
    section: str | None = Field(default=None, description="Section of the map it belongs to.")
    tags: tuple[str, ...] = Field(default=(), description="Free labels for filtering.")
    confidence: ScoreRange | None = Field(
        default=None, description="Belief in the node, 0..1, or an interval [low, high].")
    note: str | None = Field(default=None, description="Free-form remark.")
    supports: Supports = Field(
        default=(), description="Nodes this node gives reasons for."
    )
    attacks: Relations = Field(
        default=(), description="Nodes this node gives reasons against."
    )
    undercuts: Relations = Field(
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


class Tension(_Model):
    """Two nodes the source leaves inconsistent (or that contradict each other)."""

    id: Id = Field(description="Unique id of the tension within the map.")
    between: Pair = Field(
        description="The two nodes in tension (`map:id` for a node of another map).")
    source: Ref | None = Field(
        default=None, description="Id of the source the quotes come from; default: the "
        "sources of the two nodes, or the map's only source.")
    note: str | None = Field(default=None, description="What is inconsistent, and why.")
    quotes: tuple[Quote, ...] = Field(
        default=(), description="Verbatim passages that show the tension; checked like "
        "quotes of nodes.")


class ArgumentMap(_Model):
    """One argument map: metadata, sources and nodes (relations live under nodes)."""

    argmap: Version = Field(description="Format version; this argmap reads version 1.")
    title: Text = Field(description="Title of the map.")
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
    tensions: tuple[Tension, ...] = Field(
        default=(), description="Inconsistencies in the source, between two nodes; not "
        "relations: nothing supports or attacks through them.")
    check: CheckConfig | None = Field(default=None, description="Settings of argmap check.")


# --- the models and the records (argmap.records) of a map -----------------------------


def to_records(amap: ArgumentMap) -> MapRecord:
    """The records of a validated model (equal to what the fast validator would give).

    Field by field, by the records' field names (the records are generated from the
    models: a field added to a model needs nothing here).
    """
    out: MapRecord = _record(amap)
    return out


def _record(value: Any) -> Any:
    if isinstance(value, BaseModel):
        record = getattr(records, RECORDS[type(value)])
        return record._make([_record(getattr(value, name)) for name in record._fields])
    if isinstance(value, tuple):
        return tuple([_record(v) for v in value])
    if isinstance(value, dict):
        return dict(value)
    return value


def to_model(records: MapRecord) -> ArgumentMap:
    """The model of a map's records."""
    return ArgumentMap.model_validate(_plain(records))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        if hasattr(value, "_asdict"):
            return {k: _plain(v) for k, v in value._asdict().items()}
        return [_plain(v) for v in value]
    return value


#: The name of each model's record in :mod:`argmap.records`, which scripts/genformat.py
#: writes from the model (every model reachable from :class:`ArgumentMap` has one).
RECORDS: dict[type[BaseModel], str] = {
    Source: "SourceRecord", Relation: "RelationRecord", Node: "NodeRecord",
    Tension: "TensionRecord", CheckConfig: "CheckRecord", ArgumentMap: "MapRecord",
}
