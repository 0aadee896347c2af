"""Load maps: YAML source -> validated map (:mod:`argmap.records`), every error located.

``load(path)`` reads one file; ``load_set(paths)`` reads files and folders into
a :class:`MapSet` in which maps of one folder may refer to each other's nodes as
``other-map:node-id``. Every problem of every file is collected before a single
:class:`~argmap.errors.LoadError` is raised, so one run shows them all.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from argmap import safeio
from argmap.errors import (
    LoadError,
    Location,
    MissingPath,
    Problem,
    UsageError,
    shell_word,
    shown,
)
from argmap.graph import ArgumentGraph, build, resolve, sound
from argmap.loading import _fastvalid, source
from argmap.loading.loaded import LoadedMap

__all__ = ["IMPORT_SUFFIXES", "LINE_BREAKS", "MAP_SUFFIXES", "LoadedMap", "MapSet",
           "has_line_break", "load", "load_set", "loads", "map_name"]

#: File name endings of map files in a folder.
MAP_SUFFIXES = (".yaml", ".yml")
#: What ends a line for some reader of argmap's output: a line feed, a carriage return
#: (a terminal goes back to the start of the line; a CI log may start a new one), and the
#: other breaks of Python's ``str.splitlines`` (vertical tab, form feed, the file, group
#: and record separators, NEL, the Unicode line and paragraph separators).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def has_line_break(text: str) -> bool:
    """Whether ``text`` holds one of :data:`LINE_BREAKS`."""
    return any(c in text for c in LINE_BREAKS)


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
        points nowhere or an id is repeated (see :func:`argmap.graph.sound`).
        """
        if len(self.maps) == 1:
            return build(self.maps[0])  # (kept on the map: `loads` built it already)
        return sound(self.maps)

    def __len__(self) -> int:
        return len(self.maps)


def loads(text: str, path: str = "<string>", *, name: str | None = None,
          references: bool = True) -> LoadedMap:
    """Load a map from YAML text; it must not refer to other maps.

    With ``references=False`` its references are not checked: the map is to be put in a
    :class:`MapSet` with the maps it refers to, whose graph checks them (the language
    server loads an unsaved map so, with its folder's maps from disk).
    """
    loaded = _validate(source.parse(text, path), name or Path(path).stem)
    if not references:
        return loaded
    build(loaded)  # proves the references sound, and keeps the graph for later use
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
            problems.extend(_to_import(display) or exc.problems)
            failed.add((file.parent.resolve(), file.stem))
    _load_context(loaded, problems, failed)
    # (Two maps of one name are reported by the reference walk: `name:id` is ambiguous.)
    mapset = MapSet(tuple(loaded.values()))
    if problems:
        # Some file failed: still report the reference problems of the others.
        unavailable = frozenset(name for _, name in failed)
        _, unresolved = resolve(mapset.maps)
        problems.extend(unresolved.problems(mapset.maps, unavailable))
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
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except (OSError, ValueError) as exc:
            # A name too long for the system (ENAMETOOLONG is no "missing" to pathlib).
            raise UsageError(f"{shown(str(p), quoted=False)}: cannot read it: "
                             f"{getattr(exc, 'strerror', None) or exc}") from None
        if is_dir:
            found = sorted(f for f in path.iterdir()
                           if f.suffix in MAP_SUFFIXES and f.is_file())
            if not found:
                raise UsageError(f"{path}: no map files (*.yaml, *.yml) in this folder"
                                 f"{_in_subfolders(path)}")
            entries = [(f, str(f)) for f in found]
        elif exists:
            entries = [(path, str(p))]
        else:
            raise MissingPath(str(p), _with_suffix(p))
        for f, display in entries:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append((f, display))
    return out


#: How many subfolders, and how many entries of each, :func:`_in_subfolders` looks at (a
#: folder of a stranger's tree can hold millions).
_SUBFOLDERS = 100
_ENTRIES = 1000


def _in_subfolders(folder: Path) -> str:
    """"; its subfolders are not read: name them (a, b)" when subfolders of a folder
    without maps hold some: a folder is read without its subfolders, which people expect
    otherwise. The first subfolders by name, so that the message is the same each run."""
    try:
        subs = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_dir())
        named = [shown(str(sub), quoted=False) for sub in subs[:_SUBFOLDERS]
                 if any(f.suffix in MAP_SUFFIXES
                        for f in itertools.islice(sub.iterdir(), _ENTRIES))]
    except (OSError, ValueError):
        return ""
    if not named:
        return ""
    more = ", ..." if len(named) > 3 else ""
    return f"; its subfolders are not read: name them ({', '.join(named[:3])}{more})"


#: The endings of the files `argmap import` reads (argmap.interop.formats.SUFFIXES, which
#: the loader is below; a test holds the two equal).
IMPORT_SUFFIXES = frozenset({".argdown", ".ad", ".adown", ".argdn", ".json", ".graphml"})


def _to_import(display: str) -> list[Problem]:
    """For a file of another format given as a map that did not load (an Argdown file,
    argmap's own JSON export), the one problem that says to import it, instead of the
    YAML errors of its text; nothing for any other file."""
    path = Path(display)
    if path.suffix.lower() not in IMPORT_SUFFIXES:
        return []
    return [Problem(Location(display), "not-a-map",
                    f"a {path.suffix} file is not a map: Argdown, AIF, argmap JSON and GraphML "
                    "files are read by `argmap import`",
                    hint=f"argmap import {shell_word(display)} -o "
                         f"{shell_word(str(path.with_suffix('.yaml')))}")]


def _with_suffix(p: str | Path) -> str:
    """"; did you mean NAME.yaml?" for a missing path whose map file is NAME.yaml (or
    .yml): `argmap init NAME` names the map without its ending, and so do people after it."""
    if Path(p).suffix in MAP_SUFFIXES:
        return ""
    for suffix in MAP_SUFFIXES:
        candidate = f"{p}{suffix}"
        try:
            if Path(candidate).is_file():
                return f"; did you mean {shown(candidate, quoted=False)}?"
        except (OSError, ValueError):
            return ""
    return ""


def map_name(file: str | Path, display: str) -> str:
    """The name of the map in ``file``: its file name without the ending (``map:id``).

    Refused (a :class:`LoadError` at ``display``) when it holds a line break (any of
    :data:`LINE_BREAKS`: a carriage return too, which GitHub's log reader and
    ``str.splitlines`` take for the end of a line). Every
    command prints map names (``name:id`` keys, ICCMA arguments, lists of maps), each
    character that could act on a terminal written as an escape
    (:func:`argmap.terminal.printable`), but a report keeps its own line breaks: the
    text after one in a name would begin a line of the name's choosing
    (``::error file=...``, an annotation in the log of a GitHub job). No ``name:id``
    reference can name such a map anyway.
    """
    name = Path(file).stem
    if has_line_break(name):
        raise LoadError([Problem(
            Location(display), "bad-file-name",
            f"the file name {shown(name)} holds a line break, and a map is named after "
            "its file", hint="rename the file: letters, digits, '-', '_' and '.' make a "
            "name that `name:id` references can use")])
    return name


def _load_file(file: Path, display: str, *, context: bool = False) -> LoadedMap:
    name = map_name(file, display)
    # A map file, or a link in a folder of maps, may not lead out of the tree the user
    # named (`evil.yaml -> /proc/self/environ` would print the environment in errors).
    text, utf8 = source.read_utf8(file, display=display, roots=safeio.tree_roots(file))
    document = source.parse(text, display, utf8=utf8)
    return _validate(document, name, context=context)


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
    if m.document.verbatim and not _may_qualify(m.document.content):
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
_QUALIFIED_BYTES = re.compile(rb":[A-Za-z0-9]")


def _may_qualify(content: str | bytes) -> bool:
    """Whether ``content`` may hold a ``name:id``, searched as the document keeps it
    (text, or UTF-8 bytes: decoding 26 MB to search it would cost more than the search)."""
    if isinstance(content, str):
        return _QUALIFIED.search(content) is not None
    return _QUALIFIED_BYTES.search(content) is not None


# --- validation against the model ------------------------------------------------------


def _validate(document: source.Document, name: str, *, context: bool = False) -> LoadedMap:
    data = document.data
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {source.type_name(data)}"
        # A YAML file of another tool (a list, say) in a folder given whole: say how to
        # leave it out, besides how a map starts.
        other = "" if data is None else (
            "; if it is not a map, leave it out: name the map files, or a folder of maps only")
        raise LoadError([Problem(Location(document.path), "not-a-map",
                                 f"a map file is a YAML mapping; found {found}",
                                 hint=f"start the file with `argmap: 1` and `title: ...`{other}")])
    records = _fastvalid.validate(data)
    if records is None:
        # Not certainly valid: the models decide, and explain every error (this is
        # the only place the loader imports pydantic; see argmap.records).
        from argmap.loading import _modelcheck  # noqa: PLC0415

        records = _modelcheck.validate(document)
    return LoadedMap(name, document.path, document, records, context)
