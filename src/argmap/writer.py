"""Writing output files safely: atomically, and never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from argmap.errors import ArgmapError

__all__ = ["WriteError", "check_output", "write_bytes_atomic", "write_text_atomic"]


class WriteError(ArgmapError):
    """An output file could not be written (nothing was changed)."""


def check_output(path: Path, *, inputs: Iterable[Path] = ()) -> None:
    """Raise :class:`WriteError` if ``path`` is one of ``inputs``, a folder, or in a
    missing or unwritable folder; callers with slow work to do call it first."""
    target = Path(path)
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise WriteError(f"{target}: refusing to write over the input file {source}; "
                             "choose another output path")
    if target.is_dir():
        raise WriteError(f"{target}: is a folder; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise WriteError(f"{target}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(f"{target}: cannot write in {folder}: not writable")


def write_bytes_atomic(path: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the new one, never half of one; on failure no
    temporary file is left behind. Refuses to write over any of ``inputs``.
    """
    check_output(path, inputs=inputs)
    target = Path(path)
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        with contextlib.suppress(OSError):
            # mkstemp creates files readable by the owner only; outputs are ordinary files.
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomic(path: Path, text: str, *, inputs: Iterable[Path] = ()) -> None:
    """:func:`write_bytes_atomic` for UTF-8 text."""
    write_bytes_atomic(path, text.encode("utf-8"), inputs=inputs)
