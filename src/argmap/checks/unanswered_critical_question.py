"""A critical question of a relation's scheme that the map never raises.

A relation that names its `scheme:` (docs/schemes.md) is an inference of a
known pattern, and each pattern has its critical questions: is the sign
really linked to what it shows, are there other means to the goal... A map
raises a question with an attack on the relation's premise, or an undercut
of the relation, that names it (`question: cq2`). This rule lists, for each
relation with a scheme, the questions nothing raises: the places a reviewer
should probe. Acknowledge the finding on the relation's node to accept the
inference as it stands.

The rule is opt-in: it runs only when selected (`--extend-select
unanswered-critical-question` to add it to the default rules, `--select` to run it
alone, or `extend-select`/`select` in the configuration).

Failing example:

    argmap: 1
    title: Unquestioned sign
    sources:
      - id: article
        title: The article
    nodes:
      - id: mutual-blame
        kind: evidence
        text: Both sides blamed each other; nothing was put on paper.
        source: article
        supports:
          - to: confrontation-failed
            scheme: sign
      - id: confrontation-failed
        kind: claim
        text: Direct confrontation in negotiation has failed.

Passing example:

    argmap: 1
    title: Questioned sign
    sources:
      - id: article
        title: The article
    nodes:
      - id: mutual-blame
        kind: evidence
        text: Both sides blamed each other; nothing was put on paper.
        source: article
        supports:
          - to: confrontation-failed
            id: blame-shows-failure
            scheme: sign
      - id: confrontation-failed
        kind: claim
        text: Direct confrontation in negotiation has failed.
      - id: blame-is-routine
        kind: objection
        text: Mutual blame is routine after any round, failed or not.
        undercuts:
          - to: blame-shows-failure
            question: cq1
      - id: other-cause
        kind: objection
        text: The talks may have stalled over the agenda, not the format.
        attacks:
          - to: mutual-blame
            question: cq2
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import Context, Finding
from argmap.errors import Severity, shown
from argmap.records import RelationKind
from argmap.schemes import SCHEMES

ID = "unanswered-critical-question"
SEVERITY = Severity.INFO
DEFAULT = False


def check(ctx: Context) -> Iterator[Finding]:
    """Relations with a scheme, and the critical questions of it that nothing raises."""
    g = ctx.graph
    edges = g.edges
    attacks = RelationKind.ATTACKS
    for e in edges:
        sid = e.relation.scheme
        if sid is None:
            continue
        scheme = SCHEMES[sid]
        raised = {edges[u].relation.question for u in g.undercut_by.get(e.number, ())}
        raised.update(a.relation.question for a in g.into(e.source, attacks))
        unasked = [q for q in scheme.questions if q.id not in raised]
        if not unasked:
            continue
        src, dst = g.label(e.source, e.map), g.label(e.target, e.map)
        yield Finding(e, f"{e.kind.value} {shown(src)} -> {shown(dst)} ({scheme.name}): nothing "
                      f"raises {', '.join(q.id for q in unasked)}",
                      hint="; ".join(f"{q.id}: {q.text}" for q in unasked)
                      + " Raise each with an attack or undercut naming it (`question:`), "
                      "or acknowledge the inference")
