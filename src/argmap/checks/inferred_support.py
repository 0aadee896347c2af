"""A claim or recommendation whose only support is the analyst's inference.

Every relation that supports it is `by: analyst`: the source asserts it, and
the reasons for it are the map's author's, not the source's. That may be a
fair reading, but a reviewer must not take it for an argument the source
makes. Cite where the source itself argues for it (`by: source`, with the
`quote` of the passage), or acknowledge the inference. With `--source-only`
these claims are `unsupported-claim` instead.

Failing example:

    argmap: 1
    title: Inferred
    sources:
      - id: article
        title: The article
    nodes:
      - id: istanbul-collapse
        kind: evidence
        text: The Istanbul round ended without an agreement.
        source: article
        supports: [talks-failed]
      - id: talks-failed
        kind: claim
        text: Direct talks have failed.
        supports:
          - to: broker-talks
            by: analyst
      - id: broker-talks
        kind: recommendation
        text: Let a neutral party broker the talks.

Passing example:

    argmap: 1
    title: Stated
    sources:
      - id: article
        title: The article
        text: article.txt
    nodes:
      - id: istanbul-collapse
        kind: evidence
        text: The Istanbul round ended without an agreement.
        source: article
        supports: [talks-failed]
      - id: talks-failed
        kind: claim
        text: Direct talks have failed.
        source: article
        supports:
          - to: broker-talks
            quote: has failed for now. For any durable de-escalation to occur
      - id: broker-talks
        kind: recommendation
        text: Let a neutral party broker the talks.

with `article.txt` beside the map:

    Direct confrontation in negotiation has failed for now. For any durable
    de-escalation to occur, the format must change.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import Context, Finding
from argmap.errors import Severity, shown
from argmap.provenance import has_inferences
from argmap.records import NodeKind, Provenance, RelationKind

ID = "inferred-support"
SEVERITY = Severity.WARNING
_KINDS = frozenset({NodeKind.CLAIM, NodeKind.RECOMMENDATION})


def check(ctx: Context) -> Iterator[Finding]:
    """Supported claims and recommendations whose every support is ``by: analyst``."""
    g = ctx.graph
    if not has_inferences(g):
        return
    analyst = Provenance.ANALYST
    for key in g.support_in:
        n = g.nodes[key]
        if n.node.kind not in _KINDS:
            continue
        if all(e.relation.by is analyst for e in g.into(key, RelationKind.SUPPORTS)):
            yield Finding(n, f"{n.kind.value} {shown(n.id)} is supported only by the analyst's "
                          "inference (by: analyst)",
                          hint="the source asserts it without support: cite where the source "
                          "argues for it (by: source, with a quote), or acknowledge the "
                          "inference")
