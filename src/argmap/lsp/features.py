"""Answers in the protocol's terms: diagnostics, hovers, symbols, code actions.

Each function takes what :mod:`argmap.lsp.analysis` and :mod:`argmap.lsp.index` know
and returns :mod:`lsprotocol` values; positions go through :class:`~argmap.lsp.text.Lines`
(UTF-16 columns).
"""

from __future__ import annotations

import ast
import json
import re
from typing import TYPE_CHECKING, Any

from lsprotocol import types as t

from argmap import Problem, Severity
from argmap.lsp.text import Lines, Span

if TYPE_CHECKING:
    from argmap import LoadedMap
    from argmap.lsp.analysis import Analysis

__all__ = ["acknowledge_edit", "code_actions", "diagnostic", "hover_text", "lsp_position",
           "lsp_range", "symbols"]

_SEVERITY = {Severity.ERROR: t.DiagnosticSeverity.Error,
             Severity.WARNING: t.DiagnosticSeverity.Warning,
             Severity.INFO: t.DiagnosticSeverity.Information}


def lsp_position(lines: Lines, line: int, col: int) -> t.Position:
    """The protocol's position of 0-based ``line`` and character ``col``, kept inside the
    document (lsprotocol refuses a negative one: the answer would be lost)."""
    line, col = lines.clamp(line, col)
    return t.Position(line, lines.to_units(line, col))


def lsp_range(lines: Lines, span: Span) -> t.Range:
    """The protocol's range of a span (UTF-16 columns)."""
    return t.Range(lsp_position(lines, span.line, span.start),
                   lsp_position(lines, span.line, span.end))


_QUOTED = re.compile(r"'([^'\\]*)'")


def _reference(problem: Problem, lines: Lines, span: Span) -> Span:
    """The span of the reference a dangling-reference problem names: the loader locates a
    relation written as a mapping (`- to: x`) at its `to` key."""
    text = lines.line(span.line)
    if problem.code != "dangling-reference" or text[span.end:span.end + 1] != ":":
        return span
    for ref in _QUOTED.findall(problem.message):
        found = re.search(rf"(?<![\w.:-]){re.escape(ref)}(?![\w.:-])", text[span.end:])
        if found is not None:
            return lines.token(span.line, span.end + found.start())
    return span


def diagnostic(problem: Problem, lines: Lines) -> t.Diagnostic:
    """A load error or finding as a diagnostic: the scalar at its location underlined."""
    loc = problem.location
    span = _reference(problem, lines, lines.token(*lines.place(loc.line, loc.col)))
    message = problem.message + (f"\nhint: {problem.hint}" if problem.hint else "")
    return t.Diagnostic(range=lsp_range(lines, span), message=message,
                        severity=_SEVERITY[problem.severity], code=problem.code,
                        source="argmap", data={"hint": problem.hint, "node": problem.node})


_STATUS = {"in": "accepted", "out": "rejected", "undec": "undecided"}


def hover_text(key: str, m: LoadedMap, analysis: Analysis | None) -> str | None:
    """Plain text about the node, relation or source ``key`` (``map:id``) of ``m``."""
    ident = key.split(":", 1)[1]
    for node in m.map.nodes:
        if node.id == ident:
            head = f"{node.kind.value} {node.id}"
            parts = [f"{head}: {node.title}" if node.title else head, node.text]
            if node.quote:
                parts.append(f"quote: \u201c{node.quote}\u201d")
            if node.source:
                src = next((s for s in m.map.sources if s.id == node.source), None)
                where = f", {node.locator}" if node.locator else ""
                parts.append(f"source: {src.title if src else node.source}{where}")
            evaluation = analysis.evaluation() if analysis is not None else None
            if evaluation is not None and key in evaluation.status:
                labels = "|".join(sorted(_STATUS.get(lab.value, lab.value)
                                         for lab in evaluation.status[key]))
                line = f"grounded: {labels}"
                strengths = evaluation.strengths
                if strengths is not None and key in strengths.values:
                    line += f"; DF-QuAD strength {strengths.values[key]:.2f}"
                parts.append(line)
            return "\n\n".join(parts)
    for src in m.map.sources:
        if src.id == ident:
            facts = [f for f in (src.author, src.date, src.url, src.text) if f]
            return "\n\n".join([f"source {src.id}", src.title, *facts])
    for node in m.map.nodes:
        for kind, rel in node.relations():
            if rel.id == ident:
                return f"relation {rel.id}: {node.id} {kind.value} {rel.to}" + (
                    f"\n\n{rel.note}" if rel.note else "")
    return None


_SYMBOL_KIND = {"claim": t.SymbolKind.Class, "evidence": t.SymbolKind.Constant,
                "recommendation": t.SymbolKind.Event, "assumption": t.SymbolKind.Interface,
                "objection": t.SymbolKind.Operator}


def symbols(m: LoadedMap, lines: Lines) -> list[t.DocumentSymbol]:
    """The outline: the nodes by section (in the order written), then sources and tensions."""
    nodes = m.map.nodes
    places = [lines.place(*m.node_location(i)[1:]) for i in range(len(nodes))]
    groups: dict[str, list[t.DocumentSymbol]] = {}
    for i, node in enumerate(nodes):
        first = places[i][0]
        last = max(first, (places[i + 1][0] - 1) if i + 1 < len(nodes) else first)
        name = lsp_range(lines, lines.token(*places[i]))
        whole = t.Range(lsp_position(lines, first, 0),
                        lsp_position(lines, last, len(lines.line(last))))
        # The title where there is one: the analyst's name for it, whole (at most 80).
        detail = f"{node.kind.value}: {node.title or node.text[:80]}"
        groups.setdefault(node.section or "nodes", []).append(t.DocumentSymbol(
            name=node.id, detail=detail, kind=_SYMBOL_KIND.get(node.kind.value,
                                                               t.SymbolKind.Object),
            range=t.Range(whole.start, t.Position(last, max(whole.end.character,
                                                            name.end.character))),
            selection_range=name))
    out = [_group(name, children) for name, children in groups.items()]
    parts: tuple[tuple[str, tuple[Any, ...]], ...] = (("sources", m.map.sources),
                                                       ("tensions", m.map.tensions))
    for part, items in parts:
        children = []
        for i, item in enumerate(items):
            loc = m.where((part, i, "id"))
            r = lsp_range(lines, lines.token(*lines.place(loc.line, loc.col)))
            children.append(t.DocumentSymbol(name=item.id, kind=t.SymbolKind.File
                                             if part == "sources" else t.SymbolKind.Struct,
                                             range=r, selection_range=r))
        if children:
            out.append(_group(part, children))
    return out


def _group(name: str, children: list[t.DocumentSymbol]) -> t.DocumentSymbol:
    whole = t.Range(children[0].range.start, children[-1].range.end)
    return t.DocumentSymbol(name=name, kind=t.SymbolKind.Namespace, range=whole,
                            selection_range=children[0].selection_range, children=children)


#: (A suggestion cut short with "…", errors.shown's mark, is no id to put in the map.)
_DID_YOU_MEAN = re.compile(r"did you mean '([^'\\\u2026]+)'\?")
_PASSAGE = "closest passage: "
#: What an acknowledgement added by the code action says until the analyst writes why.
REASON = "why this finding stands"


def code_actions(uri: str, lines: Lines, analysis: Analysis | None,
                 diagnostics: list[t.Diagnostic]) -> list[t.CodeAction]:
    """Quick fixes for the diagnostics at a place: take the "did you mean" id, put the
    closest passage in a quote, acknowledge a finding in its node."""
    from argmap.checks import RULES  # noqa: PLC0415 - the registry, for rule findings

    out: list[t.CodeAction] = []
    for d in diagnostics:
        data: dict[str, Any] = d.data if isinstance(d.data, dict) else {}
        hint = data.get("hint") or ""
        fix: tuple[str, str] | None = None
        if (found := _DID_YOU_MEAN.search(hint)) is not None and \
                _written(lines, d.range) in _QUOTED.findall(d.message):
            # (Only where the range holds the word the message names: never a key for a value.)
            fix = (f"Change to '{found.group(1)}'", found.group(1))
        elif d.code == "quote-not-found" and hint.startswith(_PASSAGE):
            passage = _literal(hint[len(_PASSAGE):])
            if passage and not passage.endswith("\u2026") and d.range.start.line == \
                    d.range.end.line:
                fix = ("Quote the closest passage of the source", json.dumps(
                    passage, ensure_ascii=False))
        if fix is not None:
            edit = t.WorkspaceEdit(changes={uri: [t.TextEdit(d.range, fix[1])]})
            out.append(t.CodeAction(title=fix[0], kind=t.CodeActionKind.QuickFix,
                                    diagnostics=[d], edit=edit, is_preferred=True))
        node = data.get("node")
        if isinstance(node, str) and d.code in RULES and analysis is not None and \
                analysis.current is not None:
            edit_ack = acknowledge_edit(analysis.current, lines, node, str(d.code))
            if edit_ack is not None:
                out.append(t.CodeAction(
                    title=f"Acknowledge {d.code} in {node.split(':', 1)[1]}",
                    kind=t.CodeActionKind.QuickFix, diagnostics=[d],
                    edit=t.WorkspaceEdit(changes={uri: [edit_ack]})))
    return out


def _written(lines: Lines, r: t.Range) -> str | None:
    """The text of a range on one line (``None`` across lines)."""
    if r.start.line != r.end.line:
        return None
    line = r.start.line
    return lines.line(line)[lines.from_units(line, r.start.character):
                            lines.from_units(line, r.end.character)]


def _literal(text: str) -> str | None:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def acknowledge_edit(m: LoadedMap, lines: Lines, key: str, rule: str) -> t.TextEdit | None:
    """The edit that adds ``rule: reason`` to the ``acknowledge:`` of node ``key`` (creating
    it under the node's ``id:``); ``None`` when the node is not written in block style."""
    ident = key.split(":", 1)[1]
    index = next((i for i, n in enumerate(m.map.nodes) if n.id == ident), None)
    if index is None or key.split(":", 1)[0] != m.name:
        return None
    node = m.map.nodes[index]
    reason = json.dumps(REASON)
    if node.acknowledge:
        first = m.where(("nodes", index, "acknowledge", next(iter(node.acknowledge))),
                        key=True)
        line, col = lines.place(first.line, first.col)
        text = lines.line(line)
        if text[:col].strip():
            return None  # a flow mapping `{rule: why}`: left to the analyst
        at = lsp_position(lines, line, 0)
        return t.TextEdit(t.Range(at, at), f"{text[:col]}{rule}: {reason}\n")
    key_at = m.where(("nodes", index, "id"), key=True)
    line, col = lines.place(key_at.line, key_at.col)
    text = lines.line(line)
    if not text[col:].startswith("id:") or text[:col].strip() not in ("", "-"):
        return None
    indent = " " * col
    added = f"{indent}acknowledge:\n{indent}  {rule}: {reason}\n"
    if line + 1 < len(lines):
        at = t.Position(line + 1, 0)
    else:  # the `id:` line ends the text: no line after it to insert before
        at = lsp_position(lines, line, len(text))
        added = "\n" + added.rstrip("\n")
    return t.TextEdit(t.Range(at, at), added)
