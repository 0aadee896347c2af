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
from argmap.errors import Severity, shown
from argmap.records import RelationKind

ID = "supports-and-attacks"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    """Pairs (source, target) that appear with both supports and attacks."""
    g = ctx.graph
    support_out = g.support_out
    empty: tuple[str, ...] = ()
    # The attackers that also support their target, from the adjacency (a pass over the
    # attacks, not over every relation); the relations, in file order, only when some do.
    both = {source for target, sources in g.attack_in.items() for source in sources
            if target in support_out.get(source, empty)}
    if not both:
        return
    for e in g.edges:
        if e.kind is RelationKind.ATTACKS and e.source in both \
                and e.target in support_out[e.source]:
            yield Finding(e, f"{shown(g.nodes[e.source].node.id)} both supports and attacks "
                          f"{shown(g.label(e.target, e.map))}",
                          hint="keep the relation you mean and delete the other")
