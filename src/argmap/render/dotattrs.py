"""DOT attribute lists and the constants the DOT writer and its legend share.

Kept apart from :mod:`argmap.render.dot` so that the legend
(:mod:`argmap.render.legend`) can build its nodes the same way without an import cycle.
"""

from __future__ import annotations

from argmap.render.escape import dot_lines, dot_quote

__all__ = ["MARKER", "SMALLEST_FONT", "TWICE_UNESCAPED", "Attr", "attrs"]

#: Shown before the text of a node with check findings.
MARKER = "\u26a0"
#: The smallest font argmap draws, in points (the legend's, relation labels' and stubs'
#: text, the same as the nodes'): what decides whether a picture printed on a page is
#: readable (argmap.render.paper). It was 10 for the legend and labels; at 11 a page
#: holds a fifth more of the map at the same readable size.
SMALLEST_FONT = 11

Attr = str | list[str]
"""An attribute value: one line of text, or lines (joined by DOT line breaks)."""


#: Attributes whose text Graphviz unescapes twice before it writes it (the SVG's
#: ``xlink:title``): once in its tooltip pass, which turns ``\\`` into ``\``, then where it
#: replaces ``\N``, ``\G``, ``\E``, ``\T``, ``\H`` and ``\L`` by the object's name, the
#: graph's, the edge's, its ends', and its whole label. A backslash escaped once, as a label
#: needs, was read as one of those: ``\L`` 700 times in each of 200 nodes made a 292 KB map
#: draw a 65 MB SVG (every ``\L`` a copy of the label), and a 32 MiB map could make gigabytes.
TWICE_UNESCAPED = frozenset({"tooltip"})


def attrs(values: dict[str, Attr]) -> str:
    """A DOT attribute list, ``[name="value", ...]``, every value escaped (a tooltip's
    backslashes twice: :data:`TWICE_UNESCAPED`)."""
    parts = []
    for name, given in values.items():
        value = given
        if name in TWICE_UNESCAPED:
            value = [_twice(v) for v in given] if isinstance(given, list) else _twice(given)
        text = dot_lines(value) if isinstance(value, list) else dot_quote(value)
        parts.append(f"{name}={text}")
    return "[" + ", ".join(parts) + "]"


def _twice(text: str) -> str:
    """``text`` with each backslash doubled: :func:`dot_quote` doubles them again, and
    Graphviz's two passes over a tooltip leave one, followed by a plain letter."""
    return text.replace("\\", "\\\\")
