"""A text cut short by a YAML comment: an unquoted ` #` ends it.

In YAML, ` #` (a space or tab, then `#`) starts a comment wherever the value is not
in quotes: `text: Pakistan is the US #1 ally in the region` gives the text
"Pakistan is the US", without a word. This rule reports each prose value written
unquoted and followed on its line by a comment: the map's `title`, `question`,
`thesis` and `description`; a source's `title` and `note`; a node's `text`,
`title`, `quote` and `note`; a relation's `quote` and `note`; a tension's `note`
and `quotes`. It is located at the `#`; the hint shows the value in quotes, the
rest of the line kept. A comment on a line of its own, a value in quotes or a
block value (`|`, `>`), and a comment after any other key (`strength: 0.4  # how
strongly`) are not findings. If the comment is meant, put it on a line of its own.

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

import re
from collections.abc import Callable, Iterator
from typing import AnyStr

from argmap.checks._base import At, Context, Finding
from argmap.errors import SHOWN, Location, Severity, shown
from argmap.loading.loaded import LoadedMap
from argmap.terminal import json_string

ID = "text-cut-by-comment"
SEVERITY = Severity.WARNING

#: The keys whose values are prose: a comment after one of them is likely a cut.
TEXT_KEYS = ("text", "quote", "quotes", "title", "note", "question", "thesis", "description")

# The start of a line up to its key (`- text: `). A plain value never holds `: `: a
# line going on a value over several lines never starts with a key.
_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*([\w-]+)[ \t]*:[ \t]")
_KEY_BYTES = re.compile(_KEY.pattern.encode("ascii"))

#: Characters that make a value not plain where it starts: quotes, block scalars,
#: flow collections, tags, anchors and aliases.
_NOT_PLAIN = "\"'|>[{!&*"


def _last_word(text: str) -> str:
    """What follows the last space, tab or line break of ``text``."""
    return text[max(text.rfind(" "), text.rfind("\t"), text.rfind("\n")) + 1:]


def _words_before_comments(content: str | bytes) -> set[str]:
    """The last word before the comment of each line that may end a prose value.

    A value cut by a comment ends with the word before its comment: only values whose
    last word is among these are looked at closely. Left out: comments on lines of their
    own, and comments after a key that is not prose (``strength: 0.4  # how strongly``).
    """
    if isinstance(content, bytes):
        found: set[bytes] = set()
        _words(_heads(content, b"#", b" \t", b"\n"), b" \t", _KEY_BYTES, found)
        return {w.decode("utf-8", "replace") for w in found}
    words: set[str] = set()
    _words(_heads(content, "#", " \t", "\n"), " \t", _KEY, words)
    return words


#: The prose keys, as text and as bytes (what :data:`_KEY` captures).
_PROSE: frozenset[str | bytes] = frozenset(
    (*TEXT_KEYS, *(key.encode("ascii") for key in TEXT_KEYS)))


def _heads(content: AnyStr, hash_: AnyStr, blanks: AnyStr, newline: AnyStr) -> set[AnyStr]:
    """What stands before the comment on each line of ``content`` that has one (each
    different text once: most are alike, ``strength: 0.5  ``).

    A comment starts at a ``#`` after a blank or at the start of a line, and runs to
    the end of the line (a `` #`` in quotes earlier on the line, in a flow collection,
    is the one case passed over). A 10,000-node map has thousands of comments: each
    costs a ``find`` of the next ``#`` and a search back to its line's start, which
    stops at the comment before it.
    """
    heads: set[AnyStr] = set()
    add, find, rfind = heads.add, content.find, content.rfind
    starts = blanks + newline
    done = -1  # the last comment found: the rest of its line is passed over
    at = find(hash_)
    while at >= 0:
        if not at or content[at - 1:at] in starts:
            start = rfind(newline, done + 1, at) + 1
            if start or done < 0:  # (not on the line of the comment before)
                add(content[start:at])
            done = at
        at = find(hash_, at + 1)
    return heads


def _words(heads: set[AnyStr], blanks: AnyStr, key: re.Pattern[AnyStr],
           out: set[AnyStr]) -> None:
    """Add to ``out`` the last word of each of ``heads`` that may end a prose value: not
    a comment on a line of its own, not after a key that is not prose."""
    for head in heads:
        piece = head.rstrip(blanks)
        if not piece:
            continue
        found = key.match(head)
        if found is None or found.group(1) in _PROSE:
            out.add(piece[max(piece.rfind(blanks[:1]), piece.rfind(blanks[1:])) + 1:])


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
    for i, tension in enumerate(rec.tensions):
        if tension.note is not None:
            yield ("tensions", i, "note"), tension.note
        for k, quote in enumerate(tension.quotes):
            yield ("tensions", i, "quotes", k), quote


def _described(m: LoadedMap, keypath: tuple[str | int, ...]) -> str:
    """What a message calls the value at ``keypath`` (a path :func:`_values` gives)."""
    rec = m.map
    match keypath:
        case ("sources", int(i), str(key)):
            return f"the {key} of source {shown(rec.sources[i].id)}"
        case ("nodes", int(i), str(key)):
            return f"the {key} of {shown(rec.nodes[i].id)}"
        case ("nodes", int(i), str(kind), int(j), str(key)):
            node = rec.nodes[i]
            rel = getattr(node, kind)[j]
            return f"the {key} of the relation {shown(node.id)} {kind} {shown(rel.to)}"
        case ("tensions", int(i), "note"):
            return f"the note of tension {shown(rec.tensions[i].id)}"
        case ("tensions", int(i), *_):
            return f"a quote of tension {shown(rec.tensions[i].id)}"
    return f"the {keypath[0]} of the map"


def cut_at(line: Callable[[int], str | None], first: int, col: int,
           value: str) -> tuple[int, int, str] | None:
    """Where a comment cut ``value``, written from column ``col`` of line ``first``
    (both from 0) as a plain scalar: the line and column of its ``#`` and the comment;
    None if it is not plain or no comment follows it on its last line.

    ``line(index)`` gives a line of the text, or None past the end. The value's lines
    are read one after the other as YAML folds them (each line's text stripped, lines
    joined by a space, or by one line break a blank line between them) and compared to
    ``value``: each line read matches some of it, so at most as many are read as it has
    characters.
    """
    text = line(first)
    if text is None or text[col:col + 1] in ("", *_NOT_PLAIN):
        return None
    idx, start, pos, end = first, col, 0, len(value)
    while True:
        rest = text[start:]
        marks = [at for at in (rest.find(" #"), rest.find("\t#")) if at >= 0]
        if idx != first and rest.startswith("#"):
            return None  # a comment on a line of its own ends the value
        hash_at = min(marks) + 1 if marks else -1
        part = (rest[:hash_at] if hash_at >= 0 else rest).rstrip(" \t\r")
        if not value.startswith(part, pos):
            return None
        pos += len(part)
        if hash_at >= 0:
            if pos == end and part:
                return idx, start + hash_at, rest[hash_at:].rstrip(" \t\r")
            return None
        if pos >= end:
            return None  # the value ends with its line, no comment after it
        # A line break folds into a space, n blank lines into n line breaks.
        breaks = 0
        while pos < end and value[pos] == "\n":
            breaks += 1
            pos += 1
        if breaks == 0:
            if value[pos] != " ":
                return None
            pos += 1
        idx += breaks + 1
        text = line(idx)
        if text is None:
            return None
        start = len(text) - len(text.lstrip(" \t"))


def check(ctx: Context) -> Iterator[Finding]:
    """Prose values written unquoted whose line goes on with a comment."""
    for m in ctx.maps:
        if m.context:
            continue
        doc = m.document
        words = _words_before_comments(doc.content)
        if not words:
            continue  # no comment after a value that could be prose: nothing to read
        for keypath, value in _values(m):
            if _last_word(value) not in words:
                continue
            span = doc.span(keypath)
            if span is None:
                continue
            found = cut_at(doc.line, span[2] - 1, span[3] - 1, value)
            if found is None:
                continue
            idx, col, comment = found
            key = keypath[-1]
            written = json_string(f"{value} {comment}")
            yield Finding(
                At(m, keypath, Location(doc.path, idx + 1, col + 1)),
                f"{_described(m, keypath)} stops at a YAML comment: {shown(comment)} is left out",
                hint=shown(f"put the value in quotes to keep the rest of the line: "
                           f"{'-' if isinstance(key, int) else key + ':'} {written}",
                           2 * SHOWN, quoted=False)
                + " (or put a comment meant as one on a line of its own)")
