"""The result of ``argmap diff``: plain, immutable values, in a deterministic order.

Every value here is built by :mod:`argmap.diff.changes` and read by the formatters
(:mod:`argmap.diff.formats`, and the CLI's text report). Node keys are ``map:id`` as
everywhere in argmap, on the new side's names (the old side's for a node that was
removed); a renamed node is listed under its new key with its old key beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from argmap.errors import Problem

__all__ = [
    "FORMAT",
    "AcceptanceChange",
    "Diff",
    "FailOn",
    "NodeChange",
    "RecommendationChange",
    "RelationChange",
    "WordOp",
]

#: The version of the JSON layout (its ``argmap-diff`` member).
FORMAT = 1


class FailOn(StrEnum):
    """Conditions that ``argmap diff --fail-on`` turns into exit code 1."""

    ANY_CHANGE = "any-change"
    """Anything at all changed in the argument (nodes, relations, findings, support)."""
    NEW_FINDING = "new-finding"
    """A check finding that was not there before (any severity)."""
    NEW_ERROR = "new-error"
    """A check finding of severity error that was not there before."""
    RECOMMENDATION_LOST_EVIDENCE = "recommendation-lost-evidence"
    """A recommendation that rested on evidence rests on none now."""
    ACCEPTANCE_CHANGED = "acceptance-changed"
    """A node kept by the change is labelled differently under grounded semantics, or,
    given a threshold, its DF-QuAD strength (its range, where intervals leave it open)
    moved across the threshold (see :meth:`AcceptanceChange.crosses`)."""


class WordOp(NamedTuple):
    """A run of words of a word diff: ``=`` kept, ``-`` removed, ``+`` added."""

    op: str
    text: str


class NodeChange(NamedTuple):
    """A node added, removed or changed.

    ``changes`` lists what changed, among ``added``, ``removed``, ``renamed``,
    ``retyped``, ``reworded``, ``retitled``, ``confidence-changed``, ``quote-changed``,
    ``quote-unverified`` and ``quote-verified`` (the quote check's result before and after).
    """

    key: str
    changes: tuple[str, ...]
    old_key: str | None = None
    """The key before, when it differs (a renamed node, or a map compared with a file of
    another name)."""
    kind_before: str | None = None
    kind_after: str | None = None
    text_before: str | None = None
    text_after: str | None = None
    words: tuple[WordOp, ...] = ()
    """The word diff of a reworded node (empty when the texts are too long to diff)."""
    similarity: float | None = None
    """For a renamed node: the token similarity of its texts (1.0 when equal)."""
    quote_before: str | None = None
    quote_after: str | None = None
    confidence_before: str | None = None
    """A node's ``confidence`` as written, when it changed: ``0.3``, an interval
    ``[0.5, 0.8]``, or None when not given (as a relation's strength in
    :attr:`RelationChange.fields`)."""
    confidence_after: str | None = None
    title_before: str | None = None
    """A node's ``title`` before, when it changed (None: no title on that side)."""
    title_after: str | None = None


class RelationChange(NamedTuple):
    """A relation added, removed, retargeted or changed.

    ``source`` is the key of the node it starts from, ``kind`` supports, attacks or
    undercuts, ``target`` what it points at as written (after renames, in the new
    side's ids). ``fields`` holds, for a changed relation, ``(field, before, after)``
    for each of ``strength``, ``by``, ``scheme``, ``source``, ``quote`` that differs.
    """

    change: str
    source: str
    kind: str
    target: str
    target_before: str | None = None
    """For a retargeted relation: what it pointed at before."""
    fields: tuple[tuple[str, str | None, str | None], ...] = ()


class RecommendationChange(NamedTuple):
    """A recommendation, kept by the change, whose grounds (what it rests on) changed.

    The grounds and the counts of evidence come from walking its support; past a budget
    of steps for the whole diff (a map of 100,000 recommendations each resting on all
    the others would take hours) they are not walked: the grounds are then empty, the
    counts ``None``, and only whether it rests on evidence at all is known (found for
    every node in one pass).
    """

    key: str
    grounds_added: tuple[str, ...]
    grounds_removed: tuple[str, ...]
    evidence_before: int | None
    """How many pieces of evidence it rested on before (None: not counted)."""
    evidence_after: int | None
    on_evidence_before: bool
    """Whether it rested on some evidence before."""
    on_evidence_after: bool

    @property
    def lost_evidence(self) -> bool:
        """Whether it rested on evidence before and rests on none now."""
        return self.on_evidence_before and not self.on_evidence_after

    def evidence(self) -> str:
        """What changed in its evidence, in words: ``evidence 2 → 0``."""
        if self.evidence_before is None or self.evidence_after is None:
            def said(on: bool) -> str:
                return "some" if on else "none"

            return (f"evidence {said(self.on_evidence_before)} → "
                    f"{said(self.on_evidence_after)} (not counted: too much support to walk)")
        return f"evidence {self.evidence_before} → {self.evidence_after}"

    def grounds(self, limit: int, written: Callable[[str], str] = str) -> str:
        """The grounds it lost and gained, in words (``; no longer rests on a, b; now
        rests on c``; empty when none changed), each key as ``written`` writes it for the
        format, at most ``limit`` of each and then how many more."""
        def listed(keys: tuple[str, ...]) -> str:
            shown = ", ".join(written(k) for k in keys[:limit])
            return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")

        words = ""
        if self.grounds_removed:
            words += "; no longer rests on " + listed(self.grounds_removed)
        if self.grounds_added:
            words += "; now rests on " + listed(self.grounds_added)
        return words


class AcceptanceChange(NamedTuple):
    """A node, kept by the change, whose grounded label or DF-QuAD strength changed.

    The strengths are at the intervals' midpoints; where the map's intervals leave a
    node's strength open on a side, that side's ``range_`` is its ``(low, high)``
    (:attr:`argmap.semantics.Strengths.ranges`), else None.
    """

    key: str
    status_before: str
    status_after: str
    strength_before: float
    strength_after: float
    range_before: tuple[float, float] | None = None
    range_after: tuple[float, float] | None = None

    def crosses(self, threshold: float) -> bool:
        """Whether the strength moved across ``threshold``: each side is at or above it
        (its range's low end, or its strength, is), below it (the high end is), or on
        both sides of it (a range from below to at or above it); a change of side counts.
        """
        def side(value: float, low_high: tuple[float, float] | None) -> int:
            low, high = low_high or (value, value)
            return 1 if low >= threshold else -1 if high < threshold else 0

        return (side(self.strength_before, self.range_before)
                != side(self.strength_after, self.range_after))

    def strengths(self) -> str:
        """The strength before and after as every format writes it: ``0.650 → 0.700``,
        a side with a range as ``evaluate --strength`` writes it, ``0.500..0.800``."""
        def one(value: float, low_high: tuple[float, float] | None) -> str:
            if low_high is None:
                return f"{value:.3f}"
            return f"{low_high[0]:.3f}..{low_high[1]:.3f}"

        return (f"{one(self.strength_before, self.range_before)} → "
                f"{one(self.strength_after, self.range_after)}")


@dataclass(frozen=True)
class Diff:
    """What a change does to a set of maps (see :func:`argmap.diff.changes`)."""

    old: str
    """What the old side is, as given: a path, or ``REV:path``."""
    new: str
    nodes: tuple[NodeChange, ...]
    relations: tuple[RelationChange, ...]
    introduced: tuple[Problem, ...]
    """Check findings of the new side not found on the old (matched by fingerprint)."""
    resolved: tuple[Problem, ...]
    """Check findings of the old side gone from the new."""
    recommendations: tuple[RecommendationChange, ...]
    acceptance: tuple[AcceptanceChange, ...]
    maps_added: tuple[str, ...] = ()
    maps_removed: tuple[str, ...] = ()
    threshold: float | None = None
    """A DF-QuAD strength whose crossing counts as ``acceptance-changed`` (``--threshold``);
    None: only grounded labels count."""

    @property
    def empty(self) -> bool:
        """Whether nothing changed in the argument."""
        return not (self.nodes or self.relations or self.introduced or self.resolved
                    or self.recommendations or self.acceptance or self.maps_added
                    or self.maps_removed)

    def holds(self, condition: FailOn) -> bool:
        """Whether the ``--fail-on`` ``condition`` holds for this diff."""
        if condition is FailOn.ANY_CHANGE:
            return not self.empty
        if condition is FailOn.NEW_FINDING:
            return bool(self.introduced)
        if condition is FailOn.NEW_ERROR:
            return any(p.severity.value == "error" for p in self.introduced)
        if condition is FailOn.RECOMMENDATION_LOST_EVIDENCE:
            return any(r.lost_evidence for r in self.recommendations)
        threshold = self.threshold
        return any(a.status_before != a.status_after
                   or (threshold is not None and a.crosses(threshold))
                   for a in self.acceptance)

    def counts(self) -> dict[str, int]:
        """How many changes of each sort, by a fixed list of names (for summaries)."""
        out = dict.fromkeys(_COUNTED, 0)
        for n in self.nodes:
            for c in n.changes:
                out[f"nodes {c}"] += 1
        for r in self.relations:
            out[f"relations {r.change}"] += 1
        out["findings introduced"] = len(self.introduced)
        out["findings resolved"] = len(self.resolved)
        out["recommendations with changed support"] = len(self.recommendations)
        out["acceptance changes"] = len(self.acceptance)
        return out


_COUNTED = (
    *(f"nodes {c}" for c in ("added", "removed", "renamed", "retyped", "reworded",
                             "retitled", "confidence-changed", "quote-changed", "quote-unverified",
                             "quote-verified")),
    *(f"relations {c}" for c in ("added", "removed", "retargeted", "changed")),
    "findings introduced", "findings resolved", "recommendations with changed support",
    "acceptance changes",
)
