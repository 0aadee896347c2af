"""The flagship map, arguments/pakistan-afghanistan.yaml, as a real analyst would run it."""

from __future__ import annotations

from argmap.checks import check
from argmap.checks.quote_not_found import find_quote
from argmap.load import load
from argmap.model import NodeKind

from .helpers import FLAGSHIP_REL as FLAGSHIP


def test_flagship_findings_are_exactly_the_unsupported_assertions() -> None:
    """The article asserts four claims without support; check reports exactly those."""
    result = check(load(FLAGSHIP))
    assert [str(p) for p in result.findings] == [
        "arguments/pakistan-afghanistan.yaml:338:9: warning: claim "
        "'mediators-need-trust-of-both-sides' has no support [unsupported-claim]",
        "arguments/pakistan-afghanistan.yaml:693:9: warning: claim "
        "'security-environment-partly-self-made' has no support [unsupported-claim]",
        "arguments/pakistan-afghanistan.yaml:773:9: warning: claim "
        "'realism-not-surrender' has no support [unsupported-claim]",
        "arguments/pakistan-afghanistan.yaml:834:9: warning: claim "
        "'stability-beyond-zero-sum' has no support [unsupported-claim]",
    ]
    assert result.acknowledged == ()


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
    """Every quote is found in the article's text, and none carries page boilerplate."""
    m = load(FLAGSHIP)
    text = (m.directory / "sources" / "pakistan-afghanistan.txt").read_text(encoding="utf-8")
    quotes = [n.quote for n in m.map.nodes if n.quote]
    assert len(quotes) >= 40
    for q in quotes:
        assert find_quote(q, text), q
        assert "Find out more" not in q
        assert "Leave a Reply" not in q
