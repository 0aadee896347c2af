"""Matching nodes whose id changed, by their text; and word diffs of reworded texts.

Nodes are matched by id first (:mod:`argmap.diff.changes`). What is left (nodes
only on the old side, nodes only on the new side) may hold renamed nodes: an old
and a new node *of the same kind* are taken for one renamed node when their texts
are alike, in this order:

* the same text (after folding case and white space): similarity 1;
* else the Jaccard similarity of their sets of words (``|A & B| / |A | B|``,
  words folded to lower case, the first :data:`MAX_TOKENS` distinct words of each
  text) of at least :data:`THRESHOLD`.

Pairs are taken best first (ties: the old node first in file order, then the new),
each node in at most one pair, so the matching is deterministic. It stays fast on
large maps: candidates are found through an index of words, and a word that more
than :data:`MAX_POSTING` of the new nodes share (``the``, ``of``) does not make them
candidates; each old node weighs at most :data:`MAX_CANDIDATES` candidates, and one matching looks
up at most :data:`MAX_WORK` candidates in all (beyond it, the remaining nodes show as
removed and added). The time is about linear in the number of unmatched nodes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import NamedTuple

from argmap.diff.result import WordOp

__all__ = ["MAX_CANDIDATES", "MAX_DIFF_WORDS", "MAX_POSTING", "MAX_TOKENS", "MAX_WORK",
           "THRESHOLD",
           "Candidate", "match_renamed", "similarity", "word_diff"]

#: Least word similarity of two texts for an old and a new node to be one renamed node.
THRESHOLD = 0.5
#: Distinct words of a text that the similarity weighs (a long text's first ones).
MAX_TOKENS = 200
#: A word shared by more unmatched new nodes than this does not make candidates.
MAX_POSTING = 64
#: Candidates weighed for one old node (those sharing the most rare words).
MAX_CANDIDATES = 32
#: Candidates counted (words looked up) in one matching, at most: beyond it the
#: remaining old nodes are not matched (about a second of work).
MAX_WORK = 5_000_000
#: Texts of more words than this get no word diff (difflib's time grows with the
#: product of the two lengths); the report shows the texts before and after.
MAX_DIFF_WORDS = 2000

_WORD = re.compile(r"\w+")


class Candidate(NamedTuple):
    """An unmatched node: its id, kind and text."""

    id: str
    kind: str
    text: str


def _tokens(text: str) -> frozenset[str]:
    words: dict[str, None] = {}
    for m in _WORD.finditer(text.casefold()):
        words[m.group()] = None
        if len(words) >= MAX_TOKENS:
            break
    return frozenset(words)


def similarity(a: str, b: str) -> float:
    """The word similarity of two texts (see the module), from 0 to 1."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta and not tb:
        return 1.0 if " ".join(a.split()) == " ".join(b.split()) else 0.0
    return len(ta & tb) / len(ta | tb)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def match_renamed(old: Sequence[Candidate],
                  new: Sequence[Candidate]) -> list[tuple[str, str, float]]:
    """(old id, new id, similarity) of the old and new nodes taken for renamed nodes,
    in the order of the old nodes (see the module)."""
    pairs: list[tuple[str, str, float]] = []
    kinds = dict.fromkeys(c.kind for c in old)
    for kind in kinds:
        olds = [c for c in old if c.kind == kind]
        news = [c for c in new if c.kind == kind]
        if news:
            pairs.extend(_match_kind(olds, news))
    position = {c.id: i for i, c in enumerate(old)}
    pairs.sort(key=lambda p: position[p[0]])
    return pairs


def _match_kind(olds: list[Candidate], news: list[Candidate]) -> list[tuple[str, str, float]]:
    taken_new: set[int] = set()
    pairs: list[tuple[str, str, float]] = []
    # Equal texts first: the cheapest and surest sign of a rename.
    by_text: dict[str, list[int]] = {}
    for j in reversed(range(len(news))):  # popped from the end: the first comes first
        by_text.setdefault(_folded(news[j].text), []).append(j)
    rest: list[int] = []
    for i, c in enumerate(olds):
        same = by_text.get(_folded(c.text))
        if same:
            j = same.pop()
            taken_new.add(j)
            pairs.append((c.id, news[j].id, 1.0))
        else:
            rest.append(i)
    if not rest or len(taken_new) == len(news):
        return pairs
    tokens = {j: _tokens(news[j].text) for j in range(len(news)) if j not in taken_new}
    index: dict[str, list[int]] = {}
    for j, words in tokens.items():
        for w in words:
            index.setdefault(w, []).append(j)
    scored: list[tuple[float, int, int]] = []
    work = MAX_WORK
    for i in rest:
        words = _tokens(olds[i].text)
        shared: dict[int, int] = {}
        for w in words:
            posting = index.get(w)
            if posting is None or len(posting) > MAX_POSTING:
                continue
            work -= len(posting)
            for j in posting:
                shared[j] = shared.get(j, 0) + 1
        best = sorted(shared, key=lambda j: (-shared[j], j))[:MAX_CANDIDATES]
        for j in best:
            score = len(words & tokens[j]) / len(words | tokens[j])
            if score >= THRESHOLD:
                scored.append((score, i, j))
        if work < 0:
            break  # the old nodes after this one are shown removed, the new ones added
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    taken_old: set[int] = set()
    for score, i, j in scored:
        if i in taken_old or j in taken_new:
            continue
        taken_old.add(i)
        taken_new.add(j)
        pairs.append((olds[i].id, news[j].id, round(score, 4)))
    return pairs


def word_diff(before: str, after: str) -> tuple[WordOp, ...]:
    """The word diff of two texts: runs of words kept (``=``), removed (``-``) and added
    (``+``); empty when either text has more than :data:`MAX_DIFF_WORDS` words."""
    a, b = before.split(), after.split()
    if len(a) > MAX_DIFF_WORDS or len(b) > MAX_DIFF_WORDS:
        return ()
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("+", " ".join(b[j1:j2])))
    return tuple(ops)
