"""What a recommendation hangs on: ``argmap crux`` (docs/semantics.md#crux)."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any

import typer

from argmap.cli._app import Paths, _emit, app
from argmap.cli.reasoning import (
    FormatOpt,
    NodeRef,
    OutputFormat,
    SourceOnlyOpt,
    _graph,
    _home,
    _json,
)
from argmap.errors import UsageError


class CruxSemantics(StrEnum):
    """What "accepted" means to `argmap crux`."""

    grounded = "grounded"
    preferred = "preferred"


def _rejection(graph: Any, rejection: Any, home: Any) -> dict[str, Any]:
    """One rejection as JSON and in words."""
    if rejection.node is not None:
        kind = graph.nodes[rejection.node].kind.value
        return {"node": rejection.node, "kind": kind,
                "text": f"the {kind} {graph.label(rejection.node, home)} taken away"}
    e = graph.edges[rejection.edge]
    source = graph.label(e.source, home)
    if e.target_edge is not None:
        undercut = graph.edges[e.target_edge]
        target = undercut.relation.id or f"{graph.label(undercut.source, home)} -> " \
            f"{graph.label(undercut.target, home)}"
        words = f"that {source} undercuts {target}"
    else:
        words = f"that {source} {e.kind.value} {graph.label(e.target, home)}"
    relation: dict[str, Any] = {"kind": e.kind.value, "source": e.source, "target": e.target}
    if e.relation.id is not None:
        relation["id"] = e.relation.id
    return {"relation": relation, "text": f"denying {words}"}


@app.command()
def crux(
    node: NodeRef, paths: Paths,
    semantics: Annotated[CruxSemantics, typer.Option(
        "--semantics", "-s", help="Accepted means in the grounded extension, or in every "
        "preferred extension.")] = CruxSemantics.grounded,
    max_size: Annotated[int, typer.Option(
        "--max-size", min=1, max=4, help="Largest set of rejections to look for.")] = 2,
    threshold: Annotated[float | None, typer.Option(
        "--threshold", min=0.0, max=1.0, help="Also: the sets of evidence and assumptions "
        "whose removal puts NODE's DF-QuAD strength below this.")] = None,
    budget: Annotated[int, typer.Option(
        "--budget", min=0, help="Most SAT-solver conflicts per preferred question (0: no "
        "limit).")] = 2_000_000,
    fmt: FormatOpt = OutputFormat.text, source_only: SourceOnlyOpt = False,
) -> None:
    """What NODE hangs on: the smallest sets of rejections that bring it down.

    A rejection takes away a piece of evidence or an assumption, or denies a relation
    (a support denied is lost, not forgotten). Lists every minimal set of at most
    --max-size rejections after which NODE is no longer accepted, smallest first.
    """
    from argmap import queries
    from argmap.semantics import Semantics
    from argmap.semantics import crux as find

    if threshold is not None and math.isnan(threshold):
        # NaN passes typer's 0..1 range (no comparison with it holds).
        raise UsageError(f"--threshold must be a number from 0 to 1; got {threshold}")
    graph = _graph(paths, source_only, (node,))
    key = queries.resolve(graph, node)
    result = find.crux(graph, key, semantics=Semantics(semantics.value), max_size=max_size,
                       threshold=threshold, budget=budget or None)
    home = _home(graph)
    label = graph.label(key, home)

    def sets(cruxes: list[Any]) -> list[dict[str, Any]]:
        return [{"reject": [_rejection(graph, r, home) for r in c.rejections],
                 "after": c.after} for c in cruxes]

    found, weak = sets(result.cruxes), sets(result.strength_cruxes)
    if fmt is OutputFormat.json:
        data: dict[str, Any] = {
            "node": key, "semantics": semantics.value, "accepted": result.accepted,
            "max_size": max_size, "candidates": result.candidates, "checks": result.checks,
            "complete": result.complete, "cruxes": found}
        if threshold is not None:
            data["strength"] = {"value": round(result.strength or 0.0, 6),
                                "threshold": threshold, "cruxes": weak}
        _json(data)
        return
    lines = []
    what = f"{semantics.value} semantics" if semantics is CruxSemantics.grounded else \
        "preferred semantics, sceptically"
    if not result.accepted:
        lines.append(f"{label} is not accepted under {what}: nothing to bring down.")
    elif not found and result.candidates == 0:
        lines.append(f"{label} stands under {what}: it rests on nothing that could be "
                     "rejected (no evidence, assumption or relation below it).")
    elif not found:
        things = "thing" if result.candidates == 1 else "things"
        some = (f"whatever of the {result.candidates} {things} it rests on"
                if result.candidates <= max_size else
                f"whatever set of at most {max_size} of the {result.candidates} {things} it "
                "rests on")
        lines.append(f"{label} stands under {what} {some} is rejected.")
    else:
        falls_with = ("this set of rejections" if len(found) == 1 else
                      f"any of these {len(found)} sets of rejections (smallest first)")
        lines.append(f"{label} is accepted under {what}; it falls with {falls_with}:")
        for n, c in enumerate(found, 1):
            words = "; ".join(r["text"] for r in c["reject"])
            lines.append(f"  {n}. {words}: it becomes {c['after']}")
    if threshold is not None:
        strength = result.strength or 0.0
        if strength < threshold:
            lines.append(f"Its DF-QuAD strength {strength:.3f} is below {threshold} already.")
        elif not weak:
            lines.append(f"Its DF-QuAD strength {strength:.3f} stays at or above {threshold} "
                         f"without any set of at most {max_size} pieces of evidence or "
                         "assumptions.")
        else:
            lines.append(f"Its DF-QuAD strength {strength:.3f} falls below {threshold} "
                         f"without {'this' if len(weak) == 1 else 'any of these'}:")
            for n, c in enumerate(weak, 1):
                words = "; ".join(r["text"] for r in c["reject"])
                lines.append(f"  {n}. {words}: {c['after']}")
    if not result.complete:
        lines.append(f"(stopped after {result.checks:,} sets: the list may be incomplete; "
                     "try a smaller --max-size)")
    _emit("\n".join(lines) + "\n")
