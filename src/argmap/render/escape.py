"""Text hygiene for every output language: clean, wrap, and escape user text.

Every string that comes from a map passes through :func:`clean` before it
reaches any output, then through exactly one escaper for the target language
(:func:`dot_quote`, :func:`xml_escape`, :func:`mermaid_text`,
:func:`markdown_text`). URLs go through :func:`safe_url`, which returns
``None`` for anything that is not plain http(s).
"""

from __future__ import annotations

import re
import textwrap
from unicodedata import east_asian_width
from urllib.parse import quote, urlsplit

__all__ = [
    "BIDI_CONTROLS",
    "ELLIPSIS",
    "WHITESPACE",
    "cap",
    "clean",
    "dot_id",
    "dot_quote",
    "markdown_text",
    "mermaid_text",
    "node_name",
    "safe_url",
    "wrap",
    "xml_escape",
]

ELLIPSIS = "\u2026"

# Bidi embeddings, overrides and isolates can make text display in an order
# other than the one stored ("Trojan Source"); they are removed. The plain
# direction marks (LRM, RLM, ALM) only nudge neutral characters and are kept,
# as are ZWJ/ZWNJ, which Urdu and Persian spelling needs.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Characters that break lines or separate words: each run becomes one space.
#: (No-break spaces are kept: French typography needs them.)
WHITESPACE = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029 "
# Everything else never reaches an output: the other C0/C1 controls and DEL
# (terminal escapes, invalid in XML), bidi controls, the BOM, surrogates,
# private-use characters, and noncharacters (not allowed in XML, so they
# would make the SVG invalid). One regular expression, because this runs on
# every string of every map: a per-character loop took 3 s on 10,000 nodes.
_NONCHARACTERS = "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF)
                         for plane in range(0x10000, 0x110000, 0x10000))
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f" + BIDI_CONTROLS
    + "\ufeff\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
    + _NONCHARACTERS + "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)
_SPACES = re.compile(f"[{re.escape(WHITESPACE)}]+")


def clean(text: str) -> str:
    """User text as one safe line: control characters, bidi overrides and
    noncharacters removed; line breaks and runs of whitespace made single spaces."""
    if text.isascii() and text.isprintable():
        # The common case, several times faster: the only whitespace is the space.
        return " ".join(text.split())
    return _SPACES.sub(" ", _DROP.sub("", text)).strip(WHITESPACE)


def cap(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def wrap(text: str, width: int, limit: int) -> list[str]:
    """Cleaned ``text`` capped at ``limit`` characters and word-wrapped to ``width`` columns
    (a wide character, as of Chinese or Japanese, takes two)."""
    capped = cap(clean(text), limit)
    if not capped:
        return []
    if not capped.isascii() and any(_width(c) == 2 for c in capped):
        return _wrap_wide(capped, width)
    # break_on_hyphens would split ids and URLs such as "tit-for-tat" mid-word.
    return textwrap.wrap(capped, width=width, break_long_words=True, break_on_hyphens=False)


def _width(c: str) -> int:
    """The columns of one character: two if it is wide or full-width, else one."""
    return 2 if east_asian_width(c) in "WF" else 1


def columns(text: str) -> int:
    """How many columns ``text`` takes: two for each wide or full-width character."""
    return sum(map(_width, text))


def _wrap_wide(text: str, width: int) -> list[str]:
    """:func:`wrap` by columns, for a text with wide characters: a wide character takes
    about twice the room of a Latin letter, so counting characters made lines twice as
    wide as meant, and Mermaid (which wraps by width) broke them again. Words are kept
    whole where they fit; a longer one (Chinese and Japanese write none of the spaces
    word wrapping looks for) is cut where the line is full. ``text`` is cleaned: words
    are parted by single spaces."""
    width = max(width, 2)
    lines: list[str] = []
    line, used = "", 0
    for whole in text.split(" "):
        word, size = whole, columns(whole)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        while size > width:
            piece, room = "", 0
            for c in word:
                step = _width(c)
                if room + step > width:
                    break
                piece, room = piece + c, room + step
            lines.append(piece)
            word, size = word[len(piece):], size - room
        line, used = word, size
    if line:
        lines.append(line)
    return lines


# Text that needs neither cleaning nor escaping (names, colours, numbers):
# quoted as it is, which saves most of the time on large maps.
_PLAIN = re.compile(r"[\w.,:#%+/=-]+( [\w.,:#%+/=-]+)*", re.ASCII)


def dot_quote(text: str) -> str:
    """A DOT double-quoted string showing ``text`` literally (label-safe).

    Backslashes are doubled, so ``\\l``, ``\\N`` and friends stay text; ``&``
    becomes ``&amp;`` because Graphviz decodes HTML entities in strings
    (``&#1;`` would otherwise put a control character into the SVG).
    Control characters are removed by :func:`clean`.
    """
    if _PLAIN.fullmatch(text):
        return f'"{text}"'
    body = (
        clean(text)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("&", "&amp;")
    )
    return f'"{body}"'


# What a node name keeps as it is: letters and digits of any script, and `_ . : ~ -`.
_NAME_CHAR = re.compile(r"[\w.:~-]")
_NAME_PLAIN = re.compile(r"[\w.:~-]*")


def node_name(key: str) -> str:
    """The DOT name of the node ``key`` (``map:id``), as Graphviz writes it back (an SVG
    ``<title>``, ``json0``'s ``name``): ``key`` itself when it holds only letters, digits
    and ``_ . : ~ -``, else with every other character (``%`` included) percent-encoded.

    One name for one key: :func:`dot_quote` cleans text for showing, and cleaned, the keys
    of maps named ``a b`` and ``a  b`` (or ``a b`` and ``a b`` + a bidi control) were the
    same DOT name, so that Graphviz drew one node for both, with the text of the one
    written last and the relations of both.
    """
    if _NAME_PLAIN.fullmatch(key):
        return key
    return "".join(c if _NAME_CHAR.match(c) else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
                   for c in key)


def dot_id(key: str) -> str:
    """The quoted DOT name of the node ``key`` (:func:`node_name`; nothing in it needs an
    escape)."""
    return f'"{node_name(key)}"'


def dot_lines(lines: list[str], justify: str = "\\n") -> str:
    """A DOT string of several lines, each escaped; ``justify`` is ``\\n``, ``\\l`` or ``\\r``."""
    inner = [dot_quote(line)[1:-1] for line in lines]
    if justify != "\\n":
        return '"' + "".join(line + justify for line in inner) + '"'
    return '"' + justify.join(inner) + '"'


def xml_escape(text: str) -> str:
    """Cleaned text escaped for XML/HTML element content and attribute values."""
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


# Mermaid decodes "#name;" and "#123;" entities inside labels; these are the
# characters that would otherwise end the quoted label, start HTML or an
# entity, (backtick) close the Markdown code fence a handout puts it in, or
# (percent) start a directive: Mermaid reads `%%{init: ...}%%` anywhere in the
# diagram, inside a label too, as its configuration.
_MERMAID = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "%": "#37;",
}
# Before decoding its entities Mermaid cuts the last ";" off a line with "style" or
# "classDef", a colon, then "#" (a colour, as in `style a fill:#f00;`): a label saying
# "style x:#f00" lost the ";" of "#35;" and showed "#35" (found by drawing with the real
# Mermaid, tests/test_mermaid_official.py). The first letter of either word is written
# as an entity, so no label line has them.
_MERMAID_RE = re.compile("style|classDef|" + "|".join(re.escape(k) for k in _MERMAID))
_MERMAID_WORDS = {"style": "#115;tyle", "classDef": "#99;lassDef"}


def mermaid_text(text: str) -> str:
    """Cleaned text for inside a double-quoted Mermaid label (entities for specials)."""
    return _MERMAID_RE.sub(
        lambda m: _MERMAID.get(m.group(0)) or _MERMAID_WORDS[m.group(0)], clean(text))


# CommonMark lets any ASCII punctuation be backslash-escaped; these are the
# ones that start emphasis, links, code, HTML, entities, tables or math
# anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~$&!])")
# ... and these only at the start of a line (lists, headings, rules, quotes).
_MD_LINE_START = re.compile(r"^([-+=]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Cleaned text escaped for Markdown inline content (GitHub-flavoured)."""
    escaped = _MD_INLINE.sub(r"\\\1", clean(text))
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


# Characters kept as they are in a URL; everything else is percent-encoded
# (quotes, spaces, angle brackets, backslashes, non-ASCII).
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


def safe_url(url: str | None) -> str | None:
    """``url`` percent-encoded if it is an absolute http(s) URL with a host, else ``None``.

    Refusing everything else keeps ``javascript:``, ``data:`` and relative
    tricks out of links in SVG and Markdown.
    """
    if url is None:
        return None
    text = clean(url)
    if not text or " " in text:
        return None
    encoded = quote(text, safe=_URL_SAFE)
    try:
        parts = urlsplit(encoded)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return encoded
