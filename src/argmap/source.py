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
* the reference composer, :mod:`argmap._compose`, built on libyaml's event parser
  (``yaml.CSafeLoader``), handling all of YAML 1.1 and reporting every error.

Property tests check that both give identical data and locations wherever the
fast scanner accepts a document.
"""

from __future__ import annotations

import codecs
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from argmap import _fastyaml, safeio
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
    "type_name",
]

#: A path of keys and indexes from the root: ``("nodes", 3, "kind")``.
KeyPath = tuple[str | int, ...]
#: ``(key_line, key_col, value_line, value_col)``, counting from 1. For a list
#: item, the key position is the item's own position.
Span = tuple[int, int, int, int]

#: Largest file argmap reads: a 100,000-node map is about 20 MiB.
MAX_BYTES = safeio.MAX_BYTES
#: Deepest nesting accepted; the format itself needs 5 levels.
MAX_DEPTH = 64
#: At most this many problems of one file are reported.
MAX_PROBLEMS = 200



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

    @cached_property
    def _flow_columns(self) -> dict[tuple[int, int], list[int]]:
        return {}

    def _flow_item_span(self, path: tuple[Any, ...]) -> Span | None:
        """Item ``path[-1]`` of a one-line flow sequence (``[a, b]``), in the fast subset."""
        parent = self.span(path[:-1])
        if parent is None:
            return None
        line = self._lines[parent[2] - 1]
        start = parent[3] - 1
        if line[start:start + 1] != "[":
            return None
        # The columns of a sequence's items, found once: a node can list thousands of
        # relations on one line, and each of them may be asked for.
        cols = self._flow_columns.get((parent[2], start))
        if cols is None:
            cols = self._flow_columns[parent[2], start] = _fastyaml.flow_item_columns(
                line, start)
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


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """At most :data:`MAX_PROBLEMS` problems; past that, one more says the rest were not shown."""
    out = list(itertools.islice(problems, MAX_PROBLEMS + 1))
    if len(out) > MAX_PROBLEMS:
        last = out[MAX_PROBLEMS - 1].location
        out[MAX_PROBLEMS:] = [Problem(last, "too-many-problems",
                                      f"stopped after {MAX_PROBLEMS} problems in this file",
                                      hint="fix these and run again to see the rest")]
    return out


def read(path: str | Path, *, display: str | None = None,
         roots: Iterable[Path] | None = None) -> str:
    """Read and decode a map file, refusing ones too large, not regular files or not text.

    With ``roots``, the file must lie inside one of them, links resolved (see
    :func:`argmap.safeio.read_bytes`).
    """
    name = display if display is not None else str(path)
    try:
        raw = safeio.read_bytes(path, limit=MAX_BYTES, roots=roots, noun="maps")
    except safeio.FileRefused as exc:
        code, hint = _REFUSED[exc.reason]
        raise LoadError([Problem(Location(name), code, exc.message, hint=hint)]) from None
    except OSError as exc:
        raise LoadError([Problem(Location(name), "unreadable",
                                 f"cannot read file: {exc.strerror or exc}")]) from None
    return decode(raw, name)


#: The problem code and hint of each reason to refuse a map file.
_REFUSED: dict[safeio.Reason, tuple[str, str]] = {
    "too-large": ("file-too-large", "split the map into several files of one folder"),
    "not-a-file": ("not-a-file", "a map is a plain text file (*.yaml, *.yml)"),
    "outside-tree": ("outside-tree", "a map file in a folder, or a link there, must lead to "
                     "a file inside that folder or the working directory; copy the map in"),
}


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
                                 f"text of {len(text):,} characters is over "
                                 f"{safeio.mib(MAX_BYTES)}, the most argmap reads in a map",
                                 hint="split the map into several files of one folder")])
    try:
        data, spans = _fastyaml.scan(text)
    except _fastyaml.Unsupported:
        from argmap._compose import Composer  # noqa: PLC0415 - PyYAML only when needed

        data, spans = Composer(text, path).compose()
        return Document(path, text, data, spans)
    return Document(path, text, data, spans, inline_spans=True)


def __getattr__(name: str) -> Any:
    # The reference composer imports PyYAML (25 ms); load it only when it is needed.
    if name == "_Composer":
        from argmap._compose import Composer  # noqa: PLC0415

        return Composer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def type_name(value: Any) -> str:
    """How a YAML value is called in messages: mapping, list, empty value or text."""
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "empty value"
    return "text"
