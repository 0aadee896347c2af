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

    _stderr().print(report.text(report.Report.from_load_errors(problems)))


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
    try:
        maps = load_set(paths)
        settings, per_map = cfg.resolve(maps, pyproject, overrides)
        result = run_checks(maps, settings, per_map)
        _KEEP.append(result)
    except LoadError as exc:
        _emit(formatter(report.Report.from_load_errors(exc.problems)), fmt)
        raise typer.Exit(EXIT_ERROR) from None
    _emit(formatter(report.Report.from_result(result)), fmt)
    if result.failed and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


def _emit(rendered: Any, fmt: ReportFormat) -> None:
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        _stdout().print(rendered)


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
