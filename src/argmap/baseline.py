"""Baselines: adopt ``argmap check`` on a body of maps that already has findings.

``argmap check --write-baseline FILE`` records the findings of today;
``argmap check --baseline FILE`` then reports only findings that are not in it,
so a team can require "no new findings" long before "no findings".

A finding is recorded by a fingerprint that survives edits around it: a hash of
its rule, its map's path (relative to the baseline file's folder), the node it is
about (by id) and its message with line and column numbers taken out and the map's
folder as it was given on the command line taken out. Moving a node, adding
others or checking from another folder leaves fingerprints as they were; renaming
the node, moving the map or changing what the finding says makes a new finding.
Identical fingerprints (two findings that say the same about the same node) are
counted: a baseline holding one lets one through, not a second.

The file is JSON, one finding a line, sorted, and the same bytes for the same
findings; it starts with argmap's mark (``"generator": "argmap"``), so that argmap
writes over a baseline it wrote and over no other JSON file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap import safeio
from argmap.errors import LoadError, Location, Problem
from argmap.inputs import STDIN
from argmap.loading import source
from argmap.terminal import json_safe

__all__ = ["FORMAT", "Baseline", "fingerprint", "fingerprints", "parse", "read", "text"]

#: The version of the baseline file's layout (its ``argmap-baseline`` member).
FORMAT = 1
#: Characters of the hex SHA-256 kept: 64 bits tell apart far more findings than a
#: baseline holds, and keep the file short.
_DIGITS = 16
# "line 12", "lines 3-4", "column 7": positions change whenever the map is edited above.
_POSITION = re.compile(r"\b(line|lines|column|col)\s+\d+(?:\s*[-\u2013:,]\s*\d+)*")


@dataclass(frozen=True)
class Baseline:
    """The findings of a baseline file: fingerprint -> how many."""

    counts: Counter[str]

    def filter(self, findings: Sequence[Problem],
               folder: Path) -> tuple[tuple[Problem, ...], int]:
        """The findings not in the baseline, and how many were (``folder``: the baseline
        file's). Each recorded finding lets through one finding of its fingerprint."""
        left = Counter(self.counts)
        keys = _Keys(folder)
        kept = []
        for p in findings:
            fp = keys.fingerprint(p)
            if left[fp] > 0:
                left[fp] -= 1
            else:
                kept.append(p)
        return tuple(kept), len(findings) - len(kept)


class _Keys:
    """Fingerprints of findings, with what repeats (paths, prefixes) computed once."""

    def __init__(self, folder: Path) -> None:
        self.folder = os.path.realpath(folder)
        self.paths: dict[str, tuple[str, str]] = {}

    def path(self, path: str) -> tuple[str, str]:
        """The map's path relative to the baseline's folder, and the map's folder as the
        command line gave it (to take out of messages that name files beside the map)."""
        found = self.paths.get(path)
        if found is None:
            if path == STDIN:
                found = (STDIN, "")
            else:
                rel = os.path.relpath(os.path.realpath(path), self.folder)
                folder = os.path.dirname(path)
                found = (rel.replace(os.sep, "/"), folder + os.sep if folder else "")
            self.paths[path] = found
        return found

    def parts(self, p: Problem) -> tuple[str, str, str, str]:
        """(rule, path, node, message) of a finding, as fingerprinted."""
        rel, folder = self.path(p.location.path)
        message = p.message.replace(folder, "") if folder else p.message
        return p.code, rel, p.node or "", _POSITION.sub(r"\1 #", message)

    def fingerprint(self, p: Problem) -> str:
        """The fingerprint of a finding."""
        data = "\x1f".join(self.parts(p)).encode("utf-8", errors="surrogateescape")
        return hashlib.sha256(data).hexdigest()[:_DIGITS]


def fingerprint(problem: Problem, folder: Path) -> str:
    """The fingerprint of ``problem`` in a baseline file in ``folder`` (see the module)."""
    return _Keys(folder).fingerprint(problem)


def fingerprints(problems: Iterable[Problem], folder: Path) -> list[str]:
    """The fingerprints of ``problems`` in a baseline file in ``folder``, in order (each
    map's path resolved once: ``argmap diff`` fingerprints thousands of findings)."""
    keys = _Keys(folder)
    return [keys.fingerprint(p) for p in problems]


def text(findings: Iterable[Problem], folder: Path) -> str:
    """The baseline file of ``findings``, to be written in ``folder``.

    One finding a line with its count, rule, map, node and message beside its
    fingerprint (for a person reading a diff of the baseline), sorted.
    """
    keys = _Keys(folder)
    counts: Counter[str] = Counter()
    shown: dict[str, tuple[str, str, str, str]] = {}
    for p in findings:
        fp = keys.fingerprint(p)
        counts[fp] += 1
        shown.setdefault(fp, keys.parts(p))
    # By map, rule, node and message: the order a reader looks for a finding in.
    rows = sorted(shown.items(), key=lambda item: (item[1][1], item[1][0], item[1][2],
                                                   item[1][3], item[0]))
    # Safe to show on a terminal (`cat`, a diff): a message may hold any character.
    entries = [json_safe(json.dumps({"fingerprint": fp, "count": counts[fp], "path": path,
                                     "code": code, "node": node or None, "message": message},
                                    ensure_ascii=False))
               for fp, (code, path, node, message) in rows]
    body = ",\n    ".join(entries)
    return ('{\n  "generator": "argmap",\n  "argmap-baseline": ' + str(FORMAT) + ',\n'
            '  "findings": [' + (f"\n    {body}\n  " if entries else "") + "]\n}\n")


#: Largest baseline read: about 150 bytes a finding, so some 200,000 findings.
MAX_BASELINE_BYTES = safeio.MAX_BYTES
_HINT = "write it with `argmap check --write-baseline FILE`"


def read(path: Path) -> Baseline:
    """The baseline in the file ``path``.

    Raises :class:`LoadError` (located) for a file argmap will not read or that is
    not a baseline.
    """
    name = str(path)
    try:
        raw = safeio.read_bytes(path, limit=MAX_BASELINE_BYTES, noun="baselines")
    except safeio.FileRefused as exc:
        raise LoadError([Problem(Location(name), "baseline", exc.message, hint=_HINT)]) \
            from None
    except OSError as exc:
        raise LoadError([Problem(Location(name), "baseline",
                                 f"cannot read file: {exc.strerror or exc}", hint=_HINT)]) \
            from None
    return parse(source.decode(raw, name), name)


def parse(text: str, name: str = "<baseline>") -> Baseline:
    """The baseline in ``text`` (the content of a baseline file called ``name``).

    Raises :class:`LoadError` (located) for text that is not a baseline.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError([Problem(Location(name, exc.lineno, exc.colno), "baseline",
                                 f"invalid JSON: {exc.msg}", hint=_HINT)]) from None
    except RecursionError:
        raise LoadError([Problem(Location(name), "baseline", "JSON nested too deeply to read",
                                 hint=_HINT)]) from None
    return Baseline(_counts(data, name))


def _counts(data: Any, name: str) -> Counter[str]:
    """The fingerprint counts of a parsed baseline file."""
    def fail(message: str) -> LoadError:
        return LoadError([Problem(Location(name), "baseline", message, hint=_HINT)])

    if not isinstance(data, dict) or data.get("argmap-baseline") != FORMAT:
        raise fail(f"not an argmap baseline (an object with \"argmap-baseline\": {FORMAT})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise fail('"findings" must be a list')
    counts: Counter[str] = Counter()
    for i, entry in enumerate(findings):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        count = entry.get("count") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise fail(f"findings[{i}]: \"fingerprint\" must be a string")
        if type(count) is not int or count < 1:
            raise fail(f"findings[{i}]: \"count\" must be a whole number of at least 1")
        counts[fp] += count
    return counts
