"""argmap.lsp.features: diagnostics, hovers, outline and quick fixes in protocol terms."""

from __future__ import annotations

import pytest
from lsprotocol import types as t

from argmap import LoadError, Location, Problem, Severity, loads
from argmap.lsp.features import (
    acknowledge_edit,
    code_actions,
    diagnostic,
    hover_text,
    symbols,
)
from argmap.lsp.text import Lines

MAP = """\
argmap: 1
title: T
nodes:
  - id: a
    kind: claim
    text: A.
    acknowledge:
      orphan-node: kept on purpose
  - {id: b, kind: claim, text: B., acknowledge: {orphan-node: why}}
  - id: c
    kind: claim
    text: C.
"""


def test_an_acknowledgement_joins_the_nodes_own() -> None:
    """A node with `acknowledge:` gets the rule as one more entry; one without gets the
    block under its id; a node written as a flow mapping gets no edit."""
    m = loads(MAP, "m.yaml")
    lines = Lines(MAP)
    first = acknowledge_edit(m, lines, "m:a", "unsupported-claim")
    third = acknowledge_edit(m, lines, "m:c", "unsupported-claim")
    assert first is not None
    assert third is not None
    assert (t.Position(7, 0), '      unsupported-claim: "why this finding stands"\n') == (
        first.range.start, first.new_text)
    assert (t.Position(10, 0), '    acknowledge:\n      unsupported-claim: "why this finding '
            'stands"\n') == (third.range.start, third.new_text)
    assert acknowledge_edit(m, lines, "m:b", "unsupported-claim") is None
    assert acknowledge_edit(m, lines, "other:c", "unsupported-claim") is None


def test_a_diagnostic_underlines_the_scalar_and_carries_the_hint() -> None:
    """The range is the value at the problem's place; the hint is in the message and data."""
    problem = Problem(Location("m.yaml", 4, 9), "dangling-reference", "no node with id 'x'",
                      Severity.ERROR, "did you mean 'a'?")
    found = diagnostic(problem, Lines(MAP))
    assert t.Range(t.Position(3, 8), t.Position(3, 9)) == found.range
    assert "no node with id 'x'\nhint: did you mean 'a'?" == found.message
    assert {"hint": "did you mean 'a'?", "node": None} == found.data


def test_a_passage_cut_short_is_not_offered_as_the_quote() -> None:
    """The closest passage is a fix only when whole: a passage cut with "…" is not."""
    cut = t.Diagnostic(range=t.Range(t.Position(5, 10), t.Position(5, 12)), message="m",
                       code="quote-not-found", data={"hint": "closest passage: 'abc…'"})
    whole = t.Diagnostic(range=t.Range(t.Position(5, 10), t.Position(5, 12)), message="m",
                         code="quote-not-found", data={"hint": "closest passage: 'a \"b'"})
    actions = code_actions("file:///m.yaml", Lines(MAP), None, [cut, whole])
    assert [[whole]] == [a.diagnostics for a in actions]
    assert '"a \\"b"' == actions[0].edit.changes["file:///m.yaml"][0].new_text  # type: ignore[union-attr,index]


def test_hover_of_a_source_and_a_relation() -> None:
    """A source shows its title and facts; a named relation its ends."""
    m = loads("argmap: 1\ntitle: T\nsources:\n  - id: s\n    title: The source\n"
              "    author: Ann\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
              "    supports:\n      - to: b\n        id: r\n  - id: b\n    kind: claim\n"
              "    text: B.\n", "m.yaml")
    assert "source s\n\nThe source\n\nAnn" == hover_text("m:s", m, None)
    assert "relation r: a supports b" == hover_text("m:r", m, None)
    assert hover_text("m:nothing", m, None) is None


def test_a_reference_in_a_mapping_is_underlined_and_fixed_in_place() -> None:
    """`- to: bb` is located at its `to` key by the loader: the diagnostic underlines `bb`,
    and the "did you mean" fix replaces `bb`, never the key."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
            "    supports:\n      - to: bb\n")
    lines = Lines(text)
    problem = Problem(Location("m.yaml", 8, 9), "dangling-reference", "no node with id 'bb'",
                      Severity.ERROR, "did you mean 'b'?")
    found = diagnostic(problem, lines)
    assert t.Range(t.Position(7, 12), t.Position(7, 14)) == found.range
    actions = code_actions("file:///m.yaml", lines, None, [found])
    assert [("Change to 'b'", found.range)] == [
        (a.title, a.edit.changes["file:///m.yaml"][0].range)  # type: ignore[union-attr,index]
        for a in actions]
    elsewhere = t.Diagnostic(range=t.Range(t.Position(7, 8), t.Position(7, 10)), message=
                             "no node with id 'bb'", data={"hint": "did you mean 'b'?"})
    assert [] == code_actions("file:///m.yaml", lines, None, [elsewhere])


def test_a_titled_node_is_named_by_its_title_in_hovers_and_the_outline() -> None:
    """A node's title follows its id in its hover, and is its outline entry's detail (the
    text's start for a node without one)."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: c1\n    kind: claim\n"
            "    text: Coercion has failed.\n    title: Coercion fails\n"
            "  - id: c2\n    kind: claim\n    text: Talks failed.\n")
    m = loads(text, "m.yaml")
    assert "claim c1: Coercion fails\n\nCoercion has failed." == hover_text("m:c1", m, None)
    assert "claim c2\n\nTalks failed." == hover_text("m:c2", m, None)
    [group] = symbols(m, Lines(text))
    assert ["claim: Coercion fails", "claim: Talks failed."] == [
        s.detail for s in group.children or []]


def test_a_suggestion_cut_in_the_hint_is_no_quick_fix() -> None:
    """A "did you mean" id longer than errors.SHOWN is cut with … in the hint: it is no
    id to write into the map, so no quick fix offers it; one in full still is."""
    from argmap.errors import SHOWN, shown

    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
            "    supports:\n      - to: bb\n")
    lines = Lines(text)
    titles = []
    for suggestion in ("b" * SHOWN, "b" * (SHOWN + 1)):
        problem = Problem(Location("m.yaml", 8, 9), "dangling-reference",
                          "no node with id 'bb'", Severity.ERROR,
                          f"did you mean {shown(suggestion)}?")
        found = diagnostic(problem, lines)
        titles += [a.title for a in code_actions("file:///m.yaml", lines, None, [found])]
    assert [f"Change to '{'b' * SHOWN}'"] == titles


@pytest.mark.parametrize("text", ["", "\ufeff", MAP, MAP.rstrip("\n")])
@pytest.mark.parametrize(("line", "col"), [(0, 0), (1, 0), (0, 5), (-3, -3), (99, 1), (4, 999),
                                           (2**31, 2**31)])
def test_a_problem_anywhere_is_a_diagnostic_inside_the_document(text: str, line: int,
                                                               col: int) -> None:
    """A problem at line 0, column 0, or past the end of the text (a location no loader
    should give, or one counted another way) is underlined inside the document:
    lsprotocol refuses a position at line -1, and the diagnostics of the whole document
    were lost with a traceback in the server's log."""
    lines = Lines(text)
    found = diagnostic(Problem(Location("m.yaml", line, col), "x", "m"), lines)
    for p in (found.range.start, found.range.end):
        assert 0 <= p.line < len(lines)
        assert 0 <= p.character <= len(lines.line(p.line))


def test_a_diagnostic_after_a_line_separator_is_on_its_line() -> None:
    """A title holding U+2028 is two lines to YAML and one to the editor: the dangling
    reference after it is underlined where it is, not a line lower."""
    text = MAP.replace("title: T", "title: 'T\u2028U'") + "    supports: [zz]\n"
    with pytest.raises(LoadError) as raised:
        loads(text, "m.yaml")
    [problem] = raised.value.problems
    assert 14 == problem.location.line
    found = diagnostic(problem, Lines(text))
    assert (12, "zz") == (found.range.start.line, text.split("\n")[12][
        found.range.start.character:found.range.end.character])


def test_the_outline_after_a_line_separator() -> None:
    """Outline entries after a break YAML alone counts are where the editor shows them."""
    text = MAP.replace("title: T", "title: 'T\u2028U'")
    [group] = symbols(loads(text, "m.yaml"), Lines(text))
    assert [3, 8, 9] == [s.selection_range.start.line for s in group.children or []]


def test_an_acknowledgement_under_an_id_that_ends_the_text() -> None:
    """A node whose `id:` is the text's last line, with no line break after it, gets its
    `acknowledge:` after a new line break (an insertion at the line after the last one
    is outside the document, and the editor would put it on the id's line)."""
    text = "argmap: 1\ntitle: T\nnodes:\n  - kind: claim\n    text: A.\n    id: a"
    m = loads(text, "m.yaml")
    edit = acknowledge_edit(m, Lines(text), "m:a", "orphan-node")
    assert edit is not None
    assert (t.Position(5, 9), t.Position(5, 9)) == (edit.range.start, edit.range.end)
    fixed = text + edit.new_text
    assert {"orphan-node": "why this finding stands"} == \
        loads(fixed, "m.yaml").map.nodes[0].acknowledge
