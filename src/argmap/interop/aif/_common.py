"""What AIF import and export share: names, and the ``argmap`` extension objects.

AIF holds a node's text and the structure. argmap's export adds an ``argmap``
object to nodes and edges (and to the document) for everything else, so that a
map survives the trip through AIF exactly. Other AIF tools ignore it. The
importer reads it back field by field, validating each value.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap.errors import Location
from argmap.interop._json import shown
from argmap.interop.loss import NOT_IMPORTED, LossReport
from argmap.model import ArgumentMap, Node, Relation

__all__ = ["ARGUMENT_TAG", "DEFAULT_SCHEMES", "EXTENSION", "NODE_KEYS", "RELATION_KEYS",
           "REPHRASE", "extension", "map_fields", "node_fields", "relation_fields"]

#: Key of argmap's extension object in AIF nodes, edges and the document.
EXTENSION = "argmap"
#: Version of the extension's content.
EXTENSION_VERSION = 1
#: First tag of a node that stands for an argument: exported as an RA node.
ARGUMENT_TAG = "argument"
#: Note of a supports relation that came from (and goes back to) an MA node.
REPHRASE = "rephrase (AIF MA)"
#: Scheme names that say nothing beyond the node type.
DEFAULT_SCHEMES = frozenset({"", "RA", "CA", "MA", "Default Inference", "Default Conflict",
                             "Default Rephrase"})
#: Node fields kept in the extension (id and text are AIF's own nodeID and text).
NODE_KEYS = ("kind", "title", "quote", "source", "locator", "section", "tags", "confidence",
             "note", "acknowledge")
_MAP_KEYS = ("title", "question", "thesis", "authors", "date", "description", "sources",
             "check", "tensions")
#: Relation fields kept in the extension (``to`` is the AIF structure itself).
RELATION_KEYS = ("id", "by", "source", "quote", "scheme", "question", "strength", "note")


def extension(item: Any) -> dict[str, Any] | None:
    """The ``argmap`` object of an AIF node, edge or document, if it has one."""
    if isinstance(item, dict):
        ext = item.get(EXTENSION)
        if isinstance(ext, dict):
            return ext
    return None


def node_fields(ext: dict[str, Any], loss: LossReport, where: Location | None,
                nid: str) -> dict[str, Any]:
    """The valid node fields of an extension object (the invalid ones are reported)."""
    out: dict[str, Any] = {}
    for key in ("text", *NODE_KEYS):
        if key not in ext:
            continue
        probe = {"id": "x", "kind": "claim", "text": "x", key: ext[key]}
        try:
            Node.model_validate(probe)
        except ValidationError:
            loss.add(NOT_IMPORTED, f"argmap {key}: {shown(ext[key])} is not valid", where, nid)
            continue
        out[key] = ext[key]
    return out


def relation_fields(ext: dict[str, Any], loss: LossReport, where: Location | None,
                    nid: str, *, support: bool = False) -> dict[str, Any]:
    """The valid relation fields (:data:`RELATION_KEYS`) of an extension object, each
    valid on its own and together (``support``: of a supports relation, which raises
    no critical question)."""
    out: dict[str, Any] = {}
    for key in RELATION_KEYS:
        if key not in ext:
            continue
        try:
            Relation.model_validate({"to": "x", key: ext[key]})
        except ValidationError:
            loss.add(NOT_IMPORTED, f"argmap relation {key}: {shown(ext[key])} is not valid",
                     where, nid)
            continue
        out[key] = ext[key]
    # Keys valid one by one may not be together: a quote of the analyst's relation.
    clash: list[str] = [k for k in ("quote", "source") if k in out and out.get("by") == "analyst"]
    clash += ["question"] if support and "question" in out else []
    for key in clash:
        loss.add(NOT_IMPORTED, f"argmap relation {key}: {shown(out.pop(key))} is not valid "
                 f"on {'a support' if key == 'question' else 'a relation by: analyst'}",
                 where, nid)
    return out


def map_fields(top: Any, name: str, loss: LossReport) -> dict[str, Any]:
    """The map's metadata from the document's extension; the title defaults to ``name``."""
    meta: dict[str, Any] = {}
    ext = extension(top)
    given = ext.get("map") if ext is not None else None
    for key in _MAP_KEYS:
        if isinstance(given, dict) and key in given:
            try:
                ArgumentMap.model_validate({"argmap": 1, "title": "t", key: given[key]})
            except ValidationError:
                loss.add(NOT_IMPORTED, f"argmap map {key}: not valid")
                continue
            meta[key] = given[key]
    meta.setdefault("title", name or "Imported AIF")
    return meta
