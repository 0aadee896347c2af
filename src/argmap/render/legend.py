"""The legend of a DOT drawing: the node kinds and relation kinds a diagram shows.

Top down or bottom up, a small grid drawn as a cluster: node kinds in one column, line
samples (and the analyst's inference, tensions and the findings' marking when there
are any) beside them, one row per rank, the first row on the side the reader starts
from. An overview's legend (short labels) is a single column, each kind and each sample
a row. Left to right or right to left a rank is a column, so there the legend is one
column in the map's last rank (beside the conclusions): the kinds, then a row per
sample, its name and the sample in two thin ranks of its own outside the map, so that
each sample is drawn flat, tail left, head right.
"""

from __future__ import annotations

from itertools import pairwise

from argmap.records import NodeKind, Provenance, RelationKind
from argmap.render.crux import CruxMarks
from argmap.render.dotattrs import MARKER, SMALLEST_FONT, Attr, attrs
from argmap.render.escape import dot_id, dot_lines, wrap
from argmap.render.labels import SHORT_WIDTH
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.select import View
from argmap.render.style import Palette

__all__ = ["legend_lines"]

#: Node kinds in the legend's order: the reading order of the diagram, top down.
_KIND_ORDER = (NodeKind.RECOMMENDATION, NodeKind.CLAIM, NodeKind.ASSUMPTION,
               NodeKind.OBJECTION, NodeKind.EVIDENCE)
#: A generous width of one character of a sample's name ("the analyst's inference" is
#: 115 pt in 11 pt Noto Sans, 5 pt a character; DejaVu Sans, the fallback, is wider): a
#: name box narrower than its text would grow and stand out of the column it aligns.
_CHAR_WIDTH = 6.6
#: Ranks a sample spans left to right (minlen): a rank is 0.45 inch apart in full text
#: (36 pt with the points), 0.15 in an overview, where one rank made a 15 pt sample.
_SIDE_SPAN = {False: 1, True: 2}
_POINT = {"shape": "point", "width": "0.06", "color": "#999999"}

Sample = tuple[str, str, dict[str, Attr]]
"""A sample's name in node names, its label, and its edge's style."""


def legend_lines(view: View, pal: Palette, options: RenderOptions,
                 marks: CruxMarks | None = None, ranked: bool = False) -> list[str]:
    """The legend: a cluster with the node kinds and a sample of each line drawn.

    Top down or bottom up it is a small grid, one row per rank (rows chained by
    invisible edges): drawn in a single rank, as dot would by itself, the legend was
    about a quarter of a small map's width. Left to right it is a column in the map's
    last rank (the lines after the cluster put it there; ``ranked``: the DOT has a
    rank=max set).
    """
    graph = view.graph
    kinds = {graph.nodes[k].kind for k in view.nodes}
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
            lines.append(f"    {dot_id('~legend-' + kind.value)} {attrs(box)};")
            column.append(f"~legend-{kind.value}")
    samples = _samples(view, pal)
    compact = options.labels is LabelMode.SHORT
    boxes = _boxes(view, pal, options, marks)
    if options.direction.rankdir in ("LR", "RL"):
        # The nodes no relation leaves (a relation to a relation leaves its source too;
        # one to evidence, which is on the first rank, runs backwards from it).
        sources = {e.target if graph.nodes[e.target].kind is NodeKind.EVIDENCE
                   and e.target_edge is None else e.source
                   for e in (graph.edges[i] for i in view.edges)}
        sinks = [k for k in view.nodes if k not in sources]
        body, after = _sideways(column, samples, boxes, options, compact, ranked, sinks)
        return [*lines, *body, "  }", *after]
    return [*lines, *_upright(column, samples, boxes, options, compact), "  }"]


def _samples(view: View, pal: Palette) -> list[Sample]:
    """The samples the legend shows: each relation kind drawn, the analyst's inference
    and the tension line when there are any."""
    graph = view.graph
    relations = {graph.edges[i].kind for i in view.edges}
    samples: list[Sample] = []
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
    return samples


def _boxes(view: View, pal: Palette, options: RenderOptions,
           marks: CruxMarks | None) -> list[tuple[str, str]]:
    """The finding's and the crux's samples: (node name, declaration)."""
    out: list[tuple[str, str]] = []
    if options.highlight_findings and (view.node_findings or view.edge_findings):
        out.append(("~legend-finding", f"    {dot_id('~legend-finding')} " + attrs({
            "label": f"{MARKER} check finding", "shape": "box", "style": "filled",
            "fillcolor": "#FFFFFF", "color": pal.finding, "penwidth": "3",
            "peripheries": "2", "fontsize": f"{SMALLEST_FONT}",
            "tooltip": "node with a check finding"}) + ";"))
    if marks is not None:
        out.append(("~legend-crux", f"    {dot_id('~legend-crux')} " + attrs({
            "label": ["[crux 1] reject together:", "brings the target down"],
            "shape": "box", "style": "filled", "fillcolor": "#FFFFFF", "color": pal.crux,
            "penwidth": "4", "fontsize": f"{SMALLEST_FONT}",
            "tooltip": "a node or relation of a smallest crux (render --crux)"}) + ";"))
    return out


def _name(name: str, label: str, style: dict[str, Attr], compact: bool, margin: str,
          size: dict[str, Attr] | None = None, justify: str = "\\n") -> str:
    """A sample's name: a text node (an overview's are wrapped like the short labels:
    left to right, "the analyst's inference" in one line made its rank the widest)."""
    text = wrap(label, SHORT_WIDTH + 2, 60) if compact else [label]
    return (f"    {dot_id(f'~legend-{name}-label')} [shape=\"plaintext\", "
            f"label={dot_lines(text, justify)}, " + attrs({
                **(size or {}), "fontsize": f"{SMALLEST_FONT}", "margin": margin,
                "tooltip": str(style["tooltip"])})[1:] + ";")


def _upright(column: list[str], samples: list[Sample], boxes: list[tuple[str, str]],
             options: RenderOptions, compact: bool) -> list[str]:
    """Top down or bottom up: the kinds in a column, a sample beside each (an
    overview's: each a row of its own), the finding's and the crux's after them."""
    lines: list[str] = []
    side: list[list[str]] = []
    for name, label, style in samples:
        a, b = f"~legend-{name}-a", f"~legend-{name}-b"
        lines += [f"    {dot_id(end)} {attrs(dict(_POINT))};" for end in (a, b)]
        if not compact:
            # A flat edge in its row, a constraint: that is what puts its tail left of
            # its head (with constraint=false nothing ordered them and dot drew the
            # arrows pointing left; the map is no wider so).
            lines.append(f"    {dot_id(a)} -> {dot_id(b)} " + attrs({
                "label": label, **style, "fontsize": f"{SMALLEST_FONT}"}) + ";")
            side.append([a, b])
            continue
        # An overview's legend: the sample is a flat edge in its row (minlen times the
        # space between nodes: a third of an inch; half an inch made the flagship's
        # overview on A4 landscape 2% wider), its name a text node after it. A label on
        # the edge makes dot add a rank for it: the flagship's overview was a tenth
        # wider and taller so (argmap's layered layout draws only the other legend).
        lines.append(f"    {dot_id(a)} -> {dot_id(b)} " + attrs({
            **style, "minlen": "6"}) + ";")
        lines.append(_name(name, label, style, compact, "0.02,0"))
        # A row of its own: the overview's legend is one narrow column. Beside its kind,
        # the legend cost the flagship's bottom-up overview a seventh of its width
        # (1,292 pt with it, 1,122 without, 1,222 in one column).
        side.append([a, b, f"~legend-{name}-label"])
    lines += [declaration for _, declaration in boxes]
    side += [[name] for name, _ in boxes]
    if compact:
        rows = [[name] for name in column] + side
    else:
        # A sample's row needs a box's height: dot draws a flat edge's label above it
        # (below it bottom up) in the room the row's kind makes. In a row of its own
        # (more samples than kinds) the sample lay on the frame, and bottom up its
        # label under the legend's title (the focus of --labels both: "the analyst's
        # inference" under "Legend"): an invisible box as high as a kind's makes room.
        rows = []
        for i in range(max(len(column), len(side))):
            extra = side[i] if i < len(side) else []
            if i < len(column):
                rows.append([column[i], *extra])
            elif extra[0].endswith("-a"):
                space = f"~legend-space-{i}"
                lines.append(f"    {dot_id(space)} " + attrs({
                    "shape": "plaintext", "label": "", "width": "0.01", "margin": "0",
                    "style": "invis"}) + ";")
                # Before the sample, which it would bend round in between.
                lines.append(f"    {dot_id(space)} -> {dot_id(extra[0])} "
                             "[style=\"invis\"];")
                rows.append([space, *extra])
            else:
                rows.append(extra)
    return lines + _legend_grid(rows, options, compact)


def _legend_grid(rows: list[list[str]], options: RenderOptions, compact: bool) -> list[str]:
    """Rows of the legend on consecutive ranks, the first row on the side the reader
    starts from (the top)."""
    out = [f"    {{rank=same; {' '.join(map(dot_id, row))}}}" for row in rows if len(row) > 1]
    # Left to right in each row (a flat edge puts its tail first): the kind, the sample
    # (its own edge), the sample's name.
    if compact:
        out += [f"    {dot_id(left)} -> {dot_id(right)} [style=\"invis\"];"
                for row in rows for left, right in pairwise(row)
                if not (left.endswith("-a") and right.endswith("-b"))]
    backwards = options.direction.rankdir == "BT"
    for upper, lower in pairwise(rows):
        a, b = (lower[0], upper[0]) if backwards else (upper[0], lower[0])
        out.append(f"    {dot_id(a)} -> {dot_id(b)} [style=\"invis\"];")
    return out


def _sideways(column: list[str], samples: list[Sample], boxes: list[tuple[str, str]],
              options: RenderOptions, compact: bool, ranked: bool,
              sinks: list[str]) -> tuple[list[str], list[str]]:
    """Left to right or right to left: the legend's lines in its cluster, and the lines
    after it that put the legend's column in the map's last rank: in the rank=max set
    when ``ranked`` (the DOT has one), and no further left than any of the ``sinks``
    (an edge from each that spans no rank and pulls nothing). Either alone fell short:
    the rank=max set is not always last (the focus of --depth 1 ends in a claim right
    of its recommendation, and the samples reached across the claim's rank, 138 pt
    long); the edges from the sinks beside the map's rank=max set, and rank=max
    without one, left the legend in the first rank.

    A rank is a column here, and a flat edge is drawn upright: a sample spans ranks of
    its own. Beside the map's conclusions, its name in their column, its ends in one or
    two thin ranks after it: the map is no taller (a strip under it was), and only the
    thin ranks wider (the flagship in full text: 2,753 x 2,360 pt with the strip,
    2,452 x 2,030 so; in short labels 858 x 1,194 and 910 x 1,008).
    """
    lines: list[str] = []
    names: list[str] = []
    widest = max((len(line) for _, label, _ in samples
                  for line in (wrap(label, SHORT_WIDTH + 2, 60) if compact else [label])),
                 default=0)
    margin = 0.02 if compact else 0.1
    width = (widest * _CHAR_WIDTH + 2 * margin * 72) / 72
    span = _SIDE_SPAN[compact]
    forwards = options.direction.rankdir == "LR"
    for name, label, style in samples:
        a, b, text = f"~legend-{name}-a", f"~legend-{name}-b", f"~legend-{name}-label"
        lines += [f"    {dot_id(end)} {attrs(dict(_POINT))};" for end in (a, b)]
        # A row is as high as a line of its name (a node is half an inch high unless
        # told: the flagship's overview was 5% taller so). Left to right the names are
        # centred like the kinds above them; right to left each follows its sample,
        # left-aligned (all as wide: a centred name stood off its sample by half the
        # difference), as it does in argmap's layered layout in any direction.
        size: dict[str, Attr] = {"height": "0.2"}
        if not forwards:
            size["width"] = f"{width:.2f}"
        lines.append(_name(name, label, style, compact, f"{margin:g},0", size,
                           "\\n" if forwards else "\\l"))
        if forwards:
            lines.append(f"    {dot_id(text)} -> {dot_id(a)} [style=\"invis\"];")
            lines.append(f"    {dot_id(a)} -> {dot_id(b)} " + attrs({
                **style, "minlen": f"{span}"}) + ";")
        else:
            # Right to left a rank is further left than the one before: the edge runs
            # from the head to the tail, and dir=back draws it the other way round
            # (ordering the ends by invisible edges from the name instead, the sample
            # no constraint, left the samples slanting).
            lines.append(f"    {dot_id(text)} -> {dot_id(b)} [style=\"invis\"];")
            lines.append(f"    {dot_id(b)} -> {dot_id(a)} " + attrs({
                **_reversed(style), "minlen": f"{span}"}) + ";")
        names.append(text)
    lines += [declaration for _, declaration in boxes]
    order = [*column, *names, *(name for name, _ in boxes)]
    # A flat edge puts its head above its tail left to right (and right to left).
    lines += [f"    {dot_id(lower)} -> {dot_id(upper)} [style=\"invis\"];"
              for upper, lower in pairwise(order)]
    column_rank = "rank=max" if ranked else "rank=same"
    anchor = attrs({"style": "invis", "minlen": "0", "weight": "0"})
    return lines, [f"  {{{column_rank}; {' '.join(map(dot_id, order))}}}",
                   *(f"  {dot_id(sink)} -> {dot_id(order[0])} {anchor};"
                     for sink in sinks)]


def _reversed(style: dict[str, Attr]) -> dict[str, Attr]:
    """A sample's style for an edge written from its head to its tail."""
    ends = {"forward": "back", "back": "forward", "both": "both", "none": "none"}
    out = {k: v for k, v in style.items() if k not in ("arrowhead", "arrowtail", "dir")}
    out["dir"] = ends[str(style.get("dir", "forward"))]
    if "arrowhead" in style:
        out["arrowtail"] = style["arrowhead"]
    if "arrowtail" in style:
        out["arrowhead"] = style["arrowtail"]
    return out
