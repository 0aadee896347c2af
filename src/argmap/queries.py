"""Questions about a map's structure: pure functions over the :class:`ArgumentGraph`.

* :func:`rests_on`: the support tree of a node down to its grounds, with the
  attacks on every step.
* :func:`impact`: what loses its support if a node is taken away.
* :func:`paths`: chains of relations from one node to another.
* :func:`select`: nodes by kind, tag, section, source and text.
* :func:`stats`: counts, evidence coverage, the deepest chain of support.

A node *stands* on its support if nothing supports it (evidence, assumptions and
unsupported claims are where support starts), or if at least one of its
supporters stands. This is a least fixed point, so a loop of support that
nothing outside it supports does not stand. These queries read supports only;
acceptability under attack is :mod:`argmap.semantics`.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from argmap.algorithms import longest_chain
from argmap.errors import UnknownNode, unknown_node
from argmap.graph import ArgumentGraph
from argmap.records import NodeKind, RelationKind

__all__ = ["Impact", "Path", "Stats", "Step", "SupportTree", "UnknownNode", "impact", "paths",
           "resolve", "rests_on", "select", "standing", "stats"]

_SUPPORTS = RelationKind.SUPPORTS


def _known(graph: ArgumentGraph, *keys: str) -> None:
    for key in keys:
        if key not in graph.nodes:
            raise unknown_node(key, graph.nodes)


def resolve(graph: ArgumentGraph, ref: str) -> str:
    """The key of the node ``ref`` names: ``map:id``, or an ``id`` found in one map only;
    :class:`~argmap.errors.UnknownNode` (with the names meant, or the keys to choose
    from) for any other name."""
    if ref in graph.nodes:
        return ref
    if ":" not in ref:
        found = [k for k, n in graph.nodes.items() if n.id == ref]
        if len(found) == 1:
            return found[0]
    raise unknown_node(ref, graph.nodes, bare=graph.nodes)


class Step(NamedTuple):
    """One line of a support tree: a node, how it supports its parent, what attacks it."""

    key: str
    depth: int
    parent: int
    """Index of the parent step; -1 for the root."""
    via: int | None
    """Number of the support relation from this node to its parent."""
    attacks: tuple[int, ...]
    """Relations against this step: attacks on the node, undercuts of ``via``."""
    repeat: bool = False
    """Shown in full where it first appears in the tree; not expanded again."""
    cycle: bool = False
    """Already above on this branch: the support goes round in a circle."""
    more: bool = False
    """Has support not shown (beyond the depth limit)."""


@dataclass(frozen=True)
class SupportTree:
    """What a node rests on: steps in depth-first order, each node expanded once."""

    root: str
    steps: list[Step]

    def grounds(self) -> list[str]:
        """The nodes the tree ends at, that nothing supports, in tree order."""
        parents = {s.parent for s in self.steps}
        return list(dict.fromkeys(s.key for i, s in enumerate(self.steps)
                                  if i not in parents and not (s.repeat or s.cycle or s.more)))


def rests_on(graph: ArgumentGraph, key: str, *, depth: int | None = None) -> SupportTree:
    """The support tree of ``key``: its supporters, theirs, ... down to the grounds.

    A node reached again is listed but not expanded again (``repeat``), so the
    tree has one full entry per node; ``depth`` cuts it (``more``).
    """
    _known(graph, key)
    edges, in_edges, undercut_by = graph.edges, graph.in_edges, graph.undercut_by
    attacks, supports = RelationKind.ATTACKS, _SUPPORTS
    steps: list[Step] = []
    add = steps.append
    expanded: set[str] = set()
    above: set[str] = set()
    # Iterative depth-first walk over (key, depth, parent, via); a depth of -1 marks
    # leaving a node (it is no longer above what comes next).
    work: list[tuple[str, int, int, int | None]] = [(key, 0, -1, None)]
    while work:
        k, d, parent, via = work.pop()
        if d < 0:
            above.discard(k)
            continue
        against = tuple(undercut_by[via]) if via in undercut_by else ()
        if k in expanded:  # nodes above are expanded too
            add(Step(k, d, parent, via, against, k not in above, k in above))
            continue
        ins = in_edges[k]
        against += tuple(n for n in ins if edges[n].kind is attacks)
        below = [n for n in ins if edges[n].kind is supports]
        more = depth is not None and d >= depth and bool(below)
        add(Step(k, d, parent, via, against, False, False, more))
        if more:
            continue
        expanded.add(k)
        above.add(k)
        work.append((k, -1, parent, via))
        me = len(steps) - 1
        work.extend([(edges[n].source, d + 1, me, n) for n in reversed(below)])
    return SupportTree(key, steps)


def standing(graph: ArgumentGraph, removed: Iterable[str] = ()) -> set[str]:
    """Keys of the nodes that stand on their support (see the module docstring)."""
    gone = set(removed)
    support_in, support_out = graph.support_in, graph.support_out
    stands = {k for k in graph.nodes if k not in support_in and k not in gone}
    todo = list(stands)
    while todo:
        for t in support_out.get(todo.pop(), ()):
            if t not in stands and t not in gone:
                stands.add(t)
                todo.append(t)
    return stands


@dataclass(frozen=True)
class Impact:
    """What taking a node away does to the support of the others."""

    node: str
    falls: list[str]
    """Nodes that stood and no longer stand: every supporter they had left falls."""
    stands: list[tuple[str, list[str]]]
    """Nodes that rest on ``node`` (directly or not) but keep standing, each with
    the supporters that still carry it."""
    attacks_lost: list[int]
    """Attacks and undercuts made by ``node`` or by a node that falls."""


def impact(graph: ArgumentGraph, key: str) -> Impact:
    """Take ``key`` away: which nodes lose their support, and which keep other support.

    A node falls if it stood before and does not stand without ``key``: it had
    support, and every supporter it has left falls (or was ``key``).
    """
    _known(graph, key)
    before = standing(graph)
    support_out, support_in = graph.support_out, graph.support_in
    reach: set[str] = set()
    todo = [key]
    while todo:
        for t in support_out.get(todo.pop(), ()):
            if t not in reach and t != key:
                reach.add(t)
                todo.append(t)
    # Only what rests on `key` can change: outside `reach` standing is as before.
    after: set[str] = set()
    for k in reach:
        for s in support_in[k]:
            if s in before and s not in reach and s != key:
                after.add(k)
                break
    todo = list(after)
    while todo:
        for t in support_out.get(todo.pop(), ()):
            if t in reach and t not in after:
                after.add(t)
                todo.append(t)
    falls = [k for k in graph.nodes if k in reach and k not in after and k in before]
    stands: list[tuple[str, list[str]]] = []
    if after:
        carried = after | (before - reach - {key})
        stands = [(k, [s for s in support_in[k] if s in carried])
                  for k in graph.nodes if k in after]
    gone = {key, *falls}
    # One pass over the relations: cheaper than the graph's out-edge lists, which
    # are built on first use.
    lost = [e.number for e in graph.edges if e.source in gone and e.kind is not _SUPPORTS]
    return Impact(key, falls, stands, lost)


class Path(NamedTuple):
    """A chain of relations (edge numbers) from one node to another."""

    edges: tuple[int, ...]
    against: bool
    """An odd number of attacks and undercuts on the way: the start speaks against
    the end; otherwise for it."""


def paths(graph: ArgumentGraph, start: str, end: str, *, limit: int = 10,
          max_length: int | None = None) -> list[Path]:
    """Simple paths of relations from ``start`` to ``end``, shortest first; from a node to
    itself, the simple cycles through it.

    Every relation is followed from its source to its target node (an undercut to
    the target of the relation it undercuts). At most ``limit`` paths, of at most
    ``max_length`` relations (default: two more than the shortest).
    """
    _known(graph, start, end)
    edges = graph.edges
    into: dict[str, list[int]] = {}
    for e in edges:
        into.setdefault(e.target, []).append(e.number)
    dist = {end: 0}
    queue = deque([end])
    while queue:
        k = queue.popleft()
        for n in into.get(k, ()):
            s = edges[n].source
            if s not in dist:
                dist[s] = dist[k] + 1
                queue.append(s)
    cycle = start == end
    if cycle:
        # From a node to itself: the cycles through it (an attack on itself is one of
        # a single relation), the shortest one relation longer than the way back from
        # the nearest node it points to.
        back = [dist[t] + 1 for n in graph.out_edges[start] if (t := edges[n].target) in dist]
        if not back:
            return []
        shortest = min(back)
    elif start not in dist:
        return []
    else:
        shortest = dist[start]
    longest = shortest + 2 if max_length is None else max_length
    found: list[Path] = []
    # A cycle may come back to its start (as its end); any other path never.
    seen: frozenset[str] = frozenset() if cycle else frozenset({start})
    for length in range(shortest, longest + 1):
        # Depth-first over paths of exactly `length` relations; a node may continue
        # only if `end` is near enough, so dead ends are never walked far.
        work: list[tuple[str, tuple[int, ...], frozenset[str]]] = [(start, (), seen)]
        while work and len(found) < limit:
            k, path, on = work.pop()
            left = length - len(path)
            if k == end and path:
                if not left:
                    against = sum(edges[n].kind is not _SUPPORTS for n in path) % 2 == 1
                    found.append(Path(path, against))
                continue
            for n in reversed(graph.out_edges[k]):
                t = edges[n].target
                if t not in on and dist.get(t, left) < left:
                    work.append((t, (*path, n), on | {t}))
    return found


def select(graph: ArgumentGraph, *, kinds: Iterable[NodeKind] = (), tags: Iterable[str] = (),
           sections: Iterable[str] = (), sources: Iterable[str] = (),
           text: str | None = None) -> list[str]:
    """Keys of the nodes that pass every filter given, in map order.

    Each filter accepts a node matching any of its values: ``kinds``, ``tags``,
    ``sections``, ``sources`` (a source id, or ``map:source-id``); ``text`` is a
    case-insensitive substring of the node's text or quote.
    """
    kinds, tags, sections, sources = set(kinds), set(tags), set(sections), set(sources)
    needle = text.casefold() if text else None
    out = []
    for key, n in graph.nodes.items():
        node = n.node
        if kinds and node.kind not in kinds:
            continue
        if tags and not tags.intersection(node.tags):
            continue
        if sections and node.section not in sections:
            continue
        if sources:
            src = node.source
            qualified = src if src is None or ":" in src else f"{n.map.name}:{src}"
            if src not in sources and qualified not in sources:
                continue
        if needle is not None and needle not in node.text.casefold() \
                and needle not in (node.quote or "").casefold():
            continue
        out.append(key)
    return out


@dataclass(frozen=True)
class Stats:
    """Counts and shape of the maps (see :func:`stats`)."""

    maps: int
    nodes: dict[str, int]
    """Nodes per kind, every kind listed."""
    relations: dict[str, int]
    """Relations per kind, every kind listed."""
    conclusions: int
    """Claims and recommendations."""
    grounded: int
    """Claims and recommendations that evidence reaches along supports."""
    deepest: list[str]
    """The longest chain of support, from its ground up (empty without supports)."""
    depth: int
    """Levels of support in :attr:`deepest`: its relations, a support loop counting once."""

    @property
    def coverage(self) -> float:
        """Share of claims and recommendations grounded in evidence (1 if there are none)."""
        return self.grounded / self.conclusions if self.conclusions else 1.0


def stats(graph: ArgumentGraph) -> Stats:
    """Counts per kind and relation, evidence coverage and the deepest support chain."""
    keys = list(graph.nodes)
    index = {k: i for i, k in enumerate(keys)}
    kinds = [n.node.kind for n in graph.nodes.values()]
    # Integer adjacency: twice as fast as walking the key-indexed dicts.
    supported: list[list[int]] = [[] for _ in keys]
    supporters: list[list[int]] = [[] for _ in keys]
    for e in graph.edges:
        if e.kind is _SUPPORTS:
            s, t = index[e.source], index[e.target]
            supported[s].append(t)
            supporters[t].append(s)
    reached = bytearray(len(keys))
    todo = [i for i, kind in enumerate(kinds) if kind is NodeKind.EVIDENCE]
    for i in todo:
        reached[i] = 1
    while todo:
        for t in supported[todo.pop()]:
            if not reached[t]:
                reached[t] = 1
                todo.append(t)
    conclusions = [i for i, kind in enumerate(kinds)
                   if kind is NodeKind.CLAIM or kind is NodeKind.RECOMMENDATION]
    nodes = Counter(kinds)
    relations = Counter(e.kind for e in graph.edges)
    chain, depth = longest_chain(supported, supporters)
    return Stats(
        maps=len({n.map.path for n in graph.nodes.values()}),
        nodes={k.value: nodes[k] for k in NodeKind},
        relations={k.value: relations[k] for k in RelationKind},
        conclusions=len(conclusions),
        grounded=sum(reached[i] for i in conclusions),
        deepest=[keys[i] for i in chain],
        depth=depth,
    )
