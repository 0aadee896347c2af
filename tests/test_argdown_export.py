"""Tests of argmap.interop.argdown (export): readable Argdown that imports back exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.interop.argdown import argdown_from_text, export_argdown, import_argdown
from argmap.load import load
from argmap.model import ArgumentMap

from .helpers import FLAGSHIP_REL, THIRD_PARTY
from .mapgen import maps


def round_trip(amap: ArgumentMap) -> ArgumentMap:
    """The map, exported to Argdown and imported again."""
    text, _ = export_argdown(amap)
    return argdown_from_text(text, "exported.argdown").map


def test_small_map_output() -> None:
    """Statements, arguments, tags, headings, relation lines and data, as a person writes them."""
    amap = ArgumentMap.model_validate({"argmap": 1, "title": "Demo", "nodes": [
        {"id": "talks-failed", "kind": "evidence", "text": "The talks [in Istanbul] failed.",
         "section": "VII", "tags": ["diplomacy"], "supports": ["broker"]},
        {"id": "broker", "kind": "recommendation", "text": "Use a broker.", "section": "VII",
         "attacks": [{"to": "talks-failed", "id": "r1", "strength": 0.5}]},
        {"id": "why", "kind": "claim", "text": "Because.", "tags": ["argument", "pro"],
         "supports": ["broker"]},
    ]})
    text, loss = export_argdown(amap)
    expected = """\
===
argmap: 1
title: Demo
===

# VII

[talks-failed]: The talks \\[in Istanbul\\] failed. #diplomacy {kind: evidence}
  +> [broker]

[broker]: Use a broker. {kind: recommendation, relations: [{attacks: talks-failed, id: r1, \
strength: 0.5}]}
  -> [talks-failed]

<why>: Because. #pro {section: null}
  +> [broker]
"""
    assert (expected, []) == (text, list(loss))
    assert amap == round_trip(amap)


def test_flagship_round_trips() -> None:
    """The flagship map survives Argdown unchanged; its undercut is noted in the report."""
    amap = load(FLAGSHIP_REL).model
    text, loss = export_argdown(amap)
    assert amap == argdown_from_text(text, "flagship.argdown").map
    assert ["approximated"] == [entry.code for entry in loss]


@pytest.mark.parametrize("name", ["examples/argdown-primer.argdown",
                                  "examples/legalisation-softdrugs.argdown",
                                  "examples/state-censorship.argdown",
                                  "packages/argdown-core/test/veggie_debate.argdown"])
def test_imported_third_party_maps_round_trip(name: str) -> None:
    """Argdown -> map -> Argdown -> map gives the first map again (Argdown's own examples)."""
    amap = import_argdown(THIRD_PARTY / "argdown" / name).map
    assert amap == round_trip(amap)


def test_awkward_text_goes_into_data() -> None:
    """Text Argdown cannot hold on one line is shown flattened, exact in the data element."""
    amap = ArgumentMap.model_validate({"argmap": 1, "title": "T", "nodes": [
        {"id": "a", "kind": "claim", "text": " two\nlines "}]})
    text, loss = export_argdown(amap)
    assert '[a]: two lines {text: " two\\nlines "}' in text.splitlines()
    assert (amap, ["a"]) == (round_trip(amap), [entry.node for entry in loss])


def test_relations_to_other_maps_are_reported() -> None:
    """A relation to another map's node cannot be written; the report says so."""
    amap = ArgumentMap.model_validate({"argmap": 1, "title": "T", "nodes": [
        {"id": "a", "kind": "claim", "text": "A", "supports": ["other:b"]}]})
    _, loss = export_argdown(amap)
    assert [("not-exported", "a")] == [(entry.code, entry.node) for entry in loss]


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(maps())
def test_round_trip_property(amap: ArgumentMap) -> None:
    """For every valid map: import(export_argdown(m)) == m."""
    assert amap == round_trip(amap)
