"""Tests of argmap.render.runner: Graphviz calls, engine choice, limits, the SVG check."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.loading.loader import load, loads
from argmap.render import runner
from argmap.render.api import OutputOptions, render_view
from argmap.render.dot import to_dot
from argmap.render.errors import (
    GraphvizError,
    GraphvizNotFoundError,
    GraphvizTimeoutError,
    RenderUsageError,
    UnsafeSvgError,
)
from argmap.render.runner import (
    DOT_COST_LIMIT,
    MAX_PNG_PIXELS,
    check_svg,
    choose_engine,
    dot_cost,
    graphviz_binary,
    layout_args,
    run_graphviz,
)
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


def tangle(path: Path, nodes: int = 300, per_node: int = 3, seed: int = 7) -> Path:
    """A map of ``nodes`` nodes with ``per_node`` relations each to random others
    (cycles included): the worst case for dot."""
    rng = random.Random(seed)
    kinds = ["claim", "evidence", "objection", "assumption", "recommendation"]
    lines = ["argmap: 1", "title: Tangle", "nodes:"]
    for i in range(nodes):
        targets = rng.sample([j for j in range(nodes) if j != i], per_node)
        lines += [f"  - id: n{i}", f"    kind: {kinds[i % 5]}",
                  f"    text: Node {i} says something about the matter at some length.",
                  f"    supports: [{', '.join(f'n{j}' for j in targets[:-1])}]",
                  f"    attacks: [n{targets[-1]}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_missing_binary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without Graphviz: an error saying how to install it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz") as info:
        graphviz_binary()
    assert "json with --no-layout" in str(info.value)


def test_missing_binary_only_hurts_layout_formats(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """dot, mermaid, md and json without layout work without Graphviz; svg does not."""
    monkeypatch.setenv("PATH", str(tmp_path))
    view = select(load(FLAGSHIP))
    for fmt in ("dot", "mermaid", "md"):
        assert render_view(view, fmt)[0].data
    assert render_view(view, "json", output=OutputOptions(layout=False))[0].data
    for fmt in ("svg", "png", "pdf", "json"):
        with pytest.raises(GraphvizNotFoundError):
            render_view(view, fmt)


def test_choose_engine() -> None:
    """dot for ordinary maps, an explicit engine as asked, unknown engines refused."""
    view = select(load(FLAGSHIP))
    assert choose_engine(view, None) == ("dot", None)
    assert choose_engine(view, "neato") == ("neato", None)
    with pytest.raises(RenderUsageError, match="known engines: dot, layered, sfdp, neato, fdp"):
        choose_engine(view, "circo!")


def test_tangle_costs_more_than_dot_can_do(tmp_path: Path) -> None:
    """300 nodes and 900 tangled relations are estimated beyond dot's limit; argmap's
    layered layout is chosen with a notice. The flagship map is far below the limit."""
    view = select(load(tangle(tmp_path / "tangle.yaml")))
    cost = dot_cost(view.graph, view.nodes, view.edges)
    assert cost > DOT_COST_LIMIT
    engine, notice = choose_engine(view, None)
    assert engine == "layered"
    assert notice is not None
    assert "300 nodes, 900 relations" in notice
    flagship = select(load(FLAGSHIP))
    assert dot_cost(flagship.graph, flagship.nodes, flagship.edges) < 500


def test_cost_of_chain_counts_spans() -> None:
    """A relation skipping ranks costs one virtual node per rank skipped."""
    m = loads("argmap: 1\ntitle: t\nnodes:\n"
              "  - {id: a, kind: claim, text: a, supports: [b, d]}\n"
              "  - {id: b, kind: claim, text: b, supports: [c]}\n"
              "  - {id: c, kind: claim, text: c, supports: [d]}\n"
              "  - {id: d, kind: claim, text: d}\n", "chain.yaml")
    view = select(m)
    assert dot_cost(view.graph, view.nodes, view.edges) == 4 + 4 + 2


@needs_graphviz
def test_tangle_renders_without_running_dot_on_it(tmp_path: Path) -> None:
    """The 300-node, 900-relation tangle, on which dot runs for minutes, is drawn by
    argmap's layered layout: its cost is known before dot is started. How long that takes
    is benchmarks/bench_render.py's to measure; the render's 60 s timeout here only
    catches a hang."""
    view = select(load(tangle(tmp_path / "tangle.yaml")))
    out = render_view(view, "svg", output=OutputOptions(timeout=60))[0]
    assert out.engine == "layered"
    assert any("using argmap's layered layout" in n for n in out.notices)
    check_svg(out.data)


@needs_graphviz
def test_dot_timeout_falls_back_to_layered(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """When an automatically chosen dot runs out of time, the layered layout takes over."""
    monkeypatch.setattr(runner, "DOT_COST_LIMIT", 10**9)
    view = select(load(tangle(tmp_path / "tangle.yaml")))
    out = render_view(view, "svg", output=OutputOptions(timeout=1))[0]
    assert out.engine == "layered"
    assert ("dot did not finish within 1 s; laid out with argmap's layered layout instead"
            in out.notices)


@needs_graphviz
def test_explicit_engine_times_out(tmp_path: Path) -> None:
    """An engine the caller asked for is not replaced: the timeout is an error."""
    view = select(load(tangle(tmp_path / "tangle.yaml")))
    with pytest.raises(GraphvizTimeoutError, match="did not finish within 1 s"):
        render_view(view, "svg", output=OutputOptions(engine="dot", timeout=1))


def test_layout_args() -> None:
    """Small maps get dot's full quality; bigger ones the limits; sfdp removes overlaps
    only while it is affordable."""
    assert layout_args("dot", 100, 50) == ()
    assert "-Gnslimit=2" in layout_args("dot", 5000, 1500)
    assert "-Goverlap=prism" in layout_args("sfdp", 9000, 2000)
    assert "-Goverlap=prism" not in layout_args("sfdp", 90000, 10000)


@needs_graphviz
def test_run_graphviz_formats() -> None:
    """SVG, PNG, PDF and JSON come out with their signatures."""
    dot = to_dot(load(FLAGSHIP))
    assert run_graphviz(dot, "svg").data.lstrip().startswith(b"<?xml")
    assert run_graphviz(dot, "png", dpi=30).data.startswith(b"\x89PNG")
    assert run_graphviz(dot, "pdf").data.startswith(b"%PDF")
    assert run_graphviz(dot, "json").data.startswith(b"{")


@needs_graphviz
def test_png_dpi_changes_size() -> None:
    """--dpi scales the PNG."""
    dot = to_dot(load(FLAGSHIP))

    def width(data: bytes) -> int:
        return int.from_bytes(data[16:20], "big")

    low = run_graphviz(dot, "png", dpi=20).data
    high = run_graphviz(dot, "png", dpi=40).data
    assert abs(width(high) / width(low) - 2) < 0.05


@needs_graphviz
@pytest.mark.parametrize("dpi", [None, 300])
def test_a_huge_png_is_scaled_down(dpi: int | None) -> None:
    """A map decides how big its drawing is, and a PNG takes 4 bytes a pixel: 10,000 nodes
    drew 32,767 x 21,598 pixels (3 GB). A drawing 120 inches wide (a thin one: the test
    takes little memory) comes out MAX_PNG_PIXELS wide, its shape kept, with a notice; a
    small one is not touched."""
    run = run_graphviz('digraph G { a [width=120, height=3]; }', "png", dpi=dpi)
    width, height = (int.from_bytes(run.data[i:i + 4], "big") for i in (16, 20))
    assert (MAX_PNG_PIXELS, 1.0) == (width, round(height / width * 40, 1))  # 3 / 120
    assert ["the PNG was scaled down to at most 10,000 pixels a side; draw SVG or PDF for "
            "every detail, or fit it to a --page"] == list(run.notices)
    small = run_graphviz('digraph G { a [width=4, height=3]; }', "png", dpi=dpi)
    resolution = dpi or 96
    # 4 inches and Graphviz's pad of 4 points a side.
    assert (round(4 * resolution + 8 / 72 * resolution), ()) == (
        int.from_bytes(small.data[16:20], "big"), small.notices)


@needs_graphviz
def test_graphviz_syntax_error_is_reported() -> None:
    """Broken DOT (never produced by argmap) gives a GraphvizError with Graphviz's message."""
    with pytest.raises(GraphvizError, match="syntax error"):
        run_graphviz("digraph { a -> }", "svg")


def test_unknown_graphviz_format() -> None:
    """Only the formats argmap asks Graphviz for are accepted."""
    with pytest.raises(RenderUsageError, match="known: svg, png, pdf, json"):
        run_graphviz("digraph {}", "gif")


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize("body", [
    '<a xlink:href="https://example.org/x?a=1&amp;b=2"><text>ok</text></a>',
    '<a xlink:href="#node1"><title>t</title></a>',
    "<g><polygon points='0,0 1,1'/></g>",
])
def test_check_svg_accepts_safe(body: str) -> None:
    """Ordinary Graphviz SVG with http(s) links passes."""
    check_svg(SVG.format(body).encode())


@pytest.mark.parametrize(("body", "message"), [
    ("<script>alert(1)</script>", "<script> element"),
    ('<g onload="alert(1)"/>', "event attribute 'onload'"),
    ('<a xlink:href="javascript:alert(1)"/>', "not http"),
    ('<a href=" java\tscript:alert(1)"/>', "not http"),
    ('<a xlink:href="data:text/html,x"/>', "not http"),
    ("<foreignObject><div/></foreignObject>", "<foreignobject> element"),
    ("<text>&#1;</text>", "malformed"),
    ("<text>unclosed", "malformed"),
])
def test_check_svg_rejects_unsafe(body: str, message: str) -> None:
    """Script, event handlers, non-http links and malformed XML are refused."""
    with pytest.raises(UnsafeSvgError, match=message):
        check_svg(SVG.format(body).encode())


def test_stream_checks_output_as_it_arrives() -> None:
    """Output is checked while the program still writes: an unsafe SVG raises, the
    program is ended and nothing is returned."""
    cat = shutil.which("cat") or "cat"
    body = SVG.format("<g/>" * 50_000 + "<script>alert(1)</script>").encode()
    with pytest.raises(UnsafeSvgError, match="<script> element"):
        runner._stream([cat], body, 20, runner._SvgCheck())


def test_stream_passes_big_data_both_ways() -> None:
    """Megabytes in and out do not block on full pipes; stderr and the exit code come back."""
    cat = shutil.which("cat") or "cat"
    data = b"0123456789" * 500_000
    assert (data, b"", 0) == runner._stream([cat], data, 20, None)
    sh = shutil.which("sh") or "sh"
    assert (b"", b"oops\n", 3) == runner._stream([sh, "-c", "echo oops >&2; exit 3"], b"", 20,
                                                 None)


def test_stream_timeout_kills() -> None:
    """A program still running at the timeout is killed and TimeoutExpired raised."""
    sleep = shutil.which("sleep") or "sleep"
    with pytest.raises(subprocess.TimeoutExpired):
        runner._stream([sleep, "30"], b"", 0.5, None)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("engine", ["dot", "layered"])
def test_ctrl_c_while_dot_runs(tmp_path: Path, engine: str) -> None:
    """SIGINT to argmap (alone, as `kill -INT` sends it; a terminal's Ctrl-C also reaches
    dot) while Graphviz runs: exit code 130, no traceback, no file in the output folder
    (not even a temporary one), and dot killed, not left running. The render waited for
    dot to end (the wait after reading its output), and with --engine layered dot ran in
    a pool's thread that the interrupted render waited for, and outlived argmap. The
    `dot` here is a stand-in that says it started and sleeps."""
    import os
    import signal
    import sys
    import time

    fake, out, started = tmp_path / "bin", tmp_path / "out", tmp_path / "dot.pid"
    fake.mkdir()
    out.mkdir()
    (fake / "dot").write_text(f'#!/bin/sh\necho $$ > "{started}"\nexec sleep 300\n',
                              encoding="utf-8")
    (fake / "dot").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "render", str(FLAGSHIP), "-o",
                             str(out / "m.svg"), "--engine", engine], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    dot = None
    try:
        give_up = time.monotonic() + 60  # (only catches a render that never runs dot)
        while dot is None and time.monotonic() < give_up and proc.poll() is None:
            text = started.read_text(encoding="utf-8") if started.exists() else ""
            dot = int(text) if text.strip() else None
            time.sleep(0.02)
        assert dot is not None, proc.communicate()
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        if dot is not None and _alive(dot):
            os.kill(dot, signal.SIGKILL)
            pytest.fail("dot was left running")
    assert (130, b"", []) == (proc.returncode, err, sorted(out.iterdir()))
