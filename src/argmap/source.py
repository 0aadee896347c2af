"""YAML text -> plain data plus the exact place of every key and value.

This is argmap's one YAML loader. It never constructs objects from tags, never
expands anchors or aliases, never guesses types (every scalar stays the string
written; only an unquoted ``~``/``null``/empty value becomes ``None``), rejects
duplicate keys, and bounds depth and size. Every problem it finds is a
:class:`~argmap.errors.Problem` located at ``path:line:col`` (counting from 1).

Two parsers produce the same :class:`Document`:

* :mod:`argmap._fastyaml`, a line scanner for the block-style YAML people
  write by hand (and argmap writes). It is several times faster than composing
  through libyaml, which matters for maps of 100,000 nodes. It gives up, by
  raising ``Unsupported``, on anything outside that subset or anything that
  might be an error.
* the reference composer below, built on libyaml's event parser
  (``yaml.CSafeLoader``), handling all of YAML 1.1 and reporting every error.

Property tests check that both give identical data and locations wherever the
fast scanner accepts a document.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from argmap import _fastyaml
from argmap.errors import LoadError, Location, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Document",
    "KeyPath",
    "Span",
    "decode",
    "parse",
    "read",
]

#: A path of keys and indexes from the root: ``("nodes", 3, "kind")``.
KeyPath = tuple[str | int, ...]
#: ``(key_line, key_col, value_line, value_col)``, counting from 1. For a list
#: item, the key position is the item's own position.
Span = tuple[int, int, int, int]

#: Largest file argmap reads: a 100,000-node map is about 20 MB.
MAX_BYTES = 32 * 1024 * 1024
#: Deepest nesting accepted; the format itself needs 5 levels.
MAX_DEPTH = 64
#: At most this many problems of one file are reported.
MAX_PROBLEMS = 200

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STR_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its text, its data and where each piece of data stands.

    ``spans`` holds the place of every key and list item, except, when
    ``inline_spans`` is true, mapping entries whose value starts on the key's
    own line: the fast scanner leaves those out (they are most lines of a map,
    and locations are needed for only a few of them) and :meth:`span` finds
    them in the text on demand, which the block layout it accepts makes exact.
    """

    path: str
    text: str
    data: Any
    spans: dict[KeyPath, Span]
    inline_spans: bool = False

    def span(self, keypath: KeyPath) -> Span | None:
        """The span of ``keypath``, or ``None`` if the document has no such path."""
        path = tuple(keypath)
        found = self.spans.get(path)
        if found is None and self.inline_spans and path:
            found = (self._inline_span(path) if isinstance(path[-1], str)
                     else self._flow_item_span(path))
            if found is not None:
                self.spans[path] = found
        return found

    def where(self, keypath: KeyPath, *, key: bool = False) -> Location:
        """Location of the value at ``keypath`` (or of its key, with ``key=True``).

        A path that does not exist (a missing key) falls back to its nearest
        existing parent, so an error always points somewhere real.
        """
        path = tuple(keypath)
        found = self.span(path)
        while found is None and path:
            path = path[:-1]
            found = self.span(path)
        if found is None:
            return Location(self.path, 1, 1)
        kl, kc, vl, vc = found
        if key:
            return Location(self.path, kl, kc)
        return Location(self.path, vl, vc)

    @cached_property
    def _lines(self) -> list[str]:
        return self.text.split("\n")

    def _flow_item_span(self, path: tuple[Any, ...]) -> Span | None:
        """Item ``path[-1]`` of a one-line flow sequence (``[a, b]``), in the fast subset."""
        parent = self.span(path[:-1])
        if parent is None:
            return None
        line = self._lines[parent[2] - 1]
        start = parent[3] - 1
        if line[start:start + 1] != "[":
            return None
        cols = _fastyaml.flow_item_columns(line, start)
        index = path[-1]
        if not 0 <= index < len(cols):
            return None
        return (parent[2], cols[index] + 1, parent[2], cols[index] + 1)

    def _inline_span(self, path: tuple[Any, ...]) -> Span | None:
        """Find ``key:`` among the keys of its mapping, in a document of the fast subset.

        In that subset a mapping's keys are exactly the lines that start at its
        first key's column, from its first line until a line starts further left;
        deeper lines (nested values, block scalar text) and comments are skipped.
        """
        key = path[-1]
        lines = self._lines
        if len(path) > 1:
            parent = self.span(path[:-1])
            if parent is None:
                return None
            first, col = parent[2] - 1, parent[3] - 1
        else:
            first, col = 0, 0
        token = key + ":"
        for idx in range(first, len(lines)):
            line = lines[idx]
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            indent = len(line) - len(stripped)
            if idx > first and indent != col:
                if indent < col:
                    return None
                continue
            if line.startswith(token, col) and line[col + len(token):col + len(token) + 1] in (
                    "", " "):
                value = col + len(token)
                while value < len(line) and line[value] == " ":
                    value += 1
                return (idx + 1, col + 1, idx + 1, value + 1)
        return None


def read(path: str | Path, *, display: str | None = None) -> str:
    """Read and decode a map file, refusing ones too large or not text."""
    name = display if display is not None else str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise LoadError([Problem(Location(name), "file-too-large",
                                     f"file is {size / 1e6:.1f} MB; argmap reads maps of at "
                                     f"most {MAX_BYTES / 1e6:.0f} MB",
                                     hint="split the map into several files of one folder")])
        raw = p.read_bytes()
    except OSError as exc:
        raise LoadError([Problem(Location(name), "unreadable",
                                 f"cannot read file: {exc.strerror or exc}")]) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Bytes -> text: UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            line, col = _position(raw[: exc.start].decode("utf-16", "replace"))
            raise LoadError([Problem(Location(name, line, col), "encoding",
                                     f"invalid UTF-16 at byte {exc.start}")]) from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw[: exc.start].decode("utf-8", "replace"))
        raise LoadError([Problem(Location(name, line, col), "encoding",
                                 f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                                 hint="save the file as UTF-8")]) from None
    nul = text.find("\0")
    if nul >= 0:
        line, col = _position(text[:nul])
        raise LoadError([Problem(Location(name, line, col), "encoding",
                                 "NUL byte in file; a map is a text file",
                                 hint="remove the NUL bytes or re-save the file as UTF-8")])
    return text


def _position(prefix: str) -> tuple[int, int]:
    """1-based (line, col) of the character that follows ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


def parse(text: str, path: str = "<string>") -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`LoadError` on any problem."""
    # `read` refuses large files by size; text given directly (`loads`) is bounded here.
    if len(text) > MAX_BYTES:
        raise LoadError([Problem(Location(path), "file-too-large",
                                 f"text is {len(text) / 1e6:.1f} million characters; argmap "
                                 f"reads maps of at most {MAX_BYTES / 1e6:.0f} MB",
                                 hint="split the map into several files of one folder")])
    try:
        data, spans = _fastyaml.scan(text)
    except _fastyaml.Unsupported:
        data, spans = _Composer(text, path).compose()
        return Document(path, text, data, spans)
    return Document(path, text, data, spans, inline_spans=True)


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


class _Composer:
    """The reference parser: libyaml events -> data and spans, every error located."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.problems: list[Problem] = []
        self.spans: dict[KeyPath, Span] = {}

    def problem(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(_loc(self.path, mark), code, message, hint=hint))
        if len(self.problems) >= MAX_PROBLEMS:
            # No more will be reported: stop, rather than read on through a file that may
            # hold millions of duplicate keys or anchors (tens of seconds of CPU).
            raise LoadError(self.problems)

    def compose(self) -> tuple[Any, dict[KeyPath, Span]]:
        try:
            data = self._compose(self._events())
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = _loc(self.path, mark) if mark is not None else Location(self.path)
            message = " ".join(str(x) for x in (exc.context, exc.problem) if x)
            if "maximum nesting depth" in message:
                # libyaml's own limit (1000 flow levels) struck before ours did: it reads
                # ahead up to 1024 characters looking for a key.
                self.problems.append(Problem(where, "too-deep",
                                             f"nesting deeper than {MAX_DEPTH} levels",
                                             hint="an argument map needs only a few levels "
                                             "of nesting"))
                raise LoadError(self.problems) from None
            self.problems.append(Problem(where, "yaml-syntax", f"YAML syntax: {message}",
                                         hint="check indentation and quoting on this line"))
            raise LoadError(self.problems) from None
        except yaml.YAMLError as exc:
            where = Location(self.path)
            position = getattr(exc, "position", None)
            if isinstance(position, int):
                # libyaml reads the text as UTF-8: its reader errors count bytes.
                prefix = self.text.encode("utf-8")[:position].decode("utf-8", "replace")
                line, col = _position(prefix)
                where = Location(self.path, line, col)
            reason = getattr(exc, "reason", None) or str(exc)
            self.problems.append(Problem(where, "yaml-syntax", f"YAML: {reason}",
                                         hint="remove control characters from the file"))
            raise LoadError(self.problems) from None
        except UnicodeEncodeError as exc:
            # Only text handed over directly can hold lone surrogates; files are decoded.
            line, col = _position(self.text[: exc.start])
            self.problems.append(Problem(Location(self.path, line, col), "encoding",
                                         "text holds a lone surrogate, which is not a character"))
            raise LoadError(self.problems) from None
        if self.problems:
            raise LoadError(self.problems)
        return data, self.spans

    def _events(self) -> Iterator[Any]:
        loader = yaml.CSafeLoader(self.text)
        try:
            while loader.check_event():
                yield loader.get_event()
        finally:
            loader.dispose()

    def _compose(self, events: Iterator[Any]) -> Any:
        # Iterative, so that deep nesting cannot exhaust the Python stack.
        root: Any = None
        documents = 0
        # Each frame: [container, keypath, pending key or None, key mark or None]
        stack: list[list[Any]] = []
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(event.start_mark, "multiple-documents",
                                 "a map file holds one YAML document",
                                 hint="put each map in a file of its own")
                    break
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            # A node: a key (when the top frame is a mapping waiting for a key) or a value.
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                self._key(stack[-1], event)
                if isinstance(event, yaml.CollectionStartEvent):
                    # A refused complex key (`? {a: b}`): its content and end events
                    # must go to a throwaway frame, not to the mapping it keys.
                    if len(stack) >= MAX_DEPTH:
                        self.problem(event.start_mark, "too-deep",
                                     f"nesting deeper than {MAX_DEPTH} levels")
                        raise LoadError(self.problems)
                    stack.append([{} if isinstance(event, yaml.MappingStartEvent) else [],
                                  (*stack[-1][1], _SKIP), None, None])
                continue
            value = self._node(event)
            start: Any = event.start_mark
            if stack:
                frame = stack[-1]
                container = frame[0]
                if isinstance(container, dict):
                    key: Any = frame[2]
                    kmark: Any = frame[3]
                    keypath = (*frame[1], key)
                    self.spans[keypath] = (kmark.line + 1, kmark.column + 1,
                                           start.line + 1, start.column + 1)
                    if key is not _SKIP:
                        container[key] = value
                    frame[2] = None
                else:
                    keypath = (*frame[1], len(container))
                    self.spans[keypath] = (start.line + 1, start.column + 1,
                                           start.line + 1, start.column + 1)
                    container.append(value)
            else:
                keypath = ()
                root = value
            if isinstance(value, dict | list):
                if len(stack) >= MAX_DEPTH:
                    self.problem(event.start_mark, "too-deep",
                                 f"nesting deeper than {MAX_DEPTH} levels",
                                 hint="an argument map needs only a few levels of nesting")
                    raise LoadError(self.problems)
                stack.append([value, keypath, None, None])
        return root

    def _key(self, frame: list[Any], event: Any) -> None:
        mark = event.start_mark
        if not isinstance(event, yaml.ScalarEvent):
            self.problem(mark, "complex-key", "a key must be plain text",
                         hint="write keys as simple words such as `text:`")
            frame[2], frame[3] = _SKIP, mark
            self._refuse_anchor(event)
            return
        self._refuse_anchor(event)
        key = event.value
        container: dict[str, Any] = frame[0]
        if key in container:
            first = self.spans.get((*frame[1], key))
            at = f" (first at line {first[0]})" if first else ""
            self.problem(mark, "duplicate-key", f"duplicate key {key!r}{at}",
                         hint="keep one of them; YAML would silently keep only the last")
            frame[2], frame[3] = _SKIP, mark
            return
        frame[2], frame[3] = key, mark

    def _refuse_anchor(self, event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            self.problem(event.start_mark, "anchor",
                         "YAML anchors and aliases are not allowed in a map",
                         hint="write the value out again; anchors can expand exponentially")

    def _node(self, event: Any) -> Any:
        if isinstance(event, yaml.AliasEvent):
            self.problem(event.start_mark, "alias",
                         f"YAML alias *{event.anchor} is not allowed in a map",
                         hint="write the value out again; aliases can expand exponentially")
            return None
        self._refuse_anchor(event)
        tag = event.tag
        if isinstance(event, yaml.ScalarEvent):
            if tag is not None and tag not in _STR_TAGS:
                self.problem(event.start_mark, "tag", f"YAML tag {tag!r} is not allowed",
                             hint="remove the tag; argmap reads plain text values")
                return None
            plain = event.implicit[0] and not event.style
            if plain and tag is None and event.value in _NULLS:
                return None
            return event.value
        if tag is not None and not getattr(event, "implicit", True):
            self.problem(event.start_mark, "tag", f"YAML tag {tag!r} is not allowed",
                         hint="remove the tag")
        if isinstance(event, yaml.MappingStartEvent):
            return {}
        return []


class _Skip:
    """Marker for a key that was rejected: its value is parsed but not stored."""

    def __repr__(self) -> str:
        return "<skip>"


_SKIP: Any = _Skip()
