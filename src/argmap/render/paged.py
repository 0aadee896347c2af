"""Pictures on paper and slides: ``--page a4|a3|letter|slide`` (and ``--landscape``).

The picture is fitted to the page (:func:`argmap.render.fit.fit` with the page):
when its smallest text then prints at :data:`~argmap.render.paper.READABLE_PT`
or more, it is one page; an overview in short labels that is readable on paper
only turned sideways is printed turned (its page, the first of a PDF, is landscape;
the pages after it are not). Otherwise it is cut into pages along the argument
(:mod:`argmap.render.pages`), each page readable and naming where its relations
continue: one PDF document, or a series of SVG or PNG files. PDF pages are
exactly the page's size (:mod:`argmap.render.pdf`); an SVG is given the page's
size (the drawing centred in it); a PNG is drawn at the resolution that makes it
fit the page at ``--dpi``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from argmap.render.bound import check_drawn
from argmap.render.dot import view_to_dot
from argmap.render.fit import Fitted, fit, printed
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.output import OutputOptions, Rendered, graphviz_drawing
from argmap.render.pages import Part, paginate
from argmap.render.paper import READABLE_PT, Page, PageSize, page_size
from argmap.render.pdf import combine
from argmap.render.reveal import reveal_steps
from argmap.render.select import View

__all__ = ["PAGED_FORMATS", "SCREEN_DPI", "on_page", "place_svg", "reveal_on_page"]

#: The formats ``--page`` applies to.
PAGED_FORMATS = ("svg", "png", "pdf")
#: PNG resolution on a page when ``--dpi`` is not given: a screen's, and twice that for
#: a slide (1,920 x 1,080 pixels, a full-HD projector).
SCREEN_DPI = 96
_SLIDE_DPI = 144

_SVG_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([^"]*)"')


def _page(output: OutputOptions) -> PageSize:
    assert output.page is not None
    return page_size(Page(output.page), output.landscape)


def place_svg(data: bytes, page: PageSize) -> bytes:
    """Graphviz's SVG given the size of ``page``: the drawing scaled to fit inside the
    margins and centred (its ``viewBox`` widened around it)."""
    match = _SVG_SIZE.search(data)
    if match is None:
        return data
    width, height = float(match.group(1)), float(match.group(2))
    x0, y0, _, _ = (float(v) for v in match.group(3).split())
    scale = page.scale(width, height)
    box_w, box_h = page.width / scale, page.height / scale
    view = (f"{x0 - (box_w - width) / 2:.2f} {y0 - (box_h - height) / 2:.2f} "
            f"{box_w:.2f} {box_h:.2f}")
    head = (f'<svg width="{page.width:.2f}pt" height="{page.height:.2f}pt"\n'
            f' viewBox="{view}"').encode()
    return data[: match.start()] + head + data[match.end():]


def _drawn(view: View, options: RenderOptions, output: OutputOptions, fmt: str,
           page: PageSize, layout_pt: tuple[float, float] | None, dot_text: str) -> Rendered:
    if fmt == "png":
        dpi = output.dpi or (_SLIDE_DPI if output.page == Page.SLIDE else SCREEN_DPI)
        scale = page.scale(*layout_pt) if layout_pt else 1.0
        output = replace(output, dpi=max(10, round(dpi * scale)))
    run = graphviz_drawing(view, options, output, fmt, dot_text)
    if fmt == "svg":
        return replace(run, data=place_svg(run.data, page))
    if fmt == "pdf":
        return replace(run, data=combine([run.data], page))
    return run


def on_page(view: View, options: RenderOptions, output: OutputOptions, fmt: str,
            caption: str | None = None) -> list[Rendered]:
    """``view`` drawn in ``fmt`` (svg, png, pdf) on ``output.page``: one output, or, when
    it must be cut into pages, one PDF document or a series of SVG or PNG pages.

    With ``--labels auto``, a map whose full text would print too small but whose short
    labels print readably is an overview (:func:`_overview`): one picture of the whole
    map, and in a PDF the full-text pages after it."""
    page = _page(output)
    pdf = fmt == "pdf"

    def draw(o: RenderOptions) -> str:
        # An overview in a PDF names each node's page (measured as wide as "p. 99").
        if pdf and o.labels is LabelMode.SHORT and options.labels is LabelMode.AUTO:
            return view_to_dot(view, o, caption=_OVERVIEW.format(last=99),
                               page_of=dict.fromkeys(view.nodes, 99))
        return view_to_dot(view, o, caption=caption)

    fitted = fit(view, options, output.engine, output.timeout, page=page, draw=draw)
    size = printed(fitted.layout, page) if fitted.layout is not None else None
    details = [fitted.note] if fitted.note else []
    overview = options.labels is LabelMode.AUTO and fitted.options.labels is LabelMode.SHORT
    sheet = page
    if overview and size is not None and size < READABLE_PT and not output.landscape \
            and output.page is not None and output.page != Page.SLIDE:
        # Paper, portrait: an overview that prints readably only turned is printed turned
        # (the flagship's: 6.8 pt portrait, 7.1 pt landscape), the pages after it not.
        turned = page_size(Page(output.page), landscape=True)
        other = fit(view, replace(options, labels=LabelMode.SHORT), output.engine,
                    output.timeout, page=turned, draw=draw)
        if other.layout is not None and printed(other.layout, turned) >= READABLE_PT:
            details += [f"{page.name}: the overview would print at {size:.1f} pt; turned "
                        f"({turned.name}) at {printed(other.layout, turned):.1f} pt",
                        *([other.note] if other.note else [])]
            fitted, sheet, size = other, turned, printed(other.layout, turned)
    if size is None or size >= READABLE_PT:
        if overview and pdf:
            return _overview(view, fitted, options, output, page, details, sheet)
        rendered = _drawn(view, fitted.options, output, fmt, sheet, _extent(fitted),
                          view_to_dot(view, fitted.options, caption=caption))
        return [replace(rendered, details=tuple(details))]
    # Not even short labels print readably: pages of the full text (or of short labels,
    # when they were asked for).
    text = replace(options, labels=LabelMode.TEXT) if overview else options
    parts = paginate(view, text, page, output.timeout)
    details.insert(0, f"{page.name}: the whole map would print at {size:.1f} pt; cut into "
                   f"{len(parts)} pages along the argument")
    drawn, notes = _parts(parts, output, fmt, page)
    details += notes
    notices = tuple(dict.fromkeys(n for r in drawn for n in r.notices))
    if pdf:
        # _drawn placed each page on its sheet: the sheets are joined as they are.
        return [Rendered(combine([r.data for r in drawn]), "dot", notices, tuple(details))]
    return [replace(r, notices=notices, details=tuple(details)) for r in drawn]


#: The caption of a PDF's overview page.
_OVERVIEW = "Overview: short labels; the full texts on pages 2 to {last}"


def _parts(parts: list[Part], output: OutputOptions, fmt: str,
           page: PageSize) -> tuple[list[Rendered], list[str]]:
    """The pages ``parts`` drawn, and their notes."""
    drawn: list[Rendered] = []
    notes: list[str] = []
    for part in parts:
        drawn.append(_drawn(part.view, part.fitted.options, replace(output, engine="dot"),
                            fmt, page, _extent(part.fitted), part.dot()))
        notes += [part.fitted.note] if part.fitted.note else []
    return drawn, notes


def _overview(view: View, fitted: Fitted, options: RenderOptions, output: OutputOptions,
              page: PageSize, details: list[str], sheet: PageSize) -> list[Rendered]:
    """A PDF whose first page (on ``sheet``: ``page``, or ``page`` turned) is the whole
    map in short labels, each node naming the page where its full text is, followed by
    the full-text pages on ``page`` (:func:`paginate`, numbered from 2; a map whose full
    text fits one page would not be here)."""
    parts = paginate(view, replace(options, labels=LabelMode.TEXT), page, output.timeout,
                     first=2)
    page_of = {k: n for n, part in enumerate(parts, start=2) for k in part.view.nodes}
    last = len(parts) + 1
    first = _drawn(view, fitted.options, output, "pdf", sheet, _extent(fitted),
                   view_to_dot(view, fitted.options, caption=_OVERVIEW.format(last=last),
                               page_of=page_of))
    drawn, notes = _parts(parts, output, "pdf", page)
    details.append(f"{page.name}: page 1 is an overview in short labels; the full text "
                   f"on {len(parts)} more pages")
    notices = tuple(dict.fromkeys(n for r in (first, *drawn) for n in r.notices))
    return [Rendered(combine([first.data, *(r.data for r in drawn)]), "dot", notices,
                     (*details, *notes))]


def reveal_on_page(view: View, options: RenderOptions, output: OutputOptions,
                   fmt: str) -> list[Rendered]:
    """The steps of a reveal of ``view`` fitted to ``output.page``: one PDF deck with a page
    per step, or a series of SVG or PNG pages. A reveal is not cut into pages (every step
    shows the whole layout): when its text prints too small, a notice says so."""
    page = _page(output)
    steps = reveal_steps(view, options.reveal_order)
    check_drawn(view, output.max_drawn, times=len(steps))
    # Measured with the longest caption: it is a line under the title on every step.
    longest = max((s.caption for s in steps), key=len, default=None)
    fitted = fit(view, options, output.engine, output.timeout, page=page,
                 draw=lambda o: view_to_dot(view, o, caption=longest))
    extent = _extent(fitted)
    notices: list[str] = []
    if fitted.layout is not None and printed(fitted.layout, page) < READABLE_PT:
        notices.append(f"on {page.name} the reveal's smallest text prints at "
                       f"{printed(fitted.layout, page):.1f} pt (less than {READABLE_PT:g}); "
                       "a reveal is not cut into pages: use a bigger --page, or fewer nodes "
                       "(--focus, --kinds, --tags)")
    everything = frozenset(view.nodes)
    out: list[Rendered] = []
    for step in steps:
        dot_text = view_to_dot(view, fitted.options, hidden=everything - step.shown,
                               caption=step.caption, emphasis=step.new)
        # One engine for every step, so the layout is the same in all of them.
        engine = output.engine or (out[0].engine if out else None)
        out.append(_drawn(view, fitted.options, replace(output, engine=engine), fmt, page,
                          extent, dot_text))
    told = tuple(dict.fromkeys([*notices, *(n for r in out for n in r.notices)]))
    details = (fitted.note,) if fitted.note else ()
    if fmt == "pdf" and out:
        # _drawn placed each step on its sheet: the sheets are joined as they are.
        return [Rendered(combine([r.data for r in out]), out[0].engine, told, details)]
    return [replace(r, notices=told, details=details) for r in out]


def _extent(fitted: Fitted) -> tuple[float, float] | None:
    """The drawing's size in points (pad included) of a measured layout."""
    if fitted.layout is None:
        return None
    x0, y0, x1, y1 = fitted.layout.bbox
    pad = fitted.layout.pad
    return x1 - x0 + 2 * pad, y1 - y0 + 2 * pad
