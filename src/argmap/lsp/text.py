"""Positions in a document: argmap's (lines and columns from 1, in characters) and the
language server protocol's (from 0, columns in the code units the client and server agreed
on: UTF-16 unless the client asks for UTF-8 or UTF-32).

In UTF-16 an editor counts a character outside the Basic Multilingual Plane (an emoji,
some CJK) as two columns, in UTF-8 an Urdu letter as two, argmap each as one: every
position crossing the protocol goes through :class:`Lines`, so a finding after such a
character is underlined where it is.

Lines are not counted alike either: YAML also ends a line at NEL (U+0085) and the line and
paragraph separators (U+2028, U+2029), the protocol only at LF, CR LF and CR, so a
location from the loader goes through :meth:`Lines.place`. And whatever a location or a
request says, a position is kept inside the document: a position at line -1 could not
even be sent, and one past the end is no place to underline.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Lines", "Span", "units", "utf16_len"]

_BREAK = re.compile(r"\r\n|\r|\n")
#: The line breaks YAML counts that the protocol does not (inside a protocol line).
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")


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
        # Where each of YAML's lines starts (protocol line, column), where they differ
        # from the protocol's: only in a text holding a break that YAML alone counts.
        self._yaml: list[tuple[int, int]] | None = None
        if _YAML_ONLY_BREAK.search(text) is not None:
            self._yaml = []
            for i, line in enumerate(self.lines):
                self._yaml.append((i, 0))
                self._yaml += [(i, m.end()) for m in _YAML_ONLY_BREAK.finditer(line)]

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, index: int) -> str:
        """Line ``index`` (0-based); empty past the end."""
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def clamp(self, line: int, col: int) -> tuple[int, int]:
        """The place nearest to 0-based ``line``, ``col`` inside the document: a column
        from the line's start to its end; before the first line, the document's start;
        past the last, its end."""
        if line < 0:
            return 0, 0
        if line >= len(self.lines):
            return len(self.lines) - 1, len(self.lines[-1])
        return line, min(max(col, 0), len(self.lines[line]))

    def place(self, line: int, col: int) -> tuple[int, int]:
        """The 0-based protocol line and character column of the loader's location
        ``line``, ``col`` (from 1, lines as YAML counts them), inside the document."""
        if self._yaml is None:
            return self.clamp(line - 1, col - 1)
        first, start = self._yaml[min(max(line - 1, 0), len(self._yaml) - 1)]
        return self.clamp(first, start + col - 1)

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
        comment, the line's end). A place past the line's content spans the whole line;
        a place outside the document is taken as the nearest place inside it."""
        line, col = self.clamp(line, col)
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
