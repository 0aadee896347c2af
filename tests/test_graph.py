"""Tests of argmap.graph: the adjacency structure and the networkx graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.graph import build, build_graph, resolve
from argmap.loading import source
from argmap.loading.loaded import LoadedMap
from argmap.loading.loader import MapSet, _validate, load, load_set, loads
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


def test_relation_key_paths_name_where_each_is_written() -> None:
    """A relation's key path (made when asked for) is the place it is written: under its
    node, in the list of its kind, at its position there."""
    g = build(loads(SMALL, "small.yaml"))
    expected = [("nodes", 0, "supports", 0), ("nodes", 2, "attacks", 0),
                ("nodes", 2, "undercuts", 0)]
    assert expected == [e.keypath for e in g.edges]


def test_relations_share_their_nodes_keys() -> None:
    """The source and target of each relation, and the adjacency lists, are the nodes' own
    key strings, not copies (150,000 relations would hold 10 MB of copies)."""
    g = build(loads(SMALL, "small.yaml"))
    keys = {id(key) for key in g.nodes}
    ends = [e.source for e in g.edges] + [e.target for e in g.edges]
    adjacency = [k for table in (g.support_in, g.support_out, g.attack_in)
                 for k, v in table.items() for k in (k, *v)]
    assert set() == {id(k) for k in ends + adjacency} - keys


def test_adjacency_lookups_of_missing_keys_add_nothing() -> None:
    """The adjacency tables behave as plain dicts: looking up a node that has no entry
    raises KeyError and leaves the table as it was (they are built as defaultdicts)."""
    g = build(loads(SMALL, "small.yaml"))
    for table in (g.support_in, g.support_out, g.attack_in):
        before = dict(table)
        with pytest.raises(KeyError):
            _ = table["small:nowhere"]
        assert before == table


def test_networkx_graph_has_attributes() -> None:
    """build_graph returns a MultiDiGraph with kinds, texts and relation attributes."""
    nxg = build_graph(loads(SMALL, "small.yaml"))
    assert nxg.nodes["small:e"]["kind"] == "evidence"
    assert nxg.nodes["small:e"]["source"] == "s"
    assert nxg.edges["small:e", "small:c", 0] == {"kind": "supports", "by": "source",
                                                  "id": "e-c", "strength": 0.5}
    assert nxg.edges["small:o", "small:c", 2]["relation"] == 0


def test_networkx_edges_carry_provenance_and_scheme() -> None:
    """An edge says who draws it, and carries its quote, source, scheme and question."""
    text = SMALL.replace("        strength: 0.5\n", "        strength: 0.5\n        by: analyst\n"
                         "        scheme: sign\n").replace(
        "    undercuts: [e-c]\n", "    undercuts:\n      - to: e-c\n        question: cq1\n"
        "        quote: O says so.\n        source: s\n")
    nxg = build_graph(loads(text, "small.yaml"))
    assert nxg.edges["small:e", "small:c", 0] == {"kind": "supports", "by": "analyst",
                                                  "id": "e-c", "strength": 0.5,
                                                  "scheme": "sign"}
    assert nxg.edges["small:o", "small:c", 2] == {"kind": "undercuts", "by": "source",
                                                  "quote": "O says so.", "source": "s",
                                                  "question": "cq1", "relation": 0}


def test_tensions_join_two_nodes_without_an_edge() -> None:
    """A tension is listed with the keys of its two nodes; it adds no relation."""
    g = build(loads(SMALL + "tensions:\n  - id: t\n    between: [e, o]\n", "small.yaml"))
    assert [(t.tension.id, t.between, t.keypath) for t in g.tensions] == [
        ("t", ("small:e", "small:o"), ("tensions", 0))]
    assert len(g.edges) == 3


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


_IDS = st.sampled_from(["x", "y", "z"])
_REFS = st.sampled_from(["x", "y", "z", "w", "b:x", "b:y", "a:x", "c:x", "r1", "b:r1"])
_SOURCES = st.sampled_from(["s", "t", "u", "b:s", "c:s"])


def _rels(refs: st.SearchStrategy[str]) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.one_of(refs, st.fixed_dictionaries(
        {"to": refs, "id": st.sampled_from(["r1", "r2", "r3"])},
        optional={"source": _SOURCES})), max_size=2)


# Built once, not at each draw (building them cost more than drawing from them).
_RELATIONS = _rels(_REFS)
_UNDERCUTS = _rels(st.sampled_from(["r1", "r2", "b:r1", "a:r3", "x"]))
_NODE_SOURCES = st.sampled_from([None, "s", "t", "b:s", "c:s"])


@st.composite
def _map_text(draw: st.DrawFn) -> str:
    nodes = [{"id": draw(_IDS), "kind": "claim", "text": "t",
              "source": draw(_NODE_SOURCES),
              "supports": draw(_RELATIONS), "attacks": draw(_RELATIONS),
              "undercuts": draw(_UNDERCUTS)}
             for _ in range(draw(st.integers(0, 3)))]
    sources = [{"id": i, "title": "T"} for i in draw(st.lists(st.sampled_from(["s", "t"]),
                                                              max_size=2))]
    tensions = [{"id": draw(st.sampled_from(["t1", "t2"])),
                 "between": draw(st.lists(_REFS, min_size=2, max_size=2, unique=True)),
                 "source": draw(st.one_of(st.none(), _SOURCES))}
                for _ in range(draw(st.integers(0, 2)))]
    return json.dumps({"argmap": 1, "title": "T", "sources": sources, "nodes": nodes,
                       "tensions": tensions})


def _resolves(maps: dict[str, LoadedMap], m: LoadedMap, ref: str, table: str) -> bool:
    """Whether ``ref`` of map ``m`` names an entry of ``table``: the definition, written
    plainly (one lookup per reference) to hold the walk of resolve() to."""
    name, _, rid = ref.rpartition(":")
    target = maps.get(name) if name else m
    if target is None:
        return False
    nodes = target.map.nodes
    ids = {"node": [n.id for n in nodes], "source": [s.id for s in target.map.sources],
           "relation": [r.id for n in nodes for _, r in n.relations()]}[table]
    return rid in ids


def _sound(maps: dict[str, LoadedMap]) -> bool:
    """Every id unique in its map and table, every reference resolved."""
    for m in maps.values():
        amap = m.map
        tables = [[n.id for n in amap.nodes], [s.id for s in amap.sources],
                  [r.id for n in amap.nodes for _, r in n.relations() if r.id is not None],
                  [t.id for t in amap.tensions]]
        if any(len(set(ids)) != len(ids) for ids in tables):
            return False
        refs = [(n.source, "source") for n in amap.nodes if n.source is not None]
        for n in amap.nodes:
            for kind, r in n.relations():
                refs.append((r.to, "relation" if kind is RelationKind.UNDERCUTS else "node"))
                if r.source is not None:
                    refs.append((r.source, "source"))
        for t in amap.tensions:
            refs.extend((ref, "node") for ref in t.between)
            if t.source is not None:
                refs.append((t.source, "source"))
        if not all(_resolves(maps, m, ref, table) for ref, table in refs):
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(_map_text(), _map_text())
def test_resolve_records_exactly_what_does_not_resolve(a: str, b: str) -> None:
    """The one reference walk leaves its record empty exactly when the map set is sound
    (by the plain definition above), and a record that is not empty explains itself
    with at least one located problem."""
    mapset = MapSet(tuple(_validate(source.parse(text, f"{name}.yaml"), name)
                          for name, text in (("a", a), ("b", b))))
    _, unresolved = resolve(mapset.maps)
    problems = unresolved.problems(mapset.maps)
    assert (not unresolved) == _sound(mapset.by_name), problems
    assert bool(unresolved) == bool(problems)
