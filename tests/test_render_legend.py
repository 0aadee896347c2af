"""Tests of argmap.render.legend: the legend of a DOT drawing."""

from __future__ import annotations

from argmap.loading.loader import load, loads
from argmap.render.legend import legend_lines
from argmap.render.options import Direction, LabelMode, RenderOptions, Theme
from argmap.render.select import select
from argmap.render.style import palette

from .helpers import ROOT

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
