"""A layered (Sugiyama-style) layout for maps too big for Graphviz's ``dot``.

``dot`` takes over a second on 1,000 nodes and minutes on tangles; a force
layout (sfdp) is fast but loses the reading the diagram exists for:
evidence at the bottom, what it supports above it. This module keeps the
layers and is linear in practice: ranks by longest path (cycles broken by
reversing the back edges of a depth-first search), a virtual point on every
rank a relation crosses, a few median sweeps to order each rank, and
coordinates from a least-squares placement of each rank that keeps the nodes
apart. Nothing here knows about DOT or maps: :mod:`argmap.render.layered_dot`
reads argmap's DOT text into a :class:`Problem` and writes the positions back.

Coordinates are abstract: ``cross`` runs along a rank, ``depth`` across the
ranks, rank 0 at depth 0 and growing; the caller turns them into a direction.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.algorithms import longest_path_ranks

__all__ = ["DEEP_FOLD", "FOLD_RATIO", "MANY_VERTICES", "MAX_VIRTUAL", "SWEEPS", "Layout", "Problem",
           "layered_layout"]

#: Median sweeps (up and down) ordering the ranks, and placement sweeps.
#: Measured on generated maps of 200 and 1,000 nodes: 2 sweeps leave 25 % more
#: crossings than 6, 8 sweeps 3 % fewer; the median leaves 13 % fewer than the
#: mean (barycenter) of the neighbours' positions.
SWEEPS = 6
#: Above this many vertices (nodes and virtual points) the sweeps are fewer, so
#: that 10,000 nodes take about a second (:data:`SWEEPS` of them would take four).
MANY_VERTICES = 20_000
#: A layout wider than this many times its depth is folded into bands stacked
#: along the ranks (``_fold``): one rank of 2,000 boxes is 400,000 points
#: wide, past what Graphviz draws (its coordinates stop at 10,000 inches).
FOLD_RATIO = 4.0
#: A layout deeper than this (points; 200 inches) and :data:`FOLD_RATIO` times its width
#: is folded into bands set side by side: a chain of 60,000 claims was 3,700,000 points
#: deep, and Graphviz drew it for over a minute in 1.7 GB before its time limit.
DEEP_FOLD = 14_400.0
#: Width along a rank of the virtual point a long relation passes through.
VIRTUAL_WIDTH = 8.0
#: The most virtual points a layout makes. A relation gets one on every rank it
#: crosses, so their number is the relations times the ranks they span: on a chain
#: of 50,000 claims with 50,000 pieces of evidence supporting its top (100,000
#: nodes and relations, within the drawing's bound) that was 2.5 billion points, an
#: exhausted memory. Past this budget the longest relations are drawn straight
#: (as those between the bands of a folded layout are), the shortest keep their
#: routes. 500,000 points is five times the most a generated map of 50,000 nodes
#: needs (MAX_DRAWN's size) and takes about 200 MB here.
MAX_VIRTUAL = 500_000


@dataclass(frozen=True)
class Problem:
    """What to lay out: node sizes (``breadth`` along a rank, ``depth`` across) and
    relations ``(tail, head)``, heads ranked after tails where the graph allows."""

    breadth: Sequence[float]
    depth: Sequence[float]
    edges: Sequence[tuple[int, int]]
    first: frozenset[int] = frozenset()
    """Nodes on rank 0; relations into them are drawn against the rank direction."""
    last: frozenset[int] = frozenset()
    """Nodes on the last rank."""
    nodesep: float = 18.0
    ranksep: float = 32.0
    fold: float = FOLD_RATIO
    """Fold a layout wider than this many times its depth (see :data:`FOLD_RATIO`)."""
    max_virtual: int = MAX_VIRTUAL
    """The most virtual points to make (see :data:`MAX_VIRTUAL`)."""


@dataclass(frozen=True)
class Layout:
    """Node centres ``(cross, depth)``, each relation's route from tail to head
    (centres and bends), the rank of each node and the order of each rank."""

    centers: list[tuple[float, float]]
    routes: list[list[tuple[float, float]]]
    ranks: list[int]
    order: list[list[int]]
    """Each rank's vertices in order; vertices from ``len(centers)`` on are virtual."""
    chains: list[list[int]]
    """Per relation, the vertices it passes through in rank order (tail side first)."""
    reversed: int
    """Relations drawn against the rank direction (cycle back edges, edges into ``first``)."""
    bands: int = 1
    """Bands the layout was folded into; relations between bands have no route."""
    straight: int = 0
    """Relations left without virtual points (:data:`MAX_VIRTUAL`): no route, drawn
    straight."""


def _back_edges(n: int, edges: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the edges a depth-first search in node order finds closing a cycle."""
    out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, (t, h) in enumerate(edges):
        out[t].append((h, i))
    state = [0] * n  # 0 new, 1 on the stack, 2 done
    back: set[int] = set()
    for root in range(n):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]
        while stack:
            v, todo = stack[-1]
            for w, i in todo:
                if state[w] == 1:
                    back.add(i)
                elif state[w] == 0:
                    state[w] = 1
                    stack.append((w, iter(out[w])))
                    break
            else:
                state[v] = 2
                stack.pop()
    return back


def _ranks(problem: Problem, oriented: list[tuple[int, int]]) -> list[int]:
    n = len(problem.breadth)
    succ: list[list[int]] = [[] for _ in range(n)]
    for t, h in oriented:
        if t != h and h not in problem.first:
            succ[t].append(h)
    rank = longest_path_ranks(succ)
    top = max(rank, default=0)
    for v in problem.last:
        rank[v] = top
    # Longest path leaves every node as low as its longest chain of supporters puts
    # it; pulling each node up to just under the lowest node it points at keeps
    # relations one rank long, as dot's balancing does. Reverse topological order:
    # a node moves after everything it points at has.
    for v in _topological(succ)[::-1]:
        if v in problem.first or v in problem.last or not succ[v]:
            continue
        rank[v] = max(rank[v], min(rank[w] for w in succ[v]) - 1)
    for v in problem.first:
        rank[v] = 0
    return rank


def _topological(succ: list[list[int]]) -> list[int]:
    indegree = [0] * len(succ)
    for targets in succ:
        for w in targets:
            indegree[w] += 1
    ready = [v for v in range(len(succ)) if indegree[v] == 0]
    order: list[int] = []
    while ready:
        v = ready.pop()
        order.append(v)
        for w in succ[v]:
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    return order


def layered_layout(problem: Problem) -> Layout:
    """Lay out ``problem`` in ranks: see the module's docstring."""
    n = len(problem.breadth)
    back = _back_edges(n, problem.edges)
    oriented: list[tuple[int, int]] = []
    flipped: list[bool] = []
    for i, (t, h) in enumerate(problem.edges):
        flip = i in back or (h in problem.first and t not in problem.first)
        oriented.append((h, t) if flip else (t, h))
        flipped.append(flip)
    rank = _ranks(problem, oriented)
    vrank = list(rank)
    width = list(problem.breadth)
    chains: list[list[int]] = []
    reversed_count = 0
    straight = _straight(rank, oriented, problem.max_virtual)
    for i, ((tail, head), was_flipped) in enumerate(zip(oriented, flipped, strict=True)):
        t, h, flip = tail, head, was_flipped
        if rank[h] < rank[t]:
            # Forced ranks (evidence first, last recommendations) can contradict it.
            t, h, flip = h, t, not flip
        reversed_count += flip
        chain = [t]
        if i not in straight:
            for r in range(rank[t] + 1, rank[h]):
                vrank.append(r)
                width.append(VIRTUAL_WIDTH)
                chain.append(len(vrank) - 1)
        chain.append(h)
        chains.append(chain[::-1] if flip else chain)
    many = len(vrank) > MANY_VERTICES
    below, above = _neighbours(len(vrank), chains, vrank)
    order = _order(vrank, (below, above), max(rank, default=0) + 1, 2 if many else SWEEPS)
    cross = _place(order, width, (below, above), problem.nodesep, n,
                   1 if many else SWEEPS)
    depth_of = _depths(rank, problem.depth, len(order), problem.ranksep)
    depth = [depth_of[r] for r in vrank]
    bands = _fold(cross, depth, width, problem)
    centers = [(cross[v], depth[v]) for v in range(n)]
    # A relation between two bands is left to the caller to draw straight.
    routes = [[(cross[v], depth[v]) for v in chain]
              if bands[chain[0]] == bands[chain[-1]] and i not in straight else []
              for i, chain in enumerate(chains)]
    return Layout(centers, routes, rank, order, chains, reversed_count,
                  max(bands, default=0) + 1, len(straight))


def _straight(rank: list[int], oriented: list[tuple[int, int]], budget: int) -> set[int]:
    """Indices of the relations to leave without virtual points: none while all of them
    fit in ``budget``, else the longest, so that the points made stay within it."""
    spans = [max(abs(rank[h] - rank[t]) - 1, 0) for t, h in oriented]
    if sum(spans) <= budget:
        return set()
    left = budget
    kept: set[int] = set()
    # Shortest first (ties in relation order): most relations keep their routes.
    for i in sorted(range(len(spans)), key=spans.__getitem__):
        if spans[i] > left:
            break
        left -= spans[i]
        kept.add(i)
    return set(range(len(spans))) - kept


def _fold(cross: list[float], depth: list[float], width: list[float],
          problem: Problem) -> list[int]:
    """Cut a layout wider than :data:`FOLD_RATIO` times its depth into bands along
    the ranks and stack them (changing ``cross`` and ``depth``); each vertex's band."""
    wide = max((x + w / 2 for x, w in zip(cross, width, strict=True)), default=0.0)
    deep = max(depth, default=0.0) + max(problem.depth, default=0.0) + 2 * problem.ranksep
    if deep > max(problem.fold * (wide + 2 * problem.nodesep), DEEP_FOLD):
        # Far deeper than wide: bands across the ranks (a rank stays in one band, so no
        # two boxes come to overlap), set side by side.
        return _bands(depth, cross, deep, wide + 2 * problem.nodesep)
    if wide <= problem.fold * deep:
        return [0] * len(cross)
    return _bands(cross, depth, wide, deep)


def _bands(along: list[float], across: list[float], length: float, other: float) -> list[int]:
    """Cut a layout ``length`` long (on the axis of ``along``) and ``other`` across into
    bands along it, each set ``other`` beyond the last (changing ``along`` and
    ``across``); each vertex's band. k bands of length/k by k*other: about 3:2 when k
    is the root below."""
    count = max(1, round((length / (1.5 * other)) ** 0.5))
    step = length / count
    bands = [min(int(x // step), count - 1) for x in along]
    for v, band in enumerate(bands):
        along[v] -= band * step
        across[v] += band * other
    return bands


def _neighbours(count: int, chains: list[list[int]], vrank: list[int]
                ) -> tuple[list[list[int]], list[list[int]]]:
    """Per vertex, its neighbours on the rank below and on the rank above."""
    below: list[list[int]] = [[] for _ in range(count)]
    above: list[list[int]] = [[] for _ in range(count)]
    for chain in chains:
        for a, b in itertools.pairwise(chain):
            lo, hi = (a, b) if vrank[a] < vrank[b] else (b, a)
            if vrank[lo] != vrank[hi]:
                above[lo].append(hi)
                below[hi].append(lo)
    return below, above


def _order(vrank: list[int], adjacent: tuple[list[list[int]], list[list[int]]], ranks: int,
           sweeps: int) -> list[list[int]]:
    """Each rank's vertices, ordered by median sweeps to reduce crossings: each vertex
    goes to the median position of its neighbours on the rank just placed."""
    layers: list[list[int]] = [[] for _ in range(ranks)]
    for v, r in enumerate(vrank):
        layers[r].append(v)
    below, above = adjacent
    # Start from the order a depth-first walk (relations taken both ways, nodes in
    # the file's order) meets the vertices: what is connected starts side by side.
    seen = [-1] * len(vrank)
    count = 0
    for root in range(len(vrank)):
        if seen[root] >= 0:
            continue
        stack = [root]
        while stack:
            v = stack.pop()
            if seen[v] >= 0:
                continue
            seen[v] = count
            count += 1
            stack += [w for w in reversed(above[v] + below[v]) if seen[w] < 0]
    pos = [float(k) for k in seen]
    for layer in layers:
        layer.sort(key=pos.__getitem__)
        for i, v in enumerate(layer):
            pos[v] = float(i)
    for sweep in range(2 * sweeps):
        upward = sweep % 2 == 0
        sequence = range(1, ranks) if upward else range(ranks - 2, -1, -1)
        fixed = below if upward else above
        at = pos.__getitem__
        for r in sequence:
            layer = layers[r]
            # Without neighbours on the fixed side a vertex keeps its place.
            key = [_median(sorted(map(at, near))) if (near := fixed[v]) else pos[v]
                   for v in layer]
            # A stable sort: ties keep their current order.
            layer[:] = [layer[i] for i in sorted(range(len(layer)), key=key.__getitem__)]
            for i, v in enumerate(layer):
                pos[v] = float(i)
    return layers


def _median(values: list[float]) -> float:
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _place(layers: list[list[int]], width: list[float],
           adjacent: tuple[list[list[int]], list[list[int]]], nodesep: float, real: int,
           sweeps: int) -> list[float]:
    """Positions along the ranks: each rank in turn is placed as near as the
    separations allow to the mean position of its neighbours (least squares)."""
    below, above = adjacent
    x = [0.0] * len(width)
    for layer in layers:
        at = 0.0
        for i, v in enumerate(layer):
            if i:
                at += (width[layer[i - 1]] + width[v]) / 2 + nodesep
            x[v] = at
    ranks = len(layers)
    for sweep in range(2 * sweeps):
        upward = sweep % 2 == 0
        sequence = range(1, ranks) if upward else range(ranks - 2, -1, -1)
        first, second = (below, above) if upward else (above, below)
        x_of = x.__getitem__
        for r in sequence:
            layer = layers[r]
            targets: list[float] = []
            weights: list[float] = []
            for v in layer:
                near = first[v] or second[v]
                if near:
                    targets.append(sum(map(x_of, near)) / len(near))
                    # Virtual points weigh more: long relations run straight.
                    weights.append(len(near) * (4.0 if v >= real else 1.0))
                else:
                    targets.append(x[v])
                    weights.append(0.05)
            for v, value in zip(layer, _separated(layer, width, targets, weights, nodesep),
                                strict=True):
                x[v] = value
    low = min((x[v] - width[v] / 2 for v in range(len(width))), default=0.0)
    return [value - low for value in x]


def _separated(layer: list[int], width: list[float], targets: list[float],
               weights: list[float], nodesep: float) -> list[float]:
    """Positions nearest (weighted least squares) to ``targets`` in the layer's order
    with each pair of neighbours at least their half-widths plus ``nodesep`` apart.

    With offsets ``o`` (the tightest packing) the problem is isotonic regression of
    ``target - o``: pool-adjacent-violators, linear time.
    """
    offsets: list[float] = []
    at = 0.0
    for i, v in enumerate(layer):
        if i:
            at += (width[layer[i - 1]] + width[v]) / 2 + nodesep
        offsets.append(at)
    # Blocks of vertices placed together: weighted sum, weight, count.
    sums: list[float] = []
    weighs: list[float] = []
    counts: list[int] = []
    for t, w, o in zip(targets, weights, offsets, strict=True):
        total, weight, count = (t - o) * w, w, 1
        while sums and sums[-1] * weight >= total * weighs[-1]:
            total += sums.pop()
            weight += weighs.pop()
            count += counts.pop()
        sums.append(total)
        weighs.append(weight)
        counts.append(count)
    out: list[float] = []
    for total, weight, count in zip(sums, weighs, counts, strict=True):
        out += [total / weight] * count
    return [y + o for y, o in zip(out, offsets, strict=True)]


def _depths(rank: list[int], depth: Sequence[float], ranks: int, ranksep: float) -> list[float]:
    tallest = [0.0] * ranks
    for v, r in enumerate(rank):
        tallest[r] = max(tallest[r], depth[v])
    out = [0.0] * ranks
    for r in range(1, ranks):
        out[r] = out[r - 1] + (tallest[r - 1] + tallest[r]) / 2 + ranksep
    return out
