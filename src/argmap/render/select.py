"""What a diagram shows: the :class:`View` of loaded maps under the options' filters.

A view is the nodes and relations to draw, in a deterministic order, with the
check findings that belong to each. Every output format (DOT, Mermaid,
Markdown, JSON) draws a view, so all of them honour the same filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from argmap.errors import Problem, unknown_node
from argmap.graph import ArgumentGraph, GEdge, GTension, build
from argmap.loading.loader import LoadedMap, MapSet
from argmap.records import RelationKind
from argmap.render.options import Overlay, RenderOptions

__all__ = ["View", "resolve_node", "select", "select_each"]


@dataclass(frozen=True)
class View:
    """Nodes and relations to draw, with the findings that concern them."""

    graph: ArgumentGraph
    title: str
    maps: tuple[LoadedMap, ...]
    """The maps drawn (not those loaded only as context)."""
    nodes: tuple[str, ...]
    """Keys of the nodes drawn, in file order."""
    edges: tuple[int, ...]
    """Indices (into ``graph.edges``) of the relations drawn, undercuts included."""
    context: frozenset[str] = frozenset()
    """Keys of drawn nodes that belong to other maps (neighbours of the maps drawn)."""
    node_findings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    edge_findings: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    map_findings: tuple[str, ...] = ()
    node_notes: Mapping[str, str] = field(default_factory=dict)
    """Node key -> a short note drawn on the node (``--show``: acceptance or strength)."""
    """Findings about neither a node nor a relation (a map's settings, say)."""

    def edge(self, index: int) -> GEdge:
        """The relation with this index."""
        return self.graph.edges[index]

    @property
    def tensions(self) -> list[tuple[int, GTension]]:
        """The tensions between two drawn nodes, with their index in ``graph.tensions``."""
        drawn = set(self.nodes)
        return [(i, t) for i, t in enumerate(self.graph.tensions)
                if t.between[0] in drawn and t.between[1] in drawn]

    @property
    def undercut_relations(self) -> frozenset[int]:
        """Indices of drawn relations that a drawn undercut points at."""
        return frozenset(
            e.target_edge for i in self.edges
            if (e := self.graph.edges[i]).target_edge is not None
        )


def resolve_node(graph: ArgumentGraph, maps: Sequence[LoadedMap], ref: str) -> str:
    """The key of the node ``ref`` (``id`` in one of ``maps``, or ``map:id``);
    :class:`~argmap.errors.UnknownNode` for any other name."""
    if ref in graph.nodes:
        return ref
    keys = [f"{m.name}:{ref}" for m in maps if f"{m.name}:{ref}" in graph.nodes]
    if len(keys) == 1:
        return keys[0]
    # A node of a map loaded only as context is named by its key.
    drawn = {m.name for m in maps}
    raise unknown_node(ref, graph.nodes,
                       bare=[k for k, n in graph.nodes.items() if n.map.name in drawn])


def _title(maps: Sequence[LoadedMap], options: RenderOptions) -> str:
    if options.title is not None:
        return options.title
    return " \u00b7 ".join(m.map.title for m in maps) or "argument map"


def _ends(graph: ArgumentGraph, e: GEdge) -> tuple[str, ...]:
    """Nodes a relation connects; an undercut connects to both ends of its relation."""
    if e.target_edge is None:
        return (e.source, e.target)
    undercut = graph.edges[e.target_edge]
    return (e.source, undercut.source, undercut.target)


def _neighbourhood(graph: ArgumentGraph, allowed: set[str], start: str,
                   depth: int) -> set[str]:
    adjacent: dict[str, set[str]] = {}
    for e in graph.edges:
        ends = [k for k in _ends(graph, e) if k in allowed]
        for a in ends:
            adjacent.setdefault(a, set()).update(b for b in ends if b != a)
    seen = {start}
    frontier = {start}
    for _ in range(max(depth, 0)):
        frontier = {b for a in frontier for b in adjacent.get(a, ()) if b not in seen}
        if not frontier:
            break  # all reached: a --depth of 10**20 must not step 10**20 times
        seen |= frontier
    return seen


def _drawn_edges(graph: ArgumentGraph, keep: set[str],
                 pool: Sequence[GEdge] | None = None) -> list[int]:
    """Relations between kept nodes, and undercuts of those from kept nodes; ``pool``
    (default: every relation) holds at least all of them."""
    pool = graph.edges if pool is None else pool
    drawn = [e.number for e in pool
             if e.kind is not RelationKind.UNDERCUTS and e.source in keep and e.target in keep]
    shown = set(drawn)
    drawn += [e.number for e in pool
              if e.target_edge is not None and e.source in keep and e.target_edge in shown]
    return sorted(drawn)


def select(maps: MapSet | LoadedMap, options: RenderOptions | None = None,
           findings: Iterable[Problem] = (), *, only: Sequence[str] | None = None,
           graph: ArgumentGraph | None = None) -> View:
    """The :class:`View` of ``maps`` under ``options``.

    ``only`` names the maps to draw (default: every map not loaded as context);
    nodes of other maps appear when they are related to a drawn node.
    ``findings`` are attached to the node or relation they are located at.
    """
    options = options or RenderOptions()
    mapset = maps if isinstance(maps, MapSet) else MapSet((maps,))
    graph = graph if graph is not None else build(mapset)
    wanted = set(only) if only is not None else {m.name for m in mapset if not m.context}
    drawn_maps = tuple(m for m in mapset if m.name in wanted)
    base = {k for k, n in graph.nodes.items() if n.map.name in wanted}
    candidates = set(base)
    for e in graph.edges:
        ends = _ends(graph, e)
        if any(k in base for k in ends):
            candidates.update(ends)
    keep = set(candidates)
    focus = resolve_node(graph, drawn_maps, options.focus) if options.focus is not None else None
    if focus is not None:
        keep = _neighbourhood(graph, candidates, focus, options.depth)
    if options.kinds:
        keep = {k for k in keep if graph.nodes[k].kind in options.kinds}
    if options.tags:
        tags = set(options.tags)
        keep = {k for k in keep if tags.intersection(graph.nodes[k].node.tags)}
    if focus is not None:
        keep.add(focus)
    edges = _drawn_edges(graph, keep)
    if options.hide_orphans:
        related = {k for i in edges for k in _ends(graph, graph.edges[i])}
        keep = {k for k in keep if k in related or k == focus}
    nodes = tuple(k for k in graph.nodes if k in keep)
    node_f, edge_f, map_f = _attach(graph, findings)
    return View(graph, _title(drawn_maps, options), drawn_maps, nodes, tuple(edges),
                frozenset(k for k in nodes if k not in base), node_f, edge_f, map_f,
                _notes(graph, options.show))


def select_each(maps: MapSet, options: RenderOptions | None = None,
                findings: Iterable[Problem] = ()) -> Iterator[View]:
    """``select(maps, options, findings, only=[m.name])`` for each map ``m`` not loaded
    as context, in order, in time linear in the size of all maps together.

    :func:`select` looks at every node and relation of the graph, which is right
    for one diagram but quadratic for an export of thousands of maps: here the
    graph is indexed once (relations by the nodes they touch, nodes by position)
    and each view looks only at its map's nodes and their relations. A focus node
    needs the whole graph anyway: with ``options.focus`` this calls :func:`select`.
    """
    options = options or RenderOptions()
    problems = tuple(findings)
    drawn = [m for m in maps if not m.context]
    if options.focus is not None:
        for m in drawn:
            yield select(maps, options, problems, only=[m.name])
        return
    graph = build(maps)
    touching: dict[str, list[int]] = {}
    for e in graph.edges:
        for k in _ends(graph, e):
            touching.setdefault(k, []).append(e.number)
    order = {k: i for i, k in enumerate(graph.nodes)}
    node_f, edge_f, map_f = _attach(graph, problems)
    notes = _notes(graph, options.show)
    for m in drawn:
        prefix = m.name + ":"
        base = {prefix + node.id for node in m.map.nodes}
        candidates = set(base)
        for number in {i for k in base for i in touching.get(k, ())}:
            candidates.update(_ends(graph, graph.edges[number]))
        keep = candidates
        if options.kinds:
            keep = {k for k in keep if graph.nodes[k].kind in options.kinds}
        if options.tags:
            tags = set(options.tags)
            keep = {k for k in keep if tags.intersection(graph.nodes[k].node.tags)}
        # Every relation _drawn_edges keeps starts at a kept node, which it touches.
        pool = sorted({i for k in keep for i in touching.get(k, ())})
        edges = _drawn_edges(graph, keep, [graph.edges[i] for i in pool])
        if options.hide_orphans:
            related = {k for i in edges for k in _ends(graph, graph.edges[i])}
            keep = {k for k in keep if k in related}
        nodes = tuple(sorted(keep, key=order.__getitem__))
        yield View(graph, _title((m,), options), (m,), nodes, tuple(edges),
                   frozenset(k for k in nodes if k not in base), node_f, edge_f, map_f,
                   notes)


def _notes(graph: ArgumentGraph, show: Overlay | None) -> dict[str, str]:
    """The ``--show`` note of every node: its grounded label, or its DF-QuAD strength."""
    if show is None:
        return {}
    from argmap import semantics  # noqa: PLC0415 - only when an overlay is asked for

    if show is Overlay.STRENGTH:
        strengths = semantics.dfquad(graph)
        return {key: _strength_note(strengths.values[key], strengths.ranges.get(key))
                for key in graph.nodes if key in strengths.values}
    status = semantics.evaluate(graph).status
    return {key: semantics.status_text(status.get(key)) for key in graph.nodes}


def _strength_note(value: float, low_high: tuple[float, float] | None) -> str:
    """A node's strength as ``evaluate --strength`` writes it: the range ``low..high``
    when the map's intervals leave it open (the midpoint value alone would hide that),
    the one number otherwise."""
    if low_high is not None and low_high[0] < low_high[1]:
        return f"strength {low_high[0]:.2f}..{low_high[1]:.2f}"
    return f"strength {value:.2f}"


def _attach(graph: ArgumentGraph, findings: Iterable[Problem]
            ) -> tuple[dict[str, tuple[str, ...]], dict[int, tuple[str, ...]], tuple[str, ...]]:
    """Findings by node key and by relation index (a relation's finding is located at it)."""
    problems = list(findings)
    if not problems:
        return {}, {}, ()
    at_edge = {e.map.where(e.keypath): e.number for e in graph.edges}
    by_node: dict[str, list[str]] = {}
    by_edge: dict[int, list[str]] = {}
    other: list[str] = []
    for p in problems:
        text = f"{p.severity.value}: {p.message} [{p.code}]"
        index = at_edge.get(p.location)
        if index is not None:
            by_edge.setdefault(index, []).append(text)
        elif p.node is not None and p.node in graph.nodes:
            by_node.setdefault(p.node, []).append(text)
        else:
            other.append(text)
    return ({k: tuple(v) for k, v in by_node.items()},
            {k: tuple(v) for k, v in by_edge.items()}, tuple(other))
