"""Tests of argmap.loading._fastyaml: the fast scanner agrees with the reference composer, or
hands over.

The property: whenever ``_fastyaml.scan(text)`` returns, its ``(data, spans)``
equal what ``source._Composer`` makes of the same text (key order included);
whenever the composer refuses a text, the scanner raises ``Unsupported``.
Documents are generated in the block-style subset maps are written in, then
mutated line by line so that the edges of the subset are explored too.
"""

from __future__ import annotations

import functools
import inspect
import tracemalloc
from array import array
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.errors import LoadError
from argmap.loading import _fastyaml, source

from .helpers import all_spans, fast_document, scan_both

SETTINGS = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Keys the subset reads; the second list goes beyond it.
KEYS = ["id", "text", "kind", "to", "no", "on", "yes", "off", "y", "n", "true", "null",
        "a.b", "x-y", "_k", "1", "0755", "k2", "nodes"]
WILD_KEYS = ["-k", "a b", "a#b", "'q'", '"q"', "? k", "k :"]
#: Scalars the subset reads (YAML 1.1 would make most of them booleans, numbers or dates).
SAFE = ["no", "on", "yes", "off", "1:20", "1.10", "0755", "~", "null", "Null", "NULL", "1e3",
        ".inf", "-.inf", ".nan", "2024-01-02", "2001-12-14t21:59:43.10-05:00", "0x1F", "+1",
        "true", "False", "=", "<<", "a b", "a:b", "a#b", "-x", "?x", ":x", "word", "two words",
        "http://example.org/a?b=1#c", "پاکستان اور افغانستان", "مرحبا بالعالم", "د افغانستان",
        "é\u00a0ß", "🙂 ok", "a'b", "a\\b", "a,b"]
#: Scalars at or beyond the edges of the subset.
WILD = ["a: b", "a #b", "x:", "- x", "? x", "%x", "@x", "`x", "!x", "&x", "*x", "|x", ">x",
        "a  b", "[x]", "{x}", "a]b", "-", "?", ":", "#x", "x ", "", 'a"b', "a\tb"]
ALPHABET = " abcXYZ019:#-,'\"[]{}?&*!|>%@`~.\\ابپ\u00a0é\t"


@functools.cache
def _sampled_from(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def _sampled(values: Any) -> st.SearchStrategy[Any]:
    """``st.sampled_from(values)``, built once for each sequence of values: the generators
    below drew from hundreds of thousands of new strategies, and hypothesis checks each
    before its first draw, which cost more than the draws. The same values, drawn the
    same way: the same documents. (The composite strategies below are cached alike, by
    their arguments.)"""
    return _sampled_from(tuple(values))


def pick(draw: st.DrawFn, wild: bool, safe: list[str], extra: list[str]) -> str:
    """One of ``safe``, or (in a wild document) also one of ``extra``."""
    return draw(_sampled(safe + extra if wild else safe))


@functools.cache
@st.composite
def scalar_text(draw: st.DrawFn, wild: bool) -> str:
    """Text of one scalar: a word the subset reads or, in a wild document, anything."""
    if wild and draw(st.integers(0, 2)) == 0:
        return draw(st.one_of(_sampled(WILD), st.text(ALPHABET, max_size=8)))
    return draw(_sampled(SAFE))


#: Escape sequences of double-quoted scalars.
ESCAPES = ["\\n", "\\t", '\\"', "\\\\", "\\x41", "\\xe9", "\\u00e9", "\\u2028", "\\U0001F642",
           "\\/", "\\ ", "\\0", "\\a", "\\b", "\\v", "\\f", "\\r", "\\e", "\\N", "\\_", "\\L",
           "\\P"]
#: Escapes libyaml refuses (or that end the line).
WILD_ESCAPES = ["\\q", "\\ud800", "\\x4", "\\U00110000", "\\u12G4", "\\'", "\\"]
#: Texts that need quotes: colons, hashes, indicators, runs of spaces, document markers.
QUOTED = ["a: b", "x #y", "#x", "- x", "[a, b]", "{a: b}", "&x", "*x", "!x", "|", ">", "%x",
          "@x", "`x", "  two  spaces  ", "it's", "ends:", "?", ",", "---", "...", '"q"', "\\"]


@functools.cache
@st.composite
def quoted_text(draw: st.DrawFn, wild: bool, double: bool) -> str:
    """The inside of one line of a quoted scalar: words, quoted-only texts and (double
    quotes) escapes; each written as the style wants it, or raw in a wild document."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(_sampled(["safe", "quoted", "escape"] if double else ["safe", "quoted"]))
        if kind == "escape":
            parts.append(pick(draw, wild, ESCAPES, WILD_ESCAPES))
            continue
        text = draw(_sampled(SAFE if kind == "safe" else QUOTED))
        if wild and draw(st.integers(0, 3)) == 0:
            parts.append(text)  # raw: a quote or backslash may end or break the scalar
        elif double:
            parts.append(text.replace("\\", "\\\\").replace('"', '\\"'))
        else:
            parts.append(text.replace("'", "''"))
    return "".join(parts)


@functools.cache
@st.composite
def quoted_lines(draw: st.DrawFn, wild: bool, double: bool) -> list[str]:
    """A quoted scalar on one line or folded over several, as written: the first line
    starts with the quote; the others carry their own indentation (any: libyaml does not
    mind it), with blank lines, trailing spaces and escaped line breaks between."""
    q = '"' if double else "'"
    lines = [q + draw(quoted_text(wild, double))]
    for _ in range(draw(st.integers(0, 2))):
        lines[-1] += draw(_sampled(["", "", " ", "  "]))
        if double and draw(st.integers(0, 3)) == 0:
            lines[-1] += "\\"  # an escaped line break: no space where it joins
        lines.extend(draw(_sampled(["", " ", "   "]))
                     for _ in range(draw(st.integers(0, 2))))
        pad = " " * draw(st.integers(0, 6))
        lines.append(pad + draw(_sampled(["", " "])) + draw(quoted_text(wild, double)))
    lines[-1] += q
    return lines


@functools.cache
@st.composite
def scalar(draw: st.DrawFn, wild: bool) -> str:
    """One scalar on one line: plain, single- or double-quoted (escapes included), or null."""
    s = draw(scalar_text(wild))
    style = pick(draw, wild, ["plain", "plain", "plain", "single", "double", "null", "quoted"],
                 ["double-raw", "double-escaped", "tagged", "tab"])
    if style == "tagged":  # YAML the scanner leaves to the composer, which accepts it
        return draw(_sampled(["!!str ", "! "])) + draw(scalar(wild=False))
    if style == "tab":
        return draw(_sampled(['"a\tb"', "'\t'", '"\t x"']))
    if style == "single":
        return "'" + s.replace("'", "''") + "'"
    if style == "double":
        return '"' + s.replace('"', "'") + '"'
    if style == "quoted":
        double = draw(st.booleans())
        q = '"' if double else "'"
        return q + draw(quoted_text(wild, double)) + q
    if style == "double-raw":
        return '"' + s + '"'
    if style == "double-escaped":
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "null":
        return draw(_sampled(["~", "null", ""]))
    return s


@functools.cache
@st.composite
def plain_lines(draw: st.DrawFn, wild: bool, indent: int) -> list[str]:
    """A plain scalar going on over more lines indented past ``indent`` (its collection's
    column), with blank lines between; in a wild document, lines that end or break it."""
    lines = [draw(_sampled(SAFE))]
    more = [*SAFE, "- x", "[x]", "&x", "!x", "'q'", '"q"', "|", ">", "? x", "a  b", "x # c"]
    for _ in range(draw(st.integers(1, 3))):
        lines.extend(draw(_sampled(["", "  "])) for _ in range(draw(st.integers(0, 2))))
        pad = indent + draw(st.integers(1, 3)) if not wild else draw(st.integers(0, indent + 3))
        text = pick(draw, wild, more, ["#x", "a: b", "x:", "---"])
        lines.append(" " * pad + text + draw(_sampled(["", "", "  "])))
    return lines


@functools.cache
@st.composite
def comment(draw: st.DrawFn, wild: bool) -> str:
    """Nothing, or a comment after a value."""
    return pick(draw, wild, ["", "", "", " # note", "  #x", " #", " # a: b"], ["#x", "\t# t"])


@functools.cache
@st.composite
def flow_item(draw: st.DrawFn, wild: bool, depth: int) -> str:
    """An entry of a flow collection: a scalar (quoted ones included) or a nested one."""
    kind = draw(_sampled(["plain", "plain", "quoted", "nested"] if depth < 2
                                else ["plain", "plain", "quoted"]))
    if kind == "nested":
        return draw(flow(wild, depth + 1))
    if kind == "quoted":
        double = draw(st.booleans())
        q = '"' if double else "'"
        return q + draw(quoted_text(wild, double)) + q
    return draw(scalar(wild)) if wild else draw(_sampled(
        [w for w in SAFE if "," not in w and "#" not in w]))


@functools.cache
@st.composite
def flow(draw: st.DrawFn, wild: bool, depth: int = 0) -> str:
    """A one-line flow sequence ``[a, 'b', "c"]`` or mapping ``{to: a, id: "r"}``."""
    is_map = draw(st.integers(0, 2)) == 0
    if is_map:
        keys = draw(st.lists(_sampled(KEYS + WILD_KEYS if wild else KEYS), max_size=3,
                             unique=not wild))
        colon = pick(draw, wild, [": ", ":  "], [":", " : "])
        items = [k + colon + draw(flow_item(wild, depth)) for k in keys]
    else:
        items = draw(st.lists(flow_item(wild, depth), max_size=4))
    sep = pick(draw, wild, [", ", ",", " , ", ",  "], [" ,", ",,"])
    trailing = pick(draw, wild, ["", "", ",", ", "], [",,"])
    inner = sep.join(items) + (trailing if items else "")
    pad = draw(_sampled(["", "", " "]))
    return ("{" if is_map else "[") + pad + inner + pad + ("}" if is_map else "]")


@functools.cache
@st.composite
def block_scalar(draw: st.DrawFn, wild: bool, indent: int) -> tuple[str, list[str]]:
    """A literal or folded block scalar: its header and its body lines."""
    step = draw(st.integers(1, 3))
    style = draw(_sampled("|>"))
    chomp = draw(_sampled(["", "-", "+"]))
    indicator = str(step) if draw(st.booleans()) else ""
    header = pick(draw, wild, [style + chomp + indicator, style + indicator + chomp],
                  ["|0", ">-\t", "|+1", "|x", "|10", ">" + str(step + 1)])
    header += pick(draw, wild, ["", "", " # c", " "], ["#c"])
    body: list[str] = [""] * draw(st.integers(0, 1))
    if not wild:
        body.append(" " * (indent + step) + draw(scalar_text(wild)))
    for _ in range(draw(st.integers(0, 4))):
        # Lines may be indented more than the first one, not before it (unless wild).
        started = any(line.strip() for line in body)
        more = ["more", "spaces"] if wild or started else []
        kind = pick(draw, wild, ["text", "text", "text", "blank", *more], ["spaces", "less"])
        if kind == "blank":
            body.append("")
        elif kind == "spaces":
            body.append(" " * draw(st.integers(1, indent + step + 2)))
        else:
            extra = {"text": 0, "more": draw(st.integers(1, 2)), "less": -1}[kind]
            body.append(" " * (indent + step + extra) + draw(scalar_text(wild)))
    body.extend([""] * draw(st.integers(0, 2)))
    return header, body


@functools.cache
@st.composite
def value_lines(draw: st.DrawFn, wild: bool, head: str, indent: int, depth: int,
                indentless_ok: bool) -> list[str]:
    """``head`` (``key:`` or ``-``) followed by a value, inline or on the next lines."""
    choices = ["scalar", "scalar", "scalar", "flow", "block", "empty", "braces", "quoted-lines",
               "plain-lines"]
    if depth < 3:
        choices += ["mapping", "mapping", "sequence", "sequence"]
    choice = draw(_sampled(choices))
    space = pick(draw, wild, [" ", " ", "  "], ["", "\t"])
    if choice == "scalar":
        return [head + space + draw(scalar(wild)) + draw(comment(wild))]
    if choice == "flow":
        text = draw(flow(wild))
        if wild and "," in text and draw(st.booleans()):
            # Over two lines: the composer reads it.
            cut = text.index(",") + 1
            pad = " " * draw(st.integers(0, indent + 3))
            return [head + space + text[:cut], pad + text[cut:] + draw(comment(wild))]
        return [head + space + text + draw(comment(wild))]
    if choice == "braces":
        return [head + space + pick(draw, wild, ["{}", "[]", "{ }", "[ ]"], ["{a: b", "[a,"])]
    if choice == "empty":
        return [head + draw(comment(wild))]
    if choice == "block":
        header, body = draw(block_scalar(wild, indent))
        return [head + space + header, *body]
    if choice == "quoted-lines":
        first, *more = draw(quoted_lines(wild, draw(st.booleans())))
        return [head + space + first, *more[:-1], *(m + draw(comment(wild)) for m in more[-1:])]
    if choice == "plain-lines":
        first, *more = draw(plain_lines(wild, indent))
        return [head + space + first, *more]
    step = draw(st.integers(1, 4))
    if choice == "mapping":
        return [head + draw(comment(wild)), *draw(mapping(wild, indent + step, depth + 1))]
    child = indent if indentless_ok and draw(st.booleans()) else indent + step
    return [head + draw(comment(wild)), *draw(sequence(wild, child, depth + 1))]


@functools.cache
@st.composite
def mapping(draw: st.DrawFn, wild: bool, indent: int, depth: int) -> list[str]:
    """A block mapping at ``indent`` (keys mostly distinct, sometimes repeated)."""
    keys = draw(st.lists(_sampled(KEYS + WILD_KEYS if wild else KEYS),
                         min_size=1, max_size=4, unique=not wild))
    lines: list[str] = []
    for key in keys:
        head = " " * indent + key + ":"
        lines.extend(draw(value_lines(wild, head, indent, depth, indentless_ok=True)))
    return lines


@functools.cache
@st.composite
def sequence(draw: st.DrawFn, wild: bool, indent: int, depth: int) -> list[str]:
    """A block sequence at ``indent``; items may be compact mappings ``- key: value``."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        gap = draw(st.integers(1, 3))
        dash = " " * indent + "-"
        if depth < 3 and draw(st.integers(0, 2)) == 0:
            inner = draw(mapping(wild, indent + 1 + gap, depth + 1))
            lines.append(dash + " " * gap + inner[0].lstrip(" "))
            lines.extend(inner[1:])
        else:
            lines.extend(draw(value_lines(wild, dash, indent, depth, indentless_ok=False)))
    return lines


@functools.cache
@st.composite
def documents(draw: st.DrawFn, wild: bool | None = None) -> str:
    """A document of the block subset (or, when wild, around it), with comments and blanks."""
    if wild is None:
        wild = draw(st.integers(0, 2)) == 0
    # Maps are mappings: the scanner hands every other root over, so only wild ones get one.
    root_sequence = wild and draw(st.integers(0, 3)) == 0
    lines = draw(sequence(wild, 0, 0)) if root_sequence else draw(mapping(wild, 0, 0))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, pick(draw, wild, ["", "# comment", "  # indented comment", "#"],
                              ["   ", "\t", "---", "..."]))
    if wild and draw(st.integers(0, 4)) == 0:
        lines.insert(0, draw(_sampled(["---", "%YAML 1.1\n---", "# top", "--- # c"])))
    end = pick(draw, wild, ["\n", "\n\n"], ["", "\n...\n", "\n---\n", "\n--- x\n"])
    return "\n".join(lines) + end


SNIPPETS = [": ", ":", "- ", "-", "#", " #", "'", '"', "\t", "|", ">", "[", "]", "{", "}", ",",
            "&a ", "*a", "!!str ", "!x ", "? ", "%", "@", "`", "\\", " ", "  ", "\r", "\ufeff",
            "\x85", "\u2028", "\x07", "ا", "---", "..."]


@functools.cache
@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A generated document after one to three random line edits."""
    lines = draw(documents()).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(_sampled(["insert", "insert", "delete-char", "delete-line",
                                   "duplicate", "swap", "indent", "dedent", "join"]))
        line = lines[i]
        if op == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(_sampled(SNIPPETS)) + line[at:]
        elif op == "delete-char" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:at] + line[at + 1:]
        elif op == "delete-line" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + line
        elif op == "dedent":
            lines[i] = line[draw(st.integers(1, 3)):] if line.startswith(" ") else line
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [line + " " + lines[i + 1].lstrip(" ")]
    return "\n".join(lines)


def ordered(value: Any) -> Any:
    """``value`` with every mapping as a list of pairs, so that key order is compared too."""
    if isinstance(value, dict):
        return ("map", [(k, ordered(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [ordered(v) for v in value])
    return value


def assert_agrees(text: str) -> None:
    """The fast scanner returns the reference result, or hands over; never something else."""
    try:
        expected: Any = source._Composer(text, "x").compose()
    except LoadError:
        expected = None
    try:
        actual = _fastyaml.scan(text)
    except _fastyaml.Unsupported:
        event("handed over")
        return
    event("fast path")
    assert expected is not None, f"the composer refuses this text, the scanner returned {actual}"
    (fast_data, fast_spans), (ref_data, ref_spans) = scan_both(text)
    assert (ordered(ref_data), ref_spans) == (ordered(fast_data), fast_spans)


@SETTINGS
@given(documents())
def test_generated_documents_agree(text: str) -> None:
    """On generated block-style documents the scanner gives the composer's data and spans."""
    assert_agrees(text)


@SETTINGS
@given(mutated())
def test_mutated_documents_agree(text: str) -> None:
    """On randomly edited documents the scanner agrees or hands over, never lies."""
    assert_agrees(text)


@SETTINGS
@given(documents(), st.randoms(use_true_random=False))
def test_spans_asked_first_agree(text: str, rnd: Any) -> None:
    """Each span asked first, with nothing found before it, is the composer's.

    A finding on a relation asks for ``("nodes", i, "attacks", j)`` straight away:
    the short cut through the node's line (``Document._node_key``) must give what
    the walk from the top gives, whatever was or was not found before.
    """
    try:
        found = _fastyaml.scan(text, byte_ends=True)
        expected = all_spans(source.Document("x", text, *source._Composer(text, "x").compose()))
    except (_fastyaml.Unsupported, LoadError):
        return
    paths = list(expected)
    rnd.shuffle(paths)
    actual = {}
    for path in paths:
        document = fast_document(text, found, dict(found.spans))
        actual[path] = document.span(path)
    assert expected == actual


@SETTINGS
@given(documents())
def test_item_keys_agree(text: str) -> None:
    """``Document.item_key``, the short cut that locates every finding on a node (its id
    read from the node's line), gives the composer's span of each key of each item of a
    top-level sequence, asked first."""
    try:
        found = _fastyaml.scan(text, byte_ends=True)
        expected = all_spans(source.Document("x", text, *source._Composer(text, "x").compose()))
    except (_fastyaml.Unsupported, LoadError):
        return
    keys = [path for path in expected if len(path) == 3 and isinstance(path[0], str)
            and type(path[1]) is int and isinstance(path[2], str)]
    event(f"item keys: {min(len(keys), 3)}")
    actual = {path: fast_document(text, found, dict(found.spans)).item_key(*path)
              for path in keys}
    assert {path: expected[path] for path in keys} == actual


@SETTINGS
@given(documents())
def test_nested_items_agree(text: str) -> None:
    """``Document._nested_item``, the short cut that locates every finding on a relation
    (the item's line as the scanner recorded it), gives the composer's span of each item
    of each list under a key of an item of a top-level sequence, asked first, or hands
    over (None)."""
    try:
        found = _fastyaml.scan(text, byte_ends=True)
        expected = all_spans(source.Document("x", text, *source._Composer(text, "x").compose()))
    except (_fastyaml.Unsupported, LoadError):
        return
    assert found.nested is not None
    paths = [path for path in expected if len(path) == 4 and path[0] in found.items
             and type(path[1]) is int and isinstance(path[2], str) and type(path[3]) is int]
    document = fast_document(text, found, dict(found.spans))
    shortcut = {path: span for path in paths
                if (span := document._nested_item(path, found.nested)) is not None}
    event(f"items found by the short cut: {min(len(shortcut), 3)}")
    assert {path: expected[path] for path in shortcut} == shortcut


def test_item_key_reads_the_dash_line_and_hands_over_the_rest() -> None:
    """The short cut reads `- id: x` (after a quote, before a comment); an id on a later
    line, an empty one, a node read by the composer or a path that is not there get what
    the general search gives."""
    text = ("nodes:\n  - id:   'q'  # c\n    kind: claim\n  - kind: claim\n    id: b\n"
            "  - id:\n  - id: !!str t\n  -   id: c\n")
    document = source.parse(text, "m.yaml")
    assert document.inline_spans, "the fast scanner reads it"
    reference = source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())
    paths = [("nodes", i, key) for i in range(5) for key in ("id", "kind", "x")]
    paths += [("nodes", 5, "id"), ("nodes", -1, "id"), ("title", 0, "id")]
    assert [reference.span(p) for p in paths] == [document.item_key(*p) for p in paths]
    assert (2, 5, 2, 11) == document.item_key("nodes", 0, "id")


LINE_ALPHABET = ALPHABET + "\u2028\x85\ufeff\x7f"


@SETTINGS
@given(st.text(LINE_ALPHABET, max_size=12), st.sampled_from(["k: ", "- ", "k: [", "- k: "]))
def test_one_line_values_agree(value: str, head: str) -> None:
    """Any characters after ``key:``, ``-`` or ``[``: the scanner agrees or hands over."""
    assert_agrees("a: b\n" + head + value + "\n" if head.startswith("k") else head + value + "\n")


@SETTINGS
@given(
    st.sampled_from(["|", "|-", "|+", ">", ">-", ">+", "|1", ">2-", "|-1"]),
    st.lists(st.tuples(st.integers(0, 5), st.text(" ab#:-\u00a0ا", max_size=5)), max_size=5),
    st.sampled_from(["", "\n", "next: x\n", " next: x\n", "- x\n"]),
)
def test_block_scalars_agree(header: str, body: list[tuple[int, str]], after: str) -> None:
    """Literal and folded scalars with any indentation, blank lines and chomping agree."""
    lines = [" " * indent + text for indent, text in body]
    assert_agrees("k: " + header + "\n" + "".join(line + "\n" for line in lines) + after)


def test_generator_mostly_reaches_the_fast_path() -> None:
    """Guard against a vacuous property: many generated documents take the fast path."""
    outcomes: list[bool] = []

    @settings(max_examples=100, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(documents(wild=False))
    def sample(text: str) -> None:
        try:
            _fastyaml.scan(text)
        except _fastyaml.Unsupported:
            outcomes.append(False)
        else:
            outcomes.append(True)

    sample()
    # Derandomized, so the share is the same on every run (48 of 100 when written).
    assert sum(outcomes) >= len(outcomes) // 3


FLAGSHIP_LIKE = """\
# yaml-language-server: $schema=x
argmap: 1
title: "Pakistan: a map"
question: >-
  Should Pakistan keep relying
  on coercion?

tags: [a, b c, 1:20, no]
nodes:
  # a comment line
  - id: n1
    kind: claim
    text: پاکستان اور افغانستان
    quote: |
      line one
        indented

      after blank
    supports:
      - to: n2
        strength: 0.8
  - id: n2
    kind: evidence
    text: 'it''s 1:20, 0755'
    confidence: 1.10
    note:
"""


def test_flagship_like_document_takes_the_fast_path() -> None:
    """A typical hand-written map is handled by the scanner itself, identically."""
    (fast_data, fast_spans), (ref_data, ref_spans) = scan_both(FLAGSHIP_LIKE)
    assert (ordered(ref_data), ref_spans) == (ordered(fast_data), fast_spans)


def test_flagship_map_takes_the_fast_path(flagship: Any) -> None:
    """The flagship map is read by the scanner, with the composer's data and spans."""
    text = flagship.read_text(encoding="utf-8")
    (fast_data, fast_spans), (ref_data, ref_spans) = scan_both(text)
    assert (ordered(ref_data), ref_spans) == (ordered(fast_data), fast_spans)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",
        "a: *x\n",
        "a: !!str 1\n",
        "a: [b,\n  c]\n",
        "a: {b: c,\n  d: e}\n",
        "a: [[[[[x]]]]]\n",
        '"a": b\n',
        "a: \"\\q\"\n",
        "a: \"\\ud800\"\n",
        "a: \"\\x4\"\n",
        "a: 'x\n--- y'\n",
        "a: 'x\n",
        "a: b\n  c: d\n",
        "a: |\n",
        "a:\tb\n",
        "a: b\r\n",
        "\ufeffa: b\n",
        "a: 1\na: 2\n",
        "? a\n: b\n",
        "a: b\n---\nc: d\n",
        "",
        "# only a comment\n",
        "  a: b\n",
        "- - a\n",
        "a: [?x]\n",
        "a: [b, :x]\n",
        "a: [x:?]\n",
        "a: {b: c, b: d}\n",
        "a: {b: }\n",
        "a: b\u2028c\n",
        "a: b\u2029\n",
        "".join(" " * i + "a:\n" for i in range(source.MAX_DEPTH)),
        "a:b: c\n",
        "a: b\nk:#c\n",
    ],
    ids=["anchor", "alias", "tag", "multi-line-flow", "multi-line-flow-mapping",
         "deep-flow", "quoted-key", "unknown-escape", "surrogate-escape", "short-escape",
         "document-marker-in-quotes", "unclosed-quote", "key-in-plain-continuation",
         "empty-block-scalar", "tab", "crlf", "bom", "duplicate-key", "complex-key",
         "two-documents", "empty", "comment-only", "indented-root", "compact-nested-sequence",
         "flow-question-mark", "flow-colon", "flow-colon-question", "flow-duplicate-key",
         "flow-empty-value", "line-separator", "paragraph-separator", "deeper-than-the-limit",
         "colon-in-key", "comment-after-colon"],
)
def test_outside_the_subset_hands_over(text: str) -> None:
    """Constructs outside the subset raise Unsupported instead of being guessed at."""
    with pytest.raises(_fastyaml.Unsupported):
        _fastyaml.scan(text)


def test_deep_indented_nesting_hands_over_to_the_depth_limit() -> None:
    """Nesting deeper than the loader's limit is left to the composer, which refuses it."""
    text = "".join(" " * i + "a:\n" for i in range(source.MAX_DEPTH + 5))
    with pytest.raises(_fastyaml.Unsupported):
        _fastyaml.scan(text)
    with pytest.raises(LoadError) as info:
        source.parse(text, "deep.yaml")
    assert [p.code for p in info.value.problems] == ["too-deep"]


def test_nesting_within_the_limit_stays_fast() -> None:
    """A map's usual nesting (a handful of levels) is not handed over."""
    text = "".join(" " * i + "a:\n" for i in range(10))
    data = _fastyaml.scan(text).data
    for _ in range(9):
        data = data["a"]
    assert data == {"a": None}


def test_keys_and_short_values_are_shared_between_nodes() -> None:
    """Every mapping holds the one string of each key, and short values (kinds, targets,
    strengths, tags) are shared: a large map would otherwise keep a copy per line."""
    node = ("  - id: n{i}\n    kind: claim\n    source: 'rep'\n    tags: [a, b]\n"
            "    supports:\n      - {{to: n0, strength: 0.5}}\n    text: {long}\n")
    long = "a text longer than sixteen characters"
    text = "nodes:\n" + "".join(node.format(i=i, long=long) for i in range(2))
    first, second = _fastyaml.scan(text).data["nodes"]
    pairs = [(a, b) for a, b in zip(first, second, strict=True)]
    assert all(a is b for a, b in pairs), "keys shared"
    assert first["kind"] is second["kind"]
    assert first["source"] is second["source"]
    assert first["tags"][1] is second["tags"][1]
    relations = first["supports"][0], second["supports"][0]
    assert relations[0]["to"] is relations[1]["to"]
    assert next(iter(relations[0])) is next(iter(relations[1]))
    assert first["text"] == second["text"] == long


#: Lines that come back in other places: as a key of a mapping, an item of a sequence (a
#: top-level one, a node's own), after a key whose value follows, deeper or shallower.
RECURRING = ["kind: claim", "- trade", "supports:", "x: 'q'", "- 'q'", "note: a  # c",
             "- a  # c", "text: plain", "tags:", "- ~", "k: ~"]


@functools.cache
@st.composite
def recurring(draw: st.DrawFn) -> str:
    """A document of a few lines, each written at several indentations, so that a line
    read before comes back where it means something else, or nothing the scanner reads."""
    lines = ["nodes:"]
    for _ in range(draw(st.integers(2, 12))):
        line = draw(st.sampled_from([*RECURRING, "- id: n", "  more words"]))
        lines.append(" " * draw(st.sampled_from([0, 2, 4, 6])) + line)
    return "\n".join(lines) + "\n"


@SETTINGS
@given(recurring(), st.sampled_from([0, 1, 3, 1 << 14]))
def test_lines_read_before_agree(text: str, remembered: int) -> None:
    """A line read before, and remembered, gives what reading it gives in its new place
    (or is handed over), whatever the number of lines remembered."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_fastyaml, "_KNOWN_LINES", remembered)
        assert_agrees(text)


def test_a_line_read_before_repeats_no_key() -> None:
    """A key written twice in one mapping is handed over (the composer reports it), on
    the line remembered as on any other."""
    with pytest.raises(_fastyaml.Unsupported):
        _fastyaml.scan("nodes:\n  - id: a\n    kind: claim\n  - id: b\n    kind: claim\n"
                       "    kind: claim\n")


@pytest.mark.parametrize("remembered", [0, 2])
def test_past_the_bound_lines_are_read_anew(remembered: int) -> None:
    """Past the number of lines remembered, and for a line longer than those remembered,
    each line is read as it would be the first time."""
    node = "  - id: n{i}\n    kind: claim\n    note: {long}\n    tags:\n      - trade\n"
    long = "x" * (_fastyaml._KNOWN_LINE + 1)
    text = "nodes:\n" + "".join(node.format(i=i, long=long) for i in range(5))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_fastyaml, "_KNOWN_LINES", remembered)
        bounded = _fastyaml.scan(text)
    assert _fastyaml.scan(text).data == bounded.data
    assert [{"id": f"n{i}", "kind": "claim", "note": long, "tags": ["trade"]}
            for i in range(5)] == bounded.data["nodes"]


def test_lines_remembered_are_bounded() -> None:
    """The lines remembered take bounded memory: after 20,000 different short lines of a
    shape that is remembered, what the scan allocated to remember lines (on the lines of
    _fastyaml that do) is small with a bound of 100, and large without one."""
    text = "nodes:\n" + "".join(f"  - v{i}\n" for i in range(20_000)) + "  - |\n    z\n"
    real = _fastyaml.read_value
    remembering = {n for n, line in enumerate(inspect.getsource(_fastyaml).splitlines(), 1)
                   if "remember(line" in line}

    def held(remembered: int) -> int:
        sizes = []

        def spy(*args: Any) -> Any:
            # (When the last line is read, every other line is remembered or not.)
            snapshot = tracemalloc.take_snapshot()
            sizes.append(sum(stat.size for stat in snapshot.statistics("lineno")
                             if stat.traceback[0].filename == _fastyaml.__file__
                             and stat.traceback[0].lineno in remembering))
            return real(*args)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_fastyaml, "_KNOWN_LINES", remembered)
            patch.setattr(_fastyaml, "read_value", spy)
            tracemalloc.start()
            try:
                _fastyaml.scan(text)
            finally:
                tracemalloc.stop()
        return sizes[0]

    assert 5 == len(remembering), "the lines that remember are found"
    bounded, unbounded = held(100), held(1 << 20)
    assert bounded < 50_000, "a hundred short lines and their values"
    assert unbounded > 1_000_000, "20,000 of them"


@given(st.lists(st.integers(-(2**31), 2**31 - 1), max_size=40), st.integers(1, 5))
def test_ints_packs_what_an_array_holds(values: list[int], chunk: int) -> None:
    """``_ints`` (the line ends and recorded lines, packed a chunk at a time) gives the
    array ``array("i", values)`` gives, across chunk boundaries."""
    original = _fastyaml._PACK_AT_ONCE
    _fastyaml._PACK_AT_ONCE = chunk
    try:
        assert array("i", values) == _fastyaml._ints(iter(values))
    finally:
        _fastyaml._PACK_AT_ONCE = original
