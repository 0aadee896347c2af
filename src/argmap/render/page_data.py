"""The data an HTML page carries: nodes, relations, sources, findings, acceptance.

:func:`page_data` turns a :class:`~argmap.render.select.View` into plain JSON
data (every text cleaned, every link a checked http(s) URL); :func:`script_json`
writes it for a ``<script type="application/json">`` block, where no text of a
map can end the block or start markup.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.errors import ArgmapError
from argmap.graph import ArgumentGraph, GNode
from argmap.loading.loader import LoadedMap
from argmap.records import NodeKind, Provenance, RelationKind, SourceRecord
from argmap.render.crux import page_cruxes
from argmap.render.escape import clean, safe_url
from argmap.render.options import RenderOptions
from argmap.render.select import View
from argmap.schemes import SCHEMES

__all__ = ["DATA_VERSION", "KIND_ORDER", "page_data", "script_json"]

#: Version of the page data's shape (``"argmap-page"`` in the JSON).
DATA_VERSION = 1
#: Kinds in the order the legend and the filters list them (top of the diagram first).
KIND_ORDER = (NodeKind.RECOMMENDATION, NodeKind.CLAIM, NodeKind.ASSUMPTION,
              NodeKind.OBJECTION, NodeKind.EVIDENCE)

# Inside <script>, "</script" or "<!--" would end or confuse the block whatever
# the type; U+2028/2029 end a line in older JavaScript. JSON allows all of them
# written as \u escapes inside strings, the only place they can occur.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(data: Any) -> str:
    """``data`` as JSON text that is inert inside any ``<script>`` element.

    Deterministic: keys sorted, no whitespace between tokens.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


def _text(value: str | None) -> str | None:
    return None if value is None else clean(value)


def _maps_by_name(graph: ArgumentGraph) -> dict[str, LoadedMap]:
    return {n.map.name: n.map for n in graph.nodes.values()}


def _source(n: GNode, maps: dict[str, LoadedMap]) -> dict[str, Any] | None:
    """The node's source, from its own map or (``map:id``) from another loaded map."""
    ref = n.node.source
    if ref is None:
        return None
    owner, _, sid = ref.rpartition(":")
    home = maps.get(owner) if owner else n.map
    found: SourceRecord | None = None
    if home is not None:
        found = next((s for s in home.map.sources if s.id == sid), None)
    out: dict[str, Any] = {"id": clean(ref)}
    if found is not None:
        out.update(title=clean(found.title), author=_text(found.author),
                   date=_text(found.date), url=safe_url(found.url), note=_text(found.note))
    return out


_Acceptance = tuple[dict[str, str], dict[str, float], dict[str, list[float]]]


def _acceptance(graph: ArgumentGraph) -> _Acceptance | None:
    """Grounded labels and DF-QuAD strengths, when :mod:`argmap.semantics` is installed.

    The page is useful without them, so a map the semantics cannot evaluate
    (an error of that module) gives a page without them rather than no page.
    """
    try:
        from argmap.semantics import evaluate, status_text  # noqa: PLC0415 - optional part
    except ImportError:  # pragma: no cover - present in this checkout
        return None
    try:
        ev = evaluate(graph, strength=True)
    except ArgmapError:
        return None
    labels = {key: status_text(status) for key, status in ev.status.items()}
    strengths = ({key: round(v, 4) for key, v in ev.strengths.values.items()}
                 if ev.strengths is not None else {})
    # With intervals in the map: the strengths they leave open (docs/semantics.md).
    ranges = ({key: [round(lo, 4), round(hi, 4)] for key, (lo, hi)
               in ev.strengths.ranges.items() if lo < hi} if ev.strengths is not None else {})
    return labels, strengths, ranges


def _node(view: View, key: str, maps: dict[str, LoadedMap],
          acceptance: _Acceptance | None) -> dict[str, Any]:
    n = view.graph.nodes[key]
    node = n.node
    out: dict[str, Any] = {
        "key": clean(key), "id": clean(n.id), "map": clean(n.map.name), "kind": n.kind.value,
        "text": clean(node.text), "title": _text(node.title), "quote": _text(node.quote),
        "locator": _text(node.locator),
        "section": _text(node.section), "tags": [clean(t) for t in node.tags],
        "note": _text(node.note), "confidence": node.confidence,
        "source": _source(n, maps), "context": key in view.context,
        "findings": [clean(f) for f in view.node_findings.get(key, ())],
    }
    if acceptance is not None:
        labels, strengths, ranges = acceptance
        out["status"] = labels.get(key)
        out["strength"] = strengths.get(key)
        if key in ranges:
            out["strengthRange"] = ranges[key]
    return out


def _edges(view: View, index: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for number in view.edges:
        e = view.graph.edges[number]
        rel = e.relation
        out.append({"n": number, "kind": e.kind.value, "from": index[e.source],
                    "to": index[e.target], "cut": e.target_edge, "id": _text(rel.id),
                    "strength": rel.strength, "note": _text(rel.note),
                    "by": rel.by.value, "quote": _text(rel.quote),
                    "scheme": SCHEMES[rel.scheme].name if rel.scheme else None,
                    "question": rel.question,
                    "findings": [clean(f) for f in view.edge_findings.get(number, ())]})
    return out


def _tensions(view: View, index: dict[str, int]) -> list[dict[str, Any]]:
    return [{"n": i, "id": clean(t.tension.id), "between": [index[k] for k in t.between],
             "note": _text(t.tension.note), "quotes": [clean(q) for q in t.tension.quotes]}
            for i, t in view.tensions]


def page_data(view: View, options: RenderOptions) -> dict[str, Any]:
    """Everything the page's script shows, as JSON-ready data.

    Nodes are listed in the view's order and relations refer to them by
    position; ``checked`` says whether check findings were computed (they are
    with ``highlight_findings``), so that "no findings" is not claimed when
    nobody looked.
    """
    graph = view.graph
    maps = _maps_by_name(graph)
    index = {key: i for i, key in enumerate(view.nodes)}
    acceptance = _acceptance(graph)
    drawn = view.maps[0].map if len(view.maps) == 1 else None
    kinds = {graph.nodes[k].kind for k in view.nodes}
    tags = sorted({clean(t) for k in view.nodes for t in graph.nodes[k].node.tags})
    relations = {graph.edges[i].kind for i in view.edges}
    return {
        "argmap-page": DATA_VERSION,
        "title": clean(view.title),
        "question": _text(drawn.question) if drawn else None,
        "thesis": _text(drawn.thesis) if drawn else None,
        "maps": [{"name": clean(m.name), "path": clean(m.path), "title": clean(m.map.title)}
                 for m in view.maps],
        "kinds": [k.value for k in KIND_ORDER if k in kinds],
        "relations": [r.value for r in RelationKind if r in relations],
        "tags": tags,
        "checked": options.highlight_findings,
        "mapFindings": [clean(f) for f in view.map_findings],
        "semantics": "grounded" if acceptance is not None else None,
        "nodes": [_node(view, key, maps, acceptance) for key in view.nodes],
        "edges": _edges(view, index),
        "tensions": _tensions(view, index),
        "inferred": any(graph.edges[i].relation.by is Provenance.ANALYST for i in view.edges),
        "crux": page_cruxes(graph, view.nodes, view.edges, options.crux),
    }
