"""The self-contained HTML page of a map: ``argmap render --format html``.

One file, no network access when it is viewed: the diagram is argmap's own SVG
(the layout of ``--format svg``) inlined, the data is a JSON block, and the
script and style sheet are inlined from ``argmap/render/assets``. A Content
Security Policy names exactly those scripts and that style sheet by hash, so
even markup that got into the page could not run or load anything.

Every text of a map reaches the page either escaped in the HTML built here
(:func:`~argmap.render.escape.xml_escape`), inside the re-serialised SVG
(:mod:`argmap.render.page_svg`) or inside the JSON block
(:func:`~argmap.render.page_data.script_json`); the script only ever inserts it as text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from argmap.records import NodeKind, RelationKind
from argmap.render.bound import check_drawn
from argmap.render.escape import cap, node_name, xml_escape
from argmap.render.options import RenderOptions
from argmap.render.output import OutputOptions, Rendered, laid_out
from argmap.render.page_data import KIND_ORDER, page_data, script_json
from argmap.render.page_legend import (
    INFERRED_WORDS,
    KIND_WORDS,
    RELATION_WORDS,
    TENSION_WORDS,
    finding_swatch,
    inferred_swatch,
    kind_swatch,
    relation_swatch,
    tension_swatch,
)
from argmap.render.page_print import PrintFigure, figure_html, key_html, print_figure
from argmap.render.page_svg import inline_svg
from argmap.render.select import View
from argmap.render.style import palette

__all__ = ["LiveReload", "asset", "document", "page_html", "rendered_page"]


@dataclass(frozen=True)
class LiveReload:
    """What a page served by ``argmap serve`` needs to reload itself on a change."""

    version: int
    """The version of the maps the page shows; the server announces newer ones."""
    events: str = "/events"
    """Path of the server-sent events stream."""


def asset(name: str) -> str:
    """The text of a file in ``argmap/render/assets`` (the page's script and styles)."""
    return resources.files("argmap.render").joinpath("assets", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _inline(tag: str, text: str) -> str:
    # Assets are argmap's own, but a slip that ended the element early would turn
    # the rest into markup: refuse it loudly instead.
    lowered = text.lower()
    if f"</{tag}" in lowered or "<!--" in lowered:
        raise ValueError(f"inline {tag} must not contain </{tag} or <!--")
    return f"<{tag}>{text}</{tag}>"


def document(title: str, body: str, *, data: Mapping[str, Any] | None = None,
             scripts: Sequence[str] = ("page.js",), live: LiveReload | None = None) -> str:
    """A complete HTML document around ``body`` (markup built by argmap).

    ``data`` goes into the ``am-data`` JSON block, ``scripts`` are asset names
    inlined in order; ``live`` adds the live-reload script of ``argmap serve``.
    """
    style = asset("page.css")
    names = [*scripts, "live.js"] if live is not None else list(scripts)
    codes = [asset(name) for name in names]
    policy = ["default-src 'none'",
              "script-src " + (" ".join(_hash(c) for c in codes) or "'none'"),
              f"style-src {_hash(style)}", "img-src data:", "base-uri 'none'",
              "form-action 'none'"]
    if live is not None:
        policy.append("connect-src 'self'")
    blocks = []
    if data is not None:
        blocks.append(f'<script type="application/json" id="am-data">{script_json(data)}'
                      "</script>")
    if live is not None:
        blocks.append('<script type="application/json" id="am-live">'
                      f'{script_json({"version": live.version, "events": live.events})}'
                      "</script>")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{"; ".join(policy)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="argmap">',
        f"<title>{xml_escape(title)}</title>",
        _inline("style", style),
        "</head>",
        "<body>",
        body,
        *blocks,
        *(_inline("script", code) for code in codes),
        "</body>",
        "</html>",
        "",
    ])


_KEYS = (("Tab", "move between controls and nodes"),
         ("Enter or Space", "select the focused node"),
         ("/", "search (Enter goes to the first match, Esc leaves the box)"),
         ("R", "what the selected node rests on"), ("I", "what depends on the selected node"),
         ("Esc", "clear the highlight, then the selection"), ("+ and -", "zoom in and out"),
         ("arrows", "pan"), ("0", "fit the whole diagram to the window"))


def _header(data: Mapping[str, Any], live: bool) -> list[str]:
    out = ['<header class="am-header">', f'<h1 dir="auto">{xml_escape(data["title"])}</h1>']
    for name in ("question", "thesis"):
        if data[name]:
            out.append(f'<p class="am-{name}"><strong>{name.capitalize()}:</strong> '
                       f'<span dir="auto">{xml_escape(data[name])}</span></p>')
    if len(data["maps"]) > 1:
        names = ", ".join(xml_escape(m["name"]) for m in data["maps"])
        out.append(f'<p class="am-maps"><strong>Maps:</strong> {names}</p>')
    if live:
        out.append('<p id="am-live-status" class="am-live" role="status"></p>')
    out.append("</header>")
    return out


def _filters(data: Mapping[str, Any], options: RenderOptions) -> list[str]:
    pal = palette(options.theme)
    counts: dict[str, int] = {}
    for n in data["nodes"]:
        counts[n["kind"]] = counts.get(n["kind"], 0) + 1
    out = ['<section class="am-section" aria-labelledby="am-filters-h">',
           '<h2 id="am-filters-h">Filters</h2>',
           '<fieldset id="am-kinds"><legend>Kinds</legend>']
    for kind in data["kinds"]:
        out.append(f'<label class="am-check"><input type="checkbox" name="kind" value="{kind}"'
                   f' checked> {kind_swatch(NodeKind(kind), pal)} {kind} '
                   f'<span class="am-count">({counts[kind]})</span></label>')
    out.append("</fieldset>")
    if data["tags"]:
        out.append('<fieldset id="am-tags"><legend>Tags (none ticked: every tag)</legend>')
        out += [f'<label class="am-check"><input type="checkbox" name="tag" '
                f'value="{xml_escape(tag)}"> <span dir="auto">{xml_escape(tag)}</span></label>'
                for tag in data["tags"]]
        out.append("</fieldset>")
    out += ['<button type="button" id="am-reset">Show every node</button>', "</section>"]
    return out


def _legend(data: Mapping[str, Any], options: RenderOptions) -> list[str]:
    pal = palette(options.theme)
    out = ['<section class="am-section" aria-labelledby="am-legend-h">',
           '<h2 id="am-legend-h">Legend</h2>', '<ul class="am-legend">']
    for kind in KIND_ORDER:
        if kind.value in data["kinds"]:
            out.append(f"<li>{kind_swatch(kind, pal)} <strong>{kind.value}</strong>: "
                       f"{KIND_WORDS[kind]}</li>")
    for rel in RelationKind:
        if rel.value in data["relations"]:
            out.append(f"<li>{relation_swatch(rel, pal)} <strong>{rel.value}</strong>: "
                       f"{RELATION_WORDS[rel]}</li>")
    if data["inferred"]:
        out.append(f"<li>{inferred_swatch(pal)} <strong>the analyst's inference</strong>: "
                   f"{INFERRED_WORDS}</li>")
    if data["tensions"]:
        out.append(f"<li>{tension_swatch(pal)} <strong>tension</strong>: {TENSION_WORDS}"
                   " (two nodes the source leaves inconsistent)</li>")
    if data["checked"]:
        out.append(f"<li>{finding_swatch(pal)} <strong>check finding</strong>: double "
                   "dark border and \u26a0 before the text</li>")
    out += ["</ul>", '<p class="am-hint">Highlighted nodes keep full strength and a thick '
            "outline; the rest fade. The selected node has a solid frame, the focused one "
            "a dashed frame.</p>", "</section>"]
    return out


def _panel(data: Mapping[str, Any], options: RenderOptions) -> list[str]:
    keys = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in _KEYS)
    return [
        '<aside id="am-panel" class="am-panel" aria-label="Side panel">',
        '<section class="am-section" role="search" aria-labelledby="am-search-h">',
        '<h2 id="am-search-h"><label for="am-search">Search</label></h2>',
        '<input type="search" id="am-search" autocomplete="off" '
        'placeholder="Words in node texts (press /)" aria-describedby="am-search-count">',
        '<p id="am-search-count" class="am-hint" aria-live="polite"></p>',
        '<ul id="am-results" class="am-list"></ul>', "</section>",
        '<section id="am-node" class="am-section" aria-labelledby="am-node-h">',
        '<h2 id="am-node-h">Selected node</h2>',
        '<div id="am-node-body"><p class="am-hint">Click a node, or reach it with Tab and '
        "press Enter.</p></div>",
        '<div class="am-actions">',
        '<button type="button" id="am-rests" disabled>What does this rest on? (R)</button>',
        '<button type="button" id="am-impact" disabled>What depends on it? (I)</button>',
        '<button type="button" id="am-clear" disabled>Clear highlight (Esc)</button>',
        "</div>", '<div id="am-highlight" aria-live="polite"></div>', "</section>",
        '<section class="am-section" aria-labelledby="am-crux-h">',
        '<h2 id="am-crux-h"><label for="am-crux">Crux of a recommendation</label></h2>',
        '<p class="am-hint">The smallest sets of evidence, assumptions or relations whose '
        "rejection brings it down (argmap crux), marked with a thick outline and listed "
        "here.</p>",
        '<select id="am-crux"><option value="">(none)</option></select>',
        '<div id="am-crux-body" aria-live="polite"></div>', "</section>",
        *_filters(data, options), *_legend(data, options),
        '<details class="am-section"><summary>Keyboard shortcuts</summary>'
        f'<dl class="am-keys">{keys}</dl></details>',
        "</aside>",
    ]


def page_html(view: View, options: RenderOptions, svg: bytes, *,
              live: LiveReload | None = None, figure: PrintFigure | None = None) -> str:
    """The page of ``view`` around its rendered ``svg`` (deterministic), with ``figure``
    to print in its place (:mod:`argmap.render.page_print`)."""
    data = page_data(view, options)
    # By the nodes' names in the SVG (argmap.render.escape.node_name).
    index = {node_name(key): i for i, key in enumerate(view.nodes)}
    labels = {node_name(key): cap(f"{n['kind']} {n['id']}: {n['text']}", 300)
              for key, n in zip(view.nodes, data["nodes"], strict=True)}
    diagram = inline_svg(svg, index, labels, f"Diagram: {data['title']}")
    body = [
        '<a class="am-skip" href="#am-search">Skip to search and the side panel</a>',
        # Printed first, on a sheet of its own: the figure carries the map's title.
        *(figure_html(figure) if figure is not None else []),
        *_header(data, live is not None),
        '<main class="am-main">',
        '<section id="am-diagram" class="am-diagram" tabindex="0" aria-label="Diagram: '
        'arrows pan, + and - zoom, 0 fits">',
        '<div class="am-zoom" role="group" aria-label="Zoom">',
        '<button type="button" id="am-zoom-in" title="Zoom in (+)" aria-label="Zoom in">+'
        "</button>",
        '<button type="button" id="am-zoom-out" title="Zoom out (-)" aria-label="Zoom out">'
        "\u2212</button>",
        '<button type="button" id="am-fit" title="Fit to the window (0)">Fit</button>',
        "</div>",
        # Filled by the script: a small copy of the diagram and the part in view.
        '<div id="am-mini" class="am-mini" aria-hidden="true"></div>',
        diagram,
        "</section>",
        *_panel(data, options),
        "</main>",
        *(key_html(view, data) if figure is not None and figure.key else []),
    ]
    return document(data["title"], "\n".join(body), data=data, live=live)


def rendered_page(view: View, options: RenderOptions, output: OutputOptions,
                  caption: str | None = None, *, live: LiveReload | None = None) -> Rendered:
    """Lay the view out with Graphviz (as ``--format svg`` does) and build its page.

    The drawing leaves out its legend: the page has one, in drawings and words, in
    the side panel (and the title is the page's heading, see :func:`inline_svg`)."""
    # `argmap serve` builds its pages here, not through render_view: bounded here too.
    check_drawn(view, output.max_drawn)
    svg = laid_out("svg")(view, replace(options, legend=False), output, caption)
    figure = print_figure(view, options, output, svg.data)
    page = page_html(view, options, svg.data, live=live, figure=figure)
    return Rendered(page.encode("utf-8"), svg.engine, svg.notices, (figure.note,))
