"""The bound on what one drawing may hold: nodes and relations drawn together.

A map is untrusted input, and the cost of drawing it grows with what is drawn:
measured here on generated maps (``benchmarks/bench_render.py``'s ``generate``),
the SVG of 25,000 nodes and 38,332 relations took 9.6 s of CPU and 320 MB, of
50,000 nodes and 76,716 relations 22 s and 620 MB, of 100,000 nodes and 152,838
relations (a 23 MB map: the loader lets a map have 32 MiB) 43 s and 1.2 GB.
Past :data:`MAX_DRAWN` a render stops before any layout with a
:class:`DrawingTooBigError` that names the count, the limit and the ways out
(refusing the 100,000-node map takes 1.9 s, its loading).

The bound counts what would be drawn (after ``--focus``, ``--kinds``, ``--tags``,
``--hide-orphans``), in every format, for one simple rule. DOT, Mermaid and
Markdown cost less (the 100,000-node map: 7 to 8 s and 350 to 480 MB each, linear,
so the loader's 32 MiB bounds them already), but each is meant to be drawn, by
Graphviz or Mermaid, whose cost grows faster; ``--max-drawn`` raises the limit.
"""

from __future__ import annotations

from argmap.render.errors import RenderUsageError
from argmap.render.select import View

__all__ = ["MAX_DRAWN", "DrawingTooBigError", "check_drawn", "drawn_count"]

#: The most nodes and relations (together) one drawing may hold by default
#: (``--max-drawn``). About 50,000 nodes of a typical map: its SVG takes about 20 s
#: of CPU and 650 MB here, under the 30 s and 1 GB a CI job should allow a drawing.
MAX_DRAWN = 130_000


class DrawingTooBigError(RenderUsageError):
    """A drawing would hold more nodes and relations than the limit allows."""


def drawn_count(view: View) -> int:
    """Nodes and relations (undercuts included) ``view`` draws."""
    return len(view.nodes) + len(view.edges)


def check_drawn(view: View, limit: int, *, times: int = 1) -> None:
    """Raise :class:`DrawingTooBigError` when ``view`` drawn ``times`` times (the steps
    of a reveal each lay out the whole map) holds more than ``limit`` nodes and relations."""
    count = drawn_count(view) * times
    if count <= limit:
        return
    what = (f"{len(view.nodes):,} nodes and {len(view.edges):,} relations"
            + (f", drawn {times:,} times (one layout per step of --reveal)"
               if times > 1 else ""))
    raise DrawingTooBigError(
        f"the drawing would hold {count:,} nodes and relations ({what}), more than the "
        f"limit of {limit:,} (--max-drawn); draw a part of the map with --focus NODE "
        "and --depth N, --kinds, --tags or --hide-orphans, or raise --max-drawn "
        f"(a drawing of {MAX_DRAWN:,} takes about 20 s of CPU and 650 MB)")
