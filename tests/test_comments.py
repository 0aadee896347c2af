"""Tests of argmap.checks._comments: finding where a YAML comment stands in a value's place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argmap.checks._comments import Before, before_comments, cut_at, first_words, lead_at

from .helpers import assert_linear


def test_cut_at_reads_only_the_values_lines() -> None:
    """cut_at folds a value's lines and stops at its end: a value that does not match
    its lines is not a finding, and no line past the text is asked for."""
    lines = ["text: a b", "  c d  # x", "other: 1"]
    asked: list[int] = []

    def line(i: int) -> str | None:
        asked.append(i)
        return lines[i] if i < len(lines) else None

    assert (1, 7, "# x") == cut_at(line, 0, 6, "a b c d")
    assert cut_at(line, 0, 6, "a b c d e") is None
    assert cut_at(line, 0, 6, "something else") is None
    assert max(asked) <= 1


def test_comments_after_other_keys_leave_no_word_to_look_for() -> None:
    """Comments on lines of their own and after keys that are not prose give no word
    and no key: then no value is read (the varied benchmark map's thousands of
    comments are such)."""
    text = ("# top\nnodes:  # the nodes\n  # a node\n  - id: a  # the id\n"
            "    strength: 0.4  # how\n    - to: b  # a relation\n    supports:  # why\n")
    assert Before(set(), set()) == before_comments(text)
    assert Before(set(), set()) == before_comments(text.encode())
    assert {"ally", "more"} == before_comments(
        "# a file's first comment\n  - text: the ally  # x # y\n    more  #y\n").words


def test_a_comment_right_after_a_prose_key_names_the_key() -> None:
    """`note: #1 priority` names `note`; so does a key in a flow mapping and an
    acknowledgement's rule id (its value is a reason in prose); not `id` or `tags`."""
    text = ("    note: #1 priority\n  - {to: a, quote: #2\n    unsupported-claim:  # why\n"
            "    id:  # the id\n    tags:  # labels\n")
    expected = Before(set(), {"note", "quote", "unsupported-claim"})
    assert expected == before_comments(text)
    assert expected == before_comments(text.encode())


def test_a_flow_collection_opened_before_a_comment_gives_its_last_word() -> None:
    """`supports: [{to: a, note: one two #3` ends with a note's word though its line
    starts with a key that is not prose."""
    assert {"two"} == before_comments("    supports: [{to: a, note: one two #3\n").words


def test_first_words_reads_the_line_below_a_comment_after_a_key() -> None:
    """The first word of the next line with content, past blank lines and comments of
    their own; only below the keys asked for."""
    text = ("note:  # c\n\n  # own line\n  more text\ntitle: #x\nid: a\n"
            "quote:  # q\n  كلمة\tthen\nother:  # o\n  skipped\n")
    assert {"more", "id:", "كلمة"} == first_words(text, {"note", "title", "quote"})
    assert {"more", "id:", "كلمة"} == first_words(text.encode(), {"note", "title", "quote"})
    assert set() == first_words("note:  # c at the end", {"note"})


def test_lead_at_finds_a_comment_straight_after_the_key() -> None:
    """An empty value with a comment after its colon, or a plain value below it, is
    found at the `#`; a value in quotes or a block below the comment, a value on the
    key's line, and a key with no comment are not."""
    lines = ["  note:   #1 priority", "    more", "  note:  # c", '    "quoted"',
             "  note: text", "  note:", "    text"]

    def line(i: int) -> str | None:
        return lines[i] if 0 <= i < len(lines) else None

    assert (0, 10, "#1 priority") == lead_at(line, (1, 3, 1, 8), "note", None)
    assert (0, 10, "#1 priority") == lead_at(line, (1, 3, 2, 5), "note", "more")
    assert lead_at(line, (3, 3, 4, 5), "note", "quoted") is None
    assert lead_at(line, (5, 3, 5, 9), "note", "text") is None
    assert lead_at(line, (6, 3, 7, 5), "note", "text") is None
    assert lead_at(line, (1, 3, 1, 8), "quote", None) is None  # not the key there


def make_hostile(size: int) -> Callable[[], Any]:
    """The word search over a line of ``size`` comments after a prose key, and as many
    lines of comments after other keys."""
    text = "text: a" + " #" * size + "\n" + "x: 1 # c #\n" * size
    return lambda: before_comments(text)


def test_the_word_search_is_linear() -> None:
    """Many ` #` on one line, and many lines of comments: each line is read once."""
    assert_linear(make_hostile, 5_000)


def make_hostile_below(size: int) -> Callable[[], Any]:
    """The search below comments after a key: ``size`` of them one under the other,
    each with ``size`` ` #` on its line, then as many comment lines and blank lines."""
    text = ("note: " + " #" * size + "\n") * size + "# c\n\n" * size + "  last\n"
    return lambda: first_words(text, {"note"})


def test_the_search_below_comments_is_linear() -> None:
    """Comments after keys one under the other, then many lines with no content: each
    line is read once."""
    assert_linear(make_hostile_below, 300)
