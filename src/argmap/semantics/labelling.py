"""Labellings of a framework, and the grounded labelling (in linear time).

A labelling gives each argument ``in``, ``out`` or ``undec`` (Caminada 2006). In a
*complete* labelling an argument is in exactly when all its attackers are out, and
out exactly when some attacker is in. The grounded labelling is the complete one
with the fewest ``in``; preferred labellings are the complete ones with a maximal
``in`` set; stable ones are complete labellings with no ``undec``; semi-stable ones
are complete labellings with a maximal ``in`` + ``out``. An *admissible* labelling
only asks that in arguments have every attacker out and out ones an attacker in.

:func:`grounded` runs in time linear in arguments + attacks; the other semantics
are computed by a SAT solver in :mod:`argmap.semantics.solver`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import compress
from operator import not_

from argmap.semantics.framework import Framework

__all__ = ["IN", "OUT", "UNDEC", "Label", "Labelling", "Semantics", "grounded", "status"]

UNDEC, IN, OUT = 0, 1, 2


class Label(StrEnum):
    """The label of an argument in a labelling."""

    IN = "in"
    OUT = "out"
    UNDEC = "undec"


_LABELS = (Label.UNDEC, Label.IN, Label.OUT)


class Semantics(StrEnum):
    """The extension-based semantics argmap computes."""

    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"
    SEMI_STABLE = "semi-stable"
    ADMISSIBLE = "admissible"


@dataclass(frozen=True, eq=False)
class Labelling:
    """One labelling of a framework: a code per argument (0 undec, 1 in, 2 out)."""

    framework: Framework
    codes: bytes
    order: tuple[int, ...] = ()
    """For the grounded labelling: arguments in the order they were labelled in or
    out, so that every label is justified by labels decided before it."""

    def __getitem__(self, argument: int) -> Label:
        return _LABELS[self.codes[argument]]

    def extension(self) -> list[int]:
        """The arguments labelled in."""
        return [a for a, c in enumerate(self.codes) if c == IN]


def grounded(fw: Framework) -> Labelling:
    """The grounded labelling, in time linear in arguments + attacks.

    An argument is in once all its attackers are out (a counter per argument
    holds how many are not yet out), and out as soon as one attacker is in.
    """
    targets = fw.targets
    waiting = fw.attacker_counts()
    # The unattacked arguments are in (code 1 = IN); made in C, not in a loop.
    codes = bytearray(map(not_, waiting))
    queue = list(compress(range(len(waiting)), codes))
    order: list[int] = []
    record = order.append
    push = queue.append
    while queue:
        a = queue.pop()
        record(a)
        for b in targets[a]:
            if not codes[b]:  # UNDEC
                codes[b] = OUT
                record(b)
                for c in targets[b]:
                    left = waiting[c] - 1
                    waiting[c] = left
                    if not left and not codes[c]:
                        codes[c] = IN
                        push(c)
    return Labelling(fw, bytes(codes), tuple(order))


def status(labellings: Sequence[Labelling], argument: int) -> frozenset[Label]:
    """The labels ``argument`` takes across ``labellings`` (its justification status)."""
    return frozenset(lab[argument] for lab in labellings)
