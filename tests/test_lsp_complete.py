"""argmap.lsp.complete: what may be typed at the cursor, read from the lines above it."""

from __future__ import annotations

import pytest

from argmap.lsp.complete import Wanted, wanted
from argmap.lsp.text import Lines

from .helpers import finishes

MAP = """\
argmap: 1
title: T
sources:
  - id: art
nodes:
  - id: a
    kind: claim
    supports: [b, c
    supports:
    - x
    undercuts:
      - to: r
        by: an
    acknowledge:
      unsupported-cl
"""


def _at(line: int, col: int | None = None) -> Wanted | None:
    lines = Lines(MAP)
    return wanted(lines, line, len(lines.line(line)) if col is None else col)


@pytest.mark.parametrize(("line", "col", "expected"), [
    (6, None, Wanted("kind", prefix="claim")),
    (7, None, Wanted("node", prefix="c")),
    (9, None, Wanted("node", prefix="x")),
    (11, None, Wanted("relation", prefix="r")),
    (12, None, Wanted("by", prefix="an")),
    (14, None, Wanted("rule", prefix="unsupported-cl")),
    (5, 4, Wanted("key", "node", "")),
    (3, 4, Wanted("key", "source", "")),
    (1, 0, Wanted("key", "map", "")),
    (12, 8, Wanted("key", "relation", "")),
], ids=["kind", "flow-list", "items-at-their-key's-column", "undercuts-to", "by",
        "acknowledge", "node-key", "source-key", "map-key", "relation-key"])
def test_the_place_decides_what_is_offered(line: int, col: int | None,
                                           expected: Wanted) -> None:
    """Ids where references are written, values of closed lists, keys of the part of the map
    the cursor is in, rule ids under `acknowledge:`."""
    assert expected == _at(line, col)


def test_free_text_gets_nothing() -> None:
    """Inside a text (`title: T`) nothing is offered."""
    assert _at(1) is None


def test_a_place_far_past_the_end_is_answered_at_once() -> None:
    """A position on line 1,000,000,000 (a stale or forged request) is the place after the
    last line: the empty lines up to it are not walked one by one (that took minutes and
    held the server, which answered nothing else meanwhile)."""
    lines = Lines("argmap: 1\ntitle: T\nnodes:\n  - id: a\n")
    assert Wanted("key", "map", "") == finishes(lambda: wanted(lines, 10**9, 10**9), timeout=20)
