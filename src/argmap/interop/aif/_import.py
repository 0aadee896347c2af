"""AIF JSON (AIFdb or OVA layout) -> an argmap map, with a loss report.

* I node -> a ``claim`` node (id from its text).
* RA node with one I premise and one I conclusion -> a ``supports`` relation;
  any other RA (linked premises, several conclusions, chained inferences) -> an
  argument node (``claim`` tagged ``argument``) supported by each premise and
  supporting each conclusion, so that no premise is lost.
* CA node -> an ``attacks`` relation from each attacker; a CA aimed at an RA
  mapped to a relation -> an ``undercuts`` of that relation.
* The scheme of an RA or CA node -> the relation's ``scheme`` (the catalogue's id,
  :mod:`argmap.schemes`, whatever the spelling); a scheme not in the catalogue ->
  the relation's note and the loss report.
* MA node -> a ``supports`` relation noted ``rephrase (AIF MA)``.
* PA, L, YA, TA nodes and locutions -> the loss report.

A node or edge written by argmap's AIF export carries an ``argmap`` object with
what AIF cannot hold (ids, kinds, quotes, strengths ...); it is read back here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import LoadError, Problem
from argmap.interop._ids import IdAllocator, is_id, slug
from argmap.interop._json import JsonDocument
from argmap.interop._provenance import known_tensions
from argmap.interop.aif._common import (
    ARGUMENT_TAG,
    DEFAULT_SCHEMES,
    REPHRASE,
    extension,
    map_fields,
    node_fields,
    relation_fields,
)
from argmap.interop.loss import APPROXIMATED, NOT_IMPORTED, Imported, LossReport
from argmap.model import ArgumentMap
from argmap.schemes import by_name

__all__ = ["aif_to_map"]

_DIALOGUE = {"L": "locutions", "YA": "illocutions", "TA": "transitions"}
#: Node types that are neither a premise nor a conclusion of an inference.
_NOT_ARGUMENT = frozenset({"CA", "PA", *_DIALOGUE})
#: What the parts of an OVA file besides its AIF hold.
_OVA_PARTS = {"OVA": "the layout: positions of the nodes", "text": "the analysed text"}


@dataclass
class _Reader:
    doc: JsonDocument
    base: tuple[Any, ...]
    loss: LossReport = field(default_factory=LossReport)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    ins: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    outs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    edges: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    rel_of: dict[str, dict[str, Any]] = field(default_factory=dict)
    rel_ids: IdAllocator = field(default_factory=IdAllocator)
    inputs: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    edge_index: list[int] = field(default_factory=list)
    done: set[int] = field(default_factory=set)
    unknown_schemes: set[str] = field(default_factory=set)
    other_edges: list[int] = field(default_factory=list)

    def where(self, *keys: Any) -> Any:
        return self.doc.where((*self.base, *keys))

    def read(self, aif: dict[str, Any]) -> None:
        problems: list[Problem] = []
        raw_nodes = aif.get("nodes")
        if not isinstance(raw_nodes, list):
            raise LoadError([Problem(self.where("nodes"), "aif", "AIF needs a list `nodes`")])
        for k, node in enumerate(raw_nodes):
            nid = node.get("nodeID") if isinstance(node, dict) else None
            kind = node.get("type") if isinstance(node, dict) else None
            if not isinstance(nid, str | int) or isinstance(nid, bool) or not str(nid):
                problems.append(Problem(self.where("nodes", k), "aif", "node without a nodeID"))
            elif not isinstance(kind, str):
                problems.append(Problem(self.where("nodes", k), "aif",
                                        f"node {nid} without a type"))
            elif str(nid) in self.nodes:
                problems.append(Problem(self.where("nodes", k, "nodeID"), "aif",
                                        f"duplicate nodeID {nid}"))
            else:
                self.nodes[str(nid)] = node
                self.index[str(nid)] = k
        if problems:
            raise LoadError(problems)
        raw_edges = aif.get("edges", [])
        for k, edge in enumerate(raw_edges if isinstance(raw_edges, list) else []):
            src = edge.get("fromID") if isinstance(edge, dict) else None
            dst = edge.get("toID") if isinstance(edge, dict) else None
            if str(src) not in self.nodes or str(dst) not in self.nodes:
                self.loss.add(NOT_IMPORTED, f"edge {src} -> {dst}: it names a node that does "
                              "not exist", self.where("edges", k))
                continue
            self.outs[str(src)].append(str(dst))
            self.ins[str(dst)].append(str(src))
            self.inputs[str(dst)].append(len(self.edges))
            self.edge_index.append(k)
            self.edges.append((str(src), str(dst), edge))
        if not isinstance(raw_edges, list):
            self.loss.add(NOT_IMPORTED, "`edges` is not a list", self.where("edges"))

    def type(self, nid: str) -> str:
        return str(self.nodes[nid]["type"])

    def binary(self, nid: str) -> bool:
        """Whether an RA node is one premise -> one conclusion: a relation, not a node."""
        ext = extension(self.nodes[nid])
        if ext is not None:
            return "node" not in ext
        # Attacks, preferences (PA) and the dialogue bear on the inference; they are not
        # its premises or conclusions (an RA preferred to another stays a relation).
        inputs = [i for i in self.ins[nid] if self.type(i) not in _NOT_ARGUMENT]
        outputs = [o for o in self.outs[nid] if self.type(o) not in _NOT_ARGUMENT]
        return len(inputs) == 1 and len(outputs) == 1 and \
            self.type(inputs[0]) == "I" and self.type(outputs[0]) == "I"

    def build(self, aif: dict[str, Any], top: Any, name: str) -> ArgumentMap:
        self.read(aif)
        order = sorted(self.nodes, key=self.index.__getitem__)
        members = [n for n in order if self.type(n) == "I"
                   or (self.type(n) == "RA" and not self.binary(n))]
        self.assign_ids(members)
        for nid in members:
            self.fields[self.ids[nid]] = self.node(nid)
        self.report_other(order)
        self.report_ids(order)
        for k in range(len(self.edges)):
            self.edge(k)
        if self.other_edges:
            self.loss.add(NOT_IMPORTED, f"{len(self.other_edges)} edges of L, YA, TA and PA "
                          "nodes (the dialogue and preferences)",
                          self.where("edges", self.edge_index[self.other_edges[0]]))
        meta = map_fields(top, name, self.loss)
        known_tensions(meta, set(self.fields), self.loss)
        return ArgumentMap.model_validate({**meta, "argmap": 1,
                                           "nodes": list(self.fields.values())})

    def assign_ids(self, members: list[str]) -> None:
        taken = IdAllocator()
        for nid in members:  # ids argmap wrote come back as they were
            if extension(self.nodes[nid]) is not None and is_id(nid) and taken.reserve(nid):
                self.ids[nid] = nid
        for nid in members:
            if nid not in self.ids:
                node = self.nodes[nid]
                if self.type(nid) == "I":
                    base = slug(str(node.get("text") or ""), words=6, fallback=f"i-{nid}")
                else:
                    out = [o for o in self.outs[nid] if self.type(o) == "I"]
                    about = str(self.nodes[out[0]].get("text") or "") if out else ""
                    base = "argument-for-" + slug(about, words=5, fallback=slug(nid))
                self.ids[nid] = taken.take(base)

    def node(self, nid: str) -> dict[str, Any]:
        node = self.nodes[nid]
        ext = extension(node)
        fields: dict[str, Any] = {"id": self.ids[nid], "kind": "claim"}
        # Where the node is, looked up only when something is reported: a large file's
        # I nodes rarely need it.
        plain = self.type(nid) == "I" and isinstance(node.get("text"), str) and node["text"]
        where = self.where("nodes", self.index[nid]) if ext is not None or not plain else None
        if self.type(nid) == "I":
            text = node.get("text")
            if not isinstance(text, str) or not text:
                self.loss.add(APPROXIMATED, f"I node {nid} has no text", where, self.ids[nid])
                text = f"(I node {nid} without text)"
            fields["text"] = text
        elif ext is None:
            premises = sum(1 for i in self.ins[nid] if self.type(i) in ("I", "RA"))
            fields.update(text=self.argument_text(nid), tags=[ARGUMENT_TAG],
                          note=f"AIF RA node {nid}")
            self.loss.add(APPROXIMATED, f"RA node {nid} ({premises} linked premises) as an "
                          "argument node", where, self.ids[nid])
        else:
            fields["text"] = self.argument_text(nid)
        if ext is not None:
            inner = ext.get("node")
            node_ext: dict[str, Any] = inner if isinstance(inner, dict) else ext
            fields.update(node_fields(node_ext, self.loss, where, self.ids[nid]))
        fields.update(supports=[], attacks=[], undercuts=[])
        return fields

    def argument_text(self, nid: str) -> str:
        node = self.nodes[nid]
        scheme = str(node.get("scheme") or node.get("text") or "").strip()
        scheme = "" if scheme in DEFAULT_SCHEMES else scheme
        out = [o for o in self.outs[nid] if self.type(o) == "I"]
        about = str(self.nodes[out[0]].get("text") or "") if out else ""
        if not about:
            return f"{scheme or 'Argument'} (AIF node {nid})"
        return f"{scheme + ': a' if scheme else 'A'}rgument for: {about}"

    def report_other(self, order: list[str]) -> None:
        by_type: dict[str, list[str]] = defaultdict(list)
        for nid in order:
            kind = self.type(nid)
            if kind in ("I", "RA", "CA", "MA"):
                continue
            by_type[kind].append(nid)
        for kind, nids in by_type.items():
            what = _DIALOGUE.get(kind, "preferences" if kind == "PA" else "of an unknown type")
            shown = ", ".join(nids[:20]) + (" ..." if len(nids) > 20 else "")
            self.loss.add(NOT_IMPORTED, f"{len(nids)} {kind} node(s) ({what}): {shown}; "
                          "an argmap map holds the argument, not the dialogue or preferences",
                          self.where("nodes", self.index[nids[0]]))

    def report_ids(self, order: list[str]) -> None:
        """AIF's own node ids and timestamps have no place in a map: say so once (ids that
        argmap itself wrote come back as they were)."""
        foreign = [n for n in order if extension(self.nodes[n]) is None
                   and self.type(n) in ("I", "RA", "CA", "MA")]
        stamped = sum(1 for n in foreign if "timestamp" in self.nodes[n])
        if foreign:
            times = f" and {stamped} timestamps" if stamped else ""
            self.loss.add(NOT_IMPORTED, f"the nodeIDs of {len(foreign)} I, RA, CA and MA "
                          f"nodes{times}: argmap names nodes by their text, and a relation "
                          "node becomes a relation", self.where("nodes"))

    # --- edges -> relations -----------------------------------------------------------

    def edge(self, k: int) -> None:
        """Turn edge ``k`` into a relation, once (an undercut may ask for it early)."""
        if k in self.done:
            return
        self.done.add(k)
        src, dst, edge = self.edges[k]
        s, d = self.type(src), self.type(dst)
        if s in _DIALOGUE or d in _DIALOGUE or "PA" in (s, d):
            self.other_edges.append(k)  # reported once, with a count (build)
            return
        if src in self.ids and dst in self.ids:
            if s == "RA" or d == "RA":  # a premise or the conclusion of an argument node
                rel = self.relation("supports", src, self.ids[dst], extension(edge))
                if s == "RA":  # the inference of the argument: its scheme
                    self.scheme(src, rel, self.ids[src])
                return
        elif src in self.ids and d in ("RA", "CA", "MA"):
            for out in self.outs[dst]:
                self.through(src, dst, out)
            return
        elif s in ("RA", "CA", "MA") and src not in self.ids and d in ("I", "RA", "CA", "MA"):
            return  # the output of a relation node: made with its input
        self.loss.add(NOT_IMPORTED, f"edge {src} ({s}) -> {dst} ({d}): not an argument "
                      "relation", self.where("edges", self.edge_index[k]))

    def through(self, src: str, snode: str, out: str) -> None:
        """The relation from ``src`` through the relation node ``snode`` to ``out``."""
        kind = self.type(snode)
        ext = extension(self.nodes[snode]) or {}
        where = self.where("nodes", self.index[snode])
        if kind == "CA" and ("undercuts" in ext or out not in self.ids):
            target = ext.get("undercuts")
            if not (isinstance(target, str) and is_id(target)):
                target = self.relation_id(out)
            if target is not None:
                rel = self.relation("undercuts", src, target, ext)
                self.scheme(snode, rel, self.ids[src])
                self.rel_of.setdefault(snode, rel)
            return
        if out not in self.ids:
            self.loss.add(NOT_IMPORTED, f"{kind} node {snode}: its conclusion {out} is not "
                          "a statement or argument", where)
            return
        attackers = [i for i in self.ins[snode] if self.type(i) not in _NOT_ARGUMENT]
        if kind == "CA" and len(attackers) > 1 and not ext:
            self.loss.add(APPROXIMATED, f"CA node {snode} with {len(attackers)} "
                          "attackers as one attack from each", where, self.ids[src])
        rel = self.relation("attacks" if kind == "CA" else "supports", src, self.ids[out], ext)
        self.scheme(snode, rel, self.ids[src])
        if kind == "MA" and not ext:
            rel["note"] = REPHRASE
            self.loss.add(APPROXIMATED, f"MA node {snode} (rephrase) as supports, noted "
                          f"{REPHRASE!r}", where, self.ids[src])
        self.rel_of.setdefault(snode, rel)

    def relation(self, kind: str, src: str, target: str,
                 ext: dict[str, Any] | None) -> dict[str, Any]:
        sid = self.ids[src]
        rel: dict[str, Any] = {"to": target}
        given = ext.get("relation") if ext else None
        if isinstance(given, dict):
            rel.update(relation_fields(given, self.loss, None, sid,
                                       support=kind == "supports"))
            if "id" in rel and not self.rel_ids.reserve(rel["id"]):
                del rel["id"]
        self.fields[sid][kind].append(rel)
        return rel

    def scheme(self, snode: str, rel: dict[str, Any], node: str) -> None:
        """Give ``rel`` (written under ``node``) the scheme its RA or CA node names (unless
        argmap's own data did): the catalogue's id for a name it knows, else the name in
        the relation's note."""
        aif = self.nodes[snode]
        name = aif.get("scheme") or aif.get("text")
        if "scheme" in rel or self.type(snode) == "MA" or not isinstance(name, str) or \
                name.strip() in DEFAULT_SCHEMES:
            return
        found = by_name(name)
        if found is not None:
            rel["scheme"] = found.id
            return
        named = f"AIF scheme: {name.strip()}"
        rel["note"] = f"{rel['note']}; {named}" if rel.get("note") else named
        if snode not in self.unknown_schemes:
            self.unknown_schemes.add(snode)
            self.loss.add(APPROXIMATED, f"{self.type(snode)} node {snode}: scheme "
                          f"{name.strip()[:80]!r} is not in argmap's catalogue "
                          "(docs/schemes.md): kept in the relation's note",
                          self.where("nodes", self.index[snode]), node)

    def relation_id(self, snode: str) -> str | None:
        """The id of the relation the S node ``snode`` became (given one if it had none)."""
        if snode not in self.rel_of:
            for k in self.inputs[snode]:
                self.edge(k)
        rel = self.rel_of.get(snode)
        if rel is None:
            self.loss.add(NOT_IMPORTED, f"CA node aimed at node {snode}, which is not a "
                          "relation", self.where("nodes", self.index[snode]))
            return None
        if "id" not in rel:
            rel["id"] = self.rel_ids.take(f"{self.type(snode).lower()}-{slug(snode)}")
        return str(rel["id"])


def aif_to_map(doc: JsonDocument, name: str) -> Imported:
    """Import a parsed AIF document (either layout); ``name`` is the default title."""
    data = doc.data
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        reader = _Reader(doc, ("AIF",))
        for key in data:
            if key not in ("AIF", "argmap"):
                what = _OVA_PARTS.get(key, "not read")
                reader.loss.add(NOT_IMPORTED, f"{key} part of the OVA file ({what})",
                                doc.where((key,)))
        aif = data["AIF"]
    elif isinstance(data, dict) and "nodes" in data:
        reader = _Reader(doc, ())
        aif = data
    else:
        raise LoadError([Problem(doc.where(()), "aif", "not AIF JSON: expected "
                                 '{"nodes": [...], "edges": [...]} or {"AIF": {...}}')])
    for key in ("locutions", "participants", "schemefulfillments", "descriptorfulfillments"):
        value = aif.get(key)
        if value:
            reader.loss.add(NOT_IMPORTED, f"{len(value) if isinstance(value, list) else 1} "
                            f"{key}", reader.where(key))
    amap = reader.build(aif, data, name)
    return Imported(amap, reader.loss)
