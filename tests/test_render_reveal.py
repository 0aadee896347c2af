"""Tests of argmap.render.reveal: the steps that build an argument up for teaching."""

from __future__ import annotations

import itertools

from argmap.loading.loader import load, loads
from argmap.model import NodeKind, RelationKind
from argmap.render.options import RevealOrder
from argmap.render.reveal import MAX_STEPS, reveal_steps
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT

GOLDEN = ROOT / "tests" / "golden"


def _ids(keys: frozenset[str]) -> list[str]:
    return sorted(k.split(":", 1)[1] for k in keys)


def test_small_steps_by_kind() -> None:
    """By kind: evidence first, then the claim on it, the recommendation with its assumption,
    the objection, and last the claim that answers the objection."""
    steps = reveal_steps(select(load(GOLDEN / "small.yaml")), RevealOrder.KIND)
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
    steps = reveal_steps(view, RevealOrder.KIND)
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
    """By kind, an objection is revealed in a later step than the node it attacks."""
    view = select(load(FLAGSHIP))
    steps = reveal_steps(view, RevealOrder.KIND)
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
    for order in RevealOrder:
        steps = reveal_steps(select(m), order)
        assert steps[-1].shown == frozenset({"cycle:a", "cycle:b"})


def test_empty_map_has_no_steps() -> None:
    """Nothing to reveal: no steps."""
    assert reveal_steps(select(loads("argmap: 1\ntitle: t\n", "e.yaml"))) == []


def test_file_order_is_the_reading_order() -> None:
    """By default a reveal follows the file: a step per section, in the file's order, the
    section named in the caption; the answer to an objection comes with it or after it,
    never before (issue #12: it came four steps before)."""
    view = select(load(GOLDEN / "small.yaml"))
    steps = reveal_steps(view)
    assert [s.caption for s in steps] == [
        "Step 1 of 3: Decision: + 1 recommendation",
        "Step 2 of 3: Reasons: + 1 evidence, 1 assumption, 1 claim",
        "Step 3 of 3: Objections: + 1 claim, 1 objection",
    ]
    assert _ids(steps[2].new) == ["shops-lose-trade", "trade-is-local"]
    flagship = select(load(FLAGSHIP))
    shown_at = {k: next(i for i, s in enumerate(reveal_steps(flagship)) if k in s.shown)
                for k in flagship.nodes}
    position = {k: i for i, k in enumerate(flagship.nodes)}
    assert all(shown_at[a] <= shown_at[b] for a in flagship.nodes for b in flagship.nodes
               if position[a] < position[b])


def test_file_order_without_sections_steps_by_point() -> None:
    """Without sections, a step ends at each claim, recommendation or objection, with the
    evidence and assumptions written before it."""
    m = loads("argmap: 1\ntitle: t\nnodes:\n"
              "  - {id: e1, kind: evidence, text: e, supports: [c]}\n"
              "  - {id: e2, kind: evidence, text: e, supports: [c]}\n"
              "  - {id: c, kind: claim, text: c, supports: [r]}\n"
              "  - {id: a, kind: assumption, text: a, supports: [r]}\n"
              "  - {id: r, kind: recommendation, text: r}\n", "m.yaml")
    steps = reveal_steps(select(m))
    assert [_ids(s.new) for s in steps] == [["c", "e1", "e2"], ["a", "r"]]


def test_top_down_starts_from_the_conclusions() -> None:
    """Top-down: the recommendation first, then what bears on it, the evidence last."""
    steps = reveal_steps(select(load(GOLDEN / "small.yaml")), RevealOrder.TOP_DOWN)
    assert _ids(steps[0].new) == ["build-bypass"]
    assert _ids(steps[-1].new) == ["counts"]


def test_steps_are_bounded() -> None:
    """A map of 100 points without sections gets MAX_STEPS steps, not 100; each step adds
    something and the last shows everything."""
    nodes = "".join(f"  - {{id: c{i}, kind: claim, text: c}}\n" for i in range(100))
    view = select(loads("argmap: 1\ntitle: t\nnodes:\n" + nodes, "big.yaml"))
    steps = reveal_steps(view)
    assert len(steps) == MAX_STEPS
    assert all(s.new for s in steps)
    assert steps[-1].shown == frozenset(view.nodes)
