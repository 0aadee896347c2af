"""Tests of argmap.config: pyproject.toml read safely (size, file type, nesting) and the
``source-roots`` setting, confined to the pyproject's own folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.checks import Settings
from argmap.config import MAX_CONFIG_BYTES, find_pyproject, read_pyproject
from argmap.errors import LoadError, Severity, UsageError

from .helpers import finishes

DEEP_ARRAY = "[tool.argmap]\nselect = []\na = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TABLE = "[tool.argmap]\nselect = []\na = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n"


def _problems(func: Callable[[], Any]) -> list[tuple[str, str, str | None]]:
    """(location, message, hint) of each problem of the LoadError ``func`` raises."""
    error = finishes(func)
    assert isinstance(error, LoadError), repr(error)
    return [(str(p.location), p.message, p.hint) for p in error.problems]


def test_reads_the_settings(tmp_path: Path) -> None:
    """select, ignore and severity of [tool.argmap]; no source roots unless given."""
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.argmap]\nselect = ["orphan-node"]\nignore = ["ungrounded"]\n'
                    'severity = "warning"\n', encoding="utf-8")
    assert Settings(("orphan-node",), ("ungrounded",), Severity.WARNING) \
        == read_pyproject(path)


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "tables"])
def test_nesting_too_deep_is_a_located_error_when_named(tmp_path: Path, text: str) -> None:
    """5,000 nested arrays or inline tables (RecursionError in tomllib) are a LoadError that
    names the file."""
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert [(f"{path}:1:1", "TOML nested too deeply to read",
             "a pyproject.toml needs only a few levels of nesting")] == _problems(
        lambda: read_pyproject(path))


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "tables"])
def test_nesting_too_deep_is_passed_over_when_found(tmp_path: Path, text: str) -> None:
    """Found by walking up, such a pyproject.toml is passed over like an unreadable one:
    the next one up is used."""
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\nselect = []\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text(text, encoding="utf-8")
    assert tmp_path / "pyproject.toml" == find_pyproject(tmp_path / "sub")


def test_a_device_named_as_config_is_refused() -> None:
    """``--config /dev/null`` (or /dev/zero) is refused from its type, not read."""
    assert [("/dev/null:1:1", "a device, not a regular file; argmap reads pyproject.toml files "
             "only from regular files", "name a pyproject.toml file")] == _problems(
        lambda: read_pyproject(Path("/dev/null")))


def test_a_fifo_named_as_config_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe as the config is refused at once."""
    path = tmp_path / "pyproject.toml"
    os.mkfifo(path)
    assert [(f"{path}:1:1", "a named pipe (FIFO), not a regular file; argmap reads "
             "pyproject.toml files only from regular files", "name a pyproject.toml file")
            ] == _problems(lambda: read_pyproject(path))
    assert finishes(lambda: find_pyproject(tmp_path)) is None


def test_a_config_over_1_mib_is_refused(tmp_path: Path) -> None:
    """A pyproject.toml is a few KiB: one over 1 MiB is refused by its size."""
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.argmap]\n" + "#" * MAX_CONFIG_BYTES + "\n", encoding="utf-8")
    assert [(f"{path}:1:1", "file is 1.0 MiB; argmap reads pyproject.toml files of at most "
             "1 MiB")] == [(where, message) for where, message, _ in _problems(
        lambda: read_pyproject(path))]
    assert find_pyproject(tmp_path) is None


# --- source-roots ----------------------------------------------------------------------------


def _config(folder: Path, roots: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[tool.argmap]\nselect = []\nsource-roots = {roots}\n', encoding="utf-8")
    return path


def test_source_roots_inside_the_config_folder(tmp_path: Path) -> None:
    """Relative to the pyproject.toml's folder (or absolute inside it), resolved."""
    (tmp_path / "texts" / "more").mkdir(parents=True)
    path = _config(tmp_path, f'["texts", "{tmp_path / "texts" / "more"}", "."]')
    assert (tmp_path.resolve() / "texts", tmp_path.resolve() / "texts" / "more",
            tmp_path.resolve()) == read_pyproject(path).source_roots


@pytest.mark.parametrize("root", ["..", "/", "texts/../..", "link"])
def test_source_roots_outside_the_config_folder_are_refused(tmp_path: Path, root: str) -> None:
    """The config comes from the same pull request as the maps: a root out of its folder
    (up, absolute, or a link leading out) would open the machine to the maps."""
    folder = tmp_path / "project"
    (folder / "texts").mkdir(parents=True)
    (folder / "link").symlink_to(tmp_path)
    path = _config(folder, f'["{root}"]')
    assert [(f"{path}:3:1", f"source-roots: {root!r} is outside {folder.resolve()}",
             "a source root must be a folder inside the pyproject.toml's folder (links "
             "resolved)")] == _problems(lambda: read_pyproject(path))


def test_a_source_root_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    """A typo in a root is an error, located at the setting."""
    path = _config(tmp_path, '["textz"]')
    assert [(f"{path}:3:1", "source-roots: 'textz' is not a folder",
             "paths are relative to the pyproject.toml")] == _problems(
        lambda: read_pyproject(path))


def test_source_roots_must_be_a_list_of_folders(tmp_path: Path) -> None:
    """Anything but a list of strings is a usage error naming the file."""
    path = _config(tmp_path, '"texts"')
    with pytest.raises(UsageError, match="source-roots must be a list of folders"):
        read_pyproject(path)


def test_unknown_settings_list_the_known_ones(tmp_path: Path) -> None:
    """The known settings, source-roots among them, are listed."""
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.argmap]\nsource-root = []\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"\(known: select, ignore, severity, source-roots\)"):
        read_pyproject(path)


def test_a_config_that_is_not_utf8_is_a_located_error_in_argmaps_words(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 give the position and the byte, not Python's codec message."""
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b'[tool.argmap]\nselect = ["\xff"]\n')
    with pytest.raises(LoadError) as caught:
        read_pyproject(path)
    [problem] = caught.value.problems
    assert (2, 12, "encoding") == (problem.location.line, problem.location.col, problem.code)
    assert "codec" not in problem.message
    assert "not valid UTF-8 (byte 0xff)" == problem.message
