"""The ``argmap`` command line: a thin typer layer over the library.

This package is the only part of argmap that prints or exits. Each command parses
its options, calls one library function and prints what it returns; errors become
messages and exit codes in one place, the application's group (``argmap.cli._app``).
One module per family of commands; importing them registers the commands on
:data:`app`, in the order ``argmap --help`` lists them.
"""

# Registration order is the order of `argmap --help`: the browser commands come last.
from argmap.cli import check, diff, draw, evaluate, crux, interop, reasoning  # noqa: F401, I001
from argmap.cli import browser  # noqa: F401
from argmap.cli import editor  # noqa: F401
from argmap.cli._app import app, main

__all__ = ["app", "main"]
