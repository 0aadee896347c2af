"""DOT text of a map, written by argmap itself: a pure, deterministic function.

Same maps and options give byte-identical text (golden files in the tests).
Every value that comes from a map goes through :mod:`argmap.render.escape`;
attribute names and constants are argmap's own.

An undercut attacks a relation, not a node, so a relation that is undercut is
drawn in two halves joined at a small dot, and the undercut ends at that dot.
A relation the analyst infers starts at a small open circle (see
:mod:`argmap.render.style`); a tension of the source is a dotted, undirected
line labelled "tension" that does not pull the layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from argmap.errors import Problem
from argmap.graph import GEdge, GNode
from argmap.loading.loader import LoadedMap, MapSet
from argmap.records import NodeKind, Provenance, RelationKind, RelationRecord, SourceRecord
from argmap.render.crux import CruxMarks, crux_marks, edge_marks, node_marks
from argmap.render.dotattrs import MARKER, SMALLEST_FONT, Attr
from argmap.render.dotattrs import attrs as _attrs
from argmap.render.escape import cap, clean, dot_id, safe_url, wrap
from argmap.render.labels import COMPACT_MARGIN, COMPACT_SPACING, short_lines
from argmap.render.legend import legend_lines
from argmap.render.options import Grouping, LabelMode, RenderOptions
from argmap.render.select import View, resolve_node, select
from argmap.render.style import FONT, Palette, palette
from argmap.schemes import SCHEMES

__all__ = ["MARKER", "SMALLEST_FONT", "Cut", "Stub", "relation_provenance", "relay_name",
           "to_dot", "view_to_dot"]

#: Longest tooltip text; browsers show tooltips in one box.
TOOLTIP_CHARS = 1500


@dataclass(frozen=True)
class Stub:
    """A small node standing for what continues elsewhere (a node on another page)."""

    name: str
    """DOT name; starts with ``~`` like argmap's other own nodes (keys have ``:``)."""
    lines: tuple[str, ...]
    """The label's lines, before escaping."""


@dataclass(frozen=True)
class Cut:
    """A relation drawn from or to a :class:`Stub` (its other end is elsewhere)."""

    index: int
    """The relation's index in ``graph.edges``."""
    tail: str
    head: str


#: Space between nodes and ranks and around the drawing, in inches: the full-text
#: drawing's (the overview's is :data:`~argmap.render.labels.COMPACT_SPACING`).
_SPACING = {"ranksep": "0.45", "nodesep": "0.25", "pad": "0.3"}


def relay_name(index: int) -> str:
    """DOT name of the dot on undercut relation ``index``; no key looks like it (keys have ':')."""
    return f"~rel{index}"


def label_lines(n: GNode, options: RenderOptions, shown_id: str, marked: bool,
                note: str | None = None) -> list[str]:
    """The lines of a node's label, before escaping (shared by DOT and Mermaid):
    the ``--show`` note, the id and/or the wrapped text (or the short label), a marker
    for findings."""
    lines: list[str] = []
    mode = options.labels
    if note is not None:
        lines.append(f"[{note}]")
    if mode in (LabelMode.ID, LabelMode.BOTH):
        lines.append(shown_id)
    if mode is LabelMode.SHORT:
        lines += short_lines(n.id, n.node.text, options.short_width, n.node.title)
    elif mode is not LabelMode.ID:
        lines += wrap(n.node.text, options.wrap_width, options.max_chars)
    if marked:
        lines[0] = f"{MARKER} {lines[0]}"
    return lines


def _tooltip(view: View, n: GNode, findings: Sequence[str]) -> list[str]:
    node = n.node
    lines = [f"{n.kind.value} {n.id}: {clean(node.text)}"]
    note = view.node_notes.get(n.key)
    if note is not None:
        lines.append(f"Semantics: {note}")
    if node.quote:
        lines.append(f"Quote: \u201c{clean(node.quote)}\u201d")
    source = _source(n)
    if source is not None:
        where = f", {clean(node.locator)}" if node.locator else ""
        lines.append(f"Source: {clean(source.title)}{where}")
    if node.note:
        lines.append(f"Note: {clean(node.note)}")
    lines += [f"{MARKER} {f}" for f in findings]
    return _tooltip_cap(lines)


def _tooltip_cap(lines: list[str]) -> list[str]:
    out: list[str] = []
    left = TOOLTIP_CHARS
    for line in lines:
        if left <= 0:
            break
        out.append(cap(line, left))
        left -= len(out[-1])
    return out


def _source(n: GNode) -> SourceRecord | None:
    ref = n.node.source
    if ref is None or ":" in ref:
        return None
    return next((s for s in n.map.map.sources if s.id == ref), None)


def _node(view: View, key: str, options: RenderOptions, pal: Palette, hidden: bool,
          emphasised: bool = False, page: int | None = None,
          marks: CruxMarks | None = None) -> str:
    n = view.graph.nodes[key]
    st = pal.nodes[n.kind]
    findings = view.node_findings.get(key, ()) if options.highlight_findings else ()
    context = key in view.context
    note = view.node_notes.get(key)
    crux_note, crux_attrs = node_marks(marks, key, pal) if marks else (None, {})
    if crux_note is not None:
        note = crux_note if note is None else f"{note}; {crux_note}"
    label = label_lines(n, options, key if context else n.id, bool(findings), note)
    attrs: dict[str, Attr] = {
        "label": label,
        "shape": st.shape,
        "style": st.style + (",dashed" if context and "dashed" not in st.style else ""),
        "fillcolor": "#FFFFFF" if context else st.fill,
        "color": st.line,
        "penwidth": f"{st.penwidth:g}",
        "class": n.kind.value,
        "tooltip": _tooltip(view, n, findings),
    }
    if findings:
        attrs.update(color=pal.finding, penwidth="3", peripheries="2",
                     **{"class": f"{n.kind.value} finding"})
    if crux_attrs:
        attrs.update(crux_attrs, **{"class": f"{attrs['class']} crux"})
    source = _source(n)
    url = safe_url(source.url if source is not None else None)
    if url is not None:
        attrs.update(URL=url, target="_blank")
    if page is not None:
        # Outside the box, placed after the layout: the overview keeps its size (a line
        # in every box made the flagship's a tenth taller, under 7 pt on a slide).
        attrs["xlabel"] = f"p. {page}"
    if emphasised and not hidden:
        # New in this step of a reveal: a bold outline twice as thick (at least 3 pt).
        attrs["penwidth"] = f"{max(float(str(attrs['penwidth'])) * 2, 3):g}"
        if "bold" not in str(attrs["style"]):
            attrs["style"] = f"{attrs['style']},bold"
    if hidden:
        attrs["style"] = "invis"
    return f"  {dot_id(key)} {_attrs(attrs)};"


def _edge_attrs(view: View, e: GEdge, options: RenderOptions, pal: Palette,
                hidden: bool, marks: CruxMarks | None = None) -> dict[str, Attr]:
    st = pal.edges[e.kind]
    graph = view.graph
    if e.target_edge is not None:
        cut = graph.edges[e.target_edge]
        what = f"{graph.nodes[cut.source].id} \u2192 {graph.nodes[cut.target].id}"
    else:
        what = graph.nodes[e.target].id
    findings = view.edge_findings.get(e.number, ()) if options.highlight_findings else ()
    rel = e.relation
    inferred = rel.by is Provenance.ANALYST
    tip = [f"{graph.nodes[e.source].id} {e.kind.value} {what}", relation_provenance(rel)]
    if rel.scheme is not None:
        tip.append(f"Scheme: {SCHEMES[rel.scheme].name}")
    if rel.question is not None:
        tip.append(f"Raises critical question {rel.question}")
    if isinstance(rel.strength, tuple):  # an interval
        tip.append(f"strength {rel.strength[0]:g} to {rel.strength[1]:g}")
    elif rel.strength is not None:
        tip.append(f"strength {rel.strength:g}")
    if rel.note:
        tip.append(f"Note: {clean(rel.note)}")
    tip += [f"{MARKER} {f}" for f in findings]
    classes = e.kind.value + (" inferred" if inferred else "")
    attrs: dict[str, Attr] = {
        "id": f"rel{e.number}",
        "style": st.style,
        "color": pal.inferred.colors[e.kind] if inferred else st.color,
        "arrowhead": st.arrowhead,
        "penwidth": f"{pal.inferred.penwidth if inferred else st.penwidth:g}",
        "class": classes,
        "tooltip": _tooltip_cap(tip),
    }
    if inferred:
        attrs.update(dir="both", arrowtail=pal.inferred.arrowtail)
    if findings:
        attrs.update(color=pal.finding, penwidth="3.5", label=MARKER, fontcolor=pal.finding,
                     **{"class": f"{classes} finding"})
    crux = edge_marks(marks, e.number, pal) if marks else {}
    if crux:
        attrs.update(crux, **{"class": f"{attrs['class']} crux"})
    if hidden:
        attrs["style"] = "invis"
    return attrs


def _edges(view: View, options: RenderOptions, pal: Palette,
           hidden: frozenset[str], marks: CruxMarks | None = None) -> list[str]:
    graph = view.graph
    relayed = view.undercut_relations
    out: list[str] = []
    for i in view.edges:
        e = graph.edges[i]
        invisible = e.source in hidden or e.target in hidden
        if e.target_edge is not None:
            rel = graph.edges[e.target_edge]
            invisible = invisible or rel.source in hidden
        attrs = _edge_attrs(view, e, options, pal, invisible, marks)
        src = dot_id(e.source)
        if e.target_edge is not None:
            out.append(f"  {src} -> {dot_id(relay_name(e.target_edge))} {_attrs(attrs)};")
        elif i in relayed:
            relay = dot_id(relay_name(i))
            point: dict[str, Attr] = {"shape": "point", "width": "0.09",
                                      "color": str(attrs["color"]), "tooltip": attrs["tooltip"]}
            if invisible:
                point["style"] = "invis"
            first = {**attrs, "id": f"rel{i}-from", "arrowhead": "none"}
            # The circle of an inferred relation marks where it starts: the first half.
            second = {k: v for k, v in attrs.items() if k not in ("dir", "arrowtail", "label")}
            second["id"] = f"rel{i}-to"
            out.append(f"  {relay} {_attrs(point)};")
            out.append(f"  {src} -> {relay} {_attrs(first)};")
            out.append(f"  {relay} -> {dot_id(e.target)} {_attrs(second)};")
        else:
            out.append(f"  {src} -> {dot_id(e.target)} {_attrs(attrs)};")
    for i, t in view.tensions:
        a, b = t.between
        st = pal.tension
        tip = [f"tension {t.tension.id}: {graph.nodes[a].id} and {graph.nodes[b].id} do not "
               "agree in the source"]
        if t.tension.note:
            tip.append(f"Note: {clean(t.tension.note)}")
        tip += [f"Quote: \u201c{clean(q)}\u201d" for q in t.tension.quotes]
        tension: dict[str, Attr] = {
            "id": f"tension{i}", "dir": "none", "style": st.style, "color": st.color,
            # An external label: dot places it after the layout (a `label` on an edge
            # that does not constrain the ranks can make dot lose the edge).
            "penwidth": f"{st.penwidth:g}", "xlabel": "tension", "fontcolor": st.color,
            # Not a relation: it must not pull the two nodes' ranks together.
            "constraint": "false", "class": "tension", "tooltip": _tooltip_cap(tip)}
        if a in hidden or b in hidden:
            tension["style"] = "invis"
        out.append(f"  {dot_id(a)} -> {dot_id(b)} {_attrs(tension)};")
    return out


def _stubs(stubs: Sequence[Stub], cut: Sequence[Cut], view: View, options: RenderOptions,
           pal: Palette) -> list[str]:
    out = [f"  {dot_id(st.name)} " + _attrs({
        "label": list(st.lines), "shape": "box", "style": "rounded,dashed",
        "color": "#777777", "fontcolor": pal.text, "fontsize": f"{SMALLEST_FONT}",
        "tooltip": list(st.lines)}) + ";" for st in stubs]
    for c in cut:
        attrs = _edge_attrs(view, view.graph.edges[c.index], options, pal, False)
        out.append(f"  {dot_id(c.tail)} -> {dot_id(c.head)} {_attrs(attrs)};")
    return out


def relation_provenance(rel: RelationRecord) -> str:
    """Who draws a relation, in words (with the source's passage when it is given)."""
    if rel.by is Provenance.ANALYST:
        return "The analyst's inference (by: analyst)"
    if rel.quote:
        return f"Stated by the source: \u201c{clean(rel.quote)}\u201d"
    return "Stated by the source"


def _group_of(view: View, key: str, grouping: Grouping) -> str | None:
    n = view.graph.nodes[key]
    if grouping is Grouping.SECTION:
        return n.node.section
    if grouping is Grouping.TAG:
        return n.node.tags[0] if n.node.tags else None
    if grouping is Grouping.FILE:
        return n.map.name + (" (context)" if key in view.context else "")
    return None


def _tiers(view: View) -> tuple[list[str], list[str]]:
    """The evidence, and the recommendations that support no node drawn."""
    graph = view.graph
    drawn = set(view.nodes)
    supporting = {e.source for i in view.edges
                  if (e := graph.edges[i]).kind is RelationKind.SUPPORTS and e.target in drawn}
    first = [k for k in view.nodes if graph.nodes[k].kind is NodeKind.EVIDENCE]
    last = [k for k in view.nodes
            if graph.nodes[k].kind is NodeKind.RECOMMENDATION and k not in supporting]
    return first, last


def _ranks(view: View) -> list[str]:
    """Evidence on the first rank, recommendations that support nothing drawn on the last.

    Without this, dot puts each node as close to its neighbours as it can,
    and the tiers the reader looks for (evidence at the bottom,
    recommendations on top) dissolve.
    """
    first, last = _tiers(view)
    out = []
    for rank, keys in (("min", first), ("max", last)):
        if keys:
            out.append(f"  {{rank={rank}; " + " ".join(map(dot_id, keys)) + "}")
    return out


def view_to_dot(view: View, options: RenderOptions | None = None, *,
                hidden: Iterable[str] = (), caption: str | None = None,
                stubs: Sequence[Stub] = (), cut: Sequence[Cut] = (),
                emphasis: Iterable[str] = (), page_of: Mapping[str, int] | None = None) -> str:
    """DOT text of a :class:`View`.

    ``hidden`` nodes (and their relations) are laid out but invisible, which
    keeps positions stable across the steps of a reveal; ``caption`` is
    added under the title. ``stubs`` and the ``cut`` relations to and from them
    show where a page's relations continue (:mod:`argmap.render.pages`);
    ``emphasis`` nodes (a reveal step's new ones) get a bold outline; a node in
    ``page_of`` names its page beside its box (``p. 3``: an overview naming where its
    text is).
    """
    options = options or RenderOptions()
    pal = palette(options.theme)
    # Short labels make an overview: the boxes are small, and so are the gaps between them.
    compact = options.labels is LabelMode.SHORT
    hide = frozenset(hidden)
    bold = frozenset(emphasis)
    marks = crux_marks(view.graph, resolve_node(view.graph, view.maps, options.crux)) \
        if options.crux is not None else None
    title = [clean(view.title)] + ([clean(caption)] if caption else []) \
        + ([clean(marks.title)] if marks else [])
    graph_tip = [clean(view.title)] + [f"{MARKER} {f}" for f in view.map_findings
                                       if options.highlight_findings]
    lines = [
        "digraph argmap {",
        "  graph " + _attrs({
            "label": [line for t in title for line in wrap(t, options.title_width, 300)],
            "labelloc": "t", "fontsize": "20", "fontname": FONT, "rankdir":
            options.direction.rankdir, "newrank": "true",
            **(COMPACT_SPACING if compact else _SPACING), "margin": "0",
            "bgcolor": "#FFFFFF",
            "fontcolor": pal.text, "tooltip": _tooltip_cap(graph_tip),
            **({"ratio": f"{options.stretch:.3f}"} if options.stretch else {})}) + ";",
        "  node " + _attrs({"fontname": FONT, "fontsize": "11", "fontcolor": pal.text,
                            "margin": COMPACT_MARGIN if compact else "0.12,0.06"}) + ";",
        "  edge " + _attrs({"fontname": FONT, "fontsize": f"{SMALLEST_FONT}"}) + ";",
    ]
    if options.legend and view.nodes:
        # Left to right the legend is a column in the last rank: with the conclusions
        # (rank=max) when there are any.
        lines += legend_lines(view, pal, options, marks, bool(_tiers(view)[1]))
    groups: dict[str, list[str]] = {}
    loose: list[str] = []
    for key in view.nodes:
        group = _group_of(view, key, options.group)
        target = loose if group is None else groups.setdefault(group, [])
        target.append(_node(view, key, options, pal, key in hide, key in bold,
                            (page_of or {}).get(key), marks))
    for i, (name, members) in enumerate(groups.items()):
        lines.append(f'  subgraph "cluster_{i}" {{')
        lines.append("    graph " + _attrs({"label": wrap(name, 60, 120), "style": "rounded,filled",
                                      "color": pal.cluster_line, "fillcolor": pal.cluster_fill,
                                      "fontsize": "13", "tooltip": name}) + ";")
        lines += ["  " + m for m in members]
        lines.append("  }")
    lines += loose
    lines += _ranks(view)
    lines += _edges(view, options, pal, hide, marks)
    lines += _stubs(stubs, cut, view, options, pal)
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_dot(maps: MapSet | LoadedMap, options: RenderOptions | None = None,
           findings: Iterable[Problem] = ()) -> str:
    """DOT text of loaded maps under ``options`` (see :func:`select` for ``findings``)."""
    options = options or RenderOptions()
    return view_to_dot(select(maps, options, findings), options)
