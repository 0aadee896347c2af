"""Tests of argmap.checks.text_cut_by_comment: prose values cut short by a YAML comment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.checks import Settings, check
from argmap.cli import app
from argmap.errors import LoadError, Problem
from argmap.loading import _fastyaml
from argmap.loading.loader import load, loads

from .helpers import ROOT, write_map

ONLY = Settings(select=("text-cut-by-comment",))

HEAD = """\
argmap: 1
title: Cut
sources:
  - id: cable
    title: The cable
nodes:
"""


@pytest.fixture(params=["fast", "composer"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs on the fast scanner's document and on the reference composer's
    (the scanner made to hand every file over): both must give the same findings."""
    if request.param == "composer":
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            raise _fastyaml.Unsupported
        monkeypatch.setattr(_fastyaml, "scan", refuse)
    return str(request.param)


def findings(text: str) -> list[Problem]:
    """The rule's findings on the map ``text``."""
    return list(check(loads(text, "m.yaml"), ONLY).findings)


def node(text_line: str, *more: str) -> str:
    """A map of one claim whose text is written as ``text_line`` (and ``more`` lines)."""
    return HEAD + "  - id: c\n    kind: claim\n" + "\n".join((text_line, *more)) + "\n"


@pytest.mark.usefixtures("parser")
def test_a_text_cut_by_a_comment_is_located_at_the_hash_with_the_quoted_value() -> None:
    """`text: Pakistan is the US #1 ally` is reported at the `#`, the dropped words in the
    message, the whole line's value in double quotes in the hint."""
    [p] = findings(node("    text: Pakistan is the US #1 ally in the region"))
    assert ("m.yaml:9:30: warning: the text of 'c' stops at a YAML comment: '#1 ally in the "
            "region' is left out [text-cut-by-comment]") == str(p)
    assert ('put the value in quotes to keep the rest of the line: text: "Pakistan is the US #1 '
            'ally in the region" (or put a comment meant as one on a line of its own)') == p.hint
    assert "m:c" == p.node


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("lines", [
    ["    text: The talks collapsed.", "    # a comment on a line of its own"],
    ["    text: \"Pakistan is the US #1 ally\"  # quoted, then a comment"],
    ["    text: 'Pakistan is the US #1 ally'"],
    ["    text: |", "      Pakistan is the US #1 ally"],
    ["    text: >-", "      Pakistan is the US", "      #1 ally  # still text"],
    ["    text: C# and F# are languages"],
    ["    text: Fine.", "    confidence: 0.4  # how sure"],
    ["    text: Fine.", "    tags: [a, b]  # labels", "    section: Intro  # a section"],
    ["    text: The talks", "      collapsed", "      # a comment on a line of its own"],
], ids=["own-line", "double-quoted", "single-quoted", "literal", "folded", "no-blank",
        "number", "other-keys", "own-line-after-lines"])
def test_what_is_not_a_cut(lines: list[str]) -> None:
    """A comment on its own line, a quoted or block value, `#` without a blank before
    it, and comments after keys that are not prose are not findings."""
    assert [] == findings(node(*lines))


@pytest.mark.usefixtures("parser")
def test_a_plain_value_over_several_lines_cut_on_its_last() -> None:
    """A plain text going on over lines (and a blank line) is read as YAML folds it: the
    comment on its last line is found there, and the hint holds the folded value."""
    [p] = findings(node("    text: The talks", "      in Istanbul", "", "      collapsed  # twice"))
    assert (12, 18) == (p.location.line, p.location.col)
    assert 'text: "The talks in Istanbul\\ncollapsed # twice"' in (p.hint or "")


MANY = """\
argmap: 1
title: The map #1
question: Who mediates #2
thesis: Qatar #3
description: A map #4
sources:
  - id: cable
    title: The cable #5
    note: A note #6
nodes:
  - id: e
    kind: evidence
    text: Aid rose #7
    title: Aid #8
    quote: aid rose #9
    note: seen #10
    source: cable
    supports:
      - to: c
        quote: it follows #11
        note: says so #12
  - id: c
    kind: claim
    text: "Quoted #no"
    attacks:
      - to: e
        id: c-e
        by: analyst
tensions:
  - id: t
    between: [e, c]
    note: odd #13
    quotes:
      - one #14
      - "two #no"
"""


@pytest.mark.usefixtures("parser")
def test_every_prose_key_is_looked_at() -> None:
    """The map's, sources', nodes', relations' and tensions' prose values are reported,
    each named in the message."""
    got = [(p.location.line, p.message.split(" stops")[0]) for p in findings(MANY)]
    assert [(2, "the title of the map"), (3, "the question of the map"),
            (4, "the thesis of the map"), (5, "the description of the map"),
            (8, "the title of source 'cable'"), (9, "the note of source 'cable'"),
            (13, "the text of 'e'"), (14, "the title of 'e'"), (15, "the quote of 'e'"),
            (16, "the note of 'e'"), (20, "the quote of the relation 'e' supports 'c'"),
            (21, "the note of the relation 'e' supports 'c'"),
            (32, "the note of tension 't'"), (34, "a quote of tension 't'")] == got


EMPTY = """\
argmap: 1
title: Empty values
question: #1 question
description:   # what it covers
sources:
  - id: cable
    title: The cable
    note: #5 of the series
nodes:
  - id: e
    kind: evidence
    title: #1 fact
    text: Aid rose.
    quote: #quoted
    note: #1 priority
    source: cable
    supports:
      - to: c
        note: #2
    attacks: [{to: d, quote: #3
               }]
  - id: c
    kind: claim
    text: A claim.
  - id: d
    kind: claim
    text: Another.
tensions:
  - id: t
    between: [e, c]
    note:	#4 odd
"""


@pytest.mark.usefixtures("parser")
def test_a_value_that_is_only_a_comment_is_reported_at_the_hash() -> None:
    """`note: #1 priority` leaves the note empty: each optional prose key whose value is
    only a comment is reported at the `#`, the comment in the message, the hint's
    value in quotes."""
    got = [(p.location.line, p.location.col, p.message) for p in findings(EMPTY)]
    empty = "is empty: {} after its key is a YAML comment"
    assert [(3, 11, "the question of the map " + empty.format("'#1 question'")),
            (4, 16, "the description of the map " + empty.format("'# what it covers'")),
            (8, 11, "the note of source 'cable' " + empty.format("'#5 of the series'")),
            (12, 12, "the title of 'e' " + empty.format("'#1 fact'")),
            (14, 12, "the quote of 'e' " + empty.format("'#quoted'")),
            (15, 11, "the note of 'e' " + empty.format("'#1 priority'")),
            (19, 15, "the note of the relation 'e' supports 'c' " + empty.format("'#2'")),
            (20, 30, "the quote of the relation 'e' attacks 'd' " + empty.format("'#3'")),
            (31, 11, "the note of tension 't' " + empty.format("'#4 odd'"))] == got


@pytest.mark.usefixtures("parser")
def test_the_hint_of_an_empty_value_loads_back_as_the_comment() -> None:
    """The hint's quoted value is YAML giving the comment's words as the value, and
    says what to do with a comment that was meant."""
    [p] = findings(node("    text: Fine.", "    note: #1 priority: \"the\" talks"))
    hint = p.hint or ""
    written = hint.split("words: ", 1)[1].split(" (or drop", 1)[0]
    assert {"note": '#1 priority: "the" talks'} == yaml.safe_load(written)
    assert hint.endswith("(or drop the empty key and put a comment meant as one on a line "
                         "of its own)")


@pytest.mark.usefixtures("parser")
def test_a_value_below_a_comment_after_its_key_is_reported() -> None:
    """`text: #1 priority` with the text going on below keeps only the lines below: the
    comment's words are reported lost, the hint holding them and the text."""
    [p] = findings(node("    text: #1 priority", "", "      is the border."))
    assert ("m.yaml:9:11: warning: the text of 'c' starts after a YAML comment: "
            "'#1 priority' is left out [text-cut-by-comment]") == str(p)
    written = (p.hint or "").split("words: ", 1)[1].split(" (or put", 1)[0]
    assert {"text": "#1 priority is the border."} == yaml.safe_load(written)


@pytest.mark.usefixtures("parser")
def test_a_reason_of_an_acknowledgement_is_prose() -> None:
    """The reason written under `acknowledge:` is looked at like any prose value."""
    [p] = findings(node("    text: Fine.", "    acknowledge:",
                        "      orphan-node: the #1 premise, kept alone"))
    assert ("m.yaml:11:24: warning: the reason of 'c' for acknowledging 'orphan-node' stops "
            "at a YAML comment: '#1 premise, kept alone' is left out "
            "[text-cut-by-comment]") == str(p)
    assert "orphan-node: \"the #1 premise, kept alone\"" in (p.hint or "")


@pytest.mark.usefixtures("parser")
def test_a_note_in_a_flow_mapping_cut_short() -> None:
    """A relation written as a flow mapping: its note cut by a comment is found, though
    the line starts with a key that is not prose."""
    [p] = findings(HEAD + "  - id: c\n    kind: claim\n    text: A.\n"
                   "    supports: [{to: d, note: says so #1\n                }]\n"
                   "  - id: d\n    kind: claim\n    text: B.\n")
    assert (10, 38) == (p.location.line, p.location.col)
    assert p.message.startswith("the note of the relation 'c' supports 'd' stops")


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("lines", [
    ["    text: Fine.", "    note: ~  # written empty on purpose"],
    ["    text: Fine.", "    note: ''  # written empty on purpose"],
    ["    text: Fine.", "    note: |  # a block", "      kept"],
    ["    text:  # a comment, then a block", "      >-", "      kept"],
    ["    text:  # a comment, then quotes", "      \"kept\""],
    ["    text: Fine.", "    note:", "      # a comment on its own line", "      kept"],
    ["    text: Fine.", "    tags:  # labels", "      - a"],
    ["    text: Fine.", "    locator: p. 4  # of the second edition"],
    ["    text: Fine.", "    section: Findings  # the third"],
], ids=["null", "empty-quotes", "block-after", "block-below", "quoted-below", "own-line-below",
        "tags", "locator", "section"])
def test_what_is_not_a_lost_value(lines: list[str]) -> None:
    """A value written empty on purpose, a block or quoted value after or below a
    comment, a comment on its own line, and comments after keys that are not prose
    (labels, locators, sections) are not findings."""
    assert [] == findings(node(*lines))


def test_a_required_prose_key_that_is_only_a_comment_is_a_load_error() -> None:
    """`text: #1 priority` leaves a node without its text: the loader refuses it, at the
    value, so nothing is silent."""
    with pytest.raises(LoadError) as caught:
        loads(node("    text: #1 priority"), "m.yaml")
    [problem] = caught.value.problems
    assert ("m.yaml", 9, 10) == (problem.location.path, problem.location.line,
                                 problem.location.col)


def test_both_parsers_give_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast scanner's document and the composer's give the same findings (the
    composer's keeps CR LF line breaks: they are no part of a value)."""
    fast = [str(p) for p in findings(MANY)]
    monkeypatch.setattr(_fastyaml, "scan", lambda *_a, **_k: (_ for _ in ()).throw(
        _fastyaml.Unsupported()))
    assert fast == [str(p) for p in findings(MANY)]
    assert fast == [str(p) for p in findings(MANY.replace("\n", "\r\n"))]
    assert 14 == len(fast)


@pytest.mark.usefixtures("parser")
def test_a_finding_on_a_node_can_be_acknowledged() -> None:
    """A comment meant as one is accepted under the node's `acknowledge:`."""
    text = node("    text: Pakistan is an ally  # the cable's word",
                "    acknowledge:", "      text-cut-by-comment: the comment is meant")
    result = check(loads(text, "m.yaml"), ONLY)
    assert ([], ["the comment is meant"]) == (list(result.findings),
                                             [r for _, r in result.acknowledged])


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("value", [
    'He said "no" \\ C:\\path',
    "bidi \u202e override and \u2066 isolate",
    "quote ' and: colon",
])
def test_hostile_text_is_escaped_and_the_hint_loads_back(value: str) -> None:
    """Quotes, backslashes and bidi controls in a cut value: the message and hint
    are printable, and the hint's quoted value is YAML that gives the whole line."""
    line = f"    note: {value.replace(': ', ' ')} #rest"
    [p] = findings(node("    text: Fine.", line))
    hint = p.hint or ""
    assert p.message.isprintable()
    assert hint.isprintable()
    written = hint.split("line: ", 1)[1].split(" (or put", 1)[0]
    expected = value.replace(": ", " ") + " #rest"
    assert {"note": expected} == yaml.safe_load(written)


@pytest.mark.usefixtures("parser")
def test_a_long_value_is_cut_in_the_hint() -> None:
    """A long value is shown cut, the cut marked, the message's comment too."""
    [p] = findings(node("    text: " + "word " * 200 + "#" + "x" * 500))
    assert (p.hint or "").split(" (or put")[0].endswith("…")
    assert len(p.hint or "") < 250
    assert len(p.message) < 200


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.text(alphabet="abcXYZ.,?()é-ا", min_size=1, max_size=8),
                      min_size=1, max_size=6),
       comment=st.text(alphabet="#abc 1:\"'", max_size=12))
def test_any_plain_text_with_a_comment_is_found_and_quoted_back(words: list[str],
                                                                comment: str) -> None:
    """Any plain text followed by ` #...`: found, and the hint's value loads as the text,
    a space and the comment; the same text in quotes is not a finding."""
    value = " ".join(words)
    assume(value[0] not in "-?,")  # not a plain scalar's start in YAML
    try:
        loaded = loads(node(f"    text: {value} #{comment}"), "m.yaml")
    except LoadError:
        assume(False)  # YAML reads some starts otherwise (`? `, `- `)
        raise
    assert value == loaded.map.nodes[0].text
    [p] = check(loaded, ONLY).findings
    written = (p.hint or "").split("line: ", 1)[1].split(" (or put", 1)[0]
    assert {"text": f"{value} #{comment}".rstrip(" ")} == yaml.safe_load(written)
    assert [] == findings(node(f"    text: {json.dumps(value)} #{comment}"))


def runs(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """`argmap check` of a map with a cut text, in text, JSON and SARIF."""
    path = write_map(tmp_path, "m.yaml", node("    text: Pakistan is the US #1 ally"))
    runner = CliRunner()
    for fmt in ("text", "json", "sarif"):
        result = runner.invoke(app, ["check", "--select", "text-cut-by-comment", "-f", fmt,
                                     str(path)])
        yield fmt, result


def test_the_cli_fails_with_the_finding_in_every_format(tmp_path: Path) -> None:
    """Exit code 1; the text report, JSON and SARIF all carry the finding at the `#`."""
    out = dict(runs(tmp_path))
    assert {1} == {r.exit_code for r in out.values()}
    assert "m.yaml:9:30: warning: the text of 'c' stops" in out["text"].stdout
    [finding] = json.loads(out["json"].stdout)["findings"]
    assert ("text-cut-by-comment", 9, 30) == (finding["code"], finding["line"],
                                              finding["column"])
    sarif = json.loads(out["sarif"].stdout)
    [res] = sarif["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert ("text-cut-by-comment", 9, 30) == (res["ruleId"], region["startLine"],
                                              region["startColumn"])


def test_the_flagship_and_the_documented_examples_have_no_cut_text() -> None:
    """The repository's maps use comments only on lines of their own or after numbers."""
    maps = [ROOT / "arguments" / "pakistan-afghanistan.yaml",
            *sorted((ROOT / "docs" / "examples").glob("*.yaml"))]
    assert [] == [str(p) for m in maps for p in check(load(m), ONLY).findings]


def test_argmap_rules_lists_and_documents_the_rule() -> None:
    """`argmap rules` lists the rule as a warning; `argmap rules text-cut-by-comment`
    prints its documentation."""
    runner = CliRunner()
    listing = {line.split()[0]: line for line in runner.invoke(app, ["rules"]).stdout
               .splitlines() if line.strip()}
    assert "warning" in listing["text-cut-by-comment"]
    one = runner.invoke(app, ["rules", "text-cut-by-comment"])
    assert 0 == one.exit_code
    assert "Pakistan is the US #1 ally" in one.stdout
