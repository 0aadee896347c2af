"""A map with no nodes: nothing in it to check.

A map file that loads but holds no node (`nodes: []`, or no `nodes` key) has no
argument, and every other rule finds nothing in it: without this rule, `argmap
check` would pass a map that lost all its nodes in a bad merge, in CI as anywhere.
Each such map is reported, at its `nodes` key (or its first line where it has none),
in a folder too (where every map is empty, each of them). A map meant to hold no
nodes yet, a stub, can be left out with `--ignore empty-map` or the map's `check:`
block. (A file with nothing at all in it is not a map: it is a load error.)

Failing example:

    argmap: 1
    title: Lost in a merge
    sources:
      - id: cable
        title: The cable
    nodes: []

Passing example:

    argmap: 1
    title: Restored
    sources:
      - id: cable
        title: The cable
    nodes:
      - id: aid-rose
        kind: evidence
        text: US aid rose for a third year.
        source: cable
        supports: [key-ally]
      - id: key-ally
        kind: claim
        text: Pakistan is a key ally of the US in the region.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import At, Context, Finding
from argmap.errors import Location, Severity

ID = "empty-map"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    """Maps under check that have no node."""
    for m in ctx.maps:
        if m.context or m.map.nodes:
            continue
        doc = m.document
        written = doc.span(("nodes",)) is not None
        # The `nodes` key where it is written (`nodes: []`); else the file's first line.
        where = m.where(("nodes",), key=True) if written else Location(doc.path, 1, 1)
        yield Finding(
            At(m, ("nodes",), where),
            "the map has no nodes: there is no argument to check",
            hint=("add the argument's nodes under `nodes:` (if they were lost, in a merge "
                  "say, restore them); a map meant to be empty for now can be left out "
                  "with --ignore empty-map"))
