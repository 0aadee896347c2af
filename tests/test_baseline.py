"""Tests of argmap.baseline: fingerprints that survive edits, counts, the file's layout, and
baseline files argmap will not read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap import baseline
from argmap.checks import check
from argmap.errors import LoadError, Location, Problem, Severity
from argmap.loading.loader import load_set
from argmap.safeio import MIB
from argmap.writer import written_by_argmap

from .helpers import finishes, write_map

MAP = """\
argmap: 1
title: T
sources:
  - id: s
    title: S
    text: sources/missing.txt
nodes:
  - id: a
    kind: claim
    text: A.
  - id: b
    kind: claim
    text: B.
    supports: [a]
"""

#: The same map edited above and between its nodes: a comment, a new node, a new text.
MOVED = MAP.replace("nodes:\n", "# a new comment\nnodes:\n  - id: new\n    kind: claim\n"
                    "    text: New.\n    supports: [a]\n").replace("text: B.", "text: B, reworded.")


def _findings(folder: Path) -> tuple[Problem, ...]:
    return check(load_set([folder / "maps" / "m.yaml"])).findings


def _write(tmp_path: Path, text: str) -> None:
    write_map(tmp_path / "maps", "m.yaml", text)


def test_findings_of_an_edited_map_are_still_in_the_baseline(tmp_path: Path) -> None:
    """Lines moved, a node added, a text reworded: yesterday's findings are still known, and
    only the new node's finding is new."""
    _write(tmp_path, MAP)
    before = _findings(tmp_path)
    recorded = baseline.parse(baseline.text(before, tmp_path))
    _write(tmp_path, MOVED)
    after = _findings(tmp_path)
    assert [p.location.line for p in before] != [p.location.line for p in after][:len(before)]
    kept, held = recorded.filter(after, tmp_path)
    assert (["claim 'new' has no support"], len(before)) == ([p.message for p in kept], held)


def test_fingerprints_do_not_depend_on_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`argmap check maps/m.yaml` from the project and `argmap check m.yaml` from maps/ give
    the same fingerprints, file names in messages included (source-text-missing)."""
    _write(tmp_path, MAP)
    monkeypatch.chdir(tmp_path)
    outside = check(load_set(["maps/m.yaml"])).findings
    from_project = [baseline.fingerprint(p, tmp_path) for p in outside]
    monkeypatch.chdir(tmp_path / "maps")
    inside = check(load_set(["m.yaml"])).findings
    assert "source-text-missing" in {p.code for p in inside}
    assert [p.message for p in inside] != [p.message for p in outside]
    assert from_project == [baseline.fingerprint(p, tmp_path) for p in inside]


def _problem(line: int, message: str = "claim 'a' has no support",
             node: str | None = "m:a") -> Problem:
    return Problem(Location("maps/m.yaml", line, 9), "unsupported-claim", message,
                   Severity.WARNING, None, node)


def test_positions_in_messages_do_not_count() -> None:
    """A message naming a line (or lines, or a column) fingerprints without the number."""
    assert baseline.fingerprint(_problem(3, "first at line 3, column 9"), Path()) == \
        baseline.fingerprint(_problem(30, "first at line 30, column 1"), Path())


@pytest.mark.parametrize("changed", [
    _problem(4, node="m:b"), _problem(4, "claim 'a' has no evidence"),
    Problem(Location("maps/other.yaml", 4, 9), "unsupported-claim", "claim 'a' has no support",
            Severity.WARNING, None, "m:a"),
    Problem(Location("maps/m.yaml", 4, 9), "ungrounded", "claim 'a' has no support",
            Severity.WARNING, None, "m:a"),
], ids=["node", "message", "map", "rule"])
def test_another_node_message_map_or_rule_is_another_finding(changed: Problem) -> None:
    """Each part of the fingerprint tells findings apart."""
    assert baseline.fingerprint(_problem(4), Path()) != baseline.fingerprint(changed, Path())


def test_identical_findings_are_counted() -> None:
    """A baseline holding one of two identical findings lets the second through."""
    recorded = baseline.parse(baseline.text([_problem(3)], Path()))
    kept, held = recorded.filter([_problem(3), _problem(7)], Path())
    assert ([7], 1) == ([p.location.line for p in kept], held)
    assert '"count": 2' in baseline.text([_problem(3), _problem(7)], Path())


def test_the_file_is_sorted_deterministic_and_marked_as_argmaps(tmp_path: Path) -> None:
    """One finding a line, sorted by map, rule and node whatever the order given, with
    argmap's mark first (so that argmap may write over it, and over no other JSON)."""
    problems = [_problem(9, "claim 'z' has no support", "m:z"), _problem(3)]
    first = baseline.text(problems, Path())
    assert first == baseline.text(problems[::-1], Path())
    lines = first.splitlines()
    assert ['{', '  "generator": "argmap",', '  "argmap-baseline": 1,', '  "findings": ['] \
        == lines[:4]
    assert ['"m:a"', '"m:z"'] == [json.loads(line.rstrip(","))["node"].join('""')
                                  for line in lines[4:6]]
    path = tmp_path / "baseline.json"
    path.write_text(first, encoding="utf-8")
    assert written_by_argmap(path)
    assert '{\n  "generator": "argmap",\n  "argmap-baseline": 1,\n  "findings": []\n}\n' == \
        baseline.text([], Path())


def test_hostile_text_in_messages_is_escaped_and_read_back() -> None:
    """Control characters and bidi overrides in a node id are escaped in the file (it is
    shown by `cat` and diffs), and the fingerprint still matches."""
    hostile = _problem(3, "claim 'a\x1b[31m\u202e' has no support", "m:a\x1b[31m\u202e")
    written = baseline.text([hostile], Path())
    assert "\x1b" not in written
    assert "\u202e" not in written
    kept, held = baseline.parse(written).filter([hostile], Path())
    assert ((), 1) == (kept, held)


def _read_problems(path: Path) -> list[tuple[str, str]]:
    error = finishes(lambda: baseline.read(path))
    assert isinstance(error, LoadError), repr(error)
    return [(str(p.location), p.message) for p in error.problems]


@pytest.mark.parametrize(("text", "where", "message"), [
    ('{"argmap-baseline": 1,\n "findings": [}', "2:15", "invalid JSON: Expecting value"),
    ('[1, 2]', "1:1", 'not an argmap baseline (an object with "argmap-baseline": 1)'),
    ('{"argmap-baseline": 2, "findings": []}', "1:1",
     'not an argmap baseline (an object with "argmap-baseline": 1)'),
    ('{"argmap-baseline": 1, "findings": {}}', "1:1", '"findings" must be a list'),
    ('{"argmap-baseline": 1, "findings": [{"count": 1}]}', "1:1",
     'findings[0]: "fingerprint" must be a string'),
    ('{"argmap-baseline": 1, "findings": [{"fingerprint": "ab", "count": true}]}', "1:1",
     'findings[0]: "count" must be a whole number of at least 1'),
    ('{"argmap-baseline": 1, "findings": [{"fingerprint": "ab", "count": 0}]}', "1:1",
     'findings[0]: "count" must be a whole number of at least 1'),
    ('{"argmap-baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "1:1",
     "JSON nested too deeply to read"),
], ids=["json", "list", "version", "findings", "fingerprint", "bool-count", "zero-count",
        "deep"])
def test_a_file_that_is_not_a_baseline_is_a_located_error(tmp_path: Path, text: str, where: str,
                                                          message: str) -> None:
    """Whatever is wrong is said at its place when JSON knows it, at the file otherwise."""
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    assert [(f"{path}:{where}", message)] == _read_problems(path)


def test_a_fifo_or_a_large_file_is_refused_without_reading_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO named as the baseline is refused at once; a file over the limit too."""
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert [(f"{fifo}:1:1", "a named pipe (FIFO), not a regular file; argmap reads baselines "
             "only from regular files")] == _read_problems(fifo)
    monkeypatch.setattr(baseline, "MAX_BASELINE_BYTES", MIB)
    big = tmp_path / "big.json"
    big.write_text(" " * MIB + baseline.text([_problem(3)], Path()), encoding="utf-8")
    assert [(f"{big}:1:1", "file is 1.0 MiB; argmap reads baselines of at most 1 MiB")] == \
        _read_problems(big)


def test_a_missing_baseline_is_an_error_not_an_empty_one(tmp_path: Path) -> None:
    """A mistyped --baseline must not quietly report every finding as new."""
    missing = tmp_path / "baseline.json"
    assert [(f"{missing}:1:1", "cannot read file: No such file or directory")] == \
        _read_problems(missing)


def test_fingerprints_of_many_are_each_ones() -> None:
    """fingerprints() gives, in order, what fingerprint() gives each finding."""
    problems = [_problem(3), _problem(30, "first at line 30, column 1"),
                _problem(4)._replace(code="other-rule")]
    assert [baseline.fingerprint(p, Path()) for p in problems] == \
        baseline.fingerprints(problems, Path())
