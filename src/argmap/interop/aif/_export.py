"""argmap map -> AIF JSON (AIFdb layout) that imports back to the same map.

* a node -> an I node (``nodeID`` = the node id); a node whose first tag is
  ``argument`` -> an RA node whose premises are the nodes supporting it, named by the
  scheme of its conclusions' relations when they share one;
* supports -> an RA node (an MA node for a supports noted ``rephrase (AIF MA)``)
  between the two I nodes; attacks -> a CA node; an RA or CA node's scheme is the
  relation's (its AIF name, :mod:`argmap.schemes`), else "Default Inference" or
  "Default Conflict";
* undercuts -> a CA node aimed at the RA (or CA) node of the undercut relation.

Generated S nodes are named ``ra:1``, ``ca:1`` ... (a colon never occurs in
an argmap id). What AIF has no place for is written in ``argmap`` objects.
"""

from __future__ import annotations

import json
from itertools import count
from typing import Any

from argmap.interop._provenance import report_kept
from argmap.interop.aif._common import ARGUMENT_TAG, EXTENSION, EXTENSION_VERSION, REPHRASE
from argmap.interop.loss import APPROXIMATED, NOT_EXPORTED, LossReport
from argmap.model import ArgumentMap, Node, Relation
from argmap.schemes import SCHEMES
from argmap.writer import JSON_MARK

__all__ = ["export_aif"]

_SCHEMES = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
_RELATION_OUT = {"id", "text", "supports", "attacks", "undercuts"}


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.loss = LossReport()
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.arguments = {n.id for n in amap.nodes if n.tags[:1] == (ARGUMENT_TAG,)}
        self.local = {n.id for n in amap.nodes}
        self.counters = {kind: count(1) for kind in ("ra", "ca", "ma", "e")}
        self.rel_node: dict[str, str] = {}
        self.undercuts: list[tuple[str, str, str]] = []

    def run(self) -> dict[str, Any]:
        for node in self.amap.nodes:
            self.node(node)
        for node in self.amap.nodes:
            for rel in node.supports:
                if self.local_target(node, "supports", rel):
                    self.support(node, rel)
            for rel in node.attacks:
                if self.local_target(node, "attacks", rel):
                    sid = self.s_node("CA", rel)
                    self.edge(node.id, sid)
                    self.edge(sid, rel.to)
            for rel in node.undercuts:
                sid = self.s_node("CA", rel, undercuts=rel.to)
                self.edge(node.id, sid)
                self.undercuts.append((node.id, sid, rel.to))
        for nid, sid, target in self.undercuts:
            if target in self.rel_node:
                self.edge(sid, self.rel_node[target])
            else:
                self.loss.add(NOT_EXPORTED, f"undercut of {target}: a relation of another "
                              "map", node=nid)
        meta = self.amap.model_dump(mode="json", exclude_defaults=True,
                                    exclude={"nodes", "argmap"})
        # The mark first (argmap may write over its own export, never over other JSON);
        # AIF readers skip keys they do not know, as they skip the `argmap` objects.
        return {JSON_MARK[0]: JSON_MARK[1], "nodes": self.nodes, "edges": self.edges,
                "locutions": [], EXTENSION: {"version": EXTENSION_VERSION, "map": meta}}

    def node(self, node: Node) -> None:
        ext = node.model_dump(mode="json", exclude_defaults=True, exclude=_RELATION_OUT)
        if node.id in self.arguments:
            ext["text"] = node.text
            # The RA's scheme is its inference's: the scheme its conclusions are drawn by,
            # when they are all drawn by the same one.
            schemes = {rel.scheme for rel in node.supports}
            only = next(iter(schemes)) if len(schemes) == 1 else None
            scheme = SCHEMES[only].name if only else _SCHEMES["RA"]
            self.nodes.append({"nodeID": node.id, "text": scheme, "type": "RA",
                               "scheme": scheme, EXTENSION: {"node": ext}})
        else:
            self.nodes.append({"nodeID": node.id, "text": node.text, "type": "I",
                               EXTENSION: ext})

    def local_target(self, node: Node, kind: str, rel: Relation) -> bool:
        if rel.to in self.local:
            return True
        self.loss.add(NOT_EXPORTED, f"{kind} {rel.to}: a node of another map", node=node.id)
        return False

    def support(self, node: Node, rel: Relation) -> None:
        if node.id in self.arguments or rel.to in self.arguments:
            # A premise of an argument node, or its conclusion: an edge of its RA node.
            edge = self.edge(node.id, rel.to)
            attrs = _attrs(rel)
            if attrs:
                edge[EXTENSION] = {"relation": attrs}
            if rel.id is not None:
                self.rel_node[rel.id] = rel.to if rel.to in self.arguments else node.id
            return
        sid = self.s_node("MA" if rel.note == REPHRASE else "RA", rel)
        self.edge(node.id, sid)
        self.edge(sid, rel.to)

    def s_node(self, kind: str, rel: Relation, undercuts: str | None = None) -> str:
        sid = f"{kind.lower()}:{next(self.counters[kind.lower()])}"
        ext: dict[str, Any] = {"relation": _attrs(rel)}
        if undercuts is not None:
            ext["undercuts"] = undercuts
        # The scheme by its AIF name, which AIF tools show; "Default ..." when none.
        scheme = SCHEMES[rel.scheme].name if rel.scheme and kind != "MA" else _SCHEMES[kind]
        self.nodes.append({"nodeID": sid, "text": scheme, "type": kind,
                           "scheme": scheme, EXTENSION: ext})
        if rel.id is not None:
            self.rel_node[rel.id] = sid
        return sid

    def edge(self, src: str, dst: str) -> dict[str, Any]:
        edge: dict[str, Any] = {"edgeID": f"e:{next(self.counters['e'])}", "fromID": src,
                                "toID": dst}
        self.edges.append(edge)
        return edge


def _attrs(rel: Relation) -> dict[str, Any]:
    return rel.model_dump(mode="json", exclude_defaults=True, exclude={"to"})


def _beyond_aif(node: dict[str, Any]) -> bool:
    """Whether an exported node carries fields other than an AIF node's."""
    if node["type"] == "RA" and "node" in node[EXTENSION]:
        ext = node[EXTENSION]["node"]
    elif node["type"] == "I":
        ext = node[EXTENSION]
    else:
        return False
    extra = set(ext) - {"kind", "text", "tags"}
    return bool(extra) or ext.get("kind") != "claim" or \
        bool(ext.get("tags", [])[1 if node["type"] == "RA" else 0:])


def export_aif(amap: ArgumentMap) -> tuple[str, LossReport]:
    """AIF JSON text of ``amap`` (AIFdb layout) and what AIF tools will not show of it."""
    writer = _Writer(amap)
    doc = writer.run()
    kept = sum(1 for n in writer.nodes if _beyond_aif(n))
    if kept:
        writer.loss.add(APPROXIMATED, f"{kept} nodes have kinds, sources, quotes, tags or "
                        "other fields that AIF has no place for: they are kept in `argmap` "
                        "objects, which other AIF tools ignore")
    report_kept(amap, writer.loss, "`argmap` objects", schemes=False)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n", writer.loss
