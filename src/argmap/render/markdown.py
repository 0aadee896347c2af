"""A Markdown handout of a map: title, the diagram in Mermaid, and the argument as an outline.

The outline starts at the recommendations (or, failing those, at the nodes
that support nothing) and descends through what supports and attacks them
down to the evidence, with quotes and sources. A node already written out is
referred to by its id the next time it is reached, so cycles and shared
premises print once. All map text is escaped by
:func:`~argmap.render.escape.markdown_text`.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.errors import Problem
from argmap.graph import GEdge, GNode
from argmap.loading.loader import LoadedMap, MapSet
from argmap.records import NodeKind, Provenance, RelationKind, SourceRecord
from argmap.render.dot import MARKER
from argmap.render.escape import clean, markdown_text, safe_url
from argmap.render.mermaid import view_to_mermaid
from argmap.render.options import RenderOptions
from argmap.render.select import View, select

__all__ = ["to_markdown", "view_to_markdown"]

_VERB = {RelationKind.SUPPORTS: "supported by", RelationKind.ATTACKS: "attacked by",
         RelationKind.UNDERCUTS: "link undercut by"}


class _Outline:
    """Writes the nested list; remembers which nodes it has written out."""

    def __init__(self, view: View, options: RenderOptions) -> None:
        self.view = view
        self.options = options
        self.drawn = set(view.nodes)
        self.done: set[str] = set()
        self.lines: list[str] = []
        self.incoming: dict[str, list[GEdge]] = {k: [] for k in view.nodes}
        self.undercuts: dict[int, list[GEdge]] = {}
        for number in view.edges:
            e = view.graph.edges[number]
            if e.target_edge is None:
                self.incoming[e.target].append(e)
            else:
                self.undercuts.setdefault(e.target_edge, []).append(e)

    def _ref(self, n: GNode) -> str:
        shown = n.key if n.key in self.view.context else n.id
        return f"`{shown}`"

    def node(self, key: str, depth: int, verb: str | None) -> None:
        n = self.view.graph.nodes[key]
        pad = "  " * depth
        lead = f"*{verb}* " if verb else ""
        kind = n.kind.value.capitalize()
        if key in self.done:
            self.lines.append(f"{pad}- {lead}{kind} {self._ref(n)} (see above)")
            return
        self.done.add(key)
        findings = self.view.node_findings.get(key, ()) if self.options.highlight_findings else ()
        mark = f"{MARKER} " if findings else ""
        title = f" *{markdown_text(n.node.title)}*" if n.node.title else ""
        self.lines.append(f"{pad}- {lead}{mark}**{kind}** {self._ref(n)}{title}: "
                          f"{markdown_text(n.node.text)}")
        inner = "  " * (depth + 1)
        if n.node.quote:
            self.lines.append(f"{inner}> \u201c{markdown_text(n.node.quote)}\u201d")
            cite = _citation(n)
            if cite:
                self.lines.append(f"{inner}> \u2014 {cite}")
        elif _citation(n):
            self.lines.append(f"{inner}Source: {_citation(n)}")
        self.lines += [f"{inner}- {MARKER} {markdown_text(f)}" for f in findings]
        order = {RelationKind.SUPPORTS: 0, RelationKind.ATTACKS: 1}
        for e in sorted(self.incoming[key], key=lambda e: (order.get(e.kind, 2), e.number)):
            self.node(e.source, depth + 1, _verb(e, _VERB[e.kind]))
            for u in self.undercuts.get(e.number, ()):
                self.node(u.source, depth + 2, _verb(u, "link undercut by"))


def _verb(e: GEdge, verb: str) -> str:
    """How a relation is introduced: the analyst's inferences say so."""
    return f"{verb} (the analyst's inference)" if e.relation.by is Provenance.ANALYST else verb


def _citation(n: GNode) -> str:
    ref = n.node.source
    source = next((s for s in n.map.map.sources if s.id == ref), None) if ref else None
    if source is None:
        return ""
    # The source by id: its full entry is in the Sources section at the end.
    text = f"`{source.id}`"
    if n.node.locator:
        text += f", {markdown_text(n.node.locator)}"
    url = safe_url(source.url)
    if url is not None:
        text += f" ([link](<{url}>))"
    return text


def _roots(view: View) -> list[str]:
    graph = view.graph
    drawn = set(view.nodes)
    supporting = {e.source for i in view.edges
                  if (e := graph.edges[i]).kind is not RelationKind.UNDERCUTS
                  and e.target in drawn}
    roots = [k for k in view.nodes
             if graph.nodes[k].kind is NodeKind.RECOMMENDATION and k not in supporting]
    return roots or [k for k in view.nodes if k not in supporting]


def _source_line(s: SourceRecord) -> str:
    parts = [f"**{markdown_text(s.title)}**"]
    parts += [markdown_text(v) for v in (s.author, s.date) if v]
    url = safe_url(s.url)
    if url is not None:
        parts.append(f"<{url}>")
    line = f"- `{s.id}`: " + ", ".join(parts)
    return line + (f". {markdown_text(s.note)}" if s.note else "")


def view_to_markdown(view: View, options: RenderOptions | None = None) -> str:
    """The Markdown handout of a :class:`View`."""
    options = options or RenderOptions()
    out = [f"# {markdown_text(view.title)}", ""]
    for m in view.maps:
        for label, value in (("Question", m.map.question), ("Thesis", m.map.thesis)):
            if value:
                out += [f"**{label}:** {markdown_text(value)}", ""]
        byline = ", ".join(clean(a) for a in m.map.authors)
        meta = " \u00b7 ".join(x for x in (byline, m.map.date) if x)
        if meta:
            out += [f"*{markdown_text(meta)}*", ""]
    out += ["## Diagram", "", "```mermaid", view_to_mermaid(view, options).rstrip("\n"),
            "```", "", "## The argument", ""]
    outline = _Outline(view, options)
    for key in _roots(view):
        outline.node(key, 0, None)
    out += outline.lines or ["*(nothing to outline)*"]
    rest = [k for k in view.nodes if k not in outline.done]
    if rest:
        out += ["", "### Not connected to the recommendations", ""]
        for key in rest:
            if key not in outline.done:
                outline.lines = []
                outline.node(key, 0, None)
                out += outline.lines
    if view.tensions:
        out += ["", "## Tensions in the source", ""]
        for _, t in view.tensions:
            a, b = (outline._ref(view.graph.nodes[k]) for k in t.between)
            note = f": {markdown_text(t.tension.note)}" if t.tension.note else ""
            out.append(f"- {a} and {b} (`{t.tension.id}`){note}")
    if options.highlight_findings and view.map_findings:
        out += ["", "## Other findings", ""]
        out += [f"- {MARKER} {markdown_text(f)}" for f in view.map_findings]
    sources = [s for m in view.maps for s in m.map.sources]
    if sources:
        out += ["", "## Sources", ""] + [_source_line(s) for s in sources]
    return "\n".join(out) + "\n"


def to_markdown(maps: MapSet | LoadedMap, options: RenderOptions | None = None,
                findings: Iterable[Problem] = ()) -> str:
    """The Markdown handout of loaded maps under ``options``."""
    options = options or RenderOptions()
    return view_to_markdown(select(maps, options, findings), options)
