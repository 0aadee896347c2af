"""Tests of argmap.interop.graphml: well-formed, escaped GraphML that graph tools read."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from argmap.emit import emit
from argmap.errors import LoadError
from argmap.interop.graphml import export_graphml, graphml_from_text
from argmap.loading.loader import load, loads
from argmap.model import ArgumentMap

from .helpers import FLAGSHIP_REL
from .mapgen import maps

NS = "{http://graphml.graphdrawing.org/xmlns}"


def test_flagship_reads_in_networkx_with_its_attributes() -> None:
    """networkx (GraphML reader of Gephi's kind) sees every node, edge and attribute."""
    amap = load(FLAGSHIP_REL).model
    text, loss = export_graphml(amap)
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    node = graph.nodes["istanbul-talks-collapsed"]
    edge_kinds = sorted({kind for _, _, kind in graph.edges(data="relation")})
    expected = (59, 110, "evidence", ["attacks", "supports", "undercuts"], ["approximated"])
    assert expected == (graph.number_of_nodes(), graph.number_of_edges(), node["kind"],
                        edge_kinds, [x.code for x in loss])
    assert Counter(by for _, _, by in graph.edges(data="by")) == {"source": 50, "analyst": 60}
    assert amap.nodes[0].text == graph.nodes[amap.nodes[0].id]["text"]


def test_keys_are_declared() -> None:
    """Node kind, text and relation kind are declared keys with names and types."""
    text, _ = export_graphml(load(FLAGSHIP_REL).model)
    keys = {(k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in ET.fromstring(text).iter(f"{NS}key")}
    assert {("node", "kind", "string"), ("node", "text", "string"),
            ("edge", "relation", "string"), ("edge", "strength", "double")} <= keys


def test_provenance_and_schemes_are_edge_attributes() -> None:
    """Graph tools see who draws each relation and its scheme as edge attributes; tensions
    stay in the graph's argmap attribute (reported, without the claim that graph tools
    show every relation as the source's: they see `by`); the trip back is exact, and a tension
    between nodes that are not there is dropped and reported."""
    amap = loads("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
                 "    supports:\n      - to: b\n        by: analyst\n        scheme: sign\n"
                 "  - id: b\n    kind: claim\n    text: B.\n    attacks:\n      - to: a\n"
                 "        quote: not A\ntensions:\n  - id: t\n    between: [a, b]\n").model
    text, loss = export_graphml(amap)
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert sorted((a, b, d.get("by"), d.get("scheme"), d.get("quote"))
                  for a, b, d in graph.edges(data=True)) == [
        ("a", "b", "analyst", "sign", None), ("b", "a", "source", None, "not A")]
    assert [x.message for x in loss] == [
        "1 tension: kept in the graph's `argmap` attribute, which other tools keep but do "
        "not show"]
    assert amap == graphml_from_text(text, "x.graphml").map
    result = graphml_from_text(text.replace('"between": ["a", "b"]', '"between": ["a", "c"]'),
                               "x.graphml")
    assert (result.map.tensions, [x.message for x in result.loss]) == (
        (), ["tension 't': no node 'c' in the map"])


def test_text_is_escaped_and_control_characters_reported() -> None:
    """Markup characters are escaped; characters XML cannot hold are dropped and reported."""
    amap = ArgumentMap.model_validate({"argmap": 1, "title": 'a "title" <x>', "nodes": [
        {"id": "a", "kind": "claim", "text": '<script>alert("&")</script>\x07\r'}]})
    text, loss = export_graphml(amap)
    node = ET.fromstring(text).find(f"{NS}graph/{NS}node")
    assert node is not None
    texts = [d.text for d in node.findall(f"{NS}data") if d.get("key") == "n_text"]
    assert (['<script>alert("&")</script>\r'], ["approximated"]) == (
        texts, [entry.code for entry in loss])


@pytest.mark.parametrize(("text", "code"), [
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>', "graphml"),
    ("<graphml><graph>", "graphml"),
    ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>', "graphml"),
])
def test_hostile_or_broken_xml_is_refused(text: str, code: str) -> None:
    """DOCTYPE/ENTITY (entity expansion) and malformed XML are refused with a location."""
    with pytest.raises(LoadError) as info:
        graphml_from_text(text, "bad.graphml")
    assert [code] == [p.code for p in info.value.problems]


def test_xml_errors_are_said_once_where_they_are() -> None:
    """The parser's message without the position it repeats: the location gives it."""
    with pytest.raises(LoadError) as info:
        graphml_from_text("<graphml>\n<graph></graphml>", "bad.graphml")
    assert ["bad.graphml:2:10: error: not valid XML: mismatched tag [graphml]"] == [
        str(p) for p in info.value.problems]


def test_invalid_map_data_is_named_by_its_key() -> None:
    """A map field argmap refuses is named as a key (``date``), not a Python tuple."""
    text, _ = export_graphml(loads("argmap: 1\ntitle: T\n").model)
    start = text.index('<data key="map">{') + len('<data key="map">{')
    bad = text[:start] + '"date": "2024-02-30", ' + text[start:]
    with pytest.raises(LoadError) as info:
        graphml_from_text(bad, "bad.graphml")
    assert ["date: 2024-02-30 is not a date: February 2024 has 29 days"] == [
        p.message for p in info.value.problems]
_DEEP = "[" * 100_000 + "]" * 100_000
_HEAD = ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
         '<key id="t" for="node" attr.name="tags" attr.type="string"/>')
_OWN = '<key id="map" for="graph" attr.name="argmap" attr.type="string"/>'


@pytest.mark.parametrize("text", [
    f'{_HEAD}{_OWN}<graph id="g"><data key="map">{_DEEP}</data></graph></graphml>',
    f'{_HEAD}{_OWN}<graph id="g"><data key="map">{{}}</data>'
    f'<node id="a"><data key="t">{_DEEP}</data></node></graph></graphml>',
])
def test_deeply_nested_json_in_argmap_graphml_is_refused(text: str) -> None:
    """JSON nested 100,000 deep in a value argmap writes as JSON (json.loads raised
    RecursionError, a traceback) is a located load error."""
    with pytest.raises(LoadError) as info:
        graphml_from_text(text, "deep.graphml")
    assert [(str(p.location), p.code, p.message[:25]) for p in info.value.problems] == [
        ("deep.graphml:1:1", "graphml", "nested too deeply: '[[[[[")]


def test_deeply_nested_json_in_other_graphml_is_a_loss() -> None:
    """In GraphML of another tool, such a value is left out and listed in the loss report."""
    text = (f'{_HEAD}<graph id="g"><node id="a"><data key="t">{_DEEP}</data></node>'
            "</graph></graphml>")
    imported = graphml_from_text(text, "deep.graphml")
    assert [n.tags for n in imported.map.nodes] == [()]
    assert any(e.message.startswith("tags '[[[[") for e in imported.loss)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(maps(intervals=True))
def test_round_trip_property(amap: ArgumentMap) -> None:
    """Whenever nothing is reported lost, import(export_graphml(m)) == m (an interval is
    reported, written as its midpoint)."""
    text, loss = export_graphml(amap)
    ET.fromstring(text)  # always well-formed
    if not len(loss):
        assert amap == graphml_from_text(text, "x.graphml").map


GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="size" attr.type="float" for="node" id="size"/>
<key attr.name="kind" attr.type="string" for="node" id="kind"/>
<key attr.name="confidence" attr.type="string" for="node" id="confidence"/>
<graph edgedefault="directed">
<node id="0"><data key="label">Taxes should rise</data><data key="size">10.0</data>
  <data key="kind">recommendation</data></node>
<node id="1"><data key="label">Schools need money</data><data key="size">12.0</data>
  <data key="kind">person</data><data key="confidence">high</data></node>
<node id="1"><data key="label">A second node 1</data></node>
<edge source="1" target="0"><data key="weight">1.0</data></edge>
<edge source="0" target="7"/>
</graph>
</graphml>
"""

YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d5" yfiles.type="nodegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d4"/>
  <key for="edge" id="d9" yfiles.type="edgegraphics"/>
  <graph edgedefault="undirected" id="G">
    <node id="n0"><data key="d5"><y:ShapeNode><y:NodeLabel alignment="center">Coercion
fails</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d4">Written on the node.</data>
      <data key="d5"><y:ShapeNode><y:NodeLabel/><y:NodeLabel>Prioritize coexistence</y:NodeLabel>
      </y:ShapeNode></data></node>
    <node id="n0::n2"/>
    <edge id="e0" source="n0" target="n1"><data key="d9"><y:PolyLineEdge/></data></edge>
  </graph>
</graphml>
"""


def test_gephi_graph_imports_with_a_loss_report() -> None:
    """A Gephi export: labels become texts and readable ids, an edge a `supports`; every
    attribute, value and element argmap cannot hold is in the loss report."""
    result = graphml_from_text(GEPHI, "g.graphml")
    amap = result.map
    assert [(n.id, n.kind.value, n.text, [r.to for r in n.supports]) for n in amap.nodes] == [
        ("taxes-should-rise", "recommendation", "Taxes should rise", []),
        ("schools-need-money", "claim", "Schools need money", ["taxes-should-rise"]),
    ]
    assert [str(entry) for entry in result.loss] == [
        "approximated: kind 'person' is not a node kind: a claim",
        "not-imported: confidence 'high' is not a valid confidence",
        "not-imported: a second node with id '1'",
        "not-imported: edge 0 -> 7 (supports)",
        "not-imported: edge attribute 'weight' (1 edge): argmap has no field for it",
        "not-imported: node attribute 'size' (2 nodes): argmap has no field for it",
        "approximated: 1 edge without a relation kind imported as supports",
    ]
    assert loads(emit(amap)).map.nodes[1].supports[0].to == "taxes-should-rise"


def test_yed_graph_imports_its_labels() -> None:
    """A yEd file: texts from the node labels (whitespace made single), yEd's description as
    the note, a node without a label keeps its id (as a valid id) as text."""
    result = graphml_from_text(YED, "y.graphml")
    assert [(n.id, n.text, n.note) for n in result.map.nodes] == [
        ("coercion-fails", "Coercion fails", None),
        ("prioritize-coexistence", "Prioritize coexistence", "Written on the node."),
        ("n0-n2", "n0::n2", None),
    ]
    assert [str(entry) for entry in result.loss] == [
        "approximated: node 'n0::n2' has no text: its id is its text",
        "approximated: undirected edges read as relations from their source to their target",
        "approximated: 3 nodes without a kind imported as claims",
        "approximated: 1 edge without a relation kind imported as supports",
    ]


def test_parallel_edges_are_reported_not_repeated() -> None:
    """A multigraph's parallel edges (networkx MultiDiGraph, yEd) give one relation, and the
    others are in the loss report, not a repeated target (`supports: [x, x]`)."""
    text = GEPHI.replace('<edge source="0" target="7"/>',
                         '<edge source="1" target="0"/><edge source="1" target="0"/>')
    result = graphml_from_text(text, "g.graphml")
    assert ["taxes-should-rise"] == [r.to for r in result.map.nodes[1].supports]
    expected = ["not-imported: edge 1 -> 0: a second supports edge between the same nodes "
                "(a parallel edge); the first is kept"] * 2
    assert expected == [str(e) for e in result.loss if "parallel" in str(e)]


def test_interval_is_written_as_its_midpoint_and_reported() -> None:
    """GraphML declares confidence and strength numbers: an interval is written as its
    midpoint (a number networkx reads) and the loss report says so."""
    amap = loads("argmap: 1\ntitle: T\nnodes:\n"
                 "  - {id: a, kind: claim, text: A., confidence: [0.5, 0.8],"
                 " attacks: [{to: b, strength: [0.2, 0.4]}]}\n"
                 "  - {id: b, kind: claim, text: B.}\n").model
    text, loss = export_graphml(amap)
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert (0.65, 0.3) == (graph.nodes["a"]["confidence"], graph.edges["a", "b"]["strength"])
    assert [x.message for x in loss] == [
        "the confidence of a, an interval [0.5, 0.8], written as its midpoint 0.65 (GraphML "
        "declares it a number)",
        "the strength of a attacks b, an interval [0.2, 0.4], written as its midpoint 0.3 "
        "(GraphML declares it a number)"]


def test_a_title_is_a_node_attribute() -> None:
    """A node's title is a GraphML attribute of its own (networkx reads it), and comes back."""
    amap = loads("argmap: 1\ntitle: T\nnodes:\n"
                 "  - {id: a, kind: claim, text: Coercion has failed., title: Coercion fails}\n"
                 ).model
    text, loss = export_graphml(amap)
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert ("Coercion fails", []) == (graph.nodes["a"]["title"], list(loss))
    assert amap == graphml_from_text(text, "x.graphml").map
