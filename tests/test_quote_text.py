"""Tests of argmap.checks._quote_text: normalizing quotes and source texts, searching
quotes in them, and the closest passage of a quote not found."""

from __future__ import annotations

import difflib
import os
import random
import subprocess
import sys
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.checks import _quote_text, quote_not_found
from argmap.checks._quote_index import TextIndex

from .helpers import ROOT

_FILLER = ("the border talks failed because pressure on trade and security did not move the "
           "government in kabul toward any of the demands")




def test_closest_passage_in_a_long_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a source longer than the whole-text search allows, a quote with a changed word
    still gets the closest passage the whole-text search gives (found in a fraction of
    the time: the search runs only where the quote's pieces point)."""
    rng = random.Random(5)
    words = _FILLER.split(" ")
    text = " ".join(rng.choice(words) for _ in range(12_000))
    passage = ("Islamabad's negotiators insisted that verifiable counter-terrorism action "
               "must precede any reopening of the crossings at Torkham and Chaman")
    text = text[:40_000] + " " + passage + " " + text[40_000:]
    assert len(text) > 2 * _quote_text._WHOLE
    quote = passage.replace("verifiable", "credible")
    assert not quote_not_found.find_quote(quote, text)
    found = _quote_text.closest_passage(quote, text)
    assert "negotiators insisted that verifiable counter-terrorism" in found
    assert _quote_text.closest_passage("zzqx zzqx zzqx", text) == ""  # nothing alike
    monkeypatch.setattr(_quote_text, "_WHOLE", len(text))
    assert _quote_text.closest_passage(quote, text) == found


_OLD_QUOTES = str.maketrans(dict(_quote_text._QUOTES))


def _old_normalize(text: str) -> tuple[str, list[int]]:
    """The reference: normalize() as a loop over the characters (1.3 s for 750 KB), with
    each character's index in the text."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            where.append(i)
            space = False
        for c in ch.translate(_OLD_QUOTES).casefold():
            out.append(c)
            where.append(i)
    return "".join(out), where


def _old_closest_passage(quote: str, text: str) -> str:
    """The reference: the closest passage searched in the whole text with the whole quote."""
    norm_text, where = _old_normalize(text)
    norm_quote, _ = _old_normalize(_quote_text._ELLIPSIS.sub(" ", quote))
    if not norm_text or not norm_quote:
        return ""
    matcher = difflib.SequenceMatcher(None, norm_text, norm_quote, autojunk=False)
    block = matcher.find_longest_match(0, len(norm_text), 0, len(norm_quote))
    start = max(0, block.a - block.b)
    end = min(len(norm_text), start + len(norm_quote))
    if end <= start:
        return ""
    return " ".join(text[where[start]: where[end - 1] + 1].split())


#: Text with what normalization changes: case, folding that lengthens (ß, ﬃ, İ), quote
#: marks, and white space of every kind.
_TRICKY = st.text(alphabet=st.sampled_from(
    list("abcAB ßﬃİΣς’‘“”«`´\"'.,") + list(_quote_text.WHITE_SPACE)), max_size=300)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=300)))
def test_normalize_equals_the_character_loop(text: str) -> None:
    """normalize(), whole-string operations, gives the loop's text; _Origins gives the
    loop's index of every character."""
    expected, where = _old_normalize(text)
    assert _quote_text.normalize(text) == expected
    if expected:
        origins = _quote_text._Origins(text)
        assert [origins[k] for k in range(len(expected))] == where


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=300)), st.integers(1, 40))
def test_stretches_give_the_origins_of_the_whole_text(text: str, stretch: int) -> None:
    """_Stretches, the text cut into stretches at white space and each mapped on its own,
    gives the index in the text of every character of the normalized text, as _Origins
    of the whole text does (also where a stretch is all white space, or one word)."""
    expected = _quote_text.normalize(text)
    if expected:
        whole = _quote_text._Origins(text)
        stretches = _quote_text._Stretches(text, stretch)
        assert [whole[k] for k in range(len(expected))] == [
            stretches[k] for k in range(len(expected))]
        assert expected == " ".join(_quote_text.normalize(text[a:b]) for a, b in zip(
            stretches.cuts, stretches.ends, strict=True))


def _old_region(norm_text: str, norm_quote: str) -> tuple[int, int]:
    """The reference: the region of the closest passage from a table of every 8-character
    piece of the text at multiples of 8 (2 s and 100 MB for a 7 MB text)."""
    index: dict[str, list[int]] = {}
    for p in range(0, len(norm_text) - 8 + 1, 8):
        index.setdefault(norm_text[p:p + 8], []).append(p)
    votes: dict[int, int] = {}
    for j in range(len(norm_quote) - 8 + 1):
        found = index.get(norm_quote[j:j + 8], [])
        if len(found) > _quote_text._COMMON:
            continue
        for p in found:
            votes[(p - j) // 8] = votes.get((p - j) // 8, 0) + 1
    if not votes:
        return 0, 0
    best = max(votes, key=lambda b: (votes[b], -b))
    start, n = best * 8, len(norm_quote)
    return max(0, start - n), min(len(norm_text), start + 2 * n)


@st.composite
def _repetitive(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A text that repeats a few letters (its pieces repeat past a small _COMMON), and
    quotes: pieces of it, changed or not."""
    unit = draw(st.text(alphabet="ab ", min_size=1, max_size=12))
    text = unit * draw(st.integers(1, 60)) + draw(st.text(alphabet="ab ", max_size=40))
    cuts = st.integers(0, len(text))
    quotes = [text[i:i + n] + extra for i, n, extra in draw(st.lists(
        st.tuples(cuts, st.integers(0, 60), st.text(alphabet="ab ", max_size=3)),
        min_size=1, max_size=4))]
    return text, quotes


@settings(max_examples=200, deadline=None)
@given(_repetitive(), st.integers(1, 6))
def test_pieces_found_in_one_pass_give_the_old_regions(case: tuple[str, list[str]],
                                                       common: int) -> None:
    """The region searched for each quote's closest passage, from the places of the
    quotes' pieces found in one pass (stopped past _COMMON for a piece), is the region a
    table of every piece of the text gives."""
    text, quotes = case
    with mock.patch.object(_quote_text, "_COMMON", common), \
            mock.patch.object(_quote_text, "_WHOLE", 0):
        places = _quote_text._places(text, {q[j:j + 8] for q in quotes
                                                for j in range(len(q) - 7)})
        assert [_old_region(text, q) for q in quotes] == [
            _quote_text._region(text, q, places) for q in quotes]


def test_white_space_is_what_isspace_says() -> None:
    """WHITE_SPACE and " " are every character str.isspace() (and str.split()) takes."""
    every = {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()}
    assert {" ", *_quote_text.WHITE_SPACE} == every


@settings(max_examples=150, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=100)), st.one_of(_TRICKY, st.text(max_size=600)))
def test_closest_passage_of_a_quote_is_unchanged(quote: str, text: str) -> None:
    """For a quote of up to 100 characters in a short text (what maps hold), the hint is
    the one the whole-quote, whole-text search gives."""
    quote = quote[:100]
    expected = _old_closest_passage(quote, text)
    found = _quote_text.closest_passage(quote, text)
    if len(expected) > _quote_text.SHOWN:  # much white space folded into the passage
        assert found.endswith("…")
        assert expected.startswith(found[:-1])
    else:
        assert found == expected


_LONG_QUOTE = """
import random, sys
from argmap.checks import _quote_text as t, quote_not_found as q
rng = random.Random(3)
words = ["the", "of", "policy", "border", "trade", "talks", "pressure", "security",
         "economic", "military", "diplomatic", "region", "government", "strategy"]
text = " ".join(rng.choice(words) for _ in range(40_000))
quote = text[100_000:140_000] + " zzz"
assert len(text) > 300_000 and not q.find_quote(quote, text)
print(t.closest_passage(quote, text))
"""


def test_long_quote_in_a_long_source_ends_in_seconds() -> None:
    """A 40 KB quote not found in a 300 KB source: the closest passage (of the quote's first
    SAMPLE characters, cut after SHOWN) comes in a second (the search took 107 s)."""
    done = subprocess.run([sys.executable, "-c", _LONG_QUOTE], capture_output=True,
                          text=True, timeout=20, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    passage = done.stdout.rstrip("\n")
    assert len(passage) == _quote_text.SHOWN + 1
    assert passage.endswith("…")



_QUOTE_WORDS = st.lists(st.sampled_from(
    ["talks", "Talks", "the", "’s", "'s", "ß", "ss", "İ", "\u0628\u0627", "…", "...", "[...]",
     " ", "  ", "\n", "\u00a0", "\t", "a", "a,", "“a”", "\"a\""]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_QUOTE_WORDS, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60),
                                        _QUOTE_WORDS), max_size=10))
def test_indexed_quote_search_is_plain_search(text: str,
                                              cuts: list[tuple[int, int, str]]) -> None:
    """Quotes (passages of the source, changed or not, and others) are found with the
    source's TextIndex exactly when find_quote (str.find in the normalized source)
    finds them: at the very start and end, repeated, short, with ellipses."""
    quotes = [text[i:i + n] + extra for i, n, extra in cuts]
    quotes += [text, text[: len(text) // 2], text[len(text) // 2:], "talks talks talks"]
    parts = [_quote_text.parts_of(q) for q in quotes]
    index = TextIndex(_quote_text.normalize(text), [p for ps in parts for p in ps],
                      chunk=4, verify=2)
    expected = [quote_not_found.find_quote(q, text) for q in quotes]
    assert expected == [_quote_text.found_in_order(ps, index.find) for ps in parts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_QUOTE_WORDS, _TRICKY, st.text(max_size=30),
                          st.sampled_from(["\x00", "a\x01b", "…\x00…"])), max_size=8))
def test_quotes_normalized_at_once_are_normalized_each(quotes: list[str]) -> None:
    """Normalizing every quote of a run in one string gives each quote's parts as
    normalizing it alone does (also when a quote holds a separator of the joined string)."""
    assert [_quote_text.parts_of(q) for q in quotes] == _quote_text.parts_of_all(quotes)
    with mock.patch.object(_quote_text, "_QUOTES_AT_ONCE", 3):  # in several batches
        assert [_quote_text.parts_of(q) for q in quotes] == _quote_text.parts_of_all(quotes)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=300)), st.integers(1, 40))
def test_a_source_normalized_in_stretches_is_normalized_whole(text: str, stretch: int) -> None:
    """A source text normalized a stretch at a time (cut before white space, so that
    str.casefold's buffer stays small) is the text normalized whole."""
    assert _quote_text.normalize(text) == _quote_text._normalize_in_stretches(text, stretch)
