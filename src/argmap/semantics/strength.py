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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from argmap.algorithms import strongly_connected
from argmap.errors import UsageError
from argmap.graph import ArgumentGraph
from argmap.records import RelationKind
from argmap.semantics.framework import live_relations

__all__ = ["DEFAULT_BASE", "Strengths", "dfquad"]

#: Base score of a node without ``confidence``.
DEFAULT_BASE = 0.5

# An input to an item's strength: (source item, weight, relation item or -1).
_Input = tuple[int, float, int]


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


def _aggregate(values: Iterable[float]) -> float:
    rest = 1.0
    for v in values:
        rest *= 1.0 - v
    return 1.0 - rest


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
        raise UsageError(f"no node {unknown[0]!r} (node keys are map:id)")
    keys = [k for k in graph.nodes if k not in removed]
    item = {k: i for i, k in enumerate(keys)}
    base = [graph.nodes[k].node.confidence for k in keys]
    base_score = [default_base if b is None else b for b in base]
    edges = graph.edges
    live = live_relations(graph, removed)
    rel_item: dict[int, int] = {}
    for n, by in sorted(graph.undercut_by.items()):
        if live[n] and any(live[u] for u in by):
            rel_item[n] = len(base_score)
            w = edges[n].relation.strength
            base_score.append(1.0 if w is None else w)
    size = len(base_score)
    attacks: list[list[_Input]] = [[] for _ in range(size)]
    supports: list[list[_Input]] = [[] for _ in range(size)]
    for e in edges:
        if not live[e.number]:
            continue
        w = 1.0 if e.relation.strength is None else e.relation.strength
        entry = (item[e.source], w, rel_item.get(e.number, -1))
        if e.kind is RelationKind.SUPPORTS:
            supports[item[e.target]].append(entry)
        elif e.kind is RelationKind.ATTACKS:
            attacks[item[e.target]].append(entry)
        elif e.target_edge is not None:
            attacks[rel_item[e.target_edge]].append(entry)
    fixed = {item[k]: 1.0 if v else 0.0 for k, v in assume.items() if k in item}
    value = list(base_score)
    for i, v in fixed.items():
        value[i] = v
        attacks[i], supports[i] = [], []

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
                     {k: swing[i] for k, i in item.items() if i in swing})
