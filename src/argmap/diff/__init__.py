"""``argmap diff``: what a change does to the reasoning of a set of maps.

:func:`diff_paths` compares two files or folders, :func:`diff_revisions` git
revisions; both give a :class:`Diff` (pure data), which :mod:`argmap.diff.formats`
writes as Markdown or JSON (the CLI writes the text report, :mod:`argmap.diff.page` the
HTML page). What changed in a node is said once, in :mod:`argmap.diff.describe`, for all.
"""

from argmap.diff.changes import Side, compare
from argmap.diff.result import (
    FORMAT,
    AcceptanceChange,
    Diff,
    FailOn,
    NodeChange,
    RecommendationChange,
    RelationChange,
    WordOp,
)
from argmap.diff.sides import (
    Comparison,
    compare_paths,
    compare_revisions,
    diff_paths,
    diff_revisions,
)

__all__ = [
    "FORMAT",
    "AcceptanceChange",
    "Comparison",
    "Diff",
    "FailOn",
    "NodeChange",
    "RecommendationChange",
    "RelationChange",
    "Side",
    "WordOp",
    "compare",
    "compare_paths",
    "compare_revisions",
    "diff_paths",
    "diff_revisions",
]
