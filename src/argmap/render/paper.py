"""Pages and slides: their sizes, and how big a picture's text prints on them.

A picture is readable on a page when its smallest text prints at
:data:`READABLE_PT` or more: the scale that fits the drawing inside the page's
margins, times the smallest font argmap draws (:data:`~argmap.render.dot.SMALLEST_FONT`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from argmap.render.dot import SMALLEST_FONT

__all__ = ["MAX_SCALE", "PAD", "READABLE_PT", "Page", "PageSize", "page_size"]

#: Smallest printed text size that counts as readable, in points.
READABLE_PT = 7.0
#: A picture smaller than its page is enlarged at most this much.
MAX_SCALE = 1.5
#: Graphviz's border around every drawing (the DOT's ``pad``), in points.
PAD = 0.3 * 72


class Page(StrEnum):
    """The ``--page`` choices: ISO A4 and A3, US Letter, and a 16:9 slide."""

    A4 = "a4"
    A3 = "a3"
    LETTER = "letter"
    SLIDE = "slide"


# Width and height in points (1/72 inch), portrait; a slide is 13.333 x 7.5 inches,
# the 16:9 size of presentation programs, and landscape.
_SIZES = {
    Page.A4: (595.28, 841.89),
    Page.A3: (841.89, 1190.55),
    Page.LETTER: (612.0, 792.0),
    Page.SLIDE: (960.0, 540.0),
}
#: Margins: 10 mm on paper (printers need about 5), a quarter inch on a slide.
_MARGINS = {Page.A4: 28.35, Page.A3: 28.35, Page.LETTER: 28.35, Page.SLIDE: 18.0}


@dataclass(frozen=True)
class PageSize:
    """A page: its size and margin in points."""

    name: str
    width: float
    height: float
    margin: float

    def scale(self, width: float, height: float) -> float:
        """The scale that fits a drawing of ``width`` x ``height`` points (its
        :data:`PAD` included) inside the margins, at most :data:`MAX_SCALE`."""
        room_w = self.width - 2 * self.margin
        room_h = self.height - 2 * self.margin
        return min(room_w / max(width, 1.0), room_h / max(height, 1.0), MAX_SCALE)

    def smallest_text(self, width: float, height: float) -> float:
        """The printed size, in points, of the smallest text of a drawing this size."""
        return SMALLEST_FONT * self.scale(width, height)


def page_size(page: Page, landscape: bool = False) -> PageSize:
    """The size of ``page``; paper is portrait unless ``landscape`` (a slide always is)."""
    width, height = _SIZES[page]
    if landscape and width < height:
        width, height = height, width
    name = page.value + (" landscape" if landscape and page is not Page.SLIDE else "")
    return PageSize(name, width, height, _MARGINS[page])
