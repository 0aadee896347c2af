"""``argmap diff``: what a change does to the reasoning (see :mod:`argmap.diff`)."""

from __future__ import annotations

import dataclasses
import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer import _click as click

from argmap.cli._app import (
    _KEEP,
    EXIT_FINDINGS,
    Command,
    _emit,
    _is_terminal,
    _split,
    app,
    file_to_write,
)
from argmap.errors import UsageError, shown

if TYPE_CHECKING:
    from rich.text import Text

    from argmap.diff import Diff, FailOn, NodeChange
    from argmap.writer import Inputs

#: Where the command keeps how many arguments followed `--` (the paths of a revision diff).
_AFTER_DASHES = "argmap.diff.after-dashes"


class _DiffCommand(Command):
    """Remembers how many arguments follow ``--``: click reads them as positional
    arguments like the ones before, and ``argmap diff REV -- PATH`` tells revisions from
    paths by it (as git does)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            ctx.meta[_AFTER_DASHES] = len(args) - args.index("--") - 1
        return super().parse_args(ctx, args)


class DiffFormat(StrEnum):
    """Formats of ``argmap diff``."""

    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


@app.command(cls=_DiffCommand)
def diff(
    ctx: typer.Context,
    args: Annotated[list[str], typer.Argument(
        help="OLD NEW: two map files or two folders of maps. REV -- PATH...: the maps of "
        "PATH at git revision REV against the working tree. REV1 REV2 -- PATH...: at two "
        "revisions.", show_default=False, metavar="OLD NEW | REV [REV2] -- PATH...")],
    fmt: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="Output format (markdown: for a pull-request comment; html: "
        "both versions drawn side by side, changes marked, written to --output).")
    ] = DiffFormat.text,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", parser=file_to_write,
        help="Write the report to this file instead of standard output.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Write over a file argmap did not write (a JSON or HTML file, a map; "
        "never over one of the run's inputs).")] = False,
    fail_on: Annotated[list[str] | None, typer.Option(
        "--fail-on", metavar="CONDITION",
        help="Exit 1 when one of these holds (comma-separated or repeated): any-change, "
        "new-finding, new-error, recommendation-lost-evidence, acceptance-changed.")] = None,
    threshold: Annotated[float | None, typer.Option(
        "--threshold", min=0.0, max=1.0, help="acceptance-changed holds also when a node's "
        "DF-QuAD strength (its range, where intervals leave it open) moves across this "
        "value.")] = None,
) -> None:
    """What a change does to the argument: nodes and relations added, removed and
    changed (renamed ids matched by text), findings introduced and resolved, the
    support of recommendations, and acceptance (grounded, DF-QuAD) before and after.

    Exit code 0, or 1 when a --fail-on condition holds; 2 when a map (on either
    side) cannot be loaded, a revision is unknown or an option is wrong.
    """
    from argmap.diff import compare_paths, compare_revisions, formats

    conditions = _conditions(fail_on)
    if threshold is not None and math.isnan(threshold):
        # click's range check lets NaN through: no strength is above or below it.
        raise UsageError(f"--threshold must be a number from 0 to 1; got {threshold}")
    after = ctx.meta.get(_AFTER_DASHES)
    inputs: list[Path] = []
    if after is None:
        if len(args) != 2:
            raise UsageError("give two files or two folders (argmap diff OLD NEW), or a "
                             "revision and paths (argmap diff REV -- PATH...)")
        inputs = [Path(args[0]), Path(args[1])]
    else:
        revs, inputs = args[:len(args) - after], [Path(p) for p in args[len(args) - after:]]
        if not 1 <= len(revs) <= 2 or not inputs:
            raise UsageError("give one or two revisions before `--` and paths after it: "
                             "argmap diff REV [REV2] -- PATH...")
        for p in inputs:
            # A path no side has is no error (a change may add the first maps), so an
            # option put after `--` would be passed over in silence.
            if str(p).startswith("-") and not p.exists():
                raise UsageError(f"{shown(str(p))} after `--` is taken as a path, and there is no "
                                 "such file: options come before `--` (a path that starts "
                                 "with - is written ./-...)")
    if fmt is DiffFormat.html and output is None:
        raise UsageError("--format html writes a page: give --output FILE")
    if output is not None:
        from argmap.writer import check_outputs

        check_outputs([output], inputs=inputs, force=force)  # before any work
    comparison = (compare_paths(*inputs) if after is None
                  else compare_revisions(revs[0], revs[1] if len(revs) == 2 else None, inputs))
    _KEEP.append(comparison)
    known: Inputs | list[Path] = inputs
    if output is not None:
        from argmap.writer import check_outputs, read_inputs

        # The source texts the maps name are inputs too, known now that they are loaded.
        known = read_inputs([*comparison.old.maps, *comparison.new.maps], also=inputs)
        check_outputs([output], inputs=known, force=force)
    result = comparison.diff
    if threshold is not None:
        result = dataclasses.replace(result, threshold=threshold)
    rendered: Any
    if fmt is DiffFormat.html:
        from argmap.diff.page import diff_page

        rendered = diff_page(comparison)
    elif fmt is DiffFormat.json:
        rendered = formats.json_text(result)
    elif fmt is DiffFormat.markdown:
        rendered = formats.markdown(result)
    else:
        rendered = text(result, color=output is None and _is_terminal())
    if output is None:
        _emit(rendered, safe=fmt is DiffFormat.json)
    else:
        from argmap.writer import write_text_atomic

        write_text_atomic(output, rendered, inputs=known, force=force)
    if any(result.holds(c) for c in conditions):
        raise typer.Exit(EXIT_FINDINGS)


def _conditions(values: list[str] | None) -> list[FailOn]:
    from argmap.diff import FailOn

    known = {c.value: c for c in FailOn}
    out = []
    for name in _split(values) or ():
        if name not in known:
            import difflib

            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {shown(close[0])}?" if close else f"known: {', '.join(known)}"
            raise UsageError(f"unknown --fail-on condition {shown(name)}; {hint}")
        out.append(known[name])
    return out


def _lines(result: Diff) -> list[list[tuple[str, str]]]:
    """The text report as lines of (text, style) segments."""
    out: list[list[tuple[str, str]]] = [[("argmap diff: ", "bold"), (result.old, "bold"),
                                         (" → ", "bold"), (result.new, "bold")]]
    counts = {k: v for k, v in result.counts().items() if v}
    if result.empty:
        out.append([("no change in the argument", "green")])
        return out
    out.append([(", ".join(f"{k} {v}" for k, v in counts.items()) or "maps changed", "")])

    def head(title: str, items: int) -> None:
        out.append([])
        out.append([(f"{title} ({items})", "bold")])

    for title, maps in (("maps added", result.maps_added), ("maps removed", result.maps_removed)):
        if maps:
            head(title, len(maps))
            out.extend([[("  ", ""), (m, "")] for m in maps])
    if result.recommendations:
        head("recommendations whose support changed", len(result.recommendations))
        for r in result.recommendations:
            line = [("  ", ""), (r.key, "bold"),
                    (f": {r.evidence()}", "")]
            if r.lost_evidence:
                line.append((" (rests on no evidence now)", "bold red"))
            out.append(line)
            out.extend([[("    - ", "red"), (g, "")] for g in r.grounds_removed])
            out.extend([[("    + ", "green"), (g, "")] for g in r.grounds_added])
    if result.acceptance:
        head("acceptance (grounded label, DF-QuAD strength)", len(result.acceptance))
        out.extend([[("  ", ""), (a.key, "bold"),
                     (f": {a.status_before} → {a.status_after}, {a.strengths()}", "")]
                    for a in result.acceptance])
    for title, problems, mark, style in (("findings introduced", result.introduced, "+", "red"),
                                         ("findings resolved", result.resolved, "-", "green")):
        if problems:
            head(title, len(problems))
            out.extend([[(f"  {mark} ", style), (str(p), "")] for p in problems])
    if result.nodes:
        head("nodes", len(result.nodes))
        for n in result.nodes:
            out.append(_node_line(n))
    if result.relations:
        head("relations", len(result.relations))
        for rel in result.relations:
            line = [(f"  {rel.change}: ", ""), (rel.source, "bold"), (f" {rel.kind} ", ""),
                    (rel.target, "")]
            if rel.target_before is not None:
                line.append((f" (was {rel.target_before})", "dim"))
            for f, b, a in rel.fields:
                line.append((f"; {f} {'none' if b is None else b} → "
                             f"{'none' if a is None else a}", ""))
            out.append(line)
    return out


#: The words of a word diff (see argmap.diff.describe) as git's --word-diff=plain marks
#: them, legible without colour: (opening, closing, their style, the words' style).
_WORD_MARKS = {"deleted": ("[-", "-]", "red", "red strike"),
               "inserted": ("{+", "+}", "green", "green")}
#: The style of the other parts (none for argmap's words, keys and unchanged words).
_PART_STYLES = {"before": "red", "after": "green"}
_MARKS = {"added": ("  + ", "green"), "removed": ("  - ", "red")}


def _node_line(n: NodeChange) -> list[tuple[str, str]]:
    from argmap.diff.describe import describe

    d = describe(n)
    if d.change != "changed":
        return [_MARKS[d.change], (d.key, "bold"), (f" ({d.kind}): ", ""), (d.text, "")]
    line: list[tuple[str, str]] = [("  ~ ", "yellow"), (d.key, "bold"), (":", "")]
    for i, clause in enumerate(d.clauses):
        line.append(("; " if i else " ", ""))
        for role, text in clause:
            if role in _WORD_MARKS:
                opening, closing, mark, style = _WORD_MARKS[role]
                line += [(opening, mark), (text, style), (closing, mark)]
            else:
                line.append((text, _PART_STYLES.get(role, "")))
    return line


def text(result: Diff, *, color: bool) -> str | Text:
    """The text report: a rich Text in colour, else a plain string (the same words); node
    keys as plain ids when the diff is of one map."""
    from argmap.diff.formats import shortened
    from argmap.terminal import printable

    # Each piece is escaped whole, line feeds included: a path given on the command line
    # (or a map's text) that held one would begin a line of its own in a CI log, such as
    # `::error file=...`, which GitHub takes for an annotation.
    lines = [[(printable(t), style) for t, style in line] for line in _lines(shortened(result))]
    if not color:
        return "".join("".join(t for t, _ in line) + "\n" for line in lines)
    from rich.text import Text

    out = Text()
    for line in lines:
        for t, style in line:
            out.append(t, style=style or None)
        out.append("\n")
    return out
