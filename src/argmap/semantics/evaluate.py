"""Evaluate a map: labels under a semantics, strengths, and what-if comparisons.

:func:`evaluate` is what ``argmap evaluate`` calls: it builds the framework of
the map (:func:`~argmap.semantics.framework.from_graph`), labels it and reports
per node. With several labellings (preferred, stable) a node's *status* is the
set of labels it takes across them (its justification status, Wu & Caminada
2010): ``{in}`` is sceptically accepted, ``{in, out}`` credulously, and so on.
:func:`compare` lists what a what-if (``without``, ``assume``) changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from argmap.graph import ArgumentGraph
from argmap.semantics.framework import Framework, from_graph
from argmap.semantics.labelling import Label, Labelling, Semantics
from argmap.semantics.search import DEFAULT_LIMIT, MAX_EXTENSIONS, labellings
from argmap.semantics.strength import Strengths, dfquad

__all__ = ["Change", "Evaluation", "compare", "evaluate", "status_text"]

_ORDER = (Label.IN, Label.OUT, Label.UNDEC)


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
    status: dict[str, frozenset[Label]]
    """Node key -> the labels it takes across the labellings (map order)."""
    strengths: Strengths | None
    without: tuple[str, ...] = ()
    assume: tuple[tuple[str, bool], ...] = ()

    def extensions(self) -> list[list[str]]:
        """The node keys labelled in, per labelling, each sorted; sorted."""
        fw = self.framework
        nodes = set(fw.node_arguments())
        return sorted(sorted(fw.names[a] for a in lab.extension() if a in nodes)
                      for lab in self.labellings)

    def counts(self) -> dict[str, int]:
        """How many nodes have each status text."""
        out: dict[str, int] = {}
        for status in self.status.values():
            text = status_text(status)
            out[text] = out.get(text, 0) + 1
        return out


def evaluate(graph: ArgumentGraph, semantics: Semantics = Semantics.GROUNDED, *,
             strength: bool = False, without: Iterable[str] = (),
             assume: Mapping[str, bool] | None = None,
             limit: int | None = DEFAULT_LIMIT,
             max_extensions: int | None = MAX_EXTENSIONS) -> Evaluation:
    """Label the map's nodes under ``semantics`` (and compute DF-QuAD strengths).

    ``without`` and ``assume`` are as in :func:`~argmap.semantics.framework.from_graph`;
    ``limit`` and ``max_extensions`` bound the preferred and stable search
    (``None``: no bound; see :func:`~argmap.semantics.search.preferred`).
    """
    without = tuple(without)
    assume = dict(assume or {})
    fw = from_graph(graph, without=without, assume=assume)
    labs = labellings(fw, semantics, limit=limit, max_extensions=max_extensions)
    status = {fw.names[a]: frozenset(lab[a] for lab in labs) for a in fw.node_arguments()}
    strengths = dfquad(graph, without=without, assume=assume) if strength else None
    return Evaluation(semantics, fw, labs, status, strengths, without,
                      tuple(sorted(assume.items())))


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
