"""GraphML for graph tools (yEd, Gephi, networkx): export, and import of what it wrote.

Every node and relation field is a declared ``<key>`` with an ``attr.name``
(``kind``, ``text``, ``relation`` ...), so Gephi and networkx read them as
attributes; each node also carries a yEd shape with its label, so yEd shows the
map as soon as it opens the file (Layout > Hierarchical arranges it). An
undercut is an edge from the undercutting node to the target of the relation it
undercuts, with the relation's id in ``undercuts``. Text is XML-escaped and
characters XML 1.0 cannot hold are dropped (and reported).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pydantic import ValidationError

from argmap import source
from argmap.errors import LoadError, Location, Problem
from argmap.interop.loss import APPROXIMATED, NOT_EXPORTED, NOT_IMPORTED, Imported, LossReport
from argmap.model import ArgumentMap, Node, NodeKind

__all__ = ["export_graphml", "graphml_from_text", "import_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_Y = "http://www.yworks.com/xml/graphml"
#: (key id, for, attr.name, attr.type)
_NODE_KEYS = [("kind", "string"), ("text", "string"), ("quote", "string"),
              ("source", "string"), ("locator", "string"), ("section", "string"),
              ("tags", "string"), ("confidence", "double"), ("note", "string"),
              ("acknowledge", "string")]
_EDGE_KEYS = [("relation", "string"), ("relation_id", "string"), ("strength", "double"),
              ("note", "string"), ("undercuts", "string")]
_COLORS = {NodeKind.CLAIM: "#FFFFFF", NodeKind.EVIDENCE: "#DDEEFF",
           NodeKind.RECOMMENDATION: "#E2F5E2", NodeKind.ASSUMPTION: "#FFF5D6",
           NodeKind.OBJECTION: "#FCE1E1"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ENTITIES = {"\r": "&#13;"}  # a raw CR would come back from any XML parser as LF


def export_graphml(amap: ArgumentMap) -> tuple[str, LossReport]:
    """GraphML text of ``amap`` and what it could not hold."""
    loss = LossReport()
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<graphml xmlns="{_NS}" xmlns:y="{_Y}">',
           '  <key id="map" for="graph" attr.name="argmap" attr.type="string"/>',
           '  <key id="label" for="node" attr.name="label" attr.type="string"/>']
    for name, kind in _NODE_KEYS:
        out.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name, kind in _EDGE_KEYS:
        out.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    out += ['  <key id="yed" for="node" yfiles.type="nodegraphics"/>',
            f'  <graph id={quoteattr(_xml(amap.title, loss, None))} edgedefault="directed">']
    meta = amap.model_dump(mode="json", exclude_defaults=True, exclude={"nodes", "argmap"})
    out.append(f'    <data key="map">{_text(json.dumps(meta, ensure_ascii=False), loss)}</data>')
    local = {n.id for n in amap.nodes}
    targets: dict[str, str] = {}
    for node in amap.nodes:
        for _, rel in node.relations():
            if rel.id is not None and rel.to in local:
                targets[rel.id] = rel.to
    edges: list[str] = []
    number = 0
    for node in amap.nodes:
        out.append(f"    <node id={quoteattr(node.id)}>")
        out.append(f'      <data key="label">{escape(node.id)}</data>')
        for name, _ in _NODE_KEYS:
            value = getattr(node, name)
            if name in ("tags", "acknowledge"):
                # Lists and mappings as JSON text: GraphML attributes are scalars.
                value = json.dumps(value if name == "acknowledge" else list(value),
                                   ensure_ascii=False) if value else None
            if value is not None:
                text = value.value if name == "kind" else str(value)
                out.append(f'      <data key="n_{name}">{_text(text, loss, node.id)}</data>')
        out.append(_yed(node, loss))
        out.append("    </node>")
        for kind, rel in node.relations():
            target = targets.get(rel.to) if kind.value == "undercuts" else rel.to
            if target is None or target not in local:
                loss.add(NOT_EXPORTED, f"{kind.value} {rel.to}: not in this map", node=node.id)
                continue
            data = {"relation": kind.value, "relation_id": rel.id, "strength": rel.strength,
                    "note": rel.note, "undercuts": rel.to if kind.value == "undercuts" else None}
            number += 1
            edges.append(f"    <edge id=\"e{number}\" source={quoteattr(node.id)} "
                         f"target={quoteattr(target)}>")
            edges.extend(f'      <data key="e_{k}">{_text(str(v), loss, node.id)}</data>'
                         for k, v in data.items() if v is not None)
            edges.append("    </edge>")
    out += edges
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n", loss


def _yed(node: Node, loss: LossReport) -> str:
    label = escape(_xml(node.text if len(node.text) <= 120 else node.text[:119] + "…",
                        LossReport(), None))
    return ('      <data key="yed"><y:ShapeNode><y:Geometry width="220" height="70"/>'
            f'<y:Fill color="{_COLORS[node.kind]}"/><y:Shape type="roundrectangle"/>'
            f'<y:NodeLabel autoSizePolicy="node_width">{label}</y:NodeLabel>'
            "</y:ShapeNode></data>")


def _text(text: str, loss: LossReport, node: str | None = None) -> str:
    """Element content: escaped, without characters XML 1.0 cannot hold."""
    return escape(_xml(text, loss, node), _ENTITIES)


def _xml(text: str, loss: LossReport, node: str | None) -> str:
    if _NOT_XML.search(text):
        loss.add(APPROXIMATED, "characters XML cannot hold (control characters) dropped",
                 node=node)
        return _NOT_XML.sub("", text)
    return text


def import_graphml(path: str | Path) -> Imported:
    """Import GraphML written by argmap (or with the same ``attr.name`` keys)."""
    return graphml_from_text(source.read(path, display=str(path)), str(path))


def graphml_from_text(text: str, path: str = "<string>") -> Imported:
    """Import GraphML text; raise LoadError with a location on any problem."""
    head = text[:4096].lower()
    if "<!doctype" in head or "<!entity" in text.lower():
        raise LoadError([Problem(Location(path), "graphml", "DOCTYPE and ENTITY declarations "
                                 "are not accepted in GraphML")])
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = exc.position
        raise LoadError([Problem(Location(path, line, col + 1), "graphml",
                                 f"XML: {exc}")]) from None
    loss = LossReport()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"))
            for k in root.iter(f"{{{_NS}}}key")}
    graph = root.find(f"{{{_NS}}}graph")
    if graph is None:
        raise LoadError([Problem(Location(path), "graphml", "no <graph> element")])
    fields: dict[str, dict[str, Any]] = {}
    meta = _json(_data(graph, keys).get("argmap", "{}"), path)
    for node in graph.iter(f"{{{_NS}}}node"):
        data = _data(node, keys)
        nid = node.get("id", "")
        fields[nid] = {"id": nid, "kind": data.pop("kind", "claim"),
                       "text": data.pop("text", None) or data.get("label") or nid,
                       "tags": _json(data.pop("tags", "[]"), path),
                       "acknowledge": _json(data.pop("acknowledge", "{}"), path),
                       **{k: v for k, v in data.items() if k != "label"},
                       "supports": [], "attacks": [], "undercuts": []}
    for edge in graph.iter(f"{{{_NS}}}edge"):
        data = _data(edge, keys)
        src, tgt = edge.get("source", ""), edge.get("target", "")
        kind = data.get("relation", "supports")
        if src not in fields or kind not in ("supports", "attacks", "undercuts"):
            loss.add(NOT_IMPORTED, f"edge {src} -> {tgt} ({kind})")
            continue
        rel = {"to": data["undercuts"] if kind == "undercuts" else tgt,
               **{k: v for k, v in (("id", data.get("relation_id")),
                                    ("strength", data.get("strength")),
                                    ("note", data.get("note"))) if v is not None}}
        fields[src][kind].append(rel)
    try:
        nodes = [Node.model_validate(f) for f in fields.values()]
        amap = ArgumentMap.model_validate({"title": graph.get("id") or Path(path).stem,
                                           **(meta if isinstance(meta, dict) else {}),
                                           "argmap": 1, "nodes": nodes})
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise LoadError([Problem(Location(path), "graphml", f"{first['loc']}: "
                                 f"{first['msg']}")]) from None
    return Imported(amap, loss)


def _json(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise LoadError([Problem(Location(path), "graphml", f"not JSON: {text[:60]!r}")]
                        ) from None


def _data(element: ET.Element, keys: dict[str | None, tuple[str | None, str | None]]
          ) -> dict[str, str]:
    out: dict[str, str] = {}
    for data in element.findall(f"{{{_NS}}}data"):
        _, name = keys.get(data.get("key"), (None, None))
        if name is not None:
            out[name] = data.text or ""
    return out
