"""What changed in a node, said once for every format of a diff.

:func:`describe` turns a :class:`~argmap.diff.result.NodeChange` into parts, each tagged
with what it holds: argmap's own words, or text of a map (a key, a node's text, a word
of a word diff). The Markdown, the page and the text report put the same parts in the
same order and differ only in how they write each sort: escaped for Markdown or HTML
and cut to their length, struck through or coloured. A format never builds a
sentence of its own, so the three cannot drift apart.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from argmap.diff.result import NodeChange

__all__ = ["Description", "Part", "Role", "describe"]

Role = Literal["plain", "key", "same", "deleted", "inserted", "before", "after"]
"""What a part holds: ``plain`` argmap's own words (kinds, change names, a similarity:
nothing to escape); ``key`` a node's key; ``same``, ``deleted`` and ``inserted`` the
words of a word diff; ``before`` and ``after`` a reworded node's texts when there is no
word diff. All but ``plain`` are map text."""


class Part(NamedTuple):
    """One piece of a description: what it holds, and its text."""

    role: Role
    text: str


class Description(NamedTuple):
    """A node change in parts.

    An added or removed node is its ``key``, ``kind`` and ``text``; a changed one its
    ``key`` and one clause a change (``renamed from x``, ``retyped a → b``, ...), each a
    sequence of parts written one after the other.
    """

    change: Literal["added", "removed", "changed"]
    key: str
    kind: str | None = None
    text: str = ""
    clauses: tuple[tuple[Part, ...], ...] = ()


def describe(n: NodeChange, *, similarity: bool = True, word_diff: bool = True) -> Description:
    """The parts of the node change ``n``.

    ``similarity`` adds a renamed node's similarity; ``word_diff`` gives a reworded node's
    word diff when it has one (without: its texts before and after).
    """
    if n.changes == ("added",):
        return Description("added", n.key, n.kind_after, n.text_after or "")
    if n.changes == ("removed",):
        return Description("removed", n.key, n.kind_before, n.text_before or "")
    clauses = []
    for c in n.changes:
        clause: list[Part]
        if c == "renamed":
            clause = [Part("plain", "renamed from "), Part("key", n.old_key or "")]
            if similarity:
                clause.append(Part("plain", f" (similarity {n.similarity:g})"))
        elif c == "retyped":
            clause = [Part("plain", f"retyped {n.kind_before} → {n.kind_after}")]
        elif c == "reworded":
            clause = [Part("plain", "reworded: ")]
            if word_diff and n.words:
                for i, (op, words) in enumerate(n.words):
                    if i:
                        clause.append(Part("plain", " "))
                    clause.append(Part(_OPS[op], words))
            else:
                clause += [Part("before", n.text_before or ""), Part("plain", " → "),
                           Part("after", n.text_after or "")]
        elif c == "retitled":
            # Titles are map text: each format escapes the before and after parts.
            clause = [Part("plain", "title "), _title(n.title_before, "before"),
                      Part("plain", " → "), _title(n.title_after, "after")]
        elif c == "confidence-changed":
            # Numbers argmap wrote (argmap.diff.changes), not map text: plain.
            clause = [Part("plain", f"confidence {n.confidence_before or 'none'} → "
                                    f"{n.confidence_after or 'none'}")]
        else:
            clause = [Part("plain", c.replace("-", " "))]
        clauses.append(tuple(clause))
    return Description("changed", n.key, clauses=tuple(clauses))


def _title(title: str | None, role: Role) -> Part:
    # "none" is argmap's word for a side without a title, not map text: plain.
    return Part("plain", "none") if title is None else Part(role, title)


_OPS: dict[str, Role] = {"=": "same", "-": "deleted", "+": "inserted"}
