"""A tension the map records in its source: two nodes that do not agree.

The map's `tensions:` list holds the places where the source contradicts
itself, or where two parts of it sit uneasily together. They are not errors
of the map (recording them is the honest thing to do) but a reviewer should
see each one: a recommendation that rests on either side rests on contested
ground. Information only.

Failing example:

    argmap: 1
    title: In tension
    sources:
      - id: article
        title: The article
    nodes:
      - id: saudi-pact
        kind: evidence
        text: Pakistan signed a defence pact with Saudi Arabia.
        source: article
        supports: [saudi-can-mediate]
      - id: saudi-can-mediate
        kind: claim
        text: Saudi Arabia is trusted by both sides.
    tensions:
      - id: partner-and-mediator
        between: [saudi-pact, saudi-can-mediate]
        note: A defence partner of one side is offered as a mediator trusted by both.

Passing example:

    argmap: 1
    title: No tension recorded
    sources:
      - id: article
        title: The article
    nodes:
      - id: saudi-pact
        kind: evidence
        text: Pakistan signed a defence pact with Saudi Arabia.
        source: article
        supports: [saudi-can-mediate]
      - id: saudi-can-mediate
        kind: claim
        text: Saudi Arabia is trusted by both sides.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import At, Context, Finding
from argmap.errors import Severity, shown

ID = "source-tension"
SEVERITY = Severity.INFO
#: Characters of a tension's note shown in the hint (the map holds the rest).
NOTE_SHOWN = 120


def check(ctx: Context) -> Iterator[Finding]:
    """One finding per tension of the maps."""
    g = ctx.graph
    for t in g.tensions:
        a, b = (g.label(key, t.map) for key in t.between)
        note = " ".join((t.tension.note or "").split())
        if len(note) > NOTE_SHOWN:
            note = note[:NOTE_SHOWN - 1] + "…"
        yield Finding(At(t.map, (*t.keypath, "id")),
                      f"the source is in tension: {shown(a)} and {shown(b)} ({t.tension.id})",
                      hint=note or "weigh both sides before relying on either")
