"""User text made safe to show on a terminal, or in a CI log that renders like one.

A map from a stranger decides its file names, ids and texts. Written raw, an
ESC or a C1 control starts an escape sequence (colours, a window title, a
cleared screen, a hyperlink), a bidi override reorders what the reader sees,
and a lone surrogate (a file name that is not UTF-8) makes the write fail.
:func:`printable` writes each of them as a visible escape (``\\x1b``, ``\\u202e``,
``\\udcff``); every other character, Urdu and Arabic joiners included, is
shown as it is.
"""

from __future__ import annotations

import re
from json.encoder import encode_basestring

__all__ = ["json_safe", "json_string", "printable"]

# C0 and C1 controls and DEL; the Arabic letter mark, LRM and RLM; line and paragraph
# separators; the bidi embeddings, overrides and isolates; surrogates (from
# os.fsdecode of bytes that are not UTF-8).
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
# The patterns are compiled on first use (re keeps them): the usual text is printable
# and never needs one, and compiling these three classes cost every start 1.3 ms.
_ALL = f"[\x00-\x1f{_OTHERS}]"
#: The same, line feeds excepted (text of several lines).
_BUT_NEWLINES = f"[\x00-\x09\x0b-\x1f{_OTHERS}]"


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    return _SHORT.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every character that could act on a terminal written as an escape.

    With ``newlines=True``, line feeds are kept (the text has several lines).
    """
    if text.isprintable():  # the usual case; no unsafe character is printable
        return text
    return re.sub(_BUT_NEWLINES if newlines else _ALL, _escape, text)


_JSON_UNSAFE = f"[{_OTHERS}]"


def json_safe(json_text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) made safe on a terminal.

    Such text escapes C0 controls only: C1 controls, bidi controls and surrogates
    are written as ``\\uXXXX`` here too (the same JSON value; a surrogate could
    not even be encoded raw). None of them can stand outside a JSON string.
    """
    if json_text.isprintable():
        return json_text
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", json_text)


def json_string(text: str) -> str:
    """``text`` as a JSON string literal that is safe on a terminal (see :func:`json_safe`)."""
    return json_safe(encode_basestring(text))
