"""Graph algorithms shared by the checks, queries, semantics and renderers.

Plain functions over adjacency given as a list (vertices ``0..n-1``) or a dict
(any hashable vertices); nothing here knows about maps, so every module of
argmap may use it. All are iterative: maps of 100,000 nodes have chains far
deeper than Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar, cast

__all__ = ["longest_chain", "longest_path_ranks", "strongly_connected"]

V = TypeVar("V", bound=Hashable)

_DONE = float("inf")


def strongly_connected(successors: Sequence[Sequence[V]] | Mapping[V, Sequence[V]],
                       vertices: Iterable[V] | None = None) -> list[list[V]]:
    """Strongly connected components of the graph ``v -> successors[v]`` (Tarjan).

    ``successors`` is a list indexed by the vertices ``0..n-1`` or a dict (a vertex
    missing from the dict has no successors). ``vertices`` are the roots to start
    from, by default every vertex (every key of a dict). Components come out in
    reverse topological order: a component is listed after every component it
    reaches, so with edges that point at what a vertex depends on, each component
    comes after everything it depends on.
    """
    table: Mapping[V, Sequence[V]]
    if isinstance(successors, Mapping):
        table = successors
        roots: Iterable[V] = table if vertices is None else vertices
    else:
        # A list: the vertices are its indices. As a dict (made in C), so that one loop
        # serves both, with the successors looked up inline: a call a vertex cost a
        # sixth of the time at 100,000 vertices.
        table = cast("dict[V, Sequence[V]]", dict(enumerate(successors)))
        roots = table if vertices is None else vertices
    get = table.get
    empty: Sequence[V] = ()
    index: dict[V, float] = {}
    low: dict[V, float] = {}
    stack: list[V] = []
    out: list[list[V]] = []
    counter = 0
    for root in roots:
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        # An explicit stack of (vertex, iterator over its successors).
        work = [(root, iter(get(root, empty)))]
        while work:
            v, todo = work[-1]
            for w in todo:
                iw = index.get(w)
                if iw is None:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    work.append((w, iter(get(w, empty))))
                    break
                # A vertex already in a component has index _DONE: never lower. (An if,
                # not min(): this runs once per edge, and the call costs more.)
                if iw < low[v]:  # noqa: PLR1730
                    low[v] = iw
            else:
                work.pop()
                lv = low[v]
                if work:
                    parent = work[-1][0]
                    if lv < low[parent]:  # noqa: PLR1730
                        low[parent] = lv
                if lv == index[v]:
                    w = stack.pop()
                    index[w] = _DONE
                    component = [w]
                    # Most components are one vertex (all, in a graph without cycles).
                    while w != v:
                        w = stack.pop()
                        index[w] = _DONE
                        component.append(w)
                    out.append(component)
    return out


def longest_chain(successors: list[list[int]], predecessors: list[list[int]],
                  ) -> tuple[list[int], int]:
    """The longest chain of edges, first vertex first, and its length. Edges inside a
    cycle (a strongly connected group) are not counted: the group is one level."""
    n = len(successors)
    depth, below = [0] * n, [-1] * n
    # Kahn's algorithm settles an acyclic graph (support graphs should be: loops
    # of support are an error for `argmap check`); cycles need the components.
    waiting = [len(x) for x in predecessors]
    order = [i for i in range(n) if not waiting[i]]
    for k in order:
        d = depth[k] + 1
        for t in successors[k]:
            if d > depth[t]:
                depth[t], below[t] = d, k
            waiting[t] -= 1
            if not waiting[t]:
                order.append(t)
    if len(order) < n:
        _levels_with_cycles(successors, predecessors, depth, below)
    top = max(range(n), key=depth.__getitem__, default=-1)
    if top < 0 or not depth[top]:
        return [], 0
    chain = [top]
    while below[chain[-1]] >= 0:
        chain.append(below[chain[-1]])
    return chain[::-1], depth[top]


def _levels_with_cycles(successors: list[list[int]], predecessors: list[list[int]],
                      depth: list[int], below: list[int]) -> None:
    """Levels when there are cycles: a component is one level, entered where the edge
    from outside it comes from deepest; inside it, the chain follows real edges."""
    depth[:] = [0] * len(depth)
    below[:] = [-1] * len(below)
    groups = strongly_connected(predecessors)  # predecessors first
    component = [0] * len(depth)
    for c, members in enumerate(groups):
        for i in members:
            component[i] = c
    for c, members in enumerate(groups):
        entry, level, source = members[0], 0, -1
        for i in members:
            for s in predecessors[i]:
                if component[s] != c and depth[s] + 1 > level:
                    entry, level, source = i, depth[s] + 1, s
        for i in members:
            depth[i] = level
        below[entry] = source
        seen = {entry}
        todo = [entry]
        while todo:
            k = todo.pop()
            for t in successors[k]:
                if component[t] == c and t not in seen:
                    seen.add(t)
                    below[t] = k
                    todo.append(t)


def longest_path_ranks(succ: list[list[int]]) -> list[int]:
    """Rank of each vertex: length of the longest path reaching it (iterative DFS)."""
    state = [0] * len(succ)  # 0 new, 1 on the stack, 2 done
    finished: list[int] = []
    dag: list[list[int]] = [[] for _ in succ]
    for root in range(len(succ)):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, 0)]
        while stack:
            v, i = stack[-1]
            if i < len(succ[v]):
                stack[-1] = (v, i + 1)
                w = succ[v][i]
                if state[w] == 0:
                    state[w] = 1
                    dag[v].append(w)
                    stack.append((w, 0))
                elif state[w] == 2:  # kept; an edge to a vertex on the stack (1) closes
                    # a cycle and is dropped
                    dag[v].append(w)
            else:
                state[v] = 2
                finished.append(v)
                stack.pop()
    rank = [0] * len(succ)
    for v in reversed(finished):
        for w in dag[v]:
            rank[w] = max(rank[w], rank[v] + 1)
    return rank
