"""Regions of a text the fast scanner hands to the reference composer, and their splicing.

When :mod:`argmap.loading._fastyaml` meets a line it cannot read, the cost should be that
of the lines around it, not of the whole file. A *region* is a run of lines that
YAML reads the same alone as in the file: a top-level entry (``key:`` at the
margin and the lines under it), or one item of a top-level block sequence (a
node: its dash and the lines indented past it). The composer reads the region,
its result replaces what the scanner had made of those lines, with every line
number shifted, and the scan goes on after the region.

Why that is safe: a block collection's lines end where a line starts at or
left of its column, so the lines of an item or entry are exactly those up to
the next such line, and libyaml reads them alike whatever precedes them. A
construct that runs past that line (a quoted scalar or a flow collection going
on over lines at the margin) is cut, which the composer refuses; so is anything
that is an error, or needs the rest of the file (an alias, a tag directive, a
second document, a key repeated in another region): then the whole file goes
to the composer, which reports every problem where it stands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from argmap.loading._fastscalar import Unsupported

__all__ = ["MAX_BATCH", "ComposeRegion", "KeyPath", "Span", "from_line", "recover"]

#: A path of keys and indexes from the root: ``("nodes", 3, "kind")``.
KeyPath = tuple[Any, ...]
#: ``(key_line, key_col, value_line, value_col)``, counting from 1.
Span = tuple[int, int, int, int]
#: Reads a region with the reference composer: ``(text, depth)`` -> ``(data, spans)``,
#: where ``depth`` is how deep the region's root stands in the file (its nesting
#: limit is that much lower); raises :class:`Unsupported` when the composer refuses it.
ComposeRegion = Callable[[str, int], tuple[Any, dict[KeyPath, Span]]]
#: A frame of the scanner's stack: (indent, container, is_mapping, is_indentless).
Frame = tuple[int, Any, bool, bool]


def from_line(lines: list[str], index: int) -> Iterator[str]:
    """An iterator over ``lines`` from ``lines[index]`` on, made without walking to it."""
    it = iter(lines)
    it.__setstate__(index)  # type: ignore[attr-defined]  # list iterators have it (pickling)
    return it


def recover(i: int, lines: list[str], root: dict[str, Any], spans: dict[KeyPath, Span],
            skips: dict[int, int], items: dict[str, list[int]], compose: ComposeRegion,
            eof_newline: bool, last: tuple[int, int]) -> tuple[int, list[Frame], int]:
    """Compose the region around line ``i`` (which the scanner could not read) and splice it.

    ``lines`` are the text's lines as written; ``root``, ``spans``, ``skips`` and
    ``items`` are the scanner's results so far (see :class:`argmap.loading._fastyaml.Scan`),
    updated in place; ``last`` is where the previous region ended and its batch (see
    below). Returns the index of the line to go on from, the scanner's stack there
    (innermost frame last) and this region's batch. Raises :class:`Unsupported` when
    the whole file must go to the composer.

    A region starting where the previous one ended (a run of nodes the scanner does
    not read) takes in the entries after it too, twice as many lines each time up to
    :data:`MAX_BATCH` times its first entry's: a composer call costs about as much
    as a hundred lines of YAML, and a million one-line regions would take minutes.
    """
    nlines = len(lines) - 1
    anchor: str | None = None
    col = 0
    if root:
        # Inside the block sequence of the last top-level key (a node of `nodes:`)?
        key = next(reversed(root))
        kspan = spans.get((key,))
        if key in items and kspan is not None:
            indent = _indent(lines[i])
            col = kspan[3] - 1
            if indent is None or indent > col or (indent == col and _dash(lines[i][col:])):
                anchor = key
    start = _region_start(i, lines, skips, col if anchor is not None else 0, anchor is not None)
    if anchor is None and lines[start].startswith(("---", "...", "%")):
        raise Unsupported  # a document marker or a directive: the whole file's business
    # The region ends before the next line that starts at or left of its column.
    limit = col if anchor is not None else 0
    end = _entry_end(lines, i + 1, limit, nlines)
    batch = min(last[1] * 2, MAX_BATCH) if start == last[0] else 1
    budget = start + batch * (end - start)
    while end < nlines and end < budget:
        # Take in the next entry (or item) if it fits in the budget of lines.
        if _indent(lines[end]) != limit or lines[end].startswith(("---", "...", "%")) or (
                anchor is not None and not _dash(lines[end][limit:])):
            break
        after = _entry_end(lines, end + 1, limit, min(nlines, budget + 1))
        if after > budget:
            break
        end = after
    text = "\n".join(lines[start:end]) + ("\n" if end < nlines or eof_newline else "")
    data, region_spans = compose(text, 0 if anchor is None else 1)
    if anchor is not None:
        offset = _splice_items(root[anchor], items[anchor], data, start)
        items[anchor].extend([-1] * len(data))  # (every span of these is stored)
    else:
        _splice_entries(root, data, start, i, lines, spans, items)
    for path, (kl, kc, vl, vc) in region_spans.items():
        new = path if anchor is None else (anchor, path[0] + offset, *path[1:])
        spans[new] = (kl + start, kc, vl + start, vc)
    # The region's lines, but its first, are no part of the block layout Document
    # searches for keys (a quoted scalar in it may stand at the margin).
    while skips and next(reversed(skips)) > start:
        skips.popitem()
    if end > start + 1:
        skips[start + 1] = end
    root_frame: Frame = (0, root, True, False)
    if anchor is None:
        return end, [root_frame], batch
    return end, [root_frame, (col, root[anchor], False, col == 0)], batch


#: The most entries (in lines: times the first one's) a region takes in after its own.
MAX_BATCH = 256


def _entry_end(lines: list[str], end: int, limit: int, stop: int) -> int:
    """The first line from ``end`` on (before ``stop``) that starts at or left of
    column ``limit``: where an entry or item ends."""
    while end < stop:
        indent = _indent(lines[end])
        if indent is not None and indent <= limit:
            break
        end += 1
    return end


def _dash(s: str) -> bool:
    return s[:1] == "-" and (len(s) == 1 or s[1] == " ")


#: The indentation given to a line that starts (after spaces) with a tab or another
#: character that is not printable: deeper than any column, so that it never starts
#: or ends a region. (Such a line is an error in the block layout, or the content
#: of a quoted scalar; either way it belongs with the lines before it.)
_DEEP = 1 << 30


def _indent(line: str) -> int | None:
    """The column where ``line`` starts, or None for a blank or comment line."""
    s = line.lstrip(" ")
    if not s or s[0] == "#":
        return None
    if not s[0].isprintable():
        return _DEEP
    return len(line) - len(s)


def _region_start(i: int, lines: list[str], skips: dict[int, int], col: int,
                  item: bool) -> int:
    """The first line of the region holding line ``i``: the nearest line at or before it
    that starts at column ``col`` (with a dash, for an ``item``), outside the ``skips``."""
    ranges = reversed(skips.items())
    current = next(ranges, None)
    x = i
    while x >= 0:
        while current is not None and current[0] > x:
            current = next(ranges, None)
        if current is not None and x < current[1]:
            x = current[0] - 1  # inside a quoted scalar or a region: go to its first line
            continue
        indent = _indent(lines[x])
        if indent is not None:
            if indent == col and (not item or _dash(lines[x][col:])):
                return x
            if indent <= col:
                break
        x -= 1
    raise Unsupported


def _splice_items(seq: list[Any], lines_of: list[int], data: Any, start: int) -> int:
    """Put the items ``data`` read from the region at line ``start`` in place of what the
    scanner made of it, at the end of ``seq`` (whose items start on ``lines_of``);
    return the index of the first of them."""
    if type(data) is not list or not data:
        raise Unsupported
    if not lines_of or lines_of[-1] != start:
        raise Unsupported  # not where the scanner stands: do not guess
    # The scanner had begun that item (its last), or not yet added it to the list.
    k0 = len(lines_of) - 1
    del lines_of[k0:]
    del seq[k0:]
    seq.extend(data)
    return k0


def _splice_entries(root: dict[str, Any], data: Any, start: int, i: int, lines: list[str],
                    spans: dict[KeyPath, Span], items: dict[str, list[int]]) -> None:
    """Put the top-level entries ``data`` read from the region at line ``start`` in place
    of what the scanner made of it."""
    if type(data) is not dict or not data:
        raise Unsupported
    if start < i:
        # The scanner had read the entry's key line: drop that entry.
        if not root:
            raise Unsupported
        key = next(reversed(root))
        if not lines[start].startswith(key + ":"):
            raise Unsupported
        del root[key]
        items.pop(key, None)
        while spans and next(reversed(spans))[0] == key:
            spans.popitem()
    if not root.keys().isdisjoint(data):
        raise Unsupported  # a key repeated: the composer reports it
    root.update(data)
