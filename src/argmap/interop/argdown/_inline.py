"""The pieces of an Argdown document model, and the text inside one element.

An element's text keeps what the author wrote (Markdown emphasis, links,
mentions) with escapes resolved and Argdown's shortcodes (``.A.``, ``:+1:``)
replaced; hashtags at its start or end become tags and leave the text, hashtags
inside a sentence stay in it and are tags too; YAML data elements are parsed
with argmap's own YAML loader.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from argmap.errors import LoadError, Location, Problem
from argmap.interop.argdown._shortcodes import SHORTCODE, SHORTCODES
from argmap.interop.argdown._source import MARK, DataBlock, Line, Prepared
from argmap.loading import source

__all__ = ["Item", "Member", "Rel", "Step", "inline_text", "shift_location"]

# Brackets of a kind cannot nest in a link or a bracketed tag: every scan stays linear.
_TOKEN = re.compile(
    r"\\(.)|(\[[^\[\]\n]+\]\([^()\n]+\))"
    r"|#(?:\(([^()\n]+)\)|([\w\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))"
    rf"|({SHORTCODE.pattern})"
)
_MARK_RUN = re.compile(MARK + " *")


@dataclass(eq=False)
class Member:
    """A statement equivalence class (or an untitled statement) or an argument."""

    argument: bool
    title: str | None
    order: int
    location: Location
    section: str | None
    defined: int | None = None
    texts: list[tuple[str, Location]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: list[tuple[DataBlock, Any]] = field(default_factory=list)
    steps: list[Step] | None = None
    step_of: tuple[Member, int] | None = None
    """For an intermediate inference step of a complex argument: (argument, step number)."""


@dataclass(eq=False)
class Step:
    """One inference of a premise-conclusion structure."""

    argument: Member
    location: Location
    rules: list[str] = field(default_factory=list)
    uses: list[int] = field(default_factory=list)
    premises: list[Member] = field(default_factory=list)
    conclusion: Member | None = None


class Rel(NamedTuple):
    """A relation as written: its kind, source, target (a member or an inference)."""

    kind: str
    source: Member
    target: Member | Step
    location: Location


class Item:
    """One occurrence of a member (or an inference's text), collecting its lines."""

    def __init__(self, member: Member | None, line: Line, col: int, order: int,
                 problems: list[Problem]) -> None:
        self.member = member
        self.location = Location(line.path, line.lineno, col)
        self.order = order
        self.parts: list[tuple[str, Line, int]] = []
        self.step: Step | None = None
        self.problems = problems

    @property
    def element(self) -> Member:
        """The member of an item that stands for a statement or argument."""
        if self.member is None:  # pragma: no cover - only inference items have none
            raise AssertionError("an inference item has no member")
        return self.member

    def add(self, text: str, line: Line, col: int) -> None:
        """Append one line of text (``col`` is where ``text`` starts)."""
        if text:
            self.parts.append((text, line, col))

    def inline(self, prepared: Prepared) -> tuple[str, list[str], list[tuple[DataBlock, Any]]]:
        """``(text, tags, data)`` of the collected lines."""
        texts: list[str] = []
        data: list[tuple[DataBlock, Any]] = []
        for part, line, col in self.parts:
            text = part
            if MARK in part:
                for m in re.finditer(MARK, part):
                    block = prepared.data.get((line.path, line.lineno, col + m.start()))
                    if block is not None:
                        data.append((block, self._yaml(block)))
                text = _MARK_RUN.sub(" ", part)
            texts.append(text.strip())
        body, tags = inline_text(" ".join(t for t in texts if t))
        return body, tags, data

    def finish(self, prepared: Prepared, section: str | None) -> None:
        """Hand the collected text, tags and data to the member."""
        member = self.member
        if member is None:
            return
        text, tags, data = self.inline(prepared)
        for tag in tags:
            if tag not in member.tags:
                member.tags.append(tag)
        member.data.extend(data)
        if text:
            member.texts.append((text, self.location))
            if member.defined is None:
                member.defined = self.order
                member.section = section

    def _yaml(self, block: DataBlock) -> Any:
        try:
            return _parse_yaml(block.yaml, block.location.path)
        except LoadError as exc:
            self.problems.extend(shift_location(p, block.location) for p in exc.problems)
            return None


@functools.lru_cache(maxsize=4096)
def _parse_yaml(text: str, path: str) -> Any:
    # Documents repeat the same data elements ({isInMap: false}); parse each once. The
    # data is only read, never changed, so sharing it is safe.
    return source.parse(text, path).data


def shift_location(problem: Problem, start: Location) -> Problem:
    """A problem located in a data block's text, located in the Argdown file instead."""
    loc = problem.location
    if loc.line == 1:
        where = Location(start.path, start.line, start.col + loc.col - 1)
    else:
        where = Location(start.path, start.line + loc.line - 1, loc.col)
    return problem._replace(location=where)


def inline_text(raw: str) -> tuple[str, list[str]]:
    """Escapes resolved and edge hashtags removed: ``(text, tags)``."""
    if "\\" not in raw and "#" not in raw and SHORTCODE.search(raw) is None:
        return raw.strip(), []  # the common case: nothing to resolve
    segments: list[tuple[str, str | None]] = []  # (text, tag name or None)
    pos = 0
    for m in _TOKEN.finditer(raw):
        if m.start() > pos:
            segments.append((raw[pos:m.start()], None))
        if m.group(1) is not None:
            segments.append((m.group(1), None))
        elif m.group(2) is not None:
            segments.append((m.group(2), None))
        elif m.group(5) is not None:  # Argdown's shortcodes: `.A.` -> ∀ (others as written)
            segments.append((SHORTCODES.get(m.group(5), m.group(5)), None))
        else:
            segments.append((m.group(0), m.group(3) or m.group(4)))
        pos = m.end()
    if pos < len(raw):
        segments.append((raw[pos:], None))
    tags = [tag for _, tag in segments if tag is not None]
    # Hashtags at the start or the end label the element; inside a sentence they are words.
    while segments and (segments[0][1] is not None or not segments[0][0].strip()):
        segments.pop(0)
    while segments and (segments[-1][1] is not None or not segments[-1][0].strip()):
        segments.pop()
    unique = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    return "".join(text for text, _ in segments).strip(), unique
