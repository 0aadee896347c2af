"""Load maps: YAML source -> validated map (:mod:`argmap.records`), every error located.

``load(path)`` reads one file; ``load_set(paths)`` reads files and folders into
a :class:`MapSet` in which maps of one folder may refer to each other's nodes as
``other-map:node-id``. Every problem of every file is collected before a single
:class:`~argmap.errors.LoadError` is raised, so one run shows them all.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap import safeio
from argmap.errors import LoadError, Location, Problem, UsageError
from argmap.loading import _fastvalid, source
from argmap.records import MapRecord, NodeRecord, RelationKind, RelationRecord
from argmap.schemes import question_problems

if TYPE_CHECKING:
    from argmap.graph import ArgumentGraph
    from argmap.model import ArgumentMap

__all__ = ["MAP_SUFFIXES", "LoadedMap", "MapSet", "load", "load_set", "loads"]

#: File name endings of map files in a folder.
MAP_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedMap:
    """A validated map with the document it came from (for locations)."""

    name: str
    """The map's name in cross-map references: the file name without its ending."""
    path: str
    """The path as the user gave it (used in messages)."""
    document: source.Document
    map: MapRecord
    """The map's content (records; see :attr:`model` for the pydantic model)."""
    context: bool = False
    """True for a map loaded only because another map refers to it."""

    @cached_property
    def model(self) -> ArgumentMap:
        """The map as the pydantic :class:`~argmap.model.ArgumentMap` (built on first use)."""
        from argmap.loading._modelcheck import to_model  # noqa: PLC0415 - pydantic only when asked

        return to_model(self.map)

    def where(self, keypath: source.KeyPath, *, key: bool = False) -> Location:
        """Location of a key path of this map (see :meth:`source.Document.where`)."""
        return self.document.where(keypath, key=key)

    def node_location(self, index: int) -> Location:
        """Location of the ``index``-th node (its ``id`` value)."""
        # Asked for by every finding on a node (a large map has 40,000): the scanner
        # stores the span of a node's id, so look it up before the general search.
        span = self.document.spans.get(("nodes", index, "id"))
        if span is None:
            return self.document.where(("nodes", index, "id"))
        return Location(self.document.path, span[2], span[3])

    @property
    def directory(self) -> Path:
        """The folder of the map file (quote sources are relative to it)."""
        return Path(self.path).parent


@dataclass(frozen=True)
class MapSet:
    """Maps loaded together; references between them are resolved."""

    maps: tuple[LoadedMap, ...]
    by_name: dict[str, LoadedMap] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {m.name: m for m in self.maps})

    def __iter__(self) -> Iterator[LoadedMap]:
        return iter(self.maps)

    @cached_property
    def graph(self) -> ArgumentGraph:
        """The argument graph of these maps (built on first use, then shared).

        Raises :class:`LoadError` with every located problem when a reference
        points nowhere or an id is repeated.
        """
        from argmap.graph import resolve  # noqa: PLC0415 - argmap.graph imports this module

        graph, sound = resolve(self)
        if not sound:
            problems = [p for m in self for p in source.capped(_check_references(self, m))]
            if not problems:  # pragma: no cover - resolve and the check agree (tested)
                raise RuntimeError("the graph and the reference check disagree")
            raise LoadError(problems)
        # A critical question refers to the scheme of the relation it targets: known
        # once the graph is.
        problems = question_problems(graph)
        if problems:
            raise LoadError(source.capped(problems))
        return graph

    def __len__(self) -> int:
        return len(self.maps)


def loads(text: str, path: str = "<string>", *, name: str | None = None) -> LoadedMap:
    """Load a map from YAML text; it must not refer to other maps."""
    loaded = _validate(source.parse(text, path), name or Path(path).stem)
    mapset = MapSet((loaded,))
    problems = source.capped(_check_references(mapset, loaded))
    if problems:
        raise LoadError(problems)
    if "question:" in text:
        _ = mapset.graph  # (critical questions are checked on the graph; see MapSet.graph)
    return loaded


def load(path: str | Path) -> LoadedMap:
    """Load one map file; references to sibling maps are checked against them."""
    mapset = load_set([path])
    return next(m for m in mapset if not m.context)


def load_set(paths: Sequence[str | Path]) -> MapSet:
    """Load files and folders (their ``*.yaml``/``*.yml`` files) into one :class:`MapSet`.

    Maps named in ``map:id`` references that are not among ``paths`` are looked
    up beside the referring file and loaded as context.
    """
    files = _expand(paths)
    problems: list[Problem] = []
    loaded: dict[Path, LoadedMap] = {}
    # (folder, name) of the files that did not load: their problems are reported once,
    # and references into them are not called dangling (their own errors explain).
    failed: set[tuple[Path, str]] = set()
    for file, display in files:
        try:
            loaded[file] = _load_file(file, display)
        except LoadError as exc:
            problems.extend(exc.problems)
            failed.add((file.parent.resolve(), file.stem))
    _load_context(loaded, problems, failed)
    names: dict[str, LoadedMap] = {}
    for m in loaded.values():
        other = names.get(m.name)
        if other is not None:
            problems.append(Problem(Location(m.path), "duplicate-map-name",
                                    f"two maps are named {m.name!r} ({other.path} and "
                                    f"{m.path}); references `{m.name}:id` would be ambiguous",
                                    hint="rename one of the files"))
        names.setdefault(m.name, m)
    mapset = MapSet(tuple(loaded.values()))
    if problems:
        # Some file failed: still report the reference problems of the others.
        unavailable = frozenset(name for _, name in failed)
        for m in mapset:
            problems.extend(source.capped(_check_references(mapset, m, unavailable)))
    else:
        # Building the graph proves the references sound (or explains why not);
        # the graph is kept for the checks and queries that follow.
        try:
            _ = mapset.graph
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LoadError(problems)
    return mapset


def _expand(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    if not paths:
        raise UsageError("no map files given")
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.iterdir()
                           if f.suffix in MAP_SUFFIXES and f.is_file())
            if not found:
                raise UsageError(f"{path}: no map files (*.yaml, *.yml) in this folder")
            entries = [(f, str(f)) for f in found]
        elif path.exists():
            entries = [(path, str(p))]
        else:
            raise UsageError(f"{p}: no such file or folder")
        for f, display in entries:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append((f, display))
    return out


def _load_file(file: Path, display: str, *, context: bool = False) -> LoadedMap:
    # A map file, or a link in a folder of maps, may not lead out of the tree the user
    # named (`evil.yaml -> /proc/self/environ` would print the environment in errors).
    text = source.read(file, display=display, roots=safeio.tree_roots(file))
    document = source.parse(text, display)
    return _validate(document, file.stem, context=context)


def _load_context(loaded: dict[Path, LoadedMap], problems: list[Problem],
                  failed: set[tuple[Path, str]]) -> None:
    """Load sibling maps that loaded maps refer to but that were not given."""
    queue = list(loaded.values())
    names = {(m.directory.resolve(), m.name) for m in queue} | failed
    while queue:
        m = queue.pop()
        for other in sorted(_referenced_maps(m) - {m.name}):
            folder = m.directory.resolve()
            if (folder, other) in names:
                continue
            names.add((folder, other))
            for suffix in MAP_SUFFIXES:
                candidate = m.directory / f"{other}{suffix}"
                if candidate.is_file():
                    try:
                        ctx = _load_file(candidate, str(candidate), context=True)
                    except LoadError as exc:
                        problems.extend(exc.problems)
                        failed.add((folder, other))
                    else:
                        loaded[candidate.resolve()] = ctx
                        queue.append(ctx)
                    break


def _referenced_maps(m: LoadedMap) -> set[str]:
    """Names of the other maps that ``m`` refers to (``map:id``)."""
    if m.document.verbatim and _QUALIFIED.search(m.document.text) is None:
        # (The pattern starts with a literal ':' so that re can skip ahead quickly;
        # it is a superset of `name:id`, whose colon is followed by a letter or digit.)
        # A verbatim document holds every value literally (no escapes), so
        # without a `name:id` anywhere in it there is no reference to another map:
        # one regex search instead of a walk over every relation.
        return set()
    amap = m.map
    refs = {ref for node in amap.nodes
            for rels in (node.supports, node.attacks, node.undercuts) if rels for rel in rels
            for ref in (rel.to, rel.source) if ref}
    refs.update(node.source for node in amap.nodes if node.source)
    refs.update(ref for t in amap.tensions for ref in (*t.between, t.source) if ref)
    return {ref.split(":", 1)[0] for ref in refs if ":" in ref}


_QUALIFIED = re.compile(r":[A-Za-z0-9]")


# --- validation against the model ------------------------------------------------------


def _validate(document: source.Document, name: str, *, context: bool = False) -> LoadedMap:
    data = document.data
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {source.type_name(data)}"
        raise LoadError([Problem(Location(document.path), "not-a-map",
                                 f"a map file is a YAML mapping; found {found}",
                                 hint="start the file with `argmap: 1` and `title: ...`")])
    records = _fastvalid.validate(data)
    if records is None:
        # Not certainly valid: the models decide, and explain every error (this is
        # the only place the loader imports pydantic; see argmap.records).
        from argmap.loading import _modelcheck  # noqa: PLC0415

        records = _modelcheck.validate(document)
    return LoadedMap(name, document.path, document, records, context)


# --- references -----------------------------------------------------------------------


def _check_references(mapset: MapSet, m: LoadedMap,
                      unavailable: frozenset[str] = frozenset()) -> Iterator[Problem]:
    """Duplicate ids and references that point nowhere (or at the wrong kind of thing).

    References into the maps named in ``unavailable`` (files that failed to load)
    are taken as sound: those files' own problems are reported instead.

    One pass over the relations, with the common case (a local id that exists)
    kept to a dict lookup: this runs on every load, and a 100,000-node map has
    150,000 references.
    """
    amap = m.map
    node_ids = {node.id: i for i, node in enumerate(amap.nodes)}
    if len(node_ids) != len(amap.nodes):
        yield from _duplicates(m, "node", [(("nodes", i), n.id) for i, n in enumerate(amap.nodes)])
        node_ids = {}
        for i, node in enumerate(amap.nodes):
            node_ids.setdefault(node.id, i)
    source_ids = {src.id: i for i, src in enumerate(amap.sources)}
    if len(source_ids) != len(amap.sources):
        yield from _duplicates(m, "source",
                               [(("sources", i), s.id) for i, s in enumerate(amap.sources)])
        source_ids = {}
        for i, src in enumerate(amap.sources):
            source_ids.setdefault(src.id, i)
    rel_ids: dict[str, tuple[Any, ...]] = {}
    named: list[tuple[tuple[Any, ...], str]] = []
    dangling: list[tuple[int, RelationKind, NodeRecord, RelationRecord]] = []
    undercutting: list[int] = []
    cited: list[tuple[tuple[Any, ...], str]] = []  # relations' sources not found locally
    supports, attacks = RelationKind.SUPPORTS, RelationKind.ATTACKS
    # One resolver for the map: it builds each table's "did you mean" suggestions once.
    resolver = _Resolver(mapset, m, node_ids, source_ids, rel_ids, unavailable)
    for i, node in enumerate(amap.nodes):
        if node.source is not None and node.source not in source_ids:
            yield from resolver.check(("nodes", i, "source"), node.source, "source")
        if node.supports:
            for j, rel in enumerate(node.supports):
                if rel.to not in node_ids:
                    dangling.append((i, supports, node, rel))
                if rel.id is not None:
                    named.append((("nodes", i, "supports", j), rel.id))
                if rel.source is not None and rel.source not in source_ids:
                    cited.append((("nodes", i, "supports", j, "source"), rel.source))
        if node.attacks:
            for j, rel in enumerate(node.attacks):
                if rel.to not in node_ids:
                    dangling.append((i, attacks, node, rel))
                if rel.id is not None:
                    named.append((("nodes", i, "attacks", j), rel.id))
                if rel.source is not None and rel.source not in source_ids:
                    cited.append((("nodes", i, "attacks", j, "source"), rel.source))
        if node.undercuts:
            undercutting.append(i)
            for j, rel in enumerate(node.undercuts):
                if rel.id is not None:
                    named.append((("nodes", i, "undercuts", j), rel.id))
                if rel.source is not None and rel.source not in source_ids:
                    cited.append((("nodes", i, "undercuts", j, "source"), rel.source))
    for path, ref in cited:
        yield from resolver.check(path, ref, "source")
    for path, rid in named:
        rel_ids.setdefault(rid, path)
    if len(rel_ids) != len(named):
        yield from _duplicates(m, "relation", named)
    for i in undercutting:
        node = amap.nodes[i]
        dangling.extend((i, RelationKind.UNDERCUTS, node, rel) for rel in node.undercuts
                        if rel.to not in rel_ids)
    if dangling:
        for i, kind, node, rel in dangling:
            yield from resolver.relation(i, kind, node, rel)
    if amap.tensions:
        yield from _check_tensions(m, resolver)


def _check_tensions(m: LoadedMap, resolver: _Resolver) -> Iterator[Problem]:
    """Repeated tension ids, and tensions between nodes (or citing sources) not found."""
    tensions = m.map.tensions
    if len({t.id for t in tensions}) != len(tensions):
        yield from _duplicates(m, "tension", [(("tensions", i), t.id)
                                              for i, t in enumerate(tensions)])
    for i, t in enumerate(tensions):
        for j, ref in enumerate(t.between):
            ok, known = resolver.lookup(ref, "nodes")
            if not ok:
                yield dangling(m.document, ("tensions", i, "between", j), ref, "node", known)
        if t.source is not None:
            yield from resolver.check(("tensions", i, "source"), t.source, "source")


def _duplicates(m: LoadedMap, what: str,
                entries: list[tuple[tuple[Any, ...], str]]) -> Iterator[Problem]:
    """A problem at each repeated id, naming the line of the first."""
    first: dict[str, tuple[Any, ...]] = {}
    for path, ident in entries:
        id_path = path if path[-1] == "id" else (*path, "id")
        if ident in first:
            yield Problem(m.where(id_path), "duplicate-id",
                          f"duplicate {what} id {ident!r} (first at line "
                          f"{m.where(first[ident]).line})",
                          hint=f"give each {what} its own id")
        else:
            first[ident] = id_path


@dataclass
class _Resolver:
    """The slow path of reference checking: a reference that is not a local id."""

    mapset: MapSet
    m: LoadedMap
    node_ids: dict[str, int]
    source_ids: dict[str, int]
    rel_ids: dict[str, tuple[Any, ...]]
    unavailable: frozenset[str] = frozenset()
    foreign: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    suggestions: dict[tuple[str, str], Suggestions] = field(default_factory=dict)

    def lookup(self, ref: str, attr: str) -> tuple[bool, Suggestions]:
        """Whether ``ref`` resolves; when it does not, the ids it could have meant."""
        tables: dict[str, dict[str, Any]] = {"nodes": self.node_ids,
                                             "sources": self.source_ids,
                                             "relations": self.rel_ids}
        local = tables[attr]
        if ":" not in ref:
            return ref in local, self._suggest("", attr, local)
        name, rid = ref.split(":", 1)
        other = self.mapset.by_name.get(name)
        if other is None:
            return name in self.unavailable, Suggestions(())
        if (name, attr) not in self.foreign:
            self.foreign[name, attr] = set(_ids(other, attr))
        ids = self.foreign[name, attr]
        if rid in ids:
            return True, Suggestions(())
        return False, self._suggest(name, attr, [f"{name}:{x}" for x in ids])

    def _suggest(self, name: str, attr: str, ids: Iterable[str]) -> Suggestions:
        """The suggestions of one table, built once (a table can hold 100,000 ids)."""
        if (name, attr) not in self.suggestions:
            self.suggestions[name, attr] = Suggestions(ids)
        return self.suggestions[name, attr]

    def check(self, path: tuple[Any, ...], ref: str, what: str) -> Iterator[Problem]:
        """A ``source:`` reference."""
        ok, known = self.lookup(ref, "sources")
        if not ok:
            yield dangling(self.m.document, path, ref, what, known)

    def relation(self, i: int, kind: RelationKind, node: NodeRecord,
                 rel: RelationRecord) -> Iterator[Problem]:
        """A relation whose target is not a local node (or, for undercuts, relation) id."""
        j = next(k for k, r in enumerate(getattr(node, kind.value)) if r is rel)
        path = ("nodes", i, kind.value, j)
        wanted = "relation" if kind is RelationKind.UNDERCUTS else "node"
        ok, known = self.lookup(rel.to, "relations" if wanted == "relation" else "nodes")
        if ok:
            return
        m = self.m
        if ":" in rel.to and rel.to.split(":", 1)[0] not in self.mapset.by_name:
            yield Problem(m.where(path), "dangling-reference",
                          f"{kind.value} {rel.to!r}: no map named "
                          f"{rel.to.split(':', 1)[0]!r} beside this file",
                          hint="a reference `map:id` names another map file of "
                          "the same folder, without its ending")
            return
        other_table = self.node_ids if wanted == "relation" else self.rel_ids
        if rel.to in other_table:
            hint = ("undercuts takes a relation id; to argue against a node use "
                    "`attacks`" if wanted == "relation" else
                    "this is a relation id; to argue against a relation use `undercuts`")
            yield Problem(m.where(path), "dangling-reference",
                          f"{kind.value} {rel.to!r}: not a {wanted}", hint=hint)
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
    hint = f"did you mean {close!r}?" if close else f"define a {what} with id {ref!r}"
    return Problem(document.where(path), "dangling-reference", f"no {what} with id {ref!r}",
                   hint=hint)
