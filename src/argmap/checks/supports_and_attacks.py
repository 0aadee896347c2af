"""A node that both supports and attacks the same target.

Reasons for and against at once from one node is a contradiction in the map,
most often a relation left under the wrong key after an edit.

Failing example:

    argmap: 1
    title: Both ways
    nodes:
      - id: pacts-signed
        kind: claim
        text: Defence pacts were signed.
        supports: [diplomacy-works]
        attacks: [diplomacy-works]
      - id: diplomacy-works
        kind: claim
        text: Diplomacy works.

Passing example:

    argmap: 1
    title: One way
    sources:
      - id: news
        title: News report
    nodes:
      - id: pacts-signed
        kind: evidence
        text: Defence pacts were signed.
        source: news
        supports: [diplomacy-works]
      - id: diplomacy-works
        kind: claim
        text: Diplomacy works.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import Context, Finding
from argmap.errors import Severity
from argmap.records import RelationKind

ID = "supports-and-attacks"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    """Pairs (source, target) that appear with both supports and attacks."""
    g = ctx.graph
    for e in g.edges:
        if e.kind is RelationKind.ATTACKS and e.target in g.support_out.get(e.source, ()):
            yield Finding(e, f"{g.nodes[e.source].id!r} both supports and attacks "
                          f"{g.label(e.target, e.map)!r}",
                          hint="keep the relation you mean and delete the other")
