"""Rendering argument maps: DOT, SVG, PNG, PDF, Mermaid, JSON and Markdown handouts."""

from argmap.render.api import FORMATS, Format, OutputOptions, Rendered, format_for, render_view
from argmap.render.bound import MAX_DRAWN, DrawingTooBigError
from argmap.render.dot import to_dot, view_to_dot
from argmap.render.errors import (
    GraphvizError,
    GraphvizNotFoundError,
    GraphvizTimeoutError,
    OutputPathError,
    RenderDeadlineError,
    RenderError,
    RenderUsageError,
    UnsafeSvgError,
)
from argmap.render.files import ExportResult, RenderResult, export_folder, render_file
from argmap.render.markdown import to_markdown
from argmap.render.mermaid import to_mermaid
from argmap.render.options import Direction, Grouping, LabelMode, RenderOptions, Theme
from argmap.render.select import View, select

__all__ = [
    "FORMATS",
    "MAX_DRAWN",
    "Direction",
    "DrawingTooBigError",
    "ExportResult",
    "Format",
    "GraphvizError",
    "GraphvizNotFoundError",
    "GraphvizTimeoutError",
    "Grouping",
    "LabelMode",
    "OutputOptions",
    "OutputPathError",
    "RenderDeadlineError",
    "RenderError",
    "RenderOptions",
    "RenderResult",
    "RenderUsageError",
    "Rendered",
    "Theme",
    "UnsafeSvgError",
    "View",
    "export_folder",
    "format_for",
    "render_file",
    "render_view",
    "select",
    "to_dot",
    "to_markdown",
    "to_mermaid",
    "view_to_dot",
]
