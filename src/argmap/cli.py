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
        help="A folder of maps.", show_default=False, file_okay=False, metavar="FOLDER")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", file_okay=False, metavar="FOLDER",
        help="Folder to write into (created if missing); one file per map.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="svg, png, pdf, dot, mermaid, md or json.")] = "svg",
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
    """Draw every map of a folder into another folder: one file per map, any format.

    PNG at 300 dpi for slides, PDF for handouts, Mermaid for Markdown pages.
    Takes the drawing options of `argmap render`. Exit code 0 when every map
    was written, 2 otherwise.
    """
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
