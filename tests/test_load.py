"""Tests of argmap.loading.loader: schema errors located at the offending token, references,
hostile input."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import LoadError, Location, UsageError
from argmap.loading import source
from argmap.loading.loader import MapSet, load, load_set, loads
from argmap.loading.references import Suggestions

from .helpers import assert_linear, finishes

INVALID = "tests/fixtures/invalid"
VALID = "tests/fixtures/valid"
#: What every hostile input may cost at most: function calls (``helpers.steps``; the
#: largest here, 10,000 nodes with a mistake each, makes about 1,000,000) and memory.
#: How long they take is measured by benchmarks/bench_hostile.py, not here.
STEPS = 5_000_000
BYTES = 200 * 1024 * 1024

Measure = Callable[[Callable[[], Any]], tuple[Any, BaseException | None]]


def problems_of(path: str | Path) -> list[str]:
    """Every problem of loading ``path``, as printed (``path:line:col: severity: ... [code]``)."""
    with pytest.raises(LoadError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def hints_of(path: str | Path) -> list[str | None]:
    """The hint of every problem of loading ``path``."""
    with pytest.raises(LoadError) as info:
        load(path)
    return [p.hint for p in info.value.problems]


# --- valid maps ---------------------------------------------------------------------------


def test_flagship_map_loads_with_all_its_nodes() -> None:
    """The flagship map loads cleanly: 59 nodes, one source, its metadata."""
    loaded = load("arguments/pakistan-afghanistan.yaml")
    actual = (len(loaded.map.nodes), len(loaded.map.sources), loaded.name, loaded.context)
    assert actual == (59, 1, "pakistan-afghanistan", False)
    assert loaded.map.title.startswith("Pakistan and Afghanistan")


def test_flagship_node_locations_point_at_ids() -> None:
    """A loaded map locates its nodes at their ``id`` values."""
    loaded = load("arguments/pakistan-afghanistan.yaml")
    line = loaded.document.text.splitlines().index(
        "  - id: security-apparatus-touts-diplomatic-successes") + 1
    expected = Location("arguments/pakistan-afghanistan.yaml", line, 9)
    assert expected == loaded.node_location(0)


def test_yaml11_words_load_as_text() -> None:
    """``no``, ``on``, ``1:20``, ``0755`` ... reach the model as the text written."""
    loaded = load(f"{VALID}/yaml11-words.yaml")
    node = loaded.map.nodes[0]
    actual = (node.text, node.locator, node.tags, node.confidence)
    assert actual == ("no", "1:20", ("on", "yes", "0755", "1.10", "2024-01-02"), 0.5)
    assert loaded.map.nodes[1].id == "off"


@pytest.mark.parametrize("name", ["utf8-bom.yaml", "utf16-bom.yaml"])
def test_byte_order_marks_are_accepted(name: str) -> None:
    """A UTF-8 BOM is skipped and UTF-16 with a BOM is decoded; Urdu text survives."""
    loaded = load(f"{VALID}/{name}")
    assert ("پاکستان اور افغانستان", Location(f"{VALID}/{name}", 4, 9)) == (
        loaded.map.title, loaded.node_location(0))


def test_loads_reads_text() -> None:
    """``loads`` loads a map from text, naming it after the path given."""
    loaded = loads("argmap: 1\ntitle: T\n", "dir/x.yaml")
    assert (loaded.name, loaded.path, loaded.map.title) == ("x", "dir/x.yaml", "T")


# --- schema violations, each at its token ---------------------------------------------


SCHEMA_CASES = {
    "unknown-key.yaml": (
        # (One mistake, one error: not also "missing required key 'text'".)
        ["6:5: error: unknown key 'txt' in nodes[0] [unknown-key]"],
        ["did you mean 'text'?"]),
    "unknown-kind.yaml": (
        ["5:11: error: nodes[0].kind: 'claimm' is not one of 'claim', 'evidence', "
         "'recommendation', 'assumption' or 'objection' [invalid-value]"],
        ["did you mean 'claim'?"]),
    "unknown-relation.yaml": (
        ["10:5: error: unknown key 'support' in nodes[1] [unknown-key]"],
        ["did you mean 'supports'?"]),
    "missing-required-key.yaml": (
        ["4:5: error: missing required key 'text' in nodes[0] [missing-key]"],
        ["add `text: ...`"]),
    "bad-id.yaml": (
        ["4:9: error: nodes[0].id: 'not a slug' is not a valid id [invalid-value]"],
        ["ids are slugs: letters, digits and - _ . (a reference to another map is "
         "`map-name:id`): write 'not-a-slug'"]),
    "javascript-url.yaml": (
        ["6:10: error: sources[0].url: 'javascript:alert(1)' is not an http(s) URL "
         "[invalid-value]"],
        ["only http:// and https:// links are allowed"]),
    "confidence-out-of-range.yaml": (
        ["7:17: error: nodes[0].confidence: '1.5' is not a number from 0 to 1 "
         "[invalid-value]"],
        ["write a number from 0 to 1, e.g. 0.75"]),
    "confidence-not-a-number.yaml": (
        ["7:17: error: nodes[0].confidence: 'high' is not a number from 0 to 1 "
         "[invalid-value]"],
        ["write a number from 0 to 1, e.g. 0.75"]),
    "interval-reversed.yaml": (
        ["7:17: error: nodes[0].confidence: the interval [0.9, 0.5] starts above its end "
         "[invalid-value]"],
        ["write [0.5, 0.9]: the low end first"]),
    "interval-wrong-length.yaml": (
        ["9:19: error: nodes[0].supports[0].strength: an interval is two numbers [low, high], "
         "not 3 [invalid-value]"],
        ["write [0.6, 0.9]: the lowest and the highest value it may have, from 0 to 1"]),
    "interval-out-of-range.yaml": (
        ["8:27: error: nodes[0].supports[0].strength: the high end of the interval, '1.5', is "
         "not a number from 0 to 1 [invalid-value]"],
        ["write [0.6, 0.9]: the lowest and the highest value it may have, from 0 to 1"]),
    "duplicate-id.yaml": (
        ["7:9: error: duplicate node id 'a' (first at line 4) [duplicate-id]"],
        ["give each node its own id"]),
    "dangling-reference.yaml": (
        ["10:16: error: no node with id 'coercion-fail' [dangling-reference]"],
        ["did you mean 'coercion-fails'?"]),
    "undercut-to-node.yaml": (
        ["10:17: error: undercuts 'a': not a relation [dangling-reference]"],
        ["undercuts takes a relation id; to argue against a node use `attacks`"]),
    "attack-to-relation.yaml": (
        ["16:15: error: attacks 'b-supports-a': not a node [dangling-reference]"],
        ["this is a relation id; to argue against a relation use `undercuts`"]),
    "missing-map-reference.yaml": (
        ["7:16: error: supports 'no-such-map:b': no map named 'no-such-map' beside this file "
         "[dangling-reference]"],
        ["a reference `map:id` names another map file of the same folder, without its "
         "ending"]),
    "several-errors.yaml": (
        ["5:11: error: nodes[0].kind: 'claimm' is not one of 'claim', 'evidence', "
         "'recommendation', 'assumption' or 'objection' [invalid-value]",
         "9:5: error: unknown key 'txt' in nodes[1] [unknown-key]",
         "13:17: error: nodes[2].confidence: '2' is not a number from 0 to 1 [invalid-value]"],
        ["did you mean 'claim'?", "did you mean 'text'?",
         "write a number from 0 to 1, e.g. 0.75"]),
}


@pytest.mark.parametrize("name", list(SCHEMA_CASES))
def test_schema_violation_is_located_at_its_token(name: str) -> None:
    """Each fixture's problems, exactly: file:line:col, message, code, and hint."""
    lines, hints = SCHEMA_CASES[name]
    path = f"{INVALID}/{name}"
    assert [f"{path}:{line}" for line in lines] == problems_of(path)
    assert hints == hints_of(path)


HEAD = "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
B = "  - id: b\n    kind: evidence\n    text: B.\n"


@pytest.mark.parametrize(
    ("text", "expected", "hint"),
    [
        (HEAD + B + "    supports:\n      - to: a\n        strenght: 0.5\n",
         "m.yaml:12:9: error: unknown key 'strenght' in nodes[1].supports[0] [unknown-key]",
         "did you mean 'strength'?"),
        (HEAD + B + "    supports:\n      - strength: 0.5\n",
         "m.yaml:11:9: error: missing required key 'to' in nodes[1].supports[0] [missing-key]",
         "add `to: ...`"),
        (HEAD + B + "    supports: ['not valid']\n",
         "m.yaml:10:16: error: nodes[1].supports[0].to: 'not valid' is not a valid id "
         "[invalid-value]", "ids are slugs: letters, digits and - _ . (a reference to "
         "another map is `map-name:id`): write 'not-valid'"),
        (HEAD + B + "    supports: [{to: a, strength: 2}]\n",
         "m.yaml:10:34: error: nodes[1].supports[0].strength: '2' is not a number from 0 "
         "to 1 [invalid-value]", "write a number from 0 to 1, e.g. 0.75"),
        ("argmap: 1\ntitle: T\ntitel: U\n",
         "m.yaml:3:1: error: unknown key 'titel' in the map [unknown-key]",
         "did you mean 'title'?"),
        ("argmap: 2\ntitle: T\n",
         "m.yaml:1:9: error: argmap: format version 2 is not supported; this argmap reads "
         "version 1 [invalid-value]", "write `argmap: 1`, the format version this argmap "
         "reads"),
        ("argmap: abc\ntitle: T\n",
         "m.yaml:1:9: error: argmap: 'abc' is not a format version [invalid-value]",
         "write `argmap: 1`, the format version this argmap reads"),
        (HEAD + "  - {id: b, kind: claim, text: ''}\n",
         "m.yaml:7:32: error: nodes[1].text: expected text, found an empty text "
         "[invalid-value]", "write the text (or leave the key out where it is optional)"),
        ("argmap: 1\n",
         "m.yaml:1:1: error: missing required key 'title' in the map [missing-key]",
         "add `title: ...`"),
        ("argmap: 1\ntitle:\n",
         "m.yaml:2:7: error: title: expected text, found empty value [invalid-value]",
         "write the title after the colon (or leave the key out where it is optional)"),
        ("argmap: 1\ntitle: T\nnodes: abc\n",
         "m.yaml:3:8: error: nodes: expected a list, found a text [invalid-value]",
         "write a list: one `- item` a line below `nodes:`, or `[a, b]`"),
        ("argmap: 1\ntitle: T\nnodes:\n  - a\n",
         "m.yaml:4:5: error: nodes[0]: expected a mapping, found a text [invalid-value]",
         "a node is keys, each on its own line: `- id: ...`, then `kind: ...` and `text: ...` "
         "indented below it"),
        # A single target where a list is expected: the list it should be.
        (HEAD + B + "    supports: a\n",
         "m.yaml:10:15: error: nodes[1].supports: expected a list, found a text [invalid-value]",
         "write a list: `supports: [a]`, or one `- item` a line below `supports:`"),
        (HEAD + B + "    tags: a: b\n", "m.yaml:10:12: error: YAML syntax: a colon followed "
         "by a space inside an unquoted text starts a mapping [yaml-syntax]",
         'put the text in quotes: text: "Critics say: ..."'),
        (HEAD + B + "    tags: 'a: b'\n",
         "m.yaml:10:11: error: nodes[1].tags: expected a list, found a text [invalid-value]",
         "write a list: one `- item` a line below `tags:`, or `[a, b]`"),
        # A kind of the user's own, far from every kind: what each kind is.
        (HEAD.replace("kind: claim", "kind: premise"),
         "m.yaml:5:11: error: nodes[0].kind: 'premise' is not one of 'claim', 'evidence', "
         "'recommendation', 'assumption' or 'objection' [invalid-value]",
         "a statement the argument asserts or infers is a `claim`; a fact a source reports, "
         "`evidence`; a premise left unstated, an `assumption`; what should be done, a "
         "`recommendation`; a consideration against, an `objection` (docs/format.md#kinds)"),
        ("title: T\nnodes: []\n",
         "m.yaml:1:1: error: missing required key 'argmap' in the map [missing-key]",
         "add `argmap: 1` (the format version) as the map's first key"),
        ("argmap: 1\ntitle: T\ndate: 26 Nov 2026\n",
         "m.yaml:3:7: error: date: '26 Nov 2026' is not a date [invalid-value]",
         "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("argmap: 1\ntitle: T\nsources:\n  - id: s\n    title: S\n    date: \"2024-02-30\"\n",
         "m.yaml:6:11: error: sources[0].date: 2024-02-30 is not a date: February 2024 has "
         "29 days [invalid-value]",
         "write a day of the calendar (YYYY-MM-DD), or only YYYY-MM or YYYY"),
        ("argmap: 1\ntitle: T\nsources:\n  - id: s\n    title: S\n    autor: me\n",
         "m.yaml:6:5: error: unknown key 'autor' in sources[0] [unknown-key]",
         "did you mean 'author'?"),
        ("argmap: 1\ntitle: T\nsources:\n  - id: s\n    title: S\n  - id: s\n    title: S2\n",
         "m.yaml:6:9: error: duplicate source id 's' (first at line 4) [duplicate-id]",
         "give each source its own id"),
        (HEAD + B + "    supports:\n      - to: a\n        id: r\n"
         "    attacks:\n      - to: a\n        id: r\n",
         "m.yaml:15:13: error: duplicate relation id 'r' (first at line 12) [duplicate-id]",
         "give each relation its own id"),
        ("argmap: 1\ntitle: T\nsources:\n  - id: article\n    title: S\n"
         + HEAD[19:] + "    source: articel\n",
         "m.yaml:10:13: error: no source with id 'articel' [dangling-reference]",
         "did you mean 'article'?"),
        (HEAD + B + "    supports:\n      - to: a\n        id: b-supports-a\n"
         "  - id: c\n    kind: objection\n    text: C.\n    undercuts: [b-support-a]\n",
         "m.yaml:16:17: error: no relation with id 'b-support-a' [dangling-reference]",
         "did you mean 'b-supports-a'?"),
        ("argmap: 1\ntitle: T\ncheck:\n  selct: [x]\n",
         "m.yaml:4:3: error: unknown key 'selct' in check [unknown-key]",
         "did you mean 'select'?"),
        (HEAD + B + "    supports:\n      - to: a\n        scheme: expert-opinon\n",
         "m.yaml:12:17: error: nodes[1].supports[0].scheme: unknown scheme 'expert-opinon' "
         "[invalid-value]", "did you mean 'expert-opinion'? the schemes are listed by "
         "`argmap schemes` and in docs/schemes.md"),
        (HEAD + B + "    supports:\n      - to: a\n        scheme: Argument From Sign\n",
         "m.yaml:12:17: error: nodes[1].supports[0].scheme: 'Argument From Sign' is not a "
         "scheme id [invalid-value]", "did you mean 'sign'? scheme ids are in kebab case "
         "(docs/schemes.md)"),
        (HEAD + B + "    supports:\n      - to: a\n        by: analyst\n        quote: B.\n",
         "m.yaml:13:9: error: nodes[1].supports[0]: `quote:` names where the source draws a "
         "link, and this relation is `by: analyst` [invalid-value]", "remove one of the two"),
        (HEAD + B + "    supports:\n      - to: a\n        by: inferred\n",
         "m.yaml:12:13: error: nodes[1].supports[0].by: 'inferred' is not one of 'source' or "
         "'analyst' [invalid-value]", "`source` when the source draws the link itself, "
         "`analyst` when you add it while reading "
         "(docs/format.md#provenance-schemes-and-quotes)"),
        (HEAD + B + "    attacks:\n      - to: a\n        question: CQ1\n",
         "m.yaml:12:19: error: nodes[1].attacks[0].question: 'CQ1' is not a critical question "
         "[invalid-value]", "name one of the scheme's questions: cq1, cq2, ... "
         "(docs/schemes.md)"),
        (HEAD + B + "    supports:\n      - to: a\n        question: cq1\n",
         "m.yaml:12:9: error: nodes[1].supports[0]: a support raises no critical question "
         "[invalid-value]", "`question:` is for an attack or undercut that raises a critical "
         "question of the relation it targets"),
        ("argmap: 1\ntitle: T\nsources:\n  - id: article\n    title: S\n" + HEAD[19:] + B
         + "    supports:\n      - to: a\n        source: articel\n",
         "m.yaml:15:17: error: no source with id 'articel' [dangling-reference]",
         "did you mean 'article'?"),
        (HEAD + B + "tensions:\n  - id: t\n    between: [a, bb]\n",
         "m.yaml:12:18: error: no node with id 'bb' [dangling-reference]",
         "did you mean 'b'?"),
        (HEAD + B + "tensions:\n  - id: t\n    between: [a, b]\n  - id: t\n"
         "    between: [b, a]\n",
         "m.yaml:13:9: error: duplicate tension id 't' (first at line 11) [duplicate-id]",
         "give each tension its own id"),
        (HEAD + "tensions:\n  - id: t\n    between: [a, a]\n",
         "m.yaml:9:14: error: tensions[0].between: a tension is between two different nodes, "
         "not 'a' and itself [invalid-value]", None),
        (HEAD + B + "tensions:\n  - id: t\n    between: [a, b]\n    source: s\n",
         "m.yaml:13:13: error: no source with id 's' [dangling-reference]",
         "define a source with id 's'"),
        (HEAD + B + "    supports:\n      - to: a\n        id: r\n        scheme: sign\n"
         "  - id: c\n    kind: claim\n    text: C.\n    undercuts:\n      - to: r\n"
         "        question: cq3\n",
         "m.yaml:19:19: error: no critical question 'cq3' in the scheme of the relation it "
         "undercuts [unknown-question]", "the questions are sign: cq1, cq2 (docs/schemes.md)"),
        (HEAD + B + "    supports: [a]\n  - id: c\n    kind: claim\n    text: C.\n"
         "    attacks:\n      - to: b\n        question: cq1\n",
         "m.yaml:16:19: error: critical question 'cq1': no scheme is named by the relations "
         "from 'b' [unknown-question]", "name the scheme (`scheme:`) of the relation "
         "whose question this raises, or remove `question:`"),
        (HEAD + B + "tensions:\n  - id: t\n    between: [a, b]\n    quote: A.\n",
         "m.yaml:13:5: error: unknown key 'quote' in tensions[0] [unknown-key]",
         "did you mean 'quotes'?"),
        (HEAD + "    title: " + "x" * 81 + "\n",
         "m.yaml:7:12: error: nodes[0].title: a title is at most 80 characters, this one has "
         "81 [invalid-value]", "a title is a handle of a few words (drawn on overview "
         "pictures, written as Argdown's [Title]): shorten it, the statement goes in `text:`"),
        (HEAD + "    title: \"Two\\nlines\"\n",
         "m.yaml:7:12: error: nodes[0].title: a title is one line [invalid-value]",
         "write the title on one line; more goes in `text:` or `note:`"),
        (HEAD + "    title: [A, title]\n",
         "m.yaml:7:12: error: nodes[0].title: expected text, found a list [invalid-value]",
         "write `title: A few words` on one line"),
        (HEAD + "    title: {a: b}\n",
         "m.yaml:7:12: error: nodes[0].title: expected text, found a mapping [invalid-value]",
         "write `title: A few words` on one line"),
        (HEAD + "    title: '  '\n",
         "m.yaml:7:12: error: nodes[0].title: a title is blank [invalid-value]",
         "write a few words, or leave `title:` out"),
        (HEAD + "    title: 'Coercion fails '\n",
         "m.yaml:7:12: error: nodes[0].title: a title starts or ends with a space "
         "[invalid-value]", "remove the spaces around it"),
        # An id of words beyond ASCII, or a map:id: no slug is guessed for it.
        (HEAD.replace("id: a", "id: Türkiye mediates"),
         "m.yaml:4:9: error: nodes[0].id: 'Türkiye mediates' is not a valid id [invalid-value]",
         "ids are slugs: letters, digits and - _ . (a reference to another map is "
         "`map-name:id`)"),
        (HEAD + B + "    supports: ['other map:a']\n",
         "m.yaml:10:16: error: nodes[1].supports[0].to: 'other map:a' is not a valid id "
         "[invalid-value]", "ids are slugs: letters, digits and - _ . (a reference to "
         "another map is `map-name:id`)"),
    ],
    ids=["relation-unknown-key", "relation-missing-to", "relation-bad-shorthand",
         "flow-relation-strength", "top-level-unknown-key", "format-version",
         "format-version-not-a-number", "empty-text",
         "missing-title", "empty-title", "nodes-not-a-list", "node-not-a-mapping",
         "single-target-not-a-list", "colon-in-tags", "quoted-tags-not-a-list",
         "kind-of-ones-own", "missing-format-version", "bad-date",
         "no-such-day",
         "source-unknown-key", "duplicate-source-id", "duplicate-relation-id",
         "dangling-source", "dangling-undercut", "check-unknown-key", "unknown-scheme",
         "scheme-by-name", "quote-by-analyst", "unknown-provenance", "bad-question",
         "question-on-support", "dangling-relation-source", "dangling-tension-node",
         "duplicate-tension-id", "tension-with-itself", "dangling-tension-source",
         "tension-misspelt-key", "question-not-in-scheme", "question-without-scheme",
         "title-too-long", "title-two-lines", "title-a-list", "title-a-mapping", "title-blank",
         "title-padded", "id-beyond-ascii", "reference-to-a-map-with-a-space"],
)
def test_schema_problem_in_text(text: str, expected: str, hint: str | None) -> None:
    """More schema violations, each one problem at its token, with its hint."""
    with pytest.raises(LoadError) as info:
        loads(text, "m.yaml")
    assert [(expected, hint)] == [(str(p), p.hint) for p in info.value.problems]


def test_a_file_and_its_text_give_the_same_reference_problems(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """load() of a file and loads() of its text walk references alike: repeated tension
    ids were once accepted from a file (its reference check skipped them)."""
    text = (HEAD + B + "tensions:\n  - id: t\n    between: [a, b]\n"
            "  - id: t\n    between: [b, a]\n")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LoadError) as info:
        loads(text, "m.yaml")
    expected = ["m.yaml:13:9: error: duplicate tension id 't' (first at line 11) [duplicate-id]"]
    assert expected == [str(p) for p in info.value.problems]
    assert expected == problems_of("m.yaml")


def test_reference_problems_of_a_map_are_capped_in_file_order() -> None:
    """A map with more broken references than are shown gives MAX_PROBLEMS of them and a
    last problem saying so; sources are explained before relation targets, each kind in
    file order, so that every run shows the same ones."""
    nodes = "".join(f"  - id: n{i}\n    kind: claim\n    text: N.\n    source: s{i}\n"
                    f"    supports: [m{i}]\n" for i in range(150))
    with pytest.raises(LoadError) as info:
        loads("argmap: 1\ntitle: T\nnodes:\n" + nodes, "m.yaml")
    messages = [p.message for p in sorted(info.value.problems, key=lambda p: p.location.line)]
    assert len(messages) == source.MAX_PROBLEMS + 1
    assert [f"no source with id 's{i}'" for i in range(150)] == [
        m for m in messages if "source" in m]
    assert [f"no node with id 'm{i}'" for i in range(50)] == [
        m for m in messages if m.startswith("no node")]
    assert f"stopped after {source.MAX_PROBLEMS} problems in this file" in messages


def test_a_map_alone_keeps_its_graph() -> None:
    """loads() proves the references by building the map's graph, and keeps it: building
    the graph of the loaded map, or of a set of it alone, does not walk it again."""
    from argmap.graph import build

    loaded = loads(HEAD + B + "    supports: [a]\n")
    assert loaded.alone is not None
    assert build(loaded) is loaded.alone
    assert MapSet((loaded,)).graph is loaded.alone


def test_valid_undercut_and_shorthand_relations_load() -> None:
    """A relation with an id can be undercut; ``[a]`` is short for ``[{to: a}]``."""
    loaded = loads(HEAD + B + "    supports:\n      - to: a\n        id: r\n"
                   "  - id: c\n    kind: objection\n    text: C.\n    undercuts: [r]\n"
                   "    attacks: [b]\n")
    c = loaded.map.nodes[2]
    assert (tuple(r.to for r in c.undercuts), tuple(r.to for r in c.attacks)) == (("r",), ("b",))


def test_critical_questions_of_the_targeted_scheme_load() -> None:
    """An undercut may raise a question of the scheme it undercuts, an attack one of the
    schemes of the relations its target starts; one scheme of several is enough."""
    loaded = loads(HEAD + B + "    supports:\n      - to: a\n        id: r\n"
                   "        scheme: sign\n    attacks:\n      - to: a\n"
                   "        scheme: expert-opinion\n"
                   "  - id: c\n    kind: claim\n    text: C.\n    undercuts:\n"
                   "      - to: r\n        question: cq2\n    attacks:\n      - to: b\n"
                   "        question: cq6\n")
    assert [r.question for _, r in loaded.map.nodes[2].relations()] == ["cq6", "cq2"]


def test_format_errors_do_not_hide_reference_errors() -> None:
    """A map with format errors still gets its dangling local references reported, in
    the same run; a malformed or cross-map reference is left to the format's errors."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
            "    colour: red\n"
            "    supports: [nowhere, other:x, 'bad id']\n"
            "  - id: b\n    kind: evidence\n    text: B.\n    source: rep\n"
            "    supports:\n      - to: aa\n        strenght: 1\n"
            "    undercuts: [r9]\n")
    with pytest.raises(LoadError) as info:
        loads(text, "m.yaml")
    assert [(p.location.line, p.code, p.message, p.hint) for p in info.value.problems] == [
        (7, "unknown-key", "unknown key 'colour' in nodes[0]", "allowed keys: acknowledge, "
         "attacks, confidence, id, kind, locator, note, quote, section, source, supports, "
         "tags, text, title, undercuts"),
        (8, "dangling-reference", "no node with id 'nowhere'", "define a node with id "
         "'nowhere'"),
        (8, "invalid-value", "nodes[0].supports[2].to: 'bad id' is not a valid id",
         "ids are slugs: letters, digits and - _ . (a reference to another map is "
         "`map-name:id`): write 'bad-id'"),
        (12, "dangling-reference", "no source with id 'rep'", "define a source with id 'rep'"),
        (14, "dangling-reference", "no node with id 'aa'", "did you mean 'a'?"),
        (15, "unknown-key", "unknown key 'strenght' in nodes[1].supports[0]",
         "did you mean 'strength'?"),
        (16, "dangling-reference", "no relation with id 'r9'", "define a relation with id "
         "'r9'"),
    ]


def test_problems_are_sorted_by_location() -> None:
    """Problems come in file, line, column order, whatever order they were found in."""
    with pytest.raises(LoadError) as info:
        load(f"{INVALID}/several-errors.yaml")
    keys = [(p.location.line, p.location.col) for p in info.value.problems]
    assert sorted(keys) == keys
    assert len({p.code for p in info.value.problems}) >= 2


def test_errors_of_several_files_come_together() -> None:
    """Loading several files reports the problems of all of them in one error."""
    with pytest.raises(LoadError) as info:
        load_set([f"{INVALID}/unknown-kind.yaml", f"{INVALID}/duplicate-id.yaml",
                  f"{INVALID}/bad-id.yaml"])
    assert [f"{INVALID}/bad-id.yaml:4:9", f"{INVALID}/duplicate-id.yaml:7:9",
            f"{INVALID}/unknown-kind.yaml:5:11"] == [
        str(p.location) for p in info.value.problems]


# --- maps of one folder -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["a\n::error file=x.yaml::forged.yaml", "crlf\r\n::x.yaml",
                                  "\n.yaml", "cr\r::error file=x.yaml::forged.yaml",
                                  "vt\x0bff\x0c.yaml", "nel\x85.yaml", "ls\u2028ps\u2029.yaml",
                                  "rs\x1e.yaml"])
def test_a_file_name_with_a_line_break_names_no_map(tmp_path: Path, name: str) -> None:
    """A map is named after its file, and every command prints the names: one with a line
    break (a carriage return, NEL or any other that `str.splitlines` splits at) is a
    located error (its text after the break would begin a line of its own,
    `::error file=...`, in a CI log); its neighbours are not blamed."""
    (tmp_path / name).write_text("argmap: 1\ntitle: T\nnodes: []\n", encoding="utf-8")
    (tmp_path / "fine.yaml").write_text("argmap: 1\ntitle: T\nnodes: []\n",
                                        encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_set([tmp_path])
    assert [("bad-file-name", Location(str(tmp_path / name)))] == [
        (p.code, p.location) for p in info.value.problems]
    assert info.value.problems[0].message.isprintable()  # the name quoted with escapes


def test_a_file_name_in_any_script_names_a_map(tmp_path: Path) -> None:
    """Urdu, a space, a no-break space, and a name with other controls (every command writes
    those as escapes, \\x1b, \\t: tests/test_cli.py) load as before."""
    names = ["پاکستان.yaml", "two words.yaml", "no\u00a0break.yaml", "esc\x1b[2J\t.yaml"]
    for name in names:
        (tmp_path / name).write_text("argmap: 1\ntitle: T\nnodes: []\n", encoding="utf-8")
    assert sorted(Path(n).stem for n in names) == sorted(m.name for m in load_set([tmp_path]))


SHARED = """\
argmap: 1
title: Shared evidence
sources:
  - id: report
    title: R
nodes:
  - id: inflation
    kind: evidence
    text: Inflation is high.
    supports:
      - to: pressure
        id: inflation-supports-pressure
  - id: pressure
    kind: claim
    text: Pressure grows.
"""
MAIN = """\
argmap: 1
title: Main
nodes:
  - id: a
    kind: claim
    text: A.
    source: shared:report
  - id: e
    kind: evidence
    text: E.
    supports: [a, shared:pressure]
    undercuts: [shared:inflation-supports-pressure]
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    """Write ``files`` into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cross_map_references_resolve_in_a_folder(tmp_path: Path) -> None:
    """``other:id`` references to nodes, sources and relations of a sibling map resolve."""
    folder = write(tmp_path / "maps", {"main.yaml": MAIN, "shared.yaml": SHARED})
    mapset = load_set([folder])
    assert [(m.name, m.context) for m in mapset] == [("main", False), ("shared", False)]


def test_single_file_loads_its_siblings_as_context(tmp_path: Path) -> None:
    """Loading one file loads the maps it refers to, marked as context."""
    folder = write(tmp_path / "maps", {"main.yaml": MAIN, "shared.yaml": SHARED,
                                       "unrelated.yaml": "not: a map\n"})
    mapset = load_set([folder / "main.yaml"])
    assert [(m.name, m.context) for m in mapset] == [("main", False), ("shared", True)]
    assert (load(folder / "main.yaml").name, False) == ("main", False)


def test_a_map_beyond_ascii_loads_the_siblings_it_refers_to(tmp_path: Path) -> None:
    """A map whose text goes beyond Latin-1 (kept as UTF-8 bytes) is searched for
    ``other:id`` as it is kept: its siblings still load as context."""
    main = MAIN.replace("text: A.", "text: 'پاکستان اور افغانستان'")
    folder = write(tmp_path / "maps", {"main.yaml": main, "shared.yaml": SHARED})
    mapset = load_set([folder / "main.yaml"])
    assert isinstance(next(iter(mapset)).document.content, bytes)
    assert [(m.name, m.context) for m in mapset] == [("main", False), ("shared", True)]


def test_dangling_cross_map_reference_suggests_the_close_id(tmp_path: Path) -> None:
    """A typo in ``other:id`` is located, with the sibling's closest id as hint."""
    folder = write(tmp_path / "maps", {"main.yaml": MAIN.replace("shared:pressure",
                                                                 "shared:presure"),
                                       "shared.yaml": SHARED})
    with pytest.raises(LoadError) as info:
        load(folder / "main.yaml")
    assert [(f"{folder / 'main.yaml'}:11:19: error: no node with id 'shared:presure' "
             "[dangling-reference]", "did you mean 'shared:pressure'?")] == [
        (str(p), p.hint) for p in info.value.problems]


def test_problems_of_a_context_map_are_reported(tmp_path: Path) -> None:
    """A sibling loaded as context that does not load is reported, located in its file."""
    folder = write(tmp_path / "maps", {"main.yaml": MAIN,
                                       "shared.yaml": SHARED.replace("kind: claim",
                                                                     "kind: clam")})
    with pytest.raises(LoadError) as info:
        load(folder / "main.yaml")
    assert [f"{folder / 'shared.yaml'}:14:11"] == [
        str(p.location) for p in info.value.problems if p.code == "invalid-value"]


@pytest.mark.parametrize("given", ["folder", "main.yaml"])
def test_a_map_that_fails_is_reported_once_and_not_as_missing(tmp_path: Path,
                                                              given: str) -> None:
    """When a referenced map does not load, its own error is reported once (not again as
    context), and references into it are not called references to a missing map."""
    folder = write(tmp_path / "maps", {"main.yaml": MAIN,
                                       "shared.yaml": SHARED.replace("kind: claim",
                                                                     "kind: clam")})
    with pytest.raises(LoadError) as info:
        load_set([folder if given == "folder" else folder / given])
    assert [(Path(p.location.path).name, p.code) for p in info.value.problems] == [
        ("shared.yaml", "invalid-value")]


def test_dangling_reference_in_a_context_map_is_reported(tmp_path: Path) -> None:
    """A sibling loaded as context whose own reference points nowhere is a located load
    error (it used to crash the graph with a KeyError)."""
    folder = write(tmp_path / "maps", {
        "main.yaml": MAIN,
        "shared.yaml": SHARED + "    attacks: [presure]\n"})
    with pytest.raises(LoadError) as info:
        load(folder / "main.yaml")
    assert [("dangling-reference", "shared.yaml", "did you mean 'pressure'?")] == [
        (p.code, Path(p.location.path).name, p.hint) for p in info.value.problems]


def test_duplicate_map_names_are_refused(tmp_path: Path) -> None:
    """``a.yaml`` and ``a.yml`` in one folder would make ``a:id`` ambiguous."""
    folder = write(tmp_path / "maps", {"a.yaml": SHARED, "a.yml": SHARED})
    with pytest.raises(LoadError) as info:
        load_set([folder])
    assert [(f"{folder / 'a.yml'}:1:1", "duplicate-map-name")] == [
        (str(p.location), p.code) for p in info.value.problems]


def test_maps_of_one_name_resolve_their_own_references(tmp_path: Path) -> None:
    """Two maps named alike (from two folders) are refused, and each map's local
    references are still checked against its own nodes, not the other's; a set of them
    built by hand gives the same problem when its graph is asked for."""
    first = write(tmp_path / "one", {"m.yaml": "argmap: 1\ntitle: A\nnodes:\n  - id: x\n"
                                               "    kind: claim\n    text: X.\n"})
    second = write(tmp_path / "two", {"m.yaml": "argmap: 1\ntitle: B\nnodes:\n  - id: y\n"
                                                "    kind: claim\n    text: Y.\n"
                                                "    supports: [x]\n"})
    with pytest.raises(LoadError) as info:
        load_set([first / "m.yaml", second / "m.yaml"])
    assert [(f"{second / 'm.yaml'}:1:1", "duplicate-map-name"),
            (f"{second / 'm.yaml'}:7:16", "dangling-reference")] == [
        (str(p.location), p.code) for p in info.value.problems]
    maps = MapSet((loads((first / "m.yaml").read_text(encoding="utf-8"), "a/m.yaml"),
                   loads("argmap: 1\ntitle: B\nnodes: []\n", "b/m.yaml")))
    with pytest.raises(LoadError) as info:
        _ = maps.graph
    assert ["b/m.yaml:1:1: error: two maps are named 'm' (a/m.yaml and b/m.yaml); references "
            "`m:id` would be ambiguous [duplicate-map-name]"] == [
        str(p) for p in info.value.problems]


def test_the_same_file_twice_is_loaded_once(tmp_path: Path) -> None:
    """A file named twice (directly and through its folder) is one map."""
    folder = write(tmp_path / "maps", {"shared.yaml": SHARED})
    assert len(load_set([folder, folder / "shared.yaml"])) == 1


def test_missing_path_and_empty_folder_are_usage_errors(tmp_path: Path) -> None:
    """Paths that name no map are usage errors, not load errors."""
    with pytest.raises(UsageError, match="no such file or folder"):
        load_set([tmp_path / "nope.yaml"])
    with pytest.raises(UsageError, match="no map files"):
        load_set([tmp_path])
    with pytest.raises(UsageError, match="no map files given"):
        load_set([])


def test_a_folder_whose_maps_are_in_subfolders_says_to_name_them(tmp_path: Path) -> None:
    """A folder is read without its subfolders: when it has no map and subfolders have some,
    the error names them (the first three by name; hidden ones and those without maps
    left out)."""
    for name in ("d", "b", "a", "c", ".hidden"):
        write(tmp_path / "top" / name, {"m.yaml": SHARED})
    write(tmp_path / "top" / "e", {"notes.txt": "x"})
    with pytest.raises(UsageError) as info:
        load_set([tmp_path / "top"])
    top = tmp_path / "top"
    assert (f"{top}: no map files (*.yaml, *.yml) in this folder; its subfolders are not "
            f"read: name them ({top / 'a'}, {top / 'b'}, {top / 'c'}, ...)") == str(info.value)
    with pytest.raises(UsageError) as info:
        load_set([tmp_path / "top" / "e"])
    assert f"{top / 'e'}: no map files (*.yaml, *.yml) in this folder" == str(info.value)


@pytest.mark.parametrize(("name", "text"), [
    ("debate.argdown", "[Legal]: Soft drugs should be legal.\n  + Harms nobody: else.\n"),
    ("export.json", '{"generator": "argmap", "format": "argmap-json", "maps": []}\n'),
])
def test_a_file_to_import_given_as_a_map_says_to_import_it(tmp_path: Path, name: str,
                                                           text: str) -> None:
    """An Argdown or JSON file given where a map is expected (it does not load): one
    problem saying `argmap import` reads it, with the command, not the YAML errors of its
    text."""
    path = write(tmp_path, {name: text}) / name
    with pytest.raises(LoadError) as info:
        load_set([path])
    suffix = Path(name).suffix
    assert [(f"{path}:1:1: error: a {suffix} file is not a map: Argdown, AIF, argmap JSON "
             "and GraphML files are read by `argmap import` [not-a-map]",
             f"argmap import {path} -o {path.with_suffix('.yaml')}")] == [
        (str(p), p.hint) for p in info.value.problems]


def test_a_map_written_in_json_still_loads(tmp_path: Path) -> None:
    """A map of the format written in JSON syntax (which is YAML) with a .json ending
    loads: only a file that does not load is told to be imported."""
    path = write(tmp_path, {"m.json": '{"argmap": 1, "title": "T", "nodes": []}\n'}) / "m.json"
    assert "T" == load(path).map.title


def test_the_import_endings_are_the_importers() -> None:
    """The loader's list of endings to import is argmap.interop.formats.SUFFIXES's."""
    from argmap.interop.formats import SUFFIXES
    from argmap.loading.loader import IMPORT_SUFFIXES

    assert set(SUFFIXES) == IMPORT_SUFFIXES


def test_a_yaml_file_of_another_tool_is_told_how_to_leave_it_out(tmp_path: Path) -> None:
    """A YAML list (a tool's file) in a folder given whole: the hint says how a map starts
    and how to leave the file out; an empty file only how a map starts."""
    folder = write(tmp_path / "maps", {"hooks.yaml": "- id: x\n", "empty.yaml": ""})
    with pytest.raises(LoadError) as info:
        load_set([folder])
    assert [("empty.yaml", "start the file with `argmap: 1` and `title: ...`"),
            ("hooks.yaml", "start the file with `argmap: 1` and `title: ...`; if it is not a "
             "map, leave it out: name the map files, or a folder of maps only")] == [
        (Path(p.location.path).name, p.hint) for p in info.value.problems]


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_a_map_named_without_its_ending_gets_did_you_mean(tmp_path: Path, suffix: str) -> None:
    """`argmap check lesson` after `argmap init lesson` (which wrote lesson.yaml): the error
    offers the file that exists; a name with an ending, or with no such file, gets none."""
    (tmp_path / f"lesson{suffix}").write_text(SHARED, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_set([tmp_path / "lesson"])
    assert (f"{tmp_path / 'lesson'}: no such file or folder; did you mean "
            f"{tmp_path / 'lesson'}{suffix}?") == str(info.value)
    for other in ("other", f"lesson.json{suffix}"):
        with pytest.raises(UsageError) as info:
            load_set([tmp_path / other])
        assert f"{tmp_path / other}: no such file or folder" == str(info.value)


# --- hostile input ------------------------------------------------------------------------


HOSTILE = {
    "alias-bomb.yaml": (
        "1:4: error: YAML anchors and aliases are not allowed in a map [anchor]", 81),
    "anchor-and-merge-key.yaml": (
        "3:11: error: YAML anchors and aliases are not allowed in a map [anchor]", 2),
    "python-object-tag.yaml": (
        "3:7: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
        "allowed [tag]", 1),
    "binary-tag.yaml": (
        "3:14: error: YAML tag 'tag:yaml.org,2002:binary' is not allowed [tag]", 1),
    "duplicate-key.yaml": (
        "3:1: error: duplicate key 'title' (first at line 2) [duplicate-key]", 1),
    "duplicate-id.yaml": (
        "7:9: error: duplicate node id 'a' (first at line 4) [duplicate-id]", 1),
    "complex-key.yaml": ("3:3: error: a key must be plain text [complex-key]", 1),
    "multiple-documents.yaml": (
        "3:1: error: a map file holds one YAML document [multiple-documents]", 1),
    "top-level-list.yaml": (
        "1:1: error: a map file is a YAML mapping; found a list [not-a-map]", 1),
    "top-level-scalar.yaml": (
        "1:1: error: a map file is a YAML mapping; found a text [not-a-map]", 1),
    "empty.yaml": ("1:1: error: a map file is a YAML mapping; found nothing [not-a-map]", 1),
    "tab-indentation.yaml": (
        "4:1: error: YAML syntax: a tab in the indentation; YAML indents with spaces only "
        "[yaml-syntax]", 1),
    "control-character.yaml": (
        "2:15: error: YAML: control characters are not allowed [yaml-syntax]", 1),
    "latin-1.yaml": ("2:11: error: not valid UTF-8 (byte 0xe9) [encoding]", 1),
    "nul-byte.yaml": ("2:13: error: NUL byte in file; a map is a text file [encoding]", 1),
}


def assert_refused_cheaply(measure: Measure, func: Callable[[], Any]) -> LoadError:
    """``func`` raises LoadError (nothing else) within STEPS function calls and 200 MB,
    without hanging; return it."""
    cost, raised = measure(func)
    assert isinstance(raised, LoadError), repr(raised)
    assert cost.steps < STEPS, cost
    assert cost.peak_bytes < BYTES, cost
    return raised


def written(tmp_path: Path, name: str, text: Callable[[int], str]) -> Callable[[int], Any]:
    """For :func:`assert_linear`: ``n`` -> loading ``name`` holding ``text(n)``."""
    def make(n: int) -> Callable[[], Any]:
        path = tmp_path / f"{n}-{name}"
        path.write_text(text(n))
        return lambda: load(path)
    return make


def test_assert_linear_fails_quadratic_work() -> None:
    """The bound the hostile inputs are held to fails work that grows with the square of
    the input (a rescan per item), and passes work that grows with it."""
    def quadratic(n: int) -> Callable[[], Any]:
        return lambda: [str(i).find("0") for i in range(n) for _ in range(n // 10)]

    def linear(n: int) -> Callable[[], Any]:
        return lambda: [str(i).find("0") for i in range(n) for _ in range(10)]

    assert_linear(linear, 1_000)
    with pytest.raises(AssertionError):
        assert_linear(quadratic, 1_000)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_fixture_is_refused_located_fast_and_small(name: str, measure: Measure) -> None:
    """Each hostile file: a LoadError whose first problem is exact, in < STEPS calls and
    < 200 MB."""
    first, count = HOSTILE[name]
    path = f"{INVALID}/{name}"
    error = assert_refused_cheaply(measure, lambda: load(path))
    assert (f"{path}:{first}", count) == (str(error.problems[0]), len(error.problems))


def test_alias_bomb_is_small_and_never_expanded(measure: Measure) -> None:
    """The nine-level bomb (a billion 'lol's if expanded) is refused at every anchor/alias."""
    path = f"{INVALID}/alias-bomb.yaml"
    assert Path(path).stat().st_size < 500
    error = assert_refused_cheaply(measure, lambda: load(path))
    counts = {code: sum(p.code == code for p in error.problems) for code in ("anchor", "alias")}
    assert counts == {"anchor": 9, "alias": 72}


def test_python_tag_is_never_executed() -> None:
    """``!!python/object/apply:os.system`` is refused without running the command."""
    marker = Path("/tmp/argmap-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(LoadError):
        load(f"{INVALID}/python-object-tag.yaml")
    assert not marker.exists()


def test_deep_flow_sequence_is_refused(tmp_path: Path, measure: Measure) -> None:
    """``[[[[...]]]]`` 10,000 deep: a located too-deep error, no RecursionError."""
    path = tmp_path / "deep-list.yaml"
    path.write_text("[" * 10_000 + "]" * 10_000 + "\n")
    error = assert_refused_cheaply(measure, lambda: load(path))
    assert_linear(written(tmp_path, "deep-list.yaml", lambda n: "[" * n + "]" * n), 10_000)
    assert [f"{path}:1:1001: error: nesting deeper than {source.MAX_DEPTH} levels "
            "[too-deep]"] == [str(p) for p in error.problems]


def test_deep_flow_mapping_is_refused(tmp_path: Path, measure: Measure) -> None:
    """``{a: {a: ...}}`` 10,000 deep: refused where it crosses the limit."""
    path = tmp_path / "deep-mapping.yaml"
    path.write_text("{a: " * 10_000 + "b" + "}" * 10_000 + "\n")
    error = assert_refused_cheaply(measure, lambda: load(path))
    assert_linear(written(tmp_path, "deep-mapping.yaml", lambda n: "{a: " * n + "b" + "}" * n),
                  10_000)
    assert [f"{path}:1:{1 + 4 * source.MAX_DEPTH}: error: nesting deeper than "
            f"{source.MAX_DEPTH} levels [too-deep]"] == [str(p) for p in error.problems]


def test_deep_block_sequence_is_refused(tmp_path: Path, measure: Measure) -> None:
    """``- - - - ...`` 10,000 deep in block style: refused at the limit."""
    path = tmp_path / "deep-dashes.yaml"
    path.write_text("- " * 10_000 + "x\n")
    error = assert_refused_cheaply(measure, lambda: load(path))
    assert_linear(written(tmp_path, "deep-dashes.yaml", lambda n: "- " * n + "x\n"), 10_000)
    assert [f"{path}:1:{1 + 2 * source.MAX_DEPTH}: error: nesting deeper than "
            f"{source.MAX_DEPTH} levels [too-deep]"] == [str(p) for p in error.problems]


def test_deep_indented_mapping_is_refused(tmp_path: Path, measure: Measure) -> None:
    """A mapping indented 2,000 levels deep (the fast scanner's form) is refused too."""
    path = tmp_path / "deep-indented.yaml"
    path.write_text("".join(" " * i + "a:\n" for i in range(2_000)))
    error = assert_refused_cheaply(measure, lambda: load(path))
    assert_linear(written(tmp_path, "deep-indented.yaml",
                          lambda n: "".join(" " * i + "a:\n" for i in range(n))), 2_000)
    depth = source.MAX_DEPTH
    assert [f"{path}:{depth + 1}:{depth + 1}: error: nesting deeper than {depth} levels "
            "[too-deep]"] == [str(p) for p in error.problems]


def test_fifty_megabyte_file_is_refused_by_its_size(tmp_path: Path, measure: Measure) -> None:
    """A 50 MB map is refused before it is parsed, with the size and the limit in MiB."""
    path = tmp_path / "huge.yaml"
    node = "  - id: n\n    kind: claim\n    text: Some text that fills the file up.\n"
    with path.open("w") as f:
        f.write("argmap: 1\ntitle: Huge\nnodes:\n")
        f.write(node * (50_000_000 // len(node) + 1))
    error = assert_refused_cheaply(measure, lambda: load(path))
    size = path.stat().st_size / 2**20
    assert [(f"{path}:1:1: error: file is {size:.1f} MiB; argmap reads maps of at most "
             "32 MiB [file-too-large]",
             "split the map into several files of one folder")] == [
        (str(p), p.hint) for p in error.problems]


def test_fifty_megabytes_of_text_are_refused_by_loads(measure: Measure) -> None:
    """``loads`` bounds its text like ``load`` bounds a file."""
    text = "argmap: 1\ntitle: Huge\nnote: " + "x" * 50_000_000 + "\n"
    error = assert_refused_cheaply(measure, lambda: loads(text, "huge.yaml"))
    assert [
        (str(p.location), p.code) for p in error.problems] == [("huge.yaml:1:1", "file-too-large")]


def test_a_fifo_named_as_a_map_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe given as a map is a located not-a-file error, at once."""
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    error = finishes(lambda: load(path))
    assert isinstance(error, LoadError)
    assert [f"{path}:1:1: error: a named pipe (FIFO), not a regular file; argmap reads maps "
            "only from regular files [not-a-file]"] == [str(p) for p in error.problems]


def test_a_fifo_in_a_folder_of_maps_is_passed_over(tmp_path: Path) -> None:
    """A folder's maps are its regular files: a FIFO named like a map is not opened."""
    folder = write(tmp_path / "maps", {"shared.yaml": SHARED})
    os.mkfifo(folder / "pipe.yaml")
    mapset = finishes(lambda: load_set([folder]))
    assert ["shared"] == [m.name for m in mapset]


def test_a_map_linked_from_outside_the_folder_is_refused(tmp_path: Path) -> None:
    """A link in a folder of maps to a file elsewhere is refused, located at the link, and
    nothing of the file it leads to is shown (it could be /proc/self/environ)."""
    folder = write(tmp_path / "maps", {"shared.yaml": SHARED})
    (tmp_path / "outside.yaml").write_text("argmap: 1\ntitle: SECRET-MARKER\n",
                                           encoding="utf-8")
    (folder / "evil.yaml").symlink_to(tmp_path / "outside.yaml")
    with pytest.raises(LoadError) as info:
        load_set([folder])
    assert [(f"{folder / 'evil.yaml'}:1:1: error: leads outside the folders argmap reads maps "
             "from (links resolved) [outside-tree]")] == [str(p) for p in info.value.problems]
    assert "SECRET-MARKER" not in str(info.value)


def test_a_context_map_linked_from_outside_is_refused(tmp_path: Path) -> None:
    """A sibling loaded as context goes through the same rule as the maps named."""
    folder = write(tmp_path / "maps", {"main.yaml": MAIN})
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "shared.yaml").write_text(SHARED, encoding="utf-8")
    (folder / "shared.yaml").symlink_to(tmp_path / "elsewhere" / "shared.yaml")
    with pytest.raises(LoadError) as info:
        load_set([folder / "main.yaml"])
    assert [(f"{folder / 'shared.yaml'}", "outside-tree")] == [
        (p.location.path, p.code) for p in info.value.problems]


def test_a_map_linked_within_its_folder_loads(tmp_path: Path) -> None:
    """A link that stays inside the folder is followed as before."""
    folder = write(tmp_path / "maps", {"real.yaml": SHARED})
    (folder / "shared.yaml").symlink_to(folder / "real.yaml")
    assert ["shared"] == [m.name for m in load_set([folder / "shared.yaml"])]


def test_a_file_of_duplicate_keys_is_refused_fast(tmp_path: Path, measure: Measure) -> None:
    """300,000 duplicate keys: reading stops at MAX_PROBLEMS instead of going through all."""
    path = tmp_path / "duplicate-keys.yaml"
    path.write_text("argmap: 1\ntitle: T\n" + "title: T\n" * 300_000)
    error = assert_refused_cheaply(measure, lambda: load(path))
    assert_linear(written(tmp_path, "duplicate-keys.yaml",
                          lambda n: "argmap: 1\ntitle: T\n" + "title: T\n" * n), 300_000)
    assert (len(error.problems), str(error.problems[0])) == (
        source.MAX_PROBLEMS + 1,
        f"{path}:3:1: error: duplicate key 'title' (first at line 2) [duplicate-key]")


@pytest.mark.parametrize(
    ("node", "code"),
    [("  - id: n{i}\n    kind: claim\n    txt: x\n", "unknown-key"),
     ("  - id: n\n    kind: claim\n    text: x\n", "duplicate-id")],
    ids=["unknown-keys", "duplicate-ids"],
)
def test_schema_problems_of_a_file_are_capped(node: str, code: str, measure: Measure) -> None:
    """10,000 nodes with a mistake each: MAX_PROBLEMS problems, quickly, not 10,000 hints."""
    def text_of(n: int) -> str:
        return "argmap: 1\ntitle: T\nnodes:\n" + "".join(node.format(i=i) for i in range(n))

    text = text_of(10_000)
    error = assert_refused_cheaply(measure, lambda: loads(text, "m.yaml"))
    assert_linear(lambda n: lambda: loads(text_of(n), "m.yaml"), 10_000)
    assert len(error.problems) == source.MAX_PROBLEMS + 1
    assert "too-many-problems" in {p.code for p in error.problems}
    assert code in {p.code for p in error.problems}


_SCALARS = st.one_of(st.none(), st.sampled_from(["a", "b", "x", "claim", "r1", "0.5", "",
                                                 "a:b", "bad id", "evidence"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["id", "kind", "text", "to", "supports", "attacks",
                                     "undercuts", "source", "tags", "odd"]), inner,
                    max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["argmap", "title", "nodes", "sources", "check",
                                        "odd"]), _VALUES, max_size=5))
def test_any_data_loads_or_gives_located_problems(data: dict[str, Any]) -> None:
    """Whatever shape the data has, loading gives a map or a LoadError whose problems are
    all located in the file (never another exception)."""
    text = json.dumps(data)
    problems: tuple[Any, ...] = ()
    try:
        loads(text, "m.yaml")
    except LoadError as exc:
        problems = tuple(exc.problems)
        assert problems, "a LoadError without problems"
    assert all(p.location.path == "m.yaml" and p.location.line >= 1 for p in problems)


def test_suggestions_in_a_large_table() -> None:
    """A large table suggests from the ids nearest the reference (sorted forwards and
    backwards), so a typo at the start, middle or end of an id is still found."""
    ids = [f"claim-{i:05d}-about-{word}" for i, word in
           enumerate(["trade", "borders", "talks", "pressure"] * 2500)]
    known = Suggestions(ids)
    assert len(known.ids) == 10_000
    assert known.close("claim-04242-about-talk") == "claim-04242-about-talks"
    assert known.close("clam-04242-about-talks") == "claim-04242-about-talks"
    assert known.close("claim-04242-abut-talks") == "claim-04242-about-talks"
    assert known.close("something else entirely") is None
    assert Suggestions(["a-b", "c-d"]).close("a-c") == "a-b"


@pytest.mark.parametrize(("text", "expected", "hint"), [
    ("argmap: " + "1" * 5000 + "\ntitle: T\n",
     "m.yaml:1:9: error: argmap: number too long (5,000 characters) [invalid-value]", "write 1"),
    ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A\n"
     "    confidence: " + "1" * 5001 + "\n",
     "m.yaml:7:17: error: nodes[0].confidence: number too long (5,001 characters) "
     "[invalid-value]", "write a number from 0 to 1, e.g. 0.75"),
    ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A\n"
     "    confidence: " + "x" * 5000 + "\n",
     "m.yaml:7:17: error: nodes[0].confidence: '" + "x" * 40 + "'... (5,000 characters) is "
     "not a number [invalid-value]", "write a number from 0 to 1, e.g. 0.75"),
], ids=["version", "confidence", "not-a-number"])
def test_huge_numbers_are_refused_in_argmap_words(text: str, expected: str,
                                                  hint: str) -> None:
    """A 5,000-digit value is neither echoed whole nor explained in the parser's words."""
    with pytest.raises(LoadError) as info:
        loads(text, "m.yaml")
    assert [(expected, hint)] == [(str(p), p.hint) for p in info.value.problems]
