"""Tests of argmap.semantics.solver: SAT-backed semantics against a brute-force oracle."""

from __future__ import annotations

from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import (
    Framework,
    Reasoner,
    SearchTooLarge,
    Semantics,
    credulous,
    extensions,
    from_attacks,
    labellings,
    sceptical,
)
from argmap.semantics.labelling import IN, OUT, UNDEC

SOLVED = [s for s in Semantics if s is not Semantics.GROUNDED]


# --- an independent oracle: every subset of the arguments -----------------------------


def _brute(n: int, attacks: set[tuple[int, int]]) -> dict[Semantics, list[dict[int, int]]]:
    """Every labelling of every semantics, by trying all 2^n sets (as label codes)."""
    attackers = [{a for a, b in attacks if b == x} for x in range(n)]
    admissible, complete = [], []
    for mask in range(1 << n):
        s = {x for x in range(n) if mask >> x & 1}
        if any((a, b) in attacks for a in s for b in s):
            continue
        attacked = {b for a, b in attacks if a in s}
        if not all(attackers[x] <= attacked for x in s):
            continue
        labels = {x: IN if x in s else OUT if x in attacked else UNDEC for x in range(n)}
        admissible.append(labels)
        if {x for x in range(n) if attackers[x] <= attacked} == s:
            complete.append(labels)

    def ins(lab: dict[int, int]) -> set[int]:
        return {x for x, c in lab.items() if c == IN}

    def rng(lab: dict[int, int]) -> set[int]:
        return {x for x, c in lab.items() if c != UNDEC}

    return {
        Semantics.ADMISSIBLE: admissible,
        Semantics.COMPLETE: complete,
        Semantics.GROUNDED: [min(complete, key=lambda lab: len(ins(lab)))],
        Semantics.PREFERRED: [a for a in complete if not any(ins(a) < ins(b) for b in complete)],
        Semantics.STABLE: [a for a in complete if len(rng(a)) == n],
        Semantics.SEMI_STABLE: [a for a in complete
                                if not any(rng(a) < rng(b) for b in complete)],
    }


@st.composite
def attack_graphs(draw: st.DrawFn, max_size: int = 10) -> tuple[int, set[tuple[int, int]]]:
    """Random frameworks up to ``max_size`` arguments: empty ones, self-attacks, and odd and
    even cycles (a ring of any length is drawn besides the random attacks)."""
    n = draw(st.integers(0, max_size))
    if not n:
        return 0, set()
    pairs = set(draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                              max_size=2 * n)))
    ring = draw(st.integers(0, n))
    pairs |= {(i, (i + 1) % ring) for i in range(ring)} if ring else set()
    return n, pairs


def _framework(n: int, attacks: set[tuple[int, int]]) -> Framework:
    names = [f"a{i}" for i in range(n)]
    return from_attacks(names, [(names[a], names[b]) for a, b in sorted(attacks)])


@settings(max_examples=1000, deadline=None)
@given(attack_graphs())
def test_every_semantics_equals_brute_force(graph: tuple[int, set[tuple[int, int]]]) -> None:
    """Every semantics lists exactly the labellings of the brute-force oracle, and answers
    credulous and sceptical acceptance and each label's possibility of every argument as
    the oracle does (one solver per semantics answering every question in turn)."""
    n, attacks = graph
    fw = _framework(n, attacks)
    oracle = _brute(n, attacks)
    for semantics in Semantics:
        expected = oracle[semantics]
        reasoner = Reasoner(fw, semantics)
        actual = [dict(enumerate(lab.codes)) for lab in reasoner.extensions()]
        assert sorted(map(sorted, (lab.items() for lab in expected))) == \
            sorted(map(sorted, (lab.items() for lab in actual))), semantics
        for x in range(n):
            labels = {lab[x] for lab in expected}
            assert ({c for c in (IN, OUT, UNDEC) if reasoner.possible(x, (c,))}
                    == labels), (semantics, x)
            assert (IN in labels) == reasoner.credulous(x), (semantics, x)
            assert (labels <= {IN}) == reasoner.sceptical(x), (semantics, x)


@pytest.mark.parametrize("length", [1, 2, 3, 4, 5])
def test_cycles(length: int) -> None:
    """A cycle of odd length has no stable extension and only the empty preferred one; an
    even one has two of each (the two alternating halves)."""
    fw = _framework(length, {(i, (i + 1) % length) for i in range(length)})
    prefs = sorted(lab.extension() for lab in labellings(fw, Semantics.PREFERRED))
    stables = sorted(lab.extension() for lab in labellings(fw, Semantics.STABLE))
    halves = [list(range(0, length, 2)), list(range(1, length, 2))]
    expected = (halves, halves) if length % 2 == 0 else ([[]], [])
    assert expected == (prefs, stables)


def test_module_functions() -> None:
    """The one-question functions answer as a reasoner does: in a -> b -> c with b <-> d,
    c is credulously but not sceptically accepted under preferred semantics."""
    fw = from_attacks(["a", "b", "c", "d"], [("b", "c"), ("b", "d"), ("d", "b")])
    c = fw.index["c"]
    assert (True, False) == (credulous(fw, c, Semantics.PREFERRED),
                             sceptical(fw, c, Semantics.PREFERRED))
    assert (True, True) == (credulous(fw, fw.index["a"], Semantics.STABLE),
                            sceptical(fw, fw.index["a"], Semantics.STABLE))


def test_enumeration_streams() -> None:
    """Extensions come one at a time: the first three of 2^30 are there at once (listing
    them all would never end)."""
    names = [f"a{i}" for i in range(60)]
    fw = from_attacks(names, [(names[i], names[i ^ 1]) for i in range(60)])
    for semantics in (Semantics.PREFERRED, Semantics.STABLE, Semantics.COMPLETE):
        first = list(islice(extensions(fw, semantics), 3))
        assert 3 == len({lab.codes for lab in first})
    assert 3 == len(labellings(fw, Semantics.STABLE, limit=3))


def _no_stable() -> Framework:
    """40 arguments in mutual conflict (a clique) each attacked by an odd cycle of its
    own: no stable extension, and showing it takes the solver some conflicts."""
    names = [f"a{i}" for i in range(120)]
    pairs = []
    for i in range(40):
        a, b, c = 3 * i, 3 * i + 1, 3 * i + 2
        pairs += [(a, b), (b, c), (c, a)]
        pairs += [(a, 3 * j) for j in range(40) if j != i]
    return from_attacks(names, [(names[a], names[b]) for a, b in pairs])


def test_budget_bounds_the_solver() -> None:
    """A hard question ends with SearchTooLarge once the solver has spent its budget of
    conflicts: a pigeonhole-like framework whose stable extensions do not exist."""
    fw = _no_stable()
    with pytest.raises(SearchTooLarge, match="budget of 1 solver conflicts"):
        labellings(fw, Semantics.STABLE, budget=1)
    assert [] == labellings(fw, Semantics.STABLE, budget=None)


def test_budget_is_shared_by_a_question() -> None:
    """The budget counts conflicts across every call of one question, not per call: one
    less than the enumeration spends in all stops it; twice as much is enough."""
    names = [f"a{i}" for i in range(40)]
    fw = from_attacks(names, [(names[i], names[(i + 1) % 20 + 20 * (i // 20)]) for i in
                              range(40)] + [(names[i], names[i ^ 1]) for i in range(40)])
    spent = Reasoner(fw, Semantics.PREFERRED, budget=None)
    total = sum(1 for _ in spent.extensions())
    conflicts = spent.spent
    assert total > 1
    assert conflicts > 1
    with pytest.raises(SearchTooLarge):
        labellings(fw, Semantics.PREFERRED, budget=conflicts - 1)
    assert total == len(labellings(fw, Semantics.PREFERRED, budget=2 * conflicts))


def test_budget_covers_listing_and_questions() -> None:
    """A listing has a solver of its own, but its conflicts count against the reasoner's
    one budget: with exactly what the listing spends, the listing is answered and the
    next question (which needs a conflict more) is not."""
    fw = _no_stable()
    free = Reasoner(fw, Semantics.STABLE, budget=None)
    assert [] == list(free.extensions())
    listed = free.spent
    assert free.possible(0, (IN,)) is False
    assert free.spent > listed > 0
    tight = Reasoner(fw, Semantics.STABLE, budget=listed)
    assert [] == list(tight.extensions())
    with pytest.raises(SearchTooLarge):
        tight.possible(0, (IN,))
