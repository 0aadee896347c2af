"""A node with no relation at all.

It neither supports, attacks nor undercuts anything, and nothing bears on it:
it is not part of the argument. Either connect it or remove it. Relations
count whoever draws them: with `--source-only`, a node that only the analyst
connects is still part of the map, not an orphan.

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

from argmap.checks._base import KIND_WORD, Context, Finding
from argmap.errors import Severity, shown

ID = "orphan-node"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    """Nodes with neither incoming nor outgoing relations (undercuts included)."""
    g = ctx.full_graph
    support_in, attack_in = g.support_in, g.attack_in
    for key, n in g.nodes.items():
        node = n.node
        # Relations written under the node, or supports and attacks that reach it
        # (undercuts reach relations, not nodes).
        if node.supports or node.attacks or node.undercuts or key in support_in \
                or key in attack_in:
            continue
        yield Finding(n, f"{KIND_WORD[node.kind]} {shown(node.id)} is not connected to the "
                         "argument",
                      hint="add a relation to or from it, or remove it")
