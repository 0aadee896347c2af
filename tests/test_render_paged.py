"""Tests of --page: argmap.render.paper, pages, pdf and paged (paper and slides)."""

from __future__ import annotations

import io
import re
import shutil
import struct
from pathlib import Path

import pytest
from benchmarks.generate import generate
from pypdf import PdfReader
from typer.testing import CliRunner

from argmap import load_set
from argmap.cli import app
from argmap.render import pages as pages_module
from argmap.render.dot import SMALLEST_FONT
from argmap.render.errors import RenderUsageError
from argmap.render.files import render_file
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.output import OutputOptions
from argmap.render.paged import place_svg
from argmap.render.pages import argument_parts, paginate
from argmap.render.paper import MAX_SCALE, READABLE_PT, Page, page_size
from argmap.render.pdf import combine
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
TUTORIAL = ROOT / "tests" / "golden" / "istanbul.yaml"
runner = CliRunner()


def _pages(data: bytes) -> list[tuple[float, float, float]]:
    """(width, height, scale of the drawing on it) of each page of a PDF argmap wrote."""
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        ops = page.get_contents().operations
        scale = next(float(args[0]) for args, op in ops if op == b"cm")
        out.append((float(page.mediabox.width), float(page.mediabox.height), scale))
    return out


def test_page_sizes() -> None:
    """A4 is 210 x 297 mm portrait, landscape turns it, a slide is 16:9 and landscape."""
    a4 = page_size(Page.A4)
    assert (round(a4.width / 72 * 25.4), round(a4.height / 72 * 25.4)) == (210, 297)
    turned = page_size(Page.A4, landscape=True)
    assert (turned.width, turned.height, turned.name) == (a4.height, a4.width, "a4 landscape")
    slide = page_size(Page.SLIDE, landscape=True)
    assert (slide.width / slide.height, slide.name) == (16 / 9, "slide")


def test_scale_and_smallest_text() -> None:
    """The scale fits a drawing inside the margins and is at most MAX_SCALE; the smallest
    text prints at SMALLEST_FONT times it."""
    a4 = page_size(Page.A4)
    room = a4.width - 2 * a4.margin
    assert a4.scale(room * 2, 10) == 0.5
    assert a4.scale(10, 10) == MAX_SCALE
    assert a4.smallest_text(room * 2, 10) == SMALLEST_FONT * 0.5


def test_argument_parts_cover_every_node_once() -> None:
    """The parts of the flagship hold every node exactly once, each part in file order,
    the first ending at the map's first conclusion."""
    view = select(load_set([FLAGSHIP]))
    parts = argument_parts(view)
    flat = [k for part in parts for k in part]
    assert sorted(flat) == sorted(view.nodes)
    assert len(flat) == len(set(flat))
    order = {k: i for i, k in enumerate(view.nodes)}
    assert all(part == sorted(part, key=order.__getitem__) for part in parts)


def test_place_svg_gives_the_page_size() -> None:
    """An SVG on a page has the page's size; the drawing's box is centred in the view."""
    svg = (b'<?xml version="1.0"?>\n<svg width="200pt" height="100pt"\n viewBox="0.00 0.00 '
           b'200.00 100.00" xmlns="http://www.w3.org/2000/svg"><g/></svg>')
    slide = page_size(Page.SLIDE)
    placed = place_svg(svg, slide)
    assert b'<svg width="960.00pt" height="540.00pt"' in placed
    box = re.search(rb'viewBox="([^"]+)"', placed)
    assert box is not None
    x, y, w, h = (float(v) for v in box.group(1).split())
    assert (round(x + w / 2), round(y + h / 2)) == (100, 50)  # centred on the drawing
    assert round(w / h, 3) == round(960 / 540, 3)


@needs_graphviz
def test_generated_200_nodes_on_a4_is_a_readable_multipage_pdf(tmp_path: Path) -> None:
    """`render --page a4` of a 200-node generated map: a PDF of several pages, each A4,
    each drawing scaled so that its smallest text prints at 7 pt or more; pages name
    where their relations continue, with page numbers that exist."""
    path = tmp_path / "gen200.yaml"
    path.write_text(generate(200, 240), encoding="utf-8")
    out = tmp_path / "gen200.pdf"
    result = runner.invoke(app, ["render", str(path), "-o", str(out), "--page", "a4"])
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    pages = _pages(data)
    assert len(pages) > 1
    a4 = page_size(Page.A4)
    assert {(round(w, 2), round(h, 2)) for w, h, _ in pages} == {(a4.width, a4.height)}
    assert min(SMALLEST_FONT * s for _, _, s in pages) >= READABLE_PT
    text = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    named = {int(n) for t in text for n in re.findall(r"p\. (\d+): ", t)}
    assert named
    assert named <= set(range(1, len(pages) + 1))
    assert f"Page {len(pages)} of {len(pages)}" in text[-1]


@needs_graphviz
@pytest.mark.parametrize(("page", "landscape"), [("slide", False), ("a4", True)])
def test_flagship_on_a_slide_and_a4(tmp_path: Path, page: str, landscape: bool) -> None:
    """The flagship on a 16:9 slide or A4 landscape: every page of the size asked, every
    text at 7 pt or more (on one page it would print at about 2 to 3 pt: see
    docs/render.md), page 1 the overview."""
    out = tmp_path / "flagship.pdf"
    render_file(FLAGSHIP, out, output_options=OutputOptions(page=page, landscape=landscape))
    size = page_size(Page(page), landscape)
    data = out.read_bytes()
    pages = _pages(data)
    assert {(round(w, 2), round(h, 2)) for w, h, _ in pages} == {(size.width, size.height)}
    assert min(SMALLEST_FONT * s for _, _, s in pages) >= READABLE_PT
    assert "Overview" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


@needs_graphviz
def test_flagship_overview_on_a4_is_turned(tmp_path: Path) -> None:
    """On A4 portrait the flagship's overview would print under 7 pt, turned it prints at
    7 pt or more: page 1 is the overview on A4 landscape, the full-text pages after it
    portrait, every text at 7 pt or more."""
    out = tmp_path / "flagship.pdf"
    render_file(FLAGSHIP, out, output_options=OutputOptions(page="a4"))
    a4, turned = page_size(Page.A4), page_size(Page.A4, landscape=True)
    data = out.read_bytes()
    pages = _pages(data)
    assert (turned.width, turned.height) == (round(pages[0][0], 2), round(pages[0][1], 2))
    assert {(round(w, 2), round(h, 2)) for w, h, _ in pages[1:]} == {(a4.width, a4.height)}
    assert min(SMALLEST_FONT * s for _, _, s in pages) >= READABLE_PT
    assert "Overview" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


@needs_graphviz
def test_small_map_fits_one_slide(tmp_path: Path) -> None:
    """The tutorial's 15-node map fits one slide readably: one page, no notice."""
    out = tmp_path / "t.pdf"
    result = render_file(TUTORIAL, out, output_options=OutputOptions(page="slide"))
    pages = _pages(out.read_bytes())
    assert len(pages) == 1
    assert SMALLEST_FONT * pages[0][2] >= READABLE_PT
    assert result.notices == ()


@needs_graphviz
def test_svg_and_png_pages_are_a_series(tmp_path: Path) -> None:
    """An SVG too big for a readable page in full text (--labels text) is cut like a PDF,
    into numbered files, each of the page's size; a PNG that fits a slide is one file
    within 1,920 x 1,080 pixels."""
    result = render_file(TUTORIAL, tmp_path / "t.svg", output_options=OutputOptions(page="a4"),
                         options=RenderOptions(labels=LabelMode.TEXT))
    assert [p.name for p in result.outputs] == ["t-01.svg", "t-02.svg"]
    for path in result.outputs:
        assert b'width="595.28pt" height="841.89pt"' in path.read_bytes()[:600]
    render_file(TUTORIAL, tmp_path / "t.png", output_options=OutputOptions(page="slide"))
    width, height = struct.unpack(">II", (tmp_path / "t.png").read_bytes()[16:24])
    assert width <= 1920
    assert height <= 1080


@needs_graphviz
def test_same_pdf_twice(tmp_path: Path) -> None:
    """The assembled PDF is byte-identical from run to run (Graphviz's dates are dropped)."""
    for name in ("a.pdf", "b.pdf"):
        render_file(TUTORIAL, tmp_path / name, output_options=OutputOptions(page="a4"))
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


@needs_graphviz
def test_layouts_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cutting a map into pages measures at most MAX_LAYOUTS layouts; past that, a clear
    error says what to do."""
    monkeypatch.setattr(pages_module, "MAX_LAYOUTS", 3)
    view = select(load_set([FLAGSHIP]))
    with pytest.raises(RenderUsageError, match="within 3 layouts; use a bigger --page"):
        paginate(view, RenderOptions(), page_size(Page.A4))


def test_combine_refuses_what_is_not_a_pdf() -> None:
    """Bytes that are not a PDF give a GraphvizError (an ArgmapError), not a traceback."""
    from argmap.errors import ArgmapError

    with pytest.raises(ArgmapError, match="cannot assemble the PDF"):
        combine([b"not a pdf"], page_size(Page.A4))


@pytest.mark.parametrize(("args", "message"), [
    (["--landscape"], "--landscape turns a page: give --page too"),
    (["--page", "a5"], "--page: unknown value 'a5'; choose from a4, a3, letter, slide"),
    (["--page", "a4", "-f", "dot"], "format 'dot' has no pages"),
])
def test_page_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    """Wrong --page uses are one-line errors with exit code 2."""
    result = runner.invoke(app, ["render", str(TUTORIAL), "-o", str(tmp_path / "x"), *args])
    assert result.exit_code == 2
    assert message in result.stderr


@needs_graphviz
def test_export_with_pages(tmp_path: Path) -> None:
    """`export --page a4 --labels full` of a folder: a map cut into pages as SVG gives
    numbered files."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "istanbul.yaml").write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", str(maps), "-o", str(out), "--page", "a4",
                                 "--labels", "full"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["istanbul-01.svg", "istanbul-02.svg"]


@needs_graphviz
def test_reveal_on_slides_is_one_deck(tmp_path: Path) -> None:
    """`--reveal --page slide` to PDF: one deck, a 16:9 page per step, every step's text at
    7 pt or more; as SVG, one numbered file per step, each of the slide's size."""
    out = tmp_path / "deck.pdf"
    result = runner.invoke(app, ["render", str(TUTORIAL), "-o", str(out), "--reveal",
                                 "--page", "slide"])
    assert result.exit_code == 0, result.stderr
    pages = _pages(out.read_bytes())
    slide = page_size(Page.SLIDE)
    assert len(pages) == 9  # the tutorial map's points, in file order
    assert {(w, h) for w, h, _ in pages} == {(slide.width, slide.height)}
    assert min(SMALLEST_FONT * s for _, _, s in pages) >= READABLE_PT
    svg = render_file(TUTORIAL, tmp_path / "s.svg", reveal=True,
                      output_options=OutputOptions(page="slide"))
    assert len(svg.outputs) == 9
    assert all(b'width="960.00pt" height="540.00pt"' in p.read_bytes()[:600]
               for p in svg.outputs)


@needs_graphviz
def test_reveal_too_big_for_the_page_says_so(tmp_path: Path) -> None:
    """A reveal whose text prints under 7 pt on the page is drawn all the same (every step
    shows the whole layout), with a notice."""
    result = render_file(FLAGSHIP, tmp_path / "r.pdf", reveal=True,
                         output_options=OutputOptions(page="a4"))
    assert any("a reveal is not cut into pages" in n for n in result.notices)


@needs_graphviz
def test_flagship_overview_on_slides(tmp_path: Path) -> None:
    """`--page slide` of the flagship (whose full text would print at about 3 pt): page 1
    is the whole map in short labels at 7 pt or more, each node naming a page of the
    full text that exists; the pages after it are the full-text pages, numbered from 2."""
    out = tmp_path / "deck.pdf"
    result = render_file(FLAGSHIP, out, output_options=OutputOptions(page="slide"))
    data = out.read_bytes()
    pages = _pages(data)
    slide = page_size(Page.SLIDE)
    assert {(w, h) for w, h, _ in pages} == {(slide.width, slide.height)}
    assert min(SMALLEST_FONT * s for _, _, s in pages) >= READABLE_PT
    text = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    total = len(pages)
    assert f"Overview: short labels; the full texts on pages 2 to {total}" in text[0]
    named = {int(n) for n in re.findall(r"p\. (\d+)", text[0])}
    assert named == set(range(2, total + 1))  # every detail page holds some node
    assert "Porous" in text[0]
    assert "Page 2 of" in text[1]
    assert f"Page {total} of {total}" in text[-1]
    assert any("page 1 is an overview" in d for d in result.details)


@needs_graphviz
def test_flagship_overview_as_one_png(tmp_path: Path) -> None:
    """As PNG (one picture) on a slide, the flagship is its overview: one file within
    1,920 x 1,080 pixels, drawn in short labels; with --labels full it is cut into
    numbered pages as before."""
    out = tmp_path / "f.png"
    result = render_file(FLAGSHIP, out, output_options=OutputOptions(page="slide"))
    assert result.outputs == (out,)
    width, height = struct.unpack(">II", out.read_bytes()[16:24])
    assert (width <= 1920, height <= 1080) == (True, True)
    assert any("labels: short" in d for d in result.details)
    full = render_file(FLAGSHIP, tmp_path / "g.png", options=RenderOptions(
        labels=LabelMode.TEXT), output_options=OutputOptions(page="slide"))
    assert len(full.outputs) > 1


@needs_graphviz
def test_short_labels_asked_for_are_cut_in_short_labels(tmp_path: Path) -> None:
    """--labels short that does not fit one page readably is cut into pages like the full
    text, every page in short labels (no overview: there is no fuller text to go to)."""
    out = tmp_path / "s.pdf"
    render_file(FLAGSHIP, out, options=RenderOptions(labels=LabelMode.SHORT),
                output_options=OutputOptions(page="a4"))
    data = out.read_bytes()
    pages = _pages(data)
    assert len(pages) > 1
    assert min(SMALLEST_FONT * s for _, _, s in pages) >= READABLE_PT
    first = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Overview" not in first
    assert "Page 1 of" in first


@needs_graphviz
def test_flagship_overview_svg_on_a4_is_turned(tmp_path: Path) -> None:
    """As SVG, `--page a4` of the flagship is the overview alone, on A4 turned sideways
    (its text prints at 7 pt or more only so)."""
    out = tmp_path / "flagship.svg"
    render_file(FLAGSHIP, out, output_options=OutputOptions(page="a4"))
    turned = page_size(Page.A4, landscape=True)
    head = out.read_text(encoding="utf-8")[:2000]
    assert f'<svg width="{turned.width:.2f}pt" height="{turned.height:.2f}pt"' in head
