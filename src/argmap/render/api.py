"""Rendering maps to files: the format registry, engine fallback, reveal, and export.

:data:`FORMATS` maps each format name (the CLI's ``--format`` choices) to a
:class:`Format`: a renderer from a :class:`~argmap.render.select.View` to bytes.
Nothing here prints or writes files; :mod:`argmap.render.files` writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from argmap import marks
from argmap.errors import shown
from argmap.render.bound import check_drawn
from argmap.render.dot import view_to_dot
from argmap.render.errors import RenderUsageError
from argmap.render.fit import fit
from argmap.render.jsonout import parse_layout, view_to_json
from argmap.render.markdown import view_to_markdown
from argmap.render.mermaid import view_to_mermaid
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.output import (
    Format,
    OutputOptions,
    Rendered,
    Renderer,
    graphviz_drawing,
    laid_out,
)
from argmap.render.reveal import reveal_steps
from argmap.render.select import View

__all__ = [
    "FORMATS",
    "Format",
    "OutputOptions",
    "Rendered",
    "Renderer",
    "format_for",
    "render_view",
]


def _text(func: Callable[[View, RenderOptions], str]) -> Renderer:
    def render(view: View, options: RenderOptions, output: OutputOptions,
               caption: str | None) -> Rendered:
        return Rendered(func(view, options).encode("utf-8"))
    return render


def _dot(view: View, options: RenderOptions, output: OutputOptions,
         caption: str | None) -> Rendered:
    return Rendered(view_to_dot(view, options, caption=caption).encode("utf-8"))


def _json(view: View, options: RenderOptions, output: OutputOptions,
          caption: str | None) -> Rendered:
    if not output.layout:
        return Rendered(view_to_json(view, options).encode("utf-8"))
    # Layout with the legend left out: tools want the map's own positions.
    dot_text = view_to_dot(view, _without_legend(options))
    run = graphviz_drawing(view, options, output, "json", dot_text)
    layout = parse_layout(run.data, run.engine or "dot")
    return Rendered(view_to_json(view, options, layout).encode("utf-8"), run.engine,
                    run.notices)


def _without_legend(options: RenderOptions) -> RenderOptions:
    return replace(options, legend=False)


def _html(view: View, options: RenderOptions, output: OutputOptions,
          caption: str | None) -> Rendered:
    # Imported here: the page builder, its data, legend and assets are needed only
    # for this format, and every `argmap render` would otherwise load them.
    from argmap.render.page import rendered_page  # noqa: PLC0415

    return rendered_page(view, options, output, caption)


#: Every output format, by name; the keys are the CLI's ``--format`` choices.
FORMATS: dict[str, Format] = {
    "svg": Format("svg", ".svg", laid_out("svg"), graphviz=True, reveal=True, fit=True),
    "png": Format("png", ".png", laid_out("png"), graphviz=True, reveal=True, fit=True),
    "pdf": Format("pdf", ".pdf", laid_out("pdf"), graphviz=True, reveal=True, fit=True),
    "dot": Format("dot", ".dot", _dot, graphviz=False, reveal=True),
    "mermaid": Format("mermaid", ".mmd", _text(view_to_mermaid), graphviz=False),
    "md": Format("md", ".md", _text(view_to_markdown), graphviz=False),
    "json": Format("json", ".json", _json, graphviz=True),
    "html": Format("html", ".html", _html, graphviz=True, fit=True),
}

#: File endings recognised besides each format's own.
_SUFFIXES = {".gv": "dot", ".mermaid": "mermaid", ".markdown": "md"}


def format_for(fmt: str | None, output: Path | None) -> Format:
    """The format named ``fmt``, else the one of ``output``'s ending, else SVG."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise RenderUsageError(f"unknown format {shown(fmt)}; known formats: "
                                   + ", ".join(FORMATS))
        return FORMATS[fmt]
    if output is None:
        return FORMATS["svg"]
    suffix = output.suffix.lower()
    by_suffix = {f.suffix: f.name for f in FORMATS.values()} | _SUFFIXES
    if suffix not in by_suffix:
        raise RenderUsageError(
            f"{output}: cannot tell the format from the ending {shown(suffix or '(none)')}; "
            f"use one of {', '.join(sorted(by_suffix))} or give the format "
            f"(known formats: {', '.join(FORMATS)})")
    return FORMATS[by_suffix[suffix]]


#: Formats whose diagram (Mermaid's) has no way to mark a crux.
_NO_CRUX = frozenset({"mermaid", "md"})


def render_view(view: View, fmt: str | Format, options: RenderOptions | None = None,
                output: OutputOptions | None = None, *, reveal: bool = False
                ) -> list[Rendered]:
    """Render ``view`` in memory: one :class:`Rendered`, or one per step with ``reveal``.
    Every output carries argmap's mark, so that drawing the map again beside it replaces
    it (:func:`argmap.writer.drawn_by_argmap`): SVG, DOT, HTML and JSON have theirs from
    their renderers, PNG, PDF, Markdown and Mermaid get theirs here (:mod:`argmap.marks`)."""
    spec = fmt if isinstance(fmt, Format) else format_for(fmt, None)
    mark = _MARKS.get(spec.name)
    done = _render_view(view, spec, options, output, reveal)
    return done if mark is None else [replace(r, data=mark(r.data)) for r in done]


def _mark_pdf(data: bytes) -> bytes:
    # Imported here: pypdf may be needed, for a PDF that ends in a cross-reference stream.
    from argmap.render.pdf import marked  # noqa: PLC0415

    return marked(data)


def _text_mark(func: Callable[[str], str]) -> Callable[[bytes], bytes]:
    return lambda data: func(data.decode("utf-8")).encode("utf-8")


#: The mark each format without one of its own gets, on the finished bytes: on the file
#: argmap writes, not on the library's text (the handout's Mermaid has none).
_MARKS: dict[str, Callable[[bytes], bytes]] = {
    "png": marks.mark_png,
    "pdf": _mark_pdf,
    "md": _text_mark(marks.mark_markdown),
    "mermaid": _text_mark(marks.mark_mermaid),
}


def _render_view(view: View, spec: Format, options: RenderOptions | None,
                 output: OutputOptions | None, reveal: bool) -> list[Rendered]:
    """:func:`render_view` before the marks."""
    options = options or RenderOptions()
    output = output or OutputOptions()
    # Before any layout, in every format: what a map can make a drawing cost is bounded.
    check_drawn(view, output.max_drawn)
    if options.crux is not None and spec.name in _NO_CRUX:
        # Refused rather than ignored: the user would take the unmarked diagram for one
        # with no crux to mark.
        raise RenderUsageError(f"--crux marks the drawing; format {shown(spec.name)} cannot; use "
                               "one of " + ", ".join(f for f in FORMATS if f not in _NO_CRUX))
    if output.page is not None:
        return _on_page(view, spec, options, output, reveal)
    details: tuple[str, ...] = ()
    if spec.name == "html" and options.labels is LabelMode.AUTO:
        # The page opens at a readable zoom and has a minimap: the full text reads there.
        options = replace(options, labels=LabelMode.TEXT)
    if spec.fit:
        fitted = fit(view, options, output.engine, output.timeout)
        options = fitted.options
        details = (fitted.note,) if fitted.note else ()
    if not reveal:
        # The renderer's own details (the page's print figure) after the fit's.
        done = spec.renderer(view, options, output, None)
        return [replace(done, details=(*details, *done.details))]
    if not spec.reveal:
        raise RenderUsageError(f"--reveal makes a series of images; format {shown(spec.name)} "
                               "cannot; use one of "
                               + ", ".join(f.name for f in FORMATS.values() if f.reveal))
    everything = frozenset(view.nodes)
    out: list[Rendered] = []
    steps = reveal_steps(view, options.reveal_order)
    # Each step draws the whole map again (hiding what is not yet shown): up to 30 times.
    check_drawn(view, output.max_drawn, times=len(steps))
    for step in steps:
        hidden = everything - step.shown
        dot_text = view_to_dot(view, options, hidden=hidden, caption=step.caption,
                               emphasis=step.new)
        if spec.graphviz:
            # One engine for every step, so the layout is the same in all of them.
            fixed = output if output.engine else _with_engine(output, out)
            out.append(graphviz_drawing(view, options, fixed, spec.name, dot_text))
        else:
            out.append(Rendered(dot_text.encode("utf-8")))
    if spec.name == "pdf" and out:
        # One deck, a page per step (Graphviz writes a PDF per step).
        from argmap.render.pdf import combine  # noqa: PLC0415

        notices = tuple(dict.fromkeys(n for r in out for n in r.notices))
        return [Rendered(combine([r.data for r in out]), out[0].engine, notices, details)]
    return [replace(r, details=details) for r in out]


def _with_engine(output: OutputOptions, done: Sequence[Rendered]) -> OutputOptions:
    return replace(output, engine=done[0].engine) if done and done[0].engine else output


def _on_page(view: View, spec: Format, options: RenderOptions, output: OutputOptions,
             reveal: bool) -> list[Rendered]:
    """``--page``: the picture fitted to a page (cut into pages when it must be), or the
    steps of a reveal, each on a page."""
    # Imported here: pages, pypdf and their helpers serve only --page.
    from argmap.render.deadline import within  # noqa: PLC0415
    from argmap.render.options import choice  # noqa: PLC0415
    from argmap.render.paged import PAGED_FORMATS, on_page, reveal_on_page  # noqa: PLC0415
    from argmap.render.paper import Page  # noqa: PLC0415

    choice(Page, output.page or "", "--page")
    if spec.name not in PAGED_FORMATS:
        raise RenderUsageError(f"--page fits a picture to paper or a slide; format "
                               f"{shown(spec.name)} has no pages; use one of "
                               + ", ".join(PAGED_FORMATS))
    with within(output.deadline):
        if reveal:
            return reveal_on_page(view, options, output, spec.name)
        return on_page(view, options, output, spec.name)
