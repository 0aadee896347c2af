"""What every check gets and gives: the :class:`Context` and :class:`Finding` values."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from argmap.graph import ArgumentGraph, GEdge, GNode
from argmap.load import LoadedMap, MapSet
from argmap.records import NodeKind

__all__ = ["At", "CheckFunc", "Context", "Finding"]


class At(NamedTuple):
    """A place in a map that is neither a node nor a relation: a key path."""

    map: LoadedMap
    keypath: tuple[str | int, ...]


class Finding(NamedTuple):
    """What a check reports: where (a node, a relation, or a key path of a map) and what."""

    target: GNode | GEdge | At
    message: str
    hint: str | None = None


CheckFunc = Callable[["Context"], Iterable[Finding]]


@dataclass
class Context:
    """The maps under check, their graph, and analyses several checks share (computed once)."""

    maps: MapSet
    graph: ArgumentGraph
    _texts: dict[Path, str | None] = field(default_factory=dict)

    @cached_property
    def grounded(self) -> frozenset[str]:
        """Keys of nodes that are evidence or reached from evidence along supports."""
        g = self.graph
        support_out = g.support_out
        todo = [k for k, n in g.nodes.items() if n.node.kind is NodeKind.EVIDENCE]
        seen = set(todo)
        while todo:
            for target in support_out.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return frozenset(seen)

    def source_text(self, path: Path) -> str | None:
        """The text of a local source file, read once; ``None`` when it cannot be read."""
        if path not in self._texts:
            try:
                self._texts[path] = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]
