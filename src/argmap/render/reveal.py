"""The steps of ``--reveal``: the argument built up step by step, for teaching.

Three orders (:class:`~argmap.render.options.RevealOrder`):

* ``file`` (the default): the map's reading order, the nodes as the file has them,
  so the argument unfolds as its author wrote it (an objection, then the answer to
  it). A step is a section (a run of nodes with the same ``section``); a map
  without sections gets a step per point: a claim, recommendation or objection
  with the evidence and assumptions written before it.
* ``top-down``: the conclusions (nodes that bear on nothing drawn) first, then what
  bears on them directly, and so on down to the evidence.
* ``kind``: step 1 shows the evidence; the following steps add claims by depth (a
  claim comes one step after the highest of the claims and evidence it rests on),
  then the recommendations. Assumptions appear with the first node they support;
  objections, and claims that only attack, appear one step after what they
  attack.

There are at most :data:`MAX_STEPS` steps (neighbouring steps are merged beyond).
Every step draws all nodes and hides those not yet revealed, so nothing moves
between steps; the nodes a step adds are drawn with a bold outline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from argmap.graph import ArgumentGraph
from argmap.records import NodeKind, RelationKind
from argmap.render.escape import cap, clean
from argmap.render.options import RevealOrder
from argmap.render.select import View

__all__ = ["MAX_STEPS", "Step", "reveal_steps"]

#: Most steps of a reveal: a longer series is no longer a lesson but a slide show of
#: single boxes (and each step is a Graphviz run).
MAX_STEPS = 30

_PLURAL = {NodeKind.EVIDENCE: "evidence", NodeKind.CLAIM: "claims",
           NodeKind.RECOMMENDATION: "recommendations", NodeKind.ASSUMPTION: "assumptions",
           NodeKind.OBJECTION: "objections"}
_SINGULAR = {k: k.value for k in NodeKind}


@dataclass(frozen=True)
class Step:
    """One step: the nodes shown so far and a caption saying what was added."""

    shown: frozenset[str]
    caption: str
    new: frozenset[str] = frozenset()
    """The nodes this step adds (drawn emphasised)."""


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


def reveal_steps(view: View, order: RevealOrder = RevealOrder.FILE) -> list[Step]:
    """The steps of a reveal of ``view`` in ``order``, first to last (the last shows
    everything)."""
    if order is RevealOrder.FILE:
        groups, labels = _file_groups(view)
    elif order is RevealOrder.TOP_DOWN:
        groups, labels = _top_down_groups(view), None
    else:
        groups, labels = _kind_groups(view), None
    return _steps(view, groups, labels)


def _file_groups(view: View) -> tuple[list[list[str]], list[str | None]]:
    """Runs of nodes in file order: per section, or per point when there are none."""
    graph = view.graph
    groups: list[list[str]] = []
    labels: list[str | None] = []
    if any(graph.nodes[k].node.section for k in view.nodes):
        for key in view.nodes:
            section = graph.nodes[key].node.section
            if not groups or (section and section != labels[-1]):
                groups.append([])
                labels.append(section or None)
            groups[-1].append(key)
        return groups, labels
    points = (NodeKind.CLAIM, NodeKind.RECOMMENDATION, NodeKind.OBJECTION)
    current: list[str] = []
    for key in view.nodes:
        current.append(key)
        if graph.nodes[key].kind in points:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups, [None] * len(groups)


def _top_down_groups(view: View) -> list[list[str]]:
    """The conclusions, then what bears on them, and so on (cycles: last)."""
    graph = view.graph
    bearing: dict[str, list[str]] = {k: [] for k in view.nodes}
    bears: set[str] = set()
    for number in view.edges:
        e = graph.edges[number]
        if e.source != e.target:
            bearing[e.target].append(e.source)
            bears.add(e.source)
    level = {k: 0 for k in view.nodes if k not in bears}
    frontier = list(level)
    while frontier:
        nxt = []
        for key in frontier:
            for before in bearing[key]:
                if before not in level:
                    level[before] = level[key] + 1
                    nxt.append(before)
        frontier = nxt
    last = max(level.values(), default=-1) + 1
    groups: dict[int, list[str]] = {}
    for key in view.nodes:
        groups.setdefault(level.get(key, last), []).append(key)
    return [groups[n] for n in sorted(groups)]


def _steps(view: View, groups: list[list[str]], labels: list[str | None] | None
           ) -> list[Step]:
    """Steps from groups of nodes, neighbours merged down to :data:`MAX_STEPS`."""
    groups = [g for g in groups if g]
    labels = labels if labels is not None and len(labels) == len(groups) else None
    if len(groups) > MAX_STEPS:
        # Neighbours merged evenly: step i takes groups bounds[i] to bounds[i + 1].
        bounds = [i * len(groups) // MAX_STEPS for i in range(MAX_STEPS + 1)]
        if labels is not None:
            labels = [labels[a] for a in bounds[:-1]]
        groups = [[k for g in groups[a:b] for k in g] for a, b in pairwise(bounds)]
    kind = {k: view.graph.nodes[k].kind for k in view.nodes}
    steps: list[Step] = []
    shown: set[str] = set()
    for i, new in enumerate(groups, start=1):
        shown.update(new)
        counts = Counter(kind[k] for k in new)
        added = ", ".join(f"{n} {_SINGULAR[k] if n == 1 else _PLURAL[k]}"
                          for k, n in sorted(counts.items(), key=lambda kv: _ORDER[kv[0]]))
        label = labels[i - 1] if labels is not None else None
        where = f" {cap(clean(label), 60)}:" if label else ""
        steps.append(Step(frozenset(shown), f"Step {i} of {len(groups)}:{where} + {added}",
                          frozenset(new)))
    return steps


def _kind_groups(view: View) -> list[list[str]]:
    """The steps of the ``kind`` order: from the evidence up, challenges after."""
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
    return [[k for k in view.nodes if stage[k] == value]
            for value in sorted(set(stage.values()))]


_ORDER = {NodeKind.EVIDENCE: 0, NodeKind.ASSUMPTION: 1, NodeKind.CLAIM: 2,
          NodeKind.RECOMMENDATION: 3, NodeKind.OBJECTION: 4}
