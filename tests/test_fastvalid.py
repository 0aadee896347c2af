"""The fast validator accepts only what the models accept, and gives the same values."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.checks import RULES
from argmap.emit import emit
from argmap.loading import _fastvalid, source
from argmap.model import ArgumentMap, to_model, to_records
from argmap.records import MapRecord
from tests.helpers import FLAGSHIP, FLAGSHIP_REL
from tests.mapgen import maps

# Values that sit on either side of some rule of the format.
POOL: list[Any] = [
    None, "", " ", "x", "1", "0", "2", "1.0", "0.5", "0.25", "1.5", "1e-1", ".5", "01", "-0",
    "0.", "nan", "inf", "00.5", "1e-05", "5e-324", "1E0", "0.3333333333333333", "1e400",
    "1_0", " 0.5", "0.1234567890123456789", "２０２６", "2026", "2026-1",
    "2026-11-26", "2026-11-26 ", "2024-02-29", "2024-02-30", "2023-02-29", "2026-13",
    "2026-04-31", "2026-01-00", "https://example.org/a", "https://x y", "http://é.org",
    "ftp://x", "javascript:alert(1)", "a:b", "a:b:c", "-x", "a b", "x" * 201, "x" * 402,
    "claim", "evidence", "recommendation", "Claim", "warning", "error", "bogus",
    [], ["a"], ["a", None], ["a", ["b"]], [{"to": "a"}], [{"to": "a", "strength": "2"}],
    [{"id": "r"}], ["a:b"], {}, {"a": "b"}, {"a": None}, {"to": "n1"}, {"to": None},
    "source", "analyst", "Analyst", "sign", "expert-opinion", "Sign", "sgn", "practical reasoning",
    "cq1", "cq0", "cq100", "CQ1", ["a", "a"], ["a", "b", "c"], [""], {"to": "a", "by": "analyst"},
    {"to": "a", "by": "analyst", "quote": "q"}, {"to": "a", "question": "cq1"},
    ["0.2", "0.8"], ["0.8", "0.2"], ["0.5", "0.5"], ["0.5"], ["0.1", "0.2", "0.3"],
    ["0.5", "1.5"], ["x", "0.5"], [None, "0.5"], [["0.1"], "0.5"],
    "x" * 80, "x" * 81, "a\nb", "a\x85b", "x ", "[Title]", "<Title>",
]
KEYS = ["extra", "ids", "id", "to", "kind", "supports", "acknowledge", "check", "argmap",
        "by", "quote", "source", "scheme", "question", "tensions", "between", "quotes",
        "title"]


def _models(data: Any) -> MapRecord | None:
    """The records pydantic gives, or None when it rejects the data."""
    try:
        return to_records(ArgumentMap.model_validate(data))
    except ValidationError:
        return None


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def _data(amap: ArgumentMap) -> Any:
    """The map as its YAML layer gives it: emitted, then parsed (scalars are strings)."""
    return source.parse(emit(amap), "m.yaml").data


def _agree(data: Any) -> MapRecord | None:
    fast = _fastvalid.validate(data)
    if fast is not None:
        assert fast == _models(data), "the fast validator accepted what the models do not"
    return fast


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(intervals=True))
def test_valid_maps_give_the_models_values(amap: ArgumentMap) -> None:
    """On valid maps (every feature of the format) fast and models agree, value for value."""
    fast = _agree(_data(amap))
    if fast is not None:
        assert fast == to_records(amap)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=3, intervals=True), st.data())
def test_never_accepts_what_the_models_reject(amap: ArgumentMap, draw: st.DataObject) -> None:
    """Change one value, drop or add one key anywhere: fast accepts only when the models do."""
    data = copy.deepcopy(_data(amap))
    for _ in range(draw.draw(st.integers(1, 3))):
        path = draw.draw(st.sampled_from(_paths(data)))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw.draw(st.sampled_from(["set", "drop", "add"]))
        if not path:
            continue
        if action == "set":
            parent[path[-1]] = copy.deepcopy(draw.draw(st.sampled_from(POOL)))
        elif action == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw.draw(st.sampled_from(KEYS))] = copy.deepcopy(
                draw.draw(st.sampled_from(POOL)))
    _agree(data)


BASE = {"argmap": "1", "title": "T", "nodes": [{"id": "a", "kind": "claim", "text": "A"}]}


@pytest.mark.parametrize(("where", "value", "fast"), [
    (("nodes", 0, "confidence"), "0.5", True),
    (("nodes", 0, "confidence"), "1", True),
    (("nodes", 0, "confidence"), "1e-1", True),
    (("nodes", 0, "confidence"), ".5", False),  # valid, but left to pydantic
    (("nodes", 0, "confidence"), "1.5", False),
    (("nodes", 0, "confidence"), ["0.5", "0.8"], True),
    (("nodes", 0, "confidence"), ["0.5", "0.5"], True),
    (("nodes", 0, "confidence"), ["0.8", "0.5"], False),
    (("nodes", 0, "confidence"), ["0.5"], False),
    (("nodes", 0, "confidence"), ["0.5", "0.6", "0.7"], False),
    (("nodes", 0, "confidence"), ["0.5", "1.5"], False),
    (("nodes", 0, "supports"), [{"to": "a", "strength": ["0", "1"]}], True),
    (("nodes", 0, "acknowledge"), None, False),
    (("nodes", 0, "acknowledge"), {"orphan-node": "why"}, True),
    (("nodes", 0, "supports"), None, False),
    (("nodes", 0, "supports"), "a", False),
    (("nodes", 0, "supports"), ["a", {"to": "a", "id": "r", "strength": "0"}], True),
    (("nodes", 0, "tags"), ["x", None], False),
    (("nodes", 0, "kind"), ["claim"], False),
    (("nodes", 0, "id"), "x" * 201, False),
    (("nodes", 0, "title"), "Coercion fails", True),
    (("nodes", 0, "title"), "x" * 80, True),
    (("nodes", 0, "title"), "x" * 81, False),
    (("nodes", 0, "title"), "", False),
    (("nodes", 0, "title"), " x", False),
    (("nodes", 0, "title"), "a\u2028b", False),
    (("nodes", 0, "title"), ["x"], False),
    (("nodes", 0, "title"), None, True),
    (("date",), "２０２６", False),
    (("date",), "2026-11", True),
    (("date",), "2024-02-29", True),
    (("date",), "2024-02-30", False),
    (("date",), "2026-13", False),
    (("sources",), [{"id": "s", "title": "S", "date": "2023-02-29"}], False),
    (("check",), {"severity": "warning", "select": None}, True),
    (("check",), {"severity": ["warning"]}, False),
    (("nodes", 0, "attacks"), [{"to": "a", "by": "analyst", "scheme": "sign",
                                "question": "cq2"}], True),
    (("nodes", 0, "attacks"), [{"to": "a", "by": "source", "quote": "q", "source": "s"}], True),
    (("nodes", 0, "attacks"), [{"to": "a", "by": "analyst", "quote": "q"}], False),
    (("nodes", 0, "attacks"), [{"to": "a", "by": "analyst", "source": "s"}], False),
    (("nodes", 0, "attacks"), [{"to": "a", "by": None}], False),
    (("nodes", 0, "attacks"), [{"to": "a", "by": "inferred"}], False),
    (("nodes", 0, "attacks"), [{"to": "a", "scheme": "expert-opinon"}], False),
    (("nodes", 0, "attacks"), [{"to": "a", "question": "cq0"}], False),
    (("nodes", 0, "supports"), [{"to": "a", "question": "cq1"}], False),
    (("nodes", 0, "undercuts"), [{"to": "r", "question": "cq1", "quote": "q"}], True),
    (("tensions",), [{"id": "t", "between": ["a", "b"], "quotes": ["q"], "note": "n"}], True),
    (("tensions",), [{"id": "t", "between": ["a", "a"]}], False),
    (("tensions",), [{"id": "t", "between": ["a"]}], False),
    (("tensions",), [{"id": "t", "between": ["a", "b"], "quotes": [""]}], False),
    (("tensions",), [{"id": "t", "between": ["a", "b"], "quotes": None}], False),
    (("tensions",), None, False),
    (("argmap",), "2", False),
    (("sources",), [{"id": "s", "title": "S", "url": "https://x y"}], False),
    (("sources",), [{"id": "s", "title": "S", "url": "https://example.org/?q=1"}], True),
])
def test_edge_cases(where: tuple[Any, ...], value: Any, fast: bool) -> None:
    """Which values take the fast path; the models agree whichever way it goes."""
    data = copy.deepcopy(BASE)
    parent: Any = data
    for part in where[:-1]:
        parent = parent[part]
    parent[where[-1]] = value
    assert (_agree(data) is not None) is fast


def test_real_maps_take_the_fast_path() -> None:
    """The flagship map, the rules' documented examples and a generated map skip pydantic."""
    texts = [Path(FLAGSHIP).read_text(encoding="utf-8"), generate(300, 450)]
    for rule in RULES.values():
        examples = rule.examples()
        texts += [examples.failing, examples.passing]
    for text in texts:
        data = source.parse(text, "m.yaml").data
        assert _fastvalid.validate(data) is not None
        assert _agree(data) is not None


def test_records_and_models_convert_both_ways() -> None:
    """Records -> model -> records is the identity (LoadedMap.model relies on it)."""
    records = _fastvalid.validate(source.parse(Path(FLAGSHIP).read_text(encoding="utf-8"),
                                               "m.yaml").data)
    assert records is not None
    assert records == to_records(to_model(records))


def test_check_runs_without_pydantic() -> None:
    """`argmap check` of a valid map never imports pydantic (about 0.1 s of start-up)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "argmap", "check",
                           "--format", "json", "--exit-zero", FLAGSHIP_REL],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()
                if line.startswith("import time:")}
    assert "argmap.checks" in imported
    assert not {name for name in imported if name.split(".")[0] == "pydantic"}


def test_scores_read_before_are_remembered_within_a_bound(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A score read before is looked up (the same value as reading it); one refused is
    refused again; and no more than MAX_SCORES are kept, whatever a map writes."""
    monkeypatch.setattr(_fastvalid, "_SCORES", {})
    monkeypatch.setattr(_fastvalid, "MAX_SCORES", 5)
    data = copy.deepcopy(BASE)
    data["nodes"][0]["supports"] = [{"to": "a", "strength": f"0.{i:03d}"} for i in range(1, 9)]
    data["nodes"][0]["confidence"] = "0.002"
    first = _fastvalid.validate(data)
    assert first is not None
    assert (first, 5) == (_fastvalid.validate(data), len(_fastvalid._SCORES))
    assert [i / 1000 for i in range(1, 9)] == [r.strength for r in first.nodes[0].supports]
    data["nodes"][0]["confidence"] = "1.5"
    assert (None, None) == (_fastvalid.validate(data), _fastvalid.validate(data))
    assert "1.5" not in _fastvalid._SCORES
