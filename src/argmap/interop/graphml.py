"""GraphML for graph tools (yEd, Gephi, networkx): export, and import.

Every node and relation field is a declared ``<key>`` with an ``attr.name``
(``kind``, ``text``, ``relation``, ``by``, ``scheme`` ...), so Gephi and networkx
read them as attributes (the map's own fields, tensions included, are one JSON
attribute of the graph); each node also carries a yEd shape with its label, so yEd shows the
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

from argmap.errors import LoadError, Location, Problem, shown
from argmap.interop._ids import IdAllocator, slug
from argmap.interop._provenance import known_tensions, report_kept
from argmap.interop.loss import APPROXIMATED, NOT_EXPORTED, NOT_IMPORTED, Imported, LossReport
from argmap.loading import source
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.writer import XML_MARK

__all__ = ["export_graphml", "graphml_from_text", "import_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_Y = "http://www.yworks.com/xml/graphml"
#: (key id, for, attr.name, attr.type)
_NODE_KEYS = [("kind", "string"), ("text", "string"), ("title", "string"), ("quote", "string"),
              ("source", "string"), ("locator", "string"), ("section", "string"),
              ("tags", "string"), ("confidence", "double"), ("note", "string"),
              ("acknowledge", "string")]
_EDGE_KEYS = [("relation", "string"), ("relation_id", "string"), ("by", "string"),
              ("source", "string"), ("quote", "string"), ("scheme", "string"),
              ("question", "string"), ("strength", "double"), ("note", "string"),
              ("undercuts", "string")]
#: Edge attributes that are relation fields of the same name.
_RELATION_FIELDS = ("by", "source", "quote", "scheme", "question", "strength", "note")
_COLORS = {NodeKind.CLAIM: "#FFFFFF", NodeKind.EVIDENCE: "#DDEEFF",
           NodeKind.RECOMMENDATION: "#E2F5E2", NodeKind.ASSUMPTION: "#FFF5D6",
           NodeKind.OBJECTION: "#FCE1E1"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ENTITIES = {"\r": "&#13;"}  # a raw CR would come back from any XML parser as LF


def export_graphml(amap: ArgumentMap) -> tuple[str, LossReport]:
    """GraphML text of ``amap`` and what it could not hold."""
    loss = LossReport()
    # The mark: argmap may write over its own export, never over other GraphML.
    out = ['<?xml version="1.0" encoding="UTF-8"?>', XML_MARK,
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
            if isinstance(value, tuple):
                value = _midpoint(value, f"confidence of {node.id}", loss, node.id)
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
            strength = rel.strength if not isinstance(rel.strength, tuple) else _midpoint(
                rel.strength, f"strength of {node.id} {kind.value} {rel.to}", loss, node.id)
            data = {"relation": kind.value, "relation_id": rel.id, "by": rel.by.value,
                    "source": rel.source, "quote": rel.quote, "scheme": rel.scheme,
                    "question": rel.question, "strength": strength, "note": rel.note,
                    "undercuts": rel.to if kind.value == "undercuts" else None}
            number += 1
            edges.append(f"    <edge id=\"e{number}\" source={quoteattr(node.id)} "
                         f"target={quoteattr(target)}>")
            edges.extend(f'      <data key="e_{k}">{_text(str(v), loss, node.id)}</data>'
                         for k, v in data.items() if v is not None)
            edges.append("    </edge>")
    out += edges
    out += ["  </graph>", "</graphml>"]
    report_kept(amap, loss, "the graph's `argmap` attribute", relations=False)
    return "\n".join(out) + "\n", loss


def _midpoint(interval: tuple[float, float], what: str, loss: LossReport, node: str) -> float:
    """An interval's midpoint, reported: GraphML declares the attribute a number."""
    mid = float(f"{(interval[0] + interval[1]) / 2:.12g}")  # 0.3, not 0.30000000000000004
    loss.add(APPROXIMATED, f"the {what}, an interval [{interval[0]:g}, {interval[1]:g}], "
             f"written as its midpoint {mid:g} (GraphML declares it a number)", node=node)
    return mid


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
    """Import GraphML: argmap's own exactly, and yEd's, Gephi's or networkx's as well as
    they carry an argument (see :func:`graphml_from_text`)."""
    return graphml_from_text(source.read(path, display=str(path)), str(path))


_NODE_FIELDS = frozenset(name for name, _ in _NODE_KEYS)
#: Attributes of other tools read as a node field: yEd's "description" is a free note.
_ALIASES = {"description": "note"}


def graphml_from_text(text: str, path: str = "<string>") -> Imported:
    """Import GraphML text; raise LoadError with a location when it is not GraphML.

    GraphML that argmap wrote comes back exactly. Other GraphML (yEd, Gephi,
    networkx) gives a node per node, its text from argmap's ``text`` attribute, a
    ``label`` attribute or yEd's label, and a ``supports`` relation per edge unless
    the edge says otherwise; ids are made from the texts. Whatever else the file
    holds (attributes argmap has no field for, values a field cannot take, edges
    to nowhere) is listed in the loss report, never silently dropped.
    """
    head = text[:4096].lower()
    if "<!doctype" in head or "<!entity" in text.lower():
        raise LoadError([Problem(Location(path), "graphml", "DOCTYPE and ENTITY declarations "
                                 "are not accepted in GraphML")])
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = exc.position
        # expat's message ends with the position, which the location already gives.
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise LoadError([Problem(Location(path, line, col + 1), "graphml",
                                 f"not valid XML: {reason}")]) from None
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"))
            for k in root.iter(f"{{{_NS}}}key")}
    graph = root.find(f"{{{_NS}}}graph")
    if graph is None:
        raise LoadError([Problem(Location(path), "graphml", "no <graph> element")])
    reader = _Reader(path, own=any(name == "argmap" for _, name in keys.values()))
    meta = _json(_data(graph, keys).get("argmap", "{}"), path) if reader.own else {}
    for node in graph.iter(f"{{{_NS}}}node"):
        reader.node(node, _data(node, keys))
    for edge in graph.iter(f"{{{_NS}}}edge"):
        reader.edge(edge, _data(edge, keys))
    if graph.get("edgedefault") == "undirected":
        reader.loss.add(APPROXIMATED, "undirected edges read as relations from their source "
                        "to their target")
    reader.report_unknown()
    if isinstance(meta, dict):
        known_tensions(meta, {f["id"] for f in reader.fields.values()}, reader.loss)
    try:
        nodes = [Node.model_validate(f) for f in reader.fields.values()]
        amap = ArgumentMap.model_validate({"title": graph.get("id") or Path(path).stem,
                                           **(meta if isinstance(meta, dict) else {}),
                                           "argmap": 1, "nodes": nodes})
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "map"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise LoadError([Problem(Location(path), "graphml", f"{where}: {message}")]) from None
    return Imported(amap, reader.loss)


class _Reader:
    """The nodes and relations of one GraphML graph, and what could not be carried over."""

    def __init__(self, path: str, *, own: bool) -> None:
        self.path = path
        self.own = own  # written by argmap: ids and every field are taken as they are
        self.loss = LossReport()
        self.fields: dict[str, dict[str, Any]] = {}
        self.ids: dict[str, str] = {}  # GraphML id -> argmap id
        self.taken = IdAllocator()
        self.unknown: dict[tuple[str, str], int] = {}  # (element, attribute) -> count
        self.defaulted: dict[str, int] = {}

    def node(self, node: ET.Element, data: dict[str, str]) -> None:
        gid = node.get("id", "")
        if gid in self.fields:
            self.loss.add(NOT_IMPORTED, f"a second node with id {shown(gid[:60])}")
            return
        label = data.pop("label", None) or _yed_label(node)
        text = data.pop("text", None) or label
        if self.own:
            nid = gid
        else:
            nid = self.taken.take(slug(text, words=6, fallback=slug(gid, fallback="node"))
                                  if text else slug(gid, fallback="node"))
        self.ids[gid] = nid
        if not text:
            text = gid or nid
            self.loss.add(APPROXIMATED, f"node {shown(gid)} has no text: its id is its text",
                          node=nid)
        fields: dict[str, Any] = {"id": nid, "kind": self._kind(data.pop("kind", None), nid),
                                  "text": text, "supports": [], "attacks": [],
                                  "undercuts": []}
        for attribute, value in data.items():
            name = attribute if self.own else _ALIASES.get(attribute, attribute)
            if name not in _NODE_FIELDS or name in fields:
                self._unknown("node", attribute)
                continue
            parsed = self._parse(name, value)
            if parsed is not None and _valid_node_field(name, parsed):
                fields[name] = parsed
            else:
                self.loss.add(NOT_IMPORTED, f"{name} {shown(value[:60])} is not a valid {name}",
                              node=nid)
        self.fields[gid] = fields

    def _kind(self, kind: str | None, nid: str) -> str:
        if kind in _KINDS:
            return kind
        if kind is None:
            self.defaulted["node"] = self.defaulted.get("node", 0) + 1
        else:
            self.loss.add(APPROXIMATED, f"kind {shown(kind[:60])} is not a node kind: a claim",
                          node=nid)
        return NodeKind.CLAIM.value

    def _parse(self, name: str, value: str) -> Any:
        if name not in ("tags", "acknowledge"):
            return value
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError) as exc:
            if self.own:
                raise LoadError([_not_json(value, exc, self.path)]) from None
            return None
        return parsed

    def edge(self, edge: ET.Element, data: dict[str, str]) -> None:
        src, tgt = edge.get("source", ""), edge.get("target", "")
        given = data.pop("relation", None)
        kind = "supports" if given is None else given
        if src not in self.fields or kind not in _RELATION_KINDS or (
                kind != "undercuts" and tgt not in self.fields):
            self.loss.add(NOT_IMPORTED, f"edge {src} -> {tgt} ({kind[:60]})")
            return
        rel: dict[str, Any] = {"to": data.pop("undercuts", "") if kind == "undercuts"
                               else self.ids[tgt]}
        for name, field_name in (("relation_id", "id"),
                                 *((f, f) for f in _RELATION_FIELDS)):
            value = data.pop(name, None)
            if value is not None:
                rel[field_name] = value
        for name in data:
            self._unknown("edge", name)
        if not _valid_relation(rel) or (kind == "supports" and "question" in rel):
            self.loss.add(NOT_IMPORTED, f"edge {src} -> {tgt}: its attributes are not a "
                          f"valid relation ({', '.join(sorted(rel))})")
            return
        if any(r["to"] == rel["to"] for r in self.fields[src][kind]):
            # A parallel edge (multigraphs allow them): a map holds one relation per pair.
            self.loss.add(NOT_IMPORTED, f"edge {src} -> {tgt}: a second {kind} edge between "
                          "the same nodes (a parallel edge); the first is kept")
            return
        self.fields[src][kind].append(rel)
        if given is None:
            self.defaulted["edge"] = self.defaulted.get("edge", 0) + 1

    def _unknown(self, element: str, name: str) -> None:
        self.unknown[element, name] = self.unknown.get((element, name), 0) + 1

    def report_unknown(self) -> None:
        """One loss entry per attribute argmap has no field for, and per default used."""
        for (element, name), count in sorted(self.unknown.items()):
            self.loss.add(NOT_IMPORTED, f"{element} attribute {shown(name[:60])} "
                          f"({count} {element}{'s' if count != 1 else ''}): argmap has no "
                          "field for it")
        if self.defaulted.get("node"):
            n = self.defaulted["node"]
            self.loss.add(APPROXIMATED, f"{n} node{'s' if n != 1 else ''} without a kind "
                          "imported as claims")
        if self.defaulted.get("edge"):
            n = self.defaulted["edge"]
            self.loss.add(APPROXIMATED, f"{n} edge{'s' if n != 1 else ''} without a relation "
                          "kind imported as supports")


_KINDS = frozenset(k.value for k in NodeKind)
_RELATION_KINDS = ("supports", "attacks", "undercuts")


def _valid_node_field(name: str, value: Any) -> bool:
    try:
        Node.model_validate({"id": "x", "kind": "claim", "text": "x", name: value})
    except ValidationError:
        return False
    return True


def _valid_relation(rel: dict[str, Any]) -> bool:
    try:
        Relation.model_validate(rel)
    except ValidationError:
        return False
    return True


def _yed_label(node: ET.Element) -> str | None:
    """The text of a yEd node's first non-empty label (``<y:NodeLabel>``), if any."""
    for label in node.iter(f"{{{_Y}}}NodeLabel"):
        text = " ".join("".join(label.itertext()).split())
        if text:
            return text
    return None


def _json(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise LoadError([_not_json(text, exc, path)]) from None


def _not_json(text: str, exc: Exception, path: str) -> Problem:
    # json.loads recurses once per level of nesting: a value nested thousands of
    # levels deep raises RecursionError, not a ValueError.
    what = "nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
    return Problem(Location(path), "graphml", f"{what}: {shown(text[:60])}",
                   hint="the values argmap writes as JSON (the map's own fields, tags, "
                   "acknowledgements) nest a few levels at most")


def _data(element: ET.Element, keys: dict[str | None, tuple[str | None, str | None]]
          ) -> dict[str, str]:
    out: dict[str, str] = {}
    for data in element.findall(f"{{{_NS}}}data"):
        _, name = keys.get(data.get("key"), (None, None))
        if name is not None:
            out[name] = data.text or ""
    return out
