"""Tests of argmap.safeio: only regular files, of bounded size, inside the tree, are read;
nothing blocks, nothing is read whole that is too large, no refusal quotes the file."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap import safeio
from argmap.errors import ArgmapError

from .helpers import finishes

needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def refusal(func: Callable[[], Any]) -> safeio.FileRefused:
    """The FileRefused that ``func`` raises (within the hang guard)."""
    raised = finishes(func)
    assert isinstance(raised, safeio.FileRefused), repr(raised)
    return raised


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A named pipe that nobody writes to (opening it for reading would block)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_reads_a_regular_file_whole(tmp_path: Path) -> None:
    """A regular file's bytes, exactly."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"line one\nline two\n\xff")
    assert b"line one\nline two\n\xff" == safeio.read_bytes(path)


def test_a_file_at_the_limit_is_read_one_byte_more_is_refused(tmp_path: Path) -> None:
    """``limit`` bytes are read; ``limit + 1`` are refused by their size, as too large."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10)
    assert b"x" * 10 == safeio.read_bytes(path, limit=10)
    error = refusal(lambda: safeio.read_bytes(path, limit=9))
    assert ("too-large", "file is 0.0 MiB; argmap reads files of at most 0.0 MiB") \
        == (error.reason, error.message)


def test_the_default_limit_is_32_mib(tmp_path: Path) -> None:
    """A sparse file one byte over 32 MiB is refused from its size, with sizes in MiB."""
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(safeio.MAX_BYTES + 1)
    error = refusal(lambda: safeio.read_bytes(path, noun="maps"))
    assert (32 * 2**20, "too-large", "file is 32.0 MiB; argmap reads maps of at most 32 MiB") \
        == (safeio.MAX_BYTES, error.reason, error.message)


@needs_fifo
def test_a_fifo_is_refused_without_blocking(fifo: Path) -> None:
    """A named pipe with no writer is refused, not opened and waited on."""
    error = refusal(lambda: safeio.read_bytes(fifo, noun="maps"))
    assert ("not-a-file", "a named pipe (FIFO), not a regular file; argmap reads maps only "
            "from regular files", f"{fifo}: a named pipe (FIFO), not a regular file; argmap "
            "reads maps only from regular files") == (error.reason, error.message, str(error))


@needs_fifo
def test_a_fifo_swapped_in_after_the_stat_is_refused_without_blocking(
        fifo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check before opening passes (as if a regular file stood there then); the open
    does not block on the FIFO now there, and the check after it refuses it."""
    monkeypatch.setattr(safeio, "check_file", lambda path, **_: Path(path))
    assert "not-a-file" == refusal(lambda: safeio.read_bytes(fifo)).reason


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    """Endless (or empty) devices are refused before they are opened."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    error = refusal(lambda: safeio.read_bytes(device))
    assert ("not-a-file", "a device, not a regular file; argmap reads files only from "
            "regular files") == (error.reason, error.message)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder is not read."""
    error = refusal(lambda: safeio.read_bytes(tmp_path))
    assert ("not-a-file", "a folder, not a regular file; argmap reads files only from "
            "regular files") == (error.reason, error.message)


def test_a_socket_is_refused() -> None:
    """A Unix socket is refused (in a short folder: socket paths are limited in length)."""
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        path = Path(folder) / "s"
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(path))
            error = refusal(lambda: safeio.read_bytes(path))
    assert ("not-a-file", "a socket, not a regular file; argmap reads files only from "
            "regular files") == (error.reason, error.message)


@needs_proc
def test_a_proc_file_longer_than_its_size_says_is_refused_past_the_limit() -> None:
    """/proc files report a size of 0: the read stops one byte past the limit and refuses."""
    assert Path("/proc/self/maps").stat().st_size == 0
    error = refusal(lambda: safeio.read_bytes("/proc/self/maps", limit=16))
    assert ("too-large", "file is over 0.0 MiB; argmap reads files of at most 0.0 MiB") \
        == (error.reason, error.message)


@needs_proc
def test_a_proc_file_within_the_limit_is_refused_too() -> None:
    """/proc/self/environ says 0 bytes and holds the environment (a CI job's tokens): read
    whole, it was shown under a load error (`argmap check /proc/self/environ`, `--config
    /proc/self/environ`). A file that holds more than its size says is refused."""
    assert Path("/proc/self/environ").stat().st_size == 0
    error = refusal(lambda: safeio.read_bytes("/proc/self/environ"))
    assert ("not-a-file", "a file whose size says 0 bytes but that holds more (a /proc or "
            "/sys file), not a regular file; argmap reads files only from regular files") \
        == (error.reason, error.message)


def test_an_empty_regular_file_is_read(tmp_path: Path) -> None:
    """An empty file is no /proc file: it is read, as nothing."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert b"" == safeio.read_bytes(path)


def test_a_missing_file_is_an_oserror(tmp_path: Path) -> None:
    """A file that does not exist raises FileNotFoundError, as ``open`` would."""
    with pytest.raises(FileNotFoundError):
        safeio.read_bytes(tmp_path / "nope.txt")


def test_a_refusal_never_quotes_the_file(tmp_path: Path) -> None:
    """The message of a file refused for its size names it, never its content."""
    path = tmp_path / "secret.txt"
    path.write_text("SECRET-MARKER " * 10, encoding="utf-8")
    error = refusal(lambda: safeio.read_bytes(path, limit=20))
    assert "SECRET-MARKER" not in str(error)
    assert isinstance(error, ArgmapError)


# --- the tree -------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    """A tree with a text inside, and a secret beside it (outside)."""
    inside = tmp_path / "tree"
    (inside / "sub").mkdir(parents=True)
    (inside / "sub" / "a.txt").write_text("inside\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("SECRET-MARKER\n", encoding="utf-8")
    return inside, tmp_path / "secret.txt"


def test_a_file_inside_a_root_is_read(tree: tuple[Path, Path]) -> None:
    """Relative parts that stay inside, and absolute paths inside, are fine."""
    root, _ = tree
    assert [b"inside\n"] * 2 == [
        safeio.read_bytes(root / "sub" / ".." / "sub" / "a.txt", roots=[root]),
        safeio.read_bytes((root / "sub" / "a.txt").resolve(), roots=[root])]


def test_dot_dot_out_of_the_root_is_refused(tree: tuple[Path, Path]) -> None:
    """``../secret.txt`` from the root is refused, by where it leads."""
    root, _ = tree
    error = refusal(lambda: safeio.read_bytes(root / ".." / "secret.txt", roots=[root],
                                              noun="source texts"))
    assert ("outside-tree", "leads outside the folders argmap reads source texts from "
            "(links resolved)") == (error.reason, error.message)


def test_an_absolute_path_outside_is_refused(tree: tuple[Path, Path]) -> None:
    """An absolute path is judged like any other: outside every root, refused."""
    root, secret = tree
    assert "outside-tree" == refusal(lambda: safeio.read_bytes(secret, roots=[root])).reason


def test_a_link_inside_leading_out_is_refused(tree: tuple[Path, Path]) -> None:
    """A symbolic link in the tree to a file elsewhere is refused (links are resolved first)."""
    root, secret = tree
    link = root / "link.txt"
    link.symlink_to(secret)
    assert "outside-tree" == refusal(lambda: safeio.read_bytes(link, roots=[root])).reason


def test_a_link_inside_leading_inside_is_followed(tree: tuple[Path, Path]) -> None:
    """A link that stays in the tree is fine."""
    root, _ = tree
    link = root / "link.txt"
    link.symlink_to(root / "sub" / "a.txt")
    assert b"inside\n" == safeio.read_bytes(link, roots=[root])


def test_a_root_reached_through_a_link_counts_where_it_leads(tree: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    """Roots are resolved too: a root given through a link holds the files it leads to."""
    root, _ = tree
    alias = tmp_path / "alias"
    alias.symlink_to(root)
    assert b"inside\n" == safeio.read_bytes(root / "sub" / "a.txt", roots=[alias])


def test_a_missing_file_outside_is_refused_not_looked_up(tree: tuple[Path, Path]) -> None:
    """Outside the tree, even whether a file exists is not told: refused, not 'no such file'."""
    root, _ = tree
    error = refusal(lambda: safeio.read_bytes(root / ".." / "nope.txt", roots=[root]))
    assert "outside-tree" == error.reason


def test_check_file_refuses_like_read_bytes_without_opening(fifo: Path, tmp_path: Path) -> None:
    """``check_file`` refuses what ``read_bytes`` refuses, and returns the path to open."""
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    assert ("not-a-file", (tmp_path / "a.txt").resolve()) == (
        refusal(lambda: safeio.check_file(fifo)).reason,
        safeio.check_file(tmp_path / "a.txt", roots=[tmp_path]))


def test_within(tree: tuple[Path, Path]) -> None:
    """``within``: the containment test alone, links resolved."""
    root, secret = tree
    (root / "out.txt").symlink_to(secret)
    assert [True, True, False, False] == [
        safeio.within(root / "sub" / "a.txt", [root]), safeio.within(root, [root]),
        safeio.within(secret, [root]), safeio.within(root / "out.txt", [root])]


def test_tree_roots_are_the_folder_named_and_the_working_directory(tmp_path: Path) -> None:
    """The tree a path names: its folder and the working directory, resolved."""
    assert (tmp_path.resolve(), Path.cwd().resolve()) == safeio.tree_roots(tmp_path / "m.yaml")


# --- heads and sizes ------------------------------------------------------------------------


def test_read_head_reads_the_start_of_a_file_of_any_size(tmp_path: Path) -> None:
    """The first bytes only, however long the file (no size limit)."""
    path = tmp_path / "a.json"
    with path.open("wb") as f:
        f.write(b"{\"format\"")
        f.truncate(safeio.MAX_BYTES * 2)
    assert b"{\"format\"\0" == safeio.read_head(path, 10)


@needs_fifo
def test_read_head_refuses_a_fifo_without_blocking(fifo: Path) -> None:
    """Telling a FIFO's format does not wait for a writer either."""
    assert "not-a-file" == refusal(lambda: safeio.read_head(fifo, 10)).reason


@pytest.mark.parametrize(("size", "shown"), [
    (32 * 2**20, "32 MiB"), (2**20, "1 MiB"), (int(33.6 * 2**20), "33.6 MiB"), (0, "0 MiB"),
    (512 * 1024, "0.5 MiB")])
def test_mib(size: int, shown: str) -> None:
    """Sizes in MiB: whole numbers without decimals, others with one."""
    assert shown == safeio.mib(size)


def test_tree_roots_without_a_working_directory(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A working directory that was removed adds nothing to the tree (and raises nothing)."""
    def gone() -> str:
        raise FileNotFoundError("gone")

    monkeypatch.setattr(os, "getcwd", gone)
    assert (tmp_path.resolve(),) == safeio.tree_roots(tmp_path / "m.yaml")


def test_a_path_with_a_nul_character_is_refused(tmp_path: Path) -> None:
    """A NUL in a path (a map can write `text: "a\\0b"`) is a refusal, not a ValueError."""
    error = refusal(lambda: safeio.read_bytes(tmp_path / "a\0b", roots=[tmp_path]))
    assert ("not-a-file", "the path contains a NUL character") == (error.reason, error.message)
