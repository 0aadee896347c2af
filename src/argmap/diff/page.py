"""The HTML page of a diff: the two versions drawn side by side, the changes marked and
listed (``argmap diff OLD NEW --format html -o diff.html``).

Each side is laid out by Graphviz as ``argmap render --format svg`` draws it, and its
nodes are outlined: added (new side) in green, removed (old side) in red and dashed,
changed in both in amber, each outline also a different width or dash, so that it reads
without colour. The page is one self-contained file built like the map's page
(:func:`argmap.render.page.document`: no script at all, a Content Security Policy,
every text of a map escaped).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

from argmap.diff.changes import Side
from argmap.diff.describe import describe
from argmap.diff.formats import MAX_KEYS, shortened
from argmap.diff.result import Diff, RecommendationChange
from argmap.diff.sides import Comparison
from argmap.render.api import render_view
from argmap.render.escape import cap, xml_escape
from argmap.render.options import RenderOptions
from argmap.render.output import OutputOptions
from argmap.render.page import document
from argmap.render.page_svg import SVG_ID, inline_svg
from argmap.render.select import select

__all__ = ["MARKS", "MAX_ITEMS", "MAX_TEXT", "diff_page"]

#: How a node of each sort is outlined: (colour, stroke width, dash pattern or None).
MARKS = {
    "added": ("#1a7f37", "8", None),
    "removed": ("#cf222e", "8", "12,6"),
    "changed": ("#b35900", "6", "3,3"),
}
#: Entries listed per section below the drawings.
MAX_ITEMS = 200
#: Characters of an entry (a reworded node's texts before and after are in one).
MAX_TEXT = 600
_SHAPES = ("polygon", "ellipse", "path", "polyline")
_SVG = "{http://www.w3.org/2000/svg}"


def _marked(svg: bytes, marks: Mapping[str, str]) -> bytes:
    """The Graphviz SVG with the outline of each node of ``marks`` (key -> sort) drawn
    as :data:`MARKS` says."""
    root = ET.fromstring(svg)
    for group in root.iter(f"{_SVG}g"):
        if (group.get("class") or "").split()[:1] != ["node"]:
            continue
        title = group.find(f"{_SVG}title")
        sort = marks.get((title.text or "") if title is not None else "")
        if sort is None:
            continue
        colour, width, dash = MARKS[sort]
        shape = next((el for el in group.iter() if el.tag[len(_SVG):] in _SHAPES), None)
        if shape is None:
            continue
        shape.set("stroke", colour)
        shape.set("stroke-width", width)
        if dash is not None:
            shape.set("stroke-dasharray", dash)
    return ET.tostring(root)


def _drawing(side: Side, marks: Mapping[str, str], name: str,
             output: OutputOptions) -> str:
    options = RenderOptions()
    view = select(side.maps, options)
    # Fitted as `argmap render -o map.svg` fits it: a map whose full texts would be
    # illegible at half a page's width (the flagship's) is drawn in short labels, the
    # full text staying in each node's tooltip and in the lists below.
    svg = render_view(view, "svg", options, output)[0].data
    graph = view.graph
    index = {key: i for i, key in enumerate(view.nodes)}
    labels = {key: cap(f"{graph.nodes[key].kind.value} {graph.nodes[key].id}"
                       f"{' (' + marks[key] + ')' if key in marks else ''}: "
                       f"{graph.nodes[key].node.text}", 300) for key in view.nodes}
    markup = inline_svg(_marked(svg, marks), index, labels, f"Diagram: {side.label}")
    # Two drawings on one page: each its own id; the width fills its column.
    return markup.replace(f'id="{SVG_ID}"', f'id="{SVG_ID}-{name}" width="100%"', 1)


def _swatch(sort: str) -> str:
    colour, width, dash = MARKS[sort]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg width="36" height="18" viewBox="0 0 36 18" aria-hidden="true">'
            f'<rect x="3" y="3" width="30" height="12" fill="#fff" stroke="{colour}" '
            f'stroke-width="{width}"{dashed}/></svg>')


def _recommendation(r: RecommendationChange) -> str:
    """A recommendation whose support changed, in words, with the grounds it lost and
    gained as the Markdown and the text report give them: a count of evidence that did not
    change (`evidence 3 → 3`) says nothing without them."""
    line = f"{r.key}: {r.evidence()}"
    if r.lost_evidence:
        line += " (rests on no evidence now)"
    return line + r.grounds(MAX_KEYS)


def _sections(diff: Diff) -> list[tuple[str, list[str]]]:
    """The changes in words, by section (plain text; escaped when written)."""
    nodes = []
    for n in diff.nodes:
        # Plain text, escaped as a whole when written; no similarity, no word diff: an
        # entry of the page is a line of text, cut at MAX_TEXT.
        d = describe(n, similarity=False, word_diff=False)
        if d.change != "changed":
            nodes.append(f"{d.change} {d.key} ({d.kind}): {d.text}")
        else:
            nodes.append(f"{d.key}: " + "; ".join("".join(p.text for p in clause)
                                                   for clause in d.clauses))
    relations = [f"{r.change}: {r.source} {r.kind} {r.target}"
                 + (f" (was {r.target_before})" if r.target_before else "")
                 + "".join(f"; {f} {b or 'none'} → {a or 'none'}" for f, b, a in r.fields)
                 for r in diff.relations]
    return [
        # As in the Markdown and the text report: a map file that came or went.
        ("Maps added", list(diff.maps_added)),
        ("Maps removed", list(diff.maps_removed)),
        ("Recommendations whose support changed",
         [_recommendation(r) for r in diff.recommendations]),
        ("Acceptance (grounded label, DF-QuAD strength)", [
            f"{a.key}: {a.status_before} → {a.status_after}, {a.strengths()}"
            for a in diff.acceptance]),
        ("Findings introduced", [str(p) for p in diff.introduced]),
        ("Findings resolved", [str(p) for p in diff.resolved]),
        ("Nodes", nodes),
        ("Relations", relations),
    ]


def diff_page(comparison: Comparison, output: OutputOptions | None = None) -> str:
    """The HTML page of ``comparison`` (deterministic for the same maps and Graphviz)."""
    diff, old, new = comparison
    output = output or OutputOptions()
    new_marks: dict[str, str] = {}
    old_marks: dict[str, str] = {}
    for n in diff.nodes:
        if n.changes == ("added",):
            new_marks[n.key] = "added"
        elif n.changes == ("removed",):
            old_marks[n.key] = "removed"
        else:
            new_marks[n.key] = "changed"
            old_marks[n.old_key or n.key] = "changed"
    title = f"argmap diff: {diff.old} → {diff.new}"
    counts = ", ".join(f"{k} {v}" for k, v in diff.counts().items() if v)
    body = [
        '<div class="am-page">',
        f'<h1 dir="auto">{xml_escape(title)}</h1>',
        f"<p>{xml_escape(counts or 'No change in the argument.')}</p>",
        "<p>" + " ".join(f"{_swatch(s)} {s}" for s in MARKS) + "</p>",
        '<table class="am-diff" width="100%"><thead><tr>',
        f'<th scope="col" dir="auto">Before: {xml_escape(diff.old)}</th>',
        f'<th scope="col" dir="auto">After: {xml_escape(diff.new)}</th>',
        '</tr></thead><tbody><tr>',
        f'<td width="50%" valign="top">{_drawing(old, old_marks, "old", output)}</td>',
        f'<td width="50%" valign="top">{_drawing(new, new_marks, "new", output)}</td>',
        "</tr></tbody></table>",
    ]
    for heading, items in _sections(shortened(diff)):
        if not items:
            continue
        body.append(f"<h2>{xml_escape(heading)} ({len(items)})</h2>")
        body.append('<ul class="am-list">')
        body += [f'<li dir="auto">{xml_escape(cap(item, MAX_TEXT))}</li>'
                 for item in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            body.append(f"<li>… and {len(items) - MAX_ITEMS} more (`argmap diff --format "
                        "json` lists all)</li>")
        body.append("</ul>")
    body.append("</div>")
    return document(title, "\n".join(body), scripts=())
