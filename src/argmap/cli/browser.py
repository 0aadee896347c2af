"""The browser and new maps: ``serve`` and ``init`` (docs/html.md).

``render --format html`` goes through the render registry like every other format.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._app import _stderr, _stdout, app
from argmap.cli.draw import (
    MAX_DRAWN_DEFAULT,
    DirectionOpt,
    GroupOpt,
    ThemeOpt,
    _check_settings,
    _render_options,
)

if TYPE_CHECKING:
    from collections.abc import Iterator


@app.command()
def serve(
    path: Annotated[Path, typer.Argument(
        help="A map file, or a folder of maps.", show_default=False, metavar="PATH")],
    port: Annotated[int, typer.Option(
        "--port", "-p", min=0, max=65535,
        help="Port to listen on (0: any free port).")] = 8765,
    host: Annotated[str | None, typer.Option(
        "--host", metavar="ADDRESS",
        help="Address to listen on [default: 127.0.0.1, this machine only]; 0.0.0.0 shows "
        "the maps to every machine that can reach this one.")] = None,
    theme: ThemeOpt = "color",
    # Render's choices, said for the page: it has no --page, and auto is the full text
    # there (it opens at a readable zoom).
    labels: Annotated[str, typer.Option(
        "--labels", metavar="WHAT",
        help="What nodes show: text (the full text; also 'full', and what auto is on the "
        "page), short (the node's title:, else one made from its id; the text in the "
        "tooltip), id, or both (id and text).")] = "auto",
    direction: DirectionOpt = "bottom-up",
    group: GroupOpt = "none",
    # Render's bound, said for the page: past it the page shows an error, and the server
    # goes on.
    max_drawn: Annotated[int, typer.Option(
        "--max-drawn", metavar="N", min=1,
        help="A map whose drawing would hold more than N nodes and relations together gets "
        "a page saying so instead of the drawing (before any layout); a map is untrusted "
        "input, and 130,000 take about 20 s and 650 MB to draw.")] = MAX_DRAWN_DEFAULT,
) -> None:
    """Preview maps in the browser while you edit them; pages reload on every save.

    Serves an index of the maps with their `argmap check` findings and one
    interactive page per map (the page of `render --format html`). A map that
    cannot be loaded shows its errors as path:line:col until it is fixed. Only
    the maps are served. Ctrl-C stops the server (exit code 0).
    """
    from rich.text import Text

    from argmap.html.serve import LOOPBACK, PreviewServer
    from argmap.render.output import OutputOptions

    options = _render_options(theme, labels, direction, group, None, None, False, True,
                              False, None)
    err = _stderr()
    with _ctrl_c_stops():
        server = PreviewServer(path, host=host or LOOPBACK, port=port, options=options,
                               output=OutputOptions(max_drawn=max_drawn),
                               settings=_check_settings(path, True),
                               log=lambda message: err.print(Text(message)))
        try:
            files = server.site.files()
            where = (f"{server.url}map/{next(iter(files))}" if path.is_file() and files
                     else server.url)
            _stdout().print(Text(f"serving {len(files)} map{'s' if len(files) != 1 else ''} "
                                 f"of {path} at {where} (Ctrl-C stops)", style="green"))
            if host is not None and host not in ("127.0.0.1", "localhost", "::1"):
                err.print(Text(f"note: listening on {host}: other machines can read these "
                               "maps", style="yellow"))
            server.serve_forever()
        finally:
            server.close()
    _stdout().print(Text("stopped"))


@contextmanager
def _ctrl_c_stops() -> Iterator[None]:
    """Ctrl-C (SIGINT) ends the block quietly, even if argmap was started with SIGINT
    ignored, as a shell does for a job it starts in the background with `&` and as
    `nohup` does: Python then never raises KeyboardInterrupt, and the server could
    only be killed. The handler the process had is put back after the block."""
    main = threading.current_thread() is threading.main_thread()  # signal.signal's rule
    previous = signal.signal(signal.SIGINT, signal.default_int_handler) if main else None
    try:
        yield
    except KeyboardInterrupt:
        pass  # anywhere in the block, start-up included: stopped, exit code 0
    finally:
        if main and previous is not None:  # None: a handler not set from Python
            signal.signal(signal.SIGINT, previous)


@app.command()
def init(
    name: Annotated[Path, typer.Argument(
        help="The new map file; .yaml is added unless it ends in .yaml or .yml.",
        show_default=False, metavar="NAME")],
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="Title of the map [default: from NAME].")] = None,
) -> None:
    """Start a new map: NAME.yaml with one example of every node kind and relation.

    The file begins with the modeline that gives editors completion from the
    JSON Schema (the nearest argmap.schema.json or docs/argmap.schema.json, or one
    written next to the map), and checks cleanly. An existing file is never
    overwritten (exit code 2).
    """
    from rich.text import Text

    from argmap.scaffold import scaffold

    result = scaffold(name, title=title)
    out = _stdout()
    out.print(Text(f"wrote {result.map}", style="green"))
    if result.schema is not None:
        out.print(Text(f"wrote {result.schema} (the schema the map's modeline points to)",
                       style="green"))
    out.print(Text(f"next: argmap serve {result.map}"))
