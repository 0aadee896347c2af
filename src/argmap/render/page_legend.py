"""The page's legend: a small drawing and a description per node and relation kind.

The drawings repeat the diagram's visual grammar (:mod:`argmap.render.style`):
shape and line style first, colour second; the words beside them say the same,
so no kind is told apart by colour alone. They double as the labels of the
kind filters.
"""

from __future__ import annotations

from argmap.records import NodeKind, RelationKind
from argmap.render.style import Palette

__all__ = ["INFERRED_WORDS", "KIND_WORDS", "RELATION_WORDS", "TENSION_WORDS", "finding_swatch",
           "inferred_swatch", "kind_swatch", "relation_swatch", "tension_swatch"]

#: How each node kind looks, in words.
KIND_WORDS = {
    NodeKind.RECOMMENDATION: "box with rounded corners, bold outline",
    NodeKind.CLAIM: "box",
    NodeKind.EVIDENCE: "note with a folded corner (a document)",
    NodeKind.ASSUMPTION: "box with a dashed outline (an unstated premise)",
    NodeKind.OBJECTION: "box with cut corners",
}
#: How each relation kind looks, in words.
RELATION_WORDS = {
    RelationKind.SUPPORTS: "solid line, arrowhead",
    RelationKind.ATTACKS: "dashed line, bar at the end",
    RelationKind.UNDERCUTS: "dotted line, bar, ending on the dot of the relation it undercuts",
}

#: How a relation the analyst infers, and a tension of the source, look, in words.
INFERRED_WORDS = ("thinner, lighter line starting at a small open circle (a relation the "
                  "analyst infers; without the circle, the source states it)")
TENSION_WORDS = "dotted line without arrowheads, labelled \u201ctension\u201d"

_W, _H = 40, 22


def _svg(body: str, width: int = _W) -> str:
    return (f'<svg class="am-swatch" width="{width}" height="{_H}" viewBox="0 0 {width} {_H}" '
            f'aria-hidden="true" focusable="false">{body}</svg>')


def kind_swatch(kind: NodeKind, pal: Palette) -> str:
    """A small drawing of a node of ``kind`` (decorative: the label says the kind)."""
    st = pal.nodes[kind]
    paint = f'fill="{st.fill}" stroke="{st.line}" stroke-width="{st.penwidth:g}"'
    if kind is NodeKind.RECOMMENDATION:
        body = f'<rect x="2" y="3" width="36" height="16" rx="5" {paint}/>'
    elif kind is NodeKind.EVIDENCE:
        body = (f'<path d="M2 3H31L38 10V19H2Z" {paint}/>'
                f'<path d="M31 3V10H38" fill="none" stroke="{st.line}" stroke-width="1"/>')
    elif kind is NodeKind.ASSUMPTION:
        body = f'<rect x="2" y="3" width="36" height="16" {paint} stroke-dasharray="4,2"/>'
    elif kind is NodeKind.OBJECTION:
        body = (f'<rect x="2" y="3" width="36" height="16" {paint}/>'
                f'<path d="M2 8L7 3M33 3L38 8M38 14L33 19M7 19L2 14" fill="none" '
                f'stroke="{st.line}" stroke-width="1"/>')
    else:
        body = f'<rect x="2" y="3" width="36" height="16" {paint}/>'
    return _svg(body)


def relation_swatch(kind: RelationKind, pal: Palette) -> str:
    """A small drawing of a relation of ``kind``."""
    st = pal.edges[kind]
    dash = {"dashed": ' stroke-dasharray="5,2"', "dotted": ' stroke-dasharray="1.5,2.5"'}
    line = (f'<path d="M2 11H{_W - 6}" stroke="{st.color}" stroke-width="{st.penwidth + 0.4:g}"'
            f'{dash.get(st.style, "")} fill="none"/>')
    if st.arrowhead == "normal":
        head = f'<path d="M{_W - 8} 6L{_W - 1} 11L{_W - 8} 16Z" fill="{st.color}"/>'
    else:
        head = (f'<path d="M{_W - 5} 5V17" stroke="{st.color}" stroke-width="2.5" '
                'fill="none"/>')
    return _svg(line + head)


def inferred_swatch(pal: Palette) -> str:
    """A small drawing of a support the analyst infers: open circle, light line."""
    color = pal.inferred.colors[RelationKind.SUPPORTS]
    body = (f'<circle cx="5" cy="11" r="3" fill="#fff" stroke="{color}" stroke-width="1.2"/>'
            f'<path d="M8 11H{_W - 6}" stroke="{color}" stroke-width="{pal.inferred.penwidth:g}"'
            ' fill="none"/>'
            f'<path d="M{_W - 8} 6L{_W - 1} 11L{_W - 8} 16Z" fill="{color}"/>')
    return _svg(body)


def tension_swatch(pal: Palette) -> str:
    """A small drawing of a tension: a dotted line without arrowheads."""
    st = pal.tension
    return _svg(f'<path d="M2 11H{_W - 2}" stroke="{st.color}" stroke-width="{st.penwidth:g}" '
                'stroke-dasharray="1.5,2.5" fill="none"/>')


def finding_swatch(pal: Palette) -> str:
    """A small drawing of a node with a check finding: a double dark border."""
    body = (f'<rect x="1" y="2" width="38" height="18" fill="#fff" stroke="{pal.finding}" '
            f'stroke-width="1.5"/><rect x="4" y="5" width="32" height="12" fill="#fff" '
            f'stroke="{pal.finding}" stroke-width="1.5"/>'
            f'<text x="20" y="15" font-size="10" text-anchor="middle">\u26a0</text>')
    return _svg(body)

