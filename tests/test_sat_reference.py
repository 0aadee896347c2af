"""Tests of benchmarks/sat_reference.py, the yardstick argmap's solver is measured against:
it must itself be right, so it is held to the brute-force oracle and to argmap's solver."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from benchmarks.sat_reference import Reference, parse_af
from hypothesis import given, settings

from argmap.semantics import Reasoner, Semantics
from argmap.semantics.labelling import IN
from tests.test_semantics_solver import _brute, _framework, attack_graphs


def _in_sets(labellings: list[dict[int, int]]) -> list[tuple[int, ...]]:
    return sorted(tuple(sorted(x for x, c in lab.items() if c == IN)) for lab in labellings)


def _sorted(extensions: Iterable[frozenset[int]]) -> list[tuple[int, ...]]:
    """Extensions in a total order (sets compare by inclusion, which sorts nothing)."""
    return sorted(tuple(sorted(e)) for e in extensions)


@settings(max_examples=1000, deadline=None)
@given(attack_graphs(max_size=8))
def test_reference_equals_brute_force(graph: tuple[int, set[tuple[int, int]]]) -> None:
    """On generated frameworks (empty, self-attacks, odd and even cycles) the reference lists
    exactly the oracle's stable and preferred extensions, and answers credulous stable,
    credulous preferred and sceptical preferred acceptance of every argument as the oracle
    and argmap's solver do."""
    n, attacks = graph
    oracle = _brute(n, attacks)
    ref = Reference(n, sorted(attacks))
    stable, preferred = _in_sets(oracle[Semantics.STABLE]), _in_sets(oracle[Semantics.PREFERRED])
    assert stable == _sorted(ref.stable_extensions())
    assert preferred == _sorted(ref.preferred_extensions())
    one = ref.some_stable()
    assert (tuple(sorted(one)) in stable) if one is not None else not stable
    fw = _framework(n, attacks)
    pr, stb = Reasoner(fw, Semantics.PREFERRED), Reasoner(fw, Semantics.STABLE)
    for x in range(n):
        expected = (any(x in e for e in stable), any(x in e for e in preferred),
                    all(x in e for e in preferred))
        assert expected == (ref.credulous_stable(x), ref.credulous_preferred(x),
                            ref.sceptical_preferred(x)), x
        assert expected == (stb.credulous(x), pr.credulous(x), pr.sceptical(x)), x


def test_limit_stops_enumeration() -> None:
    """``limit`` stops the listing: 30 pairs of mutual attackers have 2^30 stable and
    preferred extensions, and the first three of each come at once, all different."""
    attacks = [(i, i ^ 1) for i in range(60)]
    ref = Reference(60, attacks)
    for found in (list(ref.stable_extensions(3)), list(ref.preferred_extensions(3))):
        assert 3 == len(set(found))
        assert all(30 == len(e) for e in found)


def test_parse_af() -> None:
    """ICCMA .af text gives 0-based attacks in file order, repeats dropped, comments and
    blank lines skipped."""
    text = "# made by hand\np af 3\n1 2\n\n2 3\n# again\n1 2\n3 3\n"
    assert (3, [(0, 1), (1, 2), (2, 2)]) == parse_af(text)


@pytest.mark.parametrize(("text", "message"), [
    ("1 2\n", "line 1: expected the header 'p af N'"),
    ("p af 2\n1 3\n", "line 2: argument out of range 1..2"),
    ("p af 2\n1 2 3\n", "line 2: expected an attack 'a b'"),
    ("# nothing\n", "no header 'p af N'"),
])
def test_parse_af_refuses_malformed_text(text: str, message: str) -> None:
    """Malformed .af text is refused with the line at fault (the benchmark only reads
    files it generated or was pointed at, so a ValueError is enough)."""
    with pytest.raises(ValueError, match="^" + message.replace(".", r"\.")):
        parse_af(text)
