"""argmap.lsp.analysis: an unsaved map loaded and checked like `argmap check` does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import check, load
from argmap.lsp import analysis
from argmap.lsp.analysis import Workspace
from argmap.lsp.text import Lines

from .helpers import FLAGSHIP, write_map
from .test_fuzz_cli import yaml_maps

BASE = """\
argmap: 1
title: T
nodes:
  - id: a
    kind: evidence
    text: A.
    supports: [b]
  - id: b
    kind: claim
    text: B.
"""

FUZZ = settings(max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "50")),
                deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def test_the_flagship_as_argmap_check_sees_it() -> None:
    """The analysis of the flagship's text holds the findings of `argmap check`."""
    path = FLAGSHIP.resolve()
    expected = check(load(path)).findings
    actual = Workspace().analyse(path, path.read_text(encoding="utf-8")).problems
    assert expected == actual


def test_unsaved_text_wins_over_the_file(tmp_path: Path) -> None:
    """The text given is analysed, not the file on disk."""
    path = write_map(tmp_path, "m.yaml", BASE)
    found = Workspace().analyse(path, BASE.replace("[b]", "[c]")).problems
    assert [(7, 16, "dangling-reference")] == [(p.location.line, p.location.col, p.code)
                                               for p in found]


def test_neighbours_are_read_again_only_when_they_change(tmp_path: Path) -> None:
    """A map beside the open one is loaded once, and again after it is saved."""
    other = write_map(tmp_path, "other.yaml", BASE)
    ws = Workspace()
    first = ws.disk_map(other)
    assert first is ws.disk_map(other)
    other.write_text(BASE.replace("id: a", "id: a2").replace("[b]", "[b]  # saved"),
                     encoding="utf-8")
    second = ws.disk_map(other)
    assert first is not second
    assert ["a2", "b"] == [n.id for n in second.map.nodes]  # type: ignore[union-attr]


def test_a_neighbour_outside_the_tree_is_not_read(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A map file that is a link out of the tree is refused by the safe reader: nothing of
    what it points at is shown."""
    outside = write_map(tmp_path / "outside", "secret.yaml", BASE.replace("T", "SECRET"))
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "other.yaml").symlink_to(outside)
    path = write_map(folder, "m.yaml", BASE.replace("[b]", "[b, other:a]"))
    monkeypatch.chdir(folder)
    problems = Workspace().analyse(path, path.read_text(encoding="utf-8")).problems
    assert ["context-map"] == [p.code for p in problems]
    assert "SECRET" not in str(problems)
    assert "outside" in problems[0].message


def test_folders_are_read_up_to_a_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At most MAX_FOLDER_MAPS map files of a folder are read for navigation."""
    for i in range(5):
        write_map(tmp_path, f"m{i}.yaml", BASE)
    monkeypatch.setattr(analysis, "MAX_FOLDER_MAPS", 3)
    assert ["m0.yaml", "m1.yaml", "m2.yaml"] == [
        f.name for f in Workspace().folder_files(tmp_path)]


def _in_document(text: str, problems: tuple[object, ...]) -> bool:
    lines = Lines(text)
    return all(0 <= p.location.line - 1 <= max(len(lines), 1)  # type: ignore[attr-defined]
               for p in problems)


@FUZZ
@given(st.text(max_size=400))
def test_any_text_gets_an_analysis(tmp_path: Path, text: str) -> None:
    """Any text is analysed without an exception, its problems inside the document."""
    result = Workspace().analyse(tmp_path / "m.yaml", text)
    assert _in_document(text, result.problems)


@FUZZ
@given(yaml_maps())
def test_hostile_maps_get_an_analysis(tmp_path: Path, text: str) -> None:
    """Maps with hostile values, keys and paths are analysed without an exception; nothing
    outside the tree is read."""
    (tmp_path / "fifo").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "fifo")
    result = Workspace().analyse(tmp_path / "m.yaml", text)
    assert _in_document(text, result.problems)
    assert "root:" not in str(result.problems)
