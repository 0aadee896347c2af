"""The shapes of Argdown lines: relation symbols, numbered statements, inferences, titles."""

from __future__ import annotations

import re

__all__ = ["END", "EXPANDED", "HEADING", "INFER", "LIST", "PCS", "REL", "SYMBOLS", "head_of"]

REL = re.compile(r"(\+>|->|<\+|<-|><|_>|<_|\+|-|_(?=\s|$))[ \t]*")
PCS = re.compile(r"\((\d{1,9})\)[ \t]*")
INFER = re.compile(r"--")
LIST = re.compile(r"(?:\*|\d{1,9}\.)(?=\s|$)[ \t]*")
HEADING = re.compile(r"(#+)[ \t]+(.*)")
EXPANDED = re.compile(r"--+[ \t]*(.*?)[ \t]*--+")
END = re.compile(r"-{2,}")

#: (kind, the child is the relation's source) for each relation symbol.
SYMBOLS = {
    "+": ("support", True), "<+": ("support", True), "+>": ("support", False),
    "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
    "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
    "><": ("contradiction", False),
}


_LINK_START = re.compile(r"\[[^\[\]\n]+\]\(")
_SDEF = re.compile(r"\[([^\]\0]+?)\]:[ \t]*")
_SREF = re.compile(r"\[([^\-\]\0][^\]\0]*?)\][ \t]*")
_ADEF = re.compile(r"<([^>\0]+?)>:[ \t]*")
_AREF = re.compile(r"<([^\->\0][^>\0]*?)>[ \t]*")


def head_of(s: str) -> tuple[str, str | None, str]:
    """``(kind, title, rest)`` of a member's first line."""
    if _LINK_START.match(s):
        return "statement", None, s
    for pattern, kind in ((_SDEF, "statement"), (_ADEF, "argument"),
                          (_SREF, "statement"), (_AREF, "argument")):
        m = pattern.match(s)
        if m is not None and m.group(1).strip():
            return kind, m.group(1).strip(), s[m.end():]
    return "statement", None, s
