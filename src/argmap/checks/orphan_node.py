"""A node with no relation at all.

It neither supports, attacks nor undercuts anything, and nothing bears on it:
it is not part of the argument. Either connect it or remove it.

Failing example:

    argmap: 1
    title: Orphan
    nodes:
      - id: stray
        kind: claim
        text: A thought that goes nowhere.

Passing example:

    argmap: 1
    title: Connected
    sources:
      - id: article
        title: The article
    nodes:
      - id: talks-collapsed
        kind: evidence
        text: The talks collapsed.
        source: article
        supports: [direct-talks-failed]
      - id: direct-talks-failed
        kind: claim
        text: Direct talks have failed.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import Context, Finding
from argmap.errors import Severity

ID = "orphan-node"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    """Nodes with neither incoming nor outgoing relations (undercuts included)."""
    g = ctx.graph
    undercut_targets = {g.edges[i].source for i in g.undercut_by}
    for key, n in g.nodes.items():
        if g.out_edges[key] or g.in_edges[key] or key in undercut_targets:
            continue
        yield Finding(n, f"{n.kind.value} {n.id!r} is not connected to the argument",
                      hint="add a relation to or from it, or remove it")
