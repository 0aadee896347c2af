"""Compare two loaded versions of a set of maps: :func:`compare` gives a :class:`Diff`.

Maps are paired by their path relative to what was compared (two files are one
pair); nodes by id within a pair, and then renamed nodes by text
(:mod:`argmap.diff.match`). Relations are matched by the node they start from,
their kind and what they point at (after renames). What the change does to the
argument is in :mod:`argmap.diff.argument`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from argmap import LoadedMap, NodeRecord, RelationKind
from argmap.diff import argument
from argmap.diff.match import Candidate, match_renamed, word_diff
from argmap.diff.pairing import Matching, Side
from argmap.diff.result import Diff, NodeChange, RelationChange, WordOp

__all__ = ["MAX_WORD_DIFFS", "Matching", "Side", "compare"]

# A relation record (argmap.records.RelationRecord): reached through NodeRecord.relations(),
# since the records' module is the loader's to move.
_Relation = Any

#: Reworded nodes that get a word diff; the others show their texts before and after
#: (a change that rewords every node of a large map stays fast).
MAX_WORD_DIFFS = 1000


def compare(old: Side, new: Side) -> Diff:
    """What changed from ``old`` to ``new`` (see :class:`argmap.diff.result.Diff`)."""
    olds = {old.paths[m.name]: m for m in old.shown()}
    news = {new.paths[m.name]: m for m in new.shown()}
    matching = Matching()
    nodes: list[NodeChange] = []
    pairs: list[tuple[LoadedMap, LoadedMap]] = []
    for path in sorted(olds.keys() & news.keys()):
        pairs.append((olds[path], news[path]))
        matching.names[olds[path].name] = news[path].name
    for o, n in pairs:
        _match_nodes(o, n, matching)
    quotes = argument.Findings(old, new, matching)
    words = 0
    for o, n in pairs:
        changes, words = _node_changes(o, n, matching, quotes, words)
        nodes.extend(changes)
    for path in sorted(olds.keys() - news.keys()):
        m = olds[path]
        nodes.extend(NodeChange(f"{m.name}:{r.id}", ("removed",), kind_before=r.kind.value,
                                text_before=r.text) for r in m.map.nodes)
    for path in sorted(news.keys() - olds.keys()):
        m = news[path]
        nodes.extend(NodeChange(f"{m.name}:{r.id}", ("added",), kind_after=r.kind.value,
                                text_after=r.text) for r in m.map.nodes)
    relations = list(_relation_changes(olds, news, matching))
    recommendations = argument.support_changes(old.maps.graph, new.maps.graph, matching,
                                               nodes, relations)
    acceptance = argument.acceptance_changes(old.maps.graph, new.maps.graph, matching)
    return Diff(old.label, new.label, tuple(nodes), tuple(relations), quotes.introduced,
                quotes.resolved, recommendations, acceptance,
                tuple(sorted(news.keys() - olds.keys())),
                tuple(sorted(olds.keys() - news.keys())))


def _match_nodes(o: LoadedMap, n: LoadedMap, matching: Matching) -> None:
    """Match the nodes of a pair of maps: by id, then renamed ones by text."""
    new_ids = {r.id for r in n.map.nodes}
    old_ids = {r.id for r in o.map.nodes}
    for r in o.map.nodes:
        if r.id in new_ids:
            matching.keys[f"{o.name}:{r.id}"] = f"{n.name}:{r.id}"
    gone = [Candidate(r.id, r.kind.value, r.text) for r in o.map.nodes if r.id not in new_ids]
    came = [Candidate(r.id, r.kind.value, r.text) for r in n.map.nodes if r.id not in old_ids]
    if gone and came:
        for old_id, new_id, score in match_renamed(gone, came):
            matching.keys[f"{o.name}:{old_id}"] = f"{n.name}:{new_id}"
            matching.renamed[f"{o.name}:{old_id}"] = (new_id, score)


def _node_changes(o: LoadedMap, n: LoadedMap, matching: Matching,
                  quotes: argument.Findings, words: int) -> tuple[list[NodeChange], int]:
    """The changes of the nodes of a pair of maps, in the new map's order, then the nodes
    removed in the old map's order; and the word diffs made so far."""
    out: list[NodeChange] = []
    before = {matching.key(f"{o.name}:{r.id}"): r for r in o.map.nodes}
    for r in n.map.nodes:
        key = f"{n.name}:{r.id}"
        was = before.get(key)
        if was is None:
            out.append(NodeChange(key, ("added",), kind_after=r.kind.value, text_after=r.text,
                                  quote_after=r.quote))
            continue
        old_key = f"{o.name}:{was.id}"
        change, words = _node_change(key, old_key, was, r, matching, quotes, words)
        if change is not None:
            out.append(change)
    kept = matching.keys
    out.extend(NodeChange(f"{o.name}:{r.id}", ("removed",), kind_before=r.kind.value,
                          text_before=r.text, quote_before=r.quote)
               for r in o.map.nodes if f"{o.name}:{r.id}" not in kept)
    return out, words


def _node_change(key: str, old_key: str, was: NodeRecord, now: NodeRecord, matching: Matching,
                 quotes: argument.Findings, words: int) -> tuple[NodeChange | None, int]:
    changes: list[str] = []
    renamed = matching.renamed.get(old_key)
    if renamed is not None:
        changes.append("renamed")
    if was.kind is not now.kind:
        changes.append("retyped")
    reworded = " ".join(was.text.split()) != " ".join(now.text.split())
    diff: tuple[WordOp, ...] = ()
    if reworded:
        changes.append("reworded")
        if words < MAX_WORD_DIFFS:
            diff = word_diff(was.text, now.text)
            words += 1
    retitled = was.title != now.title
    if retitled:
        changes.append("retitled")
    confidence = was.confidence != now.confidence
    if confidence:
        changes.append("confidence-changed")
    if was.quote != now.quote:
        changes.append("quote-changed")
    unverified_before = quotes.unverified_before(old_key)
    unverified_after = quotes.unverified_after(key)
    if now.quote is not None and unverified_after and not unverified_before:
        changes.append("quote-unverified")
    elif was.quote is not None and now.quote is not None and unverified_before \
            and not unverified_after:
        changes.append("quote-verified")
    if not changes:
        return None, words
    return NodeChange(key, tuple(changes), old_key if old_key != key else None, was.kind.value,
                      now.kind.value, was.text, now.text, diff,
                      renamed[1] if renamed else None, was.quote, now.quote,
                      _value(was.confidence) if confidence else None,
                      _value(now.confidence) if confidence else None,
                      was.title if retitled else None, now.title if retitled else None), words


_FIELDS = ("strength", "by", "scheme", "source", "quote", "question")


def _relation_changes(olds: dict[str, LoadedMap], news: dict[str, LoadedMap],
                      matching: Matching) -> Iterator[RelationChange]:
    """Relation changes, by map pair, in the new map's node order (removed nodes last)."""
    for path in sorted(olds.keys() | news.keys()):
        o, n = olds.get(path), news.get(path)
        old_out: dict[str, list[tuple[RelationKind, _Relation]]] = {}
        if o is not None:
            # Most relations point at a node that kept its id: translated only when not.
            prefix = f"{o.name}:"
            ids = {k[len(prefix):]: new_id for k, (new_id, _) in matching.renamed.items()
                   if k.startswith(prefix)}
            for r in o.map.nodes:
                old_out[matching.key(prefix + r.id)] = [
                    (kind, rel if kind is RelationKind.UNDERCUTS
                     or (":" not in rel.to and rel.to not in ids)
                     else rel._replace(to=matching.ref(o, rel.to))) for kind, rel in r.relations()]
        seen: set[str] = set()
        if n is not None:
            for r in n.map.nodes:
                key = f"{n.name}:{r.id}"
                seen.add(key)
                yield from _compare_relations(key, old_out.get(key, []), list(r.relations()))
        for key, rels in old_out.items():
            if key not in seen:
                yield from _compare_relations(key, rels, [])


def _compare_relations(key: str, before: list[tuple[RelationKind, _Relation]],
                       after: list[tuple[RelationKind, _Relation]]
                       ) -> Iterator[RelationChange]:
    """The changes from the relations ``before`` to ``after`` of node ``key``: matched by
    kind and target, in time linear in their number (a node may have thousands)."""
    if before == after:
        return
    waiting: dict[tuple[RelationKind, str], list[int]] = {}
    for i, (kind, rel) in enumerate(before):
        waiting.setdefault((kind, rel.to), []).append(i)
    for queue in waiting.values():
        queue.reverse()  # popped from the end: the first written is matched first
    left = [True] * len(before)
    unmatched: list[tuple[RelationKind, _Relation]] = []
    for kind, rel in after:
        slots = waiting.get((kind, rel.to))
        if not slots:
            unmatched.append((kind, rel))
            continue
        matched = slots.pop()
        left[matched] = False
        was = before[matched][1]
        fields = tuple((f, _value(getattr(was, f)), _value(getattr(rel, f)))
                       for f in _FIELDS if getattr(was, f) != getattr(rel, f))
        if fields:
            yield RelationChange("changed", key, kind.value, rel.to, fields=fields)
    gone = [i for i, keep in enumerate(left) if keep]
    by_id = {(before[i][0], before[i][1].id): i for i in reversed(gone)
             if before[i][1].id is not None}
    gone_kinds = Counter(before[i][0] for i in gone)
    came_kinds = Counter(kind for kind, _ in unmatched)
    for kind, rel in unmatched:
        # The same relation pointed elsewhere: by its id, or as the only one of its kind
        # that left and came at this node.
        at = by_id.get((kind, rel.id)) if rel.id is not None else None
        if at is None and gone_kinds[kind] == 1 and came_kinds[kind] == 1:
            at = next(j for j in gone if before[j][0] is kind)
        if at is not None and left[at]:
            left[at] = False
            yield RelationChange("retargeted", key, kind.value, rel.to, before[at][1].to)
        else:
            yield RelationChange("added", key, kind.value, rel.to)
    for i in gone:
        if left[i]:
            yield RelationChange("removed", key, before[i][0].value, before[i][1].to)


def _value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):  # an interval strength or confidence
        return "[" + ", ".join(f"{v:g}" for v in value) + "]"
    return str(value)

