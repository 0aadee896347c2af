"""DOT attribute lists and the constants the DOT writer and its legend share.

Kept apart from :mod:`argmap.render.dot` so that the legend
(:mod:`argmap.render.legend`) can build its nodes the same way without an import cycle.
"""

from __future__ import annotations

from argmap.render.escape import dot_lines, dot_quote

__all__ = ["MARKER", "SMALLEST_FONT", "Attr", "attrs"]

#: Shown before the text of a node with check findings.
MARKER = "\u26a0"
#: The smallest font argmap draws, in points (the legend's, relation labels' and stubs'
#: text, the same as the nodes'): what decides whether a picture printed on a page is
#: readable (argmap.render.paper). It was 10 for the legend and labels; at 11 a page
#: holds a fifth more of the map at the same readable size.
SMALLEST_FONT = 11

Attr = str | list[str]
"""An attribute value: one line of text, or lines (joined by DOT line breaks)."""


def attrs(values: dict[str, Attr]) -> str:
    """A DOT attribute list, ``[name="value", ...]``, every value escaped."""
    parts = []
    for name, value in values.items():
        text = dot_lines(value) if isinstance(value, list) else dot_quote(value)
        parts.append(f"{name}={text}")
    return "[" + ", ".join(parts) + "]"
