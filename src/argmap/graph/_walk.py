"""The one walk over a map set's references: loaded maps -> :class:`ArgumentGraph`.

:func:`resolve` builds the graph and writes down what does not resolve; :func:`sound`
turns that into a :class:`~argmap.errors.LoadError`; :func:`build` gives the graph a
map set keeps (built once, while loading).
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Sequence
from itertools import count, repeat

from argmap.errors import LoadError, shown
from argmap.graph._types import ArgumentGraph, GEdge, GNode, GTension, Loaded
from argmap.loading.loaded import LoadedMap
from argmap.loading.references import Unresolved
from argmap.records import RelationKind
from argmap.schemes import SCHEMES

__all__ = ["build", "resolve", "sound"]


def build(maps: Loaded | LoadedMap) -> ArgumentGraph:
    """The :class:`ArgumentGraph` of loaded maps.

    A :class:`~argmap.MapSet` builds its graph once (``MapSet.graph``, built while
    loading, when it also proves the references sound); this returns it. The graph
    of a single map is kept on it in the same way (see :func:`sound`).
    """
    if isinstance(maps, LoadedMap):
        if maps.alone is None:
            object.__setattr__(maps, "alone", sound((maps,)))
        graph: ArgumentGraph = maps.alone
        return graph
    return maps.graph


def sound(maps: Sequence[LoadedMap]) -> ArgumentGraph:
    """The graph of ``maps``, every reference in it resolved.

    Raises :class:`~argmap.errors.LoadError` with every located problem when a
    reference points nowhere (or at the wrong kind of thing), an id is repeated, or
    a critical question is not one of its schemes'.
    """
    graph, unresolved = resolve(maps)
    if not unresolved:
        # A critical question refers to the scheme of the relation it targets: known
        # once the graph is.
        _questions(graph, unresolved)
    if unresolved:
        problems = unresolved.problems(maps)
        if not problems:  # pragma: no cover - the walk records only what did not resolve
            raise RuntimeError("the reference walk and its explanation disagree")
        raise LoadError(problems)
    return graph


def resolve(maps: Sequence[LoadedMap]) -> tuple[ArgumentGraph, Unresolved]:
    """Build the graph of ``maps``, writing down every reference that does not resolve.

    This is the one walk over a map set's references: ids must be unique within
    each map (nodes, sources, relations, tensions), and every relation target,
    undercut target, tension end and ``source`` must be found. What is not is
    recorded in the :class:`~argmap.loading.references.Unresolved` record, which
    stays empty, costing nothing, when everything resolves, and which explains
    itself as located problems. When it is not empty the graph may lack relations.
    """
    g = ArgumentGraph()
    nodes = g.nodes
    unresolved = Unresolved()
    duplicates, node_sources, relation_sources, targets = (
        unresolved.duplicates, unresolved.node_sources, unresolved.relation_sources,
        unresolved.targets)
    source_ids: dict[str, set[str]] = {}
    prefixes = [m.name + ":" for m in maps]
    last = {m.name: at for at, m in enumerate(maps)}
    if len(last) != len(maps):
        # Two maps of one name (`map:id` is then ambiguous; the record says so): the
        # last one answers `name:id`, as in the explanation; the others' keys are
        # their own, so that each map's local references resolve within it.
        unresolved.names.update(m.name for at, m in enumerate(maps) if last[m.name] != at)
        prefixes = [p if last[m.name] == at else f"{at}\0{p}"
                    for at, (m, p) in enumerate(zip(maps, prefixes, strict=True))]
    keys: list[list[str]] = []  # of each map, its nodes' keys (made once, shared)
    for at, m in enumerate(maps):
        prefix = prefixes[at]
        mnodes = m.map.nodes
        before = len(nodes)
        mkeys = [prefix + node.id for node in mnodes]
        keys.append(mkeys)
        # The GNode of each, made in C: GNode(key, m, i, node).
        nodes.update(zip(mkeys, map(_new, repeat(GNode),
                                    zip(mkeys, repeat(m), count(), mnodes)), strict=True))
        ids = source_ids[prefix[:-1]] = {s.id for s in m.map.sources}
        if len(nodes) - before != len(mnodes):
            duplicates.add((at, "node"))
        if len(ids) != len(m.map.sources):
            duplicates.add((at, "source"))
    support_in: defaultdict[str, list[str]] = defaultdict(list)
    support_out: defaultdict[str, list[str]] = defaultdict(list)
    attack_in: defaultdict[str, list[str]] = defaultdict(list)
    edges = g.edges
    append = edges.append
    rel_index: dict[str, int] = {}
    undercuts: list[tuple[int, str, int, int, int]] = []
    supports, attacks, undercut = (RelationKind.SUPPORTS, RelationKind.ATTACKS,
                                   RelationKind.UNDERCUTS)
    n = 0  # the number of the next relation
    for at, m in enumerate(maps):
        prefix = prefixes[at]
        own_sources = source_ids[prefix[:-1]]
        named = len(rel_index)
        relations = 0  # relations of this map with an id
        mkeys = keys[at]
        for i, node in enumerate(m.map.nodes):
            ref = node.source
            if ref is not None and ref not in own_sources and not _foreign_source(
                    ref, source_ids):
                node_sources.append((at, i))
            if not (node.supports or node.attacks or node.undercuts):
                continue
            src = mkeys[i]
            # Supports and attacks in two loops of their own: this runs for every
            # relation of every map, so it keeps to local names and no extra calls.
            if node.supports:
                outs = support_out[src]
                for j, rel in enumerate(node.supports):
                    if rel.id is not None:
                        rel_index.setdefault(prefix + rel.id, n)
                        relations += 1
                    if rel.source is not None:
                        _cited(rel.source, own_sources, source_ids, relation_sources,
                               (at, i, supports, j))
                    to = rel.to
                    found = nodes.get(to if ":" in to else prefix + to)
                    if found is None:
                        targets.append((at, i, supports, j))
                        continue
                    target = found[0]  # the node's own key: one string, hashed once
                    append(_new(GEdge, (n, supports, src, target, rel, m, i, j, None)))
                    support_in[target].append(src)
                    outs.append(target)
                    n += 1
            if node.attacks:
                for j, rel in enumerate(node.attacks):
                    if rel.id is not None:
                        rel_index.setdefault(prefix + rel.id, n)
                        relations += 1
                    if rel.source is not None:
                        _cited(rel.source, own_sources, source_ids, relation_sources,
                               (at, i, attacks, j))
                    to = rel.to
                    found = nodes.get(to if ":" in to else prefix + to)
                    if found is None:
                        targets.append((at, i, attacks, j))
                        continue
                    target = found[0]  # the node's own key: one string, hashed once
                    append(_new(GEdge, (n, attacks, src, target, rel, m, i, j, None)))
                    attack_in[target].append(src)
                    n += 1
            for j, rel in enumerate(node.undercuts):
                if rel.id is not None:
                    rel_index.setdefault(prefix + rel.id, n)
                    relations += 1
                if rel.source is not None:
                    _cited(rel.source, own_sources, source_ids, relation_sources,
                           (at, i, undercut, j))
                to = rel.to
                undercuts.append((n, to if ":" in to else prefix + to, at, i, j))
                append(_new(GEdge, (n, undercut, src, "", rel, m, i, j, None)))
                n += 1
        if len(rel_index) - named != relations:
            duplicates.add((at, "relation"))
    for at, m in enumerate(maps):
        # Tensions: few, and rare, so one pass of their own.
        prefix = prefixes[at]
        own_sources = source_ids[prefix[:-1]]
        tensions = m.map.tensions
        if tensions and len({t.id for t in tensions}) != len(tensions):
            duplicates.add((at, "tension"))
        for i, t in enumerate(tensions):
            a, b = (ref if ":" in ref else prefix + ref for ref in t.between)
            if a not in nodes or b not in nodes or (
                    t.source is not None and t.source not in own_sources
                    and not _foreign_source(t.source, source_ids)):
                unresolved.tensions.append((at, i))
                continue
            g.tensions.append(GTension(m, i, t, (a, b)))
    for number, ref, at, i, j in undercuts:
        target_edge = rel_index.get(ref)
        # (Past the last edge: the id of a relation whose own target was not found.)
        if target_edge is None or target_edge >= len(edges):
            targets.append((at, i, undercut, j))
            continue
        edges[number] = edges[number]._replace(target=edges[target_edge].target,
                                               target_edge=target_edge)
        g.undercut_by.setdefault(target_edge, []).append(number)
    # Plain dicts from here on (a missing key is not added by a lookup), without a copy:
    # copying the three took 12 MB more at 150,000 relations.
    for table in (support_in, support_out, attack_in):
        table.default_factory = None
    g.support_in, g.support_out, g.attack_in = support_in, support_out, attack_in
    return g, unresolved


_new = tuple.__new__
_QUESTION = operator.attrgetter("relation.question")


def _cited(ref: str, own: set[str], source_ids: dict[str, set[str]],
           unresolved: list[tuple[int, int, RelationKind, int]],
           entry: tuple[int, int, RelationKind, int]) -> None:
    """Record ``entry``, a relation citing the source ``ref``, if no such source is found."""
    if ref not in own and not _foreign_source(ref, source_ids):
        unresolved.append(entry)


def _foreign_source(ref: str, source_ids: dict[str, set[str]]) -> bool:
    """Whether ``ref`` is ``map:id`` naming a source of another map of the set."""
    name, _, sid = ref.partition(":")
    return sid in source_ids.get(name, ()) if sid else False


def _questions(graph: ArgumentGraph, unresolved: Unresolved) -> None:
    """Record each ``question:`` that the schemes it refers to do not have.

    An undercut's question belongs to the scheme of the relation it undercuts; an
    attack's, to the schemes of the relations its target is a premise of (starts).
    """
    edges = graph.edges
    # Most maps name no question: whether any does is asked in C (a loop over 150,000
    # relations in Python took 15 ms of every load).
    if not any(map(_QUESTION, edges)):
        return
    for e in edges:
        qid = e.relation.question
        if qid is None:
            continue
        if e.kind is RelationKind.UNDERCUTS and e.target_edge is not None:
            found = [edges[e.target_edge]]
            what = "the relation it undercuts"
        else:
            found = list(graph.out(e.target))
            what = f"the relations from {shown(graph.label(e.target, e.map))}"
        named = tuple(t.relation.scheme for t in found if t.relation.scheme is not None)
        if any(SCHEMES[s].question(qid) is not None for s in named):
            continue
        unresolved.questions.append((e.map, e.keypath, qid, named, what))
