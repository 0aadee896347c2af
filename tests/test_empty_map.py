"""Tests of argmap.checks.empty_map: a map with no nodes is a finding, not a clean check."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from argmap.checks import Settings, check
from argmap.cli import app
from argmap.loading.loader import load_set

from .helpers import write_map

EMPTY = ("argmap: 1\ntitle: Lost in a merge\nsources:\n  - id: cable\n    title: The cable\n"
         "nodes: []\n")
NO_KEY = "argmap: 1\ntitle: Nothing yet\n"
FULL = """\
argmap: 1
title: Full
sources:
  - id: cable
    title: The cable
nodes:
  - id: aid-rose
    kind: evidence
    text: US aid rose.
    source: cable
    supports: [key-ally]
  - id: key-ally
    kind: claim
    text: Pakistan is a key ally.
"""


def findings(folder: Path) -> list[str]:
    """Every finding of a check of the maps of ``folder`` (all rules), as printed."""
    return [str(p) for p in check(load_set([folder])).findings]


def test_a_map_with_an_empty_node_list_is_reported_at_its_nodes_key(tmp_path: Path) -> None:
    """`nodes: []` is a warning at the `nodes` key, and the only finding."""
    write_map(tmp_path, "m.yaml", EMPTY)
    assert [f"{tmp_path / 'm.yaml'}:6:1: warning: the map has no nodes: there is no argument "
            "to check [empty-map]"] == findings(tmp_path)


def test_a_map_without_a_nodes_key_is_reported_at_its_first_line(tmp_path: Path) -> None:
    """With no `nodes` key at all, the finding is at line 1, column 1."""
    write_map(tmp_path, "m.yaml", NO_KEY)
    [p] = check(load_set([tmp_path])).findings
    assert ("empty-map", 1, 1) == (p.code, p.location.line, p.location.col)
    assert "--ignore empty-map" in (p.hint or "")


def test_each_empty_map_of_a_folder_is_reported(tmp_path: Path) -> None:
    """In a folder, each map without nodes is reported; a map with nodes is not."""
    write_map(tmp_path, "a.yaml", EMPTY)
    write_map(tmp_path, "b.yaml", NO_KEY)
    write_map(tmp_path, "c.yaml", FULL)
    got = [(Path(p.location.path).name, p.code)
           for p in check(load_set([tmp_path])).findings]
    assert [("a.yaml", "empty-map"), ("b.yaml", "empty-map")] == got


def test_the_rule_can_be_left_out(tmp_path: Path) -> None:
    """Ignoring empty-map, in the settings or in a map's own `check:` block (which
    `argmap check` reads), leaves a stub map clean."""
    path = write_map(tmp_path, "m.yaml", EMPTY)
    assert [] == list(check(load_set([tmp_path]), Settings(ignore=("empty-map",))).findings)
    path.write_text(NO_KEY + "check:\n  ignore: [empty-map]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert (0, "No findings (1 map, 0 nodes).\n") == (result.exit_code, result.stdout)


def test_the_cli_fails_on_an_empty_map(tmp_path: Path) -> None:
    """`argmap check` of a folder whose maps lost their nodes exits 1 (not a green tick),
    the finding in the JSON report; with --ignore empty-map it exits 0."""
    write_map(tmp_path, "a.yaml", EMPTY)
    write_map(tmp_path, "b.yaml", NO_KEY)
    runner = CliRunner()
    result = runner.invoke(app, ["check", "-f", "json", str(tmp_path)])
    assert 1 == result.exit_code
    report = json.loads(result.stdout)
    assert [("empty-map", 6, 1), ("empty-map", 1, 1)] == [
        (f["code"], f["line"], f["column"]) for f in report["findings"]]
    assert 0 == runner.invoke(app, ["check", "--ignore", "empty-map", str(tmp_path)]).exit_code


def test_argmap_rules_lists_the_rule() -> None:
    """`argmap rules` lists empty-map as a warning; `argmap rules empty-map` documents it."""
    runner = CliRunner()
    listing = {line.split()[0]: line for line in runner.invoke(app, ["rules"]).stdout
               .splitlines() if line.strip()}
    assert "warning" in listing["empty-map"]
    one = runner.invoke(app, ["rules", "empty-map"])
    assert (0, True) == (one.exit_code, "nodes: []" in one.stdout)
