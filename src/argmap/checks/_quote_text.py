"""The text side of ``quote-not-found``: normalizing quotes and source texts, and the
passage of a source closest to a quote that is not in it.

A quote is compared with its source after :func:`normalize` of both (white space,
quote marks and letter case forgiven); :func:`closest_passage` finds what the hint
shows, in the source's own words. Each works in whole-string operations in C, and
within bounds on a source of megabytes (see each).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import operator
import re
from collections.abc import Callable

__all__ = ["SAMPLE", "SHOWN", "WHITE_SPACE", "closest_passage", "closest_passages",
           "forget_sources", "found_in_order", "normalize", "normalized_source", "parts_of",
           "parts_of_all"]

#: Quote marks and the straight mark each stands for.
_QUOTES = ([(mark, "'") for mark in "\u2018\u2019\u201a\u201b\u2032`\u00b4"]
           + [(mark, '"') for mark in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"])
#: Every character but " " that str.isspace() (and so str.split()) takes for white
#: space (the tests hold the two equal).
WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003"
               "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\])\s*")
_SPACES = re.compile(r"(\s+)")  # \s is str.isspace(), as str.split() has it


def normalize(text: str) -> str:
    """Case-folded text with quote marks unified and white space collapsed.

    Whole-string operations in C, each a fast scan: a loop over the characters
    took 1.3 s for a 750 KB source, ``" ".join(text.split())`` 30 ms, this 3 ms
    (30 ms when the text has characters beyond Latin-1, which slows every scan).
    Case folding maps each character on its own, and never to or from white
    space: folding the whole text folds each word as before.
    """
    for mark, plain in _QUOTES:
        if mark in text:
            text = text.replace(mark, plain)
    text = text.casefold()
    for space in WHITE_SPACE:
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:  # a run of n spaces takes log2(n) rounds
        text = text.replace("  ", " ")
    return text.strip(" ")


class _Origins:
    """Where each character of :func:`normalize` ``(text)`` comes from in ``text``.

    Built from the words of the text (whole-list operations again): character
    ``k`` of the normalized text is in word ``i`` (found by bisection), at the
    same offset in it unless folding made the word longer (``ß`` -> ``ss``); the
    space after a word comes from the start of the next word.
    """

    def __init__(self, text: str) -> None:
        # Words and runs of white space, alternating; only the first and last word
        # can be empty (the text starts or ends with white space).
        parts = _SPACES.split(text)
        starts = list(itertools.accumulate(map(len, parts), initial=0))
        words, origins = parts[0::2], starts[0::2]
        lo = 0 if words[0] else 1
        hi = len(words) if words[-1] else len(words) - 1
        self.words: list[str] = words[lo:hi]
        self.origins: list[int] = origins[lo:hi]
        self.folded: list[int] = list(map(len, map(str.casefold, self.words)))
        # Where each word starts in the normalized text: after the words before it,
        # each followed by one space.
        self.starts: list[int] = list(itertools.accumulate(
            map(operator.add, self.folded, itertools.repeat(1)), initial=0))

    def __getitem__(self, k: int) -> int:
        """The index in the text of character ``k`` of the normalized text."""
        i = bisect.bisect_right(self.starts, k) - 1
        offset = k - self.starts[i]
        if offset >= self.folded[i]:  # the space after word i
            return self.origins[i + 1]
        word = self.words[i]
        if self.folded[i] == len(word):
            return self.origins[i] + offset
        for j, ch in enumerate(word):  # a word that folding made longer: rare, and short
            offset -= len(ch.casefold())
            if offset < 0:
                return self.origins[i] + j
        raise IndexError(k)  # unreachable: offset < folded[i], the word's folded length


#: A source text is normalized, and mapped to its normalized text, a stretch of about
#: this many characters at a time (see :class:`_Stretches`).
_STRETCH = 1 << 16


def _cuts(text: str, stretch: int = _STRETCH) -> list[int]:
    """Where the stretches of ``text`` start, each cut just before white space, and its
    length: about ``stretch`` characters apart."""
    cuts = [0]
    while (space := _SPACES.search(text, cuts[-1] + stretch)) is not None:
        cuts.append(space.start())
    cuts.append(len(text))
    return cuts


@functools.lru_cache(maxsize=8)
def normalized_source(text: str) -> str:
    """:func:`normalize` of a source text, once: a map quotes the same source many times.

    Normalized a stretch at a time (see :class:`_Stretches` for why that is the same):
    ``str.casefold`` of a text beyond Latin-1 takes a buffer of 12 bytes a character,
    90 MB for a 7 MB source.
    """
    return _normalize_in_stretches(text)


def _normalize_in_stretches(text: str, stretch: int = _STRETCH) -> str:
    """:func:`normalize` of ``text``, a stretch at a time."""
    pieces = (normalize(text[a:b]) for a, b in itertools.pairwise(_cuts(text, stretch)))
    return " ".join(piece for piece in pieces if piece)


class _Stretches:
    """:class:`_Origins` of a long text without a table of all its words.

    The text is cut into stretches of about :data:`_STRETCH` characters, each cut just
    before white space: the normalized text is then the normalized stretches (the
    non-empty ones) joined by single spaces, since each step of :func:`normalize` maps
    characters on their own and the white space at a cut collapses to the one space of
    the join. A character is found in its stretch, whose :class:`_Origins` is made when
    first needed (a table of every word of a 7 MB text took 1 s and 150 MB; the hint
    needs two characters of it for each quote not found).
    """

    def __init__(self, text: str, stretch: int = _STRETCH) -> None:
        self.text = text
        cuts = _cuts(text, stretch)
        #: The stretches that have something left once normalized: where each starts in
        #: the text and in the normalized text, and where it ends in the text.
        self.cuts: list[int] = []
        self.ends: list[int] = []
        self.starts: list[int] = []
        at = 0
        for a, b in itertools.pairwise(cuts):
            size = len(normalize(text[a:b]))
            if size:
                self.cuts.append(a)
                self.ends.append(b)
                self.starts.append(at)
                at += size + 1
        self._origins: dict[int, _Origins] = {}

    def _of(self, i: int) -> _Origins:
        found = self._origins.get(i)
        if found is None:
            found = self._origins[i] = _Origins(self.text[self.cuts[i]:self.ends[i]])
        return found

    def __getitem__(self, k: int) -> int:
        """The index in the text of character ``k`` of the normalized text."""
        i = bisect.bisect_right(self.starts, k) - 1
        local = k - self.starts[i]
        if i + 1 < len(self.starts) and k == self.starts[i + 1] - 1:
            # The space that joins stretch i to the next: from the start of its first word.
            return self.cuts[i + 1] + self._of(i + 1)[0]
        return self.cuts[i] + self._of(i)[local]


@functools.lru_cache(maxsize=8)
def _origins(text: str) -> _Stretches:
    """:class:`_Stretches` of a source text, once (needed only for quotes not found)."""
    return _Stretches(text)


def forget_sources() -> None:
    """Drop the normalized source texts (and the tables of where their characters come
    from) kept for the searches of one check run.

    The caches hold each text they were asked about as well: a 7 MB source kept 26 MB
    through the rest of a run (the report, written after the checks, is where a large
    map's run peaks). The next run normalizes again (tens of milliseconds for 7 MB).
    """
    normalized_source.cache_clear()
    _origins.cache_clear()


def parts_of(quote: str) -> list[str]:
    """The normalized parts of ``quote`` between its ellipses, the empty ones left out."""
    return [norm for part in _ELLIPSIS.split(quote) if (norm := normalize(part))]


#: Between quotes, and between the parts of a quote, in :func:`_parts_together`: characters
#: that are not white space, that no step of :func:`normalize` makes or changes, and that
#: :data:`_ELLIPSIS` does not match.
_QUOTE_END, _PART_END = "\x00", "\x01"


#: Quotes normalized together in :func:`parts_of_all` (a bound on the buffer of
#: ``str.casefold``, 12 bytes a character).
_QUOTES_AT_ONCE = 1000


def parts_of_all(quotes: list[str]) -> list[list[str]]:
    """:func:`parts_of` of each quote, normalized :data:`_QUOTES_AT_ONCE` at a time."""
    return [parts for at in range(0, len(quotes), _QUOTES_AT_ONCE)
            for parts in _parts_together(quotes[at:at + _QUOTES_AT_ONCE])]


def _parts_together(quotes: list[str]) -> list[list[str]]:
    """:func:`parts_of` of each quote, normalized all at once.

    A call of :func:`normalize` a quote took more time than searching it (17,000 quotes:
    0.1 s); each step of normalize maps characters on their own, so the quotes joined
    by separators it leaves alone come out normalized, each to be stripped.
    """
    joined = _QUOTE_END.join(quotes)
    if joined.count(_QUOTE_END) >= len(quotes) or _PART_END in joined:
        return [parts_of(quote) for quote in quotes]  # a separator in a quote (or no quotes)
    norm = normalize(_ELLIPSIS.sub(_PART_END, joined))
    return [[part for raw in quote.split(_PART_END) if (part := raw.strip(" "))]
            for quote in norm.split(_QUOTE_END)]


def found_in_order(parts: list[str], find: Callable[[str, int], int]) -> bool:
    """Whether ``parts`` occur in order, none overlapping the one before, where
    ``find(part, start)`` (as ``str.find`` of the normalized text) finds them."""
    pos = 0
    for part in parts:
        found = find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


#: The closest passage is looked for with at most this many characters of the quote
#: (its beginning): the longest-match search takes time in proportion to the square
#: of their number, and a quote of 40,000 characters took minutes.
SAMPLE = 500
#: The passage shown in the hint is cut after this many characters (with "…").
SHOWN = 300


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` that best matches ``quote``, in the source's own words.

    Found for the first :data:`SAMPLE` characters of a longer quote, and cut
    after :data:`SHOWN` characters.
    """
    return closest_passages([quote], text)[0]


def closest_passages(quotes: list[str], text: str) -> list[str]:
    """:func:`closest_passage` of each quote of ``quotes`` in ``text``: the pieces of all
    of them are looked for in one pass over the text."""
    norm_text = normalized_source(text)
    norm_quotes = [normalize(_ELLIPSIS.sub(" ", quote)) for quote in quotes]
    samples = [norm_quote[:SAMPLE] for norm_quote in norm_quotes]
    places = _places(norm_text, {sample[j:j + _GRAM] for sample in samples
                                 if not _whole(norm_text, sample)
                                 for j in range(len(sample) - _GRAM + 1)})
    return [_passage(norm_quote, sample, text, norm_text, places)
            for norm_quote, sample in zip(norm_quotes, samples, strict=True)]


def _passage(norm_quote: str, sample: str, text: str, norm_text: str,
             places: dict[str, list[int]]) -> str:
    if not norm_text or not norm_quote:
        return ""
    lo, hi = _region(norm_text, sample, places)
    if hi <= lo:
        return ""
    matcher = difflib.SequenceMatcher(None, norm_text, sample, autojunk=False)
    block = matcher.find_longest_match(lo, hi, 0, len(sample))
    start = max(0, block.a - block.b)
    end = min(len(norm_text), start + len(norm_quote))
    if end <= start:
        return ""
    cut = end - start > SHOWN
    if cut:
        end = start + SHOWN
    where = _origins(text)
    passage = " ".join(text[where[start]: where[end - 1] + 1].split())
    return passage + "…" if cut else passage


#: Texts up to this length are searched whole for the closest passage of a quote up to
#: the second length; otherwise the longest-match search (time: text length x quote
#: length; 1.6 s for a 1 MB report) runs only where the quote's 8-character pieces say
#: it belongs.
_WHOLE = 20_000
_WHOLE_QUOTE = 300
_GRAM = 8
#: A piece found more often than this says nothing about where the quote is.
_COMMON = 500


def _whole(norm_text: str, norm_quote: str) -> bool:
    """Whether the closest passage to the quote is searched for in the whole text."""
    return len(norm_text) <= _WHOLE and len(norm_quote) <= _WHOLE_QUOTE


def _places(norm_text: str, pieces: set[str]) -> dict[str, list[int]]:
    """Where each of ``pieces`` (of 8 characters) starts in the text, at multiples of 8;
    past :data:`_COMMON` places a piece gets one more, and no others (it is ignored)."""
    places: dict[str, list[int]] = {piece: [] for piece in pieces}
    if not pieces:
        return places
    starts = range(0, len(norm_text) - _GRAM + 1, _GRAM)
    # One pass, in C but for the pieces wanted: a table of every piece of a 7 MB text
    # took 2 s and 100 MB.
    grams = map(norm_text.__getitem__, map(slice, starts, itertools.count(_GRAM, _GRAM)))
    for p in itertools.compress(starts, map(pieces.__contains__, grams)):
        found = places[norm_text[p:p + _GRAM]]
        found.append(p)
        if len(found) > _COMMON:
            pieces.discard(norm_text[p:p + _GRAM])
    return places


def _region(norm_text: str, norm_quote: str,
            places: dict[str, list[int]]) -> tuple[int, int]:
    """The part of the text to search for the passage closest to the quote.

    A short text is searched whole for a short quote. In a long one, every 8-character
    piece of the quote found in the text (``places``) votes for where the quote would
    start; the part around the start most pieces agree on is searched (nothing, when no
    piece is found).
    """
    if _whole(norm_text, norm_quote):
        return 0, len(norm_text)
    votes: dict[int, int] = {}
    for j in range(len(norm_quote) - _GRAM + 1):
        found = places.get(norm_quote[j:j + _GRAM], ())
        if len(found) > _COMMON:
            continue
        for p in found:
            bucket = (p - j) // _GRAM
            votes[bucket] = votes.get(bucket, 0) + 1
    if not votes:
        return 0, 0
    best = max(votes, key=lambda b: (votes[b], -b))  # most votes; the earliest on a tie
    start, n = best * _GRAM, len(norm_quote)
    return max(0, start - n), min(len(norm_text), start + 2 * n)
