"""The messages an analyst meets while typing a map (issue #14): libyaml's and pydantic's
words replaced by the project's own, each with the fix."""

from __future__ import annotations

import pytest
import yaml

from argmap import LoadError, loads

HEAD = "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"


def _problems(text: str) -> list[tuple[str, str | None]]:
    with pytest.raises(LoadError) as info:
        loads(text, "m.yaml")
    return [(str(p), p.hint) for p in info.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    (HEAD + "  - id: b\n    kind: claim\n    text: Critics say: the charge is wrong.\n",
     ("m.yaml:9:22: error: YAML syntax: a colon followed by a space inside an unquoted text "
      "starts a mapping [yaml-syntax]", 'put the text in quotes: text: "Critics say: ..."')),
    (HEAD + "  - id: b\n    kind: claim\n\ttext: tabbed\n",
     ("m.yaml:9:1: error: YAML syntax: a tab in the indentation; YAML indents with spaces "
      "only [yaml-syntax]", "replace the tab with spaces")),
    (HEAD + "  - id: b\n    kind: claim\n    text: B.\n   - id: c\n",
     ("m.yaml:10:4: error: YAML syntax: this line is not indented like the items of the list "
      "above it [yaml-syntax]", "start the items of a list with `- ` at one column, and the "
      "keys of an item at the column after its `- `")),
    ("a: [b, c\nd: e\n",
     ("m.yaml:2:2: error: YAML syntax: a list in [brackets] is not closed, or lacks a comma "
      "(it starts at line 1, column 4) [yaml-syntax]",
      "write a list as [a, b, c], or as `- a` lines below its key")),
    ("a: @b\n", ("m.yaml:1:4: error: YAML syntax: an unquoted text cannot start with @ "
                 "[yaml-syntax]", "put the text in quotes")),
    # A key indented more than its neighbours continues the text above: not a quoting
    # matter, an indentation one.
    (HEAD + "  - id: b\n      kind: claim\n    text: B.\n",
     ("m.yaml:8:11: error: YAML syntax: `kind:` is indented more than the keys above it, so "
      "YAML reads it as more of the value above [yaml-syntax]", "start `kind:` at the column "
      "of the keys above it (a text that goes on over several lines and holds `: ` is "
      "quoted)")),
    # A colon inside a text that goes on over lines: the text's own words, not a key alone.
    (HEAD + "  - id: b\n    kind: claim\n    text: B\n      and critics say: no.\n",
     ("m.yaml:10:22: error: YAML syntax: a colon followed by a space inside an unquoted text "
      "starts a mapping [yaml-syntax]", 'put the text in quotes: text: "Critics say: ..."')),
    # A text that starts with a quoted word: the quote ends the text, the rest is left over.
    (HEAD + '  - id: b\n    kind: claim\n    text: "Critics" say so.\n',
     ("m.yaml:9:21: error: YAML syntax: a text that starts with a quote ends at its closing "
      "quote; more follows [yaml-syntax]", "quote the whole text with the other quote mark: "
      "text: '\"Critics\" say ...'")),
    (HEAD + "  - id: b\n    kind: claim\n    text: 'Critics' say so.\n",
     ("m.yaml:9:21: error: YAML syntax: a text that starts with a quote ends at its closing "
      "quote; more follows [yaml-syntax]", "quote the whole text with the other quote mark: "
      "text: \"'Critics' say ...\"")),
    # Markdown emphasis, or a dash, at the start of a text: YAML's alias and list item.
    (HEAD + "  - id: b\n    kind: claim\n    text: *Critics* say so.\n",
     ("m.yaml:9:19: error: YAML syntax: a text that starts with `*` reads as a YAML alias "
      "[yaml-syntax]", 'put the text in quotes: text: "*Important* ..."')),
    (HEAD + "  - id: b\n    kind: claim\n    text: - Critics say so.\n",
     ("m.yaml:9:11: error: YAML syntax: a list item `- ` on the line of a key that already "
      "has a value [yaml-syntax]", "put the list's `- ` items on the lines below their key "
      '(a text that starts with `- ` is quoted: text: "- ...")')),
], ids=["colon-in-text", "tab", "list-indentation", "open-flow-list", "at-sign",
        "key-indented-too-far", "colon-in-continued-text", "double-quoted-start",
        "single-quoted-start", "emphasis-start", "dash-start"])
def test_syntax_errors_in_own_words(text: str, expected: tuple[str, str]) -> None:
    """A YAML syntax error says what is wrong in the analyst's terms, and how to fix it."""
    assert [expected] == _problems(text)


def test_a_relation_written_from_its_far_end_is_explained() -> None:
    """`supported_by: [a]` under b: the hint says to write `supports: [b]` under a, not to
    rename the key to `supports` (which would reverse the relation)."""
    text = HEAD + "  - id: b\n    kind: claim\n    text: B.\n    supported_by: [a]\n"
    assert [("m.yaml:10:5: error: unknown key 'supported_by' in nodes[1] [unknown-key]",
             "a relation is written under the node it starts from: write `supports: [b]` "
             "under 'a', not `supports` here (that would reverse it)")] == _problems(text)


def test_a_percentage_gets_its_number() -> None:
    """`confidence: 80%` is not pydantic's parser message: it says the scale and the
    number to write."""
    text = HEAD + "    confidence: 80%\n"
    assert [("m.yaml:7:17: error: nodes[0].confidence: '80%' is not a number from 0 to 1 "
             "[invalid-value]", "write 0.8 for 80%")] == _problems(text)
    text = HEAD + "    confidence: 1.5\n"
    assert [("m.yaml:7:17: error: nodes[0].confidence: '1.5' is not a number from 0 to 1 "
             "[invalid-value]", "write a number from 0 to 1, e.g. 0.75")] == _problems(text)


def test_a_misspelled_required_key_is_one_error() -> None:
    """`txt:` is one error (unknown key, did you mean 'text'), not two."""
    text = HEAD + "  - id: b\n    kind: claim\n    txt: B.\n"
    assert [("m.yaml:9:5: error: unknown key 'txt' in nodes[1] [unknown-key]",
             "did you mean 'text'?")] == _problems(text)


def test_a_missing_key_with_no_near_miss_is_still_reported() -> None:
    """Without a misspelling of it, a missing required key keeps its own error."""
    text = HEAD + "  - id: b\n    kind: claim\n    colour: red\n"
    assert ["missing-key", "unknown-key"] == [s.split("[")[-1].rstrip("]")
                                              for s, _ in _problems(text)]


@pytest.mark.parametrize(("key", "meant"), [("refutes", "attacks"), ("Contradicts", "attacks"),
                                            ("leads-to", "supports")])
def test_a_relation_in_other_words_gets_the_formats_word(key: str, meant: str) -> None:
    """`refutes: [a]` (no key of the format is close to it): the hint names the three
    relations and the one meant, instead of listing all fifteen keys of a node."""
    text = HEAD + f"  - id: b\n    kind: objection\n    text: B.\n    {key}: [a]\n"
    assert [(f"m.yaml:10:5: error: unknown key '{key}' in nodes[1] [unknown-key]",
             "a node's relations are `supports`, `attacks` and `undercuts` (of a relation): "
             f"did you mean `{meant}`?")] == _problems(text)


def test_another_unknown_key_lists_the_keys() -> None:
    """An unknown key that is neither close to a key nor a relation's word lists the keys."""
    text = HEAD + "    colour: red\n"
    assert [("m.yaml:7:5: error: unknown key 'colour' in nodes[0] [unknown-key]",
             "allowed keys: acknowledge, attacks, confidence, id, kind, locator, note, quote, "
             "section, source, supports, tags, text, title, undercuts")] == _problems(text)


REL = HEAD + "  - id: b\n    kind: claim\n    text: B.\n    supports:\n      - to: a\n"


@pytest.mark.parametrize(("text", "expected"), [
    (REL + "        kind: attacks\n",
     ("m.yaml:12:9: error: unknown key 'kind' in nodes[1].supports[0] [unknown-key]",
      "a relation's kind is the list it is written in: write it under `attacks:` of the node "
      "it starts from")),
    (REL + "        kind: rebuttal\n",
     ("m.yaml:12:9: error: unknown key 'kind' in nodes[1].supports[0] [unknown-key]",
      "a relation's kind is the list it is written in: write it under `supports:`, "
      "`attacks:` or `undercuts:` of the node it starts from")),
    (REL + "        confidence: 0.5\n",
     ("m.yaml:12:9: error: unknown key 'confidence' in nodes[1].supports[0] [unknown-key]",
      "did you mean 'strength'? a relation has a strength; confidence is a node's")),
    (REL.replace("      - to: a\n", "      - target: a\n"),
     ("m.yaml:11:9: error: unknown key 'target' in nodes[1].supports[0] [unknown-key]",
      "did you mean 'to'? a relation names its target with `to:`")),
    (HEAD + "    strength: 0.5\n",
     ("m.yaml:7:5: error: unknown key 'strength' in nodes[0] [unknown-key]",
      "did you mean 'confidence'? a node has a confidence; strength is a relation's")),
], ids=["relation-kind", "relation-kind-of-ones-own", "relation-confidence", "relation-target",
        "node-strength"])
def test_a_key_of_the_other_level_says_which_key_is_meant(text: str,
                                                          expected: tuple[str, str]) -> None:
    """A node's key written in a relation, or a relation's in a node, gets the key meant
    there (difflib offered `id` for a relation's `kind`)."""
    assert [expected] == _problems(text)


@pytest.mark.parametrize(("written", "col"), [
    ("    acknowledge: [unsupported-claim]\n", 18),
    ("    acknowledge:\n      - unsupported-claim: Asserted.\n", 7),
])
def test_an_acknowledgement_as_a_list_shows_how_to_write_it(written: str, col: int) -> None:
    """An acknowledgement written as a list: the hint shows the `rule-id: reason` line."""
    line = 7 if col == 18 else 8
    assert [(f"m.yaml:{line}:{col}: error: nodes[0].acknowledge: expected a mapping, found a "
             "list [invalid-value]", "give each rule its reason, a `rule-id: reason` line "
             "indented below `acknowledge:` (no `- `), e.g. `unsupported-claim: The source "
             "asserts it.`")] == _problems(HEAD + written)


def test_another_mapping_as_a_list_says_how_to_write_a_mapping() -> None:
    """A map's `check:` written as a list: the hint says how a mapping is written."""
    assert [("m.yaml:8:3: error: check: expected a mapping, found a list [invalid-value]",
             "write `name: value` lines indented below `check:` (no `- `)")] == _problems(
        HEAD + "check:\n  - ignore: [orphan-node]\n")


def test_a_text_that_starts_with_an_ampersand_is_told_to_quote_it() -> None:
    """`text: &c ...` is an anchor to YAML, refused; the hint also says how to write such
    a text."""
    [(message, hint)] = _problems(HEAD + "  - id: b\n    kind: claim\n    text: &c say so.\n")
    assert ("m.yaml:9:11: error: YAML anchors and aliases are not allowed in a map [anchor]",
            "write the value out again; anchors can expand exponentially (a text that starts "
            'with `&` or `*` is quoted: text: "&c ...")') == (message, hint)


@pytest.mark.parametrize(("text", "where", "words"), [
    (HEAD + "  - id: b\n    kind: claim\n    text: #1 priority is trade\n",
     "m.yaml:9:10: error: nodes[1].text", "#1 priority is trade"),
    ("argmap: 1\ntitle:   # Why \"coexistence\" \\ now  \n",
     "m.yaml:2:7: error: title", '# Why "coexistence" \\ now'),
])
def test_a_text_a_comment_took_whole_gets_the_quoted_line(text: str, where: str,
                                                          words: str) -> None:
    """`text: #1 priority` is an empty text to YAML: the hint says why and gives the line
    with the words in quotes, which YAML reads back as those words."""
    ((message, hint),) = _problems(text)
    assert f"{where}: expected text, found empty value [invalid-value]" == message
    assert hint is not None
    lead = "`#` after a colon starts a YAML comment: put the value in quotes to keep its words: "
    assert hint.startswith(lead)
    line = hint.removeprefix(lead)
    key = where.rsplit(".", 1)[-1].rsplit(" ", 1)[-1]
    assert {key: words} == yaml.safe_load(line)


def test_an_empty_text_without_a_comment_keeps_its_hint() -> None:
    """Nothing after the colon: the hint asks for the text, and says nothing of comments."""
    ((_, hint),) = _problems(HEAD + "  - id: b\n    kind: claim\n    text:\n")
    assert "write the text after the colon (or leave the key out where it is optional)" == hint
