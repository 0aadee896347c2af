"""References that did not resolve, turned into located problems with "did you mean" hints.

The graph's one reference walk (:func:`argmap.graph.resolve`) looks every reference up
as it builds the graph, and writes down in an :class:`Unresolved` record what it could
not resolve; when everything resolves (the common case) the record stays empty and
nothing here runs. :meth:`Unresolved.problems` explains the record: each entry becomes
a :class:`~argmap.errors.Problem` at the reference's place, with the closest id as a
hint. :func:`raw_references` explains the local references of a map the format
rejected, read from its data, since such a map has no records to walk.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeGuard

from argmap.errors import Location, Problem, shown
from argmap.loading import source
from argmap.loading.loaded import LoadedMap
from argmap.records import ID_PATTERN, RelationKind
from argmap.schemes import SCHEMES

__all__ = ["Suggestions", "Unresolved", "dangling", "raw_references"]

#: The tables a map declares ids in, as the messages name them.
TABLES = ("node", "source", "relation", "tension")


class Unresolved:
    """What the reference walk did not resolve, by map (its position in the walk's maps).

    Every list is in the order the walk met its entries, which is the order of the
    file; :meth:`problems` keeps it, so that a file with more problems than are
    shown shows the same ones on every run.
    """

    def __init__(self) -> None:
        self.duplicates: set[tuple[int, str]] = set()
        """(map, table) of each table of a map that repeats an id (see :data:`TABLES`)."""
        self.node_sources: list[tuple[int, int]] = []
        """(map, node) of each node whose ``source:`` was not found."""
        self.relation_sources: list[tuple[int, int, RelationKind, int]] = []
        """(map, node, kind, position) of each relation whose ``source:`` was not found."""
        self.targets: list[tuple[int, int, RelationKind, int]] = []
        """(map, node, kind, position) of each relation whose target was not found:
        supports and attacks as they were met, then undercuts."""
        self.tensions: list[tuple[int, int]] = []
        """(map, tension) of each tension with a node or source not found."""
        self.names: set[str] = set()
        """Names that two or more of the maps have."""
        self.questions: list[tuple[LoadedMap, tuple[Any, ...], str, tuple[str, ...], str]] = []
        """(map, key path of the relation, question, schemes offered, what they belong
        to) of each critical question that none of its schemes has."""

    def __bool__(self) -> bool:
        return bool(self.duplicates or self.node_sources or self.relation_sources
                    or self.targets or self.tensions or self.names or self.questions)

    def problems(self, maps: Sequence[LoadedMap],
                 unavailable: frozenset[str] = frozenset()) -> list[Problem]:
        """The located problems of this record (``maps`` are the walk's maps).

        References into the maps named in ``unavailable`` (files that failed to
        load) are taken as sound: those files' own problems are reported instead.
        At most :data:`~argmap.loading.source.MAX_PROBLEMS` of each map are given.
        """
        by_name = {m.name: m for m in maps}
        # Each list sorted into one per map, in one pass: a folder of many maps, each
        # with its own broken references, is not read once per map.
        of: dict[int, _OfMap] = defaultdict(_OfMap)
        for at, i in self.node_sources:
            of[at].node_sources.append(i)
        for at, *entry in self.relation_sources:
            of[at].relation_sources.append(tuple(entry))
        for at, *entry in self.targets:
            of[at].targets.append(tuple(entry))
        for at, i in self.tensions:
            of[at].tensions.append(i)
        out: list[Problem] = []
        for index, m in enumerate(maps):
            out.extend(source.capped(self._of_map(index, m, of.get(index, _NONE), by_name,
                                                  unavailable)))
        if self.names:
            first: dict[str, LoadedMap] = {}
            for m in maps:
                other = first.setdefault(m.name, m)
                if other is not m:
                    out.append(Problem(Location(m.path), "duplicate-map-name",
                                       f"two maps are named {shown(m.name)} ({other.path} and "
                                       f"{m.path}); references `{m.name}:id` would be "
                                       "ambiguous", hint="rename one of the files"))
        if not out and self.questions:
            out = source.capped(_question(*q) for q in self.questions)
        return out

    def _of_map(self, index: int, m: LoadedMap, entries: _OfMap,
                by_name: dict[str, LoadedMap], unavailable: frozenset[str]) -> Iterator[Problem]:
        amap = m.map
        resolver = _Resolver(m, by_name, unavailable)
        if (index, "node") in self.duplicates:
            yield from _duplicates(m, "node", [(("nodes", i), n.id)
                                               for i, n in enumerate(amap.nodes)])
        if (index, "source") in self.duplicates:
            yield from _duplicates(m, "source", [(("sources", i), s.id)
                                                 for i, s in enumerate(amap.sources)])
        for i in entries.node_sources:
            yield from resolver.check(("nodes", i, "source"), amap.nodes[i].source, "source")
        for i, kind, j in entries.relation_sources:
            rel = getattr(amap.nodes[i], kind.value)[j]
            yield from resolver.check(("nodes", i, kind.value, j, "source"), rel.source,
                                      "source")
        if (index, "relation") in self.duplicates:
            yield from _duplicates(m, "relation", [
                (("nodes", i, kind.value, j), rel.id) for i, node in enumerate(amap.nodes)
                for kind in RelationKind for j, rel in enumerate(getattr(node, kind.value))
                if rel.id is not None])
        for i, kind, j in entries.targets:
            yield from resolver.relation(i, kind, j)
        if (index, "tension") in self.duplicates:
            yield from _duplicates(m, "tension", [(("tensions", i), t.id)
                                                  for i, t in enumerate(amap.tensions)])
        for i in entries.tensions:
            t = amap.tensions[i]
            for j, ref in enumerate(t.between):
                ok, known = resolver.lookup(ref, "nodes")
                if not ok:
                    yield dangling(m.document, ("tensions", i, "between", j), ref, "node", known)
            if t.source is not None:
                yield from resolver.check(("tensions", i, "source"), t.source, "source")


# _OfMap and _Resolver are plain classes, not dataclasses: a dataclass costs every
# start 0.4 ms to make (its methods are compiled from source), and these two are made
# only to explain references that did not resolve.
class _OfMap:
    """The entries of an :class:`Unresolved` record of one map, without its position."""

    def __init__(self) -> None:
        self.node_sources: list[int] = []
        self.relation_sources: list[tuple[Any, ...]] = []
        self.targets: list[tuple[Any, ...]] = []
        self.tensions: list[int] = []


_NONE = _OfMap()


def _question(m: LoadedMap, keypath: tuple[Any, ...], qid: str, named: tuple[str, ...],
              what: str) -> Problem:
    """The problem of a critical question ``qid`` that the schemes ``named`` lack."""
    where = m.where((*keypath, "question"))
    if not named:
        return Problem(where, "unknown-question",
                       f"critical question {shown(qid)}: no scheme is named by {what}",
                       hint="name the scheme (`scheme:`) of the relation whose question "
                       "this raises, or remove `question:`")
    schemes = [SCHEMES[s] for s in named]
    offered = "; ".join(f"{s.id}: {', '.join(q.id for q in s.questions)}" for s in schemes)
    return Problem(where, "unknown-question",
                   f"no critical question {shown(qid)} in the "
                   f"scheme{'s' if len(named) > 1 else ''} of {what}",
                   hint=f"the questions are {offered} (docs/schemes.md)")


def _duplicates(m: LoadedMap, what: str,
                entries: list[tuple[tuple[Any, ...], str]]) -> Iterator[Problem]:
    """A problem at each repeated id, naming the line of the first."""
    first: dict[str, tuple[Any, ...]] = {}
    for path, ident in entries:
        id_path = path if path[-1] == "id" else (*path, "id")
        if ident in first:
            yield Problem(m.where(id_path), "duplicate-id",
                          f"duplicate {what} id {shown(ident)} (first at line "
                          f"{m.where(first[ident]).line})",
                          hint=f"give each {what} its own id")
        else:
            first[ident] = id_path


class _Resolver:
    """Looks a reference of map ``m`` up again, to say why it did not resolve."""

    def __init__(self, m: LoadedMap, by_name: dict[str, LoadedMap],
                 unavailable: frozenset[str] = frozenset()) -> None:
        self.m = m
        self.by_name = by_name
        self.unavailable = unavailable
        self.tables: dict[tuple[str, str], set[str]] = {}
        self.suggestions: dict[tuple[str, str], Suggestions] = {}

    def _ids(self, name: str, attr: str) -> set[str]:
        if (name, attr) not in self.tables:
            self.tables[name, attr] = set(_ids(self.by_name[name] if name else self.m, attr))
        return self.tables[name, attr]

    def lookup(self, ref: str, attr: str) -> tuple[bool, Suggestions]:
        """Whether ``ref`` resolves; when it does not, the ids it could have meant."""
        if ":" not in ref:
            return ref in self._ids("", attr), self._suggest("", attr, self._ids("", attr))
        name, rid = ref.split(":", 1)
        if name not in self.by_name:
            return name in self.unavailable, Suggestions(())
        ids = self._ids(name, attr)
        if rid in ids:
            return True, Suggestions(())
        return False, self._suggest(name, attr, [f"{name}:{x}" for x in ids])

    def _suggest(self, name: str, attr: str, ids: Iterable[str]) -> Suggestions:
        """The suggestions of one table, built once (a table can hold 100,000 ids)."""
        if (name, attr) not in self.suggestions:
            self.suggestions[name, attr] = Suggestions(ids)
        return self.suggestions[name, attr]

    def check(self, path: tuple[Any, ...], ref: str | None, what: str) -> Iterator[Problem]:
        """A ``source:`` reference."""
        if ref is None:  # pragma: no cover - only references that were given are recorded
            return
        ok, known = self.lookup(ref, "sources")
        if not ok:
            yield dangling(self.m.document, path, ref, what, known)

    def relation(self, i: int, kind: RelationKind, j: int) -> Iterator[Problem]:
        """The target of relation ``j`` of ``kind`` of node ``i``."""
        rel = getattr(self.m.map.nodes[i], kind.value)[j]
        path = ("nodes", i, kind.value, j)
        wanted = "relation" if kind is RelationKind.UNDERCUTS else "node"
        ok, known = self.lookup(rel.to, "relations" if wanted == "relation" else "nodes")
        if ok:
            return
        m = self.m
        if ":" in rel.to and rel.to.split(":", 1)[0] not in self.by_name:
            yield Problem(m.where(path), "dangling-reference",
                          f"{kind.value} {shown(rel.to)}: no map named "
                          f"{shown(rel.to.split(':', 1)[0])} beside this file",
                          hint="a reference `map:id` names another map file of "
                          "the same folder, without its ending")
            return
        if rel.to in self._ids("", "nodes" if wanted == "relation" else "relations"):
            hint = ("undercuts takes a relation id; to argue against a node use "
                    "`attacks`" if wanted == "relation" else
                    "this is a relation id; to argue against a relation use `undercuts`")
            yield Problem(m.where(path), "dangling-reference",
                          f"{kind.value} {shown(rel.to)}: not a {wanted}", hint=hint)
            return
        yield dangling(m.document, path, rel.to, wanted, known)


def _ids(m: LoadedMap, attr: str) -> list[str]:
    if attr == "nodes":
        return [n.id for n in m.map.nodes]
    if attr == "sources":
        return [s.id for s in m.map.sources]
    return [r.id for n in m.map.nodes for _, r in n.relations() if r.id is not None]


class Suggestions:
    """The ids of a table, for "did you mean" hints in time that does not grow with it.

    difflib compares a reference with every candidate: with 100,000 ids and a few
    hundred broken references that took half a minute. A large table offers only
    its ids nearest the reference in sorted order, forwards and backwards (a typo
    keeps either the start or the end of an id), a few hundred in all.
    """

    WINDOW = 150

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = sorted(set(ids))
        self.backwards = sorted(x[::-1] for x in self.ids) if len(self.ids) > 4 * \
            self.WINDOW else []

    def close(self, ref: str) -> str | None:
        """The closest id to ``ref``, if one is close enough."""
        candidates = self.ids
        if self.backwards:
            w = self.WINDOW
            i = bisect.bisect(self.ids, ref)
            j = bisect.bisect(self.backwards, ref[::-1])
            candidates = [*self.ids[max(0, i - w):i + w],
                          *(x[::-1] for x in self.backwards[max(0, j - w):j + w])]
        close = difflib.get_close_matches(ref, candidates, n=1)
        return close[0] if close else None


def dangling(document: source.Document, path: tuple[Any, ...], ref: str, what: str,
             known: Suggestions) -> Problem:
    """The problem of a reference ``ref`` (at ``path``) to a ``what`` that does not exist."""
    close = known.close(ref)
    hint = f"did you mean {shown(close)}?" if close else f"define a {what} with id {shown(ref)}"
    return Problem(document.where(path), "dangling-reference", f"no {what} with id {shown(ref)}",
                   hint=hint)


# --- a map the format rejected ---------------------------------------------------------


def _local_ref(value: Any) -> TypeGuard[str]:
    """A well-formed reference within the map (others are the format's errors to report)."""
    return isinstance(value, str) and _ID.match(value) is not None


_ID = re.compile(ID_PATTERN)
_RELATION_KEYS = tuple(k.value for k in RelationKind)


def raw_references(document: source.Document) -> Iterator[Problem]:
    """Local references that point nowhere, read from the data of an invalid map.

    Only what can be told without a valid map: references to another map
    (``map:id``) and values of the wrong type are left out (the format's errors
    cover the latter).
    """
    data = document.data
    nodes = data.get("nodes") if isinstance(data, dict) else None
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(nodes, list):
        return
    node_ids: dict[str, None] = {}
    rel_ids: dict[str, None] = {}
    for node in nodes:
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("id"), str):
            node_ids.setdefault(node["id"], None)
        for kind in _RELATION_KEYS:
            entries = node.get(kind)
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    rel_ids.setdefault(entry["id"], None)
    source_ids = {s["id"]: None for s in sources if isinstance(s, dict)
                  and isinstance(s.get("id"), str)} if isinstance(sources, list) else {}
    tables = {"source": source_ids, "node": node_ids, "relation": rel_ids}
    built: dict[str, Suggestions] = {}

    def known(what: str) -> Suggestions:
        # Built on first use: most invalid maps have no dangling reference at all.
        if what not in built:
            built[what] = Suggestions(tables[what])
        return built[what]

    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        ref = node.get("source")
        if _local_ref(ref) and ref not in source_ids:
            yield dangling(document, ("nodes", i, "source"), ref, "source", known("source"))
        for kind in _RELATION_KEYS:
            entries = node.get(kind)
            table, what = (rel_ids, "relation") if kind == "undercuts" else (node_ids, "node")
            for j, entry in enumerate(entries if isinstance(entries, list) else ()):
                ref = entry.get("to") if isinstance(entry, dict) else entry
                if _local_ref(ref) and ref not in table:
                    yield dangling(document, ("nodes", i, kind, j), ref, what, known(what))
                ref = entry.get("source") if isinstance(entry, dict) else None
                if _local_ref(ref) and ref not in source_ids:
                    yield dangling(document, ("nodes", i, kind, j, "source"), ref, "source",
                                   known("source"))
    tensions = data.get("tensions")
    for i, tension in enumerate(tensions if isinstance(tensions, list) else ()):
        between = tension.get("between") if isinstance(tension, dict) else None
        for j, ref in enumerate(between if isinstance(between, list) else ()):
            if _local_ref(ref) and ref not in node_ids:
                yield dangling(document, ("tensions", i, "between", j), ref, "node",
                               known("node"))
        ref = tension.get("source") if isinstance(tension, dict) else None
        if _local_ref(ref) and ref not in source_ids:
            yield dangling(document, ("tensions", i, "source"), ref, "source", known("source"))
