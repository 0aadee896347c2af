"""What the source states and what the analyst infers: the graph without the analyst.

Every relation says who draws it (``by: source``, the default, or ``by:
analyst``). :func:`source_only` gives the argument the sources make on their
own: the graph with the analyst's relations left out, for ``--source-only`` in
``check``, ``query``, ``evaluate`` and ``explain``. A claim whose support is
all the analyst's is then unsupported, which is what it is in the source.
"""

from __future__ import annotations

import operator
from collections import defaultdict

from argmap.graph import ArgumentGraph, GEdge
from argmap.records import Provenance, RelationKind

__all__ = ["has_inferences", "source_only"]

_ANALYST = Provenance.ANALYST
_BY = operator.attrgetter("relation.by")


def has_inferences(graph: ArgumentGraph) -> bool:
    """Whether any relation of ``graph`` is the analyst's (``by: analyst``)."""
    # In C (a generator took 50 ms at 150,000 relations, asked twice a check run).
    return _ANALYST in map(_BY, graph.edges)


def source_only(graph: ArgumentGraph) -> ArgumentGraph:
    """``graph`` without the analyst's relations, nor the undercuts of those relations.

    Nodes and tensions stay (a node that only the analyst connects is still part of
    the map). Relations are numbered afresh, in the same order; each keeps its key
    path, so that findings on it are located where it is written.
    """
    if not has_inferences(graph):
        return graph
    edges = graph.edges
    keep = [e.relation.by is not _ANALYST for e in edges]
    # An undercut of a relation that is left out has nothing to undercut; an undercut
    # of that undercut neither, and so on: an undercut comes before or after what it
    # undercuts, so repeat until nothing changes.
    changed = True
    while changed:
        changed = False
        for e in edges:
            if keep[e.number] and e.target_edge is not None and not keep[e.target_edge]:
                keep[e.number] = False
                changed = True
    number: dict[int, int] = {}
    for e in edges:
        if keep[e.number]:
            number[e.number] = len(number)
    out = ArgumentGraph(nodes=graph.nodes, tensions=graph.tensions)
    support_in: defaultdict[str, list[str]] = defaultdict(list)
    support_out: defaultdict[str, list[str]] = defaultdict(list)
    attack_in: defaultdict[str, list[str]] = defaultdict(list)
    for e in edges:
        if not keep[e.number]:
            continue
        new: GEdge = e._replace(number=number[e.number], target_edge=None if e.target_edge
                                is None else number[e.target_edge])
        out.edges.append(new)
        if e.kind is RelationKind.SUPPORTS:
            support_in[e.target].append(e.source)
            support_out[e.source].append(e.target)
        elif e.kind is RelationKind.ATTACKS:
            attack_in[e.target].append(e.source)
        elif new.target_edge is not None:
            out.undercut_by.setdefault(new.target_edge, []).append(new.number)
    out.support_in, out.support_out, out.attack_in = (dict(support_in), dict(support_out),
                                                      dict(attack_in))
    return out
