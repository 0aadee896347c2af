"""Where a YAML comment stands in a value's place: the text reading of ``text-cut-by-comment``.

The rule (:mod:`argmap.checks.text_cut_by_comment`) looks first, in one pass over the
file's ``#`` signs, for the words a cut value could end with and the keys a comment
could stand right after (:func:`before_comments`); only the values these name are read
closely, line by line (:func:`cut_at`, :func:`lead_at`). A 10,000-node map has thousands
of comments after keys that are not prose: they name nothing, and no value is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import AnyStr, NamedTuple

from argmap.records import (
    CheckRecord,
    MapRecord,
    NodeRecord,
    RelationRecord,
    SourceRecord,
    TensionRecord,
)

__all__ = ["TEXT_KEYS", "Before", "before_comments", "cut_at", "first_word", "first_words",
           "last_word", "lead_at"]

#: The keys whose values are prose: a comment after one of them is likely a cut.
TEXT_KEYS = ("text", "quote", "quotes", "title", "note", "question", "thesis", "description")

#: The keys of the format whose values are not prose (ids, numbers, dates, lists of
#: relations): a comment after one is an annotation (``strength: 0.4  # how strongly``).
#: Any other key is looked at: a prose key, or the rule id of an ``acknowledge:``
#: entry, whose value is a reason written in prose.
_NOT_PROSE_KEYS = frozenset(
    name for record in (MapRecord, SourceRecord, NodeRecord, RelationRecord, TensionRecord,
                        CheckRecord)
    for name in record._fields) - frozenset(TEXT_KEYS)
_NOT_PROSE: frozenset[str | bytes] = frozenset(
    (*_NOT_PROSE_KEYS, *(key.encode("ascii") for key in _NOT_PROSE_KEYS)))

# The start of a line up to its key (`- text: `). A plain value never holds `: `: a
# line going on a value over several lines never starts with a key.
_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*([\w-]+)[ \t]*:[ \t]")
_KEY_BYTES = re.compile(_KEY.pattern.encode("ascii"))

#: Characters that make a value not plain where it starts: quotes, block scalars,
#: flow collections, tags, anchors and aliases.
_NOT_PLAIN = "\"'|>[{!&*"


class Before(NamedTuple):
    """What stands before the comments of a file that may be prose cut by them."""

    words: set[str]
    """The last word before each comment that may end a prose value."""
    keys: set[str]
    """The keys a comment follows straight after their colon (``note: #1 priority``):
    their value is empty, or starts on a later line, the comment's words lost."""


def last_word(text: str) -> str:
    """What follows the last space, tab or line break of ``text``."""
    return text[max(text.rfind(" "), text.rfind("\t"), text.rfind("\n")) + 1:]


def first_word(text: str) -> str:
    """What comes before the first space, tab or line break of ``text``."""
    ends = [at for at in (text.find(" "), text.find("\t"), text.find("\n")) if at >= 0]
    return text[:min(ends)] if ends else text


def before_comments(content: str | bytes) -> Before:
    """The words and keys before the comments of ``content`` (see :class:`Before`).

    A value cut by a comment ends with the word before its comment, and a value a
    comment took whole has its key before the comment: only values whose last word or
    key is among these are looked at closely. Left out: comments on lines of their own,
    and comments after a key that is not prose (``strength: 0.4  # how strongly``),
    unless a flow collection opens on the line before them (``supports: [{to: a, note:
    b #c``): its values are after another key.
    """
    if isinstance(content, bytes):
        words: set[bytes] = set()
        keys: set[bytes] = set()
        _words(_heads(content, b"#", b" \t", b"\n"), b" \t", b":[{,", _KEY_BYTES, words, keys)
        return Before({w.decode("utf-8", "replace") for w in words},
                      {k.decode("utf-8", "replace") for k in keys})
    text_words: set[str] = set()
    text_keys: set[str] = set()
    _words(_heads(content, "#", " \t", "\n"), " \t", ":[{,", _KEY, text_words, text_keys)
    return Before(text_words, text_keys)


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


def _words(heads: set[AnyStr], blanks: AnyStr, marks: AnyStr, key: re.Pattern[AnyStr],
           words: set[AnyStr], keys: set[AnyStr]) -> None:
    """Add to ``words`` the last word of each of ``heads`` that may end a prose value,
    and to ``keys`` the key each of them ends with, if any (both left out after a key
    that is not prose, and for a comment on a line of its own). ``marks`` is ``:[{,``
    (as text or bytes, like the heads)."""
    space, tab = blanks[:1], blanks[1:]
    colon, bracket, brace, comma = marks[:1], marks[1:2], marks[2:3], marks[3:]
    for head in heads:
        piece = head.rstrip(blanks)
        if not piece:
            continue
        found = key.match(head)
        if (found is not None and found.group(1) in _NOT_PROSE
                and bracket not in head and brace not in head):
            continue
        word = piece[max(piece.rfind(space), piece.rfind(tab)) + 1:]
        if word.endswith(colon):
            # `note: #1 priority`: the word before the comment is a key (in a plain
            # value, `: ` cannot stand); `[{to: a, note:` ends with one too.
            name = word[:-1]
            name = name[max(name.rfind(bracket), name.rfind(brace), name.rfind(comma)) + 1:]
            if name and name not in _NOT_PROSE:
                keys.add(name)
        else:
            words.add(word)


def first_words(content: str | bytes, keys: set[str]) -> set[str]:
    """The first word of the value under each comment that follows one of ``keys``
    straight after its colon (``note:  # why`` then ``more text`` below: ``more``).

    Asked only when :func:`before_comments` found such a key: a value under one of them
    is read closely only if it starts with one of these words. One pass over the
    ``#`` signs, as :func:`before_comments`; a line read past a comment (blank, or a
    comment of its own) is not read again for another.
    """
    if isinstance(content, bytes):
        found = _firsts(content, b"#", b" \t\r", b"\n",
                        {k.encode("utf-8") + b":" for k in keys})
        return {w.decode("utf-8", "replace") for w in found}
    return _firsts(content, "#", " \t\r", "\n", {k + ":" for k in keys})


def _firsts(content: AnyStr, hash_: AnyStr, blanks: AnyStr, newline: AnyStr,
            keys: set[AnyStr]) -> set[AnyStr]:
    """:func:`first_words` on text or bytes (``keys`` with their colons)."""
    words: set[AnyStr] = set()
    find, rfind = content.find, content.rfind
    space, tab = blanks[:1], blanks[1:2]
    starts = space + tab + newline
    at = find(hash_)
    while at >= 0:
        if at and content[at - 1:at] not in starts:
            at = find(hash_, at + 1)
            continue
        start = rfind(newline, 0, at) + 1
        piece = content[start:at].rstrip(blanks)
        end = find(newline, at)  # the end of the comment's line
        if piece[max(piece.rfind(space), piece.rfind(tab)) + 1:] in keys:
            # The next line with content, past blank lines and comments of their own.
            while end >= 0:
                nxt = find(newline, end + 1)
                text = content[end + 1:] if nxt < 0 else content[end + 1:nxt]
                text = text.strip(blanks)
                if text and not text.startswith(hash_):
                    words.add(text[:min(i for i in (text.find(space), text.find(tab),
                                                     len(text)) if i >= 0)])
                    break  # (its own comment, if any, is looked at next)
                end = nxt
        if end < 0:
            break
        at = find(hash_, end + 1)
    return words


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


def lead_at(line: Callable[[int], str | None], span: tuple[int, int, int, int], key: str,
            value: str | None) -> tuple[int, int, str] | None:
    """Where a comment stands right after the key ``key`` whose place is ``span`` (from
    1, as :meth:`argmap.loading.source.Document.span` gives it): the line and column
    (from 0) of its ``#`` and the comment; None if the key is not followed on its line
    by a comment, or its value is not empty (``value`` None) or plain on a later line.

    ``note: #1 priority`` leaves the note empty; ``note: #1 priority`` with more text on
    the lines below keeps only that text. A block value (``note: |  # why``) or one in
    quotes is not plain: the comment there is a comment.
    """
    key_line, key_col, value_line, value_col = span
    text = line(key_line - 1)
    if text is None:
        return None
    after = key_col - 1 + len(key)
    if text[key_col - 1:after] != key:
        return None  # a key in quotes, or not where the span says
    rest = text[after:].lstrip(" \t")
    if not rest.startswith(":"):
        return None
    comment = rest[1:].lstrip(" \t")
    if not comment.startswith("#") or len(comment) == len(rest) - 1:
        return None  # no comment, or `#` straight after the colon (no blank)
    if value is not None:
        if value_line <= key_line:
            return None
        first = line(value_line - 1)
        if first is None or first[value_col - 1:value_col] in ("", *_NOT_PLAIN):
            return None
    return key_line - 1, len(text) - len(comment), comment.rstrip(" \t\r")
