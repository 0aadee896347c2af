"""The official Argdown CLI (``@argdown/cli``), for differential tests against argmap's importer.

``scripts/setup.sh --browser`` installs the pinned version with npm into
``.cache/argdown-cli/`` (git-ignored); a test that needs it and finds it missing installs it
the same way, and is skipped only where node or npm is missing. The CLI starts slowly
(about 0.8 s), so :func:`run_official` parses many documents in one run.

Both sides are reduced to the same :class:`Structure`: nodes keyed by the file and line
where the statement or argument first occurs (Argdown's ``startLine``, argmap's origin),
and relations as ``(source key, kind, target key)`` in argmap's terms, Argdown's
premise-conclusion structures read with argmap's documented rule (docs/interop.md).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.interop.argdown._build import build_traced
from argmap.interop.argdown._parse import parse
from argmap.interop.argdown._source import prepare_text

from .helpers import pinned_npm

ROOT = Path(__file__).resolve().parent.parent
#: The version the tests compare with (issue #15); scripts/setup.sh installs the same.
VERSION = "1.7.5"
FOLDER = ROOT / ".cache" / "argdown-cli"
BINARY = FOLDER / "node_modules" / ".bin" / "argdown"
#: Generous: only a hang fails on it (npm install, one batch of documents).
TIMEOUT = 600

_INCLUDE = re.compile(r"@include\(\s*([^)\s]+)\s*\)")
_ERRORS = re.compile(r"Argdown syntax errors in (.+?): \d+\s+At (\d+):(\d+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")

Key = tuple[str, int]
Relation = tuple[Key, str, Key]


def official_cli() -> Path:
    """The pinned CLI, installed first when missing; skip the test where npm is missing."""
    return pinned_npm(FOLDER, "@argdown/cli", VERSION, BINARY,
                      needs="to run the official Argdown CLI", timeout=TIMEOUT)


@dataclass(frozen=True)
class Official:
    """What the official CLI made of one document: its JSON, or its first error's place."""

    data: dict[str, Any] | None
    error: str | None = None


def run_official(documents: dict[str, tuple[str, Path | None]]) -> dict[str, Official]:
    """Parse every document (name -> (text, folder its includes resolve against)) with
    ``argdown json``, in as few runs as possible: an exception the CLI does not catch (a
    YAML error in data) ends its run, so the documents left go into further runs, halved
    until the one that stops the CLI is alone."""
    return _runs(official_cli(), documents)


def _runs(binary: Path, documents: dict[str, tuple[str, Path | None]]) -> dict[str, Official]:
    done = _batch(binary, documents)
    rest = {name: doc for name, doc in documents.items() if name not in done}
    if not rest:
        return done
    if done:
        return done | _runs(binary, rest)
    if len(rest) == 1:
        return {name: Official(None, "the official CLI stopped on it") for name in rest}
    names = list(rest)
    half = len(names) // 2
    return _runs(binary, {n: rest[n] for n in names[:half]}) | \
        _runs(binary, {n: rest[n] for n in names[half:]})


def _batch(binary: Path, documents: dict[str, tuple[str, Path | None]]) -> dict[str, Official]:
    """One run of ``argdown json`` on the documents: those it exported or refused."""
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        names: dict[str, str] = {}
        for k, (name, (text, base)) in enumerate(documents.items()):
            stem = f"doc{k:05d}"
            names[stem] = name
            (folder / f"{stem}.argdown").write_text(text, encoding="utf-8")
            # The include plugin resolves against the file's folder: copy what it includes,
            # and what that includes. Partials (`_x.argdown`) are never exported themselves.
            wanted = _INCLUDE.findall(text) if base is not None else []
            while wanted and base is not None:
                target = wanted.pop()
                if target.startswith("_") and (base / target).is_file() and \
                        not (folder / target).exists():
                    shutil.copyfile(base / target, folder / target)
                    wanted += _INCLUDE.findall((base / target).read_text(encoding="utf-8"))
        out = Path(tmp) / "out"
        proc = subprocess.run([str(binary), "json", f"{folder}/*.argdown", str(out)],
                              capture_output=True, text=True, check=False, timeout=TIMEOUT)
        report = _ANSI.sub("", proc.stdout + proc.stderr)
        errors = {Path(path).stem: f"{line}:{col}" for path, line, col in _ERRORS.findall(report)}
        results: dict[str, Official] = {}
        for stem, name in names.items():
            produced = out / f"{stem}.json"
            if produced.exists():
                results[name] = Official(json.loads(produced.read_text(encoding="utf-8")))
            elif stem in errors:
                results[name] = Official(None, errors[stem])
        return results


@dataclass
class Structure:
    """Statements, arguments and relations, comparable between the two parsers."""

    statements: set[Key] = field(default_factory=set)
    arguments: set[Key] = field(default_factory=set)
    relations: set[Relation] = field(default_factory=set)


_KINDS = {"support": "supports", "entails": "supports", "attack": "attacks",
          "contrary": "attacks", "undercut": "undercuts"}


def official_structure(data: dict[str, Any]) -> tuple[Structure, dict[Key, Key]]:
    """The structure of the official JSON export in argmap's terms (docs/interop.md), and
    the main conclusion of each reconstructed argument (argument key -> statement key)."""
    out = Structure()
    keys: dict[tuple[str, str], Key] = {}
    for title, ec in data.get("statements", {}).items():
        lines = [m["startLine"] for m in ec.get("members", [])]
        keys["equivalence-class", title] = ("line", min(lines, default=0))
        out.statements.add(keys["equivalence-class", title])
    arguments = data.get("arguments", {})
    for title, arg in arguments.items():
        lines = [m["startLine"] for m in arg.get("members", [])]
        lines += [s["startLine"] for s in arg.get("pcs", [])[:1]]
        keys["argument", title] = ("argument", min(lines, default=0))
        out.arguments.add(keys["argument", title])
    conclusions: dict[Key, Key] = {}
    for title, arg in arguments.items():
        pcs = arg.get("pcs", [])
        if pcs:
            conclusions[keys["argument", title]] = keys["equivalence-class", pcs[-1]["title"]]
        _reconstruction(pcs, keys["argument", title], keys, out)
    outgoing: dict[Key, set[tuple[str, Key]]] = {}
    relations = data.get("relations", [])
    for rel in relations:
        if rel["fromType"] == "argument" and rel["relationType"] in ("support", "attack"):
            outgoing.setdefault(keys["argument", rel["from"]], set()).add(
                (rel["relationType"], keys[rel["toType"], rel["to"]]))
    for rel in relations:
        src = keys[rel["fromType"], rel["from"]]
        kind = rel["relationType"]
        if rel["toType"] == "inference":
            pcs = arguments[rel["to"]]["pcs"]
            index = rel["conclusionIndex"]
            last = max(k for k, s in enumerate(pcs) if "inference" in s)
            tgt = keys["argument", rel["to"]] if index == last else \
                ("step", pcs[index]["inference"]["startLine"])
        else:
            tgt = keys[rel["toType"], rel["to"]]
        if kind in ("contradictory", "contradiction"):
            out.relations |= {(src, "attacks", tgt), (tgt, "attacks", src)}
        elif kind == "undercut" and rel["toType"] != "inference" and \
                not (rel["toType"] == "argument" and (arguments[rel["to"]].get("pcs")
                                                      or len(outgoing.get(tgt, ())) == 1)):
            # argmap undercuts an inference; without one it names, an attack (reported).
            out.relations.add((src, "attacks", tgt))
        else:
            out.relations.add((src, _KINDS.get(kind, kind), tgt))
    return out, conclusions


def _reconstruction(pcs: list[dict[str, Any]], argument: Key,
                    keys: dict[tuple[str, str], Key], out: Structure) -> None:
    """Premises support the inference's argument node, which supports its conclusion: the
    last inference's node is the argument, an earlier one a node of its own (a step)."""
    pending: list[Key] = []
    numbered: dict[int, Key] = {}
    conclusions = [k for k, s in enumerate(pcs) if "inference" in s]
    for k, statement in enumerate(pcs):
        key = keys["equivalence-class", statement["title"]]
        numbered.setdefault(k + 1, key)
        inference = statement.get("inference")
        if inference is None:
            pending.append(key)
            continue
        node = argument if k == conclusions[-1] else ("step", inference["startLine"])
        if node != argument:
            out.arguments.add(node)
        uses = (inference.get("data") or {}).get("uses") or \
            (statement.get("data") or {}).get("uses") or \
            (inference.get("data") or {}).get("from")
        premises = pending
        if isinstance(uses, list) and uses:
            premises = [numbered[int(u)] for u in uses if int(u) in numbered] or pending
        out.relations |= {(p, "supports", node) for p in premises}
        out.relations.add((node, "supports", key))
        pending = [key]


def moved_to_conclusions(structure: Structure, conclusions: dict[Key, Key]) -> Structure:
    """argmap's structure with Argdown's model rule applied: a reconstructed argument's
    outgoing relations are its main conclusion's (docs/interop.md, intended differences)."""
    moved = set()
    for src, kind, tgt in structure.relations:
        mover = src in conclusions and (kind, tgt) != ("supports", conclusions[src])
        moved.add((conclusions[src] if mover else src, kind, tgt))
    return Structure(structure.statements, structure.arguments, moved)


def argmap_structure(text: str, name: str, folder: Path | None) -> Structure:
    """The structure of argmap's import of the same text."""
    amap, _, origins = build_traced(parse(prepare_text(text, name, folder)), name)
    out = Structure()
    keys: dict[str, Key] = {}
    relation_ids: dict[str, str] = {}
    for node in amap.nodes:
        where = origins[node.id]
        argument = node.tags[:1] == ("argument",)
        kind = "step" if ".step-" in node.id else "argument" if argument else "line"
        # An included file's lines are its own: keep them apart from the document's.
        key: Key = (kind if where.path == name else f"{kind} {where.path}", where.line)
        keys[node.id] = key
        (out.arguments if argument else out.statements).add(key)
        for _, rel in node.relations():
            if rel.id is not None:
                relation_ids[rel.id] = node.id
    for node in amap.nodes:
        for kind, rel in node.relations():
            target = keys[relation_ids[rel.to] if kind.value == "undercuts" else rel.to]
            out.relations.add((keys[node.id], kind.value, target))
    return out
