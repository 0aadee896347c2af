"""Scalars and one-line flow collections for the fast scanner (:mod:`argmap.loading._fastyaml`).

Each reader follows what libyaml's scanner does with one construct (its
``scan_flow_scalar``, ``scan_block_scalar``, ``scan_plain_scalar``) closely enough
to give the same value, and raises :class:`Unsupported` on anything it is not
sure of, so that the reference composer decides. They work on the text as a list
of lines (without their ``\\n``); a line holding a character the scanner leaves
to libyaml has been replaced by :data:`SENTINEL`, which every reader refuses.
"""

from __future__ import annotations

import re
from sys import intern
from typing import Any

__all__ = ["KEY", "NULLS", "PLAIN_BAD_START", "SENTINEL", "SHORT", "SLUG_FLOW", "SLUG_MAP",
           "Unsupported", "block", "flow", "flow_columns", "plain_more", "quoted", "read_value",
           "slug_mapping", "trailing_ok"]


class Unsupported(Exception):
    """The text uses YAML the fast scanner does not handle; use the reference composer."""


#: Stands for a line holding a tab, a control character or another character libyaml
#: may treat differently: every reader stops at it or refuses it.
SENTINEL = "\x00"
NULLS = frozenset({"~", "null", "Null", "NULL"})
#: Scalars of at most this many characters are interned (one string for each value):
#: kinds, ids of relation targets, strengths, tags and sources come back on thousands
#: of lines, 30 MB of copies in a 100,000-node map; longer texts rarely repeat.
SHORT = 16
PLAIN_BAD_START = frozenset("!&*%@`|>'\"[]{},#")
KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_TRAIL = re.compile(r"(?: +#.*)? *$")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_HEX = re.compile(r"[0-9A-Fa-f]+")
_BLOCK_HEADER = re.compile(r"([|>])(?:([+-])([1-9])?|([1-9])([+-])?)?(?: +#.*)? *$")
# The headers most written, without a regex: (folded, chomping).
_SIMPLE_HEADERS = {"|": (False, ""), "|-": (False, "-"), "|+": (False, "+"), ">": (True, ""),
                   ">-": (True, "-"), ">+": (True, "+")}
# The end of a plain scalar in a flow collection (it cannot hold these characters).
_FLOW_STOP = re.compile(r"[,\[\]{}]")
# `[a, b-c, d.e]` and `{to: a, id: r1, strength: 0.8}` as argmap writes them: their
# items are then exactly those of a split, without the general parser.
SLUG_FLOW = re.compile(
    r"\[([A-Za-z0-9_][A-Za-z0-9_.\-]*(?:, [A-Za-z0-9_][A-Za-z0-9_.\-]*)*)?\]")
SLUG_MAP = re.compile(
    r"\{([A-Za-z0-9_][A-Za-z0-9_.\-]*: [A-Za-z0-9_.][A-Za-z0-9_.\-]*"
    r"(?:, [A-Za-z0-9_][A-Za-z0-9_.\-]*: [A-Za-z0-9_.][A-Za-z0-9_.\-]*)*)\}")
# Flow collections nested deeper than this are left to libyaml (and stay well inside
# the composer's depth limit, whatever the block nesting around them).
_FLOW_DEPTH = 3


def read_value(s: str, lines: list[str], i: int, parent_indent: int, nlines: int,
               eof_newline: bool) -> tuple[Any, int]:
    """Parse the value that starts at ``s``, on line ``i``.

    Returns the value and the index of the last line it used.
    """
    c = s[0]
    if c in "\"'":
        value, end, last = quoted(s, 0, lines, i, nlines)
        if not trailing_ok(s if last == i else lines[last], end):
            raise Unsupported
        return value, last
    if c in "[{":
        items, end = flow(s, 0)
        if not trailing_ok(s, end):
            raise Unsupported
        return items, i
    if c in "|>":
        return block(s, lines, i, parent_indent, nlines, eof_newline)
    if c in PLAIN_BAD_START:
        raise Unsupported
    if c in "-?:" and (len(s) == 1 or s[1] == " "):
        raise Unsupported
    # Only a plain scalar with a comment after it comes here (the others are read in
    # the loop), so it cannot go on over the next lines.
    cut = s.find(" #")
    value = (s[:cut] if cut >= 0 else s).rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise Unsupported
    if value in NULLS:
        return None, i
    return value, i


def trailing_ok(line: str, end: int) -> bool:
    """Whether only spaces, or spaces and a comment, follow ``line[end:]``."""
    return end == len(line) or (line[end] == " " and _TRAIL.fullmatch(line, end) is not None)


def _document_marker(line: str) -> bool:
    return line.startswith(("---", "...")) and (len(line) == 3 or line[3] == " ")


def quoted(line: str, start: int, lines: list[str] | None, i: int,
           nlines: int) -> tuple[str, int, int]:
    """The single- or double-quoted scalar whose quote is at ``line[start]``, on line ``i``.

    Returns its value, the index just after its closing quote, and the index of the
    line where that quote stands (``i`` unless it goes on over several lines; with
    ``lines=None`` it must not).
    """
    double = line[start] == '"'
    out: list[str] = []
    pos = start + 1
    j = i
    while True:
        escaped_break = False
        if double:
            while True:
                q = line.find('"', pos)
                b = line.find("\\", pos, q if q >= 0 else len(line))
                if b < 0:
                    break
                out.append(line[pos:b])
                if b + 1 == len(line):
                    escaped_break = True  # `\` at the end of a line joins the next one
                    pos = b + 1
                    break
                pos = _escape(line, b, out)
        else:
            q = line.find("'", pos)
            while q >= 0 and line.startswith("'", q + 1):  # '' is one quote
                out.append(line[pos:q + 1])
                pos = q + 2
                q = line.find("'", pos)
        if q >= 0 and not escaped_break:
            out.append(line[pos:q])
            return "".join(out), q + 1, j
        # The line ends inside the scalar: fold it into the next non-blank line.
        if lines is None:
            raise Unsupported
        if not escaped_break:
            out.append(line[pos:].rstrip(" "))  # white space before a line break goes
        breaks = 0
        while True:
            j += 1
            if j >= nlines:
                raise Unsupported
            line = lines[j]
            if SENTINEL in line or _document_marker(line):
                raise Unsupported
            stripped = line.lstrip(" ")
            if stripped:
                break
            breaks += 1
        if escaped_break:
            out.append("\n" * breaks)
        else:
            out.append("\n" * breaks if breaks else " ")
        pos = len(line) - len(stripped)


def _escape(line: str, b: int, out: list[str]) -> int:
    """Decode the escape sequence at ``line[b]`` (a backslash) into ``out``; return its end."""
    c = line[b + 1]
    simple = _ESCAPES.get(c)
    if simple is not None:
        out.append(simple)
        return b + 2
    n = _HEX_DIGITS.get(c)
    if n is None:
        raise Unsupported
    digits = line[b + 2:b + 2 + n]
    if len(digits) != n or _HEX.fullmatch(digits) is None:
        raise Unsupported
    code = int(digits, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise Unsupported  # libyaml refuses these
    out.append(chr(code))
    return b + 2 + n


def block(s: str, lines: list[str], i: int, parent_indent: int, nlines: int,
          eof_newline: bool) -> tuple[str, int]:
    """The literal (``|``) or folded (``>``) block scalar whose header is ``s``, on line ``i``.

    ``parent_indent`` is the column of the block collection holding it (libyaml's
    ``parser->indent``). Returns the value and the index of its last line of text.
    """
    simple = _SIMPLE_HEADERS.get(s)
    if simple is not None:
        folded, chomp = simple
        indent = 0
    else:
        m = _BLOCK_HEADER.fullmatch(s)
        if m is None:
            raise Unsupported
        folded = m[1] == ">"
        chomp = m[2] or m[5] or ""
        increment = m[3] or m[4]
        indent = parent_indent + int(increment) if increment else 0
    j = i + 1
    trailing = 0
    # Blank lines before the text; with no indentation indicator, the text's indentation
    # is that of its first line, or more if a blank line before it is longer.
    longest = 0
    while j < nlines:
        line = lines[j]
        if (indent and len(line) > indent) or line.strip(" "):
            break
        longest = max(longest, len(line))
        trailing += 1
        j += 1
    if j >= nlines:
        raise Unsupported  # an empty block scalar at the end: rare, left to libyaml
    if not indent:
        first = lines[j]
        indent = len(first) - len(first.lstrip(" "))
        indent = max(indent, longest)
        if indent <= parent_indent:
            indent = parent_indent + 1  # (then the first line is less indented: no text)
    out: list[str] = []
    leading_break = ""
    leading_blank = False
    last = i
    while j < nlines:
        line = lines[j]
        text = line.lstrip(" ")
        if text and len(line) - len(text) < indent:
            break  # less indented: the scalar has ended
        text = line[indent:]
        trailing_blank = text[:1] == " "
        if folded and leading_break and not leading_blank and not trailing_blank:
            if not trailing:
                out.append(" ")  # a line break between two lines of text folds to a space
        else:
            out.append(leading_break)
        out.append("\n" * trailing)
        trailing = 0
        leading_blank = trailing_blank
        out.append(text)
        last = j
        # The last line of a text without a final newline has no line break.
        leading_break = "\n" if j < nlines - 1 or eof_newline else ""
        j += 1
        while j < nlines:
            line = lines[j]
            if len(line) > indent or line.strip(" "):
                break
            if j < nlines - 1 or eof_newline:
                trailing += 1
            j += 1
    if last == i:
        raise Unsupported  # no text at all (its first line is less indented)
    if chomp != "-":
        out.append(leading_break)
    if chomp == "+":
        out.append("\n" * trailing)
    return "".join(out), last


def plain_more(first: str, lines: list[str], j: int, parent_indent: int,
               nlines: int) -> tuple[str, int]:
    """A plain scalar ``first`` folded with the lines that continue it, from line ``j``.

    A line continues it when it is indented past ``parent_indent`` (the column of
    the block collection holding the scalar); blank lines between become line
    breaks; a comment line ends it. Returns the value and the index of its last line.
    """
    out = [first]
    breaks = 0
    last = j - 1
    while j < nlines:
        line = lines[j]
        s = line.lstrip(" ")
        if not s:
            breaks += 1
            j += 1
            continue
        if len(line) - len(s) <= parent_indent or s[0] == "#":
            break
        cut = s.find(" #")
        text = (s[:cut] if cut >= 0 else s).rstrip(" ")
        if ": " in text or text[-1] == ":":
            raise Unsupported  # a key where a scalar goes on: an error for libyaml
        out.append("\n" * breaks if breaks else " ")
        out.append(text)
        breaks = 0
        last = j
        j += 1
        if cut >= 0:
            break  # a comment ends the scalar
    return "".join(out), last


def flow(s: str, pos: int, cols: list[tuple[Any, int, int]] | None = None,
         depth: int = 0) -> tuple[Any, int]:
    """The flow sequence or mapping at ``s[pos]`` (``[`` or ``{``), all on this line.

    Returns its value and the index just after it. With ``cols``, appends
    ``(key or index, key column, value column)`` for each of its entries.
    """
    if depth > _FLOW_DEPTH:
        raise Unsupported
    if cols is None:
        # The common shapes first: a list of slugs, a relation as argmap writes it.
        if s[pos] == "[":
            m = SLUG_FLOW.match(s, pos)
            if m is not None:
                items: list[Any] = list(map(intern, m[1].split(", "))) if m[1] else []
                if not NULLS.isdisjoint(items):
                    items = [None if item in NULLS else item for item in items]
                return items, m.end()
        else:
            m = SLUG_MAP.match(s, pos)
            if m is not None:
                return slug_mapping(m), m.end()
    is_map = s[pos] == "{"
    close = "}" if is_map else "]"
    out_map: dict[str, Any] = {}
    out_seq: list[Any] = []
    n = len(s)
    p = pos + 1
    while True:
        while p < n and s[p] == " ":
            p += 1
        if p >= n:
            raise Unsupported  # it goes on over several lines
        if s[p] == close:
            return (out_map if is_map else out_seq), p + 1
        if is_map:
            m = KEY.match(s, p)
            if m is None or not s.startswith(": ", m.end()) or m[0] in out_map:
                raise Unsupported
            key, kcol = m[0], p
            p = m.end() + 2
            while p < n and s[p] == " ":
                p += 1
            vcol = p
            out_map[key], p = _flow_value(s, p, depth)
            if cols is not None:
                cols.append((key, kcol, vcol))
        else:
            vcol = p
            value, p = _flow_value(s, p, depth)
            if cols is not None:
                cols.append((len(out_seq), vcol, vcol))
            out_seq.append(value)
        while p < n and s[p] == " ":
            p += 1
        if p < n and s[p] == ",":
            p += 1
        elif p >= n or s[p] != close:
            raise Unsupported


def slug_mapping(m: re.Match[str]) -> dict[str, Any]:
    """The mapping matched by :data:`SLUG_MAP`."""
    # Keys and values alternate once each ", " is made a ": " (neither holds a space, a
    # comma or a colon); all of them are shared (see SHORT): `to`, `id`, a target, `0.8`.
    flat = list(map(intern, m[1].replace(", ", ": ").split(": ")))
    mapping: dict[str, Any] = dict(zip(flat[::2], flat[1::2], strict=True))
    if 2 * len(mapping) != len(flat):
        raise Unsupported  # a key repeated: an error the composer reports
    if "ull" in m[1] or "ULL" in m[1]:  # (a slug value cannot be `~`)
        mapping = {key: None if value in NULLS else value for key, value in mapping.items()}
    return mapping


def _flow_value(s: str, p: int, depth: int) -> tuple[Any, int]:
    """An entry of a flow collection at ``s[p]``: its value and the index after it."""
    if p >= len(s):
        raise Unsupported
    c = s[p]
    if c in "[{":
        return flow(s, p, None, depth + 1)
    if c in "\"'":
        value, end, _ = quoted(s, p, None, 0, 0)
        return value, end
    m = _FLOW_STOP.search(s, p)
    if m is None:
        raise Unsupported
    item = s[p:m.start()].rstrip(" ")
    if (
        not item
        or item[0] in PLAIN_BAD_START
        or item[0] in "?:"
        or (item[0] == "-" and (len(item) == 1 or item[1] == " "))
        or item[-1] == ":"
        or "#" in item
        or ": " in item
        or ":?" in item
    ):
        raise Unsupported
    return (None if item in NULLS else intern(item)), p + len(item)


def flow_columns(line: str, start: int) -> dict[Any, tuple[int, int]]:
    """0-based (key column, value column) of each entry of the flow collection at
    ``line[start]``, by key (mapping) or index (sequence).

    Only for text the scanner accepted (so the collection is well formed).
    """
    cols: list[tuple[Any, int, int]] = []
    flow(line, start, cols)
    return {key: (kcol, vcol) for key, kcol, vcol in cols}
