"""Counting the crossings of a layered layout, as Sugiyama layouts count them: pairs of
relation segments between two adjacent ranks whose ends are in opposite orders."""

from __future__ import annotations

import itertools

from argmap.render.layered import Layout

__all__ = ["count_inversions", "crossings"]


def crossings(layout: Layout) -> int:
    """Pairs of relation segments that cross between adjacent ranks (by order, as
    Sugiyama layouts count them)."""
    where: dict[int, tuple[int, int]] = {}
    for r, layer in enumerate(layout.order):
        for i, v in enumerate(layer):
            where[v] = (r, i)
    between: dict[int, list[tuple[int, int]]] = {}
    for chain in layout.chains:
        for a, b in itertools.pairwise(chain):
            (ra, ia), (rb, ib) = where[a], where[b]
            if ra == rb:
                continue
            if ra > rb:
                ra, ia, rb, ib = rb, ib, ra, ia
            between.setdefault(ra, []).append((ia, ib))
    return sum(count_inversions(sorted(pairs)) for pairs in between.values())


def count_inversions(pairs: list[tuple[int, int]]) -> int:
    """Crossings of segments given as (position below, position above), sorted: the
    pairs whose upper ends are in the other order (a Fenwick tree, n log n)."""
    size = max((b for _, b in pairs), default=0) + 2
    tree = [0] * (size + 1)
    total = 0
    for seen, (_, upper) in enumerate(pairs):
        b = upper + 1
        # Earlier segments (lower end left of this one's, or the same) whose upper end
        # is strictly right of this one's cross it; segments sharing an end do not.
        i, not_right = b, 0
        while i > 0:
            not_right += tree[i]
            i -= i & -i
        total += seen - not_right
        i = b
        while i <= size:
            tree[i] += 1
            i += i & -i
    return total
