"""Argdown text -> logical lines: comments removed, data blocks set aside, includes spliced.

Columns are kept: a comment is blanked with spaces, and a YAML data block
``{...}`` is replaced by a NUL marker (NUL cannot occur in decoded input) at the
position of its ``{``, so every later error points at the right ``line:col``.
A line that held only a comment or the inside of a data block disappears, as
Argdown skips it; a line that was blank stays blank and separates blocks.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from argmap import safeio
from argmap.errors import LoadError, Location, Problem
from argmap.interop.argdown._include import ARGDOWN_SUFFIXES, Includes, Refused
from argmap.interop.loss import LossReport
from argmap.loading import source

__all__ = ["ARGDOWN_SUFFIXES", "DataBlock", "Line", "Prepared", "prepare_file", "prepare_text"]

#: Longest data block looked for; an unclosed ``{`` is text, as in Argdown.
MAX_DATA = 100_000

MARK = "\0"
_SPECIAL = re.compile(r"\\|//|/\*|<!--|\[|\{")
# Link text and URL hold no brackets of their kind, which keeps every scan linear.
_LINK = re.compile(r"\[[^\[\]\n]+\]\([^()\n]+\)")
_FLOW = re.compile(r"[{}\[\]\"']")
_DQ = re.compile(r'"(?:[^"\\]|\\.)*+"', re.DOTALL)
_SQ = re.compile(r"'(?:[^']|'')*+'", re.DOTALL)
_BLOCK_END = re.compile(r"\n[ \t]*\}|\n[ \t]*\n")
_FENCE = re.compile(r"===+[ \t]*")
# What may stand before a frontmatter: blank lines and comments, which Argdown's lexer
# skips (argmap's own export begins with a comment line, writer.ARGDOWN_MARK).
# Linear: match() always succeeds, so no alternative is ever retried.
_LEADING = re.compile(r"(?:[ \t\n]+|//[^\n]*|/\*.*?\*/|<!--.*?-->)*", re.DOTALL)
_NOT_NL = re.compile(r"[^\n]")
_INCLUDE = re.compile(r"[ \t]*@include\(\s*([^)\s]+)\s*\)[ \t]*$")
_IMPORT = re.compile(
    r"""[ \t]*@import\s*(?:\(\s*([^)\s]+)\s*\)|"([^"\n]+)"|'([^'\n]+)')[ \t]*;?[ \t]*$""")


class Line(NamedTuple):
    """One line of the document, comments blanked, without trailing spaces."""

    text: str
    path: str
    lineno: int
    blank: bool


class DataBlock(NamedTuple):
    """A YAML data element (``{...}``) or the frontmatter, with where its text starts."""

    yaml: str
    location: Location


@dataclass
class Prepared:
    """The lines of a document (includes spliced in) and its YAML pieces."""

    lines: list[Line] = field(default_factory=list)
    data: dict[tuple[str, int, int], DataBlock] = field(default_factory=dict)
    frontmatter: list[DataBlock] = field(default_factory=list)
    loss: LossReport = field(default_factory=LossReport)
    problems: list[Problem] = field(default_factory=list)
    size: int = 0
    files: int = 0
    included: list[Path] = field(default_factory=list)
    """The real path of each file included, in the order read."""


def prepare_file(path: Path, display: str) -> Prepared:
    """Read ``path`` and every file it includes; raise :class:`LoadError` on any problem."""
    out = Prepared()
    out.files = 1
    text = source.read(path, display=display)
    _expand(text, display, Includes.start(Path(os.path.abspath(path))), out)
    _finish(out)
    return out


def prepare_text(text: str, path: str, folder: Path | None = None) -> Prepared:
    """Like :func:`prepare_file` for text in memory; includes resolve against ``folder``."""
    out = Prepared()
    here = Path(os.path.abspath(folder or Path(path).parent)) / Path(path).name
    _expand(text, path, Includes.start(here), out)
    _finish(out)
    return out


def _finish(out: Prepared) -> None:
    if out.problems:
        # At most MAX_PROBLEMS of each file, as for maps: a document that includes a
        # missing file 100,000 times gets 200 lines and a note, not 100,000 lines.
        by_file: dict[str, list[Problem]] = {}
        for problem in sorted(out.problems, key=Problem.sort_key):
            by_file.setdefault(problem.location.path, []).append(problem)
        raise LoadError(p for group in by_file.values() for p in source.capped(group))


def _expand(text: str, display: str, inc: Includes, out: Prepared) -> None:
    out.size += len(text)
    if out.size > source.MAX_BYTES:
        raise LoadError([Problem(Location(display), "file-too-large",
                                 f"the document and its includes exceed "
                                 f"{safeio.mib(source.MAX_BYTES)}")])
    lines = _clean(text, display, out)
    for line in lines:
        if line.blank or "@i" not in line.text:
            out.lines.append(line)
            continue
        m = _INCLUDE.match(line.text)
        n = None if m else _IMPORT.match(line.text)
        if m is None and n is None:
            out.lines.append(line)
            continue
        groups = m.groups() if m else n.groups() if n else ()
        directive = "@include" if m else "@import"
        target = next(g for g in groups if g)
        col = len(line.text) - len(line.text.lstrip()) + 1
        where = Location(display, line.lineno, col)
        shown = _shown(target)
        try:
            _include(directive, target, shown, where, inc, out)
        except Refused as exc:
            out.problems.append(Problem(where, exc.code, f"{directive}({shown}): {exc.message}",
                                        hint=exc.hint))
        out.lines.append(Line("", display, line.lineno, True))


def _shown(target: str) -> str:
    """An include's file name for messages: as written, unless it holds characters a
    terminal would act on, and not longer than a line."""
    shown = target if target.isprintable() else ascii(target)
    return shown if len(shown) <= 100 else shown[:99] + "…"


def _include(directive: str, target: str, shown: str, where: Location, inc: Includes,
             out: Prepared) -> None:
    """Splice in the file ``target`` names, or say why not (:class:`Refused`)."""
    real = inc.resolve(target)
    if real in inc.seen:
        inc.skip(directive, shown, where, real, out.loss)
        return
    inc.check_room(out.files)
    raw = inc.read(real, source.MAX_BYTES - out.size)
    out.files += 1
    out.included.append(real)
    inner = inc.enter(target, real)
    display = str(Path(where.path).parent / target)
    try:
        text = source.decode(raw, display)
    except LoadError as exc:
        out.problems.extend(exc.problems)
        return
    out.lines.append(Line("", display, 1, True))
    _expand(text, display, inner, out)


class _Where:
    """Offsets -> 1-based ``line:col`` of one text (line starts computed once)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def __call__(self, offset: int) -> Location:
        k = bisect.bisect_right(self.starts, offset) - 1
        return Location(self.path, k + 1, offset - self.starts[k] + 1)


def _clean(text: str, path: str, out: Prepared) -> list[Line]:
    """Blank comments, set aside data blocks and frontmatter; split into lines."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    locate = _Where(path, text)
    pieces: list[str] = []
    pos = _frontmatter(text, locate, out, pieces)
    n = len(text)
    budget = 4 * n + MAX_DATA
    blank = -1  # where the current paragraph ends (a data element ends before it)
    while pos < n:
        m = _SPECIAL.search(text, pos)
        if m is None:
            pieces.append(text[pos:])
            break
        i = m.start()
        pieces.append(text[pos:i])
        tok = m.group()
        if tok == "\\":
            pieces.append(text[i:i + 2])
            pos = i + 2
        elif tok == "//":
            end = text.find("\n", i)
            end = n if end < 0 else end
            pieces.append(" " * (end - i))
            pos = end
        elif tok in ("/*", "<!--"):
            close = "*/" if tok == "/*" else "-->"
            end = text.find(close, i + len(tok))
            if end < 0:
                out.problems.append(Problem(locate(i), "argdown-syntax",
                                            f"comment {tok} is never closed with {close}"))
                end = n
            else:
                end += len(close)
            pieces.append(_blank(text[i:end]))
            pos = end
        elif tok == "[":
            link = _LINK.match(text, i)
            pos = link.end() if link else i + 1
            pieces.append(text[i:pos])
        else:  # "{": a YAML data element, if it closes
            if blank < i:
                blank = text.find("\n\n", i)
                blank = n if blank < 0 else blank
            end = _data_end(text, i, min(blank, i + MAX_DATA)) if budget > 0 else -1
            if end < 0:
                # Looking for the end of blocks that never close costs time; a budget
                # keeps hostile input (a page of "{") linear.
                budget -= min(n, i + MAX_DATA) - i
                pieces.append("{")
                pos = i + 1
                continue
            body = text[i:end]
            block = body.startswith("{\n")
            start = locate(i)
            out.data[(path, start.line, start.col)] = DataBlock(
                body[1:-1] if block else body, locate(i + 1) if block else start)
            pieces.append(MARK + _blank(body[1:]))
            pos = end
    cleaned = "".join(pieces).split("\n")
    original = text.split("\n")
    lines: list[Line] = []
    for k, (c, o) in enumerate(zip(cleaned, original, strict=True)):
        stripped = c.rstrip()
        if not stripped and o.strip() and not o.lstrip().startswith("==="):
            continue  # only a comment (or the inside of a data block) was on this line
        lines.append(Line(stripped, path, k + 1, not stripped))
    return lines


def _frontmatter(text: str, locate: _Where, out: Prepared, pieces: list[str]) -> int:
    """Set aside a frontmatter block (``===`` ... ``===``) at the start; return where to go on."""
    leading = _LEADING.match(text)
    head = leading.end() if leading else 0
    first_end = text.find("\n", head)
    if first_end < 0 or not _FENCE.fullmatch(text, head, first_end):
        return 0
    pos = first_end + 1
    while pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if _FENCE.fullmatch(text, pos, end):
            yaml = text[first_end + 1:pos]
            out.frontmatter.append(DataBlock(yaml, locate(first_end + 1)))
            pieces.append(_blank(text[:end]))
            return end
        pos = end + 1
    out.problems.append(Problem(locate(head), "argdown-syntax",
                                "frontmatter (===) is never closed with a line ==="))
    return 0


def _data_end(text: str, start: int, limit: int) -> int:
    """End (exclusive) of the data block opening at ``start`` and ending before ``limit``
    (the end of its paragraph), or -1 if it does not close."""
    if text.startswith("{\n", start):
        # Block YAML: Argdown ignores the braces; the block ends at a line starting with "}".
        m = _BLOCK_END.search(text, start, limit + 1)
        return -1 if m is None or m.group().endswith("\n") else m.end()
    depth = 0
    pos = start
    while True:
        m = _FLOW.search(text, pos, limit)
        if m is None:
            return -1
        ch = m.group()
        pos = m.end()
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return pos if ch == "}" else -1
        elif _before(text, start, pos - 1) in "{[,:":
            # A quoted YAML scalar (a quote elsewhere is an apostrophe): skip it whole.
            m = (_DQ if ch == '"' else _SQ).match(text, pos - 1, limit)
            if m is None:
                return -1
            pos = m.end()


def _before(text: str, start: int, pos: int) -> str:
    """The last character before ``pos`` (from ``start``) that is not white space."""
    j = pos - 1
    while j > start and text[j] in " \t\n":
        j -= 1
    return text[j]


def _blank(chunk: str) -> str:
    """``chunk`` with everything but line breaks turned into spaces (keeps columns)."""
    return _NOT_NL.sub(" ", chunk)
