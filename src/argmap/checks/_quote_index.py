"""Finding many quotes in one long text: where the word n-grams that begin them occur.

``text.find(part)`` for each of thousands of quotes scans, for each, the text up to
where the quote is: 17,000 quotes in a 7 MB source took 10 s. :class:`TextIndex` scans
the text once (in C-level steps, a chunk at a time), recording where the word n-grams
that anchor the given parts occur, and then finds each part by trying only those places
with ``str.startswith``. It answers exactly what ``text.find(part, start)`` answers.

Why an anchor misses no occurrence. Split the part and the text on " ": a part
``t0 t1 t2 t3 ...`` of at least ``n + 2`` tokens that occurs at ``c`` has a space before
``t1``, and ``t1`` to ``tn`` are each followed by a space; so the text's tokens that
start at ``c + len(t0) + 1`` are exactly ``t1`` to ``tn``. Every occurrence of the part
is thus at an occurrence of the n-gram ``(t1, ..., tn)`` among the text's tokens, minus
that offset (``t0`` may be the end of a longer token, the last token the start of one:
neither is part of the anchor). A part of fewer than three tokens has no anchor and is
searched with ``str.find``.

Bounds: at most :data:`MAX_POSITIONS` places are recorded in all, and
:data:`MAX_PER_KEY` for one n-gram (a repetitive text could otherwise record every
token); a part tries at most :data:`VERIFY` places. Past any of them the search goes
on with ``str.find`` from the last place tried, which gives the same answer.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Iterable

__all__ = ["MAX_PER_KEY", "MAX_POSITIONS", "VERIFY", "TextIndex"]

#: The text is split a chunk of about this many characters at a time, so that its tokens
#: are never all in memory at once (a 7 MB text has about a million of them).
CHUNK = 1 << 16
#: Places recorded in all (8 bytes each): the scan stops there.
MAX_POSITIONS = 1 << 21
#: Places recorded for one n-gram: past them the n-gram says little about where a part is.
MAX_PER_KEY = 1 << 12
#: Places a part tries before the search goes on with ``str.find`` (each try is a
#: Python-level step; ``str.find`` scans some 10^9 characters a second).
VERIFY = 64
#: The longest anchor, in tokens.
LONGEST = 3

Key = tuple[str, ...]


class TextIndex:
    """``find(part, start)`` as ``text.find(part, start)``, fast for the parts given."""

    def __init__(self, text: str, parts: Iterable[str], *, chunk: int = CHUNK,
                 max_positions: int = MAX_POSITIONS, max_per_key: int = MAX_PER_KEY,
                 verify: int = VERIFY) -> None:
        self.text = text
        self._verify = verify
        #: Each anchored part's n-gram and its offset in the part.
        self._anchors: dict[str, tuple[Key, int]] = {}
        wanted: dict[int, set[Key]] = {}
        for part in parts:
            if part in self._anchors:
                continue
            tokens = part.split(" ", LONGEST + 1)
            n = min(LONGEST, len(tokens) - 2)
            if n < 1:
                continue
            key = tuple(tokens[1:1 + n])
            self._anchors[part] = (key, len(tokens[0]) + 1)
            wanted.setdefault(n, set()).add(key)
        #: Where each n-gram's first token starts, in order.
        self._places: dict[Key, array[int]] = {
            key: array("q") for keys in wanted.values() for key in keys}
        #: The n-grams whose places were not all recorded (a bound was reached).
        self._partial: set[Key] = set()
        self.recorded = 0
        """How many places were recorded."""
        if wanted:
            self._scan(wanted, chunk, max_positions, max_per_key)

    def _scan(self, wanted: dict[int, set[Key]], chunk: int, max_positions: int,
              max_per_key: int) -> None:
        text, size, places = self.text, len(self.text), self._places
        reach = max(wanted) - 1  # tokens past a chunk that its last n-grams take in
        a = 0
        while a <= size:
            b = text.find(" ", a + chunk)
            if b < 0:
                b = size
            tokens = text[a:b].split(" ")  # the tokens that start in [a, b]
            count = len(tokens)
            end = b
            for _ in range(reach):
                if end >= size:
                    break
                nxt = text.find(" ", end + 1)
                end = size if nxt < 0 else nxt
            if end > b:
                tokens += text[b + 1:end].split(" ")
            for n, keys in wanted.items():
                if not keys:
                    continue
                # Each shifted view is one token shorter: the n-grams end with the tokens.
                grams = zip(*(itertools.islice(tokens, k, None) for k in range(n)), strict=False)
                # Only the n-grams wanted reach Python code; the others stay in C.
                hits = itertools.compress(range(count), map(keys.__contains__, grams))
                at, last = a, 0
                for i in hits:
                    at += sum(map(len, tokens[last:i])) + i - last
                    last = i
                    key = tuple(tokens[i:i + n])
                    found = places[key]
                    found.append(at)
                    self.recorded += 1
                    if len(found) >= max_per_key:
                        keys.discard(key)  # no more hits for it, in this chunk either
                        self._partial.add(key)
                    if self.recorded >= max_positions:
                        self._partial.update(places)
                        return
            a = b + 1

    def find(self, part: str, start: int = 0) -> int:
        """The lowest index ``>= start`` where ``part`` is in the text, or -1: what
        ``text.find(part, start)`` gives."""
        anchor = self._anchors.get(part)
        if anchor is None or start < 0:
            return self.text.find(part, start)
        key, offset = anchor
        text, places = self.text, self._places[key]
        i = bisect.bisect_left(places, start + offset)
        resume = start
        for place in itertools.islice(places, i, i + self._verify):
            if text.startswith(part, place - offset):
                return place - offset
            resume = place - offset + 1
        if i + self._verify < len(places) or key in self._partial:
            # Every occurrence before `resume` is at a place tried: str.find takes over.
            return text.find(part, resume)
        return -1
