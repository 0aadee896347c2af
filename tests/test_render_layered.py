"""Tests of argmap.render.layered: ranks, order, placement, folding, crossings."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render import layered
from argmap.render.crossings import crossings
from argmap.render.layered import FOLD_RATIO, Layout, Problem, layered_layout

from . import helpers


def boxes(problem: Problem, layout: Layout) -> list[tuple[float, float, float, float]]:
    """Each node's box (left, bottom, right, top) in the layout's coordinates."""
    return [(x - b / 2, y - d / 2, x + b / 2, y + d / 2) for (x, y), b, d
            in zip(layout.centers, problem.breadth, problem.depth, strict=True)]


def overlapping(problem: Problem, layout: Layout) -> list[tuple[int, int]]:
    """Pairs of nodes whose boxes overlap."""
    out = []
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes(problem, layout)), 2):
        if a[0] < b[2] - 1e-6 and b[0] < a[2] - 1e-6 and a[1] < b[3] - 1e-6 \
                and b[1] < a[3] - 1e-6:
            out.append((i, j))
    return out


def problem_of(edges: list[tuple[int, int]], n: int, seed: int = 1, **extra: Any) -> Problem:
    """A problem of ``n`` nodes of varied sizes."""
    rng = random.Random(seed)
    return Problem([rng.uniform(40, 200) for _ in range(n)],
                   [rng.uniform(20, 80) for _ in range(n)], edges, **extra)


def test_relations_point_up_the_ranks() -> None:
    """In an acyclic map every relation goes from a lower rank to a higher one."""
    edges = [(0, 2), (1, 2), (2, 3), (0, 3), (4, 3)]
    problem = problem_of(edges, 5)
    layout = layered_layout(problem)
    assert 0 == layout.reversed
    assert all(layout.ranks[t] < layout.ranks[h] for t, h in edges)
    assert all(layout.centers[t][1] < layout.centers[h][1] for t, h in edges)
    # A relation skipping a rank passes a virtual point on it: tail, one bend, head.
    assert 3 == len(layout.routes[3])


def test_cycle_back_edge_is_counted() -> None:
    """A cycle is broken by drawing one relation against the ranks, and counted."""
    edges = [(0, 1), (1, 2), (2, 0), (3, 0)]
    layout = layered_layout(problem_of(edges, 4))
    assert 1 == layout.reversed
    against = [(t, h) for t, h in edges if layout.ranks[t] >= layout.ranks[h]]
    assert 1 == len(against)


def test_first_and_last_ranks() -> None:
    """Nodes asked on the first rank are there (relations into them are reversed);
    nodes asked on the last rank are on the highest one."""
    edges = [(0, 1), (1, 2), (2, 3), (4, 0), (5, 2)]
    layout = layered_layout(problem_of(edges, 6, first=frozenset({0, 4}),
                                       last=frozenset({5})))
    assert (0, 0) == (layout.ranks[0], layout.ranks[4])
    assert max(layout.ranks) == layout.ranks[5]


def test_nodes_sit_right_under_what_they_support() -> None:
    """Longest-path ranks are tightened: a lone supporter of a high node sits one rank
    under it, not on the bottom rank."""
    edges = [(0, 1), (1, 2), (2, 3), (4, 3)]
    layout = layered_layout(problem_of(edges, 5))
    assert layout.ranks[3] - 1 == layout.ranks[4]


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """Random graphs (cycles and parallel relations included) with random box sizes."""
    n = draw(st.integers(1, 40))
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = draw(st.lists(pair, max_size=3 * n))
    breadth = draw(st.lists(st.floats(1, 300), min_size=n, max_size=n))
    depth = draw(st.lists(st.floats(1, 100), min_size=n, max_size=n))
    fold = draw(st.sampled_from([FOLD_RATIO, 0.5]))
    first = frozenset(draw(st.lists(st.integers(0, n - 1), max_size=3)))
    return Problem(breadth, depth, edges, first=first, fold=fold)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_no_overlapping_nodes(problem: Problem) -> None:
    """Whatever the graph and the sizes, folded or not, no two boxes overlap, and every
    relation's route (when it has one) runs from its tail to its head."""
    layout = layered_layout(problem)
    assert [] == overlapping(problem, layout)
    for (t, h), route in zip(problem.edges, layout.routes, strict=True):
        if route:
            assert (layout.centers[t], layout.centers[h]) == (route[0], route[-1])


def _extent(problem: Any, layout: Any) -> tuple[float, float]:
    """How far a layout's boxes reach across the ranks and along them."""
    right = max(x + b / 2 for (x, _), b in zip(layout.centers, problem.breadth, strict=True))
    top = max(y + d / 2 for (_, y), d in zip(layout.centers, problem.depth, strict=True))
    return right, top


def test_wide_layout_is_folded() -> None:
    """A layout far wider than deep is cut into bands stacked along the ranks; relations
    between bands get no route (the caller draws them straight)."""
    edges = [(i, 200 + i // 2) for i in range(200)]
    problem = problem_of(edges, 300)
    layout = layered_layout(problem)
    assert layout.bands > 1
    right, top = _extent(problem, layout)
    assert right <= FOLD_RATIO * top
    assert [] == overlapping(problem, layout)
    unfolded = layered_layout(problem_of(edges, 300, fold=float("inf")))
    assert 1 == unfolded.bands
    assert all(unfolded.routes)


def test_many_vertices_sweep_less(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above MANY_VERTICES the order takes 2 sweeps and the placement 1 (time on 10,000
    nodes); below, SWEEPS each."""
    seen: list[int] = []
    order, place = layered._order, layered._place

    def spy_order(*args: Any) -> Any:
        seen.append(args[-1])
        return order(*args)

    def spy_place(*args: Any) -> Any:
        seen.append(args[-1])
        return place(*args)

    monkeypatch.setattr(layered, "_order", spy_order)
    monkeypatch.setattr(layered, "_place", spy_place)
    problem = problem_of([(i, i + 1) for i in range(9)], 10)
    layered_layout(problem)
    monkeypatch.setattr(layered, "MANY_VERTICES", 9)
    layered_layout(problem)
    assert [layered.SWEEPS, layered.SWEEPS, 2, 1] == seen


def test_sweeps_reduce_crossings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The median sweeps leave far fewer crossings than none on a random tangle
    (measured: 3,477 against 5,965)."""
    rng = random.Random(3)
    edges = [(rng.randrange(0, 60), rng.randrange(60, 120)) for _ in range(200)]
    problem = problem_of(edges, 120, fold=float("inf"))
    swept = crossings(layered_layout(problem))
    order = layered._order
    monkeypatch.setattr(layered, "_order", lambda v, a, r, s: order(v, a, r, 0))
    unswept = crossings(layered_layout(problem))
    assert swept < 0.7 * unswept


def chain_with_long_relations(k: int, **extra: Any) -> Problem:
    """A chain of ``k`` nodes and ``k`` nodes on the first rank that each point at its
    top: ``k`` relations spanning ``k - 1`` ranks, ``k * (k - 2)`` virtual points."""
    edges = [(i, i + 1) for i in range(k - 1)] + [(k + j, k - 1) for j in range(k)]
    return problem_of(edges, 2 * k, first=frozenset(range(k, 2 * k)), **extra)


def virtual_points(problem: Problem, layout: Layout) -> int:
    """The virtual points the layout made."""
    return sum(len(layer) for layer in layout.order) - len(problem.breadth)


def test_virtual_points_stay_within_the_budget() -> None:
    """Past ``max_virtual`` the longest relations get no virtual points and no route (they
    are drawn straight); the shortest keep theirs, and the boxes still do not overlap."""
    problem = chain_with_long_relations(30, max_virtual=100)
    layout = layered_layout(problem)
    assert virtual_points(problem, layout) <= 100
    # Each long relation spans 28 ranks: 3 fit in the budget, 27 are left straight.
    assert (3, 27) == (virtual_points(problem, layout) // 28, layout.straight)
    unrouted = [i for i, route in enumerate(layout.routes) if not route]
    assert len(unrouted) == 27
    assert all(len(layout.routes[i]) == 2 for i in range(29))  # the chain: one rank each
    assert [] == overlapping(problem, layout)


def test_virtual_points_within_the_budget_are_all_made() -> None:
    """A layout whose relations fit in the budget routes every one of them."""
    problem = chain_with_long_relations(30, max_virtual=30 * 28)
    layout = layered_layout(problem)
    assert (0, 30 * 28) == (layout.straight, virtual_points(problem, layout))


def test_default_budget() -> None:
    """The default budget is the module's constant, which keeps a chain with long
    relations of 2,000 nodes (4,000,000 points unbounded: 45 s and 1.8 GB here) at
    500,000."""
    assert layered.MAX_VIRTUAL == Problem([], [], []).max_virtual == 500_000


@pytest.mark.parametrize("shape", ["star", "chain", "long"])
def test_hostile_shapes_take_linear_time(shape: str) -> None:
    """A star (one node, many children), a long chain, and a chain with long relations
    under a budget of virtual points: doubling the nodes at most about doubles the work."""
    def make(k: int) -> Any:
        if shape == "star":
            problem = problem_of([(i, 0) for i in range(1, k)], k)
        elif shape == "chain":
            problem = problem_of([(i, i + 1) for i in range(k - 1)], k)
        else:
            problem = chain_with_long_relations(k // 2, max_virtual=2000)
        return lambda: layered_layout(problem)
    helpers.assert_linear(make, 1500)


def test_deep_layout_is_folded_side_by_side() -> None:
    """A layout far deeper than wide (a chain) and deeper than DEEP_FOLD is cut into bands
    across the ranks set side by side: no overlap, no longer far deeper than wide, and
    only the relations between bands lose their routes."""
    problem = problem_of([(i, i + 1) for i in range(399)], 400)
    layout = layered_layout(problem)
    assert layout.bands > 1
    right, top = _extent(problem, layout)
    assert top <= FOLD_RATIO * right
    assert [] == overlapping(problem, layout)
    assert layout.bands - 1 == sum(1 for route in layout.routes if not route)


def test_short_chain_is_not_folded() -> None:
    """A chain shallower than DEEP_FOLD keeps its one column, every relation routed."""
    problem = problem_of([(i, i + 1) for i in range(29)], 30)
    layout = layered_layout(problem)
    top = max(y + d / 2 for (_, y), d in zip(layout.centers, problem.depth, strict=True))
    assert top < layered.DEEP_FOLD
    assert (1, True) == (layout.bands, all(layout.routes))
