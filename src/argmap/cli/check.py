"""Commands for reviewers and editors: ``check``, ``validate``, ``schema``, ``rules``."""

from __future__ import annotations

import functools
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli._app import (
    _KEEP,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Paths,
    _emit,
    _is_terminal,
    _split,
    _stdout,
    app,
)
from argmap.errors import LoadError, Severity, UsageError


class ReportFormat(StrEnum):
    """Formats of ``argmap check`` reports."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command()
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
    source_only: Annotated[bool, typer.Option(
        "--source-only", help="Leave out the analyst's relations (by: analyst): check "
        "the argument the sources make on their own.")] = False,
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
        # Plain text (fast, and without importing rich) unless a terminal shows it
        # (rich: colour and layout).
        formatter = functools.partial(report.text, color=_is_terminal())
    try:
        maps = load_set(paths)
        settings, per_map = cfg.resolve(maps, pyproject, overrides)
        result = run_checks(maps, settings, per_map, source_only=source_only)
        _KEEP.append(result)
    except LoadError as exc:
        _emit(formatter(report.Report.from_load_errors(exc.problems)), safe=True)
        raise typer.Exit(EXIT_ERROR) from None
    _emit(formatter(report.Report.from_result(result)), safe=True)
    if result.failed and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)



@app.command()
def validate(paths: Paths) -> None:
    """Load maps and report every format error; exit 2 if there is any."""
    from rich.text import Text

    from argmap.load import load_set

    maps = load_set(paths)
    shown = [m for m in maps if not m.context]
    nodes = sum(len(m.map.nodes) for m in shown)
    relations = sum(len(n.relations()) for m in shown for n in m.map.nodes)
    _stdout().print(Text(f"ok: {len(shown)} map{'s' if len(shown) != 1 else ''}, "
                         f"{nodes} nodes, {relations} relations", style="green"))


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write the schema to this file instead of printing it.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Write over a JSON file (or a map) that argmap did not write.")] = False,
) -> None:
    """Print the JSON Schema (draft-07) of the map format, for editors.

    With -o, an existing schema argmap wrote is replaced; any other JSON file or
    map only with --force (exit code 2 otherwise).
    """
    from argmap.schema import json_schema_text
    from argmap.writer import write_text_atomic

    text = json_schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text, force=force)


@app.command()
def rules(
    rule: Annotated[str | None, typer.Argument(help="Show the documentation of this rule.",
                                               show_default=False, metavar="RULE")] = None,
) -> None:
    """List the rules of `argmap check`, or show one rule's documentation."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

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


@app.command()
def schemes(
    scheme: Annotated[str | None, typer.Argument(
        help="Show this scheme's form and critical questions.", show_default=False,
        metavar="SCHEME")] = None,
) -> None:
    """List the argumentation schemes a relation may name (`scheme:`), or show one."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from argmap.schemes import SCHEMES, by_name

    console = _stdout()
    if scheme is not None:
        found = SCHEMES.get(scheme) or by_name(scheme)
        if found is None:
            raise UsageError(f"unknown scheme {scheme!r}; known schemes: {', '.join(SCHEMES)}")
        console.print(Text(f"{found.id} ({found.name})", style="bold"))
        console.print(Text(found.form))
        for q in found.questions:
            console.print(Text(f"  {q.id}: {q.text}"))
        return
    table = Table("scheme", "name in AIF", "questions", box=None, pad_edge=False)
    for s in SCHEMES.values():
        table.add_row(escape(s.id), escape(s.name), str(len(s.questions)))
    console.print(table)
