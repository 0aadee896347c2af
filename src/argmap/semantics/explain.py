"""Why a node is in, out or undecided under grounded semantics, in plain words.

The grounded labelling decides arguments one after another (see
:attr:`Labelling.order`); an explanation only ever cites labels decided earlier,
so it never goes round in circles: a node is out because of an attacker that was
in *before* it, in because every attacker is out. Undecided nodes are explained
by their undecided attackers. Auxiliary arguments of the framework (support,
undercut relations, what-if assumptions) are put in words, never shown. A tension
of the source that the node is part of is mentioned after the reasons, and so, when
the map gives intervals, is the range of the node's DF-QuAD strength.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from argmap.errors import UsageError, shown, unknown_node
from argmap.graph import ArgumentGraph
from argmap.loading.loaded import LoadedMap
from argmap.semantics.framework import ArgKind, Framework, from_graph
from argmap.semantics.labelling import IN, OUT, Labelling, grounded
from argmap.semantics.strength import dfquad, has_intervals

__all__ = ["Reason", "explain"]


@dataclass(frozen=True)
class Reason:
    """A sentence, and the reasons behind it (indented under it when shown)."""

    text: str
    because: list[Reason] = field(default_factory=list)
    node: str | None = None
    """The key of the node the sentence is about, when it is about a node's label."""
    label: str | None = None
    """That node's label: ``in``, ``out`` or ``undec``."""

    def lines(self, indent: str = "  ") -> list[str]:
        """The sentences, depth first, indented by depth."""
        out = [self.text]
        for child in self.because:
            out += [indent + line for line in child.lines(indent)]
        return out


def _named(graph: ArgumentGraph, key: str, home: LoadedMap) -> str:
    """A node as the explanation names it: its id, and its title when it has one (terse
    ids such as `c1` say nothing to the reader)."""
    label = graph.label(key, home)
    title = graph.nodes[key].node.title
    return f"{label} ({title})" if title else label


class _Explainer:
    def __init__(self, graph: ArgumentGraph, fw: Framework, lab: Labelling, focus: str,
                 assumed_in: set[str]) -> None:
        self.g, self.fw, self.lab = graph, fw, lab
        self.assumed_in = assumed_in
        self.rank = {a: i for i, a in enumerate(lab.order)}
        self.home = graph.nodes[focus].map
        self.done: set[int] = set()

    def name(self, a: int) -> str:
        return _named(self.g, self.fw.names[a], self.home)

    def edge_source(self, a: int) -> str:
        edge = self.fw.origins[a].edge
        assert edge is not None  # RELATION and SOURCE_FAILS arguments carry one
        return _named(self.g, self.g.edges[edge].source, self.home)

    def first_in(self, attackers: Iterable[int]) -> int:
        """The attacker labelled in earliest: the reason that was there first."""
        return min((b for b in attackers if self.lab.codes[b] == IN), key=self.rank.__getitem__)

    def node(self, a: int, depth: int) -> Reason:
        reason = self._node(a, depth)
        if self.fw.origins[a].kind is not ArgKind.NODE:
            return reason
        return replace(reason, node=self.fw.names[a], label=self.lab[a].value)

    def _node(self, a: int, depth: int) -> Reason:
        label = self.lab[a].value
        text = f"{self.name(a)} is {label.upper()}"
        if a in self.done:
            return Reason(f"{text} (see above).")
        if depth <= 0:
            return Reason(f"{text}.")
        self.done.add(a)
        attackers = self.fw.attackers[a]
        code = self.lab.codes[a]
        if code == OUT:
            reason = self.defeated_by(text, self.first_in(attackers), depth, attackers)
            if a in attackers:
                reason = replace(reason, text=reason.text.removesuffix(".")
                                 + " (it also attacks itself).")
            return reason
        if code == IN:
            return self.accepted(a, text, depth)
        open_ = [b for b in attackers if self.lab.codes[b] != OUT and b != a]
        what = ", ".join(self._challenge(b) for b in open_)
        if a in attackers:
            # Its own attack is the reason: it would defeat itself if IN and cannot be
            # OUT without an attacker IN.
            said = (f", and {what} {'is' if len(open_) == 1 else 'are'} undecided too"
                    if open_ else "")
            return Reason(f"{text}: it attacks itself, so it cannot be IN (it would be "
                          f"attacked by an IN node) and no attacker of it is IN{said}.",
                          [self.failed(b, depth - 1) for b in open_])
        return Reason(f"{text}: no attacker of it is IN, but {what} "
                      f"{'is' if len(open_) == 1 else 'are'} undecided, so it is neither "
                      "defeated nor defended.", [self.failed(b, depth - 1) for b in open_])

    def _challenge(self, b: int) -> str:
        """What the undecided attacker ``b`` is, in words."""
        origin = self.fw.origins[b]
        if origin.kind is ArgKind.NODE:
            return self.name(b)
        if origin.kind is ArgKind.LACKS_SUPPORT:
            return "its support"
        assert origin.edge is not None  # a RELATION argument: an undercut relation
        kind = self.g.edges[origin.edge].kind.value.removesuffix("s")
        return f"the {kind} by {self.edge_source(b)}"

    def accepted(self, a: int, text: str, depth: int) -> Reason:
        """``text`` (a node that is in): its attacks fail and, if it needs support, it has it."""
        key = self.fw.names[a]
        if key in self.assumed_in:
            return Reason(f"{text} because you assumed it in.")
        attacks = [b for b in self.fw.attackers[a]
                   if self.fw.origins[b].kind is not ArgKind.LACKS_SUPPORT]
        lacks = [b for b in self.fw.attackers[a]
                 if self.fw.origins[b].kind is ArgKind.LACKS_SUPPORT]
        because = [self.failed(b, depth - 1) for b in attacks]
        said = "every attack on it fails" if attacks else "nothing attacks it"
        if lacks:
            s = self.first_in(self.fw.attackers[lacks[0]])
            said += f", and it is supported by {self._supporter(s)}, which is IN"
            because.append(self._support(s, depth - 1))
        return Reason(f"{text}: {said}.", because)

    def defeated_by(self, text: str, b: int, depth: int, attackers: list[int]) -> Reason:
        """``text`` (a node that is out) and the in attacker ``b`` that defeats it."""
        origin = self.fw.origins[b]
        if origin.kind is ArgKind.NODE:
            # The first attacker in is the reason; the others are named, not explained.
            more = [self.name(x) for x in attackers if x != b and self.lab.codes[x] == IN
                    and self.fw.origins[x].kind is ArgKind.NODE]
            also = f" (and by {', '.join(more)}, also IN)" if more else ""
            return Reason(f"{text} because it is attacked by {self.name(b)}, which is IN{also}.",
                          [self.node(b, depth - 1)])
        if origin.kind is ArgKind.ASSUMED_OUT:
            return Reason(f"{text} because you assumed it out.")
        if origin.kind is ArgKind.RELATION:
            return Reason(f"{text} because it is attacked by {self.edge_source(b)}, which is "
                          "IN, and the undercuts of that attack fail.",
                          [self.relation(b, depth - 1)])
        # LACKS_SUPPORT: in because every supporter (or support relation) is out.
        key = self.fw.names[self.fw.targets[b][0]]
        gone = [_named(self.g, s, self.home) for s in self.g.support_in.get(key, ())
                if s not in self.fw.index]
        said = "none of its supporters is IN"
        if gone:
            said += f" ({', '.join(gone)} taken away)" if self.fw.attackers[b] \
                else f": {', '.join(gone)} {'was' if len(gone) == 1 else 'were'} taken away"
        return Reason(f"{text} because it has support, but {said}.",
                      [self.failed(s, depth - 1) for s in self.fw.attackers[b]])

    def failed(self, b: int, depth: int) -> Reason:
        """Why the argument ``b`` (an attacker, a supporter, ...) is not in."""
        origin = self.fw.origins[b]
        if origin.kind is ArgKind.NODE:
            return self.node(b, depth)
        if origin.kind is ArgKind.LACKS_SUPPORT:
            if self.lab.codes[b] == OUT:
                s = self.first_in(self.fw.attackers[b])
                return Reason(f"It is supported by {self._supporter(s)}, which is IN.",
                              [self._support(s, depth)])
            return Reason("Its support is undecided.",
                          [self._support(s, depth) for s in self.fw.attackers[b]
                           if self.lab.codes[s] != OUT])
        return self.relation(b, depth)

    def _supporter(self, s: int) -> str:
        origin = self.fw.origins[s]
        return self.name(s) if origin.kind is ArgKind.NODE else self.edge_source(s)

    def _support(self, s: int, depth: int) -> Reason:
        origin = self.fw.origins[s]
        return self.node(s, depth) if origin.kind is ArgKind.NODE else self.relation(s, depth)

    def relation(self, r: int, depth: int) -> Reason:
        """A relation that is undercut: does it hold, and why."""
        edge = self.fw.origins[r].edge
        assert edge is not None
        e = self.g.edges[edge]
        what = f"the {e.kind.value.removesuffix('s')} by {self.edge_source(r)}"
        source_fails, *undercuts = self.fw.attackers[r]
        if self.lab.codes[r] == IN:
            return Reason(f"{what.capitalize()} holds: its source is IN and every undercut "
                          "of it fails.", [self._source(source_fails, depth)]
                          + [self.failed(u, depth - 1) for u in undercuts])
        if self.lab.codes[r] == OUT:
            b = self.first_in(self.fw.attackers[r])
            if b == source_fails:
                return Reason(f"{what.capitalize()} fails: its source is not IN.",
                              [self._source(source_fails, depth)])
            return Reason(f"{what.capitalize()} is undercut by {self._supporter(b)}, "
                          "which is IN.", [self.failed(b, depth - 1)])
        return Reason(f"{what.capitalize()} is undecided.",
                      [self._source(source_fails, depth)]
                      + [self.failed(u, depth - 1) for u in undercuts
                         if self.lab.codes[u] != OUT])

    def _source(self, fails: int, depth: int) -> Reason:
        return self.node(self.fw.attackers[fails][0], depth - 1)


def explain(graph: ArgumentGraph, key: str, *, depth: int = 4, without: Iterable[str] = (),
            assume: Mapping[str, bool] | None = None) -> Reason:
    """Why node ``key`` has its grounded label, ``depth`` reasons deep at most."""
    fw = from_graph(graph, without=without, assume=assume)
    if key not in graph.nodes:
        raise unknown_node(key, graph.nodes)
    if key not in fw.index:
        raise UsageError(f"node {shown(key)} is taken away (without): a node taken away has "
                         "no label to explain")
    forced = {k for k, v in (assume or {}).items() if v}
    explainer = _Explainer(graph, fw, grounded(fw), key, forced)
    reason = explainer.node(fw.index[key], depth)
    # A tension is no attack (the labels ignore it), but whoever relies on the node
    # should know the source does not agree with itself here.
    home = graph.nodes[key].map
    tensions = [Reason(f"The source is in tension here: {_named(graph, other, home)} does not "
                       f"sit with it (tension {t.tension.id})"
                       + (f": {' '.join(t.tension.note.split())}" if t.tension.note else "."))
                for t in graph.tensions if key in t.between
                for other in t.between if other != key]
    notes = tensions + _strength_range(graph, key, without, assume)
    return Reason(reason.text, [*reason.because, *notes]) if notes else reason


def _strength_range(graph: ArgumentGraph, key: str, without: Iterable[str],
                    assume: Mapping[str, bool] | None) -> list[Reason]:
    """With intervals in the map, how far they leave the node's DF-QuAD strength open
    (the labels take no numbers: this is the one place the intervals show)."""
    if not has_intervals(graph):
        return []
    result = dfquad(graph, without=without, assume=assume)
    if key in result.unsettled:
        return []
    low, high = result.ranges[key]
    value = result.values[key]
    if low == high:
        return [Reason(f"Its DF-QuAD strength is {value:.3f} whatever values the map's "
                       "intervals take.")]
    return [Reason(f"Its DF-QuAD strength is {value:.3f} with the map's intervals at their "
                   f"midpoints, and between {low:.3f} and {high:.3f} wherever in them the "
                   "values lie.")]
