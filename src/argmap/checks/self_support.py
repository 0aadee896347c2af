"""A node that supports itself.

`supports: [x]` under node `x` is circular in one step: the node is its own
reason. Usually a copy-paste slip in an id.

Failing example:

    argmap: 1
    title: Self-support
    nodes:
      - id: policy-failed
        kind: claim
        text: The policy failed.
        supports: [policy-failed]

Passing example:

    argmap: 1
    title: No self-support
    sources:
      - id: article
        title: The article
    nodes:
      - id: clashes
        kind: evidence
        text: Border clashes continued all year.
        source: article
        supports: [policy-failed]
      - id: policy-failed
        kind: claim
        text: The policy failed.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import Context, Finding
from argmap.errors import Severity, shown
from argmap.records import RelationKind

ID = "self-support"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    """Support relations whose source and target are the same node."""
    g = ctx.graph
    # Which nodes support themselves, from the adjacency (a pass over the nodes that
    # support something); the relations, in file order, only when some do.
    if not any(key in targets for key, targets in g.support_out.items()):
        return
    for e in g.edges:
        if e.kind is RelationKind.SUPPORTS and e.source == e.target:
            yield Finding(e, f"{shown(g.nodes[e.source].node.id)} supports itself",
                          hint="point the relation at the node it is meant to support")
