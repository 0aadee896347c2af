"""Acceptability of a map's nodes: formal argumentation semantics and gradual strength.

See docs/semantics.md for how supports and undercuts are read and for references.
"""

from argmap.semantics.evaluate import Change, Evaluation, compare, evaluate, status_text
from argmap.semantics.explain import Reason, explain
from argmap.semantics.framework import ArgKind, Framework, Origin, from_attacks, from_graph
from argmap.semantics.labelling import Label, Labelling, Semantics, grounded, status
from argmap.semantics.search import (
    DEFAULT_LIMIT,
    MAX_EXTENSIONS,
    SearchTooLarge,
    credulous,
    labellings,
    preferred,
    sceptical,
    stable,
)
from argmap.semantics.strength import DEFAULT_BASE, Strengths, dfquad

__all__ = [
    "DEFAULT_BASE",
    "DEFAULT_LIMIT",
    "MAX_EXTENSIONS",
    "ArgKind",
    "Change",
    "Evaluation",
    "Framework",
    "Label",
    "Labelling",
    "Origin",
    "Reason",
    "SearchTooLarge",
    "Semantics",
    "Strengths",
    "compare",
    "credulous",
    "dfquad",
    "evaluate",
    "explain",
    "from_attacks",
    "from_graph",
    "grounded",
    "labellings",
    "preferred",
    "sceptical",
    "stable",
    "status",
    "status_text",
]
