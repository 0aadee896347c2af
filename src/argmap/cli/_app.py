"""The ``argmap`` application object and what every command shares.

Errors are turned into messages and exit codes in one place, the application's
group (:class:`_ArgmapGroup`), around whichever command runs:

* 0: success, no findings;
* 1: findings at or above the severity threshold;
* 2: usage errors and maps that cannot be loaded.

Printing goes through rich only where it is needed (colour, tables): a check
whose report is machine-read or piped writes a string and does not import rich.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer import _click as click
from typer._click.exceptions import NoSuchOption
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from argmap import __version__
from argmap.errors import (
    ArgmapError,
    LoadError,
    MissingPath,
    Problem,
    UnknownNode,
    shell_word,
    shown,
)

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["app", "main"]

class _ArgmapGroup(TyperGroup):
    """The application: runs a command and turns the library's errors into messages and
    exit code 2 (never a traceback). This is the one error handler of the CLI.

    The library refuses input nested too deeply or too large for memory with a
    located :class:`LoadError` wherever it knows the limit; a RecursionError or
    MemoryError that still gets here is the last line of defence, reported with
    the command's inputs (and not as exit code 1, which CI reads as findings), and
    so is an OSError, reported with the path the system refused.
    """

    def invoke(self, ctx: click.Context) -> Any:
        given = [*ctx._protected_args, *ctx.args]  # the command and its arguments
        try:
            return super().invoke(ctx)
        except LoadError as exc:
            _print_problems(exc.problems, checking=_command(given) == "check")
            raise typer.Exit(EXIT_ERROR) from None
        except BrokenPipeError:
            # Before click's own handler, which exits with 1 (see main()).
            raise typer.Exit(_closed_pipe_code()) from None
        except UnknownNode as exc:
            _fail(self._unknown_node(exc, ctx, given))
        except MissingPath as exc:
            _fail(self._missing_path(exc, ctx, given))
        except ArgmapError as exc:
            _fail(str(exc))
        except OSError as exc:
            # The library turns what it expects (a missing file, a folder that cannot be
            # written) into located errors; what is left is a path the system refuses
            # before argmap can look at it, such as a name over 255 bytes (ENAMETOOLONG)
            # given on the command line: its message, not a traceback and exit code 1.
            where = shown(str(exc.filename), quoted=False) if exc.filename else "a file"
            _fail(f"{where}: {exc.strerror or exc}")
        except RecursionError:
            failure = "input too deeply nested"
        except MemoryError:
            failure = "not enough memory"
        # Out of the except clause: the traceback, and what the failed work held, is freed.
        return _fail(f"{failure} while reading {self._inputs(ctx, given)}")

    def _arguments(self, ctx: click.Context, given: list[str],
                   names: frozenset[str] | None = None) -> list[str]:
        """The arguments (not options) the command was given, as given; only those of the
        parameters ``names``, if given."""
        group: TyperGroup = self
        try:
            while True:  # down through sub-groups (`argmap query list ...`)
                name, command, given = group.resolve_command(ctx, given)
                if command is None:
                    return []
                ctx = command.make_context(name, given, parent=ctx, resilient_parsing=True)
                if not isinstance(command, TyperGroup):
                    break
                group, given = command, [*ctx._protected_args, *ctx.args]
        except (click.ClickException, typer.Exit):
            return []
        found = []
        for param in command.params:
            if isinstance(param, TyperArgument) and param.name is not None and \
                    (names is None or param.name in names):
                value = ctx.params.get(param.name)
                for item in value if isinstance(value, list | tuple) else [value]:
                    # Click's parsed values: strings (typer makes them paths later).
                    if isinstance(item, str | Path):
                        found.append(str(item))
        return found

    def _inputs(self, ctx: click.Context, given: list[str]) -> str:
        """The paths the command was given as arguments (its inputs, not its outputs)."""
        return ", ".join(self._arguments(ctx, given)) or "the input"

    def _unknown_node(self, exc: UnknownNode, ctx: click.Context, given: list[str]) -> str:
        """The message of an unknown node: with nothing close to offer, how to list the
        nodes of the maps given (as they were given: the command can be run as it is)."""
        if exc.matches or exc.ambiguous:
            return str(exc)
        paths = self._arguments(ctx, given, _MAP_ARGUMENTS)
        # More paths than that (a shell's glob) would make a hint of a screenful.
        words = " ".join(map(shell_word, paths)) if 0 < len(paths) <= 3 else "PATH..."
        # A map lists its nodes; an ICCMA framework's arguments, which `query list` may not
        # read as a map (`a:b`), are listed by evaluating it.
        command = "argmap query list" if exc.what == "node" else "argmap evaluate"
        return f"{exc}; `{command} {words}` lists the {exc.what}s"

    def _missing_path(self, exc: MissingPath, ctx: click.Context, given: list[str]) -> str:
        """The message of a missing path; where the command was given its node after its
        paths (`query rests-on MAP NODE`: the node is a file, the "path" is missing), the
        command line with the node first, which can be run as it is."""
        nodes = self._arguments(ctx, given, _NODE_ARGUMENTS)
        paths = self._arguments(ctx, given, _MAP_ARGUMENTS)
        if exc.path not in paths or not any(Path(node).exists() for node in nodes):
            return str(exc)
        # The arguments in their order, those that are no file or folder (the nodes meant)
        # before those that are (the maps).
        values = [*nodes, *paths]
        meant = sorted(values, key=lambda value: Path(value).exists())
        left = Counter(values)
        first = next(i for i, word in enumerate(given) if word in left)
        rest = []
        for word in given[first:]:
            if left[word] > 0:
                left[word] -= 1
            else:
                rest.append(word)  # an option, which keeps its place after the arguments
        words = [*given[:first], *meant, *rest]
        return (f"{exc}; the node comes before the paths: "
                f"`argmap {' '.join(map(shell_word, words))}`")


#: Spellings an option is known by besides its own, shown in no help: each command that has
#: the option (and is a :class:`Command`) takes them too. An option has one spelling in every
#: command and in the docs; these are the others that scripts already use (`check` and
#: `diff` wrote their report with --output-file) or that the next command makes a user guess
#: (`query list` had --kind and --tag where `render` has --kinds and --tags).
HIDDEN_SPELLINGS: dict[str, tuple[str, ...]] = {
    "--output": ("--output-file",),
    "--kinds": ("--kind",),
    "--tags": ("--tag",),
}


class Command(TyperCommand):
    """A command that also takes the hidden spellings of its options
    (:data:`HIDDEN_SPELLINGS`): its parser knows them as the option itself, so that a
    value given by either is the option's (repeated ones, of either spelling, add up),
    while its help and its error messages name the option's own spelling."""

    def make_parser(self, ctx: click.Context) -> Any:
        parser = super().make_parser(ctx)
        for param in self.get_params(ctx):
            if not isinstance(param, TyperOption):
                continue
            others = [o for opt in param.opts for o in HIDDEN_SPELLINGS.get(opt, ())
                      if o not in param.opts]
            if others:
                # As TyperOption.add_to_parser adds the option's own names (no flag has
                # a hidden spelling).
                parser.add_option(obj=param, opts=others, dest=param.name,
                                  action="append" if param.multiple else "store",
                                  nargs=param.nargs)
        return parser

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as exc:
            # A mistyped option is offered the spellings the help shows, not both of
            # `--output` and `--output-file`.
            hidden = {o for spellings in HIDDEN_SPELLINGS.values() for o in spellings}
            exc.possibilities = [p for p in exc.possibilities or () if p not in hidden]
            raise


#: The names of the parameters that hold the maps a command reads (`render MAP`,
#: `query impact NODE PATH...`).
_MAP_ARGUMENTS = frozenset({"path", "paths"})
#: The names of the parameters that name nodes (`query impact NODE`, `query path START END`).
_NODE_ARGUMENTS = frozenset({"node", "start", "end"})


app = typer.Typer(
    cls=_ArgmapGroup,
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
#: Ctrl-C (SIGINT): 128 + 2, the shell's code (typer's too).
EXIT_INTERRUPTED = 130

#: Commands that run until stopped: the cyclic garbage collector stays on for them.
_LONG_RUNNING = frozenset({"serve", "lsp"})


def _console(*, stderr: bool) -> Console:
    """A console that shows user text as it is: no markup, emoji or highlighting, and
    nothing that could act on the terminal (:func:`argmap.terminal.printable`)."""
    from rich.console import Console, ConsoleOptions, RenderableType, RenderHook, RenderResult
    from rich.segment import Segment

    from argmap.terminal import printable

    class Inert:
        """A renderable's segments, control characters in its text written as escapes."""

        def __init__(self, renderable: RenderableType) -> None:
            self.renderable = renderable

        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            for text, style, control in console.render(self.renderable, options):
                # Control segments are rich's own cursor moves; the styles' escape
                # sequences are added after this, when the segments are written.
                yield Segment(text if control else printable(text, newlines=True), style,
                              control)

    class Hook(RenderHook):
        """Wraps everything printed in :class:`Inert` (rich, tables, Text, strings)."""

        def process_renderables(self, renderables: list[Any]) -> list[Any]:
            return [Inert(r) for r in renderables]

    console = Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)
    console.push_render_hook(Hook())
    console.on_broken_pipe = _on_broken_pipe  # type: ignore[method-assign]
    return console


def _on_broken_pipe() -> None:
    """rich's own handler exits with 1; the reader going away is decided in one place
    (:func:`_closed_pipe_code`). Later writes go to /dev/null, as rich's do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise BrokenPipeError


def _stdout() -> Console:
    return _console(stderr=False)


def _stderr() -> Console:
    return _console(stderr=True)


def _stream(stderr: bool) -> IO[str] | None:
    """The stream rich's console writes to (``Console.file``; None: rich writes nowhere)."""
    stream = sys.stderr if stderr else sys.stdout
    return getattr(stream, "rich_proxied_file", stream)


def _is_terminal(*, stderr: bool = False) -> bool:
    """Whether rich takes standard output (or error) for a terminal: ``Console.is_terminal``.

    Not a terminal, and no TTY_COMPATIBLE=1 or FORCE_COLOR to say otherwise: the
    answer is no, found without importing rich (``argmap check > file``). Otherwise
    rich answers (TTY_COMPATIBLE=0, Jupyter, IDLE, ...).
    """
    if os.environ.get("TTY_COMPATIBLE") != "1" and not os.environ.get("FORCE_COLOR"):
        isatty = getattr(_stream(stderr), "isatty", None)
        try:
            if isatty is None or not isatty():
                return False
        except ValueError:  # a closed stream, as rich has it
            return False
    return (_stderr() if stderr else _stdout()).is_terminal


def _fail(message: str) -> NoReturn:
    from rich.text import Text

    _stderr().print(Text("argmap: error: ", style="bold red") + Text(message))
    raise typer.Exit(EXIT_ERROR)


def _print_problems(problems: tuple[Problem, ...], *, checking: bool) -> None:
    from argmap import report

    rendered = report.text(report.Report.from_load_errors(problems, checking=checking),
                           color=_is_terminal(stderr=True))
    _emit(rendered, stderr=True, safe=True)


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
                                              show_default=False, metavar="PATH...")]


def folder_named(value: str) -> bool:
    """Whether the path ``value`` ends with a separator, as a folder is written (``out/``).

    ``pathlib.Path("out/")`` is ``out``: a file option converted to a Path would write a
    file named ``out``, with no ending, where the user meant a folder.
    """
    return value.endswith(("/", os.sep))


def file_to_write(value: str) -> Path:
    """The parser of an option naming a file argmap writes (``-o FILE``): refuses a path
    written as a folder's (see :func:`folder_named`); an existing folder is refused where
    the file is written (:mod:`argmap.writer`)."""
    if folder_named(value):
        raise typer.BadParameter(f"{shown(value)} ends with {value[-1]!r}, as a folder does; "
                                 "give the name of the file to write")
    return Path(value)


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())



def _emit(rendered: Any, *, stderr: bool = False, safe: bool = False) -> None:
    """Print a report: a string without rich, a rich renderable through rich.

    A string is made printable (:func:`argmap.terminal.printable`) unless its
    maker says it is ``safe`` already (the reports of :mod:`argmap.report` are:
    a second pass would cost 50 ms per 10 MB of findings).
    """
    if isinstance(rendered, str):
        stream = _stream(stderr)
        if stream is not None:
            if not safe:
                from argmap.terminal import printable

                rendered = printable(rendered, newlines=True)
            stream.write(rendered)
            stream.flush()
    else:
        (_stderr() if stderr else _stdout()).print(rendered)


def _closed_pipe_code() -> int:
    """The exit code when the reader of standard output went away (`argmap evaluate ...
    | head`): it has what it wanted, so success; but `check` answers with its exit
    code, and an unread report is no reason to say the map is clean."""
    return EXIT_FINDINGS if _command(sys.argv[1:]) == "check" else EXIT_OK


def _command(argv: list[str]) -> str | None:
    """The command the command line ``argv`` runs (its first word that is no option)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _long_running(argv: list[str]) -> bool:
    """Whether the command line ``argv`` runs a command that runs until stopped."""
    return _command(argv) in _LONG_RUNNING


#: The collector's thresholds for a command that runs until stopped: a collection of the
#: youngest objects every 100,000 allocations, not every 700, and of all of them a tenth
#: as often as by default. Analysing a 10,000-node map in `lsp` or `serve` spends
#: 0.38-0.46 s of CPU with the default thresholds, 0.32-0.33 s with these and 0.30 s with
#: no collector; 100,000 nodes 7.8-11 s, 5.5-7.2 s and 3.8-5.4 s. Cycles (the objects of an
#: edit's analysis dropped at the next) are still reclaimed, hours on.
_SERVER_THRESHOLDS = (100_000, 10, 10)


def _collector_policy(argv: list[str]) -> None:
    """Switch the cyclic garbage collector off for a command that runs for a moment; for
    one that runs until stopped, keep it, but freeze what start-up built (modules,
    classes: never garbage) out of its walks and collect less often."""
    if _long_running(argv):
        gc.freeze()
        gc.set_threshold(*_SERVER_THRESHOLDS)
    else:
        gc.disable()


#: Results kept alive until the process exits (see :func:`main`).
_KEEP: list[Any] = []


def main() -> None:
    """Entry point of the ``argmap`` console script; the garbage-collector policy of argmap.

    A command runs for a moment and exits, so the cyclic garbage collector has
    nothing to reclaim: it is switched off (on a 100,000-node map it would spend
    seconds walking millions of live objects), except for a command that runs
    until stopped (``serve`` re-renders for hours), which collects less often
    (:func:`_collector_policy`). For the same reason the process
    ends with ``os._exit`` once output is flushed, instead of freeing every object
    of a large map one by one (about 0.5 s for 100,000 nodes); commands hand what
    they built to ``_KEEP`` so that it is not freed when they return.

    The library never touches the collector: it is the program's to decide.
    """
    _collector_policy(sys.argv[1:])
    failure = ""
    try:
        app()
        code: int = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            failure = exc.code
    except BrokenPipeError:
        code = _closed_pipe_code()
    # Outside every command's own handler (parsing the command line, printing): the
    # last line of defence. Written without rich, which may need the memory.
    except RecursionError:
        code, failure = EXIT_ERROR, "argmap: error: input too deeply nested"
    except MemoryError:
        code, failure = EXIT_ERROR, "argmap: error: not enough memory"
    except KeyboardInterrupt:
        # typer turns Ctrl-C in a command into exit code 130; this one came in its
        # handlers or in ours: the same code, quietly.
        code = EXIT_INTERRUPTED
    try:
        if failure:
            from argmap.terminal import printable

            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(printable(failure, newlines=True) + "\n")
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BrokenPipeError, ValueError):
                stream.flush()
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    os._exit(code)
