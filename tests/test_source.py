"""Tests of argmap.loading.source: text stays text, positions count from 1, every refusal is
located."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from argmap.errors import LoadError, Location
from argmap.loading import _fastyaml, source

from .helpers import all_spans, fast_document, finishes, scan_both
from .test_fastyaml import SETTINGS, mapping, sequence


def both(text: str) -> list[tuple[Any, dict[Any, Any]]]:
    """The result of the fast scanner and of the reference composer, for the same text."""
    return scan_both(text)


def problems(text: str) -> list[str]:
    """Every problem ``source.parse`` reports, as ``path:line:col: ... [code]`` lines."""
    with pytest.raises(LoadError) as info:
        source.parse(text, "m.yaml")
    return [str(p) for p in info.value.problems]


YAML11 = ["no", "No", "NO", "on", "off", "yes", "y", "n", "true", "False", "1:20", "1.10", "0755",
          "1e3", "0x1F", "+12", ".inf", "-.Inf", ".nan", "2024-01-02",
          "2001-12-14t21:59:43.10-05:00", "1_000", "=", "<<"]


@pytest.mark.parametrize("word", YAML11)
def test_scalars_stay_the_text_written(word: str) -> None:
    """Words YAML 1.1 turns into booleans, numbers or dates stay strings, as value and item."""
    text = f"a: {word}\nb: [{word}, x]\nc:\n  - {word}\n"
    expected = {"a": word, "b": [word, "x"], "c": [word]}
    for data, _ in both(text):
        assert expected == data


@pytest.mark.parametrize("word", ["no", "on", "1", "0755", "1.10", "true"])
def test_keys_stay_the_text_written(word: str) -> None:
    """Keys such as ``no:`` or ``1:`` are strings too, not booleans or integers."""
    for data, _ in both(f"{word}: x\n"):
        assert {word: "x"} == data


def test_yaml11_scalars_in_quotes_and_block_scalars() -> None:
    """Quoted and block forms of the same words are the same strings."""
    text = "a: 'no'\nb: \"1:20\"\nc: |-\n  0755\n"
    for data, _ in both(text):
        assert data == {"a": "no", "b": "1:20", "c": "0755"}


@pytest.mark.parametrize("written", ["~", "null", "Null", "NULL", ""])
def test_plain_null_forms_are_none(written: str) -> None:
    """An unquoted ``~``, ``null`` or an empty value is None (the only non-string scalar)."""
    text = f"a: {written}\nb: [{written or '~'}]\n"
    for data, _ in both(text):
        assert data == {"a": None, "b": [None]}


@pytest.mark.parametrize(("written", "expected"),
                         [("'null'", "null"), ('"~"', "~"), ("''", ""), ('""', ""),
                          ("'NULL'", "NULL")])
def test_quoted_null_forms_are_strings(written: str, expected: str) -> None:
    """Quoting a null form keeps it as the text written."""
    for data, _ in both(f"a: {written}\n"):
        assert {"a": expected} == data


def test_explicit_str_tag_keeps_text() -> None:
    """``!!str`` and ``!`` tags are allowed: they only say "this is text"."""
    document = source.parse("a: !!str no\nb: ! 1\n")
    assert document.data == {"a": "no", "b": "1"}


SPANS_TEXT = """\
argmap: 1
title:   T
nodes:
  - id: a
    kind: claim
    tags: [x,  y]
    note:
"""
SPANS = {
    ("argmap",): (1, 1, 1, 9),
    ("title",): (2, 1, 2, 10),
    ("nodes",): (3, 1, 4, 3),
    ("nodes", 0): (4, 5, 4, 5),
    ("nodes", 0, "id"): (4, 5, 4, 9),
    ("nodes", 0, "kind"): (5, 5, 5, 11),
    ("nodes", 0, "tags"): (6, 5, 6, 11),
    ("nodes", 0, "tags", 0): (6, 12, 6, 12),
    ("nodes", 0, "tags", 1): (6, 16, 6, 16),
    ("nodes", 0, "note"): (7, 5, 7, 10),
}


def test_spans_count_from_one_in_both_parsers() -> None:
    """Key and value positions are 1-based lines and columns, the same in both parsers."""
    for _, spans in both(SPANS_TEXT):
        assert spans == SPANS


def test_spans_of_indentless_sequence_and_block_scalar() -> None:
    """An indentless list starts at its dash; a block scalar value starts at its indicator."""
    text = "a:\n- x\n- y: |\n    t\n"
    expected = {("a",): (1, 1, 2, 1), ("a", 0): (2, 3, 2, 3), ("a", 1): (3, 3, 3, 3),
                ("a", 1, "y"): (3, 3, 3, 6)}
    for _, spans in both(text):
        assert expected == spans


def test_spans_of_composer_only_text_count_from_one() -> None:
    """Text outside the fast subset (a flow mapping over two lines) is located from 1 as
    well."""
    document = source.parse("x: y\na: {b: c,\n  d: e}\n")
    assert document.spans == {("a",): (2, 1, 2, 4), ("a", "b"): (2, 5, 2, 8),
                              ("a", "d"): (3, 3, 3, 6)}
    assert (1, 1, 1, 4) == document.span(("x",))


def test_where_finds_value_and_key() -> None:
    """``where`` gives the value's place, or the key's with ``key=True``."""
    document = source.parse(SPANS_TEXT, "m.yaml")
    assert Location("m.yaml", 5, 11) == document.where(("nodes", 0, "kind"))
    assert Location("m.yaml", 5, 5) == document.where(("nodes", 0, "kind"), key=True)


def test_where_falls_back_to_the_nearest_parent() -> None:
    """A missing key points at its mapping; a path with no known prefix at 1:1."""
    document = source.parse(SPANS_TEXT, "m.yaml")
    assert Location("m.yaml", 4, 5) == document.where(("nodes", 0, "text"))
    assert Location("m.yaml", 4, 3) == document.where(("nodes", 7, "id"))
    assert Location("m.yaml", 1, 1) == document.where(("sources", 0))
    assert Location("m.yaml", 1, 1) == document.where(())


# --- bytes -> text ------------------------------------------------------------------------


def test_utf8_bom_is_accepted_and_positions_ignore_it() -> None:
    """A UTF-8 byte order mark is dropped; the first key is still at 1:1."""
    text = source.decode(codecs.BOM_UTF8 + b"a: b\n", "m.yaml")
    assert text == "a: b\n"
    assert source.parse(text).span(("a",)) == (1, 1, 1, 4)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(encoding: str) -> None:
    """UTF-16 (either byte order) with its BOM is decoded, Urdu text included."""
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    raw = bom + "title: پاکستان\n".encode(encoding)
    assert source.decode(raw, "m.yaml") == "title: پاکستان\n"


def test_utf16_without_bom_is_refused_at_the_first_nul() -> None:
    """UTF-16 without a BOM reads as UTF-8 with NUL bytes: refused, located."""
    with pytest.raises(LoadError) as info:
        source.decode("ab: c\n".encode("utf-16-le"), "m.yaml")
    assert [str(p) for p in info.value.problems] == [
        "m.yaml:1:2: error: NUL byte in file; a map is a text file [encoding]"]


def test_broken_utf16_is_located() -> None:
    """A truncated UTF-16 file is refused at the line where the bad bytes start."""
    raw = "a: b\nc: d\n".encode("utf-16") + b"x"
    with pytest.raises(LoadError) as info:
        source.decode(raw, "m.yaml")
    assert [str(p) for p in info.value.problems] == [
        "m.yaml:3:1: error: invalid UTF-16 at byte 22 [encoding]"]


def test_latin1_bytes_are_located() -> None:
    """A latin-1 byte is reported at its line and column (counting characters)."""
    with pytest.raises(LoadError) as info:
        source.decode("a: é\nb: caf".encode() + b"\xe9\n", "m.yaml")
    assert [str(p) for p in info.value.problems] == [
        "m.yaml:2:7: error: not valid UTF-8 (byte 0xe9) [encoding]"]
    assert info.value.problems[0].hint == "save the file as UTF-8"


def test_nul_byte_is_located() -> None:
    """A NUL byte is refused at its position."""
    with pytest.raises(LoadError) as info:
        source.decode(b"a: b\nc: d\x00\n", "m.yaml")
    assert [str(p) for p in info.value.problems] == [
        "m.yaml:2:5: error: NUL byte in file; a map is a text file [encoding]"]


# --- files --------------------------------------------------------------------------------


def test_read_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    """A file larger than MAX_BYTES is refused by its size, before it is read."""
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(source.MAX_BYTES + 1)
    with pytest.raises(LoadError) as info:
        source.read(path, display="big.yaml")
    [problem] = info.value.problems
    assert (Location("big.yaml"), "file-too-large") == (problem.location, problem.code)


def test_read_of_a_missing_file_is_a_load_error(tmp_path: Path) -> None:
    """A file that cannot be read is a located problem, not an OSError."""
    with pytest.raises(LoadError) as info:
        source.read(tmp_path / "nope.yaml", display="nope.yaml")
    assert [str(p) for p in info.value.problems] \
        == ["nope.yaml:1:1: error: cannot read file: No such file or directory [unreadable]"]


def test_read_refuses_a_fifo_located_and_without_blocking(tmp_path: Path) -> None:
    """A named pipe as a map is refused (not waited on) with a located problem."""
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    error = finishes(lambda: source.read(path, display="pipe.yaml"))
    assert isinstance(error, LoadError)
    assert [("pipe.yaml:1:1: error: a named pipe (FIFO), not a regular file; argmap reads maps "
             "only from regular files [not-a-file]", "a map is a plain text file (*.yaml, *.yml)")
            ] == [(str(p), p.hint) for p in error.problems]


def test_read_refuses_a_device() -> None:
    """A device as a map is refused from its type, never read (``/dev/zero`` would not end;
    /dev/null, which ends at once, stands for it here; tests/test_security.py runs
    /dev/zero in a process of bounded memory)."""
    with pytest.raises(LoadError) as info:
        source.read("/dev/null")
    assert ["/dev/null:1:1: error: a device, not a regular file; argmap reads maps only from "
            "regular files [not-a-file]"] == [str(p) for p in info.value.problems]


def test_read_refuses_a_link_out_of_its_roots(tmp_path: Path) -> None:
    """With roots, a map that is a link to a file elsewhere is refused, located at the link."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "elsewhere.yaml").write_text("argmap: 1\n", encoding="utf-8")
    link = tmp_path / "maps" / "m.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(LoadError) as info:
        source.read(link, display="maps/m.yaml", roots=[tmp_path / "maps"])
    assert ["maps/m.yaml:1:1: error: leads outside the folders argmap reads maps from (links "
            "resolved) [outside-tree]"] == [str(p) for p in info.value.problems]
    assert "argmap: 1\n" == source.read(link, roots=[tmp_path])


def test_parse_refuses_text_over_the_size_limit() -> None:
    """Text handed over directly (``loads``) is bounded like a file."""
    [problem] = _problems_of(" " * (source.MAX_BYTES + 1))
    assert (problem.location, problem.code) == (Location("m.yaml"), "file-too-large")


def _problems_of(text: str) -> tuple[Any, ...]:
    with pytest.raises(LoadError) as info:
        source.parse(text, "m.yaml")
    return info.value.problems


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n",
         "m.yaml:2:1: error: duplicate key 'a' (first at line 1) [duplicate-key]"),
        ("n:\n  - id: x\n    id: y\n",
         "m.yaml:3:5: error: duplicate key 'id' (first at line 2) [duplicate-key]"),
        ("a: !!int 3\n",
         "m.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:int' is not allowed [tag]"),
        ("a: !!map {}\n",
         "m.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:map' is not allowed [tag]"),
        ("a: &x b\n",
         "m.yaml:1:4: error: YAML anchors and aliases are not allowed in a map [anchor]"),
        ("a: *x\n", "m.yaml:1:4: error: YAML alias *x is not allowed in a map [alias]"),
        ("? [a]\n: b\n", "m.yaml:1:3: error: a key must be plain text [complex-key]"),
        ("a: b\n---\nc: d\n",
         "m.yaml:2:1: error: a map file holds one YAML document [multiple-documents]"),
        ("a: b\x07\n", "m.yaml:1:5: error: YAML: control characters are not allowed [yaml-syntax]"),
        ("a: پاکستان\nb: x\x1b[31m\n",
         "m.yaml:2:5: error: YAML: control characters are not allowed [yaml-syntax]"),
        ("a: b\x7f\n", "m.yaml:1:5: error: YAML: control characters are not allowed [yaml-syntax]"),
        ("a: b\u202e\n", None),
        ("a:\n\tb: c\n", "m.yaml:2:1: error: YAML syntax: a tab in the indentation; YAML "
                         "indents with spaces only [yaml-syntax]"),
        ("a: 'b\n", "m.yaml:2:1: error: YAML syntax: a quoted text is not closed (it starts "
                    "at line 1, column 4) [yaml-syntax]"),
    ],
    ids=["duplicate-key", "duplicate-nested-key", "int-tag", "map-tag", "anchor",
         "undefined-alias", "complex-key", "two-documents", "control-character",
         "escape-after-urdu", "delete", "bidi-override-is-text", "tab-indentation",
         "unclosed-quote"],
)
def test_refusals_are_located(text: str, expected: str | None) -> None:
    """Each refused construct is one problem at the offending token (None: accepted)."""
    if expected is None:
        assert isinstance(source.parse(text).data, dict)
    else:
        assert [expected] == problems(text)


def test_complex_mapping_key_does_not_break_the_composer() -> None:
    """A mapping used as a key is refused cleanly (it once crashed with IndexError)."""
    assert problems(
        "---\n? k: a\n: v\nb: c\n") == ["m.yaml:2:3: error: a key must be plain text [complex-key]"]


def test_every_problem_is_reported_up_to_a_cap() -> None:
    """All problems of a file come in one error, capped at MAX_PROBLEMS, and a last one
    says that the rest were not shown."""
    few = "".join(f"k{i}: &a{i} x\n" for i in range(3))
    assert len(problems(few)) == 3
    many = "".join(f"k{i}: &a{i} x\n" for i in range(source.MAX_PROBLEMS + 50))
    reported = problems(many)
    assert len(reported) == source.MAX_PROBLEMS + 1
    assert reported[-1].endswith(f"stopped after {source.MAX_PROBLEMS} problems in this file "
                                 "[too-many-problems]")


def test_nesting_beyond_the_limit_is_located() -> None:
    """Nesting deeper than MAX_DEPTH is refused where the limit is crossed."""
    text = "a: " + "{a: " * 100 + "b" + "}" * 100 + "\n"
    assert [f"m.yaml:1:{4 + 4 * (source.MAX_DEPTH - 1)}: error: nesting deeper than "
            f"{source.MAX_DEPTH} levels [too-deep]"] == problems(text)


def test_parse_uses_the_fast_scanner_result_when_it_accepts() -> None:
    """``parse`` returns the scanner's data and spans for text in the subset."""
    data, spans, *_ = _fastyaml.scan(SPANS_TEXT)
    document = source.parse(SPANS_TEXT, "m.yaml")
    assert (data, spans, "m.yaml", SPANS_TEXT, True) == (
        document.data, document.spans, document.path, document.text, document.inline_spans)
    assert all_spans(document) == SPANS


def test_lone_surrogate_in_text_is_a_load_error() -> None:
    """Text handed over directly may hold a lone surrogate: a located error, not a crash."""
    assert problems("a: x\nb: \ud800\n") == [
        "m.yaml:2:4: error: text holds a lone surrogate, which is not a character [encoding]"]


SRC = Path(__file__).resolve().parent.parent / "src" / "argmap"


def test_one_yaml_loader_in_the_code_base() -> None:
    """Only _compose.py (source.py's reference parser) imports PyYAML, and it builds on
    CSafeLoader's events alone."""
    importers = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py")
                       if re.search(r"^\s*(import yaml|from yaml\b)", p.read_text(), re.M))
    used = set(re.findall(r"(?<![:\w])yaml\.(\w+)", (SRC / "loading" / "_compose.py").read_text()))
    assert importers == ["loading/_compose.py"]
    assert used - {"CSafeLoader", "YAMLError", "MarkedYAMLError"} == {
        name for name in used if name.endswith("Event")}


def test_tag_on_a_key_is_refused() -> None:
    """A tag on a mapping key is refused like one on a value (nothing is constructed)."""
    assert problems("{!!python/object x: 1}\n") == [
        "m.yaml:1:2: error: YAML tag 'tag:yaml.org,2002:python/object' is not allowed [tag]"]


def test_flow_sequence_items_are_located_from_one_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locating every item of a long one-line sequence splits the line once, not once per
    item (20,000 findings on one node's `attacks: [...]` took a minute)."""
    items = [f"t{i}" for i in range(500)]
    doc = source.parse("argmap: 1\nnodes:\n  - id: big\n    attacks: [" + ", ".join(items)
                       + "]\n", "m.yaml")
    calls = []
    real = _fastyaml.flow_columns
    monkeypatch.setattr(_fastyaml, "flow_columns",
                        lambda line, start: calls.append(start) or real(line, start))
    locations = [doc.where(("nodes", 0, "attacks", i)) for i in range(len(items))]
    assert len(calls) == 1
    assert (locations[0].col, locations[-1].col) == (15, 15 + sum(len(t) + 2 for t in items[:-1]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a: x\nb: 'it''s'\n", True), ('a: "other\\x3Ab"\n', False), ("a: !!str x\n", False),
     ("a: b\\c\n", False)],
    ids=["plain-and-quoted", "escape", "region", "backslash"],
)
def test_verbatim_says_when_every_value_is_written_as_is(text: str, expected: bool) -> None:
    """A document is verbatim when no value was decoded from an escape or read by the
    composer: then a value (such as a `map:id` reference) that is not in the text is
    nowhere in the data either."""
    assert expected == source.parse(text).verbatim


@pytest.mark.parametrize("node_at", [0, 1])
def test_node_keys_are_found_past_look_alikes(node_at: int) -> None:
    """A node's key is found by a search of the text up to the next node; a quoted text
    going on over a line that looks like the key, a deeper key of that name and a longer
    key do not fool it (the composer places every key alike)."""
    node = ('  - id: a\n    text: "one\n    attacks: not a key"\n    note:\n      attacks: x\n'
            '    attacksx: 1\n    attacks: [b]\n')
    other = "  - id: b\n    attacks: [a]\n"
    text = "nodes:\n" + (node + other if node_at == 0 else other + node)
    document = source.parse(text, "m.yaml")
    assert document.inline_spans, "the fast scanner reads it"
    reference = source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())
    for key in ("attacks", "attacksx", "note", "text", "id"):
        path = ("nodes", node_at, key)
        expected = (reference.where(path, key=True), reference.where(path))
        assert expected == (document.where(path, key=True), document.where(path))
    assert (8 if node_at == 0 else 10) == document.where(("nodes", node_at, "attacks")).line


def test_text_beyond_ascii_is_kept_as_utf8_and_located_alike() -> None:
    """A text beyond Latin-1 the fast scanner reads is kept as its UTF-8 bytes (half the
    memory of a str holding Arabic script), and every place in it, columns after Arabic,
    Urdu and accented letters included, is the composer's."""
    text = ("title: 'پاکستان اور افغانستان'\nnodes:\n  - id: é1\n    text: \"مذاکرات: x\"\n"
            "    attacks: [پاک, b]\n  - id: b\n    text: Zürich — naïve\n"
            "    supports:\n      - {to: é1, strength: 0.5}\n")
    document = source.parse(text, "m.yaml")
    assert (bytes, text) == (type(document.content), document.text)
    assert text.encode("utf-8") == document.content
    reference = source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())
    assert all_spans(reference) == all_spans(document)
    assert Location("m.yaml", 5, 20) == document.where(("nodes", 0, "attacks", 1))


def test_ascii_latin1_and_unclean_texts_stay_text() -> None:
    """A text of ASCII or Latin-1 letters is no larger than its UTF-8 bytes (a byte a
    character), and a text the composer read in part (a tab in it) is kept as it is:
    all stay a str."""
    latin1 = "".join(f"k{i}: Zürich, naïve, café\n" for i in range(20))
    unclean = "a: b\nc: 'é\tx'\n" + "".join(f"d{i}: پاکستان\n" for i in range(20))
    for text in ("a: b\n", latin1, unclean):
        assert text == source.parse(text, "m.yaml").content


NODE = """\
  - id: a
    text: "one
    - not an item"
    # a comment
    supports:
      - b

      - to: c
        note: |
          - not an item
    # - not an item
      -
    attacks:
    - d
    - {to: e}
    -x: 1
"""


def test_items_of_a_block_list_are_found_past_look_alikes() -> None:
    """The items of a node's block list are its dashes at the list's column, up to the
    first line of content further left or no dash: deeper dashes (a block scalar's
    text), a quoted text going on over a line, comments and blank lines are passed over,
    and a list at its key's own column ends at the next key."""
    text = "nodes:\n" + NODE + "  - id: z\n    supports:\n    - a\n"
    document = source.parse(text, "m.yaml")
    assert document.inline_spans, "the fast scanner reads it"
    reference = source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())
    paths = [("nodes", 0, "supports", j) for j in range(3)]
    paths += [("nodes", 0, "attacks", j) for j in range(2)] + [("nodes", 1, "supports", 0)]
    assert [reference.span(p) for p in paths] == [document.span(p) for p in paths]
    assert [(7, 9, 7, 9), (9, 9, 9, 9), (13, 8, 13, 8), (15, 7, 15, 7)] == [
        document.span(p)[:4] for p in paths[:4]]


@st.composite
def node_maps(draw: st.DrawFn) -> str:
    """A map-like document: a few nodes, each a block mapping whose first key is on its
    dash's line, with block lists of relations, texts over several lines, comments and
    blank lines."""
    wild = draw(st.integers(0, 3)) == 0
    indent = draw(st.sampled_from([0, 2]))
    lines = ["title: t", "nodes:"]
    for _ in range(draw(st.integers(1, 4))):
        gap = draw(st.integers(1, 2))
        col = indent + 1 + gap
        inner = draw(mapping(wild, col, 1))
        lines.append(" " * indent + "-" + " " * gap + inner[0].lstrip(" "))
        lines.extend(inner[1:])
        for key in draw(st.lists(st.sampled_from(["supports", "attacks"]), max_size=2,
                                 unique=True)):
            # Relations: a block list, at the key's own column or deeper.
            lines.append(" " * col + key + ":")
            lines.extend(draw(sequence(wild, col + draw(st.sampled_from([0, 2])), 2)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(2, len(lines)))
        lines.insert(at, draw(st.sampled_from(["", "# c", "    # c", "      #", "  - # c"])))
    if draw(st.booleans()):
        lines.append("tensions: []")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(node_maps(), st.randoms(use_true_random=False))
def test_node_spans_asked_first_agree(text: str, rnd: Any) -> None:
    """Every span of a map-like document, each asked first of a fresh document and then
    all of one document, is the composer's: the items of block lists found by a search
    of the text are where the walk over the list's lines finds them."""
    try:
        found = _fastyaml.scan(text, byte_ends=True)
        expected = all_spans(source.Document("x", text, *source._Composer(text, "x").compose()))
    except (_fastyaml.Unsupported, LoadError):
        event("handed over")
        return
    paths = list(expected)
    rnd.shuffle(paths)
    event(f"relations: {min(sum(len(p) == 4 and p[0] == 'nodes' for p in paths), 3)}")
    actual = {path: fast_document(text, found, dict(found.spans)).span(path) for path in paths}
    shared = fast_document(text, found, dict(found.spans))
    assert (expected, expected) == (actual, {path: shared.span(path) for path in paths})


def test_list_columns_searched_for_are_bounded() -> None:
    """The search patterns kept for the columns of block lists are bounded: lists at 100
    columns are each located where the composer places them, and at most 64 patterns
    stay."""
    nodes = "".join(f"  - id: n{i}\n    a:\n{' ' * (4 + i)}- x\n" for i in range(100))
    text = "title: t\nnodes:\n" + nodes + "  - id: z\n"
    document = source.parse(text, "m.yaml")
    reference = source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())
    paths = [("nodes", i, "a", 0) for i in range(100)]
    assert [reference.span(p) for p in paths] == [document.span(p) for p in paths]
    assert source._left_lines.cache_info().currsize <= 64


def test_item_keys_are_read_in_place_in_utf8() -> None:
    """A node's first key is found where it stands in the UTF-8 bytes of a text beyond
    Latin-1 (keys and values beyond ASCII, after Arabic lines), as the composer places it;
    a line not of the usual shape is read out and placed alike."""
    text = ("title: 'پاکستان'\nnodes:\n  - id: é1\n    text: مذاکرات\n  - clé: x\n"
            "  - id:  b\n  -  id: c\n  - id: #\n")
    document = source.parse(text, "m.yaml")
    assert bytes is type(document.content)
    reference = source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())
    paths = [("nodes", 0, "id"), ("nodes", 1, "clé"), ("nodes", 2, "id"), ("nodes", 3, "id"),
             ("nodes", 4, "id")]
    assert [reference.span(p) for p in paths] == [document.item_key(*p) for p in paths]


_RELATIONS = """\
argmap: 1
title: T
nodes:
  - id: d
    kind: claim
    text: !!str D
    attacks:
      - to: a
  - id: a
    kind: claim
    text: A
  - id: b
    kind: claim
    text: B
    supports:
      - to: a
        strength: '0.5'
      - {to: a, id: r2}
      -   a  # plain
    attacks: [a]
    tags:
    - x
  - id: c
    kind: claim
    text: C
    attacks:
      -
        to: a
      - to: b
"""


@pytest.mark.parametrize(("path", "shortcut"), [
    (("nodes", 2, "supports", 0), True),
    (("nodes", 2, "supports", 1), True),
    (("nodes", 2, "supports", 2), True),
    (("nodes", 2, "tags", 0), True),  # (an indentless list)
    (("nodes", 2, "attacks", 0), False),  # a flow list
    (("nodes", 3, "attacks", 0), False),  # a dash alone: the item starts a line below
    (("nodes", 3, "attacks", 1), True),
    (("nodes", 0, "attacks", 0), False),  # a node the composer read (the tag)
    (("nodes", 2, "supports", 3), False),  # no such item
    (("nodes", 1, "supports", 0), False),  # no such key
])
def test_relation_items_are_located_from_the_lines_the_scanner_recorded(
        path: tuple[Any, ...], shortcut: bool) -> None:
    """An item of a block list under a node's key (where every finding on a relation is
    located) is found from the line the scanner recorded for it, at the composer's
    place; a flow list, a dash alone, a node the composer read and a path that is not
    there are left to the general search, which finds the composer's place too."""
    document = source.parse(_RELATIONS, "m.yaml")
    assert document.nested is not None, "the scanner reads it"
    reference = source.Document("m.yaml", _RELATIONS,
                                *source._Composer(_RELATIONS, "m.yaml").compose())
    assert shortcut == (document._nested_item(path, document.nested) is not None)
    assert reference.where(path) == document.where(path)


@pytest.mark.parametrize(("raw", "utf8"), [
    ("a: سرحد\n".encode(), "a: سرحد\n".encode()),
    (codecs.BOM_UTF8 + "a: سرحد\n".encode(), "a: سرحد\n".encode()),
    (codecs.BOM_UTF16_LE + "a: سرحد\n".encode("utf-16-le"), None),
], ids=["utf-8", "bom", "utf-16"])
def test_read_utf8_gives_the_bytes_of_a_text_read_as_utf8(
        tmp_path: Path, raw: bytes, utf8: bytes | None) -> None:
    """``read_utf8`` gives the text ``read`` gives and the file's bytes (its BOM left out)
    when they are that text in UTF-8; a UTF-16 file gets None."""
    path = tmp_path / "m.yaml"
    path.write_bytes(raw)
    assert (source.read(path), utf8) == source.read_utf8(path)


@pytest.mark.parametrize(("text", "kept"), [
    ("a: " + "سرحد " * 20 + "x\nb: x\n", True),
    ("a: " + "سرحد " * 20 + "x\r\nb: x\r\n", False),  # read with LF alone: not the content
    ("a: plain\n", False),  # Latin-1: kept as text
], ids=["beyond-latin-1", "crlf", "latin-1"])
def test_parse_keeps_the_utf8_given_as_the_content(text: str, kept: bool) -> None:
    """The UTF-8 bytes a caller has of the text become the document's content (not the
    text encoded again) where the content is kept in bytes, and only where they are that
    content: the document is the same either way."""
    utf8 = text.encode()
    document = source.parse(text, "m.yaml", utf8=utf8)
    assert kept == (document.content is utf8)
    expected = source.parse(text, "m.yaml")
    assert (expected.content, expected.data, all_spans(expected)) == (
        document.content, document.data, all_spans(document))


@pytest.mark.parametrize("text", ["a: x\nb: \u00e9t\u00e9\n\nc: z",
                                  "a: x\nb: \u00e9t\u00e9\n\nc: z\n"],
                         ids=["no-final-newline", "final-newline"])
def test_document_line_reads_each_line_and_none_past_them(text: str) -> None:
    """Document.line gives each line of the text without its newline, from either parser's
    document (the scanner's line ends count bytes beyond ASCII), and None outside them (the
    scanner reads a text without a final newline as if it had one: one more, empty line)."""
    lines = text.split("\n")
    for document in (source.parse(text, "m.yaml"),
                     source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())):
        assert lines == [document.line(i) for i in range(len(lines))]
        assert document.line(len(lines)) in (None, "")
        assert (None, None) == (document.line(-1), document.line(len(lines) + 1))
