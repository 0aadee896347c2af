"""Graph algorithms on integer adjacency lists: strongly connected components, longest chain.

Shared by :mod:`argmap.queries` and :mod:`argmap.semantics`; vertices are ``0..n-1``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["longest_chain", "strongly_connected"]


def strongly_connected(successors: Sequence[Sequence[int]]) -> list[list[int]]:
    """Components of the graph ``i -> successors[i]``, by Tarjan's algorithm (iterative).

    Components come out in reverse topological order: a component is listed after
    every component it reaches, so with edges that point at what a vertex depends
    on, each component comes after everything it depends on.
    """
    n = len(successors)
    index = [-1] * n
    low = [0] * n
    on_stack = bytearray(n)
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        # An explicit stack of (vertex, position in its successor list): maps of
        # 100,000 nodes have chains far deeper than Python's recursion limit.
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        while work:
            v, i = work[-1]
            succ = successors[v]
            if i < len(succ):
                work[-1] = (v, i + 1)
                w = succ[i]
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = 1
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = 0
                    component.append(w)
                    if w == v:
                        break
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
