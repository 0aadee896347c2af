"""A textbook SAT-based reasoner for abstract argumentation: the yardstick argmap's own
solver (src/argmap/semantics/solver.py, accept.py) is measured against.

It shares no code with argmap: it reads ICCMA ``.af`` text itself, and encodes the whole
framework the way the literature does, with none of argmap's reductions (no grounded
pre-processing, no restriction to the part of the framework that reaches a query):

* **stable** (Besnard & Doutre 2004, "Checking the acceptability of a set of arguments"):
  one variable per argument; conflict-free (the clause ``-x_b | -x_a`` for each attack
  ``b -> a``) and every argument outside the set attacked by it (``x_a | x_b1 | ... |
  x_bk`` over its attackers); extensions listed by blocking each one found;
* **admissible** (same reference): conflict-free, and each member defended (for each
  attack ``b -> a``: ``-x_a | x_c1 | ... | x_cj`` over the attackers of ``b``); credulous
  acceptance under preferred semantics is credulous admissibility (every admissible set
  lies in a preferred extension), one call with ``x_a`` assumed;
* **complete labellings** (Cerutti, Dunne, Giacomin & Vallati 2013, "Computing preferred
  extensions in abstract argumentation: a SAT-based approach", TAFA 2013): variables
  ``I_a``, ``O_a``, ``U_a``, exactly one true; ``I_a`` iff every attacker is ``O``;
  ``O_a`` iff some attacker is ``I``;
* **preferred extensions** by PrefSAT (the same paper; ArgSemSAT): find a complete
  labelling whose in-set is non-empty and inside no extension found before, grow it (ask
  for a complete labelling strictly above, until there is none), report it, and block
  everything below it; the empty set is the one preferred extension when no non-empty
  complete one exists;
* **sceptical preferred acceptance** by the same loop stopped early (as ArgSemSAT's DS-PR):
  the candidates are complete labellings leaving the argument out, each grown to a
  preferred one; a grown one without the argument answers *no*, one with it is blocked
  below; no candidate left answers *yes*.

The solver is named by ``solver`` (python-sat names; CaDiCaL 1.9.5 by default, the engine
argmap uses, so that the two differ only in what they ask of it).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from pysat.solvers import Solver

__all__ = ["Reference", "parse_af"]

DEFAULT_SOLVER = "cadical195"


def parse_af(text: str) -> tuple[int, list[tuple[int, int]]]:
    """The number of arguments and the attacks (0-based pairs, repeats dropped) of ICCMA
    ``.af`` text: a header ``p af N``, then one attack ``a b`` a line, ``#`` comments."""
    n: int | None = None
    attacks: dict[tuple[int, int], None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if n is None:
            if words[:2] != ["p", "af"] or len(words) != 3:
                raise ValueError(f"line {number}: expected the header 'p af N'")
            n = int(words[2])
            continue
        if len(words) != 2:
            raise ValueError(f"line {number}: expected an attack 'a b'")
        a, b = int(words[0]) - 1, int(words[1]) - 1
        if not (0 <= a < n and 0 <= b < n):
            raise ValueError(f"line {number}: argument out of range 1..{n}")
        attacks[a, b] = None
    if n is None:
        raise ValueError("no header 'p af N'")
    return n, list(attacks)


class Reference:
    """Questions about one framework of ``n`` arguments ``0..n-1`` and its ``attacks``."""

    def __init__(self, n: int, attacks: list[tuple[int, int]],
                 solver: str = DEFAULT_SOLVER) -> None:
        self.n, self.solver = n, solver
        self.attackers: list[list[int]] = [[] for _ in range(n)]
        for a, b in attacks:
            self.attackers[b].append(a)

    # --- one variable per argument: stable and admissible sets ---------------------------

    def _conflict_free(self) -> list[list[int]]:
        return [[-(b + 1), -(a + 1)] for a in range(self.n) for b in self.attackers[a]]

    def _stable(self) -> list[list[int]]:
        return self._conflict_free() + [[a + 1, *(b + 1 for b in self.attackers[a])]
                                        for a in range(self.n)]

    def _admissible(self) -> list[list[int]]:
        return self._conflict_free() + [
            [-(a + 1), *(c + 1 for c in self.attackers[b])]
            for a in range(self.n) for b in self.attackers[a]]

    def stable_extensions(self, limit: int | None = None) -> Iterator[frozenset[int]]:
        """The stable extensions, each found and then blocked, at most ``limit``."""
        return islice(self._stable_all(), limit)

    def _stable_all(self) -> Iterator[frozenset[int]]:
        with Solver(name=self.solver, bootstrap_with=self._stable()) as s:
            while s.solve():
                model = s.get_model()
                chosen = frozenset(a for a in range(self.n) if model[a] > 0)
                yield chosen
                if not self.n:
                    return
                s.add_clause([-(a + 1) if a in chosen else a + 1 for a in range(self.n)])

    def some_stable(self) -> frozenset[int] | None:
        """One stable extension, or None when there is none (task SE-ST)."""
        return next(self._stable_all(), None)

    def credulous_stable(self, argument: int) -> bool:
        """Is ``argument`` in some stable extension (task DC-ST)?"""
        with Solver(name=self.solver, bootstrap_with=self._stable()) as s:
            return bool(s.solve(assumptions=[argument + 1]))

    def credulous_preferred(self, argument: int) -> bool:
        """Is ``argument`` in some preferred extension, i.e. some admissible set (DC-PR)?"""
        with Solver(name=self.solver, bootstrap_with=self._admissible()) as s:
            return bool(s.solve(assumptions=[argument + 1]))

    # --- complete labellings: I_a = a+1, O_a = n+a+1, U_a = 2n+a+1 -----------------------

    def _complete(self) -> list[list[int]]:
        n, clauses = self.n, []
        for a in range(n):
            i, o, u = a + 1, n + a + 1, 2 * n + a + 1
            clauses += [[i, o, u], [-i, -o], [-i, -u], [-o, -u]]
            ats = self.attackers[a]
            clauses += [[-i, n + b + 1] for b in ats]  # in: every attacker out
            clauses.append([i, *(-(n + b + 1) for b in ats)])  # every attacker out: in
            clauses.append([-o, *(b + 1 for b in ats)])  # out: some attacker in
            clauses += [[-(b + 1), o] for b in ats]  # an attacker in: out
        return clauses

    def preferred_extensions(self, limit: int | None = None) -> Iterator[frozenset[int]]:
        """The preferred extensions by PrefSAT, at most ``limit``."""
        return islice(self._prefsat(None), limit)

    def sceptical_preferred(self, argument: int) -> bool:
        """Is ``argument`` in every preferred extension (task DS-PR)?"""
        return all(argument in e for e in self._prefsat(argument))

    def _prefsat(self, without: int | None) -> Iterator[frozenset[int]]:
        """Preferred extensions, each grown from a complete labelling with a non-empty
        in-set inside none found before (that leaves out ``without``, if given)."""
        n = self.n
        ins = list(range(1, n + 1))
        with Solver(name=self.solver, bootstrap_with=self._complete()) as s:
            fresh = 3 * n
            if n:
                s.add_clause(ins)  # a non-empty in-set
            assume = [] if without is None else [-(without + 1)]
            found_any = False
            while n and s.solve(assumptions=assume):
                model = s.get_model()
                while True:  # grow: a complete labelling strictly above, until none
                    held = [x for x in ins if model[x - 1] > 0]
                    rest = [x for x in ins if model[x - 1] < 0]
                    if not rest:
                        break
                    fresh += 1
                    s.add_clause([-fresh, *rest])
                    bigger = s.get_model() if s.solve(assumptions=[fresh, *held]) else None
                    # Retire the "strictly above" clause (after reading the model: adding a
                    # clause ends CaDiCaL's satisfied state).
                    s.add_clause([-fresh])
                    if bigger is None:
                        break
                    model = bigger
                found_any = True
                extension = frozenset(x - 1 for x in ins if model[x - 1] > 0)
                yield extension
                outside = [x for x in ins if model[x - 1] < 0]
                if not outside:
                    return
                s.add_clause(outside)  # nothing below this one again
            if not n or (not found_any and without is None):
                yield frozenset()  # no non-empty complete extension: the empty one
            elif not found_any and not s.solve():
                # Every non-empty complete in-set holds the argument; the empty set is
                # preferred (and leaves it out) exactly when there is none at all.
                yield frozenset()
