"""What every renderer takes and gives, and drawing a view through Graphviz.

:class:`OutputOptions` (how to produce an output), :class:`Rendered` (an output in
memory), :data:`Renderer` and :class:`Format` (the entries of the registry in
:mod:`argmap.render.api`), and :func:`graphviz_drawing`, which the registry's SVG,
PNG, PDF and JSON formats and the HTML page (:mod:`argmap.render.page`) draw with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from argmap.render.bound import MAX_DRAWN
from argmap.render.deadline import DEFAULT_DEADLINE
from argmap.render.dot import view_to_dot
from argmap.render.errors import GraphvizTimeoutError, RenderUsageError
from argmap.render.options import RenderOptions
from argmap.render.runner import (
    choose_engine,
    dot_cost,
    layout_args,
    layout_notice,
    run_graphviz,
)
from argmap.render.select import View

__all__ = ["MAX_SECONDS", "Format", "OutputOptions", "Rendered", "Renderer", "graphviz_drawing",
           "laid_out"]


#: The longest --timeout or --deadline: about 11 days, "no limit" in practice. Past it
#: (``inf``, ``1e308``) the timer that stops Graphviz cannot be set: a traceback.
MAX_SECONDS = 1_000_000


@dataclass(frozen=True)
class OutputOptions:
    """How to produce the output, as opposed to what it shows (:class:`RenderOptions`)."""

    engine: str | None = None
    """Layout engine; ``None``: ``dot``, or ``layered`` for maps too big for it."""
    timeout: float = 60.0
    """Seconds one Graphviz run may take."""
    dpi: int | None = None
    """Resolution of PNG output (Graphviz's default is 96)."""
    layout: bool = True
    """For ``json``: include positions from a Graphviz layout."""
    page: str | None = None
    """For svg, png, pdf: fit the picture to this page (``a4``, ``a3``, ``letter``,
    ``slide``; :mod:`argmap.render.paged`); a PDF too big for one readable page is cut
    into several."""
    landscape: bool = False
    """With ``page``: paper turned sideways (a slide always is)."""
    deadline: float | None = DEFAULT_DEADLINE
    """With ``page``: seconds the whole render may take, all its layouts together
    (:mod:`argmap.render.deadline`); ``None``: only each run's ``timeout``."""
    max_drawn: int = MAX_DRAWN
    """The most nodes and relations one drawing may hold (:mod:`argmap.render.bound`)."""

    def __post_init__(self) -> None:
        # bool is an int: True would be a limit of 1.
        if isinstance(self.max_drawn, bool) or not isinstance(self.max_drawn, int) \
                or self.max_drawn < 1:
            raise RenderUsageError(f"--max-drawn must be a whole number above 0; got "
                                   f"{self.max_drawn!r}")
        for name, seconds in (("timeout", self.timeout), ("deadline", self.deadline)):
            # Written so that NaN fails too (every comparison with it is false).
            if seconds is not None and not 0 < seconds <= MAX_SECONDS:
                raise RenderUsageError(f"--{name} must be a number of seconds above 0 and "
                                       f"at most {MAX_SECONDS:,}; got {seconds}")


@dataclass(frozen=True)
class Rendered:
    """One rendered output in memory."""

    data: bytes
    engine: str | None = None
    notices: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    """What the renderer chose and why (the fit, the pages): shown with ``-v``."""


Renderer = Callable[[View, RenderOptions, OutputOptions, str | None], Rendered]
"""Renders a view; the last argument is a caption (a reveal step) or ``None``."""


@dataclass(frozen=True)
class Format:
    """An output format: its file ending, whether it needs Graphviz, and its renderer."""

    name: str
    suffix: str
    renderer: Renderer
    graphviz: bool
    reveal: bool = False
    """Whether ``--reveal`` can produce it."""
    fit: bool = False
    """Whether the picture is fitted (:mod:`argmap.render.fit`) before it is drawn."""


def laid_out(fmt: str) -> Renderer:
    """The renderer of ``fmt`` (svg, png, pdf) through a Graphviz layout."""

    def render(view: View, options: RenderOptions, output: OutputOptions,
               caption: str | None) -> Rendered:
        dot_text = view_to_dot(view, options, caption=caption)
        return graphviz_drawing(view, options, output, fmt, dot_text)
    return render


def graphviz_drawing(view: View, options: RenderOptions, output: OutputOptions, fmt: str,
              dot_text: str) -> Rendered:
    """Run Graphviz; an automatically chosen ``dot`` that runs out of time falls back to
    argmap's layered layout."""
    cost = dot_cost(view.graph, view.nodes, view.edges)
    engine, notice = choose_engine(view, output.engine, cost)
    notices = [notice] if notice else []
    nodes = len(view.nodes)
    try:
        run = run_graphviz(dot_text, fmt, engine=engine, timeout=output.timeout,
                           dpi=output.dpi, args=layout_args(engine, cost, nodes))
    except GraphvizTimeoutError:
        if output.engine is not None or engine != "dot":
            raise
        notices.append(f"dot did not finish within {output.timeout:g} s; "
                       "laid out with argmap's layered layout instead")
        engine = "layered"
        run = run_graphviz(dot_text, fmt, engine=engine, timeout=output.timeout,
                           dpi=output.dpi, args=layout_args(engine, cost, nodes))
    extra = layout_notice(engine, nodes)
    notices += [extra] if extra else []
    return Rendered(run.data, engine, (*notices, *run.notices, *run.warnings))
