"""Tests of argmap.semantics.framework's builders from positions (from_pairs, from_numbers)
and of the grounded labelling they feed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import Framework, from_attacks, from_numbers, from_pairs, grounded
from argmap.semantics.labelling import IN, OUT, UNDEC


def _oracle_codes(n: int, attacks: set[tuple[int, int]]) -> list[int]:
    """The grounded labelling by the naive fixed point: in once every attacker is out, out
    once some attacker is in, repeated until nothing changes (written independently of the
    counters of labelling.grounded)."""
    attackers = [{a for a, b in attacks if b == x} for x in range(n)]
    codes = [UNDEC] * n
    changed = True
    while changed:
        changed = False
        for x in range(n):
            if codes[x] != UNDEC:
                continue
            if all(codes[a] == OUT for a in attackers[x]):
                codes[x], changed = IN, True
            elif any(codes[a] == IN for a in attackers[x]):
                codes[x], changed = OUT, True
    return codes


@st.composite
def attack_lists(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    """Up to 12 arguments and a list of attacks that may repeat (self-attacks, cycles)."""
    n = draw(st.integers(1, 12))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=4 * n))
    repeats = draw(st.lists(st.sampled_from(pairs), max_size=len(pairs))) if pairs else []
    return n, pairs + repeats


def _attacks(fw: Framework) -> list[tuple[int, int]]:
    return [(a, b) for a in range(len(fw)) for b in fw.targets[a]]


@settings(max_examples=500, deadline=None)
@given(attack_lists())
def test_built_from_positions_equals_built_from_names(graph: tuple[int, list[tuple[int, int]]],
                                                      ) -> None:
    """from_pairs and from_numbers give the framework of from_attacks: the same targets in
    the same order (repeats dropped, first seen kept), attacker counts and attackers, and
    the grounded labelling of the naive fixed point."""
    n, pairs = graph
    names = [str(i + 1) for i in range(n)]
    expected = from_attacks(names, [(names[a], names[b]) for a, b in pairs])
    attackers, attacked = [a for a, _ in pairs], [b for _, b in pairs]
    for fw in (from_pairs(names, attackers, attacked), from_numbers(n, attackers, attacked)):
        assert names == fw.names
        assert expected.targets == fw.targets
        assert [len(a) for a in expected.attackers] == fw.attacker_counts()
        assert sorted(map(sorted, expected.attackers)) == sorted(map(sorted, fw.attackers))
        assert len(set(pairs)) == fw.attack_count
        codes = list(grounded(fw).codes)
        assert _oracle_codes(n, set(pairs)) == codes


def test_attacker_counts_are_a_new_list_each_time() -> None:
    """The grounded labelling counts down its own copy of the counts: labelling twice gives
    the same labels."""
    fw = from_numbers(3, [0, 1], [1, 2])
    first = fw.attacker_counts()
    first[1] = 99
    assert [0, 1, 1] == fw.attacker_counts()
    assert grounded(fw).codes == grounded(fw).codes == bytes([IN, OUT, IN])


def test_numbered_index_reads_only_the_names_of_the_file() -> None:
    """The index of a numbered framework finds "1".."n" and nothing else: no leading zero,
    sign, space, other script's digits, number out of range, or number too long for int()."""
    fw = from_numbers(12, [], [])
    assert [0, 11] == [fw.index["1"], fw.index["12"]]
    assert [str(i) for i in range(1, 13)] == list(fw.index)
    assert 12 == len(fw.index)
    for name in ["0", "01", "13", "+1", " 1", "1 ", "", "\u0661", "1" * 5000, "a"]:
        assert name not in fw.index
        with pytest.raises(KeyError):
            fw.index[name]
