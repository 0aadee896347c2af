"""The ``argmap`` command line: a thin typer layer over the library.

This is the only module that prints or exits. Each command parses its
options, calls one library function and prints what it returns; errors are
turned into messages and exit codes in one place, :func:`_errors`:

* 0: success, no findings;
* 1: findings at or above the severity threshold;
* 2: usage errors and maps that cannot be loaded.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from argmap import __version__
from argmap.errors import ArgmapError, LoadError, Problem, Severity, UsageError

__all__ = ["app", "main"]

app = typer.Typer(
    name="argmap",
    help="Structured argument maps in YAML: validate, check, query, render.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # A fixed width keeps --help (and docs/cli.md, generated from it) the same everywhere.
    context_settings={"max_content_width": 100, "terminal_width": 100,
                      "help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=True, emoji=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _fail(message: str) -> NoReturn:
    _stderr().print(Text("argmap: error: ", style="bold red") + Text(message))
    raise typer.Exit(EXIT_ERROR)


def _print_problems(problems: tuple[Problem, ...]) -> None:
    from argmap import report

    err = _stderr()
    _emit(report.text(report.Report.from_load_errors(problems), color=err.is_terminal), err)


def _errors(func: F) -> F:
    """Turn the library's errors into messages and exit code 2 (never a traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LoadError as exc:
            _print_problems(exc.problems)
            raise typer.Exit(EXIT_ERROR) from None
        except ArgmapError as exc:
            _fail(str(exc))

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        _stdout().print(f"argmap {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Structured argument maps in YAML: validate, check, query, render."""


Paths = Annotated[list[Path], typer.Argument(help="Map files or folders of maps.",
                                              show_default=False, metavar="PATH")]


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


class ReportFormat(StrEnum):
    """Formats of ``argmap check`` reports."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command()
@_errors
def check(
    paths: Paths,
    select: Annotated[list[str] | None, typer.Option(
        "--select", "-s", metavar="RULE",
        help="Only these rules (comma-separated or repeated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", "-i", metavar="RULE",
        help="Skip these rules (comma-separated or repeated).")] = None,
    severity: Annotated[Severity | None, typer.Option(
        "--severity", case_sensitive=False,
        help="Lowest severity reported and failing [default: info, or the configuration's].",
    )] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="Report format.")] = ReportFormat.text,
    config: Annotated[Path | None, typer.Option(
        "--config", metavar="FILE", dir_okay=False,
        help="A pyproject.toml to read [tool.argmap] from (default: the nearest one above "
        "the first path).")] = None,
    no_config: Annotated[bool, typer.Option(
        "--no-config", help="Ignore pyproject.toml settings.")] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when there are findings.")] = False,
) -> None:
    """Check maps for reviewers: unsupported claims, circular support, bad quotes, ...

    Prints every finding as `path:line:col: severity: message [rule-id]`. Exit
    code 0 when clean, 1 with findings at or above the threshold, 2 when a map
    cannot be loaded or an option is wrong.
    """
    from argmap import config as cfg
    from argmap import report
    from argmap.checks import check as run_checks
    from argmap.load import load_set

    overrides = cfg.Overrides(_split(select), _split(ignore) or (), severity)
    pyproject = None
    if not no_config:
        found = config or cfg.find_pyproject(paths[0] if paths else Path.cwd())
        if found is not None:
            pyproject = cfg.read_pyproject(found)
    formatter = report.FORMATTERS[fmt.value]
    if fmt is ReportFormat.text:
        # Plain text (fast) unless a terminal shows it (rich: colour and layout).
        formatter = functools.partial(report.text, color=_stdout().is_terminal)
    try:
        maps = load_set(paths)
        settings, per_map = cfg.resolve(maps, pyproject, overrides)
        result = run_checks(maps, settings, per_map)
        _KEEP.append(result)
    except LoadError as exc:
        _emit(formatter(report.Report.from_load_errors(exc.problems)))
        raise typer.Exit(EXIT_ERROR) from None
    _emit(formatter(report.Report.from_result(result)))
    if result.failed and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


def _emit(rendered: Any, console: Console | None = None) -> None:
    """Print a report: a string as it is, a rich renderable through the console."""
    console = console or _stdout()
    if isinstance(rendered, str):
        console.file.write(rendered)
        console.file.flush()
    else:
        console.print(rendered)


@app.command()
@_errors
def validate(paths: Paths) -> None:
    """Load maps and report every format error; exit 2 if there is any."""
    from argmap.load import load_set

    maps = load_set(paths)
    shown = [m for m in maps if not m.context]
    nodes = sum(len(m.map.nodes) for m in shown)
    relations = sum(len(n.relations()) for m in shown for n in m.map.nodes)
    _stdout().print(Text(f"ok: {len(shown)} map{'s' if len(shown) != 1 else ''}, "
                         f"{nodes} nodes, {relations} relations", style="green"))


@app.command()
@_errors
def schema(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write the schema to this file instead of printing it.")] = None,
) -> None:
    """Print the JSON Schema (draft-07) of the map format, for editors."""
    from argmap.schema import json_schema_text
    from argmap.writer import write_text_atomic

    text = json_schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text)


@app.command()
@_errors
def rules(
    rule: Annotated[str | None, typer.Argument(help="Show the documentation of this rule.",
                                               show_default=False, metavar="RULE")] = None,
) -> None:
    """List the rules of `argmap check`, or show one rule's documentation."""
    from argmap.checks import RULES

    console = _stdout()
    if rule is not None:
        if rule not in RULES:
            raise UsageError(f"unknown rule {rule!r}; known rules: {', '.join(RULES)}")
        r = RULES[rule]
        console.print(Text(f"{r.id} ({r.severity.value})", style="bold"))
        console.print(Text(r.doc))
        return
    table = Table("rule", "severity", "what it finds", box=None, pad_edge=False)
    for r in RULES.values():
        table.add_row(escape(r.id), r.severity.value, escape(r.summary))
    console.print(table)


@app.command("import")
@_errors
def import_(
    file: Annotated[Path, typer.Argument(
        help="An Argdown, AIF JSON, argmap JSON or GraphML file.", show_default=False,
        metavar="FILE")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="MAP.yaml", dir_okay=False,
        help="Where to write the imported map.")],
    fmt: Annotated[str | None, typer.Option(
        "--from", metavar="FORMAT",
        help="Format of FILE: argdown, aif, json or graphml [default: from the file name; "
        "a .json file is argmap JSON if it says so, AIF otherwise].")] = None,
    loss_report: Annotated[Path | None, typer.Option(
        "--loss-report", metavar="FILE", dir_okay=False,
        help="Also write the loss report to FILE as JSON.")] = None,
) -> None:
    """Import an Argdown, AIF, argmap JSON or GraphML file as an argmap map (YAML).

    Whatever the map cannot hold exactly is listed on stderr (the loss report)
    and written as comments above the nodes it concerns. Exit code 0 when the
    map was written, 2 when the file cannot be imported.
    """
    from argmap.emit import emit
    from argmap.interop.formats import import_file
    from argmap.writer import write_text_atomic

    result = import_file(file, fmt)
    text = emit(result.map, comments=result.loss.by_node(),
                header=[f"Imported from {file.name} by argmap import."])
    write_text_atomic(output, text, inputs=[file])
    if loss_report is not None:
        write_text_atomic(loss_report, result.loss.to_json(), inputs=[file, output])
    relations = sum(len(n.relations()) for n in result.map.nodes)
    _stdout().print(Text(f"wrote {output}: {len(result.map.nodes)} nodes, {relations} "
                         f"relations", style="green"))
    if len(result.loss):
        err = _stderr()
        err.print(Text(f"loss report: {len(result.loss)} item"
                       f"{'s' if len(result.loss) != 1 else ''} not carried over exactly",
                       style="yellow"))
        for loss in result.loss.ordered():
            err.print(Text(f"- {loss}"))


# --- Reasoning over maps: `query ...`, `evaluate`, `explain` (docs/queries.md,
# docs/semantics.md). Node arguments come first, map paths last, in every command.

query_app = typer.Typer(
    name="query", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help="Questions about a map's structure: rests-on, impact, path, list, stats.",
    context_settings={"max_content_width": 100, "terminal_width": 100,
                      "help_option_names": ["-h", "--help"]},
)
app.add_typer(query_app, name="query")


class OutputFormat(StrEnum):
    """Formats of the reasoning commands' output."""

    text = "text"
    json = "json"


NodeRef = Annotated[str, typer.Argument(help="A node: its id, or map:id.", show_default=False,
                                        metavar="NODE")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def _graph(paths: list[Path]) -> Any:
    """Load maps (or one ICCMA framework file) and build their graph."""
    from argmap.graph import build
    from argmap.interop import iccma
    from argmap.load import MapSet, load_set

    if len(paths) == 1 and paths[0].suffix in iccma.FORMATS:
        maps = MapSet((iccma.load(paths[0]),))
    else:
        maps = load_set(paths)
    graph = build(maps)
    _KEEP.append(graph)
    return graph


def _json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n")


def _node_json(graph: Any, key: str) -> dict[str, Any]:
    node = graph.nodes[key].node
    out = {"node": key, "kind": node.kind.value, "text": node.text}
    for name in ("quote", "source", "locator"):
        if getattr(node, name) is not None:
            out[name] = getattr(node, name)
    return out


def _rel_json(graph: Any, number: int) -> dict[str, Any]:
    e = graph.edges[number]
    out = {"kind": e.kind.value, "source": e.source, "target": e.target}
    if e.relation.id is not None:
        out["id"] = e.relation.id
    if e.relation.strength is not None:
        out["strength"] = e.relation.strength
    return out


def _node_text(graph: Any, key: str, home: Any) -> Text:
    n = graph.nodes[key]
    return Text.assemble((f"{n.kind.value} ", "dim"), (graph.label(key, home), "bold"),
                         ": ", n.node.text.strip())


def _print_lines(lines: list[Text]) -> None:
    # One print of the joined lines: a print per line costs seconds on large maps.
    if lines:
        _stdout().print(Text("\n").join(lines))


def _home(graph: Any) -> Any:
    """The map whose ids are shown bare: the only one given (others show map:id)."""
    given = {n.map.path: n.map for n in graph.nodes.values() if not n.map.context}
    return next(iter(given.values())) if len(given) == 1 else None


#: Levels of support `query rests-on` draws as text unless --depth says otherwise.
_TEXT_DEPTH = 50


@query_app.command("rests-on")
@_errors
def query_rests_on(
    node: NodeRef, paths: Paths, fmt: FormatOpt = OutputFormat.text,
    depth: Annotated[int | None, typer.Option(
        "--depth", min=0, help="Show at most this many levels of support [default: all; "
        "text draws 50].")] = None,
) -> None:
    """What NODE rests on: its support tree down to evidence and assumptions.

    Every step shows the attacks on it (and undercuts of the support it gives). A
    node met again is shown once in full and marked "see above" afterwards.
    """
    from argmap import queries

    graph = _graph(paths)
    # Drawn text indents every level, so its size grows with depth times length:
    # without --depth it stops at _TEXT_DEPTH levels (JSON is flat: it has them all).
    drawn = depth if depth is not None or fmt is OutputFormat.json else _TEXT_DEPTH
    tree = queries.rests_on(graph, queries.resolve(graph, node), depth=drawn)
    if fmt is OutputFormat.json:
        steps = [{**_node_json(graph, s.key), "depth": s.depth, "parent": s.parent,
                  "via": None if s.via is None else _rel_json(graph, s.via),
                  "attacks": [_rel_json(graph, a) for a in s.attacks],
                  "repeat": s.repeat, "cycle": s.cycle, "more": s.more} for s in tree.steps]
        _json({"root": tree.root, "steps": steps, "grounds": tree.grounds()})
        return
    home = graph.nodes[tree.root].map
    # Drawn by hand rather than with rich's Tree: every line is printed whole (a
    # Tree crops or wraps to the terminal), and a 100,000-step tree prints fast.
    children: dict[int, list[int]] = {}
    for i, step in enumerate(tree.steps):
        children.setdefault(step.parent, []).append(i)
    out: list[Text] = []
    prefix = {0: ("", "")}  # step -> (guide of its own first line, guide of its lines below)
    for i, step in enumerate(tree.steps):
        first, rest = prefix[i]
        n = graph.nodes[step.key].node
        label = _node_text(graph, step.key, home)
        strength = None if step.via is None else graph.edges[step.via].relation.strength
        if strength is not None:
            label.append(f" (strength {strength:g})", style="dim")
        for flag, words in ((step.repeat, "see above"), (step.cycle, "circular: already above"),
                            (step.more, "more support not shown")):
            if flag:
                label.append(f" ({words})", style="yellow")
        out.append(Text(first) + label)
        below = children.get(i, [])
        items = len(step.attacks) + len(below)
        if n.quote is not None and not (step.repeat or step.cycle):
            where = ", ".join(x for x in (n.source, n.locator) if x)
            out.append(Text(rest + ("\u2502   " if items else "    ")) + Text(
                f"\u201c{n.quote.strip()}\u201d" + (f" ({where})" if where else ""),
                style="italic"))
        for j, a in enumerate(step.attacks):
            e = graph.edges[a]
            verb = "attacked by " if e.kind.value == "attacks" else "support undercut by "
            guide = "\u2514\u2500\u2500 " if j == items - 1 else "\u251c\u2500\u2500 "
            out.append(Text(rest + guide) + Text(verb, style="red")
                       + _node_text(graph, e.source, home))
        for j, c in enumerate(below, len(step.attacks)):
            last = j == items - 1
            prefix[c] = (rest + ("\u2514\u2500\u2500 " if last else "\u251c\u2500\u2500 "),
                         rest + ("    " if last else "\u2502   "))
    if depth is None and any(step.more for step in tree.steps):
        out.append(Text(f"(support deeper than {_TEXT_DEPTH} levels is not drawn: use --depth N "
                        "or --format json)", style="yellow"))
    _print_lines(out)


@query_app.command("impact")
@_errors
def query_impact(node: NodeRef, paths: Paths, fmt: FormatOpt = OutputFormat.text) -> None:
    """What falls if NODE is taken away, and what keeps standing on other support.

    A node falls if it had support and every supporter it has left falls (or was
    NODE). Attacks made by NODE and by the nodes that fall are lost too.
    """
    from argmap import queries

    graph = _graph(paths)
    result = queries.impact(graph, queries.resolve(graph, node))
    if fmt is OutputFormat.json:
        _json({"node": result.node, "falls": result.falls,
               "stands": [{"node": k, "supported_by": s} for k, s in result.stands],
               "attacks_lost": [_rel_json(graph, n) for n in result.attacks_lost]})
        return
    home = graph.nodes[result.node].map
    out: list[Text] = []
    out.append(Text(f"Without {graph.label(result.node, home)}:", style="bold"))
    out.append(Text(f"falls ({len(result.falls)}):", style="red"))
    for k in result.falls:
        out.append(Text("  ") + _node_text(graph, k, home))
    out.append(Text(f"keeps standing on other support ({len(result.stands)}):", style="green"))
    for k, carried in result.stands:
        out.append(Text("  ") + _node_text(graph, k, home) + Text(
            f" [still supported by {', '.join(graph.label(s, home) for s in carried)}]",
            style="dim"))
    out.append(Text(f"attacks lost ({len(result.attacks_lost)}):", style="yellow"))
    for n in result.attacks_lost:
        e = graph.edges[n]
        out.append(Text(f"  {graph.label(e.source, home)} {e.kind.value} "
                        f"{graph.label(e.target, home)}"))
    _print_lines(out)


@query_app.command("path")
@_errors
def query_path(
    start: Annotated[str, typer.Argument(help="Where paths start: id or map:id.",
                                         show_default=False, metavar="A")],
    end: Annotated[str, typer.Argument(help="Where paths end: id or map:id.",
                                       show_default=False, metavar="B")],
    paths: Paths, fmt: FormatOpt = OutputFormat.text,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many paths.")] = 10,
    max_length: Annotated[int | None, typer.Option(
        "--max-length", min=1, help="Longest path, in relations [default: two more than the "
        "shortest].")] = None,
) -> None:
    """Chains of supports, attacks and undercuts from A to B, shortest first.

    Each path says whether A speaks for B (an even number of attacks on the way)
    or against it (an odd number).
    """
    from argmap import queries

    graph = _graph(paths)
    a, b = queries.resolve(graph, start), queries.resolve(graph, end)
    found = queries.paths(graph, a, b, limit=limit, max_length=max_length)
    if fmt is OutputFormat.json:
        _json({"from": a, "to": b, "paths": [
            {"effect": "against" if p.against else "for",
             "relations": [_rel_json(graph, n) for n in p.edges]} for p in found]})
        return
    home = graph.nodes[a].map
    out = _stdout()
    if not found:
        out.print(Text(f"No path from {graph.label(a, home)} to {graph.label(b, home)}."))
    for i, p in enumerate(found, 1):
        line = Text(f"{i}. {'against' if p.against else 'for'}: ", style="bold")
        line.append(graph.label(a, home))
        for n in p.edges:
            e = graph.edges[n]
            line.append(f" {e.kind.value} ", style="red" if e.kind.value != "supports" else "dim")
            line.append(graph.label(e.target, home))
        out.print(line)


@query_app.command("list")
@_errors
def query_list(
    paths: Paths, fmt: FormatOpt = OutputFormat.text,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", metavar="KIND", help="Only nodes of this kind (repeatable).")] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", metavar="TAG", help="Only nodes with this tag (repeatable).")] = None,
    section: Annotated[list[str] | None, typer.Option(
        "--section", metavar="SECTION", help="Only nodes of this section (repeatable).")] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", metavar="SOURCE", help="Only nodes citing this source id (repeatable).")
    ] = None,
    text: Annotated[str | None, typer.Option(
        "--text", metavar="WORDS", help="Only nodes whose text or quote contains WORDS "
        "(any case).")] = None,
) -> None:
    """List the nodes that match filters, in map order.

    A node passes if it matches every option given, and any of the values of an
    option given several times (or comma-separated, except --section).
    """
    from argmap import queries
    from argmap.model import NodeKind

    kinds = []
    for k in _split(kind) or ():
        if k not in NodeKind.__members__.values():
            raise UsageError(f"unknown kind {k!r}; kinds: {', '.join(NodeKind)}")
        kinds.append(NodeKind(k))
    graph = _graph(paths)
    keys = queries.select(graph, kinds=kinds, tags=_split(tag) or (),
                          sections=section or (), sources=_split(source) or (), text=text)
    if fmt is OutputFormat.json:
        _json({"nodes": [_node_json(graph, k) for k in keys]})
        return
    out: list[Text] = []
    home = _home(graph)
    for k in keys:
        out.append(_node_text(graph, k, home))
    out.append(Text(f"{len(keys)} node{'s' if len(keys) != 1 else ''}", style="dim"))
    _print_lines(out)


@query_app.command("stats")
@_errors
def query_stats(paths: Paths, fmt: FormatOpt = OutputFormat.text) -> None:
    """Counts per kind and relation, evidence coverage, and the deepest chain of support.

    Coverage is the share of claims and recommendations that evidence reaches
    along supports; the deepest chain is the longest line of supports.
    """
    from argmap import queries

    graph = _graph(paths)
    s = queries.stats(graph)
    if fmt is OutputFormat.json:
        _json({"maps": s.maps, "nodes": s.nodes, "relations": s.relations,
               "coverage": {"grounded": s.grounded, "conclusions": s.conclusions,
                            "share": round(s.coverage, 6)},
               "depth": s.depth, "deepest": s.deepest})
        return
    out, home = _stdout(), _home(graph)

    def counts(d: dict[str, int]) -> str:
        return f"{sum(d.values())} ({', '.join(f'{k} {v}' for k, v in d.items())})"

    out.print(Text(f"maps: {s.maps}"))
    out.print(Text(f"nodes: {counts(s.nodes)}"))
    out.print(Text(f"relations: {counts(s.relations)}"))
    out.print(Text(f"evidence coverage: {s.coverage:.0%} ({s.grounded} of {s.conclusions} "
                   "claims and recommendations rest on evidence)"))
    shown = [graph.label(k, home) for k in s.deepest]
    if len(shown) > 12:  # the whole chain is in --format json
        shown = [*shown[:5], f"... {len(shown) - 10} more ...", *shown[-5:]]
    chain = " -> ".join(shown)
    out.print(Text(f"deepest support chain: {s.depth} relation{'s' if s.depth != 1 else ''}"
                   + (f": {chain}" if chain else "")))


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
@_errors
def evaluate(
    paths: Paths,
    semantics: Annotated[SemanticsChoice, typer.Option(
        "--semantics", "-s", help="Argumentation semantics.")] = SemanticsChoice.grounded,
    strength: Annotated[bool, typer.Option(
        "--strength", help="Also compute gradual strengths (DF-QuAD).")] = False,
    without: WithoutOpt = None, assume: AssumeOpt = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Search preferred/stable extensions however many arguments are "
        "undecided (the search is exponential).")] = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Which nodes stand once attacks are taken into account: in, out or undec.

    Supports count as necessary (a supported node needs one supporter that stands),
    undercuts cancel the relation they target (docs/semantics.md). Maps, or one
    ICCMA framework (.apx, .tgf, .af). With --without/--assume, prints what changes
    against the baseline.
    """
    from argmap import semantics as sem

    graph = _graph(paths)
    removed, fixed = _what_if(graph, without, assume)
    kind = sem.Semantics(semantics.value)
    limit = None if force else sem.DEFAULT_LIMIT
    base = sem.evaluate(graph, kind, strength=strength, limit=limit)
    other = sem.evaluate(graph, kind, strength=strength, without=removed, assume=fixed,
                         limit=limit) if removed or fixed else None
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
@_errors
def explain(
    node: NodeRef, paths: Paths,
    depth: Annotated[int, typer.Option(
        "--depth", min=1, help="How many reasons deep to go.")] = 4,
    without: WithoutOpt = None, assume: AssumeOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Why NODE is in, out or undecided (grounded semantics), in plain words.

    Follows the chain of attacks and defences: a node is out because an attacker
    is in, in because every attack on it fails (and it has support if it needs it).
    """
    from argmap import queries
    from argmap.semantics import explain as why

    graph = _graph(paths)
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


# --- Drawing maps: `render` and `export` (docs/render.md). The options that decide what
# the diagram shows are shared by both commands; choices are checked by the library
# (argmap.render.options.choice) so that `argmap --help` needs no rendering import.

RenderFormatOpt = Annotated[str | None, typer.Option(
    "--format", "-f", metavar="FORMAT",
    help="svg, png, pdf, dot, mermaid, md or json [default: from -o's ending, else svg].")]
ThemeOpt = Annotated[str, typer.Option(
    "--theme", metavar="THEME", help="color (colour-blind safe) or print (black and white).")]
LabelsOpt = Annotated[str, typer.Option(
    "--labels", metavar="WHAT", help="What nodes show: text, id or both.")]
DirectionOpt = Annotated[str, typer.Option(
    "--direction", metavar="DIR",
    help="bottom-up (evidence at the bottom), top-down, left-right or right-left.")]
GroupOpt = Annotated[str, typer.Option(
    "--group", metavar="BY", help="Draw clusters by section, tag or file, or none.")]
KindsOpt = Annotated[list[str] | None, typer.Option(
    "--kinds", metavar="KINDS",
    help="Only nodes of these kinds (comma-separated or repeated): claim, evidence, "
    "recommendation, assumption, objection.")]
TagsOpt = Annotated[list[str] | None, typer.Option(
    "--tags", metavar="TAGS", help="Only nodes with one of these tags (comma-separated or "
    "repeated).")]
OrphansOpt = Annotated[bool, typer.Option(
    "--hide-orphans", help="Leave out nodes without any relation shown.")]
FindingsOpt = Annotated[bool, typer.Option(
    "--highlight-findings", help="Mark nodes and relations that `argmap check` reports "
    "(settings from pyproject.toml and the map); the findings are in the tooltips.")]
LegendOpt = Annotated[bool, typer.Option("--no-legend", help="Leave out the legend.")]
TitleOpt = Annotated[str | None, typer.Option(
    "--title", metavar="TEXT", help="Title to show instead of the map's.")]
EngineOpt = Annotated[str | None, typer.Option(
    "--engine", metavar="ENGINE", help="Graphviz layout: dot, sfdp, neato or fdp [default: "
    "dot, or sfdp for maps too big for dot].")]
TimeoutOpt = Annotated[float, typer.Option(
    "--timeout", metavar="SECONDS", min=1, help="Time limit of one Graphviz run.")]
DpiOpt = Annotated[int | None, typer.Option(
    "--dpi", min=10, max=2400, help="Resolution of PNG output [default: 96].")]
NoLayoutOpt = Annotated[bool, typer.Option(
    "--no-layout", help="json: leave out positions (no Graphviz needed).")]


def _render_options(theme: str, labels: str, direction: str, group: str, kinds: list[str] | None,
                    tags: list[str] | None, hide_orphans: bool, highlight: bool,
                    no_legend: bool, title: str | None, focus: str | None = None,
                    depth: int = 2) -> Any:
    from argmap.model import NodeKind
    from argmap.render.options import (
        Direction,
        Grouping,
        LabelMode,
        RenderOptions,
        Theme,
        choice,
        choices,
    )

    return RenderOptions(
        theme=choice(Theme, theme, "--theme"), labels=choice(LabelMode, labels, "--labels"),
        direction=choice(Direction, direction, "--direction"),
        group=choice(Grouping, group, "--group"), focus=focus, depth=depth,
        kinds=choices(NodeKind, kinds or (), "--kinds"), tags=_split(tags) or (),
        hide_orphans=hide_orphans, highlight_findings=highlight, legend=not no_legend,
        title=title)


def _check_settings(path: Path, highlight: bool) -> Any:
    """pyproject.toml's check settings, read only when findings are highlighted."""
    if not highlight:
        return None
    from argmap import config as cfg

    found = cfg.find_pyproject(path)
    return cfg.read_pyproject(found) if found is not None else None


def _notices(notices: tuple[str, ...]) -> None:
    err = _stderr()
    for notice in notices:
        err.print(Text("note: ", style="yellow") + Text(notice))


@app.command()
@_errors
def render(
    path: Annotated[Path, typer.Argument(
        help="A map file, or a folder of maps drawn as one diagram.", show_default=False,
        metavar="MAP")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, metavar="FILE",
        help="Where to write [default: next to the map, with the format's ending].")] = None,
    fmt: RenderFormatOpt = None,
    theme: ThemeOpt = "color",
    labels: LabelsOpt = "text",
    direction: DirectionOpt = "bottom-up",
    group: GroupOpt = "none",
    focus: Annotated[str | None, typer.Option(
        "--focus", metavar="NODE", help="Show only the neighbourhood of this node "
        "(id, or map:id).")] = None,
    depth: Annotated[int, typer.Option(
        "--depth", min=0, help="With --focus: how many relations away nodes are shown.")] = 2,
    kinds: KindsOpt = None,
    tags: TagsOpt = None,
    hide_orphans: OrphansOpt = False,
    highlight_findings: FindingsOpt = False,
    no_legend: LegendOpt = False,
    title: TitleOpt = None,
    reveal: Annotated[bool, typer.Option(
        "--reveal", help="Write numbered steps (FILE-01, FILE-02, ...) that build the "
        "argument up from the evidence, for teaching.")] = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = 60.0,
    dpi: DpiOpt = None,
    no_layout: NoLayoutOpt = False,
) -> None:
    """Draw a map: SVG, PNG, PDF, DOT, Mermaid, a Markdown handout, or JSON with positions.

    Recommendations on top, evidence at the bottom; a shape and colour per node
    kind, a line style per relation kind, and a legend (docs/render.md). Exit
    code 0 when written, 2 on a bad map or option, a missing Graphviz, or a
    failed layout; nothing is written then.
    """
    from argmap.render.api import OutputOptions
    from argmap.render.files import render_file

    options = _render_options(theme, labels, direction, group, kinds, tags, hide_orphans,
                              highlight_findings, no_legend, title, focus, depth)
    result = render_file(
        path, output, fmt=fmt, options=options, reveal=reveal,
        output_options=OutputOptions(engine=engine, timeout=timeout, dpi=dpi,
                                     layout=not no_layout),
        settings=_check_settings(path, highlight_findings))
    out = _stdout()
    for written in result.outputs:
        out.print(Text(f"wrote {written}", style="green"))
    _notices(result.notices)


@app.command()
@_errors
def export(
    folder: Annotated[Path, typer.Argument(
        help="A folder of maps (with --to: a map file or a folder).", show_default=False,
        metavar="PATH")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="OUT",
        help="Folder to draw into (created if missing), one file per map; with --to, the "
        "file to write.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="Drawing format: svg, png, pdf, dot, mermaid, md or json.")] = "svg",
    to: Annotated[str | None, typer.Option(
        "--to", metavar="FORMAT",
        help="Convert instead of drawing: argdown, aif, graphml or json (argmap JSON); "
        "a folder's maps are merged into one file. What the format cannot hold is "
        "listed on stderr.")] = None,
    theme: ThemeOpt = "color",
    labels: LabelsOpt = "text",
    direction: DirectionOpt = "bottom-up",
    group: GroupOpt = "none",
    kinds: KindsOpt = None,
    tags: TagsOpt = None,
    hide_orphans: OrphansOpt = False,
    highlight_findings: FindingsOpt = False,
    no_legend: LegendOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = 60.0,
    dpi: DpiOpt = None,
    no_layout: NoLayoutOpt = False,
) -> None:
    """Draw every map of a folder into another folder, or convert maps (--to).

    PNG at 300 dpi for slides, PDF for handouts, Mermaid for Markdown pages;
    takes the drawing options of `argmap render`. With --to, writes Argdown,
    AIF JSON, GraphML or argmap JSON (docs/interop.md). Exit code 0 when
    everything was written, 2 otherwise.
    """
    if to is not None:
        _convert(folder, output, to)
        return
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder; to draw one map use `argmap render`")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from argmap.render.api import OutputOptions
    from argmap.render.files import export_folder

    options = _render_options(theme, labels, direction, group, kinds, tags, hide_orphans,
                              highlight_findings, no_legend, None)
    err = _stderr()
    with Progress(TextColumn("exporting"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}", markup=False), console=err, transient=True,
                  disable=not err.is_terminal) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int, written: Path) -> None:
            progress.update(task, completed=done, total=total, description=written.name)

        result = export_folder(
            folder, output, fmt, options=options, on_progress=advance,
            output_options=OutputOptions(engine=engine, timeout=timeout, dpi=dpi,
                                         layout=not no_layout),
            settings=_check_settings(folder, highlight_findings))
    _stdout().print(Text(f"wrote {len(result.outputs)} file"
                         f"{'s' if len(result.outputs) != 1 else ''} to {output}",
                         style="green"))
    _notices(result.notices)

def _convert(path: Path, output: Path, fmt: str) -> None:
    """`argmap export --to`: one file in an interchange format, with its loss report."""
    from argmap.interop.formats import export_map
    from argmap.load import load_set
    from argmap.writer import write_text_atomic

    maps = load_set([path])
    text, loss = export_map(maps, fmt)
    write_text_atomic(output, text, inputs=[Path(m.path) for m in maps])
    _stdout().print(Text(f"wrote {output}", style="green"))
    if len(loss):
        err = _stderr()
        err.print(Text(f"loss report: {len(loss)} item{'s' if len(loss) != 1 else ''} "
                       f"not carried over exactly", style="yellow"))
        for item in loss.ordered():
            err.print(Text(f"- {item}"))


#: Results kept alive until the process exits (see :func:`main`).
_KEEP: list[Any] = []


def main() -> None:
    """Entry point of the ``argmap`` console script.

    A command runs for a moment and exits, so the cyclic garbage collector has
    nothing to reclaim: it is switched off (on a 100,000-node map it would spend
    seconds walking millions of live objects). For the same reason the process
    ends with ``os._exit`` once output is flushed, instead of freeing every object
    of a large map one by one (about 0.5 s for 100,000 nodes); commands hand what
    they built to ``_KEEP`` so that it is not freed when they return.
    """
    gc.disable()
    try:
        app()
        code: int = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            sys.stderr.write(exc.code + "\n")
    except BrokenPipeError:
        code = EXIT_FINDINGS  # the reader went away (`argmap check | head`): stop quietly
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)
