"""Credulous acceptance of one argument in one solver call, on the part of the framework
that matters to it.

Under complete, preferred and admissible semantics an argument is credulously
accepted exactly when some admissible set contains it (every admissible set lies
in a preferred extension, whose complete labelling puts it in). Two reductions make
that call small:

* **The grounded labelling.** An argument the grounded labelling decides is
  answered at once (in: yes; out: no). Any admissible set joined with the grounded
  extension is still admissible (both lie in one preferred extension), so the search
  is on the undecided arguments alone, with the attacks among them.
* **The arguments that reach the query.** Every attacker of a member of an
  admissible set, and every defender, has a chain of attacks to it; the part of the
  framework from which the query can be reached is closed under attackers, so an
  admissible set meets it in an admissible set. Only that part is encoded.

Stable semantics needs more: a stable extension is one of the whole framework, and
a part the query cannot reach may have none (an odd cycle). The part that reaches
the query still gives a quick *no* (a stable extension meets it in a stable
extension of it), but a *yes* is only given by the whole undecided framework.

The encodings use one variable per argument (in the set): conflict-freeness, and for
each attacker of a member a defender. A defender that conflicts with the member (or
with itself) can never be one, so it is left out of the clause: unit propagation
then prunes what the solver would otherwise have to learn (ICCMA WS 300, 25 queries,
CPU: mean 0.31 s and max 0.69 s, where the two-variable labelling encoding took 0.57 s
and 1.24 s). The solver is CaDiCaL, as for the other questions: MiniSat 2.2 was faster
on that sparse instance (0.19 s, 0.55 s) but five times slower a conflict on a dense one
(ICCMA stb 890, 37,125 attacks: 100,000 conflicts in 15 s against 3 s), which would
stretch the budget of conflicts (about a minute) to five.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from argmap.semantics.framework import Framework
from argmap.semantics.labelling import IN, OUT, UNDEC, Labelling

__all__ = [
    "admissible_member",
    "local_attackers",
    "reaching",
    "stable_clauses",
    "stable_member",
]

_SOLVER = "cadical195"
#: CaDiCaL options of these one-call questions. Staying in its "stable" mode (target
#: phases, rare restarts) instead of alternating it with the "focused" one refutes a
#: query in fewer conflicts on every family measured (one process per family, the same
#: drawn arguments, conflicts and CPU of both questions together, default -> this):
#: WS 300 (6 arguments) 152,901 -> 114,879, 3.2 -> 2.5 s; ER 1,000 (2) 187,159 ->
#: 145,930, 6.9 -> 4.7 s; ER 300 (1) 823,732 -> 611,871, 19.3 -> 17.7 s; WS 1,000 and the
#: grid, a few hundred conflicts, fewer too. A conflict costs more in that mode (ER 300:
#: 39,000 a second -> 26,000), so the budget of conflicts lasts longer in seconds, and one
#: question measured lost time: ER 300's argument 268, preferred, 384,610 -> 332,563
#: conflicts but 10-12 s -> 12.6-13 s (docs/semantics.md, "Against a SAT reference").
_OPTIONS = {"stabilizeonly": 1}


def reaching(fw: Framework, codes: bytes, argument: int) -> list[int]:
    """The undecided arguments with a chain of attacks among undecided arguments to
    ``argument`` (itself included), in increasing order."""
    attackers = fw.attackers
    seen, stack = {argument}, [argument]
    while stack:
        for b in attackers[stack.pop()]:
            if b not in seen and codes[b] == UNDEC:
                seen.add(b)
                stack.append(b)
    return sorted(seen)


def _solve(clauses: Iterable[list[int]], assumptions: list[int], budget: int | None,
           phases: int = 0) -> tuple[bool | None, int]:
    """Whether ``clauses`` are satisfiable under ``assumptions`` (None: the budget of
    conflicts ran out), and the conflicts spent; the solver tries variables ``1..phases``
    true first."""
    from pysat.solvers import Solver  # noqa: PLC0415 - optional, slow to import

    with Solver(name=_SOLVER) as s:
        s.configure(_OPTIONS)  # before any clause: CaDiCaL takes options while configuring
        s.append_formula(clauses)
        if phases:
            s.set_phases(list(range(1, phases + 1)))
        if budget is not None:
            s.conf_budget(max(1, budget))
        result = s.solve_limited(assumptions=assumptions)
        return result, int(s.accum_stats().get("conflicts", 0))


def local_attackers(fw: Framework,
                    members: Sequence[int]) -> tuple[dict[int, int], list[list[int]]]:
    """Variables ``1..k`` for ``members`` and each one's attackers among them (variables)."""
    var = {a: i + 1 for i, a in enumerate(members)}
    attackers = fw.attackers
    return var, [[var[b] for b in attackers[a] if b in var] for a in members]


def admissible_member(fw: Framework, base: Labelling, argument: int,
                      budget: int | None) -> tuple[bool | None, int]:
    """Is ``argument`` in some admissible set of ``fw`` (``base``: its grounded labelling)?
    None when ``budget`` conflicts were not enough; and the conflicts spent."""
    code = base.codes[argument]
    if code != UNDEC:
        return code == IN, 0
    members = reaching(fw, base.codes, argument)
    var, attackers = local_attackers(fw, members)
    conflicts = [set(ats) for ats in attackers]
    for i, ats in enumerate(attackers):
        for j in ats:
            conflicts[j - 1].add(i + 1)
    clauses: list[list[int]] = []
    add = clauses.append
    for i, ats in enumerate(attackers):
        x = i + 1
        if x in conflicts[i]:
            add([-x])  # attacks itself: never in a conflict-free set
            continue
        clash = conflicts[i]
        for y in ats:
            add([-x, -y])
            # Defenders of x against y: attackers of y that neither conflict with x nor
            # attack themselves.
            add([-x, *(z for z in attackers[y - 1]
                       if z not in clash and z not in conflicts[z - 1])])
    return _solve(clauses, [var[argument]], budget)


def stable_member(fw: Framework, base: Labelling, argument: int, budget: int | None, *,
                  member: bool = True) -> tuple[bool | None, int]:
    """Is ``argument`` in (``member``), or out of (not ``member``), some stable extension of
    ``fw`` (``base``: its grounded labelling)? None when ``budget`` conflicts were not
    enough; and the conflicts spent."""
    codes = base.codes
    code = codes[argument]
    if code == (OUT if member else IN):
        return False, 0  # the grounded labelling is part of every stable one
    undecided = [a for a, c in enumerate(codes) if c == UNDEC]
    spent = 0
    if code == UNDEC:
        members = reaching(fw, codes, argument)
        if len(members) < len(undecided):
            # A stable extension meets the part that reaches the argument in a stable
            # extension of that part: none there that holds (or leaves out) the argument,
            # none at all.
            var, attackers = local_attackers(fw, members)
            literal = var[argument] if member else -var[argument]
            found, spent = _solve(stable_clauses(attackers), [literal], budget, len(var))
            if not found:
                return found, spent
    # The undecided arguments decide, each in or attacked by one in; an argument the
    # grounded labelling decides asks only whether there is a stable labelling at all.
    var, attackers = local_attackers(fw, undecided)
    assume = [] if code != UNDEC else [var[argument] if member else -var[argument]]
    # Trying "in" first finds a stable labelling sooner (ICCMA WS 300, a stable extension
    # without an argument: 0.63 s -> 0.50 s on average, CPU).
    found, more = _solve(stable_clauses(attackers), assume,
                         None if budget is None else budget - spent, len(var))
    return found, spent + more


def stable_clauses(attackers: list[list[int]]) -> list[list[int]]:
    """Conflict-free, and every argument in or attacked by one in (variables ``1..k``)."""
    clauses: list[list[int]] = []
    for i, ats in enumerate(attackers):
        x = i + 1
        clauses.extend([-x, -y] for y in ats)
        clauses.append([x, *ats])
    return clauses
