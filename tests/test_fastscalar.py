"""Tests of argmap.loading._fastscalar: each scalar style and flow collection reads as libyaml
reads it.

The property tests of test_fastyaml.py generate these constructs at random; the
cases here name the rules one by one (each compared with the reference composer).
"""

from __future__ import annotations

from typing import Any

import pytest

from argmap.loading import _fastscalar, _fastyaml, source


def both(text: str) -> tuple[Any, Any]:
    """The data of ``text`` from the fast scanner (alone) and from the composer."""
    return _fastyaml.scan(text).data, source._Composer(text, "x").compose()[0]


ESCAPES = {"\\n": "\n", "\\t": "\t", '\\"': '"', "\\\\": "\\", "\\x41": "A", "\\xe9": "é",
           "\\u00e9": "é", "\\U0001F642": "🙂", "\\/": "/", "\\ ": " ", "\\0": "\0",
           "\\a": "\a", "\\b": "\b", "\\v": "\v", "\\f": "\f", "\\r": "\r", "\\e": "\x1b",
           "\\N": "\x85", "\\_": "\xa0", "\\L": "\u2028", "\\P": "\u2029"}


@pytest.mark.parametrize(("written", "expected"), ESCAPES.items(), ids=list(ESCAPES))
def test_every_double_quoted_escape(written: str, expected: str) -> None:
    """Each escape sequence of YAML 1.1 decodes to its character, as in libyaml."""
    text = f'a: "x{written}y"\n'
    assert ({"a": f"x{expected}y"}, {"a": f"x{expected}y"}) == both(text)


@pytest.mark.parametrize("written", ["\\q", "\\ud800", "\\x4", "\\U00110000", "\\u12G4"])
def test_escapes_libyaml_refuses_are_handed_over(written: str) -> None:
    """An escape libyaml refuses is not guessed at: the composer reports it."""
    with pytest.raises(_fastscalar.Unsupported):
        _fastyaml.scan(f'a: "{written}"\n')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: "one\n  two"\n', "one two"),
        ('a: "one   \n\n     two"\n', "one\ntwo"),
        ('a: "one \\\n  two"\n', "one two"),
        ('a: "one\\\n\n  two"\n', "one\ntwo"),
        ('a: "one\n#two"\n', "one #two"),
        ("a: 'it''s\n  on: two # lines'\n", "it's on: two # lines"),
        ('a: "x\n"\n', "x "),
    ],
    ids=["folded", "blank-line", "escaped-break-after-space", "escaped-break-blank-line",
         "hash-at-margin", "single-quoted", "closing-quote-alone"],
)
def test_quoted_scalars_fold_over_lines(text: str, expected: str) -> None:
    """A quoted scalar over several lines folds them as libyaml does."""
    assert ({"a": expected}, {"a": expected}) == both(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: |2-\n    x\n   y\n", "  x\n y"),
        ("a: |-2\n    x\n", "  x"),
        ("a: >+\n  one\n  two\n\n", "one two\n\n"),
        ("a: >\n  a\n   b\n  c\n\n  d\n", "a\n b\nc\nd\n"),
        ("a: |\n  x\n     \n    y\n   \nb: 1\n", "x\n   \n  y\n \n"),
        ("a: |\n  t", "t"),
        ("b:\n  a: |1\n    x\n", None),
    ],
    ids=["indicator-then-chomp", "chomp-then-indicator", "keep", "more-indented-folded",
         "lines-of-spaces", "no-final-newline", "indicator-in-nested-mapping"],
)
def test_block_scalars(text: str, expected: str | None) -> None:
    """Block scalars with indicators, kept and stripped endings, lines of spaces."""
    fast, ref = both(text)
    assert ref == fast
    if expected is not None:
        assert expected == fast["a"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: one\n  two\n\n  three\n", "one two\nthree"),
        ("- one\n  - two\n", None),
        ("a: ~\n  more\n", "~ more"),
        ("a: one\n  two # c\n", "one two"),
        ("a:\n  b: one\n   two\n", None),
    ],
    ids=["folded", "dash-inside", "null-word-goes-on", "comment-ends", "nested"],
)
def test_plain_scalars_over_several_lines(text: str, expected: str | None) -> None:
    """A plain scalar goes on over lines indented past its collection's column."""
    if text.startswith("-"):
        # A top-level list is handed over (maps are mappings): compare the reader alone.
        assert ("one - two", 1) == _fastscalar.plain_more("one", text.split("\n"), 1, 0, 2)
        return
    fast, ref = both(text)
    assert ref == fast
    if expected is not None:
        assert expected == fast["a"]


def test_flow_collections_with_quotes_and_mappings() -> None:
    """Flow lists with quoted items (commas inside) and flow mappings, nested."""
    text = ("a: [x, \"y, z\", 'it''s', [1, 2]]\n"
            "b: {to: n1, id: r1, strength: 0.8}\n"
            "c: [{to: a}, {to: b, note: \"x: y\"}]\n")
    fast, ref = both(text)
    assert ref == fast
    assert ["x", "y, z", "it's", ["1", "2"]] == fast["a"]


def test_flow_columns_give_each_entry_its_place() -> None:
    """Keys and values of a flow mapping and items of a flow list, by column."""
    line = "a: [x, \"y, z\", {k: v}]"
    assert {0: (4, 4), 1: (7, 7), 2: (15, 15)} == _fastscalar.flow_columns(line, 3)
    assert {"k": (16, 19)} == _fastscalar.flow_columns(line, 15)


def test_flow_nesting_is_bounded() -> None:
    """Flow collections nested deeper than a few levels are left to the composer."""
    assert _fastscalar.flow("[[[[a]]]]", 0)[0] == [[[["a"]]]]
    with pytest.raises(_fastscalar.Unsupported):
        _fastscalar.flow("[[[[[a]]]]]", 0)


def test_sentinel_lines_stop_every_reader() -> None:
    """A line standing for awkward characters is never read as text."""
    lines = ['a: "x', _fastscalar.SENTINEL, 'y"', ""]
    with pytest.raises(_fastscalar.Unsupported):
        _fastscalar.quoted(lines[0], 3, lines, 0, 3)
    assert ("x", 0) == _fastscalar.plain_more("x", ["a: x", _fastscalar.SENTINEL, ""], 1, 0, 2)
