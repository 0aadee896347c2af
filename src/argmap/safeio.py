"""Reading the files argmap is given: regular files only, of bounded size, inside a tree.

Every file argmap reads on a user's behalf comes through :func:`read_bytes`: maps,
the source texts quotes are checked against, configuration files, baselines, files to
import, and the lines a report quotes (:func:`read_head` the first bytes of a file, to
tell what it is). Maps come from strangers (reviewers run ``argmap check`` in CI on pull
requests), so a file name in a map, or a file in a folder of maps, must not make argmap
hang, exhaust memory, or read and print what lies elsewhere.

* The path is stat-ed first: a FIFO, a device, a socket or a folder is refused
  before it is opened (opening a FIFO blocks until a writer comes; ``/dev/zero``
  never ends; ``/dev/urandom`` neither).
* It is then opened with ``O_NONBLOCK`` and checked again with ``fstat``: a FIFO
  swapped in between the two cannot block the open, and what is read is the
  regular file that was checked.
* At most ``limit + 1`` bytes are read: a file that grew after the stat, or a
  ``/proc`` file (whose size says 0), is refused, never read whole.
* Given ``roots``, the path's real location (symbolic links resolved) must lie
  inside one of them: a link or a ``../..`` cannot lead out of the tree.

A refusal is a :class:`FileRefused` whose message names the path and the reason,
never anything read from the file. A file that does not exist or cannot be
opened raises :class:`OSError`, as ``open`` does: callers say what that means.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from argmap.errors import ArgmapError

__all__ = ["MAX_BYTES", "MIB", "FileRefused", "Reason", "check_file", "mib", "read_bytes",
           "read_head", "tree_roots", "within"]

MIB = 1024 * 1024
#: Largest file argmap reads: a 100,000-node map is about 20 MiB.
MAX_BYTES = 32 * MIB

Reason = Literal["outside-tree", "not-a-file", "too-large"]

# O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
# O_NOCTTY: a terminal device can never become the process's controlling terminal.
# (Neither exists on Windows, which has no FIFOs to open by name.)
_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
# For a path already resolved (no link left in it): a link put in its place in the
# meantime is refused by the open instead of followed.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class FileRefused(ArgmapError):
    """A file argmap will not read: outside the tree, not a regular file, or too large.

    ``reason`` says which; the message names the path, never the file's content.
    """

    def __init__(self, path: str, reason: Reason, message: str) -> None:
        self.path = path
        self.reason: Reason = reason
        self.message = message
        super().__init__(f"{path}: {message}")


def mib(size: int) -> str:
    """A size in MiB for messages: ``32 MiB``, ``33.6 MiB``."""
    if size % MIB == 0:
        return f"{size // MIB} MiB"
    return f"{size / MIB:.1f} MiB"


def tree_roots(path: str | Path) -> tuple[Path, ...]:
    """The tree a user points argmap at by naming ``path``: its folder and the working
    directory (both with links resolved)."""
    try:
        cwd = os.getcwd()
    except OSError:  # the working directory was removed: it holds nothing to read
        return (Path(os.path.realpath(Path(path).parent)),)
    return (Path(os.path.realpath(Path(path).parent)), Path(os.path.realpath(cwd)))


def _inside(real: Path, roots: Iterable[Path]) -> bool:
    return any(real == root or real.is_relative_to(root) for root in roots)


def within(path: str | Path, roots: Iterable[Path]) -> bool:
    """Whether ``path``, links resolved, lies inside one of ``roots`` (resolved too)."""
    return _inside(Path(os.path.realpath(path)),
                   [Path(os.path.realpath(root)) for root in roots])


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_stat(name: str, st: os.stat_result, limit: int, noun: str) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = _kind(st.st_mode)
        what = kind if kind.startswith("not") else f"{kind}, not a regular file"
        raise FileRefused(name, "not-a-file", f"{what}; argmap reads {noun} only from "
                          "regular files")
    if st.st_size > limit:
        raise FileRefused(name, "too-large", f"file is {mib(st.st_size)}; argmap reads "
                          f"{noun} of at most {mib(limit)}")


def check_file(path: str | Path, *, limit: int = MAX_BYTES,
               roots: Iterable[Path] | None = None, noun: str = "files") -> Path:
    """Everything :func:`read_bytes` checks before opening ``path``, without opening it.

    Returns the path to open (its real location when ``roots`` are given). Raises
    :class:`FileRefused`, or :class:`OSError` when there is no such file.
    """
    name = str(path)
    if "\0" in name:
        # No file can have it in its name; the operating system would refuse the path.
        raise FileRefused(name, "not-a-file", "the path contains a NUL character")
    target = Path(path)
    if roots is not None:
        # Resolved before the containment test: `a/../../x` and links that lead out
        # are judged by where they really lead.
        target = Path(os.path.realpath(path))
        if not _inside(target, [Path(os.path.realpath(root)) for root in roots]):
            raise FileRefused(name, "outside-tree", f"leads outside the folders argmap reads "
                              f"{noun} from (links resolved)")
    _refuse_stat(name, target.stat(), limit, noun)
    return target


def _open(path: str | Path, limit: int, roots: Iterable[Path] | None, noun: str) -> int:
    """A descriptor of the regular file at ``path``, checked before and after opening."""
    target = check_file(path, limit=limit, roots=roots, noun=noun)
    fd = os.open(target, _FLAGS | (_NOFOLLOW if roots is not None else 0))
    try:
        _refuse_stat(str(path), os.fstat(fd), limit, noun)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: str | Path, *, limit: int = MAX_BYTES,
               roots: Iterable[Path] | None = None, noun: str = "files") -> bytes:
    """The content of the regular file ``path``, of at most ``limit`` bytes.

    With ``roots``, the file must lie inside one of them (links resolved). ``noun``
    names what is read in messages ("argmap reads maps of at most 32 MiB").
    Raises :class:`FileRefused`, or :class:`OSError` when the file cannot be opened.
    """
    fd = _open(path, limit, roots, noun)
    with io.FileIO(fd, "r", closefd=True) as fh:
        size = os.fstat(fd).st_size
        data = _read_up_to(fh, limit + 1)
    if len(data) > limit:
        # It grew since the stat, or it is a /proc file whose size says 0.
        raise FileRefused(str(path), "too-large", f"file is over {mib(limit)}; argmap reads "
                          f"{noun} of at most {mib(limit)}")
    if size == 0 and data:
        # /proc and /sys files say 0 bytes and are made as they are read: a process's
        # environment (a CI job's tokens), its memory map. Not files of a project.
        raise FileRefused(str(path), "not-a-file", "a file whose size says 0 bytes but that "
                          "holds more (a /proc or /sys file), not a regular file; argmap "
                          f"reads {noun} only from regular files")
    return data


def _read_up_to(fh: io.FileIO, size: int) -> bytes:
    """At most ``size`` bytes, however many reads that takes."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = fh.read(min(left, 4 * MIB))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_head(path: str | Path, size: int) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (of any length), to tell
    its format. Raises :class:`FileRefused` or :class:`OSError` like :func:`read_bytes`."""
    fd = _open(path, 2**62, None, "files")
    with io.FileIO(fd, "r", closefd=True) as fh:
        return _read_up_to(fh, size)
