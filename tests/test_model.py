"""Tests of argmap.model: the format's JSON Schema accepts the flagship map and rejects bad maps.

An editor (yaml-language-server) validates a map as YAML 1.2 core-schema data:
``argmap: 1`` and ``confidence: 0.6`` are numbers there, ``no`` and ``1:20`` stay
text. argmap's own loader keeps every scalar as text (``source.parse``), so the
schema is tested on the editor's view: the structure from ``source.parse`` with
plain scalars typed the way YAML 1.2 types them, quoted ones left as text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from argmap.loading import source
from argmap.model import ArgumentMap, NodeKind, RelationKind

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}


def editor_view(text: str) -> Any:
    """The data an editor validates: YAML 1.2 core typing of plain scalars."""
    plain: set[tuple[int, int]] = set()
    # Only scalar events are read, to learn which scalars were written plain.
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.ScalarEvent) and not event.style:
            plain.add((event.start_mark.line + 1, event.start_mark.column + 1))
    document = source.parse(text)

    def typed(value: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(value, dict):
            return {k: typed(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [typed(v, (*path, i)) for i, v in enumerate(value)]
        span = document.span(path)
        if not isinstance(value, str) or span is None or (span[2], span[3]) not in plain:
            return value
        if value in _BOOLS:
            return _BOOLS[value]
        if _INT.fullmatch(value):
            return int(value, 0) if not value.lstrip("+-").startswith("0") else int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        return value

    return typed(document.data, ())


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    """A draft-07 validator of the model's JSON Schema."""
    schema = ArgumentMap.model_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(validator: jsonschema.Draft7Validator, data: Any) -> list[tuple[list[Any], str]]:
    """Each schema error as (path, validator keyword), in a stable order."""
    found = [(list(e.absolute_path), str(e.validator)) for e in validator.iter_errors(data)]
    return sorted(found, key=str)


def test_editor_view_types_plain_scalars_only() -> None:
    """The helper types ``1`` and ``0.6`` but leaves ``'1'``, ``no`` and ``1:20`` as text."""
    actual = editor_view("a: 1\nb: 0.6\nc: '1'\nd: no\ne: 1:20\nf: true\ng:\n")
    assert actual == {"a": 1, "b": 0.6, "c": "1", "d": "no", "e": "1:20", "f": True, "g": None}


def test_schema_accepts_the_flagship_map(validator: jsonschema.Draft7Validator,
                                         flagship: Path) -> None:
    """The flagship map is valid against the published schema, as an editor sees it."""
    data = editor_view(flagship.read_text(encoding="utf-8"))
    assert errors(validator, data) == []


def test_schema_and_model_agree_on_the_flagship(flagship: Path) -> None:
    """What the schema accepts, the model loads: 59 nodes and 3 tensions."""
    data = editor_view(flagship.read_text(encoding="utf-8"))
    amap = ArgumentMap.model_validate(data)
    assert (len(amap.nodes), len(amap.tensions)) == (59, 3)


VALID = """\
argmap: 1
title: T
nodes:
  - id: a
    kind: claim
    text: A.
  - id: b
    kind: evidence
    text: B.
    confidence: 0.5
    supports:
      - a
      - to: a
        id: r
        strength: 1
"""


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("text: A.", "txt: A."), [(["nodes", 0], "additionalProperties"),
                                   (["nodes", 0], "required")]),
        (("kind: claim", "kind: claimm"), [(["nodes", 0, "kind"], "enum")]),
        (("title: T\n", ""), [([], "required")]),
        (("confidence: 0.5", "confidence: 1.5"), [(["nodes", 1, "confidence"], "anyOf")]),
        (("confidence: 0.5", "confidence: high"), [(["nodes", 1, "confidence"], "anyOf")]),
        (("id: b", "id: not a slug"), [(["nodes", 1, "id"], "pattern")]),
        (("    supports:", "    support:"), [(["nodes", 1], "additionalProperties")]),
        (("      - a\n", "      - 'a b'\n"), [(["nodes", 1, "supports", 0], "anyOf")]),
        (("argmap: 1", "argmap: one"), [(["argmap"], "type")]),
    ],
    ids=["unknown-key", "unknown-kind", "missing-title", "confidence-out-of-range",
         "confidence-not-a-number", "bad-id", "unknown-relation", "bad-reference",
         "version-not-a-number"],
)
def test_schema_rejects_invalid_maps(validator: jsonschema.Draft7Validator,
                                     edit: tuple[str, str],
                                     expected: list[tuple[list[Any], str]]) -> None:
    """Each edit of a valid map makes the schema report exactly the errors at the edit."""
    assert errors(validator, editor_view(VALID)) == []
    assert expected == errors(validator, editor_view(VALID.replace(*edit)))


def test_schema_lists_every_kind_and_relation(validator: jsonschema.Draft7Validator) -> None:
    """The schema names every node kind and every relation, for editor completion."""
    schema = validator.schema
    kinds = schema["$defs"]["NodeKind"]["enum"]
    node_keys = set(schema["$defs"]["Node"]["properties"])
    assert [k.value for k in NodeKind] == kinds
    assert {r.value for r in RelationKind} <= node_keys


def test_model_reads_numbers_from_text() -> None:
    """The loader hands the model text; numeric fields convert from it."""
    node = ArgumentMap.model_validate(source.parse(VALID).data).nodes[1]
    assert (node.confidence, node.supports[1].strength) == (0.5, 1.0)


def test_model_is_frozen_and_forbids_unknown_keys() -> None:
    """A loaded map cannot be changed, and unknown keys are errors."""
    amap = ArgumentMap.model_validate(source.parse(VALID).data)
    with pytest.raises(ValueError, match="frozen"):
        amap.title = "changed"  # type: ignore[misc]
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        ArgumentMap.model_validate({"argmap": "1", "title": "T", "titel": "U"})


def test_validation_errors_never_echo_the_input() -> None:
    """pydantic errors leave the input out (it may be huge or hostile)."""
    with pytest.raises(ValueError, match="Input should be a valid") as info:
        ArgumentMap.model_validate({"argmap": "1", "title": "T", "nodes": "<script>" * 1000})
    assert "<script>" not in str(info.value)


@pytest.mark.parametrize("where", ["map", "source"])
def test_dates_must_be_days_of_the_calendar(where: str) -> None:
    """``2024-02-30`` has the shape of a date but is refused, with the reason; a leap day
    is accepted."""
    def data(date: str) -> dict[str, Any]:
        if where == "map":
            return {"argmap": "1", "title": "T", "date": date}
        return {"argmap": "1", "title": "T", "sources": [{"id": "s", "title": "S",
                                                          "date": date}]}

    assert ArgumentMap.model_validate(data("2024-02-29"))
    with pytest.raises(ValueError, match="2024-02-30 is not a date: February 2024 has 29 days"):
        ArgumentMap.model_validate(data("2024-02-30"))


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_not_numbers(value: bool) -> None:
    """``true`` (an int to Python) is neither a score nor the format version, for the
    importers that hand the model JSON values."""
    node = {"id": "a", "kind": "claim", "text": "A", "confidence": value}
    with pytest.raises(ValueError, match=f"expected a number, not {str(value).lower()}"):
        ArgumentMap.model_validate({"argmap": "1", "title": "T", "nodes": [node]})
    with pytest.raises(ValueError, match=f"expected a number, not {str(value).lower()}"):
        ArgumentMap.model_validate({"argmap": value, "title": "T"})
