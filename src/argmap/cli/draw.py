"""Drawing commands: ``render`` and ``export`` (docs/render.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import (
    Command,
    _split,
    _stderr,
    _stdout,
    app,
    folder_named,
)
from argmap.cli.interop import _convert
from argmap.errors import UsageError

if TYPE_CHECKING:
    from argmap.checks import Settings
    from argmap.render.options import RenderOptions
    from argmap.render.output import OutputOptions

# --- Drawing maps: `render` and `export` (docs/render.md). The options that decide what
# the diagram shows are shared by both commands; choices are checked by the library
# (argmap.render.options.choice) so that `argmap --help` needs no rendering import.

RenderFormatOpt = Annotated[str | None, typer.Option(
    "--format", "-f", metavar="FORMAT",
    help="svg, png, pdf, dot, mermaid, md, json or html [default: from -o's ending, else "
    "svg].")]
ShowOpt = Annotated[str | None, typer.Option(
    "--show", metavar="WHAT",
    help="Write on each node its acceptance (grounded: in, out, undec) or its DF-QuAD "
    "strength (docs/semantics.md).")]
ThemeOpt = Annotated[str, typer.Option(
    "--theme", metavar="THEME", help="color (colour-blind safe) or print (black and white).")]
LabelsOpt = Annotated[str, typer.Option(
    "--labels", metavar="WHAT",
    help="What nodes show: text (the full text; also 'full'), short (the node's title:, "
    "else one made from its id; the text in the tooltip), id, both (id and text), or auto: "
    "the text, or short labels when the text would print under 7 pt on a slide or the "
    "--page (SVG, PNG, PDF).")]
DirectionOpt = Annotated[str, typer.Option(
    "--direction", metavar="DIR",
    help="bottom-up (evidence at the bottom), top-down, left-right, right-left, or auto: "
    "bottom-up, or left-right when that fits the picture better (SVG, PNG, PDF).")]
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
    "(settings from the configuration file and the map); the findings are in the tooltips.")]
LegendOpt = Annotated[bool, typer.Option("--no-legend", help="Leave out the legend.")]
TitleOpt = Annotated[str | None, typer.Option(
    "--title", metavar="TEXT", help="Title to show instead of the map's.")]
EngineOpt = Annotated[str | None, typer.Option(
    "--engine", metavar="ENGINE", help="Layout: dot, layered (argmap's own, for big maps), "
    "sfdp, neato or fdp [default: dot, or layered for maps too big for dot].")]
TimeoutOpt = Annotated[float, typer.Option(
    "--timeout", metavar="SECONDS", min=1, help="Time limit of one Graphviz run.")]
DpiOpt = Annotated[int | None, typer.Option(
    "--dpi", min=10, max=2400, help="Resolution of PNG output [default: 96; 144 with "
    "--page slide].")]
PageOpt = Annotated[str | None, typer.Option(
    "--page", metavar="PAGE",
    help="svg, png, pdf: fit the picture to a4, a3, letter or slide (16:9); one whose "
    "text would print under 7 pt is an overview in short labels (--labels auto; a PDF "
    "has the full text on the pages after it), or, if still under 7 pt, cut into pages "
    "along the argument (one PDF, or numbered SVG/PNG files).")]
DeadlineOpt = Annotated[float, typer.Option(
    "--deadline", metavar="SECONDS", min=1,
    help="With --page: time limit of the whole render, all its layouts together (each "
    "Graphviz run also has --timeout); past it, an error and nothing written.")]
LandscapeOpt = Annotated[bool, typer.Option(
    "--landscape", help="With --page: paper turned sideways (a slide always is).")]
#: argmap.render.bound.MAX_DRAWN, written out so that `argmap --help` imports no rendering
#: (tests/test_render_cli.py holds them equal).
MAX_DRAWN_DEFAULT = 130_000
MaxDrawnOpt = Annotated[int, typer.Option(
    "--max-drawn", metavar="N", min=1,
    help="Refuse (exit code 2, before any layout) a drawing of more than N nodes and "
    "relations together, counted after --focus, --kinds, --tags and --hide-orphans; a "
    "map is untrusted input, and 130,000 take about 20 s and 650 MB to draw.")]
NoLayoutOpt = Annotated[bool, typer.Option(
    "--no-layout", help="json: leave out positions (no Graphviz needed).")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Write over a map (.yaml) or a data file (.json, .argdown, ...) that "
    "argmap did not write. Never over an input of the command.")]
RenderForceOpt = Annotated[bool, typer.Option(
    "--force", help="Write over a map (.yaml) or a data file (.json, .argdown, ...) that "
    "argmap did not write, or, without -o, the drawing over a file argmap did not draw. "
    "Never over an input of the command.")]


def _render_options(theme: str, labels: str, direction: str, group: str, kinds: list[str] | None,
                    tags: list[str] | None, hide_orphans: bool, highlight: bool,
                    no_legend: bool, title: str | None, focus: str | None = None,
                    depth: int = 2, show: str | None = None) -> Any:
    from argmap.records import NodeKind
    from argmap.render.options import (
        Direction,
        Grouping,
        LabelMode,
        Overlay,
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
        title=title, show=choice(Overlay, show, "--show") if show is not None else None)


def _page(page: str | None, landscape: bool) -> str | None:
    """The --page choice, checked; --landscape alone is a usage error."""
    from argmap.render.options import choice
    from argmap.render.paper import Page

    if page is None:
        if landscape:
            raise UsageError("--landscape turns a page: give --page too (a4, a3, letter)")
        return None
    return choice(Page, page, "--page").value


def _check_settings(path: Path, highlight: bool, output: Path | None = None) -> Any:
    """The configuration's check settings, read only when findings are highlighted; it is
    an input then, which ``output`` may not replace."""
    if not highlight:
        return None
    from argmap import config as cfg

    found = cfg.find_config(path)
    if found is not None and output is not None and str(output) != "-":
        from argmap.writer import check_output

        check_output(output, inputs=[found])
    return cfg.read_config(found) if found is not None else None


def _notices(notices: tuple[str, ...]) -> None:
    from rich.text import Text

    err = _stderr()
    for notice in notices:
        err.print(Text("note: ", style="yellow") + Text(notice))


@app.command(cls=Command)
def render(
    path: Annotated[Path, typer.Argument(
        help="A map file, or a folder of maps drawn as one diagram.", show_default=False,
        metavar="MAP")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, metavar="FILE",
        help="Where to write; - for standard output [default: next to the map, with the "
        "format's ending; a folder's beside the folder, named after it].")] = None,
    fmt: RenderFormatOpt = None,
    theme: ThemeOpt = "color",
    labels: LabelsOpt = "auto",
    direction: DirectionOpt = "auto",
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
    show: ShowOpt = None,
    crux: Annotated[str | None, typer.Option(
        "--crux", metavar="NODE", help="Mark the smallest sets of rejections that bring "
        "NODE (a recommendation, say) down, as `argmap crux NODE` finds them, with a "
        "title line and a legend entry.")] = None,
    reveal: Annotated[bool, typer.Option(
        "--reveal", help="Build the argument up step by step, for teaching: numbered files "
        "(FILE-01, FILE-02, ...), or one PDF with a page per step; each step's new nodes "
        "drawn bold.")] = False,
    reveal_order: Annotated[str, typer.Option(
        "--reveal-order", metavar="ORDER",
        help="With --reveal: file (the map's reading order, a step per section), top-down "
        "(from the conclusions down) or kind (from the evidence up, by kind).")] = "file",
    engine: EngineOpt = None,
    timeout: TimeoutOpt = 60.0,
    dpi: DpiOpt = None,
    page: PageOpt = None,
    landscape: LandscapeOpt = False,
    deadline: DeadlineOpt = 300.0,
    max_drawn: MaxDrawnOpt = MAX_DRAWN_DEFAULT,
    no_layout: NoLayoutOpt = False,
    force: RenderForceOpt = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also say how the picture was fitted: direction, "
        "wrapping, size.")] = False,
) -> None:
    """Draw a map: SVG, PNG, PDF, DOT, Mermaid, a Markdown handout, or JSON with positions.

    Recommendations on top, evidence at the bottom; a shape and colour per node
    kind, a line style per relation kind, and a legend (docs/render.md). Exit
    code 0 when written, 2 on a bad map or option, a missing Graphviz, a failed
    layout, or an output over a map (see --force); nothing is written then.
    """
    from dataclasses import replace

    from rich.text import Text

    from argmap.render.files import render_file
    from argmap.render.options import RevealOrder, choice
    from argmap.render.output import OutputOptions

    options = replace(_render_options(theme, labels, direction, group, kinds, tags,
                                      hide_orphans, highlight_findings, no_legend, title, focus,
                                      depth, show),
                      reveal_order=choice(RevealOrder, reveal_order, "--reveal-order"),
                      crux=crux)
    output_options = OutputOptions(engine=engine, timeout=timeout, dpi=dpi,
                                   layout=not no_layout, page=_page(page, landscape),
                                   landscape=landscape, deadline=deadline,
                                   max_drawn=max_drawn)
    settings = _check_settings(path, highlight_findings, output)
    if output is not None and str(output) == "-":
        _render_to_stdout(path, fmt, options, output_options, settings, reveal)
        return
    result = render_file(path, output, fmt=fmt, options=options, reveal=reveal,
                         output_options=output_options, settings=settings, force=force)
    out = _stdout()
    for written in result.outputs:
        out.print(Text(f"wrote {written}", style="green"))
    _notices(result.notices + (result.details if verbose else ()))


def _render_to_stdout(path: Path, fmt: str | None, options: RenderOptions,
                      output_options: OutputOptions, settings: Settings | None,
                      reveal: bool) -> None:
    """``-o -``: the one picture on standard output (as ``dot -T`` writes it), for pipes.

    The library writes files only (atomically, never over an input): the picture is
    rendered into a private temporary folder and its bytes copied out; nothing is left
    behind, and no file named ``-`` is made.
    """
    import sys
    import tempfile

    from argmap.render.api import format_for
    from argmap.render.files import render_file

    if reveal:
        raise UsageError("-o - writes one picture to standard output, and --reveal writes "
                         "a file per step: give a file name (FILE-01, FILE-02... are made)")
    spec = format_for(fmt, None)
    if spec.name in ("png", "pdf") and sys.stdout.isatty():
        # Bytes of a picture are no text: on a terminal they garble it, and any escape
        # sequence among them is obeyed. (SVG, DOT, ... are text, cleaned of controls.)
        raise UsageError(f"-o -: a {spec.name.upper()} is binary and standard output is a "
                         f"terminal here; pipe it (argmap render MAP -o - -f {spec.name} > "
                         f"map.{spec.name}) or give a file name")
    with tempfile.TemporaryDirectory(prefix="argmap-render-") as tmp:
        result = render_file(path, Path(tmp) / f"picture{spec.suffix}", fmt=spec.name,
                             options=options, output_options=output_options,
                             settings=settings)
        if len(result.outputs) != 1:
            raise UsageError(f"-o -: this render makes {len(result.outputs)} files, and "
                             "standard output takes one: give a file name")
        data = Path(result.outputs[0]).read_bytes()
    if spec.name == "json":
        # The same JSON value, its bidi and C1 controls written as \uXXXX: the file keeps
        # the map's text as it is, and standard output may be a terminal.
        from argmap.terminal import json_safe

        data = json_safe(data.decode("utf-8")).encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    _notices(result.notices)


@app.command(cls=Command)
def export(
    folder: Annotated[Path, typer.Argument(
        help="A folder of maps (with --to: a map file or a folder).", show_default=False,
        metavar="PATH")],
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="OUT",
        help="Folder to draw into (created if missing), one file per map; with --to, the "
        "file to write.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="Drawing format: svg, png, pdf, dot, mermaid, md, json or html.")] = "svg",
    to: Annotated[str | None, typer.Option(
        "--to", metavar="FORMAT",
        help="Convert instead of drawing: argdown, aif, graphml or json (argmap JSON); "
        "a folder's maps are merged into one file. What the format cannot hold is "
        "listed on stderr.")] = None,
    theme: ThemeOpt = "color",
    labels: LabelsOpt = "auto",
    direction: DirectionOpt = "auto",
    group: GroupOpt = "none",
    kinds: KindsOpt = None,
    tags: TagsOpt = None,
    hide_orphans: OrphansOpt = False,
    highlight_findings: FindingsOpt = False,
    no_legend: LegendOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = 60.0,
    dpi: DpiOpt = None,
    page: PageOpt = None,
    landscape: LandscapeOpt = False,
    deadline: DeadlineOpt = 300.0,
    max_drawn: MaxDrawnOpt = MAX_DRAWN_DEFAULT,
    no_layout: NoLayoutOpt = False,
    force: ForceOpt = False,
) -> None:
    """Draw every map of a folder into another folder, or convert maps (--to).

    PNG for slides (--page slide), PDF for handouts (--page a4), Mermaid for
    Markdown pages; takes the drawing options of `argmap render`. With --to, writes Argdown,
    AIF JSON, GraphML or argmap JSON (docs/interop.md). Every output is checked
    before the first is written. Exit code 0 when everything was written, 2
    otherwise (nothing is written when an output would replace a map or an input).
    """
    from rich.text import Text

    if to is not None:
        if folder_named(output):
            raise UsageError(f"{output}: with --to, -o is the file to write (a folder's maps "
                             "are merged into one), and this path ends as a folder does; "
                             "give a file name")
        _convert(folder, Path(output), to, force=force)
        return
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder; to draw one map use `argmap render`")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from argmap.render.files import export_folder
    from argmap.render.output import OutputOptions

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
                                         layout=not no_layout, page=_page(page, landscape),
                                         landscape=landscape, deadline=deadline,
                                         max_drawn=max_drawn),
            settings=_check_settings(folder, highlight_findings), force=force)
    _stdout().print(Text(f"wrote {len(result.outputs)} file"
                         f"{'s' if len(result.outputs) != 1 else ''} to {output}",
                         style="green"))
    _notices(result.notices)
