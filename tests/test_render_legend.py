"""Tests of argmap.render.legend: the legend of a DOT drawing."""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple
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


def _legend_drawn(svg: Path) -> _Drawn:
    """The legend as Graphviz drew it in an SVG: see :class:`_Drawn`."""
    points: dict[str, tuple[float, float]] = {}
    heads: dict[str, list[tuple[float, float]]] = {}
    texts: list[tuple[str, float, float, float]] = []
    title, frame = ("", 0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 0.0)
    for group in ElementTree.parse(svg).iter(f"{_SVG}g"):
        name = group.findtext(f"{_SVG}title") or ""
        if name == "cluster_legend":
            box = [float(v) for v in re.findall(r"-?[\d.]+", group.find(f".//{_SVG}path")
                                                 .get("d", ""))]  # type: ignore[union-attr]
            frame = (min(box[0::2]), min(box[1::2]), max(box[0::2]), max(box[1::2]))
            label = next(group.iter(f"{_SVG}text"))
            title = (str(label.text), float(label.get("x", "nan")),
                     float(label.get("y", "nan")), float(label.get("font-size", "nan")))
            continue
        if not name.startswith("~legend-"):
            continue
        texts += [(str(x.text), float(x.get("x", "nan")), float(x.get("y", "nan")),
                   float(x.get("font-size", "nan"))) for x in group.iter(f"{_SVG}text")]
        dot = group.find(f"{_SVG}ellipse")
        if group.get("class") == "node" and dot is not None and name.endswith(("-a", "-b")):
            points[name] = (float(dot.get("cx", "nan")), float(dot.get("cy", "nan")))
        if group.get("class") == "edge":
            sample = name.split("->")[0].removeprefix("~legend-")[:-2]
            heads[sample] = [(float(x), float(y)) for shape in group.iter(f"{_SVG}polygon")
                             for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)",
                                                    shape.get("points", ""))]
    arrows = {name[len("~legend-"):-2]: (xy, points[name[:-1] + "b"])
              for name, xy in points.items() if name.endswith("-a")}
    return _Drawn(arrows, heads, texts, title, frame)


class _Drawn(NamedTuple):
    """A legend drawn in an SVG, in its coordinates (y grows downwards)."""

    arrows: dict[str, tuple[tuple[float, float], tuple[float, float]]]
    """Each sample: its tail's and head's centres (the ``-a`` and ``-b`` points)."""
    heads: dict[str, list[tuple[float, float]]]
    """Each sample drawn in the legend: the corners of its arrowheads (none: a line)."""
    texts: list[tuple[str, float, float, float]]
    """Every text of the legend but its title: text, x, baseline, font size."""
    title: tuple[str, float, float, float]
    """The legend's title: text, x (its centre), baseline, font size."""
    frame: tuple[float, float, float, float]
    """The legend's frame: left, top, right, bottom."""


def _band(baseline: float, size: float) -> tuple[float, float]:
    """The height a line of text takes: its ascent (capitals and accents, 0.8 em at
    most in Noto Sans and DejaVu Sans) above the baseline, its descent (0.25 em) below."""
    return baseline - 0.8 * size, baseline + 0.25 * size


_DIRECTIONS = ["bottom-up", "top-down", "left-right", "right-left"]
_CASES = {
    "both": [*_FOCUS, "--labels", "both"],
    "text": [*_FOCUS, "--labels", "text"],
    "short": [*_FOCUS, "--labels", "short"],
    "print": [*_FOCUS, "--labels", "both", "--theme", "print"],
    "section": [*_FOCUS, "--labels", "both", "--group", "section", "--highlight-findings"],
    "slide": [*_FOCUS, "--page", "slide"],
    "a4": [*_FOCUS, "--page", "a4"],
    "layered": ["--labels", "text", "--engine", "layered"],
    "layered-short": ["--labels", "short", "--engine", "layered"],
    "flagship-text": ["--labels", "text"],
    "flagship-a4": ["--page", "a4"],
    # Every node kind, and a check finding marked.
    "small-every-kind": ["--labels", "text", "--highlight-findings", "--",
                         "tests/golden/small.yaml"],
    # The finding's and the crux's boxes after the samples.
    "crux": ["--labels", "text", "--highlight-findings", "--crux",
             "reassess-afghanistan-policy"],
    # No recommendation: the map has no last rank of its own for the legend to join.
    "no-recommendation": ["--labels", "text", "--kinds", "claim,evidence,objection"],
}


def _render(tmp_path: Path, direction: str, case: str) -> _Drawn:
    """The legend of a case drawn in a direction (the flagship map unless the case names
    its own; on the first page when the drawing is cut into pages)."""
    out = tmp_path / "x.svg"
    args = _CASES[case] if "--" in _CASES[case] else [*_CASES[case], "--", FLAGSHIP_REL]
    result = CliRunner().invoke(app, ["render", "-o", str(out), "--direction", direction,
                                      *args])
    assert 0 == result.exit_code, result.output
    return _legend_drawn(out if out.exists() else tmp_path / "x-01.svg")


@pytest.fixture(scope="module", params=_DIRECTIONS)
def direction(request: pytest.FixtureRequest) -> str:
    """Each direction a map is drawn in."""
    return str(request.param)


@needs_graphviz
@pytest.mark.parametrize("case", list(_CASES))
def test_legend_reads_right(tmp_path: Path, direction: str, case: str) -> None:
    """In every direction the legend reads right: every sample is drawn flat, its head
    right of its tail and its arrowhead at the head (on main dot drew the left-to-right
    samples upright, and the top-down ones pointing left once); its title clear of
    every other text (bottom up it stood over the last sample's name when that row had
    no kind); and all of it inside its frame."""
    drawn = _render(tmp_path, direction, case)
    assert drawn.arrows
    for name, ((tail_x, tail_y), (head_x, head_y)) in drawn.arrows.items():
        assert (name, True, True) == (name, head_x > tail_x, abs(head_y - tail_y) < 1)
        corners = drawn.heads.get(name, [])
        nearer_the_head = [abs(x - head_x) < abs(x - tail_x) for x, _ in corners]
        assert (name, True) == (name, all(nearer_the_head))
    title, _, baseline, size = drawn.title
    top, bottom = _band(baseline, size)
    left, upper, right, lower = drawn.frame
    assert "Legend" == title
    for text, x, y, font in drawn.texts:
        above, below = _band(y, font)
        assert (text, True) == (text, below <= top or above >= bottom)
        assert (text, True) == (text, left < x < right and upper < y < lower)
    # A sample clear of the frame's top and bottom (in a row of its own it lay on it).
    for name, ends in drawn.arrows.items():
        assert (name, True) == (name, all(left <= x <= right and upper + 3 <= y <= lower - 3
                                          for x, y in ends))


@needs_graphviz
@pytest.mark.parametrize("case", ["text", "flagship-text", "short", "small-every-kind",
                                  "no-recommendation"])
@pytest.mark.parametrize("sideways", ["left-right", "right-left"])
def test_sideways_rows_are_even(tmp_path: Path, sideways: str, case: str) -> None:
    """Left to right (and right to left) the samples are rows of a column, the same
    distance apart (an overview's two-line name makes its row a line taller), each
    sample as long as the others and short, in thin ranks after the map's last."""
    drawn = _render(tmp_path, sideways, case)
    arrows = sorted(drawn.arrows.values(), key=lambda ends: ends[0][1])
    assert len(arrows) >= 2
    steps = [b[0][1] - a[0][1] for a, b in pairwise(arrows)]
    line = 13 if case == "short" else 1
    assert min(steps) > 0, steps  # a row each (upright samples were all in one)
    assert max(steps) - min(steps) <= line, steps
    lengths = {round(head[0] - tail[0]) for tail, head in arrows}
    assert 1 == len(lengths), lengths
    # In ranks of their own beside the map's last: an inch at most (ending in a rank of
    # the map they were 235 pt long, and as far apart as its ranks).
    assert max(lengths) <= 72, lengths
