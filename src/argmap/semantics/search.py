"""Preferred and stable labellings, and acceptance decisions, by search.

The problems are NP-hard and beyond, so this searches: it fixes the grounded
labels, which every complete labelling shares, and backtracks over the arguments
left undecided, in first, narrowing each argument's possible labels by the rules
of complete labellings (propagation) and, for preferred, cutting every branch
whose possible in-set fits inside an extension already found. A guard refuses
more undecided arguments than a limit, and stops at more labellings than a
second limit, unless the caller lifts them.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.errors import ArgmapError
from argmap.semantics.framework import Framework
from argmap.semantics.labelling import IN, OUT, UNDEC, Labelling, Semantics, grounded

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_EXTENSIONS",
    "SearchTooLarge",
    "credulous",
    "labellings",
    "preferred",
    "sceptical",
    "stable",
]

#: Most arguments left undecided by the grounded labelling that preferred and
#: stable search without ``force``: the search is exponential in them.
DEFAULT_LIMIT = 200
#: Most preferred or stable labellings listed without ``force``: few undecided
#: arguments can still have millions of them (20 mutual attacks: 2^20).
MAX_EXTENSIONS = 1000

# Domains in the search are bit sets of the labels an argument may still take.
_I, _O, _U = 1, 2, 4
_CODE = {_I: IN, _O: OUT, _U: UNDEC}


class SearchTooLarge(ArgmapError):
    """Preferred or stable search asked for on too many undecided arguments."""


class _Residual:
    """The arguments the grounded labelling leaves undecided, renumbered ``0..m-1``.

    Every complete labelling agrees with the grounded one outside them, and
    attackers labelled out by it constrain nothing, so the search runs here.
    """

    def __init__(self, fw: Framework, base: Labelling) -> None:
        self.fw, self.base = fw, base
        self.members = [a for a, c in enumerate(base.codes) if c == UNDEC]
        local = {a: i for i, a in enumerate(self.members)}
        self.attackers = [[local[b] for b in fw.attackers[a] if b in local]
                          for a in self.members]
        self.targets = [[local[b] for b in fw.targets[a] if b in local] for a in self.members]
        self.local = local
        self.degree = [len(x) + len(y)
                       for x, y in zip(self.attackers, self.targets, strict=True)]
        # Deciding well-connected arguments first lets propagation do more of the work.
        self.branch_order = sorted(range(len(self.members)), key=lambda i: -self.degree[i])

    def labelling(self, domains: bytearray) -> Labelling:
        codes = bytearray(self.base.codes)
        for i, a in enumerate(self.members):
            codes[a] = _CODE[domains[i]]
        return Labelling(self.fw, bytes(codes))

    def propagate(self, dom: bytearray, queue: list[int]) -> bool:
        """Narrow domains to the complete-labelling rules; False on a contradiction."""
        attackers, targets = self.attackers, self.targets
        while queue:
            x = queue.pop()
            for a in (x, *targets[x]):
                if not self._revise(a, dom, attackers[a], queue):
                    return False
        return True

    @staticmethod
    def _revise(a: int, dom: bytearray, ats: list[int], queue: list[int]) -> bool:
        d = dom[a]
        some_in = can_in = cannot_out = False
        all_out = True
        for b in ats:
            db = dom[b]
            if db == _I:
                some_in = True
            if db & _I:
                can_in = True
            if db != _O:
                all_out = False
            if not db & _O:
                cannot_out = True
        nd = d
        if some_in:
            nd &= _O
        if not can_in:
            nd &= ~_O
        if all_out:
            nd &= _I
        if cannot_out:
            nd &= ~_I
        if not nd:
            return False
        if nd != d:
            dom[a] = nd
            queue.append(a)
        # What a's own domain demands of its attackers.
        if not nd & _O:  # no attacker may be in; and if a is in, all must be out
            keep = _O if nd == _I else _O | _U
            for b in ats:
                if dom[b] & ~keep:
                    if not dom[b] & keep:
                        return False
                    dom[b] &= keep
                    queue.append(b)
        if nd == _O:  # some attacker must be in
            cands = [b for b in ats if dom[b] & _I]
            if not cands:
                return False
            if len(cands) == 1 and dom[cands[0]] != _I:
                dom[cands[0]] = _I
                queue.append(cands[0])
        if not nd & _I:  # some attacker must not be out
            cands = [b for b in ats if dom[b] != _O]
            if not cands:
                return False
            if len(cands) == 1 and dom[cands[0]] & _O:
                dom[cands[0]] &= ~_O
                queue.append(cands[0])
        return True

    def _pick_stable(self, dom: bytearray) -> int | None:
        """The branching argument for stable search: one that could cover the argument
        with the fewest candidates left to cover it (in itself, or an in attacker)."""
        attackers = self.attackers
        best: list[int] | None = None
        for a, d in enumerate(dom):
            if d == _I:
                continue
            cands = []
            for x in (a, *attackers[a]):
                if dom[x] == _I:
                    break
                if dom[x] & _I:
                    cands.append(x)
            else:
                if best is None or len(cands) < len(best):
                    best = cands
        if not best:
            return None
        return max(best, key=self.degree.__getitem__)

    def search(self, start: bytearray, found: list[int] | None, *,
               stable: bool = False) -> Iterator[bytearray]:
        """Complete labellings (as final domains) within ``start``, depth first, ``in`` first.

        With ``found`` (bit sets of the in-sets of preferred candidates), branches whose
        possible in-set fits inside one of them are cut: they cannot be maximal. The
        search keeps its own stack: undecided parts can be deeper than Python recursion.
        """
        stack = [(start, list(range(len(start))))]
        while stack:
            dom, queue = stack.pop()
            if not self.propagate(dom, queue):
                continue
            if found:
                possible = 0
                for i, d in enumerate(dom):
                    if d & _I:
                        possible |= 1 << i
                if any(not possible & ~f for f in found):
                    continue
            # Stable search branches on the tightest "must be covered" constraint, which
            # finds contradictions much sooner than a fixed order (300 densely attacking
            # arguments: a minute instead of hours).
            pick = self._pick_stable(dom) if stable else None
            if pick is None:
                pick = next((i for i in self.branch_order if dom[i] & (dom[i] - 1)), None)
            if pick is None:
                yield dom
                continue
            d = dom[pick]
            first = d & -d  # the lowest label bit: in when it is still possible
            for choice in (d & ~first, first):  # pushed last, explored first
                branch = bytearray(dom)
                branch[pick] = choice
                stack.append((branch, [pick]))


def _residual(fw: Framework, limit: int | None, what: str) -> _Residual:
    res = _Residual(fw, grounded(fw))
    if limit is not None and len(res.members) > limit:
        raise SearchTooLarge(
            f"{what}: {len(res.members)} arguments are undecided under grounded semantics, "
            f"more than the limit of {limit}; the search is exponential in them "
            "(force the search to try anyway: `argmap evaluate --force`)")
    return res


def _in_mask(dom: bytearray) -> int:
    mask = 0
    for i, d in enumerate(dom):
        if d == _I:
            mask |= 1 << i
    return mask


def preferred(fw: Framework, *, limit: int | None = DEFAULT_LIMIT,
              max_extensions: int | None = MAX_EXTENSIONS) -> list[Labelling]:
    """Every preferred labelling (maximal in-set among complete labellings).

    Raises :class:`SearchTooLarge` when more than ``limit`` arguments are
    undecided under grounded semantics, or more than ``max_extensions``
    labellings are found (``None``: no limit).
    """
    res = _residual(fw, limit, "preferred semantics")
    found: dict[int, bytearray] = {}
    masks: list[int] = []
    start = bytearray([_I | _O | _U]) * len(res.members)
    for dom in res.search(start, masks):
        mask = _in_mask(dom)
        if any(not mask & ~f for f in found):
            continue
        for f in [f for f in found if not f & ~mask]:
            del found[f]
        found[mask] = bytearray(dom)
        masks[:] = list(found)
        _count(len(found), max_extensions, "preferred")
    return [res.labelling(d) for d in found.values()]


def stable(fw: Framework, *, limit: int | None = DEFAULT_LIMIT,
           max_extensions: int | None = MAX_EXTENSIONS) -> list[Labelling]:
    """Every stable labelling (complete, nothing undecided); possibly none.

    Raises :class:`SearchTooLarge` as :func:`preferred` does.
    """
    res = _residual(fw, limit, "stable semantics")
    start = bytearray([_I | _O]) * len(res.members)
    out = []
    for d in res.search(start, None, stable=True):
        out.append(res.labelling(bytearray(d)))
        _count(len(out), max_extensions, "stable")
    return out


def _count(found: int, most: int | None, what: str) -> None:
    if most is not None and found > most:
        raise SearchTooLarge(
            f"{what} semantics: more than {most} {what} extensions; their number can grow "
            "exponentially with the undecided arguments (list them all anyway: "
            "`argmap evaluate --force`)")


def labellings(fw: Framework, semantics: Semantics, *, limit: int | None = DEFAULT_LIMIT,
               max_extensions: int | None = MAX_EXTENSIONS) -> list[Labelling]:
    """The labellings of ``semantics``: one for grounded, any number for the others."""
    if semantics is Semantics.GROUNDED:
        return [grounded(fw)]
    if semantics is Semantics.PREFERRED:
        return preferred(fw, limit=limit, max_extensions=max_extensions)
    return stable(fw, limit=limit, max_extensions=max_extensions)


def _exists(fw: Framework, argument: int, allowed: int, *, stable_only: bool) -> bool:
    """Is there a complete (or stable) labelling giving ``argument`` a label in ``allowed``?"""
    res = _Residual(fw, grounded(fw))
    start = bytearray([_I | _O if stable_only else _I | _O | _U]) * len(res.members)
    base = res.base.codes[argument]
    if base != UNDEC:
        if not {IN: _I, OUT: _O}[base] & allowed:
            return False
        if not stable_only:
            return True  # the grounded labelling is complete
    else:
        start[res.local[argument]] &= allowed
        if not start[res.local[argument]]:
            return False
    return next(res.search(start, None, stable=stable_only), None) is not None


def credulous(fw: Framework, argument: int, semantics: Semantics) -> bool:
    """Is ``argument`` in at least one extension? (Preferred: same answer as complete.)"""
    if semantics is Semantics.GROUNDED:
        return grounded(fw).codes[argument] == IN
    return _exists(fw, argument, _I, stable_only=semantics is Semantics.STABLE)


def sceptical(fw: Framework, argument: int, semantics: Semantics, *,
              limit: int | None = DEFAULT_LIMIT) -> bool:
    """Is ``argument`` in every extension? (Vacuously true for stable with none.)"""
    if semantics is Semantics.GROUNDED:
        return grounded(fw).codes[argument] == IN
    if semantics is Semantics.STABLE:
        return not _exists(fw, argument, _O, stable_only=True)
    return all(lab.codes[argument] == IN for lab in preferred(fw, limit=limit))
