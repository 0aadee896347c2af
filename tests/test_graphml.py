"""Tests of argmap.interop.graphml: well-formed, escaped GraphML that graph tools read."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from argmap.errors import LoadError
from argmap.interop.graphml import export_graphml, graphml_from_text
from argmap.load import load
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
    expected = (58, 105, "evidence", ["attacks", "supports", "undercuts"], [])
    assert expected == (graph.number_of_nodes(), graph.number_of_edges(), node["kind"],
                        edge_kinds, list(loss))
    assert amap.nodes[0].text == graph.nodes[amap.nodes[0].id]["text"]


def test_keys_are_declared() -> None:
    """Node kind, text and relation kind are declared keys with names and types."""
    text, _ = export_graphml(load(FLAGSHIP_REL).model)
    keys = {(k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in ET.fromstring(text).iter(f"{NS}key")}
    assert {("node", "kind", "string"), ("node", "text", "string"),
            ("edge", "relation", "string"), ("edge", "strength", "double")} <= keys


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


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(maps())
def test_round_trip_property(amap: ArgumentMap) -> None:
    """Whenever nothing is reported lost, import(export_graphml(m)) == m."""
    text, loss = export_graphml(amap)
    ET.fromstring(text)  # always well-formed
    if not len(loss):
        assert amap == graphml_from_text(text, "x.graphml").map
