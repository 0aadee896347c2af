"""Short labels: a node's title for overview pictures (``--labels short``).

A map's node texts are sentences; drawn in full, a map of 60 nodes prints at 2 to 3 pt
on a slide or an A4 page. Argdown's maps show a statement's title, not its text, and
so does an argmap overview: the node id made readable ("diplomatic-gains-cannot-
underwrite-war" -> "Diplomatic gains cannot underwrite war"), wrapped narrow. The full
text stays in the tooltip (SVG, HTML) and on the detail pages of a PDF.

The rule (docs/render.md, "Short labels"):

* A node with a ``title:`` (the analyst's own handle, Argdown's ``[Title]``) has it as
  its label, as written; the rules below make one for the nodes without.
* The id is cut into words at ``-``, ``_``, ``.`` and where a lower-case letter meets
  a capital (``dieselBan``). Each word is spelled as the node's text spells it, when
  the text has it as a whole word other than as its first word ("us" -> "US",
  "taliban" -> "Taliban"). A word of 2 to 4 letters the text does not have is an
  abbreviation of it when the initials of consecutive words of the text spell it and
  those words are capitalised or joined by hyphens ("us" for "the United States" ->
  "US", "ct" for "counter-terrorism" -> "CT"; "fit" for "for its trade" stays "fit").
  A word of :data:`STEM_MIN` letters or more that begins a word the text capitalises
  inside a sentence is the stem of a name, capitalised ("afghan" of "Afghanistan").
  Any other word is in lower case; the label's first letter is a capital.
* An id that does not read as a title (fewer than :data:`MIN_WORDS` words of letters,
  or fewer than :data:`MIN_LETTERS` letters: ``c1``, ``claim-2``, ``ev-a``) is not
  used: the label is the text's first words, up to :data:`FALLBACK_CHARS` characters,
  with an ellipsis when the text goes on.
* A label is at most :data:`SHORT_CHARS` characters (an ellipsis ends a longer one).
"""

from __future__ import annotations

import re
import textwrap
from itertools import pairwise

from argmap.render.escape import ELLIPSIS, cap, clean, columns, wrap

__all__ = ["ABBREVIATION_MAX", "COMPACT_MARGIN", "COMPACT_SPACING", "FALLBACK_CHARS",
           "MIN_LETTERS", "MIN_WORDS", "SHORT_CHARS", "SHORT_WIDTH", "STRETCH", "short_label",
           "short_lines"]

#: Characters per line of a short label (a narrow box: the overview packs many side by side).
SHORT_WIDTH = 12
#: Longest short label, in characters.
SHORT_CHARS = 60
#: Longest fallback label taken from a node's text (terse ids), ellipsis included, in
#: columns (a wide character takes two, as in wrapping).
FALLBACK_CHARS = 40
#: An id reads as a title with at least this many words of letters ...
MIN_WORDS = 2
#: ... and this many letters in all.
MIN_LETTERS = 8
#: Space between the nodes and the ranks of a short-label picture and around it, in
#: inches: a third of the full-text picture's (between nodes a quarter). Measured on the
#: flagship map's overview on a slide: 3.9 pt with the full-text spacing and margins,
#: 7.4 pt with these (and the overview's legend, :mod:`argmap.render.legend`).
COMPACT_SPACING = {"ranksep": "0.15", "nodesep": "0.06", "pad": "0.05"}
#: The space around a short label inside its box (inches, across and down): a third of
#: the full text's; the boxes of an overview are small.
COMPACT_MARGIN = "0.04,0.02"
#: A word up to this many characters longer than the wrapping width widens its line;
#: a longer one is broken with a hyphen: drawn left to right, "Institutionalize" made
#: its rank of boxes the flagship's widest (its overview on A4 portrait at 12
#: characters: 6.6 pt whole, 6.8 pt broken; bottom-up on A4 landscape 7.09 and 7.12 pt).
STRETCH = 2

_PARTS = re.compile(r"[-_.]+|(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
#: The longest id word read as an abbreviation of the text's words ("nato").
ABBREVIATION_MAX = 4
#: The shortest id word read as the stem of a name in the text ("afghan"): shorter ones
#: begin too many words by chance ("us" of "Usually").
STEM_MIN = 5


def _spelled(word: str, text: str) -> str:
    """``word`` as ``text`` spells it (a whole word, not the text's first), in capitals
    when it abbreviates words of the text (:func:`_abbreviates`), capitalised when it
    begins a capitalised word of the text (:func:`_stem_of_name`), else lower case."""
    for match in _WORD.finditer(text):
        if match.start() > 0 and match.group(0).lower() == word.lower():
            return match.group(0)
    if _abbreviates(word, text):
        return word.upper()
    if _stem_of_name(word, text):
        return word[:1].upper() + word[1:].lower()
    return word.lower()


def _stem_of_name(word: str, text: str) -> bool:
    """Whether ``word`` (5 letters or more) begins a word of ``text`` that is capitalised
    inside a sentence: a name's stem, as "afghan" of "Afghanistan" (the flagship's
    "Strikes fuel afghan national affront" read as a misspelling on a slide)."""
    if len(word) < STEM_MIN or not word.isalpha():
        return False
    for match in _LETTERS.finditer(text):
        found, before = match.group(0), text[:match.start()].rstrip()
        if (found[:1].isupper() and found.lower().startswith(word.lower())
                and before and before[-1] not in ".!?:"):
            return True
    return False


def _abbreviates(word: str, text: str) -> bool:
    """Whether ``word`` (2 to 4 letters) is the initials of consecutive words of ``text``
    that are all capitalised ("United States") or joined by hyphens ("counter-terrorism")."""
    if not 2 <= len(word) <= ABBREVIATION_MAX or not word.isalpha():
        return False
    letters = word.lower()
    words = [(m.group(0), m.start()) for m in _LETTERS.finditer(text)]
    n = len(letters)
    for i in range(len(words) - n + 1):
        run = words[i:i + n]
        if any(w[0].lower() != c for (w, _), c in zip(run, letters, strict=True)):
            continue
        capitalised = all(w[0].isupper() for w, _ in run)
        hyphened = all(text[a + len(w):b] == "-" for (w, a), (_, b) in pairwise(run))
        if capitalised or hyphened:
            return True
    return False


def _from_text(text: str) -> str:
    """The first words of ``text``, up to :data:`FALLBACK_CHARS` columns (a wide character,
    as of Chinese or Japanese, takes two), with an ellipsis if cut."""
    if columns(text) <= FALLBACK_CHARS:
        return text
    end, used = 0, 0
    while used + columns(text[end]) <= FALLBACK_CHARS - 1:
        used += columns(text[end])
        end += 1
    head = text[:end]
    if text[end] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:") + ELLIPSIS


def short_label(node_id: str, text: str, title: str | None = None) -> str:
    """The short label of a node with id ``node_id``, text ``text`` and ``title`` (see
    the module)."""
    if title is not None:
        # The analyst's own words: not re-spelled, and capped like any label (a title
        # may be longer than SHORT_CHARS: the format allows it for Argdown's sake).
        return cap(clean(title), SHORT_CHARS) or short_label(node_id, text)
    words = [w for w in _PARTS.split(node_id) if w]
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    letters = sum(c.isalpha() for w in words for c in w)
    body = clean(text)
    if len(lettered) < MIN_WORDS or letters < MIN_LETTERS:
        label = _from_text(body) or node_id
    else:
        label = " ".join(_spelled(w, body) for w in words)
    return cap(label[:1].upper() + label[1:], SHORT_CHARS)


def _broken(word: str, width: int) -> str:
    """``word``, when longer than ``width`` + :data:`STRETCH`, cut after its first
    ``width`` - 1 letters with a hyphen (``Institutio- nalize``): the two pieces never
    share a line again, as together they are longer than any line."""
    if len(word) <= width + STRETCH:
        return word
    head = max(width - 1, 1)
    return f"{word[:head]}- {_broken(word[head:], width)}"


def short_lines(node_id: str, text: str, width: int = SHORT_WIDTH,
                title: str | None = None) -> list[str]:
    """:func:`short_label` wrapped at ``width`` characters. A word longer than
    ``width`` + :data:`STRETCH` is broken with a hyphen; a shorter one widens its
    line rather than being broken. A label with wide characters is wrapped as the full
    text is (:func:`argmap.render.escape.wrap`): by columns, two for a wide character,
    and cut where a line is full, without a hyphen (Chinese and Japanese write no spaces
    between words; counting characters made such a label twice as wide as meant)."""
    label = short_label(node_id, text, title)
    if columns(label) > len(label):
        return wrap(label, width, len(label))
    label = " ".join(_broken(w, width) for w in label.split())
    longest = max((len(w) for w in label.split()), default=0)
    return textwrap.wrap(label, width=max(width, longest),
                         break_long_words=False, break_on_hyphens=False)
