"""What every check gets and gives: the :class:`Context` and :class:`Finding` values."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from argmap import safeio
from argmap.errors import LoadError, Location, Problem, shown
from argmap.graph import ArgumentGraph, GEdge, GNode
from argmap.loading.loader import LoadedMap, MapSet
from argmap.records import NodeKind

__all__ = ["KIND_WORD", "MAX_SOURCE_BYTES", "At", "CheckFunc", "Context", "Finding", "SourceText"]


#: Each kind as messages name it: ``NodeKind.value`` is a property in Python code, and
#: asked for by tens of thousands of findings on a large map.
KIND_WORD: dict[NodeKind, str] = {kind: kind.value for kind in NodeKind}


class At(NamedTuple):
    """A place in a map that is neither a node nor a relation: a key path."""

    map: LoadedMap
    keypath: tuple[str | int, ...]
    location: Location | None = None
    """Where the finding points, when not at the value of ``keypath`` (a place inside
    it); the key path still decides the node an acknowledgement is written under."""


class Finding(NamedTuple):
    """What a check reports: where (a node, a relation, or a key path of a map) and what."""

    target: GNode | GEdge | At
    message: str
    hint: str | None = None


CheckFunc = Callable[["Context"], Iterable[Finding]]


#: Largest source text read: the same bound as a map's.
MAX_SOURCE_BYTES = safeio.MAX_BYTES

#: The problem code and hint of each reason to refuse a source's ``text:`` file.
_REFUSED: dict[safeio.Reason, tuple[str, str]] = {
    "outside-tree": ("source-outside-tree",
                     "a source text must lie, links resolved, in the map's folder or the "
                     "working directory, or in a folder of `source-roots` of the "
                     "configuration (argmap.toml, or [tool.argmap] of pyproject.toml); copy "
                     "the text there"),
    "not-a-file": ("source-not-a-file", "name a plain UTF-8 text file"),
    "too-large": ("source-too-large", "keep in the text the parts the map quotes"),
}


class SourceText(NamedTuple):
    """A source's text, or why it cannot be read (with no word of its content)."""

    text: str | None
    problem: str | None = None


@dataclass
class Context:
    """The maps under check, their graph, and analyses several checks share (computed once)."""

    maps: MapSet
    graph: ArgumentGraph
    """The relations under check: every relation, or with ``--source-only`` only those the
    sources state (see :mod:`argmap.provenance`)."""
    source_roots: tuple[Path, ...] = ()
    """Folders source texts may lie in besides each map's folder and the working directory."""
    every_relation: ArgumentGraph | None = None
    """The graph with every relation, when :attr:`graph` leaves some out."""
    _texts: dict[tuple[str | int, int], SourceText] = field(default_factory=dict)
    """The text of each source, by (map path, source index), and of each file read, by
    (device, inode)."""

    @property
    def full_graph(self) -> ArgumentGraph:
        """The graph with every relation, the analyst's included (rules about the map as
        written, such as ``orphan-node``, read this one)."""
        return self.every_relation or self.graph

    @cached_property
    def of_kind(self) -> dict[NodeKind, list[GNode]]:
        """The nodes of each kind, in the order of the graph: one pass over the nodes
        that the rules about a few kinds share (at 100,000 nodes a pass over every
        node costs each rule about as much as its own work)."""
        out: dict[NodeKind, list[GNode]] = {kind: [] for kind in NodeKind}
        for n in self.graph.nodes.values():
            out[n.node.kind].append(n)
        return out

    @cached_property
    def grounded(self) -> frozenset[str]:
        """Keys of nodes that are evidence or reached from evidence along supports."""
        support_out = self.graph.support_out
        todo = [n.key for n in self.of_kind[NodeKind.EVIDENCE]]
        seen = set(todo)
        pop, push, add = todo.pop, todo.append, seen.add
        empty: tuple[str, ...] = ()
        while todo:
            for target in support_out.get(pop(), empty):
                if target not in seen:
                    add(target)
                    push(target)
        return frozenset(seen)

    def _roots(self, m: LoadedMap) -> tuple[Path, ...]:
        return (*safeio.tree_roots(m.path), *self.source_roots)

    def refused_sources(self) -> list[Problem]:
        """A located problem for each source whose ``text:`` argmap will not read: outside
        the tree, not a regular file, or too large. Checked without opening any file."""
        problems = []
        for m in self.maps:
            roots = self._roots(m)
            for i, src in enumerate(m.map.sources):
                if src.text is None:
                    continue
                try:
                    safeio.check_file(m.directory / src.text, limit=MAX_SOURCE_BYTES,
                                      roots=roots, noun="source texts")
                except safeio.FileRefused as exc:
                    problems.append(_refusal(m, i, exc))
                except OSError:
                    pass  # missing or unreadable: the source-text-missing rule says so
        return problems

    def source(self, m: LoadedMap, index: int) -> SourceText:
        """The text of source ``index`` of ``m`` (read once), or why it cannot be read.

        Every source text is read here, through :func:`argmap.safeio.read_bytes`, inside
        the map's tree. Raises :class:`LoadError` when the file is one argmap will not
        read (outside the tree, not a regular file, too large).
        """
        # Asked once per quote (a large map has thousands): one dict lookup after the first.
        key = (m.path, index)
        found = self._texts.get(key)
        if found is None:
            src = m.map.sources[index]
            if src.text is None:
                found = SourceText(None, "the source has no `text:`")
            else:
                found = self._file(m, index, m.directory / src.text)
            self._texts[key] = found
        return found

    def _file(self, m: LoadedMap, index: int, path: Path) -> SourceText:
        """The text of the file ``path`` names, read once however many sources name it
        (by any path, link or hard link): 50 sources naming one 19 MB text took 1 GB,
        a copy each, and a thousand would have taken 20. Each map's tree is checked
        still: a file inside one map's tree may lie outside another's."""
        roots = self._roots(m)
        same: tuple[int, int] | None = None
        try:
            info = safeio.check_file(path, limit=MAX_SOURCE_BYTES, roots=roots,
                                     noun="source texts").stat()
            same = (info.st_dev, info.st_ino)
        except safeio.FileRefused as exc:
            raise LoadError([_refusal(m, index, exc)]) from None
        except OSError:
            pass  # missing or unreadable: reading it says why
        found = self._texts.get(same) if same is not None else None
        if found is None:
            found = _read(path, roots, m, index)
            if same is not None:
                self._texts[same] = found
        return found

    def source_text(self, m: LoadedMap, index: int) -> str | None:
        """The text of source ``index`` of ``m``; ``None`` when it cannot be read."""
        return self.source(m, index).text


def _read(path: Path, roots: tuple[Path, ...], m: LoadedMap, index: int) -> SourceText:
    try:
        raw = safeio.read_bytes(path, limit=MAX_SOURCE_BYTES, roots=roots, noun="source texts")
    except safeio.FileRefused as exc:
        raise LoadError([_refusal(m, index, exc)]) from None
    except FileNotFoundError:
        return SourceText(None, "no such file")
    except OSError as exc:
        return SourceText(None, f"cannot read it ({exc.strerror or type(exc).__name__})")
    try:
        return SourceText(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        # Not the decoder's message: it would quote bytes of the file.
        return SourceText(None, "not UTF-8 text")


def _refusal(m: LoadedMap, index: int, exc: safeio.FileRefused) -> Problem:
    """The load problem of a refused source text, at its `text:` value in the map."""
    src = m.map.sources[index]
    code, hint = _REFUSED[exc.reason]
    return Problem(m.where(("sources", index, "text")), code,
                   f"the text of source {shown(src.id)} ({shown(src.text)}): {exc.message}",
                   hint=hint)
