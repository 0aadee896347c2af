"""A fast line scanner for the block-style YAML subset that maps are written in.

It reads indented mappings and sequences, plain and single-line quoted
scalars, one-line flow sequences of simple items, literal and folded block
scalars, and comments; it returns the same ``(data, spans)`` as the reference
composer in :mod:`argmap.source`. On anything else (anchors, tags, flow
mappings, multi-line plain or quoted scalars, escapes, tabs, duplicate keys,
anything that might be an error) it raises :class:`Unsupported` and the
reference composer takes over, so it never has to report an error itself.

Why it exists: composing a 100,000-node map through libyaml with a mark per
node takes about 5 s here; this scanner takes about a sixth of that.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

__all__ = ["Unsupported", "scan"]


class Unsupported(Exception):
    """The text uses YAML this scanner does not handle; use the reference composer."""


# A mapping key the scanner reads (plain, no spaces, quotes or indicators).
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
# Characters that libyaml refuses or treats as line breaks (NEL, U+2028, U+2029),
# plus tab, CR and BOM: leave all of those to the reference composer.
# (Written as the characters it matches: the same set as "everything but printable
# text and \n", and ten times quicker to compile, which every start-up pays.)
_AWKWARD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# ASCII from space to tilde: in ASCII text, every other character but "\n" is awkward.
_PRINTABLE = bytes(range(0x20, 0x7F))
_NULLS = frozenset({"~", "null", "Null", "NULL"})
# Open containers beyond which the reference composer reports "too deep" (its limit,
# source.MAX_DEPTH, is 64; a few levels below it leave room for flow leaves).
_MAX_DEPTH = 60
_PLAIN_BAD_START = frozenset("!&*%@`|>'\"[]{},#")
# In a flow sequence ":?" is an error and a leading "?" or ":" is an indicator for libyaml.
_FLOW_BAD = re.compile(r"[\[\]{}\"'#]|: |:$|:\?")
# A flow sequence of slugs as argmap writes it, `[a, b-c, d.e]`, with nothing after
# it: its items are then exactly `inner.split(", ")`. Other spacing, quotes, comments
# and trailing commas take the general path of _flow, which gives the same items.
_SLUG_FLOW = re.compile(
    r"\[([A-Za-z0-9_][A-Za-z0-9_.\-]*(?:, [A-Za-z0-9_][A-Za-z0-9_.\-]*)*)?\]"
)
_TRAIL = re.compile(r"(?: +#.*)? *$")
_BLOCK_HEADER = re.compile(r"([|>])([+-]?)(?: +#.*)? *$")


def scan(text: str) -> tuple[Any, dict[tuple[Any, ...], tuple[int, int, int, int]]]:
    """Parse ``text`` into ``(data, spans)`` or raise :class:`Unsupported`."""
    if not text.endswith("\n"):
        raise Unsupported
    lines = text.split("\n")
    nlines = len(lines) - 1  # the text ends with "\n": the last item is empty
    if text.isascii():
        # The usual case, and a twice quicker test: delete the printable characters
        # and the newlines must be all that is left. (isascii() costs nothing: it
        # reads a flag of the string.)
        if len(text.encode("ascii").translate(None, _PRINTABLE)) != nlines:
            raise Unsupported
    elif _AWKWARD.search(text):
        raise Unsupported
    spans: dict[tuple[Any, ...], tuple[int, int, int, int]] = {}
    root: dict[str, Any] = {}
    # The innermost open container and its frame: (indent, container, keypath,
    # is_mapping, is_indentless_sequence); outer frames wait on the stack.
    stack: list[tuple[int, Any, tuple[Any, ...], bool, bool]] = []
    top: Any = root
    top_path: tuple[Any, ...] = ()
    top_indent, top_map, top_indentless = 0, True, False
    # A key whose value is on the next lines: (dict, key, keypath, indent, line, col)
    pending: tuple[dict[str, Any], str, tuple[Any, ...], int, int, int] | None = None
    # The indent at which a line simply goes on `top`: top_indent, or -1 while a key
    # waits for its value or `top` is an indentless sequence. Most lines are at that
    # indent; only the others (opening or closing containers) need the checks of the
    # slow path below, so one comparison sends nine lines in ten past them.
    level = 0
    # Keys already matched against _KEY: a map uses a few dozen keys on most of its
    # lines, and a set lookup is cheaper than a regex match.
    keys: set[str] = set()
    # Flow sequences already read, by their text: the same tag lists come back on
    # many nodes, and copying a list is quicker than matching and splitting it again.
    flows: dict[str, list[Any]] = {}
    # A for loop over the lines, cheaper than indexing; a block scalar, read by _value,
    # skips the lines it used by advancing the iterator.
    numbered = enumerate(lines)
    for i, line in numbered:
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
                pdict, pkey, ppath, pind, kl, kc = pending
                pending = None
                if indent > pind:
                    new: Any = [] if dash else {}
                    pdict[pkey] = new
                    spans[ppath] = (kl, kc, i + 1, indent + 1)
                    stack.append((top_indent, top, top_path, top_map, top_indentless))
                    if len(stack) > _MAX_DEPTH:
                        raise Unsupported
                    top_indent, top, top_path, top_map, top_indentless = (
                        indent, new, ppath, not dash, False)
                elif indent == pind and dash and top_map:
                    new = []
                    pdict[pkey] = new
                    spans[ppath] = (kl, kc, i + 1, indent + 1)
                    stack.append((top_indent, top, top_path, top_map, top_indentless))
                    if len(stack) > _MAX_DEPTH:
                        raise Unsupported
                    top_indent, top, top_path, top_map, top_indentless = (
                        indent, new, ppath, False, True)
                else:
                    spans[ppath] = (kl, kc, kl, kc + len(pkey) + 1)
            while indent < top_indent or (top_indentless and indent == top_indent and not dash):
                if not stack:
                    raise Unsupported
                top_indent, top, top_path, top_map, top_indentless = stack.pop()
            if indent != top_indent:
                raise Unsupported
            level = -1 if top_indentless else indent
        if top_map:
            # `key: value` (the line may not start with a dash: `- ` is no key).
            # Split at the first ": " (a key has no colon: if the first colon is not
            # followed by a space, the part before it is no key and the line is
            # refused), or else take `key:` at the end of the line.
            key, colon, rest = s.partition(": ")
            if not colon:
                if s[-1] != ":":
                    raise Unsupported
                key = s[:-1]
            if key not in keys and not _is_key(key, keys):
                raise Unsupported
            if key in top:
                raise Unsupported
            rest = rest.lstrip(" ")  # the same string unless spaces follow the ": "
            if not rest or rest[0] == "#":
                pending = (top, key, top_path + (key,), indent, i + 1, indent + 1)
                top[key] = None
                level = -1
                continue
            # No span for an entry whose value starts on its line: Document.span finds
            # it on demand (storing ~700,000 of them cost a fifth of the scan of a
            # 100,000-node map); not even its keypath is built here.
            c = rest[0]
            if (
                c not in _PLAIN_BAD_START
                and " #" not in rest
                and ": " not in rest
                and not (c in "-?:" and (len(rest) == 1 or rest[1] == " "))
            ):
                value = rest.rstrip(" ")
                if value[-1] == ":":
                    raise Unsupported
                top[key] = None if value in _NULLS else value
            elif c == "[" and (items := flows.get(rest)) is not None:
                top[key] = items.copy()
            elif c == "[" and (m := _SLUG_FLOW.fullmatch(rest)) is not None:
                # `tags: [a, b]`, a line in four of a generated map, without a call.
                items = m[1].split(", ") if m[1] else []
                if not _NULLS.isdisjoint(items):
                    items = [None if item in _NULLS else item for item in items]
                top[key] = items
                flows[rest] = items.copy()
            else:
                top[key], last = _value(rest, lines, i, indent, nlines)
                if last > i:
                    next(islice(numbered, last - i - 1, None))  # skip a block scalar's lines
            continue
        # `- item` or `- key: value` in a sequence.
        if s[0] != "-" or (len(s) > 1 and s[1] != " "):
            raise Unsupported
        after = s[1:].lstrip(" ")
        col = len(line) - len(after)  # where the item starts
        lineno = i + 1
        ipath = top_path + (len(top),)
        spans[ipath] = (lineno, col + 1, lineno, col + 1)
        key, colon, kafter = after.partition(":")
        if colon and (not kafter or kafter[0] == " ") and (key in keys or _is_key(key, keys)):
            # A mapping as the item, its first key on the dash's line.
            target: dict[str, Any] = {}
            top.append(target)
            stack.append((top_indent, top, top_path, top_map, top_indentless))
            if len(stack) > _MAX_DEPTH:
                raise Unsupported
            top_indent, top, top_path, top_map, top_indentless = col, target, ipath, True, False
            level = col
            rest = kafter.lstrip(" ")
            if not rest or rest[0] == "#":
                pending = (target, key, ipath + (key,), col, lineno, col + 1)
                target[key] = None
                level = -1
                continue
            # The first key of a list item (a node's `id`) is asked for by every
            # finding on that node: store its span rather than search for it.
            spans[ipath + (key,)] = (lineno, col + 1, lineno, len(line) - len(rest) + 1)
            c = rest[0]
            if (
                c not in _PLAIN_BAD_START
                and " #" not in rest
                and ": " not in rest
                and not (c in "-?:" and (len(rest) == 1 or rest[1] == " "))
            ):
                value = rest.rstrip(" ")
                if value[-1] == ":":
                    raise Unsupported
                target[key] = None if value in _NULLS else value
                continue
            target[key], last = _value(rest, lines, i, col, nlines)
        else:
            rest = after
            if not rest or rest[0] == "#":
                raise Unsupported
            c = rest[0]
            if (
                c not in _PLAIN_BAD_START
                and " #" not in rest
                and ": " not in rest
                and not (c in "-?:" and (len(rest) == 1 or rest[1] == " "))
            ):
                value = rest.rstrip(" ")
                if value[-1] == ":":
                    raise Unsupported
                top.append(None if value in _NULLS else value)
                continue
            value, last = _value(rest, lines, i, indent, nlines)
            top.append(value)
        if last > i:
            next(islice(numbered, last - i - 1, None))
    if pending is not None:
        _, pkey, ppath, _, kl, kc = pending
        spans[ppath] = (kl, kc, kl, kc + len(pkey) + 1)
    if not root:
        raise Unsupported  # nothing but blanks and comments
    return root, spans


def _is_key(key: str, keys: set[str]) -> bool:
    """Whether ``key`` is a key the scanner reads; if so, remember it in ``keys``."""
    if _KEY.fullmatch(key) is None:
        return False
    keys.add(key)
    return True


def _value(s: str, lines: list[str], i: int, parent_indent: int,
           nlines: int) -> tuple[Any, int]:
    """Parse the value that starts at ``s``, on line ``i``.

    Returns the value and the index of the last line it used.
    """
    c = s[0]
    if c == '"':
        end = s.find('"', 1)
        if end < 0 or "\\" in s[1:end] or _TRAIL.fullmatch(s, end + 1) is None:
            raise Unsupported
        if end + 1 < len(s) and s[end + 1] != " ":
            raise Unsupported
        return s[1:end], i
    if c == "'":
        j = 1
        n = len(s)
        while True:
            end = s.find("'", j)
            if end < 0:
                raise Unsupported
            if end + 1 < n and s[end + 1] == "'":
                j = end + 2
                continue
            break
        if _TRAIL.fullmatch(s, end + 1) is None or (end + 1 < n and s[end + 1] != " "):
            raise Unsupported
        return s[1:end].replace("''", "'"), i
    if c == "[":
        return _flow(s), i
    if c in "|>":
        return _block(s, lines, i, parent_indent, nlines)
    if c == "{":
        if s.startswith("{}") and _TRAIL.fullmatch(s, 2) is not None:
            return {}, i
        raise Unsupported
    if c in _PLAIN_BAD_START:
        raise Unsupported
    if c in "-?:" and (len(s) == 1 or s[1] == " "):
        raise Unsupported
    cut = s.find(" #")
    value = (s[:cut] if cut >= 0 else s).rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise Unsupported
    if value in _NULLS:
        return None, i
    return value, i


def _flow(s: str) -> list[Any]:
    """A one-line flow sequence of plain scalars: ``[a, b, c]``."""
    m = _SLUG_FLOW.fullmatch(s)
    if m is not None:
        # The common case, a list of ids or tags, checked in one match.
        inner = m.group(1)
        if inner is None:
            return []
        items: list[Any] = [part.strip(" ") for part in inner.split(",")]
        if _NULLS.isdisjoint(items):
            return items
        return [None if item in _NULLS else item for item in items]
    end = s.find("]")
    if end < 0:
        raise Unsupported
    if end + 1 < len(s):
        after = s[end + 1:]
        if after[0] != " " or not (after.lstrip(" ").startswith("#") or not after.strip(" ")):
            raise Unsupported
    inner = s[1:end]
    if _FLOW_BAD.search(inner):
        raise Unsupported
    items = []
    if not inner.strip(" "):
        return items
    parts = inner.split(",")
    if not parts[-1].strip(" "):
        parts.pop()  # a trailing comma is allowed
    # Items get no span here: Document.span finds them on demand (flow_item_columns).
    for part in parts:
        item = part.strip(" ")
        if (
            not item
            or item[0] in _PLAIN_BAD_START
            or item[-1] == ":"
            or item[0] in "?:"
            or (item[0] == "-" and (len(item) == 1 or item[1] == " "))
        ):
            raise Unsupported
        items.append(None if item in _NULLS else item)
    return items


def flow_item_columns(line: str, start: int) -> list[int]:
    """0-based columns of the items of the one-line flow sequence at ``line[start]``.

    Only for text the scanner accepted (so the sequence is well formed).
    """
    end = line.index("]", start)
    parts = line[start + 1:end].split(",")
    if not parts[-1].strip(" "):
        parts.pop()
    cols = []
    pos = start + 1
    for part in parts:
        cols.append(pos + len(part) - len(part.lstrip(" ")))
        pos += len(part) + 1
    return cols


def _block(s: str, lines: list[str], i: int, parent_indent: int, nlines: int) -> tuple[str, int]:
    """A literal (``|``) or folded (``>``) block scalar without an indentation indicator."""
    m = _BLOCK_HEADER.fullmatch(s)
    if m is None:
        raise Unsupported
    folded = m.group(1) == ">"
    chomp = m.group(2)
    j = i + 1
    leading = 0
    while j < nlines and not lines[j]:
        leading += 1
        j += 1
    if j >= nlines:
        raise Unsupported
    first = lines[j]
    body_indent = len(first) - len(first.lstrip(" "))
    if body_indent <= parent_indent or not first.strip(" "):
        raise Unsupported
    content: list[str] = [""] * leading
    trailing = 0
    last = i
    while j < nlines:
        line = lines[j]
        if not line:
            trailing += 1
            j += 1
            continue
        lstr = line.lstrip(" ")
        if not lstr:
            raise Unsupported  # a line of spaces only: leave the subtleties to libyaml
        ind = len(line) - len(lstr)
        if ind < body_indent:
            break
        if trailing:
            content.extend([""] * trailing)
            trailing = 0
        text = line[body_indent:]
        if folded and text[0] == " ":
            raise Unsupported
        content.append(text)
        last = j
        j += 1
    if folded:
        out: list[str] = []
        blanks = 0
        started = False
        for text in content:
            if not text:
                blanks += 1
                continue
            if not started:
                out.append("\n" * blanks)
                started = True
            elif blanks:
                out.append("\n" * blanks)
            else:
                out.append(" ")
            out.append(text)
            blanks = 0
        body = "".join(out)
    else:
        body = "\n".join(content)
    if chomp == "-":
        value = body
    elif chomp == "+":
        value = body + "\n" + "\n" * trailing
        last = j - 1 if trailing else last
    else:
        value = body + "\n"
    return value, last
