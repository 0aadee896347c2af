"""Hypothesis strategies for valid argument maps (shared by the round-trip tests).

The maps are valid by construction: unique ids, relations to existing nodes,
undercuts of existing relation ids, sources that exist. Texts mix ordinary
prose with values that trip up YAML, Argdown, JSON and XML writers.
"""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st

from argmap.emit import scalar
from argmap.model import ArgumentMap, NodeKind
from argmap.records import title_problem
from argmap.schemes import SCHEMES

#: Texts that a naive writer gets wrong somewhere.
TRICKY = [
    "yes", "no", "on", "off", "~", "null", "1:20", "0755", "1.10", "1e5", ".inf", "- x",
    "? x", ": x", "# not a comment", "a: b", "key:", "[a, b]", "{a: b}", "'quoted'",
    '"double"', "a #b", " leading space", "trailing space ", "two\nlines", "tab\there",
    "ends with a newline\n", "line\u2028separator", "…", "اردو میں متن", "x" * 150,
    "@[mention] and @<mention>", "<argument>", "[Title]: not a title", "back\\slash",
    "http://example.org/a//b", "C# // not a comment", "/* not */ a comment",
    "<!-- not a comment -->", "{not: data}", "#tag at the start", "(1) not a premise",
    "----", "+ not a relation", "-> not either", "===", "2026-11-26", "&amp; <b>",
    "control \x07 bell", "\u202eright-to-left override", "a  double  space",
]
#: Text Argdown reads as formatting or shortcodes unless a writer escapes it (issue #15).
ARGDOWN_HOSTILE = [
    "snake_case_name", "a **b c", "/* b */", "*x", "_y_", "**bold**", "a*b_c*", ".A. x .E. y",
    ":+1: agreed", "x.y.A.z", ".A..E.", "e.g. 10:30:00", "\\.A.", ".v_. .[]. .<->.",
    "2 * 3 = 6", "__init__", "~~strike~~", "`code`", "title: ===", "a === b",
]
_WORDS = st.sampled_from(["the", "talks", "failed", "because", "coercion", "does", "not",
                          "work", "and", "diplomacy", "might", "—", "«quoted»", "3.5%"])
_PROSE = st.lists(_WORDS, min_size=1, max_size=40).map(" ".join)
TEXT = st.one_of(_PROSE, st.sampled_from(TRICKY),
                 st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                         max_size=40))
IDS = st.one_of(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,14}", fullmatch=True),
                st.sampled_from(["yes", "no", "1", "0755", "1.10", "null", "x.y", "a-b",
                                 "True", "e5"]))
TAGS = st.one_of(st.sampled_from(["argument", "economy", "pro", "con", "with space",
                                  "a|b", "x)y", "#hash", "ünï"]), TEXT)
#: Ids and tags that need no quotes anywhere (for tests of the plain subset).
PLAIN_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,14}", fullmatch=True).filter(
    lambda s: scalar(s) == s)
SCORES = st.floats(0, 1, allow_nan=False)
#: A score or an interval of scores [low, high].
SCORE_RANGES = st.one_of(SCORES, st.tuples(SCORES, SCORES).map(lambda t: (min(t), max(t))))
DATES = st.sampled_from(["2026", "2026-11", "2026-11-26", "1999-01-01"])


def _is_title(text: str) -> bool:
    return title_problem(text) is None


# The strategies a map is drawn from are built once for each set of arguments, not anew
# at each draw: building one (a filter's predicate is read with `ast`, a label computed)
# cost more than drawing from it. The same strategies draw the same maps.
@functools.cache
def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@functools.cache
def _one_of(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """``st.sampled_from(values)``, built once for each tuple of values."""
    return st.sampled_from(values)


@functools.cache
def _titles(text: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return _optional(text.filter(_is_title))


@functools.cache
def _sections(text: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return _optional(st.one_of(st.sampled_from(["VII", "VIII.A", "Intro"]), text))


@functools.cache
def _acknowledgements(keys: st.SearchStrategy[str], text: st.SearchStrategy[str],
                      ) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.one_of(st.sampled_from(["unsupported-claim", "ungrounded"]),
                                     keys), text, max_size=2)


@functools.cache
def _some(values: tuple[str, ...], most: int) -> st.SearchStrategy[list[str]]:
    """Lists of at most ``most`` distinct ``values``."""
    return st.lists(st.sampled_from(values), max_size=most, unique=True)


@functools.cache
def _provenances(text: st.SearchStrategy[str], source_ids: tuple[str, ...],
                 questions: bool) -> st.SearchStrategy[dict[str, Any]]:
    return _provenance(text, list(source_ids), questions=questions)


_KINDS = st.sampled_from(list(NodeKind))
_URLS = st.sampled_from(["https://example.org/a?b=c", "http://x.org"])
_TEXT_FILES = st.sampled_from(["sources/a.txt", "b.txt"])
_CHECK = st.fixed_dictionaries({
    "select": _optional(st.lists(st.sampled_from(["ungrounded", "orphan-node"]))),
    "ignore": st.lists(st.sampled_from(["self-support"])),
    "severity": _optional(st.sampled_from(["info", "warning", "error"]))})


@st.composite
def maps(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT,
         ids: st.SearchStrategy[str] = IDS, tags: st.SearchStrategy[str] = TAGS,
         keys: st.SearchStrategy[str] = TEXT, max_nodes: int = 7,
         provenance: bool = True, intervals: bool = False) -> ArgumentMap:
    """A valid map of up to ``max_nodes`` nodes using every feature of the format
    (``provenance=False``: without relations' provenance, schemes and tensions;
    ``intervals``: with interval strengths and confidences too)."""
    scores = SCORE_RANGES if intervals else SCORES
    node_ids = draw(st.lists(ids, max_size=max_nodes, unique=True))
    source_ids = draw(st.lists(ids, max_size=2, unique=True))
    sources = [{"id": s, "title": draw(text), "author": draw(_optional(text)),
                "date": draw(_optional(DATES)),
                "url": draw(_optional(_URLS)), "text": draw(_optional(_TEXT_FILES)),
                "note": draw(_optional(text))} for s in source_ids]
    prefix = draw(ids)
    rel_ids = iter(f"{prefix}-{i}" for i in range(1000))
    given: list[str] = []
    nodes: list[dict[str, Any]] = []
    for nid in node_ids:
        node: dict[str, Any] = {
            "id": nid, "kind": draw(_KINDS).value,
            "text": draw(text), "title": draw(_titles(text)),
            "quote": draw(_optional(text)),
            "source": draw(_optional(_one_of(tuple(source_ids)))) if source_ids else None,
            "locator": draw(_optional(text)), "section": draw(_sections(text)),
            "tags": draw(st.lists(tags, max_size=3, unique=True)),
            "confidence": draw(_optional(scores)), "note": draw(_optional(text)),
            "acknowledge": draw(_acknowledgements(keys, text)),
        }
        for kind in ("supports", "attacks"):
            targets = draw(_some(tuple(node_ids), 3))
            rels = []
            for to in targets:
                rel: dict[str, Any] = {"to": to}
                if draw(st.booleans()):
                    rel["id"] = next(rel_ids)
                    given.append(rel["id"])
                rel["strength"] = draw(_optional(scores))
                rel["note"] = draw(_optional(text))
                if provenance:
                    rel.update(draw(_provenances(text, tuple(source_ids), kind == "attacks")))
                rels.append(rel)
            node[kind] = rels
        nodes.append(node)
    if given:
        for node in nodes:
            targets = draw(_some(tuple(given), 2))
            node["undercuts"] = [{"to": t, "id": next(rel_ids) if draw(st.booleans()) else None,
                                  **(draw(_provenances(text, tuple(source_ids), True))
                                     if provenance else {})}
                                 for t in targets]
    _keep_valid_questions(nodes)
    tensions = []
    if provenance and len(node_ids) >= 2:
        for tid in draw(st.lists(ids, max_size=2, unique=True)):
            tensions.append({
                "id": tid, "between": draw(st.lists(st.sampled_from(node_ids), min_size=2,
                                                    max_size=2, unique=True)),
                "source": draw(_optional(st.sampled_from(source_ids))) if source_ids else None,
                "note": draw(_optional(text)), "quotes": draw(st.lists(text, max_size=2))})
    meta = {"title": draw(text), "question": draw(_optional(text)),
            "thesis": draw(_optional(text)),
            "authors": draw(st.lists(text, max_size=2)), "date": draw(_optional(DATES)),
            "description": draw(_optional(text))}
    check = draw(_optional(_CHECK))
    return ArgumentMap.model_validate({**meta, "argmap": 1, "sources": sources,
                                       "nodes": nodes, "check": check, "tensions": tensions})


def _keep_valid_questions(nodes: list[dict[str, Any]]) -> None:
    """Drop each ``question`` the scheme it refers to lacks (so that the map stays valid):
    an undercut's refers to the undercut relation's scheme, an attack's to the schemes of
    the relations its target starts."""
    by_id = {r["id"]: r for n in nodes for kind in ("supports", "attacks")
             for r in n.get(kind, ()) if r.get("id")}
    out = {n["id"]: [r for kind in ("supports", "attacks", "undercuts")
                     for r in n.get(kind, ())] for n in nodes}
    for n in nodes:
        for kind in ("attacks", "undercuts"):
            for r in n.get(kind, ()):
                if "question" not in r:
                    continue
                targets = [by_id[r["to"]]] if kind == "undercuts" else out[r["to"]]
                if not any(SCHEMES[t["scheme"]].question(r["question"]) for t in targets
                           if t.get("scheme")):
                    del r["question"]


@st.composite
def _provenance(draw: st.DrawFn, text: st.SearchStrategy[str], source_ids: list[str], *,
                questions: bool) -> dict[str, Any]:
    """The keys of a relation that say who draws it and how: ``by``, and with ``by:
    source`` a ``quote`` and ``source``; a ``scheme``; a ``question`` for attacks and
    undercuts. Keys are left out as often as given (the format's defaults)."""
    out: dict[str, Any] = {}
    by = draw(st.sampled_from([None, "source", "analyst"]))
    if by is not None:
        out["by"] = by
    if by != "analyst":
        if draw(st.booleans()):
            out["quote"] = draw(text)
        if source_ids and draw(st.booleans()):
            out["source"] = draw(st.sampled_from(source_ids))
    if draw(st.booleans()):
        out["scheme"] = draw(st.sampled_from(list(SCHEMES)))
    if questions and draw(st.booleans()):
        out["question"] = draw(st.sampled_from(["cq1", "cq2", "cq10"]))
    return out
