"""Tests of argmap.render.api: the format registry and rendering views in memory."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.emit import emit
from argmap.loading.loader import load, loads
from argmap.model import ArgumentMap
from argmap.render.api import FORMATS, OutputOptions, format_for, render_view
from argmap.render.errors import RenderUsageError
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.runner import check_svg
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT
from .mapgen import maps

GOLDEN = ROOT / "tests" / "golden"
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


def test_format_names_are_the_cli_choices() -> None:
    """The registry's keys, in the order the CLI lists them."""
    assert list(FORMATS) == ["svg", "png", "pdf", "dot", "mermaid", "md", "json", "html"]
    assert [f.suffix for f in FORMATS.values()] == [
        ".svg", ".png", ".pdf", ".dot", ".mmd", ".md", ".json", ".html"]


@pytest.mark.parametrize(("fmt", "output", "expected"), [
    (None, None, "svg"),
    (None, "x/map.PNG", "png"),
    (None, "map.gv", "dot"),
    (None, "map.mermaid", "mermaid"),
    (None, "map.markdown", "md"),
    ("pdf", "map.svg", "pdf"),
    ("json", None, "json"),
])
def test_format_for(fmt: str | None, output: str | None, expected: str) -> None:
    """An explicit format wins; else the output's ending; else SVG."""
    assert format_for(fmt, Path(output) if output else None).name == expected


def test_unknown_format_lists_known() -> None:
    """Unknown names and endings are errors listing what is known."""
    with pytest.raises(RenderUsageError, match="unknown format 'gif'; known formats: svg, png, "
                                                "pdf, dot, mermaid, md, json"):
        format_for("gif", None)
    with pytest.raises(RenderUsageError, match=r"cannot tell the format from the ending '\.txt'"):
        format_for(None, Path("map.txt"))


def test_reveal_only_for_pictures() -> None:
    """--reveal with a text format that cannot hide nodes is refused."""
    view = select(load(GOLDEN / "small.yaml"))
    with pytest.raises(RenderUsageError, match="use one of svg, png, pdf, dot"):
        render_view(view, "mermaid", reveal=True)


def test_reveal_dot_steps() -> None:
    """A reveal in DOT gives one graph per step, each with every node, later ones with
    fewer invisible ones."""
    view = select(load(GOLDEN / "small.yaml"))
    steps = [r.data.decode() for r in render_view(view, "dot", reveal=True)]
    assert len(steps) == 3
    # The legend's rows are chained by invisible edges in every step: not counted.
    invisible = [sum('style="invis"' in line for line in s.splitlines()
                     if not line.strip().startswith('"~legend-')) for s in steps]
    assert invisible == sorted(invisible, reverse=True)
    assert invisible[-1] == 0
    assert all(s.count('"small:counts" [') == 1 for s in steps)
    assert "Step 2 of 3: Reasons: + 1 evidence, 1 assumption, 1 claim" in steps[1]


def test_reveal_emphasises_the_new_nodes() -> None:
    """Each step draws the nodes it adds with a bold outline twice as thick (3 pt at
    least), and the nodes shown before as usual."""
    view = select(load(GOLDEN / "small.yaml"))
    steps = [r.data.decode() for r in render_view(view, "dot", reveal=True)]

    def line(dot: str, key: str) -> str:
        return next(x for x in dot.splitlines() if x.strip().startswith(f'"{key}" ['))

    first = line(steps[0], "small:build-bypass")
    assert 'style="rounded,filled,bold", fillcolor="#F8DDA0", color="#E69F00", ' \
        'penwidth="4"' in first
    later = line(steps[1], "small:build-bypass")
    assert 'penwidth="2"' in later
    assert 'style="filled,bold"' in line(steps[1], "small:traffic-harms-centre")
    assert 'penwidth="3"' in line(steps[1], "small:traffic-harms-centre")


@needs_graphviz
def test_pdf_reveal_is_one_deck() -> None:
    """--reveal to PDF gives one document with a page per step, all the same size."""
    from pypdf import PdfReader

    view = select(load(GOLDEN / "small.yaml"))
    out = render_view(view, "pdf", reveal=True)
    assert len(out) == 1
    pages = PdfReader(io.BytesIO(out[0].data)).pages
    assert len(pages) == 3
    assert len({(p.mediabox.width, p.mediabox.height) for p in pages}) == 1


@needs_graphviz
def test_reveal_layout_is_stable() -> None:
    """Every step of a reveal puts every node in the same place."""
    view = select(load(FLAGSHIP))
    positions = []
    for step in render_view(view, "dot", reveal=True)[:4]:
        done = subprocess.run(["dot", "-Tjson0"], input=step.data, capture_output=True,
                              timeout=60, check=True)
        objects = json.loads(done.stdout)["objects"]
        positions.append({o["name"]: o["pos"] for o in objects if "pos" in o
                          and not o["name"].startswith("~")})
    assert all(p == positions[0] for p in positions)
    assert len(positions[0]) == 59


@needs_graphviz
def test_reveal_svg_uses_one_engine() -> None:
    """Every step of an SVG reveal is valid SVG laid out by the same engine."""
    outs = render_view(select(load(GOLDEN / "small.yaml")), "svg", reveal=True)
    assert {o.engine for o in outs} == {"dot"}
    for out in outs:
        check_svg(out.data)


@needs_graphviz
def test_flagship_svg_reads_at_a_glance() -> None:
    """The flagship SVG: valid, titled, a legend, recommendations above evidence."""
    out = render_view(select(load(FLAGSHIP)), "svg")[0]
    check_svg(out.data)
    text = out.data.decode()
    assert "Pakistan and Afghanistan: from coercion to pragmatic coexistence" in text
    assert "<title>cluster_legend</title>" in text
    assert 'font-family="Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"' in text
    doc = json.loads(render_view(select(load(FLAGSHIP)), "json")[0].data)
    y = {n["kind"]: [] for n in doc["nodes"]}
    for n in doc["nodes"]:
        y[n["kind"]].append(n["y"])
    assert max(y["evidence"]) < min(y["recommendation"])
    assert max(y["evidence"]) == min(y["evidence"])  # all evidence on the bottom rank


@needs_graphviz
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_any_map_renders_safe_svg(amap: ArgumentMap) -> None:
    """Property: every valid map, with every feature and tricky texts, renders to SVG
    that passes the safety check, with ids and text both shown."""
    view = select(loads(emit(amap), "generated.yaml"), RenderOptions(labels=LabelMode.BOTH))
    check_svg(render_view(view, "svg", output=OutputOptions(timeout=60))[0].data)


@pytest.mark.parametrize("field", ["timeout", "deadline"])
@pytest.mark.parametrize("seconds", [float("inf"), float("nan"), 1e308, 0.0, -1.0])
def test_time_limits_are_finite_numbers_of_seconds(field: str, seconds: float) -> None:
    """`--timeout inf` crashed the Graphviz run's timer thread with a traceback; `nan` made
    every run 'not finish within nan s', and `--deadline nan` meant no deadline. A limit
    is a positive number of seconds up to MAX_SECONDS, or a usage error."""
    from argmap.render.output import MAX_SECONDS

    with pytest.raises(RenderUsageError, match=f"--{field} must be a number of seconds "
                       rf"above 0 and at most {MAX_SECONDS:,}"):
        OutputOptions(**{field: seconds})
    assert MAX_SECONDS == getattr(OutputOptions(**{field: MAX_SECONDS}), field)


@pytest.mark.parametrize("value", [0, -1, True, 2.5])
def test_max_drawn_is_a_positive_whole_number(value: object) -> None:
    """OutputOptions.max_drawn below 1, or not a whole number, is a usage error."""
    from argmap.render.output import OutputOptions

    with pytest.raises(RenderUsageError, match="--max-drawn must be a whole number above 0"):
        OutputOptions(max_drawn=value)  # type: ignore[arg-type]
