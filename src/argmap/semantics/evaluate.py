"""Evaluate a map: labels under a semantics, strengths, and what-if comparisons.

:func:`evaluate` is what ``argmap evaluate`` calls: it builds the framework of
the map (:func:`~argmap.semantics.framework.from_graph`), labels it and reports
per node. With several labellings (preferred, stable) a node's *status* is the
set of labels it takes across them (its justification status, Wu & Caminada
2010): ``{in}`` is sceptically accepted, ``{in, out}`` credulously, and so on.
:func:`compare` lists what a what-if (``without``, ``assume``) changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from argmap.graph import ArgumentGraph
from argmap.semantics.framework import Framework, from_graph, what_if
from argmap.semantics.labelling import IN, OUT, UNDEC, Label, Labelling, Semantics
from argmap.semantics.solver import DEFAULT_BUDGET, Reasoner
from argmap.semantics.strength import Strengths, dfquad

__all__ = ["MAX_EXTENSIONS", "Change", "Evaluation", "compare", "evaluate", "evaluate_framework",
           "status_text"]

#: Most labellings :func:`evaluate` keeps by default: a few undecided arguments can
#: have millions of them (20 mutual attacks: 2^20). The status of every node is
#: exact however many there are.
MAX_EXTENSIONS = 1000

_ORDER = (Label.IN, Label.OUT, Label.UNDEC)
_CODES = ((IN, Label.IN), (OUT, Label.OUT), (UNDEC, Label.UNDEC))
_LABEL_OF = dict(_CODES)


def status_text(status: frozenset[Label] | None) -> str:
    """``in``, ``out``, ``undec``, ``in|out``, ...; ``none`` without any labelling,
    ``removed`` for a node taken away."""
    if status is None:
        return "removed"
    return "|".join(label.value for label in _ORDER if label in status) or "none"


@dataclass(frozen=True)
class Evaluation:
    """The result of :func:`evaluate`."""

    semantics: Semantics
    framework: Framework
    labellings: list[Labelling]
    """The first labellings found, at most the ``limit`` asked for."""
    status: dict[str, frozenset[Label]]
    """Node key -> the labels it takes across the labellings (map order)."""
    strengths: Strengths | None
    without: tuple[str, ...] = ()
    assume: tuple[tuple[str, bool], ...] = ()
    exhaustive: bool = True
    """Whether :attr:`labellings` holds every labelling (not cut at the limit)."""

    def extensions(self) -> list[list[str]]:
        """The node keys labelled in, per labelling, each sorted; sorted."""
        fw = self.framework
        nodes = set(fw.node_arguments())
        return sorted(sorted(fw.names[a] for a in lab.extension() if a in nodes)
                      for lab in self.labellings)

    def counts(self) -> dict[str, int]:
        """How many nodes have each status text."""
        out: dict[str, int] = {}
        # Counted by status first: a text per node cost a second on a million of them.
        for status, count in Counter(self.status.values()).items():
            text = status_text(status)
            out[text] = out.get(text, 0) + count
        return out


def evaluate(graph: ArgumentGraph, semantics: Semantics = Semantics.GROUNDED, *,
             strength: bool = False, without: Iterable[str] = (),
             assume: Mapping[str, bool] | None = None,
             limit: int | None = MAX_EXTENSIONS,
             budget: int | None = DEFAULT_BUDGET) -> Evaluation:
    """Label the map's nodes under ``semantics`` (and compute DF-QuAD strengths).

    ``without`` and ``assume`` are as in :func:`~argmap.semantics.framework.from_graph`.
    At most ``limit`` labellings are kept (``None``: all); a node's status is exact
    all the same: a label no kept labelling gives it is asked of the solver. ``budget``
    bounds the solver (see :class:`~argmap.semantics.solver.Reasoner`).
    """
    without = tuple(without)
    assume = dict(assume or {})
    fw = from_graph(graph, without=without, assume=assume)
    strengths = dfquad(graph, without=without, assume=assume) if strength else None
    return _label(fw, semantics, limit, budget, strengths, without, assume)


def evaluate_framework(fw: Framework, semantics: Semantics = Semantics.GROUNDED, *,
                       without: Iterable[str] = (), assume: Mapping[str, bool] | None = None,
                       limit: int | None = MAX_EXTENSIONS,
                       budget: int | None = DEFAULT_BUDGET) -> Evaluation:
    """:func:`evaluate` for an abstract framework (read from an ICCMA file, say): the
    status of every named argument; ``without`` and ``assume`` name arguments
    (:func:`~argmap.semantics.framework.what_if`)."""
    without = tuple(without)
    assume = dict(assume or {})
    if without or assume:
        fw = what_if(fw, without, assume)
    return _label(fw, semantics, limit, budget, None, without, assume)


def _label(fw: Framework, semantics: Semantics, limit: int | None, budget: int | None,
           strengths: Strengths | None, without: tuple[str, ...],
           assume: dict[str, bool]) -> Evaluation:
    reasoner = Reasoner(fw, semantics, budget=budget)
    labs: list[Labelling] = []
    exhaustive = True
    for lab in reasoner.extensions():
        if limit is not None and len(labs) >= limit:
            exhaustive = False
            break
        labs.append(lab)
    status: dict[str, frozenset[Label]] = {}
    names = fw.names
    if exhaustive and len(labs) == 1:
        # One labelling (grounded, always): one label each, without a set per argument.
        of_code = [frozenset({_LABEL_OF[code]}) for code in range(len(_CODES))]
        codes = labs[0].codes
        nodes = fw.node_arguments()
        if len(nodes) == len(fw):
            # Every argument a node (a framework file): the dict made in C, 0.1 s for a
            # million arguments where a loop took 0.5 s.
            status = dict(zip(names, map(of_code.__getitem__, codes), strict=True))
        else:
            for a in nodes:
                status[names[a]] = of_code[codes[a]]
    else:
        for a in fw.node_arguments():
            seen = {lab.codes[a] for lab in labs}
            if not exhaustive:
                seen |= {code for code, _ in _CODES
                         if code not in seen and reasoner.possible(a, (code,))}
            status[names[a]] = frozenset(label for code, label in _CODES if code in seen)
    return Evaluation(semantics, fw, labs, status, strengths, without,
                      tuple(sorted(assume.items())), exhaustive)


class Change(NamedTuple):
    """A node whose status (or strength) differs between two evaluations."""

    key: str
    before: str
    after: str
    strength_before: float | None = None
    strength_after: float | None = None


def compare(baseline: Evaluation, other: Evaluation, *, tolerance: float = 5e-4) -> list[Change]:
    """Nodes whose status differs, or whose strength moves by more than ``tolerance``."""
    out = []
    sb = baseline.strengths.values if baseline.strengths else {}
    so = other.strengths.values if other.strengths else {}
    for key, status in baseline.status.items():
        before, after = status_text(status), status_text(other.status.get(key))
        b, a = sb.get(key), so.get(key)
        moved = b is not None and (a is None or abs(a - b) > tolerance)
        if before != after or moved:
            out.append(Change(key, before, after, b, a))
    return out
