"""Acceptability of a map's nodes: formal argumentation semantics and gradual strength.

See docs/semantics.md for how supports and undercuts are read and for references.
"""

from argmap.semantics.evaluate import (
    MAX_EXTENSIONS,
    Change,
    Evaluation,
    compare,
    evaluate,
    evaluate_framework,
    status_text,
)
from argmap.semantics.explain import Reason, explain
from argmap.semantics.framework import (
    ArgKind,
    Framework,
    Origin,
    from_attacks,
    from_graph,
    from_numbers,
    from_pairs,
    what_if,
)
from argmap.semantics.labelling import Label, Labelling, Semantics, grounded, status
from argmap.semantics.solver import (
    DEFAULT_BUDGET,
    Reasoner,
    SearchTooLarge,
    credulous,
    extensions,
    labellings,
    possible,
    preferred,
    sceptical,
    stable,
)
from argmap.semantics.strength import DEFAULT_BASE, Strengths, dfquad

__all__ = [
    "DEFAULT_BASE",
    "DEFAULT_BUDGET",
    "MAX_EXTENSIONS",
    "ArgKind",
    "Change",
    "Evaluation",
    "Framework",
    "Label",
    "Labelling",
    "Origin",
    "Reason",
    "Reasoner",
    "SearchTooLarge",
    "Semantics",
    "Strengths",
    "compare",
    "credulous",
    "dfquad",
    "evaluate",
    "evaluate_framework",
    "explain",
    "extensions",
    "from_attacks",
    "from_graph",
    "from_numbers",
    "from_pairs",
    "grounded",
    "labellings",
    "possible",
    "preferred",
    "sceptical",
    "stable",
    "status",
    "status_text",
    "what_if",
]
