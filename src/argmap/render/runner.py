"""Running Graphviz: engine choice, time limit, layout limits, and the SVG safety check.

The binary is called with the DOT text on stdin and the output read from
stdout, so a failed or interrupted run never leaves a file behind; writing
the result is the caller's job (atomically, see :mod:`argmap.writer`).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from xml.parsers import expat

from argmap.algorithms import longest_path_ranks
from argmap.errors import shown
from argmap.graph import ArgumentGraph
from argmap.records import NodeKind
from argmap.render.deadline import current as current_deadline
from argmap.render.errors import (
    GraphvizError,
    GraphvizNotFoundError,
    GraphvizTimeoutError,
    RenderUsageError,
    UnsafeSvgError,
)
from argmap.render.escape import cap, clean
from argmap.render.layered_dot import DRAW_ARGS, lay_out_dot
from argmap.render.select import View

__all__ = [
    "DOT_COST_LIMIT",
    "ENGINES",
    "LIMITED_COST",
    "MAX_PNG_PIXELS",
    "GraphvizRun",
    "check_svg",
    "choose_engine",
    "dot_cost",
    "graphviz_binary",
    "layout_args",
    "layout_notice",
    "run_graphviz",
]

#: Layout engines offered: ``dot`` draws the layered diagram; ``layered`` is
#: argmap's own layered layout (:mod:`argmap.render.layered`) for maps too big
#: for ``dot``, drawn by Graphviz at the positions it gives; the others are
#: force-directed.
ENGINES = ("dot", "layered", "sfdp", "neato", "fdp")

#: Above this :func:`dot_cost`, ``dot`` is replaced by ``layered`` automatically.
#: Measured on generated maps (benchmarks/bench_render.py) with the limits
#: below: cost 1,850 (500 nodes) takes dot 0.7 s of CPU, cost 3,700 (1,000
#: nodes) 1.2 s and cost 7,100 (2,000 nodes) 4.4 s; a random 300-node,
#: 900-edge tangle (cost 39,000) does not finish in 100 s. The layered layout
#: takes 0.3 s on 1,000 nodes and leaves at most 1.3 times dot's crossings on
#: 200 nodes (tests/test_render_layered_dot.py), so dot is kept where it is quick.
DOT_COST_LIMIT = 2000
#: Above this cost dot runs with layout limits that trade a little quality
#: (more edge crossings) for about half the time.
LIMITED_COST = 1500
_DOT_LIMITS = ("-Gnslimit=2", "-Gnslimit1=2", "-Gmclimit=0.5")
#: Force-directed engines draw straight edges (splines on 10,000 nodes take
#: minutes) under the nodes, and use the faster approximate repulsion.
_FORCE_ARGS = ("-Gsplines=false", "-Goutputorder=edgesfirst", "-Gquadtree=fast")
#: Up to this many nodes, overlapping nodes are pushed apart (Graphviz's
#: "prism"); measured: 2.2 s on 2,000 nodes but 14 s on 5,000, so larger maps
#: keep the overlaps and get a notice.
OVERLAP_REMOVAL_NODES = 3000

#: Widest and tallest PNG drawn, in pixels. A map decides how big its drawing is (10,000
#: nodes drew 32,767 x 21,598 pixels, Graphviz's own limit, and took 3 GB; a square one at
#: that limit would take 4.3 GB): past this the picture is scaled down to fit (at most
#: 400 MB of pixels), with a notice. A bigger picture is unreadable on a screen anyway;
#: SVG and PDF have no pixels, and ``--page`` fits a page.
MAX_PNG_PIXELS = 10_000
#: The resolution Graphviz draws a PNG at when none is given.
DEFAULT_DPI = 96

#: Graphviz output format per argmap format; cairo gives PNG/PDF text shaping
#: (Arabic script) through Pango.
_GRAPHVIZ_FORMATS = {"svg": "svg", "png": "png:cairo", "pdf": "pdf:cairo", "json": "json0"}


@dataclass(frozen=True)
class GraphvizRun:
    """What a Graphviz run produced."""

    data: bytes
    engine: str
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    """What the layout did that the caller should know (a folded layout, say)."""


def graphviz_binary(name: str = "dot") -> str:
    """Path of a Graphviz program; :class:`GraphvizNotFoundError` if it is not installed."""
    found = shutil.which(name)
    if found is None:
        raise GraphvizNotFoundError(name)
    return found


def dot_cost(graph: ArgumentGraph, nodes: tuple[str, ...], edges: tuple[int, ...]) -> int:
    """Estimated work for ``dot``: nodes + relations + the ranks relations span.

    ``dot`` adds a virtual node on every rank a relation crosses, and its
    running time grows faster than linearly with the total; cycles and
    tangles make relations span many ranks. Ranks are estimated by longest
    path over the relations (back edges of cycles dropped), evidence on the
    first rank as the DOT asks.
    """
    index = {k: i for i, k in enumerate(nodes)}
    evidence = {index[k] for k in nodes if graph.nodes[k].kind is NodeKind.EVIDENCE}
    pairs: list[tuple[int, int]] = []
    for number in edges:
        e = graph.edges[number]
        if e.target_edge is None and e.source in index and e.target in index:
            s, t = index[e.source], index[e.target]
            pairs.append((t, s) if t in evidence else (s, t))
    succ: list[list[int]] = [[] for _ in nodes]
    for s, t in pairs:
        if s != t:
            succ[s].append(t)
    rank = longest_path_ranks(succ)
    spans = sum(max(abs(rank[t] - rank[s]) - 1, 0) for s, t in pairs)
    return len(nodes) + len(edges) + spans


def choose_engine(view: View, requested: str | None,
                  cost: int | None = None) -> tuple[str, str | None]:
    """The engine to use and, when argmap chose for the caller, a notice saying why
    (``cost``: the view's :func:`dot_cost` when the caller has it already)."""
    if requested is not None:
        if requested not in ENGINES:
            raise RenderUsageError(f"unknown layout engine {shown(requested)}; known engines: "
                                   + ", ".join(ENGINES))
        return requested, None
    if cost is None:
        cost = dot_cost(view.graph, view.nodes, view.edges)
    if cost > DOT_COST_LIMIT:
        return "layered", (f"map too big for dot ({len(view.nodes):,} nodes, "
                           f"{len(view.edges):,} relations, estimated cost {cost:,} > "
                           f"{DOT_COST_LIMIT:,}); using argmap's layered layout; "
                           "choose with --engine")
    return "dot", None


def layout_args(engine: str, cost: int, nodes: int) -> tuple[str, ...]:
    """Extra Graphviz arguments for ``engine`` on a map of ``nodes`` nodes and
    :func:`dot_cost` ``cost``."""
    if engine == "dot":
        return _DOT_LIMITS if cost > LIMITED_COST else ()
    if nodes <= OVERLAP_REMOVAL_NODES:
        return (*_FORCE_ARGS, "-Goverlap=prism")
    return _FORCE_ARGS


def layout_notice(engine: str, nodes: int) -> str | None:
    """What the caller should know about the layout :func:`layout_args` asks for."""
    if engine not in ("dot", "layered") and nodes > OVERLAP_REMOVAL_NODES:
        return (f"{nodes:,} nodes: overlapping nodes are not pushed apart above "
                f"{OVERLAP_REMOVAL_NODES:,} nodes (it takes minutes); narrow the map with "
                "--focus, --kinds or --tags for a readable picture")
    return None


def run_graphviz(dot_text: str, fmt: str, *, engine: str = "dot", timeout: float = 60.0,
                 dpi: int | None = None, args: tuple[str, ...] = ()) -> GraphvizRun:
    """Lay out and draw DOT text; the output's bytes.

    Engine ``layered`` lays the DOT out with :func:`~argmap.render.layered_dot.lay_out_dot`
    and has Graphviz draw it at those positions. ``fmt`` is ``svg``, ``png``, ``pdf`` or
    ``json`` (Graphviz's layout as JSON). SVG output passes :func:`check_svg` before it is returned.
    """
    if fmt not in _GRAPHVIZ_FORMATS:
        raise RenderUsageError(f"Graphviz does not produce {shown(fmt)} here; known: "
                               + ", ".join(_GRAPHVIZ_FORMATS))
    binary = graphviz_binary()
    notices: tuple[str, ...] = ()
    drawer, extra = engine, args
    deadline = current_deadline()
    if deadline is not None:
        timeout = deadline.limit(timeout)
    if engine == "layered":
        try:
            laid = lay_out_dot(dot_text, binary, timeout)
        except GraphvizTimeoutError:
            if deadline is not None and deadline.left() <= 0:
                raise deadline.error() from None
            raise
        dot_text, notices = laid.dot, laid.notices
        drawer, extra = "neato", (*DRAW_ARGS, *args)
        if deadline is not None:
            timeout = deadline.limit(timeout)
    command = [binary, f"-K{drawer}", f"-T{_GRAPHVIZ_FORMATS[fmt]}", *extra]
    if dpi is not None:
        command.append(f"-Gdpi={int(dpi)}")
    if fmt == "png":
        # `size` (inches) only ever scales a drawing down, and both ways alike.
        side = math.floor(MAX_PNG_PIXELS / int(dpi or DEFAULT_DPI) * 1000) / 1000
        command.append(f"-Gsize={side:g},{side:g}")
    checker = _SvgCheck() if fmt == "svg" else None
    try:
        data, stderr, code = _stream(command, dot_text.encode("utf-8"), timeout, checker)
    except subprocess.TimeoutExpired:
        if deadline is not None and deadline.left() <= 0:
            raise deadline.error() from None
        raise GraphvizTimeoutError(
            f"Graphviz ({engine}) did not finish within {timeout:g} s; try --engine layered, "
            "a longer --timeout, or fewer nodes (--focus, --kinds, --tags)") from None
    except OSError as exc:
        raise GraphvizError(f"cannot run Graphviz ({binary}): {exc.strerror or exc}") from None
    warnings = _warnings(stderr)
    if code != 0 or not data:
        detail = "; ".join(warnings[:3]) or f"exit code {code}"
        raise GraphvizError(f"Graphviz ({engine}) failed: {detail}")
    if checker is not None:
        checker.feed(b"", final=True)
    if fmt == "png" and max(_png_size(data)) >= MAX_PNG_PIXELS - 1:
        notices = (*notices, f"the PNG was scaled down to at most {MAX_PNG_PIXELS:,} pixels "
                   "a side; draw SVG or PDF for every detail, or fit it to a --page")
    return GraphvizRun(data, engine, warnings, notices)


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG (its IHDR chunk comes first); 0, 0 if it is not one."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return 0, 0
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _stream(command: list[str], data: bytes, timeout: float,
            checker: _SvgCheck | None) -> tuple[bytes, bytes, int]:
    """Run ``command`` on ``data``: its output, error output and exit code.

    The output is checked (``checker``) as it arrives, while Graphviz is still
    drawing, on the machine's other core: on 10,000 nodes that hides the half
    second the check takes. A run past ``timeout`` is killed
    (:class:`subprocess.TimeoutExpired`); an unsafe SVG kills it too and raises.
    """
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    stdin, stdout, stderr = proc.stdin, proc.stdout, proc.stderr
    if stdin is None or stdout is None or stderr is None:  # pragma: no cover - PIPE gives all
        proc.kill()
        raise OSError("no pipes to Graphviz")
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        proc.kill()

    def write() -> None:
        # Graphviz may stop reading (an error, a kill): the rest is not needed.
        with contextlib.suppress(OSError):
            stdin.write(data)
        with contextlib.suppress(OSError):
            stdin.close()

    errors: list[bytes] = []
    helpers = [threading.Thread(target=write, daemon=True),
               threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)]
    timer = threading.Timer(timeout, expire)
    timer.start()
    for helper in helpers:
        helper.start()
    chunks: list[bytes] = []
    try:
        while chunk := os.read(stdout.fileno(), 1 << 16):
            chunks.append(chunk)
            if checker is not None:
                checker.feed(chunk)
        proc.wait()
    except BaseException:
        # An unsafe SVG, or Ctrl-C: Graphviz is stopped, not waited for (the wait below
        # held an interrupted render until dot finished) nor left running on its own.
        proc.kill()
        raise
    finally:
        timer.cancel()
        proc.wait()
        for helper in helpers:
            helper.join()
        stdout.close()
        stderr.close()
    if expired.is_set():
        raise subprocess.TimeoutExpired(command, timeout)
    return b"".join(chunks), b"".join(errors), proc.returncode


def _warnings(stderr: bytes) -> tuple[str, ...]:
    text = stderr.decode("utf-8", errors="replace")
    lines = [cap(clean(line), 300) for line in text.splitlines() if line.strip()]
    return tuple(dict.fromkeys(lines))[:10]


_SAFE_HREF = re.compile(r"^(https?://|#)", re.IGNORECASE)
_HREF_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def check_svg(data: bytes) -> None:
    """Raise :class:`UnsafeSvgError` unless ``data`` is well-formed XML without scripts,
    event-handler attributes, ``foreignObject`` or links other than http(s) and fragments."""
    _SvgCheck().feed(data, final=True)


class _SvgCheck:
    """:func:`check_svg` on a document that arrives in pieces."""

    def __init__(self) -> None:
        # expat with one start-element handler, not a tree: the SVG of 10,000 nodes
        # took 1.3 s through ElementTree and takes half that so.
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.StartElementHandler = _check_element

    def feed(self, data: bytes, *, final: bool = False) -> None:
        """Check the next piece; ``final`` when the document is complete."""
        try:
            self.parser.Parse(data, final)
        except expat.ExpatError as exc:
            raise UnsafeSvgError(f"Graphviz produced malformed SVG: {exc}") from None


def _check_element(name: str, attributes: dict[str, str]) -> None:
    tag = name.rsplit("}", 1)[-1].lower()
    if tag in ("script", "foreignobject", "iframe", "embed", "object"):
        raise UnsafeSvgError(f"SVG contains a <{tag}> element")
    for key, value in attributes.items():
        local = key.rsplit("}", 1)[-1].lower()
        if local.startswith("on"):
            raise UnsafeSvgError(f"SVG contains an event attribute {local!r}")
        if local == "href" and not _SAFE_HREF.match(_HREF_NOISE.sub("", value)):
            raise UnsafeSvgError(f"SVG contains a link that is not http(s): {value[:80]!r}")
