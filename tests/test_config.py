"""Tests of argmap.config: configuration files found (argmap.toml, .argmap.toml,
pyproject.toml) and read safely (size, file type, nesting), every mistake located; the
settings (``source-roots`` confined to the file's own folder, ``fail-on``,
``rule-severity``, ``per-file-ignores``) and how they merge with maps and the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap.checks import RULES, PathIgnore, Settings
from argmap.cli import app
from argmap.config import (
    MAX_CONFIG_BYTES,
    MAX_PER_FILE_IGNORES,
    MAX_SOURCE_ROOTS,
    Overrides,
    find_config,
    read_config,
    resolve,
)
from argmap.errors import LoadError, Severity
from argmap.loading.loader import MapSet, load_set
from argmap.loading.source import MAX_PROBLEMS

from .helpers import ROOT, finishes, write_map

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
        == read_config(path)


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "tables"])
def test_nesting_too_deep_is_a_located_error_when_named(tmp_path: Path, text: str) -> None:
    """5,000 nested arrays or inline tables (RecursionError in tomllib) are a LoadError that
    names the file."""
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert [(f"{path}:1:1", "TOML nested too deeply to read",
             "a configuration needs only a few levels of nesting")] == _problems(
        lambda: read_config(path))


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "tables"])
def test_nesting_too_deep_is_passed_over_when_found(tmp_path: Path, text: str) -> None:
    """Found by walking up, such a pyproject.toml is passed over like an unreadable one:
    the next one up is used."""
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\nselect = []\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text(text, encoding="utf-8")
    assert tmp_path / "pyproject.toml" == find_config(tmp_path / "sub")


def test_a_device_named_as_config_is_refused() -> None:
    """``--config /dev/null`` (or /dev/zero) is refused from its type, not read."""
    assert [("/dev/null:1:1", "a device, not a regular file; argmap reads configuration files "
             "only from regular files", "name an argmap.toml or pyproject.toml file")] == _problems(
        lambda: read_config(Path("/dev/null")))


def test_a_fifo_named_as_config_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe as the config is refused at once."""
    path = tmp_path / "pyproject.toml"
    os.mkfifo(path)
    assert [(f"{path}:1:1", "a named pipe (FIFO), not a regular file; argmap reads "
             "configuration files only from regular files",
             "name an argmap.toml or pyproject.toml file")
            ] == _problems(lambda: read_config(path))
    assert finishes(lambda: find_config(tmp_path)) is None


def test_a_config_over_1_mib_is_refused(tmp_path: Path) -> None:
    """A pyproject.toml is a few KiB: one over 1 MiB is refused by its size."""
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.argmap]\n" + "#" * MAX_CONFIG_BYTES + "\n", encoding="utf-8")
    assert [(f"{path}:1:1", "file is 1.0 MiB; argmap reads configuration files of at most "
             "1 MiB")] == [(where, message) for where, message, _ in _problems(
        lambda: read_config(path))]
    assert find_config(tmp_path) is None


# --- source-roots ----------------------------------------------------------------------------


def _config(folder: Path, roots: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[tool.argmap]\nseverity = "info"\nsource-roots = {roots}\n',
                    encoding="utf-8")
    return path


def test_source_roots_inside_the_config_folder(tmp_path: Path) -> None:
    """Relative to the pyproject.toml's folder (or absolute inside it), resolved."""
    (tmp_path / "texts" / "more").mkdir(parents=True)
    path = _config(tmp_path, f'["texts", "{tmp_path / "texts" / "more"}", "."]')
    assert (tmp_path.resolve() / "texts", tmp_path.resolve() / "texts" / "more",
            tmp_path.resolve()) == read_config(path).source_roots


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
             "resolved)")] == _problems(lambda: read_config(path))


def test_a_source_root_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    """A typo in a root is an error, located at the setting."""
    path = _config(tmp_path, '["textz"]')
    assert [(f"{path}:3:1", "source-roots: 'textz' is not a folder",
             "paths are relative to the pyproject.toml")] == _problems(
        lambda: read_config(path))


def test_a_source_root_with_a_nul_is_refused(tmp_path: Path) -> None:
    """A NUL (TOML's \\u0000) cannot be in a path: a located error, not a ValueError
    escaping as a traceback with exit code 1 (which CI reads as findings)."""
    path = _config(tmp_path, '["texts\\u0000"]')
    assert [(f"{path}:3:1", "source-roots: 'texts\\x00' is not a folder",
             "paths are relative to the pyproject.toml")] == _problems(
        lambda: read_config(path))


def test_source_roots_must_be_a_list_of_folders(tmp_path: Path) -> None:
    """Anything but a list of strings is an error located at the setting."""
    path = _config(tmp_path, '"texts"')
    assert [(f"{path}:3:1", "source-roots must be a list of folders",
             "paths are relative to the pyproject.toml")] == _problems(lambda: read_config(path))


def test_source_roots_are_capped_and_each_kept_once(tmp_path: Path) -> None:
    """Every source text is tested against every root: "." listed 100,000 times held a
    check of 2,000 sources for over five minutes. MAX_SOURCE_ROOTS entries are read, each
    folder once; one more is a located error."""
    path = _config(tmp_path, "[" + ", ".join(['"."'] * MAX_SOURCE_ROOTS) + "]")
    assert (tmp_path.resolve(),) == read_config(path).source_roots
    path = _config(tmp_path, "[" + ", ".join(['"."'] * (MAX_SOURCE_ROOTS + 1)) + "]")
    assert [(f"{path}:3:1", "source-roots lists 101 folders; argmap reads at most 100",
             "list the folders that hold the source texts; a folder's own folders are "
             "inside it")] == _problems(lambda: read_config(path))


def test_per_file_ignores_are_capped(tmp_path: Path) -> None:
    """Every map is matched against every glob (25,000 took 9 s for 50 maps):
    MAX_PER_FILE_IGNORES globs are read; one more is a located error."""
    def globs(count: int) -> str:
        return "[per-file-ignores]\n" + "".join(f'"a{i}/*.yaml" = ["orphan-node"]\n'
                                                 for i in range(count))

    path = tmp_path / "argmap.toml"
    path.write_text(globs(MAX_PER_FILE_IGNORES), encoding="utf-8")
    assert MAX_PER_FILE_IGNORES == len(read_config(path).per_file_ignores)
    path.write_text(globs(MAX_PER_FILE_IGNORES + 1), encoding="utf-8")
    assert [(f"{path}:1:1", "per-file-ignores has 1,001 globs; argmap reads at most 1,000",
             "one glob can match many files: `*` matches any part of a name")] == _problems(
        lambda: read_config(path))


def test_rule_lists_keep_each_rule_once(tmp_path: Path) -> None:
    """A list of rules is copied into every map's settings: `ignore` holding one rule
    30,000 times took 170 MB and 4 s for 300 maps. Each list keeps each rule once, in
    order, and so do the settings merged with a map's `check:` block."""
    many = ", ".join(['"orphan-node", "ungrounded"'] * 4_000)  # under 1 MiB in all
    path = tmp_path / "argmap.toml"
    path.write_text(f"select = [{many}]\nignore = [{many}]\nextend-select = [{many}]\n",
                    encoding="utf-8")
    settings = read_config(path)
    assert [("orphan-node", "ungrounded")] * 3 == [
        settings.select, settings.ignore, settings.extend_select]
    block = ", ".join(["ungrounded", "self-support"] * 1_000)
    write_map(tmp_path, "m.yaml", f"argmap: 1\ntitle: T\ncheck: {{ignore: [{block}]}}\n"
              "nodes: []\n")
    _, per_map = resolve(load_set([tmp_path / "m.yaml"]), settings, Overrides())
    assert ("orphan-node", "ungrounded", "self-support") == per_map["m"].ignore


def test_a_select_of_no_rule_is_refused(tmp_path: Path) -> None:
    """`select = []` would run no check and pass (as `--select ""` would): a located error
    that says how to run the default rules or only opt-in ones."""
    path = tmp_path / "argmap.toml"
    path.write_text('severity = "info"\nselect = []\n', encoding="utf-8")
    assert [(f"{path}:2:1", "select names no rule: no check would run",
             "list rule ids (`argmap rules` lists them), or leave select out to run the "
             "default rules; to run only opt-in rules, use extend-select")] == _problems(
        lambda: read_config(path))


def test_an_unknown_setting_gets_the_closest_known_one(tmp_path: Path) -> None:
    """A misspelt setting is located, with the setting it is closest to."""
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.argmap]\nsource-root = []\n", encoding="utf-8")
    assert [(f"{path}:2:1", "unknown setting 'source-root' in [tool.argmap]",
             "did you mean 'source-roots'?")] == _problems(lambda: read_config(path))


def test_a_config_that_is_not_utf8_is_a_located_error_in_argmaps_words(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 give the position and the byte, not Python's codec message."""
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b'[tool.argmap]\nselect = ["\xff"]\n')
    with pytest.raises(LoadError) as caught:
        read_config(path)
    [problem] = caught.value.problems
    assert (2, 12, "encoding") == (problem.location.line, problem.location.col, problem.code)
    assert "codec" not in problem.message
    assert "not valid UTF-8 (byte 0xff)" == problem.message


# --- argmap.toml, .argmap.toml and pyproject.toml -------------------------------------------


def test_argmap_toml_holds_the_settings_at_its_top_level(tmp_path: Path) -> None:
    """argmap.toml (like ruff.toml) has the keys of [tool.argmap] without the table."""
    path = tmp_path / "argmap.toml"
    path.write_text('select = ["orphan-node"]\nseverity = "warning"\nfail-on = "error"\n',
                    encoding="utf-8")
    assert Settings(("orphan-node",), (), Severity.WARNING, fail_on=Severity.ERROR) \
        == read_config(path)


def test_any_file_not_named_pyproject_is_read_at_its_top_level(tmp_path: Path) -> None:
    """`--config ci.toml` reads ci.toml as an argmap.toml."""
    path = tmp_path / "ci.toml"
    path.write_text('ignore = ["ungrounded"]\n', encoding="utf-8")
    assert Settings(ignore=("ungrounded",)) == read_config(path)


@pytest.mark.parametrize(("present", "found"), [
    (("argmap.toml", ".argmap.toml", "pyproject.toml"), "argmap.toml"),
    ((".argmap.toml", "pyproject.toml"), ".argmap.toml"),
    (("pyproject.toml",), "pyproject.toml"),
])
def test_in_one_folder_argmap_toml_wins_then_the_hidden_one_then_pyproject(
        tmp_path: Path, present: tuple[str, ...], found: str) -> None:
    """ruff's order: argmap.toml, .argmap.toml, pyproject.toml with [tool.argmap]."""
    for name in present:
        text = "[tool.argmap]\n" if name == "pyproject.toml" else ""
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert tmp_path / found == find_config(tmp_path / "maps" / "m.yaml")


def test_the_nearest_folder_wins(tmp_path: Path) -> None:
    """A pyproject.toml with [tool.argmap] in the maps' folder wins over an argmap.toml above."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "pyproject.toml").write_text("[tool.argmap]\n", encoding="utf-8")
    assert tmp_path / "maps" / "pyproject.toml" == find_config(tmp_path / "maps")


def test_a_pyproject_without_argmap_settings_is_passed_over(tmp_path: Path) -> None:
    """Another tool's pyproject.toml below is not argmap's: the argmap.toml above is found."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "pyproject.toml").write_text("[tool.ruff]\n", encoding="utf-8")
    assert tmp_path / "argmap.toml" == find_config(tmp_path / "maps")


def test_an_argmap_toml_is_used_whatever_it_holds(tmp_path: Path) -> None:
    """An argmap.toml is argmap's own: found even when it is broken, so that its error is
    reported instead of being passed over in silence."""
    path = tmp_path / "argmap.toml"
    path.write_text("select = []\nfail-on = \n", encoding="utf-8")
    assert path == find_config(tmp_path)
    assert [(f"{path}:2:11", "invalid TOML: Invalid value (at line 2, column 11)", None)] \
        == _problems(lambda: read_config(path))


def test_a_toml_error_at_the_end_is_located_there(tmp_path: Path) -> None:
    """A list left open runs to the end of the file, where tomllib says "at end of
    document" and no line: the error is at the end of the last line, not at 1:1."""
    path = tmp_path / "argmap.toml"
    path.write_text('fail-on = "error"\nignore = [\n  "orphan-node",\n', encoding="utf-8")
    assert [(f"{path}:3:17", "invalid TOML: Invalid value (at end of document)", None)] \
        == _problems(lambda: read_config(path))




def test_a_severity_near_one_gets_it(tmp_path: Path) -> None:
    """`severity = "warn"` gets "did you mean 'warning'?"."""
    path = tmp_path / "argmap.toml"
    path.write_text('severity = "warn"\n', encoding="utf-8")
    assert [(f"{path}:1:1", "severity must be one of info, warning, error; found 'warn'",
             "did you mean 'warning'?")] == _problems(lambda: read_config(path))


@pytest.mark.parametrize(("text", "key", "hint"), [
    ('[argmap]\nseverity = "warning"\n', "argmap",
     "this file holds the settings at its top level: remove the [argmap] line (in "
     "pyproject.toml they go under [tool.argmap])"),
    ('[tool.argmap]\nselect = ["orphan-node"]\n', "tool",
     "this file holds the settings of [tool.argmap] at its top level: remove the "
     "[tool.argmap] line"),
], ids=["argmap", "tool.argmap"])
def test_a_table_of_settings_in_argmap_toml_is_explained(tmp_path: Path, text: str, key: str,
                                                         hint: str) -> None:
    """An [argmap] table, or a [tool.argmap] table copied from pyproject.toml, in
    argmap.toml (whose settings are at its top level) says what to do."""
    path = tmp_path / "argmap.toml"
    path.write_text(text, encoding="utf-8")
    assert [(f"{path}:1:1", f"unknown setting '{key}' in argmap.toml", hint)] == _problems(
        lambda: read_config(path))


def test_source_roots_are_relative_to_the_argmap_toml(tmp_path: Path) -> None:
    """source-roots works in argmap.toml as in pyproject.toml, confined to its folder."""
    (tmp_path / "texts").mkdir()
    path = tmp_path / "argmap.toml"
    path.write_text('source-roots = ["texts", ".."]\n', encoding="utf-8")
    assert [(f"{path}:1:1", f"source-roots: '..' is outside {tmp_path.resolve()}",
             "a source root must be a folder inside the argmap.toml's folder (links "
             "resolved)")] == _problems(lambda: read_config(path))


# --- fail-on, rule-severity, per-file-ignores -----------------------------------------------


def test_rule_severity_and_per_file_ignores_are_read(tmp_path: Path) -> None:
    """rule-severity maps rule ids to severities; per-file-ignores globs to rule ids, each
    glob relative to the configuration's folder."""
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.argmap]\nfail-on = "warning"\n\n[tool.argmap.rule-severity]\n'
                    'unsupported-claim = "error"\n\n[tool.argmap.per-file-ignores]\n'
                    '"drafts/*" = ["orphan-node", "ungrounded"]\n', encoding="utf-8")
    settings = read_config(path)
    assert (Severity.WARNING, {"unsupported-claim": Severity.ERROR},
            (PathIgnore(tmp_path.resolve(), "drafts/*", ("orphan-node", "ungrounded")),)) == (
        settings.fail_on, settings.rule_severity, settings.per_file_ignores)


MISTAKES = """\
[tool.ruff.lint]
select = ["E"]
severity = "no"

[tool.argmap]
select = ["unsuported-claim"]
fail-on = "errors"
rule-severity = {orphan-nod = "warning", ungrounded = "fatal"}

[tool.argmap.per-file-ignores]
"drafts/*.yaml" = ["self-suport"]
"old.yaml" = "orphan-node"
"""


def test_every_mistake_is_located_in_one_error(tmp_path: Path) -> None:
    """Unknown rule ids (with the closest known one), wrong severities and wrong types, each
    at its line in [tool.argmap] (not at the same key of another tool's table above)."""
    path = tmp_path / "pyproject.toml"
    path.write_text(MISTAKES, encoding="utf-8")
    assert [
        (f"{path}:6:1", "unknown rule 'unsuported-claim' in select",
         "did you mean 'unsupported-claim'?"),
        (f"{path}:7:1", "fail-on must be one of info, warning, error; found 'errors'",
         "did you mean 'error'?"),
        (f"{path}:8:1", "rule-severity.ungrounded must be one of info, warning, error; found "
         "'fatal'", None),
        (f"{path}:8:1", "unknown rule 'orphan-nod' in rule-severity",
         "did you mean 'orphan-node'?"),
        (f"{path}:11:1", "unknown rule 'self-suport' in per-file-ignores.drafts/*.yaml",
         "did you mean 'self-support'?"),
        (f"{path}:12:1", "per-file-ignores.old.yaml must be a list of rule ids",
         'for example ["orphan-node"]; `argmap rules` lists them'),
    ] == _problems(lambda: read_config(path))


def test_tables_must_be_tables(tmp_path: Path) -> None:
    """rule-severity and per-file-ignores given as something else are located errors."""
    path = tmp_path / "argmap.toml"
    path.write_text('rule-severity = "error"\nper-file-ignores = []\n', encoding="utf-8")
    assert [(f"{path}:1:1", "rule-severity must be a table",
             "write it as [rule-severity] with one entry a line"),
            (f"{path}:2:1", "per-file-ignores must be a table",
             "write it as [per-file-ignores] with one entry a line")] == _problems(
        lambda: read_config(path))


def _two_maps(tmp_path: Path) -> MapSet:
    for folder in ("drafts", "final"):
        write_map(tmp_path / folder, f"{folder}.yaml",
                  "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n")
    return load_set([tmp_path / "drafts", tmp_path / "final"])


@pytest.mark.parametrize(("pattern", "skipped"), [
    ("drafts/*", {"drafts"}), ("*/*.yaml", {"drafts", "final"}), ("final.yaml", {"final"}),
    ("*.yaml", {"drafts", "final"}), ("other/*", set()), ("drafts", set()),
])
def test_per_file_ignores_skip_rules_for_the_maps_they_match(
        tmp_path: Path, pattern: str, skipped: set[str]) -> None:
    """A glob with a `/` matches the path relative to the configuration's folder, one without
    the file name; the rules are skipped for those maps only."""
    maps = _two_maps(tmp_path)
    settings = Settings(per_file_ignores=(PathIgnore(tmp_path.resolve(), pattern,
                                                     ("orphan-node",)),))
    overall, per_map = resolve(maps, settings, Overrides())
    assert skipped == {name for name in ("drafts", "final")
                       if not per_map.get(name, overall).enabled("orphan-node")}


def test_extend_select_adds_up_across_the_configuration_and_the_command_line(
        tmp_path: Path) -> None:
    """extend-select of argmap.toml and --extend-select both count; a misspelt rule in the
    file is located with a suggestion."""
    path = tmp_path / "argmap.toml"
    path.write_text('extend-select = ["unanswered-critical-question"]\n', encoding="utf-8")
    settings = read_config(path)
    assert ("unanswered-critical-question",) == settings.extend_select
    overall, _ = resolve(_two_maps(tmp_path), settings, Overrides(
        select=("orphan-node",), extend_select=("ungrounded",)))
    assert {"orphan-node", "ungrounded", "unanswered-critical-question"} == {
        r for r in RULES if overall.enabled(r)}
    path.write_text('extend-select = ["orphan-nodes"]\n', encoding="utf-8")
    assert [(f"{path}:1:1", "unknown rule 'orphan-nodes' in extend-select",
             "did you mean 'orphan-node'?")] == _problems(lambda: read_config(path))


def test_per_file_ignores_hold_even_against_select_on_the_command_line(tmp_path: Path) -> None:
    """As in ruff, `--select` does not bring back a rule a map's per-file-ignores skip."""
    maps = _two_maps(tmp_path)
    settings = Settings(per_file_ignores=(PathIgnore(tmp_path.resolve(), "drafts/*",
                                                     ("orphan-node",)),))
    overall, per_map = resolve(maps, settings, Overrides(select=("orphan-node",)))
    assert (False, True, False) == (per_map["drafts"].enabled("orphan-node"),
                                    overall.enabled("orphan-node"), "final" in per_map)


def test_a_misspelt_rule_in_a_maps_check_block_gets_a_suggestion(tmp_path: Path) -> None:
    """check.ignore of a map: located, with the closest rule id."""
    path = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\ncheck:\n  ignore: [orphan-nodes]\n")
    assert [(f"{path}:4:12", "unknown rule 'orphan-nodes' in check.ignore",
             "did you mean 'orphan-node'?")] == _problems(
        lambda: resolve(load_set([path]), None, Overrides()))


def test_the_command_line_fail_on_wins(tmp_path: Path) -> None:
    """--fail-on replaces the configuration's fail-on."""
    maps = _two_maps(tmp_path)
    overall, _ = resolve(maps, Settings(fail_on=Severity.ERROR),
                         Overrides(fail_on=Severity.WARNING))
    assert Severity.WARNING == overall.fail_on


def test_a_flood_of_mistakes_is_cut_short(tmp_path: Path) -> None:
    """50,000 unknown rule ids and 20,000 lines of unknown rules (a stranger's pull request):
    at most MAX_PROBLEMS problems, the last saying the rest were not shown, found in one pass
    over the lines (the timeout only catches a hang)."""
    path = tmp_path / "argmap.toml"
    path.write_text("select = [" + ", ".join(f'"r{i}"' for i in range(50_000)) + "]\n"
                    "[rule-severity]\n" + "".join(f'x{i} = "error"\n' for i in range(20_000)),
                    encoding="utf-8")
    problems = _problems(lambda: read_config(path))
    assert (MAX_PROBLEMS + 1, (f"{path}:1:1", "unknown rule 'r0' in select", "known rules: "
                               + ", ".join(RULES))) == (len(problems), problems[0])
    assert "stopped after 200 problems in this file" == problems[-1][1]


def test_a_maps_check_block_of_many_unknown_rules_is_cut_short(tmp_path: Path) -> None:
    """A map's check.select of 5,000 unknown ids: MAX_PROBLEMS problems and a last one."""
    ids = ", ".join(f"r{i}" for i in range(5000))
    path = write_map(tmp_path, "m.yaml", f"argmap: 1\ntitle: T\ncheck:\n  select: [{ids}]\n")
    problems = _problems(lambda: resolve(load_set([path]), None, Overrides()))
    assert (MAX_PROBLEMS + 1, 1) == (len(problems), [message for _, message, _ in problems]
                                     .count("stopped after 200 problems in this file"))


_TOML_AFTER_CHECK = """
import os, sys
import argmap.cli

def exit_(code, real=os._exit):
    sys.stdout.flush()
    print('tomllib' in sys.modules, file=sys.stderr)
    sys.stderr.flush()
    real(code)

os._exit = exit_
sys.argv = ['argmap', 'check', '--format', 'json', *sys.argv[1:]]
argmap.cli.main()
"""


@pytest.mark.parametrize(("config", "expected"), [(None, "False"), ("argmap.toml", "True")])
def test_tomllib_is_imported_only_to_read_a_configuration(tmp_path: Path, config: str | None,
                                                           expected: str) -> None:
    """A check of a map with no configuration file above it does not import tomllib (1.5 ms
    of a start); one with a configuration reads it."""
    files = {config: "select = ['unsupported-claim']\n"} if config else {}
    path = write_map(tmp_path / "maps", "m.yaml",
                     "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n",
                     files)
    assert (None if config is None else path.parent / config) == find_config(path.parent)
    done = subprocess.run([sys.executable, "-c", _TOML_AFTER_CHECK, str(path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert (1, f"{expected}\n") == (done.returncode, done.stderr)


def _linked_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Path:
    """A folder of maps whose configuration file ``name`` is a link to a TOML file outside
    it (and outside the working directory); the folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "creds.toml").write_text(
        'severity = "TOPSECRET"\nselect = ["LEAKED"]\n[tool.argmap]\nseverity = "TOPSECRET"\n'
        '[private]\nx = 1\n', encoding="utf-8")
    folder = tmp_path / "repo"
    write_map(folder, "m.yaml", "argmap: 1\ntitle: T\nnodes: []\n")
    (folder / name).symlink_to(outside / "creds.toml")
    monkeypatch.chdir(folder)
    return folder


def test_a_config_linked_out_of_the_tree_is_refused_unread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An argmap.toml that is a link to a TOML file outside its folder and the working
    directory was read, and its errors printed its values ("found 'TOPSECRET'", its keys):
    it is a located error that says where it leads, never what it holds (exit code 2)."""
    folder = _linked_out(tmp_path, monkeypatch, "argmap.toml")
    assert [(f"{folder / 'argmap.toml'}:1:1",
             "leads outside the folders argmap reads configuration files from (links "
             "resolved)", "a configuration file must be, links resolved, inside its own "
             "folder or the working directory")] == _problems(
        lambda: read_config(folder / "argmap.toml"))
    result = CliRunner().invoke(app, ["check", str(folder)])
    assert (2, False, False, False) == (
        result.exit_code, "TOPSECRET" in result.output, "LEAKED" in result.output,
        "private" in result.output)


def test_a_pyproject_linked_out_of_the_tree_is_passed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by walking up, a pyproject.toml that is a link out of the tree is passed over
    like one that cannot be read (it may be another tool's): the maps are checked without
    its settings."""
    folder = _linked_out(tmp_path, monkeypatch, "pyproject.toml")
    assert find_config(folder) is None


def test_a_config_linked_within_the_tree_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A link to a configuration inside the working directory is read as before."""
    folder = tmp_path / "repo"
    (folder / "shared").mkdir(parents=True)
    (folder / "shared" / "argmap.toml").write_text('severity = "error"\n', encoding="utf-8")
    write_map(folder / "maps", "m.yaml", "argmap: 1\ntitle: T\nnodes: []\n")
    (folder / "maps" / "argmap.toml").symlink_to(folder / "shared" / "argmap.toml")
    monkeypatch.chdir(folder)
    assert Severity.ERROR == read_config(folder / "maps" / "argmap.toml").severity
