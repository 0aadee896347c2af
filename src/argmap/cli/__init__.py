"""The ``argmap`` command line: a thin typer layer over the library.

This package is the only part of argmap that prints or exits. Each command parses
its options, calls one library function and prints what it returns; errors become
messages and exit codes in one place, the application's group (``argmap.cli._app``).
One module per family of commands; importing them registers the commands on
:data:`app`, in the order ``argmap --help`` lists them.

:data:`app` is the application with every command (``from argmap.cli import app``, for
tests and docs). :func:`main`, the console script, registers only the module of the
command it runs when the command line starts with that command's name: typer reads
the signature of every registered command before running one, and importing and
reading all of them took about a fifth of a 1,000-node ``argmap check``. It imports
typer and the command only once it runs, so that Ctrl-C while argmap starts (a tenth
of a second) ends it with exit code 130, as in a command, not with a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.cli._app import app

__all__ = ["COMMANDS", "app", "main"]

#: Each command module and the commands it registers, in the order ``argmap --help``
#: lists them (typer lists command groups such as ``query`` after the commands).
COMMANDS: dict[str, tuple[str, ...]] = {
    "check": ("check", "validate", "schema", "rules", "schemes"),
    "diff": ("diff",),
    "interop": ("import",),
    "draw": ("render", "export"),
    "evaluate": ("evaluate", "explain"),
    "crux": ("crux",),
    "browser": ("serve", "init"),
    "editor": ("lsp",),
    "reasoning": ("query",),
}
_MODULE_OF = {command: module for module, commands in COMMANDS.items() for command in commands}


def _register(modules: list[str]) -> None:
    for module in modules:
        importlib.import_module(f"argmap.cli.{module}")


def __getattr__(name: str) -> Any:
    # The full application on first use of `argmap.cli.app` (module attribute hook).
    if name == "app":
        from argmap.cli import _app  # (here, not above: see main())

        _register(list(COMMANDS))
        return _app.app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``argmap`` console script (see :func:`argmap.cli._app.main`)."""
    argv = sys.argv[1:]
    # Only a command name in first place: `argmap -h check` is the group's help, which
    # lists every command; a name that is no command gets "did you mean" among all.
    module = _MODULE_OF.get(argv[0]) if argv else None
    try:
        from argmap.cli import _app  # (typer: inside the handler below)

        _register([module] if module is not None else list(COMMANDS))
    except KeyboardInterrupt:
        # Ctrl-C before the command's own handler is there (_app.main): its code,
        # _app.EXIT_INTERRUPTED (_app may be half imported: not read from it).
        os._exit(130)
    _app.main()
