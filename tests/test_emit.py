"""Tests of argmap.emit: YAML in the house style that loads back to the same map."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.emit import WIDTH, emit, flow, scalar
from argmap.loading import _fastyaml
from argmap.loading.loader import load, loads
from argmap.model import ArgumentMap

from .helpers import FLAGSHIP_REL
from .mapgen import _PROSE, PLAIN_IDS, maps

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _map(**fields: object) -> ArgumentMap:
    return ArgumentMap.model_validate({"argmap": 1, "title": "T", **fields})


def test_flagship_round_trips_exactly() -> None:
    """The flagship map, emitted and loaded again, is the same map."""
    amap = load(FLAGSHIP_REL).model
    assert amap == loads(emit(amap)).model


def test_flagship_output_stays_in_the_fast_subset() -> None:
    """argmap's own output is read by the fast scanner (no fallback to libyaml)."""
    data = _fastyaml.scan(emit(load(FLAGSHIP_REL).model)).data
    assert (len(data["nodes"]), len(data["tensions"])) == (59, 3)


def test_house_style() -> None:
    """Key order of docs/format.md, flow lists, shorthand relations, quotes only where needed."""
    amap = _map(date="2026-11-26", authors=["A. Author", "B"], nodes=[
        {"id": "a", "kind": "evidence", "text": "The talks collapsed.", "tags": ["x", "y"],
         "supports": ["b"], "confidence": 0.8, "source": None},
        {"id": "b", "kind": "claim", "text": "yes", "attacks": [
            {"to": "a", "id": "r1", "strength": 0.5}], "acknowledge": {"orphan-node": "ok"}},
    ])
    expected = """\
argmap: 1
title: T
authors: [A. Author, B]
date: "2026-11-26"
nodes:
  - id: a
    kind: evidence
    text: The talks collapsed.
    tags: [x, "y"]
    confidence: 0.8
    supports: [b]

  - id: b
    kind: claim
    text: "yes"
    attacks:
      - to: a
        id: r1
        strength: 0.5
    acknowledge:
      orphan-node: ok
"""
    assert expected == emit(amap)


def test_a_title_follows_the_text() -> None:
    """A node's title is written right after its text (the model's order), quoted only
    where YAML needs it, and loads back."""
    amap = _map(nodes=[{"id": "c1", "kind": "claim", "text": "Coercion has failed.",
                        "title": "Coercion: fails", "source": None, "tags": ["x"]},
                       {"id": "c2", "kind": "claim", "text": "B.", "title": "no"}])
    assert emit(amap).split("nodes:\n", 1)[1] == """\
  - id: c1
    kind: claim
    text: Coercion has failed.
    title: "Coercion: fails"
    tags: [x]

  - id: c2
    kind: claim
    text: B.
    title: "no"
"""
    assert amap == loads(emit(amap)).model


def test_provenance_and_tensions() -> None:
    """A relation with only default provenance stays bare; otherwise its keys come in the
    order of docs/format.md; tensions follow the nodes, their quotes one to a line."""
    amap = _map(sources=[{"id": "s", "title": "S"}], nodes=[
        {"id": "a", "kind": "evidence", "text": "A.", "supports": [
            {"to": "b", "by": "source"},
            {"to": "c", "note": "why", "scheme": "sign", "quote": "A shows B",
             "source": "s", "by": "source"}]},
        {"id": "b", "kind": "claim", "text": "B.", "attacks": [
            {"to": "a", "by": "analyst", "question": "cq1"}]},
        {"id": "c", "kind": "claim", "text": "C."},
    ], tensions=[{"id": "t", "between": ["b", "c"], "note": "B or C.",
                  "quotes": ["one", " ".join(["x"] * 60)]}])
    expected = """\
argmap: 1
title: T
sources:
  - id: s
    title: S
nodes:
  - id: a
    kind: evidence
    text: A.
    supports:
      - b
      - to: c
        source: s
        quote: A shows B
        scheme: sign
        note: why

  - id: b
    kind: claim
    text: B.
    attacks:
      - to: a
        by: analyst
        question: cq1

  - id: c
    kind: claim
    text: C.
tensions:
  - id: t
    between: [b, c]
    note: B or C.
    quotes:
      - one
      - >-
        x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x
        x x x x x x x x x x x x x x x x x x x x
"""
    assert expected == emit(amap)
    assert amap == loads(emit(amap)).model


@pytest.mark.parametrize(("value", "expected"), [
    ("plain words", "plain words"),
    ("yes", '"yes"'), ("No", '"No"'), ("on", '"on"'), ("~", '"~"'), ("null", '"null"'),
    ("1:20", '"1:20"'), ("0755", '"0755"'), ("1.10", '"1.10"'), ("1e5", '"1e5"'),
    ("2026-11-26", '"2026-11-26"'), ("0x1F", '"0x1F"'), (".inf", '".inf"'),
    ("a: b", '"a: b"'), ("key:", '"key:"'), ("- x", '"- x"'), ("# x", '"# x"'),
    ("a #b", '"a #b"'), ("it's", "it's"), ("'q'", '"\'q\'"'),
    ('"hi" she said', "'\"hi\" she said'"),
    (" edge", '" edge"'), ("two\nlines", '"two\\nlines"'), ("bell\x07", '"bell\\a"'),
    ("a:b", "a:b"), ("-x", "-x"), ("پاکستان", "پاکستان"),
])
def test_scalars_are_quoted_only_when_needed(value: str, expected: str) -> None:
    """Plain when safe; quoted for YAML 1.1 types, indicators, edge spaces; escapes in "..."."""
    assert expected == scalar(value)


def test_long_text_is_folded_within_the_width() -> None:
    """Long text becomes a ``>-`` block whose lines fit the width."""
    text = " ".join(["coercion has failed and diplomacy must take its place"] * 6)
    out = emit(_map(nodes=[{"id": "a", "kind": "claim", "text": text}]))
    lines = out.splitlines()
    assert lines[lines.index("    text: >-") + 1].startswith("      coercion")
    assert max(len(line) for line in lines) <= WIDTH
    assert text == loads(out).model.nodes[0].text


def test_multi_line_text_is_a_literal_block() -> None:
    """Text with line breaks (and no other awkward character) is written as ``|-``."""
    text = "First line of a long note that needs a second one.\n\nThird line " + "x" * 60
    out = emit(_map(nodes=[{"id": "a", "kind": "claim", "text": "t", "note": text}]))
    assert "    note: |-" in out.splitlines()
    assert text == loads(out).model.nodes[0].note


def test_comments_and_header() -> None:
    """Comments go above their node, the header at the top; line breaks in them are flattened."""
    amap = _map(nodes=[{"id": "a", "kind": "claim", "text": "A"},
                       {"id": "b", "kind": "claim", "text": "B"}])
    out = emit(amap, comments={"b": ["approximated: two\nlines"]}, header=["Imported."])
    expected = ["# Imported.", "argmap: 1", "title: T", "nodes:", "  - id: a",
                "    kind: claim", "    text: A", "", "  # approximated: two lines",
                "  - id: b", "    kind: claim", "    text: B"]
    assert expected == out.splitlines()
    assert amap == loads(out).model


def test_empty_check_block_is_kept() -> None:
    """``check: {}`` (all defaults) is not the same as no check block, and stays."""
    amap = _map(check={})
    assert "check: {}" in emit(amap).splitlines()
    assert amap == loads(emit(amap)).model


def test_flow() -> None:
    """One-line flow style for data elements: quotes where flow context needs them."""
    expected = '{kind: evidence, tags: [a, "b, c"], size: 0.5, x: null, "k: v": "[x]"}'
    assert expected == flow({"kind": "evidence", "tags": ["a", "b, c"], "size": 0.5,
                             "x": None, "k: v": "[x]"})


@SETTINGS
@given(maps(intervals=True))
def test_round_trip_property(amap: ArgumentMap) -> None:
    """For every valid map m (intervals too): loads(emit(m)) == m."""
    assert amap == loads(emit(amap)).model


def test_intervals_are_flow_lists() -> None:
    """An interval strength or confidence is written as a flow list, as a person would."""
    amap = ArgumentMap.model_validate({
        "argmap": "1", "title": "T", "nodes": [
            {"id": "a", "kind": "claim", "text": "A.", "confidence": ["0.5", "0.8"],
             "supports": [{"to": "b", "strength": ["0.25", "1"]}]},
            {"id": "b", "kind": "claim", "text": "B."}]})
    text = emit(amap)
    assert "    confidence: [0.5, 0.8]\n" in text
    assert "        strength: [0.25, 1.0]\n" in text


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(text=_PROSE, ids=PLAIN_IDS, tags=PLAIN_IDS, keys=PLAIN_IDS))
def test_prose_maps_stay_in_the_fast_subset(amap: ArgumentMap) -> None:
    """Maps of ordinary prose are emitted within the fast scanner's subset."""
    data = _fastyaml.scan(emit(amap)).data
    assert len(data.get("nodes") or []) == len(amap.nodes)
