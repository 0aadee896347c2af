"""The reference YAML parser: libyaml events -> data and spans, every error located.

It reads all of YAML 1.1 through libyaml's event parser (``yaml.CSafeLoader``,
so nothing is ever constructed from a tag), refuses anchors, aliases, tags,
duplicate keys and more than one document, bounds depth and the number of
problems, and composes iteratively so that deep nesting cannot exhaust the
stack. :mod:`argmap.loading.source` uses it whenever the fast scanner hands over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from argmap.errors import LoadError, Location, Problem, shown
from argmap.loading.located import MAX_DEPTH, MAX_PROBLEMS, KeyPath, Span
from argmap.loading.located import position as _position

__all__ = ["Composer"]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STR_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


#: libyaml's words for the syntax errors people make while typing -> argmap's, with the fix.
_SYNTAX = (
    ("mapping values are not allowed",
     "a colon followed by a space inside an unquoted text starts a mapping",
     'put the text in quotes: text: "Critics say: ..."'),
    ("tab character",
     "a tab in the indentation; YAML indents with spaces only",
     "replace the tab with spaces"),
    ("did not find expected '-' indicator",
     "this line is not indented like the items of the list above it",
     "start the items of a list with `- ` at one column, and the keys of an item at the "
     "column after its `- `"),
    ("did not find expected key",
     "this line is not indented like the keys above it",
     "start the keys of a mapping at one column; a text that goes on over several lines "
     "is indented more than its key, or quoted"),
    ("could not find expected ':'",
     "a key without a `:` after it, or a text that goes on at the wrong indentation",
     "write `key: value`; a text that goes on over several lines is indented more than "
     "its key, or quoted"),
    ("while scanning a quoted scalar",
     "a quoted text is not closed",
     "end the text with the quote it starts with (inside '...' write '' for a quote, "
     'inside "..." write \\")'),
    ("while parsing a flow sequence",
     "a list in [brackets] is not closed, or lacks a comma",
     "write a list as [a, b, c], or as `- a` lines below its key"),
    ("while parsing a flow mapping",
     "a mapping in {braces} is not closed, or lacks a comma",
     "write a mapping as {key: value, key: value}, or as `key: value` lines"),
    ("block sequence entries are not allowed",
     "a list item `- ` on the line of a key that already has a value",
     "put the list's `- ` items on the lines below their key (a text that starts with `- ` "
     'is quoted: text: "- ...")'),
    # `text: *Important* point`: `*` starts an alias (and `&` an anchor) in YAML.
    ("while scanning an alias",
     "a text that starts with `*` reads as a YAML alias",
     'put the text in quotes: text: "*Important* ..."'),
    ("while scanning an anchor",
     "a text that starts with `&` reads as a YAML anchor",
     'put the text in quotes: text: "& ..."'),
)

#: argmap's message for each of libyaml's.
_OWN = {words: own for words, own, _ in _SYNTAX}

#: The start of a line up to the end of a quoted text after a key: `  text: "Critics" `.
_QUOTED_THEN_MORE = re.compile(r"\s*(?:- )?[^\s:]+:\s+([\"']).*\1\s*").fullmatch


#: A line that is only an indented key, up to its colon (`      kind`).
_KEY_ALONE = re.compile(r" +([A-Za-z_][A-Za-z0-9_-]{0,40})").fullmatch


def _syntax(message: str, char: str) -> tuple[str, str]:
    """The message and fix hint of a libyaml syntax error; ``char`` is at its mark."""
    if "cannot start any token" in message:
        if char == "\t":
            return _SYNTAX[1][1], _SYNTAX[1][2]
        if char in ("@", "`"):
            return (f"an unquoted text cannot start with {char}",
                    "put the text in quotes")
    for words, own, hint in _SYNTAX:
        if words in message:
            return own, hint
    return message, "check indentation and quoting on this line"


class Composer:
    """The reference parser: libyaml events -> data and spans, every error located."""

    def __init__(self, text: str, path: str, max_depth: int = MAX_DEPTH) -> None:
        self.text = text
        self.path = path
        # Lower for a region of a file whose root is nested in the file (see _fastregion).
        self.max_depth = max_depth
        self.problems: list[Problem] = []
        self.spans: dict[KeyPath, Span] = {}

    def problem(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(_loc(self.path, mark), code, message, hint=hint))
        if len(self.problems) >= MAX_PROBLEMS:
            # No more will be reported: stop, rather than read on through a file that may
            # hold millions of duplicate keys or anchors (tens of seconds of CPU).
            self.problems.append(Problem(self.problems[-1].location, "too-many-problems",
                                         f"stopped after {MAX_PROBLEMS} problems in this file",
                                         hint="fix these and run again to see the rest"))
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
            own, hint = _syntax(message, self._char(mark))
            quote = (self._quoted_then_more(mark)
                     if own == _OWN["did not find expected key"] else None)
            if quote is not None:
                # `text: "Critics" say ...`: the quoted text ended, and words follow it.
                other = "'" if quote == '"' else '"'
                own = "a text that starts with a quote ends at its closing quote; more follows"
                hint = (f"quote the whole text with the other quote mark: "
                        f"text: {other}{quote}Critics{quote} say ...{other}")
            key = (self._key_alone(mark) if own == _OWN["mapping values are not allowed"]
                   else None)
            if key is not None:
                # `      kind: claim` under `  - id: a`: the key, indented more than its
                # neighbours, reads as more of the text above it; quoting would not help.
                own = (f"`{key}:` is indented more than the keys above it, so YAML reads "
                       "it as more of the value above")
                hint = (f"start `{key}:` at the column of the keys above it (a text that "
                        "goes on over several lines and holds `: ` is quoted)")
            opened = exc.context_mark
            if "not closed" in own and opened is not None and mark is not None \
                    and opened.line != mark.line:
                # libyaml notices an unclosed quote or bracket where the text goes on
                # wrongly, often lines later: say where the unclosed one starts. (Errors
                # are always reported from the whole file, so the line is the file's.)
                own += f" (it starts at line {opened.line + 1}, column {opened.column + 1})"
            self.problems.append(Problem(where, "yaml-syntax", f"YAML syntax: {own}",
                                         hint=hint))
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

    def _quoted_then_more(self, mark: Any) -> str | None:
        """The quote mark of a quoted text after a key, when the line of ``mark`` holds
        one and ``mark`` is after it; else ``None``."""
        found = None if mark is None else _QUOTED_THEN_MORE(self._line(mark)[:mark.column])
        return found[1] if found is not None else None

    def _key_alone(self, mark: Any) -> str | None:
        """The key that starts the line of ``mark`` (a colon) with nothing before it but
        spaces, when it looks like a key of the format; else ``None``."""
        found = None if mark is None else _KEY_ALONE(self._line(mark)[:mark.column])
        return found[1] if found is not None else None

    def _char(self, mark: Any) -> str:
        """The character at a mark ('' past the end)."""
        if mark is None:
            return ""
        return self._line(mark)[mark.column:mark.column + 1]

    def _line(self, mark: Any) -> str:
        """The line of a mark ('' past the end)."""
        lines = self.text.split("\n", mark.line + 1)
        return lines[mark.line] if mark.line < len(lines) else ""

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
                    if len(stack) >= self.max_depth:
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
                if len(stack) >= self.max_depth:
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
        if event.tag is not None and event.tag not in _STR_TAGS:
            # Tags are refused on keys as on values: nothing is ever built from one.
            self.problem(mark, "tag", f"YAML tag {shown(event.tag)} is not allowed",
                         hint="remove the tag; argmap reads plain text keys")
            frame[2], frame[3] = _SKIP, mark
            return
        key = event.value
        container: dict[str, Any] = frame[0]
        if key in container:
            first = self.spans.get((*frame[1], key))
            at = f" (first at line {first[0]})" if first else ""
            self.problem(mark, "duplicate-key", f"duplicate key {shown(key)}{at}",
                         hint="keep one of them; YAML would silently keep only the last")
            frame[2], frame[3] = _SKIP, mark
            return
        frame[2], frame[3] = key, mark

    def _refuse_anchor(self, event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            self.problem(event.start_mark, "anchor",
                         "YAML anchors and aliases are not allowed in a map",
                         hint="write the value out again; anchors can expand exponentially "
                         "(a text that starts with `&` or `*` is quoted: text: \"&c ...\")")

    def _node(self, event: Any) -> Any:
        if isinstance(event, yaml.AliasEvent):
            self.problem(event.start_mark, "alias",
                         f"YAML alias *{event.anchor} is not allowed in a map",
                         hint="write the value out again; aliases can expand exponentially "
                         "(a text that starts with `&` or `*` is quoted: text: \"*c* ...\")")
            return None
        self._refuse_anchor(event)
        tag = event.tag
        if isinstance(event, yaml.ScalarEvent):
            if tag is not None and tag not in _STR_TAGS:
                self.problem(event.start_mark, "tag", f"YAML tag {shown(tag)} is not allowed",
                             hint="remove the tag; argmap reads plain text values")
                return None
            plain = event.implicit[0] and not event.style
            if plain and tag is None and event.value in _NULLS:
                return None
            return event.value
        if tag is not None and not getattr(event, "implicit", True):
            self.problem(event.start_mark, "tag", f"YAML tag {shown(tag)} is not allowed",
                         hint="remove the tag")
        if isinstance(event, yaml.MappingStartEvent):
            return {}
        return []


class _Skip:
    """Marker for a key that was rejected: its value is parsed but not stored."""

    def __repr__(self) -> str:
        return "<skip>"


_SKIP: Any = _Skip()
