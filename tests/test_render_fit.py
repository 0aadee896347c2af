"""Tests of argmap.render.fit: the default picture's aspect, measured from the layout."""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import pytest
from benchmarks.generate import generate
from typer.testing import CliRunner

from argmap import load_set, loads
from argmap.cli import app
from argmap.render import fit as fit_module
from argmap.render.api import render_view
from argmap.render.fit import (
    ASPECT,
    FIT_COST,
    MAX_TRIES,
    PAPER_TRIES,
    fit,
    measure,
    printed,
    ratio_of,
)
from argmap.render.jsonout import Layout
from argmap.render.options import Direction, LabelMode, RenderOptions
from argmap.render.paper import READABLE_PT, Page, page_size
from argmap.render.runner import DOT_COST_LIMIT, dot_cost
from argmap.render.select import View, select

from .helpers import FLAGSHIP, ROOT

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
#: The 15-node map of the analyst tutorial: wide and shallow (7.6:1 before the fit).
TUTORIAL = ROOT / "tests" / "golden" / "istanbul.yaml"


def _view(path: Path, options: RenderOptions | None = None) -> View:
    return select(load_set([path]), options or RenderOptions())


def _generated(tmp_path: Path, nodes: int) -> Path:
    path = tmp_path / f"gen{nodes}.yaml"
    path.write_text(generate(nodes, nodes * 6 // 5), encoding="utf-8")
    return path


def overlaps(layout: Layout) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes overlap (by more than half a point: Graphviz rounds)."""
    boxes = list(layout.nodes.items())
    out = []
    for (a, (ax, ay, aw, ah)), (b, (bx, by, bw, bh)) in combinations(boxes, 2):
        if abs(ax - bx) * 2 < aw + bw - 1 and abs(ay - by) * 2 < ah + bh - 1:
            out.append((a, b))
    return out


@needs_graphviz
@pytest.mark.parametrize("source", ["flagship", "tutorial", 10, 30, 60, 100, 200])
def test_default_picture_has_a_sane_aspect(tmp_path: Path, source: str | int) -> None:
    """With no option given, the picture of the flagship, the tutorial's 15-node map and
    generated maps of 10 to 200 nodes is between 1:2 and 2:1 (measured from dot's layout
    of the DOT that is drawn), and no two nodes overlap."""
    path = {"flagship": FLAGSHIP, "tutorial": TUTORIAL}.get(str(source)) \
        or _generated(tmp_path, int(source))
    view = _view(path)
    fitted = fit(view, RenderOptions())
    layout = measure(view, fitted.options)
    low, high = ASPECT
    assert low <= ratio_of(layout) <= high, fitted.note
    assert overlaps(layout) == []


@needs_graphviz
def test_flagship_was_too_wide_and_the_note_says_what_was_chosen() -> None:
    """The flagship bottom-up at the old wrapping is more than 2:1; the fit says what it
    chose instead and what the first layout measured."""
    view = _view(FLAGSHIP)
    text = RenderOptions(labels=LabelMode.TEXT)
    assert ratio_of(measure(view, text)) > ASPECT[1]
    fitted = fit(view, text)
    assert fitted.note is not None
    assert fitted.note.startswith("fit: ")
    assert "bottom-up, text wrapped at 34 characters was" in fitted.note


@needs_graphviz
def test_the_tries_are_bounded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """However far from the bounds a map is, at most MAX_TRIES layouts are measured."""
    calls: list[RenderOptions] = []
    real = fit_module.measure

    def counting(view: View, options: RenderOptions, *args: object,
                 **kwargs: object) -> Layout:
        calls.append(options)
        return real(view, options)

    monkeypatch.setattr(fit_module, "measure", counting)
    # Thirty unrelated evidence nodes: one rank, far too wide whatever the wrapping.
    text = "argmap: 1\ntitle: t\nnodes:\n" + "".join(
        f"  - id: e{i}\n    kind: evidence\n    text: Evidence number {i}.\n"
        for i in range(30))
    view = select(loads(text, "wide.yaml"), RenderOptions())
    fitted = fit(view, RenderOptions(labels=LabelMode.TEXT))
    assert 1 < len(calls) <= MAX_TRIES
    assert fitted.layout is not None
    # --labels auto measures the full text once, then fits the short labels.
    calls.clear()
    fitted = fit(view, RenderOptions())
    assert fitted.options.labels is LabelMode.SHORT
    assert 2 < len(calls) <= 2 * MAX_TRIES + PAPER_TRIES


@needs_graphviz
def test_a_chosen_direction_is_kept() -> None:
    """--direction top-down: the fit varies the wrapping only, never the direction."""
    fitted = fit(_view(FLAGSHIP), RenderOptions(direction=Direction.TOP_DOWN))
    assert fitted.options.direction is Direction.TOP_DOWN


def test_no_fit_when_off_or_too_big(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """fit=False, or a map whose layout costs more than FIT_COST: drawn as asked, and no
    layout is measured (Graphviz is not even called)."""
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("measured")

    monkeypatch.setattr(fit_module, "measure", fail)
    options = RenderOptions(fit=False, labels=LabelMode.TEXT)
    assert fit(_view(FLAGSHIP), options).options is options
    # Unmeasured, --labels auto is the full text.
    assert fit(_view(FLAGSHIP), RenderOptions(fit=False)).options == options
    big = _view(_generated(tmp_path, 410))
    cost = dot_cost(big.graph, big.nodes, big.edges)
    assert FIT_COST < cost <= DOT_COST_LIMIT, "a map dot still lays out, too big to fit"
    fitted = fit(big, RenderOptions())
    assert fitted.options == RenderOptions(labels=LabelMode.TEXT)
    assert fitted.note is not None
    assert f"> {FIT_COST:,}" in fitted.note
    # Bigger still, the layered layout draws it: nothing to fit, nothing measured.
    huge = _view(_generated(tmp_path, 800))
    assert (RenderOptions(labels=LabelMode.TEXT), None) == (
        fit(huge, RenderOptions()).options, fit(huge, RenderOptions()).layout)


def test_dot_output_is_not_fitted() -> None:
    """DOT output needs no Graphviz: it is the unfitted source, byte for byte the same."""
    view = _view(FLAGSHIP)
    first = render_view(view, "dot")[0]
    assert first.data == render_view(view, "dot")[0].data
    assert first.details == ()
    assert b'rankdir="BT"' in first.data


@needs_graphviz
def test_verbose_prints_the_fit_note(tmp_path: Path) -> None:
    """`render -v` says how the picture was fitted on stderr; without -v it says nothing."""
    runner = CliRunner()
    out = tmp_path / "t.svg"
    quiet = runner.invoke(app, ["render", str(TUTORIAL), "-o", str(out)])
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    loud = runner.invoke(app, ["render", str(TUTORIAL), "-o", str(out), "-v"])
    assert loud.exit_code == 0
    assert loud.stderr.startswith("note: fit: bottom-up, text wrapped at ")


@needs_graphviz
@pytest.mark.parametrize("source", ["flagship", "tutorial", 10, 30])
def test_legend_takes_less_than_a_quarter_of_the_width(tmp_path: Path,
                                                        source: str | int) -> None:
    """The legend (a grid, not one row) spans under a quarter of the default picture's
    width (beside a bottom-up map) or of its height (under a left-right one); issue #12:
    it took about a quarter of the tutorial map's width, in one row."""
    import json

    from argmap.render.dot import view_to_dot
    from argmap.render.runner import run_graphviz

    path = {"flagship": FLAGSHIP, "tutorial": TUTORIAL}.get(str(source)) \
        or _generated(tmp_path, int(source))
    view = _view(path)
    fitted = fit(view, RenderOptions())
    doc = json.loads(run_graphviz(view_to_dot(view, fitted.options), "json").data)
    legend = next(o for o in doc["objects"] if o["name"] == "cluster_legend")
    x0, y0, x1, y1 = (float(v) for v in legend["bb"].split(","))
    _, _, width, height = (float(v) for v in doc["bb"].split(","))
    assert min((x1 - x0) / width, (y1 - y0) / height) < 0.25


@needs_graphviz
def test_flagship_default_reads_on_a_slide() -> None:
    """With no option the flagship (whose full text prints at about 3 pt on a slide) is
    drawn in short labels, and the picture put on a 16:9 slide or on A4 turned prints its
    smallest text at 7 pt or more (measured from dot's layout of the DOT that is drawn;
    wrapped at 12 characters it printed at 6.8 pt on A4), between 1:2 and 2:1, no two
    nodes overlapping. (On A4 upright it prints at about 5 pt: docs/render.md.)"""
    view = _view(FLAGSHIP)
    fitted = fit(view, RenderOptions())
    assert fitted.options.labels is LabelMode.SHORT
    assert fitted.note is not None
    assert fitted.note.startswith("labels: short (the full text would print at ")
    layout = measure(view, fitted.options)
    assert printed(layout, page_size(Page.SLIDE)) >= READABLE_PT
    assert printed(layout, page_size(Page.A4, landscape=True)) >= READABLE_PT
    low, high = ASPECT
    assert low <= ratio_of(layout) <= high
    assert overlaps(layout) == []


@needs_graphviz
def test_a_map_readable_in_full_keeps_its_text() -> None:
    """The tutorial's 15-node map prints readably on a slide in full text: --labels auto
    keeps the text."""
    fitted = fit(_view(TUTORIAL), RenderOptions())
    assert fitted.options.labels is LabelMode.TEXT
    assert fitted.layout is not None
    assert printed(fitted.layout, page_size(Page.SLIDE)) >= READABLE_PT


@needs_graphviz
def test_html_keeps_the_full_text() -> None:
    """The HTML page zooms and has a minimap: --labels auto is the full text there (in
    the screen drawing; the figure printed in its place has short labels)."""
    data = render_view(_view(FLAGSHIP), "html")[0].data
    screen = data[data.rindex(b"<svg", 0, data.index(b'id="am-svg"')):]
    screen = screen[: screen.index(b"</svg>")]
    assert b"Pakistan&#39;s relations with the United States" in screen or \
        b"Pakistan's relations with the United States" in screen
    assert b">Porous</text>" not in screen


#: A map of Chinese, Japanese and mixed text (wide characters take two columns).
WIDE = ROOT / "tests" / "fixtures" / "valid" / "wide-script.yaml"


@needs_graphviz
@pytest.mark.parametrize("page", [Page.A4, Page.SLIDE])
@pytest.mark.parametrize(("labels", "terse"), [("full", False), ("short", False),
                                               ("short", True)])
def test_a_fitted_render_of_wide_text_fits_its_page(tmp_path: Path, page: Page, labels: str,
                                                    terse: bool) -> None:
    """Rendered with --page, the map of wide text is an SVG the size of the page; the
    drawing lies inside it, its text prints readably, and no line of a label is wider than
    the width the fit chose, counted in columns as wrapping counts them (a wide character
    two). With terse ids (`c1`) the short labels come from the text: counted in
    characters, they were twice as wide as meant (lines of 11 Chinese characters and a
    hyphen at 12 "characters": 410 pt wide instead of 310, 14.2 pt on A4 instead of
    16.5)."""
    import re
    from xml.etree import ElementTree

    from argmap.render.escape import columns

    source = WIDE
    if terse:
        text = WIDE.read_text(encoding="utf-8")
        for old, new in (("coercion-fails", "c1"), ("coexistence", "c2"),
                         ("talks-collapsed", "c3"), ("id: mixed", "id: c4")):
            text = text.replace(old, new)
        source = tmp_path / "wide-script.yaml"
        source.write_text(text, encoding="utf-8")
    out = tmp_path / "w.svg"
    done = CliRunner().invoke(app, ["render", str(source), "-o", str(out), "--page",
                                    page.value, "--labels", labels, "-v"])
    assert done.exit_code == 0, done.output
    width = int(re.findall(r"wrapped at (\d+) characters", done.stderr)[-1])
    svg = ElementTree.parse(out).getroot()
    size = page_size(page)
    assert (f"{size.width:.2f}pt", f"{size.height:.2f}pt") == (svg.get("width"),
                                                               svg.get("height"))
    x0, y0, box_w, box_h = (float(v) for v in (svg.get("viewBox") or "").split())
    scale = size.width / box_w
    assert abs(scale - size.height / box_h) < 0.01
    ns = "{http://www.w3.org/2000/svg}"
    shift = [float(v) for v in re.findall(r"translate\(([-\d.]+) ([-\d.]+)\)",
                                          svg.find(f"{ns}g").get("transform", ""))[0]]
    for node in svg.iter(f"{ns}g"):
        name = node.findtext(f"{ns}title") or ""
        if node.get("class", "").startswith("node") and name.startswith("wide-script:"):
            for polygon in node.iter(f"{ns}polygon"):
                for point in (polygon.get("points") or "").split():
                    x, y = (float(v) for v in point.split(","))
                    assert x0 <= x + shift[0] <= x0 + box_w
                    assert y0 <= y + shift[1] <= y0 + box_h
            lines = [t.text or "" for t in node.iter(f"{ns}text")]
            assert lines
            assert all(columns(line) <= width for line in lines), lines
    smallest = min(float(t.get("font-size") or 0) for t in svg.iter(f"{ns}text"))
    assert smallest * scale >= READABLE_PT
