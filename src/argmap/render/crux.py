"""``render --crux NODE``: the smallest sets of rejections that bring NODE down, marked.

The sets are those of ``argmap crux NODE`` (grounded semantics, at most
:data:`~argmap.semantics.crux.MAX_SIZE` rejections), of the smallest size found: what
the conclusion hangs on most directly. Each node or relation of one of them is drawn
with a thick outline or line in the theme's crux colour and says which sets it
belongs to in words (``[crux 1, 2]`` on a node, ``crux 1`` beside a relation), so the
marking never rests on colour alone; NODE itself says ``[crux target]``; the title
gets a line naming NODE and what is marked. :mod:`argmap.render.dot` asks here for
the attributes to override; nothing else of the drawing changes.

:func:`page_cruxes` gives the HTML page the smallest cruxes of each recommendation,
which its script marks when one is picked (docs/html.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import ArgmapError
from argmap.graph import ArgumentGraph
from argmap.records import NodeKind
from argmap.render.escape import clean
from argmap.render.style import Palette

__all__ = ["PAGE_RECOMMENDATIONS", "PAGE_WORK", "CruxMarks", "crux_marks", "edge_marks",
           "node_marks", "page_cruxes"]

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


#: Most recommendations whose cruxes an HTML page carries (the rest: none, and the
#: page says so).
PAGE_RECOMMENDATIONS = 50
#: Work the cruxes of one page may take, in grounded labellings times the size of the
#: map (nodes and relations; a labelling is linear in it, about a microsecond per unit
#: here): about two seconds at most, shared among the recommendations, each of which
#: costs a few labellings before its first set. The flagship map (130 units, 12
#: recommendations) may try 1,279 sets per recommendation, where the most it needs is
#: 776 (0.2 s for all); a map of 10,000 nodes and 15,000 relations gets 20
#: recommendations and a set or two each, whose cruxes say they may be incomplete.
PAGE_WORK = 2_000_000
#: What a recommendation costs before its first set, in labellings (its setup).
_SETUP = 3


def page_cruxes(graph: ArgumentGraph, drawn: Sequence[str], relations: Sequence[int],
                chosen_ref: str | None = None) -> dict[str, Any]:
    """The cruxes an HTML page shows: for each recommendation among the ``drawn`` node
    keys (the first :data:`PAGE_RECOMMENDATIONS`), its smallest cruxes, each rejection
    in words and, when it is drawn, as the position of its node or the number of its
    relation (``relations``: the relations drawn). Text is cleaned here; the page's
    script puts it in as text only. ``chosen_ref`` (``render --crux``'s node, id or
    ``map:id``): the recommendation the page opens with, ``"initial"``, its position in
    the list, when it is one of them."""
    try:
        # Imported here: only pages need the semantics (and its SAT solver's module). The
        # page is useful without them, as without its acceptance (page_data).
        # Through the package (not argmap.semantics.crux, which may be loaded already).
        from argmap.semantics import crux as search  # noqa: PLC0415
    except ImportError:
        return {"recommendations": [], "capped": False}
    index = {key: i for i, key in enumerate(drawn)}
    shown = set(relations)
    recommendations = [k for k in drawn if graph.nodes[k].kind is NodeKind.RECOMMENDATION]
    size = max(1, len(graph.nodes) + len(graph.edges))
    # As many recommendations as the work allows a set each, the first ones first.
    chosen = recommendations[:min(PAGE_RECOMMENDATIONS, PAGE_WORK // (size * (_SETUP + 1)))]
    out: list[dict[str, Any]] = []
    if not chosen:
        return {"recommendations": out, "capped": bool(recommendations)}
    checks = max(1, PAGE_WORK // (size * len(chosen)) - _SETUP)
    try:
        framework = search.crux_framework(graph)
    except ArgmapError:  # a map the semantics cannot take: a page without cruxes
        return {"recommendations": out, "capped": False}
    for key in chosen:
        try:
            result = search.crux(graph, key, max_checks=checks, framework=framework)
        except ArgmapError:  # pragma: no cover - the framework was built
            continue
        size = min((len(c.rejections) for c in result.cruxes), default=0)
        sets = []
        for c in result.cruxes:
            if len(c.rejections) != size:
                continue
            items: list[dict[str, Any]] = []
            for r in c.rejections:
                item: dict[str, Any] = {"text": clean(_words(graph, r.node, r.edge))}
                if r.node is not None and r.node in index:
                    item["node"] = index[r.node]
                if r.edge is not None and r.edge in shown:
                    item["edge"] = r.edge
                items.append(item)
            sets.append({"reject": items, "after": c.after})
        out.append({"node": index[key], "accepted": result.accepted, "sets": sets,
                    "complete": result.complete, "maxSize": search.MAX_SIZE})
    data: dict[str, Any] = {"recommendations": out,
                            "capped": len(recommendations) > len(chosen)}
    for position, entry in enumerate(out):
        key = drawn[entry["node"]]
        if chosen_ref in (key, graph.nodes[key].id):
            data["initial"] = position
    return data


def _words(graph: ArgumentGraph, node: str | None, edge: int | None) -> str:
    """One rejection in words, by ids (as ``argmap crux`` says it)."""
    if node is not None:
        n = graph.nodes[node]
        return f"the {n.kind.value} {n.id} taken away"
    assert edge is not None  # a rejection is a node or a relation
    e = graph.edges[edge]
    source = graph.nodes[e.source].id
    if e.target_edge is not None:
        cut = graph.edges[e.target_edge]
        target = cut.relation.id or \
            f"{graph.nodes[cut.source].id} -> {graph.nodes[cut.target].id}"
        return f"denying that {source} undercuts {target}"
    return f"denying that {source} {e.kind.value} {graph.nodes[e.target].id}"
