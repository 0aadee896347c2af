"""The values of the argument graph: nodes, relations, tensions and the adjacency of a map set.

What :mod:`argmap.graph` builds (see :func:`argmap.graph.resolve`) and the checks,
queries, semantics and renderers walk. Plain values with no dependencies beyond the
records and the loaded maps they point into.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Protocol

from argmap.loading.loaded import LoadedMap
from argmap.records import NodeKind, NodeRecord, RelationKind, RelationRecord, TensionRecord

__all__ = ["ArgumentGraph", "GEdge", "GNode", "GTension", "Loaded"]


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
    position: int
    """Position of the node it is written under in its map's ``nodes`` list."""
    nth: int
    """Position of the relation in that node's list of relations of its kind."""
    target_edge: int | None = None

    @property
    def keypath(self) -> tuple[str, int, str, int]:
        """Key path of the relation in its map file, ``("nodes", i, kind, j)``.

        Made when asked for (to locate a finding on the relation): a tuple of it for
        each of 150,000 relations took 13 MB.
        """
        return ("nodes", self.position, _KEY[self.kind], self.nth)


#: The key each kind of relation is written under (``RelationKind.value`` is a property
#: in Python code).
_KEY: dict[RelationKind, str] = {kind: kind.value for kind in RelationKind}


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


class Loaded(Protocol):
    """Maps whose graph is built on first use and kept: a :class:`~argmap.MapSet`."""

    @property
    def graph(self) -> ArgumentGraph:
        """The graph of the maps (raises :class:`~argmap.errors.LoadError` when unsound)."""
        ...  # pragma: no cover - a protocol
