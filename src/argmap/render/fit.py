"""Fitting the picture: direction and wrapping chosen from measured layouts.

A map with many recommendations side by side drawn bottom-up is a wide strip
(the flagship map 4:1, small maps up to 8:1) whose text no screen or page shows
readably. Before drawing, the layout is measured (one ``dot -Tjson0`` run, fast
at these sizes); when it is more than twice as wide as high, or twice as high as
wide, it is laid out again with narrower or wider text and, when the direction
is ``auto``, left to right, and the first layout within the bounds is kept (or
the one nearest to them). The tries are bounded (:data:`MAX_TRIES`), and maps too
big for a quick layout are not measured (:data:`FIT_COST`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from argmap.render.dot import view_to_dot
from argmap.render.dotattrs import SMALLEST_FONT
from argmap.render.jsonout import Layout, parse_layout
from argmap.render.options import Direction, LabelMode, RenderOptions
from argmap.render.paper import MAX_SCALE, READABLE_PT, Page, PageSize, page_size
from argmap.render.runner import LIMITED_COST, choose_engine, dot_cost, layout_args, run_graphviz
from argmap.render.select import View

__all__ = ["ASPECT", "FIT_COST", "MAX_STRETCH", "MAX_TRIES", "PAPER_TRIES", "REFERENCE_PAGE",
           "REFERENCE_PAPER", "Draw", "Fitted",
           "fit", "measure", "page_tries", "printed", "ratio_of", "reachable"]

Draw = Callable[[RenderOptions], str]
"""The DOT text of a picture under given options."""

#: The widest and the tallest picture the fit accepts: width / height.
ASPECT = (0.5, 2.0)
#: Most layouts measured for one picture (the first included).
MAX_TRIES = 5
#: Above this estimated cost (:func:`~argmap.render.runner.dot_cost`) one layout takes
#: about a second: the picture is drawn as asked, unmeasured.
FIT_COST = LIMITED_COST
#: The most the fit spreads nodes apart (:attr:`RenderOptions.stretch`) to bring a
#: layout just outside :data:`ASPECT` inside it; more would only add empty space.
MAX_STRETCH = 1.5
#: Wrapping widths tried, narrowest first (characters per line).
NARROWER = (26, 20)
WIDER = (44, 56)
#: The same for short labels (--labels short; the first width is 12).
SHORT_NARROWER = (10,)
SHORT_WIDER = (16, 20)
#: What a picture with ``--labels auto`` and no ``--page`` must be readable on to keep
#: the full text: a 16:9 slide, the smallest common target of a whole picture.
REFERENCE_PAGE = page_size(Page.SLIDE)
#: The paper a short-label picture with no ``--page`` should also print readably on, when
#: a layout within :data:`ASPECT` does: A4 turned (a picture shaped for a slide prints
#: larger on it than upright).
REFERENCE_PAPER = page_size(Page.A4, landscape=True)
#: Most layouts measured to make such a picture readable on :data:`REFERENCE_PAPER` too.
PAPER_TRIES = 2


@dataclass(frozen=True)
class Fitted:
    """The options a picture is drawn with, its measured layout, and why."""

    options: RenderOptions
    layout: Layout | None
    note: str | None = None
    """One line saying what was chosen (shown with ``-v``)."""


def ratio_of(layout: Layout) -> float:
    """Width / height of a layout (1 for an empty one)."""
    x0, y0, x1, y1 = layout.bbox
    width, height = x1 - x0, y1 - y0
    return width / height if width > 0 and height > 0 else 1.0


def measure(view: View, options: RenderOptions, timeout: float = 60.0,
            draw: Draw | None = None) -> Layout:
    """Lay ``view`` out with ``dot`` (no drawing) and read the layout; ``draw`` gives
    the DOT text (default: the view's own)."""
    cost = dot_cost(view.graph, view.nodes, view.edges)
    text = draw(options) if draw is not None else view_to_dot(view, options)
    run = run_graphviz(text, "json", engine="dot", timeout=timeout,
                       args=layout_args("dot", cost, len(view.nodes)))
    return parse_layout(run.data, "dot")


def _extent(layout: Layout) -> tuple[float, float]:
    """Width and height of the drawing Graphviz makes of ``layout`` (its pad included)."""
    x0, y0, x1, y1 = layout.bbox
    return x1 - x0 + 2 * layout.pad, y1 - y0 + 2 * layout.pad


def printed(layout: Layout, page: PageSize) -> float:
    """The printed size in points of the smallest text of ``layout`` fitted on ``page``."""
    return page.smallest_text(*_extent(layout))


def _distance(ratio: float) -> float:
    """How far ``ratio`` is outside :data:`ASPECT`, in doublings (0 inside)."""
    low, high = ASPECT
    return max(math.log2(low / ratio), math.log2(ratio / high), 0.0)


def _tries(options: RenderOptions, wide: bool, far: bool = False,
           too_far: bool = False) -> list[RenderOptions]:
    """Other layouts to try after the first, most faithful to the asked one first (the
    boldest change first when the first layout is ``far`` from the bounds, and the
    direction turned first when it is ``too_far`` for wrapping to bring it in).

    Bottom-up and top-down pictures narrow with narrower text (nodes of a rank
    stand side by side); left-right ones with wider text (they stand one above
    the other). A too-wide bottom-up picture turned left to right becomes tall.
    """
    vertical = options.direction.rankdir in ("BT", "TB")
    narrower, wider = ((SHORT_NARROWER, SHORT_WIDER) if options.labels is LabelMode.SHORT
                       else (NARROWER, WIDER))
    widths = narrower if wide == vertical else wider
    if far:
        widths = widths[::-1]
    out = [_wrapped(options, w) for w in widths]
    if options.direction is Direction.AUTO:
        turned = replace(options, direction=Direction.LEFT_RIGHT)
        other = narrower if not wide else wider
        turns = [turned, *(_wrapped(turned, w) for w in other)]
        # Wrapping changes the width of a bottom-up picture by at most about 1.9 times
        # (34 to 20 characters): beyond twice the bound, turn it first.
        out = [*turns, *out] if too_far else [*out, *turns]
    return out[: MAX_TRIES - 1]


def _wrapped(options: RenderOptions, width: int) -> RenderOptions:
    """``options`` with the labels wrapped at ``width`` (the short ones, or the text)."""
    if options.labels is LabelMode.SHORT:
        return replace(options, short_width=width)
    return replace(options, wrap_width=width)


def _name(options: RenderOptions) -> str:
    direction = (Direction.BOTTOM_UP if options.direction is Direction.AUTO
                 else options.direction)
    if options.labels is LabelMode.SHORT:
        return f"{direction.value}, short labels wrapped at {options.short_width} characters"
    return f"{direction.value}, text wrapped at {options.wrap_width} characters"


def reachable(layout: Layout, page: PageSize) -> float:
    """The largest the smallest text of ``layout`` could print on ``page`` if its area were
    shaped like the page's room: other wrappings and directions change a layout's shape,
    hardly its area, so a layout far below readable stays so (the full text is not tried)."""
    width, height = _extent(layout)
    room = (page.width - 2 * page.margin) * (page.height - 2 * page.margin)
    return SMALLEST_FONT * min(MAX_SCALE, math.sqrt(room / max(width * height, 1.0)))


def _size(layout: Layout) -> str:
    x0, y0, x1, y1 = layout.bbox
    return f"{x1 - x0:,.0f} x {y1 - y0:,.0f} pt ({ratio_of(layout):.2f}:1)"


def fit(view: View, options: RenderOptions, engine: str | None = None,
        timeout: float = 60.0, page: PageSize | None = None,
        draw: Draw | None = None) -> Fitted:
    """The options to draw ``view`` with so that its aspect is within :data:`ASPECT`, or,
    for a ``page``, so that its text prints as large as it can (the first layout whose
    smallest text prints at :data:`~argmap.render.paper.READABLE_PT` or more is kept).

    Only ``dot`` layouts are fitted, and only when ``options.fit`` is set and the
    map is small enough to lay out several times quickly.
    """
    if options.labels is LabelMode.AUTO:
        return _fit_labels(view, options, engine, timeout, page, draw)
    if not options.fit or not view.nodes:
        return Fitted(options, None)
    chosen, _ = choose_engine(view, engine)
    if chosen != "dot":
        return Fitted(options, None)
    cost = dot_cost(view.graph, view.nodes, view.edges)
    if cost > FIT_COST:
        return Fitted(options, None, f"fit: not measured (estimated layout cost {cost:,} > "
                      f"{FIT_COST:,}); drawn {_name(options)}")
    return _fit_from(view, options, measure(view, options, timeout, draw), timeout, page, draw)


def _fit_from(view: View, options: RenderOptions, first: Layout, timeout: float,
              page: PageSize | None, draw: Draw | None) -> Fitted:
    """:func:`fit` once the first layout, ``first``, is measured."""
    if page is not None:
        return _fit_page(view, options, first, page, timeout, draw)
    ratio = ratio_of(first)
    if _distance(ratio) == 0:
        return Fitted(options, first, f"fit: {_name(options)}: {_size(first)}")
    best, best_layout = options, first
    # More than 1.5 times beyond the bounds: a small change will not do (saves a layout).
    first_gap = _distance(ratio)
    for candidate in _tries(options, wide=ratio > 1, far=first_gap > math.log2(1.5),
                            too_far=first_gap > 1):
        layout = measure(view, candidate, timeout, draw)
        if _distance(ratio_of(layout)) < _distance(ratio_of(best_layout)):
            best, best_layout = candidate, layout
        if _distance(ratio_of(layout)) == 0:
            break
    note = (f"fit: {_name(best)}: {_size(best_layout)}; {_name(options)} was "
            f"{_size(first)}")
    gap = _distance(ratio_of(best_layout))
    if 0 < gap <= math.log2(MAX_STRETCH):
        # Graphviz's ratio is height / width; the nearest bound of ASPECT.
        low, high = ASPECT
        target = low if ratio_of(best_layout) < low else high
        # Aimed a little inside the bound: Graphviz reaches a ratio to within about 1%.
        best = replace(best, stretch=1 / (target * 1.02 if target == low else target / 1.02))
        note += f"; spread to {target:g}:1"
    return Fitted(best, best_layout, note)


def page_tries(options: RenderOptions, width: float, height: float,
               page: PageSize) -> list[RenderOptions]:
    """The options :func:`fit` tries, in order, after a first layout under ``options``,
    ``width`` x ``height`` points, whose text prints too small on ``page``."""
    return _tries(options, wide=width / height > page.width / page.height)


def _fit_page(view: View, options: RenderOptions, first: Layout, page: PageSize,
              timeout: float, draw: Draw | None) -> Fitted:
    best, best_layout = options, first
    if printed(first, page) < READABLE_PT:
        for candidate in page_tries(options, *_extent(first), page):
            layout = measure(view, candidate, timeout, draw)
            if printed(layout, page) > printed(best_layout, page):
                best, best_layout = candidate, layout
            if printed(layout, page) >= READABLE_PT:
                break
    note = (f"fit to {page.name}: {_name(best)}: {_size(best_layout)}, smallest text "
            f"{printed(best_layout, page):.1f} pt")
    return Fitted(best, best_layout, note)


def _fit_labels(view: View, options: RenderOptions, engine: str | None, timeout: float,
                page: PageSize | None, draw: Draw | None) -> Fitted:
    """``--labels auto``: the full text when its fitted picture prints readably on
    ``page`` (without a page: on :data:`REFERENCE_PAGE`), else short labels, fitted to
    print as large as they can on the page (without one: like any picture, to a sane
    aspect, then, if it prints under 7 pt on :data:`REFERENCE_PAPER`, narrowed when that
    makes it readable on both). Unmeasured pictures keep the full text. At most
    2 x :data:`MAX_TRIES` + :data:`PAPER_TRIES` layouts are measured."""
    text = replace(options, labels=LabelMode.TEXT)
    if not options.fit or not view.nodes or choose_engine(view, engine)[0] != "dot" \
            or dot_cost(view.graph, view.nodes, view.edges) > FIT_COST:
        return fit(view, text, engine, timeout, page, draw)
    target = page or REFERENCE_PAGE
    first = measure(view, text, timeout, draw)
    best = reachable(first, target)
    if best >= READABLE_PT:
        fitted = _fit_from(view, text, first, timeout, page, draw)
        assert fitted.layout is not None
        best = printed(fitted.layout, target)
        if best >= READABLE_PT:
            return fitted
    short = replace(options, labels=LabelMode.SHORT)
    # On a page, as large as it prints; as a picture of its own, fitted like any other.
    fitted = (_fit_page(view, short, measure(view, short, timeout, draw), page, timeout, draw)
              if page is not None else _on_paper(view, fit(view, short, engine, timeout, None,
                                                          draw), timeout, draw))
    why = (f"labels: short (the full text would print at {best:.1f} pt at most on "
           f"{target.name})")
    return replace(fitted, note=f"{why}; {fitted.note}" if fitted.note else why)


def _least(layout: Layout) -> float:
    """The smaller printed size of ``layout`` on :data:`REFERENCE_PAGE` and on
    :data:`REFERENCE_PAPER`."""
    return min(printed(layout, REFERENCE_PAGE), printed(layout, REFERENCE_PAPER))


def _on_paper(view: View, fitted: Fitted, timeout: float, draw: Draw | None) -> Fitted:
    """``fitted`` (short labels fitted to a sane aspect), or, when it prints under
    :data:`READABLE_PT` on :data:`REFERENCE_PAPER`, the first of at most
    :data:`PAPER_TRIES` other layouts that is within :data:`ASPECT` and prints readably
    on both the slide and the paper (the flagship: 6.8 pt on A4 turned at 12 characters,
    7.1 pt at 10, and 7.1 pt on the slide)."""
    first = fitted.layout
    if first is None or printed(first, REFERENCE_PAPER) >= READABLE_PT:
        return fitted
    width, height = _extent(first)
    wide = width / height > REFERENCE_PAPER.width / REFERENCE_PAPER.height
    for candidate in _tries(replace(fitted.options, stretch=None), wide=wide)[:PAPER_TRIES]:
        layout = measure(view, candidate, timeout, draw)
        if _distance(ratio_of(layout)) == 0 and _least(layout) >= READABLE_PT:
            note = (f"fit: {_name(candidate)}: {_size(layout)}, readable on "
                    f"{REFERENCE_PAGE.name} and {REFERENCE_PAPER.name}; {_name(fitted.options)}"
                    f" was {_size(first)}")
            return Fitted(candidate, layout, note)
    return fitted
