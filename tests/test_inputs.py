"""Tests of argmap.inputs: a map on standard input (bounded, located as <stdin>), and the maps
a list of changed files (pre-commit's) asks to check."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest

from argmap import inputs
from argmap.checks import Settings, check
from argmap.errors import LoadError, UsageError
from argmap.inputs import STDIN, StdinError, changed_maps, is_map, read_stdin

from .helpers import finishes, write_map

MAP = """\
argmap: 1
title: T
sources:
  - id: s
    title: S
    text: sources/t.txt
nodes:
  - id: e
    kind: evidence
    text: E.
    source: s
    quote: the quoted words
"""


def _stdin(text: str | bytes) -> io.BufferedReader:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]


def test_a_map_on_stdin_is_named_stdin_and_reads_texts_from_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Locations say <stdin>; `text:` is relative to the working directory."""
    write_map(tmp_path / "sources", "t.txt", "Not what the map quotes.\n")
    monkeypatch.chdir(tmp_path)
    result = check(read_stdin(_stdin(MAP)), Settings(select=("quote-not-found",)))
    assert ["<stdin>:12:12: error: quote of 'e' not found in source 's' [quote-not-found]"] \
        == [str(p) for p in result.findings]


def test_a_map_on_stdin_reads_no_text_outside_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`text: ../t.txt` leads out of the only tree there is: refused like any map's."""
    write_map(tmp_path, "t.txt", "the quoted words\n")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    with pytest.raises(LoadError) as caught:
        check(read_stdin(_stdin(MAP.replace("sources/t.txt", "../t.txt"))), None)
    assert [("<stdin>:6:11", "source-outside-tree")] == [
        (str(p.location), p.code) for p in caught.value.problems]


class _Endless(io.RawIOBase):
    """`yes |`: a stream that never ends, counting what was read of it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"y" * len(buffer)
        self.taken += len(buffer)
        return len(buffer)


def test_an_endless_stdin_is_refused_after_the_limit() -> None:
    """At most limit + 1 bytes are read of a stream that never ends."""
    endless = _Endless()
    error = finishes(lambda: read_stdin(endless, limit=1000))  # type: ignore[arg-type]
    assert isinstance(error, StdinError)
    assert [("<stdin>:1:1", "file-too-large", "standard input is over 0.0 MiB; argmap reads "
             "maps of at most 0.0 MiB")] == [(str(p.location), p.code, p.message)
                                              for p in error.problems]
    assert 1001 == endless.taken


def test_what_stdin_held_comes_with_its_errors() -> None:
    """An invalid map: located problems, and the text (there is no file to show lines of)."""
    with pytest.raises(StdinError) as caught:
        read_stdin(_stdin("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claimm\n"))
    assert "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claimm\n" == caught.value.text
    assert {STDIN} == {p.location.path for p in caught.value.problems}


def test_stdin_that_is_not_text_is_refused() -> None:
    """Bytes that are not UTF-8 are a located encoding error, as in a file."""
    with pytest.raises(StdinError) as caught:
        read_stdin(_stdin(b"argmap: 1\ntitle: \xff\n"))
    assert [("<stdin>:2:8", "encoding")] == [(str(p.location), p.code)
                                             for p in caught.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    (MAP, True),
    ("# yaml-language-server: $schema=argmap.schema.json\n---\nargmap: 1\n", True),
    ('"argmap": 1\ntitle: T\n', True),
    ("{argmap: 1, title: T}\n", True),
    ("title: T\nargmap: 1\n", True),
    ("site_name: Docs\nnav:\n  - index.md\n", False),
    ("on: push\njobs:\n  check:\n    argmap: 1\n", False),
    ("description: |\n  argmap: 1\n", False),
    ("argmapper: 1\n", False),
], ids=["map", "modeline", "quoted", "flow", "later", "mkdocs", "nested", "block", "prefix"])
def test_a_map_is_a_yaml_file_with_a_top_level_argmap_key(tmp_path: Path, text: str,
                                                         expected: bool) -> None:
    """Other YAML files (mkdocs.yml, a workflow) are not maps, whatever they nest."""
    assert expected == is_map(write_map(tmp_path, "x.yaml", text))


def test_a_map_in_utf16_is_a_map(tmp_path: Path) -> None:
    """A UTF-16 map (with a BOM) is recognised, as the loader reads it."""
    path = tmp_path / "m.yaml"
    path.write_bytes(codecs.BOM_UTF16_LE + "argmap: 1\ntitle: T\n".encode("utf-16-le"))
    assert is_map(path)


def test_a_fifo_is_not_a_map_and_does_not_block(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO named .yaml is passed over at once (as a changed file, too)."""
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.yaml")
    assert (False, []) == (finishes(lambda: is_map("pipe.yaml")),
                           finishes(lambda: changed_maps(["pipe.yaml"])))


def test_a_link_out_of_the_tree_counts_as_a_map(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """So that loading it reports the refusal, as `argmap check` of it does: it is not
    read here (nor said whether what it leads to is a map)."""
    write_map(tmp_path, "secret.yaml", "password: x\n")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    os.symlink(tmp_path / "secret.yaml", "link.yaml")
    assert is_map("link.yaml")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tutorial's layout: maps in arguments/ with their texts in arguments/sources/,
    the schema `init` writes, and other YAML files at the top."""
    write_map(tmp_path / "arguments", "m.yaml", MAP,
              {"argmap.schema.json": "{}\n", "other.yaml": "argmap: 1\ntitle: Other\n",
               "elsewhere.yaml": MAP.replace("sources/t.txt", "../t.txt")})
    write_map(tmp_path / "arguments" / "sources", "t.txt", "the quoted words\n",
              {"u.txt": "unused\n"})
    write_map(tmp_path, "mkdocs.yml", "site_name: Docs\n", {"t.txt": "other\n"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("changed", "maps"), [
    (["arguments/m.yaml", "mkdocs.yml", "arguments/argmap.schema.json"], ["arguments/m.yaml"]),
    (["arguments/sources/t.txt"], ["arguments/m.yaml"]),
    (["t.txt"], ["arguments/elsewhere.yaml"]),
    (["arguments/sources/u.txt", "README.md"], []),
    (["arguments/sources/t.txt", "arguments/m.yaml", "arguments/other.yaml"],
     ["arguments/m.yaml", "arguments/other.yaml"]),
    (["arguments/deleted.yaml", "arguments"],
     ["arguments/elsewhere.yaml", "arguments/m.yaml", "arguments/other.yaml"]),
], ids=["maps-only", "source-text", "text-above-its-map", "unnamed-texts", "once-each", "folder"])
def test_changed_files_give_the_maps_to_check(project: Path, changed: list[str],
                                              maps: list[str]) -> None:
    """Maps among the files, maps that name a changed text (wherever they lie in the
    tree: t.txt at the top is elsewhere.yaml's), each once, sorted; other files and
    deleted ones are passed over."""
    assert maps == [str(p) for p in changed_maps(changed)]


def test_a_broken_map_that_may_name_the_text_is_checked(project: Path) -> None:
    """A map that mentions the text's name but cannot be parsed is taken: checking it says
    what is wrong with it, rather than skipping it in silence."""
    write_map(project / "arguments", "broken.yaml", "argmap: 1\nsources: [t.txt\n")
    assert ["arguments/broken.yaml", "arguments/m.yaml"] == [
        str(p) for p in changed_maps(["arguments/sources/t.txt"])]


def test_maps_above_the_working_directory_are_not_searched(project: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """The search for maps naming a text stops at the working directory (the repository)."""
    monkeypatch.chdir(project / "arguments" / "sources")
    assert ([], []) == (changed_maps(["t.txt"]), changed_maps(["../sources/t.txt"]))


def test_maps_anywhere_in_the_tree_that_name_the_text_are_found(project: Path) -> None:
    """A map in a sibling folder (`../arguments/sources/t.txt`) and one below the text's
    folder name it too: both are re-checked, as the map beside it is."""
    write_map(project / "reviews", "r.yaml", MAP.replace("sources/t.txt",
                                                         "../arguments/sources/t.txt"))
    write_map(project / "arguments" / "sources" / "deep", "d.yaml",
              MAP.replace("sources/t.txt", "../t.txt"))
    assert ["arguments/m.yaml", "arguments/sources/deep/d.yaml", "reviews/r.yaml"] == [
        str(p) for p in changed_maps(["arguments/sources/t.txt"])]


@pytest.mark.parametrize("folder", [".hidden", "node_modules", "__pycache__", "site-packages",
                                    "venv"])
def test_hidden_and_package_folders_are_not_searched(project: Path, folder: str) -> None:
    """A map in .git, .venv or an installed package is no map of the project."""
    write_map(project / folder / "pkg", "p.yaml", MAP.replace("sources/t.txt",
                                                              "../../t.txt"))
    assert ["arguments/elsewhere.yaml"] == [str(p) for p in changed_maps(["t.txt"])]


def test_a_link_to_a_folder_is_not_followed(project: Path) -> None:
    """The walk does not follow a linked folder (it may lead out of the tree, or in a
    circle); the maps it links to are found through their own folder, once."""
    os.symlink(project / "arguments", project / "again")
    os.symlink(project, project / "arguments" / "loop")
    assert ["arguments/m.yaml"] == [str(p) for p in finishes(
        lambda: changed_maps(["arguments/sources/t.txt"]))]


def test_a_tree_of_too_many_folders_is_an_error(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Six folders (the top, arguments/, its sources/, three empty ones): beyond
    MAX_FOLDERS the search stops with a usage error that says what to do; a changed map
    alone needs no search."""
    monkeypatch.setattr(inputs, "MAX_FOLDERS", 5)
    for i in range(3):
        (project / f"f{i}").mkdir()
    with pytest.raises(UsageError) as caught:
        changed_maps(["arguments/sources/t.txt"])
    assert ("over 5 folders to search for the maps that name the changed file "
            "arguments/sources/t.txt; name the maps' folders instead of the source texts (or "
            "run argmap from the folder of the maps)") == str(caught.value)
    assert ["arguments/m.yaml"] == [str(p) for p in changed_maps(["arguments/m.yaml"])]
    monkeypatch.setattr(inputs, "MAX_FOLDERS", 6)
    assert ["arguments/m.yaml"] == [str(p) for p in changed_maps(["arguments/sources/t.txt"])]


def test_many_texts_and_maps_are_each_read_once(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit of 300 texts beside 100 maps parses each map once, not once a text."""
    for i in range(100):
        write_map(project / "arguments", f"map-{i}.yaml",
                  MAP.replace("sources/t.txt", f"sources/t{i}.txt"))
    texts = [f"arguments/sources/t{i}.txt" for i in range(300)]
    for name in texts:
        (project / name).write_text("text\n", encoding="utf-8")
    parsed: list[str] = []
    real_parse = inputs.source.parse
    monkeypatch.setattr(inputs.source, "parse",
                        lambda text, path: parsed.append(path) or real_parse(text, path))
    assert 100 == len([m for m in changed_maps(texts) if m.name.startswith("map-")])
    assert 103 == len(parsed) == len(set(parsed))


def test_only_the_head_of_a_huge_yaml_file_is_looked_at(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Telling a map reads at most the size of a map: a key past it is not seen."""
    monkeypatch.setattr(inputs.safeio, "MAX_BYTES", 1000)
    head = write_map(tmp_path, "head.yaml", "argmap: 1\n" + "# filler\n" * 200)
    tail = write_map(tmp_path, "tail.yaml", "# filler\n" * 200 + "argmap: 1\n")
    assert (True, False) == (is_map(head), is_map(tail))
