"""Tests of argmap.loading._fastregion: what the scanner cannot read costs only its own region.

The property: on any document, ``source.parse`` (the fast scanner handing regions
to the composer) gives exactly what the reference composer gives for the whole
file: the same data and every location, or the same located problems.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.errors import LoadError
from argmap.loading import _fastregion, _fastyaml, source

from .helpers import all_spans
from .test_fastyaml import SETTINGS, documents, mutated, ordered


def assert_parse_agrees(text: str) -> str:
    """``source.parse`` gives the composer's data and spans, or its very problems;
    returns how the text was read (fast path, regions, whole file or refused)."""
    try:
        ref_data, ref_spans = source._Composer(text, "x").compose()
    except LoadError as exc:
        expected = [str(p) for p in exc.problems]
        with pytest.raises(LoadError) as info:
            source.parse(text, "x")
        assert expected == [str(p) for p in info.value.problems]
        return "refused"
    try:
        outcome = "regions" if _fastyaml.scan(text, source._compose_region).regions else "fast"
    except _fastyaml.Unsupported:
        outcome = "whole file"
    document = source.parse(text, "x")
    reference = source.Document("x", text, ref_data, ref_spans)
    assert (ordered(reference.data), all_spans(reference)) == (
        ordered(document.data), all_spans(document))
    # A missing key or item falls back to its container's place, as in the reference.
    for path in [(), *all_spans(reference)]:
        for missing in (("zz",), (99,)):
            assert reference.where(path + missing) == document.where(path + missing)
    return outcome


#: A value the scanner leaves to the composer, which accepts it.
_VALUE = re.compile(r"( *(?:- +)?[A-Za-z0-9_.-]+: +)([^\s\[{|>].*)$")


@st.composite
def odd(draw: st.DrawFn) -> str:
    """A generated document in which a few values are written in YAML the scanner leaves
    to the composer (which mostly accepts it): tags, tabs in quotes, flow lists over
    two lines."""
    lines = draw(documents(wild=False)).split("\n")
    candidates = [i for i, line in enumerate(lines) if _VALUE.match(line)]
    for i in sorted(draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
                    if candidates else [], reverse=True):
        m = _VALUE.match(lines[i])
        assert m is not None
        head, value = m.groups()
        edit = draw(st.sampled_from(["tag", "tab", "flow-lines"]))
        if edit == "tag":
            lines[i] = head + draw(st.sampled_from(["!!str ", "! "])) + value
        elif edit == "tab":
            lines[i] = head + draw(st.sampled_from(['"a\\tb"', "'\t'", '"x\ty"']))
        else:
            lines[i] = head + "[x,"
            lines.insert(i + 1, " " * draw(st.integers(0, 6)) + "'y']")
    return "\n".join(lines)


@SETTINGS
@given(odd())
def test_parse_agrees_on_documents_with_odd_values(text: str) -> None:
    """Where a few values need the composer, parse gives its result for the whole file."""
    event(assert_parse_agrees(text))


@SETTINGS
@given(documents())
def test_parse_agrees_on_generated_documents(text: str) -> None:
    """On generated documents, parse gives the composer's result, regions or not."""
    event(assert_parse_agrees(text))


@SETTINGS
@given(mutated())
def test_parse_agrees_on_mutated_documents(text: str) -> None:
    """On randomly edited documents (anchors, tags, tabs inserted...) parse gives the
    composer's result or its very problems."""
    event(assert_parse_agrees(text))


NODE = "  - id: n{i}\n    kind: claim\n    text: Node {i}.\n"


def nodes_map(count: int, odd: dict[int, str]) -> str:
    """A map of ``count`` nodes; node ``i`` in ``odd`` gets that extra line."""
    out = ["argmap: 1", "title: T", "nodes:"]
    for i in range(count):
        out.append(NODE.format(i=i).rstrip("\n"))
        if i in odd:
            out.append(odd[i])
    return "\n".join(out) + "\n"


def regions_of(text: str) -> list[str]:
    """The texts the scanner hands to the composer while parsing ``text``."""
    seen: list[str] = []

    def compose(region: str, depth: int) -> tuple[Any, dict[Any, Any]]:
        seen.append(region)
        return source._compose_region(region, depth)

    _fastyaml.scan(text, compose)
    return seen


@pytest.mark.parametrize("odd", ["    note: !!str tagged", "    note: \"tab\there\"",
                                 "    note: [multi,\n      line]", "    note: |\n      a\tb"],
                         ids=["tag", "tab-in-quotes", "multi-line-flow", "tab-in-block"])
def test_an_unread_construct_costs_only_its_node(odd: str) -> None:
    """A construct the scanner does not read sends its node alone to the composer, and
    the result is the composer's for the whole file."""
    text = nodes_map(50, {20: odd})
    assert [NODE.format(i=20) + odd + "\n"] == regions_of(text)
    assert_parse_agrees(text)


def test_an_unread_top_level_value_costs_only_its_entry() -> None:
    """A top-level entry the scanner does not read goes alone to the composer."""
    text = nodes_map(5, {}).replace("title: T\n", "title: !!str T\n")
    assert ["title: !!str T\n"] == regions_of(text)
    assert "T" == source.parse(text).data["title"]


def test_regions_in_many_nodes_each_cost_their_own_lines() -> None:
    """Every odd node is a region of its own, however many there are."""
    odd = dict.fromkeys(range(0, 300, 3), "    note: !!str x")
    text = nodes_map(300, odd)
    assert 100 == len(regions_of(text))
    assert_parse_agrees(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (nodes_map(30, {10: "    note: &a x"}), "anchor"),
        (nodes_map(30, {10: "    note: *a"}), "alias"),
        (nodes_map(30, {10: "    note: !!python/object x"}), "tag"),
        (nodes_map(30, {10: "    id: again"}), "duplicate-key"),
        (nodes_map(30, {}) + "title: again\n", "duplicate-key"),
        (nodes_map(30, {}) + "---\nb: c\n", "multiple-documents"),
        (nodes_map(30, {10: "    note: \"unclosed"}), "yaml-syntax"),
    ],
    ids=["anchor", "alias", "tag", "duplicate-in-node", "duplicate-top-level",
         "second-document", "unclosed-quote"],
)
def test_a_refused_region_hands_the_whole_file_over(text: str, code: str) -> None:
    """Where the composer refuses a region, the whole file goes to it, so that every
    problem is reported where it stands."""
    with pytest.raises(_fastyaml.Unsupported):
        _fastyaml.scan(text, source._compose_region)
    with pytest.raises(LoadError) as info:
        source.parse(text, "m.yaml")
    assert code in [p.code for p in info.value.problems]
    assert_parse_agrees(text)


def test_a_region_has_the_nesting_limit_of_its_place() -> None:
    """A node nested exactly to the file's limit is refused as in the whole file: its
    region's root stands one level down, so its limit is one lower."""
    # The node's mapping stands two levels deep (root > nodes > node); each `a:` opens
    # one more level but the last, whose value is text: 63 of them reach level 64.
    depth = source.MAX_DEPTH - 1
    deep = "".join(" " * (4 + 2 * k) + "a:\n" for k in range(depth)).rstrip("\n")
    text = nodes_map(3, {1: deep + " !!str x"})
    with pytest.raises(LoadError) as info:
        source.parse(text, "m.yaml")
    assert ["too-deep"] == [p.code for p in info.value.problems]
    shallower = nodes_map(3, {1: deep.rsplit("\n", 1)[0] + " !!str x"})
    assert_parse_agrees(shallower)
    assert 1 == len(regions_of(shallower))


def test_a_region_in_an_indentless_sequence() -> None:
    """Items of a sequence written at its key's column are regions too."""
    text = "argmap: 1\nnodes:\n- id: a\n  note: !!str x\n- id: b\ntitle: T\n"
    assert ["- id: a\n  note: !!str x\n"] == regions_of(text)
    assert_parse_agrees(text)


def test_a_region_at_the_end_of_a_text_without_final_newline() -> None:
    """The last region of a text without a final newline is read without one added
    (a block scalar's value depends on it)."""
    text = "argmap: 1\nnodes:\n  - id: a\n    note: !!str x\n    text: |\n      t"
    assert_parse_agrees(text)
    assert "t" == source.parse(text).data["nodes"][0]["text"]


def test_crlf_line_breaks_take_the_fast_path() -> None:
    """A file saved with CR LF line breaks is read by the scanner, with the same data
    and places as with LF."""
    text = nodes_map(20, {3: "    quote: |\n      two\n      lines"}).replace("\n", "\r\n")
    document = source.parse(text, "m.yaml")
    assert document.inline_spans
    assert_parse_agrees(text)


@pytest.mark.parametrize("text", ["a: b\rc: d\n", "a: b\x85c: d\n", "a: \"b\u2028c\"\nd: e\n",
                                  "a: b\n\x85\n"],
                         ids=["lone-cr", "nel", "line-separator", "nel-line"])
def test_other_line_breaks_hand_the_whole_file_over(text: str) -> None:
    """libyaml counts CR, NEL, U+2028 and U+2029 as line breaks: they would shift every
    line number after them, so such a text goes to the composer whole."""
    with pytest.raises(_fastyaml.Unsupported):
        _fastyaml.scan(text, source._compose_region)
    assert_parse_agrees(text)


def test_missing_key_in_a_region_falls_back_to_its_parent() -> None:
    """A key asked for but missing in a node the composer read is located at the node,
    as in the composer's document (not found by a search through the region's text)."""
    text = nodes_map(3, {1: '    note: "x\n  text: y"\n    source: !!str s'})
    document = source.parse(text, "m.yaml")
    reference = source.Document("m.yaml", text, *source._Composer(text, "m.yaml").compose())
    path = ("nodes", 1, "text", "deeper")
    assert reference.where(path) == document.where(path)
    assert reference.where(("nodes", 1, "missing")) == document.where(("nodes", 1, "missing"))


def test_generator_reaches_regions() -> None:
    """Guard against a vacuous property: many documents with odd values go through regions."""
    outcomes: list[str] = []

    @settings(max_examples=200, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(odd())
    def sample(text: str) -> None:
        try:
            found = _fastyaml.scan(text, source._compose_region)
        except (_fastyaml.Unsupported, LoadError):
            outcomes.append("whole")
        else:
            outcomes.append("regions" if found.regions else "fast")

    sample()
    # Derandomized, so the share is the same on every run (92 of 200 when written).
    assert outcomes.count("regions") >= len(outcomes) // 3


def test_a_run_of_unread_nodes_is_read_in_growing_batches() -> None:
    """Consecutive nodes the scanner does not read go to the composer in regions twice as
    large each time, up to MAX_BATCH nodes: not one composer call per node."""
    text = nodes_map(900, dict.fromkeys(range(900), "    note: !!str x"))
    expected: list[int] = []
    left, size = 900, 1
    while left:
        expected.append(min(size, left))
        left -= expected[-1]
        size = min(size * 2, _fastregion.MAX_BATCH)
    assert expected[8:10] == [256, 256]  # (the cap is reached, and holds)
    assert expected == [region.count("  - id:") for region in regions_of(text)]
    assert_parse_agrees(text)


def test_many_one_line_regions_are_batched() -> None:
    """A hostile file of 20,000 top-level entries that each need the composer is read in
    a few dozen composer calls, with the composer's result."""
    text = "".join(f"k{i}: !!str x\n" for i in range(20_000))
    assert len(regions_of(text)) < 100
    assert_parse_agrees(text)


@pytest.mark.parametrize("odd", [
    "    attacks:\n      - to: n0\n      - to: !!str n0",  # a list cut by the region
    "    attacks:\n      - !!str n0",  # a list opened on the line handed over
])
def test_a_relation_list_cut_by_a_region_is_located_as_the_composer_does(odd: str) -> None:
    """The items the scanner recorded of a node it then handed over (see
    ``_fastyaml.Nested``) mislead no search: each relation of that node and of the
    others is located where the composer puts it, asked first."""
    text = nodes_map(4, {1: odd, 2: "    supports:\n      - to: n1\n      - n0",
                         3: "    attacks:\n    - to: n2"})
    assert len(regions_of(text)) == 1
    assert_parse_agrees(text)
    reference = source.Document("x", text, *source._Composer(text, "x").compose())
    for path in [p for p in all_spans(reference) if len(p) == 4]:
        assert reference.where(path) == source.parse(text, "x").where(path), path
