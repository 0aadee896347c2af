"""A :class:`~argmap.diff.result.Diff` as JSON or as Markdown (a pull-request comment).

Both are deterministic: the same diff gives the same bytes. The JSON holds every
change (its layout is documented in docs/tutorial-reviewer.md); the Markdown lists
at most :data:`MAX_ITEMS` entries a section (GitHub cuts a comment at 65,536
characters) and says how many more the JSON has. Map text in the Markdown is
escaped (no markup, no HTML, no ``@`` mention that would notify someone).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from argmap.diff.describe import Part, describe
from argmap.diff.result import FORMAT, Diff, FailOn, NodeChange, RelationChange
from argmap.errors import Problem
from argmap.render.escape import cap, markdown_text
from argmap.terminal import json_safe

__all__ = ["MAX_ITEMS", "MAX_KEYS", "MAX_TEXT", "as_data", "json_text", "markdown",
           "shortened"]

#: Entries shown per section of the Markdown.
MAX_ITEMS = 100
#: Characters of a node's text shown in the Markdown.
MAX_TEXT = 300
#: Grounds listed per recommendation in the Markdown.
MAX_KEYS = 10


def _finding(p: Problem) -> dict[str, Any]:
    loc = p.location
    return {"path": loc.path, "line": loc.line, "col": loc.col, "severity": p.severity.value,
            "code": p.code, "message": p.message, "node": p.node}


def _node(n: NodeChange) -> dict[str, Any]:
    return {"key": n.key, "changes": list(n.changes), "old_key": n.old_key,
            "kind_before": n.kind_before, "kind_after": n.kind_after,
            "text_before": n.text_before, "text_after": n.text_after,
            "words": [[w.op, w.text] for w in n.words], "similarity": n.similarity,
            "quote_before": n.quote_before, "quote_after": n.quote_after,
            "confidence_before": n.confidence_before, "confidence_after": n.confidence_after,
            "title_before": n.title_before, "title_after": n.title_after}


def _range(low_high: tuple[float, float] | None) -> list[float] | None:
    # As `evaluate --strength --format json` gives a range: [low, high].
    return None if low_high is None else list(low_high)


def _relation(r: RelationChange) -> dict[str, Any]:
    return {"change": r.change, "source": r.source, "kind": r.kind, "target": r.target,
            "target_before": r.target_before,
            "fields": [{"field": f, "before": b, "after": a} for f, b, a in r.fields]}


def as_data(diff: Diff) -> dict[str, Any]:
    """The diff as plain JSON data (see the module)."""
    return {
        "argmap-diff": FORMAT,
        "old": diff.old,
        "new": diff.new,
        "summary": diff.counts(),
        "conditions": {c.value: diff.holds(c) for c in FailOn},
        "maps": {"added": list(diff.maps_added), "removed": list(diff.maps_removed)},
        "nodes": [_node(n) for n in diff.nodes],
        "relations": [_relation(r) for r in diff.relations],
        "findings": {"introduced": [_finding(p) for p in diff.introduced],
                     "resolved": [_finding(p) for p in diff.resolved]},
        "recommendations": [{"key": r.key, "grounds_added": list(r.grounds_added),
                             "grounds_removed": list(r.grounds_removed),
                             "evidence_before": r.evidence_before,
                             "evidence_after": r.evidence_after,
                             "on_evidence_before": r.on_evidence_before,
                             "on_evidence_after": r.on_evidence_after,
                             "lost_evidence": r.lost_evidence} for r in diff.recommendations],
        "acceptance": [{"key": a.key, "status_before": a.status_before,
                        "status_after": a.status_after, "strength_before": a.strength_before,
                        "strength_after": a.strength_after,
                        "range_before": _range(a.range_before),
                        "range_after": _range(a.range_after)} for a in diff.acceptance],
    }


def json_text(diff: Diff) -> str:
    """The diff as JSON text (safe to show on a terminal), ending in a line break."""
    return json_safe(json.dumps(as_data(diff), indent=2, ensure_ascii=False)) + "\n"


def _md(text: str, limit: int = MAX_TEXT) -> str:
    # `&#64;`: GitHub links and notifies `@name` (and `@org/team`) even in a comment
    # written by a bot; the entity shows the same character and mentions nobody.
    return markdown_text(cap(text, limit)).replace("@", "&#64;")


def _md_part(part: Part) -> str:
    """A part of a node change in Markdown: map text escaped (and each cut to
    :data:`MAX_TEXT`), a word diff's removed words struck through, its added ones bold."""
    role, text = part
    if role == "plain":
        return text
    shown = _md(text)
    return f"~~{shown}~~" if role == "deleted" else f"**{shown}**" if role == "inserted" \
        else shown


def _node_line(n: NodeChange) -> str:
    d = describe(n)
    key = _md(d.key)
    if d.change != "changed":
        return f"- {d.change} **{key}** ({d.kind}): {_md(d.text)}"
    return f"- **{key}**: " + "; ".join("".join(map(_md_part, clause)) for clause in d.clauses)


def _relation_line(r: RelationChange) -> str:
    what = f"**{_md(r.source)}** {r.kind} {_md(r.target)}"
    if r.change == "retargeted":
        return f"- retargeted: {what} (was {_md(r.target_before or '')})"
    if r.change == "changed":
        fields = ", ".join(f"{f} {_value(b)} → {_value(a)}" for f, b, a in r.fields)
        return f"- changed: {what}: {fields}"
    return f"- {r.change}: {what}"


def _value(value: str | None) -> str:
    if value is None:
        return "none"
    # A strength is a number argmap wrote (no markup to fear); the rest is map text.
    return value if value.replace(".", "", 1).isdigit() else _md(value, 80)


def _finding_line(p: Problem) -> str:
    return (f"- {p.severity.value}: {_md(str(p.location))}: {_md(p.message)} "
            f"[{_md(p.code)}]")


def _section(title: str, lines: list[str]) -> Iterator[str]:
    if not lines:
        return
    yield f"\n#### {title} ({len(lines)})\n"
    yield from lines[:MAX_ITEMS]
    if len(lines) > MAX_ITEMS:
        yield f"- … and {len(lines) - MAX_ITEMS} more (`argmap diff --format json` lists all)"


def markdown(diff: Diff) -> str:
    """The diff as GitHub-flavoured Markdown, for a pull-request comment (node keys as
    plain ids when the diff is of one map: see :func:`shortened`)."""
    diff = shortened(diff)
    out = [f"### argmap diff: {_md(diff.old)} → {_md(diff.new)}\n"]
    counts = {k: v for k, v in diff.counts().items() if v}
    if not counts and diff.empty:
        out.append("No change in the argument.")
        return "\n".join(out) + "\n"
    out.append("Summary: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or
                              "maps added or removed") + ".")
    holding = [c.value for c in FailOn if diff.holds(c)]
    if holding:
        out.append("\nConditions that hold: " + ", ".join(f"`{c}`" for c in holding) + ".")
    out.extend(_section("Maps added", [f"- {_md(m)}" for m in diff.maps_added]))
    out.extend(_section("Maps removed", [f"- {_md(m)}" for m in diff.maps_removed]))
    recs = []
    for r in diff.recommendations:
        line = f"- **{_md(r.key)}**: {r.evidence()}"
        if r.lost_evidence:
            line += " (**rests on no evidence now**)"
        recs.append(line + r.grounds(MAX_KEYS, _md))
    out.extend(_section("Recommendations whose support changed", recs))
    out.extend(_section("Acceptance (grounded label, DF-QuAD strength)", [
        f"- **{_md(a.key)}**: {a.status_before} → {a.status_after}, {a.strengths()}"
        for a in diff.acceptance]))
    out.extend(_section("Findings introduced", [_finding_line(p) for p in diff.introduced]))
    out.extend(_section("Findings resolved", [_finding_line(p) for p in diff.resolved]))
    out.extend(_section("Nodes", [_node_line(n) for n in diff.nodes]))
    out.extend(_section("Relations", [_relation_line(r) for r in diff.relations]))
    return "\n".join(out) + "\n"


def shortened(diff: Diff) -> Diff:
    """``diff`` with node keys written as plain ids when every key is of one map (the
    Markdown, the text report and the page show them so; the JSON keeps ``map:id``)."""
    keys = [*(k for n in diff.nodes for k in (n.key, n.old_key) if k),
            *(r.source for r in diff.relations),
            *(k for r in diff.recommendations for k in (r.key, *r.grounds_added,
                                                         *r.grounds_removed)),
            *(a.key for a in diff.acceptance)]
    names = {k.partition(":")[0] for k in keys}
    if len(names) != 1 or diff.maps_added or diff.maps_removed:
        return diff
    cut = len(names.pop()) + 1

    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k[cut:] for k in values)

    return replace(
        diff,
        nodes=tuple(n._replace(key=n.key[cut:], old_key=n.old_key and n.old_key[cut:])
                    for n in diff.nodes),
        relations=tuple(r._replace(source=r.source[cut:]) for r in diff.relations),
        recommendations=tuple(r._replace(key=r.key[cut:], grounds_added=ids(r.grounds_added),
                                         grounds_removed=ids(r.grounds_removed))
                              for r in diff.recommendations),
        acceptance=tuple(a._replace(key=a.key[cut:]) for a in diff.acceptance))
