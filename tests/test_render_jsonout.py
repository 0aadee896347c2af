"""Tests of argmap.render.jsonout: nodes and relations with layout positions, as JSON."""

from __future__ import annotations

import json
import shutil

import pytest

from argmap.loading.loader import load, loads
from argmap.render.api import OutputOptions, render_view
from argmap.render.errors import GraphvizError
from argmap.render.jsonout import JSON_VERSION, parse_layout, view_to_json
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT

GOLDEN = ROOT / "tests" / "golden"
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


def test_without_layout() -> None:
    """Without a layout: every node and relation, texts exactly as in the map, no positions."""
    m = load(GOLDEN / "hostile.yaml")
    doc = json.loads(view_to_json(select(m)))
    assert doc["argmap-render"] == JSON_VERSION
    assert doc["layout"] is None
    assert [n["id"] for n in doc["nodes"]] == [n.id for n in m.map.nodes]
    assert [n["text"] for n in doc["nodes"]] == [n.text for n in m.map.nodes]
    assert all("x" not in n for n in doc["nodes"])
    assert doc["edges"][0] == {"index": 0, "kind": "supports", "source": "hostile:controls",
                               "target": "hostile:quote-injection", "by": "source",
                               "findings": []}
    assert doc["tensions"] == []


def test_provenance_and_tensions() -> None:
    """Relations carry who draws them and their scheme; tensions between drawn nodes are
    listed with their note and quotes."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
            "    supports:\n      - to: b\n        by: analyst\n        scheme: sign\n"
            "  - id: b\n    kind: claim\n    text: B.\n"
            "tensions:\n  - id: t\n    between: [a, b]\n    note: N.\n    quotes: [q]\n")
    doc = json.loads(view_to_json(select(loads(text, "m.yaml"))))
    assert doc["edges"][0] == {"index": 0, "kind": "supports", "source": "m:a", "target": "m:b",
                               "by": "analyst", "scheme": "sign", "findings": []}
    assert doc["tensions"] == [{"id": "t", "between": ["m:a", "m:b"], "note": "N.",
                                "quotes": ["q"]}]


def test_a_relations_source_does_not_replace_its_tail() -> None:
    """A relation's `source:` (the source that draws it) is `source_id`: `source` stays the
    node the relation starts from (the source's id had replaced it)."""
    text = ("argmap: 1\ntitle: T\nsources:\n  - id: s1\n    title: One\n"
            "  - id: s2\n    title: Two\nnodes:\n  - id: a\n    kind: evidence\n"
            "    text: A.\n    source: s1\n    supports:\n      - to: b\n        source: s2\n"
            "  - id: b\n    kind: claim\n    text: B.\n")
    doc = json.loads(view_to_json(select(loads(text, "m.yaml"))))
    assert doc["edges"][0] == {"index": 0, "kind": "supports", "source": "m:a", "target": "m:b",
                               "by": "source", "source_id": "s2", "findings": []}
    assert doc["nodes"][0]["source"] == "s1"


def test_undercut_names_its_relation() -> None:
    """An undercut points at the index of the relation it undercuts."""
    doc = json.loads(view_to_json(select(load(GOLDEN / "small.yaml"))))
    undercut = doc["edges"][-1]
    assert (undercut["kind"], undercut["undercuts"], "target" in undercut) == (
        "undercuts", 0, False)
    assert doc["edges"][0]["id"] == "harm-supports-bypass"


@needs_graphviz
def test_with_layout() -> None:
    """With Graphviz: positions inside the bounding box for every node, spline points for
    every relation, and the relay dot of the undercut relation."""
    view = select(load(GOLDEN / "small.yaml"))
    out = render_view(view, "json")[0]
    doc = json.loads(out.data)
    x0, y0, x1, y1 = doc["layout"]["bbox"]
    assert doc["layout"]["engine"] == out.engine == "dot"
    for node in doc["nodes"]:
        assert x0 <= node["x"] <= x1, node
        assert y0 <= node["y"] <= y1, node
        assert min(node["width"], node["height"]) > 0
    for edge in doc["edges"]:
        assert len(edge["points"]) >= 2, edge
    assert len(doc["edges"][0]["relay"]) == 2
    # Bottom-up: the evidence lies below the recommendation.
    y = {n["id"]: n["y"] for n in doc["nodes"]}
    assert y["counts"] < y["traffic-harms-centre"] < y["build-bypass"]


@needs_graphviz
def test_flagship_layout_is_complete() -> None:
    """Every flagship node gets a position."""
    doc = json.loads(render_view(select(load(FLAGSHIP)), "json")[0].data)
    assert all("x" in n for n in doc["nodes"])
    assert len(doc["nodes"]) == 59


def test_no_layout_option_needs_no_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    """layout=False never calls Graphviz."""
    monkeypatch.setenv("PATH", "")
    out = render_view(select(load(GOLDEN / "small.yaml")), "json",
                      output=OutputOptions(layout=False))[0]
    assert json.loads(out.data)["layout"] is None
    assert out.engine is None


def test_parse_layout() -> None:
    """Graphviz JSON: node centres and sizes in points, splines from tail to head."""
    data = json.dumps({"bb": "0,0,100,50", "objects": [
        {"name": "a", "pos": "10,20", "width": "1", "height": "0.5"},
        {"name": "cluster", "nodes": [0]}],
        "edges": [{"id": "rel0", "pos": "e,90,40 10,20 30,30 60,35 85,38"}]}).encode()
    layout = parse_layout(data, "dot")
    assert layout.bbox == (0, 0, 100, 50)
    assert layout.nodes == {"a": (10, 20, 72, 36)}
    assert layout.edges == {"rel0": [(10, 20), (30, 30), (60, 35), (85, 38), (90, 40)]}


def test_parse_layout_garbage() -> None:
    """Unreadable layout output is a GraphvizError."""
    with pytest.raises(GraphvizError, match="cannot read the layout"):
        parse_layout(b"{not json", "dot")


def test_a_title_is_given_when_the_node_has_one() -> None:
    """`title` is a node's key only when it has a title (other maps' JSON is unchanged)."""
    m = loads("argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: A., title: Ay}\n"
              "  - {id: b, kind: claim, text: B.}\n", "m.yaml")
    nodes = json.loads(view_to_json(select(m)))["nodes"]
    assert [("Ay", "A."), (None, "B.")] == [(n.get("title"), n["text"]) for n in nodes]
    assert ["key", "id", "map", "kind", "text", "title"] == list(nodes[0])[:6]


@needs_graphviz
def test_every_node_has_a_position_whatever_the_maps_name() -> None:
    """Positions are found by the nodes' DOT names, which percent-encode what a key holds
    besides letters, digits and `_ . : ~ -` (argmap.render.escape.node_name): a map named
    `a b%` has a position for each node."""
    amap = loads("argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: t}\n"
                 "  - {id: b, kind: claim, text: u, supports: [a]}\n", "a b%.yaml",
                 name="a b%")
    doc = json.loads(render_view(select(amap), "json")[0].data)
    assert [("a", True), ("b", True)] == [(n["id"], "x" in n) for n in doc["nodes"]]
