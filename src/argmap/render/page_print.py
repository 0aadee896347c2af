"""The page on paper: a drawing made for printing, and the nodes' full texts.

The page's diagram is made for the screen, where it opens at a readable zoom: printed as
it is, fitted to a sheet, the flagship map's text would be 2.2 pt. So the page carries a
second, print-only figure, drawn when the page is built and sized in points for the
room that US Letter and A4 both give (:data:`SHEETS`, 10 mm margins), turned when that
prints it larger, as ``--page`` fits its pictures (:mod:`argmap.render.paged`):

* the screen drawing itself, when its smallest text prints at
  :data:`~argmap.render.paper.READABLE_PT` or more on a sheet (followed by the full
  texts when it shows only short labels or ids);
* else the map in short labels (:mod:`argmap.render.labels`), fitted to the sheet
  (:func:`~argmap.render.fit.fit`), when they print readably, followed by every node's
  full text under its label (:func:`key_html`, in the labels' alphabetical order);
* else (a map too big for one readable sheet, or too big to measure) no drawing but a
  note naming ``argmap render --page``, which cuts a map into readable pages, and the
  full texts.

``@media print`` in ``page.css`` hides the screen diagram and prints the figure on a sheet
of its own (:data:`LANDSCAPE`: a named page turned sideways), then the page's heading, its
legend, the full texts and the selected node.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from argmap.render.dot import view_to_dot
from argmap.render.dotattrs import SMALLEST_FONT
from argmap.render.errors import GraphvizTimeoutError
from argmap.render.escape import xml_escape
from argmap.render.fit import FIT_COST, MAX_TRIES, SHORT_NARROWER, page_tries
from argmap.render.labels import short_label
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.output import OutputOptions, graphviz_drawing
from argmap.render.page_svg import print_svg
from argmap.render.paper import MAX_SCALE, READABLE_PT, PageSize
from argmap.render.runner import choose_engine, dot_cost
from argmap.render.select import View

__all__ = ["CAPTION", "LANDSCAPE", "MARGIN", "SHEETS", "PrintFigure", "figure_html",
           "key_html", "print_figure"]

#: The page margin the print style sheet sets (``@page``), in points: 10 mm, as ``--page``.
MARGIN = 28.35
#: The room a printed figure is sized for: the narrower width and the lower height of US
#: Letter (612 x 792 pt) and A4 (595.28 x 841.89 pt), portrait and turned, less 2 pt for
#: the browser's rounding (a figure a hair too tall for its sheet would spill onto the next).
SHEETS = (PageSize("Letter or A4", 595.28, 792.0, MARGIN + 1.0),
          PageSize("Letter or A4 landscape", 792.0, 595.28, MARGIN + 1.0))
#: The class of a figure printed on a turned sheet (``page.css`` names its page).
LANDSCAPE = "am-print-landscape"
#: The line under the title of a short-label figure.
CAPTION = "Short labels; the full texts follow the diagram"
#: The title of a printed figure is wrapped at this many characters: at 20 pt it must not
#: set the figure's width (as on the pages of ``--page``).
_TITLE_WIDTH = 40

_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


@dataclass(frozen=True)
class PrintFigure:
    """What the page prints for its diagram: a figure (SVG markup), or a note saying why
    there is none, and whether the nodes' full texts follow."""

    svg: str | None
    landscape: bool
    smallest: float
    """The printed size of the figure's smallest text, in points (0 without a figure)."""
    key: bool
    """Whether the figure shows short labels (or nothing), so that the full texts follow."""
    note: str
    """What was chosen and why (shown with ``-v``)."""


def _extent(svg: bytes) -> tuple[float, float] | None:
    """The drawing's width and height in points, as Graphviz gives them."""
    match = _SIZE.search(svg)
    return (float(match.group(1)), float(match.group(2))) if match else None


def _best(extent: tuple[float, float]) -> tuple[PageSize, float]:
    """The sheet on which a drawing this size prints largest, and the size its smallest
    text prints at there (the upright sheet when both are equal)."""
    return max(((s, s.smallest_text(*extent)) for s in SHEETS), key=lambda p: p[1])


def _figure(svg: bytes, title: str, note: str, *, key: bool) -> PrintFigure:
    extent = _extent(svg)
    assert extent is not None
    sheet, size = _best(extent)
    scale = sheet.scale(*extent)
    return PrintFigure(print_svg(svg, extent[0] * scale, extent[1] * scale,
                                 f"Diagram for print: {title}"),
                       sheet is SHEETS[1], size, key, note)


def print_figure(view: View, options: RenderOptions, output: OutputOptions,
                 svg: bytes) -> PrintFigure:
    """The printed figure of ``view``, whose screen drawing (made with ``options``) is
    ``svg``: the screen drawing, or short labels, or none (see the module's text)."""
    extent = _extent(svg)
    if extent is not None:
        sheet, size = _best(extent)
        if size >= READABLE_PT:
            # Drawn in short labels or ids (--labels short, id), its nodes' texts follow.
            return _figure(svg, view.title, f"print: the diagram as on screen, smallest text "
                           f"{size:.1f} pt on {sheet.name}",
                           key=options.labels in (LabelMode.SHORT, LabelMode.ID))
    # Short labels fitted to a sheet, as `--page` fits an overview: measured, so only for
    # a map small enough to lay out a few times quickly with dot.
    if choose_engine(view, output.engine)[0] != "dot" \
            or dot_cost(view.graph, view.nodes, view.edges) > FIT_COST:
        return _none("the map is too big to lay out for print here")
    short = replace(options, labels=LabelMode.SHORT, legend=False, stretch=None,
                    title_width=_TITLE_WIDTH)
    if options.fit and extent is not None and short.direction.rankdir in ("BT", "TB") \
            and extent[0] / extent[1] > SHEETS[1].width / SHEETS[1].height:
        # Wider than a turned sheet, as the screen drawing is (bottom-up maps with their
        # recommendations side by side): the narrower wrapping a fit would try next
        # comes first (the flagship: one drawing, not two).
        short = replace(short, short_width=SHORT_NARROWER[0])
    # Drawn (SVG) rather than measured first: a drawing's size is its layout's, and the
    # one that prints readably needs no second run.
    quick = replace(output, engine="dot")
    try:
        svg = graphviz_drawing(view, short, quick, "svg", _dot(view, short)).data
        first = _extent(svg)
        assert first is not None
        sheet, size = _best(first)
        if size < READABLE_PT and _reachable(first, sheet) >= READABLE_PT and options.fit:
            default = replace(short, short_width=RenderOptions.short_width)
            tries = dict.fromkeys([*page_tries(short, *first, sheet), default])
            for candidate in [t for t in tries if t != short][: MAX_TRIES - 1]:
                other = graphviz_drawing(view, candidate, quick, "svg",
                                         _dot(view, candidate)).data
                bigger = _extent(other)
                assert bigger is not None
                # Each on the sheet it prints largest on: a drawing turned left to right
                # may print larger upright.
                if _best(bigger)[1] > size:
                    svg, (sheet, size) = other, _best(bigger)
                if size >= READABLE_PT:
                    break
    except GraphvizTimeoutError:
        return _none("dot ran out of time drawing its short labels")
    if size < READABLE_PT:
        return _none(f"its short labels would print at {size:.1f} pt on one sheet")
    return _figure(svg, view.title, f"print: short labels, smallest text {size:.1f} pt on "
                   f"{sheet.name}", key=True)


def _dot(view: View, options: RenderOptions) -> str:
    return view_to_dot(view, options, caption=CAPTION)


def _reachable(extent: tuple[float, float], sheet: PageSize) -> float:
    """The largest the smallest text of a drawing this size could print on ``sheet`` if
    its area were shaped like the sheet's room (:func:`~argmap.render.fit.reachable`):
    other wrappings change a layout's shape, hardly its area, so none is tried below it."""
    room = (sheet.width - 2 * sheet.margin) * (sheet.height - 2 * sheet.margin)
    return SMALLEST_FONT * min(MAX_SCALE, math.sqrt(room / (extent[0] * extent[1])))


def _none(why: str) -> PrintFigure:
    return PrintFigure(None, False, 0.0, True, f"print: no diagram ({why}); the full texts")


def figure_html(figure: PrintFigure) -> list[str]:
    """The print-only markup of ``figure`` (hidden on screen)."""
    if figure.svg is None:
        return ['<p class="am-print am-print-note">The diagram is too big to print readably '
                "on one sheet: <code>argmap render MAP --page a4 --format pdf</code> (or "
                "<code>--page letter</code>) cuts it into readable pages along the argument. "
                "Every node's full text follows.</p>"]
    turned = f" {LANDSCAPE}" if figure.landscape else ""
    return [f'<div class="am-print am-print-figure{turned}">', figure.svg, "</div>"]


def key_html(view: View, data: Mapping[str, Any]) -> list[str]:
    """Every node of ``view`` (``data``: its page data) under its short label, labels in
    alphabetical order: its kind and id, full text, relations (by the labels of the nodes
    at their other ends), source and findings, as the printed page lists them after a
    short-label figure."""
    nodes = data["nodes"]
    labels = [short_label(view.graph.nodes[key].id, view.graph.nodes[key].node.text,
                          view.graph.nodes[key].node.title) for key in view.nodes]
    related = _relations(data["edges"], data["tensions"], labels)
    order = sorted(range(len(nodes)), key=lambda i: (labels[i].casefold(), nodes[i]["id"]))
    out = ['<section class="am-print am-print-key" aria-labelledby="am-print-key-h">',
           '<h2 id="am-print-key-h">The nodes in full, by their labels in the diagram</h2>',
           '<dl class="am-key">']
    for i in order:
        node = nodes[i]
        out.append(f'<dt><span dir="auto">{xml_escape(labels[i])}</span> '
                   f'<span class="am-key-id">{node["kind"]} {xml_escape(node["id"])}</span>'
                   "</dt>")
        lines = [*related.get(i, []), *_details(node)]
        out.append(f'<dd><p dir="auto">{xml_escape(node["text"])}</p>'
                   + "".join(f"<p>{line}</p>" for line in lines) + "</dd>")
    out += ["</dl>", "</section>"]
    return out


#: How a node's relations are named in the printed list, going out and coming in.
_OUT = {"supports": "Supports", "attacks": "Attacks"}
_IN = {"supports": "Supported by", "attacks": "Attacked by"}
#: What an undercut relation denies, by the kind of the relation it undercuts.
_DENIED = {"supports": "that {a} supports {b}", "attacks": "that {a} attacks {b}"}


def _relations(edges: Sequence[Mapping[str, Any]], tensions: Sequence[Mapping[str, Any]],
               labels: Sequence[str]) -> dict[int, list[str]]:
    """Each node's relations and tensions as lines of markup ("Supports: A; B"), by node
    position: the paper has no side panel, and without a diagram these lines are the
    argument."""
    by_number = {e["n"]: e for e in edges}
    named: dict[int, dict[str, list[str]]] = {}

    def add(node: int, heading: str, text: str) -> None:
        named.setdefault(node, {}).setdefault(heading, []).append(xml_escape(text))

    for e in edges:
        source, target = e["from"], e["to"]
        if e["kind"] == "undercuts":
            cut = by_number.get(e["cut"])
            denied = _DENIED[cut["kind"]].format(a=labels[cut["from"]], b=labels[cut["to"]]) \
                if cut is not None and cut["kind"] in _DENIED else labels[target]
            add(source, "Undercuts", denied)
            continue
        add(source, _OUT[e["kind"]], labels[target])
        add(target, _IN[e["kind"]], labels[source])
    for t in tensions:
        for node in t["between"]:
            for other in t["between"]:
                if other != node:
                    add(node, "In tension with", labels[other])
    return {node: [f"{heading}: {'; '.join(texts)}" for heading, texts in headings.items()]
            for node, headings in named.items()}


def _details(data: Mapping[str, Any]) -> list[str]:
    """A node's source and findings, as lines of markup (every text escaped)."""
    out = []
    source = data.get("source")
    if source:
        words = [source.get("title") or source["id"], source.get("author"), source.get("date"),
                 data.get("locator")]
        line = "Source: " + ", ".join(xml_escape(w) for w in words if w)
        if source.get("url"):
            line += f' <span class="am-url">{xml_escape(source["url"])}</span>'
        out.append(line)
    out += [f'<span class="am-finding">\u26a0 {xml_escape(f)}</span>'
            for f in data.get("findings", ())]
    return out
