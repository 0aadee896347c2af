"""Tests of argmap.checkrun: each map checked under the nearest configuration above its file
(two folders, two configurations), `--config` and `--no-config` for every map, each
configuration's fail-on for its own maps, every configuration's mistakes in one report."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from argmap import checkrun, config
from argmap.checks import Settings
from argmap.cli import app
from argmap.config import Overrides
from argmap.errors import LoadError, Severity
from argmap.loading.loader import load_set

from .helpers import write_map

runner = CliRunner()

#: A map of one claim nothing supports: an orphan-node and an unsupported-claim warning.
LONE = "argmap: 1\ntitle: {title}\nnodes:\n  - id: lone\n    kind: claim\n    text: A claim.\n"


def run(*args: str, stdin: str | None = None) -> Result:
    """`argmap ARGS...`."""
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Folders a/ and b/ of one map each, each with its own argmap.toml: a/ fails only on
    errors, b/ makes unsupported claims errors."""
    write_map(tmp_path / "a", "m.yaml", LONE.format(title="A"),
              {"argmap.toml": 'fail-on = "error"\n'})
    write_map(tmp_path / "b", "n.yaml", LONE.format(title="B"),
              {"argmap.toml": '[rule-severity]\nunsupported-claim = "error"\n'})
    monkeypatch.chdir(tmp_path)
    return tmp_path


A_FINDINGS = ["a/m.yaml:4:9: warning: claim 'lone' is not connected to the argument "
              "[orphan-node]",
              "a/m.yaml:4:9: warning: claim 'lone' has no support [unsupported-claim]"]
B_FINDINGS = ["b/n.yaml:4:9: warning: claim 'lone' is not connected to the argument "
              "[orphan-node]",
              "b/n.yaml:4:9: error: claim 'lone' has no support [unsupported-claim]"]


@pytest.mark.parametrize("order", [("a/", "b/"), ("b/", "a/")], ids=["a-first", "b-first"])
def test_each_folder_uses_its_own_configuration(two: Path, order: tuple[str, ...]) -> None:
    """b/'s rule-severity applies to b/'s map only, whichever path comes first (it was the
    first path's configuration for every map)."""
    result = run("check", "-q", *order)
    assert (1, A_FINDINGS + B_FINDINGS) == (result.exit_code, result.stdout.splitlines())


def test_fail_on_is_each_maps_configurations(two: Path) -> None:
    """a/ fails only on errors: its warnings alone pass; b/'s error fails the run; with
    b/'s map clean the run passes although a/'s warnings are shown."""
    assert [0, 1] == [run("check", "a/").exit_code, run("check", "a/", "b/").exit_code]
    (two / "b" / "argmap.toml").write_text('ignore = ["unsupported-claim", "orphan-node"]\n',
                                           encoding="utf-8")
    both = run("check", "-q", "b/", "a/")
    assert (0, A_FINDINGS) == (both.exit_code, both.stdout.splitlines())


def test_config_and_no_config_apply_to_every_map(two: Path) -> None:
    """--config names the one file of every map; --no-config gives every map the
    defaults."""
    named = run("check", "-q", "a/", "b/", "--config", "b/argmap.toml")
    assert [p.replace("b/n.yaml", "a/m.yaml") for p in B_FINDINGS] + B_FINDINGS \
        == named.stdout.splitlines()
    plain = run("check", "-q", "a/", "b/", "--no-config")
    assert A_FINDINGS + [p.replace("error", "warning") for p in B_FINDINGS] \
        == plain.stdout.splitlines()


def test_a_map_with_no_configuration_above_it_gets_the_defaults(two: Path) -> None:
    """A folder without a configuration beside a configured one: its map is checked with
    the defaults, not with the other folder's file."""
    write_map(two / "c", "o.yaml", LONE.format(title="C"))
    result = run("check", "-q", "b/", "c/")
    assert B_FINDINGS + [p.replace("b/n.yaml", "c/o.yaml").replace("error", "warning")
                         for p in B_FINDINGS] == result.stdout.splitlines()


def test_the_nearest_configuration_wins_over_one_further_up(two: Path) -> None:
    """A map in a/sub/ with no file of its own uses a/'s argmap.toml (its warnings do not
    fail), and its own once it has one."""
    write_map(two / "a" / "sub", "s.yaml", LONE.format(title="S"))
    assert 0 == run("check", "a/sub/").exit_code
    (two / "a" / "sub" / ".argmap.toml").write_text('ignore = ["unsupported-claim"]\n',
                                                    encoding="utf-8")
    assert ["a/sub/s.yaml:4:9: warning: claim 'lone' is not connected to the argument "
            "[orphan-node]"] == run("check", "-q", "a/sub/").stdout.splitlines()


def test_every_configurations_mistakes_in_one_report(two: Path) -> None:
    """Both folders' files mistaken: both are located load errors of one run (exit 2)."""
    (two / "a" / "argmap.toml").write_text('ignore = ["orphan-nodes"]\n', encoding="utf-8")
    (two / "b" / "argmap.toml").write_text('severity = "loud"\n', encoding="utf-8")
    result = run("check", "-q", "a/", "b/")
    assert (2, ["a/argmap.toml:1:1: error: unknown rule 'orphan-nodes' in ignore [config]",
                "b/argmap.toml:1:1: error: severity must be one of info, warning, error; "
                "found 'loud' [config]"]) == (result.exit_code, result.stdout.splitlines())


def test_each_folder_is_looked_up_and_each_file_read_once(two: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Three maps in a/, two in b/: two look-ups, two files read, two groups in the order
    of their first map."""
    for name in ("x", "y"):
        write_map(two / "a", f"{name}.yaml", LONE.format(title=name))
    write_map(two / "b", "z.yaml", LONE.format(title="Z"))
    found: list[Path] = []
    read: list[Path] = []
    real_find, real_read = config.find_config, config.read_config
    monkeypatch.setattr(checkrun, "find_config",
                        lambda p, cache=None: found.append(p) or real_find(p, cache))
    monkeypatch.setattr(checkrun, "read_config", lambda p: read.append(p) or real_read(p))
    groups = checkrun.configurations(load_set([Path("b"), Path("a")]))
    assert ([Path("b"), Path("a")], [Path("b/argmap.toml"), Path("a/argmap.toml")],
            [["n", "z"], ["m", "x", "y"]]) == (
        [p.relative_to(two) for p in found], read,
        [sorted(m.name for m in g.maps) for g in groups])


def test_nested_folders_parse_each_pyproject_once(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Maps in folders one inside the other, each with another tool's pyproject.toml:
    each lookup walked up through every folder above and parsed each pyproject.toml
    again (150 folders: 11,000 parses, 35 s). Each file is parsed once a run, and each
    map still gets the nearest configuration (the argmap.toml at the top)."""
    folder = tmp_path
    (folder / "argmap.toml").write_text('severity = "warning"\n', encoding="utf-8")
    for depth in range(30):
        folder = folder / "d"
        write_map(folder, f"m{depth}.yaml", LONE.format(title=depth),
                  files={"pyproject.toml": "[tool.other]\nx = 1\n"})
    parsed: list[Path] = []
    real = config._parse
    monkeypatch.setattr(config, "_parse", lambda p: parsed.append(p) or real(p))
    found = checkrun.found_configs(load_set(sorted(tmp_path.rglob("m*.yaml"))))
    assert (30, 30, {tmp_path / "argmap.toml"}) == (
        len(parsed), len(set(parsed)), {path for _, path in found})


def test_a_cross_map_finding_is_reported_under_each_maps_configuration(two: Path) -> None:
    """The maps of other configurations are in every run (their nodes resolve references),
    and each finding is reported once, by its own map's run."""
    maps = load_set([Path("a"), Path("b")])
    groups = checkrun.configurations(maps)
    ran = checkrun.run(maps, groups, Overrides())
    assert ([("a/m.yaml", "orphan-node"), ("a/m.yaml", "unsupported-claim"),
             ("b/n.yaml", "orphan-node"), ("b/n.yaml", "unsupported-claim")],
            {"a/m.yaml": Severity.ERROR, "b/n.yaml": None}) == (
        [(p.location.path, p.code) for p in ran.result.findings], ran.fail_on)
    assert (False, True) == (ran.failed(ran.result.findings[:2]),
                             ran.failed(ran.result.findings[2:]))


def test_source_roots_of_every_configuration_apply_to_the_run(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """The one documented exception: a's source-roots let b's map read a text under a's
    root in a run of both; b checked alone may not (outside its tree)."""
    text = "    text: ../a/corpus/t.txt\n"
    mapped = ("argmap: 1\ntitle: B\nsources:\n  - id: s\n    title: S\n" + text
              + "nodes:\n  - id: e\n    kind: evidence\n    text: E.\n    source: s\n"
              "    quote: the quoted words\n")
    write_map(tmp_path / "p" / "a", "m.yaml", LONE.format(title="A"),
              {"argmap.toml": 'source-roots = ["corpus"]\n'})
    write_map(tmp_path / "p" / "a" / "corpus", "t.txt", "the quoted words\n")
    write_map(tmp_path / "p" / "b", "n.yaml", mapped)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    both = run("check", "-q", "--select", "quote-not-found", "../p/a", "../p/b")
    alone = run("check", "-q", "--select", "quote-not-found", "../p/b")
    assert ((0, ""), 2) == ((both.exit_code, both.stdout), alone.exit_code)
    assert "[source-outside-tree]" in alone.stdout


def test_a_map_on_stdin_uses_the_working_directorys_configuration(two: Path) -> None:
    """`-` has no folder: the configuration found from the working directory applies."""
    (two / "argmap.toml").write_text('ignore = ["orphan-node"]\n', encoding="utf-8")
    result = run("check", "-q", "-", stdin=LONE.format(title="In"))
    assert ["<stdin>:4:9: warning: claim 'lone' has no support [unsupported-claim]"] \
        == result.stdout.splitlines()


def test_one_group_checks_as_one_run(two: Path) -> None:
    """A single configuration is one run of the rules, its result the checker's own."""
    maps = load_set([Path("b")])
    groups = checkrun.configurations(maps)
    ran = checkrun.run(maps, groups, Overrides(fail_on=Severity.WARNING))
    assert ([(Path("b/argmap.toml"), Settings(rule_severity={
        "unsupported-claim": Severity.ERROR}))], {}, Severity.WARNING) == (
        [(g.config, g.settings) for g in groups], ran.fail_on, ran.default)


def test_no_configuration_mistake_is_lost(two: Path) -> None:
    """configurations() raises one LoadError holding both files' problems."""
    (two / "a" / "argmap.toml").write_text("x = 1\n", encoding="utf-8")
    (two / "b" / "argmap.toml").write_text("y = 1\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        checkrun.configurations(load_set([Path("a"), Path("b")]))
    assert ["a/argmap.toml:1:1", "b/argmap.toml:1:1"] == [
        str(p.location) for p in caught.value.problems]


def test_files_that_say_the_same_share_one_run(two: Path) -> None:
    """a/ and c/ hold copies of one file, d/ an empty one (the defaults, as e/ without
    any): three groups, not five."""
    write_map(two / "c", "o.yaml", LONE.format(title="C"),
              {"argmap.toml": 'fail-on = "error"\n'})
    write_map(two / "d", "p.yaml", LONE.format(title="D"), {"argmap.toml": ""})
    write_map(two / "e", "q.yaml", LONE.format(title="E"))
    groups = checkrun.configurations(load_set([Path(f) for f in "abcde"]))
    assert [(Path("a/argmap.toml"), ["m", "o"]), (Path("b/argmap.toml"), ["n"]),
            (Path("d/argmap.toml"), ["p", "q"])] == [
        (g.config, [m.name for m in g.maps]) for g in groups]


def test_configurations_of_one_run_are_capped(two: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond MAX_CONFIGURATIONS different configurations the run is refused with what to
    do (the rules run once for each, over every map); --config is one."""
    monkeypatch.setattr(checkrun, "MAX_CONFIGURATIONS", 1)
    result = run("check", "a/", "b/")
    assert (2, "argmap: error: the maps given have 2 different configurations; one run "
            "checks maps of at most 1 (the rules run once for each): check fewer folders at "
            "a time, or name one configuration with --config\n") == (result.exit_code,
                                                                      result.stderr)
    # (a/'s file fails on errors only: the warnings pass.)
    assert 0 == run("check", "a/", "b/", "--config", "a/argmap.toml").exit_code
    monkeypatch.setattr(checkrun, "MAX_CONFIGURATIONS", 2)
    assert 1 == run("check", "a/", "b/").exit_code


def test_declared_inputs_are_found_without_loading(tmp_path: Path) -> None:
    """The inputs of a run whose maps failed: every map of the folder, the source texts of
    those whose YAML parses (valid maps or not), and the configuration above; a map that
    does not parse names none."""
    folder = tmp_path / "maps"
    write_map(folder, "a.yaml", "argmap: 1\ntitle: A\nsources:\n  - id: s\n    text: a.txt\n"
              "  - {id: t, text: [x]}\nnodes: nope\n")
    write_map(folder, "b.yml", "argmap: 1\ntitle: [\n")
    (folder / "argmap.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert [folder / "a.yaml", folder / "a.txt", folder / "b.yml",
            folder / "argmap.toml"] == checkrun.declared_inputs([folder / "b.yml"])
