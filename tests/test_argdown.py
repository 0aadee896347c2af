"""Tests of argmap.interop.argdown (import): syntax, mapping, corpus, includes, hostile input."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.emit import emit
from argmap.errors import ArgmapError, LoadError
from argmap.interop.argdown import argdown_from_text, import_argdown
from argmap.loading.loader import loads
from argmap.model import ArgumentMap

from .helpers import THIRD_PARTY, assert_linear, corpus_files, corpus_params

#: (equivalence classes, arguments) the official Argdown CLI (@argdown/cli, `argdown json`)
#: reports for each third-party file (tests/data/third_party/); argmap's statement and
#: argument nodes must match.
ARGDOWN_CLI_COUNTS = {
    "argdown/examples/argdown-primer.argdown": (17, 4),
    "argdown/examples/legalisation-softdrugs.argdown": (1, 17),
    "argdown/examples/state-censorship.argdown": (28, 7),
    "argdown/packages/argdown-core/test/intro.argdown": (12, 5),
    "argdown/packages/argdown-core/test/lexer-comment.argdown": (4, 1),
    "argdown/packages/argdown-core/test/lexer-escaped-chars.argdown": (1, 0),
    "argdown/packages/argdown-core/test/lexer-windows-line-endings.argdown": (4, 1),
    "argdown/packages/argdown-core/test/model-escaped-chars.argdown": (1, 0),
    "argdown/packages/argdown-core/test/parser-arguments.argdown": (10, 4),
    "argdown/packages/argdown-core/test/parser-mix.argdown": (29, 2),
    "argdown/packages/argdown-core/test/veggie_debate.argdown": (25, 22),
    "argdown-mcp/tests/fixtures/dung/empty.argdown": (1, 0),
    "argdown-mcp/tests/fixtures/dung/reinstatement-4chain.argdown": (0, 4),
    "argdown-mcp/tests/fixtures/dung/self-attack-defeated.argdown": (0, 2),
    "argdown-mcp/tests/fixtures/dung/three-cycle.argdown": (0, 3),
    "argdown-mcp/tests/fixtures/valid.argdown": (3, 1),
}
#: Files the Argdown CLI itself refuses, with the error argmap reports.
INVALID = {
    "argdown-mcp/tests/fixtures/invalid.argdown": "4:3",
    # A lexer test: relation symbols with nothing to relate (Argdown: error at 1:1).
    "argdown/packages/argdown-core/test/lexer-relations.argdown": "1:1",
}
INCLUDE = THIRD_PARTY / "argdown" / "packages" / "argdown-cli" / "test"
CYCLE = THIRD_PARTY / "argdown-mcp" / "tests" / "fixtures" / "cycle"
#: Corpus-tier files (tests/conftest.py): every Argdown file of the larger corpus.
CORPUS_FILES = corpus_files("argdown/**/*.argdown")


def imported(text: str) -> ArgumentMap:
    """The map of an Argdown text (in memory, as `doc.argdown`)."""
    return argdown_from_text(text, "doc.argdown").map


def relations(amap: ArgumentMap) -> list[tuple[str, str, str]]:
    """Every relation as ``(source, kind, target)``."""
    return [(n.id, k.value, r.to) for n in amap.nodes for k, r in n.relations()]


def problems(text: str) -> list[str]:
    """The located problems of importing a text that does not import."""
    with pytest.raises(LoadError) as info:
        argdown_from_text(text, "doc.argdown")
    return [f"{p.location.line}:{p.location.col} {p.code}" for p in info.value.problems]


# --- third-party files ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ARGDOWN_CLI_COUNTS))
def test_third_party_file_imports_like_the_argdown_cli(name: str) -> None:
    """Each third-party file imports, loads as YAML, and has Argdown's statements and
    arguments."""
    result = import_argdown(THIRD_PARTY / name)
    nodes = [n for n in result.map.nodes if ".step-" not in n.id]
    arguments = sum(1 for n in nodes if n.tags[:1] == ("argument",))
    assert ARGDOWN_CLI_COUNTS[name] == (len(nodes) - arguments, arguments)
    assert result.map == loads(emit(result.map, comments=result.loss.by_node())).model


@pytest.mark.parametrize(("name", "where"), sorted(INVALID.items()))
def test_invalid_third_party_files_give_located_errors(name: str, where: str) -> None:
    """The files Argdown refuses give a located error, as in Argdown."""
    with pytest.raises(LoadError) as info:
        import_argdown(THIRD_PARTY / name)
    first = info.value.problems[0]
    expected = (str(THIRD_PARTY / name), where, "argdown-syntax")
    assert expected == (first.location.path, f"{first.location.line}:{first.location.col}",
                        first.code)


#: Written for argmap after ArgVu's ligature demo (argdown/argdown, packages/ArgVu/demo.argdown,
#: which ships under the ArgVu font's licence rather than MIT and so stays in the corpus
#: tier): the same constructs, which the Argdown CLI refuses.
LIGATURE_DEMO = """\
===
title: Ligatures
subtitle: frontmatter the map has no field for
===

[First]: relation symbols of all kinds
    <+ <B1>: a supporting argument
    <- <B2>: an attacking argument
    <_ <B3>: an undercutting argument
    >< <B4>: a contradicting argument

<Second>: shortcodes stand for logical symbols

(1) .~.(p.^.q).<->.(.~.p).v.(.~.q)
(2) :~::A:xP(x):<->:.E.x.~.P(x)
-----
an inference written between two lines of hyphens
-----
(3) [Nicer]
    + a support
    - an attack

References: @[Nicer] and @<B1>
"""


def test_lenient_on_ligature_demo_constructs() -> None:
    """The constructs of ArgVu's ligature demo (refused by Argdown) import, their oddities
    in the loss report: the inference between hyphen lines, the contradiction with an
    argument, the subtitle."""
    result = argdown_from_text(LIGATURE_DEMO, "demo.argdown")
    expected = [("not-imported", 3, 1), ("approximated", 9, 5), ("approximated", 10, 5),
                ("approximated", 19, 5)]
    assert expected == [(loss.code, *loss.location[1:]) for loss in result.loss.ordered()]
    assert 12 == len(result.map.nodes)
    assert result.map == loads(emit(result.map, comments=result.loss.by_node())).model


def test_include_example_resolves() -> None:
    """argdown-cli's include test: each file once; the repeat is skipped and reported."""
    result = import_argdown(INCLUDE / "include-test.argdown")
    texts = [n.text for n in result.map.nodes]
    expected = ["First line of main file", "First line of partial1", "First line of partial2",
                "Second line pof partial2", "Second line of partial1",
                "Second line of main file"]
    assert expected == texts
    [loss] = list(result.loss)
    assert (str(INCLUDE / "_partial2.argdown"), 3, 1) == loss.location
    assert "include cycle _partial1.argdown -> _partial2.argdown -> _partial1" in loss.message


def test_import_cycle_is_a_located_error() -> None:
    """argdown-mcp's two-file @import cycle is reported where it closes."""
    with pytest.raises(LoadError) as info:
        import_argdown(CYCLE / "a.argdown")
    [problem] = info.value.problems
    expected = (str(CYCLE / "b.argdown"), 1, 1, "include-cycle")
    assert expected == (*problem.location, problem.code)
    assert "a.argdown -> b.argdown -> a.argdown" in problem.message


# --- the corpus tier (pytest --corpus) ------------------------------------------------------


@pytest.mark.corpus  # as well as each parameter: without the corpus there is none
@pytest.mark.parametrize("path", corpus_params(
    CORPUS_FILES, [p.name for p in CORPUS_FILES]))
def test_corpus_file_imports_or_gives_located_errors(path: Path) -> None:
    """Every Argdown file of the corpus imports into a map that loads back as it is, or
    fails with errors located in a line of a file of the corpus."""
    try:
        result = import_argdown(path)
    except LoadError as exc:
        problems = list(exc.problems)
    else:
        assert result.map == loads(emit(result.map, comments=result.loss.by_node())).model
        return
    assert problems
    assert [] == [p for p in problems if not (
        Path(p.location.path).is_relative_to(path.parent) and p.location.line >= 1)]


@pytest.mark.corpus
def test_corpus_ligature_demo() -> None:
    """ArgVu's ligature demo itself (refused by Argdown) imports, its oddities in the loss
    report."""
    [path] = corpus_files("argdown/*ArgVu__demo.argdown")
    result = import_argdown(path)
    codes = sorted({loss.code for loss in result.loss})
    assert (13, ["approximated", "not-imported"]) == (len(result.map.nodes), codes)


@pytest.mark.corpus
def test_corpus_large_file_imports() -> None:
    """argdown-mcp's large.argdown (81k lines, 6,501 statements, 500 arguments) imports
    whole (its speed is measured by benchmarks/, not asserted here)."""
    [path] = corpus_files("argdown/*large.argdown")
    result = import_argdown(path)
    assert (7001, 13057) == (len(result.map.nodes), len(relations(result.map)))


# --- statements, arguments, relations ------------------------------------------------------


def test_statements_titles_and_equivalence_classes() -> None:
    """Same title, same node (first text kept, others in the loss report); ids from titles."""
    result = argdown_from_text("[Root Claim]: First.\n\n[Root Claim]: Second.\n\n"
                               "Untitled statement here.\n\n[Fleisch-OK]: Kept as written.",
                               "doc.argdown")
    ids = [(n.id, n.title, n.text) for n in result.map.nodes]
    expected = [("root-claim", "Root Claim", "First."),
                ("untitled-statement-here", None, "Untitled statement here."),
                ("Fleisch-OK", None, "Kept as written.")]
    assert expected == ids
    assert ["root-claim"] == [loss.node for loss in result.loss]


def test_titles_become_node_titles() -> None:
    """A statement's or an argument's title is the node's title as written (its slug the
    id), unless it is the id itself; a title the format refuses only names the id, and
    the loss report says so."""
    long = "Long " * 20
    result = argdown_from_text(
        "[Coercion fails]: Coercion has failed.\n  - <Deterrence works>\n\n"
        "<Deterrence works>: Deterrence kept the peace.\n\n[c1]: Terse.\n\n"
        f"[{long}]: Too long a title.", "doc.argdown")
    expected = [("coercion-fails", "Coercion fails"), ("deterrence-works", "Deterrence works"),
                ("c1", None), ("-".join(["long"] * 12), None)]
    assert expected == [(n.id, n.title) for n in result.map.nodes]
    assert [("not-imported", result.map.nodes[3].id, 8)] == [
        (e.code, e.node, e.location.line if e.location else 0) for e in result.loss]
    assert "a title is at most 80 characters" in result.loss.entries[0].message


def test_data_id_and_title_are_read() -> None:
    """A data element's `id` names the node (argmap's export writes it where the title's
    slug is not the id) and its `title` is the node's title; an id that is not valid, or
    already another node's, is reported and the node named from its title."""
    result = argdown_from_text(
        "[Coercion fails]: A. {id: c1}\n\n[b]: B. {title: Bee}\n\n"
        "[Other one]: C. {id: c1}\n\n[Bad one]: D. {id: 'not an id'}", "doc.argdown")
    assert [("c1", "Coercion fails"), ("b", "Bee"), ("other-one", "Other one"),
            ("bad-one", "Bad one")] == [(n.id, n.title) for n in result.map.nodes]
    assert [("other-one", 5), ("bad-one", 7)] == [
        (e.node, e.location.line if e.location else 0) for e in result.loss]


@pytest.mark.parametrize(("symbol", "expected"), [
    ("+", ("c", "supports", "p")), ("<+", ("c", "supports", "p")),
    ("+>", ("p", "supports", "c")), ("-", ("c", "attacks", "p")),
    ("<-", ("c", "attacks", "p")), ("->", ("p", "attacks", "c")),
])
def test_relation_symbols_both_directions(symbol: str, expected: tuple[str, str, str]) -> None:
    """``+ <+ +> - <- ->``: the child is the source of outgoing (<) relations."""
    assert [expected] == relations(imported(f"[p]: Parent.\n  {symbol} [c]: Child."))


def test_nesting_by_indentation() -> None:
    """Relations nest as in Argdown's lexer: a dedent to a level between two levels (G, at 4
    between 2 and 6) lands beside the members of the level it reaches, so A is G's parent
    (the official CLI agrees: tests/test_argdown_official.py, lexer-indentation)."""
    amap = imported("[A]: a\n  + [B]: b\n  - [C]: c\n      <+ [D]: d\n        <- [E]: e\n"
                    "          +> [F]: f\n    -> [G]: g")
    expected = [("A", "attacks", "G"), ("B", "supports", "A"), ("C", "attacks", "A"),
                ("D", "supports", "C"), ("E", "attacks", "D"), ("E", "supports", "F")]
    assert expected == sorted(relations(amap))


def test_undercut_of_an_unreconstructed_argument() -> None:
    """``_`` denies the argument's one outgoing relation: an undercuts of that relation."""
    amap = imported("[s]: S.\n  + <a>: A.\n    _ <u>: U.")
    assert [("a", "supports", "s"), ("u", "undercuts", "a--s")] == relations(amap)
    assert "a--s" == amap.nodes[1].supports[0].id


def test_undercut_of_a_statement_is_an_attack() -> None:
    """A statement has no inference to undercut: the undercut becomes an attack, reported."""
    result = argdown_from_text("[s]: S.\n  <_ [t]: T.", "doc.argdown")
    assert [("t", "attacks", "s")] == relations(result.map)
    assert ["approximated"] == [loss.code for loss in result.loss]


def test_contradiction_is_two_attacks() -> None:
    """``><`` (symmetric) becomes an attack each way, reported as approximated."""
    result = argdown_from_text("[a]: A.\n  >< [b]: B.", "doc.argdown")
    assert [("a", "attacks", "b"), ("b", "attacks", "a")] == relations(result.map)
    assert ["approximated"] == [loss.code for loss in result.loss]


def test_premise_conclusion_structure() -> None:
    """Premises support the argument node, which supports the conclusion."""
    amap = imported("<Arg>: Desc.\n\n(1) [P]: p\n(2) q\n----\n(3) [C]: c")
    expected = [("P", "supports", "Arg"), ("q", "supports", "Arg"), ("Arg", "supports", "C")]
    assert sorted(expected) == sorted(relations(amap))
    assert ("argument",) == amap.nodes[0].tags


def test_complex_argument_has_a_node_per_inference_step() -> None:
    """Each intermediate inference is an argument node of its own, with its inference rules."""
    amap = imported("<A>\n\n(1) p1\n(2) p2\n-- Modus ponens --\n(3) c1\n(4) p3\n----\n(5) c2")
    step = next(n for n in amap.nodes if n.id == "A.step-1")
    assert ("inference: Modus ponens", ("argument",)) == (step.note, step.tags)
    expected = {("p1", "supports", "A.step-1"), ("p2", "supports", "A.step-1"),
                ("A.step-1", "supports", "c1"), ("c1", "supports", "A"),
                ("p3", "supports", "A"), ("A", "supports", "c2")}
    assert expected == set(relations(amap))


def test_inference_uses_and_undercut_below_an_inference() -> None:
    """``uses`` picks the premises; ``<_`` below an inference undercuts that inference."""
    amap = imported("<A>\n\n(1) p1\n(2) p2\n--\n{uses: [2]}\n--\n  <_ [u]: U.\n(3) c")
    assert {("p2", "supports", "A"), ("A", "supports", "c"),
            ("u", "undercuts", "A--c")} == set(relations(amap))


def test_uses_of_a_one_line_inference_and_of_a_conclusion() -> None:
    """``uses`` in a one-line inference's data and on a conclusion pick the premises, and
    used data is not reported as left out (issue #15; Argdown's explode-arguments rule)."""
    result = argdown_from_text("<A>\n\n(1) p1\n(2) p2\n-- Modus ponens {uses: [1]} --\n"
                               "(3) c1\n(4) p3\n----\n(5) c2 {uses: [3, 4]}\n", "doc.argdown")
    expected = {("p1", "supports", "A.step-1"), ("A.step-1", "supports", "c1"),
                ("c1", "supports", "A"), ("p3", "supports", "A"), ("A", "supports", "c2")}
    assert expected == set(relations(result.map))
    assert [] == [str(e) for e in result.loss]


def test_other_data_of_an_inference_is_reported_without_its_uses() -> None:
    """What an inference's data holds besides ``uses`` is reported, and only that."""
    result = argdown_from_text("<A>\n\n(1) p\n--\n{uses: [1], logic: deductive}\n--\n(2) c",
                               "doc.argdown")
    assert ["doc.argdown:5:1: not-imported: data of an inference: {'logic': 'deductive'}"] \
        == [str(e) for e in result.loss]


def test_invalid_yaml_in_a_one_line_inference_is_a_located_error() -> None:
    """Broken data in ``-- rule {...} --`` is an error at the data, not silently dropped."""
    expected = ["4:29 yaml-syntax"]  # where the YAML parser stops, inside `{...}`
    assert expected == problems("<A>\n\n(1) p\n-- Modus ponens {uses: [1,] x: } --\n(2) c")


def test_an_undercut_below_a_conclusion_undercuts_its_inference() -> None:
    """``<_ X`` below a conclusion undercuts the inference above it, as in Argdown."""
    amap = imported("<A>\n\n(1) p\n----\n(2) c\n  <_ [u]: U.\n  - [x]: X.")
    assert {("p", "supports", "A"), ("A", "supports", "c"), ("u", "undercuts", "A--c"),
            ("x", "attacks", "c")} == set(relations(amap))


def test_hard_wrapped_text_after_a_relation_continues_it() -> None:
    """A line without a relation symbol continues the text above it at any indentation
    (Argdown's lexer-linebreak example), rather than starting a new statement."""
    amap = imported("[A]: a\n  + b, wrapped\nat column 0\n  - c\n")
    assert (["A", "b-wrapped-at-column-0", "c"], "b, wrapped at column 0") == \
        ([n.id for n in amap.nodes], amap.nodes[1].text)


def test_a_statement_at_column_0_after_a_relation_starts_a_new_element() -> None:
    """`[C]: c` right after a relation line (Argdown refuses it) is a statement of its own,
    not more text of the relation's member."""
    amap = imported("[A]: a\n  + [B]: b\n[C]: c\n  + d\n")
    assert ([("A", "a"), ("B", "b"), ("C", "c"), ("d", "d")],
            [("B", "supports", "A"), ("d", "supports", "C")]) == \
        ([(n.id, n.text) for n in amap.nodes], relations(amap))


@pytest.mark.parametrize("text", ["# H\n[A]: a\n  + b\n", "# H\nA\n  + b\n"])
def test_an_element_right_below_a_heading_is_not_the_heading(text: str) -> None:
    """A statement (or a line with relations below it) right after a heading, which Argdown
    refuses without a blank line, is read as if the blank line were there."""
    amap = imported(text)
    assert ([("b", "supports", amap.nodes[0].id)], "H") == \
        (relations(amap), amap.nodes[0].section)


def test_text_after_a_bare_reference_starts_a_new_element() -> None:
    """Text indented less than a relation to a bare reference is not that reference's text
    (which would redefine it): a new element, as if the blank line were there."""
    amap = imported("<A>: a\n  + [S]\n[P]: padding\n  + [R]\n")
    expected = [("R", "supports", "P"), ("S", "supports", "A")]
    assert (expected, "S") == (sorted(relations(amap)),
                               next(n.text for n in amap.nodes if n.id == "S"))


@pytest.mark.parametrize(("written", "text"), [
    (".A. x .E. y: x .->. y", "\u2200 x \u2203 y: x \u2192 y"),
    (":+1: e.g. 10:30 .&.", "\U0001f44d e.g. 10:30 .&."),
    ("x.y.A.z", "x\u2714A.z"),
    ("\\.A. and \\:+1:", ".A. and :+1:"),
])
def test_shortcodes_become_argdowns_characters(written: str, text: str) -> None:
    """Argdown's shortcodes (`.A.` -> ∀ ...) are replaced as Argdown's lexer finds them
    (`.y.` is one: ✔); unknown ones and escaped ones stay as written."""
    [node] = imported(f"[s]: {written}").nodes
    assert text == node.text


def test_headings_wrapped_over_lines_and_indented() -> None:
    """A heading runs to the blank line (its data reported); ``  # Heading`` is one too."""
    result = argdown_from_text("# A heading\nwrapped {isGroup: false}\n\n[A]: a\n\n # Second\n\n"
                               "[B]: b\n", "doc.argdown")
    assert [("A", "A heading wrapped"), ("B", "Second")] == \
        [(n.id, n.section) for n in result.map.nodes]


def test_anonymous_argument() -> None:
    """A reconstruction after anything but an argument is an argument of its own."""
    amap = imported("Some text.\n\n(1) p\n----\n(2) The conclusion")
    assert "argument-for-the-conclusion" in [n.id for n in amap.nodes]


def test_tags_at_the_edges_leave_the_text() -> None:
    """Edge hashtags become tags only; hashtags inside a sentence stay in the text too."""
    [node] = imported("#first A #middle word. #(last one)").nodes
    assert ("A #middle word.", ("first", "middle", "last one")) == (node.text, node.tags)


def test_headings_are_sections() -> None:
    """A node's section is the heading above its first definition."""
    amap = imported("# One\n\n[a]: A.\n  + [b]\n\n## Two\n\n[b]: B.\n\n[c]: C.")
    assert [("a", "One"), ("b", "Two"), ("c", "Two")] == [(n.id, n.section) for n in amap.nodes]


def test_data_elements() -> None:
    """Known keys become node fields; unknown ones and unknown sources are reported."""
    result = argdown_from_text(
        "===\ntitle: T\nsources:\n  - id: art\n    title: Article\n===\n\n"
        "[a]: A. {kind: evidence, source: art, quote: \"Q\", confidence: 0.5, isInMap: false}"
        "\n\n[b]: B.\n{\nsource: nowhere\nlocator: p. 3\n}", "doc.argdown")
    a, b = result.map.nodes
    assert ("evidence", "art", "Q", 0.5) == (a.kind.value, a.source, a.quote, a.confidence)
    assert (None, "p. 3") == (b.source, b.locator)
    assert [("a", 8), ("b", 11)] == [(loss.node, loss.location.line if loss.location else 0)
                                     for loss in result.loss]


def test_frontmatter() -> None:
    """Title, author and date are read (the date converted); Argdown settings reported."""
    result = argdown_from_text("===\ntitle: Debate\nauthor: Ann\ndate: 22/10/2018\n"
                               "model:\n    mode: strict\n===\n\nA.", "doc.argdown")
    amap = result.map
    assert ("Debate", ("Ann",), "2018-10-22") == (amap.title, amap.authors, amap.date)
    assert ["approximated", "not-imported"] == sorted(loss.code for loss in result.loss)


def test_comments_before_the_frontmatter() -> None:
    """Comments and blank lines may stand before the frontmatter (as argmap's export
    begins), as Argdown's lexer skips them; an unclosed one hides it and is reported."""
    result = argdown_from_text("// Generated by argmap.\n\n/* a\nnote */ <!-- x -->\n"
                               "===\ntitle: Debate\n===\n\n[a]: A.\n", "doc.argdown")
    assert ("Debate", ["a"], []) == (result.map.title, [n.id for n in result.map.nodes],
                                     list(result.loss))
    with pytest.raises(LoadError, match=r"doc.argdown:1:1: error: comment /\* is never"):
        argdown_from_text("/* open\n===\ntitle: Debate\n===\n\n[a]: A.\n", "doc.argdown")


def test_comments_escapes_and_links() -> None:
    """Comments vanish; `//` inside a link is not one; escapes are resolved."""
    [a, b] = imported("[a]: A [l](http://x.org/p) // gone\n/* gone */\n\n"
                      "\\[b\\]: \\#not a tag <!-- gone -->").nodes
    assert ("A [l](http://x.org/p)", "[b]: #not a tag", ()) == (a.text, b.text, b.tags)


def test_lists_and_windows_line_endings() -> None:
    """List items are statements; CRLF reads like LF."""
    amap = imported("* [a]: A.\r\n* [b]: B.\r\n  + [c]: C.\r\n")
    assert [("c", "supports", "b")] == relations(amap)


def test_title_falls_back_to_the_first_heading() -> None:
    """Without a frontmatter title, the first heading names the map."""
    assert "The debate" == imported("# The debate\n\nA.").title


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("A.\n\n  + B.", ["3:3 argdown-syntax"]),
    ("A.\n  +", ["2:3 argdown-syntax"]),
    ("A. /* never closed", ["1:4 argdown-syntax"]),
    ("===\ntitle: x\n\nA.", ["1:1 argdown-syntax"]),
    ("(1) p\n(2) q", ["1:1 argdown-syntax"]),
    ("(1) p\n----\n(2) c\n(3) trailing premise", ["1:1 argdown-syntax"]),
    ("[a]: A. {a: b: c}", ["1:14 yaml-syntax"]),
    ("[a]: A.\n{\nkey: value\nkey: again\n}", ["4:1 duplicate-key"]),
    ("@include(missing.argdown)", ["1:1 include"]),
    ("@include(secret.txt)", ["1:1 include"]),
])
def test_errors_are_located(text: str, expected: list[str]) -> None:
    """Every malformed construct is a located error, never a crash."""
    assert expected == problems(text)


def test_includes_resolve_relative_to_the_including_file(tmp_path: Path) -> None:
    """``@include`` paths are relative to the file that includes them."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "part.argdown").write_text("[p]: Included.\n", encoding="utf-8")
    main = tmp_path / "main.argdown"
    main.write_text("[m]: Main.\n  + [p]\n\n@include(sub/part.argdown)\n", encoding="utf-8")
    amap = import_argdown(main).map
    assert [("m", "Main."), ("p", "Included.")] == [(n.id, n.text) for n in amap.nodes]


SECRET = "SECRET-7f3a: the content of a file outside the tree"


def include_problems(main: Path) -> list[tuple[int, str, str]]:
    """``(line, code, message)`` of each problem importing ``main`` (which must fail)."""
    with pytest.raises(LoadError) as info:
        import_argdown(main)
    assert SECRET not in str(info.value)
    return [(p.location.line, p.code, p.message) for p in info.value.problems]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder ``doc`` (the working directory) beside a secret Argdown file."""
    (tmp_path / "secret.argdown").write_text(f"[s]: {SECRET}\n", encoding="utf-8")
    doc = tmp_path / "doc"
    doc.mkdir()
    monkeypatch.chdir(doc)
    return doc


@pytest.mark.parametrize("target", ["../secret.argdown", "{outside}", "sub/../../secret.argdown",
                                    "link.argdown", "linkdir/secret.argdown"])
def test_include_outside_the_tree_is_refused(hostile: Path, target: str) -> None:
    """An include leading outside the imported file's folder (and the working directory),
    by ``..``, an absolute path or a symlink, is refused where it stands, unread."""
    (hostile / "link.argdown").symlink_to(hostile.parent / "secret.argdown")
    (hostile / "linkdir").symlink_to(hostile.parent)
    target = target.format(outside=hostile.parent / "secret.argdown")
    main = hostile / "main.argdown"
    main.write_text(f"[m]: Main.\n\n@include({target})\n", encoding="utf-8")
    [(line, code, message)] = include_problems(main)
    assert (3, "include-outside-tree") == (line, code)
    assert message.startswith(f"@include({target}): outside the folder")


def test_include_from_the_working_directory_is_allowed(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of the working directory's tree may be included from a folder below it."""
    (tmp_path / "shared.argdown").write_text("[s]: Shared.\n", encoding="utf-8")
    (tmp_path / "doc").mkdir()
    main = tmp_path / "doc" / "main.argdown"
    main.write_text("[m]: Main.\n\n@include(../shared.argdown)\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert ["m", "s"] == [n.id for n in import_argdown(main).map.nodes]
    monkeypatch.chdir(tmp_path / "doc")
    assert [(3, "include-outside-tree")] == [(line, code) for line, code, _ in
                                             include_problems(main)]


@pytest.mark.parametrize(("make", "expected"), [
    (Path.mkdir, "a folder, not a file"),
    (os.mkfifo, "a FIFO (named pipe), not a file"),
], ids=["folder", "fifo"])
def test_include_of_something_not_a_file_is_refused(
        hostile: Path, make: Callable[[Path], None], expected: str) -> None:
    """A folder or FIFO named like an Argdown file is refused without opening it."""
    make(hostile / "odd.argdown")
    main = hostile / "main.argdown"
    main.write_text("@include(odd.argdown)\n", encoding="utf-8")
    assert [(1, "include-not-a-file", f"@include(odd.argdown): {expected}")] == \
        include_problems(main)


def test_fifo_swapped_in_after_the_check_does_not_block(tmp_path: Path) -> None:
    """The open descriptor is checked again: a FIFO that passed as a regular file (here
    by a faked stat) is refused at once instead of waiting for a writer."""
    fifo = tmp_path / "late.argdown"
    os.mkfifo(fifo)
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from argmap.interop.argdown import _include\n"
        f"regular = os.stat({str(tmp_path)!r} + '/regular')\n"
        "_include.os.stat = lambda path: regular\n"
        "try:\n"
        f"    _include.read_regular(Path({str(fifo)!r}), 1000)\n"
        "except _include.Refused as exc:\n"
        "    print(exc.code, exc.message)\n")
    (tmp_path / "regular").write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=20, env=env, check=True)
    assert "include-not-a-file a FIFO (named pipe), not a file\n" == done.stdout


def test_include_over_the_size_cap_is_refused(hostile: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An include that does not fit in what is left of the size cap is refused unread."""
    from argmap.loading import source

    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    (hostile / "big.argdown").write_text(f"[b]: {SECRET} {'x' * 1000}\n", encoding="utf-8")
    main = hostile / "main.argdown"
    main.write_text("[m]: Main.\n\n@include(big.argdown)\n", encoding="utf-8")
    size, left = (hostile / "big.argdown").stat().st_size, 1000 - main.stat().st_size
    expected = [(3, "include-too-large", f"@include(big.argdown): it is {size:,} bytes, more "
                 f"than the {left} bytes left of the 1,000 bytes argmap reads for a document "
                 "and its includes")]
    assert expected == include_problems(main)


@pytest.mark.parametrize(("target", "expected"), [
    ("{a: b}", "@include('\\x00'): not a file name"),
    ("a" * 5000 + ".argdown", f"@include({'a' * 99}…): cannot read it: file name too long"),
], ids=["data-block", "long-name"])
def test_include_of_an_impossible_name_is_a_located_error(hostile: Path, target: str,
                                                          expected: str) -> None:
    """A name the system cannot take is a located error, never a Python exception."""
    main = hostile / "main.argdown"
    main.write_text(f"[m]: Main.\n@include({target})\n", encoding="utf-8")
    assert [(2, expected)] == [(line, message) for line, _, message in include_problems(main)]


def test_a_file_included_many_times_is_read_once(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 includes of one file read it once and make one line of the loss report."""
    from argmap.interop.argdown import _include

    reads: list[Path] = []
    real_read = _include.read_regular

    def counting(path: Path, cap: int) -> bytes:
        reads.append(path)
        return real_read(path, cap)

    monkeypatch.setattr(_include, "read_regular", counting)
    (tmp_path / "part.argdown").write_text("[p]: Part.\n", encoding="utf-8")
    main = tmp_path / "main.argdown"
    main.write_text("[m]: Main.\n\n" + "@include(part.argdown)\n" * 100_000, encoding="utf-8")
    result = import_argdown(main)
    assert (["m", "p"], [tmp_path / "part.argdown"]) == ([n.id for n in result.map.nodes], reads)
    [loss] = result.loss
    assert (str(main), 4, 1) == loss.location
    assert loss.message.endswith("already included (each file is included once, as Argdown "
                                 "does) (and 99,998 more times)")


def test_a_file_of_two_includes_is_included_once(tmp_path: Path) -> None:
    """Two files that include the same third: it is included once, the repeat reported."""
    for name, text in [("a.argdown", "[a]: A.\n\n@include(c.argdown)\n"),
                       ("b.argdown", "[b]: B.\n\n@include(c.argdown)\n"),
                       ("c.argdown", "[c]: C.\n")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    main = tmp_path / "main.argdown"
    main.write_text("@include(a.argdown)\n@include(b.argdown)\n", encoding="utf-8")
    result = import_argdown(main)
    assert ["a", "c", "b"] == [n.id for n in result.map.nodes]
    assert [(str(tmp_path / "b.argdown"), 3, "already included")] == [
        (loss.location.path, loss.location.line, "already included") for loss in result.loss
        if loss.location and "already included" in loss.message]


def test_problems_are_capped_per_file(tmp_path: Path) -> None:
    """100,000 includes of a missing file report 200 problems and a note, as maps do."""
    main = tmp_path / "main.argdown"
    main.write_text("@include(missing.argdown)\n" * 100_000, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        import_argdown(main)
    found = info.value.problems
    assert (201, "too-many-problems", 200) == (len(found), found[-1].code,
                                               found[-1].location.line)


def test_too_large_text_is_refused() -> None:
    """Text over the size cap is refused before any work is done."""
    from argmap.loading import source

    big = "x" * (source.MAX_BYTES + 1)
    assert ["1:1 file-too-large"] == problems(big)


#: Inputs that make naive scanners quadratic, as a function of their size.
HOSTILE_SHAPES: dict[str, Callable[[int], str]] = {
    "braces": lambda n: "{" * 50 * n,
    "brace-lines": lambda n: "{\n" * 50 * n,
    "brackets": lambda n: "[" * 50 * n,
    "tag-opens": lambda n: "#(" * 25 * n,
    "link-opens": lambda n: "[a](" * 12 * n,
    "relations": lambda n: "a\n" + "  + b\n" * 10 * n,
    "premises": lambda n: "(1) a\n" * 5 * n + "----\n(2) c",
    "data": lambda n: "[a]: x {k: v}\n" * 10 * n,
    "deep": lambda n: "root\n" + "".join(" " * i + "+ s\n" for i in range(1, 2 * n)),
    "headings": lambda n: "# h\n" * 20 * n,
}


@pytest.mark.parametrize("shape", list(HOSTILE_SHAPES))
def test_hostile_shapes_stay_linear(shape: str) -> None:
    """Inputs that make naive scanners quadratic import (or fail) in work that grows with
    their size: doubling one (25,000 braces, 1,000 levels of relations, ...) at most
    doubles the function calls made, where a quadratic scanner's quadruple (it took
    minutes). The counts are the same on any machine; a hang fails after 60 s, far above
    the fraction of a second each takes (benchmarks/bench_hostile.py times them)."""
    def make(n: int) -> Callable[[], Any]:
        def run() -> None:
            with contextlib.suppress(ArgmapError):
                argdown_from_text(HOSTILE_SHAPES[shape](n), "doc.argdown")
        return run

    assert_linear(make, 500)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("[]<>():+-_#{}@/*!\\\"'=\n \tabc1")),
               max_size=200))
def test_hostile_text_never_crashes(text: str) -> None:
    """Random Argdown-like text imports or fails with an ArgmapError, never anything else."""
    try:
        result = argdown_from_text(text, "doc.argdown")
    except ArgmapError:
        return
    assert result.map == loads(emit(result.map)).model


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_truncated_third_party_files_never_crash(data: st.DataObject) -> None:
    """Any prefix of a real document imports or fails with an ArgmapError."""
    name = data.draw(st.sampled_from(sorted(ARGDOWN_CLI_COUNTS)))
    text = (THIRD_PARTY / name).read_text(encoding="utf-8")
    cut = data.draw(st.integers(0, len(text)))
    with contextlib.suppress(ArgmapError):
        argdown_from_text(text[:cut], str(THIRD_PARTY / name))


def test_an_import_names_the_files_it_included(tmp_path: Path) -> None:
    """``Imported.included``: each file spliced in, once, by its real path (the command
    refuses to write over them); a document that includes nothing names none."""
    (tmp_path / "part.argdown").write_text("[C]: c\n", encoding="utf-8")
    (tmp_path / "link.argdown").symlink_to(tmp_path / "part.argdown")
    main = tmp_path / "main.argdown"
    main.write_text('@import "link.argdown"\n@import "part.argdown"\n\n[A]: a\n',
                    encoding="utf-8")
    alone = tmp_path / "alone.argdown"
    alone.write_text("[A]: a\n", encoding="utf-8")
    assert ((tmp_path.resolve() / "part.argdown",), ()) == (
        import_argdown(main).included, import_argdown(alone).included)
