"""Tests of `argmap diff` through the command line (typer's CliRunner): formats, --fail-on,
exit codes, --output (and its old spelling --output-file), git revisions with `--`, located
errors; and the Markdown's bounds and escaping."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from argmap.cli import app
from argmap.diff import diff_paths, formats
from argmap.loading.source import parse

from .helpers import FLAGSHIP, ROOT, write_map
from .test_diff import edited_flagship, git

runner = CliRunner()


def run(*args: str) -> Result:
    """`argmap ARGS...`."""
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edited copy of the flagship map (see test_diff.edited_flagship)."""
    return edited_flagship(tmp_path_factory.mktemp("edited"))


def test_text_report(edited: Path) -> None:
    """The text report names each kind of change; exit 0 without --fail-on."""
    result = run("diff", str(FLAGSHIP), str(edited))
    assert 0 == result.exit_code, result.output
    out = result.output
    for expected in (
        "  ~ istanbul-round-collapsed: renamed from istanbul-talks-collapsed (similarity 1)",
        "mediators-need-trust-of-both-sides: retyped claim → assumption",
        "reworded: The crises of 2025 are [-not anomalies but-] the inevitable result of "
        "clinging to an [-outdated-] {+old+} strategic blueprint.",
        "gulf-states-bridged-divides: quote changed; quote unverified",
        "  - events-of-2025 (evidence):",
        "removed: strategic-depth-anchor supports crisis-from-outdated-blueprint",
        "changed: crisis-from-outdated-blueprint supports shelve-old-playbook; strength "
        "none → 0.3",
        "  reassess-afghanistan-policy: evidence 2 → 0 (rests on no evidence now)",
        "error: quote of 'gulf-states-bridged-divides' not found",
        "  reassess-afghanistan-policy: in → in, 0.958 → 0.900",
    ):
        assert expected in out


@pytest.mark.parametrize(("condition", "code"), [
    ("recommendation-lost-evidence", 1), ("new-error", 1), ("new-finding", 1),
    ("any-change", 1), ("acceptance-changed", 0)])
def test_fail_on(edited: Path, condition: str, code: int) -> None:
    """--fail-on exits 1 when its condition holds, 0 when not (no label changed here)."""
    assert code == run("diff", "--fail-on", condition, str(FLAGSHIP), str(edited)).exit_code


def test_fail_on_unchanged_map_exits_0(tmp_path: Path) -> None:
    """A map compared with itself: every condition fails to hold; exit 0."""
    shutil.copytree(FLAGSHIP.parent, tmp_path / "copy")
    result = run("diff", "--fail-on", "any-change,new-error", str(FLAGSHIP),
                 str(tmp_path / "copy" / FLAGSHIP.name))
    assert 0 == result.exit_code
    assert "no change in the argument" in result.output


def test_acceptance_changed_with_a_threshold_counts_ranges(tmp_path: Path) -> None:
    """A strength range that moves across --threshold (c: 0.590..0.830 to 0.560..0.800,
    its grounded label unchanged) makes acceptance-changed hold; without a threshold, or
    with one both ranges clear, it does not; a threshold that is not a number from 0 to 1
    is a usage error."""
    old = tmp_path / "old" / "intervals.yaml"
    new = tmp_path / "new" / "intervals.yaml"
    old.parent.mkdir()
    new.parent.mkdir()
    text = (ROOT / "docs" / "examples" / "intervals.yaml").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("strength: [0.2, 0.4]", "strength: [0.4, 0.6]"),
                   encoding="utf-8")
    shown = run("diff", str(old), str(new))
    assert "c: out → out, 0.590..0.830 → 0.560..0.800" in shown.stdout, shown.output
    codes = [run("diff", "--fail-on", "acceptance-changed", *threshold, str(old),
                 str(new)).exit_code
             for threshold in ((), ("--threshold", "0.58"), ("--threshold", "0.5"),
                               ("--threshold", "0.81"), ("--threshold", "0.9"))]
    assert [0, 1, 0, 1, 0] == codes
    for bad in ("nan", "1.5"):
        refused = run("diff", "--threshold", bad, str(old), str(new))
        assert (2, "--threshold") == (refused.exit_code,
                                      "--threshold" if "--threshold" in refused.output else "")


def test_unknown_condition_is_a_usage_error(edited: Path) -> None:
    """A misspelled condition gets the closest known one; exit 2."""
    result = run("diff", "--fail-on", "new-eror", str(FLAGSHIP), str(edited))
    assert 2 == result.exit_code
    assert "did you mean 'new-error'?" in result.output


def test_json_to_file_is_deterministic(edited: Path, tmp_path: Path) -> None:
    """-f json -o FILE writes the JSON; twice gives the same bytes; its shape is
    documented: version, summary, conditions, and every section."""
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert 0 == run("diff", "-f", "json", "-o", str(first), str(FLAGSHIP), str(edited)).exit_code
    assert 0 == run("diff", "-f", "json", "-o", str(second), str(FLAGSHIP), str(edited)).exit_code
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert ["argmap-diff", "old", "new", "summary", "conditions", "maps", "nodes",
            "relations", "findings", "recommendations", "acceptance"] == list(data)
    assert data["conditions"]["recommendation-lost-evidence"] is True


def test_output_file_is_the_old_spelling_of_output(edited: Path, tmp_path: Path) -> None:
    """`--output-file FILE` (the spelling of scripts written before -o/--output) writes
    what `-o FILE` writes; the help shows only -o/--output."""
    files = {o: tmp_path / f"{o.strip('-')}.md" for o in ("-o", "--output", "--output-file")}
    for option, out in files.items():
        assert 0 == run("diff", "-f", "markdown", option, str(out), str(FLAGSHIP),
                        str(edited)).exit_code
    written = {out.read_text(encoding="utf-8") for out in files.values()}
    assert (1, True) == (len(written), "argmap diff" in next(iter(written)))
    shown = run("diff", "--help").stdout
    assert ("-o, --output FILE" in shown, "--output-file" in shown) == (True, False)


def test_force_writes_over_a_file_argmap_did_not_write(edited: Path, tmp_path: Path) -> None:
    """The refusal's hint names --force, and --force replaces someone's JSON file."""
    theirs = tmp_path / "package.json"
    theirs.write_text('{"name": "x"}\n', encoding="utf-8")
    args = ("diff", str(FLAGSHIP), str(edited), "-f", "json", "-o", str(theirs))
    refused = run(*args)
    assert (2, True, '{"name": "x"}\n') == (
        refused.exit_code,
        refused.stderr.rstrip().endswith("or give --force to replace it"),
        theirs.read_text(encoding="utf-8"))
    assert 0 == run(*args, "--force").exit_code
    assert "summary" in json.loads(theirs.read_text(encoding="utf-8"))


def test_markdown_is_deterministic(edited: Path) -> None:
    """-f markdown prints the same bytes twice."""
    first = run("diff", "-f", "markdown", str(FLAGSHIP), str(edited))
    second = run("diff", "-f", "markdown", str(FLAGSHIP), str(edited))
    assert first.output == second.output
    assert first.output.startswith("### argmap diff: ")


def test_output_file_may_not_be_an_input(edited: Path) -> None:
    """The report is never written over a map compared; exit 2, nothing done."""
    before = edited.read_bytes()
    result = run("diff", "-o", str(edited), str(FLAGSHIP), str(edited))
    assert 2 == result.exit_code
    assert before == edited.read_bytes()


def test_output_file_may_not_be_a_source_text(tmp_path: Path) -> None:
    """Nor over a source text of a map compared (on either side): exit 2, text unchanged."""
    text = "The town should build the bypass road."
    old = write_map(tmp_path / "old", "m.yaml", "argmap: 1\ntitle: T\nsources:\n  - id: s\n"
                    "    title: S\n    text: s.txt\nnodes:\n  - id: a\n    kind: claim\n"
                    "    text: A.\n",
                    {"s.txt": text})
    new = write_map(tmp_path / "new", "m.yaml", old.read_text(encoding="utf-8"),
                    {"s.txt": text})
    for side in (old, new):
        result = run("diff", "-o", str(side.parent / "s.txt"), str(old), str(new))
        assert 2 == result.exit_code
        assert "refusing to write over the input file" in result.output
        assert text == (side.parent / "s.txt").read_text(encoding="utf-8")


def test_broken_map_gives_located_error(tmp_path: Path) -> None:
    """A map that does not load gives its `path:line:col` error; exit 2."""
    bad = write_map(tmp_path, "bad.yaml", "argmap: 1\ntitle: T\nnodes:\n  - id: a\n"
                    "    kind: x\n    text: A.\n")
    result = run("diff", str(FLAGSHIP), str(bad))
    assert 2 == result.exit_code
    assert f"{bad}:5:" in result.output


def test_wrong_number_of_arguments() -> None:
    """One path alone, or revisions without paths after `--`: usage errors (exit 2)."""
    assert 2 == run("diff", str(FLAGSHIP)).exit_code
    result = run("diff", "a", "b", "c", "--", "x")
    assert 2 == result.exit_code
    assert "one or two revisions" in result.output


def test_revision_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`argmap diff v1 -- arguments/` in a git repository: the revision against the working
    tree; an unknown revision: exit 2 with a message naming it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(FLAGSHIP.parent, root / "arguments")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1")
    shutil.rmtree(root / "arguments")
    edited_flagship(root / "arguments")
    monkeypatch.chdir(root)
    result = run("diff", "--fail-on", "recommendation-lost-evidence", "main", "--",
                 "arguments/")
    assert 1 == result.exit_code, result.output
    assert result.output.startswith("argmap diff: main:arguments → working tree")
    unknown = run("diff", "nope", "--", "arguments/")
    assert 2 == unknown.exit_code
    assert "unknown revision 'nope'" in unknown.output


# --- the Markdown's bounds and escaping -----------------------------------------------

def _many(tmp_path: Path, n: int) -> str:
    body = "argmap: 1\ntitle: T\nnodes:\n"
    old = write_map(tmp_path / "a", "m.yaml", body + "  - {id: keep, kind: claim, text: K.}\n")
    new = write_map(tmp_path / "b", "m.yaml", body + "  - {id: keep, kind: claim, text: K.}\n"
                    + "".join(f"  - {{id: n{i}, kind: claim, text: Point {i}.}}\n"
                              for i in range(n)))
    return formats.markdown(diff_paths(old, new))


def test_markdown_sections_are_capped(tmp_path: Path) -> None:
    """A section lists at most MAX_ITEMS entries and says how many more the JSON has."""
    text = _many(tmp_path, formats.MAX_ITEMS + 2)
    assert f"#### Nodes ({formats.MAX_ITEMS + 2})" in text
    assert "- … and 2 more (`argmap diff --format json` lists all)" in text
    assert formats.MAX_ITEMS == text.count("- added **")


def test_markdown_escapes_map_text(tmp_path: Path) -> None:
    """Map text cannot add markup, HTML or an @mention to the comment."""
    body = "argmap: 1\ntitle: T\nnodes:\n"
    old = write_map(tmp_path / "a", "m.yaml", body + "  - {id: a, kind: claim, text: K.}\n")
    new = write_map(tmp_path / "b", "m.yaml", body + "  - {id: a, kind: claim, text: K.}\n"
                    "  - id: b\n    kind: claim\n    text: \"<img src=x> **bold** @octocat "
                    "[link](http://x)\"\n")
    text = formats.markdown(diff_paths(old, new))
    assert "\\<img src=x\\> \\*\\*bold\\*\\* &#64;octocat \\[link\\](http://x)" in text
    assert "@octocat" not in text


# --- the reviewer's tutorial ------------------------------------------------------------

REVIEWER = ROOT / "docs" / "tutorial-reviewer.md"
DIFF_WORKFLOW = ROOT / "docs" / "examples" / "argmap-diff.yml"


def _shows(expected: str, actual: str) -> bool:
    """Whether ``actual`` begins with what ``expected`` shows, a line `...` standing for any
    number of lines left out."""
    pattern = "".join("(?:.*\n)*?" if line == "..." else re.escape(line) + "\n"
                      for line in expected.splitlines())
    return re.match(pattern, actual) is not None


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clone as a pull request's job sees it: `origin/main` holds the flagship map, the
    working tree the edited copy."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(FLAGSHIP.parent, root / "arguments")
    git(root, "init", "-q", "-b", "feature")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    shutil.rmtree(root / "arguments")
    edited_flagship(root / "arguments")
    monkeypatch.chdir(root)
    return root


def test_an_option_after_the_dashes_is_refused(pull_request: Path) -> None:
    """`argmap diff origin/main -- arguments/ --format markdown` took `--format` and
    `markdown` for paths with no maps, and printed the text report: an
    option after `--` that names no file is a usage error saying where options go."""
    result = run("diff", "origin/main", "--", "arguments/", "--format", "markdown")
    assert 2 == result.exit_code
    assert ("'--format' after `--` is taken as a path, and there is no such file: options "
            "come before `--` (a path that starts with - is written ./-...)") in result.stderr
    assert "" == result.stdout


def test_a_file_after_the_dashes_must_be_a_map(pull_request: Path) -> None:
    """A source text (or any file not named *.yaml/*.yml) after `--` was read as a map on
    both sides, printing its lines as YAML errors: a usage error names it, at the revision
    when only the revision has it, and nothing is read."""
    text = "arguments/sources/pakistan-afghanistan.txt"
    result = run("diff", "origin/main", "--", "arguments/", text)
    assert (2, "", f"argmap: error: {text}: not a map file (*.yaml, *.yml); name maps or "
            "folders of maps after `--`\n") == (
        result.exit_code, result.stdout, result.stderr)
    Path(text).unlink()
    gone = run("diff", "origin/main", "--", text)
    assert (2, f"argmap: error: origin/main:{text}: not a map file (*.yaml, *.yml); name "
            "maps or folders of maps after `--`\n") == (gone.exit_code, gone.stderr)


def test_the_tutorials_diff_workflow_runs(pull_request: Path) -> None:
    """docs/examples/argmap-diff.yml is shown verbatim in the tutorial; its argmap steps, run
    on a pull request that takes the only evidence from a recommendation, write the Markdown
    the comment step posts and then fail the job (exit code 1)."""
    text = DIFF_WORKFLOW.read_text(encoding="utf-8")
    assert f"```yaml\n{text}```" in REVIEWER.read_text(encoding="utf-8")
    workflow = parse(text).data
    job = workflow["jobs"]["diff"]
    assert ({"pull_request"}, "write") == (set(workflow["on"]),
                                            job["permissions"]["pull-requests"])
    commands = [s["run"].replace("$BASE", "main") for s in job["steps"]
                if s.get("run", "").startswith("argmap ")]
    results = [runner.invoke(app, shlex.split(c)[1:]) for c in commands]
    assert [0, 1] == [r.exit_code for r in results]
    posted = (pull_request / "argmap-diff.md").read_text(encoding="utf-8")
    assert "body-file argmap-diff.md" in text
    assert "(**rests on no evidence now**)" in posted


def test_the_tutorials_markdown_example_is_true(pull_request: Path) -> None:
    """The Markdown the tutorial shows is what `argmap diff -f markdown origin/main --
    arguments/` prints for the edited flagship (its lines `...` standing for lines left
    out)."""
    shown = re.search(r"```markdown\n(.*?)```", REVIEWER.read_text(encoding="utf-8"),
                      re.DOTALL)
    assert shown
    result = run("diff", "-f", "markdown", "origin/main", "--", "arguments/")
    assert _shows(shown[1], result.output), result.output


# --- the HTML page ----------------------------------------------------------------------

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


def _small_pair(tmp_path: Path) -> tuple[Path, Path]:
    body = "argmap: 1\ntitle: T\nnodes:\n  - {id: r, kind: recommendation, text: Do it.}\n"
    old = write_map(tmp_path / "a", "m.yaml", body
                    + "  - {id: gone, kind: evidence, text: Old fact., supports: [r]}\n"
                    + "  - {id: same, kind: claim, text: Kept as it was., supports: [r]}\n")
    new = write_map(tmp_path / "b", "m.yaml", body
                    + "  - {id: came, kind: evidence, text: \"<script>x</script> fact.\", "
                    "supports: [r]}\n"
                    + "  - {id: same, kind: assumption, text: Kept as it was., supports: [r]}\n")
    return old, new


#: The position of each node of _small_pair's maps in its drawing (the map's order).
_AT = {"m:r": 0, "m:gone": 1, "m:came": 1, "m:same": 2}


def _group_of(html: str, svg_id: str, key: str) -> str:
    """The markup of node ``key``'s group in the drawing ``svg_id`` of the page."""
    svg = html[html.index(f'id="{svg_id}"'):]
    svg = svg[:svg.index("</svg>")]
    start = svg.index(f'data-node="{_AT[key]}"')
    return svg[start:svg.index("</g>", start)]


@needs_graphviz
def test_html_page_marks_both_versions(tmp_path: Path) -> None:
    """--format html -o FILE writes one page with both versions drawn: the removed node
    outlined red and dashed on the old side, the added one green on the new, the retyped
    one amber on both, the unchanged one as drawn; no script; map text escaped."""
    from argmap.diff import page

    old, new = _small_pair(tmp_path)
    out = tmp_path / "diff.html"
    result = run("diff", "-f", "html", "-o", str(out), str(old), str(new))
    assert 0 == result.exit_code, result.output
    html = out.read_text(encoding="utf-8")
    assert "script-src 'none'" in html
    assert "<script>x" not in html
    assert 'stroke="#cf222e"' in _group_of(html, "am-svg-old", "m:gone")
    assert 'stroke-dasharray="12,6"' in _group_of(html, "am-svg-old", "m:gone")
    assert 'stroke="#1a7f37"' in _group_of(html, "am-svg-new", "m:came")
    assert 'stroke="#b35900"' in _group_of(html, "am-svg-old", "m:same")
    assert 'stroke="#b35900"' in _group_of(html, "am-svg-new", "m:same")
    assert not any(colour in _group_of(html, "am-svg-new", "m:r")
                   for colour, _, _ in page.MARKS.values())


@needs_graphviz
def test_html_page_names_the_grounds_that_changed(tmp_path: Path) -> None:
    """A recommendation whose support changed is listed with the grounds it lost and
    gained, as in the Markdown: its count of evidence alone (1 → 1) shows no change."""
    old, new = _small_pair(tmp_path)
    out = tmp_path / "diff.html"
    assert 0 == run("diff", "-f", "html", "-o", str(out), str(old), str(new)).exit_code
    html = out.read_text(encoding="utf-8")
    assert ('<li dir="auto">r: evidence 1 → 1; no longer rests on gone; now rests on came'
            "</li>") in html


@needs_graphviz
def test_html_page_lists_maps_added_and_removed(tmp_path: Path) -> None:
    """A map file that came or went is listed on the page, as in the Markdown and the text
    report (the page listed only its nodes)."""
    body = "argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: A.}\n"
    write_map(tmp_path / "a", "m.yaml", body)
    write_map(tmp_path / "a", "gone.yaml", body)
    write_map(tmp_path / "b", "m.yaml", body)
    write_map(tmp_path / "b", "came.yaml", body)
    out = tmp_path / "diff.html"
    result = run("diff", "-f", "html", "-o", str(out), str(tmp_path / "a"), str(tmp_path / "b"))
    assert 0 == result.exit_code, result.output
    html = out.read_text(encoding="utf-8")
    markdown = run("diff", "-f", "markdown", str(tmp_path / "a"), str(tmp_path / "b")).output
    added = re.search(r"#### Maps added \(1\)\n\n- (.*)\n", markdown)
    removed = re.search(r"#### Maps removed \(1\)\n\n- (.*)\n", markdown)
    assert added, markdown
    assert removed, markdown
    assert f'<h2>Maps added (1)</h2>\n<ul class="am-list">\n<li dir="auto">{added[1]}</li>' in html
    assert (f'<h2>Maps removed (1)</h2>\n<ul class="am-list">\n<li dir="auto">{removed[1]}'
            "</li>") in html


_SVG_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")


@needs_graphviz
def test_html_page_draws_each_version_as_render_does(edited: Path, tmp_path: Path) -> None:
    """Each side of the page is drawn as `argmap render -o map.svg` draws that map: the
    flagship in short labels (its full texts would be illegible at half a page's width),
    not in the full texts of an unfitted layout. (The page leaves out each drawing's
    title, which its heading gives, and writes the texts in another order.)"""
    out = tmp_path / "diff.html"
    assert 0 == run("diff", "-f", "html", "-o", str(out), str(FLAGSHIP), str(edited)).exit_code
    page = out.read_text(encoding="utf-8")
    for side, path in (("old", FLAGSHIP), ("new", edited)):
        drawn = tmp_path / f"{side}.svg"
        assert 0 == run("render", str(path), "-o", str(drawn)).exit_code
        svg = page[page.index(f'id="am-svg-{side}"'):]
        svg = svg[:svg.index("</svg>")]
        expected = sorted(unescape(t) for t in
                          _SVG_TEXT.findall(drawn.read_text(encoding="utf-8"))[1:])
        assert "Shelve old" in expected  # short labels (so the test is not vacuous)
        assert expected == sorted(unescape(t) for t in _SVG_TEXT.findall(svg))


@needs_graphviz
def test_html_page_lists_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page lists at most MAX_ITEMS changes a section, and says how many more; an
    entry is cut after MAX_TEXT characters."""
    from argmap.diff import page

    monkeypatch.setattr(page, "MAX_ITEMS", 1)
    monkeypatch.setattr(page, "MAX_TEXT", 12)
    old, new = _small_pair(tmp_path)
    out = tmp_path / "diff.html"
    assert 0 == run("diff", "-f", "html", "-o", str(out), str(old), str(new)).exit_code
    html = out.read_text(encoding="utf-8")
    assert "<li>… and 2 more" in html
    assert '<li dir="auto">added: came…</li>' in html


def test_html_needs_an_output_file(tmp_path: Path) -> None:
    """--format html without --output is a usage error (exit 2)."""
    old, new = _small_pair(tmp_path)
    result = run("diff", "-f", "html", str(old), str(new))
    assert 2 == result.exit_code
    assert "argmap: error: --format html writes a page: give --output FILE\n" == result.stderr


def test_terminal_controls_in_map_text_are_escaped(tmp_path: Path) -> None:
    """An escape sequence or a bidi override in a node's text reaches the text report as
    visible escapes, never raw; the JSON escapes them too."""
    body = "argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: K.}\n"
    old = write_map(tmp_path / "a", "m.yaml", body)
    new = write_map(tmp_path / "b", "m.yaml", body + '  - {id: b, kind: claim, text: '
                    '"\\e[31mred\\u202e"}\n')
    for fmt in ("text", "json"):
        out = run("diff", "-f", fmt, str(old), str(new)).output
        assert "\x1b" not in out
        assert "\u202e" not in out
    assert "\\x1b[31mred\\u202e" in run("diff", str(old), str(new)).output


def test_a_path_with_a_line_break_stays_on_its_line(tmp_path: Path) -> None:
    """A folder named with a line break (as a pull request can name one) is written with
    `\\n` in the text report's header and findings: no line begins with what the name
    chose (`::error ...` would be a GitHub annotation in the job's log)."""
    body = "argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: K.}\n"
    old = write_map(tmp_path / "old", "m.yaml", body)
    new = write_map(tmp_path / "new\n::error file=x::forged", "m.yaml", body + (
        "  - {id: b, kind: evidence, text: E.}\n"))
    result = run("diff", str(old), str(new))
    assert 0 == result.exit_code
    lines = result.output.splitlines()
    assert [] == [line for line in lines if line.lstrip(" +-~").startswith("::")]
    assert f"argmap diff: {old} → {tmp_path}/new\\n::error file=x::forged/m.yaml" == lines[0]
