"""The errors rendering raises, all :class:`~argmap.errors.ArgmapError` subclasses.

Errors the caller can fix by asking differently (an unknown format, an output
path that would overwrite a map) are also :class:`~argmap.errors.UsageError`,
so the CLI treats them like any other bad option.
"""

from __future__ import annotations

from argmap.errors import ArgmapError, UsageError

__all__ = [
    "GraphvizError",
    "GraphvizNotFoundError",
    "GraphvizTimeoutError",
    "OutputPathError",
    "RenderDeadlineError",
    "RenderError",
    "RenderUsageError",
    "UnsafeSvgError",
]

#: How to get the Graphviz binaries; part of every "not found" message.
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install "
    "graphviz; Windows: winget install graphviz) or choose a format that needs no layout: "
    "dot, mermaid, md, or json with --no-layout"
)


class RenderError(ArgmapError):
    """A map could not be rendered or written."""


class RenderUsageError(RenderError, UsageError):
    """The render request itself is wrong: unknown format, node, engine or option value."""


class OutputPathError(RenderUsageError):
    """The output path cannot be used: it is a map file, or its folder is not writable."""


class GraphvizNotFoundError(RenderError):
    """The Graphviz binary needed for this format is not installed."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"Graphviz program {self.binary!r} not found on PATH; {INSTALL_HINT}"


class GraphvizError(RenderError):
    """Graphviz ran but failed."""


class GraphvizTimeoutError(GraphvizError):
    """Graphviz did not finish its layout within the time limit."""


class RenderDeadlineError(RenderError):
    """A whole render (all its layouts) took longer than its deadline (``--deadline``).

    Not a :class:`GraphvizTimeoutError`: no other engine is tried, the render stops."""


class UnsafeSvgError(RenderError):
    """The SVG produced failed the safety check (malformed XML, script, event handler)."""
