"""Where the ids of a folder's maps are defined and used: nodes, relations and sources.

Every id is known by its key ``map:id``. An :class:`Occurrence` is one place a map
writes an id, as a 0-based :class:`~argmap.lsp.text.Span` of the scalar written (quotes
included) and the part of it that is the id (what a rename replaces).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple

from argmap.lsp.text import Lines, Span

if TYPE_CHECKING:
    from argmap import LoadedMap, Location

__all__ = ["IdKind", "MapIndex", "Occurrence"]

IdKind = Literal["node", "relation", "source"]


class Occurrence(NamedTuple):
    """One place an id is written."""

    kind: IdKind
    key: str
    """``map:id`` of what is named."""
    span: Span
    """The scalar as written (with its quotes)."""
    name: Span | None
    """The id's own characters in it (after ``map:``, inside quotes); ``None`` when the
    text there is not the id verbatim (escapes), so it cannot be renamed in place."""
    definition: bool


class MapIndex:
    """The occurrences of the ids of one loaded map, in the order of its text."""

    def __init__(self, m: LoadedMap, text: str | None = None,
                 encoding: str = "utf-16") -> None:
        self.map = m
        self.text = m.document.text if text is None else text
        self.lines = Lines(self.text, encoding)
        self.occurrences = sorted(self._walk(), key=lambda o: (o.span.line, o.span.start))

    def _occurrence(self, kind: IdKind, ref: str, location: Location,
                    definition: bool) -> Occurrence:
        span = self.lines.token(*self.lines.place(location.line, location.col))
        written = self.lines.line(span.line)[span.start:span.end]
        start, end = span.start, span.end
        if written[:1] in "\"'" and len(written) >= 2:
            start, end = start + 1, end - 1
            written = written[1:-1]
        name: Span | None = None
        if written == ref:
            skip = len(ref.split(":", 1)[0]) + 1 if ":" in ref else 0
            name = Span(span.line, start + skip, end)
        key = ref if ":" in ref else f"{self.map.name}:{ref}"
        return Occurrence(kind, key, span, name, definition)

    def _walk(self) -> Iterator[Occurrence]:
        m = self.map
        new = self._occurrence
        for i, src in enumerate(m.map.sources):
            yield new("source", src.id, m.where(("sources", i, "id")), True)
        for i, node in enumerate(m.map.nodes):
            yield new("node", node.id, m.node_location(i), True)
            if node.source:
                yield new("source", node.source, m.where(("nodes", i, "source")), False)
            for kind in ("supports", "attacks", "undercuts"):
                for j, rel in enumerate(getattr(node, kind)):
                    at = ("nodes", i, kind, j)
                    # A relation written as a bare id has no `to:` key: its place is the
                    # item's (Document.where falls back to the parent path).
                    yield new("relation" if kind == "undercuts" else "node", rel.to,
                              m.where((*at, "to")), False)
                    if rel.id:
                        yield new("relation", rel.id, m.where((*at, "id")), True)
                    if rel.source:
                        yield new("source", rel.source, m.where((*at, "source")), False)
        for i, t in enumerate(m.map.tensions):
            for j, ref in enumerate(t.between):
                yield new("node", ref, m.where(("tensions", i, "between", j)), False)
            if t.source:
                yield new("source", t.source, m.where(("tensions", i, "source")), False)

    def at(self, line: int, col: int) -> Occurrence | None:
        """The occurrence at 0-based ``line`` and character ``col``, if any."""
        for o in self.occurrences:
            if o.span.line == line and o.span.start <= col <= o.span.end:
                return o
        return None

    def of(self, key: str, *, definitions: bool = True) -> list[Occurrence]:
        """The occurrences of ``key`` (without definitions unless asked)."""
        return [o for o in self.occurrences if o.key == key and (definitions or
                                                                  not o.definition)]
