"""Tests of argmap.render.page_data: what the HTML page's JSON block carries, and how it is
escaped."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from argmap.checks import check
from argmap.loading.loader import LoadedMap, load, load_set
from argmap.records import SourceRecord
from argmap.render.options import RenderOptions
from argmap.render.page_data import page_data, script_json
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT, write_map

SMALL = ROOT / "tests" / "golden" / "small.yaml"


def test_script_json_is_inert_and_round_trips() -> None:
    """Nothing in a string can end the script block or start markup; the data survives."""
    data = {"text": "</script><script>alert(1)</script> <!-- & \u2028\u2029 ]]>",
            "b": [1, 2.5, None, True]}
    text = script_json(data)
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(text)
    assert json.loads(text) == data
    assert text == script_json(dict(reversed(data.items())))  # keys sorted: deterministic


def test_small_map_nodes_relations_and_sources() -> None:
    """Every drawn node and relation is there, relations pointing at nodes by position."""
    data = page_data(select(load(SMALL)), RenderOptions())
    assert [n["id"] for n in data["nodes"]] == [
        "build-bypass", "traffic-harms-centre", "counts", "bypass-moves-traffic",
        "shops-lose-trade", "trade-is-local"]
    assert data["kinds"] == ["recommendation", "claim", "assumption", "objection", "evidence"]
    assert data["relations"] == ["supports", "attacks", "undercuts"]
    assert data["tags"] == ["economy", "health", "roads"]
    counts = data["nodes"][2]
    assert counts["quote"] == "We counted 12,000 vehicles per day on the high street."
    assert counts["source"] == {"id": "survey", "title": "Traffic survey 2025", "author": None,
                                "date": None, "note": None,
                                "url": "https://example.org/survey?year=2025&town=x"}
    assert counts["locator"] == "p. 4"
    undercut = data["edges"][-1]
    assert (undercut["kind"], undercut["from"], undercut["cut"]) == ("undercuts", 5, 0)
    assert data["edges"][0] == {"n": 0, "kind": "supports", "from": 1, "to": 0, "cut": None,
                                "id": "harm-supports-bypass", "strength": None, "note": None,
                                "by": "source", "quote": None, "scheme": None,
                                "question": None, "findings": []}
    assert (data["tensions"], data["inferred"]) == ([], False)


def test_findings_only_when_checked() -> None:
    """Findings are carried (and `checked` set) only when the view was built with them."""
    m = load(SMALL)
    plain = page_data(select(m), RenderOptions())
    assert plain["checked"] is False
    assert all(n["findings"] == [] for n in plain["nodes"])
    options = RenderOptions(highlight_findings=True)
    data = page_data(select(m, options, check(m).findings), options)
    assert data["checked"] is True
    found = {n["id"]: n["findings"] for n in data["nodes"] if n["findings"]}
    assert found == {"trade-is-local": ["warning: claim 'trade-is-local' has no support "
                                        "[unsupported-claim]"]}


def test_acceptance_and_strength_from_semantics() -> None:
    """Grounded labels and DF-QuAD strengths are attached to every node of the flagship."""
    data = page_data(select(load(FLAGSHIP)), RenderOptions())
    assert data["semantics"] == "grounded"
    assert {n["status"] for n in data["nodes"]} <= {"in", "out", "undec"}
    assert all(0.0 <= n["strength"] <= 1.0 for n in data["nodes"])
    assert len(data["nodes"]) == 59


def test_strength_ranges_with_intervals() -> None:
    """A node whose strength the map's intervals leave open carries its range; one they
    do not reach carries none."""
    data = page_data(select(load(ROOT / "docs/examples/intervals.yaml")), RenderOptions())
    by_id = {n["id"]: n for n in data["nodes"]}
    assert [0.59, 0.83] == by_id["c"]["strengthRange"]
    assert "strengthRange" not in by_id["b"]


def test_without_semantics_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where argmap.semantics cannot be imported, the page simply has no acceptance."""
    monkeypatch.setitem(sys.modules, "argmap.semantics", None)
    data = page_data(select(load(SMALL)), RenderOptions())
    assert data["semantics"] is None
    assert "status" not in data["nodes"][0]
    assert {"recommendations": [], "capped": False} == data["crux"]


def test_text_is_cleaned(tmp_path: Path) -> None:
    """Control characters, terminal escapes and bidi overrides never reach the page."""
    text = ("argmap: 1\ntitle: \"T\\u202e\\x1b[31m\"\nnodes:\n"
            "  - id: a\n    kind: claim\n    text: \"one\\u2066 two\\x07\"\n")
    m = write_map(tmp_path, "c.yaml", text)
    data = page_data(select(load(m)), RenderOptions())
    assert data["title"] == "T[31m"
    assert data["nodes"][0]["text"] == "one two"


def test_only_http_links_even_past_the_model() -> None:
    """A `javascript:` URL gives no link even if it got past the format's own check."""
    m = load(SMALL)
    evil = SourceRecord(id="survey", title="x", url="javascript:alert(1)")
    amap = m.map._replace(sources=(evil,))
    forged = LoadedMap(m.name, m.path, m.document, amap)
    data = page_data(select(forged), RenderOptions())
    assert data["nodes"][2]["source"]["url"] is None


def test_sources_of_other_maps(tmp_path: Path) -> None:
    """A node citing `other-map:source` shows that map's source; context nodes are marked."""
    write_map(tmp_path, "b.yaml", "argmap: 1\ntitle: B\nsources:\n  - id: s\n    title: "
              "Report\n    url: https://example.org/r\nnodes:\n  - id: x\n    kind: claim\n"
              "    text: X.\n")
    a = write_map(tmp_path, "a.yaml", "argmap: 1\ntitle: A\nnodes:\n  - id: e\n"
                  "    kind: evidence\n    text: E.\n    source: b:s\n    supports: [b:x]\n")
    data = page_data(select(load_set([a])), RenderOptions())
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["e"]["source"]["title"] == "Report"
    assert by_id["e"]["source"]["url"] == "https://example.org/r"
    assert (by_id["e"]["context"], by_id["x"]["context"]) == (False, True)
    assert data["maps"] == [{"name": "a", "path": str(a), "title": "A"}]


def test_titles_are_carried() -> None:
    """A node's title is in its data (null for a node without one), for the panel and
    the search."""
    data = page_data(select(load(ROOT / "docs/examples/titles.yaml")), RenderOptions())
    assert ["Ban phones in lessons", "Phones distract"] == [n["title"] for n in data["nodes"]][:2]
    assert {None} == {n["title"] for n in page_data(select(load(SMALL)), RenderOptions())["nodes"]}
