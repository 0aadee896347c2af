"""Tests of argmap.writer: atomic writes that never touch inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.writer import WriteError, write_text_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    """The file holds the new content and no temporary file is left."""
    out = tmp_path / "out.txt"
    write_text_atomic(out, "one")
    write_text_atomic(out, "two")
    assert out.read_text(encoding="utf-8") == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_refuses_input_path(tmp_path: Path) -> None:
    """Writing over an input is refused and the input is untouched."""
    src = tmp_path / "map.yaml"
    src.write_text("keep", encoding="utf-8")
    with pytest.raises(WriteError, match="refusing to write over the input file"):
        write_text_atomic(tmp_path / "." / "map.yaml", "x", inputs=[src])
    assert src.read_text(encoding="utf-8") == "keep"


def test_unwritable_folder(tmp_path: Path) -> None:
    """An unwritable folder gives a clear error and leaves nothing behind."""
    if os.geteuid() == 0:
        # root writes anywhere on a normal file system; /sys refuses even root.
        with pytest.raises(WriteError, match="cannot write in /sys"):
            write_text_atomic(Path("/sys/argmap-out.txt"), "x")
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="cannot write"):
            write_text_atomic(folder / "out.txt", "x")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_missing_folder(tmp_path: Path) -> None:
    """A missing folder is named in the error."""
    with pytest.raises(WriteError, match="does not exist"):
        write_text_atomic(tmp_path / "nope" / "out.txt", "x")
