"""Abstract argumentation frameworks, and the one built from an argument map.

A :class:`Framework` is Dung's (arguments, attacks), with integer arguments and
adjacency lists both ways, so that labelling runs in time linear in its size.

:func:`from_graph` turns a map's attacks, supports and undercuts into attacks
alone (see docs/semantics.md for the why and the references):

* ``A attacks B`` is the attack ``A -> B``.
* Supports are *necessary* in the disjunctive sense: a node that has support
  stands only if at least one of its supporters stands. The node ``B`` gets an
  auxiliary argument "B lacks support" (:attr:`ArgKind.LACKS_SUPPORT`) that
  attacks ``B`` and that every supporter of ``B`` attacks.
* A relation that is undercut becomes an argument of its own ("the relation
  holds", :attr:`ArgKind.RELATION`) that carries the relation's attack and is
  attacked by the undercutters; it stands exactly when its source stands, by
  the two-step chain ``source -> SOURCE_FAILS -> RELATION`` (the flattening of
  attacks on attacks of Modgil & Bench-Capon 2011). Relations that nobody
  undercuts stay direct attacks, so an attack-only map is exactly its framework.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple, overload

from argmap.errors import UsageError, shown, unknown_node
from argmap.graph import ArgumentGraph
from argmap.records import RelationKind

__all__ = ["ArgKind", "Framework", "Origin", "from_attacks", "from_graph", "from_numbers",
           "from_pairs", "live_relations", "what_if"]


class ArgKind(StrEnum):
    """What an argument of a framework built from a map stands for."""

    NODE = "node"
    """A node of the map."""
    LACKS_SUPPORT = "lacks-support"
    """"The node has support, but none of its supporters stands"; attacks the node."""
    RELATION = "relation"
    """"This (undercut) relation holds"; carries the relation's attack."""
    SOURCE_FAILS = "source-fails"
    """"The source of this relation does not stand"; attacks the RELATION argument."""
    ASSUMED_OUT = "assumed-out"
    """An unattacked argument that attacks a node assumed out (what-if)."""


class Origin(NamedTuple):
    """Where an argument comes from: a node key, a relation number, or both."""

    kind: ArgKind
    key: str | None = None
    """Node key (``map:id``) for NODE, LACKS_SUPPORT and ASSUMED_OUT."""
    edge: int | None = None
    """Relation number (:attr:`GEdge.number`) for RELATION and SOURCE_FAILS."""


class _NodeOrigins(Sequence[Origin]):
    """The origins of a framework whose every argument is a node (one read from a file),
    made when asked for: a million of them cost a quarter of a second otherwise."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, i: int) -> Origin: ...
    @overload
    def __getitem__(self, i: slice) -> list[Origin]: ...
    def __getitem__(self, i: int | slice) -> Origin | list[Origin]:
        if isinstance(i, slice):
            return [Origin(ArgKind.NODE, name) for name in self.names[i]]
        return Origin(ArgKind.NODE, self.names[i])


class _NumberIndex(Mapping[str, int]):
    """Name -> argument for arguments named ``1..n`` (an ICCMA .af file): computed when
    asked, where a dict of a million names took half a second to build."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __getitem__(self, name: str) -> int:
        # Only the names the file gives: "7", not "07", "+7" or an Arabic-Indic 7 (int() reads
        # those).
        if (name.isascii() and name.isdigit() and name[0] != "0"
                and len(name) <= len(str(self.n)) and int(name) <= self.n):
            return int(name) - 1
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return map(str, range(1, self.n + 1))

    def __len__(self) -> int:
        return self.n


@dataclass(frozen=True, eq=False)
class Framework:
    """Arguments ``0..n-1`` with attack adjacency lists (no duplicate attacks)."""

    names: list[str]
    targets: list[list[int]]
    """``targets[a]``: the arguments that ``a`` attacks."""
    origins: Sequence[Origin]
    index: Mapping[str, int]
    """Name -> argument, for the named arguments (every NODE argument)."""

    def __len__(self) -> int:
        return len(self.names)

    @cached_property
    def attackers(self) -> list[list[int]]:
        """``attackers[a]``: the arguments that attack ``a`` (made on first use: the
        grounded labelling needs only their number)."""
        attackers: list[list[int]] = [[] for _ in self.names]
        for a, bs in enumerate(self.targets):
            for b in bs:
                attackers[b].append(a)
        return attackers

    def attacker_counts(self) -> list[int]:
        """How many arguments attack each argument (a new list)."""
        if "attackers" in self.__dict__:
            return list(map(len, self.attackers))
        if "_counts" in self.__dict__:  # counted while the framework was read
            return list(self.__dict__["_counts"])
        counts = [0] * len(self.names)
        for bs in self.targets:
            for b in bs:
                counts[b] += 1
        return counts

    @property
    def attack_count(self) -> int:
        """Number of attacks."""
        return sum(len(t) for t in self.targets)

    def node_arguments(self) -> list[int]:
        """The arguments that are nodes of the map, in map order."""
        if isinstance(self.origins, _NodeOrigins):
            return list(range(len(self.names)))
        return [a for a, o in enumerate(self.origins) if o.kind is ArgKind.NODE]


def _make(names: list[str], origins: Sequence[Origin], index: dict[str, int],
          attacks: Iterable[tuple[int, int]]) -> Framework:
    attackers: list[list[int]] = [[] for _ in names]
    targets: list[list[int]] = [[] for _ in names]
    # dict.fromkeys drops repeated attacks and keeps the first-seen order, so the
    # framework (and every explanation built on it) is deterministic.
    for a, b in dict.fromkeys(attacks):
        attackers[b].append(a)
        targets[a].append(b)
    fw = Framework(names, targets, origins, index)
    # Attackers in the order of the attacks, which explanations follow (the auxiliary
    # argument of an undercut relation first), instead of the order made on first use.
    fw.__dict__["attackers"] = attackers
    return fw


def from_attacks(names: Sequence[str], attacks: Iterable[tuple[str, str]]) -> Framework:
    """A framework from argument names and ``(attacker, attacked)`` name pairs."""
    index = {name: i for i, name in enumerate(names)}
    if len(index) != len(names):
        raise UsageError("argument names must be unique")
    try:
        pairs = [(index[a], index[b]) for a, b in attacks]
    except KeyError as exc:
        raise UsageError(f"attack names an unknown argument {shown(exc.args[0])}") from None
    origins = [Origin(ArgKind.NODE, name) for name in names]
    return _make(list(names), origins, index, pairs)


def _build(names: list[str], attackers: Sequence[int], attacked: Sequence[int],
           index: Mapping[str, int]) -> Framework:
    """A framework of arguments named ``names`` (every one a node) and the attacks
    ``attackers[i] -> attacked[i]``, in the order given, repeats dropped."""
    targets: list[list[int]] = [[] for _ in names]
    # list.append mapped over the pairs runs in C: no bytecode per attack.
    deque(map(list.append, map(targets.__getitem__, attackers), attacked), maxlen=0)
    counts = [0] * len(names)
    # The usual file repeats no attack: a set per argument says so in half the time of a
    # set of every attack, and only a file with repeats pays for dropping them.
    if sum(map(len, map(set, targets))) == len(attacked):
        # Counted here, over a flat list, in half the time of counting over the lists of
        # targets: the grounded labelling starts from these counts.
        for b in attacked:
            counts[b] += 1
    else:
        targets = [list(dict.fromkeys(bs)) for bs in targets]
        for bs in targets:
            for b in bs:
                counts[b] += 1
    fw = Framework(names, targets, _NodeOrigins(names), index)
    fw.__dict__["_counts"] = counts
    return fw


def from_pairs(names: list[str], attackers: Sequence[int], attacked: Sequence[int]) -> Framework:
    """A framework from unique argument names and attacks as two lists of positions,
    ``attackers[i]`` attacks ``attacked[i]`` (repeats are dropped)."""
    return _build(names, attackers, attacked, dict(zip(names, range(len(names)), strict=True)))


def from_numbers(n: int, attackers: Sequence[int], attacked: Sequence[int]) -> Framework:
    """:func:`from_pairs` for arguments named ``1..n`` (as in an ICCMA .af file), with the
    attacks as positions ``0..n-1``."""
    return _build(list(map(str, range(1, n + 1))), attackers, attacked, _NumberIndex(n))


def what_if(fw: Framework, without: Iterable[str] = (),
            assume: Mapping[str, bool] | None = None) -> Framework:
    """``fw`` without the named arguments (and their attacks), and with arguments assumed
    in (every attack on them dropped) or out (attacked by a new unattacked argument), as
    :func:`from_graph` does for a map."""
    assume = dict(assume or {})
    removed = set(without)
    unknown = sorted((removed | set(assume)) - set(fw.index))
    if unknown:
        raise unknown_node(unknown[0], fw.index, what="argument")
    clash = sorted(removed & set(assume))
    if clash:
        raise UsageError(f"cannot assume {shown(clash[0])}: it is removed")
    keep = [a for a in range(len(fw)) if fw.names[a] not in removed]
    new = {a: i for i, a in enumerate(keep)}
    names = [fw.names[a] for a in keep]
    origins = [fw.origins[a] for a in keep]  # a list: a what-if adds other kinds
    index = {name: i for i, name in enumerate(names) if name in fw.index}
    forced_in = {new[fw.index[k]] for k, v in assume.items() if v}
    attacks = [(new[a], new[b]) for a in keep for b in fw.targets[a]
               if b in new and new[b] not in forced_in]
    for key, value in sorted(assume.items()):
        if not value:
            names.append(f"~assumed-out({key})")
            origins.append(Origin(ArgKind.ASSUMED_OUT, key))
            attacks.append((len(names) - 1, new[fw.index[key]]))
    return _make(names, origins, index, attacks)


def live_relations(graph: ArgumentGraph, removed: set[str]) -> list[bool]:
    """Which relations survive removing nodes: their source and target (relation) survive."""
    edges = graph.edges
    live = [e.source not in removed and (e.kind is RelationKind.UNDERCUTS
                                         or e.target not in removed) for e in edges]
    # An undercut lives only if the relation it undercuts lives; follow the chain
    # (undercuts of undercuts), which may loop, until nothing changes.
    changed = True
    while changed:
        changed = False
        for e in edges:
            if e.target_edge is not None and live[e.number] and not live[e.target_edge]:
                live[e.number] = False
                changed = True
    return live


def from_graph(graph: ArgumentGraph, *, without: Iterable[str] = (),
               assume: Mapping[str, bool] | None = None,
               reify: Iterable[int] = ()) -> Framework:
    """The framework of a map's graph (see the module docstring).

    ``without``: node keys to remove with their relations; a node that had support
    keeps needing it, so support lost this way is lost, not forgotten.
    ``assume``: node key -> ``True`` (in: every attack on the node is dropped,
    its need for support too) or ``False`` (out: an unattacked argument attacks it).
    ``reify``: relation numbers made RELATION arguments as undercut ones are, so that
    rejecting a relation is labelling its argument out (crux analysis); the labels of
    the nodes are the same.
    """
    removed = set(without)
    assume = dict(assume or {})
    unknown = sorted((removed | set(assume)) - set(graph.nodes))
    if unknown:
        raise unknown_node(unknown[0], graph.nodes)
    names: list[str] = []
    origins: list[Origin] = []
    index: dict[str, int] = {}
    for key in graph.nodes:
        if key not in removed:
            index[key] = len(names)
            names.append(key)
            origins.append(Origin(ArgKind.NODE, key))

    def new(origin: Origin, name: str) -> int:
        names.append(name)
        origins.append(origin)
        return len(names) - 1

    edges = graph.edges
    live = live_relations(graph, removed)
    attacks: list[tuple[int, int]] = []
    holds: dict[int, int] = {}
    reified = set(reify)
    for n in sorted(set(graph.undercut_by) | reified):
        if live[n] and (n in reified or any(live[u] for u in graph.undercut_by[n])):
            e = edges[n]
            label = e.relation.id or str(n)
            fails = new(Origin(ArgKind.SOURCE_FAILS, edge=n), f"~source-fails({label})")
            holds[n] = new(Origin(ArgKind.RELATION, edge=n), f"~holds({label})")
            attacks.append((index[e.source], fails))
            attacks.append((fails, holds[n]))
    lacks: dict[str, int] = {}
    for e in edges:
        if e.kind is RelationKind.SUPPORTS:
            target = lacks.get(e.target, -1)
            if target < 0 and e.target in index:
                target = lacks[e.target] = new(Origin(ArgKind.LACKS_SUPPORT, e.target),
                                               f"~lacks-support({e.target})")
                attacks.append((target, index[e.target]))
        elif e.kind is RelationKind.ATTACKS:
            target = index.get(e.target, -1)
        else:
            target = holds.get(e.target_edge, -1) if e.target_edge is not None else -1
        if live[e.number]:
            attacks.append((holds.get(e.number, index[e.source]), target))
    for key, value in sorted(assume.items()):
        if key not in index:
            raise UsageError(f"cannot assume {shown(key)}: it is removed")
        if not value:
            attacks.append((new(Origin(ArgKind.ASSUMED_OUT, key), f"~assumed-out({key})"),
                            index[key]))
    forced_in = {index[k] for k, v in assume.items() if v}
    if forced_in:
        attacks = [(a, b) for a, b in attacks if b not in forced_in]
    return _make(names, origins, index, attacks)
