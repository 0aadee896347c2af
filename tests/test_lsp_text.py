"""argmap.lsp.text: positions between argmap (characters from 1) and the protocol (UTF-16
code units from 0)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.lsp.text import Lines, Span, utf16_len


def test_characters_beyond_the_bmp_count_two_columns() -> None:
    """An emoji takes two UTF-16 columns; an Arabic letter one."""
    lines = Lines("id: \U0001f600x\nاردو: y")
    assert [4, 6, 7] == [lines.to_units(0, c) for c in (4, 5, 6)]
    assert [5, 6] == [lines.from_units(0, u) for u in (6, 7)]
    assert 5 == lines.to_units(1, 5)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
@given(text=st.text())
def test_columns_round_trip(encoding: str, text: str) -> None:
    """Every character column survives the trip to the protocol's columns and back."""
    lines = Lines(text, encoding)
    for i in range(len(lines)):
        line = lines.line(i)
        assert list(range(len(line) + 1)) == [
            lines.from_units(i, lines.to_units(i, c)) for c in range(len(line) + 1)]
        assert utf16_len(line) == len(line.encode("utf-16-le")) // 2
        expected = {"utf-8": len(line.encode()), "utf-16": utf16_len(line),
                    "utf-32": len(line)}[encoding]
        assert expected == lines.to_units(i, len(line))


def test_utf8_and_utf32_columns() -> None:
    """A client may agree on UTF-8 (bytes) or UTF-32 (characters) columns instead."""
    text = "a: اردو \U0001f600x"
    utf8, utf32 = Lines(text, "utf-8"), Lines(text, "utf-32")
    assert [3, 5, 11, 12] == [utf8.to_units(0, c) for c in (3, 4, 7, 8)]
    assert [3, 4, 7, 9] == [utf8.from_units(0, u) for u in (3, 5, 11, 16)]
    assert [0, 8, 9] == [utf32.to_units(0, c) for c in (0, 8, 9)]


def test_lines_break_as_editors_break_them() -> None:
    """LF, CR LF and CR each end a line."""
    assert ["a", "b", "c", ""] == Lines("a\nb\r\nc\r").lines


def test_a_token_is_the_scalar_written_there() -> None:
    """Plain scalars end at `: `, `,`, `]`, a comment or the line's end; quoted ones at
    their closing quote; a place past the content spans the line."""
    lines = Lines('  supports: [a-b, "c, d", \'e\'\'f\'] # x\n  text: Some words here  ')
    assert Span(0, 2, 10) == lines.token(0, 2)
    assert Span(0, 13, 16) == lines.token(0, 13)
    assert Span(0, 18, 24) == lines.token(0, 18)
    assert Span(0, 26, 32) == lines.token(0, 26)
    assert Span(1, 8, 23) == lines.token(1, 8)
    assert Span(1, 2, 23) == lines.token(1, 40)


def test_a_place_outside_the_document_is_the_nearest_inside() -> None:
    """Before the first line is the start, past the last line the end, a column past
    its line the line's end, a negative column its start."""
    lines = Lines("ab\ncde")
    assert [(0, 0), (1, 3), (0, 2), (1, 0), (1, 2)] == [
        lines.clamp(-1, 5), lines.clamp(7, 0), lines.clamp(0, 99), lines.clamp(1, -4),
        lines.clamp(1, 2)]


@pytest.mark.parametrize("text", ["", "\ufeff", "\n"])
def test_a_token_outside_an_empty_document(text: str) -> None:
    """A token asked for at line -1, column -1, or past the end of a document with no
    content is an empty span inside it (an empty line once raised an IndexError)."""
    lines = Lines(text)
    spans = [lines.token(-1, -1), lines.token(0, -1), lines.token(5, 5)]
    assert all(0 <= s.line < len(lines) and 0 <= s.start <= s.end <= len(lines.line(s.line))
               for s in spans)


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_the_loaders_lines_are_yamls(brk: str) -> None:
    """YAML ends a line at NEL and the line and paragraph separators, the protocol does
    not: the loader's line 3, column 2 after such a break is the protocol's line 1."""
    lines = Lines(f"a: 1\nb: 'x{brk}y'\nc: 2\n")
    assert [(0, 0), (1, 0), (1, 6), (1, 7), (2, 1), (3, 0), (3, 0)] == [
        lines.place(1, 1), lines.place(2, 1), lines.place(3, 1), lines.place(3, 2),
        lines.place(4, 2), lines.place(5, 1), lines.place(9, 9)]


def test_without_such_breaks_the_lines_are_the_same() -> None:
    """In a text without them, the loader's location is the protocol's, minus one each,
    inside the document."""
    lines = Lines("a: 1\r\nb: 2\rc: 3\n")
    assert [(0, 0), (1, 3), (2, 4), (3, 0), (0, 0)] == [
        lines.place(1, 1), lines.place(2, 4), lines.place(3, 99), lines.place(9, 9),
        lines.place(0, 0)]
