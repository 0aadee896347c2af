"""Acceptability and strength: ``argmap evaluate`` and ``argmap explain`` (docs/semantics.md)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import (
    _KEEP,
    Paths,
    _emit,
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
from argmap.errors import UsageError, shown, unknown_node

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def _what_if_refs(without: list[str] | None,
                  assume: list[str] | None) -> tuple[list[str], list[tuple[str, bool]]]:
    """The node references of --without and --assume, as given."""
    fixed = []
    for item in assume or ():
        ref, _, value = item.rpartition("=")
        if not ref or value.lower() not in ("in", "out"):
            raise UsageError(f"--assume takes NODE=in or NODE=out, not {shown(item)}")
        fixed.append((ref, value.lower() == "in"))
    refs = _split(without)
    if without is not None and not refs:
        # `--without "$NODES"` with NODES unset would answer the question without taking
        # anything away, as if it had been asked.
        raise UsageError("--without names no node: give node ids, or leave --without out")
    return list(refs or ()), fixed


def _assumptions(pairs: list[tuple[str, bool]], given: list[str]) -> dict[str, bool]:
    """``--assume`` as a dict; the same node assumed both in and out is an error (the
    last one winning silently would answer a question nobody asked)."""
    fixed: dict[str, bool] = {}
    for (key, value), item in zip(pairs, given, strict=True):
        if fixed.get(key, value) != value:
            raise UsageError(f"--assume {shown(item)} contradicts an earlier --assume of the same "
                             "node: assume it in or out, not both")
        fixed[key] = value
    return fixed


def _what_if(graph: Any, without: list[str] | None,
             assume: list[str] | None) -> tuple[list[str], dict[str, bool]]:
    from argmap.queries import resolve

    refs, pairs = _what_if_refs(without, assume)
    removed = [resolve(graph, ref) for ref in refs]
    fixed = _assumptions([(resolve(graph, ref), v) for ref, v in pairs], list(assume or ()))
    return removed, fixed


WithoutOpt = Annotated[list[str] | None, typer.Option(
    "--without", metavar="NODE", help="What if NODE were taken away (repeatable).")]
AssumeOpt = Annotated[list[str] | None, typer.Option(
    "--assume", metavar="NODE=in|out", help="What if NODE were in (unattackable) or out "
    "(repeatable).")]


class SemanticsChoice(StrEnum):
    """The semantics `argmap evaluate` offers."""

    grounded = "grounded"
    complete = "complete"
    preferred = "preferred"
    stable = "stable"
    semi_stable = "semi-stable"
    admissible = "admissible"


@app.command()
def evaluate(
    paths: Paths,
    semantics: Annotated[SemanticsChoice, typer.Option(
        "--semantics", "-s", help="Argumentation semantics.")] = SemanticsChoice.grounded,
    strength: Annotated[bool, typer.Option(
        "--strength", help="Also compute gradual strengths (DF-QuAD).")] = False,
    without: WithoutOpt = None, assume: AssumeOpt = None,
    accept: Annotated[str | None, typer.Option(
        "--accept", metavar="NODE", help="Only say whether NODE is credulously (in some "
        "extension) and sceptically (in every extension) accepted, without listing the "
        "extensions.")] = None,
    sceptical: Annotated[bool, typer.Option(
        "--sceptical", help="With --accept --iccma: answer sceptical acceptance (ICCMA "
        "task DS) instead of credulous (DC).")] = False,
    limit: Annotated[int, typer.Option(
        "--limit", min=0, help="List at most N extensions (0: all; there can be "
        "exponentially many). Statuses are exact either way.")] = 1000,
    budget: Annotated[int, typer.Option(
        "--budget", min=0, help="Most SAT-solver conflicts to spend on the answer "
        "(0: no limit); past it, exit code 2.")] = 2_000_000,
    iccma: Annotated[bool, typer.Option(
        "--iccma", help="Print in the ICCMA 2023 output format: a line `w ARG...` per "
        "extension as it is found (`NO` without one), or `YES`/`NO` with --accept.")] = False,
    fmt: FormatOpt = OutputFormat.text, source_only: SourceOnlyOpt = False,
) -> None:
    """Which nodes stand once attacks are taken into account: in, out or undec.

    Supports count as necessary (a supported node needs one supporter that stands),
    undercuts cancel the relation they target (docs/semantics.md). Maps, or one
    ICCMA framework (.af, .i23, .apx, .tgf). With --without/--assume, prints what
    changes against the baseline. Semantics other than grounded are computed by a
    SAT solver.
    """
    from argmap import semantics as sem
    from argmap.interop.iccma import is_framework

    if iccma and fmt is OutputFormat.json:
        raise UsageError("--iccma and --format json are two output formats: choose one")
    if sceptical and not (iccma and accept):
        raise UsageError("--sceptical chooses the answer of --accept --iccma: give both")
    if len(paths) == 1 and is_framework(paths[0]) and not strength:
        # Straight to the solver: a framework never becomes a map (5x faster and a third
        # of the memory on 100,000 arguments), and any name the format allows is read.
        _evaluate_framework(paths[0], sem.Semantics(semantics.value), without, assume,
                            accept, sceptical, iccma, limit or None, budget or None, fmt)
        return
    graph = _graph(paths, source_only)
    removed, fixed = _what_if(graph, without, assume)
    kind = sem.Semantics(semantics.value)
    most = limit or None
    spend = budget or None
    if accept is not None:
        _accept(graph, accept, kind, removed, fixed, spend, fmt,
                "sceptical" if sceptical else "credulous" if iccma else None)
        return
    if iccma:
        if removed or fixed:
            raise UsageError("--iccma prints the answer for the framework as given: leave "
                             "out --without and --assume")
        _stream_iccma(sem.from_graph(graph), kind, most, spend)
        return
    base = sem.evaluate(graph, kind, strength=strength, limit=most, budget=spend)
    other = sem.evaluate(graph, kind, strength=strength, without=removed, assume=fixed,
                         limit=most, budget=spend) if removed or fixed else None
    if fmt is OutputFormat.json:
        _json(_evaluation_json(base, other))
        return
    _print_evaluation(graph, base, other, removed, fixed)


def _evaluate_framework(path: Path, kind: Any, without: list[str] | None,
                        assume: list[str] | None, accept: str | None, sceptical: bool,
                        iccma: bool, limit: int | None, budget: int | None,
                        fmt: OutputFormat) -> None:
    """``evaluate`` on an ICCMA framework file, read into the solver's integer form."""
    from rich.text import Text

    from argmap import semantics as sem
    from argmap.interop.iccma import framework

    fw = framework(path)
    _KEEP.append(fw)
    refs, pairs = _what_if_refs(without, assume)
    fixed = _assumptions(pairs, list(assume or ()))
    if accept is not None:
        if accept not in fw.index:
            raise unknown_node(accept, fw.index, what="argument")
        if accept in refs:
            raise UsageError(f"{shown(accept)} is taken away by --without: nothing to accept")
        changed = sem.what_if(fw, refs, fixed) if refs or fixed else fw
        reasoner = sem.Reasoner(changed, kind, budget=budget)
        argument = changed.index[accept]
        if iccma:
            answer = reasoner.sceptical(argument) if sceptical else reasoner.credulous(argument)
            _emit("YES\n" if answer else "NO\n")
            return
        _print_acceptance(accept, accept, kind, reasoner.credulous(argument),
                          reasoner.sceptical(argument), refs, fixed, fmt)
        return
    if iccma:
        if refs or fixed:
            raise UsageError("--iccma prints the answer for the framework as given: leave "
                             "out --without and --assume")
        _stream_iccma(fw, kind, limit, budget)
        return
    base = sem.evaluate_framework(fw, kind, limit=limit, budget=budget)
    other = sem.evaluate_framework(fw, kind, without=refs, assume=fixed, limit=limit,
                                   budget=budget) if refs or fixed else None
    if fmt is OutputFormat.json:
        _json(_evaluation_json(base, other))
        return
    out = _stdout()
    _print_summary(out, base, "arguments")
    if other is None:
        column = {status: f"{sem.status_text(status):<7}" for status in
                  set(base.status.values())}  # a few distinct ones, a million rows
        _emit("".join(f"{column[status]}{name}\n" for name, status in base.status.items()))
        return
    what = [f"without {k}" for k in refs] + \
        [f"assuming {k} {'in' if v else 'out'}" for k, v in fixed.items()]
    out.print(Text(f"What if: {'; '.join(what)}", style="bold"))
    _print_summary(out, other, "arguments")
    changes = sem.compare(base, other)
    out.print(Text(f"{len(changes)} change{'s' if len(changes) != 1 else ''} against the "
                   "baseline" + (":" if changes else ".")))
    _emit("".join(f"  {c.key}: {c.before} -> {c.after}\n" for c in changes))


def _print_acceptance(key: str, label: str, kind: Any, credulous: bool, sceptical: bool,
                      removed: list[str], fixed: dict[str, bool], fmt: OutputFormat) -> None:
    from rich.text import Text

    if fmt is OutputFormat.json:
        _json({"node": key, "semantics": kind.value, "credulous": credulous,
               "sceptical": sceptical, "without": removed,
               "assume": {k: "in" if v else "out" for k, v in sorted(fixed.items())}})
        return

    def yes(value: bool) -> str:
        return "yes" if value else "no"

    _stdout().print(Text(f"{label} under {kind.value} semantics: credulously accepted "
                         f"(in some extension): {yes(credulous)}; sceptically accepted "
                         f"(in every extension): {yes(sceptical)}"))


def _accept(graph: Any, ref: str, kind: Any, removed: list[str], fixed: dict[str, bool],
            budget: int | None, fmt: OutputFormat, iccma: str | None) -> None:
    """``evaluate --accept``: credulous and sceptical acceptance of one node."""

    from argmap import queries
    from argmap import semantics as sem

    key = queries.resolve(graph, ref)
    if key in removed:
        raise UsageError(f"{shown(ref)} is taken away by --without: nothing to accept")
    fw = sem.from_graph(graph, without=removed, assume=fixed)
    reasoner = sem.Reasoner(fw, kind, budget=budget)
    argument = fw.index[key]
    if iccma is not None:
        answer = reasoner.sceptical(argument) if iccma == "sceptical" \
            else reasoner.credulous(argument)
        _emit("YES\n" if answer else "NO\n")
        return
    _print_acceptance(key, graph.label(key, _home(graph)), kind, reasoner.credulous(argument),
                      reasoner.sceptical(argument), removed, fixed, fmt)


def _stream_iccma(fw: Any, kind: Any, limit: int | None, budget: int | None) -> None:
    """``evaluate --iccma``: each extension as a line ``w ARG...`` as soon as it is found."""
    from itertools import islice

    from argmap import semantics as sem

    nodes = set(fw.node_arguments())
    found = False
    for lab in islice(sem.extensions(fw, kind, budget=budget), limit):
        found = True
        _emit(" ".join(["w", *(fw.names[a] for a in lab.extension() if a in nodes)]) + "\n")
    if not found:
        _emit("NO\n")


def _print_evaluation(graph: Any, base: Any, other: Any, removed: list[str],
                      fixed: dict[str, bool]) -> None:
    from rich.text import Text

    from argmap import semantics as sem

    out, home = _stdout(), _home(graph)
    _print_summary(out, base)
    if other is None:
        values = base.strengths.values if base.strengths is not None else None
        unsettled = base.strengths.unsettled if base.strengths is not None else {}
        ranges = _spread(base.strengths)
        # With intervals in the map, a column of ranges: blank where the strength is one
        # number whatever the intervals hold.
        width = 16 if ranges else 0

        def strength(key: str) -> str:
            if values is None:
                return ""
            if key in unsettled:
                return "cycle  " + " " * width
            low_high = ranges.get(key)
            shown = "" if low_high is None else f"{low_high[0]:.3f}..{low_high[1]:.3f}"
            return f"{values[key]:.3f}  " + (f"{shown:<{width}}" if width else "")

        # One Text for the whole table: a print per line costs seconds on large maps.
        rows = [f"{sem.status_text(status):<7}" + strength(key)
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


def _spread(strengths: Any) -> dict[str, tuple[float, float]]:
    """The strength ranges that are ranges (low below high, at the printed precision
    or not): what the intervals of a map make uncertain."""
    if strengths is None:
        return {}
    return {key: (low, high) for key, (low, high) in strengths.ranges.items() if low < high}


def _print_summary(out: Console, ev: Any, noun: str = "nodes") -> None:
    from rich.text import Text

    counts = ev.counts()
    nodes = sum(counts.values())
    parts = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    extra = ""
    if ev.semantics.value != "grounded":
        n = len(ev.labellings)
        extra = f"; {n} extension{'s' if n != 1 else ''}" if n else "; no extension"
        if not ev.exhaustive:
            extra = f"; more than {n} extensions, {n} listed (--limit)"
    if not ev.labellings:
        out.print(Text(f"{ev.semantics.value} semantics: no extension ({nodes} {noun})"))
    else:
        out.print(Text(f"{ev.semantics.value} semantics: {parts} ({nodes} {noun}{extra})"))
    if ev.strengths is not None and not ev.strengths.converged:
        swings = ", ".join(f"{key.split(':', 1)[-1]} {lo:.3f}..{hi:.3f}"
                           for key, (lo, hi) in list(ev.strengths.unsettled.items())[:5])
        more = len(ev.strengths.unsettled) - 5
        out.print(Text(f"warning: strengths on a cycle did not settle within "
                       f"{ev.strengths.iterations} iterations: {len(ev.strengths.unsettled)} "
                       f"nodes, shown as 'cycle', swing between two values ({swings}"
                       + (f", and {more} more" if more > 0 else "") + ")", style="yellow"))


def _evaluation_json(base: Any, other: Any) -> dict[str, Any]:
    from argmap.semantics import status_text

    def nodes(ev: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        ranges = _spread(ev.strengths)
        for key, status in ev.status.items():
            entry: dict[str, Any] = {"status": status_text(status)}
            if ev.strengths is not None:
                swing = ev.strengths.unsettled.get(key)
                # A node that never settled has no strength, only the two values it swings
                # between; either alone would be one phase of the oscillation.
                entry["strength"] = None if swing else round(ev.strengths.values[key], 6)
                if swing:
                    entry["oscillates"] = [round(swing[0], 6), round(swing[1], 6)]
                if key in ranges:
                    entry["range"] = [round(ranges[key][0], 6), round(ranges[key][1], 6)]
            out[key] = entry
        return out

    def whole(ev: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"semantics": ev.semantics.value, "counts": ev.counts(),
                                "nodes": nodes(ev), "extensions": ev.extensions(),
                                "all_extensions": ev.exhaustive}
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

    graph = _graph(paths, source_only, (node,))
    removed, fixed = _what_if(graph, without, assume)
    key = queries.resolve(graph, node)
    if key in removed:
        raise UsageError(f"{shown(node)} is taken away by --without: nothing to explain")
    reason = why(graph, key, depth=depth, without=removed, assume=fixed)
    if fmt is OutputFormat.json:

        def tree(r: Any) -> dict[str, Any]:
            out: dict[str, Any] = {"text": r.text}
            if r.node is not None:
                out["node"] = r.node
                out["label"] = r.label
            out["because"] = [tree(c) for c in r.because]
            return out

        _json(tree(reason))
        return
    out: list[Text] = []
    for line in reason.lines():
        out.append(Text(line))
    _print_lines(out)
