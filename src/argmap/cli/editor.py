"""The editor's command: ``lsp`` (docs/editors.md)."""

from __future__ import annotations

from argmap.cli._app import app


@app.command()
def lsp() -> None:
    """Run the language server on standard input and output (for editors).

    Diagnostics as you type (the load errors and `argmap check` findings of the
    open map, with the maps of its folder it refers to), completion, go to
    definition, references, hover, rename, outline, quick fixes and the
    `argmap.preview` command. Editors start it; see docs/editors.md.
    """
    # pygls takes ~0.3 s to import: only this command loads it.
    from argmap.lsp.server import run

    run()
