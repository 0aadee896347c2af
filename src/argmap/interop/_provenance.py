"""What the formats share about provenance, schemes and tensions.

Of the interchange formats only argmap's JSON has a place for who draws a
relation (``by``), the passage where the source draws it (``quote``), the
critical question it raises and the map's tensions; the others keep them in
argmap's own data (AIF's ``argmap`` objects, Argdown data elements, GraphML
attributes), which other tools keep but do not show. An exporter says so in
its loss report; an importer drops a tension whose nodes are not in the map.
"""

from __future__ import annotations

from typing import Any

from argmap.errors import shown
from argmap.interop.loss import APPROXIMATED, NOT_IMPORTED, LossReport
from argmap.model import ArgumentMap, Provenance

__all__ = ["known_tensions", "report_kept"]


def report_kept(amap: ArgumentMap, loss: LossReport, where: str, *,
                schemes: bool = True, relations: bool = True) -> None:
    """One loss entry for what of ``amap`` a format keeps only in ``where``: the analyst's
    relations, relation quotes, critical questions, schemes (unless ``schemes`` is False:
    the format names them itself), and tensions. ``relations=False``: the format shows
    the relations' fields itself; only tensions are reported."""
    counts: list[str] = []
    rels = [r for n in amap.nodes for _, r in n.relations()]
    analysts = sum(r.by is Provenance.ANALYST for r in rels) if relations else 0
    if relations:
        for what, n in (
            ("relation{s} the analyst infers (by: analyst)", analysts),
            ("relation quote{s}", sum(r.quote is not None for r in rels)),
            ("critical question{s}", sum(r.question is not None for r in rels)),
            ("scheme{s}", sum(r.scheme is not None for r in rels) if schemes else 0),
        ):
            if n:
                counts.append(f"{n} {what.format(s='' if n == 1 else 's')}")
    if amap.tensions:
        counts.append(f"{len(amap.tensions)} tension{'s' if len(amap.tensions) != 1 else ''}")
    if counts:
        # Said only where it is so: a format that shows `by` itself (GraphML) loses only
        # the tensions, and its tools do tell the analyst's relations apart.
        drawn = (" (they show every relation as one the source draws)" if analysts else "")
        loss.add(APPROXIMATED, f"{', '.join(counts)}: kept in {where}, which other tools "
                 f"keep but do not show{drawn}")


def known_tensions(meta: dict[str, Any], nodes: set[str], loss: LossReport) -> None:
    """Drop from ``meta["tensions"]`` each tension between nodes the map does not have
    (a reference to another map, ``map:id``, is kept); report each one dropped."""
    tensions = meta.get("tensions")
    if not isinstance(tensions, list):
        return
    kept = []
    for t in tensions:
        between = t.get("between") if isinstance(t, dict) else None
        if not isinstance(between, list):
            kept.append(t)  # not a tension at all: the model says why
            continue
        missing = [ref for ref in between if isinstance(ref, str) and ":" not in ref
                   and ref not in nodes]
        if missing:
            loss.add(NOT_IMPORTED, f"tension {shown(t.get('id'))}: no node "
                                   f"{shown(missing[0])} in the map")
        else:
            kept.append(t)
    meta["tensions"] = kept
