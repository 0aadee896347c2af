"""Tests of benchmarks/af_families.py: the seeded ICCMA families bench_reference.py runs."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest
from benchmarks import af_families as fam
from benchmarks.sat_reference import parse_af

from tests.helpers import THIRD_PARTY

COMPETITION = THIRD_PARTY / "argument_solver" / "inputs" / "competition"


def test_admbuster_is_the_competition_instance() -> None:
    """admbuster(1000) is the ICCMA instance A-1-admbuster_1000 shipped with the tests up to
    the numbering of its arguments (isomorphic; the file numbers them in another order), and
    admbuster(8) the construction itself: a <- b1, c1; b2 -> b1; c2 -> c1; b3 -> b2, c2;
    c3 -> c2, b2; d -> b3, c3."""
    n, attacks = parse_af((COMPETITION / "2_A-1-admbuster_1000.af").read_text("utf-8"))
    m, ours = fam.admbuster(1000)
    expected, actual = nx.DiGraph(attacks), nx.DiGraph(ours)
    expected.add_nodes_from(range(n))
    actual.add_nodes_from(range(m))
    assert nx.is_isomorphic(expected, actual)
    a, b1, c1, b2, c2, b3, c3, d = range(8)
    assert (8, {(b1, a), (c1, a), (b2, b1), (c2, c1), (b3, b2), (c3, c2), (b3, c2), (c3, b2),
                (d, b3), (d, c3)}) == (fam.admbuster(8)[0], set(fam.admbuster(8)[1]))


@pytest.mark.parametrize("n", [0, 3, 7])
def test_admbuster_refuses_sizes_it_has_not(n: int) -> None:
    """admbuster has 2k + 2 arguments, k >= 1: other sizes are refused."""
    with pytest.raises(ValueError, match="even number of arguments"):
        fam.admbuster(n)


def test_watts_strogatz_has_the_competition_shape() -> None:
    """WS 300/16/0.9/0.3 has the size of the competition's A-2-WS_300_16_90_30 (2,400 links
    of the ring, one attack each, within the few rewirings that land on a taken pair) and a
    share of arguments on cycles of at least 30%."""
    n, attacks = fam.watts_strogatz(300, 16, 0.9, 0.3)
    assert 300 == n
    assert 2390 <= len(attacks) <= 2400
    assert fam._components(n, attacks) < 300 * 0.7


def test_barabasi_albert_cycles() -> None:
    """BA of 1,000 arguments is a tree of 999 links plus reversed attacks until fewer than
    400 strongly connected components are left: exactly 601 reversals (each merges two)."""
    n, attacks = fam.barabasi_albert(1000, 0.6)
    assert (1000, 999 + 601, 399) == (n, len(attacks), fam._components(n, attacks))


@pytest.mark.parametrize("make", [
    lambda seed: fam.erdos_renyi(200, 0.05, seed),
    lambda seed: fam.barabasi_albert(200, 0.5, seed),
    lambda seed: fam.watts_strogatz(200, 6, 0.3, 0.3, seed),
    lambda seed: fam.grid(10, 20, 0.5, seed),
])
def test_seeded_and_distinct(make: Callable[[int], fam.Attacks]) -> None:
    """The same seed gives the same framework, another seed another; no attack repeats."""
    first, again, other = make(1), make(1), make(2)
    assert first == again
    assert first != other
    assert len(set(first[1])) == len(first[1])


def test_components() -> None:
    """The component count of a cycle a -> b -> c -> a, a pair, and a lone argument."""
    assert 3 == fam._components(6, [(0, 1), (1, 2), (2, 0), (3, 4), (4, 3)])
    assert 4 == fam._components(4, [(0, 1), (1, 2), (2, 3)])
