"""Tests of argmap.queries on the flagship map, small maps and a folder of maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.graph import ArgumentGraph, build
from argmap.loading.loader import load, load_set, loads
from argmap.model import NodeKind
from argmap.queries import (
    UnknownNode,
    impact,
    paths,
    resolve,
    rests_on,
    select,
    standing,
    stats,
)

from .helpers import FLAGSHIP, write_map

P = "pakistan-afghanistan:"


@pytest.fixture(scope="module")
def flag() -> ArgumentGraph:
    """The flagship map's graph."""
    return build(load(FLAGSHIP))


def graph_of(nodes: str) -> ArgumentGraph:
    """The graph of a one-file map ``t`` whose `nodes:` list is ``nodes``."""
    return build(loads("argmap: 1\ntitle: T\nnodes:\n" + nodes, "t.yaml"))


def test_resolve(flag: ArgumentGraph) -> None:
    """An id or map:id names a node; unknown ids get close matches, by part or by spelling."""
    assert resolve(flag, "istanbul-talks-collapsed") == P + "istanbul-talks-collapsed"
    assert resolve(flag, P + "porous-frontier") == P + "porous-frontier"
    with pytest.raises(UnknownNode) as part:
        resolve(flag, "istanbul")
    assert ("no node 'istanbul'; did you mean 'brokered-track-can-succeed-where-istanbul-failed', "
            "'istanbul-mutual-blame-nothing-on-paper' or 'istanbul-talks-collapsed'?"
            == str(part.value))
    with pytest.raises(UnknownNode) as typo:
        resolve(flag, "porus-frontier")
    assert ("porus-frontier", ("porous-frontier",)) == (typo.value.name, typo.value.matches)
    with pytest.raises(UnknownNode) as none:
        resolve(flag, "zzz")
    assert ("no node 'zzz'", ()) == (str(none.value), none.value.matches)


def test_rests_on_flagship(flag: ArgumentGraph) -> None:
    """The support tree of direct-pressure-track-insufficient: high-stakes dialogue (itself
    resting on the Istanbul talks) and the Istanbul talks, shown in full once."""
    tree = rests_on(flag, P + "direct-pressure-track-insufficient")
    assert [(s.key.removeprefix(P), s.depth, s.parent, s.repeat) for s in tree.steps] == [
        ("direct-pressure-track-insufficient", 0, -1, False),
        ("high-stakes-dialogue-limited", 1, 0, False),
        ("istanbul-talks-collapsed", 2, 1, False),
        ("istanbul-talks-collapsed", 1, 0, True),
    ]
    assert tree.grounds() == [P + "istanbul-talks-collapsed"]
    assert all(not s.attacks for s in tree.steps)


def test_rests_on_shows_attacks_and_undercuts(flag: ArgumentGraph) -> None:
    """A step lists the attacks on its node and the undercuts of the support it gives."""
    tree = rests_on(flag, P + "security-apparatus-touts-diplomatic-successes", depth=1)
    root, conceded = tree.steps
    assert [flag.edges[n].source for n in root.attacks] == [P + "policy-wins-bring-no-relief"]
    assert [(flag.edges[n].kind.value, flag.edges[n].source) for n in conceded.attacks] == [
        ("undercuts", P + "victories-lack-economic-leverage")]
    assert conceded.more
    assert tree.grounds() == []


def test_rests_on_marks_circular_support() -> None:
    """Support that comes back round is marked, not followed."""
    g = graph_of("""\
  - {id: a, kind: claim, text: A, supports: [b]}
  - {id: b, kind: claim, text: B, supports: [a]}
""")
    tree = rests_on(g, "t:a")
    assert [(s.key, s.cycle) for s in tree.steps] == [("t:a", False), ("t:b", False),
                                                     ("t:a", True)]


def test_impact_flagship(flag: ArgumentGraph) -> None:
    """Without the Istanbul talks evidence, the two claims resting only on it fall; what
    also rests on other support keeps standing, with that support named."""
    result = impact(flag, P + "istanbul-talks-collapsed")
    assert result.falls == [P + "high-stakes-dialogue-limited",
                            P + "direct-pressure-track-insufficient"]
    stands = dict(result.stands)
    assert stands[P + "demanding-overhaul-guarantees-stalemate"] == [
        P + "istanbul-mutual-blame-nothing-on-paper", P + "taliban-will-not-overhaul-ideology"]
    assert len(stands) == 11
    assert result.attacks_lost == []


def test_impact_lists_lost_attacks(flag: ArgumentGraph) -> None:
    """The attacks made by the node taken away are lost."""
    result = impact(flag, P + "policy-wins-bring-no-relief")
    assert [(flag.edges[n].source, flag.edges[n].target) for n in result.attacks_lost] == [
        (P + "policy-wins-bring-no-relief", P + "security-apparatus-touts-diplomatic-successes"),
        (P + "policy-wins-bring-no-relief", P + "more-international-declarations")]


def test_impact_support_loop_falls_with_its_only_ground() -> None:
    """Two claims supporting each other fall together when their one ground goes."""
    g = graph_of("""\
  - {id: e, kind: evidence, text: E, supports: [a]}
  - {id: a, kind: claim, text: A, supports: [b]}
  - {id: b, kind: claim, text: B, supports: [a, c]}
  - {id: f, kind: evidence, text: F, supports: [c]}
  - {id: c, kind: claim, text: C}
""")
    assert standing(g) == {"t:e", "t:a", "t:b", "t:f", "t:c"}
    result = impact(g, "t:e")
    assert result.falls == ["t:a", "t:b"]
    assert result.stands == [("t:c", ["t:f"])]


def test_paths() -> None:
    """Paths run along relations, shortest first; an odd number of attacks is 'against'."""
    g = graph_of("""\
  - {id: a, kind: evidence, text: A, supports: [b], attacks: [d]}
  - {id: b, kind: claim, text: B, supports: [c]}
  - {id: c, kind: claim, text: C}
  - {id: d, kind: objection, text: D, attacks: [c]}
""")
    found = paths(g, "t:a", "t:c")
    assert [([g.edges[n].target for n in p.edges], p.against) for p in found] == [
        (["t:b", "t:c"], False), (["t:d", "t:c"], False)]
    assert paths(g, "t:d", "t:c")[0].against
    assert paths(g, "t:c", "t:a") == []
    assert len(paths(g, "t:a", "t:c", limit=1)) == 1


def test_paths_from_a_node_to_itself_are_its_cycles() -> None:
    """From a node to itself: the cycles through it, shortest first (an attack on itself
    is one of a single relation); a node on no cycle has none, and the nodes a cycle
    passes are each passed once."""
    g = graph_of("""\
  - {id: a, kind: claim, text: A, attacks: [a, b]}
  - {id: b, kind: claim, text: B, supports: [c]}
  - {id: c, kind: claim, text: C, attacks: [a], supports: [b]}
  - {id: d, kind: claim, text: D, supports: [a]}
""")
    found = paths(g, "t:a", "t:a")
    assert [([g.edges[n].target for n in p.edges], p.against) for p in found] == [
        (["t:a"], True), (["t:b", "t:c", "t:a"], False)]
    assert [[g.edges[n].target for n in p.edges] for p in paths(g, "t:b", "t:b")] == [
        ["t:c", "t:b"], ["t:c", "t:a", "t:b"]]
    assert paths(g, "t:d", "t:d") == []
    assert len(paths(g, "t:a", "t:a", limit=1)) == 1
    assert paths(g, "t:a", "t:a", max_length=2)[1:] == []


def test_paths_flagship(flag: ArgumentGraph) -> None:
    """From the Istanbul talks to brokered diplomacy: three relations at the shortest."""
    found = paths(flag, P + "istanbul-talks-collapsed", P + "move-to-brokered-diplomacy")
    assert [len(p.edges) for p in found] == [3, 4]
    assert not any(p.against for p in found)


def test_select(flag: ArgumentGraph) -> None:
    """Filters combine: each matches any of its values, all filters must pass."""
    objections = select(flag, kinds=[NodeKind.OBJECTION])
    assert len(objections) == 5
    assert select(flag, kinds=[NodeKind.EVIDENCE], tags=["istanbul-talks"]) == [
        P + "istanbul-talks-collapsed", P + "istanbul-mutual-blame-nothing-on-paper"]
    assert select(flag, sections=["VII"]) == [
        P + "security-apparatus-touts-diplomatic-successes",
        P + "diplomatic-gains-cannot-underwrite-war"]
    assert select(flag, text="ISTANBUL", kinds=[NodeKind.CLAIM]) == [
        P + "demanding-overhaul-guarantees-stalemate"]
    assert len(select(flag, sources=["article"])) == len(select(flag, sources=[P + "article"]))
    assert select(flag, sources=["nope"]) == []


def test_stats_flagship(flag: ArgumentGraph) -> None:
    """Counts, coverage and the deepest chain of the flagship map."""
    s = stats(flag)
    assert s.maps == 1
    assert s.nodes == {"claim": 27, "evidence": 9, "recommendation": 12, "assumption": 6,
                       "objection": 5}
    assert s.relations == {"supports": 90, "attacks": 18, "undercuts": 2}
    assert (s.grounded, s.conclusions) == (21, 39)
    assert s.depth == 8
    assert s.deepest[-1] == P + "accept-taliban-as-de-facto-government"
    for lower, upper in zip(s.deepest, s.deepest[1:], strict=False):
        assert upper in flag.support_out[lower]


def test_stats_with_support_loop() -> None:
    """A support loop counts as one level; the chain shown follows real supports."""
    g = graph_of("""\
  - {id: e, kind: evidence, text: E, supports: [a]}
  - {id: a, kind: claim, text: A, supports: [b]}
  - {id: b, kind: claim, text: B, supports: [a, c]}
  - {id: c, kind: recommendation, text: C}
""")
    s = stats(g)
    assert s.deepest == ["t:e", "t:a", "t:b", "t:c"]
    assert s.depth == 2
    assert s.coverage == 1.0


def test_folder_with_cross_references(tmp_path: Path) -> None:
    """Queries work across the maps of a folder; an id in two maps must be qualified."""
    write_map(tmp_path, "base.yaml", """\
argmap: 1
title: Base
nodes:
  - {id: fact, kind: evidence, text: A fact., supports: [other:claim]}
  - {id: claim, kind: claim, text: Also here.}
""")
    write_map(tmp_path, "other.yaml", """\
argmap: 1
title: Other
nodes:
  - {id: claim, kind: claim, text: A claim., supports: [goal]}
  - {id: goal, kind: recommendation, text: A goal.}
""")
    g = build(load_set([tmp_path]))
    with pytest.raises(UnknownNode) as ambiguous:
        resolve(g, "claim")
    assert ("node 'claim' is in several maps; write map:id, one of 'base:claim', 'other:claim'",
            True) == (str(ambiguous.value), ambiguous.value.ambiguous)
    assert [s.key for s in rests_on(g, resolve(g, "goal")).steps] == [
        "other:goal", "other:claim", "base:fact"]
    assert impact(g, "base:fact").falls == ["other:claim", "other:goal"]
    assert stats(g).maps == 2


def test_library_refuses_unknown_keys(flag: ArgumentGraph) -> None:
    """Functions given a key that is not a node raise UnknownNode, not KeyError."""
    for call in (lambda: rests_on(flag, "nope"), lambda: impact(flag, "nope"),
                 lambda: paths(flag, P + "porous-frontier", "nope")):
        with pytest.raises(UnknownNode, match="no node 'nope'"):
            call()
