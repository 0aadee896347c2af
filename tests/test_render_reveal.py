"""Tests of argmap.render.reveal: the steps that build an argument up for teaching."""

from __future__ import annotations

import itertools

from argmap.loading.loader import load, loads
from argmap.model import NodeKind, RelationKind
from argmap.render.reveal import reveal_steps
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT

GOLDEN = ROOT / "tests" / "golden"


def _ids(keys: frozenset[str]) -> list[str]:
    return sorted(k.split(":", 1)[1] for k in keys)


def test_small_steps() -> None:
    """Evidence first, then the claim on it, the recommendation with its assumption,
    the objection, and last the claim that answers the objection."""
    steps = reveal_steps(select(load(GOLDEN / "small.yaml")))
    assert [s.caption for s in steps] == [
        "Step 1 of 5: + 1 evidence",
        "Step 2 of 5: + 1 claim",
        "Step 3 of 5: + 1 assumption, 1 recommendation",
        "Step 4 of 5: + 1 objection",
        "Step 5 of 5: + 1 claim",
    ]
    assert _ids(steps[0].shown) == ["counts"]
    assert _ids(steps[1].shown) == ["counts", "traffic-harms-centre"]


def test_steps_grow_and_end_with_everything() -> None:
    """Each step shows more than the last; the last shows every node; evidence comes
    first and no recommendation is shown before every supporting claim is."""
    view = select(load(FLAGSHIP))
    steps = reveal_steps(view)
    kinds = {k: view.graph.nodes[k].kind for k in view.nodes}
    for before, after in itertools.pairwise(steps):
        assert before.shown < after.shown
    assert steps[-1].shown == frozenset(view.nodes)
    assert {kinds[k] for k in steps[0].shown} == {NodeKind.EVIDENCE}
    first_rec = next(i for i, s in enumerate(steps)
                     if any(kinds[k] is NodeKind.RECOMMENDATION for k in s.shown))
    supporting = {view.graph.edges[i].source for i in view.edges
                  if view.graph.edges[i].kind is RelationKind.SUPPORTS}
    claims = {k for k in view.nodes if kinds[k] is NodeKind.CLAIM and k in supporting}
    assert len(claims) == 26
    assert claims <= steps[first_rec].shown


def test_objection_comes_after_its_target() -> None:
    """An objection is revealed in a later step than the node it attacks."""
    view = select(load(FLAGSHIP))
    steps = reveal_steps(view)
    first = {k: next(i for i, s in enumerate(steps) if k in s.shown) for k in view.nodes}
    checked = 0
    for number in view.edges:
        e = view.graph.edges[number]
        if view.graph.nodes[e.source].kind is NodeKind.OBJECTION and e.target_edge is None:
            assert first[e.source] > first[e.target], e
            checked += 1
    assert checked >= 5


def test_cycle_does_not_hang() -> None:
    """Circular support still gives steps covering every node."""
    m = loads("argmap: 1\ntitle: t\nnodes:\n"
              "  - {id: a, kind: claim, text: a, supports: [b]}\n"
              "  - {id: b, kind: claim, text: b, supports: [a]}\n", "cycle.yaml")
    steps = reveal_steps(select(m))
    assert steps[-1].shown == frozenset({"cycle:a", "cycle:b"})


def test_empty_map_has_no_steps() -> None:
    """Nothing to reveal: no steps."""
    assert reveal_steps(select(loads("argmap: 1\ntitle: t\n", "e.yaml"))) == []
