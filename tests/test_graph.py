"""Tests of argmap.graph: the adjacency structure and the networkx graph."""

from __future__ import annotations

from pathlib import Path

from argmap.graph import build, build_graph
from argmap.load import load, load_set, loads
from argmap.model import RelationKind

from .helpers import FLAGSHIP_REL, write_map

SMALL = """\
argmap: 1
title: Small
sources:
  - id: s
    title: S
nodes:
  - id: e
    kind: evidence
    text: E.
    source: s
    supports:
      - to: c
        id: e-c
        strength: 0.5
  - id: c
    kind: claim
    text: C.
  - id: o
    kind: objection
    text: O.
    attacks: [c]
    undercuts: [e-c]
"""


def test_build_adjacency_and_undercut_target() -> None:
    """Edges are in file order; an undercut points at the relation it undercuts."""
    g = build(loads(SMALL, "small.yaml"))
    assert list(g.nodes) == ["small:e", "small:c", "small:o"]
    assert [(e.kind, e.source, e.target) for e in g.edges] == [
        (RelationKind.SUPPORTS, "small:e", "small:c"),
        (RelationKind.ATTACKS, "small:o", "small:c"),
        (RelationKind.UNDERCUTS, "small:o", "small:c"),
    ]
    assert g.edges[2].target_edge == 0
    assert g.undercut_by == {0: [2]}
    assert g.supporters("small:c") == ["small:e"]
    assert [e.number for e in g.into("small:c")] == [0, 1]


def test_networkx_graph_has_attributes() -> None:
    """build_graph returns a MultiDiGraph with kinds, texts and relation attributes."""
    nxg = build_graph(loads(SMALL, "small.yaml"))
    assert nxg.nodes["small:e"]["kind"] == "evidence"
    assert nxg.nodes["small:e"]["source"] == "s"
    assert nxg.edges["small:e", "small:c", 0] == {"kind": "supports", "id": "e-c",
                                                  "strength": 0.5}
    assert nxg.edges["small:o", "small:c", 2]["relation"] == 0


def test_flagship_graph_sizes() -> None:
    """The flagship map's graph has one node per map node and one edge per relation."""
    m = load(FLAGSHIP_REL)
    g = build(m)
    assert len(g.nodes) == len(m.map.nodes)
    assert len(g.edges) == sum(len(n.relations()) for n in m.map.nodes)
    assert build_graph(g).number_of_edges() == len(g.edges)


def test_cross_map_references(tmp_path: Path) -> None:
    """A node may support a node of another map of the same folder as `map:id`."""
    write_map(tmp_path, "base.yaml", "argmap: 1\ntitle: Base\nnodes:\n  - id: c\n"
              "    kind: claim\n    text: C.\n")
    other = write_map(tmp_path, "other.yaml", "argmap: 1\ntitle: Other\nnodes:\n  - id: x\n"
                      "    kind: claim\n    text: X.\n    supports: [base:c]\n")
    g = build(load_set([tmp_path]))
    assert [(e.source, e.target) for e in g.edges] == [("other:x", "base:c")]
    # Loading one file pulls in the map it refers to, as context.
    single = load_set([other])
    assert [(m.name, m.context) for m in single] == [("other", False), ("base", True)]
