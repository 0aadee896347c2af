"""Tests of argmap.semantics.accept: one-call acceptance on the part of the framework that
reaches the argument (the brute-force differential test of test_semantics_solver.py asks
every credulous and sceptical question of it too)."""

from __future__ import annotations

import random

import pytest

from argmap.semantics import (
    Reasoner,
    SearchTooLarge,
    Semantics,
    from_attacks,
    from_numbers,
    grounded,
)
from argmap.semantics.accept import admissible_member, reaching, stable_member

#: a <-> b, and apart from them an odd cycle c -> d -> e -> c, which a and b cannot reach.
ODD_ELSEWHERE = from_attacks(["a", "b", "c", "d", "e"],
                             [("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c")])


def test_only_undecided_arguments_that_reach_the_query() -> None:
    """The part encoded for a query: the undecided arguments with a chain of attacks to it
    (x -> y -> a, and b <-> a), not what a attacks, nor a decided attacker (u, unattacked)."""
    fw = from_attacks(["a", "b", "x", "y", "z", "u", "w"],
                      [("a", "b"), ("b", "a"), ("y", "a"), ("x", "y"), ("y", "x"),
                       ("a", "z"), ("u", "w"), ("w", "a")])
    index = fw.index
    assert sorted(index[k] for k in "abxy") == reaching(fw, grounded(fw).codes, index["a"])


@pytest.mark.parametrize(("semantics", "credulous", "sceptical"), [
    (Semantics.PREFERRED, True, False),
    (Semantics.COMPLETE, True, False),
    (Semantics.ADMISSIBLE, True, False),
    # The odd cycle a cannot reach leaves no stable extension at all: pruning it away would
    # say yes to a.
    (Semantics.STABLE, False, True),
])
def test_an_unreachable_odd_cycle_matters_to_stable_only(semantics: Semantics, credulous: bool,
                                                         sceptical: bool) -> None:
    """a is credulously accepted under admissible-based semantics whatever the cycle it
    cannot reach does; under stable semantics that cycle leaves no extension, so a is not
    credulously accepted and is (vacuously) sceptically accepted."""
    reasoner = Reasoner(ODD_ELSEWHERE, semantics)
    a = ODD_ELSEWHERE.index["a"]
    assert (credulous, sceptical) == (reasoner.credulous(a), reasoner.sceptical(a))


def test_decided_arguments_are_answered_by_the_grounded_labelling() -> None:
    """An unattacked argument is credulously and sceptically accepted, one it attacks is
    neither, under every semantics but stable; under stable semantics too once an
    extension exists (with the odd cycle, none does: vacuously sceptical)."""
    fw = from_attacks(["u", "v", "c", "d", "e"], [("u", "v"), ("c", "d"), ("d", "e"),
                                                  ("e", "c")])
    u, v = fw.index["u"], fw.index["v"]
    for semantics in (Semantics.PREFERRED, Semantics.COMPLETE, Semantics.GROUNDED):
        reasoner = Reasoner(fw, semantics)
        assert [True, True, False, False] == [reasoner.credulous(u), reasoner.sceptical(u),
                                              reasoner.credulous(v), reasoner.sceptical(v)]
    stable = Reasoner(fw, Semantics.STABLE)
    assert [False, True, False, True] == [stable.credulous(u), stable.sceptical(u),
                                          stable.credulous(v), stable.sceptical(v)]


def test_budget_bounds_one_call() -> None:
    """A credulous question that needs more conflicts than its budget ends with
    SearchTooLarge, and is answered without a budget: 40 arguments in mutual conflict, each
    attacked by an odd cycle of its own (no stable extension)."""
    names = [f"a{i}" for i in range(120)]
    pairs = []
    for i in range(40):
        a, b, c = 3 * i, 3 * i + 1, 3 * i + 2
        pairs += [(a, b), (b, c), (c, a)]
        pairs += [(a, 3 * j) for j in range(40) if j != i]
    fw = from_attacks(names, [(names[a], names[b]) for a, b in pairs])
    with pytest.raises(SearchTooLarge, match="budget of 1 solver conflicts"):
        Reasoner(fw, Semantics.STABLE, budget=1).credulous(0)
    assert not Reasoner(fw, Semantics.STABLE, budget=None).credulous(0)


def test_conflicts_spent_are_the_same_on_every_run() -> None:
    """The budget counts conflicts so that it bounds a question the same way everywhere:
    with the solver's options of these questions, a question asked twice (here on a
    random framework, 120 arguments, attack probability 0.06) spends as many conflicts
    again, and some (the solver searched)."""
    rng = random.Random(1)
    pairs = [(a, b) for a in range(120) for b in range(120) if a != b and rng.random() < 0.06]
    fw = from_numbers(120, [a for a, _ in pairs], [b for _, b in pairs])
    base = grounded(fw)
    first = [question(fw, base, a, None) for question in (admissible_member, stable_member)
             for a in range(4)]
    again = [question(fw, base, a, None) for question in (admissible_member, stable_member)
             for a in range(4)]
    assert first == again
    assert all(spent > 0 for _, spent in first)
