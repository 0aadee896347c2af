"""Evidence that names no source.

Evidence is what the argument rests on; a reader must be able to check it.
Give every evidence node a `source` (defined under `sources`), ideally with a
`locator` and a verbatim `quote`.

Failing example:

    argmap: 1
    title: Unsourced
    nodes:
      - id: inflation-high
        kind: evidence
        text: Inflation stayed high.
        supports: [economy-strained]
      - id: economy-strained
        kind: claim
        text: The economy is strained.

Passing example:

    argmap: 1
    title: Sourced
    sources:
      - id: survey
        title: Household survey
    nodes:
      - id: inflation-high
        kind: evidence
        text: Inflation stayed high.
        source: survey
        supports: [economy-strained]
      - id: economy-strained
        kind: claim
        text: The economy is strained.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import Context, Finding
from argmap.errors import Severity, shown
from argmap.records import NodeKind

ID = "evidence-without-source"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    """Evidence nodes with no ``source``."""
    for n in ctx.of_kind[NodeKind.EVIDENCE]:
        if n.node.source is None:
            yield Finding(n, f"evidence {shown(n.node.id)} has no source",
                          hint="add `source: <source-id>` and define the source under `sources`")
