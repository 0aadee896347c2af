"""Tests of argmap.semantics.crux: what a recommendation hangs on."""

from __future__ import annotations

import inspect
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import load, loads
from argmap.errors import UsageError
from argmap.graph import ArgumentGraph, build
from argmap.semantics import Label, Semantics, evaluate
from argmap.semantics import crux as crux_module
from argmap.semantics.crux import crux

from .helpers import FLAGSHIP

Relation = tuple[str, str, str]  # (source id, kind, target id)
KINDS = ["evidence", "assumption", "claim", "recommendation"]


def _map(kinds: list[str], relations: list[Relation]) -> ArgumentGraph:
    lines = ["argmap: 1", "title: T", "nodes:"]
    for i, kind in enumerate(kinds):
        rels = {k: [t for s, k2, t in relations if s == f"n{i}" and k2 == k]
                for k in ("supports", "attacks")}
        extra = "".join(f", {k}: [{', '.join(ts)}]" for k, ts in rels.items() if ts)
        lines.append(f"  - {{id: n{i}, kind: {kind}, text: N{i}{extra}}}")
    return build(loads("\n".join(lines) + "\n", "t.yaml"))


@st.composite
def small_maps(draw: st.DrawFn) -> tuple[list[str], list[Relation]]:
    """Maps of up to 6 nodes, the last a recommendation, with supports and attacks."""
    n = draw(st.integers(2, 6))
    kinds = [draw(st.sampled_from(KINDS[:3])) for _ in range(n - 1)] + ["recommendation"]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                    st.sampled_from(["supports", "attacks"])),
                          max_size=2 * n, unique_by=lambda p: (p[0], p[1])))
    return kinds, [(f"n{a}", k, f"n{b}") for a, b, k in pairs if a != b]


def _brute(kinds: list[str], relations: list[Relation], semantics: Semantics,
           max_size: int) -> list[frozenset[object]]:
    """Every minimal set of rejections (evidence and assumption ids, relations) after
    which n{last} is not accepted, by rewriting the map without them: independent of the
    framework tricks of the module. A denied support is lost, not forgotten (as with
    --without): it is rewritten as support by an extra node that is taken away."""
    rec = f"t:n{len(kinds) - 1}"
    things: list[object] = [f"n{i}" for i, k in enumerate(kinds)
                            if k in ("evidence", "assumption")] + list(relations)

    def accepted(rejected: tuple[object, ...]) -> bool:
        gone = [f"t:{x}" for x in rejected if isinstance(x, str)]
        denied = [r for r in relations if r in rejected and r[1] == "supports"]
        extra = [f"n{len(kinds) + k}" for k in range(len(denied))]
        gone += [f"t:{x}" for x in extra]
        graph = _map(kinds + ["evidence"] * len(denied),
                     [r for r in relations if r not in rejected]
                     + [(x, "supports", r[2]) for x, r in zip(extra, denied, strict=True)])
        ev = evaluate(graph, semantics, without=gone, limit=None)
        return ev.status[rec] == {Label.IN}

    if not accepted(()):
        return []
    found: list[frozenset[object]] = []
    for size in range(1, max_size + 1):
        for combo in combinations(things, size):
            if not any(f <= set(combo) for f in found) and not accepted(combo):
                found.append(frozenset(combo))
    return found


def _as_things(graph: ArgumentGraph, result: crux_module.CruxResult) -> list[frozenset[object]]:
    out = []
    for c in result.cruxes:
        items: set[object] = set()
        for r in c.rejections:
            if r.node is not None:
                items.add(r.node.split(":", 1)[1])
            else:
                e = graph.edges[r.edge or 0]
                items.add((e.source.split(":", 1)[1], e.kind.value, e.target.split(":", 1)[1]))
        out.append(frozenset(items))
    return out


@settings(max_examples=150, deadline=None)
@given(small_maps(), st.sampled_from([Semantics.GROUNDED, Semantics.PREFERRED]))
def test_crux_equals_brute_force(case: tuple[list[str], list[Relation]],
                                 semantics: Semantics) -> None:
    """The cruxes of up to two rejections are exactly the minimal sets found by rewriting
    the map without every set of evidence, assumptions and relations in turn (the
    pruning loses none; forcing out is the same as taking away)."""
    kinds, relations = case
    graph = _map(kinds, relations)
    result = crux(graph, f"t:n{len(kinds) - 1}", semantics=semantics, max_size=2)
    expected = _brute(kinds, relations, semantics, 2)
    assert sorted(sorted(map(str, s)) for s in expected) == \
        sorted(sorted(map(str, s)) for s in _as_things(graph, result))


def test_words_example() -> None:
    """A recommendation resting on one of two pieces of evidence through two supports:
    the two singletons are not cruxes, every pair that cuts both lines is."""
    kinds = ["evidence", "evidence", "recommendation"]
    relations = [("n0", "supports", "n2"), ("n1", "supports", "n2")]
    graph = _map(kinds, relations)
    result = crux(graph, "t:n2")
    assert [frozenset({"n0", "n1"}), frozenset({"n0", ("n1", "supports", "n2")}),
            frozenset({("n0", "supports", "n2"), "n1"}),
            frozenset({("n0", "supports", "n2"), ("n1", "supports", "n2")})] == \
        _as_things(graph, result)
    assert {"out"} == {c.after for c in result.cruxes}


def test_flagship_every_recommendation() -> None:
    """Every recommendation of the flagship map: reassess-afghanistan-policy hangs on the
    evidence of the 2025 events (with its support) and two relations; three others on
    one relation each; the rest stand after any two rejections."""
    graph = build(load(FLAGSHIP))
    recs = [k for k, n in graph.nodes.items() if n.kind.value == "recommendation"]
    counts = {k.split(":", 1)[1]: len(crux(graph, k).cruxes) for k in recs}
    assert {k: v for k, v in counts.items() if v} == {
        "reassess-afghanistan-policy": 2, "paradigm-shift-coercion-to-coexistence": 1,
        "accept-taliban-as-de-facto-government": 1,
        "prioritize-domestic-consensus-and-border-protocols": 4}


def test_checks_are_bounded() -> None:
    """At most max_checks sets are tried (MAX_CHECKS unless told); past them the result
    says it is incomplete."""
    graph = build(load(FLAGSHIP))
    key = "pakistan-afghanistan:shelve-old-playbook"
    result = crux(graph, key, max_checks=10)
    assert (10, False) == (result.checks, result.complete)
    assert crux_module.MAX_CHECKS == inspect.signature(crux).parameters["max_checks"].default


def test_strength_threshold() -> None:
    """With a threshold, the minimal sets of evidence whose removal puts the DF-QuAD
    strength below it: either piece alone leaves 0.75, both leave 0.5."""
    graph = _map(["evidence", "evidence", "recommendation"],
                 [("n0", "supports", "n2"), ("n1", "supports", "n2")])
    result = crux(graph, "t:n2", threshold=0.6)
    assert [({r.node for r in c.rejections}, c.after) for c in result.strength_cruxes] == [
        ({"t:n0", "t:n1"}, "0.500")]


def test_usage_errors() -> None:
    """An unknown node, or a semantics crux does not look at, is a usage error."""
    graph = _map(["evidence", "recommendation"], [("n0", "supports", "n1")])
    with pytest.raises(UsageError, match="no node 't:zz'"):
        crux(graph, "t:zz")
    with pytest.raises(UsageError, match="not stable"):
        crux(graph, "t:n1", semantics=Semantics.STABLE)


def test_work_is_bounded() -> None:
    """At most max_work arguments and attacks are walked (MAX_WORK unless told), a
    labelling of the part of the framework that reaches the node for each set: on a map
    where each set costs much, the search stops after fewer sets and says so."""
    graph = build(load(FLAGSHIP))
    key = "pakistan-afghanistan:shelve-old-playbook"
    whole = crux(graph, key)
    assert whole.complete
    assert whole.checks > 3
    fw = crux_module.crux_framework(graph)
    cone, _position = crux_module._restricted(fw, crux_module._cone(fw, fw.index[key]))
    cost = len(cone) + sum(cone.attacker_counts())
    result = crux(graph, key, max_work=3 * cost)
    assert (3, False) == (result.checks, result.complete)
    assert crux_module.MAX_WORK == inspect.signature(crux).parameters["max_work"].default


def test_only_what_reaches_the_node_is_walked() -> None:
    """The labellings run on the arguments with a chain of attacks to the node, numbered
    in their order in the whole framework: nothing downstream of it is kept."""
    graph = _map(["evidence", "claim", "recommendation", "claim"],
                 [("n0", "supports", "n1"), ("n1", "supports", "n2"),
                  ("n2", "supports", "n3")])
    fw = crux_module.crux_framework(graph)
    target = fw.index["t:n2"]
    cone, position = crux_module._restricted(fw, crux_module._cone(fw, target))
    assert "t:n3" not in cone.index
    assert "t:n2" in cone.index
    assert sorted(position) == sorted(crux_module._cone(fw, target))
    assert list(position.values()) == list(range(len(cone)))
    assert [fw.names[a] for a in sorted(position)] == cone.names
