"""Tests of argmap.provenance: the argument the sources make without the analyst's relations,
and how `check --source-only` uses it."""

from __future__ import annotations

from pathlib import Path

from argmap.checks import Settings, check
from argmap.graph import build
from argmap.loading.loader import load, loads
from argmap.provenance import has_inferences, source_only
from argmap.records import Provenance, RelationKind

from .helpers import FLAGSHIP_REL, write_map

MAP = """\
argmap: 1
title: Provenance
sources:
  - id: article
    title: The article
    text: article.txt
nodes:
  - id: blame
    kind: evidence
    text: Both sides blamed each other.
    source: article
    supports:
      - to: failed
        id: blame-failed
        quote: is a clear signpost
        scheme: sign
  - id: failed
    kind: claim
    text: Direct talks failed.
    supports:
      - to: broker
        id: failed-broker
        by: analyst
  - id: broker
    kind: recommendation
    text: Broker the talks.
  - id: premise
    kind: assumption
    text: Brokers can succeed.
    supports:
      - to: broker
        by: analyst
  - id: routine
    kind: objection
    text: Blame is routine.
    undercuts:
      - to: blame-failed
        id: routine-undercut
        by: analyst
        question: cq1
      - to: failed-broker
  - id: reply
    kind: evidence
    text: This time nobody was blamed before the talks.
    source: article
    undercuts: [routine-undercut]
    attacks: [routine]
"""
ARTICLE = "Mutual blame is a clear signpost: direct confrontation has failed.\n"


def test_source_only_drops_the_analyst_and_what_undercuts_it() -> None:
    """The analyst's relations go, and so do undercuts of them (and of those undercuts);
    the rest keep their order, their key paths, and the adjacency is rebuilt."""
    g = build(loads(MAP, "p.yaml"))
    stated = source_only(g)
    assert [(e.number, e.kind, e.source, e.target, e.keypath) for e in stated.edges] == [
        (0, RelationKind.SUPPORTS, "p:blame", "p:failed", ("nodes", 0, "supports", 0)),
        (1, RelationKind.ATTACKS, "p:reply", "p:routine", ("nodes", 5, "attacks", 0)),
    ]
    assert all(e.relation.by is Provenance.SOURCE for e in stated.edges)
    assert (stated.support_in, stated.support_out, stated.attack_in, stated.undercut_by) == (
        {"p:failed": ["p:blame"]}, {"p:blame": ["p:failed"]}, {"p:routine": ["p:reply"]}, {})
    assert stated.nodes is g.nodes
    assert len(g.edges) == 7


def test_undercuts_keep_pointing_at_their_renumbered_relation() -> None:
    """An undercut that stays points at the new number of the relation it undercuts."""
    text = MAP.replace("        id: failed-broker\n        by: analyst\n",
                       "        id: failed-broker\n")
    stated = source_only(build(loads(text, "p.yaml")))
    undercut = next(e for e in stated.edges if e.kind is RelationKind.UNDERCUTS)
    assert stated.edges[undercut.target_edge or 0].relation.id == "failed-broker"
    assert stated.undercut_by == {undercut.target_edge: [undercut.number]}


def test_a_map_without_inferences_is_its_own_source_only_view() -> None:
    """Nothing to leave out: the same graph, not a copy."""
    g = build(loads(MAP.replace("        by: analyst\n", ""), "p.yaml"))
    assert not has_inferences(g)
    assert source_only(g) is g


def test_the_flagship_without_the_analyst() -> None:
    """The flagship's 60 inferences go; its 50 stated relations stay."""
    g = build(load(FLAGSHIP_REL))
    assert (len(g.edges), len(source_only(g).edges)) == (110, 50)


def test_check_source_only_reports_what_the_source_leaves_unsupported(tmp_path: Path) -> None:
    """With every relation the recommendation's support is the analyst's (inferred-support);
    with the sources' alone it has none (unsupported-claim). Nodes only the analyst
    connects are no orphans in either run."""
    m = load(write_map(tmp_path, "p.yaml", MAP, {"article.txt": ARTICLE}))
    everything = check(m, Settings(ignore=("source-tension",)))
    stated = check(m, Settings(ignore=("source-tension",)), source_only=True)
    assert [(p.code, p.node) for p in everything.findings] == [
        ("inferred-support", "p:broker")]
    assert [(p.code, p.node) for p in stated.findings] == [("unsupported-claim", "p:broker")]
    assert (everything.source_only, stated.source_only) == (False, True)


def test_an_acknowledgement_used_in_either_run_is_not_unused(tmp_path: Path) -> None:
    """Acknowledging the source-only finding does not make the other run call it unused
    (nor the reverse); an acknowledgement neither run uses is reported in both."""
    text = MAP.replace("    text: Broker the talks.\n", "    text: Broker the talks.\n"
                       "    acknowledge:\n      unsupported-claim: asserted by the article\n"
                       "      inferred-support: our reading\n      self-support: nothing\n")
    m = load(write_map(tmp_path, "p.yaml", text, {"article.txt": ARTICLE}))
    for stated in (False, True):
        result = check(m, Settings(ignore=("source-tension",)), source_only=stated)
        assert [(p.code, p.message) for p in result.findings] == [
            ("unused-acknowledgement",
             "'broker' acknowledges 'self-support' but the rule finds nothing here")]
        assert [p.code for p, _ in result.acknowledged] == [
            "unsupported-claim" if stated else "inferred-support"]
