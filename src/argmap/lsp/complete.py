"""What may be typed where the cursor is: the YAML around it read line by line.

The text being typed is seldom a valid map, so completion does not parse it: it reads
the keys that enclose the cursor from the indentation of the lines above (the block
layout people write maps in) and offers what the format allows there.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from argmap.lsp.text import Lines
from argmap.records import (
    MapRecord,
    NodeKind,
    NodeRecord,
    Provenance,
    RelationRecord,
    SourceRecord,
    TensionRecord,
)

__all__ = ["KEYS", "Want", "Wanted", "wanted"]

Want = Literal["node", "relation", "source", "kind", "by", "scheme", "rule", "key"]

#: The keys of each part of a map (as the records name their fields).
KEYS: dict[str, tuple[str, ...]] = {
    "map": MapRecord._fields,
    "node": NodeRecord._fields,
    "relation": RelationRecord._fields,
    "source": SourceRecord._fields,
    "tension": TensionRecord._fields,
}

#: The values of the keys whose values are a fixed list.
VALUES: dict[str, tuple[str, ...]] = {
    "kind": tuple(k.value for k in NodeKind),
    "by": tuple(p.value for p in Provenance),
}

_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)")
_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:\s+(.*)$")
_ITEM = re.compile(r"^(\s*)-\s*([^\s:]*)$")
_BARE = re.compile(r"^(\s*)([\w-]*)$")
_REFERS = {"supports": "node", "attacks": "node", "between": "node", "undercuts": "relation"}
_PARTS = {"nodes": "node", "sources": "source", "tensions": "tension", "supports": "relation",
          "attacks": "relation", "undercuts": "relation"}


class Wanted(NamedTuple):
    """What to offer: a kind of id or value, or the keys of a part of the map."""

    want: Want
    part: str = "map"
    """For keys: which part's keys (a key of :data:`KEYS`)."""
    prefix: str = ""
    """What is typed of the word being completed."""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _ancestors(lines: Lines, line: int, indent: int, items_at: int = -1) -> list[str]:
    """The keys enclosing a line indented by ``indent``, nearest first (``-`` for a list
    item of the keys' list); list items indented by ``items_at`` are siblings, passed."""
    out: list[str] = []
    # Lines past the end are empty, and passed over: a position of line 1,000,000,000
    # (an editor's stale or forged request) walked them one by one for minutes.
    for i in range(min(line, len(lines)) - 1, -1, -1):
        text = lines.line(i)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        own = _indent(text)
        if own >= indent or (own == items_at and text.lstrip().startswith("-")):
            continue
        found = _KEY.match(text)
        if text.lstrip().startswith("-"):
            # `  - id: x`: the item's keys stand at the column after the dash.
            out.append("-")
        elif found:
            out.append(found.group(2))
        indent = own
        if indent == 0:
            break
    return out


def _part(ancestors: list[str]) -> str:
    """The part of the map a mapping belongs to, from its ancestors."""
    for key in ancestors:
        if key in _PARTS:
            return _PARTS[key]
        if key != "-":
            return "map" if key == "argmap" else key
    return "map"


def wanted(lines: Lines, line: int, col: int) -> Wanted | None:
    """What may be typed at 0-based ``line`` and character ``col``, if argmap knows."""
    before = lines.line(line)[:col]
    value = _VALUE.match(before)
    if value:
        key, typed = value.group(1), value.group(2)
        prefix = re.split(r"[\[,\s]+", typed)[-1].strip("\"'")
        if key in _REFERS:
            return Wanted(_REFERS[key], prefix=prefix)  # type: ignore[arg-type]
        if key == "to":
            parent = _ancestors(lines, line, _indent(before))
            target = next((k for k in parent if k != "-"), "")
            return Wanted("relation" if target == "undercuts" else "node", prefix=prefix)
        if key == "source":
            return Wanted("source", prefix=prefix)
        if key in ("kind", "by", "scheme"):
            return Wanted(key, prefix=prefix)  # type: ignore[arg-type]
        return None
    item = _ITEM.match(before)
    if item:
        # (Items may stand at their key's own column: `supports:` then `- a` below it.)
        parent = _ancestors(lines, line, len(item.group(1)) + 1, len(item.group(1)))
        key = parent[0] if parent else ""
        if key in _REFERS:
            return Wanted(_REFERS[key], prefix=item.group(2))  # type: ignore[arg-type]
        if key in _PARTS:
            return Wanted("key", _PARTS[key], item.group(2))
        return None
    bare = _BARE.match(before)
    if bare:
        parent = _ancestors(lines, line, len(bare.group(1)))
        if parent[:1] == ["acknowledge"]:
            return Wanted("rule", prefix=bare.group(2))
        return Wanted("key", _part(parent), bare.group(2))
    return None
