"""argmap's DOT text laid out by :mod:`argmap.render.layered`, for Graphviz to draw as is.

The DOT that :mod:`argmap.render.dot` writes (one statement a line) is read
back here: nodes with their labels, relations, the ``rank=min``/``rank=max``
sets and the legend. Node sizes come from the text (:mod:`argmap.render.textsize`).
Every node then gets a ``pos`` and its size, every relation its route
(:mod:`argmap.render.routes`, through the virtual points of the layout, so long
relations pass between the nodes, not through them), and Graphviz's
``neato -n2`` only draws: see :data:`DRAW_ARGS`.
"""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from argmap.render import layered
from argmap.render.layered import Layout, Problem, layered_layout
from argmap.render.routes import spline
from argmap.render.textsize import Metrics, label_lines, measure

__all__ = ["ASCII", "DRAW_ARGS", "MEASURED_CHARS", "USED", "Laid", "attributes", "lay_out_dot"]

#: Graphviz arguments that draw a DOT text laid out here without moving anything.
DRAW_ARGS = ("-n2",)
#: Always measured: the printable ASCII characters.
ASCII = "".join(chr(c) for c in range(32, 127))
#: At most this many other distinct characters are measured (the most frequent);
#: the others count as wide as the widest measured, so boxes never come out short.
MEASURED_CHARS = 400
# Written "unrolled": Python's regex engine walks long tooltips three times faster.
_QUOTED = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_NODE = re.compile(rf"^(\s+)({_QUOTED}) \[(.*)\];$")
_EDGE = re.compile(rf"^(\s+)({_QUOTED}) -> ({_QUOTED}) \[(.*)\];$")
_DEFAULTS = re.compile(r"^\s+(graph|node|edge) \[(.*)\];$")
_ATTR = re.compile(rf"(\w+)=({_QUOTED}|[^,\]\s]+)")
_RANK = re.compile(r"^\s+\{rank=(min|max); (.*)\}$")
_CLUSTER = re.compile(rf"^\s+subgraph ({_QUOTED}) \{{$")
#: Graphviz's smallest node box unless the DOT says otherwise (inches).
_MIN_WIDTH, _MIN_HEIGHT = 0.75, 0.5


#: The attributes the layout reads; the others (tooltips above all) are not copied out.
USED = frozenset({"label", "shape", "style", "width", "height", "fontsize", "fontname", "margin",
                  "peripheries", "constraint", "dir", "arrowhead", "arrowtail", "arrowsize",
                  "rankdir", "nodesep", "ranksep"})


def attributes(text: str, keep: frozenset[str] | None = None) -> dict[str, str]:
    """The ``name=value`` pairs of a DOT attribute list, values unquoted (escapes kept);
    only the names in ``keep`` when it is given."""
    out: dict[str, str] = {}
    for m in _ATTR.finditer(text):
        name = m.group(1)
        if keep is None or name in keep:
            value = m.group(2)
            out[name] = value[1:-1] if value[:1] == '"' else value
    return out


@dataclass(frozen=True)
class Laid:
    """DOT text with every position given, what the layout did, and notices."""

    dot: str
    layout: Layout
    names: list[str]
    notices: tuple[str, ...] = ()


@dataclass
class _Parsed:
    lines: list[str]
    names: dict[str, int]
    node_lines: list[int]
    node_attrs: list[dict[str, str]]
    edge_lines: list[int]
    edges: list[tuple[int, int]]
    edge_attrs: list[dict[str, str]]
    defaults: dict[str, dict[str, str]]
    ranks: dict[str, set[int]]
    cluster_of: dict[int, str]
    cluster_lines: dict[str, int]


def _parse(dot: str) -> _Parsed:
    p = _Parsed(dot.splitlines(), {}, [], [], [], [], [], {"graph": {}, "node": {}, "edge": {}},
                {"min": set(), "max": set()}, {}, {})
    cluster: str | None = None
    for number, line in enumerate(p.lines):
        if m := _EDGE.match(line):
            ends = [p.names.get(name) for name in (m.group(2), m.group(3))]
            if None in ends:
                continue  # argmap's DOT declares nodes before relations; keep it safe
            p.edge_lines.append(number)
            p.edges.append((ends[0] or 0, ends[1] or 0))
            p.edge_attrs.append(attributes(m.group(4), USED))
        elif m := _NODE.match(line):
            p.names[m.group(2)] = len(p.node_lines)
            if cluster is not None:
                p.cluster_of[len(p.node_lines)] = cluster
            p.node_lines.append(number)
            p.node_attrs.append(attributes(m.group(3), USED))
        elif (m := _DEFAULTS.match(line)) and cluster is None:
            p.defaults[m.group(1)].update(attributes(m.group(2), USED))
        elif m := _RANK.match(line):
            p.ranks[m.group(1)] |= {p.names[name] for name in re.findall(_QUOTED, m.group(2))
                                    if name in p.names}
        elif m := _CLUSTER.match(line):
            cluster = m.group(1)[1:-1]
            p.cluster_lines[cluster] = number
        elif line.strip() == "}":
            cluster = None
    return p


def _inches(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _margins(value: str | None) -> tuple[float, float]:
    parts = (value or "0.11,0.055").split(",")
    x = _inches(parts[0], 0.11)
    return x, _inches(parts[1], x) if len(parts) > 1 else x


def _sizes(p: _Parsed, metrics: Metrics) -> list[tuple[float, float]]:
    """Each node's box (points) as Graphviz will draw it once given this size."""
    node = p.defaults["node"]
    out: list[tuple[float, float]] = []
    for attrs in p.node_attrs:
        a = node | attrs
        if a.get("shape") == "point":
            side = _inches(a.get("width"), 0.05) * 72
            out.append((side, side))
            continue
        mx, my = _margins(a.get("margin"))
        w, h = metrics.size(label_lines(a.get("label", "")), _inches(a.get("fontsize"), 14.0))
        w, h = w + 2 * mx * 72, h + 2 * my * 72
        if a.get("shape", "ellipse") in ("ellipse", "oval", "circle"):
            w, h = w * 1.4143, h * 1.4143
        extra = 8.0 * max(int(_inches(a.get("peripheries"), 1)) - 1, 0)
        out.append((max(w, _inches(a.get("width"), _MIN_WIDTH) * 72) + extra,
                    max(h, _inches(a.get("height"), _MIN_HEIGHT) * 72) + extra))
    return out


def _font(dot: str) -> tuple[str, float]:
    """The font of the node defaults, read from the first lines of ``dot``."""
    for line in dot.split("\n", 30)[:30]:
        m = _DEFAULTS.match(line)
        if m is not None and m.group(1) == "node":
            a = attributes(m.group(2), USED)
            return a.get("fontname", "Times-Roman"), _inches(a.get("fontsize"), 14.0)
    return "Times-Roman", 14.0


def _rest(p: _Parsed, known: Metrics, font: tuple[str, float], binary: str,
          timeout: float) -> Metrics:
    """``known`` with the labels' other characters measured too (the most frequent
    :data:`MEASURED_CHARS` of them; the rest count as the widest)."""
    # Counted in the DOT strings as written: an escape adds a backslash and a letter to
    # the measured set, which costs nothing, and splitting every label here twice did.
    counts = Counter("".join(attrs.get("label", "") for attrs in p.node_attrs
                             if attrs.get("shape") != "point"))
    chars = "".join(c for c in sorted(counts, key=lambda c: (-counts[c], c))
                    if c not in known.widths)[:MEASURED_CHARS]
    if not chars:
        return known
    more = measure(chars, *font, timeout, binary)
    return replace(known, widths=known.widths | more.widths,
                   widest=max(known.widest, more.widest))


def lay_out_dot(dot: str, binary: str, timeout: float = 60.0) -> Laid:
    """``dot`` (argmap's DOT text) with positions for ``neato -n2`` (:data:`DRAW_ARGS`)."""
    font = _font(dot)
    # Printable ASCII is measured (a Graphviz run) while the DOT is read, on the other
    # core; only the labels' other characters need a second run. The run is the main
    # thread's: Ctrl-C there kills it (subprocess.run does), where in the pool's thread
    # the interrupted render waited for it to end, and it outlived argmap.
    with ThreadPoolExecutor(max_workers=1) as pool:
        parsed = pool.submit(_parse, dot)
        known = measure(ASCII, *font, timeout, binary)
        p = parsed.result()
    sizes = _sizes(p, _rest(p, known, font, binary, timeout))
    graph = p.defaults["graph"]
    rankdir = graph.get("rankdir", "TB")
    sideways = rankdir in ("LR", "RL")
    legend = {v for v, c in p.cluster_of.items() if c == "cluster_legend"}
    main = [v for v in range(len(sizes)) if v not in legend]
    index = {v: i for i, v in enumerate(main)}
    routed = [i for i, (t, h) in enumerate(p.edges)
              if t in index and h in index and p.edge_attrs[i].get("constraint") != "false"]
    problem = Problem(
        breadth=[sizes[v][1 if sideways else 0] for v in main],
        depth=[sizes[v][0 if sideways else 1] for v in main],
        edges=[(index[p.edges[i][0]], index[p.edges[i][1]]) for i in routed],
        first=frozenset(index[v] for v in p.ranks["min"] if v in index),
        last=frozenset(index[v] for v in p.ranks["max"] if v in index),
        nodesep=_inches(graph.get("nodesep"), 0.25) * 72,
        ranksep=_inches(graph.get("ranksep"), 0.5) * 72,
        fold=layered.FOLD_RATIO, max_virtual=layered.MAX_VIRTUAL)
    layout = layered_layout(problem)

    # From (along a rank, across ranks) to Graphviz's points, y growing upwards.
    sx, sy, swap = {"BT": (1, 1, False), "LR": (1, -1, True),
                    "RL": (-1, -1, True)}.get(rankdir, (1, -1, False))

    def turn(point: tuple[float, float]) -> tuple[float, float]:
        cross, depth = point
        return (sx * depth, sy * cross) if swap else (sx * cross, sy * depth)

    pos: dict[int, tuple[float, float]] = {v: turn(layout.centers[i]) for i, v in enumerate(main)}
    lines = list(p.lines)
    inserts: dict[int, str] = {}
    if legend:
        inserts |= _legend(p, sorted(legend), sizes, pos, lines)
    for v, (x, y) in pos.items():
        number = p.node_lines[v]
        m = _NODE.match(lines[number])
        if m is None:  # pragma: no cover - every node line matched when parsed
            continue
        w, h = sizes[v]
        extra = f'pos="{x:.2f},{y:.2f}"'
        if "width" not in p.node_attrs[v]:
            extra += f', width="{w / 72:.4f}", height="{h / 72:.4f}"'
        lines[number] = f"{m.group(1)}{m.group(2)} [{extra}, {m.group(3)}];"
    for route, i in zip(layout.routes, routed, strict=True):
        if not route:
            continue  # between two bands of a folded layout: drawn straight
        t, h = p.edges[i]
        drawn = spline([turn(point) for point in route], sizes[t], sizes[h],
                       p.defaults["edge"] | p.edge_attrs[i])
        if drawn:
            number = p.edge_lines[i]
            lines[number] = lines[number].replace(" [", f' [pos="{drawn}", ', 1)
    out: list[str] = []
    for number, line in enumerate(lines):
        out.append(line)
        if number in inserts:
            out.append(inserts[number])
    # Relations the layout does not route (tensions, the legend's samples) are
    # straight; edges first, so lines pass under the boxes, never over their text.
    out.insert(len(out) - 1, '  graph [splines="line", outputorder="edgesfirst"];')
    notices: list[str] = []
    if layout.straight:
        many = "s are" if layout.straight != 1 else " is"
        notices.append(f"{layout.straight:,} long relation{many} drawn straight, routing "
                       f"them all through the ranks would take over "
                       f"{layered.MAX_VIRTUAL:,} bends; narrow the map with --focus, "
                       "--kinds or --tags")
    if layout.bands > 1:
        across = sum(1 for route in layout.routes if not route) - layout.straight
        notices.append(f"the layered layout is folded into {layout.bands} bands to keep "
                       f"the picture about 3:2; {across:,} relations between bands are "
                       "drawn straight")
    if any(c != "cluster_legend" for c in p.cluster_of.values()):
        notices.append("the layered layout of large maps does not draw groups as boxes; "
                       "use --engine dot to see them, or narrow the map")
    names = [p.lines[n].split(" [")[0].strip() for n in p.node_lines]
    return Laid("\n".join(out) + "\n", layout, names, tuple(notices))


def _legend(p: _Parsed, members: list[int], sizes: list[tuple[float, float]],
            pos: dict[int, tuple[float, float]], lines: list[str]) -> dict[int, str]:
    """Place the legend above the map's left edge: the kinds in a row, then one row
    per sample relation (its name after it, in an overview's legend); the cluster's
    frame is given so Graphviz draws it."""
    left = min((x - sizes[v][0] / 2 for v, (x, _) in pos.items()), default=0.0)
    top = max((y + sizes[v][1] / 2 for v, (_, y) in pos.items()), default=0.0)
    # A sample is an edge between two points, its name a text node joined to one of
    # them; the legend's other edges are invisible ones that order its grid for dot
    # (taken for samples, they put the kinds on the samples' ends, one over another,
    # and an overview's samples one end over the other). Right to left the legend
    # writes a sample from its head (``-b``) to its tail (``-a``), dir=back: drawn
    # here tail first all the same.
    points = {v for v in members if p.node_attrs[v].get("shape") == "point"}
    pairs = [(h, t) if p.lines[p.node_lines[t]].split(" [")[0].endswith('-b"') else (t, h)
             for (t, h), a in zip(p.edges, p.edge_attrs, strict=True)
             if t in points and h in points and a.get("style") != "invis"]
    named = {point: text for t, h in p.edges for point, text in ((t, h), (h, t))
             if point in points and text in members
             and p.node_attrs[text].get("shape") == "plaintext"}
    boxes = [v for v in members if v not in points and v not in named.values()]
    row = max((sizes[v][1] for v in boxes), default=0.0)
    step = max([24.0, *(sizes[v][1] + 4 for v in named.values())])
    y = top + 40 + step * len(pairs) + row / 2
    x = left + 10
    for v in boxes:
        pos[v] = (x + sizes[v][0] / 2, y)
        x += sizes[v][0] + 12
    right = max(x - 12, left + 10 + 150)
    y -= row / 2 + step / 2
    for t, h in pairs:
        pos[t], pos[h] = (left + 20, y), (left + 150, y)
        text = named.get(h, named.get(t))
        if text is not None:
            w = sizes[text][0]
            pos[text] = (left + 160 + w / 2, y)
            right = max(right, left + 160 + w)
        y -= step
    bottom, height = y + step / 2, top + 40 + step * len(pairs) + row + 22
    frame = f'{left:.2f},{bottom:.2f},{right + 10:.2f},{height:.2f}'
    name = p.lines[p.cluster_lines["cluster_legend"]]
    indent = name[: len(name) - len(name.lstrip())] + "  "
    return {p.cluster_lines["cluster_legend"]:
            f'{indent}graph [bb="{frame}", lp="{(left + right) / 2:.2f},{height - 9:.2f}"];'}
