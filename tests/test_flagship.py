"""The flagship map, arguments/pakistan-afghanistan.yaml, as a real analyst would run it.

The map was re-encoded by a sceptical close reading of the article (issue #11): every
relation says whether the article draws it (`by: source`, with the passage) or the
analyst infers it (`by: analyst`). These tests pin what `argmap check` reports with and
without the analyst's relations.
"""

from __future__ import annotations

from collections import Counter

from argmap.checks import check
from argmap.checks.quote_not_found import find_quote
from argmap.loading.loader import load
from argmap.model import NodeKind
from argmap.records import Provenance, RelationKind

from .helpers import FLAGSHIP_REL as FLAGSHIP

#: The claims (and the one recommendation, which the article only puts to readers as a
#: question) the article asserts without support, in reading order (the review's list).
ASSERTED = [
    "citizens-face-inflation-and-uncertainty", "mediators-need-trust-of-both-sides",
    "quiet-prevention-less-costly", "crisis-from-outdated-blueprint",
    "taliban-rigid-and-independent", "force-cannot-secure-opposed-neighbor",
    "war-guarantees-frontier-instability", "security-environment-partly-self-made",
    "realism-not-surrender", "taliban-will-not-overhaul-ideology", "stability-beyond-zero-sum",
    "strikes-fuel-afghan-national-affront", "strikes-risk-ethnic-alienation", "ceasefire-fragile",
    "prioritize-domestic-consensus-and-border-protocols",
]
#: Of those, the ones the analyst's relations support (so a full check calls them
#: inferred-support rather than unsupported-claim).
INFERRED = ["crisis-from-outdated-blueprint", "force-cannot-secure-opposed-neighbor",
            "war-guarantees-frontier-instability", "taliban-will-not-overhaul-ideology",
            "prioritize-domestic-consensus-and-border-protocols"]
TENSIONS = [(1451, "mediators-named-differently"), (1469, "istanbul-mediated-yet-direct"),
            (1489, "saudi-partner-and-neutral-mediator")]


def _findings(source_only: bool) -> list[tuple[int, str, str]]:
    result = check(load(FLAGSHIP), source_only=source_only)
    assert [(p.location.line, p.code, p.node, reason.split(":")[0])
            for p, reason in result.acknowledged] == [
        (715, "orphan-node", "pakistan-afghanistan:recent-strike-retaliation-cycle",
         "Kept for completeness")]
    assert all(p.location.path == FLAGSHIP for p in result.findings)
    return [(p.location.line, p.code, (p.node or "").removeprefix("pakistan-afghanistan:"))
            for p in result.findings]


def test_source_only_lists_exactly_what_the_article_asserts_without_support() -> None:
    """With only the article's own links, the nodes without support are exactly the 15 the
    close reading found; nothing the article supports is among them."""
    found = _findings(source_only=True)
    assert ASSERTED == [node for _, code, node in found if code == "unsupported-claim"]
    assert found == [
        (72, "ungrounded", "diplomatic-gains-cannot-underwrite-war"),
        (203, "ungrounded", "victories-lack-economic-leverage"),
        (251, "unsupported-claim", "citizens-face-inflation-and-uncertainty"),
        (295, "ungrounded", "policy-wins-bring-no-relief"),
        (324, "ungrounded", "foreign-policy-ledger-unbalanced"),
        (532, "unsupported-claim", "mediators-need-trust-of-both-sides"),
        (735, "unsupported-claim", "quiet-prevention-less-costly"),
        (785, "unsupported-claim", "crisis-from-outdated-blueprint"),
        (852, "unsupported-claim", "taliban-rigid-and-independent"),
        (878, "ungrounded", "strategic-depth-unattainable-by-coercion"),
        (929, "unsupported-claim", "force-cannot-secure-opposed-neighbor"),
        (973, "unsupported-claim", "war-guarantees-frontier-instability"),
        (1007, "unsupported-claim", "security-environment-partly-self-made"),
        (1035, "ungrounded", "shelve-old-playbook"),
        (1053, "ungrounded", "old-playbook-is-liability"),
        (1072, "ungrounded", "paradigm-shift-coercion-to-coexistence"),
        (1152, "unsupported-claim", "realism-not-surrender"),
        (1185, "unsupported-claim", "taliban-will-not-overhaul-ideology"),
        (1238, "unsupported-claim", "stability-beyond-zero-sum"),
        (1267, "ungrounded", "institutionalize-border-and-ct-cooperation"),
        (1301, "ungrounded", "strategic-patience-functional-coexistence"),
        (1321, "ungrounded", "negotiate-with-actual-neighbor"),
        (1337, "unsupported-claim", "strikes-fuel-afghan-national-affront"),
        (1359, "unsupported-claim", "strikes-risk-ethnic-alienation"),
        (1382, "unsupported-claim", "ceasefire-fragile"),
        (1421, "unanswered-attack", "more-international-declarations"),
        (1429, "unsupported-claim", "prioritize-domestic-consensus-and-border-protocols"),
        *((line, "source-tension", "") for line, _ in TENSIONS),
    ]


def test_full_check_tells_asserted_from_inferred() -> None:
    """With every relation, the same 15 are reported: 10 with no support at all and 5 that
    only the analyst's inference supports; the three tensions are reported too."""
    found = _findings(source_only=False)
    assert [n for n in ASSERTED if n not in INFERRED] == [
        node for _, code, node in found if code == "unsupported-claim"]
    assert INFERRED == [node for _, code, node in found if code == "inferred-support"]
    assert Counter(code for _, code, _ in found) == {
        "unsupported-claim": 10, "inferred-support": 5, "ungrounded": 8, "source-tension": 3}
    assert [line for line, code, _ in found if code == "source-tension"] == [
        line for line, _ in TENSIONS]


def test_flagship_relations_say_who_draws_them() -> None:
    """50 relations the article draws, each with its passage (and a scheme, or for an
    undercut the critical question it raises), and 60 the analyst infers, with neither."""
    m = load(FLAGSHIP).map
    relations = [(kind, rel) for n in m.nodes for kind, rel in n.relations()]
    stated = [(k, r) for k, r in relations if r.by is Provenance.SOURCE]
    inferred = [r for _, r in relations if r.by is Provenance.ANALYST]
    assert (len(relations), len(stated), len(inferred)) == (110, 50, 60)
    assert all(r.quote for _, r in stated)
    assert all(r.scheme or (k is RelationKind.UNDERCUTS and r.question) for k, r in stated)
    assert not any(r.quote or r.scheme or r.source for r in inferred)
    assert [t.id for t in m.tensions] == [name for _, name in TENSIONS]


def test_flagship_covers_every_kind_and_key_evidence() -> None:
    """Every node kind is used, and the evidence the article cites is in the map."""
    m = load(FLAGSHIP).model
    kinds = {n.kind for n in m.nodes}
    assert kinds == set(NodeKind)
    ids = {n.id for n in m.nodes}
    for expected in ("istanbul-talks-collapsed", "saudi-defence-pact", "us-relations-normalized",
                     "citizens-face-inflation-and-uncertainty", "pivot-pressure-to-persuasion",
                     "empower-neutral-facilitators", "focus-on-reciprocity",
                     "shelve-old-playbook", "accept-taliban-as-de-facto-government",
                     "institutionalize-border-and-ct-cooperation"):
        assert expected in ids


def test_flagship_quotes_are_verbatim() -> None:
    """Every quote (of nodes, relations and tensions) is found in the article's text, and
    none carries page boilerplate."""
    m = load(FLAGSHIP)
    text = (m.directory / "sources" / "pakistan-afghanistan.txt").read_text(encoding="utf-8")
    quotes = [n.quote for n in m.map.nodes if n.quote]
    quotes += [r.quote for n in m.map.nodes for _, r in n.relations() if r.quote]
    quotes += [q for t in m.map.tensions for q in t.quotes]
    assert len(quotes) >= 100
    for q in quotes:
        assert find_quote(q, text), q
        assert "Find out more" not in q
        assert "Leave a Reply" not in q


# The reviewer tutorial's commands, their outputs and exit codes are run in order, with
# its configuration files, by tests/test_docs.py (test_reviewer_tutorial_runs_as_written).
