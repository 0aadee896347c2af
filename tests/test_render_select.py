"""Tests of argmap.render.select: which nodes and relations a diagram shows."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.checks import check
from argmap.errors import Location, Problem, UnknownNode
from argmap.loading.loader import load, load_set
from argmap.model import NodeKind
from argmap.render.options import RenderOptions
from argmap.render.select import select, select_each

from .helpers import ROOT, finishes, write_map

SMALL = ROOT / "tests" / "golden" / "small.yaml"


def _ids(keys: tuple[str, ...]) -> list[str]:
    return [k.split(":", 1)[1] for k in keys]


def test_everything_by_default_in_file_order() -> None:
    """Without filters every node and relation is drawn, in file order."""
    view = select(load(SMALL))
    assert _ids(view.nodes) == ["build-bypass", "traffic-harms-centre", "counts",
                                "bypass-moves-traffic", "shops-lose-trade", "trade-is-local"]
    assert view.edges == (0, 1, 2, 3, 4, 5)
    assert view.title == "Should the town build a bypass?"
    assert view.undercut_relations == frozenset({0})


def test_focus_and_depth() -> None:
    """--focus keeps the nodes within --depth relations (undercuts reach both ends)."""
    m = load(SMALL)
    one = select(m, RenderOptions(focus="counts", depth=1))
    two = select(m, RenderOptions(focus="counts", depth=2))
    assert _ids(one.nodes) == ["traffic-harms-centre", "counts"]
    assert _ids(two.nodes) == ["build-bypass", "traffic-harms-centre", "counts",
                               "trade-is-local"]
    assert _ids(select(m, RenderOptions(focus="small:counts", depth=0)).nodes) == ["counts"]


def test_a_huge_depth_ends_when_nothing_is_left_to_reach() -> None:
    """`--depth 99999999999999999999` went on stepping through the empty neighbourhood
    that many times (the command hung); the walk stops once a step reaches nothing new."""
    m = load(SMALL)
    everything = _ids(select(m, RenderOptions(focus="counts", depth=50)).nodes)
    huge = finishes(lambda: select(m, RenderOptions(focus="counts", depth=10**20)))
    assert everything == _ids(huge.nodes)


def test_unknown_focus_suggests() -> None:
    """An unknown focus node is an UnknownNode with a suggestion."""
    with pytest.raises(UnknownNode) as info:
        select(load(SMALL), RenderOptions(focus="count"))
    assert "no node 'count'; did you mean 'counts'?" == str(info.value)


def test_kinds_and_tags_filters() -> None:
    """--kinds and --tags keep matching nodes and the relations between them."""
    m = load(SMALL)
    kinds = select(m, RenderOptions(kinds=(NodeKind.CLAIM, NodeKind.EVIDENCE)))
    assert _ids(kinds.nodes) == ["traffic-harms-centre", "counts", "trade-is-local"]
    assert kinds.edges == (1,)
    tags = select(m, RenderOptions(tags=("roads", "economy")))
    assert _ids(tags.nodes) == ["build-bypass", "traffic-harms-centre", "shops-lose-trade"]


def test_hide_orphans() -> None:
    """--hide-orphans drops nodes left without any drawn relation."""
    m = load(SMALL)
    view = select(m, RenderOptions(kinds=(NodeKind.CLAIM, NodeKind.EVIDENCE),
                                   hide_orphans=True))
    assert _ids(view.nodes) == ["traffic-harms-centre", "counts"]


def test_undercut_needs_its_relation() -> None:
    """An undercut is drawn only when the relation it undercuts is drawn."""
    m = load(SMALL)
    with_relation = select(m, RenderOptions(kinds=(NodeKind.CLAIM, NodeKind.RECOMMENDATION)))
    without = select(m, RenderOptions(kinds=(NodeKind.CLAIM,)))
    assert (with_relation.edges, without.edges) == ((0, 5), ())


def test_findings_attach_to_nodes_and_relations() -> None:
    """A finding located at a relation marks the relation; others mark their node."""
    m = load(SMALL)
    view = select(m, RenderOptions(), check(m).findings)
    assert list(view.node_findings) == ["small:trade-is-local"]
    assert list(view.edge_findings) == [5]
    assert "[unanswered-attack]" in view.edge_findings[5][0]


def test_other_maps_appear_as_context(tmp_path: Path) -> None:
    """Nodes of another map related to the drawn map are drawn and marked as context."""
    write_map(tmp_path, "b.yaml", "argmap: 1\ntitle: B\nnodes:\n"
              "  - id: far\n    kind: claim\n    text: Far away.\n")
    a = write_map(tmp_path, "a.yaml", "argmap: 1\ntitle: A\nnodes:\n"
                  "  - id: near\n    kind: evidence\n    text: Near.\n    supports: [b:far]\n")
    view = select(load_set([a]))
    assert view.nodes == ("a:near", "b:far")
    assert view.context == frozenset({"b:far"})
    both = select(load_set([tmp_path]))
    assert (both.title, both.context) == ("A \u00b7 B", frozenset())
    only_b = select(load_set([tmp_path]), only=["b"])
    assert (only_b.nodes, only_b.context) == (("a:near", "b:far"), frozenset({"a:near"}))


def test_empty_focus_is_an_unknown_node() -> None:
    """--focus "" (an unset shell variable) drew the whole map as if no --focus were
    given; it is a node that does not exist."""
    with pytest.raises(UnknownNode) as info:
        select(load(SMALL), RenderOptions(focus=""))
    assert "no node ''" == str(info.value)


def test_ambiguous_focus(tmp_path: Path) -> None:
    """A focus id present in two drawn maps must be qualified."""
    for name in ("a", "b"):
        write_map(tmp_path, f"{name}.yaml", "argmap: 1\ntitle: T\nnodes:\n"
                  "  - id: x\n    kind: claim\n    text: X.\n")
    with pytest.raises(UnknownNode) as info:
        select(load_set([tmp_path]), RenderOptions(focus="x"))
    assert ("a:x", "b:x") == info.value.choices


def test_show_acceptance_and_strength_notes() -> None:
    """--show writes each node's grounded label or DF-QuAD strength, from argmap.semantics."""
    from argmap.loading.loader import load
    from argmap.render.options import Overlay, RenderOptions
    from argmap.render.select import select

    m = load("arguments/pakistan-afghanistan.yaml")
    labels = select(m, RenderOptions(show=Overlay.ACCEPTANCE)).node_notes
    assert labels["pakistan-afghanistan:coercion-can-secure-compliance"] == "out"
    assert labels["pakistan-afghanistan:shelve-old-playbook"] == "in"
    assert set(labels.values()) <= {"in", "out", "undec"}
    strengths = select(m, RenderOptions(show=Overlay.STRENGTH)).node_notes
    assert len(strengths) == len(m.map.nodes)
    assert all(0.0 <= float(v.removeprefix("strength ")) <= 1.0 for v in strengths.values())
    assert select(m, RenderOptions()).node_notes == {}


def test_show_strength_writes_ranges_of_intervals() -> None:
    """With intervals in the map, --show strength writes the range of a node's strength
    as `evaluate --strength` does (low..high), not its midpoint; a node the intervals do
    not reach keeps its one number."""
    from argmap.render.options import Overlay

    m = load(ROOT / "docs" / "examples" / "intervals.yaml")
    expected = {"intervals:a": "strength 0.50..0.80", "intervals:b": "strength 0.30",
                "intervals:c": "strength 0.59..0.83"}
    assert expected == dict(select(m, RenderOptions(show=Overlay.STRENGTH)).node_notes)


def test_show_strength_without_intervals_is_one_number(tmp_path: Path) -> None:
    """A map of plain numbers gets the point strength on every node, as before ranges."""
    from argmap.render.options import Overlay

    path = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nnodes:\n"
                     "  - id: a\n    kind: evidence\n    text: A.\n    confidence: 0.8\n"
                     "    supports:\n      - to: c\n        strength: 0.5\n"
                     "  - id: c\n    kind: claim\n    text: C.\n")
    expected = {"m:a": "strength 0.80", "m:c": "strength 0.70"}
    assert expected == dict(select(load(path), RenderOptions(show=Overlay.STRENGTH)).node_notes)


@st.composite
def _map_sets(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """One to four maps whose nodes support, attack and undercut each other across maps."""
    names = [f"m{i}" for i in range(draw(st.integers(1, 4)))]
    sizes = {name: draw(st.integers(1, 5)) for name in names}
    # Ids out of alphabetical order: views must keep the file order.
    nodes = [(name, "sbqdk"[i]) for name in names for i in range(sizes[name])]
    kinds = st.sampled_from(list(NodeKind))

    def ref(own: str, target: tuple[str, str]) -> str:
        return target[1] if target[0] == own else f"{target[0]}:{target[1]}"

    docs: dict[str, dict[str, Any]] = {
        name: {"argmap": 1, "title": name.upper(), "nodes": []} for name in names}
    rel_ids: list[tuple[str, str]] = []
    for number, (name, nid) in enumerate(nodes):
        node: dict[str, Any] = {"id": nid, "kind": draw(kinds).value, "text": nid,
                                "tags": draw(st.lists(st.sampled_from(["x", "y"]),
                                                      unique=True))}
        for kind in ("supports", "attacks"):
            targets = draw(st.lists(st.sampled_from(nodes), max_size=2))
            node[kind] = [{"to": ref(name, t), "id": f"r{number}{kind[0]}{j}"}
                          for j, t in enumerate(targets)]
            rel_ids += [(name, rel["id"]) for rel in node[kind]]
        docs[name]["nodes"].append(node)
    for name, doc in docs.items():
        for node in doc["nodes"]:
            if rel_ids and draw(st.booleans()):
                node["undercuts"] = [ref(name, draw(st.sampled_from(rel_ids)))]
    return docs


@settings(max_examples=60, deadline=None)
@given(_map_sets(), st.sampled_from([
    RenderOptions(), RenderOptions(kinds=(NodeKind.CLAIM, NodeKind.EVIDENCE)),
    RenderOptions(tags=("x",)), RenderOptions(hide_orphans=True),
    RenderOptions(tags=("y",), hide_orphans=True)]))
def test_select_each_equals_select_per_map(docs: dict[str, dict[str, Any]],
                                           options: RenderOptions) -> None:
    """select_each (the export's linear path) gives, map by map, select's view of that map."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, doc in docs.items():
            (Path(tmp) / f"{name}.yaml").write_text(json.dumps(doc), encoding="utf-8")
        maps = load_set([Path(tmp)])
        findings = [Problem(Location(m.path), "x", "a finding", node=f"{m.name}:s")
                    for m in maps]
        expected = [select(maps, options, findings, only=[m.name]) for m in maps]
        assert expected == list(select_each(maps, options, findings))


def test_select_each_with_focus_and_context(tmp_path: Path) -> None:
    """A map loaded only as context gets no view; a focus goes through select itself."""
    write_map(tmp_path, "b.yaml", "argmap: 1\ntitle: B\nnodes:\n"
              "  - id: far\n    kind: claim\n    text: Far away.\n")
    a = write_map(tmp_path, "a.yaml", "argmap: 1\ntitle: A\nnodes:\n"
                  "  - id: near\n    kind: evidence\n    text: Near.\n    supports: [b:far]\n")
    maps = load_set([a])
    views = list(select_each(maps, RenderOptions(focus="near", depth=0)))
    assert [(v.title, v.nodes) for v in views] == [("A", ("a:near",))]
