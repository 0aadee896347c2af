"""Tests of argmap.render.crossings: counting the crossings of a layered layout."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render.crossings import count_inversions, crossings
from argmap.render.layered import Problem, layered_layout


def test_crossings_of_a_twisted_layout() -> None:
    """Two relations between the same two ranks whose ends are swapped cross once; a
    relation sharing an end with them crosses neither."""
    layout = layered_layout(Problem([50.0] * 4, [20.0] * 4, [(0, 2), (1, 3)]))
    order = [layer[:] for layer in layout.order]
    twisted = type(layout)(layout.centers, layout.routes, layout.ranks,
                           [order[0], order[1][::-1]], layout.chains, layout.reversed)
    assert {0, 1} == {crossings(layout), crossings(twisted)}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=30))
def test_count_inversions_is_brute_force(pairs: list[tuple[int, int]]) -> None:
    """Fenwick-tree crossing count equals the pairwise count (shared ends never cross)."""
    pairs.sort()
    brute = sum(1 for (a, b), (c, d) in itertools.combinations(pairs, 2)
                if (a - c) * (b - d) < 0)
    assert brute == count_inversions(pairs)
