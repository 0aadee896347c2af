"""Mermaid flowchart text of a map, for Markdown pages that GitHub and GitLab render.

The same :class:`~argmap.render.select.View` and grammar as the DOT output
(:mod:`argmap.render.style`), as near as Mermaid's shapes allow: a recommendation
is a box with rounded corners and a bold outline, a claim a box, an assumption a
box with a dashed outline, an objection a box with cut corners (a hexagon), and
evidence, for which Mermaid has no note shape, a cylinder (a data store). A line
style per relation kind (``linkStyle``); undercut relations split at a small circle
that the undercut points at. A relation the analyst infers is labelled "inferred"
(and drawn thinner and lighter); a tension is a dotted line labelled "tension".
The title is the chart's (Mermaid's front matter), and the legend a subgraph of
the kinds drawn. Labels are wrapped at :data:`WRAP` characters at most, narrower
than the wrapping width the front matter sets (:data:`WRAPPING_WIDTH`), so that
Mermaid does not break them again.
Node ids are argmap's (``n1``, ``n2``, ``lg1``, ...), so no text from a map ever
reaches Mermaid outside a quoted, entity-escaped label or the JSON-quoted title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace

from argmap.errors import Problem
from argmap.loading.loader import LoadedMap, MapSet
from argmap.records import NodeKind, Provenance, RelationKind
from argmap.render.dot import label_lines
from argmap.render.escape import clean, mermaid_text, wrap
from argmap.render.options import RenderOptions
from argmap.render.select import View, select
from argmap.render.style import palette

__all__ = ["WRAP", "WRAPPING_WIDTH", "chart_title", "node_lines", "to_mermaid", "view_to_mermaid"]

#: Mermaid's wrapping width (px) that the chart sets: Mermaid 11's default; Mermaid 12 wraps
#: at 120 px, which broke most of argmap's lines a second time.
WRAPPING_WIDTH = 200
#: Longest label line: Mermaid wraps labels wider than its wrapping width by itself (200 px
#: are about 28 characters of its default font), which breaks argmap's lines a second time.
WRAP = 26
# Mermaid keeps its entities as "ﬂ°name¶ß" and "ﬂ°°123¶ß" while it draws, and at the end
# decodes those markers wherever they stand in the SVG, in text too: a label "ﬂ°lt¶ß" was
# drawn as "<". In a label of several lines it reads the text with its entities decoded
# for KaTeX maths (`$$x$$`) and line breaks (a backslash before "n"); in any label it
# draws "fa:fa-car" as a Font Awesome icon. A word joiner (invisible, and no place to
# break a line either) between two of their characters keeps a map's text from forming
# any of these (tests/test_mermaid_official.py draws them with the real Mermaid).
_MARKER = re.compile("(?<=\ufb02)(?=\u00b0)|(?<=\u00b6)(?=\u00df)|(?<=\\$)(?=\\$)"
                     "|(?<=\\\\)(?=n)|(?<=:)(?=fa-)")
# Mermaid trims a label as JavaScript's trim() does: no-break and other spaces too.
_JS_SPACES = (" \t\n\x0b\x0c\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
# Opening and closing brackets of each kind's shape (the DOT's shapes: style.py).
_SHAPES = {
    NodeKind.RECOMMENDATION: ("(", ")"),  # box with rounded corners
    NodeKind.CLAIM: ("[", "]"),  # box
    NodeKind.EVIDENCE: ("[(", ")]"),  # cylinder: Mermaid has no note shape
    NodeKind.ASSUMPTION: ("[", "]"),  # box, dashed outline (classDef)
    NodeKind.OBJECTION: ("{{", "}}"),  # cut corners: hexagon
}
_KIND_ORDER = (NodeKind.RECOMMENDATION, NodeKind.CLAIM, NodeKind.ASSUMPTION,
               NodeKind.OBJECTION, NodeKind.EVIDENCE)
_ARROWS = {
    RelationKind.SUPPORTS: "-->",
    RelationKind.ATTACKS: "-.-x",
    RelationKind.UNDERCUTS: "-.-x",
}
_DASHES = {RelationKind.SUPPORTS: None, RelationKind.ATTACKS: "6 4",
           RelationKind.UNDERCUTS: "2 3"}


def node_lines(view: View, key: str, options: RenderOptions, marked: bool) -> list[str]:
    """The lines a node's label shows, before escaping: what Mermaid must draw (the tests
    against the real Mermaid compare its drawing with these). Lines are trimmed as Mermaid
    trims them, and empty ones left out."""
    n = view.graph.nodes[key]
    shown_id = key if key in view.context else n.id
    options = replace(options, wrap_width=min(options.wrap_width, WRAP))
    lines = label_lines(n, options, shown_id, marked, view.node_notes.get(key))
    lines = [_MARKER.sub("\u2060", line).strip(_JS_SPACES) for line in lines]
    return [line for line in lines if line]


def chart_title(view: View) -> str:
    """The chart's title as Mermaid shows it, before quoting: one line of at most 300
    characters. Angle brackets become look-alike quotation marks: the title is shown as
    text, but no map text reaches a Markdown page's Mermaid block looking like a tag. Nor
    like the start of a directive (`%%{init: ...}%%`): the first of two percent signs is a
    full-width one."""
    title = " ".join(wrap(view.title, 300, 300)).replace("<", "\u2039").replace(">", "\u203a")
    return _MARKER.sub("\u2060", clean(re.sub("%(?=%)", "\uff05", title))).strip(_JS_SPACES)


def view_to_mermaid(view: View, options: RenderOptions | None = None) -> str:
    """Mermaid ``flowchart`` text of a :class:`View`."""
    options = options or RenderOptions()
    options = replace(options, wrap_width=min(options.wrap_width, WRAP))
    pal = palette(options.theme)
    graph = view.graph
    ids = {key: f"n{i + 1}" for i, key in enumerate(view.nodes)}
    # JSON is YAML: the title quoted and escaped for Mermaid's front matter.
    lines = ["---", f"title: {json.dumps(chart_title(view), ensure_ascii=False)}",
             "config:", "  flowchart:", f"    wrappingWidth: {WRAPPING_WIDTH}", "---",
             f"flowchart {options.direction.rankdir}"]
    marked: list[str] = []
    for key in view.nodes:
        kind = graph.nodes[key].kind
        opening, closing = _SHAPES[kind]
        flagged = options.highlight_findings and key in view.node_findings
        if flagged:
            marked.append(ids[key])
        # An empty label ("") is a syntax error to Mermaid (a text of control characters
        # or spaces only leaves no line): a space, which Mermaid trims, draws it empty.
        label = "<br/>".join(mermaid_text(line)
                             for line in node_lines(view, key, options, flagged)) or " "
        lines.append(f'  {ids[key]}{opening}"{label}"{closing}:::{kind.value}')
    relayed = view.undercut_relations
    # Relay circles are declared before any link refers to them (an undercut
    # may come before the relation it undercuts).
    lines += [f'  r{number}((" ")):::relay' for number in view.edges if number in relayed]
    # Link number, its style (relation kind and whether inferred, or None for a tension),
    # and whether it has a finding.
    links: list[tuple[int, tuple[RelationKind, bool] | None, bool]] = []

    def link(a: str, arrow: str, b: str, number: int) -> None:
        e = graph.edges[number]
        inferred = e.relation.by is Provenance.ANALYST
        finding = options.highlight_findings and number in view.edge_findings
        links.append((len(links), (e.kind, inferred), finding))
        text = "|inferred|" if inferred and arrow != "---" else ""
        lines.append(f"  {a} {arrow}{text} {b}")

    for number in view.edges:
        e = graph.edges[number]
        if e.target_edge is not None:
            link(ids[e.source], _ARROWS[e.kind], f"r{e.target_edge}", number)
        elif number in relayed:
            link(ids[e.source], "---", f"r{number}", number)
            link(f"r{number}", _ARROWS[e.kind], ids[e.target], number)
        else:
            link(ids[e.source], _ARROWS[e.kind], ids[e.target], number)
    for _, t in view.tensions:
        links.append((len(links), None, False))
        lines.append(f"  {ids[t.between[0]]} -.-|tension| {ids[t.between[1]]}")
    if options.legend and view.nodes:
        lines += _legend(view, links)
    for kind, st in pal.nodes.items():
        dash = ",stroke-dasharray:4 3" if "dashed" in st.style else ""
        width = f",stroke-width:{st.penwidth:g}px"
        lines.append(f"  classDef {kind.value} fill:{st.fill},stroke:{st.line},"
                     f"color:{pal.text}{width}{dash}")
    lines.append("  classDef relay fill:#FFFFFF,stroke:#999999")
    if marked:
        lines.append(f"  classDef finding stroke:{pal.finding},stroke-width:4px")
        lines.append(f"  class {','.join(marked)} finding")
    for style in [*((k, False) for k in RelationKind), *((k, True) for k in RelationKind),
                  None]:
        numbers = [str(n) for n, k, f in links if k == style and not f]
        if numbers:
            lines.append(f"  linkStyle {','.join(numbers)} {_link_style(options, style)}")
    flagged_links = [str(n) for n, _, f in links if f]
    if flagged_links:
        # One style for all of them: the finding colour wins over the kind's.
        lines.append(f"  linkStyle {','.join(flagged_links)} "
                     f"stroke:{pal.finding},stroke-width:4px")
    return "\n".join(lines) + "\n"


def _legend(view: View, links: list[tuple[int, tuple[RelationKind, bool] | None, bool]]
            ) -> list[str]:
    """The legend: a subgraph with a sample of each node kind drawn, then a sample line of
    each relation kind drawn (and of inferences and tensions when there are any)."""
    graph = view.graph
    kinds = {graph.nodes[k].kind for k in view.nodes}
    edges = [graph.edges[i] for i in view.edges]
    out = ['  subgraph legend ["Legend"]']
    out += [f'    lg{kind.value}{_SHAPES[kind][0]}"{kind.value}"{_SHAPES[kind][1]}:::{kind.value}'
            for kind in _KIND_ORDER if kind in kinds]
    samples: list[tuple[str, str, tuple[RelationKind, bool] | None]] = [
        (_ARROWS[k], k.value, (k, False)) for k in RelationKind if any(e.kind is k for e in edges)]
    inferred = [e.kind for e in edges if e.relation.by is Provenance.ANALYST]
    if inferred:
        samples.append((_ARROWS[inferred[0]], "inferred", (inferred[0], True)))
    if view.tensions:
        samples.append(("-.-", "tension", None))
    for n, (arrow, label, style) in enumerate(samples):
        links.append((len(links), style, False))
        out.append(f'    lg{n}a((" ")):::relay {arrow}|{label}| lg{n}b((" ")):::relay')
    out.append("  end")
    return out


def _link_style(options: RenderOptions, style: tuple[RelationKind, bool] | None) -> str:
    """The CSS of a group of links: a relation kind, stated or inferred, or tensions."""
    pal = palette(options.theme)
    if style is None:
        return (f"stroke:{pal.tension.color},stroke-width:{pal.tension.penwidth:g}px,"
                "stroke-dasharray:2 3")
    kind, inferred = style
    st = pal.edges[kind]
    color, width = ((pal.inferred.colors[kind], pal.inferred.penwidth) if inferred
                    else (st.color, st.penwidth))
    css = f"stroke:{color},stroke-width:{width:g}px"
    dash = _DASHES[kind]
    if dash is not None:
        css += f",stroke-dasharray:{dash}"
    return css


def to_mermaid(maps: MapSet | LoadedMap, options: RenderOptions | None = None,
               findings: Iterable[Problem] = ()) -> str:
    """Mermaid flowchart text of loaded maps under ``options``."""
    options = options or RenderOptions()
    return view_to_mermaid(select(maps, options, findings), options)
