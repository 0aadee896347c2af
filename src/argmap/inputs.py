"""What ``argmap check`` may be given besides map files and folders: a map on standard
input (``-``), and the files a commit changed (pre-commit's list, ``--changed-files``).

* :func:`read_stdin` reads one map from a stream, at most as large as a map file may be,
  and names it :data:`STDIN` in locations. Its source texts are read relative to the
  working directory, and only inside it (as for a map file there).
* :func:`changed_maps` turns a list of changed files into the maps to check: the maps
  among them (YAML files with a top-level ``argmap:`` key; other YAML files, such as
  ``mkdocs.yml`` or a CI workflow, are skipped), and the maps that name a changed file as a
  source's ``text:`` (a changed source text re-checks its quotes). Such maps are looked
  for in every folder of the working directory (the checked tree: a map in ``b/`` may
  name ``../a/t.txt``), but hidden ones and :data:`SKIPPED`, and at most
  :data:`MAX_FOLDERS` of them; for a text outside it, in the text's folder too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO, NamedTuple

from argmap import safeio
from argmap.errors import LoadError, Location, Problem, UsageError
from argmap.loading import source
from argmap.loading.loader import MAP_SUFFIXES, MapSet, loads

__all__ = ["MAX_FOLDERS", "SKIPPED", "STDIN", "STDIN_NAME", "changed_maps", "is_map",
           "read_stdin"]

#: The path of a map read from standard input, in locations and reports.
STDIN = "<stdin>"
#: Its name in references (``stdin:node-id``) and map-wide settings.
STDIN_NAME = "stdin"
#: Folders searched for maps that name a changed source text: a repository of that many
#: is searched in about a second; beyond it the walk would cost every commit more.
MAX_FOLDERS = 20_000
#: Folders never searched for maps (besides hidden ones: ``.git``, ``.venv``, ...):
#: installed packages and caches, large and holding no map of the project.
SKIPPED = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})


def read_stdin(stream: BinaryIO, *, limit: int = safeio.MAX_BYTES) -> MapSet:
    """The map on ``stream`` (read until end of file), loaded.

    Raises :class:`StdinError` (a :class:`LoadError` located at :data:`STDIN`) when the
    stream holds more than ``limit`` bytes, is not UTF-8 or UTF-16 text, or is not a
    valid map.
    """
    chunks: list[bytes] = []
    size = 0
    # At most limit + 1 bytes are read: an endless stream (`yes |`) is refused, not held.
    while size <= limit:
        chunk = stream.read(min(limit + 1 - size, 4 * safeio.MIB))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise StdinError("", [Problem(Location(STDIN), "file-too-large",
                                      f"standard input is over {safeio.mib(limit)}; argmap "
                                      f"reads maps of at most {safeio.mib(limit)}",
                                      hint="split the map into several files of one folder")])
    raw = b"".join(chunks)
    try:
        text = source.decode(raw, STDIN)
    except LoadError as exc:
        raise StdinError("", exc.problems) from None
    try:
        loaded = loads(text, STDIN, name=STDIN_NAME)
    except LoadError as exc:
        raise StdinError(text, exc.problems) from None
    return MapSet((loaded,))


class StdinError(LoadError):
    """A map on standard input that cannot be loaded, with the text read (to show the
    lines of its problems: there is no file to read them from again)."""

    def __init__(self, text: str, problems: Iterable[Problem]) -> None:
        self.text = text
        super().__init__(problems)


# A top-level `argmap:` key: at the start of a line (a key of the top-level mapping is not
# indented; a block scalar's lines are), quoted or not, or first in a one-line flow mapping.
_TOP_KEY = re.compile(r"^(?:\{\s*)?([\"']?)argmap\1[ \t]*:", re.MULTILINE)


def is_map(path: str | Path) -> bool:
    """Whether the YAML file ``path`` is an argmap map: it has a top-level ``argmap:`` key.

    Only regular files are read (at most the size of a map). A file that leads outside
    the tree (a link) counts as a map: loading it reports the refusal, as for any map.
    """
    if not safeio.within(path, safeio.tree_roots(path)):
        return True
    try:
        raw = safeio.read_head(path, safeio.MAX_BYTES)
    except (OSError, safeio.FileRefused):
        return False
    return _TOP_KEY.search(_lenient(raw)) is not None


def _lenient(raw: bytes) -> str:
    """Text of bytes to look for a key in: what cannot be decoded is replaced."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    return raw.decode("utf-8", errors="replace").removeprefix("\ufeff")


def changed_maps(paths: Sequence[str | Path]) -> list[Path]:
    """The maps to check when the files ``paths`` changed, sorted by path.

    A YAML file is taken if it is a map (:func:`is_map`). Any other file is taken
    for a source text: the maps of the working directory's tree (and of the text's
    folder) whose sources name it as ``text:`` are taken. A folder gives the maps in
    it. Paths that do not exist (deleted files) are passed over.

    Raises :class:`UsageError` when the tree has over :data:`MAX_FOLDERS` folders to
    search.
    """
    finder = _Finder()
    out: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = finder.maps_in(path)
        elif not path.is_file():
            continue
        elif path.suffix in MAP_SUFFIXES:
            found = [path] if is_map(path) else []
        else:
            found = finder.naming(path)
        for m in found:
            out.setdefault(os.path.normpath(m), m)
    return [out[key] for key in sorted(out)]


class _Index(NamedTuple):
    """What the maps of one folder name as source texts."""

    texts: dict[str, list[Path]]
    """The real path of each source text named -> the maps naming it."""
    broken: list[tuple[Path, str]]
    """Maps that cannot be parsed, with their text."""


class _Finder:
    """Maps of folders, each folder read (and indexed) once however many changed files lie
    below it: a commit of many texts and many maps costs their number, not its square."""

    def __init__(self) -> None:
        self.cwd = Path(os.path.realpath(os.getcwd()))
        self.folders: dict[str, list[tuple[Path, str]]] = {}
        self.indexes: dict[str, _Index] = {}
        self.tree: list[Path] | None = None

    def _read(self, folder: Path) -> list[tuple[Path, str]]:
        """The maps of ``folder`` with their text (files argmap would not read are left out:
        loading them is what reports them)."""
        key = os.path.realpath(folder)
        if key not in self.folders:
            found = []
            try:
                files = sorted(f for f in folder.iterdir() if f.suffix in MAP_SUFFIXES)
            except OSError:
                files = []
            for f in files:
                try:
                    raw = safeio.read_bytes(f, roots=safeio.tree_roots(f), noun="maps")
                except (OSError, safeio.FileRefused):
                    continue
                text = _lenient(raw)
                if _TOP_KEY.search(text):
                    found.append((f, text))
            self.folders[key] = found
        return self.folders[key]

    def maps_in(self, folder: Path) -> list[Path]:
        """The maps of ``folder``."""
        return [f for f, _ in self._read(folder)]

    def _index(self, folder: Path) -> _Index:
        key = os.path.realpath(folder)
        if key not in self.indexes:
            index = _Index({}, [])
            for f, text in self._read(folder):
                try:
                    data = source.parse(text, str(f)).data
                except LoadError:
                    index.broken.append((f, text))
                    continue
                sources = data.get("sources") if isinstance(data, dict) else None
                for src in sources if isinstance(sources, list) else ():
                    named = src.get("text") if isinstance(src, dict) else None
                    if isinstance(named, str) and "\0" not in named:
                        index.texts.setdefault(os.path.realpath(f.parent / named), []).append(f)
            self.indexes[key] = index
        return self.indexes[key]

    def _walk(self, changed: Path) -> list[Path]:
        """The folders of the working directory's tree that hold YAML files (walked once;
        links to folders are not followed: a map there is reached through its own
        folder, or lies outside the tree)."""
        if self.tree is None:
            self.tree = []
            for seen, (folder, subfolders, files) in enumerate(os.walk("."), 1):
                if seen > MAX_FOLDERS:
                    raise UsageError(
                        f"over {MAX_FOLDERS:,} folders to search for the maps that name "
                        f"the changed file {changed}; name the maps' folders instead of "
                        "the source texts (or run argmap from the folder of the maps)")
                subfolders[:] = sorted(d for d in subfolders
                                       if not d.startswith(".") and d not in SKIPPED)
                if any(f.endswith(MAP_SUFFIXES) for f in files):
                    self.tree.append(Path(os.path.normpath(folder)))
        return self.tree

    def naming(self, text_file: Path) -> list[Path]:
        """The maps of the working directory's tree (and of the text's folder, if outside
        it) that name ``text_file`` as a source's ``text:``. A map that cannot be parsed
        is taken if it holds the file's name: checking it reports its errors."""
        target = os.path.realpath(text_file)
        folders = self._walk(text_file)
        if not Path(os.path.realpath(text_file.parent)).is_relative_to(self.cwd):
            folders = [text_file.parent, *folders]
        out: list[Path] = []
        for folder in folders:
            index = self._index(folder)
            out += index.texts.get(target, ())
            out += (f for f, text in index.broken if text_file.name in text)
        return out
