"""The Argdown document model -> an argmap map, with a loss report.

Mapping (docs/interop.md has the full table): a statement equivalence class or
an untitled statement is a ``claim`` node, its title the node's ``title`` (and, made a
slug, its id, unless its data element gives an ``id``); an argument is a ``claim`` node
tagged ``argument`` (first tag); ``+``/``-`` are supports/attacks; a reconstructed
argument is supported by its premises and supports its conclusion, each
intermediate inference of a complex argument being an argument node of its own;
``_`` undercuts the relation from the argument to its conclusion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.errors import LoadError, Location, shown
from argmap.interop._ids import IdAllocator, slug
from argmap.interop._provenance import known_tensions
from argmap.interop.argdown._data import (
    ARGUMENT_TAG,
    apply_data,
    data_id,
    map_metadata,
    relation_data,
)
from argmap.interop.argdown._inline import Member, Rel, Step
from argmap.interop.argdown._parse import Document
from argmap.interop.loss import APPROXIMATED, NOT_IMPORTED, LossReport
from argmap.model import MISPLACED, ArgumentMap, Node
from argmap.records import title_problem

__all__ = ["build", "build_traced"]


@dataclass
class _Builder:
    doc: Document
    name: str
    loss: LossReport
    ids: dict[int, str] = field(default_factory=dict)
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    rel_ids: IdAllocator = field(default_factory=IdAllocator)
    origins: dict[str, Location] = field(default_factory=dict)

    def run(self) -> ArgumentMap:
        meta, sources = map_metadata(self.doc, self.name, self.loss)
        members = sorted(self.doc.members, key=_position)
        self.assign_ids(members)
        for member in members:
            self.node(member, sources)
        for rel in self.doc.relations:
            self.relation(rel)
        for member in members:
            for entry, where in relation_data(member, self.loss):
                self.data_relation(self.ids[id(member)], entry, where)
        self.resolve_undercuts()
        self.drop_dangling_undercuts()
        nodes = [self.validated(self.fields[self.ids[id(m)]]) for m in members]
        self.origins = {self.ids[id(m)]: m.location for m in members}
        known_tensions(meta, set(self.fields), self.loss)
        return ArgumentMap.model_validate({**meta, "argmap": 1, "nodes": nodes})

    # --- ids and nodes ----------------------------------------------------------------

    def assign_ids(self, members: list[Member]) -> None:
        taken = IdAllocator()
        for member in members:  # ids given as data first (argmap's export writes them)
            given = data_id(member)
            if given is not None and taken.reserve(given):
                self.ids[id(member)] = given
        for member in members:  # then titles: they are the names people chose
            if member.title is not None and id(member) not in self.ids:
                self.ids[id(member)] = taken.take(slug(member.title))
        for member in members:
            if id(member) in self.ids:
                continue
            if member.step_of is not None:
                argument, k = member.step_of
                base = f"{self.ids.get(id(argument)) or 'argument'}.step-{k}"
            elif member.argument:
                conclusion = member.steps[-1].conclusion if member.steps else None
                text = conclusion.texts[0][0] if conclusion and conclusion.texts else ""
                base = "argument-for-" + slug(text, words=5, fallback="conclusion")
            else:
                base = slug(member.texts[0][0] if member.texts else "", words=6,
                            fallback="statement")
            self.ids[id(member)] = taken.take(base)

    def node(self, member: Member, sources: set[str]) -> None:
        nid = self.ids[id(member)]
        texts = [t for t, _ in member.texts]
        text = texts[0] if texts else self.invented_text(member, nid)
        others = [t for t in dict.fromkeys(texts[1:]) if t != text]
        if others:
            what = "descriptions of the argument" if member.argument else \
                "members of the equivalence class"
            self.loss.add(NOT_IMPORTED, f"{len(others)} other {what}: "
                          + " | ".join(shown(t, quoted=False) for t in others),
                          member.texts[1][1], nid)
        tags = ([ARGUMENT_TAG] if member.argument else []) + \
            [t for t in member.tags if not (member.argument and t == ARGUMENT_TAG)]
        fields: dict[str, Any] = {"id": nid, "kind": "claim", "text": text,
                                  "section": member.section, "tags": tags}
        if member.title is not None and member.title != nid and member.step_of is None:
            problem = title_problem(member.title)
            if problem is None:
                fields["title"] = member.title
            else:
                self.loss.add(NOT_IMPORTED, f"title {shown(member.title)} as the node's "
                              f"title: {problem[0]} (the id is made from it)",
                              member.location, nid)
        rules = [r for s in (member.steps or []) if s.argument is member for r in s.rules]
        if member.step_of is not None:
            argument, k = member.step_of
            rules = list((argument.steps or [])[k - 1].rules)
        if rules:
            fields["note"] = "inference: " + ", ".join(rules)
        apply_data(fields, member, sources, self.loss)
        fields.update(supports=[], attacks=[], undercuts=[])
        self.fields[nid] = fields

    def invented_text(self, member: Member, nid: str) -> str:
        if member.step_of is not None:
            argument, k = member.step_of
            return f"{argument.title or 'Argument'}, inference step {k}"
        if member.argument and member.title:
            return member.title  # Argdown shows an argument without description by title
        if member.argument:
            conclusion = member.steps[-1].conclusion if member.steps else None
            about = conclusion.texts[0][0] if conclusion and conclusion.texts else nid
            return f"Argument for: {about}"
        self.loss.add(APPROXIMATED, f"statement [{member.title}] is referred to but never "
                      "defined; its title is its text", member.location, nid)
        return member.title or nid

    def validated(self, fields: dict[str, Any]) -> Node:
        """The node; a data value the model refuses is dropped and reported."""
        for _ in range(len(fields) + 1):
            try:
                return Node.model_validate(fields)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = err["loc"]
                    if err["type"] == MISPLACED:  # a key valid only elsewhere: drop it
                        loc = (*loc, err["ctx"]["key"])
                    holder: Any = fields
                    for part in loc[:-1]:
                        holder = holder[part]
                    if loc and isinstance(holder, dict) and loc[-1] in holder and \
                            loc[-1] not in ("id", "text", "to"):
                        value = holder.pop(loc[-1])
                        self.loss.add(NOT_IMPORTED, f"data {'.'.join(map(str, loc))}: "
                                      f"{shown(value)} is not valid here", None, fields["id"])
        return Node.model_validate(fields)  # pragma: no cover - every bad value is dropped

    # --- relations --------------------------------------------------------------------

    def relation(self, rel: Rel) -> None:
        src = self.ids[id(rel.source)]
        if rel.kind == "undercut":
            return  # resolved once every relation and relation id is known
        tgt = self.ids[id(rel.target)]
        if rel.kind == "contradiction":
            self.loss.add(APPROXIMATED, f"contradiction between {src} and {tgt} as two "
                          "attacks", rel.location, src)
            self.add("attacks", src, tgt)
            self.add("attacks", tgt, src)
            return
        self.add("supports" if rel.kind == "support" else "attacks", src, tgt)

    def add(self, kind: str, src: str, tgt: str) -> dict[str, Any]:
        key = (kind, src, tgt)
        entry = self.rels.get(key)
        if entry is None:
            entry = {"to": tgt}
            self.rels[key] = entry
            self.fields[src][kind].append(entry)
        return entry

    def data_relation(self, src: str, entry: dict[str, Any], where: Location) -> None:
        kind = next(k for k in ("supports", "attacks", "undercuts") if k in entry)
        target = entry[kind]
        if kind != "undercuts" and target not in self.fields:
            self.loss.add(NOT_IMPORTED, f"data relation {kind} {shown(target)}: no such node",
                          where, src)
            return
        rel = self.add(kind, src, target) if kind != "undercuts" else self.undercut(src, target)
        rid = entry.get("id")
        if rid is not None and rel.get("id") != rid:
            if not self.rel_ids.reserve(rid):
                self.loss.add(NOT_IMPORTED, f"relation id {shown(rid)} is used twice", where, src)
            else:
                rel["id"] = rid
        rel.update({k: entry[k] for k in ("by", "source", "quote", "scheme", "question",
                                          "strength", "note") if k in entry})

    def undercut(self, src: str, relation_id: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"to": relation_id}
        self.fields[src]["undercuts"].append(entry)
        return entry

    def resolve_undercuts(self) -> None:
        by_rel: dict[int, tuple[str, str]] = {}
        for (_, src, tgt), entry in self.rels.items():
            by_rel[id(entry)] = (src, tgt)
        for rel in self.doc.relations:
            if rel.kind != "undercut":
                continue
            src = self.ids[id(rel.source)]
            target = self.inference(rel.target)
            if target is None:
                assert isinstance(rel.target, Member)
                tgt = self.ids[id(rel.target)]
                why = ("it has no single conclusion" if rel.target.argument
                       else "it is a statement, not an argument")
                self.loss.add(APPROXIMATED, f"undercut of {tgt} as an attack: an undercut "
                              f"denies an argument's inference, and {why}", rel.location, src)
                self.add("attacks", src, tgt)
                continue
            if "id" not in target:
                a, b = by_rel[id(target)]
                target["id"] = self.rel_ids.take(f"{a[:95]}--{b[:95]}")
            if all(u["to"] != target["id"] for u in self.fields[src]["undercuts"]):
                self.undercut(src, target["id"])

    def drop_dangling_undercuts(self) -> None:
        known = {r["id"] for f in self.fields.values()
                 for k in ("supports", "attacks", "undercuts")
                 for r in f[k] if "id" in r}
        for nid, fields in self.fields.items():
            keep = [u for u in fields["undercuts"] if u["to"] in known]
            for u in fields["undercuts"]:
                if u["to"] not in known:
                    self.loss.add(NOT_IMPORTED, f"data relation undercuts {shown(u['to'])}: no "
                                  "relation has this id", None, nid)
            fields["undercuts"] = keep

    def inference(self, target: Member | Step) -> dict[str, Any] | None:
        """The supports relation an undercut of ``target`` denies, if there is one."""
        if isinstance(target, Member):
            if not target.argument:
                return None
            if target.steps:
                target = target.steps[-1]
            else:
                # An unreconstructed argument's inference is its one outgoing relation.
                fields = self.fields[self.ids[id(target)]]
                out = fields["supports"] + fields["attacks"]
                return out[0] if len(out) == 1 else None
        assert target.conclusion is not None
        key = ("supports", self.ids[id(target.argument)], self.ids[id(target.conclusion)])
        return self.rels.get(key)


def _position(member: Member) -> tuple[int, int]:
    if member.step_of is not None:
        argument, k = member.step_of
        return (_position(argument)[0], k)
    return (member.defined if member.defined is not None else member.order, 0)


def build(doc: Document, path: str) -> tuple[ArgumentMap, LossReport]:
    """Build the map; raise :class:`LoadError` with every located problem of the document."""
    amap, loss, _ = build_traced(doc, path)
    return amap, loss


def build_traced(doc: Document, path: str) -> tuple[ArgumentMap, LossReport,
                                                    dict[str, Location]]:
    """:func:`build`, and where each node's statement or argument first occurs (its id ->
    location): what a comparison with another Argdown parser matches nodes by."""
    if doc.problems:
        raise LoadError(doc.problems)
    loss = doc.prepared.loss
    builder = _Builder(doc, Path(path).stem, loss)
    amap = builder.run()
    return amap, loss, builder.origins

