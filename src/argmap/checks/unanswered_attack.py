"""An attack on a recommendation's support path that the map leaves unanswered.

A recommendation rests on a chain of supports. When an objection attacks a
node of that chain (or undercuts one of its relations) and nothing attacks
the objection in turn, the recommendation stands on contested ground without
a reply. Answer the objection (attack or undercut it) or weaken the claim.

Failing example:

    argmap: 1
    title: Unanswered
    sources:
      - id: article
        title: The article
    nodes:
      - id: mediators-trusted
        kind: evidence
        text: Qatar has worked to bridge the divides.
        source: article
        supports: [empower-mediators]
      - id: empower-mediators
        kind: recommendation
        text: Empower neutral facilitators.
      - id: mediators-partial
        kind: objection
        text: The mediators are not neutral.
        attacks: [empower-mediators]

Passing example:

    argmap: 1
    title: Answered
    sources:
      - id: article
        title: The article
    nodes:
      - id: mediators-trusted
        kind: evidence
        text: Qatar has worked to bridge the divides.
        source: article
        supports: [empower-mediators]
      - id: empower-mediators
        kind: recommendation
        text: Empower neutral facilitators.
      - id: mediators-partial
        kind: objection
        text: The mediators are not neutral.
        attacks: [empower-mediators]
      - id: trusted-by-both
        kind: evidence
        text: Both capitals keep open lines to them.
        source: article
        attacks: [mediators-partial]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import KIND_WORD, Context, Finding
from argmap.errors import Severity, shown
from argmap.records import NodeKind, RelationKind

ID = "unanswered-attack"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    """Unanswered attacks and undercuts on nodes that recommendations rest on."""
    g = ctx.graph
    edges = g.edges
    if not g.attack_in and not g.undercut_by:
        return
    support_in = g.support_in
    no_support: tuple[str, ...] = ()
    owner: dict[str, str] = {}  # node on a support path -> first recommendation above it
    for recommendation in ctx.of_kind[NodeKind.RECOMMENDATION]:
        key = recommendation.key
        if key in owner:
            continue
        owner[key] = key
        todo = [key]
        pop, push = todo.pop, todo.append
        while todo:
            for source in support_in.get(pop(), no_support):
                if source not in owner:
                    owner[source] = key
                    push(source)
    nodes, undercut_by, attack_in = g.nodes, g.undercut_by, g.attack_in
    attacks, undercuts = RelationKind.ATTACKS, RelationKind.UNDERCUTS
    for e in edges:
        kind = e.kind
        if kind is attacks:
            on_path = e.target
        elif kind is undercuts and e.target_edge is not None:
            undercut = edges[e.target_edge]
            if undercut.kind is not RelationKind.SUPPORTS:
                continue
            on_path = undercut.target
        else:
            continue
        # Answered: the relation is undercut, or its source is attacked.
        if on_path not in owner or e.number in undercut_by or e.source in attack_in:
            continue
        rec = owner[on_path]
        attacker = nodes[e.source].node
        what = "attacks" if kind is attacks else "undercuts a support of"
        # (g.label inlined: this runs for each of tens of thousands of findings.)
        here = e.map
        target, above = nodes[on_path], nodes[rec]
        target_id = target.node.id if target.map is here else on_path
        above_shown = above.node.id if above.map is here else rec
        via = "" if rec == on_path else f" (which {shown(above_shown)} rests on)"
        name = shown(attacker.id)
        # The attacker is not always an objection (evidence can attack): name it.
        yield Finding(e, f"{KIND_WORD[attacker.kind]} {name} {what} "
                      f"{shown(target_id)}{via} and nothing answers it",
                      hint=f"attack {name}, or undercut this relation (give it an id), or "
                      "acknowledge it with a reason")
