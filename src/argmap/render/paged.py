"""Pictures on paper and slides: ``--page a4|a3|letter|slide`` (and ``--landscape``).

The picture is fitted to the page (:func:`argmap.render.fit.fit` with the page):
when its smallest text then prints at :data:`~argmap.render.paper.READABLE_PT`
or more, it is one page. Otherwise a PDF is cut into pages along the argument
(:mod:`argmap.render.pages`), each page readable and naming where its relations
continue; an SVG or PNG stays one picture, with a notice saying how small its
text prints. PDF pages are exactly the page's size (:mod:`argmap.render.pdf`);
an SVG is given the page's size (the drawing centred in it); a PNG is drawn at
the resolution that makes it fit the page at ``--dpi``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from argmap.render.dot import view_to_dot
from argmap.render.fit import Fitted, fit, printed
from argmap.render.options import RenderOptions
from argmap.render.output import OutputOptions, Rendered, graphviz_drawing
from argmap.render.pages import paginate
from argmap.render.paper import PAD, READABLE_PT, Page, PageSize, page_size
from argmap.render.pdf import combine
from argmap.render.select import View

__all__ = ["PAGED_FORMATS", "SCREEN_DPI", "on_page", "place_svg"]

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
            caption: str | None = None) -> Rendered:
    """``view`` drawn in ``fmt`` (svg, png, pdf) on ``output.page``."""
    page = _page(output)
    fitted = fit(view, options, output.engine, output.timeout, page=page)
    size = printed(fitted.layout, page) if fitted.layout is not None else None
    details = [fitted.note] if fitted.note else []
    extent = _extent(fitted)
    if size is None or size >= READABLE_PT or fmt != "pdf":
        rendered = _drawn(view, fitted.options, output, fmt, page, extent,
                          view_to_dot(view, fitted.options, caption=caption))
        told = list(rendered.notices)
        if size is not None and size < READABLE_PT:
            told.append(f"on {page.name} the smallest text prints at {size:.1f} pt "
                           f"(less than {READABLE_PT:g}); a PDF is cut into readable pages")
        return replace(rendered, notices=tuple(told), details=tuple(details))
    parts = paginate(view, options, page, output.timeout)
    drawings: list[bytes] = []
    notices: list[str] = []
    for part in parts:
        run = graphviz_drawing(part.view, part.fitted.options, replace(output, engine="dot"),
                               "pdf", part.dot())
        drawings.append(run.data)
        notices += run.notices
        details += [part.fitted.note] if part.fitted.note else []
    details.insert(0, f"{page.name}: the whole map would print at {size:.1f} pt; cut into "
                   f"{len(parts)} pages along the argument")
    return Rendered(combine(drawings, page), "dot", tuple(dict.fromkeys(notices)),
                    tuple(details))


def _extent(fitted: Fitted) -> tuple[float, float] | None:
    """The drawing's size in points (pad included) of a measured layout."""
    if fitted.layout is None:
        return None
    x0, y0, x1, y1 = fitted.layout.bbox
    return x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD
