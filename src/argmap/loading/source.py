"""YAML text -> plain data plus the exact place of every key and value.

This is argmap's one YAML loader. It never constructs objects from tags, never
expands anchors or aliases, never guesses types (every scalar stays the string
written; only an unquoted ``~``/``null``/empty value becomes ``None``), rejects
duplicate keys, and bounds depth and size. Every problem it finds is a
:class:`~argmap.errors.Problem` located at ``path:line:col`` (counting from 1).

Two parsers produce the same :class:`Document`:

* :mod:`argmap.loading._fastyaml`, a line scanner for the block-style YAML people
  write by hand (and argmap writes). It is several times faster than composing
  through libyaml, which matters for maps of 100,000 nodes. Where it meets a
  construct it does not read, it hands just that region of the file (a node, a
  top-level entry) to the reference composer and goes on after it
  (:mod:`argmap.loading._fastregion`); it gives up on the whole file, by raising
  ``Unsupported``, only where that region is refused or cannot be cut safely.
* the reference composer, :mod:`argmap.loading._compose`, built on libyaml's event parser
  (``yaml.CSafeLoader``), handling all of YAML 1.1 and reporting every error.

Property tests check that both give identical data and locations wherever the
fast scanner accepts a document, and that :func:`parse` gives the composer's
result (or its errors) on any document, regions or not.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import itertools
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from argmap import safeio
from argmap.errors import LoadError, Location, Problem
from argmap.loading import _fastyaml
from argmap.loading.located import MAX_DEPTH, MAX_PROBLEMS, KeyPath, Span
from argmap.loading.located import position as _position

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "Document",
    "KeyPath",
    "Span",
    "decode",
    "parse",
    "read",
    "read_utf8",
    "type_name",
]

#: Largest file argmap reads: a 100,000-node map is about 20 MiB.
MAX_BYTES = safeio.MAX_BYTES


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its text, its data and where each piece of data stands.

    ``spans`` holds the place of every key and list item, except, when
    ``inline_spans`` is true (the fast scanner read the text), most of them: storing
    a place for each of a million lines would cost about as much memory as the data,
    and only a few are ever asked for. :meth:`span` finds those in the text, which the
    block layout the scanner accepts makes exact: a mapping's keys are the lines that
    start at its column, a sequence's items the dashes at its column. ``skips`` are
    the line ranges outside that layout (see :class:`argmap.loading._fastyaml.Scan`), passed
    over; ``items`` the lines of the items of each top-level sequence, the nodes.
    """

    path: str
    content: str | bytes
    """The file's text: a str, or its UTF-8 bytes where the fast scanner read a text
    beyond Latin-1 (a str holding one Arabic letter takes 2 bytes a character: 26 MB more
    for a 100,000-node map, kept while its checks run). :attr:`text` is the str."""
    data: Any
    spans: dict[KeyPath, Span]
    inline_spans: bool = False
    skips: dict[int, int] = field(default_factory=dict)
    items: dict[str, list[int]] = field(default_factory=dict)
    line_ends: Sequence[int] | None = None
    """For each line, the length of ``content`` up to its end (in characters, or bytes),
    newlines left out (found from ``content`` when not given)."""
    verbatim: bool = False
    """Every string of ``data`` is written as it is somewhere in ``text``: the fast
    scanner read it all, and no escape sequence was decoded."""
    nested: _fastyaml.Nested | None = None
    """The lines of the items of the block sequences under the keys of the items of
    ``items`` (a node's relations), as the scanner recorded them."""

    @property
    def text(self) -> str:
        """The file's text (decoded on each call where :attr:`content` is bytes: keep it
        only as long as it is needed)."""
        content = self.content
        return content if isinstance(content, str) else content.decode("utf-8")

    def span(self, keypath: KeyPath) -> Span | None:
        """The span of ``keypath``, or ``None`` if the document has no such path."""
        path = tuple(keypath)
        found = self.spans.get(path)
        if found is None and self.inline_spans and path:
            found = self._find(path)
            if found is not None:
                self.spans[path] = found
        return found

    def item_key(self, top: str, index: int, key: str) -> Span | None:
        """The span of ``key`` in item ``index`` of the top-level sequence ``top``: what
        ``span((top, index, key))`` gives, found the shortest way where the item starts
        with that key on its dash's line (``- id: x``).

        Every finding on a node is located at its id (12,000 of them on a map of as many
        nodes): read from the line the scanner noted for the node, without the general
        search's steps, it costs about two thirds of what they do.
        """
        path = (top, index, key)
        found = self.spans.get(path)
        if found is not None or not self.inline_spans:
            return found
        lines_of = self.items.get(top)
        sequence = self.spans.get((top,))
        if lines_of is not None and sequence is not None and 0 <= index < len(lines_of):
            idx = lines_of[index]  # (-1 for an item the composer read: its spans are stored)
            if idx >= 0:
                ends = self._ends  # (what _line does, without a call)
                start = ends[idx - 1] + idx if idx else 0
                content = self.content
                # The usual line, `- id: x` with one space after the dash and after the
                # colon, tested where it stands in the content without reading the line
                # out (40,000 findings ask): the spaces and the dash before the key are
                # ASCII, so offsets in the UTF-8 bytes count as in the text up to it.
                head: Any = " " + key + ": "
                at = start + sequence[3]  # just after the dash
                if isinstance(content, bytes):
                    head = head.encode("utf-8")
                    enders: Any = (b"", b" ", b"#", b"\n")
                else:
                    enders = ("", " ", "#", "\n")
                value_at = at + len(head)
                if content.startswith(head, at) and (
                        content[value_at:value_at + 1] not in enders):
                    col = sequence[3] + 1
                    return (idx + 1, col + 1, idx + 1, col + len(key) + 3)
                piece = content[start:ends[idx] + idx]
                line = piece if isinstance(piece, str) else piece.decode("utf-8")
                after = line[sequence[3]:].lstrip(" ")  # (the column just after the dash)
                if after.startswith(key) and after[len(key):len(key) + 2] == ": ":
                    value = after[len(key) + 2:].lstrip(" ")
                    if value and value[0] != "#":
                        col = len(line) - len(after)
                        return (idx + 1, col + 1, idx + 1, len(line) - len(value) + 1)
        return self.span(path)

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
    def _ends(self) -> Sequence[int]:
        # Where each line ends, less its index (the lengths of the lines before it and
        # of itself, newlines left out): a list of the lines themselves would take about
        # as much memory as the map's data (100 MB for 100,000 nodes).
        if self.line_ends is not None:
            return self.line_ends
        content = self.content
        pieces = content.split("\n") if isinstance(content, str) else content.split(b"\n")
        return array("i", itertools.accumulate(map(len, pieces)))

    def line(self, idx: int) -> str | None:
        """The line of index ``idx`` (0 is the first) without its newline; None past the
        text's lines. Read from the document's line index, not from a split of the text."""
        return self._line(idx) if 0 <= idx < len(self._ends) else None

    def _line(self, idx: int) -> str:
        ends = self._ends
        line = self.content[(ends[idx - 1] if idx else 0) + idx:ends[idx] + idx]
        return line if isinstance(line, str) else line.decode("utf-8")

    @cached_property
    def _flow_entries(self) -> dict[tuple[int, int], dict[Any, tuple[int, int]]]:
        return {}

    @cached_property
    def _sequence_items(self) -> dict[tuple[int, int], list[int]]:
        return {}

    @cached_property
    def _skip_starts(self) -> list[int]:
        return sorted(self.skips)

    def _find(self, path: tuple[Any, ...]) -> Span | None:
        """The span of a path the fast scanner did not store, found in the text."""
        if len(path) == 3 and path[0] in self.items:
            found = self._node_key(path)
            if found is not None:
                return found
        elif len(path) == 4 and path[0] in self.items and self.nested is not None:
            found = self._nested_item(path, self.nested)
            if found is not None:
                return found
        container = _value_at(self.data, path[:-1])
        key = path[-1]
        if isinstance(container, dict):
            if not isinstance(key, str) or key not in container:
                return None
        elif not (isinstance(container, list) and type(key) is int and 0 <= key < len(container)):
            return None
        value = container[key]
        if len(path) == 1:
            return self._block_key(key, value, 0, 0)
        parent = self.span(path[:-1])
        if parent is None:
            return None
        line, col = parent[2] - 1, parent[3] - 1
        if self._in_skip(line):
            return None  # in a region the composer read: every span of it is stored
        if self._line(line)[col:col + 1] in ("[", "{"):
            return self._flow_entry(line, col, key)
        if isinstance(key, str):
            return self._block_key(key, value, line, col)
        return self._block_item(path, value, line, col)

    def _node_key(self, path: tuple[Any, ...]) -> Span | None:
        """A key of a node, ``- id: x``, found straight from the line the scanner noted
        for the node (None: let the general search decide).

        Every finding on a node is located at its id (40,000 of them on a large map),
        and every finding on a relation at a key of its node (``attacks``, 10,000):
        this spares them the general search's walk from the top through the node's
        own span.
        """
        top, index, key = path
        lines_of = self.items[top]
        if type(index) is not int or not 0 <= index < len(lines_of):
            return None
        idx = lines_of[index]
        node = self.data[top][index]
        if idx < 0 or type(node) is not dict or key not in node:
            return None
        sequence = self.spans.get((top,))
        if sequence is None:
            return None
        line = self._line(idx)
        after = line[sequence[3]:].lstrip(" ")  # (the column just after the dash)
        if not after or after[0] in "#[{":
            return None  # a node not a block mapping starting on its dash's line
        col, value = len(line) - len(after), node[key]
        found = self._key_on(idx, col, key + ":", value, line)  # most asked for: the id
        if found is not None or self._in_skip(idx):
            return found
        # The node's other keys are the lines at its column up to the next node's dash:
        # found by a search of the text, not a walk over the node's lines.
        if index + 1 < len(lines_of) and lines_of[index + 1] > idx:
            found = self._search_key(key, value, idx, lines_of[index + 1], col)
            if found is not None:
                return found
        # What the general search finds too: the node's span starts at `after` (see
        # _block_item), and its keys are those of the block mapping from there.
        return self._block_key(key, value, idx, col)

    def _nested_item(self, path: tuple[Any, ...], nested: _fastyaml.Nested) -> Span | None:
        """Item ``nth`` of the block sequence under ``key`` of item ``index`` of the
        top-level sequence ``top`` (``("nodes", 3, "attacks", 0)``), found from the line
        the scanner recorded for it (None: let the general search decide).

        Every finding on a relation is located at its item (15,000 of them on a large
        map): the general search finds the node's key, then the sequence's dashes.
        """
        top, index, key, nth = path
        lines_of = self.items[top]
        if type(index) is not int or type(nth) is not int or not 0 <= index < len(lines_of):
            return None
        first = lines_of[index]
        stop = lines_of[index + 1] if index + 1 < len(lines_of) else len(self._ends)
        if first < 0 or stop < 0:
            return None  # the composer read the item or the next one: its spans are stored
        lines, starts, keys = nested
        # The first of the sequences recorded below the item's own line, then its next
        # ones up to the next item's line (a node has a few).
        s = bisect.bisect_right(starts, first, key=lines.__getitem__)
        count = len(starts)
        while s < count and lines[starts[s]] < stop:
            if keys[s] == key:
                break
            s += 1
        else:
            return None  # not a block sequence (a flow one, or none): the general search
        at = starts[s]
        end = starts[s + 1] if s + 1 < count else len(lines)
        node = self.data[top][index]
        value = node.get(key) if type(node) is dict else None
        # The count checked: a sequence cut by a region has fewer items recorded.
        if type(value) is not list or len(value) != end - at or not 0 <= nth < end - at:
            return None
        idx = lines[at + nth]
        line = self._line(idx)
        after = line.lstrip(" ")[1:].lstrip(" ")  # the item, after its dash
        if not after or after[0] == "#":
            return None  # a dash alone: the item starts on a later line
        col = len(line) - len(after)
        return (idx + 1, col + 1, idx + 1, col + 1)

    def _search_key(self, key: str, value: Any, first: int, stop: int, col: int) -> Span | None:
        """``key:`` at column ``col`` on a line after ``first`` and before ``stop``, where
        the only lines at that column are the keys of one block mapping (or lie in the
        ``skips``); None if there is none.

        Exact in the block layout the scanner accepts: deeper lines (nested values, block
        scalars, plain scalars going on) start further right, comments with ``#``, and
        the lines a quoted scalar goes on over, which may start anywhere, are skips.
        """
        ends, text = self._ends, self.content
        token = key + ":"
        # In bytes alike where the content is bytes: the spaces and the key are ASCII,
        # so the offsets (and ends) count the same.
        needle: Any = "\n" + " " * col + token
        newline: Any = "\n"
        if isinstance(text, bytes):
            needle, newline = needle.encode("ascii"), b"\n"
        after_first = ends[first] + first  # the line break that ends line `first`
        stop_at = ends[stop - 1] + stop  # where line `stop` starts
        at = text.find(needle, after_first, stop_at)
        while at >= 0:
            idx = first + text.count(newline, after_first, at + 1)
            if not self._in_skip(idx):
                found = self._key_on(idx, col, token, value)
                if found is not None:
                    return found
            at = text.find(needle, at + 1, stop_at)
        return None

    def _in_skip(self, idx: int) -> bool:
        """Whether line ``idx`` is in one of the ``skips`` (but their first lines)."""
        starts = self._skip_starts
        k = bisect.bisect_right(starts, idx) - 1
        return k >= 0 and idx < self.skips[starts[k]]

    def _flow_entry(self, line: int, col: int, key: Any) -> Span | None:
        """Entry ``key`` (an index or a key) of the one-line flow collection at ``line, col``."""
        # The columns of a collection's entries, found once: a node can list thousands of
        # relations on one line, and each of them may be asked for.
        entries = self._flow_entries.get((line, col))
        if entries is None:
            entries = self._flow_entries[line, col] = _fastyaml.flow_columns(
                self._line(line), col)
        found = entries.get(key)
        if found is None:
            return None
        return (line + 1, found[0] + 1, line + 1, found[1] + 1)

    def _content(self, first: int) -> Iterator[tuple[int, int, str]]:
        """(index, indentation, text) of each line from ``first`` on, but blank lines,
        comments and the ``skips``."""
        starts = self._skip_starts
        k = bisect.bisect_left(starts, first)
        next_skip = starts[k] if k < len(starts) else -1
        idx = first
        count = len(self._ends)
        while idx < count:
            if idx == next_skip:
                idx = self.skips[next_skip]
                k += 1
                next_skip = starts[k] if k < len(starts) else -1
                continue
            line = self._line(idx)
            stripped = line.lstrip(" ")
            if stripped and stripped[0] != "#":
                yield idx, len(line) - len(stripped), stripped
            idx += 1

    def _after(self, idx: int) -> Span | None:
        """The span of a value that starts on the first line of content after line ``idx``."""
        for nxt, indent, _ in self._content(idx + 1):
            return (nxt + 1, indent + 1, nxt + 1, indent + 1)
        return None

    def _block_key(self, key: str, value: Any, first: int, col: int) -> Span | None:
        """Find ``key:`` among the keys of the block mapping at ``first, col``.

        In the fast subset a mapping's keys are exactly the lines that start at its
        first key's column, from its first line until a line starts further left;
        deeper lines (nested values, block scalar text) are passed over.
        """
        token = key + ":"
        # The mapping's first line (whatever its indentation: it may follow a dash)
        # first: the key asked for is most often a node's `id`, on its dash's line.
        found = self._key_on(first, col, token, value)
        if found is not None:
            return found
        for idx, indent, stripped in self._content(first + 1):
            if indent != col:
                if indent < col:
                    return None
                continue
            if stripped.startswith(token):
                found = self._key_on(idx, col, token, value)
                if found is not None:
                    return found
        return None

    def _key_on(self, idx: int, col: int, token: str, value: Any,
                line: str | None = None) -> Span | None:
        """The span of ``token`` (``key:``) if line ``idx`` (``line``, when the caller has
        it) holds it at ``col``."""
        if line is None:
            line = self._line(idx)
        if not line.startswith(token, col):
            return None
        end = col + len(token)  # just after the colon
        rest = line[end:]
        if rest and rest[0] != " ":
            return None
        value_at = rest.lstrip(" ")
        if value_at and value_at[0] != "#":
            return (idx + 1, col + 1, idx + 1, len(line) - len(value_at) + 1)
        # Nothing after the colon: an empty value (placed just after the colon), or a
        # mapping or sequence starting on the next line of content.
        if value is None:
            return (idx + 1, col + 1, idx + 1, end + 1)
        after = self._after(idx)
        return None if after is None else (idx + 1, col + 1, after[2], after[3])

    def _block_item(self, path: tuple[Any, ...], value: Any, first: int,
                    col: int) -> Span | None:
        """Item ``path[-1]`` of the block sequence whose first dash is at ``first, col``."""
        cached = self.items.get(path[0]) if len(path) == 2 else None
        if cached is None:
            cached = self._sequence_items.get((first, col))
        if cached is None:
            cached = self._sequence_items[first, col] = self._dash_lines(first, col)
        if path[-1] >= len(cached) or cached[path[-1]] < 0:
            return None
        idx = cached[path[-1]]
        line = self._line(idx)
        after = line[col + 1:].lstrip(" ")
        if after and after[0] != "#":
            start = len(line) - len(after)
            return (idx + 1, start + 1, idx + 1, start + 1)
        # A dash alone: an empty item (placed just after the dash), or a mapping or
        # sequence starting on the next line of content.
        if value is None:
            return (idx + 1, col + 2, idx + 1, col + 2)
        return self._after(idx)


    def _dash_lines(self, first: int, col: int) -> list[int]:
        """The lines of the items of the block sequence whose first dash is at ``first,
        col``: its lines of content at ``col`` up to the first that is no dash or starts
        further left.

        Found by a search of the text for the lines of content starting at or left of
        ``col`` (a relation found on a large map is located at its item, 15,000 times:
        a walk over every line of the sequence, its items' keys included, took most of
        the time of locating them).
        """
        items: list[int] = []
        if not first:
            for idx, indent, stripped in self._content(first):
                if indent < col or (indent == col and stripped[:2] not in ("-", "- ")):
                    break
                if indent == col:
                    items.append(idx)
            return items
        content = self.content
        raw = isinstance(content, bytes)
        ends = self._ends
        at = ends[first - 1] + first - 1  # the line break before line `first`
        idx = first
        # (In bytes alike where the content is bytes: spaces, dashes and line breaks
        # are ASCII, and the offsets count the same.)
        newline: Any = b"\n" if raw else "\n"
        dash: Any = b"-" if raw else "-"
        after_dash: Any = (b" ", b"\n", b"") if raw else (" ", "\n", "")
        starts, skips = self._skip_starts, self.skips
        for m in _left_lines(col, raw).finditer(content, at):
            start = m.start()
            idx += content.count(newline, at, start)
            at = start
            # Passed over as _content passes over them: the lines of the skips that
            # start at `first` or after it.
            k = bisect.bisect_right(starts, idx) - 1
            if k >= 0 and starts[k] >= first and idx < skips[starts[k]]:
                continue
            end = m.end()  # just after the line's first character
            if end - start - 2 < col or content[end - 1:end] != dash or (
                    content[end:end + 1] not in after_dash):
                break
            items.append(idx)
        return items


@functools.lru_cache(maxsize=64)
def _left_lines(col: int, raw: bool) -> re.Pattern[Any]:
    """A line break, and the indentation and first character of the line after it, where
    that line has content (no blank line or comment) and starts at or left of ``col``.

    The patterns of the last 64 columns asked for are kept: a map's lists stand at a
    few columns, and a long-running server must not keep one for every column a
    stranger's map can put a list at.
    """
    pattern = rf"\n {{0,{col}}}[^ \n#]"
    return re.compile(pattern.encode("ascii") if raw else pattern)


_MISSING: Any = object()


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in ``data``, or ``_MISSING``."""
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step, _MISSING)
        elif isinstance(data, list) and type(step) is int and 0 <= step < len(data):
            data = data[step]
        else:
            return _MISSING
    return data


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
    return read_utf8(path, display=display, roots=roots)[0]


def read_utf8(path: str | Path, *, display: str | None = None,
              roots: Iterable[Path] | None = None) -> tuple[str, bytes | None]:
    """:func:`read`, and the file's bytes when they are the text in UTF-8 (else None):
    :func:`parse` keeps a text beyond Latin-1 as UTF-8, and encoding it again took 1.5%
    of checking a 10,000-node map."""
    name = display if display is not None else str(path)
    try:
        raw = safeio.read_bytes(path, limit=MAX_BYTES, roots=roots, noun="maps")
    except safeio.FileRefused as exc:
        code, hint = _REFUSED[exc.reason]
        raise LoadError([Problem(Location(name), code, exc.message, hint=hint)]) from None
    except OSError as exc:
        raise LoadError([Problem(Location(name), "unreadable",
                                 f"cannot read file: {exc.strerror or exc}")]) from None
    return _decode(raw, name)


#: The problem code and hint of each reason to refuse a map file.
_REFUSED: dict[safeio.Reason, tuple[str, str]] = {
    "too-large": ("file-too-large", "split the map into several files of one folder"),
    "not-a-file": ("not-a-file", "a map is a plain text file (*.yaml, *.yml)"),
    "outside-tree": ("outside-tree", "a map file in a folder, or a link there, must lead to "
                     "a file inside that folder or the working directory; copy the map in"),
}


def decode(raw: bytes, name: str) -> str:
    """Bytes -> text: UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is refused."""
    return _decode(raw, name)[0]


def _decode(raw: bytes, name: str) -> tuple[str, bytes | None]:
    """:func:`decode`, and the bytes the text was decoded from when they are UTF-8."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
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
    return text, raw


def parse(text: str, path: str = "<string>", *, utf8: bytes | None = None) -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`LoadError` on any problem.

    ``utf8``, when the caller has it (:func:`read_utf8`), is ``text`` in UTF-8: kept as
    the document's content where that is kept in bytes, instead of encoding the text.
    """
    # `read` refuses large files by size; text given directly (`loads`) is bounded here.
    if len(text) > MAX_BYTES:
        raise LoadError([Problem(Location(path), "file-too-large",
                                 f"text of {len(text):,} characters is over "
                                 f"{safeio.mib(MAX_BYTES)}, the most argmap reads in a map",
                                 hint="split the map into several files of one folder")])
    # A CR LF line break is one line break to libyaml, in values too: the scanner reads
    # the text with LF alone, and every line and column stays the same.
    scanned = text.replace("\r\n", "\n") if "\r" in text else text
    try:
        found = _fastyaml.scan(scanned, _compose_region, byte_ends=True)
    except _fastyaml.Unsupported:
        from argmap.loading._compose import Composer  # noqa: PLC0415 - PyYAML only when needed

        data, spans = Composer(text, path).compose()
        return Document(path, text, data, spans)
    verbatim = not found.regions and "\\" not in scanned
    # Kept as UTF-8 where the scanner counted the line ends in bytes (see Document.content).
    content: str | bytes = scanned
    if found.in_bytes:
        content = utf8 if utf8 is not None and scanned is text else scanned.encode("utf-8")
    return Document(path, content, found.data, found.spans, inline_spans=True,
                    skips=found.skips, items=found.items, line_ends=found.line_ends,
                    verbatim=verbatim, nested=found.nested)


def _compose_region(text: str, depth: int) -> tuple[Any, dict[KeyPath, Span]]:
    """A region of a file read by the reference composer (see :mod:`argmap.loading._fastregion`):
    its root stands ``depth`` levels deep in the file. Any problem hands the whole file
    over, so that it is reported where it stands."""
    from argmap.loading._compose import Composer  # noqa: PLC0415 - PyYAML only when needed

    try:
        return Composer(text, "<region>", max_depth=MAX_DEPTH - depth).compose()
    except LoadError:
        raise _fastyaml.Unsupported from None


def __getattr__(name: str) -> Any:
    # The reference composer imports PyYAML (25 ms); load it only when it is needed.
    if name == "_Composer":
        from argmap.loading._compose import Composer  # noqa: PLC0415

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
