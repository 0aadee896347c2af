"""argmap's JSON interchange format (``argmap-json``, version 1), both ways.

The map as a node list and a flat relation list, for tools that want a graph::

    {"generator": "argmap", "format": "argmap-json", "version": 1,
     "map": {"title": ..., "question": ..., "sources": [...], ...},
     "nodes": [{"id": ..., "kind": ..., "text": ..., "tags": [...], ...}],
     "relations": [{"kind": "supports", "from": ..., "to": ..., "id": ..., ...}]}

``generator`` marks a file argmap wrote (it may write over it again; see
:mod:`argmap.writer`); import accepts it with any value, or without it.
Fields that are not set are left out. docs/interop.md documents every field.
The format holds everything a map holds, so the trip is exact; import is strict:
any problem is a located error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.errors import LoadError, Problem
from argmap.interop._json import JsonDocument, parse_json, read_json, shown
from argmap.interop.loss import NOT_IMPORTED, Imported, LossReport
from argmap.model import MISPLACED, ArgumentMap, Node, RelationKind
from argmap.writer import JSON_MARK

__all__ = ["FORMAT", "VERSION", "export_json", "import_json", "json_from_text"]

FORMAT = "argmap-json"
VERSION = 1
_KINDS = tuple(k.value for k in RelationKind)
_REL_KEYS = ("kind", "from", "to", "id", "by", "source", "quote", "scheme", "question",
             "strength", "note")


def export_json(amap: ArgumentMap) -> tuple[str, LossReport]:
    """The ``argmap-json`` text of ``amap`` (nothing is lost)."""
    nodes = []
    relations = []
    for node in amap.nodes:
        nodes.append(node.model_dump(mode="json", exclude_defaults=True,
                                     exclude=set(_KINDS)))
        for kind, rel in node.relations():
            relations.append({"kind": kind.value, "from": node.id,
                              **rel.model_dump(mode="json", exclude_defaults=True)})
    meta = amap.model_dump(mode="json", exclude_defaults=True, exclude={"nodes", "argmap"})
    # The mark first: argmap may write over its own export, never over other JSON.
    doc = {JSON_MARK[0]: JSON_MARK[1], "format": FORMAT, "version": VERSION, "map": meta,
           "nodes": nodes, "relations": relations}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n", LossReport()


def import_json(path: str | Path) -> Imported:
    """Import an ``argmap-json`` file; raise LoadError with located problems."""
    return _to_map(read_json(path, str(path)))


def json_from_text(text: str, path: str = "<string>") -> Imported:
    """Import ``argmap-json`` text."""
    return _to_map(parse_json(text, path))


def _to_map(doc: JsonDocument) -> Imported:
    data = doc.data
    loss = LossReport()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LoadError([Problem(doc.where(("format",)), "json-format",
                                 f'not argmap JSON: expected "format": "{FORMAT}"')])
    version = data.get("version")
    # `true == 1` and `1.0 == 1` in Python: only a JSON integer is a version.
    if type(version) is not int or version != VERSION:
        what = (f"argmap JSON version {version} is not supported" if type(version) is int
                else f'"version" is a whole number, not {shown(version)}')
        raise LoadError([Problem(doc.where(("version",)), "json-format",
                                 f"{what}; this argmap reads version {VERSION}",
                                 hint=f'write "version": {VERSION}')])
    for key in data:
        if key not in (JSON_MARK[0], "format", "version", "map", "nodes", "relations"):
            loss.add(NOT_IMPORTED, f"unknown key {shown(key)}", doc.where((key,)))
    problems: list[Problem] = []
    nodes = _list(doc, "nodes", problems)
    relations = _list(doc, "relations", problems)
    fields: dict[str, dict[str, Any]] = {}
    where_node: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            problems.append(Problem(doc.where(("nodes", i)), "json-format",
                                    "a node is an object with an `id`"))
            continue
        bad = set(node) & set(_KINDS)
        if bad or node["id"] in fields:
            what = f"relations go in `relations`, not {shown(sorted(bad))}" if bad else \
                f"duplicate node id {shown(node['id'])}"
            problems.append(Problem(doc.where(("nodes", i)), "json-format", what))
            continue
        fields[node["id"]] = {**node, "supports": [], "attacks": [], "undercuts": []}
        where_node[node["id"]] = i
    where_rel: dict[tuple[str, str, int], int] = {}
    rel_ids: set[str] = set()
    for i, rel in enumerate(relations):
        message = _relation_problem(rel, fields, rel_ids)
        if message:
            problems.append(Problem(doc.where(("relations", i)), "json-format", message))
            continue
        entry = {k: v for k, v in rel.items() if k not in ("kind", "from")}
        listed = fields[rel["from"]][rel["kind"]]
        where_rel[(rel["from"], rel["kind"], len(listed))] = i
        listed.append(entry)
    for i, rel in enumerate(relations):
        if isinstance(rel, dict) and rel.get("kind") == "undercuts" and \
                isinstance(rel.get("to"), str) and rel["to"] not in rel_ids and \
                ":" not in rel["to"]:
            problems.append(Problem(doc.where(("relations", i, "to")), "json-format",
                                    f"undercuts {shown(rel.get('to'))}: no relation has this id"))
    if problems:
        raise LoadError(problems)
    meta = data.get("map", {})
    if not isinstance(meta, dict):
        raise LoadError([Problem(doc.where(("map",)), "json-format", "`map` is an object")])
    validated = []
    for nid, node_fields in fields.items():
        try:
            validated.append(Node.model_validate(node_fields))
        except ValidationError as exc:
            problems.extend(_node_problems(doc, exc, where_node[nid], nid, where_rel))
    if problems:
        raise LoadError(problems)
    try:
        amap = ArgumentMap.model_validate({**meta, "argmap": 1, "nodes": validated})
    except ValidationError as exc:
        raise LoadError([Problem(doc.where(("map", *err["loc"])), "invalid-value",
                                 _message(err)) for err in exc.errors(include_url=False)]
                        ) from None
    sources = {src.id for src in amap.sources}
    for nid, node_fields in fields.items():
        ref = node_fields.get("source")
        if isinstance(ref, str) and ref not in sources and ":" not in ref:
            problems.append(Problem(doc.where(("nodes", where_node[nid], "source")),
                                    "json-format", f"source {shown(ref)}: no source has this id"))
    for i, rel in enumerate(relations):
        ref = rel.get("source")
        if isinstance(ref, str) and ref not in sources and ":" not in ref:
            problems.append(Problem(doc.where(("relations", i, "source")), "json-format",
                                    f"source {shown(ref)}: no source has this id"))
    for i, tension in enumerate(amap.tensions):
        for j, ref in enumerate(tension.between):
            if ref not in fields and ":" not in ref:
                problems.append(Problem(doc.where(("map", "tensions", i, "between", j)),
                                        "json-format", f"tension {shown(tension.id)}: no "
                                        f"node has the id {shown(ref)}"))
    if problems:
        raise LoadError(problems)
    return Imported(amap, loss)


def _list(doc: JsonDocument, key: str, problems: list[Problem]) -> list[Any]:
    value = doc.data.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(Problem(doc.where((key,)), "json-format", f"`{key}` is a list"))
    return []


def _relation_problem(rel: Any, fields: dict[str, dict[str, Any]],
                      rel_ids: set[str]) -> str | None:
    if not isinstance(rel, dict):
        return "a relation is an object"
    if rel.get("kind") not in _KINDS:
        return f"relation kind {shown(rel.get('kind'))} is not one of {', '.join(_KINDS)}"
    if set(rel) - set(_REL_KEYS):
        return f"unknown relation keys {shown(sorted(set(rel) - set(_REL_KEYS)))}"
    if not all(isinstance(rel.get(k), str) for k in ("from", "to")) or \
            not isinstance(rel.get("id") or "", str):
        return "a relation's `from`, `to` and `id` are text"
    if rel.get("from") not in fields:
        return f"relation from {shown(rel.get('from'))}: no node has this id"
    target = rel.get("to")
    if rel["kind"] != "undercuts" and target not in fields and ":" not in str(target):
        return f"relation to {shown(target)}: no node has this id"
    rid = rel.get("id")
    if rid is not None:
        if rid in rel_ids:
            return f"duplicate relation id {shown(rid)}"
        rel_ids.add(str(rid))
    return None


def _node_problems(doc: JsonDocument, exc: ValidationError, index: int, nid: str,
                   where_rel: dict[tuple[str, str, int], int]) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] == MISPLACED:  # located at the key valid only elsewhere
            loc = (*loc, err["ctx"]["key"])
        if len(loc) >= 2 and loc[0] in _KINDS and (nid, loc[0], loc[1]) in where_rel:
            where = doc.where(("relations", where_rel[(nid, str(loc[0]), int(loc[1]))],
                               *loc[2:]))
        else:
            where = doc.where(("nodes", index, *loc))
        problems.append(Problem(where, "invalid-value", _message(err)))
    return problems


def _message(err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    if err["type"] == "missing":
        parent = ".".join(str(p) for p in err["loc"][:-1])
        return f"{parent or 'map'}: missing required key {shown(err['loc'][-1])}"
    return f"{loc or 'value'}: {str(err['msg']).removeprefix('Value error, ')}"
