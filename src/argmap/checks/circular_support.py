"""Support that goes round in a circle.

`a` supports `b`, `b` supports `c`, `c` supports `a`: each rests on the others
and none on anything outside the loop, so the loop proves nothing. Reported
once per loop, at the loop's first node in the file, with the loop spelled out.
(A node supporting itself is `self-support`.)

Failing example:

    argmap: 1
    title: Circle
    nodes:
      - id: talks-failed
        kind: claim
        text: Talks failed because mistrust is deep.
        supports: [mistrust-deep]
      - id: mistrust-deep
        kind: claim
        text: Mistrust is deep because talks failed.
        supports: [talks-failed]

Passing example:

    argmap: 1
    title: Chain
    sources:
      - id: article
        title: The article
    nodes:
      - id: blame
        kind: evidence
        text: Both sides blamed each other for unreasonable demands.
        source: article
        supports: [mistrust-deep]
      - id: mistrust-deep
        kind: claim
        text: Mistrust is deep.
        supports: [talks-failed]
      - id: talks-failed
        kind: claim
        text: Direct talks have failed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from argmap.algorithms import strongly_connected
from argmap.checks._base import Context, Finding
from argmap.errors import Severity
from argmap.graph import ArgumentGraph

ID = "circular-support"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    """Strongly connected groups of two or more nodes in the support graph."""
    g = ctx.graph
    cycles = support_cycles(g)
    if not cycles:
        return
    # Positions only when there is a loop to report (a dict of every node costs as much
    # as the search at 100,000 nodes).
    order = {key: i for i, key in enumerate(g.nodes)}
    for component in cycles:
        first = min(component, key=order.__getitem__)
        loop = _loop_through(g, first, component)
        n = g.nodes[first]
        shown = " -> ".join(g.label(k, n.map) for k in loop)
        yield Finding(n, f"circular support: {shown}",
                      hint="break the loop: at least one of these needs support from outside it")


def _support_successors(g: ArgumentGraph, key: str) -> list[str]:
    return [t for t in g.support_out.get(key, ()) if t != key]


def support_cycles(g: ArgumentGraph) -> list[set[str]]:
    """Strongly connected components of size >= 2 of the support graph."""
    # Only nodes that support something can be on a loop: the roots are support_out's keys.
    return [set(c) for c in strongly_connected(g.support_out) if len(c) > 1]


def _loop_through(g: ArgumentGraph, start: str, component: set[str]) -> list[str]:
    """A shortest support loop from ``start`` back to itself inside ``component``."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        key = queue.popleft()
        for nxt in _support_successors(g, key):
            if nxt not in component:
                continue
            if nxt == start:
                path = [key]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if nxt not in parent:
                parent[nxt] = key
                queue.append(nxt)
    return [start, start]  # unreachable for a strongly connected component of size >= 2
