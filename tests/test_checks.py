"""Tests of argmap.checks: every rule's documented examples, and the runner."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import report, safeio
from argmap.checks import MAX_SUGGESTIONS, RULES, Settings, _quote_text, check, quote_not_found
from argmap.checks._base import MAX_SOURCE_BYTES
from argmap.checks._quote_index import TextIndex
from argmap.emit import emit
from argmap.errors import LoadError, Severity, UsageError
from argmap.loading.loader import load, load_set, loads
from argmap.model import ArgumentMap

from .helpers import finishes, write_map
from .mapgen import maps

#: Every rule, the opt-in ones included.
EVERY_RULE = Settings(select=tuple(RULES))


@pytest.mark.parametrize("rule_id", list(RULES))
def test_failing_example_triggers_rule(rule_id: str, tmp_path: Path) -> None:
    """The documentation's failing example of each rule gets a finding of that rule."""
    ex = RULES[rule_id].examples()
    path = write_map(tmp_path, "example.yaml", ex.failing, ex.files)
    codes = [p.code for p in check(load(path), EVERY_RULE).findings]
    assert rule_id in codes


@pytest.mark.parametrize("rule_id", list(RULES))
def test_passing_example_is_clean(rule_id: str, tmp_path: Path) -> None:
    """The documentation's passing example of each rule has no finding at all (of any
    rule, the opt-in ones included)."""
    ex = RULES[rule_id].examples()
    path = write_map(tmp_path, "example.yaml", ex.passing, ex.files)
    assert [str(p) for p in check(load(path), EVERY_RULE).findings] == []


def test_opt_in_rules_run_only_when_selected(tmp_path: Path) -> None:
    """An opt-in rule is left out unless selected; --ignore still drops it."""
    assert [r.id for r in RULES.values() if not r.default] == ["unanswered-critical-question"]
    ex = RULES["unanswered-critical-question"].examples()
    m = load(write_map(tmp_path, "example.yaml", ex.failing, ex.files))
    codes = {p.code for p in check(m).findings}
    assert "unanswered-critical-question" not in codes
    assert "unanswered-critical-question" in {p.code for p in check(m, EVERY_RULE).findings}
    ignored = Settings(select=tuple(RULES), ignore=("unanswered-critical-question",))
    assert "unanswered-critical-question" not in {p.code for p in check(m, ignored).findings}


def test_extend_select_adds_an_opt_in_rule_to_the_default_ones(tmp_path: Path) -> None:
    """extend-select runs the opt-in rule besides every default rule (select would replace
    them); with a select, besides the selected ones; ignore still wins."""
    ex = RULES["unanswered-critical-question"].examples()
    m = load(write_map(tmp_path, "example.yaml", ex.failing, ex.files))
    default = {p.code for p in check(m).findings}
    extended = {p.code for p in check(
        m, Settings(extend_select=("unanswered-critical-question",))).findings}
    assert default | {"unanswered-critical-question"} == extended
    extend = Settings(extend_select=("unanswered-critical-question",))
    assert all(extend.enabled(r) == (RULES[r].default or r == "unanswered-critical-question")
               for r in RULES)
    both = Settings(select=("orphan-node",), extend_select=("unanswered-critical-question",))
    assert all(both.enabled(r) == (r in {"orphan-node", "unanswered-critical-question"})
               for r in RULES)
    assert not Settings(extend_select=("orphan-node",), ignore=("orphan-node",)).enabled(
        "orphan-node")


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


@pytest.mark.parametrize("given", [Settings(select=("unsuported-claim",)),
                                   Settings(ignore=("unsuported-claim",)),
                                   Settings(rule_severity={"unsuported-claim": Severity.ERROR})])
def test_a_misspelt_rule_gets_the_closest_instead_of_the_list(given: Settings) -> None:
    """A typo in a rule id is answered with the id it is closest to, not all of them."""
    with pytest.raises(UsageError) as caught:
        check(loads(CYCLE), given)
    assert "unknown rule 'unsuported-claim'; did you mean 'unsupported-claim'?" == str(
        caught.value)


def test_rule_severity_changes_findings_and_what_the_threshold_shows() -> None:
    """A rule given another severity reports at it, and the threshold compares that one."""
    m = loads(CYCLE, "cycle.yaml")
    raised = Settings(select=("ungrounded",), severity=Severity.ERROR,
                      rule_severity={"ungrounded": Severity.ERROR})
    assert {Severity.ERROR} == {p.severity for p in check(m, raised).findings}
    lowered = Settings(select=("circular-support",), severity=Severity.WARNING,
                       rule_severity={"circular-support": Severity.INFO})
    assert () == check(m, lowered).findings


@pytest.mark.parametrize(("fail_on", "failed"), [
    (None, True), (Severity.INFO, True), (Severity.WARNING, True), (Severity.ERROR, False)])
def test_fail_on_decides_failure_apart_from_what_is_shown(fail_on: Severity | None,
                                                         failed: bool) -> None:
    """Warnings shown fail without fail-on or with fail-on up to warning, not with error."""
    result = check(loads(CYCLE, "cycle.yaml"), Settings(select=("ungrounded",),
                                                        fail_on=fail_on))
    assert ({Severity.WARNING}, failed) == ({p.severity for p in result.findings},
                                            result.failed)


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


def test_a_misspelt_acknowledgement_gets_the_closest_rule() -> None:
    """`acknowledge: {orphan-nod: ...}` is an unknown rule with the id it is closest to."""
    text = ACK.replace("no-such-rule", "orphan-nod")
    [problem] = [p for p in check(loads(text, "ack.yaml")).findings
                 if p.code == "unknown-acknowledgement"]
    assert "did you mean 'orphan-node'?" == problem.hint


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
    # The hint names the attacker, which need not be an objection.
    assert ["attack 'o', or undercut this relation (give it an id), or acknowledge it with "
            "a reason"] == [p.hint for p in result.findings]


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


# --- source texts: read only inside the tree ------------------------------------------------

QUOTING = """\
argmap: 1
title: Quoting
sources:
  - id: s
    title: S
    text: {text}
nodes:
  - id: e
    kind: evidence
    text: E.
    quote: {quote}
    source: s
    supports: [c]
  - id: c
    kind: claim
    text: C.
"""


def _quoting(folder: Path, text: str, quote: str = "not in the text") -> Path:
    return write_map(folder, "m.yaml", QUOTING.format(text=json.dumps(text), quote=quote))


def _refused(path: Path, settings: Settings | None = None) -> list[tuple[str, str, str | None]]:
    """The load problems a check of ``path`` raises, as (``path:line:col``, code, hint)."""
    mapset = load(path)
    error = finishes(lambda: check(mapset, settings))
    assert isinstance(error, LoadError), repr(error)
    return [(str(p.location), p.code, p.message) for p in error.problems]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the map's folder (and the working directory) holding a marker."""
    path = tmp_path / "secret.txt"
    path.write_text("SECRET-MARKER says something else\n", encoding="utf-8")
    return path


OUTSIDE = "leads outside the folders argmap reads source texts from (links resolved)"


@pytest.mark.parametrize("how", ["dot-dot", "absolute", "link"])
def test_a_source_text_outside_the_tree_is_a_located_load_error(
        tmp_path: Path, secret: Path, how: str) -> None:
    """``../secret.txt``, an absolute path elsewhere, or a link in the folder to a file
    elsewhere: refused at the ``text:`` value, with no word of the file (on main the
    closest passage of the file was printed)."""
    folder = tmp_path / "maps"
    text = {"dot-dot": "../secret.txt", "absolute": str(secret), "link": "link.txt"}[how]
    if how == "link":
        folder.mkdir()
        (folder / "link.txt").symlink_to(secret)
    path = _quoting(folder, text)
    assert [(f"{path}:6:11", "source-outside-tree",
             f"the text of source 's' ({text!r}): {OUTSIDE}")] == _refused(path)


def test_a_source_text_refusal_needs_no_rule_that_reads_it(tmp_path: Path, secret: Path) -> None:
    """The refusal does not depend on the rules selected: the map is refused as a whole."""
    path = _quoting(tmp_path / "maps", "../secret.txt")
    assert ["source-outside-tree"] == [code for _, code, _ in _refused(
        path, Settings(select=("orphan-node",)))]


@pytest.mark.parametrize("special", ["fifo", "device", "folder"])
def test_a_source_text_that_is_not_a_regular_file_is_refused(tmp_path: Path,
                                                             special: str) -> None:
    """A FIFO (which would block the check for ever), a device, a folder: refused, located,
    even inside the tree (/dev made part of it for the device)."""
    if special == "fifo":
        os.mkfifo(tmp_path / "pipe.txt")
        text, kind = "pipe.txt", "a named pipe (FIFO)"
    elif special == "device":
        text, kind = "/dev/null", "a device"
    else:
        (tmp_path / "sub").mkdir()
        text, kind = "sub", "a folder"
    path = _quoting(tmp_path, text)
    assert [(f"{path}:6:11", "source-not-a-file", f"the text of source 's' ({text!r}): {kind}, "
             "not a regular file; argmap reads source texts only from regular files")
            ] == _refused(path, Settings(source_roots=(Path("/dev"),)))


def test_a_source_text_over_32_mib_is_refused(tmp_path: Path) -> None:
    """A source text larger than the cap is refused by its size (a sparse file: not read)."""
    with (tmp_path / "big.txt").open("wb") as f:
        f.truncate(MAX_SOURCE_BYTES + 1)
    path = _quoting(tmp_path, "big.txt")
    assert [(f"{path}:6:11", "source-too-large", "the text of source 's' ('big.txt'): file is "
             "32.0 MiB; argmap reads source texts of at most 32 MiB")] == _refused(path)


def test_a_source_text_inside_the_tree_is_read(tmp_path: Path) -> None:
    """Beside the map, below it, by an absolute path inside, or through a link that stays
    inside: the text is read and the quote found."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("The quote is here.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "texts" / "a.txt")
    for text in ("texts/a.txt", str(tmp_path / "texts" / "a.txt"), "link.txt"):
        path = _quoting(tmp_path, text, quote="the quote is here")
        codes = [p.code for p in check(load(path)).findings]
        assert ("quote-not-found", "source-text-missing") not in codes, text


def test_the_working_directory_is_part_of_the_tree(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A map in a folder of the project may name a text elsewhere in the project."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("The quote is here.\n", encoding="utf-8")
    path = _quoting(tmp_path / "maps", "../texts/a.txt", quote="not there")
    monkeypatch.chdir(tmp_path)
    assert ["quote-not-found"] == [p.code for p in check(load("maps/m.yaml")).findings
                                   if p.code.startswith(("quote", "source"))]
    monkeypatch.chdir(tmp_path / "maps")
    assert ["source-outside-tree"] == [code for _, code, _ in _refused(path)]


def test_source_roots_widen_the_tree(tmp_path: Path, secret: Path) -> None:
    """A folder of ``source_roots`` (pyproject's ``source-roots``) holds texts too."""
    path = _quoting(tmp_path / "maps", "../secret.txt")
    findings = check(load(path), Settings(source_roots=(tmp_path,))).findings
    # The text was read: the hint quotes the closest passage of it.
    assert [("quote-not-found", "closest passage: 'ys something el'")] == [
        (p.code, p.hint) for p in findings if p.code == "quote-not-found"]


def test_a_missing_or_non_utf8_text_is_a_finding_that_says_why(tmp_path: Path) -> None:
    """The source-text-missing finding names the path and the reason, never the content."""
    (tmp_path / "latin.txt").write_bytes("SECRET-MARKER caf\xe9\n".encode("latin-1"))
    found = []
    for text in ("nope.txt", "latin.txt"):
        path = _quoting(tmp_path, text)
        found += [p.message for p in check(load(path)).findings
                  if p.code == "source-text-missing"]
    assert [f"cannot read the text of source 's': {tmp_path / 'nope.txt'}: no such file",
            f"cannot read the text of source 's': {tmp_path / 'latin.txt'}: not UTF-8 text"
            ] == found
#: The source text of the quote tests.
_TALKS = "The talks collapsed over incompatible demands.\n"


def _quotes_map(tmp_path: Path, quotes: list[str], source: str) -> Path:
    """A map of one source, ``s.txt`` holding ``source``, and a piece of evidence ``e0``,
    ``e1``... quoting it for each of ``quotes`` (written as they are: YAML)."""
    nodes = "".join(f"  - id: e{i}\n    kind: evidence\n    text: E.\n    source: s\n"
                    f"    quote: {quote}\n" for i, quote in enumerate(quotes))
    return write_map(tmp_path, "q.yaml", "argmap: 1\ntitle: Q\nsources:\n  - id: s\n"
                     f"    title: S\n    text: s.txt\nnodes:\n{nodes}", {"s.txt": source})


def test_closest_passages_stop_after_max_passages(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """Past MAX_PASSAGES quotes not found in one run, the rest are reported with a short
    hint instead of a search each (thousands of them took minutes)."""
    monkeypatch.setattr(quote_not_found, "MAX_PASSAGES", 2)
    path = _quotes_map(tmp_path, [f"the talks collapsed {i}" for i in range(3)], _TALKS)
    result = check(load(path), Settings(select=("quote-not-found",)))
    assert [p.hint for p in result.findings] == [
        "closest passage: 'The talks collapsed o'",
        "closest passage: 'The talks collapsed o'",
        "copy the quote from the source (the closest passage is shown for the first 2 "
        "quotes not found)",
    ]


@pytest.mark.parametrize(("quote", "marked"), [
    ('"\u201cThe talks collapsed over incompatible demands.\u201d"', True),
    ("\"'the talks collapsed'\"", True),
    ('"\u201cThe talks ... incompatible demands\u201d"', True),
    ('"\u201cThe talks failed\u201d"', False),
    ("The talks failed", False),
])
def test_a_quote_between_quote_marks_is_told_to_leave_them_out(
        quote: str, marked: bool, tmp_path: Path) -> None:
    """A passage of the source written between quote marks (curly or straight) is not
    found (the marks are compared as text); the hint says to leave them out, instead of
    showing a closest passage that looks the same."""
    path = _quotes_map(tmp_path, [quote], _TALKS)
    [finding] = check(load(path), Settings(select=("quote-not-found",))).findings
    told = ("leave out the quote marks around the quote: the passage without them is in "
            "the source")
    assert marked == (told == finding.hint), finding.hint


def test_quote_marks_are_looked_at_only_for_the_first_max_passages(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The search without the marks is bounded like the closest passage's: past
    MAX_PASSAGES quotes not found, the short hint."""
    monkeypatch.setattr(quote_not_found, "MAX_PASSAGES", 1)
    path = _quotes_map(tmp_path, ["'\"the talks collapsed\"'"] * 2, _TALKS)
    result = check(load(path), Settings(select=("quote-not-found",)))
    assert [True, False] == [(p.hint or "").startswith("leave out the quote marks")
                             for p in result.findings]


#: Quotes as people write them: words of the source, white space of every kind, quote
#: marks curly or straight, case changed, ellipses; cut anywhere.
def test_many_quotes_are_searched_with_an_index(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    """From INDEX_FROM quote parts on, a source text is searched with a TextIndex; the
    findings are those of str.find (here: every fifth quote changed, not found)."""
    rng = random.Random(7)
    words = _FILLER.split(" ")
    text = " ".join(rng.choice(words) for _ in range(5_000))
    quotes = []
    for i in range(300):
        start = text.index(" ", rng.randrange(len(text) - 200)) + 1
        quote = text[start:start + rng.randrange(10, 90)].strip()
        if i % 5 == 0:
            quote += " zz"
        quotes.append(json.dumps(quote))
    path = _quotes_map(tmp_path, quotes, text)
    only = Settings(select=("quote-not-found",))
    built: list[int] = []
    monkeypatch.setattr(quote_not_found, "TextIndex",
                        lambda text, parts: built.append(len(parts)) or TextIndex(text, parts))
    indexed = check(load(path), only).findings
    assert [300] == built
    monkeypatch.setattr(quote_not_found, "INDEX_FROM", 301)
    plain = check(load(path), only).findings
    assert [300] == built
    assert 60 == len(plain)
    assert plain == indexed


def test_only_the_first_unknown_acknowledgements_get_a_suggestion() -> None:
    """Each acknowledgement of an unknown rule is reported, but only MAX_SUGGESTIONS of a
    map are compared with every rule (a 32 MiB map can hold a million of them)."""
    entries = "".join(f"      orphan-node{i}: typo\n" for i in range(1000))
    text = f"argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n" \
           f"    acknowledge:\n{entries}"
    hints = [p.hint for p in check(loads(text)).findings if p.code == "unknown-acknowledgement"]
    assert (1000, MAX_SUGGESTIONS, 1000 - MAX_SUGGESTIONS) == (
        len(hints), hints.count("did you mean 'orphan-node'?"),
        hints.count(f"known rules: {', '.join(RULES)}"))


# --- provenance, tensions and schemes -------------------------------------------------------

QUOTED = """\
argmap: 1
title: Quoted links
sources:
  - id: article
    title: The article
    text: article.txt
  - id: report
    title: The report
    text: report.txt
nodes:
  - id: blame
    kind: evidence
    text: Both sides blamed each other.
    source: article
    supports:
      - to: failed
        quote: a clear signpost
      - to: failed
        quote: not in the article
        strength: 0.5
      - to: failed
        source: report
        quote: the rounds are failing
  - id: failed
    kind: claim
    text: Direct talks failed.
    source: report
tensions:
  - id: which-failed
    between: [blame, failed]
    quotes: [a clear signpost, the rounds are failing, in neither]
  - id: report-only
    between: [blame, failed]
    source: report
    quotes: [a clear signpost]
"""
FILES = {"article.txt": "Mutual blame is a clear signpost.\n",
         "report.txt": "Observers say the rounds are failing.\n"}


def test_quotes_of_relations_and_tensions_are_checked(tmp_path: Path) -> None:
    """A relation's quote is looked for in its own source, else its node's; a tension's in
    its source, else in either node's; each missing one is reported at the quote."""
    m = load(write_map(tmp_path, "q.yaml", QUOTED, FILES))
    result = check(m, Settings(select=("quote-not-found",)))
    assert [(p.location.line, p.location.col, p.message, p.hint) for p in result.findings] == [
        (19, 16, "quote of the relation 'blame' supports 'failed' not found in source "
         "'article'", "closest passage: 'ual blame is a cle'"),
        (31, 56, "quote of tension 'which-failed' not found in sources 'article' or "
         "'report'", "closest passage: 'Mutual bla'"),
        (35, 14, "quote of tension 'report-only' not found in source 'report'",
         "closest passage: 'servers say the r'"),
    ]


def test_a_check_run_keeps_no_normalized_source_text(tmp_path: Path) -> None:
    """The normalized source texts (and the tables mapping them back), cached for the
    searches of one run, are dropped when the quote rule is done: a 7 MB source's took
    26 MB for the rest of the run."""
    m = load(write_map(tmp_path, "q.yaml", QUOTED, FILES))
    result = check(m, Settings(select=("quote-not-found",)))
    assert result.findings  # closest passages were looked for: both caches were used
    assert (0, 0) == (_quote_text.normalized_source.cache_info().currsize,
                      _quote_text._origins.cache_info().currsize)


def test_the_only_source_is_the_default_of_a_relation_quote(tmp_path: Path) -> None:
    """A relation whose node cites no source is checked against the map's only source."""
    text = ("argmap: 1\ntitle: T\nsources:\n  - id: a\n    title: A\n    text: a.txt\n"
            "nodes:\n  - id: x\n    kind: evidence\n    text: X.\n    source: a\n"
            "  - id: y\n    kind: claim\n    text: Y.\n    supports:\n      - to: x\n"
            "        quote: nowhere\n")
    m = load(write_map(tmp_path, "o.yaml", text, {"a.txt": "Somewhere.\n"}))
    result = check(m, Settings(select=("quote-not-found",)))
    assert [p.message for p in result.findings] == [
        "quote of the relation 'y' supports 'x' not found in source 'a'"]


def test_inferred_support_and_source_tension_messages(tmp_path: Path) -> None:
    """The two rules' findings, as printed."""
    for rule in ("inferred-support", "source-tension"):
        ex = RULES[rule].examples()
        path = write_map(tmp_path, f"{rule}.yaml", ex.failing, ex.files)
        result = check(load(path), Settings(select=(rule,)))
        assert [str(p).split(": ", 1)[1] for p in result.findings] == [{
            "inferred-support": "warning: recommendation 'broker-talks' is supported only by the "
            "analyst's inference (by: analyst) [inferred-support]",
            "source-tension": "info: the source is in tension: 'saudi-pact' and "
            "'saudi-can-mediate' (partner-and-mediator) [source-tension]",
        }[rule]]
        assert result.findings[0].hint == {
            "inferred-support": "the source asserts it without support: cite where the source "
            "argues for it (by: source, with a quote), or acknowledge the inference",
            "source-tension": "A defence partner of one side is offered as a mediator trusted "
            "by both.",
        }[rule]


QUESTIONED = """\
argmap: 1
title: Questions
nodes:
  - id: pact
    kind: evidence
    text: A pact was signed.
    supports:
      - to: goal
        id: pact-goal
        scheme: practical-reasoning
  - id: goal
    kind: claim
    text: The goal.
  - id: other-goals
    kind: objection
    text: Other goals conflict.
    attacks:
      - to: pact
        question: cq1
  - id: other-means
    kind: objection
    text: There are other means.
    undercuts:
      - to: pact-goal
        by: analyst
        question: cq2
"""


def test_a_question_counts_as_raised_by_an_attack_on_the_premise_or_an_undercut() -> None:
    """cq1 is raised by the attack on the premise and cq2 by the undercut; the rest of the
    scheme's questions are listed with their text. Without the analyst's undercut, cq2 is
    unasked too."""
    m = loads(QUESTIONED, "q.yaml")
    selected = Settings(select=("unanswered-critical-question",))
    result = check(m, selected)
    assert [(str(p), p.hint) for p in result.findings] == [(
        "q.yaml:8:9: info: supports 'pact' -> 'goal' (Practical Reasoning): nothing raises "
        "cq3, cq4, cq5 [unanswered-critical-question]",
        "cq3: Of A and those other means, which is the best?; cq4: Is it possible to do A?; "
        "cq5: What other consequences of doing A should be taken into account? Raise each "
        "with an attack or undercut naming it (`question:`), or acknowledge the inference")]
    stated = check(m, selected, source_only=True)
    assert [p.message.rsplit(": ", 1)[1] for p in stated.findings] == [
        "nothing raises cq2, cq3, cq4, cq5"]


_KINDS = ("claim", "evidence", "recommendation", "assumption", "objection")


@st.composite
def _graphs(draw: st.DrawFn) -> tuple[list[str], list[set[int]], list[set[int]]]:
    """Kinds of up to 10 nodes, and each node's supports and attacks (by position; a node
    may support or attack itself, and support and attack one node)."""
    n = draw(st.integers(1, 10))
    kinds = draw(st.lists(st.sampled_from(_KINDS), min_size=n, max_size=n))
    targets = st.sets(st.integers(0, n - 1), max_size=3)
    supports = draw(st.lists(targets, min_size=n, max_size=n))
    attacks = draw(st.lists(targets, min_size=n, max_size=n))
    return kinds, supports, attacks


def _reach(start: set[int], edges: list[set[int]]) -> set[int]:
    """Every position reached from ``start`` along ``edges`` (``start`` included)."""
    seen = set(start)
    while True:
        more = {t for s in seen for t in edges[s]} - seen
        if not more:
            return seen
        seen |= more


def _reference(kinds: list[str], supports: list[set[int]],
               attacks: list[set[int]]) -> set[tuple[str, int]]:
    """(rule, node position) of the findings of the graph rules, by their definitions."""
    n = len(kinds)
    support_in = [{s for s in range(n) if t in supports[s]} for t in range(n)]
    attacked = {t for a in attacks for t in a}
    grounded = _reach({i for i in range(n) if kinds[i] == "evidence"}, supports)
    out: set[tuple[str, int]] = set()
    for i in range(n):
        claim = kinds[i] in ("claim", "recommendation")
        if claim and not support_in[i]:
            out.add(("unsupported-claim", i))
        if claim and support_in[i] and i not in grounded:
            out.add(("ungrounded", i))
        if i in supports[i]:
            out.add(("self-support", i))
        if supports[i] & attacks[i]:
            out.add(("supports-and-attacks", i))
        if not (supports[i] or attacks[i] or support_in[i] or i in attacked):
            out.add(("orphan-node", i))
        loop = {j for j in _reach(supports[i], supports) if i in _reach(supports[j], supports)}
        if len(loop | {i}) > 1 and i in loop and min(loop | {i}) == i:
            out.add(("circular-support", i))
        # An attack on a node that a recommendation rests on (through supports), by an
        # attacker nothing attacks.
        on_path = any(kinds[r] == "recommendation" and r in _reach({i}, supports)
                      for r in range(n))
        out.update(("unanswered-attack", a) for a in range(n)
                   if i in attacks[a] and on_path and a not in attacked)
    return out


@given(_graphs())
@settings(max_examples=150, deadline=None)
def test_graph_rules_find_what_their_definitions_say(
        graph: tuple[list[str], list[set[int]], list[set[int]]]) -> None:
    """The graph rules, each computed with shortcuts (adjacency, the nodes of each kind,
    no walk when nothing is to report), find on random graphs exactly the nodes that
    naive computations from the rules' definitions find."""
    kinds, supports, attacks = graph
    lines = ["argmap: 1", "title: Random", "sources:", "  - id: s", "    title: S", "nodes:"]
    for i, kind in enumerate(kinds):
        lines += [f"  - id: n{i}", f"    kind: {kind}", f"    text: Node {i}."]
        if kind == "evidence":
            lines.append("    source: s")
        for key, targets in (("supports", supports[i]), ("attacks", attacks[i])):
            if targets:
                lines.append(f"    {key}: [{', '.join(f'n{t}' for t in sorted(targets))}]")
    result = check(loads("\n".join(lines) + "\n", "random.yaml"))
    actual = {(p.code, int(p.node.removeprefix("random:n"))) for p in result.findings
              if p.node is not None}
    assert _reference(kinds, supports, attacks) == actual


def test_a_source_text_named_by_many_sources_is_read_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fifty sources naming one 19 MB text held fifty copies of it (1 GB; a thousand would
    have held 20 GB): a file is read once, however many sources name it and by whatever
    path (a link, a hard link); each source still gets its own findings."""
    write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nsources:\n" + "".join(
        f"  - {{id: s{i}, title: S, text: {name}}}\n"
        for i, name in enumerate(["t.txt", "./t.txt", "link.txt", "hard.txt"] * 5))
        + "nodes:\n" + "".join(
        f"  - {{id: n{i}, kind: evidence, text: t, source: s{i}, quote: {quote}}}\n"
        for i, quote in enumerate(["the text", "not there"] * 10)),
        files={"t.txt": "The text.\n"})
    (tmp_path / "link.txt").symlink_to(tmp_path / "t.txt")
    os.link(tmp_path / "t.txt", tmp_path / "hard.txt")
    reads: list[str] = []
    real = safeio.read_bytes

    def counted(path: str | Path, **kwargs: object) -> bytes:
        reads.append(str(path))
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(safeio, "read_bytes", counted)
    result = check(load(tmp_path / "m.yaml"), Settings(select=("quote-not-found",)))
    assert (1, [f"n{i}" for i in range(1, 20, 2)]) == (
        len([r for r in reads if r.endswith(".txt")]),
        [f.node.rsplit(":", 1)[-1] for f in result.findings if f.node])


def test_a_text_read_for_one_map_is_still_refused_to_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text read once for map `a` (inside its folder) is outside the tree of map `b`,
    in another folder, which names it too: `b`'s source is refused all the same."""
    monkeypatch.chdir(write_map(tmp_path / "cwd", "x.txt", "").parent)
    quoted = "nodes:\n  - {id: n, kind: evidence, text: t, source: s, quote: text}\n"
    write_map(tmp_path / "a", "a.yaml", "argmap: 1\ntitle: A\nsources:\n"
              "  - {id: s, title: S, text: t.txt}\n" + quoted, files={"t.txt": "The text.\n"})
    write_map(tmp_path / "b", "b.yaml", "argmap: 1\ntitle: B\nsources:\n"
              "  - {id: s, title: S, text: ../a/t.txt}\n" + quoted)
    error = finishes(lambda: check(load_set([tmp_path / "a", tmp_path / "b"]),
                                   Settings(select=("quote-not-found",))))
    assert isinstance(error, LoadError)
    assert [("source-outside-tree", f"{tmp_path / 'b' / 'b.yaml'}:4:29")] == [
        (p.code, str(p.location)) for p in error.problems]
