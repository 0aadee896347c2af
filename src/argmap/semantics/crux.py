"""What a recommendation hangs on: the smallest sets of rejections that bring it down.

:func:`crux` looks for the smallest sets of *rejections* (a piece of evidence or an
assumption taken away, or a relation denied) after which the recommendation is no
longer accepted: not in the grounded labelling, or (``semantics=PREFERRED``) not in
every preferred extension. With a ``threshold``, it also looks for the smallest sets
of evidence and assumptions whose removal moves the recommendation's DF-QuAD
strength below it.

The map's framework is built once, every relation made an argument of its own
(:func:`~argmap.semantics.framework.from_graph` with ``reify``), so that rejecting
anything is labelling its argument out: an argument labelled out has no effect on any
other label, exactly as if it were taken away. Sets are tried by size, smallest first,
among the rejections that can reach the recommendation (arguments with a chain of
attacks to it); a set containing a smaller crux is not tried, so every crux is minimal.
A grounded labelling decides each set in time linear in the map; under preferred
semantics a set is only given to the SAT solver once the grounded labelling no longer
accepts the recommendation (grounded acceptance implies sceptical preferred acceptance).
At most :data:`MAX_CHECKS` sets are tried: past them the result says it is incomplete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from argmap.errors import UsageError, unknown_node
from argmap.graph import ArgumentGraph
from argmap.records import NodeKind
from argmap.semantics.framework import ArgKind, Framework, from_graph, from_pairs
from argmap.semantics.labelling import IN, OUT, Semantics
from argmap.semantics.solver import DEFAULT_BUDGET, Reasoner
from argmap.semantics.strength import dfquad

__all__ = ["MAX_CHECKS", "MAX_SIZE", "MAX_WORK", "Crux", "CruxResult", "Rejection", "crux",
           "crux_framework"]

#: Most sets of rejections tried for one recommendation.
MAX_CHECKS = 200_000
#: Most work for one recommendation, counted as the arguments and attacks each set's
#: labelling walks (0.05 to 0.1 us each here: 5 to 10 s of CPU at most). A set costs a
#: pass over all that can reach the recommendation, so on a big map a count of sets alone
#: does not bound the time (3,000 generated nodes: over 120 s before this bound).
MAX_WORK = 100_000_000
#: Largest set of rejections looked for by default.
MAX_SIZE = 2

_REJECTABLE = (NodeKind.EVIDENCE, NodeKind.ASSUMPTION)
_LABEL = {0: "undec", IN: "in", OUT: "out"}


@dataclass(frozen=True, order=True)
class Rejection:
    """One thing rejected: a node taken away (``node``) or a relation denied (``edge``)."""

    rank: int
    """Evidence 0, assumptions 1, relations 2: the order cruxes of one size are listed in."""
    node: str | None = None
    edge: int | None = None


@dataclass(frozen=True)
class Crux:
    """A minimal set of rejections, and what the recommendation becomes after it."""

    rejections: tuple[Rejection, ...]
    after: str
    """Its label after the rejections (``undec``, ``out``, ``in|out`` under preferred), or
    its strength as text for a DF-QuAD crux."""


@dataclass
class CruxResult:
    """The result of :func:`crux`."""

    key: str
    semantics: Semantics
    accepted: bool
    """Whether the recommendation is accepted before anything is rejected."""
    cruxes: list[Crux] = field(default_factory=list)
    strength: float | None = None
    threshold: float | None = None
    strength_cruxes: list[Crux] = field(default_factory=list)
    candidates: int = 0
    checks: int = 0
    complete: bool = True
    """False when :data:`MAX_CHECKS` or :data:`MAX_WORK` stopped the search before
    ``max_size``."""


def _grounded_codes(fw: Framework, counts: list[int], forced: Sequence[int]) -> bytearray:
    """The grounded label codes with the ``forced`` arguments out."""
    return _grounded(fw, counts, forced)[0]


def _grounded(fw: Framework, counts: list[int],
              forced: Sequence[int]) -> tuple[bytearray, list[int]]:
    """The grounded label codes with the ``forced`` arguments out, and when each argument
    was labelled (its place in the order, forced ones first)."""
    targets = fw.targets
    waiting = counts.copy()
    codes = bytearray(len(counts))
    when = [-1] * len(counts)
    step = 0
    for x in forced:
        codes[x] = OUT
        when[x] = step
        step += 1
    for x in forced:
        for c in targets[x]:
            waiting[c] -= 1
    queue = [a for a, w in enumerate(waiting) if not w and not codes[a]]
    for a in queue:
        codes[a] = IN
        when[a] = step
        step += 1
    while queue:
        a = queue.pop()
        for b in targets[a]:
            if not codes[b]:
                codes[b] = OUT
                when[b] = step
                step += 1
                for c in targets[b]:
                    waiting[c] -= 1
                    if not waiting[c] and not codes[c]:
                        codes[c] = IN
                        when[c] = step
                        step += 1
                        queue.append(c)
    return codes, when


def _defence(fw: Framework, codes: bytearray, when: list[int], target: int) -> set[int]:
    """The arguments ``target`` (in) owes its label to: every attacker (out), and for each
    of those the attacker that put it out first, recursively. Forcing out anything else
    keeps every one of them labelled as it is (the reasons are well-founded, labelled
    in order), so ``target`` stays in."""
    seen, stack = {target}, [target]
    attackers = fw.attackers
    while stack:
        a = stack.pop()
        if codes[a] == IN:
            nxt = attackers[a]
        else:
            ins = [b for b in attackers[a] if codes[b] == IN and when[b] < when[a]]
            nxt = [min(ins, key=when.__getitem__)] if ins else []
        for b in nxt:
            if b not in seen:
                seen.add(b)
                stack.append(b)
    return seen


def _cone(fw: Framework, target: int) -> set[int]:
    """The arguments with a chain of attacks to ``target`` (itself included)."""
    seen, stack = {target}, [target]
    attackers = fw.attackers
    while stack:
        for b in attackers[stack.pop()]:
            if b not in seen:
                seen.add(b)
                stack.append(b)
    return seen


def _with_out(fw: Framework, forced: Sequence[int]) -> Framework:
    """``fw`` with an unattacked attacker of each forced argument (for the solver)."""
    n = len(fw)
    attackers = [a for a in range(n) for _ in fw.targets[a]]
    attacked = [b for a in range(n) for b in fw.targets[a]]
    extra = list(range(n, n + len(forced)))
    return from_pairs([*fw.names, *(f"~rejected{i}" for i in extra)], attackers + extra,
                      attacked + list(forced))


def _minimal(candidates: list[Rejection], found: list[frozenset[Rejection]],
             max_size: int) -> Iterator[tuple[Rejection, ...]]:
    for size in range(1, max_size + 1):
        for combo in combinations(candidates, size):
            chosen = frozenset(combo)
            if not any(f <= chosen for f in found):
                yield combo


def _restricted(fw: Framework, cone: set[int]) -> tuple[Framework, dict[int, int]]:
    """The part of ``fw`` made of ``cone``, and where each of its arguments went. Nothing
    outside the cone attacks into it, so grounded and preferred labels inside it are the
    same as in the whole (both semantics are directional): each set's labelling then walks
    only what can reach the recommendation."""
    order = sorted(cone)
    position = {a: i for i, a in enumerate(order)}
    attackers: list[int] = []
    attacked: list[int] = []
    for a in order:
        for b in fw.targets[a]:
            if b in position:
                attackers.append(position[a])
                attacked.append(position[b])
    return from_pairs([fw.names[a] for a in order], attackers, attacked), position


def crux_framework(graph: ArgumentGraph) -> Framework:
    """The framework :func:`crux` searches: ``graph``'s, every relation an argument."""
    return from_graph(graph, reify=range(len(graph.edges)))


def crux(graph: ArgumentGraph, key: str, *, semantics: Semantics = Semantics.GROUNDED,
         max_size: int = MAX_SIZE, threshold: float | None = None,
         budget: int | None = DEFAULT_BUDGET, max_checks: int = MAX_CHECKS,
         max_work: int = MAX_WORK, framework: Framework | None = None) -> CruxResult:
    """The minimal sets of at most ``max_size`` rejections that bring ``key`` down.

    ``semantics``: grounded, or preferred (sceptical acceptance). ``threshold``: also the
    minimal sets of evidence and assumptions that put its DF-QuAD strength below it.
    ``max_checks``: most sets tried; ``max_work``: most arguments and attacks walked, a
    labelling's worth for each set (past either, the result is marked incomplete).
    ``framework``: :func:`crux_framework` of ``graph``, to build it once for many nodes.
    """
    if key not in graph.nodes:
        raise unknown_node(key, graph.nodes)
    if semantics not in (Semantics.GROUNDED, Semantics.PREFERRED):
        raise UsageError("crux looks at grounded acceptance or sceptical preferred "
                         f"acceptance, not {semantics.value}")
    whole = framework if framework is not None else crux_framework(graph)
    cone = _cone(whole, whole.index[key])
    candidates: list[Rejection] = []
    argument_of: dict[Rejection, int] = {}
    for a in sorted(cone):
        origin = whole.origins[a]
        rejection = None
        if origin.kind is ArgKind.NODE and origin.key != key \
                and graph.nodes[origin.key or ""].kind in _REJECTABLE:
            kind = graph.nodes[origin.key or ""].kind
            rejection = Rejection(_REJECTABLE.index(kind), node=origin.key)
        elif origin.kind is ArgKind.RELATION:
            rejection = Rejection(2, edge=origin.edge)
        if rejection is not None:
            candidates.append(rejection)
            argument_of[rejection] = a
    candidates.sort(key=lambda r: (r.rank, argument_of[r]))
    fw, position = _restricted(whole, cone)
    target = position[whole.index[key]]
    counts = fw.attacker_counts()
    cost = len(fw) + sum(counts)

    def status(forced: Sequence[int], codes: bytearray) -> str | None:
        """The recommendation's label if it is no longer accepted, else None."""
        if codes[target] == IN:
            return None
        if semantics is Semantics.GROUNDED:
            return _LABEL[codes[target]]
        reasoner = Reasoner(_with_out(fw, forced), Semantics.PREFERRED, budget=budget)
        if reasoner.sceptical(target):
            return None
        labels = [c for c in (IN, OUT, 0) if reasoner.possible(target, (c,))]
        return "|".join(_LABEL[c] for c in labels) or "none"

    base = _grounded_codes(fw, counts, [])
    result = CruxResult(key, semantics, status([], base) is None, candidates=len(candidates))
    if result.accepted:
        _search(result, candidates, [position[argument_of[r]] for r in candidates], target,
                max_size, fw, counts, status, min(max_checks, max_work // cost))
    if threshold is not None:
        # Each DF-QuAD evaluation walks the whole map.
        strength_cost = len(graph.nodes) + len(graph.edges) + 1
        _strength_cruxes(graph, key, threshold, max_size, candidates, result,
                         min(max_checks, result.checks + max_work // strength_cost))
    return result


def _search(result: CruxResult, candidates: list[Rejection], arguments: list[int],
            target: int, max_size: int, fw: Framework, counts: list[int],
            status: Callable[[list[int], bytearray], str | None], max_checks: int) -> None:
    """Sets by size, each extending a smaller set that is not a crux, with an argument
    that can change the answer. Forcing out an argument the smaller set's grounded
    labelling has out already leaves every complete labelling as it was, so a minimal
    crux is always reached by adding, in some order, arguments that are not out at
    the time they are added (the sets are tried once each, whatever the order). While
    the recommendation is in the grounded extension, only forcing out an argument of
    its defence (:func:`_defence`) can take it out: any other larger set is no crux,
    though it may still grow into one."""
    found: list[frozenset[int]] = []
    frontier: list[tuple[tuple[int, ...], bytearray, set[int] | None]] = []
    codes, when = _grounded(fw, counts, [])
    frontier.append(((), codes, _defence(fw, codes, when, target)
                     if codes[target] == IN else None))
    for size in range(1, max_size + 1):
        last = size == max_size
        following: list[tuple[tuple[int, ...], bytearray, set[int] | None]] = []
        tried: set[frozenset[int]] = set()
        for prefix, codes, defence in frontier:
            for i in range(len(candidates)):
                argument = arguments[i]
                if codes[argument] == OUT or i in prefix:
                    continue
                hopeless = defence is not None and argument not in defence
                if hopeless and last:
                    continue
                combo = tuple(sorted((*prefix, i)))
                chosen = frozenset(combo)
                if chosen in tried or any(f <= chosen for f in found):
                    continue
                tried.add(chosen)
                if result.checks >= max_checks:
                    result.complete = False
                    return
                result.checks += 1
                forced = [arguments[j] for j in combo]
                after_codes, after_when = _grounded(fw, counts, forced)
                after = None if hopeless else status(forced, after_codes)
                if after is not None:
                    found.append(chosen)
                    result.cruxes.append(Crux(tuple(candidates[j] for j in combo), after))
                elif not last:
                    following.append((combo, after_codes, _defence(
                        fw, after_codes, after_when, target)
                        if after_codes[target] == IN else None))
        frontier = following


def _strength_cruxes(graph: ArgumentGraph, key: str, threshold: float, max_size: int,
                     candidates: list[Rejection], result: CruxResult, max_checks: int) -> None:
    result.threshold = threshold
    result.strength = dfquad(graph).values[key]
    if result.strength < threshold:
        return
    nodes = [r for r in candidates if r.node is not None]
    found: list[frozenset[Rejection]] = []
    for combo in _minimal(nodes, found, max_size):
        if result.checks >= max_checks:
            result.complete = False
            return
        result.checks += 1
        value = dfquad(graph, without=[r.node for r in combo if r.node]).values[key]
        if value < threshold:
            found.append(frozenset(combo))
            result.strength_cruxes.append(Crux(combo, f"{value:.3f}"))
