"""What a diagram shows and how: :class:`RenderOptions` and its enumerations.

The enumerations' values are the CLI's choices (``--theme print``,
``--labels both``, ``--direction left-right``, ``--group section``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from argmap.errors import shown
from argmap.records import NodeKind
from argmap.render.errors import RenderUsageError

__all__ = ["Direction", "Grouping", "LabelMode",
    "Overlay", "RenderOptions", "RevealOrder", "Theme", "choice", "choices"]

E = TypeVar("E", bound=StrEnum)


def choice(kind: type[E], value: str, option: str) -> E:
    """The member of ``kind`` named ``value``; an error listing the choices otherwise
    (for command-line options given as text)."""
    try:
        return kind(value.strip().lower())
    except ValueError:
        known = ", ".join(m.value for m in kind)
        raise RenderUsageError(f"{option}: unknown value {shown(value)}; choose from {known}") \
            from None


def choices(kind: type[E], values: Iterable[str], option: str) -> tuple[E, ...]:
    """:func:`choice` for each of ``values``, each possibly comma-separated."""
    return tuple(choice(kind, v, option) for item in values for v in item.split(",")
                 if v.strip())


class Theme(StrEnum):
    """Colour scheme: colour-blind-safe colours, or black and white for print."""

    COLOR = "color"
    PRINT = "print"


class LabelMode(StrEnum):
    """What a node's box shows."""

    AUTO = "auto"
    """The full text when the picture stays readable with it, else :attr:`SHORT`
    (:mod:`argmap.render.fit`); the full text where no layout is measured (DOT, Mermaid)."""
    TEXT = "text"
    """The node's full text (also accepted as ``full``)."""
    SHORT = "short"
    """A short label, the id made readable (:mod:`argmap.render.labels`)."""
    ID = "id"
    BOTH = "both"

    @classmethod
    def _missing_(cls, value: object) -> LabelMode | None:
        # "full" reads as the opposite of "short"; "text" was the name first.
        return cls.TEXT if value == "full" else None


class Direction(StrEnum):
    """Which way support flows: from evidence toward recommendations.

    ``auto`` lets the renderer choose (:mod:`argmap.render.fit`): bottom-up unless the
    picture would be far wider or taller than it is high or wide; where no layout
    is measured (DOT, Mermaid) it is bottom-up.
    """

    AUTO = "auto"
    BOTTOM_UP = "bottom-up"
    TOP_DOWN = "top-down"
    LEFT_RIGHT = "left-right"
    RIGHT_LEFT = "right-left"

    @property
    def rankdir(self) -> str:
        """The Graphviz ``rankdir`` value."""
        return _RANKDIR[self]


_RANKDIR = {
    Direction.AUTO: "BT",
    Direction.BOTTOM_UP: "BT",
    Direction.TOP_DOWN: "TB",
    Direction.LEFT_RIGHT: "LR",
    Direction.RIGHT_LEFT: "RL",
}


class Grouping(StrEnum):
    """What clusters, if any, nodes are drawn in."""

    NONE = "none"
    SECTION = "section"
    TAG = "tag"
    FILE = "file"


class RevealOrder(StrEnum):
    """In what order ``--reveal`` builds the argument up (:mod:`argmap.render.reveal`)."""

    FILE = "file"
    """The map's reading order: the nodes as the file has them, a step per section."""
    TOP_DOWN = "top-down"
    """From the conclusions down: then what bears on them, and so on to the evidence."""
    KIND = "kind"
    """From the evidence up by kind and depth: claims, recommendations, then objections."""


class Overlay(StrEnum):
    """What ``--show`` writes on each node, from argmap's semantics (docs/semantics.md)."""

    ACCEPTANCE = "acceptance"
    """The node's label under grounded semantics: in, out or undec."""
    STRENGTH = "strength"
    """The node's DF-QuAD strength, 0 to 1."""


@dataclass(frozen=True)
class RenderOptions:
    """Everything that decides the drawing, independent of the output format."""

    theme: Theme = Theme.COLOR
    labels: LabelMode = LabelMode.AUTO
    direction: Direction = Direction.AUTO
    group: Grouping = Grouping.NONE
    focus: str | None = None
    """Show only the neighbourhood of this node (``id`` or ``map:id``)."""
    depth: int = 2
    """With ``focus``: how many relations away from it nodes are shown."""
    kinds: tuple[NodeKind, ...] = ()
    """Show only nodes of these kinds (empty: all kinds)."""
    tags: tuple[str, ...] = ()
    """Show only nodes with at least one of these tags (empty: all nodes)."""
    hide_orphans: bool = False
    """Leave out nodes with no relation shown."""
    highlight_findings: bool = False
    """Mark nodes and relations that ``argmap check`` reports."""
    legend: bool = True
    title: str | None = None
    """Title to show instead of the map's."""
    wrap_width: int = 34
    """Wrap node texts at this many characters (the fit may choose another width)."""
    short_width: int = 12
    """Wrap short labels at this many characters (the fit may choose another width)."""
    fit: bool = True
    """Let the renderer choose the direction (when ``auto``) and the wrapping width so the
    picture is neither far wider nor far taller than it is high (:mod:`argmap.render.fit`)."""
    stretch: float | None = None
    """Spread the nodes apart (more space between them, text unchanged) until height /
    width is this (Graphviz's ``ratio``); the fit sets it to close a small gap."""
    title_width: int = 90
    """Wrap the title at this many characters (pages wrap it narrower)."""
    max_chars: int = 300
    """Cut node texts longer than this (with an ellipsis)."""
    reveal_order: RevealOrder = RevealOrder.FILE
    """With a reveal: the order of its steps."""
    show: Overlay | None = None
    """Write each node's acceptance or strength on it (text, never colour alone)."""
    crux: str | None = None
    """Mark the smallest sets of rejections that bring this node down (``id`` or
    ``map:id``; :mod:`argmap.render.crux`)."""
