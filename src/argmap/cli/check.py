"""Commands for reviewers and editors: ``check``, ``validate``, ``schema``, ``rules``."""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import (
    _KEEP,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Command,
    Paths,
    _emit,
    _is_terminal,
    _split,
    _stdout,
    app,
    file_to_write,
)
from argmap.errors import LoadError, Severity, UsageError, shown

if TYPE_CHECKING:
    from argmap.baseline import Baseline
    from argmap.checks import CheckResult
    from argmap.loading.loader import MapSet
    from argmap.report import Report
    from argmap.writer import Inputs


class ReportFormat(StrEnum):
    """Formats of ``argmap check`` reports."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


#: Where a report goes (`check`, `validate`).
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", parser=file_to_write,
    help="Write the report to this file instead of standard output.")]

#: Whether an output may replace a file argmap did not write (`check`, `validate`).
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Write over a file argmap did not write (a JSON file, a map; never over "
    "one of the run's inputs).")]

CheckPaths = Annotated[list[Path], typer.Argument(
    help="Map files or folders of maps; `-` reads one map from standard input (until end of "
    "file; source texts relative to the working directory).",
    show_default=False, metavar="PATH...")]


@app.command(cls=Command)
def check(
    paths: CheckPaths,
    select: Annotated[list[str] | None, typer.Option(
        "--select", "-s", metavar="RULE",
        help="Only these rules (comma-separated or repeated).")] = None,
    extend_select: Annotated[list[str] | None, typer.Option(
        "--extend-select", "-e", metavar="RULE",
        help="These rules besides the selected or default ones, e.g. an opt-in rule "
        "(comma-separated or repeated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", "-i", metavar="RULE",
        help="Skip these rules (comma-separated or repeated).")] = None,
    severity: Annotated[Severity | None, typer.Option(
        "--severity", case_sensitive=False,
        help="Lowest severity reported [default: info, or the configuration's].",
    )] = None,
    fail_on: Annotated[Severity | None, typer.Option(
        "--fail-on", case_sensitive=False,
        help="Lowest severity that fails the check (exit 1) [default: any finding reported, "
        "or the configuration's fail-on].")] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="Report format.")] = ReportFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q",
        help="Text format: only the `path:line:col: severity: message [rule]` lines.")] = False,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Count the findings per rule instead of listing them (text or "
        "json).")] = False,
    config: Annotated[Path | None, typer.Option(
        "--config", metavar="FILE", dir_okay=False,
        help="The configuration file of every map: a pyproject.toml ([tool.argmap]) or an "
        "argmap.toml (default: each map's own, the nearest argmap.toml, .argmap.toml or "
        "pyproject.toml with [tool.argmap] above the map's file).")] = None,
    no_config: Annotated[bool, typer.Option(
        "--no-config", help="Ignore configuration files.")] = False,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", dir_okay=False,
        help="Report only findings that are not in this baseline.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", metavar="FILE", parser=file_to_write,
        help="Record the findings in this baseline file instead of reporting them "
        "(exit 0).")] = None,
    changed_files: Annotated[bool, typer.Option(
        "--changed-files",
        help="The paths are changed files (pre-commit): check the maps among them (YAML "
        "files with a top-level `argmap:` key) and the maps under the working directory "
        "that name a changed file as a source text; skip every other file.")] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when there are findings.")] = False,
    source_only: Annotated[bool, typer.Option(
        "--source-only", help="Leave out the analyst's relations (by: analyst): check "
        "the argument the sources make on their own.")] = False,
) -> None:
    """Check maps for reviewers: unsupported claims, circular support, bad quotes, ...

    Prints every finding as `path:line:col: severity: message [rule-id]`. Exit
    code 0 when clean, 1 with findings at or above --fail-on (any finding
    reported, without it), 2 when a map cannot be loaded or an option is wrong.
    """
    from argmap import checkrun, report
    from argmap import config as cfg

    stdin = any(str(p) == "-" for p in paths)
    if stdin and (len(paths) > 1 or changed_files):
        raise UsageError("`-` (a map on standard input) is checked alone: give no other path "
                         "and no --changed-files")
    if statistics and fmt not in (ReportFormat.text, ReportFormat.json):
        raise UsageError(f"--statistics prints text or json, not {fmt.value}")
    if baseline is not None and write_baseline is not None:
        raise UsageError("--baseline and --write-baseline cannot be given together: write "
                         "the baseline anew without --baseline")
    if select is not None and not _split(select):
        # `--select "$RULES"` with RULES unset would run no rule and pass: a CI job that
        # checks nothing.
        raise UsageError("--select names no rule: give rule ids (`argmap rules` lists them), "
                         "or leave --select out to run the default rules")
    overrides = cfg.Overrides(_split(select), _split(ignore) or (), severity, fail_on,
                              _split(extend_select) or ())
    # What the run reads: the maps, the configuration named, the baseline (and, once the
    # maps are loaded, their source texts and the configurations found above them).
    given = [p for p in (*paths, config, baseline) if p is not None and str(p) != "-"]
    outputs = [p for p in (output, write_baseline) if p is not None]
    if outputs and config is None and not no_config:
        # The configurations above the paths given, so that an output over one is refused
        # as the input it is (not as a TOML file --force could replace) before any work.
        given += sorted({found for p in paths if str(p) != "-"
                         if (found := cfg.find_config(p)) is not None})
    if outputs:
        from argmap.writer import check_outputs

        # Before any work: a check of many maps is not done to fail at the end.
        check_outputs(outputs, inputs=given, force=force)
    # Replaced by all the inputs once the maps are loaded.
    inputs: list[Path] | Inputs = given
    texts: dict[str, str] = {}
    color = output is None and _is_terminal()
    try:
        # The configuration's mistakes are load errors of the report like the maps' (in
        # its format: a CI job reading JSON or SARIF gets them too). One named is read
        # before the maps; those found, each map's nearest, once the maps are known.
        named = (config, cfg.read_config(config)) if config is not None else None
        # Read before the maps: a mistyped baseline fails at once, not after the check.
        held_back = _read_baseline(baseline) if baseline is not None else None
        maps: MapSet | None
        if stdin:
            maps = _read_stdin(texts)
        elif changed_files:
            maps = _changed(paths)
        else:
            from argmap.loading.loader import load_set

            maps = load_set(paths)
        result = None
        failed = False
        held = 0
        if maps is not None and outputs:
            from argmap.writer import check_outputs, read_inputs

            # The source texts and configurations are inputs too, known now: refused
            # before the run.
            if config is None and not no_config:
                # Files that say the same are all there, where the run groups them
                # as one.
                given += sorted({p for _, p in checkrun.found_configs(maps) if p is not None})
            inputs = read_inputs(maps, also=given)
            check_outputs(outputs, inputs=inputs, force=force)
        if maps is not None:
            groups = checkrun.configurations(maps, named, find=not no_config)
            ran = checkrun.run(maps, groups, overrides, source_only=source_only)
            result = ran.result
            _KEEP.append(result)
            if baseline is not None and held_back is not None:
                kept, held = held_back.filter(result.findings, baseline.parent)
                result = dataclasses.replace(result, findings=kept)
            failed = ran.failed(result.findings)
    except LoadError as exc:
        if outputs and not stdin:
            # Some map failed: the inputs the others would have added are found from the
            # files themselves, so that the report of the errors is not written over them
            # (each map parsed only for an output that exists: see writer.Inputs).
            from argmap.writer import Inputs, check_outputs

            inputs = Inputs(given, existing=lambda: checkrun.declared_inputs(paths))

            check_outputs(outputs, inputs=inputs, force=force)
        # Statistics of a run that checked nothing would say nothing: the errors are shown.
        formatter = _formatter(fmt, quiet=quiet, statistics=False, color=color)
        _output(formatter(report.Report.from_load_errors(exc.problems, texts)), output,
                inputs, force=force)
        raise typer.Exit(EXIT_ERROR) from None
    if write_baseline is not None:
        _write_baseline(write_baseline, result, inputs, quiet=quiet, force=force)
        return
    rep = report.Report() if result is None else report.Report.from_result(result)
    formatter = _formatter(fmt, quiet=quiet, statistics=statistics, color=color)
    _output(formatter(dataclasses.replace(rep, baselined=held)), output, inputs, force=force)
    if failed and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


def _formatter(fmt: ReportFormat, *, quiet: bool, statistics: bool,
               color: bool) -> Callable[[Report], Any]:
    """The report formatter for the options."""
    from argmap import report

    if statistics:
        return report.statistics_json if fmt is ReportFormat.json else report.statistics
    if fmt is not ReportFormat.text:
        return report.FORMATTERS[fmt.value]
    if quiet:
        return report.parsable
    # Plain text (fast, and without importing rich) unless a terminal shows it
    # (rich: colour and layout).
    return functools.partial(report.text, color=color)


def _read_stdin(texts: dict[str, str]) -> MapSet:
    """The map on standard input; what was read is put in ``texts`` (for a report of its
    load errors, which has no file to read the lines from)."""
    from argmap.inputs import STDIN, StdinError, read_stdin

    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("`-` reads a map from standard input, which is a terminal here; "
                         "pipe a map in: argmap check - < map.yaml")
    try:
        return read_stdin(sys.stdin.buffer)
    except StdinError as exc:
        texts[STDIN] = exc.text
        raise


def _changed(paths: list[Path]) -> MapSet | None:
    """The maps to check for a list of changed files (None: there are none)."""
    from argmap.inputs import changed_maps
    from argmap.loading.loader import load_set

    maps = changed_maps(paths)
    return load_set(maps) if maps else None


def _read_baseline(path: Path) -> Baseline:
    """The baseline in the file ``path``."""
    from argmap import baseline

    return baseline.read(path)


def _write_baseline(path: Path, result: CheckResult | None, inputs: list[Path] | Inputs, *,
                    quiet: bool, force: bool) -> None:
    """Write the baseline of ``result``'s findings to ``path`` and say so on stderr."""
    from argmap import baseline
    from argmap.terminal import printable
    from argmap.writer import write_text_atomic

    findings = result.findings if result is not None else ()
    write_text_atomic(path, baseline.text(findings, path.parent), inputs=inputs, force=force)
    if not quiet:
        n = len(findings)
        sys.stderr.write(printable(f"argmap: wrote {path}: {n} finding{'' if n == 1 else 's'} "
                                   "in the baseline") + "\n")


def _output(rendered: Any, output: Path | None, inputs: list[Path] | Inputs, *,
            force: bool) -> None:
    """Print the report, or write it to ``output`` (over a file argmap did not write only
    with ``force``)."""
    if output is None:
        _emit(rendered, safe=True)
        return
    from argmap.writer import write_text_atomic

    write_text_atomic(output, rendered, inputs=inputs, force=force)


@app.command(cls=Command)
def validate(
    paths: Paths,
    changed_files: Annotated[bool, typer.Option(
        "--changed-files",
        help="The paths are changed files (pre-commit): validate the maps among them and "
        "the maps that name a changed file as a source text; skip every other file.")] = False,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="Report format: the load errors as `argmap check` gives "
        "them (text: on standard error unless -o is given; valid maps: one `ok:` line, or "
        "a report without findings).")] = ReportFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Load maps and report every format error; exit 2 if there is any.

    Runs no rule of `argmap check`: only whether the maps load. --format json,
    sarif or github gives the errors to CI in the shape `check` gives them.
    """
    from argmap import checkrun, report
    from argmap.loading.loader import load_set

    # What the run reads: the maps (and, once they are loaded, their source texts).
    inputs: list[Path] | Inputs = list(paths)
    if output is not None:
        from argmap.writer import check_outputs

        check_outputs([output], inputs=inputs, force=force)  # before any work
    try:
        maps = _changed(paths) if changed_files else load_set(paths)
    except LoadError as exc:
        if fmt is ReportFormat.text and output is None:
            raise  # the errors on standard error, as every command reports them
        if output is not None:
            # As `check` does: the report of the errors is not written over a file the
            # maps that did load would have read.
            from argmap.writer import Inputs, check_outputs

            inputs = Inputs(paths, existing=lambda: checkrun.declared_inputs(paths))
            check_outputs([output], inputs=inputs, force=force)
        formatter = _formatter(fmt, quiet=False, statistics=False, color=False)
        _output(formatter(report.Report.from_load_errors(exc.problems, checking=False)),
                output, inputs, force=force)
        raise typer.Exit(EXIT_ERROR) from None
    if output is not None and maps is not None:
        from argmap.writer import check_outputs, read_inputs

        inputs = read_inputs(maps, also=paths)
        check_outputs([output], inputs=inputs, force=force)
    reported = [m for m in maps or () if not m.context]
    nodes = sum(len(m.map.nodes) for m in reported)
    if fmt is not ReportFormat.text:
        # A clean run in the shape of `check`'s: no findings, no load errors.
        _output(report.FORMATTERS[fmt.value](report.Report(maps=len(reported), nodes=nodes)),
                output, inputs, force=force)
        return
    relations = sum(len(n.relations()) for m in reported for n in m.map.nodes)
    line = (f"ok: {len(reported)} map{'s' if len(reported) != 1 else ''}, {nodes} nodes, "
            f"{relations} relations")
    if output is not None:
        _output(line + "\n", output, inputs, force=force)
        return
    from rich.text import Text

    _stdout().print(Text(line, style="green"))


@app.command(cls=Command)
def schema(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", parser=file_to_write,
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

    from argmap.checks import RULES, unknown_rule

    console = _stdout()
    if rule is not None:
        if rule not in RULES:
            hint = unknown_rule(rule)
            if not hint.startswith("did you mean"):
                # The code of a load error ([dangling-reference]) is looked up here too.
                hint += "; load errors: docs/format.md#load-errors"
            raise UsageError(f"unknown rule {shown(rule)}; {hint}")
        r = RULES[rule]
        opt_in = "" if r.default else ", opt-in: runs only when selected"
        console.print(Text(f"{r.id} ({r.severity.value}{opt_in})", style="bold"))
        console.print(Text(r.doc))
        return
    table = Table("rule", "severity", "what it finds", box=None, pad_edge=False)
    for r in RULES.values():
        # As in docs/checks.md: an opt-in rule does not run unless selected.
        table.add_row(escape(r.id), r.severity.value + ("" if r.default else " (opt-in)"),
                      escape(r.summary))
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
            raise UsageError(f"unknown scheme {shown(scheme)}; known schemes: {', '.join(SCHEMES)}")
        console.print(Text(f"{found.id} ({found.name})", style="bold"))
        console.print(Text(found.form))
        for q in found.questions:
            console.print(Text(f"  {q.id}: {q.text}"))
        return
    table = Table("scheme", "name in AIF", "questions", box=None, pad_edge=False)
    for s in SCHEMES.values():
        table.add_row(escape(s.id), escape(s.name), str(len(s.questions)))
    console.print(table)
