"""Tests of argmap.checks: every rule's documented examples, and the runner."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap import report
from argmap.checks import RULES, Settings, check, quote_not_found
from argmap.emit import emit
from argmap.errors import Severity, UsageError
from argmap.load import load, loads
from argmap.model import ArgumentMap

from .helpers import write_map
from .mapgen import maps


@pytest.mark.parametrize("rule_id", list(RULES))
def test_failing_example_triggers_rule(rule_id: str, tmp_path: Path) -> None:
    """The documentation's failing example of each rule gets a finding of that rule."""
    ex = RULES[rule_id].examples()
    path = write_map(tmp_path, "example.yaml", ex.failing, ex.files)
    codes = [p.code for p in check(load(path)).findings]
    assert rule_id in codes


@pytest.mark.parametrize("rule_id", list(RULES))
def test_passing_example_is_clean(rule_id: str, tmp_path: Path) -> None:
    """The documentation's passing example of each rule has no finding at all."""
    ex = RULES[rule_id].examples()
    path = write_map(tmp_path, "example.yaml", ex.passing, ex.files)
    assert [str(p) for p in check(load(path)).findings] == []


CYCLE = """\
argmap: 1
title: Cycle
nodes:
  - id: a
    kind: claim
    text: A.
    supports: [b]
  - id: b
    kind: claim
    text: B.
    supports: [c]
  - id: c
    kind: claim
    text: C.
    supports: [a]
"""


def test_circular_support_reports_loop_once_at_first_node() -> None:
    """A three-node loop is one finding, at the first node, with the loop spelled out."""
    result = check(loads(CYCLE, "cycle.yaml"), Settings(select=("circular-support",)))
    assert [str(p) for p in result.findings] == [
        "cycle.yaml:4:9: error: circular support: a -> b -> c -> a [circular-support]"
    ]


def test_select_and_ignore() -> None:
    """--select keeps only the named rules; --ignore drops them."""
    m = loads(CYCLE, "cycle.yaml")
    assert {p.code for p in check(m, Settings(select=("ungrounded",))).findings} == {
        "ungrounded"}
    assert "ungrounded" not in {
        p.code for p in check(m, Settings(ignore=("ungrounded",))).findings}


def test_severity_threshold_drops_lower_findings() -> None:
    """With threshold error, warnings are neither reported nor failing."""
    m = loads(CYCLE, "cycle.yaml")
    result = check(m, Settings(severity=Severity.ERROR))
    assert {p.severity for p in result.findings} == {Severity.ERROR}


def test_unknown_rule_is_usage_error() -> None:
    """An unknown rule id names the known ones."""
    with pytest.raises(UsageError, match="unknown rule 'nope'; known rules: unsupported-claim"):
        check(loads(CYCLE), Settings(select=("nope",)))


ACK = """\
argmap: 1
title: Acknowledged
nodes:
  - id: thesis
    kind: claim
    text: A bare thesis.
    acknowledge:
      unsupported-claim: The article asserts it; we map it as written.
      orphan-node: It stands alone on purpose.
  - id: other
    kind: claim
    text: Another.
    acknowledge:
      self-support: no such finding here
      no-such-rule: typo
"""


def test_acknowledge_suppresses_with_reason_and_flags_misuse() -> None:
    """Acknowledged findings move aside with their reason; unknown or unused ones are reported."""
    result = check(loads(ACK, "ack.yaml"))
    assert [(p.code, reason) for p, reason in result.acknowledged] == [
        ("orphan-node", "It stands alone on purpose."),
        ("unsupported-claim", "The article asserts it; we map it as written."),
    ]
    assert [str(p) for p in result.findings] == [
        "ack.yaml:10:9: warning: claim 'other' is not connected to the argument [orphan-node]",
        "ack.yaml:10:9: warning: claim 'other' has no support [unsupported-claim]",
        "ack.yaml:14:7: warning: 'other' acknowledges 'self-support' but the rule finds "
        "nothing here [unused-acknowledgement]",
        "ack.yaml:15:7: error: 'other' acknowledges unknown rule 'no-such-rule' "
        "[unknown-acknowledgement]",
    ]


def test_every_rule_documented() -> None:
    """Each rule has a one-line summary ending in a period and a default severity."""
    for rule in RULES.values():
        assert rule.summary.endswith("."), rule.id
        assert isinstance(rule.severity, Severity)


UNDERCUT = """\
argmap: 1
title: Undercut
sources:
  - id: s
    title: S
nodes:
  - id: e
    kind: evidence
    text: E.
    source: s
    supports:
      - to: r
        id: e-for-r
  - id: r
    kind: recommendation
    text: R.
  - id: o
    kind: objection
    text: O.
    undercuts: [e-for-r]
"""


def test_unanswered_undercut_on_support_path() -> None:
    """An undercut of a recommendation's support that nothing answers is reported there."""
    result = check(loads(UNDERCUT, "u.yaml"), Settings(select=("unanswered-attack",)))
    assert [str(p) for p in result.findings] == [
        "u.yaml:20:17: warning: objection 'o' undercuts a support of 'r' and nothing answers "
        "it [unanswered-attack]"
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_any_valid_map_checks_without_crashing(amap: ArgumentMap) -> None:
    """Every rule runs on any valid map (every feature of the format, odd texts and
    acknowledgements of unknown rules included); findings are located inside the file,
    sorted, and the same on a second run; every report format renders them."""
    text = emit(amap)
    result = check(loads(text, "m.yaml"))
    lines = text.count("\n") + 1
    assert all(1 <= p.location.line <= lines for p in result.findings)
    assert [p.sort_key() for p in result.findings] == sorted(
        p.sort_key() for p in result.findings)
    assert check(loads(text, "m.yaml")).findings == result.findings
    rep = report.Report.from_result(result)
    assert json.loads(report.json_report(rep))["summary"]["findings"] == len(result.findings)
    assert len(json.loads(report.sarif(rep))["runs"][0]["results"]) == (
        len(result.findings) + len(result.acknowledged))
    assert report.github(rep).count("\n") == len(result.findings)
    assert isinstance(report.text(rep, color=False), str)


_FILLER = ("the border talks failed because pressure on trade and security did not move the "
           "government in kabul toward any of the demands")


def test_closest_passage_in_a_long_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a source longer than the whole-text search allows, a quote with a changed word
    still gets the closest passage the whole-text search gives (found in a fraction of
    the time: the search runs only where the quote's pieces point)."""
    rng = random.Random(5)
    words = _FILLER.split(" ")
    text = " ".join(rng.choice(words) for _ in range(12_000))
    passage = ("Islamabad's negotiators insisted that verifiable counter-terrorism action "
               "must precede any reopening of the crossings at Torkham and Chaman")
    text = text[:40_000] + " " + passage + " " + text[40_000:]
    assert len(text) > 2 * quote_not_found._WHOLE
    quote = passage.replace("verifiable", "credible")
    assert not quote_not_found.find_quote(quote, text)
    found = quote_not_found.closest_passage(quote, text)
    assert "negotiators insisted that verifiable counter-terrorism" in found
    assert quote_not_found.closest_passage("zzqx zzqx zzqx", text) == ""  # nothing alike
    monkeypatch.setattr(quote_not_found, "_WHOLE", len(text))
    assert quote_not_found.closest_passage(quote, text) == found
