"""Seeded generators of the ICCMA benchmark families, for benchmarks/bench_reference.py
(the competition's own files cannot be shipped with argmap).

Each returns ``(n, attacks)``: arguments ``0..n-1`` and a list of distinct attacks
``(a, b)``; the same parameters and seed give the same framework.

* :func:`erdos_renyi`, :func:`barabasi_albert` and :func:`watts_strogatz` follow
  AFBenchGen2 (Cerutti, Giacomin & Vallati 2016, the generator of ICCMA 2017's
  ``ER_``, ``BA_`` and ``WS_`` families): an undirected random graph of the kind named,
  each edge given a random direction; then, for BA and WS, while the graph has at least
  ``n * (1 - p_cycle)`` strongly connected components, the reverse of a random attack is
  added (``p_cycle``: the share of arguments meant to lie on a cycle). AFBenchGen2
  recounts the components after every reversal; here they are recounted after a batch
  of half the remaining gap (the count falls by at most one per reversal on a tree such
  as BA's, so the rule ends at the same count there, and a little lower on WS).
* :func:`admbuster` is the published construction of the ICCMA 2019/2023 ``admbuster``
  instances, read off their files: ``a`` attacked by ``b1`` and ``c1``; chains
  ``b(i+1) -> b(i)`` and ``c(i+1) -> c(i)``; at every even ``i`` also ``b(i+1) -> c(i)``
  and ``c(i+1) -> b(i)``; and ``d`` attacking the last ``b`` and ``c`` (``n = 2k + 2``).
* :func:`grid` is a grid-like framework of argmap's own: each cell linked to its right and
  lower neighbour, a link a mutual attack with probability ``p_mutual``, else one attack
  in a random direction.
"""

from __future__ import annotations

import random

__all__ = ["admbuster", "barabasi_albert", "erdos_renyi", "grid", "watts_strogatz"]

Attacks = tuple[int, list[tuple[int, int]]]


def _directed(rng: random.Random, edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(a, b) if rng.random() < 0.5 else (b, a) for a, b in edges]


def _components(n: int, attacks: list[tuple[int, int]]) -> int:
    """Number of strongly connected components (iterative Tarjan)."""
    targets: list[list[int]] = [[] for _ in range(n)]
    for a, b in attacks:
        targets[a].append(b)
    index, low = [-1] * n, [0] * n
    on_stack, stack, count, counter = [False] * n, [], 0, 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            if i < len(targets[v]):
                work.append((v, i + 1))
                w = targets[v][i]
                if index[w] < 0:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                count += 1
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    if w == v:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return count


def _add_cycles(rng: random.Random, n: int, attacks: list[tuple[int, int]],
                p_cycle: float) -> list[tuple[int, int]]:
    """AFBenchGen2's rule: reverse random attacks until fewer than ``n * (1 - p_cycle)``
    strongly connected components are left."""
    present = set(attacks)
    attacks = list(attacks)
    while (count := _components(n, attacks)) >= n * (1 - p_cycle):
        batch = max(1, (count - int(n * (1 - p_cycle))) // 2)
        while batch:
            a, b = attacks[rng.randrange(len(attacks))]
            if (b, a) not in present:
                present.add((b, a))
                attacks.append((b, a))
                batch -= 1
    return attacks


def erdos_renyi(n: int, p: float, seed: int = 1) -> Attacks:
    """Each pair of arguments linked with probability ``p``, in a random direction."""
    rng = random.Random(seed)
    edges = [(a, b) for a in range(n) for b in range(a + 1, n) if rng.random() < p]
    return n, _directed(rng, edges)


def barabasi_albert(n: int, p_cycle: float, seed: int = 1) -> Attacks:
    """Preferential attachment, one link per new argument (a tree), then cycles."""
    rng = random.Random(seed)
    edges, ends = [(0, 1)], [0, 1]  # ends: each argument once per link it has
    for v in range(2, n):
        u = ends[rng.randrange(len(ends))]
        edges.append((u, v))
        ends += [u, v]
    return n, _add_cycles(rng, n, _directed(rng, edges), p_cycle)


def watts_strogatz(n: int, k: int, beta: float, p_cycle: float, seed: int = 1) -> Attacks:
    """A ring where each argument is linked to its ``k`` nearest, each link rewired to a
    random argument with probability ``beta``; then cycles."""
    rng = random.Random(seed)
    linked: set[frozenset[int]] = set()
    edges = []
    for a in range(n):
        for step in range(1, k // 2 + 1):
            b = (a + step) % n
            if rng.random() < beta:
                b = rng.randrange(n)
                while b == a or frozenset((a, b)) in linked:
                    b = rng.randrange(n)
            if frozenset((a, b)) not in linked:
                linked.add(frozenset((a, b)))
                edges.append((a, b))
    return n, _add_cycles(rng, n, _directed(rng, edges), p_cycle)


def admbuster(n: int) -> Attacks:
    """The admbuster framework of ``n = 2k + 2`` arguments (``a``, ``b1``, ``c1``, ...,
    ``bk``, ``ck``, ``d``: numbered in that order from 0)."""
    if n < 4 or n % 2:
        raise ValueError("admbuster has an even number of arguments, at least 4")
    k = (n - 2) // 2

    def b(i: int) -> int:
        return 2 * i - 1

    def c(i: int) -> int:
        return 2 * i

    attacks = [(b(1), 0), (c(1), 0)]
    for i in range(1, k):
        attacks += [(b(i + 1), b(i)), (c(i + 1), c(i))]
        if i % 2 == 0:
            attacks += [(b(i + 1), c(i)), (c(i + 1), b(i))]
    attacks += [(n - 1, b(k)), (n - 1, c(k))]
    return n, attacks


def grid(width: int, height: int, p_mutual: float = 0.5, seed: int = 1) -> Attacks:
    """A ``width`` x ``height`` grid of arguments, neighbours in conflict."""
    rng = random.Random(seed)
    attacks = []
    for r in range(height):
        for col in range(width):
            a = r * width + col
            for b in ([a + 1] if col + 1 < width else []) + ([a + width] if r + 1 < height
                                                              else []):
                if rng.random() < p_mutual:
                    attacks += [(a, b), (b, a)]
                else:
                    attacks.append((a, b) if rng.random() < 0.5 else (b, a))
    return width * height, attacks
