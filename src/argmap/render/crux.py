"""``render --crux NODE``: the smallest sets of rejections that bring NODE down, marked.

The sets are those of ``argmap crux NODE`` (grounded semantics, at most
:data:`~argmap.semantics.crux.MAX_SIZE` rejections), of the smallest size found: what
the conclusion hangs on most directly. Each node or relation of one of them is drawn
with a thick outline or line in the theme's crux colour and says which sets it
belongs to in words (``[crux 1, 2]`` on a node, ``crux 1`` beside a relation), so the
marking never rests on colour alone; NODE itself says ``[crux target]``; the title
gets a line naming NODE and what is marked. :mod:`argmap.render.dot` asks here for
the attributes to override; nothing else of the drawing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.graph import ArgumentGraph
from argmap.render.style import Palette

__all__ = ["CruxMarks", "crux_marks", "edge_marks", "node_marks"]

#: What NODE's own label says.
TARGET = "crux target"


@dataclass(frozen=True)
class CruxMarks:
    """What ``--crux`` marks: the node, and the sets each node or relation belongs to."""

    key: str
    title: str
    """The title line: NODE by id and what is marked."""
    nodes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Node key -> the numbers (from 1) of the smallest sets it is in."""
    edges: dict[int, tuple[int, ...]] = field(default_factory=dict)
    """Relation number -> the numbers of the smallest sets it is in."""


def crux_marks(graph: ArgumentGraph, key: str) -> CruxMarks:
    """The smallest cruxes of node ``key`` (a key of ``graph``), as marks to draw."""
    # Imported here: only --crux needs the semantics (and its SAT solver's module).
    from argmap.semantics.crux import MAX_SIZE, crux  # noqa: PLC0415

    result = crux(graph, key)
    name = graph.nodes[key].id
    if not result.accepted:
        return CruxMarks(key, f"Crux of {name}: none, it is not accepted (grounded semantics)")
    if not result.cruxes:
        more = "" if result.complete else " tried"
        return CruxMarks(key, f"Crux of {name}: none, it stands whatever set of at most "
                         f"{MAX_SIZE} rejections is{more} made")
    size = min(len(c.rejections) for c in result.cruxes)
    smallest = [c for c in result.cruxes if len(c.rejections) == size]
    nodes: dict[str, list[int]] = {}
    edges: dict[int, list[int]] = {}
    for number, c in enumerate(smallest, 1):
        for r in c.rejections:
            if r.node is not None:
                nodes.setdefault(r.node, []).append(number)
            elif r.edge is not None:
                edges.setdefault(r.edge, []).append(number)
    sets = f"{len(smallest)} set{'s' if len(smallest) != 1 else ''}"
    what = "rejection" if size == 1 else f"{size} rejections"
    numbers = "crux 1" if len(smallest) == 1 else "crux 1 and 2" if len(smallest) == 2 \
        else f"crux 1 to {len(smallest)}"
    return CruxMarks(key, f"Crux of {name}: {sets} of {what} that bring it down (grounded "
                     f"semantics), marked {numbers}",
                     {k: tuple(v) for k, v in nodes.items()},
                     {k: tuple(v) for k, v in edges.items()})


def _numbers(sets: tuple[int, ...]) -> str:
    return "crux " + ", ".join(map(str, sets))


def node_marks(marks: CruxMarks, key: str, pal: Palette) -> tuple[str | None, dict[str, str]]:
    """The note written on node ``key`` and the attributes that mark it (none: unmarked)."""
    if key == marks.key:
        return TARGET, {"color": pal.crux, "penwidth": "4"}
    sets = marks.nodes.get(key)
    if sets is None:
        return None, {}
    return _numbers(sets), {"color": pal.crux, "penwidth": "4"}


def edge_marks(marks: CruxMarks, number: int, pal: Palette) -> dict[str, str]:
    """The attributes that mark relation ``number`` (none when it is in no smallest set)."""
    sets = marks.edges.get(number)
    if sets is None:
        return {}
    return {"color": pal.crux, "penwidth": "4", "label": _numbers(sets),
            "fontcolor": pal.crux}
