"""A claim or recommendation that nothing supports.

A claim with no `supports` relation pointing at it is asserted, not argued.
That may be fine for the thesis of a map read as an outline, but a reviewer
wants to see each one. Recommendations count as claims here: "we should do X"
needs reasons like any other claim.

Failing example:

    argmap: 1
    title: Unsupported
    nodes:
      - id: talks-failed
        kind: claim
        text: Direct talks have failed.

Passing example:

    argmap: 1
    title: Supported
    sources:
      - id: report
        title: Mediators' report
    nodes:
      - id: istanbul-collapse
        kind: evidence
        text: The Istanbul round ended without an agreement.
        source: report
        supports: [talks-failed]
      - id: talks-failed
        kind: claim
        text: Direct talks have failed.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import KIND_WORD, Context, Finding
from argmap.errors import Severity, shown
from argmap.records import NodeKind

ID = "unsupported-claim"
SEVERITY = Severity.WARNING
_KINDS = (NodeKind.CLAIM, NodeKind.RECOMMENDATION)


def check(ctx: Context) -> Iterator[Finding]:
    """Claims and recommendations without any incoming support."""
    supported = ctx.graph.support_in
    of_kind = ctx.of_kind
    for kind in _KINDS:
        word = KIND_WORD[kind]
        for n in of_kind[kind]:
            if n.key not in supported:
                yield Finding(n, f"{word} {shown(n.node.id)} has no support",
                              hint="add evidence or a claim that `supports` it, or "
                              "acknowledge that the source asserts it without support")
