"""Tests of argmap.render.routes: Graphviz ``pos`` values for the layered layout."""

from __future__ import annotations

from argmap.render.routes import spline


def points(pos: str) -> list[tuple[float, float]]:
    """The control points of a ``pos`` value (its s, and e, points left out)."""
    return [(float(x), float(y)) for x, y in (p.split(",") for p in pos.split()
                                              if not p.startswith(("s,", "e,")))]


def test_straight_relation_is_clipped_and_leaves_room_for_the_arrow() -> None:
    """From a 100x40 box at (0, 0) up to one at (0, 200): the line starts at the top of
    the first box, the arrow's tip (e,) touches the second, and the line stops an arrow
    length (10) short of it; one Bézier piece, four points."""
    pos = spline([(0.0, 0.0), (0.0, 200.0)], (100.0, 40.0), (100.0, 40.0), {})
    assert pos.startswith("e,0.00,180.00 ")
    control = points(pos)
    assert 4 == len(control)
    assert (0.0, 20.0) == control[0]
    assert (0.0, 170.0) == control[-1]


def test_bends_and_both_arrows() -> None:
    """A route through a bend gives two pieces (seven points); dir=both puts the start
    point (s,) before the end point (e,), as Graphviz reads them; a tee is 5 long."""
    attrs = {"dir": "both", "arrowtail": "odot", "arrowhead": "tee"}
    pos = spline([(0.0, 0.0), (50.0, 100.0), (0.0, 200.0)], (20.0, 20.0), (20.0, 20.0), attrs)
    start, end = pos.split()[:2]
    assert start.startswith("s,")
    assert end.startswith("e,")
    control = points(pos)
    assert 7 == len(control)
    tip = tuple(float(v) for v in end[2:].split(","))
    last = control[-1]
    assert 5.0 == round(((tip[0] - last[0]) ** 2 + (tip[1] - last[1]) ** 2) ** 0.5, 2)


def test_no_arrow_and_degenerate_routes() -> None:
    """arrowhead=none leaves no e, point; a route of one point, or from a point to
    itself, gives no pos (Graphviz then draws the relation itself)."""
    assert not spline([(0.0, 0.0), (0.0, 100.0)], (10.0, 10.0), (10.0, 10.0),
                      {"arrowhead": "none"}).startswith("e,")
    assert "" == spline([(0.0, 0.0)], (10.0, 10.0), (10.0, 10.0), {})
    assert "" == spline([(5.0, 5.0), (5.0, 5.0)], (10.0, 10.0), (10.0, 10.0), {})


def test_a_long_route_stays_within_graphvizs_string_limit() -> None:
    """A relation across hundreds of layers (a 1,500-node map laid out by argmap) had a
    pos of 40,000 characters, and Graphviz refuses a quoted string over 16,384 ("syntax
    error ... longer than 16384?"): the render failed. Its bends are thinned to
    MAX_BENDS, evenly along the route; the ends stay where they were."""
    from argmap.render.routes import MAX_BENDS

    route = [(-123456.78 + (i % 2) * 50.0, -100000.0 + i * 250.0) for i in range(2000)]
    pos = spline(route, (80.0, 40.0), (80.0, 40.0), {})
    control = points(pos)
    assert len(pos) < 16_384
    assert 3 * (MAX_BENDS + 1) + 1 == len(control)
    two = points(spline([route[0], route[-1]], (80.0, 40.0), (80.0, 40.0), {}))
    assert (two[0][1], two[-1][1]) == (control[0][1], control[-1][1])
    # At the bound, every bend is kept.
    bends = [(float(i % 2), i * 100.0) for i in range(MAX_BENDS + 2)]
    assert 3 * (MAX_BENDS + 1) + 1 == len(points(spline(bends, (10.0, 10.0), (10.0, 10.0), {})))
