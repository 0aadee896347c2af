"""Tests of argmap.render.page_print: the figure the HTML page prints in place of its diagram.

tests/test_browser.py prints the pages with chromium and reads the PDF's font sizes.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from argmap.loading.loader import load_set
from argmap.render import page_print
from argmap.render.api import render_view
from argmap.render.dotattrs import SMALLEST_FONT
from argmap.render.fit import MAX_TRIES
from argmap.render.labels import short_label
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.output import OutputOptions
from argmap.render.page_data import page_data
from argmap.render.page_print import (
    CAPTION,
    SHEETS,
    PrintFigure,
    figure_html,
    key_html,
    print_figure,
)
from argmap.render.paper import READABLE_PT
from argmap.render.select import View, select

from .helpers import FLAGSHIP, ROOT, write_map
from .test_render_page import HOSTILE, HOSTILE_NAME

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
SMALL = ROOT / "tests" / "golden" / "small.yaml"
#: The content box of a sheet under the print style sheet's 10 mm margins, in points, for
#: Letter and A4 (portrait, then turned): no figure may be larger than the smaller of them.
MM10 = 72 / 25.4 * 10
ROOMS = {False: (min(612.0, 595.28) - 2 * MM10, min(792.0, 841.89) - 2 * MM10),
         True: (min(792.0, 841.89) - 2 * MM10, min(612.0, 595.28) - 2 * MM10)}


def _view(path: Path) -> View:
    return select(load_set([path]), RenderOptions(labels=LabelMode.TEXT), ())


def _figure(path: Path, options: RenderOptions | None = None) -> PrintFigure:
    """The print figure of ``path``'s map, made from its screen drawing as the page makes
    it (the fitted full text, no legend)."""
    view = _view(path)
    options = options or RenderOptions(labels=LabelMode.TEXT)
    screen = render_view(view, "svg", replace(options, legend=False))[0].data
    return print_figure(view, options, OutputOptions(), screen)


def _size(svg: str) -> tuple[float, float]:
    match = re.match(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert match is not None
    return float(match.group(1)), float(match.group(2))


def _viewbox(svg: str) -> tuple[float, float]:
    match = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg)
    assert match is not None
    return float(match.group(1)), float(match.group(2))


@needs_graphviz
def test_flagship_prints_short_labels_turned() -> None:
    """The flagship map's full text would print at 2 to 3 pt: its figure is short labels,
    turned, at 7 pt or more, within the room Letter and A4 both give; the full texts follow."""
    figure = _figure(FLAGSHIP)
    assert figure.svg is not None
    assert (figure.landscape, figure.key) == (True, True)
    assert figure.smallest >= READABLE_PT
    width, height = _size(figure.svg)
    room_w, room_h = ROOMS[True]
    assert width <= room_w
    assert height <= room_h
    # The figure is drawn at the scale its smallest text is measured at.
    assert SMALLEST_FONT * width / _viewbox(figure.svg)[0] == pytest.approx(figure.smallest,
                                                                             abs=0.01)
    assert ">Porous</text>" in figure.svg
    assert CAPTION.split()[0] in figure.svg
    assert figure.note.startswith("print: short labels, smallest text 7.")


@needs_graphviz
def test_small_map_prints_its_screen_drawing() -> None:
    """A map whose screen drawing prints readably on a sheet prints that drawing, title
    and full text, and no list of full texts follows."""
    figure = _figure(SMALL)
    assert figure.svg is not None
    assert figure.key is False
    assert figure.smallest >= READABLE_PT
    width, height = _size(figure.svg)
    room_w, room_h = ROOMS[figure.landscape]
    assert (width <= room_w, height <= room_h) == (True, True)
    assert "Should the town build a bypass?" in figure.svg
    assert figure.note.startswith("print: the diagram as on screen")


@needs_graphviz
def test_small_map_in_short_labels_prints_the_full_texts_too() -> None:
    """A screen drawing in short labels (--labels short) that prints readably is printed,
    and the full texts follow it."""
    figure = _figure(SMALL, RenderOptions(labels=LabelMode.SHORT))
    assert figure.svg is not None
    assert figure.note.startswith("print: the diagram as on screen")
    assert figure.key is True


def _wide_map(tmp_path: Path, claims: int) -> Path:
    """A map of one recommendation that ``claims`` claims support, each a sentence."""
    lines = ["argmap: 1", "title: Many reasons", "nodes:",
             "  - id: do-it", "    kind: recommendation", "    text: Do it."]
    for i in range(claims):
        lines += [f"  - id: reason-number-{i}-for-doing-it", "    kind: claim",
                  f"    text: Reason {i} is a sentence long enough to wrap over a few lines.",
                  "    supports: [do-it]"]
    return write_map(tmp_path, "wide.yaml", "\n".join(lines) + "\n")


@needs_graphviz
def test_too_big_for_one_sheet_prints_no_diagram(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A map whose short labels cannot print at 7 pt on one sheet prints no diagram but a
    note naming --page, and the full texts; one drawing was enough to know (its area)."""
    drawings: list[Any] = []
    real = page_print.graphviz_drawing
    monkeypatch.setattr(page_print, "graphviz_drawing",
                        lambda *a: drawings.append(a) or real(*a))
    figure = _figure(_wide_map(tmp_path, 150))
    assert figure.svg is None
    assert figure.key is True
    assert "its short labels would print at" in figure.note
    assert len(drawings) == 1
    html = "".join(figure_html(figure))
    assert 'class="am-print am-print-note"' in html
    assert "<code>argmap render MAP --page a4 --format pdf</code>" in html


@needs_graphviz
def test_tries_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """However a map's short labels fare, at most MAX_TRIES drawings are made for print,
    and the largest is kept."""
    drawings: list[Any] = []
    real = page_print.graphviz_drawing
    monkeypatch.setattr(page_print, "graphviz_drawing",
                        lambda *a: drawings.append(a) or real(*a))
    # Never readable: every try is made, none is accepted.
    monkeypatch.setattr(page_print, "READABLE_PT", 99.0)
    monkeypatch.setattr(page_print, "_reachable", lambda extent, sheet: 99.0)
    figure = _figure(FLAGSHIP)
    assert figure.svg is None
    assert 1 < len(drawings) <= MAX_TRIES


@needs_graphviz
def test_map_too_big_to_lay_out_quickly_takes_no_drawing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the fit's cost bound (FIT_COST) no drawing is made for print: the note and
    the full texts are."""
    drawings: list[Any] = []
    monkeypatch.setattr(page_print, "graphviz_drawing", lambda *a: drawings.append(a))
    monkeypatch.setattr(page_print, "FIT_COST", 0)
    figure = _figure(FLAGSHIP)
    assert (figure.svg, figure.key, drawings) == (None, True, [])
    assert "too big to lay out for print" in figure.note


@needs_graphviz
def test_flagship_takes_one_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The flagship's print figure costs one Graphviz run (the narrower wrapping first, as
    its screen drawing is wider than a turned sheet)."""
    drawings: list[Any] = []
    real = page_print.graphviz_drawing
    monkeypatch.setattr(page_print, "graphviz_drawing",
                        lambda *a: drawings.append(a) or real(*a))
    _figure(FLAGSHIP)
    assert len(drawings) == 1


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@needs_graphviz
def test_key_lists_every_node_under_its_label_escaped(tmp_path: Path) -> None:
    """The full texts: every node once, under its short label, labels in alphabetical
    order, with its source and the source's address as text; a hostile map's markup stays
    text."""
    path = write_map(tmp_path, HOSTILE_NAME, HOSTILE)
    view = _view(path)
    html = "\n".join(key_html(view, page_data(view, RenderOptions())))
    parsed = _Tags()
    parsed.feed(html)
    assert set(parsed.tags) == {"section", "h2", "dl", "dt", "dd", "span", "p"}
    text = "".join(parsed.text)
    assert "</script><script>window.__pwned=1</script>" in text
    assert "Source: <a href=\"javascript:window.__pwned=1\">click</a>" in text
    assert "https://example.org/%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E" in text
    for shown in (_view(FLAGSHIP), view):
        key = "\n".join(key_html(shown, page_data(shown, RenderOptions())))
        # Unescaped: a label with an apostrophe, an ampersand or a "<" is a reference.
        labels = [unescape(label)
                  for label in re.findall(r'<dt><span dir="auto">([^<]*)</span>', key)]
        expected = sorted((short_label(n.id, n.node.text, n.node.title)
                           for n in (shown.graph.nodes[k] for k in shown.nodes)),
                          key=str.casefold)
        assert expected == labels


def test_sheets_are_the_room_letter_and_a4_share() -> None:
    """The sheets figures are sized for fit inside both papers' content boxes."""
    for sheet, landscape in zip(SHEETS, (False, True), strict=True):
        room_w, room_h = ROOMS[landscape]
        assert sheet.width - 2 * sheet.margin <= room_w
        assert sheet.height - 2 * sheet.margin <= room_h


def test_key_names_relations_and_tensions_by_label() -> None:
    """Each entry names the nodes its relations and tensions join it to by their labels,
    going out and coming in; an undercut names the relation it denies; a source's address
    is written out."""
    view = _view(SMALL)
    key = "\n".join(key_html(view, page_data(view, RenderOptions())))
    entries = dict(re.findall(r'<dt><span dir="auto">([^<]*)</span>.*?</dt>\n<dd>(.*?)</dd>',
                              key))
    assert entries["Trade is local"] == (
        "<p dir=\"auto\">Most customers of the centre&#39;s shops live in town.</p>"
        "<p>Attacks: Shops lose trade</p>"
        "<p>Undercuts: that Traffic harms centre supports Build bypass</p>")
    assert "<p>Supported by: Traffic harms centre; Bypass moves traffic</p>" \
        "<p>Attacked by: Shops lose trade</p>" in entries["Build bypass"]
    assert '<span class="am-url">https://example.org/survey?year=2025&amp;town=x</span>' in \
        entries["12,000 vehicles a day cross the centre."]
    flagship = _view(FLAGSHIP)
    key = "\n".join(key_html(flagship, page_data(flagship, RenderOptions())))
    assert "<p>In tension with: Empower neutral facilitators; Saudi defence pact</p>" in key
