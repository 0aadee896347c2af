"""A fast line scanner for the block-style YAML that maps are written in.

It reads indented mappings and sequences; plain scalars (over several lines too),
single- and double-quoted scalars (escapes and line folding included), literal
and folded block scalars (chomping and indentation indicators included), one-line
flow sequences and mappings of scalars, and comments; it returns the same data
and spans as the reference composer in :mod:`argmap.loading._compose`. It never reports
an error: on anything else (anchors, aliases, tags, tabs, multi-line flow
collections, anything that might be an error) it raises :class:`Unsupported`.

Given a ``compose`` function, it hands over only a bounded region instead: the
top-level entry, or the item of a top-level block sequence (a node), around the
line it could not read. ``compose`` reads that region with the reference
composer (:mod:`argmap.loading._fastregion` cuts and splices it), and the scan goes on
after it; only when the composer refuses the region, or the text is such that
a region cannot be cut safely, does the whole file go to the composer.

Why it exists: composing a 100,000-node map through libyaml with a mark per
node takes about 5 s here; this scanner takes about a sixth of that.
"""

from __future__ import annotations

import re
import struct
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate, islice
from sys import getsizeof, intern
from typing import Any, NamedTuple

from argmap.loading._fastregion import ComposeRegion, Frame, KeyPath, Span, from_line, recover
from argmap.loading._fastscalar import (
    KEY,
    NULLS,
    PLAIN_BAD_START,
    SENTINEL,
    SHORT,
    SLUG_FLOW,
    SLUG_MAP,
    Unsupported,
    flow_columns,
    plain_more,
    read_value,
    slug_mapping,
)

__all__ = ["ComposeRegion", "Nested", "Scan", "Unsupported", "flow_columns", "scan"]


class Nested(NamedTuple):
    """The items of the block sequences that are values of the keys of the items of a
    top-level block sequence (``attacks:`` of a node), as the scanner met them.

    Recorded in passing, an append for each such item, so that a finding on a relation
    (``("nodes", i, "attacks", j)``) is located at its item's line without a search for
    the node's key and the sequence's dashes (:meth:`argmap.loading.source.Document.span`).
    Sequences the composer read (in regions) are not here, and a sequence cut by a region
    may have fewer items recorded than it has: a reader must check the count.
    """

    lines: Sequence[int]
    """The line (index) of each item, in the order of the text."""
    starts: Sequence[int]
    """For each sequence, the index in :attr:`lines` of its first item (each has one)."""
    keys: list[str]
    """For each sequence, the key it is the value of."""


class Scan(NamedTuple):
    """What the scanner makes of a text."""

    data: dict[str, Any]
    spans: dict[KeyPath, Span]
    """The place of each top-level key and of everything in the regions the composer
    read; :class:`argmap.loading.source.Document` finds the others in the text."""
    skips: dict[int, int]
    """Line ranges (first index: index after the last) whose lines are no part of the
    block layout: the lines a quoted scalar goes on over (they may stand at any
    indentation) and those of the regions the composer read."""
    items: dict[str, list[int]]
    """The line (index) of each item of each top-level block sequence, by key (-1 for
    an item the composer read)."""
    line_ends: Sequence[int]
    """For each line, the length of the text up to its end, newlines left out."""
    regions: int
    """How many regions the composer read."""
    in_bytes: bool = False
    """Whether ``line_ends`` count the bytes of the text in UTF-8 (asked for with
    ``byte_ends``, for a clean text beyond Latin-1), not its characters."""
    nested: Nested | None = None
    """The lines of the items of the block sequences one level down in the items of
    top-level block sequences (a node's ``supports:``)."""



# Characters that libyaml refuses or treats as line breaks (NEL, U+2028, U+2029),
# plus tab, CR and BOM: lines holding one are left to the reference composer.
# (Written as the characters it matches: the same set as "everything but printable
# text and \n", and ten times quicker to compile. Compiled on first use, by re, which
# keeps it: only a text that is not clean needs it.)
_AWKWARD = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
# Line breaks for libyaml besides "\n": each would shift the line numbers of every
# line after it, so a text holding one goes to the composer whole.
_BREAKS = frozenset("\r\x85\u2028\u2029")
# ASCII from space to tilde: in ASCII text, every other character but "\n" is awkward.
_PRINTABLE = bytes(range(0x20, 0x7F))
_PRINTABLE_OR_HIGH = _PRINTABLE + bytes(range(0x80, 0x100))
_C1 = re.compile(b"\xc2[\x80-\x9f]")
# Open containers beyond which the reference composer reports "too deep" (its limit,
# source.MAX_DEPTH, is 64; a few levels below it leave room for flow leaves).
_MAX_DEPTH = 60
_DOCUMENT_START = re.compile(r"---(?: +#.*)? *")
# The lines remembered (see `lines_seen` in scan): the short ones, which are the ones that
# come back, and a bounded number of them (a line of a text is seldom written twice).
_KNOWN_LINE = 64
_KNOWN_LINES = 1 << 14
_DONE, _PLAIN, _PENDING = 0, 1, 2


def scan(text: str, compose: ComposeRegion | None = None, *, byte_ends: bool = False) -> Scan:
    """Parse ``text``; raise :class:`Unsupported` where the composer must read it whole.

    With ``byte_ends``, the line ends of a clean text beyond Latin-1 count its bytes in
    UTF-8 (see :attr:`Scan.in_bytes`).
    """
    eof_newline = text.endswith("\n")
    lines = (text if eof_newline else text + "\n").split("\n")
    nlines = len(lines) - 1  # the last item, after the final "\n", is empty
    clean = _clean(text, nlines if eof_newline else nlines - 1)
    # Only a text of 2 or 4 bytes a character is smaller in UTF-8 (one of Latin-1 letters
    # alone takes a byte each, as a str): its size says which, at no cost.
    in_bytes = byte_ends and clean and getsizeof(text) > 1.5 * len(text) + 100
    # 4 bytes a line, half of "q" (3.7 MB less for 900,000 lines): source.parse reads
    # texts of at most 32 MiB characters (128 MiB in UTF-8), far below 2**31.
    line_ends = _ints(accumulate(map(len, map(str.encode, lines) if in_bytes else lines)))
    orig = lines
    if not clean:
        orig = _mark_awkward(text, lines, compose)
    for k, line in enumerate(lines):
        s = line.lstrip(" ")
        if s and s[0] != "#":
            if _DOCUMENT_START.fullmatch(line):
                lines[k] = ""  # an explicit start of the (one) document changes nothing
            break
    spans: dict[KeyPath, Span] = {}
    skips: dict[int, int] = {}
    regions = 0
    root: dict[str, Any] = {}
    # The lines of the items of each top-level block sequence (the nodes), by key.
    items: dict[str, list[int]] = {}
    top_items: list[int] = []
    # The items of the block sequences under the keys of those items (see Nested), and
    # the one sequence whose items are recorded now (`top is nested_top` is the test).
    nested_lines: list[int] = []
    nested_starts: list[int] = []
    nested_keys: list[str] = []
    nested_top: Any = None
    # The innermost open container and its frame: (indent, container, is_mapping,
    # is_indentless_sequence); outer frames wait on the stack. No key paths are built:
    # Document finds the place of a path in the text when it is asked for.
    stack: list[Frame] = []
    top: Any = root
    top_indent, top_map, top_indentless = 0, True, False
    # A key (or list index) whose value is on the next lines: (container, key, indent),
    # and the line of that key (1-based).
    pending: tuple[Any, str | int, int] | None = None
    pending_line = 0
    # The indent at which a line simply goes on `top`: top_indent, or -1 while a key
    # waits for its value or `top` is an indentless sequence. Most lines are at that
    # indent; only the others (opening or closing containers) need the checks of the
    # slow path below, so one comparison sends nine lines in ten past them.
    level = 0
    # The line of the last plain scalar read without a comment after it: a line
    # indented past it may go on with it.
    plain_line = -1
    # Keys already matched against KEY, each to itself: a map uses a few dozen keys on
    # most of its lines, and a lookup is cheaper than a regex match. Every mapping gets
    # the one string of each key, not the copy its line was cut into: a 100,000-node
    # map has 800,000 keys, 43 MB of strings if each kept its own.
    keys: dict[str, str] = {}
    # Flow collections already read, by their text: the same tag lists come back on
    # many nodes, and copying a list is quicker than matching and splitting it again.
    flows: dict[str, Any] = {}
    # Lines read before that hold a scalar on its own, `key: value` or `- value`, or a
    # key whose value follows, `key:`, each to (indent, key or None, value, what follows:
    # _DONE, _PLAIN when a plain value ends the line, _PENDING for `key:`): a map
    # repeats such lines on most of its nodes (`kind: claim`, `source: report`, `- trade`,
    # `strength: 0.4  # how strongly`: more than half the lines of a generated map), and
    # one lookup of the line replaces the dozen steps of reading it. What a line gives
    # depends on the line alone, but for where it stands: the lookup serves only a line
    # at the indentation the current container expects (the fast path below).
    lines_seen: dict[str, tuple[int, str | None, Any, int]] = {}
    remember = lines_seen.__setitem__
    # A for loop over the lines, cheaper than indexing; a block scalar, read by _value,
    # skips the lines it used by advancing the iterator.
    numbered = enumerate(lines)
    i = 0
    previous_region = (-1, 0)  # where the last region ended, and its batch (_fastregion)
    while True:
        try:
            for i, line in numbered:
                hit = lines_seen.get(line)
                if hit is not None and hit[0] == level:
                    # What the code below does with this line, but for its reading.
                    _, key_, scalar, then = hit
                    if key_ is not None:
                        if top_map:
                            if key_ in top:
                                raise Unsupported
                            top[key_] = scalar
                            if then == _PLAIN:
                                plain_line = i
                            elif then == _PENDING:
                                pending = (top, key_, level)
                                pending_line = i + 1
                                level = -1
                            continue
                    elif not top_map:
                        if len(stack) == 1:
                            top_items.append(i)
                        elif top is nested_top:
                            nested_lines.append(i)
                        top.append(scalar)
                        if then == _PLAIN:
                            plain_line = i
                        continue
                s = line.lstrip(" ")
                if not s or s[0] == "#":
                    continue  # blank or comment (the last, empty, item ends here too)
                indent = len(line) - len(s)
                if indent != level:
                    # The slow path: give the pending key its value, close containers.
                    if not root and indent:
                        raise Unsupported  # the first line of content must start at the margin
                    dash = s[0] == "-" and (len(s) == 1 or s[1] == " ")
                    if pending is not None:
                        pdict, pkey, pind = pending
                        pending = None
                        if indent > pind or (indent == pind and dash and top_map):
                            # Its value: a mapping or a sequence (indentless if at the
                            # key's own column) starting on this line.
                            new: Any = [] if dash else {}
                            pdict[pkey] = new
                            stack.append((top_indent, top, top_map, top_indentless))
                            if len(stack) > _MAX_DEPTH:
                                raise Unsupported
                            if pdict is root and isinstance(pkey, str):
                                # Top-level spans are few, and regions are cut by them.
                                spans[(pkey,)] = (pending_line, 1, i + 1, indent + 1)
                                if dash:
                                    items[pkey] = top_items = []
                            elif (dash and len(stack) == 3 and not stack[1][2]
                                  and isinstance(pkey, str)):
                                # A sequence under a key of an item of a top-level
                                # sequence (a node's `attacks:`): its items are recorded.
                                nested_top = new
                                nested_starts.append(len(nested_lines))
                                nested_keys.append(pkey)
                            top_indent, top, top_map, top_indentless = (
                                indent, new, not dash, indent == pind)
                        elif pdict is root and isinstance(pkey, str):
                            spans[(pkey,)] = (pending_line, 1, pending_line, len(pkey) + 2)
                    elif indent > top_indent and plain_line >= 0:
                        # A line indented past a plain scalar, with only blank lines
                        # between them, goes on with it.
                        p = i - 1
                        while p > plain_line and not lines[p].strip(" "):
                            p -= 1
                        if p == plain_line:
                            last_key: Any = next(reversed(top)) if top_map else -1
                            first = top[last_key]
                            if first is None:  # `~` or `null`, followed by more words
                                first = lines[p].rstrip(" ").rsplit(" ", 1)[-1]
                            top[last_key], last = plain_more(first, lines, p + 1,
                                                             top_indent, nlines)
                            plain_line = -1
                            if last > i:
                                next(islice(numbered, last - i - 1, None))
                            level = -1 if top_indentless else top_indent
                            continue
                    while indent < top_indent or (top_indentless and indent == top_indent
                                                  and not dash):
                        if not stack:
                            raise Unsupported
                        top_indent, top, top_map, top_indentless = stack.pop()
                    if indent != top_indent:
                        raise Unsupported
                    level = -1 if top_indentless else indent
                if top_map:
                    # `key: value` (the line may not start with a dash: `- ` is no key).
                    # Split at the first ": " (a key has no colon: if the first colon is
                    # not followed by a space, the part before it is no key and the line
                    # is refused), or else take `key:` at the end of the line.
                    key, colon, rest = s.partition(": ")
                    if not colon:
                        if s[-1] != ":":
                            raise Unsupported
                        key = s[:-1]
                    key = keys.get(key) or _canonical(key, keys)
                    if key in top:
                        raise Unsupported
                    rest = rest.lstrip(" ")  # the same string unless spaces follow the ": "
                    if not rest or rest[0] == "#":
                        pending = (top, key, indent)
                        pending_line = i + 1
                        top[key] = None
                        level = -1
                        if len(line) <= _KNOWN_LINE and len(lines_seen) < _KNOWN_LINES:
                            remember(line, (indent, key, None, _PENDING))
                        continue
                    c = rest[0]
                    if (
                        c not in PLAIN_BAD_START
                        and ": " not in rest
                        and not (c in "-?:" and (len(rest) == 1 or rest[1] == " "))
                    ):
                        # `in` first: most values have no comment, and a call of find parses its
                        # arguments (some 300 instructions, on 28,000 lines of a 10,000-node map).
                        if " #" not in rest:
                            cut = -1
                            value = rest.rstrip(" ")
                            plain_line = i
                        else:
                            cut = rest.find(" #")
                            value = rest[:cut].rstrip(" ")  # a comment ends it
                        if value[-1] == ":":
                            raise Unsupported
                        scalar = (value if len(value) > SHORT
                                  else None if value in NULLS else intern(value))
                        top[key] = scalar
                        if len(line) <= _KNOWN_LINE and len(lines_seen) < _KNOWN_LINES:
                            remember(line, (indent, key, scalar, _PLAIN if cut < 0 else _DONE))
                    elif c in "'\"" and rest.find(c, 1) == len(rest) - 1 and (
                            c == "'" or "\\" not in rest):
                        # Quoted, on this line, with no escape: the text between the quotes.
                        value = rest[1:-1] if len(rest) > SHORT + 2 else intern(rest[1:-1])
                        top[key] = value
                        if len(line) <= _KNOWN_LINE and len(lines_seen) < _KNOWN_LINES:
                            remember(line, (indent, key, value, _DONE))
                    elif c in "[{" and (items_ := flows.get(rest)) is not None:
                        top[key] = items_.copy()
                    elif c == "[" and (m := SLUG_FLOW.fullmatch(rest)) is not None:
                        # `tags: [a, b]`, a line in four of a generated map, without a call.
                        items_ = list(map(intern, m[1].split(", "))) if m[1] else []
                        if not NULLS.isdisjoint(items_):
                            items_ = [None if item in NULLS else item for item in items_]
                        top[key] = items_
                        flows[rest] = items_.copy()
                    else:
                        top[key], last = read_value(rest, lines, i, indent, nlines,
                                                    eof_newline)
                        if last > i:
                            if c in "\"'":
                                skips[i + 1] = last + 1
                            next(islice(numbered, last - i - 1, None))  # skip its lines
                        elif c in "[{" and rest.count("[") + rest.count("{") == 1:
                            # A flat flow collection: the same ones come back on many nodes.
                            flows[rest] = top[key].copy()
                    continue
                # `- item` or `- key: value` in a sequence.
                if s[0] != "-" or (len(s) > 1 and s[1] != " "):
                    raise Unsupported
                if len(stack) == 1:
                    top_items.append(i)  # an item of a top-level sequence: a node
                elif top is nested_top:
                    nested_lines.append(i)  # an item of a node's list (see Nested)
                after = s[1:].lstrip(" ")
                key, colon, kafter = after.partition(":")
                if colon and (not kafter or kafter[0] == " ") and (
                        (known := keys.get(key)) is not None
                        or (after[0] not in PLAIN_BAD_START
                            and (known := _key(key, keys)) is not None)):
                    key = known
                    # A mapping as the item, its first key on the dash's line.
                    col = len(line) - len(after)  # where the item starts
                    target: dict[str, Any] = {}
                    top.append(target)
                    stack.append((top_indent, top, top_map, top_indentless))
                    if len(stack) > _MAX_DEPTH:
                        raise Unsupported
                    top_indent, top, top_map, top_indentless = col, target, True, False
                    level = col
                    rest = kafter.lstrip(" ")
                    if not rest or rest[0] == "#":
                        pending = (target, key, col)
                        target[key] = None
                        level = -1
                        continue
                    c = rest[0]
                    if (
                        c not in PLAIN_BAD_START
                        and ": " not in rest
                        and not (c in "-?:" and (len(rest) == 1 or rest[1] == " "))
                    ):
                        if " #" not in rest:
                            cut = -1
                            value = rest.rstrip(" ")
                            plain_line = i
                        else:
                            cut = rest.find(" #")
                            value = rest[:cut].rstrip(" ")
                        if value[-1] == ":":
                            raise Unsupported
                        target[key] = (value if len(value) > SHORT
                                       else None if value in NULLS else intern(value))
                        continue
                    if c in "'\"" and rest.find(c, 1) == len(rest) - 1 and (
                            c == "'" or "\\" not in rest):
                        target[key] = (rest[1:-1] if len(rest) > SHORT + 2
                                       else intern(rest[1:-1]))
                        continue
                    target[key], last = read_value(rest, lines, i, col, nlines, eof_newline)
                else:
                    rest = after
                    if not rest or rest[0] == "#":
                        # `-` alone: the item is on the next lines, or empty.
                        pending = (top, len(top), indent)
                        top.append(None)
                        level = -1
                        continue
                    c = rest[0]
                    if (
                        c not in PLAIN_BAD_START
                        and ": " not in rest
                        and not (c in "-?:" and (len(rest) == 1 or rest[1] == " "))
                    ):
                        if " #" not in rest:
                            cut = -1
                            value = rest.rstrip(" ")
                            plain_line = i
                        else:
                            cut = rest.find(" #")
                            value = rest[:cut].rstrip(" ")
                        if value[-1] == ":":
                            raise Unsupported
                        scalar = (value if len(value) > SHORT
                                  else None if value in NULLS else intern(value))
                        top.append(scalar)
                        if len(line) <= _KNOWN_LINE and len(lines_seen) < _KNOWN_LINES:
                            remember(line, (indent, None, scalar, _PLAIN if cut < 0 else _DONE))
                        continue
                    if c in "'\"" and rest.find(c, 1) == len(rest) - 1 and (
                            c == "'" or "\\" not in rest):
                        value = rest[1:-1] if len(rest) > SHORT + 2 else intern(rest[1:-1])
                        top.append(value)
                        if len(line) <= _KNOWN_LINE and len(lines_seen) < _KNOWN_LINES:
                            remember(line, (indent, None, value, _DONE))
                        continue
                    if c == "{" and (m := SLUG_MAP.fullmatch(rest)) is not None:
                        # `- {to: a, id: r1, strength: 0.8}`, a relation as argmap writes it.
                        top.append(slug_mapping(m))
                        continue
                    item, last = read_value(rest, lines, i, top_indent, nlines, eof_newline)
                    top.append(item)
                if last > i:
                    if c in "\"'":
                        skips[i + 1] = last + 1
                    next(islice(numbered, last - i - 1, None))
            break
        except Unsupported:
            if compose is None:
                raise
            if nested_starts and nested_starts[-1] == len(nested_lines):
                # A sequence opened on the line handed over: it has no item recorded.
                nested_starts.pop()
                nested_keys.pop()
            # Hand the region around line i to the composer and go on after it.
            resume, frames, batch = recover(i, orig, root, spans, skips, items, compose,
                                            eof_newline, previous_region)
            previous_region = (resume, batch)
            regions += 1
            stack, (top_indent, top, top_map, top_indentless) = frames[:-1], frames[-1]
            if len(stack) == 1:
                top_items = items[next(reversed(root))]
            level = -1 if top_indentless else top_indent
            pending = None
            plain_line = -1
            numbered = enumerate(from_line(lines, resume), resume)
    if pending is not None and pending[0] is root and isinstance(pending[1], str):
        spans[(pending[1],)] = (pending_line, 1, pending_line, len(pending[1]) + 2)
    if not root:
        raise Unsupported  # nothing but blanks and comments
    # Kept as arrays, 4 bytes a line (a list takes 36: 10 MB more for 100,000 nodes).
    nested = Nested(_ints(nested_lines), _ints(nested_starts), nested_keys)
    return Scan(root, spans, skips, items, line_ends, regions, in_bytes, nested)


#: Integers packed at once by _ints: a bound on the int objects alive at a time.
_PACK_AT_ONCE = 1 << 16


def _ints(values: Iterable[int]) -> array[int]:
    """``array("i", values)`` in less than half the instructions (210 an item against 500,
    measured): the array converts each item with a call that parses a format, twice
    from an iterator; ``struct.pack`` with a plain one. (A 10,000-node map has 92,000
    line ends.)"""
    out = array("i")
    it = iter(values)
    while chunk := tuple(islice(it, _PACK_AT_ONCE)):
        out.frombytes(struct.pack(f"{len(chunk)}i", *chunk))
    return out


def _clean(text: str, newlines: int) -> bool:
    """Whether ``text`` holds no awkward character (a few times quicker than _AWKWARD)."""
    if text.isascii():
        # The usual case: delete the printable characters and the newlines must be all
        # that is left. (isascii() costs nothing: it reads a flag of the string.)
        return len(text.encode("ascii").translate(None, _PRINTABLE)) == newlines
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return False  # a lone surrogate
    # The same test on the ASCII bytes, then the awkward characters beyond ASCII: C1
    # controls (UTF-8 \xc2\x80 to \xc2\x9f), line and paragraph separators, BOM and
    # the two non-characters, each found by a quick search of its own.
    return (len(raw.translate(None, _PRINTABLE_OR_HIGH)) == newlines
            and _C1.search(raw) is None
            and not any(c in text for c in "\u2028\u2029\ufeff\ufffe\uffff"))


def _mark_awkward(text: str, lines: list[str], compose: ComposeRegion | None) -> list[str]:
    """Replace each line holding an awkward character by SENTINEL (which the scanner
    hands over); return the lines as they were, for the composer."""
    if compose is None:
        raise Unsupported
    orig = lines.copy()
    line = start = 0
    for m in re.finditer(_AWKWARD, text):
        if m[0] in _BREAKS:
            raise Unsupported
        line += text.count("\n", start, m.start())
        start = m.start()
        lines[line] = SENTINEL
    return orig


def _key(key: str, keys: dict[str, str]) -> str | None:
    """``key`` if it is a key the scanner reads (then remembered in ``keys``), else None."""
    if KEY.fullmatch(key) is None:
        return None
    keys[key] = key
    return key


def _canonical(key: str, keys: dict[str, str]) -> str:
    """``key`` (remembered in ``keys``); raise :class:`Unsupported` if the scanner does
    not read such a key."""
    known = _key(key, keys)
    if known is None:
        raise Unsupported
    return known
