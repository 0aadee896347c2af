"""YAML data of an Argdown document: frontmatter -> map metadata, data elements -> node fields.

A data element ``{...}`` may hold argmap's node fields (``id``, ``kind``, ``title``,
``quote``, ``source``, ``locator``, ``section``, ``tags``, ``confidence``, ``note``,
``acknowledge``, ``text``) and ``relations``: the fields of the node's relations
and its undercuts that Argdown's relation lines cannot say (id, who draws it,
source, quote, scheme, critical question, strength, note).
This is how argmap's Argdown export keeps everything; anything else is listed
in the loss report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from argmap.emit import flow
from argmap.errors import LoadError, Location, Problem, shown
from argmap.interop._ids import is_id
from argmap.interop.argdown._inline import Member, shift_location
from argmap.interop.loss import APPROXIMATED, NOT_IMPORTED, LossReport
from argmap.loading import source
from argmap.model import ArgumentMap, NodeKind, Relation
from argmap.records import title_problem

if TYPE_CHECKING:
    from argmap.interop.argdown._parse import Document

__all__ = ["ARGUMENT_TAG", "apply_data", "data_id", "map_metadata", "relation_data"]

#: First tag of a node that stands for an argument (Argdown ``<...>``, AIF RA node).
ARGUMENT_TAG = "argument"

_MAP_KEYS = ("title", "question", "thesis", "authors", "date", "description", "sources",
             "check", "tensions")
#: The fields of a relation a data element may give, besides its kind and target.
_RELATION_FIELDS = ("id", "by", "source", "quote", "scheme", "question", "strength", "note")
_TEXT_KEYS = ("quote", "locator", "note")
_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_KINDS = frozenset(k.value for k in NodeKind)


def map_metadata(doc: Document, name: str,
                 loss: LossReport) -> tuple[dict[str, Any], set[str]]:
    """The map's metadata from the frontmatter; the ids of its sources."""
    blocks = doc.prepared.frontmatter
    meta: dict[str, Any] = {}
    for extra in blocks[1:]:
        loss.add(NOT_IMPORTED, "a second frontmatter block (only the first one is read)",
                 extra.location)
    data: Any = None
    document = None
    if blocks:
        try:
            document = source.parse(blocks[0].yaml, blocks[0].location.path)
        except LoadError as exc:
            raise LoadError([shift_location(p, blocks[0].location) for p in exc.problems]) from None
        data = document.data
    where = blocks[0].location if blocks else None
    if data is not None and not isinstance(data, dict):
        loss.add(NOT_IMPORTED, "frontmatter that is not a mapping", where)
        data = None

    def at(key: str) -> Location | None:
        if document is None or where is None:
            return where
        return shift_location(Problem(document.where((key,), key=True), "", ""), where).location

    for key, value in (data or {}).items():
        if key in _MAP_KEYS:
            meta[key] = value
        elif key == "author" and "authors" not in data:
            meta["authors"] = [value] if isinstance(value, str) else value
        elif key == "argmap" and value == "1":
            continue
        elif key == "subTitle" and "description" not in data:
            meta["description"] = value
            loss.add(APPROXIMATED, "frontmatter subTitle as the map's description", at(key))
        else:
            loss.add(NOT_IMPORTED, f"frontmatter {key}: {_short(value)} (Argdown settings "
                     "have no meaning in an argmap map)", at(key))
    if isinstance(meta.get("date"), str) and (m := _DMY.fullmatch(meta["date"])):
        day, month, year = (int(g) for g in m.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            loss.add(APPROXIMATED, f"date {shown(meta['date'])} read as day/month/year",
                     at("date"))
            meta["date"] = f"{year:04d}-{month:02d}-{day:02d}"
    for key in list(meta):
        try:
            ArgumentMap.model_validate({"argmap": 1, "title": "t", key: meta[key]})
        except ValidationError:
            loss.add(NOT_IMPORTED, f"frontmatter {key}: {_short(meta.pop(key))} is not a "
                     f"valid {key}", at(key))
    if not meta.get("title"):
        meta["title"] = next((h for h in doc.headings if h), None) or name or "Untitled"
    sources = {str(s["id"]) for s in meta.get("sources", ()) if isinstance(s, dict)}
    return meta, sources


def data_id(member: Member) -> str | None:
    """The valid id a member's data element gives (``{id: c1}``), if any: the first."""
    for _, value in member.data:
        if isinstance(value, dict) and "id" in value:
            given = value["id"]
            return given if isinstance(given, str) and is_id(given) else None
    return None


def apply_data(fields: dict[str, Any], member: Member, sources: set[str],
               loss: LossReport) -> None:
    """Set the node fields a member's data elements give; report the others."""
    nid = fields["id"]
    for block, value in member.data:
        where = block.location
        if value is None:
            continue
        if not isinstance(value, dict):
            loss.add(NOT_IMPORTED, f"data that is not a mapping: {_short(value)}", where, nid)
            continue
        for key, v in value.items():
            ok = True
            if key == "relations":
                continue
            if key == "id":
                # Read by data_id(); reported here when the node could not have it.
                if v != nid:
                    loss.add(NOT_IMPORTED, f"data id: {_short(v)} is not a valid id, or "
                             "another node's", where, nid)
                continue
            if key == "kind":
                ok = v in _KINDS
            elif key == "text":
                ok = isinstance(v, str) and bool(v)
            elif key == "title":
                ok = title_problem(v) is None
            elif key == "tags":
                ok = isinstance(v, list) and all(isinstance(t, str) for t in v)
                if ok:
                    fields["tags"] = list(dict.fromkeys([*fields["tags"], *v]))
                    continue
            elif key == "source":
                ok = isinstance(v, str) and v in sources
                if not ok:
                    loss.add(NOT_IMPORTED, f"data source: {_short(v)} is not a source of "
                             "the map (the frontmatter's `sources`)", where, nid)
                    continue
            elif key in _TEXT_KEYS:
                ok = isinstance(v, str) and (bool(v) or key != "quote")
            elif key == "section":
                ok = v is None or isinstance(v, str)
            elif key == "confidence":
                ok = _score(v)
            elif key == "acknowledge":
                ok = isinstance(v, dict) and all(isinstance(r, str) for r in v.values())
            else:
                loss.add(NOT_IMPORTED, f"data {key}: {_short(v)}", where, nid)
                continue
            if ok:
                fields[key] = v
            else:
                loss.add(NOT_IMPORTED, f"data {key}: {_short(v)} is not a valid {key}",
                         where, nid)


def relation_data(member: Member, loss: LossReport) -> Iterator[tuple[dict[str, Any], Location]]:
    """The valid entries of a member's ``relations`` data, each with its location."""
    for block, value in member.data:
        if not isinstance(value, dict) or "relations" not in value:
            continue
        entries = value["relations"]
        for entry in entries if isinstance(entries, list) else [entries]:
            if _relation_ok(entry):
                yield entry, block.location
            else:
                loss.add(NOT_IMPORTED, f"data relations: {_short(entry)} is not a relation "
                         "(`{supports|attacks|undercuts: id, id: ..., by: ..., quote: ..., "
                         "scheme: ..., strength: ..., note: ...}`)", block.location)


def _relation_ok(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    kinds = [k for k in ("supports", "attacks", "undercuts") if k in entry]
    if len(kinds) != 1 or not isinstance(entry[kinds[0]], str):
        return False
    if set(entry) - {kinds[0], *_RELATION_FIELDS}:
        return False
    fields = {k: v for k, v in entry.items() if k != kinds[0]}
    try:
        # Scalars are text in YAML data; the model reads numbers from text.
        rel = Relation.model_validate({"to": "x", **fields})
    except ValidationError:
        return False
    return not (kinds[0] == "supports" and rel.question is not None)


def _score(value: Any) -> bool:
    if isinstance(value, list):  # an interval [low, high]
        return len(value) == 2 and _number(value[0]) and _number(value[1]) \
            and float(value[0]) <= float(value[1])
    return _number(value)


def _number(value: Any) -> bool:
    try:
        return isinstance(value, str) and 0.0 <= float(value) <= 1.0
    except ValueError:
        return False


def _short(value: Any) -> str:
    """A value as the loss report quotes it: its YAML flow form, cut and escaped."""
    return shown(value if isinstance(value, str) else flow(value), quoted=False)
