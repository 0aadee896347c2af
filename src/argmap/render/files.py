"""Rendering map files to output files: ``argmap render`` and ``argmap export``.

Output paths are checked before any work is done (never over an input or a
map, folder writable: the rules are :mod:`argmap.writer`'s), everything is
rendered in memory, every output checked again, and only then written, each
file atomically, so a failed render or a refused output leaves no partial file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap import config
from argmap.checks import Settings, check
from argmap.errors import Problem, shown
from argmap.loading.loader import MapSet, load_set
from argmap.render.api import FORMATS, Format, OutputOptions, Rendered, format_for, render_view
from argmap.render.errors import OutputPathError
from argmap.render.options import RenderOptions
from argmap.render.select import select, select_each
from argmap.writer import (
    Inputs,
    WriteError,
    check_outputs,
    drawn_by_argmap,
    read_inputs,
    write_bytes_atomic,
)

__all__ = ["ExportResult", "ProgressCallback", "RenderResult", "export_folder", "render_file"]

ProgressCallback = Callable[[int, int, Path], None]
"""Called as ``(done, total, output)`` after each map an export writes."""


@dataclass(frozen=True)
class RenderResult:
    """What :func:`render_file` wrote."""

    outputs: tuple[Path, ...]
    format: str
    engine: str | None
    """The Graphviz engine used, or ``None`` for formats without a layout."""
    notices: tuple[str, ...] = ()
    """Things the caller should tell the user (an engine switch, Graphviz warnings)."""
    details: tuple[str, ...] = ()
    """What the renderer chose and why (the fit of the picture): for ``-v``."""


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_folder` wrote: (map file, output file) pairs, and notices."""

    outputs: tuple[tuple[Path, Path], ...]
    format: str
    notices: tuple[str, ...] = ()


def _findings(maps: MapSet, options: RenderOptions,
              settings: Settings | None) -> tuple[Problem, ...]:
    if not options.highlight_findings:
        return ()
    base, per_map = config.resolve(maps, settings, config.Overrides())
    return check(maps, base, per_map).findings


def _inputs(maps: MapSet) -> Inputs:
    """Every loaded map and source text, found once: each output is then checked against
    all of them in constant time (an export of 10,000 maps checks 10,000 outputs)."""
    return read_inputs(maps)


def _check_outputs(paths: Sequence[Path], inputs: Inputs, force: bool) -> None:
    """Refuse outputs over an input or a map, or in a folder that cannot be written,
    early (before a layout that may take seconds), all of them before writing any."""
    try:
        check_outputs(paths, inputs=inputs, force=force)
    except WriteError as exc:
        raise OutputPathError(str(exc)) from None


def _numbered(path: Path, count: int) -> list[Path]:
    """``map.svg`` -> ``map-01.svg``, ``map-02.svg``, ... for the steps of a reveal."""
    width = max(2, len(str(count)))
    return [path.with_name(f"{path.stem}-{i:0{width}d}{path.suffix}")
            for i in range(1, count + 1)]


def _write(paths: Sequence[Path], outputs: Sequence[Rendered], inputs: Inputs,
           force: bool) -> None:
    for path, rendered in zip(paths, outputs, strict=True):
        write_bytes_atomic(path, rendered.data, inputs=inputs, force=force)


def _notices(outputs: Sequence[Rendered]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for r in outputs for n in r.notices))


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the folders made, deepest first."""
    missing = [f for f in (folder, *folder.parents) if not f.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputPathError(f"{folder}: cannot create the output folder: "
                              f"{exc.strerror or exc}") from None
    return missing


def _default_output(source: Path, spec: Format) -> Path:
    """Next to the input: same name, the format's ending (a folder gives ``folder.svg``,
    beside the folder, outside it)."""
    if source.is_dir():
        resolved = source.resolve()
        if not resolved.name:
            raise OutputPathError(f"{source}: a folder with no name has no place beside it "
                                  "for its drawing; choose the output with -o FILE")
        return resolved.parent / f"{resolved.name}{spec.suffix}"
    return source.with_suffix(spec.suffix)


def _check_beside(paths: Sequence[Path], force: bool, *, folder: bool) -> None:
    """Refuse, unless ``force``, to replace a file argmap did not draw with the drawing of
    a map or folder given without an output path: it goes beside the map (the folder),
    named after it, where a file of the user's may be (`notes.md` beside `notes.yaml`
    asked for as a handout, `docs.md` beside `docs/`, a logo `maps.svg`). A path the
    user names with -o is theirs to choose."""
    if force:
        return
    where = ("a folder's drawing goes beside the folder" if folder
             else "a map's drawing goes beside the map")
    for path in paths:
        if path.is_file() and not drawn_by_argmap(path):
            raise OutputPathError(
                f"{path}: refusing to write over a file argmap did not draw (without -o, "
                f"{where}, named after it); choose the output with -o FILE, or give --force "
                "to replace it")


def render_file(path: str | Path, output: str | Path | None = None, *,
                fmt: str | None = None, options: RenderOptions | None = None,
                output_options: OutputOptions | None = None, reveal: bool = False,
                settings: Settings | None = None, force: bool = False) -> RenderResult:
    """Render a map file (or a folder of maps, as one diagram) to a file.

    The format is ``fmt``, else ``output``'s ending, else SVG; without
    ``output`` the file goes next to the input. With ``reveal`` the steps are
    written as numbered files (``map-01.svg``, ...). ``settings`` are the
    check settings used by ``highlight_findings`` (each map's own ``check:``
    block applies on top). Never writes over an input or, unless ``force``, a map
    (:mod:`argmap.writer`); nor, unless ``force``, the drawing without ``output``
    (``map.svg`` beside the map, ``folder.svg`` beside the folder) over a file argmap
    did not draw
    (:func:`argmap.writer.drawn_by_argmap`). Nothing is written if any output is
    refused. Returns the paths written.
    """
    source = Path(path)
    out = Path(output) if output is not None else None
    spec = format_for(fmt, out)
    options = options or RenderOptions()
    maps = load_set([source])
    inputs = _inputs(maps)
    target = out if out is not None else _default_output(source, spec)
    beside = out is None
    # Like export's output folder, a missing folder of -o is made (and removed again
    # when the output is refused or the render fails, so nothing is left behind).
    made = _make_folder(target.parent)
    try:
        _check_outputs([target], inputs, force)
        if beside:
            _check_beside([target], force, folder=source.is_dir())
        return _render_to(maps, target, spec, options, output_options, reveal,
                          settings, force, inputs, beside=beside, folder=source.is_dir())
    except BaseException:
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _render_to(maps: MapSet, target: Path, spec: Format, options: RenderOptions,
               output_options: OutputOptions | None, reveal: bool, settings: Settings | None,
               force: bool, inputs: Inputs, *, beside: bool = False,
               folder: bool = False) -> RenderResult:
    view = select(maps, options, _findings(maps, options, settings))
    rendered = render_view(view, spec, options, output_options, reveal=reveal)
    # A reveal's steps are known only now: all of them are checked before any is written.
    # A PDF reveal is one deck, one page per step: one file; so is a PDF cut into pages.
    series = (reveal and spec.name != "pdf") or len(rendered) > 1
    paths = _numbered(target, len(rendered)) if series else [target]
    _check_outputs(paths, inputs, force)
    if beside:
        _check_beside(paths, force, folder=folder)
    _write(paths, rendered, inputs, force)
    return RenderResult(tuple(paths), spec.name, rendered[0].engine, _notices(rendered),
                        tuple(dict.fromkeys(d for r in rendered for d in r.details)))


def export_folder(folder: str | Path, out_dir: str | Path, fmt: str = "svg", *,
                  options: RenderOptions | None = None,
                  output_options: OutputOptions | None = None,
                  settings: Settings | None = None,
                  on_progress: ProgressCallback | None = None,
                  force: bool = False) -> ExportResult:
    """Render every map of ``folder`` to ``out_dir`` (created if missing), one file per map.

    Maps of the folder may refer to each other; each map's diagram shows the
    nodes of other maps it is related to. ``on_progress`` is called after
    each file is written. Every output is checked before the first is written:
    none may be an input or, unless ``force``, a map (:mod:`argmap.writer`).
    """
    if fmt not in FORMATS:
        raise OutputPathError(f"unknown format {shown(fmt)}; known formats: {', '.join(FORMATS)}")
    spec = FORMATS[fmt]
    options = options or RenderOptions()
    maps = load_set([Path(folder)])
    inputs = _inputs(maps)
    target_dir = Path(out_dir)
    _make_folder(target_dir)
    drawn = [m for m in maps if not m.context]
    jobs = [(m, target_dir / f"{m.name}{spec.suffix}") for m in drawn]
    _check_outputs([target for _, target in jobs], inputs, force)
    findings = _findings(maps, options, settings)
    written: list[tuple[Path, Path]] = []
    notices: list[str] = []
    # One view per map, all from one index of the graph: linear in the maps' size.
    views = select_each(maps, options, findings)
    for done, ((m, target), view) in enumerate(zip(jobs, views, strict=True), start=1):
        rendered = render_view(view, spec, options, output_options)
        # --page with SVG or PNG may cut a map into pages: numbered files, checked too.
        paths = _numbered(target, len(rendered)) if len(rendered) > 1 else [target]
        if len(paths) > 1:
            _check_outputs(paths, inputs, force)
        _write(paths, rendered, inputs, force)
        written += [(Path(m.path), path) for path in paths]
        notices += [f"{m.path}: {n}" for n in _notices(rendered)]
        if on_progress is not None:
            on_progress(done, len(jobs), target)
    return ExportResult(tuple(written), spec.name, tuple(dict.fromkeys(notices)))
