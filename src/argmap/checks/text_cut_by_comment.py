"""A text cut short by a YAML comment: an unquoted ` #` ends it.

In YAML, ` #` (a space or tab, then `#`) starts a comment wherever the value is not
in quotes: `text: Pakistan is the US #1 ally in the region` gives the text
"Pakistan is the US", without a word, and `note: #1 priority` gives no note at all.
This rule reports each prose value written unquoted and followed on its line by a
comment, in block or flow style (`[one, two #3` or `{to: a, note: says so #1`): the
map's `title`, `question`, `thesis` and `description`; a source's `title` and
`note`; a node's `text`, `title`, `quote` and `note`; a relation's `quote` and
`note`; a tension's `note` and `quotes`; the reason of each `acknowledge:` entry. It
reports too each of these keys followed straight after its colon by a comment: the
value is then empty (`note: #1 priority`), or only the lines below the comment
(`text: #1 priority` with more text under it). Each finding is located at the `#`;
the hint shows the value in quotes, the comment's words kept. A comment on a line of
its own, a value in quotes or a block value (`|`, `>`), a value written empty on
purpose (`note: ~` or `note: ''`), and a comment after any other key (`strength: 0.4
# how strongly`, `locator: p. 4  # second edition`, `tags:  # labels`) are not
findings. If the comment is meant, put it on a line of its own. (A key that must
have a value, such as a node's `text`, followed only by a comment is a load error:
the value is missing, and its hint gives the line with the comment's words in
quotes.)

Failing example:

    argmap: 1
    title: Cut short
    sources:
      - id: cable
        title: The cable
    nodes:
      - id: aid-rose
        kind: evidence
        text: US aid rose for a third year.
        note: #3 of the cable's figures
        source: cable
        supports: [key-ally]
      - id: key-ally
        kind: claim
        text: Pakistan is the US #1 ally in the region.

Passing example:

    argmap: 1
    title: Quoted
    sources:
      - id: cable
        title: The cable
    nodes:
      - id: aid-rose
        kind: evidence
        text: US aid rose for a third year.
        note: "#3 of the cable's figures"
        source: cable
        supports:
          - to: key-ally
            strength: 0.6  # a comment after a number is left alone
      # A comment on a line of its own is left alone too.
      - id: key-ally
        kind: claim
        text: "Pakistan is the US #1 ally in the region."
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from argmap.checks._base import At, Context, Finding
from argmap.checks._comments import (
    before_comments,
    cut_at,
    first_word,
    first_words,
    last_word,
    lead_at,
)
from argmap.errors import SHOWN, Location, Severity, shown
from argmap.loading.loaded import LoadedMap
from argmap.terminal import json_string

ID = "text-cut-by-comment"
SEVERITY = Severity.WARNING

def _values(m: LoadedMap) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every prose value of ``m`` with its key path (what a message calls it is made
    only for the values cut: see :func:`_described`)."""
    rec = m.map
    for key in ("title", "question", "thesis", "description"):
        value = getattr(rec, key)
        if value is not None:
            yield (key,), value
    for i, src in enumerate(rec.sources):
        if src.note is not None:
            yield ("sources", i, "note"), src.note
        yield ("sources", i, "title"), src.title
    for i, node in enumerate(rec.nodes):
        yield ("nodes", i, "text"), node.text
        for key, value in (("title", node.title), ("quote", node.quote), ("note", node.note)):
            if value is not None:
                yield ("nodes", i, key), value
        for kind, relations in (("supports", node.supports), ("attacks", node.attacks),
                                ("undercuts", node.undercuts)):
            for j, rel in enumerate(relations):
                if rel.quote is not None:
                    yield ("nodes", i, kind, j, "quote"), rel.quote
                if rel.note is not None:
                    yield ("nodes", i, kind, j, "note"), rel.note
        if node.acknowledge:
            for rid, reason in node.acknowledge.items():
                yield ("nodes", i, "acknowledge", rid), reason
    for i, tension in enumerate(rec.tensions):
        if tension.note is not None:
            yield ("tensions", i, "note"), tension.note
        for k, quote in enumerate(tension.quotes):
            yield ("tensions", i, "quotes", k), quote


#: The optional prose keys of each top-level list's items (a relation's, under a node's
#: ``supports``, ``attacks`` and ``undercuts``).
_OPTIONAL = {"sources": ("note",), "nodes": ("title", "quote", "note"), "tensions": ("note",)}
_OPTIONAL_OF_RELATION = ("quote", "note")


def _empties(data: Any, keys: set[str]) -> Iterator[tuple[str | int, ...]]:
    """The key paths of the optional prose values among ``keys`` written empty
    (``note:`` and nothing, or only a comment), found in the document's data: the
    records cannot tell an empty value from a key left out."""
    if type(data) is not dict:
        return
    for key in ("question", "thesis", "description"):
        if key in keys and key in data and data[key] is None:
            yield (key,)
    of_relation = [key for key in _OPTIONAL_OF_RELATION if key in keys]
    for top, optional in _OPTIONAL.items():
        items = data.get(top)
        if type(items) is not list:
            continue
        for key in optional:
            if key in keys:
                # (`get(key, 0)`: a dict lookup or two per item, 10,000 nodes in 1 ms)
                yield from ((top, i, key) for i, item in enumerate(items)
                            if type(item) is dict and item.get(key, 0) is None)
        if top != "nodes":
            continue
        for key in of_relation:
            for i, item in enumerate(items):
                for kind in ("supports", "attacks", "undercuts"):
                    relations = item.get(kind) if type(item) is dict else None
                    if type(relations) is list:
                        yield from (("nodes", i, kind, j, key) for j, rel in enumerate(relations)
                                    if type(rel) is dict and rel.get(key, 0) is None)


def _described(m: LoadedMap, keypath: tuple[str | int, ...]) -> str:
    """What a message calls the value at ``keypath`` (a path :func:`_values` gives)."""
    rec = m.map
    match keypath:
        case ("sources", int(i), str(key)):
            return f"the {key} of source {shown(rec.sources[i].id)}"
        case ("nodes", int(i), str(key)):
            return f"the {key} of {shown(rec.nodes[i].id)}"
        case ("nodes", int(i), "acknowledge", str(rid)):
            return f"the reason of {shown(rec.nodes[i].id)} for acknowledging {shown(rid)}"
        case ("nodes", int(i), str(kind), int(j), str(key)):
            node = rec.nodes[i]
            rel = getattr(node, kind)[j]
            return f"the {key} of the relation {shown(node.id)} {kind} {shown(rel.to)}"
        case ("tensions", int(i), "note"):
            return f"the note of tension {shown(rec.tensions[i].id)}"
        case ("tensions", int(i), *_):
            return f"a quote of tension {shown(rec.tensions[i].id)}"
    return f"the {keypath[0]} of the map"


def _hint(lead: str, key: str | int, value: str, meant: str) -> str:
    """The hint: ``lead``, the value in double quotes after its key (or its dash, in a
    list), cut where long, then ``meant`` in brackets."""
    written = f"{'-' if isinstance(key, int) else key + ':'} {json_string(value)}"
    return f"{shown(f'{lead}: {written}', 2 * SHOWN, quoted=False)} (or {meant})"


def check(ctx: Context) -> Iterator[Finding]:
    """Prose values written unquoted whose line goes on with a comment, and prose keys
    a comment follows straight after their colon."""
    for m in ctx.maps:
        if m.context:
            continue
        doc = m.document
        words, keys = before_comments(doc.content)
        if not words and not keys:
            continue  # no comment after a value that could be prose: nothing to read
        firsts = first_words(doc.content, keys) if keys else set()
        for keypath, value in _values(m):
            key = keypath[-1]
            if last_word(value) in words:
                span = doc.span(keypath)
                found = None if span is None else cut_at(doc.line, span[2] - 1, span[3] - 1,
                                                         value)
                if found is not None:
                    idx, col, comment = found
                    yield Finding(
                        At(m, keypath, Location(doc.path, idx + 1, col + 1)),
                        f"{_described(m, keypath)} stops at a YAML comment: {shown(comment)} "
                        "is left out",
                        hint=_hint("put the value in quotes to keep the rest of the line",
                                   key, f"{value} {comment}",
                                   "put a comment meant as one on a line of its own"))
            if key in keys and first_word(value) in firsts:
                lead = _lead(m, keypath, value)
                if lead is not None:
                    yield lead
        if keys:
            for keypath in _empties(doc.data, keys):
                lead = _lead(m, keypath, None)
                if lead is not None:
                    yield lead


def _lead(m: LoadedMap, keypath: tuple[str | int, ...], value: str | None) -> Finding | None:
    """The finding on a comment right after the key of ``keypath``, if it stands there
    (see :func:`argmap.checks._comments.lead_at`); ``value`` None for an empty value."""
    doc, key = m.document, str(keypath[-1])
    span = doc.span(keypath)
    found = None if span is None else lead_at(doc.line, span, key, value)
    if found is None:
        return None
    idx, col, comment = found
    what = _described(m, keypath)
    if value is None:
        message = f"{what} is empty: {shown(comment)} after its key is a YAML comment"
        kept = comment
        meant = "drop the empty key and put a comment meant as one on a line of its own"
    else:
        message = f"{what} starts after a YAML comment: {shown(comment)} is left out"
        kept = f"{comment} {value}"
        meant = "put a comment meant as one on a line of its own"
    return Finding(At(m, keypath, Location(doc.path, idx + 1, col + 1)), message,
                   hint=_hint("put the value in quotes to keep the comment's words", key, kept,
                              meant))
