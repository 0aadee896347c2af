"""Tests of `argmap check`'s reviewer controls through the command line (typer's CliRunner):
--fail-on, configuration files, per-rule severities and per-file ignores, baselines,
--quiet, --statistics, --output (and its old spelling --output-file), a map on standard
input, rule-id suggestions, --changed-files (the pre-commit hook); and `argmap validate`'s
--format and --output."""

from __future__ import annotations

import json
import os
import pty
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from argmap.cli import app
from argmap.loading.source import parse

from .helpers import ROOT, write_map

runner = CliRunner()

#: A project whose map is the first encoding of the flagship article (before its sceptical
#: re-reading, issue #11): a stable map whose only findings are four unsupported claims
#: keeps these tests about the controls, not about the flagship's content.
PROJECT = ROOT / "tests" / "fixtures" / "project"
PROJECT_MAP = PROJECT / "arguments" / "pakistan-afghanistan.yaml"

#: The four unsupported claims of that map, as --quiet prints them.
FLAGSHIP_FINDINGS = [
    "arguments/pakistan-afghanistan.yaml:338:9: warning: claim "
    "'mediators-need-trust-of-both-sides' has no support [unsupported-claim]",
    "arguments/pakistan-afghanistan.yaml:693:9: warning: claim "
    "'security-environment-partly-self-made' has no support [unsupported-claim]",
    "arguments/pakistan-afghanistan.yaml:773:9: warning: claim 'realism-not-surrender' has no "
    "support [unsupported-claim]",
    "arguments/pakistan-afghanistan.yaml:834:9: warning: claim 'stability-beyond-zero-sum' has "
    "no support [unsupported-claim]",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of PROJECT (the map and its source text), as the working directory."""
    shutil.copytree(PROJECT / "arguments", tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    """`argmap ARGS...`."""
    return runner.invoke(app, list(args), input=stdin)


def test_fail_on_shows_warnings_but_fails_only_on_errors(project: Path) -> None:
    """--fail-on error: the four warnings are printed, and the exit code is 0."""
    shown = run("check", "arguments/", "--fail-on", "error", "-q")
    assert (0, FLAGSHIP_FINDINGS) == (shown.exit_code, shown.stdout.splitlines())
    assert 1 == run("check", "arguments/", "--fail-on", "warning").exit_code


def test_without_fail_on_anything_shown_fails_as_before(project: Path) -> None:
    """Today's behaviour stays: --severity alone decides both, and what is not shown does
    not fail even with --fail-on info."""
    assert [1, 0, 0] == [run("check", "arguments/", *args).exit_code for args in (
        (), ("--severity", "error"), ("--severity", "error", "--fail-on", "info"))]


def test_fail_on_and_rule_severity_from_argmap_toml(project: Path) -> None:
    """An argmap.toml beside the maps' folder: unsupported-claim raised to error fails a
    check that fails on errors only; the command line's --fail-on wins over the file's."""
    (project / "argmap.toml").write_text(
        'fail-on = "error"\n\n[rule-severity]\nunsupported-claim = "error"\n', encoding="utf-8")
    raised = run("check", "arguments/", "-q")
    assert (1, [line.replace("warning:", "error:") for line in FLAGSHIP_FINDINGS]) == (
        raised.exit_code, raised.stdout.splitlines())
    (project / "argmap.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert [0, 1] == [run("check", "arguments/", *args).exit_code
                      for args in ((), ("--fail-on", "warning"))]


def test_per_file_ignores_from_pyproject(project: Path) -> None:
    """[tool.argmap.per-file-ignores]: the rule is skipped for the maps the glob matches."""
    (project / "pyproject.toml").write_text(
        '[tool.argmap.per-file-ignores]\n"arguments/*.yaml" = ["unsupported-claim"]\n',
        encoding="utf-8")
    result = run("check", "arguments/")
    assert (0, "No findings (1 map, 58 nodes).\n") == (result.exit_code, result.stdout)
    assert 1 == run("check", "arguments/", "--no-config").exit_code


def test_config_names_any_file_and_a_broken_one_is_located(project: Path) -> None:
    """--config ci.toml is read like an argmap.toml; its mistakes are located load errors of
    the report, in its format (exit 2)."""
    (project / "ci.toml").write_text('ignore = ["unsupported-claim"]\n', encoding="utf-8")
    assert 0 == run("check", "arguments/", "--config", "ci.toml").exit_code
    (project / "ci.toml").write_text('\nignore = ["unsuported-claim"]\n', encoding="utf-8")
    broken = run("check", "arguments/", "--config", "ci.toml")
    assert 2 == broken.exit_code
    assert ("ci.toml:2:1: error: unknown rule 'unsuported-claim' in ignore [config]\n"
            "     2 | ignore = [\"unsuported-claim\"]\n       | ^\n"
            "       hint: did you mean 'unsupported-claim'?\n") in broken.stdout
    as_json = run("check", "arguments/", "--config", "ci.toml", "-f", "json")
    assert (2, [("ci.toml", 2, "config")]) == (as_json.exit_code, [
        (e["path"], e["line"], e["code"]) for e in json.loads(as_json.stdout)["load_errors"]])


@pytest.mark.parametrize(("args", "message"), [
    (("check", "arguments/", "--select", "unsuported-claim"),
     "argmap: error: unknown rule 'unsuported-claim'; did you mean 'unsupported-claim'?\n"),
    (("check", "arguments/", "-i", "orphan-nodes"),
     "argmap: error: unknown rule 'orphan-nodes'; did you mean 'orphan-node'?\n"),
    (("check", "arguments/", "--extend-select", "unanswered-critical-questions"),
     "argmap: error: unknown rule 'unanswered-critical-questions'; did you mean "
     "'unanswered-critical-question'?\n"),
    (("rules", "self-suport"),
     "argmap: error: unknown rule 'self-suport'; did you mean 'self-support'?\n"),
], ids=["select", "ignore", "extend-select", "rules"])
def test_a_misspelt_rule_gets_a_suggestion(project: Path, args: tuple[str, ...],
                                           message: str) -> None:
    """Not the list of every rule: the one meant."""
    result = run(*args)
    assert (2, message) == (result.exit_code, result.stderr)


def test_extend_select_adds_the_opt_in_rule_to_the_default_findings() -> None:
    """--extend-select unanswered-critical-question on the flagship map: every default
    finding, and the opt-in rule's besides (where --select would show the opt-in rule's
    alone)."""
    flagship = str(ROOT / "arguments")
    default = run("check", flagship, "-f", "json")
    extended = run("check", flagship, "-f", "json",
                   "--extend-select", "unanswered-critical-question")
    alone = run("check", flagship, "-f", "json", "--select", "unanswered-critical-question")

    def codes(result: Result) -> list[str]:
        return sorted(f["code"] for f in json.loads(result.stdout)["findings"])

    assert codes(alone), "the project must raise the opt-in rule for this test to mean much"
    assert (1, sorted(codes(default) + codes(alone))) == (extended.exit_code, codes(extended))


# --- baselines ------------------------------------------------------------------------------


def test_a_baseline_reports_only_new_findings(project: Path) -> None:
    """Write the baseline (exit 0 with findings), then only what is new fails: a node added
    above the old findings moves them all, and only the new one is reported."""
    written = run("check", "arguments/", "--write-baseline", "argmap-baseline.json")
    assert (0, "", "argmap: wrote argmap-baseline.json: 4 findings in the baseline\n") == (
        written.exit_code, written.stdout, written.stderr)
    clean = run("check", "arguments/", "--baseline", "argmap-baseline.json")
    assert (0, "No findings (1 map, 58 nodes; 4 in the baseline).\n") == (
        clean.exit_code, clean.stdout)
    path = project / "arguments" / "pakistan-afghanistan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nodes:\n", "nodes:\n  - id: new-claim\n    kind: claim\n"
                                 "    text: New.\n    supports: [move-to-brokered-diplomacy]\n", 1),
                    encoding="utf-8")
    new = run("check", "arguments/", "--baseline", "argmap-baseline.json", "-q")
    assert (1, [f"arguments/pakistan-afghanistan.yaml:{line}:9: warning: claim 'new-claim' has "
                "no support [unsupported-claim]" for line in [text[:text.index("nodes:\n")]
                                                               .count("\n") + 2]]) == (
        new.exit_code, new.stdout.splitlines())


def test_a_baseline_is_the_same_from_another_folder(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking from inside the maps' folder matches the baseline written from the top."""
    run("check", "arguments/", "--write-baseline", "argmap-baseline.json")
    monkeypatch.chdir(project / "arguments")
    assert 0 == run("check", ".", "--baseline", "../argmap-baseline.json").exit_code


def test_write_baseline_writes_over_its_own_file_only(project: Path) -> None:
    """A second run replaces the baseline; a map or someone's JSON is refused before any
    work (exit 2), and the two baseline options together are a usage error."""
    for _ in range(2):
        assert 0 == run("check", "arguments/", "--write-baseline", "b.json").exit_code
    (project / "package.json").write_text('{"name": "x"}\n', encoding="utf-8")
    for target in ("package.json", "arguments/pakistan-afghanistan.yaml"):
        refused = run("check", "arguments/", "--write-baseline", target)
        assert (2, True) == (refused.exit_code, refused.stderr.startswith(
            f"argmap: error: {target}: refusing to write over a"))
    assert '{"name": "x"}\n' == (project / "package.json").read_text(encoding="utf-8")
    both = run("check", "arguments/", "--baseline", "b.json", "--write-baseline", "b.json")
    assert (2, "argmap: error: --baseline and --write-baseline cannot be given together: "
            "write the baseline anew without --baseline\n") == (both.exit_code, both.stderr)


@pytest.mark.parametrize(("args", "code"), [
    (("check", "arguments/", "-f", "json", "-o"), 1),
    (("check", "arguments/", "--write-baseline"), 0),
    (("validate", "arguments/", "-f", "json", "-o"), 0),
], ids=["check", "baseline", "validate"])
def test_force_writes_over_a_file_argmap_did_not_write(project: Path, args: tuple[str, ...],
                                                      code: int) -> None:
    """The refusal's hint names --force, and --force is there: someone's JSON file is
    replaced with it; an input (the map) never is, --force or not."""
    theirs = project / "package.json"
    theirs.write_text('{"name": "x"}\n', encoding="utf-8")
    refused = run(*args, "package.json")
    assert (2, True) == (refused.exit_code, refused.stderr.rstrip().endswith(
        "choose another output path, or give --force to replace it"))
    assert '{"name": "x"}\n' == theirs.read_text(encoding="utf-8")
    assert code == run(*args, "package.json", "--force").exit_code
    assert '{"name": "x"}\n' != theirs.read_text(encoding="utf-8")
    before = (project / "arguments" / "pakistan-afghanistan.yaml").read_bytes()
    kept = run(*args, "arguments/pakistan-afghanistan.yaml", "--force")
    assert (2, before) == (kept.exit_code,
                           (project / "arguments" / "pakistan-afghanistan.yaml").read_bytes())


def test_a_missing_or_broken_baseline_fails_with_its_location(project: Path) -> None:
    """A mistyped path must not report every finding as new: exit 2, located."""
    missing = run("check", "arguments/", "--baseline", "nope.json", "-q")
    assert (2, "nope.json:1:1: error: cannot read file: No such file or directory [baseline]\n"
            ) == (missing.exit_code, missing.stdout)
    (project / "b.json").write_text('{"argmap-baseline": 1,\n "findings": [}', encoding="utf-8")
    broken = run("check", "arguments/", "--baseline", "b.json", "-q")
    assert (2, "b.json:2:15: error: invalid JSON: Expecting value [baseline]\n") == (
        broken.exit_code, broken.stdout)


# --- --quiet, --statistics, --output ---------------------------------------------------------


def test_quiet_prints_only_the_findings(project: Path) -> None:
    """No file rules, excerpts, hints or summary; nothing at all when clean."""
    assert FLAGSHIP_FINDINGS == run("check", "arguments/", "-q").stdout.splitlines()
    assert "" == run("check", "arguments/", "--quiet", "--fail-on", "error",
                     "--severity", "error").stdout


def test_statistics_in_text_and_json(project: Path) -> None:
    """Counts per rule; the exit code is the check's; sarif and github have no statistics."""
    counted = run("check", "arguments/", "--statistics")
    assert (1, "4  unsupported-claim  warning  A claim or recommendation that nothing "
            "supports.\n") == (counted.exit_code, counted.stdout)
    as_json = run("check", "arguments/", "--statistics", "-f", "json")
    assert [{"code": "unsupported-claim", "severity": "warning", "count": 4}] == json.loads(
        as_json.stdout)["statistics"]
    refused = run("check", "arguments/", "--statistics", "-f", "sarif")
    assert (2, "argmap: error: --statistics prints text or json, not sarif\n") == (
        refused.exit_code, refused.stderr)


@pytest.mark.parametrize(("fmt", "name"), [
    ("text", "report.txt"), ("json", "report.json"), ("sarif", "argmap.sarif.json"),
    ("github", "annotations.txt")])
def test_output_file_holds_what_stdout_would(project: Path, fmt: str, name: str) -> None:
    """The same bytes as printed (text without colour), nothing on stdout, the same exit
    code; a second run writes over the first without --force (JSON included)."""
    printed = run("check", "arguments/", "-f", fmt)
    for _ in range(2):
        written = run("check", "arguments/", "-f", fmt, "-o", name)
        assert (1, "", "") == (written.exit_code, written.stdout, written.stderr)
    assert printed.stdout == (project / name).read_text(encoding="utf-8")


def test_output_file_never_over_a_map_and_with_load_errors_too(project: Path) -> None:
    """Refused over a map (exit 2, the map unchanged); a run that cannot load its maps
    writes its errors to the file."""
    before = PROJECT_MAP.read_bytes()
    refused = run("check", "arguments/", "-o", "arguments/pakistan-afghanistan.yaml")
    assert 2 == refused.exit_code
    assert before == (project / "arguments" / "pakistan-afghanistan.yaml").read_bytes()
    write_map(project / "broken", "b.yaml", "argmap: 1\n")
    failed = run("check", "broken/", "-f", "json", "-o", "out.json")
    assert (2, 1) == (failed.exit_code, json.loads(
        (project / "out.json").read_text(encoding="utf-8"))["summary"]["load_errors"])


@pytest.mark.parametrize("spelling", ["--output-file", "--output"])
def test_output_file_is_the_old_spelling_of_output(project: Path, spelling: str) -> None:
    """CI scripts written before -o/--output was the one spelling (`--output-file FILE`,
    `--output-file=FILE`) write the same report as `-o FILE`; the help shows only
    -o/--output."""
    printed = run("check", "arguments/", "-f", "json")
    for args in ([spelling, "a.json"], [f"{spelling}=b.json"]):
        written = run("check", "arguments/", "-f", "json", *args)
        assert (1, "") == (written.exit_code, written.stdout)
    assert [printed.stdout] * 2 == [(project / n).read_text(encoding="utf-8")
                                    for n in ("a.json", "b.json")]
    shown = run("check", "--help").stdout
    assert ("-o, --output FILE" in shown, "--output-file" in shown) == (True, False)


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_a_select_that_names_no_rule_is_refused(project: Path, value: str) -> None:
    """`--select "$RULES"` with RULES unset ran no rule at all: 'No findings', exit 0, a CI
    job passed without checking anything. A --select that names no rule is a usage error."""
    result = run("check", "arguments/", "--select", value)
    assert 2 == result.exit_code
    assert ("argmap: error: --select names no rule: give rule ids (`argmap rules` lists "
            "them), or leave --select out to run the default rules") in result.output


@pytest.mark.parametrize("how", ["found", "named", "baseline"])
def test_output_file_never_over_the_configuration_or_the_baseline(project: Path,
                                                                  how: str) -> None:
    """The report (or a new baseline) was written over the configuration file the run
    read, found above the maps or named with --config, or over the --baseline it read:
    refused, exit 2, the file unchanged."""
    cfg = project / "arguments" / "argmap.toml"
    cfg.write_text('ignore = ["orphan-node"]\n', encoding="utf-8")
    read, given = cfg, []
    if how == "named":
        given = ["--config", str(cfg)]
    elif how == "baseline":
        read = project / "b.json"
        assert 0 == run("check", "arguments/", "--write-baseline", str(read)).exit_code
        given = ["--baseline", str(read)]
    before = read.read_bytes()
    outs = [["-o", str(read)]] + ([] if how == "baseline" else [["--write-baseline", str(read)]])
    for out in outs:
        result = run("check", "arguments/", *given, *out)
        assert 2 == result.exit_code, result.output
        assert "refusing to write over the input file" in result.output
        assert before == read.read_bytes()


def test_output_file_never_over_a_source_text(project: Path) -> None:
    """The report is not written over a source text of a map checked (the file its quotes
    are checked against): exit 2, the text unchanged, nothing else written."""
    text = project / "arguments" / "sources" / "pakistan-afghanistan.txt"
    before = text.read_bytes()
    for args in (("-o", str(text)), ("--write-baseline", str(text))):
        refused = run("check", "arguments/", *args)
        assert 2 == refused.exit_code
        assert "refusing to write over the input file" in refused.output
        assert before == text.read_bytes()
    assert ["pakistan-afghanistan.txt"] == sorted(p.name for p in text.parent.iterdir())


def test_output_file_never_over_an_input_when_a_map_fails(project: Path) -> None:
    """When another map of the run fails to load, the source texts of the maps that did
    (and the configuration found above them) are still inputs: the report of the load
    errors is refused there, exit 2, the file unchanged."""
    folder = project / "arguments"
    (folder / "broken.yaml").write_text("argmap: 1\ntitle: [\n", encoding="utf-8")
    (project / "argmap.toml").write_text("[check]\n", encoding="utf-8")
    text = folder / "sources" / "pakistan-afghanistan.txt"
    for read in (text, project / "argmap.toml"):
        before = read.read_bytes()
        for args in (("-o", str(read)), ("--write-baseline", str(read))):
            refused = run("check", "arguments/", *args)
            assert (2, True) == (refused.exit_code,
                                 "refusing to write over the input file" in refused.output)
            assert before == read.read_bytes()


# --- validate --format, -o -----------------------------------------------------------------

#: A map that does not load: a relation's targets as a text, not a list.
BROKEN = "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n    supports: b\n"
BROKEN_AT = "broken/b.yaml:7:15"


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_validate_reports_load_errors_as_check_does(project: Path, fmt: str) -> None:
    """`validate --format json|sarif|github`: the load errors on stdout in the bytes `check`
    gives them in that format (a CI job reads both alike), exit 2, nothing on stderr; the
    same bytes twice."""
    write_map(project / "broken", "b.yaml", BROKEN)
    checked = run("check", "broken/", "-f", fmt)
    assert (2, True) == (checked.exit_code, "invalid-value" in checked.stdout)
    validated = [run("validate", "broken/", "--format", fmt) for _ in range(2)]
    assert [(2, checked.stdout, "")] * 2 == [(v.exit_code, v.stdout, v.stderr)
                                             for v in validated]


def test_validate_load_errors_in_each_format(project: Path) -> None:
    """What each format says of one load error: located, with its code and hint."""
    write_map(project / "broken", "b.yaml", BROKEN)
    message = "nodes[0].supports: expected a list, found a text"
    hint = "write a list: `supports: [b]`, or one `- item` a line below `supports:`"
    github = run("validate", "broken/", "-f", "github").stdout
    assert (f"::error file=broken/b.yaml,line=7,col=15,title=invalid-value::{message} "
            f"(hint: {hint})\n") == github
    data = json.loads(run("validate", "broken/", "-f", "json").stdout)
    assert ((0, 1), [{"path": "broken/b.yaml", "line": 7, "column": 15, "severity": "error",
                      "code": "invalid-value", "message": message, "hint": hint,
                      "node": None}]) == (
        (data["summary"]["maps"], data["summary"]["load_errors"]), data["load_errors"])
    sarif = json.loads(run("validate", "broken/", "-f", "sarif").stdout)["runs"][0]["results"]
    assert [("invalid-value", "error", {"startLine": 7, "startColumn": 15})] == [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"])
        for r in sarif]


def test_validate_text_reports_load_errors_on_stderr(project: Path) -> None:
    """--format text (the default): the load errors on stderr as every command reports
    them, without `check`'s "nothing was checked"; nothing on stdout, exit 2."""
    write_map(project / "broken", "b.yaml", BROKEN)
    for args in ([], ["-f", "text"]):
        result = run("validate", "broken/", *args)
        assert (2, "", True, True) == (
            result.exit_code, result.stdout,
            f"{BROKEN_AT}: error: nodes[0].supports: expected a list, found a text "
            "[invalid-value]\n" in result.stderr, result.stderr.endswith("\n1 load error.\n"))


def test_validate_a_valid_map_in_each_format(project: Path) -> None:
    """A map that loads: exit 0; text says `ok:` with the counts, JSON is `check`'s report
    of a clean run over it (no findings, no load errors), SARIF has no results, GitHub no
    annotation."""
    text = run("validate", "arguments/")
    assert (0, "ok: 1 map, 58 nodes, 105 relations\n", "") == (text.exit_code, text.stdout,
                                                               text.stderr)
    as_json = run("validate", "arguments/", "-f", "json")
    summary = json.loads(as_json.stdout)["summary"]
    assert (0, {"maps": 1, "nodes": 58, "findings": 0, "load_errors": 0}) == (
        as_json.exit_code, {k: summary[k] for k in ("maps", "nodes", "findings", "load_errors")})
    checked = json.loads(run("check", "arguments/", "-f", "json").stdout)
    assert checked.keys() == json.loads(as_json.stdout).keys()
    sarif = run("validate", "arguments/", "-f", "sarif")
    run_ = json.loads(sarif.stdout)["runs"][0]
    assert (0, "argmap", []) == (sarif.exit_code, run_["tool"]["driver"]["name"],
                                 run_["results"])
    github = run("validate", "arguments/", "-f", "github")
    assert (0, "") == (github.exit_code, github.stdout)


@pytest.mark.parametrize("folder", ["arguments", "broken"])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_validate_output_holds_what_would_be_printed(project: Path, fmt: str,
                                                     folder: str) -> None:
    """-o FILE: the report as printed (a text report of load errors as on stderr, without
    colour), nothing on stdout or stderr, the same exit code; a second run writes over
    the first."""
    write_map(project / "broken", "b.yaml", BROKEN)
    printed = run("validate", f"{folder}/", "-f", fmt)
    expected = printed.stderr if (fmt, folder) == ("text", "broken") else printed.stdout
    # (GitHub annotations of a valid map: none, and the file is empty.)
    assert bool(expected) == ((fmt, folder) != ("github", "arguments"))
    for _ in range(2):
        written = run("validate", f"{folder}/", "-f", fmt, "-o", "report.out")
        assert (printed.exit_code, "", "") == (written.exit_code, written.stdout,
                                               written.stderr)
        assert expected == (project / "report.out").read_text(encoding="utf-8")


def test_validate_output_never_over_an_input(project: Path) -> None:
    """-o over the map validated, or over its source text (whether the run loads or
    another of its maps fails): refused, exit 2, the file unchanged."""
    targets = {PROJECT_MAP.name: "refusing to write over a map",
               "sources/pakistan-afghanistan.txt": "refusing to write over the input file"}
    for broken in (False, True):
        if broken:
            write_map(project / "arguments", "b.yaml", BROKEN)
        for target, says in targets.items():
            read = project / "arguments" / target
            before = read.read_bytes()
            refused = run("validate", "arguments/", "-f", "json", "-o", str(read))
            assert (2, True) == (refused.exit_code, says in refused.output), refused.output
            assert before == read.read_bytes()


# --- standard input -------------------------------------------------------------------------


def test_a_map_on_stdin(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`argmap check - < map` from the maps' folder: the same findings, at <stdin>, with the
    source text read relative to the working directory (the quotes are checked)."""
    monkeypatch.chdir(project / "arguments")
    result = run("check", "-", "-q", stdin=PROJECT_MAP.read_bytes())
    assert (1, [line.replace("arguments/pakistan-afghanistan.yaml", "<stdin>")
                for line in FLAGSHIP_FINDINGS]) == (result.exit_code, result.stdout.splitlines())


def test_a_broken_map_on_stdin_shows_its_lines(project: Path) -> None:
    """Load errors of standard input quote the line read, exit 2."""
    result = run("check", "-", stdin="argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claimm\n"
                 "    text: A.\n")
    assert 2 == result.exit_code
    assert ("<stdin>:5:11: error: nodes[0].kind: 'claimm' is not one of 'claim', 'evidence', "
            "'recommendation', 'assumption' or 'objection' [invalid-value]\n"
            "     5 |     kind: claimm\n") in result.stdout


def test_stdin_is_checked_alone(project: Path) -> None:
    """`-` with a path or with --changed-files is a usage error."""
    for args in (("-", "arguments/"), ("--changed-files", "-")):
        result = run("check", *args, stdin="")
        assert (2, "argmap: error: `-` (a map on standard input) is checked alone: give no "
                "other path and no --changed-files\n") == (result.exit_code, result.stderr)


def test_stdin_that_is_a_terminal_is_refused_at_once(project: Path) -> None:
    """`argmap check -` typed at a terminal would wait for a map to be typed: refused, with
    how to pipe one in (a real terminal: a pseudo-terminal as standard input)."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "argmap", "check", "-"], stdin=follower,
                              capture_output=True, text=True, timeout=20, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    finally:
        os.close(leader)
        os.close(follower)
    assert (2, "argmap: error: `-` reads a map from standard input, which is a terminal here; "
            "pipe a map in: argmap check - < map.yaml\n") == (done.returncode, done.stderr)


# --- --changed-files: the pre-commit hook ---------------------------------------------------


@pytest.fixture
def tutorial(project: Path) -> Path:
    """The layout of the issue: the map, the schema `init` writes, the source text, and
    YAML files that are not maps at the top."""
    (project / "arguments" / "argmap.schema.json").write_text("{}\n", encoding="utf-8")
    write_map(project, "mkdocs.yml", "site_name: Docs\nnav: [index.md]\n",
              {".pre-commit-config.yaml": "repos: []\n"})
    return project


#: The issue's file list: what pre-commit passes with `files: ^arguments/` (and more).
CHANGED = ["arguments/pakistan-afghanistan.yaml", "arguments/argmap.schema.json",
           "arguments/sources/pakistan-afghanistan.txt", "mkdocs.yml",
           ".pre-commit-config.yaml"]


def test_changed_files_check_only_the_maps(tutorial: Path) -> None:
    """The schema, the source text and mkdocs.yml are not loaded as maps: the map is
    checked, its findings fail the hook as usual."""
    result = run("check", "--changed-files", "-q", *CHANGED)
    assert (1, FLAGSHIP_FINDINGS) == (result.exit_code, result.stdout.splitlines())


def test_a_changed_source_text_rechecks_its_map(tutorial: Path) -> None:
    """Only the text changed (a quote no longer in it): the map that names it is checked."""
    text = tutorial / "arguments" / "sources" / "pakistan-afghanistan.txt"
    text.write_text("Nothing the map quotes.\n", encoding="utf-8")
    result = run("check", "--changed-files", "--statistics",
                 "arguments/sources/pakistan-afghanistan.txt")
    assert (1, "quote-not-found") == (result.exit_code, result.stdout.split()[1])


def test_a_changed_source_text_rechecks_maps_of_other_folders(tutorial: Path) -> None:
    """A map in reviews/ that quotes the text of arguments/sources/ is checked with it
    (it was looked for only in the text's folder and those above)."""
    text = "arguments/sources/pakistan-afghanistan.txt"
    write_map(tutorial / "reviews", "review.yaml",
              "argmap: 1\ntitle: R\nsources:\n  - id: s\n    title: S\n"
              f"    text: ../{text}\nnodes:\n  - id: e\n    kind: evidence\n    text: E.\n"
              "    source: s\n    quote: words the article never wrote\n")
    result = run("check", "--changed-files", "-q", "--select", "quote-not-found", text)
    assert (1, ["reviews/review.yaml:12:12: error: quote of 'e' not found in source 's' "
                "[quote-not-found]"]) == (result.exit_code, result.stdout.splitlines())


def test_too_many_folders_to_search_is_a_usage_error(tutorial: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound of the search for maps naming a changed text: exit 2 and what to do."""
    monkeypatch.setattr("argmap.inputs.MAX_FOLDERS", 1)
    result = run("check", "--changed-files", "arguments/sources/pakistan-afghanistan.txt")
    assert (2, "argmap: error: over 1 folders to search for the maps that name the changed "
            "file arguments/sources/pakistan-afghanistan.txt; name the maps' folders instead "
            "of the source texts (or run argmap from the folder of the maps)\n") == (
        result.exit_code, result.stderr)


def test_changed_files_without_maps_pass(tutorial: Path) -> None:
    """Nothing to check is no failure; without --changed-files a non-map YAML is an error."""
    none = run("check", "--changed-files", "mkdocs.yml", "arguments/argmap.schema.json")
    assert (0, "No findings (0 maps, 0 nodes).\n") == (none.exit_code, none.stdout)
    assert 2 == run("check", "mkdocs.yml").exit_code
    validated = run("validate", "--changed-files", *CHANGED)
    assert (0, "ok: 1 map, 58 nodes, 105 relations\n") == (validated.exit_code,
                                                          validated.stdout)


@pytest.mark.parametrize("index", [0, 1])
def test_the_shipped_hooks_run_on_the_issues_file_list(tutorial: Path, index: int) -> None:
    """Each hook of .pre-commit-hooks.yaml, run as pre-commit runs it (its entry, then the
    changed files), checks the map and nothing else."""
    hook = parse((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")).data[index]
    # (argmap's loader keeps YAML scalars as strings.)
    assert (["text"], "true") == (hook["types"], hook["require_serial"])
    result = run(*shlex.split(hook["entry"])[1:], *CHANGED)
    assert (1 if hook["id"] == "argmap-check" else 0, "") == (result.exit_code, result.stderr)


@pytest.mark.parametrize("fmt", ["github", "text", "json", "sarif"])
def test_a_file_name_with_a_carriage_return_is_refused(tmp_path: Path, fmt: str) -> None:
    """A carriage return in a map's file name was let through (only a line feed was
    refused), though a terminal goes back to the start of the line at it and readers of
    CI logs may start a new one: the map is a load error (`bad-file-name`, exit code 2)
    in every format, the name written with the break escaped."""
    write_map(tmp_path, "x\r::error file=README.md::forged.yaml",
              "argmap: 1\ntitle: T\nnodes: []\n")
    result = run("check", str(tmp_path), "--format", fmt)
    assert (2, True, False) == (result.exit_code, "bad-file-name" in result.output,
                                "\r" in result.output)


def test_a_file_name_cannot_forge_an_annotation(tmp_path: Path) -> None:
    """A map named `x` + line break + `::error file=...` in a folder checked with
    --format github: one located load error (exit 2) whose file name is encoded, and no
    line of the output that the map chose (GitHub would take it for an annotation)."""
    name = "x\n::error file=README.md,line=1::forged.yaml"
    write_map(tmp_path, name, "argmap: 1\ntitle: T\nnodes: []\n")
    result = run("check", str(tmp_path), "--format", "github")
    assert 2 == result.exit_code
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    folder = str(tmp_path).replace(",", "%2C").replace(":", "%3A")
    assert [f"::error file={folder}/x%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged.yaml,"
            "line=1,col=1,title=bad-file-name"] == [a.split("::the file name")[0]
                                                    for a in annotations]
