"""Tests of argmap.render.style: the visual grammar stays readable without colour."""

from __future__ import annotations

import pytest

from argmap.model import NodeKind, RelationKind
from argmap.render.options import Theme
from argmap.render.style import OKABE_ITO, palette


@pytest.mark.parametrize("theme", list(Theme))
def test_kinds_differ_without_colour(theme: Theme) -> None:
    """Every node kind has its own shape and outline style, every relation kind its own
    line style: the diagram reads in grayscale and for colour-blind readers."""
    pal = palette(theme)
    nodes = {(s.shape, s.style) for s in pal.nodes.values()}
    edges = {(s.style, s.arrowhead) for s in pal.edges.values()}
    assert (len(nodes), len(edges)) == (len(NodeKind), len(RelationKind))


def test_print_theme_is_black_and_white() -> None:
    """--theme print uses black lines and white or light gray fills only."""
    pal = palette(Theme.PRINT)
    lines = {s.line for s in pal.nodes.values()} | {s.color for s in pal.edges.values()}
    fills = {s.fill for s in pal.nodes.values()}
    assert lines == {"#000000"}
    assert all(f[1:3] == f[3:5] == f[5:7] for f in fills)


def test_colour_theme_uses_okabe_ito() -> None:
    """The default theme draws outlines and relations in the Okabe-Ito palette."""
    pal = palette(Theme.COLOR)
    used = {s.color for s in pal.edges.values()} | {
        s.line for k, s in pal.nodes.items() if k is not NodeKind.ASSUMPTION}
    assert used <= set(OKABE_ITO.values())


@pytest.mark.parametrize("theme", list(Theme))
def test_inferred_relations_and_tensions_differ_without_colour(theme: Theme) -> None:
    """A relation the analyst infers has a mark at its start that no relation kind uses, so
    stated and inferred read apart in grayscale; a tension is the only undirected line, and
    its colour is a gray that prints (the print theme keeps to grays for them too)."""
    pal = palette(theme)
    assert pal.inferred.arrowtail not in {s.arrowhead for s in pal.edges.values()}
    assert pal.inferred.penwidth < min(s.penwidth for s in pal.edges.values())
    assert pal.tension.arrowhead == "none"
    assert all(s.arrowhead != "none" for s in pal.edges.values())
    grays = [pal.tension.color, *(pal.inferred.colors.values() if theme is Theme.PRINT else ())]
    assert all(c[1:3] == c[3:5] == c[5:7] for c in grays)
