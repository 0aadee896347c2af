"""Acceptability and strength: ``argmap evaluate`` and ``argmap explain`` (docs/semantics.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import (
    Paths,
    _split,
    _stdout,
    app,
)
from argmap.cli.reasoning import (
    FormatOpt,
    NodeRef,
    OutputFormat,
    SourceOnlyOpt,
    _graph,
    _home,
    _json,
    _print_lines,
)
from argmap.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def _what_if(graph: Any, without: list[str] | None,
             assume: list[str] | None) -> tuple[list[str], dict[str, bool]]:
    from argmap.queries import resolve

    removed = [resolve(graph, ref) for ref in _split(without) or ()]
    fixed: dict[str, bool] = {}
    for item in assume or ():
        ref, _, value = item.rpartition("=")
        if not ref or value.lower() not in ("in", "out"):
            raise UsageError(f"--assume takes NODE=in or NODE=out, not {item!r}")
        fixed[resolve(graph, ref)] = value.lower() == "in"
    return removed, fixed


WithoutOpt = Annotated[list[str] | None, typer.Option(
    "--without", metavar="NODE", help="What if NODE were taken away (repeatable).")]
AssumeOpt = Annotated[list[str] | None, typer.Option(
    "--assume", metavar="NODE=in|out", help="What if NODE were in (unattackable) or out "
    "(repeatable).")]


class SemanticsChoice(StrEnum):
    """The semantics `argmap evaluate` offers."""

    grounded = "grounded"
    preferred = "preferred"
    stable = "stable"


@app.command()
def evaluate(
    paths: Paths,
    semantics: Annotated[SemanticsChoice, typer.Option(
        "--semantics", "-s", help="Argumentation semantics.")] = SemanticsChoice.grounded,
    strength: Annotated[bool, typer.Option(
        "--strength", help="Also compute gradual strengths (DF-QuAD).")] = False,
    without: WithoutOpt = None, assume: AssumeOpt = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Search preferred/stable extensions however many arguments are "
        "undecided and list them however many there are (both can be exponential).")] = False,
    fmt: FormatOpt = OutputFormat.text, source_only: SourceOnlyOpt = False,
) -> None:
    """Which nodes stand once attacks are taken into account: in, out or undec.

    Supports count as necessary (a supported node needs one supporter that stands),
    undercuts cancel the relation they target (docs/semantics.md). Maps, or one
    ICCMA framework (.apx, .tgf, .af). With --without/--assume, prints what changes
    against the baseline.
    """
    from rich.text import Text

    from argmap import semantics as sem

    graph = _graph(paths, source_only)
    removed, fixed = _what_if(graph, without, assume)
    kind = sem.Semantics(semantics.value)
    limit = None if force else sem.DEFAULT_LIMIT
    most = None if force else sem.MAX_EXTENSIONS
    base = sem.evaluate(graph, kind, strength=strength, limit=limit, max_extensions=most)
    other = sem.evaluate(graph, kind, strength=strength, without=removed, assume=fixed,
                         limit=limit, max_extensions=most) if removed or fixed else None
    if fmt is OutputFormat.json:
        _json(_evaluation_json(base, other))
        return
    out, home = _stdout(), _home(graph)
    _print_summary(out, base)
    if other is None:
        values = base.strengths.values if base.strengths is not None else None
        # One Text for the whole table: a print per line costs seconds on large maps.
        rows = [f"{sem.status_text(status):<7}" + ("" if values is None else
                                                     f"{values[key]:.3f}  ")
                + f"{graph.nodes[key].kind.value:<15}{graph.label(key, home)}"
                for key, status in base.status.items()]
        out.print(Text("\n".join(rows)))
        return
    what = [f"without {graph.label(k, home)}" for k in removed] + \
        [f"assuming {graph.label(k, home)} {'in' if v else 'out'}" for k, v in fixed.items()]
    out.print(Text(f"What if: {'; '.join(what)}", style="bold"))
    _print_summary(out, other)
    changes = sem.compare(base, other)
    out.print(Text(f"{len(changes)} change{'s' if len(changes) != 1 else ''} against the "
                   "baseline" + (":" if changes else ".")))
    for c in changes:
        line = Text(f"  {graph.label(c.key, home)}: {c.before} -> {c.after}")
        if c.strength_before is not None:
            after = "-" if c.strength_after is None else f"{c.strength_after:.3f}"
            line.append(f"  (strength {c.strength_before:.3f} -> {after})", style="dim")
        out.print(line)


def _print_summary(out: Console, ev: Any) -> None:
    from rich.text import Text

    counts = ev.counts()
    nodes = sum(counts.values())
    parts = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    extra = ""
    if ev.semantics.value != "grounded":
        n = len(ev.labellings)
        extra = f"; {n} extension{'s' if n != 1 else ''}" if n else "; no extension"
    if not ev.labellings:
        out.print(Text(f"{ev.semantics.value} semantics: no extension ({nodes} nodes)"))
    else:
        out.print(Text(f"{ev.semantics.value} semantics: {parts} ({nodes} nodes{extra})"))
    if ev.strengths is not None and not ev.strengths.converged:
        out.print(Text(f"warning: strengths did not settle within {ev.strengths.iterations} "
                       "iterations on a cycle; the last values are shown", style="yellow"))


def _evaluation_json(base: Any, other: Any) -> dict[str, Any]:
    from argmap.semantics import status_text

    def nodes(ev: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, status in ev.status.items():
            entry: dict[str, Any] = {"status": status_text(status)}
            if ev.strengths is not None:
                entry["strength"] = round(ev.strengths.values[key], 6)
            out[key] = entry
        return out

    def whole(ev: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"semantics": ev.semantics.value, "counts": ev.counts(),
                                "nodes": nodes(ev), "extensions": ev.extensions()}
        if ev.strengths is not None:
            data["strength"] = {"converged": ev.strengths.converged,
                                "iterations": ev.strengths.iterations}
        return data

    data = whole(base)
    if other is not None:
        from argmap.semantics import compare

        data["what_if"] = {
            **whole(other), "without": list(other.without),
            "assume": {k: "in" if v else "out" for k, v in other.assume},
            "changes": [{"node": c.key, "before": c.before, "after": c.after,
                         "strength_before": None if c.strength_before is None
                         else round(c.strength_before, 6),
                         "strength_after": None if c.strength_after is None
                         else round(c.strength_after, 6)} for c in compare(base, other)]}
    return data


@app.command()
def explain(
    node: NodeRef, paths: Paths,
    depth: Annotated[int, typer.Option(
        "--depth", min=1, help="How many reasons deep to go.")] = 4,
    without: WithoutOpt = None, assume: AssumeOpt = None,
    fmt: FormatOpt = OutputFormat.text, source_only: SourceOnlyOpt = False,
) -> None:
    """Why NODE is in, out or undecided (grounded semantics), in plain words.

    Follows the chain of attacks and defences: a node is out because an attacker
    is in, in because every attack on it fails (and it has support if it needs it).
    """
    from rich.text import Text

    from argmap import queries
    from argmap.semantics import explain as why

    graph = _graph(paths, source_only)
    removed, fixed = _what_if(graph, without, assume)
    key = queries.resolve(graph, node)
    if key in removed:
        raise UsageError(f"{node!r} is taken away by --without: nothing to explain")
    reason = why(graph, key, depth=depth, without=removed, assume=fixed)
    if fmt is OutputFormat.json:

        def tree(r: Any) -> dict[str, Any]:
            return {"text": r.text, "because": [tree(c) for c in r.because]}

        _json(tree(reason))
        return
    out: list[Text] = []
    for line in reason.lines():
        out.append(Text(line))
    _print_lines(out)
