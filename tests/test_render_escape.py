"""Tests of argmap.render.escape: cleaning and escaping text for DOT, Mermaid, Markdown, URLs."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.render.escape import (
    BIDI_CONTROLS,
    ELLIPSIS,
    WHITESPACE,
    cap,
    clean,
    columns,
    dot_lines,
    dot_quote,
    markdown_text,
    mermaid_text,
    node_name,
    safe_url,
    wrap,
    xml_escape,
)

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")

#: Any text, surrogates included (they can reach a str from a broken decoder).
ANY_TEXT = st.text(st.characters(), max_size=60)


def _reference_dropped(ch: str) -> bool:
    """The definition :func:`clean` implements with one regular expression."""
    code = ord(ch)
    return (ch in BIDI_CONTROLS or ch == "\ufeff"
            or unicodedata.category(ch) in ("Cc", "Cs", "Co")
            or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)


def test_clean_removes_controls_bidi_and_joins_lines() -> None:
    """Controls and bidi overrides go, line breaks and runs of spaces become one space."""
    assert clean(" a\x01b\u202e c\n\n\td\u00a0e\x1b[31m ") == "ab c d\u00a0e[31m"


def test_clean_keeps_urdu_joiners_and_marks() -> None:
    """ZWNJ, ZWJ and the direction marks that Urdu and Persian text need are kept."""
    text = "می\u200cخواهم \u200f\u200e\u061c"
    assert clean(text) == text


def test_clean_matches_reference_on_every_code_point() -> None:
    """The regular expression drops exactly the characters of the reference definition."""
    wrong = [hex(cp) for cp in range(0x110000)
             if chr(cp) not in WHITESPACE
             and (clean(f"a{chr(cp)}b") == "ab") != _reference_dropped(chr(cp))]
    assert wrong == []


@given(ANY_TEXT)
def test_clean_output_has_no_forbidden_characters(text: str) -> None:
    """Property: cleaned text has no control, bidi, surrogate or noncharacter, and is stable."""
    out = clean(text)
    assert [c for c in out if _reference_dropped(c) or c in WHITESPACE.replace(" ", "")] == []
    assert "  " not in out
    assert clean(out) == out


def test_cap_and_wrap() -> None:
    """Long text is cut with an ellipsis and wrapped without breaking hyphenated ids."""
    assert cap("abcdef", 4) == "abc" + ELLIPSIS
    assert cap("abc", 4) == "abc"
    assert wrap("tit-for-tat is a strategy", 12, 300) == ["tit-for-tat", "is a", "strategy"]
    lines = wrap("x" * 16000, 34, 300)
    assert sum(map(len, lines)) == 300
    assert lines[-1].endswith(ELLIPSIS)


def test_dot_quote_escapes_injection() -> None:
    """Quotes, backslashes and entities cannot end the string or change what is shown."""
    assert dot_quote('a"] ; x [label="b') == '"a\\"] ; x [label=\\"b"'
    assert dot_quote("\\l \\N") == '"\\\\l \\\\N"'
    assert dot_quote("&#1; &amp;") == '"&amp;#1; &amp;amp;"'
    assert dot_quote("plain-name_1.2") == '"plain-name_1.2"'


def test_dot_lines_joins_escaped_lines() -> None:
    """Lines are escaped one by one and joined with DOT line breaks."""
    assert dot_lines(['a"', "b\\"]) == '"a\\"\\nb\\\\"'
    assert dot_lines(["a", "b"], "\\l") == '"a\\lb\\l"'


def _svg_text(label: str) -> str:
    dot = f"digraph {{ n [label={dot_quote(label)}] }}"
    done = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True,
                          timeout=30, check=True)
    root = ET.fromstring(done.stdout)
    return "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))


@needs_graphviz
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_dot_quote_shows_text_literally(text: str) -> None:
    """Property: a quoted label parses, gives well-formed SVG, and shows the cleaned text."""
    assert _svg_text(text) == clean(text)


@needs_graphviz
def test_dot_quote_hostile_labels_round_trip() -> None:
    """The hostile rows of STYLE.md show as typed, in one node, in valid SVG."""
    for text in ['"]; evil [shape=box', "back\\", "\\l\\n\\N", "<b>bold</b>", "}", "&#1;",
                 "a & b", "[bold]x[/bold]"]:
        assert _svg_text(text) == text


def test_xml_escape() -> None:
    """Markup characters become entities."""
    assert xml_escape("<a href='x'>\"&\"</a>") == (
        "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")


def test_mermaid_text() -> None:
    """Characters that end a Mermaid label or start markup become entities."""
    assert mermaid_text('a "b" #1 &c <x> `y`') == (
        "a #quot;b#quot; #35;1 #amp;c #lt;x#gt; #96;y#96;")


def test_mermaid_text_holds_no_directive() -> None:
    """Mermaid takes `%%{init: {...}}%%` anywhere in a diagram, inside a quoted label too,
    as its configuration (theme, themeCSS, fonts, limits): a map's text could restyle or
    break the diagram of a handout. A percent sign becomes an entity."""
    assert mermaid_text('%%{init: {"theme": "dark"}}%% 50%') == (
        "#37;#37;{init: {#quot;theme#quot;: #quot;dark#quot;}}#37;#37; 50#37;")


@given(ANY_TEXT)
def test_mermaid_text_has_no_raw_specials(text: str) -> None:
    """Property: no quote, angle bracket, ampersand, backtick or percent sign survives."""
    out = mermaid_text(text)
    assert [c for c in out if c in '"<>&`%'] == []


def test_markdown_text() -> None:
    """Inline markup and line-start blocks are backslash-escaped."""
    assert markdown_text("*a* [x](javascript:y) <b> `c` #1") == (
        "\\*a\\* \\[x\\](javascript:y) \\<b\\> \\`c\\` \\#1")
    assert markdown_text("- item") == "\\- item"
    assert markdown_text("12. item") == "12\\. item"
    assert markdown_text("\x1b[1mbold") == "\\[1mbold"


@given(ANY_TEXT)
def test_markdown_text_escapes_every_special(text: str) -> None:
    """Property: every inline special character is preceded by a backslash."""
    out = markdown_text(text)
    i = 0
    while i < len(out):
        if out[i] == "\\":
            i += 2
            continue
        assert out[i] not in "`*_[]<>#|~$&!"
        i += 1


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=c&d=e", "https://example.org/a?b=c&d=e"),
    ("HTTP://example.org/ä", "HTTP://example.org/%C3%A4"),
    ('https://x.org/"><script>alert(1)</script>',
     "https://x.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"),
    ("javascript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\x00script:alert(1)", None),
    ("data:text/html,<script>", None),
    ("//evil.example/x", None),
    ("https://", None),
    ("https://x.org/a b", None),
    (None, None),
])
def test_safe_url(url: str | None, expected: str | None) -> None:
    """Only absolute http(s) URLs with a host pass, percent-encoded."""
    assert safe_url(url) == expected


def test_wide_characters_take_two_columns() -> None:
    """Chinese and Japanese are wrapped by columns, two for each wide character (Mermaid
    wraps by width, and broke a 26-character Chinese line again); words that fit are kept
    whole, and a run with no spaces is cut where the line is full. Text with no wide
    character is wrapped as before."""
    text = "巴基斯坦与阿富汗的关系需要从胁迫转向务实共存，这是本文的核心论点。"
    assert ["巴基斯坦与阿富汗的关系需要", "从胁迫转向务实共存，这是本", "文的核心论点。"] \
        == wrap(text, 26, 300)
    assert ["The Taliban 政府 is", "事实上的政府 of", "Afghanistan since 2021 and", "beyond"] \
        == wrap("The Taliban 政府 is 事实上的政府 of Afghanistan since 2021 and beyond", 26, 300)
    assert ["Pakistan and Afghanistan:", "from coercion to"] \
        == wrap("Pakistan and Afghanistan: from coercion to", 26, 300)
    assert 26 == columns("パキスタンとアフガニスタン")


@given(st.text(st.sampled_from("ab 政府パキ،ي\u3000-"), max_size=120),
       st.integers(min_value=2, max_value=40))
def test_wrapped_wide_lines_fit_and_keep_the_text(text: str, width: int) -> None:
    """Every line of a text with wide characters fits in ``width`` columns, and the lines
    hold the cleaned text's characters in order (spaces aside: lines part at them)."""
    lines = wrap(text, width, 300)
    assert [line for line in lines if columns(line) > width] == []
    assert "".join(lines).replace(" ", "") == cap(clean(text), 300).replace(" ", "")


@pytest.mark.parametrize("key", ["pakistan-afghanistan:talks-failed", "پاکستان:x_1", "a.b:~c"])
def test_a_plain_key_is_its_own_node_name(key: str) -> None:
    """Letters and digits of any script and `_ . : ~ -` are kept: the usual DOT is
    unchanged."""
    assert key == node_name(key)


@pytest.mark.parametrize(("key", "name"), [
    ("a b:n", "a%20b:n"), ("a  b:n", "a%20%20b:n"), ("a b\u202e:n", "a%20b%E2%80%AE:n"),
    ('x\\N"&<%:n', "x%5CN%22%26%3C%25:n"), ("\udcff:n", "%ED%B3%BF:n")])
def test_other_characters_of_a_key_are_percent_encoded(key: str, name: str) -> None:
    """A space, a bidi control, a backslash, a quote, `&`, `%` itself and a surrogate (a
    file name that is not UTF-8) are percent-encoded: names no cleaning can merge."""
    assert name == node_name(key)


@given(st.text(st.characters(), max_size=12), st.text(st.characters(), max_size=12))
def test_node_names_are_one_to_one(a: str, b: str) -> None:
    """Two keys never share a node name (Graphviz would draw one node for both), and a
    name holds only characters DOT, SVG and JSON keep as they are."""
    assert (a == b) == (node_name(a) == node_name(b))
    assert re.fullmatch(r"[\w.:~%-]*", node_name(a))
