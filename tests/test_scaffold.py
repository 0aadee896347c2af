"""Tests of argmap.scaffold (`argmap init`): a new map that loads, checks cleanly and has a
working schema modeline."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from argmap.checks import check
from argmap.loading.loader import load
from argmap.model import NodeKind, RelationKind
from argmap.scaffold import SCHEMA_NAME, ScaffoldError, scaffold
from argmap.schema import json_schema_text

from .helpers import ROOT

MODELINE = "# yaml-language-server: $schema="


def _project(tmp_path: Path) -> Path:
    """An empty project (a .git marks its root, so the search stops there)."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_new_map_has_everything_and_checks_cleanly(tmp_path: Path) -> None:
    """One node of every kind and one relation of every kind, a node with a title; no
    check findings."""
    result = scaffold(_project(tmp_path) / "bypass")
    assert result.map == tmp_path / "bypass.yaml"
    m = load(result.map)
    assert {n.kind for n in m.map.nodes} == set(NodeKind)
    assert {kind for n in m.map.nodes for kind, _ in n.relations()} == set(RelationKind)
    assert len(m.map.nodes) == len(NodeKind)
    assert ["Congested centre"] == [n.title for n in m.map.nodes if n.title]
    assert check(m).findings == ()
    assert m.map.title == "Bypass"


def test_schema_written_next_to_the_map_outside_a_project_with_one(tmp_path: Path) -> None:
    """Without a schema nearby, this argmap's schema is written beside the map and named
    by the modeline; the map is valid against it."""
    result = scaffold(_project(tmp_path) / "new-map.yaml")
    text = result.map.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE + SCHEMA_NAME
    assert (result.schema, result.schema_ref) == (tmp_path / SCHEMA_NAME, SCHEMA_NAME)
    assert (tmp_path / SCHEMA_NAME).read_text(encoding="utf-8") == json_schema_text()
    # As an editor reads it: typed YAML, validated against the schema file written.
    schema = json.loads((tmp_path / SCHEMA_NAME).read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema)


def test_schema_of_the_project_is_referred_to(tmp_path: Path) -> None:
    """Inside a project with docs/argmap.schema.json (as this repository), the modeline
    points there with a relative path and nothing else is written."""
    root = _project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / SCHEMA_NAME).write_text("{}", encoding="utf-8")
    (root / "arguments").mkdir()
    result = scaffold(root / "arguments" / "istanbul")
    assert result.schema is None
    assert result.schema_ref == "../docs/argmap.schema.json"
    assert result.map.read_text(encoding="utf-8").startswith(
        MODELINE + "../docs/argmap.schema.json\n")
    assert sorted(p.name for p in (root / "arguments").iterdir()) == ["istanbul.yaml"]


def test_this_repository_has_the_schema_the_modeline_expects() -> None:
    """The search finds this repository's committed schema from arguments/, as the
    flagship map's modeline names it."""
    from argmap.scaffold import _find_schema

    found = _find_schema(ROOT / "arguments")
    assert found == ROOT / "docs" / SCHEMA_NAME
    first = (ROOT / "arguments" / "pakistan-afghanistan.yaml").read_text(encoding="utf-8")
    assert first.startswith(MODELINE + "../docs/argmap.schema.json\n")


def test_existing_schema_beside_the_map_is_kept(tmp_path: Path) -> None:
    """An argmap.schema.json already in the folder is used as it is, never replaced."""
    root = _project(tmp_path)
    (root / SCHEMA_NAME).write_text("{}", encoding="utf-8")
    result = scaffold(root / "a.yml")
    assert (result.map.name, result.schema, result.schema_ref) == ("a.yml", None, SCHEMA_NAME)
    assert (root / SCHEMA_NAME).read_text(encoding="utf-8") == "{}"


def test_never_overwrites(tmp_path: Path) -> None:
    """An existing file is refused and left untouched; a missing folder is an error."""
    root = _project(tmp_path)
    (root / "taken.yaml").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists; argmap init never overwrites"):
        scaffold(root / "taken")
    assert (root / "taken.yaml").read_text(encoding="utf-8") == "mine\n"
    with pytest.raises(ScaffoldError, match="does not exist"):
        scaffold(root / "nowhere" / "map")


@pytest.mark.parametrize("name", ["", ".", "..", "sub/.."])
def test_a_name_that_names_no_file_is_refused(tmp_path: Path, name: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`argmap init ''` (or `.`) raised ValueError from pathlib: a traceback, exit 1.
    A name without a file name is a ScaffoldError, and nothing is written."""
    root = _project(tmp_path)
    (root / "sub").mkdir()
    monkeypatch.chdir(root)
    before = sorted(p.name for p in root.iterdir())
    with pytest.raises(ScaffoldError, match="names no file: give the new map's name"):
        scaffold(name)
    assert before == sorted(p.name for p in root.iterdir())


@pytest.mark.parametrize("name", ["line\nbreak", "crlf\r\nbreak", "cr\rbreak", "ls\u2028"])
def test_a_name_no_map_may_have_is_refused(tmp_path: Path, name: str) -> None:
    """A map is named after its file, and argmap loads no map whose name holds a line
    break (`bad-file-name`): init refuses to make one, writing nothing, instead of a map
    that no command can read."""
    root = _project(tmp_path)
    with pytest.raises(ScaffoldError, match="a map is named after its file"):
        scaffold(root / name)
    assert [".git"] == sorted(p.name for p in root.iterdir())


def test_a_name_too_long_for_the_system_is_an_error(tmp_path: Path) -> None:
    """A file name over the system's limit (255 bytes) raised OSError from pathlib: a
    traceback and exit code 1. It is a ScaffoldError (exit code 2), its name cut."""
    from argmap.cli import app

    result = CliRunner().invoke(app, ["init", str(_project(tmp_path) / ("a" * 300))])
    assert 2 == result.exit_code
    assert result.stderr.endswith("…: cannot create it: File name too long\n")
    assert len(result.stderr) < 200


def test_title_with_yaml_syntax_stays_text(tmp_path: Path) -> None:
    """A title full of YAML and quoting characters is written so that it loads as given."""
    title = 'Yes: no # "quoted" \\ [list] {map} & *alias \u0627\u0631\u062f\u0648'
    result = scaffold(_project(tmp_path) / "t", title=title)
    assert load(result.map).map.title == title


def test_dotted_name_gets_the_ending(tmp_path: Path) -> None:
    """A name with a dot but no map ending gets `.yaml` added, not replaced."""
    assert scaffold(_project(tmp_path) / "v1.2").map.name == "v1.2.yaml"


def test_init_command(tmp_path: Path) -> None:
    """`argmap init NAME` says what it wrote; a second run exits 2 and changes nothing."""
    from argmap.cli import app

    target = _project(tmp_path) / "policy"
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(target), "--title", "Policy [bold]x[/bold]"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"wrote {target}.yaml\nwrote {tmp_path / SCHEMA_NAME} (the schema "
                             f"the map's modeline points to)\nnext: argmap serve {target}.yaml\n")
    assert load(f"{target}.yaml").map.title == "Policy [bold]x[/bold]"
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr


@pytest.mark.parametrize(("name", "shown_as"), [
    ("arguments/new-map", "arguments/new-map.yaml"),
    ("my map", "'my map.yaml'"),
    ("line\nbreak/map", "'line\\nbreak/map.yaml'"),
])
def test_comments_name_the_map_as_it_was_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               name: str, shown_as: str) -> None:
    """The commands in the new map's comments name it as `argmap init` was given it, so
    that they run from the same folder (the name alone failed from a project's root),
    quoted for a shell; a line break (of a folder's name) is escaped, never a new line of
    the map."""
    monkeypatch.chdir(_project(tmp_path))
    (tmp_path / Path(name).parent).mkdir(exist_ok=True)
    result = scaffold(name)
    lines = result.map.read_text(encoding="utf-8").splitlines()
    assert f"#   argmap check {shown_as}     what a reviewer would flag" in lines
    assert all(line.startswith("#") for line in lines[:6])
