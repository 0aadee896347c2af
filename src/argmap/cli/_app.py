"""The ``argmap`` application object and what every command shares.

Errors are turned into messages and exit codes in one place, :func:`_errors`:

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
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from argmap import __version__
from argmap.errors import ArgmapError, LoadError, Problem

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

    err = _stderr()
    _emit(report.text(report.Report.from_load_errors(problems), color=err.is_terminal), err)


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



def _emit(rendered: Any, console: Console | None = None) -> None:
    """Print a report: a string as it is, a rich renderable through the console."""
    console = console or _stdout()
    if isinstance(rendered, str):
        console.file.write(rendered)
        console.file.flush()
    else:
        console.print(rendered)


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
