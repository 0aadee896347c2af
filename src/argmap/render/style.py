"""The visual grammar: shape, line style and colour per node and relation kind, per theme.

Kinds differ by shape and line style first, so a diagram stays readable in
grayscale and for colour-blind readers; colour (the Okabe-Ito palette, safe
for the common colour-vision deficiencies) is a second channel on top.

Line styles already tell the relation kinds apart (supports solid, attacks
dashed, undercuts dotted), so who draws a relation has a channel of its own:
a relation the analyst infers (``by: analyst``) starts at a small open circle
and is drawn thinner and lighter; one the source states has no circle.
Tensions of the source are dotted, undirected and labelled "tension".
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.records import NodeKind, RelationKind
from argmap.render.options import Theme

__all__ = ["FONT", "EdgeStyle", "InferredStyle", "NodeStyle", "Palette", "palette"]

#: Font families, in fallback order. Noto Sans covers Latin, Greek, Cyrillic and
#: the accents of European languages; Noto Sans Arabic covers Urdu and Pashto;
#: DejaVu Sans is the fallback found on almost every Linux system. Pango (PNG,
#: PDF) and browsers (SVG font-family) both read the comma-separated list.
FONT = "Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class NodeStyle:
    """How one node kind is drawn."""

    shape: str
    style: str
    fill: str
    line: str
    penwidth: float = 1.2


@dataclass(frozen=True)
class EdgeStyle:
    """How one relation kind is drawn."""

    style: str
    color: str
    arrowhead: str
    penwidth: float = 1.4


@dataclass(frozen=True)
class InferredStyle:
    """How a relation the analyst infers differs from one the source states."""

    arrowtail: str
    """The mark at the start of the line (drawn with ``dir=both``)."""
    colors: dict[RelationKind, str]
    """The line's colour per relation kind: a lighter tone of the stated one."""
    penwidth: float


@dataclass(frozen=True)
class Palette:
    """All the styles of one theme."""

    nodes: dict[NodeKind, NodeStyle]
    edges: dict[RelationKind, EdgeStyle]
    finding: str
    """Border colour of nodes and relations with check findings."""
    cluster_line: str
    cluster_fill: str
    inferred: InferredStyle
    tension: EdgeStyle
    text: str = "#000000"
    crux: str = OKABE_ITO["reddish_purple"]
    """Outline and line colour of what ``--crux`` marks (always with words on it too)."""


# Tints (the Okabe-Ito colour mixed with about 70% white) keep black text
# readable on every fill; the full colour draws the outline.
_COLOR = Palette(
    nodes={
        NodeKind.RECOMMENDATION: NodeStyle("box", "rounded,filled,bold", "#F8DDA0",
                                           OKABE_ITO["orange"], 2.0),
        NodeKind.CLAIM: NodeStyle("box", "filled", "#CCE8F8", OKABE_ITO["blue"]),
        NodeKind.EVIDENCE: NodeStyle("note", "filled", "#B3E2D5", OKABE_ITO["bluish_green"]),
        NodeKind.ASSUMPTION: NodeStyle("box", "dashed,filled", "#FAF5C0", "#8A7F00"),
        NodeKind.OBJECTION: NodeStyle("box", "filled,diagonals", "#F2CFB3",
                                      OKABE_ITO["vermillion"]),
    },
    edges={
        RelationKind.SUPPORTS: EdgeStyle("solid", OKABE_ITO["blue"], "normal"),
        RelationKind.ATTACKS: EdgeStyle("dashed", OKABE_ITO["vermillion"], "tee", 1.6),
        RelationKind.UNDERCUTS: EdgeStyle("dotted", OKABE_ITO["reddish_purple"], "tee", 2.0),
    },
    finding="#C00000",
    cluster_line="#999999",
    cluster_fill="#F7F7F7",
    # The Okabe-Ito colours mixed with about 40% white: the same hue, lighter.
    inferred=InferredStyle("odot", {RelationKind.SUPPORTS: "#66AAD1",
                                    RelationKind.ATTACKS: "#E69E66",
                                    RelationKind.UNDERCUTS: "#E0AFCA"}, 1.0),
    tension=EdgeStyle("dotted", "#555555", "none", 1.6),
)

# Black and white: shapes, outline styles and line styles carry the kinds;
# fills are light grays that photocopy well.
_PRINT = Palette(
    nodes={
        NodeKind.RECOMMENDATION: NodeStyle("box", "rounded,filled,bold", "#FFFFFF",
                                           "#000000", 2.0),
        NodeKind.CLAIM: NodeStyle("box", "filled", "#FFFFFF", "#000000"),
        NodeKind.EVIDENCE: NodeStyle("note", "filled", "#EEEEEE", "#000000"),
        NodeKind.ASSUMPTION: NodeStyle("box", "dashed,filled", "#FFFFFF", "#000000"),
        NodeKind.OBJECTION: NodeStyle("box", "filled,diagonals", "#DDDDDD", "#000000"),
    },
    edges={
        RelationKind.SUPPORTS: EdgeStyle("solid", "#000000", "normal"),
        RelationKind.ATTACKS: EdgeStyle("dashed", "#000000", "tee", 1.6),
        RelationKind.UNDERCUTS: EdgeStyle("dotted", "#000000", "tee", 2.0),
    },
    finding="#000000",
    cluster_line="#000000",
    cluster_fill="#FFFFFF",
    inferred=InferredStyle("odot", dict.fromkeys(RelationKind, "#777777"), 1.0),
    tension=EdgeStyle("dotted", "#000000", "none", 1.6),
    crux="#000000",
)

_PALETTES = {Theme.COLOR: _COLOR, Theme.PRINT: _PRINT}


def palette(theme: Theme) -> Palette:
    """The styles of ``theme``."""
    return _PALETTES[theme]
