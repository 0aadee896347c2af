"""A map being edited, loaded and checked as ``argmap check`` would: the unsaved text of
the open document, with the maps of its folder that it refers to read from disk.

Nothing here knows the language server protocol: :class:`Workspace` turns a path and a
text into an :class:`Analysis` (located :class:`~argmap.errors.Problem` values counting
from 1, as the CLI prints them), and keeps the folder's maps from disk, each read again
only when its file changes.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from argmap import LoadError, Location, MapSet, Problem, Severity, loads, safeio
from argmap.errors import ArgmapError, shown

if TYPE_CHECKING:
    from argmap import CheckResult, LoadedMap
    from argmap.semantics import Evaluation

__all__ = ["MAP_SUFFIXES", "MAX_FOLDER_MAPS", "Analysis", "Workspace", "is_map_text",
           "referenced_maps"]

MAP_SUFFIXES = (".yaml", ".yml")
#: The most map files of one folder read for navigation (definitions, references,
#: rename, completion of other maps' ids): a folder of thousands of YAML files is not
#: read whole on every keystroke. The maps a map refers to are always read.
MAX_FOLDER_MAPS = 200


# A top-level `argmap:` key (as `argmap check --changed-files` tells maps from other YAML).
_TOP_KEY = re.compile(r"^(?:\ufeff)?(?:\{\s*)?([\"']?)argmap\1[ \t]*:", re.MULTILINE)


def is_map_text(text: str) -> bool:
    """Whether a YAML text is an argmap map: it has a top-level ``argmap:`` key. An editor
    opens every YAML file (CI workflows, configurations): the server leaves the others be."""
    return _TOP_KEY.search(text) is not None


@dataclass
class Analysis:
    """What the server knows about one version of an open document."""

    path: Path
    text: str
    problems: tuple[Problem, ...]
    """Load errors, or else check findings, located in this document."""
    current: LoadedMap | None = None
    """The map, when its text loaded."""
    maps: MapSet | None = None
    """The map with the maps it refers to, when their references are sound."""
    result: CheckResult | None = None
    _evaluation: Evaluation | None = field(default=None, repr=False)

    def evaluation(self) -> Evaluation | None:
        """Grounded labels and DF-QuAD strengths of the nodes (computed on first use)."""
        if self._evaluation is None and self.maps is not None:
            from argmap.semantics import Semantics, evaluate  # noqa: PLC0415 - for hovers only

            try:
                self._evaluation = evaluate(self.maps.graph, Semantics.GROUNDED, strength=True)
            except ArgmapError:
                return None
        return self._evaluation


def referenced_maps(m: LoadedMap) -> set[str]:
    """Names of the other maps that ``m`` refers to (``map:id``)."""
    amap = m.map
    refs: list[str | None] = [node.source for node in amap.nodes]
    refs += [ref for node in amap.nodes for _, rel in node.relations()
             for ref in (rel.to, rel.source)]
    refs += [ref for t in amap.tensions for ref in (*t.between, t.source)]
    return {ref.split(":", 1)[0] for ref in refs if ref and ":" in ref} - {m.name}


def _decode(raw: bytes) -> str:
    """A map file's text: UTF-8 (BOM allowed) or UTF-16 with a BOM, the loader's rule
    (whose decoder is private to the loader)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def saved_text(file: Path) -> str:
    """The saved text of a document the editor has not opened, read by the one safe
    reader; "" for a file it refuses (a link out of the tree, a FIFO, a device, one too
    large) or that is not text: what pygls would read with a plain open could be
    /proc/self/environ behind a link, or never end."""
    try:
        raw = safeio.read_bytes(file, limit=safeio.MAX_BYTES,
                                roots=safeio.tree_roots(file), noun="maps")
        return _decode(raw)
    except (ArgmapError, OSError, UnicodeDecodeError):
        return ""


@dataclass
class Workspace:
    """The maps on disk beside the open documents, cached by modification time and size."""

    _disk: dict[Path, tuple[tuple[int, int], LoadedMap | LoadError]] = field(
        default_factory=dict)

    def disk_map(self, file: Path) -> LoadedMap | LoadError:
        """The map saved in ``file`` (its references unchecked), or why it does not load."""
        key = Path(os.path.abspath(file))
        try:
            st = key.stat()
        except OSError as exc:
            return LoadError([Problem(Location(str(key)), "unreadable",
                                      f"cannot read file: {exc.strerror or exc}")])
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self._disk.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        found: LoadedMap | LoadError
        try:
            # The one safe reader: a link out of the tree is refused, so is a huge file.
            raw = safeio.read_bytes(key, limit=safeio.MAX_BYTES,
                                    roots=safeio.tree_roots(key), noun="maps")
            found = loads(_decode(raw), str(key), name=key.stem, references=False)
        except LoadError as exc:
            found = exc
        except (ArgmapError, OSError, UnicodeDecodeError) as exc:
            # (Not the decoder's message: it would quote bytes of the file.)
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
            found = LoadError([Problem(Location(str(key)), "unreadable",
                                       f"cannot read file: {reason}")])
        self._disk[key] = (stamp, found)
        return found

    def folder_files(self, folder: Path) -> list[Path]:
        """The map files of ``folder``, sorted, at most :data:`MAX_FOLDER_MAPS`."""
        try:
            files = sorted(f for f in folder.iterdir()
                           if f.suffix in MAP_SUFFIXES and f.is_file())
        except OSError:
            return []
        return files[:MAX_FOLDER_MAPS]

    def _sibling(self, folder: Path, name: str) -> Path | None:
        for suffix in MAP_SUFFIXES:
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
        return None

    def context(self, current: LoadedMap, path: Path) -> tuple[list[LoadedMap],
                                                               dict[str, LoadError]]:
        """The maps beside ``path`` that ``current`` refers to, directly or through each
        other, and those of them that do not load (by name)."""
        folder = path.parent
        loaded: list[LoadedMap] = []
        failed: dict[str, LoadError] = {}
        seen = {current.name}
        queue = sorted(referenced_maps(current))
        while queue:
            name = queue.pop(0)
            if name in seen:
                continue
            seen.add(name)
            file = self._sibling(folder, name)
            if file is None:
                continue  # the reference check says "no map named ..."
            found = self.disk_map(file)
            if isinstance(found, LoadError):
                failed[name] = found
                continue
            loaded.append(replace(found, context=True))
            queue += sorted(referenced_maps(found) - seen)
        return loaded, failed

    def analyse(self, path: Path, text: str) -> Analysis:
        """Load and check ``text`` as the content of the map file ``path``."""
        display = str(path)
        try:
            current = loads(text, display, name=path.stem, references=False)
        except LoadError as exc:
            return Analysis(path, text, _own(exc.problems, display))
        context, failed = self.context(current, path)
        maps = MapSet((current, *context))
        try:
            _ = maps.graph
        except LoadError as exc:
            return Analysis(path, text, _graph_problems(exc.problems, display, failed),
                            current)
        if failed:  # (references into them were reported above; none: all sound)
            return Analysis(path, text, (), current)
        try:
            result = self._check(maps, path)
        except LoadError as exc:
            return Analysis(path, text, _own(exc.problems, display, note=True), current, maps)
        except ArgmapError as exc:  # an unknown rule id in the configuration
            return Analysis(path, text, (Problem(Location(display), "configuration",
                                                 str(exc), hint="fix the configuration"),),
                            current, maps)
        return Analysis(path, text, _own(result.findings, display), current, maps, result)

    def _check(self, maps: MapSet, path: Path) -> CheckResult:
        from argmap import check  # noqa: PLC0415 - the rules, once a map loads
        from argmap import config as cfg  # noqa: PLC0415

        found = cfg.find_config(path)
        settings = cfg.read_config(found) if found is not None else None
        base, per_map = cfg.resolve(maps, settings, cfg.Overrides())
        return check(maps, base, per_map)


def _own(problems: Iterable[Problem], display: str, *, note: bool = False) -> tuple[Problem, ...]:
    """The problems located in ``display``; with ``note``, the others too, each as a problem
    at this document's first line that names the file it is in."""
    out = []
    for p in problems:
        if p.location.path == display:
            out.append(p)
        elif note:
            out.append(p._replace(location=Location(display),
                                  message=f"{p.location}: {p.message}"))
    return tuple(out)


def _graph_problems(problems: Iterable[Problem], display: str,
                    failed: dict[str, LoadError]) -> tuple[Problem, ...]:
    """The reference problems of this document. A reference into a map of the folder that
    does not load is said so (the loader says "no map named"); the problems of the other
    maps this one refers to are shown once, on the first line."""
    out: list[Problem] = []
    others: dict[str, int] = {}
    for p in problems:
        if p.location.path != display:
            others[p.location.path] = others.get(p.location.path, 0) + 1
            if others[p.location.path] == 1:
                out.append(Problem(Location(display), "context-map",
                                   f"{Path(p.location.path).name}, a map this one refers "
                                   f"to, has problems; the first: {p.location.line}:"
                                   f"{p.location.col}: {p.message}", Severity.ERROR,
                                   "open that map to see them all"))
            continue
        kept = p
        for name, error in failed.items():
            missing = f"no map named {shown(name)} beside this file"
            if missing in p.message:
                first = error.problems[0] if error.problems else None
                why = f": {Path(first.location.path).name}:{first.location.line}:" \
                      f"{first.location.col}: {first.message}" if first else ""
                kept = p._replace(code="context-map",
                                  message=p.message.replace(
                                      missing, f"the map {shown(name)} beside this file does "
                                      f"not load{why}"),
                                  hint="open that map and fix its errors")
                break
        out.append(kept)
    return tuple(out)
