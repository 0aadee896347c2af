"""Positions in a document: argmap's (lines and columns from 1, in characters) and the
language server protocol's (from 0, columns in the code units the client and server agreed
on: UTF-16 unless the client asks for UTF-8 or UTF-32).

In UTF-16 an editor counts a character outside the Basic Multilingual Plane (an emoji,
some CJK) as two columns, in UTF-8 an Urdu letter as two, argmap each as one: every
position crossing the protocol goes through :class:`Lines`, so a finding after such a
character is underlined where it is.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Lines", "Span", "units", "utf16_len"]

_BREAK = re.compile(r"\r\n|\r|\n")


def utf16_len(text: str) -> int:
    """The length of ``text`` in UTF-16 code units."""
    # A character above U+FFFF takes a surrogate pair.
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def units(ch: str, encoding: str) -> int:
    """How many code units of ``encoding`` (``utf-8``, ``utf-16``, ``utf-32``) ``ch`` takes."""
    code = ord(ch)
    if encoding == "utf-8":
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    if encoding == "utf-32":
        return 1
    return 2 if code > 0xFFFF else 1


class Span(NamedTuple):
    """A range on one line: 0-based line, start and end columns in characters."""

    line: int
    start: int
    end: int


# Characters that end a plain scalar or key in a flow or block context.
_TOKEN_END = re.compile(r":(?:\s|$)|,|\]|\}|\s#")


class Lines:
    """The lines of a document (split as an editor splits them: LF, CR LF or CR), and the
    protocol's columns of them in ``encoding``."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.lines = _BREAK.split(text)
        self.encoding = encoding

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, index: int) -> str:
        """Line ``index`` (0-based); empty past the end."""
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def to_units(self, line: int, col: int) -> int:
        """The protocol's column of the 0-based character column ``col`` of 0-based
        ``line``."""
        prefix = self.line(line)[:col]
        if self.encoding == "utf-16":
            return utf16_len(prefix)
        return sum(units(ch, self.encoding) for ch in prefix)

    def from_units(self, line: int, column: int) -> int:
        """The 0-based character column of the protocol's column ``column`` of ``line``."""
        text = self.line(line)
        count = 0
        for i, ch in enumerate(text):
            if count >= column:
                return i
            count += units(ch, self.encoding)
        return len(text)

    def token(self, line: int, col: int) -> Span:
        """The scalar (or key) that starts at 0-based ``line``, ``col``: a quoted string up to
        its closing quote, a plain one up to what ends it (``: ``, ``,``, ``]``, ``}``, a
        comment, the line's end). A place past the line's content spans the whole line."""
        text = self.line(line)
        stripped = len(text.rstrip())
        if col >= stripped:
            first = len(text) - len(text.lstrip())
            return Span(line, first, max(stripped, first))
        if text[col] in "\"'":
            quote = text[col]
            i = col + 1
            while i < len(text):
                if text[i] == "\\" and quote == '"':
                    i += 2
                    continue
                if text[i] == quote:
                    if quote == "'" and text[i + 1:i + 2] == "'":
                        i += 2
                        continue
                    return Span(line, col, i + 1)
                i += 1
            return Span(line, col, stripped)
        found = _TOKEN_END.search(text, col)
        end = found.start() if found else stripped
        return Span(line, col, max(len(text[:end].rstrip()), col + 1))
