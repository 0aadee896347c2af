"""Reports of check results and load errors: text (rich), JSON, SARIF 2.1.0, GitHub annotations.

A formatter is a plain callable ``(Report) -> str | rich renderable`` kept in
:data:`FORMATTERS` under its ``--format`` name. Formatters return values; the
CLI prints them. Output is deterministic: the same input gives the same bytes.

Only coloured text needs rich, and rich is imported only then: a check whose
report is piped or machine-read does not pay for importing it. The other
formats write each finding with one f-string of pre-encoded pieces (a check of
a large map reports tens of thousands of findings).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from argmap import __version__, safeio
from argmap.checks import RULES, CheckResult
from argmap.errors import Problem, Severity
from argmap.loading.source import MAX_BYTES, Document
from argmap.terminal import json_string, printable

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["FORMATTERS", "Formatter", "Report", "github", "json_report", "parsable", "sarif",
           "statistics", "statistics_json", "text"]


@dataclass(frozen=True)
class Report:
    """What a check run has to say: findings, acknowledged findings, load errors."""

    findings: tuple[Problem, ...] = ()
    acknowledged: tuple[tuple[Problem, str], ...] = ()
    load_errors: tuple[Problem, ...] = ()
    maps: int = 0
    nodes: int = 0
    texts: Mapping[str, str] = field(default_factory=dict, compare=False)
    """File texts by path, to show the offending line (read from disk when missing)."""
    baselined: int = 0
    """Findings left out because a baseline holds them (``--baseline``)."""
    source_only: bool = False
    """Whether the check left out the analyst's relations (said in the text summary)."""
    checking: bool = True
    """Whether the run was a check: the summary of its load errors says that nothing was
    checked (``argmap import`` or ``render`` stopped by one checks nothing anyway)."""

    @classmethod
    def from_result(cls, result: CheckResult) -> Report:
        """The report of a completed check."""
        reported = [m for m in result.maps if not m.context]
        return cls(result.findings, result.acknowledged, (), len(reported),
                   sum(len(m.map.nodes) for m in reported),
                   _Texts({m.path: m.document for m in result.maps}),
                   source_only=result.source_only)

    @classmethod
    def from_load_errors(cls, problems: Iterable[Problem],
                         texts: dict[str, str] | None = None, *,
                         checking: bool = True) -> Report:
        """The report of a run that could not load its maps (``texts``: what was read of
        inputs that are not files, such as standard input; ``checking``: whether the run
        was a check)."""
        return cls(load_errors=tuple(problems), texts=texts or {}, checking=checking)

    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        found = Counter(p.severity for p in self.findings)
        return {s.value: found[s] for s in Severity}


class _Texts(Mapping[str, str]):
    """The texts of loaded maps by path, each got from its document when asked for: a
    document may keep its text as UTF-8 bytes (see argmap.loading.source.Document), and
    only the text report shows lines."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self._documents = documents

    def __getitem__(self, path: str) -> str:
        return self._documents[path].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


Formatter = Callable[[Report], "str | RenderableType"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _lines(report: Report, path: str, cache: dict[str, list[str]]) -> list[str]:
    if path not in cache:
        text = report.texts.get(path)
        cache[path] = _read_lines(path) if text is None else text.splitlines()
    return cache[path]


def _read_lines(path: str) -> list[str]:
    """The lines of a file whose text the report lacks (a load error's file), or none.

    Read like any input (a regular file in the tree named, of at most the size of a
    map): the file of a load error may be a FIFO, ``/dev/zero`` or a link out of the
    tree. A link is not followed at all: its excerpt is not worth the doubt.
    """
    try:
        if os.path.islink(path):
            return []
        data = safeio.read_bytes(path, limit=MAX_BYTES, roots=safeio.tree_roots(path))
    except (OSError, ValueError, safeio.FileRefused):  # ValueError: a NUL in the path
        return []
    return data.decode("utf-8", errors="replace").splitlines()


def _by_file(report: Report) -> list[tuple[str, list[Problem]]]:
    """Load errors and findings grouped per file, files in path order."""
    by_file: dict[str, list[Problem]] = {}
    for p in (*report.load_errors, *report.findings):
        by_file.setdefault(p.location.path, []).append(p)
    return sorted(by_file.items())


def _rule_head(path: str) -> str:
    """The plain form of the rule above a file's problems (rich draws it in colour)."""
    head = f"── {printable(path)} "
    return head + "─" * max(0, 80 - len(head))


#: At most this many characters of a line are shown under a problem, this many of
#: them before the caret: a map written on one line (flow style) must not print
#: its whole text once per problem.
EXCERPT = 120
_BEFORE = 40


def _excerpt(line: str, col: int) -> tuple[str, int]:
    """The part of ``line`` shown under a problem at ``col``, and the caret's offset in it.

    A line of up to :data:`EXCERPT` characters is shown whole; a longer one is
    cut around the column, ``…`` marking each cut. Control characters are shown
    as escapes, and the caret still points at the column's character.
    """
    at = min(max(col - 1, 0), len(line))
    if len(line) <= EXCERPT:
        start, end = 0, len(line)
    else:
        start = max(0, min(at - _BEFORE, len(line) - EXCERPT))
        end = start + EXCERPT
    before = ("…" if start else "") + printable(line[start:at])
    shown = before + printable(line[at:end]) + ("…" if end < len(line) else "")
    # A column past the end of the line (a missing value) is shown past it, not far past.
    return shown, len(before) + min(max(col - 1 - len(line), 0), _BEFORE)


def _problems_plain(problems: Iterable[Problem], lines: list[str]) -> list[str]:
    """Problems as plain text: the parsable line, the YAML line with a caret, the hint.

    The characters of :func:`_problem_segments`, without the styles. Paths, hints
    and carets repeat, so each is made once.
    """
    hints: dict[str | None, str] = {None: "", "": ""}
    carets: dict[tuple[int, int], str] = {}
    paths: dict[str, str] = {}
    out = []
    for (path, line, col), code, message, severity, hint, _ in problems:
        if path not in paths:
            paths[path] = printable(path)
        head = f"{paths[path]}:{line}:{col}: {severity.value}: {printable(message)} [{code}]"
        if hint not in hints:
            hints[hint] = f"\n       hint: {printable(hint or '')}"
        if 0 < line <= len(lines):
            number = f"{line:>6}"
            shown, offset = _excerpt(lines[line - 1], col)
            if (len(number), offset) not in carets:
                carets[len(number), offset] = f"\n{' ' * len(number)} | {' ' * offset}^"
            out.append(f"{head}\n{number} | {shown}{carets[len(number), offset]}{hints[hint]}")
        else:
            out.append(head + hints[hint])
    return out


Segments = list[tuple[str, str]]


def _problem_segments(p: Problem, lines: list[str]) -> Segments:
    """One problem as (text, style) pieces: the parsable line, the YAML line, the hint."""
    style = _STYLE[p.severity]
    (path, line, col) = p.location
    out: Segments = [(f"{printable(path)}:{line}:{col}", "bold"), (": ", ""),
                     (p.severity.value, style), (f": {printable(p.message)} ", ""),
                     (f"[{p.code}]", "dim")]
    if 0 < line <= len(lines):
        gutter = f"{line:>6} | "
        shown, offset = _excerpt(lines[line - 1], col)
        out += [("\n" + gutter, "dim"), (shown, ""),
                ("\n" + " " * (len(gutter) - 2) + "| ", "dim"), (" " * offset + "^", style)]
    if p.hint:
        out += [("\n       hint: ", "dim"), (printable(p.hint), "")]
    return out


def text(report: Report, *, color: bool = True) -> RenderableType:
    """Human-readable report, grouped per file, with the offending line and a hint.

    With ``color=False`` the report is a plain string, built without rich: printing
    40,000 findings through rich takes seconds, and piped output has no colour anyway.
    """
    cache: dict[str, list[str]] = {}
    summary, summary_style = _summary(report)
    if not color:
        out: list[str] = []
        for path, problems in _by_file(report):
            lines = _lines(report, path, cache)
            out.append(_rule_head(path))
            out += _problems_plain(problems, lines)
        out.append(summary + "\n")
        return "\n".join(out)

    from rich.console import Group  # noqa: PLC0415 - rich only for colour
    from rich.rule import Rule  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    parts: list[RenderableType] = []
    for path, problems in _by_file(report):
        lines = _lines(report, path, cache)
        parts.append(Rule(Text(printable(path)), align="left", style="dim"))
        parts += [Text.assemble(*_problem_segments(p, lines)) for p in problems]
    parts.append(Text(summary, style=summary_style))
    return Group(*parts)


def _summary(report: Report) -> tuple[str, str]:
    """The last line of a text report and its style."""
    if report.load_errors:
        n = len(report.load_errors)
        stopped = ": nothing was checked." if report.checking else "."
        return f"{_plural(n, 'load error')}{stopped}", "bold red"
    c = report.counts()
    total = len(report.findings)
    maps = f"{_plural(report.maps, 'map')}, {_plural(report.nodes, 'node')}"
    ack = (f"; {len(report.acknowledged)} acknowledged" if report.acknowledged else "")
    if report.baselined:
        ack += f"; {report.baselined} in the baseline"
    if report.source_only:
        ack += "; the sources' relations only"
    if not total:
        return f"No findings ({maps}{ack}).", "bold green"
    return (f"{_plural(total, 'finding')} ({_plural(c['error'], 'error')}, "
            f"{_plural(c['warning'], 'warning')}, {c['info']} info) in {maps}{ack}.", "bold")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# A named tuple, not a dataclass: one costs every start 0.4 ms to make.
class _Encoded(NamedTuple):
    """A JSON array whose items its maker encodes, for :func:`_dumps` to lay out.

    ``items(indent)`` are the items already encoded, laid out for an item starting
    at ``indent`` (the lines of a multi-line item after its first start with it).
    """

    items: Callable[[str], list[str]]


def _dumps(value: Any, levels: int) -> str:
    """JSON laid out over ``levels`` levels of nesting, each deeper value on one line.

    One finding per line reads well and diffs well; it is also fast, because
    only ``json.dumps`` without ``indent`` runs in C (with ``indent`` it runs in
    Python: 3 s instead of 0.1 s for 40,000 findings). The text ends with a newline.
    """
    out: list[str] = []
    _lay_out(value, levels, "", out)
    out.append("\n")
    # One join: a report of many findings is tens of megabytes, too big to copy per level.
    return "".join(out)


def _lay_out(value: Any, levels: int, indent: str, out: list[str]) -> None:
    """Append the pieces of ``value`` laid out by :func:`_dumps` to ``out``."""
    inner = indent + "  "
    if isinstance(value, _Encoded):
        items = value.items(inner)
        if not items:
            out.append("[]")
            return
        out += ("[\n", inner, (",\n" + inner).join(items), "\n", indent, "]")
    elif levels <= 0 or not isinstance(value, dict | list) or not value:
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, dict):
        out.append("{")
        for i, (k, v) in enumerate(value.items()):
            out += (",\n" if i else "\n", inner, json.dumps(k, ensure_ascii=False), ": ")
            _lay_out(v, levels - 1, inner, out)
        out += ("\n", indent, "}")
    else:
        out.append("[")
        for i, v in enumerate(value):
            out += (",\n" if i else "\n", inner)
            _lay_out(v, levels - 1, inner, out)
        out += ("\n", indent, "]")


# ``json.dumps(s, ensure_ascii=False)`` of a string, without building an encoder per
# call, and with the characters that act on a terminal escaped.
_json_str: Callable[[str], str] = json_string


def _json_memo() -> Callable[[str | None], str]:
    """JSON of a string or None, each distinct value encoded once (paths, codes, hints repeat)."""
    memo: dict[str | None, str] = {None: "null"}

    def encode(s: str | None) -> str:
        try:
            return memo[s]
        except KeyError:
            out = memo[s] = _json_str(s or "")  # s is a string: None is in memo
            return out

    return encode


def _problems_json(problems: Iterable[Problem], enc: Callable[[str | None], str]) -> list[str]:
    """Problems as one-line JSON objects, as ``json.dumps`` writes them."""
    return [f'{{"path": {enc(path)}, "line": {line}, "column": {column}, '
            f'"severity": {enc(severity.value)}, "code": {enc(code)}, '
            f'"message": {_json_str(message)}, "hint": {enc(hint)}, '
            f'"node": {"null" if node is None else _json_str(node)}}}'
            for (path, line, column), code, message, severity, hint, node in problems]


def json_report(report: Report) -> str:
    """The report as JSON (documented in docs/cli.md)."""
    enc = _json_memo()

    def acknowledged(_: str) -> list[str]:
        problems = _problems_json((p for p, _ in report.acknowledged), enc)
        # Each object with one more member: {..., "reason": "..."}.
        return [f'{obj[:-1]}, "reason": {_json_str(reason)}}}'
                for obj, (_, reason) in zip(problems, report.acknowledged, strict=True)]

    data = {
        "argmap": __version__,
        "summary": {
            "maps": report.maps,
            "nodes": report.nodes,
            "findings": len(report.findings),
            **report.counts(),
            "acknowledged": len(report.acknowledged),
            "baselined": report.baselined,
            "load_errors": len(report.load_errors),
            "source_only": report.source_only,
        },
        "findings": _Encoded(lambda _: _problems_json(report.findings, enc)),
        "acknowledged": _Encoded(acknowledged),
        "load_errors": _Encoded(lambda _: _problems_json(report.load_errors, enc)),
    }
    return _dumps(data, 2)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    # A file name that is not UTF-8 holds surrogates (os.fsdecode): its bytes are encoded.
    # A colon is kept only in an absolute path: in a relative one, a map named
    # `javascript:x.yaml` in the folder checked made the URI `javascript:x.yaml`, which
    # a reader of the report takes for an absolute URI of the scheme `javascript`.
    posix = PurePath(path)
    return quote(posix.as_posix(), safe="/:" if posix.is_absolute() else "/",
                 errors="surrogateescape")


class _SarifResults:
    """SARIF results, each laid out as :func:`_dumps` would lay out its dictionary.

    A result is an object with one member per line; the members' values fit on
    one line each. What depends only on the rule, level or file is encoded once.
    """

    def __init__(self, indent: str) -> None:
        self.indent = indent
        self.sep = ",\n" + indent + "  "
        self.index = {r.id: i for i, r in enumerate(RULES.values())}
        self.heads: dict[tuple[str, Severity], str] = {}
        self.locations: dict[str, str] = {}

    def _head(self, code: str, severity: Severity) -> str:
        head = self.heads.get((code, severity))
        if head is None:
            head = self.heads[code, severity] = (
                "{\n" + self.indent + "  " + f'"ruleId": {_json_str(code)}' + self.sep
                + f'"level": {_json_str(_SARIF_LEVEL[severity])}' + self.sep + '"message": ')
        return head

    def _location(self, path: str) -> str:
        location = self.locations.get(path)
        if location is None:
            location = self.locations[path] = (
                '"locations": [{"physicalLocation": {"artifactLocation": '
                f'{{"uri": {_json_str(_uri(path))}}}, "region": {{"startLine": ')
        return location

    def result(self, p: Problem, suppression: str | None = None) -> str:
        """One result, suppressed in source with ``suppression`` as the justification."""
        (path, line, column), code, message, severity, hint, _ = p
        shown = message + (f" (hint: {hint})" if hint else "")
        out = (f'{self._head(code, severity)}{{"text": {_json_str(shown)}}}{self.sep}'
               f'{self._location(path)}{line}, "startColumn": {column}}}}}}}]')
        if code in self.index:
            out += f'{self.sep}"ruleIndex": {self.index[code]}'
        if suppression is not None:
            out += (f'{self.sep}"suppressions": [{{"kind": "inSource", '
                    f'"justification": {_json_str(suppression)}}}]')
        return out + "\n" + self.indent + "}"


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

    def results(indent: str) -> list[str]:
        sarif_results = _SarifResults(indent)
        result = sarif_results.result
        out = [result(p) for p in (*report.load_errors, *report.findings)]
        out += [result(p, reason) for p, reason in report.acknowledged]
        return out

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
            "results": _Encoded(results),
        }],
    }
    return _dumps(data, 5)


def _gh_escape(s: str, *, prop: bool = False) -> str:
    # The log that shows the commands is a terminal too: printable() after the new lines.
    s = printable(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(report: Report) -> str:
    """The report as GitHub Actions workflow commands (annotations on the diff)."""
    props: dict[str, str] = {}  # escaped paths and codes: they repeat
    out = []
    for (path, line, column), code, message, severity, hint, _ in (*report.load_errors,
                                                                  *report.findings):
        if path not in props:
            props[path] = _gh_escape(path, prop=True)
        if code not in props:
            props[code] = _gh_escape(code, prop=True)
        data = message + (f" (hint: {hint})" if hint else "")
        out.append(f"::{_GH_LEVEL[severity]} file={props[path]},line={line},col={column},"
                   f"title={props[code]}::{_gh_escape(data)}\n")
    return "".join(out)


def parsable(report: Report) -> str:
    """One line a problem, ``path:line:col: severity: message [code]``, and nothing else
    (``--quiet``: what grep, editors and yamllint's parsable format read)."""
    return "".join(f"{printable(str(p))}\n" for p in (*report.load_errors, *report.findings))


def _rule_counts(report: Report) -> list[tuple[int, str, Severity]]:
    """(count, rule, severity) of the findings, most frequent first."""
    counts = Counter((p.code, p.severity) for p in report.findings)
    return sorted(((n, code, severity) for (code, severity), n in counts.items()),
                  key=lambda row: (-row[0], row[1], row[2].rank))


def statistics(report: Report) -> str:
    """Findings counted per rule (``--statistics``), most frequent first: the count, the
    rule, its severity and what it finds, aligned."""
    rows = _rule_counts(report)
    if not rows:
        return ""
    width = len(str(rows[0][0]))
    code_width = max(len(code) for _, code, _ in rows)
    out = []
    for n, code, severity in rows:
        rule = RULES.get(code)
        summary = rule.summary if rule is not None else ""
        out.append(f"{n:>{width}}  {code:<{code_width}}  {severity.value:<7}  "
                   f"{summary}".rstrip() + "\n")
    return "".join(out)


def statistics_json(report: Report) -> str:
    """:func:`statistics` as JSON: ``{"argmap": VERSION, "statistics": [{"code",
    "severity", "count"}...]}`` (an object that starts like the JSON report, so that
    argmap knows the file as its own when writing over it)."""
    return _dumps({"argmap": __version__,
                   "statistics": [{"code": code, "severity": severity.value, "count": n}
                                  for n, code, severity in _rule_counts(report)]}, 2)


#: Report formats by ``--format`` name.
FORMATTERS: dict[str, Formatter] = {
    "text": text,
    "json": json_report,
    "sarif": sarif,
    "github": github,
}
