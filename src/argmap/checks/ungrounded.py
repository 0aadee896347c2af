"""A claim or recommendation whose support never reaches evidence.

It is supported, but follow every `supports` chain down and you end at claims
and assumptions only: the argument floats. Assumptions are premises taken for
granted, not evidence, so resting on assumptions alone is reported too.
(A node with no support at all is `unsupported-claim` instead.)

Failing example:

    argmap: 1
    title: Floating
    nodes:
      - id: coexistence-is-cheaper
        kind: assumption
        text: Coexistence costs less than confrontation.
        supports: [prioritize-coexistence]
      - id: prioritize-coexistence
        kind: recommendation
        text: Prioritize coexistence over coercion.

Passing example:

    argmap: 1
    title: Grounded
    sources:
      - id: article
        title: The article
    nodes:
      - id: strikes-cost
        kind: evidence
        text: Each strike was followed by retaliation.
        source: article
        supports: [prioritize-coexistence]
      - id: prioritize-coexistence
        kind: recommendation
        text: Prioritize coexistence over coercion.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import KIND_WORD, Context, Finding
from argmap.errors import Severity, shown
from argmap.records import NodeKind

ID = "ungrounded"
SEVERITY = Severity.WARNING
_KINDS = (NodeKind.CLAIM, NodeKind.RECOMMENDATION)


def check(ctx: Context) -> Iterator[Finding]:
    """Supported claims and recommendations that no evidence reaches."""
    supported = ctx.graph.support_in
    of_kind = ctx.of_kind
    if not any(n.key in supported for kind in _KINDS for n in of_kind[kind]):
        return  # (the search below evidence is then not needed)
    grounded = ctx.grounded
    for kind in _KINDS:
        word = KIND_WORD[kind]
        for n in of_kind[kind]:
            # Unsupported nodes are unsupported-claim's to report.
            key = n.key
            if key in grounded or key not in supported:
                continue
            yield Finding(n, f"{word} {shown(n.node.id)} rests on no evidence",
                          hint="every chain of support below it ends in claims or "
                          "assumptions; add the evidence they rest on")
