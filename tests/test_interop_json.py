"""Tests of argmap.interop.jsonfmt (argmap-json) and argmap.interop._json (located JSON)."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, LoadError
from argmap.interop._json import parse_json
from argmap.interop.jsonfmt import export_json, json_from_text
from argmap.loading.loader import load
from argmap.model import ArgumentMap

from .helpers import FLAGSHIP_REL
from .mapgen import maps

DOC = {"generator": "argmap", "format": "argmap-json", "version": 1, "map": {"title": "T"},
       "nodes": [{"id": "a", "kind": "claim", "text": "A"},
                 {"id": "b", "kind": "evidence", "text": "B"}],
       "relations": [{"kind": "undercuts", "from": "a", "to": "r1"},
                     {"kind": "supports", "from": "b", "to": "a", "id": "r1"}]}


def test_document_shape() -> None:
    """Nodes without relations, relations as a flat list in node order, unset fields left out."""
    amap = json_from_text(json.dumps(DOC), "doc.json").map
    text, loss = export_json(amap)
    assert (DOC, []) == (json.loads(text), list(loss))


def test_flagship_round_trips() -> None:
    """The flagship map survives argmap-json exactly."""
    amap = load(FLAGSHIP_REL).model
    text, _ = export_json(amap)
    assert amap == json_from_text(text, "flagship.json").map


@pytest.mark.parametrize(("change", "needle", "code"), [
    ({"format": "other"}, '"other"', "json-format"),
    ({"version": 2}, "2,", "json-format"),
    ({"nodes": [{"id": "a", "kind": "nope", "text": "A"}], "relations": []}, '"nope"',
     "invalid-value"),
    ({"relations": [{"kind": "supports", "from": "zz", "to": "a"}]}, "{", "json-format"),
    ({"relations": [{"kind": "undercuts", "from": "a", "to": "zz"}]}, '"zz"', "json-format"),
    ({"relations": [{"kind": "supports", "from": "a", "to": "b", "strength": 2}]}, "2\n",
     "invalid-value"),
    ({"map": {}}, "{}", "invalid-value"),
    ({"relations": [{"kind": "supports", "from": "b", "to": "a", "source": "nowhere"}]},
     '"nowhere"', "json-format"),
    ({"map": {"title": "T", "tensions": [{"id": "t", "between": ["a", "zz"]}]}}, '"zz"',
     "json-format"),
    ({"relations": [{"kind": "supports", "from": "b", "to": "a", "by": "analyst",
                     "quote": "q"}]}, '"q"', "invalid-value"),
])
def test_errors_are_located(change: dict[str, object], needle: str, code: str) -> None:
    """Every problem of an argmap-json file is an error at the offending value."""
    text = json.dumps({**DOC, **change}, indent=2)
    # The offending value: the needle's last occurrence (relations come last), or the
    # relation object itself for a relation that names a node which does not exist.
    offset = text.rindex(needle) if needle != "{" else text.rindex("{", 0, text.rindex("zz"))
    line = text.count("\n", 0, offset) + 1
    col = offset - text.rfind("\n", 0, offset)
    with pytest.raises(LoadError) as info:
        json_from_text(text, "bad.json")
    [problem] = info.value.problems
    assert (line, col, code) == (problem.location.line, problem.location.col, problem.code)


def test_located_json_values() -> None:
    """``where`` finds any value by key path, or the nearest parent that exists."""
    doc = parse_json('{"a": [1, {"b": "x"}],\n "c": {"d": null}}', "x.json")
    found = [doc.where(p)[1:] for p in (("a", 1, "b"), ("c", "d"), ("c", "missing"), ())]
    assert [(1, 17), (2, 13), (2, 7), (1, 1)] == found


@pytest.mark.parametrize(("text", "expected"), [
    ('{"a": NaN}', "1:7 json-syntax"),
    ('{"a": "1111", "b": -' + "1" * 5000 + "}", "1:20 json-number"),
    ("[" * 5000, "1:65 too-deep"),
    ('{"a": 1, "a": 2}', "1:10 duplicate-key"),
    ('{"a": 1,}', "1:9 json-syntax"),
])
def test_hostile_json_is_refused(text: str, expected: str) -> None:
    """NaN, absurd nesting, duplicate keys, syntax errors: located errors."""
    with pytest.raises(LoadError) as info:
        parse_json(text, "x.json")
    [problem] = info.value.problems
    assert expected == f"{problem.location.line}:{problem.location.col} {problem.code}"


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(maps(intervals=True))
def test_round_trip_property(amap: ArgumentMap) -> None:
    """For every valid map (intervals too): import(export_json(m)) == m."""
    text, _ = export_json(amap)
    assert amap == json_from_text(text, "x.json").map


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_truncated_or_mutated_documents_never_crash(data: st.DataObject) -> None:
    """Any prefix of a valid document, or one with a value swapped, fails only with ArgmapError."""
    text = json.dumps(DOC)
    cut = data.draw(st.integers(0, len(text)))
    swap = data.draw(st.sampled_from(["null", "1", "[]", "{}", '"x"', "true"]))
    for candidate in (text[:cut], text.replace('"A"', swap, 1), text.replace('"a"', swap)):
        with contextlib.suppress(ArgmapError):
            json_from_text(candidate, "x.json")


@pytest.mark.parametrize("version", [True, 1.0, "1", None])
def test_version_is_the_integer_1(version: object) -> None:
    """``"version": true`` or ``1.0`` equal 1 in Python; only the JSON integer 1 is read."""
    with pytest.raises(LoadError) as info:
        json_from_text(json.dumps({**DOC, "version": version}), "doc.json")
    [problem] = info.value.problems
    expected = (f'"version" is a whole number, not {json.dumps(version)}; this argmap reads '
                "version 1")
    assert ("json-format", expected, 'write "version": 1') == (problem.code, problem.message,
                                                              problem.hint)


@pytest.mark.parametrize(("where", "value"), [
    ("confidence", True), ("confidence", False), ("strength", True)])
def test_booleans_are_not_numbers(where: str, value: bool) -> None:
    """``true`` is not a confidence or a strength (Python would read it as 1)."""
    doc = json.loads(json.dumps(DOC))
    if where == "confidence":
        doc["nodes"][0]["confidence"] = value
    else:
        doc["relations"][1]["strength"] = value
    with pytest.raises(LoadError) as info:
        json_from_text(json.dumps(doc), "doc.json")
    [problem] = info.value.problems
    assert problem.message.endswith(f"expected a number, not {json.dumps(value)}")


def test_a_huge_number_is_a_located_error_in_argmap_words() -> None:
    """A 5,000-digit number is refused where it stands, without Python's advice about
    ``sys.set_int_max_str_digits``."""
    text = '{"format": "argmap-json",\n "version": ' + "1" * 5000 + "}"
    with pytest.raises(LoadError) as info:
        json_from_text(text, "doc.json")
    [problem] = info.value.problems
    assert (("doc.json", 2, 13), "number too long (5,000 digits)") == (
        problem.location, problem.message)
    assert "sys." not in str(problem) + str(problem.hint)


def test_messages_show_values_as_json() -> None:
    """Values in messages are JSON (``null``, ``true``), not Python (``None``, ``True``)."""
    doc = {**DOC, "relations": [{"from": "a", "to": "b"}]}
    with pytest.raises(LoadError) as info:
        json_from_text(json.dumps(doc), "doc.json")
    assert ["relation kind null is not one of supports, attacks, undercuts"] == [
        p.message for p in info.value.problems]


def test_a_missing_title_is_said_in_argmap_words() -> None:
    """pydantic's "Field required" becomes the loader's "missing required key"."""
    with pytest.raises(LoadError) as info:
        json_from_text(json.dumps({**DOC, "map": {}}), "doc.json")
    assert ["map: missing required key \"title\""] == [p.message for p in info.value.problems]
