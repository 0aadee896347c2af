"""The records mirror the models field for field, and keep the order relations are written in.

(The records are generated from the models: tests/test_genformat.py holds the files to
the generator; these tests hold what it writes to the models' values.)"""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from argmap import emit, load, records
from argmap.loading import _fastvalid, source
from argmap.model import (
    ArgumentMap,
    CheckConfig,
    Node,
    Relation,
    Source,
    Tension,
    to_model,
    to_records,
)
from argmap.records import NodeRecord, RelationKind, RelationRecord

from .helpers import FLAGSHIP_REL


@pytest.mark.parametrize(("record", "model"), [
    (records.MapRecord, ArgumentMap), (records.NodeRecord, Node),
    (records.SourceRecord, Source), (records.RelationRecord, Relation),
    (records.CheckRecord, CheckConfig), (records.TensionRecord, Tension),
])
def test_same_fields_in_the_same_order(record: type, model: type[BaseModel]) -> None:
    """Every field of a model is a field of its record, in the same order, with the same
    defaults."""
    assert list(model.model_fields) == list(record._fields)
    for name, info in model.model_fields.items():
        if not info.is_required():
            default = info.get_default(call_default_factory=True)
            assert record._field_defaults[name] == default, name


#: A map that sets every field of every record to a value other than its default.
EVERY_FIELD = """\
argmap: 1
title: Every field
question: Q?
thesis: T.
authors: [A. Author]
date: 2026-01
description: D.
check:
  select: [orphan-node]
  ignore: [unsupported-claim]
  severity: warning
sources:
  - id: s
    title: S
    author: B. Author
    date: "2025"
    url: https://example.org/s
    text: s.txt
    note: N.
nodes:
  - id: a
    kind: claim
    text: A.
    title: A's title
    quote: A, quoted.
    source: s
    locator: p. 1
    section: Intro
    tags: [t]
    confidence: "0.5"
    note: N.
    acknowledge:
      unsupported-claim: the source asserts it
    supports:
      - to: b
        id: r
        strength: "0.5"
        note: N.
        quote: Q.
        source: s
        scheme: sign
  - id: b
    kind: claim
    text: B.
    attacks:
      - to: a
        by: analyst
        question: cq1
  - id: c
    kind: objection
    text: C.
    undercuts: [r]
tensions:
  - id: t
    between: [a, b]
    source: s
    note: N.
    quotes: [Q.]
"""


def _records_in(value: object) -> list[tuple[str, object]]:
    """Every record inside ``value``, with its type's name."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return [(type(value).__name__, value),
                *(r for v in value for r in _records_in(v))]
    if isinstance(value, tuple):
        return [r for v in value for r in _records_in(v)]
    return []


def test_every_field_is_read_alike_by_both_validators() -> None:
    """The fast validator builds records positionally (the fastest way, run for every node
    of a map), in code generated from the models: a field it missed, or put in another
    place, would give other values than the models' here. EVERY_FIELD sets every field of
    every record (a field it leaves at its default fails this test until it sets it)."""
    data = source.parse(EVERY_FIELD, "m.yaml").data
    fast = _fastvalid.validate(data)
    assert fast is not None
    assert to_records(ArgumentMap.model_validate(data)) == fast
    assert to_records(to_model(fast)) == fast
    unset = {(name, field) for name in {n for n, _ in _records_in(fast)}
             for field in getattr(records, name)._fields}
    for name, record in _records_in(fast):
        defaults = getattr(records, name)._field_defaults
        unset -= {(name, f) for f, v in record._asdict().items()
                  if f not in defaults or v != defaults[f]}
    assert set() == unset


@pytest.mark.parametrize(("keys", "record"), [
    (emit._MAP_KEYS, records.MapRecord), (emit._SOURCE_KEYS, records.SourceRecord),
    (emit._NODE_KEYS, records.NodeRecord), (emit._RELATION_KEYS, records.RelationRecord),
    (emit._TENSION_KEYS, records.TensionRecord), (emit._CHECK_KEYS, records.CheckRecord),
])
def test_emit_writes_every_field_in_the_declared_order(keys: tuple[str, ...],
                                                       record: type) -> None:
    """emit writes every field of each record once, in the order the models declare them
    (the order people read them in, docs/format.md's)."""
    assert record._fields == keys


def test_relations_in_written_order() -> None:
    """relations() lists supports, then attacks, then undercuts, each in file order."""
    node = NodeRecord("a", records.NodeKind.CLAIM, "A",
                      supports=(RelationRecord("b"), RelationRecord("c")),
                      attacks=(RelationRecord("d"),), undercuts=(RelationRecord("r"),))
    assert [(k, r.to) for k, r in node.relations()] == [
        (RelationKind.SUPPORTS, "b"), (RelationKind.SUPPORTS, "c"),
        (RelationKind.ATTACKS, "d"), (RelationKind.UNDERCUTS, "r")]


def test_loaded_map_gives_records_and_the_model() -> None:
    """A loaded map holds records; .model is the same content as the pydantic model."""
    m = load(FLAGSHIP_REL)
    assert isinstance(m.map, records.MapRecord)
    assert isinstance(m.model, ArgumentMap)
    assert [n.id for n in m.model.nodes] == [n.id for n in m.map.nodes]
    assert m.model.nodes[0].kind is m.map.nodes[0].kind


def test_argmap_package_gives_the_model_on_first_use() -> None:
    """`argmap.ArgumentMap` is the pydantic model, imported when first asked for."""
    import argmap
    from argmap.model import ArgumentMap as Model

    assert argmap.ArgumentMap is Model
    with pytest.raises(AttributeError):
        _ = argmap.NoSuchThing  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "expected"), [
    ("2024", None), ("2024-02", None), ("2024-02-29", None), ("2000-02-29", None),
    ("2024-12-31", None), ("0000-02-29", None),
    ("2024-02-30", "2024-02-30 is not a date: February 2024 has 29 days"),
    ("2023-02-29", "2023-02-29 is not a date: February 2023 has 28 days"),
    ("1900-02-29", "1900-02-29 is not a date: February 1900 has 28 days"),
    ("2024-04-31", "2024-04-31 is not a date: April 2024 has 30 days"),
    ("2024-01-00", "2024-01-00 is not a date: days count from 01"),
    ("2024-13", "2024-13 is not a date: there is no month 13"),
    ("2024-00-10", "2024-00-10 is not a date: there is no month 00"),
])
def test_date_problem_knows_the_calendar(text: str, expected: str | None) -> None:
    """Dates of the right shape are checked against the calendar, leap years included."""
    assert expected == records.date_problem(text)
