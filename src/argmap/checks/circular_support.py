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

from argmap.checks._base import Context, Finding
from argmap.errors import Severity
from argmap.graph import ArgumentGraph

ID = "circular-support"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    """Strongly connected groups of two or more nodes in the support graph."""
    g = ctx.graph
    order = {key: i for i, key in enumerate(g.nodes)}
    for component in support_cycles(g):
        first = min(component, key=order.__getitem__)
        loop = _loop_through(g, first, component)
        n = g.nodes[first]
        shown = " -> ".join(g.label(k, n.map) for k in loop)
        yield Finding(n, f"circular support: {shown}",
                      hint="break the loop: at least one of these needs support from outside it")


def _support_successors(g: ArgumentGraph, key: str) -> list[str]:
    return [t for t in g.support_out.get(key, ()) if t != key]


def support_cycles(g: ArgumentGraph) -> list[set[str]]:
    """Strongly connected components of size >= 2 of the support graph (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    counter = 0
    support_out = g.support_out
    for root in support_out:
        # Only nodes that support something can be on a loop.
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = []
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work.append((root, iter(support_out[root])))
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(support_out.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


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
