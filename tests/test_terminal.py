"""Tests of argmap.terminal: user text made safe to show on a terminal."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from argmap.terminal import json_safe, json_string, printable

#: Some characters that act on a terminal or on what its reader sees.
UNSAFE = ("\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\x9d\u061c\u200e\u200f\u2028\u2029"
          "\u202a\u202e\u2066\u2069\ud800\udcff")
_BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)),
         *map(chr, range(0x2066, 0x206A))}


def _unsafe(ch: str) -> bool:
    """All of them, defined by Unicode's categories: controls, line and paragraph
    separators, surrogates, and the bidi formatting characters."""
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or ch in _BIDI


def test_printable_escapes_what_acts_on_a_terminal() -> None:
    """ESC, BEL, C1 controls, bidi controls, separators and surrogates become escapes."""
    assert printable("\x1b[31mred\x1b]0;title\x07") == "\\x1b[31mred\\x1b]0;title\\x07"
    assert printable("a\tb\nc\rd") == "a\\tb\\nc\\rd"
    assert printable("\x9b2J \u202eevil \udcff") == "\\x9b2J \\u202eevil \\udcff"


def test_printable_keeps_text_of_every_script() -> None:
    """Urdu with its zero-width non-joiner, accents and emoji are shown as they are."""
    for text in ("پاکستان\u200cی", "Zürich – “quoted”", "🙂 ok", ""):
        assert printable(text) == text


def test_printable_keeps_new_lines_when_asked() -> None:
    """With newlines=True, line feeds stay (and carriage returns do not)."""
    assert printable("a\nb\r\x1b", newlines=True) == "a\nb\\r\\x1b"


@given(st.text())
def test_printable_leaves_nothing_unsafe(text: str) -> None:
    """Whatever the text, no unsafe character is left, and safe text is unchanged."""
    out = printable(text)
    assert not any(map(_unsafe, out))
    if not any(map(_unsafe, text)):
        assert out == text


@given(st.text())
def test_json_string_is_safe_and_reads_back(text: str) -> None:
    """A JSON string literal with nothing unsafe in it that json.loads reads back."""
    out = json_string(text)
    assert not any(map(_unsafe, out))
    assert json.loads(out) == text


def test_json_safe_escapes_a_whole_document() -> None:
    """json.dumps(ensure_ascii=False) output, C1 and bidi controls escaped, same value."""
    data = {"node": "x\x9b\u202e\udcff", "n": [1, "\x1b"]}
    out = json_safe(json.dumps(data, ensure_ascii=False, indent=2))
    assert not any(ch in out for ch in UNSAFE.replace("\n", ""))
    assert json.loads(out) == data
