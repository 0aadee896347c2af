"""Tests of argmap.render.labels: short labels made from ids (``--labels short``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.loading.loader import load, loads
from argmap.render.dot import view_to_dot
from argmap.render.escape import ELLIPSIS
from argmap.render.labels import (
    COMPACT_SPACING,
    FALLBACK_CHARS,
    SHORT_CHARS,
    STRETCH,
    short_label,
    short_lines,
)
from argmap.render.options import LabelMode, RenderOptions, choice
from argmap.render.select import select

from .helpers import FLAGSHIP, ROOT


@pytest.mark.parametrize(("node_id", "text", "expected"), [
    ("diplomatic-gains-cannot-underwrite-war", "Diplomatic gains cannot pay for a war.",
     "Diplomatic gains cannot underwrite war"),
    # Words take the text's spelling (not from its first word, which is only capitalised).
    ("accept-taliban-as-government", "Pakistan should accept the Taliban as government.",
     "Accept Taliban as government"),
    ("us-relations", "Relations with the US improved.", "US relations"),
    ("talks-failed", "Talks failed in Istanbul.", "Talks failed"),
    # A short word the text does not have: capitals when it abbreviates capitalised or
    # hyphen-joined words of the text, else lower case.
    ("us-relations-normalized", "Relations with the United States have normalized.",
     "US relations normalized"),
    ("border-and-ct-cooperation", "Border and counter-terrorism cooperation.",
     "Border and CT cooperation"),
    ("nato-pressure-fails", "The North Atlantic Treaty Organization pressure fails.",
     "NATO pressure fails"),
    ("saudi-fit-mediator", "Saudi Arabia suits, for its trade ties, as mediator.",
     "Saudi fit mediator"),
    ("gulf-us-ties", "Gulf ties with the United Nations.", "Gulf us ties"),
    ("north-atlantic-treaty-organization-agrees", "NATO agrees.",
     "North atlantic treaty organization agrees"),
    ("dieselBan_paris.2025", "A ban on diesel cars in Paris.", "Diesel ban Paris 2025"),
    # A word of 5 letters or more that begins a name of the text (capitalised inside a
    # sentence) is capitalised: a name's stem; not from a capital that starts a sentence.
    ("strikes-fuel-afghan-national-affront",
     "Pakistani military action feeds a narrative of national affront in Afghanistan.",
     "Strikes fuel Afghan national affront"),
    ("trade-border-grows", "Trade grows. Borders open.", "Trade border grows"),
    ("trade-border-grows", "Trade grows: Borders open.", "Trade border grows"),
    # Terse ids: the text's first words instead.
    ("c1", "The town should build the bypass road.", "The town should build the bypass road."),
    ("claim-2", "Short.", "Short."),
    ("ev-a", "Seen.", "Seen."),
    ("c3", "Through traffic harms the town centre and the shops that line the high street.",
     f"Through traffic harms the town centre{ELLIPSIS}"),
])
def test_short_label(node_id: str, text: str, expected: str) -> None:
    """The id made readable, in the text's spelling; terse ids give the text's start."""
    assert expected == short_label(node_id, text)


def test_fallback_and_cap_lengths() -> None:
    """A fallback label is at most FALLBACK_CHARS long and ends in an ellipsis when cut;
    a label from a long id at most SHORT_CHARS."""
    cut = short_label("x", "word " * 40)
    assert len(cut) <= FALLBACK_CHARS
    assert cut.endswith(ELLIPSIS)
    long_id = "-".join(["segment"] * 30)
    assert len(short_label(long_id, "")) == SHORT_CHARS


def test_a_terse_id_with_no_text_is_itself() -> None:
    """Nothing to take from the text: the id is the label."""
    assert "C1" == short_label("c1", "")


def test_control_characters_never_reach_a_label() -> None:
    """The text a label falls back to is cleaned like any map text."""
    assert "Bellred" == short_label("b", "Bell\x07\x1b[31m".replace("[31m", "red"))


def test_a_title_is_the_label_as_written() -> None:
    """A node's title wins over its id and its text, spelled as the analyst wrote it (not
    re-spelled from the text, nor capitalised)."""
    assert "Coercion fails" == short_label("c1", "Coercion has failed.", "Coercion fails")
    assert "de-escalation first" == short_label("talks-first-then-pressure", "Talks.",
                                                "de-escalation first")


def test_a_title_is_capped_and_wrapped_like_any_label() -> None:
    """A title longer than SHORT_CHARS (the format allows 80) ends in an ellipsis; a long
    word in it is broken with a hyphen like an id's; a title that cleans to nothing gives
    the label the node would have without it."""
    long = short_label("c1", "", "w" * 80)
    assert SHORT_CHARS == len(long)
    assert long.endswith(ELLIPSIS)
    assert ["Institution-", "alize border", "cooperation"] == short_lines(
        "c1", "", 12, "Institutionalize border cooperation")
    assert "Talks failed" == short_label("talks-failed", "Talks failed.", "\x07")


def test_a_word_a_little_too_long_widens_its_line() -> None:
    """Wrapped at 10, a word of 12 characters (up to STRETCH more than the width) widens
    its line instead of being broken."""
    lines = short_lines("unattainable-by-coercion", "", 10)
    assert ["Unattainable", "by coercion"] == lines


def test_a_long_word_is_hyphenated() -> None:
    """A word more than STRETCH characters longer than the width is broken with a hyphen
    after width - 1 letters ("Institutionalize" is 16 characters): on the flagship's
    overview it made its rank of boxes the widest."""
    lines = short_lines("institutionalize-border-cooperation", "", 12)
    assert ["Institution-", "alize border", "cooperation"] == lines


@given(st.text(max_size=80), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,60}", fullmatch=True),
       st.integers(min_value=4, max_value=20), st.none() | st.text(max_size=80))
def test_any_label_is_short(text: str, node_id: str, width: int, title: str | None) -> None:
    """Whatever the id, text and title, a short label is at most SHORT_CHARS long, has no
    line break, its lines hold it, character for character (hyphens aside), and no line
    is longer than the width + STRETCH."""
    label = short_label(node_id, text, title)
    assert len(label) <= SHORT_CHARS
    assert "\n" not in label
    lines = short_lines(node_id, text, width, title)
    assert "".join(label.split()).replace("-", "") == "".join(
        "".join(lines).split()).replace("-", "")
    assert all(len(line) <= width + STRETCH for line in lines)


def test_full_is_another_name_for_text() -> None:
    """`--labels full` is `--labels text`; unknown values list the choices."""
    assert LabelMode.TEXT is choice(LabelMode, "full", "--labels")
    with pytest.raises(Exception, match="choose from auto, text, short, id, both"):
        choice(LabelMode, "title", "--labels")


def test_short_dot_is_compact_and_keeps_the_text_in_the_tooltip() -> None:
    """With short labels the DOT shows the short label, keeps the full text in the
    tooltip, and spaces nodes closer; auto is the full text in DOT (not measured)."""
    view = select(load(FLAGSHIP))
    short = view_to_dot(view, RenderOptions(labels=LabelMode.SHORT))
    line = next(x for x in short.splitlines() if x.startswith('  "pakistan-afghanistan:porous'))
    assert 'label="Porous\\nfrontier"' in line
    assert "tooltip=\"evidence porous-frontier: " in line
    assert f'nodesep="{COMPACT_SPACING["nodesep"]}"' in short
    auto = view_to_dot(view, RenderOptions(labels=LabelMode.AUTO))
    assert auto == view_to_dot(view, RenderOptions(labels=LabelMode.TEXT))


def test_a_titled_node_shows_its_title_and_keeps_its_text_in_the_tooltip() -> None:
    """In short labels a node's title is drawn, its full text stays in the tooltip; the
    other label modes do not show the title."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: c1\n    kind: claim\n"
            "    text: Coercion has failed to change the neighbour's conduct.\n"
            "    title: Coercion fails\n")
    view = select(loads(text, "m.yaml"))
    short = view_to_dot(view, RenderOptions(labels=LabelMode.SHORT))
    line = next(x for x in short.splitlines() if x.startswith('  "m:c1" ['))
    assert 'label="Coercion\\nfails"' in line
    assert "tooltip=\"claim c1: Coercion has failed to change the neighbour's conduct." in line
    for mode in (LabelMode.TEXT, LabelMode.ID, LabelMode.BOTH):
        assert "Coercion fails" not in view_to_dot(view, RenderOptions(labels=mode))


def test_page_numbers_on_nodes() -> None:
    """An overview names each node's page beside its box (an external label, placed after
    the layout), the label itself unchanged."""
    view = select(load(FLAGSHIP))
    porous = "pakistan-afghanistan:porous-frontier"
    dot = view_to_dot(view, RenderOptions(labels=LabelMode.SHORT), page_of={porous: 12})
    line = next(x for x in dot.splitlines() if x.startswith(f'  "{porous}" ['))
    assert 'label="Porous\\nfrontier"' in line
    assert 'xlabel="p. 12"' in line
    assert dot.count("xlabel=\"p. ") == 1


def test_the_titles_example_is_drawn_by_its_titles() -> None:
    """docs/examples/titles.yaml (terse ids, a title on every node; the teachers' tutorial
    shows it): its overview draws every node by its title."""
    m = load(ROOT / "docs" / "examples" / "titles.yaml")
    dot = view_to_dot(select(m), RenderOptions(labels=LabelMode.SHORT))
    for node in m.map.nodes:
        assert node.title is not None
        line = next(x for x in dot.splitlines() if x.startswith(f'  "titles:{node.id}" ['))
        label = line.split('label="', 1)[1].split('"', 1)[0]
        assert node.title == " ".join(label.split("\\n"))


WIDE_TEXTS = ["以武力迫使喀布尔改变立场的政策已经失败，边境冲突反而加剧了两国之间的不信任。",
              "イスタンブールでの協議は決裂し、双方が相手に責任を押し付けた。",
              "The Taliban 政府 remains the de facto government of Afghanistan, 事实上的政府."]


@pytest.mark.parametrize("text", WIDE_TEXTS)
@pytest.mark.parametrize("width", [10, 12, 16, 20])
def test_a_wide_label_is_wrapped_by_columns(text: str, width: int) -> None:
    """A short label of Chinese or Japanese (a terse id's, from the text; or a title) is
    wrapped as the full text is: no line wider than ``width`` columns, a wide character
    two, cut where a line is full with no hyphen added; the text's first words are at
    most FALLBACK_CHARS columns. Counted in characters, lines were twice as wide."""
    from argmap.render.escape import columns

    for lines in (short_lines("c1", text, width), short_lines("x", "y", width, title=text)):
        assert all(columns(line) <= width for line in lines), lines
        assert not any(line.endswith("-") for line in lines)
    assert columns("".join(short_lines("c1", text, width))) <= FALLBACK_CHARS
    assert ["以武力迫使喀", "布尔改变立场", "的政策已经失", "败" + ELLIPSIS] == \
        short_lines("c1", WIDE_TEXTS[0])
