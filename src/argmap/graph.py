"""The argument graph: loaded maps -> nodes and relations, with adjacency.

:func:`build` gives an :class:`ArgumentGraph`, a small adjacency structure with
no dependencies that the checks, queries and renderers walk.
:func:`build_graph` gives the same graph as a ``networkx.MultiDiGraph`` for
analysis with networkx's algorithms.

Why two: importing networkx takes about 0.2 s here, twice what checking the
flagship map from a cold start takes in all, and building a networkx graph of
150,000 relations takes about 0.8 s, against 0.35 s for this structure (which
also proves every reference sound, see :func:`resolve`). Both are pure: no
I/O, no printing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from argmap.loading.loader import LoadedMap, MapSet
from argmap.records import NodeKind, NodeRecord, RelationKind, RelationRecord, TensionRecord

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ArgumentGraph", "GEdge", "GNode", "GTension", "build", "build_graph", "resolve"]


class GNode(NamedTuple):
    """A node of the graph; ``key`` is ``map-name:node-id``."""

    key: str
    map: LoadedMap
    position: int
    """Position of the node in its map's ``nodes`` list."""
    node: NodeRecord

    @property
    def id(self) -> str:
        """The node's id within its map."""
        return self.node.id

    @property
    def kind(self) -> NodeKind:
        """The node's kind."""
        return self.node.kind

    @property
    def keypath(self) -> tuple[str, int]:
        """Key path of the node in its map file."""
        return ("nodes", self.position)


class GEdge(NamedTuple):
    """A relation. For an undercut, ``target`` is the key of the node the undercut
    relation points at and ``target_edge`` the index of that relation."""

    number: int
    """Position of the relation in :attr:`ArgumentGraph.edges`."""
    kind: RelationKind
    source: str
    target: str
    relation: RelationRecord
    map: LoadedMap
    keypath: tuple[str, int, str, int]
    target_edge: int | None = None


class GTension(NamedTuple):
    """A tension of a map (not a relation: nothing bears on anything through it)."""

    map: LoadedMap
    position: int
    """Position of the tension in its map's ``tensions`` list."""
    tension: TensionRecord
    between: tuple[str, str]
    """The keys of the two nodes in tension."""

    @property
    def keypath(self) -> tuple[str, int]:
        """Key path of the tension in its map file."""
        return ("tensions", self.position)


@dataclass
class ArgumentGraph:
    """Nodes and relations of one or more maps, with incoming and outgoing adjacency."""

    nodes: dict[str, GNode] = field(default_factory=dict)
    edges: list[GEdge] = field(default_factory=list)
    undercut_by: dict[int, list[int]] = field(default_factory=dict)
    support_in: dict[str, list[str]] = field(default_factory=dict)
    """Node key -> keys of the nodes that support it (only nodes with support)."""
    support_out: dict[str, list[str]] = field(default_factory=dict)
    """Node key -> keys of the nodes it supports (only nodes that support something)."""
    attack_in: dict[str, list[str]] = field(default_factory=dict)
    """Node key -> keys of the nodes that attack it (only attacked nodes)."""
    tensions: list[GTension] = field(default_factory=list)
    """The tensions of every map, in file order."""

    @cached_property
    def out_edges(self) -> dict[str, list[int]]:
        """Node key -> numbers of the relations that start at it, in file order.

        Computed on first use: the checks do not need it, and building it for every
        node of a 100,000-node map costs a tenth of a second.
        """
        out: dict[str, list[int]] = {key: [] for key in self.nodes}
        for e in self.edges:
            out[e.source].append(e.number)
        return out

    @cached_property
    def in_edges(self) -> dict[str, list[int]]:
        """Node key -> numbers of the relations that end at it (undercuts excluded)."""
        into: dict[str, list[int]] = {key: [] for key in self.nodes}
        for e in self.edges:
            if e.kind is not RelationKind.UNDERCUTS:
                into[e.target].append(e.number)
        return into

    def out(self, key: str, kind: RelationKind | None = None) -> Iterator[GEdge]:
        """Relations starting at node ``key`` (optionally of one kind), in file order."""
        edges = self.edges
        for i in self.out_edges[key]:
            e = edges[i]
            if kind is None or e.kind is kind:
                yield e

    def into(self, key: str, kind: RelationKind | None = None) -> Iterator[GEdge]:
        """Relations ending at node ``key`` (optionally of one kind); undercuts excluded."""
        edges = self.edges
        for i in self.in_edges[key]:
            e = edges[i]
            if kind is None or e.kind is kind:
                yield e

    def supporters(self, key: str) -> list[str]:
        """Keys of the nodes that support ``key``."""
        return self.support_in.get(key, [])

    def label(self, key: str, relative_to: LoadedMap | None = None) -> str:
        """The id to show for ``key``: plain within its own map, ``map:id`` elsewhere."""
        n = self.nodes[key]
        return n.id if relative_to is n.map else key


def build(maps: MapSet | LoadedMap) -> ArgumentGraph:
    """The :class:`ArgumentGraph` of loaded maps.

    A :class:`MapSet` builds its graph once (:attr:`MapSet.graph`, built while
    loading, when it also proves the references sound); this returns it.
    """
    mapset = maps if isinstance(maps, MapSet) else MapSet((maps,))
    return mapset.graph


def resolve(mapset: MapSet) -> tuple[ArgumentGraph, bool]:
    """Build the graph of ``mapset``; the flag says whether it is sound.

    Sound means what the loader's reference check (``load._check_references``)
    would accept: ids unique within each map, every relation target, undercut
    target and ``source`` found. Building the graph has to look every reference up
    anyway, so on a sound map set (the common case) the loader skips its own
    check, which explains problems but costs as much again (0.2 s for 150,000
    relations). When the flag is False the graph may lack relations.
    """
    g = ArgumentGraph()
    nodes = g.nodes
    sound = True
    source_ids: dict[str, set[str]] = {}
    for m in mapset:
        prefix = m.name + ":"
        mnodes = m.map.nodes
        before = len(nodes)
        for i, node in enumerate(mnodes):
            key = prefix + node.id
            nodes[key] = _new(GNode, (key, m, i, node))
        ids = source_ids[m.name] = {s.id for s in m.map.sources}
        if len(nodes) - before != len(mnodes) or len(ids) != len(m.map.sources):
            sound = False  # a repeated id
    support_in: defaultdict[str, list[str]] = defaultdict(list)
    support_out: defaultdict[str, list[str]] = defaultdict(list)
    attack_in: defaultdict[str, list[str]] = defaultdict(list)
    edges = g.edges
    append = edges.append
    rel_index: dict[str, int] = {}
    undercuts: list[tuple[int, str]] = []
    supports, attacks, undercut = (RelationKind.SUPPORTS, RelationKind.ATTACKS,
                                   RelationKind.UNDERCUTS)
    n = 0  # the number of the next relation
    for m in mapset:
        prefix = m.name + ":"
        own_sources = source_ids[m.name]
        for i, node in enumerate(m.map.nodes):
            ref = node.source
            if ref is not None and ref not in own_sources and not _foreign_source(
                    ref, source_ids):
                sound = False
            if not (node.supports or node.attacks or node.undercuts):
                continue
            src = prefix + node.id
            # Supports and attacks in two loops of their own: this runs for every
            # relation of every map, so it keeps to local names and no extra calls.
            if node.supports:
                outs = support_out[src]
                for j, rel in enumerate(node.supports):
                    to = rel.to
                    target = to if ":" in to else prefix + to
                    if target not in nodes:
                        sound = False
                        continue
                    append(_new(GEdge, (n, supports, src, target, rel, m,
                                        ("nodes", i, "supports", j), None)))
                    support_in[target].append(src)
                    outs.append(target)
                    if rel.id is not None:
                        rkey = prefix + rel.id
                        sound = sound and rkey not in rel_index
                        rel_index[rkey] = n
                    n += 1
            if node.attacks:
                for j, rel in enumerate(node.attacks):
                    to = rel.to
                    target = to if ":" in to else prefix + to
                    if target not in nodes:
                        sound = False
                        continue
                    append(_new(GEdge, (n, attacks, src, target, rel, m,
                                        ("nodes", i, "attacks", j), None)))
                    attack_in[target].append(src)
                    if rel.id is not None:
                        rkey = prefix + rel.id
                        sound = sound and rkey not in rel_index
                        rel_index[rkey] = n
                    n += 1
            for j, rel in enumerate(node.undercuts):
                to = rel.to
                undercuts.append((n, to if ":" in to else prefix + to))
                append(_new(GEdge, (n, undercut, src, "", rel, m,
                                    ("nodes", i, "undercuts", j), None)))
                if rel.id is not None:
                    rkey = prefix + rel.id
                    sound = sound and rkey not in rel_index
                    rel_index[rkey] = n
                n += 1
    for m in mapset:
        # Tensions and the sources relations cite: few, and rare, so one pass of their own.
        prefix = m.name + ":"
        own_sources = source_ids[m.name]
        for i, t in enumerate(m.map.tensions):
            a, b = (ref if ":" in ref else prefix + ref for ref in t.between)
            if a not in nodes or b not in nodes:
                sound = False
                continue
            if t.source is not None and t.source not in own_sources and not _foreign_source(
                    t.source, source_ids):
                sound = False
            g.tensions.append(GTension(m, i, t, (a, b)))
    for e in edges:
        ref = e.relation.source
        if ref is not None and ref not in source_ids[e.map.name] and not _foreign_source(
                ref, source_ids):
            sound = False
    for number, ref in undercuts:
        target_edge = rel_index.get(ref)
        if target_edge is None:
            sound = False
            continue
        edges[number] = edges[number]._replace(target=edges[target_edge].target,
                                               target_edge=target_edge)
        g.undercut_by.setdefault(target_edge, []).append(number)
    g.support_in, g.support_out, g.attack_in = (dict(support_in), dict(support_out),
                                                dict(attack_in))
    return g, sound


_new = tuple.__new__


def _foreign_source(ref: str, source_ids: dict[str, set[str]]) -> bool:
    """Whether ``ref`` is ``map:id`` naming a source of another map of the set."""
    name, _, sid = ref.partition(":")
    return sid in source_ids.get(name, ()) if sid else False


def build_graph(maps: MapSet | LoadedMap | ArgumentGraph) -> nx.MultiDiGraph:
    """The argument graph as a ``networkx.MultiDiGraph``.

    Nodes are ``map:id`` keys with attributes ``id``, ``map``, ``kind``, ``text``
    (and ``quote``, ``source``, ``tags``, ``confidence`` when set). Edges carry
    ``kind`` (``supports``/``attacks``/``undercuts``), ``by`` (``source``/``analyst``),
    ``key`` (the relation's index) and, when set, ``id``, ``strength``, ``note``,
    ``quote``, ``source``, ``scheme`` and ``question``. An undercut is an
    edge from the undercutting node to the target of the relation it undercuts,
    with ``relation`` naming that relation's edge key.
    """
    import networkx as nx  # noqa: PLC0415 - slow import, only when asked for

    g = maps if isinstance(maps, ArgumentGraph) else build(maps)
    out = nx.MultiDiGraph()
    for key, n in g.nodes.items():
        attrs: dict[str, Any] = {"id": n.id, "map": n.map.name, "kind": n.kind.value,
                                 "text": n.node.text}
        for name in ("quote", "source", "locator", "section", "confidence"):
            value = getattr(n.node, name)
            if value is not None:
                attrs[name] = value
        if n.node.tags:
            attrs["tags"] = list(n.node.tags)
        out.add_node(key, **attrs)
    for e in g.edges:
        attrs = {"kind": e.kind.value, "by": e.relation.by.value}
        for name in ("id", "strength", "note", "quote", "source", "scheme", "question"):
            value = getattr(e.relation, name)
            if value is not None:
                attrs[name] = value
        if e.target_edge is not None:
            attrs["relation"] = e.target_edge
        out.add_edge(e.source, e.target, key=e.number, **attrs)
    return out
