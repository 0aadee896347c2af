"""Argdown's shortcodes: ``.A.``/``:A:`` -> ∀ and the rest of its table.

Argdown's model replaces each shortcode in a statement's text by its character (its lexer
reads ``.name.`` and ``:name:`` without spaces inside; a name not in the table stays as
written). The table is Argdown's own, ``packages/argdown-core/src/plugins/shortcodes.ts``
(argdown/argdown, MIT, (c) 2017 Christian Voigt), so that argmap reads the same text.
"""

from __future__ import annotations

import re

__all__ = ["SHORTCODE", "SHORTCODES", "escape_shortcodes"]

_TABLE: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".A.", ":A:"), "\u2200"),
    ((".E.", ":E:"), "\u2203"),
    ((".O.", ":O:"), "\U0001d5e2"),
    ((".P.", ":P:"), "\U0001d5e3"),
    ((".->.", ":->:"), "\u2192"),
    ((".<->.", ":<->:"), "\u2194"),
    ((".~.", ":~:"), "\xac"),
    ((".^.", ":^:"), "\u2227"),
    ((".v.", ":v:"), "\u2228"),
    ((".v_.", ":v_:"), "\u22bb"),
    ((".<>.", ":<>:"), "\u25c7"),
    ((".[].", ":[]:"), "\u25fb"),
    ((":happy:", ".happy."), "\U0001f600"),
    ((":smile:",), "\u263a\ufe0f"),
    ((".smile.", ":smiley:", ".smiley."), "\u263a"),
    ((":laugh:", ".laugh.", ":lol:", ".lol."), "\U0001f606"),
    ((":rofl:", ".rofl."), "\U0001f923"),
    ((":joy:", ".joy."), "\U0001f602"),
    ((":heart:", ".heart."), "\u2764"),
    ((".?.", ":?:", ".question.", ":question:"), "\u2753"),
    ((":love:", ".love."), "\U0001f60d"),
    ((":wink:", ".wink."), "\U0001f609"),
    ((":shush:", ".shush."), "\U0001f92b"),
    ((":meh:", ".meh."), "\U0001f610"),
    ((":eye-roll:", ".eye-roll."), "\U0001f644"),
    ((":sad:", ".sad."), "\U0001f622"),
    ((":disappointed:", ".disappointed."), "\U0001f61e"),
    ((":scream:", ".scream."), "\U0001f631"),
    ((":+1:", ".+1.", ":up:", ".up."), "\U0001f44d"),
    ((":-1:", ".-1.", ":down:", ".down."), "\U0001f44e"),
    ((":think:", ".think."), "\U0001f914"),
    ((".star.", ":star:"), "\u2b50"),
    ((".y.", ":y:", ".agree.", ":agree:"), "\u2714"),
    ((".n.", ":n:", ".disagree.", ":disagree:"), "\u274c"),
)

#: Shortcode -> the character Argdown puts in its place.
SHORTCODES: dict[str, str] = {code: char for codes, char in _TABLE for code in codes}

#: What Argdown's lexer reads as a shortcode (``SpecialChar``) wherever a ``.`` or ``:``
#: starts a token; one not in the table (``.x.``, even ``.\\.``) is text as written.
SHORTCODE = re.compile(r"\.[^\s]+?\.|:[^\s]+?:")


def escape_shortcodes(text: str) -> str:
    """Escaped Argdown text (every ``\\`` an escape) with a ``\\`` more wherever Argdown's
    lexer would read a shortcode or swallow an escape into a would-be one: it then reads the
    text as written (``.A.`` stays ``.A.``, ``x.y.A.z`` too)."""
    if SHORTCODE.search(text) is None:
        return text
    out: list[str] = []
    pos = 0
    while pos < len(text):
        c = text[pos]
        if c == "\\":
            out.append(text[pos:pos + 2])
            pos += 2
            continue
        m = SHORTCODE.match(text, pos) if c in ".:" else None
        if m is None:
            out.append(c)
            pos += 1
        elif m.group() in SHORTCODES or "\\" in m.group():
            out.append("\\" + c)  # and look again from the next character
            pos += 1
        else:
            out.append(m.group())  # an unknown code: text, in Argdown and in argmap
            pos = m.end()
    return "".join(out)
