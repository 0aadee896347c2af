"""The rules of ``argmap check``: a registry keyed by rule id, and the runner.

Each rule is a module with ``ID``, ``SEVERITY``, a ``check(ctx)`` generator of
findings, and a docstring that is its user documentation (``docs/checks.md``
is generated from them). A module with ``DEFAULT = False`` is an opt-in rule:
it runs only when selected.
"""

from __future__ import annotations

import inspect
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import NamedTuple, cast

from argmap import provenance
from argmap.checks import (
    circular_support,
    empty_map,
    evidence_without_source,
    inferred_support,
    orphan_node,
    quote_not_found,
    self_support,
    source_tension,
    source_text_missing,
    supports_and_attacks,
    text_cut_by_comment,
    unanswered_attack,
    unanswered_critical_question,
    ungrounded,
    unsupported_claim,
)
from argmap.checks._base import At, CheckFunc, Context, Finding
from argmap.errors import LoadError, Problem, Severity, UsageError, shown
from argmap.graph import ArgumentGraph, GEdge, GNode, build
from argmap.loading.loader import LoadedMap, MapSet

__all__ = [
    "RULES",
    "CheckResult",
    "Context",
    "Finding",
    "PathIgnore",
    "Rule",
    "Settings",
    "check",
    "unknown_rule",
]


# A named tuple, not a dataclass: a dataclass costs every start 0.4 ms to make (its
# methods are compiled from source), and this one is read only by docs and tests.
class RuleExamples(NamedTuple):
    """A rule's documented examples: YAML that triggers it, YAML that does not, and the
    files (by name) that must stand beside the map for both."""

    failing: str
    passing: str
    files: dict[str, str]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its id, default severity, documentation and function."""

    id: str
    severity: Severity
    doc: str
    func: CheckFunc
    default: bool = True
    """Whether the rule runs unless selected (an opt-in rule runs only when selected)."""

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0]

    def examples(self) -> RuleExamples:
        """The failing and passing examples of the documentation, and files they need."""
        blocks: dict[str, str] = {}
        files: dict[str, str] = {}
        paragraphs = self.doc.split("\n\n")
        for i, para in enumerate(paragraphs):
            head = para.strip()
            lower = head.lower()
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
            code = inspect.cleandoc(following) if following.startswith("    ") else ""
            if lower in ("failing example:", "passing example:"):
                blocks[lower.split()[0]] = code + "\n"
            elif lower.startswith("with `") and "` beside the map" in lower:
                name = head[len("with `"):head.index("`", len("with `"))]
                files[name] = code + "\n" if head.endswith(":") and code else ""
        if set(blocks) != {"failing", "passing"}:
            raise ValueError(f"rule {self.id}: documentation lacks a failing or passing example")
        return RuleExamples(blocks["failing"], blocks["passing"], files)

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Read a rule from its module's ``ID``, ``SEVERITY``, ``check`` and docstring."""
        return cls(module.ID, module.SEVERITY, inspect.cleandoc(module.__doc__ or ""),
                   module.check, getattr(module, "DEFAULT", True))


#: Every rule, keyed by id, in documentation order.
RULES: dict[str, Rule] = {
    r.id: r
    for r in map(Rule.from_module, (
        unsupported_claim,
        inferred_support,
        ungrounded,
        circular_support,
        self_support,
        orphan_node,
        empty_map,
        evidence_without_source,
        quote_not_found,
        source_text_missing,
        text_cut_by_comment,
        supports_and_attacks,
        unanswered_attack,
        source_tension,
        unanswered_critical_question,
    ))
}

#: Findings about the check configuration itself (not suppressible).
ACKNOWLEDGE_RULE = "unknown-acknowledgement"
UNUSED_RULE = "unused-acknowledgement"


#: How many unknown rule ids of one map or configuration get the closest known id (difflib
#: takes some 40 µs an id); the rest get the list of rules. A map of 32 MiB can hold a
#: million acknowledgements of unknown rules.
MAX_SUGGESTIONS = 200


def unknown_rule(rule_id: str, *, suggest: bool = True) -> str:
    """What to tell someone who gave the unknown rule id ``rule_id``: the known id it is
    closest to (a typo), or else (or without ``suggest``) the known ids."""
    if suggest:
        import difflib  # noqa: PLC0415 - only for an unknown id, never on a check's path

        close = difflib.get_close_matches(rule_id, RULES, n=1)
        if close:
            return f"did you mean {shown(close[0])}?"
    return f"known rules: {', '.join(RULES)}"


class PathIgnore(NamedTuple):
    """Rules skipped for the maps whose path matches ``pattern`` (``per-file-ignores``).

    ``pattern`` is a glob relative to ``root``, the folder of the configuration
    file that gave it (see :mod:`argmap.config`).
    """

    root: Path
    pattern: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    """Which rules run, at which severity, which severities are shown and which fail,
    and where source texts may lie."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Severity = Severity.INFO
    """The lowest severity reported."""
    source_roots: tuple[Path, ...] = ()
    """Folders source texts may lie in besides the map's folder and the working
    directory (``source-roots`` of the configuration; see :mod:`argmap.config`)."""
    fail_on: Severity | None = None
    """The lowest severity that fails the check; None: any finding reported fails."""
    rule_severity: Mapping[str, Severity] = field(default_factory=dict)
    """Severities that replace rules' own (``[tool.argmap.rule-severity]``)."""
    per_file_ignores: tuple[PathIgnore, ...] = ()
    """Rules skipped for some map files (applied by :func:`argmap.config.resolve`)."""
    extend_select: tuple[str, ...] = ()
    """Rules run besides the selected ones (or the default ones): how an opt-in rule is
    added without listing every other rule (ruff's ``extend-select``)."""

    def validate(self) -> None:
        """Raise :class:`UsageError` for unknown rule ids."""
        for rid in (*(self.select or ()), *self.extend_select, *self.ignore, *self.rule_severity,
                    *(r for entry in self.per_file_ignores for r in entry.rules)):
            if rid not in RULES:
                raise UsageError(f"unknown rule {shown(rid)}; {unknown_rule(rid)}")

    def enabled(self, rule_id: str) -> bool:
        """Whether the rule runs under these settings (an opt-in rule only when selected)."""
        if rule_id in self.extend_select:
            pass
        elif self.select is None:
            if not RULES[rule_id].default:
                return False
        elif rule_id not in self.select:
            return False
        return rule_id not in self.ignore

    def severity_of(self, rule: Rule) -> Severity:
        """The severity of ``rule``'s findings under these settings."""
        return self.rule_severity.get(rule.id, rule.severity)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check run."""

    findings: tuple[Problem, ...]
    """Findings at or above the threshold, not acknowledged, sorted by location."""
    acknowledged: tuple[tuple[Problem, str], ...]
    """Findings acknowledged in the map, with the reason given."""
    maps: MapSet
    threshold: Severity
    fail_on: Severity | None = None
    """The lowest severity that fails; None: any finding reported fails."""
    source_only: bool = False
    """Whether the analyst's relations were left out (``--source-only``)."""

    @property
    def failed(self) -> bool:
        """Whether any finding reported is at or above ``fail_on`` (any at all without it)."""
        if self.fail_on is None:
            return bool(self.findings)
        rank = self.fail_on.rank
        return any(p.severity.rank >= rank for p in self.findings)


_ORDER = operator.itemgetter(0, 1, 2)


def _reports(settings: Settings, rule_id: str, severity: Severity) -> bool:
    """Whether findings of rule ``rule_id`` at ``severity`` are reported under ``settings``."""
    return settings.enabled(rule_id) and severity.rank >= settings.severity.rank


def check(maps: MapSet | LoadedMap, settings: Settings | None = None,
          per_map: dict[str, Settings] | None = None, *,
          source_only: bool = False) -> CheckResult:
    """Run the enabled rules over loaded maps.

    ``settings`` apply to every map; ``per_map`` (by map name) overrides them for
    one map. Findings are acknowledged by a node's ``acknowledge`` entry for the
    rule (a relation's findings by the node it is written under).

    ``source_only`` leaves out the analyst's relations (``by: analyst``): the
    rules see the argument the sources make on their own (``orphan-node`` still
    sees every relation). An acknowledgement is used when its rule finds something
    on its node with or without them, so one map serves both kinds of run.
    """
    return _check(maps, settings, per_map, source_only)


def _check(maps: MapSet | LoadedMap, settings: Settings | None,
           per_map: dict[str, Settings] | None, source_only: bool = False) -> CheckResult:
    mapset = maps if isinstance(maps, MapSet) else MapSet((maps,))
    base = settings or Settings()
    base.validate()
    per_map = per_map or {}
    for s in per_map.values():
        s.validate()
    graph = build(mapset)
    ctx = (Context(mapset, provenance.source_only(graph), base.source_roots,
                   every_relation=graph) if source_only
           else Context(mapset, graph, base.source_roots))
    # Source texts a map may not name are load errors, whichever rules run: a map
    # from a stranger must not point argmap at files outside its tree.
    refused = ctx.refused_sources()
    if refused:
        raise LoadError(refused)
    wanted = [r for r in RULES.values()
              if base.enabled(r.id) or any(s.enabled(r.id) for s in per_map.values())]
    findings: list[Problem] = []
    acknowledged: list[tuple[Problem, str]] = []
    used: set[tuple[str, int, str]] = set()
    new = tuple.__new__
    nodes = graph.nodes
    for rule in wanted:
        rid, severity = rule.id, base.severity_of(rule)
        # Whether each map reports this rule, decided once per rule rather than per finding.
        reports = {m.name: not m.context and _reports(per_map.get(m.name, base), rid, severity)
                   for m in mapset}
        # (A finding unpacked in C: this runs for each of tens of thousands of findings.)
        for target, message, hint in rule.func(ctx):
            owner: GNode | None
            if type(target) is GNode:
                m, owner = target.map, target
                if not reports[m.name]:
                    continue
                location = m.node_location(target.position)
            elif type(target) is GEdge:
                m = target.map
                if not reports[m.name]:
                    continue
                location = m.where(target.keypath)
                owner = nodes[target.source]
            else:
                m = target.map
                if not reports[m.name]:
                    continue
                location = cast(At, target).location or m.where(target.keypath)
                owner = _node_at(graph, m, target.keypath)
            if owner is None:
                findings.append(new(Problem, (location, rid, message, severity, hint, None)))
                continue
            problem = new(Problem, (location, rid, message, severity, hint, owner.key))
            acknowledge = owner.node.acknowledge
            reason = acknowledge.get(rid) if acknowledge else None
            if reason is not None:
                acknowledged.append((problem, reason))
                used.add((m.name, owner.position, rid))
            else:
                findings.append(problem)
    if provenance.has_inferences(graph):
        # The relations differ with --source-only: an acknowledgement idle in this run
        # may be used in the other, and is then not "unused".
        def other() -> Context:
            if source_only:
                return Context(mapset, graph, base.source_roots, _texts=ctx._texts)
            return Context(mapset, provenance.source_only(graph), base.source_roots,
                           every_relation=graph, _texts=ctx._texts)

        used |= _used_elsewhere(other, mapset, wanted, used)
    findings.extend(p for p in _acknowledgement_problems(mapset, wanted, used)
                    if p.severity.rank >= base.severity.rank)
    # (location, code, message): the order of Problem.sort_key, with a C key function.
    findings.sort(key=_ORDER)
    acknowledged.sort(key=lambda pr: _ORDER(pr[0]))
    return CheckResult(tuple(findings), tuple(acknowledged), mapset, base.severity,
                       base.fail_on, source_only)


def _used_elsewhere(make: Callable[[], Context], mapset: MapSet, ran: Sequence[Rule],
                    used: set[tuple[str, int, str]]) -> set[tuple[str, int, str]]:
    """The acknowledgements not in ``used`` that a rule of ``ran`` uses in the context
    ``make`` gives (made only when some acknowledgement is idle)."""
    idle = {(m.name, i, rid) for m in mapset if not m.context
            for i, node in enumerate(m.map.nodes) if node.acknowledge
            for rid in node.acknowledge} - used
    rules = {rid for _, _, rid in idle}
    found: set[tuple[str, int, str]] = set()
    if not any(rule.id in rules for rule in ran):
        return found
    ctx = make()
    for rule in ran:
        if rule.id not in rules:
            continue
        for f in rule.func(ctx):
            target = f.target
            owner = (target if type(target) is GNode else ctx.graph.nodes[target.source]
                     if type(target) is GEdge else _node_at(ctx.graph, target.map, target.keypath))
            if owner is not None and (owner.map.name, owner.position, rule.id) in idle:
                found.add((owner.map.name, owner.position, rule.id))
    return found


def _node_at(graph: ArgumentGraph, m: LoadedMap,
             keypath: tuple[str | int, ...]) -> GNode | None:
    """The node a key path lies in (``("nodes", i, ...)``), if any."""
    if len(keypath) >= 2 and keypath[0] == "nodes" and isinstance(keypath[1], int):
        return graph.nodes.get(f"{m.name}:{m.map.nodes[keypath[1]].id}")
    return None


def _acknowledgement_problems(mapset: MapSet, ran: Sequence[Rule],
                              used: set[tuple[str, int, str]]) -> Iterable[Problem]:
    """Acknowledgements naming unknown rules, or rules that found nothing to acknowledge."""
    ran_ids = {r.id for r in ran}
    for m in mapset:
        if m.context:
            continue
        unknown = 0
        nodes = m.map.nodes
        for i in [i for i, node in enumerate(nodes) if node.acknowledge]:
            node = nodes[i]
            for rid in node.acknowledge:
                where = m.where(("nodes", i, "acknowledge", rid), key=True)
                if rid not in RULES:
                    unknown += 1
                    yield Problem(where, ACKNOWLEDGE_RULE,
                                  f"{shown(node.id)} acknowledges unknown rule {shown(rid)}",
                                  Severity.ERROR,
                                  unknown_rule(rid, suggest=unknown <= MAX_SUGGESTIONS), None)
                elif rid in ran_ids and (m.name, i, rid) not in used:
                    yield Problem(where, UNUSED_RULE,
                                  f"{shown(node.id)} acknowledges {shown(rid)} but the rule finds "
                                  "nothing here", Severity.WARNING,
                                  "remove the acknowledgement", None)

