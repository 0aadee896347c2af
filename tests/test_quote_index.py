"""Tests of argmap.checks._quote_index: the index answers exactly what str.find answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.checks import _quote_index
from argmap.checks._quote_index import TextIndex

#: Few letters and many spaces: tokens repeat, n-grams repeat and overlap, runs of spaces
#: make empty tokens; a letter beyond Latin-1 and one beyond the BMP change the string kind.
_TEXT = st.text(alphabet=st.sampled_from([*"aab  ", "é", "\u0628", "\U0001f600"]),
                max_size=200)


@st.composite
def _case(draw: st.DrawFn) -> tuple[str, list[str], list[int]]:
    """A text, parts to find in it (pieces of it, cut anywhere, and others), and starts."""
    text = draw(_TEXT)
    cuts = st.integers(0, len(text))
    parts = [text[i:j] for i, j in draw(st.lists(st.tuples(cuts, cuts), max_size=12))]
    parts += draw(st.lists(_TEXT, max_size=4))
    parts += [text[:k] for k in draw(st.lists(cuts, max_size=2))]  # from the very start
    parts += [text[k:] for k in draw(st.lists(cuts, max_size=2))]  # to the very end
    starts = [0, len(text), len(text) + 3, *draw(st.lists(cuts, max_size=4))]
    return text, parts, starts


@settings(max_examples=400, deadline=None)
@given(_case(), st.integers(1, 12), st.integers(1, 40), st.integers(1, 6), st.integers(1, 4))
def test_find_is_str_find(case: tuple[str, list[str], list[int]], chunk: int,
                          max_positions: int, max_per_key: int, verify: int) -> None:
    """For every part given and every start, find() gives str.find's answer, whatever the
    chunk size and bounds (small ones here, so that chunks split n-grams and every bound
    hands over to str.find)."""
    text, parts, starts = case
    index = TextIndex(text, parts, chunk=chunk, max_positions=max_positions,
                      max_per_key=max_per_key, verify=verify)
    expected = [[text.find(p, s) for s in starts] for p in parts]
    assert expected == [[index.find(p, s) for s in starts] for p in parts]


@settings(max_examples=200, deadline=None)
@given(_case())
def test_find_is_str_find_with_the_default_bounds(case: tuple[str, list[str], list[int]]
                                                  ) -> None:
    """With the bounds argmap uses, find() gives str.find's answer, for the parts given
    and for a part not given (searched with str.find)."""
    text, parts, starts = case
    index = TextIndex(text, parts[1:])
    expected = [[text.find(p, s) for s in starts] for p in parts]
    assert expected == [[index.find(p, s) for s in starts] for p in parts]


@pytest.mark.parametrize(("text", "parts"), [
    ("ab ab ab ab cd ab ab ab ab cd ef",
     ["ab ab ab", "b ab ab ab c", "ab ab ab ab cd ef", "ab", "ab ab", "d ef",
      "ab ab ab ab ab", "cd ab ab ab ab cd ef", "b ab a", "", " "]),
    # Runs of spaces: empty tokens, and places one character apart.
    ("   a  b   ", ["  a", "   a", " a  b ", "a  b   ", "    ", "  b   "]),
])
@pytest.mark.parametrize("verify", [1, _quote_index.VERIFY])
def test_parts_at_the_ends_repeated_overlapping_and_short(text: str, parts: list[str],
                                                          verify: int) -> None:
    """Parts at the very start and end of the text, parts that repeat overlapping
    themselves, parts of one or two tokens (too short for an anchor), parts in runs of
    spaces; whether str.find takes over after one place tried or many."""
    index = TextIndex(text, parts, verify=verify)
    for part in parts:
        found = [index.find(part, s) for s in range(len(text) + 2)]
        assert [text.find(part, s) for s in range(len(text) + 2)] == found, part


def test_a_repetitive_text_records_at_most_max_per_key_places() -> None:
    """An n-gram found everywhere (a text of one word repeated) is recorded MAX_PER_KEY
    times, not once a token; parts are still found exactly (str.find takes over)."""
    text = " ".join(["a"] * 3 * _quote_index.MAX_PER_KEY) + " b"
    parts = ["a a a a b", "a a a a c"]
    index = TextIndex(text, parts)
    assert _quote_index.MAX_PER_KEY == index.recorded
    assert [len(text) - 9, -1, len(text) - 9] == [
        index.find(parts[0]), index.find(parts[1]), index.find(parts[0], 5)]


def test_places_recorded_stop_at_max_positions() -> None:
    """Past max_positions places in all the scan stops; every part is still found
    exactly (each n-gram is then partial: str.find takes over)."""
    words = [f"w{i}" for i in range(400)]
    text = " ".join(words * 3)
    parts = [" ".join(words[i:i + 5]) for i in range(0, 390, 3)]
    index = TextIndex(text, parts, max_positions=50)
    assert 50 == index.recorded
    assert [text.find(p) for p in parts] == [index.find(p) for p in parts]
    assert [text.find(p, 3000) for p in parts] == [index.find(p, 3000) for p in parts]


def test_a_part_tries_at_most_verify_places() -> None:
    """A part whose n-gram is at many places it is not tries VERIFY of them, then
    str.find goes on from the last one tried (the answer is str.find's)."""
    tried: list[int] = []

    class Text(str):
        """A str that notes where startswith() is asked."""

        __slots__ = ()

        def startswith(self, prefix: str | tuple[str, ...], start: int | None = None,
                       end: int | None = None) -> bool:
            tried.append(-1 if start is None else start)
            return super().startswith(prefix, start, end)

    text = Text(" ".join(["x a b c"] * 200) + " y a b c z")
    index = TextIndex(text, ["y a b c z"])
    assert text.find("y a b c z") == index.find("y a b c z")
    assert _quote_index.VERIFY == len(tried)
