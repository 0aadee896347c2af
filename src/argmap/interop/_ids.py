"""Readable, unique, deterministic node ids for imported maps."""

from __future__ import annotations

import re
import unicodedata

from argmap.records import ID_PATTERN

__all__ = ["IdAllocator", "is_id", "slug"]

_ID = re.compile(ID_PATTERN)
_NON_SLUG = re.compile(r"[^a-z0-9]+")
#: Longest slug made from a title or text (ids may be up to 200 characters).
MAX_SLUG = 60


def is_id(value: str) -> bool:
    """Whether ``value`` is a valid argmap id."""
    return len(value) <= 200 and _ID.match(value) is not None


def slug(title: str, *, words: int | None = None, fallback: str = "node") -> str:
    """A readable id from a title or text: ``"Root Claim"`` -> ``root-claim``.

    A title that already is a valid id is kept as written (``Fleisch-OK``), so
    that ids exported as titles come back unchanged. ``words`` keeps only the
    first words of a longer text.
    """
    if words is None and is_id(title):
        return title
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    parts = [p for p in _NON_SLUG.split(ascii_text.lower()) if p]
    if words is not None:
        parts = parts[:words]
    out = ""
    for part in parts:
        candidate = f"{out}-{part}" if out else part
        if len(candidate) > MAX_SLUG:
            break
        out = candidate
    if not out and parts:
        out = parts[0][:MAX_SLUG]
    return out or fallback


class IdAllocator:
    """Hands out unique ids: ``claim``, ``claim-2``, ``claim-3`` ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def take(self, base: str) -> str:
        """``base`` itself when free, else ``base-N`` for the smallest free N >= 2."""
        if base not in self.used:
            self.used.add(base)
            return base
        stem = base[:190]
        # Remember where the search stopped: 50,000 statements "b" stay linear.
        n = self.next.get(stem, 2)
        while f"{stem}-{n}" in self.used:
            n += 1
        self.next[stem] = n + 1
        out = f"{stem}-{n}"
        self.used.add(out)
        return out

    def reserve(self, value: str) -> bool:
        """Claim ``value`` exactly; False when it is taken."""
        if value in self.used:
            return False
        self.used.add(value)
        return True
