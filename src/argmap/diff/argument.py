"""What a change does to the argument: findings, what recommendations rest on, acceptance.

* Findings: ``argmap check`` (default rules, each map's ``check:`` block) runs on
  both sides; a finding is matched by the baseline's fingerprint
  (:func:`argmap.baseline.fingerprint`: rule, map, node, message without line
  numbers), with the map taken by its paired path and a renamed node by its new
  id, so that moving a node or renaming it does not make its findings new.
* Support: a recommendation kept by the change is reported when what it rests on
  (the grounds its support tree ends at, as ``argmap query rests-on`` shows them)
  or the number of pieces of evidence under it changed. Only recommendations
  above a node whose supporters changed are walked.
* Acceptance: grounded labels and DF-QuAD strengths (:mod:`argmap.semantics`)
  of the nodes kept, before and after, with the ranges of strength that the maps'
  intervals leave open (a change of range alone is a change).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from argmap import ArgumentGraph, NodeKind, Problem, check
from argmap import baseline as fingerprints
from argmap.config import Overrides, resolve
from argmap.diff.result import AcceptanceChange, NodeChange, RecommendationChange, RelationChange
from argmap.errors import Location, shown
from argmap.semantics import Semantics, Strengths, evaluate, status_text

if TYPE_CHECKING:
    from argmap.diff.pairing import Matching, Side

__all__ = ["MAX_SUPPORT_STEPS", "TOLERANCE", "Findings", "acceptance_changes", "support_changes"]

#: Steps of the walks of recommendations' support in one diff (each step a node; about a
#: second): past it, only whether a recommendation rests on evidence is compared.
MAX_SUPPORT_STEPS = 2_000_000
#: Strength changes smaller than this are not reported (as ``argmap evaluate --without``).
TOLERANCE = 5e-4
_QUOTE_RULE = "quote-not-found"
#: An id as messages quote it: 'coercion-fails'.
_QUOTED_ID = re.compile(r"'([A-Za-z0-9][A-Za-z0-9_.-]*)'")


class Findings:
    """The check findings of both sides, matched: introduced, resolved, and whose
    node quotes the quote check does not find."""

    def __init__(self, old: Side, new: Side, matching: Matching) -> None:
        old_all, old_acknowledged = _run(old)
        new_all, new_acknowledged = _run(new)
        self._old_quotes = _unverified(old_all + old_acknowledged)
        self._new_quotes = _unverified(new_all + new_acknowledged)
        old_prints = _Prints(old, matching).of(old_all)
        left = Counter(old_prints)
        introduced = []
        for p, fp in zip(new_all, _Prints(new, None).of(new_all), strict=True):
            if left[fp] > 0:
                left[fp] -= 1
            else:
                introduced.append(new.show(p))
        resolved = []
        # The last of a fingerprint's findings go first.
        for p, fp in zip(reversed(old_all), reversed(old_prints), strict=True):
            if left[fp] > 0:
                left[fp] -= 1
                resolved.append(old.show(p))
        self.introduced = tuple(introduced)
        self.resolved = tuple(reversed(resolved))

    def unverified_before(self, key: str) -> bool:
        """Whether the quote check did not find the quote of old node ``key``."""
        return key in self._old_quotes

    def unverified_after(self, key: str) -> bool:
        """Whether the quote check does not find the quote of new node ``key``."""
        return key in self._new_quotes


def _run(side: Side) -> tuple[list[Problem], list[Problem]]:
    base, per_map = resolve(side.maps, side.settings, Overrides())
    result = check(side.maps, base, per_map)
    return list(result.findings), [p for p, _ in result.acknowledged]


def _unverified(problems: Iterable[Problem]) -> set[str]:
    """Keys of the nodes whose own quote (not a relation's) the quote check did not find."""
    out = set()
    for p in problems:
        if p.code == _QUOTE_RULE and p.node is not None:
            nid = p.node.partition(":")[2]
            if p.message.startswith(f"quote of {shown(nid)} not found"):
                out.add(p.node)
    return out


class _Prints:
    """Fingerprints of one side's findings, as if its maps were at their paired paths and
    its renamed nodes had their new ids."""

    def __init__(self, side: Side, matching: Matching | None) -> None:
        self.paths = {m.path: side.paths[m.name] for m in side.maps if not m.context}
        self.names = {m.path: m.name for m in side.maps}
        self.matching = matching
        self.cwd = Path.cwd()
        # Old map name -> {old id: new id} of its renamed nodes: a message names nodes
        # (its own, and others: "'a' and 'b' are in tension") by id, in quotes.
        self.renamed: dict[str, dict[str, str]] = {}
        for old_key, (new_id, _) in (matching.renamed.items() if matching else ()):
            name, _, old_id = old_key.partition(":")
            self.renamed.setdefault(name, {})[old_id] = new_id

    def of(self, problems: list[Problem]) -> list[str]:
        """The fingerprints of ``problems``."""
        return fingerprints.fingerprints(map(self._as_paired, problems), self.cwd)

    def _as_paired(self, p: Problem) -> Problem:
        path = p.location.path
        folder = os.path.dirname(path)
        message = p.message.replace(folder + os.sep, "") if folder else p.message
        node = p.node
        if self.matching is not None:
            if node is not None:
                node = self.matching.keys.get(node, node)
            renamed = self.renamed.get(self.names.get(path, ""))
            if renamed:
                message = _QUOTED_ID.sub(
                    lambda m: shown(renamed.get(m.group(1), m.group(1))), message)
        displayed = self.paths.get(path, path)
        return p._replace(location=Location(displayed, p.location.line, p.location.col),
                          message=message, node=node)


def _ancestry(graph: ArgumentGraph, key: str, budget: list[int],
              evidence: set[str]) -> tuple[set[str], int] | None:
    """The grounds ``key`` rests on (nodes its support ends at) and how many pieces of
    ``evidence`` (the graph's) its support holds; None once ``budget`` ([steps left]) is
    spent."""
    support_in = graph.support_in
    seen = {key}
    todo = [key]
    grounds: set[str] = set()
    while todo:
        budget[0] -= 1
        if budget[0] < 0:
            return None
        k = todo.pop()
        below = support_in.get(k)
        if not below:
            if k != key:
                grounds.add(k)
            continue
        for s in below:
            if s not in seen:
                seen.add(s)
                todo.append(s)
    seen.discard(key)  # what it rests on, not itself
    return grounds, len(evidence.intersection(seen))


def _evidence(graph: ArgumentGraph) -> set[str]:
    """The keys of the graph's pieces of evidence."""
    return {k for k, n in graph.nodes.items() if n.kind is NodeKind.EVIDENCE}


def _on_evidence(graph: ArgumentGraph, evidence: set[str]) -> set[str]:
    """The nodes whose support reaches some of ``evidence`` (the graph's): one pass over
    the whole graph."""
    return _above(graph, (s for k in evidence for s in graph.support_out.get(k, ())))


def _above(graph: ArgumentGraph, keys: Iterable[str]) -> set[str]:
    """``keys`` and every node they support, directly or not."""
    support_out = graph.support_out
    found = {k for k in keys if k in graph.nodes}
    todo = list(found)
    while todo:
        for t in support_out.get(todo.pop(), ()):
            if t not in found:
                found.add(t)
                todo.append(t)
    return found


def support_changes(old: ArgumentGraph, new: ArgumentGraph, matching: Matching,
                    nodes: Iterable[NodeChange],
                    relations: Iterable[RelationChange]) -> tuple[RecommendationChange, ...]:
    """The recommendations kept whose grounds or evidence changed, in the new maps' order."""
    back = {v: k for k, v in matching.keys.items()}
    touched_new = {n.key for n in nodes} | {r.source for r in relations}
    touched_old = {back.get(k, k) for k in touched_new}
    # A node whose supporters changed (a support added, removed or retargeted elsewhere).
    for key in new.nodes:
        was = back.get(key)
        if was is None:
            continue
        before = {matching.key(s) for s in old.support_in.get(was, ())}
        if before != set(new.support_in.get(key, ())):
            touched_new.add(key)
    candidates = _above(new, touched_new) | {matching.key(k) for k in _above(old, touched_old)}
    old_evidence, new_evidence = _evidence(old), _evidence(new)
    on_before = _on_evidence(old, old_evidence)
    on_after = _on_evidence(new, new_evidence)
    budget = [MAX_SUPPORT_STEPS]
    out = []
    for key, gnode in new.nodes.items():
        was = back.get(key)
        if key not in candidates or was is None or gnode.kind is not NodeKind.RECOMMENDATION:
            continue
        flags = (was in on_before, key in on_after)
        walked_before = _ancestry(old, was, budget, old_evidence)
        walked_after = (_ancestry(new, key, budget, new_evidence) if walked_before is not None
                        else None)
        if walked_before is None or walked_after is None:
            if flags[0] != flags[1]:
                out.append(RecommendationChange(key, (), (), None, None, *flags))
            continue
        translated = {matching.key(k) for k in walked_before[0]}
        grounds, evidence = walked_after
        if translated != grounds or walked_before[1] != evidence:
            out.append(RecommendationChange(key, tuple(sorted(grounds - translated)),
                                            tuple(sorted(translated - grounds)),
                                            walked_before[1], evidence, *flags))
    return tuple(out)


def acceptance_changes(old: ArgumentGraph, new: ArgumentGraph,
                       matching: Matching) -> tuple[AcceptanceChange, ...]:
    """The nodes kept whose grounded label or DF-QuAD strength changed, in the new maps'
    order."""
    before = evaluate(old, Semantics.GROUNDED, strength=True)
    after = evaluate(new, Semantics.GROUNDED, strength=True)
    sb = before.strengths.values if before.strengths else {}
    sa = after.strengths.values if after.strengths else {}
    rb, ra = _open(before.strengths), _open(after.strengths)
    back = {v: k for k, v in matching.keys.items()}
    out = []
    for key in new.nodes:
        was = back.get(key)
        if was is None:
            continue
        # Statuses compared as sets: their texts (one to one) only for those reported.
        status_before, status_after = before.status.get(was), after.status.get(key)
        b, a = sb.get(was, 0.0), sa.get(key, 0.0)
        range_before, range_after = rb.get(was), ra.get(key)
        # A range that widened or narrowed around the same midpoint is a change too:
        # compared by its bounds (a side without a range is its one value at both ends).
        low_high_before = range_before or (b, b)
        low_high_after = range_after or (a, a)
        if status_before != status_after or abs(a - b) > TOLERANCE or any(
                abs(x - y) > TOLERANCE for x, y in zip(low_high_before, low_high_after,
                                                        strict=True)):
            out.append(AcceptanceChange(key, status_text(status_before),
                                        status_text(status_after), round(b, 4), round(a, 4),
                                        _rounded(range_before), _rounded(range_after)))
    return tuple(out)


def _open(strengths: Strengths | None) -> dict[str, tuple[float, float]]:
    """The strength ranges the map's intervals leave open (low below high), by node key:
    those ``evaluate --strength`` shows."""
    if strengths is None:
        return {}
    return {k: (low, high) for k, (low, high) in strengths.ranges.items() if low < high}


def _rounded(low_high: tuple[float, float] | None) -> tuple[float, float] | None:
    return None if low_high is None else (round(low_high[0], 4), round(low_high[1], 4))
