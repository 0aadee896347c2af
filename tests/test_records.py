"""The records mirror the models field for field, and keep the order relations are written in."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from argmap import load, records
from argmap.model import ArgumentMap, CheckConfig, Node, Relation, Source
from argmap.records import NodeRecord, RelationKind, RelationRecord

from .helpers import FLAGSHIP_REL


@pytest.mark.parametrize(("record", "model"), [
    (records.MapRecord, ArgumentMap), (records.NodeRecord, Node),
    (records.SourceRecord, Source), (records.RelationRecord, Relation),
    (records.CheckRecord, CheckConfig),
])
def test_same_fields_in_the_same_order(record: type, model: type[BaseModel]) -> None:
    """Every field of a model is a field of its record (so the fast validator's key sets,
    taken from the records, are the models' keys), with the same defaults."""
    assert list(model.model_fields) == list(record._fields)
    for name, info in model.model_fields.items():
        if not info.is_required():
            default = info.get_default(call_default_factory=True)
            assert record._field_defaults[name] == default, name


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
