"""Tests of `argmap query ...`, `argmap evaluate` and `argmap explain` (typer's CliRunner),
and of the worked examples in docs/queries.md and docs/semantics.md."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from argmap.cli import app

from .helpers import FLAGSHIP_REL, ROOT, THIRD_PARTY, write_map

runner = CliRunner()
P = "pakistan-afghanistan:"


def run(*args: str) -> Result:
    """Run argmap at a fixed terminal width, as the docs were made."""
    return runner.invoke(app, list(args), prog_name="argmap",
                         env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.mark.parametrize("command", [
    ["query", "rests-on"], ["query", "impact"], ["explain"], ["crux"],
    ["query", "path", "direct-pressure-track-insufficient"],
])
def test_a_map_given_before_the_node_is_told_the_order(command: list[str]) -> None:
    """`argmap query rests-on arguments/ NODE` (the map first): the error says to give the
    node first, not only that no file is named NODE."""
    result = run(*command, "arguments/", "shelve-old-playbook")
    meant = " ".join([*command, "shelve-old-playbook", "arguments/"])
    assert (2, "argmap: error: shelve-old-playbook: no such file or folder; the node comes "
            f"before the paths: `argmap {meant}`\n") == (result.exit_code, result.stderr)


def test_a_missing_map_after_a_node_is_only_missing() -> None:
    """With the node first, a path that names nothing is just that (no word of order)."""
    result = run("query", "rests-on", "shelve-old-playbook", "no-such-folder/")
    assert (2, "argmap: error: no-such-folder: no such file or folder\n") == (
        result.exit_code, result.stderr)


def test_rests_on_text_and_json() -> None:
    """rests-on draws the tree with quotes and attacks; JSON has the same steps."""
    result = run("query", "rests-on", "security-apparatus-touts-diplomatic-successes",
                 FLAGSHIP_REL, "--depth", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("objection security-apparatus-touts-diplomatic-successes: ")
    assert lines[2].startswith("├── attacked by claim policy-wins-bring-no-relief: ")
    assert "    └── support undercut by claim victories-lack-economic-leverage: " in \
        result.stdout
    assert lines[3].endswith("(more support not shown)")
    data = json.loads(run("query", "rests-on", "security-apparatus-touts-diplomatic-successes",
                          FLAGSHIP_REL, "--depth", "1", "--format", "json").stdout)
    assert [s["node"] for s in data["steps"]] == [
        P + "security-apparatus-touts-diplomatic-successes",
        P + "signaling-achievements-conceded"]
    assert data["steps"][1]["via"] == {
        "kind": "supports", "id": "achievements-show-effectiveness", "by": "source",
        "scheme": "sign", "source": P + "signaling-achievements-conceded",
        "target": P + "security-apparatus-touts-diplomatic-successes"}


INFERRED = """\
argmap: 1
title: Inferred
sources:
  - id: s
    title: S
nodes:
  - id: e
    kind: evidence
    text: E.
    source: s
    supports: [c]
  - id: a
    kind: assumption
    text: A.
    supports:
      - to: c
        by: analyst
  - id: o
    kind: objection
    text: O.
    attacks:
      - to: c
        by: analyst
  - id: c
    kind: claim
    text: C.
tensions:
  - id: t
    between: [c, e]
    note: E is not quite C.
"""


def test_source_only_in_queries_and_evaluation(tmp_path: Path) -> None:
    """rests-on marks the analyst's inferences and leaves them out with --source-only;
    evaluate and explain judge without the analyst's attack."""
    path = str(write_map(tmp_path, "m.yaml", INFERRED))
    tree = run("query", "rests-on", "c", path).stdout.splitlines()
    assert tree[:3] == ["claim c: C.", "├── attacked by objection o: O.",
                        "├── evidence e: E."]
    assert tree[3] == "└── assumption a: A. (the analyst's inference)"
    assert run("query", "rests-on", "c", path, "--source-only").stdout.splitlines() == [
        "claim c: C.", "└── evidence e: E."]
    data = json.loads(run("query", "rests-on", "c", path, "-f", "json").stdout)
    assert [s["via"] and s["via"]["by"] for s in data["steps"]] == [None, "source", "analyst"]
    stats = run("query", "stats", path, "--source-only").stdout.splitlines()
    assert stats[2] == "relations: 1 (supports 1, attacks 0, undercuts 0)"
    tension = ("  The source is in tension here: e does not sit with it (tension t): E is not "
               "quite C.")
    assert run("explain", "c", path).stdout.splitlines() == [
        "c is OUT because it is attacked by o, which is IN.", "  o is IN: nothing attacks it.",
        tension]
    assert run("explain", "c", path, "--source-only").stdout.splitlines() == [
        "c is IN: nothing attacks it, and it is supported by e, which is IN.",
        "  e is IN: nothing attacks it.", tension]
    for flags, status in (([], "out"), (["--source-only"], "in")):
        evaluation = json.loads(run("evaluate", path, "-f", "json", *flags).stdout)
        assert evaluation["nodes"]["m:c"]["status"] == status


def test_impact_json() -> None:
    """impact --format json lists what falls and what stands on other support."""
    result = run("query", "impact", "istanbul-talks-collapsed", FLAGSHIP_REL, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["falls"] == [P + "high-stakes-dialogue-limited",
                             P + "direct-pressure-track-insufficient"]
    assert len(data["stands"]) == 11


def test_json_is_deterministic() -> None:
    """Two runs give byte-identical JSON."""
    args = ("evaluate", FLAGSHIP_REL, "--strength", "--without", "istanbul-talks-collapsed",
            "--format", "json")
    assert run(*args).stdout == run(*args).stdout


def test_path_list_stats() -> None:
    """path, list and stats answer on the flagship map."""
    path = run("query", "path", "strikes-risk-ethnic-alienation", "shelve-old-playbook",
               FLAGSHIP_REL)
    assert path.stdout.splitlines()[0] == ("1. for: strikes-risk-ethnic-alienation attacks "
                                           "coercion-can-secure-compliance attacks "
                                           "shelve-old-playbook")
    listed = run("query", "list", FLAGSHIP_REL, "--kinds", "evidence", "--text", "istanbul")
    assert listed.stdout.splitlines()[-1] == "2 nodes"
    stats = json.loads(run("query", "stats", "arguments/", "--format", "json").stdout)
    assert stats["coverage"] == {"grounded": 21, "conclusions": 39, "share": 0.538462}
    assert stats["depth"] == 8


def test_list_kinds_and_tags_in_either_spelling() -> None:
    """`query list` takes --kinds and --tags as `render` does, comma-separated or repeated,
    and --kind and --tag (its old spellings, hidden) alike: the same nodes."""
    shown = run("query", "list", FLAGSHIP_REL, "--kinds", "evidence,claim", "--tags",
                "istanbul-talks,mediation")
    lines = shown.stdout.splitlines()
    assert (0, "7 nodes") == (shown.exit_code, lines[-1])
    for args in (["--kind", "evidence", "--kind", "claim", "--tag", "istanbul-talks",
                  "--tag", "mediation"],
                 ["--kinds", "evidence", "--kind=claim", "--tags", "mediation",
                  "--tag", "istanbul-talks"]):
        assert lines == run("query", "list", FLAGSHIP_REL, *args).stdout.splitlines()
    help_text = run("query", "list", "--help").stdout
    assert ("--kinds KINDS", "--tags TAGS") == tuple(
        o for o in ("--kinds KINDS", "--tags TAGS", "--kind ", "--tag ") if o in help_text)


def test_evaluate_what_if_json() -> None:
    """evaluate --assume shows the changes against the baseline."""
    data = json.loads(run("evaluate", FLAGSHIP_REL, "--assume",
                          "coercion-can-secure-compliance=in", "-f", "json").stdout)
    assert data["counts"] == {"in": 55, "out": 4}
    assert [(c["node"], c["before"], c["after"]) for c in data["what_if"]["changes"]] == [
        (P + "coercion-can-secure-compliance", "out", "in"),
        (P + "shelve-old-playbook", "in", "out"),
        (P + "paradigm-shift-coercion-to-coexistence", "in", "out")]
    assert data["what_if"]["assume"] == {P + "coercion-can-secure-compliance": "in"}


def test_usage_errors_exit_2() -> None:
    """Bad node names and bad --assume values are errors with exit code 2."""
    unknown = run("query", "rests-on", "nope", FLAGSHIP_REL)
    assert unknown.exit_code == 2
    assert "argmap: error: no node 'nope'" in unknown.stderr
    bad = run("evaluate", FLAGSHIP_REL, "--assume", "porous-frontier=maybe")
    assert bad.exit_code == 2
    assert "--assume takes NODE=in or NODE=out, not 'porous-frontier=maybe'" in bad.stderr
    kind = run("query", "list", FLAGSHIP_REL, "--kinds", "fact")
    assert kind.exit_code == 2
    assert "unknown kind 'fact'" in kind.stderr
    removed = run("explain", "porous-frontier", FLAGSHIP_REL, "--without", "porous-frontier")
    assert removed.exit_code == 2


def test_broken_map_is_located(tmp_path: Path) -> None:
    """A map that does not load is reported at path:line:col, exit code 2."""
    path = write_map(tmp_path, "b.yaml", "argmap: 1\ntitle: B\nnodes:\n  - id: a\n")
    result = run("evaluate", str(path))
    assert result.exit_code == 2
    assert f"{path}:4:5: error:" in result.stderr


def test_markup_in_user_text_is_printed_as_written(tmp_path: Path) -> None:
    """Rich markup and brackets in node text are shown literally, never interpreted."""
    path = write_map(tmp_path, "m.yaml", """\
argmap: 1
title: M
nodes:
  - {id: a, kind: evidence, text: "[bold]A[/bold] [/link] \\\\", supports: [b]}
  - {id: b, kind: claim, text: "B [red]x"}
""")
    tree = run("query", "rests-on", "b", str(path))
    assert tree.exit_code == 0, tree.output
    assert "evidence a: [bold]A[/bold] [/link] \\" in tree.stdout
    assert "claim b: B [red]x" in run("query", "list", str(path)).stdout


def _pairs(tmp_path: Path, name: str, pairs: int) -> Path:
    """A map of ``pairs`` mutual attacks: 2^pairs preferred (and stable) extensions."""
    lines = ["argmap: 1", "title: Cycles", "nodes:"]
    for i in range(0, 2 * pairs, 2):
        lines.append(f"  - {{id: a{i}, kind: claim, text: A, attacks: [a{i + 1}]}}")
        lines.append(f"  - {{id: a{i + 1}, kind: claim, text: B, attacks: [a{i}]}}")
    return write_map(tmp_path, name, "\n".join(lines) + "\n")


def test_limit_and_budget(tmp_path: Path) -> None:
    """Extensions past --limit are not listed (the statuses stay exact); a solver that
    spends its --budget of conflicts stops with exit code 2. 101 mutual attacks (2^101
    extensions, which the old search refused) are answered at once."""
    many = _pairs(tmp_path, "m.yaml", 101)
    listed = run("evaluate", str(many), "--semantics", "preferred", "--limit", "5")
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines()[0] == (
        "preferred semantics: 202 in|out (202 nodes; more than 5 extensions, 5 listed "
        "(--limit))")
    data = json.loads(run("evaluate", str(many), "-s", "stable", "--limit", "3",
                          "-f", "json").stdout)
    assert (3, False) == (len(data["extensions"]), data["all_extensions"])
    small = _pairs(tmp_path, "s.yaml", 2)
    ok = run("evaluate", str(small), "--semantics", "preferred", "--limit", "0")
    assert ok.stdout.splitlines()[0] == "preferred semantics: 4 in|out (4 nodes; 4 extensions)"
    odd = write_map(tmp_path, "odd.yaml", "argmap: 1\ntitle: Odd\nnodes:\n" + "".join(
        f"  - {{id: a{i}, kind: claim, text: A, attacks: [a{(i + 1) % 3 + 3 * (i // 3)}, "
        f"a{(i + 3) % 30}]}}\n" for i in range(30)))
    spent = run("evaluate", str(odd), "--semantics", "stable", "--budget", "1")
    assert spent.exit_code == 2
    assert "no answer within the budget of 1 solver conflicts" in spent.stderr


def test_accept(tmp_path: Path) -> None:
    """--accept answers credulous and sceptical acceptance of one node, in text, JSON and
    ICCMA's YES/NO (DC, or DS with --sceptical), under a what-if too."""
    path = write_map(tmp_path, "f.yaml", """\
argmap: 1
title: Floating
nodes:
  - {id: a, kind: claim, text: A, attacks: [b, c]}
  - {id: b, kind: claim, text: B, attacks: [a, c]}
  - {id: c, kind: claim, text: C, attacks: [d]}
  - {id: d, kind: claim, text: D}
""")
    text = run("evaluate", str(path), "-s", "preferred", "--accept", "a").stdout
    assert text == ("a under preferred semantics: credulously accepted (in some extension): "
                    "yes; sceptically accepted (in every extension): no\n")
    data = json.loads(run("evaluate", str(path), "-s", "preferred", "--accept", "d",
                          "-f", "json").stdout)
    assert (True, True, "f:d") == (data["credulous"], data["sceptical"], data["node"])
    assert ["NO\n", "YES\n", "YES\n"] == [
        run("evaluate", str(path), "-s", "stable", "--accept", "c", "--iccma").stdout,
        run("evaluate", str(path), "-s", "stable", "--accept", "d", "--iccma").stdout,
        run("evaluate", str(path), "-s", "stable", "--accept", "d", "--iccma",
            "--sceptical").stdout]
    what_if = run("evaluate", str(path), "-s", "grounded", "--accept", "a", "--without", "b",
                  "--iccma")
    assert what_if.stdout == "YES\n"
    wrong = run("evaluate", str(path), "--sceptical")
    assert wrong.exit_code == 2
    assert "--sceptical chooses the answer of --accept --iccma" in wrong.stderr


def test_iccma_output(tmp_path: Path) -> None:
    """--iccma prints a line `w ...` per extension, at most --limit of them, or NO."""
    path = _pairs(tmp_path, "p.yaml", 1)
    both = run("evaluate", str(path), "-s", "stable", "--iccma").stdout
    assert sorted(both.splitlines()) == ["w p:a0", "w p:a1"]
    assert len(run("evaluate", str(path), "-s", "stable", "--iccma", "--limit", "1")
               .stdout.splitlines()) == 1
    odd = write_map(tmp_path, "odd.yaml", "argmap: 1\ntitle: Odd\nnodes:\n"
                    "  - {id: a, kind: claim, text: A, attacks: [a]}\n")
    assert run("evaluate", str(odd), "-s", "stable", "--iccma").stdout == "NO\n"
    clash = run("evaluate", str(odd), "--iccma", "-f", "json")
    assert clash.exit_code == 2
    assert "--iccma and --format json are two output formats" in clash.stderr


def test_evaluate_iccma_file() -> None:
    """An ICCMA framework is evaluated directly, its arguments named as in the file:
    Small-result-b2 has two preferred extensions; explain reads it as a map."""
    path = str(THIRD_PARTY / "argument_solver" / "inputs" / "competition" / "storage" /
               "1_Small-result-b2" / "Small-result-b2.apx")
    result = run("evaluate", path, "--semantics", "preferred", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["extensions"] == [["a0_0", "a2_0", "a3_2"], ["a1_0", "a2_0", "a4_2"]]
    explained = run("explain", "a2_0", path)
    assert explained.stdout == "a2_0 is IN: nothing attacks it.\n"


def test_evaluate_framework_any_name_what_if_and_accept(tmp_path: Path) -> None:
    """A framework goes straight to the solver: names a map could not have (`a:b`, `ä`,
    `_a`), any case of ending, what-if by argument name, --accept; names are printed
    without terminal control characters."""
    path = tmp_path / "n.APX"
    path.write_text("arg(a:b).\narg(\u00e4).\narg(_a).\narg(e\x1b[31m).\n"
                    "att(a:b,\u00e4).\natt(\u00e4,_a).\n", encoding="utf-8")
    result = run("evaluate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "grounded semantics: 3 in, 1 out (4 arguments)", "in     a:b", "out    \u00e4",
        "in     _a", "in     e\\x1b[31m"]
    what_if = run("evaluate", str(path), "--without", "a:b", "--assume", "_a=out")
    assert what_if.stdout.splitlines()[-4:] == [
        "3 changes against the baseline:", "  a:b: in -> removed", "  \u00e4: out -> in",
        "  _a: in -> out"]
    accept = run("evaluate", str(path), "-s", "stable", "--accept", "_a", "--iccma")
    assert accept.stdout == "YES\n"
    unknown = run("evaluate", str(path), "--accept", "zz")
    assert unknown.exit_code == 2
    assert (f"argmap: error: no argument 'zz'; `argmap evaluate {shlex.quote(str(path))}` lists "
            "the arguments\n") == unknown.stderr
    clash = run("evaluate", str(path), "--assume", "_a=in", "--assume", "_a=out")
    assert clash.exit_code == 2
    assert "contradicts an earlier --assume of the same node" in clash.stderr


def test_crux_of_one_set_says_this_set(tmp_path: Path) -> None:
    """A node that falls with one set of rejections is said to fall with "this set", not
    with "any of these 1 set" (the flagship's paradigm shift hangs on one undercut)."""
    path = write_map(tmp_path, "r.yaml", """\
argmap: 1
title: One line
nodes:
  - {id: r, kind: recommendation, text: R}
  - {id: o, kind: objection, text: O, attacks: [r]}
  - {id: a, kind: claim, text: A, attacks: [o]}
""")
    assert run("crux", "r", str(path)).stdout.splitlines() == [
        "r is accepted under grounded semantics; it falls with this set of rejections:",
        "  1. denying that a attacks o: it becomes out"]


def test_crux_text_json_and_threshold(tmp_path: Path) -> None:
    """crux lists the minimal sets of rejections in words, smallest first, and in JSON;
    --threshold adds the DF-QuAD sets; a node not accepted has nothing to bring down."""
    path = write_map(tmp_path, "r.yaml", """\
argmap: 1
title: Two lines
nodes:
  - {id: e1, kind: evidence, text: E1, supports: [r]}
  - {id: e2, kind: evidence, text: E2, supports: [r]}
  - {id: r, kind: recommendation, text: R}
  - {id: o, kind: objection, text: O, attacks: [o]}
""")
    text = run("crux", "r", str(path), "--max-size", "2", "--threshold", "0.6").stdout
    assert text.splitlines() == [
        "r is accepted under grounded semantics; it falls with any of these 4 sets of "
        "rejections (smallest first):",
        "  1. the evidence e1 taken away; the evidence e2 taken away: it becomes out",
        "  2. the evidence e1 taken away; denying that e2 supports r: it becomes out",
        "  3. the evidence e2 taken away; denying that e1 supports r: it becomes out",
        "  4. denying that e1 supports r; denying that e2 supports r: it becomes out",
        "Its DF-QuAD strength 0.875 falls below 0.6 without this:",
        "  1. the evidence e1 taken away; the evidence e2 taken away: 0.500"]
    data = json.loads(run("crux", "r", str(path), "--max-size", "1", "-f", "json").stdout)
    assert (True, [], 4, True) == (data["accepted"], data["cruxes"], data["candidates"],
                                   data["complete"])
    alone = run("crux", "o", str(path)).stdout
    assert alone == "o is not accepted under grounded semantics: nothing to bring down.\n"
    assert run("crux", "r", str(path), "--max-size", "1").stdout == (
        "r stands under grounded semantics whatever set of at most 1 of the 4 things it "
        "rests on is rejected.\n")
    # Evidence rests on nothing: said so, not "at most 2 of the 0 things".
    assert run("crux", "e1", str(path)).stdout == (
        "e1 stands under grounded semantics: it rests on nothing that could be rejected (no "
        "evidence, assumption or relation below it).\n")


def test_crux_threshold_nan_is_refused() -> None:
    """--threshold nan passed typer's range check (no comparison with NaN holds) and was
    printed as 'stays at or above nan', or as NaN in JSON, which is no JSON: refused."""
    for args in ((), ("-f", "json")):
        result = run("crux", "move-to-brokered-diplomacy", FLAGSHIP_REL, "--threshold", "nan",
                     *args)
        assert (2, "") == (result.exit_code, result.stdout)
        assert "--threshold must be a number from 0 to 1; got nan" in result.stderr


def test_explain_json_carries_node_keys_and_labels() -> None:
    """explain --format json: every sentence about a node has its key and label."""
    data = json.loads(run("explain", "coercion-can-secure-compliance", FLAGSHIP_REL,
                          "-f", "json").stdout)
    assert ("pakistan-afghanistan:coercion-can-secure-compliance", "out") == \
        (data["node"], data["label"])
    assert [("pakistan-afghanistan:strikes-risk-ethnic-alienation", "in")] == \
        [(child["node"], child["label"]) for child in data["because"]]


def test_unsettled_strength_is_shown_as_such(tmp_path: Path) -> None:
    """A DF-QuAD cycle that does not settle is shown as `cycle` with the values it swings
    between, and in JSON as no strength with the two values."""
    path = write_map(tmp_path, "osc.yaml", """\
argmap: 1
title: T
nodes:
  - {id: a, kind: claim, text: A, confidence: 1, attacks: [b]}
  - {id: b, kind: claim, text: B, confidence: 1, attacks: [c]}
  - {id: c, kind: claim, text: C, confidence: 1, attacks: [a]}
  - {id: d, kind: claim, text: D}
""")
    lines = run("evaluate", str(path), "--strength").stdout.splitlines()
    assert lines[1:] == [
        "warning: strengths on a cycle did not settle within 1000 iterations: 3 nodes, "
        "shown as 'cycle', swing between two values (a 0.000..1.000, b 0.000..1.000, "
        "c 0.000..1.000)",
        "undec  cycle  claim          a", "undec  cycle  claim          b",
        "undec  cycle  claim          c", "in     0.500  claim          d"]
    data = json.loads(run("evaluate", str(path), "--strength", "-f", "json").stdout)
    assert {"status": "undec", "strength": None, "oscillates": [0.0, 1.0]} == \
        data["nodes"]["osc:a"]
    assert {"status": "in", "strength": 0.5} == data["nodes"]["osc:d"]


INTERVALS = """\
argmap: 1
title: Intervals
nodes:
  - {id: a, kind: evidence, text: A, confidence: [0.5, 0.8],
     supports: [{to: c, strength: [0.6, 0.9]}]}
  - {id: b, kind: objection, text: B, confidence: 0.3, attacks: [{to: c, strength: [0.2, 0.4]}]}
  - {id: c, kind: claim, text: C}
"""


def test_evaluate_shows_strength_ranges(tmp_path: Path) -> None:
    """With intervals in the map, evaluate --strength gives a range beside each strength
    the intervals leave open (text and JSON); a strength they do not touch has none."""
    path = write_map(tmp_path, "iv.yaml", INTERVALS)
    lines = run("evaluate", str(path), "--strength").stdout.splitlines()
    assert lines[1:] == [
        "in     0.650  0.500..0.800    evidence       a",
        "in     0.300                  objection      b",
        "out    0.699  0.590..0.830    claim          c"]
    data = json.loads(run("evaluate", str(path), "--strength", "-f", "json").stdout)
    assert {"status": "out", "strength": 0.69875, "range": [0.59, 0.83]} == \
        data["nodes"]["iv:c"]
    assert {"status": "in", "strength": 0.3} == data["nodes"]["iv:b"]


def test_explain_says_the_strength_range(tmp_path: Path) -> None:
    """explain ends with the node's strength range when the map has intervals."""
    path = write_map(tmp_path, "iv.yaml", INTERVALS)
    assert run("explain", "c", str(path)).stdout.splitlines()[-1] == (
        "  Its DF-QuAD strength is 0.699 with the map's intervals at their midpoints, and "
        "between 0.590 and 0.830 wherever in them the values lie.")
    assert run("explain", "b", str(path)).stdout.splitlines()[-1] == (
        "  Its DF-QuAD strength is 0.300 whatever values the map's intervals take.")


@pytest.mark.parametrize("what", ["framework", "map"])
def test_closed_pipe_ends_quietly_with_success(tmp_path: Path, what: str) -> None:
    """`argmap evaluate ... | head -1`: once the reader has gone, argmap stops with exit
    code 0 and nothing on stderr (it was 1), whether it was writing plain text (a
    framework's table) or through rich (a map's summary; the pipe is closed before
    anything is written)."""
    path = tmp_path / "big.af"
    path.write_text("p af 50000\n" + "".join(f"{i} {i + 1}\n" for i in range(1, 50000)),
                    encoding="ascii")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    target = str(path) if what == "framework" else str(ROOT / FLAGSHIP_REL)
    child = subprocess.Popen([sys.executable, "-m", "argmap", "evaluate", target],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None
    assert child.stderr is not None
    if what == "framework":
        assert child.stdout.readline().startswith(b"grounded semantics:")
    child.stdout.close()
    with child.stderr:
        assert (0, b"") == (child.wait(timeout=60), child.stderr.read())


# --- the worked examples of the docs -------------------------------------------------------

CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str, str]]:
    out = []
    for doc in ("docs/queries.md", "docs/semantics.md"):
        text = Path(doc).read_text(encoding="utf-8")
        for block in CONSOLE.findall(text):
            command, _, expected = block.partition("\n")
            assert command.startswith("$ argmap "), command
            out.append((doc, command[2:], expected))
    return out


@pytest.mark.parametrize(("doc", "command", "expected"), _examples(),
                         ids=[f"{d[5:-3]}:{c[7:60]}" for d, c, _ in _examples()])
def test_documented_examples(doc: str, command: str, expected: str) -> None:
    """Each `$ argmap ...` example of the docs prints exactly the output shown after it."""
    result = run(*shlex.split(command)[1:])
    actual = "\n".join(line.rstrip() for line in result.output.splitlines())
    assert actual + "\n" == expected, f"{doc}: {command}"


def test_docs_have_examples() -> None:
    """Both documents carry worked examples (so the test above is not vacuous)."""
    docs = [d for d, _, _ in _examples()]
    assert docs.count("docs/queries.md") >= 8
    assert docs.count("docs/semantics.md") >= 6


def test_rests_on_text_stops_at_50_levels(tmp_path: Path) -> None:
    """A support chain deeper than 50 levels is drawn to 50 with a note; JSON has it all."""
    lines = ["argmap: 1", "title: Chain", "nodes:"]
    lines += [f"  - {{id: n{i}, kind: claim, text: N{i}., supports: [n{i - 1}]}}"
              for i in range(1, 61)]
    lines.append("  - {id: n0, kind: claim, text: N0.}")
    path = write_map(tmp_path, "chain.yaml", "\n".join(lines) + "\n")
    text = run("query", "rests-on", "n0", str(path)).stdout.splitlines()
    assert len(text) == 52
    assert text[-2].endswith("claim n50: N50. (more support not shown)")
    assert text[-1] == ("(support deeper than 50 levels is not drawn: use --depth N or "
                        "--format json)")
    data = json.loads(run("query", "rests-on", "n0", str(path), "-f", "json").stdout)
    assert len(data["steps"]) == 61
    assert data["grounds"] == ["chain:n60"]


def test_stable_without_extension(tmp_path: Path) -> None:
    """An odd cycle has no stable extension: said so, and every status is 'none'."""
    path = write_map(tmp_path, "odd.yaml", """\
argmap: 1
title: Odd
nodes:
  - {id: a, kind: claim, text: A, attacks: [b]}
  - {id: b, kind: claim, text: B, attacks: [c]}
  - {id: c, kind: claim, text: C, attacks: [a]}
""")
    result = run("evaluate", str(path), "--semantics", "stable")
    assert result.stdout.splitlines() == ["stable semantics: no extension (3 nodes)",
                                          "none   claim          a",
                                          "none   claim          b",
                                          "none   claim          c"]


def test_evaluate_without_naming_no_node_is_a_usage_error() -> None:
    """`--without "$NODES"` with NODES unset (or only commas) would answer as if nothing
    had been taken away: exit 2, saying so."""
    for value in ("", " , "):
        result = run("evaluate", FLAGSHIP_REL, "--without", value)
        assert 2 == result.exit_code
        assert "--without names no node" in result.stderr


def test_a_text_of_several_lines_is_listed_on_one(tmp_path: Path) -> None:
    """`query list` and `query rests-on` show a node's text on its own line, its line
    breaks as spaces: a text cannot begin a line of the output (`::error file=...` in a
    CI log is a GitHub annotation)."""
    path = write_map(tmp_path, "m.yaml", (
        "argmap: 1\ntitle: T\nnodes:\n"
        '  - {id: a, kind: claim, text: "first\\n::error file=x.yaml::forged\\r\\n::w"}\n'
        "  - {id: b, kind: evidence, text: B., supports: [a]}\n"))
    listed = run("query", "list", str(path))
    assert ["claim a: first ::error file=x.yaml::forged ::w", "evidence b: B.", "2 nodes"] == \
        listed.output.splitlines()
    rests = run("query", "rests-on", "a", str(path))
    assert "claim a: first ::error file=x.yaml::forged ::w" == rests.output.splitlines()[0]


def test_a_quote_of_several_lines_is_shown_on_one(tmp_path: Path) -> None:
    """`query rests-on` shows an evidence's quote and locator on one line too."""
    path = write_map(tmp_path, "m.yaml", (
        "argmap: 1\ntitle: T\nsources: [{id: s, title: S}]\nnodes:\n"
        "  - {id: a, kind: claim, text: A.}\n"
        '  - {id: b, kind: evidence, text: B., quote: "q\\n::error::x", source: s,'
        ' locator: "p\\n::warning::y", supports: [a]}\n'))
    assert ["claim a: A.", "\u2514\u2500\u2500 evidence b: B.",
            "        \u201cq ::error::x\u201d (s, p ::warning::y)"] == run(
        "query", "rests-on", "a", str(path)).output.splitlines()


@pytest.mark.parametrize("command", [["evaluate"], ["evaluate", "--strength"],
                                     ["query", "list"], ["explain", "1"]])
def test_a_framework_file_among_others_is_a_usage_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    """A framework file is read on its own: given with another file (a second framework
    or a map), argmap says so, where it used to read each as a map and report "a map
    file is a YAML mapping" for each."""
    monkeypatch.chdir(tmp_path)  # short names: a message cuts a path at 80 characters
    framework = Path("a.af")
    framework.write_text("p af 2\n1 2\n", encoding="ascii")
    other = Path("b.af")
    other.write_text("p af 2\n2 1\n", encoding="ascii")
    for paths in ([framework, other], [ROOT / FLAGSHIP_REL, framework]):
        result = run(*command, *map(str, paths))
        assert 2 == result.exit_code, result.output
        assert (f"argmap: error: '{framework}' is an ICCMA framework: a framework file is "
                "read on its own, not with other files; give one at a time") \
            == " ".join(result.stderr.split()), result.output
