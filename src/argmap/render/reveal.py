"""The steps of ``--reveal``: the argument built up from the evidence, for teaching.

Step 1 shows the evidence; the following steps add claims by depth (a claim
comes one step after the highest of the claims and evidence it rests on),
then the recommendations. Assumptions appear with the first node they
support; objections, and claims that only attack, appear one step after what
they attack, so each challenge is seen against what it challenges. Every step draws all
nodes and hides those not yet revealed, so nothing moves between steps.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argmap.graph import ArgumentGraph
from argmap.records import NodeKind, RelationKind
from argmap.render.select import View

__all__ = ["Step", "reveal_steps"]

_PLURAL = {NodeKind.EVIDENCE: "evidence", NodeKind.CLAIM: "claims",
           NodeKind.RECOMMENDATION: "recommendations", NodeKind.ASSUMPTION: "assumptions",
           NodeKind.OBJECTION: "objections"}
_SINGULAR = {k: k.value for k in NodeKind}


@dataclass(frozen=True)
class Step:
    """One step: the nodes shown so far and a caption saying what was added."""

    shown: frozenset[str]
    caption: str


def _depths(view: View, members: set[str], base: dict[str, float]) -> dict[str, float]:
    """Longest chain of supports below each member, on top of ``base`` stages; cycles cut."""
    graph: ArgumentGraph = view.graph
    supporters: dict[str, list[str]] = {k: [] for k in members}
    for number in view.edges:
        e = graph.edges[number]
        if e.kind is RelationKind.SUPPORTS and e.target in members:
            supporters[e.target].append(e.source)
    depth: dict[str, float] = {}
    on_stack: set[str] = set()
    for root in sorted(members, key=view.nodes.index):
        stack = [(root, 0)]
        on_stack.add(root)
        while stack:
            key, i = stack[-1]
            below = supporters[key]
            if i < len(below):
                stack[-1] = (key, i + 1)
                nxt = below[i]
                if nxt in members and nxt not in depth and nxt not in on_stack:
                    on_stack.add(nxt)
                    stack.append((nxt, 0))
                continue
            levels = [depth.get(s, base.get(s, 0.0)) for s in below if s not in on_stack]
            depth[key] = max(levels, default=0.0) + 1
            on_stack.discard(key)
            stack.pop()
    return depth


def reveal_steps(view: View) -> list[Step]:
    """The steps of a reveal of ``view``, first to last (the last shows everything)."""
    graph = view.graph
    kind = {k: graph.nodes[k].kind for k in view.nodes}
    targets: dict[str, list[str]] = {}
    supporting: set[str] = set()
    for number in view.edges:
        e = graph.edges[number]
        ends = [e.target]
        if e.target_edge is not None:
            rel = graph.edges[e.target_edge]
            ends = [rel.source, rel.target]
        targets.setdefault(e.source, []).extend(ends)
        if e.kind is RelationKind.SUPPORTS:
            supporting.add(e.source)
    # Objections, and claims or assumptions that only attack, answer something:
    # they come after it.
    attackers = [k for k in view.nodes if kind[k] is not NodeKind.EVIDENCE
                 and (kind[k] is NodeKind.OBJECTION
                      or (k in targets and k not in supporting
                          and kind[k] is not NodeKind.RECOMMENDATION))]
    answering = set(attackers)
    stage: dict[str, float] = {k: 0.0 for k in view.nodes if kind[k] is NodeKind.EVIDENCE}
    claims = {k for k in view.nodes if kind[k] is NodeKind.CLAIM and k not in answering}
    stage.update(_depths(view, claims, stage))
    top = max(stage.values(), default=0.0) + 1
    recommendations = {k for k in view.nodes if kind[k] is NodeKind.RECOMMENDATION}
    stage.update({k: d + top - 1 for k, d in _depths(view, recommendations, stage).items()})
    for key in view.nodes:
        if kind[key] is NodeKind.ASSUMPTION and key not in answering:
            known = [stage[t] for t in targets.get(key, ()) if t in stage]
            stage[key] = min(known, default=0.0)
    # An attack on an attack comes after it: repeat until nothing moves (each
    # pass settles at least one more link of the longest chain; cycles stop
    # at the bound).
    for _ in range(len(attackers) + 1):
        moved = False
        for key in attackers:
            known = [stage[t] for t in targets.get(key, ()) if t in stage and t != key]
            value = max(known, default=0.0) + 0.5
            if stage.get(key) != value:
                stage[key] = value
                moved = True
        if not moved:
            break
    steps: list[Step] = []
    values = sorted(set(stage.values()))
    shown: set[str] = set()
    for i, value in enumerate(values, start=1):
        new = [k for k in view.nodes if stage[k] == value]
        shown.update(new)
        counts = Counter(kind[k] for k in new)
        added = ", ".join(f"{n} {_SINGULAR[k] if n == 1 else _PLURAL[k]}"
                          for k, n in sorted(counts.items(), key=lambda kv: _ORDER[kv[0]]))
        steps.append(Step(frozenset(shown), f"Step {i} of {len(values)}: + {added}"))
    return steps


_ORDER = {NodeKind.EVIDENCE: 0, NodeKind.ASSUMPTION: 1, NodeKind.CLAIM: 2,
          NodeKind.RECOMMENDATION: 3, NodeKind.OBJECTION: 4}
