"""Untrusted JSON -> data, with ``path:line:col`` for any value on demand.

``json.loads`` (C speed) reads the data; the position of a value is found only
when a message needs it, by a second scan that maps key paths to offsets.
Refused with a located error: syntax errors, duplicate keys, ``NaN`` and
``Infinity``, integers of more than :data:`MAX_DIGITS` digits, nesting too deep
for the parser, files over :data:`argmap.loading.source.MAX_BYTES`.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path
from typing import Any

from argmap import safeio
from argmap.errors import LoadError, Location, Problem
from argmap.errors import shown as quoted
from argmap.loading import source

__all__ = ["MAX_DIGITS", "JsonDocument", "parse_json", "read_json", "shown"]

#: Longest integer read. Python refuses to convert more than 4,300 digits (with a
#: message about its own settings), and no field of any format needs a tenth of this.
MAX_DIGITS = 1000

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_DEPTH = re.compile(r"[\[{]")


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


class _BadNumber(Exception):
    def __init__(self, code: str, message: str, hint: str, digits: int = 0) -> None:
        self.code = code
        self.message = message
        self.hint = hint
        self.digits = digits


def _constant(name: str) -> Any:
    raise _BadNumber("json-syntax", f"{name} is not a JSON number", "write a number, or null")


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _BadNumber("json-number", f"number too long ({digits:,} digits)",
                         f"argmap reads whole numbers of at most {MAX_DIGITS:,} digits", digits)
    return int(text)


def shown(value: Any, limit: int = 60) -> str:
    """A JSON value for a message, as JSON (``true``, ``null``), cut at ``limit`` characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class JsonDocument:
    """Parsed JSON and where each of its values is in the text."""

    def __init__(self, path: str, text: str, data: Any) -> None:
        self.path = path
        self.text = text
        self.data = data
        self._spans: dict[tuple[Any, ...], int] | None = None
        self._lines: list[int] | None = None

    def where(self, keypath: tuple[Any, ...]) -> Location:
        """Location of the value at ``keypath`` (or of its nearest existing parent)."""
        if self._spans is None:
            self._spans, _ = _positions(self.text)
        path = tuple(keypath)
        while path and path not in self._spans:
            path = path[:-1]
        return self.at(self._spans.get(path, 0))

    def at(self, offset: int) -> Location:
        """Location of a character offset."""
        if self._lines is None:
            self._lines = [0, *(m.end() for m in re.finditer("\n", self.text))]
        k = bisect.bisect_right(self._lines, offset) - 1
        return Location(self.path, k + 1, offset - self._lines[k] + 1)


def read_json(path: str | Path, display: str | None = None) -> JsonDocument:
    """Read and parse a JSON file (size-capped, UTF-8 or UTF-16 with BOM)."""
    name = display if display is not None else str(path)
    return parse_json(source.read(path, display=name), name)


def parse_json(text: str, path: str = "<string>") -> JsonDocument:
    """Parse JSON text; raise :class:`LoadError` with a location on any problem."""
    if len(text) > source.MAX_BYTES:
        raise LoadError([Problem(Location(path), "file-too-large",
                                 f"text of {len(text):,} characters is over "
                                 f"{safeio.mib(source.MAX_BYTES)}")])
    doc = JsonDocument(path, text, None)
    try:
        doc.data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                              parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise LoadError([Problem(Location(path, exc.lineno, exc.colno), "json-syntax",
                                 f"JSON syntax: {exc.msg}")]) from None
    except _Duplicate as exc:
        _, duplicates = _positions(text)
        where = doc.at(duplicates[0]) if duplicates else Location(path)
        raise LoadError([Problem(where, "duplicate-key", f"duplicate key {quoted(exc.key)}",
                                 hint="keep one of them")]) from None
    except _BadNumber as exc:
        raise LoadError([Problem(doc.at(_number_at(text, exc.digits)), exc.code,
                                 exc.message, hint=exc.hint)]) from None
    except RecursionError:
        _, deep_at = _max_depth(text)
        raise LoadError([Problem(doc.at(deep_at), "too-deep",
                                 f"nesting deeper than {source.MAX_DEPTH} levels")]) from None
    return doc


def _number_at(text: str, digits: int) -> int:
    """Offset of the first number outside strings with ``digits`` digits (or, for 0,
    the first NaN or Infinity)."""
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0] == '"':
            continue
        if (digits and len(tok.lstrip("-")) == digits and tok.lstrip("-").isdigit()) or \
                (not digits and tok.lstrip("-") in ("NaN", "Infinity")):
            return m.start()
    return 0


def _max_depth(text: str) -> tuple[int, int]:
    """Deepest nesting of ``[``/``{`` outside strings, and where it is first reached."""
    depth = best = at = 0
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            if depth > best:
                best, at = depth, m.start()
                if best > source.MAX_DEPTH:
                    break
        elif tok in "]}":
            depth -= 1
    return best, at


def _positions(text: str) -> tuple[dict[tuple[Any, ...], int], list[int]]:
    """Offsets of every value by key path, and of keys that repeat in their object."""
    spans: dict[tuple[Any, ...], int] = {}
    duplicates: list[int] = []
    # Frames: [is_object, keypath, next key or index, expecting ("key", ":", "value")]
    stack: list[list[Any]] = []
    keys: list[set[str]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        top = stack[-1] if stack else None
        if top is not None and top[0] and top[3] == "key":
            if tok == "}":
                stack.pop()
                keys.pop()
            elif tok[0] == '"':
                # Most keys hold no escape: slicing is ~10x faster than json.loads.
                top[2] = tok[1:-1] if "\\" not in tok else json.loads(tok)
                if top[2] in keys[-1]:
                    duplicates.append(m.start())
                keys[-1].add(top[2])
                top[3] = ":"
            continue
        if top is not None and top[3] == ":":
            top[3] = "value"
            continue
        if tok == ",":
            continue
        if tok == "]" and top is not None:
            stack.pop()
            keys.pop()
            continue
        if top is None:
            path: tuple[Any, ...] = ()
        elif top[0]:
            path = (*top[1], top[2])
            top[3] = "key"
        else:
            path = (*top[1], top[2])
            top[2] += 1
        spans[path] = m.start()
        if tok == "{":
            stack.append([True, path, None, "key"])
            keys.append(set())
        elif tok == "[":
            stack.append([False, path, 0, "value"])
            keys.append(set())
    return spans, duplicates
