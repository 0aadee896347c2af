"""Interchange commands: ``import`` (and ``export --to``, see :mod:`argmap.cli.draw`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import (
    Command,
    _stderr,
    _stdout,
    app,
    file_to_write,
)

if TYPE_CHECKING:
    pass


@app.command("import", cls=Command)
def import_(
    file: Annotated[Path, typer.Argument(
        help="An Argdown, AIF JSON, argmap JSON or GraphML file.", show_default=False,
        metavar="FILE")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="MAP.yaml", parser=file_to_write,
        help="Where to write the imported map.")],
    fmt: Annotated[str | None, typer.Option(
        "--from", metavar="FORMAT",
        help="Format of FILE: argdown, aif, json or graphml [default: from the file name; "
        "a .json file is argmap JSON if it says so, AIF otherwise].")] = None,
    loss_report: Annotated[Path | None, typer.Option(
        "--loss-report", metavar="FILE", parser=file_to_write,
        help="Also write the loss report to FILE as JSON.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Write over an existing map (or a JSON file argmap did not write). "
        "Never over FILE.")] = False,
) -> None:
    """Import an Argdown, AIF, argmap JSON or GraphML file as an argmap map (YAML).

    Whatever the map cannot hold exactly is listed on stderr (the loss report)
    and written as comments above the nodes it concerns. An existing map is
    never replaced without --force. Exit code 0 when the map was written, 2 when
    the file cannot be imported or an output is refused (nothing is written then).
    """
    from rich.text import Text

    from argmap.emit import emit
    from argmap.interop.formats import import_file
    from argmap.writer import Inputs, check_outputs, write_text_atomic

    inputs = Inputs([file])
    outputs = [output] if loss_report is None else [output, loss_report]
    check_outputs(outputs, inputs=inputs, force=force)  # both, before reading FILE
    result = import_file(file, fmt)
    if result.included:
        # The files the document included are inputs too, known now that it is read.
        inputs = Inputs([file, *result.included])
        check_outputs(outputs, inputs=inputs, force=force)
    text = emit(result.map, comments=result.loss.by_node(),
                header=[f"Imported from {file.name} by argmap import."])
    write_text_atomic(output, text, inputs=inputs, force=force)
    if loss_report is not None:
        write_text_atomic(loss_report, result.loss.to_json(), inputs=inputs, force=force)
    relations = sum(len(n.relations()) for n in result.map.nodes)
    nodes = len(result.map.nodes)
    _stdout().print(Text(f"wrote {output}: {nodes} node{'s' if nodes != 1 else ''}, "
                         f"{relations} relation{'s' if relations != 1 else ''}",
                         style="green"))
    _print_loss(result.loss)



def _convert(path: Path, output: Path, fmt: str, *, force: bool = False) -> None:
    """`argmap export --to`: one file in an interchange format, with its loss report."""
    from rich.text import Text

    from argmap.interop.formats import export_map
    from argmap.loading.loader import load_set
    from argmap.writer import check_output, read_inputs, write_text_atomic

    maps = load_set([path])
    inputs = read_inputs(maps)
    check_output(output, inputs=inputs, force=force)  # before the work of converting
    text, loss = export_map(maps, fmt)
    write_text_atomic(output, text, inputs=inputs, force=force)
    _stdout().print(Text(f"wrote {output}", style="green"))
    _print_loss(loss)


def _print_loss(loss: Any) -> None:
    """The loss report on stderr: a count, then one line per item."""
    from rich.text import Text

    if not len(loss):
        return
    err = _stderr()
    err.print(Text(f"loss report: {len(loss)} item{'s' if len(loss) != 1 else ''} "
                   "not carried over exactly", style="yellow"))
    for item in loss.ordered():
        err.print(Text(f"- {item}"))
