"""A quote that does not appear in its source's text.

When a source has a local `text` file, every `quote` of a node citing that
source must be found in it. The comparison forgives differences in white
space, in quote marks (curly or straight) and in letter case, nothing else:
a quote is verbatim. The hint shows the closest passage of the source.

Failing example:

    argmap: 1
    title: Misquoted
    sources:
      - id: article
        title: The article
        text: article.txt
    nodes:
      - id: talks-collapsed
        kind: evidence
        text: The Istanbul talks collapsed.
        quote: The talks in Istanbul collapsed completely.
        source: article
        supports: [direct-talks-failed]
      - id: direct-talks-failed
        kind: claim
        text: Direct talks have failed.

Passing example:

    argmap: 1
    title: Quoted
    sources:
      - id: article
        title: The article
        text: article.txt
    nodes:
      - id: talks-collapsed
        kind: evidence
        text: The Istanbul talks collapsed.
        quote: "The third round of talks in Istanbul ... ultimately collapsed"
        source: article
        supports: [direct-talks-failed]
      - id: direct-talks-failed
        kind: claim
        text: Direct talks have failed.

with `article.txt` beside the map:

    The third round of talks in Istanbul, mediated by external powers, ultimately
    collapsed due to entrenched, incompatible demands.

A quote may leave words out with `...` (or `…`): each part must then appear
in the source, in order.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator

from argmap.checks._base import At, Context, Finding
from argmap.errors import Severity
from argmap.load import LoadedMap

ID = "quote-not-found"
SEVERITY = Severity.ERROR

_QUOTES = str.maketrans(dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4", "'")
                        | dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'))
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\])\s*")


def normalize(text: str) -> tuple[str, list[int]]:
    """Case-folded text with quote marks unified and white space collapsed.

    Also returns, for each character of the result, its index in ``text``.
    """
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
        for c in ch.translate(_QUOTES).casefold():
            out.append(c)
            where.append(i)
    return "".join(out), where


@functools.lru_cache(maxsize=8)
def _normalized_source(text: str) -> tuple[str, list[int]]:
    """:func:`normalize` of a source text, once: a map quotes the same source many times."""
    return normalize(text)


def find_quote(quote: str, text: str) -> bool:
    """Whether ``quote`` occurs in ``text`` under the rule's tolerance."""
    norm_text, _ = _normalized_source(text)
    pos = 0
    for part in _ELLIPSIS.split(quote):
        norm_part, _ = normalize(part)
        if not norm_part:
            continue
        found = norm_text.find(norm_part, pos)
        if found < 0:
            return False
        pos = found + len(norm_part)
    return True


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` that best matches ``quote``, in the source's own words."""
    norm_text, where = _normalized_source(text)
    norm_quote, _ = normalize(_ELLIPSIS.sub(" ", quote))
    if not norm_text or not norm_quote:
        return ""
    lo, hi = _region(norm_text, norm_quote)
    if hi <= lo:
        return ""
    matcher = difflib.SequenceMatcher(None, norm_text, norm_quote, autojunk=False)
    block = matcher.find_longest_match(lo, hi, 0, len(norm_quote))
    start = max(0, block.a - block.b)
    end = min(len(norm_text), start + len(norm_quote))
    if end <= start:
        return ""
    passage = text[where[start]: where[end - 1] + 1]
    return " ".join(passage.split())


#: Texts up to this length are searched whole for the closest passage; in a longer one,
#: the longest-match search (time: text length x quote length; 1.6 s for a 1 MB report)
#: runs only where the quote's 8-character pieces say it belongs.
_WHOLE = 20_000
_GRAM = 8
#: A piece found more often than this says nothing about where the quote is.
_COMMON = 500


@functools.lru_cache(maxsize=8)
def _pieces(norm_text: str) -> dict[str, list[int]]:
    """Where each 8-character piece of the text starts, for pieces at multiples of 8."""
    index: dict[str, list[int]] = {}
    for p in range(0, len(norm_text) - _GRAM + 1, _GRAM):
        index.setdefault(norm_text[p:p + _GRAM], []).append(p)
    return index


def _region(norm_text: str, norm_quote: str) -> tuple[int, int]:
    """The part of the text to search for the passage closest to the quote.

    A short text is searched whole. In a long one, every 8-character piece of the
    quote found in the text votes for where the quote would start; the part around
    the start most pieces agree on is searched (nothing, when no piece is found).
    """
    if len(norm_text) <= _WHOLE:
        return 0, len(norm_text)
    index = _pieces(norm_text)
    votes: dict[int, int] = {}
    for j in range(len(norm_quote) - _GRAM + 1):
        found = index.get(norm_quote[j:j + _GRAM], ())
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


def _source_text(ctx: Context, m: LoadedMap, ref: str) -> str | None:
    if ":" in ref:
        name, sid = ref.split(":", 1)
        other = ctx.maps.by_name.get(name)
        if other is None:
            return None
        m, ref = other, sid
    for i, src in enumerate(m.map.sources):
        if src.id == ref and src.text is not None:
            return ctx.source_text(m, i)
    return None


def check(ctx: Context) -> Iterator[Finding]:
    """Quotes missing from the local text of their source."""
    for n in ctx.graph.nodes.values():
        quote, ref = n.node.quote, n.node.source
        if quote is None or ref is None:
            continue
        text = _source_text(ctx, n.map, ref)
        if text is None or find_quote(quote, text):
            continue
        passage = closest_passage(quote, text)
        hint = f"closest passage: {passage!r}" if passage else "copy the quote from the source"
        yield Finding(At(n.map, ("nodes", n.position, "quote")),
                      f"quote of {n.id!r} not found in source {ref!r}", hint=hint)
