"""Which files an Argdown document may include, and reading them without surprises.

An Argdown file from a stranger may name any path in ``@include``/``@import``;
argmap reads it only if its real path (symlinks resolved) lies inside the folder
tree of the file given to ``argmap import`` or the working directory, ends like
an Argdown file, and is a regular file that fits in what is left of the size cap
of a document and its includes. A refusal says why and never shows any of the
refused file's content. A FIFO swapped in after the check cannot block the read:
the file is opened non-blocking and checked again on the open descriptor.

Each file is included once, as Argdown's include plugin does; a repeat is
skipped and reported once per file, with a count.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import Location
from argmap.interop.loss import NOT_IMPORTED, LossReport
from argmap.loading import source

__all__ = ["ARGDOWN_SUFFIXES", "MAX_FILES", "MAX_INCLUDE_DEPTH", "Includes", "Refused",
           "read_regular"]

#: Endings of files that ``@include``/``@import`` may name (as Argdown's include plugin).
ARGDOWN_SUFFIXES = (".argdown", ".ad", ".adown", ".argdn")
MAX_INCLUDE_DEPTH = 32
MAX_FILES = 1000

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
# Not every system has these flags; without them the fstat check still refuses.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class Refused(Exception):
    """An include that is not read: ``code``, ``message`` and ``hint`` say why."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


@dataclass
class _Skip:
    index: int
    message: str
    times: int = 1


@dataclass
class Includes:
    """The include state of one document: where it may read, what it has read.

    ``here`` is the including file as named (includes resolve against its folder
    without resolving symlinks, as in Argdown); ``stack`` holds the real paths
    of the files being expanded; ``seen`` every file read so far.
    """

    here: Path
    trees: tuple[Path, ...]
    stack: list[Path]
    seen: set[Path]
    # Each distinct directive is resolved, checked and refused once however often it is
    # repeated: a file that includes another 100,000 times costs one read, not 100,000.
    resolved: dict[tuple[Path, str], Path | Refused] = field(default_factory=dict)
    refused: dict[Path, Refused] = field(default_factory=dict)
    skipped: dict[Path, _Skip] = field(default_factory=dict)

    @classmethod
    def start(cls, here: Path) -> Includes:
        """The state at the top file ``here`` (an absolute path, symlinks kept)."""
        real = Path(os.path.realpath(here))
        trees = [Path(os.path.realpath(here.parent))]
        cwd = Path(os.path.realpath(os.getcwd()))
        if cwd not in trees:
            trees.append(cwd)
        return cls(here, tuple(trees), [real], {real})

    def enter(self, target: str, real: Path) -> Includes:
        """The state inside the file ``target`` names (real path ``real``), now read."""
        self.seen.add(real)
        here = Path(os.path.abspath(self.here.parent / target))
        return Includes(here, self.trees, [*self.stack, real], self.seen, self.resolved,
                        self.refused, self.skipped)

    def resolve(self, target: str) -> Path:
        """The real path of the file ``target`` names; :class:`Refused` if it may not be read."""
        key = (self.here.parent, target)
        found = self.resolved.get(key)
        if found is None:
            found = self.resolved[key] = self._resolve(target)
        if isinstance(found, Refused):
            raise found
        return found

    def _resolve(self, target: str) -> Path | Refused:
        if not target.isprintable():
            return Refused("include", "not a file name",
                           hint="name an Argdown file of the folder, e.g. part.argdown")
        try:
            real = Path(os.path.realpath(self.here.parent / target))
        except (OSError, ValueError):
            return Refused("include", "not a file name the system accepts")
        if not any(real == tree or real.is_relative_to(tree) for tree in self.trees):
            return Refused("include-outside-tree", "outside the folder of the imported file "
                           "and the working directory",
                           hint="a document may include only files of its own folder tree")
        if real.suffix.lower() not in ARGDOWN_SUFFIXES:
            return Refused("include", f"not an Argdown file ({', '.join(ARGDOWN_SUFFIXES)})")
        return real

    def check_room(self, files: int) -> None:
        """Refuse one more file past :data:`MAX_INCLUDE_DEPTH` levels or :data:`MAX_FILES`."""
        if len(self.stack) >= MAX_INCLUDE_DEPTH or files >= MAX_FILES:
            raise Refused("include", f"more than {MAX_INCLUDE_DEPTH} levels or "
                          f"{MAX_FILES:,} files", hint="include fewer files")

    def read(self, real: Path, cap: int) -> bytes:
        """:func:`read_regular`, remembering a refusal so that a repeat costs nothing."""
        refused = self.refused.get(real)
        if refused is not None:
            raise refused
        try:
            return read_regular(real, cap)
        except Refused as exc:
            self.refused[real] = exc
            raise

    def skip(self, directive: str, shown: str, where: Location, real: Path,
             loss: LossReport) -> None:
        """A file already included: skipped, once a file in ``loss`` (an @import cycle:
        :class:`Refused`)."""
        cycle = real in self.stack
        chain = (" -> ".join(p.name for p in [*self.stack[self.stack.index(real):], real])
                 if cycle else "")
        if cycle and directive == "@import":
            raise Refused("include-cycle", f"cycle {chain}", hint="remove one of the imports")
        # Argdown's include plugin skips a repeat (leaving a comment); argmap says so
        # once per file, with a count, so that 100,000 repeats make one line.
        entry = self.skipped.get(real)
        if entry is not None:
            entry.times += 1
            more = entry.times - 1
            loss.entries[entry.index] = loss.entries[entry.index]._replace(
                message=f"{entry.message} (and {more:,} more time{'s' if more > 1 else ''})")
            return
        why = f"include cycle {chain}" if cycle else "already included"
        message = (f"{directive}({shown}) skipped: {why} "
                   "(each file is included once, as Argdown does)")
        self.skipped[real] = _Skip(len(loss.entries), message)
        loss.add(NOT_IMPORTED, message, where)


def read_regular(path: Path, cap: int) -> bytes:
    """The bytes of the regular file ``path`` (a real path), at most ``cap`` of them.

    Refuses (:class:`Refused`) a missing file, a folder, FIFO, socket or device,
    and a file over ``cap`` bytes, without reading any of it.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Refused("include", "no such file") from None
    except (OSError, ValueError) as exc:
        raise Refused("include", f"cannot read it: {_reason(exc)}") from None
    _check(info, cap)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise Refused("include", f"cannot read it: {_reason(exc)}") from None
    try:
        # The file may have been replaced between stat and open: check what was opened.
        _check(os.fstat(fd), cap)
        chunks: list[bytes] = []
        left = cap + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise Refused("include", f"cannot read it: {_reason(exc)}") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > cap:
        raise _too_large(len(raw), cap)
    return raw


def _check(info: os.stat_result, cap: int) -> None:
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise Refused("include-not-a-file", f"{kind}, not a file",
                          hint="include only Argdown files")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("include-not-a-file", "not a regular file",
                      hint="include only Argdown files")
    if info.st_size > cap:
        raise _too_large(info.st_size, cap)


def _too_large(size: int, cap: int) -> Refused:
    return Refused("include-too-large",
                   f"it is {_size(size)}, more than the {_size(cap)} left of the "
                   f"{_size(source.MAX_BYTES)} argmap reads for a document and its includes",
                   hint="split the document, or include fewer or smaller files")


def _size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB"
    return f"{n / 2**10:.1f} KiB" if n >= 10 * 2**10 else f"{n:,} bytes"


def _reason(exc: BaseException) -> str:
    """An OS error in words, without Python's spelling of it."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return "not a file name the system accepts"
