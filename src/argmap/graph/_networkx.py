"""The argument graph as a ``networkx.MultiDiGraph``, for analysis with networkx's algorithms.

networkx is imported only here, and only when asked for (about 0.2 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.graph._types import ArgumentGraph, Loaded
from argmap.graph._walk import build
from argmap.loading.loaded import LoadedMap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph"]


def build_graph(maps: Loaded | LoadedMap | ArgumentGraph) -> nx.MultiDiGraph:
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
