"""The ``html`` entry of the render registry (:data:`argmap.render.api.FORMATS`).

The registry imports this module while :mod:`argmap.render` is being initialised,
so it imports nothing from there at module level: the page builder (which uses
the registry to draw the SVG) is imported when a page is rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.render.api import OutputOptions, Rendered
    from argmap.render.options import RenderOptions
    from argmap.render.select import View

__all__ = ["render_html"]


def render_html(view: View, options: RenderOptions, output: OutputOptions,
                caption: str | None) -> Rendered:
    """The self-contained HTML page of ``view`` (a :data:`~argmap.render.api.Renderer`)."""
    from argmap.html.page import rendered_page  # noqa: PLC0415 - see the module docstring

    return rendered_page(view, options, output, caption)
