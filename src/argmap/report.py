"""Reports of check results and load errors: text (rich), JSON, SARIF 2.1.0, GitHub annotations.

A formatter is a plain callable ``(Report) -> str | rich renderable`` kept in
:data:`FORMATTERS` under its ``--format`` name. Formatters return values; the
CLI prints them. Output is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from rich.console import Group, RenderableType
from rich.rule import Rule as RichRule
from rich.text import Text

from argmap import __version__
from argmap.checks import RULES, CheckResult
from argmap.errors import Problem, Severity

__all__ = ["FORMATTERS", "Formatter", "Report", "github", "json_report", "sarif", "text"]


@dataclass(frozen=True)
class Report:
    """What a check run has to say: findings, acknowledged findings, load errors."""

    findings: tuple[Problem, ...] = ()
    acknowledged: tuple[tuple[Problem, str], ...] = ()
    load_errors: tuple[Problem, ...] = ()
    maps: int = 0
    nodes: int = 0
    texts: dict[str, str] = field(default_factory=dict, compare=False)
    """File texts by path, to show the offending line (read from disk when missing)."""

    @classmethod
    def from_result(cls, result: CheckResult) -> Report:
        """The report of a completed check."""
        reported = [m for m in result.maps if not m.context]
        return cls(result.findings, result.acknowledged, (), len(reported),
                   sum(len(m.map.nodes) for m in reported),
                   {m.path: m.document.text for m in result.maps})

    @classmethod
    def from_load_errors(cls, problems: Iterable[Problem]) -> Report:
        """The report of a run that could not load its maps."""
        return cls(load_errors=tuple(problems))

    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        out = {s.value: 0 for s in Severity}
        for p in self.findings:
            out[p.severity.value] += 1
        return out


Formatter = Callable[[Report], "str | RenderableType"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _lines(report: Report, path: str, cache: dict[str, list[str]]) -> list[str]:
    if path not in cache:
        text = report.texts.get(path)
        if text is None:
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
        cache[path] = text.splitlines()
    return cache[path]


Segments = list[tuple[str, str]]


def _problem_segments(report: Report, p: Problem, cache: dict[str, list[str]]) -> Segments:
    """One problem as (text, style) pieces: the parsable line, the YAML line, the hint."""
    style = _STYLE[p.severity]
    out: Segments = [(str(p.location), "bold"), (": ", ""), (p.severity.value, style),
                     (f": {_printable(p.message)} ", ""), (f"[{p.code}]", "dim")]
    lines = _lines(report, p.location.path, cache)
    if 0 < p.location.line <= len(lines):
        gutter = f"{p.location.line:>6} | "
        out += [("\n" + gutter, "dim"), (_printable(lines[p.location.line - 1]), ""),
                ("\n" + " " * (len(gutter) - 2) + "| ", "dim"),
                (" " * (p.location.col - 1) + "^", style)]
    if p.hint:
        out += [("\n       hint: ", "dim"), (_printable(p.hint), "")]
    return out


def _printable(s: str) -> str:
    """User text made safe for a terminal: control characters (ESC included) shown as U+FFFD."""
    if s.isprintable():
        return s
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in s)


def _file_segments(report: Report) -> list[tuple[str, list[Segments]]]:
    cache: dict[str, list[str]] = {}
    by_file: dict[str, list[Problem]] = {}
    for p in (*report.load_errors, *report.findings):
        by_file.setdefault(p.location.path, []).append(p)
    return [(path, [_problem_segments(report, p, cache) for p in by_file[path]])
            for path in sorted(by_file)]


def text(report: Report, *, color: bool = True) -> RenderableType:
    """Human-readable report, grouped per file, with the offending line and a hint.

    With ``color=False`` the report is a plain string, built without rich: printing
    40,000 findings through rich takes seconds, and piped output has no colour anyway.
    """
    files = _file_segments(report)
    summary = _summary(report)
    if not color:
        out: list[str] = []
        for path, problems in files:
            head = f"── {_printable(path)} "
            out.append(head + "─" * max(0, 80 - len(head)))
            out.extend("".join(piece for piece, _ in segments) for segments in problems)
        out.append(summary.plain)
        return "\n".join(out) + "\n"
    parts: list[RenderableType] = []
    for path, problems in files:
        parts.append(RichRule(Text(_printable(path)), align="left", style="dim"))
        parts.extend(Text.assemble(*segments) for segments in problems)
    parts.append(summary)
    return Group(*parts)


def _summary(report: Report) -> Text:
    if report.load_errors:
        n = len(report.load_errors)
        return Text(f"{_plural(n, 'load error')}: nothing was checked.",
                    style="bold red")
    c = report.counts()
    total = len(report.findings)
    maps = f"{_plural(report.maps, 'map')}, {_plural(report.nodes, 'node')}"
    ack = (f"; {len(report.acknowledged)} acknowledged" if report.acknowledged else "")
    if not total:
        return Text(f"No findings ({maps}{ack}).", style="bold green")
    return Text(f"{_plural(total, 'finding')} ({_plural(c['error'], 'error')}, "
                f"{_plural(c['warning'], 'warning')}, {c['info']} info) in {maps}{ack}.",
                style="bold")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _dumps(value: Any, levels: int, indent: str = "") -> str:
    """JSON laid out over ``levels`` levels of nesting, each deeper value on one line.

    One finding per line reads well and diffs well; it is also fast, because
    only ``json.dumps`` without ``indent`` runs in C (with ``indent`` it runs in
    Python: 3 s instead of 0.1 s for 40,000 findings).
    """
    if levels <= 0 or not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False)
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: "
                 f"{_dumps(v, levels - 1, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    items = [inner + _dumps(v, levels - 1, inner) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + indent + "]"


def _problem_json(p: Problem) -> dict[str, Any]:
    return {
        "path": p.location.path,
        "line": p.location.line,
        "column": p.location.col,
        "severity": p.severity.value,
        "code": p.code,
        "message": p.message,
        "hint": p.hint,
        "node": p.node,
    }


def json_report(report: Report) -> str:
    """The report as JSON (documented in docs/cli.md)."""
    data = {
        "argmap": __version__,
        "summary": {
            "maps": report.maps,
            "nodes": report.nodes,
            "findings": len(report.findings),
            **report.counts(),
            "acknowledged": len(report.acknowledged),
            "load_errors": len(report.load_errors),
        },
        "findings": [_problem_json(p) for p in report.findings],
        "acknowledged": [{**_problem_json(p), "reason": r} for p, r in report.acknowledged],
        "load_errors": [_problem_json(p) for p in report.load_errors],
    }
    return _dumps(data, 2) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:")


def _sarif_result(p: Problem, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": p.code,
        "level": _SARIF_LEVEL[p.severity],
        "message": {"text": p.message + (f" (hint: {p.hint})" if p.hint else "")},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(p.location.path)},
                "region": {"startLine": p.location.line, "startColumn": p.location.col},
            }
        }],
    }
    if p.code in rule_index:
        result["ruleIndex"] = rule_index[p.code]
    return result


def sarif(report: Report) -> str:
    """The report as SARIF 2.1.0 (GitHub code scanning and other viewers)."""
    rules = [
        {
            "id": r.id,
            "name": "".join(w.capitalize() for w in r.id.split("-")),
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc.split("\n\n")[1] if "\n\n" in r.doc
                                else r.summary},
            "help": {"text": r.doc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        }
        for r in RULES.values()
    ]
    index = {r.id: i for i, r in enumerate(RULES.values())}
    results = [_sarif_result(p, index) for p in (*report.load_errors, *report.findings)]
    for p, reason in report.acknowledged:
        res = _sarif_result(p, index)
        res["suppressions"] = [{"kind": "inSource", "justification": reason}]
        results.append(res)
    data = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "argmap",
                "version": __version__,
                "informationUri": "https://pypi.org/project/argmap/",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return _dumps(data, 5) + "\n"


def _gh_escape(s: str, *, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(report: Report) -> str:
    """The report as GitHub Actions workflow commands (annotations on the diff)."""
    out = []
    for p in (*report.load_errors, *report.findings):
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        out.append(
            f"::{_GH_LEVEL[p.severity]} file={_gh_escape(p.location.path, prop=True)},"
            f"line={p.location.line},col={p.location.col},"
            f"title={_gh_escape(p.code, prop=True)}::{_gh_escape(message)}"
        )
    return "".join(line + "\n" for line in out)


#: Report formats by ``--format`` name.
FORMATTERS: dict[str, Formatter] = {
    "text": text,
    "json": json_report,
    "sarif": sarif,
    "github": github,
}
