"""Located data: key paths, spans and the bounds on reading a map, shared by both YAML parsers.

The fast scanner's driver (:mod:`argmap.loading.source`) and the reference composer
(:mod:`argmap.loading._compose`) describe places and limits alike; both import them from
here, below either of them.
"""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "MAX_PROBLEMS", "KeyPath", "Span", "position"]

#: A path of keys and indexes from the root: ``("nodes", 3, "kind")``.
KeyPath = tuple[str | int, ...]
#: ``(key_line, key_col, value_line, value_col)``, counting from 1. For a list
#: item, the key position is the item's own position.
Span = tuple[int, int, int, int]

#: Deepest nesting accepted; the format itself needs 5 levels.
MAX_DEPTH = 64
#: At most this many problems of one file are reported.
MAX_PROBLEMS = 200


def position(prefix: str) -> tuple[int, int]:
    """1-based (line, col) of the character that follows ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1
