"""Graphviz ``pos`` values for relations along routes of the layered layout.

A route is the polyline through a relation's virtual points; Graphviz wants cubic
Bézier pieces, clipped where they meet the boxes, with room left for the arrows it
draws at the ends (``s,`` and ``e,`` points).
"""

from __future__ import annotations

from itertools import pairwise

__all__ = ["MAX_BENDS", "spline"]

#: Bends of one relation's route kept in its ``pos``. Graphviz refuses a quoted string
#: over 16,384 characters ("syntax error ... longer than 16384?"), and each bend writes
#: three points of up to 24 characters: 150 bends stay under 11,000. A route across
#: more layers (a map of thousands of nodes) keeps bends evenly spaced along it.
MAX_BENDS = 150

_ARROW_LENGTH = {"normal": 10.0, "inv": 10.0, "empty": 10.0, "vee": 10.0, "crow": 10.0,
                 "box": 10.0, "diamond": 12.0, "tee": 5.0, "dot": 8.0, "none": 0.0}


def _number(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _arrow(attrs: dict[str, str], end: str) -> float:
    """Length of the arrow Graphviz draws at ``end`` (``head`` or ``tail``) of an edge."""
    direction = attrs.get("dir", "forward")
    if direction in ("none", "back" if end == "head" else "forward"):
        return 0.0
    shape = attrs.get(f"arrow{end}", "normal").lstrip("olr") or "normal"
    return _ARROW_LENGTH.get(shape, 10.0) * _number(attrs.get("arrowsize"), 1.0)


def _clip(center: tuple[float, float], size: tuple[float, float],
          toward: tuple[float, float]) -> tuple[float, float]:
    dx, dy = toward[0] - center[0], toward[1] - center[1]
    t = min(size[0] / 2 / abs(dx) if dx else float("inf"),
            size[1] / 2 / abs(dy) if dy else float("inf"), 1.0)
    return center[0] + dx * t, center[1] + dy * t


def _back_off(end: tuple[float, float], toward: tuple[float, float],
              length: float) -> tuple[float, float]:
    dx, dy = toward[0] - end[0], toward[1] - end[1]
    far = (dx * dx + dy * dy) ** 0.5
    step = min(length, far / 2) / far if far else 0.0
    return end[0] + dx * step, end[1] + dy * step


def spline(points: list[tuple[float, float]], tail: tuple[float, float],
            head: tuple[float, float], attrs: dict[str, str]) -> str:
    """A Graphviz ``pos`` for an edge along ``points`` (centres and bends): a polyline
    as cubic Bézier pieces, clipped at the boxes, with room for the arrows."""
    if len(points) < 2 or points[0] == points[-1]:
        return ""
    if len(points) > MAX_BENDS + 2:
        step = (len(points) - 1) / (MAX_BENDS + 1)
        points = [points[round(i * step)] for i in range(MAX_BENDS + 2)]
    ends = [_clip(points[0], tail, points[1]), _clip(points[-1], head, points[-2])]
    path = [ends[0], *points[1:-1], ends[1]]
    # Graphviz's reader takes the start point before the end point (the reverse of
    # what its documentation's grammar says).
    prefix = []
    head_len, tail_len = _arrow(attrs, "head"), _arrow(attrs, "tail")
    if tail_len:
        prefix.append(f"s,{path[0][0]:.2f},{path[0][1]:.2f}")
        path[0] = _back_off(path[0], path[1], tail_len)
    if head_len:
        prefix.append(f"e,{path[-1][0]:.2f},{path[-1][1]:.2f}")
        path[-1] = _back_off(path[-1], path[-2], head_len)
    control = [path[0]]
    for (ax, ay), (bx, by) in pairwise(path):
        control += [(ax + (bx - ax) / 3, ay + (by - ay) / 3),
                    (ax + 2 * (bx - ax) / 3, ay + 2 * (by - ay) / 3), (bx, by)]
    return " ".join([*prefix, *(f"{x:.2f},{y:.2f}" for x, y in control)])
