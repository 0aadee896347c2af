"""The legend of a DOT drawing: the node kinds and relation kinds a diagram shows.

A small grid drawn as a cluster: node kinds in one column, line samples (and the
analyst's inference, tensions and the findings' marking when there are any) beside
them, one row per rank, the first row on the side the reader starts from. An
overview's legend (short labels) is a single column, each kind and each sample a row.
"""

from __future__ import annotations

from itertools import pairwise

from argmap.records import NodeKind, Provenance, RelationKind
from argmap.render.crux import CruxMarks
from argmap.render.dotattrs import MARKER, SMALLEST_FONT, Attr, attrs
from argmap.render.escape import dot_quote, wrap
from argmap.render.labels import SHORT_WIDTH
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.select import View
from argmap.render.style import Palette

__all__ = ["legend_lines"]

#: Node kinds in the legend's order: the reading order of the diagram, top down.
_KIND_ORDER = (NodeKind.RECOMMENDATION, NodeKind.CLAIM, NodeKind.ASSUMPTION,
               NodeKind.OBJECTION, NodeKind.EVIDENCE)


def legend_lines(view: View, pal: Palette, options: RenderOptions,
                 marks: CruxMarks | None = None) -> list[str]:
    """The legend: a small grid, node kinds in one column and line samples in the next.

    One row per rank (rows chained by invisible edges): drawn in a single rank, as
    dot would by itself, the legend was about a quarter of a small map's width.
    """
    graph = view.graph
    kinds = {graph.nodes[k].kind for k in view.nodes}
    relations = {graph.edges[i].kind for i in view.edges}
    lines = ['  subgraph "cluster_legend" {',
             "    graph " + attrs({"label": "Legend", "style": "rounded", "color": "#999999",
                                    "fontsize": "12", "tooltip": "Legend"}) + ";"]
    column: list[str] = []
    for kind in _KIND_ORDER:
        if kind in kinds:
            st = pal.nodes[kind]
            box: dict[str, Attr] = {
                "label": kind.value, "shape": st.shape, "style": st.style,
                "fillcolor": st.fill, "color": st.line, "penwidth": f"{st.penwidth:g}",
                "fontsize": f"{SMALLEST_FONT}", "tooltip": f"{kind.value} node"}
            lines.append(f"    {dot_quote('~legend-' + kind.value)} {attrs(box)};")
            column.append(f"~legend-{kind.value}")
    samples: list[tuple[str, str, dict[str, Attr]]] = []
    for rkind in RelationKind:
        if rkind in relations:
            est = pal.edges[rkind]
            samples.append((rkind.value, rkind.value, {
                "style": est.style, "color": est.color, "arrowhead": est.arrowhead,
                "penwidth": f"{est.penwidth:g}", "tooltip": f"{rkind.value} relation"}))
    inferred = [graph.edges[i].kind for i in view.edges
                if graph.edges[i].relation.by is Provenance.ANALYST]
    if inferred:
        first = inferred[0]
        samples.append(("inferred", "the analyst's inference", {
            "style": pal.edges[first].style, "color": pal.inferred.colors[first],
            "arrowhead": pal.edges[first].arrowhead, "dir": "both",
            "arrowtail": pal.inferred.arrowtail, "penwidth": f"{pal.inferred.penwidth:g}",
            "tooltip": "a relation the analyst infers (by: analyst); without the circle: "
            "stated by the source"}))
    if view.tensions:
        samples.append(("tension", "tension", {
            "style": pal.tension.style, "color": pal.tension.color, "dir": "none",
            "penwidth": f"{pal.tension.penwidth:g}",
            "tooltip": "two nodes the source leaves inconsistent"}))
    rows: list[list[str]] = [[name] for name in column]
    compact = options.labels is LabelMode.SHORT
    sideways = options.direction.rankdir in ("LR", "RL")
    for i, (name, label, style) in enumerate(samples):
        a, b = f"~legend-{name}-a", f"~legend-{name}-b"
        point = attrs({"shape": "point", "width": "0.06", "color": "#999999"})
        lines += [f"    {dot_quote(end)} {point};" for end in (a, b)]
        if not compact:
            # A flat edge in its row. Top-down or bottom-up it stays a constraint: that is
            # what puts its tail left of its head (with constraint=false nothing ordered
            # them and dot drew the arrows pointing left; the map is no wider so). Left to
            # right a row is a column, and a constraint turned the arrows upwards: there
            # it is none, and dot draws them downwards, the way the column reads.
            flat: dict[str, Attr] = {"constraint": "false"} if sideways else {}
            lines.append(f"    {dot_quote(a)} -> {dot_quote(b)} " + attrs({
                **flat, "label": label, **style,
                "fontsize": f"{SMALLEST_FONT}"}) + ";")
            _add_to_row(rows, i, [a, b])
            continue
        # An overview's legend: the sample is a flat edge in its row (minlen times the
        # space between nodes: a third of an inch; half an inch made the flagship's
        # overview on A4 landscape 2% wider), its name a text node after it. A label on
        # the edge makes dot add a rank for it: the flagship's overview was a tenth
        # wider and taller so (argmap's layered layout draws only the other legend).
        lines.append(f"    {dot_quote(a)} -> {dot_quote(b)} " + attrs({
            **style, "minlen": "6"}) + ";")
        lines.append(f"    {dot_quote(f'~legend-{name}-label')} " + attrs({
            # Wrapped like the short labels: left to right, a row of the legend is a rank,
            # and "the analyst's inference" in one line made its rank the widest.
            "shape": "plaintext", "label": wrap(label, SHORT_WIDTH + 2, 60),
            "fontsize": f"{SMALLEST_FONT}",
            "margin": "0.02,0", "tooltip": str(style["tooltip"])}) + ";")
        # A row of its own: the overview's legend is one narrow column (a strip left to
        # right). Beside its kind, the legend cost the flagship's bottom-up overview a
        # seventh of its width (1,292 pt with it, 1,122 without, 1,222 in one column).
        rows.append([a, b, f"~legend-{name}-label"])
    if options.highlight_findings and (view.node_findings or view.edge_findings):
        lines.append(f"    {dot_quote('~legend-finding')} " + attrs({
            "label": f"{MARKER} check finding", "shape": "box", "style": "filled",
            "fillcolor": "#FFFFFF", "color": pal.finding, "penwidth": "3",
            "peripheries": "2", "fontsize": f"{SMALLEST_FONT}",
            "tooltip": "node with a check finding"}) + ";")
        _add_to_row(rows, len(rows) if compact else len(samples), ["~legend-finding"])
    if marks is not None:
        lines.append(f"    {dot_quote('~legend-crux')} " + attrs({
            "label": ["[crux 1] reject together:", "brings the target down"],
            "shape": "box", "style": "filled", "fillcolor": "#FFFFFF", "color": pal.crux,
            "penwidth": "4", "fontsize": f"{SMALLEST_FONT}",
            "tooltip": "a node or relation of a smallest crux (render --crux)"}) + ";")
        _add_to_row(rows, len(rows) if compact else len(samples) + 1, ["~legend-crux"])
    lines += _legend_grid(rows, options, compact)
    lines.append("  }")
    return lines


def _add_to_row(rows: list[list[str]], i: int, names: list[str]) -> None:
    if i < len(rows):
        rows[i] += names
    else:
        rows.append(names)


def _legend_grid(rows: list[list[str]], options: RenderOptions, compact: bool) -> list[str]:
    """Rows of the legend on consecutive ranks, the first row on the side the reader
    starts from (the top, or the left)."""
    out = [f"    {{rank=same; {' '.join(map(dot_quote, row))}}}" for row in rows if len(row) > 1]
    # Left to right in each row (a flat edge puts its tail first): the kind, the sample
    # (its own edge), the sample's name.
    if compact:
        out += [f"    {dot_quote(left)} -> {dot_quote(right)} [style=\"invis\"];"
                for row in rows for left, right in pairwise(row)
                if not (left.endswith("-a") and right.endswith("-b"))]
    backwards = options.direction.rankdir in ("BT", "RL")
    for upper, lower in pairwise(rows):
        a, b = (lower[0], upper[0]) if backwards else (upper[0], lower[0])
        out.append(f"    {dot_quote(a)} -> {dot_quote(b)} [style=\"invis\"];")
    return out
