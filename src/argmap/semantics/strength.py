"""Gradual strength: DF-QuAD (Rago, Toni, Aurisicchio & Baroni, KR 2016).

Each node starts from a base score, its ``confidence`` (0.5 when not given). Its
strength combines the aggregated strength of its attackers ``va`` and of its
supporters ``vs``, each aggregated as ``1 - prod(1 - v)``::

    strength = base - base * (va - vs)          if va >= vs
    strength = base + (1 - base) * (vs - va)    otherwise

A relation's contribution is the strength of its source times the relation's
weight: its ``strength`` (1 when not given). With no relation strengths this is
exactly DF-QuAD. An undercut relation is an argument of its own whose base score
is its weight and whose attackers are the undercutters, so its weight becomes
``weight * (1 - F(undercutters))``: a fully strong undercut cancels the relation.

Strengths are computed exactly, in topological order, wherever the graph is
acyclic; each cycle (a strongly connected group) is iterated from the base scores
to a fixed point, within a tolerance and an iteration cap.

**Intervals.** A ``confidence`` or ``strength`` may be an interval ``[low, high]``.
The strength is then computed at the intervals' midpoints, and each node also gets
a range: the formula above grows with the base score and with ``vs`` and falls with
``va`` (``1 - base(va - vs)`` and ``1 - (vs - va)`` are never negative), the
aggregation ``1 - prod(1 - v)`` grows with each ``v``, and a contribution
``strength * weight`` with both. So a node's lowest strength is reached with its
base score at its low end, its attackers at their highest and its supporters at
their lowest, and its highest the other way round; computing both together, each
from the other bound of the inputs, gives a range that holds every strength the
map can have with its numbers anywhere in their intervals (tested).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from argmap.algorithms import strongly_connected
from argmap.errors import unknown_node
from argmap.graph import ArgumentGraph
from argmap.records import RelationKind
from argmap.semantics.framework import live_relations

__all__ = ["DEFAULT_BASE", "Strengths", "dfquad", "has_intervals"]

#: Base score of a node without ``confidence``.
DEFAULT_BASE = 0.5

# An input to an item's strength: (source item, weight, relation item or -1).
_Input = tuple[int, float, int]
# The same with the weight's bounds: (source item, low, high, relation item or -1).
_Bounded = tuple[int, float, float, int]


@dataclass(frozen=True)
class Strengths:
    """DF-QuAD strengths of the nodes, by key, and how the computation went."""

    values: dict[str, float]
    converged: bool = True
    """False if some cycle had not settled within the iteration cap."""
    iterations: int = 0
    """Most iterations any cycle needed (0 when the graph is acyclic)."""
    unsettled: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Nodes of a cycle that did not settle -> the two values of their last iterations
    (they oscillate between them: neither is their strength)."""
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    """When the map gives some ``confidence`` or ``strength`` as an interval: every node
    -> the lowest and highest strength it can have with those numbers anywhere in their
    intervals (``values`` are at the midpoints). Empty for a map of plain numbers."""


def _aggregate(values: Iterable[float]) -> float:
    rest = 1.0
    for v in values:
        rest *= 1.0 - v
    return 1.0 - rest


def _bounds(value: float | tuple[float, float] | None, default: float) -> tuple[float, float]:
    """A score or interval as (low, high)."""
    if value is None:
        return default, default
    if isinstance(value, tuple):
        return value
    return value, value


def _mid(bounds: tuple[float, float]) -> float:
    # (x + x) / 2 is x exactly: a plain number stays itself.
    return (bounds[0] + bounds[1]) / 2


def has_intervals(graph: ArgumentGraph) -> bool:
    """Whether some node's confidence or relation's strength is an interval."""
    return any(isinstance(n.node.confidence, tuple) for n in graph.nodes.values()) or \
        any(isinstance(e.relation.strength, tuple) for e in graph.edges)


def _combine(base: float, va: float, vs: float) -> float:
    if va >= vs:
        return base - base * (va - vs)
    return base + (1.0 - base) * (vs - va)


def dfquad(graph: ArgumentGraph, *, without: Iterable[str] = (),
           assume: Mapping[str, bool] | None = None, default_base: float = DEFAULT_BASE,
           max_iterations: int = 1000, tolerance: float = 1e-9) -> Strengths:
    """DF-QuAD strength of every node not in ``without``.

    ``assume``: node key -> ``True`` (strength fixed at 1) or ``False`` (fixed at 0).
    """
    removed = set(without)
    assume = dict(assume or {})
    unknown = sorted((removed | set(assume)) - set(graph.nodes))
    if unknown:
        raise unknown_node(unknown[0], graph.nodes)
    keys = [k for k in graph.nodes if k not in removed]
    item = {k: i for i, k in enumerate(keys)}
    base_bounds = [_bounds(graph.nodes[k].node.confidence, default_base) for k in keys]
    edges = graph.edges
    live = live_relations(graph, removed)
    rel_item: dict[int, int] = {}
    for n, by in sorted(graph.undercut_by.items()):
        if live[n] and any(live[u] for u in by):
            rel_item[n] = len(base_bounds)
            base_bounds.append(_bounds(edges[n].relation.strength, 1.0))
    size = len(base_bounds)
    bounded_attacks: list[list[_Bounded]] = [[] for _ in range(size)]
    bounded_supports: list[list[_Bounded]] = [[] for _ in range(size)]
    for e in edges:
        if not live[e.number]:
            continue
        low, high = _bounds(e.relation.strength, 1.0)
        bounded = (item[e.source], low, high, rel_item.get(e.number, -1))
        if e.kind is RelationKind.SUPPORTS:
            bounded_supports[item[e.target]].append(bounded)
        elif e.kind is RelationKind.ATTACKS:
            bounded_attacks[item[e.target]].append(bounded)
        elif e.target_edge is not None:
            bounded_attacks[rel_item[e.target_edge]].append(bounded)
    fixed = {item[k]: 1.0 if v else 0.0 for k, v in assume.items() if k in item}
    for i in fixed:
        bounded_attacks[i], bounded_supports[i] = [], []
    ranges: dict[str, tuple[float, float]] = {}
    if has_intervals(graph):
        low_value, high_value = _ranges(base_bounds, bounded_attacks, bounded_supports, fixed,
                                        max_iterations, tolerance)
        ranges = {k: (low_value[i], high_value[i]) for k, i in item.items()}
    base_score = [_mid(b) for b in base_bounds]
    attacks: list[list[_Input]] = [[(s, _mid((lo, hi)), r) for s, lo, hi, r in inputs]
                                   for inputs in bounded_attacks]
    supports: list[list[_Input]] = [[(s, _mid((lo, hi)), r) for s, lo, hi, r in inputs]
                                    for inputs in bounded_supports]
    value = list(base_score)
    for i, v in fixed.items():
        value[i] = v

    def strength(i: int) -> float:
        if i in fixed:
            return fixed[i]
        va = _aggregate(value[s] * (w if r < 0 else value[r]) for s, w, r in attacks[i])
        vs = _aggregate(value[s] * (w if r < 0 else value[r]) for s, w, r in supports[i])
        return _combine(base_score[i], va, vs)

    depends = [[s for s, _, _ in attacks[i]] + [s for s, _, _ in supports[i]]
               + [r for _, _, r in attacks[i] + supports[i] if r >= 0] for i in range(size)]
    converged, most = True, 0
    swing: dict[int, tuple[float, float]] = {}
    # Components come dependencies first: each is computed from settled values.
    for component in strongly_connected(depends):
        if len(component) == 1 and component[0] not in depends[component[0]]:
            value[component[0]] = strength(component[0])
            continue
        rounds, delta = 0, 1.0
        old = [value[i] for i in component]
        while delta > tolerance and rounds < max_iterations:
            rounds += 1
            old = [value[i] for i in component]
            new = [strength(i) for i in component]  # Jacobi: all from the last round
            delta = max(abs(a - value[i]) for a, i in zip(new, component, strict=True))
            for a, i in zip(new, component, strict=True):
                value[i] = a
        if delta > tolerance:
            converged = False
            for i, a in zip(component, old, strict=True):
                swing[i] = (min(a, value[i]), max(a, value[i]))
        most = max(most, rounds)
    return Strengths({k: value[i] for k, i in item.items()}, converged, most,
                     {k: swing[i] for k, i in item.items() if i in swing}, ranges)


def _ranges(base: list[tuple[float, float]], attacks: list[list[_Bounded]],
            supports: list[list[_Bounded]], fixed: dict[int, float], max_iterations: int,
            tolerance: float) -> tuple[list[float], list[float]]:
    """The lowest and highest strength of every item (see the module's doc): each bound
    from the other bound of its attackers and the same bound of its supporters.

    A cycle is iterated from the base scores' bounds, both bounds together; one whose
    bounds do not settle gets the range [0, 1], which holds whatever it does."""
    low = [b[0] for b in base]
    high = [b[1] for b in base]
    for i, v in fixed.items():
        low[i] = high[i] = v

    def bounds(i: int) -> tuple[float, float]:
        if i in fixed:
            return fixed[i], fixed[i]
        # An input's contribution at its lowest: source and weight (or the undercut
        # relation's strength) at their lowest; at its highest likewise.
        va_low = _aggregate(low[s] * (w if r < 0 else low[r]) for s, w, _, r in attacks[i])
        va_high = _aggregate(high[s] * (w if r < 0 else high[r]) for s, _, w, r in attacks[i])
        vs_low = _aggregate(low[s] * (w if r < 0 else low[r]) for s, w, _, r in supports[i])
        vs_high = _aggregate(high[s] * (w if r < 0 else high[r])
                             for s, _, w, r in supports[i])
        return (_combine(base[i][0], va_high, vs_low), _combine(base[i][1], va_low, vs_high))

    depends = [[s for s, _, _, _ in attacks[i] + supports[i]]
               + [r for _, _, _, r in attacks[i] + supports[i] if r >= 0]
               for i in range(len(base))]
    for component in strongly_connected(depends):
        if len(component) == 1 and component[0] not in depends[component[0]]:
            low[component[0]], high[component[0]] = bounds(component[0])
            continue
        rounds, delta = 0, 1.0
        while delta > tolerance and rounds < max_iterations:
            rounds += 1
            new = [bounds(i) for i in component]  # all from the last round
            delta = max(max(abs(lo - low[i]), abs(hi - high[i]))
                        for (lo, hi), i in zip(new, component, strict=True))
            for (lo, hi), i in zip(new, component, strict=True):
                low[i], high[i] = lo, hi
        if delta > tolerance:
            for i in component:
                low[i], high[i] = 0.0, 1.0
    return low, high
