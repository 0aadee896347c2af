"""Tests of argmap.render.legend: the legend of a DOT drawing."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.loading.loader import load, loads
from argmap.render.legend import legend_lines
from argmap.render.options import Direction, LabelMode, RenderOptions, Theme
from argmap.render.select import select
from argmap.render.style import palette

from .helpers import FLAGSHIP_REL, ROOT

SMALL = ROOT / "tests" / "golden" / "small.yaml"
TWO = """\
argmap: 1
title: Two nodes
nodes:
  - id: e
    kind: evidence
    text: Seen.
    supports: [c]
  - id: c
    kind: claim
    text: So.
"""


def _names(lines: list[str]) -> list[str]:
    """The legend's node names, in the order they are declared."""
    return [line.split('"')[1] for line in lines if line.startswith('    "~legend-')
            and "->" not in line]


def test_only_the_kinds_drawn() -> None:
    """A map of one evidence and one claim: the legend shows those two kinds and the
    supports sample, nothing else (no attack, inference, tension or finding)."""
    view = select(loads(TWO))
    lines = legend_lines(view, palette(Theme.COLOR), RenderOptions())
    expected = ["~legend-claim", "~legend-evidence", "~legend-supports-a", "~legend-supports-b"]
    assert expected == _names(lines)
    assert lines[0] == '  subgraph "cluster_legend" {'
    assert lines[-1] == "  }"


def test_rows_start_where_the_reader_starts() -> None:
    """The rows are chained by invisible edges from the first row (recommendation) down:
    drawn bottom-up the chain points the other way, so the first row is on top."""
    view = select(load(SMALL))
    pal = palette(Theme.COLOR)
    down = legend_lines(view, pal, RenderOptions(direction=Direction.TOP_DOWN))
    up = legend_lines(view, pal, RenderOptions(direction=Direction.BOTTOM_UP))
    chain = '"~legend-recommendation" -> "~legend-claim" [style="invis"];'
    assert any(line.strip() == chain for line in down)
    reverse = '"~legend-claim" -> "~legend-recommendation" [style="invis"];'
    assert any(line.strip() == reverse for line in up)


def test_finding_row_only_when_highlighted() -> None:
    """The finding sample is in the legend only with --highlight-findings and a finding."""
    from argmap.checks import check

    m = load(SMALL)
    findings = check(m).findings
    plain = RenderOptions()
    marked = RenderOptions(highlight_findings=True)
    pal = palette(Theme.COLOR)
    assert "~legend-finding" not in _names(legend_lines(select(m, plain, findings), pal, plain))
    assert "~legend-finding" in _names(legend_lines(select(m, marked, findings), pal, marked))


def test_an_overview_legend_has_no_edge_labels() -> None:
    """With short labels (an overview) a sample's name is a text node after the sample,
    ordered sample, name by an invisible flat edge: no edge label, which would make
    dot add a rank; the sample is a third of an inch long (minlen 6 at the overview's
    spacing)."""
    view = select(load(SMALL))
    options = RenderOptions(labels=LabelMode.SHORT)
    lines = legend_lines(view, palette(Theme.COLOR), options)
    sample = next(x for x in lines if x.strip().startswith('"~legend-supports-a" -> '))
    assert "label=" not in sample
    assert 'minlen="6"' in sample
    assert any('"~legend-supports-label" [shape="plaintext", label="supports"' in x
               for x in lines)
    order = '"~legend-supports-b" -> "~legend-supports-label" [style="invis"];'
    assert any(x.strip() == order for x in lines)


def test_an_overview_legend_is_one_column() -> None:
    """In an overview every kind and every sample is a row of its own (a rank): one
    narrow column beside a bottom-up map, a strip under a left-right one; a row with a
    kind and a sample side by side made the flagship's overview a seventh wider."""
    view = select(load(SMALL))
    lines = legend_lines(view, palette(Theme.COLOR), RenderOptions(labels=LabelMode.SHORT))
    rows = [x for x in lines if x.strip().startswith("{rank=same;")]
    assert rows
    assert all(x.count('"~legend-') == 3 and "-a\"" in x for x in rows)


needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
_SVG = "{http://www.w3.org/2000/svg}"
_FOCUS = ["--focus", "victories-lack-economic-leverage", "--depth", "1"]


def _legend_arrows(svg: Path) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """Each legend sample drawn in an SVG: its name, with its tail's and head's centres
    (the ``-a`` and ``-b`` points) as Graphviz placed them."""
    centres: dict[str, tuple[float, float]] = {}
    for group in ElementTree.parse(svg).iter(f"{_SVG}g"):
        title, dot = group.find(f"{_SVG}title"), group.find(f"{_SVG}ellipse")
        if group.get("class") == "node" and title is not None and dot is not None:
            centres[str(title.text)] = (float(dot.get("cx", "nan")), float(dot.get("cy", "nan")))
    return {name[len("~legend-"):-2]: (xy, centres[name[:-1] + "b"])
            for name, xy in centres.items()
            if name.startswith("~legend-") and name.endswith("-a")}


@needs_graphviz
@pytest.mark.parametrize("args", [
    [*_FOCUS, "--labels", "both"],
    [*_FOCUS, "--labels", "text"],
    [*_FOCUS, "--labels", "short"],
    [*_FOCUS, "--labels", "both", "--theme", "print"],
    [*_FOCUS, "--labels", "both", "--direction", "top-down"],
    [*_FOCUS, "--labels", "both", "--group", "section", "--highlight-findings"],
    [*_FOCUS, "--page", "slide"],
    [*_FOCUS, "--page", "a4"],
    ["--labels", "text", "--engine", "layered"],
    ["--page", "a4"],
    # Every node kind, and a check finding marked.
    ["--labels", "text", "--highlight-findings", "--", "tests/golden/small.yaml"],
], ids=["both", "text", "short", "print", "top-down", "section", "slide", "a4",
        "layered", "flagship-a4", "small-every-kind"])
def test_legend_arrows_point_right(tmp_path: Path, args: list[str]) -> None:
    """Every legend sample is drawn flat, its head right of its tail, the way it reads: on
    main dot drew the full-text samples pointing left (they were no layout constraint,
    and nothing ordered their ends)."""
    out = tmp_path / "x.svg"
    if "--" not in args:
        args = [*args, "--", FLAGSHIP_REL]
    result = CliRunner().invoke(app, ["render", "-o", str(out), *args])
    assert 0 == result.exit_code, result.output
    arrows = _legend_arrows(out)
    assert arrows
    for name, ((tail_x, tail_y), (head_x, head_y)) in arrows.items():
        assert (name, True, True) == (name, head_x > tail_x, abs(head_y - tail_y) < 1)
