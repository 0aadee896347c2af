"""The ``json`` format: nodes and relations of a map, with the layout's positions, for other tools.

Positions come from Graphviz (``-Tjson0``): points (1/72 inch), origin at the
bottom left, y growing upwards, as Graphviz gives them. Without a layout
(``layout=False``) the same document is written without positions, and no
Graphviz is needed. Texts are written as they are in the map (JSON escaping
is exact), so the export loses nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from argmap.render.dot import relay_name
from argmap.render.errors import GraphvizError
from argmap.render.escape import node_name
from argmap.render.options import RenderOptions
from argmap.render.select import View

__all__ = ["JSON_VERSION", "Layout", "parse_layout", "view_to_json"]

#: Version of the document's structure (``argmap-render`` key).
JSON_VERSION = 1

Point = tuple[float, float]


@dataclass(frozen=True)
class Layout:
    """Positions read from a Graphviz layout."""

    engine: str
    bbox: tuple[float, float, float, float]
    nodes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    """Node name -> (x, y, width, height) in points; x, y is the centre."""
    edges: dict[str, list[Point]] = field(default_factory=dict)
    """Edge ``id`` -> the points of its spline, from tail to head."""
    pad: float = 0.3 * 72
    """The border Graphviz draws around ``bbox`` (the DOT's ``pad``), in points."""


def _floats(text: str) -> list[float]:
    return [float(v) for v in text.split(",")]


def _spline(pos: str) -> list[Point]:
    """Points of a Graphviz edge ``pos`` (``[s,x,y] [e,x,y] x,y x,y ...``), tail to head."""
    start: Point | None = None
    end: Point | None = None
    points: list[Point] = []
    for token in pos.replace(";", " ").split():
        if token.startswith(("s,", "e,")):
            x, y = _floats(token[2:])
            if token[0] == "s":
                start = (x, y)
            else:
                end = (x, y)
        else:
            x, y = _floats(token)
            points.append((x, y))
    return ([start] if start else []) + points + ([end] if end else [])


def parse_layout(data: bytes, engine: str) -> Layout:
    """Read node positions and edge splines from Graphviz ``-Tjson0`` output."""
    try:
        doc = json.loads(data)
        x0, y0, x1, y1 = _floats(doc.get("bb", "0,0,0,0"))
        nodes: dict[str, tuple[float, float, float, float]] = {}
        for obj in doc.get("objects", []):
            if "pos" in obj:
                x, y = _floats(obj["pos"])
                nodes[obj["name"]] = (x, y, float(obj["width"]) * 72, float(obj["height"]) * 72)
        edges = {e["id"]: _spline(e["pos"]) for e in doc.get("edges", [])
                 if "id" in e and "pos" in e}
        # Graphviz's default pad is 4 points.
        pad = float(doc.get("pad", 4 / 72)) * 72
    except (ValueError, KeyError, TypeError) as exc:
        raise GraphvizError(f"cannot read the layout Graphviz produced: {exc}") from None
    return Layout(engine, (x0, y0, x1, y1), nodes, edges, pad)


def _round(p: Point) -> list[float]:
    return [round(p[0], 2), round(p[1], 2)]


def view_to_json(view: View, options: RenderOptions | None = None,
                 layout: Layout | None = None) -> str:
    """The JSON document of a :class:`View`, with positions when ``layout`` is given."""
    options = options or RenderOptions()
    graph = view.graph
    nodes: list[dict[str, Any]] = []
    for key in view.nodes:
        n = graph.nodes[key]
        item: dict[str, Any] = {"key": key, "id": n.id, "map": n.map.name,
                                "kind": n.kind.value, "text": n.node.text}
        for name in ("title", "quote", "source", "locator", "section", "confidence", "note"):
            value = getattr(n.node, name)
            if value is not None:
                item[name] = value
        item["tags"] = list(n.node.tags)
        item["context"] = key in view.context
        item["findings"] = list(view.node_findings.get(key, ()))
        if layout is not None and node_name(key) in layout.nodes:
            x, y, w, h = layout.nodes[node_name(key)]
            item.update(x=round(x, 2), y=round(y, 2), width=round(w, 2), height=round(h, 2))
        nodes.append(item)
    relayed = view.undercut_relations
    edges: list[dict[str, Any]] = []
    for number in view.edges:
        e = graph.edges[number]
        rel = e.relation
        item = {"index": number, "kind": e.kind.value, "source": e.source}
        if e.target_edge is not None:
            item["undercuts"] = e.target_edge
        else:
            item["target"] = e.target
        item["by"] = rel.by.value
        for name in ("id", "quote", "source", "scheme", "question", "strength", "note"):
            value = getattr(rel, name)
            if value is not None:
                # `source` and `target` are the nodes the relation joins; the source that
                # draws it (its `source:`) overwrote the first, losing the relation's tail.
                item["source_id" if name == "source" else name] = value
        item["findings"] = list(view.edge_findings.get(number, ()))
        if layout is not None:
            if number in relayed:
                points = (layout.edges.get(f"rel{number}-from", [])
                          + layout.edges.get(f"rel{number}-to", []))
                relay = layout.nodes.get(relay_name(number))
                if relay is not None:
                    item["relay"] = _round(relay[:2])
            else:
                points = layout.edges.get(f"rel{number}", [])
            item["points"] = [_round(p) for p in points]
        edges.append(item)
    tensions: list[dict[str, Any]] = []
    for i, t in view.tensions:
        record = t.tension
        item = {"id": record.id, "between": list(t.between), "quotes": list(record.quotes)}
        if record.note is not None:
            item["note"] = record.note
        if layout is not None:
            item["points"] = [_round(p) for p in layout.edges.get(f"tension{i}", [])]
        tensions.append(item)
    doc: dict[str, Any] = {
        "argmap-render": JSON_VERSION,
        "title": view.title,
        "maps": [{"name": m.name, "path": m.path, "title": m.map.title} for m in view.maps],
        "layout": None if layout is None else {
            "engine": layout.engine, "units": "pt", "origin": "bottom-left",
            "bbox": [round(v, 2) for v in layout.bbox]},
        "nodes": nodes,
        "edges": edges,
        "tensions": tensions,
    }
    if view.map_findings:
        doc["findings"] = list(view.map_findings)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
