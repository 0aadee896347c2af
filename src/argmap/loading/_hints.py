"""Hints for the mistakes of people new to the format, for :mod:`argmap.loading._modelcheck`:
what a word of one's own means in the format (`kind: premise`, `refutes:`), a key written at
the other level (`kind:` in a relation), the list a single value should be, the slug an id
of words should be.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from argmap.errors import SHOWN, shown
from argmap.model import FORMAT_VERSION, Node, Relation
from argmap.terminal import json_string

__all__ = ["ENUM_HINTS", "OTHER_LEVEL", "missing_hint", "other_level", "relation_word",
           "shape_hint", "slug_of"]


#: Words people use for a relation, other than the format's three, and the one meant.
RELATION_WORDS = {
    **dict.fromkeys(("refutes", "rebuts", "contradicts", "opposes", "counters", "objects",
                     "objects_to", "against", "con", "cons", "challenges", "disputes",
                     "denies", "weakens", "undermines"), "attacks"),
    **dict.fromkeys(("justifies", "backs", "confirms", "implies", "entails", "leads_to",
                     "for", "pro", "pros", "argues_for", "strengthens", "reason_for"),
                    "supports"),
}


def other_level(model: type[BaseModel], key: str, value: Any) -> str | None:
    """The hint for ``key`` (with ``value``), unknown in ``model``, when it is a key of a
    node written in a relation or the other way round (where difflib would offer a key
    that only looks alike: `kind` -> `id`)."""
    if model is Relation and key == "kind":
        to = f"`{value}:`" if value in ("supports", "attacks", "undercuts") else \
            "`supports:`, `attacks:` or `undercuts:`"
        return (f"a relation's kind is the list it is written in: write it under {to} "
                "of the node it starts from")
    meant = OTHER_LEVEL.get((model, key))
    return None if meant is None else f"did you mean {shown(meant[0])}? {meant[1]}"


#: Keys of one level written at the other: (model, key) -> (the key meant, why).
OTHER_LEVEL: dict[tuple[type[BaseModel], str], tuple[str, str]] = {
    (Relation, "confidence"): ("strength", "a relation has a strength; confidence is a node's"),
    (Relation, "target"): ("to", "a relation names its target with `to:`"),
    (Node, "strength"): ("confidence", "a node has a confidence; strength is a relation's"),
}


def relation_word(loc: tuple[Any, ...]) -> str | None:
    """The hint for a node key that is a relation in other words (`refutes: [x]`)."""
    if len(loc) != 3 or loc[0] != "nodes":
        return None
    meant = RELATION_WORDS.get(str(loc[-1]).lower().replace("-", "_"))
    if meant is None:
        return None
    return (f"a node's relations are `supports`, `attacks` and `undercuts` (of a "
            f"relation): did you mean `{meant}`?")


#: Hints for a value of a choice with no choice close to it, by (top-level key, key):
#: what each choice means, since a newcomer picks a word of their own (`premise`).
ENUM_HINTS = {
    ("nodes", "kind"): "a statement the argument asserts or infers is a `claim`; a fact a "
                       "source reports, `evidence`; a premise left unstated, an `assumption`; "
                       "what should be done, a `recommendation`; a consideration against, an "
                       "`objection` (docs/format.md#kinds)",
    ("nodes", "by"): "`source` when the source draws the link itself, `analyst` when you "
                     "add it while reading (docs/format.md#provenance-schemes-and-quotes)",
}

#: Lists whose items are plain values: a single value can be shown as the list it should be.
LISTS_OF_VALUES = frozenset({"supports", "attacks", "undercuts", "tags", "authors", "quotes",
                              "between", "select", "ignore"})


NOT_IN_SLUG = re.compile(r"[^a-z0-9_.-]+")


def slug_of(value: Any) -> str:
    """": write 'the-slug'" for an id written as words (`brokering can succeed`), or ""
    when no plain slug can be made of it (not ASCII, a `map:id`, too long to show)."""
    if not isinstance(value, str) or not value.isascii() or ":" in value or len(value) > SHOWN:
        return ""
    slug = NOT_IN_SLUG.sub("-", value.strip().lower()).strip("-_.")
    return f": write {shown(slug)}" if slug and slug != value else ""


def missing_hint(key: Any) -> str:
    """The hint for a missing required key: the line to add."""
    if key == "argmap":
        return f"add `argmap: {FORMAT_VERSION}` (the format version) as the map's first key"
    return f"add `{key}: ...`"


def comment_hint(key: str, after: str) -> str | None:
    """The hint for a text key left empty because a ``#`` came right after its colon
    (``after``: the rest of the key's line, from the colon on), which YAML reads as a
    comment; None when no comment stands there."""
    rest = after.strip(" ")
    if not rest.startswith("#"):
        return None
    fix = f"put the value in quotes to keep its words: {key}: {json_string(rest.rstrip())}"
    return f"`#` after a colon starts a YAML comment: {shown(fix, 2 * SHOWN, quoted=False)}"


def shape_hint(loc: tuple[Any, ...], expected: str, value: Any) -> str | None:
    """The hint for a value of the wrong shape: how to write the one expected."""
    key = loc[-1] if loc and isinstance(loc[-1], str) else None
    if expected == "a list" and key is not None:
        if (key in LISTS_OF_VALUES and isinstance(value, str) and len(value) <= SHOWN
                and value.isprintable() and not any(c in value for c in "[]{}#:\"'")):
            return f"write a list: `{key}: [{value}]`, or one `- item` a line below `{key}:`"
        return f"write a list: one `- item` a line below `{key}:`, or `[a, b]`"
    if expected == "text" and value is None and key is not None:
        return f"write the {key} after the colon (or leave the key out where it is optional)"
    if expected == "a mapping" and isinstance(value, str) and loc[:1] == ("nodes",) \
            and len(loc) == 2:
        return "a node is keys, each on its own line: `- id: ...`, then `kind: ...` and " \
               "`text: ...` indented below it"
    if expected == "a mapping" and key == "acknowledge":
        return ("give each rule its reason, a `rule-id: reason` line indented below "
                "`acknowledge:` (no `- `), e.g. `unsupported-claim: The source asserts it.`")
    if expected == "a mapping" and key is not None:
        return f"write `name: value` lines indented below `{key}:` (no `- `)"
    return None
