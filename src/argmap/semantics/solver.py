"""Complete, admissible, preferred, stable and semi-stable reasoning through a SAT solver.

These problems are NP-hard and beyond (preferred scepticism is Pi2-complete), so
argmap hands them to a well-kept CDCL solver (CaDiCaL 1.9.5 through python-sat)
instead of searching by hand. The encoding is the standard one of labellings
(Cerutti et al., "A SAT-based approach for computing extensions in abstract
argumentation", 2013): two variables per argument, *in* and *out* (neither is
*undec*), with clauses saying that an argument is out exactly when an attacker
is in, and in exactly when every attacker is out.

Only the arguments the grounded labelling leaves undecided are encoded: every
complete labelling agrees with the grounded one elsewhere, and an attacker the
grounded labelling puts out constrains nothing (admissible sets, which need not
contain the grounded extension, are encoded on the whole framework).

* Stable and complete labellings are enumerated by blocking each one found
  (stable ones through the one-variable encoding of stable sets).
* Preferred (maximal in-set) and semi-stable (maximal in+out, the *range*)
  labellings are found by growing a complete labelling with a non-empty in-set
  until no complete one strictly above it exists, then blocking everything below
  it (PrefSAT).
* A listing has a solver of its own, whose blocking clauses stay; the questions
  below share one, and switch their clauses off when answered.
* Acceptance of one argument never enumerates: credulous acceptance is one
  call; sceptical acceptance under preferred and semi-stable semantics grows
  candidates that leave the argument out until none is left
  (counterexample-guided, as in CEGARTIX and mu-toksia).

Every solver call runs within a *budget* of conflicts shared by the whole
question, so that a hard framework (or a hostile one) ends with
:class:`SearchTooLarge` instead of running for hours; the count of conflicts is
deterministic, so the bound is the same on every machine.

python-sat is imported on first use: only the commands that need it pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError
from argmap.semantics.accept import (
    admissible_member,
    local_attackers,
    stable_clauses,
    stable_member,
)
from argmap.semantics.framework import Framework
from argmap.semantics.labelling import IN, OUT, UNDEC, Labelling, Semantics, grounded

if TYPE_CHECKING:
    from pysat.solvers import Solver

__all__ = [
    "DEFAULT_BUDGET",
    "Reasoner",
    "SearchTooLarge",
    "credulous",
    "extensions",
    "labellings",
    "possible",
    "preferred",
    "sceptical",
    "stable",
]

#: Conflicts the solver may spend on one question (all its calls together) by
#: default: about a minute here (CaDiCaL does 30,000-50,000 a second on these
#: frameworks); the hardest ICCMA instance measured (WS 300, every preferred
#: extension) needs about 100,000.
DEFAULT_BUDGET = 2_000_000

_SOLVER = "cadical195"


class SearchTooLarge(ArgmapError):
    """The solver spent its whole budget of conflicts without an answer."""


class _Encoding:
    """A SAT solver holding the labellings of ``semantics`` over part of a framework.

    Arguments of the part are renumbered ``0..m-1``; argument ``i`` has the
    variables ``i+1`` (in) and ``m+i+1`` (out); ``2m+i+1`` (in or out: the
    range). Further variables are activation literals of clauses that a
    single question adds and later retires.
    """

    def __init__(self, fw: Framework, semantics: Semantics, budget: int | None) -> None:
        from pysat.solvers import Solver  # noqa: PLC0415 - optional, slow to import

        self.fw, self.semantics, self.budget = fw, semantics, budget
        whole = semantics is Semantics.ADMISSIBLE
        self.base = (Labelling(fw, bytes(len(fw))) if whole else grounded(fw))
        self.members = [a for a, c in enumerate(self.base.codes) if c == UNDEC]
        self.local = {a: i for i, a in enumerate(self.members)}
        m = len(self.members)
        self.m = m
        self.next_var = 3 * m + 1
        self.solver: Solver = Solver(name=_SOLVER)
        # The solver tries in first: larger in-sets come first, so growing a complete
        # labelling into a preferred one takes fewer steps (ICCMA WS 300, preferred:
        # 152,292 conflicts -> 101,601, 4.6 s -> 3.0 s).
        self.solver.set_phases(list(range(1, m + 1)))
        self.spent = 0
        self.aside = 0  # conflicts of the other solvers a question used
        add = self.solver.add_clause
        local = self.local
        #: Attackers of each encoded argument, as local numbers.
        self.attackers = [[local[b] for b in fw.attackers[a] if b in local]
                          for a in self.members]
        if semantics is Semantics.STABLE:
            self._stable_clauses()
            return
        for i in range(m):
            i_in, i_out = i + 1, m + i + 1
            ats = [j + 1 for j in self.attackers[i]]
            add([-i_in, -i_out])
            for j in ats:
                add([-i_in, m + j])  # in: every attacker out
                add([-j, i_out])  # an attacker in: out
            add([-i_out, *ats])  # out: some attacker in
            if not whole:
                add([i_in, *(-(m + j) for j in ats)])  # every attacker out: in
            r = 2 * m + i + 1  # in or out: the range
            add([-r, i_in, i_out])
            add([r, -i_in])
            add([r, -i_out])

    def _stable_clauses(self) -> None:
        """Stable labellings as the textbook encoding of stable sets: conflict-free, and
        every argument in or attacked by one in; out is just not in (the labelling
        encoding with undec forbidden says the same in twice as many clauses)."""
        add, m = self.solver.add_clause, self.m
        for i in range(m):
            i_in, i_out = i + 1, m + i + 1
            ats = [j + 1 for j in self.attackers[i]]
            add([-i_in, -i_out])
            add([i_in, i_out])
            add([i_in, *ats])  # out: some attacker in
            for j in ats:
                add([-i_in, -j])  # conflict-free
            add([2 * m + i + 1])  # the range is everything

    def fresh(self) -> int:
        """A new variable (an activation literal)."""
        self.next_var += 1
        return self.next_var - 1

    def solve(self, assumptions: Sequence[int] = ()) -> list[int] | None:
        """A model under ``assumptions``, or None; raises when the budget is spent."""
        s = self.solver
        if self.budget is not None:
            s.conf_budget(max(1, self.budget - self.spent))
        result = s.solve_limited(assumptions=list(assumptions))
        self.spent = self.aside + int(s.accum_stats().get("conflicts", 0))
        self._check(result)
        return s.get_model() if result else None

    def _check(self, result: bool | None) -> None:
        if result is None or (self.budget is not None and self.spent > self.budget):
            raise SearchTooLarge(
                f"{self.semantics.value} semantics: no answer within the budget of "
                f"{self.budget:,} solver conflicts on {self.m:,} undecided arguments "
                "(raise it with `argmap evaluate --budget N`, or 0 for none)")

    def reduct_witness(self, model: list[int]) -> list[int] | None:
        """A non-empty admissible set among the arguments ``model`` leaves undecided, if
        any (local numbers): the labelling is preferred exactly when there is none
        (Baumann, Brewka & Ulbricht 2020: E is preferred iff the E-reduct of the
        framework has no non-empty admissible set)."""
        from pysat.solvers import Solver  # noqa: PLC0415 - optional, slow to import

        m = self.m
        undec = [i for i in range(m) if model[i] < 0 and model[m + i] < 0]
        if not undec:
            return None
        var = {x: k + 1 for k, x in enumerate(undec)}
        attackers = self.attackers
        with Solver(name=_SOLVER) as s:
            for x in undec:
                ats = [y for y in attackers[x] if y in var]
                for y in ats:
                    s.add_clause([-var[x], -var[y]])  # conflict-free
                    # defended: some member attacks every attacker
                    s.add_clause([-var[x], *(var[z] for z in attackers[y] if z in var)])
            s.add_clause(list(var.values()))
            if self.budget is not None:
                s.conf_budget(max(1, self.budget - self.spent))
            result = s.solve_limited()
            self.aside += int(s.accum_stats().get("conflicts", 0))
            self.spent += int(s.accum_stats().get("conflicts", 0))
            self._check(result)
            if not result:
                return None
            return [x for x in undec if s.get_model()[var[x] - 1] > 0]

    def lits(self) -> list[int]:
        """The literals whose set is maximised: in (preferred) or range (semi-stable)."""
        offset = 2 * self.m if self.semantics is Semantics.SEMI_STABLE else 0
        return [offset + i + 1 for i in range(self.m)]

    def labelling(self, model: Sequence[int]) -> Labelling:
        codes = bytearray(self.base.codes)
        m = self.m
        for a, x, y in zip(self.members, model[:m], model[m:2 * m], strict=True):
            codes[a] = IN if x > 0 else OUT if y > 0 else UNDEC
        return Labelling(self.fw, bytes(codes))

    def grow(self, model: list[int]) -> list[int]:
        """A model whose maximised set is maximal and contains ``model``'s."""
        lits = self.lits()
        while True:
            held = [x for x in lits if model[x - 1] > 0]
            rest = [x for x in lits if model[x - 1] < 0]
            if not rest:
                return model
            act = self.fresh()
            self.solver.add_clause([-act, *rest])
            bigger = self.solve([act, *held])
            self.solver.add_clause([-act])
            if bigger is None:
                return model
            model = bigger

    def exactly(self, model: list[int]) -> list[int]:
        """Assumptions fixing the maximised set to ``model``'s."""
        return [x if model[x - 1] > 0 else -x for x in self.lits()]

    def block_below(self, model: list[int], guard: int | None = None) -> bool:
        """Forbid every maximised set inside ``model``'s; False when that is all of them."""
        rest = [x for x in self.lits() if model[x - 1] < 0]
        if not rest and guard is None:
            return False
        self.solver.add_clause(([-guard] if guard else []) + rest)
        return bool(rest)

    def block_exact(self, model: list[int], guard: int | None = None) -> None:
        """Forbid the labelling of ``model``. Its in-set is enough: in every encoding here an
        argument is out exactly when an attacker is in, so the in-set fixes the rest (and
        a clause of half the length is half the work to make and to watch)."""
        clause = [-guard] if guard else []
        clause += [-x for x in model[:self.m]]
        self.solver.add_clause(clause)


def _maximal(semantics: Semantics) -> bool:
    return semantics in (Semantics.PREFERRED, Semantics.SEMI_STABLE)


class Reasoner:
    """Questions about one framework under one semantics, sharing one solver.

    The solver keeps what it learnt between questions; a question's own clauses
    are switched on by an activation literal and retired when it is answered.
    """

    def __init__(self, fw: Framework, semantics: Semantics, *,
                 budget: int | None = DEFAULT_BUDGET) -> None:
        self.fw, self.semantics = fw, semantics
        self._enc: _Encoding | None = None
        self._budget = budget
        self._grounded: Labelling | None = None
        self._listed = 0  # conflicts of listings, which have solvers of their own

    @property
    def spent(self) -> int:
        """Conflicts spent so far by every question and listing of this reasoner, all of
        which the budget bounds together."""
        return self._enc.spent if self._enc is not None else self._listed

    def _count_listed(self, conflicts: int) -> None:
        self._listed += conflicts
        if self._enc is not None:
            self._enc.aside += conflicts
            self._enc.spent += conflicts

    @property
    def encoding(self) -> _Encoding:
        if self._enc is None:
            self._enc = _Encoding(self.fw, self.semantics, self._budget)
            self._enc.aside = self._enc.spent = self._listed
        return self._enc

    @property
    def grounded(self) -> Labelling:
        if self._grounded is None:
            self._grounded = grounded(self.fw)
        return self._grounded

    def extensions(self) -> Iterator[Labelling]:
        """The labellings of the semantics, one at a time (see :func:`extensions`)."""
        if self.semantics is Semantics.GROUNDED:
            yield self.grounded
            return
        if self.semantics is Semantics.STABLE:
            yield from self._stable_extensions()
            return
        # An encoding of its own, whose blocking clauses stay for good: switched on by an
        # assumption in the shared one, they slowed every call (ICCMA WS 300, both preferred
        # labellings: 4.9-6.4 s CPU -> 3.8 s; the generated WS 300: 5.4-6.0 s -> 2.4 s).
        enc = _Encoding(self.fw, self.semantics, self._budget)
        offset = enc.aside = enc.spent = self.spent
        try:
            if not enc.m:
                yield enc.base
                return
            if not _maximal(self.semantics):
                while (model := enc.solve()) is not None:
                    yield enc.labelling(model)
                    enc.block_exact(model)
                return
            # A non-empty in-set, as in PrefSAT: the solver otherwise starts from the labelling
            # with every encoded argument undecided and grows it from nothing. That labelling
            # is the one preferred (and semi-stable) labelling when no other is complete.
            enc.solver.add_clause(list(range(1, enc.m + 1)))
            found = False
            while (model := enc.solve()) is not None:
                model = enc.grow(model)
                found = True
                if self.semantics is Semantics.PREFERRED:
                    yield enc.labelling(model)
                else:  # every complete labelling with this maximal range
                    same_act = enc.fresh()
                    while (same := enc.solve([same_act, *enc.exactly(model)])) is not None:
                        yield enc.labelling(same)
                        enc.block_exact(same, same_act)
                    enc.solver.add_clause([-same_act])
                if not enc.block_below(model):
                    return
            if not found:
                yield enc.base
        finally:
            self._count_listed(enc.spent - offset)
            enc.solver.delete()

    def _stable_extensions(self) -> Iterator[Labelling]:
        """The stable labellings, from a solver of their own holding one variable per
        undecided argument (in; else out) and no activation literals: blocking clauses
        that are never retired need none. With the shared labelling encoding, each
        blocking clause switched on by an assumption, listing the first 1,000 stable
        labellings of an ICCMA real graph (7,346 arguments, 7,149 undecided) took 8.4 s
        CPU, 3.3 times the textbook encoding's 2.5 s; this way it takes 2.2 s."""
        from pysat.solvers import Solver  # noqa: PLC0415 - optional, slow to import

        base, budget = self.grounded, self._budget
        members = [a for a, c in enumerate(base.codes) if c == UNDEC]
        if not members:  # the grounded labelling decides everything: it is stable
            yield base
            return
        _, attackers = local_attackers(self.fw, members)
        m, offset, conflicts = len(members), self.spent, 0
        with Solver(name=_SOLVER, bootstrap_with=stable_clauses(attackers)) as s:
            s.set_phases(list(range(1, m + 1)))  # in first, as in the shared encoding
            while True:
                if budget is not None:
                    s.conf_budget(max(1, budget - offset - conflicts))
                result = s.solve_limited()
                more = int(s.accum_stats().get("conflicts", 0)) - conflicts
                conflicts += more
                self._count_listed(more)
                if result is None or (budget is not None and offset + conflicts > budget):
                    raise SearchTooLarge(
                        f"stable semantics: no answer within the budget of {budget:,} "
                        f"solver conflicts on {m:,} undecided arguments (raise it with "
                        "`argmap evaluate --budget N`, or 0 for none)")
                if not result:
                    return
                model = s.get_model()
                codes = bytearray(base.codes)
                for a, x in zip(members, model, strict=False):
                    codes[a] = IN if x > 0 else OUT
                yield Labelling(self.fw, bytes(codes))
                s.add_clause([-x for x in model[:m]])

    def possible(self, argument: int, labels: Sequence[int]) -> bool:
        """Does some labelling give ``argument`` one of ``labels`` (codes ``IN``, ``OUT``,
        ``UNDEC``)? Found without listing the labellings."""
        semantics = self.semantics
        if semantics is Semantics.GROUNDED:
            return self.grounded.codes[argument] in labels
        enc = self.encoding
        if argument not in enc.local:
            # Decided by the grounded labelling, so in every complete labelling; is there one?
            return enc.base.codes[argument] in labels and (
                semantics is not Semantics.STABLE or enc.solve() is not None)
        i = enc.local[argument]
        var_in, var_out = i + 1, enc.m + i + 1
        cond: list[int] = []
        if IN not in labels:
            cond.append(-var_in)
        if OUT not in labels:
            cond.append(-var_out)
        act = enc.fresh()
        try:
            if UNDEC not in labels:
                if not (IN in labels or OUT in labels):
                    return False
                enc.solver.add_clause([-act, *(v for v, x in ((var_in, IN), (var_out, OUT))
                                               if x in labels)])
                cond.append(act)
            # A complete labelling with the argument in or out grows into a preferred one
            # that keeps it so: only undec needs more than one call there.
            if not _maximal(semantics) or (semantics is Semantics.PREFERRED
                                           and UNDEC not in labels):
                return enc.solve(cond) is not None
            if semantics is Semantics.PREFERRED:
                return self._preferred_undec(cond)
            # Counterexample-guided: a maximal labelling meeting `cond`, if there is one,
            # lies above some complete labelling meeting it and inside no maximal one
            # that fails it.
            guard = enc.fresh()
            try:
                while (model := enc.solve([guard, *cond])) is not None:
                    model = enc.grow(model)
                    if enc.solve([*enc.exactly(model), *cond]) is not None:
                        return True
                    if not enc.block_below(model, guard):
                        return False
                return False
            finally:
                enc.solver.add_clause([-guard])
        finally:
            enc.solver.add_clause([-act])

    def _preferred_undec(self, cond: list[int]) -> bool:
        """Is there a preferred labelling meeting ``cond`` (which allows the argument asked
        about to be undecided)? Counterexample-guided: a complete labelling meeting it is
        preferred unless its undecided arguments hold a non-empty admissible set S; then no
        labelling where S stays undecided and every attacker of S that S does not attack
        is decided is preferred either, which one clause says.

        The candidates have a non-empty in-set (as in PrefSAT); the one labelling that
        leaves every encoded argument undecided is asked about last, in one call: it is
        preferred exactly when no complete labelling has a non-empty in-set. Tried first,
        as the solver tends to find it, it cost a search for an admissible set on the
        whole framework and then a harder second candidate (ICCMA WS 300, sceptical
        acceptance of 5 arguments: 1.4-3.3 s CPU each before, 0.25-1.7 s now; the textbook
        SAT reference of benchmarks/ took 0.2-4.0 s)."""
        enc = self.encoding
        m, attackers = enc.m, enc.attackers
        guard, nonempty = enc.fresh(), enc.fresh()
        enc.solver.add_clause([-nonempty, *range(1, m + 1)])
        try:
            while (model := enc.solve([guard, nonempty, *cond])) is not None:
                witness = enc.reduct_witness(model)
                if witness is None:
                    return True
                members = set(witness)
                hit = {y for y in range(m) if any(x in members for x in attackers[y])}
                loose = {y for x in witness for y in attackers[x]} - hit
                enc.solver.add_clause([-guard, *(2 * m + x + 1 for x in witness),
                                       *(-(2 * m + y + 1) for y in sorted(loose))])
            return enc.solve([nonempty]) is None
        finally:
            enc.solver.add_clause([-guard])
            enc.solver.add_clause([-nonempty])

    def credulous(self, argument: int) -> bool:
        """Is ``argument`` in at least one extension? One call to a solver of its own, on
        the undecided arguments that reach it (:mod:`argmap.semantics.accept`), except
        under semi-stable semantics."""
        semantics = self.semantics
        if semantics is Semantics.GROUNDED:
            return self.grounded.codes[argument] == IN
        if semantics is Semantics.SEMI_STABLE:
            return self.possible(argument, (IN,))
        return self._one_call(stable_member if semantics is Semantics.STABLE
                              else admissible_member, argument)

    def sceptical(self, argument: int) -> bool:
        """Is ``argument`` in every extension? (Vacuously, when there is none.)"""
        if self.semantics is Semantics.COMPLETE:
            return self.grounded.codes[argument] == IN  # the least complete extension
        if self.semantics is Semantics.ADMISSIBLE:
            return False  # the empty set is admissible
        if self.semantics is Semantics.STABLE:  # no stable extension leaves it out
            return not self._one_call(stable_member, argument, member=False)
        return not self.possible(argument, (OUT, UNDEC))

    def _one_call(self, question: Callable[..., tuple[bool | None, int]], argument: int,
                  **options: bool) -> bool:
        """The answer of one of :mod:`argmap.semantics.accept`'s questions, within budget."""
        found, spent = question(self.fw, self.grounded, argument, self._budget, **options)
        if found is None:
            raise SearchTooLarge(
                f"{self.semantics.value} semantics: no answer within the budget of "
                f"{self._budget:,} solver conflicts ({spent:,} spent on the acceptance of "
                "one argument; raise it with `argmap evaluate --budget N`, or 0 for none)")
        return found


def extensions(fw: Framework, semantics: Semantics, *,
               budget: int | None = DEFAULT_BUDGET) -> Iterator[Labelling]:
    """The labellings of ``semantics``, one at a time (none computed before it is asked for).

    Grounded gives one; admissible labellings are the canonical ones (out: attacked
    by the in-set), one per admissible set. Raises :class:`SearchTooLarge` when a
    labelling is not found within ``budget`` conflicts (``None``: no bound).
    """
    return Reasoner(fw, semantics, budget=budget).extensions()


def labellings(fw: Framework, semantics: Semantics, *, limit: int | None = None,
               budget: int | None = DEFAULT_BUDGET) -> list[Labelling]:
    """The first ``limit`` labellings of ``semantics`` (``None``: all of them)."""
    return list(islice(extensions(fw, semantics, budget=budget), limit))


def preferred(fw: Framework, *, budget: int | None = DEFAULT_BUDGET) -> list[Labelling]:
    """Every preferred labelling (complete, with a maximal in-set)."""
    return labellings(fw, Semantics.PREFERRED, budget=budget)


def stable(fw: Framework, *, budget: int | None = DEFAULT_BUDGET) -> list[Labelling]:
    """Every stable labelling (complete, nothing undecided); possibly none."""
    return labellings(fw, Semantics.STABLE, budget=budget)


def possible(fw: Framework, argument: int, semantics: Semantics, labels: Sequence[int], *,
             budget: int | None = DEFAULT_BUDGET) -> bool:
    """Does some labelling of ``semantics`` give ``argument`` one of ``labels``?"""
    return Reasoner(fw, semantics, budget=budget).possible(argument, labels)


def credulous(fw: Framework, argument: int, semantics: Semantics, *,
              budget: int | None = DEFAULT_BUDGET) -> bool:
    """Is ``argument`` in at least one extension of ``semantics``?"""
    return Reasoner(fw, semantics, budget=budget).credulous(argument)


def sceptical(fw: Framework, argument: int, semantics: Semantics, *,
              budget: int | None = DEFAULT_BUDGET) -> bool:
    """Is ``argument`` in every extension of ``semantics``? (Vacuously, when there is none.)"""
    return Reasoner(fw, semantics, budget=budget).sceptical(argument)
